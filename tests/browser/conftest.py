"""Playwright with Debian's Chromium against pytest-django's live server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = os.environ.get("PROBANKER_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Playwright's sync API runs an event loop in this thread; the ORM calls made
# by the test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


def _ratio(text: object) -> float | None:
    """The number in axe's ``"4.5:1"``, or None when it gives none."""
    try:
        return float(str(text).split(":")[0])
    except ValueError:
        return None


def low_contrast(incomplete: list[dict[str, Any]]) -> list[str]:
    """The *incomplete* colour-contrast nodes whose measured ratio is too low.

    axe files text it cannot be sure of (a 1:1 ratio, text over a
    pseudo-element...) under *incomplete*, with the ratio it measured and the
    one the text needs (``expectedContrastRatio``: 4.5:1, or 3:1 for large
    text). A node is kept when axe measured a ratio (a positive
    ``contrastRatio``: 0 means it could not, e.g. over a gradient) under the
    expected one. Returns one line per node: target, ratios, colours.
    """
    found = []
    for result in incomplete:
        if result["id"] != "color-contrast":
            continue
        for node in result["nodes"]:
            for check in node.get("any", []):
                data = check.get("data") or {}
                measured = data.get("contrastRatio") or 0
                expected = _ratio(data.get("expectedContrastRatio")) or 4.5
                if 0 < measured < expected:
                    found.append(
                        f"color-contrast (incomplete): {measured}:1 < {expected}:1 "
                        f"({data.get('fgColor')} on {data.get('bgColor')}) — {node['target']}"
                    )
    return found


class AxeChecker:
    """Runs axe-core on a page; fails on any violation and on measured low contrast.

    Besides axe's violations, text that axe only files as *incomplete* while
    it measured a contrast under the required ratio fails too (see
    :func:`low_contrast`).
    """

    def __init__(self) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self.axe = Axe()
        self.pages: list[str] = []

    def __call__(self, page: Any) -> None:
        results = self.axe.run(
            page,
            options={
                "runOnly": {"type": "tag", "values": WCAG_TAGS},
                "resultTypes": ["violations", "incomplete"],
            },
        )
        self.pages.append(page.url)
        violations = results.response["violations"]
        details = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
            for v in violations
        ]
        details += low_contrast(results.response["incomplete"])
        assert not details, f"axe violations on {page.url}:\n" + "\n".join(details)
        console = [
            e for e in page.console_errors if "Content Security Policy" in e or "Refused" in e
        ]
        assert not console, f"CSP errors on {page.url}: {console}"


@pytest.fixture
def axe() -> AxeChecker:
    return AxeChecker()
