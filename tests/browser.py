"""A real headless browser for the tests (a pytest plugin, registered in conftest.py): Debian's
Chromium driven by Playwright for Python, axe-core from the npm registry, and a directory served
over HTTP on 127.0.0.1 (file:// URLs change what a page may load and what axe can check).

What is looked for, and where:
  Chromium   $DIKG_CHROMIUM, else `chromium` (Debian) or `chromium-browser` on PATH; never a
             browser Playwright downloads (`playwright install` needs hosts we cannot reach)
  axe-core   $DIKG_AXE_JS, else .venv/axe/node_modules/axe-core/axe.min.js (`make test` puts it
             there with npm)
  screenshots  $DIKG_SCREENSHOTS when set (kept as artefacts), else a temporary directory of
             the run (pytest's basetemp, kept for the last three runs)
Without Playwright or Chromium the browser tests skip, with the reason; without axe-core only
the accessibility check does. The run's summary names the screenshot directory.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import struct
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM_ENV = "DIKG_CHROMIUM"
AXE_ENV = "DIKG_AXE_JS"
SCREENSHOTS_ENV = "DIKG_SCREENSHOTS"
AXE_IN_VENV = Path("axe") / "node_modules" / "axe-core" / "axe.min.js"
AXE_MISSING = (
    "axe-core is not installed: `make test` installs it with npm into .venv/axe, "
    f"or set {AXE_ENV} to an axe.min.js"
)
# the success criteria of WCAG 2.0 and 2.1, levels A and AA (axe-core's tags)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# a laptop-sized window; screenshots are of the full page
VIEWPORT = {"width": 1280, "height": 800}


def chromium_executable() -> str | None:
    """The Chromium to drive: $DIKG_CHROMIUM, else Debian's `chromium` on PATH."""
    named = os.environ.get(CHROMIUM_ENV)
    if named:
        return named if Path(named).is_file() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def axe_script() -> Path | None:
    """axe.min.js: $DIKG_AXE_JS, else where `make test` installs it in the virtual environment."""
    named = os.environ.get(AXE_ENV)
    if named:
        return Path(named) if Path(named).is_file() else None
    candidates = [Path(sys.prefix) / AXE_IN_VENV, REPO / ".venv" / AXE_IN_VENV]
    return next((path for path in candidates if path.is_file()), None)


@dataclass(frozen=True)
class Violation:
    """One axe-core rule that failed: its id, impact (minor … critical) and failing nodes."""

    id: str
    impact: str
    help: str
    nodes: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.impact} {self.id} ({self.help}): {', '.join(self.nodes)}"


@dataclass
class Audit:
    """What one visit of a page showed."""

    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    # (HTTP status, URL) of each response >= 400; status 0 where the request failed outright
    failed_requests: list[tuple[int, str]] = field(default_factory=list)
    # None when axe-core is not installed (the rest of the audit is still made)
    axe_violations: list[Violation] | None = None
    screenshot_path: Path | None = None

    def serious(self) -> list[Violation]:
        """The violations of impact serious or critical (skips the test without axe-core)."""
        if self.axe_violations is None:
            pytest.skip(AXE_MISSING)
        return [v for v in self.axe_violations if v.impact in ("serious", "critical")]


def png_size(path: Path) -> tuple[int, int]:
    """Width and height of a PNG, after checking that it is one and shows something.

    Raises AssertionError when the file is not a PNG (signature, IHDR; PNG spec 5.2, 11.2.2), or
    when its first pixels decompress to fewer than 16 distinct byte values: a blank or
    one-colour page.
    """
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert data[12:16] == b"IHDR", f"{path} has no IHDR chunk first"
    width, height = struct.unpack(">II", data[16:24])
    pixels, offset = bytearray(), 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        if kind == b"IDAT":
            pixels += data[offset + 8 : offset + 8 + length]
        offset += 12 + length
    # the first 4 MB of pixels say enough, and decompressing a long page whole takes seconds
    head = zlib.decompressobj().decompress(bytes(pixels), 4 << 20)
    assert len(set(head)) >= 16, f"{path} shows (almost) nothing"
    return width, height


def _console_error(message: Any, errors: list[str]) -> None:
    """Keep a console message of type error, with the URL it is about (a failed favicon.ico
    shows only there)."""
    if message.type == "error":
        where = message.location.get("url")
        errors.append(f"{message.text} [{where}]" if where else message.text)


def _failed_response(response: Any, found: Audit) -> None:
    if response.status >= 400:
        found.failed_requests.append((response.status, response.url))


def _failed_request(request: Any, found: Audit) -> None:
    # one that got an error status was counted by _failed_response; Chromium reports it again
    if request.response() is None:
        found.failed_requests.append((0, request.url))


class Browser:
    """One headless Chromium for the run; each visit gets a fresh context (no shared state)."""

    def __init__(self, browser: Any, axe_source: str | None, screenshots: Path) -> None:
        self._browser = browser
        self._axe = axe_source
        self.screenshots = screenshots
        self.version: str = browser.version

    @contextlib.contextmanager
    def page(self, url: str | None = None, width: int | None = None) -> Iterator[Any]:
        """A Playwright Page in a fresh context, at URL when given, closed afterwards; WIDTH
        CSS pixels wide instead of the laptop window's 1280."""
        viewport = {**VIEWPORT, "width": width} if width else VIEWPORT
        context = self._browser.new_context(viewport=viewport, reduced_motion="reduce")
        try:
            page = context.new_page()
            if url is not None:
                page.goto(url, wait_until="load")
            yield page
        finally:
            context.close()

    def audit(self, url: str, name: str) -> Audit:
        """Open URL; record console errors, uncaught errors and failed requests while it loads,
        run axe-core with the WCAG 2.0/2.1 A and AA rules, and save a full-page screenshot as
        NAME.png in the screenshot directory. Without axe-core, axe_violations stays None."""
        found = Audit(url)
        with self.page() as page:
            page.on("console", lambda message: _console_error(message, found.console_errors))
            page.on("pageerror", lambda error: found.page_errors.append(error.message))
            page.on("response", lambda response: _failed_response(response, found))
            page.on("requestfailed", lambda request: _failed_request(request, found))
            page.goto(url, wait_until="load")
            if self._axe is not None:
                found.axe_violations = self._run_axe(page)
            found.screenshot_path = self.screenshots / f"{name}.png"
            page.screenshot(path=found.screenshot_path, full_page=True)
        return found

    def _run_axe(self, page: Any) -> list[Violation]:
        # evaluated through the DevTools protocol, so a page's Content-Security-Policy cannot
        # keep axe out, and axe is not among the page's own requests
        page.evaluate(self._axe)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})",
            WCAG_TAGS,
        )
        return [
            Violation(
                rule["id"],
                rule["impact"] or "unknown",
                rule["help"],
                tuple(" ".join(node["target"]) for node in rule["nodes"]),
            )
            for rule in result["violations"]
        ]


# where this run's screenshots went, for the summary
_SCREENSHOT_DIRS: list[Path] = []


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Name the screenshot directory at the end of a run that took screenshots."""
    for directory in _SCREENSHOT_DIRS:
        if any(directory.glob("*.png")):
            terminalreporter.write_line(f"browser screenshots: {directory}")


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """Headless Chromium for the whole run (skips the test where Playwright or Chromium is
    missing)."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]'"
    )
    executable = chromium_executable()
    if executable is None:
        pytest.skip(f"no Chromium: apt-get install chromium, or set {CHROMIUM_ENV}")
    named = os.environ.get(SCREENSHOTS_ENV)
    screenshots = Path(named) if named else tmp_path_factory.mktemp("screenshots")
    screenshots.mkdir(parents=True, exist_ok=True)
    axe = axe_script()
    # root may not use Chromium's sandbox (CI and this machine run the tests as root)
    arguments = ["--no-sandbox"] if os.geteuid() == 0 else []
    _SCREENSHOT_DIRS.append(screenshots)
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=arguments
        )
        try:
            yield Browser(chromium, axe.read_text(encoding="utf-8") if axe else None, screenshots)
        finally:
            chromium.close()
