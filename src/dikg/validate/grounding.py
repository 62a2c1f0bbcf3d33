"""Grounding: every source quote must occur in the stored text of the document it cites.

A document ``https://w3id.org/dikg/id/document/{slug}`` whose text dikg stores has it in
``data/sources/{slug}.txt``. Quotes and texts are compared with whitespace collapsed (line
breaks in the source are layout, not words); nothing else is normalised, so a quote keeps
the source's spelling, punctuation and typography.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

import pyoxigraph as ox

from dikg.queries.sparql import internal_query
from dikg.rdf.files import read_text
from dikg.root import GraphRoot
from dikg.terms import DOCUMENT_BASE

SOURCES_DIR = "sources"

# Dutch abbreviations in the sources after which a full stop does not end a sentence.
ABBREVIATIONS = (
    "o.a.",
    "e.v.",
    "e.d.",
    "v.d.",
    "c.s.",
    "jan.",
    "nr.",
    "t.a.v.",
    "m.b.t.",
    "i.v.m.",
)
# A sentence ends at . ! ? followed by a space or a capital (the sources sometimes omit the
# space: "recruitmentproces.Organiseren"), and before a list bullet or a numbered item.
_BOUNDARY = re.compile(r"(?<=[.!?])(?:\s+|(?=[A-Z]))|\s+(?=(?:[-•]|[1-9]\.)\s)")
_LIST_NUMBER = re.compile(r"[1-9]\.")


def collapse(text: str) -> str:
    """Collapse every run of whitespace to one space and trim the ends."""
    return " ".join(text.split())


def document_slug(document: str) -> str | None:
    """The slug of a dikg document IRI, or None for any other IRI."""
    if not document.startswith(DOCUMENT_BASE):
        return None
    slug = document[len(DOCUMENT_BASE) :]
    return slug if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug) else None


def text_path(root: GraphRoot, document: str) -> Path | None:
    """Where the stored text of a document is (whether or not it exists)."""
    slug = document_slug(document)
    return root.data / SOURCES_DIR / f"{slug}.txt" if slug else None


@dataclass(frozen=True)
class Sentence:
    """A sentence of a source text: its position and its collapsed words."""

    index: int
    start: int
    end: int
    text: str


def sentences(collapsed: str) -> list[Sentence]:
    """Split a collapsed text into sentences (and list items), keeping character spans."""
    found: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(collapsed):
        before = collapsed[start : match.start()]
        if any(before.endswith(abbreviation) for abbreviation in ABBREVIATIONS):
            continue
        if _LIST_NUMBER.fullmatch(before.strip()):
            continue  # "1." opens a list item; it belongs to the sentence after it
        if re.search(r"\w", before):  # a lone "-" bullet is not a sentence
            found.append(Sentence(len(found) + 1, start, match.start(), before.strip()))
        start = match.end()
    if re.search(r"\w", collapsed[start:]):
        found.append(Sentence(len(found) + 1, start, len(collapsed), collapsed[start:].strip()))
    return found


@dataclass(frozen=True)
class Quote:
    """One dikg:sourceQuote of a resource, with the documents the resource derives from."""

    resource: str
    quote: str
    documents: tuple[str, ...]


class QuoteProblemKind(Enum):
    """What is wrong with a quote; each kind is one check of ``checks.ttl``."""

    NO_SOURCE = "no prov:wasDerivedFrom"
    NO_STORED_TEXT = "no stored text"
    NOT_IN_SOURCE = "not in the source"


@dataclass(frozen=True)
class QuoteProblem:
    """A quote that cannot be found where it should be.

    Attributes:
        resource: the resource whose quote it is (an IRI or a blank-node label).
        quote: the quote.
        kind: what is wrong.
        detail: the files that should hold a text (``NO_STORED_TEXT``) or the documents
            searched (``NOT_IN_SOURCE``); '' for ``NO_SOURCE``.
    """

    resource: str
    quote: str
    kind: QuoteProblemKind
    detail: str = ""


def load_quotes(root: GraphRoot, store: ox.Store, resources: set[str] | None = None) -> list[Quote]:
    """All source quotes in the store (or only those of ``resources``)."""
    query = internal_query("source-quotes")
    grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in store.query(query, use_default_graph_as_union=True):
        resource = row["resource"]
        if not isinstance(resource, ox.NamedNode | ox.BlankNode):
            continue
        key = (resource.value, row["quote"].value)
        if resources is not None and key[0] not in resources:
            continue
        document = row["document"]
        grouped[key]  # a quote without a document still needs checking
        if document is not None:
            grouped[key].append(document.value)
    return [Quote(r, q, tuple(sorted(set(d)))) for (r, q), d in sorted(grouped.items())]


@dataclass
class SourceTexts:
    """Stored texts of documents, read once and kept collapsed."""

    root: GraphRoot
    _texts: dict[str, str | None] = field(default_factory=dict)

    def collapsed(self, document: str) -> str | None:
        """The collapsed text of a document, or None if dikg stores none."""
        if document not in self._texts:
            path = text_path(self.root, document)
            self._texts[document] = (
                collapse(read_text(path)) if path is not None and path.is_file() else None
            )
        return self._texts[document]


def check_quotes(root: GraphRoot, quotes: list[Quote]) -> list[QuoteProblem]:
    """Check that every quote occurs in the stored text of one of its documents."""
    texts = SourceTexts(root)
    problems = []
    for quote in quotes:
        if not quote.documents:
            problems.append(QuoteProblem(quote.resource, quote.quote, QuoteProblemKind.NO_SOURCE))
            continue
        stored = {d: texts.collapsed(d) for d in quote.documents}
        if all(text is None for text in stored.values()):
            where = ", ".join(
                str(text_path(root, d) or f"{d} (not a dikg document IRI)") for d in stored
            )
            problems.append(
                QuoteProblem(quote.resource, quote.quote, QuoteProblemKind.NO_STORED_TEXT, where)
            )
        elif not any(text and collapse(quote.quote) in text for text in stored.values()):
            documents = ", ".join(d for d, text in stored.items() if text is not None)
            problems.append(
                QuoteProblem(quote.resource, quote.quote, QuoteProblemKind.NOT_IN_SOURCE, documents)
            )
    return problems


def stored_documents(root: GraphRoot) -> set[str]:
    """The IRIs of the documents whose text is stored in data/sources/."""
    folder = root.data / SOURCES_DIR
    if not folder.is_dir():
        return set()
    return {DOCUMENT_BASE + path.stem for path in folder.glob("*.txt")}
