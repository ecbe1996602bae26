"""The evaluation of a plan over its years (`clsm evaluation`), every figure computed once.

`build_evaluation(dossier, fichier, plan)` gathers what the templates show, part by part, in
the files' own vocabulary (template authors write `evaluation.indicateurs`): the tracking
table (`suivi`), the actions over the period (`actions`), the objectives computed and judged
(`objectifs`), partnership and governance (`gouvernance`), the quality of the follow-up
(`qualite`) and the charts (`graphiques`); `construction` puts them together. The words are
`wording`'s; the bilan's writers write it (`command`), with its own Word and Excel writers
(`word`, `classeur`).
"""

from __future__ import annotations

from .construction import Evaluation, build_evaluation, plan_choisi, plans_evaluables

__all__ = ["Evaluation", "build_evaluation", "plan_choisi", "plans_evaluables"]
