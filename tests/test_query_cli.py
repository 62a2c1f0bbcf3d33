"""`dikg query` and `dikg queries` on the command line: formats that parse, labels, evidence,
and every bad-input path ending in exit 2 with one clear message."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from rdflib import Graph

from tests.conftest import REPO, run_dikg

ORG = "https://w3id.org/dikg/id/organisation/"


def dikg(*args: str, env: dict[str, str] | None = None):
    return run_dikg("--root", REPO, *args, env=env)


def ok(*args: str) -> str:
    result = dikg(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def fails(*args: str, code: int = 2) -> str:
    result = dikg(*args)
    assert result.returncode == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    return result.stderr


LHBTI = ("query", "ministries-by-target-group", "-p", "group=lhbti")


# formats ----------------------------------------------------------------------------------


def test_table_shows_labels_in_the_chosen_language():
    english = ok(*LHBTI).splitlines()
    assert english[0].split() == ["ministry", "resource", "type", "group", "basis", "namedAs"]
    assert set(english[1]) == {"-", " "}
    assert english[2].startswith("Ministry of the Interior and Kingdom Relations ")
    assert "Ministry of Infrastructure and the Environment" in english[-2]  # the 2016 name
    dutch = ok(*LHBTI, "--lang", "nl")
    assert "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties" in dutch
    assert "Ministerie van Infrastructuur en Milieu" in dutch
    assert "https://" not in "\n".join(english) + dutch


def test_csv_holds_iris_and_parses():
    rows = list(csv.reader(io.StringIO(ok(*LHBTI, "--format", "csv"))))
    assert rows[0] == ["ministry", "resource", "type", "group", "basis", "namedAs"]
    assert len(rows) == 1 + 8
    assert {row[0] for row in rows[1:]} == {
        ORG + m for m in ("bzk", "defensie", "ez", "ienw", "ocw")
    }


def test_csv_with_labels_adds_a_label_column_after_each_iri_column():
    rows = list(csv.reader(io.StringIO(ok(*LHBTI, "--format", "csv", "--labels"))))
    assert rows[0] == [
        "ministry",
        "ministry_label",
        "resource",
        "resource_label",
        "type",
        "type_label",
        "group",
        "group_label",
        "basis",
        "basis_label",
        "namedAs",
        "namedAs_label",
    ]
    assert rows[1][:2] == [ORG + "bzk", "Ministry of the Interior and Kingdom Relations"]


def test_tsv_parses():
    rows = list(csv.reader(io.StringIO(ok(*LHBTI, "--format", "tsv")), delimiter="\t"))
    assert rows[0][0] == "ministry" and len(rows) == 9 and all(len(r) == 6 for r in rows)


def test_json_is_sparql_results_json():
    document = json.loads(ok(*LHBTI, "--format", "json"))
    assert document["head"]["vars"] == ["ministry", "resource", "type", "group", "basis", "namedAs"]
    first = document["results"]["bindings"][0]
    assert first["ministry"] == {"type": "uri", "value": ORG + "bzk"}
    assert "namedAs" not in first  # unbound variables are left out
    years = json.loads(ok("query", "measures-in-time", "--format", "json"))
    start = years["results"]["bindings"][0]["start"]
    assert start == {
        "type": "literal",
        "value": "2015",
        "datatype": "http://www.w3.org/2001/XMLSchema#gYear",
    }


def test_markdown_is_a_table_with_escaped_pipes():
    lines = ok(*LHBTI, "--format", "markdown").splitlines()
    assert lines[0] == "| ministry | resource | type | group | basis | namedAs |"
    assert lines[1] == "| --- | --- | --- | --- | --- | --- |"
    assert all(line.startswith("| ") and line.endswith(" |") for line in lines)
    assert len(lines) == 10
    out = ok("query", "--sparql", 'SELECT ?x WHERE { BIND("a|b" AS ?x) }', "--format", "markdown")
    assert out.splitlines()[2] == "| a\\|b |"


def test_ask_in_every_format():
    ask = ("query", "--sparql", "ASK { ?s a <https://w3id.org/dikg/def#Ministry> }")
    assert json.loads(ok(*ask, "--format", "json")) == {"head": {}, "boolean": True}
    assert ok(*ask).splitlines() == ["answer", "------", "true"]
    assert ok(*ask, "--format", "csv").splitlines() == ["answer", "true"]


def test_construct_and_describe_give_turtle_or_json_ld():
    construct = (
        "query",
        "--sparql",
        "PREFIX dikg: <https://w3id.org/dikg/def#> "
        "CONSTRUCT { ?m dikg:partner ?p } WHERE { ?m dikg:partner ?p }",
    )
    turtle = Graph().parse(data=ok(*construct), format="turtle")
    assert len(turtle) == 17  # the 17 (measure, partner) pairs
    jsonld = ok(*construct, "--format", "jsonld")
    assert len(list(ox.parse(jsonld, format=ox.RdfFormat.JSON_LD))) == 17
    ntriples = ok(*construct, "--format", "ntriples")
    assert len(ntriples.splitlines()) == 17
    describe = ok("query", "--sparql", f"DESCRIBE <{ORG}jinc>")
    assert (None, None, None) in Graph().parse(data=describe, format="turtle")
    assert "JINC" in describe


def test_a_format_that_does_not_fit_the_answer_is_exit_2():
    assert "is for CONSTRUCT or DESCRIBE" in fails(*LHBTI, "--format", "turtle")
    construct = ("query", "--sparql", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1")
    assert "gives triples" in fails(*construct, "--format", "csv")


# evidence ---------------------------------------------------------------------------------


def test_evidence_adds_quote_and_source_to_each_row():
    rows = list(
        csv.reader(
            io.StringIO(
                ok(
                    "query",
                    "measures-with-partner",
                    "-p",
                    "partner=JINC",
                    "--evidence",
                    "--format",
                    "csv",
                )
            )
        )
    )
    assert rows[0] == ["measure", "actor", "evidence_quote", "evidence_source"]
    assert rows[1][2] == (
        "Convenant met JINC (organiseren Bliksemstages en deelnemen aan sollicitatietrainingen "
        "voor VMBO leerlingen)."
    )
    assert (
        rows[1][3]
        == "https://w3id.org/dikg/id/document/charter-diversiteit-2016-focus-ondertekenaars"
    )


def test_evidence_for_every_row_of_a_query():
    document = json.loads(ok(*LHBTI, "--evidence", "--format", "json"))
    for binding in document["results"]["bindings"]:
        assert binding["evidence_quote"]["xml:lang"] == "nl"
        assert binding["evidence_source"]["type"] == "uri"


def test_evidence_table_names_the_source_document():
    out = ok("query", "measures-by-target-group", "-p", "group=transgenders", "--evidence")
    assert "o.a. via een pilot transitieverlof voor transgender personen binnen het Rijk." in out
    assert "Annex: measures of the diversity and inclusion policy" in out


def test_evidence_on_ad_hoc_sparql_finds_the_resource_column():
    out = ok(
        "query",
        "--sparql",
        "PREFIX dikg: <https://w3id.org/dikg/def#> "
        'SELECT ?name ?m WHERE { ?m dikg:partner ?p . BIND("x" AS ?name) } LIMIT 1',
        "--evidence",
        "--format",
        "csv",
    )
    assert out.splitlines()[0] == "name,m,evidence_quote,evidence_source"


def test_evidence_on_counts_is_exit_2():
    assert "not about one resource each" in fails(
        "query", "ministry-target-group-matrix", "--evidence"
    )
    no_quotes = ("query", "--sparql", 'SELECT ?x WHERE { BIND("x" AS ?x) }', "--evidence")
    assert "no column of this answer holds resources with source quotes" in fails(*no_quotes)


# showing the query, failing on empty ------------------------------------------------------


def test_show_query_prints_the_bound_query_without_running_it():
    out = ok("query", "measures-by-ministry", "-p", "ministry=IenM", "--show-query")
    assert f"VALUES ?_ministry_iri {{ <{ORG}ienw> }}" in out
    assert out.startswith("#+ summary: The measures of a ministry")


def test_fail_on_empty_exits_1():
    assert dikg("query", "measures-in-time", "-p", "since=2030", "--fail-on-empty").returncode == 1
    assert dikg("query", "measures-in-time", "-p", "since=2016", "--fail-on-empty").returncode == 0


# the list of queries ----------------------------------------------------------------------


def test_queries_lists_names_parameters_and_summaries():
    lines = ok("queries").splitlines()
    assert lines[0].split() == ["NAME", "PARAMETERS", "SUMMARY"]
    assert len(lines) == 1 + 24
    line = next(line for line in lines if line.startswith("measures-in-time "))
    assert line.split(None, 3)[1:3] == ["[since=year]", "[until=year]"]


def test_queries_json_lists_typed_parameters():
    listing = {q["name"]: q for q in json.loads(ok("queries", "--format", "json"))}
    assert len(listing) == 24
    group = listing["ministries-by-target-group"]["parameters"][0]
    assert group["name"] == "group" and group["type"] == "concept" and group["required"]
    assert group["variable"] == "_group_iri"
    assert listing["measures-by-ministry"]["evidence"] == "measure"


def test_queries_name_describes_one_query():
    out = ok("queries", "measures-by-ministry")
    assert out.startswith("measures-by-ministry: The measures of a ministry")
    assert "-p ministry=  organisation:" in out
    assert "unknown query" in fails("queries", "no-such-query")


# exit 2 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("query", "no-such-query"), "unknown query 'no-such-query'"),
        (("query", "measures-by-ministy"), "did you mean: measures-by-ministry?"),
        (("query", "measures-by-ministry", "-p", "minister=OCW"), "has no parameter 'minister'"),
        (("query", "measures-by-ministry", "-p", "minister=OCW"), "did you mean ministry?"),
        (("query", "measures-by-ministry"), "needs parameter ministry"),
        (("query", "measures-by-ministry", "-p", "OCW"), "expected name=value"),
        (
            ("query", "measures-by-ministry", "-p", "ministry=OCW", "-p", "ministry=AZ"),
            "given twice",
        ),
        (("query", "measures-in-time", "-p", "since=20x6"), "expected a year of four digits"),
        (("query", "measures-in-time", "-p", "since=16"), "expected a year of four digits"),
        (
            ("query", "ministries-by-target-group", "-p", "group=lhbtq"),
            "did you mean: LHBT (lhbti)?",
        ),
        (
            ("query", "ministries-by-target-group", "-p", "group=lhbtq"),
            "no concept of target-groups",
        ),
        (
            ("query", "measures-by-ministry", "-p", "ministry=Ministerie van Zaken"),
            "no organisation is called",
        ),
        (("query", "evidence", "-p", "resource=not an iri"), "expected an IRI"),
        (("query", "text-search", "-p", "text="), "the value is empty"),
        (("query", "dataset-statistics", "-p", "x=1"), "it takes no parameters"),
        (("query", "--sparql", "DROP ALL"), "is not a SELECT, ASK, CONSTRUCT or DESCRIBE query"),
        (("query", "--sparql", "SELECT * WHERE {"), "SPARQL syntax error in --sparql"),
        (("query", "--file", "no-such-file.rq"), "no such file"),
        (("query", "dataset-statistics", "--timeout", "0"), "--timeout must be a positive"),
        (("query", "dataset-statistics", "--endpoint", "ftp://e.org/q"), "must be an http://"),
        (
            ("query", "dataset-statistics", "--endpoint", "http://u:p@h/q"),
            "must not hold credentials",
        ),
    ],
)
def test_bad_input_is_exit_2_with_one_message(args, message):
    stderr = fails(*args)
    assert message in stderr
    assert stderr.startswith("dikg: error: ")


def test_a_query_file_with_a_header_takes_parameters(tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text(
        "#+ summary: my own\n#+ params:\n#+   ministry:\n#+     type: organisation\n"
        "#+ evidence: measure\n"
        "PREFIX dikg: <https://w3id.org/dikg/def#>\n"
        "SELECT ?measure WHERE { ?measure a dikg:Measure ; dikg:actor ?_ministry_iri }\n",
        encoding="utf-8",
    )
    out = ok("query", "--file", str(path), "-p", "ministry=VWS", "--format", "csv", "--evidence")
    rows = list(csv.reader(io.StringIO(out)))
    assert sorted(row[0].rsplit("/", 1)[1] for row in rows[1:]) == [
        "vws-2016-aandachtsgebieden-maatregelen",
        "vws-2016-vaststellen-concrete-maatregelen",
    ]
    assert all(row[1] for row in rows[1:])
