"""What is said about a form's rows, worded once: a key altered, erased or copied, a row
deleted or emptied, a field to fill, a séance's réalisation not found.

The conflicts (a value changed on both sides) are worded in conflicts.py.
"""

from __future__ import annotations

from ..excel.sheet import ABSENTE, CLE, CORRIGER_FICHE, DEVINE, PERDU, remarque
from ..problems import Problem
from .layout import Colonne
from .lists import date_label
from .reading import Fiche, Ligne

RETIRER = "pour retirer une entrée, retirez-la du fichier d'activité"


def altered(fiche: Fiche, ligne: Ligne) -> Problem:
    """A key the form never gave (or gave another sheet's row)."""
    other = fiche.empreintes.get(ligne.cle or "")
    why = f"celle d'une ligne de la feuille {other[0]}" if other else "aucune que la fiche a reçue"
    return remarque(
        CLE,
        f"clé cachée modifiée (« {ligne.cle} » est {why}) : ligne non importée",
        fiche.fichier,
        f"{ligne.onglet.nom}!A{ligne.row}",
        hint="remettez la clé d'origine, ou videz-la pour ajouter la ligne comme nouvelle",
    )


def copied(fiche: Fiche, ligne: Ligne) -> Problem:
    return remarque(
        DEVINE,
        "ligne copiée d'une autre (même clé) : lue comme une nouvelle ligne",
        fiche.fichier,
        ligne.ref(),
    )


def erased(fiche: Fiche, ligne: Ligne, cle: str) -> Problem:
    """A row without key recognised as a pre-filled entry whose key no row has."""
    return remarque(
        DEVINE,
        f"clé effacée : ligne reconnue comme l'entrée {cle} ({ligne.onglet.identite})",
        fiche.fichier,
        ligne.ref(),
    )


def deleted(fiche: Fiche, sheet: str, cle: str) -> Problem:
    return remarque(
        ABSENTE,
        f"une ligne pré-remplie n'est plus dans la feuille ({cle}) : son entrée est gardée"
        " dans le fichier",
        fiche.fichier,
        sheet,
        hint=RETIRER,
    )


def emptied(fiche: Fiche, ligne: Ligne) -> Problem:
    return remarque(
        ABSENTE,
        "ligne pré-remplie vidée : son entrée est gardée dans le fichier",
        fiche.fichier,
        ligne.ref(),
        hint=RETIRER,
    )


def to_fill(fiche: Fiche, ligne: Ligne, colonne: Colonne) -> Problem:
    where = ligne.ref(colonne.champ) if colonne.champ in ligne.colonnes else ligne.ref()
    return remarque(
        PERDU,
        f"« {colonne.titre} » est à remplir : ligne non importée",
        fiche.fichier,
        where,
        hint=CORRIGER_FICHE,
    )


def moved(fiche: Fiche, ligne: Ligne) -> Problem:
    return remarque(
        PERDU,
        "une séance ne change pas de réalisation par la fiche : ligne non importée",
        fiche.fichier,
        ligne.ref("realisation"),
        hint="déplacez-la dans le fichier d'activité",
    )


def realisation_by_title(fiche: Fiche, ligne: Ligne, titre: str, date: str) -> Problem:
    return remarque(
        DEVINE,
        f"réalisation reconnue à son titre : « {titre} » ({date_label(date)})",
        fiche.fichier,
        ligne.ref("realisation"),
    )


def realisation_unknown(fiche: Fiche, ligne: Ligne, text: str, several: bool) -> Problem:
    if not text:
        message = "il manque la réalisation : ligne non importée"
    else:
        message = f"réalisation {'ambiguë' if several else 'inconnue'} : « {text} »"
    return remarque(
        PERDU,
        message,
        fiche.fichier,
        ligne.ref("realisation"),
        hint="choisissez-la dans la liste, ou recopiez le titre d'une ligne de la feuille"
        " Réalisations",
    )
