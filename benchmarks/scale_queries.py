"""The query part of bench_scale.py: every canned question, warm and cold, against raw pyoxigraph.

Each command is a fresh process; dikg and its baseline are run in turn (:func:`in_turn`), so
that the load of a shared machine falls on both alike, and CPU seconds are reported beside
wall-clock ones. The rows must agree before a time is reported.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench_scale import RAW, SAMPLE_VALUES, Run, rows, run


def canned_queries(dikg: list[str], root: Path, env: dict[str, str]) -> dict[str, list[str]]:
    """Every canned query and its default parameters as ``-p name=value`` arguments."""
    listing = run([*dikg, "--root", str(root), "queries", "--format", "json"], env)
    queries = {}
    for query in json.loads(listing.stdout):
        arguments = []
        for parameter in query["parameters"]:
            value = parameter["default"]
            if value is None and parameter["required"]:
                value = SAMPLE_VALUES[parameter["name"]]
            if value is not None:
                arguments += ["-p", f"{parameter['name']}={value}"]
        queries[query["name"]] = arguments
    return queries


@dataclass
class Timed:
    """A command measured in turn with others: medians of wall-clock and CPU seconds.

    ``ready``: for a cold dikg query, the median seconds from its start until the background
    writer had left the store cache (None for the other commands).
    """

    name: str
    wall: float
    cpu: float
    peak_mib: float
    first: Run
    ready: float | None = None


WRITING = ".writing-"  # dikg.graph.store.WRITING: a background writer's lock in the cache


def wait_for_writer(cache: Path, timeout: float = 3600) -> float:
    """Seconds until no background writer's lock is left in ``cache``."""
    start = time.perf_counter()
    while cache.is_dir() and any(cache.glob(f"{WRITING}*")):
        if time.perf_counter() - start > timeout:
            raise SystemExit(f"the store cache writer in {cache} did not finish")
        time.sleep(0.01)
    return time.perf_counter() - start


def in_turn(
    cases: list[tuple[str, list[str], dict[str, str], Path | None]], runs: int
) -> list[Timed]:
    """Run each (name, command, env, folder to empty first) once a round, for --runs rounds.

    On a machine shared with other work the load changes from minute to minute; taking the
    commands in turn lets it fall on dikg and its baseline alike, and the CPU seconds (user +
    system, which waiting for a core does not add to) are reported beside the wall-clock ones.
    After a command with a folder to empty (a cold query), the next waits until the store
    cache's background writer is done, so that it does not compete with the next command; how
    long that took from the command's start is kept as ``ready``.
    """
    done: list[list[Run]] = [[] for _ in cases]
    ready: list[list[float]] = [[] for _ in cases]
    for _ in range(runs):
        for index, (name, command, env, fresh) in enumerate(cases):
            if fresh is not None:
                shutil.rmtree(fresh, ignore_errors=True)
            result = run(command, env)
            if result.returncode:
                raise SystemExit(f"{name} failed ({result.returncode}):\n{result.stderr[-2000:]}")
            done[index].append(result)
            if fresh is not None:
                ready[index].append(result.seconds + wait_for_writer(fresh))
    timed = []
    for (name, *_), results, readies in zip(cases, done, ready, strict=True):
        wall = statistics.median(r.seconds for r in results)
        cpu = statistics.median(r.cpu for r in results)
        written = statistics.median(readies) if readies else None
        print(f"  {name}: {wall:.3f} s, CPU {cpu:.3f} s", file=sys.stderr)
        timed.append(Timed(name, wall, cpu, max(r.peak_mib for r in results), results[0], written))
    return timed


def bench_queries(
    dikg: list[str],
    root: Path,
    runs: int,
    env: dict[str, str],
    work: Path,
    names: list[str] | None = None,
    formats: tuple[str, ...] = ("json",),
) -> list[tuple]:
    """Every canned query (or those named), warm and cold, against raw pyoxigraph on disk and
    in memory; warm also in the other ``formats``. ``dikg`` is the command that runs dikg."""
    disk = work / "raw-store"
    if not disk.exists():
        run([*RAW, "load", str(root), str(disk)], env)
    dump = work / "raw-dump"
    if not (dump / "dikg.nt").exists():  # the merged graph as N-Triples, written by raw pyoxigraph
        built = run([*RAW, "build", str(root), str(dump)], env)
        if built.returncode:
            raise SystemExit(built.stderr)
    table = []
    canned = canned_queries(dikg, root, env)
    for name in names or list(canned):
        base = [*dikg, "--root", str(root), "query", name, *canned[name]]
        waiting = dict(env, DIKG_CACHE_WAIT="1")  # these build the store cache before answering
        text = run([*base, "--show-query"], waiting).stdout
        query_file = work / f"{name}.rq"
        query_file.write_text(text, encoding="utf-8")
        run([*base, "--format", "json"], waiting)
        others = [fmt for fmt in formats if fmt != "json"]
        raw_disk, warm, *in_other = in_turn(
            [
                (f"raw {name} (disk)", [*RAW, "query-disk", str(disk), str(query_file)], env, None),
                (f"dikg query {name} (warm)", [*base, "--format", "json"], env, None),
                *(
                    (f"dikg query {name} (warm, {fmt})", [*base, "--format", fmt], env, None)
                    for fmt in others
                ),
            ],
            runs,
        )
        if rows(warm.first.stdout) != rows(raw_disk.first.stdout):
            raise SystemExit(f"{name}: dikg and raw pyoxigraph give different rows")
        count = sum(rows(warm.first.stdout).values())
        table.append((f"`{name}` warm", warm, raw_disk, f"{count} rows"))
        for fmt, timed in zip(others, in_other, strict=True):
            table.append((f"`{name}` warm, {fmt}", timed, raw_disk, ""))
        cold_cache = work / "cold-cache"
        raw_memory, cold = in_turn(
            [
                (
                    f"raw {name} (memory)",
                    [*RAW, "query-memory", str(dump / "dikg.nt"), str(query_file)],
                    env,
                    None,
                ),
                (
                    f"dikg query {name} (cold)",
                    [*base, "--format", "json"],
                    dict(env, DIKG_CACHE_DIR=str(cold_cache)),
                    cold_cache,
                ),
            ],
            runs,
        )
        written = f"store cache written {cold.ready:.3f} s after the start" if cold.ready else ""
        table.append((f"`{name}` cold", cold, raw_memory, written))
    return table


def query_markdown(size: int, table: list[tuple]) -> str:
    """The query part of one size as a Markdown table: wall-clock and CPU ratios."""
    lines = [
        f"### {size:,} triples: queries",
        "",
        "| case | dikg | CPU | peak | baseline | CPU | peak | ratio | CPU ratio | agreed on |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, ours, theirs, agreed in table:
        lines.append(
            f"| {name} | {ours.wall:.3f} s | {ours.cpu:.3f} s | {ours.peak_mib:.0f} MiB "
            f"| {theirs.wall:.3f} s ({theirs.name}) | {theirs.cpu:.3f} s "
            f"| {theirs.peak_mib:.0f} MiB | {ours.wall / theirs.wall:.2f}x "
            f"| {ours.cpu / max(theirs.cpu, 1e-9):.2f}x | {agreed} |"
        )
    return "\n".join(lines)
