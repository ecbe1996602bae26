"""Conflicts: a value changed in the form where the file (or another form) changed it too.

A pre-filled row is compared field by field with what the form was given (its fingerprint,
keys.py) and with the file as it is now:

- the form's value is the one it was given: nothing to do (the file's value stays, even
  if the file changed since);
- the form changed it and the file did not: the form's value goes in;
- both changed it to the same value: nothing to do;
- both changed it, differently: a conflict — said, and the file's value kept.

Two fields of one entry changed, one in the form and one in the file, are both kept. Forms
imported together are merged one after the other: a value the first changed is « the
file's » for the second, and the conflict names the first form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, auto
from typing import Any

from ..excel.sheet import CONFLIT, remarque
from ..problems import Problem
from .keys import Chemin, digest
from .layout import Colonne, Genre, Onglet


class Issue(Enum):
    """What to do with one field of a pre-filled row."""

    GARDER = auto()
    """The form did not change it, or changed it as the file did: nothing to do."""
    REPORTER = auto()
    """The form changed it, the file did not: the form's value goes in."""
    CONFLIT = auto()


def three_way(base: str | None, form: Any, current: Any) -> Issue:
    """The rule above, for a field's fingerprint as given, and its values now."""
    if digest(form) == base:
        return Issue.GARDER
    if digest(current) == base:
        return Issue.REPORTER
    return Issue.GARDER if form == current else Issue.CONFLIT


@dataclass(slots=True)
class Origines:
    """Which form of this command changed or added what, to name it in a conflict."""

    changes: dict[tuple[Chemin, str], str] = field(default_factory=dict)
    ajouts: dict[Chemin, str] = field(default_factory=dict)

    def who(self, chemin: Chemin, champ: str | None = None) -> str | None:
        """The form that changed a field (or added the entry), if one of this command did."""
        if champ is not None and (chemin, champ) in self.changes:
            return self.changes[(chemin, champ)]
        return self.ajouts.get(chemin)


def shown(colonne: Colonne | None, value: Any) -> str:
    """A value in a message, briefly."""
    if value is None:
        return "vide"
    if isinstance(value, list):
        return f"{len(value)} élément{'s' if len(value) > 1 else ''}"
    text = (
        str(value.get("structure") or value.get("partenaire"))
        if isinstance(value, dict)
        else (str(value))
    )
    if (colonne is not None and colonne.genre is Genre.TEXTE_LONG) or len(text) > 40:
        text = text[:37].rstrip() + "…"
    return f"« {text} »"


def field_conflict(
    fichier: str,
    cellule: str,
    onglet: Onglet,
    champ: str,
    form: Any,
    current: Any,
    other: str | None,
) -> Problem:
    """A field changed both in the form and since: the file's value is kept."""
    colonne = onglet.colonne(champ) or next(
        (c for c in onglet.colonnes if c.champ.startswith(champ + ".")), None
    )
    titre = colonne.titre.rstrip(" 0123456789") if colonne else champ
    where = f"par {other}" if other else "dans le fichier depuis que la fiche a été faite"
    return remarque(
        CONFLIT,
        f"« {titre} » changé dans la fiche ({shown(colonne, form)}) et {where}"
        f" ({shown(colonne, current)}) : la valeur du fichier est gardée",
        fichier,
        cellule,
        hint="choisissez la bonne valeur dans le fichier d'activité, ou refaites la fiche",
    )


def entry_gone(fichier: str, cellule: str) -> Problem:
    """A pre-filled row changed whose entry is no longer what it was in the file."""
    return remarque(
        CONFLIT,
        "l'entrée de cette ligne n'est plus dans le fichier telle que la fiche l'a reçue"
        " (supprimée, ou changée dans ce qui l'identifie) : les changements de la ligne ne"
        " sont pas importés",
        fichier,
        cellule,
        hint="reportez-les à la main dans le fichier d'activité, ou refaites la fiche",
    )


def entry_differs(
    fichier: str, cellule: str, onglet: Onglet, champs: list[str], other: str | None
) -> Problem:
    """A new row that is an entry the file (or another form) already has, otherwise."""
    where = f"{other} a déjà ajouté" if other else "le fichier a déjà"
    titles = ", ".join(
        f"« {c.titre} »" for champ in champs if (c := onglet.colonne(champ)) is not None
    )
    return remarque(
        CONFLIT,
        f"{where} cette entrée ({onglet.identite}), avec d'autres valeurs"
        f"{' : ' + titles if titles else ''} ; ligne non importée",
        fichier,
        cellule,
        hint="corrigez l'entrée dans le fichier d'activité, ou la ligne de la fiche",
    )
