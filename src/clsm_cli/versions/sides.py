"""The two sides of `clsm diff`: files, folders, or git revisions read through git itself."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..kinds import KINDS, KNOWN_NAMES, kind_by_content, kind_of
from ..loader import load_file
from ..models import Activite, Annuaire, Plan, Territoire
from ..problems import ClsmError, UsageError
from ..validation.documents import validate
from ..validation.dossier import Dossier, find_territories, load_dossier, territory_of
from .activities import compare_activities
from .changes import Changement
from .plans import compare_plans
from .territory import compare_partners, compare_territory


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


def _model_of_file(path: Path, kind: str) -> BaseModel:
    doc = load_file(path)
    model, problems = validate(doc, KINDS[kind].model)
    if model is None:
        first = (doc.problems + problems)[0] if doc.problems + problems else None
        where = f":{first.line}:{first.column}" if first and first.line else ""
        why = f" ({first.message})" if first else ""
        raise ClsmError(
            f"{path}{where} : fichier invalide{why}, comparaison impossible",
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


def compare_files(old: Path, new: Path) -> list[Changement]:
    """Two files of the same kind (names do not matter: git difftool passes temporary ones)."""
    kind = _kind(old, new)
    a, b = _model_of_file(old, kind), _model_of_file(new, kind)
    name = new.name
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
    roots = find_territories([path])
    return {
        (
            root.resolve().relative_to(path.resolve()).as_posix()
            if root.resolve() != path.resolve()
            else "."
        ): load_dossier(root)
        for root in roots
    }


def _invalid(dossier: Dossier, label: str) -> Iterator[Changement]:
    for problem in dossier.problems:
        if problem.is_error:
            yield Changement(
                problem.file,
                "fichier",
                "invalide",
                f"{label} : fichier invalide ({problem.message}), ignoré dans la comparaison",
            )
            return


def _read(dossier: Dossier) -> set[str]:
    """The files of a territory that were there to read, valid or not (`activite/2022.yaml`)."""
    root = dossier.root.resolve()
    return {Path(doc.file).resolve().relative_to(root).as_posix() for doc in dossier.documents}


def compare_dossiers(old: Dossier, new: Dossier, prefix: str) -> list[Changement]:
    """Every change between two versions of a territory."""
    changes: list[Changement] = [
        *_invalid(old, "ancienne version"),
        *_invalid(new, "nouvelle version"),
    ]

    def name(file: str) -> str:
        return f"{prefix}/{Path(file).name}" if prefix != "." else Path(file).name

    if old.territoire and new.territoire:
        changes += compare_territory(name("clsm.yaml"), old.territoire[1], new.territoire[1])
    if old.annuaire and new.annuaire:
        changes += compare_partners(name("partenaires.yaml"), old.annuaire[1], new.annuaire[1])
    old_plans = {Path(doc.file).name: plan for doc, plan in old.plans}
    new_plans = {Path(doc.file).name: plan for doc, plan in new.plans}
    if len(old_plans) == len(new_plans) == 1 and old_plans.keys() != new_plans.keys():
        (old_name, old_plan), (new_name, new_plan) = *old_plans.items(), *new_plans.items()
        changes.append(
            Changement(name(new_name), "plan", "renommage", f"{old_name} renommé {new_name}")
        )
        changes += compare_plans(name(new_name), old_plan, new_plan)
    else:
        old_files, new_files = _read(old), _read(new)
        for file in sorted(new_plans.keys() | old_plans.keys()):
            if file in old_plans and file in new_plans:
                changes += compare_plans(name(file), old_plans[file], new_plans[file])
            elif file in old_files and file in new_files:
                continue  # invalid on one side: said above, not a plan added or removed
            elif file in new_plans:
                plan = new_plans[file]
                changes.append(
                    Changement(
                        name(file),
                        "plan",
                        "ajout",
                        f"plan ajouté : {plan.titre} ({plan.periode.debut}–{plan.periode.fin})",
                    )
                )
            else:
                changes.append(
                    Changement(
                        name(file),
                        "plan",
                        "suppression",
                        f"plan supprimé : {old_plans[file].titre}",
                    )
                )
    years = sorted({a.annee for _, a in old.activites} | {a.annee for _, a in new.activites})
    for year in years:
        both_read = f"activite/{year}.yaml" in _read(old) & _read(new)
        if both_read and (old.activite(year) is None or new.activite(year) is None):
            continue  # invalid on one side: said above
        covering = new.plan_pour(year) or old.plan_pour(year)
        changes += compare_activities(
            name(f"activite/{year}.yaml"),
            old.activite(year),
            new.activite(year),
            covering[1] if covering else None,
        )
    return changes


def compare_paths(old: Path, new: Path) -> list[Changement]:
    """Two files, or two folders of territories."""
    if old.is_file() and new.is_file():
        return compare_files(old, new)
    if old.is_file() or new.is_file():
        raise UsageError("comparez deux fichiers, ou deux dossiers")
    before, after = _territories(old), _territories(new)
    changes: list[Changement] = []
    for key in sorted(before.keys() | after.keys()):
        if key not in before:
            changes.append(Changement(key, "territoire", "ajout", f"territoire ajouté : {key}"))
        elif key not in after:
            changes.append(
                Changement(key, "territoire", "suppression", f"territoire supprimé : {key}")
            )
        else:
            changes += compare_dossiers(before[key], after[key], key)
    return changes


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


def extract(rev: str, scope: Path, into: Path) -> Path:
    """Write the YAML files of `scope` as they were at `rev` under `into`; return its copy."""
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
    """The plan files under `scope` at `old_rev`, against `new_rev` or the working tree."""
    for rev in filter(None, (old_rev, new_rev)):
        if not is_revision(rev, scope):
            raise UsageError(f"« {rev} » n'est ni un chemin ni une révision git de ce dépôt")
    with tempfile.TemporaryDirectory(prefix="clsm-diff-") as folder:
        old = extract(old_rev, scope, Path(folder) / "avant")
        new = extract(new_rev, scope, Path(folder) / "apres") if new_rev else scope
        return compare_paths(old, new) if _has_territory(old) or _has_territory(new) else []


def _has_territory(path: Path) -> bool:
    return any(path.rglob("clsm.yaml"))
