"""``dikg serve`` and ``dikg load``: wiring only; the work is in dikg.serve and dikg.load."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dikg import console
from dikg.cli.base import cli, root_of


@cli.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; any but loopback lets other machines in.",
)
@click.option("--port", type=int, help="Port to listen on.  [default: a free one]")
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep the store in this directory; it is reloaded only when the graph changed.",
)
@click.option(
    "--writable/--read-only",
    default=False,
    show_default=True,
    help="Accept SPARQL Update and Graph Store writes.",
)
@click.pass_context
def serve_command(
    ctx: click.Context, host: str, port: int | None, store_dir: Path | None, writable: bool
) -> None:
    """Serve the graph from a local Oxigraph SPARQL server until Ctrl-C.

    One named graph per source file, their union as the default graph. Prints the query
    URL and the web query editor's address (stdout) once the server answers.
    Needs the `oxigraph` package: pip install 'dikg[serve]'.
    """
    from dikg.serve.run import Serving, serve

    def ready(serving: Serving) -> None:
        for what, address in serving.addresses.items():
            click.echo(f"{what}: {address}")
        sys.stdout.flush()
        mode = "writable" if serving.writable else "read-only"
        kept = ", kept from the last run" if serving.store.reused else ""
        console.info(
            f"serving {serving.store.triples} triples in {serving.store.graphs} named graphs "
            f"({mode}{kept}); Ctrl-C stops"
        )

    serve(root_of(ctx), host=host, port=port, store=store_dir, writable=writable, on_ready=ready)


@cli.command("load")
@click.option(
    "--endpoint",
    metavar="URL",
    help="The store's SPARQL 1.1 Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store.",
)
@click.option(
    "--update-endpoint",
    metavar="URL",
    help="Its SPARQL 1.1 Update endpoint: used when there is no Graph Store endpoint or it "
    "refuses the method.",
)
@click.option(
    "--query-endpoint",
    metavar="URL",
    help="Its SPARQL query endpoint, to count each graph after the load. "
    "Default: read the graph back through --endpoint.",
)
@click.option("--graph", metavar="IRI", help="Load everything into this one graph.  "
              "[default: one graph per source file]")  # fmt: skip
@click.option(
    "--replace/--append",
    default=True,
    show_default=True,
    help="Replace each graph (one request per graph: never half a graph), or add to it.",
)
@click.option(
    "--timeout", type=float, default=60.0, show_default=True, help="Seconds to wait per request."
)
@click.option(
    "--retries",
    type=int,
    default=3,
    show_default=True,
    help="Retries, with backoff, after a connection error or HTTP 5xx.",
)
@click.pass_context
def load_command(
    ctx: click.Context,
    endpoint: str | None,
    update_endpoint: str | None,
    query_endpoint: str | None,
    graph: str | None,
    replace: bool,
    timeout: float,
    retries: int,
) -> None:
    """Load the graph into a SPARQL store and check each graph's triple count.

    Credentials come from DIKG_ENDPOINT_USER and DIKG_ENDPOINT_PASSWORD, else from the
    store host's entry in ~/.netrc; never from the command line. Prints one line per graph:
    its IRI, the triples sent and the count in the store.
    """
    from dikg.load.run import Loaded, load

    def loaded(graph_loaded: Loaded) -> None:
        held = graph_loaded.in_store
        status = "not counted" if held is None else f"{held} in store"
        click.echo(f"{graph_loaded.payload.iri}\t{graph_loaded.payload.triples} sent\t{status}")

    report = load(
        root_of(ctx),
        endpoint=endpoint,
        update_endpoint=update_endpoint,
        query_endpoint=query_endpoint,
        graph=graph,
        replace=replace,
        timeout=timeout,
        retries=retries,
        on_graph=loaded,
    )
    counted = sum(1 for g in report.graphs if g.in_store is not None)
    how = "added to" if report.append else "loaded"
    console.info(
        f"{how} {len(report.graphs)} graphs, {report.triples} triples; "
        f"{counted} of {len(report.graphs)} graphs counted in the store and agree"
    )
