"""Named and implied target-group tags, derived from the sources themselves.

tests/fixtures/target-group-words.tsv lists the words of the two sources that name or imply a
target group; this test reads each grounded resource's own quotes (and, for section rows, where
its quotes lie in the source text) and demands the tags those words call for, so that a missing
tag fails here. Conversely every named tag must be backed by a naming word in the resource's own
quotes, and every implied tag by a basis whose words occur in the source document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Namespace, URIRef
from rdflib.namespace import PROV, SKOS

from dikg.graph.loaded import load_sources
from dikg.rdf.parse import merge_sources
from dikg.root import resolve_root
from dikg.validate.grounding import collapse
from tests.conftest import FIXTURES, REPO

DIKG = Namespace("https://w3id.org/dikg/def#")
ID = "https://w3id.org/dikg/id/"
TG = ID + "target-group/"
GROUNDED = (DIKG.Policy, DIKG.Measure, DIKG.Target, DIKG.ReportedFigure)
ROOT = resolve_root(REPO)
GRAPH = merge_sources(load_sources(ROOT))


@dataclass(frozen=True)
class Rule:
    kind: str  # named, implied or section
    concept: URIRef
    pattern: re.Pattern[str] | None = None
    start: str = ""
    end: str = ""


def _rows(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


RULES = [
    Rule(row[0], URIRef(TG + row[1]), start=row[2], end=row[3])
    if row[0] == "section"
    else Rule(row[0], URIRef(TG + row[1]), re.compile(row[2], re.IGNORECASE))
    for row in _rows(FIXTURES / "target-group-words.tsv")
]
EXCEPTIONS = {
    (URIRef(ID + row[0]), URIRef(TG + row[1])): row[2]
    for row in _rows(FIXTURES / "target-group-exceptions.tsv")
}


def _text(document: URIRef) -> str:
    return collapse((REPO / "data" / "sources" / f"{document.rsplit('/', 1)[-1]}.txt").read_text())


def _at_or_below(concept: URIRef) -> set[URIRef]:
    """The concept and every concept narrower than it (skos:broader*, inverted)."""
    return set(GRAPH.transitive_subjects(SKOS.broader, concept))


def _resources() -> list[URIRef]:
    return sorted({r for cls in GROUNDED for r in GRAPH.subjects(RDF.type, cls)})


def _quotes(resource: URIRef) -> list[str]:
    return [collapse(str(q)) for q in GRAPH.objects(resource, DIKG.sourceQuote)]


def _in_section(resource: URIRef, rule: Rule) -> bool:
    for document in GRAPH.objects(resource, PROV.wasDerivedFrom):
        text = _text(document)
        start = text.find(rule.start)
        if start < 0:
            continue
        end = text.find(rule.end, start)
        for quote in _quotes(resource):
            at = text.find(quote)
            if start <= at < (end if end >= 0 else len(text)):
                return True
    return False


def required_tags(resource: URIRef) -> dict[tuple[URIRef, str], str]:
    """(concept, 'named' or 'any') -> the words or section that require it."""
    required: dict[tuple[URIRef, str], str] = {}
    quotes = _quotes(resource)
    for rule in RULES:
        if (resource, rule.concept) in EXCEPTIONS:
            continue
        if rule.kind == "section":
            if _in_section(resource, rule):
                required[(rule.concept, "any")] = f"section {rule.start!r}"
            continue
        assert rule.pattern is not None
        for quote in quotes:
            match = rule.pattern.search(quote)
            if match:
                basis = "named" if rule.kind == "named" else "any"
                required.setdefault((rule.concept, basis), repr(match.group(0)))
    return required


def test_the_word_list_has_rules_of_each_kind_and_known_concepts() -> None:
    assert {rule.kind for rule in RULES} == {"named", "implied", "section"}
    for rule in RULES:
        assert (rule.concept, SKOS.inScheme, URIRef(ID + "scheme/target-groups")) in GRAPH, rule


def test_every_group_the_sources_name_or_imply_is_tagged() -> None:
    missing = []
    for resource in _resources():
        named = set(GRAPH.objects(resource, DIKG.namedTargetGroup))
        tagged = set(GRAPH.objects(resource, DIKG.targetGroup))
        for (concept, basis), words in required_tags(resource).items():
            have = named if basis == "named" else tagged
            if not have & _at_or_below(concept):
                missing.append(f"{resource} lacks {basis} {concept} ({words})")
    assert missing == []


def test_every_named_tag_is_named_in_the_resources_own_quotes() -> None:
    unsupported = []
    for resource in _resources():
        quotes = _quotes(resource)
        for tag in GRAPH.objects(resource, DIKG.namedTargetGroup):
            if not any(
                rule.kind == "named"
                and rule.concept in _at_or_below(tag)
                and rule.pattern is not None
                and any(rule.pattern.search(q) for q in quotes)
                for rule in RULES
            ):
                unsupported.append(f"{resource} {tag}")
    assert unsupported == []


def test_every_tag_is_either_named_or_implied_and_implied_ones_state_their_basis() -> None:
    problems = []
    for resource in _resources():
        tags = set(GRAPH.objects(resource, DIKG.targetGroup))
        named = set(GRAPH.objects(resource, DIKG.namedTargetGroup))
        implied = set(GRAPH.objects(resource, DIKG.impliedTargetGroup))
        if tags != named | implied or named & implied:
            problems.append(f"{resource}: tags {tags}, named {named}, implied {implied}")
        texts = [_text(d) for d in GRAPH.objects(resource, PROV.wasDerivedFrom)]
        for basis in GRAPH.objects(resource, DIKG.targetGroupBasis):
            words = collapse(str(GRAPH.value(basis, DIKG.basisText)))
            if not any(words in text for text in texts):
                problems.append(f"{resource}: basis text {words!r} is not in its source")
        bases = {
            GRAPH.value(b, DIKG.basisFor) for b in GRAPH.objects(resource, DIKG.targetGroupBasis)
        }
        if bases != implied:
            problems.append(f"{resource}: implied {implied} but bases for {bases}")
    assert problems == []


def test_every_exception_is_used_and_explained() -> None:
    for (resource, concept), reason in EXCEPTIONS.items():
        assert len(reason) > 40, resource
        rule_hits = [
            rule
            for rule in RULES
            if rule.concept == concept
            and rule.pattern is not None
            and any(rule.pattern.search(q) for q in _quotes(resource))
        ]
        assert rule_hits, f"exception {resource} {concept} matches no word: remove it"


def test_implied_tags_exist_for_the_issues_examples() -> None:
    """Issue 11: Financiën and SZW address cultural diversity, and the other examples it names."""
    implied = {
        (str(s).removeprefix(ID), str(o).removeprefix(TG))
        for s, o in GRAPH.subject_objects(DIKG.impliedTargetGroup)
    }
    assert {
        ("policy/fin-2016-focus", "ethnic-origin"),
        ("measure/fin-2016-workshops-interculturele-communicatie", "ethnic-origin"),
        ("policy/szw-2016-focus", "ethnic-origin"),
        ("measure/rijk-benchmark-workplace-pride", "lhbti"),
        (
            "measure/rijk-banenafspraak-social-return-netwerkorganisatie",
            "banenafspraak-target-group",
        ),
    } <= implied
