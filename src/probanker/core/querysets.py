"""Access control lives in the queryset (NetBox's ``RestrictedQuerySet``).

Every model bound to a client uses :class:`ScopedQuerySet`; views and API
endpoints start from ``visible_to(user)`` so that another manager's object is
simply not found (a 404), never a 403 that would confirm it exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from django.db import models

if TYPE_CHECKING:
    from probanker.core.models import User


class ScopedQuerySet(models.QuerySet[Any]):
    """A queryset that can restrict itself to what a user may see.

    Subclasses set ``party_path`` to the lookup that leads from the model to
    its :class:`~probanker.parties.models.Party` (``""`` for the party
    itself, ``"party__"`` for a contract, ...).
    """

    party_path: str = "party__"

    def visible_to(self, user: User | Any, action: str | None = None) -> Self:
        """Rows the user may reach for ``action`` (reading when ``None``).

        The rows follow the role's scope (``core.permissions.SCOPES``): a
        manager their own portfolio, a director the whole branch, risk
        analysts, the credit committee and administrators every branch, any
        other role and anonymous users nothing. With an ``action`` the role must
        also hold it in the permission table, or nothing is reached.
        """
        from probanker.core.permissions import Scope, can, scope_of

        if action is not None and not can(user, action):
            return self.none()
        scope = scope_of(user)
        if scope == Scope.ALL:
            return self.all()
        if scope == Scope.BRANCH:
            if user.branch_id is None:
                return self.none()
            return self.filter(**{f"{self.party_path}branch_id": user.branch_id})
        if scope == Scope.OWN:
            return self.filter(**{f"{self.party_path}manager_id": user.pk})
        return self.none()


class OwnedQuerySet(models.QuerySet[Any]):
    """Rows of a branch that one user owns (``owner``, ``branch``): target lists,
    campaigns. A manager reaches their own, a director their branch's, bank-wide roles
    every row; nothing without ``action``."""

    def visible_to(self, user: User | Any, action: str | None = None) -> Self:
        """Rows of the user's scope (``core.permissions.SCOPES``), nothing without ``action``."""
        from probanker.core.permissions import Scope, can, scope_of

        if action is not None and not can(user, action):
            return self.none()
        scope = scope_of(user)
        if scope == Scope.ALL:
            return self.all()
        if scope == Scope.NONE or user.branch_id is None:
            return self.none()
        if scope == Scope.OWN:
            return self.filter(owner_id=user.pk)
        return self.filter(branch_id=user.branch_id)
