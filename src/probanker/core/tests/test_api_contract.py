"""The API's contract: schemathesis fuzzes every endpoint of ``/api/v1/openapi.json``.

Every operation the schema lists is called with a manager's token, on a demo-like
portfolio (clients with products, fiscal years, credit files, alerts, a case), with
schema-valid (positive) and schema-invalid (negative) data, and every schemathesis
check applies: no server error, only documented statuses, bodies that match the
documented schemas, invalid data rejected, valid data not refused with a 400. Path
ids are drawn from the portfolio half of the time, so that the fuzzer reaches real
objects; the other half is any integer (another manager's object, none at all).

Schemathesis' WSGI mode calls the Django application in the test's own thread and
transaction: no server, and the writes (POST/PATCH) are rolled back at the end.
A new endpoint is fuzzed without anyone writing a test.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig

from probanker.api import api
from probanker.banking.tests.factories import ContractFactory
from probanker.complaints.tests.factories import complaint
from probanker.core import services
from probanker.core.tests.factories import naf
from probanker.credit.models import FileStatus, Level
from probanker.credit.tests.factories import (
    balanced_file,
)
from probanker.diagnosis.tests.factories import fiscal_year
from probanker.parties.tests.factories import PartyFactory, valid_siren, valid_siret
from probanker.risk.tests.factories import (
    AlertFactory,
    ClientRiskFactory,
    CorrectiveMeasureFactory,
    DegradationCaseFactory,
)

pytestmark = pytest.mark.django_db

#: Generated cases per operation and generation mode (positive, negative).
MAX_EXAMPLES = 25


def portfolio(manager: Any, other: Any) -> dict[str, list[int]]:
    """A demo-like portfolio of ``manager`` (and one client of ``other``, a 404):
    the ids each path parameter may take."""
    parties = [
        PartyFactory(manager=manager, name="Boulangerie Roux"),
        PartyFactory(manager=manager, name="Garage Martin", segment="artisan"),
        PartyFactory(manager=manager, name="Cabinet Durand", segment="profession_liberale"),
    ]
    outsider = PartyFactory(manager=other, name="Hors portefeuille")
    for party in parties:
        ContractFactory(party=party)
    fiscal_year(parties[0], manager, year=2023, receipts=80_000)
    fiscal_year(parties[0], manager, year=2024)
    files = []
    for n, party in enumerate(parties[:2]):
        file = balanced_file(party, manager)
        if n:  # the second one awaits a decision at the manager's level
            file.status, file.level = FileStatus.SUBMITTED, Level.MANAGER
            file.save()
        files.append(file)
    alerts = [AlertFactory(party=parties[1]), AlertFactory(party=parties[2])]
    ClientRiskFactory(party=parties[1])
    case = DegradationCaseFactory(party=parties[1])
    case.alerts.add(alerts[0])
    CorrectiveMeasureFactory(case=case)
    complaints = [complaint(parties[0], manager), complaint(outsider, other)]
    from probanker.banking.models import Product
    from probanker.sales.models import Opportunity

    opportunities = [
        Opportunity.objects.create(party=p, manager=p.manager, amount=2400,
                                   created_on=dt.date(2026, 6, 1),
                                   product=Product.objects.get(code="leasing"))
        for p in (parties[1], outsider)
    ]  # fmt: skip
    from probanker.certification.tests.factories import CandidateFactory, deliberation

    # The manager's own candidate file: in reach, but read through « mon-dossier » (403).
    own_file = deliberation(CandidateFactory(user=manager), ["RNCP38026BC01"])
    return {
        "candidate_id": [own_file.candidate_id],
        "jury_id": [own_file.jury_id],
        "party_id": [p.pk for p in parties] + [outsider.pk],
        "file_id": [f.pk for f in files],
        "alert_id": [a.pk for a in alerts],
        "case_id": [case.pk],
        "complaint_id": [c.pk for c in complaints],
        "client_id": [p.pk for p in parties] + [outsider.pk],
        "opportunity_id": [o.pk for o in opportunities],
    }


def contract_schema() -> Any:
    """The served OpenAPI schema, called through the Django application (WSGI)."""
    config = SchemathesisConfig.from_dict(
        {
            "seed": 20261202,
            "checks": {
                # Data the schema accepts may still break a business rule (a SIREN's
                # checksum, a plan out of balance): that is the documented 422.
                "positive_data_acceptance": {
                    "expected-statuses": ["2xx", "401", "403", "404", "409", "422"]
                },
            },
        }
    )
    schema = schemathesis.openapi.from_dict(
        api.get_openapi_schema(path_prefix="/api/v1/"), config=config
    )
    schema.app = WSGIHandler()
    return schema


@pytest.fixture
def same_connection() -> Iterator[None]:
    """The application keeps the test's connection between requests (as Django's test
    client does): closing it at the end of a request would end the test's transaction
    on PostgreSQL."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


def fuzz(
    operation: Any, mode: GenerationMode, ids: dict[str, list[int]], headers: Any
) -> list[int]:
    """Run ``MAX_EXAMPLES`` cases of ``operation`` through every check; their statuses.

    Half of the cases take their path ids from the portfolio (real objects).
    """
    names = [p.name for p in operation.path_parameters]
    strategies = [operation.as_strategy(generation_mode=mode)]
    if names:
        real = st.fixed_dictionaries({n: st.sampled_from(ids[n]) for n in names})
        strategies.append(
            real.flatmap(
                lambda chosen: operation.as_strategy(generation_mode=mode, path_parameters=chosen)
            )
        )
    statuses: list[int] = []

    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,  # the seed: the same cases on every run
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=st.one_of(strategies))
    def call(case: Any) -> None:
        statuses.append(case.call_and_validate(headers=headers).status_code)

    call()
    return statuses


@pytest.mark.usefixtures("same_connection")
def test_every_endpoint_keeps_its_documented_contract(manager1: Any, manager2: Any) -> None:
    """Fuzzing every operation with a manager's token finds no server error, no
    undocumented status, no body outside its schema, no invalid data accepted."""
    ids = portfolio(manager1, manager2)
    token = services.create_api_token(user=manager1, name="schemathesis").secret
    headers = {"Authorization": f"Bearer {token}"}
    operations = [result.ok() for result in contract_schema().get_all_operations()]
    failures: list[str] = []
    statuses: dict[str, list[int]] = {}
    started = time.monotonic()
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                statuses.setdefault(operation.label, []).extend(fuzz(operation, mode, ids, headers))
            except (Exception, BaseExceptionGroup) as exc:  # every failing operation is told
                failures.append(f"{operation.label} ({mode.value}): {exc}")
    print(
        f"\nschemathesis: {len(operations)} operations, "
        f"{sum(map(len, statuses.values()))} cases, {len(failures)} failures, "
        f"{time.monotonic() - started:.1f} s"
    )
    for label, seen in statuses.items():
        print(f"  {label}: " + ", ".join(f"{s}×{seen.count(s)}" for s in sorted(set(seen))))
    assert len(operations) >= 18
    assert not failures, "\n\n".join(failures)
    # The fuzzer reached real objects, the writes included.
    assert 200 in statuses["PATCH /api/v1/clients/{party_id}"]
    assert 200 in statuses["GET /api/v1/credits/{file_id}"]
    assert 200 in statuses["GET /api/v1/dossiers-degradation/{case_id}"]
    # Random data rarely passes the business rules: a valid creation and a decision,
    # through the same checks.
    by_label = {operation.label: operation for operation in operations}
    siren = valid_siren(4242)
    naf("86.90D", "Activités des infirmiers et des sages-femmes")
    created = by_label["POST /api/v1/clients"].Case(
        body={
            "name": "Cabinet infirmier Roux", "siren": siren,
            "head_office_siret": valid_siret(siren), "legal_form": "EI",
            "tax_regime": "bnc_controlee", "segment": "liberal", "naf_code": "86.90D",
        },
        media_type="application/json",
    )  # fmt: skip
    assert created.call_and_validate(headers=headers).status_code == 201
    decided = by_label["POST /api/v1/credits/{file_id}/decision"].Case(
        path_parameters={"file_id": ids["file_id"][1]},
        body={"outcome": "accord", "conditions": ""},
        media_type="application/json",
    )
    assert decided.call_and_validate(headers=headers).status_code == 201
    received = by_label["POST /api/v1/reclamations"].Case(
        body={
            "client": ids["party_id"][0], "received_on": "2026-06-01", "channel": "telephone",
            "subject": "Carte refusée", "description": "Paiement refusé chez un fournisseur.",
            "payment_service": True,
        },
        media_type="application/json",
    )  # fmt: skip
    assert received.call_and_validate(headers=headers).status_code == 201
    assert 200 in statuses["GET /api/v1/reclamations/{complaint_id}"]
