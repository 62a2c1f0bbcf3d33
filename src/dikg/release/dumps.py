"""The downloadable files of a release: the build's dumps, gzipped copies, the parts, checksums.

The dumps are what ``dikg build`` writes (:func:`dikg.publish.build.build` is called, not imitated).
Each is also gzipped deterministically (no file name, modification time 0, RFC 1952 section
2.3), and every file gets a SHA-256 checksum.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dikg.publish.build import DUMP_NAME, build
from dikg.rdf.files import atomic_write, graph_files
from dikg.root import GraphRoot

DOWNLOAD_DIR = "download"
CHECKSUMS_NAME = "SHA256SUMS"
# dump suffix -> RDF syntax name, in the order the DCAT distributions are listed
DUMP_SUFFIXES = ("ttl", "nt", "jsonld", "rdf", "trig")
# the graph's parts published as files of their own: (folder in the root, folder in download/)
PART_FOLDERS = (
    ("ontology", "ontology"),
    ("data/vocabularies", "vocabularies"),
    ("shapes", "shapes"),
)


@dataclass(frozen=True)
class FileInfo:
    """A file of the release.

    Attributes:
        relative: its path relative to the output directory, with forward slashes.
        size: its length in bytes.
        sha256: the hex SHA-256 digest of its content.
    """

    relative: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Dump:
    """One dump in one syntax, plain and gzipped."""

    suffix: str
    plain: FileInfo
    gzipped: FileInfo


def gzip_bytes(content: bytes) -> bytes:
    """Gzip ``content`` so that the same bytes always give the same archive.

    The header carries no file name and modification time 0; the compression level is fixed.
    """
    return gzip.compress(content, compresslevel=9, mtime=0)


def file_info(out: Path, path: Path) -> FileInfo:
    """Size and SHA-256 of a written file."""
    content = path.read_bytes()
    return FileInfo(
        path.relative_to(out).as_posix(), len(content), hashlib.sha256(content).hexdigest()
    )


def write_file(out: Path, relative: str, content: bytes) -> FileInfo:
    """Write ``content`` atomically to ``out/relative`` and describe it."""
    atomic_write(out / relative, content)
    return FileInfo(relative, len(content), hashlib.sha256(content).hexdigest())


def write_dumps(root: GraphRoot, out: Path) -> tuple[list[Dump], list[FileInfo], dict]:
    """Build the dumps into ``out/download/`` and gzip each of them.

    Returns:
        The dumps, every file written (build extras such as summary.json included), and the
        build's summary.
    """
    download = out / DOWNLOAD_DIR
    result = build(root, download)
    written = [file_info(out, path) for path in result.files]
    dumps = []
    for suffix in DUMP_SUFFIXES:
        plain = out / DOWNLOAD_DIR / f"{DUMP_NAME}.{suffix}"
        gz_relative = f"{DOWNLOAD_DIR}/{DUMP_NAME}.{suffix}.gz"
        gzipped = write_file(out, gz_relative, gzip_bytes(plain.read_bytes()))
        written.append(gzipped)
        dumps.append(Dump(suffix, file_info(out, plain), gzipped))
    return dumps, written, result.summary


def write_parts(root: GraphRoot, out: Path) -> list[FileInfo]:
    """Copy the ontology, each vocabulary and the shapes into ``out/download/`` byte for byte.

    The source files are already in canonical Turtle (``dikg fmt --check`` in CI).
    """
    written = []
    for source, target in PART_FOLDERS:
        for path in graph_files(root, folders=(source,)):
            relative = f"{DOWNLOAD_DIR}/{target}/{path.relative_to(root.path / source).as_posix()}"
            written.append(write_file(out, relative, path.read_bytes()))
    return written


def checksum_lines(files: Iterable[tuple[str, str]]) -> Iterator[bytes]:
    """``sha256sum`` lines (digest, two spaces, relative path) of (path, digest), by path."""
    for relative, digest in sorted(files):
        yield f"{digest}  {relative}\n".encode()


def checksums_text(files: list[FileInfo]) -> bytes:
    """``sha256sum`` format (two spaces, relative path), sorted by path."""
    return b"".join(checksum_lines((info.relative, info.sha256) for info in files))
