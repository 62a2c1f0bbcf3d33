"""The persistent store cache of `dikg query`: keyed by the source files, rebuilt when they
change, built atomically, and never in the way (an unusable cache falls back to memory)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from dikg.errors import InputError
from dikg.graph import stamp
from dikg.graph.loaded import load_graph
from dikg.graph.store import (
    KEEP_STORES,
    PREFIXES_NAME,
    STALE_BUILD,
    current_key,
    declared_prefixes,
    open_graph,
    open_store,
    source_key,
)
from dikg.queries.backend import EmbeddedBackend, select
from dikg.root import GraphRoot
from tests.conftest import run_dikg

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://example.org/mini#Measure> }"


def count(store: ox.Store) -> int:
    return int(select(EmbeddedBackend(store), COUNT).rows[0][0].value)


def stores(cache: Path) -> list[Path]:
    return sorted(p for p in cache.iterdir() if p.is_dir() and not p.name.startswith("."))


def stamps(cache: Path) -> list[Path]:
    folder = cache / stamp.STAMPS
    return sorted(folder.iterdir()) if folder.is_dir() else []


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled at once (in a test they are all seconds old)."""
    monkeypatch.setattr(stamp, "SETTLE_SECONDS", 0.0)


def edit_keeping_size_and_mtime(path: Path, old: str, new: str, mtime_ns: int | None = None):
    """Replace text by text of the same length and put the modification time back (or set it)."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    mtime = before.st_mtime_ns if mtime_ns is None else mtime_ns
    os.utime(path, ns=(before.st_atime_ns, mtime))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, mtime)


def test_the_first_query_builds_the_store_and_the_next_opens_it(mini_root, cache):
    root = GraphRoot(mini_root, "option")
    assert count(open_store(root)) == 2
    (built,) = stores(cache)
    assert built.name == source_key(root)
    inode = (built / "store").stat().st_ino
    assert count(open_store(root)) == 2
    assert stores(cache) == [built] and (built / "store").stat().st_ino == inode


def test_changing_a_data_file_gives_a_new_answer(mini_root, cache):
    first = run_dikg("--root", mini_root, "query", "dataset-statistics", "--format", "csv")
    assert "https://example.org/mini#Measure,Measure,2" in first.stdout
    data = next((mini_root / "data").glob("*.ttl"))
    data.write_text(
        data.read_text(encoding="utf-8")
        + "\n<https://example.org/mini#m3> a <https://example.org/mini#Measure> .\n",
        encoding="utf-8",
    )
    second = run_dikg("--root", mini_root, "query", "dataset-statistics", "--format", "csv")
    assert "https://example.org/mini#Measure,Measure,3" in second.stdout
    assert len(stores(cache)) == 2


def test_the_key_covers_contents_paths_and_new_files(mini_root, cache):
    root = GraphRoot(mini_root, "option")
    key = source_key(root)
    data = next((mini_root / "data").glob("*.ttl"))
    moved = data.with_name("renamed.ttl")
    data.rename(moved)
    assert source_key(root) != key
    moved.rename(data)
    assert source_key(root) == key
    (mini_root / "data" / "extra.ttl").write_text("", encoding="utf-8")
    assert source_key(root) != key


def test_the_same_files_elsewhere_share_a_store(mini_root, cache, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(mini_root, copy)
    assert source_key(GraphRoot(copy, "option")) == source_key(GraphRoot(mini_root, "option"))


def test_a_syntax_error_leaves_no_store_behind(mini_root, cache):
    (mini_root / "data" / "broken.ttl").write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.ttl"):
        open_store(GraphRoot(mini_root, "option"))
    assert list(cache.iterdir()) == []  # neither a store nor a half-built temporary one


def test_no_cache_and_the_environment_switch_load_into_memory(mini_root, cache, monkeypatch):
    root = GraphRoot(mini_root, "option")
    assert count(open_store(root, cache=False)) == 2
    monkeypatch.setenv("DIKG_NO_CACHE", "1")
    assert count(open_store(root)) == 2
    assert not cache.exists()
    result = run_dikg("--root", mini_root, "query", "dataset-statistics", "--no-cache")
    assert result.returncode == 0


def test_an_unusable_cache_folder_falls_back_to_memory(mini_root, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("DIKG_CACHE_DIR", str(blocker / "cache"))
    assert count(open_store(GraphRoot(mini_root, "option"))) == 2


def test_a_damaged_store_is_built_again(mini_root, cache):
    root = GraphRoot(mini_root, "option")
    target = cache / source_key(root) / "store"
    target.mkdir(parents=True)
    (target / "CURRENT").write_text("garbage", encoding="utf-8")
    assert count(open_store(root)) == 2
    assert (target / "CURRENT").read_text(encoding="utf-8") != "garbage"


def test_old_stores_are_pruned(mini_root, cache):
    root = GraphRoot(mini_root, "option")
    data = mini_root / "data" / "grow.ttl"
    for index in range(KEEP_STORES + 2):
        data.write_text(f"<https://e.org/{index}> <https://e.org/p> {index} .\n", encoding="utf-8")
        open_store(root)
        os.utime(cache / source_key(root), (index + 1, index + 1))  # strictly older first
    assert len(stores(cache)) == KEEP_STORES
    assert (cache / source_key(root)).is_dir()


def test_the_cache_keeps_the_prefixes_of_the_files(mini_root, cache):
    root = GraphRoot(mini_root, "option")
    built = open_graph(root)
    assert built.prefixes == load_graph(root).declared_prefixes() and built.prefixes
    (cache / source_key(root) / PREFIXES_NAME).unlink()  # a store cached without them
    assert open_graph(root).prefixes == built.prefixes  # built again, with them
    assert declared_prefixes(root) == built.prefixes


def test_a_prefix_declared_by_many_files_is_kept_once(mini_root, cache):
    root = GraphRoot(mini_root, "option")
    once = load_graph(root).declared_prefixes()
    for index in range(3):  # as a replicated graph declares them, in every file
        (mini_root / "data" / f"copy{index}.ttl").write_text(
            "@prefix mini: <https://example.org/mini#> .\n"
            "@prefix other: <https://e.org/other#> .\n",
            encoding="utf-8",
        )
    declared = load_graph(root).declared_prefixes()
    assert len(declared) == len(set(declared))
    assert ("other", "https://e.org/other#") in declared
    assert set(declared) == set(once) | {("other", "https://e.org/other#")}
    assert open_graph(root).prefixes == declared  # as the cache keeps them


def test_a_settled_stamp_is_remembered_and_then_no_file_is_read(mini_root, cache, settled):
    root = GraphRoot(mini_root, "option")
    key = current_key(root)
    assert key == source_key(root)
    (remembered,) = stamps(cache)
    assert remembered.read_text(encoding="ascii") == key
    remembered.write_text("0" * 64, encoding="ascii")  # what the stamp says wins: no hashing
    assert current_key(root) == "0" * 64


def test_files_changed_in_the_last_seconds_are_hashed_every_time(mini_root, cache, monkeypatch):
    # the copy was just made; a window of an hour keeps it unsettled however slow the machine
    monkeypatch.setattr(stamp, "SETTLE_SECONDS", 3600.0)
    root = GraphRoot(mini_root, "option")
    assert count(open_store(root)) == 2
    assert current_key(root) == source_key(root)
    assert stamps(cache) == []


@pytest.mark.parametrize("mtime_ns", [None, 1_000_000_000_000_000_000], ids=["same", "past"])
def test_an_edit_keeping_the_size_and_the_mtime_is_seen(mini_root, cache, settled, mtime_ns):
    root = GraphRoot(mini_root, "option")
    assert count(open_store(root)) == 2
    assert count(open_store(root)) == 2 and len(stamps(cache)) == 1
    data = mini_root / "data" / "measures.ttl"
    edit_keeping_size_and_mtime(data, "m:two a mini:Measure", "m:two a mini:Measurx", mtime_ns)
    assert count(open_store(root)) == 1
    assert len(stores(cache)) == 2


def test_a_file_added_removed_or_renamed_changes_the_stamp(mini_root, cache, settled):
    root = GraphRoot(mini_root, "option")
    keys = [current_key(root)]
    data = mini_root / "data" / "measures.ttl"
    data.rename(data.with_name("renamed.ttl"))  # another named graph
    keys.append(current_key(root))
    (mini_root / "data" / "extra.ttl").write_text("", encoding="utf-8")
    keys.append(current_key(root))
    (mini_root / "data" / "organisations.ttl").unlink()
    keys.append(current_key(root))
    assert len(set(keys)) == len(keys)
    assert keys[-1] == source_key(root)


def test_dikg_query_sees_an_edit_that_keeps_size_and_mtime(mini_root, cache):
    args = ("--root", mini_root, "query", "dataset-statistics", "--format", "csv")
    time.sleep(stamp.SETTLE_SECONDS + 0.2)  # so that the stamp of the files is remembered
    assert "https://example.org/mini#Measure,Measure,2" in run_dikg(*args).stdout
    assert "https://example.org/mini#Measure,Measure,2" in run_dikg(*args).stdout
    assert len(stamps(cache)) == 1
    data = mini_root / "data" / "measures.ttl"
    edit_keeping_size_and_mtime(data, "m:two a mini:Measure", "m:two a mini:Measurx")
    assert "https://example.org/mini#Measure,Measure,1" in run_dikg(*args).stdout


def test_a_killed_build_leaves_nothing_that_is_used_and_is_cleared_later(mini_root, cache):
    root = GraphRoot(mini_root, "option")
    key = source_key(root)
    # what a build killed half-way leaves: its temporary folder, never the store's own name
    left = cache / f".build-{key[:12]}-killed"
    (left / "store").mkdir(parents=True)
    (left / "store" / "CURRENT").write_text("garbage", encoding="utf-8")
    assert count(open_store(root)) == 2
    assert left.is_dir()  # may be a build still running: kept
    os.utime(left, (time.time() - STALE_BUILD - 1,) * 2)
    (mini_root / "data" / "more.ttl").write_text(
        "<https://e.org/a> <https://e.org/p> 1 .\n", encoding="utf-8"
    )
    assert count(open_store(root)) == 2  # the next build clears it
    assert not left.exists()
    assert [p.name for p in cache.iterdir() if p.name.startswith(".build-")] == []


def test_stamps_of_pruned_stores_are_forgotten(mini_root, cache, settled):
    root = GraphRoot(mini_root, "option")
    data = mini_root / "data" / "grow.ttl"
    for index in range(KEEP_STORES + 2):
        data.write_text(f"<https://e.org/{index}> <https://e.org/p> {index} .\n", encoding="utf-8")
        open_store(root)
        os.utime(cache / source_key(root), (index + 1, index + 1))
    kept = {p.name for p in stores(cache)}
    assert {p.read_text(encoding="ascii") for p in stamps(cache)} <= kept
    assert len(stamps(cache)) <= KEEP_STORES + 1


def test_the_bulk_built_store_holds_what_the_loader_loads(mini_root, cache):
    # two files with the same blank-node label: two blank nodes, as the loader makes them
    for name in ("one", "two"):
        (mini_root / "data" / f"{name}.ttl").write_text(
            f'_:b1 <https://e.org/p> "{name}" .\n', encoding="utf-8"
        )
    root = GraphRoot(mini_root, "option")
    cached = open_store(root)
    loaded = load_graph(root).store

    def shape(store: ox.Store) -> set[tuple]:
        def term(t):
            return "_:" if isinstance(t, ox.BlankNode) else t

        return {(term(q.subject), q.predicate, term(q.object), q.graph_name) for q in store}

    assert len(cached) == len(loaded) and shape(cached) == shape(loaded)
    subjects = select(
        EmbeddedBackend(cached), "SELECT DISTINCT ?s WHERE { ?s <https://e.org/p> ?o }"
    ).rows
    assert len(subjects) == 2
