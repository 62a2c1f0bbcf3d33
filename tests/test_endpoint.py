"""The built graph in a real SPARQL server: loaded through the Graph Store Protocol, the canned
query gives the same answer there as on the embedded store."""

from __future__ import annotations

import base64
import contextlib
import http.server
import json
import socket
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from dikg.errors import InputError
from tests.conftest import REPO, run_dikg
from tests.servers import serving

pytestmark = pytest.mark.slow


def rows(results: dict) -> set[tuple]:
    variables = results["head"]["vars"]
    return {
        tuple(
            (b[v]["type"], b[v]["value"], b[v].get("datatype"), b[v].get("xml:lang"))
            if v in b
            else None
            for v in variables
        )
        for b in results["results"]["bindings"]
    }


def test_dataset_statistics_same_on_server_and_embedded(mini_root: Path, oxigraph_server: str):
    out = mini_root / "dist"
    assert run_dikg("--root", mini_root, "build", "--out", out).returncode == 0
    # SPARQL 1.1 Graph Store Protocol: replace the default graph with the dump
    put = urllib.request.Request(
        f"{oxigraph_server}/store?default",
        data=(out / "dikg.nt").read_bytes(),
        method="PUT",
        headers={"Content-Type": "application/n-triples"},
    )
    urllib.request.urlopen(put, timeout=30).close()

    text = (mini_root / "queries" / "dataset-statistics.rq").read_text(encoding="utf-8")
    request = urllib.request.Request(
        f"{oxigraph_server}/query",
        data=urllib.parse.urlencode({"query": text}).encode(),
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        on_server = json.load(response)

    embedded = run_dikg("--root", mini_root, "query", "dataset-statistics", "--format", "json")
    assert embedded.returncode == 0, embedded.stderr
    on_embedded = json.loads(embedded.stdout)
    assert on_server["head"] == on_embedded["head"]
    assert rows(on_server) == rows(on_embedded)
    assert len(rows(on_server)) == 5


# Every canned query, with its parameters, on the embedded store and on the server ---------

CASES = [
    ("charter-2016-versus-rijk-annex", {}),
    ("charter-signatories", {}),
    ("charter-signatories", {"charter": "charter:charter-diversiteit"}),
    ("cited-documents", {}),
    ("dataset-statistics", {}),
    ("evidence", {"resource": "policy:bz-2016-focus"}),
    ("instruments-by-ministry", {}),
    ("measures-by-audience", {"audience": "managers"}),
    ("measures-by-instrument", {"instrument": "training"}),
    ("measures-by-ministry", {"ministry": "IenM"}),
    ("measures-by-phase", {}),
    ("measures-by-phase", {"phase": "uitstroom"}),
    ("measures-by-target-group", {"group": "arbeidsbeperkten"}),
    ("measures-in-time", {}),
    ("timeline", {}),
    ("measures-by-career-level", {}),
    ("measures-in-time", {"since": "2016", "until": "2016"}),
    ("measures-with-partner", {"partner": "JINC"}),
    ("measures-without-target", {}),
    ("measures-without-target", {"ministry": "EZ"}),
    ("ministries-by-target-group", {}),
    ("ministries-by-target-group", {"group": "women"}),
    ("ministry-focus", {}),
    ("ministry-focus", {"ministry": "VenJ"}),
    ("ministry-names", {}),
    ("ministry-names", {"ministry": "IenW"}),
    ("ministry-target-group-matrix", {}),
    ("partners", {}),
    ("target-groups-not-named", {"ministry": "AZ"}),
    ("targets-and-figures", {}),
    ("text-search", {"text": "mentor"}),
]


def terms(result) -> list[tuple[str, ...]]:
    return sorted(tuple("" if t is None else str(t) for t in row) for row in result.rows)


def test_the_cases_cover_every_canned_query():
    from dikg.queries.catalogue import list_queries
    from dikg.root import resolve_root

    assert {name for name, _ in CASES} == {q.name for q in list_queries(resolve_root(REPO))}


@pytest.mark.parametrize(("name", "params"), CASES, ids=lambda c: str(c))
def test_canned_query_same_on_server_and_embedded(repo_endpoint: str, name: str, params: dict):
    from dikg.queries.run import run_query
    from dikg.root import resolve_root

    root = resolve_root(REPO)
    pairs = list(params.items())
    embedded = run_query(root, name=name, params=pairs).result
    on_server = run_query(root, name=name, params=pairs, endpoint=repo_endpoint).result
    assert on_server.variables == embedded.variables
    assert terms(on_server) == terms(embedded)
    assert embedded.rows, "every case has an answer, so that the comparison means something"


def test_cli_on_the_server_gives_the_same_table_labels_and_evidence(repo_endpoint: str):
    args = ("ministries-by-target-group", "-p", "group=lhbti", "--evidence", "--lang", "nl")
    embedded = run_dikg("--root", REPO, "query", *args)
    on_server = run_dikg("--root", REPO, "query", *args, "--endpoint", repo_endpoint)
    assert embedded.returncode == on_server.returncode == 0, on_server.stderr
    assert on_server.stdout == embedded.stdout
    assert "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties" in on_server.stdout


def test_cli_on_the_server_json_is_the_same(repo_endpoint: str):
    args = ("query", "measures-in-time", "--format", "json")
    embedded = json.loads(run_dikg("--root", REPO, *args).stdout)
    on_server = json.loads(run_dikg("--root", REPO, *args, "--endpoint", repo_endpoint).stdout)
    assert on_server == embedded


def test_construct_and_ask_on_the_server(repo_endpoint: str):
    from dikg.queries.api import query

    construct = (
        "PREFIX dikg: <https://w3id.org/dikg/def#> "
        "CONSTRUCT { ?m dikg:partner ?p } WHERE { ?m dikg:partner ?p }"
    )
    assert sorted(map(str, query(sparql=construct, endpoint=repo_endpoint))) == sorted(
        map(str, query(sparql=construct))
    )
    assert query(sparql="ASK { ?s ?p ?o }", endpoint=repo_endpoint) is True


# Failures of the endpoint: exit 2, one message, never the credentials ---------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    """Answers every request as the test server's ``behaviour`` says."""

    def do_POST(self) -> None:
        behaviour = self.server.behaviour  # type: ignore[attr-defined]
        self.server.requests.append(  # type: ignore[attr-defined]
            (dict(self.headers), self.rfile.read(int(self.headers.get("Content-Length", 0))))
        )
        if behaviour == "slow":
            time.sleep(3)
        status = {"401": 401, "500": 500, "403": 403}.get(behaviour, 200)
        if behaviour == "auth":
            expected = "Basic " + base64.b64encode(b"alice:s3cret-pw").decode()
            status = 200 if self.headers.get("Authorization") == expected else 401
        body = (
            json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": []}}).encode()
            if status == 200
            else b"Error: something went wrong\nsecond line"
        )
        if behaviour == "html" and status == 200:
            body = b"<html>not json</html>"
        self.send_response(status)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError):
            self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def stub_endpoint():
    """A local HTTP server standing in for a SPARQL endpoint that misbehaves on purpose."""
    with contextlib.ExitStack() as stack:

        def start(behaviour: str) -> tuple[str, list]:
            url, server = stack.enter_context(serving(_Handler, behaviour=behaviour, requests=[]))
            return f"{url}/query", server.requests  # type: ignore[attr-defined]

        yield start


SELECT_X = ("query", "--sparql", 'SELECT ?x WHERE { BIND("a" AS ?x) }', "--format", "json")


def fails(*args: str, env: dict[str, str] | None = None) -> str:
    result = run_dikg("--root", REPO, *args, env=env)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("dikg: error: ")
    return result.stderr


def test_unreachable_endpoint():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    stderr = fails(*SELECT_X, "--endpoint", f"http://127.0.0.1:{port}/query")
    assert f"cannot reach endpoint http://127.0.0.1:{port}/query" in stderr
    assert "check the URL and that the server is running" in stderr


@pytest.mark.parametrize(
    ("behaviour", "message"),
    [
        ("401", "HTTP 401 Unauthorized"),
        ("500", "HTTP 500 Internal Server Error: Error: something went wrong"),
        ("403", "HTTP 403 Forbidden"),
        ("html", "answered --sparql with something dikg cannot read"),
    ],
)
def test_http_errors_of_the_endpoint(stub_endpoint, behaviour, message):
    url, _ = stub_endpoint(behaviour)
    assert message in fails(*SELECT_X, "--endpoint", url)


def test_endpoint_timeout(stub_endpoint):
    url, _ = stub_endpoint("slow")
    stderr = fails(*SELECT_X, "--endpoint", url, "--timeout", "0.5")
    assert f"endpoint {url} gave no answer within 0.5 seconds" in stderr
    assert "raise --timeout" in stderr


def test_credentials_come_from_the_environment_and_are_never_shown(stub_endpoint):
    url, requests = stub_endpoint("auth")
    env = {"DIKG_ENDPOINT_USER": "alice", "DIKG_ENDPOINT_PASSWORD": "s3cret-pw"}
    result = run_dikg("--root", REPO, "--verbose", *SELECT_X, "--endpoint", url, env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["head"]["vars"] == ["x"]
    assert requests[-1][0]["Authorization"].startswith("Basic ")
    wrong = {**env, "DIKG_ENDPOINT_PASSWORD": "wrong-pw"}
    stderr = fails(*SELECT_X, "--endpoint", url, env=wrong)
    assert "HTTP 401" in stderr and "DIKG_ENDPOINT_USER" in stderr
    verbose = run_dikg("--root", REPO, "--verbose", *SELECT_X, "--endpoint", url, env=wrong)
    assert verbose.returncode == 2 and "Traceback" in verbose.stderr
    for output in (result.stdout, result.stderr, stderr, verbose.stderr):
        assert "s3cret-pw" not in output and "wrong-pw" not in output
    half = {"DIKG_ENDPOINT_USER": "alice", "DIKG_ENDPOINT_PASSWORD": ""}
    assert "DIKG_ENDPOINT_PASSWORD is not set" in fails(*SELECT_X, "--endpoint", url, env=half)


def test_queries_are_sent_by_post_with_bound_values(stub_endpoint):
    url, requests = stub_endpoint("ok")
    result = run_dikg(
        "--root", REPO, "query", "evidence", "-p", "resource=policy:bz-2016-focus",
        "--format", "json", "--endpoint", url,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    headers, body = requests[-1]
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    sent = urllib.parse.parse_qs(body.decode())["query"][0]
    assert "VALUES ?_resource_iri { <https://w3id.org/dikg/id/policy/bz-2016-focus> }" in sent
    assert headers["User-Agent"].startswith("dikg/")


def test_a_comment_saying_addresses_is_not_read_as_an_update(stub_endpoint):
    """Regression: SPARQLWrapper's regular expression read "addresses" in a header comment
    as the update ADD and refused measures-by-phase."""
    url, requests = stub_endpoint("ok")
    text = "#+ summary: the phase it addresses\nSELECT ?x WHERE { BIND(1 AS ?x) }"
    result = run_dikg("--root", REPO, "query", "--sparql", text, "--format", "json",
                      "--endpoint", url)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert requests[-1][1].startswith(b"query=")


def test_a_timeout_below_one_second_is_kept(stub_endpoint):
    """Regression: SPARQLWrapper.setTimeout() rounds 0.5 down to 0, which is no timeout."""
    from dikg.queries.endpoint import EndpointBackend

    url, _ = stub_endpoint("slow")
    started = time.monotonic()
    with pytest.raises(InputError, match=r"no answer within 0\.5 seconds"):
        EndpointBackend(url, timeout=0.5).execute("SELECT * WHERE { ?s ?p ?o }")
    assert time.monotonic() - started < 2.5
