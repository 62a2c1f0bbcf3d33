"""The Jinja2 templates of the pages (``assets/*.html.j2``) and how they escape text.

Autoescape is on: every value a template writes is escaped unless it is markup a template made
(a macro's output). Element text is escaped as :func:`html.escape` does without quotes
(``& < >``); an attribute value must pass through the ``attribute`` filter, which escapes quotes
too (``&quot;``, ``&#x27;``). This is markupsafe's escaping with :mod:`html`'s spelling, which the
pages have always had, so the same graph gives the same bytes.
"""

from __future__ import annotations

import html
import posixpath
from functools import cache
from importlib import resources

import jinja2
from markupsafe import Markup

from dikg import __version__

SITE_NAME = "dikg"
GENERATOR = f"dikg {__version__}"


def escape_text(value: object) -> Markup:
    """Escape a value for an element's content; markup made by a template is kept."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=False))


def escape_attribute(value: object) -> Markup:
    """Escape a value for an HTML attribute value (in double quotes)."""
    return Markup(html.escape(str(value), quote=True))


@cache
def environment() -> jinja2.Environment:
    """The templates of ``dikg/publish/docs/assets``, escaping as the module says."""
    templates = jinja2.Environment(
        loader=jinja2.PackageLoader("dikg.publish.docs", "assets"),
        autoescape=True,
        finalize=escape_text,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    templates.filters["attribute"] = escape_attribute
    return templates


def render_page(template: str, page: str, nav: list[tuple[str, str]], **context) -> bytes:
    """Render a page template, which fills the frame of ``assets/page.html.j2``.

    Args:
        template: the template's file name in ``assets/``.
        page: the page's path in the site, for relative links.
        nav: (page path, text) of the vocabulary pages, linked in the header.
        **context: what the template shows (each template names what it needs).

    Returns:
        The page as UTF-8.
    """
    here = posixpath.dirname(page) or "."
    text = (
        environment()
        .get_template(template)
        .render(
            page=page,
            generator=GENERATOR,
            home=posixpath.relpath(".", here),
            site_name=SITE_NAME,
            nav=[(posixpath.relpath(target, here), text) for target, text in nav],
            **context,
        )
    )
    return text.encode("utf-8")


def asset(name: str) -> bytes:
    """A file of ``dikg/publish/docs/assets`` (the templates, the stylesheet)."""
    return resources.files("dikg.publish.docs").joinpath("assets", name).read_bytes()
