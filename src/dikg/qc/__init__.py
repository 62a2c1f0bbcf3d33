"""Quality control of the ontology and vocabularies (``dikg check-ontology``)."""
