"""The Word document the bilan is written into: the user's `modele.docx`, or python-docx's.

As pandoc's `--reference-doc`, a `modele.docx` found in the template folders (the
territory's `templates/`, then `--templates`) supplies everything but the text: its styles
(Titre 1, Normal…), page headers and footers with their logo, page size and margins,
theme and numbering. The bilan is written into a copy of it whose body is emptied, only
the last section's page setup (`w:sectPr`) being kept. A style the bilan uses that the
model lacks (Word only writes the styles a document has used) is copied from python-docx's
default document, with the list numbering it refers to.
"""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path
from typing import Any

from ...problems import Problem
from ...validation.dossier import display_name
from .jinja import TemplateProblem

MODELE = "modele.docx"
_BODY_RELATIONSHIPS = frozenset(
    {
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
    }
)
_HINT = "enregistrez-le depuis Word ou LibreOffice au format « Document Word (.docx) »"


def find(search: list[Path]) -> Path | None:
    """The first `modele.docx` of the template folders, user's first."""
    for folder in search:
        candidate = folder / MODELE
        if candidate.is_file():
            if not candidate.resolve().is_relative_to(folder.resolve()):
                raise TemplateProblem(
                    Problem(
                        "modele-interdit",
                        f"le modèle {MODELE} est un lien vers un fichier hors du dossier {folder}",
                        display_name(candidate),
                    )
                )
            return candidate
    return None


def open_document(search: list[Path]) -> tuple[Any, bool]:
    """The document to write the bilan into, and whether it is the user's model."""
    import docx

    path = find(search)
    if path is None:
        return docx.Document(), False
    from docx.opc.exceptions import PackageNotFoundError

    errors = (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError, OSError)
    try:
        document = docx.Document(str(path))
        body = document.element.body
    except errors as exc:
        raise TemplateProblem(
            Problem(
                "modele-invalide",
                f"modèle Word illisible : {_reason(exc)}",
                display_name(path),
                hint=_HINT,
            )
        ) from None
    for child in list(body):
        if child.tag != _qn("w:sectPr"):
            body.remove(child)
    for r_id, relationship in list(document.part.rels.items()):
        if relationship.reltype in _BODY_RELATIONSHIPS:
            document.part.drop_rel(r_id)  # the model's pictures and links, now unused
    return document, True


def _reason(exc: BaseException) -> str:
    """Why python-docx could not open a model, in words its author knows."""
    from docx.opc.exceptions import PackageNotFoundError

    if isinstance(exc, PackageNotFoundError):
        return "ce n'est pas une archive .docx"
    if isinstance(exc, zipfile.BadZipFile):
        return "archive .docx abîmée"
    if isinstance(exc, KeyError):
        return "une partie du document manque"
    if isinstance(exc, SyntaxError):
        return "XML invalide"
    if isinstance(exc, OSError):
        return exc.strerror or exc.__class__.__name__
    return "ce n'est pas un document Word : modèle .dotx, classeur ou autre"


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


# ---------------------------------------------------------------- styles the model lacks

_DEFAULT: list[Any] = []
"""python-docx's default document, read once, where missing styles are copied from."""


def _default() -> Any:
    if not _DEFAULT:
        import docx

        _DEFAULT.append(docx.Document())
    return _DEFAULT[0]


def style(document: Any, name: str) -> Any:
    """The document's style named `name` ("Heading 1"), added from the default if missing.

    Word writes its built-in styles' names in lower case ("heading 1"), which python-docx
    expects, LibreOffice as they are shown ("Heading 1"): both are found.
    """
    try:
        return document.styles[name]
    except KeyError:
        pass
    from docx.styles import BabelFish

    wanted = {name.casefold(), BabelFish.ui2internal(name).casefold()}
    for candidate in document.styles:
        if candidate.name is not None and candidate.name.casefold() in wanted:
            return candidate
    return _add_default_style(document, name)


def _add_default_style(document: Any, name: str) -> Any:
    """Copy the style named `name` (and the styles and numbering it refers to) from the
    default document into `document`; the style added. KeyError if neither has it."""
    source = _default().styles[name].element
    _copy_style(document, source)
    style_id = source.get(_qn("w:styleId"))
    return next(s for s in document.styles if s.style_id == style_id)


def _copy_style(document: Any, source: Any) -> None:
    styles = document.styles.element
    style = copy.deepcopy(source)
    have = {s.get(_qn("w:styleId")) for s in styles.findall(_qn("w:style"))}
    if style.get(_qn("w:styleId")) in have:
        return
    num_id = style.find(f"{_qn('w:pPr')}/{_qn('w:numPr')}/{_qn('w:numId')}")
    if num_id is not None:
        num_id.set(_qn("w:val"), _copy_numbering(document, num_id.get(_qn("w:val"))))
    styles.append(style)
    default_styles = _default().styles.element
    for link in ("w:basedOn", "w:link", "w:next"):
        ref = style.find(_qn(link))
        if ref is None or ref.get(_qn("w:val")) in have:
            continue
        for candidate in default_styles.findall(_qn("w:style")):
            if candidate.get(_qn("w:styleId")) == ref.get(_qn("w:val")):
                _copy_style(document, candidate)


def _numbering(document: Any) -> Any:
    """The document's list definitions (`w:numbering`), added empty if it has none."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.parts.numbering import NumberingPart

    try:
        return document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
    except KeyError:
        element = parse_xml(f"<w:numbering {nsdecls('w')}/>")
        part = NumberingPart(
            PackURI("/word/numbering.xml"),
            CONTENT_TYPE.WML_NUMBERING,
            element,
            document.part.package,
        )
        document.part.relate_to(part, RELATIONSHIP_TYPE.NUMBERING)
        return element


def _copy_numbering(document: Any, num_id: str) -> str:
    """Copy the default document's list `num_id` and its abstract list; the new id."""
    source = _default().part.numbering_part.element
    target = _numbering(document)
    w_val, w_num_id, w_abstract = _qn("w:val"), _qn("w:numId"), _qn("w:abstractNumId")
    num = next(n for n in source.findall(_qn("w:num")) if n.get(w_num_id) == num_id)
    abstract_id = num.find(_qn("w:abstractNumId")).get(w_val)
    abstract = next(
        a for a in source.findall(_qn("w:abstractNum")) if a.get(w_abstract) == abstract_id
    )
    used_abstract = [int(a.get(w_abstract)) for a in target.findall(_qn("w:abstractNum"))]
    used_num = [int(n.get(w_num_id)) for n in target.findall(_qn("w:num"))]
    new_abstract, new_num = copy.deepcopy(abstract), copy.deepcopy(num)
    new_abstract.set(w_abstract, str(max(used_abstract, default=0) + 1))
    nsid = new_abstract.find(_qn("w:nsid"))
    if nsid is not None:  # two lists of one document may not share an identifier
        new_abstract.remove(nsid)
    new_num.set(w_num_id, str(max(used_num, default=0) + 1))
    new_num.find(_qn("w:abstractNumId")).set(w_val, new_abstract.get(w_abstract))
    nums = target.findall(_qn("w:num"))
    if nums:  # abstract lists first, then the lists that use them, in the schema's order
        nums[0].addprevious(new_abstract)
        nums[-1].addnext(new_num)
    else:
        target.append(new_abstract)
        target.append(new_num)
    return str(new_num.get(w_num_id))


def prepare(
    doc: Any, modele: bool, title: str, subject: str, keywords: str = "clsm; bilan d'activité"
) -> None:
    """Without a modele.docx, A4 with 2 cm margins and DejaVu Sans 10 pt in French; always
    clsm's mark (the author), the title, and fields (the TOC) updated on opening."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    from .wordml import legal_text

    if not modele:
        section = doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))
        normal = doc.styles["Normal"]
        normal.font.name = "DejaVu Sans"
        normal.font.size = Pt(10)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "fr-FR")
        normal.element.get_or_add_rPr().append(lang)
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)
    props = doc.core_properties
    props.title = legal_text(title)
    props.subject = legal_text(subject)
    props.author = "clsm"
    props.language = "fr-FR"
    props.keywords = keywords
