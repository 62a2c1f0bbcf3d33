"""Values that try to break out of a query, on every parameter of every canned query.

Each is either bound as a plain RDF term that matches nothing, or refused with an input error
(exit 2); it never becomes SPARQL. Checked on the embedded store, on the text sent to an
endpoint, and on a real Oxigraph server, whose data must be intact afterwards.
"""

from __future__ import annotations

import pytest

from dikg.errors import InputError
from dikg.queries.backend import select
from dikg.queries.catalogue import list_queries
from dikg.queries.run import prepare, run_query
from dikg.queries.sparqltext import values_block
from dikg.root import resolve_root
from tests.conftest import REPO, run_dikg

ROOT = resolve_root(REPO)
EVIL = [
    'x" } UNION { ?s ?p ?o } #',
    "x' } UNION { ?s ?p ?o } #",
    '"""x""" } UNION { ?s ?p ?o } #',
    "<http://a> } ; DROP ALL ; #",
    "http://example.org/a> } UNION { ?s ?p ?o",
    "} } SELECT * WHERE { ?s ?p ?o } #",
    "x\n} UNION { ?s ?p ?o }",
    "nul\u0000byte",
    "\\u0022 } UNION { ?s ?p ?o } #",
    '\\" } UNION { ?s ?p ?o } #',
    "?s",
    "%3E } UNION { ?s ?p ?o }",
    "x" * 10_000,
    "",
]
PARAMETERS = [
    (query.name, parameter.name) for query in list_queries(ROOT) for parameter in query.params
]


def test_every_query_with_parameters_is_covered():
    # 18 queries with parameters: measures-in-time and timeline have two (since, until), the
    # target-group questions a basis besides their group
    assert len(PARAMETERS) == 22
    assert {name for name, _ in PARAMETERS} >= {"text-search", "evidence", "measures-in-time"}


@pytest.mark.parametrize(("name", "parameter"), PARAMETERS)
@pytest.mark.parametrize("value", EVIL, ids=range(len(EVIL)))
def test_breaking_values_are_plain_values_or_errors(name, parameter, value):
    params = [(parameter, value)]
    try:
        prepared = prepare(ROOT, name=name, params=params)
    except InputError as error:
        assert error.exit_code == 2
        return
    query, bindings = prepared.query, prepared.bindings
    # accepted: only a string parameter takes such a value, as one literal
    assert query.parameter(parameter).type == "string"
    (term,) = bindings.values()
    assert term.value == value
    # the text sent to an endpoint is the query plus one VALUES line of that literal
    sent = prepared.text
    assert sent.replace(values_block(bindings) + "\n", "", 1) == query.text
    # and it matches nothing
    assert run_query(ROOT, name=name, params=params).result.rows == []


@pytest.mark.parametrize(
    "value", ['x" } UNION { ?s ?p ?o } #', "\\u0022 } UNION { ?s ?p ?o } #", "} ; DROP ALL ; #"]
)
def test_the_cli_answers_breaking_values_with_no_rows_or_exit_2(value):
    search = run_dikg("--root", REPO, "query", "text-search", "-p", f"text={value}")
    assert search.returncode == 0, search.stderr
    assert search.stdout.splitlines() == ["resource  property  text", "--------  --------  ----"]
    group = run_dikg("--root", REPO, "query", "ministries-by-target-group", "-p", f"group={value}")
    assert group.returncode == 2
    assert group.stderr.startswith("dikg: error: parameter group: no concept of target-groups")
    assert "Traceback" not in group.stderr


COUNT = "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }"


@pytest.mark.slow
def test_breaking_values_on_a_real_server_leave_its_data_intact(repo_endpoint: str):
    from dikg.queries.endpoint import EndpointBackend

    server = EndpointBackend(repo_endpoint)
    before = select(server, COUNT).rows
    assert int(before[0][0].value) > 1000
    for name, parameter in PARAMETERS:
        for value in EVIL:
            params = [(parameter, value)]
            try:
                answer = run_query(ROOT, name=name, params=params, endpoint=repo_endpoint)
            except InputError:
                continue
            assert answer.result.rows == [], (name, parameter, value)
    assert select(server, COUNT).rows == before
