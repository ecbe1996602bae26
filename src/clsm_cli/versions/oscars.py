"""What changed in an action's OSCARS fields (the ARS database's themes, publics, kinds of
intervention and territory), each said with its labels."""

from __future__ import annotations

from collections.abc import Iterator

from ..french.agreement import verbe
from ..models.oscars import (
    LIBELLES_ECHELLES,
    LIBELLES_INTERVENTIONS_OSCARS,
    LIBELLES_PUBLICS_OSCARS,
    LIBELLES_THEMES_OSCARS,
    Oscars,
    TerritoireTouche,
)
from .changes import Changement, list_change
from .labels import libelle


def _territoire(territoire: TerritoireTouche | None) -> str:
    """`Communes : Poitiers, Buxerolles — quartiers nord`, or `(vide)`."""
    if territoire is None:
        return "(vide)"
    head = LIBELLES_ECHELLES[territoire.echelle] if territoire.echelle else ""
    names = ", ".join([*territoire.communes, *territoire.departements])
    text = f"{head} : {names}" if head and names else head or names
    if territoire.precisions:
        text = f"{text} — {territoire.precisions}" if text else territoire.precisions
    return text or "(vide)"


def oscars_changes(
    fichier: str, objet: str, before: Oscars | None, after: Oscars | None
) -> Iterator[Changement]:
    """An action's OSCARS fields changed, each said with its labels (`+ « Santé mentale »`)."""
    old, new = before or Oscars(), after or Oscars()
    for name, labels in (
        ("themes", LIBELLES_THEMES_OSCARS),
        ("publics", LIBELLES_PUBLICS_OSCARS),
        ("types_intervention", LIBELLES_INTERVENTIONS_OSCARS),
    ):
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            label = libelle(name)
            yield list_change(fichier, objet, label, [labels[x] for x in a], [labels[x] for x in b])
    if old.territoire != new.territoire:
        a_text, b_text = _territoire(old.territoire), _territoire(new.territoire)
        label = libelle("territoire")
        yield Changement(
            fichier,
            objet,
            "modification",
            f"{objet} : {label} {verbe(label, 'passe', 'passent')} de « {a_text} » à « {b_text} »",
            a_text,
            b_text,
        )
