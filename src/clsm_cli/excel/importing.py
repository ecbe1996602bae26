"""Writing an imported grid as a territory's files: checked first, canonical, atomic.

New files are written in `clsm fmt`'s canonical form. Into an existing territory, the grid
is merged: the directory gets the partners the grid names and it lacks, and an existing
plan of the same period gets the grid's changes with its comments kept (with --force; see
`merge`; a grid that would change nothing needs no --force). The territory's clsm.yaml is
never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..kinds import PARTENAIRES, TERRITOIRE, kind_of, schema_comment
from ..loader import Document, decode, load_file, parse
from ..models import Annuaire, Plan, Territoire
from ..problems import ClsmError, Problem
from ..validation.documents import validate
from ..validation.dossier import display_name, territory_files
from ..writing.atomic import write_text
from ..writing.yaml_text import dumps
from .merge import merge_partners, merge_plan
from .reading import Lecture, read_workbook
from .sheet import DEVINE, remarque
from .typed_values import activites_de, non_importees


@dataclass(slots=True)
class ImportOutcome:
    """What an import wrote, and what it has to say."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    """Files the import would have written exactly as they are: left untouched."""
    problems: list[Problem] = field(default_factory=list)
    """Every guess, loss and change (located in the grid or the file changed), and the
    problems of the data read, checked against the models before anything is written."""

    @property
    def lost(self) -> bool:
        """Whether something was lost or refused (exit code 1)."""
        return any(p.is_error for p in self.problems)


class _Stop(Exception):
    """Nothing is written: why is in the outcome's problems."""


def _checked(
    data: Any, model: type[BaseModel], source: str, outcome: ImportOutcome
) -> BaseModel | None:
    """The data as the model reads it (None if it cannot); its problems go to the outcome,
    each with its place in the data (`axes[0].titre`) in its message, having no line."""
    checked, problems = validate(Document(file=source, data=data), model)
    outcome.problems += [
        replace(p, message=f"{p.path} : {p.message}") if p.path and p.line is None else p
        for p in problems
    ]
    return checked


def _dump(model: BaseModel) -> dict[str, Any]:
    dumped: dict[str, Any] = model.model_dump(mode="json", exclude_defaults=True)
    return dumped


def canonical(texte: str, kind: str) -> str:
    """The text as `clsm fmt` writes it (the text itself if fmt cannot vouch for it)."""
    from ..writing.fmt import format_text

    return format_text(texte, kind).texte or texte


def read_text(path: Path) -> tuple[str, str, bool]:
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


def encode_text(text: str, newline: str, bom: bool) -> str:
    return ("\ufeff" if bom else "") + text.replace("\n", newline)


def _existing_plan(dest: Path, plan: Plan) -> tuple[Path, Plan | None]:
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


def import_grid(source: Path, dest: Path, force: bool) -> ImportOutcome:
    """Import a grid into `dest`, a territory folder (created if needed, merged into if not)."""
    outcome = ImportOutcome()
    try:
        files = _files_to_write(source, dest, force, outcome)
    except _Stop:
        return outcome
    dest.mkdir(parents=True, exist_ok=True)
    for path, text in files:
        if unchanged(path, text):
            outcome.unchanged.append(path)  # merged without a change: left as it is
            continue
        write_text(path, text)
        outcome.written.append(path)
    return outcome


def _files_to_write(
    source: Path, dest: Path, force: bool, outcome: ImportOutcome
) -> list[tuple[Path, str]]:
    """Each file of the territory the grid gives, with its new text; raise _Stop if none."""
    known = _known_partners(dest, outcome)
    lecture = read_workbook(source, known)
    outcome.problems += lecture.remarques
    if not lecture.plan["axes"]:
        raise _Stop
    name = source.name
    plan = _checked(lecture.plan, Plan, name, outcome)
    imported = lecture.partenaires if known is None else _imported_partners(known, lecture)
    partners = _checked_partners(imported, lecture, name, outcome)
    if plan is None or partners is None:
        raise _Stop
    assert isinstance(plan, Plan)
    if lecture.saisies:
        outcome.problems += non_importees(lecture.saisies, plan, activites_de(dest), name)
    header = f"# Importé de {name} par clsm import.\n"
    files: list[tuple[Path, str]] = []
    if not (dest / TERRITOIRE).is_file():
        territoire = _territoire(dest, lecture, plan, outcome)
        text = schema_comment(dest, "territoire") + header + dumps(_dump(territoire))
        files.append((dest / TERRITOIRE, canonical(text, "territoire")))
    if known is None:
        text = schema_comment(dest, "partenaires") + header + dumps(_dump(partners))
        files.append((dest / PARTENAIRES, canonical(text, "partenaires")))
    else:
        assert isinstance(partners, Annuaire)
        news = [_dump(p) for p in partners.partenaires]
        files.append(_merged_directory(dest / PARTENAIRES, known, news, lecture, force, outcome))
    files.append(_plan_file(dest, plan, lecture, header, force, files, outcome))
    return files


def _imported_partners(known: list[dict[str, Any]], lecture: Lecture) -> list[dict[str, Any]]:
    """The directory as the grid gives it: the Partenaires sheet's rows (without the sheet,
    the directory as it is), then the partners the grid's cells name and neither has."""
    lus = lecture.feuille_partenaires
    return (known if lus is None else lus.partenaires) + lecture.devines


def _checked_partners(
    partenaires: list[dict[str, Any]], lecture: Lecture, source: str, outcome: ImportOutcome
) -> BaseModel | None:
    """The imported directory as its model reads it; a problem in a row of the Partenaires
    sheet is located at its cell (`Partenaires!D4`)."""
    start = len(outcome.problems)
    checked = _checked({"partenaires": partenaires}, Annuaire, source, outcome)
    lus = lecture.feuille_partenaires
    for index, problem in enumerate(outcome.problems[start:], start=start):
        found = _ROW.match(problem.path)
        if lus is None or found is None or found["index"] is None:
            continue
        row = int(found["index"])
        if row < len(lus.partenaires) and partenaires[row] is lus.partenaires[row]:
            cell = lus.cellule(row, found["key"] or "id")
            message = problem.message.removeprefix(f"{problem.path} : ")
            outcome.problems[index] = replace(problem, cellule=cell, message=message)
    return checked


_ROW = re.compile(r"partenaires\[(?P<index>\d+)\](?:\.(?P<key>\w+))?")


def _known_partners(dest: Path, outcome: ImportOutcome) -> list[dict[str, Any]] | None:
    """The territory's directory, if it has one (a directory with errors stops the import)."""
    if not (dest / PARTENAIRES).is_file():
        return None
    doc = load_file(dest / PARTENAIRES)
    annuaire, problems = validate(doc, Annuaire)
    if annuaire is None:
        outcome.problems += doc.problems + problems
        raise _Stop
    return [_dump(p) for p in annuaire.partenaires]


def _plan_file(
    dest: Path,
    plan: Plan,
    lecture: Lecture,
    header: str,
    force: bool,
    files: list[tuple[Path, str]],
    outcome: ImportOutcome,
) -> tuple[Path, str]:
    """The plan file: new, or the existing plan of the period with the grid merged in
    (which needs --force, unless the grid changes nothing in any of the `files`)."""
    plan_path, existing = _existing_plan(dest, plan)
    if existing is None:
        text = schema_comment(dest, "plan") + header + dumps(_dump(plan))
        return plan_path, canonical(text, "plan")
    refus = ClsmError(
        f"{display_name(plan_path)} existe déjà : rien n'a été écrit",
        hint="ajoutez --force pour y fusionner la grille (changements reportés, commentaires"
        " gardés), ou importez dans un autre dossier avec -o",
    )
    try:
        text, newline, bom = read_text(plan_path)
        merged, remarques = merge_plan(
            text, _dump(existing), _dump(plan), lecture.exprimes, display_name(plan_path)
        )
    except ClsmError:
        if not force:
            raise refus from None
        raise
    result = (plan_path, encode_text(canonical(merged, "plan"), newline, bom))
    if not force and not all(unchanged(path, text) for path, text in [*files, result]):
        raise refus  # a grid that changes nothing needs no --force
    outcome.problems += remarques
    return result


def unchanged(path: Path, text: str) -> bool:
    """Whether the file already says this: the same text, or the same data written another
    way (flow style, quotes…). A grid that changes nothing leaves the file as its author
    wrote it, without --force; writing it would only have reformatted it."""
    if not path.is_file():
        return False
    if path.read_bytes() == text.encode("utf-8"):
        return True
    before, after = load_file(path), parse(text.removeprefix("\ufeff"), str(path))
    return not before.problems and not after.problems and before.data == after.data


def _merged_directory(
    path: Path,
    existant: list[dict[str, Any]],
    news: list[dict[str, Any]],
    lecture: Lecture,
    force: bool,
    outcome: ImportOutcome,
) -> tuple[Path, str]:
    """The directory with the grid's partners merged in as the plan is (comments kept):
    partners added, changed fields reported, those the sheet leaves out kept. Changing an
    existing partner needs --force; adding one does not."""
    text, newline, bom = read_text(path)
    lus = lecture.feuille_partenaires
    merged, remarques, edited = merge_partners(
        text, existant, news, set(lus.colonnes) if lus else set(), display_name(path)
    )
    if edited and not force:
        raise ClsmError(
            f"{display_name(path)} : la grille change des partenaires de l'annuaire : rien n'a"
            " été écrit",
            hint="ajoutez --force pour y fusionner la grille (changements reportés,"
            " commentaires gardés), ou importez dans un autre dossier avec -o",
        )
    outcome.problems += remarques
    return path, encode_text(canonical(merged, "partenaires"), newline, bom)


TERRITOIRE_A_COMPLETER = "Territoire à compléter"
"""What a clsm.yaml the import creates says of its territory: one of the example texts
`clsm validate` asks to replace (templates/init/a-remplacer.txt)."""


def _territoire(dest: Path, lecture: Lecture, plan: Plan, outcome: ImportOutcome) -> BaseModel:
    nom = lecture.territoire or plan.titre
    data = {"nom": nom, "territoire": TERRITOIRE_A_COMPLETER}
    outcome.problems.append(
        remarque(
            DEVINE,
            f"clsm.yaml créé avec le nom « {nom} » ; le territoire est à compléter",
            display_name(dest / TERRITOIRE),
        )
    )
    territoire = _checked(data, Territoire, "clsm.yaml", outcome)
    if territoire is None:
        raise _Stop
    return territoire
