"""The `clsm` commands as the user types them: arguments, options, help pages.

Each command hands its arguments to its runner (commands.py), imported lazily, so that
`clsm --help` never pays for openpyxl, Jinja or the report's libraries. Like main.py,
run.py and commands.py, this module talks to the terminal; the rest of clsm never prints.
"""

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, ParamSpec

import typer

from .. import __version__
from ..formats import DiffFormat, EvaluationFormat, ProblemFormat, ReportFormat
from ..problems import ClsmError
from .options import (
    DIFF_FORMAT,
    DOSSIER,
    EVALUATION_FORMAT,
    FICHIER,
    FORCE,
    GARDER_VALIDES,
    OUTPUT,
    PAR_DEFAUT,
    REPORT_FORMAT,
    STRICT,
    TEMPLATES,
)
from .params import (
    ForceOption,
    ForceWorkbookOption,
    ProblemFormatOption,
    TemplatesOption,
    TerritoryArgument,
    argument,
    flag,
    option,
    output_option,
)
from .run import run_validate, say_error

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
        argument("CHEMIN", f"Dossiers de territoires ou fichiers (par défaut : {PAR_DEFAUT})."),
    ] = None,
    output_format: ProblemFormatOption = ProblemFormat.TEXT,
    strict: Annotated[bool, flag(STRICT)] = False,
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
        argument(
            "[ANNEE] [CHEMIN]...",
            "Année du bilan (par défaut : la dernière qui a une activité) et territoires"
            f" (par défaut : {PAR_DEFAUT}), l'année avant ou après les chemins.",
        ),
    ] = None,
    output_format: Annotated[ReportFormat | None, flag(REPORT_FORMAT)] = None,
    output: Annotated[
        Path | None,
        output_option(
            "Fichier à écrire, dont l'extension dit le format (par défaut :"
            " out/bilan-<territoire>-<année>.<ext>)."
        ),
    ] = None,
    templates: TemplatesOption = None,
    force: ForceOption = False,
) -> None:
    """Produit le bilan d'activité d'une année, chiffres calculés depuis les fichiers.

    Les fichiers sont d'abord vérifiés : s'ils ont des erreurs, le rapport est refusé et
    les erreurs sont listées. Formats : html (par défaut, un seul fichier, imprimable en A4),
    pdf, docx (modifiable dans Word ou LibreOffice) et md (lisible sur une forge git) ;
    l'extension du fichier donné par -o choisit le format (-o copil.pdf).
    """
    from .commands import run_report

    raise typer.Exit(run_report(arguments or [], output_format, output, templates, force))


@command
def evaluation(
    path: Annotated[
        Path | None,
        argument(
            "CHEMIN",
            "Territoire, ou fichier de plan à évaluer (par défaut : le territoire courant,"
            f" sinon {PAR_DEFAUT}).",
        ),
    ] = None,
    plan: Annotated[
        Path | None,
        option(
            "--plan",
            help="Le plan à évaluer (par défaut : le plus récent qui a une activité).",
            metavar=FICHIER,
        ),
    ] = None,
    output_format: Annotated[EvaluationFormat | None, flag(EVALUATION_FORMAT)] = None,
    output: Annotated[
        Path | None,
        output_option(
            "Fichier à écrire, dont l'extension dit le format (par défaut :"
            " out/evaluation-<territoire>-<début>-<fin>.<ext>)."
        ),
    ] = None,
    templates: TemplatesOption = None,
    force: ForceOption = False,
) -> None:
    """Évalue un plan sur ses années : indicateurs, actions, objectifs, partenariat, suivi.

    Met les années d'activité du plan côte à côte : chaque indicateur année par année (cible,
    valeur, taux d'atteinte, écart, statut) et sur la période (cumul ou dernière valeur), le
    statut et les réalisations de chaque action, l'atteinte des objectifs (calculée et
    jugée), les partenaires, réunions et saisines de chaque année, et ce qu'il reste à
    renseigner. Formats : html (par défaut), pdf, docx, md, et xlsx (le tableau de suivi).
    """
    from .commands import run_evaluation

    raise typer.Exit(run_evaluation(path, plan, output_format, output, templates, force))


@command
def export(
    path: Annotated[
        Path | None,
        argument("CHEMIN", "Territoire, ou fichier de plan (par défaut : le territoire courant)."),
    ] = None,
    output: Annotated[
        Path | None,
        output_option(
            "Classeur .xlsx à écrire (par défaut : out/grille-<territoire>-<période>.xlsx)."
        ),
    ] = None,
    grille: Annotated[
        str,
        typer.Option(
            "--grille",
            "-g",
            help="Mise en page : cctc, suivi-indicateurs, ou un fichier .yaml.",
            metavar="NOM",
        ),
    ] = "cctc",
    templates: Annotated[
        Path | None,
        option(*TEMPLATES.names, help="Dossier de modèles (grilles/NOM.yaml).", metavar=DOSSIER),
    ] = None,
    force: ForceWorkbookOption = False,
) -> None:
    """Écrit le plan d'action en classeur Excel : la grille, les indicateurs, les partenaires.

    La grille suit la mise en page CCTC par défaut (objectifs fusionnés, texte renvoyé à la
    ligne, en-tête figé, filtres, impression en paysage) ; --grille en choisit une autre.
    """
    from .commands import run_export

    raise typer.Exit(run_export(path, output, grille, templates, force))


@command
def collecte(
    annee: Annotated[int, argument("ANNEE", "L'année à recueillir (2025).")],
    path: TerritoryArgument = None,
    partenaires: Annotated[
        list[str] | None,
        option(
            "--partenaire",
            help="Une fiche pour ce partenaire : ses actions, ses instances (répétable : une"
            " fiche par partenaire).",
            metavar="ID",
        ),
    ] = None,
    actions: Annotated[
        list[str] | None,
        option(
            "--action",
            help="Une fiche restreinte à cette action du plan (répétable).",
            metavar="ID",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        output_option(
            "Classeur .xlsx à écrire, ou dossier avec plusieurs --partenaire (par défaut :"
            " out/collecte-<territoire>-<année>[-<partenaire>].xlsx)."
        ),
    ] = None,
    retour: Annotated[
        str | None,
        option(
            "--retour",
            help="La date limite de retour, dite par le mode d'emploi (31/01/2026).",
            metavar="DATE",
        ),
    ] = None,
    force: ForceWorkbookOption = False,
) -> None:
    """Écrit la fiche de collecte d'une année : un classeur à faire remplir aux partenaires.

    Une feuille par sorte d'entrée (réalisations, séances et leurs présents, réunions,
    saisines, mesures, suivi des actions), les entrées déjà enregistrées pré-remplies,
    des listes déroulantes et les contrôles d'Excel ; un mode d'emploi en première feuille.
    La fiche remplie revient par « clsm import FICHE.xlsx », qui la fusionne dans
    activite/ANNEE.yaml.
    """
    from .commands import run_collecte

    raise typer.Exit(
        run_collecte(annee, path, partenaires or [], actions or [], output, retour, force)
    )


@named("import")
def import_(
    fichiers: Annotated[
        list[Path],
        argument(
            "CLASSEUR",
            "Le classeur .xlsx à importer : une grille de plan, ou des fiches de collecte"
            " (clsm collecte) ; puis, si l'on veut, le dossier du territoire.",
        ),
    ],
    output: Annotated[
        Path | None,
        output_option(
            "Dossier du territoire (par défaut, pour une grille : plans/<nom du fichier> ;"
            " pour des fiches : le territoire pour lequel elles ont été faites).",
            DOSSIER,
        ),
    ] = None,
    force: Annotated[
        bool,
        option(*FORCE.names, help="Fusionne la grille dans le plan existant de la même période."),
    ] = False,
    garder_valides: Annotated[bool, flag(GARDER_VALIDES)] = False,
    output_format: ProblemFormatOption = ProblemFormat.TEXT,
) -> None:
    """Importe une grille Excel en fichiers de plan, ou des fiches de collecte dans l'activité.

    Une grille existante devient des fichiers de plan ; une fiche de collecte remplie
    (clsm collecte) est fusionnée dans activite/ANNEE.yaml, ligne par ligne, par sa clé.
    Chaque cellule devinée ou non importée est citée (fiche.xlsx:Séances!D7), sur la
    sortie d'erreur. Code de sortie 1 si quelque chose n'a pas pu être importé. Dans un
    territoire existant, les partenaires nouveaux d'une grille sont ajoutés à l'annuaire ;
    un plan existant n'est modifié qu'avec --force, qui y reporte les changements de la
    grille en gardant ses commentaires. Rien n'est écrit si une fiche a des erreurs, sauf
    avec --garder-valides.
    """
    from .commands import run_import

    raise typer.Exit(run_import(fichiers, output, force, garder_valides, output_format))


@command
def fmt(
    paths: Annotated[
        list[Path] | None,
        argument("CHEMIN", f"Fichiers ou territoires (par défaut : {PAR_DEFAUT})."),
    ] = None,
    check: Annotated[
        bool, option("--check", help="Ne change rien ; liste les fichiers à reformater (code 1).")
    ] = False,
) -> None:
    """Réécrit les fichiers sous une forme unique, commentaires gardés, sens inchangé.

    Clés dans l'ordre des modèles, indentation, guillemets et largeur uniformes, textes
    longs en blocs. Un fichier déjà au format n'est pas touché ; l'écriture est atomique ;
    si le résultat ne relit pas exactement les mêmes valeurs et commentaires, rien n'est écrit.
    """
    from .commands import run_fmt

    raise typer.Exit(run_fmt(paths or [], check))


@command
def diff(
    words: Annotated[
        list[str] | None,
        argument(
            "REVISION|CHEMIN",
            "Deux fichiers ou dossiers à comparer ; ou une révision git (HEAD, HEAD~1,"
            " v2023…) comparée aux fichiers actuels, ou deux révisions comparées entre elles,"
            " suivies si l'on veut des fichiers ou dossiers auxquels se limiter. Un mot qui"
            " désigne un fichier ou un dossier existant est un chemin ; tout autre mot, une"
            " révision git.",
        ),
    ] = None,
    output_format: Annotated[DiffFormat, flag(DIFF_FORMAT, show_default=True)] = DiffFormat.TEXT,
    exit_code: Annotated[
        bool, option("--exit-code", help="Code de sortie 1 s'il y a des changements.")
    ] = False,
) -> None:
    """Dit ce qui a changé dans le plan, dans ses propres termes.

    Actions ajoutées, supprimées, renumérotées ou déplacées ; champs modifiés avec l'avant et
    l'après ; cibles, unités, périodes ; partenaires ; valeurs d'indicateurs enregistrées.

    \b
    Exemples :
      clsm diff HEAD                      depuis le dernier commit
      clsm diff HEAD plans/cctc           depuis le dernier commit, un territoire
      clsm diff HEAD~1 HEAD plans/cctc    entre deux révisions, un territoire
      clsm diff ancien/ nouveau/          deux dossiers (ou deux fichiers)
    """
    from .commands import run_diff

    raise typer.Exit(run_diff(words or [], output_format, exit_code))


@command
def init(
    dossier: Annotated[
        Path,
        typer.Argument(
            metavar="DOSSIER", help="Dossier du nouveau territoire (créé s'il n'existe pas)."
        ),
    ] = Path("."),
    territoire: Annotated[
        str | None,
        option(
            "--territoire",
            help="Nom du territoire (Poitiers) ; le CLSM s'appelle alors « CLSM de Poitiers ».",
            metavar="NOM",
        ),
    ] = None,
    nom: Annotated[
        str | None,
        option(
            "--nom", help="Nom du CLSM, s'il n'est pas « CLSM de <territoire> ».", metavar="NOM"
        ),
    ] = None,
    periode: Annotated[
        str | None,
        option(
            "--periode",
            help="Période du plan, 2025-2029 (par défaut : cinq ans à partir de --annee).",
            metavar="DEBUT-FIN",
        ),
    ] = None,
    annee: Annotated[
        int | None,
        option(
            "--annee",
            help="Année du premier fichier d'activité (par défaut : l'année en cours si la"
            " période la contient, sinon la première de la période).",
            metavar="ANNEE",
        ),
    ] = None,
) -> None:
    """Crée un nouveau territoire : fichiers d'exemple commentés, schémas, réglages.

    Écrit clsm.yaml, partenaires.yaml, un plan, l'activité de l'année, un .gitignore, un
    .pre-commit-config.yaml et les réglages de VS Code qui relient les fichiers aux schémas.
    Refuse un dossier qui contient déjà des fichiers de plan.
    """
    from ..init import create_territory, starter

    options = starter(territoire=territoire, nom=nom, periode=periode, annee=annee)
    for path in create_territory(dossier, options):
        typer.echo(f"écrit : {path}")
    typer.echo("Territoire créé. Ensuite : modifiez les fichiers, puis « clsm validate ».")


@named("nouvelle-annee")
def new_year(
    annee: Annotated[int, argument("ANNEE", "L'année à commencer (2026).")],
    path: TerritoryArgument = None,
) -> None:
    """Commence le fichier d'activité d'une année, à partir du plan et des instances.

    Écrit activite/ANNEE.yaml : les actions du plan qui couvre l'année, en commentaires et
    rangées par axe, pour y recopier celles que l'on enregistre ; une réunion à compléter
    pour chaque instance de clsm.yaml. Refuse un fichier qui existe déjà.
    """
    from ..new_year import start_year
    from ..problems import UsageError
    from ..validation.dossier import find_territories
    from .run import default_paths

    roots = find_territories(default_paths([path] if path else [], "nouvelle-annee 2026"))
    if len(roots) != 1:
        raise UsageError(
            "indiquez un seul territoire" if roots else "aucun territoire à cet endroit",
            hint=f"clsm nouvelle-annee {annee} mon-territoire",
        )
    written = start_year(roots[0], annee)
    typer.echo(f"écrit : {written}")
    typer.echo("Ensuite : enregistrez l'année dans ce fichier, puis « clsm validate ».")


@command
def schema(
    output: Annotated[
        Path, typer.Option(*OUTPUT, help="Dossier où écrire les schémas.", metavar=DOSSIER)
    ] = Path("schemas"),
) -> None:
    """Écrit le JSON Schema de chaque sorte de fichier, pour l'éditeur (VS Code…).

    Chaque fichier YAML peut alors commencer par une ligne
    « # yaml-language-server: $schema=schemas/plan.schema.json ».
    """
    from ..schema import write_schemas

    for path in write_schemas(output):
        typer.echo(f"écrit : {path}")
