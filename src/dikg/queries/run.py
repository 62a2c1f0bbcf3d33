"""Answer a question: find the query, bind its parameters, run it, and label the answer.

:func:`run_query` is what ``dikg query`` does; :func:`dikg.queries.api.query` is the same for
Python and notebooks (``dikg.query``), returning rows of plain Python values.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from dikg.errors import InputError
from dikg.graph.store import declared_prefixes, open_graph
from dikg.queries.backend import (
    DEFAULT_TIMEOUT,
    AskResult,
    Backend,
    EmbeddedBackend,
    GraphResult,
    Result,
    SelectResult,
)
from dikg.queries.catalogue import CannedQuery, adhoc_query, find_query
from dikg.queries.evidence import evidence_column, with_evidence
from dikg.queries.labels import Labeller
from dikg.queries.params import Resolver, bind_parameters
from dikg.queries.sparqltext import inject_values, prefixes
from dikg.rdf.files import read_text
from dikg.root import GraphRoot


@dataclass
class Answer:
    """A query's answer and what is needed to show it.

    Attributes:
        query: the query that ran (canned or ad hoc).
        result: its answer (with evidence columns when asked for).
        bindings: the terms its parameters were bound to (variable -> term).
        labeller: names for the answer's IRIs, read from the same backend.
        prefixes: namespaces for display.
        backend: where it ran.
    """

    query: CannedQuery
    result: Result
    bindings: dict[str, ox.NamedNode | ox.Literal]
    labeller: Labeller
    prefixes: Mapping[str, str]
    backend: Backend

    @property
    def size(self) -> str | None:
        """``N rows`` or ``N triples``; None for an ASK answer."""
        if isinstance(self.result, GraphResult):
            return f"{len(self.result.triples)} triples"
        if isinstance(self.result, AskResult):
            return None
        return f"{self.result.count} rows"

    @property
    def empty(self) -> bool:
        """No rows, no triples, or an ASK answered false."""
        if isinstance(self.result, GraphResult):
            return not self.result.triples
        if isinstance(self.result, AskResult):
            return not self.result.value
        return not self.result.count


class LazyPrefixes(Mapping[str, str]):
    """Prefixes worked out when first looked at, then kept.

    ``dikg query --format json`` with plain parameter values never looks: working them out
    reads every query file and, for a graph loaded in memory, every file's declarations.
    """

    def __init__(self, work_out: Callable[[], dict[str, str]]) -> None:
        self._work_out: Callable[[], dict[str, str]] | None = work_out
        self._found: dict[str, str] = {}

    def _prefixes(self) -> dict[str, str]:
        if self._work_out is not None:
            self._found, self._work_out = self._work_out(), None
        return self._found

    def __getitem__(self, prefix: str) -> str:
        return self._prefixes()[prefix]

    def __iter__(self) -> Iterator[str]:
        return iter(self._prefixes())

    def __len__(self) -> int:
        return len(self._prefixes())


def display_prefixes(
    root: GraphRoot, text: str, declared: Iterable[tuple[str, str]]
) -> dict[str, str]:
    """Prefixes to show IRIs with.

    The query's own first, then those of the canned queries, then those the graph's Turtle
    files declare (``declared``, as the loader or the store cache keeps them); the first
    binding of a prefix or of a namespace wins.
    """
    found: dict[str, str] = {}

    def add(prefix: str, namespace: str) -> None:
        if prefix and prefix not in found and namespace not in found.values():
            found[prefix] = namespace

    paths = sorted(root.queries.glob("*.rq")) if root.queries.is_dir() else []
    for source in [text, *(read_text(path) for path in paths)]:
        for prefix, namespace in prefixes(source).items():
            add(prefix, namespace)
    for prefix, namespace in declared:
        add(prefix, namespace)
    return found


def load_source(
    root: GraphRoot, name: str | None, file: Path | None, sparql: str | None
) -> CannedQuery:
    """The query named, read from a file, or given as text (exactly one of the three).

    Raises:
        InputError: if not exactly one is given, or the query cannot be found or read.
    """
    given = [x for x in (name, file, sparql) if x is not None]
    if len(given) != 1:
        raise InputError(
            "give exactly one of NAME, --file or --sparql",
            hint="`dikg queries` lists the canned query names",
        )
    if name is not None:
        return find_query(root, name)
    if file is not None:
        return adhoc_query(read_text(file), str(file))
    return adhoc_query(sparql or "", "--sparql")


def make_backend(
    root: GraphRoot,
    endpoint: str | None,
    timeout: float,
    *,
    cache: bool = True,
    wait: bool = True,
) -> tuple[Backend, Iterable[tuple[str, str]]]:
    """The endpoint if one is given, else the embedded store (cached on disk by default).

    ``wait``: see :func:`dikg.graph.store.open_graph`.

    Returns:
        The backend, and the prefixes the graph's files declare (from the store cache where
        it has them).
    """
    if endpoint is not None:
        # imported here: SPARQLWrapper and urllib's HTTP machinery cost the embedded store time
        from dikg.queries.endpoint import EndpointBackend

        return EndpointBackend(endpoint, timeout), declared_prefixes(root, cache=cache)
    opened = open_graph(root, cache=cache, wait=wait)
    return EmbeddedBackend(opened.store, folder=opened.folder), opened.prefixes


@dataclass
class PreparedQuery:
    """A query found, its backend opened and its parameters bound: ready to show or to run.

    Attributes:
        query: the query (canned or ad hoc).
        backend: where it runs.
        bindings: the terms its parameters are bound to (variable -> term).
        prefixes: namespaces for display.
    """

    query: CannedQuery
    backend: Backend
    bindings: dict[str, ox.NamedNode | ox.Literal]
    prefixes: Mapping[str, str]

    @property
    def text(self) -> str:
        """The query text with its parameters bound by a VALUES block (what an endpoint gets)."""
        return inject_values(self.query.text, self.bindings)

    def run(self, *, lang: str = "en", evidence: bool = False) -> Answer:
        """Run the query.

        Args:
            lang: language of labels (``en`` or ``nl``).
            evidence: add each row's source quotes and documents.

        Raises:
            InputError: for every problem the user can fix (exit 2).
        """
        query, backend = self.query, self.backend
        result = backend.execute(query.text, self.bindings, source=query.name)
        if evidence:
            if not isinstance(result, SelectResult):
                raise InputError("--evidence needs a SELECT query: it adds columns to each row")
            if query.no_evidence:
                raise InputError(
                    f"--evidence: the rows of {query.name} are not about one resource each "
                    "(counts or sources), so there is no quote to show per row",
                    hint="ask a query that lists measures or policies, or `dikg query evidence "
                    "-p resource=IRI`",
                )
            column = evidence_column(result, query.evidence, backend)
            result = with_evidence(result, column, backend)
        labeller = Labeller(backend, lang, self.prefixes)
        return Answer(query, result, self.bindings, labeller, self.prefixes, backend)


def prepare(
    root: GraphRoot,
    *,
    name: str | None = None,
    file: Path | None = None,
    sparql: str | None = None,
    params: Iterable[tuple[str, str]] = (),
    endpoint: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    cache: bool = True,
    wait: bool = True,
) -> PreparedQuery:
    """Find the query, open the backend and bind the parameters, without running the query.

    Args:
        root: the graph root (its queries, and its data for the embedded store).
        name: a canned query's name; or ``file``, or ``sparql`` text.
        file: a query file.
        sparql: query text.
        params: (name, value) pairs for the query's parameters.
        endpoint: a SPARQL 1.1 endpoint URL; None for the embedded store.
        timeout: seconds to wait for the endpoint.
        cache: use the on-disk store cache for the embedded store.
        wait: where that cache has no store for the current files yet, build it before
            answering; False answers from memory and leaves it to a background process
            (what ``dikg query`` does: :func:`dikg.graph.store.open_graph`).

    Raises:
        InputError: for an unknown query, a bad parameter or an unusable backend.
    """
    query = load_source(root, name, file, sparql)
    if query.form is None:
        raise InputError(f"{query.name} is not a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    if timeout <= 0:
        raise InputError("--timeout must be a positive number of seconds")
    backend, declared = make_backend(root, endpoint, timeout, cache=cache, wait=wait)
    shown_prefixes = LazyPrefixes(lambda: display_prefixes(root, query.text, declared))
    # the query's own prefixes first: a value they expand needs no look at the others
    resolver = Resolver(backend, ChainMap(prefixes(query.text), shown_prefixes))
    bindings = bind_parameters(query, params, resolver)
    return PreparedQuery(query, backend, bindings, shown_prefixes)


def run_query(
    root: GraphRoot, *, lang: str = "en", evidence: bool = False, **source: Any
) -> Answer:
    """Run a canned or ad-hoc query: :func:`prepare` with ``source``, then run it.

    Args:
        root: the graph root.
        lang: language of labels (``en`` or ``nl``).
        evidence: add each row's source quotes and documents.
        **source: the keyword arguments of :func:`prepare` (name, params, endpoint, ...).

    Raises:
        InputError: for every problem the user can fix (exit 2).
    """
    return prepare(root, **source).run(lang=lang, evidence=evidence)
