"""The store ``dikg serve`` serves, filled in a process of its own.

``dikg serve`` waits beside its server for as long as the server runs, so the memory of the
load would stay with it: at 1M triples 981 MiB while each file was kept as text, 495 MiB after
a bulk load in the same process. :func:`fill` runs ``python -m dikg.serve.fill ROOT STORE``,
which bulk-loads the graph file by file, as the store cache is built
(:func:`dikg.graph.loaded.bulk_load_graph`), and answers with one line of JSON on stdout: the
counts and the key of what it loaded, or the :class:`~dikg.errors.InputError` to report.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pyoxigraph as ox

from dikg.errors import InputError
from dikg.graph.loaded import bulk_load_graph
from dikg.graph.store import key_of
from dikg.root import GraphRoot


def fill(location: Path, root: GraphRoot) -> tuple[int, int, str]:
    """Build a store at ``location`` from the graph's files, in a process of its own.

    Returns:
        How many triples and named graphs it holds, and the key of the bytes loaded
        (:func:`dikg.graph.store.key_of`).

    Raises:
        InputError: naming the file and line of the first syntax error.
        RuntimeError: if the process failed otherwise (its error output in the message).
    """
    import subprocess  # here: only a server that builds its store starts a process

    command = [sys.executable, "-m", "dikg.serve.fill", str(root.path), str(location)]
    done = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    try:
        outcome = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        raise RuntimeError(f"loading the store failed: {done.stderr.strip()}") from None
    if "error" in outcome:
        raise InputError(**outcome["error"])
    return int(outcome["triples"]), int(outcome["graphs"]), str(outcome["key"])


def load(location: Path, root: GraphRoot) -> dict[str, int | str]:
    """:func:`fill`'s work, in this process: what it answers with."""
    store = ox.Store(str(location))
    _, hashes = bulk_load_graph(root, store)
    store.flush()
    triples = len(store)
    del store  # closes the database so that the server can open it
    return {"triples": triples, "graphs": len(hashes), "key": key_of(hashes)}


def main(argv: list[str]) -> int:
    """Fill the store ``argv[1]`` from the graph root ``argv[0]``; report as :func:`fill` reads."""
    root, location = GraphRoot(Path(argv[0]), "option"), Path(argv[1])
    try:
        outcome: dict = load(location, root)
    except InputError as error:
        path = str(error.path) if error.path is not None else None
        outcome = {
            "error": {
                "message": error.message,
                "hint": error.hint,
                "path": path,
                "line": error.line,
            }
        }
    print(json.dumps(outcome))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
