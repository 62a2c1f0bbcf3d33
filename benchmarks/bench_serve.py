"""A bounded load test of `dikg serve`: concurrent clients sending canned queries on loopback.

Run by hand (never part of the test suite)::

    .venv/bin/python benchmarks/bench_serve.py [--clients 8] [--queries 2000]

Starts `dikg serve` on a free loopback port, binds every canned case of
tests/test_endpoint.py (each canned query, with and without its parameters) to SPARQL text,
then lets ``--clients`` threads send ``--queries`` of them in turn by POST (SPARQL 1.1
Protocol), each waiting for its answer before sending the next. Every answer must be HTTP 200
with SPARQL results JSON; the script exits 1 on any error. Reports the median and 99th
percentile latency and the throughput; times are reported, never asserted.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def start_server() -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "dikg", "--root", str(REPO), "serve"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "DIKG_ROOT"},
    )
    assert process.stdout is not None
    for line in process.stdout:
        what, _, address = line.strip().partition(": ")
        if what == "query":
            return process, address
    raise SystemExit("dikg serve did not start")


def bound_queries(endpoint: str) -> list[tuple[str, str]]:
    """(case name, SPARQL text with its parameters bound) for every canned case."""
    from tests.test_endpoint import CASES

    from dikg.queries.run import prepare
    from dikg.root import resolve_root

    root = resolve_root(REPO)
    texts = []
    for name, params in CASES:
        prepared = prepare(root, name=name, params=params.items(), endpoint=endpoint)
        texts.append((f"{name} {params or ''}".strip(), prepared.text))
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--queries", type=int, default=2000)
    options = parser.parse_args()

    process, endpoint = start_server()
    try:
        texts = bound_queries(endpoint)
        work = itertools.cycle(texts)
        lock = threading.Lock()
        remaining = [options.queries]
        latencies: list[float] = []
        per_case: dict[str, list[float]] = {}
        errors: list[str] = []

        def client() -> None:
            while True:
                with lock:
                    if remaining[0] == 0:
                        return
                    remaining[0] -= 1
                    name, text = next(work)
                request = urllib.request.Request(
                    endpoint,
                    data=urllib.parse.urlencode({"query": text}).encode(),
                    headers={"Accept": "application/sparql-results+json"},
                )
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(request, timeout=60) as response:
                        document = json.load(response)
                    if "results" not in document and "boolean" not in document:
                        raise ValueError("not SPARQL results JSON")
                    elapsed = time.perf_counter() - started
                    with lock:
                        latencies.append(elapsed)
                        per_case.setdefault(name, []).append(elapsed)
                except Exception as error:  # every failure counts; the run goes on
                    with lock:
                        errors.append(f"{name}: {type(error).__name__}: {error}")

        began = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(options.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - began
    finally:
        process.terminate()
        process.wait(timeout=30)

    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else float("nan")
    print(f"dikg serve on loopback: {options.clients} clients, {options.queries} canned queries "
          f"({len(texts)} distinct cases)")  # fmt: skip
    print(f"  answered: {len(latencies)}, errors: {len(errors)}")
    if ordered:
        print(f"  latency median {statistics.median(ordered) * 1000:.1f} ms, "
              f"p99 {p99 * 1000:.1f} ms, max {ordered[-1] * 1000:.1f} ms")  # fmt: skip
    print(f"  throughput {len(latencies) / wall:.0f} queries/s over {wall:.1f} s")
    slowest = sorted(per_case.items(), key=lambda item: -statistics.median(item[1]))[:3]
    for name, samples in slowest:
        print(f"  slowest case: {name}: median {statistics.median(samples) * 1000:.0f} ms")
    for error in errors[:5]:
        print(f"  error: {error}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
