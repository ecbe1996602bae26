"""The `clsm` command line: the only module that prints and chooses exit codes.

Each command imports its worker lazily, so `clsm --help` and `clsm validate` never pay
for openpyxl, Jinja or the report's libraries.
"""

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, ParamSpec

import typer

from .. import __version__
from ..formats import DiffFormat, ProblemFormat, ReportFormat
from ..problems import EXIT_PROBLEMS, EXIT_USAGE, ClsmError, Report
from .options import (
    DIFF_FORMAT,
    FORCE,
    OUTPUT,
    PAR_DEFAUT,
    PROBLEM_FORMAT,
    REPORT_FORMAT,
    STRICT,
    TEMPLATES,
)
from .run import default_paths, refuse_or_warn, run_validate, say_error

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
        ProblemFormat, typer.Option(*PROBLEM_FORMAT.names, help=PROBLEM_FORMAT.help)
    ] = ProblemFormat.TEXT,
    strict: Annotated[bool, typer.Option(*STRICT.names, help=STRICT.help)] = False,
) -> None:
    """Vérifie les fichiers d'un ou plusieurs territoires et signale chaque problème.

    Code de sortie : 0 si tout est valide, 1 si des problèmes sont trouvés,
    2 si la commande est mal formée ou un chemin illisible.
    """
    raise typer.Exit(run_validate(paths or [], output_format, strict))


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
        ReportFormat, typer.Option(*REPORT_FORMAT.names, help=REPORT_FORMAT.help)
    ] = ReportFormat.HTML,
    output: Annotated[
        Path | None,
        typer.Option(
            *OUTPUT,
            help="Fichier à écrire (par défaut : out/bilan-<territoire>-<année>.<ext>).",
            show_default=False,
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(TEMPLATES, help="Dossier de modèles personnalisés.", show_default=False),
    ] = None,
    force: Annotated[
        bool, typer.Option(FORCE, help="Remplace un fichier existant qui ne vient pas de clsm.")
    ] = False,
) -> None:
    """Produit le bilan d'activité d'une année, chiffres calculés depuis les fichiers.

    Les fichiers sont d'abord vérifiés : s'ils ont des erreurs, le rapport est refusé et
    les erreurs sont listées. Formats : html (par défaut, un seul fichier, imprimable en A4),
    pdf, docx (modifiable dans Word ou LibreOffice) et md (lisible sur une forge git).
    """
    from ..bilan.command import produce, split_arguments
    from ..bilan.writers import charts
    from ..bilan.writers.jinja import TemplateProblem
    from ..validation.pipeline import validate_paths

    annee, paths = split_arguments(arguments or [])
    charts.draw_beside_reading()
    validation = validate_paths(default_paths(paths or [], "report"))
    refuse_or_warn(validation.report, validation.line, "rapport")
    try:
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
    except TemplateProblem as exc:
        from ..validation.reporters import TextReporter

        TextReporter(sys.stderr, _text_line).problem(exc.problem)
        typer.echo("clsm : bilan non écrit, corrigez d'abord le modèle.", err=True)
        raise typer.Exit(EXIT_PROBLEMS) from None


def _text_line(file: str, line: int) -> str:
    """A line of a text file (a template) for a problem's snippet; nothing if unreadable."""
    try:
        lines = Path(file).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return ""
    return lines[line - 1] if 0 < line <= len(lines) else ""


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
            *OUTPUT,
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
    force: Annotated[bool, typer.Option(FORCE, help="Remplace un classeur existant.")] = False,
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
    refuse_or_warn(report, validation.line, "export", refuse=layout is None)
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
            *OUTPUT,
            help="Dossier du territoire (par défaut : plans/<nom du fichier>).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(FORCE, help="Fusionne la grille dans le plan existant de la même période."),
    ] = False,
    output_format: Annotated[
        ProblemFormat, typer.Option(*PROBLEM_FORMAT.names, help=PROBLEM_FORMAT.help)
    ] = ProblemFormat.TEXT,
) -> None:
    """Transforme une grille Excel existante en fichiers de plan, et dit ce qu'il a deviné.

    Chaque cellule devinée ou non importée est citée (grille.xlsx:Plan!C12), sur la
    sortie d'erreur. Code de sortie 1 si quelque chose n'a pas pu être importé. Dans un
    territoire existant, les partenaires nouveaux sont ajoutés à l'annuaire ; un plan
    existant n'est modifié qu'avec --force, qui y reporte les changements de la grille en
    gardant ses commentaires.
    """
    from ..excel.importing import import_grid
    from ..validation.pipeline import validate_paths

    dest = output or (Path("plans") if Path("plans").is_dir() else Path(".")) / _slug(grille.stem)
    outcome = import_grid(grille, dest, force)
    report = Report([grille.name], list(outcome.problems))
    if outcome.written:  # checked as clsm validate would
        validation = validate_paths([dest])
        report.files += validation.report.files
        report.extend(validation.report.problems)
    _say_import(output_format, report, outcome.written, outcome.unchanged)
    if outcome.lost or not (outcome.written or outcome.unchanged):
        typer.echo(
            "clsm : importé avec des pertes, voir ci-dessus."
            if outcome.written
            else "clsm : rien n'a été écrit.",
            err=True,
        )
        raise typer.Exit(EXIT_PROBLEMS)
    if not report.valid():  # the files written have errors, listed above
        raise typer.Exit(EXIT_PROBLEMS)


def _say_import(
    output_format: ProblemFormat, report: Report, written: list[Path], unchanged: list[Path]
) -> None:
    """The problems through validate's reporters (text on stderr), and the files written:
    `écrit : …` lines, or in JSON, validate's document with `written` and `unchanged`."""
    from ..validation.reporters import document, reporter_for, write_json

    if output_format is ProblemFormat.JSON:
        files = {"written": [str(p) for p in written], "unchanged": [str(p) for p in unchanged]}
        write_json(sys.stdout, {**document(report, strict=False), **files})
        return
    out = sys.stderr if output_format is ProblemFormat.TEXT else sys.stdout
    # No source lines: a merge's remarks give the lines of the file before it was changed.
    reporter_for(output_format, out, lambda file, line: "").problems(report, strict=False)
    for path in written:
        typer.echo(f"écrit : {path}")
    for path in unchanged:
        typer.echo(f"inchangé : {path}")


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
    from ..kinds import kind_of
    from ..validation.dossier import find_territories, territory_files
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
        DiffFormat, typer.Option(*DIFF_FORMAT.names, help=DIFF_FORMAT.help)
    ] = DiffFormat.TEXT,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Code de sortie 1 s'il y a des changements.")
    ] = False,
) -> None:
    """Dit ce qui a changé dans le plan, dans ses propres termes.

    Actions ajoutées, supprimées, renumérotées ou déplacées ; champs modifiés avec l'avant et
    l'après ; cibles, unités, périodes ; partenaires ; valeurs d'indicateurs enregistrées.
    Entre deux fichiers ou dossiers, ou entre révisions git (clsm diff HEAD~1).
    """
    from ..versions.render import render
    from ..versions.sides import compare_paths, compare_revisions

    if Path(ancien).exists():
        if nouveau is None or not Path(nouveau).exists():
            raise ClsmError(
                "indiquez le second fichier ou dossier à comparer", exit_code=EXIT_USAGE
            )
        changes = compare_paths(Path(ancien), Path(nouveau))
    else:
        scope = default_paths([], "diff")[0]
        changes = compare_revisions(ancien, nouveau, scope)
    typer.echo(render(changes, output_format.value), nl=False)
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
    from ..init import create_territory

    for path in create_territory(dossier):
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
