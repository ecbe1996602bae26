"""What changed in a year's activity: realisations, meetings, referrals, indicator values
recorded, and the year's texts."""

from __future__ import annotations

from ..figures.compute import valeur_mesure
from ..french.agreement import compte
from ..french.formatting import nombre
from ..models.activite import Activite, Mesure, Realisation
from ..models.plan import Indicateur, Plan
from .changes import Changement, field_changes, in_unit, pair
from .labels import LIBELLES_REPARTITIONS

TOLD_APART = frozenset({"annee", "realisations", "mesures"})
"""The fields of a year told by their own rules here; every other is compared by
`field_changes` (the lists entry by entry: meetings, referrals, action follow-ups…)."""


def compare_activities(
    fichier: str, old: Activite | None, new: Activite | None, plan: Plan | None
) -> list[Changement]:
    """A year's activity: realisations, indicator values, then every other field (meetings,
    referrals, action follow-ups, spending, texts…). `plan` is the plan covering the year,
    for the indicators' units (`83,3 %`, not `83,3`)."""
    if old is None or new is None:
        return _year_added_or_removed(fichier, old, new)
    changes = _realisations(fichier, old, new)
    changes += _measures(fichier, old, new, plan)
    changes += field_changes(fichier, f"activité {new.annee}", old, new, TOLD_APART, entries_of="")
    return changes


def _year_added_or_removed(
    fichier: str, old: Activite | None, new: Activite | None
) -> list[Changement]:
    if new is not None:
        return [
            Changement(
                fichier,
                f"activité {new.annee}",
                "ajout",
                f"activité {new.annee} ajoutée ({compte(len(new.realisations), 'réalisation')},"
                f" {compte(len(new.saisines), 'saisine')})",
            )
        ]
    if old is not None:
        return [
            Changement(
                fichier, f"activité {old.annee}", "suppression", f"activité {old.annee} supprimée"
            )
        ]
    return []


def _realisation_key(realisation: Realisation) -> str:
    """A realisation's id, else its action and title."""
    return realisation.id or f"{realisation.action} « {realisation.titre} »"


def _realisations(fichier: str, old: Activite, new: Activite) -> list[Changement]:
    paired = pair(
        {_realisation_key(r): r for r in old.realisations},
        {_realisation_key(r): r for r in new.realisations},
    )
    changes = [
        Changement(
            fichier,
            f"réalisation {key}",
            "ajout",
            f"réalisation ajoutée ({new.annee}) : {r.titre}, action {r.action}",
        )
        for key, r in paired.added
    ]
    changes += [
        Changement(
            fichier,
            f"réalisation {key}",
            "suppression",
            f"réalisation retirée ({old.annee}) : {r.titre}",
        )
        for key, r in paired.removed
    ]
    for _, before, after in paired.kept:
        changes += field_changes(
            fichier, f"réalisation {before.titre}", before, after, {"id"}, LIBELLES_REPARTITIONS
        )
    return changes


def _measures(fichier: str, old: Activite, new: Activite, plan: Plan | None) -> list[Changement]:
    """Indicator values recorded, withdrawn or changed, in each indicator's unit."""
    indicators = {i.id: i for _, i in plan.indicateurs()} if plan else {}

    def shown(mesure: Mesure) -> str:
        return _measure(mesure, indicators.get(mesure.indicateur))

    paired = pair({m.indicateur: m for m in old.mesures}, {m.indicateur: m for m in new.mesures})
    changes = [
        Changement(
            fichier,
            f"indicateur {ident}",
            "mesure",
            f"valeur de {ident} enregistrée pour {new.annee} : {shown(m)}",
            None,
            shown(m),
        )
        for ident, m in paired.added
    ]
    changes += [
        Changement(
            fichier,
            f"indicateur {ident}",
            "mesure",
            f"valeur de {ident} retirée pour {old.annee} (était {shown(m)})",
            shown(m),
            None,
        )
        for ident, m in paired.removed
    ]
    changes += [
        Changement(
            fichier,
            f"indicateur {ident}",
            "mesure",
            f"valeur de {ident} pour {new.annee} : {shown(before)} → {shown(after)}",
            shown(before),
            shown(after),
        )
        for ident, before, after in paired.kept
        if before != after
    ]
    return changes


def _measure(mesure: Mesure, indicateur: Indicateur | None) -> str:
    """`83,3 % (35 / 42)`: the value in the indicator's unit, with its ratio when recorded."""
    value = valeur_mesure(mesure)
    text = in_unit(indicateur, value) if indicateur else nombre(value)
    if mesure.numerateur is not None:
        text += f" ({nombre(mesure.numerateur)} / {nombre(mesure.denominateur)})"
    return text
