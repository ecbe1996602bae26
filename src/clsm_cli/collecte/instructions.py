"""The form's first sheet, in French: what it is for, what to fill and how, to whom and by
when it goes back."""

from __future__ import annotations

from datetime import date

from ..validation.dossier import Dossier
from .layout import Onglet
from .lists import date_label
from .scope import Perimetre

Ligne = tuple[str, str]
"""A line of the sheet and its style (excel/workbook.py's formats)."""


def instruction_lines(
    dossier: Dossier,
    perimetre: Perimetre,
    sheets: tuple[Onglet, ...],
    retour: str | None,
    faite: date,
) -> list[Ligne]:
    """The lines of the instructions sheet."""
    territoire = dossier.territoire[1] if dossier.territoire else None
    nom = territoire.nom if territoire else dossier.root.name
    lines: list[Ligne] = [(f"Fiche de collecte {perimetre.annee} — {nom}", "clsm-titre")]
    if perimetre.partenaire is not None:
        lines.append((f"Pour : {perimetre.partenaire.en(perimetre.annee).nom}", "clsm-sous-titre"))
    if perimetre.demandees:
        lines.append((f"Actions : {', '.join(perimetre.demandees)}", "clsm-sous-titre"))
    lines.append(("", "clsm-paragraphe"))
    lines.append((_return_line(dossier, retour), "clsm-sous-titre"))
    lines += [
        ("", "clsm-paragraphe"),
        ("Ce qu'il faut remplir", "clsm-sous-titre"),
        *((f"• {o.nom} : {o.consigne}.", "clsm-paragraphe") for o in sheets),
        ("", "clsm-paragraphe"),
        ("Comment", "clsm-sous-titre"),
        *((f"• {text.format(annee=perimetre.annee)}", "clsm-paragraphe") for text in HOW),
        ("", "clsm-paragraphe"),
        (
            f"Fiche faite par clsm le {date_label(faite.isoformat())}, à partir du fichier"
            f" d'activité {perimetre.annee} et du plan"
            f" {perimetre.plan.periode.debut}-{perimetre.plan.periode.fin}.",
            "clsm-note",
        ),
    ]
    return lines


HOW = (  # `{annee}`: the form's year, in the examples
    "Les lignes déjà remplies viennent du fichier de l'année : complétez-les ou corrigez-les."
    " Chacune porte une clé dans la colonne A, masquée : ne la modifiez pas, c'est elle qui"
    " permet de mettre à jour l'entrée au lieu de la recopier.",
    "Ajoutez vos lignes en dessous. Trier, filtrer ou insérer des lignes est sans risque.",
    "Choisissez les actions, types, statuts, instances et partenaires dans les listes"
    " déroulantes ; un partenaire peut aussi s'écrire par son nom ou son sigle.",
    "Dates : jj/mm/aaaa. Quand le jour n'est pas connu, écrivez le mois ({annee}-05) ou"
    " l'année ({annee}).",
    "Nombres : des nombres entiers, sans texte (11 et non « 11 participants »).",
    "Une séance se rattache à sa réalisation par la colonne Réalisation ; pour une réalisation"
    " ajoutée à la feuille Réalisations, recopiez son titre. Ses présents se comptent structure"
    " par structure (Structure 1, Présents 1…) ou, à défaut, au total.",
    "Pour retirer une entrée, ne supprimez pas sa ligne : dites-le à la coordination (une ligne"
    " supprimée est gardée dans le fichier, et signalée).",
    "Ne modifiez pas les feuilles masquées (Listes, clsm-collecte) : clsm les relit.",
)


def _return_line(dossier: Dossier, retour: str | None) -> str:
    """To whom, by when: the territory's contact, else its coordinator."""
    territoire = dossier.territoire[1] if dossier.territoire else None
    who = None
    if territoire is not None and territoire.contact is not None:
        contact = territoire.contact
        who = ", ".join(x for x in (contact.nom, contact.courriel) if x)
    if not who and territoire is not None and territoire.coordination is not None:
        who = territoire.coordination.coordinateur
    when = f" avant le {retour}" if retour else ""
    if who:
        return f"À renvoyer{when} à : {who}."
    return f"À renvoyer{when} à la coordination du CLSM."
