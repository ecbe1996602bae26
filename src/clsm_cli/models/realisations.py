"""What was done for the plan's actions (`realisations` of a year's activity): its kind,
its sessions, who came, and the evidence (pièces justificatives, which meetings and
measures also attach)."""

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
from .publics import Ages, Publics, Sexes


class TypeRealisation(Choix):
    """What kind of thing was done."""

    EVENEMENT = "evenement"
    FORMATION = "formation"
    ATELIER = "atelier"
    SENSIBILISATION = "sensibilisation"
    SEMINAIRE = "seminaire"
    REUNION = "reunion"
    GROUPE_DE_TRAVAIL = "groupe-de-travail"
    IMMERSION = "immersion"
    PERMANENCE = "permanence"
    PUBLICATION = "publication"
    COMMUNICATION = "communication"
    ACCOMPAGNEMENT = "accompagnement"
    ETUDE = "etude"
    AUTRE = "autre"


LIBELLES_TYPES_REALISATIONS = liste(
    TypeRealisation,
    "Type de réalisation",
    "Le genre de ce qui a été fait.",
    {
        TypeRealisation.EVENEMENT: "Événement",
        TypeRealisation.FORMATION: "Formation",
        TypeRealisation.ATELIER: "Atelier",
        TypeRealisation.SENSIBILISATION: "Sensibilisation",
        TypeRealisation.SEMINAIRE: "Séminaire",
        TypeRealisation.REUNION: "Réunion",
        TypeRealisation.GROUPE_DE_TRAVAIL: "Groupe de travail",
        TypeRealisation.IMMERSION: "Immersion",
        TypeRealisation.PERMANENCE: "Permanence",
        TypeRealisation.PUBLICATION: "Publication",
        TypeRealisation.COMMUNICATION: "Communication",
        TypeRealisation.ACCOMPAGNEMENT: "Accompagnement",
        TypeRealisation.ETUDE: "Étude",
        TypeRealisation.AUTRE: "Autre",
    },
)


class Presence(Modele):
    """How many people one structure sent: a partner of the directory, or one named in words."""

    model_config = pour_les_editeurs(
        "Présence d'une structure",
        "Combien de personnes une structure a envoyées : un partenaire de l'annuaire, ou une"
        " structure nommée en toutes lettres.",
    )

    partenaire: Identifiant | None = Field(
        default=None, description="La structure, identifiant de l'annuaire."
    )
    structure: Texte | None = Field(
        default=None, description="Une structure hors de l'annuaire, telle que nommée."
    )
    participants: Effectif = Field(description="Personnes venues de cette structure.")

    @model_validator(mode="after")
    def _qui(self) -> Self:
        if (self.partenaire is None) == (self.structure is None):
            raise ValueError("indiquez soit « partenaire » (identifiant), soit « structure » (nom)")
        return self


class Piece(Modele):
    """A piece of evidence: a file kept with the territory, or a web address."""

    model_config = pour_les_editeurs(
        "Pièce justificative",
        "Un document qui atteste : feuille d'émargement, compte rendu, résultats d'un"
        " questionnaire…",
    )

    titre: Texte = Field(description="Ce qu'est le document (Feuille d'émargement).")
    chemin: Texte | None = Field(
        default=None,
        description="Son chemin depuis le dossier du territoire (preuves/2022/emargement.pdf) :"
        " clsm vérifie qu'il existe.",
    )
    lien: Texte | None = Field(default=None, description="Son adresse web, s'il est en ligne.")

    @model_validator(mode="after")
    def _ou(self) -> Self:
        if (self.chemin is None) == (self.lien is None):
            raise ValueError("indiquez soit « chemin » (un fichier), soit « lien » (une adresse)")
        return self


class Seance(Modele):
    """One dated session of a realisation."""

    model_config = pour_les_editeurs("Séance", "Une séance datée d'une réalisation.")

    date: DatePartielle = Field(description="Date de la séance.")
    participants: Effectif | None = Field(
        default=None, description="Présences à cette séance ; calculé de la répartition."
    )
    repartition: list[Presence] = Field(
        default_factory=liste_vide,
        description="Les présents, structure par structure ; clsm en fait la somme.",
    )
    publics: Publics | None = Field(
        default=None,
        description="Les présences par public (professionnels: 8, habitants: 3).",
    )
    sexes: Sexes | None = Field(
        default=None, description="Les présences par sexe (femmes: 7, hommes: 4)."
    )
    ages: Ages | None = Field(
        default=None, description='Les présences par tranche d\'âge ("18-25": 6, 60+: 2).'
    )
    lieu: Texte | None = Field(default=None, description="Lieu de la séance.")
    precisions: Texte | None = Field(default=None, description="Précisions sur la séance.")


class Realisation(Modele):
    """Something done for an action: an event, a training, a workshop…"""

    model_config = pour_les_editeurs(
        "Réalisation",
        "Ce qui a été fait pour une action : un événement, une formation, un atelier…",
    )

    id: Identifiant | None = Field(
        default=None, description="Identifiant de la réalisation, si d'autres fichiers la nomment."
    )
    action: Identifiant = Field(description="L'action du plan qu'elle réalise (1.1.1).")
    type: TypeRealisation = Field(description="Type de réalisation.")
    titre: Texte = Field(description="Intitulé, tel qu'il s'écrit dans le bilan.")
    date: DatePartielle = Field(description="Date, ou date de début.")
    date_fin: DatePartielle | None = Field(
        default=None, description="Date de fin, pour ce qui dure plusieurs jours."
    )
    lieu: Texte | None = Field(default=None, description="Lieu.")
    partenaires: list[Identifiant] = Field(
        default_factory=liste_vide, description="Les structures partenaires (identifiants)."
    )
    inscrits: Effectif | None = Field(
        default=None, description="Candidats ou inscrits, quand ils diffèrent des participants."
    )
    participants: Effectif | None = Field(
        default=None,
        description="Personnes différentes touchées, chacune comptée une fois ; avec une seule"
        " séance, ses présences.",
    )
    publics: Publics | None = Field(
        default=None,
        description="Les personnes touchées par public (professionnels: 28, elus: 4), chacune"
        " dans un seul.",
    )
    sexes: Sexes | None = Field(
        default=None, description="Les personnes touchées par sexe (femmes: 25, hommes: 15)."
    )
    ages: Ages | None = Field(
        default=None,
        description='Les personnes touchées par tranche d\'âge ("18-25": 10, 60+: 5).',
    )
    nombre_actions: Effectif | None = Field(
        default=None, description="Pour un événement fait de plusieurs actions (SISM…)."
    )
    seances: list[Seance] = Field(default_factory=liste_vide, description="Ses séances datées.")
    texte: Texte | None = Field(
        default=None, description="Ce qu'en dit le bilan, en texte libre (Markdown)."
    )
    pieces: list[Piece] = Field(
        default_factory=liste_vide,
        description="Les pièces justificatives (feuilles d'émargement, questionnaires…).",
    )
