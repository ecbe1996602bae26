"""CONTRIBUTING.md stays the map of the code: every package and top-level module is on it."""

from __future__ import annotations

from conftest import REPO

SRC = REPO / "src" / "clsm_cli"


def test_every_package_and_module_is_on_the_map() -> None:
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    layout = guide.split("## L'organisation", 1)[1].split("\n## ", 1)[0]
    names = [p.name + "/" for p in SRC.iterdir() if (p / "__init__.py").is_file()]
    names += [p.name for p in SRC.glob("*.py") if not p.name.startswith("__")]
    names += [
        p.stem
        for package in SRC.iterdir()
        if (package / "__init__.py").is_file()
        for p in package.rglob("*.py")
        if not p.name.startswith("__")
    ]
    missing = sorted(name for name in names if name not in layout)
    assert missing == [], f"CONTRIBUTING.md ne situe pas : {', '.join(missing)}"
