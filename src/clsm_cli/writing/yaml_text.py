"""Writing plain data as the YAML of a plan file: readable, diff-friendly, reloadable.

Keys keep the models' order, multi-line text becomes a literal block, and anything YAML
1.2 would read as another type is quoted, in double quotes as the user's guide writes them
(`id: "1.1"`).
"""

from __future__ import annotations

import datetime
import functools
import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.scalarstring import LiteralScalarString

from ..models.common import CLES_DATES

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
WIDTH = 100
"""The width of the lines clsm writes."""


class _Emitter(Emitter):
    """ruamel.yaml's emitter: quotes only where needed, double ones unless the file's.

    A text that reads the same without quotes loses them (`nom: "UNAFAM"`); one that
    needs them keeps the quotes the file has (`id: '1.1'` or `id: "1.1"`, kept by `clsm
    fmt`), and gets double quotes when it had none — not when it holds `"` or a
    backslash, which double quotes would escape.
    """

    def choose_scalar_style(self) -> Any:
        quoted = self.event.style
        if quoted in ("'", '"'):
            self.event.style = None
            if super().choose_scalar_style() == "":
                return ""
            self.event.style = quoted
            return super().choose_scalar_style()
        style = super().choose_scalar_style()
        value = self.event.value
        if style == "'" and '"' not in value and "\\" not in value:
            return '"'
        return style


def round_trip() -> YAML:
    """ruamel.yaml set up as clsm reads and writes users' files: indentation, width, accents,
    double quotes, and the quotes of a file kept as they are."""
    yaml = YAML(typ="rt", pure=True)
    yaml.Emitter = _Emitter
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = WIDTH
    yaml.allow_unicode = True
    yaml.preserve_quotes = True  # a file's `id: "1.1"` and `id: '1.1'` stay as they are
    return yaml


def is_day(value: str, key: object) -> bool:
    """Whether a text is a full date under a date's key, written unquoted (`date: 2025-10-23`,
    as coordinators write it): YAML 1.1 tools read it as a date, clsm (YAML 1.2) as text."""
    if key not in CLES_DATES or not _DAY.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:  # `2025-02-30` stays quoted text
        return False
    return True


def dated(value: Any, key: object = None) -> Any:
    """The full dates under a date's key as dates, that ruamel.yaml writes unquoted
    (`date: 2025-10-23`, read back as the same text); the rest as it is."""
    if isinstance(value, dict):
        return {k: dated(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [dated(v, key) for v in value]
    if isinstance(value, str) and is_day(value, key):
        return datetime.date.fromisoformat(value)
    return value


def prepare(value: Any, key: object = None) -> Any:
    """Values as a coordinator writes them: `310`, not `310.0` (the models keep numbers as
    floats); `debut: 2025`, not `debut: "2025"` (a year is read back as the same date)."""
    if isinstance(value, dict):
        return {k: prepare(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [prepare(v, key) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, str) and key in CLES_DATES and len(value) == 4 and value.isdigit():
        return int(value)
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def dumps(data: dict[str, Any], header: str = "") -> str:
    """The YAML text of a mapping, with an optional comment header."""
    yaml = round_trip()
    buffer = io.StringIO()
    yaml.dump(dated(prepare(data)), buffer)
    return header + trim_line_ends(buffer.getvalue(), strict=True)


def trim_line_ends(text: str, *, strict: bool) -> str:
    """The YAML text without the spaces that end its lines, when that changes no value.

    Folded plain scalars end their lines with a space that YAML ignores; it is dropped only
    if reading both texts back proves it (a literal block keeps its spaces). `strict` also
    asks that neither text have any problem (a text clsm writes from data), where `clsm fmt`
    compares only the values (its file may carry warnings, checked after).
    """
    tidy = "\n".join(line.rstrip() for line in text.split("\n"))
    if tidy == text:
        return text
    from ..loader import parse

    first, second = parse(tidy, "a"), parse(text, "b")
    if strict and (first.problems or second.problems):
        return text
    return tidy if first.data == second.data else text


# ---------------------------------------------------------------- many small entries, fast

_UNSURE = frozenset(',[]{}"\\')
_STR = "tag:yaml.org,2002:str"
FOLD = 80
"""Single-line text longer than this is written by `clsm fmt` as a folded block."""


class _Scalars:
    """How a simple scalar is written: plain, or in double quotes; None when it is not simple
    (a line break, a long text, a character ruamel.yaml might escape)."""

    def __init__(self) -> None:
        from ruamel.yaml.nodes import ScalarNode

        self.node = ScalarNode
        self.resolver = round_trip().resolver

    def text(self, value: Any, room: int, key: object = None) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int | str):
            return None
        if isinstance(value, int):
            return str(value)
        if not value or len(value) > min(FOLD, room) or not value.isprintable():
            return None
        if value != value.strip() or value.startswith(("---", "...")):
            return None
        if any(c in value for c in _UNSURE):
            return None  # ruamel.yaml decides these case by case
        if is_day(value, key):
            return value
        if self.resolver.resolve(self.node, value, (True, False)) != _STR:
            return f'"{value}"'  # `"2025-05-06"`, `"1.1"`: another type without quotes
        if not value[0].isalnum():
            return None
        if ": " in value or " #" in value or value.endswith(":"):
            return f'"{value}"'  # `"Thème : le logement"`: a key or a comment without them
        return value


@functools.cache
def _scalars() -> _Scalars:
    return _Scalars()


def block_item(item: dict[str, Any], indent: int, scalars: _Scalars | None = None) -> str | None:
    """A mapping written as an item of a block list whose dashes stand at column `indent`,
    exactly as `clsm fmt` writes it — or None if a value is not simple enough to be sure
    (then ruamel.yaml writes it). For a thousand new entries, ruamel.yaml would take longer
    than everything else an import does."""
    scalars = scalars or _scalars()
    lines: list[str] = []
    if not _mapping(item, indent + 2, lines, scalars) or not lines:
        return None
    lines[0] = " " * indent + "- " + lines[0][indent + 2 :]
    return "\n".join(lines) + "\n"


def _mapping(data: dict[str, Any], indent: int, lines: list[str], scalars: _Scalars) -> bool:
    pad = " " * indent
    for key, value in data.items():
        if isinstance(value, dict):
            return False
        if isinstance(value, list):
            if not value:
                return False
            lines.append(f"{pad}{key}:")
            for element in value:
                if isinstance(element, dict):
                    start = len(lines)
                    if not element or not _mapping(element, indent + 4, lines, scalars):
                        return False
                    lines[start] = f"{pad}  - " + lines[start][indent + 4 :]
                else:
                    text = scalars.text(element, WIDTH - 4 - indent - 4, key)
                    if text is None:
                        return False
                    lines.append(f"{pad}  - {text}")
            continue
        text = scalars.text(value, WIDTH - 4 - indent - len(key) - 2, key)
        if text is None:
            return False
        lines.append(f"{pad}{key}: {text}")
    return True
