"""Types shared by every file kind: identifiers, text, partial dates, closed lists.

The loader reads YAML 1.2, so a plain `1.1` is a number and `2022-05-06` is a string.
Identifiers and text fields accept a number only when its source text reads back
unchanged (`1.1`, `2022`); `1.10` or `08` would silently become something else in every
other YAML tool, so they are refused with a hint to quote them.
"""

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Self, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
)
from pydantic_core import PydanticCustomError, core_schema


class Modele(BaseModel):
    """Base of every clsm model: unknown keys are errors.

    Numbers and booleans are strict (see `Nombre`, `Booleen`): `"60"` is not 60 and
    `no` is not false. Enums stay lax so that their values can be written as text.
    """

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, defer_build=True)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """pydantic's copy, without what a model remembers of its walks (its cached
        properties, as `Plan.actions`): the copy's own fields are walked again."""
        copy = super().model_copy(update=update, deep=deep)
        for klass in type(self).__mro__:
            for name, value in vars(klass).items():
                if isinstance(value, functools.cached_property):
                    copy.__dict__.pop(name, None)
        return copy


def pour_les_editeurs(titre: str, description: str) -> ConfigDict:
    """A model's French title and description, shown by editors and the user's guide.

    The class docstring stays the developers' English description; this one is for the
    coordinators, who read it on hover in VS Code (through the JSON Schema).
    """
    return ConfigDict(title=titre, json_schema_extra={"description": description})


@dataclass(frozen=True, slots=True)
class Liste:
    """How a closed list of values (an enum) is described to people, in French."""

    titre: str
    description: str
    libelles: dict[str, str]
    """Each value's label: `en-cours` → « En cours »."""


LISTES: dict[type["Choix"], Liste] = {}
"""Every closed list of the models and its French description (JSON Schemas, guide)."""


class Choix(StrEnum):
    """Base of the models' enums: their JSON Schema takes its French texts from `LISTES`.

    Title, description and each value's label (`enumDescriptions`, which VS Code shows
    beside each value it proposes) replace pydantic's class name and English docstring.
    """

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        json_schema: dict[str, Any] = handler(schema)
        target = handler.resolve_ref_schema(json_schema)
        liste = LISTES[cls]
        target["title"] = liste.titre
        target["description"] = liste.description
        target["enumDescriptions"] = [liste.libelles[value] for value in target["enum"]]
        return json_schema


_E = TypeVar("_E", bound=Choix)


def liste(enum: type[_E], titre: str, description: str, libelles: dict[_E, str]) -> dict[_E, str]:
    """Describe an enum in French for people; return its labels (a test checks all are there)."""
    LISTES[enum] = Liste(
        titre, description, {value.value: label for value, label in libelles.items()}
    )
    return libelles


def liste_vide() -> list[Any]:
    """An empty list, as the default of list fields.

    A plain function rather than `list`: pydantic inspects a default factory's signature,
    which costs 0.2 ms for a builtin and 35 list fields pay it at every start.
    """
    return []


def _source_text(value: Any) -> str | None:
    """The text a YAML number was written as, when it reads back unchanged."""
    raw = getattr(value, "raw", None)
    if isinstance(value, bool) or raw is None:
        return None
    canonical = str(value) if isinstance(value, int) else repr(value)
    return raw if raw == canonical else None


def _text_from_yaml(value: Any) -> Any:
    if type(value) is str:  # most texts: neither a number nor an escaped control character
        return value
    position = getattr(value, "control_at", None)
    if position is not None:
        raise PydanticCustomError(
            "caractere_interdit",
            "caractère de contrôle invisible (U+{code}) dans le texte, position {position}",
            {"code": f"{ord(value[position]):04X}", "position": position + 1},
        )
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = _source_text(value)
        if text is not None:
            return text
        raw = getattr(value, "raw", repr(value))
        raise PydanticCustomError(
            "nombre_ambigu",
            "« {raw} » est lu comme le nombre {value} : mettez-le entre guillemets",
            {"raw": raw, "value": value},
        )
    return value


class _Prebuilt:
    """A field type whose core schema is built once and shared by every field using it.

    pydantic would otherwise rebuild the same chain of validators for each of the ~60 text
    fields of the models, which is most of the start-up cost of `clsm validate`.
    """

    def __init__(self, schema: core_schema.CoreSchema, json_schema: dict[str, Any]) -> None:
        self.schema = schema
        self.json_schema = json_schema

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return self.schema

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return dict(self.json_schema)


def _id_from_yaml(value: Any) -> Any:
    if type(value) is str:
        return value
    if getattr(value, "yaml_date", False):
        raise PydanticCustomError(
            "nombre_ambigu",
            "« {raw} » ressemble à une date que d'autres outils YAML changeraient",
            {"raw": str(value), "value": str(value)},
        )
    return _text_from_yaml(value)


_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._\-]*$"

Identifiant = Annotated[
    str,
    _Prebuilt(
        core_schema.no_info_before_validator_function(
            _id_from_yaml, core_schema.str_schema(pattern=_ID_PATTERN, max_length=80)
        ),
        {
            "anyOf": [
                {"type": "string", "pattern": _ID_PATTERN, "maxLength": 80},
                {"type": "number"},
            ],
            "description": "Identifiant stable et lisible : 1.1.1, unafam, copil…",
        },
    ),
]
"""A stable, human identifier: `1.1.1`, `unafam`, `copil`."""

Texte = Annotated[
    str,
    _Prebuilt(
        core_schema.no_info_before_validator_function(
            _text_from_yaml,
            core_schema.str_schema(strip_whitespace=True, min_length=1, max_length=100_000),
        ),
        {"anyOf": [{"type": "string", "minLength": 1}, {"type": "number"}]},
    ),
]
"""Free text; Markdown is accepted wherever a paragraph makes sense.

Leading and trailing whitespace carries no meaning (a YAML `|` block ends with a newline)
and is dropped, so that the same text read from YAML or from a grid cell is equal."""


def entier(ge: int, le: int) -> _Prebuilt:
    """A strict integer between two bounds, both included."""
    return _Prebuilt(
        core_schema.int_schema(strict=True, ge=ge, le=le),
        {"type": "integer", "minimum": ge, "maximum": le},
    )


def nombre(
    *, ge: float | None = None, gt: float | None = None, le: float | None = None
) -> _Prebuilt:
    """A strict, finite number (an integer is accepted), optionally bounded.

    Bounds are core schemas rather than `Field(ge=…)`: pydantic's constraint machinery
    imports annotated_types, a sixth of `clsm validate`'s start-up.
    """
    json: dict[str, Any] = {"type": "number"}
    for key, bound in (("minimum", ge), ("exclusiveMinimum", gt), ("maximum", le)):
        if bound is not None:
            json[key] = bound
    return _Prebuilt(
        core_schema.float_schema(strict=True, allow_inf_nan=False, ge=ge, gt=gt, le=le), json
    )


Annee = Annotated[int, entier(1900, 2200)]

_DATE_PARTIELLE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _check_date_partielle(value: str) -> str:
    match = _DATE_PARTIELLE.match(value)
    if match is None:
        french = re.fullmatch(r"\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*", value)  # 06/11/2025
        exemple = f"{french[3]}-{int(french[2]):02}-{int(french[1]):02}" if french else ""
        raise PydanticCustomError(
            "date_partielle",
            "« {value} » n'est pas une date : écrivez AAAA-MM-JJ{exemple}, AAAA-MM ou AAAA",
            {"value": value, "exemple": f" ({exemple})" if exemple else ""},
        )
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        raise PydanticCustomError(
            "date_partielle",
            "« {value} » n'est pas une date du calendrier : {reason}",
            {"value": value, "reason": _hors_calendrier(year, month, day)},
        ) from None
    return value


def _hors_calendrier(year: int, month: int, day: int) -> str:
    """Why a date is not in the calendar: `il n'y a pas de mois 13`, `avril n'a que 30
    jours`, `février 2023 n'a que 28 jours`."""
    from ..french.dates import MOIS  # french.dates reads this module: imported on error only

    if year == 0:
        return "il n'y a pas d'année 0"
    if not 1 <= month <= 12:
        inverse = f" : le jour et le mois sont-ils inversés ({year}-{day:02}-{month:02}) ?"
        return f"il n'y a pas de mois {month}" + (inverse if 1 <= day <= 12 else "")
    if day == 0:
        return "il n'y a pas de jour 0"
    days = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
    if month == 2:
        return f"février {year} n'a que {days} jours"
    return f"{MOIS[month - 1]} n'a que {days} jours"


def _date_partielle_from_yaml(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


CLES_DATES = frozenset(
    {"date", "date_fin", "debut", "fin", "mois", "depuis", "date_labellisation", "date_creation"}
)
"""The keys whose value is a `DatePartielle` (a test checks the models against it): a year
alone there may be written without quotes, as coordinators write it (`debut: 2025`)."""

DatePartielle = Annotated[
    str,
    _Prebuilt(
        core_schema.no_info_before_validator_function(
            _date_partielle_from_yaml,
            core_schema.no_info_after_validator_function(
                _check_date_partielle, core_schema.str_schema()
            ),
        ),
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                {"type": "integer"},
            ],
            "description": "Date complète (2022-05-06), mois (2022-05) ou année (2022).",
        },
    ),
]
"""A date at day, month or year precision: `2022-05-06`, `2022-05`, `2022`."""


def annee_de(date_partielle: str) -> int:
    """The year of a partial date."""
    return int(date_partielle[:4])


def bornes(date_partielle: str) -> tuple[date, date]:
    """First and last day a partial date may designate."""
    match = _DATE_PARTIELLE.match(date_partielle)
    assert match is not None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if day is not None:
        return date(year, month, day), date(year, month, day)
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, 1), date.fromordinal(next_month.toordinal() - 1)


PLUS_GRAND = 1e12
"""The largest figure the format accepts (a thousand billion): far beyond any count, amount
or duration of a territory, and far below what the bilan's number formatting can write
(Babel fails past 10^28; sums over the years and lines stay well under it)."""

Nombre = Annotated[float, nombre(ge=-PLUS_GRAND, le=PLUS_GRAND)]
Positif = Annotated[float, nombre(ge=0, le=PLUS_GRAND)]
Effectif = Annotated[int, entier(0, 10_000_000)]
Booleen = Annotated[bool, _Prebuilt(core_schema.bool_schema(strict=True), {"type": "boolean"})]


class Periode(Modele):
    """A span of years, both ends included."""

    model_config = pour_les_editeurs(
        "Période", "Une suite d'années, la première et la dernière comprises."
    )

    debut: Annee = Field(description="Première année (2023).")
    fin: Annee = Field(description="Dernière année, comprise (2027).")


class Secteur(Choix):
    """The professional sectors the Poitiers bilan counts its partners by."""

    SANTE = "sante"
    SOCIAL_MEDICO_SOCIAL = "social-medico-social"
    LOGEMENT_HEBERGEMENT = "logement-hebergement"
    VIE_PROFESSIONNELLE = "vie-professionnelle-insertion"
    ENFANCE_JEUNESSE = "enfance-jeunesse-education"
    CULTURE = "culture"
    ACTIVITE_PHYSIQUE = "activite-physique"
    CADRE_DE_VIE = "cadre-de-vie"
    HANDICAP = "handicap"
    HABITANTS_USAGERS = "habitants-usagers-citoyens"
    COLLECTIVITE = "collectivite"
    SECURITE_JUSTICE = "securite-justice"
    AUTRE = "autre"


LIBELLES_SECTEURS: dict[Secteur, str] = liste(
    Secteur,
    "Secteur",
    "Le secteur professionnel de la structure, par lequel le bilan compte les partenaires.",
    {
        Secteur.SANTE: "Santé",
        Secteur.SOCIAL_MEDICO_SOCIAL: "Social et médico-social",
        Secteur.LOGEMENT_HEBERGEMENT: "Logement et hébergement",
        Secteur.VIE_PROFESSIONNELLE: "Vie professionnelle et insertion",
        Secteur.ENFANCE_JEUNESSE: "Petite enfance, enfance, jeunesse, éducation",
        Secteur.CULTURE: "Culture",
        Secteur.ACTIVITE_PHYSIQUE: "Activité physique",
        Secteur.CADRE_DE_VIE: "Cadre de vie",
        Secteur.HANDICAP: "Handicap",
        Secteur.HABITANTS_USAGERS: "Habitants-usagers-citoyens",
        Secteur.COLLECTIVITE: "Collectivité",
        Secteur.SECURITE_JUSTICE: "Sécurité et justice",
        Secteur.AUTRE: "Autre",
    },
)
