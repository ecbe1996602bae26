"""`clsm validate` stays light: what it imports, checked in a fresh interpreter."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL

HEAVY = ("typer", "jinja2", "babel", "openpyxl", "matplotlib", "docx", "weasyprint")
"""Packages only `report`, `export`, `import` and the help pages need."""

_IMPORTED = re.compile(r"import time:\s+\d+ \|\s+\d+ \| *(\S+)")


def imported_by_validate(folder: Path) -> tuple[int, set[str]]:
    """`python -X importtime -m clsm_cli validate FOLDER`: its exit code, every module imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "clsm_cli", "validate", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    modules = {match.group(1) for match in _IMPORTED.finditer(done.stderr)}
    assert "clsm_cli.validation.pipeline" in modules, done.stderr[-2000:]
    return done.returncode, modules


@pytest.mark.parametrize("broken", [False, True], ids=["valide", "en-erreur"])
def test_validate_imports_nothing_heavy(territory: Callable[..., Path], broken: bool) -> None:
    """Neither a valid territory nor one with errors loads what only the other commands need."""
    overrides = {"plan_yaml": MINIMAL["plan.yaml"] + "titre: [\n"} if broken else {}
    code, modules = imported_by_validate(territory(**overrides))
    assert code == (1 if broken else 0)
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert heavy == [], f"clsm validate importe {heavy}"


def test_files_that_load_cleanly_are_read_without_the_guarded_builder(
    territory: Callable[..., Path],
) -> None:
    """Positions (and the guarded builder that reads them) wait until a problem wants one."""
    code, modules = imported_by_validate(territory())
    assert code == 0
    assert "clsm_cli.loader.quick" in modules
    assert "clsm_cli.loader.guarded" not in modules
    assert "clsm_cli.loader.messages" not in modules


def test_the_excel_importer_loads_neither_the_bilan_nor_jinja_nor_babel() -> None:
    """Reading a grid needs no template and no French number formatting (dependencies point
    one way: excel never imports the bilan)."""
    code = (
        "import sys, clsm_cli.excel.importing, clsm_cli.excel.reading;"
        "print(' '.join(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    modules = set(done.stdout.split())
    assert "clsm_cli.excel.importing" in modules
    loaded = sorted(
        m
        for m in modules
        if m.split(".")[0] in ("jinja2", "babel") or m.startswith("clsm_cli.bilan")
    )
    assert loaded == [], f"l'import d'une grille charge {loaded}"


def test_the_export_does_not_import_the_bilan(
    territory: Callable[..., Path], tmp_path: Path
) -> None:
    """`clsm export` computes the grid's `valeur` columns in clsm's Jinja sandbox
    (french/templating), not with the bilan's writers."""
    target = tmp_path / "grille.xlsx"
    command = ["export", str(territory()), "-o", str(target)]
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "clsm_cli", *command],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    modules = {match.group(1) for match in _IMPORTED.finditer(done.stderr)}
    assert "jinja2" in modules, "the shipped grid computes a column"
    assert target.is_file()
    assert not [m for m in modules if m.startswith("clsm_cli.bilan")]
