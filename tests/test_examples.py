"""The example territories in plans/: each validates, and the schemas agree with them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from clsm_cli.kinds import KINDS, kind_of
from clsm_cli.schema import render
from clsm_cli.validation.pipeline import validate_paths
from conftest import PLANS, REPO

TERRITORIES = sorted(p.parent for p in PLANS.glob("*/clsm.yaml"))
EXAMPLE_FILES = sorted(p for t in TERRITORIES for p in t.rglob("*.yaml") if kind_of(p))


def test_there_are_example_territories() -> None:
    names = {t.name for t in TERRITORIES}
    assert {"cctc", "poitiers", "cps-missions-locales-hdf"} <= names


@pytest.mark.parametrize("root", TERRITORIES, ids=lambda p: p.name)
def test_example_validates_strictly(root: Path) -> None:
    report = validate_paths([root]).report
    assert report.sorted() == []


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: str(p.relative_to(PLANS)))
def test_example_declares_its_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    kind = kind_of(path)
    assert first.startswith("# yaml-language-server: $schema=")
    schema = (path.parent / first.split("$schema=")[1]).resolve()
    assert schema == (REPO / "schemas" / f"{kind}.schema.json").resolve()


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schemas_match_the_models(kind: str) -> None:
    committed = (REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == render(kind), "lancez « clsm schema » et committez schemas/"


CHECK_JSONSCHEMA = shutil.which("check-jsonschema")
needs_check_jsonschema = pytest.mark.skipif(
    CHECK_JSONSCHEMA is None, reason="check-jsonschema n'est pas installé (pip install -e .[dev])"
)


def check_jsonschema(kind: str, *files: Path) -> subprocess.CompletedProcess[str]:
    assert CHECK_JSONSCHEMA is not None
    schema = REPO / "schemas" / f"{kind}.schema.json"
    return subprocess.run(
        [CHECK_JSONSCHEMA, "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


@needs_check_jsonschema
@pytest.mark.parametrize("kind", KINDS)
def test_check_jsonschema_accepts_every_example(kind: str) -> None:
    files = [p for p in EXAMPLE_FILES if kind_of(p) == kind]
    assert files
    done = check_jsonschema(kind, *files)
    assert done.returncode == 0, done.stdout + done.stderr


@needs_check_jsonschema
@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("partenaires", "partenaires:\n  - id: a\n    nom: A\n    secteur: santé\n", "santé"),
        ("partenaires", "partenaires:\n  - id: a\n    nom: A\n    secteur: sante\n    x: 1\n", "x"),
        ("plan", "titre: P\nperiode: {debut: 2022}\n", "fin"),
        ("activite", "annee: 2022\nrealisations:\n  - action: 1.1\n    titre: T\n", "type"),
        (
            "territoire",
            "nom: T\nterritoire: T\ncoordination:\n  structure_porteuse: v\n  etp: 0,6\n",
            "etp",
        ),
    ],
)
def test_check_jsonschema_rejects_broken_files(
    tmp_path: Path, kind: str, text: str, expected: str
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    done = check_jsonschema(kind, path)
    assert done.returncode == 1
    assert expected in done.stdout
