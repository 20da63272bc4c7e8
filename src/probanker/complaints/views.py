"""Pages of complaints: the queue, receipt, a complaint and its steps, letters, register."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from probanker.complaints import register, services
from probanker.complaints.forms import STEP_FORMS, AttachmentForm, ReceiveForm, step_forms
from probanker.complaints.models import (
    OPEN_STATUSES,
    Attachment,
    Complaint,
    Level,
    Outcome,
    Status,
)
from probanker.complaints.queue import queue_rows
from probanker.core import uploads
from probanker.core.access import get_visible_or_404, parse_id, visible
from probanker.core.models import User
from probanker.core.services import DomainError
from probanker.parties.accessibility import document_needs
from probanker.parties.models import Party
from probanker.reports import tables
from probanker.reports.pdf import pdf_response, render_pdf
from probanker.reports.variants import Variant, requested_variant

VIEW, CHANGE = "complaint.view", "complaint.change"

#: The queue's views (``?vue=``): overdue, due today, or everything open.
QUEUE_VIEWS = {"retard": "En retard", "aujourdhui": "À faire aujourd'hui", "": "Toutes en cours"}


def complaint_list(request: HttpRequest) -> HttpResponse:
    """The queue: overdue, due today, by stage; the officer's whole bank, a manager's clients."""
    today = timezone.localdate()
    mine = visible(Complaint, request, VIEW).select_related("party", "branch", "party__manager")
    view = request.GET.get("vue", "")
    if view not in QUEUE_VIEWS:
        view = ""
    stage = request.GET.get("etape", "")
    if stage not in OPEN_STATUSES:
        stage = ""
    rows = queue_rows(mine, today)
    counts = {
        "retard": sum(1 for r in rows if r[3]),
        "aujourdhui": sum(1 for r in rows if r[2] == today),
        "": len(rows),
    }
    stages = [(s, Status(s).label, sum(1 for r in rows if r[0].status == s)) for s in OPEN_STATUSES]
    if view == "retard":
        rows = [r for r in rows if r[3]]
    elif view == "aujourdhui":
        rows = [r for r in rows if r[2] == today]
    if stage:
        rows = [r for r in rows if r[0].status == stage]
    answered = list(mine.filter(status=Status.ANSWERED).order_by("-answered_on", "-pk")[:20])
    return render(
        request,
        "complaints/list.html",
        {
            "rows": rows, "today": today, "view": view, "views": QUEUE_VIEWS, "counts": counts,
            "stage": stage, "stages": stages, "answered": answered,
        },
    )  # fmt: skip


def complaint_create(request: HttpRequest, party_id: int) -> HttpResponse:
    """Record a complaint received from one of the user's clients or prospects."""
    party = get_visible_or_404(Party, request, pk=party_id, action=CHANGE)
    user: User = request.user  # type: ignore[assignment]
    form = ReceiveForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint = services.receive(
                actor=user, party=party, received_on=data["received_on"],
                channel=data["channel"], subject=data["subject"],
                description=data["description"], payment_service=data["payment_service"],
                sent_on=data["sent_on"], typology=data["typology"], product=data["product"],
                complainant_type=data["complainant_type"], complainant=data["complainant"],
            )  # fmt: skip
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Réclamation n° {complaint.pk} enregistrée.")
            return redirect("complaints:detail", complaint_id=complaint.pk)
    return render(request, "complaints/create.html", {"party": party, "form": form})


def _complaint(request: HttpRequest, complaint_id: int, action: str = VIEW) -> Complaint:
    return get_visible_or_404(  # type: ignore[no-any-return]
        Complaint.objects.select_related("party", "branch", "product", "party__accessibility"),
        request, pk=complaint_id, action=action,
    )  # fmt: skip


def complaint_detail(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = _complaint(request, complaint_id)
    today = timezone.localdate()
    return _detail(request, complaint, step_forms(_initial(complaint, today)), today)


def _initial(complaint: Complaint, today: dt.date) -> dict[str, Any]:
    """Today's date for the letters, the analysis as recorded."""
    return {
        "on": today,
        "root_cause": complaint.root_cause,
        "corrective_action": complaint.corrective_action,
    }


def _detail(
    request: HttpRequest,
    complaint: Complaint,
    forms: dict[str, Any],
    today: dt.date,
    attach_form: AttachmentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    nxt = complaint.next_deadline()
    return render(
        request,
        "complaints/detail.html",
        {
            "complaint": complaint, "forms": forms, "today": today, "next": nxt,
            "attach_form": attach_form or AttachmentForm(),
            "attachments": complaint.attachments.defer("content").select_related("uploaded_by"),
            "overdue": complaint.overdue(today), "mediator": services.active_mediator(),
            "needs": document_needs(complaint.party), "can_escalate": complaint.level == Level.BRANCH,
            # The client turns to the mediator after the answer, or once it is late.
            "may_refer": complaint.answered_on is not None or complaint.answer_deadline < today,
            "history": complaint.history.select_related("history_user").order_by("-history_date")[:30],
        },
        status=status,
    )  # fmt: skip


def _perform(user: User, complaint: Complaint, step: str, data: dict[str, Any]) -> str:
    """Run one step's service; the French message of what was done."""
    if step == "accuse":
        services.acknowledge(actor=user, complaint=complaint, on=data["on"], via=data["via"])
        return "Accusé de réception enregistré."
    if step == "attente":
        services.holding_reply(
            actor=user, complaint=complaint, on=data["on"], reason=data["reason"], via=data["via"]
        )
        return "Réponse d'attente enregistrée."
    if step == "reponse":
        services.answer(
            actor=user, complaint=complaint, on=data["on"], outcome=data["outcome"],
            text=data["text"], refund=data["refund"], gesture=data["gesture"], via=data["via"],
        )  # fmt: skip
        return "Réponse enregistrée."
    if step == "remontee":
        services.escalate(
            actor=user, complaint=complaint, on=timezone.localdate(), reason=data["reason"]
        )
        return "Réclamation remontée au service réclamations."
    if step == "mediateur":
        services.refer_to_mediator(actor=user, complaint=complaint, on=data["on"])
        return "Saisine du médiateur enregistrée."
    services.record_analysis(
        actor=user, complaint=complaint, root_cause=data["root_cause"],
        corrective_action=data["corrective_action"],
    )  # fmt: skip
    return "Cause racine et action corrective enregistrées."


@require_POST
def complaint_step(request: HttpRequest, complaint_id: int) -> HttpResponse:
    """One step posted from the complaint's page (``step``: accuse, attente, reponse...)."""
    complaint = _complaint(request, complaint_id, CHANGE)
    user: User = request.user  # type: ignore[assignment]
    today = timezone.localdate()
    step = request.POST.get("step", "")
    if step not in STEP_FORMS:
        messages.error(request, "Étape inconnue.")
        return redirect("complaints:detail", complaint_id=complaint.pk)
    forms = step_forms(_initial(complaint, today))
    form = STEP_FORMS[step](request.POST, prefix=step)  # type: ignore[call-arg]
    forms[step] = form
    if form.is_valid():
        try:
            done = _perform(user, complaint, step, form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done)
            return redirect("complaints:detail", complaint_id=complaint.pk)
    complaint.refresh_from_db()
    return _detail(request, complaint, forms, today)


@csrf_exempt
@require_POST
def complaint_attach(request: HttpRequest, complaint_id: int) -> HttpResponse:
    """Join a document: an oversized body is refused before it is read (413, on the
    complaint's page), then CSRF is checked as for any form."""
    complaint = _complaint(request, complaint_id, CHANGE)
    length = uploads.declared_length(request)
    if length > services.max_attachment_bytes() + 2**16:
        form = AttachmentForm()
        form.errors["file"] = form.error_class([services.attachment_too_large("", length)])
        today = timezone.localdate()
        forms = step_forms(_initial(complaint, today))
        return _detail(request, complaint, forms, today, attach_form=form, status=413)
    return _attach(request, complaint)


@csrf_protect
def _attach(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            attachment, created = services.attach(
                actor=user, complaint=complaint, name=upload.name, chunks=upload.chunks(),
                label=form.cleaned_data["label"],
            )  # fmt: skip
        except DomainError as exc:
            form.add_error("file", str(exc))
        else:
            if created:
                messages.success(request, f"Pièce jointe ajoutée : {attachment}.")
            else:
                messages.info(request, f"Ce document est déjà joint : {attachment}.")
            return redirect("complaints:detail", complaint_id=complaint.pk)
    today = timezone.localdate()
    complaint.refresh_from_db()
    return _detail(request, complaint, step_forms(_initial(complaint, today)), today, form)


def attachment_download(
    request: HttpRequest, complaint_id: int, attachment_id: int
) -> HttpResponse:
    """A document of the complaint, sent as a download under its own type (never shown
    inline: a document from outside the bank is not rendered in our pages' origin)."""
    complaint = _complaint(request, complaint_id)
    attachment = Attachment.objects.filter(complaint=complaint, pk=attachment_id).first()
    if attachment is None:
        raise Http404("Pièce jointe introuvable")
    response = HttpResponse(bytes(attachment.content), content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(True, attachment.name)
    response["Cache-Control"] = "private, no-store"
    return response


LETTERS = {
    "accuse": "Accusé de réception de votre réclamation",
    "attente": "Votre réclamation : réponse d'attente",
    "reponse": "Réponse à votre réclamation",
}


def letter_variant(request: HttpRequest, party: Party) -> Variant:
    """The client's variant (their profile), unless the page asks for another
    (``?gros=1``, ``?clair=1``, ``?standard=1``)."""
    return requested_variant(request.GET, document_needs(party))


def complaint_letter(request: HttpRequest, complaint_id: int) -> HttpResponse:
    """A letter of the complaint as a tagged PDF (``?type=accuse|attente|reponse``), in the
    variant the client's accessibility profile asks for."""
    complaint = _complaint(request, complaint_id)
    kind = request.GET.get("type", "accuse")
    if kind not in LETTERS:
        raise Http404("Courrier inconnu")
    if kind == "attente" and not complaint.payment_service:
        raise Http404("Pas de réponse d'attente hors services de paiement")
    if kind == "reponse" and complaint.answered_on is None:
        # The answer's text, outcome and remedies are recorded with it: no letter before.
        raise Http404("Pas de réponse enregistrée")
    variant = letter_variant(request, complaint.party)
    sent = {"accuse": complaint.acknowledged_on, "attente": complaint.holding_reply_on,
            "reponse": complaint.answered_on}[kind]  # fmt: skip
    context = {
        "complaint": complaint, "kind": kind, "title": LETTERS[kind], "variant": variant,
        "branch": complaint.branch, "mediator": services.active_mediator(),
        # Dated the day it was sent once recorded; today for a letter about to go.
        "today": sent or timezone.localdate(), "bank": "probanker",
    }  # fmt: skip
    pdf = render_pdf("complaints/letter.html", context)
    return pdf_response(pdf, f"reclamation-{complaint.pk}-{kind}{variant.suffix}.pdf")


def _year(request: HttpRequest, today: dt.date) -> int:
    year = parse_id(request.GET.get("annee"))
    return year if year is not None and 2000 <= year <= today.year else today.year


def register_page(request: HttpRequest) -> HttpResponse:
    """The register's yearly figures by typology, product and channel."""
    today = timezone.localdate()
    year = _year(request, today)
    rows = visible(Complaint, request, VIEW).select_related("product")
    figures = register.year_figures(rows.filter(received_on__year=year), year, today)
    years = sorted({d.year for d in rows.dates("received_on", "year")} | {today.year}, reverse=True)
    return render(
        request,
        "complaints/register.html",
        {"figures": figures, "year": year, "years": years, "today": today,
         "outcomes": Outcome.choices,
         "sections": [("Par typologie", "Typologie", figures.by_typology),
                      ("Par produit", "Produit", figures.by_product),
                      ("Par canal", "Canal", figures.by_channel)]},
    )  # fmt: skip


def register_export(request: HttpRequest) -> HttpResponse:
    """The register of a year of receipt as CSV (``?format=csv``) or XLSX."""
    today = timezone.localdate()
    year = _year(request, today)
    table = register.register_table(
        visible(Complaint, request, VIEW)
        .filter(received_on__year=year)
        .select_related("party", "branch", "product")
        .order_by("received_on", "pk"),
        year,
    )
    return tables.response(table, "xlsx" if request.GET.get("format") == "xlsx" else "csv")
