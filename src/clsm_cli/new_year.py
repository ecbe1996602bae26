"""`clsm nouvelle-annee`: a year's activity file started from the plan and the instances.

The plan's actions are listed as comments, axis by axis (the coordinator copies the
identifiers of those they record); each instance of clsm.yaml gets a meeting to fill. The
file passes `clsm validate` and `clsm fmt --check` as written.
"""

from __future__ import annotations

from pathlib import Path

from .kinds import ACTIVITE_DIR, TERRITOIRE, schema_comment
from .models import Plan, Territoire
from .problems import ClsmError, UsageError
from .validation.dossier import display_name, load_dossier, territory_name
from .writing.atomic import write_text


def start_year(root: Path, annee: int) -> Path:
    """Write `activite/<annee>.yaml` in a territory; refuse an existing file, a year no plan
    covers, or a clsm.yaml that cannot be read."""
    target = root / ACTIVITE_DIR / f"{annee}.yaml"
    if target.exists():
        raise ClsmError(
            f"{display_name(target)} existe déjà : rien n'a été écrit",
            hint="complétez ce fichier, ou supprimez-le pour repartir du plan",
        )
    dossier = load_dossier(root)
    if dossier.territoire is None:
        raise ClsmError(
            f"{display_name(root / TERRITOIRE)} est invalide ou illisible : rien n'a été écrit",
            hint=f"lancez « clsm validate {display_name(root)} » et corrigez-le d'abord",
        )
    covering = dossier.plan_pour(annee)
    if covering is None:
        periods = ", ".join(f"{plan.periode.debut}-{plan.periode.fin}" for _, plan in dossier.plans)
        raise UsageError(
            f"aucun plan de {territory_name(root)} ne couvre {annee}"
            f" (périodes : {periods or 'aucun plan valide'})",
            hint="choisissez une année de la période d'un plan, ou écrivez d'abord le plan",
        )
    document, plan = covering
    schema = schema_comment(target.parent, "activite")
    target.parent.mkdir(parents=True, exist_ok=True)
    text = activity_text(annee, plan, Path(document.file).name, dossier.territoire[1], schema)
    write_text(target, text)
    return target


def activity_text(
    annee: int, plan: Plan, plan_name: str, territoire: Territoire, schema: str
) -> str:
    """The new file's text: its `schema` line (`kinds.schema_comment`) if any, the year, the
    plan's actions as comments, a meeting per instance."""
    lines = [schema.rstrip("\n"), "#"] if schema else []
    premiere = next((action for _, _, action in plan.actions()), None)
    exemple = premiere.id if premiere is not None else "1.1.1"
    # the example names the plan's own first action and its partners, that validate knows
    siens = [] if premiere is None else [premiere.pilote, *premiere.partenaires]
    partenaires = list(dict.fromkeys(p for p in siens if p))[:2]
    lines += [
        f"# L'activité de l'année {annee} : réalisations, réunions, saisines, mesures.",
        "# Les totaux (participants, partenaires actifs, taux) sont calculés par clsm : ne les",
        "# saisissez pas deux fois.",
        f"annee: {annee}",
        f"# Une réalisation par chose faite, pour une action du plan ({plan_name}) :",
        f"#   - action: {exemple}",
        "#     type: evenement",
        "#     titre: Semaines d'information sur la santé mentale",
        f"#     date: {annee}-10-10",
        *([f"#     partenaires: [{', '.join(partenaires)}]"] if partenaires else []),
        "#     participants: 120",
        "#     publics: {habitants: 80, professionnels: 30, elus: 10} # facultatif : qui",
        "#",
        "# Les actions du plan :",
    ]
    for axe in plan.axes:
        lines.append(f"# Axe {axe.id}" + (f" — {_one_line(axe.titre)}" if axe.titre else ""))
        lines += [f"#   {action.id}  {_one_line(action.titre)}" for _, action in axe.actions()]
    lines.append("realisations: []")
    if territoire.instances:
        lines += [
            "# Une réunion par séance de chaque instance de clsm.yaml : précisez la date",
            f"# ({annee}-04 ou {annee}-04-15), l'ordre du jour et les présents ; copiez l'entrée",
            "# pour une autre séance, supprimez-la si l'instance ne s'est pas réunie.",
            "reunions:",
        ]
        for instance in territoire.instances:
            lines += [
                f"  - instance: {instance.id} # {_one_line(instance.nom)}",
                f"    date: {annee}",
                "    ordre_du_jour: []",
                "    presents: []",
            ]
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    """A text on one comment line."""
    return " ".join(text.split())
