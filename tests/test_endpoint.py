"""The built graph in a real SPARQL server: loaded through the Graph Store Protocol, the canned
query gives the same answer there as on the embedded store."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import run_dikg

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
