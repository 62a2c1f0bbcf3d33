"""Virtuoso, the second real store: `dikg load` into its authenticated Graph Store endpoint,
then every canned query through `--endpoint` gives the embedded answers, except for two
documented differences of Virtuoso, each asserted exactly (README, "Virtuoso")."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from tests.conftest import REPO, run_dikg
from tests.servers import (
    SOURCE_FILES,
    VIRTUOSO_PASSWORD,
    Virtuoso,
    case_args,
    json_answer,
    running_virtuoso,
)
from tests.test_endpoint import CASES
from tests.test_load import kill_mid_load, sent_and_held

pytestmark = pytest.mark.slow

XSD = "http://www.w3.org/2001/XMLSchema#"


def exists_as_integer(answer: dict, endpoint: str) -> dict:
    """Virtuoso gives EXISTS as xsd:integer 1/0; SPARQL 1.1 says xsd:boolean
    (https://www.w3.org/TR/sparql11-query/#func-filter-exists). Map it back, and nothing else."""
    mapped = copy.deepcopy(answer)
    for row in mapped["results"]["bindings"]:
        for column in ("in2016", "inAnnex"):
            term = row[column]
            assert term["datatype"] == XSD + "integer" and term["value"] in ("0", "1"), term
            term["datatype"] = XSD + "boolean"
            term["value"] = "true" if term["value"] == "1" else "false"
    return mapped


SYSTEM_CLASS_COUNTS = (
    "SELECT ?class (COUNT(DISTINCT ?resource) AS ?resources) WHERE { GRAPH ?g { ?resource a ?class"
    " } FILTER(!STRSTARTS(STR(?g), 'https://w3id.org/dikg/id/graph/')) } GROUP BY ?class"
)


def without_virtuoso_system_graphs(answer: dict, endpoint: str) -> dict:
    """Virtuoso's default graph, when a query names none, is the union of all its graphs, its
    own system graphs included (virtrdf: quad maps, ldp:, its service description); SPARQL
    leaves the default dataset to the service. Subtract exactly what those graphs hold, per
    class, and sort again as the query does (by count, then class)."""
    system_answer = json_answer("--sparql", SYSTEM_CLASS_COUNTS, endpoint=endpoint)
    system = {
        row["class"]["value"]: int(row["resources"]["value"])
        for row in system_answer["results"]["bindings"]
    }
    assert system, "Virtuoso has no system graphs any more: update the README"
    mapped = copy.deepcopy(answer)
    kept = []
    for row in mapped["results"]["bindings"]:
        count = int(row["resources"]["value"]) - system.get(row["class"]["value"], 0)
        if count:
            row["resources"]["value"] = str(count)
            kept.append(row)
    kept.sort(key=lambda row: (-int(row["resources"]["value"]), row["class"]["value"]))
    mapped["results"]["bindings"] = kept
    return mapped


KNOWN_DIFFERENCES = {
    "charter-2016-versus-rijk-annex": exists_as_integer,
    "dataset-statistics": without_virtuoso_system_graphs,
}


@pytest.fixture(scope="module")
def virtuoso_loaded(virtuoso: Virtuoso) -> Virtuoso:
    result = run_dikg("--root", REPO, "load", "--endpoint", virtuoso.graph_store,
                      "--query-endpoint", virtuoso.sparql, env=virtuoso.credentials)  # fmt: skip
    assert result.returncode == 0, result.stderr
    loaded = sent_and_held(result.stdout)
    assert len(loaded) == SOURCE_FILES and all(sent == held for sent, held in loaded.values())
    return virtuoso


@pytest.mark.parametrize(("name", "params"), CASES, ids=lambda c: str(c))
def test_every_canned_query_on_virtuoso_equals_embedded(
    virtuoso_loaded: Virtuoso, embedded_answers: dict, name: str, params: dict
):
    embedded = embedded_answers[(name, tuple(params.items()))]
    on_virtuoso = json_answer(*case_args(name, params), endpoint=virtuoso_loaded.sparql)
    if name in KNOWN_DIFFERENCES:
        assert on_virtuoso != embedded, f"Virtuoso now agrees on {name}: drop its exception"
        on_virtuoso = KNOWN_DIFFERENCES[name](on_virtuoso, virtuoso_loaded.sparql)
    assert on_virtuoso == embedded


def test_reload_into_virtuoso_is_idempotent_and_counted(
    virtuoso_loaded: Virtuoso, repo_build: Path
):
    args = ("--endpoint", virtuoso_loaded.graph_store)
    first = run_dikg("--root", REPO, "load", *args, env=virtuoso_loaded.credentials)
    second = run_dikg("--root", REPO, "load", *args, env=virtuoso_loaded.credentials)
    assert first.returncode == second.returncode == 0, second.stderr
    assert first.stdout == second.stdout  # counted by reading each graph back (GSP GET)
    assert all(sent == held for sent, held in sent_and_held(second.stdout).values())
    total = json_answer(
        "--sparql",
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/dikg/id/graph/')) }",
        endpoint=virtuoso_loaded.sparql,
    )
    sent = sum(
        json.loads((repo_build / "summary.json").read_text(encoding="utf-8"))["sources"].values()
    )
    assert int(total["results"]["bindings"][0]["n"]["value"]) == sent


def test_sparql_update_into_virtuoso(virtuoso: Virtuoso):
    """The fallback for stores without a Graph Store endpoint, on Virtuoso's authenticated
    SPARQL endpoint; regression: INSERT DATA with blank nodes, which Virtuoso refuses. It
    replaces the same graphs with the same triples, so the other tests see the same store."""
    args = ("--update-endpoint", virtuoso.url + "/sparql-auth", "--query-endpoint",
            virtuoso.sparql)  # fmt: skip
    first = run_dikg("--root", REPO, "load", *args, env=virtuoso.credentials)
    again = run_dikg("--root", REPO, "load", *args, env=virtuoso.credentials)
    assert first.returncode == again.returncode == 0, again.stderr
    assert first.stdout == again.stdout
    loaded = sent_and_held(again.stdout)
    assert len(loaded) == SOURCE_FILES and all(sent == held for sent, held in loaded.values())


@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({}, "(no credentials given)"),
        ({"DIKG_ENDPOINT_USER": "dikg-loader", "DIKG_ENDPOINT_PASSWORD": "wrong-pw"},
         "for user 'dikg-loader' from DIKG_ENDPOINT_USER/DIKG_ENDPOINT_PASSWORD"),
    ],
)  # fmt: skip
def test_virtuoso_refuses_wrong_or_missing_credentials(virtuoso: Virtuoso, env: dict, said: str):
    result = run_dikg("--root", REPO, "--verbose", "load", "--endpoint", virtuoso.graph_store,
                      env={"DIKG_ENDPOINT_USER": "", "DIKG_ENDPOINT_PASSWORD": "", **env},
                      )  # fmt: skip
    assert result.returncode == 2
    assert "refused the credentials (HTTP 401)" in result.stderr and said in result.stderr
    assert "wrong-pw" not in result.stderr + result.stdout
    assert VIRTUOSO_PASSWORD not in result.stderr + result.stdout


def test_the_answers_json_is_read_as_sparql_results(virtuoso_loaded: Virtuoso):
    """Regression guard for the comparison itself: Virtuoso's JSON parses as results JSON."""
    answer = json_answer("dataset-statistics", endpoint=virtuoso_loaded.sparql)
    assert json.dumps(answer["head"]) == json.dumps({"vars": ["class", "label", "resources"]})


def test_virtuoso_killed_mid_load_leaves_each_graph_old_or_new(tmp_path: Path, mini_root: Path):
    """Its own Virtuoso, killed while dikg load replaces the third graph and started again on
    the same database: every graph is its old version or its new one."""
    (tmp_path / "virtuoso").mkdir()
    with running_virtuoso(tmp_path / "virtuoso") as server:
        kill_mid_load(server, server.graph_store, server.sparql, mini_root, server.credentials)
