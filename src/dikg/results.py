"""Render query results as a terminal table, CSV, TSV or SPARQL 1.1 results JSON."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox

from dikg.query import SelectResult

FORMATS = ("table", "csv", "tsv", "json")


def _plain(term) -> str:
    """The lexical form of a term (IRI, literal value, blank-node id), or '' when unbound."""
    if term is None:
        return ""
    return term.value


def render_table(result: SelectResult) -> str:
    """An aligned plain-text table."""
    header = result.variables
    body = [[_plain(term) for term in row] for row in result.rows]
    widths = [len(name) for name in header]
    for row in body:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]
    lines = [
        "  ".join(name.ljust(width) for name, width in zip(header, widths, strict=True)),
        "  ".join("-" * width for width in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in body]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def render_delimited(result: SelectResult, delimiter: str) -> str:
    """CSV (``,``) or TSV (tab) with a header row, values in their lexical form."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_plain(term) for term in row])
    return buffer.getvalue()


def _json_term(term) -> dict:
    # https://www.w3.org/TR/sparql11-results-json/#select-encode-terms
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    encoded = {"type": "literal", "value": term.value}
    if term.language:
        encoded["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        encoded["datatype"] = term.datatype.value
    return encoded


def render_json(result: SelectResult) -> str:
    """SPARQL 1.1 Query Results JSON (https://www.w3.org/TR/sparql11-results-json/)."""
    bindings = [
        {
            name: _json_term(term)
            for name, term in zip(result.variables, row, strict=True)
            if term is not None
        }
        for row in result.rows
    ]
    document = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def render(result: SelectResult, fmt: str) -> str:
    """Render in one of :data:`FORMATS`."""
    if fmt == "table":
        return render_table(result)
    if fmt == "csv":
        return render_delimited(result, ",")
    if fmt == "tsv":
        return render_delimited(result, "\t")
    if fmt == "json":
        return render_json(result)
    raise ValueError(f"unknown result format {fmt!r}")
