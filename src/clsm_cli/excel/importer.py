"""`clsm import`: an existing Excel grid into plan files, with a report of every guess.

The header row is found wherever it is and its columns matched by their headers (accents,
case and punctuation ignored). Merged cells and blank cells below an axis or objective
belong to it. « Objectif spécifique 1.1 » and « Action 1.1.1 » are recognised in whichever
column they landed, and a row whose action sits one column to the right is read with that
shift. In the objective column a bare `1.1 Titre` is enough, in the action column
`1.1.1 Titre` or a number in a « N° » column. A row repeating the action above it continues
it (a follow-up grid has one row per indicator). Every guess and every cell that could not
be placed is reported with its address; a header with no action below it imports nothing.
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
    "axe": (
        "objectifs strategiques",
        "objectif strategique",
        "axe",
        "axes",
        "axes strategiques",
        "orientations strategiques",
        "orientation strategique",
    ),
    "objectif": (
        "objectifs specifiques",
        "objectif specifique",
        "objectifs operationnels",
        "objectif operationnel",
        "objectif",
        "objectifs",
    ),
    "action": (
        "actions",
        "action",
        "intitule de l action",
        "intitule",
        "libelle de l action",
        "fiches actions",
        "fiche action",
    ),
    "numero": ("n", "no", "numero", "num", "n de l action", "numero de l action"),
    "description": (
        "description",
        "descriptif",
        "description de l action",
        "contenu",
        "modalites de mise en oeuvre",
    ),
    "prerequis": ("prerequis", "pre requis"),
    "public_cible": (
        "public cible",
        "publics cibles",
        "public",
        "publics",
        "public vise",
        "publics vises",
        "population cible",
    ),
    "dispositifs_existants": (
        "identification des dispositifs existants",
        "dispositifs existants",
        "existant",
    ),
    "resultats_attendus": ("resultats attendus", "resultat attendu"),
    "indicateurs": (
        "indicateurs de resultat",
        "indicateurs de resultats",
        "indicateurs",
        "indicateur",
        "indicateurs d evaluation",
        "indicateurs de suivi",
    ),
    "sources_verification": ("source de verification", "sources de verification"),
    "moyens_mobilisables": (
        "moyens financiers humains et materiels mobilisables",
        "moyens mobilisables",
    ),
    "moyens_a_mobiliser": (
        "moyens financiers humains et materiels a mobiliser a rechercher",
        "moyens financiers humains et materiels a mobiliser",
        "moyens a mobiliser",
        "budget",
        "budget previsionnel",
        "cout",
        "cout previsionnel",
        "cout estime",
    ),
    "pilote": (
        "pilote",
        "porteur",
        "structure pilote",
        "porteur de l action",
        "pilote de l action",
    ),
    "partenaires": ("partenaires", "partenaires associes", "partenaires mobilises"),
    "calendrier": ("calendrier", "echeancier", "calendrier previsionnel", "periode de realisation"),
    "echeance": ("echeance", "echeances", "date de fin"),
    "statut": ("statut", "etat d avancement"),
    "detail_indicateur": ("unite", "valeur de reference", "reference", "cible", "cibles"),
    "financements": ("financements", "financement"),
    "competences_psychosociales": ("competences psychosociales", "cps visees"),
    "notes": ("notes", "remarques", "commentaires"),
}
INTERPRETATIONS = {
    "budget": "« Moyens à mobiliser » (moyens_a_mobiliser), texte gardé tel quel",
    "budget previsionnel": "« Moyens à mobiliser » (moyens_a_mobiliser), texte gardé tel quel",
    "cout": "« Moyens à mobiliser » (moyens_a_mobiliser), texte gardé tel quel",
    "cout previsionnel": "« Moyens à mobiliser » (moyens_a_mobiliser), texte gardé tel quel",
    "cout estime": "« Moyens à mobiliser » (moyens_a_mobiliser), texte gardé tel quel",
    "echeance": "la fin du calendrier de l'action",
    "echeances": "la fin du calendrier de l'action",
    "date de fin": "la fin du calendrier de l'action",
    "n": "le numéro de l'action",
    "no": "le numéro de l'action",
    "num": "le numéro de l'action",
    "numero": "le numéro de l'action",
}
"""Headers whose reading is a guess worth saying."""
COMPANIONS = ("Indicateurs", "Partenaires", "Informations")
SUIVI = {
    "detail_indicateur": "non lue : les indicateurs sont lus de la feuille Indicateurs",
    "valeur_annee": "non lue : valeurs calculées des fichiers d'activité (les mesures se"
    " saisissent dans activite/)",
    "statut_indicateur": "non lue : statut calculé des indicateurs",
}
"""Columns of a follow-up grid (one row per indicator) whose content the Indicateurs sheet
and the activity files hold; in a workbook with that sheet they are not read."""
_YEAR_VALUE = re.compile(r"^valeur (\d{4})$")


@dataclass(slots=True)
class Lecture:
    """What was read from a workbook: plain data for the models, and the remarks."""

    plan: dict[str, Any]
    partenaires: list[dict[str, Any]]
    territoire: str | None
    remarques: list[Remarque] = field(default_factory=list)
    exprimes: dict[str, set[str]] = field(default_factory=dict)
    """Per level (plan, axe, objectif, action, indicateur), the keys the workbook states: a
    key it states and leaves empty was emptied; a key it cannot state is left as it was."""

    @property
    def perdu(self) -> bool:
        """Whether anything in the workbook could not be placed."""
        return any(r.perdu for r in self.remarques)


# ---------------------------------------------------------------- the grid sheet


def _champ_of(header: str) -> str | None:
    """The field a header names (`Axe du PRS` is an axis column too)."""
    text = normalise(header)
    found = _KNOWN.get(text)
    if found is None and text.startswith("axe "):
        return "axe"
    if found is None and _YEAR_VALUE.match(text):
        return "valeur_annee"
    return found


_KNOWN = {normalise(s): champ for champ, synonyms in SYNONYMES.items() for s in synonyms}


def _header_map(feuille: Feuille) -> tuple[int, dict[int, str]] | None:
    best: tuple[int, dict[int, str]] | None = None
    for row in range(1, min(feuille.rows, HEADER_SCAN) + 1):
        mapping: dict[int, str] = {}
        for col in range(1, feuille.cols + 1):
            champ = _champ_of(feuille.own(row, col))
            if champ is not None and (champ not in mapping.values() or champ in SUIVI):
                mapping[col] = champ
        years = [c for c, champ in mapping.items() if champ == "valeur_annee"]
        for col, champ in mapping.items():
            if champ == "statut" and years and col > min(years):
                mapping[col] = "statut_indicateur"
        plausible = len(mapping) >= 3 and {"action", "objectif"} & set(mapping.values())
        if plausible and (best is None or len(mapping) > len(best[1])):
            best = (row, mapping)
    return best


def _with_header(
    workbook: Any, fichier: str, remarques: list[Remarque]
) -> tuple[Feuille, int, dict[int, str]]:
    for ws in workbook.worksheets:
        if ws.sheet_state != "visible" or ws.title in COMPANIONS:
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


@dataclass(slots=True)
class _Ligne:
    """One row of the grid, as texts by column, read with the row's shift."""

    feuille: Feuille
    row: int
    texts: dict[int, str]
    by_champ: dict[str, int]
    shift: int = 0
    used: set[int] = field(default_factory=set)

    def col(self, champ: str) -> int | None:
        col = self.by_champ.get(champ)
        return col + self.shift if col is not None else None

    def at(self, champ: str) -> str:
        col = self.col(champ)
        return self.texts.get(col, "") if col is not None else ""

    def take(self, champ: str) -> None:
        col = self.col(champ)
        if col is not None:
            self.used.add(col)

    def unused(self) -> list[tuple[int, str]]:
        return [
            (col, text)
            for col, text in self.texts.items()
            if text and col not in self.used and (self.row, col) not in self.feuille.merged_from
        ]


def _action_marker(ligne: _Ligne) -> tuple[int, str, str] | None:
    """Where this row's action is, its number and title; the row's shift is set from it.

    « Action 1.1.1 … » is found in any column (a shifted row is read with its shift); in the
    action column a bare number (`1.1.1 Titre`) is enough, or a number in a « N° » column.
    """
    feuille, row, texts = ligne.feuille, ligne.row, ligne.texts
    action_col = ligne.by_champ.get("action")
    for col, text in texts.items():
        if text and (found := champs.lire_action(text)):
            if action_col is not None and col != action_col:
                ligne.shift = col - action_col
                feuille.note(
                    row,
                    col,
                    f"ligne décalée de {ligne.shift} colonne(s) vers la"
                    f" {'droite' if ligne.shift > 0 else 'gauche'} : lue avec ce décalage",
                )
            return col, *found
    if action_col is None:
        return None
    text = texts.get(action_col, "")
    if not text or champs.lire_objectif(text) or champs.lire_axe(text, nomme=True):
        return None
    if found := champs.lire_action(text, numero=True):
        return action_col, *found
    numero = champs.lire_numero(ligne.at("numero"))
    if numero is not None and "." in numero:
        ligne.take("numero")
        return action_col, numero, text
    return None


def _read_grid(
    feuille: Feuille, header: int, columns: dict[int, str], suivi: bool
) -> tuple[_Plan, dict[str, tuple[int, list[str]]]]:
    """Axes, objectives and actions, and each action's indicator labels with their row.

    `suivi` tells that the workbook has an Indicateurs sheet, where the indicators' details
    are read rather than from the grid's follow-up columns.
    """
    plan = _Plan()
    by_champ = {champ: col for col, champ in reversed(columns.items())}
    last: dict[str, Any] | None = None
    axe: dict[str, Any] | None = None
    objectif: dict[str, Any] | None = None
    libelles: dict[str, tuple[int, list[str]]] = {}
    for row in feuille.filled_rows(header):
        texts = {col: feuille.get(row, col) for col in range(1, feuille.cols + 1)}
        if not any(texts.values()):
            continue
        ligne = _Ligne(feuille, row, texts, by_champ)
        marker = _action_marker(ligne)
        carried_objective = True
        found_axe = _heading(ligne, "axe", marker)
        if found_axe is not None:
            axe = plan.axe(*found_axe[1])
            objectif = None
        found_objectif = _heading(ligne, "objectif", marker)
        if found_objectif is not None:
            col, (ident, titre) = found_objectif
            if axe is None or not ident.startswith(axe["id"] + "."):
                guessed = _parent(ident)
                if axe is None or axe["id"] != guessed:
                    feuille.note(
                        row,
                        col,
                        f"objectif {ident} sans axe {guessed} au-dessus :"
                        f" rangé sous un axe {guessed}",
                    )
                axe = plan.axe(guessed, None)
            objectif = plan.objectif(axe, ident, titre)
            carried_objective = False
        if marker is None:
            headings = {ligne.col("axe"): "axe (1.)", ligne.col("objectif"): "objectif (1.1)"}
            for col, _ in ligne.unused():
                what = headings.get(col)
                feuille.note(
                    row,
                    col,
                    f"intitulé sans numéro d'{what} : non importé"
                    if what
                    else "cellule hors de toute action : non importée",
                    perdu=True,
                )
            continue
        col, ident, titre = marker
        ligne.used.add(col)
        if last is not None and last["id"] == ident:
            _suite(ligne, last, libelles, columns, suivi)
            continue
        if objectif is None or (carried_objective and not ident.startswith(objectif["id"] + ".")):
            objectif_id = _parent(ident)
            axe_id = _parent(objectif_id) if "." in objectif_id else objectif_id
            if axe is None or axe["id"] != axe_id:
                axe = plan.axe(axe_id, None)
            feuille.note(
                row,
                col,
                f"l'action {ident} n'a pas de ligne d'objectif {objectif_id} au-dessus d'elle :"
                f" rangée sous l'objectif {objectif_id} et l'axe {axe_id}, sans intitulé"
                " s'ils n'en ont pas",
            )
            objectif = plan.objectif(axe, objectif_id, None)
        action: dict[str, Any] = {"id": ident, "titre": titre}
        numero = ligne.at("numero")
        if numero and "numero" in by_champ and ligne.col("numero") not in ligne.used:
            ligne.take("numero")
            if champs.lire_numero(numero) not in (ident, None):
                feuille.note(
                    row,
                    ligne.col("numero") or col,
                    f"le numéro « {numero} » diffère de celui de l'action, {ident} : {ident} gardé",
                )
        for champ in ACTION_FIELDS[3:]:
            text = ligne.at(champ)
            if not text:
                continue
            ligne.take(champ)
            value = _field(champ, text)
            if value is not None:
                action[champ] = value
            if champ == "indicateurs":
                libelles[ident] = (row, champs.lire_liste(text))
        if echeance := ligne.at("echeance"):
            ligne.take("echeance")
            _echeance(action, echeance)
        objectif["actions"].append(action)
        last = action
        _suivi(ligne, columns, suivi)
        for col, _ in ligne.unused():
            feuille.note(row, col, "cellule d'une colonne non reconnue : non importée", perdu=True)
    return plan, libelles


def _suivi(ligne: _Ligne, columns: dict[int, str], lu_ailleurs: bool) -> None:
    """The follow-up columns of a row: read from the Indicateurs sheet and activity files."""
    for col, _ in ligne.unused():
        champ = columns.get(col - ligne.shift)
        if champ not in SUIVI:
            continue
        ligne.used.add(col)
        if lu_ailleurs or champ == "statut_indicateur":
            continue
        what = (
            "valeur d'un indicateur pour une année (les mesures se saisissent dans activite/)"
            if champ == "valeur_annee"
            else "détail d'indicateur sans feuille Indicateurs (à reprendre dans le plan)"
        )
        ligne.feuille.note(ligne.row, col, f"{what} : non importée", perdu=True)


def _suite(
    ligne: _Ligne,
    action: dict[str, Any],
    libelles: dict[str, tuple[int, list[str]]],
    columns: dict[int, str],
    suivi: bool,
) -> None:
    """A row that continues the action above it (a follow-up grid has one row per indicator)."""
    ident = action["id"]
    for champ in ACTION_FIELDS[3:]:
        text = ligne.at(champ)
        col = ligne.col(champ)
        if not text or col is None or (ligne.row, col) in ligne.feuille.merged_from:
            continue
        ligne.take(champ)
        if champ == "indicateurs":
            first, labels = libelles.get(ident, (ligne.row, []))
            libelles[ident] = (first, labels + champs.lire_liste(text))
            action.setdefault("indicateurs", [])
        elif _field(champ, text) != action.get(champ):
            ligne.feuille.note(
                ligne.row,
                col,
                f"autre valeur que celle de l'action {ident} au-dessus : non importée",
                perdu=True,
            )
    _suivi(ligne, columns, suivi)
    for col, _ in ligne.unused():
        ligne.feuille.note(
            ligne.row, col, "cellule d'une colonne non reconnue : non importée", perdu=True
        )


def _echeance(action: dict[str, Any], text: str) -> None:
    """An « Échéance » cell: the end of the action's calendar (or its precisions)."""
    read = champs.lire_calendrier(text) or {}
    calendrier: dict[str, Any] = action.setdefault("calendrier", {})
    if "fin" in read and "fin" not in calendrier:
        calendrier["fin"] = read["fin"]
    elif text not in calendrier.get("precisions", ""):
        before = calendrier.get("precisions")
        calendrier["precisions"] = (
            f"{before}\néchéance : {text}" if before else f"échéance : {text}"
        )


def _heading(
    ligne: _Ligne, level: str, marker: tuple[int, str, str] | None
) -> tuple[int, tuple[str, str | None]] | None:
    """The axis or objective heading of a row: in its column, or — when the grid has no such
    column — a cell of the row that names it (`Axe 2. Titre`, `Objectif spécifique 1.2`)."""
    text = ligne.at(level)
    col = ligne.col(level)
    if text and col is not None:
        found = champs.lire_axe(text) if level == "axe" else champs.lire_objectif(text, numero=True)
        if found is not None:
            ligne.used.add(col)
            return col, found
    if level in ligne.by_champ:
        return None
    skip = marker[0] if marker else None
    for col, text in ligne.unused():
        if col == skip:
            continue
        found = champs.lire_axe(text, nomme=True) if level == "axe" else champs.lire_objectif(text)
        if found is not None:
            ligne.used.add(col)
            return col, found
    return None


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
                        indicators.append(detailed.pop(label))
                        continue
                    ident = ident or _free_id(action["id"], n, taken)
                    taken.add(ident)
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
    avertissements = verifier(path)
    from openpyxl import load_workbook

    fichier = path.name
    remarques = [Remarque(fichier, a, nature="avertissement") for a in avertissements]
    from defusedxml import DefusedXmlException

    try:
        workbook = load_workbook(
            path, data_only=False, keep_links=False, keep_vba=False, rich_text=False
        )
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
    suivi = "Indicateurs" in workbook.sheetnames
    for col in range(1, feuille.cols + 1):
        text = feuille.own(header, col)
        if text and col not in columns:
            feuille.note(header, col, f"colonne « {text} » non reconnue")
        elif columns.get(col) in SUIVI and suivi:
            feuille.note(header, col, f"colonne « {text} » {SUIVI[columns[col]]}", nature="ignoré")
        elif col in columns and normalise(text) in INTERPRETATIONS:
            feuille.note(
                header, col, f"colonne « {text} » lue comme {INTERPRETATIONS[normalise(text)]}"
            )
    plan_data, libelles = _read_grid(feuille, header, columns, suivi)
    if not plan_data.axes:
        feuille.note(
            header,
            1,
            f"aucune action trouvée sous l'en-tête, ligne {header} : rien n'est importé",
            perdu=True,
        )
    indicateurs = lire_indicateurs(workbook, fichier, remarques)
    _attachindicateurs(plan_data, libelles, indicateurs, feuille, columns)
    known = list(annuaire or [])
    ids = {p.get("id") for p in known}
    partenaires = known + [
        p for p in lire_partenaires(workbook, fichier, remarques) if p.get("id") not in ids
    ]
    _map_partner_names(plan_data, partenaires, feuille)
    infos = lire_informations(workbook, fichier, remarques)
    above = [
        feuille.own(r, c)
        for r in range(1, header)
        for c in range(1, feuille.cols + 1)
        if feuille.own(r, c)
    ]
    plan = _plan_metadata(plan_data, infos, above, feuille)
    lecture = Lecture(plan, partenaires, infos.get("Territoire"), remarques)
    lecture.exprimes = _exprimes(set(columns.values()), infos, above, bool(indicateurs))
    return lecture


def _exprimes(
    columns: set[str], infos: dict[str, str], above: list[str], indicateurs: bool
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
    action = {"id", "titre", *(c for c in columns if c in ACTION_FIELDS)}
    if "echeance" in columns:
        action.add("calendrier")
    indicateur = {"id", "libelle"}
    if indicateurs:
        from ..models.plan import Indicateur

        indicateur = set(Indicateur.model_fields)
    return {"plan": plan, **levels, "action": action, "indicateur": indicateur}


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
