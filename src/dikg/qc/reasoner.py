"""Logical consistency with HermiT through owlready2 (an optional extra that needs Java)."""

from __future__ import annotations

import importlib.util
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal

from dikg.errors import InputError
from dikg.graph.loaded import LoadedGraph, load_graph
from dikg.qc.rules import Finding
from dikg.rdf.files import graph_files, graph_iri
from dikg.root import GraphRoot
from dikg.terms import DIKGSH_NS, NAMESPACES
from dikg.validate.shacl import format_message

# Folders whose Turtle files the reasoner sees: the ontology and the SKOS vocabularies. The
# instance data stays out: its dates (xsd:gYear, xsd:gYearMonth) are outside the OWL 2
# datatype map, which HermiT refuses, and its checks are SHACL's job.
REASONER_DIRS = ("ontology", "data/vocabularies")


# the terms reasoner.ttl is read by
SHACL_NS = NAMESPACES["sh"]
_RDF_TYPE = NAMESPACES["rdf"] + "type"
_COMMENT = NAMESPACES["rdfs"] + "comment"
_IDENTIFIER = NAMESPACES["dcterms"] + "identifier"
_REASONER_RULE = DIKGSH_NS + "ReasonerRule"
# sh:severity of a rule in reasoner.ttl -> its level
_LEVELS = {
    SHACL_NS + "Violation": "ERROR",
    SHACL_NS + "Warning": "WARN",
    SHACL_NS + "Info": "INFO",
}


@dataclass(frozen=True)
class ReasonerRule:
    """A QC rule checked by the reasoner, as ``reasoner.ttl`` beside this module words it.

    Attributes:
        id: the rule's id (``dcterms:identifier``).
        level: ``ERROR``, ``WARN`` or ``INFO`` (from ``sh:severity``).
        summary: one line saying what the rule finds (``rdfs:comment``).
        message: the message of its findings (``sh:message``), with ``{?name}`` placeholders.
    """

    id: str
    level: str
    summary: str
    message: str


@cache
def reasoner_rules() -> dict[str, ReasonerRule]:
    """The rules implemented with the reasoner (``reasoner.ttl``), by id.

    The SPARQL rules carry their levels and wording in their headers
    (:mod:`dikg.qc.rules`); these carry theirs in Turtle, read here.
    """
    text = files(__package__).joinpath("reasoner.ttl").read_text(encoding="utf-8")
    values: dict[ox.NamedNode | ox.BlankNode, dict[str, str]] = {}
    for quad in ox.parse(text, format=ox.RdfFormat.TURTLE):
        values.setdefault(quad.subject, {})[quad.predicate.value] = quad.object.value
    rules = {}
    for fields in values.values():
        if fields.get(_RDF_TYPE) != _REASONER_RULE:
            continue
        rule = ReasonerRule(
            id=fields[_IDENTIFIER],
            level=_LEVELS[fields[SHACL_NS + "severity"]],
            summary=fields[_COMMENT],
            message=fields[SHACL_NS + "message"],
        )
        rules[rule.id] = rule
    return rules


_OWL_IMPORTS = ox.NamedNode("http://www.w3.org/2002/07/owl#imports")


def reasoner_unavailable() -> str | None:
    """Why HermiT cannot run here, or None when owlready2 and Java are both installed."""
    if importlib.util.find_spec("owlready2") is None:
        return "owlready2 is not installed (pip install owlready2)"
    if shutil.which("java") is None:
        return "no `java` on PATH (HermiT, which owlready2 runs, needs a Java runtime)"
    return None


def _reasoner_input(root: GraphRoot) -> list[Path]:
    return graph_files(root, REASONER_DIRS)


def _java_message(error: Exception) -> str:
    """The first lines of a Java error, without the stack trace and owlready2's preamble."""
    lines = [
        line.strip()
        for line in str(error).splitlines()
        if line.strip() and not line.strip().startswith("at ")
    ]
    lines = [line for line in lines if not line.startswith("Java error message is")]
    # owlready2's temporary input file has a new name each run: keep the output deterministic
    return _TEMPORARY_FILE.sub("<input>", " ".join(lines[:4]))


_TEMPORARY_FILE = re.compile(r"file:/*[^\s'\"]*")


def reasoner_finding(
    rule: str, *, subject: str = "", property: str = "", value: str = "", **fill: str
) -> Finding:
    """A finding of one of the :func:`reasoner_rules`, at its level and with its message.

    Args:
        rule: the rule's id.
        subject: the IRI the finding is about, or ''.
        property: the IRI of the property concerned, or ''.
        value: the value concerned, or ''.
        **fill: values for the ``{?name}`` placeholders of the rule's message.
    """
    definition = reasoner_rules()[rule]
    bindings = {name: Literal(text) for name, text in fill.items()}
    message = str(format_message(Literal(definition.message), bindings))
    return Finding(definition.level, rule, subject, property, value, message)


def run_reasoner(root: GraphRoot, loaded: LoadedGraph | None = None) -> tuple[list[Finding], float]:
    """Check logical consistency of ontology/ and data/vocabularies/ with HermiT.

    The Turtle files are merged into one N-Triples file (``owl:imports`` left out, so nothing
    is fetched from the network) and loaded into a temporary owlready2 world, on which HermiT
    runs (``sync_reasoner``). An inconsistent ontology gives ``owl-inconsistent``; each class
    equivalent to owl:Nothing gives ``owl-unsatisfiable-class``; HermiT refusing the input
    (e.g. a datatype outside the OWL 2 datatype map,
    https://www.w3.org/TR/owl2-syntax/#Datatype_Maps) gives ``owl-reasoner-error``.

    Args:
        root: the graph root.
        loaded: the graph already loaded (:func:`dikg.graph.loaded.load_graph`), holding at
            least ontology/ and data/vocabularies/; loaded here if not given.

    Returns:
        The findings and the seconds HermiT took.

    Raises:
        InputError: if owlready2 or Java is missing (see :func:`reasoner_unavailable`).
    """
    missing = reasoner_unavailable()
    if missing is not None:
        raise InputError(
            f"the reasoner cannot run: {missing}",
            hint="install owlready2 and a Java runtime, or pass --no-reasoner",
        )
    import owlready2

    if loaded is None:
        loaded = load_graph(root, paths=_reasoner_input(root))
    graphs = [ox.NamedNode(str(graph_iri(root, path))) for path in _reasoner_input(root)]
    triples = [
        quad.triple
        for graph in graphs
        for quad in loaded.store.quads_for_pattern(None, None, None, graph)
        if quad.predicate != _OWL_IMPORTS
    ]
    findings: list[Finding] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="dikg-reasoner-") as folder:
        merged = Path(folder) / "merged.nt"
        merged.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
        world = owlready2.World()
        try:
            world.get_ontology(merged.as_uri()).load(only_local=True, format="ntriples")
            owlready2.sync_reasoner(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            findings.append(reasoner_finding("owl-inconsistent"))
        except owlready2.OwlReadyJavaError as error:
            findings.append(reasoner_finding("owl-reasoner-error", error=_java_message(error)))
        else:
            nothing = owlready2.Nothing
            findings.extend(
                reasoner_finding(
                    "owl-unsatisfiable-class",
                    subject=cls.iri,
                    property="http://www.w3.org/2002/07/owl#equivalentClass",
                    value="http://www.w3.org/2002/07/owl#Nothing",
                )
                for cls in world.inconsistent_classes()
                if cls is not nothing
            )
        finally:
            world.close()
    return findings, time.monotonic() - started
