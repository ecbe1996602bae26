"""What changed in a plan: its period and texts, axes and objectives, actions added, removed,
renumbered (same title, new number) or moved to another objective, and their indicators."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from ..models.plan import Action, Indicateur, Plan
from .changes import Changement, field_changes, in_both, in_unit, only_in


def _indicator_changes(fichier: str, old: Indicateur, new: Indicateur) -> Iterator[Changement]:
    objet = f"indicateur {new.id}"
    if old.cibles != new.cibles:
        if len(old.cibles) == len(new.cibles) == 1 and old.cibles[0].annee == new.cibles[0].annee:
            a, b = old.cibles[0].valeur, new.cibles[0].valeur
            verbe = "relevée" if b > a else "abaissée"
            yield Changement(
                fichier,
                objet,
                "cible",
                f"cible de {new.id} {verbe} de {in_unit(old, a)} à {in_unit(new, b)}",
                a,
                b,
            )
        else:
            before = ", ".join(
                in_unit(old, c.valeur) + (f" en {c.annee}" if c.annee else "") for c in old.cibles
            )
            after = ", ".join(
                in_unit(new, c.valeur) + (f" en {c.annee}" if c.annee else "") for c in new.cibles
            )
            yield Changement(
                fichier,
                objet,
                "cible",
                f"cibles de {new.id} : « {before or 'aucune'} » → « {after or 'aucune'} »",
                before,
                after,
            )
    yield from field_changes(fichier, objet, old, new, {"id", "cibles"})


def _actions(plan: Plan) -> dict[str, tuple[str, Action]]:
    return {action.id: (objectif.id, action) for _, objectif, action in plan.actions()}


def _same_action(a: Action, b: Action) -> bool:
    if a.titre == b.titre:
        return True
    return difflib.SequenceMatcher(a=a.titre, b=b.titre).ratio() >= 0.85


def compare_plans(fichier: str, old: Plan, new: Plan) -> list[Changement]:
    """Changes between two versions of a plan."""
    changes: list[Changement] = []
    if old.periode != new.periode:
        changes.append(
            Changement(
                fichier,
                "plan",
                "periode",
                f"période du plan : {old.periode.debut}–{old.periode.fin}"
                f" → {new.periode.debut}–{new.periode.fin}",
                f"{old.periode.debut}–{old.periode.fin}",
                f"{new.periode.debut}–{new.periode.fin}",
            )
        )
    changes += field_changes(fichier, "plan", old, new, {"periode", "axes"})
    old_axes = {a.id: a for a in old.axes}
    new_axes = {a.id: a for a in new.axes}
    changes += _levels(fichier, "axe", "objectifs", old_axes, new_axes)
    old_obj = {o.id: o for a in old.axes for o in a.objectifs}
    new_obj = {o.id: o for a in new.axes for o in a.objectifs}
    changes += _levels(fichier, "objectif", "actions", old_obj, new_obj)
    changes += _compare_actions(fichier, _actions(old), _actions(new))
    return changes


def _levels(
    fichier: str, what: str, children: str, old: dict[str, Any], new: dict[str, Any]
) -> list[Changement]:
    """Axes or objectives added, removed, or with a changed title or description."""
    changes = [
        Changement(
            fichier,
            f"{what} {i}",
            "ajout",
            f"{what} {i} ajouté : {new[i].titre or '(sans intitulé)'}",
        )
        for i in only_in(new, old)
    ]
    changes += [
        Changement(
            fichier,
            f"{what} {i}",
            "suppression",
            f"{what} {i} supprimé : {old[i].titre or '(sans intitulé)'}",
        )
        for i in only_in(old, new)
    ]
    for ident in in_both(old, new):
        changes += field_changes(
            fichier, f"{what} {ident}", old[ident], new[ident], {"id", children}
        )
    return changes


def _compare_actions(
    fichier: str, old: dict[str, tuple[str, Action]], new: dict[str, tuple[str, Action]]
) -> list[Changement]:
    changes: list[Changement] = []
    removed = [i for i in old if i not in new]
    added = [i for i in new if i not in old]
    pairs = [(i, i) for i in old if i in new]
    for gone in list(removed):
        match = next((a for a in added if _same_action(old[gone][1], new[a][1])), None)
        if match is not None:
            removed.remove(gone)
            added.remove(match)
            pairs.append((gone, match))
            changes.append(
                Changement(
                    fichier,
                    f"action {match}",
                    "renumerotation",
                    f"action {gone} renumérotée {match} : {new[match][1].titre}",
                    gone,
                    match,
                )
            )
    for ident in added:
        changes.append(
            Changement(
                fichier,
                f"action {ident}",
                "ajout",
                f"action {ident} ajoutée : {new[ident][1].titre}",
            )
        )
    for ident in removed:
        changes.append(
            Changement(
                fichier,
                f"action {ident}",
                "suppression",
                f"action {ident} supprimée : {old[ident][1].titre}",
            )
        )
    for before_id, after_id in pairs:
        (old_parent, a), (new_parent, b) = old[before_id], new[after_id]
        objet = f"action {after_id}"
        if old_parent != new_parent:
            changes.append(
                Changement(
                    fichier,
                    objet,
                    "deplacement",
                    f"action {after_id} déplacée de l'objectif {old_parent}"
                    f" à l'objectif {new_parent}",
                    old_parent,
                    new_parent,
                )
            )
        changes += field_changes(fichier, objet, a, b, {"id", "indicateurs"})
        old_ind = {i.id: i for i in a.indicateurs}
        new_ind = {i.id: i for i in b.indicateurs}
        for ident in only_in(new_ind, old_ind):
            changes.append(
                Changement(
                    fichier,
                    f"indicateur {ident}",
                    "ajout",
                    f"indicateur {ident} ajouté à l'action {after_id} : {new_ind[ident].libelle}",
                )
            )
        for ident in only_in(old_ind, new_ind):
            changes.append(
                Changement(
                    fichier,
                    f"indicateur {ident}",
                    "suppression",
                    f"indicateur {ident} retiré de l'action {after_id} : {old_ind[ident].libelle}",
                )
            )
        for ident in in_both(old_ind, new_ind):
            changes += _indicator_changes(fichier, old_ind[ident], new_ind[ident])
    return changes
