"""Shared fixtures: a small graph root to work on, and the dikg CLI as a real subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"


def run_dikg(
    *args: str | os.PathLike[str],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    python: str = sys.executable,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m dikg ARGS`` in a subprocess, without a DIKG_ROOT unless given."""
    environment = {k: v for k, v in os.environ.items() if k != "DIKG_ROOT"}
    environment.update(env or {})
    return subprocess.run(
        [python, "-m", "dikg", *map(str, args)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(autouse=True)
def _no_root_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DIKG_ROOT", raising=False)


@pytest.fixture
def mini_root(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/mini-root, with the repository's canned queries."""
    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "mini-root", root)
    shutil.copytree(REPO / "queries", root / "queries")
    return root


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory):
    """A real Oxigraph SPARQL server (the `oxigraph` package's binary), started for this run.

    Yields its base URL; endpoints are ``/query``, ``/update`` and ``/store`` (Graph Store
    Protocol).
    """
    import time
    import urllib.request

    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.exists():
        binary = Path(shutil.which("oxigraph") or "oxigraph")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    log = (location.parent / "oxigraph.log").open("w")
    process = subprocess.Popen(
        [binary, "serve", "--location", location, "--bind", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"oxigraph server did not start; see {log.name}") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test's own (store cache, header and shape caches)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("DIKG_CACHE_DIR", str(folder))
    monkeypatch.delenv("DIKG_NO_CACHE", raising=False)
    return folder


@pytest.fixture(autouse=True, scope="session")
def _store_cache_in_tmp(tmp_path_factory: pytest.TempPathFactory):
    """Keep the store cache of `dikg query` (and of its subprocesses) out of the user's home.

    And build it before answering (DIKG_CACHE_WAIT), so that no background writer outlives
    the test that started it or competes with the next; test_query_cache.py tests the
    background writer on its own.
    """
    saved = {name: os.environ.get(name) for name in ("DIKG_CACHE_DIR", "DIKG_CACHE_WAIT")}
    os.environ["DIKG_CACHE_DIR"] = str(tmp_path_factory.mktemp("dikg-cache"))
    os.environ["DIKG_CACHE_WAIT"] = "1"
    yield
    for name, previous in saved.items():
        if previous is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = previous


@pytest.fixture(scope="session")
def repo_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's graph built once per run (dist/ in a temporary directory)."""
    out = tmp_path_factory.mktemp("repo-dist")
    result = run_dikg("--root", REPO, "build", "--out", out)
    assert result.returncode == 0, result.stderr
    return out


def load_into_server(server: str, dump: Path) -> None:
    """Replace the default graph of a running Oxigraph server with an N-Triples dump (SPARQL
    1.1 Graph Store Protocol, https://www.w3.org/TR/sparql11-http-rdf-update/#http-put)."""
    import urllib.request

    put = urllib.request.Request(
        f"{server}/store?default",
        data=dump.read_bytes(),
        method="PUT",
        headers={"Content-Type": "application/n-triples"},
    )
    urllib.request.urlopen(put, timeout=60).close()


@pytest.fixture
def repo_endpoint(oxigraph_server: str, repo_build: Path) -> str:
    """The query endpoint of the test server, holding the repository's graph in its default
    graph (loaded again for each test: another test may have replaced it)."""
    load_into_server(oxigraph_server, repo_build / "dikg.nt")
    return f"{oxigraph_server}/query"


@pytest.fixture
def entry_root(tmp_path: Path) -> Path:
    """A small graph root for new-entry tests: the repository's ontology, vocabularies, units
    and shapes, and the data of tests/fixtures/entries/root (a ministry, a policy, a measure
    and a stored source text)."""
    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "entries" / "root", root)
    shutil.copytree(REPO / "ontology", root / "ontology")
    shutil.copytree(REPO / "shapes", root / "shapes")
    shutil.copytree(REPO / "data" / "vocabularies", root / "data" / "vocabularies")
    shutil.copy(REPO / "data" / "units.ttl", root / "data" / "units.ttl")
    return root


# `dikg serve` and Virtuoso fixtures; the headless browser of the site tests
pytest_plugins = ["tests.servers", "tests.browser"]


# --- dikg publish (issue 13) ---------------------------------------------------------------

PUBLICATION = FIXTURES / "publication" / "complete.yaml"
DCAT_SHAPES_ENV = "DIKG_DCAT_AP_NL_SHAPES"


def dcat_shapes_dir() -> Path | None:
    """The official DCAT-AP-NL 3.0 shapes: $DIKG_DCAT_AP_NL_SHAPES, else ../shared/reference/."""
    for candidate in (
        os.environ.get(DCAT_SHAPES_ENV),
        REPO.parent / "shared" / "reference" / "dcat-ap-nl30",
    ):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def publish(out: Path, *args: str | os.PathLike[str], hash_seed: str = "0", root: Path = REPO):
    """Run ``dikg publish`` on a graph root with the complete fixture publication file."""
    return run_dikg(
        "--root",
        root,
        "publish",
        "--out",
        out,
        "--metadata",
        PUBLICATION,
        *args,
        env={"PYTHONHASHSEED": hash_seed},
    )


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's graph published once for the whole run (hash seed 1)."""
    out = tmp_path_factory.mktemp("published") / "site"
    result = publish(out, hash_seed="1")
    assert result.returncode == 0, result.stderr
    return out
