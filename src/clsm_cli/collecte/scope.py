"""What a form covers: the year's plan, the actions asked for, and the entries it pre-fills.

A whole form covers every action of the plan of the year — but those whose `calendrier`
does not run that year, unless the year's file has entries of them — and every meeting and
referral.
A partner's form (`--partenaire`) covers the actions it pilots or is a partner of in the
plan, or that the year's réalisations name it in; the meetings of the bodies it sits on
that year; and — when it sits on the cellule — the referrals it made or was invited to.
`--action` adds actions. A form restricted to actions alone has no meetings nor referrals.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..models.activite import Activite
from ..models.partenaires import Partenaire
from ..models.plan import Action, Indicateur, Plan
from ..models.territoire import Instance, Territoire, TypeInstance
from ..problems import UsageError
from ..validation.dossier import Dossier, territory_name
from ..validation.expected import nearest
from .keys import Entree
from .layout import MESURES, REUNIONS, SAISINES, Onglet


@dataclass(slots=True)
class Perimetre:
    """The part of the territory a form is about."""

    annee: int
    plan: Plan
    partenaire: Partenaire | None
    actions: list[Action]
    indicateurs: list[Indicateur]
    """The actions' indicators whose values are measured (not those clsm computes)."""
    instances: list[Instance]
    saisines: bool
    """Whether the form has the Saisines sheet."""
    demandees: list[str] = field(default_factory=list)
    """The actions asked for with --action."""

    @property
    def restreint(self) -> bool:
        return self.partenaire is not None or bool(self.demandees)

    def covers(self, entree: Entree) -> bool:
        """Whether the form pre-fills an entry of the year's file."""
        ids = {a.id for a in self.actions}
        valeurs = entree.valeurs
        match entree.onglet.liste:
            case "realisations" | "actions":
                return valeurs.get("action") in ids
            case "seances":
                return True  # decided by its réalisation (form.py)
            case "mesures":
                return valeurs.get("indicateur") in {i.id for i in self.indicateurs}
            case "reunions":
                return valeurs.get("instance") in {i.id for i in self.instances}
            case _:
                if self.partenaire is None:
                    return self.saisines
                me = self.partenaire.id
                return valeurs.get("partenaire") == me or me in (valeurs.get("invites") or [])

    def sheets(self, sheets: tuple[Onglet, ...]) -> tuple[Onglet, ...]:
        """The sheets of the form."""
        skip = set()
        if not self.instances:
            skip.add(REUNIONS.nom)
        if not self.saisines:
            skip.add(SAISINES.nom)
        if not self.indicateurs:
            skip.add(MESURES.nom)
        return tuple(o for o in sheets if o.nom not in skip)


def scope(dossier: Dossier, annee: int, partenaire: str | None, demandees: list[str]) -> Perimetre:
    """The scope of a form; UsageError for a year no plan covers, or an unknown id."""
    covering = dossier.plan_pour(annee)
    if covering is None:
        periods = ", ".join(f"{p.periode.debut}-{p.periode.fin}" for _, p in dossier.plans)
        raise UsageError(
            f"aucun plan de {territory_name(dossier.root)} ne couvre {annee}"
            f" (périodes : {periods or 'aucun plan valide'})",
            hint="choisissez une année de la période d'un plan",
        )
    plan = covering[1]
    partners = {p.id: p for p in dossier.annuaire[1].partenaires} if dossier.annuaire else {}
    actions = {a.id: a for _, _, a in plan.actions()}
    for ident in demandees:
        _known(ident, actions, "l'action", f"du plan {plan.periode.debut}-{plan.periode.fin}")
    partner = None
    if partenaire is not None:
        partner = partners.get(_known(partenaire, partners, "le partenaire", "dans l'annuaire"))
    territoire = dossier.territoire[1] if dossier.territoire else None
    activite = dossier.activite(annee)
    named = _named_in_the_year(activite, partner.id) if partner else set()
    due = _due(plan, annee, activite)
    chosen = [
        a
        for a in actions.values()
        if a.id in demandees
        or (
            a.id in due
            and (
                (not demandees and partner is None)
                or (partner is not None and partner.id in (a.pilote, *a.partenaires))
                or a.id in named
            )
        )
    ]
    instances = _instances(territoire, partner, annee, bool(demandees))
    cellule = any(i.type is TypeInstance.CELLULE for i in instances)
    return Perimetre(
        annee,
        plan,
        partner,
        chosen,
        [i for a in chosen for i in a.indicateurs if i.calcul is None],
        instances,
        saisines=(partner is None and not demandees) or (partner is not None and cellule),
        demandees=list(demandees),
    )


def _due(plan: Plan, annee: int, activite: Activite | None) -> set[str]:
    """The actions a form asks about: those whose `calendrier` runs in the year, and those
    the year's file already has entries of (its rows are pre-filled)."""
    due = {a.id for _, _, a in plan.actions() if a.prevue_en(annee)}
    if activite is None:
        return due
    mesurees = {m.indicateur for m in activite.mesures}
    due |= {r.action for r in activite.realisations} | {s.action for s in activite.actions}
    due |= {a.id for _, _, a in plan.actions() if mesurees & {i.id for i in a.indicateurs}}
    return due


def _named_in_the_year(activite: Activite | None, partner: str) -> set[str]:
    """The actions whose réalisations of the year name a partner (as partner or present)."""
    if activite is None:
        return set()
    return {
        r.action
        for r in activite.realisations
        if partner in r.partenaires
        or any(p.partenaire == partner for s in r.seances for p in s.repartition)
    }


def _known(ident: str, known: Mapping[str, object], what: str, where: str) -> str:
    if ident in known:
        return ident
    close = nearest(ident, list(known))
    raise UsageError(
        f"{what} « {ident} » n'existe pas {where}",
        hint=f"vouliez-vous dire « {close} » ?" if close else "vérifiez l'identifiant",
    )


def _instances(
    territoire: Territoire | None, partner: Partenaire | None, annee: int, actions_only: bool
) -> list[Instance]:
    """The bodies whose meetings the form has: all of them, a partner's that year, or none
    for a form of given actions only."""
    if territoire is None or (actions_only and partner is None):
        return []
    if partner is None:
        return list(territoire.instances)
    return [
        instance
        for instance in territoire.instances
        if any(
            m.partenaire == partner.id
            and (m.depuis is None or m.depuis <= annee)
            and (m.jusqu_a is None or annee <= m.jusqu_a)
            for m in instance.membres
        )
    ]
