"""``dikg validate``: check the graph, or new entries in its context, against shapes/.

Two modes:

* **whole graph** (no files): every file of ontology/ and data/ against every shape;
* **new entries** (``dikg validate FILE...``): the entries are read safely
  (:mod:`dikg.rdfinput`), merged into the graph (an entry file that is itself a file of the
  graph replaces it), and only problems of the resources the entries describe are reported,
  together with the conflicts the entries cause with what exists (:mod:`dikg.entries`).

Both run SHACL as :mod:`dikg.shacl` describes (pySHACL for SHACL Core, the SPARQL rules once
each on pyoxigraph), check every ``dikg:sourceQuote`` concerned against the stored text of its
document (:mod:`dikg.validate.grounding`), and say for every problem the file and line where its
resource is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import BNode, URIRef
from rdflib.term import Node

from dikg.graph.loaded import LoadedGraph, load_graph
from dikg.rdf.convert import to_ox, to_rdflib
from dikg.root import GraphRoot
from dikg.terms import Names
from dikg.validate.checks import quote_results
from dikg.validate.engines import DEFAULT_ENGINE, Engine
from dikg.validate.grounding import check_quotes, load_quotes
from dikg.validate.locate import LineFinder
from dikg.validate.shacl import Result, validate_graph

# load_shapes and shape_count are imported from here too (tests, benchmarks)
from dikg.validate.shapes import Shapes, load_shapes, shape_count, shapes_of  # noqa: F401

if TYPE_CHECKING:
    from dikg.validate.entries import Entries

SEVERITIES = ("Violation", "Warning", "Info")


@dataclass(frozen=True)
class Problem:
    """A result with the place where its resource is written.

    Attributes:
        result: the SHACL result (or the result of a dikg check).
        file: the file that describes the focus node (relative to the root for the graph's
            own files, as given for entries), or None if none does.
        line: the line in ``file`` where the description starts, if found.
    """

    result: Result
    file: str | None
    line: int | None

    def sort_key(self) -> tuple:
        """Files in order, resources in the order they are written, worst problem first.

        A blank node is placed where its parent is written, after the parent.
        """
        return (
            self.file is None,
            self.file or "",
            self.line or 0,
            isinstance(self.result.focus, BNode),
            str(self.result.focus),
            *self.result.sort_key(),
        )


@dataclass
class ValidationOutcome:
    """What ``dikg validate`` found.

    Attributes:
        problems: the problems in report order (see :meth:`Problem.sort_key`).
        shapes: how many shapes were applied.
        names: the prefixes to show terms with.
        entries: the entry files validated; empty for the whole graph.
    """

    problems: list[Problem] = field(default_factory=list)
    shapes: int = 0
    names: Names = field(default_factory=lambda: Names({}))
    entries: tuple[str, ...] = ()

    def count(self, severity: str) -> int:
        """How many problems of a severity (``Violation``, ``Warning``, ``Info``)."""
        return sum(1 for p in self.problems if p.result.severity_name == severity)

    @property
    def violations(self) -> int:
        """The number of violations (these fail validation)."""
        return self.count("Violation")

    @property
    def conforms(self) -> bool:
        """True when there is no violation; warnings and infos are allowed.

        This is dikg's pass (exit 0, an entry may be written), not SHACL's ``sh:conforms``,
        which warnings make false: see :func:`dikg.validate.report.conforms`.
        """
        return self.violations == 0

    @property
    def resources(self) -> int:
        """How many resources have problems."""
        return len({p.result.focus for p in self.problems})


class _Locator:
    """Finds the file and line of resources, in entry files first, then in the graph's files."""

    def __init__(self, graph: LoadedGraph, entries: Entries | None = None) -> None:
        self.graph = graph
        self.entries = entries
        self._finders: dict[str, LineFinder] = {}
        self._order = {name: i for i, name in enumerate(graph.files)}

    def _finder(self, key: str, text: str, prefixes: dict[str, str]) -> LineFinder:
        if key not in self._finders:
            self._finders[key] = LineFinder(text, prefixes)
        return self._finders[key]

    def in_graph_file(self, subject: URIRef, graph_name: str) -> str:
        """``file:line`` of a subject in one of the graph's files (for messages)."""
        relative = self.graph.relative.get(graph_name, graph_name)
        text = self.graph.texts.get(graph_name)
        if text is None:
            return relative
        line = self._finder(graph_name, text, self.graph.prefixes).line(str(subject))
        return f"{relative}:{line}" if line else relative

    def locate(self, node: Node, depth: int = 0) -> tuple[str | None, int | None]:
        """The file and line where ``node`` is described."""
        if isinstance(node, BNode) and depth < 5:
            # a blank node has no name to look for: show where its parent is written
            for quad in self.graph.store.quads_for_pattern(None, None, to_ox(node), None):
                return self.locate(to_rdflib(quad.subject), depth + 1)
            return None, None
        if not isinstance(node, URIRef):
            return None, None
        if self.entries is not None and node in self.entries.subjects:
            entry = self.entries.subjects[node]
            finder = self._finder(str(entry.path), entry.text, entry.prefixes)
            return str(entry.path), finder.line(str(node))
        graphs = {
            q.graph_name.value
            for q in self.graph.store.quads_for_pattern(to_ox(node), None, None, None)
            if q.graph_name.value in self.graph.files
        }
        if not graphs:
            return None, None
        name = min(graphs, key=lambda g: self._order[g])
        finder = self._finder(name, self.graph.texts[name], self.graph.prefixes)
        return self.graph.relative[name], finder.line(str(node))


def _problems(results: list[Result], locator: _Locator) -> list[Problem]:
    places: dict[Node, tuple[str | None, int | None]] = {}
    problems = []
    for result in set(results):
        if result.focus not in places:
            places[result.focus] = locator.locate(result.focus)
        problems.append(Problem(result, *places[result.focus]))
    return sorted(problems, key=Problem.sort_key)


def validate(
    root: GraphRoot, files: Sequence[Path] = (), *, engine: Engine = DEFAULT_ENGINE
) -> ValidationOutcome:
    """Validate the whole graph, or new entries in the context of the whole graph.

    Args:
        root: the graph root (its ontology/, data/ and shapes/).
        files: entry files (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML); none for the
            whole graph.
        engine: the SHACL Core engine (:mod:`dikg.validate.engines`); the results are the same.

    Raises:
        InputError: for input that cannot be read (exit 2).
    """
    shapes = shapes_of(root)
    if files:
        # imported here: only new-entry mode needs them
        from dikg.validate.entries import read_entries

        entries = read_entries(files)
        graph = load_graph(root, exclude={path.resolve() for path in files})
        return validate_entries(root, entries, graph, shapes=shapes, engine=engine)
    graph = load_graph(root)
    names = Names({**graph.prefixes, **shapes.namespaces})
    results = validate_graph(graph.store, None, shapes.split, engine=engine)
    results += quote_results(check_quotes(root, load_quotes(root, graph.store)))
    return ValidationOutcome(
        problems=_problems(results, _Locator(graph)),
        shapes=shapes.count,
        names=names,
    )


def validate_entries(
    root: GraphRoot,
    entries: Entries,
    graph: LoadedGraph,
    *,
    shapes: Shapes | None = None,
    engine: Engine = DEFAULT_ENGINE,
) -> ValidationOutcome:
    """Validate entries already read in the context of a graph already loaded.

    Args:
        root: the graph root (its shapes/ and source texts).
        entries: the entries; their paths name them in the outcome.
        graph: the graph, without the files the entries replace; the entries are added to
            its store.
        shapes: the shapes, if already prepared (:func:`dikg.validate.shapes.shapes_of`).
        engine: the SHACL Core engine (:mod:`dikg.validate.engines`).

    Raises:
        InputError: for shapes that cannot be read.
    """
    # imported here: only new-entry mode needs them
    from dikg.validate.entries import add_to_store, conflicts, subgraph, subjects

    if shapes is None:
        shapes = shapes_of(root)
    add_to_store(graph.store, entries)
    prefixes = dict(graph.prefixes)
    for entry in entries.files:
        prefixes.update(entry.prefixes)
    names = Names({**prefixes, **shapes.namespaces})
    focus = set(entries.subjects)
    locator = _Locator(graph, entries)
    data = subgraph(graph.store, subjects(entries))
    results = validate_graph(graph.store, data, shapes.split, focus=focus, engine=engine)
    results += conflicts(graph.store, entries, locator.in_graph_file, names.term)
    resources = {str(s) for s in focus if isinstance(s, URIRef)}
    resources |= {str(s) for s in focus if isinstance(s, BNode)}
    quotes = load_quotes(root, graph.store, resources=resources)
    results += quote_results(check_quotes(root, quotes))
    return ValidationOutcome(
        problems=_problems(results, locator),
        shapes=shapes.count,
        names=names,
        entries=tuple(str(entry.path) for entry in entries.files),
    )
