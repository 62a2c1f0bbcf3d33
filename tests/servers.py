"""Real servers for the tests (a pytest plugin, registered in conftest.py): `dikg serve` as a
subprocess, and a throw-away Virtuoso."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import REPO, run_dikg


@dataclass
class Served:
    """A running `dikg serve`: its process and the addresses it printed."""

    process: subprocess.Popen
    addresses: dict[str, str] = field(default_factory=dict)

    @property
    def query(self) -> str:
        return self.addresses["query"]

    def stop(self, sig: int = signal.SIGTERM) -> tuple[int, str]:
        """Signal it; return its exit code and what it said on stderr."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        _, stderr = self.process.communicate(timeout=30)
        return self.process.returncode, stderr


@contextlib.contextmanager
def dikg_serve(*args: str | os.PathLike[str], root: Path = REPO) -> Iterator[Served]:
    """Run `dikg --root ROOT serve ARGS` until it prints its query URL; stop it afterwards."""
    environment = {k: v for k, v in os.environ.items() if k != "DIKG_ROOT"}
    process = subprocess.Popen(
        [sys.executable, "-m", "dikg", "--root", str(root), "serve", *map(str, args)],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    served = Served(process)
    try:
        assert process.stdout is not None
        for line in process.stdout:
            what, _, address = line.strip().partition(": ")
            served.addresses[what] = address
            if what == "editor":
                break
        if "query" not in served.addresses:
            _, stderr = process.communicate(timeout=30)
            raise AssertionError(f"dikg serve did not start: {stderr}")
        yield served
    finally:
        if process.poll() is None:
            process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.communicate(timeout=30)


def json_answer(*args: str | os.PathLike[str], endpoint: str | None = None) -> dict:
    """The SPARQL results JSON of `dikg query ARGS` on the embedded store or an endpoint."""
    extra = ("--endpoint", endpoint) if endpoint else ()
    result = run_dikg("--root", REPO, "query", *args, "--format", "json", *extra)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def wait_for(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.1)


@pytest.fixture(scope="session")
def served_repo() -> Iterator[Served]:
    """`dikg serve` on the repository's graph, for the whole run."""
    with dikg_serve() as served:
        yield served
