"""French agreement — one rule for every message and report: a word with a count (`compte`,
`forme`), and a word with the gender and number of a noun (`accorde`, `pronom`, `le`).

The gender of a noun is not in its spelling: the domain's nouns (those messages are built
with) are listed in `FEMININS` and `MASCULINS`; a noun in neither is taken as masculine, and
is a mistake of clsm's that the tests catch (`connu`). Kept free of Babel so that `clsm validate`
and `clsm fmt` stay light; the reports' number formatting (formatting.py) uses the same rule.
"""

from __future__ import annotations

FEMININS = frozenset(
    {
        *("action", "activité", "année", "cible", "coordination", "compétence", "date"),
        *("description", "erreur", "instance", "mesure", "période", "réalisation"),
        *("réunion", "saisine", "séance", "structure", "unité", "valeur", "clé", "grille"),
        *("colonne", "feuille", "ligne", "conclusion", "perspective", "source", "note"),
        *("introduction", "gouvernance", "fin", "décision", "orientation", "présence"),
        *("évaluation", "répartition", "tranche"),
        *("appréciation", "collectivité", "commune", "délégation", "dépense", "échelle"),
        *("équipe", "fonction", "méthode", "mission", "modalité", "nature", "classification"),
        *("part", "participation", "pièce", "population", "précision", "présidence"),
        *("représentation", "typologie", "personne"),
    }
)
MASCULINS = frozenset(
    {
        *("avertissement", "axe", "calendrier", "champ", "commentaire", "dénominateur"),
        *("dispositif", "fichier", "financement", "identifiant", "indicateur", "intitulé"),
        *("libellé", "membre", "moyen", "numérateur", "objectif", "partenaire", "pilote"),
        *("plan", "prérequis", "public", "résultat", "statut", "territoire", "titre"),
        *("changement", "ordre", "modèle", "nom", "secteur", "sens", "calcul", "texte"),
        *("participant", "inscrit", "lieu", "type", "compte", "niveau", "présent", "mois"),
        *("nombre", "saisissant", "sexe", "thème", "rapport", "export", "suivi"),
        *("ancien", "avancement", "budget", "cadre", "chemin", "contact", "contrat"),
        *("coordinateur", "coporteur", "courriel", "cumul", "début", "département", "élu"),
        *("temps", "financeur", "historique", "invité", "jugement", "organisme", "lien"),
        *("montant", "auteur", "ptsm", "quartier", "répondant", "rôle", "service", "sigle"),
        *("site", "téléphone"),
    }
)
_ARTICLES = {"le": False, "la": True}
_VOYELLES = tuple("aeiouyhéèêàâîôû")


def forme(count: float, singular: str, plural: str | None = None) -> str:
    """The word that agrees with a count: French takes the singular below 2 (0, 1, 1,5)."""
    return singular if abs(count) < 2 else (plural or _pluriel(singular))


def compte(count: int, singular: str, plural: str | None = None) -> str:
    """`0 fichier`, `1 erreur`, `3 avertissements`."""
    return f"{count} {forme(count, singular, plural)}"


_PREPOSITIONS = frozenset({"de", "du", "des", "à", "au", "aux", "en", "pour", "par", "sur"})


def _pluriel(words: str) -> str:
    """The regular plural of each word up to a preposition (`laissé tel quel` → `laissés
    tels quels`, `valeur de référence` → `valeurs de référence`)."""
    result: list[str] = []
    for index, word in enumerate(split := words.split(" ")):
        if word in _PREPOSITIONS or word.startswith(("d'", "l'")):
            return " ".join(result + split[index:])
        result.append(word if word.endswith(("s", "x")) else word + "s")
    return " ".join(result)


def genre(nom: str) -> bool:
    """Whether a domain noun is feminine; its first word decides (`valeur de référence`)."""
    head = nom.split(" ")[0].lower()
    if head in FEMININS:
        return True
    if head in MASCULINS:
        return False
    singular = head.removesuffix("s")
    if singular != head and singular in FEMININS | MASCULINS:
        return genre(singular)
    return False  # French's default agreement; tests check every noun clsm uses is listed


def connu(nom: str) -> bool:
    """Whether a noun's gender is in the tables (for the tests)."""
    head = nom.split(" ")[0].lower()
    return bool({head, head.removesuffix("s")} & (FEMININS | MASCULINS))


def _groupe(groupe: str) -> tuple[bool, bool]:
    """(feminine, plural) of `l'intitulé`, `la description`, `les notes`, `action`."""
    article, _, rest = groupe.partition(" ")
    if article == "les":
        return genre(rest), True
    if article in _ARTICLES:
        return _ARTICLES[article], False
    if groupe.startswith(("l'", "l’")):
        return genre(groupe[2:]), False
    return genre(groupe), False


def accorde(adjectif: str, groupe: str, count: int = 1) -> str:
    """A regular adjective or past participle agreed with a noun (with its article or not):
    `modifié` with `l'intitulé` → `modifié`, `la description` → `modifiée`, `les notes` →
    `modifiées`; with `count` of 2 or more, the plural."""
    feminin, pluriel = _groupe(groupe)
    word = adjectif + ("e" if feminin and not adjectif.endswith("e") else "")
    return _pluriel(word) if pluriel or abs(count) >= 2 else word


def pronom(groupe: str) -> str:
    """The object pronoun for a noun: `le` (partenaire), `la` (action), `les` (notes)."""
    feminin, pluriel = _groupe(groupe)
    return "les" if pluriel else ("la" if feminin else "le")


def le(nom: str) -> str:
    """The noun with its definite article: `l'action`, `le partenaire`, `la réunion`."""
    if nom.lower().startswith(_VOYELLES):
        return f"l'{nom}"
    return f"{'la' if genre(nom) else 'le'} {nom}"


def verbe(groupe: str, singulier: str, pluriel: str) -> str:
    """The verb agreed with its subject: `l'intitulé passe`, `les notes passent`."""
    return pluriel if _groupe(groupe)[1] else singulier
