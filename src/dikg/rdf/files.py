"""The graph's files: listing them, naming them, reading them, and writing files atomically."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from dikg.errors import InputError
from dikg.root import GraphRoot
from dikg.terms import GRAPH_IRI_BASE

if TYPE_CHECKING:
    from rdflib import URIRef

TURTLE_SUFFIX = ".ttl"
# The folders whose Turtle files make up the built graph (shapes and queries do not).
CONTENT_DIRS = ("ontology", "data")


def graph_files(root: GraphRoot, folders: Iterable[str] = CONTENT_DIRS) -> list[Path]:
    """List the Turtle files under some folders of the root in a stable order.

    Args:
        root: the graph root.
        folders: folders relative to the root; by default ontology/ and data/.

    Returns:
        Absolute paths, sorted by their path relative to the root.
    """
    return [Path(path) for path in graph_file_names(root, folders)]


def graph_file_names(root: GraphRoot, folders: Iterable[str] = CONTENT_DIRS) -> list[str]:
    """:func:`graph_files` as strings: what every warm query lists for its stamp.

    Strings and os.scandir, not pathlib: pathlib's rglob took 16 ms for 537 files, and making
    a Path of each of them 1.6 ms.
    """
    found: list[str] = []
    for folder in folders:
        base = root.path / folder
        if base.is_dir():
            _turtle_files(str(base), found)
    start = len(os.path.join(root.path, ""))
    found.sort(key=lambda path: path[start:].replace(os.sep, "/"))
    return found


def _turtle_files(folder: str, found: list[str]) -> None:
    """Add the Turtle files under ``folder`` to ``found`` (as rglob: no symlinked folders)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                _turtle_files(entry.path, found)
            elif entry.name.endswith(TURTLE_SUFFIX) and entry.is_file():
                found.append(entry.path)


def files_in(folder: Path, suffix: str) -> list[Path]:
    """Every file with ``suffix`` under ``folder``, recursively, sorted ([] without a folder)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob(f"*{suffix}") if p.is_file())


def graph_name(root: GraphRoot, path: Path) -> str:
    """The named-graph IRI of a source file, derived from its path in the root, as text.

    ``data/vocabularies/target-groups.ttl`` becomes
    ``https://w3id.org/dikg/id/graph/data-vocabularies-target-groups``.
    """
    relative = path.relative_to(root.path).with_suffix("").as_posix()
    slug = re.sub(r"[^a-z0-9]+", "-", relative.lower()).strip("-")
    return GRAPH_IRI_BASE + slug


def graph_iri(root: GraphRoot, path: Path) -> URIRef:
    """:func:`graph_name` as an rdflib IRI."""
    from rdflib import URIRef  # here, so that listing and reading files needs no rdflib

    return URIRef(graph_name(root, path))


def read_text(path: Path) -> str:
    """Read a file as UTF-8, turning every failure into an :class:`InputError`.

    Raises:
        InputError: if the file is missing, unreadable or not UTF-8.
    """
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=path, hint="check the path") from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path=path) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", path=path) from None
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        line = content.count(b"\n", 0, error.start) + 1
        raise InputError(
            f"not UTF-8 (byte 0x{content[error.start]:02x})",
            path=path,
            line=line,
            hint="save the file as UTF-8",
        ) from None


def atomic_write(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same directory.

    The rename is atomic on POSIX, so ``path`` holds either its old content or the new
    content, never a mixture, even if the process is killed half-way.

    Args:
        path: the file to write; its directory is created if needed.
        content: the bytes to store.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # here: the read-only commands (a warm query) need not import it

    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
