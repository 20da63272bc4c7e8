"""Reads and scoping for credit files and the rows attached to them."""

from __future__ import annotations

from probanker.core.querysets import ScopedQuerySet


class FileBoundQuerySet(ScopedQuerySet):
    """Rows of a credit file (plan, products, guarantees, compliance, decision),
    scoped through the file's client."""

    party_path = "file__party__"
