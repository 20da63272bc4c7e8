"""Accessible PDF documents: a Django template rendered by WeasyPrint as PDF/UA-1 (tagged)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def render_pdf(template: str, context: dict[str, Any], request: HttpRequest | None = None) -> bytes:
    """The template as a tagged PDF (language, title and structure from the HTML)."""
    # Imported here: WeasyPrint costs ~0.7 s of start-up to every process otherwise.
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1") or b""


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """A PDF shown in the browser, saved under ``filename``."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
