"""Server rules shipped with the site: dereferencing https://w3id.org/dikg/ IRIs (issue 13).

The site holds each IRI's page and RDF as files (:mod:`dikg.site.paths`); these rules make a
web server pick the file an HTTP client asks for (``Accept``, ``Accept-Language``), so that an
IRI answers a browser with the page and an RDF client with Turtle or JSON-LD::

    .htaccess                      Apache httpd (mod_rewrite), for the site's root
    server/nginx.conf              nginx, http level: the maps that negotiate
    server/nginx-locations.conf    nginx, server level: the locations that use them
    server/w3id.htaccess           w3id.org: https://w3id.org/dikg/... → the site (303/302)

The rules are Jinja2 templates in ``server/`` beside this module; ``negotiation.j2`` holds the
one definition of the negotiation (the Accept patterns, the negotiated paths) that all of them
import. Each file's header says how to install it. Call :func:`server_rules` after the site is
written (``dikg publish``), or :func:`render_rules` to get the files in memory.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from dikg.errors import InputError
from dikg.release.dumps import FileInfo, write_file
from dikg.site.paths import IRI_ROOT

APACHE = ".htaccess"
NGINX_MAPS = "server/nginx.conf"
NGINX_LOCATIONS = "server/nginx-locations.conf"
W3ID = "server/w3id.htaccess"
# site path → template in server/
TEMPLATES: dict[str, str] = {
    APACHE: "htaccess.j2",
    NGINX_MAPS: "nginx.conf.j2",
    NGINX_LOCATIONS: "nginx-locations.conf.j2",
    W3ID: "w3id.htaccess.j2",
}
# what a base URL may hold in a server configuration: no quotes, spaces, ; $ { } \ or #
_SAFE_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~%-]+)*/$")


@cache
def _environment() -> jinja2.Environment:
    # configuration text, not HTML: nothing to escape (the only value, the base URL, is
    # checked by check_base_url), and every variable must be given
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("dikg.site", "server"),
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["regex"] = re.escape  # a path inside an nginx location pattern
    return environment


def check_base_url(base_url: str) -> str:
    """The base URL, checked for what a server configuration can hold safely.

    Raises:
        InputError: unless it is an http(s) URL of letters, digits and ``. _ ~ % -`` in
            ``/``-separated segments, ending in ``/``.
    """
    if not _SAFE_URL.match(base_url):
        raise InputError(
            f"--base-url {base_url!r} cannot go into the server rules: use an http(s) URL "
            "of letters, digits, '.', '_', '~', '%' and '-' that ends in '/'",
            hint="e.g. https://data.example.org/dikg/",
        )
    return base_url


def render_rules(base_url: str) -> dict[str, bytes]:
    """Every rule file for a site served at ``base_url``: site path → content.

    The w3id.org rules are left out when ``base_url`` is under https://w3id.org/dikg/
    itself: w3id.org only redirects, so redirecting its IRIs to itself would loop.

    Raises:
        InputError: for a base URL the rules cannot hold (:func:`check_base_url`).
    """
    base_url = check_base_url(base_url)
    values = {"base_url": base_url, "base_path": urlsplit(base_url).path}
    environment = _environment()
    files = {}
    for path, name in TEMPLATES.items():
        if path == W3ID and base_url.startswith(IRI_ROOT):
            continue
        files[path] = environment.get_template(name).render(values).encode("utf-8")
    return files


def server_rules(out: Path, base_url: str) -> list[FileInfo]:
    """Write the rule files of :func:`render_rules` into the site directory ``out``.

    Args:
        out: the site directory (``dikg publish --out``).
        base_url: the URL ``out`` is served under, ending in ``/``.

    Returns:
        The files written, sorted by path.

    Raises:
        InputError: for a base URL the rules cannot hold.
    """
    files = render_rules(base_url)
    return [write_file(out, path, files[path]) for path in sorted(files)]
