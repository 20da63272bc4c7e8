"""Credit files: every write (audited through the models' history) and the file's figures.

The file's figures come from the finance library: each loan's schedule and
TEG (R314-2), leasing rents, the guarantees' coverage and the guarantor's
protections (art. 2297, 2299, 2300), the pricing against the client's risk
status, the debt capacity before and after the project. Compliance items
come from rules that are data; the automatic ones are re-evaluated on every
change. A file is submitted only without a blocking item missing; the level
that decides comes from the delegation grid (amount × risk status); the
decision is recorded once and never changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from probanker.core.formatting import euros
from probanker.core.models import User
from probanker.core.permissions import Scope, can, require, scope_of
from probanker.core.services import DomainError
from probanker.credit.models import (
    ComplianceItem,
    ComplianceRule,
    CreditFile,
    Decision,
    DelegationLimit,
    FileGuarantee,
    FileStatus,
    FinancingLine,
    Level,
    ProductKind,
    RequestedProduct,
)
from probanker.finance import guarantees as g
from probanker.finance.leasing import leasing_rent
from probanker.finance.loans import (
    Deferral,
    Frequency,
    LoanError,
    LoanTerms,
    LoanType,
    Schedule,
    Teg,
    build_schedule,
    teg,
)
from probanker.finance.overdraft import usury_check
from probanker.finance.pricing import Pricing, price
from probanker.parties.models import Party

STATUS_ORDER = ["sain", "surveillance", "degrade", "defaut"]
LEVEL_ORDER = [Level.MANAGER, Level.DIRECTOR, Level.COMMITTEE]


def _by(actor: User | None, obj: Any) -> Any:
    """Mark ``obj``'s next history row with its author: services also run outside a
    request (batch, demo, commands), where simple-history finds no user by itself."""
    if actor is not None:
        obj._history_user = actor
    return obj


def _writer(actor: User) -> None:
    """Files are built by the roles holding ``credit.change`` (PermissionDenied otherwise)."""
    require(actor, "credit.change")


def _draft(file: CreditFile) -> None:
    if file.status != FileStatus.DRAFT:
        raise DomainError("Le dossier est soumis : il ne se modifie plus.")


def applicable(rule: ComplianceRule, file: CreditFile) -> bool:
    """Whether a compliance rule concerns this file (its products, guarantees, regime)."""
    scope, _, value = rule.applies_to.partition(":")
    if scope == "all":
        return True
    if scope == "product":
        return file.products.filter(kind=value).exists()
    if scope == "guarantee":
        return file.guarantees.filter(kind=value).exists()
    if scope == "regime":
        return file.party.tax_regime == value
    return False


@transaction.atomic
def create_file(
    *,
    actor: User,
    party: Party,
    purpose: str,
    description: str,
    today: dt.date,
    renewal_of: CreditFile | None = None,
    renews_contract: Any = None,
) -> CreditFile:
    """Open a draft, saved once (one history row), bound to what it renews if anything."""
    _writer(actor)
    file = CreditFile(
        party=party, purpose=purpose, description=description, created_by=actor,
        created_on=today, renewal_of=renewal_of, renews_contract=renews_contract,
    )  # fmt: skip
    _by(actor, file).save()
    refresh_compliance(file, actor=actor)
    return file


@transaction.atomic
def add_line(*, actor: User, file: CreditFile, **values: Any) -> FinancingLine:
    _writer(actor)
    _draft(file)
    if values["amount"] <= 0:
        raise DomainError("Le montant d'une ligne du plan doit être positif.")
    line = FinancingLine(file=file, **values)
    _by(actor, line).save()
    return line


@transaction.atomic
def add_product(*, actor: User, file: CreditFile, **values: Any) -> RequestedProduct:
    _writer(actor)
    _draft(file)
    product = RequestedProduct(file=file, **values)
    if product.kind == ProductKind.LOAN:
        try:
            build_schedule(loan_terms(product, file.created_on))
        except LoanError as exc:
            raise DomainError(f"Prêt impossible : {exc}.") from exc
    _by(actor, product).save()
    refresh_compliance(file, actor=actor)
    return product


@transaction.atomic
def add_guarantee(*, actor: User, file: CreditFile, **values: Any) -> FileGuarantee:
    _writer(actor)
    _draft(file)
    guarantee = FileGuarantee(file=file, **values)
    _by(actor, guarantee).save()
    refresh_compliance(file, actor=actor)
    return guarantee


@transaction.atomic
def tick(*, actor: User, file: CreditFile, rule_code: str, today: dt.date) -> ComplianceItem:
    """The manager attests a manual requirement (document received)."""
    _writer(actor)
    _draft(file)
    item = file.compliance.select_related("rule").filter(rule__code=rule_code).first()
    if item is None:
        raise DomainError("Exigence inconnue pour ce dossier.")
    if item.rule.automatic:
        raise DomainError("Cette exigence se vérifie d'elle-même à partir du dossier.")
    item.state = ComplianceItem.State.OK
    item.checked_by, item.checked_on = actor, today
    _by(actor, item).save()
    return item


@transaction.atomic
def set_rate(*, actor: User, file: CreditFile, rate: Decimal) -> CreditFile:
    _writer(actor)
    _draft(file)
    if not Decimal(0) <= rate <= Decimal(30):
        raise DomainError("Taux proposé entre 0 et 30 %.")
    file.client_rate = rate
    _by(actor, file).save()
    return file


# --- figures -----------------------------------------------------------------------


def loan_terms(product: RequestedProduct, start: dt.date) -> LoanTerms:
    return LoanTerms(
        amount=product.amount,
        annual_rate=product.rate,
        months=product.months,
        loan_type=LoanType(product.loan_type),
        frequency=Frequency(product.frequency),
        deferral_months=product.deferral_months,
        deferral=Deferral(product.deferral),
        fees=product.fees,
        insurance_rate=product.insurance_rate,
        start=start,
    )


@dataclass
class ProductFigures:
    product: RequestedProduct
    schedule: Schedule | None = None
    teg: Teg | None = None
    rent: Decimal | None = None
    yearly_service: Decimal = Decimal(0)
    usury: Any = None


@dataclass
class GuaranteeFigures:
    guarantee: FileGuarantee
    label: str
    counted: Decimal
    note: str
    mention: g.MentionCheck | None = None
    proportionality: g.Proportionality | None = None


@dataclass
class FileFigures:
    file: CreditFile
    needs: Decimal = Decimal(0)
    resources: Decimal = Decimal(0)
    own_contribution: Decimal = Decimal(0)
    products: list[ProductFigures] = field(default_factory=list)
    guarantees: list[GuaranteeFigures] = field(default_factory=list)
    exposure: Decimal = Decimal(0)
    secured: Decimal = Decimal(0)
    coverage_ratio: Decimal = Decimal(0)
    new_service: Decimal = Decimal(0)
    status: str = "sain"
    pricing: Pricing | None = None
    caf: Decimal | None = None
    existing_service: Decimal = Decimal(0)
    relationship: Decimal = Decimal(0)
    agios: Any = None  # overdraft interest of the last quarter, from the lake

    @property
    def status_label(self) -> str:
        """The client's risk status as the pages say it (« Sain », « Dégradé »...)."""
        from probanker.risk.models import RiskStatus

        return str(dict(RiskStatus.choices).get(self.status, self.status))

    @property
    def plan_balanced(self) -> bool:
        return self.needs == self.resources

    @property
    def dscr_before(self) -> Decimal | None:
        return _ratio(self.caf, self.existing_service)

    @property
    def dscr_after(self) -> Decimal | None:
        return _ratio(self.caf, self.existing_service + self.new_service)


def _ratio(caf: Decimal | None, service: Decimal) -> Decimal | None:
    if caf is None or service <= 0:
        return None
    return (caf / service).quantize(Decimal("0.01"))


def _product_figures(product: RequestedProduct, start: dt.date) -> ProductFigures:
    figures = ProductFigures(product)
    if product.kind == ProductKind.LOAN:
        figures.schedule = build_schedule(loan_terms(product, start))
        figures.teg = teg(figures.schedule)
        figures.yearly_service = figures.schedule.first_year_service
    elif product.kind == ProductKind.LEASING:
        figures.rent = leasing_rent(
            product.amount, product.rate, product.months, residual=product.residual_value
        )
        figures.yearly_service = figures.rent * min(12, product.months)
    else:
        figures.yearly_service = (product.amount * product.rate / 100).quantize(Decimal("0.01"))
        if product.kind == ProductKind.OVERDRAFT:
            figures.usury = usury_check(product.rate, start, table=usury_table())
    return figures


def _guarantee_figures(guarantee: FileGuarantee, exposure: Decimal) -> GuaranteeFigures:
    kind = g.GuaranteeKind(guarantee.kind)
    line = g.counted_value(
        g.Guarantee(
            kind, guarantee.value, guarantee.limit, guarantee.prior_claims, guarantee.quota
        ),
        exposure,
    )
    figures = GuaranteeFigures(guarantee, g.CATALOGUE[kind].label, line.counted, line.note)
    if g.CATALOGUE[kind].natural_person:
        if guarantee.limit is not None and guarantee.mention_words:
            figures.mention = g.check_mention(guarantee.mention_words, guarantee.limit)
        if guarantee.yearly_income is not None and guarantee.net_assets is not None:
            figures.proportionality = g.proportionality(
                commitment=guarantee.limit or guarantee.value,
                yearly_income=guarantee.yearly_income,
                net_assets=guarantee.net_assets,
                other_commitments=guarantee.other_commitments,
            )
    return figures


def core_figures(file: CreditFile) -> FileFigures:
    """Plan, products and guarantees only: what the compliance rules read."""
    figures = FileFigures(file)
    for line in file.plan.all():
        if line.side == FinancingLine.Side.NEED:
            figures.needs += line.amount
        else:
            figures.resources += line.amount
            if line.own_contribution:
                figures.own_contribution += line.amount
    figures.products = [_product_figures(p, file.created_on) for p in file.products.all()]
    figures.exposure = sum((p.product.amount for p in figures.products), Decimal(0))
    figures.new_service = sum((p.yearly_service for p in figures.products), Decimal(0))
    figures.guarantees = [_guarantee_figures(x, figures.exposure) for x in file.guarantees.all()]
    figures.secured = min(
        figures.exposure, sum((x.counted for x in figures.guarantees), Decimal(0))
    )
    if figures.exposure > 0:
        figures.coverage_ratio = (figures.secured / figures.exposure * 100).quantize(Decimal("0.1"))
    return figures


def file_figures(file: CreditFile) -> FileFigures:
    """Everything the file page, the decision and the credit note show."""
    from probanker.banking.services import totals_for
    from probanker.diagnosis.analysis import capacity_inputs
    from probanker.risk.models import ClientRisk

    figures = core_figures(file)
    risk = ClientRisk.objects.filter(party=file.party).first()
    figures.status = risk.status if risk else "sain"
    if file.client_rate is not None:
        figures.pricing = price(
            client_rate=file.client_rate,
            status=figures.status,
            coverage_ratio=figures.coverage_ratio,
        )
    inputs = capacity_inputs(file.party)
    if inputs is not None and inputs.caf is not None:
        figures.caf = inputs.caf
        figures.existing_service = inputs.existing_service or Decimal(0)
    figures.agios = quarter_agios(file.party, file.created_on)
    deposits, credit = totals_for([file.party_id]).get(file.party_id, (Decimal(0), Decimal(0)))
    # Relationship margin, policy defaults: 1.5 % on deposits, 1.2 % on credit outstanding.
    figures.relationship = (deposits * Decimal("0.015") + credit * Decimal("0.012")).quantize(
        Decimal("0.01")
    )
    return figures


def _automatic(check: str, file: CreditFile, figures: FileFigures) -> bool:
    if check == "fiscal_years":
        return file.party.fiscal_years.exists()
    if check == "kyc":
        return file.party.kyc_status == "complete" and not file.party.kyc_due(file.created_on)
    if check == "teg":
        loans = [p for p in figures.products if p.product.kind == ProductKind.LOAN]
        return bool(loans) and all(p.teg is not None for p in loans)
    if check == "usury":
        overdrafts = [p for p in figures.products if p.product.kind == ProductKind.OVERDRAFT]
        return bool(overdrafts) and all(p.usury is not None and p.usury.ok for p in overdrafts)
    natural = [
        x for x in figures.guarantees if x.guarantee.kind == g.GuaranteeKind.PERSONAL_NATURAL
    ]
    if check == "mention":
        return bool(natural) and all(x.mention is not None and x.mention.ok for x in natural)
    if check == "proportionality":
        return bool(natural) and all(
            x.proportionality is not None and x.proportionality.ok for x in natural
        )
    if check == "warning":
        return bool(natural) and all(x.guarantee.warning_2299 for x in natural)
    return False


def refresh_compliance(
    file: CreditFile, figures: FileFigures | None = None, actor: User | None = None
) -> list[ComplianceItem]:
    """Create the items of the rules that apply, drop the others, evaluate the automatic
    ones; each change is recorded in the history as ``actor``'s."""
    figures = figures or core_figures(file)
    rules = [r for r in ComplianceRule.objects.all() if applicable(r, file)]
    for stale in file.compliance.exclude(rule__in=rules):
        _by(actor, stale).delete()
    existing = {i.rule_id: i for i in file.compliance.all()}
    items = []
    for rule in rules:
        item = existing.get(rule.pk)
        if item is None:
            item = ComplianceItem(file=file, rule=rule)
        state = item.state
        if rule.automatic:
            state = (
                ComplianceItem.State.OK
                if _automatic(rule.automatic, file, figures)
                else ComplianceItem.State.MISSING
            )
        if item.pk is None or item.state != state:
            item.state = state
            _by(actor, item).save()
        items.append(item)
    return items


def required_level(amount: Decimal, status: str) -> str:
    """The lowest level of the delegation grid that may decide this amount at this status."""
    if status == "defaut":
        return Level.COMMITTEE
    rank = STATUS_ORDER.index(status) if status in STATUS_ORDER else 1
    for level in LEVEL_ORDER:
        rows = DelegationLimit.objects.filter(level=level)
        if any(STATUS_ORDER.index(r.worst_status) >= rank and r.max_amount >= amount for r in rows):
            return level
    return Level.COMMITTEE


@transaction.atomic
def submit(*, actor: User, file: CreditFile, today: dt.date) -> CreditFile:
    """Submit for decision: no blocking item missing; the level comes from the grid."""
    _writer(actor)
    _draft(file)
    figures = file_figures(file)
    if not figures.products:
        raise DomainError("Ajoutez au moins un produit demandé.")
    if not figures.plan_balanced:
        raise DomainError(
            f"Plan de financement déséquilibré : besoins {euros(figures.needs)}, "
            f"ressources {euros(figures.resources)}."
        )
    refresh_compliance(file, figures, actor=actor)
    missing = [
        i.rule.label
        for i in file.compliance.select_related("rule")
        if i.rule.blocking and i.state != ComplianceItem.State.OK
    ]
    if missing:
        raise DomainError("Pièces ou contrôles bloquants manquants : " + " ; ".join(missing) + ".")
    file.status = FileStatus.SUBMITTED
    level = required_level(figures.exposure, figures.status)
    if (
        figures.pricing is not None
        and not figures.pricing.covers_costs
        and level != Level.COMMITTEE
    ):
        # The manager negotiates down to the rate floor; below it, the level above decides.
        level = LEVEL_ORDER[LEVEL_ORDER.index(Level(level)) + 1]
    file.level = level
    file.submitted_on = today
    _by(actor, file).save()
    return file


def may_decide(actor: User, file: CreditFile) -> bool:
    """The file's level decides: its manager, the branch's director, or the committee.

    The role must hold ``credit.decide``; the delegation grid's level then names
    who, within those roles, decides this file.
    """
    if not can(actor, "credit.decide"):
        return False
    scope = scope_of(actor)
    branch_head = scope == Scope.BRANCH and actor.branch_id == file.party.branch_id
    if file.level == Level.MANAGER:
        return actor.pk == file.party.manager_id or branch_head
    if file.level == Level.DIRECTOR:
        return branch_head
    # Of the roles that decide, the bank-wide one is the committee.
    return scope == Scope.ALL


@transaction.atomic
def decide(*, actor: User, file: CreditFile, outcome: str, conditions: str) -> Decision:
    """Record the decision, once; conditions are required for a conditional accord or a refusal."""
    require(actor, "credit.decide")
    # The row is locked and read again: of two decisions at once, the second sees the
    # first and is refused (not a unique-constraint error on the decision).
    locked = CreditFile.objects.select_for_update().get(pk=file.pk)
    if locked.status != FileStatus.SUBMITTED:
        raise DomainError("Seul un dossier soumis se décide.")
    if not may_decide(actor, file):
        raise DomainError(
            f"Ce dossier relève du niveau « {file.get_level_display()} » : vous n'avez pas "
            "la délégation."
        )
    if outcome != Decision.Outcome.ACCORD and not conditions.strip():
        raise DomainError("Indiquez les conditions ou le motif du refus.")
    try:
        with transaction.atomic():  # a savepoint: SQLite does not lock rows
            decision = Decision.objects.create(
                file=file, level=file.level, outcome=outcome, conditions=conditions,
                decided_by=actor,
            )  # fmt: skip
    except IntegrityError as exc:
        raise DomainError("Ce dossier vient d'être décidé : la décision est enregistrée.") from exc
    file.status = FileStatus.DECIDED
    _by(actor, file).save()
    return decision


@transaction.atomic
def escalate(*, actor: User, file: CreditFile) -> CreditFile:
    """Send a submitted file to the next level (a manager's or director's choice)."""
    require(actor, "credit.decide")
    if file.status != FileStatus.SUBMITTED or not may_decide(actor, file):
        raise DomainError("Vous ne pouvez pas transmettre ce dossier.")
    index = LEVEL_ORDER.index(Level(file.level))
    if index == len(LEVEL_ORDER) - 1:
        raise DomainError("Le comité de crédit est le dernier niveau.")
    file.level = LEVEL_ORDER[index + 1]
    _by(actor, file).save()
    return file


@transaction.atomic
def update_limit(
    *, actor: User, level: str, worst_status: str, max_amount: Decimal
) -> DelegationLimit:
    """The administrator edits a cell of the delegation grid (kept in the history)."""
    require(actor, "credit.grid.change")
    if max_amount < 0:
        raise DomainError("Montant négatif.")
    row = DelegationLimit.objects.filter(level=level, worst_status=worst_status).first()
    row = row or DelegationLimit(level=level, worst_status=worst_status)
    row.max_amount = max_amount
    row._change_reason = f"modifié par {actor}"  # type: ignore[attr-defined]
    _by(actor, row).save()
    return row


def quarter_agios(party: Party, on: dt.date, rate: Decimal = Decimal("9.50")) -> Any:
    """Overdraft interest of the 90 days before ``on`` by the Hamburg method, from the lake.

    Sums the client's end-of-day balances per day (all accounts), read under the
    lake's shared lock (``lake.client_daily_balances``); ``rate`` is the
    overdraft rate of the bank's tariff (default shown on the page). ``None``
    when the lake holds no balance of the client in those 90 days.
    """
    from probanker import lake
    from probanker.finance.overdraft import hamburg

    daily = lake.client_daily_balances(party.pk, on - dt.timedelta(days=90), on)
    if not daily:
        return None
    return hamburg(
        [(d.date, d.balance_cents) for d in daily], on, rate, commission_rate=Decimal("0.05")
    )


def usury_table() -> tuple[Any, ...]:
    """The usury ceilings kept in the database (edited by an administrator)."""
    from probanker.credit.models import UsuryRate
    from probanker.finance.overdraft import UsuryCeiling

    return tuple(UsuryCeiling(r.category, r.start, r.end, r.rate) for r in UsuryRate.objects.all())


@transaction.atomic
def add_usury_rate(
    *, actor: User, start: dt.date, end: dt.date, rate: Decimal, demo_value: bool = False
) -> Any:
    """Record a published ceiling for professionals' overdrafts (kept in the history);
    ``demo_value`` marks a ceiling that is not the published one (the demo's)."""
    from probanker.credit.models import UsuryRate

    require(actor, "usury.change")
    if end < start or not Decimal(0) < rate < Decimal(100):
        raise DomainError("Période ou taux invalide.")
    row = UsuryRate.objects.filter(category="decouvert_pro", start=start).first()
    row = row or UsuryRate(category="decouvert_pro", start=start)
    row.end, row.rate, row.demo_value = end, rate, demo_value
    _by(actor, row).save()
    return row


#: Ceilings are published in the last days of the quarter before: the next
#: quarter's is awaited this many days before it starts.
USURY_LEAD_DAYS = 15


def quarter_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar quarter holding ``day``: its first and last days."""
    first_month = (day.month - 1) // 3 * 3 + 1
    start = dt.date(day.year, first_month, 1)
    following = dt.date(day.year + (first_month + 2) // 12, (first_month + 2) % 12 + 1, 1)
    return start, following - dt.timedelta(days=1)


def missing_usury_quarters(today: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Quarters without a professionals' overdraft ceiling that the bank needs now:
    the current one (overdraft files stay « à renseigner » meanwhile), and the
    next one from ``USURY_LEAD_DAYS`` before it starts, so nothing blocks."""
    from probanker.credit.models import UsuryRate
    from probanker.finance.overdraft import PRO_OVERDRAFT

    current = quarter_of(today)
    wanted = [current]
    if (current[1] - today).days < USURY_LEAD_DAYS:
        wanted.append(quarter_of(current[1] + dt.timedelta(days=1)))
    rates = UsuryRate.objects.filter(category=PRO_OVERDRAFT)
    return [q for q in wanted if not rates.filter(start__lte=q[0], end__gte=q[0]).exists()]
