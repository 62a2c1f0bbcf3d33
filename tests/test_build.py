"""`dikg build`: deterministic dumps that hold exactly the source triples, in every syntax."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from dikg.rdf.staged import StagedFiles
from tests.conftest import run_dikg

DUMPS = {"dikg.ttl": "turtle", "dikg.nt": "nt", "dikg.jsonld": "json-ld", "dikg.rdf": "xml"}
OX_FORMATS = {
    "dikg.ttl": ox.RdfFormat.TURTLE,
    "dikg.nt": ox.RdfFormat.N_TRIPLES,
    "dikg.jsonld": ox.RdfFormat.JSON_LD,
    "dikg.rdf": ox.RdfFormat.RDF_XML,
}


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


def ox_lines(path: Path, rdf_format: ox.RdfFormat) -> list[bytes]:
    """A dump parsed by pyoxigraph (blank-node labels kept), as sorted N-Quads lines."""
    quads = ox.parse(path=str(path), format=rdf_format)
    return sorted(ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines())


def test_every_dump_round_trips_to_exactly_the_n_triples(mini_root: Path, tmp_path: Path):
    build(mini_root, tmp_path / "out")
    out = tmp_path / "out"
    nt = (out / "dikg.nt").read_bytes().splitlines()
    assert nt == sorted(set(nt)) and len(nt) == 33
    for name, rdf_format in OX_FORMATS.items():
        assert ox_lines(out / name, rdf_format) == nt, name
    trig = ox_lines(out / "dikg.trig", ox.RdfFormat.TRIG)
    assert len(trig) == 33
    assert sorted({line[: line.rindex(b" <")] + b" ." for line in trig}) == nt


def test_dumps_do_not_depend_on_statement_order_or_blank_node_labels(
    mini_root: Path, tmp_path: Path
):
    build(mini_root, tmp_path / "a")
    # the same statements in another order, the blank node written with a label of its own
    measures = mini_root / "data" / "measures.ttl"
    source = measures.read_text(encoding="utf-8")
    prefixes = [line for line in source.splitlines() if line.startswith("@prefix")]
    lines = Graph().parse(data=source, format="turtle").serialize(format="nt").splitlines()
    statements = sorted((re.sub(r"_:\w+", "_:zz", line) for line in lines if line), reverse=True)
    measures.write_text("\n".join(prefixes[::-1] + statements) + "\n", encoding="utf-8")
    build(mini_root, tmp_path / "b", hash_seed="7")
    for name in sorted(p.name for p in (tmp_path / "a").iterdir()):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_turtle_dump_uses_the_source_prefixes_and_groups_by_subject(
    mini_root: Path, tmp_path: Path
):
    build(mini_root, tmp_path / "out")
    text = (tmp_path / "out" / "dikg.ttl").read_text(encoding="utf-8")
    assert "@prefix m: <https://example.org/id/measure/> ." in text
    assert "@prefix mini: <https://example.org/mini#> ." in text
    starts = [line.split()[0] for line in text.splitlines() if not line.startswith(("\t", "@"))]
    assert len(starts) == len(set(starts)) == 12  # each subject once: statements grouped
    assert starts[0] == "<https://example.org/mini>"  # the ontology header first
    assert "m:two a mini:Measure ;" in text


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


def test_staged_files_appear_together_or_not_at_all(tmp_path: Path):
    (tmp_path / "a.txt").write_bytes(b"old")
    with pytest.raises(RuntimeError), StagedFiles(tmp_path) as staged:
        staged.write("a.txt", b"new")
        writer = staged.open("b.txt")
        writer.write(b"half")
        raise RuntimeError("the build failed here")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    assert (tmp_path / "a.txt").read_bytes() == b"old"
    with StagedFiles(tmp_path) as staged:
        staged.write("a.txt", b"new")
        staged.open("b.txt").write(b"streamed")
        digests = staged.digests()
        assert staged.commit() == [tmp_path / "a.txt", tmp_path / "b.txt"]
    assert (tmp_path / "b.txt").read_bytes() == b"streamed"
    assert digests["b.txt"] == hashlib.sha256(b"streamed").hexdigest()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_staged_files_may_be_in_folders_and_are_staged_once(tmp_path: Path):
    with StagedFiles(tmp_path) as staged:
        staged.write("id/measure/x.html", b"page")
        assert "id/measure/x.html" in staged and "id/measure/y.html" not in staged
        with pytest.raises(ValueError, match=r"id/measure/x\.html is staged twice"):
            staged.write("id/measure/x.html", b"other")
        assert staged.files() == [("id/measure/x.html", 4, hashlib.sha256(b"page").hexdigest())]
        staged.commit()
    assert (tmp_path / "id" / "measure" / "x.html").read_bytes() == b"page"
    assert [p.name for p in (tmp_path / "id" / "measure").iterdir()] == ["x.html"]


def test_the_in_memory_site_refuses_a_path_written_twice_as_staging_does() -> None:
    from dikg.site.write import MemorySite

    site = MemorySite()
    site.write("id/measure/x.html", b"page")
    assert "id/measure/x.html" in site and site.names() == ["id/measure/x.html"]
    with pytest.raises(ValueError, match=r"id/measure/x\.html is staged twice"):
        site.write("id/measure/x.html", b"other")
    assert site["id/measure/x.html"] == b"page"
