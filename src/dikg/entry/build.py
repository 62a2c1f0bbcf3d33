"""A filled-in form as RDF: the entry's minted IRI and its triples."""

from __future__ import annotations

import re
from typing import Any

from rdflib import DCTERMS, OWL, RDF, RDFS, XSD, Graph, Literal, URIRef

from dikg.entry.form import date_field, is_empty, list_field, slugify, text_field
from dikg.entry.names import Resolver, slug_of
from dikg.errors import InputError
from dikg.terms import DIKG, ORG, PROV, TOOIONT
from dikg.terms import ID_BASE as ID

SCHEMES = {
    "target_groups": ("target-groups", DIKG.targetGroup),
    "audiences": ("audiences", DIKG.audience),
    "instruments": ("instruments", DIKG.instrument),
    "phases": ("phases", DIKG.phase),
    "statuses": ("statuses", DIKG.status),
}


# Prefixes of the written Turtle: those of data/ (canonical form keeps only the used ones).
PREFIXES = {
    "aud": ID + "audience/",
    "dcterms": str(DCTERMS),
    "dikg": str(DIKG),
    "document": ID + "document/",
    "instr": ID + "instrument/",
    "measure": ID + "measure/",
    "org": str(ORG),
    "organisation": ID + "organisation/",
    "orgtype": ID + "organisation-type/",
    "orgversion": ID + "organisation-version/",
    "owl": str(OWL),
    "phase": ID + "phase/",
    "policy": ID + "policy/",
    "prov": str(PROV),
    "rdfs": str(RDFS),
    "status": ID + "status/",
    "tg": ID + "target-group/",
    "tooiont": str(TOOIONT),
    "xsd": str(XSD),
}


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def build_entry(kind: str, form: dict[str, Any], resolver: Resolver) -> tuple[URIRef, Graph]:
    """The entry a form describes: its minted IRI and its triples, with data/'s prefixes.

    Raises:
        InputError: for a name the graph does not know or a value of the wrong shape.
    """
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    label_nl = text_field(form, "label_nl") or ""
    label_en = text_field(form, "label_en")
    if kind == "organisation":
        slug = text_field(form, "slug") or slugify(text_field(form, "abbreviation") or label_nl)
        actor = None
    else:
        actor = resolver.organisations().resolve("actor", form["actor"])
        slug = text_field(form, "slug") or f"{slug_of(actor)}-{slugify(label_nl)}"
    if not _SLUG.fullmatch(slug):
        raise InputError(
            f"slug: {slug!r} is not lowercase ASCII kebab-case",
            hint="use a-z, 0-9 and single hyphens, e.g. bzk-mentorprogramma",
        )
    iri = URIRef(f"{ID}{kind}/{slug}")
    cls = {"measure": DIKG.Measure, "policy": DIKG.Policy, "organisation": ORG.Organization}
    graph.add((iri, RDF.type, cls[kind]))
    graph.add((iri, RDFS.label, Literal(label_nl, lang="nl")))
    if label_en:
        graph.add((iri, RDFS.label, Literal(label_en, lang="en")))
    description = text_field(form, "description_nl")
    if description:
        graph.add((iri, DCTERMS.description, Literal(description, lang="nl")))
    if actor is not None:
        graph.add((iri, DIKG.actor, actor))
        if not is_empty(form.get("actor_named_as")):
            version = resolver.versions().resolve("actor_named_as", form["actor_named_as"])
            graph.add((iri, DIKG.actorNamedAs, version))
    if not is_empty(form.get("implements")):
        graph.add(
            (iri, DIKG.implements, resolver.policies().resolve("implements", form["implements"]))
        )
    for name, (scheme, predicate) in SCHEMES.items():
        for value in list_field(form, name):
            concept = resolver.scheme(scheme).resolve(name, value)
            graph.add((iri, predicate, concept))
            if predicate == DIKG.targetGroup:  # the form's groups are those the quote names
                graph.add((iri, DIKG.namedTargetGroup, concept))
    for value in list_field(form, "partners"):
        graph.add((iri, DIKG.partner, resolver.organisations().resolve("partners", value)))
    for name, predicate in (("start", DIKG.startDate), ("end", DIKG.endDate)):
        if not is_empty(form.get(name)):
            graph.add((iri, predicate, date_field(name, form[name])))
    if kind == "organisation":
        if not is_empty(form.get("type")):
            concept = resolver.scheme("organisation-types").resolve("type", form["type"])
            graph.add((iri, ORG.classification, concept))
        abbreviation = text_field(form, "abbreviation")
        if abbreviation:
            graph.add((iri, TOOIONT.afkorting, Literal(abbreviation)))
        if not is_empty(form.get("part_of")):
            parent = resolver.organisations().resolve("part_of", form["part_of"])
            graph.add((iri, ORG.subOrganizationOf, parent))
        tooi = text_field(form, "tooi")
        if tooi:
            if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", tooi):
                raise InputError(f"tooi: {tooi!r} is not an IRI", hint="copy it from the register")
            graph.add((iri, OWL.sameAs, URIRef(tooi)))
    if not is_empty(form.get("source")):
        graph.add(
            (iri, PROV.wasDerivedFrom, resolver.documents().resolve("source", form["source"]))
        )
    for quote in list_field(form, "quotes"):
        graph.add((iri, DIKG.sourceQuote, Literal(str(quote), lang="nl")))
    for value in list_field(form, "references"):
        graph.add((iri, DCTERMS.references, resolver.documents().resolve("references", value)))
    return iri, graph
