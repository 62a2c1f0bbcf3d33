"""A cheap stamp of the graph's files, and the store cache's key remembered for it.

The store cache is keyed by a hash of the files' contents (:func:`dikg.graph.store.source_key`),
which means reading every file on every query. A stamp is what ``stat`` says of each file
instead: its path relative to the root, size, modification and change times (nanoseconds),
inode and device. The key found for a stamp is kept in the cache folder (one small file per
stamp under :data:`STAMPS`), so that as long as no file is touched the contents are not read.

Why this cannot miss an edit:

- an added, removed or renamed file changes the list of paths;
- every write to a file, and every change of its modification time (``touch -d``,
  ``os.utime``, ``rsync -t``), sets its change time (ctime) to the kernel's clock, which no
  program can set back: so an edit that keeps the size and puts the modification time back
  still changes the stamp;
- a file replaced by another (an editor's save-by-rename) has another inode;
- a stamp is remembered only when every file's change time is :data:`SETTLE_SECONDS` older than
  the clock: a file written again within the granularity of the file system's timestamps could
  otherwise keep its change time with new contents (what git calls "racily clean"). Until then
  the contents are hashed on every run.

On Windows the change time is the creation time, so stamps are never remembered there.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dikg.rdf.files import atomic_write
from dikg.root import GraphRoot

STAMPS = ".stamps"  # in the cache folder: one file per stamp, holding the key found for it
SETTLE_SECONDS = 2.0  # how old every change must be before a stamp is remembered
_KEY = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Stamp:
    """The stamp of the graph's files.

    Attributes:
        digest: a hash of versions, paths and what ``stat`` says of each file.
        settled: whether it may be remembered (no file changed in the last
            :data:`SETTLE_SECONDS`).
    """

    digest: str
    settled: bool


def stamp(root: GraphRoot, files: Sequence[str | Path], versions: bytes) -> Stamp:
    """The stamp of ``files`` (the graph's, as :func:`dikg.rdf.files.graph_file_names` lists them).

    Args:
        root: the graph root (paths in the stamp are relative to it).
        files: the files, in a stable order.
        versions: what else the key depends on (the dikg and pyoxigraph versions).
    """
    digest = hashlib.sha256(versions)
    newest = 0
    # the files are under the root: slicing is cheaper than relative_to
    start = len(os.path.join(root.path, ""))
    for path in files:
        try:
            info = os.stat(path)
        except OSError:
            # not a stamp that can be trusted: hash the contents, where the error is reported
            return Stamp(digest.hexdigest(), False)
        digest.update(str(path)[start:].replace(os.sep, "/").encode() + b"\0")
        fields = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)
        digest.update(" ".join(map(str, fields)).encode() + b"\0")
        newest = max(newest, info.st_ctime_ns, info.st_mtime_ns)
    settled = os.name != "nt" and newest < time.time_ns() - int(SETTLE_SECONDS * 1e9)
    return Stamp(digest.hexdigest(), settled)


def recall(folder: Path, digest: str) -> str | None:
    """The key remembered for a stamp in the cache ``folder``, if any."""
    try:
        key = (folder / STAMPS / digest).read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return None
    return key if _KEY.fullmatch(key) else None


def remember(folder: Path, digest: str, key: str) -> None:
    """Keep ``key`` as the key of the files with stamp ``digest`` (quietly not, on failure)."""
    # where the cache folder is unusable, the contents are simply hashed again next time
    with contextlib.suppress(OSError):
        atomic_write(folder / STAMPS / digest, key.encode("ascii"))


def prune(folder: Path, keys: set[str]) -> None:
    """Forget the stamps of stores no longer in the cache (whose key is not in ``keys``)."""
    stamps = folder / STAMPS
    if not stamps.is_dir():
        return
    for path in stamps.iterdir():
        if recall(folder, path.name) not in keys:
            path.unlink(missing_ok=True)
