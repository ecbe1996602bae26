"""Rules on identifiers: none defined twice in its scope, numbers that follow the tree."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ...loader import Document, Path_
from ...problems import Problem
from .context import WARNING, Contexte, raw_id, walk


def _duplicates(
    doc: Document,
    items: Sequence[tuple[str, Path_]],
    what: str,
    *,
    twice: str = "est défini deux fois",
    hint: str = "chaque identifiant doit être unique : renumérotez l'un des deux",
) -> Iterator[Problem]:
    """An `id-duplique` at each id met again, saying the line of the first."""
    seen: dict[str, Path_] = {}
    for ident, path in items:
        if ident in seen:
            first = doc.source.locate(seen[ident])
            where = f" (déjà ligne {first[0]})" if first else ""
            yield doc.problem("id-duplique", f"{what} « {ident} » {twice}{where}", path, hint=hint)
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
    for doc in dossier.read_as("activite"):
        yield from _twice_in_the_year(doc)
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


_ONCE_A_YEAR: tuple[tuple[tuple[str, ...], str, str, str], ...] = (
    (
        ("mesures", "*", "indicateur"),
        "l'indicateur",
        "est mesuré deux fois dans l'année",
        "le bilan ne garde que la première mesure : supprimez l'une des deux, ou corrigez"
        " l'indicateur de celle-ci",
    ),
    (
        ("actions", "*", "action"),
        "l'action",
        "a deux suivis dans l'année",
        "gardez un seul élément par action sous « actions » : le statut de fin d'année",
    ),
)
"""What a year's file says once per id (where, what, the words, the hint): the bilan would
keep the first entry and drop the other."""


def partner_links(ctx: Contexte) -> Iterator[Problem]:
    """A partner is not, through its `parent`s (or `devenu`s), its own parent (successor):
    a service of itself would be counted under a structure that is none. Each loop is said
    once, at the first partner of the directory in it."""
    if ctx.dossier.annuaire is None:
        return
    doc, annuaire = ctx.dossier.annuaire
    for key, role in (("parent", "parent"), ("devenu", "successeur")):
        links = {p.id: getattr(p, key) for p in annuaire.partenaires if getattr(p, key)}
        said: set[str] = set()
        for i, partner in enumerate(annuaire.partenaires):
            chain = [partner.id]
            while (following := links.get(chain[-1])) is not None and following not in chain:
                chain.append(following)
            if following != partner.id or said & set(chain):
                continue
            said.update(chain)
            loop = " → ".join([*chain, partner.id])
            text = f"son propre {role}" if len(chain) == 1 else f"son propre {role} ({loop})"
            yield doc.problem(
                "reference-circulaire",
                f"le partenaire « {partner.id} » est {text}",
                ("partenaires", i, key),
                hint=f"« {key} » nomme une autre structure de l'annuaire : corrigez-le, ou"
                " retirez-le",
            )


def _twice_in_the_year(doc: Document) -> Iterator[Problem]:
    """An indicator measured, or an action followed, twice in a year's file.

    Read from the raw data, so that a file with errors elsewhere has it checked too.
    """
    for where, what, twice, hint in _ONCE_A_YEAR:
        items = [(ident, path) for value, path in walk(doc.data, where) if (ident := raw_id(value))]
        yield from _duplicates(doc, items, what, twice=twice, hint=hint)


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
