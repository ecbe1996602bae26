"""The Excel workbooks, as the user types them: export (the plan's grid), collecte (a year's
collection form) and import (a grid or filled forms read back); app.py registers them."""

from pathlib import Path
from typing import Annotated

import typer

from ..formats import GRILLE_STANDARD, ProblemFormat
from .options import DOSSIER, FORCE, GARDER_VALIDES, TEMPLATES
from .params import (
    ForceWorkbookOption,
    ProblemFormatOption,
    TerritoryArgument,
    argument,
    flag,
    option,
    output_option,
)


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
            help="Mise en page : cctc, suivi-indicateurs, oscars, ou un fichier .yaml.",
            metavar="NOM",
        ),
    ] = GRILLE_STANDARD,
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
