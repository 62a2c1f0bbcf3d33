"""The landing page's pictures (dikg.site.pictures): their data, SVG, determinism, languages."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest

import dikg
from dikg.errors import InputError
from dikg.graph.store import load_store
from dikg.queries.backend import EmbeddedBackend
from dikg.root import resolve_root
from dikg.site.pictures import TIMELINE_MEASURES, Picture, pictures, timeline_picture

REPO = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"
FIN = "https://w3id.org/dikg/id/organisation/fin"
SLUGS = ["ministry-target-group-matrix", "partners-network", "timeline"]
# prints the SHA-256 of every picture's SVG, in a fresh interpreter
DIGESTS = """
import hashlib, sys
from dikg.graph.store import load_store
from dikg.root import resolve_root
from dikg.site.pictures import pictures
root = resolve_root(sys.argv[1])
for picture in pictures(root, load_store(root), sys.argv[2]):
    print(picture.slug, hashlib.sha256(picture.svg).hexdigest())
"""


@pytest.fixture(scope="module")
def drawn() -> dict[str, dict[str, Picture]]:
    root = resolve_root(REPO)
    store = load_store(root)
    return {lang: {p.slug: p for p in pictures(root, store, lang)} for lang in ("en", "nl")}


def _texts(picture: Picture) -> list[str]:
    tree = ET.fromstring(picture.svg)
    return ["".join(node.itertext()) for node in tree.iter(f"{SVG}text")]


def test_three_pictures_in_order_with_their_queries(drawn) -> None:
    assert list(drawn["en"]) == SLUGS
    assert drawn["en"]["timeline"].path == "pictures/timeline.svg"
    assert drawn["nl"]["timeline"].path == "pictures/timeline.nl.svg"
    assert [p.query for p in drawn["en"].values()] == [
        "ministry-target-group-matrix",
        "partners",
        "timeline",
    ]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_matrix_table_is_the_query_answer(drawn, lang: str) -> None:
    picture = drawn[lang]["ministry-target-group-matrix"]
    answer = dikg.query("ministry-target-group-matrix", root=REPO, lang=lang)
    expected = [(r["ministry"], r["group"], str(r["policies"]), str(r["measures"])) for r in answer]
    assert list(picture.rows) == expected
    assert len(picture.columns) == 4


def test_matrix_counts_of_one_ministry(drawn) -> None:
    picture = drawn["en"]["ministry-target-group-matrix"]
    assert len(picture.rows) == 53
    assert ("Ministry of Finance", "ethnic origin", "1", "7") in picture.rows
    assert picture.columns == ("ministry", "target group", "policies", "measures")
    texts = _texts(picture)
    assert "Ministry of Finance" in texts
    assert "7" in texts  # the cell's number is drawn, not only its colour


def test_network_table_is_the_partners_answer(drawn) -> None:
    picture = drawn["en"]["partners-network"]
    answer = dikg.query("partners", root=REPO, lang="en")
    assert list(picture.rows) == [(r["partner"], r["actor"], r["measure"]) for r in answer]
    assert len(picture.rows) == 17
    assert (
        "UWV",
        "Ministry of Finance",
        "Maintaining and intensifying contacts with UWV and the sheltered employment companies",
    ) in picture.rows
    texts = _texts(picture)
    assert {"UWV", "Ministry of Finance", "JINC"} <= set(texts)
    assert "17 external partners" in picture.alt


def test_timeline_table_is_the_answer_about_measures(drawn) -> None:
    picture = drawn["nl"]["timeline"]
    answer = dikg.query("timeline", root=REPO, lang="nl")
    expected = [
        (str(r["date"]), r["event"], r["resource"], r["actor"], r["status"])
        for r in answer
        if "/id/measure/" in (r["resource_iri"] or "")
    ]
    assert list(picture.rows) == expected
    assert len(picture.rows) == 19
    assert (
        "2016-10-04",
        "startdatum",
        "Samenwerkingsovereenkomst met stichting Giving Back: mentoren voor multiculturele "
        "studenten",
        "Ministerie van Defensie",
        "gepland",
    ) in picture.rows
    # targets, figures and documents have dates too, but this is the timeline of measures
    assert len(answer) == 27
    assert "2016" in _texts(picture) and "2023" in _texts(picture)


def test_timeline_draws_the_earliest_measures_up_to_its_limit(drawn) -> None:
    full = drawn["en"]["timeline"]
    first_date: dict[str, str] = {}
    for date, _, measure, *_ in full.rows:  # rows in date order: the first is the earliest
        first_date.setdefault(measure, date)
    measures = sorted(first_date, key=lambda label: (first_date[label], label.casefold()))
    assert len(measures) < TIMELINE_MEASURES  # the real graph is drawn whole
    root = resolve_root(REPO)
    capped = timeline_picture(root, EmbeddedBackend(load_store(root)), "en", limit=2)
    assert list(capped.rows) == [row for row in full.rows if row[2] in measures[:2]]
    assert f"for the first 2 of {len(measures)} dated measures" in capped.alt
    assert f"the {len(capped.rows)} dates" in capped.alt
    assert "dikg query timeline gives them all" in capped.alt
    assert capped.alt.endswith(".") and capped.alt.count(". ") == 0
    assert set(_texts(capped)) >= set(measures[:2]) and measures[2] not in _texts(capped)
    assert len(capped.svg) < len(full.svg)


@pytest.mark.parametrize("slug", SLUGS)
def test_svg_is_xml_with_title_and_description(drawn, slug: str) -> None:
    for lang in ("en", "nl"):
        picture = drawn[lang][slug]
        tree = ET.fromstring(picture.svg)
        assert tree.tag == f"{SVG}svg"
        assert tree.get("role") == "img" and tree.get("id") == slug
        assert picture.element.startswith("<svg ") and picture.element.endswith("</svg>\n")
        assert ET.fromstring(picture.element).find(f"{SVG}title").text == picture.title
        assert tree.find(f"{SVG}title").text == picture.title
        assert tree.find(f"{SVG}desc").text == picture.alt
        assert tree.get("aria-labelledby") == f"{slug}-title {slug}-desc"
        assert picture.alt.endswith(".") and picture.alt.count(". ") == 0  # one sentence
        assert b"<dc:date>" not in picture.svg  # no clock in the file


def test_both_languages_label_in_their_own_words(drawn) -> None:
    for slug in SLUGS:
        en, nl = drawn["en"][slug], drawn["nl"][slug]
        assert en.title != nl.title and en.alt != nl.alt and en.svg != nl.svg
    assert "Ministerie van Financiën" in _texts(drawn["nl"]["ministry-target-group-matrix"])
    assert "Ministry of Finance" not in _texts(drawn["nl"]["ministry-target-group-matrix"])
    assert drawn["nl"]["ministry-target-group-matrix"].columns[1] == "doelgroep"


@pytest.mark.slow
def test_another_process_and_hash_seed_draw_the_same_bytes(drawn) -> None:
    """Same input, byte-identical SVG: no clock, no random ids, no hash-seed order."""
    run = subprocess.run(
        [sys.executable, "-c", DIGESTS, str(REPO), "nl"],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin", "HOME": str(Path.home())},
    )
    here = {slug: hashlib.sha256(picture.svg).hexdigest() for slug, picture in drawn["nl"].items()}
    there = dict(line.split() for line in run.stdout.splitlines())
    assert there == here


def test_markup_in_a_label_is_text_in_the_svg() -> None:
    root = resolve_root(REPO)
    store = load_store(root)
    label = "<script>alert('x')</script> & $x^2$"
    store.add(
        ox.Quad(
            ox.NamedNode(FIN),
            ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
            ox.Literal(label, language="en"),
            ox.NamedNode("urn:test:labels"),
        )
    )
    drawn = pictures(root, store, "en")
    for picture in drawn[:2]:  # Finance is in the matrix and the network, not the timeline
        assert label in _texts(picture)  # parses, and the label is text, math and all
        assert b"<script>" not in picture.svg
    assert any(label in row for row in drawn[0].rows)


def test_an_unknown_language_is_bad_input() -> None:
    root = resolve_root(REPO)
    with pytest.raises(InputError, match="language 'de'"):
        pictures(root, load_store(root), "de")


@pytest.mark.parametrize("command", [["--help"], ["query", "--help"]])
def test_the_command_line_does_not_import_matplotlib(command: list[str]) -> None:
    """`dikg --help` and `dikg query` stay fast: matplotlib loads only when a picture is drawn."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "dikg", *command],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = [line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines()]
    assert "dikg.cli" in imported
    assert not [name for name in imported if name.split(".")[0] == "matplotlib"]


def test_importing_the_pictures_module_does_not_import_matplotlib() -> None:
    code = "import sys, dikg.site.pictures; print('matplotlib' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"
