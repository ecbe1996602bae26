"""Finding a territory's files, reading them, and checking each against its model.

A territory is a folder holding `clsm.yaml`; beside it `partenaires.yaml`, one or more
`plan*.yaml`, and `activite/AAAA.yaml` for each year. The file name says the kind.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..loader import Document, load_file
from ..models import Activite, Annuaire, Plan, Territoire
from ..problems import Gravite, Problem, UsageError
from .documents import validate

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
    if path.absolute().parent.name == ACTIVITE_DIR:  # `2025.yaml` typed inside activite/
        return "activite"
    if path.name.startswith("plan"):
        return "plan"
    return None


def is_yaml(path: Path) -> bool:
    """Whether a file is YAML by its suffix, however it is written (`.yaml`, `.YML`…)."""
    return path.suffix.lower() in YAML_SUFFIXES


_ACTIVITY_FIELDS = frozenset(Activite.model_fields) - {"annee"}


def kind_by_content(data: Any) -> tuple[str, str] | None:
    """The kind a file's top-level keys tell, and the key that tells it; None if no kind fits.

    Only for files whose name says nothing: the name decides for every other file.
    """
    if not isinstance(data, dict):
        return None
    keys = set(data)
    if "annee" in keys and (keys & _ACTIVITY_FIELDS or keys == {"annee"}):
        return "activite", "annee"
    for key in ("periode", "objectif_global", "axes"):
        if key in keys:
            return "plan", key
    if isinstance(data.get("partenaires"), list):
        return "partenaires", "partenaires"
    if "nom" in keys and "territoire" in keys:
        return "territoire", "territoire"
    return None


def _year(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _slug(text: str) -> str:
    """`Plan 2025–2029 (v2)` → `plan-2025-2029-v2`: lower case, no accents, hyphens."""
    import unicodedata  # only for a misnamed file

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalnum() else " " for c in plain).split())


def expected_name(kind: str, data: dict[str, Any], path: Path) -> str:
    """Where a file of this kind and content belongs, relative to its territory."""
    if kind == "territoire":
        return TERRITOIRE
    if kind == "partenaires":
        return PARTENAIRES
    if kind == "activite":
        year = _year(data.get("annee"))
        return f"{ACTIVITE_DIR}/{year if year is not None else 'AAAA'}.yaml"
    periode = data.get("periode")
    if isinstance(periode, dict):
        debut, fin = _year(periode.get("debut")), _year(periode.get("fin"))
        if debut is not None and fin is not None:
            return f"plan-{debut}-{fin}.yaml"
    slug = _slug(path.stem) or "plan"
    return f"{slug if slug.startswith('plan') else 'plan-' + slug}.yaml"


_KIND_NAMES = {
    "territoire": "un fichier clsm.yaml",
    "partenaires": "un annuaire des partenaires",
    "plan": "un plan",
    "activite": "une activité annuelle",
}


def _looks_like_activity_folder(name: str) -> bool:
    """`Activité`, `activites`, `ACTIVITES 2022`: a folder meant to be `activite/`."""
    return name != ACTIVITE_DIR and "ctivit" in name.lower() and _slug(name).startswith("activit")


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

    def plans_pour(self, annee: int) -> list[tuple[Document, Plan]]:
        """Every sound plan whose period covers a year, the latest starting first."""
        covering = [(doc, plan) for doc, plan in self.plans if plan.couvre(annee)]
        return sorted(covering, key=lambda item: -item[1].periode.debut)

    def plan_pour(self, annee: int) -> tuple[Document, Plan] | None:
        """The plan whose period covers a year (the latest starting, if several do)."""
        covering = self.plans_pour(annee)
        return covering[0] if covering else None

    def activite(self, annee: int) -> Activite | None:
        """The activity of a year, if its file is sound."""
        return next((act for _, act in self.activites if act.annee == annee), None)

    def has(self, kind: str) -> bool:
        """Whether a file of this kind was read, sound or not."""
        return any(k == kind for k, _ in self.lus)

    def read_as(self, kind: str) -> list[Document]:
        """The files read as a kind, sound or not, in reading order."""
        return [doc for k, doc in self.lus if k == kind]

    def read(self, doc: Document, kind: str) -> None:
        """Add a file read as a kind: its problems, and its model when it passes."""
        self.documents.append(doc)
        self.lus.append((kind, doc))
        self.problems.extend(doc.problems)
        model: Any = None
        if kind == "territoire":
            model, problems = validate(doc, Territoire)
            if model is not None:
                self.territoire = (doc, model)
        elif kind == "partenaires":
            model, problems = validate(doc, Annuaire)
            if model is not None:
                self.annuaire = (doc, model)
        elif kind == "plan":
            model, problems = validate(doc, Plan)
            if model is not None:
                self.plans.append((doc, model))
        else:
            model, problems = validate(doc, Activite)
            if model is not None:
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


def territory_files(root: Path) -> list[Path]:
    """The YAML files of a territory folder, in a stable order.

    Besides the folder and its `activite/`, this lists the YAML files of a folder that is
    meant to be `activite/` (`Activité/`), and files whose suffix is written in capitals:
    they are not recognised, but their content says what they are meant to be.
    """
    folders = [root]
    for sub in sorted(root.iterdir()):
        meant = sub.name == ACTIVITE_DIR or _looks_like_activity_folder(sub.name)
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


def _territory_of(file: Path) -> Path | None:
    here = file.absolute().parent  # `2025.yaml` typed inside activite/ has no parent
    for folder in (here, here.parent):
        if (folder / TERRITOIRE).is_file():
            return folder
    return None


def load_dossier(root: Path) -> Dossier:
    """Read every file of a territory and check each against its model.

    The name of a file decides its kind. A YAML file whose name says nothing is read to see
    whether its content looks like a kind: if so, it is an error that says how to name it,
    and the file is read as that kind so that the other files can still be checked against
    it; if not, it is only a warning.
    """
    dossier = Dossier(root=root)
    unknown: list[Path] = []
    for path in territory_files(root):
        kind = kind_of(path)
        if kind is None:
            unknown.append(path)
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
                hint=_KNOWN_NAMES,
                severity=Gravite.AVERTISSEMENT,
            )
        )
        return
    kind, key = found
    target = expected_name(kind, doc.data, path)
    dossier.problems.append(
        doc.problem(
            "fichier-mal-nomme",
            f"ce fichier ressemble à {_KIND_NAMES[kind]} (clé « {key} »), mais son nom ne le dit"
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
