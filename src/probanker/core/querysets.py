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

    def visible_to(self, user: User | Any) -> Self:
        """Rows the user may read.

        A manager sees their own portfolio; a director the whole branch; risk
        analysts, the credit committee and administrators every branch; any
        other role (jury) and anonymous users nothing.
        """
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.sees_all_branches:
            return self.all()
        if user.is_director:
            if user.branch_id is None:
                return self.none()
            return self.filter(**{f"{self.party_path}branch_id": user.branch_id})
        if user.is_manager:
            return self.filter(**{f"{self.party_path}manager_id": user.pk})
        return self.none()
