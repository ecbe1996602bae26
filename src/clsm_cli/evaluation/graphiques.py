"""The evaluation's charts as data: each indicator's trajectory with its targets drawn (small
multiples), the partners active each year, the cellule's referrals each year; each with
its text alternative. They are drawn by the bilan's chart writer (`bilan/writers/charts`)."""

from __future__ import annotations

from ..bilan.graphiques import CIBLE, REALISE, REFERENCE, Courbe, Graphique
from ..figures.compute import HORS_CALENDRIER
from ..figures.cumul import Cumul
from ..french.formatting import au_moins, en_unite, nombre
from ..models.plan import Plan, Unite
from .gouvernance import Gouvernance
from .suivi import LigneSuivi

PAR_GRAPHIQUE = 6
"""Indicators per chart of trajectories: three rows of two, readable on an A4 page."""
MAX_TRAJECTOIRES = 36
"""Beyond this many indicators with a value, trajectories are no longer read (and take long
to draw): the tracking table gives each figure, and the evaluation says so."""


def traces(suivi: list[LigneSuivi]) -> list[LigneSuivi]:
    """The indicators whose trajectory can be drawn: a value some year, not a yes-or-no."""
    return [
        s
        for s in suivi
        if s.indicateur.unite is not Unite.OUI_NON
        and any(a.ligne.valeur_num is not None for a in s.annees)
    ]


def trajectoires(plan: Plan, lignes: list[LigneSuivi]) -> list[Graphique]:
    """The trajectories of the indicators `traces` kept, `PAR_GRAPHIQUE` to a chart; none
    beyond `MAX_TRAJECTOIRES`."""
    if len(lignes) > MAX_TRAJECTOIRES:
        return []
    graphiques = []
    for start in range(0, len(lignes), PAR_GRAPHIQUE):
        groupe = lignes[start : start + PAR_GRAPHIQUE]
        numero = start // PAR_GRAPHIQUE + 1
        premier, dernier = groupe[0].indicateur.id, groupe[-1].indicateur.id
        quels = f"des indicateurs {premier} à {dernier}" if len(groupe) > 1 else f"de {premier}"
        # an indicator that adds up: its sums year by year, for its curve and its words
        totaux = [s.cumuls(plan) if s.periode.cumul else None for s in groupe]
        paires = list(zip(groupe, totaux, strict=True))
        graphiques.append(
            Graphique(
                f"trajectoires-{numero}",
                f"Trajectoire {quels}",
                [],
                {},
                alternative=" ".join(_alternative(s, t) for s, t in paires),
                panneaux=[_courbe(s, t) for s, t in paires],
            )
        )
    return graphiques


def _courbe(s: LigneSuivi, totaux: list[Cumul] | None) -> Courbe:
    """Each year's value against its target; for an indicator that adds up, its sum so far
    against the targets of the years it covers (`cumuls`), which rises towards them."""
    ind = s.indicateur
    annees = [a.annee for a in s.annees]
    if totaux is not None:
        series: dict[str, list[float | None]] = {REALISE: [t.valeur for t in totaux]}
        if any(t.cible is not None for t in totaux):
            series[CIBLE] = [t.cible for t in totaux]
        etiquettes = [_etiquette(t.valeur, t.partiel, ind.unite) for t in totaux]
        etiquettes = _hors_calendrier(s, etiquettes, series[REALISE])
        return Courbe(f"{ind.id} – {ind.libelle} (cumul)", annees, series, etiquettes)
    series = {REALISE: [a.ligne.valeur_num for a in s.annees]}
    cibles = [None if a.hors_calendrier else a.ligne.cible_num for a in s.annees]
    if any(c is not None for c in cibles):  # none drawn where nothing was due
        series[CIBLE] = cibles
    if ind.reference is not None:
        series[REFERENCE] = [ind.reference.valeur for _ in s.annees]
    etiquettes = [_etiquette(a.ligne.valeur_num, a.ligne.partiel, ind.unite) for a in s.annees]
    etiquettes = _hors_calendrier(s, etiquettes, series[REALISE])
    return Courbe(f"{ind.id} – {ind.libelle}", annees, series, etiquettes)


def _hors_calendrier(
    s: LigneSuivi, etiquettes: list[str], valeurs: list[float | None]
) -> list[str]:
    """A year outside the action's `calendrier` without a value is `hors calendrier`, not
    `non renseigné`: nothing was due."""
    return [
        HORS_CALENDRIER if v is None and not a.prevue else label
        for a, label, v in zip(s.annees, etiquettes, valeurs, strict=True)
    ]


def _etiquette(valeur: float | None, partiel: bool, unite: str | None) -> str:
    """A point's label: `≥ 51` for a lower bound."""
    return ("≥\u202f" if partiel else "") + en_unite(valeur, unite)


def _alternative(s: LigneSuivi, totaux: list[Cumul] | None) -> str:
    """`1.1.1-a Libellé : 2021 : 12 (cible 10) ; 2022 : non renseigné (cible 20).`; for an
    indicator that adds up, `2022 : 10, cumul 31 (cible 60)`."""
    unite = s.indicateur.unite
    years = []
    sommes: list[Cumul | None] = list(totaux) if totaux else [None] * len(s.annees)
    for a, total in zip(s.annees, sommes, strict=True):
        hors = a.hors_calendrier
        text = f"{a.annee} : {HORS_CALENDRIER if hors else a.ligne.valeur}"
        if hors and (total is None or total.valeur is None):
            years.append(text)  # before the action: nothing due, no total yet
            continue
        cible = a.ligne.cible_num
        if total is not None:
            text += f", cumul {au_moins(total.valeur, total.partiel, unite)}"
            cible = total.cible
        if cible is not None:
            text += f" (cible {en_unite(cible, unite)})"
        years.append(text)
    return f"{s.indicateur.id} {s.indicateur.libelle} : {' ; '.join(years)}."


def graphiques_gouvernance(g: Gouvernance) -> list[Graphique]:
    """The partners active each year, and the cellule's referrals each year, when more than
    one year is evaluated and some year says them."""
    if len(g.annees) < 2:
        return []
    graphiques = []
    if g.a_partenariat:
        actifs = [a.actifs for a in g.partenariat]
        graphiques.append(
            _par_annee(
                ("partenaires-annees", "Partenaires actifs", "Partenaires actifs", "structures"),
                g.annees,
                actifs,
            )
        )
    if g.a_saisines:
        nombres = [s.nombre for s in g.saisines]
        graphiques.append(
            _par_annee(
                ("saisines-annees", "Saisines de la cellule", "Saisines", "saisines"),
                g.annees,
                nombres,
            )
        )
    return graphiques


def _par_annee(
    noms: tuple[str, str, str, str], annees: list[int], valeurs: list[int | None]
) -> Graphique:
    """One bar a year; `noms` are the chart's id, what it counts (its title is « … chaque
    année »), its series and its unit. A year that says nothing is said so."""
    ident, quoi, serie, unite = noms
    libelles = [str(a) for a in annees]
    return Graphique(
        ident,
        f"{quoi} chaque année",
        libelles,
        {serie: [None if n is None else float(n) for n in valeurs]},
        unite=unite,
        alternative=f"{quoi} : "
        + " ; ".join(f"{a} : {nombre(n)}" for a, n in zip(libelles, valeurs, strict=True))
        + ".",
    )
