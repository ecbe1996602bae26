"""The partner directory (`partenaires.yaml`)."""

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from .common import (
    Annee,
    Booleen,
    Choix,
    Identifiant,
    Modele,
    Secteur,
    Texte,
    liste,
    liste_vide,
    pour_les_editeurs,
)


class TypeStructure(Choix):
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


LIBELLES_TYPES_STRUCTURES = liste(
    TypeStructure,
    "Type de structure",
    "La nature juridique ou le rôle de la structure.",
    {
        TypeStructure.ASSOCIATION: "Association",
        TypeStructure.ETABLISSEMENT_SANTE: "Établissement de santé",
        TypeStructure.ETABLISSEMENT_MEDICO_SOCIAL: "Établissement ou service médico-social",
        TypeStructure.COLLECTIVITE: "Collectivité territoriale",
        TypeStructure.SERVICE_ETAT: "Service de l'État",
        TypeStructure.ORGANISME_PROTECTION_SOCIALE: "Organisme de protection sociale",
        TypeStructure.EDUCATION: "Éducation",
        TypeStructure.BAILLEUR: "Bailleur social",
        TypeStructure.ENTREPRISE: "Entreprise",
        TypeStructure.RESEAU: "Réseau",
        TypeStructure.AUTRE: "Autre",
    },
)


class AncienNom(Modele):
    """A name a partner bore until a year (renamed, or before a merger)."""

    model_config = pour_les_editeurs(
        "Ancien nom", "Un nom que la structure portait, jusqu'à une année comprise."
    )

    nom: Texte = Field(description="Le nom d'alors, tel qu'il s'écrivait dans les bilans.")
    sigle: Texte | None = Field(default=None, description="Le sigle d'alors.")
    jusqu_a: Annee = Field(description="Dernière année où la structure portait ce nom.")


class Partenaire(Modele):
    """A structure of the partnership."""

    model_config = pour_les_editeurs(
        "Partenaire",
        "Une structure du partenariat, que les autres fichiers nomment par son identifiant.",
    )

    id: Identifiant = Field(
        description="Identifiant du partenaire, par lequel les autres fichiers le nomment (unafam)."
    )
    nom: Texte = Field(description="Nom de la structure, tel qu'il s'écrit dans le bilan.")
    sigle: Texte | None = Field(default=None, description="Sigle usuel (CHHL, UNAFAM).")
    secteur: Secteur = Field(description="Secteur professionnel, pour compter les partenaires.")
    type: TypeStructure | None = Field(default=None, description="Type de structure.")
    representant_usagers: Booleen = Field(
        default=False,
        description="Représente les usagers, les familles ou les habitants (H-U-C).",
    )
    parent: Identifiant | None = Field(
        default=None, description="Structure dont celle-ci est un service (identifiant)."
    )
    depuis: Annee | None = Field(default=None, description="Année d'entrée dans le partenariat.")
    jusqu_a: Annee | None = Field(
        default=None,
        description="Dernière année dans le partenariat (départ, fermeture, fusion).",
    )
    devenu: Identifiant | None = Field(
        default=None,
        description="La structure qui lui succède après « jusqu_a » (fusion, reprise) :"
        " son identifiant dans l'annuaire.",
    )
    anciens_noms: list[AncienNom] = Field(
        default_factory=liste_vide,
        description="Les noms qu'elle a portés avant le nom actuel, chacun jusqu'à une année :"
        " les bilans de ces années gardent le nom d'alors.",
    )
    commune: Texte | None = Field(default=None, description="Commune où se trouve la structure.")
    site: Texte | None = Field(default=None, description="Adresse de son site internet.")
    notes: Texte | None = Field(default=None, description="Notes libres, pour la coordination.")

    def partenaire_en(self, annee: int) -> bool:
        """Whether the partner was in the partnership that year (`depuis` to `jusqu_a`)."""
        return (self.depuis is None or self.depuis <= annee) and (
            self.jusqu_a is None or annee <= self.jusqu_a
        )

    def en(self, annee: int) -> "Partenaire":
        """The partner as a year's bilan names it: the name it bore that year."""
        ancien = min(
            (n for n in self.anciens_noms if annee <= n.jusqu_a),
            key=lambda n: n.jusqu_a,
            default=None,
        )
        if ancien is None:
            return self
        return self.model_copy(update={"nom": ancien.nom, "sigle": ancien.sigle})


MAX_PARTENAIRES = 100_000
"""A bound far above any territory, so that the cross-file checks stay linear in practice."""


class Annuaire(Modele):
    """The whole partner directory of a territory."""

    model_config = pour_les_editeurs(
        "Annuaire des partenaires", "Toutes les structures du partenariat d'un territoire."
    )

    partenaires: list[Partenaire] = Field(
        default_factory=liste_vide, description="Les structures, une par élément."
    )

    @field_validator("partenaires")
    @classmethod
    def _borne(cls, partenaires: list[Partenaire]) -> list[Partenaire]:
        if len(partenaires) > MAX_PARTENAIRES:
            raise PydanticCustomError(
                "too_long", "plus de {max} partenaires", {"max": MAX_PARTENAIRES}
            )
        return partenaires
