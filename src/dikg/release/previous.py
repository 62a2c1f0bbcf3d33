"""The previous release that release notes compare against: a directory, an RDF file or a URL.

A URL names a published release as ``dikg publish`` lays it out (``https://host/dikg/``):
its graph is ``download/dikg.nt.gz`` (or, where that is missing, ``download/dikg.nt``) and its
version the ``dcat:version`` in ``dcat.ttl``. A URL that ends in an RDF file name
(``…/dikg.nt``, ``…/dikg.ttl.gz``) is that graph alone, without a version. Only http and
https are fetched, redirects included; every download has a timeout and a size limit
(gzip counted after decompression), and any failure is an :class:`~dikg.errors.InputError`
(exit 2) that names the URL.
"""

from __future__ import annotations

import gzip
import io
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal

from dikg import __version__
from dikg.errors import InputError
from dikg.publish.build import DUMP_NAME
from dikg.release.dcat import DATASET, DCAT
from dikg.release.dumps import DOWNLOAD_DIR
from dikg.release.snapshot import SUFFIXES_TEXT, Snapshot, read_snapshot, syntax_of

DCAT_FILE = "dcat.ttl"
TIMEOUT = 30.0  # seconds per request
MAX_BYTES = 256 * 1024 * 1024  # per file, after decompression
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
_HTTP = ("http", "https")
# in a publish or build directory, the dump a diff reads
DIFF_DUMP = f"{DUMP_NAME}.nt"


@dataclass(frozen=True)
class Previous:
    """A previous release: its graph, its version if it states one, and where it came from."""

    snapshot: Snapshot
    version: str | None
    source: str


def is_url(text: str) -> bool:
    """Whether ``--previous`` names a URL (any ``scheme://``) rather than a path."""
    return bool(_SCHEME.match(text))


def version_of(metadata: Graph) -> str | None:
    """The ``dcat:version`` of the dataset in a release's DCAT metadata, if any."""
    version = metadata.value(DATASET, DCAT.version)
    return str(version) if isinstance(version, Literal) else None


def previous_version(previous: Path) -> str | None:
    """The ``dcat:version`` of a previous publish directory, if it has one."""
    metadata = previous / DCAT_FILE
    if not previous.is_dir() or not metadata.is_file():
        return None
    return version_of(Graph().parse(metadata, format="turtle"))


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http and https only (urllib would follow one to ftp too)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).scheme.lower() not in _HTTP:
            raise urllib.error.URLError(f"redirected to {newurl}, which is not http(s)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HttpOnlyRedirects)


class _NotFound(Exception):
    """HTTP 404 or 410: the file is not part of that release."""


def _fail(url: str, problem: str) -> InputError:
    return InputError(
        f"--previous {url}: {problem}",
        hint="give the URL of a `dikg publish` output directory (it holds dcat.ttl and "
        f"{DOWNLOAD_DIR}/{DUMP_NAME}.nt.gz), a publish directory or an RDF file",
    )


def _limited(stream, url: str, max_bytes: int) -> bytes:
    content = stream.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise _fail(url, f"larger than the limit of {max_bytes} bytes")
    return content


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> bytes:
    """GET one file of a release, gunzipped when its name ends in ``.gz``.

    Args:
        url: an http(s) URL.
        timeout: seconds to wait for the server, per request.
        max_bytes: the most bytes accepted (after decompression).

    Raises:
        _NotFound: on HTTP 404 or 410.
        InputError: on any other failure, naming ``url``.
    """
    request = urllib.request.Request(url, headers={"User-Agent": f"dikg/{__version__}"})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            content = _limited(response, url, max_bytes)
    except urllib.error.HTTPError as error:
        if error.code in (404, 410):
            raise _NotFound(url) from None
        raise _fail(url, f"HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise _fail(url, f"cannot fetch: {error.reason}") from None
    except (TimeoutError, OSError) as error:
        raise _fail(url, f"cannot fetch: {error}") from None
    if urllib.parse.urlsplit(url).path.endswith(".gz"):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(content)) as unpacked:
                content = _limited(unpacked, url, max_bytes)
        except (OSError, EOFError) as error:
            raise _fail(url, f"not a gzip file: {error}") from None
    return content


def _parse(content: bytes, url: str, fmt: str) -> Graph:
    try:
        return Graph().parse(data=content, format=fmt)
    except Exception as error:  # rdflib's parsers raise many kinds of errors
        raise _fail(url, f"cannot parse as {fmt}: {error}".splitlines()[0]) from None


def _snapshot(content: bytes, url: str) -> Snapshot:
    """The graph a URL names (fetched as ``content``, already gunzipped) as a snapshot."""
    syntax = syntax_of(urllib.parse.urlsplit(url).path.rsplit("/", 1)[-1].removesuffix(".gz"))
    if syntax is None:
        raise _fail(url, "unknown RDF syntax")
    try:
        return read_snapshot(content, syntax, base_iri=url)
    except ValueError as error:
        raise _fail(url, str(error)) from None


def read_remote(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Previous:
    """Fetch a previous release (or one RDF file of one) from an http(s) URL.

    ``timeout`` and ``max_bytes`` apply to each file (see :func:`fetch`).

    Raises:
        InputError: for another scheme, or a release that cannot be fetched or parsed.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in _HTTP or not parts.hostname:
        raise _fail(url, "only http:// and https:// URLs are fetched")
    if syntax_of(parts.path.rsplit("/", 1)[-1]) is not None:
        try:
            return Previous(
                _snapshot(fetch(url, timeout=timeout, max_bytes=max_bytes), url), None, url
            )
        except _NotFound:
            raise _fail(url, "not found (HTTP 404)") from None
    base = url if url.endswith("/") else url + "/"
    snapshot = None
    for dump in (f"{DUMP_NAME}.nt.gz", f"{DUMP_NAME}.nt"):
        where = urllib.parse.urljoin(base, f"{DOWNLOAD_DIR}/{dump}")
        try:
            snapshot = _snapshot(fetch(where, timeout=timeout, max_bytes=max_bytes), where)
            break
        except _NotFound:
            continue
    if snapshot is None:
        raise _fail(url, f"no {DOWNLOAD_DIR}/{DUMP_NAME}.nt.gz or {DOWNLOAD_DIR}/{DUMP_NAME}.nt")
    metadata_url = urllib.parse.urljoin(base, DCAT_FILE)
    try:
        version = version_of(
            _parse(
                fetch(metadata_url, timeout=timeout, max_bytes=max_bytes), metadata_url, "turtle"
            )
        )
    except _NotFound:
        version = None  # an RDF dump without the publish metadata: notes without a version
    return Previous(snapshot, version, url)


def read_previous(where: str | Path) -> Previous:
    """The previous release named by ``--previous``: a URL, a publish directory or an RDF file.

    Raises:
        InputError: if it cannot be read.
    """
    if isinstance(where, str) and is_url(where):
        return read_remote(where)
    path = Path(where)
    return Previous(read_local(path), previous_version(path), str(path))


def read_local(path: Path) -> Snapshot:
    """Read one side of a diff from disk: an RDF file, or a publish or build directory.

    Raises:
        InputError: if the path is missing, holds no dump, or cannot be parsed.
    """
    if path.is_dir():
        for candidate in (path / DOWNLOAD_DIR / DIFF_DUMP, path / DIFF_DUMP):
            if candidate.is_file():
                path = candidate
                break
        else:
            raise InputError(
                f"is a directory without {DOWNLOAD_DIR}/{DIFF_DUMP} or {DIFF_DUMP}",
                path=path,
                hint="give the output directory of `dikg publish` or `dikg build`, or an RDF file",
            )
    if not path.is_file():
        raise InputError("no such file or directory", path=path)
    syntax = syntax_of(path.name)
    if syntax is None:
        raise InputError("unknown RDF syntax", path=path, hint=f"name it {SUFFIXES_TEXT}")
    try:
        return read_snapshot(path, syntax)
    except ValueError as error:
        raise InputError(str(error), path=path) from None
