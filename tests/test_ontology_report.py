"""`dikg check-ontology`: every QC rule on fixtures that must trip it, and on ones that must not.

Layout of tests/fixtures/ontology-report/:

- ``baseline/`` a small good graph root (ontology/, data/, shapes/, queries/) on which no rule
  finds anything;
- ``<rule>/bad*/`` files overlaid on a copy of the baseline (same path: replaced), with an
  ``expected.yaml`` that lists every finding the overlaid root must give: level, rule,
  subject, property and value as the text report shows them (prefixed names; a literal in
  N-Triples notation; a file path for undeclared-dikg-term). The whole set is compared,
  so a finding too many fails as well as one too few;
- ``<rule>/good*/`` overlays on which nothing at all is found (the near misses of a rule); an
  ``expected.yaml`` there (``findings: []``) may ask for the reasoner with ``reasoner: true``.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml

from dikg.errors import InputError
from dikg.qc.check import check_ontology, sparql_terms
from dikg.qc.reasoner import reasoner_finding, reasoner_rules, reasoner_unavailable
from dikg.qc.report import OntologyReport, render_text
from dikg.qc.rules import default_rules_dir, load_rule, load_rules
from dikg.root import GraphRoot, resolve_root
from tests.conftest import FIXTURES, REPO, run_dikg

CASES = FIXTURES / "ontology-report"
BASELINE = CASES / "baseline"
FIELDS = ("level", "rule", "subject", "property", "value")
# The INFO finding that says the reasoner was skipped is no finding of the rule under test.
SKIPPED = "owl-reasoner"
WHY_NO_REASONER = reasoner_unavailable()
needs_reasoner = pytest.mark.skipif(
    WHY_NO_REASONER is not None, reason=f"HermiT cannot run here: {WHY_NO_REASONER}"
)


def _cases(prefix: str) -> list[Path]:
    return sorted(
        case
        for rule in CASES.iterdir()
        if rule.is_dir() and rule != BASELINE
        for case in rule.iterdir()
        if case.is_dir() and case.name.startswith(prefix)
    )


def _case_id(case: Path) -> str:
    return f"{case.parent.name}/{case.name}"


def _overlay(case: Path | None, into: Path) -> GraphRoot:
    """A copy of the baseline with the case's files laid over it."""
    root = into / "root"
    shutil.copytree(BASELINE, root)
    if case is not None:
        shutil.copytree(case, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.yaml"))
    return resolve_root(root)


def _rows(report: OntologyReport) -> list[tuple[str, ...]]:
    """The findings as the text report names them, without the 'reasoner skipped' note."""
    return sorted(
        tuple(report.compact(getattr(finding, name)) for name in FIELDS)
        for finding in report.findings
        if finding.rule != SKIPPED
    )


def _expected(case: Path) -> tuple[dict, list[tuple[str, ...]]]:
    spec = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    rows = sorted(tuple(str(item.get(name, "")) for name in FIELDS) for item in spec["findings"])
    return spec, rows


def _skip_without_reasoner(spec: dict) -> None:
    if spec.get("reasoner") and WHY_NO_REASONER is not None:
        pytest.skip(f"HermiT cannot run here: {WHY_NO_REASONER}")


# --------------------------------------------------------------------------------------------
# Data-driven: every rule's bad and good fixtures
# --------------------------------------------------------------------------------------------


def test_baseline_has_no_findings() -> None:
    report = check_ontology(resolve_root(BASELINE), reasoner=False)
    assert _rows(report) == []


@needs_reasoner
def test_baseline_is_consistent_for_hermit() -> None:
    report = check_ontology(resolve_root(BASELINE), reasoner=True)
    assert [f for f in report.findings if f.level != "INFO"] == []
    assert report.reasoner_seconds is not None


@pytest.mark.parametrize("case", _cases("bad"), ids=_case_id)
def test_bad_fixture_gives_exactly_the_expected_findings(case: Path, tmp_path: Path) -> None:
    spec, expected = _expected(case)
    _skip_without_reasoner(spec)
    report = check_ontology(_overlay(case, tmp_path), reasoner=bool(spec.get("reasoner")))
    actual = _rows(report)
    assert actual == expected, render_text(report)
    # the fixture shows the rule it is named after
    assert case.parent.name in {row[1] for row in actual}


@pytest.mark.parametrize("case", _cases("good"), ids=_case_id)
def test_good_fixture_gives_no_findings(case: Path, tmp_path: Path) -> None:
    # a good case may ask for the reasoner in an expected.yaml (with no findings)
    spec, expected = _expected(case) if (case / "expected.yaml").is_file() else ({}, [])
    assert expected == []
    _skip_without_reasoner(spec)
    report = check_ontology(_overlay(case, tmp_path), reasoner=bool(spec.get("reasoner")))
    assert _rows(report) == [], render_text(report)


def test_every_rule_has_a_bad_fixture() -> None:
    rules = {rule.id for rule in load_rules()} | set(reasoner_rules()) - {SKIPPED}
    with_fixture = {case.parent.name for case in _cases("bad")}
    assert rules - with_fixture == set()
    assert with_fixture - rules == set(), "a fixture folder is named after no rule"


# --------------------------------------------------------------------------------------------
# The rule files
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(default_rules_dir().glob("*.rq")), ids=lambda p: p.stem)
def test_rule_header_is_complete(path: Path) -> None:
    rule = load_rule(path)
    assert rule.id == path.stem
    assert rule.level in {"ERROR", "WARN", "INFO"}
    assert rule.summary and rule.description
    assert "?subject" in rule.text


def test_rule_named_unlike_its_file_is_refused(tmp_path: Path) -> None:
    source = default_rules_dir() / "orphan-concept.rq"
    (tmp_path / "orphans.rq").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InputError, match="names rule 'orphan-concept'"):
        load_rules(tmp_path)


def test_rule_with_unknown_level_is_refused(tmp_path: Path) -> None:
    text = (default_rules_dir() / "orphan-concept.rq").read_text(encoding="utf-8")
    (tmp_path / "orphan-concept.rq").write_text(
        text.replace("#+ level: WARN", "#+ level: SEVERE"), encoding="utf-8"
    )
    with pytest.raises(InputError, match="level 'SEVERE'"):
        load_rules(tmp_path)


def test_reasoner_rules_are_read_from_their_turtle() -> None:
    rules = reasoner_rules()
    assert {rule: (r.level, bool(r.summary)) for rule, r in rules.items()} == {
        "owl-inconsistent": ("ERROR", True),
        "owl-unsatisfiable-class": ("ERROR", True),
        "owl-reasoner-error": ("ERROR", True),
        "owl-reasoner": ("INFO", True),
    }
    assert not {rule.id for rule in load_rules()} & set(rules), "one name, two rules"


def test_reasoner_finding_fills_the_message_of_its_rule() -> None:
    finding = reasoner_finding("owl-reasoner", reason="no java")
    assert (finding.level, finding.rule, finding.message) == (
        "INFO",
        "owl-reasoner",
        "reasoner skipped: no java",
    )


# --------------------------------------------------------------------------------------------
# Finding dikg terms in SPARQL text
# --------------------------------------------------------------------------------------------

DIKG = "https://w3id.org/dikg/def#"


@pytest.mark.parametrize(
    ("sparql", "terms"),
    [
        pytest.param(
            "PREFIX dikg: <https://w3id.org/dikg/def#>\nSELECT * { ?m a dikg:Measure }",
            {"Measure"},
            id="prefixed-name",
        ),
        pytest.param(
            "PREFIX d: <https://w3id.org/dikg/def#>\nSELECT * { ?m d:actor ?a }",
            {"actor"},
            id="any-prefix-name",
        ),
        pytest.param(
            "PREFIX : <https://w3id.org/dikg/def#>\nSELECT * { ?m :actor ?a }",
            {"actor"},
            id="empty-prefix",
        ),
        pytest.param(
            "SELECT * { ?m <https://w3id.org/dikg/def#startDate> ?d }",
            {"startDate"},
            id="full-iri",
        ),
        pytest.param(
            "PREFIX dikg: <https://w3id.org/dikg/def#>\nSELECT * { ?m a dikg:Measure. }",
            {"Measure"},
            id="dot-ends-the-triple",
        ),
        pytest.param(
            "PREFIX dikg: <https://w3id.org/dikg/def#>\n"
            "# dikg:InComment <https://w3id.org/dikg/def#AlsoInComment>\n"
            "SELECT * { ?m ?p 'dikg:InString' , \"dikg:InDouble\" , '''dikg:Long\n''' }",
            set(),
            id="comments-and-strings",
        ),
        pytest.param(
            "PREFIX dikg: <https://example.org/other#>\nSELECT * { ?m a dikg:Measure }",
            set(),
            id="prefix-bound-elsewhere",
        ),
        pytest.param(
            "PREFIX dikg: <https://w3id.org/dikg/def#>\n"
            "SELECT * { ?m ?p ?o FILTER(STRSTARTS(STR(?o), STR(dikg:))) "
            "FILTER(?o != <https://w3id.org/dikg/def#>) }",
            set(),
            id="bare-namespace",
        ),
        pytest.param(
            "PREFIX dikg: <https://w3id.org/dikg/def#>\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
            "SELECT * { ?m dikg:value ?v FILTER(?v < 3 && ?v > xsd:decimal('1')) }",
            {"value"},
            id="less-than-is-no-iri",
        ),
    ],
)
def test_sparql_terms(sparql: str, terms: set[str]) -> None:
    assert sparql_terms(sparql) == {DIKG + term for term in terms}


def test_repository_queries_name_only_their_own_terms() -> None:
    # the QC rules mention the namespace only in strings, so they add no terms
    for path in default_rules_dir().glob("*.rq"):
        assert sparql_terms(path.read_text(encoding="utf-8")) == set(), path.name


# --------------------------------------------------------------------------------------------
# The real repository
# --------------------------------------------------------------------------------------------


@pytest.mark.skipif(
    not (REPO / "ontology" / "dikg.ttl").is_file(), reason="the ontology is not written yet"
)
def test_repository_has_no_errors() -> None:
    report = check_ontology(resolve_root(REPO), reasoner=False)
    errors = [f for f in report.findings if f.level == "ERROR"]
    assert errors == [], render_text(report)


@needs_reasoner
@pytest.mark.skipif(
    not (REPO / "ontology" / "dikg.ttl").is_file(), reason="the ontology is not written yet"
)
def test_repository_is_consistent_for_hermit() -> None:
    report = check_ontology(resolve_root(REPO), reasoner=True)
    reasoner_findings = [f for f in report.findings if f.rule in reasoner_rules()]
    assert reasoner_findings == [], render_text(report)


# --------------------------------------------------------------------------------------------
# The command line
# --------------------------------------------------------------------------------------------


@pytest.fixture
def bad_root(tmp_path: Path) -> Path:
    """A root with errors and warnings: orphan concept (WARN) and label whitespace (ERROR)."""
    root = _overlay(CASES / "label-whitespace" / "bad", tmp_path).path
    orphan = CASES / "orphan-concept" / "bad" / "data" / "vocabularies" / "extra.ttl"
    shutil.copy(orphan, root / "data" / "vocabularies" / "orphan.ttl")
    return root


def test_cli_exits_0_on_a_good_root_and_summarises_on_stderr() -> None:
    result = run_dikg("--root", BASELINE, "check-ontology", "--no-reasoner")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "0 errors, 0 warnings, 1 info"
    assert "reasoner skipped: --no-reasoner was given" in result.stdout


def test_cli_exits_1_on_errors_and_shows_warnings(bad_root: Path) -> None:
    result = run_dikg("--root", bad_root, "check-ontology", "--no-reasoner")
    assert result.returncode == 1
    assert "ERROR label-whitespace (" in result.stdout
    assert "WARN orphan-concept (1): " in result.stdout
    assert "  instr:orphan  skos:broader  -  no skos:broader concept" in result.stdout
    assert result.stderr.splitlines()[-1].endswith("errors, 1 warnings, 1 info")


def test_cli_exits_0_on_warnings_only(tmp_path: Path) -> None:
    root = _overlay(CASES / "orphan-concept" / "bad", tmp_path).path
    result = run_dikg("--root", root, "check-ontology", "--no-reasoner")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "0 errors, 1 warnings, 1 info"


def test_cli_exits_2_on_unparsable_turtle(tmp_path: Path) -> None:
    root = _overlay(None, tmp_path).path
    (root / "data" / "broken.ttl").write_text("<a> <b> .\n", encoding="utf-8")
    result = run_dikg("--root", root, "check-ontology", "--no-reasoner")
    assert result.returncode == 2
    assert result.stderr.startswith(f"dikg: error: {root / 'data' / 'broken.ttl'}:1: ")
    assert "Traceback" not in result.stderr


def test_cli_tsv_is_robot_like_and_parses(bad_root: Path) -> None:
    result = run_dikg("--root", bad_root, "check-ontology", "--no-reasoner", "--format", "tsv")
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == ["Level", "Rule Name", "Subject", "Property", "Value", "Message"]
    assert all(len(row) == 6 for row in rows)
    # a tab inside a label is escaped, so that it cannot split the row
    assert ["label-whitespace", "instr:training", "skos:altLabel", '"tab\\there"@en'] in [
        row[1:5] for row in rows
    ]


def test_cli_json_lists_findings_with_full_iris(bad_root: Path) -> None:
    result = run_dikg("--root", bad_root, "check-ontology", "--no-reasoner", "--format", "json")
    findings = json.loads(result.stdout)
    assert {"level", "rule", "subject", "property", "value", "message"} == set(findings[0])
    orphan = [f for f in findings if f["rule"] == "orphan-concept"]
    assert orphan == [
        {
            "level": "WARN",
            "rule": "orphan-concept",
            "subject": "https://w3id.org/dikg/id/instrument/orphan",
            "property": "http://www.w3.org/2004/02/skos/core#broader",
            "value": "",
            "message": "no skos:broader concept, and not a top concept of a scheme",
        }
    ]
    levels = [f["level"] for f in findings]
    assert levels == sorted(levels, key=["ERROR", "WARN", "INFO"].index)


@pytest.mark.parametrize("fmt", ["text", "tsv", "json"])
def test_cli_output_is_deterministic(bad_root: Path, fmt: str) -> None:
    runs = [
        run_dikg("--root", bad_root, "check-ontology", "--no-reasoner", "--format", fmt)
        for _ in range(2)
    ]
    assert runs[0].stdout == runs[1].stdout
    assert runs[0].stdout


@needs_reasoner
def test_cli_reasoner_finds_unsatisfiable_class(tmp_path: Path) -> None:
    root = _overlay(CASES / "owl-unsatisfiable-class" / "bad", tmp_path).path
    result = run_dikg("--root", root, "check-ontology", "--reasoner", "--format", "tsv")
    assert result.returncode == 1
    assert "ERROR\towl-unsatisfiable-class\tdikg:Impossible\t" in result.stdout


def test_explicit_reasoner_without_owlready2_is_bad_usage(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dikg.qc.reasoner as engine

    monkeypatch.setattr(engine, "reasoner_unavailable", lambda: "owlready2 is not installed")
    with pytest.raises(InputError, match="the reasoner cannot run: owlready2 is not installed"):
        check_ontology(resolve_root(BASELINE), reasoner=True)
    report = check_ontology(resolve_root(BASELINE), reasoner=None)
    skipped = [f for f in report.findings if f.rule == SKIPPED]
    assert [(f.level, f.message) for f in skipped] == [
        ("INFO", "reasoner skipped: owlready2 is not installed")
    ]
