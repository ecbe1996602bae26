"""Writing plain data as the YAML of a plan file: readable, diff-friendly, reloadable.

Keys keep the models' order, multi-line text becomes a literal block, and anything YAML
1.2 would read as another type is quoted, in double quotes as the user's guide writes them
(`id: "1.1"`).
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.scalarstring import LiteralScalarString

from ..models.common import CLES_DATES

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
    yaml.dump(prepare(data), buffer)
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
