"""The API's pages: ninja's page numbers, bounded.

``?page=`` beyond :data:`MAX_PAGE` is a 422 (« valeur trop grande »), documented in
the schema (``maximum``); unbounded, a huge page overflowed the database's integers
(a 500). A page past the last one is empty.
"""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

#: The highest page number asked for: far beyond any portfolio, within every
#: database's 64-bit integers for any page size.
MAX_PAGE = 1_000_000


class Pages(PageNumberPagination):
    """``?page=`` (1 to :data:`MAX_PAGE`) and ``?page_size=`` (capped by ninja's maximum)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1)
