"""``dikg load`` from start to end: what to send, how, and a check of what arrived.

Graphs are written one request each, so a failure leaves every graph either as it was or
wholly replaced: the store applies a Graph Store ``PUT`` as one transaction (as Oxigraph and
Virtuoso do; an Update request too on Oxigraph), and dikg never splits a graph over requests.
When the Graph Store endpoint does not support a method (HTTP 405 or 501) and an Update
endpoint is given, dikg uses SPARQL Update for the rest of the load.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field

from dikg import console
from dikg.errors import InputError
from dikg.load import verify
from dikg.load.credentials import find_credentials
from dikg.load.http import Client, NotSupported
from dikg.load.payload import GraphPayload, graph_payloads
from dikg.load.protocols import gsp_write, update_write
from dikg.queries.endpoint import check_url
from dikg.root import GraphRoot


@dataclass(frozen=True)
class Loaded:
    """One graph after the load: what was sent, what the store holds (None: not checked)."""

    payload: GraphPayload
    protocol: str
    in_store: int | None

    @property
    def verified(self) -> bool:
        """Whether the store's count agrees with what was sent (None counts as unknown)."""
        return self.in_store is not None and self.in_store == self.payload.triples


@dataclass
class LoadReport:
    """Every graph loaded, in order."""

    graphs: list[Loaded] = field(default_factory=list)
    append: bool = False

    @property
    def triples(self) -> int:
        """Triples sent in all."""
        return sum(g.payload.triples for g in self.graphs)


def _check(url: str | None, option: str) -> str | None:
    if url is None:
        return None
    try:
        return check_url(url)
    except InputError as error:
        raise InputError(error.message.replace("--endpoint", option), hint=error.hint) from None


def load(
    root: GraphRoot,
    *,
    endpoint: str | None,
    update_endpoint: str | None = None,
    query_endpoint: str | None = None,
    graph: str | None = None,
    replace: bool = True,
    timeout: float = 60.0,
    retries: int = 3,
    on_graph: Callable[[Loaded], None] = lambda loaded: None,
) -> LoadReport:
    """Load the graph into a store and count what it holds afterwards.

    Args:
        root: the graph root.
        endpoint: the Graph Store Protocol endpoint (e.g. Oxigraph's ``/store``).
        update_endpoint: a SPARQL Update endpoint, used when there is no Graph Store endpoint
            or it does not support the method.
        query_endpoint: a SPARQL query endpoint for the count; without it the graphs are
            read back through the Graph Store endpoint.
        graph: load everything into this one graph instead of one graph per source file.
        replace: replace each graph (else add to it).
        timeout: seconds to wait for each answer.
        retries: how often to retry a request that failed for a passing reason.
        on_graph: called after each graph is loaded and counted.

    Raises:
        InputError: for unusable options, a store that fails, or a count that disagrees.
    """
    endpoint = _check(endpoint, "--endpoint")
    update_endpoint = _check(update_endpoint, "--update-endpoint")
    query_endpoint = _check(query_endpoint, "--query-endpoint")
    if endpoint is None and update_endpoint is None:
        raise InputError("give --endpoint (Graph Store Protocol) or --update-endpoint")
    if graph is not None:
        parts = urllib.parse.urlsplit(graph)
        if not parts.scheme or any(c in graph for c in '<>" {}|\\^`'):
            raise InputError(f"--graph must be an absolute IRI, got {graph!r}")
    if timeout <= 0 or retries < 0:
        raise InputError("--timeout must be positive and --retries zero or more")
    host = urllib.parse.urlsplit(endpoint or update_endpoint or "").hostname or ""
    urls = [url for url in (endpoint, update_endpoint, query_endpoint) if url is not None]
    client = Client(find_credentials(host), urls, timeout=timeout, retries=retries)
    payloads = graph_payloads(root, graph)
    report = LoadReport(append=not replace)
    use_update = endpoint is None
    for number, payload in enumerate(payloads, 1):
        console.debug(f"loading {number}/{len(payloads)}: <{payload.iri}> ({payload.source})")
        try:
            if use_update:
                update_write(client, update_endpoint or "", payload, replace=replace)
            else:
                try:
                    gsp_write(client, endpoint or "", payload, replace=replace)
                except NotSupported as error:
                    if update_endpoint is None:
                        raise InputError(
                            f"{error.message}: the store does not take Graph Store writes there",
                            hint="give its SPARQL Update endpoint with --update-endpoint",
                        ) from None
                    console.info(f"{error.message}; using SPARQL Update instead")
                    use_update = True
                    update_write(client, update_endpoint, payload, replace=replace)
        except InputError as error:
            if report.graphs:
                error.message += (
                    f" (after {len(report.graphs)} of {len(payloads)} graphs were loaded; "
                    "each graph is either the old or the new one)"
                )
            raise
        in_store = verify.count(
            client,
            payload.iri,
            query_endpoint=query_endpoint,
            gsp_endpoint=None if use_update else endpoint,
        )
        loaded = Loaded(payload, "SPARQL Update" if use_update else "Graph Store", in_store)
        _check_count(loaded, append=not replace)
        report.graphs.append(loaded)
        on_graph(loaded)
    return report


def _check_count(loaded: Loaded, *, append: bool) -> None:
    """Raise if the store holds fewer (or, replacing, other) triples than were sent."""
    held, sent = loaded.in_store, loaded.payload.triples
    if held is None or held == sent or (append and held > sent):
        return
    raise InputError(
        f"graph <{loaded.payload.iri}> holds {held} triples in the store after the load, "
        f"but dikg sent {sent} ({loaded.payload.source})",
        hint="the store changed or dropped triples; check its log and load again",
    )
