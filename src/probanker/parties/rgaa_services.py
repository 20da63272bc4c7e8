"""Every write of the RGAA part (audits, results, plan, consultations) and the audit's
figures read back. Writes need ``rgaa.change`` (the administrator and the complaints
officer, who is the bank's accessibility referent here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from probanker.core.models import User
from probanker.core.permissions import require
from probanker.core.services import DomainError
from probanker.parties.models import (
    AccessibilityPlan,
    AssociationConsultation,
    PlanAction,
    RgaaAudit,
    RgaaCriterion,
    RgaaResult,
    RgaaSample,
)
from probanker.parties.rgaa import Compliance, Verdict, compliance, criterion_verdict

CHANGE = "rgaa.change"


@transaction.atomic
def create_audit(
    *, actor: User, title: str, scope: str, auditor: str, audited_on: dt.date,
    samples: list[tuple[str, str, str]], tools: str = "", environment: str = "",
    contact: str = "",
) -> RgaaAudit:  # fmt: skip
    """An audit and its sample: ``(kind, name, location)`` per page or document."""
    require(actor, CHANGE)
    if not samples:
        raise DomainError("L'échantillon compte au moins une page ou un document.")
    audit = RgaaAudit.objects.create(
        title=title, scope=scope, auditor=auditor, audited_on=audited_on, tools=tools,
        environment=environment, contact=contact, created_by=actor,
    )  # fmt: skip
    RgaaSample.objects.bulk_create(
        RgaaSample(audit=audit, kind=k, name=n, location=loc) for k, n, loc in samples
    )
    return audit


@transaction.atomic
def record_results(*, actor: User, sample: RgaaSample, results: dict[str, tuple[str, str]]) -> int:
    """Each criterion's verdict and note on the page (``""`` verdict: not evaluated, the
    result removed). Returns the count of results kept."""
    require(actor, CHANGE)
    criteria = {c.code: c for c in RgaaCriterion.objects.all()}
    unknown = sorted(set(results) - set(criteria))
    if unknown:
        raise DomainError(f"Critères inconnus : {', '.join(unknown)}.")
    for code, (verdict, _note) in results.items():
        if verdict and verdict not in Verdict.values:
            raise DomainError(f"Critère {code} : résultat inconnu ({verdict}).")
    RgaaResult.objects.filter(sample=sample).delete()
    rows = [
        RgaaResult(sample=sample, criterion=criteria[code], verdict=verdict, note=note.strip())
        for code, (verdict, note) in results.items()
        if verdict
    ]
    RgaaResult.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def add_consultation(
    *, actor: User, held_on: dt.date, association: str, topic: str, decisions: str
) -> AssociationConsultation:
    require(actor, CHANGE)
    if not decisions.strip():
        raise DomainError("Notez ce qui a été décidé avec l'association.")
    return AssociationConsultation.objects.create(
        held_on=held_on, association=association, topic=topic, decisions=decisions.strip()
    )


@transaction.atomic
def add_plan_action(
    *, actor: User, plan: AccessibilityPlan, year: int, action: str, owner: str = ""
) -> PlanAction:
    require(actor, CHANGE)
    if not plan.start_year <= year <= plan.end_year:
        raise DomainError(f"L'année doit être comprise entre {plan.start_year} et {plan.end_year}.")
    return PlanAction.objects.create(plan=plan, year=year, action=action, owner=owner)


@dataclass(frozen=True)
class CriterionRow:
    criterion: RgaaCriterion
    verdict: str | None
    by_sample: list[RgaaResult | None]


@dataclass(frozen=True)
class AuditFigures:
    audit: RgaaAudit
    samples: list[RgaaSample]
    rows: list[CriterionRow]
    compliance: Compliance

    @property
    def failures(self) -> list[CriterionRow]:
        """The non-conforming criteria, for the statement's list."""
        return [r for r in self.rows if r.verdict == Verdict.NOT_CONFORM]


def audit_figures(audit: RgaaAudit) -> AuditFigures:
    """Every criterion over the sample, and the compliance rate (``parties.rgaa``)."""
    samples = list(audit.samples.all())
    results: dict[tuple[int, int], RgaaResult] = {
        (r.sample_id, r.criterion_id): r for r in RgaaResult.objects.filter(sample__audit=audit)
    }
    rows = []
    verdicts: dict[str, list[str]] = {}
    for criterion in RgaaCriterion.objects.select_related("theme"):
        by_sample = [results.get((s.pk, criterion.pk)) for s in samples]
        seen = [r.verdict for r in by_sample if r is not None]
        verdicts[criterion.code] = seen
        rows.append(CriterionRow(criterion, criterion_verdict(seen), by_sample))
    figures = compliance(verdicts, [r.criterion.code for r in rows])
    return AuditFigures(audit, samples, rows, figures)
