"""The changes of `clsm diff` as text, Markdown or JSON."""

from __future__ import annotations

import json

from ..french.agreement import compte
from .changes import Changement, word_diffs

AUCUN_CHANGEMENT = (
    "Aucun changement dans ce que disent les fichiers comparés"
    " (leur mise en forme n'est pas comparée).\n"
)
"""What `clsm diff` says of two versions that say the same (`clsm fmt` changes nothing of
what a file says)."""


def render(changes: list[Changement], fmt: str) -> str:
    """The changes as text, Markdown or JSON."""
    if fmt == "json":
        return json.dumps([c.as_dict() for c in changes], ensure_ascii=False, indent=2) + "\n"
    if not changes:
        return AUCUN_CHANGEMENT
    lines: list[str] = []
    current = None
    for change in changes:
        if change.fichier != current:
            current = change.fichier
            lines.append(f"\n### {current}\n" if fmt == "md" else f"{current}")
        bullet = "- " if fmt == "md" else "  • "
        lines.append(bullet + change.message)
        if change.mots:
            shown = (
                word_diffs(change.avant, change.apres, markdown=True)
                if fmt == "md"
                else change.mots
            )
            indent = "  " if fmt == "md" else "      "
            lines += [indent + line for line in shown.splitlines()]
    header = f"**{compte(len(changes), 'changement')}**\n\n" if fmt == "md" else ""
    return header + "\n".join(lines).strip("\n") + "\n"
