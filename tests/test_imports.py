"""`clsm validate` stays light: what it imports, checked in a fresh interpreter."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL

HEAVY = ("typer", "jinja2", "babel", "openpyxl", "matplotlib", "docx", "weasyprint")
"""Packages only `report`, `export`, `import` and the help pages need."""

NOT_FOR_VALIDATE = ("importlib.metadata", "importlib.resources", "email")
"""Standard modules validate has no use for, that pydantic's plugin loader and the lookup of
shipped files would import (~40 ms: see cli/main.py and resources.py)."""

_IMPORTED = re.compile(r"import time:\s+\d+ \|\s+\d+ \| *(\S+)")


def imported_by(*command: str) -> tuple[int, set[str], str]:
    """`python -X importtime -m clsm_cli COMMAND…`: its exit code, every module imported,
    and what it wrote on stderr."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "clsm_cli", *command],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    modules = {match.group(1) for match in _IMPORTED.finditer(done.stderr)}
    return done.returncode, modules, done.stderr


def imported_by_validate(folder: Path) -> tuple[int, set[str]]:
    """`python -X importtime -m clsm_cli validate FOLDER`: its exit code, every module imported."""
    code, modules, stderr = imported_by("validate", str(folder))
    assert "clsm_cli.validation.pipeline" in modules, stderr[-2000:]
    return code, modules


@pytest.mark.parametrize("broken", [False, True], ids=["valide", "en-erreur"])
def test_validate_imports_nothing_heavy(territory: Callable[..., Path], broken: bool) -> None:
    """Neither a valid territory nor one with errors loads what only the other commands need."""
    overrides = {"plan_yaml": MINIMAL["plan.yaml"] + "titre: [\n"} if broken else {}
    code, modules = imported_by_validate(territory(**overrides))
    assert code == (1 if broken else 0)
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert heavy == [], f"clsm validate importe {heavy}"
    needless = sorted(m for m in modules if m.startswith(NOT_FOR_VALIDATE))
    assert needless == [], f"clsm validate importe {needless}"


def test_files_that_load_cleanly_are_read_without_the_guarded_builder(
    territory: Callable[..., Path],
) -> None:
    """Positions (and the guarded builder that reads them) wait until a problem wants one.
    Where files are read ahead (loader/ahead.py), the clsm process does not import PyYAML."""
    code, modules = imported_by_validate(territory())
    assert code == 0
    if sys.platform.startswith("linux") and (os.cpu_count() or 1) >= 2:
        assert "yaml" not in modules
    else:
        assert "clsm_cli.loader.quick" in modules
    assert "clsm_cli.loader.guarded" not in modules
    assert "clsm_cli.loader.messages" not in modules


def test_the_excel_importer_loads_neither_the_bilan_nor_jinja_nor_babel() -> None:
    """Reading a grid or a collection form needs no template and no French number
    formatting (dependencies point one way: excel and collecte never import the bilan)."""
    code = (
        "import sys, clsm_cli.excel.importing, clsm_cli.excel.reading,"
        " clsm_cli.collecte.importing;"
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
    code, modules, stderr = imported_by(*command)
    assert code == 0, stderr[-2000:]
    assert "jinja2" in modules, "the shipped grid computes a column"
    assert target.is_file()
    assert not [m for m in modules if m.startswith("clsm_cli.bilan")]


# ---------------------------------------------------------------- the direction of imports

SRC = Path(__file__).resolve().parent.parent / "src"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Each module's clsm imports: at module level, and anywhere (lazy imports included)."""
    import ast

    files = {_module_name(p): p for p in (SRC / "clsm_cli").rglob("*.py")}
    top: dict[str, set[str]] = {name: set() for name in files}
    anywhere: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        level_nodes = set(map(id, tree.body))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - max(node.level - 1, 0)]
                target = (
                    ".".join([*base, node.module] if node.module else base)
                    if node.level
                    else node.module or ""
                )
                found = {f"{target}.{a.name}" for a in node.names} & files.keys() or {target}
            elif isinstance(node, ast.Import):
                found = {a.name for a in node.names}
            else:
                continue
            found = {t for t in found if t in files}
            anywhere[name] |= found
            if id(node) in level_nodes and not _under_type_checking(tree, node):
                top[name] |= found
    return top, anywhere


def _under_type_checking(tree: object, node: object) -> bool:
    import ast

    assert isinstance(tree, ast.Module)
    return any(
        isinstance(stmt, ast.If) and "TYPE_CHECKING" in ast.unparse(stmt.test) and node in stmt.body
        for stmt in tree.body
    )


def test_no_import_cycle_at_module_level() -> None:
    top, _ = _import_graph()
    state: dict[str, int] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(top[module]):
            if target.startswith(module + ".") or module.startswith(target + "."):
                continue  # a package and its own modules
            if state.get(target) == 1:
                raise AssertionError("cycle : " + " → ".join([*trail, module, target]))
            if target not in state:
                visit(target, [*trail, module])
        state[module] = 2

    for module in sorted(top):
        if module not in state:
            visit(module, [])


EVALUATION = "clsm_cli.evaluation"
LAYERS = {
    "clsm_cli.excel": (
        "clsm_cli.bilan",
        "clsm_cli.cli",
        "clsm_cli.versions",
        "clsm_cli.collecte",
        EVALUATION,
    ),
    "clsm_cli.collecte": ("clsm_cli.bilan", "clsm_cli.cli", "clsm_cli.versions", EVALUATION),
    "clsm_cli.validation": (
        "clsm_cli.bilan",
        "clsm_cli.cli",
        "clsm_cli.excel",
        "clsm_cli.versions",
        "clsm_cli.collecte",
        EVALUATION,
    ),
    "clsm_cli.figures": (
        "clsm_cli.bilan",
        "clsm_cli.cli",
        "clsm_cli.excel",
        "clsm_cli.validation",
        EVALUATION,
    ),
    "clsm_cli.bilan": ("clsm_cli.cli", "clsm_cli.excel", "clsm_cli.versions", EVALUATION),
    EVALUATION: ("clsm_cli.cli", "clsm_cli.versions", "clsm_cli.collecte"),
    "clsm_cli.versions": ("clsm_cli.bilan", "clsm_cli.cli", "clsm_cli.excel", EVALUATION),
    "clsm_cli.writing": (
        "clsm_cli.bilan",
        "clsm_cli.cli",
        "clsm_cli.excel",
        "clsm_cli.versions",
        "clsm_cli.collecte",
        EVALUATION,
    ),
    "clsm_cli.loader": ("clsm_cli.models", "clsm_cli.validation", "clsm_cli.cli"),
    "clsm_cli.models": ("clsm_cli.validation", "clsm_cli.cli", "clsm_cli.bilan", EVALUATION),
}
"""Which packages a package never imports, even lazily: dependencies point one way. The
evaluation reads the bilan's parts and writers, the figures and the Excel workbook; nothing
reads the evaluation but the command line."""


@pytest.mark.parametrize("package", sorted(LAYERS))
def test_dependencies_point_one_way(package: str) -> None:
    _, anywhere = _import_graph()
    wrong = sorted(
        f"{module} → {target}"
        for module, targets in anywhere.items()
        if module == package or module.startswith(package + ".")
        for target in targets
        if any(target == f or target.startswith(f + ".") for f in LAYERS[package])
    )
    assert wrong == []


def test_the_rest_of_clsm_never_calls_the_command_line() -> None:
    _, anywhere = _import_graph()
    callers = sorted(
        module
        for module, targets in anywhere.items()
        if not module.startswith("clsm_cli.cli") and module != "clsm_cli.__main__"
        if any(t.startswith("clsm_cli.cli") for t in targets)
    )
    assert callers == []


def test_the_evaluation_to_html_loads_neither_the_workbook_nor_word(
    territory: Callable[..., Path], tmp_path: Path
) -> None:
    """Each format imports what it writes with: HTML needs neither openpyxl, xlsxwriter nor
    python-docx."""
    target = tmp_path / "evaluation.html"
    command = ["evaluation", str(territory()), "-o", str(target)]
    code, modules, stderr = imported_by(*command)
    assert code == 0, stderr[-2000:]
    assert "clsm_cli.evaluation.construction" in modules
    loaded = sorted(m for m in modules if m.split(".")[0] in ("openpyxl", "xlsxwriter", "docx"))
    assert loaded == []
