"""Unit tests of dikg.queries.render: an answer in every output format."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from dikg.errors import InputError
from dikg.queries.backend import AskResult, EmbeddedBackend, GraphResult, SelectResult
from dikg.queries.labels import Labeller
from dikg.queries.render import FORMATS, GRAPH_FORMATS, TABLE_FORMATS, iri_columns, render

EX = "https://example.org/"
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RESULT = SelectResult(
    ["who", "n"],
    [
        [ox.NamedNode(EX + "a"), ox.Literal(3)],
        [ox.NamedNode(EX + "b"), None],
        [ox.Literal("x|y", language="en"), ox.Literal("two\nlines")],
    ],
)


def labeller() -> Labeller:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(EX + "a"), LABEL, ox.Literal("Alpha", language="en")))
    return Labeller(EmbeddedBackend(store), "en", {"ex": EX})


def test_formats_are_tables_or_graphs() -> None:
    assert set(FORMATS) == set(TABLE_FORMATS) | set(GRAPH_FORMATS)


def test_table_shows_labels_aligned_and_on_one_line() -> None:
    assert render(RESULT, "table", labeller()).splitlines() == [
        "who    n",
        "-----  ---------",
        "Alpha  3",
        "ex:b",
        "x|y    two lines",
    ]


def test_markdown_escapes_pipes() -> None:
    lines = render(RESULT, "markdown", labeller()).splitlines()
    assert lines[:2] == ["| who | n |", "| --- | --- |"]
    assert lines[4] == "| x\\|y | two lines |"


def test_csv_values_and_optional_label_columns() -> None:
    assert render(RESULT, "csv").splitlines()[:3] == [
        "who,n",
        "https://example.org/a,3",
        "https://example.org/b,",
    ]
    labelled = render(RESULT, "tsv", labeller(), labels_in_delimited=True).splitlines()
    assert labelled[:2] == ["who\twho_label\tn", "https://example.org/a\tAlpha\t3"]


def test_json_is_sparql_results_json() -> None:
    document = json.loads(render(RESULT, "json"))
    assert document["head"] == {"vars": ["who", "n"]}
    first, second, third = document["results"]["bindings"]
    assert first["who"] == {"type": "uri", "value": EX + "a"}
    assert first["n"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert "n" not in second
    assert third["who"] == {"type": "literal", "value": "x|y", "xml:lang": "en"}
    assert "datatype" not in third["n"]
    assert json.loads(render(AskResult(True), "json")) == {"head": {}, "boolean": True}


def test_json_has_one_binding_per_line_and_none_for_no_rows() -> None:
    lines = render(RESULT, "json").splitlines()
    assert lines[:3] == ["{", '  "head": {"vars": ["who", "n"]},', '  "results": {"bindings": [']
    assert [json.loads(line.rstrip(",")) for line in lines[3:6]] == json.loads(
        render(RESULT, "json")
    )["results"]["bindings"]
    assert lines[6:] == ["  ]}", "}"]
    assert json.loads(render(SelectResult(["x"], []), "json")) == {
        "head": {"vars": ["x"]},
        "results": {"bindings": []},
    }


def test_ask_as_a_table() -> None:
    assert render(AskResult(False), "csv") == "answer\nfalse\n"


def test_graph_formats() -> None:
    triple = ox.Triple(ox.NamedNode(EX + "s"), LABEL, ox.Literal("s"))
    graph = GraphResult([triple])
    assert render(graph, "ntriples") == f'<{EX}s> <{LABEL.value}> "s" .\n'
    assert "ex:s" in render(graph, "table", prefixes={"ex": EX, "unused": "urn:u:"})
    assert "unused" not in render(graph, "turtle", prefixes={"ex": EX, "unused": "urn:u:"})
    assert json.loads(render(graph, "json"))


def test_a_format_that_does_not_fit_the_answer_is_bad_input() -> None:
    with pytest.raises(InputError, match="is for tables"):
        render(GraphResult([]), "csv")
    with pytest.raises(InputError, match="is for CONSTRUCT or DESCRIBE"):
        render(RESULT, "turtle")


def test_iri_columns() -> None:
    assert iri_columns(RESULT) == [0]
