"""Who was reached: the categories of public, the sexes and the age bands a count of
participants is broken down by (`publics`, `sexes`, `ages` beside `participants`).

The categories come from the publics the seeds name (the Poitiers bilan's habitants, usagers,
personnes accompagnées, élus, professionnels and étudiants; the CCTC grid's élus,
professionnels, personnes accompagnées, enfants, jeunes, familles and aidants; the CPS
programme's professionnels formés and jeunes). Each person is counted in one category: the
one in which they came. An age band is written `moins-de-18`, `18-25` or `60+`.
"""

import re
from typing import Annotated, Any

from pydantic_core import PydanticCustomError, core_schema

from .common import LISTES, Choix, Effectif, _Prebuilt, liste

DIMENSIONS: dict[str, str] = {"publics": "public", "sexes": "sexe", "ages": "tranche_age"}
"""The keys a count is broken down by (on réalisations and séances), each with the field by
which an indicator counts one of its categories."""


class Public(Choix):
    """A category of public, each person counted in one."""

    HABITANTS = "habitants"
    PERSONNES_CONCERNEES = "personnes-concernees"
    PROCHES = "proches"
    PROFESSIONNELS = "professionnels"
    ELUS = "elus"
    ENFANTS = "enfants"
    JEUNES = "jeunes"
    ETUDIANTS = "etudiants"
    BENEVOLES = "benevoles"
    AUTRE = "autre"


LIBELLES_PUBLICS = liste(
    Public,
    "Public",
    "La catégorie de public où une personne est comptée, une seule par personne : celle à"
    " laquelle elle est venue. Habitants : le grand public ; personnes concernées : qui vit"
    " avec un trouble psychique, usagers, personnes accompagnées ; proches : familles,"
    " aidants.",
    {
        Public.HABITANTS: "Habitants",
        Public.PERSONNES_CONCERNEES: "Personnes concernées, usagers",
        Public.PROCHES: "Proches, aidants",
        Public.PROFESSIONNELS: "Professionnels",
        Public.ELUS: "Élus",
        Public.ENFANTS: "Enfants",
        Public.JEUNES: "Jeunes",
        Public.ETUDIANTS: "Étudiants",
        Public.BENEVOLES: "Bénévoles",
        Public.AUTRE: "Autre public",
    },
)

NOMS_PUBLICS: dict[str, tuple[str, str]] = {
    Public.HABITANTS: ("habitant", "habitants"),
    Public.PERSONNES_CONCERNEES: ("personne concernée", "personnes concernées"),
    Public.PROCHES: ("proche", "proches"),
    Public.PROFESSIONNELS: ("professionnel", "professionnels"),
    Public.ELUS: ("élu", "élus"),
    Public.ENFANTS: ("enfant", "enfants"),
    Public.JEUNES: ("jeune", "jeunes"),
    Public.ETUDIANTS: ("étudiant", "étudiants"),
    Public.BENEVOLES: ("bénévole", "bénévoles"),
    Public.AUTRE: ("personne d'un autre public", "personnes d'un autre public"),
}
"""Each category as a count says it (`1 élu`, `4 élus`), singular and plural."""


class Sexe(Choix):
    """The sex a person is counted under."""

    FEMMES = "femmes"
    HOMMES = "hommes"
    AUTRE = "autre"


LIBELLES_SEXES = liste(
    Sexe,
    "Sexe",
    "Le sexe sous lequel une personne est comptée.",
    {Sexe.FEMMES: "Femmes", Sexe.HOMMES: "Hommes", Sexe.AUTRE: "Autre"},
)

NOMS_SEXES: dict[str, tuple[str, str]] = {
    Sexe.FEMMES: ("femme", "femmes"),
    Sexe.HOMMES: ("homme", "hommes"),
    Sexe.AUTRE: ("personne d'un autre sexe", "personnes d'un autre sexe"),
}

_TRANCHE = re.compile(
    r"^(?:moins-de-(?P<sous>\d{1,3})|(?P<de>\d{1,3})-(?P<a>\d{1,3})|(?P<plus>\d{1,3})\+)$"
)
TRANCHE_MOTIF = r"^(moins-de-\d{1,3}|\d{1,3}-\d{1,3}|\d{1,3}\+)$"
"""An age band, for the JSON Schemas: `moins-de-18`, `18-25`, `60+`."""


def est_tranche(text: object) -> bool:
    """Whether a key is written as an age band (`moins-de-18`, `18-25`, `60+`)."""
    return isinstance(text, str) and _TRANCHE.match(text) is not None


def bornes_tranche(tranche: str) -> tuple[int, int | None]:
    """The first and last age (both included; None: no upper bound) of a valid band."""
    match = _TRANCHE.match(tranche)
    assert match is not None, tranche
    if match["sous"] is not None:
        return 0, int(match["sous"]) - 1
    if match["de"] is not None:
        return int(match["de"]), int(match["a"])
    return int(match["plus"]), None


def _check_tranche(value: Any) -> str:
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(text, str) or _TRANCHE.match(text) is None:
        raise PydanticCustomError(
            "tranche_age",
            "« {value} » n'est pas une tranche d'âge",
            {"value": str(value)},
        )
    low, high = bornes_tranche(text)
    if high is not None and high < low:
        raise PydanticCustomError(
            "tranche_age",
            "la tranche « {value} » finit avant de commencer",
            {"value": text},
        )
    return text


TrancheAge = Annotated[
    str,
    _Prebuilt(
        core_schema.no_info_plain_validator_function(_check_tranche),
        {
            "type": "string",
            "pattern": TRANCHE_MOTIF,
            "description": "Une tranche d'âge : moins-de-18, 18-25, 60+.",
        },
    ),
]
"""An age band: `moins-de-18` (under 18), `18-25` (both included), `60+` (60 and over)."""


def libelle_tranche(tranche: str) -> str:
    """`moins de 18 ans`, `18 à 25 ans`, `60 ans et plus`."""
    low, high = bornes_tranche(tranche)
    if tranche.startswith("moins-de-"):
        return f"moins de {tranche.removeprefix('moins-de-')} ans"
    if high is None:
        return f"{low} ans et plus"
    return f"{low} à {high} ans"


class _Repartition:
    """The JSON Schema of a breakdown: pydantic's (its keys named by `propertyNames`, which
    links the list), a French description, and each allowed key listed for completion."""

    def __init__(self, description: str, libelles: dict[Any, str] | None = None) -> None:
        self.description = description
        self.libelles = libelles or {}

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict[str, Any]:
        json_schema: dict[str, Any] = handler(schema)
        json_schema["description"] = self.description
        if "patternProperties" in json_schema:  # age bands: no other key
            json_schema["additionalProperties"] = False
            json_schema["propertyNames"] = {"pattern": TRANCHE_MOTIF}
        if self.libelles:
            counts = json_schema["additionalProperties"]
            json_schema["properties"] = {
                str(key.value): {**counts, "description": label}
                for key, label in self.libelles.items()
            }
        return json_schema


Publics = Annotated[
    dict[Public, Effectif],
    _Repartition(
        "Combien de personnes de chaque public (professionnels: 28) ; la somme ne dépasse pas"
        " le total, et s'il en manque, le bilan dit « non précisé ».",
        LIBELLES_PUBLICS,
    ),
]
"""Persons (or attendances) by category of public."""

Sexes = Annotated[
    dict[Sexe, Effectif],
    _Repartition("Combien de femmes, d'hommes, d'autres (femmes: 25).", LIBELLES_SEXES),
]
"""Persons (or attendances) by sex."""

Ages = Annotated[
    dict[TrancheAge, Effectif],
    _Repartition(
        'Combien de personnes par tranche d\'âge ("18-25": 10) ; les tranches ne se recouvrent pas.'
    ),
]
"""Persons (or attendances) by age band."""


def ordre_tranches(tranches: list[str]) -> list[str]:
    """Age bands from the youngest to the oldest."""
    return sorted(tranches, key=lambda t: (bornes_tranche(t)[0], bornes_tranche(t)[1] or 999))


PAR: dict[str, str] = {"publics": "par public", "sexes": "par sexe", "ages": "par âge"}
"""How each breakdown is named: `la répartition par public`."""


def nom_categorie(dimension: str, categorie: str, count: float) -> str:
    """The words after a count of one category: `professionnels`, `élu`, `femmes`,
    `personnes de 18 à 25 ans` (French takes the singular below 2)."""
    plural = abs(count) >= 2
    if dimension == "ages":
        return f"{'personnes' if plural else 'personne'} de {libelle_tranche(categorie)}"
    names = NOMS_PUBLICS if dimension == "publics" else NOMS_SEXES
    singular, plural_form = names[categorie]
    return plural_form if plural else singular


def libelle_categorie(dimension: str, categorie: str) -> str:
    """A category as a table's row says it: `Professionnels`, `Femmes`, `18 à 25 ans`."""
    if dimension == "ages":
        text = libelle_tranche(categorie)
        return text[:1].upper() + text[1:]
    return LISTES[Public if dimension == "publics" else Sexe].libelles[categorie]
