"""`dikg build`: deterministic dumps that hold exactly the source triples, in every syntax."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from tests.conftest import run_dikg

DUMPS = {"dikg.ttl": "turtle", "dikg.nt": "nt", "dikg.jsonld": "json-ld", "dikg.rdf": "xml"}


def source_graph(root: Path) -> Graph:
    graph = Graph()
    for path in sorted((root / "ontology").rglob("*.ttl")) + sorted((root / "data").rglob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def build(root: Path, out: Path, hash_seed: str = "0") -> None:
    result = run_dikg("--root", root, "build", "--out", out, env={"PYTHONHASHSEED": hash_seed})
    assert result.returncode == 0, result.stderr


def test_two_builds_are_byte_identical_whatever_the_hash_seed(mini_root: Path, tmp_path: Path):
    build(mini_root, tmp_path / "a", hash_seed="1")
    build(mini_root, tmp_path / "b", hash_seed="2")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted([*DUMPS, "dikg.trig", "summary.json", "SHA256SUMS"])
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


@pytest.mark.parametrize("name", sorted(DUMPS))
def test_every_dump_parses_back_to_the_source_graph(mini_root: Path, tmp_path: Path, name: str):
    build(mini_root, tmp_path / "out")
    parsed = Graph().parse(tmp_path / "out" / name, format=DUMPS[name])
    assert isomorphic(parsed, source_graph(mini_root))


def test_trig_holds_one_named_graph_per_source_file(mini_root: Path, tmp_path: Path):
    build(mini_root, tmp_path / "out")
    dataset = Dataset()
    dataset.parse(tmp_path / "out" / "dikg.trig", format="trig")
    graphs = {g.identifier: g for g in dataset.graphs() if len(g)}
    base = "https://w3id.org/dikg/id/graph/"
    expected = {
        URIRef(base + "data-measures"): mini_root / "data" / "measures.ttl",
        URIRef(base + "data-organisations"): mini_root / "data" / "organisations.ttl",
        URIRef(base + "ontology-mini"): mini_root / "ontology" / "mini.ttl",
    }
    assert set(graphs) == set(expected)
    for name, path in expected.items():
        assert isomorphic(graphs[name], Graph().parse(path, format="turtle")), name


def test_summary_counts_triples_files_and_classes(mini_root: Path, tmp_path: Path):
    build(mini_root, tmp_path / "out")
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary == {
        "triples": 33,
        "subjects": 12,
        "sources": {"data/measures.ttl": 11, "data/organisations.ttl": 1, "ontology/mini.ttl": 21},
        "resources_per_class": {
            "owl:Class": 3,
            "mini:Measure": 2,
            "owl:DatatypeProperty": 1,
            "owl:ObjectProperty": 1,
            "owl:Ontology": 1,
        },
    }


def test_checksums_match_the_files(mini_root: Path, tmp_path: Path):
    import hashlib

    build(mini_root, tmp_path / "out")
    lines = (tmp_path / "out" / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6
    for line in lines:
        digest, name = line.split("  ")
        assert hashlib.sha256((tmp_path / "out" / name).read_bytes()).hexdigest() == digest


def test_failed_build_leaves_the_previous_build_intact(mini_root: Path, tmp_path: Path):
    out = tmp_path / "out"
    build(mini_root, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (mini_root / "data" / "broken.ttl").write_text("this is not turtle\n", encoding="utf-8")
    result = run_dikg("--root", mini_root, "build", "--out", out)
    assert result.returncode == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
