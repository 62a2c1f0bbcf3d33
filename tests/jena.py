"""Apache Jena as Debian packages it (libapache-jena-java 4.5), run from the tests.

A Java source file (tests/fixtures/shapes/_jena/*.java) is run with ``java FILE.java`` on a
classpath of Debian's Jena jars; :func:`run_jena` skips the calling test with a reason where
Jena or a Java runtime is missing.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

JAVA_DIR = Path("/usr/share/java")
SOURCES = FIXTURES / "shapes" / "_jena"
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


def java_available() -> bool:
    """Whether a Java runtime and Debian's Jena SHACL jar are installed."""
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


def jena_command(source: str, *args: str | Path, work: Path) -> list[str]:
    """The command that runs ``SOURCES/source`` (a single-file Java program) with Jena.

    ``work`` is a folder for the message bundles the classpath needs. Also used by
    benchmarks/bench_scale.py, which times Jena's validator against dikg's.
    """
    classpath = [str(_message_bundles(work / "bundles"))]
    classpath += [
        str(JAVA_DIR / f"{jar}.jar") for jar in JARS if (JAVA_DIR / f"{jar}.jar").is_file()
    ]
    return ["java", "-cp", ":".join(classpath), str(SOURCES / source), *map(str, args)]


def run_jena(source: str, *args: str | Path, work: Path) -> str:
    """Run ``SOURCES/source`` (a single-file Java program) with Jena; its standard output.

    Skips the test when Jena or Java is missing; fails it when the program fails.
    """
    if not java_available():
        pytest.skip("Apache Jena (Debian's libapache-jena-java) or java is not installed")
    done = subprocess.run(
        jena_command(source, *args, work=work), capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return done.stdout
