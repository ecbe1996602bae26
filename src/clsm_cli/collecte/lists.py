"""The form's drop-down lists: what a cell shows (a label) for each value the file holds.

An action shows as `1.2.2 — Former les acteurs`, a partner by its name (that year's), a
type or a status by its French label, a réalisation by its title and date. The lists are
written on the form's hidden sheet « Listes », each label beside its value, and read back
from there: the form reads as it was made even if the territory has changed since.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..excel.fields import normalise
from ..models.activite import LIBELLES_TYPES_REALISATIONS
from ..models.partenaires import Partenaire
from ..models.plan import LIBELLES_STATUTS, Action, Indicateur
from ..models.publics import LIBELLES_PUBLICS, NOMS_PUBLICS
from ..models.territoire import Instance
from ..validation.dossier import Dossier
from .layout import Genre

LISTS: dict[str, str] = {
    "actions": "Actions",
    "partenaires": "Partenaires",
    "types": "Types",
    "statuts": "Statuts",
    "instances": "Instances",
    "realisations": "Réalisations",
    "indicateurs": "Indicateurs",
    "publics": "Publics",
    "tranches": "Tranches d'âge",
}
"""Each list's name, and its header on the Listes sheet (two columns: label, value)."""

HORS_ANNUAIRE = "(hors annuaire)"
"""After a structure named in words whose name is also a partner's of the directory: the
file names it in words (`structure:`), not as that partner."""

LIST_OF: dict[Genre, str] = {
    Genre.ACTION: "actions",
    Genre.PARTENAIRE: "partenaires",
    Genre.PARTENAIRES: "partenaires",
    Genre.STRUCTURE: "partenaires",
    Genre.TYPE: "types",
    Genre.STATUT: "statuts",
    Genre.INSTANCE: "instances",
    Genre.REALISATION: "realisations",
    Genre.INDICATEUR: "indicateurs",
    Genre.PUBLIC: "publics",
    Genre.TRANCHE: "tranches",
}
"""The list a column's values come from."""


@dataclass(slots=True)
class Listes:
    """Each list: its labels, in order, and the value each stands for."""

    valeurs: dict[str, dict[str, str]] = field(default_factory=lambda: {name: {} for name in LISTS})
    _labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def add(self, name: str, label: str, value: str, twin: str | None = None) -> None:
        """Add a value under a label made unique: `label [twin]` (by default, the value)
        after a namesake, then `label [2]`."""
        labels = self.valeurs[name]
        unique = label if label not in labels else f"{label} [{twin or value}]"
        n = 2
        while unique in labels:
            unique, n = f"{label} [{n}]", n + 1
        labels[unique] = value
        self._labels.setdefault(name, {}).setdefault(value, unique)

    def label(self, name: str, value: str) -> str:
        """What a cell shows for a value (the value itself when the list lacks it)."""
        if name not in self._labels:
            self._labels[name] = {}
            for label, v in self.valeurs[name].items():
                self._labels[name].setdefault(v, label)
        return self._labels[name].get(value, value)


def one_line(text: str) -> str:
    """A text on one line (a drop-down shows one line)."""
    return " ".join(text.split())


def action_label(action: Action) -> str:
    return f"{action.id} — {one_line(action.titre)}"


def indicator_label(indicateur: Indicateur) -> str:
    return f"{indicateur.id} — {one_line(indicateur.libelle)}"


def partner_label(partner: Partenaire, annee: int) -> str:
    """A partner's name that year, with its acronym when the name lacks it."""
    named = partner.en(annee)
    sigle = named.sigle
    if sigle and sigle.casefold() not in named.nom.casefold():
        return f"{one_line(named.nom)} ({sigle})"
    return one_line(named.nom)


def date_label(date: str) -> str:
    """`2022-05-06` → `06/05/2022`, `2022-05` → `05/2022`, `2022` stays."""
    return "/".join(reversed(date.split("-")))


def build_lists(
    annee: int,
    actions: Iterable[Action],
    indicateurs: Iterable[Indicateur],
    partenaires: Iterable[Partenaire],
    instances: Iterable[Instance],
    realisations: Iterable[tuple[str, str, str]],
    tranches: Iterable[str] = (),
) -> Listes:
    """The lists of a form: `realisations` are (key, title, date) of those it names,
    `tranches` the age bands the territory uses."""
    listes = Listes()
    for action in actions:
        listes.add("actions", action_label(action), action.id)
    for indicateur in indicateurs:
        listes.add("indicateurs", indicator_label(indicateur), indicateur.id)
    for partner in partenaires:
        listes.add("partenaires", partner_label(partner, annee), partner.id)
    for kind, label in LIBELLES_TYPES_REALISATIONS.items():
        listes.add("types", label, kind.value)
    for statut, label in LIBELLES_STATUTS.items():
        listes.add("statuts", label, statut.value)
    for instance in instances:
        listes.add("instances", one_line(instance.nom), instance.id)
    for public, label in LIBELLES_PUBLICS.items():
        listes.add("publics", label, public.value)
    for band in tranches:
        listes.add("tranches", band, band)
    for key, titre, date in realisations:
        listes.add("realisations", f"{one_line(titre)} ({date_label(date)})", key, "2")
    return listes


# ---------------------------------------------------------------- reading back


@dataclass(frozen=True, slots=True)
class Lu:
    """What a cell names: a value, and whether it was guessed (not a label of the list nor
    an identifier)."""

    valeur: str | None
    devine: bool = False


_LEADING_ID = re.compile(r"^\s*(?P<id>[A-Za-z0-9][A-Za-z0-9._\-]*)(?:\s*[—–:\-]\s*|\s+|$)")


class Vocabulaire:
    """The form's lists, and the territory's own names for the same things (a partner's
    acronym, an action's number alone): what a cell says, turned back into a value."""

    def __init__(self, listes: Listes, alias: dict[str, dict[str, str]]) -> None:
        self.listes = listes
        self.alias = alias
        self.ids = {name: set(alias.get(name, {}).values()) for name in LISTS}
        self._normalised: dict[str, dict[str, str]] = {}

    def normalised(self, name: str) -> dict[str, str]:
        """A list's labels and the territory's names, accents, case and punctuation aside
        (made when the list is first read: a form of 2,000 actions reads few lists)."""
        if name not in self._normalised:
            self._normalised[name] = {
                **{normalise(k): v for k, v in self.alias.get(name, {}).items()},
                **{normalise(label): v for label, v in self.listes.valeurs[name].items()},
            }
        return self._normalised[name]

    def proche(self, name: str, text: str) -> str | None:
        """What a cell naming nothing of a list may have meant, as the list says it: the one
        label that begins with or holds what was typed (« Maison de la Métropole » for « …
        de Villeurbanne »), else the closest label."""
        from ..validation.expected import nearest  # only for a cell in error

        labels = list(self.listes.valeurs[name])
        typed = normalise(text)
        holding = [label for label in labels if typed in normalise(label)]
        if len(typed) >= 4 and holding:  # several: which one is not for clsm to say
            return holding[0] if len(holding) == 1 else None
        return nearest(text, labels)

    def read(self, name: str, text: str) -> Lu:
        """The value a cell names in a list, or Lu(None) when it names none."""
        labels = self.listes.valeurs[name]
        if text in labels:
            return Lu(labels[text])
        if text in self.ids[name] or text in labels.values():
            return Lu(text)
        exact = self.alias.get(name, {}).get(text)
        if exact is not None:  # a name the territory gives it, as written: no guess
            return Lu(exact)
        found = self.normalised(name).get(normalise(text))
        if found is not None:
            return Lu(found, devine=True)
        if name in ("actions", "indicateurs") and (match := _LEADING_ID.match(text)):
            ident = match["id"]
            if ident in self.ids[name] or ident in labels.values():
                return Lu(ident, devine=True)
        return Lu(None)


def aliases(
    annee: int,
    actions: Iterable[Action],
    indicateurs: Iterable[Indicateur],
    partenaires: Iterable[Partenaire],
    instances: Iterable[Instance],
) -> dict[str, dict[str, str]]:
    """The territory's names for each value: ids, titles, partners' names and acronyms
    (those of past years too)."""
    found: dict[str, dict[str, str]] = {name: {} for name in LISTS}
    for action in actions:
        found["actions"].update({action.id: action.id, action.titre: action.id})
    for indicateur in indicateurs:
        found["indicateurs"].update(
            {indicateur.id: indicateur.id, indicateur.libelle: indicateur.id}
        )
    shared: set[str] = set()
    for partner in partenaires:
        names = [partner.id, partner.nom, partner_label(partner, annee)]
        names += [n for n in (partner.sigle, *(a.nom for a in partner.anciens_noms)) if n]
        names += [a.sigle for a in partner.anciens_noms if a.sigle]
        for name in names:
            if found["partenaires"].setdefault(name, partner.id) != partner.id:
                shared.add(name)
    for name in shared:  # an acronym or a former name two partners share names neither
        del found["partenaires"][name]
    for instance in instances:
        found["instances"].update({instance.id: instance.id, instance.nom: instance.id})
    for kind, label in LIBELLES_TYPES_REALISATIONS.items():
        found["types"].update({kind.value: kind.value, label: kind.value})
    for statut, label in LIBELLES_STATUTS.items():
        found["statuts"].update({statut.value: statut.value, label: statut.value})
    for public, label in LIBELLES_PUBLICS.items():
        found["publics"].update({public.value: public.value, label: public.value})
        found["publics"].update({name: public.value for name in NOMS_PUBLICS[public]})
    return found


def territory_aliases(dossier: Dossier, annee: int) -> dict[str, dict[str, str]]:
    """`aliases` for a territory's year: its plan's actions and indicators, its directory,
    its bodies."""
    covering = dossier.plan_pour(annee)
    plan = covering[1] if covering else None
    territoire = dossier.territoire[1] if dossier.territoire else None
    return aliases(
        annee,
        [a for _, _, a in plan.actions()] if plan else [],
        [i for _, i in plan.indicateurs()] if plan else [],
        dossier.annuaire[1].partenaires if dossier.annuaire else [],
        territoire.instances if territoire else [],
    )
