"""The world a permission scenario acts on: the actor of a role, a party of its scope,
objects on demand; what a scenario sends and how to tell the write happened."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from probanker.core import permissions, services
from probanker.core.models import Role, User
from probanker.core.permissions import Scope
from probanker.core.tests.factories import UserFactory

TODAY = dt.date(2026, 6, 30)

# --------------------------------------------------------------------------
# The world each scenario acts on: one party in the actor's scope.
# --------------------------------------------------------------------------


class World:
    """The actor of a role, the party's manager, another manager, and objects on demand.

    The party belongs to ``owner`` (the actor itself when the role is manager)
    in the director's branch, so that every role reaches it as far as its scope
    goes.
    """

    def __init__(self, role: str, branch: Any) -> None:
        self.role = role
        bank_wide = permissions.SCOPES[role] != Scope.BRANCH
        self.actor: User = UserFactory(
            username=f"actor-{role}", role=role, branch=None if bank_wide else branch
        )
        if role == Role.MANAGER:
            self.actor.branch = branch
            self.actor.save(update_fields=["branch"])
            self.owner = self.actor
        else:
            self.owner = UserFactory(username="owner", role=Role.MANAGER, branch=branch)
        self.other_manager: User = UserFactory(username="other", role=Role.MANAGER, branch=branch)

    @cached_property
    def party(self) -> Any:
        from probanker.parties.tests.factories import PartyFactory

        return PartyFactory(manager=self.owner, city="Tours")

    @cached_property
    def year(self) -> Any:
        from probanker.diagnosis.tests.factories import fiscal_year

        return fiscal_year(self.party, self.owner)

    @cached_property
    def line(self) -> Any:
        from probanker.banking.tests.factories import ContractFactory

        return ContractFactory(
            party=self.party, authorised_limit=5000, limit_expiry=TODAY + dt.timedelta(days=30)
        )

    @cached_property
    def case(self) -> Any:
        from probanker.risk.cases import open_case

        return open_case(actor=self.owner, party=self.party, alerts=[], today=TODAY)

    @cached_property
    def alert(self) -> Any:
        from probanker.risk.tests.factories import AlertFactory

        return AlertFactory(party=self.party)

    @cached_property
    def ready_file(self) -> Any:
        """A complete draft of the owner's (plan balanced, one loan, documents received)."""
        from probanker.credit.tests.test_credit import ready_file

        return ready_file(self.owner)

    @cached_property
    def file(self) -> Any:
        from probanker.credit.services import create_file

        return create_file(
            actor=self.owner, party=self.party, purpose="equipement", description="", today=TODAY
        )

    def submitted_file(self) -> Any:
        """The file, submitted at the level the actor's role decides (test set-up)."""
        from probanker.credit.models import CreditFile, FileStatus, Level

        level = {Role.DIRECTOR: Level.DIRECTOR, Role.COMMITTEE: Level.COMMITTEE}.get(
            self.role, Level.MANAGER
        )
        CreditFile.objects.filter(pk=self.file.pk).update(
            status=FileStatus.SUBMITTED, level=level, submitted_on=TODAY
        )
        return self.file

    @cached_property
    def letter(self) -> Any:
        from probanker.credit.models import GuarantorLetter
        from probanker.parties.tests.factories import PartyRoleFactory

        role = PartyRoleFactory(party=self.party, role="guarantor")
        return GuarantorLetter.objects.create(
            kind="2302", party=self.party, guarantor=role.person,
            reference_date=dt.date(2025, 12, 31), due_on=dt.date(2026, 3, 31), principal=1000,
        )  # fmt: skip

    @cached_property
    def complaint(self) -> Any:
        from probanker.complaints.tests.factories import complaint

        return complaint(self.party, self.owner)

    @cached_property
    def attachment(self) -> Any:
        from probanker.complaints.tests.factories import attachment

        return attachment(self.complaint, self.owner)

    @cached_property
    def opportunity(self) -> Any:
        """An insurance opportunity of the party's, detected."""
        from probanker.banking.models import Product
        from probanker.sales.models import Opportunity

        return Opportunity.objects.create(
            party=self.party, manager=self.owner, amount=1200, created_on=TODAY,
            product=Product.objects.get(code="multirisk_insurance"),
        )  # fmt: skip

    @cached_property
    def interview(self) -> Any:
        """A discovery interview held with the party, its report not sent."""
        from probanker.sales.models import Interview, InterviewGuide

        guide = InterviewGuide.objects.get(situation="decouverte", segment="tpe", current=True)
        return Interview.objects.create(
            party=self.party, manager=self.owner, guide=guide, held_on=TODAY,
            summary="Découverte de l'activité", answers={},
        )  # fmt: skip

    @cached_property
    def referral(self) -> Any:
        """An insurance specialist called in from the interview, not answered yet."""
        from probanker.sales.models import SpecialistReferral

        return SpecialistReferral.objects.create(
            party=self.party, interview=self.interview, specialty="assurance",
            question="Prévoyance du gérant ?", requested_by=self.owner, requested_on=TODAY,
        )  # fmt: skip

    @cached_property
    def appointment(self) -> Any:
        """A planned appointment of the owner's with the party, the day after tomorrow."""
        from probanker.agenda.tests.factories import AppointmentFactory

        return AppointmentFactory(party=self.party, manager=self.owner)

    @cached_property
    def contact(self) -> Any:
        """A call in the party's log with a next step due."""
        from probanker.agenda.tests.factories import ContactFactory

        return ContactFactory(party=self.party, author=self.owner)

    @cached_property
    def token(self) -> Any:
        return services.create_api_token(user=self.actor, name="le mien")

    def manager_field(self) -> dict[str, Any]:
        """The manager a non-manager picks for a new client (a manager's is their own)."""
        return {} if self.role == Role.MANAGER else {"manager": self.owner.pk}


@dataclass(frozen=True)
class Request:
    """What a scenario sends, and how to tell that the write happened."""

    url: str
    data: dict[str, Any] = field(default_factory=dict)
    changed: Callable[[], bool] | None = None  # None: a read, or a form that is only shown


@dataclass(frozen=True)
class Scenario:
    route: str
    action: str | None
    method: str  # get, post, patch
    build: Callable[[World], Request]
    name: str = ""

    @property
    def is_api(self) -> bool:
        return " /api/" in self.route

    @property
    def id(self) -> str:
        suffix = f"[{self.name}]" if self.name else ""
        return f"{self.route}{suffix}:{self.action or 'signed-in'}"


def get(url: Callable[[World], str]) -> Callable[[World], Request]:
    """A scenario's request: a GET of ``url`` built on the world."""
    return lambda w: Request(url(w))


def refreshed(obj: Any) -> Any:
    """``obj`` read again from the database (a scenario's check of what changed)."""
    return type(obj).objects.get(pk=obj.pk)
