"""Answer a question: find the query, bind its parameters, run it, and label the answer.

:func:`run_query` is what ``dikg query`` does; :func:`query` is the same for Python and
notebooks, returning rows of plain Python values::

    >>> import dikg
    >>> rows = dikg.query("ministries-by-target-group", group="LHBTI")
    >>> rows[0]["ministry"], rows[0]["ministry_iri"]
    ('Ministry of the Interior and Kingdom Relations', 'https://w3id.org/dikg/id/organisation/bzk')
    >>> frame = rows.to_dataframe()  # needs pandas
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from dikg.errors import InputError
from dikg.graph.store import Prefixes, declared_prefixes, open_graph
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
from dikg.queries.params import Resolver, bind_parameters, shown
from dikg.queries.render import iri_columns
from dikg.queries.sparqltext import inject_values, prefixes
from dikg.rdf.files import read_text
from dikg.root import GraphRoot, resolve_root

_XSD = "http://www.w3.org/2001/XMLSchema#"


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
    prefixes: dict[str, str]
    backend: Backend

    @property
    def size(self) -> str | None:
        """``N rows`` or ``N triples``; None for an ASK answer."""
        if isinstance(self.result, GraphResult):
            return f"{len(self.result.triples)} triples"
        if isinstance(self.result, AskResult):
            return None
        return f"{len(self.result.rows)} rows"

    @property
    def empty(self) -> bool:
        """No rows, no triples, or an ASK answered false."""
        if isinstance(self.result, GraphResult):
            return not self.result.triples
        if isinstance(self.result, AskResult):
            return not self.result.value
        return not self.result.rows


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
) -> tuple[Backend, Prefixes]:
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
    return EmbeddedBackend(opened.store), opened.prefixes


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
    prefixes: dict[str, str]

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
    shown_prefixes = display_prefixes(root, query.text, declared)
    resolver = Resolver(backend, {**shown_prefixes, **prefixes(query.text)})
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


def python_value(term: ox.NamedNode | ox.BlankNode | ox.Literal | None):
    """A literal as the Python value of its datatype where that is plain; else its text."""
    if term is None:
        return None
    if not isinstance(term, ox.Literal):
        return term.value
    import decimal  # here: only notebooks' rows need it

    datatype = term.datatype.value.removeprefix(_XSD)
    try:
        if datatype in ("integer", "int", "long", "short", "nonNegativeInteger"):
            return int(term.value)
        if datatype in ("decimal", "double", "float"):
            return float(decimal.Decimal(term.value))
        if datatype == "boolean":
            return term.value in ("true", "1")
        if datatype == "date":
            return datetime.date.fromisoformat(term.value)
    except ValueError:
        pass
    return term.value


class Rows(list):
    """The rows of an answer, each a dict of Python values.

    A column of IRIs gives two keys: the column's name (the IRI's label) and
    ``{column}_iri`` (the IRI itself).

    Attributes:
        columns: the keys of every row, in order.
        result: the answer as RDF terms.
    """

    def __init__(self, rows: list[dict], columns: list[str], result: SelectResult) -> None:
        super().__init__(rows)
        self.columns = columns
        self.result = result

    def to_dataframe(self):
        """The rows as a pandas DataFrame (needs pandas: ``pip install 'dikg[dataframe]'``).

        Raises:
            ImportError: if pandas is not installed.
        """
        try:
            import pandas
        except ImportError as error:
            raise ImportError(
                "Rows.to_dataframe() needs pandas: pip install pandas (or 'dikg[dataframe]')"
            ) from error
        return pandas.DataFrame(list(self), columns=self.columns)


def to_rows(answer: Answer) -> Rows:
    """An answer as :class:`Rows` of Python values, with labels in the answer's language."""
    result = answer.result
    if isinstance(result, AskResult):
        result = SelectResult(result.variables, result.rows)
    if not isinstance(result, SelectResult):
        raise TypeError("a CONSTRUCT or DESCRIBE answer has triples, not rows")
    with_iri = set(iri_columns(result))
    columns: list[str] = []
    for index, name in enumerate(result.variables):
        columns += [name, f"{name}_iri"] if index in with_iri else [name]
    rows = []
    for row in result.rows:
        values: dict = {}
        for index, (name, term) in enumerate(zip(result.variables, row, strict=True)):
            if index in with_iri:
                is_iri = isinstance(term, ox.NamedNode)
                values[name] = answer.labeller.show(term) if is_iri else python_value(term)
                values[f"{name}_iri"] = term.value if is_iri else None
            else:
                values[name] = python_value(term)
        rows.append(values)
    return Rows(rows, columns, result)


def _text_value(name: str, value) -> str:
    if isinstance(value, bool):
        raise InputError(f"parameter {name}: a boolean is not a value dikg can bind")
    if isinstance(value, ox.NamedNode):
        return f"<{value.value}>"
    if isinstance(value, str | int):
        return str(value)
    raise InputError(f"parameter {name}: {shown(repr(value))} is not a string, integer or IRI")


def query(
    name: str | None = None,
    /,
    *,
    sparql: str | None = None,
    file: str | os.PathLike[str] | None = None,
    root: str | os.PathLike[str] | None = None,
    endpoint: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    lang: str = "en",
    evidence: bool = False,
    cache: bool = True,
    params: Mapping[str, object] | None = None,
    **parameters: object,
) -> Rows | bool | list[ox.Triple]:
    """Answer a canned question (or ad-hoc SPARQL) from Python.

    Args:
        name: the canned query (``dikg queries`` lists them); or give ``sparql`` or ``file``.
        sparql: SPARQL text to run instead.
        file: a query file to run instead.
        root: the graph root; default as for the command line (``DIKG_ROOT``, this checkout,
            or the packaged graph).
        endpoint: a SPARQL 1.1 endpoint URL; None for the embedded store.
        timeout: seconds to wait for the endpoint.
        lang: language of the labels, ``en`` or ``nl``.
        evidence: add ``evidence_quote`` and ``evidence_source`` to every row.
        cache: use the on-disk store cache.
        params: parameters by name, for names that clash with the keywords above.
        **parameters: the query's parameters, e.g. ``group="LHBTI"``, ``since=2016``; values
            are strings, integers or ``pyoxigraph.NamedNode``.

    Returns:
        :class:`Rows` for a SELECT, a bool for an ASK, triples for a CONSTRUCT or DESCRIBE.

    Raises:
        dikg.errors.InputError: for an unknown query or parameter, or a bad value.
    """
    if lang not in ("en", "nl"):
        raise InputError(f"lang must be 'en' or 'nl', not {lang!r}")
    given = {**(params or {}), **parameters}
    answer = run_query(
        resolve_root(root),
        name=name,
        file=Path(file) if file is not None else None,
        sparql=sparql,
        params=[(key, _text_value(key, value)) for key, value in given.items()],
        endpoint=endpoint,
        timeout=timeout,
        lang=lang,
        evidence=evidence,
        cache=cache,
    )
    if isinstance(answer.result, AskResult):
        return answer.result.value
    if isinstance(answer.result, GraphResult):
        return answer.result.triples
    return to_rows(answer)
