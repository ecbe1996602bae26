"""The plan put together from a grid's rows and the workbook's other sheets.

Indicators come from the Indicateurs sheet, or are made from their labels in the grid;
partners named in cells become ids of the directory (new ones are added); the title, the
period and the descriptions come from the Informations sheet or the text above the grid.
What the workbook can state at all is told apart from what it leaves empty.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..models.plan import Financement
from . import oscars
from .companions import IndicateursLus, guess_indicator
from .fields import ACTION_FIELDS, normalise
from .rows import Arbre
from .sheet import DEVINE, PERDU, Feuille, remarque

_PREFIXED = re.compile(r"^(?P<id>\S+)\s+–\s+(?P<libelle>.+)$", re.S)
"""`1.1.1-a – Acteurs formés`: an indicator as a follow-up grid names it."""


def _free_id(action: str, position: int, taken: set[str]) -> str:
    """`1.1.1-c` for the third indicator, or the next letter no other indicator has."""
    n = position
    while True:
        ident = f"{action}-{chr(ord('a') + n) if n < 26 else n}"
        if ident not in taken:
            return ident
        n += 1


def attach_indicators(
    plan: Arbre,
    libelles: dict[str, tuple[int, list[str]]],
    sheet: IndicateursLus,
    feuille: Feuille,
    columns: dict[int, str],
    header: int,
) -> None:
    """Each action's indicators: the Indicateurs sheet's where it details them, else made from
    their labels in the grid; what the sheet has and the grid does not is said lost, at its
    row of the sheet, with what to do."""
    col = next((c for c, champ in columns.items() if champ == "indicateurs"), None)
    grille = _Grille(feuille, header, col)
    for action in plan.actions():
        row, labels = libelles.get(action["id"], (0, []))
        rows = sheet.par_action.pop(action["id"], [])
        detailed = {i["libelle"]: i for _, i in rows}
        at = {i["libelle"]: r for r, i in rows}
        indicators = []
        by_id = {i.get("id"): libelle for libelle, i in detailed.items()}
        taken = {str(i) for i in by_id}
        for n, label in enumerate(labels):
            prefixed = _PREFIXED.match(label)
            ident = prefixed["id"] if prefixed else ""
            if ident.startswith(action["id"]) and prefixed:
                label = prefixed["libelle"]
                if label not in detailed and ident in by_id:
                    label = by_id[ident]
            else:
                ident = ""
            if label in detailed:
                indicator = detailed.pop(label)
                if not indicator.get("id"):
                    indicator["id"] = _free_id(action["id"], n, taken)
                    taken.add(indicator["id"])
                    feuille.remarques.append(
                        remarque(
                            DEVINE,
                            f"indicateur « {label} » sans identifiant : {indicator['id']} lui"
                            " est donné",
                            feuille.fichier,
                            sheet.cellule(at[label], "id"),
                        )
                    )
                indicators.append(indicator)
                continue
            ident = ident or _free_id(action["id"], n, taken)
            taken.add(ident)
            guess, ratio = guess_indicator(ident, label)
            how = (
                " ; « A/B » lu comme numérateur / dénominateur, unité pourcentage" if ratio else ""
            )
            feuille.note(row, col or 1, f"indicateur {ident} créé depuis son libellé{how}")
            indicators.append(guess)
        for label, indicator in detailed.items():
            why = grille.unnamed(_name(indicator), label, action["id"], row)
            _lost(feuille, sheet.cellule(at[label], "libelle"), *why)
        action.pop("indicateurs", None)
        if indicators:
            action["indicateurs"] = indicators
    for action_id, rest in sheet.par_action.items():
        for at_row, indicator in rest:
            why = grille.no_action(_name(indicator), action_id, sheet.feuille)
            _lost(feuille, sheet.cellule(at_row, "action"), *why)


def _name(indicator: dict[str, Any]) -> str:
    """`« Baromètre publié » (1.1.1-c)`: an indicator of the Indicateurs sheet, as said."""
    libelle, ident = indicator.get("libelle"), indicator.get("id")
    if libelle and ident:
        return f"« {libelle} » ({ident})"
    return f"« {libelle} »" if libelle else str(ident or "sans libellé ni identifiant")


def _lost(feuille: Feuille, cellule: str, message: str, hint: str) -> None:
    """An indicator of the Indicateurs sheet not imported, said at its row's cell."""
    feuille.remarques.append(remarque(PERDU, message, feuille.fichier, cellule, hint=hint))


class _Grille:
    """The grid's sheet and its indicator column, as the Indicateurs sheet's remarks name
    them: an indicator is imported only where its action's cell there names it."""

    def __init__(self, feuille: Feuille, header: int, col: int | None) -> None:
        self.nom = feuille.nom
        self.ref = feuille.ref
        self.col = col
        titre = feuille.own(header, col) if col is not None else ""
        self.colonne = f"la colonne « {titre or 'Indicateurs de résultat'} »"

    def unnamed(self, name: str, label: str, action: str, row: int) -> tuple[str, str]:
        """An indicator of an action of the grid that the action's cell does not name."""
        if self.col is None:
            return (
                f"indicateur {name} de l'action {action} non importé : la feuille {self.nom}"
                " n'a pas de colonne d'indicateurs",
                f"ajoutez à la feuille {self.nom} une colonne « Indicateurs de résultat » où"
                " chaque action nomme ses indicateurs, ou supprimez cette ligne",
            )
        where = (
            f"à la cellule {self.ref(row, self.col)}, dans {self.colonne} de l'action {action}"
            if row
            else f"dans {self.colonne}, à la ligne de l'action {action}"
        )
        return (
            f"indicateur {name} de l'action {action} non importé : {self.colonne} de la"
            f" feuille {self.nom} ne le nomme pas",
            f"ajoutez « {label} » (le libellé exact) {where} (un indicateur par ligne de la"
            " cellule : Alt+Entrée dans Excel), ou supprimez cette ligne",
        )

    def no_action(self, name: str, action: str, sheet: str) -> tuple[str, str]:
        """An indicator whose row names no action of the grid, or none at all."""
        if not action:
            return (
                f"indicateur {name} non importé : sa ligne de la feuille {sheet} ne dit pas à"
                " quelle action il appartient",
                "écrivez le numéro de son action dans la colonne « Action », et son libellé"
                f" dans {self.colonne} de cette action, feuille {self.nom} ; ou supprimez"
                " cette ligne",
            )
        return (
            f"indicateur {name} de l'action {action}, absente de la feuille {self.nom} :"
            " non importé",
            f"corrigez le numéro d'action de cette ligne, ou ajoutez l'action {action} à la"
            f" feuille {self.nom} ; ou supprimez cette ligne",
        )


def attach_budgets(
    plan: Arbre, budgets: tuple[Feuille, list[tuple[int, dict[str, Any]]]] | None
) -> None:
    """Each financing line's yearly budget, from the « Financements par année » sheet: the
    k-th row of an action, funder and scheme is the k-th such line of the grid's
    « Financements » cell. A row that plans an amount and matches no line is said lost; a
    row without one (an expense the plan does not list) says nothing the plan holds."""
    if budgets is None:
        return
    feuille, rows = budgets
    actions = {action["id"]: action for action in plan.actions()}
    taken: set[tuple[str, int]] = set()
    for row, line in rows:
        action = actions.get(line["Action"])
        key = (normalise(line.get("Financeur", "")), normalise(line.get("Dispositif", "")))
        lines = action.get("financements", []) if action else []
        index = next(
            (
                i
                for i, f in enumerate(lines)
                if (line["Action"], i) not in taken
                and (normalise(f["financeur"]), normalise(f.get("dispositif", ""))) == key
            ),
            None,
        )
        if index is not None:
            taken.add((line["Action"], index))
            if line["budget"]:
                lines[index]["budget"] = line["budget"]
        elif line["budget"]:
            where = (
                f"aucun financement de « {line.get('Financeur', '')} »"
                + (f" ({line['Dispositif']})" if line.get("Dispositif") else "")
                + f" dans la colonne Financements de l'action {line['Action']}"
                if action
                else f"l'action {line['Action']} n'est pas dans la grille"
            )
            feuille.note(row, 1, f"budget non importé : {where}", code=PERDU)


def map_partner_names(plan: Arbre, partenaires: list[dict[str, Any]], feuille: Feuille) -> None:
    """Cells name partners; the plan refers to them by id (new ones are added, and said)."""
    index: dict[str, str] = {}
    for p in partenaires:
        for key in (p.get("id"), p.get("nom"), p.get("sigle")):
            if key:
                index.setdefault(normalise(key), p["id"])

    def to_id(name: str) -> str:
        found = index.get(normalise(name))
        if found is not None:
            return found
        ident = re.sub(r"[^a-z0-9]+", "-", normalise(name)).strip("-")[:60] or "partenaire"
        partenaires.append({"id": ident, "nom": name, "secteur": "autre"})
        index[normalise(name)] = ident
        feuille.note_sheet(
            f"partenaire « {name} » absent de l'annuaire : ajouté ({ident}, secteur autre)"
        )
        return ident

    for action in plan.actions():
        if "pilote" in action:
            action["pilote"] = to_id(action["pilote"])
        if "partenaires" in action:
            action["partenaires"] = [to_id(n) for n in action["partenaires"]]
        for funding in action.get("financements", []):
            funding["financeur"] = to_id(funding["financeur"])


def plan_metadata(
    plan_data: Arbre, infos: dict[str, str], above: list[str], feuille: Feuille
) -> dict[str, Any]:
    titre = infos.get("Titre du plan") or next(
        (t for t in above if not t.lower().startswith("période")), None
    )
    if titre is None:
        titre = Path(feuille.fichier).stem
        feuille.note(1, 1, f"aucun titre au-dessus de la grille : « {titre} » (nom du fichier)")
    periode = None
    if infos.get("Début de la période") and infos.get("Fin de la période"):
        periode = {
            "debut": int(infos["Début de la période"]),
            "fin": int(infos["Fin de la période"]),
        }
    else:
        for text in above:
            if m := re.search(r"(\d{4})\s*[–-]\s*(\d{4})", text):
                periode = {"debut": int(m[1]), "fin": int(m[2])}
                break
    if periode is None:
        from datetime import date

        year = date.today().year
        periode = {"debut": year, "fin": year + 4}
        feuille.note(
            1, 1, f"la grille ne donne pas de période : {year}–{year + 4} supposée, à corriger"
        )
    plan: dict[str, Any] = {"titre": titre, "periode": periode}
    for key, label in (
        ("objectif_global", "Objectif global"),
        ("description", "Description du plan"),
    ):
        if infos.get(label):
            plan[key] = infos[label]
    for axe in plan_data.axes:
        _titre_from(axe, infos.get(f"Intitulé de l'axe {axe['id']}"))
        for objectif in axe["objectifs"]:
            _titre_from(objectif, infos.get(f"Intitulé de l'objectif {objectif['id']}"))
        if infos.get(f"Description de l'axe {axe['id']}"):
            axe["description"] = infos[f"Description de l'axe {axe['id']}"]
            axe["objectifs"] = axe.pop("objectifs")
        for objectif in axe["objectifs"]:
            if infos.get(f"Description de l'objectif {objectif['id']}"):
                objectif["description"] = infos[f"Description de l'objectif {objectif['id']}"]
                objectif["actions"] = objectif.pop("actions")
    plan["axes"] = plan_data.axes
    return plan


def _titre_from(node: dict[str, Any], titre: str | None) -> None:
    """An axis or objective title from the Informations sheet, when the grid has none."""
    if titre and not node.get("titre"):
        items = {k: node.pop(k) for k in list(node) if k != "id"}
        node.update(titre=titre, **{k: v for k, v in items.items() if k != "titre"})


def exprimes(
    columns: set[str], infos: dict[str, str], above: list[str], indicateurs: bool, budgets: bool
) -> dict[str, set[str]]:
    """What the workbook can say, level by level (see `Lecture.exprimes`)."""
    plan = {"titre"} if infos.get("Titre du plan") or above else set()
    if infos.get("Début de la période") or any(
        re.search(r"\d{4}\s*[–-]\s*\d{4}", t) for t in above
    ):
        plan.add("periode")
    if infos:
        plan |= {"objectif_global", "description"}
    levels = {"axe": {"id"}, "objectif": {"id"}}
    for level in levels:
        if level in columns or any(k.startswith("Intitulé de l") for k in infos):
            levels[level].add("titre")
        if infos:
            levels[level].add("description")
    action = {"id", "titre", *(c for c in columns if c in ACTION_FIELDS)} - set(oscars.CHAMPS)
    block = {oscars.sous_champ(c) for c in columns if c in oscars.CHAMPS}
    if block:
        action.add("oscars")
    if "echeance" in columns:
        action.add("calendrier")
    financement = set(Financement.model_fields) - ({"budget"} if not budgets else set())
    indicateur = {"id", "libelle"}
    if indicateurs:
        from ..models.plan import Indicateur

        indicateur = set(Indicateur.model_fields)
    return {
        "plan": plan,
        **levels,
        "action": action,
        "indicateur": indicateur,
        "oscars": block,
        "financement": financement,
    }
