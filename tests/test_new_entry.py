"""`dikg new`: a form becomes a validated entry in data/, or nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rdflib import Graph
from rdflib.compare import isomorphic

from dikg.entry.form import KINDS, REQUIRED, slugify
from tests.conftest import FIXTURES, run_dikg

FORMS = FIXTURES / "forms"


@pytest.mark.parametrize("kind", KINDS)
def test_without_a_form_the_template_is_printed(kind: str) -> None:
    result = run_dikg("new", kind)
    assert result.returncode == 0
    form = yaml.safe_load(result.stdout)
    assert set(REQUIRED[kind]) <= set(form)
    assert all(value in (None, []) for value in form.values())  # nothing filled in yet
    assert f"dikg new {kind} --from" in result.stdout


def test_a_measure_form_becomes_a_canonical_validated_file(entry_root: Path) -> None:
    result = run_dikg("--root", entry_root, "new", "measure", "--from", FORMS / "measure.yaml")
    assert result.returncode == 0, result.stderr
    written = entry_root / "data" / "entries" / "measure" / "bzk-mentorprogramma-voor-trainees.ttl"
    assert result.stdout == f"{written}\n"
    assert "conforms: 0 violations, 0 warnings" in result.stderr
    expected = Graph().parse(FORMS / "measure-expected.ttl", format="turtle")
    assert isomorphic(Graph().parse(written, format="turtle"), expected)
    assert written.read_text(encoding="utf-8").startswith(
        "# dikg data: a measure written by `dikg new measure` from measure.yaml.\n"
    )
    # canonical form, and the graph with the new entry still conforms
    assert run_dikg("fmt", "--check", written).returncode == 0
    assert run_dikg("--root", entry_root, "validate").returncode == 0


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("policy", "policy/bzk-meer-biculturele-medewerkers.ttl"),
        ("organisation", "organisation/sv.ttl"),
    ],
)
def test_policy_and_organisation_forms(entry_root: Path, kind: str, path: str) -> None:
    result = run_dikg("--root", entry_root, "new", kind, "--from", FORMS / f"{kind}.yaml")
    assert result.returncode == 0, result.stderr
    assert (entry_root / "data" / "entries" / path).is_file()


def test_dry_run_prints_the_turtle_and_writes_nothing(entry_root: Path) -> None:
    form = FORMS / "measure.yaml"
    result = run_dikg("--root", entry_root, "new", "measure", "--from", form, "--dry-run")
    assert result.returncode == 0, result.stderr
    expected = Graph().parse(FORMS / "measure-expected.ttl", format="turtle")
    assert isomorphic(Graph().parse(data=result.stdout, format="turtle"), expected)
    assert not (entry_root / "data" / "entries").exists()


def _refused(entry_root: Path, form: str, code: int = 2) -> str:
    result = run_dikg("--root", entry_root, "new", "measure", "--from", FORMS / form)
    assert result.returncode == code, result.stdout + result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert not (entry_root / "data" / "entries").exists()
    return result.stderr


def test_an_unknown_label_is_refused_with_close_matches(entry_root: Path) -> None:
    form = FORMS / "unknown-target-group.yaml"
    assert _refused(entry_root, "unknown-target-group.yaml").splitlines() == [
        f"dikg: error: {form}: target_groups: no concept of the target-groups scheme is called "
        "'vrouwe'",
        "  hint: did you mean: vrouwen (women); man/vrouw (sex); man/ vrouw (sex)?",
    ]


def test_an_entry_that_does_not_validate_is_not_written(entry_root: Path) -> None:
    stderr = _refused(entry_root, "quote-not-in-source.yaml", code=1)
    assert stderr.splitlines()[:3] == [
        "data/entries/measure/bzk-een-verzonnen-maatregel.ttl:13: "
        "measure:bzk-een-verzonnen-maatregel",
        '  Violation  dikg:sourceQuote  "Het ministerie verzint een maatregel."',
        "      The quote does not occur in the stored text of document:voorbeeld: copy it from "
        "the source character for character (line breaks and spaces may differ).",
    ]
    assert "measure not written" in stderr


def test_an_iri_in_use_is_refused(entry_root: Path) -> None:
    form = FORMS / "slug-in-use.yaml"
    assert _refused(entry_root, "slug-in-use.yaml").splitlines()[0] == (
        f"dikg: error: {form}: measure/bzk-workshops is already in use (in data/measures.ttl)"
    )


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ("unknown-field.yaml", "unknown field for a measure: targetgroups"),
        ("missing-fields.yaml", "required fields left empty: actor, source, quotes"),
    ],
)
def test_bad_forms_are_refused(entry_root: Path, form: str, message: str) -> None:
    assert _refused(entry_root, form).splitlines()[0] == f"dikg: error: {FORMS / form}: {message}"


def test_a_yaml_syntax_error_names_the_line(entry_root: Path) -> None:
    form = FORMS / "syntax-error.yaml"
    assert _refused(entry_root, "syntax-error.yaml").startswith(
        f"dikg: error: {form}:4: YAML syntax error:"
    )


def test_a_form_that_is_not_a_mapping(entry_root: Path, tmp_path: Path) -> None:
    form = tmp_path / "list.yaml"
    form.write_text("- actor: BZK\n", encoding="utf-8")
    result = run_dikg("--root", entry_root, "new", "policy", "--from", form)
    assert result.returncode == 2
    assert result.stderr.startswith(f"dikg: error: {form}: not a form")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Mentorprogramma voor trainees", "mentorprogramma-voor-trainees"),
        ("Behoud & doorstroom: één aanpak!", "behoud-doorstroom-een-aanpak"),
        ("a" * 30 + " " + "b" * 40, "a" * 30),
    ],
)
def test_slugs(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_the_packaged_graph_is_never_written(entry_root: Path) -> None:
    from dikg.entry.create import create_entry
    from dikg.errors import InputError
    from dikg.root import GraphRoot

    with pytest.raises(InputError, match="packaged with dikg is not for writing"):
        create_entry(GraphRoot(entry_root, "package"), "measure", FORMS / "measure.yaml")
    assert not (entry_root / "data" / "entries").exists()
