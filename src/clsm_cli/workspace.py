"""Finding a territory's files, reading them, and checking each against its model.

A territory is a folder holding `clsm.yaml`; beside it `partenaires.yaml`, one or more
`plan*.yaml`, and `activite/AAAA.yaml` for each year. The file name says the kind.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .loader import Document, load_file
from .models import Activite, Annuaire, Plan, Territoire
from .problems import Gravite, Problem, UsageError
from .validation import validate

TERRITOIRE = "clsm.yaml"
PARTENAIRES = "partenaires.yaml"
ACTIVITE_DIR = "activite"
YAML_SUFFIXES = (".yaml", ".yml")
_KNOWN_NAMES = "noms reconnus : clsm.yaml, partenaires.yaml, plan….yaml, activite/AAAA.yaml"
IGNORED_DIRS = frozenset({"templates", "out", ".git", "node_modules", "__pycache__"})


def kind_of(path: Path) -> str | None:
    """Which model a file follows, told by its name and folder."""
    if path.suffix not in YAML_SUFFIXES:
        return None
    if path.name == TERRITOIRE:
        return "territoire"
    if path.name == PARTENAIRES:
        return "partenaires"
    if path.parent.name == ACTIVITE_DIR:
        return "activite"
    if path.name.startswith("plan"):
        return "plan"
    return None


@dataclass(slots=True)
class Dossier:
    """A territory's folder, read: each file with its model when it is sound."""

    root: Path
    documents: list[Document] = field(default_factory=list)
    territoire: tuple[Document, Territoire] | None = None
    annuaire: tuple[Document, Annuaire] | None = None
    plans: list[tuple[Document, Plan]] = field(default_factory=list)
    activites: list[tuple[Document, Activite]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def plan_pour(self, annee: int) -> tuple[Document, Plan] | None:
        """The plan whose period covers a year (the latest starting, if several do)."""
        covering = [(doc, plan) for doc, plan in self.plans if plan.couvre(annee)]
        return max(covering, key=lambda item: item[1].periode.debut, default=None)

    def activite(self, annee: int) -> Activite | None:
        """The activity of a year, if its file is sound."""
        return next((act for _, act in self.activites if act.annee == annee), None)


def display_name(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def territory_files(root: Path) -> list[Path]:
    """The YAML files of a territory folder, in a stable order."""
    folders = [root] + ([root / ACTIVITE_DIR] if (root / ACTIVITE_DIR).is_dir() else [])
    return sorted(
        path
        for folder in folders
        for path in folder.iterdir()
        if path.suffix in YAML_SUFFIXES
        and not path.name.startswith(".")
        and (path.is_file() or path.is_symlink())
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
            root = _territory_of(path)
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
            if not found:
                raise UsageError(
                    f"{display_name(path)} : aucun territoire (fichier clsm.yaml) dans ce dossier",
                    hint="créez-en un avec « clsm init », ou indiquez le bon dossier",
                )
            roots.extend(found)
    unique: list[Path] = []
    for root in roots:
        if root.resolve() not in (r.resolve() for r in unique):
            unique.append(root)
    return unique


def _territory_of(file: Path) -> Path | None:
    for folder in (file.parent, file.parent.parent):
        if (folder / TERRITOIRE).is_file():
            return folder
    return None


def load_dossier(root: Path) -> Dossier:
    """Read every file of a territory and check each against its model."""
    dossier = Dossier(root=root)
    for path in territory_files(root):
        name = display_name(path)
        kind = kind_of(path)
        if kind is None:
            dossier.problems.append(
                Problem(
                    "fichier-inconnu",
                    "clsm ne sait pas quel rôle a ce fichier ; il est ignoré",
                    name,
                    hint=_KNOWN_NAMES,
                    severity=Gravite.AVERTISSEMENT,
                )
            )
            continue
        doc = load_file(path, name)
        dossier.documents.append(doc)
        dossier.problems.extend(doc.problems)
        if kind == "territoire":
            territoire, problems = validate(doc, Territoire)
            if territoire is not None:
                dossier.territoire = (doc, territoire)
        elif kind == "partenaires":
            annuaire, problems = validate(doc, Annuaire)
            if annuaire is not None:
                dossier.annuaire = (doc, annuaire)
        elif kind == "plan":
            plan, problems = validate(doc, Plan)
            if plan is not None:
                dossier.plans.append((doc, plan))
        else:
            activite, problems = validate(doc, Activite)
            if activite is not None:
                dossier.activites.append((doc, activite))
        dossier.problems.extend(problems)
    if not (root / PARTENAIRES).is_file():
        dossier.problems.append(
            Problem(
                "territoire-incomplet",
                "le territoire n'a pas d'annuaire partenaires.yaml",
                display_name(root / TERRITOIRE),
                hint="créez partenaires.yaml : les autres fichiers y renvoient par identifiant",
                severity=Gravite.AVERTISSEMENT,
            )
        )
    return dossier
