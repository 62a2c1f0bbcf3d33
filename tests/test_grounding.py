"""Grounding: quotes are checked against the stored source texts; coverage shows the gaps."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dikg.validate.grounding import collapse, sentences
from tests.conftest import FIXTURES, REPO, run_dikg

DOC = "https://w3id.org/dikg/id/document/voorbeeld"


@pytest.fixture
def grounding_root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "grounding-root", root)
    return root


def test_validate_reports_exactly_the_ungrounded_quotes(grounding_root: Path) -> None:
    result = run_dikg("--root", grounding_root, "validate", "--format", "json")
    assert result.returncode == 1
    m = "https://w3id.org/dikg/id/measure/"
    shapes = "https://w3id.org/dikg/shapes#"
    stored = grounding_root / "data" / "sources" / "kamerbrief.txt"
    found = {
        (r["focus"]["value"], r["shape"], r["file"], r["line"], r["message"])
        for r in json.loads(result.stdout)["results"]
    }
    assert found == {
        (
            m + "verzonnen",
            shapes + "QuoteInSourceCheck",
            "data/grounding.ttl",
            20,
            f"The quote does not occur in the stored text of {DOC}: copy it from the source "
            "character for character (line breaks and spaces may differ).",
        ),
        (
            m + "zwevend",
            shapes + "QuoteDerivedFromCheck",
            "data/grounding.ttl",
            23,
            "A dikg:sourceQuote needs a source: give prov:wasDerivedFrom, the document the quote "
            "comes from.",
        ),
        (
            m + "kamerbrief",
            shapes + "QuoteSourceStoredCheck",
            "data/grounding.ttl",
            25,
            f"dikg stores no text of the source ({stored}): derive the statement from a document "
            "whose text is in data/sources/, or add the text there.",
        ),
    }
    assert "3 violations" in result.stderr


def test_fixing_the_quotes_makes_the_graph_conform(grounding_root: Path) -> None:
    data = grounding_root / "data" / "grounding.ttl"
    kept = [
        line for line in data.read_text(encoding="utf-8").split("\n# wrong")[0].splitlines() if line
    ]
    data.write_text("\n".join(kept) + "\n", encoding="utf-8")
    result = run_dikg("--root", grounding_root, "validate")
    assert result.returncode == 0, result.stdout


def test_coverage_lists_each_sentence_with_the_resources_quoting_it(grounding_root: Path):
    result = run_dikg("--root", grounding_root, "coverage", "--format", "json")
    assert result.returncode == 0, result.stderr
    m = "https://w3id.org/dikg/id/measure/"
    assert json.loads(result.stdout) == {
        DOC: [
            {
                "sentence": 1,
                "text": "Ministerie van Voorbeeldzaken Het ministerie wil de instroom van "
                "biculturele medewerkers vergroten.",
                "resources": [m + "instroom"],
            },
            {
                "sentence": 2,
                "text": "Organiseren van workshops selecteren zonder vooroordelen.",
                "resources": [m + "werving"],
            },
            {
                "sentence": 3,
                "text": "Aanboren van andere wervingskanalen.",
                "resources": [m + "werving"],
            },
            {"sentence": 4, "text": "Voorbeelden:", "resources": []},
            {
                "sentence": 5,
                "text": "1. Een mentorprogramma (o.a. voor trainees).",
                "resources": [m + "mentor"],
            },
            {"sentence": 6, "text": "2. Niemand citeert deze zin.", "resources": []},
        ]
    }


def test_coverage_uncovered_shows_only_the_gaps(grounding_root: Path) -> None:
    result = run_dikg("--root", grounding_root, "coverage", "--uncovered")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{DOC}: 6 sentences, 2 quoted by no resource",
        "  [4] Voorbeelden:",
        "        -- not quoted --",
        "  [6] 2. Niemand citeert deze zin.",
        "        -- not quoted --",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eén. Twee.", ["Eén.", "Twee."]),
        ("recruitmentproces.Organiseren van", ["recruitmentproces.", "Organiseren van"]),
        ("aandacht ikv W&S o.a. aanboren", ["aandacht ikv W&S o.a. aanboren"]),
        ("in functieschaal 14. MT’s volgen", ["in functieschaal 14.", "MT’s volgen"]),
        (
            "AZ zet in op: 1. Bewustwording en 2. Het benutten.",
            ["AZ zet in op:", "1. Bewustwording en", "2. Het benutten."],
        ),
        ("speerpunten: - Eerste; - - Tweede;", ["speerpunten:", "- Eerste;", "- Tweede;"]),
        ("• Investeren. • Verankeren.", ["• Investeren.", "• Verankeren."]),
    ],
)
def test_sentence_splitting(text: str, expected: list[str]) -> None:
    assert [s.text for s in sentences(collapse(text))] == expected


def test_the_stored_sources_are_the_shared_originals() -> None:
    shared = REPO.parent / "shared" / "sources"
    if not shared.is_dir():
        pytest.skip("../shared/sources is not beside this checkout")
    stored = REPO / "data" / "sources"
    assert (stored / "charter-diversiteit-2016-focus-ondertekenaars.txt").read_bytes() == (
        shared / "000_8c5769e80ba453f8.txt"
    ).read_bytes()
    assert (stored / "bijlage-maatregelen-diversiteit-inclusiebeleid-rijk.txt").read_bytes() == (
        shared / "001_27402cc13201439a.txt"
    ).read_bytes()
