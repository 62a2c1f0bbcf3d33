"""Real servers for the tests (a pytest plugin, registered in conftest.py): `dikg serve` as a
subprocess, and a throw-away Virtuoso."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from dikg.rdf.files import graph_files
from dikg.root import resolve_root
from tests.conftest import REPO, run_dikg

# one named graph per graph file of the repository (ontology/ and data/)
SOURCE_FILES = len(graph_files(resolve_root(REPO)))


@dataclass
class Served:
    """A running `dikg serve`: its process and the addresses it printed."""

    process: subprocess.Popen
    addresses: dict[str, str] = field(default_factory=dict)

    @property
    def query(self) -> str:
        return self.addresses["query"]

    def stop(self, sig: int = signal.SIGTERM) -> tuple[int, str]:
        """Signal it; return its exit code and what it said on stderr."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        _, stderr = self.process.communicate(timeout=30)
        return self.process.returncode, stderr


@contextlib.contextmanager
def serving(
    handler: Callable[..., http.server.BaseHTTPRequestHandler], **state
) -> Iterator[tuple[str, http.server.ThreadingHTTPServer]]:
    """An HTTP server on 127.0.0.1 and a free port, in a thread, while the block runs.

    Yields its base URL (``http://127.0.0.1:PORT``) and the server, which carries ``state`` as
    attributes for the handler to read and write (``self.server.behaviour``, ...).
    """
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    for name, value in state.items():
        setattr(server, name, value)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class _QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


@contextlib.contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve ``directory``'s files while the block runs; yields the base URL (ending in /)."""
    with serving(functools.partial(_QuietFiles, directory=str(directory))) as (url, _):
        yield url + "/"


@contextlib.contextmanager
def dikg_serve(*args: str | os.PathLike[str], root: Path = REPO) -> Iterator[Served]:
    """Run `dikg --root ROOT serve ARGS` until it prints its query URL; stop it afterwards."""
    environment = {k: v for k, v in os.environ.items() if k != "DIKG_ROOT"}
    process = subprocess.Popen(
        [sys.executable, "-m", "dikg", "--root", str(root), "serve", *map(str, args)],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    served = Served(process)
    try:
        assert process.stdout is not None
        for line in process.stdout:
            what, _, address = line.strip().partition(": ")
            served.addresses[what] = address
            if what == "editor":
                break
        if "query" not in served.addresses:
            _, stderr = process.communicate(timeout=30)
            raise AssertionError(f"dikg serve did not start: {stderr}")
        yield served
    finally:
        if process.poll() is None:
            process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.communicate(timeout=30)


def json_answer(*args: str | os.PathLike[str], endpoint: str | None = None) -> dict:
    """The SPARQL results JSON of `dikg query ARGS` on the embedded store or an endpoint."""
    extra = ("--endpoint", endpoint) if endpoint else ()
    result = run_dikg("--root", REPO, "query", *args, "--format", "json", *extra)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def case_args(name: str, params: dict) -> list[str]:
    """`dikg query` arguments for a canned case of tests.test_endpoint.CASES."""
    return [name, *(arg for k, v in params.items() for arg in ("-p", f"{k}={v}"))]


@pytest.fixture(scope="session")
def embedded_answers() -> dict[tuple, dict]:
    """Every canned case answered by `dikg query` on the embedded store (once per run)."""
    from tests.test_endpoint import CASES

    return {(n, tuple(p.items())): json_answer(*case_args(n, p)) for n, p in CASES}


def wait_for(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.1)


@pytest.fixture(scope="session")
def served_repo() -> Iterator[Served]:
    """`dikg serve` on the repository's graph, for the whole run."""
    with dikg_serve() as served:
        yield served


class OxigraphStore:
    """A real `oxigraph serve` (read-write, union default graph) on a free loopback port, with
    its database in a directory of its own; it can be killed and started again on it."""

    def __init__(self, location: Path) -> None:
        from tests.conftest import _free_port

        self.location = location
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    @property
    def store(self) -> str:
        return f"{self.url}/store"

    @property
    def query(self) -> str:
        return f"{self.url}/query"

    def start(self) -> None:
        import urllib.request

        binary = Path(sys.executable).parent / "oxigraph"
        self.process = subprocess.Popen(
            [binary, "serve", "--location", self.location, "--bind", f"127.0.0.1:{self.port}",
             "--union-default-graph"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip

        def answers() -> bool:
            try:
                urllib.request.urlopen(f"{self.query}?query=ASK%7B%7D", timeout=1).close()
                return True
            except OSError:
                assert self.process is not None and self.process.poll() is None
                return False

        wait_for(answers)

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=30)

    def count(self, graph: str | None = None) -> int:
        """Triples in a named graph, or in all of them."""
        pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "GRAPH ?g { ?s ?p ?o }"
        answer = json_answer("--sparql", f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}",
                             endpoint=self.query)  # fmt: skip
        return int(answer["results"]["bindings"][0]["n"]["value"])


@pytest.fixture
def oxigraph_store(tmp_path: Path) -> Iterator[OxigraphStore]:
    """A fresh, empty Oxigraph server for one test."""
    server = OxigraphStore(tmp_path / "oxigraph")
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def oxigraph_loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    """An Oxigraph server that `dikg load` filled with the repository's graph."""
    server = OxigraphStore(tmp_path_factory.mktemp("oxigraph-loaded"))
    server.start()
    result = run_dikg("--root", REPO, "load", "--endpoint", server.store)
    assert result.returncode == 0, result.stderr
    yield server
    server.stop()


# Virtuoso (Debian's virtuoso-opensource-7-bin) ------------------------------------------------

VIRTUOSO_INI = """\
; a throw-away Virtuoso for one test run: everything under {dir}, loopback ports only
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {dir}
CheckpointInterval = 60
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 4
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 120
"""

# a loader account with only the SPARQL_UPDATE role, which the authenticated Graph Store
# endpoint /sparql-graph-crud-auth needs; made with the throw-away database's dba/dba
VIRTUOSO_USER, VIRTUOSO_PASSWORD = "dikg-loader", "loader-s3cret"


class Virtuoso:
    """A throw-away Virtuoso on free loopback ports: its database, virtuoso.ini and log in
    ``directory``; it can be killed and started again on the same database."""

    def __init__(self, directory: Path) -> None:
        import shutil

        from tests.conftest import _free_port

        self.binary, self.isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
        if self.binary is None or self.isql is None:
            pytest.skip("Virtuoso is not installed (Debian: apt-get install "
                        "virtuoso-opensource-7-bin)")  # fmt: skip
        self.directory = directory
        self.sql_port, self.http_port = _free_port(), _free_port()
        self.url = f"http://127.0.0.1:{self.http_port}"
        self.ini = directory / "virtuoso.ini"
        self.ini.write_text(
            VIRTUOSO_INI.format(dir=directory, sql_port=self.sql_port, http_port=self.http_port),
            encoding="utf-8",
        )
        self.process: subprocess.Popen | None = None

    @property
    def sparql(self) -> str:
        return f"{self.url}/sparql"

    @property
    def graph_store(self) -> str:
        return f"{self.url}/sparql-graph-crud-auth"

    @property
    def credentials(self) -> dict[str, str]:
        return {"DIKG_ENDPOINT_USER": VIRTUOSO_USER, "DIKG_ENDPOINT_PASSWORD": VIRTUOSO_PASSWORD}

    def start(self) -> None:
        """Start it in the foreground mode and wait until /sparql answers."""
        import urllib.request

        with (self.directory / "foreground.log").open("a") as log:
            self.process = subprocess.Popen(
                [self.binary, "+foreground", "+configfile", self.ini], cwd=self.directory,
                stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip

        def answers() -> bool:
            assert self.process is not None and self.process.poll() is None, (
                self.directory / "foreground.log"
            ).read_text()
            try:
                urllib.request.urlopen(f"{self.sparql}?query=ASK%7B%7D", timeout=2).close()
                return True
            except OSError:
                return False

        wait_for(answers, timeout=120)

    def create_loader(self) -> None:
        """The loader account, with the SPARQL_UPDATE role, made with dba/dba."""
        statements = (
            f"DB.DBA.USER_CREATE('{VIRTUOSO_USER}', '{VIRTUOSO_PASSWORD}'); "
            f'GRANT SPARQL_UPDATE TO "{VIRTUOSO_USER}";'
        )
        made = subprocess.run(
            [self.isql, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statements}"],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert made.returncode == 0 and "Error" not in made.stdout + made.stderr, made

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(sig)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@contextlib.contextmanager
def running_virtuoso(directory: Path) -> Iterator[Virtuoso]:
    """A new Virtuoso with the loader account, stopped afterwards."""
    server = Virtuoso(directory)
    try:
        server.start()
        server.create_loader()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """Virtuoso on free loopback ports with a throw-away database, stopped after the run."""
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server
