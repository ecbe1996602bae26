"""The `clsm` command line: the only module that prints and chooses exit codes.

Each command imports its worker lazily, so `clsm --help` and `clsm validate` never pay
for openpyxl, Jinja or the report's libraries.
"""

import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, ParamSpec

import typer

from .. import __version__
from ..problems import EXIT_PROBLEMS, EXIT_USAGE, ClsmError, Report
from .main import (
    PAR_DEFAUT,
    default_paths,
    run_validate,
    say_error,
)

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


def named(name: str) -> Callable[[Callable[P, None]], Callable[P, None]]:
    """`command`, under a name that is not the function's (`import` is a Python keyword)."""

    def register(function: Callable[P, None]) -> Callable[P, None]:
        return command(function, name=name)

    return register


def command(function: Callable[P, None], *, name: str | None = None) -> Callable[P, None]:
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


@command
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="CHEMIN",
            help=f"Dossiers de territoires ou fichiers (par défaut : {PAR_DEFAUT}).",
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
    raise typer.Exit(run_validate(paths or [], output_format.value, strict))


class FormatRapport(StrEnum):
    """Output formats of `clsm report`."""

    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"
    MD = "md"


def _refuse_or_warn(
    report: Report, line: Callable[[str, int], str], what: str, refuse: bool = False
) -> None:
    """Before writing from the files: refuse on errors; otherwise say the warnings, so that
    nothing the checks found (a comment eating a title…) goes unseen into the output."""
    from ..validation.reporters import TextReporter

    if report.valid() and not refuse:
        if report.warnings:
            TextReporter(sys.stderr, line).report(report, strict=False)
        return
    TextReporter(sys.stderr, line).report(report, strict=False)
    typer.echo(f"clsm : {what} refusé, corrigez d'abord ces erreurs.", err=True)
    raise typer.Exit(EXIT_PROBLEMS)


@command
def report(
    arguments: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ANNEE] [CHEMIN]...",
            help="Année du bilan (par défaut : la dernière qui a une activité), puis les"
            f" territoires (par défaut : {PAR_DEFAUT}).",
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
    from ..bilan.command import produce, split_arguments
    from ..bilan.writers import charts
    from ..validation.pipeline import validate_paths

    annee, paths = split_arguments(arguments or [])
    charts.draw_beside_reading()
    validation = validate_paths(default_paths(paths or [], "report"))
    _refuse_or_warn(validation.report, validation.line, "rapport")
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
def export(
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="CHEMIN",
            help="Territoire, ou fichier de plan (par défaut : le territoire courant).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Classeur à écrire (par défaut : out/grille-<territoire>-<période>.xlsx).",
            show_default=False,
        ),
    ] = None,
    grille: Annotated[
        str,
        typer.Option(
            "--grille", "-g", help="Mise en page : cctc, suivi-indicateurs, ou un fichier .yaml."
        ),
    ] = "cctc",
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates", help="Dossier de modèles (grilles/NOM.yaml).", show_default=False
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Remplace un classeur existant.")] = False,
) -> None:
    """Écrit le plan d'action en classeur Excel : la grille, les indicateurs, les partenaires.

    La grille suit la mise en page CCTC par défaut (objectifs fusionnés, texte renvoyé à la
    ligne, en-tête figé, filtres, impression en paysage) ; --grille en choisit une autre.
    """
    from ..excel.export import export_workbook
    from ..excel.layouts import load_layout
    from ..problems import Report
    from ..resources import search_path
    from ..validation.pipeline import validate_paths

    target = path if path is not None else Path(".")
    validation = validate_paths([target])
    if len(validation.dossiers) != 1:
        raise ClsmError("indiquez un seul territoire à exporter", exit_code=EXIT_USAGE)
    dossier = validation.dossiers[0]
    layout, problems = load_layout(grille, search_path(dossier.root, templates))
    report = Report(validation.report.files, [*validation.report.problems, *problems])
    _refuse_or_warn(report, validation.line, "export", refuse=layout is None)
    assert layout is not None  # refused above
    plan_file = target if target.is_file() else None
    written = export_workbook(dossier, plan_file, layout, output, force)
    typer.echo(f"écrit : {written}")


@named("import")
def import_(
    grille: Annotated[
        Path,
        typer.Argument(metavar="GRILLE", help="Le classeur .xlsx à importer.", show_default=False),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Dossier du territoire (par défaut : plans/<nom du fichier>).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Fusionne la grille dans le plan existant de la même période."
        ),
    ] = False,
) -> None:
    """Transforme une grille Excel existante en fichiers de plan, et dit ce qu'il a deviné.

    Chaque cellule devinée ou non importée est citée (grille.xlsx:Plan!C12). Code de
    sortie 1 si quelque chose n'a pas pu être importé. Dans un territoire existant, les
    partenaires nouveaux sont ajoutés à l'annuaire ; un plan existant n'est modifié
    qu'avec --force, qui y reporte les changements de la grille en gardant ses commentaires.
    """
    from ..excel.importing import importer
    from ..validation.pipeline import validate_paths
    from ..validation.reporters import TextReporter

    dest = output or (Path("plans") if Path("plans").is_dir() else Path(".")) / _slug(grille.stem)
    result = importer(grille, dest, force)
    for remarque in sorted(result.remarques, key=lambda r: _natural(r.ou)):
        typer.echo(f"{remarque.ou}: {remarque.libelle} : {remarque.message}")
    for problem in result.problemes:
        typer.echo(f"{problem.file}: erreur [{problem.code}] {problem.path} : {problem.message}")
    for path in result.ecrits:
        typer.echo(f"écrit : {path}")
    for path in result.inchanges:
        typer.echo(f"inchangé : {path}")
    if result.ecrits:
        validation = validate_paths([dest])
        if validation.report.problems:
            TextReporter(sys.stdout, validation.line).report(validation.report, strict=False)
        if not validation.report.valid():
            raise typer.Exit(EXIT_PROBLEMS)
    if result.perdu or not (result.ecrits or result.inchanges):
        typer.echo(
            "clsm : importé avec des pertes, voir ci-dessus."
            if result.ecrits
            else "clsm : rien n'a été écrit.",
            err=True,
        )
        raise typer.Exit(EXIT_PROBLEMS)


def _natural(text: str) -> list[tuple[int, str]]:
    """A sort key that puts C9 before C10 and line 9 before line 10."""
    import re

    return [(int(part), "") if part.isdigit() else (-1, part) for part in re.split(r"(\d+)", text)]


def _slug(text: str) -> str:
    import re
    import unicodedata

    bare = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", bare).strip("-") or "territoire"


@command
def fmt(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="CHEMIN",
            help=f"Fichiers ou territoires (par défaut : {PAR_DEFAUT}).",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Ne change rien ; liste les fichiers à reformater (code 1)."),
    ] = False,
) -> None:
    """Réécrit les fichiers sous une forme unique, commentaires gardés, sens inchangé.

    Clés dans l'ordre des modèles, indentation, guillemets et largeur uniformes, textes
    longs en blocs. Un fichier déjà au format n'est pas touché ; l'écriture est atomique ;
    si le résultat ne relit pas exactement les mêmes valeurs et commentaires, rien n'est écrit.
    """
    from ..french.agreement import compte, forme
    from ..validation.dossier import find_territories, kind_of, territory_files
    from ..writing.fmt import format_file

    files: list[Path] = []
    for path in default_paths(paths or [], "fmt"):
        if path.is_file():
            files.append(path)
        else:
            for root in find_territories([path]):
                files += [f for f in territory_files(root) if kind_of(f)]
    changed = refused = 0
    for path in files:
        outcome = format_file(path, check)
        if outcome.ignore:
            files = [f for f in files if f != path]
            continue
        if outcome.raison:
            refused += 1
            typer.echo(f"{path} : laissé tel quel : {outcome.raison}", err=True)
        elif outcome.change:
            changed += 1
            typer.echo(f"{'à reformater' if check else 'reformaté'} : {path}")
    kept = len(files) - changed - refused
    done = "à reformater" if check else forme(changed, "reformaté")
    typer.echo(
        f"{compte(len(files), 'fichier')} : {changed} {done}, {kept} déjà au format"
        + (f", {compte(refused, 'laissé tel quel', 'laissés tels quels')}" if refused else "")
        + "."
    )
    if refused or (check and changed):
        raise typer.Exit(EXIT_PROBLEMS)


class FormatDiff(StrEnum):
    """Output formats of `clsm diff`."""

    TEXT = "text"
    MD = "md"
    JSON = "json"


@command
def diff(
    ancien: Annotated[
        str,
        typer.Argument(
            metavar="ANCIEN",
            help="Fichier, dossier, ou révision git (HEAD~1, v2023…).",
            show_default=False,
        ),
    ],
    nouveau: Annotated[
        str | None,
        typer.Argument(
            metavar="NOUVEAU",
            help="Fichier ou dossier ; ou révision git (par défaut : les fichiers actuels).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        FormatDiff,
        typer.Option("--format", "-f", help="text, md (à coller dans un compte rendu) ou json."),
    ] = FormatDiff.TEXT,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Code de sortie 1 s'il y a des changements.")
    ] = False,
) -> None:
    """Dit ce qui a changé dans le plan, dans ses propres termes.

    Actions ajoutées, supprimées, renumérotées ou déplacées ; champs modifiés avec l'avant et
    l'après ; cibles, unités, périodes ; partenaires ; valeurs d'indicateurs enregistrées.
    Entre deux fichiers ou dossiers, ou entre révisions git (clsm diff HEAD~1).
    """
    from ..versions.sides import comparer_chemins, comparer_revisions, rendre

    if Path(ancien).exists():
        if nouveau is None or not Path(nouveau).exists():
            raise ClsmError(
                "indiquez le second fichier ou dossier à comparer", exit_code=EXIT_USAGE
            )
        changes = comparer_chemins(Path(ancien), Path(nouveau))
    else:
        scope = default_paths([], "diff")[0]
        changes = comparer_revisions(ancien, nouveau, scope)
    typer.echo(rendre(changes, output_format.value), nl=False)
    if exit_code and changes:
        raise typer.Exit(EXIT_PROBLEMS)


@command
def init(
    dossier: Annotated[
        Path,
        typer.Argument(
            metavar="DOSSIER", help="Dossier du nouveau territoire (créé s'il n'existe pas)."
        ),
    ] = Path("."),
) -> None:
    """Crée un nouveau territoire : fichiers d'exemple commentés, schémas, réglages.

    Écrit clsm.yaml, partenaires.yaml, un plan, l'activité de l'année, un .gitignore, un
    .pre-commit-config.yaml et les réglages de VS Code qui relient les fichiers aux schémas.
    Refuse un dossier qui contient déjà des fichiers de plan.
    """
    from ..init import initialiser

    for path in initialiser(dossier):
        typer.echo(f"écrit : {path}")
    typer.echo("Territoire créé. Ensuite : modifiez les fichiers, puis « clsm validate ».")


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
    from ..schema import write_schemas

    for path in write_schemas(output):
        typer.echo(f"écrit : {path}")
