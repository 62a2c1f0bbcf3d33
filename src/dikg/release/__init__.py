"""``dikg publish``: an open-data release of the graph (issue 13).

One module per job: :mod:`.dumps` (files, gzip, checksums), :mod:`.publication` (the
publisher's input), :mod:`.dcat` (DCAT-AP-NL 3.0 metadata), :mod:`.conformance` (the official
DCAT-AP-NL shapes), :mod:`.void` (VoID statistics), :mod:`.diff` (release notes) and
:mod:`.command` (the whole publish). Turtle templates and SPARQL live beside them as files.
"""
