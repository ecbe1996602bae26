"""Pydantic's errors as French problems, located: the message writer of each kind of error,
and the hint that goes with it."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel

from ..loader import Document, Path_
from ..models.indicateurs import SYMBOLES_UNITES
from ..problems import Problem
from .expected import annotation_at, enum_values, keys_at, nearest, unwrap


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


@dataclass(frozen=True, slots=True)
class _Error:
    """One pydantic error, as the message writers read it."""

    doc: Document
    model: type[BaseModel]
    kind: str
    loc: Path_
    value: Any
    ctx: dict[str, Any]
    msg: str

    @property
    def field(self) -> str:
        """The name of the field the error is about, as the messages quote it."""
        return _field_name(self.loc)

    def problem(self, code: str, message: str, hint: str | None = None) -> Problem:
        """A problem located at the error's place."""
        return self.doc.problem(code, message, self.loc, hint=hint)


def problem_of(doc: Document, model: type[BaseModel], err: Any) -> Problem:
    """The French problem for one pydantic error: the writer of its kind, or a type error."""
    e = _Error(
        doc,
        model,
        err["type"],
        tuple(err["loc"]),
        err.get("input"),
        err.get("ctx") or {},
        str(err["msg"]),
    )
    if e.loc and e.loc[-1] == "[key]":
        return _bad_key(e)
    writer = _WRITERS.get(e.kind)
    if writer is not None:
        return writer(e)
    if e.kind in _BOUNDS:
        return _out_of_bounds(e)
    expected = _EXPECTED.get(e.kind)
    if e.kind == "string_type" and isinstance(e.value, dict) and len(e.value) == 1:
        return _text_read_as_key(e, expected or "un texte")
    if expected is not None:
        return e.problem(
            "type-invalide",
            f"« {e.field} » attend {expected} ; trouvé {describe(e.value)}",
            _type_hint(e.kind, e.value, e.field),
        )
    return e.problem("type-invalide", f"« {e.field} » : {e.msg}")


def _text_read_as_key(e: _Error, expected: str) -> Problem:
    """`- Taux de participation : 60 %` in a list of texts: « : » followed by a space made
    it a key and its value. The hint shows the line with the text in quotes."""
    from ..loader.messages import quoted_item

    problem = e.problem("type-invalide", f"« {e.field} » attend {expected} ; trouvé une clé")
    fixed = quoted_item(e.doc.line_text(problem.line)) if problem.line else None
    if fixed is None:
        return dataclasses.replace(problem, hint="mettez le texte entre guillemets")
    return dataclasses.replace(
        problem,
        message=f"« {e.field} » attend {expected} ; « : » suivi d'une espace en a fait une clé",
        hint=f"mettez le texte entre guillemets, comme ceci : {fixed}",
    )


def _missing(e: _Error) -> Problem:
    return e.doc.problem(
        "champ-manquant",
        f"le champ « {e.field} » est obligatoire ici",
        e.loc[:-1],
        hint=f"ajoutez « {e.field}: … »",
    )


def _unknown_key(e: _Error) -> Problem:
    valid = keys_at(e.model, e.loc[:-1])
    from ..loader.messages import invisible_in

    invisible = invisible_in(str(e.loc[-1]))
    if invisible is not None:
        return _invisible_in_key(e, valid, *invisible)
    guess = nearest(str(e.loc[-1]), valid)
    hint = f"vouliez-vous dire « {guess} » ?" if guess else None
    if hint is None and valid:
        hint = "clés possibles : " + ", ".join(valid)
    message = f"clé « {e.loc[-1]} » inconnue à cet endroit"
    problem = e.doc.problem("cle-inconnue", message, e.loc, key=True, hint=hint)
    if guess is None and _after_a_comma(e.doc, problem):
        hint = (
            f"entre accolades, une virgule sépare deux champs : si « {e.loc[-1]} » continue le"
            " texte d'avant, mettez tout ce texte entre guillemets doubles"
        )
        return dataclasses.replace(problem, hint=hint)
    return problem


def _after_a_comma(doc: Document, problem: Problem) -> bool:
    """Whether a key follows a comma on its line (`{decision: Évitée, suivi CMP}`): a text
    with a comma, cut in two by a flow mapping."""
    if problem.line is None or problem.column is None:
        return False
    return doc.line_text(problem.line)[: problem.column - 1].rstrip().endswith(",")


def _invisible_in_key(e: _Error, valid: list[str], index: int, name: str) -> Problem:
    """`territoire\u00a0:` (Word and macOS type a no-break space before « : »): the
    character named, the caret on it."""
    from ..loader.messages import without_invisibles

    key = str(e.loc[-1])
    clean = without_invisibles(key)
    problem = e.doc.problem("cle-inconnue", "", e.loc, key=True)
    line, column = problem.line, problem.column
    where = f"ligne {line}, colonne {column + index}" if line and column else "dans la clé"
    if clean in valid:
        hint = f"supprimez ce caractère : écrivez « {clean}: »"
    else:
        guess = nearest(clean, valid)
        hint = "supprimez ce caractère" + (f" ; vouliez-vous dire « {guess} » ?" if guess else "")
    return dataclasses.replace(
        problem,
        message=f"la clé « {clean} » contient {name}, invisible ({where})",
        column=column + index if column else None,
        hint=hint + " (Word et macOS en tapent une devant « : »)",
    )


def _ambiguous_number(e: _Error) -> Problem:
    raw = e.ctx.get("raw", e.value)
    message = (
        e.msg
        if getattr(e.value, "yaml_date", False)
        else f"« {raw} » est lu comme un nombre ({e.value}) et serait modifié"
    )
    return e.problem("nombre-ambigu", message, f'mettez-le entre guillemets : "{raw}"')


def _forbidden_character(e: _Error) -> Problem:
    hint = "supprimez ce caractère (venu d'un copier-coller ou d'un échappement \\x…)"
    return e.problem("caractere-interdit", e.msg, hint)


def _not_allowed(e: _Error) -> Problem:
    values = enum_values(e.model, e.loc)
    guess: str | None = None
    if isinstance(e.value, str):  # `etat` for `service-etat`: a word of the value
        word = e.value.strip().lower()
        symbol = SYMBOLES_UNITES.get(word)  # `%` for `pourcentage`
        guess = str(symbol.value) if symbol is not None else None
        guess = guess if guess in values else nearest(word, values)
        guess = guess or next((v for v in values if word in v.split("-")), None)
    hint = f"vouliez-vous dire « {guess} » ? " if guess else ""
    hint += "valeurs possibles : " + ", ".join(values) if values else ""
    message = f"{describe(e.value)} n'est pas une valeur permise pour « {e.field} »"
    return e.problem("valeur-invalide", message, hint or None)


TRANCHES_HINT = "écrivez une tranche comme moins-de-18, 18-25 ou 60+ (bornes comprises)"


def _bad_key(e: _Error) -> Problem:
    """A key a mapping of counts does not allow (`publics: {profesionnels: 3}`), the caret
    on the key: the nearest allowed key, or how an age band is written."""
    at = e.loc[:-1]
    field = _field_name(at[:-1])
    if e.kind == "tranche_age":
        return e.doc.problem("format-invalide", e.msg, at, key=True, hint=TRANCHES_HINT)
    values: list[str] = []
    annotation = annotation_at(e.model, at[:-1])
    for candidate in unwrap(annotation) if annotation is not None else []:
        if typing.get_origin(candidate) is dict:
            key_type = typing.get_args(candidate)[0]
            if isinstance(key_type, type) and issubclass(key_type, Enum):
                values = [str(member.value) for member in key_type]
    guess = nearest(str(e.value), values) if isinstance(e.value, str) else None
    hint = f"vouliez-vous dire « {guess} » ? " if guess else ""
    hint += "clés possibles : " + ", ".join(values) if values else ""
    message = f"« {e.value} » n'est pas une clé permise dans « {field} »"
    return e.doc.problem("valeur-invalide", message, at, key=True, hint=hint or None)


def _out_of_bounds(e: _Error) -> Problem:
    limits = {k: _figure(v) for k, v in e.ctx.items() if k in ("gt", "ge", "lt", "le")}
    bound = _BOUNDS[e.kind].format(**limits)
    found = _figure(e.value)
    return e.problem("valeur-hors-bornes", f"« {e.field} » doit être {bound} ; trouvé {found}")


def _figure(value: Any) -> str:
    """`1 000 000 000 000`, `0,5`, `1,2e+29`: a bound or a value as a French reader writes it
    (Babel, which the bilan uses, is too heavy to import for a message of `validate`)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if abs(value) >= 1e15:  # (infinities and NaN are refused before, as not finite)
        return f"{value:.3g}".replace(".", ",")
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u202f")
    return f"{value:,}".replace(",", "\u202f").replace(".", ",")


def _inconsistent(e: _Error) -> Problem:
    return e.problem("incoherence", str(e.ctx.get("error", e.msg)))


def _told(e: _Error) -> Problem:
    """A problem whose code, message and hint only name the field and the value."""
    code, message, hint = _TOLD[e.kind]
    return e.problem(code, message.format(champ=e.field, valeur=describe(e.value)), hint)


_TOLD: dict[str, tuple[str, str, str | None]] = {
    "string_pattern_mismatch": (
        "format-invalide",
        "{valeur} n'est pas un identifiant valide",
        "lettres sans accents, chiffres, points et tirets : 1.1.1, unafam, ars-na",
    ),
    "finite_number": (
        "valeur-hors-bornes",
        "« {champ} » : {valeur} n'est pas un nombre fini",
        "écrivez un nombre ordinaire (ni .inf, ni .nan, ni 1e400)",
    ),
    "string_too_short": ("champ-manquant", "« {champ} » est vide", None),
    "too_short": ("champ-manquant", "« {champ} » est vide", None),
    "string_too_long": ("valeur-hors-bornes", "« {champ} » est trop long", None),
    "too_long": ("valeur-hors-bornes", "« {champ} » est trop long", None),
}
"""Code, message (`{champ}`, `{valeur}`) and hint of the errors told by field and value."""

_WRITERS: dict[str, Callable[[_Error], Problem]] = {
    "missing": _missing,
    "extra_forbidden": _unknown_key,
    "nombre_ambigu": _ambiguous_number,
    "caractere_interdit": _forbidden_character,
    "date_partielle": lambda e: e.problem("format-invalide", e.msg),
    "tranche_age": lambda e: e.problem("format-invalide", e.msg, TRANCHES_HINT),
    "enum": _not_allowed,
    "literal_error": _not_allowed,
    "value_error": _inconsistent,
    **dict.fromkeys(_TOLD, _told),
}
"""The message writer of each kind of pydantic error; bounds and types are told after."""


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
