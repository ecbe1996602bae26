"""What changed in a year's activity: realisations, meetings, referrals, indicator values
recorded, and the year's texts."""

from __future__ import annotations

from typing import Any

from ..french.formatting import nombre
from ..models.activite import Activite
from ..models.plan import Plan
from .changes import Changement, field_changes, in_both, in_unit, only_in


def compare_activities(
    fichier: str, old: Activite | None, new: Activite | None, plan: Plan | None
) -> list[Changement]:
    """A year's activity: realisations, meetings, referrals, indicator values."""
    if old is None and new is not None:
        return [
            Changement(
                fichier,
                f"activité {new.annee}",
                "ajout",
                f"activité {new.annee} ajoutée ({len(new.realisations)} réalisations,"
                f" {len(new.saisines)} saisines)",
            )
        ]
    if new is None and old is not None:
        return [
            Changement(
                fichier, f"activité {old.annee}", "suppression", f"activité {old.annee} supprimée"
            )
        ]
    assert old is not None
    assert new is not None
    changes: list[Changement] = []

    def key(r: Any) -> str:
        return r.id or f"{r.action} « {r.titre} »"

    before = {key(r): r for r in old.realisations}
    after = {key(r): r for r in new.realisations}
    for k in only_in(after, before):
        changes.append(
            Changement(
                fichier,
                f"réalisation {k}",
                "ajout",
                f"réalisation ajoutée ({new.annee}) : {after[k].titre}, action {after[k].action}",
            )
        )
    for k in only_in(before, after):
        changes.append(
            Changement(
                fichier,
                f"réalisation {k}",
                "suppression",
                f"réalisation retirée ({old.annee}) : {before[k].titre}",
            )
        )
    for k in in_both(before, after):
        changes += field_changes(
            fichier, f"réalisation {before[k].titre}", before[k], after[k], {"id"}
        )
    meetings = (
        {f"{x.instance} du {x.date}" for x in old.reunions},
        {f"{x.instance} du {x.date}" for x in new.reunions},
    )
    referrals = (
        {f"{x.mois}, {x.saisissant}" for x in old.saisines},
        {f"{x.mois}, {x.saisissant}" for x in new.saisines},
    )
    for label, (was, now) in (("réunion", meetings), ("saisine", referrals)):
        for item in sorted(now - was):
            changes.append(Changement(fichier, label, "ajout", f"{label} ajoutée : {item}"))
        for item in sorted(was - now):
            changes.append(Changement(fichier, label, "suppression", f"{label} retirée : {item}"))
    indicators = {i.id: i for _, i in plan.indicateurs()} if plan else {}
    was_m = {m.indicateur: m for m in old.mesures}
    now_m = {m.indicateur: m for m in new.mesures}

    def shown(m: Any) -> str:
        from ..figures.compute import valeur_mesure

        ind = indicators.get(m.indicateur)
        text = in_unit(ind, valeur_mesure(m)) if ind else nombre(valeur_mesure(m))
        return text + (
            f" ({nombre(m.numerateur)} / {nombre(m.denominateur)})"
            if m.numerateur is not None
            else ""
        )

    for ident in only_in(now_m, was_m):
        changes.append(
            Changement(
                fichier,
                f"indicateur {ident}",
                "mesure",
                f"valeur de {ident} enregistrée pour {new.annee} : {shown(now_m[ident])}",
                None,
                shown(now_m[ident]),
            )
        )
    for ident in only_in(was_m, now_m):
        changes.append(
            Changement(
                fichier,
                f"indicateur {ident}",
                "mesure",
                f"valeur de {ident} retirée pour {old.annee} (était {shown(was_m[ident])})",
                shown(was_m[ident]),
                None,
            )
        )
    for ident in in_both(was_m, now_m):
        if was_m[ident] != now_m[ident]:
            changes.append(
                Changement(
                    fichier,
                    f"indicateur {ident}",
                    "mesure",
                    f"valeur de {ident} pour {new.annee} :"
                    f" {shown(was_m[ident])} → {shown(now_m[ident])}",
                    shown(was_m[ident]),
                    shown(now_m[ident]),
                )
            )
    texts = {"introduction", "gouvernance", "conclusion"}
    changes += field_changes(
        fichier, f"activité {new.annee}", old, new, set(Activite.model_fields) - texts
    )
    return changes
