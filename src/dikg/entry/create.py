"""``dikg new``: a new measure, policy or organisation from a YAML form, validated first.

The form (``forms/{kind}.yaml`` in this package is the template) names things the way a
maintainer knows them: a ministry by its abbreviation, target groups by their labels, the
source by its slug. This module resolves each name against the graph (an unknown name is an
:class:`~dikg.errors.InputError` with the closest known names), mints the IRI
``https://w3id.org/dikg/id/{kind}/{slug}``, writes the entry as canonical Turtle, validates it
exactly as ``dikg validate FILE`` does, and only if it conforms writes it atomically to
``data/entries/{kind}/{slug}.ttl``: one file per entry, so that a new entry never rewrites a
file someone else is editing.
"""

from __future__ import annotations

import datetime
import difflib
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml
from rdflib import DCTERMS, OWL, RDF, RDFS, XSD, Graph, Literal, URIRef

from dikg.errors import InputError
from dikg.rdf.atomic import atomic_write
from dikg.rdf.convert import to_ox
from dikg.rdf.files import read_text
from dikg.rdf.turtle import canonical_turtle
from dikg.root import GraphRoot
from dikg.terms import DIKG, ORG, PROV, SKOS, TOOIONT
from dikg.terms import ID_BASE as ID
from dikg.validate.run import GraphStore, Problem, ValidationOutcome, load_graph, validate

KINDS = ("measure", "policy", "organisation")
ENTRIES_DIR = "entries"
SCHEMES = {
    "target_groups": ("target-groups", DIKG.targetGroup),
    "audiences": ("audiences", DIKG.audience),
    "instruments": ("instruments", DIKG.instrument),
    "phases": ("phases", DIKG.phase),
    "statuses": ("statuses", DIKG.status),
}
REQUIRED = {
    "measure": ("actor", "label_nl", "source", "quotes"),
    "policy": ("actor", "label_nl", "source", "quotes"),
    "organisation": ("label_nl", "label_en"),
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
_DATES = (
    (re.compile(r"[0-9]{4}"), XSD.gYear),
    (re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])"), XSD.gYearMonth),
    (re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"), XSD.date),
)
SLUG_LENGTH = 60


def template(kind: str) -> str:
    """The YAML form of a kind, with comments saying what each field takes."""
    return files(__package__).joinpath("forms", f"{kind}.yaml").read_text(encoding="utf-8")


@cache
def fields(kind: str) -> frozenset[str]:
    """The fields of a form: those of its template (one source for both)."""
    return frozenset(yaml.safe_load(template(kind)))


def normalise(text: str) -> str:
    """Case-, accent- and whitespace-insensitive form of a name, for matching."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def slugify(text: str, limit: int = SLUG_LENGTH) -> str:
    """Lowercase ASCII kebab-case, cut at a hyphen to at most ``limit`` characters."""
    slug = re.sub(r"[^a-z0-9]+", "-", normalise(text)).strip("-")
    if len(slug) > limit:
        slug = slug[: limit + 1].rsplit("-", 1)[0]
    return slug


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


@dataclass
class Known:
    """Resources of one kind and the words that name them (labels, slugs, abbreviations).

    Attributes:
        kind: what they are, for messages.
        words: normalised word -> IRIs it names.
        shown: normalised word -> the word as written, for suggestions.
    """

    kind: str
    words: dict[str, set[str]] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)

    def add(self, word: str, iri: str) -> None:
        """Let ``word`` name ``iri``."""
        key = normalise(word)
        if key:
            self.words.setdefault(key, set()).add(iri)
            self.shown.setdefault(key, word)

    def resolve(self, name: str, value: Any) -> URIRef:
        """The IRI a word names.

        Raises:
            InputError: if it names none (with the closest words) or more than one.
        """
        word = str(value)
        found = self.words.get(normalise(word), set())
        if len(found) == 1:
            return URIRef(next(iter(found)))
        if found:
            raise InputError(
                f"{name}: {word!r} is ambiguous: it names {', '.join(sorted(found))}",
                hint="use the slug (the last part of the IRI) instead",
            )
        close = difflib.get_close_matches(normalise(word), list(self.words), n=8, cutoff=0.6)
        suggestions = []
        for key in close:
            slugs = ", ".join(sorted(_local(iri) for iri in self.words[key]))
            suggestion = f"{self.shown[key]} ({slugs})"
            if suggestion not in suggestions:
                suggestions.append(suggestion)
        hint = "did you mean: " + "; ".join(suggestions[:5]) + "?" if suggestions else None
        raise InputError(f"{name}: no {self.kind} is called {word!r}", hint=hint)


def _objects(store: ox.Store, subject, predicate: URIRef):
    return [q.object for q in store.quads_for_pattern(subject, to_ox(predicate), None, None)]


def _instances(store: ox.Store, *classes: URIRef) -> set[ox.NamedNode]:
    found = set()
    for cls in classes:
        for quad in store.quads_for_pattern(None, to_ox(RDF.type), to_ox(cls), None):
            if isinstance(quad.subject, ox.NamedNode):
                found.add(quad.subject)
    return found


class Resolver:
    """Looks names up in the graph, each kind read once."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self._cache: dict[str, Known] = {}

    def scheme(self, slug: str) -> Known:
        """Concepts of a scheme by their preferred, alternative and hidden labels and slugs."""
        if slug not in self._cache:
            names = Known(f"concept of the {slug} scheme")
            scheme = ox.NamedNode(f"{ID}scheme/{slug}")
            for quad in self.store.quads_for_pattern(None, to_ox(SKOS.inScheme), scheme, None):
                concept = quad.subject
                for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
                    for label in _objects(self.store, concept, predicate):
                        names.add(label.value, concept.value)
                names.add(_local(concept.value), concept.value)
            self._cache[slug] = names
        return self._cache[slug]

    def _typed(self, key: str, kind: str, classes: tuple[URIRef, ...], labels: bool) -> Known:
        if key not in self._cache:
            names = Known(kind)
            for node in _instances(self.store, *classes):
                names.add(_local(node.value), node.value)
                for abbreviation in _objects(self.store, node, TOOIONT.afkorting):
                    names.add(abbreviation.value, node.value)
                if labels:
                    for label in _objects(self.store, node, RDFS.label):
                        names.add(label.value, node.value)
            self._cache[key] = names
        return self._cache[key]

    def organisations(self) -> Known:
        """Organisations and ministries by slug, abbreviation and name."""
        classes = (ORG.Organization, ORG.FormalOrganization, DIKG.Ministry)
        return self._typed("organisation", "organisation", classes, labels=True)

    def versions(self) -> Known:
        """Historical names of organisations by slug, abbreviation and name."""
        classes = (TOOIONT.HistorischeVersie,)
        return self._typed("version", "historical name of an organisation", classes, True)

    def documents(self) -> Known:
        """Documents by slug."""
        return self._typed("document", "document", (DIKG.Document,), labels=False)

    def policies(self) -> Known:
        """Policies by slug."""
        return self._typed("policy", "policy", (DIKG.Policy,), labels=False)


def read_form(path: Path, kind: str) -> dict[str, Any]:
    """Read a filled-in form with ``yaml.safe_load`` and check its fields.

    Raises:
        InputError: for YAML that cannot be read, a form that is not a mapping, unknown
            fields or missing required ones.
    """
    text = read_text(path)
    try:
        form = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise InputError(
            f"YAML syntax error: {problem}",
            path=path,
            line=mark.line + 1 if mark is not None else None,
            hint=f"start again from `dikg new {kind}`, which prints the form",
        ) from None
    if not isinstance(form, dict):
        raise InputError(
            "not a form: expected field: value lines",
            path=path,
            hint=f"`dikg new {kind}` prints the form",
        )
    unknown = sorted(str(key) for key in form if key not in fields(kind))
    if unknown:
        raise InputError(
            f"unknown field{'s' if len(unknown) > 1 else ''} for a {kind}: {', '.join(unknown)}",
            path=path,
            hint=f"the fields are: {', '.join(sorted(fields(kind)))}",
        )
    missing = [name for name in REQUIRED[kind] if _empty(form.get(name))]
    if missing:
        raise InputError(
            f"required field{'s' if len(missing) > 1 else ''} left empty: {', '.join(missing)}",
            path=path,
        )
    return form


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _list(form: dict[str, Any], name: str) -> list[Any]:
    value = form.get(name)
    if _empty(value):
        return []
    if isinstance(value, list):
        return [item for item in value if not _empty(item)]
    return [value]


def _text(form: dict[str, Any], name: str) -> str | None:
    value = form.get(name)
    if _empty(value):
        return None
    if not isinstance(value, str | int | float):
        raise InputError(f"{name}: expected text, got {type(value).__name__}")
    return " ".join(str(value).split())


def _date(name: str, value: Any) -> Literal:
    """A date as precise as given: YAML reads 2016 as a number and 2016-10-04 as a date."""
    if isinstance(value, datetime.date):
        value = value.isoformat()
    text = str(value).strip()
    for pattern, datatype in _DATES:
        if pattern.fullmatch(text):
            return Literal(text, datatype=datatype)
    raise InputError(f"{name}: {text!r} is not a year (2016), month (2016-05) or day (2016-10-04)")


@dataclass
class NewEntry:
    """A new entry built from a form.

    Attributes:
        kind: measure, policy or organisation.
        iri: its minted IRI.
        turtle: its canonical Turtle.
        path: where it is (or would be) written.
        outcome: its validation as a new entry.
        written: whether it was written.
    """

    kind: str
    iri: URIRef
    turtle: str
    path: Path
    outcome: ValidationOutcome
    written: bool = False


def _build(kind: str, form: dict[str, Any], resolver: Resolver) -> tuple[URIRef, Graph]:
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    label_nl = _text(form, "label_nl") or ""
    label_en = _text(form, "label_en")
    if kind == "organisation":
        slug = _text(form, "slug") or slugify(_text(form, "abbreviation") or label_nl)
        actor = None
    else:
        actor = resolver.organisations().resolve("actor", form["actor"])
        slug = _text(form, "slug") or f"{_local(actor)}-{slugify(label_nl)}"
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
    description = _text(form, "description_nl")
    if description:
        graph.add((iri, DCTERMS.description, Literal(description, lang="nl")))
    if actor is not None:
        graph.add((iri, DIKG.actor, actor))
        if not _empty(form.get("actor_named_as")):
            version = resolver.versions().resolve("actor_named_as", form["actor_named_as"])
            graph.add((iri, DIKG.actorNamedAs, version))
    if not _empty(form.get("implements")):
        graph.add(
            (iri, DIKG.implements, resolver.policies().resolve("implements", form["implements"]))
        )
    for name, (scheme, predicate) in SCHEMES.items():
        for value in _list(form, name):
            graph.add((iri, predicate, resolver.scheme(scheme).resolve(name, value)))
    for value in _list(form, "partners"):
        graph.add((iri, DIKG.partner, resolver.organisations().resolve("partners", value)))
    for name, predicate in (("start", DIKG.startDate), ("end", DIKG.endDate)):
        if not _empty(form.get(name)):
            graph.add((iri, predicate, _date(name, form[name])))
    if kind == "organisation":
        if not _empty(form.get("type")):
            concept = resolver.scheme("organisation-types").resolve("type", form["type"])
            graph.add((iri, ORG.classification, concept))
        abbreviation = _text(form, "abbreviation")
        if abbreviation:
            graph.add((iri, TOOIONT.afkorting, Literal(abbreviation)))
        if not _empty(form.get("part_of")):
            parent = resolver.organisations().resolve("part_of", form["part_of"])
            graph.add((iri, ORG.subOrganizationOf, parent))
        tooi = _text(form, "tooi")
        if tooi:
            if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", tooi):
                raise InputError(f"tooi: {tooi!r} is not an IRI", hint="copy it from the register")
            graph.add((iri, OWL.sameAs, URIRef(tooi)))
    if not _empty(form.get("source")):
        graph.add(
            (iri, PROV.wasDerivedFrom, resolver.documents().resolve("source", form["source"]))
        )
    for quote in _list(form, "quotes"):
        graph.add((iri, DIKG.sourceQuote, Literal(str(quote), lang="nl")))
    for value in _list(form, "references"):
        graph.add((iri, DCTERMS.references, resolver.documents().resolve("references", value)))
    return iri, graph


def _in_use(graph: GraphStore, iri: URIRef) -> list[str]:
    """The files of the graph that use ``iri`` (as subject or object)."""
    node = to_ox(iri)
    names = {q.graph_name.value for q in graph.store.quads_for_pattern(node, None, None, None)}
    names |= {q.graph_name.value for q in graph.store.quads_for_pattern(None, None, node, None)}
    return sorted(graph.relative.get(name, name) for name in names)


def create_entry(root: GraphRoot, kind: str, form_path: Path, *, write: bool = True) -> NewEntry:
    """Turn a filled-in form into a validated entry, and write it if it conforms.

    Args:
        root: the graph root; the entry goes to ``data/entries/{kind}/{slug}.ttl``.
        kind: measure, policy or organisation.
        form_path: the YAML form.
        write: if false, validate only (``--dry-run``).

    Raises:
        InputError: for a form that cannot be read, a name that the graph does not know, or
            an IRI or file that is already in use; nothing is written then.
    """
    if write and root.origin == "package":
        raise InputError(
            "the graph packaged with dikg is not for writing",
            hint="pass --root DIR (or set DIKG_ROOT) to the checkout the entry belongs in",
        )
    form = read_form(form_path, kind)
    graph = load_graph(root)
    try:
        iri, entry = _build(kind, form, Resolver(graph.store))
    except InputError as error:
        if error.path is not None:
            raise
        raise InputError(error.message, hint=error.hint, path=form_path) from None
    slug = _local(str(iri))
    used = _in_use(graph, iri)
    if used:
        raise InputError(
            f"{kind}/{slug} is already in use (in {', '.join(used)})",
            path=form_path,
            hint="give the entry another slug: IRIs are never reused",
        )
    target = root.data / ENTRIES_DIR / kind / f"{slug}.ttl"
    if target.exists():
        raise InputError(f"{target} already exists", path=form_path, hint="give another slug")
    article = "an" if kind[0] in "aeiou" else "a"
    header = f"# dikg data: {article} {kind} written by `dikg new {kind}` from {form_path.name}."
    turtle = canonical_turtle(entry, header=header)
    with tempfile.TemporaryDirectory(prefix="dikg-new-") as folder:
        candidate = Path(folder) / f"{slug}.ttl"
        candidate.write_text(turtle, encoding="utf-8")
        outcome = validate(root, [candidate])
    shown = str(target.relative_to(root.path)) if target.is_relative_to(root.path) else str(target)
    outcome.problems = [
        Problem(p.result, shown if p.file == str(candidate) else p.file, p.line)
        for p in outcome.problems
    ]
    outcome.entries = (shown,)
    created = NewEntry(kind, iri, turtle, target, outcome)
    if write and outcome.conforms:
        atomic_write(target, turtle.encode("utf-8"))
        created.written = True
    return created
