"""Pages of advice and sales: the pipeline (table and board), opportunities, interviews
prepared from the client's 360 and run along their guide, the report (tagged PDF),
specialists, and the guides an administrator edits."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.db.models import Count, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from probanker.core import registry
from probanker.core.access import (
    day_managers,
    day_visible,
    get_visible_or_404,
    parse_id,
    visible,
)
from probanker.core.forms import form_problems
from probanker.core.models import User
from probanker.core.permissions import can, require
from probanker.core.services import DomainError
from probanker.parties.accessibility import channel_refusal, document_needs, profile_of
from probanker.parties.models import Party
from probanker.reports.pdf import pdf_response, render_pdf
from probanker.reports.variants import requested_variant
from probanker.sales import services
from probanker.sales.forms import (
    AnswerForm,
    GuideForm,
    InterviewForm,
    OpportunityForm,
    ReferralForm,
    ReportSentForm,
    SituationForm,
    StageForm,
)
from probanker.sales.guides import need_label
from probanker.sales.models import (
    OPEN_STAGES,
    AfterSalesEvent,
    ClientNeed,
    EventStatus,
    Interview,
    InterviewGuide,
    Opportunity,
    OpportunityQuerySet,
    Situation,
    SpecialistReferral,
    Stage,
)
from probanker.sales.recommendations import for_party

READ, CHANGE = "sales.view", "sales.change"


def acting_user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


# --- The pipeline -------------------------------------------------------------------


def _pipeline(request: HttpRequest) -> tuple[OpportunityQuerySet, dict[str, Any]]:
    """The visible opportunities, narrowed to one manager for a director (``?charge=``),
    and the managers to choose from."""
    require(request.user, READ)
    managers, chosen = day_managers(request)
    rows = day_visible(Opportunity, request).select_related("party", "manager", "product")
    return rows, {"managers": managers, "chosen": chosen}


def _stage_totals(rows: OpportunityQuerySet) -> list[dict[str, Any]]:
    """Per stage: its number of opportunities and their amount (one query)."""
    found: dict[str, dict[str, Any]] = {
        r["stage"]: r for r in rows.values("stage").annotate(n=Count("pk"), total=Sum("amount"))
    }
    empty: dict[str, Any] = {}
    return [
        {"stage": s.value, "label": s.label, "count": found.get(s.value, empty).get("n", 0),
         "total": found.get(s.value, empty).get("total") or Decimal(0)}
        for s in Stage
    ]  # fmt: skip


def pipeline(request: HttpRequest) -> HttpResponse:
    """The table: open opportunities by expected date (the overdue ones flagged), then
    those closed in the last 90 days; the totals per stage."""
    rows, scope = _pipeline(request)
    today = timezone.localdate()
    recent = today - dt.timedelta(days=90)
    return render(
        request,
        "sales/pipeline.html",
        {**scope, "today": today, "totals": _stage_totals(rows),
         "open_rows": list(rows.open().order_by("expected_on", "pk")),
         "closed_rows": list(rows.filter(closed_on__gte=recent).order_by("-closed_on", "-pk")),
         "weighted": _weighted(rows.open())},
    )  # fmt: skip


#: The probability a bank's pipeline gives each open stage, for the weighted amount.
STAGE_WEIGHTS: dict[str, Decimal] = {
    Stage.DETECTED: Decimal("0.10"),
    Stage.QUALIFIED: Decimal("0.30"),
    Stage.PROPOSED: Decimal("0.50"),
    Stage.NEGOTIATION: Decimal("0.75"),
}


def _weighted(rows: OpportunityQuerySet) -> Decimal:
    """The open amount weighted by the stage's probability (:data:`STAGE_WEIGHTS`)."""
    totals = rows.values("stage").annotate(total=Sum("amount"))
    return sum(
        (STAGE_WEIGHTS[r["stage"]] * r["total"] for r in totals if r["stage"] in STAGE_WEIGHTS),
        Decimal(0),
    ).quantize(Decimal("0.01"))


def board(request: HttpRequest) -> HttpResponse:
    """The board: one column per stage, its cards (open ones, and those closed in the
    last 30 days)."""
    rows, scope = _pipeline(request)
    today = timezone.localdate()
    shown = rows.filter(stage__in=OPEN_STAGES) | rows.filter(
        closed_on__gte=today - dt.timedelta(days=30)
    )
    columns: dict[str, list[Opportunity]] = defaultdict(list)
    for row in shown.order_by("expected_on", "pk"):
        columns[row.stage].append(row)
    totals = _stage_totals(rows.filter(pk__in=shown.values("pk")))
    return render(
        request,
        "sales/board.html",
        {**scope, "today": today,
         "columns": [(t, columns.get(t["stage"], [])) for t in totals]},
    )  # fmt: skip


# --- Opportunities ------------------------------------------------------------------


def opportunity_new(request: HttpRequest, party_id: int) -> HttpResponse:
    """A new opportunity for the client; ``?produit=&montant=&origine=`` prefill it (from
    a recommendation or an interview)."""
    party = get_visible_or_404(Party, request, pk=party_id, action=CHANGE)
    initial: dict[str, Any] = {
        "amount": (request.GET.get("montant") or "")[:16],
        "product": request.GET.get("produit", ""),
        "source": request.GET.get("origine", "")[:240],
        "expected_on": timezone.localdate() + dt.timedelta(days=60),
    }
    # The interview it comes from (``?entretien=``), one of this client's the user sees.
    interview_id = parse_id(request.GET.get("entretien"))
    interview = (
        visible(Interview, request).filter(pk=interview_id, party=party).first()
        if interview_id is not None
        else None
    )
    form = OpportunityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            opportunity = services.open_opportunity(
                actor=acting_user(request), party=party, product=data["product"],
                amount=data["amount"], stage=data["stage"], expected_on=data["expected_on"],
                source=data["source"], on=timezone.localdate(), interview=interview,
            )  # fmt: skip
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            note = " Un dossier de crédit a été ouvert." if opportunity.credit_file_id else ""
            messages.success(request, f"Opportunité enregistrée.{note}")
            return redirect("sales:opportunity", opportunity_id=opportunity.pk)
    return render(
        request,
        "sales/opportunity_new.html",
        {"party": party, "form": form, "interview": interview},
    )


def opportunity_detail(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    """The opportunity, its history, and (POST) the move to another stage."""
    opportunity = get_visible_or_404(
        Opportunity.objects.select_related("party", "manager", "product", "credit_file",
                                           "interview__guide"),
        request, pk=opportunity_id, action=READ,
    )  # fmt: skip
    form = StageForm(
        request.POST or None,
        initial={"stage": opportunity.stage, "expected_on": opportunity.expected_on,
                 "amount": opportunity.amount, "note": opportunity.note},
        auto_id="id_stage_%s",
    )  # fmt: skip
    if request.method == "POST":
        require(request.user, CHANGE)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.move_opportunity(
                    actor=acting_user(request), opportunity=opportunity, stage=data["stage"],
                    on=timezone.localdate(), lost_reason=data["lost_reason"],
                    amount=data["amount"], expected_on=data["expected_on"], note=data["note"],
                )  # fmt: skip
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Opportunité : {opportunity.get_stage_display()}.")
                return redirect("sales:opportunity", opportunity_id=opportunity.pk)
    history = opportunity.history.select_related("history_user").order_by(
        "-history_date", "-history_id"
    )[:20]
    return render(
        request,
        "sales/opportunity.html",
        {"opportunity": opportunity, "form": form, "history": list(history),
         "can_change": can(request.user, CHANGE)},
    )  # fmt: skip


# --- Interviews ---------------------------------------------------------------------


def interview_list(request: HttpRequest) -> HttpResponse:
    """The interviews of the scope (the latest first), their reports still to send, and
    the specialists not yet answered."""
    require(request.user, READ)
    managers, chosen = day_managers(request)
    interviews = day_visible(Interview, request).select_related("party", "manager", "guide")
    referrals = (
        day_visible(SpecialistReferral, request)
        .filter(answered_on__isnull=True)
        .select_related("party", "requested_by")
        .order_by("requested_on", "pk")
    )
    return render(
        request,
        "sales/interviews.html",
        {"managers": managers, "chosen": chosen, "today": timezone.localdate(),
         "interviews": list(interviews[:100]), "to_send": list(interviews.held()[:50]),
         "referrals": list(referrals), "answer_form": AnswerForm(auto_id=False,
                                                                 initial={"on": timezone.localdate()})},
    )  # fmt: skip


def _preparation(request: HttpRequest, party: Party) -> dict[str, Any]:
    """The client's 360 for the interview: figures, products, open alerts, needs noted,
    the last interview, the recommendations."""
    from probanker.banking.models import Contract
    from probanker.risk.models import Alert

    figures = [
        (label, values.get(party.pk, {}).get(key))
        for group in registry.party_figures_for(request.user)
        for values in [group.for_parties([party.pk])]
        for key, label in group.columns
    ]
    today = timezone.localdate()
    return {
        "figures": figures,
        "products": list(
            Contract.objects.filter(party=party, closed_on__isnull=True)
            .select_related("product")
            .order_by("product__family_id", "opened_on")
        ),
        "alerts": list(
            visible(Alert, request)
            .filter(party=party, closed_on__isnull=True)
            .select_related("rule")[:10]
        ),
        "needs": list(ClientNeed.objects.filter(party=party).order_by("-noted_on", "code")),
        "last": visible(Interview, request)
        .filter(party=party)
        .select_related("guide", "manager")
        .first(),
        "recommendations": for_party(party, today)[:5],
        "risk": getattr(party, "risk", None),
    }


def interview_new(request: HttpRequest, party_id: int) -> HttpResponse:
    """Prepare (the 360 and the guide of the situation chosen, ``?situation=``) and record
    the interview (POST): its answers go into the client's needs."""
    party = get_visible_or_404(
        Party.objects.select_related("manager"), request, pk=party_id, action=CHANGE
    )
    chooser = SituationForm(request.GET or None, initial={"situation": Situation.DISCOVERY})
    situation = (
        chooser.cleaned_data["situation"] if chooser.is_valid() else Situation.DISCOVERY.value
    )
    if "situation" in request.GET and not chooser.is_valid():
        messages.warning(request, "Situation inconnue : le guide de découverte est proposé.")
    try:
        guide = services.guide_for(situation, party.segment)
    except DomainError as exc:
        raise Http404(str(exc)) from exc
    form = InterviewForm(
        request.POST or None, guide=guide, initial={"held_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            answers = services.read_answers(guide, form.raw_answers())
            interview = services.hold_interview(
                actor=acting_user(request), party=party, guide=guide,
                held_on=form.cleaned_data["held_on"], answers=answers,
                summary=form.cleaned_data["summary"], next_steps=form.cleaned_data["next_steps"],
            )  # fmt: skip
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            found = interview.needs.count()
            messages.success(
                request,
                f"Entretien consigné ; {found} besoin(s) noté(s) au profil du client."
                if found
                else "Entretien consigné.",
            )
            return redirect("sales:interview", interview_id=interview.pk)
    return render(
        request,
        "sales/interview_new.html",
        {"party": party, "guide": guide, "form": form, "chooser": chooser,
         "situation": situation, **_preparation(request, party)},
    )  # fmt: skip


def _interview(request: HttpRequest, interview_id: int, action: str = READ) -> Interview:
    return get_visible_or_404(  # type: ignore[no-any-return]
        Interview.objects.select_related("party", "manager", "guide", "party__accessibility"),
        request, pk=interview_id, action=action,
    )  # fmt: skip


def answered_questions(interview: Interview) -> list[tuple[str, list[tuple[str, str]]]]:
    """The guide's sections with the questions answered, each answer in words."""
    from probanker.core.formatting import date_fr, euros, number

    sections = []
    for section in interview.guide.sections:
        rows = []
        for question in section["questions"]:
            value = interview.answers.get(question["key"])
            if value in (None, ""):
                continue
            if question["type"] == "amount":
                shown = euros(Decimal(value))
            elif question["type"] == "number":
                shown = number(Decimal(value), 2, trim=True)
            elif question["type"] == "date":
                shown = date_fr(dt.date.fromisoformat(value))
            elif question["type"] == "yes_no":
                shown = "Oui" if value == "oui" else "Non"
            else:
                shown = str(value)
            rows.append((question["label"], shown))
        if rows:
            sections.append((section["title"], rows))
    return sections


def interview_detail(request: HttpRequest, interview_id: int) -> HttpResponse:
    """The interview: answers, needs it revealed, specialists, the report to send."""
    interview = _interview(request, interview_id)
    profile = profile_of(interview.party)
    preferred = profile.preferred_channel if profile else ""
    today = timezone.localdate()
    return render(
        request,
        "sales/interview.html",
        {"interview": interview, "sections": answered_questions(interview),
         "needs": list(interview.needs.order_by("code")),
         "referrals": list(interview.referrals.select_related("requested_by")),
         "opportunities": list(interview.opportunities.select_related("product")),
         "profile": profile, "needs_doc": document_needs(interview.party),
         "refusals": [r for c in ("phone", "mail")
                      if (r := channel_refusal(interview.party, c))],
         "sent_form": ReportSentForm(auto_id="id_sent_%s", initial={
             "on": today, "channel": preferred if preferred in services.REPORT_CHANNELS
             else "email"}),
         "referral_form": ReferralForm(auto_id="id_referral_%s"),
         "can_change": can(request.user, CHANGE)},
    )  # fmt: skip


def report_pdf(request: HttpRequest, interview_id: int) -> HttpResponse:
    """The compte rendu d'entretien as a tagged PDF, in the variant the client's profile
    asks for (large print, plain language), unless ``?gros=1``, ``?clair=1`` or
    ``?standard=1`` asks for another."""
    interview = _interview(request, interview_id)
    variant = requested_variant(request.GET, document_needs(interview.party))
    context = {
        "interview": interview, "sections": answered_questions(interview), "variant": variant,
        "needs": [need_label(n.code) for n in interview.needs.order_by("code")],
        "branch": interview.manager.branch, "bank": "probanker",
        "today": interview.report_sent_on or timezone.localdate(),
    }  # fmt: skip
    pdf = render_pdf("sales/pdf/report.html", context)
    return pdf_response(pdf, f"compte-rendu-entretien-{interview.pk}{variant.suffix}.pdf")


def apply_form(
    request: HttpRequest, form: Any, write: Callable[[dict[str, Any]], object], done: str
) -> None:
    """Run ``write(cleaned_data)`` for a valid form and say so in a message; the form's
    problems or the rule refused, in French, otherwise (the caller redirects)."""
    if not form.is_valid():
        messages.error(request, form_problems(form))
        return
    try:
        write(form.cleaned_data)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)


@require_POST
def report_sent(request: HttpRequest, interview_id: int) -> HttpResponse:
    """Record the report sent, through a channel the client's profile allows."""
    interview = _interview(request, interview_id, CHANGE)
    apply_form(
        request, ReportSentForm(request.POST),
        lambda data: services.record_report_sent(
            actor=acting_user(request), interview=interview, channel=data["channel"], on=data["on"]
        ),
        "Envoi du compte rendu enregistré.",
    )  # fmt: skip
    return redirect("sales:interview", interview_id=interview.pk)


@require_POST
def referral_new(request: HttpRequest, interview_id: int) -> HttpResponse:
    """Call a specialist in from the interview."""
    interview = _interview(request, interview_id, CHANGE)
    apply_form(
        request, ReferralForm(request.POST),
        lambda data: services.refer_to_specialist(
            actor=acting_user(request), party=interview.party, interview=interview,
            specialty=data["specialty"], question=data["question"], on=timezone.localdate(),
        ),
        "Spécialiste sollicité : la demande est suivie.",
    )  # fmt: skip
    return redirect("sales:interview", interview_id=interview.pk)


@require_POST
def referral_answer(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Record a specialist's answer."""
    referral = get_visible_or_404(SpecialistReferral, request, pk=referral_id, action=CHANGE)
    apply_form(
        request, AnswerForm(request.POST),
        lambda data: services.answer_referral(
            actor=acting_user(request), referral=referral, answer=data["answer"], on=data["on"]
        ),
        "Réponse du spécialiste enregistrée.",
    )  # fmt: skip
    return redirect("sales:interviews")


# --- After-sales -------------------------------------------------------------------


def event_list(request: HttpRequest) -> HttpResponse:
    """The after-sales contacts to make (the soonest first), and those handled lately."""
    require(request.user, READ)
    managers, chosen = day_managers(request)
    events = day_visible(AfterSalesEvent, request).select_related("party", "closed_by")
    today = timezone.localdate()
    return render(
        request,
        "sales/events.html",
        {"managers": managers, "chosen": chosen, "today": today,
         "todo": list(events.filter(status=EventStatus.OPEN).order_by("due_on", "pk")[:200]),
         "closed": list(events.exclude(status=EventStatus.OPEN)
                        .filter(closed_on__gte=today - dt.timedelta(days=30))
                        .order_by("-closed_on", "-pk")),
         "can_change": can(request.user, CHANGE)},
    )  # fmt: skip


@require_POST
def event_close(request: HttpRequest, aftersale_id: int) -> HttpResponse:
    """Mark an after-sales event handled (``issue=fait``) or set aside (``issue=ecarte``)."""
    event = get_visible_or_404(AfterSalesEvent, request, pk=aftersale_id, action=CHANGE)
    try:
        services.close_event(actor=acting_user(request), event=event,
                             outcome=request.POST.get("issue", ""), on=timezone.localdate())  # fmt: skip
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, f"{event.get_kind_display()} — {event.party} : {event.get_status_display()}."
        )
    target = request.POST.get("suite", "")
    if target == "client":
        return redirect("client", party_id=event.party_id)
    return redirect(target if target in ("home", "sales:events") else "sales:events")


# --- Guides -------------------------------------------------------------------------


def guide_list(request: HttpRequest) -> HttpResponse:
    """The guides in force, situation by situation, with their version."""
    require(request.user, READ)
    guides = InterviewGuide.objects.filter(current=True).annotate(used=Count("interviews"))
    return render(
        request,
        "sales/guides.html",
        {"guides": list(guides.order_by("situation", "segment")),
         "can_edit": can(request.user, "guide.change")},
    )  # fmt: skip


def guide_detail(request: HttpRequest, guide_id: int) -> HttpResponse:
    """A guide in force; an administrator saves an edit as its next version (POST)."""
    require(request.user, READ)
    guide = InterviewGuide.objects.filter(pk=guide_id, current=True).first()
    if guide is None:
        raise Http404("Guide introuvable ou remplacé par une version plus récente")
    form = GuideForm(
        request.POST or None,
        initial={"title": guide.title,
                 "sections": json.dumps(guide.sections, ensure_ascii=False, indent=2)},
    )  # fmt: skip
    if request.method == "POST":
        require(request.user, "guide.change")
        if form.is_valid():
            new = services.new_guide_version(
                actor=acting_user(request), guide=guide, title=form.cleaned_data["title"],
                sections=form.cleaned_data["sections"], on=timezone.localdate(),
            )  # fmt: skip
            messages.success(request, f"Version {new.version} enregistrée : elle est en vigueur.")
            return redirect("sales:guide", guide_id=new.pk)
    versions = InterviewGuide.objects.filter(
        situation=guide.situation, segment=guide.segment
    ).annotate(used=Count("interviews"))
    return render(
        request,
        "sales/guide.html",
        {"guide": guide, "form": form, "versions": list(versions.order_by("-version")),
         "can_edit": can(request.user, "guide.change")},
    )  # fmt: skip
