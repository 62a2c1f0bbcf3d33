"""Find the graph (ontology/, data/, shapes/, queries/) that dikg works on.

One resolver, in this order:

1. ``--root DIR`` on the command line, or the ``DIKG_ROOT`` environment variable
   (another checkout, e.g. a fork with more data);
2. the checkout this package runs from (a development or editable install);
3. the copy of the graph packaged inside the wheel.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dikg.errors import InputError

ROOT_ENV = "DIKG_ROOT"
GRAPH_DIRS = ("ontology", "data", "shapes", "queries")

_PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class GraphRoot:
    """A directory holding the dikg graph, and how it was found.

    Attributes:
        path: the directory that holds ontology/, data/, shapes/ and queries/.
        origin: one of ``"option"``, ``"environment"``, ``"checkout"``, ``"package"``.
    """

    path: Path
    origin: str

    @property
    def ontology(self) -> Path:
        """The ontology folder."""
        return self.path / "ontology"

    @property
    def data(self) -> Path:
        """The instance data folder (vocabularies and source texts included)."""
        return self.path / "data"

    @property
    def shapes(self) -> Path:
        """The SHACL shapes folder."""
        return self.path / "shapes"

    @property
    def queries(self) -> Path:
        """The canned SPARQL queries folder."""
        return self.path / "queries"


def _is_graph_root(path: Path) -> bool:
    return (path / "ontology").is_dir() or (path / "data").is_dir()


def source_checkout() -> Path | None:
    """The checkout this package runs from (a development install), if it runs from one."""
    # src/dikg/root.py -> the checkout is two levels above the package directory.
    candidate = _PACKAGE_DIR.parent.parent
    return candidate if (candidate / "pyproject.toml").is_file() else None


def packaged_graph() -> Path:
    """Where the wheel keeps its copy of the graph (it may not exist in a checkout)."""
    return _PACKAGE_DIR / "_graph"


def _checkout_root() -> Path | None:
    candidate = source_checkout()
    return candidate if candidate is not None and _is_graph_root(candidate) else None


def _packaged_root() -> Path | None:
    candidate = packaged_graph()
    return candidate if _is_graph_root(candidate) else None


def resolve_root(explicit: str | os.PathLike[str] | None = None) -> GraphRoot:
    """Resolve the graph root.

    Args:
        explicit: the ``--root`` option, if given.

    Returns:
        The graph root and where it came from.

    Raises:
        InputError: if an explicitly named root does not exist or holds no graph, or if no
            graph can be found at all.
    """
    for value, origin, source in (
        (explicit, "option", "--root"),
        (os.environ.get(ROOT_ENV) or None, "environment", ROOT_ENV),
    ):
        if value is None:
            continue
        path = Path(value).expanduser().resolve()
        if not path.is_dir():
            raise InputError(
                f"{source} names {path}, which is not a directory",
                hint="point it at a dikg checkout (a directory with ontology/ and data/)",
            )
        if not _is_graph_root(path):
            raise InputError(
                f"{source} names {path}, which has neither ontology/ nor data/",
                hint="point it at a dikg checkout (a directory with ontology/ and data/)",
            )
        return GraphRoot(path, origin)
    checkout = _checkout_root()
    if checkout is not None:
        return GraphRoot(checkout, "checkout")
    packaged = _packaged_root()
    if packaged is not None:
        return GraphRoot(packaged, "package")
    raise InputError(
        "no dikg graph found: this installation carries none",
        hint=f"pass --root DIR or set {ROOT_ENV} to a dikg checkout",
    )
