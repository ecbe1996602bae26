"""Writing an imported grid as a territory's files: checked first, canonical, atomic.

New files are written in `clsm fmt`'s canonical form. Into an existing territory, the grid
is merged: the directory gets the partners the grid names and it lacks, and an existing
plan of the same period gets the grid's changes with its comments kept (with --force; see
`fusion`; a grid that would change nothing needs no --force). The territory's clsm.yaml is
never touched.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..loader import Document, decode, load_file
from ..models import Annuaire, Plan, Territoire
from ..problems import ClsmError, Problem
from ..validation.documents import validate
from ..validation.dossier import PARTENAIRES, TERRITOIRE, display_name, kind_of, territory_files
from ..writing.atomic import write_text
from ..writing.yaml_text import dumps
from .merge import add_partners, merge_plan
from .reading import Lecture, lire
from .sheet import Remarque


@dataclass(slots=True)
class Resultat:
    """What an import wrote, and what it has to say."""

    ecrits: list[Path] = field(default_factory=list)
    inchanges: list[Path] = field(default_factory=list)
    """Files the import would have written exactly as they are: left untouched."""
    remarques: list[Remarque] = field(default_factory=list)
    problemes: list[Problem] = field(default_factory=list)

    @property
    def perdu(self) -> bool:
        """Whether something was lost or refused (exit code 1)."""
        return any(r.perdu for r in self.remarques) or bool(self.problemes)


def _schema_line(folder: Path, kind: str) -> str:
    schemas = Path.cwd() / "schemas"
    relative = os.path.relpath(schemas / f"{kind}.schema.json", folder.resolve())
    return f"# yaml-language-server: $schema={relative}\n"


def _checked(
    data: Any, model: type[BaseModel], source: str
) -> tuple[BaseModel | None, list[Problem]]:
    return validate(Document(file=source, data=data), model)


def _dump(model: BaseModel) -> dict[str, Any]:
    dumped: dict[str, Any] = model.model_dump(mode="json", exclude_defaults=True)
    return dumped


def _canonique(texte: str, kind: str) -> str:
    """The text as `clsm fmt` writes it (the text itself if fmt cannot vouch for it)."""
    from ..writing.fmt import format_text

    return format_text(texte, kind).texte or texte


def _lire_texte(path: Path) -> tuple[str, str, bool]:
    """A YAML file's text with LF line endings, its line ending, and whether it had a BOM."""
    raw = path.read_bytes()
    text, _ = decode(raw, str(path))
    if text is None:
        raise ClsmError(
            f"{display_name(path)} n'est pas en UTF-8 : rien n'a été écrit",
            hint="réenregistrez-le en UTF-8, puis relancez l'import",
        )
    newline = "\r\n" if "\r\n" in text else "\n"
    return text.replace("\r\n", "\n"), newline, raw.startswith(b"\xef\xbb\xbf")


def _encoder(text: str, newline: str, bom: bool) -> str:
    return ("\ufeff" if bom else "") + text.replace("\n", newline)


def _plan_existant(dest: Path, plan: Plan) -> tuple[Path, Plan | None]:
    """The territory's plan file for the imported period (found by its period), if any."""
    target = dest / f"plan-{plan.periode.debut}-{plan.periode.fin}.yaml"
    if not dest.is_dir():
        return target, None
    for path in territory_files(dest):
        if kind_of(path) != "plan":
            continue
        doc = load_file(path)
        existing, _ = validate(doc, Plan)
        if isinstance(existing, Plan) and existing.periode == plan.periode:
            return path, existing
    if target.exists():
        raise ClsmError(
            f"{display_name(target)} a des erreurs : la grille n'y est pas fusionnée, rien n'a"
            " été écrit",
            hint=f"lancez clsm validate {display_name(target)} et corrigez-le d'abord",
        )
    return target, None


def importer(source: Path, dest: Path, force: bool) -> Resultat:
    """Import a grid into `dest`, a territory folder (created if needed, merged into if not)."""
    resultat = Resultat()
    annuaire_existant: list[dict[str, Any]] | None = None
    if (dest / PARTENAIRES).is_file():
        doc = load_file(dest / PARTENAIRES)
        annuaire, problems = validate(doc, Annuaire)
        if annuaire is None:
            resultat.problemes += doc.problems + problems
            return resultat
        annuaire_existant = [_dump(p) for p in annuaire.partenaires]
    lecture = lire(source, annuaire_existant)
    resultat.remarques = lecture.remarques
    if not lecture.plan["axes"]:
        return resultat
    name = source.name
    plan, problems = _checked(lecture.plan, Plan, name)
    resultat.problemes += problems
    partners, problems = _checked({"partenaires": lecture.partenaires}, Annuaire, name)
    resultat.problemes += problems
    if plan is None or partners is None:
        return resultat
    assert isinstance(plan, Plan)
    header = f"# Importé de {name} par clsm import.\n"
    files: list[tuple[Path, str]] = []
    if not (dest / TERRITOIRE).is_file():
        territoire, problems = _territoire(lecture, plan)
        resultat.problemes += problems
        if territoire is None:
            return resultat
        text = _schema_line(dest, "territoire") + header + dumps(_dump(territoire))
        files.append((dest / TERRITOIRE, _canonique(text, "territoire")))
    if annuaire_existant is None:
        text = _schema_line(dest, "partenaires") + header + dumps(_dump(partners))
        files.append((dest / PARTENAIRES, _canonique(text, "partenaires")))
    else:
        files += _annuaire_complete(dest / PARTENAIRES, annuaire_existant, lecture, resultat)
    plan_path, existing = _plan_existant(dest, plan)
    if existing is not None:
        refus = ClsmError(
            f"{display_name(plan_path)} existe déjà : rien n'a été écrit",
            hint="ajoutez --force pour y fusionner la grille (changements reportés, commentaires"
            " gardés), ou importez dans un autre dossier avec -o",
        )
        try:
            text, newline, bom = _lire_texte(plan_path)
            merged, remarques = merge_plan(
                text, _dump(existing), _dump(plan), lecture.exprimes, display_name(plan_path)
            )
        except ClsmError:
            if not force:
                raise refus from None
            raise
        files.append((plan_path, _encoder(_canonique(merged, "plan"), newline, bom)))
        if not force and not all(_inchange(path, text) for path, text in files):
            raise refus  # a grid that changes nothing needs no --force
        resultat.remarques += remarques
    else:
        text = _schema_line(dest, "plan") + header + dumps(_dump(plan))
        files.append((plan_path, _canonique(text, "plan")))
    dest.mkdir(parents=True, exist_ok=True)
    for path, text in files:
        if _inchange(path, text):
            resultat.inchanges.append(path)  # merged without a change: left as it is
            continue
        write_text(path, text)
        resultat.ecrits.append(path)
    return resultat


def _inchange(path: Path, text: str) -> bool:
    """Whether the file already holds exactly this text."""
    return path.is_file() and path.read_bytes() == text.encode("utf-8")


def _annuaire_complete(
    path: Path, existant: list[dict[str, Any]], lecture: Lecture, resultat: Resultat
) -> list[tuple[Path, str]]:
    """The directory with the partners the grid names and it lacks, appended (comments kept)."""
    known = {p["id"] for p in existant}
    nouveaux = [p for p in lecture.partenaires if p["id"] not in known]
    if not nouveaux:
        return []
    text, newline, bom = _lire_texte(path)
    merged = add_partners(text, nouveaux, display_name(path))
    for partner in nouveaux:
        resultat.remarques.append(
            Remarque(
                display_name(path),
                f"partenaire « {partner['nom']} » ({partner['id']}) ajouté à l'annuaire",
                nature="fusion",
            )
        )
    return [(path, _encoder(_canonique(merged, "partenaires"), newline, bom))]


def _territoire(lecture: Lecture, plan: Plan) -> tuple[BaseModel | None, list[Problem]]:
    nom = lecture.territoire or plan.titre
    data = {"nom": nom, "territoire": "à compléter"}
    lecture.remarques.append(
        Remarque(
            TERRITOIRE, f"clsm.yaml créé avec le nom « {nom} » ; le territoire est à compléter"
        )
    )
    return _checked(data, Territoire, "clsm.yaml")
