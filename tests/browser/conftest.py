"""Playwright with Debian's Chromium against pytest-django's live server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
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


# axe could not measure these (ratio 0), though the colours may be plain: the
# element is partly covered (e.g. by a visually hidden span) or off screen.
REMEASURED = {"elmPartiallyObscuring", "elmPartiallyObscured", "outsideViewport"}

# The text colour and the first opaque background behind it, as [r, g, b, a]
# lists; null when an image or gradient is behind the text (left to a human).
PLAIN_COLOURS = """(selector) => {
  const rgba = (text) => (text.match(/[\\d.]+/g) || []).map(Number).concat([1]).slice(0, 4);
  const element = document.querySelector(selector);
  if (!element) { return null; }
  const fg = rgba(getComputedStyle(element).color);
  for (let e = element; e; e = e.parentElement) {
    const style = getComputedStyle(e);
    if (style.backgroundImage !== "none") { return null; }
    const bg = rgba(style.backgroundColor);
    if (bg[3] === 1) { return [fg, bg]; }
  }
  return [fg, [255, 255, 255, 1]];
}"""


def _luminance(rgb: list[float]) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0-255 channels)."""
    channels = [c / 255 for c in rgb[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(fg: list[float], bg: list[float]) -> float:
    """WCAG 2 contrast ratio of a text colour (alpha blended) on an opaque background."""
    alpha = fg[3] if len(fg) > 3 else 1
    blended = [alpha * f + (1 - alpha) * b for f, b in zip(fg[:3], bg[:3], strict=True)]
    light, dark = sorted((_luminance(blended), _luminance(bg)), reverse=True)
    return round((light + 0.05) / (dark + 0.05), 2)


def low_contrast(
    incomplete: list[dict[str, Any]], measure: Callable[[str], float | None] | None = None
) -> list[str]:
    """The *incomplete* colour-contrast nodes whose measured ratio is too low.

    axe files text it cannot be sure of (a 1:1 ratio, text partly covered...)
    under *incomplete*, with the ratio it measured and the one the text needs
    (``expectedContrastRatio``: 4.5:1, or 3:1 for large text). A node is kept
    when its ratio is positive and under the expected one. axe's ratio is 0
    when it could not measure: over an image or a gradient the node is left
    to a human, but when it only says the element is partly covered or off
    screen (``REMEASURED``), ``measure(selector)`` gives the ratio of the plain
    colours instead (None: not measurable). Returns one line per node.
    """
    found = []
    for result in incomplete:
        if result["id"] != "color-contrast":
            continue
        for node in result["nodes"]:
            for check in node.get("any", []):
                data = check.get("data") or {}
                measured, how = _measured(data, node["target"], measure)
                expected = _ratio(data.get("expectedContrastRatio")) or 4.5
                if 0 < measured < expected:
                    colours = (
                        f" ({data['fgColor']} on {data['bgColor']})" if data.get("fgColor") else ""
                    )
                    found.append(
                        f"color-contrast (incomplete, {how}): {measured}:1 < {expected}:1"
                        f"{colours} — {node['target']}"
                    )
    return found


def _measured(
    data: dict[str, Any], target: list[str], measure: Callable[[str], float | None] | None
) -> tuple[float, str]:
    """axe's ratio, or the plain colours' one where axe could not measure; and by whom."""
    ratio = data.get("contrastRatio") or 0
    if ratio or measure is None or data.get("messageKey") not in REMEASURED:
        return (ratio, "axe")
    if len(target) != 1:  # inside an iframe or a shadow root: not reachable here
        return (0, "axe")
    return (measure(target[0]) or 0, "computed colours")


def plain_contrast(page: Any) -> Callable[[str], float | None]:
    """``measure`` for :func:`low_contrast`: the contrast of the element's plain colours."""

    def measure(selector: str) -> float | None:
        colours = page.evaluate(PLAIN_COLOURS, selector)
        return contrast(*colours) if colours else None

    return measure


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
        details += low_contrast(results.response["incomplete"], plain_contrast(page))
        assert not details, f"axe violations on {page.url}:\n" + "\n".join(details)
        console = [
            e for e in page.console_errors if "Content Security Policy" in e or "Refused" in e
        ]
        assert not console, f"CSP errors on {page.url}: {console}"


@pytest.fixture
def axe() -> AxeChecker:
    return AxeChecker()
