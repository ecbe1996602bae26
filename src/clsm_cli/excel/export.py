"""`clsm export`: a plan as a workbook a coordinator can send to partners as it is.

Sheets: the grid ("Plan d'action", in a layout from `templates/grilles/`: grid_sheet.py),
"Indicateurs" (one row per indicator, its target, each year's value and a coloured status),
"Financements par année" and "Suivi des actions" (each action's money and status year by
year: yearly.py), "Partenaires" and "Informations" (the plan's title, period and
descriptions). Everything a
plan holds is in a visible cell, so that `clsm import` gives the same plan back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..figures import compute
from ..figures.publics import publics_touches
from ..formats import GRILLE_STANDARD
from ..french.formatting import accord, repartition_titree
from ..loader import Document
from ..models.activite import Activite
from ..models.common import LIBELLES_SECTEURS
from ..models.partenaires import Partenaire
from ..models.plan import Calcul, Indicateur, Plan
from ..models.publics import DIMENSIONS
from ..problems import ClsmError
from ..validation.dossier import Dossier, display_name, territory_name
from ..writing.atomic import write_bytes
from ..writing.overwrite import check_replace, output_folder
from .fields import Noms, anciens_noms_text
from .grid_sheet import (
    Ligne,
    cibles_text,
    grid_sheet,
    indicator_values,
    valeur_datee_text,
    year_headers,
    years_of,
)
from .headers import EXPORT_ONLY_PROPERTY, GRILLE_PROPERTY, INDICATOR_HEADERS, PARTNER_HEADERS
from .layouts import Grille
from .workbook import Workbook
from .yearly import history_sheet, money_sheet


def categorie_text(ind: Indicateur) -> str | None:
    """`public: professionnels`: the category an indicator counts, as its file says it."""
    for champ in DIMENSIONS.values():
        value = getattr(ind, champ)
        if value is not None:
            return f"{champ}: {getattr(value, 'value', value)}"
    return None


def publics_text(ind: Indicateur, action: str, activite: Activite | None) -> str | None:
    """The persons an indicator sums, by public, sex and age, a line for each breakdown the
    year's realisations give (none for another calculation)."""
    if activite is None or ind.calcul is not Calcul.SOMME_PARTICIPANTS:
        return None
    realisations = compute.realisations_comptees(ind, action, activite)
    lines = []
    for dimension in DIMENSIONS:
        persons, _ = publics_touches(realisations, dimension)
        if persons.renseignee:
            line = repartition_titree(dimension, persons.parts, persons.non_precise)
            if persons.total.partiel:  # some realisation counted no person: the bilan says it
                manquants = accord(persons.total.manquants, "réalisation")
                line += f" ; {compute.NON_RENSEIGNE} pour {manquants}"
            lines.append(line)
    return "\n".join(lines) or None


def _publics_columns(
    plan: Plan, dossier: Dossier, years: list[int]
) -> list[tuple[int, list[str | None]]]:
    """Each year whose realisations break down what an indicator sums, with each row's text."""
    columns = []
    for year in years:
        activite = dossier.activite(year)
        texts = [publics_text(ind, action.id, activite) for action, ind in plan.indicateurs()]
        if any(texts):
            columns.append((year, texts))
    return columns


def _indicators_sheet(book: Workbook, plan: Plan, dossier: Dossier) -> None:
    rows = plan.indicateurs()
    years = years_of(plan, dossier)
    publics = _publics_columns(plan, dossier, years)
    headers = [*INDICATOR_HEADERS, *year_headers(years), *(f"Publics {y}" for y, _ in publics)]
    widths = [14, 9, 36, 12, 26, 26, 14, 18, 9, 18, 16, 30, 28, 18, 8, *([12, 14] * len(years))]
    widths += [40] * len(publics)
    ws = book.sheet("Indicateurs", headers, widths, 1)
    for r, (action, ind) in enumerate(rows, start=2):
        reference = (
            valeur_datee_text(ind.reference.valeur, ind.reference.annee, ind.unite)
            if ind.reference
            else None
        )
        cells = [
            ind.id,
            action.id,
            ind.libelle,
            ind.unite.value if ind.unite else None,
            ind.numerateur,
            ind.denominateur,
            reference,
            cibles_text(ind) or None,
            ind.sens.value,
            ind.calcul.value if ind.calcul else None,
            " ; ".join(ind.types_realisation) or None,
            ind.resultat_attendu,
            "\n".join(ind.sources_verification) or None,
            categorie_text(ind),
            None if ind.cumul is None else ("oui" if ind.cumul else "non"),
        ]
        for c, value in enumerate(cells, start=1):
            book.write(ws, r, c, value, f"« {headers[c - 1]} » de l'indicateur {ind.id}")
    indicator_values(
        book,
        ws,
        [Ligne(a, o, act, i) for a, o, act in plan.actions() for i in act.indicateurs],
        years,
        plan,
        dossier,
        1,
        len(INDICATOR_HEADERS),
    )
    first = len(INDICATOR_HEADERS) + 2 * len(years)
    for offset, (year, texts) in enumerate(publics, start=1):
        for r, text in enumerate(texts, start=2):
            book.write(ws, r, first + offset, text, f"« Publics {year} » de la ligne {r}")
    book.finish(ws, 1, 1 + len(rows), len(headers))


def _partners_sheet(book: Workbook, partenaires: list[Partenaire]) -> None:
    widths = [22, 40, 12, 26, 22, 14, 20, 9, 9, 20, 40, 16, 24, 30]
    ws = book.sheet("Partenaires", list(PARTNER_HEADERS), widths, 1)
    for r, p in enumerate(partenaires, start=2):
        cells = [
            p.id,
            p.nom,
            p.sigle,
            LIBELLES_SECTEURS[p.secteur],
            p.type.value if p.type else None,
            "Oui" if p.representant_usagers else "Non",
            p.parent,
            p.depuis,
            p.jusqu_a,
            p.devenu,
            anciens_noms_text(p),
            p.commune,
            p.site,
            p.notes,
        ]
        for c, value in enumerate(cells, start=1):
            book.write(ws, r, c, value, f"« {PARTNER_HEADERS[c - 1]} » du partenaire {p.id}")
    book.finish(ws, 1, 1 + len(partenaires), len(PARTNER_HEADERS))


def _information_sheet(book: Workbook, plan: Plan, dossier: Dossier, grille: Grille) -> None:
    ws = book.sheet("Informations", ["Rubrique", "Valeur"], [30, 90], 1)
    rows: list[tuple[str, Any]] = [
        ("Titre du plan", plan.titre),
        ("Début de la période", plan.periode.debut),
        ("Fin de la période", plan.periode.fin),
        ("Objectif global", plan.objectif_global),
        ("Description du plan", plan.description),
    ]
    shown = {c.champ for c in grille.colonnes}
    for axe in plan.axes:
        if "axe" not in shown:
            rows.append((f"Intitulé de l'axe {axe.id}", axe.titre))
        if axe.description:
            rows.append((f"Description de l'axe {axe.id}", axe.description))
        for o in axe.objectifs:
            if "objectif" not in shown:
                rows.append((f"Intitulé de l'objectif {o.id}", o.titre))
            if o.description:
                rows.append((f"Description de l'objectif {o.id}", o.description))
    if dossier.territoire is not None:
        rows.append(("Territoire", dossier.territoire[1].nom))
    rows = [(k, v) for k, v in rows if v is not None]
    for r, (key, value) in enumerate(rows, start=2):
        book.write(ws, r, 1, key, "une rubrique", "clsm-groupe")
        book.write(ws, r, 2, value, f"« {key} »")


def workbook_bytes(plan: Plan, grille: Grille, dossier: Dossier) -> bytes:
    """The workbook of a plan, as the bytes of an .xlsx file."""
    book = Workbook()
    partenaires = dossier.annuaire[1].partenaires if dossier.annuaire else []
    noms = Noms({p.id: p for p in partenaires})
    grid_sheet(book, grille, plan, dossier, noms)
    book.wb.set_custom_property(GRILLE_PROPERTY, grille.nom)
    if not grille.reimportable:
        book.wb.set_custom_property(EXPORT_ONLY_PROPERTY, grille.titre)
        return _close(book, plan, dossier)
    if plan.indicateurs():
        _indicators_sheet(book, plan, dossier)
    money_sheet(book, plan, dossier, noms)
    history_sheet(book, plan, dossier)
    if partenaires:
        _partners_sheet(book, partenaires)
    _information_sheet(book, plan, dossier, grille)
    return _close(book, plan, dossier)


def _close(book: Workbook, plan: Plan, dossier: Dossier) -> bytes:
    book.wb.set_properties(
        {
            "title": plan.titre,
            "subject": dossier.territoire[1].nom if dossier.territoire else "",
            "author": "clsm",
            "keywords": "clsm; plan d'action",
            "comments": f"Plan d'action {plan.periode.debut}–{plan.periode.fin}, exporté par clsm",
        }
    )
    return book.close()


def choose_plan(dossier: Dossier, fichier: Path | None) -> tuple[Document, Plan]:
    """The plan to export: the file given, else the latest starting plan of the territory."""
    if not dossier.plans:
        raise ClsmError(f"{territory_name(dossier.root)} : aucun plan à exporter")
    if fichier is not None:
        for doc, plan in dossier.plans:
            if Path(doc.file).resolve() == fichier.resolve():
                return doc, plan
    return max(dossier.plans, key=lambda item: item[1].periode.debut)


def default_path(dossier: Dossier, plan: Plan, mise_en_page: str = GRILLE_STANDARD) -> Path:
    """`out/grille-<territoire>-<début>-<fin>.xlsx` for the standard layout,
    `out/grille-<mise en page>-<territoire>-<début>-<fin>.xlsx` for another (`--grille
    oscars`), so that one export never replaces another (`output_folder` says which out/)."""
    name = dossier.root.resolve().name
    which = "" if mise_en_page == GRILLE_STANDARD else f"{Path(mise_en_page).stem}-"
    period = f"{plan.periode.debut}-{plan.periode.fin}"
    return output_folder(dossier.root) / f"grille-{which}{name}-{period}.xlsx"


def export_workbook(
    dossier: Dossier,
    fichier: Path | None,
    grille: Grille,
    output: Path | None,
    force: bool,
    mise_en_page: str = GRILLE_STANDARD,
) -> Path:
    """Write a territory's plan as a workbook; never replace a foreign file without force.
    `mise_en_page` is the layout's name as asked (`--grille`), for the default file name."""
    _, plan = choose_plan(dossier, fichier)
    target = output or default_path(dossier, plan, mise_en_page)
    check_replace(target, force, display_name(target))
    data = workbook_bytes(plan, grille, dossier)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(target, data)
    return target
