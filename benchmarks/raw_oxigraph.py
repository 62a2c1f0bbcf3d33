"""Baselines of bench_scale.py: what raw pyoxigraph does for the same job, with no dikg around.

Each mode is run as a fresh process by bench_scale.py, as dikg is:

    raw_oxigraph.py build ROOT OUT          parse every Turtle file of ontology/ and data/ into a
                                            named graph of its own, write the merged graph as
                                            Turtle, N-Triples, RDF/XML and JSON-LD, the named
                                            graphs as TriG (the five dumps of dikg build)
    raw_oxigraph.py load ROOT STORE         bulk-load the same files into an on-disk store, at once
    raw_oxigraph.py query-disk STORE Q.rq   run a query on the on-disk store, print JSON results
    raw_oxigraph.py query-memory NT Q.rq    load an N-Triples dump into memory, run the query

Results are SPARQL 1.1 Query Results JSON on stdout, so bench_scale.py can check that they are
the rows dikg gives before it reports a time.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox

FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "rdf": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def turtle_files(root: Path) -> list[Path]:
    """Every Turtle file dikg build merges: ontology/ and data/."""
    return sorted(p for part in ("ontology", "data") for p in (root / part).rglob("*.ttl"))


def build(root: Path, out: Path) -> None:
    """Parse every file into its own named graph and serialize: the merged graph four ways, TriG.

    No canonical order, no canonical blank nodes, literals as the store keeps them (by value):
    the speed a dump of the same formats can have, not dikg's output.
    """
    store = ox.Store()
    for path in turtle_files(root):
        graph = ox.NamedNode(f"urn:graph:{path.relative_to(root).as_posix()}")
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=graph)
    out.mkdir(parents=True, exist_ok=True)
    triples = list({quad.triple for quad in store})
    for suffix, rdf_format in FORMATS.items():
        ox.serialize(triples, output=str(out / f"dikg.{suffix}"), format=rdf_format)
    store.dump(output=str(out / "dikg.trig"), format=ox.RdfFormat.TRIG)
    print(len(triples))


def load(root: Path, location: Path) -> None:
    """Bulk-load the graph into an on-disk store (the baseline of dikg's store cache).

    One bulk load of every file, as dikg's cache is built: a bulk load per file leaves a
    store of many small table files, which answered 3-5 times slower at 100k triples.
    """
    store = ox.Store(str(location))
    store.bulk_extend(
        quad
        for path in turtle_files(root)
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, rename_blank_nodes=True)
    )
    store.flush()
    print(len(store))


def answer(store: ox.Store, query_file: Path) -> None:
    """Run a SELECT/ASK query and write the results as SPARQL JSON to stdout."""
    results = store.query(query_file.read_text(encoding="utf-8"), use_default_graph_as_union=True)
    sys.stdout.buffer.write(results.serialize(format=ox.QueryResultsFormat.JSON))


def main(argv: list[str]) -> int:
    """Dispatch on the mode (see the module docstring)."""
    mode, first, second = argv[0], Path(argv[1]), Path(argv[2])
    if mode == "build":
        build(first, second)
    elif mode == "load":
        load(first, second)
    elif mode == "query-disk":
        answer(ox.Store.read_only(str(first)), second)
    elif mode == "query-memory":
        store = ox.Store()
        store.bulk_load(path=str(first), format=ox.RdfFormat.N_TRIPLES)
        answer(store, second)
    else:
        raise SystemExit(f"unknown mode {mode}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
