"""The user's guide (docs/, mkdocs.yml): it builds strictly, documents every field and code,
and its command examples run.

In the guide, a ```sh block is an example that is run here, line by line (`clsm …`
through the real entry point, `cd …`, `git …`), in a copy of plans/ under git; each must
exit 0. A ```text block titled "Sortie" right after it lists lines that the output of the
block's last command contains (a line `…` stands for lines left out). Examples that must
not run (a PDF, a redirection) are written ```shell.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pytest

from clsm_cli.kinds import KINDS
from clsm_cli.problems import CATALOGUE
from conftest import PLANS, REPO, Result

DOCS = REPO / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
needs_mkdocs = pytest.mark.skipif(
    importlib.util.find_spec("mkdocs") is None or importlib.util.find_spec("material") is None,
    reason="mkdocs n'est pas installé (pip install -e .[dev])",
)


def load_hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("clsm_docs_hooks", DOCS / "hooks.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_mkdocs
def test_the_guide_builds_strictly(tmp_path: Path) -> None:
    site = tmp_path / "site"
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert run.returncode == 0, run.stderr
    plan = (site / "fichiers" / "plan" / "index.html").read_text(encoding="utf-8")
    assert "competences_psychosociales" in plan
    assert "Abandonnée" in plan  # a value's label, from the models
    assert "clsm:" not in plan  # every marker was expanded
    codes = (site / "problemes" / "index.html").read_text(encoding="utf-8")
    assert all(f'id="{code}"' in codes for code in CATALOGUE)


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_and_value_is_documented(kind: str) -> None:
    hooks = load_hooks()
    page = hooks.expand("champs", kind, "test") + hooks.expand("listes", kind, "test")

    def fields(model: type) -> set[str]:
        names = set(model.model_fields)  # type: ignore[attr-defined]
        for info in model.model_fields.values():  # type: ignore[attr-defined]
            for sub in _models_in(info.annotation):
                names |= fields(sub)
        return names

    for name in fields(KINDS[kind].model):
        assert f"| `{name}` |" in page, name
    for value in re.findall(r'"enum": \[([^\]]*)\]', _schema_text(kind)):
        for item in re.findall(r'"([^"]+)"', value):
            assert f"| `{item}` |" in page, item


def _schema_text(kind: str) -> str:
    from clsm_cli.schema import render

    return render(kind)


def _models_in(annotation: object) -> list[type]:
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) for m in _models_in(arg)]


def test_every_problem_code_is_documented() -> None:
    page = (DOCS / "problemes.md").read_text(encoding="utf-8")
    assert "<!-- clsm:codes -->" in page.splitlines(), "the page lists the codes"
    table = load_hooks().expand("codes", None, "test")
    for code, meaning in CATALOGUE.items():
        assert f"`{code}` | {meaning} |" in table, code


def test_an_unknown_marker_fails_the_build() -> None:
    with pytest.raises(ValueError, match="marqueur inconnu"):
        load_hooks().expand("champs", "plans", "test.md")


# --- the examples ---------------------------------------------------------------------


@dataclass
class Example:
    """A ```sh block of the guide, and the output shown after it, if any."""

    line: int
    commands: list[str]
    output: list[str] = field(default_factory=list)


FENCE = re.compile(r"^(\s*)```(\w*)(.*)$")


def examples(page: Path) -> list[Example]:
    """The page's ```sh blocks, each with the "Sortie" block that follows it."""
    found: list[Example] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    index, previous_start, previous_end = 0, -2, -2
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        indent, lang, attrs = opening.groups()
        end = index + 1
        while lines[end].strip() != "```" or not lines[end].startswith(indent):
            end += 1
        body = [line.removeprefix(indent) for line in lines[index + 1 : end]]
        between = lines[previous_end + 1 : index]
        if lang == "sh":
            found.append(Example(index + 1, [c for c in body if c.strip()]))
        elif 'title="Sortie"' in attrs and found and not any(x.strip() for x in between):
            assert found[-1].line == previous_start + 1, f"{page}:{index + 1}: sortie sans commande"
            found[-1].output = [x.strip() for x in body if x.strip() not in ("", "…")]
        previous_start, previous_end, index = index, end, end + 1
    return found


PAGES_WITH_EXAMPLES = [p for p in PAGES if examples(p)]


def test_the_commands_pages_have_run_examples() -> None:
    names = {p.stem for p in PAGES_WITH_EXAMPLES if p.parent.name == "commandes"}
    assert names == {
        "validate",
        "report",
        "evaluation",
        "export",
        "collecte",
        "import",
        "init",
        "nouvelle-annee",
        "fmt",
        "diff",
        "schema",
    }


@pytest.fixture
def depot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example territories, committed to git."""
    root = tmp_path / "depot"
    shutil.copytree(PLANS, root / "plans")
    for name, value in {
        "GIT_AUTHOR_NAME": "Coordination",
        "GIT_AUTHOR_EMAIL": "coordination@example.org",
        "GIT_COMMITTER_NAME": "Coordination",
        "GIT_COMMITTER_EMAIL": "coordination@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(tmp_path),
    }.items():
        monkeypatch.setenv(name, value)
    for command in (["init", "--quiet"], ["add", "-A"], ["commit", "--quiet", "-m", "plans"]):
        subprocess.run(["git", *command], cwd=root, check=True, capture_output=True)
    return root


@pytest.mark.skipif(shutil.which("git") is None, reason="git n'est pas installé")
@pytest.mark.parametrize("page", PAGES_WITH_EXAMPLES, ids=lambda p: str(p.relative_to(DOCS)))
def test_the_examples_of_the_guide_run(page: Path, depot: Path, cli: Callable[..., Result]) -> None:
    cwd = depot
    for example in examples(page):
        result = None
        for line in example.commands:
            where = f"{page.relative_to(REPO)}:{example.line} « {line.strip()} »"
            words = shlex.split(line, comments=True)
            match words:
                case []:
                    continue
                case ["clsm", *args]:
                    result = cli(*args, cwd=cwd)
                    assert result.code == 0, f"{where}\n{result.out}{result.err}"
                case ["cd", folder]:
                    cwd = cwd / folder
                case ["git", *args]:
                    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)
                case _:
                    pytest.fail(f"{where} : ni clsm, ni cd, ni git : écrivez ```shell")
        if example.output:
            assert result is not None, where
            for expected in example.output:
                assert expected in result.out + result.err, f"{where}: « {expected} »"
