"""Writing plain data as the YAML of a plan file: readable, diff-friendly, reloadable.

Keys keep the models' order, multi-line text becomes a literal block, and anything YAML
1.2 would read as another type is quoted.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString


def _prepare(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _prepare(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_prepare(v) for v in value]
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def dumps(data: dict[str, Any], header: str = "") -> str:
    """The YAML text of a mapping, with an optional comment header."""
    yaml = YAML(typ="rt", pure=True)
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    yaml.allow_unicode = True
    buffer = io.StringIO()
    yaml.dump(_prepare(data), buffer)
    text = buffer.getvalue()
    tidy = "\n".join(line.rstrip() for line in text.split("\n"))
    # Folded plain scalars end their lines with a space that YAML ignores; drop it, but
    # only if reading both texts back proves it (a literal block keeps its spaces).
    if tidy != text and _same(tidy, text):
        text = tidy
    return header + text


def _same(a: str, b: str) -> bool:
    from .loader import parse

    first, second = parse(a, "a"), parse(b, "b")
    return not first.problems and not second.problems and first.data == second.data
