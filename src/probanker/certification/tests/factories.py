"""Typed builders of certification rows: candidates, evaluations, juries, deliberations.

Candidates and evaluations are written directly; juries and deliberations go
through the services so their rules hold in every test that uses them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from factory.django import DjangoModelFactory

from probanker.certification import services
from probanker.certification.models import (
    Candidate,
    College,
    Competency,
    Deliberation,
    Evaluation,
    Jury,
    Modality,
)
from probanker.core.models import Role
from probanker.core.tests.factories import UserFactory

TODAY = dt.date(2026, 6, 30)


class CandidateFactory(DjangoModelFactory[Candidate]):
    class Meta:
        model = Candidate

    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Candidat{n}")
    access_route = "formation_continue"
    enrolled_on = dt.date(2025, 9, 1)


def acquire(candidate: Candidate, block: str, *, evaluator: Any, on: dt.date = TODAY,
            result: str = "acquis", skip: int = 0) -> list[Evaluation]:  # fmt: skip
    """Evaluate every competency of ``block`` (``BC01``) but the last ``skip`` ones."""
    competencies = list(Competency.objects.filter(code__startswith=f"{block}-").order_by("order"))
    modality = Modality.objects.filter(block__code__endswith=block).order_by("order").first()
    rows = competencies[: len(competencies) - skip]
    return [
        Evaluation.objects.create(candidate=candidate, competency=c, modality=modality,
                                  evaluated_on=on, result=result, evaluator=evaluator)
        for c in rows
    ]  # fmt: skip


def members(*, juror: Any = None) -> list[services.MemberSpec]:
    """The three seats; ``juror`` (a user) sits in the employee college."""
    return [
        services.MemberSpec("Sophie Arnaud", College.EMPLOYEE, user=juror.pk if juror else None),
        services.MemberSpec("Marc Lemoine", College.EMPLOYER),
        services.MemberSpec("Hélène Vidal", College.CNCM),
    ]


def jury(*, officer: Any = None, juror: Any = None, candidates: tuple[Candidate, ...] = (),
         session_on: dt.date = TODAY) -> Jury:  # fmt: skip
    """A jury through the services, with ``candidates`` presented to it."""
    officer = officer or UserFactory(role=Role.CERTIFICATION, branch=None)
    created = services.create_jury(
        actor=officer, session_on=session_on, members=members(juror=juror)
    )
    for candidate in candidates:
        services.present_candidate(actor=officer, jury=created, candidate=candidate)
    return created


def deliberation(candidate: Candidate, blocks: list[str], *, juror: Any = None,
                 on: dt.date = TODAY) -> Deliberation:  # fmt: skip
    """A deliberation validating ``blocks`` (evaluated acquired first), by a new jury."""
    officer = UserFactory(role=Role.CERTIFICATION, branch=None)
    for block in blocks:
        acquire(candidate, block[-4:], evaluator=officer, on=on)
    session = jury(officer=officer, juror=juror, candidates=(candidate,), session_on=on)
    return services.deliberate(actor=officer, jury=session, candidate=candidate,
                               validated_blocks=blocks, today=on)  # fmt: skip
