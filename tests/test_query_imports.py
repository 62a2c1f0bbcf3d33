"""A warm `dikg query` imports only what the answer needs: no rdflib, pandas or matplotlib.

rdflib alone took 0.2-0.35 s of every query (issue 14); these tests fail when an import at
the top of a module on the query path brings such a library back.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_dikg

# libraries that answering a canned question on the embedded store never needs (PyYAML only
# for a query header not seen before: dikg.queries.headers)
NOT_NEEDED = ("rdflib", "pandas", "matplotlib", "pyshacl", "SPARQLWrapper", "jinja2", "yaml")

# runs the command line in this process, then says which top-level modules were imported
PROBE = """
import json, sys
from dikg.cli import cli
try:
    cli.main(args=sys.argv[1:], prog_name="dikg", standalone_mode=False)
finally:
    sys.stdout.flush()
    print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})), file=sys.stderr)
"""


def imported(*args: str | Path, env: dict[str, str]) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    import os

    environment = {k: v for k, v in os.environ.items() if k not in ("DIKG_ROOT", "DIKG_NO_CACHE")}
    environment["DIKG_CACHE_DIR"] = str(tmp_path / "cache")
    return environment


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_a_warm_query_imports_no_heavy_library(mini_root, env, fmt):
    args = ("--root", mini_root, "query", "dataset-statistics", "--format", fmt)
    assert run_dikg(*args, env=env).returncode == 0  # builds the store cache
    modules = imported(*args, env=env)
    assert "pyoxigraph" in modules
    assert not modules & set(NOT_NEEDED)


def test_a_query_with_a_parameter_and_labels_imports_no_heavy_library(env):
    args = ("query", "measures-by-ministry", "-p", "ministry=OCW", "--format", "csv", "--labels")
    assert run_dikg(*args, env=env).returncode == 0
    assert not imported(*args, env=env) & set(NOT_NEEDED)


def test_help_imports_no_library_of_a_command(env):
    for args in (("--help",), ("query", "--help")):
        modules = imported(*args, env=env)
        assert not modules & {*NOT_NEEDED, "pyoxigraph"}
