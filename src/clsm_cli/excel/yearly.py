"""The sheets of the years, beside the grid: each action's money year by year, and each
action's status year by year.

"Financements par année": one row per financing line of an action (funder, scheme), then
the budget planned for each year of the plan (`Prévu 2024`, from the plan, read back by
`clsm import`) and, for each year with an activity file, what was spent (`Dépensé 2024`,
from that file; not read back; « non renseigné » where a budget was planned and no
expense is said). An expense of a funder and scheme the plan does not list
for the action gets its own row. "Suivi des actions": one row per action, one column per
year whose activity file follows actions, the action's status, progress and comment of that
year (activity files only: not read back, and the import says so).
"""

from __future__ import annotations

from ..figures import money
from ..figures.compute import NON_RENSEIGNE, absent
from ..french.formatting import en_unite
from ..models.activite import ActionAnnee, Activite
from ..models.plan import LIBELLES_STATUTS, Action, Plan
from ..validation.dossier import Dossier
from .fields import Noms
from .headers import HISTORY_SHEET, MONEY_HEADERS, MONEY_SHEET, money_year_headers
from .workbook import Workbook


def _activites(plan: Plan, dossier: Dossier) -> dict[int, Activite]:
    """The activity files of the plan's years, by year."""
    return {
        a.annee: a
        for _, a in sorted(dossier.activites, key=lambda x: x[1].annee)
        if plan.couvre(a.annee)
    }


_Ligne = tuple[Action, money.Cle, dict[int, float | None], bool]
"""A row of the money sheet: the action, its key, the planned amount of each year, and
whether the row shows the key's expenses (the first row of its key)."""


def _lines(plan: Plan, years: list[int], spent: dict[int, dict[money.Cle, float]]) -> list[_Ligne]:
    lines: list[_Ligne] = []
    for _, _, action in plan.actions():
        keys: set[money.Cle] = set()
        for f in action.financements:
            key = money.cle(action.id, f.financeur, f.dispositif)
            lines.append((action, key, {y: money.prevu(f, y) for y in years}, key not in keys))
            keys.add(key)
        for by_key in spent.values():
            for key in by_key:
                if key[0] == action.id and key not in keys:
                    lines.append((action, key, {}, True))
                    keys.add(key)
    return lines


def money_sheet(book: Workbook, plan: Plan, dossier: Dossier, noms: Noms) -> None:
    """The "Financements par année" sheet, when the plan or the activity names any money."""
    activites = _activites(plan, dossier)
    spent = {year: money.depenses(a) for year, a in activites.items()}
    years = money.annees_budget(plan)
    lines = _lines(plan, years, spent)
    if not lines:
        return
    year_columns = money_year_headers(years, set(activites))
    headers = [*MONEY_HEADERS, *(header for header, _, _ in year_columns)]
    widths = [10, 34, 28, 24, *([13] * len(year_columns))]
    ws = book.sheet(MONEY_SHEET, headers, widths, 1)
    for r, (action, key, planned, shows_spent) in enumerate(lines, start=2):
        what = f"de l'action {action.id}"
        for c, value in enumerate((action.id, action.titre, noms.nom(key[1]), key[2] or None), 1):
            book.write(ws, r, c, value, f"« {headers[c - 1]} » {what}")
        for c, (header, year, spending) in enumerate(year_columns, start=len(MONEY_HEADERS) + 1):
            if not spending:
                book.montant(ws, r, c, planned.get(year), f"« {header} » {what}")
            elif (amount := spent[year].get(key) if shows_spent else None) is not None:
                book.montant(ws, r, c, amount, f"« {header} » {what}")
            elif shows_spent and planned.get(year) is not None:
                # planned and nothing said spent: absent, as in the bilan, never 0
                book.write(ws, r, c, NON_RENSEIGNE, f"« {header} » {what}", "clsm-absent")
            else:
                book.write(ws, r, c, None, f"« {header} » {what}")
    book.finish(ws, 1, len(lines) + 1, len(headers))


def suivi_texte(suivi: ActionAnnee) -> str:
    """`En cours, 60 %` and the comment on the next line."""
    text = LIBELLES_STATUTS[suivi.statut]
    if suivi.avancement is not None:
        text += f", {en_unite(suivi.avancement, 'pourcentage')}"
    return f"{text}\n{suivi.commentaire}" if suivi.commentaire else text


def history_sheet(book: Workbook, plan: Plan, dossier: Dossier) -> None:
    """The "Suivi des actions" sheet: a column for each year whose activity file follows
    actions, where an action it says nothing of is « non renseigné », or « hors calendrier »
    in a year outside its `calendrier` (nothing was due)."""
    activites = {y: a for y, a in _activites(plan, dossier).items() if a.actions}
    if not activites:
        return
    actions = [action for _, _, action in plan.actions()]
    headers = ["Action", "Intitulé de l'action", *(str(year) for year in activites)]
    ws = book.sheet(HISTORY_SHEET, headers, [10, 40, *([26] * len(activites))], 1)
    for r, action in enumerate(actions, start=2):
        book.write(ws, r, 1, action.id, f"le numéro de l'action {action.id}")
        book.write(ws, r, 2, action.titre, f"l'intitulé de l'action {action.id}")
        for c, (year, activite) in enumerate(activites.items(), start=3):
            suivi = activite.suivi(action.id)
            what = f"le suivi {year} de l'action {action.id}"
            if suivi is None:
                book.write(ws, r, c, absent(action.prevue_en(year)), what, "clsm-absent")
            else:
                book.write(ws, r, c, suivi_texte(suivi), what)
    book.finish(ws, 1, len(actions) + 1, len(headers))
