"""``dikg docs``: HTML documentation of the ontology and the SKOS vocabularies, from the Turtle.

Everything on the pages comes from ontology/*.ttl and data/vocabularies/*.ttl: labels and
definitions in every language they are given in, class and property axioms, the concept
hierarchy of each scheme. The output is a static site that works from the file system:

* ``index.html``: the ontology's title, version and license, and links to every page;
* ``ontology.html`` and ``ontology.ttl``: the ontology and its Turtle;
* ``vocabularies/<slug>.html`` and ``.ttl``: one page per ``skos:ConceptScheme``;
* ``style.css``: the one stylesheet (no fonts or scripts are fetched from anywhere).

The pages are deterministic: no build time is written, every list is sorted, so two runs on
the same Turtle give byte-identical files. Python decides what a page shows (``model``,
``view``, ``parts``, ``ontology``, ``vocabulary``, ``site``); the Jinja2 templates in
``assets/`` hold all of its HTML and escape every text from the graph (``templates``).

pyLODE was tried and not used: its last release for Python 3.11 (3.4.1) fails on import, its
VocPub profile keeps one value per property (one language of a label) and orders union members
by memory address.
"""
