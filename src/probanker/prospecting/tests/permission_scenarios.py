"""Prospecting's routes and their scenarios for ``core/tests/test_permissions.py``:
the register's search and prospects, prescribers, clients' referrals, manifestations.

Prescribers and manifestations belong to the world owner's branch; the prospects
referred or met are the owner's, of unknown origin until the scenario gives one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from probanker.core.tests.permission_world import Request, Scenario, World, get

ROUTES: dict[str, frozenset[str | None]] = {
    "prospecting:search": frozenset({"prospecting.view"}),
    "prospecting:prospect_create": frozenset({"prospect.create"}),
    "prospecting:prescribers": frozenset({"prescriber.view", "prescriber.change"}),
    "prospecting:prescriber": frozenset({"prescriber.view"}),
    "prospecting:prescriber_contact": frozenset({"prescriber.change"}),
    "prospecting:prescriber_referral": frozenset({"referral.create"}),
    "prospecting:referrals": frozenset({"prospecting.view", "referral.create"}),
    "prospecting:events": frozenset({"prospecting.view", "event.change"}),
    "prospecting:event": frozenset({"prospecting.view"}),
    "prospecting:event_contact": frozenset({"prospect.create"}),
    "prospecting:campaigns": frozenset({"campaign.view", "campaign.change"}),
    "prospecting:campaign": frozenset({"campaign.view"}),
    "prospecting:target_outcome": frozenset({"campaign.change"}),
    "prospecting:visit_days": frozenset({"visit.view", "visit.change"}),
    "prospecting:visit_day": frozenset({"visit.view", "visit.change"}),
    "prospecting:visit_day_optimise": frozenset({"visit.change"}),
    "prospecting:visit_day_book": frozenset({"visit.change"}),
    "prospecting:visit_stop": frozenset({"visit.change"}),
    "prospecting:visit_day_ics": frozenset({"visit.view"}),
    "GET /api/v1/prospection/prospects": frozenset({"prospecting.view"}),
    "POST /api/v1/prospection/prospects": frozenset({"prospect.create"}),
}


def _prospect(w: World, api: bool = False) -> Request:
    """A register holding one establishment, and its SIRET sent to become a prospect."""
    from django.conf import settings

    from probanker.parties.models import Party
    from probanker.prospecting.tests.factories import build_register, known_unit, naf_codes

    naf_codes()
    unit = known_unit(1)
    build_register(settings.LAKE_DIR, known=[unit], establishments=20)
    url = "/api/v1/prospection/prospects" if api else "/prospection/prospects/"
    return Request(url, {"siret": unit.siret, **w.manager_field()},
                   lambda: Party.objects.filter(siren=unit.siren, kind="prospect").exists())  # fmt: skip


def _prescriber(w: World) -> Any:
    from probanker.prospecting.models import Prescriber

    return Prescriber.objects.get_or_create(
        branch=w.owner.branch, name="Cabinet Lenoir", defaults={"kind": "expert_comptable"}
    )[0]


def _prescriber_create(w: World) -> Request:
    from probanker.prospecting.models import Prescriber

    return Request("/prospection/prescripteurs/", {"name": "Étude Moreau", "kind": "notaire"},
                   lambda: Prescriber.objects.filter(name="Étude Moreau").exists())  # fmt: skip


def _prescriber_contact(w: World) -> Request:
    prescriber = _prescriber(w)
    return Request(f"/prospection/prescripteurs/{prescriber.pk}/contacts/",
                   {"name": "Claire Lenoir", "position": "Associée"},
                   lambda: prescriber.contacts.filter(name="Claire Lenoir").exists())  # fmt: skip


def _unsourced_prospect(w: World) -> Any:
    from probanker.parties.tests.factories import PartyFactory

    return PartyFactory(manager=w.owner, kind="prospect", city="Tours")


def _prescriber_referral(w: World) -> Request:
    from probanker.prospecting.models import ProspectSource

    prescriber, prospect = _prescriber(w), _unsourced_prospect(w)
    return Request(f"/prospection/prescripteurs/{prescriber.pk}/recommandations/",
                   {"prospect": prospect.pk},
                   lambda: ProspectSource.objects.filter(party=prospect, prescriber=prescriber).exists())  # fmt: skip


def _client_referral(w: World) -> Request:
    from probanker.prospecting.models import ProspectSource

    prospect = _unsourced_prospect(w)
    return Request("/prospection/parrainages/", {"prospect": prospect.pk, "referrer": w.party.pk},
                   lambda: ProspectSource.objects.filter(party=prospect, referrer=w.party).exists())  # fmt: skip


def _event(w: World) -> Any:
    from probanker.prospecting.models import Event

    return Event.objects.get_or_create(
        branch=w.owner.branch,
        name="Salon de l'artisanat",
        defaults={"kind": "salon", "held_on": dt.date(2026, 3, 14)},
    )[0]


def _event_create(w: World) -> Request:
    from probanker.prospecting.models import Event

    data = {"name": "Rencontre CMA", "kind": "rencontre", "held_on": "2026-05-12"}
    return Request("/prospection/manifestations/", data,
                   lambda: Event.objects.filter(name="Rencontre CMA").exists())  # fmt: skip


def _event_contact(w: World) -> Request:
    from probanker.prospecting.models import ProspectSource

    event, prospect = _event(w), _unsourced_prospect(w)
    return Request(f"/prospection/manifestations/{event.pk}/contacts/",
                   {"prospect": prospect.pk, "note": "Gérant rencontré au stand"},
                   lambda: ProspectSource.objects.filter(party=prospect, event=event).exists())  # fmt: skip


def _campaign(w: World) -> Any:
    """A campaign of the world's owner with one target not yet contacted."""
    from probanker.prospecting.models import Campaign, CampaignTarget

    campaign, made = Campaign.objects.get_or_create(
        branch=w.owner.branch, owner=w.owner, name="Boulangeries de Tours",
        defaults={"channel": "telephone", "started_on": dt.date(2026, 6, 1)},
    )  # fmt: skip
    if made:
        CampaignTarget.objects.create(
            campaign=campaign, siret="90000000100017", siren="900000001", name="FOURNIL DU LAC"
        )
    return campaign


def _campaign_create(w: World) -> Request:
    from django.conf import settings

    from probanker.prospecting.models import Campaign
    from probanker.prospecting.tests.factories import build_register, naf_codes

    naf_codes()
    build_register(settings.LAKE_DIR, establishments=20)
    # A director gives the campaign to a manager; a manager's form has no such field.
    data = {"name": "Créateurs 2026", "channel": "courrier", "departement": "37",
            "owner": w.owner.pk}  # fmt: skip
    return Request("/prospection/campagnes/", data,
                   lambda: Campaign.objects.filter(name="Créateurs 2026").exists())  # fmt: skip


def _target_outcome(w: World) -> Request:
    campaign = _campaign(w)
    target = campaign.targets.get()
    return Request(f"/prospection/campagnes/{campaign.pk}/cibles/{target.pk}/",
                   {"outcome": "refus", "note": "Déjà équipé"},
                   lambda: campaign.targets.filter(outcome="refus").exists())  # fmt: skip


def _next_week() -> dt.date:
    from django.utils import timezone

    return timezone.localdate() + dt.timedelta(days=7)


def _placed_branch(w: World) -> Any:
    """The owner's branch, with the position its territory keeps."""
    from decimal import Decimal

    from probanker.prospecting.models import Territory

    Territory.objects.get_or_create(
        branch=w.owner.branch,
        defaults={
            "communes": "37261",
            "latitude": Decimal("47.3941"),
            "longitude": Decimal("0.6890"),
        },
    )
    return w.owner.branch


def _visit_day(w: World, stops: int = 2) -> Any:
    """A day of visits of the world's owner next week, from a placed branch, with
    ``stops`` visits to the owner's clients (placed by hand: no register needed)."""
    from decimal import Decimal

    from probanker.parties.tests.factories import PartyFactory
    from probanker.prospecting.models import VisitDay, VisitStop

    branch = _placed_branch(w)
    visit_day, made = VisitDay.objects.get_or_create(
        owner=w.owner, day=_next_week(), defaults={"branch": branch}
    )
    if made:
        for n in range(stops):
            VisitStop.objects.create(
                visit_day=visit_day, party=PartyFactory(manager=w.owner, city="Tours"),
                subject="Revue annuelle", typed_rank=n + 1, rank=n + 1,
                latitude=Decimal("47.40") + n * Decimal("0.02"),
                longitude=Decimal("0.60") + n * Decimal("0.15"), address="Tours",
            )  # fmt: skip
    return visit_day


def _visit_day_create(w: World) -> Request:
    from probanker.prospecting.models import VisitDay

    _placed_branch(w)
    day = _next_week() + dt.timedelta(days=1)
    data = {"day": day.isoformat(), "leaves_at": "08:30", "back_by": "18:00",
            "owner": w.owner.pk}  # fmt: skip
    return Request("/prospection/tournees/", data,
                   lambda: VisitDay.objects.filter(owner=w.owner, day=day).exists())  # fmt: skip


def _visit_stop_add(w: World) -> Request:
    from django.conf import settings

    from probanker.parties.tests.factories import EstablishmentFactory, PartyFactory
    from probanker.prospecting.tests.factories import build_register, known_unit, naf_codes

    naf_codes()
    unit = known_unit(3, "FLEURS D'AMBOISE", commune=11)
    build_register(settings.LAKE_DIR, known=[unit], establishments=20)
    party = PartyFactory(manager=w.owner, siren=unit.siren, name=unit.name)
    EstablishmentFactory(party=party, siret=unit.siret)
    visit_day = _visit_day(w)
    return Request(f"/prospection/tournees/{visit_day.pk}/",
                   {"party": party.pk, "subject": "Découverte", "minutes": "60"},
                   lambda: visit_day.stops.filter(party=party).exists())  # fmt: skip


def _visit_day_optimise(w: World) -> Request:
    visit_day = _visit_day(w)
    return Request(f"/prospection/tournees/{visit_day.pk}/optimiser/", {},
                   lambda: type(visit_day).objects.filter(pk=visit_day.pk,
                                                          order="optimisee").exists())  # fmt: skip


def _visit_day_book(w: World) -> Request:
    visit_day = _visit_day(w)
    return Request(f"/prospection/tournees/{visit_day.pk}/agenda/", {},
                   lambda: not visit_day.stops.filter(appointment=None).exists())  # fmt: skip


def _visit_stop_remove(w: World) -> Request:
    visit_day = _visit_day(w)
    stop = visit_day.stops.first()
    return Request(f"/prospection/tournees/{visit_day.pk}/visites/{stop.pk}/",
                   {"action": "retirer"},
                   lambda: not visit_day.stops.filter(pk=stop.pk).exists())  # fmt: skip


def scenarios(s: Callable[..., Scenario]) -> list[Scenario]:
    """The scenarios, made with ``core.tests.permission_scenarios._s``."""
    return [
        s("prospecting:search", "prospecting.view", "get",
           get(lambda w: "/prospection/?departement=37")),
        s("prospecting:prospect_create", "prospect.create", "post", _prospect),
        s("prospecting:prescribers", "prescriber.view", "get", get(lambda w: "/prospection/prescripteurs/")),
        s("prospecting:prescribers", "prescriber.change", "post", _prescriber_create),
        s("prospecting:prescriber", "prescriber.view", "get",
           get(lambda w: f"/prospection/prescripteurs/{_prescriber(w).pk}/")),
        s("prospecting:prescriber_contact", "prescriber.change", "post", _prescriber_contact),
        s("prospecting:prescriber_referral", "referral.create", "post", _prescriber_referral),
        s("prospecting:referrals", "prospecting.view", "get", get(lambda w: "/prospection/parrainages/")),
        s("prospecting:referrals", "referral.create", "post", _client_referral),
        s("prospecting:events", "prospecting.view", "get", get(lambda w: "/prospection/manifestations/")),
        s("prospecting:events", "event.change", "post", _event_create),
        s("prospecting:event", "prospecting.view", "get",
           get(lambda w: f"/prospection/manifestations/{_event(w).pk}/")),
        s("prospecting:event_contact", "prospect.create", "post", _event_contact),
        s("prospecting:campaigns", "campaign.view", "get", get(lambda w: "/prospection/campagnes/")),
        s("prospecting:campaigns", "campaign.change", "post", _campaign_create),
        s("prospecting:campaign", "campaign.view", "get",
           get(lambda w: f"/prospection/campagnes/{_campaign(w).pk}/")),
        s("prospecting:target_outcome", "campaign.change", "post", _target_outcome),
        s("prospecting:visit_days", "visit.view", "get", get(lambda w: "/prospection/tournees/")),
        s("prospecting:visit_days", "visit.change", "post", _visit_day_create),
        s("prospecting:visit_day", "visit.view", "get",
           get(lambda w: f"/prospection/tournees/{_visit_day(w).pk}/")),
        s("prospecting:visit_day", "visit.change", "post", _visit_stop_add),
        s("prospecting:visit_day_optimise", "visit.change", "post", _visit_day_optimise),
        s("prospecting:visit_day_book", "visit.change", "post", _visit_day_book),
        s("prospecting:visit_stop", "visit.change", "post", _visit_stop_remove),
        s("prospecting:visit_day_ics", "visit.view", "get",
           get(lambda w: f"/prospection/tournees/{_visit_day(w).pk}.ics")),
        s("GET /api/v1/prospection/prospects", "prospecting.view", "get",
           get(lambda w: "/api/v1/prospection/prospects")),
        s("POST /api/v1/prospection/prospects", "prospect.create", "post",
           lambda w: _prospect(w, api=True)),
    ]  # fmt: skip
