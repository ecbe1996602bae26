"""A year's activity (`activite/AAAA.yaml`): what was done, met, referred and measured."""

from typing import Annotated, Self

from pydantic import Field, model_validator

from .common import (
    Annee,
    Booleen,
    Choix,
    DatePartielle,
    Effectif,
    Identifiant,
    Modele,
    Nombre,
    Positif,
    Texte,
    entier,
    liste,
    liste_vide,
    nombre,
    pour_les_editeurs,
)
from .evaluation import EvaluationObjectifs
from .plan import Statut
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


class Reunion(Modele):
    """A meeting of a governance body."""

    model_config = pour_les_editeurs("Réunion", "Une réunion d'une instance de gouvernance.")

    instance: Identifiant = Field(
        description="L'instance réunie (identifiant de clsm.yaml : copil)."
    )
    date: DatePartielle = Field(description="Date de la réunion.")
    ordre_du_jour: list[Texte] = Field(
        default_factory=liste_vide, description="Les points de l'ordre du jour."
    )
    presents: list[Identifiant] = Field(
        default_factory=liste_vide, description="Les structures présentes (identifiants)."
    )
    compte_rendu: Texte | None = Field(
        default=None, description="Le compte rendu, ou ce qu'en dit le bilan (Markdown)."
    )
    participants: Effectif | None = Field(
        default=None,
        description="Le nombre de personnes présentes, à côté des structures présentes.",
    )
    pieces: list[Piece] = Field(
        default_factory=liste_vide,
        description="Les pièces justificatives (compte rendu signé, feuille d'émargement…).",
    )


class Saisine(Modele):
    """A referral of a complex situation to the cellule de concertation."""

    model_config = pour_les_editeurs(
        "Saisine", "Une situation complexe soumise à la cellule de concertation."
    )

    mois: DatePartielle = Field(description="Mois de la saisine (2022-01).")
    saisissant: Texte = Field(description="Qui a saisi la cellule, tel que dit dans le bilan.")
    partenaire: Identifiant | None = Field(
        default=None, description="La structure de l'annuaire qui a saisi, si elle y est."
    )
    niveau: Annotated[int, entier(1, 2)] = Field(
        description="1 : échanges bilatéraux ; 2 : réunion."
    )
    decision: Texte = Field(description="Ce que la cellule a décidé.")
    orientation: Texte | None = Field(
        default=None, description="Vers qui la situation a été orientée (pour les compter)."
    )
    invites: list[Identifiant] = Field(
        default_factory=liste_vide, description="Les structures invitées (identifiants)."
    )
    note: Texte | None = Field(default=None, description="Note libre.")


class Mesure(Modele):
    """A recorded value of an indicator for the year."""

    model_config = pour_les_editeurs(
        "Mesure",
        "La valeur d'un indicateur relevée dans l'année : une valeur, ou un numérateur et un"
        " dénominateur dont clsm calcule le taux.",
    )

    indicateur: Identifiant = Field(description="L'indicateur du plan mesuré (1.1.1-a).")
    valeur: Nombre | None = Field(default=None, description="La valeur relevée (138).")
    numerateur: Positif | None = Field(
        default=None, description="Pour un taux : ce qui est compté (35)."
    )
    denominateur: Annotated[float, nombre(gt=0)] | None = Field(
        default=None, description="Pour un taux : sur quoi (42) ; clsm calcule 83 %."
    )
    date: DatePartielle | None = Field(default=None, description="Date du relevé.")
    cumul: Booleen = Field(
        default=False,
        description="La valeur est le total depuis le début du plan (138 professionnels formés"
        " en 2021-2023), non celui de l'année seule : l'évaluation ne l'ajoute pas aux années"
        " précédentes.",
    )
    source: Texte | None = Field(default=None, description="D'où vient la valeur.")
    commentaire: Texte | None = Field(default=None, description="Commentaire sur la valeur.")
    pieces: list[Piece] = Field(
        default_factory=liste_vide,
        description="Les pièces qui attestent la valeur (résultats d'un questionnaire…).",
    )

    @model_validator(mode="after")
    def _une_valeur(self) -> Self:
        has_ratio = self.numerateur is not None or self.denominateur is not None
        if self.valeur is None and not has_ratio:
            raise ValueError("une mesure a une valeur, ou un numérateur et un dénominateur")
        if has_ratio and (self.numerateur is None or self.denominateur is None):
            raise ValueError("un taux a un numérateur et un dénominateur")
        if self.valeur is not None and has_ratio:
            raise ValueError(
                "donnez soit la valeur, soit le numérateur et le dénominateur :"
                " le taux est calculé par clsm"
            )
        return self


class ActionAnnee(Modele):
    """Where an action of the plan stood this year: the plan's `statut` is a snapshot, the
    years make its history."""

    model_config = pour_les_editeurs(
        "Suivi d'une action",
        "Où en est une action du plan cette année : son statut, son avancement, un commentaire.",
    )

    action: Identifiant = Field(description="L'action du plan (1.1.1).")
    statut: Statut = Field(description="Son statut cette année.")
    avancement: Annotated[float, nombre(ge=0, le=100)] | None = Field(
        default=None, description="Son avancement en fin d'année, en % (60)."
    )
    commentaire: Texte | None = Field(
        default=None, description="Ce qui l'explique (reportée faute de salle…)."
    )


class Depense(Modele):
    """What was spent on an action this year, by funder."""

    model_config = pour_les_editeurs(
        "Dépense", "Ce qui a été dépensé pour une action dans l'année, par financeur."
    )

    action: Identifiant = Field(description="L'action du plan (1.1.1).")
    financeur: Identifiant = Field(description="Le financeur, identifiant de l'annuaire.")
    dispositif: Texte | None = Field(
        default=None, description="Le dispositif, comme dans le plan (FIR, contrat de ville…)."
    )
    montant: Positif = Field(description="Le montant dépensé dans l'année, en euros.")
    commentaire: Texte | None = Field(default=None, description="Ce qui l'explique.")


class CommentaireAxe(Modele):
    """The coordinator's words on an axis for the year."""

    model_config = pour_les_editeurs(
        "Texte d'un axe", "Ce que la coordination dit d'un axe du plan pour l'année."
    )

    axe: Identifiant = Field(description="L'axe du plan (1).")
    texte: Texte | None = Field(default=None, description="Le bilan de l'axe (Markdown).")
    perspectives: list[Texte] = Field(
        default_factory=liste_vide, description="Les perspectives pour l'année suivante."
    )


class Participation(Modele):
    """The coordinator's participation in a network or a local body."""

    model_config = pour_les_editeurs(
        "Participation", "La participation de la coordination à un réseau ou à une instance locale."
    )

    cadre: Texte = Field(description="Le réseau ou l'instance (Réseau des CLSM).")
    niveau: Texte | None = Field(default=None, description="national, régional, local…")
    activites: list[Texte] = Field(
        default_factory=liste_vide, description="Ce que la coordination y a fait."
    )


class Activite(Modele):
    """Everything that happened in one year."""

    model_config = pour_les_editeurs(
        "Activité de l'année",
        "Tout ce qui s'est passé dans l'année : réalisations, réunions, saisines, mesures.",
    )

    annee: Annee = Field(description="L'année, celle du nom du fichier (2022).")
    introduction: Texte | None = Field(
        default=None, description="L'introduction du bilan (Markdown)."
    )
    axes: list[CommentaireAxe] = Field(
        default_factory=liste_vide, description="Le texte de la coordination, axe par axe."
    )
    actions: list[ActionAnnee] = Field(
        default_factory=liste_vide,
        description="Le suivi des actions du plan cette année : statut, avancement, commentaire.",
    )
    depenses: list[Depense] = Field(
        default_factory=liste_vide,
        description="Ce qui a été dépensé pour les actions dans l'année, par financeur.",
    )
    realisations: list[Realisation] = Field(
        default_factory=liste_vide, description="Ce qui a été fait, pour quelle action."
    )
    reunions: list[Reunion] = Field(
        default_factory=liste_vide, description="Les réunions des instances de gouvernance."
    )
    saisines: list[Saisine] = Field(
        default_factory=liste_vide,
        description="Les saisines de la cellule de concertation ; sans cette clé, non renseigné.",
    )
    mesures: list[Mesure] = Field(
        default_factory=liste_vide, description="Les valeurs des indicateurs relevées dans l'année."
    )
    gouvernance: Texte | None = Field(
        default=None, description="Ce que le bilan dit de la gouvernance (Markdown)."
    )
    participations: list[Participation] = Field(
        default_factory=liste_vide,
        description="La participation de la coordination aux réseaux et instances locales.",
    )
    evaluations: list[EvaluationObjectifs] = Field(
        default_factory=liste_vide,
        description="Les jugements portés cette année sur l'atteinte des objectifs du plan :"
        " par qui, comment, objectif par objectif ; l'évaluation du plan les reprend.",
    )
    conclusion: Texte | None = Field(default=None, description="La conclusion du bilan (Markdown).")

    def suivi(self, action: str) -> ActionAnnee | None:
        """Where an action stood this year, if the year says it (the first entry)."""
        return next((a for a in self.actions if a.action == action), None)
