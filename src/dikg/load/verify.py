"""After a load: does each graph hold as many triples as were sent?

With a query endpoint, ``src/dikg/sparql/graph-triple-count.rq`` counts each graph; without
one, the graph is read back through the Graph Store Protocol and counted.
"""

from __future__ import annotations

import json
import urllib.parse

import pyoxigraph as ox

from dikg.errors import InputError
from dikg.load.http import Client, Request
from dikg.load.protocols import gsp_count
from dikg.queries.endpoint import parse_results_json
from dikg.queries.sparql import internal_query
from dikg.queries.sparqltext import inject_values

COUNT_QUERY = "graph-triple-count"


def query_count(client: Client, query_endpoint: str, iri: str) -> int:
    """How many triples graph ``iri`` holds, asked with the count query (SPARQL 1.1 Protocol).

    Raises:
        InputError: if the endpoint fails or answers with something else than one count.
    """
    text = inject_values(internal_query(COUNT_QUERY), {"graph": ox.NamedNode(iri)})
    answer = client.send(
        Request(
            "POST",
            query_endpoint,
            urllib.parse.urlencode({"query": text}).encode(),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/sparql-results+json",
            },
            what=f"count of graph <{iri}>",
        )
    )
    try:
        result = parse_results_json(json.loads(answer.body))
        return int(result.rows[0][0].value)  # type: ignore[union-attr]
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as error:
        raise InputError(
            f"{query_endpoint} answered the count of graph <{iri}> with something dikg "
            f"cannot read ({answer.content_type or 'no content type'}): {error}",
            hint="is this the store's SPARQL query endpoint?",
        ) from None


def count(client: Client, iri: str, *, query_endpoint: str | None, gsp_endpoint: str | None):
    """The number of triples in graph ``iri``, or None when there is no way to ask.

    Raises:
        InputError: if the store cannot be asked.
    """
    if query_endpoint is not None:
        return query_count(client, query_endpoint, iri)
    if gsp_endpoint is not None:
        return gsp_count(client, gsp_endpoint, iri)
    return None
