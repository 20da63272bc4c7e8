"""The certification's PDF documents, tagged (PDF/UA) through ``reports/pdf.py``:
the jury's minutes (« procès-verbal »), the attestation of blocks or the
certificate, the candidate's activity report and the case study of block 1."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from probanker.certification import progress
from probanker.certification.models import Block, Candidate, Deliberation
from probanker.certification.referentiel_data import AMF_PREREQUISITE, CERTIFIER, CODE, TITLE
from probanker.core import registry
from probanker.reports.pdf import pdf_response, render_pdf

BASE = {"code": CODE, "title": TITLE, "certifier": CERTIFIER, "amf_rule": AMF_PREREQUISITE}


def minutes(request: HttpRequest, deliberation: Deliberation) -> HttpResponse:
    """The procès-verbal of one deliberation, as recorded (it never changes)."""
    held = set(deliberation.held_blocks)
    context = {
        **BASE,
        "d": deliberation,
        "members": deliberation.jury.members.all(),
        "validated": deliberation.validated_blocks.order_by("order"),
        "blocks": [(b, b.code in held) for b in Block.objects.order_by("order")],
    }
    pdf = render_pdf("certification/pdf/minutes.html", context, request)
    return pdf_response(pdf, f"proces-verbal-{deliberation.pk}.pdf")


def attestation(request: HttpRequest, candidate: Candidate) -> HttpResponse:
    """The certificate when the CQP is obtained, else the attestation of the blocks held."""
    validated = progress.validations(candidate)
    certifying = progress.certifying_deliberation(candidate)
    context = {
        **BASE,
        "candidate": candidate,
        "certifying": certifying,
        "rows": [
            (b, validated[b.pk]) for b in Block.objects.order_by("order") if b.pk in validated
        ],
        "today": timezone.localdate(),
    }
    pdf = render_pdf("certification/pdf/attestation.html", context, request)
    kind = "certificat" if certifying else "attestation-blocs"
    return pdf_response(pdf, f"{kind}-{candidate.pk}.pdf")


@dataclass(frozen=True)
class ActivitySection:
    label: str
    count: int
    items: list[registry.ActivityItem]


@dataclass(frozen=True)
class PortfolioIndicators:
    clients: int
    prospects: int
    with_fiscal_years: int
    open_alerts: int
    open_cases: int


def portfolio_indicators(user: Any) -> PortfolioIndicators:
    """The candidate's portfolio today: clients, prospects, clients analysed, risk."""
    from probanker.parties.models import Party
    from probanker.risk.models import Alert, DegradationCase

    parties = Party.objects.filter(manager=user)
    return PortfolioIndicators(
        clients=parties.filter(kind="client").count(),
        prospects=parties.exclude(kind="client").count(),
        with_fiscal_years=parties.filter(fiscal_years__isnull=False).distinct().count(),
        open_alerts=Alert.objects.filter(party__manager=user, closed_on__isnull=True).count(),
        open_cases=DegradationCase.objects.filter(
            party__manager=user, closed_on__isnull=True
        ).count(),
    )


def activity_sections(user: Any, start: dt.date, end: dt.date) -> list[ActivitySection]:
    """Each registered activity source over ``[start, end]`` (``core.registry.activity_sources``)."""
    return [
        ActivitySection(s.label, s.count(user, start, end), s.items(user, start, end))
        for s in registry.activity_sources
    ]


def activity_report(request: HttpRequest, candidate: Candidate, start: dt.date, end: dt.date) -> HttpResponse:  # fmt: skip
    """The « rapport d'activité lié à l'activité commerciale » over the period, from the
    candidate's real activity in probanker, with the parts the candidate writes."""
    if candidate.user is None:
        raise Http404("Le candidat n'a pas de compte probanker : pas d'activité à rapporter")
    context = {
        **BASE,
        "candidate": candidate,
        "start": start,
        "end": end,
        "sections": activity_sections(candidate.user, start, end),
        "indicators": portfolio_indicators(candidate.user),
        "statuses": progress.block_statuses(candidate),
    }
    pdf = render_pdf("certification/pdf/activity.html", context, request)
    return pdf_response(pdf, f"rapport-activite-{candidate.pk}.pdf")


def case_study_pdf(request: HttpRequest, candidate: Candidate) -> HttpResponse:
    """Block 1's case study from a client of the candidate's portfolio, pseudonymised."""
    from probanker.certification.casestudy import case_study, choose_client

    party = choose_client(candidate.user) if candidate.user else None
    if party is None:
        raise Http404("Aucun client du portefeuille du candidat n'a d'exercice comptable")
    study = case_study(party)
    context = {**BASE, "candidate": candidate, "study": study, "p": study.pseudonyms,
               "analysis": study.analysis,
               "commentary": [study.scrub(s) for s in study.analysis.commentary]}  # fmt: skip
    pdf = render_pdf("certification/pdf/case_study.html", context, request)
    return pdf_response(pdf, f"etude-de-cas-{candidate.pk}.pdf")
