"""Commands that ask questions: ``dikg queries`` and ``dikg query``."""

from __future__ import annotations

from pathlib import Path

import click

from dikg import console
from dikg.cli.base import cli, lang_option, root_of
from dikg.errors import EXIT_FINDINGS


@cli.command()
@click.argument("name", required=False)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_context
def queries(ctx: click.Context, name: str | None, fmt: str) -> None:
    """List the canned queries with their parameters, or describe the query NAME."""
    from dikg.queries.catalogue import find_query, list_queries
    from dikg.queries.listing import render

    root = root_of(ctx)
    found = [find_query(root, name)] if name else list_queries(root)
    click.echo(render(found, fmt, one=name is not None), nl=False)


@cli.command()
@click.argument("name", required=False)
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A parameter of the canned query (repeatable); `dikg queries NAME` lists them.",
)
@click.option(
    "--file",
    "query_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Run the SPARQL in this file.",
)
@click.option("--sparql", help="Run this SPARQL text.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json", "markdown", "turtle", "jsonld", "ntriples"]),
    default="table",
    show_default=True,
    help="table/markdown show labels; csv/tsv/json values; json is SPARQL 1.1 results JSON. "
    "CONSTRUCT and DESCRIBE give turtle (the default), jsonld or ntriples.",
)
@lang_option("Language of the labels.")
@click.option(
    "--labels/--no-labels",
    default=False,
    show_default=True,
    help="csv/tsv: add a NAME_label column after every column of IRIs.",
)
@click.option(
    "--evidence",
    is_flag=True,
    help="Add to each row the source quotes and the document behind it.",
)
@click.option(
    "--endpoint",
    metavar="URL",
    help="Run on this SPARQL 1.1 endpoint instead of the embedded store; credentials from "
    "DIKG_ENDPOINT_USER and DIKG_ENDPOINT_PASSWORD.",
)
@click.option(
    "--timeout",
    type=float,
    default=60.0,
    show_default=True,
    help="Seconds to wait for the endpoint.",
)
@click.option(
    "--cache/--no-cache",
    default=True,
    show_default=True,
    help="Keep the embedded store on disk between runs (rebuilt when a source file changes).",
)
@click.option(
    "--fail-on-empty", is_flag=True, help="Exit 1 when the answer has no rows (or ASK is false)."
)
@click.option(
    "--show-query",
    is_flag=True,
    help="Print the query with its parameters bound (a VALUES block), without running it.",
)
@click.pass_context
def query(
    ctx: click.Context,
    name: str | None,
    params: tuple[str, ...],
    query_file: Path | None,
    sparql: str | None,
    fmt: str,
    lang: str,
    labels: bool,
    evidence: bool,
    endpoint: str | None,
    timeout: float,
    cache: bool,
    fail_on_empty: bool,
    show_query: bool,
) -> None:
    """Run a canned query NAME, or SPARQL from --file or --sparql.

    \b
    Examples:
      dikg query ministries-by-target-group -p group=lhbti
      dikg query measures-by-ministry -p ministry=OCW --format csv
      dikg query measures-by-target-group -p group=women --evidence --lang nl
      dikg query dataset-statistics --endpoint http://localhost:7878/query
    """  # noqa: D301 (click's \b keeps the examples' lines)
    from dikg.queries.params import parse_assignments
    from dikg.queries.render import render
    from dikg.queries.run import prepare

    prepared = prepare(
        root_of(ctx),
        name=name,
        file=query_file,
        sparql=sparql,
        params=parse_assignments(params),
        endpoint=endpoint,
        timeout=timeout,
        cache=cache,
        wait=False,  # a first query answers from memory; the cache is written beside it
    )
    if show_query:
        click.echo(prepared.text, nl=False)
        return
    answer = prepared.run(lang=lang, evidence=evidence)
    click.echo(
        render(
            answer.result,
            fmt,
            answer.labeller,
            labels_in_delimited=labels,
            prefixes=answer.prefixes,
        ),
        nl=False,
    )
    if answer.size is not None:
        console.info(answer.size)
    if fail_on_empty and answer.empty:
        ctx.exit(EXIT_FINDINGS)
