"""The evaluation as a workbook a funder can filter: the tracking table first (one row per
indicator and year, then its period), then the actions year by year, the objectives and
the judgments, partnership and governance, and what is left to fill. Each sheet is a table
with filters on its header; figures are numbers, shown with their unit as the bilan writes
them; what the files do not say is « non renseigné », never 0 or an empty cell.

Written with clsm's workbook (`excel/workbook`), as the exported grid is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..excel.workbook import Sheet, Workbook
from ..figures.compute import HORS_CALENDRIER, NON_RENSEIGNE, Valeur, absent
from ..figures.cumul import Cumul
from ..french.agreement import forme
from ..french.formatting import decimales, ecart_chiffre
from ..models.evaluation import LIBELLES_APPRECIATIONS
from ..models.plan import LIBELLES_STATUTS, Unite
from ..validation.dossier import display_name
from ..writing.atomic import write_bytes
from ..writing.overwrite import check_replace
from .construction import Evaluation
from .suivi import LigneSuivi
from .wording import Textes
from .wording_periode import STATUTS_PERIODE

Cellule = Any
"""A cell's content: text, number, None (blank), or a `Chiffre` written with its unit."""


class Chiffre:
    """An indicator's figure, written as a number in its unit's format (`83 %`, `4 000 €`);
    `non renseigné` when absent."""

    __slots__ = ("cible", "unite", "valeur")

    def __init__(self, valeur: Valeur | None, unite: Unite | None, cible: float | None = None):
        self.valeur, self.unite, self.cible = valeur, unite, cible


def _nombre(value: float | None, unite: Unite | None = None, partiel: bool = False) -> Chiffre:
    return Chiffre(None if value is None else Valeur(value, partiel=partiel), unite)


def _table(
    book: Workbook,
    titre: str,
    colonnes: Sequence[tuple[str, float]],
    rows: Sequence[Sequence[Cellule]],
    statuts: Sequence[int] = (),
) -> Sheet:
    """A sheet holding one filterable table: bold header, frozen, row heights for wrapped
    text; the columns `statuts` (0-based) coloured by status."""
    headers = [name for name, _ in colonnes]
    sheet = book.sheet(titre, headers, [width for _, width in colonnes], 1)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            what = f"« {headers[c - 1]} » ({titre}, ligne {r})"
            if isinstance(value, Chiffre):
                book.valeur(sheet, r, c, value.valeur, value.unite, value.cible)
            else:
                book.write(sheet, r, c, value, what)
    for c in statuts:
        book.status_colours(sheet, c + 1, 2, max(2, len(rows) + 1))
    book.finish(sheet, 1, 1 + len(rows), len(headers))
    return sheet


def _suivi(book: Workbook, e: Evaluation, textes: Textes) -> None:
    colonnes = [
        ("Axe", 8), ("Objectif", 9), ("Action", 9), ("Indicateur", 16), ("Libellé", 40),
        ("Unité", 12), ("Sur la période", 15), ("Année", 22), ("Référence", 12),
        ("Cible", 12), ("Valeur", 12), ("Cumul comparé", 12), ("Taux d'atteinte", 12),
        ("Écart", 10), ("Statut", 16), ("Précisions", 24),
    ]  # fmt: skip
    rows: list[list[Cellule]] = []
    for ligne in e.indicateurs:
        ind = ligne.indicateur
        unite = ind.unite
        debut = [
            ligne.axe.id,
            ligne.objectif.id,
            ligne.action.id,
            ind.id,
            ind.libelle,
            unite.value if unite else None,
            "cumul" if ligne.periode.cumul else "dernière valeur",
        ]
        reference = _nombre(ind.reference.valeur, unite) if ind.reference else None
        for a in ligne.annees:
            if a.hors_calendrier:  # nothing was due: neither a value nor its target
                rows.append([*debut, a.annee, reference, None, HORS_CALENDRIER])
                continue
            rows.append(
                [
                    *debut,
                    a.annee,
                    reference,
                    _nombre(a.ligne.cible_num, unite) if a.ligne.cible_num is not None else None,
                    Chiffre(a.valeur, unite, a.ligne.cible_num),
                    _cumul_compare(a.ligne.cumul_dit, unite),
                    _nombre(a.taux, Unite.POURCENTAGE) if a.taux is not None else None,
                    _ecart(
                        a.ligne.valeur_comparee if a.ecart is not None else None,
                        a.ligne.cible_num,
                        unite,
                    ),
                    a.ligne.statut or None,
                    a.ligne.detail or None,
                ]
            )
        p = ligne.periode
        rows.append(
            [
                *debut,
                textes.periode_libelle(ligne),
                reference,
                _nombre(p.cible, unite) if p.cible is not None else None,
                _nombre(p.valeur, unite, p.partiel),
                None,  # the period's value is the sum itself
                _nombre(p.taux, Unite.POURCENTAGE) if p.taux is not None else None,
                _ecart(p.valeur if p.ecart is not None else None, p.cible, unite),
                p.statut or None,
                _precisions(ligne, textes),
            ]
        )
    statut = [name for name, _ in colonnes].index("Statut")
    _table(book, "Suivi des indicateurs", colonnes, rows, statuts=[statut])


def _cumul_compare(total: Cumul | None, unite: Unite | None) -> Chiffre | None:
    """The running total a year is compared with, when its target is aimed over several
    years (`cumul.jugement`): the rate and the gap beside it are the total's, not the year's
    value's; for a year without a value, what its earlier years reached (a lower bound,
    without rate nor gap). Blank when the year is judged by its own value."""
    if total is None:
        return None
    return _nombre(total.valeur, unite, total.partiel)


def _precisions(ligne: LigneSuivi, textes: Textes) -> str | None:
    """The period row's notes: what its target is made of, the years its sum lacks."""
    detail = textes.periode_cible_detail(ligne)
    notes = [f"cible : {detail}"] if detail else []
    notes += [textes.periode_manque(ligne)] if textes.periode_manque(ligne) else []
    return " ; ".join(notes) or None


def _ecart(valeur: float | None, cible: float | None, unite: Unite | None) -> float | None:
    """The gap between a value compared and its target as a number, the one the bilan and
    the evaluation's text write (`formatting.ecart_chiffre`: in points, from the
    percentage as shown); none when either is unknown, or between a yes and a no."""
    if valeur is None or cible is None or unite is Unite.OUI_NON:
        return None
    return ecart_chiffre(valeur, cible, unite.value if unite else None, decimales(valeur, cible))


def _actions(book: Workbook, e: Evaluation) -> None:
    colonnes = [
        ("Axe", 8), ("Objectif", 9), ("Action", 9), ("Titre", 40), ("Pilote", 20),
        ("Année", 8), ("Statut", 13), ("Avancement", 12), ("Commentaire", 30),
        ("Réalisations", 12), ("Personnes", 12), ("Prévu", 12), ("Dépensé", 12),
    ]  # fmt: skip
    rows: list[list[Cellule]] = []
    for ligne in e.actions.lignes:
        act = ligne.action
        pilote = e.partenaires[act.pilote].nom if act.pilote in e.partenaires else act.pilote
        for a in ligne.annees:
            suivi = a.suivi
            rows.append(
                [
                    ligne.axe.id,
                    ligne.objectif.id,
                    act.id,
                    act.titre,
                    pilote,
                    a.annee,
                    LIBELLES_STATUTS[suivi.statut] if suivi else absent(a.prevue),
                    _nombre(suivi.avancement, Unite.POURCENTAGE)
                    if suivi and suivi.avancement is not None
                    else None,
                    suivi.commentaire if suivi else None,
                    a.realisations,
                    _nombre(a.personnes.valeur, None, a.personnes.partiel)
                    if a.realisations
                    else None,
                    _somme(a.prevu.valeur, a.prevu.partiel, a.prevu.valeur is not None),
                    _somme(a.depense.valeur, a.depense.partiel, a.prevu.valeur is not None),
                ]
            )
    _table(book, "Actions", colonnes, rows)


def _somme(valeur: float | None, partiel: bool, dit: bool) -> Cellule:
    """An amount in euros; blank when the year says nothing of the action's money."""
    return _nombre(valeur, Unite.EUROS, partiel) if valeur is not None or dit else None


def _objectifs(book: Workbook, e: Evaluation, textes: Textes) -> None:
    juges = textes.avec_jugements
    colonnes = [
        ("Niveau", 9), ("Identifiant", 11), ("Titre", 44), ("Indicateurs", 12),
        *((forme(2, *STATUTS_PERIODE[s]).capitalize(), 11) for s in STATUTS_PERIODE),
        ("Selon les indicateurs", 18), *([("Jugements", 44)] if juges else []),
    ]  # fmt: skip
    rows = [
        [
            o.niveau,
            o.id,
            o.titre,
            len(o.indicateurs),
            *(o.repartition[s] for s in STATUTS_PERIODE),
            textes.calcul(o),
            *(["\n".join(textes.avis(a) for a in o.avis) or None] if juges else []),
        ]
        for o in e.objectifs.lignes
    ]
    _table(book, "Objectifs", colonnes, rows, statuts=[4 + len(STATUTS_PERIODE)])
    if not e.objectifs.evaluations:
        return
    colonnes = [
        ("Année", 8), ("Par", 24), ("Méthode", 24), ("Répondants", 12), ("Objectif", 10),
        ("Titre", 44), ("Appréciation", 16), ("Commentaire", 30),
    ]  # fmt: skip
    jugements = [
        [
            annee,
            ev.par,
            ev.methode,
            ev.repondants,
            j.objectif,
            j.titre,
            LIBELLES_APPRECIATIONS[j.appreciation],
            j.commentaire,
        ]
        for annee, ev in e.objectifs.evaluations
        for j in ev.jugements
    ]
    _table(book, "Jugements", colonnes, jugements)


def _gouvernance(book: Workbook, e: Evaluation, textes: Textes) -> None:
    g = e.gouvernance
    niveaux = g.niveaux
    colonnes: list[tuple[str, float]] = [
        ("Année", 8), ("Partenaires actifs", 12), ("Nouveaux partenaires", 36),
        ("Partenaires sortants", 24), ("Saisines", 10),
        *((f"Saisines de niveau {n}", 12) for n in niveaux),
        *((f"Réunions : {i.instance.nom}", 16) for i in g.instances),
    ]  # fmt: skip
    rows: list[list[Cellule]] = []
    for index, annee in enumerate(g.annees):
        p = g.partenariat[index].partenariat
        s = g.saisines[index]
        rows.append(
            [
                annee,
                _compte(p.nombre if p else None),
                textes.noms(p.nouveaux) if p else None,
                textes.noms(p.sortants) if p else None,
                _compte(s.nombre),
                *(
                    _compte(None if s.par_niveau is None else s.par_niveau.get(n, 0))
                    for n in niveaux
                ),
                *(_compte(i.reunions[index]) for i in g.instances),
            ]
        )
    _table(book, "Partenariat et gouvernance", colonnes, rows)


def _compte(value: int | None) -> Cellule:
    return NON_RENSEIGNE if value is None else value


def _lacunes(book: Workbook, e: Evaluation, textes: Textes) -> None:
    colonnes = [("Élément", 12), ("Identifiant", 16), ("Intitulé", 50), ("Ce qui manque", 44)]
    rows: list[list[Cellule]] = [
        ["année", str(annee), *textes.fichier_manquant(annee)]
        for annee in e.qualite.annees_sans_activite
    ]
    for lacune in e.qualite.lacunes:
        if lacune.indicateur is not None:
            quoi, ident, titre = "indicateur", lacune.indicateur.id, lacune.indicateur.libelle
        else:
            assert lacune.action is not None
            quoi, ident, titre = "action", lacune.action.id, lacune.action.titre
        rows.append([quoi, ident, titre, textes.manque(lacune)])
    _table(book, "À compléter", colonnes, rows)


SHEETS: tuple[Callable[[Workbook, Evaluation, Textes], None], ...] = (
    _suivi,
    lambda book, e, _: _actions(book, e),
    _objectifs,
    _gouvernance,
    _lacunes,
)


def workbook_bytes(evaluation: Evaluation) -> bytes:
    """The evaluation's workbook."""
    book = Workbook()
    textes = Textes(evaluation)
    for sheet in SHEETS:
        sheet(book, evaluation, textes)
    book.wb.set_properties(
        {
            "title": f"{evaluation.territoire.nom} — {evaluation.titre}",
            "subject": evaluation.territoire.territoire,
            "author": "clsm",
            "keywords": "clsm; évaluation du plan d'action",
            "comments": textes.annees_evaluees,
        }
    )
    return book.close()


def write_workbook(evaluation: Evaluation, target: Path, force: bool) -> None:
    """Write the workbook; never replace a foreign file without force."""
    check_replace(target, force, display_name(target))
    data = workbook_bytes(evaluation)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(target, data)
