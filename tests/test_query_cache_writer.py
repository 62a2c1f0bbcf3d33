"""A first `dikg query` answers from memory and leaves the store cache to a background writer.

The writer (`python -m dikg.graph.writer`) is a real process here: these tests wait for the
store it writes, and check that one lock keeps a second writer from starting, that a killed
writer's lock is taken over, that nothing is written for files that do not parse, that a
store is kept only under the key of the bytes it was built from, and that the answer from
memory comes from the same statements and prefixes as the cached store's.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from dikg.graph.store import (
    STALE_BUILD,
    WRITING,
    build,
    current_key,
    open_graph,
    source_key,
)
from dikg.root import GraphRoot
from tests.conftest import run_dikg

STATISTICS = ("query", "dataset-statistics", "--format", "csv")
MEASURES = "https://example.org/mini#Measure,Measure,2"


@pytest.fixture
def cache(cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """conftest's empty cache folder, without DIKG_CACHE_WAIT: queries leave it to the writer."""
    monkeypatch.delenv("DIKG_CACHE_WAIT", raising=False)
    return cache


def stores(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.iterdir() if p.is_dir() and not p.name.startswith("."))


def locks(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.glob(f"{WRITING}*"))


def wait_for_writer(cache: Path, timeout: float = 120) -> None:
    """Wait until no writer's lock is left (the writer removes its lock when it is done)."""
    deadline = time.monotonic() + timeout
    while locks(cache):
        assert time.monotonic() < deadline, f"the writer still holds {locks(cache)}"
        time.sleep(0.05)


def test_a_first_query_answers_then_the_writer_leaves_the_store_for_the_next(mini_root, cache):
    root = GraphRoot(mini_root, "option")
    first = run_dikg("--root", mini_root, "--verbose", *STATISTICS)
    assert first.returncode == 0, first.stderr
    assert MEASURES in first.stdout
    assert "in the background" in first.stderr
    wait_for_writer(cache)
    assert stores(cache) == [source_key(root)]
    second = run_dikg("--root", mini_root, "--verbose", *STATISTICS)
    assert second.stdout == first.stdout
    assert "store cache: using" in second.stderr
    assert "background" not in second.stderr


def test_dikg_cache_wait_builds_the_store_before_answering(mini_root, cache):
    result = run_dikg("--root", mini_root, *STATISTICS, env={"DIKG_CACHE_WAIT": "1"})
    assert MEASURES in result.stdout
    assert stores(cache) == [source_key(GraphRoot(mini_root, "option"))]
    assert locks(cache) == []


def test_a_fresh_lock_keeps_a_second_writer_from_starting(mini_root, cache):
    root = GraphRoot(mini_root, "option")
    cache.mkdir()
    lock = cache / f"{WRITING}{current_key(root)}"
    lock.touch()  # another query's writer at work
    opened = open_graph(root, wait=False)
    assert len(opened.store) > 0
    time.sleep(2)  # a writer started by mistake would have built the mini graph by now
    assert stores(cache) == [] and lock.exists()


def test_a_killed_writers_lock_is_taken_over(mini_root, cache):
    root = GraphRoot(mini_root, "option")
    cache.mkdir()
    lock = cache / f"{WRITING}{current_key(root)}"
    lock.touch()
    old = time.time() - STALE_BUILD - 60
    os.utime(lock, (old, old))
    open_graph(root, wait=False)
    wait_for_writer(cache)
    assert stores(cache) == [source_key(root)]


def test_a_syntax_error_starts_no_writer(mini_root, cache):
    (mini_root / "data" / "broken.ttl").write_text("<a> <b> .\n", encoding="utf-8")
    result = run_dikg("--root", mini_root, *STATISTICS)
    assert result.returncode == 2
    assert "broken.ttl" in result.stderr and "Traceback" not in result.stderr
    assert not cache.exists() or (stores(cache) == [] and locks(cache) == [])


def test_a_store_is_kept_under_the_key_of_what_it_was_built_from(mini_root, cache):
    root = GraphRoot(mini_root, "option")
    before = current_key(root)
    data = next((mini_root / "data").glob("*.ttl"))
    data.write_text(data.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    target, _ = build(root, cache)  # as a writer that started before the edit would
    assert target.name == source_key(root) != before


def shape(store: ox.Store) -> set[tuple]:
    """The quads with every blank node alike (their labels are fresh on every load)."""

    def term(t):
        return "_:" if isinstance(t, ox.BlankNode) else t

    return {(term(q.subject), q.predicate, term(q.object), q.graph_name) for q in store}


def test_the_answer_from_memory_is_the_cached_stores(mini_root, cache):
    for name in ("one", "two"):  # the same blank-node label in two files: two blank nodes
        (mini_root / "data" / f"{name}.ttl").write_text(
            f'@prefix e{name}: <https://e.org/{name}#> .\n_:b1 <https://e.org/p> "{name}" .\n',
            encoding="utf-8",
        )
    root = GraphRoot(mini_root, "option")
    memory = open_graph(root, wait=False)
    wait_for_writer(cache)
    cached = open_graph(root, wait=False)
    assert isinstance(cached.store, ox.Store) and stores(cache) == [source_key(root)]
    assert len(memory.store) == len(cached.store)
    assert shape(memory.store) == shape(cached.store)
    assert tuple(memory.prefixes) == tuple(cached.prefixes)  # read from the texts when asked
    assert ("eone", "https://e.org/one#") in memory.prefixes
    blank = {q.subject for q in memory.store if q.predicate.value == "https://e.org/p"}
    assert len(blank) == 2


def test_a_cache_folder_that_cannot_be_written_still_gets_an_answer(
    mini_root, tmp_path, monkeypatch
):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("DIKG_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.delenv("DIKG_CACHE_WAIT", raising=False)
    result = run_dikg("--root", mini_root, "--verbose", *STATISTICS)
    assert result.returncode == 0 and MEASURES in result.stdout
    assert "not written" in result.stderr


def test_a_killed_writers_lock_of_older_files_is_cleared_by_the_next_build(mini_root, cache):
    cache.mkdir()
    lock = cache / f"{WRITING}{'0' * 64}"  # the files it was for have changed since
    lock.touch()
    old = time.time() - STALE_BUILD - 60
    os.utime(lock, (old, old))
    fresh = cache / f"{WRITING}{'1' * 64}"
    fresh.touch()  # may be a writer still at work: kept
    build(GraphRoot(mini_root, "option"), cache)
    assert not lock.exists() and fresh.exists()


def test_prefixes_are_worked_out_once_and_only_when_looked_at():
    from dikg.queries.run import LazyPrefixes

    calls: list[int] = []
    lazy = LazyPrefixes(lambda: calls.append(1) or {"ex": "https://example.org/"})
    assert calls == []
    assert lazy["ex"] == "https://example.org/" and len(lazy) == 1
    assert dict(lazy) == {"ex": "https://example.org/"} and "other" not in lazy
    assert calls == [1]


def test_a_graph_loaded_without_its_prefixes_reads_them_when_asked(mini_root):
    from dikg.graph.loaded import load_graph

    root = GraphRoot(mini_root, "option")
    eager, lazy = load_graph(root), load_graph(root, parse_prefixes=False)
    assert lazy.file_prefixes == {} and len(lazy.store) == len(eager.store)
    assert lazy.declared_prefixes() == eager.declared_prefixes() != ()
    assert list(lazy.file_prefixes) == list(eager.file_prefixes)  # in load order


def test_a_prefixed_name_parameter_resolves_on_a_graph_loaded_in_memory(cache):
    # the answer from memory reads the files' prefixes only when a value needs them
    args = ["query", "evidence", "-p", "resource=measure:defensie-2016-wervingscampagne-vrouwen"]
    for extra in (["--no-cache"], []):
        result = run_dikg(*args, *extra, "--format", "csv")
        assert result.returncode == 0, result.stderr
        assert "bewustwordingscampagne voor vrouwen" in result.stdout


def test_a_value_in_the_querys_own_prefixes_or_absolute_works_out_no_others(monkeypatch):
    # reading every query file and the files' prefixes is for display, and for a prefix the
    # query does not declare; the query's own win in any case
    from dikg.queries import run
    from dikg.root import resolve_root
    from tests.conftest import REPO

    def refused(*args):
        raise AssertionError("display prefixes worked out")

    monkeypatch.setattr(run, "display_prefixes", refused)
    resource = "measure:defensie-2016-wervingscampagne-vrouwen"
    prepared = run.prepare(resolve_root(REPO), name="evidence", params=[("resource", resource)])
    (bound,) = prepared.bindings.values()
    assert bound.value == "https://w3id.org/dikg/id/measure/defensie-2016-wervingscampagne-vrouwen"
    absolute = "https://w3id.org/dikg/id/measure/defensie-2016-wervingscampagne-vrouwen"
    prepared = run.prepare(resolve_root(REPO), name="evidence", params=[("resource", absolute)])
    assert next(iter(prepared.bindings.values())).value == absolute
    with pytest.raises(AssertionError, match="display prefixes worked out"):
        run.prepare(resolve_root(REPO), name="evidence", params=[("resource", "tg:lhbti")])
