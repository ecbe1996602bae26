"""Rules on references: every partner, action, indicator, axis and body named exists.

A year two plans cover may name the actions of both; what names only the plan the bilan
does not follow is said.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...french.agreement import compte, forme, pronom
from ...kinds import TERRITOIRE
from ...loader import Document, Path_
from ...models.activite import Activite
from ...problems import Problem
from ..dossier import Dossier, display_name
from ..expected import nearest
from .context import WARNING, Contexte, actions_situees, partenaires_nommes, raw_id, walk


class _Refs:
    """Checks references against a set of known ids, with a nearest-match hint.

    When the ids could not all be read (`complete` false), an id not found is not reported:
    it may be one of those that could not be read.
    """

    def __init__(
        self,
        known: set[str],
        what: str,
        where: str,
        *,
        why: str = "",
        fix: str = "",
        complete: bool = True,
    ) -> None:
        self.known = known
        self.what = what
        self.where = where
        self.why = why
        self.fix = fix
        self.complete = complete

    def check(self, doc: Document, ident: str | None, path: Path_) -> Iterator[Problem]:
        """A problem if the id is set and unknown."""
        if ident is None or ident in self.known or not self.complete:
            return
        guess = nearest(ident, sorted(self.known))
        hint = f"vouliez-vous dire « {guess} » ? " if guess else ""
        hint += self.fix or f"ajoutez-{pronom(self.what)} à {self.where}, ou corrigez l'identifiant"
        message = f"{self.what} « {ident} » n'existe pas" + (f" : {self.why}" if self.why else "")
        yield doc.problem("reference-inconnue", message, path, hint=hint)


_ACTIVITY_REFERENCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("action", ("realisations", "*", "action")),
    ("action", ("actions", "*", "action")),
    ("action", ("depenses", "*", "action")),
    ("partenaire", ("depenses", "*", "financeur")),
    ("partenaire", ("realisations", "*", "partenaires", "*")),
    ("partenaire", ("realisations", "*", "seances", "*", "repartition", "*", "partenaire")),
    ("instance", ("reunions", "*", "instance")),
    ("partenaire", ("reunions", "*", "presents", "*")),
    ("partenaire", ("saisines", "*", "partenaire")),
    ("partenaire", ("saisines", "*", "invites", "*")),
    ("indicateur", ("mesures", "*", "indicateur")),
    ("axe", ("axes", "*", "axe")),
    ("objectif", ("evaluations", "*", "jugements", "*", "objectif")),
)
"""Where an activity file names something defined elsewhere, and what it names."""


def raw_activity_mentions(doc: Document) -> Iterator[tuple[str, str, Path_]]:
    """What an activity file with errors still names, read from its raw data: the kind of
    thing (action, partenaire…), its id, and where — so that its references are checked too."""
    for kind, pattern in _ACTIVITY_REFERENCES:
        for value, path in walk(doc.data, pattern):
            ident = raw_id(value)
            if ident is not None:
                yield kind, ident, path


def _unsound_activities(ctx: Contexte) -> list[Document]:
    return [doc for kind, doc in ctx.dossier.invalides if kind == "activite" and doc.data]


def _beside_errors(ctx: Contexte, problems: Iterator[Problem]) -> Iterator[Problem]:
    """Leave out what falls on a line that already has an error: one mistake, one message."""
    taken = {(p.file, p.line) for p in ctx.dossier.problems if p.is_error}
    return (p for p in problems if (p.file, p.line) not in taken)


Mention = tuple[Document, str, Path_]
"""A partner named by a file: the file, the partner's id, and where."""


def _partner_mentions(dossier: Dossier) -> Iterator[Mention]:
    """Every partner the sound files name, in file order."""
    if dossier.territoire is not None:
        doc, t = dossier.territoire
        if t.labellise_par is not None:
            yield doc, t.labellise_par, ("labellise_par",)
        for i, ident in enumerate(t.partenaires_fondateurs):
            yield doc, ident, ("partenaires_fondateurs", i)
        if t.coordination is not None:
            coord = t.coordination
            yield doc, coord.structure_porteuse, ("coordination", "structure_porteuse")
            for i, ident in enumerate(coord.coporteurs):
                yield doc, ident, ("coordination", "coporteurs", i)
            for i, financeur in enumerate(coord.financeurs):
                yield doc, financeur.partenaire, ("coordination", "financeurs", i, "partenaire")
            for i, elu in enumerate(coord.elus):
                if elu.collectivite is not None:
                    yield doc, elu.collectivite, ("coordination", "elus", i, "collectivite")
        for i, instance in enumerate(t.instances):
            for m, membre in enumerate(instance.membres):
                yield doc, membre.partenaire, ("instances", i, "membres", m, "partenaire")
    if dossier.annuaire is not None:
        doc, annuaire = dossier.annuaire
        for i, partner in enumerate(annuaire.partenaires):
            if partner.parent is not None:
                yield doc, partner.parent, ("partenaires", i, "parent")
            if partner.devenu is not None:
                yield doc, partner.devenu, ("partenaires", i, "devenu")
    for doc, plan in dossier.plans:
        for act, base in actions_situees(plan):
            if act.pilote is not None:
                yield doc, act.pilote, (*base, "pilote")
            for i, ident in enumerate(act.partenaires):
                yield doc, ident, (*base, "partenaires", i)
            for i, f in enumerate(act.financements):
                if f.financeur is not None:
                    yield doc, f.financeur, (*base, "financements", i, "financeur")
    for doc, activite in dossier.activites:
        for ident, path in partenaires_nommes(activite):
            yield doc, ident, path
        for i, depense in enumerate(activite.depenses):
            yield doc, depense.financeur, ("depenses", i, "financeur")
    for kind, doc in dossier.invalides:
        if kind == "activite" and doc.data:
            for what, ident, where in raw_activity_mentions(doc):
                if what == "partenaire":
                    yield doc, ident, where


def partner_references(ctx: Contexte) -> Iterator[Problem]:
    """Every partner named is in the directory; without a directory, naming one is an error."""
    dossier = ctx.dossier
    mentions = _partner_mentions(dossier)
    if ctx.partenaires is not None:
        known = ctx.partenaires
        refs = _Refs(known.known, "le partenaire", "partenaires.yaml", complete=known.complete)
        checked = (p for doc, ident, path in mentions for p in refs.check(doc, ident, path))
        yield from _beside_errors(ctx, checked)
        return
    first = next(mentions, None)
    if first is None:
        yield Problem(
            "territoire-incomplet",
            "le territoire n'a pas d'annuaire partenaires.yaml",
            display_name(dossier.root / TERRITOIRE),
            hint="créez partenaires.yaml : les autres fichiers y renvoient par identifiant",
            severity=WARNING,
        )
        return
    doc, ident, path = first
    named = {ident}
    files = {doc.file}
    for other, other_ident, _ in mentions:
        named.add(other_ident)
        files.add(other.file)
    yield doc.problem(
        "territoire-incomplet",
        f"le partenaire « {ident} » renvoie à l'annuaire partenaires.yaml, que le territoire"
        f" n'a pas ({compte(len(named), 'partenaire')} {forme(len(named), 'nommé')}"
        f" dans {compte(len(files), 'fichier')})",
        path,
        hint="créez partenaires.yaml avec chacun d'eux (id, nom, secteur) : sans lui, aucun"
        " renvoi à un partenaire ne peut être vérifié",
    )


_PLAN_LEVELS = {
    "action": ("l'action", ("action",)),
    "indicateur": ("l'indicateur", ("indicateur",)),
    "axe": ("l'axe", ("axe",)),
    "objectif": ("l'axe ou l'objectif", ("axe", "objectif")),
}
"""What an activity file names in its plan: how it is said, and the plan's levels it may be."""


def _plan_refs(ctx: Contexte, annee: int) -> dict[str, _Refs] | None:
    """What a year's activity may point at in its plan, by kind (see `_PLAN_LEVELS`).

    With no plan for the year, nothing: every reference is unknown. None when that cannot be
    told (a plan's period could not be read).
    """
    covering = ctx.plans_pour(annee)
    if covering:
        where = " ou ".join(lu.name for lu in covering)
        # a plan whose period cannot be read may cover the year too
        complete = all(lu.complete for lu in covering) and all(lu.known_period for lu in ctx.plans)
        return {
            kind: _Refs(
                {i for lu in covering for niveau in niveaux for i in lu.ids(niveau)},
                what,
                where,
                complete=complete,
            )
            for kind, (what, niveaux) in _PLAN_LEVELS.items()
        }
    if any(not lu.known_period for lu in ctx.plans):
        return None
    why = f"aucun plan ne couvre {annee}"
    fix = ctx.missing_plan_hint(annee)
    return {
        kind: _Refs(set(), what, "", why=why, fix=fix) for kind, (what, _) in _PLAN_LEVELS.items()
    }


def activity_references(ctx: Contexte) -> Iterator[Problem]:
    """A year's activity points at actions, indicators and bodies that exist."""
    instances = None
    if ctx.instances is not None:
        known = ctx.instances
        instances = _Refs(
            known.known, "l'instance", "clsm.yaml (instances)", complete=known.complete
        )
    for doc, act in ctx.dossier.activites:
        plan_refs = _plan_refs(ctx, act.annee)
        if plan_refs is not None:
            actions, indicators, axes = (plan_refs[k] for k in ("action", "indicateur", "axe"))
            for i, r in enumerate(act.realisations):
                yield from actions.check(doc, r.action, ("realisations", i, "action"))
            for i, suivi in enumerate(act.actions):
                yield from actions.check(doc, suivi.action, ("actions", i, "action"))
            for i, depense in enumerate(act.depenses):
                yield from actions.check(doc, depense.action, ("depenses", i, "action"))
            for i, m in enumerate(act.mesures):
                yield from indicators.check(doc, m.indicateur, ("mesures", i, "indicateur"))
            for i, c in enumerate(act.axes):
                yield from axes.check(doc, c.axe, ("axes", i, "axe"))
            for i, e in enumerate(act.evaluations):
                for j, jugement in enumerate(e.jugements):
                    path = ("evaluations", i, "jugements", j, "objectif")
                    yield from plan_refs["objectif"].check(doc, jugement.objectif, path)
        if instances is not None:
            for i, reunion in enumerate(act.reunions):
                yield from instances.check(doc, reunion.instance, ("reunions", i, "instance"))
        yield from _left_out_of_the_bilan(ctx, doc, act)
    for doc in _unsound_activities(ctx):
        yield from _beside_errors(ctx, _raw_activity_references(ctx, doc, instances))


def _raw_activity_references(
    ctx: Contexte, doc: Document, instances: _Refs | None
) -> Iterator[Problem]:
    annee = doc.data.get("annee") if isinstance(doc.data, dict) else None
    plan_refs = _plan_refs(ctx, annee) if isinstance(annee, int) else None
    refs: dict[str, _Refs | None] = {"instance": instances, **(plan_refs or {})}
    for what, ident, path in raw_activity_mentions(doc):
        checker = refs.get(what)
        if checker is not None:
            yield from checker.check(doc, ident, path)


def _left_out_of_the_bilan(ctx: Contexte, doc: Document, act: Activite) -> Iterator[Problem]:
    """In a year two plans cover, what names only the plan the bilan does not follow."""
    covering = ctx.plans_pour(act.annee)
    followed = ctx.dossier.plan_pour(act.annee)
    if len(covering) < 2 or followed is None:
        return
    suivi = next(lu for lu in covering if lu.doc is followed[0])
    others = [lu for lu in covering if lu is not suivi]
    named: list[tuple[str, str, str, Path_]] = [
        ("action", r.action, "cette réalisation", ("realisations", i, "action"))
        for i, r in enumerate(act.realisations)
    ]
    named += [
        ("indicateur", m.indicateur, "cette mesure", ("mesures", i, "indicateur"))
        for i, m in enumerate(act.mesures)
    ]
    named += [("axe", c.axe, "ce texte", ("axes", i, "axe")) for i, c in enumerate(act.axes)]
    what = {"action": "l'action", "indicateur": "l'indicateur", "axe": "l'axe"}
    for niveau, ident, item, path in named:
        if ident in suivi.ids(niveau):
            continue
        owner = next((lu for lu in others if ident in lu.ids(niveau)), None)
        if owner is None:
            continue
        yield doc.problem(
            "plans-chevauchants",
            f"{what[niveau]} {ident} n'est que dans {owner.name} : le bilan de {act.annee} suit"
            f" {suivi.name} et ne montrera pas {item}",
            path,
            hint=f"renvoyez à {'une' if niveau == 'action' else 'un'} {niveau} de {suivi.name},"
            " ou corrigez les périodes des deux plans",
            severity=WARNING,
        )


def continued_actions(ctx: Contexte) -> Iterator[Problem]:
    """An action's `suite_de` names an action of the plan before its own.

    The plan before is the territory's latest plan ending before this one starts. Without
    one, the action continued cannot be checked, which is said once per plan (the earlier
    plan may simply not be kept in clsm).
    """
    for doc, plan in ctx.dossier.plans:
        continuing = [(act, base) for act, base in actions_situees(plan) if act.suite_de]
        if not continuing:
            continue
        earlier = [
            lu
            for lu in ctx.plans
            if lu.fin is not None and lu.fin < plan.periode.debut and lu.doc is not doc
        ]
        if any(not lu.known_period for lu in ctx.plans if lu.doc is not doc):
            continue  # a plan whose period cannot be read may be the one before
        if not earlier:
            act, base = continuing[0]
            yield doc.problem(
                "reference-inconnue",
                f"l'action {act.id} continue l'action « {act.suite_de} » d'un plan précédent,"
                f" mais le territoire n'a pas de plan qui finisse avant {plan.periode.debut}",
                (*base, "suite_de"),
                hint="ajoutez le plan précédent au territoire pour que clsm vérifie ces renvois,"
                " ou laissez-les : ils restent lus tels quels",
                severity=WARNING,
            )
            continue
        before = max(earlier, key=lambda lu: lu.fin or 0)
        refs = _Refs(
            before.ids("action"),
            "l'action",
            before.name,
            why=f"{before.name}, le plan précédent, n'a pas d'action de ce numéro",
            fix=f"donnez le numéro qu'avait l'action continuée dans {before.name}",
            complete=before.complete,
        )
        for act, base in continuing:
            yield from refs.check(doc, act.suite_de, (*base, "suite_de"))
