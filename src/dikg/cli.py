"""The ``dikg`` command line: wiring only; each command's work lives in its own module."""

from __future__ import annotations

import json
import sys
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
@click.option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    default="en",
    show_default=True,
    help="Language of the messages.",
)
@click.pass_context
def validate(ctx: click.Context, lang: str) -> None:
    """Check the graph against the SHACL shapes (exit 1 on violations)."""
    from dikg.validate import validate as run_validate

    outcome = run_validate(_root(ctx), lang=lang)
    for problem in outcome.problems:
        click.echo(f"{problem.severity}: {problem.focus}")
        click.echo(f"  path: {problem.path}  value: {problem.value}")
        click.echo(f"  {problem.message}")
    warnings = len(outcome.problems) - outcome.violations
    console.info(
        f"{'conforms' if outcome.conforms else 'does not conform'}: {outcome.violations} "
        f"violations, {warnings} other results, {outcome.shapes} shapes applied"
    )
    if not outcome.conforms:
        ctx.exit(EXIT_FINDINGS)


@cli.command()
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_context
def queries(ctx: click.Context, fmt: str) -> None:
    """List the canned queries with their summaries."""
    from dikg.catalogue import list_queries

    found = list_queries(_root(ctx))
    if fmt == "json":
        listing = [{"name": q.name, "summary": q.summary, "tags": list(q.tags)} for q in found]
        click.echo(json.dumps(listing, indent=2, ensure_ascii=False))
        return
    width = max((len(q.name) for q in found), default=0)
    for q in found:
        click.echo(f"{q.name.ljust(width)}  {q.summary}")


@cli.command()
@click.argument("name", required=False)
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
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
)
@click.pass_context
def query(
    ctx: click.Context, name: str | None, query_file: Path | None, sparql: str | None, fmt: str
) -> None:
    """Run a canned query, or SPARQL from --file or --sparql."""
    from dikg.catalogue import find_query
    from dikg.graphfiles import read_text
    from dikg.query import run_select
    from dikg.results import render
    from dikg.store import load_store

    given = [x for x in (name, query_file, sparql) if x is not None]
    if len(given) != 1:
        raise InputError(
            "give exactly one of NAME, --file or --sparql",
            hint="`dikg queries` lists the canned query names",
        )
    root = _root(ctx)
    if name is not None:
        text, source = find_query(root, name).text, name
    elif query_file is not None:
        text, source = read_text(query_file), str(query_file)
    else:
        text, source = sparql, "--sparql"
    result = run_select(load_store(root), text, source=source)
    click.echo(render(result, fmt), nl=False)
    console.info(f"{len(result.rows)} rows")


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


def main() -> None:
    """Entry point of the ``dikg`` console script."""
    cli(prog_name="dikg")
