"""`clsm init`: a new territory folder, ready to edit, validate and commit."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jinja2

from .kinds import ACTIVITE_DIR, KINDS, PARTENAIRES, TERRITOIRE
from .problems import ClsmError, UsageError
from .resources import SHIPPED
from .schema import write_schemas
from .writing.atomic import write_text

STARTERS = SHIPPED / "init"
PLAN_FILES = (TERRITOIRE, PARTENAIRES, ACTIVITE_DIR)


def _vscode_settings() -> str:
    settings = {
        "yaml.schemas": {f"schemas/{kind.schema_file}": kind.motif for kind in KINDS.values()},
        "files.encoding": "utf8",
        "files.eol": "\n",
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2},
    }
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def create_territory(folder: Path, annee: int | None = None) -> list[Path]:
    """Create the starter files; refuse a folder that already holds plan files."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} existe et n'est pas un dossier")
    existing = [name for name in PLAN_FILES if (folder / name).exists()]
    existing += [p.name for p in folder.glob("plan*.yaml")] if folder.is_dir() else []
    if existing:
        raise ClsmError(
            f"{folder} contient déjà des fichiers de plan ({', '.join(sorted(existing))}) :"
            " rien n'a été écrit",
            hint="clsm init crée un nouveau territoire dans un dossier vide ou neuf",
        )
    year = annee or date.today().year
    env = jinja2.Environment(keep_trailing_newline=True, undefined=jinja2.StrictUndefined)

    def render(name: str) -> str:
        return env.from_string((STARTERS / name).read_text(encoding="utf-8")).render(annee=year)

    files = {
        folder / TERRITOIRE: render("clsm.yaml"),
        folder / PARTENAIRES: render("partenaires.yaml"),
        folder / f"plan-{year}-{year + 4}.yaml": render("plan.yaml"),
        folder / ACTIVITE_DIR / f"{year}.yaml": render("activite.yaml"),
        folder / ".pre-commit-config.yaml": render("pre-commit-config.yaml"),
        folder / ".vscode" / "settings.json": _vscode_settings(),
    }
    if not (folder / ".gitignore").exists():
        files[folder / ".gitignore"] = render("gitignore")
    written = []
    for path, text in files.items():
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(path, text)
        written.append(path)
    written += write_schemas(folder / "schemas")
    return written
