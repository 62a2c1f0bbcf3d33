"""Validation: SHACL shapes, grounding of quotes, dikg's own checks, and the report."""
