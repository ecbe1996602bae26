"""The shared options and arguments as typer declares them, each once: `Annotated` types the
commands (app_*.py) reuse, and the helpers that give every option the same shape.

Names and help of the shared options are in options.py, which the quick road of `clsm
validate` reads without typer; this module only turns them into typer's declarations.
"""

from pathlib import Path
from typing import Annotated, Any

import typer

from ..formats import ProblemFormat
from .options import (
    DOCUMENT_OUTPUT,
    FICHIER,
    FORCE,
    FORCE_WORKBOOK,
    OUTPUT,
    PROBLEM_FORMAT,
    TEMPLATES,
    Flag,
)


def option(*names: str, help: str, metavar: str | None = None, show_default: bool = False) -> Any:
    """An option whose help shows no default, unless asked (`[par défaut : text]`): the help
    says it in words, if it has one."""
    return typer.Option(*names, help=help, metavar=metavar, show_default=show_default)


def flag(declared: Flag, show_default: bool = False) -> Any:
    """An option declared in options.py."""
    return option(
        *declared.names, help=declared.help, metavar=declared.metavar, show_default=show_default
    )


def output_option(help: str, metavar: str = FICHIER) -> Any:
    """`-o, --output`: what the command writes there, and where by default."""
    return option(*OUTPUT, help=help, metavar=metavar)


def document_output(nom: str) -> Any:
    """`-o FICHIER` for a document whose format the file's extension chooses, by default
    `out/{nom}.<ext>` (report, evaluation)."""
    return output_option(DOCUMENT_OUTPUT.format(nom=nom))


def argument(metavar: str, help: str) -> Any:
    """An argument whose help shows no default: the help says it in words, if it has one."""
    return typer.Argument(metavar=metavar, help=help, show_default=False)


ProblemFormatOption = Annotated[ProblemFormat, flag(PROBLEM_FORMAT)]
"""`-f, --format text|json|github`: the form of a report of problems (validate, import)."""
TemplatesOption = Annotated[Path | None, flag(TEMPLATES)]
"""`--templates DOSSIER`: the user's templates (report, evaluation)."""
ForceOption = Annotated[bool, flag(FORCE)]
"""`--force`: replace a file clsm did not write (report, evaluation)."""
ForceWorkbookOption = Annotated[bool, flag(FORCE_WORKBOOK)]
"""`--force`: replace an existing workbook (export, collecte)."""
TerritoryArgument = Annotated[
    Path | None, argument("CHEMIN", "Le territoire (par défaut : celui où l'on se trouve).")
]
"""`[CHEMIN]`: the one territory a command works on (collecte, nouvelle-annee)."""
