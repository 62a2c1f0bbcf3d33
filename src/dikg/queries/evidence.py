"""The evidence behind an answer: for each row, the source quotes and documents of its resource.

Which column holds the resource is declared by the query's ``#+ evidence: VAR`` header; for a
query without one (``--file``, ``--sparql``) it is the first column whose values have a
``dikg:sourceQuote``. Quotes and documents are read from the backend that answered the query
(``src/dikg/sparql/source-quotes.rq``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from dikg.errors import InputError
from dikg.queries.backend import Backend, Cell, SelectResult, select
from dikg.queries.sparql import internal_query

QUOTE_COLUMN = "evidence_quote"
SOURCE_COLUMN = "evidence_source"
QUOTE_SEPARATOR = " | "
_CHUNK = 200


@dataclass(frozen=True)
class Evidence:
    """The quotes of one resource and the documents it derives from."""

    quotes: tuple[str, ...]
    documents: tuple[str, ...]


def load_evidence(backend: Backend, iris: Iterable[str]) -> dict[str, Evidence]:
    """The evidence of each IRI that has any."""
    quotes: dict[str, set[str]] = defaultdict(set)
    documents: dict[str, set[str]] = defaultdict(set)
    wanted = sorted(set(iris))
    for start in range(0, len(wanted), _CHUNK):
        chunk = [ox.NamedNode(iri) for iri in wanted[start : start + _CHUNK]]
        result = select(
            backend, internal_query("source-quotes"), {"resource": chunk}, source="evidence"
        )
        for resource, quote, document in result.rows:
            if resource is None or quote is None:
                continue
            quotes[resource.value].add(quote.value)
            if isinstance(document, ox.NamedNode):
                documents[resource.value].add(document.value)
    return {
        iri: Evidence(tuple(sorted(quotes[iri])), tuple(sorted(documents[iri]))) for iri in quotes
    }


def _column_iris(result: SelectResult, index: int) -> set[str]:
    return {row[index].value for row in result.rows if isinstance(row[index], ox.NamedNode)}


def evidence_column(result: SelectResult, declared: str | None, backend: Backend) -> str:
    """The column whose resources the evidence is for.

    Raises:
        InputError: if the declared column is not in the result, or no column has evidence.
    """
    if declared is not None:
        if declared not in result.variables:
            raise InputError(f"the evidence column ?{declared} is not among the query's columns")
        return declared
    for index, name in enumerate(result.variables):
        iris = _column_iris(result, index)
        if iris and load_evidence(backend, iris):
            return name
    raise InputError(
        "--evidence: no column of this answer holds resources with source quotes",
        hint="select the policy, measure, target or figure itself (e.g. ?measure), "
        "or add `#+ evidence: VAR` to the query's header",
    )


def with_evidence(result: SelectResult, column: str, backend: Backend) -> SelectResult:
    """The result with two columns added: the quotes and the source document(s) of ``column``.

    Quotes are joined with :data:`QUOTE_SEPARATOR`; the source is the document's IRI, or the
    IRIs joined by spaces when a resource has several.
    """
    index = result.variables.index(column)
    evidence = load_evidence(backend, _column_iris(result, index))
    rows: list[list[Cell]] = []
    for row in result.rows:
        cell = row[index]
        found = evidence.get(cell.value) if isinstance(cell, ox.NamedNode) else None
        quote: Cell = None
        source: Cell = None
        if found is not None:
            quote = ox.Literal(QUOTE_SEPARATOR.join(found.quotes), language="nl")
            if len(found.documents) == 1:
                source = ox.NamedNode(found.documents[0])
            elif found.documents:
                source = ox.Literal(" ".join(found.documents))
        rows.append([*row, quote, source])
    return SelectResult([*result.variables, QUOTE_COLUMN, SOURCE_COLUMN], rows)
