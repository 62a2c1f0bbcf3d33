"""`dikg validate` on the whole graph, and the pieces it is made of.

The repository's own graph must conform (warnings allowed). New-entry mode must agree with
whole-graph mode: validating a file of the graph as an entry gives exactly the whole graph's
problems of that file's resources, which shows that the subgraph SHACL Core runs on in
new-entry mode holds everything the shapes look at.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import SH, Graph, Literal, URIRef

from dikg.errors import InputError
from dikg.rdf.files import graph_files
from dikg.rdf.parse import read_rdf
from dikg.root import resolve_root
from dikg.terms import Names
from dikg.validate.locate import LineFinder
from dikg.validate.run import validate
from tests.conftest import FIXTURES, REPO, run_dikg


def test_the_repository_graph_conforms() -> None:
    result = run_dikg("--root", REPO, "validate", "--format", "json")
    document = json.loads(result.stdout)
    violations = [r for r in document["results"] if r["severity"] == "Violation"]
    assert violations == [], json.dumps(violations, indent=2, ensure_ascii=False)
    assert result.returncode == 0


def _keys(problems, subjects=None) -> set[tuple]:
    return {
        (p.result.severity, p.result.focus, p.result.path, p.result.value, p.result.shape)
        for p in problems
        if p.result.severity != SH.Info and (subjects is None or p.result.focus in subjects)
    }


def _subjects(path: Path) -> set:
    graph = Graph().parse(path, format="turtle")
    return set(graph.subjects())


def _assert_entry_mode_agrees_with_whole_graph(root_path: Path) -> None:
    root = resolve_root(root_path)
    whole = validate(root).problems
    for path in graph_files(root):
        entry = validate(root, [path]).problems
        assert _keys(entry) == _keys(whole, _subjects(path)), path


def test_entry_mode_agrees_with_whole_graph_on_the_repository() -> None:
    _assert_entry_mode_agrees_with_whole_graph(REPO)


def test_entry_mode_agrees_with_whole_graph_on_a_graph_with_violations(entry_root: Path):
    # the shape examples as files of a graph: plenty of violations, across files
    for folder in ("core", "rules", "ranges", "grounding"):
        for example in sorted((FIXTURES / "shapes" / folder).glob("invalid-*.ttl")):
            target = entry_root / "data" / "examples" / f"{folder}-{example.name}"
            target.parent.mkdir(exist_ok=True)
            shutil.copy(example, target)
    shutil.copy(FIXTURES / "shapes" / "context.ttl", entry_root / "data" / "context.ttl")
    assert validate(resolve_root(entry_root)).violations > 50
    _assert_entry_mode_agrees_with_whole_graph(entry_root)


def test_whole_graph_problems_name_the_data_file_and_line(entry_root: Path) -> None:
    result = run_dikg("--root", entry_root, "validate")
    assert result.returncode == 0  # a warning only
    assert result.stdout.splitlines() == [
        "data/measures.ttl:21: measure:bzk-workshops",
        "  Warning  rdfs:label",
        "      Add an rdfs:label in English (@en): a translation of the Dutch label.",
    ]
    assert result.stderr.startswith(
        "does not conform (warnings only): 0 violations, 1 warnings, 0 infos in 1 resources"
    )


def test_a_shape_with_a_syntax_error(entry_root: Path) -> None:
    (entry_root / "shapes" / "broken.ttl").write_text("dikgsh:X a sh:NodeShape .\n", "utf-8")
    result = run_dikg("--root", entry_root, "validate")
    assert result.returncode == 2
    assert result.stderr.startswith(f"dikg: error: {entry_root / 'shapes' / 'broken.ttl'}:1:")
    assert "Traceback" not in result.stderr


# --- reading entries -----------------------------------------------------------------------


def test_blank_nodes_get_stable_labels_per_file(tmp_path: Path) -> None:
    entry = tmp_path / "entry.ttl"
    entry.write_text(
        "@prefix ex: <https://example.org/> .\nex:a ex:b [ ex:c 1 ], [ ex:d 2 ] .\n", "utf-8"
    )
    first = read_rdf(entry, label="e3")
    second = read_rdf(entry, label="e3")
    assert first.quads == second.quads
    assert {q.object for q in first.quads if isinstance(q.object, ox.BlankNode)} == {
        ox.BlankNode("e3b1"),
        ox.BlankNode("e3b2"),
    }


def test_an_inline_json_ld_context_is_fine_and_gives_prefixes(tmp_path: Path) -> None:
    entry = tmp_path / "entry.jsonld"
    entry.write_text(
        json.dumps(
            {
                "@context": {"dikg": "https://w3id.org/dikg/def#", "x": {"@id": "dikg:actor"}},
                "@id": "https://w3id.org/dikg/id/measure/x",
                "@type": "dikg:Measure",
            }
        ),
        "utf-8",
    )
    parsed = read_rdf(entry)
    assert parsed.prefixes == {"dikg": "https://w3id.org/dikg/def#"}
    assert len(parsed.quads) == 1


def test_a_doctype_is_refused_even_without_entities(tmp_path: Path) -> None:
    entry = tmp_path / "entry.rdf"
    entry.write_text('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF>\n<rdf:RDF/>\n', "utf-8")
    with pytest.raises(InputError, match="DOCTYPE") as raised:
        read_rdf(entry)
    assert raised.value.line == 2


# --- finding lines and naming terms ---------------------------------------------------------


def test_line_of_a_subject_in_turtle() -> None:
    text = (
        "@prefix m: <https://w3id.org/dikg/id/measure/> .\n"
        "m:b m:x m:a .\n"  # m:a as an object first
        "\n"
        "m:a\n"
        "    m:y 1 .\n"
        "<https://w3id.org/dikg/id/measure/c> m:y 2 .\n"
    )
    finder = LineFinder(text, {"m": "https://w3id.org/dikg/id/measure/"})
    assert finder.line("https://w3id.org/dikg/id/measure/a") == 4
    assert finder.line("https://w3id.org/dikg/id/measure/b") == 2
    assert finder.line("https://w3id.org/dikg/id/measure/c") == 6
    assert finder.line("https://w3id.org/dikg/id/measure/d") is None


def test_line_of_a_subject_in_json_ld_and_rdf_xml() -> None:
    json_ld = '{\n  "@context": {"m": "https://w3id.org/dikg/id/measure/"},\n  "@id": "m:a"\n}\n'
    assert (
        LineFinder(json_ld, {"m": "https://w3id.org/dikg/id/measure/"}).line(
            "https://w3id.org/dikg/id/measure/a"
        )
        == 3
    )
    xml = '<rdf:RDF>\n  <rdf:Description\n    rdf:about="https://example.org/a">\n'
    assert LineFinder(xml, {}).line("https://example.org/a") == 3


def test_names_prefer_the_longest_namespace_and_shorten_messages() -> None:
    names = Names(
        {"id": "https://w3id.org/dikg/id/", "measure": "https://w3id.org/dikg/id/measure/"}
    )
    assert names.term(URIRef("https://w3id.org/dikg/id/measure/a-b")) == "measure:a-b"
    assert names.term(URIRef("https://example.org/x")) == "<https://example.org/x>"
    assert names.term(Literal("30", datatype=URIRef(str(SH) + "x"))) == '"30"^^sh:x'
    assert names.term(Literal("x" * 10), width=5) == '"xxxx…"'
    assert (
        names.text("see https://w3id.org/dikg/id/measure/a: and https://example.org/x.")
        == "see measure:a: and https://example.org/x."
    )
