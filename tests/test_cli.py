"""The command line as users meet it: help, version, errors and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from dikg import __version__
from tests.conftest import run_dikg

SUBCOMMANDS = [
    "build",
    "check-ontology",
    "coverage",
    "diff",
    "docs",
    "fmt",
    "info",
    "load",
    "new",
    "publish",
    "queries",
    "query",
    "serve",
    "validate",
]


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_lists_every_subcommand_with_one_line(flag: str) -> None:
    result = run_dikg(flag)
    assert result.returncode == 0
    commands = result.stdout.split("Commands:", 1)[1].splitlines()
    listed = {line.split()[0]: line for line in commands if line.strip()}
    assert sorted(listed) == SUBCOMMANDS
    assert all(len(line.split(None, 1)) == 2 for line in listed.values())


def test_version() -> None:
    result = run_dikg("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"dikg, version {__version__}"


def test_quiet_and_verbose_exclude_each_other() -> None:
    result = run_dikg("--quiet", "--verbose", "info")
    assert result.returncode == 2
    assert "--quiet and --verbose exclude each other" in result.stderr


def test_unknown_subcommand_is_a_usage_error() -> None:
    result = run_dikg("bulid")
    assert result.returncode == 2
    assert "No such command 'bulid'" in result.stderr


def test_missing_file_named_with_exit_2_and_no_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.ttl"
    result = run_dikg("fmt", "--check", missing)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == f"dikg: error: {missing}: no such file or directory"
    assert "Traceback" not in result.stderr


def test_turtle_syntax_error_names_file_and_line(mini_root: Path) -> None:
    bad = mini_root / "data" / "broken.ttl"
    bad.write_text(
        '@prefix ex: <https://example.org/> .\n\nex:a ex:b "unterminated .\nex:c ex:d ex:e .\n',
        encoding="utf-8",
    )
    result = run_dikg("--root", mini_root, "build", "--out", mini_root / "dist")
    assert result.returncode == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"dikg: error: {bad}:3: Turtle syntax error:")
    assert "Traceback" not in result.stderr
    assert not (mini_root / "dist").exists()


def test_syntax_error_on_embedded_store_names_file_and_line(mini_root: Path) -> None:
    bad = mini_root / "data" / "broken.ttl"
    bad.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b .\n", encoding="utf-8")
    result = run_dikg("--root", mini_root, "query", "dataset-statistics")
    assert result.returncode == 2
    assert result.stderr.startswith(f"dikg: error: {bad}:2: Turtle syntax error:")


def test_verbose_shows_the_traceback(mini_root: Path) -> None:
    (mini_root / "data" / "broken.ttl").write_text("ex:a ex:b ex:c .\n", encoding="utf-8")
    result = run_dikg("--verbose", "--root", mini_root, "build", "--out", mini_root / "dist")
    assert result.returncode == 2
    assert "Traceback" in result.stderr
    assert "broken.ttl:1: Turtle syntax error" in result.stderr


def test_not_utf8_names_file_and_line(mini_root: Path) -> None:
    bad = mini_root / "data" / "latin1.ttl"
    bad.write_bytes(b'@prefix ex: <https://example.org/> .\nex:a ex:b "caf\xe9" .\n')
    result = run_dikg("--root", mini_root, "build", "--out", mini_root / "dist")
    assert result.returncode == 2
    assert result.stderr.startswith(f"dikg: error: {bad}:2: not UTF-8 (byte 0xe9)")


def test_unknown_query_suggests_close_names(mini_root: Path) -> None:
    result = run_dikg("--root", mini_root, "query", "dataset-statistic")
    assert result.returncode == 2
    assert "unknown query 'dataset-statistic'" in result.stderr
    assert "did you mean: dataset-statistics?" in result.stderr


def test_query_name_cannot_escape_the_queries_folder(mini_root: Path) -> None:
    (mini_root / "secret.rq").write_text("SELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    result = run_dikg("--root", mini_root, "query", "../secret")
    assert result.returncode == 2
    assert "unknown query '../secret'" in result.stderr


def test_sparql_syntax_error_is_exit_2(mini_root: Path) -> None:
    result = run_dikg("--root", mini_root, "query", "--sparql", "SELECT WHERE {")
    assert result.returncode == 2
    assert "SPARQL syntax error in --sparql" in result.stderr
    assert "Traceback" not in result.stderr


def test_query_needs_exactly_one_source(mini_root: Path) -> None:
    result = run_dikg("--root", mini_root, "query")
    assert result.returncode == 2
    assert "give exactly one of NAME, --file or --sparql" in result.stderr


def test_canned_query_answer_on_the_mini_graph(mini_root: Path) -> None:
    result = run_dikg("--root", mini_root, "query", "dataset-statistics", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "class,label,resources",
        "http://www.w3.org/2002/07/owl#Class,,3",
        "https://example.org/mini#Measure,Measure,2",
        "http://www.w3.org/2002/07/owl#DatatypeProperty,,1",
        "http://www.w3.org/2002/07/owl#ObjectProperty,,1",
        "http://www.w3.org/2002/07/owl#Ontology,,1",
    ]


def test_queries_lists_the_canned_queries(mini_root: Path) -> None:
    result = run_dikg("--root", mini_root, "queries")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["NAME", "PARAMETERS", "SUMMARY"]
    assert [
        "dataset-statistics",
        "-",
        "Dataset statistics - the number of resources of each class",
    ] in [line.split(None, 2) for line in lines]


def test_syntax_error_line_is_exact_after_multiline_literal_lists(tmp_path: Path) -> None:
    """Regression: rdflib's line count drifts after `"x"@nl ,` + newline + `"y"@en`."""
    path = tmp_path / "drift.ttl"
    block = 'ex:{0} ex:label\n    "x"@nl ,\n    "y"@en ;\n.\n'
    text = "@prefix ex: <https://example.org/> .\n" + block.format("a") + block.format("b")
    path.write_text(text + 'ex:c ex:d "broken .\n', encoding="utf-8")
    result = run_dikg("fmt", "--check", path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"dikg: error: {path}:10: Turtle syntax error:")
