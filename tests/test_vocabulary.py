"""The one name resolver (dikg.queries.vocabulary): the same lookup for `dikg query` and
`dikg new`, each worded as that command always worded it."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from dikg.errors import InputError
from dikg.graph.store import load_store
from dikg.queries.backend import EmbeddedBackend, select
from dikg.queries.sparql import internal_query
from dikg.queries.vocabulary import FORM_WORDING, PARAMETER_WORDING, Vocabulary, in_order
from dikg.root import resolve_root
from tests.conftest import REPO

ID = "https://w3id.org/dikg/id/target-group/"


def vocabulary(wording) -> Vocabulary:
    names = Vocabulary("concept of target-groups", wording=wording)
    for word, slug in [("vrouwen", "women"), ("LHBTI", "lhbti"), ("man/vrouw", "sex")]:
        names.add(word, ID + slug)
        names.add(slug, ID + slug)
    names.add("gedeeld", ID + "women")
    names.add("gedeeld", ID + "sex")
    return names


def error(wording, name: str, value: str) -> InputError:
    with pytest.raises(InputError) as caught:
        vocabulary(wording).resolve(name, value)
    return caught.value


def test_both_commands_find_the_same_resource() -> None:
    for wording in (PARAMETER_WORDING, FORM_WORDING):
        assert vocabulary(wording).resolve("group", " Vrouwen ") == ID + "women"


def test_a_parameter_and_a_form_field_word_an_unknown_name_each_their_way() -> None:
    query = error(PARAMETER_WORDING, "group", "vrouw")
    assert query.message == "parameter group: no concept of target-groups is called 'vrouw'"
    assert query.hint == "did you mean: vrouwen (women); man/vrouw (sex)?"
    form = error(FORM_WORDING, "target_groups", "vrouw")
    assert form.message == "target_groups: no concept of target-groups is called 'vrouw'"
    assert form.hint == "did you mean: vrouwen (women); man/vrouw (sex)?"


def test_nothing_close_gives_examples_only_to_a_parameter() -> None:
    assert error(PARAMETER_WORDING, "group", "xyz").hint.startswith("give an IRI or a label")
    assert error(FORM_WORDING, "target_groups", "xyz").hint is None


def test_an_ambiguous_name_is_worded_each_way() -> None:
    both = f"{ID}sex, {ID}women"
    query = error(PARAMETER_WORDING, "group", "gedeeld")
    assert query.message == f"parameter group: 'gedeeld' is ambiguous; it names {both}"
    assert query.hint == "give the IRI instead"
    form = error(FORM_WORDING, "target_groups", "gedeeld")
    assert form.message == f"target_groups: 'gedeeld' is ambiguous: it names {both}"
    assert form.hint == "use the slug (the last part of the IRI) instead"


# the order words are read in ---------------------------------------------------------------

LABEL_QUERIES = {  # the vocabularies' queries, the columns they are read in order of
    "concept-labels": (0, 2),
    "organisation-labels": (0, 1, 2),
    "resource-names": (0, 1, 2),
}


def test_rows_are_ordered_by_the_columns_asked_for_unbound_first() -> None:
    iri, literal = ox.NamedNode, ox.Literal
    rows = [
        [iri("urn:b"), iri("urn:alt"), literal("a")],
        [iri("urn:a"), iri("urn:pref"), literal("z", language="nl")],
        [iri("urn:a"), iri("urn:alt"), None],
        [iri("urn:a"), iri("urn:alt"), literal("m")],
    ]
    assert [[t and t.value for t in row] for row in in_order(rows, 0, 2)] == [
        ["urn:a", "urn:alt", None],
        ["urn:a", "urn:alt", "m"],
        ["urn:a", "urn:pref", "z"],
        ["urn:b", "urn:alt", "a"],
    ]


@pytest.fixture(scope="module")
def real_store() -> ox.Store:
    return load_store(resolve_root(REPO))


def _rows(store: ox.Store, text: str, binding: dict) -> list[list]:
    return select(EmbeddedBackend(store), text, binding).rows


def _values(rows: list, columns: tuple[int, ...]) -> list[tuple]:
    return [tuple(row[i] and row[i].value for i in columns) for row in rows]


def _bindings(store: ox.Store, name: str) -> list[dict]:
    """Every scheme (concept-labels), every class (resource-names), or none needed."""
    if name == "organisation-labels":
        return [{}]
    variable, pattern = {
        "concept-labels": ("scheme", "?c skos:inScheme ?x"),
        "resource-names": ("class", "?c a ?x"),
    }[name]
    found = store.query(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        f"SELECT DISTINCT ?x WHERE {{ {pattern} }}",
        use_default_graph_as_union=True,
    )
    return [{variable: solution["x"]} for solution in found]


@pytest.mark.parametrize("name", sorted(LABEL_QUERIES))
def test_words_come_in_the_order_the_sparql_sort_gave(real_store, name) -> None:
    """Sorting in Python (ORDER BY is slow on disk) reads the real graph's words as it did."""
    columns = LABEL_QUERIES[name]
    text = internal_query(name)
    assert not re.search(r"^ORDER BY", text, re.MULTILINE)
    projected = re.search(r"SELECT DISTINCT (.*)", text).group(1).split()
    order = " ".join(projected[i] for i in columns)
    bindings = _bindings(real_store, name)
    assert len(bindings) >= 1
    for binding in bindings:
        sorted_here = in_order(_rows(real_store, text, binding), *columns)
        sorted_there = _rows(real_store, f"{text}ORDER BY {order}\n", binding)
        assert len(sorted_here) == len(sorted_there)
        assert _values(sorted_here, columns) == _values(sorted_there, columns), binding
