"""The territory's organisation in the bilan: the cellule de concertation's referrals, the
governance bodies and their meetings, the label and coordination resources."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..figures import compute
from ..figures.compute import NON_RENSEIGNE
from ..french.agreement import forme
from ..french.formatting import accord, date_fr, en_unite, liste_fr, nombre, periode_fr, pourcentage
from ..models.activite import Activite, Reunion, Saisine
from ..models.common import bornes
from ..models.partenaires import Partenaire
from ..models.plan import Calcul
from ..models.territoire import Coordination, Elu, Instance, Membre, Personne, Territoire
from ..validation.dossier import Dossier


@dataclass(slots=True)
class Cellule:
    """The cellule de concertation's year: referrals, counts and earlier years."""

    annee: int
    nombre: int | None
    """How many referrals this year; None when the year's file does not say."""
    saisines: list[Saisine]
    par_niveau: list[tuple[int, int]]
    par_orientation: list[tuple[str, int]]
    historique: list[tuple[int, int | None]]
    """Each earlier year from the first with activity, and its referrals (None where the
    year does not say, or has no file)."""

    @property
    def resume(self) -> str:
        """`6 saisines en 2022 : 5 de niveau 1, 1 de niveau 2`, or `non renseigné`."""
        if self.nombre is None:
            return f"Saisines en {self.annee} : {NON_RENSEIGNE}"
        niveaux = ", ".join(f"{n} de niveau {niveau}" for niveau, n in self.par_niveau)
        return f"{accord(self.nombre, 'saisine')} en {self.annee}" + (
            f" : {niveaux}" if niveaux else ""
        )

    @property
    def comparaison(self) -> str:
        """`Saisines des années précédentes : 12 en 2019, non renseigné en 2020 et 8 en 2021.`,
        or empty when no earlier year says anything."""
        if not self.historique:
            return ""
        annees = liste_fr([f"{nombre(n)} en {annee}" for annee, n in self.historique])
        return f"Saisines des années précédentes : {annees}."


def cellule_de(dossier: Dossier, activite: Activite) -> Cellule | None:
    dites = {
        other.annee: nombre_saisines(dossier, other)
        for _, other in dossier.activites
        if other.annee < activite.annee
    }
    # from the first year with a file: one without a file between does not say either
    historique: list[tuple[int, int | None]] = (
        [(annee, dites.get(annee)) for annee in range(min(dites), activite.annee)] if dites else []
    )
    if all(count is None for _, count in historique):
        historique = []  # no earlier year says anything: nothing to compare with
    nombre = nombre_saisines(dossier, activite)
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


def nombre_saisines(dossier: Dossier, activite: Activite) -> int | None:
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


@dataclass(slots=True)
class InstanceBilan:
    """A governance body, its members that year, and its meetings."""

    instance: Instance
    membres: list[tuple[Membre, Partenaire | None]]
    nouveaux_membres: list[tuple[Membre, Partenaire | None]]
    reunions: list[Reunion]


def gouvernance_de(
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
            if m.membre_en(activite.annee)
        ]
        nouveaux = [(m, p) for m, p in membres if m.depuis == activite.annee]
        if membres or instance.id in reunions:
            instances.append(
                InstanceBilan(instance, membres, nouveaux, reunions.get(instance.id, []))
            )
    return instances


def coordination_de(
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
    etp = coord.etp if coord.etp is not None else _etp_equipe(coord)
    if etp is not None:
        faits.append(("Temps de coordination", f"{nombre(etp, 2)} ETP"))
    porteuse = named(coord.structure_porteuse)
    if coord.service:
        porteuse += f" ({coord.service})"
    faits.append(("Structure porteuse", porteuse))
    if coord.coporteurs:
        faits.append(("Co-porteurs", liste_fr([named(i) for i in coord.coporteurs])))
    if coord.coordinateur:
        faits.append(("Coordination", coord.coordinateur))
    if coord.equipe:
        faits.append(("Équipe", liste_fr([_personne(p) for p in coord.equipe])))
    if coord.elus:
        faits.append(
            (
                forme(len(coord.elus), "Élu référent", "Élus référents"),
                liste_fr([_elu(e, named) for e in coord.elus]),
            )
        )
    if coord.financeurs:
        financeurs = []
        for f in coord.financeurs:
            qui = named(f.partenaire)
            if f.dispositif:
                qui += f" — {f.dispositif}"
            combien = []
            if f.part is not None:
                combien.append(pourcentage(f.part))
            if f.montant is not None:
                combien.append(f"{en_unite(f.montant, 'euros')} par an")
            if combien:
                qui += f" ({', '.join(combien)})"
            if f.periode is not None:
                qui += f", {periode_fr(f.periode)}"
            financeurs.append(qui)
        faits.append(("Financement", liste_fr(financeurs)))
    return faits


def _etp_equipe(coord: Coordination) -> float | None:
    """The team's time when each person's is given (a figure computed, not typed twice)."""
    etps = [p.etp for p in coord.equipe]
    return sum(e for e in etps if e is not None) if etps and None not in etps else None


def _personne(personne: Personne) -> str:
    """`Anne Le Goff (coordinatrice, 0,8 ETP)`."""
    details = [
        d for d in (personne.role, f"{nombre(personne.etp, 2)} ETP" if personne.etp else None) if d
    ]
    return personne.nom + (f" ({', '.join(details)})" if details else "")


def _elu(elu: Elu, named: Callable[[str], str]) -> str:
    """`Mme Martin (adjointe à la santé, Ville de Lorient)`."""
    details = [
        d for d in (elu.delegation, named(elu.collectivite) if elu.collectivite else None) if d
    ]
    return elu.nom + (f" ({', '.join(details)})" if details else "")
