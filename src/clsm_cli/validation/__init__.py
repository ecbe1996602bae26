"""Validation: a territory's folder read (dossier), each file against its model (documents),
the rules across files (rules/), the whole pipeline (pipeline) and its reports (reporters)."""
