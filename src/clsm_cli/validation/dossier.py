"""Finding a territory's files, reading them, and checking each against its model.

What the files are called and which model each follows is decided in kinds.py.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..kinds import (
    ACTIVITE_DIR,
    KINDS,
    KNOWN_NAMES,
    TERRITOIRE,
    expected_name,
    is_yaml,
    kind_by_content,
    kind_of,
    looks_like_activity_folder,
)
from ..loader import Document, load_file, parse
from ..models import Activite, Annuaire, Plan, Territoire
from ..problems import Gravite, Problem, UsageError
from .documents import validate

IGNORED_DIRS = frozenset({"templates", "out", ".git", "node_modules", "__pycache__"})


@dataclass(slots=True)
class Dossier:
    """A territory's folder, read: each file with its model when it is sound."""

    root: Path
    documents: list[Document] = field(default_factory=list)
    territoire: tuple[Document, Territoire] | None = None
    annuaire: tuple[Document, Annuaire] | None = None
    plans: list[tuple[Document, Plan]] = field(default_factory=list)
    activites: list[tuple[Document, Activite]] = field(default_factory=list)
    lus: list[tuple[str, Document]] = field(default_factory=list)
    """Every file read as a kind, sound or not, in reading order."""
    invalides: list[tuple[str, Document]] = field(default_factory=list)
    """Files of a known kind that do not pass their model (or could not be read), by kind."""
    problems: list[Problem] = field(default_factory=list)
    validations: dict[str, tuple[object, list[Problem]]] = field(default_factory=dict)
    """Each file's model (None when it fails) and its model's problems, by file name."""

    def plans_pour(self, annee: int) -> list[tuple[Document, Plan]]:
        """Every sound plan whose period covers a year, the latest starting first."""
        covering = [(doc, plan) for doc, plan in self.plans if plan.couvre(annee)]
        return sorted(covering, key=lambda item: -item[1].periode.debut)

    def plan_pour(self, annee: int) -> tuple[Document, Plan] | None:
        """The plan whose period covers a year (the latest starting, if several do)."""
        covering = self.plans_pour(annee)
        return covering[0] if covering else None

    def plan_precedent(self, plan: Plan) -> Plan | None:
        """The sound plan before a plan: the latest ending before it starts (`suite_de`
        names its actions)."""
        earlier = [p for _, p in self.plans if p.periode.fin < plan.periode.debut]
        return max(earlier, key=lambda p: p.periode.fin, default=None)

    def activite(self, annee: int) -> Activite | None:
        """The activity of a year, if its file is sound."""
        return next((act for _, act in self.activites if act.annee == annee), None)

    def has(self, kind: str) -> bool:
        """Whether a file of this kind was read, sound or not."""
        return any(k == kind for k, _ in self.lus)

    def read_as(self, kind: str) -> list[Document]:
        """The files read as a kind, sound or not, in reading order."""
        return [doc for k, doc in self.lus if k == kind]

    def read(
        self, doc: Document, kind: str, validated: tuple[object, list[Problem]] | None = None
    ) -> None:
        """Add a file read as a kind: its problems, and its model when it passes (`validated`:
        the model and problems another reading of the same file found)."""
        self.documents.append(doc)
        self.lus.append((kind, doc))
        self.problems.extend(doc.problems)
        model, problems = validated or validate(doc, KINDS[kind].model)
        self.validations[doc.file] = (model, problems)
        if isinstance(model, Territoire):
            self.territoire = (doc, model)
        elif isinstance(model, Annuaire):
            self.annuaire = (doc, model)
        elif isinstance(model, Plan):
            self.plans.append((doc, model))
        elif isinstance(model, Activite):
            self.activites.append((doc, model))
        if model is None:
            self.invalides.append((kind, doc))
        self.problems.extend(problems)


def display_name(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def territory_name(root: Path) -> str:
    """A territory as messages name it: its folder as the user would type it, or, when it
    is the current folder or one above it (`.`, `..` from its activite/), the folder's own
    name (`saint-nazaire`)."""
    shown = display_name(root)
    return root.resolve().name if not shown.strip("./") else shown


def territory_files(root: Path) -> list[Path]:
    """The YAML files of a territory folder, in a stable order.

    Besides the folder and its `activite/`, this lists the YAML files of a folder that is
    meant to be `activite/` (`Activité/`), and files whose suffix is written in capitals:
    they are not recognised, but their content says what they are meant to be.
    """
    folders = [root]
    for sub in sorted(root.iterdir()):
        meant = sub.name == ACTIVITE_DIR or looks_like_activity_folder(sub.name)
        if meant and sub.is_dir():
            folders.append(sub)
    return sorted(
        path
        for folder in folders
        for path in folder.iterdir()
        if is_yaml(path) and not path.name.startswith(".") and (path.is_file() or path.is_symlink())
    )


def find_territories(paths: Iterable[Path]) -> list[Path]:
    """Territory folders designated by files or folders given on the command line."""
    roots: list[Path] = []
    for path in paths:
        if not path.exists():
            raise UsageError(
                f"{display_name(path)} : ce chemin n'existe pas",
                hint="donnez le dossier d'un territoire, ou un dossier qui en contient",
            )
        if path.is_file():
            root = territory_of(path)
            if root is None:
                raise UsageError(
                    f"{display_name(path)} : aucun clsm.yaml dans ce dossier ni au-dessus",
                    hint="un fichier se valide avec son territoire (le dossier de clsm.yaml)",
                )
            roots.append(root)
        elif (path / TERRITOIRE).is_file():
            roots.append(path)
        else:
            found = sorted(
                p.parent
                for p in path.rglob(TERRITOIRE)
                if not IGNORED_DIRS.intersection(p.relative_to(path).parts[:-1])
            )
            above = None if found else territory_at(path.absolute())
            if above is not None:  # `.` typed inside activite/: its territory, as for a file
                found = [above]
            if not found:
                misnamed = _misnamed_territory(path)
                raise UsageError(
                    f"{display_name(path)} : aucun territoire (fichier clsm.yaml) dans ce dossier",
                    hint=f"renommez {misnamed} en clsm.yaml : c'est à ce nom que clsm reconnaît"
                    " un territoire"
                    if misnamed
                    else "créez-en un avec « clsm init », ou indiquez le bon dossier",
                )
            roots.extend(found)
    unique: list[Path] = []
    for root in roots:
        if root.resolve() not in (r.resolve() for r in unique):
            unique.append(root)
    return unique


def _misnamed_territory(folder: Path) -> str | None:
    """A `clsm.yml` or `CLSM.yaml` in a folder that has no `clsm.yaml`."""
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.stem.lower() == "clsm" and is_yaml(path):
            return display_name(path)
    return None


def territory_of(file: Path) -> Path | None:
    """The territory a file sits in: its folder, or the one above (`activite/2025.yaml`)."""
    return territory_at(file.absolute().parent)  # `2025.yaml` typed inside activite/


def territory_at(folder: Path) -> Path | None:
    """The territory of a folder: itself, or the one above (`activite/`)."""
    for candidate in (folder, folder.parent):
        if (candidate / TERRITOIRE).is_file():
            return candidate
    return None


def load_dossier(
    root: Path, texts: Mapping[Path, str] | None = None, known: Dossier | None = None
) -> Dossier:
    """Read every file of a territory and check each against its model.

    The name of a file decides its kind. A YAML file whose name says nothing is read to see
    whether its content looks like a kind: if so, it is an error that says how to name it,
    and the file is read as that kind so that the other files can still be checked against
    it; if not, it is only a warning. `texts` stand for files (there or not) as they would
    be written: a territory is checked before an import writes anything. The files of
    `known`, the same territory read earlier by this command, are not read again.
    """
    dossier = Dossier(root=root)
    earlier = {doc.file: (kind, doc) for kind, doc in known.lus} if known else {}
    unknown: list[Path] = []
    given = {path.resolve(): text for path, text in (texts or {}).items()}
    paths = territory_files(root)
    paths += sorted(p for p in (texts or {}) if p.resolve() not in {q.resolve() for q in paths})
    for path in paths:
        kind = kind_of(path)
        if kind is None:
            unknown.append(path)
        elif path.resolve() in given:
            dossier.read(parse(given[path.resolve()], display_name(path)), kind)
        elif known is not None and earlier.get(display_name(path), ("", None))[0] == kind:
            doc = earlier[display_name(path)][1]
            dossier.read(doc, kind, known.validations[doc.file])
        else:
            dossier.read(load_file(path, display_name(path)), kind)
    for path in unknown:
        _read_unknown(dossier, path)
    return dossier


def _read_unknown(dossier: Dossier, path: Path) -> None:
    name = display_name(path)
    doc = load_file(path, name)
    found = kind_by_content(doc.data)
    if found is None:
        dossier.problems.append(
            Problem(
                "fichier-inconnu",
                "clsm ne sait pas quel rôle a ce fichier ; il est ignoré",
                name,
                hint=KNOWN_NAMES,
                severity=Gravite.AVERTISSEMENT,
            )
        )
        return
    kind, key = found
    target = expected_name(kind, doc.data, path)
    dossier.problems.append(
        doc.problem(
            "fichier-mal-nomme",
            f"ce fichier ressemble à {KINDS[kind].libelle} (clé « {key} »), mais son nom ne le dit"
            " pas : clsm reconnaît chaque fichier à son nom",
            (key,),
            key=True,
            hint=_naming_hint(dossier.root, path, target),
        )
    )
    if kind in ("territoire", "partenaires") and dossier.has(kind):
        return
    dossier.read(doc, kind)


def _naming_hint(root: Path, path: Path, target: str) -> str:
    """What to do with a misnamed file: move it, rename it, or merge it into its namesake."""
    taken = root / target
    if taken.exists() and not _same_file(taken, path):
        return (
            f"{target} existe déjà : supprimez ce fichier s'il en est une copie, ou reportez"
            f" son contenu dans {target}"
        )
    wanted = Path(target)
    steps = []
    if path.parent.resolve() != (root / wanted.parent).resolve():
        folder = wanted.parent.as_posix()
        steps.append(
            "déplacez-le dans le dossier du territoire"
            if folder == "."
            else f"déplacez-le dans {folder}/"
        )
    if path.name != wanted.name:
        steps.append(f"renommez-le {wanted.name}")
    hint = " et ".join(steps)
    if wanted.name.startswith("plan"):
        hint += " (le nom d'un fichier de plan commence par « plan »)"
    return hint


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False
