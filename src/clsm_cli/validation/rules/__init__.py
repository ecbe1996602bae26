"""Rules on the whole territory, run once each file has been read and checked on its own.

Each rule yields located problems: duplicate ids, references to nothing, numbering, periods
and dates, units and rates. Most rules read the sound models of a `Dossier`; what only needs
ids is read from the raw data of every file (`context`), so that it is checked even in a
file that has errors elsewhere. What could not be checked because a file has errors is said,
once per file.
"""

from __future__ import annotations

from ...problems import Problem
from ..dossier import Dossier
from .context import Contexte, Rule, contexte
from .dates import (
    actions_in_their_calendar,
    activity_years,
    membership_dates,
    overlapping_plans,
    partners_in_their_years,
    plan_periods,
    presents_in_their_years,
)
from .figures import (
    coordination_time,
    indicator_units,
    measurements,
    persons_and_attendances,
    typed_totals,
    yes_no_values,
)
from .identifiers import numbering, partner_links, unique_ids
from .pieces import pieces_exist
from .placeholders import meetings_to_complete, placeholders
from .publics import (
    age_bands,
    breakdowns_and_totals,
    categories_persons_and_attendances,
    counted_categories,
)
from .references import activity_references, continued_actions, partner_references
from .skipped import skipped_checks

RULES: tuple[Rule, ...] = (
    unique_ids,
    partner_links,
    numbering,
    partner_references,
    activity_references,
    continued_actions,
    activity_years,
    plan_periods,
    overlapping_plans,
    membership_dates,
    partners_in_their_years,
    presents_in_their_years,
    actions_in_their_calendar,
    indicator_units,
    measurements,
    typed_totals,
    coordination_time,
    placeholders,
    meetings_to_complete,
    persons_and_attendances,
    breakdowns_and_totals,
    age_bands,
    categories_persons_and_attendances,
    counted_categories,
    yes_no_values,
    pieces_exist,
    skipped_checks,
)


def run(dossier: Dossier) -> list[Problem]:
    """Every rule's problems for a territory."""
    ctx = contexte(dossier)
    return [problem for rule in RULES for problem in rule(ctx)]


__all__ = ["RULES", "Contexte", "Rule", "contexte", "run"]
