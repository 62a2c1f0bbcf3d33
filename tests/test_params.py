"""Typed parameters: the query text's lexical reading, VALUES injection, the query headers,
and turning a user's value into an RDF term (or a clear error)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from dikg.errors import InputError
from dikg.graph.store import load_store
from dikg.queries.backend import EmbeddedBackend, select
from dikg.queries.catalogue import Parameter, find_query, list_queries, load_query
from dikg.queries.params import MAX_STRING, Resolver, bind_parameters, parse_assignments
from dikg.queries.sparqltext import inject_values, prefixes, query_form, tokens, variables
from dikg.queries.vocabulary import normalise
from dikg.root import resolve_root
from tests.conftest import REPO

ROOT = resolve_root(REPO)
TG = "https://w3id.org/dikg/id/target-group/"
ORG = "https://w3id.org/dikg/id/organisation/"


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(EmbeddedBackend(load_store(ROOT)), {"tg": TG})


# the lexer --------------------------------------------------------------------------------


def test_braces_and_hashes_inside_strings_iris_and_comments_are_not_syntax():
    text = 'SELECT * WHERE { ?s <http://a/#{x> "}{#" . # } {\n ?s ?p """a}"b""" }'
    kinds = [t.kind for t in tokens(text) if t.kind in ("open", "close")]
    assert kinds == ["open", "close"]


def test_less_than_is_not_an_iri():
    assert variables("SELECT * WHERE { FILTER(?a < 3 && ?b > 2) }") == {"a", "b"}


def test_prefixes_and_form():
    text = "# SELECT in a comment\nPREFIX ex: <http://e/>\nPREFIX : <http://d/>\nASK { ?s ex:p ?o }"
    assert prefixes(text) == {"ex": "http://e/", "": "http://d/"}
    assert query_form(text) == "ASK"
    assert query_form("DROP ALL") is None


# VALUES injection -------------------------------------------------------------------------


def test_values_go_into_the_outermost_where_group():
    text = "PREFIX ex: <http://e/>\nSELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?o } } }"
    bound = inject_values(text, {"x": ox.NamedNode("http://e/a")})
    assert bound.startswith("PREFIX ex: <http://e/>\nSELECT ?x WHERE {")
    assert "VALUES ?x { <http://e/a> }" in bound
    assert bound.index("VALUES") < bound.index("{ SELECT")


def test_values_in_construct_skip_the_template():
    bound = inject_values(
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": ox.NamedNode("http://e/a")}
    )
    assert bound.index("VALUES") > bound.index("WHERE")


def test_values_of_several_terms_and_literals_are_escaped():
    evil = 'x" } UNION { ?s ?p ?o } #'
    bound = inject_values("SELECT * { ?s ?p ?o }", {"o": [ox.Literal(evil), ox.Literal(3)]})
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal(evil)))
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("y")))
    assert [row["o"].value for row in store.query(bound)] == [evil]


def test_values_refuse_text_that_is_not_a_term():
    with pytest.raises(ValueError, match="not an RDF term"):
        inject_values("SELECT * { ?s ?p ?o }", {"o": "<http://a> } ; DROP ALL ; #"})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="not a SPARQL variable name"):
        inject_values("SELECT * { ?s ?p ?o }", {"o } DROP ALL": ox.Literal("x")})


def test_a_query_without_where_group_cannot_be_bound():
    with pytest.raises(InputError, match="no WHERE group"):
        inject_values("CONSTRUCT WHERE", {"s": ox.Literal("x")})


# the catalogue ----------------------------------------------------------------------------


def test_every_canned_query_has_a_grlc_header_and_typed_parameters():
    queries = list_queries(ROOT)
    assert len(queries) == 24
    for query in queries:
        assert query.summary, query.name
        assert query.description, query.name
        assert query.tags, query.name
        assert query.form == "SELECT", query.name
        # every variable starting with "_" is a declared parameter (the catalogue checks it)
        declared = {p.variable for p in query.params}
        assert declared == {v for v in variables(query.text) if v.startswith("_")}
        assert query.evidence or query.no_evidence or not query.params, query.name


def test_parameters_of_a_query():
    query = find_query(ROOT, "measures-in-time")
    assert query.params == (
        Parameter(
            "since", "__since_integer", "year", False, None, "first year to include (e.g. 2016)"
        ),
        Parameter(
            "until", "__until_integer", "year", False, None, "last year to include (e.g. 2017)"
        ),
    )
    group = find_query(ROOT, "ministries-by-target-group").params[0]
    assert (group.name, group.type, group.required) == ("group", "concept", True)
    assert group.scheme == "https://w3id.org/dikg/id/scheme/target-groups"
    assert group.default == TG + "lhbti"


def write_query(tmp_path: Path, header: str, body: str) -> Path:
    path = tmp_path / "q.rq"
    path.write_text(header + "\nSELECT * WHERE { " + body + " }\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("header", "body", "message"),
    [
        ("#+ summary: x", "?s ?p ?_x_iri", "has no `params: x: type: ...` entry"),
        ("#+ params:\n#+   x:\n#+     type: colour", "?s ?p ?_x_iri", "unknown type 'colour'"),
        (
            "#+ params:\n#+   x:\n#+     type: integer",
            "?s ?p ?_x_iri",
            "must be written ?_x_integer",
        ),
        ("#+ params:\n#+   x:\n#+     type: concept", "?s ?p ?_x_iri", "needs a `scheme`"),
        (
            "#+ params:\n#+   y:\n#+     type: iri",
            "?s ?p ?o",
            "declares y, which the query does not use",
        ),
        ("#+ evidence: nothing", "?s ?p ?o", "names no variable"),
        ("#+ enumerate:\n#+   - colour:", "?s ?p ?o", "names 'colour', not a parameter"),
        # grlc fails on the bare form and leaves the query out of its API
        (
            "#+ params:\n#+   x:\n#+     type: iri\n#+ enumerate:\n#+   - x",
            "?s ?p ?_x_iri",
            "entry 'x' must be written `- x:`",
        ),
        (
            "#+ params:\n#+   x:\n#+     type: iri\n#+ enumerate:\n#+   - x: a",
            "?s ?p ?_x_iri",
            "gives 'x' 'a', not a list of values",
        ),
        # grlc reads ?_name in comments (the header too) and strings as a parameter
        ("# not ?_y", "?s ?p ?o", "grlc would read y as a parameter"),
        (
            "#+ params:\n#+   x:\n#+     type: string",
            'FILTER(?o = "?_y") ?s ?p ?_x',
            "grlc would read y as a parameter",
        ),
        # grlc writes "2016"^^xsd:integer and needs this very prefix line
        (
            "#+ params:\n#+   y:\n#+     type: year\nPREFIX xsd:<http://www.w3.org/2001/XMLSchema#>",
            "?s ?p ?_y_integer",
            "must declare `PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>` as one line",
        ),
        # grlc reads parameter names of ASCII letters and digits only
        (
            "#+ params:\n#+   größe:\n#+     type: string",
            "?s ?p ?_größe",
            "is not a grlc parameter",
        ),
        ("#+ summary: [unclosed", "?s ?p ?o", "bad query header"),
    ],
)
def test_bad_headers_are_named_with_their_file(tmp_path, header, body, message):
    path = write_query(tmp_path, header, body)
    with pytest.raises(InputError, match=message.replace("?", r"\?").replace("[", r"\[")) as error:
        load_query(path)
    assert str(path) in str(error.value)


# parameter values -------------------------------------------------------------------------


def test_assignments_need_an_equals_sign():
    assert parse_assignments(["a=b=c", "x="]) == [("a", "b=c"), ("x", "")]
    with pytest.raises(InputError, match="expected name=value"):
        parse_assignments(["lhbti"])


def test_normalise_ignores_case_accents_and_spacing():
    assert normalise("  Financiën ") == normalise("FINANCIEN") == "financien"
    assert normalise("LHBTI’ers") == "lhbti'ers"
    # plain ASCII takes a shorter path, to the same form
    assert normalise(" Ministry\tof\n  FINANCE ") == "ministry of finance"
    assert normalise("Ministry of Finance") == normalise("Ministry of Fïnance") != "ministry"


@pytest.mark.parametrize(
    ("value", "concept"),
    [
        ("lhbti", "lhbti"),
        ("LGBTI", "lhbti"),
        ("LHBTI-groep", "lhbti"),
        ("women", "women"),
        ("Vrouwen", "women"),
        ("arbeidsbeperkten", "people-with-a-work-disability"),
        ("people-with-a-work-disability", "people-with-a-work-disability"),
        ("people with a work disability", "people-with-a-work-disability"),
        ("Banenafpraak", "banenafspraak-target-group"),  # the annex's misspelling (hidden)
        ("tg:women", "women"),
        (f"<{TG}men>", "men"),
        (f"{TG}men", "men"),
    ],
)
def test_concepts_by_label_in_either_language(resolver, value, concept):
    group = find_query(ROOT, "ministries-by-target-group").params[0]
    assert resolver.term(group, value) == ox.NamedNode(TG + concept)


@pytest.mark.parametrize(
    ("value", "organisation"),
    [
        ("OCW", "ocw"),
        ("ocw", "ocw"),
        ("IenM", "ienw"),  # a former name resolves to the lasting ministry
        ("Ministerie van Infrastructuur en Milieu", "ienw"),
        ("Ministry of Security and Justice", "jenv"),
        ("VenJ", "jenv"),
        ("EZ", "ez"),
        ("Defensie", "defensie"),
        ("Financiën", "fin"),
        ("financien", "fin"),
        ("Rijksoverheid", "rijksoverheid"),
        ("uwv", "uwv"),
        (f"{ORG}bzk", "bzk"),
        ("<https://w3id.org/dikg/id/organisation-version/ienm-2010-2017>", "ienw"),
    ],
)
def test_organisations_by_name_or_abbreviation(resolver, value, organisation):
    ministry = find_query(ROOT, "measures-by-ministry").params[0]
    assert resolver.term(ministry, value) == ox.NamedNode(ORG + organisation)


def test_unknown_concept_suggests_the_closest(resolver):
    group = find_query(ROOT, "ministries-by-target-group").params[0]
    with pytest.raises(InputError, match="no concept of target-groups is called 'lhbtq'") as error:
        resolver.term(group, "lhbtq")
    assert "did you mean: LHBT (lhbti)?" in str(error.value)
    with pytest.raises(InputError) as error:
        resolver.term(group, "vrouwe")
    assert "vrouwen (women)" in str(error.value)


def test_an_iri_outside_the_scheme_is_refused(resolver):
    group = find_query(ROOT, "ministries-by-target-group").params[0]
    with pytest.raises(InputError, match="is not a known concept of target-groups"):
        resolver.term(group, "https://w3id.org/dikg/id/instrument/training")


def test_unknown_organisation_lists_examples(resolver):
    ministry = find_query(ROOT, "measures-by-ministry").params[0]
    with pytest.raises(InputError, match="no organisation is called 'xyz'") as error:
        resolver.term(ministry, "xyz")
    assert "give an IRI or a label, e.g." in str(error.value)


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("integer", "12a", "expected an integer"),
        ("integer", "1" * 16, "expected an integer"),
        ("year", "16", "expected a year of four digits"),
        ("year", "2016-05", "expected a year of four digits"),
        ("string", "", "the value is empty"),
        ("string", "   ", "the value is empty"),
        ("string", "a\nb", "control characters"),
        ("string", "a\x00b", "control characters"),
        ("string", "x" * (MAX_STRING + 1), f"at most {MAX_STRING}"),
        ("iri", "not an iri", "expected an IRI"),
        ("iri", "<relative>", "not an absolute IRI"),
        ("iri", "<http://a> } ; DROP ALL ; #", "not an absolute IRI"),
        ("iri", "http://a b", "not a valid IRI"),
    ],
)
def test_bad_values_are_input_errors(resolver, kind, value, message):
    with pytest.raises(InputError, match=message):
        resolver.term(Parameter("p", "_p", kind), value)


def test_good_values_become_typed_literals(resolver):
    assert resolver.term(Parameter("n", "_n_integer", "integer"), " -7 ") == ox.Literal(-7)
    year = resolver.term(Parameter("y", "_y_integer", "year"), "2016")
    assert year == ox.Literal(
        "2016", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    )
    assert resolver.term(Parameter("t", "_t", "string"), 'x" }') == ox.Literal('x" }')


def test_bind_checks_names_repeats_and_required(resolver):
    query = find_query(ROOT, "measures-by-ministry")
    with pytest.raises(InputError, match="has no parameter 'minstry'") as error:
        bind_parameters(query, [("minstry", "OCW")], resolver)
    assert "did you mean ministry?" in str(error.value)
    with pytest.raises(InputError, match="given twice"):
        bind_parameters(query, [("ministry", "OCW"), ("ministry", "AZ")], resolver)
    with pytest.raises(InputError, match="needs parameter ministry"):
        bind_parameters(query, [], resolver)
    assert bind_parameters(query, [("ministry", "OCW")], resolver) == {
        "_ministry_iri": ox.NamedNode(ORG + "ocw")
    }
    stats = find_query(ROOT, "dataset-statistics")
    with pytest.raises(InputError, match="it takes no parameters"):
        bind_parameters(stats, [("x", "1")], resolver)


def test_optional_parameters_may_be_left_out(resolver):
    assert bind_parameters(find_query(ROOT, "measures-in-time"), [], resolver) == {}


def test_machinery_queries_bind_a_scheme():
    backend = EmbeddedBackend(load_store(ROOT))
    result = select(
        backend,
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?c WHERE { ?c skos:inScheme ?scheme }",
        {"scheme": ox.NamedNode("https://w3id.org/dikg/id/scheme/phases")},
    )
    assert len(result.rows) == 5


def test_enumerated_values_are_read_in_grlc_form(tmp_path):
    header = (
        "#+ params:\n#+   x:\n#+     type: iri\n#+ enumerate:\n#+   - x:\n#+     - b\n#+     - a"
    )
    (parameter,) = load_query(write_query(tmp_path, header, "?s ?p ?_x_iri")).params
    assert parameter.enum == ("b", "a")
    # with no values, grlc shows no drop-down list: nor does dikg
    assert find_query(ROOT, "measures-by-phase").params[0].enum == ()
