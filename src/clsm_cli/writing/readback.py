"""Whether `clsm fmt`'s rewritten text says what the file said: the same values, each with
its type and exact text, and the same comments; and, when not, where it would differ."""

from __future__ import annotations

from typing import Any

from ..loader import Document, Path_, format_path


def comments(text: str) -> list[str]:
    """The full-line comments of a text, for checking none is lost."""
    return sorted(line.strip() for line in text.splitlines() if line.lstrip().startswith("#"))


def not_the_same(before: Document, values: Any, rewritten: Any) -> str:
    """Why fmt refuses a text it would not read back the same: the first value that would
    change, by its place in the file."""
    path = first_difference(values, rewritten, ())
    where = before.source.locate(path) if path else None
    place = ""
    if path and where:
        place = f" (ligne {where[0]}, colonne {where[1]} : {format_path(path)})"
    return (
        f"le fichier réécrit ne relirait pas les mêmes valeurs{place} : rien n'a été écrit ;"
        " mettez cette valeur entre guillemets doubles, puis relancez"
    )


def first_difference(a: Any, b: Any, path: Path_) -> Path_ | None:
    """The first path where two trees of data differ; None when they are equal."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in a:
            if key not in b:
                return (*path, key)
            found = first_difference(a[key], b[key], (*path, key))
            if found is not None:
                return found
        return next(((*path, key) for key in b if key not in a), None)
    if isinstance(a, list) and isinstance(b, list):
        for index, (x, y) in enumerate(zip(a, b, strict=False)):
            found = first_difference(x, y, (*path, index))
            if found is not None:
                return found
        return None if len(a) == len(b) else (*path, min(len(a), len(b)))
    return None if a == b else path


def typed(value: Any) -> Any:
    """Data with each scalar's type and exact text, so that 1.10 and 1.1 differ."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, getattr(value, "raw", repr(value)))
