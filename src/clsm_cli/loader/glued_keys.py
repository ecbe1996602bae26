"""Where a space is missing after a key's colon (`date:2025-10-06`), for libyaml's errors."""

from __future__ import annotations

import re
from typing import Any

from ..problems import Problem

_GLUED_KEY = re.compile(r"[ \t]*(?:-[ \t]+)?([^\s:#\"'\[\]{},][^\s:]*):(?=[^\s:])")
"""The start of a line whose first word is a key glued to its value: `date:2025-10-06`."""


def glued_key(text: str, index: int, file: str) -> Problem | None:
    """`date:2025-10-06` at `index`: read as text, not as a key (a space is missing)."""
    glued = _GLUED_KEY.match(text, index)
    if glued is None:
        return None
    colon = glued.end()
    end = text.find("\n", colon)
    value = text[colon : end if end >= 0 else len(text)].split(" #")[0].strip()
    shown = value if len(value) <= 40 else value[:39] + "…"
    key = glued.group(1)
    line = text.count("\n", 0, colon) + 1
    column = colon - (text.rfind("\n", 0, colon) + 1)
    return Problem(
        "yaml-syntaxe",
        f"il manque une espace après « : » : « {key}:{shown} » n'est pas lu comme une clé",
        file,
        line,
        column,
        hint=f"écrivez « {key}: {shown} » : une espace est nécessaire après les deux-points",
    )


def previous_line(text: str, index: int) -> int | None:
    """Where the last non-blank, non-comment line before the one of `index` starts."""
    end = text.rfind("\n", 0, index)
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        words = text[start:end].strip()
        if words and not words.startswith("#"):
            return start
        end = start - 1
    return None


def missing_colon(mark: Any, file: str, text: str) -> Problem:
    """A key without its `:` (libyaml says so where it gave up: at the next line).

    The place is the would-be key's own line; `date:2025-10-06`, where the colon is
    there but glued to the value, gets its own message at the colon.
    """
    glued = glued_key(text, mark.index - mark.column, file)
    if glued is not None:
        return glued
    return Problem(
        "yaml-syntaxe",
        "« : » attendu après la clé",
        file,
        mark.line + 1,
        mark.column + 1,
        hint="une clé s'écrit « clé: valeur » ; un texte qui continue s'indente sous sa clé",
    )
