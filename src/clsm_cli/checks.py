"""Rules on the whole territory, run once each file has been read and checked on its own.

Each rule yields located problems: duplicate ids, references to nothing, numbering, periods
and dates, units and rates. Most rules read the sound models of a `Dossier`; what only needs
ids (numbering, duplicates, the years a plan covers, what a reference may point at) is read
from the raw data of every file, so that it is checked even in a file that has errors
elsewhere. What could not be checked because a file has errors is said, once per file.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import compute, figure_checks
from .loader import Document, Path_
from .models.activite import Activite
from .models.common import annee_de, bornes
from .models.plan import Calendrier, Indicateur, Plan, Unite
from .problems import Gravite, Problem
from .reporters import _plural
from .validation import nearest
from .workspace import TERRITOIRE, Dossier, display_name

WARNING = Gravite.AVERTISSEMENT


# ---------------------------------------------------------------- what every file defines


def _raw_id(value: Any) -> str | None:
    """An identifier as written, from raw data (a number keeps its source text)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        raw = getattr(value, "raw", None)
        return raw if isinstance(raw, str) else str(value)
    return None


def _raw_year(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass(slots=True)
class Ids:
    """The ids a list of a file defines, as far as they can be read."""

    known: set[str] = field(default_factory=set)
    complete: bool = True
    """Every entry had a readable id: an id not known is not there."""


def _raw_ids(data: Any, key: str) -> Ids:
    """The `id` of each entry of a top-level list, from the raw data of a file with errors.

    The list is complete when it is there and each entry has a readable id. A list that is
    not there may be hidden by a mistake (`partenaire:` for `partenaires:`): not complete.
    """
    ids = Ids()
    entries = data.get(key) if isinstance(data, dict) else None
    if entries is None:
        ids.complete = False
        return ids
    if not isinstance(entries, list):
        ids.complete = False
        return ids
    for entry in entries:
        ident = _raw_id(entry.get("id")) if isinstance(entry, dict) else None
        if ident is None:
            ids.complete = False
        else:
            ids.known.add(ident)
    return ids


@dataclass(slots=True)
class Element:
    """An axis, objective, action or indicator of a plan, as read from raw data."""

    niveau: str
    id: str
    path: Path_
    parent: Element | None


_LEVELS = (
    ("axes", "axe"),
    ("objectifs", "objectif"),
    ("actions", "action"),
    ("indicateurs", "indicateur"),
)


@dataclass(slots=True)
class PlanLu:
    """A plan file as far as its tree can be read, whether or not it passes its model."""

    doc: Document
    complete: bool
    """The plan passes its model, so its tree is all there: an id not found is not in it.

    In a plan with errors, a mistake may hide ids (`indicateur:` for `indicateurs:`), so a
    reference not found there is not reported; the ids that are found still resolve.
    """
    debut: int | None = None
    fin: int | None = None
    elements: list[Element] = field(default_factory=list)
    index: dict[str, set[str]] = field(default_factory=dict)
    """The ids of each level, made at the first `ids`."""

    @property
    def name(self) -> str:
        """The file's name, as hints give it."""
        return Path(self.doc.file).name

    @property
    def known_period(self) -> bool:
        """Whether the years the plan covers can be told."""
        return self.debut is not None and self.fin is not None

    def couvre(self, annee: int) -> bool:
        """Whether the plan's period is known and includes the year."""
        return self.debut is not None and self.fin is not None and self.debut <= annee <= self.fin

    def ids(self, niveau: str) -> set[str]:
        """The ids of one level (axe, objectif, action, indicateur)."""
        if not self.index:
            for e in self.elements:
                self.index.setdefault(e.niveau, set()).add(e.id)
        return self.index.get(niveau, set())


def read_plan(doc: Document, sound: bool) -> PlanLu:
    """The period and tree of a plan file, from its raw data."""
    lu = PlanLu(doc, sound)
    if not isinstance(doc.data, dict):
        return lu
    periode = doc.data.get("periode")
    if isinstance(periode, dict):
        lu.debut, lu.fin = _raw_year(periode.get("debut")), _raw_year(periode.get("fin"))
    _read_level(lu, doc.data, (), 0, None)
    return lu


def _read_level(
    lu: PlanLu, container: dict[str, Any], path: Path_, depth: int, parent: Element | None
) -> None:
    key, niveau = _LEVELS[depth]
    entries = container.get(key)
    if not isinstance(entries, list):
        return
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        here: Path_ = (*path, key, i)
        ident = _raw_id(entry.get("id"))
        element = None
        if ident is not None:
            element = Element(niveau, ident, (*here, "id"), parent)
            lu.elements.append(element)
        if depth + 1 < len(_LEVELS):
            _read_level(lu, entry, here, depth + 1, element)


@dataclass(slots=True)
class Contexte:
    """A territory as the rules see it: its sound models, and what its files define."""

    dossier: Dossier
    plans: list[PlanLu]
    """Every plan file read, sound or not."""
    partenaires: Ids | None
    """The directory's ids; None without a directory."""
    instances: Ids | None
    """The territory's bodies; None when clsm.yaml could not be read at all."""

    def plans_pour(self, annee: int) -> list[PlanLu]:
        """The plan files whose period covers a year."""
        return [lu for lu in self.plans if lu.couvre(annee)]


def contexte(dossier: Dossier) -> Contexte:
    """What the rules need of a territory, read once."""
    sound = {id(doc) for doc, _ in dossier.plans}
    plans = [read_plan(doc, id(doc) in sound) for doc in dossier.lus_comme("plan")]
    partenaires = None
    if dossier.annuaire is not None:
        partenaires = Ids({p.id for p in dossier.annuaire[1].partenaires})
    elif dossier.has("partenaires"):
        partenaires = _raw_ids(dossier.lus_comme("partenaires")[0].data, "partenaires")
    instances = None
    if dossier.territoire is not None:
        instances = Ids({x.id for x in dossier.territoire[1].instances})
    elif dossier.has("territoire"):
        instances = _raw_ids(dossier.lus_comme("territoire")[0].data, "instances")
    return Contexte(dossier, plans, partenaires, instances)


Rule = Callable[[Contexte], Iterator[Problem]]


def run(dossier: Dossier) -> list[Problem]:
    """Every rule's problems for a territory."""
    ctx = contexte(dossier)
    return [problem for rule in RULES for problem in rule(ctx)]


# ---------------------------------------------------------------- helpers


def _duplicates(doc: Document, items: Sequence[tuple[str, Path_]], what: str) -> Iterator[Problem]:
    seen: dict[str, Path_] = {}
    for ident, path in items:
        if ident in seen:
            first = doc.source.locate(seen[ident])
            where = f" (déjà ligne {first[0]})" if first else ""
            yield doc.problem(
                "id-duplique",
                f"{what} « {ident} » est défini deux fois{where}",
                path,
                hint="chaque identifiant doit être unique : renumérotez l'un des deux",
            )
        else:
            seen[ident] = path


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
        hint += self.fix or f"ajoutez-le à {self.where}, ou corrigez l'identifiant"
        message = f"{self.what} « {ident} » n'existe pas" + (f" : {self.why}" if self.why else "")
        yield doc.problem("reference-inconnue", message, path, hint=hint)


def _missing_plan_hint(ctx: Contexte, annee: int) -> str:
    if ctx.plans:
        return "ajoutez le plan de cette période, ou corrigez l'année"
    return (
        f"ajoutez le plan qui couvre {annee}, dans un fichier dont le nom commence par « plan »"
        f" (plan-{annee}-{annee + 4}.yaml)"
    )


# ---------------------------------------------------------------- identifiers


def unique_ids(ctx: Contexte) -> Iterator[Problem]:
    """No identifier is defined twice in its scope."""
    dossier = ctx.dossier
    if dossier.annuaire is not None:
        doc, annuaire = dossier.annuaire
        items = [(p.id, ("partenaires", i, "id")) for i, p in enumerate(annuaire.partenaires)]
        yield from _duplicates(doc, items, "le partenaire")
    if dossier.territoire is not None:
        doc, territoire = dossier.territoire
        items = [(x.id, ("instances", i, "id")) for i, x in enumerate(territoire.instances)]
        yield from _duplicates(doc, items, "l'instance")
    for lu in ctx.plans:
        elements = [(e.id, e.path) for e in lu.elements if e.niveau != "indicateur"]
        indicators = [(e.id, e.path) for e in lu.elements if e.niveau == "indicateur"]
        yield from _duplicates(lu.doc, elements, "l'identifiant")
        yield from _duplicates(lu.doc, indicators, "l'indicateur")
    years: dict[int, Document] = {}
    for doc, activite in dossier.activites:
        realisations = [
            (r.id, ("realisations", i, "id"))
            for i, r in enumerate(activite.realisations)
            if r.id is not None
        ]
        yield from _duplicates(doc, realisations, "la réalisation")
        if activite.annee in years:
            yield doc.problem(
                "id-duplique",
                f"l'année {activite.annee} a déjà son fichier : {years[activite.annee].file}",
                ("annee",),
            )
        years.setdefault(activite.annee, doc)


def numbering(ctx: Contexte) -> Iterator[Problem]:
    """An objective's number starts with its axis's, an action's with its objective's.

    Read from the raw tree: a plan with an error in one action still has the rest checked.
    """
    for lu in ctx.plans:
        for element in lu.elements:
            parent = element.parent
            if parent is None or element.id.startswith(parent.id + "."):
                continue
            if element.niveau == "objectif":
                yield lu.doc.problem(
                    "numerotation-incoherente",
                    f"l'objectif {element.id} est rangé sous l'axe {parent.id}",
                    element.path,
                    hint=f"numérotez-le {parent.id}.…, ou déplacez-le sous le bon axe",
                    severity=WARNING,
                )
            elif element.niveau == "action":
                yield lu.doc.problem(
                    "numerotation-incoherente",
                    f"l'action {element.id} est rangée sous l'objectif {parent.id}",
                    element.path,
                    hint=f"numérotez-la {parent.id}.…, ou déplacez-la sous le bon objectif",
                    severity=WARNING,
                )


# ---------------------------------------------------------------- references


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
        for i, instance in enumerate(t.instances):
            for m, membre in enumerate(instance.membres):
                yield doc, membre.partenaire, ("instances", i, "membres", m, "partenaire")
    if dossier.annuaire is not None:
        doc, annuaire = dossier.annuaire
        for i, partner in enumerate(annuaire.partenaires):
            if partner.parent is not None:
                yield doc, partner.parent, ("partenaires", i, "parent")
    for doc, plan in dossier.plans:
        for a, axe in enumerate(plan.axes):
            for o, obj in enumerate(axe.objectifs):
                for n, act in enumerate(obj.actions):
                    base: Path_ = ("axes", a, "objectifs", o, "actions", n)
                    if act.pilote is not None:
                        yield doc, act.pilote, (*base, "pilote")
                    for i, ident in enumerate(act.partenaires):
                        yield doc, ident, (*base, "partenaires", i)
                    for i, f in enumerate(act.financements):
                        if f.financeur is not None:
                            yield doc, f.financeur, (*base, "financements", i, "financeur")
    for doc, activite in dossier.activites:
        for i, r in enumerate(activite.realisations):
            for k, ident in enumerate(r.partenaires):
                yield doc, ident, ("realisations", i, "partenaires", k)
            for s, seance in enumerate(r.seances):
                for k, presence in enumerate(seance.repartition):
                    if presence.partenaire is not None:
                        path = ("realisations", i, "seances", s, "repartition", k, "partenaire")
                        yield doc, presence.partenaire, path
        for i, reunion in enumerate(activite.reunions):
            for k, ident in enumerate(reunion.presents):
                yield doc, ident, ("reunions", i, "presents", k)
        for i, saisine in enumerate(activite.saisines):
            if saisine.partenaire is not None:
                yield doc, saisine.partenaire, ("saisines", i, "partenaire")
            for k, ident in enumerate(saisine.invites):
                yield doc, ident, ("saisines", i, "invites", k)


def partner_references(ctx: Contexte) -> Iterator[Problem]:
    """Every partner named is in the directory; without a directory, naming one is an error."""
    dossier = ctx.dossier
    mentions = _partner_mentions(dossier)
    if ctx.partenaires is not None:
        known = ctx.partenaires
        refs = _Refs(known.known, "le partenaire", "partenaires.yaml", complete=known.complete)
        for doc, ident, path in mentions:
            yield from refs.check(doc, ident, path)
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
        f" n'a pas ({_plural(len(named), 'partenaire')} nommé{'s' if len(named) > 1 else ''}"
        f" dans {_plural(len(files), 'fichier')})",
        path,
        hint="créez partenaires.yaml avec chacun d'eux (id, nom, secteur) : sans lui, aucun"
        " renvoi à un partenaire ne peut être vérifié",
    )


def _plan_refs(ctx: Contexte, annee: int) -> tuple[_Refs, _Refs, _Refs] | None:
    """What a year's activity may point at: the actions, indicators and axes of its plan.

    With no plan for the year, nothing: every reference is unknown. None when that cannot be
    told (a plan's period could not be read).
    """
    covering = ctx.plans_pour(annee)
    if covering:
        where = " ou ".join(lu.name for lu in covering)
        # a plan whose period cannot be read may cover the year too
        complete = all(lu.complete for lu in covering) and all(lu.known_period for lu in ctx.plans)

        def refs(niveau: str, what: str) -> _Refs:
            known = {ident for lu in covering for ident in lu.ids(niveau)}
            return _Refs(known, what, where, complete=complete)

        return refs("action", "l'action"), refs("indicateur", "l'indicateur"), refs("axe", "l'axe")
    if any(not lu.known_period for lu in ctx.plans):
        return None
    why = f"aucun plan ne couvre {annee}"
    fix = _missing_plan_hint(ctx, annee)
    return (
        _Refs(set(), "l'action", "", why=why, fix=fix),
        _Refs(set(), "l'indicateur", "", why=why, fix=fix),
        _Refs(set(), "l'axe", "", why=why, fix=fix),
    )


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
            actions, indicators, axes = plan_refs
            for i, r in enumerate(act.realisations):
                yield from actions.check(doc, r.action, ("realisations", i, "action"))
            for i, m in enumerate(act.mesures):
                yield from indicators.check(doc, m.indicateur, ("mesures", i, "indicateur"))
            for i, c in enumerate(act.axes):
                yield from axes.check(doc, c.axe, ("axes", i, "axe"))
        if instances is not None:
            for i, reunion in enumerate(act.reunions):
                yield from instances.check(doc, reunion.instance, ("reunions", i, "instance"))
        yield from _left_out_of_the_bilan(ctx, doc, act)


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


# ---------------------------------------------------------------- periods and dates


def activity_years(ctx: Contexte) -> Iterator[Problem]:
    """Each activity file's year is its name's, covered by a plan, and its dates are in it."""
    periods_known = all(lu.known_period for lu in ctx.plans)
    for doc, act in ctx.dossier.activites:
        stem = Path(doc.file).stem
        if stem.isdigit() and int(stem) != act.annee:
            yield doc.problem(
                "annee-incoherente",
                f"le fichier {Path(doc.file).name} déclare l'année {act.annee}",
                ("annee",),
                hint=f"écrivez annee: {stem}, ou renommez le fichier {act.annee}.yaml",
            )
        if not ctx.plans_pour(act.annee) and periods_known:
            if ctx.plans:
                periods = ", ".join(f"{lu.debut}–{lu.fin}" for lu in ctx.plans)
                message = f"aucun plan ne couvre l'année {act.annee} (plans : {periods})"
            else:
                message = f"aucun plan ne couvre l'année {act.annee} : le territoire n'a aucun plan"
            yield doc.problem(
                "annee-hors-plan", message, ("annee",), hint=_missing_plan_hint(ctx, act.annee)
            )
        yield from _dates_in_year(doc, act)


def _dates_in_year(doc: Document, act: Activite) -> Iterator[Problem]:
    dated: list[tuple[str, Path_]] = []
    for i, r in enumerate(act.realisations):
        dated.append((r.date, ("realisations", i, "date")))
        dated += [
            (s.date, ("realisations", i, "seances", k, "date")) for k, s in enumerate(r.seances)
        ]
        if r.date_fin is not None and bornes(r.date_fin)[1] < bornes(r.date)[0]:
            yield doc.problem(
                "dates-inversees",
                f"la réalisation finit ({r.date_fin}) avant de commencer ({r.date})",
                ("realisations", i, "date_fin"),
            )
    dated += [(x.date, ("reunions", i, "date")) for i, x in enumerate(act.reunions)]
    dated += [(x.mois, ("saisines", i, "mois")) for i, x in enumerate(act.saisines)]
    dated += [(m.date, ("mesures", i, "date")) for i, m in enumerate(act.mesures) if m.date]
    for value, path in dated:
        if annee_de(value) != act.annee:
            yield doc.problem(
                "date-hors-annee",
                f"la date {value} n'est pas en {act.annee}",
                path,
                hint=f"corrigez-la, ou déplacez l'élément dans activite/{annee_de(value)}.yaml",
            )


def plan_periods(ctx: Contexte) -> Iterator[Problem]:
    """Calendars and target years sit inside the plan's period, ends after starts."""
    dossier = ctx.dossier
    for doc, plan in dossier.plans:
        for a, axe in enumerate(plan.axes):
            for o, obj in enumerate(axe.objectifs):
                for n, act in enumerate(obj.actions):
                    base: Path_ = ("axes", a, "objectifs", o, "actions", n)
                    cal = act.calendrier
                    if cal and cal.debut and cal.fin and bornes(cal.fin)[1] < bornes(cal.debut)[0]:
                        yield doc.problem(
                            "dates-inversees",
                            f"l'action {act.id} finit ({cal.fin}) avant de commencer ({cal.debut})",
                            (*base, "calendrier", "fin"),
                        )
                    elif cal:
                        yield from _calendar_in_period(doc, plan, act.id, cal, base)
                    for i, ind in enumerate(act.indicateurs):
                        for c, cible in enumerate(ind.cibles):
                            if cible.annee is not None and not plan.couvre(cible.annee):
                                yield doc.problem(
                                    "annee-hors-plan",
                                    f"la cible de {ind.id} vise {cible.annee}, hors de la période"
                                    f" {plan.periode.debut}–{plan.periode.fin}",
                                    (*base, "indicateurs", i, "cibles", c, "annee"),
                                    severity=WARNING,
                                )


def _calendar_in_period(
    doc: Document, plan: Plan, ident: str, cal: Calendrier, base: Path_
) -> Iterator[Problem]:
    period = f"{plan.periode.debut}–{plan.periode.fin}"
    hint = "corrigez le calendrier, ou rangez l'action dans le plan de ces années"
    if cal.debut is not None and annee_de(cal.debut) < plan.periode.debut:
        yield doc.problem(
            "calendrier-hors-plan",
            f"l'action {ident} commence en {cal.debut}, avant la période du plan ({period})",
            (*base, "calendrier", "debut"),
            hint=hint,
            severity=WARNING,
        )
    if cal.fin is not None and annee_de(cal.fin) > plan.periode.fin:
        yield doc.problem(
            "calendrier-hors-plan",
            f"l'action {ident} finit en {cal.fin}, après la période du plan ({period})",
            (*base, "calendrier", "fin"),
            hint=hint,
            severity=WARNING,
        )


def _years(debut: int, fin: int) -> str:
    return f"{debut}" if debut == fin else f"les années {debut} à {fin}"


def overlapping_plans(ctx: Contexte) -> Iterator[Problem]:
    """A year is covered by one plan; a period that ends before it starts is an error.

    Two plans may overlap (a new plan voted before the old one ends): the activity of the
    years they share may then name the actions of both. It is said, on the later plan.
    """
    dated: list[tuple[PlanLu, int, int]] = []
    for lu in ctx.plans:
        if lu.debut is None or lu.fin is None:
            continue
        if lu.fin < lu.debut:
            yield lu.doc.problem(
                "dates-inversees",
                f"le plan finit ({lu.fin}) avant de commencer ({lu.debut})",
                ("periode", "fin"),
            )
        else:
            dated.append((lu, lu.debut, lu.fin))
    for i, first in enumerate(dated):
        for second in dated[i + 1 :]:
            (older, debut, fin), (later, debut2, fin2) = sorted(
                (first, second), key=lambda item: item[1]
            )
            shared = (max(debut, debut2), min(fin, fin2))
            if shared[0] > shared[1]:
                continue
            yield later.doc.problem(
                "plans-chevauchants",
                f"ce plan ({debut2}–{fin2}) et {older.name} ({debut}–{fin}) couvrent tous"
                f" deux {_years(*shared)}",
                ("periode", "debut"),
                hint="l'activité de ces années peut renvoyer aux actions des deux plans, mais"
                f" le bilan suit {later.name} ; si ce n'est pas voulu, corrigez l'une des"
                " deux périodes",
                severity=WARNING,
            )


def membership_dates(ctx: Contexte) -> Iterator[Problem]:
    """Members leave a body after they join it; the coordination's funding periods run forward."""
    if ctx.dossier.territoire is None:
        return
    doc, territoire = ctx.dossier.territoire
    for i, instance in enumerate(territoire.instances):
        for m, membre in enumerate(instance.membres):
            depuis, jusqu_a = membre.depuis, membre.jusqu_a
            if depuis is not None and jusqu_a is not None and jusqu_a < depuis:
                yield doc.problem(
                    "dates-inversees",
                    f"{membre.partenaire} quitte l'instance {instance.id} en {jusqu_a},"
                    f" avant d'y entrer en {depuis}",
                    ("instances", i, "membres", m, "jusqu_a"),
                    hint="échangez « depuis » et « jusqu_a », ou corrigez l'une des années",
                )
    if territoire.coordination is not None:
        for i, financeur in enumerate(territoire.coordination.financeurs):
            periode = financeur.periode
            if periode is not None and periode.fin < periode.debut:
                yield doc.problem(
                    "dates-inversees",
                    f"le financement de {financeur.partenaire} finit ({periode.fin}) avant de"
                    f" commencer ({periode.debut})",
                    ("coordination", "financeurs", i, "periode", "fin"),
                )


# ---------------------------------------------------------------- indicators and figures


def indicator_units(ctx: Contexte) -> Iterator[Problem]:
    """Targets have a unit; percentages stay between 0 and 100."""
    dossier = ctx.dossier
    for doc, plan in dossier.plans:
        for a, axe in enumerate(plan.axes):
            for o, obj in enumerate(axe.objectifs):
                for n, act in enumerate(obj.actions):
                    for i, ind in enumerate(act.indicateurs):
                        base: Path_ = ("axes", a, "objectifs", o, "actions", n, "indicateurs", i)
                        yield from _indicator_units(doc, ind, base)


def _indicator_units(doc: Document, ind: Indicateur, base: Path_) -> Iterator[Problem]:
    if ind.unite is None and (ind.cibles or ind.reference is not None):
        yield doc.problem(
            "unite-manquante",
            f"l'indicateur {ind.id} a une cible mais pas d'unité",
            base,
            hint="ajoutez « unite: pourcentage » (ou nombre, euros…)",
        )
    if ind.unite is Unite.POURCENTAGE:
        values: list[tuple[float, Path_]] = [
            (c.valeur, (*base, "cibles", k, "valeur")) for k, c in enumerate(ind.cibles)
        ]
        if ind.reference is not None:
            values.append((ind.reference.valeur, (*base, "reference", "valeur")))
        for value, path in values:
            if not 0 <= value <= 100:
                yield doc.problem(
                    "pourcentage-hors-bornes",
                    f"{value:g} n'est pas un pourcentage (entre 0 et 100)",
                    path,
                )
    if ind.calcul is not None and ind.unite is Unite.POURCENTAGE:
        yield doc.problem(
            "incoherence",
            f"l'indicateur {ind.id} est calculé ({ind.calcul}) : c'est un nombre, pas un taux",
            (*base, "unite"),
            hint="écrivez « unite: nombre »",
        )


def measurements(ctx: Contexte) -> Iterator[Problem]:
    """Recorded values respect their indicator: bounds, ratios, and agree with derivations."""
    dossier = ctx.dossier
    for doc, act in dossier.activites:
        by_id = {  # every plan of the year; the one the bilan follows wins
            ind.id: (action, ind)
            for _, plan in reversed(dossier.plans_pour(act.annee))
            for action, ind in plan.indicateurs()
        }
        for i, mesure in enumerate(act.mesures):
            if mesure.indicateur not in by_id:
                continue
            action, ind = by_id[mesure.indicateur]
            base: Path_ = ("mesures", i)
            ratio = mesure.numerateur is not None and mesure.denominateur is not None
            if ratio and ind.unite not in (None, Unite.POURCENTAGE):
                yield doc.problem(
                    "incoherence",
                    f"un numérateur et un dénominateur pour {ind.id}, qui est en {ind.unite}",
                    base,
                    hint="un taux a « unite: pourcentage » dans le plan",
                )
            if ratio and mesure.numerateur > mesure.denominateur:  # type: ignore[operator]
                yield doc.problem(
                    "numerateur-superieur",
                    f"le numérateur ({mesure.numerateur:g}) dépasse le dénominateur"
                    f" ({mesure.denominateur:g})",
                    (*base, "numerateur"),
                    hint="un taux ne dépasse pas 100 % : les deux nombres sont-ils inversés ?",
                    severity=Gravite.ERREUR if compute.est_taux(ind) else WARNING,
                )
            if (
                mesure.valeur is not None
                and compute.est_taux(ind)
                and not 0 <= mesure.valeur <= 100
            ):
                yield doc.problem(
                    "pourcentage-hors-bornes",
                    f"{mesure.valeur:g} n'est pas un pourcentage (entre 0 et 100)",
                    (*base, "valeur"),
                )
            if ind.calcul is not None and mesure.valeur is not None:
                derived = compute.valeur_calculee(ind, action.id, act)
                if derived and derived != mesure.valeur:
                    yield doc.problem(
                        "mesure-et-calcul",
                        f"{ind.id} vaut {mesure.valeur:g} ici, mais {derived:g} d'après les"
                        " réalisations de l'année",
                        (*base, "valeur"),
                        hint="la valeur saisie l'emporte : supprimez-la si le calcul est juste",
                        severity=WARNING,
                    )


def typed_totals(ctx: Contexte) -> Iterator[Problem]:
    """Totals clsm computes are not typed again, or at least agree."""
    dossier = ctx.dossier
    for doc, act in dossier.activites:
        for i, r in enumerate(act.realisations):
            base: Path_ = ("realisations", i)
            for k, seance in enumerate(r.seances):
                if seance.participants is not None and seance.repartition:
                    total = sum(p.participants for p in seance.repartition)
                    same = total == seance.participants
                    message = (
                        f"« participants » est saisi ({total}) alors que clsm fait la somme de"
                        " la répartition"
                        if same
                        else f"la séance compte {seance.participants} participants, mais sa"
                        f" répartition en fait {total}"
                    )
                    yield doc.problem(
                        "chiffre-en-double" if same else "incoherence",
                        message,
                        (*base, "seances", k, "participants"),
                        hint="supprimez « participants » : clsm fait la somme",
                        severity=WARNING if same else Gravite.ERREUR,
                    )
            if (
                r.inscrits is not None
                and r.participants is not None
                and r.participants > r.inscrits
            ):
                yield doc.problem(
                    "incoherence",
                    f"{r.participants} participants pour {r.inscrits} inscrits",
                    (*base, "participants"),
                    severity=WARNING,
                )


# ---------------------------------------------------------------- texts left from clsm init


PLACEHOLDERS = Path(__file__).parent / "templates" / "init" / "a-remplacer.txt"
"""The example texts `clsm init` writes, listed next to its templates."""


@functools.cache
def _placeholders() -> re.Pattern[str]:
    lines = PLACEHOLDERS.read_text(encoding="utf-8").splitlines()
    texts = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return re.compile("|".join(re.escape(text) for text in texts))


def _texts(value: Any, path: Path_) -> Iterator[tuple[str, Path_]]:
    if isinstance(value, str):
        yield value, path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, (*path, i))


def placeholders(ctx: Contexte) -> Iterator[Problem]:
    """No example text of `clsm init` is left: it would be printed in the bilan as is."""
    pattern = _placeholders()
    for doc in ctx.dossier.documents:
        if doc.data is None or pattern.search(doc.text) is None:
            continue  # most files: one search of the text, no walk
        for text, path in _texts(doc.data, ()):
            found = pattern.search(text)
            if found is not None:
                yield doc.problem(
                    "texte-exemple",
                    f"« {found.group()} » est un texte d'exemple écrit par clsm init",
                    path,
                    hint="remplacez-le par le vôtre : tel quel, il serait imprimé dans le bilan",
                    severity=WARNING,
                )


# ---------------------------------------------------------------- what could not be checked


_UNCHECKED = {
    "territoire": "ses renvois aux partenaires, ses instances en double, les dates de ses"
    " membres et de ses financements",
    "partenaires": "les structures parentes (parent), les partenaires en double",
    "plan": "les renvois de ses actions aux partenaires, leurs calendriers, les cibles et"
    " unités de ses indicateurs, les mesures de l'activité qui s'y rapportent",
    "activite": "ses renvois aux actions, aux indicateurs, aux instances et aux partenaires,"
    " ses dates, ses totaux et ses mesures",
}


def skipped_checks(ctx: Contexte) -> Iterator[Problem]:
    """For each file that has errors, which cross-checks could not be made, and why."""
    for kind, doc in ctx.dossier.invalides:
        unchecked = [_UNCHECKED[kind]]
        if kind == "partenaires" and ctx.partenaires is not None and not ctx.partenaires.complete:
            unchecked.append("tous les renvois aux partenaires (des identifiants ne se lisent pas)")
        elif kind == "territoire":
            readable = ctx.instances is not None and ctx.instances.complete
            if not readable and any(act.reunions for _, act in ctx.dossier.activites):
                unchecked.append("les instances des réunions de l'activité")
        elif kind == "plan":
            lu = next(lu for lu in ctx.plans if lu.doc is doc)
            if not lu.known_period:
                unchecked.append(
                    "les années d'activité couvertes par un plan, et les renvois de l'activité"
                    " aux actions, aux indicateurs et aux axes"
                )
            elif any(lu.couvre(act.annee) for _, act in ctx.dossier.activites):
                unchecked.append(
                    "les renvois de l'activité aux actions, aux indicateurs et aux axes qui"
                    " n'y sont pas trouvés"
                )
        reason = (
            "ce fichier ayant des erreurs" if doc.data is not None else "ce fichier étant illisible"
        )
        yield Problem(
            "verification-incomplete",
            f"vérifications croisées non faites, {reason} : {' ; '.join(unchecked)}",
            doc.file,
            hint="corrigez d'abord ses erreurs : clsm validate fera alors ces vérifications",
            severity=Gravite.INFO,
        )


RULES: tuple[Rule, ...] = (
    unique_ids,
    numbering,
    partner_references,
    activity_references,
    activity_years,
    plan_periods,
    overlapping_plans,
    membership_dates,
    indicator_units,
    measurements,
    typed_totals,
    placeholders,
    *figure_checks.RULES,
    skipped_checks,
)
