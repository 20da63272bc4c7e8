"""Who reaches which certification rows (candidates are people, not clients).

A candidate file is no client-bound row: the certification roles' scope is
NONE (``core.permissions.SCOPES``), so reach is decided here, in two steps as
everywhere else — the row in reach (else 404), then the action (else 403):

* the certification officer and the administrator reach every file;
* a juror reaches the candidates presented to the sessions they sit on;
* a relationship manager reaches their own file, a director the files of their
  branch, bank-wide roles every file — reach only: none of them holds
  ``certification.view``, so each object route answers them 403 (their own file
  is read at « Mon dossier de certification », which asks no action).
"""

from __future__ import annotations

from typing import Any, Self

from django.db import models

from probanker.core.models import Role
from probanker.core.permissions import Scope, can, scope_of


class CertificationQuerySet(models.QuerySet[Any]):
    """Rows reached through their candidate(s) and, for jurors, their jury's members.

    ``candidate_path`` leads to the candidate (``""`` for a candidate,
    ``"candidate__"``...); ``member_path`` to the jury members whose user sits
    on the row's session.
    """

    candidate_path: str = "candidate__"
    member_path: str = "candidate__juries__members__"

    def visible_to(self, user: Any, action: str | None = None) -> Self:
        """The rows ``user`` reaches (for ``action`` when given: none if the role lacks it)."""
        if action is not None and not can(user, action):
            return self.none()
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        role = user.role
        if role == Role.CERTIFICATION or (role == Role.ADMIN or user.is_superuser):
            return self.all()
        if role == Role.JURY:
            return self.filter(**{f"{self.member_path}user": user}).distinct()
        scope = scope_of(user)
        if scope == Scope.ALL:
            return self.all()
        if scope == Scope.BRANCH:
            if user.branch_id is None:
                return self.none()
            return self.filter(**{f"{self.candidate_path}branch_id": user.branch_id}).distinct()
        if scope == Scope.OWN:
            return self.filter(**{f"{self.candidate_path}user": user}).distinct()
        return self.none()


class CandidateQuerySet(CertificationQuerySet):
    candidate_path = ""
    member_path = "juries__members__"


class JuryQuerySet(CertificationQuerySet):
    candidate_path = "candidates__"
    member_path = "members__"


class DeliberationQuerySet(CertificationQuerySet):
    candidate_path = "candidate__"
    member_path = "jury__members__"
