"""What changed in a territory's standing files: its description (clsm.yaml: texts,
coordination, instances and their members) and its partner directory (partenaires.yaml)."""

from __future__ import annotations

from ..models.partenaires import Annuaire
from ..models.territoire import Instance, Territoire
from .changes import Changement, field_changes, pair, pair_sets


def compare_partners(fichier: str, old: Annuaire, new: Annuaire) -> list[Changement]:
    """Partners added, removed or changed."""
    paired = pair({p.id: p for p in old.partenaires}, {p.id: p for p in new.partenaires})
    changes = [
        Changement(
            fichier, f"partenaire {i}", "ajout", f"partenaire ajouté : {partenaire.nom} ({i})"
        )
        for i, partenaire in paired.added
    ]
    changes += [
        Changement(
            fichier,
            f"partenaire {i}",
            "suppression",
            f"partenaire retiré : {partenaire.nom} ({i})",
        )
        for i, partenaire in paired.removed
    ]
    for ident, before, after in paired.kept:
        changes += field_changes(fichier, f"partenaire {ident}", before, after, {"id"})
    return changes


def compare_territory(fichier: str, old: Territoire, new: Territoire) -> list[Changement]:
    """The territory's standing facts, governance members included."""
    changes = list(field_changes(fichier, "territoire", old, new, {"instances", "coordination"}))
    if old.coordination != new.coordination and old.coordination and new.coordination:
        changes += field_changes(fichier, "coordination", old.coordination, new.coordination, set())
    elif old.coordination != new.coordination:
        changes.append(Changement(fichier, "coordination", "modification", "coordination modifiée"))
    return changes + _instances(fichier, old.instances, new.instances)


def _instances(fichier: str, old: list[Instance], new: list[Instance]) -> list[Changement]:
    """Governance bodies added or removed; in each kept, the members gained or lost, then
    every other field changed, its members' included."""
    paired = pair({i.id: i for i in old}, {i.id: i for i in new})
    changes = [
        Changement(fichier, f"instance {i}", "ajout", f"instance ajoutée : {instance.nom}")
        for i, instance in paired.added
    ]
    changes += [
        Changement(fichier, f"instance {i}", "suppression", f"instance retirée : {instance.nom}")
        for i, instance in paired.removed
    ]
    for ident, before, after in paired.kept:
        members = pair_sets(
            (m.partenaire for m in before.membres), (m.partenaire for m in after.membres)
        )
        changes += [
            Changement(
                fichier, f"instance {ident}", "ajout", f"{after.nom} : membre ajouté, {member}"
            )
            for member, _ in members.added
        ]
        changes += [
            Changement(
                fichier,
                f"instance {ident}",
                "suppression",
                f"{after.nom} : membre retiré, {member}",
            )
            for member, _ in members.removed
        ]
        changes += field_changes(fichier, after.nom, before, after, {"id", "membres"})
        kept = pair(
            {m.partenaire: m for m in before.membres}, {m.partenaire: m for m in after.membres}
        )
        for member, was, now in kept.kept:
            changes += field_changes(
                fichier, f"{after.nom}, membre {member}", was, now, {"partenaire"}
            )
    return changes
