"""Run SPARQL on the embedded pyoxigraph store."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from dikg.errors import InputError


@dataclass(frozen=True)
class SelectResult:
    """The answer of a SELECT (or ASK) query: variable names and rows of RDF terms."""

    variables: list[str]
    rows: list[list[ox.NamedNode | ox.BlankNode | ox.Literal | None]]


def run_select(store: ox.Store, sparql: str, *, source: str = "query") -> SelectResult:
    """Run a SELECT or ASK query over the union of the store's graphs.

    Args:
        store: the store.
        sparql: the query text.
        source: how to name the query in an error message (a file path or query name).

    Raises:
        InputError: for a syntax error or a query form that gives no table.
    """
    try:
        answer = store.query(sparql, use_default_graph_as_union=True)
    except SyntaxError as error:
        raise InputError(f"SPARQL syntax error in {source}: {error}") from None
    if isinstance(answer, ox.QueryBoolean):
        return SelectResult(["answer"], [[ox.Literal(bool(answer))]])
    if not isinstance(answer, ox.QuerySolutions):
        raise InputError(
            f"{source} is a CONSTRUCT or DESCRIBE query; it gives triples, not a table"
        )
    variables = [variable.value for variable in answer.variables]
    rows = [[solution[variable] for variable in variables] for solution in answer]
    return SelectResult(variables, rows)
