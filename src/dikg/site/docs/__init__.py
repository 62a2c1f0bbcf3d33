"""The ontology and vocabulary pages of the site; alone, ``dikg docs``.

Everything on the pages comes from ontology/*.ttl and data/vocabularies/*.ttl: labels and
definitions in every language they are given in, class and property axioms, the concept
hierarchy of each scheme. Each page exists in English and in Dutch (the same content, the
page's language first, the tables' words translated), at the paths of :mod:`dikg.site.paths`:

* ``def.html``, ``def.nl.html``: the ontology, one section per term (``def.html#Measure``),
  and ``def.ttl``;
* ``id/scheme/<slug>.html``, ``.nl.html`` and ``.ttl``: one page per ``skos:ConceptScheme``;
* with ``dikg docs`` alone, also ``index.html`` (``.nl.html``), linking every page, and
  ``style.css``; in ``dikg publish``'s site (:mod:`dikg.site.write`) the same pages sit
  among the resource pages, and a scheme's ``.ttl`` is its description like any resource's.

The pages are deterministic: no build time is written, every list is sorted, so two runs on
the same Turtle give byte-identical files. Python decides what a page shows (``model``,
``view``, ``parts``, ``ontology``, ``vocabulary``, ``site``); the Jinja2 templates in
``dikg/site/templates/`` hold all of its HTML and escape every text from the graph (``templates``).

pyLODE was tried and not used: its last release for Python 3.11 (3.4.1) fails on import, its
VocPub profile keeps one value per property (one language of a label) and orders union members
by memory address.
"""
