"""Reads of the batch journal, restricted to those who may see it."""

from __future__ import annotations

from typing import Any, Self

from django.db import models


class BatchRunQuerySet(models.QuerySet[Any]):
    """Runs of the daily batch; not bound to a client, so access is by action only."""

    def visible_to(self, user: Any, action: str | None = None) -> Self:
        """Every run for a user who may perform ``action`` (``batch.view`` when ``None``)."""
        from probanker.core.permissions import can

        return self.all() if can(user, action or "batch.view") else self.none()

    def for_journal(self) -> Self:
        """Newest first, with their steps in order (one query for all the steps)."""
        return self.order_by("-started_at", "-pk").prefetch_related("steps")

    def last_for(self, as_of: Any) -> Any:
        """The latest run of a business date, or ``None``."""
        return self.filter(as_of=as_of).order_by("-started_at", "-pk").first()
