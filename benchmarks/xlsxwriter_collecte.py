"""The reference for `clsm collecte`: the same cells written directly with xlsxwriter.

python benchmarks/xlsxwriter_collecte.py territoire/ 2023 fiche.xlsx

The form's sheets as clsm writes them for a territory whose year has few entries: the
instructions, the entries' sheets (a row proposed per measured indicator and per action,
formatted empty rows, drop-downs and checks on every column), the lists and the
fingerprints. No checking, no computing: what any exporter pays just to write these cells.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter
import yaml

REALISATIONS = ("Action", "Type", "Titre", "Date", "Date de fin", "Lieu", "Partenaires")
SEANCES = ("Réalisation", "Date", "Lieu", "Précisions", "Présences (total)")
SAISINES = ("Mois", "Saisissant", "Partenaire saisissant", "Niveau", "Décision")
MESURES = ("Indicateur", "Unité", "Valeur", "Numérateur", "Dénominateur", "Date")
PUBLICS = [h for n in (1, 2) for h in (f"Public {n}", f"Nombre (public {n})")]
AGES = [h for n in (1, 2) for h in (f"Âge {n}", f"Nombre (âge {n})")]
BREAKDOWNS = [*PUBLICS, "Femmes", "Hommes", "Autre sexe", *AGES]
SHEETS = {
    "Réalisations": [
        *REALISATIONS,
        "Inscrits",
        "Personnes touchées",
        *BREAKDOWNS,
        "Nombre d'actions",
        "Texte",
    ],
    "Séances": [
        *SEANCES,
        *BREAKDOWNS,
        *(h for n in range(1, 5) for h in (f"Structure {n}", f"Présents {n}")),
    ],
    "Saisines": [*SAISINES, "Orientation", "Structures invitées", "Note"],
    "Mesures": [*MESURES, "Source", "Commentaire"],
    "Suivi des actions": ["Action", "Statut", "Avancement (%)", "Commentaire"],
}


def load(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=yaml.CSafeLoader)


def main(source: str, year: str, target: str) -> None:
    folder = Path(source)
    plan = load(folder / "plan.yaml")
    partners = load(folder / "partenaires.yaml")["partenaires"]
    actions = [a for axe in plan["axes"] for o in axe["objectifs"] for a in o["actions"]]
    indicators = [i for a in actions for i in a["indicateurs"] if not i.get("calcul")]
    wb = xlsxwriter.Workbook(target)
    head = wb.add_format({"bold": True, "font_color": "white", "bg_color": "#1F5F8B"})
    text = wb.add_format({"text_wrap": True, "valign": "top", "border": 1, "font_size": 10})
    ws = wb.add_worksheet("Mode d'emploi")
    for r in range(20):
        ws.write_string(r, 0, "Une ligne du mode d'emploi, assez longue pour être renvoyée.")
    lists = {
        "A": [f"{a['id']} — {a['titre']}" for a in actions],
        "C": [p["nom"] for p in partners],
        "M": [f"{i['id']} — {i['libelle']}" for i in indicators],
    }
    rows = {
        "Mesures": [[label, "Pourcentage (83 %)"] for label in lists["M"]],
        "Suivi des actions": [[label] for label in lists["A"]],
    }
    annee = int(year)
    for name, headers in SHEETS.items():
        ws = wb.add_worksheet(name)
        ws.write_row(0, 0, ["Clé", *headers], head)
        ws.set_column(0, 0, 14, None, {"hidden": True})
        filled = rows.get(name, [])
        for r, values in enumerate(filled, start=1):
            for c, value in enumerate(values, start=1):
                ws.write_string(r, c, value, text)
        for r in range(len(filled) + 1, len(filled) + 31):
            for c in range(1, len(headers) + 1):
                ws.write_blank(r, c, None, text)
        last = len(filled) + 500
        for c in range(1, len(headers) + 1):
            ws.data_validation(
                1,
                c,
                last,
                c,
                {
                    "validate": "date",
                    "criteria": "between",
                    "minimum": date(annee, 1, 1),
                    "maximum": date(annee, 12, 31),
                    "input_message": "Une date de l'année.",
                },
            )
        ws.freeze_panes(1, 2)
        ws.autofilter(0, 0, len(filled) + 30, len(headers))
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0)
    ws = wb.add_worksheet("Listes")
    for col, values in lists.items():
        for r, value in enumerate(values, start=1):
            ws.write_string(f"{col}{r + 1}", value)
    ws.hide()
    ws = wb.add_worksheet("clsm-collecte")
    ws.write_string(0, 0, "clsm collecte")
    ws.hide()
    wb.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
