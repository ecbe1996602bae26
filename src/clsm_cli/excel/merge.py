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

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..french.agreement import accorde, compte
from ..problems import ClsmError, Problem
from ..writing.commented import (
    comment_lines,
    comment_tokens,
    commented,
    comments_of,
    dump_tree,
    put_trailing,
    take_trailing,
)
from ..writing.yaml_text import prepare, round_trip
from .sheet import FUSION, remarque

CHILDREN = {"plan": ("axes", "axe"), "axe": ("objectifs", "objectif")}
CHILDREN.update(objectif=("actions", "action"), action=("indicateurs", "indicateur"))
NESTED = {"oscars": "oscars", "financements": "financement"}
"""Fields whose mapping (or items' mappings) a grid may state only in part: `exprimes` says
which of their keys it states (`oscars` without a column for its publics, `financements`
without the sheet that gives their yearly budget)."""
NOMS = {
    "axe": ("l'axe", "ajouté", "absent de la grille, est gardé"),
    "objectif": ("l'objectif", "ajouté", "absent de la grille, est gardé"),
    "action": ("l'action", "ajoutée", "absente de la grille, est gardée"),
    "indicateur": ("l'indicateur", "ajouté", "absent de la grille, est gardé"),
    "partenaire": (
        "le partenaire",
        "ajouté à l'annuaire",
        "absent de la feuille Partenaires, est gardé",
    ),
}


def _named(level: str, item: Any) -> str:
    """An element as the remarks name it: its id (a partner: its name, then its id)."""
    if level == "partenaire":
        return f"« {item.get('nom')} » ({item.get('id')})"
    return str(item.get("id"))


def _of(level: str) -> str:
    """« de l'axe », « du partenaire »."""
    nom = NOMS[level][0]
    return f"du {nom[3:]}" if nom.startswith("le ") else f"de {nom}"


# ---------------------------------------------------------------- the merge


def load_tree(texte: str, fichier: str) -> Any:
    """The round-trip tree of a YAML text, or a refusal naming the file."""
    try:
        return round_trip().load(texte)
    except YAMLError as exc:
        raise ClsmError(
            f"{fichier} ne se relit pas pour y fusionner la grille ({exc.__class__.__name__})",
            hint="lancez clsm validate et corrigez-le d'abord",
        ) from None


@dataclass(slots=True)
class Merge:
    """A merge in progress: what it changed, and the comments that leave with removed fields."""

    fichier: str
    exprimes: dict[str, set[str]]
    remarques: list[Problem] = field(default_factory=list)
    retires: Counter[str] = field(default_factory=Counter)
    modifies: int = 0
    ajouts: int = 0
    """How many of the changes are elements added (a partner added needs no --force)."""
    source: str = "la grille"
    """What the values come from, as the remarks say it (« vide dans la grille »)."""

    def note(self, node: Any, message: str) -> None:
        line = getattr(getattr(node, "lc", None), "line", None)
        where = line + 1 if isinstance(line, int) else None
        self.remarques.append(remarque(FUSION, message, self.fichier, line=where))

    def merge_level(
        self, old: CommentedMap, norm: dict[str, Any], new: dict[str, Any], level: str
    ) -> None:
        """Merge one axis, objective, action or indicator (or the plan itself)."""
        children = CHILDREN.get(level)
        skip = {children[0]} if children else set()
        self.merge_fields(old, norm, new, self.exprimes.get(level, set()), skip, level)
        if children and (level != "action" or "indicateurs" in self.exprimes.get("action", ())):
            key, child = children
            self.merge_elements(old, key, norm.get(key, []), new.get(key, []), child)

    def merge_fields(
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
            nested = NESTED.get(key) if level == "action" else None
            if key not in old:
                old[key] = commented(value)
                self.modifies += 1
            elif norm.get(key) != value:
                self.merge_value(old, key, norm.get(key), value, nested)
        for key in list(old):
            stated = exprimes is None or key in exprimes
            if key in skip or key in new or not stated or key not in norm:
                continue
            if level == "action" and key in NESTED and isinstance(old[key], CommentedMap):
                self.merge_value(old, key, norm[key], {}, NESTED[key])  # its stated keys only
                if old[key]:
                    continue
            self.remove(old, key, level)

    def merge_value(
        self, container: Any, key: Any, norm: Any, new: Any, level: str | None = None
    ) -> None:
        """A value changed; a mapping or list merged in place. `level` names what a mapping
        is (or a list's items are) when the grid may state only some of its keys."""
        old = container[key]
        if isinstance(old, CommentedMap) and isinstance(new, dict) and isinstance(norm, dict):
            exprimes = self.exprimes.get(level) if level else None
            self.merge_fields(old, norm, new, exprimes, set(), level or "")
            return
        if isinstance(old, CommentedSeq) and isinstance(new, list) and isinstance(norm, list):
            self.merge_list(old, norm, new, level)
            return
        self.modifies += 1
        self.replace(container, key, new)

    def merge_list(
        self, old: CommentedSeq, norm: list[Any], new: list[Any], level: str | None = None
    ) -> None:
        """A plain list (prerequis, financements…) updated item by item, comments kept."""
        if not new:
            return
        _, rest = take_trailing(old, len(old) - 1, keep_eol=True) if old else ("", "")
        for index, value in enumerate(new[: len(old)]):
            before = norm[index] if index < len(norm) else None
            if before != value:
                self.merge_value(old, index, before, value, level)
        while len(old) > len(new):
            self.retires.update(comments_of(CommentedSeq([old[-1]])))
            for token in comment_tokens(old.ca.items.pop(len(old) - 1, None)):
                self.retires.update(comment_lines(token.value))
            del old[-1]
            self.modifies += 1
        for value in new[len(old) :]:
            old.append(commented(value))
            self.modifies += 1
        put_trailing(old, len(old) - 1, rest)

    def replace(self, container: Any, key: Any, new: Any) -> None:
        """Replace a value; comments inside the old one leave with it, those after it stay."""
        old = container[key]
        scalar = not isinstance(old, CommentedMap | CommentedSeq)
        eol, rest = take_trailing(container, key, keep_eol=scalar)
        if not scalar:
            self.retires.update(comment_lines(eol))
        self.retires.update(comments_of(old))
        container[key] = commented(new)
        put_trailing(container, key, rest)

    def remove(self, old: CommentedMap, key: str, level: str) -> None:
        """Remove a field the grid left empty; the comments below it move up."""
        keys = list(old)
        position = keys.index(key)
        eol, rest = take_trailing(old, key)
        self.retires.update(comment_lines(eol))
        self.retires.update(comments_of(old[key]))
        for token in comment_tokens(old.ca.items.pop(key, None)):
            self.retires.update(comment_lines(token.value))
        if rest and position == 0:
            raise ClsmError(
                f"{self.fichier} : le champ « {key} » vidé dans la grille porte des"
                " commentaires qui seraient perdus : rien n'a été écrit",
                hint="déplacez ces commentaires, ou retirez le champ à la main",
            )
        ident = old.get("id")
        del old[key]
        if rest:
            put_trailing(old, keys[position - 1], rest)
        what = f" {_of(level)} {ident}" if level in NOMS and ident else ""
        self.note(old, f"« {key} »{what} retiré : vide dans {self.source}")
        self.modifies += 1

    def merge_elements(
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
                parent[key] = commented(news)
                self.modifies += len(news)
                self.ajouts += len(news)
                for item in news:
                    self.note(parent, f"{nom} {_named(level, item)} {ajoute}")
            return
        seq: CommentedSeq = parent[key]
        pairs = list(zip(seq, norms, strict=False))
        matched: set[int] = set()
        position = -1
        for item in news:
            index, item = _match(pairs, matched, item, level)
            if index is None or index in matched:
                position = self._insert(seq, parent, pairs, position + 1, item, level)
                matched = {i + 1 if i >= position else i for i in matched} | {position}
                continue
            matched.add(index)
            position = index
            self.merge_level(pairs[index][0], pairs[index][1], item, level)
        for index, (node, norm) in enumerate(pairs):
            if index not in matched:
                self.note(node, f"{nom} {_named(level, norm)}, {garde}")

    def _insert(
        self,
        seq: CommentedSeq,
        parent: CommentedMap,
        pairs: list[tuple[Any, dict[str, Any]]],
        place: int,
        item: dict[str, Any],
        level: str,
    ) -> int:
        """Insert a new element at a place, after the one it follows in the grid; the
        comments that ended the line before stay with that line. Returns the place."""
        node = commented(item)
        _, rest = take_trailing(seq, place - 1, keep_eol=True) if place else ("", "")
        if place == len(seq):
            seq.append(node)
        else:
            seq.insert(place, node)
        put_trailing(seq, place, rest)
        pairs.insert(place, (node, item))
        nom, ajoute, _ = NOMS[level]
        self.note(seq[place - 1] if place else parent, f"{nom} {_named(level, item)} {ajoute}")
        self.modifies += 1
        self.ajouts += 1
        return place


def _match(
    pairs: list[tuple[Any, dict[str, Any]]], matched: set[int], item: dict[str, Any], level: str
) -> tuple[int | None, dict[str, Any]]:
    """The index of the existing element an imported one is, and the imported element (an
    indicator matched by its label takes the existing id)."""
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
            return index, {**item, "id": pairs[index][1]["id"]}
    index = next((i for i, (_, n) in enumerate(pairs) if n.get("id") == item["id"]), None)
    return index, item


def merge_plan(
    texte: str,
    ancien: dict[str, Any],
    nouveau: dict[str, Any],
    exprimes: dict[str, set[str]],
    fichier: str,
) -> tuple[str, list[Problem]]:
    """The text of the existing plan with the imported plan merged in, and what changed.

    `ancien` is the existing plan as its model dumps it (the values clsm reads), `nouveau`
    the imported one; `texte` is the file, whose comments are kept. Both are `prepare`d as
    a new plan file is written (`7000`, not the model's `7000.0`), and so compared.
    """
    tree = load_tree(texte, fichier)
    before = comments_of(tree)
    fusion = Merge(fichier, exprimes)
    fusion.merge_level(tree, prepare(ancien), prepare(nouveau), "plan")
    result = dump_tree(tree)
    check_comments(before, result, fusion, "au-dessus de son axe ou de son action")
    summarise(fusion)
    return result, fusion.remarques


def summarise(fusion: Merge) -> None:
    """The last remark of a merge: how many changes it made, or none."""
    if fusion.modifies:
        fusion.remarques.append(
            remarque(
                FUSION,
                f"{compte(fusion.modifies, 'changement')} de la grille"
                f" {accorde('reporté', 'changement', fusion.modifies)}, commentaires gardés",
                fusion.fichier,
            )
        )
    else:
        fusion.remarques.append(remarque(FUSION, "aucun changement", fusion.fichier))


def check_comments(before: Counter[str], result: str, fusion: Merge, place: str) -> None:
    """Refuse a merge's text that lost a comment other than those removed with their field
    (ClsmError: nothing is written); say those removed."""
    fichier = fusion.fichier
    after = comments_of(load_tree(result, fichier))
    lost = before - fusion.retires - after
    if lost:
        comment = next(iter(lost))
        raise ClsmError(
            f"{fichier} : le commentaire « {comment} » serait perdu en y fusionnant"
            f" {fusion.source} : rien n'a été écrit",
            hint=f"déplacez ce commentaire {place}, puis relancez",
        )
    for comment in sorted((before - after).elements()):
        fusion.remarques.append(
            remarque(FUSION, f"commentaire « {comment} » retiré avec son champ", fichier)
        )


def merge_partners(
    texte: str,
    ancien: list[dict[str, Any]],
    nouveau: list[dict[str, Any]],
    exprimes: set[str],
    fichier: str,
) -> tuple[str, list[Problem], bool]:
    """The directory's text with the imported partners merged in as the plan's elements
    are (matched by id; `exprimes`: the keys the Partenaires sheet states), what changed,
    and whether an existing partner changed (partners only added need no --force)."""
    tree = load_tree(texte, fichier)
    tree = CommentedMap() if tree is None else tree  # an empty directory
    if not isinstance(tree, CommentedMap):
        raise ClsmError(f"{fichier} n'a pas de liste « partenaires » où fusionner la grille")
    before = comments_of(tree)
    fusion = Merge(fichier, {"partenaire": exprimes})
    fusion.merge_elements(tree, "partenaires", prepare(ancien), prepare(nouveau), "partenaire")
    result = dump_tree(tree)
    check_comments(before, result, fusion, "au-dessus de son partenaire")
    if fusion.modifies:  # an unchanged directory is said by « inchangé » alone
        summarise(fusion)
    return result, fusion.remarques, fusion.modifies > fusion.ajouts
