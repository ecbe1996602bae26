"""The sheets clsm adds beside the grid: Indicateurs, Financements par année, Suivi des
actions, Partenaires, Informations.

A workbook exported by clsm carries there what a grid cell cannot (indicator units and
targets, each financing line's budget per year, the directory, the plan's period and
descriptions), so that it imports back whole. What the activity files hold (what was spent,
each action's status of a year) is shown there and not read back, and that is said.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..figures.compute import NON_RENSEIGNE
from ..models.common import LIBELLES_SECTEURS
from ..models.publics import DIMENSIONS, Public, Sexe
from ..problems import Problem
from . import fields
from .fields import normalise
from .headers import (
    HISTORY_SHEET,
    INDICATOR_HEADERS,
    MONEY_HEADERS,
    MONEY_SHEET,
    MONEY_YEAR,
    PARTNER_HEADERS,
    SUIVI,
    champ_of,
)
from .sheet import IGNORE, PERDU, Feuille

SECTEURS = {
    normalise(name): secteur.value
    for secteur, label in LIBELLES_SECTEURS.items()
    for name in (secteur.value, label)
}
"""A sector as a cell may say it: by its label or its value, accents, case and punctuation
aside (« Social-médico-social » is `social-medico-social`)."""


def table(
    workbook: Any,
    titre: str,
    headers: tuple[str, ...],
    fichier: str,
    remarques: list[Problem],
    valeurs: dict[int, dict[str, str]] | None = None,
) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a companion sheet, as {header: text} for the headers wanted. Its
    follow-up columns (`Valeur 2024`, `Statut 2024`: figures computed from the activity
    files) are not read, and that is said; the non-empty cells of its `Valeur AAAA` columns
    go to `valeurs` when given ({row: {header: text}}), to say those that were typed."""
    if titre not in workbook.sheetnames:
        return
    ws = workbook[titre]
    if ws.sheet_state != "visible":
        return
    feuille = Feuille(ws, fichier, remarques)
    names = {col: feuille.own(1, col) for col in range(1, feuille.cols + 1)}
    wanted = {normalise(h) for h in headers}
    for col, name in names.items():
        champ = champ_of(name)
        if champ in SUIVI and champ is not None and normalise(name) not in wanted:
            feuille.note(1, col, f"colonne « {name} » {SUIVI[champ]}", code=IGNORE)
    typed = [c for c, name in names.items() if champ_of(name) == "valeur_annee"]
    for row in range(2, feuille.rows + 1):
        values = {names[c]: feuille.own(row, c) for c in names if normalise(names[c]) in wanted}
        if valeurs is not None:
            given = {names[c]: text for c in typed if (text := feuille.own(row, c).strip())}
            if given:
                valeurs[row] = given
        if any(values.values()):
            yield row, values


_UNITE = re.compile(r"[\s\u00a0\u202f]*(?:%|€|h|jours?)$")
"""The unit after a figure, as `clsm export` writes targets and baselines (`60 %`,
`14 500 €`, `18 h`, `3 jours`)."""

OUI_NON = {"oui": 1, "non": 0}


def number(text: str) -> float | int | None:
    """`60`, `60 %`, `14 500 €`, `18 h`, `3 jours`, `0,5`; `oui` is 1 and `non` 0."""
    if (yes_no := OUI_NON.get(text.strip().lower())) is not None:
        return yes_no
    value = fields.parse_number(_UNITE.sub("", text.strip()))
    if value is None:
        return None
    return int(value) if value.is_integer() else value


def parse_valeur_datee(text: str) -> dict[str, Any] | None:
    match = re.fullmatch(r"\s*(?P<v>[^()]+?)\s*\((?P<a>\d{4})\)\s*", text)
    if match is None or number(match["v"]) is None:
        return None
    return {"annee": int(match["a"]), "valeur": number(match["v"])}


def cibles(text: str) -> list[dict[str, Any]]:
    cibles = []
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        dated = parse_valeur_datee(part)
        if dated is not None:
            cibles.append(dated)
        elif (value := number(part)) is not None:
            cibles.append({"valeur": value})
    return cibles


@dataclass(frozen=True, slots=True)
class ValeurSaisie:
    """A non-empty cell of a `Valeur AAAA` column, and the indicator its row is
    (`typed_values` says it when the activity files do not give it)."""

    cellule: str
    indicateur: str
    action: str
    annee: int
    texte: str


@dataclass(slots=True)
class IndicateursLus:
    """The Indicateurs sheet read: each action's indicators with their row, and the column
    of the identifier, action and label (its first if the sheet has no such column)."""

    feuille: str = "Indicateurs"
    par_action: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)
    colonnes: dict[str, str] = field(default_factory=dict)
    saisies: list[ValeurSaisie] = field(default_factory=list)
    """The values its `Valeur AAAA` columns hold, which the import does not read."""

    def cellule(self, row: int, key: str) -> str:
        """The cell of a row's key (`id`, `action`, `libelle`): `Indicateurs!C14`."""
        return f"{self.feuille}!{self.colonnes.get(key, 'A')}{row}"


_INDICATOR_KEYS = {"identifiant": "id", "action": "action", "libelle": "libelle"}
"""The columns of the Indicateurs sheet that say which indicator a row is."""


def read_indicators(workbook: Any, fichier: str, remarques: list[Problem]) -> IndicateursLus:
    """The Indicateurs sheet, by the action each row names (empty without the sheet)."""
    lus = IndicateursLus()
    if (ws := _visible(workbook, "Indicateurs")) is None:
        return lus
    lus.feuille = ws.title
    for cell in ws[1]:
        if isinstance(cell.value, str) and normalise(cell.value) in _INDICATOR_KEYS:
            lus.colonnes.setdefault(_INDICATOR_KEYS[normalise(cell.value)], cell.column_letter)
    by_action = lus.par_action
    valeurs: dict[int, dict[str, str]] = {}
    rows = table(workbook, "Indicateurs", INDICATOR_HEADERS, fichier, remarques, valeurs)
    columns = {str(cell.value).strip(): cell.column_letter for cell in ws[1] if cell.value}
    for row, values in rows:
        get = values.get
        lus.saisies += [
            ValeurSaisie(
                f"{ws.title}!{columns.get(header, '')}{row}",
                get("Identifiant", ""),
                get("Action", ""),
                int(header.split()[-1]),
                text,
            )
            for header, text in valeurs.get(row, {}).items()
        ]
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
            indicator["reference"] = parse_valeur_datee(get("Référence", "")) or get("Référence")
        if get("Cibles"):
            indicator["cibles"] = cibles(get("Cibles", ""))
        if get("Sens") and get("Sens") != "hausse":
            indicator["sens"] = get("Sens")
        if get("Calcul"):
            indicator["calcul"] = get("Calcul")
        if get("Types de réalisation"):
            indicator["types_realisation"] = [
                t.strip() for t in get("Types de réalisation", "").split(";") if t.strip()
            ]
        if get("Public compté"):
            indicator.update(categorie(get("Public compté", "")))
        if get("Sources de vérification"):
            indicator["sources_verification"] = fields.read_list(get("Sources de vérification", ""))
        cumul = normalise(get("Cumul", ""))
        if cumul in ("oui", "non"):
            indicator["cumul"] = cumul == "oui"
        by_action.setdefault(get("Action", ""), []).append((row, indicator))
    return lus


def categorie(text: str) -> dict[str, str]:
    """`public: professionnels` (as `clsm export` writes it), or a category alone: a public,
    a sex, else an age band (« autre » is a public). The plan's checks say what is wrong."""
    champ, _, value = text.partition(":")
    if value and champ.strip() in DIMENSIONS.values():
        return {champ.strip(): value.strip()}
    value = text.strip()
    if value in {p.value for p in Public}:
        return {"public": value}
    if value in {s.value for s in Sexe}:
        return {"sexe": value}
    return {"tranche_age": value}


def guess_indicator(ident: str, libelle: str) -> tuple[dict[str, Any], bool]:
    """An indicator from its label alone; « A/B » is read as numerator over denominator."""
    indicator: dict[str, Any] = {"id": ident, "libelle": libelle}
    if libelle.count("/") == 1 and "://" not in libelle:
        numerateur, denominateur = (p.strip() for p in libelle.split("/"))
        if numerateur and denominateur:
            indicator.update(unite="pourcentage", numerateur=numerateur, denominateur=denominateur)
            return indicator, True
    return indicator, False


PARTNER_KEYS = dict(
    zip(
        PARTNER_HEADERS,
        (
            "id",
            "nom",
            "sigle",
            "secteur",
            "type",
            "representant_usagers",
            "parent",
            "depuis",
            "jusqu_a",
            "devenu",
            "anciens_noms",
            "commune",
            "site",
            "notes",
        ),
        strict=True,
    )
)
"""The directory's key each column of the Partenaires sheet states."""


@dataclass(slots=True)
class PartenairesLus:
    """The Partenaires sheet read: each partner with its row, and the column of each key
    the sheet states (a stated key left empty was emptied; a key without a column is not
    stated)."""

    feuille: str
    partenaires: list[dict[str, Any]] = field(default_factory=list)
    lignes: list[int] = field(default_factory=list)
    colonnes: dict[str, str] = field(default_factory=dict)

    def cellule(self, index: int, key: str) -> str:
        """The cell of a partner's key (its row's first cell if the sheet has no column)."""
        return f"{self.feuille}!{self.colonnes.get(key, 'A')}{self.lignes[index]}"


def read_partners(workbook: Any, fichier: str, remarques: list[Problem]) -> PartenairesLus | None:
    """The Partenaires sheet, None without it."""
    if (ws := _visible(workbook, "Partenaires")) is None:
        return None
    keys = {normalise(h): k for h, k in PARTNER_KEYS.items()}
    lus = PartenairesLus(ws.title)
    for cell in ws[1]:
        if isinstance(cell.value, str) and normalise(cell.value) in keys:
            lus.colonnes.setdefault(keys[normalise(cell.value)], cell.column_letter)
    for row, values in table(workbook, "Partenaires", PARTNER_HEADERS, fichier, remarques):
        lus.partenaires.append(_partner(values.get))
        lus.lignes.append(row)
    return lus


def _partner(get: Any) -> dict[str, Any]:
    """A partner from its row; a text that is no year is kept for the checks to refuse."""
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
    for key, header in (("depuis", "Depuis"), ("jusqu_a", "Jusqu'à")):
        if get(header):
            year = number(get(header, ""))
            partner[key] = int(year) if year is not None else get(header)
    if get("Devenu"):
        partner["devenu"] = get("Devenu")
    if get("Anciens noms"):
        anciens = fields.read_anciens_noms(get("Anciens noms", ""))
        partner["anciens_noms"] = anciens if anciens is not None else get("Anciens noms")
    return partner


def read_information(workbook: Any, fichier: str, remarques: list[Problem]) -> dict[str, str]:
    infos: dict[str, str] = {
        values.get("Rubrique", ""): values.get("Valeur", "")
        for _, values in table(workbook, "Informations", ("Rubrique", "Valeur"), fichier, remarques)
    }
    return infos


def _visible(workbook: Any, titre: str) -> Any:
    if titre not in workbook.sheetnames or workbook[titre].sheet_state != "visible":
        return None
    return workbook[titre]


def note_history(workbook: Any, fichier: str, remarques: list[Problem]) -> None:
    """The « Suivi des actions » sheet is not read: each year's status is activity."""
    if (ws := _visible(workbook, HISTORY_SHEET)) is not None:
        Feuille(ws, fichier, remarques).note_sheet(
            f"feuille « {HISTORY_SHEET} » non lue : le statut, l'avancement et le commentaire"
            " de chaque année se saisissent dans activite/AAAA.yaml (actions)",
            code=IGNORE,
        )


def read_budgets(
    workbook: Any, fichier: str, remarques: list[Problem]
) -> tuple[Feuille, list[tuple[int, dict[str, Any]]]] | None:
    """Each row of the « Financements par année » sheet with its planned amounts, as
    (row, {action, financeur, dispositif, budget}); None without the sheet. The spent
    columns are activity: not read, and said once each."""
    if (ws := _visible(workbook, MONEY_SHEET)) is None:
        return None
    feuille = Feuille(ws, fichier, remarques)
    keys = {normalise(h): h for h in MONEY_HEADERS}
    columns: dict[str, int] = {}
    years: dict[int, int] = {}
    for col in range(1, feuille.cols + 1):
        name = feuille.own(1, col)
        match = MONEY_YEAR.match(normalise(name))
        if match and match[1] == "prevu":
            years[col] = int(match[2])
        elif match:
            feuille.note(
                1,
                col,
                f"colonne « {name} » non lue : la dépense de l'année se saisit dans"
                f" activite/{match[2]}.yaml (depenses)",
                code=IGNORE,
            )
        elif normalise(name) in keys:
            columns[keys[normalise(name)]] = col
        elif name:
            feuille.note(1, col, f"colonne « {name} » non reconnue : non lue", code=PERDU)
    rows = []
    for row in range(2, feuille.rows + 1):
        line = {key: feuille.own(row, col) for key, col in columns.items()}
        budget = []
        for col, year in years.items():
            text = feuille.own(row, col)
            if not text or text == NON_RENSEIGNE:
                continue
            if (amount := number(text)) is None or amount < 0:
                feuille.note(row, col, f"montant « {text} » illisible : non importé", code=PERDU)
                continue
            budget.append({"annee": year, "montant": amount})
        if line.get("Action"):
            rows.append((row, {**line, "budget": budget}))
    return feuille, rows
