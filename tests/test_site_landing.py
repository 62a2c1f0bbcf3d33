"""The landing page and the release-notes page of `dikg publish` (dikg.site.landing, notes)."""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import json
import re
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import PUBLICATION, REPO, publish, run_dikg

ENDPOINT = "https://example.org/dikg/sparql"  # tests/fixtures/publication/complete.yaml
OCW = "https://w3id.org/dikg/id/organisation/ocw"


class Page(HTMLParser):
    """The <section>s of a page by id: their tables (rows of cells) and links (href, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, dict] = {}
        self.current: dict | None = None
        self.cell: dict | None = None
        self.link: list | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "section" and attributes.get("id"):
            self.current = {"tables": [], "links": []}
            self.sections[attributes["id"]] = self.current
        if self.current is None:
            return
        if tag == "table":
            self.current["tables"].append([])
        elif tag == "tr":
            self.current["tables"][-1].append([])
        elif tag in ("td", "th"):
            self.cell = {"text": "", "href": None, **attributes}
            self.current["tables"][-1][-1].append(self.cell)
        elif tag == "a":
            self.link = [attributes.get("href"), ""]
            self.current["links"].append(self.link)
            if self.cell is not None and self.cell["href"] is None:
                self.cell["href"] = attributes.get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self.cell = None
        elif tag == "a":
            self.link = None
        elif tag == "section":
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell["text"] += data
        if self.link is not None:
            self.link[1] += data


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_a_canned_answer_on_the_landing_page_has_the_cells_dikg_query_gives(published: Path):
    page = parse(published / "index.html")
    section = page.sections["q-measures-by-ministry"]
    table = section["tables"][0]
    header, rows = table[0], table[1:]
    assert [cell["text"] for cell in header] == ["measure", "policy", "start", "namedAs", "actor"]
    assert all(cell["scope"] == "col" for cell in header)

    result = run_dikg(
        "--root", REPO, "query", "measures-by-ministry", "-p", "ministry=OCW",
        "--format", "csv", "--labels", "--lang", "en",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    expected = []
    for row in csv.DictReader(io.StringIO(result.stdout)):
        cells = []
        for column in ("measure", "policy", "start", "namedAs", "actor"):
            value, label = row[column], row.get(f"{column}_label")
            if value.startswith("https://w3id.org/dikg/"):
                page_path = value.removeprefix("https://w3id.org/dikg/") + ".html"
                cells.append((label, page_path))
            else:
                cells.append((value, None))
        expected.append(cells)
    shown = [[(cell["text"], cell["href"]) for cell in row] for row in rows]
    assert sorted(shown) == sorted(expected)
    assert len(rows) >= 5
    # the parameter it was asked with, linked to its page
    assert ["id/organisation/ocw.html", "Ministry of Education, Culture and Science"] in section[
        "links"
    ]


def test_the_endpoint_link_runs_the_query_text_with_the_parameter_bound(published: Path):
    page = parse(published / "index.html")
    links = [href for href, _ in page.sections["q-measures-by-ministry"]["links"]]
    runs = [href for href in links if href and href.startswith(ENDPOINT + "?")]
    assert len(runs) == 1
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(runs[0]).query)["query"]
    assert len(query) == 1
    text = query[0]
    # the query file's text, with one VALUES line opening its WHERE group (as dikg binds)
    bound = f"WHERE {{\n  VALUES ?_ministry_iri {{ <{OCW}> }}\n"
    assert text.count(bound) == 1
    original = (REPO / "queries" / "measures-by-ministry.rq").read_text(encoding="utf-8")
    assert text.replace(bound, "WHERE {", 1) == original


def test_the_endpoint_link_answers_on_a_real_sparql_server(published: Path, repo_endpoint: str):
    page = parse(published / "index.html")
    section = page.sections["q-measures-by-ministry"]
    link = next(h for h, _ in section["links"] if h and h.startswith(ENDPOINT + "?"))
    request = urllib.request.Request(
        repo_endpoint + link.removeprefix(ENDPOINT),
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        answer = json.load(response)
    measures = {row["measure"]["value"] for row in answer["results"]["bindings"]}
    shown = {row[0]["href"] for row in section["tables"][0][1:]}
    assert {m.removeprefix("https://w3id.org/dikg/") + ".html" for m in measures} == shown


def test_questions_without_an_example_value_say_so(published: Path):
    page = (published / "index.html").read_text(encoding="utf-8")
    evidence = page[page.index('id="q-evidence"') :]
    evidence = evidence[: evidence.index("</section>")]
    assert "Not answered here: it needs a value for <code>resource</code>" in evidence
    assert "<table" not in evidence


def test_downloads_show_the_size_and_checksum_of_each_file(published: Path):
    page = parse(published / "index.html")
    rows = [
        row
        for key in ("downloads_dumps", "downloads_parts", "downloads_metadata")
        for row in page.sections[key]["tables"][0][1:]
    ]
    listed = {row[0]["href"]: row for row in rows}
    for name in ("ttl", "nt", "jsonld", "rdf", "trig"):
        assert f"download/dikg.{name}" in listed
        assert f"download/dikg.{name}.gz" in listed
    # every file of the release and nothing of the site (its pages are in SHA256SUMS too)
    release = {p.relative_to(published).as_posix() for p in (published / "download").rglob("*")} | {
        "dcat.ttl",
        "dcat.jsonld",
        "void.ttl",
    }
    assert set(listed) == {name for name in release if (published / name).is_file()}
    for href, row in listed.items():
        content = (published / href).read_bytes()
        size, digest = row[3], row[4]
        assert int(size["data-bytes"]) == len(content), href
        assert digest["text"] == hashlib.sha256(content).hexdigest(), href
    assert listed["download/dikg.ttl"][2]["text"] == "text/turtle"


def test_the_citation_comes_from_the_publication_metadata(published: Path):
    english = (published / "index.html").read_text(encoding="utf-8")
    dutch = (published / "index.nl.html").read_text(encoding="utf-8")
    # modified: 2026-11-30 in the publication file; the creator (the publisher's IRI, so it
    # has the publisher's English name too) in the page's language
    assert (
        "Ministry of the Interior and Kingdom Relations. (2026). <cite>dikg: knowledge" in english
    )
    assert "Koninkrijksrelaties. (2026). <cite>dikg: kennisgraaf" in dutch
    assert "[Data set]. Ministry of the Interior and Kingdom Relations." in english
    assert "[Dataset]. Ministerie van Binnenlandse Zaken en Koninkrijksrelaties." in dutch
    assert '<a class="url" href="https://w3id.org/dikg/id/dataset/dikg">' in english
    assert '<html lang="nl">' in dutch
    assert '<a href="https://creativecommons.org/publicdomain/zero/1.0/">' in english


def test_the_landing_page_links_the_source_texts(published: Path):
    page = (published / "index.html").read_text(encoding="utf-8")
    for source in sorted((REPO / "data" / "sources").glob("*.txt")):
        assert f'href="sources/{source.stem}.html"' in page
        assert (published / "sources" / f"{source.stem}.html").is_file()
    assert 'href="sources/' in (published / "index.nl.html").read_text(encoding="utf-8")


def test_release_notes_page_lists_a_resource_added_between_two_publishes(
    tmp_path: Path, mini_root: Path
):
    first = tmp_path / "first"
    assert publish(first, "--version-label", "1.0", root=mini_root).returncode == 0
    assert not (first / "release-notes.html").exists()
    # the mini graph has no audiences: that question is listed, unanswered, with why
    index = (first / "index.html").read_text(encoding="utf-8")
    audience = index[index.index('id="q-measures-by-audience"') :]
    audience = audience[: audience.index("</section>")]
    assert "Not answered here: its example value is not in this graph:" in audience
    assert "managers" in audience
    assert "release-notes.html" not in (first / "index.html").read_text(encoding="utf-8")
    measures = mini_root / "data" / "measures.ttl"
    text = measures.read_text(encoding="utf-8")
    text += 'm:three a mini:Measure ; rdfs:label "Derde <maatregel>"@nl .\n'
    measures.write_text(text, encoding="utf-8")
    second = tmp_path / "second"
    result = publish(second, "--previous", first, root=mini_root)
    assert result.returncode == 0, result.stderr

    notes = (second / "release-notes.html").read_text(encoding="utf-8")
    added = notes[notes.index('<h2 id="added">') : notes.index('<h2 id="removed">')]
    assert "Added (1)" in added
    assert "Derde &lt;maatregel&gt; <code>https://example.org/id/measure/three</code>" in added
    assert "Changes since version 1.0: 1 resources added, 0 removed" in notes
    dutch = (second / "release-notes.nl.html").read_text(encoding="utf-8")
    assert "Toegevoegd (1)" in dutch and "Derde &lt;maatregel&gt;" in dutch
    assert 'href="release-notes.html"' in (second / "index.html").read_text(encoding="utf-8")
    assert 'href="release-notes.nl.html"' in (second / "index.nl.html").read_text(encoding="utf-8")
    # the notes page is part of the release's checksums
    assert "release-notes.html" in (second / "SHA256SUMS").read_text(encoding="utf-8")


def test_headings_of_the_landing_page_do_not_skip_a_level(published: Path):
    page = (published / "index.html").read_text(encoding="utf-8")
    main = page[page.index("<main") :]
    levels = [int(m) for m in re.findall(r"<h([1-6])[ >]", main)]
    assert levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, (before, after)


def test_publication_fixture_has_the_endpoint_the_tests_expect():
    assert ENDPOINT in PUBLICATION.read_text(encoding="utf-8")


def test_the_pictures_are_on_the_landing_page_with_alt_text_and_data_table(published: Path):
    for name, lang in (("index.html", "en"), ("index.nl.html", "nl")):
        page = parse(published / name)
        shown = {
            key: section for key, section in page.sections.items() if key.startswith("picture-")
        }
        assert sorted(shown) == [
            "picture-ministry-target-group-matrix",
            "picture-partners-network",
            "picture-timeline",
        ]
        text = (published / name).read_text(encoding="utf-8")
        for slug in ("ministry-target-group-matrix", "partners-network", "timeline"):
            svg = f"pictures/{slug}.svg" if lang == "en" else f"pictures/{slug}.nl.svg"
            assert (published / svg).read_bytes().lstrip().startswith((b"<?xml", b"<svg"))
            img = re.search(rf'<img src="{re.escape(svg)}" alt="([^"]+)">', text)
            assert img and len(img.group(1)) > 20, slug
            table = shown[f"picture-{slug}"]["tables"][0]
            assert all(cell["scope"] == "col" for cell in table[0])


def test_a_resource_page_answers_the_questions_that_take_that_resource(published: Path):
    ministry = parse(published / "id" / "organisation" / "ocw.html")
    asked = sorted(key for key in ministry.sections if key.startswith("q-"))
    assert "q-measures-by-ministry" in asked and "q-target-groups-not-named" in asked
    assert "q-measures-by-audience" not in asked  # its parameter takes an audience
    section = ministry.sections["q-measures-by-ministry"]
    landing = parse(published / "index.html").sections["q-measures-by-ministry"]
    # the same question with the same value: the same rows, linked from one directory deeper
    rows = [[(c["text"], c["href"]) for c in row] for row in section["tables"][0][1:]]
    expected = [
        [(c["text"], c["href"] and "../../" + c["href"]) for c in row]
        for row in landing["tables"][0][1:]
    ]
    assert rows == expected
    links = [href for href, _ in section["links"]]
    assert any(h and h.startswith(ENDPOINT + "?") for h in links)

    group = parse(published / "id" / "target-group" / "women.nl.html")
    asked = sorted(key for key in group.sections if key.startswith("q-"))
    assert {"q-measures-by-target-group", "q-ministries-by-target-group"} <= set(asked)
    assert "q-measures-by-ministry" not in asked
    text = (published / "id" / "target-group" / "women.nl.html").read_text(encoding="utf-8")
    assert 'Gesteld met <code>group</code> = <a href="../../id/target-group/women.nl.html">' in text


def test_answers_are_escaped_text_and_endpoint_links_escaped_attributes():
    from dikg.site.answered import Answered, Cell
    from dikg.site.templates import environment

    hostile = "<script>alert(1)</script>"
    answer = Answered(
        name="q",
        summary=f"Q {hostile}",
        description=hostile,
        arguments=(("p", Cell(hostile, page="id/x/y.html")),),
        columns=("c",),
        rows=((Cell(hostile, url='https://example.org/"><script>'),), (Cell(hostile, lang="nl"),)),
        command=f"dikg query q -p 'p={hostile}'",
        sparql=f"SELECT * WHERE {{ ?s ?p '{hostile}' }}",
        endpoint_url='https://example.org/sparql?query=x"><script>',
    )
    template = environment().from_string(
        '{% import "questions.html.j2" as q with context %}{{ q.answer(a, 3) }}'
    )
    html = template.render(a=answer, page="id/x/z.html", lang="en")
    assert "<script>" not in html
    # heading, description, argument, table region's label, caption, two cells, command, SPARQL
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 9
    assert 'href="https://example.org/&quot;&gt;&lt;script&gt;"' in html
    assert 'href="../../id/x/y.html"' in html
    assert '<span lang="nl">&lt;script&gt;' in html


def test_endpoint_links_keep_a_query_string_the_endpoint_already_has():
    from dikg.site.questions import endpoint_link

    text = "SELECT * WHERE { ?s ?p 'a & b' }"
    link = endpoint_link("https://example.org/sparql?default-graph-uri=x", text)
    parts = urllib.parse.urlsplit(link)
    assert urllib.parse.parse_qs(parts.query) == {"default-graph-uri": ["x"], "query": [text]}
    assert endpoint_link("https://example.org/sparql", text).startswith(
        "https://example.org/sparql?query=SELECT"
    )


def test_without_an_endpoint_the_questions_have_no_endpoint_link():
    from dikg.root import resolve_root
    from dikg.site.questions import Questions

    answers = Questions(resolve_root(REPO)).landing("en")
    assert len(answers) == len(list((REPO / "queries").glob("*.rq")))
    assert all(answer.endpoint_url is None for answer in answers)


def test_a_long_answer_shows_its_first_rows_and_says_how_many_there_are(monkeypatch):
    import dikg
    import dikg.site.questions as questions
    from dikg.root import resolve_root
    from dikg.site.templates import environment

    monkeypatch.setattr(questions, "SITE_ROWS", 5)
    answers = {a.name: a for a in questions.Questions(resolve_root(REPO)).landing("en")}
    long, short = answers["measures-without-target"], answers["targets-and-figures"]
    every = dikg.query("measures-without-target", root=REPO)
    assert len(long.rows) == 5 and long.more == len(every) - 5 > 0
    first = long.columns[0]
    assert [row[0].text for row in long.rows] == [row[first] for row in every[:5]]
    assert len(short.rows) <= 5 and short.more == 0

    template = environment().from_string(
        '{% import "questions.html.j2" as q with context %}{{ q.answer(a, 3) }}'
    )
    for lang, words in (("en", "5 of {} rows"), ("nl", "5 van {} rijen")):
        html = template.render(a=long, page="index.html", lang=lang)
        assert f"({words.format(len(every))})</caption>" in html
        assert html.count("<tr>") == 6  # the header and five rows
    assert "the command below gives every row" in template.render(a=long, page="x", lang="en")
    assert "gives every row" not in template.render(a=short, page="x", lang="en")
