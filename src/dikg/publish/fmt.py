"""``dikg fmt``: keep every Turtle file of the repository in one canonical form."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.compare import isomorphic

from dikg.errors import InputError
from dikg.rdf.canonical import canonical_turtle, leading_comments
from dikg.rdf.files import TURTLE_SUFFIX, atomic_write, read_text
from dikg.rdf.parse import parse_turtle
from dikg.root import GraphRoot

# Folders whose Turtle files `dikg fmt` formats when no path is given.
FORMATTED_DIRS = ("ontology", "data", "shapes")


@dataclass(frozen=True)
class FormatOutcome:
    """What formatting did (or would do) to one file."""

    path: Path
    changed: bool


def default_paths(root: GraphRoot) -> list[Path]:
    """The Turtle files of ontology/, data/ and shapes/ under the root."""
    return expand_paths(root.path / d for d in FORMATTED_DIRS if (root.path / d).is_dir())


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Turn files and directories into a sorted list of Turtle files.

    Raises:
        InputError: for a path that does not exist.
    """
    files: set[Path] = set()
    for path in paths:
        if path.is_dir():
            files.update(p for p in path.rglob(f"*{TURTLE_SUFFIX}") if p.is_file())
        elif path.exists():
            files.add(path)
        else:
            raise InputError("no such file or directory", path=path, hint="check the path")
    return sorted(files)


def format_file_text(path: Path) -> tuple[str, str]:
    """Read a Turtle file and compute its canonical form.

    Returns:
        The current text and the canonical text.

    Raises:
        InputError: if the file cannot be read or parsed, or if the canonical form would
            not hold the same triples (a serializer defect; the file is then left alone).
    """
    current = read_text(path)
    graph = parse_turtle(path)
    canonical = canonical_turtle(graph, header=leading_comments(current))
    reparsed = Graph().parse(data=canonical, format="turtle", publicID=path.resolve().as_uri())
    if not isomorphic(graph, reparsed):
        raise InputError(
            "the canonical form would not hold the same triples; the file was left unchanged",
            path=path,
            hint="report this as a dikg bug, with the file",
        )
    return current, canonical


def format_files(paths: Iterable[Path], *, check: bool = False) -> list[FormatOutcome]:
    """Format Turtle files in place, or only check them.

    Every file is parsed before any is written, so a syntax error in one file leaves all
    files untouched.

    Args:
        paths: the files to format.
        check: if true, write nothing and only report which files differ.

    Returns:
        One outcome per file, in the order given.
    """
    planned = []
    for path in paths:
        current, canonical = format_file_text(path)
        planned.append((path, current, canonical))
    outcomes = []
    for path, current, canonical in planned:
        changed = current != canonical
        if changed and not check:
            atomic_write(path, canonical.encode("utf-8"))
        outcomes.append(FormatOutcome(path, changed))
    return outcomes
