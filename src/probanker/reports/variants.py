"""Print variants of a client document: large print and plain language.

Every client PDF takes a :class:`Variant` in its context (``variant``) and puts
``{{ variant.css }}`` in its ``<style>``; the style sheet follows the variant:

* **large print**: body at 18 pt (the « corps 18 » low-vision clients ask for),
  1.5 line spacing, left-aligned text, no small print (notes at the body size);
* **plain language** (FALC-inspired: short sentences, one idea each, common words):
  the template chooses its wording with ``{% if variant.plain_language %}``; the
  style sets a larger spacing between paragraphs so each idea stands alone.

Both keep the PDF tagged (PDF/UA-1, ``reports.pdf.render_pdf``). The caller builds
the variant from the client's profile — ``variant_for(**asdict(document_needs(party)))``
with ``parties.accessibility`` — or from a choice on the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

STANDARD_PT = "10.5pt"
LARGE_PT = "18pt"


@dataclass(frozen=True)
class Variant:
    large_print: bool = False
    plain_language: bool = False

    @property
    def font_size(self) -> str:
        return LARGE_PT if self.large_print else STANDARD_PT

    @property
    def css(self) -> str:
        """The page and text style of the variant (A4, DejaVu Sans: its glyphs embed)."""
        css = (
            "@page { size: A4; margin: 25mm 20mm; } "
            f'body {{ font-family: "DejaVu Sans", sans-serif; font-size: {self.font_size}; '
            f"line-height: {'1.5' if self.large_print else '1.45'}; }} "
            "address { font-style: normal; white-space: pre-line; margin: 0 0 4mm; } "
            "table { border-collapse: collapse; } th, td { text-align: left; padding: 1mm 3mm; "
            "vertical-align: top; } caption { text-align: left; font-weight: bold; } "
        )
        if self.large_print:
            css += (
                "@page { margin: 20mm 18mm; } h1 { font-size: 24pt; } h2 { font-size: 20pt; } "
                "small, .small { font-size: 18pt; } p { text-align: left; } "
            )
        else:
            css += "h1 { font-size: 13pt; } h2 { font-size: 11.5pt; } small { font-size: 9pt; } "
        if self.plain_language:
            css += "p { margin: 0 0 5mm; } li { margin-bottom: 2mm; } "
        return css

    @property
    def label(self) -> str:
        """The variant named for the reader (« » for the standard one)."""
        parts = []
        if self.large_print:
            parts.append("gros caractères")
        if self.plain_language:
            parts.append("langage clair")
        return " et ".join(parts)

    @property
    def suffix(self) -> str:
        """A file-name suffix (``-gros-caracteres-langage-clair``; ``""`` when standard)."""
        return "".join(
            "-" + p.replace(" ", "-").replace("è", "e") for p in self.label.split(" et ") if p
        )


def variant_for(*, large_print: bool = False, plain_language: bool = False) -> Variant:
    """The variant for these needs."""
    return Variant(large_print=large_print, plain_language=plain_language)


def requested_variant(params: Mapping[str, str], needs: Any) -> Variant:
    """The variant a page asks for (``?standard=1``, ``?gros=1``, ``?clair=1``), else the
    client's (``needs``: anything with ``large_print`` and ``plain_language``, such as
    ``parties.accessibility.document_needs(party)``)."""
    if params.get("standard"):
        return variant_for()
    if params.get("gros") or params.get("clair"):
        return variant_for(
            large_print=bool(params.get("gros")), plain_language=bool(params.get("clair"))
        )
    return variant_for(large_print=needs.large_print, plain_language=needs.plain_language)
