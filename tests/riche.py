"""A territory where every field of every file is filled: Poitiers (the bundled example)
plus, for each field it leaves empty, a distinctive value (« zéphyr »), so that a test can
tell whether an output shows a field by finding that value.

`AJOUTS` is merged into Poitiers' files: mappings key by key, lists extended, a `Suite`
added to the text as its last paragraph, other values replaced. Every field of the models
must have a value somewhere in `AJOUTS` (`tests/test_shown.py` says which is missing): a new
field is given one here.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from conftest import PLANS

ANNEE = 2022
PLAN = "plan-2018-2022.yaml"

ZEPHYR = "zephyr-asso"
SUITE = "zephyr-suite"


class Suite(str):
    """A text added as a last paragraph to the example's own, which stays."""

    __slots__ = ()


_PARTENAIRES: dict[str, Any] = {
    "partenaires": [
        {
            "id": ZEPHYR,
            "nom": "Association Zéphyrine Quillebœuf",
            "sigle": "AZQ",
            "secteur": "securite-justice",
            "type": "bailleur",
            "representant_usagers": True,
            "parent": "ville-poitiers",
            "depuis": 2017,
            "jusqu_a": 2029,
            "devenu": SUITE,
            "anciens_noms": [{"nom": "Amicale Zéphyrine", "sigle": "AMZQ", "jusqu_a": 2016}],
            "commune": "Saint-Zéphyrin-les-Bois",
            "site": "https://zephyrine.example.org",
            "notes": "Note zéphyrine sur le partenaire.",
        },
        {
            "id": SUITE,
            "nom": "Fondation Quillebœuf-Suite",
            "secteur": "culture",
            "depuis": 2020,
        },
    ]
}

_TERRITOIRE: dict[str, Any] = {
    "nom": "CLSM de Zéphyrville",
    "territoire": "Zéphyrville et ses faubourgs",
    "date_labellisation": "2016-11-08",
    "labellise_par": SUITE,
    "historique": Suite("Historique zéphyrien du CLSM."),
    "mission": Suite("Mission zéphyrienne du CLSM."),
    "partenaires_fondateurs": [ZEPHYR],
    "notes": "Note zéphyrine sur le territoire.",
    "date_creation": "2015-06-23",
    "communes": ["Zéphyrville-Haute", "Zéphyrville-Basse"],
    "population": 123457,
    "population_source": "Recensement zéphyr 2020",
    "typologie": "semi-urbain",
    "quartiers_prioritaires": ["Quartier Zéphyr-Nord"],
    "contrat_de_ville": True,
    "secteurs_psychiatriques": ["Secteur zéphyr 86G09"],
    "contrat_local_de_sante": "CLS zéphyr 2023-2027",
    "ptsm": "PTSM zéphyr de la Vienne",
    "contact": {
        "nom": "Zoé Contact",
        "fonction": "fonction zéphyr",
        "courriel": "zoe@zephyr.example.org",
        "telephone": "05 49 00 11 22",
    },
    "coordination": {
        "structure_porteuse": ZEPHYR,
        "coporteurs": [SUITE],
        "service": "Service Zéphyr",
        "coordinateur": "Zélie Quintard",
        "equipe": [
            {"nom": "Zélie Quintard", "role": "coordinatrice zéphyr", "etp": 0.4},
            {"nom": "Zacharie Quint", "role": "assistant zéphyr", "etp": 0.25},
        ],
        "elus": [{"nom": "Zénon Élu", "delegation": "délégation zéphyr", "collectivite": SUITE}],
        "etp": 0.65,
        "financeurs": [
            {
                "partenaire": ZEPHYR,
                "part": 7,
                "montant": 12345,
                "periode": {"debut": 2019, "fin": 2026},
                "dispositif": "Dispositif Zéphyr",
            }
        ],
        "modalites": "Modalités zéphyriennes de la coordination.",
    },
    "instances": [
        {
            "id": "zephyr-comite",
            "nom": "Comité Zéphyr",
            "type": "groupe-de-travail",
            "depuis": "2019-03",
            "description": "Description du comité Zéphyr.",
            "presidence": "Présidence zéphyr",
            "reunions_prevues": 4,
            "membres": [
                {
                    "partenaire": ZEPHYR,
                    "depuis": ANNEE,
                    "jusqu_a": 2028,
                    "role": "rôle zéphyrien",
                }
            ],
        }
    ],
}

_ACTION: dict[str, Any] = {
    "id": "9.1.1",
    "titre": "Action zéphyrienne",
    "description": "Description de l'action zéphyr.",
    "prerequis": ["Prérequis zéphyr"],
    "public_cible": "Public cible zéphyr",
    "dispositifs_existants": "Dispositifs existants zéphyr",
    "resultats_attendus": ["Résultat attendu zéphyr"],
    "indicateurs": [
        {
            "id": "9.1.1-taux",
            "libelle": "Taux zéphyr",
            "unite": "pourcentage",
            "numerateur": "numérateur zéphyr",
            "denominateur": "dénominateur zéphyr",
            "reference": {"annee": 2018, "valeur": 43},
            "cibles": [{"annee": ANNEE, "valeur": 87}],
            "sens": "baisse",
            "sources_verification": ["Source de l'indicateur zéphyr"],
            "resultat_attendu": "Résultat suivi zéphyr",
        },
        {
            "id": "9.1.1-ateliers",
            "libelle": "Ateliers zéphyr",
            "calcul": "nombre-realisations",
            "types_realisation": ["atelier"],
            "cumul": False,
        },
        {"id": "9.1.1-euros", "libelle": "Dépense zéphyr", "unite": "euros"},
        {
            "id": "9.1.1-benevoles",
            "libelle": "Bénévoles zéphyr",
            "calcul": "somme-participants",
            "public": "benevoles",
        },
        {
            "id": "9.1.1-autres",
            "libelle": "Autres zéphyr",
            "calcul": "somme-participants",
            "sexe": "autre",
        },
        {
            "id": "9.1.1-petits",
            "libelle": "Tout-petits zéphyr",
            "calcul": "somme-participants",
            "tranche_age": "moins-de-7",
        },
    ],
    "sources_verification": ["Source de l'action zéphyr"],
    "moyens_mobilisables": ["Moyen mobilisable zéphyr"],
    "moyens_a_mobiliser": ["Moyen à mobiliser zéphyr"],
    "pilote": ZEPHYR,
    "partenaires": [SUITE],
    "calendrier": {"debut": "2019-02", "fin": "2022-11", "precisions": "Chaque lune zéphyr"},
    "statut": "abandonnee",
    "financements": [
        {
            "financeur": ZEPHYR,
            "dispositif": "Fonds Zéphyr",
            "montant": 23456,
            "periode": {"debut": 2019, "fin": ANNEE},
            "budget": [{"annee": ANNEE, "montant": 34567}],
        }
    ],
    "competences_psychosociales": ["gestion-stress"],
    "oscars": {
        "themes": ["sante-environnement"],
        "publics": ["personnes-justice"],
        "types_intervention": ["amenagement-du-milieu"],
        "territoire": {
            "echelle": "intercommunalite",
            "communes": ["Zéphyr-sur-Mer"],
            "departements": ["Département zéphyrien"],
            "precisions": "Précisions territoriales zéphyr",
        },
    },
    "notes": "Note zéphyrine sur l'action.",
    "suite_de": "1.1.1",
}

_PLAN: dict[str, Any] = {
    "titre": "Plan zéphyr de Zéphyrville",
    "periode": {"debut": 2018, "fin": ANNEE},
    "objectif_global": Suite("Objectif global zéphyr."),
    "description": "Présentation du plan zéphyr.",
    "axes": [
        {
            "id": "9",
            "titre": "Axe zéphyr",
            "description": "Description de l'axe zéphyr.",
            "objectifs": [
                {
                    "id": "9.1",
                    "titre": "Objectif zéphyr",
                    "description": "Description de l'objectif zéphyr.",
                    "actions": [_ACTION],
                }
            ],
        }
    ],
}

_ACTIVITE: dict[str, Any] = {
    "annee": ANNEE,
    "introduction": Suite("Introduction zéphyrienne du bilan."),
    "gouvernance": Suite("Gouvernance zéphyrienne de l'année."),
    "conclusion": Suite("Conclusion zéphyrienne du bilan."),
    "axes": [
        {"axe": "9", "texte": "Texte de l'axe zéphyr.", "perspectives": ["Perspective zéphyr"]}
    ],
    "realisations": [
        {
            "id": "zephyr-atelier",
            "action": "9.1.1",
            "type": "atelier",
            "titre": "Atelier zéphyrien",
            "date": "2022-03-14",
            "date_fin": "2022-03-16",
            "lieu": "Salle Zéphyr",
            "partenaires": [SUITE],
            "inscrits": 987,
            "participants": 432,
            "publics": {"benevoles": 123, "elus": 45},
            "sexes": {"autre": 77},
            "ages": {"moins-de-7": 31, "88+": 29},
            "nombre_actions": 13,
            "seances": [
                {
                    "date": "2022-03-14",
                    "participants": 321,
                    "publics": {"benevoles": 99},
                    "lieu": "Salle des séances zéphyr",
                    "precisions": "Précisions de séance zéphyr",
                },
                {
                    "date": "2022-03-16",
                    "repartition": [
                        {"partenaire": ZEPHYR, "participants": 211},
                        {"structure": "Collectif Zéphyr hors annuaire", "participants": 7},
                    ],
                    "sexes": {"autre": 55},
                    "ages": {"7-87": 66},
                },
            ],
            "texte": "Texte de la réalisation zéphyr.",
            "pieces": [
                {"titre": "Émargement zéphyr", "lien": "https://zephyr.example.org/emargement"},
                {"titre": "Photo zéphyr", "chemin": "pieces/photo-zephyr.txt"},
            ],
        }
    ],
    "reunions": [
        {
            "instance": "zephyr-comite",
            "date": "2022-09-21",
            "ordre_du_jour": ["Point zéphyr"],
            "presents": [ZEPHYR],
            "compte_rendu": "Compte rendu zéphyr.",
            "participants": 17,
            "pieces": [
                {"titre": "Relevé zéphyr signé", "chemin": "pieces/releve-zephyr.txt"},
                {"titre": "Diaporama zéphyr", "lien": "https://zephyr.example.org/diaporama"},
            ],
        }
    ],
    "saisines": [
        {
            "mois": "2022-08",
            "saisissant": "Saisissant zéphyr",
            "partenaire": ZEPHYR,
            "niveau": 2,
            "decision": "Décision zéphyr.",
            "orientation": "Orientation zéphyr",
            "invites": [SUITE],
            "note": "Note de saisine zéphyr",
        }
    ],
    "mesures": [
        {
            "indicateur": "9.1.1-taux",
            "numerateur": 35,
            "denominateur": 42,
            "date": "2022-12-05",
            "source": "Source de mesure zéphyr",
            "commentaire": "Commentaire de mesure zéphyr",
            "pieces": [
                {"titre": "Questionnaire zéphyr", "lien": "https://zephyr.example.org/q"},
                {"titre": "Résultats zéphyr", "chemin": "pieces/photo-zephyr.txt"},
            ],
        },
        {"indicateur": "9.1.1-euros", "valeur": 5678, "cumul": True},
    ],
    "actions": [
        {
            "action": "9.1.1",
            "statut": "en-cours",
            "avancement": 62,
            "commentaire": "Commentaire de l'année zéphyr",
        }
    ],
    "depenses": [
        {
            "action": "9.1.1",
            "financeur": ZEPHYR,
            "dispositif": "Fonds Zéphyr",
            "montant": 19876,
            "commentaire": "Dépense expliquée zéphyr",
        }
    ],
    "participations": [
        {"cadre": "Réseau Zéphyr", "niveau": "zéphyrien", "activites": ["Activité zéphyr"]}
    ],
    "evaluations": [
        {
            "par": "Jury zéphyr",
            "methode": "Méthode zéphyr",
            "repondants": 77,
            "date": "2022-10-05",
            "texte": "Texte de l'évaluation zéphyr.",
            "jugements": [
                {
                    "objectif": "9.1",
                    "titre": "Objectif jugé zéphyr",
                    "appreciation": "non-atteint",
                    "commentaire": "Commentaire du jugement zéphyr",
                }
            ],
        }
    ],
}

AJOUTS: dict[str, dict[str, Any]] = {
    "territoire": _TERRITOIRE,
    "partenaires": _PARTENAIRES,
    "plan": _PLAN,
    "activite": _ACTIVITE,
}
"""What is added to Poitiers, by kind of file."""

FICHIERS = {
    "territoire": "clsm.yaml",
    "partenaires": "partenaires.yaml",
    "plan": PLAN,
    "activite": f"activite/{ANNEE}.yaml",
}


def _merge(base: Any, ajout: Any) -> Any:
    if isinstance(base, dict) and isinstance(ajout, dict):
        for key, value in ajout.items():
            base[key] = _merge(base[key], value) if key in base else value
        return base
    if isinstance(ajout, Suite):
        return f"{str(base).rstrip()}\n\n{ajout}\n"
    if isinstance(base, list) and isinstance(ajout, list):
        base.extend(ajout)
        return base
    return ajout


def _plain(value: Any) -> Any:
    """`Suite` texts as plain strings, which the YAML writer knows."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value) if isinstance(value, str) else value


def territoire_riche(root: Path) -> Path:
    """Poitiers copied under `root`, with `AJOUTS` merged into its files."""
    from clsm_cli.writing.yaml_text import dumps, round_trip

    shutil.copytree(PLANS / "poitiers", root)
    for kind, name in FICHIERS.items():
        path = root / name
        data = round_trip().load(path.read_text(encoding="utf-8"))
        merged = _merge(data, AJOUTS[kind])
        path.write_text(dumps(_plain(merged)), encoding="utf-8")
    for piece in ("photo-zephyr.txt", "releve-zephyr.txt"):
        (root / "pieces").mkdir(exist_ok=True)
        (root / "pieces" / piece).write_text("pièce zéphyr\n", encoding="utf-8")
    return root
