"""Stable keys: which entry of the year's file a row of the form stands for.

A key is computed from what an entry *is*, never from where it stands, so that it survives
the file being reformatted (`clsm fmt`), commented or reordered, and the form's rows being
sorted or moved:

- a réalisation: its `id` if it has one, else its action, title and date;
- a séance: its réalisation's key and its date;
- a meeting: its instance and date; a referral: its month and who referred it;
- a measure: its indicator; an action's follow-up: its action (each once a year).

Titles are compared accents, case and punctuation aside. The key is the sheet's letter and
ten hexadecimal digits of a SHA-1 of that identity (`R-3f9a2c1b0d`). Two entries with the
same identity (two « Atelier CPS » of the same action on the same date) are told apart by
their values, then by their order. The form keeps, for each key it was given, the entry's
values as they were (its hidden sheet): the reader compares them with the row and with the
file, field by field (matching.py).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pydantic import BaseModel

from ..excel.fields import normalise
from ..models.activite import Activite, Realisation
from .layout import Onglet

Chemin = tuple[str | int, ...]
"""Where an entry is in the year's file: ("realisations", 3, "seances", 1)."""


@dataclass(slots=True)
class Entree:
    """An entry of the year's file as the form sees it."""

    onglet: Onglet
    cle: str
    chemin: Chemin
    valeurs: dict[str, Any]
    """The values of the fields the sheet states, as `plain` gives them."""
    identite: tuple[Any, ...]
    modele: BaseModel = field(repr=False)


def plain(value: Any) -> Any:
    """A field's value as the form compares it: JSON-like, whole numbers as int, no empties
    (an empty list or text is None, and a no: a box not ticked is an empty cell)."""
    if value is False:
        return None
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, dict):
        items = {plain(k): plain(v) for k, v in value.items()}
        return {k: v for k, v in items.items() if v is not None} or None
    if isinstance(value, list | tuple):
        return [plain(v) for v in value] or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and not value.strip():
        return None
    return value


def values_of(onglet: Onglet, entry: BaseModel, parent: str | None = None) -> dict[str, Any]:
    """The values of an entry's fields that the sheet states."""
    return {
        champ: parent if champ == "realisation" else plain(getattr(entry, champ, None))
        for champ in onglet.champs
    }


def identity(onglet: Onglet, valeurs: dict[str, Any]) -> tuple[Any, ...]:
    """What an entry is, from its values: how a row without key is matched to an entry."""
    v = valeurs
    match onglet.liste:
        case "realisations":
            return (v.get("action"), normalise(v.get("titre") or ""), v.get("date"))
        case "seances":
            return (v.get("realisation"), v.get("date"))
        case "reunions":
            return (v.get("instance"), v.get("date"))
        case "saisines":
            return (v.get("mois"), normalise(v.get("saisissant") or ""))
        case "mesures":
            return (v.get("indicateur"),)
        case _:
            return (v.get("action"),)


def _digest(onglet: Onglet, what: Any) -> str:
    text = json.dumps(what, ensure_ascii=False, sort_keys=True, default=str)
    return f"{onglet.prefixe}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:10]}"


def assign_keys(onglet: Onglet, items: list[tuple[Any, Entree]]) -> None:
    """Give each entry its key: the digest of what identifies it (its `id`, or its
    identity), then of its values too when two entries share it, then its rank."""
    first = [_digest(onglet, basis) for basis, _ in items]
    counts = Counter(first)
    second = [
        key if counts[key] == 1 else _digest(onglet, [basis, entree.valeurs])
        for key, (basis, entree) in zip(first, items, strict=True)
    ]
    seen: Counter[str] = Counter()
    for key, (_, entree) in zip(second, items, strict=True):
        seen[key] += 1
        entree.cle = key if seen[key] == 1 else f"{key}-{seen[key]}"


def entries(activite: Activite | None, sheets: tuple[Onglet, ...]) -> dict[str, list[Entree]]:
    """Every entry of a year's file, by sheet name, with its key, place and values."""
    by_list = {o.liste: o for o in sheets}
    found: dict[str, list[Entree]] = {o.nom: [] for o in sheets}
    if activite is None:
        return found
    realisations = by_list["realisations"]
    bases: list[tuple[Any, Entree]] = []
    for i, r in enumerate(activite.realisations):
        entree = _entree(realisations, r, ("realisations", i))
        bases.append((("id", r.id) if r.id else entree.identite, entree))
    assign_keys(realisations, bases)
    found[realisations.nom] = [e for _, e in bases]
    seances = by_list["seances"]
    items: list[tuple[Any, Entree]] = []
    for parent in found[realisations.nom]:
        assert isinstance(parent.modele, Realisation)
        for k, s in enumerate(parent.modele.seances):
            entree = _entree(seances, s, (*parent.chemin, "seances", k), parent.cle)
            items.append((entree.identite, entree))
    assign_keys(seances, items)
    found[seances.nom] = [e for _, e in items]
    for onglet in sheets:
        if onglet.liste in ("realisations", "seances"):
            continue
        items = [
            (e.identite, e)
            for i, model in enumerate(getattr(activite, onglet.liste))
            for e in [_entree(onglet, model, (onglet.liste, i))]
        ]
        assign_keys(onglet, items)
        found[onglet.nom] = [e for _, e in items]
    return found


def _entree(onglet: Onglet, model: BaseModel, chemin: Chemin, parent: str | None = None) -> Entree:
    valeurs = values_of(onglet, model, parent)
    return Entree(onglet, "", chemin, valeurs, identity(onglet, valeurs), model)


def digest(value: Any) -> str:
    """A short fingerprint of a field's value (as `plain` gives it)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def fingerprint(valeurs: dict[str, Any]) -> dict[str, str]:
    """Each field's fingerprint: what the form keeps of an entry as it was given."""
    return {champ: digest(value) for champ, value in valeurs.items()}


def recover(prints: dict[str, str], candidates: list[Entree]) -> Chemin | None:
    """The entry a key stands for when the file no longer gives that key (what identifies
    the entry changed since the form was made: a title corrected): the one candidate whose
    fields are still those the form was given, all but two at most."""
    scored = sorted(
        (
            (sum(digest(v) == prints.get(c) for c, v in e.valeurs.items()), e.chemin)
            for e in candidates
        ),
        key=lambda item: -item[0],
    )
    if not scored or scored[0][0] < max(1, len(prints) - 2):
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]
