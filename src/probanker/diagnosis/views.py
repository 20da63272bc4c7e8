"""Pages of the financial diagnosis: analysis, FEC import, statements typed by hand, PDF note."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from probanker.core import uploads
from probanker.core.access import get_visible_or_404
from probanker.core.formatting import euros, fraction_percent
from probanker.core.models import User
from probanker.core.permissions import require
from probanker.core.services import DomainError
from probanker.diagnosis import services
from probanker.diagnosis.analysis import analyse_party, author_line, statement_offers
from probanker.diagnosis.forms import (
    STATEMENT_FORMS,
    CapacityForm,
    FecConfirmForm,
    FecUploadForm,
)
from probanker.diagnosis.models import FecImport, FiscalYear, StatementSource
from probanker.diagnosis.pdf import analysis_note_pdf
from probanker.diagnosis.presentation import charts_of
from probanker.diagnosis.summaries import summary_of
from probanker.finance.liasse import LABELS as LIASSE_LABELS
from probanker.parties.models import Party
from probanker.reports.pdf import pdf_response

SOURCE_TITLES = {
    "2033": "Saisir une liasse 2033 (réel simplifié)",
    "2035": "Saisir une déclaration 2035 (BNC)",
    "micro": "Saisir le chiffre d'affaires d'un micro-entrepreneur",
}


def _party(request: HttpRequest, party_id: int, action: str = "diagnosis.view") -> Party:
    """The visible client (404 otherwise) whose ``action`` the role holds (403 otherwise)."""
    return get_visible_or_404(  # type: ignore[no-any-return]
        Party.objects.select_related("naf__division", "manager"),
        request,
        pk=party_id,
        action=action,
    )


def _writer(request: HttpRequest) -> User:
    """The user, who must hold ``diagnosis.change`` (403 otherwise)."""
    user: User = request.user  # type: ignore[assignment]
    require(user, "diagnosis.change")
    return user


def analysis_page(request: HttpRequest, party_id: int) -> HttpResponse:
    """SIG over the years, ratios with their lights, peers, trends, charts and capacity."""
    party = _party(request, party_id)
    form = CapacityForm(request.GET if "months" in request.GET else None)
    analysis = analyse_party(party, form.parameters())
    user: User = request.user  # type: ignore[assignment]
    return render(
        request,
        "diagnosis/analysis.html",
        {
            "party": party,
            "analysis": analysis,
            "charts": charts_of(analysis),
            "capacity_form": form,
            "capacity_errors": [form] if form.is_bound and form.errors else [],
            "can_write": services.can_write(user),
            "offers": statement_offers(party),
            "query": request.GET.urlencode(),
        },
    )


def analysis_pdf(request: HttpRequest, party_id: int) -> HttpResponse:
    """The « Note d'analyse financière » as a tagged PDF (PDF/UA-1)."""
    party = _party(request, party_id)
    form = CapacityForm(request.GET if "months" in request.GET else None)
    analysis = analyse_party(party, form.parameters())
    if not analysis.years:
        raise Http404("Aucun exercice")
    user: User = request.user  # type: ignore[assignment]
    pdf = analysis_note_pdf(analysis, author_line(user, timezone.localdate()), request)
    return pdf_response(
        pdf, f"note-analyse-{party.siren or party.pk}-{analysis.years[-1].end:%Y}.pdf"
    )


def fiscal_year_page(request: HttpRequest, party_id: int, year_id: int) -> HttpResponse:
    """One fiscal year: its source, the liasse lines and, for a FEC, the import report."""
    party = _party(request, party_id)
    year = get_visible_or_404(
        FiscalYear.objects.select_related("created_by"), request, pk=year_id, party=party
    )
    lines = [
        (key, LIASSE_LABELS.get(key, key), value) for key, value in summary_of(year).liasse.items()
    ]
    return render(
        request,
        "diagnosis/fiscal_year.html",
        {
            "party": party,
            "year": year,
            "lines": lines,
            "entry_rows": _entry_rows(year),
            "fec": FecImport.objects.select_related("imported_by").filter(fiscal_year=year).first(),
        },
    )


def _entry_rows(year: FiscalYear) -> list[tuple[str, str]]:
    """The typed lines with their labels, amounts in French style."""
    form_class = STATEMENT_FORMS.get(year.source)
    if form_class is None:
        return []
    rows = []
    for name, value in year.entries.items():
        field = form_class.base_fields.get(name)
        label = str(field.label) if field else name
        if value is None:
            shown = "non renseigné"
        elif name == "sector_margin":
            shown = fraction_percent(value)
        else:
            shown = euros(value)
        rows.append((label, shown))
    return rows


@require_POST
def fiscal_year_delete(request: HttpRequest, party_id: int, year_id: int) -> HttpResponse:
    party = _party(request, party_id, "diagnosis.change")
    year = get_visible_or_404(FiscalYear.objects.all(), request, pk=year_id, party=party)
    try:
        services.delete_fiscal_year(actor=_writer(request), year=year)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"L'{year} a été supprimé.")
    return redirect("diagnosis:analysis", party_id=party.pk)


def statement_create(request: HttpRequest, party_id: int, source: str) -> HttpResponse:
    """Type a 2033, 2035 or micro statement from the client's tax return."""
    party = _party(request, party_id, "diagnosis.change")
    user = _writer(request)
    form_class = STATEMENT_FORMS.get(source)
    if form_class is None:
        raise Http404("Régime inconnu")
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            year = services.save_statement(
                actor=user,
                party=party,
                source=StatementSource(source),
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                entries=form.entries(),
                replace=form.cleaned_data["replace"],
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"L'{year} a été enregistré.")
            return redirect("diagnosis:analysis", party_id=party.pk)
    return render(
        request,
        "diagnosis/statement_form.html",
        {"party": party, "form": form, "title": SOURCE_TITLES[source], "source": source},
    )


@csrf_exempt
def fec_upload(request: HttpRequest, party_id: int) -> HttpResponse:
    """Upload a FEC: refuse an oversized body before reading it, then check CSRF."""
    party = _party(request, party_id, "diagnosis.change")
    _writer(request)
    length = uploads.declared_length(request)
    if request.method == "POST" and length > services.max_upload_bytes() + 2**16:
        form = FecUploadForm()
        form.errors["__all__"] = form.error_class([services.file_too_large("Le fichier", length)])
        return render(
            request, "diagnosis/fec_upload.html", {"party": party, "form": form}, status=413
        )
    return _fec_upload(request, party)


@csrf_protect
def _fec_upload(request: HttpRequest, party: Party) -> HttpResponse:
    user = _writer(request)
    form = FecUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            outcome = services.receive_fec(
                actor=user,
                party=party,
                chunks=upload.chunks(),
                name=upload.name,
                replace=form.cleaned_data["replace"],
            )
        except DomainError as exc:
            form.add_error("file", str(exc))
        else:
            return _outcome_page(request, party, outcome)
    return render(request, "diagnosis/fec_upload.html", {"party": party, "form": form})


def _outcome_page(request: HttpRequest, party: Party, outcome: services.FecOutcome) -> HttpResponse:
    """Imported or already there → the analysis; refused or to confirm → the report."""
    match outcome:
        case services.FecImported(file=file, year=year):
            messages.success(request, f"FEC {file.name} importé : {year}.")
            return redirect("diagnosis:analysis", party_id=party.pk)
        case services.FecAlreadyImported():
            messages.info(request, outcome.message)
            return redirect("diagnosis:analysis", party_id=party.pk)
        case services.FecRefused(report=report, problems=problems, other_company=foreign):
            context = {"report": report, "problems": problems, "existing": None,
                       "replace": False, "other_company": foreign}  # fmt: skip
            status = 422
        case services.FecToConfirm(file=file, report=report, existing=existing, replace=replace):
            confirm = FecConfirmForm(
                initial={"sha256": file.sha256, "file_name": file.name, "replace": replace}
            )
            context = {"report": report, "problems": [], "existing": existing,
                       "replace": replace, "confirm": confirm}  # fmt: skip
            status = 200
    return render(
        request,
        "diagnosis/fec_report.html",
        {"party": party, "anomalies": report.anomalies[:100], **context},
        status=status,
    )


def _import(
    request: HttpRequest, party: Party, user: User, staged: services.StagedFile, replace: bool
) -> HttpResponse:
    try:
        year = services.import_fec(actor=user, party=party, file=staged, replace=replace)
    except services.AlreadyImported as exc:
        messages.info(request, str(exc))
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("diagnosis:fec_upload", party_id=party.pk)
    else:
        messages.success(request, f"FEC {staged.name} importé : {year}.")
    services.discard(staged)
    return redirect("diagnosis:analysis", party_id=party.pk)


@require_POST
def fec_confirm(request: HttpRequest, party_id: int) -> HttpResponse:
    """Import a staged file after the user has read its report."""
    party = _party(request, party_id, "diagnosis.change")
    user = _writer(request)
    form = FecConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Confirmation incomplète : envoyez le fichier à nouveau.")
        return redirect("diagnosis:fec_upload", party_id=party.pk)
    try:
        staged = services.staged(
            user=user, sha256=form.cleaned_data["sha256"], name=form.cleaned_data["file_name"]
        )
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("diagnosis:fec_upload", party_id=party.pk)
    return _import(request, party, user, staged, form.cleaned_data["replace"])
