"""Judgments on the plan's objectives (`evaluations` in a year's activity file): who judged,
how, and what they said of each axis or objectif spécifique — Poitiers' partners' table
« Objectifs atteints / moins atteints / sans opinion ». `clsm evaluation` sets them beside
what the indicators compute."""

from typing import Self

from pydantic import Field, model_validator

from .common import (
    Choix,
    DatePartielle,
    Effectif,
    Identifiant,
    Modele,
    Texte,
    liste,
    liste_vide,
    pour_les_editeurs,
)


class Appreciation(Choix):
    """What a judgment says of an objective."""

    ATTEINT = "atteint"
    MOINS_ATTEINT = "moins-atteint"
    NON_ATTEINT = "non-atteint"
    SANS_OPINION = "sans-opinion"


LIBELLES_APPRECIATIONS = liste(
    Appreciation,
    "Appréciation",
    "Ce que le jugement dit de l'objectif.",
    {
        Appreciation.ATTEINT: "Atteint",
        Appreciation.MOINS_ATTEINT: "Moins atteint",
        Appreciation.NON_ATTEINT: "Non atteint",
        Appreciation.SANS_OPINION: "Sans opinion",
    },
)


class Jugement(Modele):
    """One objective, and what the judges said of it."""

    model_config = pour_les_editeurs(
        "Jugement d'un objectif",
        "Un objectif et ce qu'en disent ceux qui l'ont jugé : un axe ou un objectif spécifique"
        " du plan, ou un objectif nommé en toutes lettres.",
    )

    objectif: Identifiant | None = Field(
        default=None,
        description="L'axe ou l'objectif spécifique du plan jugé (1, 1.2).",
    )
    titre: Texte | None = Field(
        default=None,
        description="L'objectif tel que le jugement le nomme, nécessaire quand il n'est pas un"
        " axe ou un objectif du plan (Promotion de la santé mentale).",
    )
    appreciation: Appreciation = Field(
        description="atteint, moins-atteint, non-atteint ou sans-opinion."
    )
    commentaire: Texte | None = Field(default=None, description="Ce qui l'explique.")

    @model_validator(mode="after")
    def _quoi(self) -> Self:
        if self.objectif is None and self.titre is None:
            raise ValueError(
                "indiquez « objectif » (un axe ou un objectif du plan) ou « titre » (en toutes"
                " lettres)"
            )
        return self


class EvaluationObjectifs(Modele):
    """A round of judgments on the plan's objectives: a partners' questionnaire, a COPIL."""

    model_config = pour_les_editeurs(
        "Évaluation des objectifs",
        "Des jugements portés sur l'atteinte des objectifs du plan : par qui, comment, et ce"
        " qu'ils disent de chaque objectif.",
    )

    par: Texte = Field(
        description="Qui a jugé (les acteurs du CLSM, la coordination, le comité de pilotage)."
    )
    methode: Texte | None = Field(
        default=None, description="Comment (questionnaire en ligne, séance du comité de pilotage)."
    )
    repondants: Effectif | None = Field(
        default=None, description="Combien de personnes ou de structures ont répondu (15)."
    )
    date: DatePartielle | None = Field(default=None, description="Quand (2022-03).")
    texte: Texte | None = Field(
        default=None, description="Ce qu'en dit la coordination (Markdown)."
    )
    jugements: list[Jugement] = Field(
        default_factory=liste_vide, description="Chaque objectif jugé, et l'appréciation portée."
    )
