"""The action plan: axes (objectifs stratégiques) → objectifs spécifiques → actions.

Every column of the CCTC grid is a field of `Action`; indicators belong to their action.
"""

from enum import StrEnum
from typing import Self

from pydantic import Field, model_validator

from .common import (
    Annee,
    DatePartielle,
    Identifiant,
    Modele,
    Nombre,
    Periode,
    Positif,
    Texte,
    liste_vide,
)


class Unite(StrEnum):
    """What an indicator counts in."""

    NOMBRE = "nombre"
    POURCENTAGE = "pourcentage"
    EUROS = "euros"
    HEURES = "heures"
    JOURS = "jours"
    OUI_NON = "oui-non"


class Sens(StrEnum):
    """Whether the indicator should rise or fall."""

    HAUSSE = "hausse"
    BAISSE = "baisse"


class Calcul(StrEnum):
    """How a value is derived from the year's activity instead of being recorded."""

    SOMME_PARTICIPANTS = "somme-participants"
    NOMBRE_REALISATIONS = "nombre-realisations"
    NOMBRE_SEANCES = "nombre-seances"
    NOMBRE_PARTENAIRES = "nombre-partenaires"
    NOMBRE_SAISINES = "nombre-saisines"


class Statut(StrEnum):
    """Where an action stands."""

    PREVUE = "prevue"
    EN_COURS = "en-cours"
    REALISEE = "realisee"
    REPORTEE = "reportee"
    ABANDONNEE = "abandonnee"


class Competence(StrEnum):
    """The nine general psychosocial competences (Santé publique France, 2021)."""

    CONSCIENCE_DE_SOI = "conscience-de-soi"
    MAITRISE_DE_SOI = "maitrise-de-soi"
    DECISIONS_CONSTRUCTIVES = "decisions-constructives"
    CONSCIENCE_EMOTIONS_STRESS = "conscience-emotions-stress"
    REGULATION_EMOTIONS = "regulation-emotions"
    GESTION_STRESS = "gestion-stress"
    COMMUNICATION_CONSTRUCTIVE = "communication-constructive"
    RELATIONS_CONSTRUCTIVES = "relations-constructives"
    RESOLUTION_DIFFICULTES = "resolution-difficultes"


CATEGORIES_COMPETENCES: dict[str, tuple[Competence, ...]] = {
    "cognitives": (
        Competence.CONSCIENCE_DE_SOI,
        Competence.MAITRISE_DE_SOI,
        Competence.DECISIONS_CONSTRUCTIVES,
    ),
    "émotionnelles": (
        Competence.CONSCIENCE_EMOTIONS_STRESS,
        Competence.REGULATION_EMOTIONS,
        Competence.GESTION_STRESS,
    ),
    "sociales": (
        Competence.COMMUNICATION_CONSTRUCTIVE,
        Competence.RELATIONS_CONSTRUCTIVES,
        Competence.RESOLUTION_DIFFICULTES,
    ),
}


class ValeurDatee(Modele):
    """A value at a given year (baseline)."""

    annee: Annee
    valeur: Nombre


class Cible(Modele):
    """A target; without a year it is the target for the end of the plan."""

    annee: Annee | None = None
    valeur: Nombre


class Indicateur(Modele):
    """What is counted, out of what, towards which target."""

    id: Identifiant
    libelle: Texte
    unite: Unite | None = None
    numerateur: Texte | None = Field(default=None, description="Ce qui est compté.")
    denominateur: Texte | None = Field(
        default=None, description="Sur quoi, pour un taux (unité pourcentage)."
    )
    reference: ValeurDatee | None = Field(default=None, description="Valeur de départ.")
    cibles: list[Cible] = Field(default_factory=liste_vide)
    sens: Sens = Sens.HAUSSE
    sources_verification: list[Texte] = Field(default_factory=liste_vide)
    calcul: Calcul | None = Field(
        default=None, description="Valeur dérivée des réalisations de l'action, chaque année."
    )
    types_realisation: list[Texte] = Field(
        default_factory=liste_vide,
        description="Pour un calcul : ne compter que ces types de réalisation.",
    )
    resultat_attendu: Texte | None = None


class Financement(Modele):
    """A source of funding for an action."""

    financeur: Identifiant
    dispositif: Texte | None = None
    montant: Positif | None = None
    periode: Periode | None = None


class Calendrier(Modele):
    """When an action runs; open ends run to the plan's bounds."""

    debut: DatePartielle | None = None
    fin: DatePartielle | None = None
    precisions: Texte | None = None


class Action(Modele):
    """One row of the grid."""

    id: Identifiant
    titre: Texte
    description: Texte | None = None
    prerequis: list[Texte] = Field(default_factory=liste_vide)
    public_cible: Texte | None = None
    dispositifs_existants: Texte | None = None
    resultats_attendus: list[Texte] = Field(default_factory=liste_vide)
    indicateurs: list[Indicateur] = Field(default_factory=liste_vide)
    sources_verification: list[Texte] = Field(default_factory=liste_vide)
    moyens_mobilisables: list[Texte] = Field(default_factory=liste_vide)
    moyens_a_mobiliser: list[Texte] = Field(default_factory=liste_vide)
    pilote: Identifiant | None = None
    partenaires: list[Identifiant] = Field(default_factory=liste_vide)
    calendrier: Calendrier | None = None
    statut: Statut | None = None
    financements: list[Financement] = Field(default_factory=liste_vide)
    competences_psychosociales: list[Competence] = Field(default_factory=liste_vide)
    notes: Texte | None = None


class ObjectifSpecifique(Modele):
    """An objectif spécifique and its actions."""

    id: Identifiant
    titre: Texte | None = None
    description: Texte | None = None
    actions: list[Action] = Field(default_factory=liste_vide)


class Axe(Modele):
    """An objectif stratégique (axis) and its objectives."""

    id: Identifiant
    titre: Texte | None = None
    description: Texte | None = None
    objectifs: list[ObjectifSpecifique] = Field(default_factory=liste_vide)

    def actions(self) -> list[tuple[ObjectifSpecifique, Action]]:
        """Every action of the axis with its objective, in plan order."""
        return [(obj, act) for obj in self.objectifs for act in obj.actions]


class Plan(Modele):
    """A multi-year action plan."""

    titre: Texte
    periode: Periode
    objectif_global: Texte | None = None
    description: Texte | None = None
    axes: list[Axe] = Field(default_factory=liste_vide)

    @model_validator(mode="after")
    def _periode_ordonnee(self) -> Self:
        if self.periode.fin < self.periode.debut:
            raise ValueError(
                f"la période se termine ({self.periode.fin}) avant de commencer"
                f" ({self.periode.debut})"
            )
        return self

    def actions(self) -> list[tuple[Axe, ObjectifSpecifique, Action]]:
        """Every action with its axis and objective, in plan order."""
        return [(axe, obj, act) for axe in self.axes for obj, act in axe.actions()]

    def indicateurs(self) -> list[tuple[Action, Indicateur]]:
        """Every indicator with its action, in plan order."""
        return [(act, ind) for _, _, act in self.actions() for ind in act.indicateurs]

    def couvre(self, annee: int) -> bool:
        """Whether the plan's period includes the year."""
        return self.periode.debut <= annee <= self.periode.fin


__all__ = ["Action", "Axe", "DatePartielle", "Indicateur", "ObjectifSpecifique", "Plan"]
