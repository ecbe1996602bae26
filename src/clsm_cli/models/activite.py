"""A year's activity (`activite/AAAA.yaml`): what was done, met, referred and measured.

What was done, its sessions and its evidence are in realisations.py, whose names this module
also gives."""

from typing import Annotated, Self

from pydantic import Field, model_validator

from .common import (
    PLUS_GRAND,
    Annee,
    Booleen,
    DatePartielle,
    Effectif,
    Identifiant,
    Modele,
    Nombre,
    Positif,
    Texte,
    entier,
    liste_vide,
    nombre,
    pour_les_editeurs,
)
from .evaluation import EvaluationObjectifs
from .plan import Statut
from .realisations import (
    LIBELLES_TYPES_REALISATIONS,
    Piece,
    Presence,
    Realisation,
    Seance,
    TypeRealisation,
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
    denominateur: Annotated[float, nombre(gt=0, le=PLUS_GRAND)] | None = Field(
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


__all__ = [
    "LIBELLES_TYPES_REALISATIONS",
    "ActionAnnee",
    "Activite",
    "CommentaireAxe",
    "Depense",
    "Mesure",
    "Participation",
    "Piece",
    "Presence",
    "Realisation",
    "Reunion",
    "Saisine",
    "Seance",
    "TypeRealisation",
]
