"""The work of the year, axis by axis: each action's realisations, with their persons and
attendances worded in one place (`effectifs`), and the coordinator's words on each axis."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..figures import compute
from ..figures.compute import NON_RENSEIGNE, Decompte
from ..figures.publics import Repartition, repartition_personnes, repartition_seance
from ..french.formatting import accord, date_fr, effectif, intervalle_fr, repartition_titree
from ..models.activite import LIBELLES_TYPES_REALISATIONS, Activite, Presence, Realisation
from ..models.common import bornes
from ..models.partenaires import Partenaire
from ..models.plan import Action, Axe, ObjectifSpecifique, Plan
from .partenariat import nom
from .wording import seance as libelle_seance


def effectifs(personnes: Decompte, presences: Decompte | None, inscrits: int | None = None) -> str:
    """`12 personnes, 24 présences`, saying which figure is unknown or only partly known:
    `21 présences (personnes distinctes non renseignées)`, `12 personnes (présences non
    renseignées)`, `personnes et présences non renseignées` — never 0 for what nobody
    counted. The registrations, when given, join the same parenthesis (`sur 15 inscrits`).

    The one place that words persons and attendances, for every format. Without
    `presences` (a realisation without sessions, whose attendance is its persons) only
    the persons are said.
    """
    notes = []
    connues = presences is not None and presences.valeur is not None
    if personnes.valeur is None:
        if presences is not None and connues:
            text = effectif(presences, "présence")
            notes.append("personnes distinctes non renseignées")
        else:
            quoi = "personnes et présences" if presences is not None else "personnes"
            text = f"{quoi} non renseignées"
    else:
        text = effectif(personnes, "personne")
        if personnes.partiel:
            text += f" ({NON_RENSEIGNE} pour {accord(personnes.manquants, 'réalisation')})"
        if presences is not None and connues:
            text += ", " + effectif(presences, "présence")
        elif presences is not None:
            notes.append("présences non renseignées")
    if inscrits is not None:
        notes.append(f"sur {accord(inscrits, 'inscrit')}")
    return text + (f" ({' ; '.join(notes)})" if notes else "")


@dataclass(slots=True)
class RealisationBilan:
    """A realisation with its computed figures and named partners.

    `personnes` are the distinct persons reached, `presences` the attendance summed
    over its sessions (a session's attendance is in `seances`).
    """

    realisation: Realisation
    date: str
    type: str
    personnes: int | None
    presences: Decompte
    partenaires: list[Partenaire]
    seances: list[tuple[str, int | None, str]]
    """Each session as (date, place and details; attendance; who came)."""
    repartitions: list[str] = field(default_factory=list)
    """Its persons by public, sex and age in words, a line for each breakdown it gives."""
    publics_seances: list[list[str]] = field(default_factory=list)
    """Each session's attendance by public, sex and age, as `repartitions` (in the order of
    `seances`)."""

    @property
    def participants(self) -> int | None:
        """The persons reached (the name templates used before persons and attendances)."""
        return self.personnes

    @property
    def repartition(self) -> bool:
        """Whether some session says who came: the breakdown column is shown only then."""
        return any(detail for _, _, detail in self.seances)

    @property
    def publics_par_seance(self) -> bool:
        """Whether some session breaks its attendance down by public, sex or age."""
        return any(self.publics_seances)

    @property
    def effectifs(self) -> str:
        """Its persons, attendance and registrations in words (`12 personnes, 24 présences
        (sur 15 inscrits)`); empty when the file gives none of them."""
        inscrits = self.realisation.inscrits
        if self.personnes is None and self.presences.valeur is None:
            return f"sur {accord(inscrits, 'inscrit')}" if inscrits is not None else ""
        presences = self.presences if self.realisation.seances else None
        return effectifs(compute.decompte([self.personnes]), presences, inscrits)


def _totaux(realisations: list[RealisationBilan]) -> tuple[Decompte, Decompte]:
    return compute.totaux((r.personnes, r.presences) for r in realisations)


class Effectifs:
    """The persons and attendance of some realisations, in figures and in words.

    The action, the axis and the year each say which realisations they count.
    """

    __slots__ = ()

    def _comptees(self) -> list[RealisationBilan]:
        raise NotImplementedError

    @property
    def personnes(self) -> Decompte:
        """The persons its realisations reached."""
        return _totaux(self._comptees())[0]

    @property
    def presences(self) -> Decompte:
        """The attendance of its realisations."""
        return _totaux(self._comptees())[1]

    @property
    def participants(self) -> int | None:
        """The persons reached, when known (the name templates used before)."""
        return self.personnes.valeur

    @property
    def effectifs(self) -> str:
        """Its persons and attendance in words."""
        return effectifs(self.personnes, self.presences)


@dataclass(slots=True)
class ActionBilan(Effectifs):
    """An action and what was done for it this year."""

    action: Action
    objectif: ObjectifSpecifique
    realisations: list[RealisationBilan]

    def _comptees(self) -> list[RealisationBilan]:
        return self.realisations


@dataclass(slots=True)
class AxeBilan(Effectifs):
    """An axis of the plan, its actions' work, and the coordinator's words on it."""

    axe: Axe
    titre: str
    texte: str | None
    perspectives: list[str]
    actions: list[ActionBilan]

    @property
    def realisations(self) -> list[RealisationBilan]:
        """The axis's realisations, action by action."""
        return [r for a in self.actions for r in a.realisations]

    def _comptees(self) -> list[RealisationBilan]:
        return self.realisations

    @property
    def nombre_realisations(self) -> int:
        """How many realisations the axis had."""
        return sum(len(a.realisations) for a in self.actions)


def titre_axe(axe: Axe) -> str:
    """`Axe 1 – Lutte contre la stigmatisation`, or `Axe 2` when the plan gives no title."""
    return f"Axe {axe.id} – {axe.titre}" if axe.titre else f"Axe {axe.id}"


def _realisation(r: Realisation, partenaires: dict[str, Partenaire]) -> RealisationBilan:
    seances = []

    def qui(presence: Presence) -> str:
        if presence.partenaire in partenaires:
            return nom(partenaires[presence.partenaire])
        return presence.structure or presence.partenaire or ""

    for seance in r.seances:
        detail = ", ".join(f"{p.participants} {qui(p)}" for p in seance.repartition)
        libelle = libelle_seance(date_fr(seance.date), seance.lieu, seance.precisions)
        seances.append((libelle, compute.presences_seance(seance), detail))
    return RealisationBilan(
        realisation=r,
        date=intervalle_fr(r.date, r.date_fin),
        type=LIBELLES_TYPES_REALISATIONS[r.type],
        personnes=compute.personnes(r),
        presences=compute.presences(r),
        partenaires=[
            partenaires[i] for i in compute.partenaires_realisation(r) if i in partenaires
        ],
        seances=seances,
        repartitions=[_en_mots(d, repartition_personnes(r, d)) for d in compute.repartitions(r)],
        publics_seances=[
            [_en_mots(d, repartition_seance(s, d)) for d in compute.repartitions(s)]
            for s in r.seances
        ],
    )


def _en_mots(dimension: str, repartition: Repartition) -> str:
    """`Public : 28 professionnels ; non précisé pour 4`: a breakdown in words."""
    return repartition_titree(dimension, repartition.parts, repartition.non_precise)


def axes_de(plan: Plan, activite: Activite, partenaires: dict[str, Partenaire]) -> list[AxeBilan]:
    par_action: dict[str, list[Realisation]] = {}
    for r in sorted(activite.realisations, key=lambda r: bornes(r.date)[0]):
        par_action.setdefault(r.action, []).append(r)
    suivies = {s.action for s in activite.actions}
    commentaires = {c.axe: c for c in activite.axes}
    axes = []
    for axe in plan.axes:
        # an action the year did something for, or said where it stood (reportée, abandonnée…)
        actions = [
            ActionBilan(
                act, obj, [_realisation(r, partenaires) for r in par_action.get(act.id, [])]
            )
            for obj, act in axe.actions()
            if act.id in par_action or act.id in suivies
        ]
        commentaire = commentaires.get(axe.id)
        texte = commentaire.texte if commentaire else None
        perspectives = list(commentaire.perspectives) if commentaire else []
        if actions or texte or perspectives:
            axes.append(AxeBilan(axe, titre_axe(axe), texte, perspectives, actions))
    return axes
