"""The « Note d'analyse financière » as a tagged PDF (WeasyPrint, PDF/UA-1)."""

from __future__ import annotations

from django.http import HttpRequest

from probanker.diagnosis.analysis import PartyAnalysis
from probanker.diagnosis.presentation import charts_of
from probanker.reports.pdf import render_pdf


def analysis_note_pdf(analysis: PartyAnalysis, author: str, request: HttpRequest | None) -> bytes:
    """Identity, SIG, ratios with comments, debt capacity, date and author, in French."""
    context = {
        "analysis": analysis,
        "party": analysis.party,
        "author": author,
        "charts": charts_of(analysis),
    }
    return render_pdf("diagnosis/note.html", context, request)
