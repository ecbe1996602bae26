"""What each command does and says, once the typer application has read its arguments.

app_*.py declare the commands (arguments, options, help); here each is run: the workers
imported lazily (so that `clsm --help` pays for none of them), what they return printed,
the exit code chosen. Problems go through validate's reporters, on stderr.
"""

import os
import sys
from collections.abc import Iterator
from pathlib import Path

from ..formats import (
    DiffFormat,
    EvaluationFormat,
    ExportFormat,
    ProblemFormat,
    ReportFormat,
    output_format,
    refuse_standard_output,
)
from ..problems import EXIT_OK, EXIT_PROBLEMS, Report, UsageError
from .run import default_paths, refuse_or_warn


def run_report(
    arguments: list[str],
    requested: ReportFormat | None,
    output: Path | None,
    templates: Path | None,
    force: bool,
) -> int:
    """`clsm report`: validate, refuse on errors, write the bilan; a template's error is
    reported like a file's. The format is -f's, or -o's extension (formats.output_format)."""
    from ..bilan.command import produce, split_arguments
    from ..bilan.writers import charts
    from ..validation.pipeline import validate_paths

    fmt = output_format(ReportFormat, requested, output)
    annee, paths = split_arguments(arguments)
    with charts.drawing_beside_reading():
        validation = validate_paths(default_paths(paths, "report"))
        refuse_or_warn(validation.report, validation.line, "rapport")
        lines = produce(
            validation,
            annee,
            fmt,
            output=output,
            templates=templates,
            force=force,
            progress=sys.stderr.isatty(),
        )
        return _say_document(lines, "bilan non écrit")


def run_evaluation(
    path: Path | None,
    plan: Path | None,
    requested: EvaluationFormat | None,
    output: Path | None,
    templates: Path | None,
    force: bool,
) -> int:
    """`clsm evaluation`: validate, refuse on errors, write each territory's evaluation. A
    plan file given as CHEMIN is taken as --plan; --plan alone names its territory."""
    from ..bilan.writers import charts
    from ..evaluation.command import produce
    from ..validation.pipeline import validate_paths

    fmt = output_format(EvaluationFormat, requested, output)
    if path is not None and path.is_file():
        if plan is not None and plan.resolve() != path.resolve():
            raise UsageError(
                f"deux plans à évaluer : {path} et --plan {plan}",
                hint="indiquez le plan une seule fois",
            )
        path, plan = path.parent, path
    if path is None and plan is not None:
        path = plan.parent
    with charts.drawing_beside_reading(fmt is not EvaluationFormat.XLSX):
        validation = validate_paths(default_paths([path] if path else [], "evaluation"))
        refuse_or_warn(validation.report, validation.line, "évaluation")
        lines = produce(
            validation,
            plan,
            fmt,
            output=output,
            templates=templates,
            force=force,
            progress=sys.stderr.isatty(),
        )
        return _say_document(lines, "évaluation non écrite")


def _text_line(file: str, line: int) -> str:
    """A line of a text file (a template) for a problem's snippet; nothing if unreadable."""
    try:
        lines = Path(file).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return ""
    return lines[line - 1] if 0 < line <= len(lines) else ""


def run_export(
    path: Path | None, output: Path | None, grille: str, templates: Path | None, force: bool
) -> int:
    """`clsm export`: validate, refuse on errors or an unusable layout, write the workbook."""
    from ..excel.export import export_workbook
    from ..excel.layouts import load_layout
    from ..resources import search_path
    from ..validation.pipeline import validate_paths

    output_format(ExportFormat, None, output)  # an -o that is not a .xlsx is refused
    target = path if path is not None else default_paths([], "export")[0]
    validation = validate_paths([target])
    if len(validation.dossiers) != 1:
        raise UsageError("indiquez un seul territoire à exporter")
    dossier = validation.dossiers[0]
    layout, problems = load_layout(grille, search_path(dossier.root, templates))
    report = Report(validation.report.files, [*validation.report.problems, *problems])
    refuse_or_warn(report, validation.line, "export", refuse=layout is None)
    assert layout is not None  # refused above
    plan_file = target if target.is_file() else None
    written = export_workbook(dossier, plan_file, layout, output, force, grille)
    print(f"écrit : {written}")
    return EXIT_OK


def run_collecte(
    annee: int,
    path: Path | None,
    partenaires: list[str],
    actions: list[str],
    output: Path | None,
    retour: str | None,
    force: bool,
) -> int:
    """`clsm collecte`: validate the territory, refuse on errors, write the form(s)."""
    from ..collecte.command import write_forms
    from ..validation.pipeline import validate_paths

    refuse_standard_output(output, f"collecte-{annee}.xlsx")
    if output is not None and output.suffix and len(partenaires) <= 1:
        output_format(ExportFormat, None, output)  # an -o that is not a .xlsx is refused
    validation = validate_paths(default_paths([path] if path else [], f"collecte {annee}"))
    if len(validation.dossiers) != 1:
        raise UsageError(
            "indiquez un seul territoire",
            hint=f"clsm collecte {annee} mon-territoire",
        )
    refuse_or_warn(validation.report, validation.line, "export de la fiche de collecte")
    dossier = validation.dossiers[0]
    for written in write_forms(dossier, annee, partenaires, actions, output, force, retour):
        print(f"écrit : {written}")
    return EXIT_OK


def run_import(
    words: list[Path],
    output: Path | None,
    force: bool,
    garder: bool,
    output_format: ProblemFormat,
) -> int:
    """`clsm import`: a grid into plan files, or collection forms into the year's activity;
    every guess and loss is a located problem. The kind of each workbook is decided by
    excel/workbooks.py."""
    from ..excel.workbooks import Classeur, workbook_kind

    folders = [w for w in words if w.is_dir()]
    books = [w for w in words if not w.is_dir()]
    if not books:
        raise UsageError("indiquez le classeur à importer", hint="clsm import grille.xlsx")
    if len(folders) > 1 or (folders and output is not None):
        raise UsageError(
            "indiquez un seul dossier de territoire",
            hint="clsm import fiche.xlsx mon-territoire",
        )
    destination = folders[0] if folders else output
    kinds = {workbook_kind(book) for book in books}
    if kinds == {Classeur.COLLECTE}:
        return _import_forms(books, destination, garder, output_format)
    if Classeur.COLLECTE in kinds:
        raise UsageError(
            "une grille de plan et des fiches de collecte ne s'importent pas ensemble",
            hint="importez la grille, puis les fiches",
        )
    if len(books) > 1:
        raise UsageError("une seule grille à la fois", hint=f"clsm import {books[0]}")
    if garder:
        raise UsageError("--garder-valides ne vaut que pour les fiches de collecte")
    return _import_grid(books[0], destination, force, output_format)


def _import_grid(
    grille: Path, output: Path | None, force: bool, output_format: ProblemFormat
) -> int:
    """A grid: read it, write or merge the plan files, check them as validate would."""
    from ..excel.importing import import_grid
    from ..validation.pipeline import validate_paths

    dest = output or _import_destination(grille)
    outcome = import_grid(grille, dest, force)
    report = Report([grille.name], list(outcome.problems))
    if outcome.written:  # checked as clsm validate would
        validation = validate_paths([dest])
        report.files += validation.report.files
        report.extend(validation.report.problems)
    _say_import(output_format, report, outcome.written, outcome.unchanged)
    if outcome.lost or not (outcome.written or outcome.unchanged):
        said = (
            "importé avec des pertes, voir ci-dessus." if outcome.written else "rien n'a été écrit."
        )
        print(f"clsm : {said}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK if report.valid() else EXIT_PROBLEMS  # errors in the files written


def _import_forms(
    fiches: list[Path], territory: Path | None, garder: bool, output_format: ProblemFormat
) -> int:
    """Collection forms: merged into the year's file, checked with the territory first."""
    from ..collecte.importing import import_forms

    scopes = [territory] if territory is not None else default_paths([], "import fiche.xlsx")
    outcome = import_forms(fiches, scopes, garder)
    report = Report([f.name for f in fiches], list(outcome.problems))
    _say_import(output_format, report, outcome.written, outcome.unchanged)
    if outcome.lost:
        said = "importé en partie, voir ci-dessus." if outcome.written else "rien n'a été écrit."
        print(f"clsm : {said}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _say_document(lines: Iterator[str], not_written: str) -> int:
    """Print what a command writing documents says (warnings on stderr); a template's error
    is reported like a file's, and nothing is written."""
    from ..bilan.writers.jinja import TemplateProblem
    from ..validation.reporters import TextReporter

    try:
        for line in lines:
            print(line, file=sys.stderr if line.startswith("attention") else sys.stdout)
    except TemplateProblem as exc:
        TextReporter(sys.stderr, _text_line).problem(exc.problem)
        print(f"clsm : {not_written}, corrigez d'abord le modèle.", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _import_destination(grille: Path) -> Path:
    """Without -o: the territory the command is typed in (its folder or `activite/`), where
    the grid is merged as with `-o` (it made a territory inside the territory); elsewhere a
    new folder named after the grid, in `plans/` when there is one."""
    from ..kinds import slug
    from ..validation.dossier import territory_of

    here = territory_of(Path("clsm.yaml"))
    if here is not None:
        return Path(os.path.relpath(here))
    home = Path("plans") if Path("plans").is_dir() else Path(".")
    return home / (slug(grille.stem) or "territoire")


def _say_import(
    output_format: ProblemFormat, report: Report, written: list[Path], unchanged: list[Path]
) -> None:
    """The problems through validate's reporters (text on stderr), and the files written:
    `écrit : …` lines, or in JSON, validate's document with `written` and `unchanged`."""
    from ..validation.reporters import document, reporter_for, write_json

    if output_format is ProblemFormat.JSON:
        files = {"written": [str(p) for p in written], "unchanged": [str(p) for p in unchanged]}
        write_json(sys.stdout, {**document(report, strict=False), **files})
        return
    out = sys.stderr if output_format is ProblemFormat.TEXT else sys.stdout
    # No source lines: a merge's remarks give the lines of the file before it was changed.
    reporter_for(output_format, out, lambda file, line: "").problems(report, strict=False)
    for path in written:
        print(f"écrit : {path}")
    for path in unchanged:
        print(f"inchangé : {path}")


def run_fmt(paths: list[Path], check: bool) -> int:
    """`clsm fmt`: each file of the territories given rewritten in canonical form, or only
    listed with --check; a file whose meaning would change is left as it is, and said."""
    from ..french.agreement import compte, forme
    from ..kinds import kind_of
    from ..validation.dossier import find_territories, territory_files
    from ..writing.fmt import format_file

    files: list[Path] = []
    for path in default_paths(paths, "fmt"):
        if path.is_file():
            files.append(path)
        else:
            for root in find_territories([path]):
                files += [f for f in territory_files(root) if kind_of(f)]
    changed = refused = 0
    for path in list(files):
        outcome = format_file(path, check)
        if outcome.ignore:
            files.remove(path)
        elif outcome.raison:
            refused += 1
            print(f"{path} : laissé tel quel : {outcome.raison}", file=sys.stderr)
        elif outcome.change:
            changed += 1
            print(f"{'à reformater' if check else 'reformaté'} : {path}")
    kept = len(files) - changed - refused
    done = "à reformater" if check else forme(changed, "reformaté")
    left = f", {compte(refused, 'laissé tel quel', 'laissés tels quels')}" if refused else ""
    print(f"{compte(len(files), 'fichier')} : {changed} {done}, {kept} déjà au format{left}.")
    return EXIT_PROBLEMS if refused or (check and changed) else EXIT_OK


def run_diff(words: list[str], output_format: DiffFormat, exit_code: bool) -> int:
    """`clsm diff`: two files or folders, or git revisions (each against the next, the last
    against the files as they are) within the paths given or the default ones."""
    from ..versions.render import render
    from ..versions.revisions import compare_revisions, read_words
    from ..versions.sides import compare_paths

    revisions, paths = read_words(words)
    if not revisions:
        changes = compare_paths(paths[0], paths[1])
    else:
        old, new = revisions[0], (revisions[1] if len(revisions) > 1 else None)
        scopes = paths or default_paths([], " ".join(["diff", *revisions]))
        changes = [c for scope in scopes for c in compare_revisions(old, new, scope)]
    sys.stdout.write(render(changes, output_format.value))
    return EXIT_PROBLEMS if exit_code and changes else EXIT_OK
