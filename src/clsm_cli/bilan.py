"""The yearly bilan as data: every figure computed from the territory's files.

`construire(dossier, annee)` gathers what the templates show, section by section, in the
files' own vocabulary (template authors write `bilan.partenariat.nombre`). A section with
nothing to say is None or empty, and templates leave it out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from . import compute, formatting, suivi
from .compute import NON_RENSEIGNE, Decompte
from .formatting import (
    accord,
    chiffre,
    date_fr,
    effectif,
    en_unite,
    intervalle_fr,
    liste_fr,
    nombre,
    periode_fr,
    pourcentage,
)
from .models.activite import Activite, Presence, Realisation, Reunion, Saisine
from .models.common import LIBELLES_SECTEURS, bornes
from .models.partenaires import Partenaire
from .models.plan import (
    Action,
    Axe,
    Calcul,
    Indicateur,
    ObjectifSpecifique,
    Plan,
    Unite,
)
from .models.territoire import Instance, Membre, Territoire
from .workspace import Dossier

LIBELLES_TYPES = {
    "evenement": "Événement",
    "formation": "Formation",
    "atelier": "Atelier",
    "sensibilisation": "Sensibilisation",
    "seminaire": "Séminaire",
    "reunion": "Réunion",
    "groupe-de-travail": "Groupe de travail",
    "immersion": "Immersion",
    "permanence": "Permanence",
    "publication": "Publication",
    "communication": "Communication",
    "accompagnement": "Accompagnement",
    "etude": "Étude",
    "autre": "Autre",
}


UNITES_GRAPHIQUES = {
    Unite.POURCENTAGE: "en pourcentage",
    Unite.NOMBRE: "en nombre",
    Unite.EUROS: "en euros",
    Unite.HEURES: "en heures",
    Unite.JOURS: "en jours",
}
"""One target-and-value chart per unit: a percentage and a count never share an axis."""


@dataclass(slots=True)
class Graphique:
    """A chart's data and its text alternative; images are drawn per output format."""

    id: str
    titre: str
    libelles: list[str]
    series: dict[str, list[float | None]]
    unite: str = ""
    alternative: str = ""
    etiquettes: dict[str, list[str]] = field(default_factory=dict)
    """Each bar's label, by series, when a bare number would say less (unit, partial)."""


@dataclass(slots=True)
class LigneSecteur:
    """One sector of the partnership and its active partners."""

    secteur: str
    nombre: int
    partenaires: list[Partenaire]


@dataclass(slots=True)
class Partenariat:
    """The structures active in the year."""

    actifs: list[Partenaire]
    par_secteur: list[LigneSecteur]
    nouveaux: list[Partenaire]
    representants_usagers: list[Partenaire]
    graphique: Graphique

    @property
    def nombre(self) -> int:
        """How many structures were active."""
        return len(self.actifs)


def effectifs(personnes: Decompte, presences: Decompte | None) -> str:
    """`12 personnes, 24 présences`, saying which figure is unknown or only partly known.

    The one place that words persons and attendances, for every format. Without
    `presences` (a realisation without sessions, whose attendance is its persons) only
    the persons are said.
    """
    if personnes.valeur is None and (presences is None or presences.valeur is None):
        return (
            f"personnes et présences : {NON_RENSEIGNE}"
            if presences is not None
            else f"personnes : {NON_RENSEIGNE}"
        )
    text = effectif(personnes, "personne")
    if personnes.partiel:
        text += f" ({NON_RENSEIGNE} pour {accord(personnes.manquants, 'réalisation')})"
    if presences is not None:
        text += ", " + effectif(presences, "présence")
    return text


@dataclass(slots=True)
class RealisationBilan:
    """A realisation with its computed figures and named partners.

    `personnes` are the distinct persons reached, `presences` the attendance summed
    over its sessions (a session's attendance is in `seances`).
    """

    realisation: Realisation
    date: str
    type: str
    personnes: int | None
    presences: Decompte
    partenaires: list[Partenaire]
    seances: list[tuple[str, int | None, str]]

    @property
    def participants(self) -> int | None:
        """The persons reached (the name templates used before persons and attendances)."""
        return self.personnes

    @property
    def effectifs(self) -> str:
        """Its persons and attendance in words; empty when the file gives neither."""
        if self.personnes is None and self.presences.valeur is None:
            return ""
        presences = self.presences if self.realisation.seances else None
        return effectifs(compute.decompte([self.personnes]), presences)


def _totaux(realisations: list[RealisationBilan]) -> tuple[Decompte, Decompte]:
    return compute.totaux((r.personnes, r.presences) for r in realisations)


@dataclass(slots=True)
class ActionBilan:
    """An action and what was done for it this year."""

    action: Action
    objectif: ObjectifSpecifique
    realisations: list[RealisationBilan]

    @property
    def personnes(self) -> Decompte:
        """The persons its realisations reached."""
        return _totaux(self.realisations)[0]

    @property
    def presences(self) -> Decompte:
        """The attendance of its realisations."""
        return _totaux(self.realisations)[1]

    @property
    def participants(self) -> int | None:
        """The persons reached, when known (the name templates used before)."""
        return self.personnes.valeur

    @property
    def effectifs(self) -> str:
        """Its persons and attendance in words."""
        return effectifs(self.personnes, self.presences)


@dataclass(slots=True)
class AxeBilan:
    """An axis of the plan, its actions' work, and the coordinator's words on it."""

    axe: Axe
    titre: str
    texte: str | None
    perspectives: list[str]
    actions: list[ActionBilan]

    @property
    def realisations(self) -> list[RealisationBilan]:
        """The axis's realisations, action by action."""
        return [r for a in self.actions for r in a.realisations]

    @property
    def personnes(self) -> Decompte:
        """The persons the axis's realisations reached."""
        return _totaux(self.realisations)[0]

    @property
    def presences(self) -> Decompte:
        """The attendance of the axis's realisations."""
        return _totaux(self.realisations)[1]

    @property
    def participants(self) -> int | None:
        """The persons reached, when known (the name templates used before)."""
        return self.personnes.valeur

    @property
    def effectifs(self) -> str:
        """Its persons and attendance in words."""
        return effectifs(self.personnes, self.presences)

    @property
    def nombre_realisations(self) -> int:
        """How many realisations the axis had."""
        return sum(len(a.realisations) for a in self.actions)


@dataclass(slots=True)
class LigneIndicateur:
    """One row of the indicator tracking table."""

    indicateur: Indicateur
    action: Action
    reference: str
    cible: str
    valeur: str
    detail: str
    ecart: str
    statut: str
    valeur_num: float | None
    cible_num: float | None
    partiel: bool = False


@dataclass(slots=True)
class Cellule:
    """The cellule de concertation's year: referrals, counts and earlier years."""

    annee: int
    nombre: int | None
    """How many referrals this year; None when the year's file does not say."""
    saisines: list[Saisine]
    par_niveau: list[tuple[int, int]]
    par_orientation: list[tuple[str, int]]
    historique: list[tuple[int, int]]

    @property
    def resume(self) -> str:
        """`6 saisines en 2022 : 5 de niveau 1, 1 de niveau 2`, or `non renseigné`."""
        if self.nombre is None:
            return f"Saisines en {self.annee} : {NON_RENSEIGNE}"
        niveaux = ", ".join(f"{n} de niveau {niveau}" for niveau, n in self.par_niveau)
        return f"{accord(self.nombre, 'saisine')} en {self.annee}" + (
            f" : {niveaux}" if niveaux else ""
        )


@dataclass(slots=True)
class InstanceBilan:
    """A governance body, its members that year, and its meetings."""

    instance: Instance
    membres: list[tuple[Membre, Partenaire | None]]
    nouveaux_membres: list[tuple[Membre, Partenaire | None]]
    reunions: list[Reunion]


@dataclass(slots=True)
class PerspectiveAxe:
    """The actions a plan schedules for next year, under one axis."""

    axe: Axe
    titre: str
    actions: list[Action]


@dataclass(slots=True)
class Bilan:
    """Everything the bilan d'activité of one year shows."""

    territoire: Territoire
    annee: int
    slug: str
    partenaires: dict[str, Partenaire]
    structure_porteuse: Partenaire | None
    fondateurs: list[Partenaire]
    coordination: list[tuple[str, str]]
    plan: Plan | None
    activite: Activite
    partenariat: Partenariat | None
    axes: list[AxeBilan]
    indicateurs: list[LigneIndicateur]
    cellule: Cellule | None
    gouvernance: list[InstanceBilan]
    perspectives: list[PerspectiveAxe]
    plan_suivant: Plan | None
    plan_actuel: Plan | None
    graphiques: list[Graphique] = field(default_factory=list)

    @property
    def titre(self) -> str:
        """The report's title."""
        return f"Bilan d'activité {self.annee}"

    @property
    def personnes(self) -> Decompte:
        """The persons the year's realisations reached."""
        return _totaux([r for a in self.axes for r in a.realisations])[0]

    @property
    def presences(self) -> Decompte:
        """The attendance of the year's realisations."""
        return _totaux([r for a in self.axes for r in a.realisations])[1]

    @property
    def participants(self) -> int | None:
        """The persons reached, when known (the name templates used before)."""
        return self.personnes.valeur

    @property
    def effectifs(self) -> str:
        """The year's persons and attendance in words."""
        return effectifs(self.personnes, self.presences)

    @property
    def chiffres_cles(self) -> list[tuple[str, str]]:
        """The key figures of the year's work, as (figure, label): persons, attendance."""
        if self.personnes.valeur is None and self.presences.valeur is None:
            return []
        un = (self.personnes.valeur or 0) <= 1
        personnes = "personne touchée" if un else "personnes touchées"
        presences = "présence" if (self.presences.valeur or 0) <= 1 else "présences"
        return [
            (chiffre(self.personnes), f"{personnes} par les réalisations de l'année"),
            (chiffre(self.presences), presences),
        ]

    @property
    def sections(self) -> list[tuple[str, str]]:
        """The sections that have something to say, as (anchor, title), in order."""
        t, act = self.territoire, self.activite
        present = [
            (
                "preambule",
                "Préambule",
                bool(t.historique or t.mission or self.fondateurs) or bool(self.coordination),
            ),
            ("partenariat", f"Le partenariat en {self.annee}", self.partenariat is not None),
            ("travaux", f"Travaux réalisés en {self.annee}", bool(self.axes)),
            ("indicateurs", "Indicateurs de suivi", bool(self.indicateurs)),
            ("cellule", "La cellule de concertation", self.cellule is not None),
            ("gouvernance", "Gouvernance", bool(self.gouvernance or act.gouvernance)),
            ("coordination", "Coordination et réseaux", bool(act.participations)),
            ("perspectives", f"Perspectives {self.annee + 1}", bool(self.perspectives)),
            (
                "plan",
                self._titre_plan(),
                self.plan_actuel is not None and bool(self.plan_actuel.axes),
            ),
            ("conclusion", "Conclusion", bool(act.conclusion)),
        ]
        return [(anchor, title) for anchor, title, shown in present if shown]

    @property
    def numeros(self) -> dict[str, int]:
        """Each present section's number (1-based), by anchor."""
        return {anchor: n for n, (anchor, _) in enumerate(self.sections, start=1)}

    def _titre_plan(self) -> str:
        plan = self.plan_actuel
        if plan is None:
            return "Le plan d'action"
        return f"Le plan d'action {periode_fr(plan.periode)}"


def titre_axe(axe: Axe) -> str:
    """`Axe 1 – Lutte contre la stigmatisation`, or `Axe 2` when the plan gives no title."""
    return f"Axe {axe.id} – {axe.titre}" if axe.titre else f"Axe {axe.id}"


def nom(partenaire: Partenaire) -> str:
    """The name a reader knows a partner by."""
    return partenaire.sigle or partenaire.nom


# ---------------------------------------------------------------- sections


def _partenariat(bilan_partenaires: dict[str, Partenaire], activite: Activite) -> Partenariat:
    actifs = sorted(
        (
            bilan_partenaires[i]
            for i in compute.partenaires_actifs(activite)
            if i in bilan_partenaires
        ),
        key=lambda p: p.nom.casefold(),
    )
    counts = Counter(p.secteur for p in actifs)
    lignes = [
        LigneSecteur(
            LIBELLES_SECTEURS[secteur],
            n,
            [p for p in actifs if p.secteur is secteur],
        )
        for secteur, n in sorted(counts.items(), key=lambda item: (-item[1], item[0].value))
    ]
    graphique = Graphique(
        "partenaires-secteurs",
        f"Secteurs des {len(actifs)} partenaires actifs en {activite.annee}",
        [ligne.secteur for ligne in lignes],
        {"Partenaires": [float(ligne.nombre) for ligne in lignes]},
        unite="structures",
        alternative="Partenaires actifs par secteur : "
        + "; ".join(f"{ligne.secteur} : {ligne.nombre}" for ligne in lignes)
        + ".",
    )
    return Partenariat(
        actifs=actifs,
        par_secteur=lignes,
        nouveaux=[p for p in actifs if p.depuis == activite.annee],
        representants_usagers=[p for p in actifs if p.representant_usagers],
        graphique=graphique,
    )


def _realisation(r: Realisation, partenaires: dict[str, Partenaire]) -> RealisationBilan:
    seances = []

    def qui(presence: Presence) -> str:
        if presence.partenaire in partenaires:
            return nom(partenaires[presence.partenaire])
        return presence.structure or presence.partenaire or ""

    for seance in r.seances:
        detail = ", ".join(f"{p.participants} {qui(p)}" for p in seance.repartition)
        seances.append((date_fr(seance.date), compute.presences_seance(seance), detail))
    return RealisationBilan(
        realisation=r,
        date=intervalle_fr(r.date, r.date_fin),
        type=LIBELLES_TYPES.get(r.type.value, r.type.value),
        personnes=compute.personnes(r),
        presences=compute.presences(r),
        partenaires=[
            partenaires[i] for i in sorted(compute.partenaires_realisation(r)) if i in partenaires
        ],
        seances=seances,
    )


def _axes(plan: Plan, activite: Activite, partenaires: dict[str, Partenaire]) -> list[AxeBilan]:
    par_action: dict[str, list[Realisation]] = {}
    for r in sorted(activite.realisations, key=lambda r: bornes(r.date)[0]):
        par_action.setdefault(r.action, []).append(r)
    commentaires = {c.axe: c for c in activite.axes}
    axes = []
    for axe in plan.axes:
        actions = [
            ActionBilan(act, obj, [_realisation(r, partenaires) for r in par_action[act.id]])
            for obj in axe.objectifs
            for act in obj.actions
            if act.id in par_action
        ]
        commentaire = commentaires.get(axe.id)
        texte = commentaire.texte if commentaire else None
        perspectives = list(commentaire.perspectives) if commentaire else []
        if actions or texte or perspectives:
            axes.append(AxeBilan(axe, titre_axe(axe), texte, perspectives, actions))
    return axes


def _valeur_texte(indicateur: Indicateur, value: float | None) -> str:
    return en_unite(value, indicateur.unite)


def _indicateurs(plan: Plan, activite: Activite) -> list[LigneIndicateur]:
    """Every indicator of the plan; one the year gives no value for says so."""
    lignes = []
    for action, ind in plan.indicateurs():
        mesure = compute.valeur(ind, action.id, activite)
        cible = suivi.cible_applicable(ind, activite.annee)
        detail = ""
        ecart = ""
        etat = suivi.etat(ind, plan, activite.annee, mesure)
        if mesure is None:
            pass
        elif mesure.numerateur is not None and mesure.denominateur is not None:
            detail = f"{nombre(mesure.numerateur)} / {nombre(mesure.denominateur)}"
        elif mesure.calculee:
            detail = "calculé"
        if mesure is not None and not mesure.partiel and cible is not None:
            ecart = formatting.ecart(mesure.valeur - cible.valeur, ind.unite)
        reference = ""
        if ind.reference is not None:
            reference = f"{_valeur_texte(ind, ind.reference.valeur)} ({ind.reference.annee})"
        cible_texte = ""
        if cible is not None:
            cible_texte = _valeur_texte(ind, cible.valeur)
            cible_texte += f" ({cible.annee or plan.periode.fin})"
        valeur = _valeur_texte(ind, mesure.valeur if mesure else None)
        lignes.append(
            LigneIndicateur(
                indicateur=ind,
                action=action,
                reference=reference,
                cible=cible_texte,
                valeur=f"au moins {valeur}" if mesure and mesure.partiel else valeur,
                detail=detail,
                ecart=ecart,
                statut=etat,
                valeur_num=mesure.valeur if mesure else None,
                cible_num=cible.valeur if cible else None,
                partiel=mesure.partiel if mesure else False,
            )
        )
    return lignes


def _cellule(dossier: Dossier, activite: Activite) -> Cellule | None:
    historique: list[tuple[int, int]] = []
    for _, other in sorted(dossier.activites, key=lambda item: item[1].annee):
        if other.annee >= activite.annee:
            continue
        count = _nombre_saisines(dossier, other)
        if count is not None:
            historique.append((other.annee, count))
    nombre = _nombre_saisines(dossier, activite)
    if nombre is None and not historique:
        return None
    niveaux = Counter(s.niveau for s in activite.saisines)
    orientations = Counter(s.orientation for s in activite.saisines if s.orientation)
    return Cellule(
        annee=activite.annee,
        nombre=nombre,
        saisines=sorted(activite.saisines, key=lambda s: bornes(s.mois)[0]),
        par_niveau=sorted(niveaux.items()),
        par_orientation=orientations.most_common(),
        historique=historique,
    )


def _nombre_saisines(dossier: Dossier, activite: Activite) -> int | None:
    """Referrals of a year: recorded for a `nombre-saisines` indicator, else from the detail.

    A year whose file has no `saisines` key and no such measurement does not say: None,
    not 0 (`saisines: []` says 0).
    """
    covering = dossier.plan_pour(activite.annee)
    for _, ind in covering[1].indicateurs() if covering else []:
        if ind.calcul is Calcul.NOMBRE_SAISINES:
            mesure = next((m for m in activite.mesures if m.indicateur == ind.id), None)
            if mesure is not None:
                return round(compute.valeur_mesure(mesure))
    if compute.saisines_renseignees(activite):
        return len(activite.saisines)
    return None


def _gouvernance(
    territoire: Territoire, activite: Activite, partenaires: dict[str, Partenaire]
) -> list[InstanceBilan]:
    reunions: dict[str, list[Reunion]] = {}
    for reunion in sorted(activite.reunions, key=lambda r: bornes(r.date)[0]):
        reunions.setdefault(reunion.instance, []).append(reunion)
    instances = []
    for instance in territoire.instances:
        membres = [
            (m, partenaires.get(m.partenaire))
            for m in instance.membres
            if (m.depuis is None or m.depuis <= activite.annee)
            and (m.jusqu_a is None or m.jusqu_a >= activite.annee)
        ]
        nouveaux = [(m, p) for m, p in membres if m.depuis == activite.annee]
        if membres or instance.id in reunions:
            instances.append(
                InstanceBilan(instance, membres, nouveaux, reunions.get(instance.id, []))
            )
    return instances


def _prevue(action: Action, plan: Plan, annee: int) -> bool:
    cal = action.calendrier
    debut = bornes(cal.debut)[0].year if cal and cal.debut else plan.periode.debut
    fin = bornes(cal.fin)[1].year if cal and cal.fin else plan.periode.fin
    return debut <= annee <= fin


def _perspectives(plan: Plan | None, annee: int) -> list[PerspectiveAxe]:
    if plan is None:
        return []
    result = []
    for axe in plan.axes:
        actions = [a for o in axe.objectifs for a in o.actions if _prevue(a, plan, annee)]
        if actions:
            result.append(PerspectiveAxe(axe, titre_axe(axe), actions))
    return result


def _coordination(
    territoire: Territoire, partenaires: dict[str, Partenaire]
) -> list[tuple[str, str]]:
    """Label and coordination resources as labelled facts (sentences would need articles)."""

    def named(ident: str) -> str:
        return partenaires[ident].nom if ident in partenaires else ident

    faits = []
    if territoire.date_labellisation:
        label = date_fr(territoire.date_labellisation)
        if territoire.labellise_par:
            label += f" ({named(territoire.labellise_par)})"
        faits.append(("Labellisation", label))
    coord = territoire.coordination
    if coord is None:
        return faits
    if coord.etp is not None:
        faits.append(("Temps de coordination", f"{nombre(coord.etp)} ETP"))
    porteuse = named(coord.structure_porteuse)
    if coord.service:
        porteuse += f" ({coord.service})"
    faits.append(("Structure porteuse", porteuse))
    if coord.coporteurs:
        faits.append(("Co-porteurs", liste_fr([named(i) for i in coord.coporteurs])))
    if coord.coordinateur:
        faits.append(("Coordination", coord.coordinateur))
    if coord.financeurs:
        financeurs = []
        for f in coord.financeurs:
            qui = named(f.partenaire)
            if f.part is not None:
                qui += f" ({pourcentage(f.part)})"
            elif f.montant is not None:
                qui += f" ({en_unite(f.montant, 'euros')} par an)"
            if f.periode is not None:
                qui += f", {periode_fr(f.periode)}"
            financeurs.append(qui)
        faits.append(("Financement", liste_fr(financeurs)))
    return faits


def _hauteur(decompte: Decompte) -> float | None:
    return None if decompte.valeur is None else float(decompte.valeur)


def _graphiques(bilan: Bilan) -> list[Graphique]:
    graphiques = []
    if bilan.partenariat is not None and bilan.partenariat.actifs:
        graphiques.append(bilan.partenariat.graphique)
    axes = [a for a in bilan.axes if a.personnes.valeur is not None or a.presences.valeur]
    if axes:
        personnes = [a.personnes for a in axes]
        presences = [a.presences for a in axes]
        graphiques.append(
            Graphique(
                "participants-axes",
                f"Personnes touchées et présences par axe en {bilan.annee}",
                [f"Axe {a.axe.id}" for a in axes],
                {
                    "Personnes": [_hauteur(d) for d in personnes],
                    "Présences": [_hauteur(d) for d in presences],
                },
                alternative="Personnes et présences par axe : "
                + "; ".join(f"{a.titre} : {a.effectifs}" for a in axes)
                + ".",
                etiquettes={
                    "Personnes": [chiffre(d) for d in personnes],
                    "Présences": [chiffre(d) for d in presences],
                },
            )
        )
    charted = [
        ligne
        for ligne in bilan.indicateurs
        if ligne.cible_num is not None
        and ligne.valeur_num is not None
        and ligne.indicateur.unite is not Unite.OUI_NON
    ]
    for unite, libelle in UNITES_GRAPHIQUES.items():
        rows = [ligne for ligne in charted if (ligne.indicateur.unite or Unite.NOMBRE) is unite]
        if not rows:
            continue
        graphiques.append(
            Graphique(
                f"indicateurs-cibles-{unite.value}",
                f"Indicateurs {bilan.annee} {libelle} : cible et réalisé",
                [ligne.indicateur.libelle for ligne in rows],
                {
                    "Cible": [ligne.cible_num for ligne in rows],
                    "Réalisé": [ligne.valeur_num for ligne in rows],
                },
                alternative="Cible et réalisé par indicateur : "
                + "; ".join(
                    f"{ligne.indicateur.libelle} : cible {ligne.cible}, réalisé {ligne.valeur}"
                    for ligne in rows
                )
                + ".",
                etiquettes={
                    "Cible": [en_unite(ligne.cible_num, unite) for ligne in rows],
                    "Réalisé": [
                        ("≥\u202f" if ligne.partiel else "") + en_unite(ligne.valeur_num, unite)
                        for ligne in rows
                    ],
                },
            )
        )
    return graphiques


def annees_disponibles(dossier: Dossier) -> list[int]:
    """The years that have a sound activity file."""
    return sorted(act.annee for _, act in dossier.activites)


def construire(dossier: Dossier, annee: int) -> Bilan:
    """The bilan of a year for a validated territory."""
    assert dossier.territoire is not None
    territoire = dossier.territoire[1]
    activite = dossier.activite(annee)
    assert activite is not None
    partenaires = {p.id: p for p in dossier.annuaire[1].partenaires} if dossier.annuaire else {}
    covering = dossier.plan_pour(annee)
    plan = covering[1] if covering else None
    suivant = dossier.plan_pour(annee + 1)
    plan_suivant = suivant[1] if suivant else None
    porteuse = None
    if territoire.coordination is not None:
        porteuse = partenaires.get(territoire.coordination.structure_porteuse)
    partenariat = _partenariat(partenaires, activite)
    bilan = Bilan(
        territoire=territoire,
        annee=annee,
        slug=dossier.root.resolve().name,
        partenaires=partenaires,
        structure_porteuse=porteuse,
        fondateurs=[partenaires[i] for i in territoire.partenaires_fondateurs if i in partenaires],
        coordination=_coordination(territoire, partenaires),
        plan=plan,
        activite=activite,
        partenariat=partenariat if partenariat.actifs else None,
        axes=_axes(plan, activite, partenaires) if plan else [],
        indicateurs=_indicateurs(plan, activite) if plan else [],
        cellule=_cellule(dossier, activite),
        gouvernance=_gouvernance(territoire, activite, partenaires),
        perspectives=_perspectives(plan_suivant, annee + 1),
        plan_suivant=plan_suivant,
        plan_actuel=plan_suivant or plan,
    )
    bilan.graphiques = _graphiques(bilan)
    return bilan


__all__ = ["Bilan", "Graphique", "annees_disponibles", "construire", "date_fr"]
