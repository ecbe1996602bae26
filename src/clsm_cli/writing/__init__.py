"""Writing the user's files without loss: atomic writes (atomic), readable YAML (yaml_text,
ruamel.yaml), the canonical form kept by `clsm fmt` (fmt)."""
