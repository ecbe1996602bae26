"""`python -m clsm_cli` runs the command line."""

from .cli.main import script

script()
