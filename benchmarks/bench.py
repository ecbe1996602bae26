"""clsm's speed, measured side by side with the tools a coordinator would otherwise run.

    python benchmarks/bench.py            # all measures, 5 runs each
    python benchmarks/bench.py --runs 3   # quicker
    python benchmarks/bench.py --seulement report   # one group of measures
    python benchmarks/bench.py --echelle  # how far one machine goes: 6,000 actions

Generates its corpora in benchmarks/corpus/ (a typical plan of 40 text-rich actions, a plan
of 2,000 actions, 260 territories of 40 actions), then times whole processes — several runs,
median and min–max — and prints each target's ratio. A ratio's two commands are run in
turn, round after round, and each round gives a ratio: a machine whose speed drifts from one
minute to the next slows both sides alike. Needs check-jsonschema, yamllint and xlsxwriter for the
comparisons (pip install check-jsonschema yamllint xlsxwriter).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
REPO = HERE.parent
PY = sys.executable
_PROSE = (
    "santé mentale partenaires sensibilisation formation acteurs territoire précarité jeunes"
    " parents professionnels élus ateliers coordination prévention parcours logement insertion"
    " stigmatisation accompagnement réseau cellule concertation situations complexes usagers"
)
WORDS = _PROSE.split()


def phrase(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def plan_data(actions: int, seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    per_objective = 5
    objectives = max(1, actions // per_objective)
    axes = []
    n = 0
    for a in range(1, max(2, objectives // 4) + 1):
        axe = {"id": str(a), "titre": phrase(rng, 6), "objectifs": []}
        axes.append(axe)
    for o in range(objectives):
        axe = axes[o % len(axes)]
        oid = f"{axe['id']}.{len(axe['objectifs']) + 1}"
        objectif = {"id": oid, "titre": phrase(rng, 12), "actions": []}
        axe["objectifs"].append(objectif)
        for k in range(per_objective):
            if n >= actions:
                break
            n += 1
            aid = f"{oid}.{k + 1}"
            objectif["actions"].append(
                {
                    "id": aid,
                    "titre": phrase(rng, 10),
                    "description": phrase(rng, 60),
                    "prerequis": [phrase(rng, 8) for _ in range(3)],
                    "public_cible": phrase(rng, 20),
                    "dispositifs_existants": phrase(rng, 30),
                    "resultats_attendus": [phrase(rng, 16) for _ in range(2)],
                    "indicateurs": [
                        {
                            "id": f"{aid}-a",
                            "libelle": phrase(rng, 10),
                            "unite": "pourcentage",
                            "numerateur": phrase(rng, 5),
                            "denominateur": phrase(rng, 5),
                            "cibles": [{"valeur": 60}],
                        },
                        {
                            "id": f"{aid}-b",
                            "libelle": phrase(rng, 8),
                            "unite": "nombre",
                            "calcul": "somme-participants",
                        },
                    ],
                    "sources_verification": [phrase(rng, 5) for _ in range(3)],
                    "moyens_mobilisables": [phrase(rng, 8) for _ in range(2)],
                    "moyens_a_mobiliser": [phrase(rng, 8) for _ in range(2)],
                    "pilote": "ville",
                    "partenaires": ["ch", "unafam"],
                    "statut": "en-cours",
                }
            )
    return {"titre": "Plan d'action de test", "periode": {"debut": 2023, "fin": 2027}, "axes": axes}


def write_territory(folder: Path, actions: int, seed: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)

    def dump(data: object) -> str:
        return yaml.dump(
            data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=100
        )

    (folder / "clsm.yaml").write_text(
        dump({"nom": f"CLSM {seed}", "territoire": f"Ville {seed}"}), encoding="utf-8"
    )
    (folder / "partenaires.yaml").write_text(
        dump(
            {
                "partenaires": [
                    {"id": "ville", "nom": "Ville", "secteur": "collectivite"},
                    {"id": "ch", "nom": "Centre hospitalier", "secteur": "sante"},
                    {"id": "unafam", "nom": "UNAFAM", "secteur": "habitants-usagers-citoyens"},
                ]
            }
        ),
        encoding="utf-8",
    )
    (folder / "plan.yaml").write_text(dump(plan_data(actions, seed)), encoding="utf-8")
    activity = {
        "annee": 2023,
        "realisations": [
            {
                "action": "1.1.1",
                "type": "formation",
                "titre": "Formation",
                "date": "2023-05-06",
                "partenaires": ["ch"],
                "participants": 12,
            },
        ],
    }
    (folder / "activite").mkdir(exist_ok=True)
    (folder / "activite" / "2023.yaml").write_text(dump(activity), encoding="utf-8")


def build_corpus() -> None:
    marker = CORPUS / ".ok-v1"
    if marker.exists():
        return
    shutil.rmtree(CORPUS, ignore_errors=True)
    write_territory(CORPUS / "typique", 40, 1)
    broken = CORPUS / "casse"
    shutil.copytree(CORPUS / "typique", broken)
    text = (broken / "plan.yaml").read_text(encoding="utf-8")
    text = text.replace("indicateurs:", "indicateur:", 3).replace(
        "unite: nombre", "unite: nombres", 5
    )
    (broken / "plan.yaml").write_text(text, encoding="utf-8")
    write_territory(CORPUS / "grand", 2000, 2)
    for i in range(260):
        write_territory(CORPUS / "region" / f"t{i:03d}", 40, 100 + i)
    (CORPUS / "bare_typer.py").write_text(
        "import typer\napp = typer.Typer()\n\n@app.command()\ndef hello(name: str) -> None:\n"
        "    print(name)\n\nif __name__ == '__main__':\n    app()\n",
        encoding="utf-8",
    )
    marker.write_text("ok")


def run_once(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Seconds of one whole process, and its peak memory (KB)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
        cwd=CORPUS,
    )
    _, _, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = 0  # reaped by wait4
    return seconds, usage.ru_maxrss


def measure(
    command: list[str], runs: int, env: dict[str, str] | None = None
) -> tuple[float, float, float, int]:
    """Median, min and max seconds of whole processes, and their peak memory (KB)."""
    times, peaks = zip(*(run_once(command, env) for _ in range(runs)), strict=True)
    return statistics.median(times), min(times), max(times), max(peaks)


def scale() -> None:
    """How far one machine goes: a plan of 6,000 actions, near the 20 MB file limit."""
    folder = CORPUS / "enorme"
    if not (folder / "plan.yaml").exists():
        write_territory(folder, 6000, 3)
    size = (folder / "plan.yaml").stat().st_size / 1024 / 1024
    print(f"Plan de 6 000 actions ({size:.1f} Mo) :")
    clsm = [PY, "-m", "clsm_cli"]
    for label, command in (
        ("validate", ["validate", "enorme"]),
        ("export", ["export", "enorme", "-o", "enorme.xlsx", "--force"]),
        ("report html", ["report", "2023", "enorme", "-o", "enorme.html", "--force"]),
        ("report docx", ["report", "2023", "enorme", "-f", "docx", "-o", "e.docx", "--force"]),
    ):
        median, low, high, peak = measure([*clsm, *command], 3)
        print(f"  {label:<12} {median:6.2f} s ({low:.2f}–{high:.2f})  {peak / 1024:5.0f} Mo")


CLSM = [PY, "-m", "clsm_cli"]


def ratio(reference: list[float], measured: list[float]) -> float:
    """The median, over rounds run in turn (`Measures.alternate`), of a command's time divided
    by its reference's in the same round: a machine whose speed drifts from one minute to the
    next (a shared virtual machine) slows both sides of each ratio alike."""
    return statistics.median(b / a for a, b in zip(reference, measured, strict=True))


class Measures:
    """Runs commands, keeps their timings and the table of targets."""

    def __init__(self, runs: int) -> None:
        self.runs = runs
        self.runs_big = max(3, runs // 2)
        self.results: dict[str, tuple[float, float, float, int]] = {}
        self.rows: list[tuple[str, str, str, float, str]] = []

    def run(
        self,
        name: str,
        command: list[str],
        runs: int | None = None,
        env: dict[str, str] | None = None,
    ) -> float:
        self.results[name] = measure(command, runs or self.runs, env)
        median, low, high, peak = self.results[name]
        print(
            f"  {name:<44} {median:7.3f} s  ({low:.3f}–{high:.3f})  {peak / 1024:5.0f} Mo",
            flush=True,
        )
        return median

    def alternate(
        self, commands: dict[str, list[str]], runs: int | None = None
    ) -> list[list[float]]:
        """Run the commands in turn, `runs` rounds, and keep each one's timings like `run`;
        return each command's times, round by round (see `ratio`)."""
        rounds = [
            [run_once(command) for command in commands.values()] for _ in range(runs or self.runs)
        ]
        timings = []
        for index, name in enumerate(commands):
            times = [r[index][0] for r in rounds]
            peak = max(r[index][1] for r in rounds)
            self.results[name] = (statistics.median(times), min(times), max(times), peak)
            print(
                f"  {name:<44} {statistics.median(times):7.3f} s"
                f"  ({min(times):.3f}–{max(times):.3f})  {peak / 1024:5.0f} Mo",
                flush=True,
            )
            timings.append(times)
        return timings

    def target(self, label: str, value: float, limit: float, sign: str = "≤") -> None:
        ok = value <= limit if sign == "≤" else value >= limit
        self.rows.append((label, f"{value:.2f}", sign, limit, "oui" if ok else "NON"))


def group_aide(m: Measures) -> None:
    """clsm --help against a bare typer app."""
    bare, mine = m.alternate(
        {
            "typer, une commande : --help": [PY, str(CORPUS / "bare_typer.py"), "--help"],
            "clsm --help": [*CLSM, "--help"],
        }
    )
    m.target("clsm --help / typer nu --help", ratio(bare, mine), 1.2)


def group_validate(m: Measures) -> None:
    """validate: a typical plan, a broken copy, 260 territories, 2,000 actions."""
    base, valid, broken = m.alternate(
        {
            "python -c 'pydantic BaseModel + ruamel.yaml'": [
                PY,
                "-c",
                "from pydantic import BaseModel; import ruamel.yaml",
            ],
            "clsm validate (plan de 40 actions)": [*CLSM, "validate", "typique"],
            "clsm validate (copie cassée)": [*CLSM, "validate", "casse"],
        },
        m.runs * 3,  # short commands: more rounds for the same time
    )
    m.target("validate 40 actions / import pydantic+ruamel", ratio(base, valid), 1.5)
    m.target("validate cassé / validate valide", ratio(valid, broken), 1.2)
    region = m.run("clsm validate (260 territoires)", [*CLSM, "validate", "region"], m.runs_big)
    if shutil.which("check-jsonschema"):
        plans = [str(p) for p in sorted((CORPUS / "region").glob("*/plan.yaml"))]
        schema = str(REPO / "schemas" / "plan.schema.json")
        cj = m.run(
            "check-jsonschema (260 plans)", ["check-jsonschema", "--schemafile", schema, *plans], 1
        )
        m.target("check-jsonschema / clsm validate (260)", cj / region, 5, "≥")
    if shutil.which("yamllint"):
        yl = m.run("yamllint (260 territoires)", ["yamllint", "-d", "relaxed", "region"], 1)
        m.target("yamllint / clsm validate (260)", yl / region, 3, "≥")
    libyaml, big = m.alternate(
        {
            "PyYAML CSafeLoader (plan de 2 000 actions)": [
                PY,
                "-c",
                "import yaml; yaml.load(open('grand/plan.yaml', encoding='utf-8'),"
                " Loader=yaml.CSafeLoader)",
            ],
            "clsm validate (plan de 2 000 actions)": [*CLSM, "validate", "grand"],
        },
        m.runs_big,
    )
    m.target("validate 2 000 actions / chargement libyaml", ratio(libyaml, big), 1.5)


def group_export(m: Measures) -> None:
    """The Excel grid of 2,000 actions against xlsxwriter writing the same cells."""
    xw, ex = m.alternate(
        {
            "xlsxwriter (mêmes cellules, 2 000 actions)": [
                PY,
                str(HERE / "xlsxwriter_grid.py"),
                "grand",
                "xw.xlsx",
            ],
            "clsm export (2 000 actions)": [
                *CLSM,
                "export",
                "grand",
                "-o",
                "grille.xlsx",
                "--force",
            ],
        },
        m.runs_big,
    )
    m.target("export 2 000 actions / xlsxwriter", ratio(xw, ex), 1.5)
    memory = m.results["clsm export (2 000 actions)"][3] / 1024
    m.target("export 2 000 actions : mémoire (Mo)", memory, 300)


def group_report(m: Measures) -> None:
    """The bilan of 2,000 actions in HTML and DOCX."""
    html = m.run(
        "clsm report html (2 000 actions)",
        [*CLSM, "report", "2023", "grand", "-o", "b.html", "--force"],
        m.runs_big,
    )
    m.target("report HTML 2 000 actions (s)", html, 2)
    docx = m.run(
        "clsm report docx (2 000 actions)",
        [*CLSM, "report", "2023", "grand", "-f", "docx", "-o", "b.docx", "--force"],
        m.runs_big,
    )
    m.target("report DOCX 2 000 actions (s)", docx, 5)


def _filled_form(runs: int) -> None:
    """A form of the typical territory for 2023, with 1,000 rows filled as a partner would
    (500 réalisations and a séance of each, dates typed as text, partners by name)."""
    from openpyxl import load_workbook

    target = CORPUS / "collecte-1000-v4.xlsx"
    if target.exists():
        return
    form = CORPUS / "collecte-typique.xlsx"
    command = [*CLSM, "collecte", "2023", "typique", "-o", str(form), "--force"]
    subprocess.run(command, cwd=CORPUS, check=True, capture_output=True)
    wb = load_workbook(form)
    actions = [c.value for c in wb["Listes"]["A"][1:] if c.value]

    def fill(ws: Any, row: int, values: dict[str, Any]) -> None:
        headers = {ws.cell(1, c).value: c for c in range(1, ws.max_column + 1)}
        for header, value in values.items():
            ws.cell(row, headers[header]).value = value

    for n in range(500):
        values = {"Action": actions[n % len(actions)], "Type": "Formation"}
        values |= {"Titre": f"Formation {n}", "Date": f"{n % 28 + 1}/05/2023", "Lieu": "Salle"}
        values |= {"Partenaires": "Centre hospitalier\nUNAFAM"}
        values |= {"Personnes touchées": f"{n % 9 + 1} participants"}
        fill(wb["Réalisations"], 3 + n, values)
        seance = {"Réalisation": f"Formation {n}", "Date": f"{n % 28 + 1}/06/2023"}
        seance |= {"Structure 1": "Ville", "Présents 1": n % 9 + 1}
        fill(wb["Séances"], 2 + n, seance)
    wb.save(target)


def group_collecte(m: Measures) -> None:
    """The collection form of a 2,000-action plan against xlsxwriter writing the same cells;
    a filled form of 1,000 rows imported into a year's file."""
    xw, form = m.alternate(
        {
            "xlsxwriter (mêmes cellules, fiche de 2 000 actions)": [
                PY,
                str(HERE / "xlsxwriter_collecte.py"),
                "grand",
                "2023",
                "xw-collecte.xlsx",
            ],
            "clsm collecte (2 000 actions)": [
                *CLSM,
                "collecte",
                "2023",
                "grand",
                "-o",
                "collecte.xlsx",
                "--force",
            ],
        },
        m.runs_big,
    )
    m.target("collecte 2 000 actions / xlsxwriter", ratio(xw, form), 1.5)
    _filled_form(m.runs)
    fresh = "rm -rf importe && cp -r typique importe && exec "
    command = f"{fresh}{PY} -m clsm_cli import collecte-1000-v4.xlsx importe"
    imported = m.run("clsm import (fiche de 1 000 lignes)", ["sh", "-c", command])
    m.target("import d'une fiche de 1 000 lignes (s)", imported, 1.5)


def evaluation_corpus() -> str:
    """The 2,000-action plan with five years of activity (2023–2027): each year a tenth of the
    actions has a realisation and a status, a tenth of the rates a measurement, a meeting and
    a referral. Built on first use, beside the other corpora."""
    folder = CORPUS / "grand-evaluation"
    if (folder / "activite" / "2027.yaml").exists():
        return folder.name
    shutil.rmtree(folder, ignore_errors=True)
    write_territory(folder, 2000, 2)
    ids = [
        a["id"]
        for axe in plan_data(2000, 2)["axes"]
        for o in axe["objectifs"]
        for a in o["actions"]
    ]  # type: ignore[index]
    statuts = ("prevue", "en-cours", "realisee", "reportee")
    for year in range(2023, 2028):
        rng = random.Random(year)
        chosen = rng.sample(ids, len(ids) // 10)
        activity = {
            "annee": year,
            "actions": [
                {"action": a, "statut": statuts[(i + year) % 4], "avancement": (i * 7) % 100}
                for i, a in enumerate(chosen)
            ],
            "realisations": [
                {
                    "action": a,
                    "type": "atelier",
                    "titre": phrase(rng, 6),
                    "date": f"{year}-0{1 + i % 9}-1{i % 9}",
                    "partenaires": ["ch", "unafam"],
                    "participants": rng.randint(5, 60),
                }
                for i, a in enumerate(chosen)
            ],
            "reunions": [{"instance": "copil", "date": f"{year}-04", "presents": ["ville"]}],
            "saisines": [
                {"mois": f"{year}-03", "saisissant": "Bailleur", "niveau": 1, "decision": "Lien"}
            ],
            "mesures": [
                {"indicateur": f"{a}-a", "numerateur": rng.randint(1, 40), "denominateur": 40}
                for a in rng.sample(ids, len(ids) // 10)
            ],
        }
        (folder / "activite" / f"{year}.yaml").write_text(
            yaml.dump(activity, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
    (folder / "clsm.yaml").write_text(
        "nom: CLSM grand\nterritoire: Ville grande\ninstances:\n"
        "  - {id: copil, nom: Comité de pilotage, type: copil, reunions_prevues: 2}\n",
        encoding="utf-8",
    )
    return folder.name


def group_evaluation(m: Measures) -> None:
    """The evaluation of a 2,000-action plan over five years of activity, in HTML and DOCX."""
    folder = evaluation_corpus()
    html = m.run(
        "clsm evaluation html (2 000 actions, 5 ans)",
        [*CLSM, "evaluation", folder, "-o", "e.html", "--force"],
        m.runs_big,
    )
    m.target("evaluation HTML 2 000 actions, 5 ans (s)", html, 2)
    docx = m.run(
        "clsm evaluation docx (2 000 actions, 5 ans)",
        [*CLSM, "evaluation", folder, "-o", "e.docx", "--force"],
        m.runs_big,
    )
    m.target("evaluation DOCX 2 000 actions, 5 ans (s)", docx, 4)


# Each group measures one command against what it is compared with; add a group for a new
# command (and its targets) here, so that `--seulement NOM` can run it alone.
GROUPS = {
    "aide": group_aide,
    "validate": group_validate,
    "export": group_export,
    "report": group_report,
    "collecte": group_collecte,
    "evaluation": group_evaluation,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--echelle",
        action="store_true",
        help="mesure seulement jusqu'où va la machine : un plan de 6 000 actions (18 Mo)",
    )
    parser.add_argument(
        "--seulement",
        action="append",
        choices=sorted(GROUPS),
        help="ne mesure que ce groupe (répétable)",
    )
    args = parser.parse_args()
    build_corpus()
    if args.echelle:
        scale()
        return
    # What pip does when it installs clsm: without it, a machine that sets
    # PYTHONDONTWRITEBYTECODE (as some containers do) would recompile clsm at every run.
    subprocess.run([PY, "-m", "compileall", "-q", str(REPO / "src" / "clsm_cli")], check=True)
    m = Measures(args.runs)
    print("Mesures (médiane, min–max) :")
    for name in args.seulement or GROUPS:
        GROUPS[name](m)
    print("\n| objectif | mesuré | cible | atteint |\n|---|---|---|---|")
    for label, value, sign, limit, ok in m.rows:
        print(f"| {label} | {value} | {sign} {limit:g} | {ok} |")


if __name__ == "__main__":
    main()
