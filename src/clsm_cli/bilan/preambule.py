"""The territory as the bilan's preamble states it: dates, communes, population, typology,
politique de la ville, psychiatric sectors, links to a CLS or a PTSM, a contact."""

from __future__ import annotations

from ..french.formatting import date_fr, liste_fr, nombre
from ..models.territoire import LIBELLES_TYPOLOGIES, Territoire


def territoire_de(territoire: Territoire) -> list[tuple[str, str]]:
    """The territory's standing facts as labelled facts, in the order a reader asks them."""
    t = territoire
    faits: list[tuple[str, str]] = []
    if t.date_creation:
        faits.append(("Création", date_fr(t.date_creation)))
    if t.communes:
        faits.append(("Communes", liste_fr(t.communes)))
    if t.population is not None:
        source = f" ({t.population_source})" if t.population_source else ""
        faits.append(("Population", f"{nombre(t.population)} habitants{source}"))
    if t.typologie is not None:
        faits.append(("Typologie", LIBELLES_TYPOLOGIES[t.typologie]))
    ville = _politique_de_la_ville(t)
    if ville:
        faits.append(("Politique de la ville", ville))
    if t.secteurs_psychiatriques:
        faits.append(("Secteurs de psychiatrie", liste_fr(t.secteurs_psychiatriques)))
    if t.contrat_local_de_sante:
        faits.append(("Contrat local de santé", t.contrat_local_de_sante))
    if t.ptsm:
        faits.append(("Projet territorial de santé mentale", t.ptsm))
    if t.contact is not None:
        contact = [c for c in (t.contact.nom, t.contact.fonction) if c]
        joindre = [c for c in (t.contact.courriel, t.contact.telephone) if c]
        texte = ", ".join(contact) + (" — " if contact and joindre else "") + " — ".join(joindre)
        if texte:
            faits.append(("Contact", texte))
    return faits


def _politique_de_la_ville(t: Territoire) -> str:
    """`contrat de ville ; quartiers prioritaires : Bel-Air, Couronneries` (what is known)."""
    parts = []
    if t.contrat_de_ville is True:
        parts.append("contrat de ville")
    elif t.contrat_de_ville is False:
        parts.append("pas de contrat de ville")
    if t.quartiers_prioritaires:
        parts.append(f"quartiers prioritaires : {liste_fr(t.quartiers_prioritaires)}")
    text = " ; ".join(parts)
    return text[:1].upper() + text[1:]
