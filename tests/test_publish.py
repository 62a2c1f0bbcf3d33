"""`dikg publish`: deterministic dumps, gzip, checksums, the graph's parts, clear input errors."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from tests.conftest import PUBLICATION, REPO, publish, run_dikg

DUMPS = {
    "dikg.ttl": "turtle",
    "dikg.nt": "nt",
    "dikg.jsonld": "json-ld",
    "dikg.rdf": "xml",
    "dikg.trig": "trig",
}


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def read_dump(path: Path, fmt: str) -> Graph:
    if fmt == "trig":
        dataset = Dataset()
        dataset.parse(path, format="trig")
        graph = Graph()
        for s, p, o, _ in dataset.quads():
            graph.add((s, p, o))
        return graph
    return Graph().parse(path, format=fmt)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    """What `dikg build` writes, independently of publish."""
    out = tmp_path_factory.mktemp("build")
    result = run_dikg("--root", REPO, "build", "--out", out)
    assert result.returncode == 0, result.stderr
    return Graph().parse(out / "dikg.nt", format="nt")


def test_two_publishes_are_byte_identical_whatever_the_hash_seed(published: Path, tmp_path: Path):
    again = tmp_path / "again"
    result = publish(again, hash_seed="2")
    assert result.returncode == 0, result.stderr
    assert files_under(again) == files_under(published)
    for name in files_under(published):
        assert (again / name).read_bytes() == (published / name).read_bytes(), name


def test_the_release_has_every_dump_plain_and_gzipped_and_the_metadata(published: Path):
    names = set(files_under(published))
    for dump in DUMPS:
        assert f"download/{dump}" in names
        assert f"download/{dump}.gz" in names
    assert {"dcat.ttl", "dcat.jsonld", "void.ttl", "SHA256SUMS"} <= names
    assert not [name for name in names if name.endswith(".tmp") or "/." in name]


def test_checksums_list_every_file_with_its_sha256(published: Path):
    listed = {}
    for line in (published / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    assert sorted(listed) == [name for name in files_under(published) if name != "SHA256SUMS"]
    for name, digest in listed.items():
        assert hashlib.sha256((published / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.parametrize("name", sorted(DUMPS))
def test_gzip_round_trip_gives_the_plain_dump_and_carries_no_name_or_time(
    published: Path, name: str
):
    packed = (published / "download" / f"{name}.gz").read_bytes()
    assert gzip.decompress(packed) == (published / "download" / name).read_bytes()
    flags, mtime = packed[3], int.from_bytes(packed[4:8], "little")
    assert flags & 0x08 == 0, "the gzip header names a file"  # FNAME, RFC 1952 2.3.1
    assert mtime == 0


@pytest.mark.parametrize("name", sorted(DUMPS))
def test_every_dump_parses_and_equals_the_build(published: Path, built: Graph, name: str):
    assert isomorphic(read_dump(published / "download" / name, DUMPS[name]), built)


def test_ontology_vocabularies_and_shapes_are_files_of_their_own(published: Path):
    download = published / "download"
    assert (download / "ontology" / "dikg.ttl").read_bytes() == (
        REPO / "ontology" / "dikg.ttl"
    ).read_bytes()
    for source in sorted((REPO / "data" / "vocabularies").glob("*.ttl")):
        assert (download / "vocabularies" / source.name).read_bytes() == source.read_bytes()
    for source in sorted((REPO / "shapes").glob("*.ttl")):
        assert (download / "shapes" / source.name).read_bytes() == source.read_bytes()


def test_metadata_example_prints_the_file_to_fill_in():
    result = run_dikg("publish", "--metadata-example")
    assert result.returncode == 0
    assert "publisher:" in result.stdout and "contact:" in result.stdout


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def complete_with(tmp_path: Path, old: str, new: str) -> Path:
    text = PUBLICATION.read_text(encoding="utf-8")
    assert old in text
    return write(tmp_path / "publication.yaml", text.replace(old, new))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            (
                "iri: https://identifier.overheid.nl/tooi/id/ministerie/mnre1034\n  name:\n",
                "name:\n",
            ),
            "publisher.iri is missing",
        ),
        (
            (
                "https://identifier.overheid.nl/tooi/id/ministerie/mnre1034\n  name:\n",
                "https://example.org/org\n  name:\n",
            ),
            "publisher.iri must be a TOOI organisation IRI",
        ),
        (("email: test@example.org", "email: not-an-address"), "contact.email is not an e-mail"),
        (("  email: test@example.org\n", ""), "contact needs an email or a url"),
        (("modified: 2026-11-30", "modified: 30-11-2026"), "modified must be a date"),
        (("modified: 2026-11-30", "modified: 2026-01-01"), "modified (2026-01-01) is before"),
        (("issued: 2026-11-23", "isued: 2026-11-23"), "isued unknown"),
        (
            ("sparql_endpoint: https://example.org/dikg/sparql", "sparql_endpoint: ftp://x"),
            "sparql_endpoint must be an http(s) URL",
        ),
    ],
)
def test_a_bad_publication_field_exits_2_naming_it(tmp_path: Path, change, expected):
    metadata = complete_with(tmp_path, *change)
    result = run_dikg("publish", "--out", tmp_path / "out", "--metadata", metadata)
    assert result.returncode == 2, result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_example_file_as_it_ships_is_refused_naming_the_first_missing_field(tmp_path: Path):
    example = write(tmp_path / "p.yaml", run_dikg("publish", "--metadata-example").stdout)
    result = run_dikg("publish", "--out", tmp_path / "out", "--metadata", example)
    assert result.returncode == 2
    assert "publication metadata: publisher.iri is missing" in result.stderr


def test_without_a_publication_file_the_publisher_is_asked_for(tmp_path: Path):
    result = run_dikg("publish", "--out", tmp_path / "out")
    assert result.returncode == 2
    assert "publisher is missing" in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--base-url", "not a url"), "--base-url must be an http(s) URL"),
        (("--base-url", "https://example.org/a;b/"), "cannot go into the server rules"),
        (("--previous", "/nonexistent/release"), "no such file or directory"),
        (("--dcat-shapes", "/nonexistent/shapes"), "no *SHACL*.ttl files"),
    ],
)
def test_bad_options_exit_2_before_anything_is_written(tmp_path: Path, args, expected):
    result = publish(tmp_path / "out", *args)
    assert result.returncode == 2, result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_yaml_syntax_error_names_the_line(tmp_path: Path):
    metadata = write(tmp_path / "p.yaml", "publisher:\n  iri: [unclosed\n")
    result = run_dikg("publish", "--out", tmp_path / "out", "--metadata", metadata)
    assert result.returncode == 2
    assert f"{metadata}:" in result.stderr and "not valid YAML" in result.stderr


def test_dates_from_options_override_the_file(tmp_path: Path, mini_root: Path):
    out = tmp_path / "out"
    result = publish(out, "--modified", "2027-01-02", root=mini_root)
    assert result.returncode == 0, result.stderr
    assert '"2027-01-02"^^xsd:date' in (out / "dcat.ttl").read_text()


def test_a_failed_publish_keeps_the_previous_files(tmp_path: Path, mini_root: Path):
    out = tmp_path / "out"
    assert publish(out, root=mini_root).returncode == 0
    before = {name: (out / name).read_bytes() for name in files_under(out)}
    (mini_root / "data" / "measures.ttl").write_text("this is not turtle", encoding="utf-8")
    result = publish(out, root=mini_root)
    assert result.returncode == 2
    assert "measures.ttl" in result.stderr
    assert {name: (out / name).read_bytes() for name in files_under(out)} == before


def test_out_naming_a_file_exits_2(tmp_path: Path):
    out = write(tmp_path / "a-file", "")
    result = publish(out)
    assert result.returncode == 2
    assert "is a file" in result.stderr


def test_a_file_where_a_folder_must_go_exits_2_with_the_reason(tmp_path: Path, mini_root: Path):
    out = tmp_path / "out"
    out.mkdir()
    write(out / "download", "in the way")
    result = publish(out, root=mini_root)
    assert result.returncode == 2, result.stderr
    assert "cannot write: File exists" in result.stderr
    assert "Traceback" not in result.stderr
