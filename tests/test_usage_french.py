"""Usage lines a French user reads (`Utilisation : clsm [OPTIONS] COMMANDE [ARGUMENTS]…`),
and a mistake on the command line pointing to the help of the command that was typed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import typer.main

from clsm_cli.cli.app import app
from conftest import Result

Cli = Callable[..., Result]

GROUP = typer.main.get_command(app)
COMMANDS = sorted(GROUP.commands)  # type: ignore[attr-defined]


def first_line(result: Result) -> str:
    return (result.out or result.err).splitlines()[0]


def test_the_main_usage_line_is_french(cli: Cli) -> None:
    assert first_line(cli("--help")) == "Utilisation : clsm [OPTIONS] COMMANDE [ARGUMENTS]…"


@pytest.mark.parametrize(
    ("name", "usage"),
    [
        ("validate", "clsm validate [OPTIONS] [CHEMIN]…"),
        ("report", "clsm report [OPTIONS] [ANNEE] [CHEMIN]…"),
        ("import", "clsm import [OPTIONS] CLASSEUR…"),
        ("diff", "clsm diff [OPTIONS] [REVISION|CHEMIN]…"),
    ],
)
def test_usage_lines_as_written_for_people(cli: Cli, name: str, usage: str) -> None:
    assert first_line(cli(name, "--help")) == f"Utilisation : {usage}"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_help_page_starts_with_a_french_usage_line(cli: Cli, name: str) -> None:
    result = cli(name, "--help")
    assert result.code == 0
    line = first_line(result)
    assert line.startswith(f"Utilisation : clsm {name} [OPTIONS]")
    for english in ("...", "{", "}", "[[", "COMMAND", "ARGS"):
        assert english not in line, line
    assert "...]" not in result.out


@pytest.mark.parametrize("name", COMMANDS)
def test_help_pages_are_french_in_a_narrow_terminal(
    cli: Cli, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 50 columns typer wraps « Show this message and exit. » and « [default: …] » over
    two lines, which were left in English."""
    monkeypatch.setenv("COLUMNS", "50")
    result = cli(name, "--help")
    assert result.code == 0
    assert "Affiche cette aide et quitte." in result.out
    for english in ("Show", "default:", "exit."):
        assert english not in result.out, result.out


def _option_with_a_value(name: str) -> str | None:
    command = GROUP.commands[name]  # type: ignore[attr-defined]
    for param in command.params:
        if param.param_type_name == "option" and not param.is_flag and param.opts:
            return str(param.opts[0])
    return None


@pytest.mark.parametrize("name", COMMANDS)
def test_an_option_without_its_value_points_to_the_commands_help(cli: Cli, name: str) -> None:
    option = _option_with_a_value(name)
    if option is None:
        pytest.skip(f"clsm {name} has no option taking a value")
    result = cli(name, option)
    assert result.code == 2
    lines = result.err.splitlines()
    assert lines[0].startswith(f"Utilisation : clsm {name} [OPTIONS]"), result.err
    assert f"clsm : l'option {option} attend une valeur" in lines
    assert f"aide : « clsm {name} --help » décrit la commande" in lines


def test_report_f_without_a_value(cli: Cli) -> None:
    result = cli("report", "-f")
    assert result.err.splitlines() == [
        "Utilisation : clsm report [OPTIONS] [ANNEE] [CHEMIN]…",
        "clsm : l'option -f attend une valeur",
        "aide : « clsm report --help » décrit la commande",
    ]


def test_a_missing_argument_is_named_as_the_usage_line_writes_it(cli: Cli) -> None:
    result = cli("import")
    assert result.code == 2
    assert result.err.splitlines() == [
        "Utilisation : clsm import [OPTIONS] CLASSEUR…",
        "clsm : il manque l'argument CLASSEUR",
        "aide : « clsm import --help » décrit la commande",
    ]
