"""clsm: the action plans and yearly bilans of Conseils locaux de santé mentale, as YAML."""

__version__ = "0.1.0"
