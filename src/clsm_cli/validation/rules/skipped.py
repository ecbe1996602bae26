"""What could not be checked: for each file with errors, the cross-checks not made, once."""

from __future__ import annotations

from collections.abc import Iterator

from ...problems import Gravite, Problem
from .context import Contexte

_UNCHECKED = {
    "territoire": "ses renvois aux partenaires, ses instances en double, les dates de ses"
    " membres et de ses financements, les présents aux réunions hors de leurs années de membre",
    "partenaires": "les structures parentes (parent), les partenaires en double, les"
    " partenaires que l'activité nomme avant leur entrée dans le partenariat (depuis)",
    "plan": "les renvois de ses actions aux partenaires, leurs calendriers, les cibles et"
    " unités de ses indicateurs, les mesures de l'activité qui s'y rapportent",
    "activite": "ses dates, ses totaux, les valeurs de ses mesures, les années d'entrée et de"
    " membre des partenaires qu'il nomme (ses renvois aux actions, aux indicateurs, aux"
    " instances et aux partenaires sont vérifiés là où ils se lisent)",
}


def skipped_checks(ctx: Contexte) -> Iterator[Problem]:
    """For each file that has errors, which cross-checks could not be made, and why."""
    for kind, doc in ctx.dossier.invalides:
        unchecked = [_UNCHECKED[kind]]
        if kind == "partenaires" and ctx.partenaires is not None and not ctx.partenaires.complete:
            unchecked.append("tous les renvois aux partenaires (des identifiants ne se lisent pas)")
        elif kind == "territoire":
            readable = ctx.instances is not None and ctx.instances.complete
            if not readable and any(act.reunions for _, act in ctx.dossier.activites):
                unchecked.append("les instances des réunions de l'activité")
        elif kind == "plan":
            lu = next(lu for lu in ctx.plans if lu.doc is doc)
            if not lu.known_period:
                unchecked.append(
                    "les années d'activité couvertes par un plan, et les renvois de l'activité"
                    " aux actions, aux indicateurs et aux axes"
                )
            elif any(lu.couvre(act.annee) for _, act in ctx.dossier.activites):
                unchecked.append(
                    "les renvois de l'activité aux actions, aux indicateurs et aux axes qui"
                    " n'y sont pas trouvés"
                )
        reason = (
            "ce fichier ayant des erreurs" if doc.data is not None else "ce fichier étant illisible"
        )
        yield Problem(
            "verification-incomplete",
            f"vérifications croisées non faites, {reason} : {' ; '.join(unchecked)}",
            doc.file,
            hint="corrigez d'abord ses erreurs : clsm validate fera alors ces vérifications",
            severity=Gravite.INFO,
        )
