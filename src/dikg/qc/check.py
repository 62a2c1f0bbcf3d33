"""Running the QC rules (and the reasoner) on the graph: :func:`check_ontology`."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from dikg import console
from dikg.errors import InputError
from dikg.graph.loaded import LoadedGraph, load_graph
from dikg.qc import reasoner as owl
from dikg.qc.reasoner import reasoner_finding, reasoner_rules
from dikg.qc.report import OntologyReport
from dikg.qc.rules import RULE_SUFFIX, Finding, Rule, load_rules
from dikg.queries.sparqltext import prefixes, tokens
from dikg.rdf.files import TURTLE_SUFFIX, files_in, graph_iri, read_text
from dikg.root import GraphRoot
from dikg.terms import DIKG_NS, namespaces

# Prefixes for display that always win over the files' own bindings, so output of any graph
# names the standard vocabularies the same way.
WELL_KNOWN_PREFIXES = namespaces("dikg", "rdf", "rdfs", "owl", "xsd", "skos", "dcterms")


_DCTERMS_REFERENCES = ox.NamedNode("http://purl.org/dc/terms/references")


def sparql_terms(text: str, namespace: str = DIKG_NS) -> set[str]:
    """The IRIs of one namespace that a SPARQL text names, as prefixed names or full IRIs.

    Read with the SPARQL lexer of :mod:`dikg.queries.sparqltext`, so comments and string
    literals are ignored; the ``PREFIX`` declarations of the text are resolved. ``BASE`` and
    relative IRIs are not (the project's queries use neither).

    Args:
        text: the SPARQL text.
        namespace: the namespace whose terms to find.

    Returns:
        Full IRIs, without the bare namespace IRI.
    """
    declared = prefixes(text)
    found: set[str] = set()
    for token in tokens(text):
        if token.kind == "iri":
            iri = token.text[1:-1]
        elif token.kind == "word" and ":" in token.text:
            prefix, local = token.text.split(":", 1)
            base = declared.get(prefix)
            # a prefixed name cannot end with a dot: that dot ends the triple pattern
            local = local.rstrip(".")
            if base is None or not local:
                continue
            iri = base + local
        else:
            continue
        if iri.startswith(namespace) and iri != namespace:
            found.add(iri)
    return found


@dataclass
class CheckedGraph:
    """The store under check and what is needed to read its answers."""

    store: ox.Store
    content_graphs: list[ox.NamedNode]
    paths: dict[str, str]  # named-graph IRI -> file path relative to the root
    loaded: LoadedGraph  # the Turtle files of ontology/, data/ and shapes/, with their prefixes


def load_checked_graph(root: GraphRoot) -> CheckedGraph:
    """Load ontology/ and data/, and for ``undeclared-dikg-term`` shapes/ and the queries.

    Raises:
        InputError: naming the file and line of the first syntax error.
    """
    loaded = load_graph(root)
    store = loaded.store
    paths = dict(loaded.relative)
    content_graphs = [ox.NamedNode(name) for name in sorted(paths)]
    for path in files_in(root.shapes, TURTLE_SUFFIX):
        loaded.add_file(root, path)
    paths.update(loaded.relative)
    for path in files_in(root.queries, RULE_SUFFIX):
        graph = ox.NamedNode(str(graph_iri(root, path)))
        for term in sorted(sparql_terms(read_text(path))):
            store.add(ox.Quad(graph, _DCTERMS_REFERENCES, ox.NamedNode(term), graph))
        paths[graph.value] = path.relative_to(root.path).as_posix()
    return CheckedGraph(store, content_graphs, paths, loaded)


def _prefixes(loaded: LoadedGraph) -> dict[str, str]:
    """Prefixes for display: the well-known ones, then the files' own, first binding wins."""
    prefixes = dict(WELL_KNOWN_PREFIXES)
    namespaces = set(prefixes.values())
    for declared in loaded.file_prefixes.values():
        for prefix, namespace in declared.items():
            if prefix and prefix not in prefixes and namespace not in namespaces:
                prefixes[prefix] = namespace
                namespaces.add(namespace)
    return prefixes


_ODD_WHITESPACE = re.compile(r"[^\S ]")


def _term_text(term: ox.NamedNode | ox.BlankNode | ox.Literal | None, paths: dict) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        # a named graph of the store stands for its file
        return paths.get(term.value, term.value)
    if isinstance(term, ox.Literal):
        # N-Triples escapes tabs and line breaks; escape the other non-space whitespace too
        # (a no-break space), so that what label-whitespace reports is visible
        return _ODD_WHITESPACE.sub(lambda m: f"\\u{ord(m.group()):04X}", str(term))
    return f"_:{term.value}"


def run_rule(checked: CheckedGraph, rule: Rule) -> list[Finding]:
    """Run one rule; every row it returns is a finding.

    Raises:
        InputError: if the query does not parse or is not a SELECT query.
    """
    try:
        answer = checked.store.query(rule.text, default_graph=checked.content_graphs)
    except SyntaxError as error:
        raise InputError(f"SPARQL syntax error: {error}", path=rule.path) from None
    if not isinstance(answer, ox.QuerySolutions):
        raise InputError("a QC rule must be a SELECT query", path=rule.path)
    variables = {variable.value for variable in answer.variables}
    if "subject" not in variables:
        raise InputError("a QC rule must select ?subject", path=rule.path)
    findings = []
    for row in answer:
        values = {
            name: _term_text(row[name], checked.paths) if name in variables else ""
            for name in ("subject", "property", "value", "message")
        }
        message = (
            row["message"].value
            if "message" in variables and row["message"] is not None
            else rule.message or rule.summary
        )
        findings.append(
            Finding(
                level=rule.level,
                rule=rule.id,
                subject=values["subject"],
                property=values["property"],
                value=values["value"],
                message=message,
            )
        )
    return findings


def check_ontology(
    root: GraphRoot, *, reasoner: bool | None = None, rules_dir: Path | None = None
) -> OntologyReport:
    """Run every QC rule, and the reasoner, on the graph of a root.

    Args:
        root: the graph root.
        reasoner: True to run HermiT (an error if it cannot run), False to skip it, None to run
            it when owlready2 and Java are available. A skipped reasoner is one INFO finding.
        rules_dir: the folder of rules; :func:`default_rules_dir` if not given.

    Returns:
        The report, findings sorted.

    Raises:
        InputError: for a file that cannot be read or parsed, a malformed rule, or
            ``reasoner=True`` where the reasoner cannot run.
    """
    rules = load_rules(rules_dir)
    checked = load_checked_graph(root)
    report = OntologyReport(prefixes=_prefixes(checked.loaded))
    findings: set[Finding] = set()
    for rule in rules:
        started = time.monotonic()
        found = run_rule(checked, rule)
        console.debug(f"{rule.id}: {len(found)} findings in {time.monotonic() - started:.2f} s")
        findings.update(found)
        report.summaries[rule.id] = rule.summary
    report.summaries.update({rule.id: rule.summary for rule in reasoner_rules().values()})
    why_not = "--no-reasoner was given" if reasoner is False else owl.reasoner_unavailable()
    if reasoner is True or why_not is None:
        found, seconds = owl.run_reasoner(root, checked.loaded)
        findings.update(found)
        report.reasoner_seconds = seconds
    else:
        findings.add(reasoner_finding("owl-reasoner", reason=why_not))
    report.findings = sorted(findings, key=Finding.sort_key)
    return report
