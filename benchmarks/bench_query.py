"""How much the store cache saves `dikg query`: medians of N runs, cold versus cached.

Run by hand (never part of the test suite)::

    .venv/bin/python benchmarks/bench_query.py [--runs 15] [--query ministries-by-target-group]

Two measurements:

- whole command: `python -m dikg query NAME` as a subprocess, (a) with --no-cache (parse all
  Turtle into memory), (b) with an empty cache (parse and build the on-disk store), (c) with
  the store cached; (b) answers from memory and leaves the store to a background writer,
  which each next run waits for;
- store only, in process: `load_store` (parse into memory) versus `open_store` on a cached
  store, which is what the cache replaces; also on a synthetic graph of --synthetic triples
  (default 100000, shaped like measures), the size DESIGN.md's engine figures are for.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scale_queries import wait_for_writer

REPO = Path(__file__).resolve().parents[1]


def timed_command(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "dikg", "--root", str(REPO), *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def synthetic_root(folder: Path, triples: int) -> Path:
    """A graph root with one data file of about ``triples`` triples shaped like measures."""
    root = folder / "synthetic"
    (root / "data").mkdir(parents=True)
    lines = ["PREFIX dikg: <https://w3id.org/dikg/def#>", "PREFIX m: <https://e.org/measure/>"]
    lines.append("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>")
    for index in range(triples // 5):
        lines.append(
            f'm:{index} a dikg:Measure ; rdfs:label "Measure {index}"@en ; '
            f"dikg:actor <https://e.org/org/{index % 11}> ; "
            f"dikg:targetGroup <https://e.org/tg/{index % 27}> ; "
            f'dikg:sourceQuote "Quote number {index} of the source."@nl .'
        )
    (root / "data" / "measures.ttl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def store_medians(root, runs: int) -> tuple[float, float, int]:
    """Medians (ms) of load_store and of open_store on a cached store, and the size."""
    from dikg.graph.store import load_store, open_store

    open_store(root)  # build the cache once
    parse, cached = [], []
    for _ in range(runs):
        start = time.perf_counter()
        store = load_store(root)
        parse.append(time.perf_counter() - start)
        start = time.perf_counter()
        store = open_store(root)
        cached.append(time.perf_counter() - start)
    return median_ms(parse), median_ms(cached), len(store)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--query", default="ministries-by-target-group")
    parser.add_argument("--synthetic", type=int, default=100_000, help="0 to skip")
    options = parser.parse_args()
    query = ["query", options.query]

    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "DIKG_CACHE_DIR": str(Path(folder) / "warm")}
        env.pop("DIKG_NO_CACHE", None)
        env.pop("DIKG_CACHE_WAIT", None)
        timed_command(query, {**env, "DIKG_CACHE_WAIT": "1"})  # build the warm cache once
        no_cache = [timed_command([*query, "--no-cache"], env) for _ in range(options.runs)]
        cold = []
        for run in range(options.runs):
            cold_cache = Path(folder) / f"cold-{run}"
            cold.append(timed_command(query, {**env, "DIKG_CACHE_DIR": str(cold_cache)}))
            wait_for_writer(cold_cache)
        warm = [timed_command(query, env) for _ in range(options.runs)]

        os.environ["DIKG_CACHE_DIR"] = env["DIKG_CACHE_DIR"]
        from dikg.root import GraphRoot, resolve_root

        parse, cached, triples = store_medians(resolve_root(REPO), options.runs)
        big = None
        if options.synthetic:
            root = GraphRoot(synthetic_root(Path(folder), options.synthetic), "option")
            big = store_medians(root, max(3, options.runs // 3))

    print(f"dikg query {options.query}: {options.runs} runs each, {triples} triples")
    print("whole command (subprocess, interpreter start-up included), median:")
    print(f"  --no-cache (parse Turtle)   {median_ms(no_cache):8.1f} ms")
    print(f"  empty cache (from memory)   {median_ms(cold):8.1f} ms")
    print(f"  cached store                {median_ms(warm):8.1f} ms")
    print(f"  ratio no-cache / cached     {median_ms(no_cache) / median_ms(warm):8.2f}")
    print(f"  ratio empty / cached        {median_ms(cold) / median_ms(warm):8.2f}")
    print("store only (in process), median:")
    print(f"  load_store (parse)          {parse:8.2f} ms")
    print(f"  open_store (cached)         {cached:8.2f} ms")
    print(f"  ratio                       {parse / cached:8.2f}")
    if big:
        print(f"synthetic graph of {big[2]} triples, store only, median:")
        print(f"  load_store (parse)          {big[0]:8.2f} ms")
        print(f"  open_store (cached)         {big[1]:8.2f} ms")
        print(f"  ratio                       {big[0] / big[1]:8.2f}")


if __name__ == "__main__":
    main()
