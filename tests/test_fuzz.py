"""Fuzzing with hypothesis: random workbooks to the importer, generated plans through Excel."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from clsm_cli.excel.reading import Lecture, read_workbook
from clsm_cli.loader import Document
from clsm_cli.models import Plan
from clsm_cli.problems import CATALOGUE, ClsmError
from clsm_cli.validation.documents import validate

CELLS = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "Objectifs stratégiques",
            "Objectifs spécifiques",
            "Actions",
            "Description",
            "Public cible",
            "Indicateurs de résultat",
            "Pilote",
            "Calendrier",
            "Statut",
            "1. Axe",
            "2.",
            "Objectif spécifique 1.1 Titre",
            "Objectif spécifique 2.3",
            "Action 1.1.1 Faire",
            "Action 1.1.2",
            "Action 9.9.9 Loin",
            "* un\n* deux",
            "=A1+1",
            "Période : 2023–2027",
            "2023 → 2024",
            "Réalisée",
            "a/b",
            "",
        ]
    ),
    st.text(max_size=30),
    st.integers(-10, 10_000),
    st.floats(allow_nan=False, allow_infinity=False),
)


@st.composite
def workbooks(draw: st.DrawFn) -> bytes:
    wb = Workbook()
    ws = wb.active
    rows = draw(st.integers(1, 12))
    cols = draw(st.integers(1, 8))
    for r in range(1, rows + 1):
        for c in range(1, cols + 1):
            value = draw(CELLS)
            if isinstance(value, str):
                value = "".join(ch for ch in value if ch.isprintable() or ch == "\n")
            ws.cell(r, c, value)
    for _ in range(draw(st.integers(0, 3))):
        r, c = draw(st.integers(1, rows)), draw(st.integers(1, cols))
        ws.merge_cells(
            start_row=r, start_column=c, end_row=r + draw(st.integers(0, 2)), end_column=c
        )
    if draw(st.booleans()):
        hidden = wb.create_sheet("Cachée")
        hidden.append(["Action 1.1.1 cachée"])
        hidden.sheet_state = "hidden"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(workbooks())
def test_random_workbooks_give_a_reading_or_a_refusal(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "grille.xlsx"
    path.write_bytes(data)
    try:
        lecture: Lecture | None = read_workbook(path)
    except ClsmError as exc:
        refusal, lecture = exc.message, None
    if lecture is None:
        assert refusal
        return
    for remarque in lecture.remarques:
        assert remarque.file == "grille.xlsx"
        assert remarque.code in CATALOGUE
    plan, problems = validate(Document(file="grille.xlsx", data=lecture.plan), Plan)
    assert plan is not None or problems
    assert all(p.code in CATALOGUE for p in problems)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(min_size=0, max_size=2000))
def test_random_bytes_named_xlsx_are_refused_cleanly(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "grille.xlsx"
    path.write_bytes(b"PK\x03\x04" + data if data[:1] == b"\x00" else data)
    refusal = "lu"
    try:
        read_workbook(path)
    except ClsmError as exc:
        refusal = exc.message
    assert refusal


TEXT = (
    st.text(
        alphabet=st.characters(blacklist_categories=["Cs", "Cc", "Zl", "Zp"]),
        min_size=1,
        max_size=60,
    )
    .map(str.strip)
    .filter(bool)
)


ITEM = TEXT.filter(lambda t: "\n" not in t and not t.startswith(("*", "•", "-", "–")))
"""A list item; one that starts with a bullet cannot round-trip through a grid cell."""


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    actions = [
        {
            "id": f"1.1.{n}",
            "titre": draw(TEXT),
            "description": draw(st.one_of(st.none(), TEXT)),
            "prerequis": draw(st.lists(ITEM, max_size=3)),
            "statut": draw(st.sampled_from([None, "prevue", "en-cours", "realisee"])),
            "calendrier": draw(
                st.sampled_from([None, {"debut": "2023", "fin": "2024"}, {"debut": "2023-05"}])
            ),
            "indicateurs": [
                {
                    "id": f"1.1.{n}-a",
                    "libelle": draw(ITEM),
                    "unite": "nombre",
                    "cibles": [{"valeur": draw(st.integers(0, 1000))}],
                }
            ]
            if draw(st.booleans())
            else [],
        }
        for n in range(1, draw(st.integers(1, 4)) + 1)
    ]
    data = {
        "titre": draw(TEXT.filter(lambda t: "\n" not in t and not t.lower().startswith("période"))),
        "periode": {"debut": 2023, "fin": 2027},
        "axes": [
            {
                "id": "1",
                "titre": draw(TEXT),
                "objectifs": [{"id": "1.1", "titre": draw(TEXT), "actions": actions}],
            }
        ],
    }
    return Plan.model_validate(data)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plans())
def test_export_then_import_round_trips_generated_plans(tmp_path: Path, plan: Plan) -> None:
    from clsm_cli.excel.export import workbook_bytes
    from clsm_cli.excel.layouts import load_layout
    from clsm_cli.validation.dossier import Dossier

    layout, _ = load_layout("cctc", [])
    assert layout is not None
    path = tmp_path / "g.xlsx"
    path.write_bytes(workbook_bytes(plan, layout, Dossier(root=tmp_path)))
    lecture = read_workbook(path)
    assert not lecture.perdu, lecture.remarques
    assert Plan.model_validate(lecture.plan) == plan
