"""The fields an ARS records for an action in OSCARS, its database of funded public-health
actions: themes, target publics, types of intervention, territory reached.

OSCARS' own lists were not read from oscarsante.org (no network where this was written):
these lists follow the public descriptions of an OSCARS action page (FIELD-NOTES.md) and
the categories ARS forms commonly use. docs/fichiers/plan.md says so to the coordinators;
a value an ARS names differently is entered under its label in OSCARS itself.
"""

from pydantic import Field

from .common import Choix, Modele, Texte, liste, liste_vide, pour_les_editeurs

ORIGINE = (
    "Liste établie d'après les descriptions publiques de la base OSCARS des ARS, non relue"
    " sur oscarsante.org."
)
"""Where the lists come from, said in each list's description (editors, guide)."""


class ThemeOscars(Choix):
    """A public-health theme, as OSCARS classifies actions."""

    SANTE_MENTALE = "sante-mentale"
    SOUFFRANCE_PSYCHOSOCIALE = "souffrance-psychosociale"
    SUICIDE = "prevention-suicide"
    COMPETENCES_PSYCHOSOCIALES = "competences-psychosociales"
    ADDICTIONS = "addictions"
    ALIMENTATION_NUTRITION = "alimentation-nutrition"
    ACTIVITE_PHYSIQUE = "activite-physique"
    VIE_AFFECTIVE_SEXUELLE = "vie-affective-sexuelle"
    VIOLENCES = "violences"
    PRECARITE = "precarite-acces-aux-droits"
    ACCES_AUX_SOINS = "acces-aux-soins"
    PARENTALITE = "perinatalite-parentalite"
    VIEILLISSEMENT = "vieillissement"
    HANDICAP = "handicap"
    MALADIES_CHRONIQUES = "maladies-chroniques"
    MALADIES_INFECTIEUSES = "maladies-infectieuses"
    SANTE_ENVIRONNEMENT = "sante-environnement"
    SANTE_TRAVAIL = "sante-travail"
    AUTRE = "autre"


LIBELLES_THEMES_OSCARS = liste(
    ThemeOscars,
    "Thème (OSCARS)",
    "Un thème de santé publique de l'action, comme OSCARS classe les actions. " + ORIGINE,
    {
        ThemeOscars.SANTE_MENTALE: "Santé mentale",
        ThemeOscars.SOUFFRANCE_PSYCHOSOCIALE: "Souffrance psychosociale, mal-être",
        ThemeOscars.SUICIDE: "Prévention du suicide",
        ThemeOscars.COMPETENCES_PSYCHOSOCIALES: "Compétences psychosociales",
        ThemeOscars.ADDICTIONS: "Addictions",
        ThemeOscars.ALIMENTATION_NUTRITION: "Alimentation, nutrition",
        ThemeOscars.ACTIVITE_PHYSIQUE: "Activité physique",
        ThemeOscars.VIE_AFFECTIVE_SEXUELLE: "Vie affective et sexuelle",
        ThemeOscars.VIOLENCES: "Violences",
        ThemeOscars.PRECARITE: "Précarité, accès aux droits",
        ThemeOscars.ACCES_AUX_SOINS: "Accès aux soins",
        ThemeOscars.PARENTALITE: "Périnatalité, parentalité",
        ThemeOscars.VIEILLISSEMENT: "Vieillissement, perte d'autonomie",
        ThemeOscars.HANDICAP: "Handicap",
        ThemeOscars.MALADIES_CHRONIQUES: "Maladies chroniques",
        ThemeOscars.MALADIES_INFECTIEUSES: "Maladies infectieuses, vaccination",
        ThemeOscars.SANTE_ENVIRONNEMENT: "Santé environnementale",
        ThemeOscars.SANTE_TRAVAIL: "Santé au travail",
        ThemeOscars.AUTRE: "Autre thème",
    },
)


class PublicOscars(Choix):
    """A target public, by age group then by situation, as OSCARS lists them."""

    TOUT_PUBLIC = "tout-public"
    PETITE_ENFANCE = "petite-enfance"
    ENFANTS = "enfants"
    ADOLESCENTS = "adolescents"
    JEUNES = "jeunes"
    ADULTES = "adultes"
    PERSONNES_AGEES = "personnes-agees"
    PARENTS = "parents"
    PROCHES_AIDANTS = "proches-aidants"
    TROUBLES_PSYCHIQUES = "personnes-troubles-psychiques"
    HANDICAP = "personnes-handicap"
    PRECARITE = "personnes-precarite"
    INSERTION = "personnes-insertion"
    MIGRANTS = "personnes-migrantes"
    JUSTICE = "personnes-justice"
    PROFESSIONNELS = "professionnels"
    BENEVOLES = "benevoles"
    ELUS = "elus-decideurs"
    AUTRE = "autre"


LIBELLES_PUBLICS_OSCARS = liste(
    PublicOscars,
    "Public visé (OSCARS)",
    "Un public que vise l'action, par âge puis par situation, comme OSCARS les liste"
    " (différent des catégories de participants de l'activité). " + ORIGINE,
    {
        PublicOscars.TOUT_PUBLIC: "Tout public",
        PublicOscars.PETITE_ENFANCE: "Petite enfance (0-5 ans)",
        PublicOscars.ENFANTS: "Enfants (6-11 ans)",
        PublicOscars.ADOLESCENTS: "Adolescents (12-15 ans)",
        PublicOscars.JEUNES: "Jeunes (16-25 ans)",
        PublicOscars.ADULTES: "Adultes",
        PublicOscars.PERSONNES_AGEES: "Personnes âgées",
        PublicOscars.PARENTS: "Parents, futurs parents",
        PublicOscars.PROCHES_AIDANTS: "Proches, aidants",
        PublicOscars.TROUBLES_PSYCHIQUES: "Personnes vivant avec un trouble psychique",
        PublicOscars.HANDICAP: "Personnes en situation de handicap",
        PublicOscars.PRECARITE: "Personnes en situation de précarité",
        PublicOscars.INSERTION: "Personnes en insertion professionnelle",
        PublicOscars.MIGRANTS: "Personnes migrantes",
        PublicOscars.JUSTICE: "Personnes placées sous main de justice",
        PublicOscars.PROFESSIONNELS: "Professionnels de santé, du social, de l'éducation",
        PublicOscars.BENEVOLES: "Bénévoles",
        PublicOscars.ELUS: "Élus, décideurs",
        PublicOscars.AUTRE: "Autre public",
    },
)


class InterventionOscars(Choix):
    """A type of intervention, as OSCARS lists them."""

    COMMUNICATION = "communication-information-sensibilisation"
    EDUCATION_SANTE = "education-pour-la-sante"
    FORMATION = "formation"
    DEPISTAGE = "depistage"
    ACCOMPAGNEMENT = "accompagnement"
    CONSULTATION = "consultation-soutien-individuel"
    COORDINATION = "coordination-travail-en-reseau"
    APPUI = "appui-aux-acteurs"
    ETUDE = "etude-diagnostic"
    ENVIRONNEMENT = "amenagement-du-milieu"
    AUTRE = "autre"


LIBELLES_INTERVENTIONS_OSCARS = liste(
    InterventionOscars,
    "Type d'intervention (OSCARS)",
    "Ce que fait l'action, comme OSCARS classe les interventions. " + ORIGINE,
    {
        InterventionOscars.COMMUNICATION: "Communication, information, sensibilisation",
        InterventionOscars.EDUCATION_SANTE: "Éducation pour la santé",
        InterventionOscars.FORMATION: "Formation",
        InterventionOscars.DEPISTAGE: "Dépistage, repérage",
        InterventionOscars.ACCOMPAGNEMENT: "Accompagnement",
        InterventionOscars.CONSULTATION: "Consultation, soutien individuel",
        InterventionOscars.COORDINATION: "Coordination, concertation, travail en réseau",
        InterventionOscars.APPUI: "Appui aux acteurs, soutien méthodologique",
        InterventionOscars.ETUDE: "Étude, diagnostic, évaluation",
        InterventionOscars.ENVIRONNEMENT: "Aménagement du milieu de vie",
        InterventionOscars.AUTRE: "Autre type d'intervention",
    },
)


class Echelle(Choix):
    """How far an action reaches."""

    TERRITOIRE = "territoire-entier"
    QUARTIERS = "quartiers"
    COMMUNES = "communes"
    INTERCOMMUNALITE = "intercommunalite"
    DEPARTEMENT = "departement"
    REGION = "region"


LIBELLES_ECHELLES = liste(
    Echelle,
    "Échelle du territoire touché",
    "Jusqu'où l'action s'étend : tout le territoire du partenariat, des quartiers, des"
    " communes, une intercommunalité, un département, une région.",
    {
        Echelle.TERRITOIRE: "Tout le territoire",
        Echelle.QUARTIERS: "Quartiers",
        Echelle.COMMUNES: "Communes",
        Echelle.INTERCOMMUNALITE: "Intercommunalité",
        Echelle.DEPARTEMENT: "Département",
        Echelle.REGION: "Région",
    },
)


class TerritoireTouche(Modele):
    """Where an action reaches: a scale, and the communes or départements named."""

    model_config = pour_les_editeurs(
        "Territoire touché",
        "Où l'action s'étend : son échelle, les communes ou départements qu'elle touche.",
    )

    echelle: Echelle | None = Field(
        default=None, description="L'échelle : tout le territoire, communes, département…"
    )
    communes: list[Texte] = Field(
        default_factory=liste_vide, description="Les communes touchées (Poitiers, Buxerolles)."
    )
    departements: list[Texte] = Field(
        default_factory=liste_vide, description="Les départements touchés (Vienne)."
    )
    precisions: Texte | None = Field(
        default=None, description="Ce que l'échelle ne dit pas (quartiers, antennes rurales…)."
    )


class Oscars(Modele):
    """An action as an ARS records it in OSCARS (the rest comes from the action itself)."""

    model_config = pour_les_editeurs(
        "Champs OSCARS",
        "L'action telle qu'une ARS l'enregistre dans OSCARS : thèmes, publics visés, types"
        " d'intervention, territoire touché (le reste vient de l'action : intitulé, pilote,"
        " partenaires, financements…).",
    )

    themes: list[ThemeOscars] = Field(
        default_factory=liste_vide, description="Les thèmes de santé publique de l'action."
    )
    publics: list[PublicOscars] = Field(
        default_factory=liste_vide, description="Les publics visés, par âge et par situation."
    )
    types_intervention: list[InterventionOscars] = Field(
        default_factory=liste_vide, description="Ce que fait l'action (formation, dépistage…)."
    )
    territoire: TerritoireTouche | None = Field(
        default=None, description="Le territoire que l'action touche."
    )
