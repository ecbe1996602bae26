"""Rules on identifiers: none defined twice in its scope, numbers that follow the tree."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..loader import Document, Path_
from ..problems import Problem
from .context import WARNING, Contexte


def _duplicates(doc: Document, items: Sequence[tuple[str, Path_]], what: str) -> Iterator[Problem]:
    seen: dict[str, Path_] = {}
    for ident, path in items:
        if ident in seen:
            first = doc.source.locate(seen[ident])
            where = f" (déjà ligne {first[0]})" if first else ""
            yield doc.problem(
                "id-duplique",
                f"{what} « {ident} » est défini deux fois{where}",
                path,
                hint="chaque identifiant doit être unique : renumérotez l'un des deux",
            )
        else:
            seen[ident] = path


def unique_ids(ctx: Contexte) -> Iterator[Problem]:
    """No identifier is defined twice in its scope."""
    dossier = ctx.dossier
    if dossier.annuaire is not None:
        doc, annuaire = dossier.annuaire
        items = [(p.id, ("partenaires", i, "id")) for i, p in enumerate(annuaire.partenaires)]
        yield from _duplicates(doc, items, "le partenaire")
    if dossier.territoire is not None:
        doc, territoire = dossier.territoire
        items = [(x.id, ("instances", i, "id")) for i, x in enumerate(territoire.instances)]
        yield from _duplicates(doc, items, "l'instance")
    for lu in ctx.plans:
        elements = [(e.id, e.path) for e in lu.elements if e.niveau != "indicateur"]
        indicators = [(e.id, e.path) for e in lu.elements if e.niveau == "indicateur"]
        yield from _duplicates(lu.doc, elements, "l'identifiant")
        yield from _duplicates(lu.doc, indicators, "l'indicateur")
    years: dict[int, Document] = {}
    for doc, activite in dossier.activites:
        realisations = [
            (r.id, ("realisations", i, "id"))
            for i, r in enumerate(activite.realisations)
            if r.id is not None
        ]
        yield from _duplicates(doc, realisations, "la réalisation")
        if activite.annee in years:
            yield doc.problem(
                "id-duplique",
                f"l'année {activite.annee} a déjà son fichier : {years[activite.annee].file}",
                ("annee",),
            )
        years.setdefault(activite.annee, doc)


def numbering(ctx: Contexte) -> Iterator[Problem]:
    """An objective's number starts with its axis's, an action's with its objective's.

    Read from the raw tree: a plan with an error in one action still has the rest checked.
    """
    for lu in ctx.plans:
        for element in lu.elements:
            parent = element.parent
            if parent is None or element.id.startswith(parent.id + "."):
                continue
            wording = _MISNUMBERED.get(element.niveau)
            if wording is None:
                continue
            message, hint = (text.format(id=element.id, parent=parent.id) for text in wording)
            yield lu.doc.problem(
                "numerotation-incoherente", message, element.path, hint=hint, severity=WARNING
            )


_MISNUMBERED = {
    "objectif": (
        "l'objectif {id} est rangé sous l'axe {parent}",
        "numérotez-le {parent}.…, ou déplacez-le sous le bon axe",
    ),
    "action": (
        "l'action {id} est rangée sous l'objectif {parent}",
        "numérotez-la {parent}.…, ou déplacez-la sous le bon objectif",
    ),
}
"""The message and hint for an element whose number is not its parent's, by level."""
