"""The shapes of ``shapes/*.ttl``, parsed and split once, then kept on disk for later runs.

Parsing the shapes into rdflib and splitting them (:func:`dikg.validate.shacl.split_shapes`)
takes a fresh ``dikg validate ENTRY`` about 0.06 s of CPU (0.015 s from the pickle, key
included), and the result depends on the shape files alone. So :func:`shapes_of` keeps it as
a pickle in the cache folder (:func:`dikg.graph.store.cache_dir`, under :data:`SHAPES`),
named by a key (:func:`shapes_key`) that changes with

- the shape files: their paths and contents (hashed on every run; about 100 KB, well under a
  millisecond), and the folder they are in (relative IRIs resolve against it);
- the versions of dikg, Python, rdflib, pyoxigraph, pySHACL and pyshacl-turbo;
- the source of the modules that parse and split the shapes (:data:`BUILDERS`), so that a
  development checkout, whose version does not change, never reads a split of older code.

A pickle is written atomically (a temporary file renamed into place) and carries a SHA-256
of its payload: a damaged one (truncated, overwritten, of another format) is rebuilt
silently. Loading a pickle can run code, so only the user's own cache folder is read, never
a file of the graph root; the digest detects damage, not tampering. ``DIKG_NO_CACHE`` turns
the keeping off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from rdflib import RDF, SH, Graph

from dikg import __version__
from dikg.graph.store import NO_CACHE_ENV, cache_dir
from dikg.rdf.files import TURTLE_SUFFIX, atomic_write, files_in
from dikg.rdf.parse import parse_turtle_fast
from dikg.root import GraphRoot
from dikg.validate.shacl import SplitShapes, split_shapes

SHAPES = ".shapes"  # in the cache folder: one pickle per key
KEEP = 8  # pickles of older shapes than the newest few are removed
FORMAT = b"dikg-shapes 1\n"  # the first line of every pickle; a new format gets a new number
_PACKAGE = Path(__file__).resolve().parents[1]
BUILDERS = ("validate/shapes.py", "validate/shacl.py", "rdf/parse.py", "rdf/convert.py")


def load_shapes(root: GraphRoot) -> Graph:
    """Merge every ``shapes/*.ttl`` file into one shapes graph.

    Raises:
        InputError: naming the file and line of a syntax error.
    """
    shapes = Graph(bind_namespaces="core")
    for path in files_in(root.shapes, TURTLE_SUFFIX):
        parse_turtle_fast(path, into=shapes)
    return shapes


def shape_count(shapes: Graph) -> int:
    """The number of named node and property shapes."""
    kinds = (SH.NodeShape, SH.PropertyShape)
    return len({s for kind in kinds for s in shapes.subjects(RDF.type, kind)})


@dataclass
class Shapes:
    """The shapes as validation uses them.

    Attributes:
        split: the shapes graph split (:func:`dikg.validate.shacl.split_shapes`).
        namespaces: the prefixes the shape files declare, with rdflib's core ones; each
            namespace an rdflib URIRef as the shapes graph gives it (a URIRef is not equal
            to the same string: :class:`dikg.terms.Names` would keep other prefixes).
        count: the number of shapes (:func:`shape_count`).
    """

    split: SplitShapes
    namespaces: dict[str, str]
    count: int


def prepare(shapes: Graph) -> Shapes:
    """Split a shapes graph and note its prefixes and size."""
    return Shapes(split_shapes(shapes), dict(shapes.namespaces()), shape_count(shapes))


def shapes_of(root: GraphRoot) -> Shapes:
    """The root's shapes, from the cache where they were prepared before, else prepared now.

    Raises:
        InputError: naming the file and line of a syntax error in a shape file.
        ShapesError: for a shape that dikg cannot run.
    """
    if os.environ.get(NO_CACHE_ENV):
        return prepare(load_shapes(root))
    path = cache_dir() / SHAPES / f"{shapes_key(root)}.pickle"
    kept = _read(path)
    if kept is not None:
        return kept
    shapes = prepare(load_shapes(root))
    _write(path, shapes)
    return shapes


def shapes_key(root: GraphRoot) -> str:
    """The key of the prepared shapes of ``root`` (see the module's docstring)."""
    digest = hashlib.sha256(FORMAT)
    versions = [__version__, sys.version]
    versions += [_version(name) for name in ("rdflib", "pyoxigraph", "pyshacl", "pyshacl-turbo")]
    digest.update("\0".join(versions).encode() + b"\0")
    for builder in BUILDERS:
        digest.update((_PACKAGE / builder).read_bytes() + b"\0")
    digest.update(str(root.shapes.resolve()).encode() + b"\0")
    for path in files_in(root.shapes, TURTLE_SUFFIX):
        # a file that cannot be read gives a key of its own; parsing it then says what is wrong
        try:
            content = path.read_bytes()
        except OSError as error:
            content = repr(error).encode()
        relative = path.relative_to(root.shapes).as_posix().encode()
        digest.update(relative + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "-"


def _read(path: Path) -> Shapes | None:
    """The shapes kept in ``path``; None if there are none or they are damaged."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header, _, rest = data.partition(b"\n")
    digest, _, payload = rest.partition(b"\n")
    if header + b"\n" != FORMAT or digest != hashlib.sha256(payload).hexdigest().encode():
        return None
    try:
        shapes = pickle.loads(payload)
    except Exception:  # whatever a damaged pickle raises, the shapes are built again
        return None
    return shapes if isinstance(shapes, Shapes) else None


def _write(path: Path, shapes: Shapes) -> None:
    """Keep ``shapes`` in ``path`` (quietly not, where the cache folder is unusable)."""
    payload = pickle.dumps(shapes, protocol=pickle.HIGHEST_PROTOCOL)
    digest = hashlib.sha256(payload).hexdigest().encode()
    with contextlib.suppress(OSError):
        atomic_write(path, FORMAT + digest + b"\n" + payload)
        _prune(path.parent)


def _prune(folder: Path) -> None:
    """Remove all but the :data:`KEEP` newest pickles (shapes edited away long ago)."""
    kept = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in kept[KEEP:]:
        old.unlink(missing_ok=True)
