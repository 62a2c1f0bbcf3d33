"""A second, independent SHACL engine agrees: Apache Jena SHACL on the same shapes and examples.

Runs where Debian's libapache-jena-java and a Java runtime are installed (skipped otherwise):
every example of tests/fixtures/shapes/ is validated by Jena (SHACL Core, SHACL-SPARQL and
SHACL-AF SPARQL targets) and by dikg's engine on the same graph, and both must give the same
set of (focus node, path, severity, source shape, value) for the example's resources. And
the validation report's sh:conforms is Jena's on the same graph: clean, with warnings only,
with violations.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import RDF, SH, BNode, Graph, Literal, URIRef

from tests.conftest import run_dikg
from tests.jena import run_jena
from tests.test_shapes import EXAMPLES, SHAPES, Example

pytestmark = pytest.mark.slow


def _term(text: str):
    if text == "-":
        return None
    if text.startswith("<"):
        return URIRef(text[1:-1])
    if text.startswith("_:"):
        return BNode(text[2:])
    # Jena writes numbers and booleans in their short Turtle form (1.5, true)
    return (
        Graph()
        .parse(data=f"<urn:s> <urn:p> {text} .", format="turtle")
        .value(URIRef("urn:s"), URIRef("urn:p"))
    )


@pytest.fixture(scope="module")
def jena_results(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, set[tuple]]:
    folder = tmp_path_factory.mktemp("jena")
    shapes = folder / "shapes.ttl"
    SHAPES.serialize(shapes, format="turtle")
    data_files = {}
    for number, example in enumerate(EXAMPLES):
        data = folder / f"example-{number}.nt"
        Example(example).comparison_graph().serialize(data, format="nt", encoding="utf-8")
        data_files[str(data)] = example
    output = run_jena("ShaclBatch.java", shapes, *data_files, work=folder)
    found: dict[Path, set[tuple]] = {example: set() for example in EXAMPLES}
    for line in output.splitlines():
        data, focus, path, severity, shape, value = line.split("\t")
        found[data_files[data]].add(
            (_term(focus), _term(path), _term(severity), _term(shape), _term(value))
        )
    return found


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_jena_agrees_with_dikg(jena_results: dict[Path, set[tuple]], example: Path) -> None:
    found = Example(example)
    dikg = found.on_comparison_graph(reference=False)
    ours = {(r.focus, r.path, r.severity, r.shape, r.value) for r in dikg}
    jena = {t for t in jena_results[example] if t[0] in found.focus}
    assert jena == ours


def test_literals_compare_as_terms() -> None:
    assert _term('"30.0"^^<http://www.w3.org/2001/XMLSchema#decimal>') == Literal(
        "30.0", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")
    )


# sh:conforms: SHACL 1.0 section 3.6.1.1, true exactly when there is no validation result -------

MEASURES = Path("data") / "measures.ttl"
DUTCH_LABEL = '"Workshops selecteren zonder vooroordelen"@nl ;'
ACTOR = "    dikg:actor organisation:bzk ;\n    dikg:implements"
# graph -> (sh:conforms, results per severity, JSON verdict, exit code, exit code with --strict)
EXPECTED = {
    "clean": (True, {}, "conforms", 0, 0),
    "warnings": (False, {"Warning": 1}, "warnings only", 0, 1),
    "violations": (False, {"Violation": 1, "Warning": 1}, "violations", 1, 1),
}


def _graph_with(entry_root: Path, problems: str, folder: Path) -> Path:
    """A copy of the entry_root graph clean, with its one warning, or with a violation too."""
    root = folder / problems
    shutil.copytree(entry_root, root)
    measures = root / MEASURES
    text = measures.read_text(encoding="utf-8")
    assert DUTCH_LABEL in text and ACTOR in text
    if problems == "clean":
        text = text.replace(DUTCH_LABEL, DUTCH_LABEL[:-2] + ', "Unbiased selection workshops"@en ;')
    elif problems == "violations":  # a measure without actor (and still no English label)
        text = text.replace(ACTOR, "    dikg:implements")
    measures.write_text(text, encoding="utf-8")
    return root


def _severities(lines: list[tuple[str, str]]) -> dict[str, int]:
    return {severity.rsplit("#", 1)[1]: int(count) for severity, count in lines}


def test_sh_conforms_is_what_jena_says(entry_root: Path, tmp_path: Path) -> None:
    roots = {problems: _graph_with(entry_root, problems, tmp_path) for problems in EXPECTED}
    for root in roots.values():
        built = run_dikg("--root", root, "build", "--out", root / "dist")
        assert built.returncode == 0, built.stderr
    shapes = Graph()
    for path in sorted((entry_root / "shapes").glob("*.ttl")):
        shapes.parse(path, format="turtle")
    shapes.serialize(tmp_path / "shapes.nt", format="nt", encoding="utf-8")
    data = {str(root / "dist" / "dikg.nt"): problems for problems, root in roots.items()}
    output = run_jena("ShaclConforms.java", tmp_path / "shapes.nt", *data, work=tmp_path)
    lines = [line.split("\t") for line in output.splitlines()]
    jena = {
        problems: (
            next(value == "true" for file, key, value in lines if (file, key) == (nt, "conforms")),
            _severities([(k, v) for file, k, v in lines if file == nt and k != "conforms"]),
        )
        for nt, problems in data.items()
    }
    assert jena == {problems: expected[:2] for problems, expected in EXPECTED.items()}
    for problems, root in roots.items():
        turtle = run_dikg("--root", root, "validate", "--format", "turtle")
        report = Graph().parse(data=turtle.stdout, format="turtle")
        (node,) = report.subjects(RDF.type, SH.ValidationReport)
        severities = [
            str(report.value(r, SH.resultSeverity)) for r in report.objects(node, SH.result)
        ]
        ours = (
            report.value(node, SH.conforms).toPython(),
            _severities([(s, str(severities.count(s))) for s in set(severities)]),
        )
        assert ours == jena[problems], problems
        conforms, _, verdict, exit_code, strict_exit_code = EXPECTED[problems]
        # the exit code is dikg's own rule: violations fail, warnings only with --strict
        assert turtle.returncode == exit_code, problems
        document = json.loads(run_dikg("--root", root, "validate", "--format", "json").stdout)
        assert (document["conforms"], document["verdict"]) == (conforms, verdict), problems
        strict = run_dikg("--root", root, "validate", "--strict")
        assert strict.returncode == strict_exit_code, problems
