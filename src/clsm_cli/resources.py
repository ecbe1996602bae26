"""The files shipped inside the package (`templates/`): where they are, decided here only.

Found through `importlib.resources`, so that the path holds wherever the package is installed
(a wheel in site-packages, an editable checkout). clsm is installed as a folder, never run
from a zip, so the shipped files are real files that Jinja and `open` can read.
"""

from importlib.resources import files
from pathlib import Path

SHIPPED = Path(str(files(__package__ or "clsm_cli") / "templates"))
"""The shipped templates: the bilan's, the grids' layouts (grilles/), `clsm init`'s (init/)."""


def shipped(*parts: str) -> Path:
    """A shipped file or folder: `shipped("init", "a-remplacer.txt")`."""
    return SHIPPED.joinpath(*parts)


def search_path(territory_root: Path, templates: Path | None) -> list[Path]:
    """The user's template folders, in lookup order: the territory's `templates/`, then the
    `--templates` folder; every lookup tries them first, and the shipped templates last."""
    return [territory_root / "templates"] + ([templates] if templates else [])
