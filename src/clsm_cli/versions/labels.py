"""How `clsm diff` names what changed: each field of the four kinds of file by a French label
(a test checks every field of every model has one; a field without one is still told, by
its key), and the entries of a list told one by one (a year's action follow-up, a spending, a
referral…) by a noun and what tells one entry from the others."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..french.dates import du
from ..french.formatting import date_fr, en_unite
from ..models.activite import (
    ActionAnnee,
    CommentaireAxe,
    Depense,
    Participation,
    Reunion,
    Saisine,
)
from ..models.common import LISTES, Choix
from ..models.evaluation import EvaluationObjectifs, Jugement
from ..models.partenaires import AncienNom
from ..models.plan import Financement, MontantAnnuel
from ..models.territoire import Elu, Financeur, Membre, Personne

LIBELLES_CHAMPS = {
    "titre": "l'intitulé",
    "description": "la description",
    "prerequis": "les prérequis",
    "public_cible": "le public cible",
    "dispositifs_existants": "les dispositifs existants",
    "resultats_attendus": "les résultats attendus",
    "sources_verification": "les sources de vérification",
    "moyens_mobilisables": "les moyens mobilisables",
    "moyens_a_mobiliser": "les moyens à mobiliser",
    "pilote": "le pilote",
    "partenaires": "les partenaires",
    "calendrier": "le calendrier",
    "statut": "le statut",
    "financements": "les financements",
    "competences_psychosociales": "les compétences psychosociales",
    "notes": "les notes",
    "suite_de": "l'action continuée (suite_de)",
    "themes": "les thèmes (OSCARS)",
    "publics": "les publics visés (OSCARS)",
    "types_intervention": "les types d'intervention (OSCARS)",
    "territoire": "le territoire touché (OSCARS)",
    "libelle": "le libellé",
    "unite": "l'unité",
    "numerateur": "le numérateur",
    "denominateur": "le dénominateur",
    "reference": "la valeur de référence",
    "sens": "le sens",
    "calcul": "le calcul",
    "nom": "le nom",
    "secteur": "le secteur",
    "introduction": "l'introduction",
    "gouvernance": "le texte sur la gouvernance",
    "conclusion": "la conclusion",
    "participants": "les participants",
    "inscrits": "les inscrits",
    "lieu": "le lieu",
    "type": "le type",
    "date": "la date",
    "date_fin": "la date de fin",
    "texte": "le texte",
    "nombre_actions": "le nombre d'actions",
    "ordre_du_jour": "l'ordre du jour",
    "presents": "les présents",
    "compte_rendu": "le compte rendu",
    "saisissant": "le saisissant",
    "niveau": "le niveau",
    "decision": "la décision",
    "orientation": "l'orientation",
    "public": "le public compté",
    "sexe": "le sexe compté",
    "tranche_age": "la tranche d'âge comptée",
    "action": "l'action",
    "actions": "le suivi des actions",
    "activites": "les activités",
    "ages": "la répartition par âge",
    "anciens_noms": "les anciens noms",
    "annee": "l'année",
    "appreciation": "l'appréciation",
    "avancement": "l'avancement",
    "axe": "l'axe",
    "axes": "les textes des axes",
    "budget": "le budget",
    "cadre": "le cadre",
    "chemin": "le chemin",
    "cibles": "les cibles",
    "collectivite": "la collectivité",
    "commentaire": "le commentaire",
    "commune": "la commune",
    "communes": "les communes",
    "contact": "le contact",
    "contrat_de_ville": "le contrat de ville",
    "contrat_local_de_sante": "le contrat local de santé",
    "coordinateur": "le coordinateur",
    "coordination": "la coordination",
    "coporteurs": "les coporteurs",
    "courriel": "le courriel",
    "cumul": "le cumul",
    "date_creation": "la date de création",
    "date_labellisation": "la date de labellisation",
    "debut": "le début",
    "delegation": "la délégation",
    "departements": "les départements",
    "depenses": "les dépenses",
    "depuis": "la date de début (depuis)",
    "devenu": "la structure qui lui succède (devenu)",
    "dispositif": "le dispositif",
    "echelle": "l'échelle",
    "elus": "les élus",
    "equipe": "l'équipe",
    "etp": "le temps de travail (ETP)",
    "evaluations": "les évaluations",
    "fin": "la fin",
    "financeur": "le financeur",
    "financeurs": "les financeurs",
    "fonction": "la fonction",
    "historique": "l'historique",
    "id": "l'identifiant",
    "indicateur": "l'indicateur",
    "indicateurs": "les indicateurs",
    "instance": "l'instance",
    "instances": "les instances",
    "invites": "les invités",
    "jugements": "les jugements",
    "jusqu_a": "la date de fin (jusqu_a)",
    "labellise_par": "l'organisme de labellisation",
    "lien": "le lien",
    "membres": "les membres",
    "mesures": "les mesures",
    "methode": "la méthode",
    "mission": "la mission",
    "modalites": "les modalités",
    "mois": "le mois",
    "montant": "le montant",
    "nature": "la nature",
    "note": "la note",
    "objectif": "l'objectif",
    "objectif_global": "l'objectif global",
    "objectifs": "les objectifs",
    "oscars": "la classification OSCARS",
    "par": "l'auteur (par)",
    "parent": "la structure parente",
    "part": "la part",
    "partenaire": "le partenaire",
    "partenaires_fondateurs": "les partenaires fondateurs",
    "participations": "les participations",
    "periode": "la période",
    "perspectives": "les perspectives",
    "pieces": "les pièces",
    "population": "la population",
    "population_source": "la source de la population",
    "precisions": "les précisions",
    "presidence": "la présidence",
    "ptsm": "le PTSM",
    "quartiers_prioritaires": "les quartiers prioritaires",
    "realisations": "les réalisations",
    "repartition": "la répartition par structure",
    "repondants": "les répondants",
    "representant_usagers": "la représentation des usagers",
    "resultat_attendu": "le résultat attendu",
    "reunions": "les réunions",
    "reunions_prevues": "le nombre de réunions prévues par an",
    "role": "le rôle",
    "saisines": "les saisines",
    "seances": "les séances",
    "secteurs_psychiatriques": "les secteurs psychiatriques",
    "service": "le service",
    "sexes": "la répartition par sexe",
    "sigle": "le sigle",
    "site": "le site",
    "source": "la source",
    "structure": "la structure",
    "structure_porteuse": "la structure porteuse",
    "telephone": "le téléphone",
    "types_realisation": "les types de réalisation",
    "typologie": "la typologie",
    "valeur": "la valeur",
}
"""Each field of the models by its French label, with its article (for agreement)."""

LIBELLES_REPARTITIONS = {
    "publics": "la répartition par public",
    "sexes": "la répartition par sexe",
    "ages": "la répartition par âge",
}
"""A realisation's breakdowns (an action's `publics` are OSCARS' publics visés)."""


def valeur(value: Any) -> Any:
    """A value as the bilan says it: a closed list's value by its French label (`reportee` →
    « Reportée », as `liste` gave it), anything else as is."""
    if isinstance(value, Choix) and type(value) in LISTES:
        return LISTES[type(value)].libelles[value.value]
    return value


def libelle(name: str, labels: Mapping[str, str] | None = None) -> str:
    """A field's label: `labels` first (where a name means another thing there), then
    `LIBELLES_CHAMPS`, else the key itself, so that no change goes unsaid."""
    return (labels or {}).get(name) or LIBELLES_CHAMPS.get(name) or f"le champ « {name} »"


@dataclass(frozen=True, slots=True)
class Entree:
    """How the entries of a list are told one by one: « saisine ajoutée : février 2026,
    Silène », « saisine février 2026, Silène : le niveau passe de « 2 » à « 1 » »."""

    nom: str
    """The noun an entry is (its gender agrees the words said of it)."""
    cle: Callable[[Any], str]
    """What tells an entry from the others of its list, in words."""
    champs_cle: frozenset[str]
    """The fields `cle` reads: an entry whose key changed is another entry."""
    resume: Callable[[Any], str] | None = None
    """What an entry added or removed is told with, when its key alone would leave out what
    it says (« montant de l'année ajouté : 2026, 12 000 € »); its key otherwise."""

    def dit(self, item: Any) -> str:
        """An entry added or removed, in words."""
        return self.resume(item) if self.resume is not None else self.cle(item)


def _suffix(text: str | None, before: str = " ") -> str:
    return f"{before}{text}" if text else ""


def _financement(e: Financement) -> str:
    """`ars, FIR`: a funding by its funder and scheme."""
    return e.financeur + _suffix(e.dispositif, ", ")


def _euros(montant: float | None) -> str | None:
    return en_unite(montant, "euros") if montant is not None else None


ENTREES: dict[type, Entree] = {
    ActionAnnee: Entree("suivi de l'action", lambda e: e.action, frozenset({"action"})),
    Depense: Entree(
        "dépense",
        lambda e: f"{e.action}, {e.financeur}" + _suffix(e.dispositif, ", "),
        frozenset({"action", "financeur", "dispositif"}),
    ),
    CommentaireAxe: Entree("texte de l'axe", lambda e: e.axe, frozenset({"axe"})),
    Participation: Entree("participation", lambda e: f"« {e.cadre} »", frozenset({"cadre"})),
    EvaluationObjectifs: Entree(
        "évaluation",
        lambda e: f"par {e.par}" + _suffix(date_fr(e.date) if e.date else None, ", "),
        frozenset({"par", "date"}),
    ),
    Jugement: Entree(
        "jugement",
        lambda e: f"de l'objectif {e.objectif}" if e.objectif else f"« {e.titre} »",
        frozenset({"objectif", "titre"}),
    ),
    Reunion: Entree(
        "réunion",
        lambda e: f"{e.instance} {du(e.date)}",
        frozenset({"instance", "date"}),
    ),
    Saisine: Entree(
        "saisine",
        lambda e: f"{date_fr(e.mois)}, {e.saisissant}",
        frozenset({"mois", "saisissant"}),
    ),
    Membre: Entree("membre", lambda e: e.partenaire, frozenset({"partenaire"})),
    Personne: Entree("personne", lambda e: e.nom, frozenset({"nom"})),
    Elu: Entree("élu", lambda e: e.nom, frozenset({"nom"})),
    Financeur: Entree(
        "financeur",
        lambda e: e.partenaire + _suffix(e.dispositif, ", "),
        frozenset({"partenaire", "dispositif"}),
    ),
    Financement: Entree(
        "financement",
        _financement,
        frozenset({"financeur", "dispositif"}),
        lambda e: _financement(e) + _suffix(_euros(e.montant), ", "),
    ),
    MontantAnnuel: Entree(
        "montant de l'année",
        lambda e: str(e.annee),
        frozenset({"annee"}),
        lambda e: f"{e.annee}, {_euros(e.montant)}",
    ),
    AncienNom: Entree("ancien nom", lambda e: f"« {e.nom} »", frozenset({"nom"})),
}
"""The lists whose entries are paired by key and told one by one (the others, and lists
of texts, are told whole or item by item in changes.py)."""
