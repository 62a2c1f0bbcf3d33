"""The two standard ways of writing a graph into a store.

- SPARQL 1.1 Graph Store HTTP Protocol (https://www.w3.org/TR/sparql11-http-rdf-update/):
  ``PUT`` replaces a named graph in one request (§5.3), ``POST`` adds to it (§5.5), ``GET``
  reads it back (§5.2); the graph is named by indirect identification, ``?graph=IRI`` (§4.2).
- SPARQL 1.1 Update (https://www.w3.org/TR/sparql11-update/), for stores without the former:
  ``DROP SILENT GRAPH`` then ``INSERT { GRAPH <g> { ... } } WHERE {}`` in one request (Oxigraph
  runs a request as one transaction; SPARQL does not promise it of every store). Not
  ``INSERT DATA``: SPARQL allows blank nodes in it (§3.1.1), but Virtuoso refuses them ("Blank
  node ... is not allowed in a constant clause"); blank nodes in an ``INSERT`` template are
  fresh ones, which is what loading means.
  It is sent URL-encoded as the ``update`` parameter
  (https://www.w3.org/TR/sparql11-protocol/#update-via-post-urlencoded).
"""

from __future__ import annotations

import urllib.parse

import pyoxigraph as ox

from dikg.errors import InputError
from dikg.load.http import Client, Request
from dikg.load.payload import GraphPayload

TURTLE = "text/turtle; charset=utf-8"
NTRIPLES_ACCEPT = "application/n-triples, text/turtle;q=0.9"


def graph_url(endpoint: str, iri: str) -> str:
    """The Graph Store URL of the graph ``iri``: ``endpoint?graph=IRI`` (GSP §4.2)."""
    joiner = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    return f"{endpoint}{joiner}{urllib.parse.urlencode({'graph': iri})}"


def gsp_write(client: Client, endpoint: str, payload: GraphPayload, *, replace: bool) -> None:
    """PUT (replace) or POST (add to) one graph through the Graph Store Protocol.

    Raises:
        NotSupported: if the store does not take the method at that URL.
        InputError: for every other failure.
    """
    client.send(
        Request(
            "PUT" if replace else "POST",
            graph_url(endpoint, payload.iri),
            payload.ntriples,
            {"Content-Type": TURTLE},
            # a PUT may be repeated; a POST of blank nodes twice would add them twice
            repeatable=replace,
            what=f"{'PUT' if replace else 'POST'} of graph <{payload.iri}>",
        )
    )


def gsp_count(client: Client, endpoint: str, iri: str) -> int:
    """How many triples the store holds in graph ``iri``, read back with GET (GSP §5.2).

    Raises:
        InputError: if it cannot be fetched or parsed.
    """
    answer = client.send(
        Request(
            "GET",
            graph_url(endpoint, iri),
            headers={"Accept": NTRIPLES_ACCEPT},
            what=f"GET of graph <{iri}>",
        )
    )
    syntax = ox.RdfFormat.from_media_type(answer.content_type) or ox.RdfFormat.TURTLE
    try:
        return len(set(ox.parse(answer.body, format=syntax)))
    except (SyntaxError, ValueError) as error:
        raise InputError(f"GET of graph <{iri}> gave what dikg cannot read: {error}") from None


def update_text(payload: GraphPayload, *, replace: bool) -> str:
    """The SPARQL Update request that writes one graph."""
    graph = f"<{payload.iri}>"
    drop = f"DROP SILENT GRAPH {graph} ;\n" if replace else ""
    body = payload.ntriples.decode("utf-8")
    return f"{drop}INSERT {{ GRAPH {graph} {{\n{body}}} }}\nWHERE {{}}\n"


def update_write(client: Client, endpoint: str, payload: GraphPayload, *, replace: bool) -> None:
    """Write one graph with SPARQL 1.1 Update.

    Raises:
        InputError: for every failure.
    """
    form = urllib.parse.urlencode({"update": update_text(payload, replace=replace)}).encode()
    client.send(
        Request(
            "POST",
            endpoint,
            form,
            {"Content-Type": "application/x-www-form-urlencoded"},
            repeatable=replace,
            what=f"SPARQL Update of graph <{payload.iri}>",
        )
    )
