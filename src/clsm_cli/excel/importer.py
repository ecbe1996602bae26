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
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..models.common import LIBELLES_SECTEURS
from ..problems import ClsmError
from . import champs
from .champs import ACTION_FIELDS, LIST_FIELDS, TEXT_FIELDS, normalise
from .export import INDICATOR_HEADERS, PARTNER_HEADERS
from .garde import verifier

MAX_ROWS = 5000
MAX_COLS = 80
MAX_CELL = 100_000
HEADER_SCAN = 40
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
"""Excel writes control characters as _x0007_ (and a literal underscore as _x005F_)."""

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
SECTEURS = {normalise(label): secteur.value for secteur, label in LIBELLES_SECTEURS.items()}


@dataclass(frozen=True, slots=True)
class Remarque:
    """Something the import had to guess, or could not place."""

    ou: str
    message: str
    perdu: bool = False


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


class _Feuille:
    """A worksheet as a grid of texts, merged cells filled from their top-left cell."""

    def __init__(self, ws: Any, fichier: str, remarques: list[Remarque]) -> None:
        from openpyxl.utils import get_column_letter

        self.ws = ws
        self.nom = ws.title
        self.fichier = fichier
        self.letter = get_column_letter
        self.remarques = remarques
        self.rows = min(ws.max_row or 0, MAX_ROWS)
        self.cols = min(ws.max_column or 0, MAX_COLS)
        if (ws.max_row or 0) > MAX_ROWS or (ws.max_column or 0) > MAX_COLS:
            self.note(
                1,
                1,
                f"la feuille s'étend jusqu'à {self.letter(ws.max_column)}{ws.max_row} ; seules les"
                f" {MAX_ROWS} premières lignes et {MAX_COLS} premières colonnes sont lues",
                perdu=True,
            )
        self.cells: dict[tuple[int, int], str] = {}
        self.merged_from: dict[tuple[int, int], tuple[int, int]] = {}
        for row in ws.iter_rows(min_row=1, max_row=self.rows, max_col=self.cols):
            for cell in row:
                text = self._text(cell)
                if text:
                    self.cells[(cell.row, cell.column)] = text
        for area in ws.merged_cells.ranges:
            origin = (area.min_row, area.min_col)
            for r in range(area.min_row, min(area.max_row, self.rows) + 1):
                for c in range(area.min_col, min(area.max_col, self.cols) + 1):
                    if (r, c) != origin:
                        self.merged_from[(r, c)] = origin

    def ref(self, row: int, col: int) -> str:
        return f"{self.fichier}:{self.nom}!{self.letter(col)}{row}"

    def note(self, row: int, col: int, message: str, perdu: bool = False) -> None:
        self.remarques.append(Remarque(self.ref(row, col), message, perdu))

    def _text(self, cell: Any) -> str:
        value = cell.value
        if value is None:
            return ""
        if cell.data_type == "f" or (
            isinstance(value, str) and value.startswith("=") and cell.data_type != "s"
        ):
            self.note(
                cell.row,
                cell.column,
                f"formule ignorée ({str(value)[:40]}) : clsm ne lit pas les résultats calculés",
                perdu=True,
            )
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = _OOXML_ESCAPE.sub(lambda m: chr(int(m[1], 16)), str(value))
        cleaned = "".join(c for c in text if ord(c) >= 32 or c in "\n\t")
        if cleaned != text:
            self.note(cell.row, cell.column, "caractères de contrôle invisibles supprimés")
        if len(cleaned) > MAX_CELL:
            self.note(
                cell.row,
                cell.column,
                f"cellule de {len(cleaned)} caractères, tronquée à {MAX_CELL}",
                perdu=True,
            )
            cleaned = cleaned[:MAX_CELL]
        return cleaned.replace("\r\n", "\n").strip()

    def get(self, row: int, col: int) -> str:
        """A cell's text, or the text of the merged area it belongs to."""
        return self.cells.get(self.merged_from.get((row, col), (row, col)), "")

    def own(self, row: int, col: int) -> str:
        """A cell's own text, not filled from a merged area."""
        return self.cells.get((row, col), "")


# ---------------------------------------------------------------- the grid sheet


def _header_map(feuille: _Feuille) -> tuple[int, dict[int, str]] | None:
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
) -> tuple[_Feuille, int, dict[int, str]]:
    for ws in workbook.worksheets:
        if ws.sheet_state != "visible" or ws.title in (
            "Indicateurs",
            "Partenaires",
            "Informations",
        ):
            continue
        feuille = _Feuille(ws, fichier, remarques)
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
    feuille: _Feuille, header: int, columns: dict[int, str]
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


# ---------------------------------------------------------------- the companion sheets


def _table(
    workbook: Any, titre: str, headers: tuple[str, ...], fichier: str, remarques: list[Remarque]
) -> Iterator[tuple[int, dict[str, str]]]:
    if titre not in workbook.sheetnames:
        return
    ws = workbook[titre]
    if ws.sheet_state != "visible":
        return
    feuille = _Feuille(ws, fichier, remarques)
    names = {col: feuille.own(1, col) for col in range(1, feuille.cols + 1)}
    wanted = {normalise(h) for h in headers}
    for row in range(2, feuille.rows + 1):
        values = {names[c]: feuille.own(row, c) for c in names if normalise(names[c]) in wanted}
        if any(values.values()):
            yield row, values


def _number(text: str) -> float | int | None:
    value = champs.parse_number(text)
    if value is None:
        return None
    return int(value) if value.is_integer() else value


def _valeur_datee(text: str) -> dict[str, Any] | None:
    match = re.fullmatch(r"\s*(?P<v>[^()]+?)\s*\((?P<a>\d{4})\)\s*", text)
    if match is None or _number(match["v"]) is None:
        return None
    return {"annee": int(match["a"]), "valeur": _number(match["v"])}


def _cibles(text: str) -> list[dict[str, Any]]:
    cibles = []
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        dated = _valeur_datee(part)
        if dated is not None:
            cibles.append(dated)
        elif (value := _number(part)) is not None:
            cibles.append({"valeur": value})
    return cibles


def _indicators(
    workbook: Any, fichier: str, remarques: list[Remarque]
) -> dict[str, list[dict[str, Any]]]:
    by_action: dict[str, list[dict[str, Any]]] = {}
    for _, values in _table(workbook, "Indicateurs", INDICATOR_HEADERS, fichier, remarques):
        get = values.get
        indicator: dict[str, Any] = {"id": get("Identifiant", ""), "libelle": get("Libellé", "")}
        if get("Unité"):
            indicator["unite"] = get("Unité")
        for key, header in (
            ("numerateur", "Numérateur"),
            ("denominateur", "Dénominateur"),
            ("resultat_attendu", "Résultat attendu"),
        ):
            if get(header):
                indicator[key] = get(header)
        if get("Référence"):
            indicator["reference"] = _valeur_datee(get("Référence", "")) or get("Référence")
        if get("Cibles"):
            indicator["cibles"] = _cibles(get("Cibles", ""))
        if get("Sens") and get("Sens") != "hausse":
            indicator["sens"] = get("Sens")
        if get("Calcul"):
            indicator["calcul"] = get("Calcul")
        if get("Types de réalisation"):
            indicator["types_realisation"] = [
                t.strip() for t in get("Types de réalisation", "").split(";") if t.strip()
            ]
        if get("Sources de vérification"):
            indicator["sources_verification"] = champs.lire_liste(
                get("Sources de vérification", "")
            )
        by_action.setdefault(get("Action", ""), []).append(indicator)
    return by_action


def _guess_indicator(ident: str, libelle: str) -> tuple[dict[str, Any], bool]:
    """An indicator from its label alone; « A/B » is read as numerator over denominator."""
    indicator: dict[str, Any] = {"id": ident, "libelle": libelle}
    if libelle.count("/") == 1 and "://" not in libelle:
        numerateur, denominateur = (p.strip() for p in libelle.split("/"))
        if numerateur and denominateur:
            indicator.update(unite="pourcentage", numerateur=numerateur, denominateur=denominateur)
            return indicator, True
    return indicator, False


def _attach_indicators(
    plan: _Plan,
    libelles: dict[str, tuple[int, list[str]]],
    sheet: dict[str, list[dict[str, Any]]],
    feuille: _Feuille,
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
                    guess, ratio = _guess_indicator(ident, label)
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


def _partners(workbook: Any, fichier: str, remarques: list[Remarque]) -> list[dict[str, Any]]:
    result = []
    for _, values in _table(workbook, "Partenaires", PARTNER_HEADERS, fichier, remarques):
        get = values.get
        partner: dict[str, Any] = {"id": get("Identifiant", ""), "nom": get("Nom", "")}
        if get("Sigle"):
            partner["sigle"] = get("Sigle")
        partner["secteur"] = SECTEURS.get(normalise(get("Secteur", "")), get("Secteur", ""))
        for key, header in (
            ("type", "Type"),
            ("parent", "Structure parente"),
            ("commune", "Commune"),
            ("site", "Site"),
            ("notes", "Notes"),
        ):
            if get(header):
                partner[key] = get(header)
        if normalise(get("Représentant des usagers", "")) == "oui":
            partner["representant_usagers"] = True
        if get("Depuis") and (year := _number(get("Depuis", ""))) is not None:
            partner["depuis"] = int(year)
        result.append(partner)
    return result


def _informations(workbook: Any, fichier: str, remarques: list[Remarque]) -> dict[str, str]:
    infos: dict[str, str] = {
        values.get("Rubrique", ""): values.get("Valeur", "")
        for _, values in _table(
            workbook, "Informations", ("Rubrique", "Valeur"), fichier, remarques
        )
    }
    return infos


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
    _attach_indicators(
        plan_data, libelles, _indicators(workbook, fichier, remarques), feuille, columns
    )
    partenaires = _partners(workbook, fichier, remarques) or list(annuaire or [])
    _map_partner_names(plan_data, partenaires, feuille)
    infos = _informations(workbook, fichier, remarques)
    above = [
        feuille.own(r, c)
        for r in range(1, header)
        for c in range(1, feuille.cols + 1)
        if feuille.own(r, c)
    ]
    plan = _plan_metadata(plan_data, infos, above, feuille)
    return Lecture(plan, partenaires, infos.get("Territoire"), remarques)


def _plan_metadata(
    plan_data: _Plan, infos: dict[str, str], above: list[str], feuille: _Feuille
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


def _map_partner_names(plan: _Plan, partenaires: list[dict[str, Any]], feuille: _Feuille) -> None:
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
