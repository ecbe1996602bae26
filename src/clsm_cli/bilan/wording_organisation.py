"""The bilan's words for the territory's organisation: the cellule de concertation, the
governance bodies, their members and meetings, the networks, and the next year's actions
(`Textes` in wording.py takes them from here). A body is named once: the part of the year's
governance text headed by its name goes under its own heading (`parts_instances`).
"""

from __future__ import annotations

import functools
import itertools
from typing import TYPE_CHECKING

from ..french.agreement import forme
from ..french.formatting import accord, date_fr, liste_fr, nombre, periode_fr

if TYPE_CHECKING:
    from ..models.activite import Participation, Reunion
    from ..models.partenaires import Partenaire
    from ..models.plan import Action
    from ..models.territoire import Membre
    from .construction import Bilan
    from .gouvernance import Cellule, InstanceBilan
    from .wording import Chiffres


class TextesOrganisation:
    """The words of the bilan's cellule, governance, networks and next year."""

    bilan: Bilan
    annee: int

    orientations = "Orientations"
    nouveau_membre = "nouveau membre"
    invitee = "invitée"
    """Beside a structure present at a meeting of a body it is not a member of."""

    # ------------------------------------------------------------ cellule

    @staticmethod
    def chiffres_cellule(cellule: Cellule) -> Chiffres:
        """The referrals and their levels (none when the year does not say)."""
        if cellule.nombre is None:
            return []
        saisines = forme(cellule.nombre, "saisine")
        chiffres = [(nombre(cellule.nombre), f"{saisines} en {cellule.annee}")]
        chiffres += [(nombre(n), f"de niveau {niveau}") for niveau, n in cellule.par_niveau]
        return chiffres

    @staticmethod
    def notes(cellule: Cellule) -> bool:
        """Whether some referral has a note: the note column is shown only then."""
        return any(s.note for s in cellule.saisines)

    def colonnes_saisines(self, cellule: Cellule) -> tuple[str, ...]:
        colonnes = ("Mois", "Saisine / sollicitation", "Niveau", "Décision")
        return (*colonnes, "Note") if self.notes(cellule) else colonnes

    @staticmethod
    def orientation(orientation: str, n: int) -> str:
        return f"{orientation} : {accord(n, 'saisine')}"

    # ------------------------------------------------------------ governance, networks

    @staticmethod
    def reperes(instance: InstanceBilan) -> str:
        """`Création : mars 2019 · Présidence : la maire adjointe`, or empty."""
        i = instance.instance
        pieces = [f"Création : {date_fr(i.depuis)}"] if i.depuis else []
        pieces += [f"Présidence : {i.presidence}"] if i.presidence else []
        return " · ".join(pieces)

    @functools.cached_property
    def _gouvernance_partagee(self) -> tuple[str, dict[str, str]]:
        noms = {i.instance.id: i.instance.nom for i in self.bilan.gouvernance}
        return parts_instances(self.bilan.activite.gouvernance, noms)

    @property
    def texte_gouvernance(self) -> str:
        """The coordinator's governance text, but for its parts headed by the name of a
        body the bilan presents (`texte_instance`): each body is named once."""
        return self._gouvernance_partagee[0]

    def texte_instance(self, instance: InstanceBilan) -> str:
        """The part of the coordinator's governance text headed by this body's name, without
        its heading (the body's own names it); empty when there is none."""
        return self._gouvernance_partagee[1].get(instance.instance.id, "")

    @property
    def membres_annonce(self) -> str:
        return f"Membres en {self.annee} :"

    def membre(self, membre: Membre, partenaire: Partenaire | None) -> str:
        """`UNAFAM (vice-présidence)`, a new member so marked after a dash; a role that only
        repeats the member's name is not said twice."""
        text = partenaire.nom if partenaire else membre.partenaire
        if not membre.role or meme_nom(membre.role, text):
            return text
        return f"{text} ({membre.role})"

    def membre_nouveau(self, membre: Membre) -> bool:
        return membre.depuis == self.annee

    def reunions_annonce(self, instance: InstanceBilan) -> str:
        """`2 réunions en 2022 (4 prévues) :`; the planned count when clsm.yaml gives it. A
        body with meetings planned and none in the year's file: `Aucune réunion enregistrée
        en 2023 (1 prévue).` (what the files say, not that none was held); otherwise, without
        a meeting, nothing."""
        prevues = instance.instance.reunions_prevues
        sur = f" ({prevues} {forme(prevues, 'prévue')})" if prevues is not None else ""
        if not instance.reunions:
            return f"Aucune réunion enregistrée en {self.annee}{sur}." if prevues else ""
        return f"{accord(len(instance.reunions), 'réunion')} en {self.annee}{sur} :"

    @staticmethod
    def date_reunion(reunion: Reunion) -> str:
        return date_fr(reunion.date).capitalize()

    def presents(self, instance: InstanceBilan, reunion: Reunion) -> str:
        """`12 participants ; structures présentes : a, b et c (invitée)`, or empty when the
        file does not say who came. A structure that is not a member of the body that year is
        marked « invitée », when the body's members are known."""
        membres = {m.partenaire for m, _ in instance.membres}
        noms = [
            (self.bilan.partenaires[i].nom if i in self.bilan.partenaires else i)
            + (f" ({self.invitee})" if membres and i not in membres else "")
            for i in reunion.presents
        ]
        titre = "structure présente" if len(noms) == 1 else "structures présentes"
        pieces = [accord(reunion.participants, "participant")] if reunion.participants else []
        pieces += [f"{titre} : {liste_fr(noms)}"] if noms else []
        text = " ; ".join(pieces)
        return text[:1].upper() + text[1:]

    @staticmethod
    def cadre(participation: Participation) -> str:
        """`Conseil territorial de santé (départemental)`."""
        niveau = f" ({participation.niveau})" if participation.niveau else ""
        return participation.cadre + niveau

    # ------------------------------------------------------------ next year

    @property
    def perspectives_annonce(self) -> str:
        plan = self.bilan.plan_suivant
        periode = f" par le plan {periode_fr(plan.periode)}" if plan else ""
        return f"Actions prévues en {self.annee + 1}{periode} :"

    def pilote(self, action: Action) -> str:
        """` — pilote : Centre hospitalier`, or empty when the plan names none we know."""
        partenaire = self.bilan.partenaires.get(action.pilote) if action.pilote else None
        return f" — pilote : {partenaire.nom}" if partenaire else ""


def meme_nom(a: str, b: str) -> bool:
    """Whether two names say the same, however their case, spaces, dashes, apostrophes and
    final colon are typed (`CHHL - CMP` and `CHHL – CMP`)."""
    return _nom_normalise(a) == _nom_normalise(b)


_TIRETS = str.maketrans("–—’", "--'")


def _nom_normalise(text: str) -> str:
    text = text.translate(_TIRETS)
    return " ".join(text.casefold().split()).rstrip(" :.")


def parts_instances(texte: str | None, noms: dict[str, str]) -> tuple[str, dict[str, str]]:
    """A governance text apart from its parts headed by a body's name (`noms`: id → name),
    and those parts by body, each without its heading.

    A part is a heading of the text's top level and what follows it up to the next one;
    the text before the first heading, and parts that name no body, stay in place."""
    if not texte:
        return "", {}
    from markdown_it import MarkdownIt  # as the bilan's Markdown filter does, when needed

    tokens = MarkdownIt("commonmark").enable("table").parse(texte)
    titres = [
        (int(token.tag[1]), token.map, inline.content)
        for token, inline in itertools.pairwise(tokens)
        if token.type == "heading_open" and token.level == 0 and token.map is not None
    ]
    if not titres:
        return texte, {}
    haut = min(niveau for niveau, _, _ in titres)
    lines = texte.splitlines()
    debuts = [(m[0], m[1], titre) for niveau, m, titre in titres if niveau == haut]
    par_nom = {_nom_normalise(nom): ident for ident, nom in noms.items()}
    reste, parts = lines[: debuts[0][0]], {}
    fins = [debut for debut, _, _ in debuts[1:]] + [len(lines)]
    for (debut, corps, titre), fin in zip(debuts, fins, strict=True):
        ident = par_nom.get(_nom_normalise(titre))
        if ident is None or ident in parts:
            reste += lines[debut:fin]
        else:
            parts[ident] = "\n".join(lines[corps:fin]).strip()
    return "\n".join(reste).strip(), parts
