"""The command line, run through its real entry point: exit codes, formats, messages."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from clsm_cli.cli import main as launcher
from clsm_cli.cli.app import app
from conftest import MINIMAL, REPO, Result, at, write_tree

Cli = Callable[..., Result]
BROKEN_PLAN = MINIMAL["plan.yaml"].replace("indicateurs:", "indicateur:")


def test_valid_territory_exits_0(cli: Cli, territory: Callable[..., Path]) -> None:
    result = cli("validate", territory())
    assert result.code == 0
    assert result.out == "4 fichiers lus : tout est valide.\n"


def test_problems_exit_1_with_located_french_text(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory(plan_yaml=BROKEN_PLAN)
    result = cli("validate", root)
    line, column = at(BROKEN_PLAN, "indicateur:")
    lines = result.out.splitlines()
    assert result.code == 1
    message = "erreur [cle-inconnue] clé « indicateur » inconnue à cet endroit"
    assert lines[0].endswith(f"plan.yaml:{line}:{column}: {message}")
    assert lines[1] == f"{line:>5} | " + BROKEN_PLAN.splitlines()[line - 1]
    assert lines[2] == "      | " + " " * (column - 1) + "^"
    assert lines[3] == "      aide : vouliez-vous dire « indicateurs » ?"
    assert lines[-1] == "4 fichiers lus : 1 erreur."
    assert "Traceback" not in result.out + result.err


def test_json_format(cli: Cli, territory: Callable[..., Path]) -> None:
    result = cli("validate", territory(plan_yaml=BROKEN_PLAN), "--format", "json")
    document = result.json()
    assert result.code == 1
    assert document["valid"] is False
    assert document["stats"] == {"files": 4, "errors": 1, "warnings": 0}
    problem, info = document["problems"]
    assert (info["file"], info["code"], info["severity"]) == (
        problem["file"],
        "verification-incomplete",
        "info",
    )
    assert problem["code"] == "cle-inconnue"
    assert problem["severity"] == "erreur"
    assert problem["path"] == "axes[0].objectifs[0].actions[0].indicateur"
    assert (problem["line"], problem["column"]) == at(BROKEN_PLAN, "indicateur:")


def test_github_format(cli: Cli, territory: Callable[..., Path]) -> None:
    result = cli("validate", territory(plan_yaml=BROKEN_PLAN), "-f", "github")
    line, column = at(BROKEN_PLAN, "indicateur:")
    first = result.out.splitlines()[0]
    assert first.startswith("::error file=")
    assert f"plan.yaml,line={line},col={column},title=clsm [cle-inconnue]::clé" in first
    assert first.endswith("aide : vouliez-vous dire « indicateurs » ?")


def test_github_format_gives_informations_as_notices(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    broken = "nom: CLSM de Test\nterritoire: Ville de Test\ncoordination: 3\n"
    result = cli("validate", "--strict", territory(clsm_yaml=broken), "-f", "github")
    levels = {line.split(" ", 1)[0] for line in result.out.splitlines() if line.startswith("::")}
    assert levels == {"::error", "::notice"}, result.out


def test_strict_turns_warnings_into_failures(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory(notes_yaml="a: 1\n")
    assert cli("validate", root).code == 0
    strict = cli("validate", "--strict", root)
    assert strict.code == 1
    assert "--strict" in strict.out.splitlines()[-1]


def test_without_path_validates_plans_of_the_current_folder(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    root.rename(tmp_path / "plans")
    assert cli("validate", cwd=tmp_path).code == 0
    # A folder of territories may be named anything: the territories below are validated.
    (tmp_path / "plans").rename(tmp_path / "mes-territoires")
    result = cli("validate", "-f", "json", cwd=tmp_path)
    assert result.code == 0, result.out + result.err
    assert any("mes-territoires" in f for f in result.json()["files"])
    # Inside a territory's folder, the territory it is in.
    inside = cli("validate", "-f", "json", cwd=tmp_path / "mes-territoires" / "activite")
    assert inside.code == 0, inside.out + inside.err
    assert len(inside.json()["files"]) == 4
    # Nowhere near a territory: said, with the command that was typed.
    empty = tmp_path / "vide"
    empty.mkdir()
    for command in ("validate", "report", "fmt"):
        result = cli(command, cwd=empty)
        assert result.code == 2, command
        assert "aucun territoire ici" in result.err
        assert f"clsm {command} mon-territoire" in result.err


def test_inside_a_territory_validates_it(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory(plan_yaml=BROKEN_PLAN)
    result = cli("validate", cwd=root)
    assert result.code == 1
    assert result.out.startswith("plan.yaml:")


NO_ACTIVITY = {k: v for k, v in MINIMAL.items() if not k.startswith("activite/")}


@pytest.mark.parametrize(
    ("files", "args", "said"),
    [
        (MINIMAL, ("report", "2019"), "saint-nazaire : pas de fichier activite/2019.yaml"),
        (NO_ACTIVITY, ("evaluation",), "saint-nazaire : aucun plan n'a d'activité à évaluer"),
        (
            {k: v for k, v in NO_ACTIVITY.items() if k != "plan.yaml"},
            ("export",),
            "saint-nazaire : aucun plan à exporter",
        ),
        (MINIMAL, ("diff", "HEAD"), "et saint-nazaire n'est pas dans un dépôt git"),
    ],
)
def test_run_inside_a_territory_messages_name_it_by_its_folder(
    cli: Cli, tmp_path: Path, files: dict[str, str], args: tuple[str, ...], said: str
) -> None:
    """Run inside the territory, messages named it « . » (« clsm : . : pas de fichier
    activite/2030.yaml »): they name its folder as the coordinator knows it."""
    root = write_tree(tmp_path / "saint-nazaire", files)
    result = cli(*args, cwd=root)
    assert result.code in (1, 2), result.out
    assert said in result.err
    assert " . " not in result.err


def test_a_single_file_is_validated_with_its_territory(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    root = territory(plan_yaml=BROKEN_PLAN)
    assert cli("validate", root / "activite" / "2022.yaml").code == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "absent"], "ce chemin n'existe pas"),
        (["validate", "--format", "xml", "."], "xml"),
        (["validate", "--nope"], "--nope"),
    ],
)
def test_usage_errors_exit_2(cli: Cli, tmp_path: Path, args: list[str], message: str) -> None:
    result = cli(*args, cwd=tmp_path)
    assert result.code == 2
    assert message in result.err


def test_folder_without_territory_exits_2(cli: Cli, tmp_path: Path) -> None:
    result = cli("validate", tmp_path)
    assert result.code == 2
    assert "aucun territoire" in result.err


def test_a_misnamed_clsm_yaml_is_told_its_name(cli: Cli, tmp_path: Path) -> None:
    write_tree(tmp_path, {"CLSM.yml": MINIMAL["clsm.yaml"]})
    result = cli("validate", tmp_path)
    assert result.code == 2
    assert "aucun territoire" in result.err
    assert "renommez" in result.err
    assert "CLSM.yml en clsm.yaml" in result.err


def test_every_command_has_french_help_a_guide_page_and_a_readme_row(cli: Cli) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    names = [command.name or command.callback.__name__ for command in app.registered_commands]
    assert names
    rows = dict(re.findall(r"^\| `clsm ([\w-]+)` \|.*\]\((\S+)\) \|$", readme, re.MULTILINE))
    assert sorted(rows) == sorted(names), "le tableau des commandes du README"
    for name in names:
        result = cli(name, "--help")
        assert result.code == 0
        assert result.out.startswith("Utilisation : ")
        assert "-h, --help" in result.out
        assert "Affiche cette aide et quitte." in result.out
        assert "Show this message" not in result.out
        assert "default:" not in result.out
        assert rows[name] == f"docs/commandes/{name}.md", f"le lien de « clsm {name} » au guide"
        page = (REPO / rows[name]).read_text(encoding="utf-8")
        assert page.startswith(f"# `clsm {name}`"), f"la page du guide de « clsm {name} »"


def test_version(cli: Cli) -> None:
    result = cli("--version")
    assert result.code == 0
    assert result.out.startswith("clsm ")


def test_python_dash_m_runs_the_same_cli(territory: Callable[..., Path]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "clsm_cli", "validate", "-f", "json", str(territory())],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert json.loads(done.stdout)["valid"] is True


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{valide}"],
        ["validate", "{valide}", "--strict"],
        ["validate", "-f", "json", "{casse}"],
        ["validate", "--format=github", "{casse}", "{valide}"],
        ["validate", "{casse}", "--format", "text", "--strict"],
        ["validate", "absent"],
        ["validate"],
    ],
)
def test_quick_validate_prints_what_the_typer_command_prints(
    cli: Cli,
    tmp_path: Path,
    territory: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
) -> None:
    """`clsm validate`'s everyday forms skip typer; both roads must say the same thing."""
    valid = territory()
    broken = write_tree(tmp_path / "casse", {**MINIMAL, "plan.yaml": BROKEN_PLAN})
    args = [a.format(valide=valid, casse=broken) for a in args]
    assert launcher.quick_validate(args) is not None
    quick = cli(*args, cwd=tmp_path)
    monkeypatch.setattr(launcher, "quick_validate", lambda argv: None)
    through_typer = cli(*args, cwd=tmp_path)
    assert quick == through_typer
    assert quick.out or quick.err


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--help"],
        ["validate", "-h"],
        ["validate", "--nope"],
        ["validate", "-f", "xml", "."],
        ["validate", "--format"],
        ["validate", "--", "-fichier"],
        ["validate", ""],
        ["report", "2022"],
        [],
    ],
)
def test_anything_else_goes_to_typer(args: list[str]) -> None:
    assert launcher.quick_validate(args) is None


def test_the_main_help_lists_the_commands_in_french(cli: Cli) -> None:
    for args in ([], ["--help"]):
        result = cli(*args)
        page = result.out or result.err
        assert page.startswith("Utilisation : ")
        assert "Commandes :" in page
        assert "validate" in page
        assert "Commands:" not in page
    assert cli().code == 2
    assert cli("-h").code == 0


def test_both_roads_know_the_same_options_and_formats() -> None:
    """The quick road reads validate's options where typer's command is declared from."""
    import typer.main

    from clsm_cli.cli.app import app
    from clsm_cli.cli.options import PROBLEM_FORMAT, STRICT
    from clsm_cli.formats import ProblemFormat

    group = typer.main.get_command(app)
    validate = group.commands["validate"]  # type: ignore[attr-defined]
    declared = {name for param in validate.params for name in param.opts}
    assert declared - {"CHEMIN", "paths"} == {*STRICT.names, *PROBLEM_FORMAT.names}
    for flag in PROBLEM_FORMAT.names:
        for fmt in ProblemFormat:
            assert launcher.quick_validate(["validate", flag, fmt.value, "--strict"]) == (
                [],
                fmt,
                True,
            )


def test_the_script_leaves_with_its_code_and_all_its_output(tmp_path: Path) -> None:
    """`python -m clsm_cli` ends with os._exit: its output must still be complete."""
    broken = write_tree(tmp_path / "casse", {**MINIMAL, "plan.yaml": BROKEN_PLAN})
    done = subprocess.run(
        [sys.executable, "-m", "clsm_cli", "validate", "-f", "json", str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert json.loads(done.stdout)["valid"] is False
    usage = subprocess.run(
        [sys.executable, "-m", "clsm_cli", "validate", "--nope"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert usage.returncode == 2
    assert "--nope" in usage.stderr


def test_validate_lets_go_of_each_territory_once_checked(
    tmp_path: Path, territory: Callable[..., Path]
) -> None:
    """Only the files with problems stay in memory, for their snippets."""
    from clsm_cli.validation.pipeline import validate_paths

    broken = write_tree(tmp_path / "casse", {**MINIMAL, "plan.yaml": BROKEN_PLAN})
    validation = validate_paths([territory(), broken], keep=False)
    assert validation.dossiers == []
    assert len(validation.report.files) == 8
    (kept,) = validation.documents
    assert kept.endswith("casse/plan.yaml")
    problem = validation.report.problems[0]
    assert problem.line is not None
    assert validation.line(problem.file, problem.line).strip().startswith("indicateur:")


def test_a_reader_that_leaves_early_is_not_an_internal_error(tmp_path: Path) -> None:
    """`clsm validate | head`: the pipe closes before clsm writes; no French alarm, no trace."""
    broken = write_tree(tmp_path / "casse", {**MINIMAL, "plan.yaml": BROKEN_PLAN})
    process = subprocess.Popen(
        [sys.executable, "-m", "clsm_cli", "validate", str(broken)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    process.stdout.close()  # before clsm has written anything
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert err == b""


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (["validate", "--nope"], "option inconnue : --nope", "validate --help"),
        (
            ["validate", "-f", "xml", "."],
            "valeur « xml » invalide pour l'option --format / -f",
            "json",
        ),
        (["repor"], "commande inconnue : « repor »", "« report »"),
        (["report", "--format"], "l'option --format attend une valeur", "--help"),
        (["validate", "--strict=oui"], "l'option --strict ne prend pas de valeur", "--help"),
        (["import"], "il manque l'argument CLASSEUR", "import --help"),
        (["schema", "a"], "argument en trop : a", "schema --help"),
    ],
)
def test_command_line_mistakes_are_told_in_french(
    cli: Cli, tmp_path: Path, args: list[str], message: str, hint: str
) -> None:
    result = cli(*args, cwd=tmp_path)
    assert result.code == 2
    lines = result.err.splitlines()
    assert f"clsm : {message}" in lines
    (aide,) = [line for line in lines if line.startswith("aide : ")]
    assert hint in aide
    assert "Error" not in result.err
    assert "Traceback" not in result.err


def test_a_file_named_from_inside_its_folder(cli: Cli, territory: Callable[..., Path]) -> None:
    activity = MINIMAL["activite/2022.yaml"].replace("partenaires: [ch]", "partenaires: [chu]")
    root = territory(activite__2022_yaml=activity)
    inside = root / "activite"
    result = cli("validate", "2022.yaml", "-f", "json", cwd=inside)
    assert result.code == 1, result.err
    (problem,) = [p for p in result.json()["problems"] if p["code"] == "reference-inconnue"]
    assert problem["file"] == "2022.yaml"
    unformatted = "annee: 2022\nrealisations: []\nmesures:   []\n"
    (inside / "2023.yaml").write_text(unformatted.replace("2022", "2023"), encoding="utf-8")
    check = cli("fmt", "--check", "2023.yaml", cwd=inside)
    assert check.code == 1, check.out + check.err
    assert "à reformater : 2023.yaml" in check.out


def test_the_current_folder_inside_activite_names_its_territory(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    """`clsm validate .` typed inside activite/, as `clsm validate` and `clsm validate
    2022.yaml` already were: the territory above (its hint said to run `clsm init` there)."""
    activity = MINIMAL["activite/2022.yaml"].replace("partenaires: [ch]", "partenaires: [chu]")
    inside = territory(activite__2022_yaml=activity) / "activite"
    result = cli("validate", ".", "-f", "json", cwd=inside)
    assert result.code == 1, result.err
    assert "../plan.yaml" in result.json()["files"]
    (problem,) = [p for p in result.json()["problems"] if p["code"] == "reference-inconnue"]
    assert problem["file"] == "2022.yaml"


def test_report_and_export_say_the_warnings_before_writing(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    activity = MINIMAL["activite/2022.yaml"].replace(
        "titre: Info-formation", "titre: Info-formation #1"
    )
    root = territory(activite__2022_yaml=activity)
    line, column = at(activity, "#1")
    for args in (
        ("report", "2022", root, "-f", "md", "-o", tmp_path / "b.md"),
        ("export", root, "-o", tmp_path / "g.xlsx"),
    ):
        result = cli(*args)
        assert result.code == 0, result.err
        assert f"2022.yaml:{line}:{column}: avertissement [commentaire-dans-valeur]" in result.err
        assert "écrit : " in result.out


def test_the_process_runs_without_the_cyclic_collector_but_main_in_process_keeps_it(
    cli: Callable[..., Result], territory: Callable[..., Path]
) -> None:
    """`script` (the `clsm` process) turns the collector off, a third of a big bilan's time;
    `main` called in-process, as the tests do, leaves it on."""
    import gc

    probe = (
        "import gc, clsm_cli.cli.main as m\n"
        "m.main = lambda: print('collecteur', gc.isenabled())\n"
        "m.script()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.strip() == "collecteur False", done.stderr
    assert cli("validate", territory()).code == 0
    assert gc.isenabled()
