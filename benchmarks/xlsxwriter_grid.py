"""The reference for `clsm export`: the same grid written directly with xlsxwriter.

python benchmarks/xlsxwriter_grid.py plan.yaml grille.xlsx
"""

from __future__ import annotations

import sys

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


def main(source: str, target: str) -> None:
    """Write the plan's grid with the grid's styles, merges, frozen header and filters."""
    with open(source, encoding="utf-8") as handle:
        plan = yaml.load(handle, Loader=yaml.CSafeLoader)
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
    wb.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
