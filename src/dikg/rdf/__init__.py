"""RDF files and terms: listing, reading, parsing, converting, writing in canonical form."""
