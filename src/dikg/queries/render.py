"""Render query answers as tables (terminal, Markdown, CSV, TSV, JSON) or as RDF.

SELECT and ASK answers: a terminal table, Markdown, CSV, TSV or SPARQL 1.1 results JSON;
CONSTRUCT and DESCRIBE answers: Turtle, JSON-LD or N-Triples.

The table and Markdown show labels (in the user's language) instead of IRIs where a label
exists, and prefixed names otherwise; CSV and TSV hold the values themselves (IRIs, literal
lexical forms), with a ``{column}_label`` column after every column of IRIs when asked for.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping

import pyoxigraph as ox

from dikg.errors import InputError
from dikg.queries.backend import AskResult, Cell, GraphResult, Result, SelectResult
from dikg.queries.labels import Labeller, iris_of

TABLE_FORMATS = ("table", "markdown", "csv", "tsv", "json")
GRAPH_FORMATS = ("turtle", "jsonld", "ntriples")
FORMATS = TABLE_FORMATS + GRAPH_FORMATS


def iri_columns(result: SelectResult) -> list[int]:
    """The indexes of the columns that hold at least one IRI."""
    return [
        index
        for index in range(len(result.variables))
        if any(isinstance(row[index], ox.NamedNode) for row in result.rows)
    ]


def _plain(term: Cell) -> str:
    """The lexical form of a term (IRI, literal value, blank-node id), or '' when unbound."""
    if term is None:
        return ""
    return term.value


def _cells(result: SelectResult | AskResult, labeller: Labeller | None) -> list[list[str]]:
    if labeller is None:
        return [[_plain(term) for term in row] for row in result.rows]
    labeller.load(iris_of(result.rows))
    return [[labeller.show(term) for term in row] for row in result.rows]


def render_table(result: SelectResult | AskResult, labeller: Labeller | None = None) -> str:
    """An aligned plain-text table; labels instead of IRIs when a labeller is given."""
    header = result.variables
    body = [[" ".join(cell.split()) for cell in row] for row in _cells(result, labeller)]
    widths = [len(name) for name in header]
    for row in body:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]
    lines = [
        "  ".join(name.ljust(width) for name, width in zip(header, widths, strict=True)),
        "  ".join("-" * width for width in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in body]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _markdown_cell(text: str) -> str:
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


def render_markdown(result: SelectResult | AskResult, labeller: Labeller | None = None) -> str:
    """A GitHub-flavoured Markdown table (pipes in values escaped)."""
    lines = [
        "| " + " | ".join(_markdown_cell(name) for name in result.variables) + " |",
        "| " + " | ".join("---" for _ in result.variables) + " |",
    ]
    for row in _cells(result, labeller):
        lines.append("| " + " | ".join(_markdown_cell(cell) for cell in row) + " |")
    return "\n".join(lines) + "\n"


def render_delimited(
    result: SelectResult | AskResult, delimiter: str, labeller: Labeller | None = None
) -> str:
    """CSV (``,``) or TSV (tab) with a header row, values in their lexical form.

    With a labeller, every column holding IRIs is followed by a ``{column}_label`` column.
    """
    labelled: list[int] = []
    if labeller is not None:
        labeller.load(iris_of(result.rows))
        labelled = iri_columns(result)
    header: list[str] = []
    for index, name in enumerate(result.variables):
        header += [name, f"{name}_label"] if index in labelled else [name]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    for row in result.rows:
        cells: list[str] = []
        for index, term in enumerate(row):
            cells.append(_plain(term))
            if index in labelled:
                cells.append(labeller.show(term) if labeller and term is not None else "")
        writer.writerow(cells)
    return buffer.getvalue()


_ENCODER = json.JSONEncoder(ensure_ascii=False)  # json.dumps(ensure_ascii=False) makes one a call


def render_json(result: SelectResult | AskResult) -> str:
    """SPARQL 1.1 Query Results JSON (https://www.w3.org/TR/sparql11-results-json/).

    One binding per line: each is written by json's C encoder, where indenting the whole
    document takes its pure-Python one (50 ms for 400 rows, most of a warm query's own work
    at 100k triples; 0.9 s for 50,000).
    """
    if isinstance(result, AskResult):
        document: dict = {"head": {}, "boolean": result.value}
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    variables = _ENCODER.encode(result.variables)
    bindings = ",\n".join("    " + _ENCODER.encode(binding) for binding in result.bindings)
    body = f"\n{bindings}\n  " if bindings else ""
    return f'{{\n  "head": {{"vars": {variables}}},\n  "results": {{"bindings": [{body}]}}\n}}\n'


def render_graph(result: GraphResult, fmt: str, prefixes: Mapping[str, str] | None = None) -> str:
    """Triples as Turtle, JSON-LD or N-Triples (sorted, so the output is stable)."""
    rdf_format = {
        "turtle": ox.RdfFormat.TURTLE,
        "jsonld": ox.RdfFormat.JSON_LD,
        "ntriples": ox.RdfFormat.N_TRIPLES,
    }[fmt]
    triples = sorted(result.triples, key=str)
    used = prefixes if fmt != "ntriples" else None
    if used:
        text = " ".join(str(t) for t in triples)
        used = {p: ns for p, ns in used.items() if f"<{ns}" in text}
    return ox.serialize(triples, format=rdf_format, prefixes=used or None).decode("utf-8")


def render(
    result: Result,
    fmt: str,
    labeller: Labeller | None = None,
    *,
    labels_in_delimited: bool = False,
    prefixes: Mapping[str, str] | None = None,
) -> str:
    """Render in one of :data:`FORMATS`.

    ``table`` gives Turtle and ``json`` gives JSON-LD for a CONSTRUCT or DESCRIBE answer.

    Raises:
        InputError: for a format that does not fit the answer.
    """
    if isinstance(result, GraphResult):
        fmt = {"table": "turtle", "json": "jsonld"}.get(fmt, fmt)
        if fmt not in GRAPH_FORMATS:
            raise InputError(
                f"a CONSTRUCT or DESCRIBE query gives triples; --format {fmt} is for tables",
                hint=f"use --format {' or '.join(GRAPH_FORMATS)}",
            )
        return render_graph(result, fmt, prefixes)
    if fmt in GRAPH_FORMATS:
        raise InputError(
            f"--format {fmt} is for CONSTRUCT or DESCRIBE queries; this one gives a table",
            hint=f"use --format {', '.join(TABLE_FORMATS)}",
        )
    if fmt == "table":
        return render_table(result, labeller)
    if fmt == "markdown":
        return render_markdown(result, labeller)
    if fmt in ("csv", "tsv"):
        delimiter = "," if fmt == "csv" else "\t"
        return render_delimited(result, delimiter, labeller if labels_in_delimited else None)
    if fmt == "json":
        return render_json(result)
    raise ValueError(f"unknown result format {fmt!r}")
