"""An action's indicators: what is counted, in which unit, how it is derived, towards which
targets."""

import functools

from pydantic import Field

from .common import (
    Annee,
    Booleen,
    Choix,
    Identifiant,
    Modele,
    Nombre,
    Texte,
    liste,
    liste_vide,
    pour_les_editeurs,
)
from .publics import Public, Sexe, TrancheAge


class Unite(Choix):
    """What an indicator counts in."""

    NOMBRE = "nombre"
    POURCENTAGE = "pourcentage"
    EUROS = "euros"
    HEURES = "heures"
    JOURS = "jours"
    OUI_NON = "oui-non"


LIBELLES_UNITES = liste(
    Unite,
    "Unité",
    "Ce que compte l'indicateur, et comment sa valeur s'écrit dans le bilan.",
    {
        Unite.NOMBRE: "Nombre (1 234)",
        Unite.POURCENTAGE: "Pourcentage (83 %)",
        Unite.EUROS: "Euros (14 500 €)",
        Unite.HEURES: "Heures (18 h)",
        Unite.JOURS: "Jours (3 jours)",
        Unite.OUI_NON: "Oui ou non (1 pour oui, 0 pour non)",
    },
)


SYMBOLES_UNITES = {
    "%": Unite.POURCENTAGE,
    "€": Unite.EUROS,
    "eur": Unite.EUROS,
    "h": Unite.HEURES,
    "j": Unite.JOURS,
    "oui/non": Unite.OUI_NON,
    "nb": Unite.NOMBRE,
}
"""What coordinators type for a unit (`unite: '%'`), for `clsm validate` to suggest the
value that means it."""


class Sens(Choix):
    """Whether the indicator should rise or fall."""

    HAUSSE = "hausse"
    BAISSE = "baisse"


LIBELLES_SENS = liste(
    Sens,
    "Sens",
    "Si l'indicateur doit monter ou baisser pour atteindre sa cible.",
    {Sens.HAUSSE: "À la hausse", Sens.BAISSE: "À la baisse"},
)


class Calcul(Choix):
    """How a value is derived from the year's activity instead of being recorded."""

    SOMME_PARTICIPANTS = "somme-participants"
    NOMBRE_REALISATIONS = "nombre-realisations"
    NOMBRE_SEANCES = "nombre-seances"
    NOMBRE_PARTENAIRES = "nombre-partenaires"
    NOMBRE_SAISINES = "nombre-saisines"


LIBELLES_CALCULS = liste(
    Calcul,
    "Calcul",
    "Comment la valeur de l'année est calculée à partir de l'activité, au lieu d'être mesurée.",
    {
        Calcul.SOMME_PARTICIPANTS: "Somme des personnes touchées par les réalisations de l'action",
        Calcul.NOMBRE_REALISATIONS: "Nombre de réalisations de l'action",
        Calcul.NOMBRE_SEANCES: "Nombre de séances (une réalisation sans séance compte pour une)",
        Calcul.NOMBRE_PARTENAIRES: "Nombre de partenaires nommés par les réalisations de l'action",
        Calcul.NOMBRE_SAISINES: "Nombre de saisines de la cellule dans l'année",
    },
)


class ValeurDatee(Modele):
    """A value at a given year (baseline)."""

    model_config = pour_les_editeurs("Valeur datée", "Une valeur et l'année où elle a été relevée.")

    annee: Annee = Field(description="L'année de la valeur.")
    valeur: Nombre = Field(description="La valeur, dans l'unité de l'indicateur.")


class Cible(Modele):
    """A target; without a year it is the target for the end of the plan."""

    model_config = pour_les_editeurs(
        "Cible", "Une valeur à atteindre ; sans année, c'est la cible de la fin du plan."
    )

    annee: Annee | None = Field(
        default=None, description="L'année de la cible ; sans elle, la fin du plan."
    )
    valeur: Nombre = Field(description="La valeur visée, dans l'unité de l'indicateur (60).")


class Indicateur(Modele):
    """What is counted, out of what, towards which target."""

    model_config = pour_les_editeurs(
        "Indicateur",
        "Ce qui est compté, sur quoi, vers quelle cible ; mesuré ou calculé chaque année.",
    )

    id: Identifiant = Field(
        description="Identifiant de l'indicateur, que nomment les mesures de l'activité (1.1.1-a)."
    )
    libelle: Texte = Field(description="Ce que dit l'indicateur (Part des acteurs sensibilisés).")
    unite: Unite | None = Field(default=None, description="Unité de ses valeurs et de ses cibles.")
    numerateur: Texte | None = Field(default=None, description="Ce qui est compté.")
    denominateur: Texte | None = Field(
        default=None, description="Sur quoi, pour un taux (unité pourcentage)."
    )
    reference: ValeurDatee | None = Field(default=None, description="Valeur de départ.")
    cibles: list[Cible] = Field(
        default_factory=liste_vide,
        description="Les valeurs visées, par année ou pour la fin du plan.",
    )
    sens: Sens = Field(default=Sens.HAUSSE, description="À la hausse (par défaut) ou à la baisse.")
    sources_verification: list[Texte] = Field(
        default_factory=liste_vide, description="Où la valeur se vérifie (feuille d'émargement)."
    )
    calcul: Calcul | None = Field(
        default=None, description="Valeur dérivée des réalisations de l'action, chaque année."
    )
    types_realisation: list[Texte] = Field(
        default_factory=liste_vide,
        description="Pour un calcul : ne compter que ces types de réalisation.",
    )
    public: Public | None = Field(
        default=None,
        description="Pour le calcul somme-participants : ne compter que ce public"
        " (professionnels), d'après la répartition par public des réalisations.",
    )
    sexe: Sexe | None = Field(
        default=None,
        description="Pour le calcul somme-participants : ne compter que ce sexe (femmes).",
    )
    tranche_age: TrancheAge | None = Field(
        default=None,
        description="Pour le calcul somme-participants : ne compter que cette tranche d'âge,"
        ' telle que les réalisations l\'écrivent ("18-25").',
    )
    cumul: Booleen | None = Field(
        default=None,
        description="Si ses valeurs s'additionnent d'une année à l'autre (des personnes"
        " touchées) : l'évaluation du plan en donne le cumul, et une cible qui vaut pour"
        " plusieurs années est comparée au cumul de ces années ; sinon (un taux, un oui-non),"
        " la dernière valeur. Par défaut : oui, sauf pour un pourcentage, un oui-non, un"
        " nombre de partenaires ou un indicateur à la baisse.",
    )
    resultat_attendu: Texte | None = Field(
        default=None, description="Le résultat attendu que l'indicateur suit, en toutes lettres."
    )

    @functools.cached_property
    def cibles_datees(self) -> list[Cible]:
        """The dated targets, by year: asked for each year of each indicator, sorted once."""
        return sorted((c for c in self.cibles if c.annee is not None), key=lambda c: c.annee or 0)
