"""Query backends: the answers' types, and the embedded pyoxigraph store as a backend.

A backend runs query text with variables bound to RDF terms. Two exist: the embedded store
here and a remote SPARQL 1.1 endpoint (:mod:`dikg.endpoint`). Both bind the same way, by a
VALUES block of serialised pyoxigraph terms inserted at the start of the outermost WHERE group
(:func:`dikg.sparqltext.inject_values`), so a canned query means the same on both; and both
answer with the types below. (pyoxigraph's own ``substitutions`` would avoid the text, but
it only substitutes variables of the SELECT projection, which parameters are not.)
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from dikg.errors import InputError
from dikg.queries.sparqltext import Term, inject_values
from dikg.rdf.termjson import json_term, term_json

DEFAULT_TIMEOUT = 60.0  # seconds to wait for a SPARQL endpoint (:mod:`dikg.queries.endpoint`)
Binding = Term | Sequence[Term]
Cell = ox.NamedNode | ox.BlankNode | ox.Literal | None
JsonBinding = dict[str, dict[str, str]]  # variable -> encoded term, as results JSON has it


class SelectResult:
    """The answer of a SELECT query: variable names and rows of RDF terms (None if unbound).

    Made from rows, or (:meth:`from_bindings`) from the bindings of SPARQL 1.1 Query Results
    JSON as the engine wrote them; each form is worked out from the other when first asked
    for. An answer shown as JSON so never makes a Python term of each value, and one shown as
    a table never encodes one.

    Args:
        variables: the names of the columns.
        rows: one list of terms per solution, in the order of ``variables``.
    """

    __slots__ = ("_bindings", "_rows", "variables")

    def __init__(self, variables: list[str], rows: list[list[Cell]]) -> None:
        self.variables = variables
        self._rows: list[list[Cell]] | None = rows
        self._bindings: list[JsonBinding] | None = None

    @classmethod
    def from_bindings(cls, variables: list[str], bindings: list[JsonBinding]) -> SelectResult:
        """An answer from results JSON bindings (each term is decoded when rows are asked for)."""
        result = cls(variables, [])
        result._rows, result._bindings = None, bindings
        return result

    @property
    def rows(self) -> list[list[Cell]]:
        """One list of terms per solution, None where a variable is unbound."""
        if self._rows is None:
            names = self.variables
            self._rows = [
                [json_term(binding[name]) if name in binding else None for name in names]
                for binding in self._bindings or []
            ]
        return self._rows

    @property
    def bindings(self) -> list[JsonBinding]:
        """Each solution as results JSON encodes it: variable -> term, unbound ones left out."""
        if self._bindings is None:
            names = self.variables
            self._bindings = [
                {
                    name: term_json(term)
                    for name, term in zip(names, row, strict=True)
                    if term is not None
                }
                for row in self._rows or []
            ]
        return self._bindings

    @property
    def count(self) -> int:
        """The number of solutions."""
        return len(self._rows if self._rows is not None else self._bindings or [])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SelectResult):
            return NotImplemented
        return self.variables == other.variables and self.rows == other.rows

    __hash__ = None  # type: ignore[assignment]  # mutable, as its rows are

    def __repr__(self) -> str:
        return f"SelectResult(variables={self.variables!r}, {self.count} rows)"


@dataclass(frozen=True)
class AskResult:
    """The answer of an ASK query."""

    value: bool

    @property
    def variables(self) -> list[str]:
        """One column, ``answer``, for the tabular formats."""
        return ["answer"]

    @property
    def rows(self) -> list[list[Cell]]:
        """One row holding the boolean as an ``xsd:boolean`` literal."""
        return [[ox.Literal(self.value)]]


@dataclass(frozen=True)
class GraphResult:
    """The answer of a CONSTRUCT or DESCRIBE query: triples."""

    triples: list[ox.Triple]


Result = SelectResult | AskResult | GraphResult


class Backend(Protocol):
    """Where queries run: the embedded store or a SPARQL endpoint.

    Attributes:
        description: how to name it in messages.
        folder: where what is worked out from it may be kept, for a store that never
            changes (the store cache's); None otherwise.
    """

    description: str
    folder: Path | None

    def execute(
        self, text: str, bindings: Mapping[str, Binding] | None = None, *, source: str = "query"
    ) -> Result:
        """Run a query with variables bound to terms (one term, or several as a VALUES list).

        Raises:
            InputError: for a syntax error or a failure of the backend.
        """
        ...


def select(
    backend: Backend,
    text: str,
    bindings: Mapping[str, Binding] | None = None,
    *,
    source: str = "query",
) -> SelectResult:
    """Run a query that must be a SELECT.

    Raises:
        InputError: if it is not, or fails.
    """
    result = backend.execute(text, bindings, source=source)
    if not isinstance(result, SelectResult):
        raise InputError(f"{source} is not a SELECT query")
    return result


class EmbeddedBackend:
    """The embedded pyoxigraph store; queries see the union of its named graphs.

    Args:
        store: the store (in memory, or the on-disk cache of :mod:`dikg.graph.store`).
        description: how to name it in messages.
        folder: the cached store's folder (:attr:`dikg.graph.store.OpenedGraph.folder`).
    """

    def __init__(
        self,
        store: ox.Store,
        description: str = "the embedded store",
        *,
        folder: Path | None = None,
    ) -> None:
        self.store = store
        self.description = description
        self.folder = folder

    def execute(
        self, text: str, bindings: Mapping[str, Binding] | None = None, *, source: str = "query"
    ) -> Result:
        """Run a query with its variables bound by a VALUES block.

        Raises:
            InputError: for a syntax error.
        """
        try:
            answer = self.store.query(
                inject_values(text, bindings or {}), use_default_graph_as_union=True
            )
        except SyntaxError as error:
            raise InputError(f"SPARQL syntax error in {source}: {error}") from None
        return from_pyoxigraph(answer)


def from_pyoxigraph(answer) -> Result:
    """Turn a pyoxigraph query answer into a :data:`Result`."""
    if isinstance(answer, ox.QueryBoolean):
        return AskResult(bool(answer))
    if isinstance(answer, ox.QueryTriples):
        return GraphResult(list(answer))
    # written in Rust and read by json's C decoder: cheaper than a Python term per value,
    # which only a table needs (and then gets from these bindings, at the same cost)
    document = json.loads(answer.serialize(format=ox.QueryResultsFormat.JSON))
    names = [variable.value for variable in answer.variables]
    return SelectResult.from_bindings(names, document["results"]["bindings"])
