"""The validation pipeline: find territories → read and model each file → whole-territory rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..helpers import keep_until_exit
from ..loader import Document
from ..problems import Report
from . import rules
from .dossier import Dossier, find_territories, load_dossier


@dataclass(slots=True)
class Validation:
    """What `validate` produced: the report, and the documents for source snippets."""

    report: Report
    dossiers: list[Dossier] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)

    def line(self, file: str, line: int) -> str:
        """The text of a line of a file that was read, for snippets."""
        doc = self.documents.get(file)
        return doc.line_text(line) if doc is not None else ""


def check_dossier(dossier: Dossier) -> None:
    """Run the whole-territory rules on a loaded territory, adding to its problems."""
    dossier.problems.extend(rules.run(dossier))


def validate_paths(paths: Iterable[Path], *, keep: bool = True) -> Validation:
    """Validate every territory the paths designate. Raises UsageError for bad paths.

    With keep=False (the `validate` command), a territory's data is let go once checked,
    and only the files with problems are kept, for their snippets: memory then depends on
    the largest territory, not on how many there are.
    """
    validation = Validation(Report())
    for root in find_territories(paths):
        dossier = load_dossier(root)
        check_dossier(dossier)
        validation.report.extend(dossier.problems)
        with_problems = {problem.file for problem in dossier.problems}
        for doc in dossier.documents:
            validation.report.files.append(doc.file)
            if keep or doc.file in with_problems:
                validation.documents[doc.file] = doc
        if keep:
            validation.dossiers.append(dossier)
    keep_until_exit(validation)  # not torn down object by object as the command returns
    return validation
