"""Every shape fires on its invalid examples, with the exact focus node, path, severity and
shape stated in each example's `# expect:` lines, and stays quiet on the valid ones.

Examples live in tests/fixtures/shapes/<shapes-file-stem>/{valid,invalid}-*.ttl.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, SH, Graph

from dikg.root import resolve_root
from dikg.validate import load_shapes
from tests.conftest import FIXTURES, REPO

EXAMPLES = sorted((FIXTURES / "shapes").glob("*/*.ttl"))
SHAPES = load_shapes(resolve_root(REPO))


def results(example: Path) -> set[tuple[str, str, str, str]]:
    data = Graph().parse(example, format="turtle")
    _, report, _ = validate(data, shacl_graph=SHAPES, allow_warnings=True)
    name = data.namespace_manager.normalizeUri
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        shape = str(report.value(result, SH.sourceShape)).rsplit("#", 1)[-1]
        found.add(
            (
                name(report.value(result, SH.focusNode)),
                name(report.value(result, SH.resultPath)),
                str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
                shape,
            )
        )
    return found


def expected(example: Path) -> set[tuple[str, ...]]:
    lines = example.read_text(encoding="utf-8").splitlines()
    return {tuple(line.split()[2:]) for line in lines if line.startswith("# expect:")}


def test_every_shapes_file_has_examples() -> None:
    stems = {path.stem for path in (REPO / "shapes").glob("*.ttl")}
    assert stems <= {path.parent.name for path in EXAMPLES}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_example_gives_exactly_the_expected_results(example: Path) -> None:
    if example.name.startswith("valid"):
        assert results(example) == set()
    else:
        assert expected(example), f"{example} states no `# expect:` line"
        assert results(example) == expected(example)
