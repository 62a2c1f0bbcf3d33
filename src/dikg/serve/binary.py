"""Find the Oxigraph server program (the ``oxigraph`` package on PyPI installs it)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from dikg.errors import InputError

BINARY_ENV = "DIKG_OXIGRAPH"
_NAME = "oxigraph"


def oxigraph_binary() -> Path:
    """The ``oxigraph`` program: ``$DIKG_OXIGRAPH``, else next to this Python, else on PATH.

    Raises:
        InputError: if it cannot be found or run, with how to install it.
    """
    explicit = os.environ.get(BINARY_ENV)
    candidates = (
        [Path(explicit).expanduser()]
        if explicit
        else [Path(sys.executable).parent / _NAME, Path(shutil.which(_NAME) or _NAME)]
    )
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    where = f"{BINARY_ENV}={explicit}" if explicit else "next to this Python or on PATH"
    raise InputError(
        f"the Oxigraph server program is not installed ({where})",
        hint="pip install 'dikg[serve]' (the `oxigraph` package on PyPI), "
        f"or point {BINARY_ENV} at an oxigraph binary",
    )
