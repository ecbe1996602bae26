"""The catalogue of bad inputs: each one through the real CLI, in a subprocess.

Every case must end with the expected exit code and problem code, a French message that
names the file (and the line when there is one), no traceback, in under 5 seconds and
under 500 MB of memory.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import MINIMAL, write_tree

MAX_SECONDS = 15.0
"""Not a speed target (benchmarks/bench.py measures speed): the bound that tells a refusal from
a hang. A normal run takes 0.3 s (validate) to 2 s (report, which also starts matplotlib in a
worker); what this guards against (10**9 loops, a billion-character string, entity bombs)
would take minutes. Generous, so that a loaded two-core machine does not fail it."""
MAX_MEMORY_KB = 500 * 1024


@dataclass
class Case:
    """One bad input: the file it replaces, what clsm must answer."""

    name: str
    file: str
    content: bytes | Callable[[Path], None]
    code: str | None
    exit: int = 1
    line: bool = True
    args: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)


def text(value: str) -> bytes:
    return value.encode("utf-8")


def partners(extra: str) -> bytes:
    return text(MINIMAL["partenaires.yaml"] + extra)


def clsm_with(line: str) -> bytes:
    return text(
        MINIMAL["clsm.yaml"].replace(
            "territoire: Ville de Test", f"territoire: Ville de Test\n{line}"
        )
    )


def sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with path.open("wb") as handle:
            handle.write(b"nom: T\n")
            handle.truncate(size)

    return make


def many_partners(count: int) -> bytes:
    rows = "".join(
        f"  - id: p{i}\n    nom: Structure partenaire numéro {i}\n    secteur: sante\n"
        for i in range(count)
    )
    return text(MINIMAL["partenaires.yaml"] + rows)


LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(9)
)

CASES = [
    # YAML syntax and structure
    Case(
        "syntaxe-milieu",
        "plan.yaml",
        text(MINIMAL["plan.yaml"].replace("titre: Sensibiliser", "titre: [Sensibiliser")),
        "yaml-syntaxe",
    ),
    Case(
        "syntaxe-fin",
        "plan.yaml",
        text(MINIMAL["plan.yaml"] + 'description: "pas fermé\n'),
        "yaml-syntaxe",
    ),
    Case("tabulations", "partenaires.yaml", text("partenaires:\n\t- id: a\n"), "yaml-syntaxe"),
    Case(
        "cles-dupliquees",
        "partenaires.yaml",
        text("partenaires: []\npartenaires: []\n"),
        "cle-dupliquee",
    ),
    Case("bombe-alias", "partenaires.yaml", text(LAUGHS), "alias-interdit"),
    Case("alias-recursif", "partenaires.yaml", text("partenaires: &a [*a]\n"), "alias-interdit"),
    Case(
        "imbrication-bloc",
        "partenaires.yaml",
        text("partenaires:\n" + "- " * 10_000 + "x\n"),
        "imbrication-trop-profonde",
    ),
    Case(
        "imbrication-flux",
        "partenaires.yaml",
        text("partenaires: " + "[" * 10_000 + "\n"),
        "imbrication-trop-profonde",
    ),
    Case("fichier-de-plusieurs-mo", "partenaires.yaml", many_partners(40_000), None, exit=0),
    Case(
        "fichier-trop-gros",
        "partenaires.yaml",
        sparse(50 * 1024 * 1024),
        "fichier-trop-gros",
        line=False,
    ),
    Case(
        "ligne-de-2-mo", "clsm.yaml", clsm_with("notes: " + "x" * 2_000_000), "valeur-hors-bornes"
    ),
    Case(
        "plusieurs-documents",
        "partenaires.yaml",
        text("partenaires: []\n---\npartenaires: []\n"),
        "plusieurs-documents",
    ),
    Case(
        "directive-yaml-1.1",
        "partenaires.yaml",
        text("%YAML 1.1\n---\npartenaires: []\n"),
        "directive-interdite",
    ),
    Case(
        "directive-inconnue",
        "partenaires.yaml",
        text("%FOO bar\n---\npartenaires: []\n"),
        "directive-interdite",
    ),
    Case(
        "etiquette-python",
        "partenaires.yaml",
        text("partenaires: !!python/object/apply:os.system [ls]\n"),
        "tag-interdit",
    ),
    Case(
        "etiquette-inconnue", "partenaires.yaml", text("partenaires: !secret []\n"), "tag-interdit"
    ),
    Case("binaire", "partenaires.yaml", bytes(range(256)) * 40, "fichier-binaire"),
    Case("octets-nuls", "partenaires.yaml", b"partenaires: []\n\x00\x00", "fichier-binaire"),
    Case(
        "controle-echappe", "clsm.yaml", clsm_with('mission: "bip\\x07 \\e"'), "caractere-interdit"
    ),
    Case("nel-u0085", "clsm.yaml", clsm_with("mission: suite\u0085fin"), "yaml-syntaxe"),
    Case("deux-points-colles", "clsm.yaml", clsm_with("mission:Prévenir"), "yaml-syntaxe"),
    Case(
        "commentaire-dans-valeur",
        "clsm.yaml",
        clsm_with("mission: Semaine #SISM"),
        "commentaire-dans-valeur",
        exit=0,
    ),
    Case("vide", "partenaires.yaml", b"", "fichier-vide"),
    Case(
        "commentaires-seuls", "partenaires.yaml", text("# rien\n# toujours rien\n"), "fichier-vide"
    ),
    Case("espaces-seuls", "partenaires.yaml", text("   \n\n  \n"), "fichier-vide"),
    Case("liste-en-tete", "partenaires.yaml", text("- id: a\n"), "racine-invalide"),
    Case("valeur-seule", "partenaires.yaml", text("bonjour\n"), "racine-invalide"),
    Case(
        "windows-1252-valeurs",
        "clsm.yaml",
        clsm_with("mission: Améliorer la santé").decode().encode("cp1252"),
        "encodage-windows-1252",
        exit=0,
    ),
    Case(
        "windows-1252-commentaires",
        "clsm.yaml",
        ("# Créé à Poitiers\n" + MINIMAL["clsm.yaml"]).encode("cp1252"),
        "encodage-windows-1252",
        exit=0,
    ),
    Case(
        "windows-1252-strict",
        "clsm.yaml",
        clsm_with("mission: Améliorer").decode().encode("cp1252"),
        "encodage-windows-1252",
        args=("--strict",),
    ),
    Case(
        "utf16-bom",
        "partenaires.yaml",
        MINIMAL["partenaires.yaml"].encode("utf-16"),
        "encodage-utf16",
        exit=0,
        line=False,
    ),
    Case(
        "utf16-sans-bom",
        "partenaires.yaml",
        MINIMAL["partenaires.yaml"].encode("utf-16-le"),
        "encodage-inconnu",
        line=False,
    ),
    Case(
        "crlf",
        "partenaires.yaml",
        MINIMAL["partenaires.yaml"].replace("\n", "\r\n").encode(),
        None,
        exit=0,
    ),
    # values
    Case(
        "id-1.10",
        "partenaires.yaml",
        partners("  - id: 1.10\n    nom: X\n    secteur: sante\n"),
        "nombre-ambigu",
    ),
    Case(
        "id-08",
        "partenaires.yaml",
        partners("  - id: 08\n    nom: X\n    secteur: sante\n"),
        "nombre-ambigu",
    ),
    Case(
        "id-date",
        "partenaires.yaml",
        partners("  - id: 2022-01-01\n    nom: X\n    secteur: sante\n"),
        "nombre-ambigu",
    ),
    Case(
        "booleen-oui",
        "partenaires.yaml",
        partners("  - id: x\n    nom: X\n    secteur: sante\n    representant_usagers: oui\n"),
        "type-invalide",
    ),
    Case(
        "booleen-no",
        "partenaires.yaml",
        partners("  - id: x\n    nom: X\n    secteur: sante\n    representant_usagers: no\n"),
        "type-invalide",
    ),
    Case(
        "pourcentage-en-texte",
        "clsm.yaml",
        text(MINIMAL["clsm.yaml"].replace("etp: 0.5", "etp: 60 %")),
        "type-invalide",
    ),
    Case(
        "nombre-1e400",
        "clsm.yaml",
        text(MINIMAL["clsm.yaml"].replace("etp: 0.5", "etp: 1e400")),
        "valeur-hors-bornes",
    ),
    Case(
        "nombre-nan",
        "clsm.yaml",
        text(MINIMAL["clsm.yaml"].replace("etp: 0.5", "etp: .nan")),
        "valeur-hors-bornes",
    ),
    Case(
        "champ-manquant",
        "partenaires.yaml",
        partners("  - id: x\n    secteur: sante\n"),
        "champ-manquant",
    ),
    Case(
        "champ-nul",
        "partenaires.yaml",
        partners("  - id: x\n    nom: ~\n    secteur: sante\n"),
        "type-invalide",
    ),
    Case(
        "cle-inconnue",
        "partenaires.yaml",
        partners("  - id: x\n    nom: X\n    secteur: sante\n    secteurs: sante\n"),
        "cle-inconnue",
    ),
]


def run_measured(args: list[str], cwd: Path) -> tuple[int, str, str, float, int]:
    """Run a command; its exit code, output, seconds, and the children's peak memory (KB).

    The peak is the maximum over every child run so far, so the bound is conservative.
    """
    import resource

    started = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, capture_output=True, timeout=60, check=False)
    elapsed = time.perf_counter() - started
    memory = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return done.returncode, done.stdout.decode(), done.stderr.decode(), elapsed, memory


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input(case: Case, tmp_path: Path) -> None:
    root = write_tree(tmp_path / "territoire", MINIMAL)
    target = root / case.file
    if callable(case.content):
        case.content(target)
    else:
        target.write_bytes(case.content)
    code, out, err, seconds, memory = run_measured(
        [sys.executable, "-m", "clsm_cli", "validate", "--format", "json", *case.args, str(root)],
        tmp_path,
    )
    assert seconds < MAX_SECONDS, f"{seconds:.1f} s"
    assert memory < MAX_MEMORY_KB, f"{memory // 1024} Mo"
    assert "Traceback" not in out + err
    assert code == case.exit, out + err
    report = json.loads(out)
    problems = report["problems"]
    if case.code is None:
        assert problems == []
        return
    found = [p for p in problems if p["code"] == case.code]
    assert found, problems
    problem = found[0]
    assert Path(problem["file"]).name == case.file
    assert problem["message"]
    if case.line:
        assert problem["line"] is not None


# ---------------------------------------------------------------- templates and workbooks


TEMPLATES = [
    (
        "evasion-du-bac-a-sable",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "opération interdite",
    ),
    ("chaine-geante", "{{ 'a' * 10**9 }}", "opération interdite"),
    ("puissance-geante", "{{ 7 ** 99999999 }}", "opération interdite"),
    ("boucle-geante", "{% for i in range(10**9) %}x{% endfor %}", "opération interdite"),
]


@pytest.mark.parametrize(("name", "body", "message"), TEMPLATES, ids=[t[0] for t in TEMPLATES])
def test_hostile_templates(tmp_path: Path, name: str, body: str, message: str) -> None:
    root = write_tree(tmp_path / "territoire", MINIMAL)
    (root / "templates").mkdir()
    (root / "templates" / "bilan.md.j2").write_text(body, encoding="utf-8")
    code, out, err, seconds, memory = run_measured(
        [sys.executable, "-m", "clsm_cli", "report", "2022", str(root), "-f", "md", "-o", "b.md"],
        tmp_path,
    )
    assert seconds < MAX_SECONDS
    assert memory < MAX_MEMORY_KB
    assert code == 1
    assert "bilan.md.j2" in err
    assert message in err
    assert "Traceback" not in out + err


def test_template_symlink_out_of_its_folder(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "territoire", MINIMAL)
    (root / "templates").mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("mot de passe : 1234", encoding="utf-8")
    (root / "templates" / "bilan.md.j2").symlink_to(secret)
    code, out, err, _, _ = run_measured(
        [sys.executable, "-m", "clsm_cli", "report", "2022", str(root), "-f", "md", "-o", "b.md"],
        tmp_path,
    )
    assert code == 1
    assert "hors du dossier" in err
    assert "1234" not in out + err
    assert not (tmp_path / "b.md").exists()


def test_a_million_rows_are_refused_fast(tmp_path: Path) -> None:
    import io
    import zipfile

    from openpyxl import Workbook

    buffer = io.BytesIO()
    wb = Workbook()
    wb.active.append(["Actions", "Objectifs spécifiques", "Description"])
    wb.save(buffer)
    rows = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (i, i)
        for i in range(2, 1_000_002)
    )
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    sheet = source.read("xl/worksheets/sheet1.xml").replace(b"</sheetData>", rows + b"</sheetData>")
    path = tmp_path / "million.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = (
                sheet if item.filename == "xl/worksheets/sheet1.xml" else source.read(item.filename)
            )
            target.writestr(item.filename, data)
    code, _, err, seconds, memory = run_measured(
        [sys.executable, "-m", "clsm_cli", "import", str(path), "-o", "sortie"], tmp_path
    )
    assert seconds < MAX_SECONDS
    assert memory < MAX_MEMORY_KB
    assert code == 1
    assert "une grille de plan n'en a pas tant" in err


def test_control_characters_in_cells_are_removed_and_said(tmp_path: Path) -> None:
    import io
    import zipfile

    from openpyxl import Workbook

    buffer = io.BytesIO()
    wb = Workbook()
    ws = wb.active
    ws.append(["Objectifs spécifiques", "Actions", "Description"])
    ws.append(["Objectif spécifique 1.1 O", "Action 1.1.1 A", "Texte MARK"])
    wb.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    path = tmp_path / "controle.xlsx"
    with zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename).replace(b"MARK", b"avec_x0007_bip")
            target.writestr(item.filename, data)
    code, out, err, _, _ = run_measured(
        [sys.executable, "-m", "clsm_cli", "import", str(path), "-o", "sortie"], tmp_path
    )
    assert code == 0, out + err
    assert (
        "controle.xlsx:Sheet!C2: avertissement [valeur-devinee] caractères de contrôle invisibles"
        " supprimés" in err
    )
    assert "\x07" not in (
        tmp_path / "sortie" / f"plan-{time.localtime().tm_year}-{time.localtime().tm_year + 4}.yaml"
    ).read_text(encoding="utf-8")
