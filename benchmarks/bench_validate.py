"""How fast `dikg validate` is, from a cold start, against plain pySHACL measured in the same run.

Run by hand (not a test; timings depend on the machine):

    .venv/bin/python benchmarks/bench_validate.py [--runs 7] [--root DIR] [--no-baseline]
        [--before SRC]

Each case is a fresh process, timed wall-clock and in CPU seconds (user + system, of the
process and its children), repeated --runs times, the cases in turn so that a busy machine
slows all of them alike; the table shows the median, min and max of the wall-clock time and
the median CPU time. ``--before SRC`` runs the dikg cases also with ``PYTHONPATH=SRC`` (the
``src/`` of ``git archive main src``, say), to compare two versions in one run. Every process
writes its bytecode (to a folder of its own), as an installed dikg has it, and keeps its
caches in a folder of its own. The cases:

* ``dikg validate ENTRY``: one new measure (a copy of an existing one under a new IRI and
  label, so it is realistic and valid) checked against the whole graph: the maintainer's loop,
  which must stay under 1 s. ``cold``: every run starts with an empty cache folder (no shapes
  cache, no store cache); ``warm``: the caches that dikg keeps are there.
* ``dikg validate``: the whole graph, cold and warm likewise.
* ``baseline ENTRY`` / ``baseline``: what validation would be without dikg's engine: rdflib
  parses the graph (and the entry), plain pySHACL runs every shape, SHACL-SPARQL per focus
  node (``advanced=True``), then the results are filtered to the entry's resources. This is
  run by this script itself (``--baseline``) so that it starts as cold as dikg does; about
  13 s a run, so ``--no-baseline`` leaves it out.

The ratio is baseline median / dikg median (warm). Also printed: where dikg's time goes (one
warm run in this process: imports excluded).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DIKG = [sys.executable, "-m", "dikg"]


def make_entry(root: Path, folder: Path) -> Path:
    """A valid new entry: the first measure of the graph again, under a new IRI and label."""
    import pyoxigraph as ox

    from dikg.rdf.files import graph_files, read_text

    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    measure = ox.NamedNode("https://w3id.org/dikg/def#Measure")
    for path in graph_files(type("Root", (), {"path": root})()):
        quads = list(ox.parse(read_text(path), format=ox.RdfFormat.TURTLE))
        subjects = sorted(
            {q.subject for q in quads if q.predicate == rdf_type and q.object == measure},
            key=str,
        )
        if subjects:
            break
    else:
        raise SystemExit(f"no dikg:Measure in {root}")
    old = subjects[0]
    new = ox.NamedNode(old.value + "-bench")
    triples = []
    for q in quads:
        if q.subject != old:
            continue
        obj = q.object
        if q.predicate == label:
            obj = ox.Literal(obj.value + " (bench)", language=obj.language)
        triples.append(ox.Triple(new, q.predicate, obj))
    entry = folder / "entry.ttl"
    entry.write_bytes(ox.serialize(triples, format=ox.RdfFormat.TURTLE))
    return entry


def baseline(root: Path, entry: Path | None) -> int:
    """Plain pySHACL on the merged graph; print the number of results about the entry."""
    from pyshacl import validate
    from rdflib import Graph

    data = Graph()
    for folder in ("ontology", "data"):
        for path in sorted((root / folder).rglob("*.ttl")):
            data.parse(path, format="turtle")
    focus = None
    if entry is not None:
        extra = Graph().parse(entry, format="turtle")
        focus = set(extra.subjects())
        data += extra
    shapes = Graph()
    for path in sorted((root / "shapes").glob("*.ttl")):
        shapes.parse(path, format="turtle")
    _, report, _ = validate(data, shacl_graph=shapes, advanced=True, allow_warnings=True)
    from rdflib import SH

    results = [
        r
        for r in report.objects(None, SH.result)
        if focus is None or report.value(r, SH.focusNode) in focus
    ]
    print(len(results))
    return 0


def run_once(command: list[str], env: dict[str, str], cold: Path | None) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one run of ``command``.

    Args:
        command: the command.
        env: its environment.
        cold: if given, a cache folder emptied before the run (``DIKG_CACHE_DIR``).
    """
    if cold is not None:
        shutil.rmtree(cold, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def timed(cases: dict[str, tuple[list[str], dict[str, str], Path | None]], runs: int) -> dict:
    """Run every case ``runs`` times, the cases in turn (a busy machine slows all alike).

    Returns:
        Per case, the median, min and max wall-clock seconds and the median CPU seconds.
    """
    walls: dict[str, list[float]] = {name: [] for name in cases}
    cpus: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, (command, env, cold) in cases.items():
            wall, cpu = run_once(command, env, cold)
            walls[name].append(wall)
            cpus[name].append(cpu)
    return {
        name: {
            "median": statistics.median(walls[name]),
            "min": min(walls[name]),
            "max": max(walls[name]),
            "cpu": statistics.median(cpus[name]),
        }
        for name in cases
    }


def environment(folder: Path) -> dict[str, str]:
    """The environment of every process: its own caches and bytecode, no DIKG_ROOT.

    Bytecode is written (to a folder of its own), as an installed dikg has it: without, every
    process compiles dikg's modules again (0.1 s), which no user pays.
    """
    drop = ("DIKG_ROOT", "PYTHONDONTWRITEBYTECODE", "DIKG_NO_CACHE")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["DIKG_CACHE_DIR"] = str(folder / "cache")
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def breakdown(root: Path, entry: Path) -> dict[str, float]:
    """Seconds per step of one warm in-process run of new-entry mode."""
    from dikg.root import resolve_root
    from dikg.validate import entries, shacl
    from dikg.validate import run as validate

    graph_root = resolve_root(root)
    validate.shapes_of(graph_root)  # the cache, as a warm run finds it
    steps = {}
    start = time.perf_counter()

    def step(name: str) -> None:
        nonlocal start
        now = time.perf_counter()
        steps[name] = now - start
        start = now

    split = shacl.split_shapes(validate.load_shapes(graph_root))
    step("parse and split the shapes (a cold run)")
    split = validate.shapes_of(graph_root).split
    step("the parsed and split shapes from the cache (a warm run)")
    read = entries.read_entries([entry])
    step("read the entry")
    graph = validate.load_graph(graph_root, exclude=set())
    entries.add_to_store(graph.store, read)
    step("load the graph into pyoxigraph")
    data = entries.subgraph(graph.store, entries.subjects(read))
    step(f"extract the subgraph for SHACL Core ({len(data)} triples)")
    focus = set(read.subjects)
    for constraint in split.constraints:
        nodes = shacl.focus_nodes(
            graph.store,
            split.targets[constraint.shape],
            split.sparql_targets.get(constraint.shape, []),
            among=focus,
        )
        shacl.run_sparql_constraint(graph.store, constraint, nodes)
    step(f"{len(split.constraints)} SPARQL rules on pyoxigraph (alone)")
    shacl.validate_graph(graph.store, data, split, focus=focus)
    step("all of SHACL: Core on pyshacl-turbo (imported already), then the SPARQL rules")
    return steps


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--root", type=Path, default=REPO)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--no-baseline",
        dest="baseline_runs",
        action="store_false",
        help="leave out plain pySHACL (about 13 s a run)",
    )
    parser.add_argument(
        "--before",
        type=Path,
        help="a dikg src/ tree to compare with, e.g. of `git archive main src`",
    )
    parser.add_argument("--baseline", nargs="?", const="", metavar="ENTRY", help=argparse.SUPPRESS)
    args = parser.parse_args()
    root = args.root.resolve()
    if args.baseline is not None:
        return baseline(root, Path(args.baseline) if args.baseline else None)

    with tempfile.TemporaryDirectory() as folder:
        env = environment(Path(folder))
        cache = Path(env["DIKG_CACHE_DIR"])
        entry = make_entry(root, Path(folder))
        me = [sys.executable, str(Path(__file__).resolve()), "--root", str(root)]
        one = [*DIKG, "--root", str(root), "validate", str(entry)]
        whole = [*DIKG, "--root", str(root), "validate"]
        versions = {"": env}
        if args.before:
            # PYTHONPATH comes before the installed (editable) dikg on sys.path
            before = environment(Path(folder) / "before")
            versions[" (before)"] = {**before, "PYTHONPATH": str(args.before.resolve())}
        cases: dict[str, tuple[list[str], dict[str, str], Path | None]] = {}
        for suffix, version in versions.items():
            folder_cache = Path(version["DIKG_CACHE_DIR"])
            run_once(one, version, None)  # writes the bytecode and the caches of warm cases
            cases[f"dikg validate ENTRY, cold{suffix}"] = (one, version, folder_cache)
            cases[f"dikg validate ENTRY, warm{suffix}"] = (one, version, None)
            cases[f"dikg validate (whole graph), cold{suffix}"] = (whole, version, folder_cache)
            cases[f"dikg validate (whole graph), warm{suffix}"] = (whole, version, None)
        if args.baseline_runs:
            cases["baseline ENTRY (plain pySHACL)"] = ([*me, "--baseline", str(entry)], env, None)
            cases["baseline (whole graph)"] = ([*me, "--baseline"], env, None)
        figures = timed(dict(sorted(cases.items())), args.runs)
        os.environ["DIKG_CACHE_DIR"] = str(cache)
        steps = breakdown(root, entry)
    ratios = {}
    if args.baseline_runs:
        ratios = {
            "entry": figures["baseline ENTRY (plain pySHACL)"]["median"]
            / figures["dikg validate ENTRY, warm"]["median"],
            "whole graph": figures["baseline (whole graph)"]["median"]
            / figures["dikg validate (whole graph), warm"]["median"],
        }
    if args.json:
        print(json.dumps({"runs": args.runs, "cases": figures, "ratios": ratios, "steps": steps}))
        return 0
    print(f"{args.runs} fresh processes each, seconds ({root}; load {os.getloadavg()[0]:.2f})\n")
    print(f"{'case':45} {'median':>7} {'min':>7} {'max':>7} {'CPU':>7}")
    for name, figure in figures.items():
        print(
            f"{name:45} {figure['median']:7.3f} {figure['min']:7.3f} {figure['max']:7.3f} "
            f"{figure['cpu']:7.3f}"
        )
    print()
    for name, ratio in ratios.items():
        print(f"ratio baseline / dikg, {name}: {ratio:.1f}x")
    print("\nwhere dikg's time goes (one warm run of new-entry mode, imports excluded):")
    for name, seconds in steps.items():
        print(f"  {seconds:6.3f}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
