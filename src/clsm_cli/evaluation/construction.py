"""The evaluation of one plan put together: which plan, which years, every part."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..bilan.graphiques import Graphique
from ..bilan.preambule import territoire_de
from ..french.formatting import periode_fr
from ..models.activite import Activite
from ..models.evaluation import EvaluationObjectifs
from ..models.partenaires import Partenaire
from ..models.plan import Plan
from ..models.territoire import Territoire
from ..problems import ClsmError, UsageError
from ..validation.dossier import Dossier, display_name, territory_name
from .actions import ActionsPeriode, actions_de
from .gouvernance import Gouvernance, gouvernance_de
from .graphiques import graphiques_gouvernance, traces, trajectoires
from .objectifs import Objectifs, objectifs_de
from .qualite import Qualite, qualite_de
from .suivi import LigneSuivi, suivi_de

AIDE_ACTIVITE = "l'évaluation porte sur les années d'un plan qui ont un fichier activite/AAAA.yaml"
"""What to do when no plan has activity to evaluate."""
NOUVELLE_PAGE = frozenset({"indicateurs"})
"""The long parts of the evaluation, which start on a new page when printed (HTML, PDF, DOCX)."""


@dataclass(slots=True)
class Evaluation:
    """Everything the evaluation of a plan over its years shows."""

    territoire: Territoire
    slug: str
    plan: Plan
    fichier: str
    """The plan's file name (plan-2018-2022.yaml)."""
    annees: list[int]
    """The plan's years that have activity, in order: those evaluated."""
    partenaires: dict[str, Partenaire]
    faits_territoire: list[tuple[str, str]]
    indicateurs: list[LigneSuivi]
    actions: ActionsPeriode
    objectifs: Objectifs
    gouvernance: Gouvernance
    qualite: Qualite
    plan_suivant: Plan | None
    graphiques: list[Graphique] = field(default_factory=list)
    traces: int = 0
    """How many indicators have a trajectory to draw (`graphiques.traces`)."""
    a_mi_parcours: bool = False
    """Whether the evaluation is at mid-term (`mi_parcours`)."""

    @property
    def periode(self) -> str:
        """`2018–2022`."""
        return periode_fr(self.plan.periode)

    @property
    def titre(self) -> str:
        return f"Évaluation du plan d'action {self.periode}"

    @property
    def trajectoires(self) -> list[Graphique]:
        return [g for g in self.graphiques if g.id.startswith("trajectoires")]

    @property
    def trop_de_trajectoires(self) -> int:
        """How many indicators have a trajectory when too many to draw; 0 otherwise."""
        return self.traces if self.traces and not self.trajectoires else 0

    @property
    def sections(self) -> list[tuple[str, str]]:
        """The parts that have something to say, as (anchor, title), in order."""
        g = self.gouvernance
        present = [
            ("synthese", "Synthèse", True),
            ("indicateurs", "Le suivi des indicateurs", bool(self.indicateurs)),
            ("actions", "Les actions sur la période", bool(self.actions.lignes)),
            ("objectifs", "L'atteinte des objectifs", bool(self.objectifs.lignes)),
            (
                "gouvernance",
                "Partenariat et gouvernance",
                g.a_partenariat or bool(g.instances) or g.a_saisines,
            ),
            ("qualite", "La qualité du suivi", True),
        ]
        return [(anchor, title) for anchor, title, shown in present if shown]

    @property
    def numeros(self) -> dict[str, int]:
        return {anchor: n for n, (anchor, _) in enumerate(self.sections, start=1)}


def plans_evaluables(dossier: Dossier) -> list[tuple[Path, Plan]]:
    """The plans that have activity in their period, the most recent first."""
    years = {act.annee for _, act in dossier.activites}
    found = [
        (Path(doc.file), plan) for doc, plan in dossier.plans if any(plan.couvre(y) for y in years)
    ]
    return sorted(found, key=lambda item: -item[1].periode.debut)


def plan_choisi(dossier: Dossier, fichier: Path | None) -> tuple[Path, Plan]:
    """The plan named (`--plan`), or the most recent with activity."""
    if fichier is not None:
        for doc, plan in dossier.plans:
            if Path(doc.file).resolve() != fichier.resolve():
                continue
            if not any(plan.couvre(act.annee) for _, act in dossier.activites):
                raise ClsmError(
                    f"{display_name(fichier)} : aucune année de ce plan n'a d'activité à évaluer",
                    hint=AIDE_ACTIVITE,
                )
            return Path(doc.file), plan
        pourquoi = (
            f"n'est pas un plan du territoire {territory_name(dossier.root)}"
            if fichier.exists()
            else "n'existe pas"
        )
        raise UsageError(
            f"{display_name(fichier)} {pourquoi}",
            hint="indiquez un fichier plan-….yaml de ce territoire",
        )
    evaluables = plans_evaluables(dossier)
    if not evaluables:
        raise ClsmError(
            f"{territory_name(dossier.root)} : aucun plan n'a d'activité à évaluer",
            hint=AIDE_ACTIVITE,
        )
    return evaluables[0]


def _voisins(dossier: Dossier, plan: Plan) -> tuple[Plan | None, Plan | None]:
    """The plan before (the latest ending before it starts) and the plan after (the earliest
    starting after it ends) — the plans its actions continue, and that continue them."""
    others = [p for _, p in dossier.plans if p is not plan]
    avant = [p for p in others if p.periode.fin < plan.periode.debut]
    apres = [p for p in others if p.periode.debut > plan.periode.fin]
    return (
        max(avant, key=lambda p: p.periode.fin) if avant else None,
        min(apres, key=lambda p: p.periode.debut) if apres else None,
    )


def mi_parcours(plan: Plan, annees: list[int], recent: int) -> bool:
    """Whether an evaluation of these years is at mid-term: neither they nor the territory's
    most recent activity file (`recent`) reach the plan's last year, so its targets are not
    all due, and what is not yet reached is under way. A plan followed by a later year's
    file is over, its missing years said by the quality of the follow-up."""
    return bool(annees) and max(annees[-1], recent) < plan.periode.fin


def build_evaluation(dossier: Dossier, fichier: Path, plan: Plan) -> Evaluation:
    """The evaluation of a plan of a validated territory, over its years with activity."""
    assert dossier.territoire is not None
    territoire = dossier.territoire[1]
    activites: list[Activite] = sorted(
        (act for _, act in dossier.activites if plan.couvre(act.annee)), key=lambda a: a.annee
    )
    annees = [act.annee for act in activites]
    annuaire = dossier.annuaire[1].partenaires if dossier.annuaire else []
    derniere = annees[-1] if annees else plan.periode.fin
    partenaires = {p.id: p.en(derniere) for p in annuaire}
    voisins = _voisins(dossier, plan)
    suivi = suivi_de(plan, activites)
    actions = actions_de(plan, activites, partenaires, voisins)
    rounds: list[tuple[int, EvaluationObjectifs]] = [
        (act.annee, e) for act in activites for e in act.evaluations
    ]
    gouvernance = gouvernance_de(dossier, territoire, annuaire, activites)
    recent = max((act.annee for _, act in dossier.activites), default=derniere)
    horizon = min(plan.periode.fin, recent)
    sans_activite = [y for y in range(plan.periode.debut, horizon + 1) if y not in annees]
    a_mi_parcours = mi_parcours(plan, annees, recent)
    evaluation = Evaluation(
        territoire=territoire,
        slug=dossier.root.resolve().name,
        plan=plan,
        fichier=fichier.name,
        annees=annees,
        partenaires=partenaires,
        faits_territoire=territoire_de(territoire),
        indicateurs=suivi,
        actions=actions,
        objectifs=objectifs_de(plan, suivi, rounds, a_mi_parcours),
        gouvernance=gouvernance,
        qualite=qualite_de(annees, sans_activite, suivi, actions.lignes),
        plan_suivant=voisins[1],
        a_mi_parcours=a_mi_parcours,
    )
    tracees = traces(suivi)
    evaluation.graphiques = [*trajectoires(plan, tracees), *graphiques_gouvernance(gouvernance)]
    evaluation.traces = len(tracees)
    return evaluation
