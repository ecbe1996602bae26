"""A form's operations written into `activite/AAAA.yaml`, its comments and order kept.

The file is edited as a ruamel.yaml round-trip tree (excel/merge.py's `Merge` changes a
field with the comments beside it): changed fields are updated in place, new entries are
appended at the end of their list (a new séance at the end of its réalisation's), keys in
the models' order. The comment lines that ended a list stay after it. A comment that would
be lost stops the import (nothing is written).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedSeq

from ..excel.merge import Merge, check_comments, load_tree
from ..loader import parse
from ..models.activite import (
    ActionAnnee,
    Mesure,
    Realisation,
    Reunion,
    Saisine,
    Seance,
)
from ..writing.commented import commented, comments_of, dump_tree, put_trailing, take_trailing
from ..writing.fmt import canonical_tree, format_text
from ..writing.yaml_text import dated, prepare, trim_line_ends
from .appending import appended
from .keys import Chemin, Entree
from .matching import Ajout, Operations

MODELS: dict[str, type[BaseModel]] = {
    "realisations": Realisation,
    "seances": Seance,
    "reunions": Reunion,
    "saisines": Saisine,
    "mesures": Mesure,
    "actions": ActionAnnee,
}


class Fusion:
    """A year's file being changed by forms, one after the other.

    The file is put in canonical form first (`clsm fmt`), unless no form changes it. New
    entries at the end of the
    file's lists are written as text (appending.py); changes to the file's entries, and
    séances added to its réalisations, go through its tree, put in canonical form as it is
    built and written once. Comments are checked again by reading the result when the tree
    was changed; appending only adds lines.
    """

    def __init__(self, texte: str, fichier: str) -> None:
        self.fichier = fichier
        self.original = texte
        self.touched = False
        """Whether anything was changed or added: if not, the file stays as it is, even
        when `clsm fmt` would reformat it."""
        self.source = format_text(texte, "activite").texte or texte
        data = parse(self.source, fichier).data
        self.lengths = {
            k: len(v)
            for k, v in (data.items() if isinstance(data, dict) else ())
            if isinstance(v, list)
        }
        self._tree: Any = None
        self.before: Counter[str] = Counter()
        self.merge = Merge(fichier, {}, source="la fiche")
        self.places: dict[int, Chemin] = {}
        """Each row's entry (by the id of its `Ligne`) where it now stands."""
        self.pending: list[tuple[str, Ajout]] = []
        """New entries of the file's lists, not yet in the tree."""
        self.changed = False
        self._text: str | None = None

    @property
    def tree(self) -> Any:
        """The file's tree, read when first needed, with the entries pending appended."""
        if self._tree is None:
            self._tree = load_tree(self.source, self.fichier)
            self.before = comments_of(self._tree)
        for liste, ajout in self.pending:
            seq = self._tree.setdefault(liste, CommentedSeq())
            if not isinstance(seq, CommentedSeq):
                seq = self._tree[liste] = CommentedSeq()
            self._append_node(seq, ajout)
        self.pending = []
        return self._tree

    def apply(self, ops: Operations, by_path: dict[Chemin, Entree]) -> None:
        """Write a form's changes and new entries."""
        self._text = None
        self.touched = self.touched or bool(ops.changements or ops.ajouts)
        for change in ops.changements:
            node = self.node(change.chemin)
            entree = by_path[change.chemin]
            norm = entree.modele.model_dump(mode="json", exclude_none=True)
            new = {  # a day given as a date, that ruamel.yaml writes unquoted, as a new entry's
                k: dated(prepare(v, k), k) for k, v in change.champs.items() if v is not None
            }
            self.merge.merge_fields(node, norm, new, set(change.champs), set(), "")
            self.places[id(change.ligne)] = change.chemin
            self.changed = True
        for ajout in sorted(ops.ajouts, key=_seance_date):
            liste = ajout.ligne.onglet.liste
            if liste == "seances":  # a séance of a réalisation of the file
                assert isinstance(ajout.parent, tuple)
                seq = self.node(ajout.parent).setdefault("seances", CommentedSeq())
                self.places[id(ajout.ligne)] = (*ajout.parent, "seances", len(seq))
                self._append_node(seq, ajout)
                self.changed = True
                continue
            chemin = (liste, self.lengths.get(liste, 0))
            self.lengths[liste] = chemin[1] + 1
            self.places[id(ajout.ligne)] = chemin
            for k, seance in enumerate(_seances(ajout)):
                self.places[id(seance.ligne)] = (*chemin, "seances", k)
            self.pending.append((liste, ajout))

    def node(self, chemin: Chemin) -> Any:
        node: Any = self.tree
        for part in chemin:
            node = node[part]
        return node

    def _append_node(self, seq: CommentedSeq, ajout: Ajout) -> None:
        """Append an entry to a list of the tree; the comment lines that ended the list stay
        after it."""
        _, rest = take_trailing(seq, len(seq) - 1, keep_eol=True) if seq else ("", "")
        seq.append(commented(prepare(_data(ajout))))
        put_trailing(seq, len(seq) - 1, rest)

    def text(self) -> str:
        """The file's text, in canonical form; ClsmError if a comment would be lost."""
        if self._text is not None:
            return self._text
        if not self.touched:
            return self.original
        if not self.changed:
            result = appended(self.source, [(liste, _data(a)) for liste, a in self.pending])
            if result is not None:
                self._text = result
                return result
        tree = self.tree
        canonical_tree(tree, "activite", self.source)
        result = trim_line_ends(dump_tree(tree), strict=False)
        check_comments(self.before, result, self.merge, "au-dessus de son entrée")
        self._text = result
        return result


def _seances(ajout: Ajout) -> list[Ajout]:
    return sorted(ajout.seances, key=_seance_date)


def _data(ajout: Ajout) -> dict[str, Any]:
    """A new entry's data in its model's order, with a new réalisation's séances, by date."""
    data = ordered(ajout.ligne.onglet.liste, ajout.valeurs)
    if ajout.seances:
        data["seances"] = [ordered("seances", s.valeurs) for s in _seances(ajout)]
    return data


def _seance_date(ajout: Ajout) -> str:
    """New séances go in by date (a partner's sheet may be sorted any way); the other new
    entries keep the form's order."""
    is_seance = ajout.ligne.onglet.liste == "seances"
    return str(ajout.valeurs.get("date", "")) if is_seance else ""


def ordered(liste: str, valeurs: dict[str, Any]) -> dict[str, Any]:
    """An entry's values in its model's order, without the empty ones."""
    fields = MODELS[liste].model_fields
    data = {k: valeurs[k] for k in fields if valeurs.get(k) is not None}
    if liste == "seances" and data.get("repartition") and "participants" in data:
        total = sum(p["participants"] for p in data["repartition"])
        if total == data["participants"]:
            del data["participants"]  # clsm sums the attendance
    return data
