"""Each row of a form matched to an entry of the year's file, by its key: what to change.

A row with a key the form was given stands for that entry: its fields are compared with
what the form was given and with the file (conflicts.py) — a row left as it was changes
nothing, wherever it now stands. A row copied with its key is read as a new row (said). A
key the form was never given is an altered key: the row is not imported. A row without key
is new, unless the file already has that entry (the same action, title and date…: its
identity, keys.py) — then it changes nothing if it says the same, and is a conflict if not;
so importing a form twice adds nothing twice. A pre-filled row no longer in the form is said;
its entry is kept.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..excel.fields import normalise
from ..problems import Problem
from . import remarks
from .conflicts import Issue, Origines, entry_differs, entry_gone, field_conflict, three_way
from .keys import Chemin, Entree, digest, identity, recover
from .reading import Fiche, Ligne

_SHEET_ORDER = ("realisations", "seances", "reunions", "saisines", "mesures", "actions")


@dataclass(slots=True)
class Ajout:
    """A new entry: its values, and for a séance, its réalisation."""

    ligne: Ligne
    valeurs: dict[str, Any]
    parent: Chemin | Ajout | None = None
    """A séance's réalisation: its place in the file, or a réalisation added by the form."""
    seances: list[Ajout] = field(default_factory=list)
    """A new réalisation's séances."""


@dataclass(slots=True)
class Changement:
    """Fields of an entry of the file to change."""

    ligne: Ligne
    chemin: Chemin
    champs: dict[str, Any]


@dataclass(slots=True)
class Operations:
    """What a form changes in the year's file, and what it says."""

    fiche: Fiche
    ajouts: list[Ajout] = field(default_factory=list)
    changements: list[Changement] = field(default_factory=list)
    problemes: list[Problem] = field(default_factory=list)


def match_form(
    fiche: Fiche,
    lignes: dict[str, list[Ligne]],
    current: dict[str, list[Entree]],
    keys0: dict[str, Chemin],
    origines: Origines,
    excluded: set[tuple[str, int]] | frozenset[tuple[str, int]] = frozenset(),
) -> Operations:
    """The operations of a form against the file as it is now (`current`); `keys0` maps the
    keys of the file as it was before this command to their entries' places."""
    ops = Operations(fiche)
    matcher = _Matcher(fiche, current, keys0, origines, ops)
    ordered = sorted(lignes.items(), key=lambda item: _rank(item[1]))
    for name, rows in ordered:
        rows = [r for r in rows if (name, r.row) not in excluded]
        matcher.sheet(name, rows)
    return ops


def _rank(rows: list[Ligne]) -> int:
    return _SHEET_ORDER.index(rows[0].onglet.liste) if rows else 0


class _Matcher:
    def __init__(
        self,
        fiche: Fiche,
        current: dict[str, list[Entree]],
        keys0: dict[str, Chemin],
        origines: Origines,
        ops: Operations,
    ) -> None:
        self.fiche = fiche
        self.current = current
        self.by_path = {e.chemin: e for found in current.values() for e in found}
        self.keys0 = keys0
        self.origines = origines
        self.ops = ops
        self.nouvelles: dict[str, list[Ajout]] = defaultdict(list)
        """This form's new réalisations, by title (accents, case and punctuation aside)."""
        self.titres: dict[str, list[Entree]] = defaultdict(list)
        for entree in current.get("Réalisations", []):
            self.titres[normalise(entree.valeurs.get("titre") or "")].append(entree)
        self.identites: dict[tuple[str, tuple[Any, ...]], Entree] = {}
        for name, found in current.items():
            for entree in found:
                self.identites.setdefault((name, entree.identite), entree)

    def say(self, problem: Problem) -> None:
        self.ops.problemes.append(problem)

    def sheet(self, name: str, rows: list[Ligne]) -> None:
        issued = {k for k, (sheet, _) in self.fiche.empreintes.items() if sheet == name}
        keyed: dict[str, list[Ligne]] = defaultdict(list)
        new: list[Ligne] = []
        for ligne in rows:
            if ligne.cle is None:
                new.append(ligne)
            elif ligne.cle not in issued:
                self.say(remarks.altered(self.fiche, ligne))
            else:
                keyed[ligne.cle].append(ligne)
        for cle, copies in keyed.items():
            original = self._original(cle, copies)
            self.keyed(cle, original)
            for copy in copies:
                if copy is not original:
                    self.say(remarks.copied(self.fiche, copy))
                    new.append(copy)
        unclaimed = issued - set(keyed)
        added: dict[tuple[Any, ...], Ajout] = {}
        for ligne in new:
            unclaimed -= self.new_row(ligne, unclaimed, added)
        for cle in sorted(unclaimed):
            self.say(remarks.deleted(self.fiche, name, cle))

    def _original(self, cle: str, copies: list[Ligne]) -> Ligne:
        """Of rows sharing a key, the one left as it was given (else the first)."""
        prints = self.fiche.empreintes[cle][1]
        for ligne in copies:
            if all(digest(v) == prints.get(c) for c, v in ligne.valeurs.items()):
                return ligne
        return copies[0]

    def keyed(self, cle: str, ligne: Ligne) -> None:
        """A pre-filled row: its changed fields, compared with the file."""
        prints = self.fiche.empreintes[cle][1]
        edited = {c: v for c, v in ligne.valeurs.items() if digest(v) != prints.get(c)}
        if not edited:
            return
        if ligne.erreur:
            self.reject(ligne)
        elif all(v is None for v in ligne.valeurs.values()):
            self.say(remarks.emptied(self.fiche, ligne))
        elif any(c.requis and edited.get(c.champ, "") is None for c in ligne.onglet.colonnes):
            self.complete(ligne)  # says each required field emptied
        elif ligne.onglet.liste == "seances" and "realisation" in edited:
            self.say(remarks.moved(self.fiche, ligne))
        elif cle not in self.keys0 and self._already_there(ligne):
            return  # its changes are in the file already (the form imported before)
        else:
            chemin = self.keys0.get(cle) or self.recover(cle, ligne.onglet.nom)
            entree = self.by_path.get(chemin) if chemin is not None else None
            if entree is None:
                self.say(entry_gone(self.fiche.fichier, ligne.ref()))
            else:
                self.fields(ligne, entree, edited, prints)

    def _already_there(self, ligne: Ligne) -> bool:
        """Whether the file holds an entry just as a pre-filled row now says it: the row's
        changes were imported before, and changed what identifies the entry (a meeting
        pre-filled for « 2025 » given its day), so that its key no longer finds it."""
        said = {champ: digest(value) for champ, value in ligne.valeurs.items()}
        return any(
            all(digest(entree.valeurs.get(champ)) == d for champ, d in said.items())
            for entree in self.current.get(ligne.onglet.nom, [])
        )

    def fields(
        self, ligne: Ligne, entree: Entree, edited: dict[str, Any], prints: dict[str, str]
    ) -> None:
        """The fields a pre-filled row changed, each checked against the file (conflicts.py)."""
        champs = {}
        for champ, value in edited.items():
            now = entree.valeurs.get(champ)
            issue = three_way(prints.get(champ), value, now)
            if issue is Issue.REPORTER:
                champs[champ] = value
                self.ops.problemes += ligne.remarques.get(champ, [])
            elif issue is Issue.CONFLIT:
                other = self.origines.who(entree.chemin, champ)
                fichier, cellule = self.fiche.fichier, ligne.ref(champ)
                self.say(field_conflict(fichier, cellule, ligne.onglet, champ, value, now, other))
        if champs:
            self.ops.changements.append(Changement(ligne, entree.chemin, champs))

    def recover(self, cle: str, sheet: str) -> Chemin | None:
        """The entry of a key the file no longer gives (keys.recover), among the entries that
        were in the file and that no key of the form designates."""
        designated = {self.keys0[k] for k in self.fiche.empreintes if k in self.keys0}
        existing = set(self.keys0.values())
        candidates = [
            e
            for e in self.current.get(sheet, [])
            if e.chemin not in designated and e.chemin in existing
        ]
        return recover(self.fiche.empreintes[cle][1], candidates)

    def reject(self, ligne: Ligne) -> None:
        """A row with a cell that could not be read: not imported, its problems said."""
        self.ops.problemes += [p for found in ligne.remarques.values() for p in found]

    def new_row(
        self, ligne: Ligne, unclaimed: set[str], added: dict[tuple[Any, ...], Ajout]
    ) -> set[str]:
        """A row without key: a new entry, or one the file already has (or this form's
        rows above); the key it recovers, if it is a pre-filled row whose key was erased."""
        if ligne.erreur:
            self.reject(ligne)
            return set()
        if not self.complete(ligne):
            return set()
        valeurs = dict(ligne.valeurs)
        parent = None
        if ligne.onglet.liste == "seances":
            parent = self.parent_of(ligne)
            if parent is None:
                return set()
            if isinstance(parent, Ajout):
                valeurs["realisation"] = id(parent)
            else:
                valeurs["realisation"] = self.by_path[parent].cle
        ident = identity(ligne.onglet, valeurs)
        existing = self.identites.get((ligne.onglet.nom, ident))
        if existing is not None and existing.cle in unclaimed:
            self.say(remarks.erased(self.fiche, ligne, existing.cle))
            ligne.cle = existing.cle
            self.keyed(existing.cle, ligne)
            return {existing.cle}
        if existing is not None:
            self.same_entry(ligne, existing)
        elif ident in added:
            twin = added[ident]
            if _stated(twin.valeurs) != _stated(ligne.valeurs):
                differing = _differing(twin.valeurs, ligne.valeurs)
                other = f"la ligne {twin.ligne.row}"
                self.say(
                    entry_differs(self.fiche.fichier, ligne.ref(), ligne.onglet, differing, other)
                )
        else:
            added[ident] = self.add(ligne, parent)
        return set()

    def add(self, ligne: Ligne, parent: Chemin | Ajout | None) -> Ajout:
        """A new entry (a new réalisation's séance goes with it)."""
        ajout = Ajout(ligne, _stated(ligne.valeurs), parent)
        self.ops.problemes += [p for found in ligne.remarques.values() for p in found]
        if isinstance(parent, Ajout):
            parent.seances.append(ajout)
        else:
            self.ops.ajouts.append(ajout)
        if ligne.onglet.liste == "realisations":
            self.nouvelles[normalise(ajout.valeurs.get("titre") or "")].append(ajout)
        return ajout

    def complete(self, ligne: Ligne) -> bool:
        """Whether a row has every field an entry needs (each missing one is said)."""
        missing = [
            c
            for c in ligne.onglet.colonnes
            if c.requis and c.champ != "realisation" and ligne.valeurs.get(c.champ) is None
        ]
        for colonne in missing:
            self.say(remarks.to_fill(self.fiche, ligne, colonne))
        return not missing

    def same_entry(self, ligne: Ligne, existing: Entree) -> None:
        """A new row for an entry the file has: nothing if it says the same, else a conflict."""
        differing = [
            c
            for c, v in ligne.valeurs.items()
            if c != "realisation" and v is not None and v != existing.valeurs.get(c)
        ]
        if differing:
            other = self.origines.who(existing.chemin)
            self.say(entry_differs(self.fiche.fichier, ligne.ref(), ligne.onglet, differing, other))

    def parent_of(self, ligne: Ligne) -> Chemin | Ajout | None:
        """A new séance's réalisation: from the list, a réalisation this form adds, or one of
        the file named by its title (said)."""
        value = ligne.valeurs.get("realisation")
        if isinstance(value, str):
            chemin = self.keys0.get(value)
            if chemin is not None and chemin in self.by_path:
                return chemin
        text = value[1] if isinstance(value, tuple) else str(value or "")
        mine = self.nouvelles.get(normalise(text), []) if text else []
        theirs = self.titres.get(normalise(text), []) if text else []
        if len(mine) == 1:
            return mine[0]
        if len(theirs) == 1 and not mine:
            found = theirs[0].valeurs
            guess = remarks.realisation_by_title(self.fiche, ligne, found["titre"], found["date"])
            ligne.remarques.setdefault("realisation", []).append(guess)  # said if added
            return theirs[0].chemin
        several = len(mine) + len(theirs) > 1
        self.say(remarks.realisation_unknown(self.fiche, ligne, text, several))
        return None


def _stated(valeurs: dict[str, Any]) -> dict[str, Any]:
    """A new entry's values: its fields that are filled."""
    return {k: v for k, v in valeurs.items() if v is not None and k != "realisation"}


def _differing(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    return [k for k in dict.fromkeys([*a, *b]) if a.get(k) != b.get(k)]
