"""The yearly bilan as data: every figure computed from the territory's files.

`build_bilan(dossier, annee)` gathers what the templates show, section by section, in the
files' own vocabulary (template authors write `bilan.partenariat.nombre`). A section with
nothing to say is None or empty, and templates leave it out. Each part is built in its own
module: `partenariat`, `travaux` (the work by axis), `indicateurs`, `gouvernance` (the
cellule, the bodies, the coordination), `perspectives`, `graphiques`; `construction` puts
them together.
"""

from __future__ import annotations

from ..french.formatting import date_fr
from .construction import Bilan, annees_disponibles, build_bilan
from .graphiques import Graphique

__all__ = ["Bilan", "Graphique", "annees_disponibles", "build_bilan", "date_fr"]
