"""`clsm import FICHE.xlsx…`: filled forms merged into the territory's year files.

The forms say which territory and year they were made for; the territory must be sound
before anything is merged (`clsm validate`). For each year, the forms are read, matched to
the file by key (matching.py) and merged one after the other (merge.py); the result, in
`clsm fmt`'s canonical form, is checked with the whole territory before anything is
written (validation/dossier.py reads it in place of the file). What the check finds in the
merged entries is located at the cell of the form that brought them. Nothing is written
if a form has an error — unless the valid rows are asked for (`--garder-valides`): rows in
error are then left out, and the rest is merged, checked and written. The write is atomic.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..excel.importing import ImportOutcome, encode_text, read_text, unchanged
from ..excel.sheet import CORRIGER_FICHE, FUSION, remarque
from ..french.agreement import accorde, compte
from ..kinds import ACTIVITE_DIR, schema_comment
from ..loader import format_path, parse, reading_once
from ..models.activite import Activite
from ..problems import ClsmError, Problem, UsageError
from ..validation.dossier import (
    Dossier,
    display_name,
    find_territories,
    load_dossier,
    territory_name,
)
from ..validation.pipeline import check_dossier, validate_paths
from ..writing.atomic import write_text
from .conflicts import Origines
from .keys import Chemin, entries
from .layout import onglets
from .lists import Vocabulaire, territory_aliases
from .matching import Operations, match_form
from .merge import Fusion
from .reading import Fiche, Ligne, open_form, read_rows

MAX_PASSES = 4
"""With --garder-valides, how many times rows the check refuses are left out and the rest
merged again."""


@dataclass(slots=True)
class _Form:
    fiche: Fiche
    lignes: dict[str, list[Ligne]]


@dataclass(slots=True)
class _Pass:
    """One merge of a year's forms: the text, what was said, where each row went."""

    texte: str
    problems: list[Problem] = field(default_factory=list)
    places: dict[str, tuple[Fiche, Ligne]] = field(default_factory=dict)
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    touched: bool = False
    """Whether a form changed or added anything."""


def import_forms(paths: list[Path], scopes: list[Path], garder: bool) -> ImportOutcome:
    """Merge collection forms into their territory's activity files; the territory is the
    one they were made for among those `scopes` designate."""
    names = Counter(path.name for path in paths)
    twice = sorted(name for name, n in names.items() if n > 1)
    if twice:  # every remark and count is by the form's name: two would be mixed up
        raise UsageError(
            f"plusieurs fiches s'appellent {twice[0]} : clsm ne saurait pas dire de laquelle"
            " vient chaque ligne",
            hint="renommez-les (fiche-unafam.xlsx, fiche-ccas.xlsx…), puis importez-les ensemble",
        )
    fiches = [open_form(path) for path in paths]
    root = _territory(fiches, find_territories(scopes))
    # The year's text is read to validate the territory, to merge, to check what was
    # appended, to validate the territory with the result and to compare it with the file:
    # each text once (none of these changes what it reads).
    with reading_once():
        return _import_into(root, fiches, garder)


def _import_into(root: Path, fiches: list[Fiche], garder: bool) -> ImportOutcome:
    validation = validate_paths([root])
    if not validation.report.valid():
        raise ClsmError(
            f"{territory_name(root)} a des erreurs : les fiches n'y sont pas fusionnées, rien n'a"
            " été écrit",
            hint=f"lancez clsm validate {display_name(root)} et corrigez-les d'abord",
        )
    dossier = validation.dossiers[0]
    outcome = ImportOutcome()
    for annee in sorted({f.annee for f in fiches}):
        group = [f for f in fiches if f.annee == annee]
        _import_year(dossier, annee, group, garder, validation.report.problems, outcome)
    for fiche in fiches:
        outcome.problems += fiche.remarques  # the sheets' own: columns, formulas, macros
    return outcome


def _territory(fiches: list[Fiche], candidates: list[Path]) -> Path:
    """The territory the forms were made for, among the candidates."""
    names = {f.faits.get("Territoire", "") for f in fiches}
    if len(names) > 1:
        raise UsageError(
            "ces fiches ont été faites pour des territoires différents : "
            + ", ".join(sorted(names)),
            hint="importez les fiches de chaque territoire séparément",
        )
    name = names.pop()
    matching = [root for root in candidates if _name_of(root) == name]
    if len(candidates) == 1 and not matching:
        raise ClsmError(
            f"{fiches[0].fichier} a été faite pour « {name} », pas pour"
            f" « {_name_of(candidates[0])} » ({display_name(candidates[0])})",
            hint="indiquez le dossier du bon territoire",
        )
    if len(matching) != 1:
        raise UsageError(
            f"aucun territoire « {name} » ici"
            if not matching
            else f"plusieurs territoires « {name} »",
            hint=f"indiquez son dossier : clsm import {fiches[0].fichier} mon-territoire",
        )
    return matching[0]


def _name_of(root: Path) -> str:
    from ..loader import load_file
    from ..models import Territoire
    from ..validation.documents import validate

    territoire, _ = validate(load_file(root / "clsm.yaml"), Territoire)
    return territoire.nom if isinstance(territoire, Territoire) else ""


def _import_year(
    dossier: Dossier,
    annee: int,
    fiches: list[Fiche],
    garder: bool,
    before: list[Problem],
    outcome: ImportOutcome,
) -> None:
    """Merge a year's forms, check the territory with the result, write it (or not)."""
    target = dossier.root / ACTIVITE_DIR / f"{annee}.yaml"
    if dossier.plan_pour(annee) is None:
        raise ClsmError(
            f"{fiches[0].fichier} est une fiche de {annee}, année qu'aucun plan de"
            f" {territory_name(dossier.root)} ne couvre"
        )
    texte, newline, bom = read_text(target) if target.exists() else (None, "\n", False)
    sheets = onglets()
    keys0 = {
        e.cle: e.chemin
        for found in entries(dossier.activite(annee), sheets).values()
        for e in found
    }
    alias = territory_aliases(dossier, annee)
    forms = [_Form(f, read_rows(f, Vocabulaire(f.listes, alias))) for f in fiches]
    for fiche in fiches:
        fiche.workbook.close()  # opened read-only: the file stays open until then
    excluded: set[tuple[str, str, int]] = set()
    for _ in range(MAX_PASSES):
        passe = _merge(dossier, annee, texte, forms, keys0, excluded, target)
        checked = _check(dossier, target, passe, before)
        refused = {
            (f.fichier, ligne.onglet.nom, ligne.row)
            for p in checked
            if p.is_error and (found := passe.places.get(p.path)) is not None
            for f, ligne in [found]
        }
        if not (garder and refused - excluded):
            break
        excluded |= refused
    outcome.problems += passe.problems + [replace(p, path="") for p in checked]
    errors = any(p.is_error for p in passe.problems + checked)
    if errors and not garder:
        return
    if any(p.is_error for p in checked):
        return  # an error no row explains, or rows still refused after the last pass

    outcome.problems += [_summary(f, passe.counts[f.fichier], display_name(target)) for f in fiches]
    final = encode_text(passe.texte, newline, bom)
    if not passe.touched or unchanged(target, final):
        if target.exists():  # a year whose file the forms would create, with nothing in it
            outcome.unchanged.append(target)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    write_text(target, final)
    outcome.written.append(target)


def _merge(
    dossier: Dossier,
    annee: int,
    texte: str | None,
    forms: list[_Form],
    keys0: dict[str, Chemin],
    excluded: set[tuple[str, str, int]],
    target: Path,
) -> _Pass:
    """The year's file with the forms merged, one after the other."""
    fichier = display_name(target)
    fusion = Fusion(texte or _new_file(dossier, annee, forms[0].fiche), fichier)
    model = dossier.activite(annee)
    origines = Origines()
    problems: list[Problem] = []
    counts: dict[str, Counter[str]] = {}
    sheets = onglets()
    for n, form in enumerate(forms):
        if n:  # the next form is matched against the file as the previous ones left it
            model = _model(fusion.text()) or model
        current = entries(model, sheets)
        by_path = {e.chemin: e for found in current.values() for e in found}
        skip = {(sheet, row) for f, sheet, row in excluded if f == form.fiche.fichier}
        ops = match_form(form.fiche, form.lignes, current, keys0, origines, skip)
        fusion.apply(ops, by_path)
        _note_origins(ops, fusion, origines)
        problems += ops.problemes
        counts[form.fiche.fichier] = _counts(ops)
    result = fusion.text()
    passe = _Pass(result, problems + fusion.merge.remarques, counts=counts)
    passe.touched = fusion.touched
    for form in forms:
        for found in form.lignes.values():
            for ligne in found:
                chemin = fusion.places.get(id(ligne))
                if chemin is not None:
                    passe.places[format_path(chemin)] = (form.fiche, ligne)
    return passe


def _new_file(dossier: Dossier, annee: int, fiche: Fiche) -> str:
    """The text a year's file starts from when the forms create it."""
    schema = schema_comment(dossier.root / ACTIVITE_DIR, "activite")
    head = f"{schema}#\n" if schema else ""
    origin = f"# Activité {annee}, commencée par clsm import de {fiche.fichier}.\n"
    return f"{head}{origin}annee: {annee}\n"


def _model(texte: str) -> Activite | None:
    """The model of a merged text, to match the next form against (None if it fails: the
    check says why)."""
    from pydantic import ValidationError

    try:
        return Activite.model_validate(parse(texte, "fusion").data)
    except ValidationError:
        return None


def _note_origins(ops: Operations, fusion: Fusion, origines: Origines) -> None:
    """Which entries and fields this form changed or added (for the next form's conflicts)."""
    name = ops.fiche.fichier
    for change in ops.changements:
        for champ in change.champs:
            origines.changes[(change.chemin, champ)] = name
    for ajout in ops.ajouts:
        for ligne in [ajout.ligne, *(s.ligne for s in ajout.seances)]:
            chemin = fusion.places.get(id(ligne))
            if chemin is not None:
                origines.ajouts[chemin] = name


def _counts(ops: Operations) -> Counter[str]:
    """What a form added (by kind of entry) and changed."""
    counts: Counter[str] = Counter()
    for ajout in ops.ajouts:
        counts[ajout.ligne.onglet.libelle] += 1
        counts["séance"] += len(ajout.seances)
    counts["changement"] = sum(len(c.champs) for c in ops.changements)
    return counts


def _summary(fiche: Fiche, counts: Counter[str], fichier: str) -> Problem:
    """`fiche.xlsx : 2 séances ajoutées, 1 réunion ajoutée ; 3 changements reportés`."""
    parts = [
        f"{compte(n, noun)} {accorde('ajouté', noun, n)}"
        for noun, n in counts.items()
        if noun != "changement" and n
    ]
    said = ", ".join(parts)
    if counts["changement"]:
        n = counts["changement"]
        reported = f"{compte(n, 'changement')} {accorde('reporté', 'changement', n)}"
        said = f"{said} ; {reported}" if said else reported
    return remarque(FUSION, f"{fiche.fichier} : {said or 'aucun changement'}", fichier)


def _check(dossier: Dossier, target: Path, passe: _Pass, before: list[Problem]) -> list[Problem]:
    """The territory checked with the merged file: what is new, located at the form's cells."""
    merged = load_dossier(dossier.root, {target: passe.texte}, known=dossier)
    check_dossier(merged)
    known = {(p.file, p.code, p.path, p.message) for p in before}
    found = []
    for problem in merged.problems:
        if (problem.file, problem.code, problem.path, problem.message) in known:
            continue
        if problem.code == "verification-incomplete":
            continue  # about the merged text, never written: its errors are said
        found.append(_located(problem, passe, display_name(target)))
    return found


def _located(problem: Problem, passe: _Pass, fichier: str) -> Problem:
    """A problem of the merged file at the cell of the row that brought its entry."""
    if problem.file != fichier or not problem.path:
        return problem
    for place in sorted(passe.places, key=len, reverse=True):
        if problem.path == place or problem.path.startswith((place + ".", place + "[")):
            fiche, ligne = passe.places[place]
            rest = problem.path[len(place) :].lstrip(".")
            champ = rest.split(".")[0].split("[")[0]
            located = replace(
                problem,
                file=fiche.fichier,
                cellule=ligne.ref(champ if champ in ligne.colonnes else None),
                line=None,
                column=None,
                path=place,
            )
            colonne = ligne.onglet.colonne(champ)
            if problem.code == "champ-manquant" and colonne is not None:
                located = replace(
                    located, message=f"« {colonne.titre} » est à remplir", hint=CORRIGER_FICHE
                )
            return located
    brought = _row_within(problem.path, passe)
    if brought is not None:  # a field the form did not fill, contradicted by rows it added
        fiche, ligne = brought
        return replace(problem, file=fiche.fichier, cellule=ligne.ref(None), line=None, column=None)
    return replace(problem, message=f"{problem.path} : {problem.message}", line=None, column=None)


def _row_within(path: str, passe: _Pass) -> tuple[Fiche, Ligne] | None:
    """The first row a form brought into the entry that holds `path`, or into the nearest
    entry above it: the participants of a realisation the file had, which séances added by
    the form now contradict, are said at the first of those séances' rows."""
    parent = path
    while "[" in parent:  # up to the nearest entry (`realisations[0]`), never a whole list
        parent = parent[: max(parent.rfind("."), parent.rfind("["))]
        if not parent.endswith("]"):
            continue
        under = [p for p in passe.places if p.startswith((parent + ".", parent + "["))]
        if under:
            return passe.places[min(under, key=_order)]
    return None


def _order(path: str) -> tuple[tuple[int, int, str], ...]:
    """A path's place in the file: `realisations[2].seances[10]` after `…seances[9]`."""
    parts = [part for part in re.split(r"[.\[\]]+", path) if part]
    return tuple((0, int(p), "") if p.isdecimal() else (1, 0, p) for p in parts)
