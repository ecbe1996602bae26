"""The output formats of each command, decided here only.

The command line offers them (both the typer application and the typer-free road of
`clsm validate`), and the code that writes each format is typed by them: a `match` on the
enum ends in `assert_never`, so mypy refuses a format offered without a writer. The format
of a file named with -o is decided here too (`output_format`). This module imports only
problems.py, so that reading it costs nothing on `clsm validate`.
"""

from enum import StrEnum
from pathlib import PurePath
from typing import TypeVar

from .problems import UsageError


class ProblemFormat(StrEnum):
    """How problems are reported: `clsm validate --format`, and every command's problems."""

    TEXT = "text"
    """For people: file:line:column, the source line, a caret, a hint."""
    JSON = "json"
    """For tools: one JSON document."""
    GITHUB = "github"
    """GitHub Actions annotations, shown on the pull request's lines."""


class ReportFormat(StrEnum):
    """`clsm report --format`: the bilan's formats."""

    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"
    MD = "md"


class EvaluationFormat(StrEnum):
    """`clsm evaluation --format`: the bilan's formats, and the tracking table as a workbook."""

    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"
    MD = "md"
    XLSX = "xlsx"


class ExportFormat(StrEnum):
    """`clsm export`: the grid's only format."""

    XLSX = "xlsx"


class DiffFormat(StrEnum):
    """`clsm diff --format`."""

    TEXT = "text"
    MD = "md"
    JSON = "json"


def choices(formats: type[StrEnum]) -> str:
    """`text, json ou github`: the formats as the help says them."""
    values = [f.value for f in formats]
    return ", ".join(values[:-1]) + f" ou {values[-1]}"


F = TypeVar("F", bound=StrEnum)


def refuse_standard_output(output: PurePath | None, example: str) -> None:
    """`-o -`, the standard output for many tools, would be a file (or folder) named « - »:
    clsm writes files, and says so."""
    if output is not None and str(output) == "-":
        raise UsageError(
            "-o - : clsm écrit un fichier, pas sur la sortie standard",
            hint=f"nommez le fichier à écrire ({example})",
        )


def output_format(formats: type[F], requested: F | None, output: PurePath | None) -> F:
    """The format of a command's output: -f if given, else the extension of -o, else the first.

    `-o copil.pdf` writes a PDF; `-f pdf -o copil.docx` contradicts itself and, without -f,
    `-o copil.txt` names no format: both are refused rather than one format written under
    another's name. With -f, a name whose extension is no format's is taken as given.
    """
    first = next(iter(formats))
    if output is None:
        return requested or first
    refuse_standard_output(output, f"copil.{requested or first}")
    extension = output.suffix.lower().removeprefix(".")
    named = next((f for f in formats if f.value == extension), None)
    if named is None and requested is None:
        shown = f"l'extension « .{extension} »" if extension else "un nom sans extension"
        several = len(formats) > 1
        raise UsageError(
            f"-o {output.name} : {shown} ne désigne aucun format ({choices(formats)})"
            if several
            else f"-o {output.name} : {shown} ne convient pas, clsm écrit un fichier .{first}",
            hint=f"nommez le fichier {output.stem}.{first}"
            + (", ou indiquez le format avec -f" if several else ""),
        )
    if requested is not None and named is not None and requested is not named:
        raise UsageError(
            f"-f {requested} et -o {output.name} se contredisent : un fichier .{extension}"
            f" n'est pas au format {requested}",
            hint=f"nommez le fichier {output.stem}.{requested}, ou retirez -f :"
            " l'extension de -o suffit à choisir le format",
        )
    return requested or named or first


GRILLE_STANDARD = "cctc"
"""The grid layout `clsm export` writes without --grille, and the only one its default file
name does not name (`grille-oscars-…` for another)."""
