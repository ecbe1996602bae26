"""What the rules see of a territory: its sound models, and what every file defines.

Most rules read the sound models of a `Dossier`; what only needs ids (numbering,
duplicates, the years a plan covers, what a reference may point at) is read here from the
raw data of every file, so that it is checked even in a file that has errors elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...loader import Document, Path_
from ...models.activite import Activite
from ...models.plan import Action, Indicateur, Plan
from ...problems import Gravite, Problem
from ..dossier import Dossier

WARNING = Gravite.AVERTISSEMENT


def raw_id(value: Any) -> str | None:
    """An identifier as written, from raw data (a number keeps its source text)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        raw = getattr(value, "raw", None)
        return raw if isinstance(raw, str) else str(value)
    return None


def walk(data: Any, pattern: tuple[str, ...], path: Path_ = ()) -> Iterator[tuple[Any, Path_]]:
    """The values at a pattern of keys in raw data (`*` for every entry of a list), with
    where each is."""
    if not pattern:
        yield data, path
        return
    step, rest = pattern[0], pattern[1:]
    if step == "*":
        if isinstance(data, list):
            for i, item in enumerate(data):
                yield from walk(item, rest, (*path, i))
    elif isinstance(data, dict) and step in data:
        yield from walk(data[step], rest, (*path, step))


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
        ident = raw_id(entry.get("id")) if isinstance(entry, dict) else None
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
        ident = raw_id(entry.get("id"))
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
    _indicateurs: dict[tuple[int, ...], dict[str, tuple[Action, Indicateur]]] = field(
        default_factory=dict
    )

    def indicateurs_de_l_annee(self, annee: int) -> dict[str, tuple[Action, Indicateur]]:
        """Every indicator of the sound plans covering a year, by id; the plan the bilan
        follows wins. Asked for each year's file: built once for each set of plans."""
        plans = self.dossier.plans_pour(annee)
        key = tuple(id(plan) for _, plan in plans)
        found = self._indicateurs.get(key)
        if found is None:
            found = self._indicateurs[key] = {
                ind.id: (action, ind)
                for _, plan in reversed(plans)
                for action, ind in plan.indicateurs()
            }
        return found

    def plans_pour(self, annee: int) -> list[PlanLu]:
        """The plan files whose period covers a year."""
        return [lu for lu in self.plans if lu.couvre(annee)]

    def missing_plan_hint(self, annee: int) -> str:
        """What to do about a year no plan covers."""
        if self.plans:
            return "ajoutez le plan de cette période, ou corrigez l'année"
        return (
            f"ajoutez le plan qui couvre {annee}, dans un fichier dont le nom commence par"
            f" « plan » (plan-{annee}-{annee + 4}.yaml)"
        )


def contexte(dossier: Dossier) -> Contexte:
    """What the rules need of a territory, read once."""
    sound = {id(doc) for doc, _ in dossier.plans}
    plans = [read_plan(doc, id(doc) in sound) for doc in dossier.read_as("plan")]
    partenaires = None
    if dossier.annuaire is not None:
        partenaires = Ids({p.id for p in dossier.annuaire[1].partenaires})
    elif dossier.has("partenaires"):
        partenaires = _raw_ids(dossier.read_as("partenaires")[0].data, "partenaires")
    instances = None
    if dossier.territoire is not None:
        instances = Ids({x.id for x in dossier.territoire[1].instances})
    elif dossier.has("territoire"):
        instances = _raw_ids(dossier.read_as("territoire")[0].data, "instances")
    return Contexte(dossier, plans, partenaires, instances)


Rule = Callable[[Contexte], Iterator[Problem]]


def actions_situees(plan: Plan) -> Iterator[tuple[Action, Path_]]:
    """Every action of a sound plan with where it is in its file, in plan order."""
    for a, axe in enumerate(plan.axes):
        for o, obj in enumerate(axe.objectifs):
            for n, act in enumerate(obj.actions):
                yield act, ("axes", a, "objectifs", o, "actions", n)


def indicateurs_situes(plan: Plan) -> Iterator[tuple[Indicateur, Path_]]:
    """Every indicator of a sound plan with where it is in its file, in plan order."""
    for act, base in actions_situees(plan):
        for i, ind in enumerate(act.indicateurs):
            yield ind, (*base, "indicateurs", i)


def partenaires_nommes(activite: Activite) -> Iterator[tuple[str, Path_]]:
    """Every partner a year's activity names, with where, in file order: those the bilan
    counts among the year's active partners (compute.partenaires_actifs)."""
    for i, r in enumerate(activite.realisations):
        for k, ident in enumerate(r.partenaires):
            yield ident, ("realisations", i, "partenaires", k)
        for s, seance in enumerate(r.seances):
            for k, presence in enumerate(seance.repartition):
                if presence.partenaire is not None:
                    path = ("realisations", i, "seances", s, "repartition", k, "partenaire")
                    yield presence.partenaire, path
    for i, reunion in enumerate(activite.reunions):
        for k, ident in enumerate(reunion.presents):
            yield ident, ("reunions", i, "presents", k)
    for i, saisine in enumerate(activite.saisines):
        if saisine.partenaire is not None:
            yield saisine.partenaire, ("saisines", i, "partenaire")
        for k, ident in enumerate(saisine.invites):
            yield ident, ("saisines", i, "invites", k)
