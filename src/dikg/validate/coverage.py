"""``dikg coverage``: which sentences of each source are quoted by which resources."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass

from dikg.root import GraphRoot
from dikg.terms import ID_BASE
from dikg.validate.grounding import (
    Quote,
    Sentence,
    SourceTexts,
    collapse,
    sentences,
    stored_documents,
)


@dataclass(frozen=True)
class SentenceCoverage:
    """A sentence of a source and the resources whose quotes overlap it."""

    sentence: Sentence
    resources: tuple[str, ...]


def coverage(root: GraphRoot, quotes: list[Quote]) -> dict[str, list[SentenceCoverage]]:
    """For every document with a stored text: each sentence and the resources quoting it.

    A quote covers every sentence its span overlaps; a quote found several times covers
    each place.
    """
    texts = SourceTexts(root)
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for quote in quotes:
        needle = collapse(quote.quote)
        for document in quote.documents:
            text = texts.collapsed(document)
            if text is None or not needle:
                continue
            for match in re.finditer(re.escape(needle), text):
                spans[document].append((match.start(), match.end(), quote.resource))
    documents = sorted(set(spans) | stored_documents(root))
    report = {}
    for document in documents:
        text = texts.collapsed(document) or ""
        report[document] = [
            SentenceCoverage(
                sentence,
                tuple(
                    sorted(
                        {
                            r
                            for s, e, r in spans[document]
                            if s < sentence.end and e > sentence.start
                        }
                    )
                ),
            )
            for sentence in sentences(text)
        ]
    return report


def render_coverage(
    report: dict[str, list[SentenceCoverage]], fmt: str, *, uncovered: bool = False
) -> str:
    """``dikg coverage`` output: per document, its sentences and the resources quoting them.

    Args:
        report: what :func:`coverage` returns.
        fmt: ``text`` or ``json``.
        uncovered: list only the sentences no resource quotes.
    """
    if fmt == "json":
        listing = {
            document: [
                {"sentence": c.sentence.index, "text": c.sentence.text, "resources": c.resources}
                for c in covered
                if not (uncovered and c.resources)
            ]
            for document, covered in report.items()
        }
        return json.dumps(listing, indent=2, ensure_ascii=False) + "\n"
    lines = []
    for document, covered in report.items():
        missing = sum(1 for c in covered if not c.resources)
        lines.append(f"{document}: {len(covered)} sentences, {missing} quoted by no resource")
        for c in covered:
            if uncovered and c.resources:
                continue
            names = ", ".join(short_iri(r) for r in c.resources) or "-- not quoted --"
            lines.append(f"  [{c.sentence.index}] {c.sentence.text}")
            lines.append(f"        {names}")
    return "".join(line + "\n" for line in lines)


def short_iri(iri: str) -> str:
    """Drop the dikg instance namespace from an IRI for display."""
    return iri.removeprefix(ID_BASE)
