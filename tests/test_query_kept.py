"""Vocabularies kept beside a cached store (dikg.queries.kept): read instead of worked out
again, worked out again when damaged or when the code that made them changes, and never
needed (no cache, an unwritable folder) for a right answer."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from dikg.errors import InputError
from dikg.graph.store import load_store
from dikg.queries import kept
from dikg.queries.backend import EmbeddedBackend
from dikg.queries.run import prepare
from dikg.queries.vocabulary import Vocabulary, scheme_vocabulary
from dikg.root import resolve_root
from tests.conftest import REPO

ROOT = resolve_root(REPO)
TG = "https://w3id.org/dikg/id/target-group/"
OCW = "https://w3id.org/dikg/id/organisation/ocw"


def bound(name: str, parameter: str, value: str) -> ox.NamedNode | ox.Literal:
    prepared = prepare(ROOT, name=name, params=[(parameter, value)], wait=True)
    return prepared.bindings[f"_{parameter}_iri"]


def group(value: str) -> ox.NamedNode | ox.Literal:
    return bound("measures-by-target-group", "group", value)


def kept_files(cache: Path) -> list[Path]:
    return sorted(cache.glob(f"*/{kept.FOLDER}/*.json"))


def test_a_cached_store_keeps_the_vocabulary_a_value_was_resolved_with(cache):
    assert group("LHBTI") == ox.NamedNode(TG + "lhbti")
    (path,) = kept_files(cache)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["kind"] == "concept of target-groups"
    # the next question reads the kept file, not the store: doctored, it is believed
    data["names"]["lhbti"] = [TG + "women"]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert group("LHBTI") == ox.NamedNode(TG + "women")


def test_organisations_are_kept_too(cache):
    assert bound("measures-by-ministry", "ministry", "OCW") == ox.NamedNode(OCW)
    (path,) = kept_files(cache)
    assert json.loads(path.read_text(encoding="utf-8"))["kind"] == "organisation"


@pytest.mark.parametrize("damage", ["{not json", '{"kind": "x"}', "[1, 2]"])
def test_a_damaged_kept_vocabulary_is_worked_out_and_written_again(cache, damage):
    group("lhbti")
    (path,) = kept_files(cache)
    path.write_text(damage, encoding="utf-8")
    assert group("lhbti") == ox.NamedNode(TG + "lhbti")
    assert json.loads(path.read_text(encoding="utf-8"))["kind"] == "concept of target-groups"


def test_nothing_is_kept_for_a_store_in_memory(cache, monkeypatch):
    monkeypatch.setenv("DIKG_NO_CACHE", "1")
    assert group("lhbti") == ox.NamedNode(TG + "lhbti")
    assert not cache.exists() or not kept_files(cache)


def test_a_folder_that_cannot_be_written_only_costs_time(cache):
    group("women")  # builds the store and keeps one vocabulary
    (store_folder,) = {path.parent.parent for path in kept_files(cache)}
    for path in kept_files(cache):
        path.unlink()
    (store_folder / kept.FOLDER).rmdir()
    (store_folder / kept.FOLDER).write_text("a file where the folder would be", encoding="utf-8")
    assert group("lhbti") == ox.NamedNode(TG + "lhbti")


def test_a_change_to_the_code_that_made_a_vocabulary_gives_another_file(monkeypatch, tmp_path):
    for name in kept.MADE_BY:
        assert (Path(kept.__file__).parent / name).is_file(), name
    before = kept.kept_path(tmp_path, ("scheme", TG))
    assert kept.kept_path(tmp_path, ("organisations",)) != before
    monkeypatch.setattr(kept, "_code", lambda: b"another version of the code")
    assert kept.kept_path(tmp_path, ("scheme", TG)) != before


def test_a_kept_vocabulary_resolves_and_suggests_as_the_worked_out_one():
    backend = EmbeddedBackend(load_store(ROOT))
    schemes = backend.store.query(
        "SELECT DISTINCT ?s WHERE { ?c <http://www.w3.org/2004/02/skos/core#inScheme> ?s }",
        use_default_graph_as_union=True,
    )
    iris = sorted(solution["s"].value for solution in schemes)
    assert len(iris) >= 5
    for iri in iris:
        worked_out = scheme_vocabulary(backend, iri, "concept")
        again = Vocabulary.from_json(json.loads(json.dumps(worked_out.to_json())))
        assert (again.kind, again.names, again.shown, again.members) == (
            worked_out.kind,
            worked_out.names,
            worked_out.shown,
            worked_out.members,
        )
        assert list(again.shown) == list(worked_out.shown)  # first spellings, in order
        for word in [*list(worked_out.shown)[:3], "vrouw", "traning", "xyz"]:
            assert outcome(again, word) == outcome(worked_out, word)


def outcome(vocabulary: Vocabulary, word: str) -> str | tuple[str, str | None]:
    """What resolving ``word`` gives: the resource, or the error's message and hint."""
    try:
        return vocabulary.resolve("p", word)
    except InputError as error:
        return error.message, error.hint
