"""After-sales: the events of a client's life that call for a contact, detected by the
daily batch (step ``after_sales``) and listed on « Ma journée ».

For a business date, :func:`detect` reads, in a fixed number of queries and two reads
of the lake whatever the number of clients:

* a loan **paid off** in the last 30 days (a credit contract closed), or **ending**
  within 90 days (its last instalment in the lake, well before the end of the schedules
  the lake holds);
* an overdraft **authorisation due** within 60 days;
* a **fiscal year filed** (FEC or tax forms recorded) in the last 30 days;
* a **company anniversary** (first year, then every five) within 30 days;
* a **new establishment** of a client that already had one, recorded in the last 30 days;
* a **payment incident cured**: a loan instalment paid five days late or more, in the
  last 30 days;
* a **product unused for six months**: a payment terminal without card receipts, a
  business card without card payments, held for more than six months.

:func:`record` writes the events not yet known — a (client, event, key) is written once,
so a rerun of the batch keeps the rows the managers already closed — and returns their
number. Each event carries what happened, the suggested action and the date to call by.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from probanker.banking.models import Contract
from probanker.core.formatting import date_fr
from probanker.core.pagecache import bump_data_version
from probanker.lake.datasets import INSTALMENTS, MOVEMENTS
from probanker.lake.reads import dataset_between
from probanker.parties.models import Establishment, Party
from probanker.sales.models import AfterSalesEvent, EventKind

RECENT = dt.timedelta(days=30)
LOAN_HORIZON = dt.timedelta(days=90)
LIMIT_HORIZON = dt.timedelta(days=60)
UNUSED = dt.timedelta(days=182)
LATE = dt.timedelta(days=5)  # paid this late or later: an incident, not a value-date lag
ANNIVERSARY_EVERY = 5
#: A service contract and the movements that show it is used.
USAGE = {"payment_terminal": "card_receipts", "business_card": "card_payment"}


@dataclass(frozen=True)
class Found:
    """An event detected, before it is written."""

    party_id: int
    kind: str
    key: str
    due_on: dt.date
    detail: str
    action: str


def _loans(as_of: dt.date, lake_dir: Path | None) -> list[Found]:
    """Loans paid off lately, and loans whose last instalment falls within 90 days."""
    found = [
        Found(party, EventKind.LOAN_PAID_OFF, f"contrat {pk}", as_of + dt.timedelta(days=15),
              f"{label} n° {number} soldé le {date_fr(closed)}.",
              "Féliciter le client et lui proposer de financer son prochain projet.")
        for pk, party, label, number, closed in Contract.objects.filter(
            product__kind="credit", closed_on__gt=as_of - RECENT, closed_on__lte=as_of
        ).values_list("pk", "party_id", "product__label", "number", "closed_on")
    ]  # fmt: skip
    table = dataset_between(INSTALMENTS, ["contract_id", "party_id", "due_date"], "due_date",
                            as_of, None, lake_dir=lake_dir)  # fmt: skip
    if table.num_rows:
        last = table.group_by(["contract_id", "party_id"]).aggregate([("due_date", "max")])
        open_loans = dict(
            Contract.objects.filter(
                pk__in=last["contract_id"].to_pylist(), closed_on__isnull=True
            ).values_list("pk", "product__label")
        )
        # The schedules the lake holds stop somewhere: a last instalment within a month
        # of that end says nothing of the loan's term, only of the extract's.
        known_until = pc.max(table["due_date"]).as_py() - RECENT
        for contract, party, end in zip(
            last["contract_id"].to_pylist(), last["party_id"].to_pylist(),
            last["due_date_max"].to_pylist(), strict=True,
        ):  # fmt: skip
            if contract in open_loans and end <= min(as_of + LOAN_HORIZON, known_until):
                found.append(Found(
                    party, EventKind.LOAN_ENDING, f"contrat {contract}",
                    max(as_of + dt.timedelta(days=7), end - RECENT),
                    f"{open_loans[contract]} : dernière échéance le {date_fr(end)}.",
                    "Faire le point sur le renouvellement du matériel ou un nouveau projet.",
                ))  # fmt: skip
    return found


def _limits(as_of: dt.date) -> list[Found]:
    """Authorisations expiring within 60 days (the decision needs a contact first)."""
    rows = Contract.objects.filter(
        closed_on__isnull=True, limit_expiry__gte=as_of, limit_expiry__lte=as_of + LIMIT_HORIZON
    ).values_list("party_id", "pk", "product__label", "limit_expiry")
    return [
        Found(party, EventKind.LIMIT_DUE, f"contrat {pk} au {expiry.isoformat()}",
              max(as_of, expiry - RECENT), f"{label} : échéance le {date_fr(expiry)}.",
              "Revoir le besoin de trésorerie avec le client avant de renouveler.")
        for party, pk, label, expiry in rows
    ]  # fmt: skip


def _fiscal_years(as_of: dt.date) -> list[Found]:
    """Accounts recorded in the last 30 days for a year closed in the last eighteen
    months, the client's latest: the figures for the annual review."""
    from django.db.models import Max

    from probanker.diagnosis.models import FiscalYear

    since = dt.datetime.combine(as_of - RECENT, dt.time.max, tzinfo=dt.UTC)
    rows = FiscalYear.objects.filter(
        created_at__gt=since, created_at__date__lte=as_of,
        end__gte=as_of - dt.timedelta(days=548), end__lte=as_of,
    ).values_list("pk", "party_id", "end")  # fmt: skip
    latest = dict(
        FiscalYear.objects.filter(party_id__in={r[1] for r in rows})
        .values("party_id")
        .annotate(last=Max("end"))
        .values_list("party_id", "last")
    )
    return [
        Found(party, EventKind.YEAR_FILED, f"exercice {pk}", as_of + dt.timedelta(days=21),
              f"Comptes de l'exercice clos le {date_fr(end)} reçus.",
              "Proposer un bilan annuel sur les comptes de l'exercice.")
        for pk, party, end in rows
        if latest.get(party) == end
    ]  # fmt: skip


def _anniversary(created: dt.date, year: int) -> dt.date:
    """The company's anniversary in ``year`` (a 29 February on the 28th)."""
    try:
        return created.replace(year=year)
    except ValueError:
        return created.replace(year=year, day=28)


def _anniversaries(as_of: dt.date) -> list[Found]:
    """Clients whose company turns 1, 5, 10, 15... within 30 days."""
    found = []
    rows = Party.objects.filter(kind="client", creation_date__isnull=False).values_list(
        "pk", "creation_date"
    )
    for pk, created in rows:
        for year in (as_of.year, as_of.year + 1):
            day, age = _anniversary(created, year), year - created.year
            if as_of <= day <= as_of + RECENT and (age == 1 or age % ANNIVERSARY_EVERY == 0):
                found.append(Found(
                    pk, EventKind.ANNIVERSARY, str(year), day,
                    f"L'entreprise a {age} an{'s' if age > 1 else ''} le {date_fr(day)}.",
                    "Un mot du chargé de clientèle, et un point sur les projets.",
                ))  # fmt: skip
    return found


def _establishments(as_of: dt.date) -> list[Found]:
    """Establishments recorded in the last 30 days for a client that had one before."""
    since = dt.datetime.combine(as_of - RECENT, dt.time.max, tzinfo=dt.UTC)
    created = list(
        Establishment.history.filter(
            history_type="+", history_date__gt=since, history_date__date__lte=as_of,
            party__kind="client",
        ).values_list("id", "party_id", "city")
    )  # fmt: skip
    settled = set(
        Establishment.history.filter(
            history_type="+", history_date__lte=since, party_id__in={c[1] for c in created}
        ).values_list("party_id", flat=True)
    )
    return [
        Found(party, EventKind.NEW_ESTABLISHMENT, f"établissement {pk}",
              as_of + dt.timedelta(days=15),
              f"Nouvel établissement{f' à {city}' if city else ''}.",
              "Équiper le nouvel établissement : compte, encaissement, assurance.")
        for pk, party, city in created
        if party in settled
    ]  # fmt: skip


def _incidents(as_of: dt.date, lake_dir: Path | None) -> list[Found]:
    """Loan instalments paid late in the last 30 days: the incident is cured."""
    table = dataset_between(
        INSTALMENTS, ["contract_id", "party_id", "due_date", "paid_date"], "due_date",
        as_of - dt.timedelta(days=400), as_of + dt.timedelta(days=1), lake_dir=lake_dir,
    )  # fmt: skip
    late = table.filter(
        pc.and_(
            pc.and_(pc.greater(table["paid_date"], as_of - RECENT),
                    pc.less_equal(table["paid_date"], as_of)),
            pc.greater_equal(
                pc.subtract(table["paid_date"].cast("timestamp[s]"),
                            table["due_date"].cast("timestamp[s]")),
                pa.scalar(LATE, pa.duration("s")),
            ),
        )
    )  # fmt: skip
    return [
        Found(party, EventKind.INCIDENT_CURED, f"contrat {contract} au {due.isoformat()}",
              as_of + dt.timedelta(days=10),
              f"Échéance du {date_fr(due)} réglée le {date_fr(paid)}, en retard.",
              "Faire le point sur la trésorerie pour éviter un nouvel incident.")
        for contract, party, due, paid in zip(
            late["contract_id"].to_pylist(), late["party_id"].to_pylist(),
            late["due_date"].to_pylist(), late["paid_date"].to_pylist(), strict=True,
        )
    ]  # fmt: skip


def _unused(as_of: dt.date, lake_dir: Path | None) -> list[Found]:
    """Service contracts held for six months without the movements that use them."""
    held = list(
        Contract.objects.filter(
            closed_on__isnull=True, product__code__in=USAGE, opened_on__lte=as_of - UNUSED
        ).values_list("pk", "party_id", "product__code", "product__label")
    )
    if not held:
        return []
    moves = dataset_between(MOVEMENTS, ["party_id", "family"], "booking_date",
                            as_of - UNUSED, as_of + dt.timedelta(days=1), lake_dir=lake_dir)  # fmt: skip
    used = set(zip(moves["party_id"].to_pylist(), moves["family"].to_pylist(), strict=True))
    return [
        Found(party, EventKind.PRODUCT_UNUSED, f"contrat {pk} en {as_of.year}",
              as_of + dt.timedelta(days=30), f"{label} : aucune opération depuis six mois.",
              "Comprendre pourquoi et adapter l'équipement (ou le résilier sans frais).")
        for pk, party, code, label in held
        if (party, USAGE[code]) not in used
    ]  # fmt: skip


def detect(as_of: dt.date, lake_dir: Path | None = None) -> list[Found]:
    """Every event of the business date, for every client."""
    return [
        *_loans(as_of, lake_dir), *_limits(as_of), *_fiscal_years(as_of),
        *_anniversaries(as_of), *_establishments(as_of), *_incidents(as_of, lake_dir),
        *_unused(as_of, lake_dir),
    ]  # fmt: skip


def record(as_of: dt.date, lake_dir: Path | None = None) -> int:
    """Write the events not known yet (rows already there are kept as they are)."""
    found = {(f.party_id, f.kind, f.key): f for f in detect(as_of, lake_dir)}
    if not found:
        return 0
    known = set(
        AfterSalesEvent.objects.filter(party_id__in={k[0] for k in found}).values_list(
            "party_id", "kind", "key"
        )
    )
    new = [
        AfterSalesEvent(party_id=f.party_id, kind=f.kind, key=f.key, detected_on=as_of,
                        due_on=f.due_on, detail=f.detail[:240], action=f.action[:240])
        for k, f in found.items() if k not in known
    ]  # fmt: skip
    AfterSalesEvent.objects.bulk_create(new, batch_size=1000)
    bump_data_version()  # bulk writes send no signal: cached pages are stale
    return len(new)
