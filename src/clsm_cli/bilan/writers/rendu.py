"""A document as the writers see it, whatever it says: the yearly bilan, the plan's
evaluation. Each command describes its document once (`Rendu`): the stem of its shipped
templates, what they are given, its charts, the parts that start a new page and its Word
writer; `formats.write` then writes it in HTML, PDF, Markdown or DOCX the same way."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ...problems import UsageError
from ...validation.dossier import display_name
from ..construction import Bilan
from ..graphiques import Graphique
from ..wording import Textes


@dataclass(frozen=True, slots=True)
class Rendu:
    """What the writers need of a document."""

    modele: str
    """The stem of its shipped templates: `bilan` → bilan.html.j2 and bilan.md.j2."""
    variables: Mapping[str, object]
    """What its templates are given, besides `illustrations` and `liens_images`."""
    graphiques: list[Graphique]
    nouvelle_page: frozenset[str]
    """The anchors of its long parts, which start on a new page when printed."""
    word: Callable[[bool, list[Path]], bytes]
    """Its DOCX, with or without images, in the first `modele.docx` of the template folders."""

    @property
    def noms(self) -> tuple[str, ...]:
        """Every name its templates are given (for the nearest name in an error)."""
        return (*self.variables, "illustrations", "liens_images")


NOUVELLE_PAGE = frozenset({"partenariat", "travaux", "indicateurs", "plan"})
"""The long parts of the bilan, which start on a new page (printed HTML, PDF and DOCX); the
others follow on the page, so that none holds only a few lines."""


def rendu_du_bilan(bilan: Bilan) -> Rendu:
    """The yearly bilan, for the writers."""

    def word(images: bool, search: list[Path]) -> bytes:
        from .word import document

        return document(bilan, images=images, search=search)

    return Rendu(
        modele="bilan",
        variables={"bilan": bilan, "textes": Textes(bilan)},
        graphiques=bilan.graphiques,
        nouvelle_page=NOUVELLE_PAGE,
        word=word,
    )


def check_outputs(territories: int, output: Path | None, templates: Path | None) -> None:
    """The options of a command that writes one document per territory: -o names one file,
    --templates an existing folder."""
    if output is not None and territories > 1:
        raise UsageError(
            "-o désigne un seul fichier, mais plusieurs territoires sont concernés",
            hint="indiquez le dossier d'un seul territoire",
        )
    if templates is not None and not templates.is_dir():
        raise UsageError(f"{display_name(templates)} : ce dossier de modèles n'existe pas")


def progress_status(progress: bool, message: str) -> contextlib.AbstractContextManager[object]:
    """A spinner with the message on stderr while a document is written, on a terminal."""
    if not progress:
        return contextlib.nullcontext()
    from rich.console import Console

    return Console(stderr=True).status(message)


def written_lines(fichiers: list[Path], avertissements: list[str]) -> Iterator[str]:
    """What a document command says of one document: its warnings, the files it wrote (the
    charts' pictures beside a Markdown document go unsaid)."""
    for warning in avertissements:
        yield f"attention : {warning}"
    for path in fichiers:
        if path.suffix != ".png":
            yield f"écrit : {display_name(path)}"
