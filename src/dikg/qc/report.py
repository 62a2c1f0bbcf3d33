"""``dikg check-ontology``: a quality report on the ontology and the SKOS vocabularies.

In the spirit of ROBOT's ``report`` (http://robot.obolibrary.org/report): every rule is one
SPARQL file in ``queries/qc/`` that returns rows only when something is wrong (ODK style), with
a grlc-style ``#+`` YAML header::

    #+ summary: A dikg term, concept or concept scheme without a label in English (@en)
    #+ rule: missing-label-en
    #+ level: ERROR
    #+ message: no label in English (@en)

A rule binds ``?subject`` and, where meaningful, ``?property``, ``?value`` and ``?message``
(else the header's ``message``, else its ``summary``, is the message).

The rules run on pyoxigraph over the files of ontology/ and data/ (one named graph each, their
union as the default graph). For ``undeclared-dikg-term`` the store also holds shapes/*.ttl
and, for every ``queries/**/*.rq``, the dikg terms found in its text, each as a named graph of
its own; only ``GRAPH`` patterns see those, so no other rule is disturbed by them.

Logical consistency is checked with the HermiT reasoner through owlready2 when it and Java are
installed (an optional extra): see :func:`run_reasoner`.

The rules are read from the dikg installation (this checkout, or the copy the wheel carries),
not from the graph root under check: they are the tool's code, and the root is its input.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph as ox

from dikg import console
from dikg.errors import InputError
from dikg.graph.store import load_store, load_turtle_file
from dikg.queries.catalogue import parse_header
from dikg.rdf.files import TURTLE_SUFFIX, graph_files, graph_iri, read_text
from dikg.root import GraphRoot, packaged_graph, source_checkout

DIKG_NS = "https://w3id.org/dikg/def#"
LEVELS = ("ERROR", "WARN", "INFO")
FORMATS = ("text", "tsv", "json")
QC_DIR = Path("queries") / "qc"
RULE_SUFFIX = ".rq"

# Folders whose Turtle files the reasoner sees: the ontology and the SKOS vocabularies. The
# instance data stays out: its dates (xsd:gYear, xsd:gYearMonth) are outside the OWL 2
# datatype map, which HermiT refuses, and its checks are SHACL's job.
REASONER_DIRS = ("ontology", "data/vocabularies")

# Rules implemented in Python (the reasoner), with their level and summary; the SPARQL rules
# carry theirs in their headers.
REASONER_RULES = {
    "owl-inconsistent": (
        "ERROR",
        "The ontology and the vocabularies are logically inconsistent (HermiT)",
    ),
    "owl-unsatisfiable-class": (
        "ERROR",
        "A class that can have no members: equivalent to owl:Nothing (HermiT)",
    ),
    "owl-reasoner-error": (
        "ERROR",
        "HermiT could not reason over the ontology and the vocabularies",
    ),
    "owl-reasoner": ("INFO", "The OWL reasoner did not run: consistency was not checked"),
}

# Prefixes for display that always win over the files' own bindings, so output of any graph
# names the standard vocabularies the same way.
WELL_KNOWN_PREFIXES = {
    "dikg": DIKG_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
}

_OWL_IMPORTS = ox.NamedNode("http://www.w3.org/2002/07/owl#imports")
_DCTERMS_REFERENCES = ox.NamedNode("http://purl.org/dc/terms/references")
_LEVEL_ORDER = {level: index for index, level in enumerate(LEVELS)}


@dataclass(frozen=True)
class Finding:
    """One problem found.

    Attributes:
        level: ``ERROR``, ``WARN`` or ``INFO``.
        rule: the rule's id (kebab-case, the file stem of its query).
        subject: the IRI the problem is about ('' when it concerns the graph as a whole).
        property: the IRI of the property concerned, or ''.
        value: the value concerned: an IRI, a literal in N-Triples notation (``"x"@en``), a
            file path relative to the root (for ``undeclared-dikg-term``), or ''.
        message: what is wrong, in English; IRIs in it are written ``<...>``.
    """

    level: str
    rule: str
    subject: str = ""
    property: str = ""
    value: str = ""
    message: str = ""

    # not a @property: inside this class body, ``property`` is the field above
    def sort_key(self) -> tuple:
        """Level (errors first), rule, subject, property, value, message."""
        return (
            _LEVEL_ORDER.get(self.level, len(LEVELS)),
            self.rule,
            self.subject,
            self.property,
            self.value,
            self.message,
        )


@dataclass(frozen=True)
class Rule:
    """One SPARQL rule of ``queries/qc/``.

    Attributes:
        id: the rule's id, the file stem and the header's ``rule``.
        level: ``ERROR``, ``WARN`` or ``INFO``.
        summary: one line saying what the rule finds.
        description: why it matters, with the standard it implements where there is one.
        message: the message of a row that binds no ``?message``.
        path: the query file.
        text: the SPARQL text.
    """

    id: str
    level: str
    summary: str
    description: str
    message: str
    path: Path
    text: str


@dataclass
class OntologyReport:
    """The outcome of :func:`check_ontology`.

    Attributes:
        findings: every finding, sorted by :attr:`Finding.sort_key`.
        summaries: the summary line of every rule that was run, by rule id.
        prefixes: prefix to namespace, for showing IRIs as prefixed names.
        reasoner_seconds: how long HermiT took, or None when it did not run.
    """

    findings: list[Finding] = field(default_factory=list)
    summaries: dict[str, str] = field(default_factory=dict)
    prefixes: dict[str, str] = field(default_factory=dict)
    reasoner_seconds: float | None = None

    def count(self, level: str) -> int:
        """The number of findings of one level."""
        return sum(1 for finding in self.findings if finding.level == level)

    @property
    def errors(self) -> int:
        """The number of ERROR findings (any fails the check)."""
        return self.count("ERROR")

    def summary_line(self) -> str:
        """``N errors, M warnings, K info``."""
        return f"{self.errors} errors, {self.count('WARN')} warnings, {self.count('INFO')} info"

    def compact(self, text: str) -> str:
        """Show an IRI as a prefixed name where a prefix fits, else as ``<IRI>``.

        Literals (N-Triples notation) get their datatype compacted; file paths and '' are
        returned as they are.
        """
        return _compact(text, self.prefixes)


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------


def default_rules_dir() -> Path:
    """The ``queries/qc`` folder of this dikg installation (checkout, else the wheel's copy)."""
    checkout = source_checkout()
    if checkout is not None and (checkout / QC_DIR).is_dir():
        return checkout / QC_DIR
    return packaged_graph() / QC_DIR


def load_rule(path: Path) -> Rule:
    """Read one rule file and check its header.

    Raises:
        InputError: if the header lacks ``rule``, ``level`` or ``summary``, names a rule other
            than the file stem, or gives an unknown level.
    """
    text = read_text(path)
    header = parse_header(text, path)
    rule_id = str(header.get("rule", "")).strip()
    level = str(header.get("level", "")).strip().upper()
    summary = str(header.get("summary", "")).strip()
    if rule_id != path.stem:
        raise InputError(
            f"the header names rule {rule_id!r}, the file is named {path.stem!r}",
            path=path,
            hint="give `#+ rule: <file stem>`, so that a rule is found by its name",
        )
    if level not in LEVELS:
        raise InputError(
            f"level {level!r} is not one of {', '.join(LEVELS)}",
            path=path,
            hint="give `#+ level: ERROR`, `WARN` or `INFO`",
        )
    if not summary:
        raise InputError("the header has no summary", path=path, hint="add `#+ summary: ...`")
    return Rule(
        id=rule_id,
        level=level,
        summary=summary,
        description=str(header.get("description", "")).strip(),
        message=str(header.get("message", "")).strip(),
        path=path,
        text=text,
    )


def load_rules(rules_dir: Path | None = None) -> list[Rule]:
    """All rules of a folder, sorted by id.

    Args:
        rules_dir: the folder; :func:`default_rules_dir` if not given.

    Raises:
        InputError: if the folder holds no rule or a rule file is malformed.
    """
    folder = rules_dir if rules_dir is not None else default_rules_dir()
    paths = sorted(folder.glob(f"*{RULE_SUFFIX}")) if folder.is_dir() else []
    if not paths:
        raise InputError(
            "no QC rules found", path=folder, hint="the rules are queries/qc/*.rq of dikg"
        )
    return [load_rule(path) for path in paths]


# --------------------------------------------------------------------------------------------
# The store: ontology/ and data/, plus shapes/ and the terms the queries use
# --------------------------------------------------------------------------------------------


# https://www.w3.org/TR/sparql11-query/#rIRIREF, #rSTRING_LITERAL1 ... #rSTRING_LITERAL_LONG2
_SPARQL_TOKENS = re.compile(
    r"""
      (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<long>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*''')
    | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    | (?P<comment>\#[^\n]*)
    """,
    re.VERBOSE | re.DOTALL,
)
# A PREFIX declaration once IRIs are placeholders (https://www.w3.org/TR/sparql11-query/#rPrefixDecl)
_PREFIX_DECLARATION = re.compile(
    r"\bPREFIX\s+((?:[A-Za-z][\w.-]*)?):\s*\x00(\d+)\x00", re.IGNORECASE
)
# A prefixed name (https://www.w3.org/TR/sparql11-query/#rPrefixedName), approximated: not
# right after a variable sign, a word character, a dot, a hyphen or another colon.
_PREFIXED_NAME = re.compile(r"(?<![\w?$:.\-])((?:[A-Za-z][\w.-]*)?):([\w\-.:%]*)")


def _strip_sparql(text: str) -> tuple[str, list[str]]:
    """Blank out the comments and string literals of a SPARQL text; take out its IRIs.

    Returns:
        The text with comments and strings replaced by a space (so that ``dikg:x`` in a
        string or comment is not mistaken for code), each ``<IRI>`` replaced by the
        placeholder ``NUL index NUL`` (so that a ``#`` or ``:`` in an IRI is not either),
        and the IRIs by index.
    """
    iris: list[str] = []

    def replace(match: re.Match[str]) -> str:
        if match.lastgroup != "iri":
            return " "
        iris.append(match.group("iri")[1:-1])
        return f"\x00{len(iris) - 1}\x00"

    return _SPARQL_TOKENS.sub(replace, text), iris


def sparql_terms(text: str, namespace: str = DIKG_NS) -> set[str]:
    """The IRIs of one namespace that a SPARQL text names, as prefixed names or full IRIs.

    Comments and string literals are ignored; the ``PREFIX`` declarations of the text are
    resolved. ``BASE`` and relative IRIs are not (the project's queries use neither).

    Args:
        text: the SPARQL text.
        namespace: the namespace whose terms to find.

    Returns:
        Full IRIs, without the bare namespace IRI.
    """
    code, iris = _strip_sparql(text)
    prefixes = {m.group(1): iris[int(m.group(2))] for m in _PREFIX_DECLARATION.finditer(code)}
    found = {iri for iri in iris if iri.startswith(namespace) and iri != namespace}
    for match in _PREFIXED_NAME.finditer(code):
        base = prefixes.get(match.group(1))
        # a prefixed name cannot end with a dot: that dot ends the triple pattern
        local = match.group(2).rstrip(".")
        if base is not None and local and (base + local).startswith(namespace):
            found.add(base + local)
    return found


def _query_paths(root: GraphRoot) -> list[Path]:
    if not root.queries.is_dir():
        return []
    return sorted(p for p in root.queries.rglob(f"*{RULE_SUFFIX}") if p.is_file())


def _shape_paths(root: GraphRoot) -> list[Path]:
    if not root.shapes.is_dir():
        return []
    return sorted(p for p in root.shapes.rglob(f"*{TURTLE_SUFFIX}") if p.is_file())


@dataclass
class CheckedGraph:
    """The store under check and what is needed to read its answers."""

    store: ox.Store
    content_graphs: list[ox.NamedNode]
    paths: dict[str, str]  # named-graph IRI -> file path relative to the root


def load_checked_graph(root: GraphRoot) -> CheckedGraph:
    """Load ontology/ and data/, and for ``undeclared-dikg-term`` shapes/ and the queries.

    Raises:
        InputError: naming the file and line of the first syntax error.
    """
    store = load_store(root)
    paths = {
        str(graph_iri(root, path)): path.relative_to(root.path).as_posix()
        for path in graph_files(root)
    }
    content_graphs = [ox.NamedNode(name) for name in sorted(paths)]
    for path in _shape_paths(root):
        graph = ox.NamedNode(str(graph_iri(root, path)))
        load_turtle_file(store, path, graph)
        paths[graph.value] = path.relative_to(root.path).as_posix()
    for path in _query_paths(root):
        graph = ox.NamedNode(str(graph_iri(root, path)))
        for term in sorted(sparql_terms(read_text(path))):
            store.add(ox.Quad(graph, _DCTERMS_REFERENCES, ox.NamedNode(term), graph))
        paths[graph.value] = path.relative_to(root.path).as_posix()
    return CheckedGraph(store, content_graphs, paths)


def _prefixes(root: GraphRoot) -> dict[str, str]:
    """Prefixes for display: the well-known ones, then the files' own, first binding wins."""
    prefixes = dict(WELL_KNOWN_PREFIXES)
    namespaces = set(prefixes.values())
    for path in [*graph_files(root), *_shape_paths(root)]:
        parser = ox.parse(read_text(path), format=ox.RdfFormat.TURTLE, base_iri="urn:x-base:")
        for _ in parser:
            pass  # the prefixes are known once the whole file is read
        for prefix, namespace in parser.prefixes.items():
            if prefix and prefix not in prefixes and namespace not in namespaces:
                prefixes[prefix] = namespace
                namespaces.add(namespace)
    return prefixes


# --------------------------------------------------------------------------------------------
# Running the rules
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# The reasoner
# --------------------------------------------------------------------------------------------


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


def _reasoner_finding(rule: str, **fields: str) -> Finding:
    return Finding(REASONER_RULES[rule][0], rule, **fields)


def run_reasoner(root: GraphRoot) -> tuple[list[Finding], float]:
    """Check logical consistency of ontology/ and data/vocabularies/ with HermiT.

    The Turtle files are merged into one N-Triples file (``owl:imports`` left out, so nothing
    is fetched from the network) and loaded into a temporary owlready2 world, on which HermiT
    runs (``sync_reasoner``). An inconsistent ontology gives ``owl-inconsistent``; each class
    equivalent to owl:Nothing gives ``owl-unsatisfiable-class``; HermiT refusing the input
    (e.g. a datatype outside the OWL 2 datatype map,
    https://www.w3.org/TR/owl2-syntax/#Datatype_Maps) gives ``owl-reasoner-error``.

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

    triples: list[ox.Triple] = []
    for path in _reasoner_input(root):
        base = str(graph_iri(root, path))
        try:
            quads = ox.parse(read_text(path), format=ox.RdfFormat.TURTLE, base_iri=base)
            triples.extend(q.triple for q in quads if q.predicate != _OWL_IMPORTS)
        except SyntaxError as error:
            raise InputError(
                f"Turtle syntax error: {error.msg}", path=path, line=error.lineno
            ) from None
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
            findings.append(
                _reasoner_finding(
                    "owl-inconsistent",
                    message="HermiT finds no model: some axioms of ontology/ and "
                    "data/vocabularies/ contradict each other (e.g. a resource typed with "
                    "two disjoint classes)",
                )
            )
        except owlready2.OwlReadyJavaError as error:
            findings.append(_reasoner_finding("owl-reasoner-error", message=_java_message(error)))
        else:
            nothing = owlready2.Nothing
            findings.extend(
                _reasoner_finding(
                    "owl-unsatisfiable-class",
                    subject=cls.iri,
                    property="http://www.w3.org/2002/07/owl#equivalentClass",
                    value="http://www.w3.org/2002/07/owl#Nothing",
                    message="the class can have no members: its axioms contradict each other",
                )
                for cls in world.inconsistent_classes()
                if cls is not nothing
            )
        finally:
            world.close()
    return findings, time.monotonic() - started


# --------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------


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
    report = OntologyReport(prefixes=_prefixes(root))
    findings: set[Finding] = set()
    for rule in rules:
        started = time.monotonic()
        found = run_rule(checked, rule)
        console.debug(f"{rule.id}: {len(found)} findings in {time.monotonic() - started:.2f} s")
        findings.update(found)
        report.summaries[rule.id] = rule.summary
    report.summaries.update({rule: summary for rule, (_, summary) in REASONER_RULES.items()})
    why_not = "--no-reasoner was given" if reasoner is False else reasoner_unavailable()
    if reasoner is True or why_not is None:
        found, seconds = run_reasoner(root)
        findings.update(found)
        report.reasoner_seconds = seconds
    else:
        findings.add(_reasoner_finding("owl-reasoner", message=f"reasoner skipped: {why_not}"))
    report.findings = sorted(findings, key=Finding.sort_key)
    return report


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------

_IRI_IN_TEXT = re.compile(r"<([^<>\s]+)>")
_LOCAL_NAME = re.compile(r"(?:\w[\w\-.]*)?(?<!\.)")


def _compact_iri(iri: str, prefixes: dict[str, str]) -> str:
    best_prefix, best_namespace = None, ""
    for prefix, namespace in prefixes.items():
        # the longest namespace that fits gives the most specific name
        if (
            iri.startswith(namespace)
            and len(namespace) > len(best_namespace)
            and _LOCAL_NAME.fullmatch(iri[len(namespace) :])
        ):
            best_prefix, best_namespace = prefix, namespace
    if best_prefix is None:
        return f"<{iri}>"
    return f"{best_prefix}:{iri[len(best_namespace) :]}"


def _compact(text: str, prefixes: dict[str, str]) -> str:
    if not text:
        return text
    if text.startswith('"'):
        # a literal: only the datatype IRI at its end is an IRI
        return _IRI_IN_TEXT.sub(lambda m: _compact_iri(m.group(1), prefixes), text)
    if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.IGNORECASE) and not text.startswith("_:"):
        return _compact_iri(text, prefixes)
    return text


def _compact_message(message: str, prefixes: dict[str, str]) -> str:
    return _IRI_IN_TEXT.sub(lambda m: _compact_iri(m.group(1), prefixes), message)


def render_text(report: OntologyReport) -> str:
    """Findings grouped by rule, each rule with its count and summary, one line per finding."""
    counts = Counter(finding.rule for finding in report.findings)
    lines: list[str] = []
    current = None
    for finding in report.findings:
        if finding.rule != current:
            if current is not None:
                lines.append("")
            current = finding.rule
            summary = report.summaries.get(finding.rule, "")
            lines.append(f"{finding.level} {finding.rule} ({counts[finding.rule]}): {summary}")
        cells = [
            report.compact(getattr(finding, name)) for name in ("subject", "property", "value")
        ]
        message = _compact_message(finding.message, report.prefixes)
        if any(cells):
            # "-" keeps the columns in place where a finding has no property or value
            message = "  ".join(cell or "-" for cell in cells) + "  " + message
        lines.append(f"  {message}")
    return "\n".join(lines) + "\n" if lines else ""


def _tsv_cell(text: str) -> str:
    # A tab or line break in a cell would break the row. Values are already in N-Triples
    # notation (escaped); a message or path is not, so escape those characters as N-Triples
    # does. Backslashes stay single, so that a value reads the same as in the text report.
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def render_tsv(report: OntologyReport) -> str:
    """ROBOT's report table (Level, Rule Name, Subject, Property, Value) plus the message."""
    lines = ["Level\tRule Name\tSubject\tProperty\tValue\tMessage"]
    for finding in report.findings:
        cells = [
            finding.level,
            finding.rule,
            report.compact(finding.subject),
            report.compact(finding.property),
            report.compact(finding.value),
            _compact_message(finding.message, report.prefixes),
        ]
        lines.append("\t".join(_tsv_cell(cell) for cell in cells))
    return "\n".join(lines) + "\n"


def render_json(report: OntologyReport) -> str:
    """A JSON list of findings, one object each; IRIs in full, so that they are unambiguous."""
    return json.dumps([asdict(f) for f in report.findings], indent=2, ensure_ascii=False) + "\n"


def render(report: OntologyReport, fmt: str) -> str:
    """Render in one of :data:`FORMATS`.

    Raises:
        InputError: for an unknown format.
    """
    if fmt == "text":
        return render_text(report)
    if fmt == "tsv":
        return render_tsv(report)
    if fmt == "json":
        return render_json(report)
    raise InputError(f"unknown format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
