"""Documents → models, with every pydantic error turned into a located French `Problem`."""

from __future__ import annotations

import types
import typing
from enum import Enum
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..loader import Document, Path_
from ..problems import Problem

M = TypeVar("M", bound=BaseModel)


def validate(doc: Document, model: type[M]) -> tuple[M | None, list[Problem]]:
    """The document's data as a model, or None and the problems that prevent it."""
    if doc.data is None:
        return None, []
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, [_problem(doc, model, err) for err in exc.errors(include_url=False)]


# ---------------------------------------------------------------- walking the models


def unwrap(annotation: Any) -> list[Any]:
    """The concrete types behind Annotated, Optional and unions."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in unwrap(arg)]
    return [annotation]


def _annotation_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> Any:
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


def _keys_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    annotation = _annotation_at(model, loc)
    for candidate in unwrap(annotation) if annotation is not None else []:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return list(candidate.model_fields)
    return []


def _enum_values(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    annotation = _annotation_at(model, loc)
    for candidate in unwrap(annotation) if annotation is not None else []:
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return [str(member.value) for member in candidate]
    return []


def nearest(word: str, choices: list[str]) -> str | None:
    """The closest valid word to a typo, if one is close enough."""
    import difflib  # only when there is a mistake to suggest a correction for

    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return found[0] if found else None


# ---------------------------------------------------------------- messages


def describe(value: Any) -> str:
    """A French phrase for what the user wrote."""
    if value is None:
        return "rien (valeur vide)"
    if isinstance(value, bool):
        return f"le booléen {'true' if value else 'false'}"
    if isinstance(value, int | float):
        return f"le nombre {getattr(value, 'raw', value)}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return f"le texte « {shown} »"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un bloc de clés"
    return type(value).__name__


_EXPECTED = {
    "string_type": "un texte",
    "int_type": "un nombre entier",
    "int_from_float": "un nombre entier",
    "float_type": "un nombre",
    "bool_type": "true ou false",
    "list_type": "une liste (lignes commençant par « - »)",
    "dict_type": "un bloc de clés",
    "model_type": "un bloc de clés",
    "model_attributes_type": "un bloc de clés",
    "date_type": "une date",
    "enum": "une valeur de la liste",
}

_BOUNDS = {
    "greater_than": "plus grand que {gt}",
    "greater_than_equal": "au moins {ge}",
    "less_than": "plus petit que {lt}",
    "less_than_equal": "au plus {le}",
}


def _field_name(loc: tuple[str | int, ...]) -> str:
    names = [part for part in loc if isinstance(part, str)]
    return names[-1] if names else "document"


def _problem(doc: Document, model: type[BaseModel], err: Any) -> Problem:
    kind: str = err["type"]
    loc: Path_ = tuple(err["loc"])
    value = err.get("input")
    ctx = err.get("ctx") or {}
    field = _field_name(loc)

    if kind == "missing":
        return doc.problem(
            "champ-manquant",
            f"le champ « {field} » est obligatoire ici",
            loc[:-1],
            hint=f"ajoutez « {field}: … »",
        )
    if kind == "extra_forbidden":
        valid = _keys_at(model, loc[:-1])
        guess = nearest(str(loc[-1]), valid)
        hint = f"vouliez-vous dire « {guess} » ?" if guess else None
        if hint is None and valid:
            hint = "clés possibles : " + ", ".join(valid)
        return doc.problem(
            "cle-inconnue", f"clé « {loc[-1]} » inconnue à cet endroit", loc, key=True, hint=hint
        )
    if kind == "nombre_ambigu":
        raw = ctx.get("raw", value)
        message = (
            str(err["msg"])
            if getattr(value, "yaml_date", False)
            else f"« {raw} » est lu comme un nombre ({value}) et serait modifié"
        )
        return doc.problem(
            "nombre-ambigu", message, loc, hint=f'mettez-le entre guillemets : "{raw}"'
        )
    if kind == "caractere_interdit":
        return doc.problem(
            "caractere-interdit",
            str(err["msg"]),
            loc,
            hint="supprimez ce caractère (venu d'un copier-coller ou d'un échappement \\x…)",
        )
    if kind == "date_partielle":
        return doc.problem("format-invalide", str(err["msg"]), loc, hint=None)
    if kind in ("enum", "literal_error"):
        values = _enum_values(model, loc)
        guess = nearest(str(value), values) if isinstance(value, str) else None
        hint = f"vouliez-vous dire « {guess} » ? " if guess else ""
        hint += "valeurs possibles : " + ", ".join(values) if values else ""
        return doc.problem(
            "valeur-invalide",
            f"{describe(value)} n'est pas une valeur permise pour « {field} »",
            loc,
            hint=hint or None,
        )
    if kind == "string_pattern_mismatch":
        return doc.problem(
            "format-invalide",
            f"{describe(value)} n'est pas un identifiant valide",
            loc,
            hint="lettres sans accents, chiffres, points et tirets : 1.1.1, unafam, ars-na",
        )
    if kind in _BOUNDS:
        bound = _BOUNDS[kind].format(**{k: v for k, v in ctx.items() if k in "gt ge lt le"})
        return doc.problem(
            "valeur-hors-bornes", f"« {field} » doit être {bound} ; trouvé {value}", loc
        )
    if kind == "finite_number":
        return doc.problem(
            "valeur-hors-bornes",
            f"« {field} » : {describe(value)} n'est pas un nombre fini",
            loc,
            hint="écrivez un nombre ordinaire (ni .inf, ni .nan, ni 1e400)",
        )
    if kind in ("string_too_short", "too_short"):
        return doc.problem("champ-manquant", f"« {field} » est vide", loc)
    if kind in ("string_too_long", "too_long"):
        return doc.problem("valeur-hors-bornes", f"« {field} » est trop long", loc)
    if kind == "value_error":
        return doc.problem("incoherence", str(ctx.get("error", err["msg"])), loc)
    expected = _EXPECTED.get(kind)
    if expected is not None:
        return doc.problem(
            "type-invalide",
            f"« {field} » attend {expected} ; trouvé {describe(value)}",
            loc,
            hint=_type_hint(kind, value, field),
        )
    return doc.problem("type-invalide", f"« {field} » : {err['msg']}", loc)


def _type_hint(kind: str, value: Any, field: str) -> str | None:
    if kind == "bool_type" and isinstance(value, str):
        return "écrivez true (oui) ou false (non)"
    if kind in ("int_type", "float_type") and isinstance(value, str):
        if value.strip().casefold() in ("oui", "non"):
            return "pour un indicateur oui-non, écrivez 1 (oui) ou 0 (non)"
        digits = "".join(c for c in value if c.isdigit() or c in ".,")
        if digits:
            where = " : l'unité va dans « unite » (dans le plan)" if field == "valeur" else ""
            return f"écrivez le nombre seul ({digits.replace(',', '.')}){where}"
    if kind == "list_type" and isinstance(value, str):
        return "une liste s'écrit une ligne par élément, chacune commençant par « - »"
    if kind in ("string_type", "int_type", "float_type") and value is None:
        return "donnez une valeur, ou supprimez la ligne"
    return None
