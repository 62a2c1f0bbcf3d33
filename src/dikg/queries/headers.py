"""The YAML of the queries' ``#+`` headers, each text parsed once and kept as JSON.

Importing PyYAML takes a warm ``dikg query`` longer than many answers do, and a header's
meaning depends on its text alone. So the parse of a header is kept beside the store cache
(:func:`dikg.graph.store.cache_dir`, in :data:`HEADERS`), as JSON under a hash of the text, and
PyYAML is imported only for a header not seen before. A header that JSON cannot hold as YAML
read it (a date, say) is parsed every time; ``DIKG_NO_CACHE`` turns the keeping off. The
folder keeps at most :data:`KEEP_HEADERS` parses: writing one more removes the oldest written
(one still in use is parsed and written again when it is next asked for).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os

from dikg.graph.store import NO_CACHE_ENV, cache_dir
from dikg.rdf.files import atomic_write

HEADERS = ".headers"  # in the cache folder: one JSON file per header text
KEEP_HEADERS = 2000  # about 2 MB: every header of many versions of many graphs


class HeaderError(ValueError):
    """A header that is not valid YAML (the parser's message as the text)."""


def _parse(text: str) -> object:
    import yaml  # here: see the module's docstring

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise HeaderError(str(error)) from None


def load_yaml(text: str) -> object:
    """The YAML ``text`` parsed, from the cache where it was parsed before.

    Raises:
        HeaderError: if it is not valid YAML.
    """
    if os.environ.get(NO_CACHE_ENV):
        return _parse(text)
    path = cache_dir() / HEADERS / f"{hashlib.sha256(text.encode()).hexdigest()}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass  # not parsed before (or unreadable): parse it
    value = _parse(text)
    try:
        kept = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return value  # not JSON (a date, ...): parsed every time
    # kept only if JSON gives back what YAML gave (no int keys, ...); where the cache folder
    # is unusable, it is parsed again next time
    if json.loads(kept) == value:
        with contextlib.suppress(OSError):
            atomic_write(path, kept.encode("utf-8"))
            _prune(path.parent)
    return value


def _prune(folder) -> None:
    """Remove the oldest written parses beyond :data:`KEEP_HEADERS`."""
    kept = []
    for entry in os.scandir(folder):
        with contextlib.suppress(OSError):  # removed meanwhile by another process
            kept.append((entry.stat().st_mtime_ns, entry.path))
    kept.sort(reverse=True)
    for _, path in kept[KEEP_HEADERS:]:
        with contextlib.suppress(OSError):
            os.unlink(path)
