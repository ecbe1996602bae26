"""The loader: YAML 1.2 values, positions, refusals, encodings and hostile input."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from clsm_cli import loader
from clsm_cli.loader import decode, load_file, parse, resolve_plain
from clsm_cli.loader import quick as quick_module
from clsm_cli.loader.guarded import Builder
from clsm_cli.loader.messages import syntax_french
from clsm_cli.loader.quick import read_quickly
from conftest import MINIMAL, REPO, Result, at


def codes(text: str) -> list[tuple[str, int | None, int | None]]:
    return [(p.code, p.line, p.column) for p in parse(text, "f.yaml").problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("12:30", "12:30"),
        ("2022-05-06", "2022-05-06"),
        ("1.1.1", "1.1.1"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("42", 42),
        ("-7", -7),
        ("0o17", 15),
        ("0x1F", 31),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        (".inf", math.inf),
        ("-.inf", -math.inf),
        ("0b101", "0b101"),
        ("1_000", "1_000"),
    ],
)
def test_plain_scalars_follow_yaml_1_2(text: str, expected: object) -> None:
    value = resolve_plain(text)
    assert value == expected
    assert type(value) is not bool or isinstance(expected, bool)


def test_nan_and_raw_text_are_kept() -> None:
    assert math.isnan(resolve_plain(".nan"))
    assert resolve_plain("1.10").raw == "1.10"
    assert resolve_plain("08").raw == "08"


def test_quoted_scalars_stay_strings() -> None:
    doc = parse("a: \"1.10\"\nb: 'true'\nc: !!str 08\n", "f")
    assert doc.data == {"a": "1.10", "b": "true", "c": "08"}
    assert doc.problems == []


@pytest.mark.parametrize("flow", [False, True], ids=["bloc", "flux"])
@pytest.mark.parametrize("quick", [True, False], ids=["lecture-rapide", "evenements-gardes"])
def test_every_value_and_key_has_its_position(
    flow: bool, quick: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Positions read later (quick reader) or at once (guarded builder) are the same."""
    if not quick:
        monkeypatch.setattr(quick_module, "read_quickly", lambda text: (False, None))
    y = "[1, 2]" if flow else "\n      - 1\n      - 2"
    doc = parse(f"a: 1\nliste:\n  - x: é\n    y: {y}\n", "f")
    assert (doc.source.pending is not None) is quick
    assert doc.source.locate(("a",)) == (1, 4)
    assert doc.source.locate(("liste", 0, "x")) == (3, 8)
    assert doc.source.locate(("liste", 0, "y", 1)) == ((4, 12) if flow else (6, 9))
    assert doc.source.locate(("liste", 0, "y"), key=True) == (4, 5)
    assert doc.source.locate(("liste", 0, "absent", 3)) == (3, 5)


def test_duplicate_keys_are_an_error_at_the_second_key() -> None:
    doc = parse("a: 1\nb: 2\na: 3\n", "f")
    assert [(p.code, p.line, p.column) for p in doc.problems] == [("cle-dupliquee", 3, 1)]
    assert "ligne 1" in doc.problems[0].message
    assert doc.data == {"a": 1, "b": 2}


@pytest.mark.parametrize(
    "text",
    [
        "titre: Prévention & santé mentale !\n",
        "titre: 60 % des jeunes [voir annexe] {à compléter}\n",
        "titre: Qui fait quoi ? Ateliers - questions\n",
        "titre: R&D, 3*4 et a&b\n",
    ],
)
def test_prose_punctuation_is_read_quickly(text: str) -> None:
    """Plan prose is full of & ! % [ ? : only real anchors, tags and nesting need the guard."""
    doc = parse(text, "f")
    assert doc.problems == []
    assert doc.source.pending is not None
    assert doc.data == {"titre": text.removeprefix("titre: ").rstrip("\n")}


def test_anchors_and_aliases_are_refused_without_expansion() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    found = codes(bomb)
    assert found[0] == ("alias-interdit", 1, 4)
    assert {c for c, _, _ in found} == {"alias-interdit"}


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        ("a: b: c\n", "yaml-syntaxe", 1, 5),
        ("a:\n\t- b\n", "yaml-syntaxe", 2, 1),
        ("a: [1, 2\n", "yaml-syntaxe", 2, 1),
        ('a: "ouvert\n', "yaml-syntaxe", 2, 1),
        ("a: !!python/object:os.system x\n", "tag-interdit", 1, 4),
        ("a: !inconnu x\n", "tag-interdit", 1, 4),
        ('a: !!int "3"\n', "tag-interdit", 1, 4),
        ("a: !!set\n  x: 1\n", "tag-interdit", 1, 4),
        ("!inconnu a: 1\n", "tag-interdit", 1, 1),
        ("%YAML 1.1\n---\na: yes\n", "directive-interdite", 1, 1),
        ("a: 1\n---\nb: 2\n", "plusieurs-documents", 2, 1),
        ("- a\n- b\n", "racine-invalide", 1, 1),
        ("juste un texte\n", "racine-invalide", 1, 1),
        ("", "fichier-vide", 1, 1),
        ("# rien que des commentaires\n\n", "fichier-vide", 1, 1),
        ("   \n\n  \n", "fichier-vide", 1, 1),
        ("? [a, b]\n: 1\n", "cle-complexe", 1, 3),
        ('a: 1\n"\\0": 2\n', "caractere-interdit", 2, 1),
        ('a:\n  "b\\x07": 2\n', "caractere-interdit", 2, 3),
    ],
)
def test_syntax_and_structure_problems_are_located(
    text: str, code: str, line: int, column: int
) -> None:
    assert codes(text)[0] == (code, line, column)


def test_syntax_messages_are_french_with_hints() -> None:
    (problem,) = parse("a:\n\t- b\n", "f").problems
    assert problem.message == "tabulation interdite"
    assert problem.hint is not None
    assert "espaces" in problem.hint


@pytest.fixture(params=[True, False], ids=["libyaml", "pyyaml-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Run a test with libyaml's C parser, then with PyYAML's own Python parser."""
    if request.param and not yaml.__with_libyaml__:
        pytest.skip("libyaml absent")
    monkeypatch.setattr(yaml, "__with_libyaml__", request.param)
    return bool(request.param)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: " + "[" * 10_000, (1, 67)),
        ("a: " + "{a: " * 10_000, (1, 256)),
        ("partenaires: " + "[" * 10_000 + "\n", (1, 77)),
        ("a: [[[[\n" + "[" * 10_000, (2, 60)),
        ("a:\n" + "- " * 10_000 + "x\n", (2, 127)),
    ],
    ids=["crochets", "accolades", "catalogue", "deux-lignes", "tirets"],
)
def test_ten_thousand_levels_of_nesting_are_refused_at_the_limit(
    text: str, where: tuple[int, int], parser: bool
) -> None:
    """Recent libyaml refuses deep nesting itself; clsm's French problem stays, same place."""
    doc = parse(text, "f.yaml")
    assert [(p.code, p.line, p.column) for p in doc.problems] == [
        ("imbrication-trop-profonde", *where)
    ]
    assert doc.problems[0].message.startswith(f"plus de {loader.MAX_DEPTH} niveaux")
    assert doc.data is None


def test_deep_nesting_keeps_the_problems_met_before_it() -> None:
    found = codes("a: &x 1\nb: " + "[" * 3_000)
    assert found == [("alias-interdit", 1, 4), ("imbrication-trop-profonde", 2, 67)]


def test_block_nesting_is_refused_past_the_limit() -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(loader.MAX_DEPTH + 5))
    assert codes(text)[0][0] == "imbrication-trop-profonde"


# Every error message of libyaml (scanner.c, parser.c) and of PyYAML's Python parser
# (scanner.py, parser.py), as (context, problem); PyYAML's %r parts filled in.
LIBRARY_MESSAGES = [
    ("while scanning for the next token", "found character that cannot start any token"),
    ("while scanning a simple key", "could not find expected ':'"),
    (None, "block sequence entries are not allowed in this context"),
    (None, "mapping keys are not allowed in this context"),
    (None, "mapping values are not allowed in this context"),
    ("while scanning a directive", "found unknown directive name"),
    ("while scanning a directive", "did not find expected comment or line break"),
    ("while scanning a directive", "could not find expected directive name"),
    ("while scanning a directive", "found unexpected non-alphabetical character"),
    ("while scanning a %YAML directive", "did not find expected digit or '.' character"),
    ("while scanning a %YAML directive", "found extremely long version number"),
    ("while scanning a %YAML directive", "did not find expected version number"),
    ("while scanning a %TAG directive", "did not find expected whitespace"),
    ("while scanning a %TAG directive", "did not find expected whitespace or line break"),
    ("while scanning an anchor", "did not find expected alphabetic or numeric character"),
    ("while scanning an alias", "did not find expected alphabetic or numeric character"),
    ("while scanning a tag", "did not find the expected '>'"),
    ("while scanning a tag", "did not find expected whitespace or line break"),
    ("while scanning a tag directive", "did not find expected '!'"),
    ("while scanning a tag", "did not find expected '!'"),
    ("while parsing a tag directive", "did not find expected '!'"),
    ("while parsing a %TAG directive", "did not find expected tag URI"),
    ("while parsing a tag", "did not find expected tag URI"),
    ("while parsing a tag", "did not find URI escaped octet"),
    ("while parsing a tag", "found an incorrect leading UTF-8 octet"),
    ("while parsing a tag", "found an incorrect trailing UTF-8 octet"),
    ("while scanning a block scalar", "found an indentation indicator equal to 0"),
    ("while scanning a block scalar", "did not find expected comment or line break"),
    ("while scanning a block scalar", "found a tab character where an indentation space is"),
    ("while scanning a quoted scalar", "found unexpected document indicator"),
    ("while scanning a quoted scalar", "found unexpected end of stream"),
    ("while parsing a quoted scalar", "found unknown escape character"),
    ("while parsing a quoted scalar", "did not find expected hexdecimal number"),
    ("while parsing a quoted scalar", "found invalid Unicode character escape code"),
    ("while scanning a plain scalar", "found unexpected ':'"),
    ("while scanning a plain scalar", "found a tab character that violates indentation"),
    (None, "did not find expected <document start>"),
    ("while parsing a node", "found undefined tag handle"),
    ("while parsing a block node", "did not find expected node content"),
    ("while parsing a flow node", "did not find expected node content"),
    ("while parsing a block collection", "did not find expected '-' indicator"),
    ("while parsing a block mapping", "did not find expected key"),
    ("while parsing a flow sequence", "did not find expected ',' or ']'"),
    ("while parsing a flow mapping", "did not find expected ',' or '}'"),
    (None, "found duplicate %YAML directive"),
    (None, "found incompatible YAML document"),
    (None, "found duplicate %TAG directive"),
    # PyYAML's Python parser
    ("while scanning a tag", "expected ' ', but found 'x'"),
    ("while scanning a tag", "expected '!', but found 'x'"),
    ("while scanning a tag", "expected '>', but found 'x'"),
    ("while parsing a tag", "expected URI escape sequence of 2 hexadecimal numbers, but found"),
    ("while parsing a tag", "expected URI, but found 'x'"),
    ("while scanning a directive", "expected a comment or a line break, but found 'x'"),
    ("while scanning a block scalar", "expected a comment or a line break, but found 'x'"),
    ("while scanning a directive", "expected a digit or ' ', but found 'x'"),
    ("while scanning a directive", "expected a digit or '.', but found 'x'"),
    ("while scanning a directive", "expected a digit, but found 'x'"),
    ("while scanning an anchor", "expected alphabetic or numeric character, but found ' '"),
    ("while scanning a directive", "expected alphabetic or numeric character, but found ' '"),
    ("while scanning a block scalar", "expected chomping or indentation indicators, but found"),
    ("while scanning a double-quoted scalar", "expected escape sequence of 2 hexadecimal"),
    ("while scanning a block scalar", "expected indentation indicator in the range 1-9, but"),
    ("while scanning for the next token", "found character '@' that cannot start any token"),
    ("while scanning for the next token", "found character '\\t' that cannot start any token"),
    ("while scanning a quoted scalar", "found unexpected document separator"),
    ("while scanning a double-quoted scalar", "found unknown escape character 'q'"),
    (None, "mapping keys are not allowed here"),
    (None, "mapping values are not allowed here"),
    (None, "sequence entries are not allowed here"),
    (None, "duplicate tag handle '!'"),
    ("while parsing a flow sequence", "expected ',' or ']', but got '<scalar>'"),
    ("while parsing a flow mapping", "expected ',' or '}', but got '<scalar>'"),
    (None, "expected '<document start>', but found '<scalar>'"),
    ("while parsing a block mapping", "expected <block end>, but found '<document start>'"),
    ("while parsing a block collection", "expected <block end>, but found '<scalar>'"),
    ("while parsing a flow node", "expected the node content, but found '<block end>'"),
    (None, "found duplicate YAML directive"),
    (None, "found incompatible YAML document (version 1.* is required)"),
    ("while parsing a node", "found undefined tag handle '!x!'"),
]


@pytest.mark.parametrize(("context", "problem"), LIBRARY_MESSAGES)
def test_every_message_of_the_yaml_libraries_has_its_french_wording(
    context: str | None, problem: str
) -> None:
    code, message, _ = syntax_french(context, problem)
    assert message != "erreur de syntaxe YAML"
    assert code in {"yaml-syntaxe", "directive-interdite"}


def test_an_unknown_library_message_gives_french_not_english() -> None:
    code, message, hint = syntax_french("while doing something", "a new failure")
    assert (code, message) == ("yaml-syntaxe", "erreur de syntaxe YAML")
    assert hint is not None
    assert "failure" not in message + hint


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("titre: * important\n", 1, 9, "« * » en début de valeur"),
        ("titre: & co\n", 1, 9, "« & » en début de valeur"),
        ("titre: !<x\n", 1, 11, "« ! » en début de valeur"),
        ("titre: @ville\n", 1, 8, "caractère qui ne peut pas commencer une valeur"),
        ("titre: | suite\n  x\n", 1, 10, "le texte commence à la ligne suivante"),
        ('titre: "C:\\qui"\n', 1, 11, "séquence d'échappement inconnue"),
        ("titre: 'x\n---\ny'\n", 2, 1, "« --- » ou « ... » en début de ligne"),
        ("a:\n  - 1\n  b: 2\n", 3, 3, "élément de liste « - » attendu"),
        ("a: x\n- b\n", 2, 1, "clé attendue"),
        ("a: 1\n...\nb: 2\n", 3, 1, "contenu inattendu après la fin du document"),
        ("a: ]\n", 1, 4, "valeur attendue"),
        ("a:\n  b: 1\n - c\n", 3, 2, "clé attendue"),
    ],
)
def test_syntax_errors_are_french_with_either_parser(
    text: str, line: int, column: int, message: str, parser: bool
) -> None:
    (problem,) = parse(text, "f.yaml").problems
    assert (problem.code, problem.line) == ("yaml-syntaxe", line)
    assert problem.column == column or not parser  # PyYAML's columns differ a little
    assert message in problem.message
    assert not ENGLISH.search(problem.message + (problem.hint or ""))


ENGLISH = re.compile(r"\b(?:found|expected|while|allowed|character|scanning|parsing|token)\b")


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        (
            "axes:\n  - id: '1'\n   titre: x\n",
            "la ligne 3 commence en colonne 4 (3 espaces) ; les clés de l'élément commencé"
            " ligne 2, en colonne 5",
        ),
        (
            "a:\n  b: 1\n  c: 2\n d: 3\n",
            "la ligne 4 commence en colonne 2 (1 espace) ; les clés du bloc commencé ligne 1, en"
            " colonne 1",
        ),
    ],
)
def test_a_line_out_of_its_block_says_its_indentation(text: str, hint: str) -> None:
    """A key indented by 3 spaces instead of 4 read « élément de liste attendu », with « ce qui
    a commencé à la ligne 2 n'est pas fermé »: nothing said indentation."""
    (problem,) = parse(text, "f.yaml").problems
    assert "l'indentation est-elle juste ?" in problem.message
    assert problem.hint == hint


def test_a_key_indented_too_deep_says_its_indentation(
    cli: Callable[..., Result], territory: Callable[..., Path]
) -> None:
    """`     date:` under `    titre:` read « « : » inattendu à cet endroit » with a hint
    about quotes, at the colon; the other way round said the indentation."""
    text = (
        "annee: 2022\nrealisations:\n  - action: 1.1.1\n    titre: Formation\n     date: 2022-05\n"
    )
    result = cli("validate", territory(activite__2022_yaml=text))
    assert result.code == 1
    expected = (
        "2022.yaml:5:6: erreur [yaml-syntaxe] « : » inattendu : l'indentation est-elle juste ?"
    )
    assert expected in result.out
    hint = "la ligne 5 commence en colonne 6 (5 espaces) ; la clé de la ligne 4, en colonne 5"
    assert hint in result.out
    # words before the « : » are more of a text, not a key: the hint is the quotes'
    (problem,) = parse("titre: Plan\ndescription: Un texte\n  qui continue: ici\n", "f").problems
    assert problem.message == "« : » inattendu à cet endroit"
    assert "guillemets" in (problem.hint or "")


def test_utf8_with_bom_is_read() -> None:
    text, problems = decode("\ufeffnom: é".encode(), "f")
    assert text == "nom: é"
    assert problems == []


def test_windows_1252_is_read_with_a_located_warning() -> None:
    text, problems = decode("a: 1\nnom: Société\n".encode("cp1252"), "f")
    assert text == "a: 1\nnom: Société\n"
    assert [(p.code, p.line, p.column, str(p.severity)) for p in problems] == [
        ("encodage-windows-1252", 2, 10, "avertissement")
    ]


def test_utf16_with_bom_is_read_with_a_warning() -> None:
    text, problems = decode("nom: é".encode("utf-16"), "f")
    assert text == "nom: é"
    assert [p.code for p in problems] == ["encodage-utf16"]


def test_utf16_without_bom_is_refused() -> None:
    text, problems = decode("nom: Poitiers\n".encode("utf-16-le"), "f")
    assert text is None
    assert problems[0].code == "encodage-inconnu"
    assert "UTF-16" in problems[0].message


def test_undecodable_bytes_are_a_located_error() -> None:
    text, problems = decode(b"a: 1\nb: \x81\x8d\x8f\n", "f")
    assert text is None
    assert [(p.code, p.line, p.column) for p in problems] == [("encodage-inconnu", 2, 4)]


def test_binary_garbage_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 50)
    doc = load_file(path)
    assert doc.data is None
    assert doc.problems[0].code == "fichier-binaire"


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    doc = load_file(path)
    assert [p.code for p in doc.problems] == ["fichier-trop-gros"]
    assert "50 Mo" in doc.problems[0].message


def test_a_multi_megabyte_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    items = "".join(
        f"  - id: a{i}\n    titre: Action numéro {i} « texte »\n" for i in range(60_000)
    )
    path.write_text("actions:\n" + items, encoding="utf-8")
    assert path.stat().st_size > 2_000_000
    doc = load_file(path)
    assert doc.problems == []
    assert len(doc.data["actions"]) == 60_000
    assert doc.source.locate(("actions", 59_999, "titre")) == (120_001, 12)
    assert doc.source.locate(("actions", 59_999, "titre"), key=True) == (120_001, 5)


def test_a_directory_or_missing_file_is_a_problem(tmp_path: Path) -> None:
    assert load_file(tmp_path).problems[0].code == "fichier-illisible"
    (missing,) = load_file(tmp_path / "absent.yaml").problems
    assert missing.code == "fichier-illisible"
    assert missing.message == "lecture impossible : fichier introuvable (lien cassé ?)"
    (tmp_path / "boucle.yaml").symlink_to(tmp_path / "boucle.yaml")
    (looping,) = load_file(tmp_path / "boucle.yaml").problems
    assert looping.message == "lecture impossible : lien symbolique qui boucle sur lui-même"


def test_system_errors_are_told_in_french() -> None:
    import errno

    assert loader.reading_reason(PermissionError(errno.EACCES, "Permission denied")) == (
        "permission refusée"
    )
    assert loader.reading_reason(OSError(errno.ESTALE, "Stale file handle")) == (
        "erreur du système (ESTALE)"
    )


def test_crlf_files_have_the_same_positions() -> None:
    doc = parse("a: 1\r\nb:\r\n  c: 2\r\n", "f")
    assert doc.data == {"a": 1, "b": {"c": 2}}
    assert doc.source.locate(("b", "c")) == (3, 6)


@pytest.mark.parametrize(
    ("text", "column", "named"),
    [
        ("a: x\nb: \x00\n", 4, "U+0000"),
        ("a: x\nb: é\x1b[31m\n", 5, "U+001B"),
        ("a: x\nb: suite\x85\n", 9, "NEL"),
        ("a: x\nb: \u2028\n", 4, "U+2028"),
    ],
)
def test_control_characters_are_located(text: str, column: int, named: str) -> None:
    (problem,) = parse(text, "f").problems
    assert (problem.code, problem.line, problem.column) == ("yaml-syntaxe", 2, column)
    assert named in problem.message


def test_escaped_control_characters_are_plain_text() -> None:
    doc = parse('a: "bip\\x07 \\u0085"\n', "f")
    assert doc.problems == []
    assert doc.data == {"a": "bip\x07 \x85"}


@pytest.mark.parametrize(
    "path", sorted((REPO / "plans").rglob("*.yaml")), ids=lambda p: p.relative_to(REPO).as_posix()
)
def test_quick_reader_and_guarded_builder_agree_on_the_examples(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    quick, root = read_quickly(text)
    guarded = loader.Document(file="f")
    builder = Builder(guarded)
    builder.run(text)
    assert quick
    assert root == builder.root
    assert guarded.problems == []


# ---------------------------------------------------------------- a comment eating a value


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("titre: Formation PSSM #1\n", [(1, 23, "la valeur s'arrête à « Formation PSSM »")]),
        ("titre: l'atelier #SISM\n", [(1, 18, "la valeur s'arrête à « l'atelier »")]),
        ("titre: #1\n", [(1, 8, "la valeur est vide")]),
        ("l:\n  - a b  #z\n  - #y\n", [(2, 10, "« a b »"), (3, 5, "la valeur est vide")]),
        ("m: a\n  b #2\n", [(2, 5, "la valeur s'arrête à « a b »")]),
        ("r: [a #b\n  , c]\n", [(1, 7, "la valeur s'arrête à « a »")]),
        ("nature: clsm   # clsm, cls, ptsm\n", []),
        ("l:\n  - id: 1.1.1  # note\n", []),
        ("# voir #2\n  #---\na: 1\n", []),
        ("a: b # voir #2\n", []),
        ('lieu: "Salle #3"\n', []),
        ("lieu: 'Salle #3' #x\n", []),
        ('l:\n  - a\n  - "q #1" #k\n', []),
        ("d: |\n  Séance #1\n  x\n", []),
        ('d: "première ligne\n  Séance #1"\n', []),
        ("titre: C# et F#\n", []),
    ],
)
def test_a_comment_glued_to_its_words_after_a_plain_value_is_a_warning(
    text: str, found: list[tuple[int, int, str]], parser: bool
) -> None:
    doc = parse(text, "f.yaml")
    warnings = [p for p in doc.problems if p.code == "commentaire-dans-valeur"]
    assert [(p.line, p.column) for p in warnings] == [(line, column) for line, column, _ in found]
    for problem, (_, _, words) in zip(warnings, found, strict=True):
        assert words in problem.message
        assert not problem.is_error
    assert all(p.code == "commentaire-dans-valeur" for p in doc.problems)


def test_a_comment_in_a_value_is_reported_by_validate_with_its_place_and_a_hint(
    cli: Callable[..., Result], territory: Callable[..., Path]
) -> None:
    activity = (
        MINIMAL["activite/2022.yaml"]
        .replace("titre: Info-formation", "titre: Formation PSSM #1")
        .replace("annee: 2022", "annee: 2022  # l'année du fichier")
        .replace("participants: 11", "participants: 11 # première séance")
    )
    root = territory(activite__2022_yaml=activity)
    result = cli("validate", root, "--format", "json")
    assert result.code == 0
    (problem,) = result.json()["problems"]
    line, column = at(activity, "#1")
    assert (problem["code"], problem["severity"]) == ("commentaire-dans-valeur", "avertissement")
    assert (Path(problem["file"]).name, problem["line"], problem["column"]) == (
        "2022.yaml",
        line,
        column,
    )
    assert problem["message"] == (
        "« #1 » est lu comme un commentaire : la valeur s'arrête à « Formation PSSM »"
    )
    assert problem["hint"] == (
        'mettez la valeur entre guillemets ("Formation PSSM #1") ; si c\'est bien un'
        " commentaire, mettez une espace après « # »"
    )
    text = cli("validate", "--strict", root)
    assert text.code == 1
    assert f"2022.yaml:{line}:{column}: avertissement [commentaire-dans-valeur]" in text.out
    fixed = activity.replace("titre: Formation PSSM #1", 'titre: "Formation PSSM #1"')
    (root / "activite" / "2022.yaml").write_text(fixed, encoding="utf-8")
    assert cli("validate", "--strict", root).code == 0


# ---------------------------------------------------------------- a key glued to its value


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("a: 1\nb:2\nc: 3\n", 2, 2, "« b:2 » n'est pas lu comme une clé"),
        ("a: 1\nb:2\n", 2, 2, "« b:2 » n'est pas lu comme une clé"),
        ("a:\n  date:2025-10-06\n  titre: x\n", 2, 7, "« date:2025-10-06 »"),
        ("l:\n  - date:2025-10-06\n    titre: x\n", 2, 9, "« date:2025-10-06 »"),
        ("a: 1\nlien:https://x.fr # c\nc: 2\n", 2, 5, "« lien:https://x.fr »"),
        ("a: 1\r\nb:2\r\nc: 3\r\n", 2, 2, "« b:2 » n'est pas lu comme une clé"),
        ("a: 1\nb\nc: 2\n", 2, 1, "« : » attendu après la clé"),
    ],
)
def test_a_key_without_its_colon_or_space_is_reported_on_its_own_line(
    text: str, line: int, column: int, message: str, parser: bool
) -> None:
    (problem,) = parse(text, "f.yaml").problems
    assert (problem.code, problem.line, problem.column) == ("yaml-syntaxe", line, column)
    assert message in problem.message
    assert problem.hint is not None


def test_date_without_a_space_after_the_colon_is_reported_at_its_line(
    cli: Callable[..., Result], territory: Callable[..., Path]
) -> None:
    activity = MINIMAL["activite/2022.yaml"].replace(
        "    date: 2022-05\n    partenaires", "    date:2022-05\n    partenaires"
    )
    assert "date:2022-05" in activity
    result = cli("validate", territory(activite__2022_yaml=activity), "--format", "json")
    assert result.code == 1
    (problem,) = [p for p in result.json()["problems"] if p["severity"] != "info"]
    assert (problem["code"], problem["line"], problem["column"]) == (
        "yaml-syntaxe",
        *at(activity, ":2022-05"),
    )
    assert problem["message"] == (
        "il manque une espace après « : » : « date:2022-05 » n'est pas lu comme une clé"
    )
    assert problem["hint"] == (
        "écrivez « date: 2022-05 » : une espace est nécessaire après les deux-points"
    )


def test_every_character_yaml_forbids_is_found_whatever_the_texts_width() -> None:
    """Texts within Latin-1 are checked as bytes, others by the pattern: both find the same
    characters, at the same place (every code point of Latin-1, the line breaks, the
    non-characters, wider ones)."""
    from clsm_cli.loader import _FORBIDDEN_CHARACTER, _forbidden_character

    others = ["\u2028", "\u2029", "\ufffe", "\uffff", "\u2019", "\u0153", "\U0001f600"]
    for ch in [*map(chr, range(256)), *others]:
        for text in (f"titre: a{ch}b\n", f"titre: \u2019{ch}b\n"):  # Latin-1, then wider
            expected = _FORBIDDEN_CHARACTER.search(text)
            found = _forbidden_character(text)
            assert (found and found.start()) == (expected and expected.start()), hex(ord(ch))
    assert parse("titre: suite\x85\n", "f").problems  # and parse says it
