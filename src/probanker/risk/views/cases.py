"""Pages of degradation cases: list (overdue first), opening from alerts, follow-up."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from probanker.core.access import get_visible_or_404, visible
from probanker.core.calendar import add_business_days
from probanker.core.forms import form_problems
from probanker.core.models import User
from probanker.core.services import DomainError
from probanker.parties.models import Party
from probanker.risk import cases
from probanker.risk.forms import CloseForm, ContactForm, FollowForm, MeasureForm, OpenCaseForm
from probanker.risk.models import Alert, DegradationCase
from probanker.risk.presentation import evidence_lines


def case_list(request: HttpRequest) -> HttpResponse:
    """Open cases, escalated and overdue first; then the closed ones."""
    today = timezone.localdate()
    rows = []
    queryset = visible(DegradationCase, request, "case.view").select_related(
        "party", "party__manager"
    )
    for case in queryset.prefetch_related("measures"):
        rows.append((case, cases.overdue_reason(case, today) if case.is_open else ""))
    rows.sort(
        key=lambda r: (
            not r[0].is_open,
            r[0].escalated_on is None,
            not r[1],
            r[0].first_contact_due,
        )
    )
    return render(request, "risk/cases.html", {"rows": rows, "today": today})


def case_open(request: HttpRequest, party_id: int) -> HttpResponse:
    """Open a degradation case on a client from its open alerts."""
    party = get_visible_or_404(Party, request, pk=party_id, action="case.change")
    user: User = request.user  # type: ignore[assignment]
    today = timezone.localdate()
    open_alerts = (
        Alert.objects.open().filter(party=party).select_related("rule", "party", "account")
    )
    form = OpenCaseForm(
        request.POST or None,
        alerts=open_alerts,
        initial={
            "first_contact_due": add_business_days(today, cases.FIRST_CONTACT_BUSINESS_DAYS),
            "alerts": list(open_alerts),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = cases.open_case(
                actor=user,
                party=party,
                alerts=list(form.cleaned_data["alerts"]),
                today=today,
                first_contact_due=form.cleaned_data["first_contact_due"],
                causes=form.cleaned_data["causes"],
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Dossier de dégradation ouvert pour {party}.")
            return redirect("risk:case", case_id=case.pk)
    return render(request, "risk/case_open.html", {"party": party, "form": form})


def _case(request: HttpRequest, case_id: int, action: str = "case.view") -> DegradationCase:
    """The visible case (404 otherwise) whose ``action`` the role holds (403 otherwise)."""
    return get_visible_or_404(  # type: ignore[no-any-return]
        DegradationCase.objects.select_related("party", "opened_by"),
        request,
        pk=case_id,
        action=action,
    )


def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    today = timezone.localdate()
    return render(
        request,
        "risk/case.html",
        {
            "case": case,
            "alerts": [
                (a, evidence_lines(a.evidence))
                for a in case.alerts.select_related("rule", "account")
            ],
            "measures": list(case.measures.all()),
            "overdue": cases.overdue_reason(case, today) if case.is_open else "",
            "contact_form": ContactForm(
                initial={"contacted_on": case.first_contact_on or today, "causes": case.causes},
                auto_id="id_contact_%s",
            ),
            "measure_form": MeasureForm(auto_id="id_measure_%s"),
            "close_form": CloseForm(auto_id="id_close_%s"),
            "history": case.history.select_related("history_user").order_by("-history_date")[:30],
        },
    )


@require_POST
def case_action(request: HttpRequest, case_id: int, action: str) -> HttpResponse:
    """contact, measure, follow or close: each a form posted from the case page."""
    case = _case(request, case_id, "case.change")
    user: User = request.user  # type: ignore[assignment]
    today = timezone.localdate()
    forms = {
        "contact": ContactForm,
        "measure": MeasureForm,
        "follow": FollowForm,
        "close": CloseForm,
    }
    form_class = forms.get(action)
    if form_class is None:
        messages.error(request, "Action inconnue.")
        return redirect("risk:case", case_id=case.pk)
    form = form_class(request.POST)
    if not form.is_valid():
        problems = form_problems(form)
        messages.error(request, f"Formulaire incomplet — {problems}")
        return redirect("risk:case", case_id=case.pk)
    data = form.cleaned_data
    try:
        if action == "contact":
            cases.record_contact(
                actor=user, case=case, contacted_on=data["contacted_on"], causes=data["causes"]
            )
            messages.success(request, "Contact et analyse des causes enregistrés.")
        elif action == "measure":
            cases.add_measure(
                actor=user, case=case, kind=data["kind"], deadline=data["deadline"],
                amount=data["amount"], note=data["note"],
            )  # fmt: skip
            messages.success(request, "Mesure corrective ajoutée.")
        elif action == "follow":
            measure = case.measures.filter(pk=data["measure"]).first()
            if measure is None:
                raise DomainError("Mesure introuvable dans ce dossier.")
            cases.follow_measure(actor=user, measure=measure, status=data["status"], on=today)
            messages.success(request, f"{measure.get_kind_display()} : suivi enregistré.")
        else:
            cases.close_case(
                actor=user, case=case, outcome=data["outcome"], note=data["note"], today=today
            )
            messages.success(request, "Dossier clos.")
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("risk:case", case_id=case.pk)
