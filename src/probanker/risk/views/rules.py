"""The alert rules page: every threshold as data, edited by the risk analyst."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from probanker.core.models import User
from probanker.core.permissions import can, require
from probanker.core.services import DomainError
from probanker.risk import services
from probanker.risk.forms import RuleForm
from probanker.risk.models import AlertRule


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
