"""The actions over the plan's years: each year's status and work, what was planned and
spent, the actions never started, and those a later plan carries on (`suite_de`).

Money comes from the bilan's own lines of each year (`bilan.financements`), so that the
period's sums are those of the yearly bilans.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..bilan.financements import financements_de
from ..figures import compute, money
from ..figures.compute import Decompte
from ..figures.money import Somme
from ..models.activite import ActionAnnee, Activite, Realisation
from ..models.common import annee_de
from ..models.partenaires import Partenaire
from ..models.plan import Action, Axe, ObjectifSpecifique, Plan, Statut

COMMENCEE = frozenset({Statut.EN_COURS, Statut.REALISEE})
"""The yearly statuses that say an action was under way, realisations or not."""


@dataclass(slots=True)
class AnneeAction:
    """What an action's year says: its status, what was done, what was planned and spent."""

    annee: int
    suivi: ActionAnnee | None
    """The year's status, progress and comment, when the year's file gives them."""
    realisations: int
    personnes: Decompte
    prevu: Somme = field(default_factory=Somme)
    depense: Somme = field(default_factory=Somme)
    prevue: bool = True
    """Whether the year is one of the action's `calendrier` (`Action.prevue_en`)."""


@dataclass(slots=True)
class ActionPeriode:
    """An action of the plan over the years evaluated."""

    axe: Axe
    objectif: ObjectifSpecifique
    action: Action
    annees: list[AnneeAction]
    personnes: Decompte
    prevu: Somme
    depense: Somme
    suites: list[tuple[Plan, Action]] = field(default_factory=list)
    """The actions of the next plan that continue this one (their `suite_de`)."""
    origine: tuple[Plan | None, Action | None] | None = None
    """For an action that continues one of the plan before (`suite_de`): that plan and its
    action, each None when the territory does not keep it."""

    @property
    def realisations(self) -> int:
        return sum(a.realisations for a in self.annees)

    def annees_attendues(self) -> set[int]:
        """The years evaluated that may be asked for the action's status and its indicators'
        values: within its `calendrier` (open ends are the plan's), and not after it was
        abandoned (a year's status `abandonnee`; the plan's own `abandonnee`, after the last
        year that gave a status, or every year when none did)."""
        annees = [a.annee for a in self.annees if self.action.prevue_en(a.annee)]
        dites = [a for a in self.annees if a.suivi is not None]
        abandons = [a.annee for a in dites if a.suivi and a.suivi.statut is Statut.ABANDONNEE]
        if abandons:
            annees = [y for y in annees if y <= min(abandons)]
        if self.action.statut is Statut.ABANDONNEE:
            derniere = max((a.annee for a in dites), default=None)
            annees = [y for y in annees if derniere is not None and y <= derniere]
        return set(annees)

    @property
    def financee(self) -> bool:
        """Whether the files say anything of its money over the period."""
        return self.prevu.valeur is not None or self.depense.valeur is not None

    @property
    def commencee(self) -> bool:
        """Whether some year did something for it or said it under way, or the plan's own
        status (its latest snapshot) says so."""
        return self.action.statut in COMMENCEE or any(
            a.realisations or (a.suivi is not None and a.suivi.statut in COMMENCEE)
            for a in self.annees
        )

    @property
    def a_venir(self) -> bool:
        """Whether its `calendrier` starts after the last year evaluated: not started, and
        not due to."""
        calendrier = self.action.calendrier
        if calendrier is None or calendrier.debut is None or not self.annees:
            return False
        return annee_de(calendrier.debut) > max(a.annee for a in self.annees)

    @property
    def renseignee(self) -> bool:
        """Whether the files say anything of where it stands: a status (the plan's or a
        year's) or a realisation. Without, it is not known to have started or not."""
        return (
            self.action.statut is not None
            or self.realisations > 0
            or any(a.suivi is not None for a in self.annees)
        )

    @property
    def dernier_suivi(self) -> ActionAnnee | None:
        """The latest yearly status the files give."""
        return next((a.suivi for a in reversed(self.annees) if a.suivi), None)


@dataclass(slots=True)
class ActionsPeriode:
    """Every action of the plan over its years, and the lists a coordinator asks for."""

    lignes: list[ActionPeriode]

    @property
    def jamais_commencees(self) -> list[ActionPeriode]:
        """The actions the files say did not start (a status, no realisation); one they say
        nothing of is not among them (the quality of the follow-up asks for its status), nor
        one whose calendar starts after the years evaluated."""
        return [a for a in self.lignes if a.renseignee and not a.commencee and not a.a_venir]

    @property
    def poursuivies(self) -> list[ActionPeriode]:
        return [a for a in self.lignes if a.suites]

    @property
    def continuees(self) -> list[ActionPeriode]:
        """The plan's actions that carry on an action of the plan before."""
        return [a for a in self.lignes if a.origine is not None]

    @property
    def financees(self) -> bool:
        return any(a.financee for a in self.lignes)


def actions_de(
    plan: Plan,
    activites: list[Activite],
    partenaires: dict[str, Partenaire],
    voisins: tuple[Plan | None, Plan | None],
) -> ActionsPeriode:
    """Each action over the years of `activites`; `voisins` are the plans before and after."""
    avant, apres = voisins
    par_annee = [_year(plan, act, partenaires) for act in activites]
    suites: dict[str, list[Action]] = {}
    for _, _, act in apres.actions() if apres else []:
        if act.suite_de:
            suites.setdefault(act.suite_de, []).append(act)
    anciennes = {act.id: act for _, _, act in avant.actions()} if avant else {}
    lignes = []
    for axe, obj, act in plan.actions():
        annees: list[AnneeAction] = []
        personnes: list[tuple[int | None, Decompte]] = []
        prevu, depense = Somme(), Somme()
        for activite, (realisations, suivis, argent) in zip(activites, par_annee, strict=True):
            siennes = realisations.get(act.id, [])
            effectifs = [(compute.personnes(r), compute.presences(r)) for r in siennes]
            personnes += effectifs
            total = compute.totaux(effectifs)[0] if siennes else Decompte()
            annee = AnneeAction(activite.annee, suivis.get(act.id), len(siennes), total)
            annee.prevue = act.prevue_en(activite.annee)
            for montant_prevu, montant_depense, forfait in argent.get(act.id, []):
                if not forfait:  # a lump sum's share of the year is not known
                    annee.prevu.ajoute(montant_prevu)
                annee.depense.ajoute(montant_depense)
            if act.id in argent:
                if annee.prevu.valeur is not None or annee.prevu.partiel:
                    prevu.ajoute(annee.prevu.valeur, annee.prevu.partiel)
                depense.ajoute(annee.depense.valeur, annee.depense.partiel)
            annees.append(annee)
        forfaits = money.prevu_forfaits(act, plan, [a.annee for a in activites])
        if forfaits.valeur is not None or forfaits.partiel:
            prevu.ajoute(forfaits.valeur, forfaits.partiel)
        total = compute.totaux(personnes)[0] if personnes else Decompte()
        ligne = ActionPeriode(axe, obj, act, annees, total, prevu, depense)
        if apres is not None:
            ligne.suites = [(apres, suite) for suite in suites.get(act.id, [])]
        if act.suite_de:
            ligne.origine = (avant, anciennes.get(act.suite_de))
        lignes.append(ligne)
    return ActionsPeriode(lignes)


Argent = dict[str, list[tuple[float | None, float | None, bool]]]
"""A year's money lines (planned, spent, a lump sum's), by action."""


def _year(
    plan: Plan, activite: Activite, partenaires: dict[str, Partenaire]
) -> tuple[dict[str, list[Realisation]], dict[str, ActionAnnee], Argent]:
    """A year's realisations by action, its statuses by action (the first entry of each, as
    `Activite.suivi` reads them) and its money lines by action."""
    realisations: dict[str, list[Realisation]] = {}
    for r in activite.realisations:
        realisations.setdefault(r.action, []).append(r)
    suivis = {s.action: s for s in reversed(activite.actions)}
    argent: Argent = {}
    financements = financements_de(plan, activite, partenaires)
    for ligne in financements.lignes if financements else []:
        argent.setdefault(ligne.action.id, []).append((ligne.prevu, ligne.depense, ligne.forfait))
    return realisations, suivis, argent
