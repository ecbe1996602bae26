"""The two sides of `clsm diff`: two files, two folders of territories (each territory compared
file by file), or git revisions read through git itself into temporary folders."""

from __future__ import annotations

import dataclasses
import subprocess
import tempfile
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
    display_name,
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
    if not _has_territory(path):
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


def read_words(words: list[str]) -> tuple[list[str], list[Path]]:
    """`clsm diff`'s words, as (revisions, paths): a word naming an existing file or folder
    is a path, any other a git revision (checked when read, against the paths' repository).
    Without a revision, two paths compared; with one or two, the paths they are limited to."""
    paths = [Path(word) for word in words if Path(word).exists()]
    revisions = [word for word in words if not Path(word).exists()]
    example = "clsm diff HEAD, ou clsm diff ancien/ nouveau/"
    if not words:
        raise UsageError("indiquez ce qu'il faut comparer", hint=example)
    if len(revisions) > 2:
        for word in revisions:
            _check_revision(word, Path.cwd())
        raise UsageError(
            f"au plus deux révisions git à comparer (reçu : {', '.join(revisions)})",
            hint="une révision se compare aux fichiers actuels, ou à une seconde révision",
        )
    if not revisions and len(paths) == 1:
        raise UsageError(
            f"{display_name(paths[0])} : indiquez le second fichier ou dossier à comparer,"
            " ou une révision git avant lui",
            hint=f"clsm diff HEAD {words[0]}",
        )
    if not revisions and len(paths) > 2:
        raise UsageError(
            f"{len(paths)} chemins donnés : comparez deux fichiers ou deux dossiers,"
            " ou donnez d'abord une révision git",
            hint=example,
        )
    return revisions, paths


# ---------------------------------------------------------------- git


def _git(cwd: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise ClsmError(
            "git n'est pas installé", hint="installez git, ou comparez deux dossiers"
        ) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ClsmError(f"git : {message[0] if message else 'échec'}")
    return done.stdout


def is_revision(text: str, cwd: Path) -> bool:
    """Whether a word names a git revision here."""
    try:
        _git(cwd, "rev-parse", "--verify", "--quiet", f"{text}^{{commit}}")
    except ClsmError:
        return False
    return True


def _check_revision(word: str, cwd: Path) -> None:
    if not is_revision(word, cwd) and not _in_a_repository(cwd):
        raise UsageError(
            f"« {word} » n'est pas un chemin existant, et {display_name(cwd)} n'est pas dans un"
            " dépôt git : il n'y a pas de révision à comparer",
            hint="comparez deux fichiers ou dossiers (clsm diff ancien nouveau), ou lancez"
            " « git init » pour suivre les versions du territoire",
        )
    if not is_revision(word, cwd):
        raise UsageError(
            f"« {word} » n'est ni un chemin existant ni une révision git de ce dépôt",
            hint="une révision : HEAD, HEAD~1, un tag (v2023), un commit ; un chemin :"
            " un fichier ou un dossier qui existe",
        )


def _in_a_repository(folder: Path) -> bool:
    """Whether git knows the folder as part of a repository."""
    try:
        _git(folder, "rev-parse", "--git-dir")
    except ClsmError:
        return False
    return True


def extract(rev: str, scope: Path, into: Path) -> Path:
    """Write the YAML files of `scope` (a folder) as they were at `rev` under `into`; return
    its copy."""
    top = Path(_git(scope, "rev-parse", "--show-toplevel").decode().strip())
    relative = scope.resolve().relative_to(top.resolve())
    listing = _git(top, "ls-tree", "-r", "-z", "--name-only", rev, "--", relative.as_posix() or ".")
    for name in filter(None, listing.decode("utf-8").split("\0")):
        if not name.endswith((".yaml", ".yml")):
            continue
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_git(top, "show", f"{rev}:{name}"))
    copy = into / relative
    copy.mkdir(parents=True, exist_ok=True)
    return copy


def compare_revisions(old_rev: str, new_rev: str | None, scope: Path) -> list[Changement]:
    """The plan files under `scope` (a folder or a file) at `old_rev`, against `new_rev` or
    the working tree; files named as the user would type them from here."""
    inside = _inside_a_territory(scope)
    if inside is not None:  # `clsm diff HEAD .` typed in activite/: its territory, limited
        changes = compare_revisions(old_rev, new_rev, inside)
        limit = scope.resolve()
        return [
            dataclasses.replace(c, fichier=display_name(Path(c.fichier)))
            for c in changes
            if Path(c.fichier).resolve().is_relative_to(limit)
        ]
    folder = scope if scope.is_dir() else (territory_of(scope) or scope.parent)
    for rev in filter(None, (old_rev, new_rev)):
        _check_revision(rev, folder)
    with tempfile.TemporaryDirectory(prefix="clsm-diff-") as temporary:
        old = extract(old_rev, folder, Path(temporary) / "avant")
        sides = (Side(f"la version {old_rev}", _copy_of(old, folder)), NEW)
        if new_rev:
            new = extract(new_rev, folder, Path(temporary) / "apres")
            sides = (sides[0], Side(f"la version {new_rev}", _copy_of(new, folder)))
        else:
            new = folder
            sides = (sides[0], Side(NEW.label, lambda file: display_name(Path(file))))
        if scope.is_file():
            return _compare_file_versions(scope, folder, (old, new), sides)
        if not (_has_territory(old) or _has_territory(new)):
            return []
        return compare_paths(old, new, sides, display_name(scope))


def _compare_file_versions(
    scope: Path, folder: Path, copies: tuple[Path, Path], sides: tuple[Side, Side]
) -> list[Changement]:
    """One file at two versions, read with its territory (`copies`: the folder's versions)."""
    relative = scope.resolve().relative_to(folder.resolve())
    old, new = (copy / relative for copy in copies)
    for path, side in ((old, sides[0]), (new, sides[1])):
        if not path.is_file():
            raise UsageError(
                f"{display_name(scope)} : ce fichier n'existe pas dans {side.label}",
                hint="comparez le dossier qui le contient : ajouts et suppressions y sont dits",
            )
    return compare_files(old, new, sides, display_name(scope))


def _copy_of(copy: Path, scope: Path) -> Callable[[str], str]:
    """Name a file read in `copy` (a revision of `scope` extracted) as the file in `scope`
    it is a version of, as the user would type it."""
    root = copy.resolve()

    def name(file: str) -> str:
        try:
            relative = Path(file).resolve().relative_to(root)
        except ValueError:
            return file
        return display_name(scope / relative)

    return name


def _inside_a_territory(scope: Path) -> Path | None:
    """The territory a folder lies inside (`activite/`), when the folder holds none itself."""
    if not scope.is_dir() or _has_territory(scope):
        return None
    root = territory_of(scope / "_")
    return root if root is not None and root.resolve() != scope.resolve() else None


def _has_territory(path: Path) -> bool:
    return any(path.rglob("clsm.yaml"))
