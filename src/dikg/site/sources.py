"""The source texts as pages: every sentence with an anchor and the resources that quote it.

This is ``dikg coverage`` for people: the sentences and their coverage come from
:func:`dikg.validate.coverage.coverage` (which splits with
:func:`dikg.validate.grounding.sentences`), so the page and the command always agree. Each
sentence gets the anchor ``s-{n}``, ``n`` its position in the document (1 for the first), the
number ``dikg coverage`` shows in brackets; an anchor stays put as long as the text before it
does.

:class:`QuoteLocator` answers the other way round, for a resource page: given a document and a
quote, the sentence where the quote begins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from dikg.queries.backend import EmbeddedBackend
from dikg.queries.labels import Labeller
from dikg.root import GraphRoot
from dikg.site.paths import LANGUAGES, page_path, source_page_path
from dikg.site.templates import render
from dikg.validate.coverage import coverage
from dikg.validate.grounding import (
    Quote,
    SourceTexts,
    collapse,
    load_quotes,
    sentences,
    stored_documents,
)


def anchor(index: int) -> str:
    """The id of the ``index``-th sentence (counting from 1) on a source page: ``s-12``."""
    return f"s-{index}"


@dataclass(frozen=True)
class SourceSentence:
    """One sentence of a source text as its page shows it.

    Attributes:
        index: its position in the document, from 1 (``dikg coverage``'s number).
        text: its words, whitespace collapsed.
        resources: the IRIs of the resources whose quotes overlap it, sorted; empty when none
            does (an uncovered sentence).
    """

    index: int
    text: str
    resources: tuple[str, ...]

    @property
    def anchor(self) -> str:
        """Its id on the page."""
        return anchor(self.index)


@dataclass(frozen=True)
class SourceText:
    """A stored source text, sentence by sentence."""

    document: str
    sentences: tuple[SourceSentence, ...]

    @property
    def uncovered(self) -> int:
        """How many sentences no resource quotes."""
        return sum(1 for sentence in self.sentences if not sentence.resources)

    def path(self, lang: str) -> str:
        """The page's path in the site."""
        path = source_page_path(self.document, lang)
        if path is None:  # stored texts are named by dikg document IRIs only
            raise ValueError(f"{self.document} is not a dikg document IRI")
        return path


def source_texts(root: GraphRoot, quotes: list[Quote]) -> list[SourceText]:
    """Every document whose text is stored in data/sources/, with each sentence's coverage.

    Args:
        root: the graph root (its data/sources/).
        quotes: every source quote of the graph (:func:`dikg.validate.grounding.load_quotes`).

    Returns:
        The texts in IRI order; documents whose IRI has no source page are left out.
    """
    stored = stored_documents(root)
    report = coverage(root, quotes)
    return [
        SourceText(
            document,
            tuple(SourceSentence(c.sentence.index, c.sentence.text, c.resources) for c in covered),
        )
        for document, covered in sorted(report.items())
        if document in stored and source_page_path(document) is not None
    ]


class QuoteLocator:
    """Finds the sentence of a source page where a quote begins.

    Quotes are matched as :mod:`dikg.validate.grounding` checks them: whitespace collapsed,
    nothing else normalised; a quote found several times links to its first place.

    Args:
        root: the graph root whose stored texts are searched.
    """

    def __init__(self, root: GraphRoot) -> None:
        self._texts = SourceTexts(root)
        self._sentences: dict[str, list] = {}

    def sentence(self, document: str, quote: str) -> int | None:
        """The index of the sentence where ``quote`` begins in ``document``'s text, or None."""
        text = self._texts.collapsed(document)
        needle = collapse(quote)
        if text is None or not needle or source_page_path(document) is None:
            return None
        at = text.find(needle)
        if at < 0:
            return None
        if document not in self._sentences:
            self._sentences[document] = sentences(text)
        # the first sentence the quote overlaps, as dikg coverage counts overlap
        return next((s.index for s in self._sentences[document] if s.end > at), None)

    def link(self, document: str, quote: str, lang: str = "en") -> str | None:
        """The site path of the sentence, with its anchor: ``sources/x.html#s-12``, or None.

        Args:
            document: the document IRI the quote's resource derives from.
            quote: the quote (a ``dikg:sourceQuote``'s text).
            lang: the language of the page linked to.
        """
        index = self.sentence(document, quote)
        path = source_page_path(document, lang)
        return None if index is None or path is None else f"{path}#{anchor(index)}"

    def first_link(self, documents: Iterable[str], quote: str, lang: str = "en") -> str | None:
        """:meth:`link` for the first of several documents (in IRI order) that holds the quote."""
        for document in sorted(documents):
            found = self.link(document, quote, lang)
            if found is not None:
                return found
        return None


@dataclass(frozen=True)
class ResourceLink:
    """A resource a sentence links to: its label and its page (None: no page in the site)."""

    label: str
    page: str | None


def resource_links(
    sentence: SourceSentence, label: Callable[[str], str], lang: str
) -> list[ResourceLink]:
    """The resources quoting a sentence as (label, page) pairs, in the sentence's order."""
    return [ResourceLink(label(iri), page_path(iri, lang)) for iri in sentence.resources]


@dataclass(frozen=True)
class ShownSentence:
    """A sentence as the template shows it: anchor, words, and the resources quoting it."""

    anchor: str
    text: str
    links: list[ResourceLink]


def render_source_page(text: SourceText, lang: str, labeller: Labeller) -> bytes:
    """The page of one source text in ``lang`` (``templates/source.html.j2``)."""
    label = labeller.label
    shown = [
        ShownSentence(s.anchor, s.text, resource_links(s, lambda iri: label(iri) or iri, lang))
        for s in text.sentences
    ]
    other = next(other for other in LANGUAGES if other != lang)
    return render(
        "source.html.j2",
        page=text.path(lang),
        lang=lang,
        title=label(text.document) or text.document,
        alternate=text.path(other),
        sources=f"data/sources/{text.path('en').removeprefix('sources/').removesuffix('.html')}.txt",
        sentences=shown,
        uncovered=text.uncovered,
        document_page=page_path(text.document, lang),
    )


def source_pages(root: GraphRoot, store: ox.Store) -> dict[str, bytes]:
    """Every source text's page in every language: site path → HTML.

    Args:
        root: the graph root (its stored texts).
        store: the graph (its quotes and labels).
    """
    texts = source_texts(root, load_quotes(root, store))
    backend = EmbeddedBackend(store)
    pages = {}
    for lang in LANGUAGES:
        labeller = Labeller(backend, lang, {})
        labeller.load(
            [t.document for t in texts]
            + [r for t in texts for s in t.sentences for r in s.resources]
        )
        for text in texts:
            pages[text.path(lang)] = render_source_page(text, lang, labeller)
    return pages


def source_index(root: GraphRoot, store: ox.Store) -> list[tuple[str, dict[str, str]]]:
    """The source pages for a list of them: (English page, the document's label per language)."""
    texts = source_texts(root, load_quotes(root, store))
    backend = EmbeddedBackend(store)
    labellers = {lang: Labeller(backend, lang, {}) for lang in LANGUAGES}
    return [
        (
            text.path("en"),
            {lang: labellers[lang].label(text.document) or text.document for lang in LANGUAGES},
        )
        for text in texts
    ]
