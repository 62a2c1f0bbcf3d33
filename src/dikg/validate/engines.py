"""The SHACL Core engines dikg can run: pyshacl-turbo (the default) and pySHACL (the reference).

Both get the same shapes graph (dikg's shapes without their SHACL-SPARQL constraints, which
:mod:`dikg.validate.shacl` runs once each on pyoxigraph) and give a SHACL validation report
graph (https://www.w3.org/TR/shacl/#validation-report) that
:func:`dikg.validate.shacl.results_from_report` reads.

* ``pyshacl``: pySHACL (https://github.com/RDFLib/pySHACL), written in Python on rdflib; the
  reference engine, slow on large graphs (about 50 s for SHACL Core at 100k triples here);
* ``turbo``: pyshacl-turbo (https://github.com/legra-ai/pyshacl-turbo), a Rust SHACL engine
  that passes pySHACL's own test suite and reads a pyoxigraph store directly; tests/
  test_validate_engines.py checks that it gives pySHACL's exact results on every shape example
  and on a scaled copy of the graph.
"""

from __future__ import annotations

from typing import Literal

import pyoxigraph as ox
from rdflib import Graph

from dikg.rdf.convert import add_triples

Engine = Literal["turbo", "pyshacl"]
ENGINES: tuple[Engine, ...] = ("turbo", "pyshacl")
DEFAULT_ENGINE: Engine = "turbo"


def core_report(
    engine: Engine, shapes: Graph, store: ox.Store, data: Graph | None, *, advanced: bool
) -> Graph:
    """Validate with one engine; the validation report graph.

    Args:
        engine: ``turbo`` or ``pyshacl``.
        shapes: the shapes graph.
        store: the data as a pyoxigraph store (default graph = union of its named graphs),
            used when ``data`` is None.
        data: the data as an rdflib graph (it may be changed), or None for all of ``store``.
        advanced: whether SHACL-AF features (SPARQL targets) are honoured.
    """
    if engine == "pyshacl":
        if data is None:
            data = add_triples(Graph(), store.quads_for_pattern(None, None, None, None))
        return _pyshacl(data, shapes, advanced=advanced)
    if engine == "turbo":
        # the store as it is: pyshacl-turbo validates the union of its graphs, as dikg does
        # (a copy with every triple in the default graph cost 4 s at 100k triples, and
        # validating it was no quicker)
        return _turbo(store if data is None else data, shapes, advanced=advanced)
    raise ValueError(f"unknown SHACL engine {engine!r}: one of {', '.join(ENGINES)}")


def _pyshacl(data: Graph, shapes: Graph, *, advanced: bool) -> Graph:
    # pySHACL takes about 0.2 s to import; only validation needs it.
    from pyshacl import validate

    _, report, _ = validate(
        data,
        shacl_graph=shapes,
        advanced=advanced,
        inplace=True,
        allow_warnings=True,
        allow_infos=True,
    )
    return report


def _turbo(data: Graph | ox.Store, shapes: Graph, *, advanced: bool) -> Graph:
    from pyshacl_turbo import validate

    # inplace=False: pyshacl-turbo reads its own copy either way; inplace would write what
    # validation added back into the data (nothing here, but finding that out took 1.5 s)
    _, report, _ = validate(
        data,
        shacl_graph=shapes,
        advanced=advanced,
        inplace=False,
        allow_warnings=True,
        allow_infos=True,
    )
    return report
