"""The indicator tracking table: reference, target, the year's value, gap and status."""

from __future__ import annotations

from dataclasses import dataclass

from ..figures import compute
from ..figures.compute import NON_RENSEIGNE
from ..figures.cumul import Cumul, Historique, cible_annee, jugement
from ..figures.publics import categorie_comptee
from ..french import formatting
from ..french.formatting import au_moins, en_unite, nombre
from ..models.activite import Activite, Mesure
from ..models.plan import Action, Cible, Indicateur, Plan
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
    cumul: Cumul | None = None
    """The running total the year is judged by, under a target aimed over several years
    (`cumul.jugement`); the gap is then the total's."""

    @property
    def valeur_comparee(self) -> float | None:
        """The figure compared with the target: the running total, or the year's value."""
        if self.cumul is not None and self.cumul.valeur is not None:
            return self.cumul.valeur
        return self.valeur_num

    @property
    def comparee_partielle(self) -> bool:
        return self.cumul.partiel if self.cumul is not None else self.partiel

    @property
    def cumul_dit(self) -> Cumul | None:
        """The running total, when it says more than the year's own value."""
        total = self.cumul
        return total if total is not None and total.plusieurs_annees else None


def _reference(indicateur: Indicateur) -> str:
    """`43 % (2018)`."""
    if indicateur.reference is None:
        return ""
    return (
        f"{en_unite(indicateur.reference.valeur, indicateur.unite)} ({indicateur.reference.annee})"
    )


def _cible(indicateur: Indicateur, cible: Cible | None, fin: int) -> str:
    """`60 % (2024)`: a target without a year is the plan's final one."""
    if cible is None:
        return ""
    return f"{en_unite(cible.valeur, indicateur.unite)} ({cible.annee or fin})"


def indicateurs_de(plan: Plan, activite: Activite, historique: Historique) -> list[LigneIndicateur]:
    """Every indicator of the plan; one the year gives no value for says so. `historique`
    gives the other years' values, which a target aimed over several years adds up
    (`cumul.jugement`).

    Asked for each of thousands of indicators each year (five times over by an evaluation):
    an indicator the year says nothing of (most, in a large plan) takes the short road."""
    lignes = []
    index = historique.releves(activite)
    annee, fin = activite.annee, plan.periode.fin
    for action, ind in plan.indicateurs():
        mesure = compute.valeur(ind, action.id, activite, index)
        if mesure is None:  # nothing recorded nor computed: no measurement either
            cible = cible_annee(ind, plan, annee, historique)
            lignes.append(
                LigneIndicateur(
                    indicateur=ind,
                    action=action,
                    reference=_reference(ind),
                    cible=_cible(ind, cible, fin),
                    valeur=NON_RENSEIGNE,
                    detail="",
                    ecart="",
                    statut="",
                    valeur_num=None,
                    cible_num=cible.valeur if cible else None,
                )
            )
            continue
        juge = jugement(ind, plan, action.id, annee, mesure, historique)
        cible = juge.cible
        details = []
        if mesure.numerateur is not None and mesure.denominateur is not None:
            details.append(f"{nombre(mesure.numerateur)} / {nombre(mesure.denominateur)}")
        elif mesure.calculee:
            calcule = "calculé"
            if (categorie := categorie_comptee(ind)) is not None:
                calcule += f" : {nom_categorie(*categorie, 2)}"
            details.append(calcule)
        compare = compute.Valeur(mesure.valeur, partiel=mesure.partiel)
        if juge.cumul is not None and juge.cumul.valeur is not None:
            compare = compute.Valeur(juge.cumul.valeur, partiel=juge.cumul.partiel)
            if juge.cumul.plusieurs_annees:
                details.append(juge.cumul.texte(ind.unite))
        decimals = 0  # as many as tell the figure compared from its target
        ecart = ""
        if not compare.partiel and cible is not None:
            decimals = formatting.decimales(compare.valeur, cible.valeur)
            ecart = formatting.ecart(compare.valeur, cible.valeur, ind.unite, decimals)
        shown = decimals if juge.cumul is None else 0  # the year's own value is not compared
        valeur = au_moins(mesure.valeur, mesure.partiel, ind.unite, shown)
        lignes.append(
            LigneIndicateur(
                indicateur=ind,
                action=action,
                reference=_reference(ind),
                cible=_cible(ind, cible, fin),
                valeur=valeur,
                detail=" · ".join(details),
                ecart=ecart,
                statut=juge.statut,
                valeur_num=mesure.valeur,
                cible_num=cible.valeur if cible else None,
                partiel=mesure.partiel,
                releve=index.mesures.get(ind.id),
                cumul=juge.cumul,
            )
        )
    return lignes
