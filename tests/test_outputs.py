"""What `clsm report` and `clsm export` write: the format named by -o, clsm's own PDFs, and
the value placeholders of the help."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Result

Cli = Callable[..., Result]


@pytest.mark.parametrize(
    ("name", "start"),
    [("copil.md", b"# CLSM de Test"), ("copil.html", b"<!DOCTYPE html"), ("copil.pdf", b"%PDF")],
)
def test_the_extension_of_o_chooses_the_format(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path, name: str, start: bytes
) -> None:
    """`clsm report 2022 -o copil.pdf` wrote HTML into copil.pdf."""
    target = tmp_path / name
    result = cli("report", "2022", territory(), "-o", target)
    assert result.code == 0, result.err
    assert target.read_bytes().lstrip().startswith(start)


def test_a_format_contradicting_the_extension_is_refused(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """`-o copil.docx -f pdf` wrote a PDF named .docx."""
    target = tmp_path / "copil.docx"
    result = cli("report", "2022", territory(), "-o", target, "-f", "pdf")
    assert result.code == 2
    assert "-f pdf et -o copil.docx se contredisent" in result.err
    assert "nommez le fichier copil.pdf" in result.err
    assert "Traceback" not in result.err
    assert not target.exists()


@pytest.mark.parametrize(
    ("name", "said"),
    [("copil.txt", "l'extension « .txt »"), ("copil", "un nom sans extension")],
)
def test_an_extension_naming_no_format_is_refused_without_f(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path, name: str, said: str
) -> None:
    target = tmp_path / name
    result = cli("report", "2022", territory(), "-o", target)
    assert result.code == 2
    assert f"-o {name} : {said} ne désigne aucun format (html, pdf, docx ou md)" in result.err
    assert "indiquez le format avec -f" in result.err
    assert not target.exists()


def test_f_names_the_format_of_a_file_with_another_extension(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    target = tmp_path / "LISEZMOI.markdown"
    result = cli("report", "2022", territory(), "-f", "md", "-o", target)
    assert result.code == 0, result.err
    assert target.read_text(encoding="utf-8").startswith("# CLSM de Test — Bilan")


def test_the_upper_case_extension_is_the_format(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    target = tmp_path / "COPIL.MD"
    assert cli("report", "2022", territory(), "-o", target).code == 0
    assert target.read_text(encoding="utf-8").startswith("# CLSM de Test — Bilan")


def test_export_refuses_an_output_that_is_not_a_workbook(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    target = tmp_path / "grille.xls"
    result = cli("export", territory(), "-o", target)
    assert result.code == 2
    assert "-o grille.xls : l'extension « .xls » ne convient pas" in result.err
    assert "nommez le fichier grille.xlsx" in result.err
    assert not target.exists()


def test_a_clsm_pdf_outside_out_is_replaced_and_a_foreign_one_is_not(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """A PDF's metadata is compressed; clsm's mark is the identifier in its trailer."""
    pytest.importorskip("weasyprint")
    root = territory()
    ours = tmp_path / "copil.pdf"
    assert cli("report", "2022", root, "-o", ours).code == 0
    assert b"/ID [(clsm-bilan) (" in ours.read_bytes()
    again = cli("report", "2022", root, "-o", ours)
    assert again.code == 0, again.err

    foreign = tmp_path / "compte-rendu.pdf"
    foreign.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n")
    refused = cli("report", "2022", root, "-o", foreign)
    assert refused.code == 1
    assert "n'a pas été produit par clsm" in refused.err
    assert foreign.read_bytes().startswith(b"%PDF-1.4\n1 0 obj")

    # annotated and saved in a reader: a revision appended after clsm's
    ours.write_bytes(ours.read_bytes() + b"\n2 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    assert cli("report", "2022", root, "-o", ours).code == 1
    assert cli("report", "2022", root, "-o", ours, "--force").code == 0


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("validate", ["-f, --format FORMAT"]),
        (
            "report",
            ["-f, --format FORMAT", "-o, --output FICHIER", "--templates DOSSIER"],
        ),
        (
            "export",
            ["-o, --output FICHIER", "-g, --grille NOM", "--templates DOSSIER"],
        ),
        ("import", ["-o, --output DOSSIER", "-f, --format FORMAT"]),
        ("init", ["--territoire NOM", "--periode DEBUT-FIN", "--annee ANNEE"]),
        ("schema", ["-o, --output DOSSIER"]),
    ],
)
def test_options_that_take_a_value_show_a_french_placeholder(
    cli: Cli, command: str, options: list[str]
) -> None:
    result = cli(command, "--help")
    assert result.code == 0
    for option in options:
        assert re.search(rf"^\s+{re.escape(option)}\b", result.out, re.M), (option, result.out)


@pytest.mark.parametrize(
    "args",
    [
        ("report", "2022", "-f", "md"),
        ("evaluation", "-f", "xlsx"),
        ("export",),
        ("collecte", "2022"),
    ],
)
def test_o_dash_is_refused_rather_than_written_as_a_file_named_dash(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path, args: tuple[str, ...]
) -> None:
    """`-o -` (the standard output, for many tools) wrote a file named « - », and a folder
    « --graphiques » beside it."""
    command, *rest = args
    result = cli(command, *rest, territory(), "-o", "-", cwd=tmp_path)
    assert result.code == 2, result.out
    assert "-o - : clsm écrit un fichier, pas sur la sortie standard" in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "-").exists()
    assert not (tmp_path / "--graphiques").exists()
