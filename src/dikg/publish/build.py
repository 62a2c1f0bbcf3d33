"""``dikg build``: merge ontology/ and data/ into one graph and write it in every common syntax."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph

from dikg.graph.loaded import load_sources
from dikg.rdf.canonical import (
    TRIG_FORMAT_NAME,
    canonical_copy,
    canonical_dataset,
    canonical_turtle,
    sorted_view,
)
from dikg.rdf.files import atomic_write
from dikg.rdf.parse import SourceGraph, merge_sources
from dikg.root import GraphRoot

DUMP_NAME = "dikg"
SUMMARY_NAME = "summary.json"
CHECKSUMS_NAME = "SHA256SUMS"

# file suffix -> (rdflib format, keyword arguments); the TriG dump is written separately.
GRAPH_FORMATS: dict[str, tuple[str, dict]] = {
    "nt": ("nt", {}),
    "jsonld": ("json-ld", {"auto_compact": True, "indent": 2, "sort_keys": True}),
    "rdf": ("xml", {}),
}


@dataclass
class BuildResult:
    """What a build wrote and what the graph holds."""

    out: Path
    files: list[Path] = field(default_factory=list)
    summary: dict = field(default_factory=dict)


def summarize(graph: Graph, sources: list[SourceGraph]) -> dict:
    """Count triples overall, per source file and resources per class."""
    per_class = Counter(cls for _, cls in graph.subject_objects(RDF.type))
    return {
        "triples": len(graph),
        "subjects": len(set(graph.subjects())),
        "sources": {source.relative: len(source.graph) for source in sources},
        "resources_per_class": {
            graph.namespace_manager.normalizeUri(cls): count
            for cls, count in sorted(per_class.items(), key=lambda item: (-item[1], str(item[0])))
        },
    }


def _sorted_jsonld(node):
    """Sort JSON-LD node objects and value arrays; ``@list`` arrays keep their order.

    Arrays other than lists are unordered in JSON-LD
    (https://www.w3.org/TR/json-ld11/#sets-and-lists), so sorting them changes nothing but
    makes the output independent of the hash seed.
    """
    if isinstance(node, dict):
        return {
            key: [_sorted_jsonld(item) for item in value]
            if key == "@list"
            else _sorted_jsonld(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        items = [_sorted_jsonld(item) for item in node]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return node


def _serialize(graph: Graph, fmt: str, options: dict) -> bytes:
    text = graph.serialize(format=fmt, **options)
    data = text.encode("utf-8") if isinstance(text, str) else text
    if fmt == "nt":
        # one triple per line: sorting lines gives a stable order
        lines = sorted(line for line in data.decode("utf-8").splitlines() if line.strip())
        data = ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
    elif fmt == "json-ld":
        document = _sorted_jsonld(json.loads(data))
        data = (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
    return data


def build(root: GraphRoot, out: Path) -> BuildResult:
    """Build the graph dumps, a summary and checksums into ``out``.

    Every file is rendered in memory before any is written, and each is written atomically,
    so a failed build leaves a previous build's files intact.

    Args:
        root: the graph root.
        out: the output directory (created if needed).

    Returns:
        The written files and the summary.
    """
    sources = load_sources(root)
    merged = merge_sources(sources)
    canonical = canonical_copy(merged)

    rendered: dict[str, bytes] = {f"{DUMP_NAME}.ttl": canonical_turtle(canonical).encode("utf-8")}
    for suffix, (fmt, options) in GRAPH_FORMATS.items():
        rendered[f"{DUMP_NAME}.{suffix}"] = _serialize(sorted_view(canonical), fmt, options)
    dataset = canonical_dataset(
        {source.name: source.graph for source in sources}, namespaces_from=merged
    )
    rendered[f"{DUMP_NAME}.trig"] = _serialize(dataset, TRIG_FORMAT_NAME, {})

    summary = summarize(merged, sources)
    rendered[SUMMARY_NAME] = (json.dumps(summary, indent=2, ensure_ascii=False) + "\n").encode()
    checksums = "".join(
        f"{hashlib.sha256(content).hexdigest()}  {name}\n"
        for name, content in sorted(rendered.items())
    )
    rendered[CHECKSUMS_NAME] = checksums.encode()

    result = BuildResult(out=out, summary=summary)
    for name, content in rendered.items():
        atomic_write(out / name, content)
        result.files.append(out / name)
    return result
