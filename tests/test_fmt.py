"""`dikg fmt`: one canonical form, idempotent, independent of statement order, and --check."""

from __future__ import annotations

import random
import re
from pathlib import Path

from rdflib import Graph
from rdflib.compare import isomorphic

from tests.conftest import FIXTURES, run_dikg

MEASURES = FIXTURES / "mini-root" / "data" / "measures.ttl"


def fmt(*args) -> None:
    result = run_dikg("fmt", *args)
    assert result.returncode == 0, result.stderr


def shuffled_statements(text: str, seed: int) -> str:
    """Reorder the top-level statements of a simple Turtle file (prefix lines stay first)."""
    lines = text.splitlines()
    prefixes = [line for line in lines if line.startswith("@prefix")]
    body = "\n".join(line for line in lines if not line.startswith(("@prefix", "#")))
    statements = [s.strip() for s in re.split(r"(?<=\S) \.\n", body + "\n") if s.strip()]
    random.Random(seed).shuffle(statements)
    return "\n".join(prefixes) + "\n\n" + " .\n\n".join(statements).rstrip(" .") + " .\n"


def test_formatting_a_formatted_file_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "measures.ttl"
    path.write_text(MEASURES.read_text(encoding="utf-8"), encoding="utf-8")
    fmt(path)
    once = path.read_bytes()
    fmt(path)
    assert path.read_bytes() == once
    assert run_dikg("fmt", "--check", path).returncode == 0


def test_formatting_keeps_every_triple_and_the_header_comment(tmp_path: Path) -> None:
    path = tmp_path / "measures.ttl"
    path.write_text(MEASURES.read_text(encoding="utf-8"), encoding="utf-8")
    fmt(path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Two measures, in no particular order.\n\nPREFIX ")
    assert isomorphic(Graph().parse(path), Graph().parse(MEASURES))


def test_statement_order_does_not_change_the_canonical_form(tmp_path: Path) -> None:
    original = MEASURES.read_text(encoding="utf-8")
    outputs = set()
    for seed in range(4):
        path = tmp_path / f"shuffled-{seed}.ttl"
        path.write_text(shuffled_statements(original, seed), encoding="utf-8")
        assert isomorphic(Graph().parse(path), Graph().parse(MEASURES))
        fmt(path)
        outputs.add(path.read_text(encoding="utf-8"))
    assert len(outputs) == 1


def test_subjects_are_in_iri_order_with_the_ontology_header_first(tmp_path: Path) -> None:
    path = tmp_path / "mini.ttl"
    path.write_text((FIXTURES / "mini-root/ontology/mini.ttl").read_text("utf-8"), "utf-8")
    fmt(path)
    subjects = [line for line in path.read_text("utf-8").splitlines() if line and line[0] in "<m"]
    assert subjects == [
        "<https://example.org/mini>",
        "mini:Measure",
        "mini:Policy",
        "mini:actor",
        "mini:value",
    ]


def test_check_names_the_files_that_differ_and_exits_1(tmp_path: Path) -> None:
    messy = tmp_path / "messy.ttl"
    messy.write_text(MEASURES.read_text(encoding="utf-8"), encoding="utf-8")
    tidy = tmp_path / "tidy.ttl"
    tidy.write_text(MEASURES.read_text(encoding="utf-8"), encoding="utf-8")
    fmt(tidy)
    before = messy.read_bytes()
    result = run_dikg("fmt", "--check", tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"would reformat: {messy}"]
    assert messy.read_bytes() == before


def test_a_syntax_error_in_one_file_leaves_every_file_untouched(tmp_path: Path) -> None:
    good = tmp_path / "a.ttl"
    good.write_text(MEASURES.read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "b.ttl"
    bad.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b\n", encoding="utf-8")
    before = good.read_bytes()
    result = run_dikg("fmt", tmp_path)
    assert result.returncode == 2
    assert f"{bad}:" in result.stderr
    assert good.read_bytes() == before


def test_without_paths_fmt_checks_the_roots_turtle(mini_root: Path) -> None:
    result = run_dikg("--root", mini_root, "fmt", "--check")
    assert result.returncode == 1
    assert sorted(result.stdout.splitlines()) == [
        f"would reformat: {mini_root / 'data' / 'measures.ttl'}",
        f"would reformat: {mini_root / 'data' / 'organisations.ttl'}",
        f"would reformat: {mini_root / 'ontology' / 'mini.ttl'}",
    ]
    assert run_dikg("--root", mini_root, "fmt").returncode == 0
    assert run_dikg("--root", mini_root, "fmt", "--check").returncode == 0
