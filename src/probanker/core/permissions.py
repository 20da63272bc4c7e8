"""Who may do what: one table of actions per role, and the reach of each role.

Views, API endpoints and services all ask :func:`can` (or :func:`require`), and
querysets restrict themselves with ``visible_to(user, action)``, so a role's
rights are read from one place. Two questions are kept apart:

* **may** the user do the action at all (:data:`PERMISSIONS`, by role);
* **which rows** the user reaches (:data:`SCOPES`: their own portfolio, their
  branch, every branch, or nothing).

Segregation of duties (DESIGN.md): those who analyse risk or decide credit do
not edit clients or reassign portfolios; reassignment is the director's and the
administrator's.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied

from probanker.core.models import Role


class Scope(StrEnum):
    """The rows a role reaches."""

    OWN = "own"  # the manager's own portfolio
    BRANCH = "branch"  # the director's branch
    ALL = "all"  # every branch
    NONE = "none"  # no client-bound row (the jury sees its candidates only)


SCOPES: dict[str, Scope] = {
    Role.MANAGER: Scope.OWN,
    Role.DIRECTOR: Scope.BRANCH,
    Role.RISK: Scope.ALL,
    Role.COMMITTEE: Scope.ALL,
    Role.ADMIN: Scope.ALL,
    Role.COMPLAINTS: Scope.ALL,
    Role.CERTIFICATION: Scope.NONE,
    Role.JURY: Scope.NONE,
}

M, D, R, C, A = Role.MANAGER, Role.DIRECTOR, Role.RISK, Role.COMMITTEE, Role.ADMIN
CO, CE, J = Role.COMPLAINTS, Role.CERTIFICATION, Role.JURY
_READERS = frozenset({M, D, R, C, A})  # who reads the client-bound data of their scope

#: action → the roles that may perform it. An action not listed is refused to all.
PERMISSIONS: dict[str, frozenset[str]] = {
    # clients and prospects
    "party.view": _READERS | {CO},
    "party.create": frozenset({M, D, A}),
    "party.change": frozenset({M, D, A}),
    "party.reassign": frozenset({D, A}),
    # accounts and products held
    "contract.view": _READERS | {CO},
    # financial diagnosis
    "diagnosis.view": _READERS,
    "diagnosis.change": frozenset({M, D, A}),  # FEC import, statements typed, deletion
    # credit files
    "credit.view": _READERS,
    "credit.change": frozenset({M, D, A}),  # create and edit files, renew, submit
    "credit.decide": frozenset({M, D, C}),  # within the delegation grid (services check it)
    "credit.grid.change": frozenset({A}),  # delegation grid, compliance rules
    "usury.change": frozenset({A}),  # usury ceilings
    "letter.view": _READERS,
    "letter.mark_sent": frozenset({M, D, A}),
    # agenda: appointments and the contact log
    "agenda.view": _READERS,
    "agenda.change": frozenset({M, D, A}),
    # advice and sales: interviews, needs, specialists, recommendations, opportunities
    "sales.view": _READERS,
    "sales.change": frozenset({M, D}),
    "guide.change": frozenset({A}),  # the interview guides (a new version per edit)
    "conditions.decide": frozenset({M, D, C}),  # within the conditions' grid (services check it)
    # risk
    "risk.view": _READERS,
    "alert.take": frozenset({M, D}),  # take an alert in charge
    "rule.change": frozenset({R, A}),
    "case.view": _READERS,
    "case.change": frozenset({M, D, A}),  # degradation cases: open, contact, measures, close
    # the portfolio diagnosis and the commercial plan
    "portfolio.view": _READERS,
    "objective.change": frozenset({D}),  # the director sets the branch's and splits them
    "transfer_price.change": frozenset({A}),
    # prospecting: the SIRENE register's search, prospects created from it
    "prospecting.view": frozenset({M, D}),
    "prospect.create": frozenset({M, D}),
    "target.change": frozenset({M, D}),  # target lists and the commercial actions on them
    "prescriber.view": frozenset({M, D}),  # the branch's prescribers and their results
    "prescriber.change": frozenset({M, D}),  # record a prescriber, its contacts
    "referral.create": frozenset({M, D}),  # a client's or a prescriber's referral
    "event.change": frozenset({M, D}),  # record a manifestation (its contacts: prospect.create)
    "campaign.view": frozenset({M, D}),  # a manager's campaigns, the director's branch
    "campaign.change": frozenset({M, D}),  # launch a campaign, record its outcomes
    "visit.view": frozenset({M, D}),  # a manager's visit days, the director's branch
    "visit.change": frozenset({M, D}),  # plan, optimise, reorder and book a day of visits
    # the daily batch
    "batch.view": frozenset({A}),
    "batch.run": frozenset({A}),
    # complaints
    "complaint.view": frozenset({M, D, CO, A}),
    "complaint.change": frozenset({M, D, CO}),
    # RGAA audits of the bank's interfaces, the accessibility plan, consultations
    "rgaa.view": frozenset({M, D, R, C, A, CO}),
    "rgaa.change": frozenset({A, CO}),
    # the certification
    "certification.view": frozenset({CE, J, A}),
    "certification.manage": frozenset({CE, A}),
    "certification.evaluate": frozenset({CE, J}),
    # one's own account
    "token.manage": frozenset({M, D, R, C, A, CO, CE, J}),
}


def _role(user: Any) -> str | None:
    """The role whose rights apply, or ``None`` for anonymous or inactive users."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if not getattr(user, "is_active", False):
        return None
    if getattr(user, "is_superuser", False) and user.role not in SCOPES:
        return Role.ADMIN
    return str(user.role)


def can(user: Any, action: str) -> bool:
    """Whether the user's role may perform ``action`` (unknown actions: no).

    A superuser has the rights of their role (an administrator's when their
    role is unknown): segregation of duties holds for them too.
    """
    role = _role(user)
    if role is None:
        return False
    if action not in PERMISSIONS:
        raise KeyError(f"action inconnue : {action}")
    return role in PERMISSIONS[action]


def require(user: Any, action: str) -> None:
    """Raise :class:`PermissionDenied` unless the user may perform ``action``."""
    if not can(user, action):
        raise PermissionDenied(action)


def scope_of(user: Any) -> Scope:
    """The rows the user reaches (:class:`Scope.NONE` for anonymous users)."""
    role = _role(user)
    return SCOPES.get(role, Scope.NONE) if role else Scope.NONE


def roles_for(action: str) -> frozenset[str]:
    """The roles that may perform ``action``."""
    return PERMISSIONS[action]
