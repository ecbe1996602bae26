"""What the models expect at a place of a document: the concrete types behind a field's
annotation, the keys a block allows, the values a list allows; and the nearest valid word to
a typo."""

from __future__ import annotations

import types
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel


def unwrap(annotation: Any) -> list[Any]:
    """The concrete types behind Annotated, Optional and unions."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in unwrap(arg)]
    return [annotation]


def annotation_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> Any:
    """The type the models expect at a location, or None when it cannot be told."""
    current: Any = model
    for part in loc:
        candidates = unwrap(current)
        if isinstance(part, int):
            lists = [t for t in candidates if typing.get_origin(t) is list]
            if not lists:
                return None
            current = typing.get_args(lists[0])[0]
            continue
        models = [t for t in candidates if isinstance(t, type) and issubclass(t, BaseModel)]
        if not models or part not in models[0].model_fields:
            return None
        current = models[0].model_fields[part].annotation
    return current


def keys_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    annotation = annotation_at(model, loc)
    for candidate in unwrap(annotation) if annotation is not None else []:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return list(candidate.model_fields)
    return []


def enum_values(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    annotation = annotation_at(model, loc)
    for candidate in unwrap(annotation) if annotation is not None else []:
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return [str(member.value) for member in candidate]
    return []


def nearest(word: str, choices: list[str]) -> str | None:
    """The closest valid word to a typo, if one is close enough."""
    import difflib  # only when there is a mistake to suggest a correction for

    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return found[0] if found else None
