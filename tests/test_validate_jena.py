"""A second, independent SHACL engine agrees: Apache Jena SHACL on the same shapes and examples.

Runs where Debian's libapache-jena-java and a Java runtime are installed (skipped otherwise):
every example of tests/fixtures/shapes/ is validated by Jena (SHACL Core, SHACL-SPARQL and
SHACL-AF SPARQL targets) and by dikg's engine on the same graph, and both must give the same
set of (focus node, path, severity, source shape, value) for the example's resources.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from tests.conftest import FIXTURES
from tests.test_shapes import EXAMPLES, SHAPES, Example

JAVA_DIR = Path("/usr/share/java")
# Jena's jars and what they load, by their unversioned Debian names.
JARS = [
    "jena-arq",
    "jena-base",
    "jena-cmds",
    "jena-core",
    "jena-iri",
    "jena-shacl",
    "slf4j-api",
    "slf4j-nop",
    "commons-lang3",
    "commons-io",
    "commons-codec",
    "commons-compress",
    "commons-cli",
    "commons-csv",
    "dexx.collection",
    "gson",
    "jackson-core",
    "jackson-databind",
    "jackson-annotations",
    "jsonld-java",
    "titanium-json-ld",
    "jakarta.json-api",
    "thrift",
    "protobuf",
    "httpclient",
    "httpcore",
    "guava",
]

pytestmark = pytest.mark.slow


def _java_available() -> bool:
    return shutil.which("java") is not None and (JAVA_DIR / "jena-shacl.jar").is_file()


def _message_bundles(folder: Path) -> Path:
    """The xerces message bundles Debian's jena-core lacks where its relocated classes look.

    Debian's package moved Jena's shaded xerces to the package ``xerces`` but left its
    .properties files under ``org/apache/jena/ext/xerces``; without them Jena fails at start
    with "RuntimeException: internal error" in XSSimpleTypeDecl. Copying them fixes that.
    """
    with zipfile.ZipFile(JAVA_DIR / "jena-core.jar") as jar:
        for name in jar.namelist():
            prefix = "org/apache/jena/ext/xerces/impl/"
            if name.startswith(prefix) and name.endswith(".properties"):
                target = folder / "xerces" / "impl" / name[len(prefix) :]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    return folder


def _term(text: str):
    if text == "-":
        return None
    if text.startswith("<"):
        return URIRef(text[1:-1])
    if text.startswith("_:"):
        return BNode(text[2:])
    # Jena writes numbers and booleans in their short Turtle form (1.5, true)
    return (
        Graph()
        .parse(data=f"<urn:s> <urn:p> {text} .", format="turtle")
        .value(URIRef("urn:s"), URIRef("urn:p"))
    )


@pytest.fixture(scope="module")
def jena_results(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, set[tuple]]:
    if not _java_available():
        pytest.skip("Apache Jena (Debian's libapache-jena-java) or java is not installed")
    folder = tmp_path_factory.mktemp("jena")
    shapes = folder / "shapes.ttl"
    SHAPES.serialize(shapes, format="turtle")
    data_files = {}
    for number, example in enumerate(EXAMPLES):
        data = folder / f"example-{number}.nt"
        Example(example).comparison_graph().serialize(data, format="nt")
        data_files[str(data)] = example
    classpath = [str(_message_bundles(folder / "bundles"))]
    classpath += [
        str(JAVA_DIR / f"{jar}.jar") for jar in JARS if (JAVA_DIR / f"{jar}.jar").is_file()
    ]
    source = FIXTURES / "shapes" / "_jena" / "ShaclBatch.java"
    done = subprocess.run(
        ["java", "-cp", ":".join(classpath), str(source), str(shapes), *data_files],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    found: dict[Path, set[tuple]] = {example: set() for example in EXAMPLES}
    for line in done.stdout.splitlines():
        data, focus, path, severity, shape, value = line.split("\t")
        found[data_files[data]].add(
            (_term(focus), _term(path), _term(severity), _term(shape), _term(value))
        )
    return found


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_jena_agrees_with_dikg(jena_results: dict[Path, set[tuple]], example: Path) -> None:
    found = Example(example)
    dikg = found.on_comparison_graph(reference=False)
    ours = {(r.focus, r.path, r.severity, r.shape, r.value) for r in dikg}
    jena = {t for t in jena_results[example] if t[0] in found.focus}
    assert jena == ours


def test_literals_compare_as_terms() -> None:
    assert _term('"30.0"^^<http://www.w3.org/2001/XMLSchema#decimal>') == Literal(
        "30.0", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")
    )
