"""The two sides of `clsm diff`: two files, or two folders of territories (each territory
compared file by file); git revisions are read into temporary folders by revisions.py."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from ..kinds import ACTIVITE_DIR, KINDS, KNOWN_NAMES, kind_by_content, kind_of
from ..loader import load_file
from ..models import Activite, Annuaire, Plan, Territoire
from ..problems import ClsmError, Problem, UsageError
from ..validation.documents import validate
from ..validation.dossier import (
    Dossier,
    find_territories,
    load_dossier,
    territory_of,
)
from .activities import compare_activities
from .changes import Changement, side_by_side
from .plans import compare_plans, continued_in
from .territory import compare_partners, compare_territory


@dataclass(frozen=True, slots=True)
class Side:
    """One of the two versions compared, as the user knows it."""

    label: str
    """`l'ancienne version`, `la version HEAD~1`…"""
    name: Callable[[str], str] = field(default=str)
    """How a file read on this side is named: as read, or, for a copy extracted from a git
    revision into a temporary folder, as the file it is a copy of."""


OLD = Side("l'ancienne version")
NEW = Side("la nouvelle version")


def _located(file: str, problem: Problem) -> str:
    """`plans/x/plan.yaml:12:5`: a problem's place, under the name the user knows the file by
    (not a git revision's temporary copy)."""
    return dataclasses.replace(problem, file=file).where


def _kind(old: Path, new: Path) -> str:
    """The kind of two files compared: told by either name (git difftool hands one side a
    temporary name, `/tmp/git-blob-…/2025.yaml`), else by the content, as for a misnamed file."""
    for path in (new, old):
        kind = kind_of(path)
        if kind is not None:
            return kind
    for path in (new, old):
        found = kind_by_content(load_file(path).data)
        if found is not None:
            return found[0]
    raise UsageError(
        f"{new} : ni plan, ni annuaire, ni activité, ni territoire",
        hint=KNOWN_NAMES,
    )


def _model_of_file(path: Path, kind: str, named: str) -> BaseModel:
    doc = load_file(path)
    model, problems = validate(doc, KINDS[kind].model)
    if model is None:
        first = (doc.problems + problems)[0] if doc.problems + problems else None
        where = _located(named, first) if first else named
        why = f" ({first.message})" if first else ""
        raise ClsmError(
            f"{where} : fichier invalide{why}, comparaison impossible",
            hint="lancez clsm validate sur ce fichier",
        )
    return model


def _plan_for(annee: int, *files: Path) -> Plan | None:
    """The plan covering an activity's year in the territory either file sits in: it gives
    the indicators' units (`83,3 %`, not `83,3`)."""
    for file in files:
        root = territory_of(file)
        if root is not None:
            found = load_dossier(root).plan_pour(annee)
            if found is not None:
                return found[1]
    return None


def compare_files(
    old: Path, new: Path, sides: tuple[Side, Side] = (OLD, NEW), name: str | None = None
) -> list[Changement]:
    """Two files of the same kind (names do not matter: git difftool passes temporary ones);
    the changes are said of `name`, by default the new file's name."""
    kind = _kind(old, new)
    a = _model_of_file(old, kind, sides[0].name(str(old)))
    b = _model_of_file(new, kind, sides[1].name(str(new)))
    name = name or new.name
    if isinstance(a, Plan) and isinstance(b, Plan):
        return compare_plans(name, a, b)
    if isinstance(a, Annuaire) and isinstance(b, Annuaire):
        return compare_partners(name, a, b)
    if isinstance(a, Activite) and isinstance(b, Activite):
        return compare_activities(name, a, b, _plan_for(b.annee, new, old))
    assert isinstance(a, Territoire)
    assert isinstance(b, Territoire)
    return compare_territory(name, a, b)


def _territories(path: Path) -> dict[str, Dossier]:
    """The territories under a folder, by their place in it; none when it has none (a
    revision before the territory was created)."""
    if not has_territory(path):
        return {}
    roots = find_territories([path])
    return {
        (
            root.resolve().relative_to(path.resolve()).as_posix()
            if root.resolve() != path.resolve()
            else "."
        ): load_dossier(root)
        for root in roots
    }


def _invalid(dossier: Dossier, side: Side) -> Iterator[Changement]:
    """The first error on a side, located: an invalid file is left out of the comparison,
    never said added or removed."""
    for problem in dossier.problems:
        if problem.is_error:
            file = side.name(problem.file)
            yield Changement(
                file,
                "fichier",
                "invalide",
                f"{_located(file, problem)} : fichier invalide dans {side.label}"
                f" ({problem.message}), ignoré dans la comparaison",
            )
            return


def _read(dossier: Dossier) -> set[str]:
    """The files of a territory that were there to read, valid or not (`activite/2022.yaml`)."""
    root = dossier.root.resolve()
    return {Path(doc.file).resolve().relative_to(root).as_posix() for doc in dossier.documents}


def compare_dossiers(
    old: Dossier, new: Dossier, prefix: str, sides: tuple[Side, Side] = (OLD, NEW)
) -> list[Changement]:
    """Every change between two versions of a territory (`prefix`: its folder among those
    compared, `.` when alone), files named `prefix/plan.yaml`."""
    changes: list[Changement] = [*_invalid(old, sides[0]), *_invalid(new, sides[1])]

    def name(file: str) -> str:
        """`prefix/activite/2022.yaml`: a file by its path in its territory."""
        return f"{prefix}/{file}" if prefix != "." else file

    if old.territoire and new.territoire:
        changes += compare_territory(name("clsm.yaml"), old.territoire[1], new.territoire[1])
    if old.annuaire and new.annuaire:
        changes += compare_partners(name("partenaires.yaml"), old.annuaire[1], new.annuaire[1])
    changes += _plan_files(old, new, name)
    changes += _activity_years(old, new, name)
    return changes


def _plan_files(old: Dossier, new: Dossier, name: Callable[[str], str]) -> list[Changement]:
    """Plans compared file by file; a territory's only plan renamed is compared with itself."""
    old_plans = {Path(doc.file).name: plan for doc, plan in old.plans}
    new_plans = {Path(doc.file).name: plan for doc, plan in new.plans}
    if len(old_plans) == len(new_plans) == 1 and old_plans.keys() != new_plans.keys():
        (old_name, old_plan), (new_name, new_plan) = *old_plans.items(), *new_plans.items()
        return [
            Changement(name(new_name), "plan", "renommage", f"{old_name} renommé {new_name}"),
            *compare_plans(name(new_name), old_plan, new_plan),
        ]
    changes: list[Changement] = []
    read_on_both_sides = _read(old) & _read(new)
    for file, before, after in side_by_side(old_plans, new_plans):
        if before is not None and after is not None:
            changes += compare_plans(name(file), before, after)
        elif file in read_on_both_sides:
            continue  # invalid on one side: said above, not a plan added or removed
        elif after is not None:
            periode = f"{after.periode.debut}–{after.periode.fin}"
            changes.append(
                Changement(name(file), "plan", "ajout", f"plan ajouté : {after.titre} ({periode})")
            )
            before = new.plan_precedent(after)  # already there: its actions are followed
            source = next((f for f, p in old_plans.items() if before and p == before), None)
            if before is not None and source is not None:
                changes += continued_in(name(file), source, before, after)
        elif before is not None:
            changes.append(
                Changement(name(file), "plan", "suppression", f"plan supprimé : {before.titre}")
            )
    return changes


def _activity_years(old: Dossier, new: Dossier, name: Callable[[str], str]) -> list[Changement]:
    """Each year's activity, with the plan covering the year for the indicators' units."""
    changes: list[Changement] = []
    read_on_both_sides = _read(old) & _read(new)
    for year, before, after in side_by_side(_activities(old), _activities(new)):
        file = f"{ACTIVITE_DIR}/{year}.yaml"
        if file in read_on_both_sides and (before is None or after is None):
            continue  # invalid on one side: said above
        covering = new.plan_pour(year) or old.plan_pour(year)
        changes += compare_activities(name(file), before, after, covering[1] if covering else None)
    return changes


def _activities(dossier: Dossier) -> dict[int, Activite]:
    """The sound activities by year (the first read, as `Dossier.activite` gives it)."""
    found: dict[int, Activite] = {}
    for _, activite in dossier.activites:
        found.setdefault(activite.annee, activite)
    return found


def compare_paths(
    old: Path, new: Path, sides: tuple[Side, Side] = (OLD, NEW), base: str = "."
) -> list[Changement]:
    """Two files, or two folders of territories; `base`, the folder the files are named
    from (`plans` → `plans/cctc/plan.yaml`), by default none (`cctc/plan.yaml`)."""
    if old.is_file() and new.is_file():
        return compare_files(old, new, sides)
    if old.is_file() or new.is_file():
        raise UsageError("comparez deux fichiers, ou deux dossiers")
    changes: list[Changement] = []
    for key, before, after in side_by_side(_territories(old), _territories(new)):
        where = key if base == "." else (base if key == "." else f"{base}/{key}")
        if before is None:
            changes.append(Changement(where, "territoire", "ajout", f"territoire ajouté : {where}"))
        elif after is None:
            changes.append(
                Changement(where, "territoire", "suppression", f"territoire supprimé : {where}")
            )
        else:
            changes += compare_dossiers(before, after, where, sides)
    return changes


def has_territory(path: Path) -> bool:
    """Whether a folder holds a territory (a clsm.yaml), at any depth."""
    return any(path.rglob("clsm.yaml"))
