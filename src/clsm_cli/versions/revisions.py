"""`clsm diff`'s words, and git revisions as sides: each revision read through git itself
into a temporary folder, then compared as folders or files are (sides.py)."""

from __future__ import annotations

import dataclasses
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..problems import ClsmError, UsageError
from ..validation.dossier import display_name, territory_name, territory_of
from .changes import Changement
from .sides import NEW, Side, compare_files, compare_paths, has_territory


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
            f"« {word} » n'est pas un chemin existant, et {territory_name(cwd)} n'est pas dans un"
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
        return _simply_named(
            [c for c in changes if Path(c.fichier).resolve().is_relative_to(limit)]
        )
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
        if not (has_territory(old) or has_territory(new)):
            return []
        return _simply_named(compare_paths(old, new, sides, display_name(scope)))


def _simply_named(changes: list[Changement]) -> list[Changement]:
    """Files named by their shortest path from here: `2026.yaml` in `activite/`, not
    `../activite/2026.yaml`."""
    return [dataclasses.replace(c, fichier=display_name(Path(c.fichier))) for c in changes]


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
    if not scope.is_dir() or has_territory(scope):
        return None
    root = territory_of(scope / "_")
    return root if root is not None and root.resolve() != scope.resolve() else None
