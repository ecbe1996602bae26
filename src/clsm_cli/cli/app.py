"""The `clsm` application: its commands registered in the order its help lists them, each
`ClsmError` said in French with its exit code.

The commands as the user types them (arguments, options, help pages) are declared by family:
app_files.py (validate, fmt, diff, init, nouvelle-annee, schema), app_documents.py (report,
evaluation) and app_workbooks.py (export, collecte, import). Each hands its arguments to its
runner (commands.py), imported lazily, so that `clsm --help` never pays for openpyxl, Jinja
or the report's libraries. Like main.py, run.py and commands.py, these modules talk to the
terminal; the rest of clsm never prints.
"""

import functools
from collections.abc import Callable
from typing import Annotated, ParamSpec

import typer

from .. import __version__
from ..problems import ClsmError
from .app_documents import evaluation, report
from .app_files import diff, fmt, init, new_year, schema, validate
from .app_workbooks import collecte, export, import_
from .run import say_error

app = typer.Typer(
    name="clsm",
    help="Plans d'action et bilans d'activité des Conseils locaux de santé mentale.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

P = ParamSpec("P")


def command(function: Callable[P, None], *, name: str) -> Callable[P, None]:
    """Register a command whose `ClsmError`s become a French message and an exit code."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            function(*args, **kwargs)
        except ClsmError as exc:
            say_error(exc)
            raise typer.Exit(exc.exit_code) from None

    app.command(name=name)(run)
    return run


def _version(value: bool) -> None:
    if value:
        typer.echo(f"clsm {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", help="Affiche la version et quitte.", callback=_version),
    ] = False,
) -> None:
    """Plans d'action et bilans d'activité des Conseils locaux de santé mentale."""


COMMANDS: tuple[tuple[str, Callable[..., None]], ...] = (
    ("validate", validate),
    ("report", report),
    ("evaluation", evaluation),
    ("export", export),
    ("collecte", collecte),
    ("import", import_),
    ("fmt", fmt),
    ("diff", diff),
    ("init", init),
    ("nouvelle-annee", new_year),
    ("schema", schema),
)
"""Every command under the name the user types (`import` is a Python keyword), in the order
`clsm --help` lists them."""

for _name, _function in COMMANDS:
    command(_function, name=_name)
