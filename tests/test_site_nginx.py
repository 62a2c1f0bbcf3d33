"""Dereferencing for real: Debian's nginx serves a written site with the shipped rules.

nginx runs in the foreground as a subprocess with a configuration in tmp that includes the
site's server/nginx.conf (maps, http level) and server/nginx-locations.conf (server level),
exactly as their header tells a publisher to, on a free loopback port.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph, URIRef

from dikg.root import resolve_root
from dikg.site.server import server_rules
from dikg.site.write import write_site

REPO = Path(__file__).resolve().parents[1]
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
MEASURE = "https://w3id.org/dikg/id/measure/defensie-2016-samenwerking-giving-back"
ONTOLOGY = "https://w3id.org/dikg/def"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
MIME_TYPES = Path("/etc/nginx/mime.types")
# the configuration a publisher writes around the shipped rules (here: everything in tmp)
CONFIG = """
daemon off;
master_process off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 64; }}
http {{
    {mime}
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {site}/server/nginx.conf;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        include {site}/server/nginx-locations.conf;
    }}
}}
"""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        NGINX is None, reason="nginx is not installed (apt-get install nginx-light)"
    ),
]


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True)
class Served:
    site: Path
    url: str  # where the site is served, ending in /

    def get(self, path: str, accept: str | None = None, language: str | None = None) -> Response:
        request = urllib.request.Request(self.url + path)
        if accept is not None:
            request.add_header("Accept", accept)
        if language is not None:
            request.add_header("Accept-Language", language)
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return Response(answer.status, dict(answer.headers.items()), answer.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, dict(error.headers.items()), error.read())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"nginx exited with {process.returncode}: {log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"nginx did not listen on {port}: {log.read_text() if log.exists() else ''}")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `dikg publish` writes it: pages, per-resource RDF and the server rules."""
    out = tmp_path_factory.mktemp("published") / "site"
    write_site(resolve_root(REPO), out, "https://data.example.org/")
    server_rules(out, "https://data.example.org/")
    return out


def _serve(site: Path, tmp: Path, mount: str) -> Iterator[Served]:
    """Serve ``site`` at ``/{mount}`` (the rules written for that base path)."""
    root = tmp / "root"
    root.mkdir(parents=True)
    if mount:
        (root / mount.strip("/")).symlink_to(site)
    else:
        root = site
    port = _free_port()
    mime = f"include {MIME_TYPES};" if MIME_TYPES.is_file() else ""
    config = tmp / "nginx.conf"
    text = CONFIG.format(tmp=tmp, site=site, root=root, port=port, mime=mime)
    config.write_text(text, encoding="utf-8")
    log = tmp / "error.log"
    process = subprocess.Popen(
        [NGINX, "-p", str(tmp), "-c", str(config), "-e", str(log)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(port, process, log)
        yield Served(site, f"http://127.0.0.1:{port}/{mount}")
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def served(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from _serve(site, tmp_path_factory.mktemp("nginx"), "")


def _path(iri: str) -> str:
    return iri.removeprefix("https://w3id.org/dikg/")


def test_turtle_is_the_resource_description(served: Served) -> None:
    answer = served.get(_path(MEASURE), accept="text/turtle")
    assert answer.status == 200
    assert answer.headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=answer.body, format="turtle")
    assert (URIRef(MEASURE), None, None) in graph
    assert answer.body == (served.site / (_path(MEASURE) + ".ttl")).read_bytes()


def test_json_ld_is_the_resource_description(served: Served) -> None:
    answer = served.get(_path(MEASURE), accept="application/ld+json")
    assert answer.status == 200
    assert answer.headers["Content-Type"].startswith("application/ld+json")
    json.loads(answer.body)
    graph = Graph().parse(data=answer.body, format="json-ld")
    assert (URIRef(MEASURE), None, None) in graph


@pytest.mark.parametrize("accept", ["text/html", BROWSER, None, "*/*"])
def test_browsers_and_clients_without_a_preference_get_the_page(served: Served, accept) -> None:
    answer = served.get(_path(MEASURE), accept=accept)
    assert answer.status == 200
    assert answer.headers["Content-Type"].startswith("text/html")
    assert answer.body == (served.site / (_path(MEASURE) + ".html")).read_bytes()


def test_a_dutch_browser_gets_the_dutch_page(served: Served) -> None:
    answer = served.get(_path(MEASURE), accept=BROWSER, language="nl-NL,nl;q=0.9,en;q=0.8")
    assert answer.body == (served.site / (_path(MEASURE) + ".nl.html")).read_bytes()
    english = served.get(_path(MEASURE), accept=BROWSER, language="en-GB,en;q=0.9,nl;q=0.8")
    assert english.body == (served.site / (_path(MEASURE) + ".html")).read_bytes()
    home = served.get("", accept=BROWSER, language="nl")
    assert home.body == (served.site / "index.nl.html").read_bytes()


@pytest.mark.parametrize(
    ("accept", "suffix"),
    [
        ("text/turtle, application/ld+json;q=0.9", ".ttl"),
        ("application/ld+json, text/turtle;q=0.9", ".jsonld"),
        ("application/rdf+xml;q=0.9, text/turtle;q=0.8, */*;q=0.1", ".ttl"),
        ("text/html, text/turtle;q=0.5", ".html"),
        ("TEXT/TURTLE", ".ttl"),
    ],
)
def test_the_first_listed_type_wins(served: Served, accept: str, suffix: str) -> None:
    answer = served.get(_path(MEASURE), accept=accept)
    assert answer.body == (served.site / (_path(MEASURE) + suffix)).read_bytes()


def test_the_ontology_iri_gives_the_ontology(served: Served) -> None:
    answer = served.get("def", accept="text/turtle")
    assert answer.status == 200
    assert answer.headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=answer.body, format="turtle")
    assert (URIRef(ONTOLOGY), RDF.type, OWL.Ontology) in graph
    page = served.get("def", accept=BROWSER)
    assert page.body == (served.site / "def.html").read_bytes()


def test_every_negotiated_answer_varies_by_accept(served: Served) -> None:
    for accept in ("text/turtle", "application/ld+json", BROWSER):
        for path in (_path(MEASURE), "def"):
            vary = served.get(path, accept=accept).headers.get("Vary", "")
            assert "Accept" in [v.strip() for v in vary.split(",")], (path, accept, vary)


@pytest.mark.parametrize(
    "path",
    [
        "id/measure/no-such-measure",
        "id/no-such-kind/x",
        "id/measure/x/y",
        "def/x",
        "id/measure/X.ttl",
    ],
)
def test_an_unknown_iri_is_not_found(served: Served, path: str) -> None:
    assert served.get(path, accept="text/turtle").status == 404
    assert served.get(path, accept=BROWSER).status == 404


def test_the_files_the_pages_link_to_have_their_media_types(served: Served) -> None:
    ttl = served.get(_path(MEASURE) + ".ttl")
    assert ttl.headers["Content-Type"].startswith("text/turtle")
    jsonld = served.get(_path(MEASURE) + ".jsonld")
    assert jsonld.headers["Content-Type"].startswith("application/ld+json")
    assert served.get("def.jsonld").headers["Content-Type"].startswith("application/ld+json")


def test_a_site_under_a_sub_path(site: Path, tmp_path: Path) -> None:
    """The rules written for https://data.example.org/dikg/ work at /dikg/."""
    moved = tmp_path / "site"
    shutil.copytree(site, moved, symlinks=True)
    server_rules(moved, "https://data.example.org/dikg/")
    for served in _serve(moved, tmp_path / "nginx", "dikg/"):
        turtle = served.get(_path(MEASURE), accept="text/turtle")
        assert turtle.body == (moved / (_path(MEASURE) + ".ttl")).read_bytes()
        assert served.get("def", accept=BROWSER).body == (moved / "def.html").read_bytes()
        assert served.get("id/measure/no-such", accept="text/turtle").status == 404


def test_every_resource_of_the_site_dereferences(served: Served) -> None:
    """The contract with the site writer: each id/{kind}/{slug} has its four files, and the
    rules negotiate every one of them (a slug outside the rules' pattern would be 404)."""
    documents = sorted(
        path.relative_to(served.site).as_posix().removesuffix(".ttl")
        for path in (served.site / "id").rglob("*.ttl")
    )
    assert len(documents) > 300
    for document in documents:
        for suffix in (".html", ".nl.html", ".jsonld"):
            assert (served.site / (document + suffix)).is_file(), document + suffix
        answer = served.get(document, accept="text/turtle")
        assert answer.status == 200, document
        assert answer.body == (served.site / (document + ".ttl")).read_bytes(), document
