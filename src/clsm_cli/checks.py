"""Rules on the whole territory, run once each file has passed its model.

Each rule reads the sound models of a `Dossier` and yields located problems: duplicate
ids, references to nothing, numbering, periods and dates, units and rates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from . import compute, figure_checks
from .loader import Document, Path_
from .models.activite import Activite
from .models.common import annee_de, bornes
from .models.plan import Indicateur, Unite
from .problems import Gravite, Problem
from .validation import nearest
from .workspace import Dossier

Rule = Callable[[Dossier], Iterator[Problem]]
WARNING = Gravite.AVERTISSEMENT


def run(dossier: Dossier) -> list[Problem]:
    """Every rule's problems for a territory."""
    return [problem for rule in RULES for problem in rule(dossier)]


# ---------------------------------------------------------------- helpers


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


class _Refs:
    """Checks references against a set of known ids, with a nearest-match hint."""

    def __init__(self, known: set[str], what: str, where: str) -> None:
        self.known = known
        self.what = what
        self.where = where

    def check(self, doc: Document, ident: str | None, path: Path_) -> Iterator[Problem]:
        """A problem if the id is set and unknown."""
        if ident is None or ident in self.known:
            return
        guess = nearest(ident, sorted(self.known))
        hint = f"vouliez-vous dire « {guess} » ? " if guess else ""
        hint += f"ajoutez-le à {self.where}, ou corrigez l'identifiant"
        yield doc.problem(
            "reference-inconnue", f"{self.what} « {ident} » n'existe pas", path, hint=hint
        )


def _partner_refs(dossier: Dossier) -> _Refs | None:
    if dossier.annuaire is None:
        return None
    known = {p.id for p in dossier.annuaire[1].partenaires}
    return _Refs(known, "le partenaire", "partenaires.yaml")


# ---------------------------------------------------------------- identifiers


def unique_ids(dossier: Dossier) -> Iterator[Problem]:
    """No identifier is defined twice in its scope."""
    if dossier.annuaire is not None:
        doc, annuaire = dossier.annuaire
        items = [(p.id, ("partenaires", i, "id")) for i, p in enumerate(annuaire.partenaires)]
        yield from _duplicates(doc, items, "le partenaire")
    if dossier.territoire is not None:
        doc, territoire = dossier.territoire
        items = [(x.id, ("instances", i, "id")) for i, x in enumerate(territoire.instances)]
        yield from _duplicates(doc, items, "l'instance")
    for doc, plan in dossier.plans:
        elements: list[tuple[str, Path_]] = []
        indicators: list[tuple[str, Path_]] = []
        for a, axe in enumerate(plan.axes):
            elements.append((axe.id, ("axes", a, "id")))
            for o, obj in enumerate(axe.objectifs):
                elements.append((obj.id, ("axes", a, "objectifs", o, "id")))
                for n, act in enumerate(obj.actions):
                    base: Path_ = ("axes", a, "objectifs", o, "actions", n)
                    elements.append((act.id, (*base, "id")))
                    indicators += [
                        (ind.id, (*base, "indicateurs", i, "id"))
                        for i, ind in enumerate(act.indicateurs)
                    ]
        yield from _duplicates(doc, elements, "l'identifiant")
        yield from _duplicates(doc, indicators, "l'indicateur")
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


def numbering(dossier: Dossier) -> Iterator[Problem]:
    """An objective's number starts with its axis's, an action's with its objective's."""
    for doc, plan in dossier.plans:
        for a, axe in enumerate(plan.axes):
            for o, obj in enumerate(axe.objectifs):
                if not obj.id.startswith(axe.id + "."):
                    yield doc.problem(
                        "numerotation-incoherente",
                        f"l'objectif {obj.id} est rangé sous l'axe {axe.id}",
                        ("axes", a, "objectifs", o, "id"),
                        hint=f"numérotez-le {axe.id}.…, ou déplacez-le sous le bon axe",
                        severity=WARNING,
                    )
                for n, act in enumerate(obj.actions):
                    if not act.id.startswith(obj.id + "."):
                        yield doc.problem(
                            "numerotation-incoherente",
                            f"l'action {act.id} est rangée sous l'objectif {obj.id}",
                            ("axes", a, "objectifs", o, "actions", n, "id"),
                            hint=f"numérotez-la {obj.id}.…, ou déplacez-la sous le bon objectif",
                            severity=WARNING,
                        )


# ---------------------------------------------------------------- references


def territory_references(dossier: Dossier) -> Iterator[Problem]:
    """The territory and the directory name partners that the directory holds."""
    refs = _partner_refs(dossier)
    if refs is None or dossier.annuaire is None:
        return
    annuaire_doc, annuaire = dossier.annuaire
    for i, p in enumerate(annuaire.partenaires):
        yield from refs.check(annuaire_doc, p.parent, ("partenaires", i, "parent"))
    if dossier.territoire is None:
        return
    doc, t = dossier.territoire
    yield from refs.check(doc, t.labellise_par, ("labellise_par",))
    for i, ident in enumerate(t.partenaires_fondateurs):
        yield from refs.check(doc, ident, ("partenaires_fondateurs", i))
    if t.coordination is not None:
        coord = t.coordination
        yield from refs.check(doc, coord.structure_porteuse, ("coordination", "structure_porteuse"))
        for i, ident in enumerate(coord.coporteurs):
            yield from refs.check(doc, ident, ("coordination", "coporteurs", i))
        for i, f in enumerate(coord.financeurs):
            yield from refs.check(
                doc, f.partenaire, ("coordination", "financeurs", i, "partenaire")
            )
    for i, instance in enumerate(t.instances):
        for m, membre in enumerate(instance.membres):
            path = ("instances", i, "membres", m, "partenaire")
            yield from refs.check(doc, membre.partenaire, path)


def plan_references(dossier: Dossier) -> Iterator[Problem]:
    """Actions name pilots, partners and funders that the directory holds."""
    refs = _partner_refs(dossier)
    if refs is None:
        return
    for doc, plan in dossier.plans:
        for a, axe in enumerate(plan.axes):
            for o, obj in enumerate(axe.objectifs):
                for n, act in enumerate(obj.actions):
                    base: Path_ = ("axes", a, "objectifs", o, "actions", n)
                    yield from refs.check(doc, act.pilote, (*base, "pilote"))
                    for i, ident in enumerate(act.partenaires):
                        yield from refs.check(doc, ident, (*base, "partenaires", i))
                    for i, f in enumerate(act.financements):
                        yield from refs.check(
                            doc, f.financeur, (*base, "financements", i, "financeur")
                        )


def activity_references(dossier: Dossier) -> Iterator[Problem]:
    """A year's activity points at actions, indicators, bodies and partners that exist."""
    partners = _partner_refs(dossier)
    instances = None
    if dossier.territoire is not None:
        known = {x.id for x in dossier.territoire[1].instances}
        instances = _Refs(known, "l'instance", "clsm.yaml (instances)")
    for doc, act in dossier.activites:
        covering = dossier.plan_pour(act.annee)
        if covering is not None:
            plan = covering[1]
            plan_file = Path(covering[0].file).name
            actions = _Refs({a.id for _, _, a in plan.actions()}, "l'action", plan_file)
            indicators = _Refs({i.id for _, i in plan.indicateurs()}, "l'indicateur", plan_file)
            axes = _Refs({axe.id for axe in plan.axes}, "l'axe", plan_file)
            for i, r in enumerate(act.realisations):
                yield from actions.check(doc, r.action, ("realisations", i, "action"))
            for i, m in enumerate(act.mesures):
                yield from indicators.check(doc, m.indicateur, ("mesures", i, "indicateur"))
            for i, c in enumerate(act.axes):
                yield from axes.check(doc, c.axe, ("axes", i, "axe"))
        if instances is not None:
            for i, reunion in enumerate(act.reunions):
                yield from instances.check(doc, reunion.instance, ("reunions", i, "instance"))
        if partners is None:
            continue
        for i, r in enumerate(act.realisations):
            for k, ident in enumerate(r.partenaires):
                yield from partners.check(doc, ident, ("realisations", i, "partenaires", k))
            for s, seance in enumerate(r.seances):
                for k, presence in enumerate(seance.repartition):
                    path = ("realisations", i, "seances", s, "repartition", k, "partenaire")
                    yield from partners.check(doc, presence.partenaire, path)
        for i, reunion in enumerate(act.reunions):
            for k, ident in enumerate(reunion.presents):
                yield from partners.check(doc, ident, ("reunions", i, "presents", k))
        for i, saisine in enumerate(act.saisines):
            yield from partners.check(doc, saisine.partenaire, ("saisines", i, "partenaire"))
            for k, ident in enumerate(saisine.invites):
                yield from partners.check(doc, ident, ("saisines", i, "invites", k))


# ---------------------------------------------------------------- periods and dates


def activity_years(dossier: Dossier) -> Iterator[Problem]:
    """Each activity file's year is its name's, covered by a plan, and its dates are in it."""
    for doc, act in dossier.activites:
        stem = Path(doc.file).stem
        if stem.isdigit() and int(stem) != act.annee:
            yield doc.problem(
                "annee-incoherente",
                f"le fichier {Path(doc.file).name} déclare l'année {act.annee}",
                ("annee",),
                hint=f"écrivez annee: {stem}, ou renommez le fichier {act.annee}.yaml",
            )
        if dossier.plans and dossier.plan_pour(act.annee) is None:
            periods = ", ".join(f"{p.periode.debut}–{p.periode.fin}" for _, p in dossier.plans)
            yield doc.problem(
                "annee-hors-plan",
                f"aucun plan ne couvre l'année {act.annee} (plans : {periods})",
                ("annee",),
                hint="ajoutez le plan de cette période, ou corrigez l'année",
            )
        yield from _dates_in_year(doc, act)


def _dates_in_year(doc: Document, act: Activite) -> Iterator[Problem]:
    dated: list[tuple[str, Path_]] = []
    for i, r in enumerate(act.realisations):
        dated.append((r.date, ("realisations", i, "date")))
        dated += [
            (s.date, ("realisations", i, "seances", k, "date")) for k, s in enumerate(r.seances)
        ]
        if r.date_fin is not None and bornes(r.date_fin)[1] < bornes(r.date)[0]:
            yield doc.problem(
                "dates-inversees",
                f"la réalisation finit ({r.date_fin}) avant de commencer ({r.date})",
                ("realisations", i, "date_fin"),
            )
    dated += [(x.date, ("reunions", i, "date")) for i, x in enumerate(act.reunions)]
    dated += [(x.mois, ("saisines", i, "mois")) for i, x in enumerate(act.saisines)]
    dated += [(m.date, ("mesures", i, "date")) for i, m in enumerate(act.mesures) if m.date]
    for value, path in dated:
        if annee_de(value) != act.annee:
            yield doc.problem(
                "date-hors-annee",
                f"la date {value} n'est pas en {act.annee}",
                path,
                hint=f"corrigez-la, ou déplacez l'élément dans activite/{annee_de(value)}.yaml",
            )


def plan_periods(dossier: Dossier) -> Iterator[Problem]:
    """Calendars and target years sit inside the plan's period, ends after starts."""
    for doc, plan in dossier.plans:
        for a, axe in enumerate(plan.axes):
            for o, obj in enumerate(axe.objectifs):
                for n, act in enumerate(obj.actions):
                    base: Path_ = ("axes", a, "objectifs", o, "actions", n)
                    cal = act.calendrier
                    if cal and cal.debut and cal.fin and bornes(cal.fin)[1] < bornes(cal.debut)[0]:
                        yield doc.problem(
                            "dates-inversees",
                            f"l'action {act.id} finit ({cal.fin}) avant de commencer ({cal.debut})",
                            (*base, "calendrier", "fin"),
                        )
                    for i, ind in enumerate(act.indicateurs):
                        for c, cible in enumerate(ind.cibles):
                            if cible.annee is not None and not plan.couvre(cible.annee):
                                yield doc.problem(
                                    "annee-hors-plan",
                                    f"la cible de {ind.id} vise {cible.annee}, hors de la période"
                                    f" {plan.periode.debut}–{plan.periode.fin}",
                                    (*base, "indicateurs", i, "cibles", c, "annee"),
                                    severity=WARNING,
                                )


# ---------------------------------------------------------------- indicators and figures


def indicator_units(dossier: Dossier) -> Iterator[Problem]:
    """Targets have a unit; percentages stay between 0 and 100."""
    for doc, plan in dossier.plans:
        for a, axe in enumerate(plan.axes):
            for o, obj in enumerate(axe.objectifs):
                for n, act in enumerate(obj.actions):
                    for i, ind in enumerate(act.indicateurs):
                        base: Path_ = ("axes", a, "objectifs", o, "actions", n, "indicateurs", i)
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
            if not 0 <= value <= 100:
                yield doc.problem(
                    "pourcentage-hors-bornes",
                    f"{value:g} n'est pas un pourcentage (entre 0 et 100)",
                    path,
                )
    if ind.calcul is not None and ind.unite is Unite.POURCENTAGE:
        yield doc.problem(
            "incoherence",
            f"l'indicateur {ind.id} est calculé ({ind.calcul}) : c'est un nombre, pas un taux",
            (*base, "unite"),
            hint="écrivez « unite: nombre »",
        )


def measurements(dossier: Dossier) -> Iterator[Problem]:
    """Recorded values respect their indicator: bounds, ratios, and agree with derivations."""
    for doc, act in dossier.activites:
        covering = dossier.plan_pour(act.annee)
        if covering is None:
            continue
        by_id = {ind.id: (action, ind) for action, ind in covering[1].indicateurs()}
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
            if (
                mesure.valeur is not None
                and compute.est_taux(ind)
                and not 0 <= mesure.valeur <= 100
            ):
                yield doc.problem(
                    "pourcentage-hors-bornes",
                    f"{mesure.valeur:g} n'est pas un pourcentage (entre 0 et 100)",
                    (*base, "valeur"),
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


def typed_totals(dossier: Dossier) -> Iterator[Problem]:
    """Totals clsm computes are not typed again, or at least agree."""
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


RULES: tuple[Rule, ...] = (
    unique_ids,
    numbering,
    territory_references,
    plan_references,
    activity_references,
    activity_years,
    plan_periods,
    indicator_units,
    measurements,
    typed_totals,
    *figure_checks.RULES,
)
