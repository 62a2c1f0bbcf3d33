"""The linked-data site of a release: pages for people beside the RDF of every resource.

This room comes after ``release`` (which writes the data package: dumps, DCAT, VoID, release
notes) and writes the HTML pages, per-resource RDF files and server rules that make the IRIs
under https://w3id.org/dikg/ dereferenceable. Where each IRI lives in the site is decided in
one place, :mod:`dikg.site.paths`.
"""
