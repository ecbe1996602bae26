"""What changed in a territory's standing files: its description (clsm.yaml: texts,
coordination, instances and their members) and its partner directory (partenaires.yaml)."""

from __future__ import annotations

from ..models.partenaires import Annuaire
from ..models.territoire import Territoire
from .changes import Changement, field_changes, in_both, only_in


def compare_partners(fichier: str, old: Annuaire, new: Annuaire) -> list[Changement]:
    """Partners added, removed or changed."""
    changes: list[Changement] = []
    before = {p.id: p for p in old.partenaires}
    after = {p.id: p for p in new.partenaires}
    for ident in only_in(after, before):
        changes.append(
            Changement(
                fichier,
                f"partenaire {ident}",
                "ajout",
                f"partenaire ajouté : {after[ident].nom} ({ident})",
            )
        )
    for ident in only_in(before, after):
        changes.append(
            Changement(
                fichier,
                f"partenaire {ident}",
                "suppression",
                f"partenaire retiré : {before[ident].nom} ({ident})",
            )
        )
    for ident in in_both(before, after):
        changes += field_changes(
            fichier, f"partenaire {ident}", before[ident], after[ident], {"id"}
        )
    return changes


def compare_territory(fichier: str, old: Territoire, new: Territoire) -> list[Changement]:
    """The territory's standing facts, governance members included."""
    changes = list(field_changes(fichier, "territoire", old, new, {"instances", "coordination"}))
    if old.coordination != new.coordination and old.coordination and new.coordination:
        changes += field_changes(fichier, "coordination", old.coordination, new.coordination, set())
    elif old.coordination != new.coordination:
        changes.append(Changement(fichier, "coordination", "modification", "coordination modifiée"))
    before = {i.id: i for i in old.instances}
    after = {i.id: i for i in new.instances}
    for ident in only_in(after, before):
        changes.append(
            Changement(
                fichier, f"instance {ident}", "ajout", f"instance ajoutée : {after[ident].nom}"
            )
        )
    for ident in only_in(before, after):
        changes.append(
            Changement(
                fichier,
                f"instance {ident}",
                "suppression",
                f"instance retirée : {before[ident].nom}",
            )
        )
    for ident in in_both(before, after):
        old_members = {m.partenaire for m in before[ident].membres}
        new_members = {m.partenaire for m in after[ident].membres}
        for member in sorted(new_members - old_members):
            changes.append(
                Changement(
                    fichier,
                    f"instance {ident}",
                    "ajout",
                    f"{after[ident].nom} : membre ajouté, {member}",
                )
            )
        for member in sorted(old_members - new_members):
            changes.append(
                Changement(
                    fichier,
                    f"instance {ident}",
                    "suppression",
                    f"{after[ident].nom} : membre retiré, {member}",
                )
            )
    return changes
