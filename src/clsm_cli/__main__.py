"""`python -m clsm_cli` runs the command line."""

from .launcher import script

script()
