"""``dikg docs``: HTML pages generated from the Turtle of tests/fixtures/docs-root."""

from __future__ import annotations

import re
import shutil
import socket
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

from dikg import site as site_package
from dikg.errors import InputError
from dikg.root import resolve_root
from dikg.site.docs.site import build_docs
from tests.conftest import FIXTURES, REPO, run_dikg

ONTOLOGY_TTL = Path("ontology/docs.ttl")
SCHEME_TTL = Path("data/vocabularies/target-groups.ttl")
EXTRA = FIXTURES / "docs-extra"  # Turtle files that some tests add to the fixture root
PAGES = [
    "def.html",
    "def.nl.html",
    "def.ttl",
    "id/scheme/target-groups.html",
    "id/scheme/target-groups.nl.html",
    "id/scheme/target-groups.ttl",
    "index.html",
    "index.nl.html",
    "style.css",
]


class Page(HTMLParser):
    """The text, element ids, links and per-id text of one HTML page."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.text: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self._open: list[tuple[str, str | None]] = []
        self.by_id: dict[str, list[str]] = {}
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
            self.by_id[attributes["id"]] = []
        for name in ("href", "src"):
            if attributes.get(name):
                self.links.append(attributes[name])
        if tag not in ("meta", "link", "br", "img"):
            self._open.append((tag, attributes.get("id")))

    def handle_endtag(self, tag):
        while self._open:
            open_tag, _ = self._open.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        self.text.append(data)
        for _, element_id in self._open:
            if element_id:
                self.by_id[element_id].append(data)

    @property
    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())

    def text_of(self, element_id: str) -> str:
        return " ".join(" ".join(self.by_id[element_id]).split())


@pytest.fixture
def docs_root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "docs-root", root)
    return root


@pytest.fixture
def site(docs_root: Path, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    build_docs(resolve_root(docs_root), out)
    return out


def _labels(path: Path, predicate) -> dict[str, list[str]]:
    """Subject IRI -> its labels (all languages), read from the fixture Turtle."""
    graph = Graph().parse(path)
    found: dict[str, list[str]] = {}
    for subject, label in graph.subject_objects(predicate):
        found.setdefault(str(subject), []).append(str(label))
    return found


def test_writes_every_page(site: Path) -> None:
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) == PAGES


def test_turtle_downloads_are_the_source_files(docs_root: Path, site: Path) -> None:
    assert (site / "def.ttl").read_bytes() == (docs_root / ONTOLOGY_TTL).read_bytes()
    scheme_ttl = site / "id" / "scheme" / "target-groups.ttl"
    assert scheme_ttl.read_bytes() == (docs_root / SCHEME_TTL).read_bytes()


def test_every_class_and_property_label_in_both_languages_on_the_ontology_page(
    docs_root: Path, site: Path
) -> None:
    graph = Graph().parse(docs_root / ONTOLOGY_TTL)
    terms = {
        s
        for kind in (OWL.Class, OWL.ObjectProperty)
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef)  # not the blank node of the union
    }
    assert len(terms) == 3
    page = Page(site / "def.html")
    for term in terms:
        anchor = str(term).split("#")[-1]
        heading = page.text_of(anchor)
        labels = [str(label) for label in graph.objects(term, RDFS.label)]
        assert len(labels) == 2  # nl and en
        for label in labels:
            assert label in heading, f"{label!r} missing from the heading of {term}"
        for definition in graph.objects(term, SKOS.definition):
            assert str(definition) in page.all_text


def test_every_concept_label_on_the_vocabulary_page_and_not_elsewhere(
    docs_root: Path, site: Path
) -> None:
    labels = _labels(docs_root / SCHEME_TTL, SKOS.prefLabel)
    vocabulary = Page(site / "id" / "scheme" / "target-groups.html")
    ontology = Page(site / "def.html")
    concepts = [iri for iri in labels if "/target-group/" in iri]
    assert len(concepts) == 3
    for concept in concepts:
        heading = vocabulary.text_of(concept.rsplit("/", 1)[-1])
        for label in labels[concept]:
            assert label in heading, f"{label!r} missing from the heading of {concept}"
            assert label not in ontology.all_text
    alt_labels = _labels(docs_root / SCHEME_TTL, SKOS.altLabel)
    assert alt_labels
    for concept, alts in alt_labels.items():
        for alt in alts:
            assert alt in vocabulary.text_of(concept.rsplit("/", 1)[-1])


def test_hierarchy_puts_the_narrower_concept_under_its_broader(site: Path) -> None:
    page = Page(site / "id" / "scheme" / "target-groups.html")
    html = (site / "id" / "scheme" / "target-groups.html").read_text(encoding="utf-8")
    tree = html.split('<div class="hierarchy">', 1)[1].split("</div>", 1)[0]
    lgbti = tree.index('href="#lgbti"')
    nested = tree.index("<ul>", lgbti)
    assert tree.index('href="#transgender-persons"') > nested
    assert tree.index('href="#transgender-persons"') < tree.index('href="#women"')
    assert "LGBTI people" in page.text_of("transgender-persons")  # the broader row


def test_union_domain_keeps_the_list_order(site: Path) -> None:
    page = Page(site / "def.html")
    assert "domain measure or policy aim" in page.text_of("implements")


def test_index_names_title_version_and_license_and_its_links_resolve(site: Path) -> None:
    index = Page(site / "index.html")
    assert "Tiny ontology for tests" in index.all_text
    assert "Tiny-ontologie voor tests" in index.all_text
    assert "9.8.7" in index.all_text
    assert "http://creativecommons.org/publicdomain/zero/1.0/" in index.links
    local = [link for link in index.links if not urlsplit(link).scheme]
    for target in ("def.html", "def.ttl", "id/scheme/target-groups.html"):
        assert target in local
    assert "id/scheme/target-groups.ttl" in local
    assert "index.nl.html" in local  # the language switch


def _check_links(site: Path) -> int:
    """Assert that every local link and fragment of the site resolves; count them."""
    pages = {p: Page(p) for p in site.rglob("*.html")}
    checked = 0
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme:
                continue
            target = (path.parent / parts.path).resolve() if parts.path else path
            assert target.is_file(), f"{path.name}: {link} points nowhere"
            if parts.fragment:
                assert parts.fragment in pages[target].ids, f"{path.name}: {link} has no target"
            checked += 1
    return checked


def test_every_local_link_and_fragment_resolves(site: Path) -> None:
    assert _check_links(site) > 20


def test_the_repository_documents_itself_with_working_links(tmp_path: Path) -> None:
    if not any((REPO / "ontology").glob("*.ttl")):
        pytest.skip("the repository has no ontology yet")
    result = build_docs(resolve_root(REPO), tmp_path / "site")
    assert result.classes > 0 and result.properties > 0
    assert _check_links(tmp_path / "site") > 100


def test_two_runs_are_byte_identical_whatever_the_hash_seed(docs_root: Path, tmp_path: Path):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"site-{seed}"
        result = run_dikg("--root", docs_root, "docs", "--out", out, env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        outputs.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert outputs[0] == outputs[1]
    assert sorted(p.as_posix() for p in outputs[0]) == PAGES


def test_cli_lists_the_files_on_stdout_and_a_summary_on_stderr(docs_root: Path, tmp_path: Path):
    out = tmp_path / "site"
    result = run_dikg("--root", docs_root, "docs", "--out", out)
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.split()) == sorted(str(out / page) for page in PAGES)
    assert "2 classes, 1 properties and 1 vocabularies (3 concepts)" in result.stderr


def test_turtle_syntax_error_names_file_and_line(docs_root: Path, tmp_path: Path) -> None:
    bad = docs_root / SCHEME_TTL
    lines = bad.read_text(encoding="utf-8").splitlines()
    # right after the prefixes: rdflib miscounts lines after multi-line lists of literals
    number = next(i for i, line in enumerate(lines, 1) if not line.startswith(("#", "@")))
    lines.insert(number - 1, "tg:broken skos:prefLabel .")  # a triple without an object
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "site"
    result = run_dikg("--root", docs_root, "docs", "--out", out)
    assert result.returncode == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"dikg: error: {bad}:{number}: Turtle syntax error:"), first
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_root_without_an_ontology_is_exit_2(docs_root: Path, tmp_path: Path) -> None:
    (docs_root / ONTOLOGY_TTL).unlink()
    result = run_dikg("--root", docs_root, "docs", "--out", tmp_path / "site")
    assert result.returncode == 2
    assert result.stderr.startswith("dikg: error: no Turtle files in ")


def test_no_network_access(docs_root: Path, tmp_path: Path, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("dikg docs opened a socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    build_docs(resolve_root(docs_root), tmp_path / "site")


def test_a_removed_scheme_loses_its_page(docs_root: Path, site: Path) -> None:
    (site / "id" / "scheme" / "old-scheme.html").write_text("stale", encoding="utf-8")
    (site / "id" / "scheme" / "notes.txt").write_text("not ours", encoding="utf-8")
    build_docs(resolve_root(docs_root), site)
    assert not (site / "id" / "scheme" / "old-scheme.html").exists()
    assert (site / "id" / "scheme" / "notes.txt").exists()


def test_a_file_with_two_schemes_gives_two_pages(docs_root: Path, tmp_path: Path) -> None:
    shutil.copy(EXTRA / "two-schemes.ttl", docs_root / "data" / "vocabularies" / "two.ttl")
    out = tmp_path / "site"
    result = build_docs(resolve_root(docs_root), out)
    assert result.schemes == {"colours": 2, "shapes": 2, "target-groups": 3}
    shapes = Page(out / "id" / "scheme" / "shapes.html")
    assert {"concepts", "concepts-2"} <= shapes.ids  # the section, and the concept
    _check_links(out)
    colours = Graph().parse(out / "id" / "scheme" / "colours.ttl")
    assert len(set(colours.subjects(RDF.type, SKOS.Concept))) == 2
    assert len(set(colours.subjects(RDF.type, SKOS.ConceptScheme))) == 1


def test_two_schemes_with_one_slug_are_refused(docs_root: Path, tmp_path: Path) -> None:
    shutil.copy(EXTRA / "slug-clash.ttl", docs_root / "data" / "vocabularies" / "clash.ttl")
    with pytest.raises(InputError, match=r"share the page target-groups\.html"):
        build_docs(resolve_root(docs_root), tmp_path / "site")


class Elements(HTMLParser):
    """Every element of a page, with its attributes."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def test_markup_in_labels_and_iris_shows_as_text(docs_root: Path, tmp_path: Path) -> None:
    shutil.copy(EXTRA / "markup.ttl", docs_root / "data" / "vocabularies" / "markup.ttl")
    out = tmp_path / "site"
    build_docs(resolve_root(docs_root), out)
    for name in ("index.html", "id/scheme/markup.html"):
        tags = {tag for tag, _ in Elements(out / name).elements}
        assert not tags & {"script", "img", "b"}, name
    page = Page(out / "id" / "scheme" / "markup.html")
    for text in (
        "<script>alert(1)</script>",
        'it\'s "quoted"',
        '<b>Markup</b> & "quotes"',
        "<img src=x onerror=alert(1)> & see",
        "x < y > z",
    ):
        assert text in page.all_text
    assert '<b>Markup</b> & "quotes"' in Page(out / "index.html").all_text
    links = {a.get("href") for tag, a in Elements(out / "id" / "scheme" / "markup.html").elements}
    assert {"https://example.org/o'neil?a=1&b=2", "https://example.org/a?b=1&c=2"} <= links
    _check_links(out)


def test_templates_escape_every_attribute_value_for_quotes() -> None:
    # element text escapes & < > only; an attribute value in double quotes needs `attribute`
    assets = Path(site_package.__file__).parent / "templates"
    templates = sorted(assets.glob("*.j2"))
    assert len(templates) >= 5
    for template in templates:
        text = template.read_text(encoding="utf-8")
        for value in re.findall(r'="[^"]*?\{\{(.*?)\}\}', text):
            assert value.strip().endswith("|attribute"), f"{template.name}: {{{{{value}}}}}"


def test_every_page_has_a_dutch_twin_in_dutch(site: Path) -> None:
    english = Page(site / "def.html")
    dutch = Page(site / "def.nl.html")
    html = (site / "def.nl.html").read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert english.ids == dutch.ids  # the same anchors: def.nl.html#Term
    assert "<th>definitie</th>" in html and "<th>definition</th>" not in html
    assert 'class="kind">klasse<' in html
    assert '<link rel="alternate" hreflang="en" href="def.html">' in html
    scheme = (site / "id" / "scheme" / "target-groups.nl.html").read_text(encoding="utf-8")
    assert '<h2 id="hierarchy">Begrippenhiërarchie</h2>' in scheme
    assert '<a href="../../def.nl.html" aria-current="page">' not in scheme
    assert '<a href="../../def.nl.html">Ontologie</a>' in scheme
