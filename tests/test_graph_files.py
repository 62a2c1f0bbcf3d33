"""Which files make up the graph (dikg.rdf.files.graph_files): every warm query lists them."""

from __future__ import annotations

from pathlib import Path

from dikg.rdf.files import graph_file_names, graph_files
from dikg.root import GraphRoot


def test_turtle_files_of_ontology_and_data_in_the_order_of_their_paths(tmp_path: Path):
    for name in (
        "data/b.ttl",
        "data/a/z.ttl",
        "data/a-b.ttl",
        "ontology/dikg.ttl",
        "data/notes.md",
        "shapes/s.ttl",
        "data/.hidden.ttl",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    (tmp_path / "data" / "folder.ttl").mkdir()  # a folder with a Turtle name is no file
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.ttl").write_text("")
    (tmp_path / "data" / "linked").symlink_to(elsewhere)  # a linked folder is not entered
    (tmp_path / "data" / "link.ttl").symlink_to(elsewhere / "x.ttl")  # a linked file counts
    (tmp_path / "data" / "broken.ttl").symlink_to(tmp_path / "missing.ttl")

    found = graph_files(GraphRoot(tmp_path, "option"))

    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "data/.hidden.ttl",
        "data/a-b.ttl",
        "data/a/z.ttl",  # by the path as text: "-" sorts before "/"
        "data/b.ttl",
        "data/link.ttl",
        "ontology/dikg.ttl",
    ]
    assert all(isinstance(p, Path) and p.is_absolute() for p in found)
    # what the stamp of every warm query reads: the same files, as strings
    assert graph_file_names(GraphRoot(tmp_path, "option")) == [str(p) for p in found]
