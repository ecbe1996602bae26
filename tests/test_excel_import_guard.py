"""`clsm import` treats the workbook as untrusted: each bad file gets a French refusal."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from clsm_cli.excel import guard
from conftest import Result

Cli = Callable[..., Result]
HEADER = ["Objectifs stratégiques", "Objectifs spécifiques", "Actions", "Description"]


def grid(**extra: object) -> Workbook:
    """A small valid grid, to be spoiled by each test."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(["Plan test 2023-2027"])
    ws.append(HEADER)
    ws.append(["1. Axe", "Objectif spécifique 1.1 Obj", "Action 1.1.1 Faire", "Une description"])
    return wb


def save(wb: Workbook, path: Path) -> Path:
    wb.save(path)
    return path


def valid_bytes() -> bytes:
    buffer = io.BytesIO()
    grid().save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, replace.pop(item.filename, source.read(item.filename)))
        for name, content in replace.items():
            target.writestr(name, content)
    return out.getvalue()


def refused(cli: Cli, path: Path, message: str) -> Result:
    started = time.perf_counter()
    result = cli("import", path, "-o", path.parent / "sortie")
    assert time.perf_counter() - started < 5
    assert result.code in (1, 2)
    assert message in result.err, result.err
    assert "Traceback" not in result.out + result.err
    assert not (path.parent / "sortie").exists()
    return result


def test_a_valid_small_grid_imports(cli: Cli, tmp_path: Path) -> None:
    result = cli("import", save(grid(), tmp_path / "g.xlsx"), "-o", tmp_path / "t")
    assert result.code == 0, result.out + result.err
    assert (tmp_path / "t" / "plan-2023-2027.yaml").is_file()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("vieux.xls", guard.OLE_MAGIC + b"\0" * 600, "format Excel 97-2003 (.xls)"),
        (
            "secret.xlsx",
            guard.OLE_MAGIC + b"\0" * 100 + guard.ENCRYPTED,
            "protégé par un mot de passe",
        ),
        ("liste.xlsx", "Action;Description\n1.1.1;é\n".encode(), "c'est du texte (un CSV ?)"),
        ("~$grille.xlsx", b"verrou", "fichier de verrouillage d'Excel"),
        ("rien.xlsx", b"\x00\x01\x02\x03garbage", "c'est un format inconnu"),
    ],
)
def test_files_that_are_not_workbooks(
    cli: Cli, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    refused(cli, path, message)


MACRO_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels"'
    b' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
    b'<Override PartName="/xl/workbook.xml"'
    b' ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml"'
    b' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b'<Override PartName="/xl/styles.xml"'
    b' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    b'<Override PartName="/xl/theme/theme1.xml"'
    b' ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
    b'<Override PartName="/docProps/core.xml"'
    b' ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    b'<Override PartName="/docProps/app.xml"'
    b' ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    b"</Types>"
)


def macro_bytes() -> bytes:
    """A macro-enabled workbook as Excel saves it: the VBA project and its content type."""
    return rezip(
        valid_bytes(),
        {"[Content_Types].xml": MACRO_TYPES, "xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 60},
    )


@pytest.mark.parametrize("name", ["grille-ars.xlsm", "renommee.xlsx"])
def test_macro_workbooks_are_read_and_their_macros_ignored(
    cli: Cli, tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(macro_bytes())
    result = cli("import", path, "-o", tmp_path / "t")
    assert result.code == 0, result.out + result.err
    assert f"{name}: avertissement [macros-ignorees] le classeur contient des macros" in result.err
    assert "elles sont ignorées, jamais exécutées" in result.err
    plan = (tmp_path / "t" / "plan-2023-2027.yaml").read_text(encoding="utf-8")
    assert "Une description" in plan
    assert not any(p.suffix in (".bin", ".xlsm") for p in (tmp_path / "t").rglob("*"))


def test_a_macro_workbook_still_gets_every_check(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(guard, "MAX_PART", 1024 * 1024)
    path = tmp_path / "bombe.xlsm"
    path.write_bytes(rezip(macro_bytes(), {"xl/media/image1.bin": b"\0" * (3 * 1024 * 1024)}))
    refused(cli, path, "refusée (bombe zip ?)")
    truncated = tmp_path / "coupe.xlsm"
    truncated.write_bytes(macro_bytes()[:2000])
    refused(cli, truncated, "tronqué ou abîmé")


def test_binary_workbooks_are_refused(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "grille.xlsb"
    path.write_bytes(valid_bytes())
    refused(cli, path, "format binaire Excel (.xlsb)")


def test_a_workbook_with_another_name_is_refused_clearly(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "grille.zip"
    path.write_bytes(valid_bytes())
    result = refused(cli, path, "grille.zip est un classeur Excel, mais son nom ne finit pas")
    assert "renommez-le en grille.xlsx" in result.err


def test_truncated_and_foreign_zips(cli: Cli, tmp_path: Path) -> None:
    data = valid_bytes()
    truncated = tmp_path / "coupe.xlsx"
    truncated.write_bytes(data[: len(data) // 2])
    refused(cli, truncated, "tronqué ou abîmé")
    other = tmp_path / "archive.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "bonjour")
    other.write_bytes(buffer.getvalue())
    refused(cli, other, "une archive zip, mais pas un classeur Excel")


def test_missing_parts(cli: Cli, tmp_path: Path) -> None:
    source = zipfile.ZipFile(io.BytesIO(valid_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                target.writestr(item, source.read(item.filename))
    path = tmp_path / "incomplet.xlsx"
    path.write_bytes(out.getvalue())
    refused(cli, path, "incomplet : il y manque xl/worksheets/sheet1.xml")


def test_zip_bomb_is_refused_before_reading(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(guard, "MAX_PART", 1024 * 1024)
    path = tmp_path / "bombe.xlsx"
    path.write_bytes(rezip(valid_bytes(), {"xl/media/image1.bin": b"\0" * (3 * 1024 * 1024)}))
    assert path.stat().st_size < 100_000
    refused(cli, path, "refusée (bombe zip ?)")


def _laughs() -> bytes:
    entities = ['<!ENTITY lol0 "lol">']
    for i in range(1, 10):
        entities.append(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">')
    return (
        b'<?xml version="1.0"?><!DOCTYPE lolz ['
        + "".join(entities).encode()
        + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<si><t>&lol9;</t></si></sst>"
    )


LAUGHS = _laughs()
EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&e;</t></si></sst>'
)


@pytest.mark.parametrize("payload", [LAUGHS, EXTERNAL], ids=["entity-bomb", "external-entity"])
def test_xml_entities_are_refused(cli: Cli, tmp_path: Path, payload: bytes) -> None:
    sheet = zipfile.ZipFile(io.BytesIO(valid_bytes())).read("xl/worksheets/sheet1.xml")
    doctype = payload[: payload.index(b"]>") + 2].split(b"?>", 1)[1]
    reference = b"&lol9;" if b"lol9" in payload else b"&e;"
    poisoned = b'<?xml version="1.0"?>' + doctype + sheet.replace(b"Une description", reference)
    path = tmp_path / "xml.xlsx"
    path.write_bytes(rezip(valid_bytes(), {"xl/worksheets/sheet1.xml": poisoned}))
    result = refused(cli, path, "déclarations XML interdites")
    assert "root:" not in result.out + result.err


def test_hidden_sheets_are_never_imported_silently(cli: Cli, tmp_path: Path) -> None:
    wb = grid()
    hidden = wb.create_sheet("Brouillon")
    hidden.append(["Action 9.9.9 Cachée"])
    hidden.sheet_state = "hidden"
    result = cli("import", save(wb, tmp_path / "g.xlsx"), "-o", tmp_path / "t")
    assert result.code == 1
    assert "g.xlsx:Brouillon: erreur [non-importe] feuille masquée « Brouillon »" in result.err
    assert "9.9.9" not in (tmp_path / "t" / "plan-2023-2027.yaml").read_text(encoding="utf-8")


def test_formula_cells_are_not_trusted(cli: Cli, tmp_path: Path) -> None:
    wb = grid()
    wb.active["E3"] = "=A1&B1"
    wb.active["E2"] = "Public cible"
    result = cli("import", save(wb, tmp_path / "g.xlsx"), "-o", tmp_path / "t")
    assert result.code == 1
    assert "g.xlsx:Plan!E3: erreur [non-importe] formule ignorée (=A1&B1)" in result.err


def test_a_sheet_reaching_the_last_cell_is_bounded(cli: Cli, tmp_path: Path) -> None:
    wb = grid()
    wb.active["XFD1048576"] = "au bout du monde"
    started = time.perf_counter()
    result = cli("import", save(wb, tmp_path / "g.xlsx"), "-o", tmp_path / "t")
    assert time.perf_counter() - started < 5
    assert result.code == 1
    assert "la feuille s'étend jusqu'à XFD1048576" in result.err


def test_over_long_cells_are_cut_and_said(cli: Cli, tmp_path: Path) -> None:
    sheet = zipfile.ZipFile(io.BytesIO(valid_bytes())).read("xl/worksheets/sheet1.xml")
    path = tmp_path / "g.xlsx"
    path.write_bytes(
        rezip(
            valid_bytes(),
            {"xl/worksheets/sheet1.xml": sheet.replace(b"Une description", b"x" * 120_000)},
        )
    )
    result = cli("import", path, "-o", tmp_path / "t")
    assert result.code == 1
    assert "g.xlsx:Plan!D3: erreur [non-importe] cellule de 120000 caractères" in result.err


def test_an_existing_plan_is_never_changed_without_force(cli: Cli, tmp_path: Path) -> None:
    path = save(grid(), tmp_path / "g.xlsx")
    assert cli("import", path, "-o", tmp_path / "t").code == 0
    plan = tmp_path / "t" / "plan-2023-2027.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "# ma note\n", encoding="utf-8")
    before = plan.read_bytes()
    same = cli("import", path, "-o", tmp_path / "t")
    assert same.code == 0, "a grid that changes nothing needs no --force"
    assert "plan-2023-2027.yaml: info [changement-fusionne] aucun changement" in same.err
    assert plan.read_bytes() == before
    wb = grid()
    wb.active["D3"] = "Une autre description"
    changed = save(wb, tmp_path / "g2.xlsx")
    again = cli("import", changed, "-o", tmp_path / "t")
    assert again.code == 1
    assert "plan-2023-2027.yaml existe déjà : rien n'a été écrit" in again.err
    assert "--force pour y fusionner la grille" in again.err
    assert plan.read_bytes() == before
    forced = cli("import", changed, "-o", tmp_path / "t", "--force")
    assert forced.code == 0, forced.out + forced.err
    assert plan.read_text(encoding="utf-8").endswith("# ma note\n")
    assert "Une autre description" in plan.read_text(encoding="utf-8")


def test_partners_missing_from_an_existing_directory_are_added(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    directory = root / "partenaires.yaml"
    directory.write_text(
        "# L'annuaire du CLSM.\n" + directory.read_text(encoding="utf-8") + "# fin\n",
        encoding="utf-8",
    )
    wb = grid()
    wb.active["E2"] = "Pilote"
    wb.active["E3"] = "Structure inconnue"
    result = cli("import", save(wb, tmp_path / "g.xlsx"), "-o", root)
    assert result.code == 0, result.out + result.err
    assert (
        "partenaires.yaml:10: info [changement-fusionne] le partenaire « Structure inconnue »"
        " (structure-inconnue) ajouté à l'annuaire" in result.err
    )
    text = directory.read_text(encoding="utf-8")
    assert text.startswith("# L'annuaire du CLSM.\n")
    assert "# fin" in text
    assert "  - id: structure-inconnue\n    nom: Structure inconnue\n" in text
    assert cli("validate", root).code == 0
    assert cli("fmt", "--check", directory, root / "plan-2023-2027.yaml").code == 0


@pytest.mark.parametrize(
    ("xml", "declares"),
    [
        (b'<?xml version="1.0"?><root/>', False),
        (b"<root><!-- <!DOCTYPE in a comment after the root --></root>", False),
        (b'<?xml version="1.0"?><!-- <a> --><!DOCTYPE x [<!ENTITY e "e">]><root/>', True),
        (b"<?pi x?>\n<!DOCTYPE x><root/>", True),
        (b"<!-- " + b"x" * (guard.MAX_PROLOG + 10), True),
    ],
)
def test_doctype_is_found_in_the_prolog_only(xml: bytes, declares: bool) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("part.xml", xml)
    with zipfile.ZipFile(buffer) as archive:
        assert guard._declares_doctype(archive, archive.getinfo("part.xml")) is declares
