"""Coverage-guided fuzzing of the loader and the models with atheris (longer than the tests).

    python -m pip install atheris
    python benchmarks/fuzz_loader.py -max_total_time=600 -rss_limit_mb=500

Every input goes through decoding, YAML parsing and each file model. Anything but clsm's
own located problems (an exception of any kind) is a crash that atheris reports, with the
input that caused it saved as `crash-…` in the current folder.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from clsm_cli.loader import decode, parse
    from clsm_cli.models import Activite, Annuaire, Plan, Territoire
    from clsm_cli.validation.documents import validate

MODELS = (Plan, Activite, Annuaire, Territoire)


def test_one_input(data: bytes) -> None:
    """One fuzzed file: it must only ever yield problems, never raise."""
    text, _ = decode(data, "fuzz.yaml")
    if text is None:
        return
    doc = parse(text, "fuzz.yaml")
    for model in MODELS:
        validate(doc, model)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
