"""The queue of complaints: what is owed next on each open complaint, and by when."""

from __future__ import annotations

import datetime as dt
from typing import Any

from probanker.complaints.models import OPEN_STATUSES, Complaint


def queue_rows(queryset: Any, today: dt.date) -> list[tuple[Complaint, str, dt.date, bool]]:
    """Open complaints with what is owed next and by when, the most urgent first."""
    rows = []
    for c in queryset.filter(status__in=OPEN_STATUSES):
        nxt = c.next_deadline()
        if nxt is not None:
            rows.append((c, nxt[0], nxt[1], nxt[1] < today))
    rows.sort(key=lambda r: (r[2], r[0].pk))
    return rows
