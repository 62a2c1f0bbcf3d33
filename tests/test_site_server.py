"""The server rules (dikg.site.server): what each file says, and Apache httpd running them.

The nginx rules are served for real in tests/test_site_nginx.py. Here the Apache .htaccess and
the w3id.org rules are checked twice: by reading them (every format named, every pattern a
valid regular expression that negotiates as intended, 303 for IRIs, the base URL in every
target) and, where Debian's apache2 is installed, by Apache itself serving a written site, the
w3id.org rules included, with the redirects followed to the files.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from dikg.errors import InputError
from dikg.root import resolve_root
from dikg.site.server import APACHE, NGINX_LOCATIONS, NGINX_MAPS, W3ID, render_rules, server_rules

REPO = Path(__file__).resolve().parents[1]
BASE = "https://data.example.org/dikg/"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
SLUG = "id/measure/defensie-2016-samenwerking-giving-back"
APACHE_BIN = shutil.which("apache2") or (
    "/usr/sbin/apache2" if Path("/usr/sbin/apache2").exists() else None
)
MODULES = Path("/usr/lib/apache2/modules")
# (path under the site, Accept, Accept-Language) → the file the rules must answer with
CASES = [
    (SLUG, "text/turtle", None, f"{SLUG}.ttl"),
    (SLUG, "application/ld+json", None, f"{SLUG}.jsonld"),
    (SLUG, "application/ld+json, text/turtle;q=0.9", None, f"{SLUG}.jsonld"),
    (SLUG, "text/turtle, application/ld+json", None, f"{SLUG}.ttl"),
    (SLUG, "Text/Turtle", None, f"{SLUG}.ttl"),
    (SLUG, BROWSER, None, f"{SLUG}.html"),
    (SLUG, "text/html, text/turtle;q=0.5", None, f"{SLUG}.html"),
    (SLUG, "", None, f"{SLUG}.html"),
    (SLUG, BROWSER, "nl-NL,nl;q=0.9,en;q=0.8", f"{SLUG}.nl.html"),
    (SLUG, BROWSER, "en-GB,en;q=0.9,nl;q=0.8", f"{SLUG}.html"),
    (SLUG, BROWSER, "nds", f"{SLUG}.html"),  # Low Saxon is not nl
    (SLUG, "text/turtle", "nl", f"{SLUG}.ttl"),
    ("def", "text/turtle", None, "def.ttl"),
    ("def", "application/ld+json", None, "def.jsonld"),
    ("def", BROWSER, None, "def.html"),
    ("def", BROWSER, "nl", "def.nl.html"),
]


@dataclass(frozen=True)
class Rule:
    conditions: list[tuple[str, re.Pattern]]  # (tested value: Accept or Accept-Language, regex)
    pattern: re.Pattern
    target: str
    flags: str


def parse_rewrite(text: str) -> list[Rule]:
    """The RewriteCond/RewriteRule chain of an .htaccess, with Python's re for the patterns."""
    rules, conditions = [], []
    for line in text.splitlines():
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        if words[0] == "RewriteCond":
            variable, pattern = words[1], words[2]
            flags = words[3] if len(words) > 3 else ""
            assert flags in ("", "[NC]"), line
            header = {"%{HTTP_ACCEPT}": "accept", "%{HTTP:Accept-Language}": "language"}
            conditions.append((header[variable], re.compile(pattern, re.IGNORECASE)))
        elif words[0] == "RewriteRule":
            rules.append(Rule(conditions, re.compile(words[1]), words[2], words[3]))
            conditions = []
    assert not conditions, "a RewriteCond without its RewriteRule"
    return rules


def rewrite(rules: list[Rule], path: str, accept: str, language: str) -> tuple[str, str] | None:
    """What mod_rewrite does with the chain (conditions ANDed, first matching rule wins)."""
    headers = {"accept": accept, "language": language}
    for rule in rules:
        found = rule.pattern.search(path)
        if found and all(regex.search(headers[h]) for h, regex in rule.conditions):
            return found.expand(rule.target.replace("$1", r"\1")), rule.flags
    return None


@pytest.fixture(scope="module")
def rules() -> dict[str, str]:
    return {path: content.decode() for path, content in render_rules(BASE).items()}


def test_every_rule_file_names_every_format(rules) -> None:
    assert sorted(rules) == sorted([APACHE, NGINX_MAPS, NGINX_LOCATIONS, W3ID])
    for path in (APACHE, NGINX_MAPS, W3ID):
        for needle in (".ttl", ".jsonld", ".nl.html", ".html", "text/turtle", "ld\\+json"):
            assert needle in rules[path], (path, needle)
    assert "AddType text/turtle .ttl" in rules[APACHE]
    assert "AddType application/ld+json .jsonld" in rules[APACHE]
    assert 'Header merge Vary "Accept, Accept-Language"' in rules[APACHE]
    assert "RewriteBase /dikg/" in rules[APACHE]
    assert "text/turtle ttl;" in rules[NGINX_LOCATIONS]
    assert 'add_header Vary "Accept, Accept-Language" always;' in rules[NGINX_LOCATIONS]


@pytest.mark.parametrize(("path", "accept", "language", "expected"), CASES)
def test_the_apache_rules_negotiate(rules, path, accept, language, expected) -> None:
    answer = rewrite(parse_rewrite(rules[APACHE]), path, accept, language or "")
    assert answer == (expected, "[END]")


@pytest.mark.parametrize(("path", "accept", "language", "expected"), CASES)
def test_the_w3id_rules_redirect_with_303_to_the_negotiated_file(
    rules, path, accept, language, expected
) -> None:
    answer = rewrite(parse_rewrite(rules[W3ID]), path, accept, language or "")
    assert answer == (BASE + expected, "[R=303,L]")


def test_the_w3id_rules_send_everything_else_to_the_same_path() -> None:
    chain = parse_rewrite(render_rules(BASE)[W3ID].decode())
    for path in ("", "download/dikg.ttl.gz", "id/measure/x.ttl", "dcat.ttl", "id/measure"):
        assert rewrite(chain, path, "text/turtle", "") == (BASE + path, "[R=302,L]")
    assert all(rule.target.startswith(BASE) for rule in chain)


def test_apache_leaves_unknown_paths_to_its_404() -> None:
    chain = parse_rewrite(render_rules(BASE)[APACHE].decode())
    for path in ("id/measure/x/y", "def/x", "id/measure/X", "sitemap.xml", "id/measure/x.ttl"):
        assert rewrite(chain, path, "text/turtle", "nl") is None


def test_no_w3id_rules_for_a_site_at_w3id_itself() -> None:
    """w3id.org only redirects: rules sending its IRIs to itself would loop."""
    assert W3ID not in render_rules("https://w3id.org/dikg/")


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/dikg",  # no trailing /
        "https://example.org/a b/",
        "https://example.org/x;rewrite/",
        "https://example.org/$host/",
        'https://example.org/"/',
        "ftp://example.org/",
        "https://example.org/?q=1/",
    ],
)
def test_a_base_url_the_rules_cannot_hold_is_bad_input(url: str) -> None:
    with pytest.raises(InputError, match="server rules"):
        render_rules(url)


def test_server_rules_writes_and_describes_the_files(tmp_path: Path) -> None:
    written = server_rules(tmp_path, BASE)
    assert [info.relative for info in written] == sorted(render_rules(BASE))
    for info in written:
        assert (tmp_path / info.relative).read_bytes() == render_rules(BASE)[info.relative]
        assert info.size == (tmp_path / info.relative).stat().st_size


# Apache httpd itself -------------------------------------------------------------------------

CONFIG = """
ServerRoot "{tmp}"
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile "{tmp}/httpd.pid"
DefaultRuntimeDir "{tmp}"
ErrorLog "{tmp}/error.log"
LogLevel warn
LoadModule mpm_prefork_module {modules}/mod_mpm_prefork.so
LoadModule authz_core_module {modules}/mod_authz_core.so
LoadModule mime_module {modules}/mod_mime.so
LoadModule dir_module {modules}/mod_dir.so
LoadModule rewrite_module {modules}/mod_rewrite.so
LoadModule headers_module {modules}/mod_headers.so
{user}
TypesConfig "{types}"
DocumentRoot "{root}"
DirectoryIndex index.html
<Directory "{root}">
    Options FollowSymLinks
    AllowOverride All
    Require all granted
</Directory>
"""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url: str, accept: str | None, language: str | None):
    request = urllib.request.Request(url)
    if accept is not None:
        request.add_header("Accept", accept)
    if language is not None:
        request.add_header("Accept-Language", language)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as answer:
            return answer.status, dict(answer.headers.items()), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def apache() -> Iterator[tuple[str, Path]]:
    """Apache serving a written site at /site/ and the w3id.org rules at /w3id/dikg/."""
    if APACHE_BIN is None or not (MODULES / "mod_rewrite.so").exists():
        pytest.skip("Apache httpd is not installed (apt-get install apache2)")
    from dikg.site.write import write_site

    # Apache drops root for nobody: the files must be readable by all, unlike pytest's tmp
    with tempfile.TemporaryDirectory(prefix="dikg-apache-") as name:
        tmp = Path(name)
        tmp.chmod(0o755)
        root, port = tmp / "htdocs", _free_port()
        base = f"http://127.0.0.1:{port}/site/"
        write_site(resolve_root(REPO), root / "site", base)
        server_rules(root / "site", base)
        (root / "w3id" / "dikg").mkdir(parents=True)
        shutil.copy(root / "site" / W3ID, root / "w3id" / "dikg" / ".htaccess")
        types = Path("/etc/mime.types")
        if not types.exists():
            types = tmp / "mime.types"
            types.write_text("")
        user = "User nobody\nGroup nogroup" if os.geteuid() == 0 else ""
        config = tmp / "httpd.conf"
        config.write_text(
            CONFIG.format(tmp=tmp, port=port, modules=MODULES, user=user, types=types, root=root)
        )
        process = subprocess.Popen(
            [APACHE_BIN, "-X", "-f", str(config)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 15
            while True:
                if process.poll() is not None:
                    output = process.stdout.read().decode() if process.stdout else ""
                    pytest.fail(f"apache2 exited with {process.returncode}: {output}")
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        pytest.fail("apache2 did not listen")
                    time.sleep(0.05)
            yield f"http://127.0.0.1:{port}/", root / "site"
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.mark.slow
@pytest.mark.parametrize(("path", "accept", "language", "expected"), CASES)
def test_apache_serves_the_negotiated_file(apache, path, accept, language, expected) -> None:
    url, site = apache
    status, headers, body = _get(f"{url}site/{path}", accept or None, language)
    assert status == 200
    assert body == (site / expected).read_bytes()
    media = {"ttl": "text/turtle", "jsonld": "application/ld+json", "html": "text/html"}
    assert headers["Content-Type"].startswith(media[expected.rsplit(".", 1)[1]])
    assert "Accept" in [v.strip() for v in headers.get("Vary", "").split(",")]


@pytest.mark.slow
def test_apache_answers_an_unknown_iri_with_404(apache) -> None:
    url, _ = apache
    for path in ("id/measure/no-such-measure", "id/no-such-kind/x", "def/x"):
        assert _get(f"{url}site/{path}", "text/turtle", None)[0] == 404


@pytest.mark.slow
@pytest.mark.parametrize(("path", "accept", "language", "expected"), CASES[:3] + CASES[8:9])
def test_the_w3id_rules_in_apache_redirect_to_the_file(
    apache, path, accept, language, expected
) -> None:
    url, site = apache
    status, headers, _ = _get(f"{url}w3id/dikg/{path}", accept, language)
    assert status == 303
    assert headers["Location"] == f"{url}site/{expected}"
    assert "Accept" in headers.get("Vary", "")
    status, _, body = _get(headers["Location"], None, None)
    assert status == 200 and body == (site / expected).read_bytes()
    other = _get(f"{url}w3id/dikg/download/dikg.ttl", "text/turtle", None)
    assert other[0] == 302 and other[1]["Location"] == f"{url}site/download/dikg.ttl"
