"""Questions: canned queries, parameters, backends (embedded store or endpoint), answers."""
