"""The ``dikg`` command line: wiring only; each command's work lives in its own module."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from dikg import __version__, console
from dikg.errors import EXIT_BAD_INPUT, EXIT_FINDINGS, DikgError
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
    from dikg.rdf.files import graph_files

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
    from dikg.publish.build import build as run_build

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
    from dikg.publish.fmt import default_paths, expand_paths, format_files

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
    from dikg.validate.report import render, summary
    from dikg.validate.run import validate as run_validate

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
    from dikg.queries.catalogue import find_query, list_queries
    from dikg.queries.listing import render

    root = _root(ctx)
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
    from dikg.queries.backend import AskResult, GraphResult
    from dikg.queries.params import parse_assignments
    from dikg.queries.render import render
    from dikg.queries.run import bound_text, prepare, run_query

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
    from dikg.graph.store import load_store
    from dikg.validate.coverage import coverage, render_coverage
    from dikg.validate.grounding import load_quotes

    root = _root(ctx)
    report = coverage(root, load_quotes(root, load_store(root)))
    click.echo(render_coverage(report, fmt, uncovered=uncovered), nl=False)


@cli.command("docs")
@out_option("site", "Directory for the HTML pages.")
@click.pass_context
def docs_command(ctx: click.Context, out: Path) -> None:
    """Write HTML documentation of the ontology and the vocabularies."""
    from dikg.publish.docs import build_docs

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
    from dikg.qc.check import check_ontology
    from dikg.qc.report import render

    report = check_ontology(_root(ctx), reasoner=reasoner)
    click.echo(render(report, fmt), nl=False)
    if report.reasoner_seconds is not None:
        console.debug(f"reasoner: HermiT took {report.reasoner_seconds:.1f} s")
    console.info(report.summary_line())
    if report.errors:
        ctx.exit(EXIT_FINDINGS)


@cli.command("new")
@click.argument("kind", type=click.Choice(["measure", "policy", "organisation"]))
@click.option(
    "--from",
    "form",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A filled-in YAML form; without it, the empty form is printed.",
)
@click.option("--dry-run", is_flag=True, help="Validate and print the Turtle; write nothing.")
@lang_option("Language of the messages.")
@click.pass_context
def new_command(ctx: click.Context, kind: str, form: Path | None, dry_run: bool, lang: str):
    """Print the form for a new entry, or turn a filled-in form into Turtle in data/.

    The entry is validated as `dikg validate FILE` would; only if it conforms is it written,
    atomically and in canonical form, to data/entries/KIND/SLUG.ttl (path on stdout).
    Exit 0 written, 1 violations (nothing written), 2 a form that cannot be used.
    """
    from dikg.entry.create import create_entry
    from dikg.entry.form import template
    from dikg.validate.report import render, summary

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


def main() -> None:
    """Entry point of the ``dikg`` console script."""
    cli(prog_name="dikg")
