"""JSON Schemas of the file kinds, for editors (yaml-language-server) and check-jsonschema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from .kinds import KINDS
from .writing.atomic import write_text


class _SchemaFrancais(GenerateJsonSchema):
    """Titles and descriptions for people, in French.

    Models carry theirs in `model_config` (`pour_les_editeurs`) and fields in
    `Field(description=…)`; pydantic's automatic property titles ("Representant Usagers")
    are left out, the key itself being the name; enums describe themselves (`Choix`).
    """

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def schema_of(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one file kind."""
    body = KINDS[kind].model.model_json_schema(mode="validation", schema_generator=_SchemaFrancais)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://clsm.invalid/schemas/{KINDS[kind].schema_file}",
        **body,
        "title": KINDS[kind].titre,
    }


def render(kind: str) -> str:
    """A schema as the text written to disk (stable, so that git diffs stay small)."""
    return json.dumps(schema_of(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into a folder; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / KINDS[kind].schema_file
        write_text(path, render(kind))
        written.append(path)
    return written
