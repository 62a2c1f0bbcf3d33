"""`dikg validate FILE...`: new entries checked in the context of the whole graph.

The examples in tests/fixtures/entries/examples/ are validated against the small graph root
of the `entry_root` fixture; each invalid one states in `# expect: focus path severity shape`
lines exactly what it must produce (`-` for no path), the valid ones produce nothing at all,
not even the warning that the root's own measure has.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, SH, Graph, Literal

from dikg.rdf.parse import MAX_BYTES
from dikg.root import resolve_root
from dikg.validate.run import ValidationOutcome, validate
from tests.conftest import FIXTURES, run_dikg

EXAMPLES = sorted((FIXTURES / "entries" / "examples").iterdir())
BAD = FIXTURES / "entries" / "bad"


def expected(example: Path) -> set[tuple[str, ...]]:
    lines = example.read_text(encoding="utf-8").splitlines()
    return {tuple(line.split()[2:]) for line in lines if line.startswith("# expect:")}


def summary(outcome: ValidationOutcome) -> set[tuple[str, str, str, str]]:
    names = outcome.names
    return {
        (
            names.term(p.result.focus),
            names.term(p.result.path) if p.result.path is not None else "-",
            p.result.severity_name,
            str(p.result.shape).rsplit("#", 1)[-1],
        )
        for p in outcome.problems
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_entry_gives_exactly_the_expected_results(entry_root: Path, example: Path) -> None:
    outcome = validate(resolve_root(entry_root), [example])
    assert summary(outcome) == expected(example)
    assert outcome.conforms == (example.name.startswith("valid"))


def test_the_graph_has_a_warning_that_entries_do_not_report(entry_root: Path) -> None:
    root = resolve_root(entry_root)
    whole = validate(root)
    assert summary(whole) == {
        ("measure:bzk-workshops", "rdfs:label", "Warning", "EnglishLabelWantedShape-labelEn")
    }
    assert [(p.file, p.line) for p in whole.problems] == [("data/measures.ttl", 21)]
    assert validate(root, [FIXTURES / "entries" / "examples" / "valid-measure.ttl"]).problems == []


def test_a_file_of_the_graph_given_as_entry_replaces_itself(entry_root: Path) -> None:
    root = resolve_root(entry_root)
    outcome = validate(root, [entry_root / "data" / "measures.ttl"])
    assert summary(outcome) == summary(validate(root))  # no conflict with its own old copy
    assert outcome.problems[0].file == str(entry_root / "data" / "measures.ttl")


def test_several_entries_at_once_keep_their_blank_nodes_apart(entry_root: Path) -> None:
    examples = FIXTURES / "entries" / "examples"
    outcome = validate(
        resolve_root(entry_root), [examples / "invalid-measure.ttl", examples / "valid-measure.ttl"]
    )
    assert summary(outcome) == expected(examples / "invalid-measure.ttl")


# --- the command line -------------------------------------------------------------------


def test_text_output_groups_by_resource_with_file_and_line(entry_root: Path) -> None:
    entry = FIXTURES / "entries" / "examples" / "invalid-measure.ttl"
    result = run_dikg("--root", entry_root, "validate", entry)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{entry}:24: measure:bzk-fouten",
        '  Violation  dikg:endDate  "2016-05"^^xsd:gYearMonth',
        "      The end date 2016-05 lies before the start date 2017: check both against the "
        "source.",
        "  Violation  dikg:hasTarget  _:e1b1",
        "      dikg:hasTarget points to a dikg:Target (an IRI under "
        "https://w3id.org/dikg/id/target/).",
        '  Violation  dikg:sourceQuote  "Het ministerie wil de uitstroom verminderen."',
        "      The quote does not occur in the stored text of document:voorbeeld: copy it from "
        "the source character for character (line breaks and spaces may differ).",
        "  Violation  dikg:targetGroup  tg:vrouwen",
        "      dikg:targetGroup is a concept of the target-group scheme "
        "(data/vocabularies/target-groups.ttl, e.g. tg:women).",
        "  Violation  dikg:targetgroup",
        "      dikg:targetgroup is not declared in the ontology (ontology/dikg.ttl): check the "
        "spelling (the terms are case-sensitive, e.g. dikg:targetGroup, dikg:Measure).",
        "  Warning  rdfs:label",
        "      Add an rdfs:label in English (@en): a translation of the Dutch label.",
        f"{entry}:24: _:e1b1",
        "  Violation  -",
        "      A target's IRI is https://w3id.org/dikg/id/target/{slug}, the slug lowercase "
        "ASCII kebab-case.",
        "  Violation  dikg:unit",
        "      A value needs a unit: give exactly one dikg:unit, a qudt:Unit from data/units.ttl "
        "(unit:PERCENT or unit:NUM).",
    ]
    assert result.stderr.startswith(
        "does not conform: 7 violations, 1 warnings, 0 infos in 2 resources ("
    )


def test_messages_in_dutch(entry_root: Path) -> None:
    entry = FIXTURES / "entries" / "examples" / "invalid-untyped.ttl"
    result = run_dikg("--root", entry_root, "validate", "--lang", "nl", entry)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{entry}:18: measure:vergeten-type",
        "  Violation  rdf:type",
        "      Geef de resource een type (rdf:type, `a` in Turtle), zoals dikg:Measure of "
        "dikg:Policy.",
    ]
    assert result.stderr.startswith("voldoet niet: 1 overtredingen, 0 waarschuwingen")


def test_json_output(entry_root: Path) -> None:
    entry = FIXTURES / "entries" / "examples" / "invalid-untyped.ttl"
    result = run_dikg("--root", entry_root, "validate", "--format", "json", entry)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert (document["conforms"], document["verdict"]) == (False, "violations")
    assert document["entries"] == [str(entry)]
    assert document["counts"] == {"Violation": 1, "Warning": 0, "Info": 0}
    assert document["results"] == [
        {
            "severity": "Violation",
            "focus": {"type": "uri", "value": "https://w3id.org/dikg/id/measure/vergeten-type"},
            "path": {"type": "uri", "value": str(RDF.type)},
            "value": None,
            "message": "Give the resource a type (rdf:type, `a` in Turtle), such as "
            "dikg:Measure or dikg:Policy.",
            "messages": {
                "en": "Give the resource a type (rdf:type, `a` in Turtle), such as "
                "dikg:Measure or dikg:Policy.",
                "nl": "Geef de resource een type (rdf:type, `a` in Turtle), zoals dikg:Measure "
                "of dikg:Policy.",
            },
            "shape": "https://w3id.org/dikg/shapes#TypedResourceShape-type",
            "component": str(SH.MinCountConstraintComponent),
            "file": str(entry),
            "line": 18,
        }
    ]


def test_turtle_output_is_the_shacl_report(entry_root: Path) -> None:
    entry = FIXTURES / "entries" / "examples" / "invalid-measure.ttl"
    result = run_dikg("--root", entry_root, "validate", "--format", "turtle", entry)
    assert result.returncode == 1
    report = Graph().parse(data=result.stdout, format="turtle")
    (node,) = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(node, SH.conforms) == Literal(False)
    results = list(report.objects(node, SH.result))
    assert len(results) == 8
    for item in results:
        assert report.value(item, SH.focusNode) is not None
        assert report.value(item, SH.sourceShape) is not None
        assert {m.language for m in report.objects(item, SH.resultMessage)} == {"nl", "en"}


@pytest.mark.parametrize("fmt", ["text", "json", "turtle"])
def test_output_is_deterministic(entry_root: Path, fmt: str) -> None:
    entry = FIXTURES / "entries" / "examples" / "invalid-conflicts.ttl"
    first = run_dikg("--root", entry_root, "validate", "--format", fmt, entry)
    second = run_dikg("--root", entry_root, "validate", "--format", fmt, entry)
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout


def test_a_valid_entry_exits_0_and_prints_nothing(entry_root: Path) -> None:
    entry = FIXTURES / "entries" / "examples" / "valid-measure.jsonld"
    result = run_dikg("--root", entry_root, "validate", entry)
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert result.stderr.startswith("conforms: 0 violations, 0 warnings")


def test_warnings_pass_unless_strict(entry_root: Path, tmp_path: Path) -> None:
    entry = tmp_path / "entry.ttl"
    text = (FIXTURES / "entries" / "examples" / "valid-measure.ttl").read_text(encoding="utf-8")
    entry.write_text(text.replace(', "Mentoring programme for trainees"@en', ""), "utf-8")
    assert run_dikg("--root", entry_root, "validate", entry).returncode == 0
    strict = run_dikg("--root", entry_root, "validate", "--strict", entry)
    assert strict.returncode == 1
    assert "Add an rdfs:label in English" in strict.stdout


def test_a_report_with_warnings_only_does_not_say_sh_conforms_true(entry_root, tmp_path):
    """SHACL 1.0 section 3.6.1.1: sh:conforms is true exactly when there are no results."""
    entry = tmp_path / "entry.ttl"
    text = (FIXTURES / "entries" / "examples" / "valid-measure.ttl").read_text(encoding="utf-8")
    entry.write_text(text.replace(', "Mentoring programme for trainees"@en', ""), "utf-8")
    turtle = run_dikg("--root", entry_root, "validate", "--format", "turtle", entry)
    assert turtle.returncode == 0
    report = Graph().parse(data=turtle.stdout, format="turtle")
    (node,) = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(node, SH.conforms) == Literal(False)
    assert [report.value(r, SH.resultSeverity) for r in report.objects(node, SH.result)] == [
        SH.Warning
    ]
    document = json.loads(
        run_dikg("--root", entry_root, "validate", "--format", "json", entry).stdout
    )
    assert (document["conforms"], document["verdict"]) == (False, "warnings only")
    text_output = run_dikg("--root", entry_root, "validate", entry)
    assert text_output.stderr.startswith(
        "does not conform (warnings only): 0 violations, 1 warnings"
    )
    dutch = run_dikg("--root", entry_root, "validate", "--lang", "nl", entry)
    assert dutch.stderr.startswith("voldoet niet (alleen waarschuwingen): 0 overtredingen")


# --- input that cannot be read: exit 2, one message, never a traceback ---------------------


def _fails(entry_root: Path, path: Path) -> str:
    result = run_dikg("--root", entry_root, "validate", path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    return result.stderr.splitlines()[0]


def test_missing_file(entry_root: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.ttl"
    assert _fails(entry_root, missing) == f"dikg: error: {missing}: no such file"


def test_a_directory_is_not_an_entry(entry_root: Path, tmp_path: Path) -> None:
    assert _fails(entry_root, tmp_path) == f"dikg: error: {tmp_path}: not a file"


def test_not_utf8(entry_root: Path, tmp_path: Path) -> None:
    bad = tmp_path / "latin1.ttl"
    bad.write_bytes(b'@prefix ex: <https://example.org/> .\nex:a ex:b "caf\xe9" .\n')
    assert _fails(entry_root, bad) == f"dikg: error: {bad}:2: not UTF-8 (byte 0xe9)"


def test_turtle_syntax_error_names_file_and_line(entry_root: Path) -> None:
    bad = BAD / "syntax-error.ttl"
    assert _fails(entry_root, bad).startswith(f"dikg: error: {bad}:5: Turtle syntax error:")


def test_json_syntax_error_names_file_and_line(entry_root: Path) -> None:
    bad = BAD / "syntax-error.jsonld"
    assert _fails(entry_root, bad).startswith(f"dikg: error: {bad}:3: JSON syntax error:")


def test_unknown_format(entry_root: Path, tmp_path: Path) -> None:
    bad = tmp_path / "entry.txt"
    bad.write_text("measure:x a dikg:Measure .\n", encoding="utf-8")
    result = run_dikg("--root", entry_root, "validate", bad)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"dikg: error: {bad}: unknown format '.txt'",
        "  hint: name the file with one of these suffixes: .json, .jsonld, .nq, .nt, .owl, "
        ".rdf, .trig, .ttl, .xml",
    ]


@pytest.mark.parametrize(
    ("name", "remote"),
    [
        ("remote-context.jsonld", "https://schema.org/"),
        ("remote-context-in-list.jsonld", "https://w3id.org/dikg/context.jsonld"),
        ("scoped-remote-context.jsonld", "https://example.org/scoped.jsonld"),
        ("import-context.jsonld", "https://example.org/imported.jsonld"),
    ],
)
def test_a_remote_json_ld_context_is_never_fetched(entry_root: Path, name: str, remote: str):
    bad = BAD / name
    assert _fails(entry_root, bad) == (
        f"dikg: error: {bad}: JSON-LD with a remote @context ({remote}): "
        "dikg never fetches a context"
    )


def test_rdf_xml_with_an_external_entity_is_refused(entry_root: Path) -> None:
    bad = BAD / "external-entity.rdf"
    result = run_dikg("--root", entry_root, "validate", bad)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        f"dikg: error: {bad}:2: RDF/XML with a DOCTYPE or ENTITY declaration: refused, because "
        "entities can read local files or expand without bound"
    )
    assert "root:" not in result.stdout + result.stderr  # nothing of /etc/passwd


def test_an_oversized_file_is_refused_before_reading(entry_root: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.nt"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    assert _fails(entry_root, big) == (
        f"dikg: error: {big}: file of 5.0 MB is over the limit of 5 MB for an entry"
    )


def test_an_empty_file_is_refused(entry_root: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.ttl"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    assert _fails(entry_root, empty) == f"dikg: error: {empty}: no statements in this Turtle file"


def test_a_syntax_error_in_the_graph_itself(entry_root: Path) -> None:
    broken = entry_root / "data" / "broken.ttl"
    broken.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b .\n", encoding="utf-8")
    entry = FIXTURES / "entries" / "examples" / "valid-measure.ttl"
    assert _fails(entry_root, entry).startswith(f"dikg: error: {broken}:2: Turtle syntax error")


def test_an_ill_typed_literal_is_a_violation_not_a_traceback(entry_root: Path, tmp_path: Path):
    entry = tmp_path / "entry.ttl"
    entry.write_text(
        (FIXTURES / "entries" / "examples" / "valid-measure.ttl")
        .read_text(encoding="utf-8")
        .replace(
            "dikg:status status:intended ;",
            'dikg:status status:intended ;\n    dikg:startDate "mei"^^xsd:date ;',
        ),
        encoding="utf-8",
    )
    result = run_dikg("--root", entry_root, "validate", entry)
    assert result.returncode == 1
    assert '  Violation  dikg:startDate  "mei"^^xsd:date' in result.stdout.splitlines()
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("does not conform: 1 violations")
