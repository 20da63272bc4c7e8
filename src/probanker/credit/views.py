"""Pages of credit files: list, creation, the file with its forms, the note, the grid."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from probanker.core.access import get_visible_or_404, visible
from probanker.core.forms import form_problems
from probanker.core.models import User
from probanker.core.permissions import can, require
from probanker.core.services import DomainError
from probanker.credit import services
from probanker.credit.forms import (
    DecisionForm,
    FileForm,
    GuaranteeForm,
    LimitForm,
    LineForm,
    ProductForm,
    RateForm,
)
from probanker.credit.models import CreditFile, DelegationLimit, FileStatus, Level
from probanker.parties.models import Party
from probanker.reports.pdf import pdf_response, render_pdf


def file_list(request: HttpRequest) -> HttpResponse:
    """Visible files; those waiting for the user's decision first."""
    user: User = request.user  # type: ignore[assignment]
    today = timezone.localdate()
    files = list(
        visible(CreditFile, request, "credit.view")
        .select_related("party", "party__manager", "decision")
        .annotate(requested=Sum("products__amount"))
    )
    for f in files:
        f.age_days = (today - f.created_on).days  # type: ignore[attr-defined]
    waiting = [
        f for f in files if f.status == FileStatus.SUBMITTED and services.may_decide(user, f)
    ]
    others = [f for f in files if f not in waiting]
    return render(request, "credit/list.html", {"waiting": waiting, "others": others})


def file_create(request: HttpRequest, party_id: int) -> HttpResponse:
    party = get_visible_or_404(Party, request, pk=party_id, action="credit.change")
    user: User = request.user  # type: ignore[assignment]
    form = FileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            file = services.create_file(
                actor=user, party=party, today=timezone.localdate(), **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Dossier de crédit ouvert.")
            return redirect("credit:file", file_id=file.pk)
    return render(request, "credit/create.html", {"party": party, "form": form})


def _file(request: HttpRequest, file_id: int, action: str = "credit.view") -> CreditFile:
    """The visible file (404 otherwise) whose ``action`` the role holds (403 otherwise)."""
    return get_visible_or_404(  # type: ignore[no-any-return]
        CreditFile.objects.select_related("party", "party__manager", "created_by"),
        request,
        pk=file_id,
        action=action,
    )


def _context(request: HttpRequest, file: CreditFile) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    figures = services.file_figures(file)
    return {
        "file": file,
        "figures": figures,
        "items": list(file.compliance.select_related("rule", "checked_by")),
        "decision": getattr(file, "decision", None) if file.status == FileStatus.DECIDED else None,
        "can_decide": file.status == FileStatus.SUBMITTED and services.may_decide(user, file),
        "line_form": LineForm(auto_id="id_line_%s"),
        "product_form": ProductForm(auto_id="id_product_%s"),
        "guarantee_form": GuaranteeForm(auto_id="id_guarantee_%s"),
        "rate_form": RateForm(auto_id="id_rate_%s", initial={"rate": file.client_rate}),
        "decision_form": DecisionForm(auto_id="id_decision_%s"),
        "history": file_history(file),
    }


def _field_label(name: str) -> str:
    """The French label of a field of the file (its verbose name)."""
    return str(getattr(CreditFile._meta.get_field(name), "verbose_name", name))


def file_history(file: CreditFile, limit: int = 20) -> list[tuple[Any, str]]:
    """The file's history, newest first, each row with what it changed (« ouverture »,
    « taux proposé (%) », « état »...), so that two rows in one state read apart."""
    rows = list(
        file.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    described = []
    for row, before in zip(rows, [*rows[1:], None], strict=False):
        if row.history_type == "+":
            what = "ouverture du dossier"
        elif before is None:
            what = "modification"
        else:
            names = [_field_label(c.field) for c in row.diff_against(before).changes]
            what = ", ".join(names) or "enregistrement"
        described.append((row, what))
    return described[:limit]


def file_detail(request: HttpRequest, file_id: int) -> HttpResponse:
    file = _file(request, file_id)
    return render(request, "credit/file.html", _context(request, file))


def file_note(request: HttpRequest, file_id: int) -> HttpResponse:
    """The « Note de crédit » for the committee, as a tagged PDF (PDF/UA-1)."""
    file = _file(request, file_id)
    user: User = request.user  # type: ignore[assignment]
    context = _context(request, file)
    context["author"] = f"{user.get_full_name() or user} — {timezone.localdate():%d/%m/%Y}"
    return pdf_response(
        render_pdf("credit/note.html", context, request), f"note-credit-{file.pk}.pdf"
    )


#: The permission each form of the file page needs: deciding and passing a file
#: up are the deciders'; every other form builds the file.
FILE_ACTIONS: dict[str, str] = {"decision": "credit.decide", "transmettre": "credit.decide"}

ACTIONS: dict[str, type[django_forms.Form]] = {
    "plan": LineForm,
    "produit": ProductForm,
    "garantie": GuaranteeForm,
    "taux": RateForm,
    "decision": DecisionForm,
}


@require_POST
def file_action(request: HttpRequest, file_id: int, action: str) -> HttpResponse:
    """Each form of the file page posts here: plan, produit, garantie, taux, pièce,
    soumettre, transmettre, decision."""
    file = _file(request, file_id, FILE_ACTIONS.get(action, "credit.change"))
    user: User = request.user  # type: ignore[assignment]
    today = timezone.localdate()
    try:
        if action in ACTIONS:
            form = ACTIONS[action](request.POST)
            if not form.is_valid():
                problems = form_problems(form)
                raise DomainError(f"Formulaire incomplet — {problems}")
            data = {k: v for k, v in form.cleaned_data.items() if v is not None}
            if action == "plan":
                services.add_line(actor=user, file=file, **data)
            elif action == "produit":
                services.add_product(actor=user, file=file, **data)
            elif action == "garantie":
                services.add_guarantee(actor=user, file=file, **data)
            elif action == "taux":
                services.set_rate(actor=user, file=file, rate=data["rate"])
            else:
                services.decide(
                    actor=user,
                    file=file,
                    outcome=data["outcome"],
                    conditions=data.get("conditions", ""),
                )
        elif action == "piece":
            services.tick(
                actor=user, file=file, rule_code=request.POST.get("rule", ""), today=today
            )
        elif action == "soumettre":
            services.submit(actor=user, file=file, today=today)
        elif action == "transmettre":
            services.escalate(actor=user, file=file)
        elif action == "renouveler":
            from probanker.credit.renewals import renew_file

            new = renew_file(actor=user, file=file, today=today)
            messages.success(request, "Dossier de renouvellement ouvert.")
            return redirect("credit:file", file_id=new.pk)
        else:
            raise Http404("Action inconnue")
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Dossier mis à jour.")
    return redirect("credit:file", file_id=file.pk)


def delegation(request: HttpRequest) -> HttpResponse:
    """The delegation grid: read by all, edited by an administrator (history kept)."""
    user: User = request.user  # type: ignore[assignment]
    require(user, "credit.view")
    can_edit = can(user, "credit.grid.change")
    if request.method == "POST":
        require(user, "credit.grid.change")
        form = LimitForm(request.POST)
        if form.is_valid():
            try:
                services.update_limit(actor=user, **form.cleaned_data)
            except DomainError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, "Grille de délégation mise à jour.")
        else:
            messages.error(request, "Montant invalide.")
        return redirect("credit:delegation")
    rows: list[tuple[DelegationLimit, LimitForm | None]] = []
    for row in DelegationLimit.objects.all():
        cell: LimitForm | None = (
            LimitForm(
                initial={
                    "level": row.level,
                    "worst_status": row.worst_status,
                    "max_amount": row.max_amount,
                },
                auto_id=f"id_{row.level}_{row.worst_status}_%s",
            )
            if can_edit
            else None
        )
        rows.append((row, cell))
    # By level, then from the soundest status to the most degraded (services' order).
    order = {Level.MANAGER: 0, Level.DIRECTOR: 1, Level.COMMITTEE: 2}
    status = {s: i for i, s in enumerate(services.STATUS_ORDER)}
    rows.sort(key=lambda r: (order[Level(r[0].level)], status.get(r[0].worst_status, 99)))
    return render(request, "credit/delegation.html", {"rows": rows, "can_edit": can_edit})


def renewals_page(request: HttpRequest) -> HttpResponse:
    """Lines to renew within the window, and the letters owed to guarantors."""
    from probanker.banking.models import Contract
    from probanker.credit.models import GuarantorLetter
    from probanker.credit.renewals import WINDOW_DAYS, annual_reviews, due_renewals

    today = timezone.localdate()
    return render(
        request,
        "credit/renewals.html",
        {
            "renewals": due_renewals(visible(Contract, request, "credit.view"), today),
            "letters": visible(GuarantorLetter, request, "letter.view").select_related(
                "party", "guarantor"
            ),
            "reviews": annual_reviews(visible(Party, request, "party.view"), today),
            "window": WINDOW_DAYS,
            "today": today,
        },
    )


@require_POST
def renew_contract(request: HttpRequest, contract_id: int) -> HttpResponse:
    from probanker.banking.models import Contract
    from probanker.credit.renewals import open_renewal, renew

    contract = get_visible_or_404(
        Contract.objects.select_related("party", "product"),
        request,
        pk=contract_id,
        action="credit.change",
    )
    user: User = request.user  # type: ignore[assignment]
    current = open_renewal(contract)
    if current is not None:
        # A second click (or a stale list) leads to the file in progress.
        messages.info(request, f"Le dossier de renouvellement n° {current.pk} est déjà en cours.")
        return redirect("credit:file", file_id=current.pk)
    try:
        file = renew(actor=user, contract=contract, today=timezone.localdate())
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("credit:renewals")
    messages.success(request, "Dossier de renouvellement ouvert.")
    return redirect("credit:file", file_id=file.pk)


def letter_context(letter: Any, today: Any) -> dict[str, Any]:
    """What the letter states: the sender (bank, the client's branch and its address),
    the guarantor and the commitment (cap and term, from the guarantor's role), the
    amounts outstanding (principal, interest, accessories and their total)."""
    from django.conf import settings

    from probanker.parties.models import PartyRole

    role = PartyRole.objects.filter(
        party_id=letter.party_id, person_id=letter.guarantor_id, role="guarantor"
    ).first()
    branch = letter.party.branch or getattr(letter.party.manager, "branch", None)
    return {
        "letter": letter,
        "today": today,
        "bank": settings.PROBANKER_BANK_NAME,
        "branch": branch,
        "role": role,
        "total": letter.principal + letter.interest + letter.accessories,
    }


def letter_pdf(request: HttpRequest, letter_id: int) -> HttpResponse:
    """The letter to the guarantor, as a tagged PDF (PDF/UA-1)."""
    from probanker.credit.models import GuarantorLetter

    letter = get_visible_or_404(
        GuarantorLetter.objects.select_related(
            "party", "guarantor", "party__manager", "party__branch"
        ),
        request,
        pk=letter_id,
        action="letter.view",
    )
    pdf = render_pdf("credit/letter.html", letter_context(letter, timezone.localdate()))
    return pdf_response(pdf, f"lettre-caution-{letter.pk}.pdf")


@require_POST
def letter_sent(request: HttpRequest, letter_id: int) -> HttpResponse:
    from probanker.credit.models import GuarantorLetter
    from probanker.credit.renewals import mark_sent

    letter = get_visible_or_404(GuarantorLetter, request, pk=letter_id, action="letter.mark_sent")
    user: User = request.user  # type: ignore[assignment]
    try:
        mark_sent(actor=user, letter=letter, today=timezone.localdate())
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Envoi enregistré.")
    return redirect("credit:renewals")


def usury_page(request: HttpRequest) -> HttpResponse:
    """The usury ceilings of professionals' overdrafts; an administrator records new ones."""
    from probanker.credit.forms import UsuryForm
    from probanker.credit.models import UsuryRate

    user: User = request.user  # type: ignore[assignment]
    require(user, "credit.view")
    can_edit = can(user, "usury.change")
    form = UsuryForm(request.POST or None)
    if request.method == "POST":
        require(user, "usury.change")
        if form.is_valid():
            try:
                services.add_usury_rate(actor=user, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Taux d'usure enregistré.")
                return redirect("credit:usury")
    return render(
        request,
        "credit/usury.html",
        {"rates": UsuryRate.objects.all(), "form": form if can_edit else None},
    )
