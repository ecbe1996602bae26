"""Test helpers: inline file trees, a minimal valid territory, the real CLI entry point."""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from clsm_cli.cli.main import main
from clsm_cli.french.dates import WORD_JOINER

REPO = Path(__file__).resolve().parent.parent
PLANS = REPO / "plans"

_MINIMAL: dict[str, str] = {
    "clsm.yaml": """\
        nom: CLSM de Test
        territoire: Ville de Test
        partenaires_fondateurs: [ville, unafam]
        coordination:
          structure_porteuse: ville
          etp: 0.5
        instances:
          - id: copil
            nom: Comité de pilotage
            type: copil
            membres:
              - partenaire: ville
              - partenaire: unafam
        """,
    "partenaires.yaml": """\
        partenaires:
          - id: ville
            nom: Ville de Test
            secteur: collectivite
          - id: unafam
            nom: UNAFAM
            secteur: habitants-usagers-citoyens
            representant_usagers: true
          - id: ch
            nom: Centre hospitalier
            secteur: sante
        """,
    "plan.yaml": """\
        titre: Plan 2022-2024
        periode: {debut: 2022, fin: 2024}
        axes:
          - id: "1"
            titre: Lutter contre la stigmatisation
            objectifs:
              - id: "1.1"
                titre: Sensibiliser
                actions:
                  - id: 1.1.1
                    titre: Former les acteurs
                    pilote: ch
                    partenaires: [ville]
                    indicateurs:
                      - id: 1.1.1-a
                        libelle: Acteurs formés
                        unite: pourcentage
                        numerateur: acteurs formés
                        denominateur: acteurs concernés
                        cibles: [{valeur: 60}]
                      - id: 1.1.1-b
                        libelle: Participants
                        unite: nombre
                        calcul: somme-participants
        """,
    "activite/2022.yaml": """\
        annee: 2022
        realisations:
          - action: 1.1.1
            type: formation
            titre: Info-formation
            date: 2022-05
            partenaires: [ch]
            seances:
              - date: 2022-05-06
                participants: 11
              - date: 2022-05-20
                participants: 10
        reunions:
          - instance: copil
            date: 2022-04
            presents: [ville, unafam]
        mesures:
          - indicateur: 1.1.1-a
            numerateur: 35
            denominateur: 42
        """,
}


MINIMAL = {name: textwrap.dedent(text) for name, text in _MINIMAL.items()}


def at(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the n-th occurrence of needle in text."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Write files (dedented) under root; return root."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def territory(tmp_path: Path) -> Callable[..., Path]:
    """Build the minimal territory, with some files replaced or added."""

    def build(**overrides: str) -> Path:
        files = dict(MINIMAL)
        for name, text in overrides.items():
            files[name.replace("__", "/").replace("_yaml", ".yaml")] = text
        return write_tree(tmp_path / "territoire", files)

    return build


@dataclass
class Result:
    """What a CLI run printed and returned."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Result]:
    """Run `clsm ARGS…` through the real entry point, in-process."""

    def run(*args: str | Path, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        monkeypatch.setattr(sys, "argv", ["clsm", *map(str, args)])
        capsys.readouterr()
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        else:  # pragma: no cover - main always exits
            code = 0
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def visible(text: str) -> str:
    """A text as a reader sees it: without the invisible word joiners that keep the HTML's
    ranges of years on one line in the HTML and the DOCX (`french.dates.joined_ranges`)."""
    return text.replace(WORD_JOINER, "")


def bilans_sources(
    cli: Callable[..., Result], root: Path, folder: Path, formats: tuple[str, ...]
) -> dict[str, str]:
    """The 2022 bilan in each format, as written: the file's text, the DOCX's document.xml."""
    import zipfile

    sources = {}
    for fmt in formats:
        target = folder / f"bilan.{fmt}"
        result = cli("report", "2022", root, "-o", target)
        assert result.code == 0, (fmt, result.err)
        if fmt == "docx":
            with zipfile.ZipFile(target) as archive:
                sources[fmt] = visible(archive.read("word/document.xml").decode())
        else:
            sources[fmt] = visible(target.read_text(encoding="utf-8"))
    return sources


def libreoffice_pdf(libreoffice: str, source: Path, folder: Path) -> Path:
    """Convert a document with LibreOffice (a private profile in `folder`); the PDF's path."""
    import subprocess

    subprocess.run(
        [
            libreoffice,
            f"-env:UserInstallation=file://{folder}/profil",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        timeout=240,
        check=True,
    )
    return folder / f"{source.stem}.pdf"
