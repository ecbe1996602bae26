"""The columns of the OSCARS export (`templates/grilles/oscars.yaml`) that are not a plan
field written as it is: an action as an ARS enters it in OSCARS, computed from the plan, the
directory (the lead organisation's details), the plan before (the action continued) and the
activity files (what was spent). Export only: `clsm import` refuses such a workbook.

Amounts are numbers (`budget_prevu`, `depense`: one column per year), years are numbers;
absence is an empty cell, or « non renseigné » for a year whose budget was planned and whose
file says nothing spent (as in the bilan).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..figures import money
from ..figures.compute import NON_RENSEIGNE
from ..french.formatting import en_unite
from ..models.activite import Activite
from ..models.oscars import Echelle
from ..models.partenaires import LIBELLES_TYPES_STRUCTURES, Partenaire
from ..models.plan import Action, Axe, Financement, ObjectifSpecifique, Plan
from ..validation.dossier import Dossier
from . import oscars
from .fields import Noms


@dataclass(slots=True)
class Contexte:
    """What the OSCARS columns read beyond the row's action."""

    plan: Plan
    dossier: Dossier
    noms: Noms
    precedent: Plan | None
    activites: dict[int, Activite]

    @classmethod
    def of(cls, plan: Plan, dossier: Dossier, noms: Noms) -> Contexte:
        activites = {a.annee: a for _, a in dossier.activites if plan.couvre(a.annee)}
        ordered = dict(sorted(activites.items()))
        return cls(plan, dossier, noms, dossier.plan_precedent(plan), ordered)

    def porteur(self, action: Action) -> Partenaire | None:
        return self.noms.par_id.get(action.pilote) if action.pilote else None


@dataclass(slots=True)
class Ligne:
    """A row of the OSCARS grid: an action in its axis and objective, and a column's year."""

    axe: Axe
    objectif: ObjectifSpecifique
    action: Action
    annee: int | None = None


def _annees(ctx: Contexte, action: Action) -> tuple[int, int]:
    """The action's first and last years: its calendar's, else the plan's."""
    return action.annees_prevues(ctx.plan.periode)


def _chainee(ctx: Contexte, action: Action) -> str | None:
    """`2.1.3 – Former les acteurs (plan 2018–2022)`: the action this one continues."""
    if not action.suite_de:
        return None
    before = ctx.precedent
    actions = before.actions() if before else []
    found = next((a for _, _, a in actions if a.id == action.suite_de), None)
    if before is None or found is None:
        return f"{action.suite_de} (plan précédent)"
    return f"{found.id} – {found.titre} (plan {before.periode.debut}–{before.periode.fin})"


def _territoire(ctx: Contexte, action: Action) -> str | None:
    """The territory reached; for the whole territory, the territory's own description and
    communes (clsm.yaml) when the action names none."""
    touche = action.oscars.territoire if action.oscars else None
    if touche is None:
        return None
    lines = [oscars.territoire_texte(touche) or ""]
    if touche.echelle is Echelle.TERRITOIRE and ctx.dossier.territoire is not None:
        territoire = ctx.dossier.territoire[1]
        lines.append(f"Territoire : {territoire.territoire}")
        if territoire.communes and not touche.communes:
            lines.append(f"Communes du territoire : {' ; '.join(territoire.communes)}")
    return "\n".join(line for line in lines if line) or None


def _financement(ctx: Contexte, f: Financement) -> str:
    """`ARS Nouvelle-Aquitaine — FIR : 5 000 € en 2023, 6 000 € en 2024 ; 20 000 € sur
    2023–2026`."""
    text = ctx.noms.nom(f.financeur) + (f" — {f.dispositif}" if f.dispositif else "")
    details = [f"{en_unite(m.montant, 'euros')} en {m.annee}" for m in f.budget]
    if f.montant is not None or f.periode is not None:
        total = en_unite(f.montant, "euros") if f.montant is not None else ""
        span = f"{f.periode.debut}–{f.periode.fin}" if f.periode else ""
        details.append(f"{total} sur {span}" if total and span else total or span)
    return f"{text} : {', '.join(details)}" if details else text


def _indicateurs(action: Action) -> str | None:
    """Each indicator with its targets: `Part des acteurs sensibilisés — cible 60 % (2025)`."""
    from .grid_sheet import cibles_text

    lines = [
        i.libelle + (f" — cible {cibles_text(i)}" if i.cibles else "") for i in action.indicateurs
    ]
    return "\n".join(lines) or None


def _budget(ctx: Contexte, action: Action, annee: int) -> float | None:
    planned = [p for f in action.financements if (p := money.prevu(f, annee)) is not None]
    return sum(planned) if planned else None


def _depense(ctx: Contexte, action: Action, annee: int) -> float | str | None:
    activite = ctx.activites.get(annee)
    if activite is None:
        return None
    spent = [m for key, m in money.depenses(activite).items() if key[0] == action.id]
    if spent:
        return sum(spent)
    return NON_RENSEIGNE if _budget(ctx, action, annee) is not None else None


def _porteur(what: Callable[[Partenaire], Any]) -> Callable[[Contexte, Ligne], Any]:
    def cell(ctx: Contexte, ligne: Ligne) -> Any:
        partner = ctx.porteur(ligne.action)
        return what(partner) if partner else None

    return cell


CHAMPS: dict[str, Callable[[Contexte, Ligne], Any]] = {
    "numero": lambda ctx, r: r.action.id,
    "intitule": lambda ctx, r: r.action.titre,
    "annee_debut": lambda ctx, r: _annees(ctx, r.action)[0],
    "annee_fin": lambda ctx, r: _annees(ctx, r.action)[1],
    "action_chainee": lambda ctx, r: _chainee(ctx, r.action),
    "porteur": lambda ctx, r: ctx.noms.nom(r.action.pilote) if r.action.pilote else None,
    "porteur_statut": _porteur(lambda p: LIBELLES_TYPES_STRUCTURES[p.type] if p.type else None),
    "porteur_commune": _porteur(lambda p: p.commune),
    "porteur_site": _porteur(lambda p: p.site),
    "territoire": lambda ctx, r: _territoire(ctx, r.action),
    "objectif_general": lambda ctx, r: r.axe.titre or f"Axe {r.axe.id}",
    "objectif_specifique": lambda ctx, r: r.objectif.titre or f"Objectif {r.objectif.id}",
    "objectif_operationnel": lambda ctx, r: r.action.titre,
    "financeurs": lambda ctx, r: (
        "\n".join(_financement(ctx, f) for f in r.action.financements) or None
    ),
    "indicateurs_cibles": lambda ctx, r: _indicateurs(r.action),
    "budget_prevu": lambda ctx, r: _budget(ctx, r.action, r.annee or 0),
    "depense": lambda ctx, r: _depense(ctx, r.action, r.annee or 0),
}
"""Each export-only column a layout may name, and how its cell is computed."""

PAR_ANNEE = frozenset({"budget_prevu", "depense"})
"""The columns written once per year (`par_annee: true`; `{annee}` in their header)."""
MONTANTS = PAR_ANNEE
"""The columns that hold amounts in euros."""


_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1", re.S)
_ITEM = re.compile(r"^(?:[-*•]|\d+[.)])\s")


def reflow(text: str) -> str:
    """A Markdown text as plain text that flows in its cell: the lines of a paragraph
    joined (the file wraps them at its own width), list items and paragraphs kept, bold
    marks dropped. For a grid that is not read back, where a reader copies it into a form."""
    lines: list[str] = []
    for line in _EMPHASIS.sub(r"\2", text).split("\n"):
        stripped = line.strip()
        if stripped and lines and lines[-1] and not _ITEM.match(stripped):
            lines[-1] += " " + stripped
        elif stripped or (lines and lines[-1]):
            lines.append(stripped)
    return "\n".join(lines).strip()


def annees(champ: str, ctx: Contexte) -> list[int]:
    """The years a yearly column is written for: the plan's (and any year a budget names)
    for the budget, the years with an activity file for what was spent."""
    return list(ctx.activites) if champ == "depense" else money.annees_budget(ctx.plan)


def valeur(champ: str, ctx: Contexte, ligne: Ligne) -> Any:
    """A cell of an export-only column."""
    return CHAMPS[champ](ctx, ligne)
