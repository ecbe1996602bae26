"""What changed in a plan: its period and texts, axes and objectives, actions added, removed,
renumbered (same title, new number) or moved to another objective, and their indicators."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..french.agreement import accorde
from ..models.plan import Action, Axe, Indicateur, ObjectifSpecifique, Plan
from .changes import Changement, field_changes, in_unit, pair
from .oscars import oscars_changes

Placed = tuple[str, Action]
"""An action with the id of the objective it sits in."""

SAME_TITLE = 0.85
"""How alike two titles must be (difflib's ratio) for an action given a new number to be
told as renumbered rather than removed and added."""


def compare_plans(fichier: str, old: Plan, new: Plan) -> list[Changement]:
    """Changes between two versions of a plan."""
    changes: list[Changement] = []
    if old.periode != new.periode:
        before = f"{old.periode.debut}–{old.periode.fin}"
        after = f"{new.periode.debut}–{new.periode.fin}"
        changes.append(
            Changement(
                fichier, "plan", "periode", f"période du plan : {before} → {after}", before, after
            )
        )
    changes += field_changes(fichier, "plan", old, new, {"periode", "axes"})
    changes += _levels(fichier, "axe", "objectifs", _axes(old), _axes(new))
    changes += _levels(fichier, "objectif", "actions", _objectives(old), _objectives(new))
    suivant = new.periode.debut > old.periode.debut  # the next plan, not another version
    changes += _compare_actions(fichier, _actions(old), _actions(new), suivant)
    return changes


def _axes(plan: Plan) -> dict[str, Axe | ObjectifSpecifique]:
    return {axe.id: axe for axe in plan.axes}


def _objectives(plan: Plan) -> dict[str, Axe | ObjectifSpecifique]:
    return {objectif.id: objectif for axe in plan.axes for objectif in axe.objectifs}


def _actions(plan: Plan) -> dict[str, Placed]:
    return {action.id: (objectif.id, action) for _, objectif, action in plan.actions()}


def _levels(
    fichier: str,
    what: str,
    children: str,
    old: dict[str, Axe | ObjectifSpecifique],
    new: dict[str, Axe | ObjectifSpecifique],
) -> list[Changement]:
    """Axes or objectives added, removed, or with a changed title or description."""
    paired = pair(old, new)
    changes = [
        Changement(
            fichier,
            f"{what} {i}",
            "ajout",
            f"{what} {i} {accorde('ajouté', what)} : {level.titre or '(sans intitulé)'}",
        )
        for i, level in paired.added
    ]
    changes += [
        Changement(
            fichier,
            f"{what} {i}",
            "suppression",
            f"{what} {i} {accorde('supprimé', what)} : {level.titre or '(sans intitulé)'}",
        )
        for i, level in paired.removed
    ]
    for ident, before, after in paired.kept:
        changes += field_changes(fichier, f"{what} {ident}", before, after, {"id", children})
    return changes


def _compare_actions(
    fichier: str, old: dict[str, Placed], new: dict[str, Placed], suivant: bool = False
) -> list[Changement]:
    """Actions continued under a new number (`suite_de`), renumbered, added, removed, then
    what changed in each action on both sides (those kept under their number, in the old
    plan's order, then those continued or renumbered). Between a plan and the `suivant`
    one, an action continues the one its `suite_de` names before any other is paired by
    number (the next plan's 3.1.1 continuing 3.1.2 is not the old 3.1.1)."""
    continued: list[Match] = []
    if suivant:
        continued, old, new = _continuations(old, new)
    paired = pair(old, new, old_order=True)
    more, added, removed = _continued(paired.added, paired.removed)
    continued += more
    renumbered, added, removed = _renumbered(added, removed)
    changes = [
        Changement(
            fichier,
            f"action {came}",
            "suite",
            f"action {gone} devient {came} (suite_de) : {after[1].titre}",
            gone,
            came,
        )
        for (gone, _), (came, after) in continued
    ]
    changes += [
        Changement(
            fichier,
            f"action {came}",
            "renumerotation",
            f"action {gone} renumérotée {came} : {after[1].titre}",
            gone,
            came,
        )
        for (gone, _), (came, after) in renumbered
    ]
    changes += [
        Changement(fichier, f"action {i}", "ajout", f"action {i} ajoutée : {action.titre}")
        for i, (_, action) in added
    ]
    changes += [
        Changement(fichier, f"action {i}", "suppression", f"action {i} supprimée : {action.titre}")
        for i, (_, action) in removed
    ]
    for ident, before, after in paired.kept:
        # the next plan's action that says it continues the same number: nothing changed
        same = frozenset({"suite_de"}) if suivant and after[1].suite_de == ident else frozenset()
        changes += _action_changes(fichier, ident, before, after, same)
    for (_, before), (came, after) in continued:
        # `suite_de` named the old number: said by the pairing, not as a change
        changes += _action_changes(fichier, came, before, after, frozenset({"suite_de"}))
    for (_, before), (came, after) in renumbered:
        changes += _action_changes(fichier, came, before, after)
    return changes


Match = tuple[tuple[str, Placed], tuple[str, Placed]]
"""An action of the old version and the one of the new version that it became."""


def _continuations(
    old: dict[str, Placed], new: dict[str, Placed]
) -> tuple[list[Match], dict[str, Placed], dict[str, Placed]]:
    """Each action of the next plan whose `suite_de` names another number of the old one,
    matched with it: the matches, in the new plan's order, and the actions left to pair."""
    left_old, left_new = dict(old), dict(new)
    matches: list[Match] = []
    for came, placed in new.items():
        origin = placed[1].suite_de
        if origin is not None and origin != came and origin in left_old:
            matches.append(((origin, left_old.pop(origin)), (came, left_new.pop(came))))
    return matches, left_old, left_new


def _continued(
    added: list[tuple[str, Placed]], removed: list[tuple[str, Placed]]
) -> tuple[list[Match], list[tuple[str, Placed]], list[tuple[str, Placed]]]:
    """Each added action whose `suite_de` names a removed one, matched with it whatever its
    title (the next plan says which action it continues): the matches, in the new plan's
    order, and the actions still added and removed."""
    gone = dict(removed)
    matches: list[Match] = []
    for came in added:
        origin = came[1][1].suite_de
        if origin is not None and origin in gone:
            matches.append(((origin, gone.pop(origin)), came))
    paired = {came[0] for _, came in matches}
    return matches, [a for a in added if a[0] not in paired], list(gone.items())


def _renumbered(
    added: list[tuple[str, Placed]], removed: list[tuple[str, Placed]]
) -> tuple[list[Match], list[tuple[str, Placed]], list[tuple[str, Placed]]]:
    """Each removed action matched, in the old plan's order, with the first added one that has
    (nearly) its title: the matches, and the actions still added and removed."""
    added, removed = list(added), list(removed)
    matches = []
    for gone in list(removed):
        came = next((item for item in added if _same_action(gone[1][1], item[1][1])), None)
        if came is not None:
            removed.remove(gone)
            added.remove(came)
            matches.append((gone, came))
    return matches, added, removed


def _same_action(a: Action, b: Action) -> bool:
    if a.titre == b.titre:
        return True
    return difflib.SequenceMatcher(a=a.titre, b=b.titre).ratio() >= SAME_TITLE


def _action_changes(
    fichier: str, ident: str, old: Placed, new: Placed, skip: frozenset[str] = frozenset()
) -> list[Changement]:
    """An action on both sides (`ident` is its new number): moved, fields (but `skip`),
    indicators."""
    (old_parent, before), (new_parent, after) = old, new
    objet = f"action {ident}"
    changes: list[Changement] = []
    if old_parent != new_parent:
        changes.append(
            Changement(
                fichier,
                objet,
                "deplacement",
                f"action {ident} déplacée de l'objectif {old_parent} à l'objectif {new_parent}",
                old_parent,
                new_parent,
            )
        )
    changes += field_changes(fichier, objet, before, after, {"id", "indicateurs", "oscars", *skip})
    changes += oscars_changes(fichier, objet, before.oscars, after.oscars)
    paired = pair({i.id: i for i in before.indicateurs}, {i.id: i for i in after.indicateurs})
    changes += [
        Changement(
            fichier,
            f"indicateur {i}",
            "ajout",
            f"indicateur {i} ajouté à l'action {ident} : {indicateur.libelle}",
        )
        for i, indicateur in paired.added
    ]
    changes += [
        Changement(
            fichier,
            f"indicateur {i}",
            "suppression",
            f"indicateur {i} retiré de l'action {ident} : {indicateur.libelle}",
        )
        for i, indicateur in paired.removed
    ]
    for _, was, now in paired.kept:
        changes += _indicator_changes(fichier, was, now)
    return changes


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
            before, after = _targets(old), _targets(new)
            yield Changement(
                fichier,
                objet,
                "cible",
                f"cibles de {new.id} : « {before or 'aucune'} » → « {after or 'aucune'} »",
                before,
                after,
            )
    yield from field_changes(fichier, objet, old, new, {"id", "cibles"})


def _targets(indicateur: Indicateur) -> str:
    """`40 % en 2024, 45 % en 2025`."""
    return ", ".join(
        in_unit(indicateur, c.valeur) + (f" en {c.annee}" if c.annee else "")
        for c in indicateur.cibles
    )


def continued_in(fichier: str, source: str, before: Plan, added: Plan) -> list[Changement]:
    """A next plan added beside the one it follows (`source`, already there): each action
    that continues one of it (`suite_de`) is followed across the renumbering (« action 2.1.3
    de plan-2018-2022.yaml devient 3.2.1 »)."""
    ids = {action.id for _, _, action in before.actions()}
    return [
        Changement(
            fichier,
            f"action {action.id}",
            "suite",
            f"action {action.suite_de} de {source} devient {action.id} : {action.titre}",
            action.suite_de,
            action.id,
        )
        for _, _, action in added.actions()
        if action.suite_de in ids
    ]
