"""Pages of the RGAA part: overview (audits, plan, consultations), an audit's criteria,
a page's results, the accessibility statement.

The bank's interfaces are not client-bound: every role holding ``rgaa.view`` reads
them, ``rgaa.change`` writes. The audit and the sample are chosen by query parameters
(``?audit=``, ``?echantillon=``); an unknown one is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from probanker.core.access import parse_id
from probanker.core.models import User
from probanker.core.permissions import require
from probanker.core.services import DomainError
from probanker.parties import rgaa_services as services
from probanker.parties.models import (
    AccessibilityPlan,
    AssociationConsultation,
    RgaaAudit,
    RgaaCriterion,
    RgaaSample,
)
from probanker.parties.rgaa_forms import (
    AuditForm,
    ConsultationForm,
    PlanActionForm,
    PlanForm,
    ResultsForm,
)

VIEW, CHANGE = "rgaa.view", "rgaa.change"
FORMS = {"audit": AuditForm, "plan": PlanForm, "action": PlanActionForm,
         "concertation": ConsultationForm}  # fmt: skip


def _forms(data: Any = None, which: str = "") -> dict[str, Any]:
    return {
        key: cls(data if key == which else None, prefix=key)  # type: ignore[call-arg]
        for key, cls in FORMS.items()
    }


def _create(user: User, which: str, data: dict[str, Any]) -> str:
    if which == "audit":
        audit = services.create_audit(actor=user, **data)
        return f"Audit « {audit.title} » créé."
    if which == "plan":
        require(user, CHANGE)
        AccessibilityPlan.objects.create(**data)
        return "Schéma pluriannuel créé."
    if which == "action":
        services.add_plan_action(actor=user, **data)
        return "Action ajoutée au schéma."
    services.add_consultation(actor=user, **data)
    return "Concertation enregistrée."


def overview(request: HttpRequest) -> HttpResponse:
    """Audits with their rate and level, the plan and its actions, the consultations;
    the creation forms for ``rgaa.change``."""
    require(request.user, VIEW)
    user: User = request.user  # type: ignore[assignment]
    which = request.POST.get("form", "")
    forms = _forms(request.POST if request.method == "POST" else None, which)
    if request.method == "POST":
        require(user, CHANGE)
        form = forms.get(which)
        if form is None:
            raise Http404("Formulaire inconnu")
        if form.is_valid():
            try:
                done = _create(user, which, form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, done)
                return redirect("rgaa:overview")
    audits = [(a, services.audit_figures(a).compliance) for a in RgaaAudit.objects.all()[:20]]
    return render(
        request,
        "parties/rgaa/overview.html",
        {
            "audits": audits, "forms": forms,
            "plans": AccessibilityPlan.objects.prefetch_related("actions"),
            "consultations": AssociationConsultation.objects.all()[:50],
            "criteria_loaded": RgaaCriterion.objects.exclude(title="").count(),
        },
    )  # fmt: skip


def _audit(request: HttpRequest) -> RgaaAudit:
    pk = parse_id(request.GET.get("audit"))
    audit = RgaaAudit.objects.filter(pk=pk).first() if pk else None
    if audit is None:
        raise Http404("Audit introuvable")
    return audit


def audit_page(request: HttpRequest) -> HttpResponse:
    """Every criterion over the sample, by theme, with each page's verdict."""
    require(request.user, VIEW)
    figures = services.audit_figures(_audit(request))
    return render(request, "parties/rgaa/audit.html", {"f": figures})


def results_page(request: HttpRequest) -> HttpResponse:
    """Enter or correct one page's verdicts (``rgaa.change`` to save)."""
    require(request.user, VIEW)
    audit = _audit(request)
    pk = parse_id(request.GET.get("echantillon"))
    sample = RgaaSample.objects.filter(audit=audit, pk=pk).first() if pk else None
    if sample is None:
        raise Http404("Élément de l'échantillon introuvable")
    criteria = list(RgaaCriterion.objects.select_related("theme"))
    initial: dict[str, str] = {}
    for r in sample.results.select_related("criterion"):
        initial[f"v_{r.criterion.code}"] = r.verdict
        initial[f"n_{r.criterion.code}"] = r.note
    form = ResultsForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST":
        user: User = request.user  # type: ignore[assignment]
        require(user, CHANGE)
        if form.is_valid():
            kept = services.record_results(actor=user, sample=sample, results=form.results())
            messages.success(request, f"{kept} résultats enregistrés pour « {sample.name} ».")
            return redirect(reverse("rgaa:audit") + f"?audit={audit.pk}")
    rows = [(c, form[f"v_{c.code}"], form[f"n_{c.code}"]) for c in criteria]
    return render(
        request, "parties/rgaa/results.html", {"audit": audit, "sample": sample, "rows": rows}
    )


def statement(request: HttpRequest) -> HttpResponse:
    """The « déclaration d'accessibilité » generated from the audit (RGAA's model)."""
    require(request.user, VIEW)
    figures = services.audit_figures(_audit(request))
    plan = AccessibilityPlan.objects.filter(
        start_year__lte=timezone.localdate().year, end_year__gte=timezone.localdate().year
    ).first()
    return render(request, "parties/rgaa/statement.html", {"f": figures, "plan": plan})
