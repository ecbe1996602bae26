"""`clsm init`: a new territory folder, ready to edit, validate and commit."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2

from .french.dates import de
from .kinds import ACTIVITE_DIR, KINDS, PARTENAIRES, TERRITOIRE
from .problems import ClsmError, UsageError
from .resources import SHIPPED
from .schema import write_schemas
from .writing.atomic import write_text

STARTERS = SHIPPED / "init"
PLAN_FILES = (TERRITOIRE, PARTENAIRES, ACTIVITE_DIR)
PLAN_YEARS = 5
"""A plan's length when --periode is not given: five years, from the first year."""
_PERIODE = re.compile(r"\s*(\d{4})\s*[-–]\s*(\d{4})\s*")
_PLAIN = re.compile(r"[^\W\d_][\w .'’()/-]*", re.UNICODE)
"""A name YAML reads as the same text without quotes (no `:`, `#`, leading sign or digit)."""


@dataclass(frozen=True, slots=True)
class Starter:
    """What the starter files say: the CLSM's and the territory's names, the plan's period,
    the year of the first activity file. None: the example text (« CLSM de Ma Ville »)."""

    debut: int
    fin: int
    annee: int
    territoire: str | None = None
    nom: str | None = None


def starter(
    territoire: str | None = None,
    nom: str | None = None,
    periode: str | None = None,
    annee: int | None = None,
    today: date | None = None,
) -> Starter:
    """The options of `clsm init`, checked: a period `2025-2029`, a first year inside it
    (by default this year if the period has it, else its first year)."""
    this_year = (today or date.today()).year
    if periode is None:
        debut = annee or this_year
        fin = debut + PLAN_YEARS - 1
    else:
        match = _PERIODE.fullmatch(periode)
        if match is None or int(match.group(1)) > int(match.group(2)):
            raise UsageError(
                f"--periode {periode} : attendu la première et la dernière année, 2025-2029"
            )
        debut, fin = int(match.group(1)), int(match.group(2))
        if annee is None:
            annee = this_year if debut <= this_year <= fin else debut
    year = annee or debut
    if not debut <= year <= fin:
        raise UsageError(
            f"--annee {year} n'est pas dans la période du plan ({debut}-{fin})",
            hint="choisissez une année de la période, ou une autre période avec --periode",
        )
    for option, value in (("--territoire", territoire), ("--nom", nom)):
        if value is not None and (not value.strip() or not value.isprintable()):
            raise UsageError(f"{option} : un nom sur une ligne, non vide, est attendu")
    return Starter(debut, fin, year, territoire and territoire.strip(), nom and nom.strip())


def _of(what: str, territoire: str) -> str:
    """« CLSM de Poitiers », « Ville d'Angers », « CLSM du Havre » (`french.dates.de`)."""
    return f"{what} {de(territoire)}"


def _yaml_text(value: str) -> str:
    """A one-line text as a YAML value: plain when it reads back the same, else quoted."""
    if _PLAIN.fullmatch(value) and not value.endswith((" ", "'")):
        return value
    return "'" + value.replace("'", "''") + "'"


def _vscode_settings() -> str:
    settings = {
        "yaml.schemas": {f"schemas/{kind.schema_file}": kind.motif for kind in KINDS.values()},
        "files.encoding": "utf8",
        "files.eol": "\n",
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2},
    }
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


_NEW_FOLDER = "clsm init crée un nouveau territoire dans un dossier vide ou neuf"


def create_territory(folder: Path, options: Starter | None = None) -> list[Path]:
    """Create the starter files; refuse a folder that already holds plan files."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} existe et n'est pas un dossier")
    existing = [name for name in PLAN_FILES if (folder / name).exists()]
    existing += [p.name for p in folder.glob("plan*.yaml")] if folder.is_dir() else []
    if existing:
        raise ClsmError(
            f"{folder} contient déjà des fichiers de plan ({', '.join(sorted(existing))}) :"
            " rien n'a été écrit",
            hint=_NEW_FOLDER,
        )
    above = folder.absolute().parent
    # typed inside a territory (`init .` in activite/: its files would be the year's), or in
    # its activite/ folder (`init x` there: a territory inside another's)
    holders = [above, above.parent] if above.name == ACTIVITE_DIR else [above]
    for holder in holders:
        if (holder / TERRITOIRE).is_file():
            raise ClsmError(
                f"{folder} est dans le dossier du territoire {holder} : rien n'a été écrit",
                hint=f"{_NEW_FOLDER}, hors du dossier d'un autre territoire",
            )
    said = options or starter()
    territoire = said.territoire
    nom = said.nom or (_of("CLSM", territoire) if territoire else "CLSM de Ma Ville")
    values = {
        "annee": said.annee,
        "debut": said.debut,
        "fin": said.fin,
        "nom": _yaml_text(nom),
        "territoire": _yaml_text(territoire or "Ville de Ma Ville"),
        "ville": _yaml_text(_of("Ville", territoire) if territoire else "Ville de Ma Ville"),
    }
    env = jinja2.Environment(keep_trailing_newline=True, undefined=jinja2.StrictUndefined)

    def render(name: str) -> str:
        return env.from_string((STARTERS / name).read_text(encoding="utf-8")).render(values)

    files = {
        folder / TERRITOIRE: render("clsm.yaml"),
        folder / PARTENAIRES: render("partenaires.yaml"),
        folder / f"plan-{said.debut}-{said.fin}.yaml": render("plan.yaml"),
        folder / ACTIVITE_DIR / f"{said.annee}.yaml": render("activite.yaml"),
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
