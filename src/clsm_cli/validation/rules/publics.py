"""Rules on who was reached: breakdowns by public, sex and age against their totals, age
bands that do not overlap, persons and attendances category by category, and indicators
that count one category.

A breakdown may be partial (the bilan says « non précisé pour N »), never larger than its
total. Without a total, breakdowns that agree give it; breakdowns that disagree leave it
unknown, and that is said.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from ...figures import compute
from ...french.dates import du
from ...loader import Document, Path_
from ...models.activite import Realisation, Seance
from ...models.plan import Calcul
from ...models.publics import DIMENSIONS, PAR, bornes_tranche, nom_categorie, ordre_tranches
from ...problems import Problem
from .context import WARNING, Contexte, indicateurs_situes


def _somme(counts: dict[str, int]) -> int:
    return sum(counts.values())


def _objects(realisation: Realisation, base: Path_) -> Iterator[tuple[Realisation | Seance, Path_]]:
    yield realisation, base
    for k, seance in enumerate(realisation.seances):
        yield seance, (*base, "seances", k)


def breakdowns_and_totals(ctx: Contexte) -> Iterator[Problem]:
    """A breakdown counts no more than its total; without a total, breakdowns agree."""
    for doc, act in ctx.dossier.activites:
        for i, r in enumerate(act.realisations):
            for objet, path in _objects(r, ("realisations", i)):
                yield from _against_total(doc, objet, path)


def _against_total(doc: Document, objet: Realisation | Seance, path: Path_) -> Iterator[Problem]:
    found = compute.repartitions(objet)
    if not found:
        return
    if isinstance(objet, Seance):
        total, quoi = compute.presences_seance(objet), "présences"
    else:
        total, quoi = compute.personnes(objet), "personnes touchées"
    if total is None and len({_somme(c) for c in found.values()}) > 1:
        sums = " ; ".join(f"{PAR[d]} : {_somme(c)}" for d, c in found.items())
        yield doc.problem(
            "total-non-deduit",
            f"sans « participants », les répartitions ne disent pas le même total ({sums}) :"
            f" le nombre de {quoi} n'est pas connu",
            (*path, list(found)[-1]),
            key=True,
            hint="ajoutez « participants » (le total) : une répartition plus petite est dite"
            " partielle dans le bilan (« non précisé pour … »)",
            severity=WARNING,
        )
        return
    for dimension, counts in found.items():
        if total is not None and _somme(counts) > total:
            yield doc.problem(
                "repartition-excedentaire",
                f"la répartition {PAR[dimension]} compte {_somme(counts)} {quoi}, plus que le"
                f" total ({total})",
                (*path, dimension),
                key=True,
                hint="chaque personne est comptée dans une seule catégorie ; s'il en manque,"
                " le bilan dit « non précisé »",
            )


def age_bands(ctx: Contexte) -> Iterator[Problem]:
    """The age bands of one breakdown do not overlap: each person is in one band."""
    for doc, act in ctx.dossier.activites:
        for i, r in enumerate(act.realisations):
            for objet, path in _objects(r, ("realisations", i)):
                if objet.ages:
                    yield from _overlaps(doc, list(objet.ages), (*path, "ages"))


def _overlaps(doc: Document, tranches: list[str], path: Path_) -> Iterator[Problem]:
    ordered = ordre_tranches(tranches)
    for before, after in pairwise(ordered):
        _, end = bornes_tranche(before)
        start, _ = bornes_tranche(after)
        if end is None or end >= start:
            yield doc.problem(
                "tranches-chevauchantes",
                f"les tranches d'âge « {before} » et « {after} » se recouvrent ({start} ans"
                " est dans les deux)",
                (*path, after),
                key=True,
                hint="chaque personne est comptée dans une seule tranche : 18-25 puis 26-59,"
                " moins-de-18 puis 18-25",
            )


def categories_persons_and_attendances(ctx: Contexte) -> Iterator[Problem]:
    """Category by category, a realisation's persons lie between the best-attended session
    and the summed attendances, where the breakdowns are complete enough to tell."""
    for doc, act in ctx.dossier.activites:
        for i, r in enumerate(act.realisations):
            if not r.seances:
                continue
            own = compute.repartitions(r)
            persons = compute.personnes(r)
            for dimension, counts in own.items():
                path: Path_ = ("realisations", i, dimension)
                yield from _per_category(doc, r, dimension, counts, persons, path)


def _per_category(
    doc: Document,
    r: Realisation,
    dimension: str,
    counts: dict[str, int],
    persons: int | None,
    path: Path_,
) -> Iterator[Problem]:
    sessions = [(s, compute.repartitions(s).get(dimension)) for s in r.seances]
    if all(c is not None for _, c in sessions):
        complete = all(
            compute.presences_seance(s) == _somme(c) for s, c in sessions if c is not None
        )
        for categorie, n in counts.items() if complete else ():
            summed = sum((c or {}).get(categorie, 0) for _, c in sessions)
            if n > summed:
                yield doc.problem(
                    "incoherence",
                    f"les personnes touchées comptent {n} {nom_categorie(dimension, categorie, n)},"
                    f" plus que les présences de toutes les séances ({summed})",
                    (*path, categorie),
                    hint="une personne de cette catégorie est venue au moins une fois : pas plus"
                    " de personnes que de présences",
                )
    if persons is None or _somme(counts) != persons:
        return  # a partial breakdown says how many at least: no upper bound per category
    for s, c in sessions:
        for categorie, n in (c or {}).items():
            if n > counts.get(categorie, 0):
                have = counts.get(categorie, 0)
                yield doc.problem(
                    "incoherence",
                    f"la séance {du(s.date)} compte {n} {nom_categorie(dimension, categorie, n)},"
                    f" plus que les personnes touchées ({have})",
                    (*path, categorie) if categorie in counts else path,
                    key=categorie not in counts,
                    hint="les personnes touchées comptent chacune une fois : au moins autant que"
                    " la séance la plus suivie, catégorie par catégorie",
                )


def counted_categories(ctx: Contexte) -> Iterator[Problem]:
    """An indicator counts one category (a public, a sex or an age band), and only when it
    sums the persons reached."""
    for doc, plan in ctx.dossier.plans:
        for ind, base in indicateurs_situes(plan):
            champs = [champ for champ in DIMENSIONS.values() if getattr(ind, champ) is not None]
            if not champs:
                continue
            if len(champs) > 1:
                yield doc.problem(
                    "incoherence",
                    f"l'indicateur {ind.id} compte à la fois « {champs[0]} » et « {champs[1]} » :"
                    " les répartitions ne se croisent pas",
                    (*base, champs[1]),
                    key=True,
                    hint="gardez-en un : un indicateur par public, par sexe ou par âge",
                )
            if ind.calcul is not Calcul.SOMME_PARTICIPANTS:
                yield doc.problem(
                    "incoherence",
                    f"l'indicateur {ind.id} ne compte « {champs[0]} » que s'il fait la somme"
                    " des personnes touchées",
                    (*base, champs[0]),
                    key=True,
                    hint="ajoutez « calcul: somme-participants », ou retirez la clé",
                )
