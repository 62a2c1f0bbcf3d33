"""Commands on the graph: info, build, fmt, validate, new, coverage, docs, check-ontology."""

from __future__ import annotations

from pathlib import Path

import click

from dikg import __version__, console
from dikg.cli.base import cli, lang_option, out_option, root_of
from dikg.errors import EXIT_FINDINGS, InputError


@cli.command()
@click.pass_context
def info(ctx: click.Context) -> None:
    """Show the version and which graph root dikg uses."""
    from dikg.rdf.files import graph_files

    root = root_of(ctx)
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

    result = run_build(root_of(ctx), out)
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

    files = expand_paths(paths) if paths else default_paths(root_of(ctx))
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
@click.option(
    "--engine",
    type=click.Choice(["turbo", "pyshacl"]),
    default="turbo",
    show_default=True,
    help="SHACL Core engine: pyshacl-turbo (fast), or pySHACL (the reference); same results.",
)
@click.pass_context
def validate(
    ctx: click.Context, files: tuple[Path, ...], fmt: str, lang: str, strict: bool, engine: str
) -> None:
    """Check the graph, or new entries FILE... in its context, against the shapes.

    FILE may be Turtle (.ttl), TriG, N-Triples, N-Quads, JSON-LD or RDF/XML; only the
    problems of the resources the files describe are reported, with the conflicts they cause.
    Exit 0 conforms (warnings shown), 1 violations, 2 input that cannot be read.
    """
    from dikg.validate.report import render, summary
    from dikg.validate.run import validate as run_validate

    outcome = run_validate(root_of(ctx), files, engine=engine)
    click.echo(render(outcome, fmt, lang=lang), nl=False)
    console.info(summary(outcome, lang=lang))
    if not outcome.conforms or (strict and outcome.count("Warning")):
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

    root = root_of(ctx)
    report = coverage(root, load_quotes(root, load_store(root)))
    click.echo(render_coverage(report, fmt, uncovered=uncovered), nl=False)


@cli.command("docs")
@out_option("site", "Directory for the HTML pages.")
@click.pass_context
def docs_command(ctx: click.Context, out: Path) -> None:
    """Write HTML documentation of the ontology and the vocabularies."""
    from dikg.site.docs.site import build_docs

    result = build_docs(root_of(ctx), out)
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

    report = check_ontology(root_of(ctx), reasoner=reasoner)
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
    from dikg.entry.create import create_entry
    from dikg.entry.form import template
    from dikg.validate.report import render, summary

    if kind == "document":
        _new_document(ctx, dry_run, lang, **doc)
        return
    if any(value is not None for value in doc.values()):
        raise InputError(f"--text, --title, ... are for `dikg new document`, not {kind}")
    if form is None:
        click.echo(template(kind), nl=False)
        return
    created = create_entry(root_of(ctx), kind, form, write=not dry_run)
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
    """`dikg new document`: the work is in :mod:`dikg.entry.document`."""
    from dikg.entry.document import create_document
    from dikg.validate.report import render, summary

    for required in ("text", "title", "publisher"):
        if not doc.get(required):
            raise InputError(
                f"`dikg new document` needs --{required}",
                hint="dikg new document --text FILE --title TITLE --publisher ORG [--date D]",
            )
    created = create_document(
        root_of(ctx),
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
