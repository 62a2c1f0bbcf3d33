"""Which graph dikg works on: --root, then DIKG_ROOT, then this checkout, then the packaged copy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, run_dikg


def info(*args, **kwargs) -> dict[str, str]:
    result = run_dikg(*args, "info", **kwargs)
    assert result.returncode == 0, result.stderr
    return dict(line.split(": ", 1) for line in result.stdout.splitlines()[1:])


def test_checkout_is_the_default(tmp_path: Path) -> None:
    found = info(cwd=tmp_path)
    assert found["root"] == str(REPO)
    assert found["origin"] == "checkout"


def test_environment_variable_names_another_root(mini_root: Path, tmp_path: Path) -> None:
    found = info(cwd=tmp_path, env={"DIKG_ROOT": str(mini_root)})
    assert found == {"root": str(mini_root), "origin": "environment", "graph files": "3"}


def test_root_option_wins_over_the_environment(mini_root: Path, tmp_path: Path) -> None:
    found = info("--root", mini_root, cwd=tmp_path, env={"DIKG_ROOT": str(REPO)})
    assert found == {"root": str(mini_root), "origin": "option", "graph files": "3"}


@pytest.mark.parametrize("make", ["missing", "empty"])
def test_a_root_without_a_graph_is_exit_2(tmp_path: Path, make: str) -> None:
    root = tmp_path / "elsewhere"
    if make == "empty":
        root.mkdir()
    result = run_dikg("--root", root, "info")
    assert result.returncode == 2
    assert str(root) in result.stderr
    assert "hint: point it at a dikg checkout" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_the_wheel_carries_the_graph_and_works_outside_the_checkout(tmp_path: Path) -> None:
    """`pip install .` (not editable): the installed dikg finds its packaged graph."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", wheels, REPO],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("dikg-*.whl")
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", target, wheel],
        check=True,
        capture_output=True,
    )
    # the dependencies come from this environment; dikg itself only from the wheel
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {"PYTHONPATH": str(target)}
    found = info(cwd=elsewhere, env=env)
    assert found["origin"] == "package"
    assert found["root"] == str(target / "dikg" / "_graph")
    assert found["graph files"] == info(cwd=elsewhere)["graph files"]
    for folder in ("ontology", "data", "shapes", "queries"):
        packaged = sorted(
            p.relative_to(target / "dikg" / "_graph" / folder).as_posix()
            for p in (target / "dikg" / "_graph" / folder).rglob("*")
            if p.is_file()
        )
        in_checkout = sorted(
            p.relative_to(REPO / folder).as_posix()
            for p in (REPO / folder).rglob("*")
            if p.is_file()
        )
        assert packaged == in_checkout, folder
    result = run_dikg("query", "dataset-statistics", cwd=elsewhere, env=env)
    assert result.returncode == 0, result.stderr
