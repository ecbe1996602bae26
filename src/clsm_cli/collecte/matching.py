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
from ..excel.sheet import ABSENTE, CLE, CORRIGER_FICHE, DEVINE, PERDU, remarque
from ..problems import Problem
from .conflicts import Issue, Origines, entry_differs, entry_gone, field_conflict, three_way
from .keys import Chemin, Entree, digest, identity
from .lists import date_label
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
                self.say(_altered(self.fiche, ligne))
            else:
                keyed[ligne.cle].append(ligne)
        seen = set()
        for cle, copies in keyed.items():
            original = self._original(cle, copies)
            seen.add(cle)
            self.keyed(cle, original)
            for copy in copies:
                if copy is not original:
                    self.say(
                        remarque(
                            DEVINE,
                            "ligne copiée d'une autre (même clé) : lue comme une nouvelle ligne",
                            self.fiche.fichier,
                            copy.ref(),
                        )
                    )
                    new.append(copy)
        recovered = self.new_rows(new, issued - seen)
        for cle in sorted(issued - seen - recovered):
            self.say(
                remarque(
                    ABSENTE,
                    f"une ligne pré-remplie n'est plus dans la feuille ({cle}) : son entrée est"
                    " gardée dans le fichier",
                    self.fiche.fichier,
                    name,
                    hint="pour retirer une entrée, retirez-la du fichier d'activité",
                )
            )

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
            return
        if all(v is None for v in ligne.valeurs.values()):
            self.say(
                remarque(
                    ABSENTE,
                    "ligne pré-remplie vidée : son entrée est gardée dans le fichier",
                    self.fiche.fichier,
                    ligne.ref(),
                    hint="pour retirer une entrée, retirez-la du fichier d'activité",
                )
            )
            return
        emptied = [
            c
            for c in ligne.onglet.colonnes
            if c.requis and c.champ in edited and edited[c.champ] is None
        ]
        if emptied:
            self.complete(ligne)  # says each required field emptied
            return
        if ligne.onglet.liste == "seances" and "realisation" in edited:
            self.say(
                remarque(
                    PERDU,
                    "une séance ne change pas de réalisation par la fiche : ligne non importée",
                    self.fiche.fichier,
                    ligne.ref("realisation"),
                    hint="déplacez-la dans le fichier d'activité",
                )
            )
            return
        chemin = self.keys0.get(cle) or self.recover(cle, ligne.onglet.nom)
        entree = self.by_path.get(chemin) if chemin is not None else None
        if entree is None:
            self.say(entry_gone(self.fiche.fichier, ligne.ref()))
            return
        champs = {}
        for champ, value in edited.items():
            now = entree.valeurs.get(champ)
            issue = three_way(prints.get(champ), value, now)
            if issue is Issue.REPORTER:
                champs[champ] = value
                self.ops.problemes += ligne.remarques.get(champ, [])
            elif issue is Issue.CONFLIT:
                other = self.origines.who(entree.chemin, champ)
                self.say(
                    field_conflict(
                        self.fiche.fichier,
                        ligne.ref(champ),
                        ligne.onglet,
                        champ,
                        value,
                        now,
                        other,
                    )
                )
        if champs:
            self.ops.changements.append(Changement(ligne, entree.chemin, champs))

    def recover(self, cle: str, sheet: str) -> Chemin | None:
        """The entry of a key the file no longer gives (what identifies it changed since the
        form was made: a title corrected): the one entry, among those no key of the form
        designates, whose fields are still those the form was given, all but two at most."""
        prints = self.fiche.empreintes[cle][1]
        designated = {self.keys0[k] for k in self.fiche.empreintes if k in self.keys0}
        existing = set(self.keys0.values())
        scored = []
        for entree in self.current.get(sheet, []):
            if entree.chemin in designated or entree.chemin not in existing:
                continue
            same = sum(digest(v) == prints.get(c) for c, v in entree.valeurs.items())
            scored.append((same, entree.chemin))
        scored.sort(key=lambda item: -item[0])
        if not scored or scored[0][0] < max(1, len(prints) - 2):
            return None
        if len(scored) > 1 and scored[1][0] == scored[0][0]:
            return None
        return scored[0][1]

    def reject(self, ligne: Ligne) -> None:
        """A row with a cell that could not be read: not imported, its problems said."""
        self.ops.problemes += [p for found in ligne.remarques.values() for p in found]

    def new_rows(self, rows: list[Ligne], unclaimed: set[str]) -> set[str]:
        """Rows without key: new entries, or entries the file already has. Returns the
        keys recovered (a pre-filled row whose key was erased)."""
        recovered: set[str] = set()
        added: dict[tuple[Any, ...], Ajout] = {}
        for ligne in rows:
            if ligne.erreur:
                self.reject(ligne)
                continue
            if not self.complete(ligne):
                continue
            valeurs = {k: v for k, v in ligne.valeurs.items()}
            parent = None
            if ligne.onglet.liste == "seances":
                parent = self.parent_of(ligne)
                if parent is None:
                    continue
                if isinstance(parent, Ajout):
                    valeurs["realisation"] = id(parent)
                else:
                    valeurs["realisation"] = self.by_path[parent].cle
            ident = identity(ligne.onglet, valeurs)
            existing = self.identites.get((ligne.onglet.nom, ident))
            if existing is not None:
                if existing.cle in unclaimed:
                    recovered.add(existing.cle)
                    self.say(
                        remarque(
                            DEVINE,
                            f"clé effacée : ligne reconnue comme l'entrée {existing.cle}"
                            f" ({ligne.onglet.identite})",
                            self.fiche.fichier,
                            ligne.ref(),
                        )
                    )
                    ligne.cle = existing.cle
                    self.keyed(existing.cle, ligne)
                else:
                    self.same_entry(ligne, existing)
                continue
            if ident in added:
                twin = added[ident]
                if _stated(twin.valeurs) != _stated(ligne.valeurs):
                    self.say(
                        entry_differs(
                            self.fiche.fichier,
                            ligne.ref(),
                            ligne.onglet,
                            _differing(twin.valeurs, ligne.valeurs),
                            f"la ligne {twin.ligne.row}",
                        )
                    )
                continue
            ajout = Ajout(ligne, _stated(ligne.valeurs), parent)
            added[ident] = ajout
            self.ops.problemes += [p for found in ligne.remarques.values() for p in found]
            if isinstance(parent, Ajout):
                parent.seances.append(ajout)
            else:
                self.ops.ajouts.append(ajout)
            if ligne.onglet.liste == "realisations":
                self.nouvelles[normalise(ajout.valeurs.get("titre") or "")].append(ajout)
        return recovered

    def complete(self, ligne: Ligne) -> bool:
        """Whether a new row has every field an entry needs (each missing one is said)."""
        missing = [
            c
            for c in ligne.onglet.colonnes
            if c.requis and c.champ != "realisation" and ligne.valeurs.get(c.champ) is None
        ]
        for colonne in missing:
            self.say(
                remarque(
                    PERDU,
                    f"« {colonne.titre} » est à remplir : ligne non importée",
                    self.fiche.fichier,
                    ligne.ref(colonne.champ) if colonne.champ in ligne.colonnes else ligne.ref(),
                    hint=CORRIGER_FICHE,
                )
            )
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
        if not text:
            self.say(_missing(self.fiche, ligne, "realisation", "la réalisation"))
            return None
        wanted = normalise(text)
        mine = self.nouvelles.get(wanted, [])
        if len(mine) == 1:
            return mine[0]
        theirs = self.titres.get(wanted, [])
        if len(theirs) == 1 and not mine:
            found = theirs[0].valeurs
            guess = remarque(
                DEVINE,
                f"réalisation reconnue à son titre : « {found['titre']} »"
                f" ({date_label(found['date'])})",
                self.fiche.fichier,
                ligne.ref("realisation"),
            )
            ligne.remarques.setdefault("realisation", []).append(guess)  # said if added
            return theirs[0].chemin
        several = len(mine) + len(theirs) > 1
        self.say(
            remarque(
                PERDU,
                f"réalisation {'ambiguë' if several else 'inconnue'} : « {text} »",
                self.fiche.fichier,
                ligne.ref("realisation"),
                hint="choisissez-la dans la liste, ou recopiez le titre d'une ligne de la"
                " feuille Réalisations",
            )
        )
        return None


def _stated(valeurs: dict[str, Any]) -> dict[str, Any]:
    """A new entry's values: its fields that are filled."""
    return {k: v for k, v in valeurs.items() if v is not None and k != "realisation"}


def _differing(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    return [k for k in dict.fromkeys([*a, *b]) if a.get(k) != b.get(k)]


def _altered(fiche: Fiche, ligne: Ligne) -> Problem:
    other = fiche.empreintes.get(ligne.cle or "")
    why = f"celle d'une ligne de la feuille {other[0]}" if other else "aucune que la fiche a reçue"
    return remarque(
        CLE,
        f"clé cachée modifiée (« {ligne.cle} » est {why}) : ligne non importée",
        fiche.fichier,
        f"{ligne.onglet.nom}!A{ligne.row}",
        hint="remettez la clé d'origine, ou videz-la pour ajouter la ligne comme nouvelle",
    )


def _missing(fiche: Fiche, ligne: Ligne, champ: str, what: str) -> Problem:
    return remarque(
        PERDU,
        f"il manque {what} : ligne non importée",
        fiche.fichier,
        ligne.ref(champ),
        hint=CORRIGER_FICHE,
    )
