"""The on-disk Oxigraph store that ``dikg serve`` serves: one named graph per source file.

With ``--store DIR`` the store persists in ``DIR/store`` next to a stamp, ``DIR/dikg-store.json``,
holding the hash of the source files it was built from (the store cache's key,
:func:`dikg.graph.store.key_of`, compared with :func:`dikg.graph.store.source_key`). The
store is rebuilt only when that hash changed, or when a writable server may have changed it and
a read-only one is asked for. A rebuild happens in a temporary directory beside it and is
renamed into place, so an interrupted rebuild leaves the previous store whole. Without
``--store`` a temporary directory is used and removed when the server stops.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from dikg import console
from dikg.errors import InputError
from dikg.graph.store import source_key
from dikg.rdf.files import atomic_write
from dikg.root import GraphRoot
from dikg.serve.fill import fill

STORE_NAME = "store"
STAMP_NAME = "dikg-store.json"


@dataclass(frozen=True)
class PreparedStore:
    """A store directory ready to be served.

    Attributes:
        location: the Oxigraph database directory.
        reused: True if an existing store was kept because the graph had not changed.
        triples: how many triples (quads) it holds.
        graphs: how many named graphs it holds.
        temporary: a directory to remove when the server stops, if any.
    """

    location: Path
    reused: bool
    triples: int
    graphs: int
    temporary: Path | None = None


def _read_stamp(folder: Path) -> dict:
    try:
        stamp = json.loads((folder / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamp if isinstance(stamp, dict) else {}


def _check_folder(folder: Path) -> None:
    """Refuse a --store directory that holds anything but a dikg store."""
    if folder.exists() and not folder.is_dir():
        raise InputError("--store must be a directory", path=folder)
    if not folder.is_dir():
        return
    ours = (STORE_NAME, STAMP_NAME)
    foreign = [p.name for p in folder.iterdir() if p.name not in ours and p.name[0] != "."]
    if foreign:
        raise InputError(
            f"--store holds files that are not a dikg store ({', '.join(sorted(foreign)[:3])})",
            path=folder,
            hint="give an empty or new directory, or one an earlier `dikg serve --store` made",
        )


def prepare_store(root: GraphRoot, folder: Path | None, *, writable: bool) -> PreparedStore:
    """Make the store to serve: reuse ``folder``'s if it holds the current graph, else build it.

    Args:
        root: the graph root.
        folder: the ``--store`` directory, or None for a temporary store.
        writable: whether the server will accept updates (which may change the store).

    Raises:
        InputError: for a syntax error in the graph, or an unusable ``--store`` directory.
    """
    if folder is None:
        temporary = Path(tempfile.mkdtemp(prefix="dikg-serve-"))
        try:
            triples, graphs, _ = fill(temporary / STORE_NAME, root)
        except BaseException:
            shutil.rmtree(temporary, ignore_errors=True)
            raise
        return PreparedStore(temporary / STORE_NAME, False, triples, graphs, temporary)

    _check_folder(folder)
    key = source_key(root)
    stamp = _read_stamp(folder)
    location = folder / STORE_NAME
    changed_by_server = bool(stamp.get("writable")) and not writable
    counted = isinstance(stamp.get("triples"), int) and isinstance(stamp.get("graphs"), int)
    if stamp.get("key") == key and counted and location.is_dir() and not changed_by_server:
        console.debug(f"serve: the store in {folder} holds the current graph; not reloading")
        stamp = {**stamp, "writable": bool(stamp.get("writable")) or writable}
        atomic_write(folder / STAMP_NAME, json.dumps(stamp).encode())
        return PreparedStore(location, True, int(stamp["triples"]), int(stamp["graphs"]))

    try:
        folder.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=".build-", dir=folder))
    except OSError as error:
        raise InputError(f"cannot write the store: {error.strerror}", path=folder) from None
    try:
        triples, graphs, key = fill(building / STORE_NAME, root)
        (folder / STAMP_NAME).unlink(missing_ok=True)  # no stamp while the store is swapped
        if location.exists():
            os.rename(location, building / "previous")
        os.rename(building / STORE_NAME, location)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    stamp = {"key": key, "writable": writable, "triples": triples, "graphs": graphs}
    atomic_write(folder / STAMP_NAME, json.dumps(stamp).encode())
    console.debug(f"serve: built the store in {folder} ({triples} triples)")
    return PreparedStore(location, False, triples, graphs)
