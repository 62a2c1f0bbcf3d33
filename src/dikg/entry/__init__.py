"""New entries from YAML forms (``dikg new``)."""
