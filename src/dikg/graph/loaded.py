"""The one graph loader: the graph's Turtle files parsed once each, on pyoxigraph.

:func:`load_graph` reads every file of ontology/ and data/ (or the files given) and puts each
into its own named graph of a pyoxigraph store (IRI from :func:`dikg.rdf.files.graph_iri`,
which is also the base IRI of the file), keeping what the commands need besides the
statements: each file's text (to find the line a resource is written on), the prefixes each
file declares, and the map between files and named graphs. Every command loads the graph
here; rdflib sees it only where pySHACL or an rdflib serializer needs it
(:func:`rdflib_graph`, through :mod:`dikg.rdf.convert`), and is imported only then.

:func:`bulk_load_graph` is the same load for the store cache (:mod:`dikg.graph.store`): the
files parsed in turn and written into an on-disk store with one bulk load, which builds the
store's indexes once instead of in a transaction per file, and keeps only the prefixes.
"""

from __future__ import annotations

import hashlib
import io
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from dikg.errors import syntax_error
from dikg.rdf.files import graph_files, graph_name, read_text
from dikg.root import GraphRoot

if TYPE_CHECKING:
    from rdflib import Graph

    from dikg.rdf.parse import SourceGraph

Prefixes = tuple[tuple[str, str], ...]


@dataclass
class LoadedGraph:
    """Turtle files loaded into pyoxigraph, one named graph per file.

    Attributes:
        store: the store; its default graph is empty, queries see the union of the named ones.
        files: for each named graph (IRI), its file, in the order the files were loaded.
        relative: for each named graph, the file's path relative to the root.
        texts: for each named graph, the file's text (to find lines in).
        file_prefixes: for each named graph, the prefixes its file declares.
        prefixes: the prefixes of all files; a prefix keeps the namespace of the first file
            declaring it.
        quads: for each named graph, the statements as parsed, if asked to keep them. The
            store keeps numbers by value (``1.0`` comes back as ``1``), so what must show
            the files' own lexical forms (``dikg build``) reads these.
        parse_prefixes: read each file's prefixes as it is loaded; if False,
            :attr:`file_prefixes` and :attr:`prefixes` stay empty and only
            :meth:`declared_prefixes` reads them, from the texts, when asked.
    """

    store: ox.Store
    files: dict[str, Path] = field(default_factory=dict)
    relative: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    file_prefixes: dict[str, dict[str, str]] = field(default_factory=dict)
    prefixes: dict[str, str] = field(default_factory=dict)
    quads: dict[str, list[ox.Quad]] | None = None
    parse_prefixes: bool = True

    def add_file(self, root: GraphRoot, path: Path) -> None:
        """Parse one Turtle file into its own named graph.

        The store parses it itself (no statement becomes a Python object) unless the
        statements are to be kept as parsed (:attr:`quads`).

        Raises:
            InputError: naming the file and line of a syntax error.
        """
        name = graph_name(root, path)
        text = read_text(path)
        if self.quads is None:
            _load_file(self.store, path, text, name)
            # a second parse, a third of the loading time: skipped where nobody may ask
            prefixes = _prefixes_of(text, name) if self.parse_prefixes else {}
        else:
            from dikg.rdf.parse import parse_turtle_quads

            quads, prefixes = parse_turtle_quads(path, text, base_iri=name, rename_blank_nodes=True)
            graph = ox.NamedNode(name)
            self.store.extend([ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads])
            self.quads[name] = quads
        for prefix, namespace in prefixes.items():
            self.prefixes.setdefault(prefix, namespace)
        self.files[name] = path
        self.relative[name] = path.relative_to(root.path).as_posix()
        self.texts[name] = text
        if self.parse_prefixes or self.quads is not None:
            self.file_prefixes[name] = prefixes

    def declared_prefixes(self) -> Prefixes:
        """Every (prefix, namespace) the files declare, file by file in load order, each once.

        Once: a replicated graph declares the same few in every file (497 pairs, 31 distinct,
        at 100k triples), and whoever reads them lets the first binding win.
        """
        for name in self.files.keys() - self.file_prefixes.keys():  # not read when loaded
            self.file_prefixes[name] = _prefixes_of(self.texts[name], name)
        self.file_prefixes = {name: self.file_prefixes[name] for name in self.files}
        return each_once(
            (prefix, namespace)
            for declared in self.file_prefixes.values()
            for prefix, namespace in declared.items()
        )

    def parsed(self, name: str) -> list[ox.Quad]:
        """One file's statements as parsed (the files' lexical forms), in the default graph.

        The kept ones (:attr:`quads`) if kept; else the file's text is parsed again, which
        costs less than keeping every statement of a large graph as a Python object.
        """
        if self.quads is not None:
            return self.quads[name]
        from dikg.rdf.parse import parse_turtle_quads

        quads, _ = parse_turtle_quads(
            self.files[name], self.texts[name], base_iri=name, rename_blank_nodes=True
        )
        return quads

    def rdflib_graph(self, name: str) -> Graph:
        """One file's named graph as an rdflib graph, with the prefixes its file declares.

        The prefixes are bound as rdflib's Turtle parser binds them, over rdflib's core ones;
        the statements are the parsed ones where kept (see :attr:`quads`), else the store's.
        """
        from rdflib import Graph

        from dikg.rdf.convert import add_triples

        graph = Graph(bind_namespaces="core")
        for prefix, namespace in self.file_prefixes[name].items():
            graph.bind(prefix, namespace)
        if self.quads is not None:
            return add_triples(graph, self.quads[name])
        return add_triples(
            graph, self.store.quads_for_pattern(None, None, None, ox.NamedNode(name))
        )

    def sources(self) -> list[SourceGraph]:
        """Every file's named graph as an rdflib graph, for the serializers of ``dikg build``."""
        from rdflib import URIRef

        from dikg.rdf.parse import SourceGraph

        return [
            SourceGraph(URIRef(name), path, self.relative[name], self.rdflib_graph(name))
            for name, path in self.files.items()
        ]


def load_graph(
    root: GraphRoot,
    *,
    exclude: set[Path] = frozenset(),
    paths: Iterable[Path] | None = None,
    store: ox.Store | None = None,
    keep_quads: bool = False,
    parse_prefixes: bool = True,
) -> LoadedGraph:
    """Load the graph's Turtle files, each once, one named graph per file.

    Args:
        root: the graph root.
        exclude: files to leave out (resolved paths; an entry that replaces one of them).
        paths: the files to load; ontology/ and data/ (:func:`graph_files`) if not given.
        store: the store to load into (an on-disk one for the cache); a new in-memory store
            if not given.
        keep_quads: keep each file's statements as parsed (:attr:`LoadedGraph.quads`).
        parse_prefixes: see :attr:`LoadedGraph.parse_prefixes`.

    Raises:
        InputError: naming the file and line of the first syntax error.
    """
    loaded = LoadedGraph(store if store is not None else ox.Store(), parse_prefixes=parse_prefixes)
    if keep_quads:
        loaded.quads = {}
    for path in graph_files(root) if paths is None else paths:
        if exclude and path.resolve() in exclude:
            continue
        loaded.add_file(root, path)
    return loaded


def load_sources(root: GraphRoot) -> list[SourceGraph]:
    """Every Turtle file of ontology/ and data/, each as its own rdflib graph.

    Raises:
        InputError: naming the first file that cannot be read or parsed.
    """
    return load_graph(root, keep_quads=True).sources()


def _load_file(store: ox.Store, path: Path, text: str, name: str) -> None:
    """Load one file's Turtle into the named graph ``name`` (also its base IRI).

    The store renames blank nodes as it loads, so files never share one.
    """
    try:
        store.load(text, format=ox.RdfFormat.TURTLE, base_iri=name, to_graph=ox.NamedNode(name))
    except SyntaxError as error:
        raise syntax_error(error, path) from None


def each_once(pairs: Iterable[tuple[str, str]]) -> Prefixes:
    """(prefix, namespace) pairs in the order first declared, each once."""
    return tuple(dict.fromkeys(pairs))


def _prefixes_of(text: str, name: str) -> dict[str, str]:
    """The prefixes a Turtle text declares, from a parse that keeps nothing.

    Raises:
        SyntaxError: if the text does not parse.
    """
    parser = ox.parse(text, format=ox.RdfFormat.TURTLE, base_iri=name)
    # a parser knows the prefixes once it has read the whole text; a zero-length deque
    # reads it without a Python loop
    deque(parser, maxlen=0)
    return dict(parser.prefixes)


def bulk_load_graph(root: GraphRoot, store: ox.Store) -> tuple[Prefixes, list[tuple[str, bytes]]]:
    """Load ontology/ and data/ into ``store`` as :func:`load_graph` does, in one bulk load.

    Each file is parsed as :meth:`LoadedGraph.add_file` parses it (base IRI and named graph
    from its path, blank nodes renamed so that files do not share them) and handed on as
    N-Quads in its named graph, one file at a time as the store reads them, to one
    ``Store.bulk_load``. That load is not transactional: it is meant for a new store that
    nobody reads until it is complete (the store cache builds one in a temporary directory).

    Returns:
        Every (prefix, namespace) the files declare, file by file, each once
        (:meth:`LoadedGraph.declared_prefixes`), and each file's path relative to the root
        with the SHA-256 of the bytes that were loaded (what the cache key is made of, so
        that a store is never kept under the key of files that changed while it was built).

    Raises:
        InputError: naming the file and line of the first syntax error (the store then
            holds some of the files).
    """
    stream = _NQuads(root, graph_files(root))
    store.bulk_load(stream, format=ox.RdfFormat.N_QUADS)
    return each_once(stream.prefixes), stream.hashes


class _NQuads(io.RawIOBase):
    """The graph's files as one N-Quads stream, each file parsed when the reader gets to it."""

    def __init__(self, root: GraphRoot, files: Iterable[Path]) -> None:
        super().__init__()
        self.root = root
        self.files = iter(files)
        self.prefixes: list[tuple[str, str]] = []
        self.hashes: list[tuple[str, bytes]] = []
        self._current = memoryview(b"")

    def readable(self) -> bool:
        return True

    def _next_file(self) -> bool:
        path = next(self.files, None)
        if path is None:
            return False
        name = graph_name(self.root, path)
        text = read_text(path)
        relative = path.relative_to(self.root.path).as_posix()
        self.hashes.append((relative, hashlib.sha256(text.encode()).digest()))
        parser = ox.parse(text, format=ox.RdfFormat.TURTLE, base_iri=name, rename_blank_nodes=True)
        try:
            triples = ox.serialize(parser, format=ox.RdfFormat.N_TRIPLES)
        except SyntaxError as error:
            raise syntax_error(error, path) from None
        # N-Triples ends every statement, and only a statement, with " .\n" (a newline in a
        # literal is written \n): the file's graph name before it makes N-Quads
        self._current = memoryview(triples.replace(b" .\n", f" <{name}> .\n".encode()))
        self.prefixes.extend(parser.prefixes.items())
        return True

    def readinto(self, buffer) -> int:
        """Fill ``buffer`` from the current file, parsing the next one when it is used up."""
        while not self._current:
            if not self._next_file():
                return 0
        size = min(len(buffer), len(self._current))
        buffer[:size] = self._current[:size]
        self._current = self._current[size:]
        return size
