"""The collection form's sheets and columns: decided here, read by the writer and the reader.

Each sheet (`Onglet`) holds one kind of entry of `activite/AAAA.yaml`; each column
(`Colonne`) one field of it, with the kind of value it takes (`Genre`): the writer shows
that value (an action's number and title, a partner's name, a real date cell) and adds
the drop-down list or the check Excel can make; the reader turns the cell back into the
field's value. Column A of every sheet is the row's hidden key (keys.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto


class Genre(Enum):
    """The kind of value a column takes."""

    TEXTE = auto()
    TEXTE_LONG = auto()
    """A text that may run over several lines (wrapped, wider)."""
    POINTS = auto()
    """A list of texts, one per line (one per paragraph when a point has several lines)."""
    DATE = auto()
    """A date of the year: a real date cell, or a month (2022-05) or a year typed as text."""
    MOIS = auto()
    ENTIER = auto()
    """A whole number ≥ 0 (persons, attendances)."""
    NOMBRE = auto()
    POURCENTAGE = auto()
    NIVEAU = auto()
    ACTION = auto()
    INDICATEUR = auto()
    TYPE = auto()
    STATUT = auto()
    INSTANCE = auto()
    PARTENAIRE = auto()
    PARTENAIRES = auto()
    """Several structures of the directory, one per line."""
    REALISATION = auto()
    """The réalisation a séance belongs to (its label, or the title of a new one)."""
    PUBLIC = auto()
    """A category of public (habitants, professionnels…)."""
    TRANCHE = auto()
    """An age band (moins-de-18, 18-25, 60+)."""
    STRUCTURE = auto()
    """A structure of the directory, or one named in words (a séance's attendance)."""
    OUI = auto()
    """A yes: « oui », or the cell left empty for no (a measurement's `cumul`)."""
    INFO = auto()
    """Shown to help the reader, never read back (an indicator's unit)."""


@dataclass(frozen=True, slots=True)
class Colonne:
    """One column of a sheet."""

    titre: str
    champ: str
    """The entry's field ("" for an information column)."""
    largeur: float
    genre: Genre
    aide: str | None = None
    """What the cell's input message says (Excel shows it when the cell is selected)."""
    requis: bool = False


@dataclass(frozen=True, slots=True)
class Onglet:
    """One sheet of the form: one kind of entry of the year's file."""

    nom: str
    """The sheet's name, as Excel shows it."""
    prefixe: str
    """The first letter of its rows' keys (R-…, S-…)."""
    liste: str
    """The list of `activite/AAAA.yaml` its entries go in."""
    libelle: str
    """The entry in a French sentence (une séance) — a noun listed in french/agreement."""
    colonnes: tuple[Colonne, ...]
    consigne: str
    """What the instructions sheet says about it."""
    identite: str = ""
    """What identifies an entry, in words: a new row that says the same is that entry."""
    ancre: str | None = None
    """The field of the rows the form proposes to fill (one per action, per indicator): a
    row with nothing else is empty."""

    def colonne(self, champ: str) -> Colonne | None:
        """The column of a field."""
        return next((c for c in self.colonnes if c.champ == champ), None)

    @property
    def champs(self) -> tuple[str, ...]:
        """The entry's fields the sheet states, in order (information columns aside; the
        columns of a breakdown are one field: `repartition`, `publics`, `sexes`, `ages`)."""
        return tuple(dict.fromkeys(c.champ.split(".")[0] for c in self.colonnes if c.champ))


_DATE = (
    "Une date de l'année (jj/mm/aaaa) ; un mois s'écrit 2025-05 et une année 2025 quand le"
    " jour n'est pas connu."
)
_PARTENAIRES = (
    "Une structure par ligne (Alt+Entrée) : son nom, son sigle ou son identifiant dans l'annuaire."
)
_ENTIER = "Un nombre entier (0 ou plus)."

PAIRES = {"repartition": 4, "publics": 2, "ages": 2}
"""How many pairs of columns each breakdown has, at least (more when an entry needs them):
a séance's attendance structure by structure, the counts by public and by age band."""


@dataclass(frozen=True, slots=True)
class Paire:
    """A breakdown written in pairs of columns: what (a structure, a public, an age band),
    then how many."""

    champ: str
    quoi: str
    combien: str
    genre: Genre
    aide: str
    parts: tuple[str, str]
    """The names the reader gives each cell of a pair."""
    manque: tuple[str, str]
    """Each cell of a pair, as « il manque … » says it."""
    largeur: float = 20


STRUCTURES = Paire(
    "repartition",
    "Structure {n}",
    "Présents {n}",
    Genre.STRUCTURE,
    "Une structure présente : de l'annuaire (liste), ou nommée en toutes lettres.",
    ("structure", "participants"),
    ("la structure", "le nombre de présents"),
    22,
)
PUBLICS = Paire(
    "publics",
    "Public {n}",
    "Nombre (public {n})",
    Genre.PUBLIC,
    "Une catégorie de public (liste) ; chaque personne n'est comptée que dans une.",
    ("categorie", "nombre"),
    ("le public", "le nombre"),
    16,
)
AGES = Paire(
    "ages",
    "Âge {n}",
    "Nombre (âge {n})",
    Genre.TRANCHE,
    "Une tranche d'âge : moins-de-18, 18-25, 60+ (« 18 à 25 ans » se lit aussi).",
    ("categorie", "nombre"),
    ("la tranche d'âge", "le nombre"),
    11,
)
PAIRS = {p.champ: p for p in (STRUCTURES, PUBLICS, AGES)}


def pairs(paire: Paire, count: int) -> list[Colonne]:
    """`count` pairs of columns of a breakdown."""
    colonnes = []
    for n in range(1, count + 1):
        what, how_many = paire.parts
        colonnes.append(
            Colonne(
                paire.quoi.format(n=n), f"{paire.champ}.{n}.{what}", 20, paire.genre, paire.aide
            )
        )
        colonnes.append(
            Colonne(
                paire.combien.format(n=n), f"{paire.champ}.{n}.{how_many}", 9, Genre.ENTIER, _ENTIER
            )
        )
    return colonnes


def breakdowns(counts: dict[str, int]) -> list[Colonne]:
    """The counts by public, by sex and by age band (`publics`, `sexes`, `ages`)."""
    from ..models.publics import LIBELLES_SEXES, Sexe

    colonnes = pairs(PUBLICS, counts["publics"])
    for sexe, label in LIBELLES_SEXES.items():
        titre = "Autre sexe" if sexe is Sexe.AUTRE else label
        colonnes.append(Colonne(titre, f"sexes.{sexe.value}", 8, Genre.ENTIER, _ENTIER))
    return colonnes + pairs(AGES, counts["ages"])


def realisations(counts: dict[str, int] = PAIRES) -> Onglet:
    """The Réalisations sheet, its persons broken down by public, sex and age."""
    return Onglet(
        "Réalisations",
        "R",
        "realisations",
        "réalisation",
        (
            Colonne(
                "Action", "action", 34, Genre.ACTION, "L'action du plan : choisissez-la.", True
            ),
            Colonne("Type", "type", 15, Genre.TYPE, "Le genre de ce qui a été fait.", True),
            Colonne(
                "Titre", "titre", 34, Genre.TEXTE, "L'intitulé, tel que le bilan l'écrira.", True
            ),
            Colonne("Date", "date", 11, Genre.DATE, "Date, ou date de début. " + _DATE, True),
            Colonne("Date de fin", "date_fin", 11, Genre.DATE, "Pour ce qui dure plusieurs jours."),
            Colonne("Lieu", "lieu", 16, Genre.TEXTE),
            Colonne("Partenaires", "partenaires", 26, Genre.PARTENAIRES, _PARTENAIRES),
            Colonne("Inscrits", "inscrits", 9, Genre.ENTIER, "Candidats ou inscrits. " + _ENTIER),
            Colonne(
                "Personnes touchées",
                "participants",
                10,
                Genre.ENTIER,
                "Personnes différentes, chacune comptée une fois (sans séances : les présents).",
            ),
            *breakdowns(counts),
            Colonne(
                "Nombre d'actions", "nombre_actions", 9, Genre.ENTIER, "Pour un événement (SISM…)."
            ),
            Colonne("Texte du bilan", "texte", 44, Genre.TEXTE_LONG, "Ce qu'en dira le bilan."),
        ),
        "une ligne par chose faite pour une action du plan : événement, formation, atelier ;"
        " ses personnes touchées, et leur nombre par public, par sexe, par âge",
        "même action, même titre, même date",
    )


SEANCE_FIXES = (
    Colonne(
        "Réalisation",
        "realisation",
        38,
        Genre.REALISATION,
        "La réalisation de la séance : choisissez-la ; pour une réalisation ajoutée à la"
        " feuille Réalisations, recopiez son titre.",
        True,
    ),
    Colonne("Date", "date", 11, Genre.DATE, _DATE, True),
    Colonne("Lieu", "lieu", 16, Genre.TEXTE),
    Colonne("Précisions", "precisions", 22, Genre.TEXTE),
    Colonne(
        "Présences (total)",
        "participants",
        10,
        Genre.ENTIER,
        "Seulement sans répartition par structure : avec elle, clsm fait la somme.",
    ),
)


def seances(counts: dict[str, int] = PAIRES) -> Onglet:
    """The Séances sheet: the attendance by public, sex and age, then structure by
    structure."""
    return Onglet(
        "Séances",
        "S",
        "seances",
        "séance",
        (*SEANCE_FIXES, *breakdowns(counts), *pairs(STRUCTURES, counts["repartition"])),
        "une ligne par séance datée d'une réalisation, avec ses présents structure par"
        " structure (ou leur total), et leur nombre par public, par sexe, par âge",
        "même réalisation, même date",
    )


REUNIONS = Onglet(
    "Réunions",
    "U",
    "reunions",
    "réunion",
    (
        Colonne("Instance", "instance", 24, Genre.INSTANCE, "L'instance réunie.", True),
        Colonne("Date", "date", 11, Genre.DATE, _DATE, True),
        Colonne("Personnes présentes", "participants", 10, Genre.ENTIER, _ENTIER),
        Colonne("Structures présentes", "presents", 28, Genre.PARTENAIRES, _PARTENAIRES),
        Colonne(
            "Ordre du jour",
            "ordre_du_jour",
            40,
            Genre.POINTS,
            "Un point par ligne (Alt+Entrée) ; une ligne vide entre deux points qui ont"
            " plusieurs lignes.",
        ),
        Colonne("Compte rendu", "compte_rendu", 40, Genre.TEXTE_LONG),
    ),
    "une ligne par réunion d'une instance (comité de pilotage, cellule…)",
    "même instance, même date",
)

SAISINES = Onglet(
    "Saisines",
    "C",
    "saisines",
    "saisine",
    (
        Colonne("Mois", "mois", 10, Genre.MOIS, "Le mois de la saisine : 2025-03.", True),
        Colonne("Saisissant", "saisissant", 24, Genre.TEXTE, "Qui a saisi la cellule.", True),
        Colonne(
            "Partenaire saisissant",
            "partenaire",
            24,
            Genre.PARTENAIRE,
            "La structure de l'annuaire qui a saisi, si elle y est.",
        ),
        Colonne(
            "Niveau",
            "niveau",
            8,
            Genre.NIVEAU,
            "1 : échanges bilatéraux ; 2 : réunion de la cellule.",
            True,
        ),
        Colonne("Décision", "decision", 34, Genre.TEXTE_LONG, "Ce que la cellule a décidé.", True),
        Colonne("Orientation", "orientation", 20, Genre.TEXTE, "Vers qui la situation est allée."),
        Colonne("Structures invitées", "invites", 24, Genre.PARTENAIRES, _PARTENAIRES),
        Colonne("Note", "note", 26, Genre.TEXTE_LONG),
    ),
    "une ligne par situation soumise à la cellule de concertation",
    "même mois, même saisissant",
)

MESURES = Onglet(
    "Mesures",
    "M",
    "mesures",
    "mesure",
    (
        Colonne("Indicateur", "indicateur", 40, Genre.INDICATEUR, "L'indicateur mesuré.", True),
        Colonne("Unité", "", 12, Genre.INFO),
        Colonne("Valeur", "valeur", 10, Genre.NOMBRE, "La valeur relevée (sans taux)."),
        Colonne("Numérateur", "numerateur", 11, Genre.NOMBRE, "Pour un taux : ce qui est compté."),
        Colonne(
            "Dénominateur",
            "denominateur",
            13,
            Genre.NOMBRE,
            "Pour un taux : sur quoi ; clsm calcule le taux.",
        ),
        Colonne(
            "Total depuis le début",
            "cumul",
            12,
            Genre.OUI,
            "« oui » quand la valeur est le total depuis le début du plan (138 professionnels"
            " formés depuis 2021), non celui de l'année seule ; vide sinon.",
        ),
        Colonne("Date", "date", 11, Genre.DATE, "Date du relevé. " + _DATE),
        Colonne("Source", "source", 22, Genre.TEXTE, "D'où vient la valeur."),
        Colonne("Commentaire", "commentaire", 30, Genre.TEXTE_LONG),
    ),
    "une ligne par indicateur mesuré dans l'année : sa valeur, ou son numérateur et son"
    " dénominateur (les indicateurs que clsm calcule n'y sont pas)",
    "même indicateur",
    "indicateur",
)

SUIVI = Onglet(
    "Suivi des actions",
    "A",
    "actions",
    "suivi d'action",
    (
        Colonne("Action", "action", 44, Genre.ACTION, "L'action du plan.", True),
        Colonne("Statut", "statut", 14, Genre.STATUT, "Où en est l'action en fin d'année.", True),
        Colonne(
            "Avancement (%)", "avancement", 12, Genre.POURCENTAGE, "De 0 à 100, en fin d'année."
        ),
        Colonne("Commentaire", "commentaire", 50, Genre.TEXTE_LONG, "Ce qui l'explique."),
    ),
    "une ligne par action : son statut de l'année, son avancement, un commentaire",
    "même action",
    "action",
)


def onglets(counts: dict[str, int] = PAIRES) -> tuple[Onglet, ...]:
    """The form's sheets of entries, in order, with `counts` pairs of columns for each
    breakdown."""
    return (realisations(counts), seances(counts), REUNIONS, SAISINES, MESURES, SUIVI)


INSTRUCTIONS = "Mode d'emploi"
LISTES = "Listes"
"""The hidden sheet of the drop-down lists' values."""
