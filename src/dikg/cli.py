"""The ``dikg`` command line: wiring only; each command's work lives in its own module."""

from __future__ import annotations

import json
import sys
import textwrap
import traceback
from pathlib import Path

import click

from dikg import __version__, console
from dikg.errors import EXIT_BAD_INPUT, EXIT_FINDINGS, DikgError, InputError
from dikg.root import ROOT_ENV, GraphRoot, resolve_root

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class DikgGroup(click.Group):
    """A click group that turns expected errors into one message and exit code 2."""

    def invoke(self, ctx: click.Context):
        """Run the subcommand; report :class:`DikgError` without a traceback."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except DikgError as error:
            if console.is_verbose():
                traceback.print_exc()
            console.error(str(error))
            ctx.exit(error.exit_code)
        except BrokenPipeError:
            # the reader of our stdout went away (e.g. `| head`): not an error of ours
            sys.stderr.close()
            ctx.exit(0)
        except Exception as error:
            if console.is_verbose():
                traceback.print_exc()
            console.error(
                f"internal error: {type(error).__name__}: {error}\n"
                "  hint: rerun with --verbose for the traceback and report it as a dikg bug"
            )
            ctx.exit(EXIT_BAD_INPUT)


def out_option(default: str, help_text: str):
    """The ``--out DIR`` option of commands that write a directory of files."""
    return click.option(
        "--out",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path(default),
        show_default=True,
        help=help_text,
    )


def lang_option(help_text: str):
    """The ``--lang nl|en`` option."""
    return click.option(
        "--lang", type=click.Choice(["en", "nl"]), default="en", show_default=True, help=help_text
    )


def _root(ctx: click.Context) -> GraphRoot:
    root = resolve_root(ctx.obj["root"])
    console.debug(f"graph root: {root.path} (from {root.origin})")
    return root


@click.group(cls=DikgGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="dikg")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    help=f"Graph root (a dikg checkout). Default: ${ROOT_ENV}, else this checkout, "
    "else the copy packaged with dikg.",
)
@click.option("-q", "--quiet", is_flag=True, help="Say nothing on stderr but errors.")
@click.option("-v", "--verbose", is_flag=True, help="Say more; show tracebacks of errors.")
@click.pass_context
def cli(ctx: click.Context, root: Path | None, quiet: bool, verbose: bool) -> None:
    """dikg: the knowledge graph of Dutch central government diversity and inclusion policy.

    Exit codes: 0 success, 1 violations found (or differences, for fmt --check),
    2 bad input or usage.
    """
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose exclude each other")
    console.set_level(console.QUIET if quiet else console.VERBOSE if verbose else console.NORMAL)
    ctx.obj = {"root": root}


@cli.command()
@click.pass_context
def info(ctx: click.Context) -> None:
    """Show the version and which graph root dikg uses."""
    from dikg.graphfiles import graph_files

    root = _root(ctx)
    click.echo(f"dikg {__version__}")
    click.echo(f"root: {root.path}")
    click.echo(f"origin: {root.origin}")
    click.echo(f"graph files: {len(graph_files(root))}")


@cli.command()
@out_option("dist", "Directory for the dumps.")
@click.pass_context
def build(ctx: click.Context, out: Path) -> None:
    """Write the merged graph as Turtle, N-Triples, JSON-LD, RDF/XML and TriG."""
    from dikg.build import build as run_build

    result = run_build(_root(ctx), out)
    summary = result.summary
    console.info(f"built {summary['triples']} triples from {len(summary['sources'])} files")
    for cls, count in summary["resources_per_class"].items():
        console.info(f"  {count:6d}  {cls}")
    for path in result.files:
        click.echo(str(path))


@cli.command("fmt")
@click.option(
    "--check", is_flag=True, help="Change nothing; exit 1 and name the files that differ."
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_context
def fmt_command(ctx: click.Context, check: bool, paths: tuple[Path, ...]) -> None:
    """Rewrite Turtle files in canonical form (or --check them)."""
    from dikg.fmt import default_paths, expand_paths, format_files

    files = expand_paths(paths) if paths else default_paths(_root(ctx))
    outcomes = format_files(files, check=check)
    changed = [outcome.path for outcome in outcomes if outcome.changed]
    for path in changed:
        click.echo(f"{'would reformat' if check else 'reformatted'}: {path}")
    verb = "differ" if check else "changed"
    console.info(f"{len(changed)} of {len(outcomes)} Turtle files {verb}")
    if check and changed:
        console.info("run `dikg fmt` (or `make fmt`) to rewrite them")
        ctx.exit(EXIT_FINDINGS)


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "turtle"]),
    default="text",
    show_default=True,
    help="text: grouped by resource with file:line; json: counts and results; "
    "turtle: the SHACL validation report.",
)
@lang_option("Language of the messages.")
@click.option(
    "--strict/--no-strict",
    default=False,
    show_default=True,
    help="Fail (exit 1) on warnings too, not only on violations.",
)
@click.pass_context
def validate(
    ctx: click.Context, files: tuple[Path, ...], fmt: str, lang: str, strict: bool
) -> None:
    """Check the graph, or new entries FILE... in its context, against the shapes.

    FILE may be Turtle (.ttl), TriG, N-Triples, N-Quads, JSON-LD or RDF/XML; only the
    problems of the resources the files describe are reported, with the conflicts they cause.
    Exit 0 conforms (warnings shown), 1 violations, 2 input that cannot be read.
    """
    from dikg.validate import validate as run_validate
    from dikg.validation_report import render, summary

    outcome = run_validate(_root(ctx), files)
    click.echo(render(outcome, fmt, lang=lang), nl=False)
    console.info(summary(outcome, lang=lang))
    if not outcome.conforms or (strict and outcome.count("Warning")):
        ctx.exit(EXIT_FINDINGS)


@cli.command()
@click.argument("name", required=False)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_context
def queries(ctx: click.Context, name: str | None, fmt: str) -> None:
    """List the canned queries with their parameters, or describe the query NAME."""
    from dikg.catalogue import find_query, list_queries

    root = _root(ctx)
    found = [find_query(root, name)] if name else list_queries(root)
    if fmt == "json":
        listing = [
            {
                "name": q.name,
                "summary": q.summary,
                "description": q.description,
                "tags": list(q.tags),
                "parameters": [
                    {
                        "name": p.name,
                        "type": p.type,
                        "required": p.required,
                        "variable": p.variable,
                        "scheme": p.scheme,
                        "default": p.default,
                        "enum": list(p.enum),
                        "description": p.description,
                    }
                    for p in q.params
                ],
                "evidence": q.evidence,
            }
            for q in found
        ]
        click.echo(json.dumps(listing, indent=2, ensure_ascii=False))
        return
    if name:
        q = found[0]
        click.echo(f"{q.name}: {q.summary}")
        if q.description:
            click.echo("")
            click.echo(textwrap.fill(q.description, width=96))
        click.echo("")
        for p in q.params or ():
            default = f" (default {p.default})" if p.default else ""
            optional = "" if p.required else " (optional)"
            click.echo(f"  -p {p.name}=  {p.type}{optional}{default}: {p.description}")
            if p.enum:
                click.echo(f"       one of: {', '.join(p.enum)}")
        if not q.params:
            click.echo("  no parameters")
        if q.evidence:
            click.echo(f"  --evidence shows the source quotes of ?{q.evidence}")
        return
    rows = [(q.name, " ".join(p.signature() for p in q.params) or "-", q.summary) for q in found]
    name_width = max((len(r[0]) for r in rows), default=4)
    param_width = max((len(r[1]) for r in rows), default=10)
    click.echo(f"{'NAME'.ljust(name_width)}  {'PARAMETERS'.ljust(param_width)}  SUMMARY")
    for query_name, signature, summary in rows:
        click.echo(f"{query_name.ljust(name_width)}  {signature.ljust(param_width)}  {summary}")


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
    from dikg.api import bound_text, prepare, run_query
    from dikg.backend import AskResult, GraphResult
    from dikg.params import parse_assignments
    from dikg.results import render

    root = _root(ctx)
    pairs = parse_assignments(params)
    if show_query:
        canned, _, bindings, _ = prepare(
            root,
            name=name,
            file=query_file,
            sparql=sparql,
            params=pairs,
            endpoint=endpoint,
            timeout=timeout,
            cache=cache,
        )
        click.echo(bound_text(canned, bindings), nl=False)
        return
    answer = run_query(
        root,
        name=name,
        file=query_file,
        sparql=sparql,
        params=pairs,
        endpoint=endpoint,
        timeout=timeout,
        lang=lang,
        evidence=evidence,
        cache=cache,
    )
    result = answer.result
    click.echo(
        render(
            result,
            fmt,
            answer.labeller,
            labels_in_delimited=labels,
            prefixes=answer.prefixes,
        ),
        nl=False,
    )
    if isinstance(result, GraphResult):
        count, empty = len(result.triples), not result.triples
        console.info(f"{count} triples")
    elif isinstance(result, AskResult):
        empty = not result.value
    else:
        count, empty = len(result.rows), not result.rows
        console.info(f"{count} rows")
    if fail_on_empty and empty:
        ctx.exit(EXIT_FINDINGS)


@cli.command("coverage")
@click.option("--uncovered", is_flag=True, help="List only the sentences no resource quotes.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def coverage_command(ctx: click.Context, uncovered: bool, fmt: str) -> None:
    """Show, per source, which sentences are quoted by which resources."""
    from dikg.grounding import coverage, load_quotes
    from dikg.store import load_store

    root = _root(ctx)
    report = coverage(root, load_quotes(root, load_store(root)))
    if fmt == "json":
        listing = {
            document: [
                {"sentence": c.sentence.index, "text": c.sentence.text, "resources": c.resources}
                for c in covered
                if not (uncovered and c.resources)
            ]
            for document, covered in report.items()
        }
        click.echo(json.dumps(listing, indent=2, ensure_ascii=False))
        return
    for document, covered in report.items():
        missing = sum(1 for c in covered if not c.resources)
        click.echo(f"{document}: {len(covered)} sentences, {missing} quoted by no resource")
        for c in covered:
            if uncovered and c.resources:
                continue
            names = ", ".join(short_iri(r) for r in c.resources) or "-- not quoted --"
            click.echo(f"  [{c.sentence.index}] {c.sentence.text}")
            click.echo(f"        {names}")


def short_iri(iri: str) -> str:
    """Drop the dikg instance namespace from an IRI for display."""
    return iri.removeprefix("https://w3id.org/dikg/id/")


@cli.command("docs")
@out_option("site", "Directory for the HTML pages.")
@click.pass_context
def docs_command(ctx: click.Context, out: Path) -> None:
    """Write HTML documentation of the ontology and the vocabularies."""
    from dikg.docs import build_docs

    result = build_docs(_root(ctx), out)
    console.info(
        f"documented {result.classes} classes, {result.properties} properties and "
        f"{len(result.schemes)} vocabularies ({sum(result.schemes.values())} concepts)"
    )
    for path in result.files:
        click.echo(str(path))


@cli.command("check-ontology")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "tsv", "json"]),
    default="text",
    show_default=True,
    help="text: grouped by rule; tsv: ROBOT-style report table; json: a list of findings.",
)
@click.option(
    "--reasoner/--no-reasoner",
    default=None,
    help="Check logical consistency with HermiT (needs owlready2 and Java). "
    "Default: on when both are installed.",
)
@click.pass_context
def check_ontology_command(ctx: click.Context, fmt: str, reasoner: bool | None) -> None:
    """Quality-check the ontology and SKOS vocabularies (exit 1 on errors)."""
    from dikg.ontology_report import check_ontology, render

    report = check_ontology(_root(ctx), reasoner=reasoner)
    click.echo(render(report, fmt), nl=False)
    if report.reasoner_seconds is not None:
        console.debug(f"reasoner: HermiT took {report.reasoner_seconds:.1f} s")
    console.info(report.summary_line())
    if report.errors:
        ctx.exit(EXIT_FINDINGS)


@cli.command("new")
@click.argument("kind", type=click.Choice(["measure", "policy", "organisation", "document"]))
@click.option(
    "--from",
    "form",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A filled-in YAML form; without it, the empty form is printed.",
)
@click.option("--dry-run", is_flag=True, help="Validate and print the Turtle; write nothing.")
@click.option(
    "--text",
    type=click.Path(dir_okay=False, path_type=Path),
    help="document: the text file (UTF-8), stored as data/sources/SLUG.txt.",
)
@click.option("--title", help="document: its title, in Dutch, as it reads.")
@click.option("--title-en", help="document: an English title (optional).")
@click.option("--publisher", help="document: the publishing organisation (e.g. BZK).")
@click.option(
    "--date", help="document: when issued, as precise as known (2024, 2024-05, 2024-05-17)."
)
@click.option("--earliest", help="document, undated: written no earlier than this date.")
@click.option("--latest", help="document, undated: written no later than this date.")
@click.option("--slug", help="document: the last part of its IRI (default: from the title).")
@click.option("--note", help="document: an English comment, e.g. how the bounds were derived.")
@lang_option("Language of the messages.")
@click.pass_context
def new_command(ctx: click.Context, kind: str, form: Path | None, dry_run: bool, lang: str, **doc):
    """Print the form for a new entry, or turn a filled-in form into Turtle in data/.

    The entry is validated as `dikg validate FILE` would; only without violations is it written,
    atomically and in canonical form, to data/entries/KIND/SLUG.ttl (path on stdout).
    `dikg new document --text FILE --title T --publisher ORG [--date D | --earliest D
    --latest D]` stores a new source text under data/sources/ with its dikg:Document.
    Exit 0 written, 1 violations (nothing written), 2 a form that cannot be used.
    """
    from dikg.newentry import create_entry, template
    from dikg.validation_report import render, summary

    if kind == "document":
        _new_document(ctx, dry_run, lang, **doc)
        return
    if any(value is not None for value in doc.values()):
        raise InputError(f"--text, --title, ... are for `dikg new document`, not {kind}")
    if form is None:
        click.echo(template(kind), nl=False)
        return
    created = create_entry(_root(ctx), kind, form, write=not dry_run)
    # the problems are diagnostics here; the result is the file (or, dry, the Turtle)
    click.echo(render(created.outcome, "text", lang=lang), nl=False, err=True)
    console.info(summary(created.outcome, lang=lang))
    if not created.outcome.conforms:
        console.error(f"{kind} not written: fix the form and run `dikg new {kind}` again")
        ctx.exit(EXIT_FINDINGS)
    if dry_run:
        click.echo(created.turtle, nl=False)
    else:
        click.echo(str(created.path))


def _new_document(ctx: click.Context, dry_run: bool, lang: str, **doc) -> None:
    """`dikg new document`: the work is in :mod:`dikg.newdocument`."""
    from dikg.newdocument import create_document
    from dikg.validation_report import render, summary

    for required in ("text", "title", "publisher"):
        if not doc.get(required):
            raise InputError(
                f"`dikg new document` needs --{required}",
                hint="dikg new document --text FILE --title TITLE --publisher ORG [--date D]",
            )
    created = create_document(
        _root(ctx),
        doc.pop("text"),
        title=doc.pop("title"),
        publisher=doc.pop("publisher"),
        write=not dry_run,
        **doc,
    )
    click.echo(render(created.outcome, "text", lang=lang), nl=False, err=True)
    console.info(summary(created.outcome, lang=lang))
    if not created.outcome.conforms:
        console.error("document not written: fix the options and run `dikg new document` again")
        ctx.exit(EXIT_FINDINGS)
    if dry_run:
        click.echo(created.turtle, nl=False)
    else:
        click.echo(str(created.text))
        click.echo(str(created.description))


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

    serve(_root(ctx), host=host, port=port, store=store_dir, writable=writable, on_ready=ready)


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
        _root(ctx),
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


def _register_release_commands() -> None:
    # issue 13: the release commands live in dikg.release
    from dikg.release.clicommands import diff_command, publish_command

    cli.add_command(publish_command)
    cli.add_command(diff_command)


_register_release_commands()


def main() -> None:
    """Entry point of the ``dikg`` console script."""
    cli(prog_name="dikg")
