"""Query backends: the answers' types, and the embedded pyoxigraph store as a backend.

A backend runs query text with variables bound to RDF terms. Two exist: the embedded store
here and a remote SPARQL 1.1 endpoint (:mod:`dikg.endpoint`). Both bind the same way, by a
VALUES block of serialised pyoxigraph terms inserted at the start of the outermost WHERE group
(:func:`dikg.sparqltext.inject_values`), so a canned query means the same on both; and both
answer with the types below. (pyoxigraph's own ``substitutions`` would avoid the text, but
it only substitutes variables of the SELECT projection, which parameters are not.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import pyoxigraph as ox

from dikg.errors import InputError
from dikg.queries.sparqltext import Term, inject_values

DEFAULT_TIMEOUT = 60.0  # seconds to wait for a SPARQL endpoint (:mod:`dikg.queries.endpoint`)
Binding = Term | Sequence[Term]
Cell = ox.NamedNode | ox.BlankNode | ox.Literal | None


@dataclass(frozen=True)
class SelectResult:
    """The answer of a SELECT query: variable names and rows of RDF terms (None if unbound)."""

    variables: list[str]
    rows: list[list[Cell]]


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
    """Where queries run: the embedded store or a SPARQL endpoint."""

    description: str

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
    """

    def __init__(self, store: ox.Store, description: str = "the embedded store") -> None:
        self.store = store
        self.description = description

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
    names = [variable.value for variable in answer.variables]
    return SelectResult(names, [[solution[name] for name in names] for solution in answer])
