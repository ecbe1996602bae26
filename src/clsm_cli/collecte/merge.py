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
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..excel.merge import Merge, check_comments, load_tree
from ..models.activite import (
    ActionAnnee,
    Mesure,
    Realisation,
    Reunion,
    Saisine,
    Seance,
)
from ..problems import ClsmError
from ..writing.commented import commented, comments_of, dump_tree, put_trailing, take_trailing
from ..writing.fmt import canonical_tree, format_text
from ..writing.yaml_text import prepare, trim_line_ends
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

    The file is put in canonical form first (`clsm fmt`), read once as a tree, changed, and
    written once: new entries are put in canonical form as they are added, so that the
    result needs no second reading — a form of a thousand rows costs one writing of the
    tree. Comments are checked again by reading the result only when existing entries were
    changed; appending keeps every comment line in place, which is checked line by line.
    """

    def __init__(self, texte: str | None, annee: int, fichier: str) -> None:
        self.fichier = fichier
        self.source = (format_text(texte, "activite").texte or texte) if texte else ""
        self.tree = load_tree(self.source, fichier) if texte else CommentedMap({"annee": annee})
        self.before = comments_of(self.tree)
        self.merge = Merge(fichier, {}, source="la fiche")
        self.places: dict[int, Chemin] = {}
        """Each row's entry (by the id of its `Ligne`) where it now stands."""
        self.changed = False
        self._text: str | None = None

    def apply(self, ops: Operations, by_path: dict[Chemin, Entree]) -> None:
        """Write a form's changes and new entries into the tree."""
        self._text = None
        for change in ops.changements:
            node = self.node(change.chemin)
            entree = by_path[change.chemin]
            norm = entree.modele.model_dump(mode="json", exclude_none=True)
            new = {k: prepare(v, k) for k, v in change.champs.items() if v is not None}
            self.merge.merge_fields(node, norm, new, set(change.champs), set(), "")
            self.places[id(change.ligne)] = change.chemin
            self.changed = True
        for ajout in sorted(ops.ajouts, key=_seance_date):
            if ajout.ligne.onglet.liste == "seances":
                assert isinstance(ajout.parent, tuple)
                parent = self.node(ajout.parent)
                seq = parent.setdefault("seances", CommentedSeq())
                self.append(seq, ajout, (*ajout.parent, "seances", len(seq)))
            else:
                liste = ajout.ligne.onglet.liste
                seq = self.tree.setdefault(liste, CommentedSeq())
                if not isinstance(seq, CommentedSeq):
                    seq = self.tree[liste] = CommentedSeq()
                self.append(seq, ajout, (liste, len(seq)))

    def node(self, chemin: Chemin) -> Any:
        node: Any = self.tree
        for part in chemin:
            node = node[part]
        return node

    def append(self, seq: CommentedSeq, ajout: Ajout, chemin: Chemin) -> None:
        """Append an entry (and a new réalisation's séances); the comment lines that ended
        the list stay after it."""
        liste = ajout.ligne.onglet.liste
        data = ordered(liste, ajout.valeurs)
        if ajout.seances:
            seances = sorted(ajout.seances, key=_seance_date)
            data["seances"] = [ordered("seances", s.valeurs) for s in seances]
            for k, seance in enumerate(seances):
                self.places[id(seance.ligne)] = (*chemin, "seances", k)
        _, rest = take_trailing(seq, len(seq) - 1, keep_eol=True) if seq else ("", "")
        seq.append(commented(prepare(data)))
        put_trailing(seq, len(seq) - 1, rest)
        self.places[id(ajout.ligne)] = chemin

    def text(self) -> str:
        """The tree's text, in canonical form; ClsmError if a comment would be lost."""
        if self._text is None:
            canonical_tree(self.tree, "activite", self.source)
            result = trim_line_ends(dump_tree(self.tree), strict=False)
            if self.changed:
                check_comments(self.before, result, self.merge, "au-dessus de son entrée")
            elif _comment_lines(self.source) - _comment_lines(result):
                lost = next(iter(_comment_lines(self.source) - _comment_lines(result)))
                raise ClsmError(
                    f"{self.fichier} : le commentaire « {lost} » serait perdu en y fusionnant"
                    " la fiche : rien n'a été écrit",
                    hint="signalez-le : clsm n'ajoutait que des entrées",
                )
            self._text = result
        return self._text


def _comment_lines(text: str) -> Counter[str]:
    """The comment lines of a text (a line that is only a comment)."""
    return Counter(line.strip() for line in text.split("\n") if line.lstrip().startswith("#"))


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
