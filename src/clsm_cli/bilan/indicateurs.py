"""The indicator tracking table: reference, target, the year's value, gap and status."""

from __future__ import annotations

from dataclasses import dataclass

from ..figures import compute, tracking
from ..figures.compute import NON_RENSEIGNE
from ..figures.publics import categorie_comptee
from ..french import formatting
from ..french.formatting import au_moins, en_unite, nombre
from ..models.activite import Activite, Mesure
from ..models.plan import Action, Indicateur, Plan
from ..models.publics import nom_categorie


@dataclass(slots=True)
class LigneIndicateur:
    """One row of the indicator tracking table."""

    indicateur: Indicateur
    action: Action
    reference: str
    cible: str
    valeur: str
    detail: str
    ecart: str
    statut: str
    valeur_num: float | None
    cible_num: float | None
    partiel: bool = False
    releve: Mesure | None = None
    """The year's recorded measurement (its date, source and comment), when there is one."""


def _valeur_texte(indicateur: Indicateur, value: float | None) -> str:
    return en_unite(value, indicateur.unite)


def indicateurs_de(plan: Plan, activite: Activite) -> list[LigneIndicateur]:
    """Every indicator of the plan; one the year gives no value for says so.

    Asked for each of thousands of indicators each year (five times over by an evaluation):
    what does not depend on the year's value is computed once per indicator here, and an
    indicator the year says nothing of (most, in a large plan) takes the short road."""
    lignes = []
    index = compute.releves(activite)
    annee, fin = activite.annee, plan.periode.fin
    for action, ind in plan.indicateurs():
        mesure = compute.valeur(ind, action.id, activite, index)
        cible = tracking.cible_applicable(ind, annee)
        reference = ""
        if ind.reference is not None:
            reference = f"{_valeur_texte(ind, ind.reference.valeur)} ({ind.reference.annee})"
        cible_texte = ""
        if cible is not None:
            cible_texte = f"{_valeur_texte(ind, cible.valeur)} ({cible.annee or fin})"
        if mesure is None:  # nothing recorded nor computed: no measurement either
            lignes.append(
                LigneIndicateur(
                    indicateur=ind,
                    action=action,
                    reference=reference,
                    cible=cible_texte,
                    valeur=NON_RENSEIGNE,
                    detail="",
                    ecart="",
                    statut="",
                    valeur_num=None,
                    cible_num=cible.valeur if cible else None,
                )
            )
            continue
        detail = ""
        ecart = ""
        etat = tracking.etat(ind, plan, annee, mesure)
        if mesure.numerateur is not None and mesure.denominateur is not None:
            detail = f"{nombre(mesure.numerateur)} / {nombre(mesure.denominateur)}"
        elif mesure.calculee:
            detail = "calculé"
            if (categorie := categorie_comptee(ind)) is not None:
                detail += f" : {nom_categorie(*categorie, 2)}"
        decimals = 0
        if not mesure.partiel and cible is not None:
            decimals = formatting.decimales(mesure.valeur, cible.valeur)
            ecart = formatting.ecart(mesure.valeur, cible.valeur, ind.unite, decimals)
        valeur = au_moins(mesure.valeur, mesure.partiel, ind.unite, decimals)
        lignes.append(
            LigneIndicateur(
                indicateur=ind,
                action=action,
                reference=reference,
                cible=cible_texte,
                valeur=valeur,
                detail=detail,
                ecart=ecart,
                statut=etat,
                valeur_num=mesure.valeur,
                cible_num=cible.valeur if cible else None,
                partiel=mesure.partiel,
                releve=index.mesures.get(ind.id),
            )
        )
    return lignes
