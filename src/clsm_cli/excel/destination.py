"""Writing an imported grid as a territory's files: checked first, atomic, never clobbering."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..atomic import write_text
from ..loader import Document, load_file
from ..models import Annuaire, Plan, Territoire
from ..problems import ClsmError, Problem
from ..validation import validate
from ..workspace import PARTENAIRES, TERRITOIRE, display_name
from ..yaml_writer import dumps
from .feuille import Remarque
from .importer import Lecture, lire


@dataclass(slots=True)
class Resultat:
    """What an import wrote, and what it has to say."""

    ecrits: list[Path] = field(default_factory=list)
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


def importer(source: Path, dest: Path, force: bool) -> Resultat:
    """Import a grid into `dest`, a territory folder (created if needed)."""
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
    files: list[tuple[Path, str, BaseModel]] = []
    if not (dest / TERRITOIRE).is_file():
        territoire, problems = _territoire(lecture, plan)
        resultat.problemes += problems
        if territoire is None:
            return resultat
        files.append((dest / TERRITOIRE, "territoire", territoire))
    if annuaire_existant is None:
        files.append((dest / PARTENAIRES, "partenaires", partners))
    else:
        known = {p["id"] for p in annuaire_existant}
        for partner in lecture.partenaires:
            if partner["id"] not in known:
                resultat.remarques.append(
                    Remarque(
                        display_name(dest / PARTENAIRES),
                        f"partenaire « {partner['nom']} » ({partner['id']}) à ajouter à"
                        " l'annuaire existant, qui n'a pas été modifié",
                        perdu=True,
                    )
                )
    plan_path = dest / f"plan-{plan.periode.debut}-{plan.periode.fin}.yaml"
    files.append((plan_path, "plan", plan))
    existing = [path for path, _, _ in files if path.exists()]
    if existing and not force:
        raise ClsmError(
            f"{display_name(existing[0])} existe déjà : rien n'a été écrit",
            hint="importez dans un autre dossier avec -o, ou ajoutez --force pour remplacer",
        )
    dest.mkdir(parents=True, exist_ok=True)
    header = f"# Importé de {name} par clsm import.\n"
    for path, kind, model in files:
        write_text(path, _schema_line(dest, kind) + header + dumps(_dump(model)))
        resultat.ecrits.append(path)
    return resultat


def _territoire(lecture: Lecture, plan: Plan) -> tuple[BaseModel | None, list[Problem]]:
    nom = lecture.territoire or plan.titre
    data = {"nom": nom, "territoire": "à compléter"}
    lecture.remarques.append(
        Remarque(
            TERRITOIRE, f"clsm.yaml créé avec le nom « {nom} » ; le territoire est à compléter"
        )
    )
    return _checked(data, Territoire, "clsm.yaml")
