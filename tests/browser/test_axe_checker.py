"""The axe check used by every browser test: what it lets through, what it stops."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import contrast, low_contrast

pytestmark = [pytest.mark.browser]

PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Essai</title></head><body><main><h1>Essai</h1>{}</main></body></html>"""


def test_fails_on_incomplete_low_contrast(page: Any, axe: Any) -> None:
    """White text on no background (1:1) is only « incomplete » for axe: the check fails."""
    button = '<button style="color:#fff;background:none;border:0">Ouvrir</button>'
    page.set_content(PAGE.format(button))
    with pytest.raises(AssertionError, match="color-contrast"):
        axe(page)


def _incomplete(ratio: float, expected: str, key: str = "pseudoContent") -> list[dict[str, Any]]:
    data = {"fgColor": "#777777", "bgColor": "#ffffff", "contrastRatio": ratio,
            "expectedContrastRatio": expected, "messageKey": key}  # fmt: skip
    return [{"id": "color-contrast", "nodes": [{"target": ["p"], "any": [{"data": data}]}]}]


def test_low_contrast_reads_the_threshold_axe_gives() -> None:
    """Under 4.5:1 fails for normal text; large text (axe says 3:1) fails only under 3:1."""
    assert low_contrast(_incomplete(4.2, "4.5:1"))
    assert not low_contrast(_incomplete(4.6, "4.5:1"))
    assert not low_contrast(_incomplete(3.4, "3:1"))
    assert low_contrast(_incomplete(2.9, "3:1"))


def test_low_contrast_ignores_what_axe_could_not_measure() -> None:
    """A ratio of 0 (text over a gradient or an image) is left to a human."""
    assert not low_contrast(_incomplete(0, "4.5:1"))
    other = [{"id": "link-in-text-block", "nodes": [{"target": ["a"], "any": []}]}]
    assert not low_contrast(other)


def test_low_contrast_measures_plain_colours_axe_skipped() -> None:
    """Partly covered text (axe: ratio 0) is measured from its plain colours instead."""
    white_on_white = _incomplete(0, "4.5:1", key="elmPartiallyObscuring")
    assert low_contrast(white_on_white, measure=lambda selector: 1.0)
    assert not low_contrast(white_on_white, measure=lambda selector: 8.1)
    assert not low_contrast(white_on_white, measure=lambda selector: None)
    over_gradient = _incomplete(0, "4.5:1", key="bgGradient")
    assert not low_contrast(over_gradient, measure=lambda selector: 1.0)


def test_contrast_follows_wcag() -> None:
    """Black on white is 21:1, white on white 1:1, the link colour 8.4:1; alpha is blended."""
    white, black = [255, 255, 255, 1], [0, 0, 0, 1]
    assert contrast(black, white) == 21
    assert contrast(white, white) == 1
    assert contrast([11, 79, 138, 1], white) == pytest.approx(8.4, abs=0.1)
    assert contrast([0, 0, 0, 0], white) == 1


def test_fails_on_partly_covered_white_text(page: Any, axe: Any) -> None:
    """A white button partly covered by a hidden span: axe measures nothing, the check does."""
    hidden = "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)"
    button = (
        '<table><tr><td><form><button style="color:#fff;background:none;border:0">Ouvrir'
        f'<span style="{hidden};white-space:nowrap"> le dossier de renouvellement</span>'
        "</button></form></td></tr></table>"
    )
    page.set_content(PAGE.format(button))
    with pytest.raises(AssertionError, match="color-contrast"):
        axe(page)


def test_passes_readable_text(page: Any, axe: Any) -> None:
    """Dark text on white and white text on a dark button pass."""
    page.set_content(
        PAGE.format(
            '<p style="color:#1b1f24">Lisible</p>'
            '<button style="color:#fff;background:#0b4f8a;border:0">Valider</button>'
        )
    )
    axe(page)
