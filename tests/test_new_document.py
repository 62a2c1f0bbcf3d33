"""`dikg new document`: a maintainer adds a new source and works from it, all through the CLI.

The whole loop of issue 11: store a new document's text and description, see its sentences
uncovered, add a measure quoting it, validate the graph, and see that sentence covered.
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from tests.conftest import run_dikg

ID = "https://w3id.org/dikg/id/"
DIKG = "https://w3id.org/dikg/def#"
DOCUMENT = ID + "document/voortgangsbrief-diversiteit-2024"
TEXT = (
    "Voortgangsbrief diversiteit 2024\n\n"
    "Het ministerie start in 2024 een mentorprogramma voor biculturele medewerkers.\n"
    "Ook worden de resultaten jaarlijks gemonitord.\n"
)


def _uncovered(root: Path) -> dict[str, list[str]]:
    result = run_dikg("--root", root, "coverage", "--uncovered", "--format", "json")
    assert result.returncode == 0, result.stderr
    return {doc: [s["text"] for s in rows] for doc, rows in json.loads(result.stdout).items()}


def test_new_document_then_a_measure_from_it_then_validate_and_coverage(
    entry_root: Path, tmp_path: Path
) -> None:
    text = tmp_path / "brief.txt"
    text.write_text(TEXT, encoding="utf-8")
    # 1. the new document
    result = run_dikg(
        "--root", entry_root, "new", "document", "--text", text,
        "--title", "Voortgangsbrief diversiteit 2024", "--title-en", "Progress letter 2024",
        "--publisher", "BZK", "--date", "2024-05",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    stored = entry_root / "data" / "sources" / "voortgangsbrief-diversiteit-2024.txt"
    description = (
        entry_root / "data" / "entries" / "document" / "voortgangsbrief-diversiteit-2024.ttl"
    )
    assert result.stdout.splitlines() == [str(stored), str(description)]
    assert stored.read_bytes() == text.read_bytes()  # byte for byte
    graph = Graph().parse(description)
    document = URIRef(DOCUMENT)
    assert (document, RDF.type, URIRef(DIKG + "Document")) in graph
    assert graph.value(document, DCTERMS.issued) == Literal("2024-05", datatype=XSD.gYearMonth)
    assert graph.value(document, DCTERMS.publisher) == URIRef(ID + "organisation/bzk")
    # 2. its sentences are listed, none covered yet
    assert _uncovered(entry_root)[DOCUMENT] == [
        "Voortgangsbrief diversiteit 2024 Het ministerie start in 2024 een mentorprogramma "
        "voor biculturele medewerkers.",
        "Ook worden de resultaten jaarlijks gemonitord.",
    ]
    # 3. a measure from it, written by `dikg new measure`, cites it as its source
    form = tmp_path / "measure.yaml"
    form.write_text(
        "actor: BZK\n"
        "label_nl: Jaarlijkse monitoring van de resultaten\n"
        "label_en: Annual monitoring of the results\n"
        "description_nl: BZK monitort de resultaten jaarlijks.\n"
        "implements: bzk-focus\n"
        "instruments: [monitoring]\n"
        "statuses: [beoogd]\n"
        "source: voortgangsbrief-diversiteit-2024\n"
        "quotes: ['Ook worden de resultaten jaarlijks gemonitord.']\n",
        encoding="utf-8",
    )
    result = run_dikg("--root", entry_root, "new", "measure", "--from", form)
    assert result.returncode == 0, result.stderr
    # 4. the whole graph validates (warnings allowed)
    result = run_dikg("--root", entry_root, "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    # 5. the quoted sentence is covered now, the other is not
    assert _uncovered(entry_root)[DOCUMENT] == [
        "Voortgangsbrief diversiteit 2024 Het ministerie start in 2024 een mentorprogramma "
        "voor biculturele medewerkers."
    ]


def test_an_undated_document_gets_bounds(entry_root: Path, tmp_path: Path) -> None:
    text = tmp_path / "notitie.txt"
    text.write_text("Een notitie zonder datum.\n", encoding="utf-8")
    result = run_dikg(
        "--root", entry_root, "new", "document", "--dry-run", "--text", text,
        "--title", "Notitie", "--publisher", "BZK", "--earliest", "2024", "--latest", "2025-03",
        "--note", "It cites the 2024 letter and is mentioned in March 2025.",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    graph = Graph().parse(data=result.stdout, format="turtle")
    document = URIRef(ID + "document/notitie")
    assert graph.value(document, URIRef(DIKG + "earliestDate")) == Literal(
        "2024", datatype=XSD.gYear
    )
    assert graph.value(document, URIRef(DIKG + "latestDate")) == Literal(
        "2025-03", datatype=XSD.gYearMonth
    )
    assert not (entry_root / "data" / "sources" / "notitie.txt").exists()  # dry run


def test_bad_input_exits_2_with_one_message_and_writes_nothing(
    entry_root: Path, tmp_path: Path
) -> None:
    text = tmp_path / "brief.txt"
    text.write_text(TEXT, encoding="utf-8")
    binary = tmp_path / "brief.pdf"
    binary.write_bytes(b"%PDF-1.7\xff\xfe\x00")
    base = ("--root", entry_root, "new", "document")
    cases = {
        "no --text": (*base, "--title", "T", "--publisher", "BZK"),
        "unknown publisher": (*base, "--text", text, "--title", "T", "--publisher", "Nobody"),
        "date and bounds": (
            *base, "--text", text, "--title", "T", "--publisher", "BZK",
            "--date", "2024", "--earliest", "2023",
        ),
        "bad date": (*base, "--text", text, "--title", "T", "--publisher", "BZK", "--date", "mei"),
        "not text": (*base, "--text", binary, "--title", "T", "--publisher", "BZK"),
        "missing file": (
            *base, "--text", tmp_path / "nope.txt", "--title", "T", "--publisher", "BZK",
        ),
        "existing slug": (
            *base, "--text", text, "--title", "T", "--publisher", "BZK", "--slug", "voorbeeld",
        ),
    }  # fmt: skip
    before = sorted(p.relative_to(entry_root) for p in entry_root.rglob("*"))
    for case, args in cases.items():
        result = run_dikg(*args)
        assert result.returncode == 2, (case, result.stderr)
        assert result.stderr.startswith("dikg: error:"), (case, result.stderr)
        assert "Traceback" not in result.stderr, case
    assert sorted(p.relative_to(entry_root) for p in entry_root.rglob("*")) == before
