"""What changed in a year's activity: realisations, meetings, referrals, indicator values
recorded, and the year's texts."""

from __future__ import annotations

from ..figures.compute import valeur_mesure
from ..french.agreement import accorde, compte
from ..french.formatting import date_fr, nombre
from ..models.activite import Activite, Mesure, Realisation
from ..models.plan import Indicateur, Plan
from .changes import (
    LIBELLES_REPARTITIONS,
    Changement,
    field_changes,
    in_unit,
    pair,
    pair_sets,
)

TEXTS = frozenset({"introduction", "gouvernance", "conclusion"})
"""The year's own texts, compared field by field; the lists are compared item by item."""


def compare_activities(
    fichier: str, old: Activite | None, new: Activite | None, plan: Plan | None
) -> list[Changement]:
    """A year's activity: realisations, meetings, referrals, indicator values. `plan` is the
    plan covering the year, for the indicators' units (`83,3 %`, not `83,3`)."""
    if old is None or new is None:
        return _year_added_or_removed(fichier, old, new)
    changes = _realisations(fichier, old, new)
    changes += _meetings_and_referrals(fichier, old, new)
    changes += _measures(fichier, old, new, plan)
    changes += field_changes(
        fichier, f"activité {new.annee}", old, new, set(Activite.model_fields) - TEXTS
    )
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


def _meetings_and_referrals(fichier: str, old: Activite, new: Activite) -> list[Changement]:
    """Meetings and referrals added or removed, told by their instance and date, their month
    and who referred."""
    changes: list[Changement] = []
    for label, paired in (
        (
            "réunion",
            pair_sets(
                (f"{x.instance} du {date_fr(x.date)}" for x in old.reunions),
                (f"{x.instance} du {date_fr(x.date)}" for x in new.reunions),
            ),
        ),
        (
            "saisine",
            pair_sets(
                (f"{date_fr(x.mois)}, {x.saisissant}" for x in old.saisines),
                (f"{date_fr(x.mois)}, {x.saisissant}" for x in new.saisines),
            ),
        ),
    ):
        changes += [
            Changement(fichier, label, "ajout", f"{label} {accorde('ajouté', label)} : {item}")
            for item, _ in paired.added
        ]
        changes += [
            Changement(
                fichier, label, "suppression", f"{label} {accorde('retiré', label)} : {item}"
            )
            for item, _ in paired.removed
        ]
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
