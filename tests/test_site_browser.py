"""The published pages in a real headless browser (issue 13): Debian's Chromium through
Playwright, axe-core's WCAG 2.0/2.1 A and AA rules, the keyboard and the page structure.

A handful of pages, each site built once per run: `dikg docs` (the ontology and vocabulary pages)
and `dikg publish` (the landing page, a measure page in English and Dutch, a source document).
Until `dikg publish` writes HTML the publish pages skip; once it does, a page missing from it fails.
Screenshots go to $DIKG_SCREENSHOTS (else a temporary directory of the run): see tests/browser.py.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser import Audit, Browser, png_size
from tests.conftest import REPO, run_dikg
from tests.servers import serve_directory

# real resources of data/ (data/rijk-annex.ttl)
MEASURE = "rijk-banenafspraak-aanpak"
DOCUMENT = "bijlage-maatregelen-diversiteit-inclusiebeleid-rijk"


@dataclass(frozen=True)
class Page:
    """A page of one of the sites (docs or publish). Where the site's layout is changing, the
    page has several paths, newest first, and the first one the site has counts."""

    site: str
    paths: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.site}/{self.paths[0]}"

    @property
    def name(self) -> str:
        """The screenshot's file name (without .png)."""
        return str(self).replace("/", "_").removesuffix(".html")


def language(url: str) -> str:
    """The language a page's path promises: x.nl.html is Dutch, any other x.html English."""
    return "nl" if url.endswith(".nl.html") else "en"


# A handful of pages, each standing for a template; the ontology page is the largest (axe-core
# takes seconds on it). Issue 13 moves the ontology page to def.html, the vocabularies to
# id/scheme/ and adds Dutch pages (.nl.html); the old paths are the fallbacks.
PAGES = [
    Page("docs", ("index.html",)),
    Page("docs", ("def.html", "ontology.html")),
    Page("docs", ("id/scheme/target-groups.nl.html", "vocabularies/target-groups.html")),
    Page("publish", ("index.html",)),
    Page("publish", ("index.nl.html",)),
    Page("publish", (f"id/measure/{MEASURE}.html",)),
    Page("publish", (f"id/measure/{MEASURE}.nl.html",)),
    Page("publish", (f"sources/{DOCUMENT}.html",)),
]
each_page = pytest.mark.parametrize("page", PAGES, ids=str)


@pytest.fixture(scope="session")
def docs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`dikg docs` of the repository's graph, built once per run."""
    out = tmp_path_factory.mktemp("docs-site")
    result = run_dikg("--root", REPO, "docs", "--out", out)
    assert result.returncode == 0, result.stderr
    return out


@dataclass(frozen=True)
class Site:
    """A built site and the URL it is served at ("" while it has no HTML page)."""

    directory: Path
    url: str


@pytest.fixture(scope="session")
def sites(request: pytest.FixtureRequest, docs_site: Path) -> Iterator[dict[str, Site]]:
    """Each site served on 127.0.0.1 while the run lasts, by name. The publish site is
    conftest's `published`, built once per run."""
    published: Path = request.getfixturevalue("published")
    with contextlib.ExitStack() as stack:
        served = {"docs": docs_site, "publish": published}
        yield {
            name: Site(
                directory,
                stack.enter_context(serve_directory(directory))
                if any(directory.rglob("*.html"))
                else "",
            )
            for name, directory in served.items()
        }


@pytest.fixture(scope="session")
def audits() -> dict[Page, Audit]:
    """Each page's audit, made by the first test that needs it."""
    return {}


def url_of(page: Page, sites: dict[str, Site]) -> str:
    """The page's URL. Skips while its site has no HTML at all (`dikg publish` before the site
    of issue 13); fails when the site has HTML, but not this page."""
    site = sites[page.site]
    if not site.url:
        pytest.skip(f"`dikg {page.site}` writes no HTML pages yet (issue 13: the site)")
    for path in page.paths:
        if (site.directory / path).is_file():
            return site.url + path
    pytest.fail(f"`dikg {page.site}` wrote HTML pages, but not {' or '.join(page.paths)}")


@pytest.fixture
def audit(page: Page, browser: Browser, sites: dict[str, Site], audits: dict[Page, Audit]) -> Audit:
    """The page audited once: console, requests, axe-core and a screenshot."""
    if page not in audits:
        audits[page] = browser.audit(url_of(page, sites), page.name)
    return audits[page]


@each_page
def test_page_loads_without_errors(page: Page, audit: Audit) -> None:
    assert audit.failed_requests == [], f"{page}: requests that failed"
    assert audit.console_errors == [], f"{page}: errors on the console"
    assert audit.page_errors == [], f"{page}: uncaught errors"


@each_page
def test_axe_finds_no_serious_or_critical_violation(page: Page, audit: Audit) -> None:
    found = "\n".join(map(str, audit.serious()))
    assert not found, f"{page}: axe-core (WCAG 2.1 A/AA) found\n{found}"


@each_page
def test_screenshot_shows_the_whole_page(page: Page, audit: Audit) -> None:
    assert audit.screenshot_path is not None and audit.screenshot_path.is_file()
    width, height = png_size(audit.screenshot_path)
    # full page: as wide as the window, at least as tall
    assert width == 1280 and 800 <= height <= 100_000, (width, height)


STRUCTURE = """() => ({
  lang: document.documentElement.lang,
  h1: document.querySelectorAll('h1').length,
  title: document.title.trim(),
  main: document.querySelectorAll('main, [role=main]').length,
  banner: document.querySelectorAll('body > header, [role=banner]').length,
  contentinfo: document.querySelectorAll('body > footer, [role=contentinfo]').length,
  navigation: document.querySelectorAll('nav, [role=navigation]').length,
  unlabelledNavs: [...document.querySelectorAll('nav, [role=navigation]')]
    .filter(nav => !nav.getAttribute('aria-label') && !nav.getAttribute('aria-labelledby')).length,
})"""


@each_page
def test_page_has_language_one_h1_and_landmarks(
    page: Page, browser: Browser, sites: dict[str, Site]
) -> None:
    url = url_of(page, sites)
    with browser.page(url) as opened:
        facts = opened.evaluate(STRUCTURE)
    assert facts["lang"] == language(url), "<html lang> should be the page's language"
    assert facts["h1"] == 1, "one <h1> per page"
    assert facts["title"], "a <title>"
    landmarks = {name: facts[name] for name in ("banner", "main", "contentinfo")}
    assert landmarks == {"banner": 1, "main": 1, "contentinfo": 1}, "header, main, footer"
    assert facts["navigation"] >= 1, "a <nav>"
    # several navigation landmarks need names to tell them apart (WAI-ARIA landmarks, 4.4)
    assert facts["navigation"] == 1 or facts["unlabelledNavs"] == 0, (
        f"{facts['unlabelledNavs']} of {facts['navigation']} <nav>s have no aria-label"
    )


def skip_link_behaviour(opened) -> tuple[str, bool, bool]:
    """Press Tab once on a fresh page: what got focus (tag and href), whether it is visible
    then, and whether Enter on it moves the focus to <main>."""
    opened.keyboard.press("Tab")
    focused = opened.evaluate(
        "() => { const e = document.activeElement; const r = e.getBoundingClientRect();"
        " return [e.tagName.toLowerCase() + ' ' + (e.getAttribute('href') || ''),"
        " r.width > 0 && r.height > 0 && r.top >= 0 && r.top < innerHeight]; }"
    )
    # follow only a link within the page: any other would leave it
    if focused[0].startswith("a #"):
        opened.keyboard.press("Enter")
    in_main = opened.evaluate("() => document.activeElement === document.querySelector('main')")
    return focused[0], focused[1], in_main


@each_page
def test_first_tab_focuses_a_skip_link_to_main(
    page: Page, browser: Browser, sites: dict[str, Site]
) -> None:
    with browser.page(url_of(page, sites)) as opened:
        focused, visible, in_main = skip_link_behaviour(opened)
        main_id = opened.evaluate("() => document.querySelector('main').id")
    assert focused == f"a #{main_id}", "the first Tab should focus the skip link"
    assert visible, "the skip link should show when it has focus (WCAG 2.4.7)"
    assert in_main, "Enter on the skip link should move the focus to <main>"


# what sticks out past the right edge of the window, outside the tables and preformatted
# blocks that WCAG 1.4.10 lets scroll (they need their two dimensions)
OVERFLOW = """() => {
  const edge = document.documentElement.clientWidth + 1;
  return [...document.body.querySelectorAll('*')]
    .filter(e => !e.closest('table, pre') && e.getBoundingClientRect().right > edge)
    .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
      + ' "' + e.textContent.trim().slice(0, 40) + '"');
}"""


@each_page
def test_page_reflows_on_a_narrow_screen(
    page: Page, browser: Browser, sites: dict[str, Site]
) -> None:
    """WCAG 2.1 1.4.10 Reflow: at 320 CSS pixels wide nothing but a table needs scrolling."""
    with browser.page(url_of(page, sites), width=320) as opened:
        sticking_out = opened.evaluate(OVERFLOW)
    assert sticking_out == [], f"{page}: wider than 320 px"


# --- the harness can fail ------------------------------------------------------------------

BROKEN = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>A broken page</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="missing.css"></head>
<body><main><h1>A broken page</h1>
<img id="no-alt" src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E">
<p id="faint" style="color: #bbb; background: #fff">text too faint to read</p>
<script>console.error("deliberate console error");
setTimeout(() => { throw new Error("deliberate uncaught error"); });</script>
</main></body>
</html>
"""


def test_the_audit_reports_a_broken_page(browser: Browser, tmp_path: Path) -> None:
    (tmp_path / "broken.html").write_text(BROKEN, encoding="utf-8")
    with serve_directory(tmp_path) as base:
        audit = browser.audit(base + "broken.html", "broken")
        with browser.page(base + "broken.html") as opened:
            focused, _, in_main = skip_link_behaviour(opened)
    assert audit.failed_requests == [(404, base + "missing.css")]
    assert sorted(audit.console_errors) == [
        "Failed to load resource: the server responded with a status of 404 (File not found)"
        f" [{base}missing.css]",
        f"deliberate console error [{base}broken.html]",
    ]
    assert audit.page_errors == ["deliberate uncaught error"]
    # no skip link: the first Tab lands on nothing focusable, Enter leaves <main> unfocused
    assert (focused, in_main) == ("body ", False)
    assert audit.screenshot_path is not None and png_size(audit.screenshot_path)[0] == 1280
    assert {(v.id, v.impact, v.nodes) for v in audit.serious()} == {
        ("image-alt", "critical", ("#no-alt",)),
        ("color-contrast", "serious", ("#faint",)),
    }
    assert audit.serious() == audit.axe_violations
