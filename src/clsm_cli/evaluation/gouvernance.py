"""Partnership and governance over the period: the partners active each year, those who
joined and left, the meetings each body held against those planned, the cellule's referrals
each year by level.

Each year's figures are the bilan's (`bilan.partenariat`, `bilan.gouvernance`); a year whose
file does not say (no partner named, no `reunions`, no `saisines`) is unknown, never 0.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..bilan.gouvernance import nombre_saisines
from ..bilan.partenariat import Partenariat, partenariat_de
from ..figures import compute
from ..models.activite import Activite
from ..models.partenaires import Partenaire
from ..models.territoire import Instance, Territoire
from ..validation.dossier import Dossier


@dataclass(slots=True)
class AnneePartenariat:
    """The partnership of one year, as that year's bilan counts it."""

    annee: int
    partenariat: Partenariat | None
    """None when the year's file names no partner of the directory."""

    @property
    def actifs(self) -> int | None:
        return self.partenariat.nombre if self.partenariat else None


@dataclass(slots=True)
class InstancePeriode:
    """A body's meetings, year by year, against those planned."""

    instance: Instance
    reunions: list[int | None]
    """Meetings held each year; None when the year's file lists none of this body's."""

    @property
    def prevues(self) -> int | None:
        return self.instance.reunions_prevues

    @property
    def total(self) -> compute.Decompte:
        return compute.decompte(self.reunions)


@dataclass(slots=True)
class SaisinesAnnee:
    """The cellule's referrals of one year, and by level when the year details them."""

    annee: int
    nombre: int | None
    par_niveau: dict[int, int] | None
    """Referrals by level, when the year's file lists them (`saisines`)."""


@dataclass(slots=True)
class Gouvernance:
    """Partnership and governance over the years evaluated."""

    annees: list[int]
    partenariat: list[AnneePartenariat]
    instances: list[InstancePeriode]
    saisines: list[SaisinesAnnee]

    @property
    def a_partenariat(self) -> bool:
        return any(a.partenariat for a in self.partenariat)

    @property
    def a_saisines(self) -> bool:
        return any(s.nombre is not None for s in self.saisines)

    @property
    def niveaux(self) -> list[int]:
        """The levels some year's referrals have."""
        found = {n for s in self.saisines for n in (s.par_niveau or {})}
        return sorted(found)

    @property
    def sans_fichier(self) -> int:
        """How many years between the first and the last evaluated have no file: the total
        over the period (« Total 2023–2026 ») does not know their referrals."""
        return self.annees[-1] - self.annees[0] + 1 - len(self.annees) if self.annees else 0

    @property
    def total_saisines(self) -> compute.Decompte:
        total = compute.decompte(s.nombre for s in self.saisines)
        return compute.Decompte(total.valeur, total.manquants + self.sans_fichier)


def gouvernance_de(
    dossier: Dossier, territoire: Territoire, annuaire: list[Partenaire], activites: list[Activite]
) -> Gouvernance:
    """The partnership, the bodies and the cellule over the years of `activites`."""
    partenariat = []
    for act in activites:
        noms = {p.id: p.en(act.annee) for p in annuaire}  # as that year's bilan names them
        annee = partenariat_de(noms, act)
        partenariat.append(AnneePartenariat(act.annee, annee if annee.actifs else None))
    instances = []
    for instance in territoire.instances:
        reunions = [_reunions(act, instance.id) for act in activites]
        instances.append(InstancePeriode(instance, reunions))
    saisines = []
    for act in activites:
        detail = compute.saisines_renseignees(act)
        niveaux = dict(sorted(Counter(s.niveau for s in act.saisines).items())) if detail else None
        saisines.append(SaisinesAnnee(act.annee, nombre_saisines(dossier, act), niveaux))
    return Gouvernance([a.annee for a in activites], partenariat, instances, saisines)


def _reunions(activite: Activite, instance: str) -> int | None:
    """A body's meetings in a year: `reunions: []` says no body met (0); a file without the
    key, or whose list names none of this body's meetings, does not say (unknown, never 0)."""
    if not compute.reunions_renseignees(activite):
        return None
    if not activite.reunions:
        return 0
    return sum(1 for r in activite.reunions if r.instance == instance) or None
