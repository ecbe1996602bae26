"""JSON Schemas of the file kinds, for editors (yaml-language-server) and check-jsonschema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .models import Activite, Annuaire, Plan, Territoire
from .writing.atomic import write_text

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "territoire": (Territoire, "Territoire clsm (clsm.yaml)"),
    "partenaires": (Annuaire, "Annuaire des partenaires (partenaires.yaml)"),
    "plan": (Plan, "Plan d'action (plan-AAAA-AAAA.yaml)"),
    "activite": (Activite, "Activité d'une année (activite/AAAA.yaml)"),
}


def schema_of(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one file kind."""
    model, title = SCHEMAS[kind]
    body = model.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://clsm.invalid/schemas/{kind}.schema.json",
        **body,
        "title": title,
    }


def render(kind: str) -> str:
    """A schema as the text written to disk (stable, so that git diffs stay small)."""
    return json.dumps(schema_of(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into a folder; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in SCHEMAS:
        path = folder / f"{kind}.schema.json"
        write_text(path, render(kind))
        written.append(path)
    return written
