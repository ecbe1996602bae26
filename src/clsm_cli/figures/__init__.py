"""Figures computed from the files, once, for every output: persons, attendances, rates,
active partners (compute), an indicator's target, gap and status of a year (tracking)."""
