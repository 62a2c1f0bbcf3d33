"""`dikg new document`: add a source document (its text and its dikg:Document) to the graph.

A maintainer who receives a new policy document stores its text under
``data/sources/{slug}.txt`` (byte for byte) and describes it in
``data/entries/document/{slug}.ttl``: a ``dikg:Document`` with its title, its date as precise as
known (``dcterms:issued``) or, for an undated text, the bounds of when it was written
(``dikg:earliestDate``/``dikg:latestDate``), and its publisher (``dcterms:publisher``, an
organisation of the graph). The description is validated as a new entry first; only if it
conforms are both files written. From then on ``dikg coverage`` lists the document's sentences
(all uncovered at first), and ``dikg new measure`` forms can cite it as their ``source``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from dikg.entry.create import ENTRIES_DIR, in_use, validate_new_file
from dikg.entry.form import date_field, slugify
from dikg.entry.names import Resolver
from dikg.errors import InputError
from dikg.graph.loaded import load_graph
from dikg.rdf.canonical import canonical_turtle
from dikg.rdf.files import atomic_write
from dikg.root import GraphRoot
from dikg.terms import DIKG, DOCUMENT_BASE
from dikg.validate.grounding import SOURCES_DIR, text_path
from dikg.validate.run import ValidationOutcome

KIND = "document"
MAX_TEXT_BYTES = 5 * 1024 * 1024


@dataclass
class NewDocument:
    """The outcome of `dikg new document`: the IRI, the Turtle, where it goes, the validation."""

    iri: URIRef
    turtle: str
    description: Path
    text: Path
    outcome: ValidationOutcome
    written: bool = field(default=False)


def _read_text(path: Path) -> bytes:
    """The document's text, checked to be readable UTF-8 and not empty.

    Raises:
        InputError: for a missing, oversized, binary or empty file.
    """
    if not path.is_file():
        raise InputError(f"{path}: no such file", hint="give the document's text as a .txt file")
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise InputError(f"{path}: larger than 5 MB", hint="store the text of one document")
    content = path.read_bytes()
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: not UTF-8 text (byte {error.start})",
            hint="convert the document to plain UTF-8 text first (e.g. pdftotext)",
        ) from None
    if "\x00" in text or not text.strip():
        raise InputError(f"{path}: not a plain text with words", hint="give a plain-text file")
    return content


def build_document(
    *,
    slug: str,
    title: str,
    publisher: URIRef,
    title_en: str | None = None,
    issued: Literal | None = None,
    earliest: Literal | None = None,
    latest: Literal | None = None,
    note: str | None = None,
) -> tuple[URIRef, Graph]:
    """The description of a new source document as a graph."""
    iri = URIRef(DOCUMENT_BASE + slug)
    graph = Graph()
    graph.add((iri, RDF.type, DIKG.Document))
    graph.add((iri, RDFS.label, Literal(title, lang="nl")))
    graph.add((iri, DCTERMS.title, Literal(title, lang="nl")))
    if title_en:
        graph.add((iri, RDFS.label, Literal(title_en, lang="en")))
    graph.add((iri, DCTERMS.publisher, publisher))
    graph.add(
        (
            iri,
            DCTERMS.language,
            URIRef("http://publications.europa.eu/resource/authority/language/NLD"),
        )
    )
    if issued is not None:
        graph.add((iri, DCTERMS.issued, issued))
    if earliest is not None:
        graph.add((iri, DIKG.earliestDate, earliest))
    if latest is not None:
        graph.add((iri, DIKG.latestDate, latest))
    if note:
        graph.add((iri, RDFS.comment, Literal(note, lang="en")))
    return iri, graph


def create_document(
    root: GraphRoot,
    text_file: Path,
    *,
    title: str,
    publisher: str,
    title_en: str | None = None,
    date: str | None = None,
    earliest: str | None = None,
    latest: str | None = None,
    slug: str | None = None,
    note: str | None = None,
    write: bool = True,
) -> NewDocument:
    """Validate a new source document and, if it conforms, store its text and description.

    Args:
        root: the graph root; the text goes to ``data/sources/{slug}.txt``, the description to
            ``data/entries/document/{slug}.ttl``.
        text_file: the document's text (UTF-8), stored byte for byte.
        title: the title in the document's language (Dutch).
        publisher: the organisation that published it, by abbreviation, label or IRI.
        title_en: an English title, optional.
        date: when it was issued, as precise as known (2024, 2024-05, 2024-05-17).
        earliest: for an undated text, the earliest date it can have been written (give the
            reasoning in ``note``).
        latest: for an undated text, the latest date it can have been written.
        slug: the last part of the IRI; by default from the title.
        note: an English comment, e.g. how the bounds were derived.
        write: if false, validate only (``--dry-run``).

    Raises:
        InputError: for unusable input (exit 2); nothing is written then.
    """
    if write and root.origin == "package":
        raise InputError(
            "the graph packaged with dikg is not for writing",
            hint="pass --root DIR (or set DIKG_ROOT) to the checkout the document belongs in",
        )
    if not title.strip():
        raise InputError("--title is empty", hint="give the document's title as it reads")
    if date and (earliest or latest):
        raise InputError(
            "give either --date or --earliest/--latest, not both",
            hint="--date for a dated document, the bounds for an undated one",
        )
    content = _read_text(text_file)
    slug = slug or slugify(title)
    if not slug or slugify(slug) != slug:
        raise InputError(
            f"slug {slug!r} is not lowercase ASCII kebab-case", hint="e.g. --slug kamerbrief-2024"
        )
    graph = load_graph(root)
    resolver = Resolver(graph.store)
    organisation = resolver.organisations().resolve("publisher", publisher)
    iri, description = build_document(
        slug=slug,
        title=" ".join(title.split()),
        publisher=organisation,
        title_en=" ".join(title_en.split()) if title_en else None,
        issued=date_field("--date", date) if date else None,
        earliest=date_field("--earliest", earliest) if earliest else None,
        latest=date_field("--latest", latest) if latest else None,
        note=note,
    )
    used = in_use(graph, iri)
    if used:
        raise InputError(
            f"document/{slug} is already in use (in {', '.join(used)})",
            hint="give another --slug: IRIs are never reused",
        )
    stored = text_path(root, str(iri))
    assert stored is not None  # the slug is valid
    target = root.data / ENTRIES_DIR / KIND / f"{slug}.ttl"
    for existing in (stored, target):
        if existing.exists():
            raise InputError(f"{existing} already exists", hint="give another --slug")
    header = f"# dikg data: a source document written by `dikg new document` from {text_file.name}."
    turtle = canonical_turtle(description, header=header)
    outcome = validate_new_file(root, graph, target, turtle)
    created = NewDocument(iri, turtle, target, stored, outcome)
    if write and outcome.conforms:
        atomic_write(stored, content)
        atomic_write(target, turtle.encode("utf-8"))
        created.written = True
    return created


__all__ = ["SOURCES_DIR", "NewDocument", "build_document", "create_document"]
