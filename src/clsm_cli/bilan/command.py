"""The `report` command's work: pick the year, build each territory's bilan, write it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..formats import ReportFormat
from ..problems import ClsmError, UsageError
from ..resources import search_path
from ..validation.dossier import Dossier, display_name, territory_name
from ..validation.pipeline import Validation
from . import annees_disponibles, build_bilan
from .writers.formats import default_path, write
from .writers.rendu import check_outputs, progress_status, written_lines

_YEAR = re.compile(r"\d{4}")


def split_arguments(arguments: list[str]) -> tuple[int | None, list[Path]]:
    """`[ANNEE] [CHEMIN]...` → the year and the paths, the year before or after the paths
    (`clsm report plans/poitiers 2022` as well). A word is a path when it exists, else a
    year when it has four digits; any other word is refused, saying what is expected."""
    years: list[int] = []
    paths: list[Path] = []
    for word in arguments:
        if Path(word).exists():
            paths.append(Path(word))
        elif _YEAR.fullmatch(word):
            years.append(int(word))
        else:
            raise UsageError(
                f"« {word} » n'est ni une année (AAAA) ni un chemin existant",
                hint="clsm report [ANNEE] [CHEMIN]... :"
                " par exemple clsm report 2022 plans/poitiers",
            )
    if len(years) > 1:
        raise UsageError(
            f"une seule année par bilan (reçu : {', '.join(map(str, years))})",
            hint="lancez clsm report une fois par année",
        )
    return (years[0] if years else None), paths


def produce(
    validation: Validation,
    annee: int | None,
    fmt: ReportFormat,
    *,
    output: Path | None,
    templates: Path | None,
    force: bool,
    progress: bool,
) -> Iterator[str]:
    """Write the bilan of each territory that has the year; yield lines for the user.

    A user template that cannot be rendered raises `TemplateProblem`, whose located problem
    the command prints like any other."""
    check_outputs(len(validation.dossiers), output, templates)
    done = 0
    for dossier in validation.dossiers:
        years = annees_disponibles(dossier)
        year = annee if annee is not None else (years[-1] if years else None)
        name = territory_name(dossier.root)
        if year is None or year not in years:
            have = ", ".join(map(str, years)) or "aucune"
            if len(validation.dossiers) == 1:
                raise ClsmError(
                    f"{name} : pas de fichier activite/{year or 'AAAA'}.yaml"
                    f" (années disponibles : {have})",
                    hint=_sans_annee(dossier, year),
                )
            when = f" en {year}" if year is not None else ""
            yield f"{name} : pas d'activité{when} (années : {have}), ignoré"
            continue
        with progress_status(progress, f"{name} : bilan {year} en {fmt.upper()}…"):
            bilan = build_bilan(dossier, year)
            target = output or default_path(bilan, fmt, dossier.root)
            search = search_path(dossier.root, templates)
            sortie = write(bilan, fmt, search, target, force)  # TemplateProblem: to the caller
        yield from written_lines(sortie.fichiers, sortie.avertissements)
        done += 1
    if done == 0:
        raise ClsmError(
            f"aucun territoire n'a d'activité pour {annee}",
            hint="vérifiez l'année, ou indiquez le dossier du territoire",
        )


def _sans_annee(dossier: Dossier, annee: int | None) -> str:
    """What to do about a year without a file: write it with `clsm nouvelle-annee` (as typed
    from here) when a plan covers it, or choose another."""
    if annee is None:
        return "créez le fichier de l'année, ou choisissez une année disponible"
    if dossier.plan_pour(annee) is None:
        return (
            f"aucun plan ne couvre {annee} : choisissez une année disponible, ou écrivez"
            " d'abord le plan de cette période"
        )
    shown = display_name(dossier.root)
    where = "" if shown == "." else f" {shown}"
    return (
        f"commencez l'année avec « clsm nouvelle-annee {annee}{where} », ou choisissez une"
        " année disponible"
    )
