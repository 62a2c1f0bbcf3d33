"""How long the linked-data site takes to render, and which part takes it (by hand, never a test).

    .venv/bin/python benchmarks/bench_site.py [--triples 30000 | --root DIR] [--runs 3]
        [--profile | --parts] [--publish [--previous RELEASE]]

The graph: the real graph scaled with ``benchmarks/scale.py`` to ``--triples`` (``0``: the
checkout's own graph), or a graph root made before (``--root``, e.g. ``/work/scale/100k``).

Without ``--publish``, :func:`dikg.site.write.render_site` runs in a fresh process, ``--runs``
times, keeping the files in memory (a :class:`dikg.site.write.MemorySite`; ``dikg publish``
stages them on disk instead), and each run prints its CPU time (user + system: wall time
means little on a shared machine), peak memory (max RSS), the resources and files; then the
medians. With ``--profile``
(one run) it prints cProfile's cumulative time of the site's parts (descriptions as Turtle
and JSON-LD, pages built and rendered, canned questions about each resource, the docs pages);
with ``--parts``, each run prints the CPU time of those parts without a profiler (whose
overhead inflates the many small calls of template rendering), each part less the parts it
calls, so that they add up.

With ``--publish``, the whole ``dikg publish`` command (dumps, metadata and site) runs as a
fresh process, ``--runs`` times, each into a new directory, and each run prints its wall time,
CPU time and peak memory of that process (``os.wait4``), then the medians; with ``--parts``
also the CPU time of the release's parts (dumps, metadata) and of the site's; with
``--previous``, each run writes release notes against that release (``dikg publish
--previous``). The store cache is the one ``DIKG_CACHE_DIR`` names; the first run on a new
root also fills it.
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

REPO = Path(__file__).resolve().parents[1]
METADATA = REPO / "tests" / "fixtures" / "publication" / "complete.yaml"
# CPU timers for a child process: each part's own time, less the timed parts it calls, so the
# parts add up (a profiler's overhead would inflate the many small calls of rendering)
TIMERS = """
import time
spent, stack = {}, []

def timed(name, function):
    def wrapper(*args, **kwargs):
        stack.append(0.0)
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            elapsed = time.process_time() - start
            inner = stack.pop()
            spent[name] = spent.get(name, 0.0) + elapsed - inner
            if stack:
                stack[-1] += elapsed
    return wrapper

def wrap(owner, names, prefix=""):
    for name in names:
        if hasattr(owner, name):  # an older checkout may lack a part
            setattr(owner, name, timed(prefix + name, getattr(owner, name)))

def report(whole, out):
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {name:<30} {seconds:7.2f} s CPU  {100 * seconds / whole:4.0f}%", file=out)
    rest = whole - sum(spent.values())
    print(f"  {'(the rest)':<30} {rest:7.2f} s CPU  {100 * rest / whole:4.0f}%", file=out)
"""
SITE_PARTS = """
from dikg.site import write
from dikg.site.describe import Descriptions
from dikg.site.questions import Questions
from dikg.site.resource import PageBuilder
wrap(write, ("load_graph", "source_pages", "turtle", "json_ld", "script_json", "render_docs",
             "render", "index_pages", "pictures", "landing_pages"))
wrap(Descriptions, ("__init__", "graph"), "Descriptions.")
wrap(Questions, ("__init__", "prepare_about", "about", "landing"), "Questions.")
wrap(PageBuilder, ("build",), "PageBuilder.")
"""
CHILD = """
import cProfile, json, pstats, resource, sys, time
from pathlib import Path
from dikg.root import resolve_root
from dikg.site import write

root, mode = resolve_root(Path(sys.argv[1])), sys.argv[2]
if mode == "parts":
    exec(sys.argv[3])
profiler = cProfile.Profile() if mode == "profile" else None
if profiler:
    profiler.enable()
start = time.process_time()
files = write.MemorySite()
write.render_site(root, "https://w3id.org/dikg/", files)
whole = time.process_time() - start
if profiler:
    profiler.disable()
usage = resource.getrusage(resource.RUSAGE_SELF)
pages = sum(1 for p in files if p.startswith("id/") and p.endswith(".ttl"))
if profiler:
    stats = pstats.Stats(profiler)
    parts = [("describe.py", "turtle"), ("describe.py", "json_ld"), ("resource.py", "build"),
             ("templates.py", "render"), ("questions.py", "about"),
             ("questions.py", "prepare_about"), ("site.py", "render_docs")]
    for (file, _, function), row in sorted(stats.stats.items()):
        if (Path(file).name, function) in parts and "dikg/site" in file:
            print(f"  {Path(file).name}:{function:<15} {row[3]:8.1f} s cumulative")
if mode == "parts":
    report(whole, sys.stdout)
print(json.dumps({"resources": pages, "files": len(files),
                  "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}))
"""
# the whole dikg publish in this process, its parts timed (the report goes to stderr)
PUBLISH_PARTS = """
import sys
from dikg.release import command
wrap(command, ("load_store", "release_facts", "write_dumps", "write_parts", "dcat_graph",
               "void_graph", "_turtle", "_jsonld"), "release.")
from dikg.cli import main
sys.argv = ["dikg", *sys.argv[1:]]
start = time.process_time()
try:
    main()
finally:
    report(time.process_time() - start, sys.stderr)
"""


def _render(root: Path, mode: str) -> dict:
    """One fresh process rendering the site: its resources, files, CPU s, max RSS MB.

    ``mode``: ``plain``, ``profile`` (cProfile, cumulative times) or ``parts`` (CPU time of
    the site's parts, measured without a profiler's overhead).
    """
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(root), mode, TIMERS + SITE_PARTS],
        check=True,
        capture_output=True,
        text=True,
    )
    *parts, last = done.stdout.rstrip().splitlines()
    for line in parts:
        print(line)
    return json.loads(last)


def _publish(root: Path, out: Path, parts: bool = False, previous: Path | None = None) -> dict:
    """One fresh ``dikg publish`` process: its wall s, CPU s (user + system), max RSS MB.

    With ``parts``, the process also times the parts of the release and of the site and
    prints them (its CPU time then includes the timers' small overhead).
    """
    timers = [sys.executable, "-c", TIMERS + SITE_PARTS + PUBLISH_PARTS]
    command = [
        *(timers if parts else [str(Path(sys.executable).with_name("dikg"))]),
        "--root",
        str(root),
        "publish",
        "--out",
        str(out),
        "--metadata",
        str(METADATA),
        "--issued",
        "2026-01-01",
        "--modified",
        "2026-11-30",
        *(["--previous", str(previous)] if previous is not None else []),
    ]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # wait4: the resource use of this child alone (RUSAGE_CHILDREN would add up all runs)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"dikg publish exited {process.returncode}:\n{error}")
    if parts:
        print("\n".join(line for line in error.splitlines() if line.startswith("  ")))
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}


def _medians(runs: list[dict], keys: tuple[str, ...]) -> str:
    units = {"wall": "s", "cpu": "s", "rss": "MB"}
    return "  ".join(
        f"{key} {statistics.median(r[key] for r in runs):.1f} {units[key]}" for key in keys
    )


def main() -> int:
    """Run the benchmark the options ask for (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=30000)
    parser.add_argument("--root", type=Path, help="a graph root to use instead of scaling")
    parser.add_argument("--runs", type=int, default=1, help="fresh processes (medians)")
    parser.add_argument("--profile", action="store_true", help="cProfile the site (one run)")
    parser.add_argument("--parts", action="store_true", help="CPU time of the site's parts")
    parser.add_argument("--publish", action="store_true", help="time the whole dikg publish")
    parser.add_argument("--previous", type=Path, help="publish: release notes against this")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = REPO
        if args.root is not None:
            root = args.root.resolve()
        elif args.triples:
            root = Path(folder) / "root"
            subprocess.run(
                [
                    sys.executable,
                    str(REPO / "benchmarks" / "scale.py"),
                    "--triples",
                    str(args.triples),
                    "--out",
                    str(root),
                ],
                check=True,
            )
        runs = []
        for number in range(1 if args.profile else max(args.runs, 1)):
            if args.publish:
                out = Path(folder) / f"out-{number}"
                run = _publish(root, out, args.parts, args.previous)
                print(
                    f"publish run {number + 1}: wall {run['wall']:.1f} s  "
                    f"cpu {run['cpu']:.1f} s  max rss {run['rss']:.0f} MB"
                )
            else:
                mode = "profile" if args.profile else "parts" if args.parts else "plain"
                run = _render(root, mode)
                print(
                    f"site run {number + 1}: resources {run['resources']}  files "
                    f"{run['files']}  cpu {run['cpu']:.1f} s  max rss {run['rss']:.0f} MB"
                )
            runs.append(run)
        keys = ("wall", "cpu", "rss") if args.publish else ("cpu", "rss")
        print(f"median of {len(runs)}: {_medians(runs, keys)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
