"""The store cache's background writer: ``python -m dikg.graph.writer ROOT LOCK``.

A query that finds no cached store for the current files answers from memory and starts
this process to build the store for the next one (:func:`dikg.graph.store.open_graph` with
``wait=False``). It builds with :func:`dikg.graph.store.build`, under the key of the bytes
it reads, at a lower priority than the user's own work, and removes the lock file that keeps
a second writer from starting. It has nothing to report: a failure (a syntax error, a full
disk) only means the next query builds the store again, and says why then.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from dikg.graph.store import build
from dikg.root import GraphRoot

NICENESS = 10  # below the user's interactive work, which the writer only prepares for


def main(argv: list[str]) -> int:
    """Build the store cache of the graph root ``argv[0]``, then remove the lock ``argv[1]``."""
    root, lock = GraphRoot(Path(argv[0]), "option"), Path(argv[1])
    try:
        if hasattr(os, "nice"):
            os.nice(NICENESS)
        build(root, lock.parent)  # the lock lies in the cache folder
    except Exception:  # see the module docstring: there is nobody to report to
        return 1
    finally:
        lock.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
