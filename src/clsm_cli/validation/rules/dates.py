"""Rules on years, periods and dates: activity in its year and under a plan, calendars and
targets in the plan's period, plans that overlap, ends after starts, partners and members
named in the years they belong."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ...french.dates import annees_fr
from ...loader import Document, Path_
from ...models.activite import Activite
from ...models.common import annee_de, bornes
from ...models.partenaires import Partenaire
from ...models.plan import Calendrier, Plan
from ...models.territoire import Membre
from ...problems import Problem
from .context import WARNING, Contexte, PlanLu, actions_situees, partenaires_nommes


def activity_years(ctx: Contexte) -> Iterator[Problem]:
    """Each activity file's year is its name's, covered by a plan, and its dates are in it."""
    periods_known = all(lu.known_period for lu in ctx.plans)
    for doc, act in ctx.dossier.activites:
        stem = Path(doc.file).stem
        if stem.isdigit() and int(stem) != act.annee:
            yield doc.problem(
                "annee-incoherente",
                f"le fichier {Path(doc.file).name} déclare l'année {act.annee}",
                ("annee",),
                hint=f"écrivez annee: {stem}, ou renommez le fichier {act.annee}.yaml",
            )
        if not ctx.plans_pour(act.annee) and periods_known:
            if ctx.plans:
                periods = ", ".join(f"{lu.debut}–{lu.fin}" for lu in ctx.plans)
                message = f"aucun plan ne couvre l'année {act.annee} (plans : {periods})"
            else:
                message = f"aucun plan ne couvre l'année {act.annee} : le territoire n'a aucun plan"
            yield doc.problem(
                "annee-hors-plan", message, ("annee",), hint=ctx.missing_plan_hint(act.annee)
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


def plan_periods(ctx: Contexte) -> Iterator[Problem]:
    """Calendars and target years sit inside the plan's period, ends after starts."""
    dossier = ctx.dossier
    for doc, plan in dossier.plans:
        for act, base in actions_situees(plan):
            cal = act.calendrier
            if cal and cal.debut and cal.fin and bornes(cal.fin)[1] < bornes(cal.debut)[0]:
                yield doc.problem(
                    "dates-inversees",
                    f"l'action {act.id} finit ({cal.fin}) avant de commencer ({cal.debut})",
                    (*base, "calendrier", "fin"),
                )
            elif cal:
                yield from _calendar_in_period(doc, plan, act.id, cal, base)
            for i, ind in enumerate(act.indicateurs):
                for c, cible in enumerate(ind.cibles):
                    if cible.annee is not None and not plan.couvre(cible.annee):
                        yield doc.problem(
                            "annee-hors-plan",
                            f"la cible de {ind.id} vise {cible.annee}, hors de la période"
                            f" {plan.periode.debut}–{plan.periode.fin}",
                            (*base, "indicateurs", i, "cibles", c, "annee"),
                            hint=(
                                "aucun bilan du plan ne dira si elle est atteinte : corrigez"
                                " l'année, ou gardez cette cible pour le plan suivant"
                            ),
                            severity=WARNING,
                        )


def _calendar_in_period(
    doc: Document, plan: Plan, ident: str, cal: Calendrier, base: Path_
) -> Iterator[Problem]:
    period = f"{plan.periode.debut}–{plan.periode.fin}"
    outside = []
    if cal.debut is not None and annee_de(cal.debut) < plan.periode.debut:
        outside.append(("debut", f"commence en {cal.debut}, avant"))
    if cal.fin is not None and annee_de(cal.fin) > plan.periode.fin:
        outside.append(("fin", f"finit en {cal.fin}, après"))
    for key, when in outside:
        yield doc.problem(
            "calendrier-hors-plan",
            f"l'action {ident} {when} la période du plan ({period})",
            (*base, "calendrier", key),
            hint="corrigez le calendrier, ou rangez l'action dans le plan de ces années",
            severity=WARNING,
        )


def actions_in_their_calendar(ctx: Contexte) -> Iterator[Problem]:
    """A realisation falls in a year of its action's `calendrier`: the evaluation counts one
    outside it « hors calendrier », which a mistyped action or calendar most often explains.
    A yearly status may well be given outside it (« prévue » before, « reportée »,
    « abandonnée » or « réalisée » after): it is not questioned."""
    dossier = ctx.dossier
    for doc, act in dossier.activites:
        covering = dossier.plan_pour(act.annee)
        if covering is None or not act.realisations:
            continue
        plan_doc, plan = covering
        situees = {action.id: (action, base) for action, base in actions_situees(plan)}
        for r, realisation in enumerate(act.realisations):
            found = situees.get(realisation.action)
            if found is None or found[0].prevue_en(act.annee):
                continue
            action, base = found
            debut, fin = action.annees_prevues(plan.periode)
            if fin < debut:  # an inverted calendar: `plan_periods` says it
                continue
            where = _line(plan_doc, (*base, "calendrier"))
            yield doc.problem(
                "hors-calendrier",
                f"une réalisation de l'action {action.id} en {act.annee}, hors de son"
                f" calendrier ({annees_fr(debut, fin)})",
                ("realisations", r, "action"),
                hint="corrigez l'action de cette réalisation, ou le calendrier de l'action"
                f" dans {Path(plan_doc.file).name}{where}",
                severity=WARNING,
            )


def _years(debut: int, fin: int) -> str:
    return f"{debut}" if debut == fin else f"les années {debut} à {fin}"


def overlapping_plans(ctx: Contexte) -> Iterator[Problem]:
    """A year is covered by one plan; a period that ends before it starts is an error.

    Two plans may overlap (a new plan voted before the old one ends): the activity of the
    years they share may then name the actions of both. It is said, on the later plan.
    """
    dated: list[tuple[PlanLu, int, int]] = []
    for lu in ctx.plans:
        if lu.debut is None or lu.fin is None:
            continue
        if lu.fin < lu.debut:
            yield lu.doc.problem(
                "dates-inversees",
                f"le plan finit ({lu.fin}) avant de commencer ({lu.debut})",
                ("periode", "fin"),
            )
        else:
            dated.append((lu, lu.debut, lu.fin))
    for i, first in enumerate(dated):
        for second in dated[i + 1 :]:
            (older, debut, fin), (later, debut2, fin2) = sorted(
                (first, second), key=lambda item: item[1]
            )
            shared = (max(debut, debut2), min(fin, fin2))
            if shared[0] > shared[1]:
                continue
            yield later.doc.problem(
                "plans-chevauchants",
                f"ce plan ({debut2}–{fin2}) et {older.name} ({debut}–{fin}) couvrent tous"
                f" deux {_years(*shared)}",
                ("periode", "debut"),
                hint="l'activité de ces années peut renvoyer aux actions des deux plans, mais"
                f" le bilan suit {later.name} ; si ce n'est pas voulu, corrigez l'une des"
                " deux périodes",
                severity=WARNING,
            )


def membership_dates(ctx: Contexte) -> Iterator[Problem]:
    """Members leave a body after they join it; the coordination's funding periods run forward."""
    if ctx.dossier.territoire is None:
        return
    doc, territoire = ctx.dossier.territoire
    for i, instance in enumerate(territoire.instances):
        for m, membre in enumerate(instance.membres):
            if _inverted(membre):
                yield doc.problem(
                    "dates-inversees",
                    f"{membre.partenaire} quitte l'instance {instance.id} en {membre.jusqu_a},"
                    f" avant d'y entrer en {membre.depuis}",
                    ("instances", i, "membres", m, "jusqu_a"),
                    hint="échangez « depuis » et « jusqu_a », ou corrigez l'une des années",
                )
    if territoire.coordination is not None:
        for i, financeur in enumerate(territoire.coordination.financeurs):
            periode = financeur.periode
            if periode is not None and periode.fin < periode.debut:
                yield doc.problem(
                    "dates-inversees",
                    f"le financement de {financeur.partenaire} finit ({periode.fin}) avant de"
                    f" commencer ({periode.debut})",
                    ("coordination", "financeurs", i, "periode", "fin"),
                )


def partners_in_their_years(ctx: Contexte) -> Iterator[Problem]:
    """A partner the activity names was in the partnership that year (`depuis` to `jusqu_a`).

    Said once per partner and file, at its first mention: the bilan would count it among the
    year's active partners, and among the new ones of the year it joined.
    """
    dossier = ctx.dossier
    if dossier.annuaire is None:
        return
    directory, annuaire = dossier.annuaire
    partners = {p.id: (i, p) for i, p in enumerate(annuaire.partenaires)}
    for i, partner in enumerate(annuaire.partenaires):
        if _inverted_partner(partner):
            yield directory.problem(
                "dates-inversees",
                f"le partenaire « {partner.id} » quitte le partenariat en {partner.jusqu_a},"
                f" avant d'y entrer en {partner.depuis}",
                ("partenaires", i, "jusqu_a"),
                hint="échangez « depuis » et « jusqu_a », ou corrigez l'une des années",
            )
    for doc, act in dossier.activites:
        said: set[str] = set()
        for ident, path in partenaires_nommes(act):
            if ident not in partners or ident in said:
                continue
            i, partner = partners[ident]
            if partner.partenaire_en(act.annee) or _inverted_partner(partner):
                continue
            said.add(ident)
            message, hint = _out_of_partnership(partner, act.annee, directory, i)
            yield doc.problem("membre-hors-periode", message, path, hint=hint, severity=WARNING)


def _inverted_partner(partner: Partenaire) -> bool:
    """Whether a partner leaves before it joins (said once, on the directory)."""
    depuis, jusqu_a = partner.depuis, partner.jusqu_a
    return depuis is not None and jusqu_a is not None and jusqu_a < depuis


def _out_of_partnership(
    partner: Partenaire, annee: int, directory: Document, index: int
) -> tuple[str, str]:
    """The message and hint for a partner named in a year outside its partnership."""
    name = Path(directory.file).name
    if partner.depuis is not None and annee < partner.depuis:
        where = _line(directory, ("partenaires", index, "depuis"))
        return (
            f"le partenaire « {partner.id} » est nommé dans l'activité de {annee}, mais"
            f" n'est entré dans le partenariat qu'en {partner.depuis}",
            f"corrigez « depuis » dans {name}{where}, ou l'année de cet élément : tel quel, le"
            f" bilan de {annee} le compte parmi les partenaires actifs, et celui de"
            f" {partner.depuis} parmi les nouveaux",
        )
    where = _line(directory, ("partenaires", index, "jusqu_a"))
    successor = (
        f"nommez plutôt « {partner.devenu} », qui lui succède, ou corrigez"
        if partner.devenu
        else "corrigez"
    )
    return (
        f"le partenaire « {partner.id} » est nommé dans l'activité de {annee}, mais a quitté"
        f" le partenariat en {partner.jusqu_a}",
        f"{successor} « jusqu_a » dans {name}{where} : tel quel, le bilan de {annee} le compte"
        " parmi les partenaires actifs",
    )


def _line(doc: Document, path: Path_) -> str:
    where = doc.source.locate(path)
    return f" (ligne {where[0]})" if where else ""


def _inverted(membre: Membre) -> bool:
    """Whether a membership ends before it starts (`membership_dates` says it)."""
    return (
        membre.depuis is not None and membre.jusqu_a is not None and membre.jusqu_a < membre.depuis
    )


def _years_of(membre: Membre) -> str:
    """A membership's years, after « n'en est membre »."""
    depuis, jusqu_a = membre.depuis, membre.jusqu_a
    if depuis is not None and jusqu_a is not None:
        return f"qu'en {depuis}" if depuis == jusqu_a else f"que de {depuis} à {jusqu_a}"
    if depuis is not None:
        return f"qu'à partir de {depuis}"
    return f"que jusqu'en {jusqu_a}"


def presents_in_their_years(ctx: Contexte) -> Iterator[Problem]:
    """A partner present at a body's meeting was its member that year.

    A partner that is never a member of the body may have been invited: that is not said.
    """
    dossier = ctx.dossier
    if dossier.territoire is None:
        return
    territory, territoire = dossier.territoire
    memberships: dict[tuple[str, str], list[tuple[Membre, Path_]]] = {}
    for i, instance in enumerate(territoire.instances):
        for m, membre in enumerate(instance.membres):
            key = (instance.id, membre.partenaire)
            memberships.setdefault(key, []).append((membre, ("instances", i, "membres", m)))
    name = Path(territory.file).name
    for doc, act in dossier.activites:
        for r, reunion in enumerate(act.reunions):
            annee = annee_de(reunion.date)
            for k, ident in enumerate(reunion.presents):
                spans = memberships.get((reunion.instance, ident))
                if not spans or any(
                    membre.membre_en(annee) or _inverted(membre) for membre, _ in spans
                ):
                    continue
                in_order = sorted(spans, key=lambda span: span[0].depuis or 0)
                years = ", puis ".join(_years_of(membre) for membre, _ in in_order)
                yield doc.problem(
                    "membre-hors-periode",
                    f"le partenaire « {ident} » est présent à la réunion de {reunion.instance}"
                    f" ({reunion.date}), mais n'en est membre {years}",
                    ("reunions", r, "presents", k),
                    hint=f"mettez à jour ses dates de membre (depuis, jusqu_a) dans {name}"
                    f"{_line(territory, spans[0][1])}, ou corrigez la date de la réunion",
                    severity=WARNING,
                )
