"""What changed between two versions of a territory, in the plan's own terms.

Actions added, removed, renumbered (same title, new number) or moved to another objective;
fields changed with before and after (a word-level diff for long text); targets, units and
periods; partners; meetings, realisations and indicator values recorded.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from pydantic import BaseModel

from ..french.formatting import nombre, pourcentage
from ..models.activite import Activite
from ..models.partenaires import Annuaire
from ..models.plan import Action, Indicateur, Plan, Unite
from ..models.territoire import Territoire

WORDS_CONTEXT = 4
LONG_TEXT = 60


@dataclass(frozen=True, slots=True)
class Changement:
    """One change, said in French, with before and after when there are."""

    fichier: str
    objet: str
    nature: str
    message: str
    avant: Any = None
    apres: Any = None
    mots: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return asdict(self)


LIBELLES_CHAMPS = {
    "titre": "l'intitulé",
    "description": "la description",
    "prerequis": "les prérequis",
    "public_cible": "le public cible",
    "dispositifs_existants": "les dispositifs existants",
    "resultats_attendus": "les résultats attendus",
    "sources_verification": "les sources de vérification",
    "moyens_mobilisables": "les moyens mobilisables",
    "moyens_a_mobiliser": "les moyens à mobiliser",
    "pilote": "le pilote",
    "partenaires": "les partenaires",
    "calendrier": "le calendrier",
    "statut": "le statut",
    "financements": "les financements",
    "competences_psychosociales": "les compétences psychosociales",
    "notes": "les notes",
    "libelle": "le libellé",
    "unite": "l'unité",
    "numerateur": "le numérateur",
    "denominateur": "le dénominateur",
    "reference": "la valeur de référence",
    "sens": "le sens",
    "calcul": "le calcul",
    "nom": "le nom",
    "secteur": "le secteur",
    "introduction": "l'introduction",
    "gouvernance": "le texte sur la gouvernance",
    "conclusion": "la conclusion",
}


def _only(first: dict[str, Any], second: dict[str, Any]) -> list[str]:
    """Keys of `first` missing from `second`, in `first`'s order (the plan's order)."""
    return [key for key in first if key not in second]


def _both(first: dict[str, Any], second: dict[str, Any]) -> list[str]:
    """Keys in both, in `second`'s order, so that output never depends on hashing."""
    return [key for key in second if key in first]


def word_diff(before: str, after: str, markdown: bool = False) -> str:
    """`… une [-ancienne-] {+nouvelle+} phrase …`: only the changed words, with context."""
    a, b = before.split(), after.split()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    parts: list[str] = []
    ops = matcher.get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(ops):
        if op == "equal":
            words = a[i1:i2]
            first, last = index == 0, index == len(ops) - 1
            if first and len(words) > WORDS_CONTEXT:
                words = ["…", *words[-WORDS_CONTEXT:]]
            elif last and len(words) > WORDS_CONTEXT:
                words = [*words[:WORDS_CONTEXT], "…"]
            elif len(words) > 2 * WORDS_CONTEXT:
                words = [*words[:WORDS_CONTEXT], "…", *words[-WORDS_CONTEXT:]]
            parts.append(" ".join(words))
            continue
        if i2 > i1:
            removed = " ".join(a[i1:i2])
            parts.append(f"~~{removed}~~" if markdown else f"[-{removed}-]")
        if j2 > j1:
            added = " ".join(b[j1:j2])
            parts.append(f"**{added}**" if markdown else f"{{+{added}+}}")
    return " ".join(parts)


def _text(value: Any) -> str:
    if value is None or value == []:
        return "(vide)"
    if isinstance(value, list):
        return " ; ".join(_text(v) for v in value)
    if isinstance(value, BaseModel):
        data = value.model_dump(mode="json", exclude_defaults=True)
        return ", ".join(f"{k} {v}" for k, v in data.items())
    if isinstance(value, float):
        return nombre(value)
    return str(getattr(value, "value", value))


def _field_changes(
    fichier: str, objet: str, before: BaseModel, after: BaseModel, skip: set[str]
) -> Iterator[Changement]:
    for name in type(before).model_fields:
        if name in skip:
            continue
        old, new = getattr(before, name), getattr(after, name)
        if old == new:
            continue
        label = LIBELLES_CHAMPS.get(name, name)
        if (
            isinstance(old, list)
            and isinstance(new, list)
            and all(isinstance(x, str) for x in old + new)
        ):
            gone = [x for x in old if x not in new]
            came = [x for x in new if x not in old]
            bits = [f"+ « {x} »" for x in came] + [f"− « {x} »" for x in gone]
            if not bits:
                bits = ["ordre modifié"]
            yield Changement(
                fichier, objet, "modification", f"{objet} : {label} — {' ; '.join(bits)}", old, new
            )
        elif isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > LONG_TEXT:
            yield Changement(
                fichier,
                objet,
                "modification",
                f"{objet} : {label} modifié·e",
                old,
                new,
                mots=word_diff(old, new),
            )
        else:
            yield Changement(
                fichier,
                objet,
                "modification",
                f"{objet} : {label} passe de « {_text(old)} » à « {_text(new)} »",
                _text(old),
                _text(new),
            )


def _target(indicateur: Indicateur, value: float) -> str:
    return pourcentage(value, 1) if indicateur.unite is Unite.POURCENTAGE else nombre(value)


def _indicator_changes(fichier: str, old: Indicateur, new: Indicateur) -> Iterator[Changement]:
    objet = f"indicateur {new.id}"
    if old.cibles != new.cibles:
        if len(old.cibles) == len(new.cibles) == 1 and old.cibles[0].annee == new.cibles[0].annee:
            a, b = old.cibles[0].valeur, new.cibles[0].valeur
            verbe = "relevée" if b > a else "abaissée"
            yield Changement(
                fichier,
                objet,
                "cible",
                f"cible de {new.id} {verbe} de {_target(old, a)} à {_target(new, b)}",
                a,
                b,
            )
        else:
            before = ", ".join(
                _target(old, c.valeur) + (f" en {c.annee}" if c.annee else "") for c in old.cibles
            )
            after = ", ".join(
                _target(new, c.valeur) + (f" en {c.annee}" if c.annee else "") for c in new.cibles
            )
            yield Changement(
                fichier,
                objet,
                "cible",
                f"cibles de {new.id} : « {before or 'aucune'} » → « {after or 'aucune'} »",
                before,
                after,
            )
    yield from _field_changes(fichier, objet, old, new, {"id", "cibles"})


def _actions(plan: Plan) -> dict[str, tuple[str, Action]]:
    return {action.id: (objectif.id, action) for _, objectif, action in plan.actions()}


def _same_action(a: Action, b: Action) -> bool:
    if a.titre == b.titre:
        return True
    return difflib.SequenceMatcher(a=a.titre, b=b.titre).ratio() >= 0.85


def comparer_plans(fichier: str, old: Plan, new: Plan) -> list[Changement]:
    """Changes between two versions of a plan."""
    changes: list[Changement] = []
    if old.periode != new.periode:
        changes.append(
            Changement(
                fichier,
                "plan",
                "periode",
                f"période du plan : {old.periode.debut}–{old.periode.fin}"
                f" → {new.periode.debut}–{new.periode.fin}",
                f"{old.periode.debut}–{old.periode.fin}",
                f"{new.periode.debut}–{new.periode.fin}",
            )
        )
    changes += _field_changes(fichier, "plan", old, new, {"periode", "axes"})
    old_axes = {a.id: a for a in old.axes}
    new_axes = {a.id: a for a in new.axes}
    changes += _levels(fichier, "axe", "objectifs", old_axes, new_axes)
    old_obj = {o.id: o for a in old.axes for o in a.objectifs}
    new_obj = {o.id: o for a in new.axes for o in a.objectifs}
    changes += _levels(fichier, "objectif", "actions", old_obj, new_obj)
    changes += _compare_actions(fichier, _actions(old), _actions(new))
    return changes


def _levels(
    fichier: str, what: str, children: str, old: dict[str, Any], new: dict[str, Any]
) -> list[Changement]:
    """Axes or objectives added, removed, or with a changed title or description."""
    changes = [
        Changement(
            fichier,
            f"{what} {i}",
            "ajout",
            f"{what} {i} ajouté : {new[i].titre or '(sans intitulé)'}",
        )
        for i in _only(new, old)
    ]
    changes += [
        Changement(
            fichier,
            f"{what} {i}",
            "suppression",
            f"{what} {i} supprimé : {old[i].titre or '(sans intitulé)'}",
        )
        for i in _only(old, new)
    ]
    for ident in _both(old, new):
        changes += _field_changes(
            fichier, f"{what} {ident}", old[ident], new[ident], {"id", children}
        )
    return changes


def _compare_actions(
    fichier: str, old: dict[str, tuple[str, Action]], new: dict[str, tuple[str, Action]]
) -> list[Changement]:
    changes: list[Changement] = []
    removed = [i for i in old if i not in new]
    added = [i for i in new if i not in old]
    pairs = [(i, i) for i in old if i in new]
    for gone in list(removed):
        match = next((a for a in added if _same_action(old[gone][1], new[a][1])), None)
        if match is not None:
            removed.remove(gone)
            added.remove(match)
            pairs.append((gone, match))
            changes.append(
                Changement(
                    fichier,
                    f"action {match}",
                    "renumerotation",
                    f"action {gone} renumérotée {match} : {new[match][1].titre}",
                    gone,
                    match,
                )
            )
    for ident in added:
        changes.append(
            Changement(
                fichier,
                f"action {ident}",
                "ajout",
                f"action {ident} ajoutée : {new[ident][1].titre}",
            )
        )
    for ident in removed:
        changes.append(
            Changement(
                fichier,
                f"action {ident}",
                "suppression",
                f"action {ident} supprimée : {old[ident][1].titre}",
            )
        )
    for before_id, after_id in pairs:
        (old_parent, a), (new_parent, b) = old[before_id], new[after_id]
        objet = f"action {after_id}"
        if old_parent != new_parent:
            changes.append(
                Changement(
                    fichier,
                    objet,
                    "deplacement",
                    f"action {after_id} déplacée de l'objectif {old_parent}"
                    f" à l'objectif {new_parent}",
                    old_parent,
                    new_parent,
                )
            )
        changes += _field_changes(fichier, objet, a, b, {"id", "indicateurs"})
        old_ind = {i.id: i for i in a.indicateurs}
        new_ind = {i.id: i for i in b.indicateurs}
        for ident in _only(new_ind, old_ind):
            changes.append(
                Changement(
                    fichier,
                    f"indicateur {ident}",
                    "ajout",
                    f"indicateur {ident} ajouté à l'action {after_id} : {new_ind[ident].libelle}",
                )
            )
        for ident in _only(old_ind, new_ind):
            changes.append(
                Changement(
                    fichier,
                    f"indicateur {ident}",
                    "suppression",
                    f"indicateur {ident} retiré de l'action {after_id} : {old_ind[ident].libelle}",
                )
            )
        for ident in _both(old_ind, new_ind):
            changes += _indicator_changes(fichier, old_ind[ident], new_ind[ident])
    return changes


def comparer_annuaires(fichier: str, old: Annuaire, new: Annuaire) -> list[Changement]:
    """Partners added, removed or changed."""
    changes: list[Changement] = []
    before = {p.id: p for p in old.partenaires}
    after = {p.id: p for p in new.partenaires}
    for ident in _only(after, before):
        changes.append(
            Changement(
                fichier,
                f"partenaire {ident}",
                "ajout",
                f"partenaire ajouté : {after[ident].nom} ({ident})",
            )
        )
    for ident in _only(before, after):
        changes.append(
            Changement(
                fichier,
                f"partenaire {ident}",
                "suppression",
                f"partenaire retiré : {before[ident].nom} ({ident})",
            )
        )
    for ident in _both(before, after):
        changes += _field_changes(
            fichier, f"partenaire {ident}", before[ident], after[ident], {"id"}
        )
    return changes


def comparer_territoires(fichier: str, old: Territoire, new: Territoire) -> list[Changement]:
    """The territory's standing facts, governance members included."""
    changes = list(_field_changes(fichier, "territoire", old, new, {"instances", "coordination"}))
    if old.coordination != new.coordination and old.coordination and new.coordination:
        changes += _field_changes(
            fichier, "coordination", old.coordination, new.coordination, set()
        )
    elif old.coordination != new.coordination:
        changes.append(Changement(fichier, "coordination", "modification", "coordination modifiée"))
    before = {i.id: i for i in old.instances}
    after = {i.id: i for i in new.instances}
    for ident in _only(after, before):
        changes.append(
            Changement(
                fichier, f"instance {ident}", "ajout", f"instance ajoutée : {after[ident].nom}"
            )
        )
    for ident in _only(before, after):
        changes.append(
            Changement(
                fichier,
                f"instance {ident}",
                "suppression",
                f"instance retirée : {before[ident].nom}",
            )
        )
    for ident in _both(before, after):
        old_members = {m.partenaire for m in before[ident].membres}
        new_members = {m.partenaire for m in after[ident].membres}
        for member in sorted(new_members - old_members):
            changes.append(
                Changement(
                    fichier,
                    f"instance {ident}",
                    "ajout",
                    f"{after[ident].nom} : membre ajouté, {member}",
                )
            )
        for member in sorted(old_members - new_members):
            changes.append(
                Changement(
                    fichier,
                    f"instance {ident}",
                    "suppression",
                    f"{after[ident].nom} : membre retiré, {member}",
                )
            )
    return changes


def comparer_activites(
    fichier: str, old: Activite | None, new: Activite | None, plan: Plan | None
) -> list[Changement]:
    """A year's activity: realisations, meetings, referrals, indicator values."""
    if old is None and new is not None:
        return [
            Changement(
                fichier,
                f"activité {new.annee}",
                "ajout",
                f"activité {new.annee} ajoutée ({len(new.realisations)} réalisations,"
                f" {len(new.saisines)} saisines)",
            )
        ]
    if new is None and old is not None:
        return [
            Changement(
                fichier, f"activité {old.annee}", "suppression", f"activité {old.annee} supprimée"
            )
        ]
    assert old is not None
    assert new is not None
    changes: list[Changement] = []

    def key(r: Any) -> str:
        return r.id or f"{r.action} « {r.titre} »"

    before = {key(r): r for r in old.realisations}
    after = {key(r): r for r in new.realisations}
    for k in _only(after, before):
        changes.append(
            Changement(
                fichier,
                f"réalisation {k}",
                "ajout",
                f"réalisation ajoutée ({new.annee}) : {after[k].titre}, action {after[k].action}",
            )
        )
    for k in _only(before, after):
        changes.append(
            Changement(
                fichier,
                f"réalisation {k}",
                "suppression",
                f"réalisation retirée ({old.annee}) : {before[k].titre}",
            )
        )
    for k in _both(before, after):
        changes += _field_changes(
            fichier, f"réalisation {before[k].titre}", before[k], after[k], {"id"}
        )
    meetings = (
        {f"{x.instance} du {x.date}" for x in old.reunions},
        {f"{x.instance} du {x.date}" for x in new.reunions},
    )
    referrals = (
        {f"{x.mois}, {x.saisissant}" for x in old.saisines},
        {f"{x.mois}, {x.saisissant}" for x in new.saisines},
    )
    for label, (was, now) in (("réunion", meetings), ("saisine", referrals)):
        for item in sorted(now - was):
            changes.append(Changement(fichier, label, "ajout", f"{label} ajoutée : {item}"))
        for item in sorted(was - now):
            changes.append(Changement(fichier, label, "suppression", f"{label} retirée : {item}"))
    indicators = {i.id: i for _, i in plan.indicateurs()} if plan else {}
    was_m = {m.indicateur: m for m in old.mesures}
    now_m = {m.indicateur: m for m in new.mesures}

    def shown(m: Any) -> str:
        from ..figures.compute import valeur_mesure

        ind = indicators.get(m.indicateur)
        text = _target(ind, valeur_mesure(m)) if ind else nombre(valeur_mesure(m))
        return text + (
            f" ({nombre(m.numerateur)} / {nombre(m.denominateur)})"
            if m.numerateur is not None
            else ""
        )

    for ident in _only(now_m, was_m):
        changes.append(
            Changement(
                fichier,
                f"indicateur {ident}",
                "mesure",
                f"valeur de {ident} enregistrée pour {new.annee} : {shown(now_m[ident])}",
                None,
                shown(now_m[ident]),
            )
        )
    for ident in _only(was_m, now_m):
        changes.append(
            Changement(
                fichier,
                f"indicateur {ident}",
                "mesure",
                f"valeur de {ident} retirée pour {old.annee} (était {shown(was_m[ident])})",
                shown(was_m[ident]),
                None,
            )
        )
    for ident in _both(was_m, now_m):
        if was_m[ident] != now_m[ident]:
            changes.append(
                Changement(
                    fichier,
                    f"indicateur {ident}",
                    "mesure",
                    f"valeur de {ident} pour {new.annee} :"
                    f" {shown(was_m[ident])} → {shown(now_m[ident])}",
                    shown(was_m[ident]),
                    shown(now_m[ident]),
                )
            )
    texts = {"introduction", "gouvernance", "conclusion"}
    changes += _field_changes(
        fichier, f"activité {new.annee}", old, new, set(Activite.model_fields) - texts
    )
    return changes
