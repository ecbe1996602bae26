"""Comments that eat the end of a value: `titre: Formation PSSM #1` reads "Formation PSSM"."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..problems import Gravite, Problem

_GLUED_HASH = re.compile(r"#\S")
_COMMENT_AFTER = re.compile(r"[ \t]+(#\S[^\r\n]*)")
_QUOTED_VALUE = re.compile(r"[ \t]*(?:-[ \t]+)*(?:[^\s\"'#][^\r\n]*?:[ \t]+)?[\"']")
"""A line whose value opens with a quote: its `#` is inside the quotes or after them."""


def _glued_comment_lines(text: str) -> list[int]:
    """0-based lines where a space, then `#` glued to a word, follow some text.

    Cheap (a search for a literal `#`), and a superset of the lines where a comment such
    as `#1` ends a value without quotes: comments (`# voir #2`, `  #---`) and lines whose
    value is quoted are left out here; quoted text spanning lines and block text are left
    to `glued_comments`, which reads the events.
    """
    lines: list[int] = []
    line, counted = 0, 0
    for match in _GLUED_HASH.finditer(text):
        at = match.start()
        if at == 0 or text[at - 1] not in " \t":
            continue
        start = text.rfind("\n", 0, at) + 1
        before = text[start:at]
        if before.isspace() or " #" in before or "\t#" in before:
            continue
        if _QUOTED_VALUE.match(before):
            continue
        line += text.count("\n", counted, at)
        counted = at
        lines.append(line)
    return lines


def glued_comments(text: str, file: str) -> list[Problem]:
    """Warnings for comments like `#1` that YAML cut from the end of an unquoted value.

    `titre: Formation PSSM #1` reads "Formation PSSM": a space then `#` starts a comment.
    An ordinary comment has a space after its `#` (`nature: clsm  # clsm, cls, ptsm`) and
    is left alone; `#` glued to what follows, right after a value without quotes on the
    same line, was most likely meant as part of the value. Only the lines the raw text
    points at are checked, reading events no further than the last of them.
    """
    lines = _glued_comment_lines(text)
    if not lines:
        return []
    import yaml  # only for a file the raw text points at: most files have no such line

    scalar = yaml.ScalarEvent
    wanted, last = set(lines), lines[-1]
    found: list[Problem] = []
    parser = yaml.CSafeLoader(text) if yaml.__with_libyaml__ else yaml.SafeLoader(text)
    get_event: Callable[[], Any] = parser.get_event
    try:
        while parser.check_event():
            event = get_event()
            end = event.end_mark
            if type(event) is scalar and not event.style and end.line in wanted:
                comment = _COMMENT_AFTER.match(text, end.index)
                if comment is not None:
                    found.append(_glued_comment(file, event.value, comment))
            elif event.start_mark.line > last:
                break
    except yaml.YAMLError:  # pragma: no cover - the file has just been read without error
        pass
    finally:
        parser.dispose()
    return found


def _glued_comment(file: str, value: str, comment: re.Match[str]) -> Problem:
    words = comment.group(1).rstrip()
    shown = words if len(words) <= 40 else words[:39] + "…"
    whole = f"{value}{comment.group(0)}".strip()
    quoted = '"' + whole.replace("\\", "\\\\").replace('"', '\\"') + '"'
    cut = f"la valeur s'arrête à « {value} »" if value else "la valeur est vide"
    at = comment.start(1)
    line = comment.string.count("\n", 0, at) + 1
    column = at - (comment.string.rfind("\n", 0, at) + 1) + 1
    return Problem(
        "commentaire-dans-valeur",
        f"« {shown} » est lu comme un commentaire : {cut}",
        file,
        line,
        column,
        hint=(
            f"mettez la valeur entre guillemets ({quoted}) ; si c'est bien un commentaire,"
            " mettez une espace après « # »"
        ),
        severity=Gravite.AVERTISSEMENT,
    )
