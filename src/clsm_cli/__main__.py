"""`python -m clsm_cli` runs the command line."""

from .cli.entry import script

script()
