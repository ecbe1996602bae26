"""The documents written from a territory's files, as the user types them: report (the bilan
of a year) and evaluation (a plan over its years); app.py registers them."""

from pathlib import Path
from typing import Annotated

import typer

from ..formats import EvaluationFormat, ReportFormat
from .options import EVALUATION_FORMAT, FICHIER, PAR_DEFAUT, REPORT_FORMAT
from .params import ForceOption, TemplatesOption, argument, document_output, flag, option


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
    output: Annotated[Path | None, document_output("bilan-<territoire>-<année>")] = None,
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
    output: Annotated[Path | None, document_output("evaluation-<territoire>-<début>-<fin>")] = None,
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
