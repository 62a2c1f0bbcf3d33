"""dikg at scale against the engines under it: validate, query and build at 10k to 1M triples.

Run by hand (minutes to hours; never a timed test):

    .venv/bin/python benchmarks/bench_scale.py --sizes 10000,100000 --runs 5 [--only query]
        [--queries NAME,...] [--formats json,table] [--python OTHER/.venv/bin/python]

For each size, benchmarks/scale.py writes a scaled copy of the real graph (valid, grounded
replicas with known defects) and this script measures, each case a fresh process, medians of
--runs, peak memory (max RSS) of each process:

- validate: ``dikg validate`` against a plain rdflib + pySHACL script (bench_validate.py's
  baseline) and, where Debian's libapache-jena-java is installed, Apache Jena's SHACL
  validator on the same merged graph and shapes (tests/fixtures/shapes/_jena/ShaclBatch.java,
  compiled at each start as Java runs a single source file: about a second of its time);
- query: every canned question (or those of --queries) with its default parameters, warm
  (store cache built) and cold (empty cache), against raw pyoxigraph running the same query
  text (``dikg query --show-query``) on an on-disk store (warm) and after loading N-Triples
  into memory (cold); ``--format json`` (SPARQL results, as raw pyoxigraph writes them), and
  warm also in the other --formats (``table`` adds the label look-up); --python runs dikg with
  another interpreter (another checkout's .venv: before/after in one run);
- build: ``dikg build`` against raw pyoxigraph parsing and writing the same formats.

Before it reports a time it checks that the answers agree: dikg finds exactly the injected
defects as violations, and the same SHACL results as Jena (dikg's grounding checks aside);
the same rows as raw pyoxigraph for every query; the same number of triples as raw
pyoxigraph's build. A disagreement stops the run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))  # tests.jena: the Jena classpath the agreement tests use
PYTHON = sys.executable
DIKG = [PYTHON, "-m", "dikg"]  # --python replaces the interpreter
RAW = [PYTHON, str(HERE / "raw_oxigraph.py")]
# a value for each required parameter that has no default: the examples and typical asks
SAMPLE_VALUES = {
    "resource": "measure:defensie-2016-wervingscampagne-vrouwen",
    "audience": "managers",
    "instrument": "training",
    "ministry": "OCW",
    "group": "lhbti",
    "partner": "UWV",
    "text": "mentor",
}


@dataclass
class Run:
    """One finished process: wall-clock seconds, peak memory, exit code, output, CPU seconds."""

    seconds: float
    peak_mib: float
    returncode: int
    stdout: str
    stderr: str
    cpu: float = 0.0  # user + system, of the process and its threads


# GNU time starts the command from its own small process: Linux keeps a process's peak RSS
# across fork and exec, so a command started straight from this script (which holds big
# answers in memory) would report at least this script's size as its own peak
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").is_file() else None


def run(command: list[str], env: dict[str, str] | None = None, timeout: float = 3600) -> Run:
    """Run a command as a fresh process: wall and CPU seconds, its peak RSS, its output.

    The peak RSS is GNU time's (``%M``) where /usr/bin/time is installed, else wait4's.
    """
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile(suffix=".peak") as peak,
    ):
        if GNU_TIME:
            command = [GNU_TIME, "-q", "-f", "%M", "-o", peak.name, *command]
        start = time.perf_counter()
        # a session of its own: a timeout stops the command, not only GNU time around it
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, start_new_session=True)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(process.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        measured = Path(peak.name).read_text().split() if GNU_TIME else []
        peak_kib = int(measured[-1]) if measured and measured[-1].isdigit() else usage.ru_maxrss
        return Run(
            seconds,
            peak_kib / 1024,
            process.returncode,
            out.read().decode(),
            err.read().decode(),
            usage.ru_utime + usage.ru_stime,
        )


@dataclass
class Case:
    """A measured command: medians over the runs, and the first run's output to compare."""

    name: str
    median: float
    peak_mib: float
    first: Run


def measure(
    name: str,
    command: list[str],
    runs: int,
    env: dict[str, str],
    ok: tuple[int, ...] = (0,),
    fresh: Path | None = None,
    timeout: float = 3600,
) -> Case:
    """Run a command --runs times (emptying the folder ``fresh`` before each); stop on failure.

    A run stopped at ``timeout`` ends the measurement: the case's median is then the timeout,
    marked as a lower bound (``stopped``).
    """
    done = []
    for _ in range(runs):
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        result = run(command, env, timeout)
        if result.seconds >= timeout:
            print(f"  {name}: stopped after {timeout:.0f} s", file=sys.stderr)
            return Case(f"{name}, stopped", timeout, result.peak_mib, result)
        if result.returncode not in ok:
            raise SystemExit(f"{name} failed ({result.returncode}):\n{result.stderr[-2000:]}")
        done.append(result)
    print(f"  {name}: {statistics.median(r.seconds for r in done):.3f} s", file=sys.stderr)
    return Case(
        name,
        statistics.median(r.seconds for r in done),
        max(r.peak_mib for r in done),
        done[0],
    )


def rows(results_json: str) -> Counter:
    """The rows of SPARQL JSON results as a multiset of (variable, term) tuples."""
    data = json.loads(results_json)
    if "boolean" in data:
        return Counter([data["boolean"]])
    return Counter(
        tuple(sorted((var, json.dumps(term, sort_keys=True)) for var, term in binding.items()))
        for binding in data["results"]["bindings"]
    )


def environment(cache: Path) -> dict[str, str]:
    """The environment of every dikg process: its own store cache, no DIKG_ROOT.

    Bytecode is written (to a folder of its own beside the cache), as an installed dikg has
    it: without, every process compiles dikg's modules again (0.1 s), which no user pays.
    """
    drop = ("DIKG_ROOT", "DIKG_CACHE_WAIT", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["DIKG_CACHE_DIR"] = str(cache)
    env["PYTHONPYCACHEPREFIX"] = str(cache.parent / "pycache")
    return env


def bench_validate(
    root: Path, runs: int, env: dict[str, str], timeout: float, jena_runs: int | None = None
) -> list[tuple]:
    """dikg validate against plain pySHACL (and Jena where installed); check the defects.

    ``jena_runs``: how often to run Jena (default ``runs``; at 1M triples each run takes
    minutes).
    """
    dikg = measure(
        "dikg validate",
        [*DIKG, "--root", str(root), "validate", "--format", "json"],
        runs,
        env,
        ok=(0, 1),
    )
    report = json.loads(dikg.first.stdout)
    violations = {r["focus"]["value"] for r in report["results"] if r["severity"] == "Violation"}
    defects = json.loads((root / "defects.json").read_text())
    expected = {node for defect in defects for node in defect["focus"]}
    if violations != expected:
        raise SystemExit(
            f"dikg's violations are not the injected defects: missing {expected - violations}, "
            f"unexpected {violations - expected}"
        )
    counts = report["counts"]
    if timeout <= 0:  # stop it where it would miss issue 14's goal: 20x dikg's time
        timeout = 20 * dikg.median
    plain = measure(
        "plain rdflib + pySHACL",
        [PYTHON, str(HERE / "bench_validate.py"), "--root", str(root), "--baseline"],
        1,
        env,
        timeout=timeout,
    )
    agreed = f"{counts['Violation']} violations, {counts['Warning']} warnings"
    table = [("validate the whole graph", dikg, plain, agreed)]
    jena = bench_jena(root, jena_runs or runs, env, report)
    if jena is not None:
        table.append(("validate the whole graph", dikg, jena, f"{agreed}, same SHACL results"))
    return table


def shacl_results(report: dict) -> set[tuple]:
    """dikg's SHACL results as (focus, severity, shape) without its Python-side checks."""
    return {
        (r["focus"]["value"], r["severity"], r["shape"])
        for r in report["results"]
        if not r["shape"].endswith("Check")  # the checks of validate/checks.ttl: no SHACL
    }


def bench_jena(root: Path, runs: int, env: dict[str, str], report: dict) -> Case | None:
    """Apache Jena SHACL on the merged graph and shapes; None where Jena is not installed."""
    from tests.jena import java_available, jena_command

    if not java_available():
        print("  Jena: not installed (Debian's libapache-jena-java), skipped", file=sys.stderr)
        return None
    import pyoxigraph as ox

    work = root.parent / "jena"
    work.mkdir(exist_ok=True)
    data, shapes = work / "data.nt", work / "shapes.nt"
    for target, folders in ((data, ("ontology", "data")), (shapes, ("shapes",))):
        store = ox.Store()
        for folder in folders:
            for path in sorted((root / folder).rglob("*.ttl")):
                store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
        ox.serialize(
            [quad.triple for quad in store], output=str(target), format=ox.RdfFormat.N_TRIPLES
        )
    jena = measure(
        "Apache Jena SHACL",
        jena_command("ShaclBatch.java", shapes, data, work=work),
        runs,
        env,
    )
    severity = {f"<http://www.w3.org/ns/shacl#{s}>": s for s in ("Violation", "Warning", "Info")}
    theirs = set()
    for line in jena.first.stdout.splitlines():
        _, focus, _, level, shape, _ = line.split("\t")
        theirs.add((focus.strip("<>"), severity[level], shape.strip("<>")))
    ours = shacl_results(report)
    if ours != theirs:
        raise SystemExit(
            f"Jena and dikg disagree: only dikg {sorted(ours - theirs)[:5]}, "
            f"only Jena {sorted(theirs - ours)[:5]}"
        )
    return jena


def bench_build(root: Path, runs: int, env: dict[str, str], work: Path) -> list[tuple]:
    """dikg build against raw pyoxigraph parse + serialize of the same formats."""
    dikg = measure(
        "dikg build", [*DIKG, "--root", str(root), "build", "--out", str(work / "d")], runs, env
    )
    raw = measure("raw build", [*RAW, "build", str(root), str(work / "r")], runs, env)
    triples = json.loads((work / "d" / "summary.json").read_text())["triples"]
    if triples != int(raw.first.stdout):
        raise SystemExit(f"dikg build wrote {triples} triples, raw pyoxigraph {raw.first.stdout}")
    return [("build (all dumps)", dikg, raw, f"{triples:,} triples")]


def markdown(size: int, table: list[tuple]) -> str:
    """The results of one size as a Markdown table."""
    lines = [
        f"### {size:,} triples",
        "",
        "| case | dikg | peak | baseline | peak | ratio | agreed on |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, ours, theirs, agreed in table:
        stopped = theirs.name.endswith("stopped")  # the baseline's time is a lower bound
        lines.append(
            f"| {name} | {ours.median:.2f} s | {ours.peak_mib:.0f} MiB "
            f"| {'> ' if stopped else ''}{theirs.median:.2f} s ({theirs.name}) "
            # a stopped run's GNU time is killed with it: its peak is not known
            f"| {'not measured' if stopped else f'{theirs.peak_mib:.0f} MiB'} "
            f"| {'< ' if stopped else ''}{ours.median / theirs.median:.2f}x "
            f"| {agreed} |"
        )
    return "\n".join(lines)


def main() -> int:
    """Scale, measure, check agreement, print Markdown."""
    from scale_queries import bench_queries, query_markdown  # the query part (imports this)

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated triple counts")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=["validate", "query", "build"], action="append")
    parser.add_argument(
        "--baseline-timeout",
        type=float,
        default=900,
        help="when to stop plain pySHACL (seconds; 0: at 20 times dikg's median)",
    )
    parser.add_argument("--jena-runs", type=int, help="validate: runs of Jena (default --runs)")
    parser.add_argument("--queries", help="query: only these canned queries (comma-separated)")
    parser.add_argument(
        "--formats", default="json", help="query: warm output formats (json always)"
    )
    parser.add_argument("--python", help="the interpreter that runs dikg (default: this one)")
    args = parser.parse_args()
    if args.python:
        DIKG[0] = args.python
    parts = args.only or ["validate", "query", "build"]
    print(f"`{' '.join(sys.argv)}`, {args.runs} runs, medians\n")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            root = work / "root"
            subprocess.run(
                [PYTHON, str(HERE / "scale.py"), "--triples", str(size), "--out", str(root)],
                check=True,
            )
            env = environment(work / "cache")
            table = []
            if "validate" in parts:
                table += bench_validate(root, args.runs, env, args.baseline_timeout, args.jena_runs)
            if "build" in parts:
                table += bench_build(root, args.runs, env, work)
            if table:
                print(markdown(size, table) + "\n", flush=True)
            if "query" in parts:
                names = args.queries.split(",") if args.queries else None
                formats = tuple(args.formats.split(","))
                queries = bench_queries(DIKG, root, args.runs, env, work, names, formats)
                print(query_markdown(size, queries) + "\n", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
