"""The four kinds of file of a territory, decided here and read by everyone.

A territory is a folder holding `clsm.yaml`; beside it `partenaires.yaml`, one or more
`plan*.yaml`, and `activite/AAAA.yaml` for each year. The file's name says its kind; only a
file whose name says nothing is recognised by its content, to say how to name it (and by
`clsm diff`, which git hands temporary names). Validation, fmt, diff, import, init and the
JSON Schemas all take a kind's name, model, schema title and editor pattern from here.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

TERRITOIRE = "clsm.yaml"
PARTENAIRES = "partenaires.yaml"
ACTIVITE_DIR = "activite"
YAML_SUFFIXES = (".yaml", ".yml")
KNOWN_NAMES = "noms reconnus : clsm.yaml, partenaires.yaml, plan….yaml, activite/AAAA.yaml"


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of file: what it is called, where it lives, which model it follows."""

    nom: str
    """The kind's name, also the name of its JSON Schema (`plan` → plan.schema.json)."""
    libelle: str
    """The kind in a French sentence: « ce fichier ressemble à un plan »."""
    motif: str
    """Where files of this kind live in a territory, as a glob (editors' schema mapping)."""
    titre: str
    """The JSON Schema's title, shown by editors."""
    modele: str
    """The pydantic model's class name in `clsm_cli.models`."""

    @property
    def model(self) -> type[BaseModel]:
        """The model files of this kind follow (imported on first use)."""
        from . import models

        model: type[BaseModel] = getattr(models, self.modele)
        return model

    @property
    def schema_file(self) -> str:
        """The file name of the kind's JSON Schema."""
        return f"{self.nom}.schema.json"


KINDS: dict[str, Kind] = {
    kind.nom: kind
    for kind in (
        Kind(
            "territoire", "un fichier clsm.yaml", TERRITOIRE,
            "Territoire clsm (clsm.yaml)", "Territoire",
        ),
        Kind(
            "partenaires", "un annuaire des partenaires", PARTENAIRES,
            "Annuaire des partenaires (partenaires.yaml)", "Annuaire",
        ),
        Kind("plan", "un plan", "plan*.yaml", "Plan d'action (plan-AAAA-AAAA.yaml)", "Plan"),
        Kind(
            "activite", "une activité annuelle", f"{ACTIVITE_DIR}/*.yaml",
            "Activité d'une année (activite/AAAA.yaml)", "Activite",
        ),
    )
}  # fmt: skip


SCHEMAS_DIR = "schemas"
"""The folder of the JSON Schemas: a territory's own (`clsm init`) or a repository's
(`clsm schema`)."""


def schema_comment(folder: Path, kind: str) -> str:
    """The first line that ties a new file of this kind, written in `folder`, to its JSON
    Schema for editors (yaml-language-server): the nearest `schemas/` above the file that
    holds it; "" when there is none, rather than a link to nothing."""
    name = KINDS[kind].schema_file
    here = folder.resolve()
    for above in (here, *here.parents):
        schema = above / SCHEMAS_DIR / name
        if schema.is_file():
            relative = Path(os.path.relpath(schema, here)).as_posix()
            return f"# yaml-language-server: $schema={relative}\n"
    return ""


def is_yaml(path: Path) -> bool:
    """Whether a file is YAML by its suffix, however it is written (`.yaml`, `.YML`…)."""
    return path.suffix.lower() in YAML_SUFFIXES


def kind_of(path: Path) -> str | None:
    """Which kind a file is, told by its name and folder; None when the name says nothing."""
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


@functools.cache
def _activity_fields() -> frozenset[str]:
    from .models import Activite

    return frozenset(Activite.model_fields) - {"annee"}


def kind_by_content(data: Any) -> tuple[str, str] | None:
    """The kind a file's top-level keys tell, and the key that tells it; None if no kind fits.

    Only for files whose name says nothing: the name decides for every other file.
    """
    if not isinstance(data, dict):
        return None
    keys = set(data)
    if "annee" in keys and (keys & _activity_fields() or keys == {"annee"}):
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


def slug(text: str) -> str:
    """`Plan 2025–2029 (v2)` → `plan-2025-2029-v2`: lower case, no accents, hyphens."""
    import unicodedata  # its tables cost ~2 ms: not on `clsm validate`'s road

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
    name = slug(path.stem) or "plan"
    return f"{name if name.startswith('plan') else 'plan-' + name}.yaml"


def looks_like_activity_folder(name: str) -> bool:
    """`Activité`, `activites`, `ACTIVITES 2022`: a folder meant to be `activite/`."""
    return name != ACTIVITE_DIR and "ctivit" in name.lower() and slug(name).startswith("activit")
