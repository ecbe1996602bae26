"""The `evaluation` command's work: pick each territory's plan, build its evaluation, write it.

HTML, PDF, Markdown and DOCX go through the bilan's writers (`bilan/writers/formats`), with
the evaluation's templates and Word writer; the workbook is `classeur`'s. The writers (and
Jinja) are imported with this module, before the files are read, like the bilan's: while a
large plan is read ahead (loader/ahead.py) this process would otherwise wait idle, then
import them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..bilan.writers.formats import write
from ..bilan.writers.rendu import Rendu, check_outputs, progress_status, written_lines
from ..formats import EvaluationFormat, ReportFormat
from ..problems import ClsmError
from ..resources import search_path
from ..validation.dossier import Dossier, territory_name
from ..validation.pipeline import Validation
from ..writing.overwrite import output_folder
from .construction import (
    AIDE_ACTIVITE,
    NOUVELLE_PAGE,
    Evaluation,
    build_evaluation,
    plan_choisi,
)
from .wording import Textes


def default_path(evaluation: Evaluation, fmt: EvaluationFormat, territory: Path) -> Path:
    """`out/evaluation-<territoire>-<début>-<fin>.<ext>` (`output_folder` says which out/)."""
    periode = evaluation.plan.periode
    name = f"evaluation-{evaluation.slug}-{periode.debut}-{periode.fin}.{fmt.value}"
    return output_folder(territory) / name


def rendu(evaluation: Evaluation) -> Rendu:
    """The evaluation, for the bilan's writers."""

    def word(images: bool, search: list[Path]) -> bytes:
        from .word import document

        return document(evaluation, images=images, search=search)

    return Rendu(
        modele="evaluation",
        variables={"evaluation": evaluation, "textes": Textes(evaluation)},
        graphiques=evaluation.graphiques,
        nouvelle_page=NOUVELLE_PAGE,
        word=word,
    )


def produce(
    validation: Validation,
    plan: Path | None,
    fmt: EvaluationFormat,
    *,
    output: Path | None,
    templates: Path | None,
    force: bool,
    progress: bool,
) -> Iterator[str]:
    """Write the evaluation of each territory's plan; yield lines for the user.

    A user template that cannot be rendered raises `TemplateProblem`, whose located problem
    the command prints like any other."""
    check_outputs(len(validation.dossiers), output, templates)
    done = 0
    for dossier in validation.dossiers:
        try:
            fichier, choisi = plan_choisi(dossier, plan)
        except ClsmError as exc:
            if len(validation.dossiers) == 1:
                raise
            yield f"{exc.message}, ignoré"
            continue
        name = territory_name(dossier.root)
        with progress_status(progress, f"{name} : évaluation du plan en {fmt.upper()}…"):
            evaluation = build_evaluation(dossier, fichier, choisi)
            target = output or default_path(evaluation, fmt, dossier.root)
            written, warnings = _write(evaluation, dossier, fmt, templates, target, force)
        yield from written_lines(written, warnings)
        done += 1
    if done == 0:
        raise ClsmError(
            "aucun territoire n'a de plan avec une activité à évaluer",
            hint=AIDE_ACTIVITE,
        )


def _write(
    evaluation: Evaluation,
    dossier: Dossier,
    fmt: EvaluationFormat,
    templates: Path | None,
    target: Path,
    force: bool,
) -> tuple[list[Path], list[str]]:
    """Write one format; the files written and the warnings."""
    if fmt is EvaluationFormat.XLSX:
        from .classeur import write_workbook

        write_workbook(evaluation, target, force)
        return [target], []
    search = search_path(dossier.root, templates)
    sortie = write(rendu(evaluation), ReportFormat(fmt.value), search, target, force)
    return sortie.fichiers, sortie.avertissements
