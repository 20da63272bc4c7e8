"""Scoping of the commercial plan's objectives (they are not bound to one client)."""

from __future__ import annotations

from typing import Any, Self

from django.db import models

from probanker.core.querysets import OwnedQuerySet


class ObjectiveQuerySet(models.QuerySet[Any]):
    """Objectives; a manager reaches their own and their branch's, a director the branch's."""

    def visible_to(self, user: Any, action: str | None = None) -> Self:
        """Rows of the user's scope (``core.permissions.SCOPES``), nothing without ``action``."""
        from probanker.core.permissions import Scope, can, scope_of

        if action is not None and not can(user, action):
            return self.none()
        scope = scope_of(user)
        if scope == Scope.ALL:
            return self.all()
        if scope == Scope.NONE or user.branch_id is None:
            return self.none()
        mine = self.filter(branch_id=user.branch_id)
        if scope == Scope.OWN:
            return mine.filter(models.Q(manager__isnull=True) | models.Q(manager_id=user.pk))
        return mine


class TargetListQuerySet(OwnedQuerySet):
    """Target lists; a manager reaches their own, a director their branch's."""


class CommercialActionQuerySet(models.QuerySet[Any]):
    """Actions, reached through their target list's scope."""

    def visible_to(self, user: Any, action: str | None = None) -> Self:
        """The actions on the target lists the user reaches."""
        from probanker.portfolio.models import TargetList

        return self.filter(target_list__in=TargetList.objects.visible_to(user, action))
