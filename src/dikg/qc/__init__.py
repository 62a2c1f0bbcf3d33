"""``dikg check-ontology``: a quality report on the ontology and the SKOS vocabularies.

In the spirit of ROBOT's ``report`` (http://robot.obolibrary.org/report): every rule is one
SPARQL file in ``queries/qc/`` that returns rows only when something is wrong (ODK style), with
a grlc-style ``#+`` YAML header::

    #+ summary: A dikg term, concept or concept scheme without a label in English (@en)
    #+ rule: missing-label-en
    #+ level: ERROR
    #+ message: no label in English (@en)

A rule binds ``?subject`` and, where meaningful, ``?property``, ``?value`` and ``?message``
(else the header's ``message``, else its ``summary``, is the message).

The rules run on pyoxigraph over the files of ontology/ and data/ (one named graph each, their
union as the default graph). For ``undeclared-dikg-term`` the store also holds shapes/*.ttl
and, for every ``queries/**/*.rq``, the dikg terms found in its text, each as a named graph of
its own; only ``GRAPH`` patterns see those, so no other rule is disturbed by them.

Logical consistency is checked with the HermiT reasoner through owlready2 when it and Java are
installed (an optional extra): see :mod:`dikg.qc.reasoner`.

The rules are read from the dikg installation (this checkout, or the copy the wheel carries),
not from the graph root under check: they are the tool's code, and the root is its input.
"""
