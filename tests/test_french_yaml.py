"""What French typing does to YAML, told so that a coordinator can fix it: a no-break space
before « : » in a key (Word and macOS type one), and « Texte : suite » in an unquoted text.
Files on disk, through `clsm validate`; the line the hint shows is then written back, and
the territory is valid."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL, Result, at

Cli = Callable[..., Result]


def hint_of(result: Result, code: str) -> str:
    lines = result.out.splitlines()
    first = next(i for i, line in enumerate(lines) if f"[{code}]" in line)
    return next(line for line in lines[first:] if line.strip().startswith("aide :"))


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\u00a0", "une espace insécable (U+00A0)"),
        ("\u202f", "une espace fine insécable (U+202F)"),
    ],
)
def test_a_no_break_space_before_the_colon_of_a_key_is_named_and_located(
    cli: Cli, territory: Callable[..., Path], char: str, name: str
) -> None:
    text = MINIMAL["clsm.yaml"].replace("territoire:", f"territoire{char}:")
    root = territory(clsm_yaml=text)
    result = cli("validate", root)
    assert result.code == 1
    line, column = at(text, char)
    assert (
        f"clsm.yaml:{line}:{column}: erreur [cle-inconnue] la clé « territoire » contient"
        f" {name}, invisible (ligne {line}, colonne {column})"
    ) in result.out
    assert "écrivez « territoire: »" in hint_of(result, "cle-inconnue")
    assert "Word et macOS" in hint_of(result, "cle-inconnue")
    assert "« territoire » est obligatoire" not in result.out  # one mistake, told once
    assert f"territoire{char} " not in result.out.split("|")[0]


def test_a_no_break_space_in_a_nested_key(cli: Cli, territory: Callable[..., Path]) -> None:
    text = MINIMAL["partenaires.yaml"].replace("    secteur: sante", "    secteur\u00a0: sante")
    result = cli("validate", territory(partenaires_yaml=text))
    line, column = at(text, "\u00a0")
    assert f"partenaires.yaml:{line}:{column}: erreur [cle-inconnue] la clé « secteur »" in (
        result.out
    )


def _apply(root: Path, name: str, hint: str, old_line: str) -> None:
    fixed = hint.split("comme ceci : ", 1)[1]
    path = root / name
    text = path.read_text(encoding="utf-8")
    indent = old_line[: len(old_line) - len(old_line.lstrip())]
    path.write_text(text.replace(old_line, indent + fixed), encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("plan.yaml", "titre: Sensibiliser", "titre: Sensibiliser : le grand public"),
        (
            "activite/2022.yaml",
            "titre: Info-formation",
            "titre: Info-formation\u202f: santé mentale # 2 séances",
        ),
        ("plan.yaml", "titre: Plan 2022-2024", 'titre: Plan : "Ensemble" 2022-2024'),
    ],
)
def test_a_colon_in_an_unquoted_text_says_to_quote_it_and_shows_how(
    cli: Cli, territory: Callable[..., Path], name: str, old: str, new: str
) -> None:
    text = MINIMAL[name].replace(old, new)
    root = territory(**{name.replace("/", "__").replace(".yaml", "_yaml"): text})
    result = cli("validate", root)
    assert result.code == 1
    line = text[: text.index(new)].count("\n") + 1
    said = f"{name}:{line}:"
    assert said in result.out, result.out
    assert "« : » suivi d'une espace dans un texte sans guillemets" in result.out
    hint = hint_of(result, "yaml-syntaxe")
    assert "mettez le texte entre guillemets, comme ceci : titre: " in hint
    old_line = text.splitlines()[line - 1]
    _apply(root, name, hint, old_line)
    after = cli("validate", root)
    assert after.code == 0, after.out
    assert new.split("titre: ")[1].split(" #")[0] in (root / name).read_text(encoding="utf-8")


def test_a_colon_in_a_list_of_texts(cli: Cli, territory: Callable[..., Path]) -> None:
    text = MINIMAL["plan.yaml"].replace(
        "            pilote: ch",
        "            resultats_attendus:\n              - Taux de participation : 60 %\n"
        "            pilote: ch",
        1,
    )
    root = territory(plan_yaml=text)
    result = cli("validate", root)
    assert result.code == 1
    assert (
        "« resultats_attendus » attend un texte ; « : » suivi d'une espace en a fait une clé"
        in (result.out)
    )
    hint = hint_of(result, "type-invalide")
    assert hint.endswith('comme ceci : - "Taux de participation : 60 %"')
    _apply(root, "plan.yaml", hint, "              - Taux de participation : 60 %")
    assert cli("validate", root).code == 0
