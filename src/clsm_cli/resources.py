"""The files shipped inside the package (`templates/`): where they are, decided here only.

clsm is installed as a folder (a wheel in site-packages, an editable checkout), never run from
a zip, so the shipped files are real files next to this module, that Jinja and `open` can read.
(`importlib.resources` would say the same, but importing it costs `clsm validate`, which reads
init's placeholders from here, ~8 ms of its ~0.3 s: tempfile, zipfile…)
"""

from pathlib import Path

SHIPPED = Path(__file__).resolve().parent / "templates"
"""The shipped templates: the bilan's, the grids' layouts (grilles/), `clsm init`'s (init/)."""


def shipped(*parts: str) -> Path:
    """A shipped file or folder: `shipped("init", "a-remplacer.txt")`."""
    return SHIPPED.joinpath(*parts)


def search_path(territory_root: Path, templates: Path | None) -> list[Path]:
    """The user's template folders, in lookup order: the territory's `templates/`, then the
    `--templates` folder; every lookup tries them first, and the shipped templates last."""
    return [territory_root / "templates"] + ([templates] if templates else [])
