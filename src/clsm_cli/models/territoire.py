"""The territory (`clsm.yaml`): who coordinates, who founded, who governs."""

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from .common import (
    Annee,
    DatePartielle,
    Identifiant,
    Modele,
    Periode,
    Positif,
    Texte,
    liste_vide,
    nombre,
)


class Nature(StrEnum):
    """What kind of partnership the folder describes."""

    CLSM = "clsm"
    CLS = "cls"
    PTSM = "ptsm"
    PROGRAMME = "programme"
    AUTRE = "autre"


class Financeur(Modele):
    """Who pays for the coordination, and how much of it."""

    partenaire: Identifiant
    part: Annotated[float, nombre(ge=0, le=100)] | None = Field(
        default=None, description="Part en %."
    )
    montant: Positif | None = Field(default=None, description="Montant annuel en euros.")
    periode: Periode | None = None
    dispositif: Texte | None = None


class Coordination(Modele):
    """The coordination post and its resources."""

    structure_porteuse: Identifiant
    coporteurs: list[Identifiant] = Field(
        default_factory=liste_vide,
        description="Autres structures qui portent avec elle (co-portage).",
    )
    service: Texte | None = None
    coordinateur: Texte | None = None
    etp: Annotated[float, nombre(gt=0, le=50)] | None = Field(
        default=None, description="Équivalent temps plein."
    )
    financeurs: list[Financeur] = Field(default_factory=liste_vide)
    modalites: Texte | None = None


class TypeInstance(StrEnum):
    """The governance bodies a CLSM usually has."""

    COPIL = "copil"
    COMITE_TECHNIQUE = "comite-technique"
    ASSEMBLEE_PLENIERE = "assemblee-pleniere"
    CELLULE = "cellule"
    GROUPE_DE_TRAVAIL = "groupe-de-travail"
    AUTRE = "autre"


class Membre(Modele):
    """A member of a governance body."""

    partenaire: Identifiant
    depuis: Annee | None = None
    jusqu_a: Annee | None = None
    role: Texte | None = None

    def membre_en(self, annee: int) -> bool:
        """Whether the membership covers a year: the bilan and the checks both ask this."""
        return (self.depuis is None or self.depuis <= annee) and (
            self.jusqu_a is None or self.jusqu_a >= annee
        )


class Instance(Modele):
    """A governance body: steering committee, plenary assembly, cellule…"""

    id: Identifiant
    nom: Texte
    type: TypeInstance
    depuis: DatePartielle | None = None
    description: Texte | None = None
    membres: list[Membre] = Field(default_factory=liste_vide)


class Territoire(Modele):
    """A CLSM (or a comparable partnership) and its standing facts."""

    nom: Texte
    nature: Nature = Nature.CLSM
    territoire: Texte
    date_labellisation: DatePartielle | None = None
    labellise_par: Identifiant | None = None
    historique: Texte | None = None
    mission: Texte | None = None
    partenaires_fondateurs: list[Identifiant] = Field(default_factory=liste_vide)
    coordination: Coordination | None = None
    instances: list[Instance] = Field(default_factory=liste_vide)
    notes: Texte | None = None
