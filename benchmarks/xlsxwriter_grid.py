"""The reference for `clsm export`: the same cells written directly with xlsxwriter.

python benchmarks/xlsxwriter_grid.py territoire/ grille.xlsx

The grid sheet (styles, merges, frozen header, filters), then the sheets clsm adds: one row
per indicator, one per partner, and the plan's information. No checking, no computing:
what any exporter pays just to write these cells.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import xlsxwriter
import yaml

HEADERS = [
    "Objectifs stratégiques",
    "Objectifs spécifiques",
    "Actions",
    "Description",
    "Prérequis",
    "Public cible",
    "Dispositifs",
    "Résultats attendus",
    "Indicateurs",
    "Sources",
    "Moyens mobilisables",
    "Moyens à mobiliser",
    "Pilote",
    "Partenaires",
    "Statut",
]


INDICATOR_HEADERS = [
    "Identifiant",
    "Action",
    "Libellé",
    "Unité",
    "Numérateur",
    "Dénominateur",
    "Référence",
    "Cibles",
    "Sens",
    "Calcul",
    "Types de réalisation",
    "Résultat attendu",
    "Sources de vérification",
    "Valeur 2023",
    "Statut",
]
PARTNER_HEADERS = ["Identifiant", "Nom", "Sigle", "Secteur", "Type", "Représentant des usagers"]


def load(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=yaml.CSafeLoader)


def table(ws: Any, head: Any, text: Any, headers: list[str], rows: list[list[Any]]) -> None:
    ws.write_row(0, 0, headers, head)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, value, text)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, len(rows), len(headers) - 1)


def main(source: str, target: str) -> None:
    """Write the plan's grid, indicators, partners and information sheets."""
    folder = Path(source)
    plan = load(folder / "plan.yaml")
    partners = load(folder / "partenaires.yaml")["partenaires"]
    wb = xlsxwriter.Workbook(target)
    ws = wb.add_worksheet("Plan d'action")
    head = wb.add_format(
        {"bold": True, "font_color": "white", "bg_color": "#1F5F8B", "text_wrap": True, "border": 1}
    )
    text = wb.add_format({"text_wrap": True, "valign": "top", "border": 1, "font_size": 10})
    group = wb.add_format(
        {"text_wrap": True, "valign": "top", "border": 1, "bold": True, "font_size": 10}
    )
    ws.write_row(2, 0, HEADERS, head)
    row = 3
    for axe in plan["axes"]:
        for obj in axe["objectifs"]:
            start = row
            for a in obj["actions"]:
                cells = [
                    axe["titre"],
                    obj["titre"],
                    f"Action {a['id']} {a['titre']}",
                    a["description"],
                    "\n".join(a["prerequis"]),
                    a["public_cible"],
                    a["dispositifs_existants"],
                    "\n".join(a["resultats_attendus"]),
                    "\n".join(i["libelle"] for i in a["indicateurs"]),
                    "\n".join(a["sources_verification"]),
                    "\n".join(a["moyens_mobilisables"]),
                    "\n".join(a["moyens_a_mobiliser"]),
                    a["pilote"],
                    "\n".join(a["partenaires"]),
                    a["statut"],
                ]
                for c, value in enumerate(cells):
                    ws.write_string(row, c, value, group if c < 2 else text)
                ws.set_row(row, 60)
                row += 1
            if row - 1 > start:
                ws.merge_range(start, 1, row - 1, 1, obj["titre"], group)
    ws.freeze_panes(3, 0)
    ws.autofilter(2, 0, row - 1, len(HEADERS) - 1)
    indicators = []
    for axe in plan["axes"]:
        for obj in axe["objectifs"]:
            for a in obj["actions"]:
                for i in a["indicateurs"]:
                    cibles = " ; ".join(f"{c['valeur']:g} %" for c in i.get("cibles", []))
                    indicators.append(
                        [
                            i["id"],
                            a["id"],
                            i["libelle"],
                            i.get("unite"),
                            i.get("numerateur"),
                            i.get("denominateur"),
                            None,
                            cibles or None,
                            "hausse",
                            i.get("calcul"),
                            None,
                            None,
                            None,
                            None,
                            None,
                        ]
                    )
    table(wb.add_worksheet("Indicateurs"), head, text, INDICATOR_HEADERS, indicators)
    rows = [
        [p["id"], p["nom"], p.get("sigle"), p["secteur"], p.get("type"), "Non"] for p in partners
    ]
    table(wb.add_worksheet("Partenaires"), head, text, PARTNER_HEADERS, rows)
    info = [["Titre du plan", plan["titre"]], ["Début de la période", plan["periode"]["debut"]]]
    info.append(["Fin de la période", plan["periode"]["fin"]])
    table(wb.add_worksheet("Informations"), head, text, ["Rubrique", "Valeur"], info)
    wb.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
