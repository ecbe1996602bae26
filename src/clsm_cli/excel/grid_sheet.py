"""The grid sheet of an export ("Plan d'action"): a plan laid out by a grid layout.

One row per action, or per indicator (`ligne: indicateur`); an axis, objective or action
with none gets its own row. Each column is a field clsm writes and `clsm import` reads back
(fields.py), or a Jinja `valeur` computed in clsm's sandbox (french/templating.py). Runs of
the same axis or objective are merged. An indicator grid ends with each year's value and
status, columns the "Indicateurs" sheet also has.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..figures import compute
from ..figures.compute import HORS_CALENDRIER, NON_RENSEIGNE
from ..figures.cumul import Historique, Jugement, cible_annee, jugement
from ..models.plan import Action, Axe, Indicateur, ObjectifSpecifique, Plan, Unite
from ..problems import ClsmError
from ..validation.dossier import Dossier
from . import oscars_grid
from .fields import TEXT_FIELDS, Noms, axe_texte, cellule, objectif_texte
from .layouts import Colonne, Grille
from .units import texte_unite
from .workbook import Sheet, Workbook


@dataclass(slots=True)
class Ligne:
    """A row of an action grid, or of an indicator grid."""

    axe: Axe
    objectif: ObjectifSpecifique | None
    action: Action | None
    indicateur: Indicateur | None = None


def _rows(plan: Plan, per_indicator: bool) -> list[Ligne]:
    """One row per action (or indicator); an axis, objective or action with none gets a row."""
    rows = []
    for axe in plan.axes:
        if not axe.objectifs:
            rows.append(Ligne(axe, None, None))
        for objectif in axe.objectifs:
            if not objectif.actions:
                rows.append(Ligne(axe, objectif, None))
            for action in objectif.actions:
                if per_indicator and action.indicateurs:
                    rows += [Ligne(axe, objectif, action, ind) for ind in action.indicateurs]
                else:
                    rows.append(Ligne(axe, objectif, action))
    return rows


def _merge_runs(rows: list[Ligne], key: str) -> Iterator[tuple[int, int]]:
    """(first, last) row indexes of runs sharing the same axis or objective."""
    start = 0
    for index in range(1, len(rows) + 1):
        value = getattr(rows[start], key)
        same = index < len(rows) and value is not None and getattr(rows[index], key) is value
        if not same:
            if index - 1 > start:
                yield start, index - 1
            start = index


STRUCTURE = ("axe", "objectif", "action")
VARIABLES = ("plan", "axe", "objectif", "action", "indicateur", "cible")
"""The names a computed column's `valeur` is given."""


def _template(env: Any, grille: Grille, colonne: Colonne) -> tuple[Any, set[str]]:
    """A column's compiled `valeur`, and the names it uses (a row without them is blank)."""
    from jinja2 import TemplateSyntaxError, meta

    from ..french.template_errors import explain

    assert colonne.valeur is not None
    try:
        return env.from_string(colonne.valeur), meta.find_undeclared_variables(
            env.parse(colonne.valeur)
        )
    except TemplateSyntaxError as exc:
        message, hint = explain(exc, env, VARIABLES)
        raise ClsmError(
            f"grille « {grille.nom} », colonne « {colonne.entete} » : la valeur n'est pas une"
            f" expression Jinja valide ({message})",
            hint=hint or "voir « Mises en page » dans le guide, page « clsm export »",
        ) from None


def _columns(
    grille: Grille, rows: list[Ligne], plan: Plan, dossier: Dossier, noms: Noms
) -> list[tuple[Colonne, str, list[Any]]]:
    """Each column shown, with its header and its values: a yearly column once per year, a
    `si_utilise` column only when a row fills it."""
    from ..french.templating import sandbox

    env = sandbox([], html=False)
    shown: set[str | None] = {c.champ for c in grille.colonnes if c.champ in STRUCTURE}
    ctx = oscars_grid.Contexte.of(plan, dossier, noms)
    columns = []
    for colonne in grille.colonnes:
        template = _template(env, grille, colonne) if colonne.valeur else None
        years: list[int | None] = [None]
        if colonne.par_annee and colonne.champ:
            years = list(oscars_grid.annees(colonne.champ, ctx))
        for year in years:
            values = [
                _value(grille, colonne, template, row, plan, noms, shown, (ctx, year))
                for row in rows
            ]
            if colonne.si_utilise and all(v is None or v == "" for v in values):
                continue
            entete = colonne.entete.replace("{annee}", str(year)) if year else colonne.entete
            columns.append((colonne, entete, values))
    return columns


def grid_sheet(book: Workbook, grille: Grille, plan: Plan, dossier: Dossier, noms: Noms) -> None:
    """Write the plan's grid in a layout: title, period, a row per action or indicator.

    A layout that is not read back (`reimportable: false`, the OSCARS export) says so under
    the title, and has no rows for an axis or objective without actions."""
    per_indicator = grille.ligne == "indicateur"
    rows = _rows(plan, per_indicator)
    if not grille.reimportable:
        rows = [row for row in rows if row.action is not None]
    columns = _columns(grille, rows, plan, dossier, noms)
    years = years_of(plan, dossier) if per_indicator else []
    headers = [entete for _, entete, _ in columns] + year_headers(years)
    widths = [c.largeur for c, _, _ in columns] + [12.0, 14.0] * len(years)
    header_row = 3
    ws = book.sheet(grille.feuille, headers, widths, header_row)
    book.write(ws, 1, 1, plan.titre, "le titre du plan", "clsm-titre")
    period = f"Période : {plan.periode.debut}–{plan.periode.fin}"
    if not grille.reimportable:
        period += f" — {grille.titre} (export seulement : clsm import ne le relit pas)"
    book.write(ws, 2, 1, period, "la période", "clsm-sous-titre")
    for col, (colonne, entete, values) in enumerate(columns, start=1):
        grouped = colonne.champ in ("axe", "objectif") or (
            per_indicator and colonne.champ == "action"
        )
        for index, value in enumerate(values):
            where = rows[index].action or rows[index].objectif or rows[index].axe
            what = f"« {entete} » de {where.id}"
            row = header_row + 1 + index
            if colonne.champ in oscars_grid.MONTANTS and not isinstance(value, str):
                book.montant(ws, row, col, value, what)
            elif value == NON_RENSEIGNE:
                book.write(ws, row, col, value, what, "clsm-absent")
            else:
                book.write(ws, row, col, value, what, "clsm-groupe" if grouped else "clsm-texte")
        if grouped:
            key = {"axe": "axe", "objectif": "objectif", "action": "action"}[colonne.champ or ""]
            for first, last in _merge_runs(rows, key):
                book.merge(ws, header_row + 1 + first, header_row + 1 + last, col, "clsm-groupe")
    if per_indicator:
        indicator_values(book, ws, rows, years, plan, dossier, header_row, len(columns))
    book.finish(ws, header_row, header_row + len(rows), len(headers))


def _value(
    grille: Grille,
    colonne: Colonne,
    template: tuple[Any, set[str]] | None,
    row: Ligne,
    plan: Plan,
    noms: Noms,
    shown: set[str | None],
    extra: tuple[oscars_grid.Contexte, int | None],
) -> Any:
    levels = {"axe": row.axe, "objectif": row.objectif, "action": row.action}
    if colonne.champ in oscars_grid.CHAMPS:
        if row.action is None or row.objectif is None:
            return None
        ctx, year = extra
        ligne = oscars_grid.Ligne(row.axe, row.objectif, row.action, year)
        return oscars_grid.valeur(colonne.champ, ctx, ligne)
    if template is not None:
        compiled, names = template
        context = {**levels, "indicateur": row.indicateur}
        if any(name in context and context[name] is None for name in names):
            return None
        cible = ""
        if row.indicateur is not None and row.indicateur.cibles:
            cible = cibles_text(row.indicateur)
        from jinja2 import TemplateError

        from ..french.template_errors import explain

        try:
            text = compiled.render(plan=plan, cible=cible, **context)
        except TemplateError as exc:
            message, hint = explain(exc, compiled.environment, VARIABLES)
            known = "les noms connus sont plan, axe, objectif, action, indicateur et cible"
            raise ClsmError(
                f"grille « {grille.nom} », colonne « {colonne.entete} » : la valeur ne se calcule"
                f" pas pour {(row.action or row.objectif or row.axe).id} ({message})",
                hint=f"{hint} ({known})" if hint else known,
            ) from None
        return text or None
    champ = colonne.champ
    assert champ is not None
    text = cellule(champ, row.axe, row.objectif, row.action, noms)
    if text and not grille.reimportable and champ in TEXT_FIELDS:
        return oscars_grid.reflow(text)  # read, not read back: it may flow in its cell
    if text is None and champ in STRUCTURE:
        return _level_elsewhere(champ, levels, shown, noms)
    return text


def _level_elsewhere(
    champ: str, levels: dict[str, Any], shown: set[str | None], noms: Noms
) -> str | None:
    """The text of a row's own axis or objective, when the layout has no column for it.

    An axis without objectives, or an objective without actions, still gets its row; when
    the layout lacks its column, its heading goes in the first column of a deeper level
    (`Axe 2. Titre`, `Objectif spécifique 1.2 Titre`), where `clsm import` finds it.
    """
    level = "objectif" if levels["objectif"] is not None else "axe"
    if levels["action"] is not None or level in shown:
        return None
    deeper = STRUCTURE[STRUCTURE.index(level) + 1 :]
    if champ != next((c for c in deeper if c in shown), None):
        return None
    if level == "axe":
        return "Axe " + axe_texte(levels["axe"])
    return objectif_texte(levels["objectif"])


def valeur_datee_text(valeur: float, annee: int | None, unite: Unite | None) -> str:
    """`60 % (2025)`, or `80 %` for the plan's final (undated) target."""
    texte = texte_unite(valeur, unite)
    return f"{texte} ({annee})" if annee is not None else texte


def cibles_text(ind: Indicateur) -> str:
    """An indicator's targets in one cell: `60 % (2025) ; 80 %`."""
    return " ; ".join(valeur_datee_text(c.valeur, c.annee, ind.unite) for c in ind.cibles)


def year_headers(years: list[int]) -> list[str]:
    """`Valeur 2024`, `Statut 2024`, `Valeur 2025`, `Statut 2025`…"""
    return [header for year in years for header in (f"Valeur {year}", f"Statut {year}")]


def years_of(plan: Plan, dossier: Dossier) -> list[int]:
    """The years of activity the plan covers, each a pair of value and status columns."""
    return sorted(a.annee for _, a in dossier.activites if plan.couvre(a.annee))


def indicator_values(
    book: Workbook,
    ws: Sheet,
    rows: list[Ligne],
    years: list[int],
    plan: Plan,
    dossier: Dossier,
    header_row: int,
    first_col: int,
) -> None:
    """Each year's value and status, in pairs of columns after `first_col`; each status
    column coloured by conditional formatting."""
    historique = Historique(activite for _, activite in dossier.activites)
    for index, row in enumerate(rows):
        if row.indicateur is None or row.action is None:
            for col in range(first_col + 1, first_col + 1 + 2 * len(years)):
                book.write(ws, header_row + 1 + index, col, None, "une valeur")  # bordered
            continue
        for offset, year in enumerate(years):
            activite = dossier.activite(year)
            valeur = None
            if activite is not None:
                index_annee = historique.releves(activite)
                valeur = compute.valeur(row.indicateur, row.action.id, activite, index_annee)
            col = first_col + 1 + 2 * offset
            if valeur is None and not row.action.prevue_en(year):  # nothing was due
                book.write(ws, header_row + 1 + index, col, HORS_CALENDRIER, "une valeur")
                book.write(ws, header_row + 1 + index, col + 1, None, "un statut")
                continue
            juge = Jugement(cible_annee(row.indicateur, plan, year, historique), "")
            if valeur is not None:
                juge = jugement(row.indicateur, plan, row.action, year, valeur, historique)
            book.valeur(
                ws,
                header_row + 1 + index,
                col,
                valeur,
                row.indicateur.unite,
                juge.cible.valeur if juge.cible and juge.cumul is None else None,
            )
            book.write(ws, header_row + 1 + index, col + 1, juge.statut or None, "un statut")
            if juge.cumul is not None and juge.cumul.plusieurs_annees:  # judged by a total
                texte = juge.cumul.texte(row.indicateur.unite)
                book.note(ws, header_row + 1 + index, col + 1, f"Statut du {texte}")
    for offset in range(len(years)):
        book.status_colours(
            ws, first_col + 2 + 2 * offset, header_row + 1, header_row + max(1, len(rows))
        )
