"""The domain models, in the coordinators' own vocabulary."""

from .activite import Activite
from .partenaires import Annuaire
from .plan import Plan
from .territoire import Territoire

__all__ = ["Activite", "Annuaire", "Plan", "Territoire"]
