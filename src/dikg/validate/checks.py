"""dikg's checks beyond SHACL, reported as SHACL results.

Their names, severities and messages are in ``checks.ttl`` beside this module; the checks
themselves are here: quotes against stored texts (from :mod:`dikg.validate.grounding`) and new
entries against the graph they join (from :mod:`dikg.validate.entries`).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import pyoxigraph as ox
from rdflib import SH, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from dikg.rdf.convert import add_triples
from dikg.terms import DIKG, DIKGSH
from dikg.validate.grounding import QuoteProblem, QuoteProblemKind
from dikg.validate.shacl import Result, format_message

PROV_WAS_DERIVED_FROM = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")


@cache
def definitions() -> Graph:
    """The checks' descriptions (checks.ttl)."""
    text = files(__package__).joinpath("checks.ttl").read_text(encoding="utf-8")
    parser = ox.parse(text, format=ox.RdfFormat.TURTLE)
    graph = add_triples(Graph(), parser)
    for prefix, namespace in parser.prefixes.items():
        graph.bind(prefix, namespace)
    return graph


def check_result(
    check: URIRef,
    focus: Node,
    *,
    path: Node | None = None,
    value: Node | None = None,
    **fill: str,
) -> Result:
    """A result of ``check`` with its severity and its messages filled in.

    Args:
        check: the check's IRI in checks.ttl.
        focus: the resource concerned.
        path: the property concerned, if any.
        value: the value concerned, if any.
        **fill: values for the ``{?name}`` placeholders of the messages.
    """
    graph = definitions()
    bindings = {name: Literal(text) for name, text in fill.items()}
    if value is not None:
        bindings.setdefault("value", value)
    messages = tuple(
        sorted(
            (format_message(m, bindings) for m in graph.objects(check, SH.message)),
            key=lambda m: (m.language or "", str(m)),
        )
    )
    return Result(
        severity=graph.value(check, SH.severity) or SH.Violation,
        focus=focus,
        path=path,
        value=value,
        shape=check,
        component=DIKGSH.Check,
        messages=messages,
    )


def resource_term(resource: str) -> Node:
    """The term of a resource as the grounding check names it (IRI or blank-node label)."""
    return URIRef(resource) if ":" in resource else BNode(resource)


def quote_results(problems: list[QuoteProblem]) -> list[Result]:
    """The grounding problems as results of the quote checks."""
    results = []
    for problem in problems:
        focus = resource_term(problem.resource)
        quote = Literal(problem.quote)
        if problem.kind is QuoteProblemKind.NOT_IN_SOURCE:
            results.append(
                check_result(
                    DIKGSH.QuoteInSourceCheck,
                    focus,
                    path=DIKG.sourceQuote,
                    value=quote,
                    document=problem.detail,
                )
            )
        elif problem.kind is QuoteProblemKind.NO_STORED_TEXT:
            results.append(
                check_result(
                    DIKGSH.QuoteSourceStoredCheck,
                    focus,
                    path=PROV_WAS_DERIVED_FROM,
                    value=quote,
                    file=problem.detail,
                )
            )
        else:  # QuoteProblemKind.NO_SOURCE
            results.append(
                check_result(
                    DIKGSH.QuoteDerivedFromCheck, focus, path=DIKG.sourceQuote, value=quote
                )
            )
    return results
