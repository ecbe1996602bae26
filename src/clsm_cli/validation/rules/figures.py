"""Rules on indicators and figures: units and rates, recorded measurements, typed totals,
persons and sessions, yes-or-no values.

A realisation's `participants` are the distinct persons it reached; a session's, its
attendance. The persons cannot outnumber the attendances added up, nor be fewer than
the best-attended session. An indicator in `oui-non` is 1 (oui) or 0 (non), in its
targets, its baseline and every year's measurement.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...figures import compute, tracking
from ...loader import Document, Path_
from ...models.plan import Indicateur, Unite
from ...problems import Gravite, Problem
from .context import WARNING, Contexte, indicateurs_situes


def indicator_units(ctx: Contexte) -> Iterator[Problem]:
    """Targets have a unit; percentages stay between 0 and 100."""
    dossier = ctx.dossier
    for doc, plan in dossier.plans:
        for ind, base in indicateurs_situes(plan):
            yield from _indicator_units(doc, ind, base)


def _indicator_units(doc: Document, ind: Indicateur, base: Path_) -> Iterator[Problem]:
    if ind.unite is None and (ind.cibles or ind.reference is not None):
        yield doc.problem(
            "unite-manquante",
            f"l'indicateur {ind.id} a une cible mais pas d'unité",
            base,
            hint="ajoutez « unite: pourcentage » (ou nombre, euros…)",
        )
    if ind.unite is Unite.POURCENTAGE:
        values: list[tuple[float, Path_]] = [
            (c.valeur, (*base, "cibles", k, "valeur")) for k, c in enumerate(ind.cibles)
        ]
        if ind.reference is not None:
            values.append((ind.reference.valeur, (*base, "reference", "valeur")))
        for value, path in values:
            yield from _percentage(doc, value, path)
    if ind.calcul is not None and ind.unite is Unite.POURCENTAGE:
        yield doc.problem(
            "incoherence",
            f"l'indicateur {ind.id} est calculé ({ind.calcul}) : c'est un nombre, pas un taux",
            (*base, "unite"),
            hint="écrivez « unite: nombre »",
        )


def _percentage(doc: Document, value: float, path: Path_) -> Iterator[Problem]:
    """A percentage lies between 0 and 100; one between 0 and 1 is likely a fraction (0.64
    typed for 64 %), which would be shown as 1 %."""
    if not 0 <= value <= 100:
        yield doc.problem(
            "pourcentage-hors-bornes",
            f"{value:g} n'est pas un pourcentage (entre 0 et 100)",
            path,
        )
    elif 0 < value < 1:
        shown = f"{value * 100:g}".replace(".", ",")
        yield doc.problem(
            "pourcentage-en-fraction",
            f"{str(value).replace('.', ',')} % : un pourcentage s'écrit sur 100"
            f" ({shown} pour {shown} %)",
            path,
            hint=f"écrivez {value * 100:g} si c'est {shown} % ; sinon, le numérateur et le"
            " dénominateur, dont clsm calcule le taux",
            severity=WARNING,
        )


def measurements(ctx: Contexte) -> Iterator[Problem]:
    """Recorded values respect their indicator: bounds, ratios, and agree with derivations."""
    dossier = ctx.dossier
    for doc, act in dossier.activites:
        by_id = ctx.indicateurs_de_l_annee(act.annee)
        for i, mesure in enumerate(act.mesures):
            if mesure.indicateur not in by_id:
                continue
            action, ind = by_id[mesure.indicateur]
            base: Path_ = ("mesures", i)
            ratio = mesure.numerateur is not None and mesure.denominateur is not None
            if ratio and ind.unite not in (None, Unite.POURCENTAGE):
                yield doc.problem(
                    "incoherence",
                    f"un numérateur et un dénominateur pour {ind.id}, qui est en {ind.unite}",
                    base,
                    hint="un taux a « unite: pourcentage » dans le plan",
                )
            if ratio and mesure.numerateur > mesure.denominateur:  # type: ignore[operator]
                yield doc.problem(
                    "numerateur-superieur",
                    f"le numérateur ({mesure.numerateur:g}) dépasse le dénominateur"
                    f" ({mesure.denominateur:g})",
                    (*base, "numerateur"),
                    hint="un taux ne dépasse pas 100 % : les deux nombres sont-ils inversés ?",
                    severity=Gravite.ERREUR if compute.est_taux(ind) else WARNING,
                )
            if mesure.valeur is not None and compute.est_taux(ind):
                yield from _percentage(doc, mesure.valeur, (*base, "valeur"))
            if mesure.cumul and not tracking.cumulatif(ind):
                yield doc.problem(
                    "incoherence",
                    f"« cumul: true » dit un total depuis le début du plan, mais {ind.id} ne"
                    " s'additionne pas d'une année à l'autre : sa valeur est celle de l'année",
                    (*base, "cumul"),
                    hint="supprimez « cumul: true », ou, si ses valeurs s'additionnent, écrivez"
                    " « cumul: true » sur l'indicateur dans le plan",
                    severity=WARNING,
                )
            if ind.calcul is not None and mesure.valeur is not None:
                derived = compute.valeur_calculee(ind, action.id, act)
                if derived and derived != mesure.valeur:
                    yield doc.problem(
                        "mesure-et-calcul",
                        f"{ind.id} vaut {mesure.valeur:g} ici, mais {derived:g} d'après les"
                        " réalisations de l'année",
                        (*base, "valeur"),
                        hint="la valeur saisie l'emporte : supprimez-la si le calcul est juste",
                        severity=WARNING,
                    )


def typed_totals(ctx: Contexte) -> Iterator[Problem]:
    """Totals clsm computes are not typed again, or at least agree."""
    dossier = ctx.dossier
    for doc, act in dossier.activites:
        for i, r in enumerate(act.realisations):
            base: Path_ = ("realisations", i)
            for k, seance in enumerate(r.seances):
                if seance.participants is not None and seance.repartition:
                    total = sum(p.participants for p in seance.repartition)
                    same = total == seance.participants
                    message = (
                        f"« participants » est saisi ({total}) alors que clsm fait la somme de"
                        " la répartition"
                        if same
                        else f"la séance compte {seance.participants} participants, mais sa"
                        f" répartition en fait {total}"
                    )
                    yield doc.problem(
                        "chiffre-en-double" if same else "incoherence",
                        message,
                        (*base, "seances", k, "participants"),
                        hint="supprimez « participants » : clsm fait la somme",
                        severity=WARNING if same else Gravite.ERREUR,
                    )
            if (
                r.inscrits is not None
                and r.participants is not None
                and r.participants > r.inscrits
            ):
                yield doc.problem(
                    "incoherence",
                    f"{r.participants} participants pour {r.inscrits} inscrits",
                    (*base, "participants"),
                    severity=WARNING,
                )


def coordination_time(ctx: Contexte) -> Iterator[Problem]:
    """The coordination's time is not typed again beside its team's, or at least agrees."""
    if ctx.dossier.territoire is None:
        return
    doc, territoire = ctx.dossier.territoire
    coord = territoire.coordination
    if coord is None or coord.etp is None or not coord.equipe:
        return
    etps = [p.etp for p in coord.equipe]
    if None in etps:
        return
    total = sum(e for e in etps if e is not None)
    same = abs(total - coord.etp) < 1e-9
    yield doc.problem(
        "chiffre-en-double" if same else "incoherence",
        f"« etp » est saisi ({nombre(coord.etp)}) alors que clsm fait la somme de l'équipe"
        if same
        else f"le temps de coordination ({nombre(coord.etp)} ETP) n'est pas la somme de celui"
        f" de l'équipe ({nombre(total)} ETP)",
        ("coordination", "etp"),
        hint="supprimez « etp » : clsm fait la somme des temps de l'équipe",
        severity=WARNING,
    )


def nombre(value: float) -> str:
    """`0,6`: a decimal as a French reader writes it (Babel stays out of validate)."""
    return f"{value:g}".replace(".", ",")


def persons_and_attendances(ctx: Contexte) -> Iterator[Problem]:
    """A realisation's persons lie between its largest session and its summed attendance."""
    dossier = ctx.dossier
    for doc, act in dossier.activites:
        for i, r in enumerate(act.realisations):
            if r.participants is not None:
                persons, path = r.participants, ("realisations", i, "participants")
            elif compute.personnes_deduites(r):  # the sum of its breakdowns
                persons = compute.personnes(r) or 0
                path = ("realisations", i, next(iter(compute.repartitions(r))))
            else:
                continue
            if not r.seances:
                continue
            attendances = [compute.presences_seance(s) for s in r.seances]
            known = [a for a in attendances if a is not None]
            if known and None not in attendances and persons > sum(known):
                yield doc.problem(
                    "incoherence",
                    f"les personnes touchées ({persons}) dépassent le total des présences"
                    f" aux séances ({sum(known)})",
                    path,
                    hint="« participants » compte les personnes différentes, chacune une fois :"
                    " pas plus que la somme des présences des séances",
                )
            elif known and persons < max(known):
                yield doc.problem(
                    "incoherence",
                    f"les personnes touchées ({persons}) sont moins nombreuses que les"
                    f" présences à la séance la plus suivie ({max(known)})",
                    path,
                    hint="« participants » compte les personnes différentes : au moins autant"
                    " que la séance la plus suivie",
                )


def _yes_no(doc: Document, ident: str, value: float | None, path: Path_) -> Iterator[Problem]:
    if value is not None and value not in (0, 1):
        yield doc.problem(
            "valeur-invalide",
            f"{ident} est un indicateur oui-non : {value:g} n'est ni oui ni non",
            path,
            hint="écrivez 1 pour oui, 0 pour non",
        )


def yes_no_values(ctx: Contexte) -> Iterator[Problem]:
    """An indicator in `oui-non` takes 1 (oui) or 0 (non), nothing else."""
    dossier = ctx.dossier
    for doc, plan in dossier.plans:
        for ind, base in indicateurs_situes(plan):
            if ind.unite is not Unite.OUI_NON:
                continue
            for c, cible in enumerate(ind.cibles):
                yield from _yes_no(doc, ind.id, cible.valeur, (*base, "cibles", c, "valeur"))
            if ind.reference is not None:
                path = (*base, "reference", "valeur")
                yield from _yes_no(doc, ind.id, ind.reference.valeur, path)
    for doc, activite in dossier.activites:
        by_id = ctx.indicateurs_de_l_annee(activite.annee)
        for m, mesure in enumerate(activite.mesures):
            found = by_id.get(mesure.indicateur)
            if found is not None and found[1].unite is Unite.OUI_NON:
                yield from _yes_no(doc, mesure.indicateur, mesure.valeur, ("mesures", m, "valeur"))
