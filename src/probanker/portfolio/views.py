"""Pages of the portfolio diagnosis: dashboard, clients behind a figure, coverage matrix,
PNB, objectives, transfer prices — each also exported as CSV or XLSX (``?format=``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from probanker.banking.models import ProductFamily
from probanker.core.access import DAY_MANAGER_PARAM, action_required, managers_in_scope, parse_id
from probanker.core.models import User
from probanker.core.permissions import Scope, can, scope_of
from probanker.core.services import DomainError
from probanker.portfolio import figures, lists, objectives, presentation, services, summaries
from probanker.portfolio.forms import ObjectiveForm, TransferPriceForm
from probanker.portfolio.models import ClientFigures, TransferPrice
from probanker.reports import tables as exports
from probanker.reports.charts import bars
from probanker.reports.pdf import pdf_response, render_pdf

VIEW = "portfolio.view"
PAGE_SIZE = 50


def _scope(request: HttpRequest) -> figures.PortfolioScope:
    """The scope of the page: the user's, narrowed by ``?charge=<id>`` for a director."""
    raw = request.GET.get(DAY_MANAGER_PARAM)
    manager = parse_id(raw)
    if raw and manager is None:
        raise Http404("Chargé de clientèle inconnu")
    try:
        return figures.portfolio_scope(request.user, manager)  # type: ignore[arg-type]
    except LookupError as exc:
        raise Http404("Chargé de clientèle hors de votre périmètre") from exc


def _format(request: HttpRequest) -> str | None:
    fmt = request.GET.get("format")
    return fmt if fmt in exports.FORMATS else None


def _common(request: HttpRequest, scope: figures.PortfolioScope) -> dict[str, Any]:
    managers: list[User] = []
    if scope_of(request.user) in {Scope.BRANCH, Scope.ALL}:
        managers = list(managers_in_scope(request.user).order_by("last_name", "first_name"))
    narrow = f"{DAY_MANAGER_PARAM}={scope.manager.pk}&" if scope.manager else ""
    return {"scope": scope, "managers": managers, "narrow": narrow}


def _axis(request: HttpRequest) -> str:
    axis = request.GET.get("axe", "segment")
    return axis if axis in figures.AXES else "segment"


def _diagnosis(
    user: User, scope: figures.PortfolioScope, axis: str, today: dt.date
) -> dict[str, Any]:
    """The figures of the synthesis, for the dashboard and the review: segmentation along
    ``axis``, coverage, PNB by component, flows entrusted, attrition, the year's objectives
    — as the daily batch summarised the portfolio (``summaries``)."""
    found = summaries.summary(scope, axis, today)
    cells = found.segmentation(axis)
    return {
        "axis": figures.AXES[axis], "cells": cells, "total": figures.totals(cells),
        "families": found.families, "pnb": found.pnb, "pnb_parts": figures.PNB_PARTS,
        "pnb_rows": [(label, found.pnb[key]) for key, label in figures.PNB_PARTS],
        "flows": found.flows, "as_of": found.as_of, "summary": found,
        "attrition": [
            (code, label, count)
            for code, label in presentation.ATTRITION.items()
            if (count := found.attrition.get(code))
        ],
        "progress": summaries.progress(user, scope, found, today), "year": today.year,
    }  # fmt: skip


@action_required(VIEW)
def dashboard(request: HttpRequest) -> HttpResponse:
    """The diagnosis: segmentation along a chosen axis, coverage, PNB, flows, attrition."""
    scope, today = _scope(request), timezone.localdate()
    axis = _axis(request)
    if fmt := _format(request):
        cells = summaries.summary(scope, axis, today).segmentation(axis)
        return exports.response(_cells_table(axis, cells), fmt)
    context = {
        **_common(request, scope), **_diagnosis(request.user, scope, axis, today),  # type: ignore[arg-type]
        "axes": figures.AXES.values(),
    }  # fmt: skip
    return render(request, "portfolio/dashboard.html", context)


REVIEW_TOP = 10


@action_required(VIEW)
def review_pdf(request: HttpRequest) -> HttpResponse:
    """« Revue de portefeuille »: the synthesis, the risk statuses, the best and weakest
    clients against their peers, the highest potentials, the attrition signals client by
    client and the commercial actions, as a tagged PDF for the annual review."""
    scope, today = _scope(request), timezone.localdate()
    user: User = request.user  # type: ignore[assignment]
    top, bottom = figures.top_and_bottom(scope.clients, REVIEW_TOP)
    peers = figures.peer_pnb(scope.clients)
    rows = figures.figures_of(scope.clients)
    actions = lists.actions_in_scope(user, scope.manager, today)
    families = dict(ProductFamily.objects.values_list("code", "label"))
    context = {
        **_diagnosis(user, scope, "segment", today), "scope": scope, "today": today,
        "author": user.get_full_name() or user.username,
        "risk_cells": summaries.summary(scope, "risk", today).segmentation("risk"),
        "top": _with_peers(top, peers), "bottom": _with_peers(bottom, peers),
        "potentials": [
            (f, presentation.potential_rows(f.potential_parts),
             [families.get(code, code) for code in f.missing_families])
            for f in rows.exclude(potential=0).order_by("-potential", "party__name")[:REVIEW_TOP]
        ],
        "signals": [
            (f, presentation.attrition_labels(f.attrition))
            for f in rows.exclude(attrition=[]).order_by("-pnb", "party__name")[:REVIEW_TOP * 2]
        ],
        "actions": actions, "labels": presentation.ATTRITION,
    }  # fmt: skip
    name = f"revue-portefeuille-{today.isoformat()}.pdf"
    return pdf_response(render_pdf("portfolio/review.html", context, request), name)


def _cells_table(axis: str, cells: list[figures.Cell]) -> exports.Table:
    columns = [
        exports.Column(figures.AXES[axis].label), exports.Column("Clients", "int"),
        exports.Column("Dépôts (€)", "amount"), exports.Column("Encours de crédit (€)", "amount"),
        exports.Column("PNB sur 12 mois (€)", "amount"),
    ]  # fmt: skip
    rows = [(c.label, c.clients, c.deposits, c.credit_outstanding, c.pnb) for c in cells]
    return exports.Table(f"segmentation-{axis}", "Segmentation", columns, rows)


def _client_rows(request: HttpRequest, scope: figures.PortfolioScope) -> tuple[Any, str]:
    """The clients the query string asks for, and the French title of that list."""
    return lists.filtered_clients(scope.clients, request.GET, timezone.localdate())


@action_required(VIEW)
def client_list(request: HttpRequest) -> HttpResponse:
    """The clients behind a figure of the diagnosis, with their PNB, potential and signals."""
    scope = _scope(request)
    rows, title = _client_rows(request, scope)
    if fmt := _format(request):
        return exports.response(_clients_table(rows), fmt)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {**_common(request, scope), "page": page, "title": title, "query": query.urlencode(),
               "labels": presentation.ATTRITION, "save_form": _save_form(request, title)}  # fmt: skip
    return render(request, "portfolio/clients.html", context)


def _save_form(request: HttpRequest, title: str) -> Any:
    """The « save as a target list » form of the list, for a role that may save one."""
    if not can(request.user, "target.change"):
        return None
    from probanker.portfolio.forms import TargetListForm

    return TargetListForm(initial={"name": title[:120], **lists.clean_query(request.GET)})


def _clients_table(rows: Any) -> exports.Table:
    columns = [
        exports.Column("Client"),
        exports.Column("SIREN"),
        exports.Column("Segment"),
        exports.Column("Chargé de clientèle"),
        exports.Column("PNB sur 12 mois (€)", "amount"),
    ]
    columns += [exports.Column(f"{label} (€)", "amount") for _, label in figures.PNB_PARTS]
    columns += [exports.Column("Part de flux confiés", "rate"), exports.Column("Potentiel", "int"),
                exports.Column("Signaux d'attrition")]  # fmt: skip
    out = []
    for party in rows:
        f = getattr(party, "portfolio_figures", None)
        out.append(
            [party.name, party.siren, party.get_segment_display(), str(party.manager),
             f.pnb if f else None]
            + [getattr(f, key) if f else None for key, _ in figures.PNB_PARTS]
            + [f.flows_share if f else None, f.potential if f else None,
               " ; ".join(presentation.attrition_labels(f.attrition)) if f else ""]
        )  # fmt: skip
    return exports.Table("clients", "Clients", columns, out)


@action_required(VIEW)
def matrix(request: HttpRequest) -> HttpResponse:
    """The client × product family matrix, with each client's gaps against its peers."""
    scope = _scope(request)
    codes, rows = figures.matrix(scope.clients)
    labels = dict(ProductFamily.objects.values_list("code", "label"))
    if fmt := _format(request):
        columns = [exports.Column("Client"), exports.Column("SIREN")]
        columns += [exports.Column(labels[c]) for c in codes] + [
            exports.Column("Manques face aux pairs")
        ]
        table = [
            [r.party.name, r.party.siren] + ["oui" if c in r.held else "non" for c in codes]
            + [", ".join(labels.get(m, m) for m in r.missing)]
            for r in rows
        ]  # fmt: skip
        return exports.response(exports.Table("equipement", "Équipement", columns, table), fmt)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {**_common(request, scope), "codes": codes, "labels": labels, "page": page,
               "by_segment": figures.coverage_by_segment(scope)}  # fmt: skip
    return render(request, "portfolio/matrix.html", context)


@action_required(VIEW)
def pnb(request: HttpRequest) -> HttpResponse:
    """PNB by component and segment (a chart and its table), top and bottom clients."""
    scope, today = _scope(request), timezone.localdate()
    found = summaries.summary(scope, "segment", today)
    cells = found.segmentation("segment")
    top, bottom = figures.top_and_bottom(scope.clients)
    peers = figures.peer_pnb(scope.clients)
    if fmt := _format(request):
        return exports.response(
            _clients_table(_client_rows(request, scope)[0].order_by("-portfolio_figures__pnb")), fmt
        )
    chart = None
    if cells and any(c.pnb for c in cells):
        chart = bars("pnb-segments", "PNB sur douze mois par segment", [c.label for c in cells],
                     [("PNB", [c.pnb for c in cells])])  # fmt: skip
    context = {
        **_common(request, scope), "cells": cells, "pnb": found.pnb,
        "pnb_parts": figures.PNB_PARTS, "top": _with_peers(top, peers),
        "bottom": _with_peers(bottom, peers), "chart": chart, "as_of": found.as_of,
    }  # fmt: skip
    return render(request, "portfolio/pnb.html", context)


def _with_peers(rows: list[ClientFigures], peers: dict[tuple[str, str], Decimal]) -> list[Any]:
    out = []
    for row in rows:
        party = row.party
        out.append((row, peers.get((party.naf.division_id, party.segment))))
    return out


def _year(request: HttpRequest, today: dt.date) -> int:
    raw = request.GET.get("annee", "")
    return int(raw) if raw.isascii() and raw.isdigit() and 2000 <= int(raw) <= 2100 else today.year


@action_required(VIEW)
def objectives_page(request: HttpRequest) -> HttpResponse:
    """The year's objectives against the realised figures; the director sets and splits them."""
    scope, today = _scope(request), timezone.localdate()
    year = _year(request, today)
    user: User = request.user  # type: ignore[assignment]
    may_set = can(user, "objective.change")
    form = ObjectiveForm(request.POST or None, branch_id=user.branch_id) if may_set else None
    if request.method == "POST":
        if form is None:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied("objective.change")
        if form.is_valid():
            try:
                services.set_objective(actor=user, year=year, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Objectif enregistré.")
                return redirect(f"{request.path}?annee={year}")
    rows = objectives.progress(
        objectives.objectives_of(user, year, scope.manager), scope.clients, year, today
    )
    if fmt := _format(request):
        return exports.response(_objectives_table(rows, year), fmt)
    split = []
    if may_set and scope.manager is None:
        totals = objectives.split_total(user, year)
        split = [(p, totals.get((p.objective.indicator, p.objective.family_id))) for p in rows]
    context = {**_common(request, scope), "rows": rows, "year": year, "form": form, "split": split}
    return render(request, "portfolio/objectives.html", context)


def _objectives_table(rows: list[objectives.Progress], year: int) -> exports.Table:
    columns = [exports.Column("Indicateur"), exports.Column("Famille"), exports.Column("Chargé"),
               exports.Column("Objectif", "amount"), exports.Column("Réalisé", "amount"),
               exports.Column("Avancement", "rate"), exports.Column("Projection fin d'année", "amount")]  # fmt: skip
    table = [
        [p.objective.get_indicator_display(), str(p.objective.family or ""),
         str(p.objective.manager or "Agence"), p.objective.target, p.realised, p.rate, p.projection]
        for p in rows
    ]  # fmt: skip
    return exports.Table(f"objectifs-{year}", f"Objectifs {year}", columns, table)


@action_required(VIEW)
def transfer_prices(request: HttpRequest) -> HttpResponse:
    """Transfer prices by period (the history); an administrator records a new one."""
    user: User = request.user  # type: ignore[assignment]
    may_change = can(user, "transfer_price.change")
    form = TransferPriceForm(request.POST or None) if may_change else None
    if request.method == "POST":
        if form is None:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied("transfer_price.change")
        if form.is_valid():
            try:
                services.record_transfer_price(actor=user, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Taux de cession enregistré.")
                return redirect("portfolio:transfer_prices")
    rows = list(TransferPrice.objects.order_by("kind", "-start"))
    if fmt := _format(request):
        columns = [exports.Column("Nature"), exports.Column("En vigueur à partir du", "date"),
                   exports.Column("Taux", "rate")]  # fmt: skip
        table = [[r.get_kind_display(), r.start, r.rate / 100] for r in rows]
        return exports.response(
            exports.Table("taux-de-cession", "Taux de cession", columns, table), fmt
        )
    return render(request, "portfolio/prices.html", {"rows": rows, "form": form})
