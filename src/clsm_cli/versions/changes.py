"""A change said in the plan's own terms (`Changement`, the items of `--format json`), and
what every comparison shares: field labels, fields changed with before and after (a word-level
diff for long text), values in an indicator's unit, and the pairing of two versions by key
(added, removed, kept) that every comparison walks."""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from ..french.agreement import accorde, verbe
from ..french.dates import du
from ..french.formatting import date_fr, en_unite, nombre, repartition_fr
from ..models.plan import Indicateur
from ..models.publics import DIMENSIONS
from .labels import ENTREES, Entree, libelle, valeur

WORDS_CONTEXT = 4
LONG_TEXT = 60


@dataclass(frozen=True, slots=True)
class Changement:
    """One change, said in French, with before and after when there are."""

    fichier: str
    objet: str
    nature: str
    message: str
    avant: Any = None
    apres: Any = None
    mots: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return asdict(self)


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
Sortable = TypeVar("Sortable", str, int)


@dataclass(frozen=True, slots=True)
class Pairing(Generic[K, V]):
    """Two versions of a collection matched by key (an id, a file name…)."""

    added: list[tuple[K, V]]
    """Only in the new version, in its order."""
    removed: list[tuple[K, V]]
    """Only in the old version, in its order."""
    kept: list[tuple[K, V, V]]
    """In both, as (key, before, after), in the new version's order unless asked otherwise."""


def pair(old: Mapping[K, V], new: Mapping[K, V], *, old_order: bool = False) -> Pairing[K, V]:
    """What was added, removed and kept between two versions keyed alike.

    Every list follows the order of a version, never of hashing, so the output is the same on
    every run: items as the plan lists them. `old_order` lists the kept items in the old
    version's order (actions: their renumberings come after, in the old order too).
    """
    kept_keys = [key for key in (old if old_order else new) if key in old and key in new]
    return Pairing(
        added=[(key, value) for key, value in new.items() if key not in old],
        removed=[(key, value) for key, value in old.items() if key not in new],
        kept=[(key, old[key], new[key]) for key in kept_keys],
    )


def pair_sets(old: Iterable[str], new: Iterable[str]) -> Pairing[str, str]:
    """`pair` for plain labels (members, meetings): added and removed in alphabetical order."""
    return pair({x: x for x in sorted(set(old))}, {x: x for x in sorted(set(new))})


def side_by_side(
    old: Mapping[Sortable, V], new: Mapping[Sortable, V]
) -> Iterator[tuple[Sortable, V | None, V | None]]:
    """Every key of either version in sorted order, with its value on each side (None where
    absent): for files and years, where additions, removals and changes are told in turn."""
    for key in sorted(old.keys() | new.keys()):
        yield key, old.get(key), new.get(key)


def word_diff(before: str, after: str, markdown: bool = False) -> str:
    """`… une [-ancienne-] {+nouvelle+} phrase …`: only the changed words, with context."""
    a, b = before.split(), after.split()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    parts: list[str] = []
    ops = matcher.get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(ops):
        if op == "equal":
            words = a[i1:i2]
            first, last = index == 0, index == len(ops) - 1
            if first and len(words) > WORDS_CONTEXT:
                words = ["…", *words[-WORDS_CONTEXT:]]
            elif last and len(words) > WORDS_CONTEXT:
                words = [*words[:WORDS_CONTEXT], "…"]
            elif len(words) > 2 * WORDS_CONTEXT:
                words = [*words[:WORDS_CONTEXT], "…", *words[-WORDS_CONTEXT:]]
            parts.append(" ".join(words))
            continue
        if i2 > i1:
            removed = " ".join(a[i1:i2])
            parts.append(f"~~{removed}~~" if markdown else f"[-{removed}-]")
        if j2 > j1:
            added = " ".join(b[j1:j2])
            parts.append(f"**{added}**" if markdown else f"{{+{added}+}}")
    return " ".join(parts)


def _text(value: Any) -> str:
    if value is None or value == []:
        return "(vide)"
    if isinstance(value, list):
        return " ; ".join(_text(v) for v in value)
    if isinstance(value, dict):  # a breakdown: `professionnels 28, elus 4`
        return ", ".join(f"{_text(k)} {_text(v)}" for k, v in value.items()) or "(vide)"
    if isinstance(value, BaseModel):
        data = value.model_dump(mode="json", exclude_defaults=True)
        return ", ".join(f"{k} {_item_text(k, getattr(value, k))}" for k in data)
    if isinstance(value, float):
        return nombre(value)
    return str(valeur(value))


def _item_text(name: str, value: Any) -> str:
    """A field of an entry told whole (`séance ajoutée : date 3 juin 2022, participants 8`):
    a date as French says it."""
    return date_fr(value) if name == "date" and isinstance(value, str) else _text(value)


def rewritten(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    """The long texts of a list rewritten from one version to the next (a target raised
    inside a sentence of `resultats_attendus`): each text gone paired, in order, with the
    text come that shares most of its words, when at least half; short items (ids) never."""
    gone = [x for x in old if x not in new and len(x) > LONG_TEXT]
    came = [x for x in new if x not in old and len(x) > LONG_TEXT]
    pairs: list[tuple[str, str]] = []
    for before in gone:
        scored = [
            (difflib.SequenceMatcher(a=before.split(), b=after.split()).ratio(), after)
            for after in came
        ]
        best = max(scored, default=None)
        if best is not None and best[0] >= 0.5:
            pairs.append((before, best[1]))
            came.remove(best[1])
    return pairs


def word_diffs(before: Any, after: Any, markdown: bool = False) -> str:
    """The word diff of a long text, or of each text of a list rewritten, one a line."""
    if isinstance(before, list) and isinstance(after, list):
        return "\n".join(word_diff(a, b, markdown) for a, b in rewritten(before, after))
    return word_diff(before, after, markdown)


def list_change(fichier: str, objet: str, label: str, old: list[str], new: list[str]) -> Changement:
    """A list of texts changed: the texts added and removed, and the words changed in each
    long text rewritten."""
    pairs = rewritten(old, new)
    paired = {text for pair in pairs for text in pair}
    gone = [x for x in old if x not in new and x not in paired]
    came = [x for x in new if x not in old and x not in paired]
    bits = [f"+ « {x} »" for x in came] + [f"− « {x} »" for x in gone]
    if not pairs:
        said = f"{label} — {' ; '.join(bits or ['ordre modifié'])}"
    else:
        said = f"changement dans {label}" + (f" — {' ; '.join(bits)}" if bits else "")
    return Changement(
        fichier,
        objet,
        "modification",
        f"{objet} : {said}",
        old,
        new,
        mots=word_diffs(old, new) if pairs else None,
    )


def field_changes(
    fichier: str,
    objet: str,
    before: BaseModel,
    after: BaseModel,
    skip: set[str] | frozenset[str],
    labels: Mapping[str, str] | None = None,
    entries_of: str | None = None,
) -> Iterator[Changement]:
    """Each field changed but those in `skip` (told elsewhere), named by `libelle`: a list of
    entries (`ENTREES`) entry by entry (said of `entries_of`, by default `objet`), a list of
    texts item by item, any other field with its before and after."""
    for name in type(before).model_fields:
        if name in skip:
            continue
        old, new = getattr(before, name), getattr(after, name)
        if old == new:
            continue
        label = libelle(name, labels)
        if name in ELEMENTS and isinstance(old, list) and isinstance(new, list):
            yield from _element_changes(fichier, objet, ELEMENTS[name], old, new)
        elif isinstance(old, list) and isinstance(new, list) and _entry(old + new) is not None:
            yield from entry_changes(fichier, objet if entries_of is None else entries_of, old, new)
        elif (
            isinstance(old, list)
            and isinstance(new, list)
            and all(isinstance(x, str) for x in old + new)
        ):
            yield list_change(
                fichier, objet, label, [valeur(x) for x in old], [valeur(x) for x in new]
            )
        elif isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > LONG_TEXT:
            yield Changement(
                fichier,
                objet,
                "modification",
                f"{objet} : {label} {accorde('modifié', label)}",
                old,
                new,
                mots=word_diff(old, new),
            )
        else:
            was, now = _field_text(name, old), _field_text(name, new)
            yield Changement(
                fichier,
                objet,
                "modification",
                f"{objet} : {label} {verbe(label, 'passe', 'passent')} de « {was} » à « {now} »",
                was,
                now,
            )


def _entry(items: list[Any]) -> Entree | None:
    """How the entries of a list are told, when they are all of a kind in `ENTREES`."""
    kinds = {type(item) for item in items}
    return ENTREES.get(kinds.pop()) if len(kinds) == 1 else None


def entry_changes(
    fichier: str, parent: str, old: list[Any], new: list[Any]
) -> Iterator[Changement]:
    """A list's entries paired by key (`ENTREES`): each added or removed (« saisine ajoutée :
    février 2026, Silène »), then each field changed in each kept (« saisine février 2026,
    Silène : le niveau passe de « 2 » à « 1 » »), said of `parent` when there is one."""
    entree = _entry(old + new)
    assert entree is not None
    paired = pair(_keyed(entree, old), _keyed(entree, new))
    prefix = f"{parent}, " if parent else ""
    for kind, items, said in (
        ("ajout", paired.added, "ajouté"),
        ("suppression", paired.removed, "retiré"),
    ):
        for key, item in items:
            text = entree.dit(item) + key.removeprefix(entree.cle(item))  # a rank: « (2e) »
            yield Changement(
                fichier,
                f"{prefix}{entree.nom} {key}",
                kind,
                f"{prefix}{entree.nom} {accorde(said, entree.nom)} : {text}",
                text if kind == "suppression" else None,
                text if kind == "ajout" else None,
            )
    for key, before, after in paired.kept:
        yield from field_changes(
            fichier, f"{prefix}{entree.nom} {key}", before, after, entree.champs_cle
        )


def _keyed(entree: Entree, items: list[Any]) -> dict[str, Any]:
    """Entries by key; a key given twice is told apart by its rank (`…, 2e`)."""
    keyed: dict[str, Any] = {}
    for item in items:
        key = entree.cle(item)
        rank = 1
        while key in keyed:
            rank += 1
            key = f"{entree.cle(item)} ({rank}e)"
        keyed[key] = item
    return keyed


ELEMENTS = {"seances": "la séance", "repartition": "la présence", "pieces": "la pièce"}
"""Lists of entries whose changes are said entry by entry: « séance ajoutée : … »."""


def _element_changes(
    fichier: str, objet: str, element: str, old: list[Any], new: list[Any]
) -> Iterator[Changement]:
    """Each entry of a list added or removed, in the list's order; a séance kept on its date
    (the one of that day on either side) is told field by field (« séance du 9 février
    2024 : les participants passent de « 15 » à « 17 » »), any other changed entry as
    removed and added."""
    nom = element.split(" ", 1)[1] if " " in element else element.removeprefix("l'")
    if element == ELEMENTS["seances"]:
        for before, after in _same_day(old, new):
            yield from field_changes(
                fichier, f"{objet}, séance {du(before.date)}", before, after, {"date"}
            )
            old = [x for x in old if x is not before]
            new = [x for x in new if x is not after]
    for kind, items, others, said in (
        ("suppression", old, new, "supprimé"),
        ("ajout", new, old, "ajouté"),
    ):
        for item in items:
            if item in others:
                continue
            text = _text(item)
            yield Changement(
                fichier,
                objet,
                kind,
                f"{objet} : {nom} {accorde(said, element)} : {text}",
                text if kind == "suppression" else None,
                text if kind == "ajout" else None,
            )


def _same_day(old: list[Any], new: list[Any]) -> list[tuple[Any, Any]]:
    """The séances changed but kept on their date: each the only one of its day on both
    sides."""

    def by_day(items: list[Any]) -> dict[str, Any]:
        days: dict[str, list[Any]] = {}
        for item in items:
            days.setdefault(item.date, []).append(item)
        return {day: found[0] for day, found in days.items() if len(found) == 1}

    before, after = by_day(old), by_day(new)
    return [
        (before[day], after[day]) for day in before if day in after and before[day] != after[day]
    ]


def _field_text(name: str, value: Any) -> str:
    """A field's value in words: a breakdown as the bilan says it (`70 habitants et 20
    professionnels`), anything else by `_text`."""
    if name in DIMENSIONS and isinstance(value, dict) and value:
        return repartition_fr(name, value)
    if name in _EUROS and isinstance(value, int | float):
        return en_unite(value, "euros")
    return _text(value)


_EUROS = frozenset({"montant"})
"""Fields that hold an amount in euros (`montant` of a budget line, an expense, a funder)."""


def in_unit(indicateur: Indicateur, value: float) -> str:
    """A value as the indicator counts it, with its unit: `83,3 %`, `14 500 €`, `22,5 h`."""
    unite = indicateur.unite.value if indicateur.unite is not None else None
    return en_unite(value, unite, 1)
