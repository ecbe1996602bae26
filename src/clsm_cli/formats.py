"""The output formats of each command, decided here only.

The command line offers them (both the typer application and the typer-free road of
`clsm validate`), and the code that writes each format is typed by them: a `match` on the
enum ends in `assert_never`, so mypy refuses a format offered without a writer. This module
imports nothing, so that reading it costs nothing on `clsm validate`.
"""

from enum import StrEnum


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


class DiffFormat(StrEnum):
    """`clsm diff --format`."""

    TEXT = "text"
    MD = "md"
    JSON = "json"


def choices(formats: type[StrEnum]) -> str:
    """`text, json ou github`: the formats as the help says them."""
    values = [f.value for f in formats]
    return ", ".join(values[:-1]) + f" ou {values[-1]}"
