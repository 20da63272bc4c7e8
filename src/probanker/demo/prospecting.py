"""The demo's SIRENE register: a generated Tours-area extract in INSEE's layout.

A few thousand establishments around Tours — a third of the demo's businesses
among them, with their own SIREN and SIRET, so the search says « déjà client »
—, some closed, some partially diffusible, a share created in the last 30
days (« nouveaux installés »). The files are written to ``var/demo/sirene/``
and imported through the same importer as INSEE's files; the branch gets its
territory (the communes around Tours, its sectors) and each manager a few
prospects found in the register.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings

from probanker.core.models import NafCode, Role, User
from probanker.parties.models import Party
from probanker.prospecting.models import Territory
from probanker.prospecting.register.importer import import_register
from probanker.prospecting.register.sample import (
    NAF_LABELS,
    TOURS_AREA,
    KnownUnit,
    SampleSpec,
    write_sample,
)
from probanker.prospecting.register.search import Criteria, search
from probanker.prospecting.services import create_prospect

EXTRACT_SIZE = 3000
CATEGORY = {"EI": "1000", "EURL": "5498", "SARL": "5499", "SASU": "5720", "SAS": "5710",
            "SA": "5599", "SNC": "5202", "SELARL": "5485", "SELAS": "5785", "SCP": "6585",
            "SCM": "6589", "SCI": "6540"}  # fmt: skip
SECTORS = "10.71, 43.2, 45.20, 47, 56, 62.01, 69.20, 71.11, 86.2, 96.02"
PROSPECTS_PER_MANAGER = 3


def _known(parties: list[Party]) -> list[KnownUnit]:
    by_postcode = {c.postal_code: c for c in TOURS_AREA}
    units = []
    for party in parties:
        head = next((e for e in party.establishments.all() if e.is_head_office), None)
        if head is None or not party.siren or party.legal_form not in CATEGORY:
            continue
        units.append(
            KnownUnit(
                siren=party.siren,
                siret=head.siret,
                name=party.name.upper(),
                naf=party.naf_id,
                legal_category=CATEGORY[party.legal_form],
                commune=by_postcode.get(party.postal_code, TOURS_AREA[0]),
                created_on=party.creation_date or party.created_at.date(),
            )
        )
    return units


def build_prospecting(builder: Any) -> None:
    """Write and import the extract, set the territory, give each manager prospects."""
    for code, label in NAF_LABELS.items():
        NafCode.objects.get_or_create(code=code, defaults={"label": label, "division_id": code[:2]})
    parties = list(
        Party.objects.filter(siren__isnull=False).prefetch_related("establishments").order_by("pk")
    )
    known = _known(parties[::3])
    folder = Path(settings.VAR_DIR) / "demo" / "sirene"
    spec = SampleSpec(establishments=EXTRACT_SIZE, as_of=builder.as_of, seed=builder.config.seed,
                      known=known)  # fmt: skip
    units, etabs = write_sample(spec, folder)
    lake_dir = Path(builder.config.lake_dir)
    import_register(unites=units, etablissements=etabs, lake_dir=lake_dir)
    branch = parties[0].branch if parties else None
    if branch is None:
        return
    Territory.objects.update_or_create(
        branch=branch,
        defaults={
            "communes": ", ".join(c.code for c in TOURS_AREA),
            "naf_prefixes": SECTORS,
            "latitude": "47.390300",
            "longitude": "0.688800",
        },
    )
    managers = list(User.objects.filter(role=Role.MANAGER, branch=branch).order_by("username"))
    found = search(
        Criteria.build(communes=[c.code for c in TOURS_AREA], naf=["56", "96.02", "10.71"],
                       limit=60),
        lake_dir,
    )  # fmt: skip
    held = set(Party.objects.values_list("siren", flat=True))
    rows = [
        r for r in found.rows if r["siren"] not in held and r["legal_category"] in CATEGORY.values()
    ]
    picked: list[dict[str, Any]] = []
    for row in rows:  # one establishment per SIREN
        if all(p["siren"] != row["siren"] for p in picked):
            picked.append(row)
    today = builder.as_of
    for index, row in enumerate(picked[: PROSPECTS_PER_MANAGER * len(managers)]):
        manager = managers[index % len(managers)]
        create_prospect(actor=manager, siret=row["siret"], today=today, lake_dir=lake_dir)
    used = PROSPECTS_PER_MANAGER * len(managers)
    _referrals(branch, managers, picked[used : used + 8], today, lake_dir)
    _events(branch, managers, picked[used + 8 : used + 13], today, lake_dir)
    _campaign(managers[0] if managers else None, today, lake_dir)


#: The outcomes of the calls made, in turn, over the campaign's first three weeks — about
#: half not reached, one meeting and one opportunity in twenty calls, as cold calling of
#: craftsmen goes; the rest of the targets is still to be called.
CALLS = ("non_joint", "refus", "non_joint", "non_joint", "refus", "non_joint", "refus",
         "rendez_vous", "non_joint", "refus", "non_joint", "refus", "non_joint", "refus",
         "non_joint", "refus", "opportunite", "non_joint", "refus", "non_joint")  # fmt: skip
CALL_NOTES = {"refus": "Satisfait de sa banque actuelle", "non_joint": "Messagerie, rappeler",
              "rendez_vous": "Rendez-vous pris à l'agence",
              "opportunite": "Projet d'équipement à financer"}  # fmt: skip


def _campaign(manager: User | None, today: Any, lake_dir: Path) -> None:
    """A phoning campaign under way: the building trades of the Tours area, launched three
    weeks ago with the discovery script, two thirds of its targets called."""
    import datetime as dt

    from probanker.core.services import DomainError
    from probanker.prospecting.campaigns import launch_campaign, record_outcome
    from probanker.sales.models import InterviewGuide

    if manager is None:
        return
    started = today - dt.timedelta(days=21)
    script = InterviewGuide.objects.filter(current=True, situation="decouverte",
                                           segment="artisan").first()  # fmt: skip
    campaign = launch_campaign(
        actor=manager, name="Artisans du bâtiment de l'agglomération", channel="telephone",
        criteria=Criteria.build(communes=[c.code for c in TOURS_AREA], naf=["43"]),
        query={"commune": ", ".join(c.code for c in TOURS_AREA), "naf": "43"},
        today=started, script=script, lake_dir=lake_dir,
    )  # fmt: skip
    targets = list(campaign.targets.filter(party__isnull=True).order_by("siret"))
    called = targets[: len(targets) * 2 // 3]
    for index, target in enumerate(called):
        outcome = CALLS[index % len(CALLS)]
        day = started + dt.timedelta(days=1 + (index * 20) // max(len(called), 1))
        try:
            record_outcome(actor=manager, target=target, outcome=outcome, today=day,
                           note=CALL_NOTES[outcome], lake_dir=lake_dir)  # fmt: skip
        except DomainError:
            continue  # a form probanker does not follow: the manager moves on


PRESCRIBERS = (
    ("Cabinet Lenoir & Associés", "expert_comptable", "Tours", "Claire Lenoir", "Associée"),
    ("Étude Moreau-Vasseur", "notaire", "Tours", "Maître Paul Vasseur", "Notaire"),
    ("CCI Touraine", "cci", "Tours", "Sophie Girard", "Conseillère création"),
    ("CMA Centre-Val de Loire — Indre-et-Loire", "cma", "Joué-lès-Tours", "Marc Petit",
     "Chargé de développement"),
)  # fmt: skip


def _referrals(
    branch: Any, managers: list[User], rows: list[dict[str, Any]], today: Any, lake_dir: Path
) -> None:
    """The branch's prescribers with their contacts; referrals from them and from clients,
    spread over the last months."""
    import datetime as dt

    from probanker.prospecting.models import Prescriber, PrescriberContact
    from probanker.prospecting.referrals import record_referral

    if not managers:
        return
    prescribers = []
    for name, kind, city, contact, position in PRESCRIBERS:
        prescriber, _ = Prescriber.objects.get_or_create(
            branch=branch, name=name, defaults={"kind": kind, "city": city}
        )
        PrescriberContact.objects.get_or_create(
            prescriber=prescriber, name=contact, defaults={"position": position}
        )
        prescribers.append(prescriber)
    clients = list(Party.objects.filter(kind="client", branch=branch).order_by("pk")[:3])
    for index, row in enumerate(rows):
        manager = managers[index % len(managers)]
        sponsor = clients[index % len(clients)] if clients and index % 4 == 3 else None
        record_referral(
            actor=manager, today=today - dt.timedelta(days=12 + 17 * index), siret=row["siret"],
            prescriber=None if sponsor else prescribers[index % len(prescribers)],
            referrer=sponsor, note="Création d'entreprise, besoin d'un compte professionnel",
            lake_dir=lake_dir,
        )  # fmt: skip
    _clients_won(branch, prescribers, today)


def _clients_won(branch: Any, prescribers: list[Any], today: Any) -> None:
    """Clients of the last three years that a prescriber once referred, so that the
    prescribers' results show clients won and the PNB they bring."""
    import datetime as dt

    from probanker.prospecting.models import ProspectSource, SourceKind

    recent = (
        Party.objects.filter(kind="client", branch=branch, prospect_source__isnull=True,
                             client_since__gte=today - dt.timedelta(days=3 * 365))
        .exclude(manager=None).order_by("-client_since", "pk")[:10]
    )  # fmt: skip
    for index, party in enumerate(recent):
        ProspectSource.objects.create(
            party=party, kind=SourceKind.PRESCRIBER, prescriber=prescribers[index % 3],
            registered_by=party.manager, registered_on=party.client_since - dt.timedelta(days=40),
            note="Recommandé lors de la création de l'entreprise",
        )  # fmt: skip


# (days before the demo's date, name, kind, place, note); a negative delay is to come.
EVENTS = (
    (-16, "Soirée des créateurs d'entreprise", "banque", "Agence de Tours Centre",
     "Accueil des créateurs suivis par la CCI et la CMA"),
    (47, "Salon de l'habitat et de l'artisanat de Tours", "salon", "Parc des expositions, Tours",
     "Stand partagé avec la CMA"),
    (118, "Petit-déjeuner du club des commerçants du Vieux-Tours", "rencontre",
     "Place Plumereau, Tours", ""),
)  # fmt: skip

#: What the managers noted of the people they met (one per contact, in turn).
MET = ("Gérant rencontré au stand : ouverture d'un second point de vente",
       "Installation récente, compte professionnel chez une banque en ligne",
       "Projet d'achat de matériel, demande un rendez-vous",
       "Conjointe collaboratrice, s'intéresse à la prévoyance du dirigeant",
       "Reprise d'un fonds de commerce en cours")  # fmt: skip


def _events(
    branch: Any, managers: list[User], rows: list[dict[str, Any]], today: Any, lake_dir: Path
) -> None:
    """The branch's manifestations: one to come, two past whose contacts became prospects."""
    import datetime as dt

    from probanker.prospecting.models import Event
    from probanker.prospecting.referrals import capture_at_event, create_event

    if not managers:
        return
    past = []
    for ago, name, kind, place, note in EVENTS:
        event = create_event(actor=managers[0], event=Event(
            name=name, kind=kind, held_on=today - dt.timedelta(days=ago), place=place, note=note,
        ))  # fmt: skip
        if ago > 0:
            past.append(event)
    for index, row in enumerate(rows):
        event = past[index % len(past)]
        capture_at_event(
            actor=managers[index % len(managers)], event=event, siret=row["siret"],
            today=event.held_on + dt.timedelta(days=1 + index % 3), note=MET[index % len(MET)],
            lake_dir=lake_dir,
        )  # fmt: skip


#: The visits of the demo's days, typed as a manager lists them (not in the best order):
#: (whom: a client or a prospect, subject, minutes, not before, not after).
VISITS = (
    ("client", "Revue annuelle du dossier", 60, None, None),
    ("prospect", "Découverte : projet de reprise", 45, "14:00", None),
    ("client", "Renouvellement du crédit-bail", 45, None, "11:30"),
    ("client", "Point trésorerie de fin d'année", 30, None, None),
    ("prospect", "Présentation de l'offre monétique", 45, None, None),
)


def build_visit_days(builder: Any) -> None:
    """Two days of visits of the branch's first manager, once the agenda is written: the
    next free weekday optimised and booked, the following one typed, still to optimise."""
    import contextlib
    import datetime as dt

    from probanker.agenda.models import Appointment
    from probanker.core.services import DomainError
    from probanker.prospecting import visits

    manager = User.objects.filter(role=Role.MANAGER, branch__code="TRS01").order_by(
        "username"
    ).first()  # fmt: skip
    if manager is None:
        return
    today, lake_dir = builder.as_of, Path(builder.config.lake_dir)
    candidates = {
        kind: list(Party.objects.filter(manager=manager, kind=kind, establishments__isnull=False)
                   .distinct().order_by("pk")[:30])
        for kind in ("client", "prospect")
    }  # fmt: skip
    days: list[dt.date] = []
    day = today + dt.timedelta(days=2)
    while len(days) < 2:
        busy = Appointment.objects.filter(manager=manager, starts_at__date=day).exists()
        if day.weekday() < 5 and not busy:
            days.append(day)
        day += dt.timedelta(days=1)
    used: set[int] = set()
    for number, visit_date in enumerate(days):
        visit_day = visits.plan_day(actor=manager, day=visit_date, today=today)
        for kind, subject, minutes, earliest, latest in VISITS if number == 0 else VISITS[:3]:
            for party in candidates[kind]:
                if party.pk in used:
                    continue
                used.add(party.pk)
                try:
                    visits.add_stop(
                        actor=manager, visit_day=visit_day, party=party, subject=subject,
                        minutes=minutes, lake_dir=lake_dir,
                        earliest=dt.time.fromisoformat(earliest) if earliest else None,
                        latest=dt.time.fromisoformat(latest) if latest else None,
                    )  # fmt: skip
                except DomainError:
                    continue  # not in the register's extract: the next one
                break
        if number == 0 and visit_day.stops.count() > 1:
            _signing_at_the_branch(manager, visit_date, [p for p in candidates["client"]
                                                         if p.pk not in used])  # fmt: skip
            visits.optimise_day(actor=manager, visit_day=visit_day)
            # A demo dated in the past: the agenda takes no appointment there.
            with contextlib.suppress(DomainError):
                visits.book_day(actor=manager, visit_day=visit_day)


def _signing_at_the_branch(manager: User, day: dt.date, clients: list[Party]) -> None:
    """A loan signed at the branch at 13:30 on the day of visits: the route comes back
    for it (a demo dated in the past books nothing)."""
    import contextlib

    from django.utils import timezone

    from probanker.agenda import services as agenda
    from probanker.agenda.models import PlaceKind
    from probanker.core.services import DomainError

    if not clients:
        return
    starts_at = dt.datetime.combine(day, dt.time(13, 30), tzinfo=timezone.get_current_timezone())
    with contextlib.suppress(DomainError):
        agenda.book_appointment(actor=manager, party=clients[0], starts_at=starts_at,
                                duration_minutes=45, place_kind=PlaceKind.BRANCH,
                                subject="Signature de l'offre de prêt")  # fmt: skip
