"""A `modele.docx` in the template folders supplies the DOCX bilan's styles, header, footer
and page setup, as pandoc's reference document does."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Result

docx = pytest.importorskip("docx")

Cli = Callable[..., Result]
EN_TETE = "CLSM de Test — document de travail du COPIL"
PIED = "Pied de page du CLSM de Test"
COULEUR = "C01060"


def _png() -> bytes:
    """A one-pixel PNG: the logo."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x20\x60\xa0")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def modele(path: Path) -> Path:
    """A model made in Word's way: a coloured Titre 1, a header with a logo, a footer,
    some text and a picture (which the bilan does not keep)."""
    from docx.shared import Cm, RGBColor

    document = docx.Document()
    document.styles["Heading 1"].font.color.rgb = RGBColor.from_string(COULEUR)
    section = document.sections[0]
    section.header.paragraphs[0].text = EN_TETE
    section.header.paragraphs[0].add_run().add_picture(io.BytesIO(_png()), width=Cm(2))
    document.add_picture(io.BytesIO(_png()), width=Cm(4))
    section.footer.paragraphs[0].text = PIED
    section.left_margin = section.right_margin = Cm(3)
    document.add_paragraph("Texte d'exemple du modèle, que le bilan ne reprend pas.")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def headers(path: Path, kind: str = "header") -> str:
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if re.fullmatch(rf"word/{kind}\d*\.xml", n)]
        return "".join(archive.read(n).decode("utf-8") for n in names)


def heading_1_colour(path: Path) -> str | None:
    document = docx.Document(str(path))
    rgb = document.styles["Heading 1"].font.color.rgb
    return None if rgb is None else str(rgb)


def test_the_territorys_modele_docx_gives_header_footer_and_styles(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    from docx.shared import Cm

    root = territory()
    modele(root / "templates" / "modele.docx")
    target = root / "bilan.docx"
    result = cli("report", "2022", root, "-f", "docx", "-o", target)
    assert result.code == 0, result.err
    assert EN_TETE in headers(target)
    assert PIED in headers(target, "footer")
    assert heading_1_colour(target) == COULEUR
    assert f'w:val="{COULEUR}"' in part(target, "word/styles.xml")
    document = part(target, "word/document.xml")
    assert "Texte d'exemple du modèle" not in document
    assert "<pic:pic" in headers(target), "the logo stays in the header"
    assert f'cx="{Cm(4)}"' not in document, "the model's own picture goes with its text"
    assert "Bilan d'activité 2022" in document
    section = docx.Document(str(target)).sections[-1]
    assert round(section.left_margin.cm) == 3, "the model's page setup is kept"
    again = cli("report", "2022", root, "-f", "docx", "-o", target)
    assert again.code == 0, "the bilan still carries clsm's mark: replaced without --force"


def test_without_a_model_the_bilan_keeps_its_own_look(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    root = territory()
    target = root / "bilan.docx"
    assert cli("report", "2022", root, "-f", "docx", "-o", target).code == 0
    assert EN_TETE not in headers(target)
    assert heading_1_colour(target) != COULEUR
    section = docx.Document(str(target)).sections[-1]
    assert round(section.page_width.cm, 1) == 21.0
    assert round(section.left_margin.cm) == 2


def test_the_templates_option_gives_the_model(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    folder = tmp_path / "modeles-du-departement"
    modele(folder / "modele.docx")
    target = root / "bilan.docx"
    result = cli("report", "2022", root, "-f", "docx", "-o", target, "--templates", folder)
    assert result.code == 0, result.err
    assert EN_TETE in headers(target)
    assert heading_1_colour(target) == COULEUR


def test_styles_the_model_lacks_are_added_with_their_lists(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    """Word writes only the styles a document used: a model may lack Titre 2, Légende,
    Liste à puces (and the list numbering it refers to)."""
    root = territory()
    path = modele(root / "templates" / "modele.docx")
    document = docx.Document(str(path))
    styles = document.styles.element
    for name in ("Heading 2", "Caption", "List Bullet", "Table Grid", "Title", "Subtitle"):
        styles.remove(document.styles[name].element)
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    document.save(str(path))
    target = root / "bilan.docx"
    result = cli("report", "2022", root, "-f", "docx", "-o", target)
    assert result.code == 0, result.err
    bilan = docx.Document(str(target))
    used = {p.style.name for p in bilan.paragraphs}
    assert {"Heading 2", "List Bullet", "Title"} <= used
    bullet = bilan.styles["List Bullet"].element
    (num_id,) = bullet.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    nums = bilan.part.numbering_part.element.xpath(f'./w:num[@w:numId="{num_id}"]')
    assert len(nums) == 1, "the bullet style's list is defined"
    assert heading_1_colour(target) == COULEUR


def _broken(path: Path, how: str) -> None:
    if how == "pas une archive":
        path.write_bytes(b"PK\x03\x04 ceci n'est pas une archive")
    elif how == "classeur":  # a zip that is no Word document (a workbook renamed, say)
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("xl/workbook.xml", "<workbook/>")
    else:  # a Word document whose styles were cut short
        modele(path)
        with zipfile.ZipFile(path) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()}
        parts["word/styles.xml"] = parts["word/styles.xml"][:500]
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in parts.items():
                archive.writestr(name, data)


@pytest.mark.parametrize(
    ("how", "reason"),
    [
        ("pas une archive", "ce n'est pas une archive .docx"),
        ("classeur", "une partie du document manque"),
        ("styles tronqués", "XML invalide"),
    ],
)
def test_a_broken_model_is_a_located_problem(
    cli: Cli, territory: Callable[..., Path], how: str, reason: str
) -> None:
    root = territory()
    path = root / "templates" / "modele.docx"
    path.parent.mkdir()
    _broken(path, how)
    target = root / "bilan.docx"
    result = cli("report", "2022", root, "-f", "docx", "-o", target)
    assert result.code == 1
    assert (
        f"templates/modele.docx: erreur [modele-invalide] modèle Word illisible : {reason}"
        in result.err
    )
    assert "Traceback" not in result.err
    assert not target.exists()
    assert cli("report", "2022", root, "-f", "html", "-o", root / "b.html").code == 0


def test_a_model_may_not_lead_outside_its_folder(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    elsewhere = modele(tmp_path / "ailleurs" / "modele.docx")
    (root / "templates").mkdir()
    (root / "templates" / "modele.docx").symlink_to(elsewhere)
    result = cli("report", "2022", root, "-f", "docx", "-o", root / "bilan.docx")
    assert result.code == 1
    assert (
        "templates/modele.docx: erreur [modele-interdit] le modèle modele.docx est un lien vers"
        " un fichier hors" in result.err
    )
    assert not (root / "bilan.docx").exists()


def test_styles_named_as_libreoffice_names_them_are_the_models(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    """LibreOffice writes « Heading 1 » where Word writes « heading 1 »: the same style."""
    from docx.oxml.ns import qn

    root = territory()
    path = modele(root / "templates" / "modele.docx")
    document = docx.Document(str(path))
    for level in (1, 2, 3):
        name = document.styles[f"Heading {level}"].element.find(qn("w:name"))
        name.set(qn("w:val"), f"Heading {level}")
    document.save(str(path))
    target = root / "bilan.docx"
    result = cli("report", "2022", root, "-f", "docx", "-o", target)
    assert result.code == 0, result.err
    styles = part(target, "word/styles.xml")
    assert styles.count('w:styleId="Heading1"') == 1, "no second Titre 1"
    body = part(target, "word/document.xml")
    assert '<w:pStyle w:val="Heading1"/>' in body
    assert f'w:val="{COULEUR}"' in styles
