"""Unquoted scalars under the YAML 1.2 core schema, and the tags a value may carry.

`no` stays a string and `12:30` is not a number; a number remembers how it was written,
and a plain `2025-10-06` is a string marked as a date for the YAML 1.1 tools.
"""

from __future__ import annotations

import math
import re
from typing import Any


class YamlInt(int):
    """An integer that remembers how it was written."""

    raw: str


class YamlFloat(float):
    """A float that remembers how it was written."""

    raw: str


class EscapedControl(str):
    """A double-quoted scalar whose escapes produced a control character (`"\\x07"`)."""

    control_at: int


ESCAPED_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def quoted(value: str, style: str | None) -> str:
    """A quoted scalar's value; marked when a double-quoted escape produced a control."""
    if style == '"':
        bad = ESCAPED_CONTROL.search(value)
        if bad is not None:
            marked = EscapedControl(value)
            marked.control_at = bad.start()
            return marked
    return value


class PlainDate(str):
    """An unquoted scalar that YAML 1.1 tools (and ruamel.yaml) would read as a date."""

    __slots__ = ()
    yaml_date = True


_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:[Tt ].*)?")


_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
MAYBE_SPECIAL = frozenset("0123456789+-.~nNtTfF")
"""The first characters of a plain scalar that may not be text (a number, a boolean, null)."""


def resolve_plain(text: str) -> Any:
    """The value of an unquoted scalar under the YAML 1.2 core schema."""
    if text and text[0] not in MAYBE_SPECIAL:
        return text
    if text in _SPECIAL:
        return _SPECIAL[text]
    number: YamlInt | YamlFloat
    if _INT.fullmatch(text):
        number = YamlInt(text)
    elif _OCT.fullmatch(text):
        number = YamlInt(text[2:], 8)
    elif _HEX.fullmatch(text):
        number = YamlInt(text[2:], 16)
    elif _FLOAT.fullmatch(text):
        number = YamlFloat(text)
    elif text.lstrip("+-") in (".inf", ".Inf", ".INF"):
        number = YamlFloat("-inf" if text.startswith("-") else "inf")
    elif text in (".nan", ".NaN", ".NAN"):
        number = YamlFloat(math.nan)
    elif _DATE_LIKE.fullmatch(text):
        return PlainDate(text)
    else:
        return text
    number.raw = text
    return number


STR_TAG = "tag:yaml.org,2002:str"


CONTAINER_TAGS = (None, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
