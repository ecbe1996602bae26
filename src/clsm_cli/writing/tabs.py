"""The tabs ruamel.yaml refuses where libyaml, which `clsm validate` reads with, takes them:
for `fmt`, made spaces where they are only blanks (`pilote:<TAB>emh`), or the reason a file
is left as it is (a tab inside an unquoted text), with its line and column; and ruamel.yaml's
other reading errors said in French."""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scanner import RoundTripScanner, ScannerError

from .yaml_text import round_trip


class _TabScanner(RoundTripScanner):
    """ruamel.yaml's scanner, reading on past the tabs it refuses, and noting where they are.

    YAML allows a tab among the blanks between a key's `:` and its value, or before an
    end-of-line comment (libyaml, which `clsm validate` reads with, takes `pilote:<TAB>emh`);
    ruamel.yaml's scanner takes only spaces there, and stops at the tab: "found character
    '\\t' that cannot start any token". This one, used only to find those tabs, notes the
    offset of each and goes on as if it were a space.
    """

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.tabs: list[int] = []

    def fetch_more_tokens(self) -> Any:
        try:
            return super().fetch_more_tokens()
        except ScannerError as exc:
            index = self.reader.index
            mark = exc.problem_mark
            if mark is None or mark.index != index or self.reader.peek() != "\t":
                raise
            self.tabs.append(index)
            self.reader.forward()
            return None


def _refused_tabs(source: str) -> list[int]:
    """The offsets of the tabs ruamel.yaml's scanner refuses in a text, in order (those
    before whatever else it refuses, if anything)."""
    yaml = round_trip()
    yaml.Scanner = _TabScanner
    try:
        for _ in yaml.scan(source):
            pass
    except (YAMLError, NotImplementedError):
        pass  # the reading proper will say what
    scanner = yaml.scanner
    return list(scanner.tabs) if isinstance(scanner, _TabScanner) else []


def _position(source: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of an offset in a text."""
    line_start = source.rfind("\n", 0, index) + 1
    return source.count("\n", 0, index) + 1, index - line_start + 1


def _in_text(source: str, index: int) -> bool:
    """Whether a tab is part of an unquoted text (`titre: Semaine<TAB>SISM`), not a blank
    between two things (after `:`, before `#` or the line's end, or a key's `:`)."""
    start = source.rfind("\n", 0, index) + 1
    end = source.find("\n", index)
    line = source[start : len(source) if end < 0 else end]
    at = index - start
    before = line[:at].rstrip(" \t")
    after = line[at:].lstrip(" \t")
    if not after or after.startswith("#") or not before or before.endswith(":"):
        return False
    return not (after.startswith(":") and after[1:2] in ("", " ", "\t"))


def _tab_reason(source: str, index: int) -> str:
    """Why a tab stops ruamel.yaml, where it is, and what to do."""
    line, column = _position(source, index)
    text = source[source.rfind("\n", 0, index) + 1 : index]
    key = re.match(r"\s*(?:-\s+)?([^\s:#][^:#]*):(?=[ \t]|$)", text)
    if not _in_text(source, index):
        after = (
            f" après « {key.group(1).strip()}: »" if key and not text[key.end() :].strip() else ""
        )
        return (
            f"une tabulation{after}, ligne {line}, colonne {column}, que ruamel.yaml, qui réécrit"
            " le fichier, ne lit pas : remplacez-la par une espace"
        )
    of = f" de « {key.group(1).strip()}: »" if key else ""
    return (
        f"une tabulation dans le texte{of}, ligne {line}, colonne {column} : ruamel.yaml, qui"
        " réécrit le fichier, ne la lit pas dans un texte sans guillemets ; remplacez-la par"
        " une espace, ou mettez le texte entre guillemets doubles"
    )


def blank_tabs(source: str) -> tuple[str, str | None]:
    """The text with the tabs that are only blanks (`pilote:<TAB>emh`) made spaces, which
    ruamel.yaml reads, or the reason a tab cannot be (one inside a text)."""
    tabs = _refused_tabs(source)
    inside = next((index for index in tabs if _in_text(source, index)), None)
    if inside is not None:
        return source, _tab_reason(source, inside)
    if not tabs:
        return source, None
    chars = list(source)
    for index in tabs:
        if chars[index] == "\t":  # else ruamel.yaml's reading says where it stops
            chars[index] = " "
    return "".join(chars), None


def unreadable(exc: YAMLError, source: str) -> str:
    """Why ruamel.yaml could not read a text libyaml read, in French, where it stopped."""
    unknown = "ruamel.yaml ne sait pas réécrire ce fichier : rien n'a été écrit"
    if not isinstance(exc, MarkedYAMLError):
        return unknown
    mark = exc.problem_mark or exc.context_mark
    if mark is None or not 0 <= mark.index < len(source):
        return unknown
    start = len(source[: mark.index].rstrip(" \t"))  # the blanks before the mark, and it
    tab = source.find("\t", start, mark.index + 1)
    if tab >= 0:  # a tab there, or one read as a blank within a text of a […] or {…}
        return _tab_reason(source, tab)
    from ..loader.messages import syntax_french  # PyYAML: only for this rare case

    _, message, hint = syntax_french(exc.context, exc.problem)
    line, column = _position(source, mark.index)
    return (
        f"ruamel.yaml, qui réécrit le fichier, ne sait pas le lire ligne {line}, colonne"
        f" {column} ({message}){f' : {hint}' if hint else ''}"
    )
