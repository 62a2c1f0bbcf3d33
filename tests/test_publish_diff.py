"""Release notes: `dikg diff` and `dikg publish --previous` compare graphs, not text."""

from __future__ import annotations

import contextlib
import gzip
import json
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef

from dikg.release.diff import diff_snapshots, markdown
from dikg.release.previous import read_local
from tests.conftest import FIXTURES, _free_port, publish, run_dikg
from tests.servers import serve_directory

OLD, NEW = FIXTURES / "diff" / "old.ttl", FIXTURES / "diff" / "new.ttl"
EX = "https://example.org/id/"
ADMS = Namespace("http://www.w3.org/ns/adms#")


def test_diff_finds_exactly_the_added_removed_and_changed_resources():
    result = diff_snapshots(read_local(OLD), read_local(NEW))
    assert [r.iri for r in result.added] == [EX + "added"]
    assert [r.iri for r in result.removed] == [EX + "removed"]
    assert [r.iri for r in result.changed] == [EX + "bnode-changed", EX + "changed"]
    assert result.added[0].label == "Nieuw"
    assert result.added[0].classes == (
        "https://example.org/def#Measure",
        "https://example.org/def#Pilot",
    )
    assert result.per_class() == {
        "https://example.org/def#Measure": {"added": 1, "removed": 1, "changed": 1},
        "https://example.org/def#Pilot": {"added": 1, "removed": 0, "changed": 0},
        "https://example.org/def#Policy": {"added": 0, "removed": 0, "changed": 1},
    }


def test_the_same_graph_with_other_blank_node_labels_has_no_changes(tmp_path: Path):
    again = tmp_path / "again.nt"
    again.write_text(Graph().parse(OLD).serialize(format="nt"), encoding="utf-8")
    result = diff_snapshots(read_local(OLD), read_local(again))
    assert (result.added, result.removed, result.changed) == ([], [], [])
    assert result.old_triples == result.new_triples == 18


def test_a_blank_node_added_elsewhere_changes_no_other_resource(tmp_path: Path):
    # canonical blank-node labels numbered over the whole graph would shift when a blank node
    # is added; each description is canonicalized alone, so ex:kept stays unchanged
    more = tmp_path / "more.ttl"
    text = OLD.read_text(encoding="utf-8")
    more.write_text(text + "ex:other exo:target [ exo:value 1 ] , [ exo:value 2 ] .\n")
    result = diff_snapshots(read_local(OLD), read_local(more))
    assert [r.iri for r in result.added] == [EX + "other"]
    assert (result.removed, result.changed) == ([], [])


def test_a_blank_node_that_points_back_is_compared_by_structure(tmp_path: Path):
    cycle = (
        "<https://example.org/id/a> <urn:p> _:{x} .\n_:{x} <urn:q> _:{y} .\n_:{y} <urn:q> _:{x} .\n"
    )
    one, two, three = tmp_path / "1.nt", tmp_path / "2.nt", tmp_path / "3.nt"
    one.write_text(cycle.format(x="a", y="b"))
    two.write_text(cycle.format(x="m", y="n"))
    three.write_text(cycle.format(x="a", y="b").replace("_:b <urn:q> _:a", "_:b <urn:q> _:b"))
    assert diff_snapshots(read_local(one), read_local(two)).changed == []
    assert [r.iri for r in diff_snapshots(read_local(one), read_local(three)).changed] == [EX + "a"]


def test_named_graphs_are_merged_and_gzipped_files_read(tmp_path: Path):
    trig = tmp_path / "old.trig.gz"
    body = OLD.read_text(encoding="utf-8").replace("ex:removed", "GRAPH <urn:g> { ex:removed")
    trig.write_bytes(gzip.compress((body + "}\n").encode()))
    result = diff_snapshots(read_local(OLD), read_local(trig))
    assert (result.added, result.removed, result.changed) == ([], [], [])


def test_relative_iris_resolve_against_the_file_and_labels_need_a_label_property(
    tmp_path: Path,
):
    old, new = tmp_path / "old.ttl", tmp_path / "new.ttl"
    old.write_text('<#a> <urn:note> " <http://www.w3.org/2000/01/rdf-schema#label> " .\n')
    new.write_text('<#a> <urn:note> "changed" .\n')
    result = diff_snapshots(read_local(old), read_local(new))
    # each file is its own base, as in rdflib: the same relative IRI names two resources
    assert [(r.iri, r.label) for r in result.removed] == [(old.as_uri() + "#a", "")]
    assert [(r.iri, r.label) for r in result.added] == [(new.as_uri() + "#a", "")]


def test_markdown_names_each_resource_with_its_label():
    text = markdown(diff_snapshots(read_local(OLD), read_local(NEW)), "0.1.0")
    assert "Changes since version 0.1.0: 1 resources added, 1 removed, 2 changed" in text
    assert "- `https://example.org/id/added` Nieuw" in text
    assert "## Removed (1)" in text


def test_dikg_diff_on_two_files_as_json():
    result = run_dikg("diff", OLD, NEW, "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [r["iri"] for r in report["added"]] == [EX + "added"]
    assert [r["iri"] for r in report["changed"]] == [EX + "bnode-changed", EX + "changed"]


def test_dikg_diff_fail_on_change_exits_1_only_on_a_change():
    assert run_dikg("diff", OLD, NEW, "--fail-on-change").returncode == 1
    assert run_dikg("diff", OLD, OLD, "--fail-on-change").returncode == 0


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/nonexistent.ttl", "no such file or directory"),
        (str(FIXTURES), "is a directory without download/dikg.nt"),
        (str(FIXTURES / "publication" / "complete.yaml"), "unknown RDF syntax"),
    ],
)
def test_dikg_diff_bad_input_exits_2(path: str, expected: str):
    result = run_dikg("diff", path, NEW)
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("dump.nt.gz", b"<a> <b> <c> .", "cannot read as gzipped n-triples: Not a gzipped file"),
        # a remote JSON-LD context is never fetched: untrusted input stays off the network
        (
            "remote.jsonld",
            b'{"@context": "http://example.org/c.jsonld", "@id": "http://a", "http://p": "x"}',
            "cannot parse as json-ld",
        ),
    ],
)
def test_dikg_diff_unreadable_files_exit_2(tmp_path: Path, name: str, content: bytes, expected):
    bad = tmp_path / name
    bad.write_bytes(content)
    result = run_dikg("diff", bad, NEW)
    assert result.returncode == 2
    assert f"{bad}: {expected}" in result.stderr
    assert "Traceback" not in result.stderr


def test_dikg_diff_reads_no_external_entity_of_rdf_xml(tmp_path: Path):
    # untrusted input never reaches the file system: an entity naming a file is refused
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-TEXT", encoding="utf-8")
    evil = tmp_path / "evil.rdf"
    evil.write_text(
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE rdf:RDF [ <!ENTITY secret SYSTEM "{secret.as_uri()}"> ]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="http://example.org/">\n'
        '  <rdf:Description rdf:about="http://example.org/a"><ex:p>&secret;</ex:p>'
        "</rdf:Description>\n</rdf:RDF>\n",
        encoding="utf-8",
    )
    result = run_dikg("diff", evil, evil, "--format", "json")
    assert result.returncode == 2
    assert f"{evil}: cannot parse as rdf/xml" in result.stderr
    assert "SECRET-TEXT" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_dikg_diff_syntax_error_exits_2(tmp_path: Path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    result = run_dikg("diff", bad, NEW)
    assert result.returncode == 2
    assert f"{bad}: cannot parse as turtle" in result.stderr
    assert "line 1" in result.stderr


def test_publish_with_previous_writes_release_notes_and_version_notes(
    tmp_path: Path, mini_root: Path
):
    first = tmp_path / "first"
    assert publish(first, root=mini_root).returncode == 0
    measures = mini_root / "data" / "measures.ttl"
    text = measures.read_text(encoding="utf-8")
    text = text.replace("mini:value 35.0", "mini:value 36.0")
    text += 'm:three a mini:Measure ; rdfs:label "Derde maatregel"@nl .\n'
    measures.write_text(text, encoding="utf-8")
    (mini_root / "data" / "organisations.ttl").unlink()

    second = tmp_path / "second"
    result = publish(second, "--previous", first, "--version-label", "2.0", root=mini_root)
    assert result.returncode == 0, result.stderr
    notes = json.loads((second / "release-notes.json").read_text())
    assert [r["iri"] for r in notes["added"]] == ["https://example.org/id/measure/three"]
    assert [r["label"] for r in notes["added"]] == ["Derde maatregel"]
    assert [r["iri"] for r in notes["changed"]] == ["https://example.org/id/measure/two"]
    assert [r["iri"] for r in notes["removed"]] == ["https://example.org/id/organisation/az"]
    assert "Derde maatregel" in (second / "release-notes.md").read_text()

    dcat = Graph().parse(second / "dcat.ttl")
    dataset = URIRef("https://w3id.org/dikg/id/dataset/dikg")
    version_notes = {n.language: str(n) for n in dcat.objects(dataset, ADMS.versionNotes)}
    assert set(version_notes) == {"en", "nl"}
    assert "1 resources added, 1 removed, 1 changed" in version_notes["en"]
    assert "release-notes.md" in (second / "SHA256SUMS").read_text()

    same = tmp_path / "same"
    assert publish(same, "--previous", second, root=mini_root).returncode == 0
    notes = json.loads((same / "release-notes.json").read_text())
    assert (notes["added"], notes["removed"], notes["changed"]) == ([], [], [])
    assert "since version 2.0" in (same / "release-notes.md").read_text()


@pytest.fixture
def http_server():
    """Serve a directory on 127.0.0.1 (Python's http.server) while the test runs."""
    with contextlib.ExitStack() as stack:
        yield lambda directory: stack.enter_context(serve_directory(directory))


def _second_release(mini_root: Path) -> None:
    """Change the mini graph: one measure added (m:three), one organisation file removed."""
    measures = mini_root / "data" / "measures.ttl"
    text = measures.read_text(encoding="utf-8")
    text += 'm:three a mini:Measure ; rdfs:label "Derde maatregel"@nl .\n'
    measures.write_text(text, encoding="utf-8")
    (mini_root / "data" / "organisations.ttl").unlink()


def test_publish_with_previous_url_fetches_the_release_and_its_version(
    tmp_path: Path, mini_root: Path, http_server
):
    first = tmp_path / "first"
    assert publish(first, "--version-label", "1.0", root=mini_root).returncode == 0
    url = http_server(first)
    _second_release(mini_root)
    second = tmp_path / "second"
    result = publish(second, "--previous", url, root=mini_root)
    assert result.returncode == 0, result.stderr
    notes = json.loads((second / "release-notes.json").read_text())
    assert [r["iri"] for r in notes["added"]] == ["https://example.org/id/measure/three"]
    assert [r["iri"] for r in notes["removed"]] == ["https://example.org/id/organisation/az"]
    assert "since version 1.0" in (second / "release-notes.md").read_text()
    # the same release read from the directory gives the same notes, byte for byte
    local = tmp_path / "local"
    assert publish(local, "--previous", first, root=mini_root).returncode == 0
    assert (local / "release-notes.md").read_bytes() == (second / "release-notes.md").read_bytes()


def test_previous_url_without_the_gzipped_dump_falls_back_to_the_plain_one(
    tmp_path: Path, mini_root: Path, http_server
):
    first = tmp_path / "first"
    assert publish(first, root=mini_root).returncode == 0
    (first / "download" / "dikg.nt.gz").unlink()
    (first / "dcat.ttl").unlink()  # no metadata: notes without a version
    url = http_server(first)
    _second_release(mini_root)
    result = run_dikg("diff", url, tmp_path / "first" / "download" / "dikg.nt", "--format", "json")
    assert result.returncode == 0, result.stderr
    second = tmp_path / "second"
    result = publish(second, "--previous", url, root=mini_root)
    assert result.returncode == 0, result.stderr
    notes = json.loads((second / "release-notes.json").read_text())
    assert [r["iri"] for r in notes["added"]] == ["https://example.org/id/measure/three"]
    assert "since version" not in (second / "release-notes.md").read_text()


def test_a_dead_previous_url_exits_2_naming_the_url(tmp_path: Path, mini_root: Path):
    dead = f"http://127.0.0.1:{_free_port()}/release/"
    result = publish(tmp_path / "out", "--previous", dead, root=mini_root)
    assert result.returncode == 2
    assert dead in result.stderr
    assert "cannot fetch" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()  # nothing written


@pytest.mark.parametrize(
    ("previous", "expected"),
    [
        ("ftp://127.0.0.1/release/", "only http:// and https:// URLs are fetched"),
        ("file:///etc/passwd", "only http:// and https:// URLs are fetched"),
    ],
)
def test_previous_urls_other_than_http_are_refused(
    tmp_path: Path, mini_root: Path, previous: str, expected: str
):
    result = publish(tmp_path / "out", "--previous", previous, root=mini_root)
    assert result.returncode == 2
    assert f"--previous {previous}: {expected}" in result.stderr


def test_a_previous_url_without_a_release_exits_2(tmp_path: Path, mini_root: Path, http_server):
    empty = tmp_path / "empty"
    empty.mkdir()
    url = http_server(empty)
    result = publish(tmp_path / "out", "--previous", url, root=mini_root)
    assert result.returncode == 2
    assert f"--previous {url}: no download/dikg.nt.gz or download/dikg.nt" in result.stderr


def test_a_previous_release_larger_than_the_limit_is_refused(
    tmp_path: Path, mini_root: Path, http_server
):
    from dikg.errors import InputError
    from dikg.release.previous import read_remote

    first = tmp_path / "first"
    assert publish(first, "--no-site", root=mini_root).returncode == 0
    url = http_server(first)
    assert (
        read_remote(url).snapshot.triples > 0
    )  # the whole release is well under the default limit
    plain = (first / "download" / "dikg.nt").stat().st_size
    # counted after decompression: the gzipped dump is smaller than the limit, its content not
    with pytest.raises(InputError, match=r"dikg\.nt\.gz: larger than the limit of 100 bytes"):
        read_remote(url, max_bytes=100)
    metadata = (first / "dcat.ttl").stat().st_size
    assert read_remote(url, max_bytes=max(plain, metadata)).snapshot.triples > 0
    with pytest.raises(InputError, match=r"dikg\.nt\.gz: larger than the limit"):
        read_remote(url, max_bytes=plain - 1)
