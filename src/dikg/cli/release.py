"""``dikg publish`` and ``dikg diff``: wiring only; the work is in :mod:`dikg.release`."""

from __future__ import annotations

import datetime
from pathlib import Path

import click

from dikg import console
from dikg.cli.base import cli, root_of
from dikg.errors import EXIT_FINDINGS


@cli.command("publish")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Directory for the release.",
)
@click.option(
    "--metadata",
    "metadata_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="YAML file with the publisher's statements (publisher, creator, contact, dates); "
    "--metadata-example prints one to fill in.",
)
@click.option("--metadata-example", is_flag=True, help="Print the publication file to fill in.")
@click.option(
    "--base-url",
    default="https://w3id.org/dikg/",
    show_default=True,
    help="URL the output directory is served under; download URLs are built on it.",
)
@click.option(
    "--previous",
    metavar="DIR|FILE|URL",
    help="A previous release to write release notes against: a publish directory, an RDF "
    "file, or the http(s) URL of a published release (its dcat.ttl and download/dikg.nt.gz "
    "are fetched, 30 s timeout, 256 MB limit).",
)
@click.option(
    "--issued",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Date of the first release (overrides the file).",
)
@click.option(
    "--modified",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Date of this release (overrides the file).",
)
@click.option("--version-label", help="Version of this release (default: the ontology's).")
@click.option("--sparql-endpoint", metavar="URL", help="Public SPARQL endpoint of the release.")
@click.option(
    "--dcat-shapes",
    type=click.Path(path_type=Path),
    help="Directory of the DCAT-AP-NL 3.0 SHACL files: check the metadata before writing it "
    "(violations exit 1).",
)
@click.option(
    "--site/--no-site",
    default=True,
    show_default=True,
    help="Also write the linked-data site: a page per resource in en and nl, its RDF, "
    "the ontology and vocabulary pages, class indexes, sitemap.xml.",
)
@click.pass_context
def publish_command(
    ctx: click.Context,
    out: Path,
    metadata_file: Path | None,
    metadata_example: bool,
    base_url: str,
    previous: str | None,
    issued: datetime.datetime | None,
    modified: datetime.datetime | None,
    version_label: str | None,
    sparql_endpoint: str | None,
    dcat_shapes: Path | None,
    site: bool,
) -> None:
    """Write a release: dumps (gzipped too), checksums, DCAT-AP-NL and VoID metadata, the site.

    Exit 0 written, 1 the metadata breaks a DCAT-AP-NL shape (with --dcat-shapes),
    2 bad input (a missing publication field is named).
    """
    from dikg.release.command import publish
    from dikg.release.publication import example_text, load_publication

    if metadata_example:
        click.echo(example_text(), nl=False)
        return
    publication = load_publication(
        metadata_file,
        issued=issued.date() if issued else None,
        modified=modified.date() if modified else None,
        version=version_label,
        sparql_endpoint=sparql_endpoint,
    )
    root = root_of(ctx)
    if site:
        from dikg.release.command import normalise_base_url
        from dikg.release.dcat import SitePages
        from dikg.site.paths import ONTOLOGY_PAGE
        from dikg.site.server import check_base_url

        # the site's server rules hold the base URL: refuse one they cannot before writing
        check_base_url(normalise_base_url(base_url))
    result = publish(
        root,
        out,
        publication,
        base_url=base_url,
        previous=previous,
        dcat_shapes=dcat_shapes,
        pages=SitePages(landing="", documentation=ONTOLOGY_PAGE) if site else None,
    )
    console.info(f"published {result.summary['triples']} triples in {len(result.files)} files")
    for finding in result.findings:
        console.info(f"  {finding}")
    if result.diff is not None:
        d = result.diff
        console.info(
            f"since --previous: {len(d.added)} added, {len(d.removed)} removed, "
            f"{len(d.changed)} changed"
        )
    for info in result.files:
        click.echo(str(out / info.relative))
    if site:
        from dikg.release.command import normalise_base_url
        from dikg.site.write import write_site

        written = write_site(root, out, normalise_base_url(base_url), result.files)
        console.info(f"site: {written.resources} resource pages, {len(written.files)} files")
        for path in written.files:
            click.echo(str(out / path))


@cli.command("diff")
@click.argument("old")
@click.argument("new")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
)
@click.option("--fail-on-change", is_flag=True, help="Exit 1 when anything changed.")
def diff_command(old: str, new: str, fmt: str, fail_on_change: bool) -> None:
    """Compare two releases resource by resource.

    OLD and NEW are publish or build directories, RDF files, or http(s) URLs of published
    releases.
    """
    from dikg.release.diff import diff_snapshots, json_text, markdown
    from dikg.release.previous import read_previous

    result = diff_snapshots(read_previous(old).snapshot, read_previous(new).snapshot)
    click.echo(json_text(result) if fmt == "json" else markdown(result), nl=False)
    if fail_on_change and (result.added or result.removed or result.changed):
        raise SystemExit(EXIT_FINDINGS)
