"""The questions about each resource, asked once for all resources (dikg.site.grouped).

The pages must not change: every resource's answers from :meth:`Questions.prepare_about` are
compared with the one-query-per-resource answers, on the repository's graph.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from dikg.graph.loaded import load_graph
from dikg.queries.catalogue import list_queries
from dikg.root import resolve_root
from dikg.site.describe import Descriptions
from dikg.site.grouped import ask_grouped, shape
from dikg.site.questions import Questions
from dikg.site.write import resource_iris
from tests.conftest import REPO

# (query, parameter) -> "ordered" (a group is the exact answer), "screen" (a group only tells
# whether there are rows), None (asked once per resource), for the canned queries as they are
EXPECTED = {
    ("charter-signatories", "charter"): "screen",  # ORDER BY leaves ?tooi ... out
    ("evidence", "resource"): "ordered",
    ("measures-by-audience", "audience"): "ordered",
    ("measures-by-career-level", "level"): "screen",
    ("measures-by-instrument", "instrument"): "ordered",
    ("measures-by-ministry", "ministry"): "screen",
    ("measures-by-phase", "phase"): "ordered",
    ("measures-with-partner", "partner"): "ordered",
    ("measures-without-target", "ministry"): "ordered",  # SELECT DISTINCT
    ("ministry-names", "ministry"): "screen",  # ORDER BY an expression, STR(?end)
    ("ministry-target-group-matrix", "basis"): None,  # GROUP BY, aggregates
    ("target-groups-not-named", "ministry"): None,  # an expression in the projection
}


@pytest.fixture(scope="module")
def site_graph():
    root = resolve_root(REPO)
    loaded = load_graph(root, keep_quads=True)
    return root, loaded, resource_iris(Descriptions(loaded))


def test_which_questions_are_grouped_and_how() -> None:
    queries = {q.name: q for q in list_queries(resolve_root(REPO))}
    for (name, parameter), expected in EXPECTED.items():
        query = queries[name]
        found = shape(query.text, query.parameter(parameter).variable)
        got = None if found is None else "ordered" if found.ordered else "screen"
        assert got == expected, (name, parameter)


def test_the_grouping_variable_is_projected_first_and_the_rest_kept() -> None:
    query = next(q for q in list_queries(resolve_root(REPO)) if q.name == "evidence")
    found = shape(query.text, "_resource_iri")
    assert found is not None
    assert "SELECT ?_resource_iri ?quote ?document\n" in found.text
    assert found.text.replace(" ?_resource_iri", "", 1) == query.text
    assert shape(query.text, "quote") is None  # projected already: not grouped
    assert shape(query.text, "not a variable") is None


def test_grouped_rows_are_each_values_rows(site_graph) -> None:
    root, loaded, _ = site_graph
    asked = Questions(root, store=loaded.store)
    query = next(q for q in asked.queries if q.name == "evidence")
    measures = [
        ox.NamedNode(f"https://w3id.org/dikg/id/measure/{slug}")
        for slug in ("defensie-2016-wervingscampagne-vrouwen", "no-such-measure")
    ]
    found = shape(query.text, "_resource_iri")
    grouped = ask_grouped(
        asked.backend, found, {"_resource_iri": measures}, "_resource_iri", source="evidence"
    )
    assert grouped is not None and grouped.ordered
    assert grouped.columns == ["quote", "document"]
    assert grouped.asked == {str(m) for m in measures}
    assert set(grouped.rows) == {str(measures[0])}  # a value without rows is absent
    single = asked.backend.execute(query.text, {"_resource_iri": measures[0]}, source="evidence")
    assert grouped.rows[str(measures[0])] == single.rows


def test_every_page_gets_the_answers_one_query_per_resource_gives(site_graph) -> None:
    root, loaded, resources = site_graph
    one_by_one = Questions(root, store=loaded.store)
    together = Questions(root, store=loaded.store)
    together.prepare_about(resources)
    answered = 0
    for iri in resources:
        expected = one_by_one.about(iri)
        assert together.about(iri) == expected, iri
        answered += len(expected["en"])
    assert answered > len(resources)  # most pages answer several questions
    grouped = {name for name, _ in together._grouped}
    assert {"evidence", "charter-signatories", "measures-by-ministry"} <= grouped


def test_a_resource_not_prepared_is_asked_on_its_own(site_graph) -> None:
    root, loaded, resources = site_graph
    measure = next(iri for iri in resources if "/measure/" in iri)
    expected = Questions(root, store=loaded.store).about(measure)
    asked = Questions(root, store=loaded.store)
    asked.prepare_about([iri for iri in resources if iri != measure])
    assert asked.about(measure) == expected
    assert any(a.name == "evidence" and a.rows for a in expected["en"])
