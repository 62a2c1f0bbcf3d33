"""grlc itself serves queries/ as a web API and answers as `dikg query` does.

grlc (https://github.com/CLARIAH/grlc, pinned in the `test` extra) runs in-process through its
Flask app, configured as its README says (a config.ini in the working directory) with
`local_sparql_dir` = this checkout's queries/ folder and `sparql_endpoint` = the test Oxigraph
server holding `dikg build`. Every canned query must appear in grlc's swagger spec with the
parameters `dikg queries --format json` lists, and grlc's answer for representative parameter
values must be the rows `dikg query NAME --format json` gives for the same values.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import REPO, run_dikg

pytestmark = pytest.mark.slow

ID = "https://w3id.org/dikg/id/"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
IRI_TYPES = {"iri", "concept", "organisation"}
# the parameter grlc adds to every operation (`endpoint_in_url`, on by default)
GRLC_OWN_PARAMETERS = {"endpoint"}

# (query, parameters): every query at least once, each parameter given and, where optional,
# left out; values as IRIs and plain values, which is what grlc takes
CASES: list[tuple[str, dict[str, str]]] = [
    ("charter-2016-versus-rijk-annex", {}),
    ("charter-signatories", {}),
    ("charter-signatories", {"charter": ID + "charter/charter-diversiteit"}),
    ("cited-documents", {}),
    ("dataset-statistics", {}),
    ("evidence", {"resource": ID + "measure/defensie-2016-wervingscampagne-vrouwen"}),
    ("instruments-by-ministry", {}),
    ("measures-by-audience", {"audience": ID + "audience/managers"}),
    ("measures-by-career-level", {"level": ID + "career-level/senior"}),
    ("measures-by-instrument", {"instrument": ID + "instrument/training"}),
    ("measures-by-ministry", {"ministry": ID + "organisation/ocw"}),
    ("measures-by-phase", {}),
    ("measures-by-phase", {"phase": ID + "phase/instroom"}),
    ("measures-by-target-group", {"group": ID + "target-group/women"}),
    (
        "measures-by-target-group",
        {"group": ID + "target-group/ethnic-origin", "basis": ID + "target-group-basis/implied"},
    ),
    ("measures-in-time", {}),
    ("measures-in-time", {"since": "2017"}),
    ("measures-in-time", {"since": "2016", "until": "2016"}),
    ("measures-with-partner", {"partner": ID + "organisation/jinc"}),
    ("measures-without-target", {}),
    ("measures-without-target", {"ministry": ID + "organisation/bzk"}),
    ("ministries-by-target-group", {"group": ID + "target-group/lhbti"}),
    ("ministries-by-target-group", {"group": ID + "target-group/people-with-a-work-disability"}),
    (
        "ministries-by-target-group",
        {"group": ID + "target-group/ethnic-origin", "basis": ID + "target-group-basis/named"},
    ),
    ("ministry-focus", {}),
    ("ministry-focus", {"ministry": ID + "organisation/defensie"}),
    ("ministry-names", {}),
    ("ministry-names", {"ministry": ID + "organisation/ienw"}),
    ("ministry-target-group-matrix", {}),
    ("ministry-target-group-matrix", {"basis": ID + "target-group-basis/named"}),
    ("partners", {}),
    ("target-groups-not-named", {"ministry": ID + "organisation/ocw"}),
    ("targets-and-figures", {}),
    ("text-search", {"text": "mentor"}),
    ("timeline", {}),
    ("timeline", {"since": "2022"}),
    ("timeline", {"since": "2016", "until": "2016"}),
]


@pytest.fixture(scope="module")
def catalogue() -> dict[str, dict]:
    """`dikg queries --format json`, by query name."""
    result = run_dikg("--root", REPO, "queries", "--format", "json")
    assert result.returncode == 0, result.stderr
    return {query["name"]: query for query in json.loads(result.stdout)}


@pytest.fixture(scope="module")
def grlc(tmp_path_factory: pytest.TempPathFactory, oxigraph_server: str):
    """A Flask test client of grlc's app, serving queries/ against the test Oxigraph server.

    grlc reads config.ini from the working directory when `grlc.static` is first imported,
    so the import happens here, in a directory holding that file (and anew, should another
    test have imported grlc before).
    """
    folder = tmp_path_factory.mktemp("grlc")
    endpoint = f"{oxigraph_server}/query"
    (folder / "config.ini").write_text(
        f"[local]\nlocal_sparql_dir = {REPO / 'queries'}\n\n"
        f"[defaults]\nsparql_endpoint = {endpoint}\n",
        encoding="utf-8",
    )
    for name in [m for m in sys.modules if m == "grlc" or m.startswith("grlc.")]:
        del sys.modules[name]
    here = Path.cwd()
    os.chdir(folder)
    try:
        from grlc import static
        from grlc.server import app
    finally:
        os.chdir(here)
    configured = (static.LOCAL_SPARQL_DIR, static.DEFAULT_ENDPOINT)
    assert configured == (str(REPO / "queries"), endpoint)
    return app.test_client()


@pytest.fixture(scope="module")
def swagger(grlc) -> dict:
    response = grlc.get("/api-local/swagger")
    assert response.status_code == 200
    return response.get_json()


def _grlc_parameter(parameter: dict) -> dict:
    return {
        "required": parameter["required"],
        "iri": parameter.get("format") == "iri",
        "default": parameter.get("default"),
        "enum": parameter.get("enum", []),
    }


def _dikg_parameter(parameter: dict) -> dict:
    return {
        "required": parameter["required"],
        "iri": parameter["type"] in IRI_TYPES,
        "default": parameter["default"],
        "enum": sorted(parameter["enum"]),  # grlc sorts the values
    }


def test_grlc_loads_every_query_without_a_warning(swagger: dict, catalogue: dict) -> None:
    assert sorted(swagger["paths"]) == sorted(f"/{name}" for name in catalogue)
    # grlc puts what it could not load into the API description, as "errors-wrapper" divs
    assert "Could not parse" not in (swagger["info"]["description"] or "")


@pytest.mark.parametrize("name", sorted({name for name, _ in CASES}))
def test_grlc_lists_the_parameters_dikg_lists(swagger: dict, catalogue: dict, name: str) -> None:
    operation = swagger["paths"][f"/{name}"]["get"]
    query = catalogue[name]
    assert operation["summary"] == query["summary"]
    assert operation["tags"] == query["tags"]
    grlc_parameters = {
        p["name"]: _grlc_parameter(p)
        for p in operation["parameters"]
        if p["name"] not in GRLC_OWN_PARAMETERS
    }
    assert grlc_parameters == {p["name"]: _dikg_parameter(p) for p in query["parameters"]}


def test_the_cases_cover_every_query_and_parameter(catalogue: dict) -> None:
    assert {name for name, _ in CASES} == set(catalogue)
    for name, query in catalogue.items():
        given = set().union(*(set(values) for case, values in CASES if case == name))
        assert given == {p["name"] for p in query["parameters"]}, name


def _bindings(document: dict) -> Counter:
    """The rows of a SPARQL 1.1 Query Results JSON document as a multiset of terms."""

    def term(value: dict) -> tuple:
        kind = "literal" if value["type"] == "typed-literal" else value["type"]
        datatype = value.get("datatype")
        return (
            kind,
            value["value"],
            value.get("xml:lang"),
            None if datatype == XSD_STRING else datatype,
        )

    return Counter(
        frozenset((name, term(value)) for name, value in row.items())
        for row in document["results"]["bindings"]
    )


def _dikg_answer(name: str, values: dict[str, str]) -> dict:
    options = [option for key, value in values.items() for option in ("-p", f"{key}={value}")]
    result = run_dikg("--root", REPO, "query", name, *options, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("name", "values"),
    CASES,
    ids=[f"{name}-{'-'.join(values) or 'all'}" for name, values in CASES],
)
def test_grlc_answers_as_dikg_does(
    grlc, repo_endpoint: str, name: str, values: dict[str, str]
) -> None:
    response = grlc.get(
        f"/api-local/{name}", query_string=values, headers={"Accept": "application/json"}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    served = json.loads(response.get_data(as_text=True))
    answer = _dikg_answer(name, values)
    assert served["head"]["vars"] == answer["head"]["vars"]
    rows = _bindings(answer)
    assert rows, "choose values that give an answer"
    assert _bindings(served) == rows


@pytest.mark.parametrize(
    ("name", "values"),
    [(name, values) for name, values in CASES if values and (name, {}) in CASES],
    ids=lambda value: value if isinstance(value, str) else "-".join(value),
)
def test_an_optional_parameter_narrows_the_answer(
    grlc, repo_endpoint: str, name: str, values: dict[str, str]
) -> None:
    def rows(query_string: dict[str, str]) -> Counter:
        response = grlc.get(
            f"/api-local/{name}", query_string=query_string, headers={"Accept": "application/json"}
        )
        return _bindings(json.loads(response.get_data(as_text=True)))

    narrowed, everything = rows(values), rows({})
    assert narrowed
    if name == "charter-signatories":  # the graph has one charter: it is all of them
        assert narrowed == everything
        assert rows({"charter": ID + "charter/no-such-charter"}) == Counter()
    elif name == "ministry-target-group-matrix":  # counts per cell: named tags count less
        assert narrowed != everything
    else:
        assert narrowed < everything
