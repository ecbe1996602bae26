"""Turning a validation `Report` into text for people, JSON for tools, annotations for CI."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TextIO, assert_never

from ..formats import ProblemFormat
from ..french.agreement import compte
from ..problems import Gravite, Problem, Report

SourceLines = Callable[[str, int], str]
"""Gives the text of a line of a file, for snippets."""


def summary(report: Report, strict: bool) -> str:
    """One French sentence on the outcome."""
    files = compte(len(report.files), "fichier")
    if report.valid(strict):
        extra = f" ({compte(report.warnings, 'avertissement')})" if report.warnings else ""
        return f"{files} lus : tout est valide{extra}."
    parts = [compte(report.errors, "erreur")]
    if report.warnings:
        parts.append(compte(report.warnings, "avertissement"))
    verdict = " et ".join(parts)
    suffix = " (--strict : les avertissements comptent)" if strict and report.warnings else ""
    return f"{files} lus : {verdict}{suffix}."


class TextReporter:
    """`file:line:col: erreur [code] message`, the source line, a caret and a hint."""

    def __init__(self, out: TextIO, lines: SourceLines, color: bool = False) -> None:
        self.out = out
        self.lines = lines
        self.color = color

    def _paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text

    def problem(self, p: Problem) -> None:
        where = p.where
        label = self._paint(str(p.severity), "1;31" if p.is_error else "1;33")
        self.out.write(f"{where}: {label} [{p.code}] {p.message}\n")
        if p.line is not None:
            source = self.lines(p.file, p.line)
            if source:
                shown = source.expandtabs(1)
                if len(shown) > 160:
                    shown = shown[:157] + "…"
                gutter = f"{p.line:>5} | "
                self.out.write(f"{gutter}{shown}\n")
                if p.column is not None and p.column - 1 <= len(shown):
                    self.out.write(" " * (len(gutter) - 2) + "| " + " " * (p.column - 1) + "^\n")
        if p.hint:
            self.out.write(f"      aide : {p.hint}\n")

    def problems(self, report: Report, strict: bool) -> None:
        """Each problem, without the summary."""
        for p in report.sorted():
            self.problem(p)

    def report(self, report: Report, strict: bool) -> None:
        self.problems(report, strict)
        self.out.write(summary(report, strict) + "\n")


def document(report: Report, strict: bool) -> dict[str, Any]:
    """The report as JSON-ready data: valid, stats, files, problems (a command may add keys)."""
    return {
        "valid": report.valid(strict),
        "stats": {
            "files": len(report.files),
            "errors": report.errors,
            "warnings": report.warnings,
        },
        "files": report.files,
        "problems": [p.as_dict() for p in report.sorted()],
    }


def write_json(out: TextIO, data: dict[str, Any]) -> None:
    """One JSON document, indented, non-ASCII kept."""
    import json  # only this format needs it

    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


class JsonReporter:
    """The report as one JSON document: valid, stats, problems."""

    def __init__(self, out: TextIO, lines: SourceLines, color: bool = False) -> None:
        self.out = out

    def problems(self, report: Report, strict: bool) -> None:
        """The whole document: JSON has no summary apart from it."""
        self.report(report, strict)

    def report(self, report: Report, strict: bool) -> None:
        write_json(self.out, document(report, strict))


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter:
    """GitHub Actions workflow commands: one annotation per problem."""

    def __init__(self, out: TextIO, lines: SourceLines, color: bool = False) -> None:
        self.out = out

    def problems(self, report: Report, strict: bool) -> None:
        """One annotation per problem, without the summary."""
        for p in report.sorted():
            if p.severity is Gravite.INFO:
                level = "notice"  # fails nothing, even with --strict
            else:
                level = "error" if p.is_error or strict else "warning"
            props = [f"file={_escape_property(p.file)}"]
            if p.line is not None:
                props.append(f"line={p.line}")
            if p.column is not None:
                props.append(f"col={p.column}")
            props.append(f"title={_escape_property(f'clsm [{p.code}]')}")
            text = (f"{p.cellule} : " if p.cellule else "") + p.message
            text += f" — aide : {p.hint}" if p.hint else ""
            self.out.write(f"::{level} {','.join(props)}::{_escape_data(text)}\n")

    def report(self, report: Report, strict: bool) -> None:
        self.problems(report, strict)
        self.out.write(summary(report, strict) + "\n")


Reporter = TextReporter | JsonReporter | GithubReporter


def reporter_for(
    output_format: ProblemFormat, out: TextIO, lines: SourceLines, color: bool = False
) -> Reporter:
    """The reporter of a format (formats.py offers them; mypy checks each has one)."""
    match output_format:
        case ProblemFormat.TEXT:
            return TextReporter(out, lines, color)
        case ProblemFormat.JSON:
            return JsonReporter(out, lines, color)
        case ProblemFormat.GITHUB:
            return GithubReporter(out, lines, color)
        case _:
            assert_never(output_format)
