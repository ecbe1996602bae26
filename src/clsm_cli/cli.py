"""The `clsm` command line: the only module that prints and chooses exit codes.

Each command imports its worker lazily, so `clsm --help` and `clsm validate` never pay
for openpyxl, Jinja or the report's libraries.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, ParamSpec

import typer

from . import __version__
from .problems import ClsmError

app = typer.Typer(
    name="clsm",
    help="Plans d'action et bilans d'activité des Conseils locaux de santé mentale.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

P = ParamSpec("P")


def command(function: Callable[P, None]) -> Callable[P, None]:
    """Register a command whose `ClsmError`s become a French message and an exit code."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            function(*args, **kwargs)
        except ClsmError as exc:
            typer.echo(f"clsm : {exc.message}", err=True)
            if exc.hint:
                typer.echo(f"aide : {exc.hint}", err=True)
            raise typer.Exit(exc.exit_code) from None

    app.command()(run)
    return run


class Format(StrEnum):
    """Output formats of `clsm validate`."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


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


def _default_paths(paths: list[Path] | None) -> list[Path]:
    if paths:
        return paths
    if Path("plans").is_dir():
        return [Path("plans")]
    if Path("clsm.yaml").is_file():
        return [Path(".")]
    raise ClsmError(
        "aucun dossier plans/ ni fichier clsm.yaml ici",
        hint="indiquez le dossier du territoire : clsm validate plans/mon-territoire",
        exit_code=EXIT_USAGE,
    )


@command
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Dossiers de territoires ou fichiers (par défaut : plans/).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="Forme du rapport : text, json ou github.")
    ] = Format.TEXT,
    strict: Annotated[
        bool, typer.Option("--strict", help="Les avertissements font aussi échouer.")
    ] = False,
) -> None:
    """Vérifie les fichiers d'un ou plusieurs territoires et signale chaque problème.

    Code de sortie : 0 si tout est valide, 1 si des problèmes sont trouvés,
    2 si la commande est mal formée ou un chemin illisible.
    """
    from .checker import validate_paths
    from .reporters import REPORTERS

    validation = validate_paths(_default_paths(paths))
    color = output_format is Format.TEXT and sys.stdout.isatty()
    reporter = REPORTERS[output_format.value](sys.stdout, validation.line, color)
    reporter.report(validation.report, strict)
    raise typer.Exit(EXIT_OK if validation.report.valid(strict) else EXIT_PROBLEMS)


class FormatRapport(StrEnum):
    """Output formats of `clsm report`."""

    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"
    MD = "md"


@command
def report(
    arguments: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ANNEE] [CHEMIN]...",
            help="Année du bilan (par défaut : la dernière qui a une activité), puis les"
            " territoires (par défaut : plans/ ou le dossier courant).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        FormatRapport, typer.Option("--format", "-f", help="html, pdf, docx ou md.")
    ] = FormatRapport.HTML,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Fichier à écrire (par défaut : out/bilan-<territoire>-<année>.<ext>).",
            show_default=False,
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option("--templates", help="Dossier de modèles personnalisés.", show_default=False),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Remplace un fichier existant qui ne vient pas de clsm.")
    ] = False,
) -> None:
    """Produit le bilan d'activité d'une année, chiffres calculés depuis les fichiers.

    Les fichiers sont d'abord vérifiés : s'ils ont des erreurs, le rapport est refusé et
    les erreurs sont listées. Formats : html (par défaut, un seul fichier, imprimable en A4),
    pdf, docx (modifiable dans Word ou LibreOffice) et md (lisible sur une forge git).
    """
    from .checker import validate_paths
    from .reporters import TextReporter
    from .reporting import produce, split_arguments

    annee, paths = split_arguments(arguments or [])
    validation = validate_paths(_default_paths(paths))
    if not validation.report.valid():
        TextReporter(sys.stderr, validation.line).report(validation.report, strict=False)
        typer.echo("clsm : rapport refusé, corrigez d'abord ces erreurs.", err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    for line in produce(
        validation,
        annee,
        output_format.value,
        output=output,
        templates=templates,
        force=force,
        progress=sys.stderr.isatty(),
    ):
        typer.echo(line, err=line.startswith("attention"))


@command
def schema(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Dossier où écrire les schémas.")
    ] = Path("schemas"),
) -> None:
    """Écrit le JSON Schema de chaque sorte de fichier, pour l'éditeur (VS Code…).

    Chaque fichier YAML peut alors commencer par une ligne
    « # yaml-language-server: $schema=schemas/plan.schema.json ».
    """
    from .schema import write_schemas

    for path in write_schemas(output):
        typer.echo(f"écrit : {path}")


def main() -> None:
    """Entry point of the `clsm` script and of `python -m clsm_cli`."""
    app()
