"""Repeated questions in one process: dikg's own work per question beside raw pyoxigraph's.

Run by hand (never part of the test suite)::

    .venv/bin/python benchmarks/bench_inprocess.py --root /work/scale/100k [--runs 15]
        [--queries NAME,...]

bench_scale.py measures each ``dikg query`` as a fresh process, as a shell user runs it; a
question that raw pyoxigraph answers in 0.1 s is then mostly the start-up of the Python
process and of click, not the question. This benchmark takes the start-up away: in one
process, each canned question (default parameters, or bench_scale's sample values) is asked
``--runs`` times as ``dikg query NAME --format json`` asks it (:func:`dikg.queries.run.prepare`:
check the store cache's stamp, open the cached store, resolve and bind the parameters; run;
render SPARQL results JSON), in turn with raw pyoxigraph opening an on-disk store of the same
files read-only, running the same bound query text and serializing JSON. Both open their
store on every question, as a fresh call does. The rows must agree before a time is reported;
medians, ratios.

It also measures the start-up that this leaves out: CPU time of a fresh interpreter importing
what ``dikg query`` imports, against one importing click and pyoxigraph (the floor of a
command line made with click) and one importing pyoxigraph (medians of ``--runs``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from bench_scale import SAMPLE_VALUES, rows

from dikg.queries.catalogue import list_queries
from dikg.queries.render import render
from dikg.queries.run import prepare
from dikg.root import resolve_root

HERE = Path(__file__).resolve().parent
# what a warm `dikg query NAME --format json` imports, and what raw pyoxigraph's script does
DIKG_IMPORTS = "import dikg.cli, dikg.queries.params, dikg.queries.run, dikg.queries.render"
RAW_IMPORTS = "import pyoxigraph, json"
# the floor of any command line made with click (as dikg's is) around the same engine
CLICK_IMPORTS = "import click, pyoxigraph, json"


def parameters(query) -> list[tuple[str, str]]:
    """The query's default parameters, or bench_scale's sample value where one is required."""
    given = []
    for parameter in query.params:
        value = parameter.default
        if value is None and parameter.required:
            value = SAMPLE_VALUES[parameter.name]
        if value is not None:
            given.append((parameter.name, str(value)))
    return given


def ask_dikg(root, name: str, params: list[tuple[str, str]]) -> str:
    """One question as ``dikg query NAME -p ... --format json`` answers it, in process."""
    prepared = prepare(root, name=name, params=params, cache=True, wait=True)
    answer = prepared.run(lang="en")
    return render(answer.result, "json", answer.labeller, prefixes=answer.prefixes)


def ask_raw(location: Path, text: str) -> str:
    """The same bound query on raw pyoxigraph: open the store read-only, run, write JSON."""
    store = ox.Store.read_only(str(location))
    results = store.query(text, use_default_graph_as_union=True)
    return results.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8")


def seconds(call, *args) -> float:
    """Wall-clock seconds of one call."""
    start = time.perf_counter()
    call(*args)
    return time.perf_counter() - start


def startup_cpu(imports: str, runs: int) -> float:
    """Median CPU seconds (user + system) of a fresh interpreter doing ``imports``."""
    times = []
    for _ in range(runs):
        process = subprocess.Popen([sys.executable, "-c", imports])
        _, _, usage = os.wait4(process.pid, 0)
        times.append(usage.ru_utime + usage.ru_stime)
    return statistics.median(times)


def main() -> int:
    """Measure every canned question (see the module docstring) and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, required=True, help="a graph root")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--queries", help="only these canned queries (comma-separated)")
    args = parser.parse_args()
    root = resolve_root(args.root)
    wanted = set(args.queries.split(",")) if args.queries else None
    queries = [q for q in list_queries(root) if wanted is None or q.name in wanted]
    with tempfile.TemporaryDirectory() as folder:
        location = Path(folder) / "raw"
        subprocess.run(
            [sys.executable, str(HERE / "raw_oxigraph.py"), "load", str(root.path), location],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print("| question | dikg | raw pyoxigraph | ratio | dikg adds | rows |")
        print("|---|---:|---:|---:|---:|---:|")
        for query in queries:
            params = parameters(query)
            text = prepare(root, name=query.name, params=params, cache=True, wait=True).text
            mine, theirs = ask_dikg(root, query.name, params), ask_raw(location, text)
            if rows(mine) != rows(theirs):
                raise SystemExit(f"{query.name}: dikg and raw pyoxigraph give different rows")
            dikg_times, raw_times = [], []
            for _ in range(args.runs):  # in turn: the load of the machine falls on both alike
                dikg_times.append(seconds(ask_dikg, root, query.name, params))
                raw_times.append(seconds(ask_raw, location, text))
            ours, base = statistics.median(dikg_times), statistics.median(raw_times)
            count = sum(rows(mine).values())
            print(
                f"| `{query.name}` | {ours * 1000:.1f} ms | {base * 1000:.1f} ms | "
                f"{ours / base:.2f}x | {(ours - base) * 1000:+.1f} ms | {count} |",
                flush=True,
            )
    print(f"\nstart-up, CPU, median of {args.runs}:")
    for imports in (DIKG_IMPORTS, CLICK_IMPORTS, RAW_IMPORTS):
        print(f"- `python -c '{imports}'`: {startup_cpu(imports, args.runs) * 1000:.0f} ms")
    print(json.dumps({"root": str(root.path), "runs": args.runs}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
