"""Writing a document (the bilan, the evaluation: see `rendu`) in each format: HTML, PDF,
DOCX and Markdown.

Heavy libraries (matplotlib, WeasyPrint, python-docx) are optional extras, imported only by
the format that needs them; a missing one is a French message naming the pip command.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import assert_never

from ...formats import ReportFormat
from ...problems import ClsmError
from ...writing.atomic import write_bytes
from ...writing.overwrite import PDF_IDENTIFIER, check_replace, output_folder
from .. import Bilan
from . import charts
from .jinja import render_document
from .rendu import Rendu, rendu_du_bilan

EXTRA_HINT = 'installez les extras du rapport : python -m pip install "clsm[rapport]"'


@dataclass(slots=True)
class Sortie:
    """What rendering produced: the files written and anything the user should know."""

    fichiers: list[Path] = field(default_factory=list)
    avertissements: list[str] = field(default_factory=list)


def default_path(bilan: Bilan, fmt: ReportFormat, territory: Path) -> Path:
    """`out/bilan-<territoire>-<année>.<ext>` (`output_folder` says which out/)."""
    return output_folder(territory) / f"bilan-{bilan.slug}-{bilan.annee}.{fmt.value}"


def _charts_or_warn(sortie: Sortie, fmt: str) -> bool:
    if charts.available():
        return True
    sortie.avertissements.append(
        f"matplotlib n'est pas installé : le {fmt.upper()} est produit sans graphiques"
        " (leur texte de remplacement est gardé) ; " + EXTRA_HINT
    )
    return False


def html(rendu: Rendu, search: list[Path], sortie: Sortie, images: str = "svg") -> str:
    """The self-contained HTML of a document."""
    use_images = images if _charts_or_warn(sortie, "html") else None
    return render_document(rendu, f"{rendu.modele}.html.j2", search, html=True, images=use_images)


def _write_html(rendu: Rendu, search: list[Path], target: Path, sortie: Sortie) -> None:
    write_bytes(target, html(rendu, search, sortie).encode("utf-8"))
    sortie.fichiers.append(target)


def _write_md(rendu: Rendu, search: list[Path], target: Path, sortie: Sortie) -> None:
    links: dict[str, str] = {}
    if rendu.graphiques and _charts_or_warn(sortie, "md"):
        folder = target.with_name(target.stem + "-graphiques")
        folder.mkdir(parents=True, exist_ok=True)
        for graphique in rendu.graphiques:
            image = folder / f"{graphique.id}.png"
            write_bytes(image, charts.png(graphique))
            sortie.fichiers.append(image)
            links[graphique.id] = f"{folder.name}/{image.name}"
    text = render_document(rendu, f"{rendu.modele}.md.j2", search, html=False, liens_images=links)
    write_bytes(target, _tidy_markdown(text).encode("utf-8"))
    sortie.fichiers.append(target)


def _tidy_markdown(text: str) -> str:
    """At most one blank line in a row, one final newline."""
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() or (lines and lines[-1].strip()):
            lines.append(line.rstrip())
    return "\n".join(lines).strip() + "\n"


def _write_pdf(rendu: Rendu, search: list[Path], target: Path, sortie: Sortie) -> None:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:
        raise ClsmError(
            f"le format PDF demande WeasyPrint, inutilisable ici ({exc.__class__.__name__})",
            hint=EXTRA_HINT + " ; WeasyPrint demande aussi la bibliothèque système Pango",
        ) from None
    page = html(rendu, search, sortie, images="png")
    # The identifier is clsm's mark, by which a PDF outside out/ is known to be its own.
    pdf = HTML(string=page, base_url=str(Path.cwd())).write_pdf(pdf_identifier=PDF_IDENTIFIER)
    write_bytes(target, pdf)
    sortie.fichiers.append(target)


def _write_docx(rendu: Rendu, search: list[Path], target: Path, sortie: Sortie) -> None:
    use_images = _charts_or_warn(sortie, "docx")
    write_bytes(target, rendu.word(use_images, search))
    sortie.fichiers.append(target)


def _writer(fmt: ReportFormat) -> Callable[[Rendu, list[Path], Path, Sortie], None]:
    """The writer of a format (formats.py offers them; mypy checks each has one)."""
    match fmt:
        case ReportFormat.HTML:
            return _write_html
        case ReportFormat.MD:
            return _write_md
        case ReportFormat.PDF:
            return _write_pdf
        case ReportFormat.DOCX:
            return _write_docx
        case _:
            assert_never(fmt)


def write(
    document: Bilan | Rendu, fmt: ReportFormat, search: list[Path], target: Path, force: bool
) -> Sortie:
    """Render a bilan, or any document, in one format to `target`; refuse to replace a file
    not ours."""
    rendu = document if isinstance(document, Rendu) else rendu_du_bilan(document)
    check_replace(target, force)
    target.parent.mkdir(parents=True, exist_ok=True)
    sortie = Sortie()
    _writer(ReportFormat(fmt))(rendu, search, target, sortie)
    return sortie
