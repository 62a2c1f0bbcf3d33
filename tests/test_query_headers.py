"""The queries' headers parsed once: the same queries from the kept JSON as from the YAML."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dikg.errors import InputError
from dikg.queries import headers
from dikg.queries.catalogue import list_queries, load_query
from dikg.root import GraphRoot

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DIKG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("DIKG_NO_CACHE", raising=False)
    return tmp_path / "cache" / headers.HEADERS


def test_every_canned_query_reads_the_same_from_the_kept_headers(cache, monkeypatch):
    root = GraphRoot(REPO, "option")
    first = list_queries(root)  # parses the YAML and keeps it
    assert len(list(cache.iterdir())) == len(first)
    kept = list_queries(root)
    assert kept == first
    monkeypatch.setenv("DIKG_NO_CACHE", "1")
    assert list_queries(root) == first


def test_a_damaged_kept_header_is_parsed_again(cache, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("#+ summary: Something\n#+ tags:\n#+   - a\nSELECT * { ?s ?p ?o }\n")
    assert load_query(query).tags == ("a",)
    (kept,) = cache.iterdir()
    kept.write_text("{not json", encoding="utf-8")
    assert load_query(query).tags == ("a",)
    kept.write_text('{"summary": "x", "tags": ["a"]}', encoding="utf-8")
    assert load_query(query).summary == "x"  # the kept parse is what counts: keyed by the text


def test_a_header_json_cannot_hold_is_parsed_every_time(cache, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("#+ summary: Dated\n#+ issued: 2016-05-01\nSELECT * { ?s ?p ?o }\n")
    assert load_query(query).summary == "Dated"
    assert not cache.exists() or list(cache.iterdir()) == []


def test_a_bad_header_is_still_an_input_error(cache, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("#+ summary: [unclosed\nSELECT * { ?s ?p ?o }\n")
    with pytest.raises(InputError, match="bad query header"):
        load_query(query)


def test_the_kept_headers_are_bounded_and_the_newest_stay(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(headers, "KEEP_HEADERS", 3)
    names = []  # the kept parse of each query, in the order they were written
    for number in range(5):
        before = {p.name for p in cache.iterdir()} if cache.exists() else set()
        query = tmp_path / f"q{number}.rq"
        query.write_text(f"#+ summary: Query {number}\nSELECT * {{ ?s ?p ?o }}\n")
        assert load_query(query).summary == f"Query {number}"
        (name,) = {p.name for p in cache.iterdir()} - before
        names.append(name)
        # written a second apart (the clock may not tick between two writes in a test)
        os.utime(cache / name, ns=(10**9 * (1000 + number),) * 2)
    assert {p.name for p in cache.iterdir()} == set(names[2:])
    assert load_query(tmp_path / "q0.rq").summary == "Query 0"  # pruned: parsed again
    assert names[0] in {p.name for p in cache.iterdir()}
    assert names[2] not in {p.name for p in cache.iterdir()}  # the oldest went in its place
