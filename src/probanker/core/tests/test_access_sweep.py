"""Access sweep generated from the URL conf and the API routes.

Every route is found by walking the resolver, so a new route is covered
without a new test: a route taking an object id must answer 404 to manager1
for manager2's object, anonymous users are sent to the login page (UI) or get
401 (API). A route whose parameter this sweep does not know fails the test:
add the parameter to ``OBJECTS`` below.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from probanker.agenda.tests.factories import AppointmentFactory, ContactFactory
from probanker.banking.models import Product
from probanker.banking.tests.factories import ContractFactory
from probanker.certification.models import Questionnaire
from probanker.complaints.tests.factories import attachment, complaint
from probanker.core import services
from probanker.core.tests.factories import BranchFactory
from probanker.credit.services import create_file
from probanker.diagnosis.tests.factories import fiscal_year
from probanker.parties.tests.factories import PartyFactory, PartyLinkFactory, PartyRoleFactory
from probanker.prospecting.models import (
    Campaign,
    CampaignTarget,
    Event,
    Prescriber,
    VisitDay,
    VisitStop,
)
from probanker.risk.cases import open_case
from probanker.risk.tests.factories import AlertFactory
from probanker.sales.models import (
    AfterSalesEvent,
    Interview,
    InterviewGuide,
    NegotiatedCondition,
    Opportunity,
    SpecialistReferral,
)

PUBLIC_UI = {"login"}  # reachable without a session
API_PREFIX = "api/v1/"
API_BEHIND_LOGIN = {"openapi-view", "openapi-json", "api-root"}  # docs pages: login redirect
IGNORED_PREFIXES = ("static/",)
PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Route:
    template: str  # e.g. "clients/<int:party_id>/"
    name: str
    params: tuple[str, ...]

    @property
    def is_api(self) -> bool:
        return self.template.startswith(API_PREFIX)

    def url(self, values: dict[str, Any]) -> str:
        return "/" + PARAM.sub(lambda m: str(values[m.group("name")]), self.template)


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[Route]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            route = route.lstrip("^").rstrip("$")
            params = tuple(m.group("name") for m in PARAM.finditer(route))
            yield Route(route, pattern.name or "", params)


def all_routes() -> list[Route]:
    return [
        r for r in _walk(get_resolver().url_patterns) if not r.template.startswith(IGNORED_PREFIXES)
    ]


def _letter(party: Any) -> Any:
    from probanker.credit.models import GuarantorLetter
    from probanker.parties.tests.factories import PartyRoleFactory

    role = PartyRoleFactory(party=party, role="guarantor")
    return GuarantorLetter.objects.create(
        kind="2302", party=party, guarantor=role.person, reference_date=dt.date(2025, 12, 31),
        due_on=dt.date(2026, 3, 31), principal=1000,
    )  # fmt: skip


def _certification(manager: Any) -> Any:
    """The manager's candidate file, with BC01 validated by a jury."""
    from probanker.certification.tests.factories import CandidateFactory, deliberation

    candidate = CandidateFactory(user=manager, branch=manager.branch)
    return deliberation(candidate, ["RNCP38026BC01"])


def _certification_ids(deliberation: Any) -> dict[str, int]:
    return {
        "candidate_id": deliberation.candidate_id,
        "jury_id": deliberation.jury_id,
        "deliberation_id": deliberation.pk,
    }


def _target(manager: Any, party: Any) -> tuple[Any, Any]:
    """A frozen target list of ``manager`` with ``party``, and an action on it."""
    from probanker.portfolio.models import CommercialAction, TargetList

    today = dt.date(2026, 6, 30)
    target = TargetList.objects.create(name="Cible", owner=manager, branch=manager.branch,
                                       mode="frozen", title="Clients", created_on=today)  # fmt: skip
    target.parties.add(party)
    action = CommercialAction.objects.create(target_list=target, kind="calls", owner=manager,
                                             started_on=today, due_on=today)  # fmt: skip
    return target, action


@pytest.fixture
def world(manager1: Any, manager2: Any) -> dict[str, Any]:
    """Two portfolios with one object of each kind, and API tokens."""
    own_party = PartyFactory(manager=manager1)
    other_party = PartyFactory(manager=manager2)
    own_line = ContractFactory(party=own_party, authorised_limit=5000)
    other_line = ContractFactory(party=other_party, authorised_limit=5000)
    own_year = fiscal_year(own_party, manager1)
    other_year = fiscal_year(other_party, manager2)
    today = dt.date(2026, 6, 30)
    own_case = open_case(actor=manager1, party=own_party, alerts=[], today=today)
    other_case = open_case(actor=manager2, party=other_party, alerts=[], today=today)
    own_file = create_file(
        actor=manager1, party=own_party, purpose="equipement", description="", today=today
    )
    other_file = create_file(
        actor=manager2, party=other_party, purpose="equipement", description="", today=today
    )
    own_letter = _letter(own_party)
    other_letter = _letter(other_party)
    own_alert = AlertFactory(party=own_party)
    other_alert = AlertFactory(party=other_party)
    own_appointment = AppointmentFactory(party=own_party, manager=manager1)
    other_appointment = AppointmentFactory(party=other_party, manager=manager2)
    own_contact = ContactFactory(party=own_party, author=manager1)
    other_contact = ContactFactory(party=other_party, author=manager2)
    own_role = PartyRoleFactory(party=own_party, role="partner")
    other_role = PartyRoleFactory(party=other_party, role="partner")
    own_link = PartyLinkFactory(party=own_party, other=PartyFactory(manager=manager1))
    other_link = PartyLinkFactory(party=other_party, other=PartyFactory(manager=manager2))
    own_complaint = complaint(own_party, manager1)
    other_complaint = complaint(other_party, manager2)
    own_attachment = attachment(own_complaint, manager1)
    other_attachment = attachment(other_complaint, manager2)
    own_deliberation = _certification(manager1)
    other_deliberation = _certification(manager2)
    own_target, own_action = _target(manager1, own_party)
    other_target, other_action = _target(manager2, other_party)
    # Questionnaires are reference data: one in service, and one out of service that no
    # candidate may take any more.
    questionnaire = Questionnaire.objects.filter(active=True).first()
    retired = Questionnaire.objects.create(block=questionnaire.block, code="retired",
                                           theme="Ancienne version", title="v1", active=False)  # fmt: skip
    own_prescriber = Prescriber.objects.create(branch=manager1.branch, name="Cabinet A", kind="cci")
    other_branch = BranchFactory(code="B9", name="Agence Neuf")
    other_prescriber = Prescriber.objects.create(branch=other_branch, name="Cabinet B", kind="cma")
    own_event = Event.objects.create(branch=manager1.branch, name="Salon A", kind="salon",
                                     held_on=dt.date(2026, 3, 1))  # fmt: skip
    other_event = Event.objects.create(branch=other_branch, name="Salon B", kind="salon",
                                       held_on=dt.date(2026, 3, 1))  # fmt: skip
    own_campaign, other_campaign = (
        Campaign.objects.create(branch=m.branch, owner=m, name=f"Campagne {m.username}",
                                channel="telephone", started_on=today)
        for m in (manager1, manager2)
    )  # fmt: skip
    own_target, other_target = (
        CampaignTarget.objects.create(campaign=c, siret=f"9000000010001{n}", siren="900000001",
                                      name="FOURNIL")
        for n, c in enumerate((own_campaign, other_campaign))
    )  # fmt: skip
    own_visit_day, other_visit_day = (
        VisitDay.objects.create(branch=m.branch, owner=m, day=today + dt.timedelta(days=7))
        for m in (manager1, manager2)
    )  # fmt: skip
    own_stop, other_stop = (
        VisitStop.objects.create(visit_day=d, party=p, subject="Visite", typed_rank=1, rank=1,
                                 latitude=47.39, longitude=0.69)
        for d, p in ((own_visit_day, own_party), (other_visit_day, other_party))
    )  # fmt: skip
    own_opportunity, other_opportunity = (
        Opportunity.objects.create(party=p, manager=m, amount=1200, created_on=today,
                                   product=Product.objects.get(code="multirisk_insurance"))
        for p, m in ((own_party, manager1), (other_party, manager2))
    )  # fmt: skip
    own_interview, other_interview = (
        Interview.objects.create(party=p, manager=m, held_on=today, summary="Découverte",
                                 guide=InterviewGuide.objects.get(situation="decouverte",
                                                                  segment="tpe", current=True))
        for p, m in ((own_party, manager1), (other_party, manager2))
    )  # fmt: skip
    own_referral, other_referral = (
        SpecialistReferral.objects.create(party=i.party, interview=i, specialty="assurance",
                                          question="?", requested_by=i.manager,
                                          requested_on=today)
        for i in (own_interview, other_interview)
    )  # fmt: skip
    own_aftersale, other_aftersale = (
        AfterSalesEvent.objects.create(party=p, kind="anniversaire", key="2026",
                                       detected_on=today, due_on=today, detail="10 ans",
                                       action="Un mot")
        for p in (own_party, other_party)
    )  # fmt: skip
    own_condition, other_condition = (
        NegotiatedCondition.objects.create(
            party=line.party, contract=line, kind="frais", label="Frais", annual_cost=100,
            start=today, end=today + dt.timedelta(days=90), reason="Flux", level="director",
            status="a_decider", requested_by=line.party.manager, requested_on=today)
        for line in (own_line, other_line)
    )  # fmt: skip
    # Guides are reference data: the one in force, and an old version no page shows.
    guide = own_interview.guide
    retired_guide = InterviewGuide.objects.create(
        situation=guide.situation,
        segment=guide.segment,
        title="v0",
        version=99,
        current=False,
        sections=guide.sections,
        created_on=today,
    )
    own_token = services.create_api_token(user=manager1, name="mine")
    other_token = services.create_api_token(user=manager2, name="theirs")
    return {
        "own": {
            "party_id": own_party.pk,
            "token_id": own_token.token.pk,
            "year_id": own_year.pk,
            "source": "2033",
            "case_id": own_case.pk,
            "file_id": own_file.pk,
            "contract_id": own_line.pk,
            "letter_id": own_letter.pk,
            "alert_id": own_alert.pk,
            "appointment_id": own_appointment.pk,
            "contact_id": own_contact.pk,
            "role_id": own_role.pk,
            "link_id": own_link.pk,
            "complaint_id": own_complaint.pk,
            "attachment_id": own_attachment.pk,
            "list_id": own_target.pk,
            "action_id": own_action.pk,
            "action": "contact",
            **_certification_ids(own_deliberation),
            "prescriber_id": own_prescriber.pk,
            "event_id": own_event.pk,
            "campaign_id": own_campaign.pk,
            "target_id": own_target.pk,
            "visit_day_id": own_visit_day.pk,
            "stop_id": own_stop.pk,
            "questionnaire_id": questionnaire.pk,
            "client_id": own_party.pk,
            "opportunity_id": own_opportunity.pk,
            "interview_id": own_interview.pk,
            "referral_id": own_referral.pk,
            "guide_id": guide.pk,
            "aftersale_id": own_aftersale.pk,
            "condition_id": own_condition.pk,
        },
        "other": {
            "party_id": other_party.pk,
            "token_id": other_token.token.pk,
            "year_id": other_year.pk,
            "source": "2033",
            "case_id": other_case.pk,
            "file_id": other_file.pk,
            "contract_id": other_line.pk,
            "letter_id": other_letter.pk,
            "alert_id": other_alert.pk,
            "appointment_id": other_appointment.pk,
            "contact_id": other_contact.pk,
            "role_id": other_role.pk,
            "link_id": other_link.pk,
            "complaint_id": other_complaint.pk,
            "attachment_id": other_attachment.pk,
            "list_id": other_target.pk,
            "action_id": other_action.pk,
            "action": "contact",
            **_certification_ids(other_deliberation),
            "prescriber_id": other_prescriber.pk,
            "event_id": other_event.pk,
            "campaign_id": other_campaign.pk,
            "target_id": other_target.pk,
            "visit_day_id": other_visit_day.pk,
            "stop_id": other_stop.pk,
            "questionnaire_id": retired.pk,
            "client_id": other_party.pk,
            "opportunity_id": other_opportunity.pk,
            "interview_id": other_interview.pk,
            "referral_id": other_referral.pk,
            "guide_id": retired_guide.pk,
            "aftersale_id": other_aftersale.pk,
            "condition_id": other_condition.pk,
        },
        "secret": own_token.secret,
    }


def test_every_route_parameter_is_known(world: dict[str, Any]) -> None:
    """A new object route must declare which object the sweep should use."""
    unknown = {p for r in all_routes() for p in r.params} - set(world["other"])
    assert not unknown, f"add these parameters to the access sweep's world: {unknown}"


def test_sweep_finds_the_object_routes(world: dict[str, Any]) -> None:
    """Sanity: the walk sees UI and API routes that take ids."""
    templates = {r.template for r in all_routes() if r.params}
    assert "clients/<int:party_id>/" in templates
    assert any(t.startswith(API_PREFIX) for t in templates)


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_users_are_sent_to_login_or_get_401(
    world: dict[str, Any], client: Client, method: str
) -> None:
    """No route answers an anonymous visitor with data."""
    for route in all_routes():
        url = route.url(world["other"])
        response = getattr(client, method)(url)
        if route.is_api and route.name not in API_BEHIND_LOGIN:
            assert response.status_code in {401, 405}, (url, response.status_code)
            if method == "get":
                assert response.status_code == 401 or route.params, url
        elif route.name in PUBLIC_UI:
            assert response.status_code in {200, 302, 403}, url
        else:
            assert response.status_code == 302, (url, response.status_code)
            assert response["Location"].startswith("/connexion/"), url


def _call(client: Client, route: Route, method: str, url: str, token: str | None) -> int:
    kwargs: dict[str, Any] = {}
    if route.is_api:
        kwargs["headers"] = {"Authorization": f"Bearer {token}"}
        if method in {"post", "patch", "put"}:
            kwargs.update(data="{}", content_type="application/json")
    return int(getattr(client, method)(url, **kwargs).status_code)


@pytest.mark.parametrize("method", ["get", "post", "patch"])
def test_manager_gets_404_for_another_portfolio(
    world: dict[str, Any], client: Client, manager1: Any, method: str
) -> None:
    """manager1 cannot read or act on manager2's objects, by any method."""
    client.force_login(manager1)
    checked = 0
    for route in (r for r in all_routes() if r.params):
        url = route.url(world["other"])
        status = _call(client, route, method, url, world["secret"])
        # 405: the route does not take this method at all (nothing is revealed).
        assert status in {404, 405}, (method, url, status)
        checked += status == 404
    assert checked, f"no route answered {method} with 404: the sweep tests nothing"


def test_manager_reaches_own_objects(world: dict[str, Any], client: Client, manager1: Any) -> None:
    """Positive control: the same routes work on manager1's own objects."""
    client.force_login(manager1)
    reached = 0
    for route in (r for r in all_routes() if r.params):
        url = route.url(world["own"])
        status = _call(client, route, "get", url, world["secret"])
        # 403: a director-only action on a visible object; 405: POST-only.
        assert status in {200, 403, 405}, (url, status)
        reached += status == 200
    assert reached >= 3
