"""The action plan: axes (objectifs stratégiques) → objectifs spécifiques → actions.

Every column of the CCTC grid is a field of `Action`; indicators belong to their action
(indicateurs.py, whose names this module also gives).
"""

import functools
from typing import Self

from pydantic import Field, model_validator

from .common import (
    Annee,
    Choix,
    DatePartielle,
    Identifiant,
    Modele,
    Periode,
    Positif,
    Texte,
    annee_de,
    liste,
    liste_vide,
    pour_les_editeurs,
)
from .indicateurs import (
    LIBELLES_CALCULS,
    LIBELLES_SENS,
    LIBELLES_UNITES,
    Calcul,
    Cible,
    Indicateur,
    Sens,
    Unite,
    ValeurDatee,
)
from .oscars import Oscars


class Statut(Choix):
    """Where an action stands."""

    PREVUE = "prevue"
    EN_COURS = "en-cours"
    REALISEE = "realisee"
    REPORTEE = "reportee"
    ABANDONNEE = "abandonnee"


LIBELLES_STATUTS = liste(
    Statut,
    "Statut",
    "Où en est l'action.",
    {
        Statut.PREVUE: "Prévue",
        Statut.EN_COURS: "En cours",
        Statut.REALISEE: "Réalisée",
        Statut.REPORTEE: "Reportée",
        Statut.ABANDONNEE: "Abandonnée",
    },
)


class Competence(Choix):
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


LIBELLES_COMPETENCES = liste(
    Competence,
    "Compétence psychosociale",
    "Une des neuf compétences psychosociales générales (Santé publique France, 2021).",
    {
        Competence.CONSCIENCE_DE_SOI: "Avoir conscience de soi",
        Competence.MAITRISE_DE_SOI: "Capacité de maîtrise de soi",
        Competence.DECISIONS_CONSTRUCTIVES: "Prendre des décisions constructives",
        Competence.CONSCIENCE_EMOTIONS_STRESS: "Avoir conscience de ses émotions et de son stress",
        Competence.REGULATION_EMOTIONS: "Réguler ses émotions",
        Competence.GESTION_STRESS: "Gérer son stress",
        Competence.COMMUNICATION_CONSTRUCTIVE: "Communiquer de façon constructive",
        Competence.RELATIONS_CONSTRUCTIVES: "Développer des relations constructives",
        Competence.RESOLUTION_DIFFICULTES: "Résoudre des difficultés",
    },
)


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


class MontantAnnuel(Modele):
    """An amount planned for one year."""

    model_config = pour_les_editeurs("Montant d'une année", "Un montant prévu pour une année.")

    annee: Annee = Field(description="L'année (2025).")
    montant: Positif = Field(description="Le montant prévu cette année-là, en euros.")


class Financement(Modele):
    """A source of funding for an action."""

    model_config = pour_les_editeurs("Financement", "Une source de financement de l'action.")

    financeur: Identifiant = Field(description="Le financeur, identifiant de l'annuaire (ars-na).")
    dispositif: Texte | None = Field(
        default=None, description="Dispositif ou ligne de crédit (FIR)."
    )
    montant: Positif | None = Field(
        default=None, description="Montant en euros, pour toute la période du financement."
    )
    periode: Periode | None = Field(default=None, description="Années de ce financement.")
    budget: list[MontantAnnuel] = Field(
        default_factory=liste_vide,
        description="Le budget prévu année par année : le bilan de chaque année le compare à"
        " la dépense que dit son fichier d'activité.",
    )


class Calendrier(Modele):
    """When an action runs; open ends run to the plan's bounds."""

    model_config = pour_les_editeurs(
        "Calendrier", "Quand l'action se déroule ; sans début ou sans fin, ce sont ceux du plan."
    )

    debut: DatePartielle | None = Field(default=None, description="Début de l'action.")
    fin: DatePartielle | None = Field(default=None, description="Fin de l'action.")
    precisions: Texte | None = Field(
        default=None, description="Précisions sur le calendrier (chaque trimestre)."
    )


class Action(Modele):
    """One row of the grid."""

    model_config = pour_les_editeurs(
        "Action", "Une action du plan : une ligne de la grille, avec ses indicateurs."
    )

    id: Identifiant = Field(
        description="Numéro de l'action, sous celui de son objectif (1.1.1) ; l'activité le nomme."
    )
    titre: Texte = Field(description="Intitulé de l'action.")
    description: Texte | None = Field(default=None, description="Description de l'action.")
    prerequis: list[Texte] = Field(default_factory=liste_vide, description="Les prérequis.")
    public_cible: Texte | None = Field(default=None, description="Le public visé.")
    dispositifs_existants: Texte | None = Field(
        default=None, description="Les dispositifs qui existent déjà sur le territoire."
    )
    resultats_attendus: list[Texte] = Field(
        default_factory=liste_vide,
        description="Les résultats attendus (60 % des acteurs ont été sensibilisés).",
    )
    indicateurs: list[Indicateur] = Field(
        default_factory=liste_vide, description="Les indicateurs de résultat de l'action."
    )
    sources_verification: list[Texte] = Field(
        default_factory=liste_vide, description="Les sources de vérification."
    )
    moyens_mobilisables: list[Texte] = Field(
        default_factory=liste_vide, description="Les moyens déjà disponibles."
    )
    moyens_a_mobiliser: list[Texte] = Field(
        default_factory=liste_vide, description="Les moyens à trouver."
    )
    pilote: Identifiant | None = Field(
        default=None, description="La structure qui pilote l'action (identifiant de l'annuaire)."
    )
    partenaires: list[Identifiant] = Field(
        default_factory=liste_vide, description="Les structures partenaires de l'action."
    )
    calendrier: Calendrier | None = Field(default=None, description="Quand l'action se déroule.")
    statut: Statut | None = Field(default=None, description="Où en est l'action.")
    financements: list[Financement] = Field(
        default_factory=liste_vide, description="Les financements de l'action."
    )
    competences_psychosociales: list[Competence] = Field(
        default_factory=liste_vide, description="Les compétences psychosociales visées."
    )
    oscars: Oscars | None = Field(
        default=None,
        description="L'action telle qu'une ARS l'enregistre dans OSCARS : thèmes, publics"
        " visés, types d'intervention, territoire touché (clsm export --grille oscars).",
    )
    notes: Texte | None = Field(default=None, description="Notes libres, pour la coordination.")
    suite_de: Identifiant | None = Field(
        default=None,
        description="L'action du plan précédent que celle-ci continue, sous son numéro dans ce"
        " plan-là (2.1.3) : le suivi la retrouve malgré une renumérotation.",
    )

    def annees_prevues(self, periode: Periode) -> tuple[int, int]:
        """The action's first and last years: its `calendrier`'s, an open end the plan's
        (`periode`). The one place that reads a calendar as years."""
        return self._bornes(periode.debut, periode.fin)

    def prevue_en(self, annee: int) -> bool:
        """Whether a year of the plan falls within the action's `calendrier`. A year outside
        it is not one the action owed anything to: its indicators' values are not missing
        then, nor its status."""
        debut, fin = self._bornes(annee, annee)
        return debut <= annee <= fin

    def _bornes(self, debut: int, fin: int) -> tuple[int, int]:
        """The calendar's first and last years, `debut` and `fin` for its open ends."""
        cal = self.calendrier
        if cal is None:
            return debut, fin
        return (
            annee_de(cal.debut) if cal.debut else debut,
            annee_de(cal.fin) if cal.fin else fin,
        )


class ObjectifSpecifique(Modele):
    """An objectif spécifique and its actions."""

    model_config = pour_les_editeurs(
        "Objectif spécifique", "Un objectif spécifique et ses actions."
    )

    id: Identifiant = Field(description="Numéro de l'objectif, sous celui de son axe (1.1).")
    titre: Texte | None = Field(default=None, description="Intitulé de l'objectif.")
    description: Texte | None = Field(default=None, description="Description de l'objectif.")
    actions: list[Action] = Field(default_factory=liste_vide, description="Ses actions.")


class Axe(Modele):
    """An objectif stratégique (axis) and its objectives."""

    model_config = pour_les_editeurs(
        "Axe", "Un axe (objectif stratégique) et ses objectifs spécifiques."
    )

    id: Identifiant = Field(description="Numéro de l'axe (1).")
    titre: Texte | None = Field(default=None, description="Intitulé de l'axe.")
    description: Texte | None = Field(default=None, description="Description de l'axe.")
    objectifs: list[ObjectifSpecifique] = Field(
        default_factory=liste_vide, description="Ses objectifs spécifiques."
    )

    def actions(self) -> list[tuple[ObjectifSpecifique, Action]]:
        """Every action of the axis with its objective, in plan order."""
        return self._actions

    @functools.cached_property
    def _actions(self) -> list[tuple[ObjectifSpecifique, Action]]:
        # Walked by every rule, bilan and evaluation year: once per model, which nothing
        # changes after it is read (pydantic leaves cached properties out of ==, dumps).
        return [(obj, act) for obj in self.objectifs for act in obj.actions]


class Plan(Modele):
    """A multi-year action plan."""

    model_config = pour_les_editeurs(
        "Plan d'action",
        "Le plan d'action pluriannuel : axes, objectifs spécifiques, actions et indicateurs.",
    )

    titre: Texte = Field(description="Titre du plan (Plan d'action du CLSM 2023-2027).")
    periode: Periode = Field(description="Les années que couvre le plan.")
    objectif_global: Texte | None = Field(default=None, description="L'objectif général du plan.")
    description: Texte | None = Field(default=None, description="Présentation du plan.")
    axes: list[Axe] = Field(
        default_factory=liste_vide, description="Les axes (objectifs stratégiques) du plan."
    )

    @model_validator(mode="after")
    def _periode_ordonnee(self) -> Self:
        if self.periode.fin < self.periode.debut:
            raise ValueError(
                f"la période se termine ({self.periode.fin}) avant de commencer"
                f" ({self.periode.debut})"
            )
        return self

    def actions(self) -> list[tuple[Axe, ObjectifSpecifique, Action]]:
        """Every action with its axis and objective, in plan order (the list is the plan's:
        read it, do not change it)."""
        return self._actions

    def indicateurs(self) -> list[tuple[Action, Indicateur]]:
        """Every indicator with its action, in plan order (the plan's list, read only)."""
        return self._indicateurs

    @functools.cached_property
    def _actions(self) -> list[tuple[Axe, ObjectifSpecifique, Action]]:
        # Asked by every rule, and by the bilan and the evaluation for each year: walked
        # once per model, which nothing changes after it is read.
        return [(axe, obj, act) for axe in self.axes for obj, act in axe.actions()]

    @functools.cached_property
    def _indicateurs(self) -> list[tuple[Action, Indicateur]]:
        return [(act, ind) for _, _, act in self.actions() for ind in act.indicateurs]

    def couvre(self, annee: int) -> bool:
        """Whether the plan's period includes the year."""
        return self.periode.debut <= annee <= self.periode.fin


__all__ = [
    "LIBELLES_CALCULS",
    "LIBELLES_SENS",
    "LIBELLES_UNITES",
    "Action",
    "Axe",
    "Calcul",
    "Cible",
    "DatePartielle",
    "Indicateur",
    "ObjectifSpecifique",
    "Plan",
    "Sens",
    "Unite",
    "ValeurDatee",
]
