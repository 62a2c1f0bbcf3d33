"""The embedded SPARQL store: the graph's files loaded into pyoxigraph.

Each file becomes a named graph (IRI from :func:`dikg.rdf.files.graph_iri`), and queries
see the union of all of them as their default graph.

:func:`load_store` parses the Turtle into memory on every call. :func:`open_store` keeps a
persistent on-disk store per version of the source files instead: the cache key is a hash of
the dikg and pyoxigraph versions and of every source file's path (relative to the root) and
content, so any change to a file, a new file or a removed one gives a new key. A store is
built in a temporary directory and renamed into place, so a reader never sees a half-built
one; it is then opened read-only, which several processes may do at once.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from dikg import __version__, console
from dikg.graph.loaded import LoadedGraph, load_graph
from dikg.rdf.files import graph_files
from dikg.root import GraphRoot

CACHE_ENV = "DIKG_CACHE_DIR"
NO_CACHE_ENV = "DIKG_NO_CACHE"
KEEP_STORES = 8  # older cached stores than the newest few are removed


def _load_into(store: ox.Store, root: GraphRoot) -> LoadedGraph:
    """Load ontology/ and data/ into ``store``, one named graph per file (:mod:`.loaded`).

    Raises:
        InputError: naming the file and line of the first syntax error.
    """
    return load_graph(root, store=store)


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


def source_key(root: GraphRoot) -> str:
    """A hash of what the store is built from: versions, file paths and file contents."""
    digest = hashlib.sha256()
    digest.update(f"dikg {__version__}\0pyoxigraph {ox.__version__}\0".encode())
    for path in graph_files(root):
        digest.update(path.relative_to(root.path).as_posix().encode() + b"\0")
        try:
            content = path.read_bytes()
        except OSError:
            content = b""  # read_text reports it properly when the store is built
        digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()


def _build(root: GraphRoot, folder: Path, key: str) -> Path:
    """Build the store for ``key`` in a temporary directory and rename it into place."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / key
    temporary = Path(tempfile.mkdtemp(prefix=f".build-{key[:12]}-", dir=folder))
    try:
        store = ox.Store(str(temporary / "store"))
        _load_into(store, root)
        store.flush()
        del store  # closes the database
        try:
            os.rename(temporary, target)
        except OSError:
            if not target.is_dir():  # not another process's finished build: a real failure
                raise
    finally:
        if temporary.exists():
            shutil.rmtree(temporary, ignore_errors=True)
    _prune(folder, keep=target)
    return target


def _prune(folder: Path, keep: Path) -> None:
    """Remove cached stores beyond the :data:`KEEP_STORES` most recently built."""
    stores = sorted(
        (p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in stores[KEEP_STORES:]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


def open_store(root: GraphRoot, *, cache: bool = True) -> ox.Store:
    """The graph as a store to query: the cached one for the current files if possible.

    Args:
        root: the graph root.
        cache: use (and build if needed) the on-disk cache; False, or the environment
            variable ``DIKG_NO_CACHE`` set, loads into memory instead.

    Returns:
        A store; the cached one is read-only.

    Raises:
        InputError: naming the file and line of the first syntax error.
    """
    if not cache or os.environ.get(NO_CACHE_ENV):
        return load_store(root)
    folder = cache_dir()
    key = source_key(root)
    target = folder / key
    try:
        if (target / "store").is_dir():
            try:
                store = ox.Store.read_only(str(target / "store"))
                console.debug(f"store cache: using {target}")
                return store
            except (OSError, RuntimeError) as error:  # damaged: build it again
                console.debug(f"store cache: {target} is damaged ({error}); rebuilding")
                shutil.rmtree(target, ignore_errors=True)
        console.debug(f"store cache: building {target}")
        return ox.Store.read_only(str(_build(root, folder, key) / "store"))
    except (OSError, RuntimeError) as error:
        console.debug(f"store cache unusable ({error}); loading the graph into memory")
        return load_store(root)
