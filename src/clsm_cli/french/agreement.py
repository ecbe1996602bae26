"""French agreement of a word with a count — one rule for every message and report.

Kept free of Babel so that `clsm validate` and `clsm fmt` stay light; the reports' number
formatting (formatting.py) uses the same rule.
"""

from __future__ import annotations


def forme(count: float, singular: str, plural: str | None = None) -> str:
    """The word that agrees with a count: French takes the singular below 2 (0, 1, 1,5)."""
    return singular if abs(count) < 2 else (plural or singular + "s")


def compte(count: int, singular: str, plural: str | None = None) -> str:
    """`0 fichier`, `1 erreur`, `3 avertissements`."""
    return f"{count} {forme(count, singular, plural)}"
