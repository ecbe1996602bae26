"""The bilan's words, decided once for every format.

Headings, table headers, key figures and the sentences built around figures are written
here; the HTML and Markdown templates get them as `textes`, the DOCX writer reads them, and
each renderer only decides the markup (bold, lists, tables). The sentences that belong to
one piece of data stay on it and are used as they are: section titles (`Bilan.sections`),
persons and attendances (`effectifs`), the cellule's `resume` and `comparaison`.

Names are French, as template authors read them: `{{ textes.total_axe(a) }}`.
"""

from __future__ import annotations

import functools
import itertools
from typing import TYPE_CHECKING

from ..french.agreement import forme
from ..french.formatting import (
    TITRES_REPARTITIONS,
    accord,
    date_fr,
    en_unite,
    liste_fr,
    nombre,
    periode_fr,
    romain,
)
from ..models.common import LIBELLES_SECTEURS
from ..models.oscars import LIBELLES_THEMES_OSCARS
from ..models.plan import LIBELLES_STATUTS

if TYPE_CHECKING:
    from ..models.activite import Participation, Piece, Reunion
    from ..models.partenaires import Partenaire
    from ..models.plan import Action, Financement
    from ..models.territoire import Membre
    from .construction import Bilan
    from .financements import LigneFinancement, TotalFinanceur
    from .gouvernance import Cellule, InstanceBilan
    from .indicateurs import LigneIndicateur
    from .publics import TableauPublics
    from .travaux import ActionBilan, AxeBilan, RealisationBilan

Chiffres = list[tuple[str, str]]
"""Key figures as (figure, label): the HTML shows them as cards, the others as a sentence."""


class Textes:
    """The words of one year's bilan."""

    sommaire = "Sommaire"
    mission = "Mission"
    fondateurs = "Partenaires fondateurs"
    ressources = "Ressources et coordination"
    le_territoire = "Le territoire"
    secteurs = "Secteurs représentés"
    representants = "Représentants des habitants, usagers et familles"
    orientations = "Orientations"
    total = "Total"
    nouveau_membre = "nouveau membre"
    colonnes_secteurs = ("Secteur", "Structures", "Partenaires")
    colonnes_plan = ("Axe", "Objectif spécifique", "Actions")

    def __init__(self, bilan: Bilan) -> None:
        self.bilan = bilan
        self.annee = bilan.annee

    # ------------------------------------------------------------ title page and sections

    def titre_section(self, anchor: str) -> str:
        """`II. Le partenariat en 2022`: a present section's number and title."""
        titre = dict(self.bilan.sections)[anchor]
        return f"{romain(self.bilan.numeros[anchor])}. {titre}"

    @property
    def territoire_couvert(self) -> str:
        """`Territoire : Ville de Poitiers`."""
        return f"Territoire : {self.bilan.territoire.territoire}"

    @property
    def porteuse(self) -> str:
        """`Structure porteuse : Ville de Poitiers`, or empty."""
        porteuse = self.bilan.structure_porteuse
        return f"Structure porteuse : {porteuse.nom}" if porteuse else ""

    @property
    def liste_fondateurs(self) -> str:
        """`Partenaires fondateurs : a, b et c`, or empty."""
        noms = [p.nom for p in self.bilan.fondateurs]
        return f"{self.fondateurs} : {liste_fr(noms)}" if noms else ""

    @staticmethod
    def phrase(chiffres: Chiffres) -> str:
        """Key figures as one sentence: `3 structures actives, dont 1 nouvelle et 2 …`."""
        parts = [f"{figure} {label}" for figure, label in chiffres]
        if len(parts) > 1:
            return f"{parts[0]}, dont {liste_fr(parts[1:])}."
        return f"{parts[0]}." if parts else ""

    # ------------------------------------------------------------ partnership

    @property
    def chiffres_partenariat(self) -> Chiffres:
        """The active structures, and among them the new ones and the users' representatives."""
        p = self.bilan.partenariat
        if p is None:
            return []
        actives = forme(p.nombre, "structure partenaire active", "structures partenaires actives")
        chiffres = [(nombre(p.nombre), f"{actives} en {self.annee}")]
        if p.nouveaux:
            n = len(p.nouveaux)
            chiffres.append((nombre(n), forme(n, "nouveau partenaire", "nouveaux partenaires")))
        if p.representants_usagers:
            n = len(p.representants_usagers)
            representants = forme(n, "représentant")
            chiffres.append((nombre(n), f"{representants} des usagers et des familles"))
        return chiffres

    @property
    def nouveaux_partenaires(self) -> str:
        return f"Nouveaux partenaires en {self.annee}"

    @staticmethod
    def nouveau_partenaire(partenaire: Partenaire) -> str:
        """`Clubhouse (Habitants, usagers, citoyens)`."""
        return f"{partenaire.nom} ({LIBELLES_SECTEURS[partenaire.secteur]})"

    @property
    def partenaires_sortants(self) -> str:
        return f"Partenaires dont {self.annee} est la dernière année"

    def partenaire_sortant(self, partenaire: Partenaire) -> str:
        """`UDAF 86 (Social et médico-social), à qui succède UDAF de la Vienne`."""
        text = f"{partenaire.nom} ({LIBELLES_SECTEURS[partenaire.secteur]})"
        successeur = self.bilan.partenaires.get(partenaire.devenu or "")
        return f"{text}, à qui succède {successeur.nom}" if successeur else text

    # ------------------------------------------------------------ the work of the year

    @property
    def realisations_annee(self) -> str:
        return f"Réalisations de l'année : {self.bilan.effectifs}."

    @property
    def publics_touches(self) -> str:
        return f"Publics touchés en {self.annee}"

    @staticmethod
    def colonnes_publics(tableau: TableauPublics) -> tuple[str, str, str]:
        """`Public`, `Sexe` or `Âge`, then persons and attendances."""
        return (TITRES_REPARTITIONS[tableau.dimension], "Personnes", "Présences")

    @staticmethod
    def repartitions(r: RealisationBilan) -> list[str]:
        """`Public : 28 professionnels et 8 habitants ; non précisé pour 4`, a line for
        each breakdown of the persons it reached."""
        return r.repartitions

    colonne_publics = "Publics"

    @staticmethod
    def publics_seance(repartitions: list[str]) -> str:
        """A session's attendance by public, sex and age, in one cell."""
        return " · ".join(repartitions)

    @staticmethod
    def titre_action(action: ActionBilan) -> str:
        return f"Action {action.action.id} – {action.action.titre}"

    def statut_action(self, action: ActionBilan) -> str:
        """`En 2022 : en cours, 60 % — reportée faute de salle`: the year's status when the
        activity file gives it; else `Statut dans le plan : en cours`, the plan's snapshot."""
        suivi = self.bilan.activite.suivi(action.action.id)
        if suivi is not None:
            text = f"En {self.annee} : {LIBELLES_STATUTS[suivi.statut].lower()}"
            if suivi.avancement is not None:
                text += f", {en_unite(suivi.avancement, 'pourcentage')}"
            return text + (f" — {suivi.commentaire}" if suivi.commentaire else "")
        statut = action.action.statut
        return f"Statut dans le plan : {LIBELLES_STATUTS[statut].lower()}" if statut else ""

    @staticmethod
    def pieces(pieces: list[Piece], majuscule: bool = True) -> str:
        """`Pièces : Feuille d'émargement (preuves/2022/e.pdf) ; Questionnaire (https://…)`."""
        if not pieces:
            return ""
        titre = forme(len(pieces), "pièce")
        titre = titre.capitalize() if majuscule else titre
        return f"{titre} : " + " ; ".join(f"{p.titre} ({p.chemin or p.lien})" for p in pieces)

    def financement(self, financement: Financement) -> str:
        """`ARS Nouvelle-Aquitaine — FIR (14 500 €), 2020-2023`."""
        partenaire = self.bilan.partenaires.get(financement.financeur)
        text = partenaire.nom if partenaire else financement.financeur
        if financement.dispositif:
            text += f" — {financement.dispositif}"
        if financement.montant is not None:
            text += f" ({en_unite(financement.montant, 'euros')})"
        if financement.periode is not None:
            text += f", {periode_fr(financement.periode)}"
        return text

    def financements_action(self, action: ActionBilan) -> str:
        """`Financements : a ; b`, or empty when the plan gives none."""
        financements = [self.financement(f) for f in action.action.financements]
        if not financements:
            return ""
        titre = "Financement" if len(financements) == 1 else "Financements"
        return f"{titre} : {' ; '.join(financements)}"

    @staticmethod
    def themes_action(action: ActionBilan) -> str:
        """`Thèmes : Santé mentale ; Compétences psychosociales` (its OSCARS themes), or
        empty when the plan gives none."""
        oscars = action.action.oscars
        if oscars is None or not oscars.themes:
            return ""
        titre = "Thème" if len(oscars.themes) == 1 else "Thèmes"
        return f"{titre} : " + " ; ".join(LIBELLES_THEMES_OSCARS[t] for t in oscars.themes)

    @staticmethod
    def details(r: RealisationBilan) -> str:
        """`Formation · 6 mai 2022 · 12 personnes (sur 15 inscrits) · Salle A`."""
        pieces = [r.type, r.date, r.effectifs]
        if r.realisation.nombre_actions:
            pieces.append(accord(r.realisation.nombre_actions, "action"))
        pieces.append(r.realisation.lieu or "")
        return " · ".join(piece for piece in pieces if piece)

    @staticmethod
    def partenaires_realisation(r: RealisationBilan) -> str:
        """`Partenaires : a, b et c`, or empty."""
        return f"Partenaires : {liste_fr([p.nom for p in r.partenaires])}" if r.partenaires else ""

    @staticmethod
    def colonnes_seances(r: RealisationBilan) -> tuple[str, ...]:
        """The session table's headers; the breakdown only when some session gives it."""
        return ("Séance", "Présences", "Répartition") if r.repartition else ("Séance", "Présences")

    @staticmethod
    def total_action(action: ActionBilan) -> str:
        """The action's total, said only when it has more than one realisation."""
        n = len(action.realisations)
        if n <= 1:
            return ""
        return f"Total de l'action : {accord(n, 'réalisation')}, {action.effectifs}."

    @staticmethod
    def total_axe(axe: AxeBilan) -> str:
        """The axis's total, said when it has actions."""
        if not axe.actions:
            return ""
        n = accord(axe.nombre_realisations, "réalisation")
        return f"Total de l'axe : {n}, {axe.effectifs}."

    @property
    def perspectives_axe(self) -> str:
        return f"Perspectives {self.annee + 1}"

    # ------------------------------------------------------------ indicators

    @functools.cached_property
    def indicateurs_suivis(self) -> bool:
        """Whether some indicator has a reference or a target: their columns are shown."""
        return any(ligne.cible or ligne.reference for ligne in self.bilan.indicateurs)

    @functools.cached_property
    def avec_references(self) -> bool:
        """Whether some indicator has a reference: its column is shown only then (a column
        empty on every row reads as data forgotten). Asked on every row: kept."""
        return self.indicateurs_suivis and any(ligne.reference for ligne in self.bilan.indicateurs)

    @property
    def colonnes_indicateurs(self) -> tuple[str, ...]:
        valeur = f"Valeur {self.annee}"
        if self.indicateurs_suivis:
            reference = ("Référence",) if self.avec_references else ()
            return ("Indicateur", "Action", *reference, "Cible", valeur, "Écart", "Statut")
        return ("Indicateur", "Action", valeur)

    # ------------------------------------------------------------ money

    par_financeur = "Par financeur"

    @property
    def colonnes_financements(self) -> tuple[str, ...]:
        return ("Action", "Financeur", "Dispositif", f"Prévu {self.annee}", f"Dépensé {self.annee}")

    @property
    def colonnes_financeurs(self) -> tuple[str, ...]:
        return ("Financeur", f"Prévu {self.annee}", f"Dépensé {self.annee}")

    @staticmethod
    def montant(value: float | None) -> str:
        """`14 500 €`, or « non renseigné » (an amount absent is not 0)."""
        return en_unite(value, "euros")

    @staticmethod
    def action_financee(ligne: LigneFinancement) -> str:
        return f"{ligne.action.id} {ligne.action.titre}"

    @staticmethod
    def financeur_total(total: TotalFinanceur) -> str:
        """`ARS Nouvelle-Aquitaine`, and « (partiel) » when a line of it lacks a figure."""
        return total.financeur + (" (partiel)" if total.partiel else "")

    @staticmethod
    def rapport(ligne: LigneIndicateur) -> str:
        """`personnes formées / personnes concernées`: what a rate divides, or empty."""
        ind = ligne.indicateur
        if not (ind.numerateur and ind.denominateur):
            return ""
        return f"{ind.numerateur} / {ind.denominateur}"

    @staticmethod
    def releve(ligne: LigneIndicateur) -> str:
        """`Commentaire (source : enquête ; relevé : 5 décembre 2022)`, or empty."""
        mesure = ligne.releve
        if mesure is None:
            return ""
        pieces = [f"source : {mesure.source}"] if mesure.source else []
        pieces += [f"relevé : {date_fr(mesure.date)}"] if mesure.date else []
        pieces += [Textes.pieces(mesure.pieces, majuscule=False)] if mesure.pieces else []
        details = " ; ".join(pieces)
        if mesure.commentaire:
            return f"{mesure.commentaire} ({details})" if details else mesure.commentaire
        return details[:1].upper() + details[1:]

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
        """`2 réunions en 2022 (4 prévues) :`; the planned count when clsm.yaml gives it."""
        prevues = instance.instance.reunions_prevues
        sur = f" ({prevues} {forme(prevues, 'prévue')})" if prevues is not None else ""
        return f"{accord(len(instance.reunions), 'réunion')} en {self.annee}{sur} :"

    @staticmethod
    def date_reunion(reunion: Reunion) -> str:
        return date_fr(reunion.date).capitalize()

    def presents(self, reunion: Reunion) -> str:
        """`12 participants ; structures présentes : a, b et c`, or empty when the file does
        not say who came."""
        noms = [
            self.bilan.partenaires[i].nom if i in self.bilan.partenaires else i
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


def seance(date: str, lieu: str | None, precisions: str | None) -> str:
    """A session as its table's first column says it: `6 mai 2022 · Salle A · en soirée`."""
    return " · ".join(piece for piece in (date, lieu, precisions) if piece)


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
