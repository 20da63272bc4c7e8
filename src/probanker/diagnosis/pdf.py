"""The « Note d'analyse financière » as a tagged PDF (WeasyPrint, PDF/UA-1)."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from probanker.diagnosis.analysis import PartyAnalysis
from probanker.diagnosis.presentation import charts_of


def analysis_note_pdf(analysis: PartyAnalysis, author: str, request: HttpRequest | None) -> bytes:
    """Identity, SIG, ratios with comments, debt capacity, date and author, in French."""
    # Imported here: WeasyPrint costs ~0.7 s of start-up to every process otherwise.
    from weasyprint import HTML

    html = render_to_string(
        "diagnosis/note.html",
        {
            "analysis": analysis,
            "party": analysis.party,
            "author": author,
            "charts": charts_of(analysis),
        },
        request=request,
    )
    document = HTML(string=html, base_url=None)
    return document.write_pdf(pdf_variant="pdf/ua-1") or b""
