"""How each plan field is written into a grid cell, and read back from one.

Writing and reading sit side by side so that a grid exported by clsm imports back to the
same plan. Partners appear by name in cells (a reader knows names, not ids) and are mapped
back to ids through the directory.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypeVar

from ..models.partenaires import Partenaire
from ..models.plan import (
    LIBELLES_COMPETENCES,
    LIBELLES_STATUTS,
    Action,
    Axe,
    ObjectifSpecifique,
)
from . import oscars

LIST_FIELDS = (
    "prerequis",
    "resultats_attendus",
    "sources_verification",
    "moyens_mobilisables",
    "moyens_a_mobiliser",
)
TEXT_FIELDS = ("description", "public_cible", "dispositifs_existants", "notes", "suite_de")
ACTION_FIELDS = (
    "axe",
    "objectif",
    "action",
    *TEXT_FIELDS,
    *LIST_FIELDS,
    "indicateurs",
    "pilote",
    "partenaires",
    "calendrier",
    "statut",
    "financements",
    "competences_psychosociales",
    *oscars.CHAMPS,
)
"""The fields a grid column can hold and `clsm import` reads back (the structure first)."""


def normalise(text: str) -> str:
    """Accent-, case- and punctuation-insensitive form, for matching headers and labels."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", " ", bare).strip()


def number_text(value: float) -> str:
    """A number as a cell's text: `60`, `0.5` (read back exactly)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def parse_number(text: str) -> float | None:
    """`60`, `60 %`, `0,5`, `1 234` → a number, or None."""
    cleaned = text.replace("\u202f", "").replace("\xa0", "").replace(" ", "").rstrip("%€")
    try:
        return float(cleaned.replace(",", "."))
    except ValueError:
        return None


# ---------------------------------------------------------------- writing


@dataclass(slots=True)
class Noms:
    """Partner ids ↔ names, for cells that name partners."""

    par_id: dict[str, Partenaire] = field(default_factory=dict)

    def nom(self, ident: str) -> str:
        partner = self.par_id.get(ident)
        return partner.nom if partner else ident


def axe_texte(axe: Axe) -> str:
    """`1. Développer la prévention…`, or `2.` for an axis without a title."""
    return f"{axe.id}. {axe.titre}" if axe.titre else f"{axe.id}."


def _titled(head: str, titre: str | None) -> str:
    """`head titre`; ` : ` in between when the title itself starts like a separator."""
    if not titre:
        return head
    return f"{head} : {titre}" if _LEADING_SEPARATOR.match(titre) else f"{head} {titre}"


def objectif_texte(objectif: ObjectifSpecifique) -> str:
    """`Objectif spécifique 1.1 Individualiser…`."""
    return _titled(f"Objectif spécifique {objectif.id}", objectif.titre)


def action_texte(action: Action) -> str:
    """`Action 1.1.1 Déployer…`."""
    return _titled(f"Action {action.id}", action.titre)


def calendrier_texte(action: Action) -> str | None:
    """`2023 → 2024`, `à partir de 2023`, `jusqu'à 2024-06`, and its precisions below."""
    cal = action.calendrier
    if cal is None:
        return None
    if cal.debut and cal.fin:
        text = f"{cal.debut} → {cal.fin}"
    elif cal.debut:
        text = f"à partir de {cal.debut}"
    elif cal.fin:
        text = f"jusqu'à {cal.fin}"
    else:
        text = ""
    if cal.precisions:
        text = f"{text}\n{cal.precisions}" if text else cal.precisions
    return text


def financement_texte(action: Action, noms: Noms) -> str | None:
    """One funder per line, its details on indented lines below (`  montant : 5000 €`)."""
    lines = []
    for f in action.financements:
        lines.append(noms.nom(f.financeur))
        if f.dispositif:
            lines.append(f"  dispositif : {f.dispositif}")
        if f.montant is not None:
            lines.append(f"  montant : {number_text(f.montant)} €")
        if f.periode is not None:
            lines.append(f"  période : {f.periode.debut}–{f.periode.fin}")
    return "\n".join(lines) or None


def cellule(
    champ: str, axe: Axe, objectif: ObjectifSpecifique | None, action: Action | None, noms: Noms
) -> str | None:
    """The text of a field's cell for a row (None when empty)."""
    if champ == "axe":
        return axe_texte(axe)
    if champ == "objectif":
        return objectif_texte(objectif) if objectif else None
    if action is None:
        return None
    if champ == "action":
        return action_texte(action)
    if champ in TEXT_FIELDS:
        value: Any = getattr(action, champ)
        return str(value) if value else None
    if champ in LIST_FIELDS:
        return "\n".join(getattr(action, champ)) or None
    if champ == "indicateurs":
        return "\n".join(i.libelle for i in action.indicateurs) or None
    if champ == "pilote":
        return noms.nom(action.pilote) if action.pilote else None
    if champ == "partenaires":
        return "\n".join(noms.nom(p) for p in action.partenaires) or None
    if champ == "calendrier":
        return calendrier_texte(action)
    if champ == "statut":
        return LIBELLES_STATUTS[action.statut] if action.statut else None
    if champ == "financements":
        return financement_texte(action, noms)
    if champ == "competences_psychosociales":
        return "\n".join(LIBELLES_COMPETENCES[c] for c in action.competences_psychosociales) or None
    if champ in oscars.CHAMPS:
        return oscars.cellule(champ, action.oscars)
    raise ValueError(f"unknown grid field {champ!r}")


# ---------------------------------------------------------------- reading

_AXE = re.compile(r"^\s*(?:axe\s+)?(?P<id>\d+)\s*[.\-–:)]?\s*(?P<titre>.*)$", re.I | re.S)
_AXE_NOMME = re.compile(r"^\s*axe\s+\d+\b", re.I)
_SEPARATED = r"(?:\s*[.\-–:](?=\s|$))?\s*(?P<titre>.*)$"
_NUMBER = r"(?:n[°o]\s*)?(?P<id>\d+(?:\.\d+)+)"
_OBJECTIF = re.compile(
    r"^\s*objectif\s+sp[ée]cifique\s+(?P<id>\d+(?:\.\d+)+)" + _SEPARATED, re.I | re.S
)
_OBJECTIF_NUMERO = re.compile(
    r"^\s*(?:(?:objectifs?(?:\s+(?:sp[ée]cifiques?|op[ée]rationnels?))?|os)\s*)?"
    r"(?:n[°o]\s*)?(?P<id>\d+\.\d+)(?!\.?\d)" + _SEPARATED,
    re.I | re.S,
)
_ACTION = re.compile(r"^\s*action\s+(?P<id>\d+(?:\.\d+)+)" + _SEPARATED, re.I | re.S)
_ACTION_NUMERO = re.compile(r"^\s*(?:actions?\s*)?" + _NUMBER + _SEPARATED, re.I | re.S)
_IDENT = re.compile(r"^\s*(?:n[°o]\s*)?(?P<id>\d+(?:\.\d+)*)\s*\.?\s*$", re.I)
_LEADING_SEPARATOR = re.compile(r"^[.\-–:](?:\s|$)")
_BULLET = re.compile(r"^\s*[*•\-–](?:\s+|$)")


def read_axe(text: str, nomme: bool = False) -> tuple[str, str | None] | None:
    """`1. Titre` → ("1", "Titre"); None when the text is not an axis heading.

    `nomme` asks for the word « Axe » (`Axe 2. Titre`), for a cell outside the axis column.
    """
    if nomme and not _AXE_NOMME.match(text):
        return None
    match = _AXE.match(text)
    if match is None:
        return None
    return match["id"], (match["titre"].strip() or None)


def read_objectif(text: str, numero: bool = False) -> tuple[str, str | None] | None:
    """`Objectif spécifique 1.1 Titre` → ("1.1", "Titre").

    `numero` also takes a bare two-level number (`1.1 Titre`, `Objectif 1.1 : Titre`,
    `OS 1.1`), for a cell of the objective column.
    """
    match = (_OBJECTIF_NUMERO if numero else _OBJECTIF).match(text)
    return (match["id"], match["titre"].strip() or None) if match else None


def read_action(text: str, numero: bool = False) -> tuple[str, str] | None:
    """`Action 1.1.1 Titre` → ("1.1.1", "Titre"); `numero` also takes `1.1.1 Titre`."""
    match = (_ACTION_NUMERO if numero else _ACTION).match(text)
    return (match["id"], match["titre"].strip()) if match else None


def read_numero(text: str) -> str | None:
    """`1.1.1`, `N° 1.1.1` → "1.1.1": the text of a number column."""
    match = _IDENT.match(text)
    return match["id"] if match else None


def read_list(text: str) -> list[str]:
    """A cell's items: one per line, or one per « * » bullet when the cell has them.

    An item that itself starts with a bullet and a space (« * », « • », « - ») loses it:
    a grid cannot tell such an item from a bulleted one.
    """
    if text.lstrip().startswith("*") or "\n*" in text:
        parts = re.split(r"(?:^|\s)\*\s*", text)
    else:
        parts = text.splitlines()
    items = [i for i in (_BULLET.sub("", p).strip() for p in parts) if i]
    return items or ([text.strip()] if text.strip() else [])


def read_calendrier(text: str) -> dict[str, str] | None:
    """The inverse of `calendrier_texte`."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    result: dict[str, str] = {}
    date = r"(\d{4}(?:-\d{2}(?:-\d{2})?)?)"
    if m := re.fullmatch(date + r"\s*(?:→|->|–|à)\s*" + date, first):
        result = {"debut": m[1], "fin": m[2]}
    elif m := re.fullmatch(r"à partir de\s+" + date, first, re.I):
        result = {"debut": m[1]}
    elif m := re.fullmatch(r"jusqu'à\s+" + date, first, re.I):
        result = {"fin": m[1]}
    elif m := re.fullmatch(date, first):
        result = {"debut": m[1], "fin": m[1]}
    else:
        return {"precisions": text.strip()} if text.strip() else None
    if rest.strip():
        result["precisions"] = rest.strip()
    return result


E = TypeVar("E", bound=Enum)


def _read_choice(text: str, labels: Mapping[E, str]) -> str | None:
    """A choice's label or value (accents, case and punctuation aside) → its value."""
    wanted = normalise(text)
    for choice, label in labels.items():
        if wanted in (normalise(label), normalise(str(choice.value))):
            return str(choice.value)
    return None


def read_statut(text: str) -> str | None:
    """A status label or value → its value."""
    return _read_choice(text, LIBELLES_STATUTS)


def read_competence(text: str) -> str | None:
    """A competence label or value → its value."""
    return _read_choice(text, LIBELLES_COMPETENCES)


def read_financements(text: str) -> list[dict[str, Any]]:
    """The inverse of `financement_texte` (funders left as names)."""
    result: list[dict[str, Any]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        key, sep, value = line.strip().partition(":")
        detail = line[:1].isspace() and sep and result
        if not detail:
            result.append({"financeur": line.strip()})
            continue
        key, value = normalise(key), value.strip()
        if key == "dispositif":
            result[-1]["dispositif"] = value
        elif key == "montant":
            result[-1]["montant"] = parse_number(value)
        elif key == "periode" and (m := re.fullmatch(r"(\d{4})\s*[–-]\s*(\d{4})", value)):
            result[-1]["periode"] = {"debut": int(m[1]), "fin": int(m[2])}
        else:
            result[-1]["dispositif"] = (
                result[-1].get("dispositif", "") + " " + line.strip()
            ).strip()
    return result


def anciens_noms_text(partenaire: Partenaire) -> str | None:
    """`CHS Henri Laborit (CHS) jusqu'en 2019 ; …`: a partner's former names in one cell."""
    return (
        " ; ".join(
            f"{n.nom}{f' ({n.sigle})' if n.sigle else ''} jusqu'en {n.jusqu_a}"
            for n in partenaire.anciens_noms
        )
        or None
    )


_ANCIEN_NOM = re.compile(r"(?P<nom>.+?)(?: \((?P<sigle>[^()]+)\))? jusqu'en (?P<annee>\d{4})")


def read_anciens_noms(text: str) -> list[dict[str, Any]] | None:
    """The cell `anciens_noms_text` writes, read back; None when a part does not read."""
    noms: list[dict[str, Any]] = []
    for part in text.replace("’", "'").split(";"):
        match = _ANCIEN_NOM.fullmatch(part.strip())
        if match is None:
            return None
        nom: dict[str, Any] = {"nom": match["nom"], "jusqu_a": int(match["annee"])}
        if match["sigle"]:
            nom["sigle"] = match["sigle"]
        noms.append(nom)
    return noms
