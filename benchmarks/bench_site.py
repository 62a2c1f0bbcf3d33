"""How long the linked-data site takes to render, and which part takes it (by hand, never a test).

    .venv/bin/python benchmarks/bench_site.py [--triples 30000] [--profile]

Scales the real graph with ``benchmarks/scale.py`` (unless ``--triples 0``: the checkout's own
graph), then runs :func:`dikg.site.write.render_site` in a fresh process and prints its CPU
time (user + system: wall time means little on a shared machine), the resources and files,
and, with ``--profile``, the cumulative time of the site's parts (descriptions as Turtle and
JSON-LD, pages rendered, canned questions about each resource, the docs pages).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHILD = """
import cProfile, pstats, resource, sys
from pathlib import Path
from dikg.root import resolve_root
from dikg.site.write import render_site

root, profile = resolve_root(Path(sys.argv[1])), sys.argv[2] == "1"
profiler = cProfile.Profile() if profile else None
if profiler:
    profiler.enable()
files = render_site(root, "https://w3id.org/dikg/")
if profiler:
    profiler.disable()
usage = resource.getrusage(resource.RUSAGE_SELF)
pages = sum(1 for p in files if p.startswith("id/") and p.endswith(".ttl"))
print(f"resources {pages}  files {len(files)}  cpu {usage.ru_utime + usage.ru_stime:.1f} s  "
      f"max rss {usage.ru_maxrss // 1024} MB")
if profiler:
    stats = pstats.Stats(profiler)
    parts = [("describe.py", "turtle"), ("describe.py", "json_ld"), ("resource.py", "build"),
             ("templates.py", "render"), ("questions.py", "about"), ("site.py", "render_docs")]
    for (file, _, function), row in sorted(stats.stats.items()):
        if (Path(file).name, function) in parts and "dikg/site" in file:
            print(f"  {Path(file).name}:{function:<12} {row[3]:8.1f} s cumulative")
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=30000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = REPO
        if args.triples:
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
        subprocess.run(
            [sys.executable, "-c", CHILD, str(root), "1" if args.profile else "0"], check=True
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
