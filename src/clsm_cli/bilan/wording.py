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
from typing import TYPE_CHECKING

from ..figures.money import Somme
from ..french.agreement import forme
from ..french.formatting import (
    TITRES_REPARTITIONS,
    accord,
    au_moins,
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
from .wording_organisation import TextesOrganisation

if TYPE_CHECKING:
    from ..models.activite import Piece
    from ..models.partenaires import Partenaire
    from ..models.plan import Financement
    from .construction import Bilan
    from .financements import LigneFinancement, TotalFinanceur
    from .indicateurs import LigneIndicateur
    from .publics import TableauPublics
    from .travaux import ActionBilan, AxeBilan, RealisationBilan

Chiffres = list[tuple[str, str]]
"""Key figures as (figure, label): the HTML shows them as cards, the others as a sentence."""


class Textes(TextesOrganisation):
    """The words of one year's bilan (its cellule, governance, networks and next year's in
    wording_organisation.py)."""

    sommaire = "Sommaire"
    mission = "Mission"
    fondateurs = "Partenaires fondateurs"
    ressources = "Ressources et coordination"
    le_territoire = "Le territoire"
    secteurs = "Secteurs représentés"
    representants = "Représentants des habitants, usagers et familles"
    total = "Total"
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
        """`ARS Nouvelle-Aquitaine — FIR (14 500 € pour 2020–2023)`: an amount is said with
        the years it is for (its own, else the plan's), not read as the year's."""
        partenaire = self.bilan.partenaires.get(financement.financeur)
        text = partenaire.nom if partenaire else financement.financeur
        if financement.dispositif:
            text += f" — {financement.dispositif}"
        plan = self.bilan.plan
        periode = financement.periode or (plan.periode if plan is not None else None)
        if financement.montant is not None:
            pour = f" pour {periode_fr(periode)}" if periode is not None else ""
            text += f" ({en_unite(financement.montant, 'euros')}{pour})"
        elif financement.periode is not None:
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
        """The axis's total, said when it has realisations (an action may be there for its
        status alone)."""
        if not axe.nombre_realisations:
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
    def montant(value: float | Somme | None) -> str:
        """`14 500 €`, or « non renseigné » (an amount absent is not 0); a total some line
        lacks is « au moins 3 000 € »."""
        if isinstance(value, Somme):
            return au_moins(value.valeur, value.partiel, "euros")
        return en_unite(value, "euros")

    @staticmethod
    def action_financee(ligne: LigneFinancement) -> str:
        return f"{ligne.action.id} {ligne.action.titre}"

    @staticmethod
    def financeur_total(total: TotalFinanceur) -> str:
        """`ARS Nouvelle-Aquitaine` (an amount some line lacks says it: `montant`)."""
        return total.financeur

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


def seance(date: str, lieu: str | None, precisions: str | None) -> str:
    """A session as its table's first column says it: `6 mai 2022 · Salle A · en soirée`."""
    return " · ".join(piece for piece in (date, lieu, precisions) if piece)
