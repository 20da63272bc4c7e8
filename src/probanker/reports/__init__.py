"""Rendering shared by every app: charts (Vega-Lite → SVG) and PDF documents (WeasyPrint)."""
