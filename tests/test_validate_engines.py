"""Every SHACL Core engine of `dikg validate --engine` gives the same results as pySHACL.

pyshacl-turbo (the default) and pySHACL (the reference) must agree on every result (focus node,
path, value, source shape, constraint component, severity and messages): on every shape example
of tests/fixtures/shapes/ (as `dikg validate FILE` runs them) and on a scaled copy of the real
graph with known defects (benchmarks/scale.py), where both must find exactly those defects.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Literal

from dikg.validate.engines import DEFAULT_ENGINE, ENGINES, ascii_nquads, core_report
from dikg.validate.shacl import validate_graph
from tests.conftest import FIXTURES, REPO, run_dikg
from tests.test_shapes import EXAMPLES, SHAPES, SPLIT, Example

OTHERS = [engine for engine in ENGINES if engine != "pyshacl"]


def test_the_default_engine_is_not_the_reference() -> None:
    assert DEFAULT_ENGINE == "turbo"
    assert set(ENGINES) == {"turbo", "pyshacl"}


def test_an_unknown_engine_is_refused() -> None:
    import pyoxigraph as ox

    with pytest.raises(ValueError, match="unknown SHACL engine 'jena'"):
        core_report("jena", SHAPES, ox.Store(), None, advanced=False)  # type: ignore[arg-type]


NON_ASCII = """\
_:b <http://example.org/label> "caf\u00e9 \\\\x41 \U0001f600 \\n"@nl <http://example.org/g> .
<http://example.org/caf\u00e9> <http://example.org/label> "\u2019" .
"""


def test_pyshacl_turbo_reads_the_store_in_ascii_with_the_same_statements() -> None:
    import pyoxigraph as ox

    store = ox.Store()
    store.load(NON_ASCII, ox.RdfFormat.N_QUADS)
    text = ascii_nquads(store).source
    assert text.isascii()
    assert "caf\\u00E9" in text and "\\U0001F600" in text and "\\\\x41" in text
    # the same quads, blank nodes included: results must name the store's blank nodes
    assert set(ox.parse(text, ox.RdfFormat.N_QUADS, rename_blank_nodes=False)) == set(store)


@pytest.mark.parametrize("engine", OTHERS)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_engine_gives_pyshacls_results_on_every_shape_example(example: Path, engine: str):
    found = Example(example)
    reference = found.dikg(engine="pyshacl")
    if example.name.startswith("invalid"):
        assert reference, f"{example}: the reference found nothing to compare"
    assert found.dikg(engine=engine) == reference


def test_engines_agree_on_literal_values_read_from_the_store() -> None:
    # regression: pyshacl-turbo reported "BZK"^^xsd:string where pySHACL reports "BZK"
    found = Example(FIXTURES / "shapes" / "core" / "invalid-actor.ttl")
    results = {
        engine: {
            r
            for r in validate_graph(found.store, None, SPLIT, engine=engine)
            if r.focus in found.focus
        }
        for engine in ENGINES
    }
    assert Literal("BZK") in {r.value for r in results["pyshacl"]}
    for engine in OTHERS:
        assert results[engine] == results["pyshacl"]


@pytest.fixture(scope="module")
def scaled_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real graph scaled to ~12k triples, every replica with one known defect."""
    root = tmp_path_factory.mktemp("scaled") / "root"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "scale.py"),
            "--triples",
            "12000",
            "--defect-every",
            "1",
            "--out",
            str(root),
        ],
        check=True,
        capture_output=True,
    )
    return root


def _validate(root: Path, engine: str) -> subprocess.CompletedProcess[str]:
    return run_dikg("--root", root, "validate", "--engine", engine, "--format", "json")


def test_engines_give_the_same_report_on_a_scaled_graph(scaled_root: Path) -> None:
    reference = _validate(scaled_root, "pyshacl")
    assert reference.returncode == 1, reference.stderr
    report = json.loads(reference.stdout)
    violations = {r["focus"]["value"] for r in report["results"] if r["severity"] == "Violation"}
    defects = json.loads((scaled_root / "defects.json").read_text(encoding="utf-8"))
    assert {defect["kind"] for defect in defects} >= {"duplicate-label", "value-not-a-number"}
    assert violations == {node for defect in defects for node in defect["focus"]}
    assert report["counts"]["Warning"] > 0
    for engine in OTHERS:
        other = _validate(scaled_root, engine)
        assert (other.returncode, other.stdout) == (reference.returncode, reference.stdout)
