"""`dikg serve`: a real Oxigraph server with the graph, answering as the embedded store does."""

from __future__ import annotations

import signal
import socket
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO, run_dikg
from tests.servers import SOURCE_FILES, Served, case_args, dikg_serve, json_answer
from tests.test_endpoint import CASES

pytestmark = pytest.mark.slow


def post(url: str, **form: str) -> tuple[int, bytes]:
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(form).encode(),
        headers={"Accept": "application/sparql-results+json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.parametrize(("name", "params"), CASES, ids=lambda c: str(c))
def test_every_canned_query_on_dikg_serve_equals_embedded(
    served_repo: Served, embedded_answers: dict, name: str, params: dict
):
    on_server = json_answer(*case_args(name, params), endpoint=served_repo.query)
    assert on_server == embedded_answers[(name, tuple(params.items()))]
    assert on_server["results"]["bindings"], "an empty answer would compare trivially"


def test_serve_prints_query_url_and_editor_on_loopback(served_repo: Served):
    query = served_repo.addresses["query"]
    assert query.startswith("http://127.0.0.1:") and query.endswith("/query")
    editor = served_repo.addresses["editor"]
    assert query == editor + "query"
    with urllib.request.urlopen(editor, timeout=10) as response:
        assert b"<html" in response.read().lower()  # Oxigraph's web query editor (YASGUI)
    assert "update" not in served_repo.addresses


def test_one_named_graph_per_source_file_and_the_union_as_default(served_repo: Served):
    files = int(run_dikg("--root", REPO, "info").stdout.split("graph files: ")[1])
    graphs = json_answer(
        "--sparql", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        endpoint=served_repo.query,
    )  # fmt: skip
    assert int(graphs["results"]["bindings"][0]["n"]["value"]) == files == SOURCE_FILES
    one = json_answer(
        "--sparql",
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/dikg/id/graph/data-charter> "
        "{ ?s ?p ?o } }",
        endpoint=served_repo.query,
    )
    assert int(one["results"]["bindings"][0]["n"]["value"]) > 0


def test_read_only_unless_writable(served_repo: Served, tmp_path: Path):
    update = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    status, _ = post(served_repo.query.replace("/query", "/update"), update=update)
    assert status >= 400
    with dikg_serve("--writable") as served:
        assert served.addresses["update"].endswith("/update")
        assert post(served.addresses["update"], update=update)[0] in (200, 204)
        answer = json_answer("--sparql", "ASK { <urn:x> <urn:y> <urn:z> }", endpoint=served.query)
        assert answer["boolean"] is True


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_stops_cleanly_and_stops_the_server(sig: int):
    with dikg_serve() as served:
        base = served.query.removesuffix("/query")
        code, stderr = served.stop(sig)
    assert code == 0, stderr
    assert "Traceback" not in stderr
    assert "stopping the server" in stderr
    port = int(base.rsplit(":", 1)[1])
    with socket.socket() as probe:  # the port is free again: the server is gone
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # despite TIME_WAIT
        probe.bind(("127.0.0.1", port))


def test_store_is_reloaded_only_when_the_graph_changed(mini_root: Path, tmp_path: Path):
    store = tmp_path / "store"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

    def triples(served: Served) -> int:
        return int(json_answer("--sparql", count, endpoint=served.query)["results"]["bindings"]
                   [0]["n"]["value"])  # fmt: skip

    with dikg_serve("--store", store, root=mini_root) as served:
        first = triples(served)
        _, stderr = served.stop()
    assert "kept from the last run" not in stderr
    with dikg_serve("--store", store, root=mini_root) as served:
        assert triples(served) == first
        _, stderr = served.stop()
    assert "kept from the last run" in stderr
    extra = mini_root / "data" / "extra.ttl"
    extra.write_text('<urn:a> <urn:b> "c" .\n', encoding="utf-8")
    with dikg_serve("--store", store, root=mini_root) as served:
        assert triples(served) == first + 1
        _, stderr = served.stop()
    assert "kept from the last run" not in stderr


def test_a_writable_store_is_reloaded_for_a_read_only_server(mini_root: Path, tmp_path: Path):
    store = tmp_path / "store"
    triple = "<urn:x> <urn:y> <urn:z>"
    ask = f"ASK {{ {triple} }}"
    with dikg_serve("--store", store, "--writable", root=mini_root) as served:
        assert post(served.addresses["update"], update=f"INSERT DATA {{ {triple} }}")[0] < 300
        served.stop()
    with dikg_serve("--store", store, "--writable", root=mini_root) as served:
        assert json_answer("--sparql", ask, endpoint=served.query)["boolean"] is True  # kept
        served.stop()
    with dikg_serve("--store", store, root=mini_root) as served:
        assert json_answer("--sparql", ask, endpoint=served.query)["boolean"] is False  # fresh
        _, stderr = served.stop()
    assert "kept from the last run" not in stderr


def fails(*args: str | Path, env: dict[str, str] | None = None) -> str:
    result = run_dikg("--root", REPO, "serve", *args, env=env)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("dikg: error: ")
    return result.stderr


def test_port_taken():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert f"port {port} on 127.0.0.1 is taken" in fails("--port", str(port))


def test_server_program_missing(tmp_path: Path):
    stderr = fails(env={"DIKG_OXIGRAPH": str(tmp_path / "no-oxigraph")})
    assert "the Oxigraph server program is not installed" in stderr
    assert "pip install 'dikg[serve]'" in stderr


def test_store_that_is_not_a_dikg_store(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert "not a dikg store" in fails("--store", tmp_path)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_bad_host():
    assert "--host must be an IP address" in fails("--host", "not a host")


def test_a_syntax_error_exits_2_naming_the_file_and_keeps_the_last_store(
    mini_root: Path, tmp_path: Path
):
    store = tmp_path / "store"
    with dikg_serve("--store", store, root=mini_root) as served:
        served.stop()
    kept = sorted(p.name for p in (store / "store").iterdir())
    broken = mini_root / "data" / "broken.ttl"
    broken.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")  # the store is loaded apart
    for where in (["--store", store], []):
        result = run_dikg("--root", mini_root, "serve", *where)
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(f"dikg: error: {broken}:1: Turtle syntax error")
        assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (store / "store").iterdir()) == kept
    assert sorted(p.name for p in store.iterdir()) == ["dikg-store.json", "store"]  # no build left
