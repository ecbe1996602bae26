"""The commands on a territory's YAML files, as the user types them: validate, fmt, diff,
init, nouvelle-annee, schema (app.py registers them)."""

from pathlib import Path
from typing import Annotated

import typer

from ..formats import DiffFormat, ProblemFormat
from .options import DIFF_FORMAT, DOSSIER, OUTPUT, PAR_DEFAUT, STRICT
from .params import ProblemFormatOption, TerritoryArgument, argument, flag, option
from .run import run_validate


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
    from ..validation.dossier import display_name, find_territories
    from .run import default_paths

    roots = find_territories(default_paths([path] if path else [], "nouvelle-annee 2026"))
    if len(roots) != 1:
        raise UsageError(
            "indiquez un seul territoire" if roots else "aucun territoire à cet endroit",
            hint=f"clsm nouvelle-annee {annee} mon-territoire",
        )
    written = start_year(roots[0], annee)
    typer.echo(f"écrit : {display_name(written)}")
    typer.echo("Ensuite : enregistrez l'année dans ce fichier, puis « clsm validate ».")


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
