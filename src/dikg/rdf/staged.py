"""A set of files written whole or not at all, streamed to disk rather than held in memory.

Each file is written to a temporary file in its folder (so that large output never needs to
fit in memory next to the data it comes from) while its SHA-256 is computed; only when every
file is written are they renamed into place, each rename atomic on POSIX. A failure before
that leaves the folder as it was, as :func:`dikg.rdf.files.atomic_write` does for one file.
Names may have folders (``id/measure/x.html``): the build stages a handful of dumps, the site
of ``dikg publish`` hundreds of thousands of pages, so a written file keeps only its size and
digest.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from types import TracebackType
from typing import BinaryIO


class StagedFile:
    """A temporary file being written: a binary writer (``write``, ``flush``) with a digest.

    Attributes:
        tmp: the temporary file, beside the file it will replace.
        size: the bytes written so far.
    """

    __slots__ = ("_digest", "_handle", "_hex", "size", "tmp")

    def __init__(self, target: Path) -> None:
        """Open a temporary file for ``target`` in its folder."""
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        self.tmp = tmp
        self.size = 0
        self._handle: BinaryIO | None = os.fdopen(fd, "wb")
        self._digest: hashlib._Hash | None = hashlib.sha256()
        self._hex = ""

    def write(self, data: bytes) -> int:
        """Write bytes (pyoxigraph's serializers call this with chunks of their output)."""
        assert self._handle is not None and self._digest is not None, "written after close"
        self._digest.update(data)
        self.size += len(data)
        return self._handle.write(data)

    def flush(self) -> None:
        """Flush Python's buffer (the data reach the disk at :meth:`close`)."""
        if self._handle is not None:
            self._handle.flush()

    def close(self) -> str:
        """Sync and close the file; return the hex SHA-256 of what was written."""
        if self._handle is not None and self._digest is not None:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            os.chmod(self.tmp, 0o644)
            # a closed file keeps its digest only: a site stages hundreds of thousands
            self._hex, self._handle, self._digest = self._digest.hexdigest(), None, None
        return self._hex


class StagedFiles:
    """Files of one folder staged together; use as a context manager, then :meth:`commit`."""

    def __init__(self, folder: Path) -> None:
        """Stage files for ``folder`` (created if needed)."""
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self._staged: dict[str, StagedFile] = {}

    def open(self, name: str) -> StagedFile:
        """A writer for the file ``name`` (a path relative to the folder, with ``/``).

        Close it (or let :meth:`commit` close it) when done.

        Raises:
            ValueError: if ``name`` was staged already (two parts of a program writing one
                file: the first would be lost).
        """
        if name in self._staged:
            raise ValueError(f"{name} is staged twice")
        target = self.folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        staged = StagedFile(target)
        self._staged[name] = staged
        return staged

    def write(self, name: str, content: bytes) -> None:
        """Stage a file whose whole content is at hand."""
        staged = self.open(name)
        staged.write(content)
        staged.close()

    def __contains__(self, name: object) -> bool:
        """Whether ``name`` is staged."""
        return name in self._staged

    def names(self) -> list[str]:
        """The names staged so far, in the order staged."""
        return list(self._staged)

    def digests(self) -> dict[str, str]:
        """Close every file staged so far; name -> hex SHA-256 of its content."""
        return {name: digest for name, _, digest in self.files()}

    def files(self) -> list[tuple[str, int, str]]:
        """Close every file staged so far; (name, length in bytes, hex SHA-256) of each."""
        return [(name, staged.size, staged.close()) for name, staged in self._staged.items()]

    def commit(self) -> list[Path]:
        """Close every file and rename each into place, in the order staged."""
        written = []
        for name, staged in self._staged.items():
            staged.close()
            os.replace(staged.tmp, self.folder / name)
            written.append(self.folder / name)
        self._staged.clear()
        return written

    def __enter__(self) -> StagedFiles:
        """Start staging."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Remove every file not committed (all of them, after a failure)."""
        for staged in self._staged.values():
            staged.close()
            Path(staged.tmp).unlink(missing_ok=True)
        self._staged.clear()
