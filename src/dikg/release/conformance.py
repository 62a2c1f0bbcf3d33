"""Check release metadata against the official DCAT-AP-NL 3.0 SHACL shapes with pySHACL.

The shapes are not shipped with dikg: point at a directory holding them (Geonovum's
DCAT-AP-NL 3.0 files and SEMIC's DCAT-AP 3.0.1 base, e.g. ``dcat-ap-SHACL.ttl``,
``dcat-ap-nl-SHACL.ttl``, ``dcat-ap-nl-SHACL-klassebereik.ttl``,
``dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl``, ``dcat-ap-nl-SHACL-aanbevolen.ttl``).
Every ``*SHACL*.ttl`` file there is run on its own, so a result names the file it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate
from rdflib import SH, Graph, URIRef

from dikg.errors import InputError
from dikg.rdf.parse import parse_turtle

SHAPES_GLOB = "*SHACL*.ttl"


@dataclass(frozen=True)
class Finding:
    """One SHACL validation result (https://www.w3.org/TR/shacl/#results-validation-result)."""

    shapes_file: str
    severity: str
    focus: str
    path: str
    shape: str
    message: str

    def __str__(self) -> str:
        return (
            f"{self.shapes_file}: {self.severity}: {self.focus} {self.path}: {self.message} "
            f"({self.shape})"
        )


def shapes_files(folder: Path) -> list[Path]:
    """The SHACL files of the DCAT-AP-NL shapes directory, sorted by name.

    Raises:
        InputError: if the directory holds none.
    """
    found = sorted(folder.glob(SHAPES_GLOB)) if folder.is_dir() else []
    if not found:
        raise InputError(
            f"no {SHAPES_GLOB} files in {folder}",
            hint="point --dcat-shapes at the DCAT-AP-NL 3.0 SHACL shapes",
        )
    return found


def dangling_property_shapes(shapes: Graph) -> list[tuple[str, str]]:
    """``sh:property`` links to shapes the file never defines (no ``sh:path``).

    SEMIC's dcat-ap-SHACL.ttl 3.0.1 links ``dcat:DataServiceShape`` to two such nodes;
    pySHACL refuses the whole file for them (they are not well-formed property shapes,
    https://www.w3.org/TR/shacl/#property-shapes). They constrain nothing, so
    :func:`check` drops the links and reports them here.
    """
    return sorted(
        (str(shape), str(target))
        for shape, target in shapes.subject_objects(SH.property)
        if shapes.value(target, SH.path) is None
    )


def load_shapes(path: Path) -> Graph:
    """Parse a shapes file, without its dangling ``sh:property`` links."""
    shapes = parse_turtle(path)
    for shape, target in dangling_property_shapes(shapes):
        shapes.remove((URIRef(shape), SH.property, URIRef(target)))
    return shapes


def check(metadata: Graph, folder: Path) -> list[Finding]:
    """Validate ``metadata`` against each shapes file in ``folder`` (no inference).

    Returns:
        Every result of every file: violations, warnings and infos, sorted.
    """
    findings = []
    for path in shapes_files(folder):
        shapes = load_shapes(path)
        _, report, _ = validate(metadata, shacl_graph=shapes, inference="none", advanced=True)
        for result in report.subjects(SH.focusNode, None):
            source = report.value(result, SH.sourceShape)
            findings.append(
                Finding(
                    path.name,
                    str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
                    str(report.value(result, SH.focusNode)),
                    str(report.value(result, SH.resultPath) or ""),
                    str(source) if source is not None else "",
                    str(report.value(result, SH.resultMessage) or ""),
                )
            )
    return sorted(findings, key=lambda f: (f.shapes_file, f.severity, f.focus, f.path, f.shape))
