"""Documents → models, with every pydantic error turned into a located French `Problem`
(model_errors.py writes each; it is imported only when a document has errors, off the road
of a valid territory's `validate`)."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..loader import Document
from ..problems import Problem

M = TypeVar("M", bound=BaseModel)


def validate(doc: Document, model: type[M]) -> tuple[M | None, list[Problem]]:
    """The document's data as a model, or None and the problems that prevent it."""
    if doc.data is None:
        return None, []
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        from .model_errors import problem_of

        errors = exc.errors(include_url=False)
        typos = _typos_of_required_keys(model, errors)
        hidden = _keys_with_invisibles(errors) | set(typos.values())
        problems = []
        for err in errors:
            loc = tuple(err["loc"])
            if err["type"] == "missing" and loc in hidden:
                continue
            problem = problem_of(doc, model, err)
            if loc in typos:
                problem = dataclasses.replace(
                    problem,
                    message=f"clé « {loc[-1]} » inconnue : « {typos[loc][-1]} », obligatoire ici,"
                    " est sans doute mal écrite",
                    hint=f"écrivez « {typos[loc][-1]}: »",
                )
            problems.append(problem)
        return None, problems


def _typos_of_required_keys(
    model: type[BaseModel], errors: list[Any]
) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """`titr: …` where `titre` is required: the unknown key → the missing one it misspells,
    so that one mistake is said once (it was also told missing)."""
    from ..loader.messages import invisible_in
    from .expected import nearest

    missing = {tuple(err["loc"]) for err in errors if err["type"] == "missing"}
    typos: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] != "extra_forbidden" or not missing or invisible_in(str(loc[-1])):
            continue  # a key with an invisible character is said so (`_invisible_in_key`)
        absent = [m[-1] for m in missing if m[:-1] == loc[:-1]]
        guess = nearest(str(loc[-1]), [str(k) for k in absent]) if absent else None
        if guess is not None and (*loc[:-1], guess) not in typos.values():
            typos[loc] = (*loc[:-1], guess)
    return typos


def _keys_with_invisibles(errors: list[Any]) -> set[tuple[Any, ...]]:
    """Where a key holding an invisible character (`territoire\u00a0`) stands for a field:
    that field is not also told missing."""
    from ..loader.messages import invisible_in, without_invisibles

    return {
        (*err["loc"][:-1], without_invisibles(str(err["loc"][-1])))
        for err in errors
        if err["type"] == "extra_forbidden" and invisible_in(str(err["loc"][-1]))
    }
