"""The issue's acceptance scenario on a real example: four kinds of mistakes, all reported."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from conftest import PLANS, Result, at


def test_typo_wrong_type_dangling_reference_and_bad_encoding(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    root = tmp_path / "poitiers"
    shutil.copytree(PLANS / "poitiers", root)

    plan_path = root / "plan-2023-2027.yaml"
    plan = plan_path.read_text(encoding="utf-8").replace("    objectifs:", "    objectif:", 1)
    plan_path.write_text(plan, encoding="utf-8")

    clsm_path = root / "clsm.yaml"
    clsm = clsm_path.read_text(encoding="utf-8").replace("etp: 0.6", "etp: 0,6")
    clsm_path.write_text(clsm, encoding="utf-8")

    activity_path = root / "activite" / "2022.yaml"
    activity = activity_path.read_text(encoding="utf-8").replace(
        "action: 1.1.1", "action: 1.1.9", 1
    )
    activity_path.write_text(activity, encoding="utf-8")

    partners_path = root / "partenaires.yaml"
    partners = partners_path.read_text(encoding="utf-8")
    partners_path.write_bytes(partners.encode("cp1252", errors="replace"))

    result = cli("validate", root, "--format", "json")
    document = result.json()
    found = {
        (Path(p["file"]).name, p["line"], p["column"], p["code"]) for p in document["problems"]
    }
    first_accent = next(i for i, c in enumerate(partners) if ord(c) > 127)
    accent_line = partners.count("\n", 0, first_accent) + 1
    accent_column = first_accent - partners.rfind("\n", 0, first_accent)

    assert result.code == 1
    assert found == {
        ("plan-2023-2027.yaml", *at(plan, "objectif:"), "cle-inconnue"),
        ("clsm.yaml", *at(clsm, "0,6"), "type-invalide"),
        ("2022.yaml", *at(activity, "1.1.9"), "reference-inconnue"),
        ("partenaires.yaml", accent_line, accent_column, "encodage-windows-1252"),
        # what the two files with errors kept from being checked is said, last
        ("clsm.yaml", None, None, "verification-incomplete"),
        ("plan-2023-2027.yaml", None, None, "verification-incomplete"),
    }
    text = cli("validate", root)
    assert "Traceback" not in text.out + text.err
    assert "clé « objectif » inconnue à cet endroit" in text.out
    assert "vouliez-vous dire « objectifs » ?" in text.out
    assert "l'action « 1.1.9 » n'existe pas" in text.out
    assert "« etp » attend un nombre ; trouvé le texte « 0,6 »" in text.out
