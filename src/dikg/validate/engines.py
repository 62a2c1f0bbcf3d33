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

import codecs
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
        # the store's named graphs as they are (pyshacl-turbo validates their union, as dikg
        # does; a copy with every triple in the default graph cost 4 s at 100k triples, and
        # validating it was no quicker), handed over as ASCII N-Quads: see ascii_nquads
        return _turbo(ascii_nquads(store) if data is None else data, shapes, advanced=advanced)
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


def _uchar(error: UnicodeError) -> tuple[str, int]:
    """Write the characters ASCII lacks as N-Quads UCHARs, for ``ascii_nquads``."""
    assert isinstance(error, UnicodeEncodeError)
    run = error.object[error.start : error.end]
    escaped = (f"\\u{ord(c):04X}" if ord(c) < 0x10000 else f"\\U{ord(c):08X}" for c in run)
    return "".join(escaped), error.end


codecs.register_error("dikg-uchar", _uchar)


class _AsciiSink:
    """A binary file for ``Store.dump`` that keeps what it is given as ASCII text."""

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self.parts: list[str] = []

    def write(self, data: bytes) -> int:
        text = self._decoder.decode(data)
        self.parts.append(text.encode("ascii", "dikg-uchar").decode("ascii"))
        return len(data)

    def flush(self) -> None:
        """Nothing to do: ``parts`` is all there is."""


def ascii_nquads(store: ox.Store) -> object:
    """The store as pyshacl-turbo's own input: N-Quads in a str, but in ASCII.

    pyshacl-turbo reads a store as ``dump().decode()``. Dutch text makes that str two bytes
    per character, and the engine then needs a UTF-8 copy of it: 1.2 GiB at a million triples,
    the difference between dikg's peak being over and under 2 GiB. Escaped with UCHARs
    (https://www.w3.org/TR/n-quads/#grammar-production-UCHAR), the text is the same N-Quads at
    one byte per character, and the engine reads it in place. Blank-node labels keep the
    store's, as pyshacl-turbo's own dump does, so results name the store's blank nodes.
    """
    from pyshacl_turbo.rdf import Input

    sink = _AsciiSink()
    store.dump(sink, ox.RdfFormat.N_QUADS)
    text = "".join(sink.parts)
    sink.parts.clear()
    return Input(text, "oxigraph-nquads", None, {}, preserve_ids=True)


def _turbo(data: object, shapes: Graph, *, advanced: bool) -> Graph:
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
