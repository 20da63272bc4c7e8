"""The one query layer of the portfolio diagnosis: the page, the exports and the API read it.

Every function takes the scope's clients (a ``Party`` queryset already
restricted by ``visible_to``) and asks the database for aggregates — a
constant number of queries whatever the number of clients. Per-client PNB,
flows, potential and attrition are those the daily batch stored
(``compute.refresh_figures``); deposits, credit outstanding and holdings are
read live from the open contracts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Case, CharField, Count, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from probanker.banking import coverage
from probanker.banking.models import Contract, ProductFamily
from probanker.banking.services import credit_q, deposits_q
from probanker.core.access import managers_in_scope
from probanker.core.models import NafDivision, NafSection, User
from probanker.core.permissions import Scope, scope_of
from probanker.parties.choices import HeadcountBand, LegalForm, PartyKind, Segment, TaxRegime
from probanker.parties.models import Party
from probanker.portfolio.models import ClientFigures
from probanker.risk.models import RiskStatus

ZERO = Decimal("0.00")
UNKNOWN = "inconnu"

TURNOVER_BANDS: tuple[tuple[str, str, Decimal | None], ...] = (
    ("a", "Moins de 100 000 €", Decimal(100_000)),
    ("b", "100 000 à 250 000 €", Decimal(250_000)),
    ("c", "250 000 à 500 000 €", Decimal(500_000)),
    ("d", "500 000 € à 1 M€", Decimal(1_000_000)),
    ("e", "1 à 2 M€", Decimal(2_000_000)),
    ("f", "2 M€ et plus", None),
)
AGE_BANDS: tuple[tuple[str, str, int | None], ...] = (
    ("a", "Moins de 2 ans", 2),
    ("b", "2 à 5 ans", 5),
    ("c", "5 à 10 ans", 10),
    ("d", "10 ans et plus", None),
)


@dataclass(frozen=True)
class PortfolioScope:
    """Whose portfolio: the clients reached, and the manager narrowed to (if any)."""

    user: User
    manager: User | None
    clients: Any  # Party queryset

    @property
    def label(self) -> str:
        if self.manager is not None:
            return f"Portefeuille de {self.manager.get_full_name() or self.manager.username}"
        if scope_of(self.user) == Scope.OWN:
            return "Mon portefeuille"
        return "Agence" if scope_of(self.user) == Scope.BRANCH else "Toutes les agences"

    @property
    def reference_label(self) -> str:
        """What the scope's coverage is set against: its branch, or the bank."""
        return "Banque" if self.manager is None and scope_of(self.user) == Scope.ALL else "Agence"


def portfolio_scope(user: User, manager: str | int | None = None) -> PortfolioScope:
    """The clients of ``user``'s portfolio, narrowed to ``manager`` (a username or an id).

    A manager always gets their own portfolio, whatever they ask for; a director
    may narrow to a manager of their branch; a manager outside the scope (or
    unknown) narrows to nothing but the user's own scope: :class:`LookupError`.
    """
    clients = Party.objects.visible_to(user, "portfolio.view").filter(kind=PartyKind.CLIENT)
    chosen = None
    if manager not in (None, "") and scope_of(user) in {Scope.BRANCH, Scope.ALL}:
        managers = managers_in_scope(user)
        lookup = {"pk": manager} if isinstance(manager, int) else {"username": manager}
        chosen = managers.filter(**lookup).first()
        if chosen is None:
            raise LookupError(str(manager))
        clients = clients.filter(manager=chosen)
    return PortfolioScope(user, chosen, clients)


def branch_clients(scope: PortfolioScope) -> Any:
    """The clients of the scope's branch (the reference « against the branch »); the whole
    bank's for a user who reaches every branch."""
    if scope.manager is not None:
        return reference_clients(scope.manager.branch_id)
    if scope_of(scope.user) == Scope.ALL:
        return reference_clients(None)
    return reference_clients(scope.user.branch_id or 0)


def reference_clients(branch_id: int | None) -> Any:
    """The clients of a branch, or of the whole bank for ``None``."""
    if branch_id is None:
        return Party.objects.filter(kind=PartyKind.CLIENT)
    return Party.objects.filter(kind=PartyKind.CLIENT, branch_id=branch_id)


# --- segmentation -------------------------------------------------------------------------


def _bands(path: str, bands: tuple[tuple[str, str, Any], ...], bound: Callable[[Any], Any]) -> Any:
    whens = [
        When(**{f"{path}__lt": bound(limit)}, then=Value(key))
        for key, _, limit in bands
        if limit is not None
    ]
    last = bands[-1][0]
    return Case(
        When(**{f"{path}__isnull": True}, then=Value(UNKNOWN)), *whens, default=Value(last),
        output_field=CharField(),
    )  # fmt: skip


def _age_bands(path: str, today: dt.date) -> Any:
    whens = [
        When(**{f"{path}__gt": today.replace(year=today.year - years)}, then=Value(key))
        for key, _, years in AGE_BANDS
        if years is not None
    ]
    return Case(
        When(**{f"{path}__isnull": True}, then=Value(UNKNOWN)), *whens,
        default=Value(AGE_BANDS[-1][0]), output_field=CharField(),
    )  # fmt: skip


@dataclass(frozen=True)
class Axis:
    """A way to cut the portfolio: its French label, its expression, its values' labels."""

    key: str
    label: str
    expression: Callable[[str, dt.date], Any]  # (path to the party, today) → expression
    labels: Callable[[], dict[str, str]]


def _field(name: str) -> Callable[[str, dt.date], Any]:
    return lambda prefix, today: Coalesce(
        F(f"{prefix}{name}"), Value(UNKNOWN), output_field=CharField()
    )


def _choices(choices: Any) -> Callable[[], dict[str, str]]:
    return lambda: {str(value): str(label) for value, label in choices.choices}


AXES: dict[str, Axis] = {
    a.key: a
    for a in (
        Axis("segment", "Segment", _field("segment"), _choices(Segment)),
        Axis("section", "Section NAF", _field("naf__division__section_id"),
             lambda: {s.code: f"{s.code} — {s.label}" for s in NafSection.objects.all()}),
        Axis("division", "Division NAF", _field("naf__division_id"),
             lambda: {d.code: f"{d.code} — {d.label}" for d in NafDivision.objects.all()}),
        Axis("legal_form", "Forme juridique", _field("legal_form"), _choices(LegalForm)),
        Axis("tax_regime", "Régime fiscal", _field("tax_regime"), _choices(TaxRegime)),
        Axis("turnover", "Chiffre d'affaires",
             lambda p, t: _bands(f"{p}portfolio_figures__fiscal_turnover", TURNOVER_BANDS, lambda x: x),
             lambda: {k: label for k, label, _ in TURNOVER_BANDS}),
        Axis("headcount", "Effectif", _field("headcount_band"), _choices(HeadcountBand)),
        Axis("seniority", "Ancienneté de la relation",
             lambda p, t: _age_bands(f"{p}client_since", t),
             lambda: {k: label for k, label, _ in AGE_BANDS}),
        Axis("risk", "Statut de risque", _field("risk__status"), _choices(RiskStatus)),
    )
}  # fmt: skip


def value_label(axis: Axis, labels: dict[str, str], value: str) -> str:
    """The French label of a value of the axis (« Non renseigné » when unknown)."""
    if value == UNKNOWN:
        return "Sans statut" if axis.key == "risk" else "Non renseigné"
    return labels.get(value, value)


@dataclass(frozen=True)
class Cell:
    """One value of an axis with its figures."""

    key: str
    label: str
    clients: int
    deposits: Decimal
    credit_outstanding: Decimal
    pnb: Decimal


def _money(value: Any) -> Decimal:
    return Decimal(value or 0).quantize(ZERO)


def segmentation(clients: Any, axis_key: str, today: dt.date) -> list[Cell]:
    """The scope's clients cut along an axis: clients, deposits, credit, PNB (two queries).

    Cells are in decreasing number of clients, then by label.
    """
    axis = AXES[axis_key]
    people = (
        clients.order_by()
        .annotate(axis=axis.expression("", today))
        .values("axis")
        .annotate(n=Count("pk"), pnb=Sum("portfolio_figures__pnb"))
    )
    money = (
        Contract.objects.filter(party__in=clients, closed_on__isnull=True)
        .order_by()
        .annotate(axis=axis.expression("party__", today))
        .values("axis")
        .annotate(
            deposits=Sum("balance", filter=deposits_q()), credit=Sum("balance", filter=credit_q())
        )
    )
    sums = {row["axis"]: row for row in money}
    labels = axis.labels()
    cells = [
        Cell(
            key=row["axis"],
            label=value_label(axis, labels, row["axis"]),
            clients=row["n"],
            deposits=_money(sums.get(row["axis"], {}).get("deposits")),
            credit_outstanding=_money(sums.get(row["axis"], {}).get("credit")),
            pnb=_money(row["pnb"]),
        )
        for row in people
    ]
    return sorted(cells, key=lambda c: (-c.clients, c.label))


def clients_in_cell(clients: Any, axis_key: str, value: str, today: dt.date) -> Any:
    """The clients behind a cell of :func:`segmentation` (an unknown axis: ``KeyError``)."""
    axis = AXES[axis_key]
    return clients.annotate(axis=axis.expression("", today)).filter(axis=value)


def totals(cells: list[Cell]) -> Cell:
    """The sum of an axis' cells (every client is in exactly one cell)."""
    return Cell(
        "total", "Total", sum(c.clients for c in cells),
        sum((c.deposits for c in cells), ZERO), sum((c.credit_outstanding for c in cells), ZERO),
        sum((c.pnb for c in cells), ZERO),
    )  # fmt: skip


# --- product coverage --------------------------------------------------------------------


@dataclass(frozen=True)
class FamilyRow:
    """A family's coverage: in the scope, in the branch, and expected from the peers."""

    family: str
    label: str
    holders: int
    clients: int
    rate: Decimal
    branch_rate: Decimal
    peer_rate: Decimal | None  # mean of the clients' peer groups' rates (None: no group)


def family_coverage(scope: PortfolioScope) -> list[FamilyRow]:
    """Holding rate of each family in the scope, the branch and the peers (seven queries)."""
    return coverage_against(scope.clients, branch_clients(scope))


def coverage_against(clients: Any, reference: Any) -> list[FamilyRow]:
    """Holding rate of each family among ``clients``, among ``reference`` (the branch) and
    expected from the clients' peer groups (seven queries)."""
    families = list(ProductFamily.objects.order_by("position"))
    codes = [f.code for f in families]
    mine = {r.family: r for r in coverage.coverage(clients, codes)}
    branch = {r.family: r for r in coverage.coverage(reference, codes)}
    groups = {
        (row["naf__division_id"], row["segment"]): row["n"]
        for row in clients.order_by().values("naf__division_id", "segment").annotate(n=Count("pk"))
    }
    peers = coverage.peer_rates(set(groups))
    rows = []
    for family in families:
        weighted, counted = Decimal(0), 0
        for key, n in groups.items():
            if key in peers:
                rate = peers[key].get(family.code)
                weighted += (rate.rate if rate else Decimal(0)) * n
                counted += n
        peer = (weighted / counted).quantize(Decimal("0.0001")) if counted else None
        r = mine[family.code]
        rows.append(
            FamilyRow(family.code, family.label, r.holders, r.clients, r.rate,
                      branch[family.code].rate, peer)
        )  # fmt: skip
    return rows


def coverage_by_segment(scope: PortfolioScope) -> list[tuple[str, list[Decimal]]]:
    """(segment label, rate of each family in catalogue order) for the scope's segments."""
    codes = coverage.family_codes()
    by = coverage.coverage_by(scope.clients, "segment")
    labels = _choices(Segment)()
    out = []
    for segment, rates in sorted(by.items(), key=lambda item: labels.get(item[0], item[0])):
        zero = Decimal("0.0000")
        out.append(
            (labels.get(segment, segment), [rates[c].rate if c in rates else zero for c in codes])
        )
    return out


@dataclass(frozen=True)
class MatrixRow:
    party: Party
    held: set[str]
    missing: list[str]


def matrix(clients: Any) -> tuple[list[str], list[MatrixRow]]:
    """The client × family matrix (families in catalogue order), with each client's gaps."""
    codes = coverage.family_codes()
    held = coverage.holdings(clients)
    rows = clients.select_related("portfolio_figures").order_by("name")
    return codes, [MatrixRow(p, held.get(p.pk, set()), _missing(p)) for p in rows]


def _missing(party: Party) -> list[str]:
    figures = getattr(party, "portfolio_figures", None)
    return list(figures.missing_families) if figures else []


# --- PNB ----------------------------------------------------------------------------------

PNB_PARTS = (
    ("credit_margin", "Marge d'intérêts sur crédits"),
    ("deposit_margin", "Marge sur dépôts et épargne"),
    ("overdraft_interest", "Intérêts débiteurs (méthode hambourgeoise)"),
    ("fees_account", "Frais de tenue de compte"),
    ("fees_card", "Commissions carte et monétique"),
    ("fees_intervention", "Commissions d'intervention"),
    ("fees_other", "Autres commissions"),
)


def pnb_parts(clients: Any) -> dict[str, Decimal]:
    """The scope's PNB by component, and its total under ``"pnb"`` (one query)."""
    keys = [k for k, _ in PNB_PARTS] + ["pnb"]
    sums = ClientFigures.objects.filter(party__in=clients).aggregate(**{k: Sum(k) for k in keys})
    return {k: _money(sums[k]) for k in keys}


def figures_of(clients: Any) -> Any:
    """Stored figures of the scope's clients, with the client (for top lists)."""
    return ClientFigures.objects.filter(party__in=clients).select_related("party", "party__naf")


def top_and_bottom(clients: Any, n: int = 10) -> tuple[list[ClientFigures], list[ClientFigures]]:
    """The ``n`` clients of highest and of lowest PNB (two queries)."""
    rows = figures_of(clients)
    return list(rows.order_by("-pnb", "party__name")[:n]), list(
        rows.order_by("pnb", "party__name")[:n]
    )


def as_of(clients: Any) -> dt.date | None:
    """The business date of the stored figures (``None`` before the first batch)."""
    return (
        ClientFigures.objects.filter(party__in=clients)
        .order_by("-as_of")
        .values_list("as_of", flat=True)
        .first()
    )


def peer_pnb(clients: Any) -> dict[tuple[str, str], Decimal]:
    """Mean PNB of the bank's clients per (NAF division, segment) of 5 clients or more."""
    rows = (
        ClientFigures.objects.filter(party__kind=PartyKind.CLIENT)
        .values("party__naf__division_id", "party__segment")
        .annotate(n=Count("pk"), total=Sum("pnb"))
        .filter(n__gte=coverage.MIN_PEERS)
    )
    return {
        (r["party__naf__division_id"], r["party__segment"]): (
            Decimal(r["total"]) / r["n"]
        ).quantize(ZERO)
        for r in rows
    }


def flows_summary(clients: Any) -> dict[str, Any]:
    """Credit turnover on our accounts against the latest fiscal turnover (one query)."""
    known = Q(fiscal_turnover__isnull=False, fiscal_turnover__gt=0)
    sums = ClientFigures.objects.filter(party__in=clients).aggregate(
        turnover=Sum("credit_turnover", filter=known), fiscal=Sum("fiscal_turnover", filter=known),
        known=Count("pk", filter=known), low=Count("pk", filter=known & Q(flows_share__lt=Decimal("0.5"))),
    )  # fmt: skip
    turnover, fiscal = _money(sums["turnover"]), _money(sums["fiscal"])
    share = (turnover / fiscal).quantize(Decimal("0.0001")) if fiscal else None
    return {
        "turnover": turnover,
        "fiscal": fiscal,
        "share": share,
        "known": sums["known"],
        "low": sums["low"],
    }


def attrition_counts(clients: Any) -> dict[str, int]:
    """How many clients carry each attrition signal (one query: the lists are short JSON)."""
    counts: dict[str, int] = {}
    for signals in (
        ClientFigures.objects.filter(party__in=clients)
        .exclude(attrition=[])
        .values_list("attrition", flat=True)
    ):
        for code in signals:
            counts[code] = counts.get(code, 0) + 1
    return counts
