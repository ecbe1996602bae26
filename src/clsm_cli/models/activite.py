"""A year's activity (`activite/AAAA.yaml`): what was done, met, referred and measured."""

from enum import StrEnum
from typing import Annotated, Self

from pydantic import Field, model_validator

from .common import (
    Annee,
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
)


class TypeRealisation(StrEnum):
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


class Presence(Modele):
    """How many people one structure sent: a partner of the directory, or one named in words."""

    partenaire: Identifiant | None = None
    structure: Texte | None = Field(
        default=None, description="Une structure hors de l'annuaire, telle que nommée."
    )
    participants: Effectif

    @model_validator(mode="after")
    def _qui(self) -> Self:
        if (self.partenaire is None) == (self.structure is None):
            raise ValueError("indiquez soit « partenaire » (identifiant), soit « structure » (nom)")
        return self


class Seance(Modele):
    """One dated session of a realisation."""

    date: DatePartielle
    participants: Effectif | None = Field(
        default=None, description="Présences à cette séance ; calculé de la répartition."
    )
    repartition: list[Presence] = Field(default_factory=liste_vide)
    lieu: Texte | None = None
    precisions: Texte | None = None


class Realisation(Modele):
    """Something done for an action: an event, a training, a workshop…"""

    id: Identifiant | None = None
    action: Identifiant
    type: TypeRealisation
    titre: Texte
    date: DatePartielle
    date_fin: DatePartielle | None = None
    lieu: Texte | None = None
    partenaires: list[Identifiant] = Field(default_factory=liste_vide)
    inscrits: Effectif | None = Field(
        default=None, description="Candidats ou inscrits, quand ils diffèrent des participants."
    )
    participants: Effectif | None = Field(
        default=None,
        description="Personnes différentes touchées, chacune comptée une fois ; avec une seule"
        " séance, ses présences.",
    )
    nombre_actions: Effectif | None = Field(
        default=None, description="Pour un événement fait de plusieurs actions (SISM…)."
    )
    seances: list[Seance] = Field(default_factory=liste_vide)
    texte: Texte | None = None


class Reunion(Modele):
    """A meeting of a governance body."""

    instance: Identifiant
    date: DatePartielle
    ordre_du_jour: list[Texte] = Field(default_factory=liste_vide)
    presents: list[Identifiant] = Field(default_factory=liste_vide)
    compte_rendu: Texte | None = None


class Saisine(Modele):
    """A referral of a complex situation to the cellule de concertation."""

    mois: DatePartielle
    saisissant: Texte = Field(description="Qui a saisi la cellule, tel que dit dans le bilan.")
    partenaire: Identifiant | None = Field(
        default=None, description="La structure de l'annuaire qui a saisi, si elle y est."
    )
    niveau: Annotated[int, entier(1, 2)] = Field(
        description="1 : échanges bilatéraux ; 2 : réunion."
    )
    decision: Texte
    orientation: Texte | None = Field(
        default=None, description="Vers qui la situation a été orientée (pour les compter)."
    )
    invites: list[Identifiant] = Field(default_factory=liste_vide)
    note: Texte | None = None


class Mesure(Modele):
    """A recorded value of an indicator for the year."""

    indicateur: Identifiant
    valeur: Nombre | None = None
    numerateur: Positif | None = None
    denominateur: Annotated[float, nombre(gt=0)] | None = None
    date: DatePartielle | None = None
    source: Texte | None = None
    commentaire: Texte | None = None

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


class CommentaireAxe(Modele):
    """The coordinator's words on an axis for the year."""

    axe: Identifiant
    texte: Texte | None = None
    perspectives: list[Texte] = Field(default_factory=liste_vide)


class Participation(Modele):
    """The coordinator's participation in a network or a local body."""

    cadre: Texte
    niveau: Texte | None = Field(default=None, description="national, régional, local…")
    activites: list[Texte] = Field(default_factory=liste_vide)


class Activite(Modele):
    """Everything that happened in one year."""

    annee: Annee
    introduction: Texte | None = None
    axes: list[CommentaireAxe] = Field(default_factory=liste_vide)
    realisations: list[Realisation] = Field(default_factory=liste_vide)
    reunions: list[Reunion] = Field(default_factory=liste_vide)
    saisines: list[Saisine] = Field(default_factory=liste_vide)
    mesures: list[Mesure] = Field(default_factory=liste_vide)
    gouvernance: Texte | None = None
    participations: list[Participation] = Field(default_factory=liste_vide)
    conclusion: Texte | None = None
