"""`dikg build` against raw pyoxigraph, and against another dikg source tree (before/after).

    python benchmarks/bench_build.py ROOT [ROOT ...] [--runs 5] [--before SRC]

Every case is a fresh process (wall clock, peak RSS from wait4), run alternately so that a
busy machine slows all of them alike; medians. ``--before`` runs the same command with
``PYTHONPATH=SRC`` (e.g. the ``src/`` of ``git archive main src``), to compare two versions in
one run. Before timing, it checks that dikg's dumps agree with raw pyoxigraph's triple count
and that two dikg builds are byte-identical. The roots come from ``scale.py``.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import statistics
import tempfile
from pathlib import Path

from bench_scale import DIKG, RAW, environment, run


def command(kind: str, root: Path, out: Path) -> list[str]:
    """The command line of one case."""
    if kind == "raw":
        return [*RAW, "build", str(root), str(out)]
    return [*DIKG, "--root", str(root), "build", "--out", str(out)]


def check(root: Path, work: Path, env: dict[str, str]) -> int:
    """Two dikg builds give the same bytes, and as many triples as raw pyoxigraph."""
    for name in ("a", "b"):
        assert run(command("dikg", root, work / name), env).returncode == 0
    _same, differ, missing = filecmp.cmpfiles(
        work / "a", work / "b", sorted(p.name for p in (work / "a").iterdir()), shallow=False
    )
    if differ or missing:
        raise SystemExit(f"two dikg builds differ: {differ + missing}")
    raw = run(command("raw", root, work / "raw"), env)
    triples = json.loads((work / "a" / "summary.json").read_text())["triples"]
    if int(raw.stdout) != triples:
        raise SystemExit(f"dikg built {triples} triples, raw pyoxigraph {raw.stdout.strip()}")
    return triples


def main() -> int:
    """Measure and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("roots", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", type=Path, help="a dikg src/ tree to compare with")
    args = parser.parse_args()
    print("| triples | case | median | peak | ratio to raw |")
    print("|---|---|---|---|---|")
    for root in args.roots:
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            env = environment(work / "cache")
            triples = check(root, work, env)
            kinds = {"raw": env, "dikg": env}
            if args.before:
                kinds["before"] = {**env, "PYTHONPATH": str(args.before.resolve())}
            times: dict[str, list[float]] = {kind: [] for kind in kinds}
            peaks: dict[str, float] = dict.fromkeys(kinds, 0.0)
            for _ in range(args.runs):
                for kind, kind_env in kinds.items():
                    done = run(command(kind, root, work / kind), kind_env)
                    assert done.returncode == 0, done.stderr[-2000:]
                    times[kind].append(done.seconds)
                    peaks[kind] = max(peaks[kind], done.peak_mib)
            raw = statistics.median(times["raw"])
            for kind in kinds:
                median = statistics.median(times[kind])
                name = {"raw": "raw pyoxigraph", "dikg": "dikg build"}.get(kind, "dikg before")
                print(
                    f"| {triples:,} | {name} | {median:.2f} s | {peaks[kind]:.0f} MiB "
                    f"| {median / raw:.2f}x |",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
