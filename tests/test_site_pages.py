"""The linked-data site of `dikg publish` (issue 13): links, RDF beside each page, languages.

The repository's graph is published once per run (the `published` fixture of conftest.py);
the RDF files are compared with the resource's description computed here independently,
with rdflib, from the dump.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.compare import isomorphic

from dikg.graph.loaded import load_graph
from dikg.rdf.canonical import canonical_turtle
from dikg.root import resolve_root
from dikg.site.describe import Descriptions, script_json, turtle
from dikg.site.paths import LANGUAGES, page_path, rdf_path
from dikg.site.templates import messages
from dikg.site.write import resource_iris as resource_iris_of
from dikg.site.write import write_site
from tests.conftest import REPO

BASE_URL = "https://w3id.org/dikg/"
MEASURE = "https://w3id.org/dikg/id/measure/rijk-banenafspraak-begeleidingsstructuur"
POLICY = "https://w3id.org/dikg/id/policy/rijk-diversiteit-inclusie"


class Page(HTMLParser):
    """The ids, links, text, alternates and JSON-LD scripts of one HTML page."""

    def __init__(self, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.alternates: list[dict] = []
        self.scripts: list[tuple[str | None, str]] = []
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.lang = None
        self._script: str | None = None
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "html":
            self.lang = attributes.get("lang")
        if "id" in attributes:
            self.ids.add(attributes["id"])
        for name in ("href", "src"):
            if attributes.get(name):
                self.links.append(attributes[name])
        if tag == "link" and attributes.get("rel") == "alternate":
            self.alternates.append(attributes)
        if tag == "script":
            self._script = attributes.get("type")
            self.scripts.append((self._script, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)
        else:
            self.text.append(data)

    @property
    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


@cache
def page(path: Path) -> Page:
    return Page(path)


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.fixture(scope="module")
def graph(published: Path) -> Graph:
    """The published dump, read with rdflib."""
    return Graph().parse(published / "download" / "dikg.nt", format="nt")


def cbd(graph: Graph, iri: str) -> Graph:
    """The Concise Bounded Description of ``iri``, computed here with rdflib."""
    found = Graph()
    todo, done = [URIRef(iri)], set()
    while todo:
        node = todo.pop()
        if node in done:
            continue
        done.add(node)
        for p, o in graph.predicate_objects(node):
            found.add((node, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    return found


def resource_iris(site: Path) -> list[str]:
    return sorted(
        BASE_URL + p.relative_to(site).as_posix().removesuffix(".ttl")
        for p in (site / "id").rglob("*.ttl")
    )


def test_every_internal_link_and_fragment_resolves(published: Path) -> None:
    checked = 0
    for path in html_files(published):
        for link in page(path).links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue
            target = (path.parent / parts.path).resolve() if parts.path else path
            assert target.is_file(), f"{path.relative_to(published)}: {link} points nowhere"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in page(target).ids, f"{path}: {link} has no target"
            checked += 1
    assert checked > 10_000


def test_every_resource_has_both_pages_and_its_rdf(published: Path, graph: Graph) -> None:
    subjects = {str(s) for s in graph.subjects() if isinstance(s, URIRef)}
    ours = sorted(s for s in subjects if s.startswith(BASE_URL + "id/"))
    assert len(ours) > 300
    for iri in ours:
        for lang in LANGUAGES:
            assert (published / page_path(iri, lang)).is_file(), iri
        for fmt in ("ttl", "jsonld"):
            assert (published / rdf_path(iri, fmt)).is_file(), iri
    assert resource_iris(published) == ours


def test_every_ttl_and_jsonld_is_the_resources_cbd(published: Path, graph: Graph) -> None:
    for iri in resource_iris(published):
        expected = cbd(graph, iri)
        assert len(expected) > 0, iri
        turtle = Graph().parse(published / rdf_path(iri, "ttl"), format="turtle")
        assert isomorphic(turtle, expected), iri
        document = json.loads((published / rdf_path(iri, "jsonld")).read_text(encoding="utf-8"))
        assert isinstance(document["@context"], dict), f"{iri}: a remote or shared context"
        jsonld = Graph().parse(data=json.dumps(document), format="json-ld")
        assert isomorphic(jsonld, expected), iri


def test_the_ontology_rdf_is_the_ontology(published: Path) -> None:
    ontology = Graph().parse(REPO / "ontology" / "dikg.ttl")
    assert isomorphic(Graph().parse(published / "def.ttl"), ontology)
    document = json.loads((published / "def.jsonld").read_text(encoding="utf-8"))
    assert isinstance(document["@context"], dict)
    assert isomorphic(Graph().parse(data=json.dumps(document), format="json-ld"), ontology)


def test_embedded_json_ld_equals_the_file_beside_the_page(published: Path) -> None:
    for iri in resource_iris(published):
        on_disk = json.loads((published / rdf_path(iri, "jsonld")).read_text(encoding="utf-8"))
        for lang in LANGUAGES:
            scripts = page(published / page_path(iri, lang)).scripts
            assert [kind for kind, _ in scripts] == ["application/ld+json"], iri
            assert json.loads(scripts[0][1]) == on_disk, iri


def test_both_languages_name_themselves_and_link_to_each_other(published: Path) -> None:
    pages = [p for p in html_files(published) if not p.name.endswith(".nl.html")]
    assert len(pages) > 350
    for english in pages:
        dutch = english.with_name(english.name.removesuffix(".html") + ".nl.html")
        assert dutch.is_file(), english
        for path, lang, other in ((english, "en", dutch), (dutch, "nl", english)):
            shown = page(path)
            assert shown.lang == lang, path
            [alternate] = shown.alternates
            assert alternate["hreflang"] == ("nl" if lang == "en" else "en"), path
            assert (path.parent / alternate["href"]).resolve() == other.resolve(), path
            assert alternate["href"] in shown.links[1:], path  # the visible language switch


def test_sitemap_lists_every_page_absolute_and_sorted(published: Path) -> None:
    tree = ET.parse(published / "sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = [loc.text for loc in tree.getroot().findall("s:url/s:loc", namespace)]
    pages = [BASE_URL + p.relative_to(published).as_posix() for p in html_files(published)]
    assert urls == sorted(urls)
    assert set(urls) == set(pages)
    assert not tree.getroot().findall("s:url/s:lastmod", namespace)


def test_ui_words_exist_in_every_language() -> None:
    words = dict(messages())  # a copy: the cached table must stay whole
    terms = words.pop("terms")
    for key, texts in [*words.items(), *terms.items()]:
        assert set(texts) == set(LANGUAGES), key
        assert all(texts.values()), key


# ----- one real measure, exactly -----------------------------------------------------------


def test_the_measure_page_shows_label_values_quotes_and_its_rdf(published: Path) -> None:
    english = page(published / page_path(MEASURE))
    dutch = page(published / page_path(MEASURE, "nl"))
    html = (published / page_path(MEASURE)).read_text(encoding="utf-8")
    assert "<h1>Adequate supervision structure for the Banenafspraak target group</h1>" in html
    nl_html = (published / page_path(MEASURE, "nl")).read_text(encoding="utf-8")
    assert "<h1>Adequate begeleidingsstructuur voor de doelgroep Banenafspraak</h1>" in nl_html
    # a property and its value, linked to the ontology and to the value's page
    assert (
        '<th scope="row"><a href="../../def.html#status" title="https://w3id.org/dikg/def#status">'
        'status</a></th><td><a href="../../id/status/agreed.html" '
        'title="https://w3id.org/dikg/id/status/agreed">agreed</a></td>'
    ) in html
    assert '<span title="xsd:gYear">2023</span>' in html
    assert "../../id/status/agreed.nl.html" in dutch.links
    # the quotes, in Dutch, with the document they come from
    assert (
        '<blockquote lang="nl"><p>Ook is in 2023 een hernieuwde focus afgesproken met aanvullende'
        " inzet op het inrichten van een adequate begeleidingsstructuur</p></blockquote>"
    ) in html
    assert "../../id/document/bijlage-maatregelen-diversiteit-inclusiebeleid-rijk.html" in (
        english.links
    )
    # each quote links to the sentence of the source text it comes from
    source = "sources/bijlage-maatregelen-diversiteit-inclusiebeleid-rijk.html"
    assert f'<a href="../../{source}#s-25">in the source text</a>' in html
    assert f'<a href="../../{source.replace(".html", ".nl.html")}#s-25">in de brontekst</a>' in (
        nl_html
    )
    sentence = (published / source).read_text(encoding="utf-8").split('<li id="s-25">', 1)[1]
    assert sentence.split("</li>", 1)[0].count(
        "Ook is in 2023 een hernieuwde focus afgesproken met aanvullende inzet"
    )
    # the blank node of the target-group basis, shown in place
    assert "De rijksbrede aanpak voor de doelgroep Banenafpraak" in english.all_text
    for suffix in ("ttl", "jsonld"):
        assert f"../../id/measure/rijk-banenafspraak-begeleidingsstructuur.{suffix}" in (
            english.links
        )


def test_the_measure_is_an_incoming_link_of_its_policy(published: Path) -> None:
    html = (published / page_path(POLICY)).read_text(encoding="utf-8")
    incoming = html.split('<h2 id="incoming">', 1)[1]
    assert (
        '<tr><td><a href="../../id/measure/rijk-banenafspraak-begeleidingsstructuur.html" '
        f'title="{MEASURE}">Adequate supervision structure for the Banenafspraak target group'
        '</a></td><td><a href="../../def.html#implements" '
        'title="https://w3id.org/dikg/def#implements">implements</a></td></tr>'
    ) in incoming


def test_class_index_lists_the_measure(published: Path) -> None:
    index = page(published / "class" / "dikg-Measure.html")
    assert "../id/measure/rijk-banenafspraak-begeleidingsstructuur.html" in index.links
    browse = page(published / "class" / "index.html")
    assert "../class/dikg-Measure.html" in browse.links
    assert "../id/scheme/target-groups.html" in browse.links


# ----- text from the data is text ----------------------------------------------------------

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "root"
    for part in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(REPO / part, root / part)
    (root / "data" / "hostile.ttl").write_text(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        f"<{MEASURE}> rdfs:label {json.dumps(HOSTILE)}@en ;\n"
        f'    rdfs:comment "</script><!-- & x < y"@en .\n',
        encoding="utf-8",
    )
    out = root.parent / "site"
    (out / "id" / "measure").mkdir(parents=True)
    (out / "id" / "measure" / "removed-long-ago.html").write_text("stale", encoding="utf-8")
    (out / "id" / "measure" / "removed-long-ago.ttl").write_text("stale", encoding="utf-8")
    (out / "id" / "notes.txt").write_text("not the site's", encoding="utf-8")
    write_site(resolve_root(root), out, BASE_URL)
    return out


def test_pages_of_resources_no_longer_in_the_graph_are_removed(hostile_site: Path) -> None:
    assert not (hostile_site / "id" / "measure" / "removed-long-ago.html").exists()
    assert not (hostile_site / "id" / "measure" / "removed-long-ago.ttl").exists()
    assert (hostile_site / "id" / "notes.txt").read_text(encoding="utf-8") == "not the site's"
    assert (hostile_site / page_path(MEASURE)).is_file()


def test_a_site_that_fails_half_way_leaves_the_previous_one_as_it_was(
    hostile_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    shutil.copytree(hostile_site, out)
    before = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def failing(*args: object, **kwargs: object) -> dict[str, bytes]:
        raise RuntimeError("the class indexes failed")

    # after every resource page is rendered and staged, before the site is complete
    monkeypatch.setattr("dikg.site.write.index_pages", failing)
    with pytest.raises(RuntimeError, match="class indexes"):
        write_site(resolve_root(REPO), out, BASE_URL)
    after = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before  # the hostile page is still there, no staged file is left


def test_a_label_with_markup_shows_as_text(hostile_site: Path) -> None:
    path = hostile_site / page_path(MEASURE)
    shown = page(path)
    assert [tag for tag, attrs in shown.tags if tag == "script"] == ["script"]  # the JSON-LD
    assert HOSTILE in shown.all_text
    html = path.read_text(encoding="utf-8")
    assert html.count("</script>") == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    embedded = json.loads(shown.scripts[0][1])
    assert embedded == json.loads((hostile_site / rdf_path(MEASURE, "jsonld")).read_bytes())
    # the policy page links the measure under its label, as text
    assert HOSTILE in page(hostile_site / page_path(POLICY)).all_text


def test_script_json_cannot_close_its_element() -> None:
    document = {"a": "</script><!-- & >", "b": ["<", {"c": "x"}]}
    safe = str(script_json(json.dumps(document).encode()))
    assert not re.search(r"[<>&]", safe)
    assert json.loads(safe) == document


def test_a_second_site_is_byte_identical_whatever_the_hash_seed(published: Path, tmp_path: Path):
    # the release as publish wrote it, without the site; then the site again, another seed
    again = tmp_path / "again"
    shutil.copytree(published, again)
    site_files = [p for p in again.rglob("*") if p.is_file() and not _release_file(again, p)]
    assert len(site_files) > 1000
    for path in site_files:
        path.unlink()
    sums = again / "SHA256SUMS"  # as the release wrote it, before the site was added
    lines = sums.read_text(encoding="utf-8").splitlines(keepends=True)
    sums.write_text(
        "".join(
            line for line in lines if _release_file(again, again / line.split("  ", 1)[1].strip())
        ),
        encoding="utf-8",
    )
    code = "import sys; from pathlib import Path; from dikg.root import resolve_root; " + (
        "from dikg.site.write import write_site; "
        "write_site(resolve_root(Path(sys.argv[1])), Path(sys.argv[2]), sys.argv[3])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(REPO), str(again), BASE_URL],
        env={**os.environ, "PYTHONHASHSEED": "3"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    for path in site_files:
        name = path.relative_to(again).as_posix()
        assert path.read_bytes() == (published / name).read_bytes(), name


def _release_file(out: Path, path: Path) -> bool:
    """Whether ``dikg publish`` wrote ``path`` before the site (the data package)."""
    name = path.relative_to(out).as_posix()
    return name.startswith("download/") or name in {
        "dcat.ttl",
        "dcat.jsonld",
        "void.ttl",
        "SHA256SUMS",
        "release-notes.md",
        "release-notes.json",
    }


def test_descriptions_are_written_in_canonical_turtle() -> None:
    # turtle() skips the serializer's canon step: graph() relabelled blank nodes already.
    # Every description with blank nodes, every 7th without, and the ontology's blank nodes
    loaded = load_graph(resolve_root(REPO), keep_quads=True)
    described = Descriptions(loaded)
    with_blank_nodes = without = 0
    for number, iri in enumerate(resource_iris_of(described)):
        graph = described.graph(described.cbd(ox.NamedNode(iri)))
        blank = any(isinstance(t, BNode) for triple in graph for t in triple)
        if blank or number % 7 == 0:
            assert turtle(graph).decode() == canonical_turtle(graph), iri
            with_blank_nodes += blank
            without += not blank
    assert with_blank_nodes >= 10 and without
    ontology = described.graph(
        ox.Triple(q.subject, q.predicate, q.object)
        for name, quads in loaded.quads.items()
        if loaded.relative[name].startswith("ontology/")
        for q in quads
    )
    assert any(isinstance(t, BNode) for triple in ontology for t in triple)
    assert turtle(ontology).decode() == canonical_turtle(ontology)
