"""Print variants of client documents: large print and plain language."""

from __future__ import annotations

from probanker.reports.variants import variant_for


def test_the_standard_variant_has_no_label_and_a_105_pt_body() -> None:
    standard = variant_for()
    assert (standard.label, standard.suffix, standard.font_size) == ("", "", "10.5pt")
    assert "font-size: 10.5pt" in standard.css


def test_large_print_sets_the_body_at_18_pt() -> None:
    large = variant_for(large_print=True)
    assert large.font_size == "18pt"
    assert "font-size: 18pt" in large.css
    assert large.label == "gros caractères"
    assert large.suffix == "-gros-caracteres"


def test_plain_language_spaces_the_ideas_and_both_combine() -> None:
    both = variant_for(large_print=True, plain_language=True)
    assert "p { margin: 0 0 5mm; }" in both.css
    assert both.label == "gros caractères et langage clair"
    assert both.suffix == "-gros-caracteres-langage-clair"
