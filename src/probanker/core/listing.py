"""Sorting and pagination shared by every list page (UI side).

A list declares its sortable columns; :func:`build_listing` applies the
requested order and page and returns what the table template needs to draw
accessible sort links (``aria-sort``) and pagination.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import QueryDict


@dataclass(frozen=True)
class Column:
    """A table column; ``order`` is the ORM ordering when it is sortable."""

    key: str
    label: str
    order: str | None = None
    numeric: bool = False


@dataclass(frozen=True)
class HeaderCell:
    column: Column
    href: str | None
    aria_sort: str | None
    direction_label: str


@dataclass
class Listing:
    page: Page[Any]
    headers: list[HeaderCell]
    sort: str
    querystring: str
    page_links: list[tuple[int, str]]

    @property
    def object_list(self) -> Any:
        return self.page.object_list


def _query_without(params: QueryDict, *keys: str) -> QueryDict:
    copy = params.copy()
    for key in keys:
        copy.pop(key, None)
    return copy


def build_listing(
    queryset: Any,
    params: QueryDict,
    columns: list[Column],
    *,
    default_sort: str,
    per_page: int = 25,
) -> Listing:
    """Order and paginate ``queryset`` from the request's ``sort`` and ``page``.

    ``sort`` is a column key, prefixed with ``-`` for descending; an unknown
    key falls back to ``default_sort``. Every link keeps the other query
    parameters (search, filters), so the list works without JavaScript.
    """
    sortable = {c.key: c for c in columns if c.order}
    requested = params.get("sort", default_sort)
    key = requested.lstrip("-")
    if key not in sortable:
        requested, key = default_sort, default_sort.lstrip("-")
    descending = requested.startswith("-")
    order = sortable[key].order or key
    ordering = [f"-{order}" if descending else order, "pk"]
    paginator = Paginator(queryset.order_by(*ordering), per_page)
    page = paginator.get_page(params.get("page"))

    base = _query_without(params, "sort", "page")
    headers: list[HeaderCell] = []
    for column in columns:
        if not column.order:
            headers.append(HeaderCell(column, None, None, ""))
            continue
        is_current = column.key == key
        next_sort = column.key if (not is_current or descending) else f"-{column.key}"
        query = base.copy()
        query["sort"] = next_sort
        aria = ("descending" if descending else "ascending") if is_current else None
        label = (
            "trié par ordre décroissant"
            if is_current and descending
            else "trié par ordre croissant"
            if is_current
            else "cliquer pour trier"
        )
        headers.append(HeaderCell(column, "?" + query.urlencode(), aria, label))

    keep = _query_without(params, "page")
    keep["sort"] = requested
    page_links = []
    for number in _page_window(page.number, paginator.num_pages):
        query = keep.copy()
        query["page"] = str(number)
        page_links.append((number, "?" + query.urlencode()))
    return Listing(
        page=page,
        headers=headers,
        sort=requested,
        querystring=keep.urlencode(),
        page_links=page_links,
    )


def _page_window(current: int, last: int, radius: int = 2) -> list[int]:
    """First, last and the pages around the current one."""
    pages = {1, last, *range(max(1, current - radius), min(last, current + radius) + 1)}
    return sorted(pages)
