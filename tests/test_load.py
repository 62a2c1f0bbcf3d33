"""`dikg load`: the graph into a real Oxigraph server through the Graph Store Protocol (and
SPARQL Update), counted afterwards; and every way it can fail."""

from __future__ import annotations

import base64
import contextlib
import http.server
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, _free_port, run_dikg
from tests.servers import SOURCE_FILES, OxigraphStore, case_args, json_answer, serving
from tests.test_endpoint import CASES

pytestmark = pytest.mark.slow


def sent_and_held(stdout: str) -> dict[str, tuple[int, int]]:
    """{graph IRI: (triples sent, triples in the store)} from `dikg load`'s output."""
    lines = [line.split("\t") for line in stdout.splitlines()]
    return {iri: (int(sent.split()[0]), int(held.split()[0])) for iri, sent, held in lines}


def load(*args: str | Path, root: Path = REPO, env: dict | None = None):
    return run_dikg("--root", root, "load", *args, env=env)


@pytest.mark.parametrize(("name", "params"), CASES, ids=lambda c: str(c))
def test_every_canned_query_after_load_into_oxigraph_equals_embedded(
    oxigraph_loaded: OxigraphStore, embedded_answers: dict, name: str, params: dict
):
    on_server = json_answer(*case_args(name, params), endpoint=oxigraph_loaded.query)
    assert on_server == embedded_answers[(name, tuple(params.items()))]


def test_one_graph_per_source_file_counted(oxigraph_store: OxigraphStore, repo_build: Path):
    result = load("--endpoint", oxigraph_store.store, "--query-endpoint", oxigraph_store.query)
    assert result.returncode == 0, result.stderr
    loaded = sent_and_held(result.stdout)
    per_file = json.loads((repo_build / "summary.json").read_text(encoding="utf-8"))["sources"]
    assert len(loaded) == len(per_file)
    assert sorted(sent for sent, _ in loaded.values()) == sorted(per_file.values())
    assert all(sent == held for sent, held in loaded.values())
    charter = "https://w3id.org/dikg/id/graph/data-charter"
    assert oxigraph_store.count(charter) == loaded[charter][0] == per_file["data/charter.ttl"]
    counted = f"{SOURCE_FILES} of {SOURCE_FILES} graphs counted in the store and agree"
    assert counted in result.stderr


def test_reload_is_idempotent(oxigraph_store: OxigraphStore):
    first = load("--endpoint", oxigraph_store.store)
    total = oxigraph_store.count()
    second = load("--endpoint", oxigraph_store.store)
    assert first.returncode == second.returncode == 0, second.stderr
    assert first.stdout == second.stdout
    assert (
        oxigraph_store.count() == total == sum(s for s, _ in sent_and_held(first.stdout).values())
    )


def test_replace_drops_what_the_graph_held_before(oxigraph_store: OxigraphStore, mini_root: Path):
    graph = "https://example.org/one-graph"
    assert load("--endpoint", oxigraph_store.store, "--graph", graph).returncode == 0
    everything = oxigraph_store.count(graph)
    assert everything == oxigraph_store.count()  # one graph only
    assert (
        load("--endpoint", oxigraph_store.store, "--graph", graph, root=mini_root).returncode == 0
    )
    smaller = oxigraph_store.count(graph)
    assert 0 < smaller < everything
    appended = load("--endpoint", oxigraph_store.store, "--graph", graph, "--append")
    assert appended.returncode == 0, appended.stderr
    assert oxigraph_store.count(graph) >= everything
    assert "added to 1 graphs" in appended.stderr


def test_sparql_update_when_there_is_no_graph_store(oxigraph_store: OxigraphStore):
    update = oxigraph_store.url + "/update"
    result = load("--update-endpoint", update, "--query-endpoint", oxigraph_store.query)
    assert result.returncode == 0, result.stderr
    assert all(sent == held for sent, held in sent_and_held(result.stdout).values())
    again = load("--update-endpoint", update, "--query-endpoint", oxigraph_store.query)
    assert again.stdout == result.stdout


# Failures -------------------------------------------------------------------------------------


def fails(*args: str | Path, env: dict | None = None, verbose: bool = False) -> str:
    result = run_dikg("--root", REPO, *(["--verbose"] if verbose else []), "load", *args, env=env)
    assert result.returncode == 2, (result.stdout, result.stderr)
    if not verbose:
        assert "Traceback" not in result.stderr
    assert "dikg: error: " in result.stderr
    return result.stderr


def test_stopped_server(oxigraph_store: OxigraphStore):
    oxigraph_store.stop()
    stderr = fails("--endpoint", oxigraph_store.store, "--retries", "2")
    assert f"nothing answers at 127.0.0.1:{oxigraph_store.port} (connection refused)" in stderr
    assert "retry 2 of 2" in stderr
    assert "is the store running" in stderr


def test_wrong_port_and_wrong_url(oxigraph_store: OxigraphStore):
    stderr = fails("--endpoint", f"http://127.0.0.1:{_free_port()}/store", "--retries", "0")
    assert "connection refused" in stderr
    stderr = fails("--endpoint", oxigraph_store.url + "/no-such-dataset/data")
    assert "HTTP 404" in stderr and "no such endpoint or dataset" in stderr


def test_bad_options():
    assert "give --endpoint" in fails()
    assert "--endpoint must be an http://" in fails("--endpoint", "ftp://x/store")
    assert "must not hold credentials" in fails("--endpoint", "http://u:p@127.0.0.1:1/store")
    assert "--graph must be an absolute IRI" in fails("--endpoint", "http://127.0.0.1:1/s",
                                                      "--graph", "no iri")  # fmt: skip


def graph_count(query_url: str, graph: str) -> int:
    answer = json_answer("--sparql", f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> "
                         "{ ?s ?p ?o } }", endpoint=query_url)  # fmt: skip
    return int(answer["results"]["bindings"][0]["n"]["value"])


def big_graphs(root: Path, version: str, size: int) -> None:
    for index in range(3):
        lines = [f'<urn:s{index}-{n}> <urn:p> "{version} {n}" .' for n in range(size)]
        (root / "data" / f"big-{index}.ttl").write_text("\n".join(lines), encoding="utf-8")


def kill_mid_load(server, store: str, query: str, root: Path, env: dict | None = None) -> None:
    """Load big graphs, then new versions of them, killing the server (SIGKILL) while the
    third graph is on its way; after a restart each graph holds exactly its old triples or
    exactly its new ones, and dikg said so and exited 2."""
    big_graphs(root, "old", 6_000)
    first = load("--endpoint", store, root=root, env=env)
    assert first.returncode == 0, first.stderr
    old = {iri: sent for iri, (sent, _) in sent_and_held(first.stdout).items()}
    big_graphs(root, "new", 8_000)
    process = subprocess.Popen(
        [sys.executable, "-m", "dikg", "--root", root, "--verbose", "load", "--endpoint", store,
         "--retries", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, **(env or {})},
    )  # fmt: skip
    assert process.stderr is not None
    said = []
    for line in process.stderr:
        said.append(line)
        if "loading 3/" in line:  # two graphs replaced, the third on its way
            server.stop(signal.SIGKILL)
            break
    _, rest = process.communicate(timeout=120)
    stderr = "".join(said) + rest
    assert process.returncode == 2, stderr
    assert "dikg: error: " in stderr  # (--verbose adds the traceback)
    assert "each graph is either the old or the new one" in stderr
    server.start()
    new = {iri: 8_000 if "data-big-" in iri else sent for iri, sent in old.items()}
    counts = {iri: graph_count(query, iri) for iri in old}
    assert all(counts[iri] in (old[iri], new[iri]) for iri in old), (counts, old)
    assert counts != old, "the kill came before any graph was replaced"


def test_server_killed_mid_load_leaves_each_graph_old_or_new(tmp_path: Path, mini_root: Path):
    server = OxigraphStore(tmp_path / "db")
    server.start()
    try:
        kill_mid_load(server, server.store, server.query, mini_root)
    finally:
        server.stop()


# Against local HTTP servers that misbehave on purpose (credentials, 5xx, timeouts, a store
# that loses triples): what a real store does not do on demand ------------------------------


class _Store(http.server.BaseHTTPRequestHandler):
    def _answer(self, status: int, body: bytes = b"", content_type: str = "text/plain") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError):
            self.wfile.write(body)

    def _common(self) -> bool:
        server = self.server
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        server.seen.append((self.command, dict(self.headers), self.path, body))  # type: ignore[attr-defined]
        behaviour = server.behaviour  # type: ignore[attr-defined]
        if behaviour == "auth":
            expected = "Basic " + base64.b64encode(b"alice:s3cret-pw").decode()
            if self.headers.get("Authorization") != expected:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="store"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return False
        if behaviour == "flaky" and server.failures < 2:  # type: ignore[attr-defined]
            server.failures += 1  # type: ignore[attr-defined]
            self._answer(503, b"busy")
            return False
        if behaviour == "slow":
            import time

            time.sleep(3)
        return True

    def do_PUT(self) -> None:
        if self._common():
            self._answer(405 if self.server.behaviour == "no-gsp" else 204)  # type: ignore[attr-defined]

    def do_POST(self) -> None:  # SPARQL Update
        if self._common():
            self._answer(204)

    def do_GET(self) -> None:
        if self._common():  # a store that keeps nothing
            self._answer(200, b"", "application/n-triples")

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def stub_store():
    with contextlib.ExitStack() as stack:

        def start(behaviour: str) -> tuple[str, list]:
            state = {"behaviour": behaviour, "seen": [], "failures": 0}
            url, server = stack.enter_context(serving(_Store, **state))
            return f"{url}/store", server.seen  # type: ignore[attr-defined]

        yield start


def test_a_count_that_disagrees_fails(stub_store):
    url, _ = stub_store("loses-everything")
    stderr = fails("--endpoint", url)
    assert "holds 0 triples in the store after the load, but dikg sent" in stderr


def test_retries_with_backoff_on_5xx(stub_store):
    url, seen = stub_store("flaky")
    result = load("--endpoint", url, "--graph", "urn:g")
    assert "HTTP 503" in result.stderr and "retry 2 of 3" in result.stderr
    assert [method for method, *_ in seen[:3]] == ["PUT", "PUT", "PUT"]
    assert "holds 0 triples" in result.stderr  # it got through; this stub keeps nothing


def test_timeout(stub_store):
    url, _ = stub_store("slow")
    stderr = fails("--endpoint", url, "--timeout", "0.5", "--retries", "0")
    assert "gave no answer in time" in stderr and "raise --timeout" in stderr


def test_credentials_from_the_environment_or_netrc_never_shown(stub_store, tmp_path: Path):
    url, seen = stub_store("auth")
    stderr = fails("--endpoint", url)
    assert "refused the credentials (HTTP 401) (no credentials given)" in stderr
    assert "DIKG_ENDPOINT_USER" in stderr and "~/.netrc" in stderr
    env = {"DIKG_ENDPOINT_USER": "alice", "DIKG_ENDPOINT_PASSWORD": "s3cret-pw"}
    right = run_dikg("--root", REPO, "--verbose", "load", "--endpoint", url, env=env)
    assert "holds 0 triples" in right.stderr  # authenticated: got as far as the count
    assert seen[-1][1]["Authorization"].startswith("Basic ")
    wrong = fails("--endpoint", url, env={**env, "DIKG_ENDPOINT_PASSWORD": "wrong-pw"},
                  verbose=True)  # fmt: skip
    assert "for user 'alice' from DIKG_ENDPOINT_USER/DIKG_ENDPOINT_PASSWORD" in wrong
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login alice password s3cret-pw\n", encoding="utf-8")
    netrc.chmod(0o600)
    from_netrc = run_dikg(
        "--root", REPO, "-v", "load", "--endpoint", url, env={"NETRC": str(netrc)}
    )
    assert "holds 0 triples" in from_netrc.stderr
    netrc.write_text("machine 127.0.0.1 login alice password wrong-pw\n", encoding="utf-8")
    stderr_netrc = fails("--endpoint", url, env={"NETRC": str(netrc)})
    assert f"user 'alice' from {netrc} (machine 127.0.0.1)" in stderr_netrc
    for output in (stderr, right.stdout, right.stderr, wrong, from_netrc.stderr, stderr_netrc):
        assert "s3cret-pw" not in output and "wrong-pw" not in output


def test_sparql_update_when_the_graph_store_refuses_the_method(stub_store):
    url, seen = stub_store("no-gsp")
    update = url.replace("/store", "/update")
    result = load("--endpoint", url, "--update-endpoint", update)
    assert result.returncode == 0, result.stderr
    assert "HTTP 405" in result.stderr and "using SPARQL Update instead" in result.stderr
    assert all(line.endswith("not counted") for line in result.stdout.splitlines())
    posted = [body for method, _, path, body in seen if method == "POST"]
    assert len(posted) == SOURCE_FILES
    assert all(b"update=DROP+SILENT+GRAPH" in body for body in posted)
    stderr = fails("--endpoint", url)
    assert "the store does not take Graph Store writes there" in stderr
    assert "--update-endpoint" in stderr
