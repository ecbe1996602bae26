"""Pieces of evidence named by a path (`chemin`) exist, beside the territory's files."""

from __future__ import annotations

from collections.abc import Iterator

from ...loader import Path_
from ...models.activite import Activite, Piece
from ...problems import Problem
from .context import WARNING, Contexte


def _pieces(act: Activite) -> Iterator[tuple[Piece, Path_]]:
    """Every piece of an activity file, with where it is written."""
    for i, r in enumerate(act.realisations):
        for k, piece in enumerate(r.pieces):
            yield piece, ("realisations", i, "pieces", k)
    for i, reunion in enumerate(act.reunions):
        for k, piece in enumerate(reunion.pieces):
            yield piece, ("reunions", i, "pieces", k)
    for i, mesure in enumerate(act.mesures):
        for k, piece in enumerate(mesure.pieces):
            yield piece, ("mesures", i, "pieces", k)


def pieces_exist(ctx: Contexte) -> Iterator[Problem]:
    """A piece kept as a file is where its `chemin` says, from the territory's folder.

    A warning, not an error: the bilan lists the piece either way, but a coordinator or a
    funder who looks for it must find it.
    """
    root = ctx.dossier.root
    for doc, act in ctx.dossier.activites:
        for piece, base in _pieces(act):
            if piece.chemin is None:
                continue
            if (root / piece.chemin).is_file():
                continue
            yield doc.problem(
                "piece-introuvable",
                f"la pièce « {piece.titre} » est introuvable : {piece.chemin} n'est pas un"
                " fichier du dossier du territoire",
                (*base, "chemin"),
                hint="le chemin part du dossier du territoire (celui de clsm.yaml) : ajoutez-y"
                " le fichier, ou corrigez le chemin",
                severity=WARNING,
            )
