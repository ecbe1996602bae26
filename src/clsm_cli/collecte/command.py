"""`clsm collecte`: one form for the year, or one per partner asked for, written atomically.

A form is named `out/collecte-<territoire>-<année>[-<partenaire>].xlsx` (in the out/ folder
`writing/overwrite.output_folder` says) unless -o names it;
with several partners, -o names the folder. An existing file is replaced only if it is an
untouched output of clsm (writing/overwrite.py): a form a partner filled is never lost.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..problems import UsageError
from ..validation.dossier import Dossier, display_name
from ..writing.atomic import write_bytes
from ..writing.overwrite import check_replace, output_folder
from .form import form_bytes
from .scope import scope


def write_forms(
    dossier: Dossier,
    annee: int,
    partenaires: list[str],
    actions: list[str],
    output: Path | None,
    force: bool,
    retour: str | None = None,
) -> list[Path]:
    """Write the forms asked for; the paths written."""
    several = len(partenaires) > 1
    if several and output is not None and output.suffix.lower() == ".xlsx":
        raise UsageError(
            f"-o {output.name} : une fiche par partenaire, {len(partenaires)} fiches à écrire",
            hint="donnez avec -o le dossier où les écrire",
        )
    targets = []
    asked: list[str | None] = list(partenaires) or [None]
    for partenaire in asked:
        perimetre = scope(dossier, annee, partenaire, actions)
        target = _target(dossier, annee, partenaire, output, several)
        check_replace(target, force, display_name(target))
        targets.append((target, perimetre))
    written = []
    today = date.today()
    for target, perimetre in targets:
        data = form_bytes(dossier, perimetre, retour, today)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(target, data)
        written.append(target)
    return written


def _target(
    dossier: Dossier, annee: int, partenaire: str | None, output: Path | None, several: bool
) -> Path:
    name = f"collecte-{dossier.root.resolve().name}-{annee}"
    if partenaire:
        name += f"-{partenaire}"
    if output is None:
        return output_folder(dossier.root) / f"{name}.xlsx"
    if several or output.is_dir() or not output.suffix:
        return output / f"{name}.xlsx"
    if output.suffix.lower() != ".xlsx":
        raise UsageError(
            f"-o {output.name} : une fiche de collecte est un classeur .xlsx",
            hint=f"nommez-la {output.stem}.xlsx",
        )
    return output
