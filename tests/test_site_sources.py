"""The source texts as pages (dikg.site.sources): sentence anchors, quote links, coverage."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dikg.graph.store import load_store
from dikg.root import resolve_root
from dikg.site.sources import QuoteLocator, source_pages
from dikg.validate.grounding import load_quotes, text_path
from tests.conftest import FIXTURES, REPO, run_dikg

DOC = "https://w3id.org/dikg/id/document/voorbeeld"
PAGE = "sources/voorbeeld.html"


class Items(HTMLParser):
    """The <li> items of a source page: id, class, text, links; and the <ol>'s lang."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[dict] = []
        self.ol_lang: str | None = None
        self.html_lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        elif tag == "ol" and "source-text" in (attributes.get("class") or ""):
            self.ol_lang = attributes.get("lang")
        elif tag == "li" and (attributes.get("id") or "").startswith("s-"):
            self.items.append(
                {"id": attributes["id"], "class": attributes.get("class"), "text": "", "links": []}
            )
        elif tag == "a" and self.items:
            self.items[-1]["links"].append(attributes.get("href"))

    def handle_data(self, data: str) -> None:
        if self.items:
            self.items[-1]["text"] += data


def parse(page: bytes) -> Items:
    parser = Items()
    parser.feed(page.decode("utf-8"))
    return parser


@pytest.fixture
def grounding_root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "grounding-root", root)
    return root


def pages_of(root: Path) -> dict[str, bytes]:
    graph_root = resolve_root(root)
    return source_pages(graph_root, load_store(graph_root))


def test_a_known_quote_links_to_the_sentence_it_begins_in(grounding_root: Path) -> None:
    locator = QuoteLocator(resolve_root(grounding_root))
    assert locator.link(DOC, "Aanboren van andere wervingskanalen") == f"{PAGE}#s-3"
    assert locator.link(DOC, "Aanboren van andere wervingskanalen", "nl") == (
        "sources/voorbeeld.nl.html#s-3"
    )
    # across a line break of the source, and across two sentences: the first one
    assert locator.link(DOC, "instroom van\n  biculturele medewerkers") == f"{PAGE}#s-1"
    assert locator.link(DOC, "vooroordelen.Aanboren van") == f"{PAGE}#s-2"
    assert locator.link(DOC, "Een mentorprogramma (o.a. voor trainees).") == f"{PAGE}#s-5"


@pytest.mark.parametrize(
    ("document", "quote"),
    [
        (DOC, "de instroom van biculturele medewerkers verhogen"),  # not in the text
        (DOC, "   "),
        ("https://w3id.org/dikg/id/document/kamerbrief", "Het ministerie wil"),  # no text
        ("https://example.org/document/voorbeeld", "Het ministerie wil"),  # not a dikg IRI
    ],
)
def test_a_quote_that_is_not_in_a_stored_text_has_no_link(
    grounding_root: Path, document: str, quote: str
) -> None:
    assert QuoteLocator(resolve_root(grounding_root)).link(document, quote) is None


def test_the_page_has_one_item_per_sentence_with_its_quoting_resources(
    grounding_root: Path,
) -> None:
    pages = pages_of(grounding_root)
    assert sorted(pages) == [PAGE, "sources/voorbeeld.nl.html"]
    page = parse(pages[PAGE])
    assert page.html_lang == "en"
    assert page.ol_lang == "nl"  # the text is Dutch on the English page too
    assert [item["id"] for item in page.items] == [f"s-{n}" for n in range(1, 7)]
    links = {item["id"]: item["links"] for item in page.items}
    assert links["s-1"] == ["../id/measure/instroom.html"]
    assert links["s-3"] == ["../id/measure/werving.html"]
    assert links["s-4"] == links["s-6"] == []
    uncovered = {item["id"] for item in page.items if item["class"] == "uncovered"}
    assert uncovered == {"s-4", "s-6"}
    # marked in words, not by colour alone
    for item in page.items:
        assert ("Not quoted" in item["text"]) == (item["id"] in uncovered)
    dutch = parse(pages["sources/voorbeeld.nl.html"])
    assert dutch.html_lang == "nl"
    assert {i["id"]: i["links"] for i in dutch.items}["s-3"] == ["../id/measure/werving.nl.html"]
    assert "Niet geciteerd" in {i["id"]: i["text"] for i in dutch.items}["s-6"]


def test_labels_and_text_are_escaped(grounding_root: Path) -> None:
    data = grounding_root / "data" / "grounding.ttl"
    data.write_text(
        data.read_text(encoding="utf-8")
        + 'm:werving rdfs:label "<script>alert(1)</script>"@en .\n',
        encoding="utf-8",
    )
    source = grounding_root / "data" / "sources" / "voorbeeld.txt"
    source.write_text(source.read_text(encoding="utf-8") + " Een <b>vet</b> & zo.", "utf-8")
    page = pages_of(grounding_root)[PAGE].decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</a>" in page
    assert "Een &lt;b&gt;vet&lt;/b&gt; &amp; zo." in page
    assert "<script>" not in page and "<b>" not in page


@pytest.fixture(scope="module")
def repo_pages() -> dict[str, bytes]:
    return pages_of(REPO)


def test_every_quote_in_the_graph_links_to_an_anchor_on_its_source_page(
    repo_pages: dict[str, bytes],
) -> None:
    root = resolve_root(REPO)
    locator = QuoteLocator(root)
    quotes = [
        q
        for q in load_quotes(root, load_store(root))
        if any(text_path(root, d) and text_path(root, d).is_file() for d in q.documents)
    ]
    assert len(quotes) > 100
    for quote in quotes:
        for lang in ("en", "nl"):
            link = locator.first_link(quote.documents, quote.quote, lang)
            assert link is not None, (quote.resource, quote.quote)
            path, anchor = link.split("#")
            page = parse(repo_pages[path])
            item = next(i for i in page.items if i["id"] == anchor)
            # the sentence the quote begins in names the quoting resource
            suffix = ".html" if lang == "en" else ".nl.html"
            own_page = "../" + quote.resource.removeprefix("https://w3id.org/dikg/") + suffix
            assert own_page in item["links"], (quote.resource, link)


def test_uncovered_sentences_are_those_dikg_coverage_reports(
    repo_pages: dict[str, bytes],
) -> None:
    result = run_dikg("--root", REPO, "coverage")
    assert result.returncode == 0, result.stderr
    reported = {
        m["document"].removeprefix("https://w3id.org/dikg/id/document/"): (
            int(m["sentences"]),
            int(m["uncovered"]),
        )
        for m in re.finditer(
            r"^(?P<document>\S+): (?P<sentences>\d+) sentences, (?P<uncovered>\d+) quoted by no",
            result.stdout,
            re.MULTILINE,
        )
    }
    assert reported
    for slug, (sentences, uncovered) in reported.items():
        for suffix in (".html", ".nl.html"):
            page = parse(repo_pages[f"sources/{slug}{suffix}"])
            assert len(page.items) == sentences
            assert sum(1 for i in page.items if i["class"] == "uncovered") == uncovered
