"""The territory (`clsm.yaml`): who coordinates, who founded, who governs."""

from typing import Annotated

from pydantic import Field

from .common import (
    Annee,
    Booleen,
    Choix,
    DatePartielle,
    Identifiant,
    Modele,
    Periode,
    Positif,
    Texte,
    entier,
    liste,
    liste_vide,
    nombre,
    pour_les_editeurs,
)


class Nature(Choix):
    """What kind of partnership the folder describes."""

    CLSM = "clsm"
    CLS = "cls"
    PTSM = "ptsm"
    PROGRAMME = "programme"
    AUTRE = "autre"


LIBELLES_NATURES = liste(
    Nature,
    "Nature du partenariat",
    "Ce que décrit le dossier : un CLSM, ou un partenariat comparable.",
    {
        Nature.CLSM: "Conseil local de santé mentale",
        Nature.CLS: "Contrat local de santé",
        Nature.PTSM: "Projet territorial de santé mentale",
        Nature.PROGRAMME: "Programme (CPS, soutien psychologique…)",
        Nature.AUTRE: "Autre partenariat",
    },
)


class Financeur(Modele):
    """Who pays for the coordination, and how much of it."""

    model_config = pour_les_editeurs(
        "Financeur de la coordination", "Qui finance la coordination, et pour quelle part."
    )

    partenaire: Identifiant = Field(description="Le financeur, identifiant de l'annuaire.")
    part: Annotated[float, nombre(ge=0, le=100)] | None = Field(
        default=None, description="Part en %."
    )
    montant: Positif | None = Field(default=None, description="Montant annuel en euros.")
    periode: Periode | None = Field(default=None, description="Années de ce financement.")
    dispositif: Texte | None = Field(
        default=None, description="Dispositif ou ligne de crédit (FIR, contrat de ville…)."
    )


class Personne(Modele):
    """A person of the coordination team."""

    model_config = pour_les_editeurs("Personne", "Une personne de l'équipe de coordination.")

    nom: Texte = Field(description="Son nom, tel qu'il s'écrit dans le bilan.")
    role: Texte | None = Field(default=None, description="Son rôle (coordinatrice, assistant…).")
    etp: Annotated[float, nombre(gt=0, le=2)] | None = Field(
        default=None, description="Son temps consacré au CLSM, en équivalent temps plein."
    )


class Elu(Modele):
    """An elected official in charge of the CLSM."""

    model_config = pour_les_editeurs("Élu", "Un ou une élue en charge du CLSM.")

    nom: Texte = Field(description="Son nom.")
    delegation: Texte | None = Field(
        default=None, description="Sa délégation (adjointe à la santé, vice-président…)."
    )
    collectivite: Identifiant | None = Field(
        default=None, description="Sa collectivité (identifiant de l'annuaire)."
    )


class Coordination(Modele):
    """The coordination post and its resources."""

    model_config = pour_les_editeurs(
        "Coordination", "Le poste de coordination, la structure qui le porte et ses moyens."
    )

    structure_porteuse: Identifiant = Field(
        description="La structure qui porte la coordination (identifiant de l'annuaire)."
    )
    coporteurs: list[Identifiant] = Field(
        default_factory=liste_vide,
        description="Autres structures qui portent avec elle (co-portage).",
    )
    service: Texte | None = Field(
        default=None, description="Le service de la structure porteuse (Pôle santé)."
    )
    coordinateur: Texte | None = Field(
        default=None, description="Nom de la coordinatrice ou du coordinateur."
    )
    etp: Annotated[float, nombre(gt=0, le=50)] | None = Field(
        default=None, description="Équivalent temps plein."
    )
    equipe: list[Personne] = Field(
        default_factory=liste_vide,
        description="Les personnes de la coordination, avec leur rôle et leur temps : sans"
        " « etp », le temps de coordination est la somme des leurs.",
    )
    elus: list[Elu] = Field(default_factory=liste_vide, description="Les élus en charge du CLSM.")
    financeurs: list[Financeur] = Field(
        default_factory=liste_vide, description="Qui finance la coordination."
    )
    modalites: Texte | None = Field(
        default=None, description="Modalités de la coordination, en texte libre."
    )


class TypeInstance(Choix):
    """The governance bodies a CLSM usually has."""

    COPIL = "copil"
    COMITE_TECHNIQUE = "comite-technique"
    ASSEMBLEE_PLENIERE = "assemblee-pleniere"
    CELLULE = "cellule"
    GROUPE_DE_TRAVAIL = "groupe-de-travail"
    AUTRE = "autre"


LIBELLES_TYPES_INSTANCES = liste(
    TypeInstance,
    "Type d'instance",
    "Le genre d'instance de gouvernance.",
    {
        TypeInstance.COPIL: "Comité de pilotage",
        TypeInstance.COMITE_TECHNIQUE: "Comité technique",
        TypeInstance.ASSEMBLEE_PLENIERE: "Assemblée plénière",
        TypeInstance.CELLULE: "Cellule de concertation",
        TypeInstance.GROUPE_DE_TRAVAIL: "Groupe de travail",
        TypeInstance.AUTRE: "Autre instance",
    },
)


class Membre(Modele):
    """A member of a governance body."""

    model_config = pour_les_editeurs("Membre", "Un membre d'une instance de gouvernance.")

    partenaire: Identifiant = Field(description="Le membre, identifiant de l'annuaire.")
    depuis: Annee | None = Field(default=None, description="Année où il devient membre.")
    jusqu_a: Annee | None = Field(
        default=None, description="Dernière année où il est membre, comprise."
    )
    role: Texte | None = Field(
        default=None, description="Son rôle dans l'instance (représentant les 3 GEM)."
    )

    def membre_en(self, annee: int) -> bool:
        """Whether the membership covers a year: the bilan and the checks both ask this."""
        return (self.depuis is None or self.depuis <= annee) and (
            self.jusqu_a is None or self.jusqu_a >= annee
        )


class Instance(Modele):
    """A governance body: steering committee, plenary assembly, cellule…"""

    model_config = pour_les_editeurs(
        "Instance", "Une instance de gouvernance : comité de pilotage, assemblée plénière, cellule…"
    )

    id: Identifiant = Field(
        description="Identifiant de l'instance, que nomment les réunions de l'activité (copil)."
    )
    nom: Texte = Field(description="Nom de l'instance (Comité de pilotage).")
    type: TypeInstance = Field(description="Type d'instance.")
    depuis: DatePartielle | None = Field(default=None, description="Date de sa création.")
    description: Texte | None = Field(default=None, description="Son rôle, en texte libre.")
    presidence: Texte | None = Field(
        default=None, description="Qui la préside (l'adjointe à la santé et le directeur du CH)."
    )
    reunions_prevues: Annotated[int, entier(0, 366)] | None = Field(
        default=None,
        description="Combien de réunions sont prévues chaque année : le bilan les compare à"
        " celles tenues.",
    )
    membres: list[Membre] = Field(default_factory=liste_vide, description="Ses membres.")


class Typologie(Choix):
    """How urban the territory is, as the national CLSM survey asks."""

    URBAIN = "urbain"
    SEMI_URBAIN = "semi-urbain"
    RURAL = "rural"


LIBELLES_TYPOLOGIES = liste(
    Typologie,
    "Typologie du territoire",
    "Urbain, semi-urbain ou rural, comme le demande l'enquête nationale sur les CLSM.",
    {Typologie.URBAIN: "Urbain", Typologie.SEMI_URBAIN: "Semi-urbain", Typologie.RURAL: "Rural"},
)


class Contact(Modele):
    """Whom to contact about the CLSM."""

    model_config = pour_les_editeurs("Contact", "La personne à joindre pour le CLSM.")

    nom: Texte | None = Field(default=None, description="Nom de la personne (ou du service).")
    fonction: Texte | None = Field(default=None, description="Sa fonction (coordinatrice…).")
    courriel: Texte | None = Field(default=None, description="Adresse électronique.")
    telephone: Texte | None = Field(default=None, description="Numéro de téléphone.")


class Territoire(Modele):
    """A CLSM (or a comparable partnership) and its standing facts."""

    model_config = pour_les_editeurs(
        "Territoire",
        "Le CLSM (ou le partenariat comparable) : son nom, son histoire, sa coordination et"
        " ses instances.",
    )

    nom: Texte = Field(description="Nom du CLSM, tel qu'il s'écrit en titre du bilan.")
    nature: Nature = Field(default=Nature.CLSM, description="Nature du partenariat.")
    territoire: Texte = Field(description="Le territoire couvert (Ville de Poitiers).")
    date_creation: DatePartielle | None = Field(
        default=None,
        description="Date de création du CLSM (délibération, convention constitutive).",
    )
    date_labellisation: DatePartielle | None = Field(
        default=None, description="Date de la labellisation du CLSM."
    )
    labellise_par: Identifiant | None = Field(
        default=None, description="Qui l'a labellisé (identifiant de l'annuaire : l'ARS)."
    )
    historique: Texte | None = Field(
        default=None, description="L'histoire du CLSM, pour le préambule du bilan (Markdown)."
    )
    mission: Texte | None = Field(
        default=None, description="Sa mission, pour le préambule du bilan (Markdown)."
    )
    communes: list[Texte] = Field(
        default_factory=liste_vide, description="Les communes que couvre le CLSM."
    )
    population: Annotated[int, entier(0, 100_000_000)] | None = Field(
        default=None, description="Le nombre d'habitants couverts."
    )
    population_source: Texte | None = Field(
        default=None, description="D'où vient ce nombre (INSEE, population légale 2021)."
    )
    typologie: Typologie | None = Field(
        default=None, description="Territoire urbain, semi-urbain ou rural."
    )
    quartiers_prioritaires: list[Texte] = Field(
        default_factory=liste_vide,
        description="Les quartiers prioritaires de la politique de la ville (QPV) couverts.",
    )
    contrat_de_ville: Booleen | None = Field(
        default=None, description="Le territoire a-t-il un contrat de ville ?"
    )
    secteurs_psychiatriques: list[Texte] = Field(
        default_factory=liste_vide,
        description="Les secteurs de psychiatrie du territoire (86G01, 86I02…).",
    )
    contrat_local_de_sante: Texte | None = Field(
        default=None,
        description="Le contrat local de santé (CLS) auquel le CLSM se rattache.",
    )
    ptsm: Texte | None = Field(
        default=None,
        description="Le projet territorial de santé mentale (PTSM) auquel il se rattache.",
    )
    contact: Contact | None = Field(default=None, description="La personne à joindre.")
    partenaires_fondateurs: list[Identifiant] = Field(
        default_factory=liste_vide, description="Les structures fondatrices (identifiants)."
    )
    coordination: Coordination | None = Field(
        default=None, description="Le poste de coordination et ses moyens."
    )
    instances: list[Instance] = Field(
        default_factory=liste_vide, description="Les instances de gouvernance."
    )
    notes: Texte | None = Field(default=None, description="Notes libres, pour la coordination.")
