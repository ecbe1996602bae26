"""The indicator tracking table: reference, target, the year's value, gap and status."""

from __future__ import annotations

from dataclasses import dataclass

from ..figures import compute
from ..figures.compute import HORS_CALENDRIER, NON_RENSEIGNE
from ..figures.cumul import Cumul, Historique, comparee, jugement, sans_valeur
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
        return comparee(self.valeur_num, self.partiel, self.cible_num, self.cumul)[0]

    @property
    def comparee_partielle(self) -> bool:
        return comparee(self.valeur_num, self.partiel, self.cible_num, self.cumul)[1]

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


def _cibles(indicateur: Indicateur, cibles: list[Cible], fin: int) -> str:
    """`130 (30 en 2023 + 100 en 2026)`: the targets a total since the plan's start meets."""
    total = en_unite(sum(c.valeur for c in cibles), indicateur.unite)
    unite = indicateur.unite
    parts = " + ".join(f"{en_unite(c.valeur, unite)} en {c.annee or fin}" for c in cibles)
    return f"{total} ({parts})"


def _cible(indicateur: Indicateur, cible: Cible | None, fin: int) -> str:
    """`60 % (2024)`: a target without a year is the plan's final one."""
    if cible is None:
        return ""
    return f"{en_unite(cible.valeur, indicateur.unite)} ({cible.annee or fin})"


def _hors_calendrier(ind: Indicateur, action: Action) -> LigneIndicateur:
    """The row of an indicator without a value in a year outside its action's `calendrier`:
    « hors calendrier », without a target (nothing was due)."""
    return LigneIndicateur(
        indicateur=ind,
        action=action,
        reference=_reference(ind),
        cible="",
        valeur=HORS_CALENDRIER,
        detail="",
        ecart="",
        statut="",
        valeur_num=None,
        cible_num=None,
        cumul=None,
    )


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
        if mesure is None and not action.prevue_en(annee):  # nothing was due: no target
            lignes.append(_hors_calendrier(ind, action))
            continue
        if mesure is None:  # nothing recorded nor computed: no measurement either
            cible, avant = sans_valeur(ind, plan, action, annee, historique)
            lignes.append(
                LigneIndicateur(
                    indicateur=ind,
                    action=action,
                    reference=_reference(ind),
                    cible=_cible(ind, cible, fin),
                    valeur=NON_RENSEIGNE,
                    detail=avant.texte(ind.unite) if avant is not None else "",
                    ecart="",
                    statut="",
                    valeur_num=None,
                    cible_num=cible.valeur if cible else None,
                    cumul=avant,
                )
            )
            continue
        juge = jugement(ind, plan, action, annee, mesure, historique)
        cible = juge.cible
        details = []
        if mesure.numerateur is not None and mesure.denominateur is not None:
            details.append(f"{nombre(mesure.numerateur)} / {nombre(mesure.denominateur)}")
        elif mesure.calculee:
            calcule = "calculé"
            if (categorie := categorie_comptee(ind)) is not None:
                calcule += f" : {nom_categorie(*categorie, 2)}"
            details.append(calcule)
        if juge.cumul is not None and juge.cumul.plusieurs_annees:
            details.append(juge.cumul.texte(ind.unite))
        cible_num = cible.valeur if cible else None
        figure, partielle, cible_num = comparee(
            mesure.valeur, mesure.partiel, cible_num, juge.cumul
        )
        decimals = 0  # as many as tell the figure compared from its target
        ecart = ""
        if not partielle and figure is not None and cible_num is not None:
            decimals = formatting.decimales(figure, cible_num)
            ecart = formatting.ecart(figure, cible_num, ind.unite, decimals)
        shown = decimals if juge.cumul is None else 0  # the year's own value is not compared
        # a total since the plan's start may meet several targets: each is named
        cibles = juge.cumul.cibles if juge.cumul is not None else []
        cible_texte = _cibles(ind, cibles, fin) if len(cibles) > 1 else _cible(ind, cible, fin)
        valeur = au_moins(mesure.valeur, mesure.partiel, ind.unite, shown)
        lignes.append(
            LigneIndicateur(
                indicateur=ind,
                action=action,
                reference=_reference(ind),
                cible=cible_texte,
                valeur=valeur,
                detail=" · ".join(details),
                ecart=ecart,
                statut=juge.statut,
                valeur_num=mesure.valeur,
                cible_num=cible_num,
                partiel=mesure.partiel,
                releve=index.mesures.get(ind.id),
                cumul=juge.cumul,
            )
        )
    return lignes
