"""`clsm import`: an existing Excel grid into plan files, with a report of every guess.

The header row is found wherever it is and its columns matched by their headers (accents,
case and punctuation ignored). Merged cells and blank cells below an axis or objective
belong to it. « Objectif spécifique 1.1 » and « Action 1.1.1 » are recognised in whichever
column they landed, and a row whose action sits one column to the right is read with that
shift. Every guess and every cell that could not be placed is reported with its address.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problems import ClsmError
from . import champs
from .champs import ACTION_FIELDS, LIST_FIELDS, TEXT_FIELDS, normalise
from .compagnons import (
    guess_indicator,
    lire_indicateurs,
    lire_informations,
    lire_partenaires,
)
from .feuille import Feuille, Remarque
from .garde import verifier

HEADER_SCAN = 40

SYNONYMES: dict[str, tuple[str, ...]] = {
    "axe": ("objectifs strategiques", "objectif strategique", "axe", "axes", "axes strategiques"),
    "objectif": ("objectifs specifiques", "objectif specifique", "objectifs operationnels"),
    "action": ("actions", "action", "intitule de l action", "fiches actions"),
    "description": ("description", "descriptif", "description de l action"),
    "prerequis": ("prerequis", "pre requis"),
    "public_cible": ("public cible", "publics cibles", "public", "publics"),
    "dispositifs_existants": (
        "identification des dispositifs existants",
        "dispositifs existants",
        "existant",
    ),
    "resultats_attendus": ("resultats attendus", "resultat attendu"),
    "indicateurs": ("indicateurs de resultat", "indicateurs de resultats", "indicateurs"),
    "sources_verification": ("source de verification", "sources de verification"),
    "moyens_mobilisables": (
        "moyens financiers humains et materiels mobilisables",
        "moyens mobilisables",
    ),
    "moyens_a_mobiliser": (
        "moyens financiers humains et materiels a mobiliser a rechercher",
        "moyens financiers humains et materiels a mobiliser",
        "moyens a mobiliser",
    ),
    "pilote": ("pilote", "porteur", "structure pilote"),
    "partenaires": ("partenaires", "partenaires associes"),
    "calendrier": ("calendrier", "echeancier", "echeance"),
    "statut": ("statut", "etat d avancement"),
    "financements": ("financements", "financement"),
    "competences_psychosociales": ("competences psychosociales", "cps visees"),
    "notes": ("notes", "remarques", "commentaires"),
}


@dataclass(slots=True)
class Lecture:
    """What was read from a workbook: plain data for the models, and the remarks."""

    plan: dict[str, Any]
    partenaires: list[dict[str, Any]]
    territoire: str | None
    remarques: list[Remarque] = field(default_factory=list)

    @property
    def perdu(self) -> bool:
        """Whether anything in the workbook could not be placed."""
        return any(r.perdu for r in self.remarques)


# ---------------------------------------------------------------- the grid sheet


def _header_map(feuille: Feuille) -> tuple[int, dict[int, str]] | None:
    known = {normalise(s): champ for champ, synonyms in SYNONYMES.items() for s in synonyms}
    best: tuple[int, dict[int, str]] | None = None
    for row in range(1, min(feuille.rows, HEADER_SCAN) + 1):
        mapping: dict[int, str] = {}
        for col in range(1, feuille.cols + 1):
            champ = known.get(normalise(feuille.own(row, col)))
            if champ is not None and champ not in mapping.values():
                mapping[col] = champ
        plausible = len(mapping) >= 3 and {"action", "objectif"} & set(mapping.values())
        if plausible and (best is None or len(mapping) > len(best[1])):
            best = (row, mapping)
    return best


def _with_header(
    workbook: Any, fichier: str, remarques: list[Remarque]
) -> tuple[Feuille, int, dict[int, str]]:
    for ws in workbook.worksheets:
        if ws.sheet_state != "visible" or ws.title in (
            "Indicateurs",
            "Partenaires",
            "Informations",
        ):
            continue
        feuille = Feuille(ws, fichier, remarques)
        found = _header_map(feuille)
        if found is not None:
            return feuille, found[0], found[1]
    raise ClsmError(
        f"{fichier} : aucune feuille visible n'a de ligne d'en-tête reconnue",
        hint="l'en-tête doit contenir au moins « Objectifs spécifiques » ou « Actions » et deux"
        " autres colonnes de la grille (Description, Public cible, Indicateurs…)",
    )


@dataclass(slots=True)
class _Plan:
    axes: list[dict[str, Any]] = field(default_factory=list)

    def axe(self, ident: str, titre: str | None) -> dict[str, Any]:
        for axe in self.axes:
            if axe["id"] == ident:
                if titre and not axe.get("titre"):
                    axe["titre"] = titre
                return axe
        axe = {"id": ident, **({"titre": titre} if titre else {}), "objectifs": []}
        self.axes.append(axe)
        return axe

    def objectif(self, axe: dict[str, Any], ident: str, titre: str | None) -> dict[str, Any]:
        objectifs: list[dict[str, Any]] = axe["objectifs"]
        for objectif in objectifs:
            if objectif["id"] == ident:
                if titre and not objectif.get("titre"):
                    objectif["titre"] = titre
                return objectif
        created: dict[str, Any] = {
            "id": ident,
            **({"titre": titre} if titre else {}),
            "actions": [],
        }
        axe["objectifs"].append(created)
        return created


def _parent(ident: str) -> str:
    return ident.rsplit(".", 1)[0]


def _read_grid(
    feuille: Feuille, header: int, columns: dict[int, str]
) -> tuple[_Plan, dict[str, tuple[int, list[str]]]]:
    """Axes, objectives and actions, and each action's indicator labels with their row."""
    plan = _Plan()
    by_champ = {champ: col for col, champ in columns.items()}
    action_col = by_champ.get("action")
    axe: dict[str, Any] | None = None
    objectif: dict[str, Any] | None = None
    libelles: dict[str, tuple[int, list[str]]] = {}
    for row in range(header + 1, feuille.rows + 1):
        texts = {col: feuille.get(row, col) for col in range(1, feuille.cols + 1)}
        if not any(texts.values()):
            continue
        marker = next(
            (
                (col, found)
                for col, text in texts.items()
                if text and (found := champs.lire_action(text))
            ),
            None,
        )
        shift = 0
        if marker is not None and action_col is not None and marker[0] != action_col:
            shift = marker[0] - action_col
            feuille.note(
                row,
                marker[0],
                f"ligne décalée de {shift} colonne(s) vers la"
                f" {'droite' if shift > 0 else 'gauche'} : lue avec ce décalage",
            )

        def at(champ: str, texts: dict[int, str] = texts, shift: int = shift) -> str:
            col = by_champ.get(champ)
            return texts.get(col + shift, "") if col is not None else ""

        used: set[int] = set()
        carried_objective = True
        axe_text = at("axe")
        if axe_text and (parsed := champs.lire_axe(axe_text)):
            axe = plan.axe(*parsed)
            objectif = None
            used.add(by_champ["axe"] + shift)
        objectif_text = at("objectif")
        if objectif_text and (parsed_o := champs.lire_objectif(objectif_text)):
            if axe is None or not parsed_o[0].startswith(axe["id"] + "."):
                guessed = _parent(parsed_o[0])
                if axe is None or axe["id"] != guessed:
                    feuille.note(
                        row,
                        by_champ["objectif"] + shift,
                        f"objectif {parsed_o[0]} sans axe {guessed} au-dessus :"
                        f" rangé sous un axe {guessed}",
                    )
                axe = plan.axe(guessed, None)
            objectif = plan.objectif(axe, *parsed_o)
            carried_objective = False
            used.add(by_champ["objectif"] + shift)
        if marker is None:
            leftovers = [
                col
                for col, text in texts.items()
                if text and col not in used and (row, col) not in feuille.merged_from
            ]
            for col in leftovers:
                feuille.note(row, col, "cellule hors de toute action : non importée", perdu=True)
            continue
        ident, titre = marker[1]
        used.add(marker[0])
        if objectif is None or (carried_objective and not ident.startswith(objectif["id"] + ".")):
            objectif_id = _parent(ident)
            axe_id = _parent(objectif_id) if "." in objectif_id else objectif_id
            if axe is None or axe["id"] != axe_id:
                axe = plan.axe(axe_id, None)
            feuille.note(
                row,
                marker[0],
                f"l'action {ident} n'a pas de ligne d'objectif {objectif_id} au-dessus d'elle :"
                f" rangée sous l'objectif {objectif_id} et l'axe {axe_id}, sans intitulé"
                " s'ils n'en ont pas",
            )
            objectif = plan.objectif(axe, objectif_id, None)
        action: dict[str, Any] = {"id": ident, "titre": titre}
        for champ in ACTION_FIELDS[3:]:
            text = at(champ)
            if not text:
                continue
            used.add(by_champ[champ] + shift)
            value = _field(champ, text)
            if value is not None:
                action[champ] = value
            if champ == "indicateurs":
                libelles[ident] = (row, champs.lire_liste(text))
        objectif["actions"].append(action)
        for col, text in texts.items():
            if text and col not in used and (row, col) not in feuille.merged_from:
                feuille.note(
                    row, col, "cellule d'une colonne non reconnue : non importée", perdu=True
                )
    return plan, libelles


def _field(champ: str, text: str) -> Any:
    if champ in TEXT_FIELDS:
        return text
    if champ in (*LIST_FIELDS, "partenaires"):
        return champs.lire_liste(text)
    if champ == "pilote":
        return text
    if champ == "calendrier":
        return champs.lire_calendrier(text)
    if champ == "statut":
        return champs.lire_statut(text) or text
    if champ == "financements":
        return champs.lire_financements(text)
    if champ == "competences_psychosociales":
        return [champs.lire_competence(line) or line for line in champs.lire_liste(text)]
    return None


def _attachindicateurs(
    plan: _Plan,
    libelles: dict[str, tuple[int, list[str]]],
    sheet: dict[str, list[dict[str, Any]]],
    feuille: Feuille,
    columns: dict[int, str],
) -> None:
    col = next((c for c, champ in columns.items() if champ == "indicateurs"), 1)
    for axe in plan.axes:
        for objectif in axe["objectifs"]:
            for action in objectif["actions"]:
                row, labels = libelles.get(action["id"], (0, []))
                detailed = {i["libelle"]: i for i in sheet.pop(action["id"], [])}
                indicators = []
                for n, label in enumerate(labels):
                    if label in detailed:
                        indicators.append(detailed.pop(label))
                        continue
                    ident = f"{action['id']}-{chr(ord('a') + n) if n < 26 else n}"
                    guess, ratio = guess_indicator(ident, label)
                    how = (
                        " ; « A/B » lu comme numérateur / dénominateur, unité pourcentage"
                        if ratio
                        else ""
                    )
                    feuille.note(row, col, f"indicateur {ident} créé depuis son libellé{how}")
                    indicators.append(guess)
                for label in detailed:
                    feuille.note(
                        row or 1,
                        col,
                        f"indicateur « {label} » de la feuille Indicateurs absent de la"
                        " grille : non importé",
                        perdu=True,
                    )
                action.pop("indicateurs", None)
                if indicators:
                    action["indicateurs"] = indicators
    for action_id, rest in sheet.items():
        for indicator in rest:
            feuille.remarques.append(
                Remarque(
                    f"{feuille.fichier}:Indicateurs",
                    f"indicateur {indicator.get('id')} de l'action {action_id}, absente de la"
                    " grille : non importé",
                    True,
                )
            )


# ---------------------------------------------------------------- the whole workbook


def lire(path: Path, annuaire: list[dict[str, Any]] | None = None) -> Lecture:
    """Read a grid workbook into plan data; raise ClsmError for files it refuses."""
    verifier(path)
    from openpyxl import load_workbook

    fichier = path.name
    remarques: list[Remarque] = []
    from defusedxml import DefusedXmlException

    try:
        workbook = load_workbook(path, data_only=False, keep_links=False, rich_text=False)
    except DefusedXmlException as exc:
        raise ClsmError(
            f"{fichier} contient des déclarations XML interdites ({exc.__class__.__name__}) :"
            " entités ou références externes, refusées par sécurité",
            hint="ouvrez-le dans Excel ou LibreOffice et enregistrez une copie",
        ) from None
    except (
        KeyError,
        ValueError,
        TypeError,
        IndexError,
        AttributeError,
        SyntaxError,
        zipfile.BadZipFile,
        OSError,
    ) as exc:
        raise ClsmError(
            f"{fichier} : classeur abîmé ou incomplet ({exc.__class__.__name__})",
            hint="ouvrez-le dans Excel ou LibreOffice et enregistrez une copie",
        ) from None
    for ws in workbook.worksheets:
        if ws.sheet_state != "visible":
            remarques.append(
                Remarque(
                    f"{fichier}:{ws.title}",
                    f"feuille masquée « {ws.title} » : non importée (affichez-la pour l'importer)",
                    perdu=True,
                )
            )
    feuille, header, columns = _with_header(workbook, fichier, remarques)
    for col in range(1, feuille.cols + 1):
        if feuille.own(header, col) and col not in columns:
            feuille.note(header, col, f"colonne « {feuille.own(header, col)} » non reconnue")
    plan_data, libelles = _read_grid(feuille, header, columns)
    _attachindicateurs(
        plan_data, libelles, lire_indicateurs(workbook, fichier, remarques), feuille, columns
    )
    partenaires = lire_partenaires(workbook, fichier, remarques) or list(annuaire or [])
    _map_partner_names(plan_data, partenaires, feuille)
    infos = lire_informations(workbook, fichier, remarques)
    above = [
        feuille.own(r, c)
        for r in range(1, header)
        for c in range(1, feuille.cols + 1)
        if feuille.own(r, c)
    ]
    plan = _plan_metadata(plan_data, infos, above, feuille)
    return Lecture(plan, partenaires, infos.get("Territoire"), remarques)


def _plan_metadata(
    plan_data: _Plan, infos: dict[str, str], above: list[str], feuille: Feuille
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
        if infos.get(f"Description de l'axe {axe['id']}"):
            axe["description"] = infos[f"Description de l'axe {axe['id']}"]
            axe["objectifs"] = axe.pop("objectifs")
        for objectif in axe["objectifs"]:
            if infos.get(f"Description de l'objectif {objectif['id']}"):
                objectif["description"] = infos[f"Description de l'objectif {objectif['id']}"]
                objectif["actions"] = objectif.pop("actions")
    plan["axes"] = plan_data.axes
    return plan


def _map_partner_names(plan: _Plan, partenaires: list[dict[str, Any]], feuille: Feuille) -> None:
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
        feuille.remarques.append(
            Remarque(
                f"{feuille.fichier}:{feuille.nom}",
                f"partenaire « {name} » absent de l'annuaire : ajouté ({ident}, secteur autre)",
            )
        )
        return ident

    for axe in plan.axes:
        for objectif in axe["objectifs"]:
            for action in objectif["actions"]:
                if "pilote" in action:
                    action["pilote"] = to_id(action["pilote"])
                if "partenaires" in action:
                    action["partenaires"] = [to_id(n) for n in action["partenaires"]]
                for funding in action.get("financements", []):
                    funding["financeur"] = to_id(funding["financeur"])
