"""The prepared shapes kept on disk (dikg.validate.shapes): read when current, never when stale.

Each test has a cache folder of its own (``DIKG_CACHE_DIR``), so what it finds there is
what its own runs wrote.
"""

from __future__ import annotations

import hashlib
import pickle
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from dikg.root import resolve_root
from dikg.validate import shapes as kept
from dikg.validate.report import render
from dikg.validate.run import ValidationOutcome, validate
from tests.conftest import FIXTURES, run_dikg
from tests.test_validate_entries import summary

INVALID = FIXTURES / "entries" / "examples" / "invalid-measure.ttl"
OLD_MESSAGE = "Add an rdfs:label in English (@en): a translation of the Dutch label."
NEW_MESSAGE = "An English rdfs:label is missing here (edited shape)."


def pickles(cache: Path) -> list[Path]:
    return sorted((cache / kept.SHAPES).glob("*.pickle"))


def messages(outcome: ValidationOutcome) -> set[str]:
    return {p.result.message("en") for p in outcome.problems}


def test_a_cold_run_keeps_the_shapes_and_a_warm_run_gives_the_same_outcome(
    entry_root: Path, cache: Path
) -> None:
    root = resolve_root(entry_root)
    cold = validate(root, [INVALID])
    assert len(pickles(cache)) == 1
    warm = validate(root, [INVALID])
    assert render(warm, "json", lang="en") == render(cold, "json", lang="en")
    assert render(warm, "text", lang="en") == render(cold, "text", lang="en")
    assert summary(warm) == summary(cold)
    assert warm.shapes == cold.shapes == kept.shape_count(kept.load_shapes(root)) > 100
    assert len(pickles(cache)) == 1


def test_the_outcome_with_the_cache_is_the_outcome_without(
    entry_root: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = resolve_root(entry_root)
    validate(root, [INVALID])
    warm = validate(root, [INVALID])
    whole_warm = validate(root)
    monkeypatch.setenv("DIKG_NO_CACHE", "1")
    uncached = validate(root, [INVALID])
    assert render(warm, "json", lang="en") == render(uncached, "json", lang="en")
    assert render(whole_warm, "json", lang="en") == render(validate(root), "json", lang="en")


def test_no_cache_keeps_nothing(entry_root: Path, cache: Path, monkeypatch) -> None:
    monkeypatch.setenv("DIKG_NO_CACHE", "1")
    validate(resolve_root(entry_root), [INVALID])
    assert pickles(cache) == []


def test_a_warm_run_reads_the_kept_shapes(entry_root: Path, cache: Path) -> None:
    # a pickle holding other shapes (a valid one, with another count) is what a warm run uses
    root = resolve_root(entry_root)
    validate(root, [INVALID])
    [path] = pickles(cache)
    shapes = kept.prepare(kept.load_shapes(root))
    payload = pickle.dumps(replace(shapes, count=12345))
    digest = hashlib.sha256(payload).hexdigest().encode()
    path.write_bytes(kept.FORMAT + digest + b"\n" + payload)
    assert validate(root, [INVALID]).shapes == 12345


def test_an_edited_shape_file_shows_in_the_next_run(entry_root: Path, cache: Path) -> None:
    root = resolve_root(entry_root)
    assert OLD_MESSAGE in messages(validate(root, [INVALID]))
    shape_file = entry_root / "shapes" / "recommended.ttl"
    text = shape_file.read_text(encoding="utf-8")
    assert text.count(OLD_MESSAGE) == 1
    # same size, written at once: the key hashes contents, not sizes or times
    shape_file.write_text(text.replace(OLD_MESSAGE, NEW_MESSAGE.ljust(len(OLD_MESSAGE))))
    edited = messages(validate(root, [INVALID]))
    assert NEW_MESSAGE.ljust(len(OLD_MESSAGE)) in edited
    assert OLD_MESSAGE not in edited
    assert len(pickles(cache)) == 2


def test_an_added_shape_file_shows_in_the_next_run(entry_root: Path, cache: Path) -> None:
    root = resolve_root(entry_root)
    before = validate(root, [INVALID])
    (entry_root / "shapes" / "extra.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix dikg: <https://w3id.org/dikg/def#> .\n"
        "<urn:test:MeasureNeedsPhase> a sh:NodeShape ; sh:targetClass dikg:Measure ;\n"
        '  sh:property [ sh:path dikg:phase ; sh:minCount 1 ; sh:message "phase!"@en ] .\n',
        encoding="utf-8",
    )
    after = validate(root, [INVALID])
    assert "phase!" in messages(after)
    assert "phase!" not in messages(before)
    assert after.shapes == before.shapes + 1


def test_a_copied_root_has_a_key_of_its_own(entry_root: Path, tmp_path: Path) -> None:
    # relative IRIs in a shape file resolve against its folder, so the folder is in the key
    copy = tmp_path / "copy"
    shutil.copytree(entry_root, copy)
    first = kept.shapes_key(resolve_root(entry_root))
    assert kept.shapes_key(resolve_root(entry_root)) == first
    assert kept.shapes_key(resolve_root(copy)) != first


DAMAGE = {
    "empty": lambda data: b"",
    "truncated": lambda data: data[: len(data) // 2],
    "garbage": lambda data: bytes(range(256)) * 4,
    "one byte changed": lambda data: data[:-100] + bytes([data[-100] ^ 1]) + data[-99:],
    "not shapes": lambda data: (
        kept.FORMAT
        + hashlib.sha256(pickle.dumps({"not": "shapes"})).hexdigest().encode()
        + b"\n"
        + pickle.dumps({"not": "shapes"})
    ),
    "a directory": None,
}


@pytest.mark.parametrize("damage", DAMAGE, ids=str)
def test_a_damaged_cache_file_is_rebuilt_silently(
    entry_root: Path, cache: Path, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = resolve_root(entry_root)
    cold = validate(root, [INVALID])
    [path] = pickles(cache)
    if DAMAGE[damage] is None:
        path.unlink()
        path.mkdir()  # cannot be read, nor replaced: validation goes on without the cache
    else:
        damaged = DAMAGE[damage](path.read_bytes())
        path.write_bytes(damaged)
    again = validate(root, [INVALID])
    assert render(again, "json", lang="en") != ""
    assert summary(again) == summary(cold)
    assert capsys.readouterr().err == ""
    if DAMAGE[damage] is not None:
        assert path.read_bytes() != damaged  # written again, not read as it was
        rebuilt = kept._read(path)
        assert rebuilt is not None and rebuilt.count == cold.shapes


def test_the_command_cold_and_warm_prints_the_same(entry_root: Path, tmp_path: Path) -> None:
    env = {"DIKG_CACHE_DIR": str(tmp_path / "cache")}
    args = ("--root", entry_root, "validate", "--format", "json", INVALID)
    cold = run_dikg(*args, env=env)
    assert cold.returncode == 1, cold.stderr
    assert len(pickles(tmp_path / "cache")) == 1
    warm = run_dikg(*args, env=env)
    assert (warm.returncode, warm.stdout, warm.stderr) == (
        cold.returncode,
        cold.stdout,
        cold.stderr,
    )
    uncached = run_dikg(*args, env={**env, "DIKG_NO_CACHE": "1"})
    assert uncached.stdout == cold.stdout


def test_an_unusable_cache_folder_is_no_error(
    entry_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DIKG_CACHE_DIR", str(blocker / "cache"))
    root = resolve_root(entry_root)
    assert summary(validate(root, [INVALID])) == summary(validate(root, [INVALID]))
    assert blocker.read_text() == "not a folder"
