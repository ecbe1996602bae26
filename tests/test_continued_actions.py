"""An action of a new plan says which action of the previous plan it continues (`suite_de`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import MINIMAL, Result

Cli = Callable[..., Result]

NEXT_PLAN = """\
titre: Plan 2025-2027
periode: {debut: 2025, fin: 2027}
axes:
  - id: "1"
    titre: Lutter contre la stigmatisation
    objectifs:
      - id: "1.1"
        titre: Former
        actions:
          - id: 1.1.1
            titre: Former les élus
          - id: 1.1.2
            titre: Former les acteurs, suite
            suite_de: SUITE
"""


def problems(cli: Cli, root: Path) -> list[dict[str, object]]:
    result = cli("validate", root, "-f", "json")
    return [p for p in result.json()["problems"] if p["code"] == "reference-inconnue"]


def test_an_action_continues_one_of_the_plan_before(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    root = territory(**{"plan-2025-2027_yaml": NEXT_PLAN.replace("SUITE", "1.1.1")})
    assert problems(cli, root) == []
    assert cli("validate", root).code == 0


def test_an_unknown_action_continued_is_an_error_at_its_line(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    text = NEXT_PLAN.replace("SUITE", "1.1.9")
    root = territory(**{"plan-2025-2027_yaml": text})
    found = problems(cli, root)
    assert len(found) == 1
    assert found[0]["line"] == text.splitlines().index("            suite_de: 1.1.9") + 1
    assert "plan.yaml, le plan précédent, n'a pas d'action de ce numéro" in str(found[0]["message"])
    assert str(found[0]["hint"]).startswith("vouliez-vous dire « 1.1.1 » ?")
    assert cli("validate", root).code == 1


def test_without_the_plan_before_it_is_only_said(cli: Cli, territory: Callable[..., Path]) -> None:
    plan = MINIMAL["plan.yaml"].replace("pilote: ch\n", "pilote: ch\n            suite_de: 4.2.1\n")
    assert "suite_de" in plan
    root = territory(plan_yaml=plan)
    found = problems(cli, root)
    assert len(found) == 1
    assert found[0]["severity"] == "avertissement"
    assert "pas de plan qui finisse avant 2022" in str(found[0]["message"])
    assert cli("validate", root).code == 0
