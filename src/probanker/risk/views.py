"""Pages of risk monitoring: the day's alerts, the rules."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from probanker.core.access import visible
from probanker.core.listing import Column, build_listing
from probanker.core.models import User
from probanker.core.permissions import can, require
from probanker.core.services import DomainError
from probanker.risk import services
from probanker.risk.forms import RuleForm
from probanker.risk.models import Alert, AlertRule, RiskRun
from probanker.risk.presentation import evidence_lines

VIEWS = {
    "nouvelles": "Nouvelles alertes",
    "ouvertes": "Alertes ouvertes",
    "closes": "Alertes closes",
}
COLUMNS = [
    Column("severity", "Gravité", "rule__severity"),
    Column("client", "Client", "party__name"),
    Column("rule", "Alerte", "rule__label"),
    Column("opened", "Ouverte le", "opened_on"),
    Column("evidence", "Preuve"),
    Column("status", "Situation du client", "party__risk__status"),
]


def alerts_page(request: HttpRequest) -> HttpResponse:
    """The manager's daily list: new alerts of the last run, most severe first."""
    latest = RiskRun.objects.order_by("-as_of").first()
    view = request.GET.get("vue", "nouvelles")
    if view not in VIEWS:
        view = "nouvelles"
    alerts = visible(Alert, request, "risk.view").select_related(
        "rule", "party", "party__risk", "account"
    )
    if view == "nouvelles":
        alerts = alerts.filter(opened_on=latest.as_of) if latest else alerts.none()
    elif view == "ouvertes":
        alerts = alerts.open()
    else:
        alerts = alerts.filter(closed_on__isnull=False)
    listing = build_listing(alerts, request.GET, COLUMNS, default_sort="-severity", per_page=50)
    rows = [(a, evidence_lines(a.last_evidence)) for a in listing.object_list]
    return render(
        request,
        "risk/alerts.html",
        {
            "listing": listing,
            "rows": rows,
            "latest": latest,
            "view": view,
            "view_label": VIEWS[view],
            "views": VIEWS,
        },
    )


def rules_page(request: HttpRequest) -> HttpResponse:
    """The rules as data: every threshold, its explanation and version; editable by risk."""
    user: User = request.user  # type: ignore[assignment]
    require(user, "risk.view")
    can_edit = can(user, "rule.change")
    if request.method == "POST":
        require(user, "rule.change")
        form = RuleForm(request.POST)
        if form.is_valid():
            rule = AlertRule.objects.filter(code=form.cleaned_data["code"]).first()
            if rule is None:
                messages.error(request, "Règle inconnue.")
            else:
                try:
                    services.update_rule(
                        actor=user,
                        rule=rule,
                        threshold=form.cleaned_data["threshold"],
                        severity=form.cleaned_data["severity"],
                        active=form.cleaned_data["active"],
                    )
                except DomainError as exc:
                    messages.error(request, str(exc))
                else:
                    messages.success(
                        request, f"« {rule.label} » : version {rule.version} enregistrée."
                    )
        else:
            messages.error(request, "Seuil invalide : un nombre entier est attendu.")
        return redirect("risk:rules")
    rules = list(AlertRule.objects.all())
    forms = {
        r.code: RuleForm(
            initial={"code": r.code, "threshold": r.threshold, "severity": r.severity,
                     "active": r.active},
            auto_id=f"id_{r.code}_%s",
        )
        for r in rules
    } if can_edit else {}  # fmt: skip
    return render(
        request,
        "risk/rules.html",
        {"rules": [(r, forms.get(r.code)) for r in rules], "can_edit": can_edit},
    )
