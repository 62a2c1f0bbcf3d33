"""The site's one Jinja2 environment (``templates/*.j2``), its UI words, and how it escapes text.

Every page of the site, the ontology and vocabulary pages of ``dikg docs`` included, extends
``templates/base.html.j2``. A page is rendered with :func:`render`, which gives the layout what
it needs (the contract the page templates rely on):

``lang``
    ``"en"`` or ``"nl"``: the page's language (``<html lang>``, the UI words).
``page``
    the page's path in the site (``id/measure/x.html``); links are relative to it.
``title``
    the page's title.
``alternate``
    the site path of the same page in the other language, or None.
``jsonld``
    the JSON-LD embedded in ``<head>`` (made safe by :func:`dikg.site.describe.script_json`),
    or None.
``rel(path)``
    (a global and a filter) the relative link from ``page`` to a site path
    (:func:`dikg.site.paths.relative_link`).
``msg(key)``
    (a global) a UI word in ``lang``, from ``templates/messages.json``: every heading and
    label of the layout lives there, in both languages, and nowhere else.

Blocks of ``base.html.j2``: ``head_extra`` (inside ``<head>``), ``toc`` (a navigation column
beside the main content) and ``main``.

Autoescape is on: every value a template writes is escaped unless it is markup a template made
(a macro's output). Element text is escaped as :func:`html.escape` does without quotes
(``& < >``); an attribute value must pass through the ``attribute`` filter, which escapes quotes
too (``&quot;``, ``&#x27;``). This is markupsafe's escaping with :mod:`html`'s spelling, so the
same graph gives the same bytes.
"""

from __future__ import annotations

import html
import json
from functools import cache
from importlib import resources

import jinja2
from markupsafe import Markup

from dikg import __version__
from dikg.site.paths import BROWSE_PAGE, HOME_PAGE, LANGUAGES, STYLESHEET, localized, relative_link

SITE_NAME = "dikg"
GENERATOR = f"dikg {__version__}"
MESSAGES = "messages.json"
# (English page, message key) of the header's links on every page of the site
SITE_NAV: tuple[tuple[str, str], ...] = (
    (HOME_PAGE, "home"),
    (BROWSE_PAGE, "browse"),
    ("def.html", "ontology"),
)


def escape_text(value: object) -> Markup:
    """Escape a value for an element's content; markup made by a template is kept."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=False))


def escape_attribute(value: object) -> Markup:
    """Escape a value for an HTML attribute value (in double quotes)."""
    return Markup(html.escape(str(value), quote=True))


def asset(name: str) -> bytes:
    """A file of ``dikg/site/templates`` (the templates, the stylesheet, the messages)."""
    return resources.files("dikg.site").joinpath("templates", name).read_bytes()


@cache
def messages() -> dict[str, dict[str, str]]:
    """The UI words: key → {language → text}, from ``templates/messages.json``.

    Its ``"terms"`` entry holds the words of the ontology pages' tables (:func:`term_word`).
    """
    return json.loads(asset(MESSAGES))


def term_word(text: str, lang: str) -> str:
    """A word of the ontology pages' tables ("subclass of", "object property") in ``lang``.

    They are listed under ``"terms"`` in ``templates/messages.json``; a text not listed there
    (a prefixed name) is shown as it is.
    """
    return messages()["terms"].get(text, {}).get(lang, text)


def message(key: str, lang: str) -> str:
    """One UI word in ``lang``.

    Raises:
        KeyError: if the key or its translation is missing (a bug in the templates).
    """
    return messages()[key][lang]


@jinja2.pass_context
def _rel(context: jinja2.runtime.Context, path: str) -> str:
    return relative_link(context["page"], path)


@jinja2.pass_context
def _msg(context: jinja2.runtime.Context, key: str) -> str:
    return message(key, context["lang"])


@cache
def environment() -> jinja2.Environment:
    """The templates of ``dikg/site/templates``, escaping as the module says."""
    templates = jinja2.Environment(
        loader=jinja2.PackageLoader("dikg.site", "templates"),
        autoescape=True,
        finalize=escape_text,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    templates.filters["attribute"] = escape_attribute
    templates.filters["rel"] = _rel
    templates.globals["rel"] = _rel
    templates.globals["msg"] = _msg
    return templates


def render(
    template: str,
    *,
    page: str,
    lang: str,
    title: str,
    alternate: str | None = None,
    nav: tuple[tuple[str, str], ...] = SITE_NAV,
    sources: str = "",
    jsonld: Markup | None = None,
    **context,
) -> bytes:
    """Render a page template (which extends ``base.html.j2``) as UTF-8.

    Args:
        template: the template's file name in ``templates/``.
        page: the page's path in the site, for relative links.
        lang: the page's language, one of :data:`dikg.site.paths.LANGUAGES`.
        title: the page's title.
        alternate: the site path of the page in the other language, if there is one.
        nav: (English page, message key) of the header's links; shown in ``lang``.
        sources: the files the page was generated from, named in the footer.
        jsonld: the page's resource as JSON-LD, embedded in ``<head>``; it must come from
            :func:`dikg.site.describe.script_json`, which makes it safe inside ``<script>``.
        **context: what the template shows (each template names what it needs).
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown page language {lang!r}")
    others = [other for other in LANGUAGES if other != lang]
    text = (
        environment()
        .get_template(template)
        .render(
            page=page,
            lang=lang,
            title=title,
            alternate=alternate,
            other_lang=others[0],
            nav=[(localized(target, lang), key) for target, key in nav],
            sources=sources,
            jsonld=jsonld,
            stylesheet=STYLESHEET,
            generator=GENERATOR,
            site_name=SITE_NAME,
            **context,
        )
    )
    return text.encode("utf-8")
