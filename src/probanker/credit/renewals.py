"""Renewals and the guarantors' letters.

- **Renewals**: authorisations (overdraft, Dailly) whose expiry falls within
  the window (90 days by default) — the 60-day notice of L313-12 CMF means a
  decision is needed well before; renewing opens a new credit file with the
  line's amount and rate, whose figures are computed afresh.
- **Art. 2302**: before 31 March, every guarantor of a business credit is told
  the principal outstanding at 31 December; **art. 2303**: a natural-person
  guarantor is told of the first payment incident not cured within the month.
  Letters are generated with their due date and tracked until sent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum

from probanker.banking.models import Contract
from probanker.banking.services import credit_q
from probanker.core.calendar import add_business_days
from probanker.core.formatting import de
from probanker.core.models import User
from probanker.core.permissions import require
from probanker.core.services import DomainError
from probanker.credit.models import (
    CreditFile,
    FileStatus,
    GuarantorLetter,
    LetterKind,
    RequestedProduct,
)
from probanker.parties.models import PartyRole

WINDOW_DAYS = 90
NOTICE_DAYS = 60


@dataclass(frozen=True)
class Renewal:
    contract: Contract
    expiry: dt.date
    decide_by: dt.date  # the 60-day notice before the expiry
    days_left: int
    open_file: CreditFile | None = None  # the renewal file in progress, if any


def open_renewal(contract: Contract) -> CreditFile | None:
    """The line's renewal file not decided yet (at most one, by constraint)."""
    return (
        CreditFile.objects.filter(renews_contract=contract)
        .exclude(status=FileStatus.DECIDED)
        .first()
    )


def _open_files(contract_ids: list[int]) -> dict[int, CreditFile]:
    """The renewal files in progress of these lines, by line, in one query."""
    files = CreditFile.objects.filter(renews_contract_id__in=contract_ids).exclude(
        status=FileStatus.DECIDED
    )
    return {f.renews_contract_id: f for f in files}  # type: ignore[misc]


def due_renewals(contracts: object, today: dt.date, window: int = WINDOW_DAYS) -> list[Renewal]:
    """Lines expiring within ``window`` days of ``today``, soonest first, each with
    its renewal file in progress when one is open."""
    lines = list(
        contracts.filter(  # type: ignore[attr-defined]
            limit_expiry__gte=today,
            limit_expiry__lte=today + dt.timedelta(days=window),
            closed_on__isnull=True,
        )
        .select_related("party", "product")
        .order_by("limit_expiry")
    )
    files = _open_files([c.pk for c in lines])
    return [
        Renewal(c, c.limit_expiry, c.limit_expiry - dt.timedelta(days=NOTICE_DAYS),
                (c.limit_expiry - today).days, files.get(c.pk))
        for c in lines
    ]  # fmt: skip


@transaction.atomic
def renew(*, actor: User, contract: Contract, today: dt.date) -> CreditFile:
    """A new credit file for the line, with its amount and rate, bound to the line.

    One file in progress per line: while one is open (not decided), renewing
    again is a DomainError naming it — the line is locked meanwhile, so two
    clicks at once cannot both pass the check (the constraint stands behind it).
    """
    from probanker.credit.services import create_file, refresh_compliance

    if contract.authorised_limit is None:
        raise DomainError("Ce contrat n'est pas une ligne à renouveler.")
    Contract.objects.select_for_update().filter(pk=contract.pk).first()
    current = open_renewal(contract)
    if current is not None:
        raise DomainError(
            f"Un dossier de renouvellement est déjà en cours pour cette ligne : "
            f"dossier n° {current.pk}."
        )
    expiry = f" (échéance {contract.limit_expiry:%d/%m/%Y})" if contract.limit_expiry else ""
    file = create_file(
        actor=actor,
        party=contract.party,
        purpose="tresorerie",
        description=f"Renouvellement {de(contract, common=True)}{expiry}",
        today=today,
        renews_contract=contract,
    )
    kind = "dailly" if "dailly" in contract.product.code else "decouvert"
    product = RequestedProduct(
        file=file, kind=kind, amount=contract.authorised_limit, rate=contract.rate or Decimal(0)
    )
    product._history_user = actor  # type: ignore[attr-defined]
    product.save()
    refresh_compliance(file, actor=actor)
    return file


#: Business days the bank gives itself to send a letter once it is owed.
LETTER_DAYS = 5


def _outstanding(party_id: int) -> Decimal:
    total = Contract.objects.filter(
        credit_q(), party_id=party_id, closed_on__isnull=True
    ).aggregate(s=Sum("balance"))["s"]
    return total or Decimal(0)


def _month_end(day: dt.date) -> dt.date:
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _last_installment(opened_on: dt.date, on: dt.date) -> dt.date:
    """The monthly installment date (the opening's day of the month) on or before ``on``."""
    year, month = on.year, on.month
    if min(opened_on.day, _month_end(on).day) > on.day:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    day = min(opened_on.day, _month_end(dt.date(year, month, 1)).day)
    return max(dt.date(year, month, day), opened_on)


def accrued_interest(party_id: int, on: dt.date) -> Decimal:
    """Interest accrued and not yet due at ``on`` on the party's credits: since each
    one's last monthly installment, at its rate, on the actual days over 360."""
    total = Decimal(0)
    contracts = Contract.objects.filter(
        credit_q(), party_id=party_id, closed_on__isnull=True, balance__gt=0, rate__isnull=False
    )
    for contract in contracts:
        days = (on - _last_installment(contract.opened_on, on)).days
        total += contract.balance * contract.rate / 100 * days / 360  # type: ignore[operator]
    return total.quantize(Decimal("0.01"))


def first_incident_due(incident: dt.date) -> dt.date:
    """Art. 2303: an incident not cured within the month of its due date makes the
    letter owed at that month's end; the bank sends it within ``LETTER_DAYS``."""
    return add_business_days(_month_end(incident), LETTER_DAYS)


@transaction.atomic
def generate_letters(today: dt.date) -> int:
    """Create the letters due: art. 2302 for last 31 December (principal and interest
    outstanding then), art. 2303 once a first incident is not cured by the end of the
    month it fell due in (send-by date from the incident, whatever day the run)."""
    from probanker.risk.models import ClientRisk

    created = 0
    year_end = dt.date(today.year - 1, 12, 31)
    annual_due = dt.date(today.year, 3, 31)
    for role in PartyRole.objects.filter(role="guarantor").select_related("party", "person"):
        principal = _outstanding(role.party_id)
        if principal <= 0:
            continue
        _, new = GuarantorLetter.objects.get_or_create(
            kind=LetterKind.ANNUAL, party=role.party, guarantor=role.person,
            reference_date=year_end,
            defaults={"due_on": annual_due, "principal": principal,
                      "interest": accrued_interest(role.party_id, year_end)},
        )  # fmt: skip
        created += new
        risk = ClientRisk.objects.filter(party_id=role.party_id).first()
        if risk is None or risk.days_past_due <= 0 or risk.past_due_cents <= 0:
            continue
        incident = risk.as_of - dt.timedelta(days=risk.days_past_due)
        if risk.as_of <= _month_end(incident):
            continue  # still within the month: it may yet be cured
        _, new = GuarantorLetter.objects.get_or_create(
            kind=LetterKind.FIRST_INCIDENT, party=role.party, guarantor=role.person,
            reference_date=incident,
            defaults={"due_on": first_incident_due(incident), "principal": principal,
                      "interest": accrued_interest(role.party_id, risk.as_of)},
        )  # fmt: skip
        created += new
    return created


@transaction.atomic
def mark_sent(*, actor: User, letter: GuarantorLetter, today: dt.date) -> GuarantorLetter:
    """Record that the letter went out (``letter.mark_sent``; PermissionDenied otherwise)."""
    require(actor, "letter.mark_sent")
    if letter.sent_on is not None:
        raise DomainError("Lettre déjà envoyée.")
    letter.sent_on, letter.sent_by = today, actor
    letter._history_user = actor  # type: ignore[attr-defined]
    letter.save()
    return letter


@transaction.atomic
def renew_file(*, actor: User, file: CreditFile, today: dt.date) -> CreditFile:
    """A new draft from a decided file: same project, products and guarantees; fresh figures."""
    from probanker.credit.models import FinancingLine
    from probanker.credit.services import create_file, refresh_compliance

    if file.status != FileStatus.DECIDED:
        raise DomainError("Seul un dossier décidé se renouvelle.")
    new = create_file(
        actor=actor, party=file.party, purpose=file.purpose,
        description=f"Renouvellement du dossier n° {file.pk}. {file.description}".strip(),
        today=today, renewal_of=file,
    )  # fmt: skip
    copies: list[Any] = [
        FinancingLine(file=new, side=line.side, label=line.label, amount=line.amount,
                      own_contribution=line.own_contribution)
        for line in file.plan.all()
    ]  # fmt: skip
    for row in [*file.products.all(), *file.guarantees.all()]:
        row.pk, row.file = None, new
        if hasattr(row, "warning_2299"):
            row.warning_2299 = False  # a new commitment needs a new warning
        copies.append(row)
    for row in copies:
        row._history_user = actor  # the copies are the renewing user's writes
        row.save()
    refresh_compliance(new, actor=actor)
    return new


def annual_reviews(parties: object, today: dt.date, window: int = WINDOW_DAYS) -> list[object]:
    """Clients whose annual review (KYC and facilities) falls within the window."""
    return list(
        parties.filter(  # type: ignore[attr-defined]
            kind="client", kyc_next_review__isnull=False,
            kyc_next_review__lte=today + dt.timedelta(days=window),
        ).order_by("kyc_next_review")[:200]
    )  # fmt: skip
