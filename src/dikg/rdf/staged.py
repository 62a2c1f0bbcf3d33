"""A set of files written whole or not at all, streamed to disk rather than held in memory.

Each file is written to a temporary file in its folder (so that large output never needs to
fit in memory next to the data it comes from) while its SHA-256 is computed; only when every
file is written are they renamed into place, each rename atomic on POSIX. A failure before
that leaves the folder as it was, as :func:`dikg.rdf.files.atomic_write` does for one file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from types import TracebackType


class StagedFile:
    """A temporary file being written: a binary writer (``write``, ``flush``) with a digest."""

    def __init__(self, folder: Path, name: str) -> None:
        """Open a temporary file for ``name`` in ``folder``."""
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        self.tmp = Path(tmp)
        self._handle = os.fdopen(fd, "wb")
        self._digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        """Write bytes (pyoxigraph's serializers call this with chunks of their output)."""
        self._digest.update(data)
        return self._handle.write(data)

    def flush(self) -> None:
        """Flush Python's buffer (the data reach the disk at :meth:`close`)."""
        self._handle.flush()

    def close(self) -> str:
        """Sync and close the file; return the hex SHA-256 of what was written."""
        if not self._handle.closed:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            os.chmod(self.tmp, 0o644)
        return self._digest.hexdigest()


class StagedFiles:
    """Files of one folder staged together; use as a context manager, then :meth:`commit`."""

    def __init__(self, folder: Path) -> None:
        """Stage files for ``folder`` (created if needed)."""
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self._staged: dict[str, StagedFile] = {}

    def open(self, name: str) -> StagedFile:
        """A writer for the file ``name``; close it (or let :meth:`commit` close it) when done."""
        staged = StagedFile(self.folder, name)
        self._staged[name] = staged
        return staged

    def write(self, name: str, content: bytes) -> None:
        """Stage a file whose whole content is at hand."""
        staged = self.open(name)
        staged.write(content)
        staged.close()

    def digests(self) -> dict[str, str]:
        """Close every file staged so far; name -> hex SHA-256 of its content."""
        return {name: staged.close() for name, staged in self._staged.items()}

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
            staged.tmp.unlink(missing_ok=True)
        self._staged.clear()
