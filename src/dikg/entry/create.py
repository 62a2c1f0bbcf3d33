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

from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from dikg.entry.build import build_entry
from dikg.entry.form import read_form
from dikg.entry.names import Resolver, slug_of
from dikg.errors import InputError
from dikg.graph.loaded import LoadedGraph, load_graph
from dikg.rdf.canonical import canonical_turtle
from dikg.rdf.convert import to_ox
from dikg.rdf.files import atomic_write
from dikg.rdf.parse import parse_turtle_entry
from dikg.root import GraphRoot
from dikg.validate.entries import entries_of
from dikg.validate.run import ValidationOutcome, validate_entries

ENTRIES_DIR = "entries"


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


def in_use(graph: LoadedGraph, iri: URIRef) -> list[str]:
    """The files of the graph that use ``iri`` (as subject or object)."""
    node = to_ox(iri)
    names = {q.graph_name.value for q in graph.store.quads_for_pattern(node, None, None, None)}
    names |= {q.graph_name.value for q in graph.store.quads_for_pattern(None, None, node, None)}
    return sorted(graph.relative.get(name, name) for name in names)


def validate_new_file(
    root: GraphRoot, graph: LoadedGraph, target: Path, turtle: str
) -> ValidationOutcome:
    """Validate Turtle that is to be written to ``target``, in memory, before writing it.

    It is validated once, against the graph already loaded (which holds no file of this
    name: the IRI is not in use), exactly as ``dikg validate FILE`` would validate the file,
    and its problems name ``target`` relative to the root.
    """
    shown = str(target.relative_to(root.path)) if target.is_relative_to(root.path) else str(target)
    parsed = parse_turtle_entry(Path(shown), turtle, label="e1")
    return validate_entries(root, entries_of([parsed]), graph)


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
        iri, entry = build_entry(kind, form, Resolver(graph.store))
    except InputError as error:
        if error.path is not None:
            raise
        raise InputError(error.message, hint=error.hint, path=form_path) from None
    slug = slug_of(str(iri))
    used = in_use(graph, iri)
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
    outcome = validate_new_file(root, graph, target, turtle)
    created = NewEntry(kind, iri, turtle, target, outcome)
    if write and outcome.conforms:
        atomic_write(target, turtle.encode("utf-8"))
        created.written = True
    return created
