"""The bilan of one year put together: every part, its sections and key figures."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..figures.cumul import Historique
from ..french.formatting import chiffre, periode_fr
from ..models.activite import Activite
from ..models.partenaires import Partenaire
from ..models.plan import Plan
from ..models.territoire import Territoire
from ..validation.dossier import Dossier
from .financements import Financements, financements_de
from .gouvernance import Cellule, InstanceBilan, cellule_de, coordination_de, gouvernance_de
from .graphiques import Graphique, graphiques_de
from .indicateurs import LigneIndicateur, indicateurs_de
from .partenariat import Partenariat, partenariat_de
from .perspectives import PerspectiveAxe, perspectives_de
from .preambule import territoire_de
from .publics import TableauPublics, tableaux_publics
from .travaux import AxeBilan, Effectifs, RealisationBilan, axes_de
from .wording import Textes


@dataclass(slots=True)
class Bilan(Effectifs):
    """Everything the bilan d'activité of one year shows."""

    territoire: Territoire
    annee: int
    slug: str
    partenaires: dict[str, Partenaire]
    structure_porteuse: Partenaire | None
    fondateurs: list[Partenaire]
    coordination: list[tuple[str, str]]
    faits_territoire: list[tuple[str, str]]
    """The territory's standing facts (communes, population, QPV…), labelled."""
    plan: Plan | None
    activite: Activite
    partenariat: Partenariat | None
    axes: list[AxeBilan]
    indicateurs: list[LigneIndicateur]
    financements: Financements | None
    cellule: Cellule | None
    gouvernance: list[InstanceBilan]
    perspectives: list[PerspectiveAxe]
    plan_suivant: Plan | None
    plan_actuel: Plan | None
    graphiques: list[Graphique] = field(default_factory=list)
    publics: list[TableauPublics] = field(default_factory=list)
    """The year's persons and attendances by public, sex and age, where the files say it."""

    @property
    def titre(self) -> str:
        """The report's title."""
        return f"Bilan d'activité {self.annee}"

    def _comptees(self) -> list[RealisationBilan]:
        return [r for a in self.axes for r in a.realisations]

    @property
    def chiffres_cles(self) -> list[tuple[str, str]]:
        """The key figures of the year's work, as (figure, label): persons, attendance."""
        if self.personnes.valeur is None and self.presences.valeur is None:
            return []
        un = (self.personnes.valeur or 0) <= 1
        personnes = "personne touchée" if un else "personnes touchées"
        presences = "présence" if (self.presences.valeur or 0) <= 1 else "présences"
        return [
            (chiffre(self.personnes), f"{personnes} par les réalisations de l'année"),
            (chiffre(self.presences), presences),
        ]

    @property
    def sections(self) -> list[tuple[str, str]]:
        """The sections that have something to say, as (anchor, title), in order."""
        t, act = self.territoire, self.activite
        present = [
            (
                "preambule",
                "Préambule",
                bool(t.historique or t.mission or self.fondateurs)
                or bool(self.coordination or self.faits_territoire),
            ),
            ("partenariat", f"Le partenariat en {self.annee}", self.partenariat is not None),
            ("travaux", f"Travaux réalisés en {self.annee}", bool(self.axes)),
            ("indicateurs", "Indicateurs de suivi", bool(self.indicateurs)),
            ("financements", f"Financements {self.annee}", self.financements is not None),
            ("cellule", "La cellule de concertation", self.cellule is not None),
            ("gouvernance", "Gouvernance", bool(self.gouvernance or act.gouvernance)),
            ("coordination", "Coordination et réseaux", bool(act.participations)),
            ("perspectives", f"Perspectives {self.annee + 1}", bool(self.perspectives)),
            (
                "plan",
                self._titre_plan(),
                self.plan_actuel is not None and bool(self.plan_actuel.axes),
            ),
            ("conclusion", "Conclusion", bool(act.conclusion)),
        ]
        return [(anchor, title) for anchor, title, shown in present if shown]

    @property
    def numeros(self) -> dict[str, int]:
        """Each present section's number (1-based), by anchor."""
        return {anchor: n for n, (anchor, _) in enumerate(self.sections, start=1)}

    def _titre_plan(self) -> str:
        plan = self.plan_actuel
        if plan is None:
            return "Le plan d'action"
        return f"Le plan d'action {periode_fr(plan.periode)}"


def annees_disponibles(dossier: Dossier) -> list[int]:
    """The years that have a sound activity file."""
    return sorted(act.annee for _, act in dossier.activites)


def build_bilan(dossier: Dossier, annee: int) -> Bilan:
    """The bilan of a year for a validated territory."""
    assert dossier.territoire is not None
    territoire = dossier.territoire[1]
    activite = dossier.activite(annee)
    assert activite is not None
    annuaire = dossier.annuaire[1].partenaires if dossier.annuaire else []
    partenaires = {p.id: p.en(annee) for p in annuaire}  # each under its name of that year
    covering = dossier.plan_pour(annee)
    plan = covering[1] if covering else None
    suivant = dossier.plan_pour(annee + 1)
    plan_suivant = suivant[1] if suivant else None
    porteuse = None
    if territoire.coordination is not None:
        porteuse = partenaires.get(territoire.coordination.structure_porteuse)
    partenariat = partenariat_de(partenaires, activite)
    historique = Historique(act for _, act in dossier.activites)  # a total's earlier years
    bilan = Bilan(
        territoire=territoire,
        annee=annee,
        slug=dossier.root.resolve().name,
        partenaires=partenaires,
        structure_porteuse=porteuse,
        fondateurs=[partenaires[i] for i in territoire.partenaires_fondateurs if i in partenaires],
        coordination=coordination_de(territoire, partenaires),
        faits_territoire=territoire_de(territoire),
        plan=plan,
        activite=activite,
        partenariat=partenariat if partenariat.actifs else None,
        axes=axes_de(plan, activite, partenaires) if plan else [],
        indicateurs=indicateurs_de(plan, activite, historique) if plan else [],
        financements=financements_de(plan, activite, partenaires) if plan else None,
        cellule=cellule_de(dossier, activite),
        gouvernance=gouvernance_de(territoire, activite, partenaires),
        perspectives=perspectives_de(
            plan_suivant, annee + 1, activite if plan_suivant is plan else None
        ),
        plan_suivant=plan_suivant,
        plan_actuel=plan_suivant or plan,
    )
    bilan.graphiques = graphiques_de(bilan)
    bilan.publics = tableaux_publics((r.realisation for r in bilan._comptees()), Textes.total)
    return bilan
