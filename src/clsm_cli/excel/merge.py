"""Importing a grid into an existing territory: the plan merged, the directory added to.

The existing file is read with ruamel.yaml's round-trip mode and changed in place, so that
its comments stay where they are: fields the grid changed are updated, axes, objectives,
actions and indicators it adds are added, and what the grid does not mention is kept. A
field the grid states and leaves empty (an emptied cell) is removed, and said. Items the
grid leaves out are kept, and said. Before anything is written the comments of the result
are compared with the original's: one lost without being part of a removed field stops the
import, and nothing is written.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from ..problems import ClsmError, Problem
from ..writing.yaml_text import round_trip
from .sheet import FUSION, remarque

CHILDREN = {"plan": ("axes", "axe"), "axe": ("objectifs", "objectif")}
CHILDREN.update(objectif=("actions", "action"), action=("indicateurs", "indicateur"))
NOMS = {
    "axe": ("l'axe", "ajouté", "absent de la grille, est gardé"),
    "objectif": ("l'objectif", "ajouté", "absent de la grille, est gardé"),
    "action": ("l'action", "ajoutée", "absente de la grille, est gardée"),
    "indicateur": ("l'indicateur", "ajouté", "absent de la grille, est gardé"),
}


def _yaml() -> YAML:
    yaml = round_trip()
    yaml.preserve_quotes = True  # the file's `id: "1.1"` stays as it is
    return yaml


def _load(texte: str, fichier: str) -> Any:
    """The round-trip tree of a YAML text, or a refusal naming the file."""
    try:
        return _yaml().load(texte)
    except YAMLError as exc:
        raise ClsmError(
            f"{fichier} ne se relit pas pour y fusionner la grille ({exc.__class__.__name__})",
            hint="lancez clsm validate et corrigez-le d'abord",
        ) from None


def _dump(tree: Any) -> str:
    buffer = io.StringIO()
    _yaml().dump(tree, buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- comments


def _tokens(slot: Any) -> Iterator[CommentToken]:
    if isinstance(slot, CommentToken):
        yield slot
    elif isinstance(slot, list):
        for item in slot:
            yield from _tokens(item)


def _lines(token_text: str) -> list[str]:
    return [line.strip() for line in token_text.split("\n") if line.strip().startswith("#")]


def _comments(node: Any) -> Counter[str]:
    """Every comment of a round-trip tree, as stripped lines (a multiset)."""
    found: Counter[str] = Counter()
    if isinstance(node, CommentedMap | CommentedSeq):
        ca = node.ca
        for token in _tokens([ca.comment, list(ca.items.values()), ca.end]):
            found.update(_lines(token.value))
        values = node.values() if isinstance(node, CommentedMap) else node
        for value in values:
            found.update(_comments(value))
    return found


def _block(value: Any) -> bool:
    return isinstance(value, LiteralScalarString | FoldedScalarString)


def _last_slot(container: Any, key: Any) -> tuple[Any, Any, int]:
    """Where ruamel keeps the comments that follow the value at `container[key]`."""
    value = container[key]
    if isinstance(value, CommentedMap | CommentedSeq) and len(value) > 0:
        last = next(reversed(value)) if isinstance(value, CommentedMap) else len(value) - 1
        return _last_slot(value, last)
    return container, key, 2 if isinstance(container, CommentedMap) else 0


def _take_trailing(container: Any, key: Any, keep_eol: bool = False) -> tuple[str, str]:
    """Detach the comment after a value: (its end-of-line comment, the lines below it).

    With `keep_eol` the end-of-line comment stays where it is; only the lines below move.
    """
    holder, where, index = _last_slot(container, key)
    slot = holder.ca.items.get(where)
    if not slot or len(slot) <= index or not isinstance(slot[index], CommentToken):
        return "", ""
    token = slot[index]
    if _block(holder[where]):
        eol, rest = "", token.value
    else:
        eol, _, rest = token.value.partition("\n")
    if keep_eol and eol:
        token.value = eol + "\n"
    else:
        slot[index] = None
    return eol, rest


def _put_trailing(container: Any, key: Any, rest: str) -> None:
    """Attach comment lines after the value at `container[key]` (after any already there)."""
    if not rest:
        return
    holder, where, index = _last_slot(container, key)
    slot = holder.ca.items.setdefault(where, [None, None, None, None])
    while len(slot) <= index:
        slot.append(None)
    token = slot[index]
    if isinstance(token, CommentToken):
        token.value = token.value + rest
        return
    text = rest if _block(holder[where]) else "\n" + rest
    slot[index] = CommentToken(text, CommentMark(0))


def _commented(value: Any) -> Any:
    """Plain data as round-trip nodes, so that comments can be attached to it."""
    if isinstance(value, dict):
        node = CommentedMap()
        for k, v in value.items():
            node[k] = _commented(v)
        return node
    if isinstance(value, list):
        return CommentedSeq(_commented(v) for v in value)
    return value


# ---------------------------------------------------------------- the merge


@dataclass(slots=True)
class Fusion:
    """A merge in progress: what it changed, and the comments that leave with removed fields."""

    fichier: str
    exprimes: dict[str, set[str]]
    remarques: list[Problem] = field(default_factory=list)
    retires: Counter[str] = field(default_factory=Counter)
    modifies: int = 0

    def note(self, node: Any, message: str) -> None:
        line = getattr(getattr(node, "lc", None), "line", None)
        where = line + 1 if isinstance(line, int) else None
        self.remarques.append(remarque(FUSION, message, self.fichier, line=where))

    def niveau(
        self, old: CommentedMap, norm: dict[str, Any], new: dict[str, Any], level: str
    ) -> None:
        """Merge one axis, objective, action or indicator (or the plan itself)."""
        children = CHILDREN.get(level)
        skip = {children[0]} if children else set()
        self.champs(old, norm, new, self.exprimes.get(level, set()), skip, level)
        if children and (level != "action" or "indicateurs" in self.exprimes.get("action", ())):
            key, child = children
            self.elements(old, key, norm.get(key, []), new.get(key, []), child)

    def champs(
        self,
        old: CommentedMap,
        norm: dict[str, Any],
        new: dict[str, Any],
        exprimes: set[str] | None,
        skip: set[str],
        level: str,
    ) -> None:
        """Fields of a mapping: `exprimes` None means every key is stated."""
        for key, value in new.items():
            if key in skip or (exprimes is not None and key not in exprimes):
                continue
            if key not in old:
                old[key] = _commented(value)
                self.modifies += 1
            elif norm.get(key) != value:
                self.valeur(old, key, norm.get(key), value)
        for key in list(old):
            stated = exprimes is None or key in exprimes
            if key in skip or key in new or not stated or key not in norm:
                continue
            self.retirer(old, key, level)

    def valeur(self, container: Any, key: Any, norm: Any, new: Any) -> None:
        old = container[key]
        if isinstance(old, CommentedMap) and isinstance(new, dict) and isinstance(norm, dict):
            self.champs(old, norm, new, None, set(), "")
            return
        if isinstance(old, CommentedSeq) and isinstance(new, list) and isinstance(norm, list):
            self.liste(old, norm, new)
            return
        self.modifies += 1
        self.remplacer(container, key, new)

    def liste(self, old: CommentedSeq, norm: list[Any], new: list[Any]) -> None:
        """A plain list (prerequis, financements…) updated item by item, comments kept."""
        if not new:
            return
        _, rest = _take_trailing(old, len(old) - 1, keep_eol=True) if old else ("", "")
        for index, value in enumerate(new[: len(old)]):
            before = norm[index] if index < len(norm) else None
            if before != value:
                self.valeur(old, index, before, value)
        while len(old) > len(new):
            self.retires.update(_comments(CommentedSeq([old[-1]])))
            for token in _tokens(old.ca.items.pop(len(old) - 1, None)):
                self.retires.update(_lines(token.value))
            del old[-1]
            self.modifies += 1
        for value in new[len(old) :]:
            old.append(_commented(value))
            self.modifies += 1
        _put_trailing(old, len(old) - 1, rest)

    def remplacer(self, container: Any, key: Any, new: Any) -> None:
        """Replace a value; comments inside the old one leave with it, those after it stay."""
        old = container[key]
        scalar = not isinstance(old, CommentedMap | CommentedSeq)
        eol, rest = _take_trailing(container, key, keep_eol=scalar)
        if not scalar:
            self.retires.update(_lines(eol))
        self.retires.update(_comments(old))
        container[key] = _commented(new)
        _put_trailing(container, key, rest)

    def retirer(self, old: CommentedMap, key: str, level: str) -> None:
        """Remove a field the grid left empty; the comments below it move up."""
        keys = list(old)
        position = keys.index(key)
        eol, rest = _take_trailing(old, key)
        self.retires.update(_lines(eol))
        self.retires.update(_comments(old[key]))
        for token in _tokens(old.ca.items.pop(key, None)):
            self.retires.update(_lines(token.value))
        if rest and position == 0:
            raise ClsmError(
                f"{self.fichier} : le champ « {key} » vidé dans la grille porte des"
                " commentaires qui seraient perdus : rien n'a été écrit",
                hint="déplacez ces commentaires, ou retirez le champ à la main",
            )
        ident = old.get("id")
        del old[key]
        if rest:
            _put_trailing(old, keys[position - 1], rest)
        what = f" de {NOMS[level][0]} {ident}" if level in NOMS and ident else ""
        self.note(old, f"« {key} »{what} retiré : vide dans la grille")
        self.modifies += 1

    def elements(
        self,
        parent: CommentedMap,
        key: str,
        norms: list[dict[str, Any]],
        news: list[dict[str, Any]],
        level: str,
    ) -> None:
        """Axes, objectives, actions or indicators, matched by id (indicators also by label)."""
        nom, ajoute, garde = NOMS[level]
        if key not in parent or not isinstance(parent[key], CommentedSeq):
            if news:
                parent[key] = _commented(news)
                for item in news:
                    self.note(parent, f"{nom} {item['id']} {ajoute}")
            return
        seq: CommentedSeq = parent[key]
        pairs = list(zip(seq, norms, strict=False))
        matched: set[int] = set()
        position = -1
        for item in news:
            index = None
            if level == "indicateur":
                # A grid names indicators by their label; an id may have been guessed.
                index = next(
                    (
                        i
                        for i, (_, n) in enumerate(pairs)
                        if i not in matched and n.get("libelle") == item.get("libelle")
                    ),
                    None,
                )
                if index is not None:
                    item = {**item, "id": pairs[index][1]["id"]}
            if index is None:
                index = next(
                    (i for i, (_, n) in enumerate(pairs) if n.get("id") == item["id"]),
                    None,
                )
            if index is None or index in matched:
                node = _commented(item)
                place = position + 1
                _, rest = _take_trailing(seq, place - 1, keep_eol=True) if place else ("", "")
                if place == len(seq):
                    seq.append(node)
                else:
                    seq.insert(place, node)
                _put_trailing(seq, place, rest)
                pairs.insert(place, (node, item))
                matched = {i + 1 if i >= place else i for i in matched} | {place}
                position = place
                self.note(seq[place - 1] if place else parent, f"{nom} {item['id']} {ajoute}")
                self.modifies += 1
                continue
            matched.add(index)
            position = index
            self.niveau(pairs[index][0], pairs[index][1], item, level)
        for index, (node, norm) in enumerate(pairs):
            if index not in matched:
                self.note(node, f"{nom} {norm.get('id')}, {garde}")


def merge_plan(
    texte: str,
    ancien: dict[str, Any],
    nouveau: dict[str, Any],
    exprimes: dict[str, set[str]],
    fichier: str,
) -> tuple[str, list[Problem]]:
    """The text of the existing plan with the imported plan merged in, and what changed.

    `ancien` is the existing plan as its model dumps it (the values clsm reads), `nouveau`
    the imported one; `texte` is the file, whose comments are kept.
    """
    tree = _load(texte, fichier)
    before = _comments(tree)
    fusion = Fusion(fichier, exprimes)
    fusion.niveau(tree, ancien, nouveau, "plan")
    result = _dump(tree)
    after = _comments(_load(result, fichier))
    lost = before - fusion.retires - after
    if lost:
        comment = next(iter(lost))
        raise ClsmError(
            f"{fichier} : le commentaire « {comment} » serait perdu en y fusionnant la grille :"
            " rien n'a été écrit",
            hint="déplacez ce commentaire au-dessus de son axe ou de son action, puis relancez",
        )
    for comment in sorted((before - after).elements()):
        fusion.remarques.append(
            remarque(FUSION, f"commentaire « {comment} » retiré avec son champ", fichier)
        )
    if fusion.modifies:
        fusion.remarques.append(
            remarque(
                FUSION,
                f"{fusion.modifies} changement{'s' if fusion.modifies > 1 else ''} de la grille"
                " reporté" + ("s" if fusion.modifies > 1 else "") + ", commentaires gardés",
                fichier,
            )
        )
    else:
        fusion.remarques.append(remarque(FUSION, "aucun changement", fichier))
    return result, fusion.remarques


def append_partners(texte: str, nouveaux: list[dict[str, Any]], fichier: str) -> str:
    """The directory's text with partners appended at the end of its list, comments kept."""
    tree = _load(texte, fichier)
    before = _comments(tree)
    partenaires = tree.get("partenaires") if isinstance(tree, CommentedMap) else None
    if not isinstance(partenaires, CommentedSeq):
        raise ClsmError(f"{fichier} n'a pas de liste « partenaires » où ajouter les nouveaux")
    for partner in nouveaux:
        partenaires.append(_commented(partner))
    result = _dump(tree)
    if _comments(_load(result, fichier)) != before:
        raise ClsmError(
            f"{fichier} : un commentaire serait perdu en y ajoutant des partenaires :"
            " rien n'a été écrit"
        )
    return result
