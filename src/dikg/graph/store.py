"""The embedded SPARQL store: the graph's files loaded into pyoxigraph.

Each file becomes a named graph (IRI from :func:`dikg.rdf.files.graph_iri`), and queries
see the union of all of them as their default graph.

:func:`load_store` parses the Turtle into memory on every call. :func:`open_store` keeps a
persistent on-disk store per version of the source files instead: the cache key is a hash of
the dikg and pyoxigraph versions and of every source file's path (relative to the root) and
content, so any change to a file, a new file or a removed one gives a new key. A store is
built with one bulk load in a temporary directory and renamed into place, so a reader never
sees a half-built one (nor one a killed build left); it is then opened read-only, which several
processes may do at once. Beside the store the cache keeps the prefixes the files declare
(:data:`PREFIXES_NAME`), so that showing an answer needs no file read again (:func:`open_graph`).

Hashing every file on every query costs time that grows with the graph, so the key found for a
*stamp* of the files (:mod:`dikg.graph.stamp`: their paths, sizes, modification and change
times, inodes) is remembered, and the files are read again only when the stamp changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from dikg import __version__, console
from dikg.errors import InputError
from dikg.graph import stamp
from dikg.graph.loaded import LoadedGraph, Prefixes, bulk_load_graph, load_graph
from dikg.rdf.files import graph_file_names, graph_files
from dikg.root import GraphRoot

CACHE_ENV = "DIKG_CACHE_DIR"
NO_CACHE_ENV = "DIKG_NO_CACHE"
WAIT_ENV = "DIKG_CACHE_WAIT"  # set: a query that finds no cached store builds it first
WRITING = ".writing-"  # in the cache folder: a background writer's lock, per key
KEEP_STORES = 8  # older cached stores than the newest few are removed
STALE_BUILD = 3600  # seconds after which a temporary build folder is one a killed build left
PREFIXES_NAME = "prefixes.json"  # beside the cached store: the prefixes its files declare


@dataclass(frozen=True)
class OpenedGraph:
    """The graph as a store to query, with the prefixes its files declare.

    Attributes:
        store: the store (the cached one is read-only).
        prefixes: every (prefix, namespace) the files declare, file by file
            (:meth:`dikg.graph.loaded.LoadedGraph.declared_prefixes`).
        folder: the cached store's folder, where what is worked out from the store may be
            kept (it never changes under its key); None for a store in memory.
    """

    store: ox.Store
    prefixes: Iterable[tuple[str, str]]
    folder: Path | None = None


def load_store(root: GraphRoot) -> ox.Store:
    """Load ontology/ and data/ into an in-memory pyoxigraph store, one named graph per file.

    Raises:
        InputError: naming the file and line of the first syntax error.
    """
    return load_graph(root).store


def cache_dir() -> Path:
    """Where cached stores live: ``$DIKG_CACHE_DIR``, else ``$XDG_CACHE_HOME/dikg/stores``."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dikg" / "stores"


def _versions() -> bytes:
    return f"dikg {__version__}\0pyoxigraph {ox.__version__}\0".encode()


def source_key(root: GraphRoot, files: list[Path] | None = None) -> str:
    """A hash of what the store is built from: versions, file paths and file contents.

    Args:
        root: the graph root.
        files: its files (:func:`graph_files`), if listed already.
    """
    hashes = []
    for path in graph_files(root) if files is None else files:
        try:
            content = path.read_bytes()
        except OSError:
            content = b""  # read_text reports it properly when the store is built
        hashes.append((path.relative_to(root.path).as_posix(), hashlib.sha256(content).digest()))
    return key_of(hashes)


def key_of(hashes: Iterable[tuple[str, bytes]]) -> str:
    """:func:`source_key` from each file's path relative to the root and SHA-256 of its bytes."""
    digest = hashlib.sha256()
    digest.update(_versions())
    for relative, content_hash in hashes:
        digest.update(relative.encode() + b"\0")
        digest.update(content_hash)
    return digest.hexdigest()


def current_key(root: GraphRoot) -> str:
    """:func:`source_key` of the files as they are now, read again only if their stamp changed.

    The key found for a stamp is kept in the cache folder (:mod:`dikg.graph.stamp`), where the
    stamp is one that cannot hide a later change.
    """
    names = graph_file_names(root)
    folder = cache_dir()
    seen = stamp.stamp(root, names, _versions())
    key = stamp.recall(folder, seen.digest)
    if key is None:
        key = source_key(root, [Path(name) for name in names])
        if seen.settled:
            stamp.remember(folder, seen.digest, key)
    return key


def build(root: GraphRoot, folder: Path) -> tuple[Path, Prefixes]:
    """Build the store of the files as they are now and rename it into place under its key.

    It is built in a temporary directory, so that no reader sees it half-built.
    The key is made from the bytes that were loaded (:func:`key_of`), not from a look at the
    files beforehand, so a file edited during the build cannot leave a store under the key of
    contents it does not hold.

    Returns:
        The folder of the store and the prefixes its files declare.

    Raises:
        InputError: naming the file and line of the first syntax error (nothing is kept).
    """
    import shutil  # here and below: a warm query, which writes nothing, need not import them
    import tempfile

    folder.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=".build-", dir=folder))
    try:
        store = ox.Store(str(temporary / "store"))
        prefixes, hashes = bulk_load_graph(root, store)
        store.flush()
        del store  # closes the database
        (temporary / PREFIXES_NAME).write_text(json.dumps(prefixes), encoding="utf-8")
        target = folder / key_of(hashes)
        try:
            os.rename(temporary, target)
        except OSError:
            if not target.is_dir():  # not another process's finished build: a real failure
                raise
    finally:
        if temporary.exists():
            shutil.rmtree(temporary, ignore_errors=True)
    _prune(folder, keep=target)
    return target, prefixes


def _read_prefixes(target: Path) -> Prefixes:
    """The prefixes kept beside a cached store.

    Raises:
        OSError: if there are none (a store cached before they were kept).
        ValueError: if they cannot be read.
    """
    pairs = json.loads((target / PREFIXES_NAME).read_text(encoding="utf-8"))
    if not isinstance(pairs, list) or not all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)
        for pair in pairs
    ):
        raise ValueError(f"{PREFIXES_NAME} is not a list of (prefix, namespace) pairs")
    return tuple((prefix, namespace) for prefix, namespace in pairs)


def _prune(folder: Path, keep: Path) -> None:
    """Remove cached stores beyond the :data:`KEEP_STORES` most recently built.

    With them go their stamps, and what builds and background writers killed half-way left
    (temporary folders and locks over :data:`STALE_BUILD` seconds old).
    """
    import shutil

    stores = sorted(
        (p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in stores[KEEP_STORES:]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)
    stamp.prune(folder, {p.name for p in folder.iterdir() if not p.name.startswith(".")})
    for left in [*folder.glob(".build-*"), *folder.glob(f"{WRITING}*")]:
        try:
            if left.stat().st_mtime < time.time() - STALE_BUILD:
                if left.is_dir():
                    shutil.rmtree(left, ignore_errors=True)
                else:
                    left.unlink()
        except OSError:
            continue  # removed meanwhile


class _DeclaredLater:
    """The prefixes of a graph loaded in memory, read from its files' texts when first asked.

    A question answered as JSON with plain parameter values never asks; reading them with
    the files took a third of a cold query's loading.
    """

    def __init__(self, loaded: LoadedGraph) -> None:
        self._loaded: LoadedGraph | None = loaded
        self._prefixes: Prefixes = ()

    def __iter__(self):
        if self._loaded is not None:
            self._prefixes, self._loaded = self._loaded.declared_prefixes(), None
        return iter(self._prefixes)


def _in_memory(root: GraphRoot) -> OpenedGraph:
    loaded = load_graph(root, parse_prefixes=False)
    return OpenedGraph(loaded.store, _DeclaredLater(loaded))


def _write_in_background(root: GraphRoot, folder: Path, key: str) -> None:
    """Start a process that builds the store cache (:mod:`dikg.graph.writer`) and outlives us.

    A lock file per key (created exclusively, removed by the writer) keeps two queries from
    starting two writers; one older than :data:`STALE_BUILD` is a killed writer's and taken
    over. The writer gets no terminal and no pipe of ours, so a caller reading our output is
    not kept waiting for it.
    """
    folder.mkdir(parents=True, exist_ok=True)
    lock = folder / f"{WRITING}{key}"
    try:
        if time.time() - lock.stat().st_mtime < STALE_BUILD:
            console.debug(f"store cache: {key[:12]} is being written by another process")
            return
        lock.unlink()
    except FileNotFoundError:
        pass
    try:
        os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return  # another query took it just now
    import subprocess  # here: a warm query, which starts no process, need not import it

    command = [sys.executable, "-m", "dikg.graph.writer", str(root.path), str(lock)]
    try:
        subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # not stopped by the Ctrl-C that stops the terminal's job
        )
    except OSError as error:
        lock.unlink(missing_ok=True)
        console.debug(f"store cache: cannot start its writer ({error})")
        return
    console.debug(f"store cache: writing {key[:12]} in the background")


def open_graph(root: GraphRoot, *, cache: bool = True, wait: bool = True) -> OpenedGraph:
    """The graph as a store to query, the cached one for the current files if possible.

    Args:
        root: the graph root.
        cache: use (and build if needed) the on-disk cache; False, or the environment
            variable ``DIKG_NO_CACHE`` set, loads into memory instead.
        wait: where the cache has no store for the current files, build it and then open it;
            False loads the files into memory for this call and leaves the cache to a
            background process (:func:`_write_in_background`), which answers sooner
            (``dikg query``); the environment variable ``DIKG_CACHE_WAIT`` set makes it wait.

    Returns:
        The store (the cached one is read-only) and the prefixes its files declare.

    Raises:
        InputError: naming the file and line of the first syntax error.
    """
    if not cache or os.environ.get(NO_CACHE_ENV):
        return _in_memory(root)
    folder = cache_dir()
    try:
        key = current_key(root)
        target = folder / key
        if (target / "store").is_dir():
            try:
                prefixes = _read_prefixes(target)
                store = ox.Store.read_only(str(target / "store"))
                console.debug(f"store cache: using {target}")
                return OpenedGraph(store, prefixes, target)
            except (OSError, RuntimeError, ValueError) as error:  # damaged: build it again
                import shutil

                console.debug(f"store cache: {target} is damaged ({error}); rebuilding")
                shutil.rmtree(target, ignore_errors=True)
        if not wait and not os.environ.get(WAIT_ENV):
            opened = _in_memory(root)  # a syntax error stops us before a writer is started
            try:
                _write_in_background(root, folder, key)
            except OSError as error:  # a cache folder we cannot write: answer all the same
                console.debug(f"store cache unusable ({error}); not written")
            return opened
        console.debug(f"store cache: building {target}")
        built, prefixes = build(root, folder)
        return OpenedGraph(ox.Store.read_only(str(built / "store")), prefixes, built)
    except (OSError, RuntimeError) as error:
        console.debug(f"store cache unusable ({error}); loading the graph into memory")
        return _in_memory(root)


def open_store(root: GraphRoot, *, cache: bool = True) -> ox.Store:
    """The graph as a store to query: :func:`open_graph` without the prefixes.

    Raises:
        InputError: naming the file and line of the first syntax error.
    """
    return open_graph(root, cache=cache).store


def declared_prefixes(root: GraphRoot, *, cache: bool = True) -> Prefixes:
    """The prefixes the graph's files declare, without opening a store (for an endpoint).

    Read from the store cache when it holds the current files, else from the files; a file
    that cannot be read or parsed is passed over, since the store asked is not built from it.
    """
    if cache and not os.environ.get(NO_CACHE_ENV):
        try:
            return _read_prefixes(cache_dir() / current_key(root))
        except (OSError, ValueError):
            pass
    loaded = LoadedGraph(ox.Store())
    for path in graph_files(root):
        try:
            loaded.add_file(root, path)
        except InputError:
            continue
    return loaded.declared_prefixes()
