"""The partner directory (`partenaires.yaml`)."""

from enum import StrEnum

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from .common import Annee, Booleen, Identifiant, Modele, Secteur, Texte, liste_vide


class TypeStructure(StrEnum):
    """What kind of structure a partner is."""

    ASSOCIATION = "association"
    ETABLISSEMENT_SANTE = "etablissement-sante"
    ETABLISSEMENT_MEDICO_SOCIAL = "etablissement-medico-social"
    COLLECTIVITE = "collectivite"
    SERVICE_ETAT = "service-etat"
    ORGANISME_PROTECTION_SOCIALE = "organisme-protection-sociale"
    EDUCATION = "education"
    BAILLEUR = "bailleur"
    ENTREPRISE = "entreprise"
    RESEAU = "reseau"
    AUTRE = "autre"


class Partenaire(Modele):
    """A structure of the partnership."""

    id: Identifiant
    nom: Texte
    sigle: Texte | None = None
    secteur: Secteur
    type: TypeStructure | None = None
    representant_usagers: Booleen = Field(
        default=False,
        description="Représente les usagers, les familles ou les habitants (H-U-C).",
    )
    parent: Identifiant | None = Field(
        default=None, description="Structure dont celle-ci est un service (identifiant)."
    )
    depuis: Annee | None = Field(default=None, description="Année d'entrée dans le partenariat.")
    commune: Texte | None = None
    site: Texte | None = None
    notes: Texte | None = None


MAX_PARTENAIRES = 100_000
"""A bound far above any territory, so that the cross-file checks stay linear in practice."""


class Annuaire(Modele):
    """The whole partner directory of a territory."""

    partenaires: list[Partenaire] = Field(default_factory=liste_vide)

    @field_validator("partenaires")
    @classmethod
    def _borne(cls, partenaires: list[Partenaire]) -> list[Partenaire]:
        if len(partenaires) > MAX_PARTENAIRES:
            raise PydanticCustomError(
                "too_long", "plus de {max} partenaires", {"max": MAX_PARTENAIRES}
            )
        return partenaires
