"""An action's OSCARS fields in grid cells, written and read back: themes, publics and types
of intervention one label a line; the territory reached as labelled lines
(`Échelle : Communes`, `Communes : Poitiers ; Buxerolles`, `Départements : Vienne`,
`Précisions : …`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..models.oscars import (
    LIBELLES_ECHELLES,
    LIBELLES_INTERVENTIONS_OSCARS,
    LIBELLES_PUBLICS_OSCARS,
    LIBELLES_THEMES_OSCARS,
    Oscars,
    TerritoireTouche,
)

LISTES: dict[str, Mapping[Any, str]] = {
    "themes": LIBELLES_THEMES_OSCARS,
    "publics": LIBELLES_PUBLICS_OSCARS,
    "types_intervention": LIBELLES_INTERVENTIONS_OSCARS,
}
"""The block's lists, each a grid field of the same name, and their labels."""

TERRITOIRE = "territoire_touche"
"""The grid field of the territory reached (`oscars.territoire`)."""

CHAMPS = (*LISTES, TERRITOIRE)
"""The grid fields of the block, in its order."""

_TERRITOIRE_LIGNES = {
    "echelle": "Échelle",
    "communes": "Communes",
    "departements": "Départements",
    "precisions": "Précisions",
}


def sous_champ(champ: str) -> str:
    """The key in the `oscars` block a grid field fills (`territoire_touche` → `territoire`)."""
    return "territoire" if champ == TERRITOIRE else champ


def territoire_texte(territoire: TerritoireTouche) -> str | None:
    """The territory reached as labelled lines; the precisions last (they may span lines)."""
    lines = []
    if territoire.echelle is not None:
        lines.append(f"Échelle : {LIBELLES_ECHELLES[territoire.echelle]}")
    if territoire.communes:
        lines.append(f"Communes : {' ; '.join(territoire.communes)}")
    if territoire.departements:
        lines.append(f"Départements : {' ; '.join(territoire.departements)}")
    if territoire.precisions:
        lines.append(f"Précisions : {territoire.precisions}")
    return "\n".join(lines) or None


def cellule(champ: str, oscars: Oscars | None) -> str | None:
    """The text of an OSCARS field's cell (None when empty)."""
    if oscars is None:
        return None
    if champ in LISTES:
        labels = LISTES[champ]
        return "\n".join(labels[v] for v in getattr(oscars, champ)) or None
    return territoire_texte(oscars.territoire) if oscars.territoire else None


def _choice(text: str, labels: Mapping[Any, str]) -> str:
    """A label or value (accents, case and punctuation aside) → its value; else the text,
    which the model then refuses with the list of values, located in the grid."""
    from . import fields  # fields.py writes these cells through this module

    wanted = fields.normalise(text)
    for choice, label in labels.items():
        if wanted in (fields.normalise(label), fields.normalise(str(choice.value))):
            return str(choice.value)
    return text


def read_territoire(text: str) -> dict[str, Any]:
    """The inverse of `territoire_texte`; a line without a known label is a precision."""
    from . import fields

    result: dict[str, Any] = {}
    labels = {fields.normalise(label): key for key, label in _TERRITOIRE_LIGNES.items()}
    lines = text.strip().splitlines()
    for index, line in enumerate(lines):
        head, sep, value = line.partition(":")
        key = labels.get(fields.normalise(head)) if sep else None
        value = value.strip()
        if key == "precisions" or key is None:
            rest = "\n".join([value if key else line.strip(), *lines[index + 1 :]]).strip()
            if rest:
                before = result.get("precisions")
                result["precisions"] = f"{before}\n{rest}" if before else rest
            break
        if key == "echelle":
            result["echelle"] = _choice(value, LIBELLES_ECHELLES)
        else:
            result[key] = [v.strip() for v in value.split(";") if v.strip()]
    return result


def read(champ: str, text: str) -> Any:
    """A cell's value for the `oscars` block."""
    if champ in LISTES:
        from . import fields

        return [_choice(item, LISTES[champ]) for item in fields.read_list(text)]
    return read_territoire(text)
