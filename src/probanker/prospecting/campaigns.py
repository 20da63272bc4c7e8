"""Prospecting campaigns: a saved search of the register becomes a list of targets, each
contacted with the script of an interview guide, and the funnel from targets to clients.

A campaign keeps the search that made it (``criteria``, as the search page's
query) and the establishments it found at launch, at most :data:`MAX_TARGETS`:
a campaign is worked over weeks, its list must not change under the manager.
An outcome of « rendez-vous » or « opportunité » makes the target a prospect of
the campaign's manager (once; a SIREN the bank already follows is linked, not
duplicated, when the manager reaches it), and every contact with a prospect goes into
the agenda's contact log, so that the prospect's history tells it.

A company is not called twice at once: a launch leaves out those another campaign of the
branch is still working (launched in the last :data:`WORKING_DAYS` days, not yet
reached) and those that refused in the last :data:`REFUSAL_DAYS` days; the campaign
keeps how many it left out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from simple_history.utils import update_change_reason

from probanker.agenda import services as agenda
from probanker.agenda.models import ContactKind
from probanker.core.models import User
from probanker.core.permissions import require
from probanker.core.services import DomainError
from probanker.parties.choices import Channel, PartyKind
from probanker.parties.models import Party
from probanker.prospecting.models import (
    Campaign,
    CampaignChannel,
    CampaignTarget,
    Outcome,
    ProspectSource,
    SourceKind,
)
from probanker.prospecting.register.search import Criteria, search
from probanker.prospecting.services import AlreadyHeld, create_prospect, owning_manager
from probanker.sales.models import InterviewGuide

MAX_TARGETS = 500
#: A campaign launched this recently is still being worked: its targets not reached yet
#: are not targeted again.
WORKING_DAYS = 90
#: A company that refused this recently is not solicited again.
REFUSAL_DAYS = 180
#: How the contact of a campaign is logged in the agenda: (nature, channel).
CONTACT_OF_CHANNEL = {
    CampaignChannel.PHONE: (ContactKind.CALL, Channel.PHONE),
    CampaignChannel.MAIL: (ContactKind.LETTER, Channel.MAIL),
    CampaignChannel.VISIT: (ContactKind.MEETING, Channel.BRANCH),
    CampaignChannel.EVENT: (ContactKind.MEETING, Channel.BRANCH),
}
#: Outcomes that need the target as a prospect of the manager.
PROSPECT_OUTCOMES = frozenset({Outcome.MEETING, Outcome.OPPORTUNITY})


@transaction.atomic
def launch_campaign(
    *,
    actor: User,
    name: str,
    channel: str,
    criteria: Criteria,
    query: dict[str, Any],
    today: dt.date,
    script: InterviewGuide | None = None,
    owner: User | None = None,
    lake_dir: Path | None = None,
) -> Campaign:
    """A campaign of ``owner`` (the actor by default: a director names one of the
    branch's managers) on the establishments ``criteria`` finds now, newest first.

    The bank's clients and the prospects other managers follow are left out: a
    campaign prospects; the owner's own prospects stay, linked. So are the companies
    :func:`recently_solicited` names. One establishment per company (its head office
    when found). At most
    :data:`MAX_TARGETS`. ``query`` is the search as typed, kept to say what the list
    is. Requires ``campaign.change``; a search that finds no target, or a register not
    imported yet, is refused."""
    require(actor, "campaign.change")
    owner, branch_id = owning_manager(actor, owner, "Une campagne")
    if channel not in CampaignChannel.values:
        raise DomainError(f"Canal inconnu : {channel}.")
    found = search(dataclasses.replace(criteria, limit=MAX_TARGETS), lake_dir)
    if not found.available:
        raise DomainError("Le répertoire SIRENE n'est pas importé : aucune cible possible.")
    held = dict(
        Party.objects.filter(siren__in=[r["siren"] for r in found.rows])
        .values_list("siren", "pk")
    )  # fmt: skip
    own = set(
        Party.objects.filter(pk__in=held.values(), kind=PartyKind.PROSPECT, manager=owner)
        .values_list("siren", flat=True)
    )  # fmt: skip
    prospectable = [r for r in found.rows if r["siren"] not in held or r["siren"] in own]
    solicited = recently_solicited(branch_id, {r["siren"] for r in prospectable}, today)
    rows = _one_per_company([r for r in prospectable if r["siren"] not in solicited])
    if not rows:
        raise DomainError(
            "La recherche ne trouve aucun établissement que la banque ne suit pas déjà "
            "ou qu'une autre campagne ne sollicite pas : aucune cible."
        )
    campaign = Campaign.objects.create(
        branch_id=branch_id, owner=owner, name=name.strip(), channel=channel,
        criteria=query, script=script, started_on=today, left_out=len(solicited),
    )  # fmt: skip
    CampaignTarget.objects.bulk_create(
        CampaignTarget(
            campaign=campaign, siret=r["siret"], siren=r["siren"], name=(r["name"] or "")[:200],
            naf=r["naf"] or "", city=(r["city"] or "")[:120], postal_code=r["postal_code"] or "",
            party_id=held.get(r["siren"]),
        )
        for r in rows
    )  # fmt: skip
    return campaign


def recently_solicited(branch_id: int, sirens: set[str], today: dt.date) -> set[str]:
    """Of ``sirens``, the companies a campaign of the branch solicits already: a target
    not reached yet of a campaign launched in the last :data:`WORKING_DAYS` days, or a
    refusal in the last :data:`REFUSAL_DAYS` days (one query)."""
    working = Q(
        outcome__in=[Outcome.TODO, Outcome.NOT_REACHED],
        campaign__started_on__gt=today - dt.timedelta(days=WORKING_DAYS),
    )
    refused = Q(outcome=Outcome.REFUSED, contacted_on__gt=today - dt.timedelta(days=REFUSAL_DAYS))
    return set(
        CampaignTarget.objects.filter(working | refused, campaign__branch_id=branch_id,
                                      siren__in=sirens)
        .values_list("siren", flat=True)
    )  # fmt: skip


def _one_per_company(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One establishment per SIREN — its head office when the search found it, else its
    newest — in the search's order: a company is called once, not once per shop."""
    chosen: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["siren"] not in chosen or (
            row["head_office"] and not chosen[row["siren"]]["head_office"]
        ):
            chosen[row["siren"]] = row
    keep = {id(r) for r in chosen.values()}
    return [r for r in rows if id(r) in keep]


@transaction.atomic
def record_outcome(
    *,
    actor: User,
    target: CampaignTarget,
    outcome: str,
    today: dt.date,
    note: str = "",
    lake_dir: Path | None = None,
) -> CampaignTarget:
    """The outcome of the contact with a target, on ``today``.

    A meeting or an opportunity makes the establishment a prospect of the
    campaign's manager whose source is the register (the note names the
    campaign); a SIREN already in the manager's portfolio is linked instead, one
    of another manager's is refused, naming who follows it. A contact reached with a
    prospect (any outcome but « non joint ») that changes the outcome is written into
    the agenda's contact log, its nature from the campaign's channel. Requires
    ``campaign.change``; only the campaign's manager or their director records.
    """
    require(actor, "campaign.change")
    if outcome not in Outcome.values or outcome == Outcome.TODO:
        raise DomainError(
            "Résultat inconnu : choisissez non joint, refus, rendez-vous ou opportunité."
        )
    campaign = target.campaign
    if target.party is not None and target.party.manager_id != campaign.owner_id:
        raise AlreadyHeld(
            f"{target.party.name} est désormais suivi dans un autre portefeuille.", target.party
        )
    if outcome in PROSPECT_OUTCOMES and target.party_id is None:
        target.party = _prospect_of(actor, campaign, target, today, lake_dir)
    # the row's outcome, not the one read before: of two submissions of one outcome, only
    # the first changes it (the second waits for the first's lock), so one contact is logged
    changed = bool(
        CampaignTarget.objects.filter(pk=target.pk).exclude(outcome=outcome).update(outcome=outcome)
    )
    target.outcome = outcome
    target.contacted_on = today
    target.note = note.strip()[:300]
    target.save()
    update_change_reason(target, f"Campagne « {campaign.name} » : {target.get_outcome_display()}")
    if changed and target.party is not None and outcome != Outcome.NOT_REACHED:
        _log_contact(actor, campaign, target, target.party, today)
    return target


def _log_contact(
    actor: User, campaign: Campaign, target: CampaignTarget, party: Party, today: dt.date
) -> None:
    """The contact of ``target`` in the agenda's log of ``party``, its prospect."""
    kind, channel = CONTACT_OF_CHANNEL[CampaignChannel(campaign.channel)]
    summary = f"Campagne « {campaign.name} » ({campaign.get_channel_display()}) : "
    summary += target.get_outcome_display() + (f" — {target.note}" if target.note else "")
    agenda.log_contact(
        actor=actor, party=party, on=today, kind=kind, channel=channel, summary=summary
    )


def _prospect_of(
    actor: User, campaign: Campaign, target: CampaignTarget, today: dt.date, lake_dir: Path | None
) -> Party:
    held = Party.objects.filter(siren=target.siren).first()
    if held is not None:
        if held.manager_id != campaign.owner_id:
            raise AlreadyHeld(
                f"{held.name} est déjà {'client' if held.kind == PartyKind.CLIENT else 'prospect'}"
                " d'un autre portefeuille de la banque.", held,
            )  # fmt: skip
        return held
    origin = ProspectSource(
        kind=SourceKind.SIRENE, siret=target.siret, note=f"Campagne « {campaign.name} »"
    )
    return create_prospect(
        actor=actor, siret=target.siret, today=today, manager=campaign.owner, lake_dir=lake_dir,
        origin=origin,
    ).party  # fmt: skip


@dataclass(frozen=True)
class Funnel:
    """From the targets to the clients won: each stage counts the targets that reached it."""

    label: str
    targets: int
    contacted: int
    reached: int
    meetings: int
    opportunities: int
    clients: int

    @property
    def conversion(self) -> Decimal | None:
        """Share of the targets won as clients (``None`` without targets)."""
        if not self.targets:
            return None
        return (Decimal(self.clients) / Decimal(self.targets)).quantize(Decimal("0.0001"))


def _counts(prefix: str = "") -> dict[str, Any]:
    """The funnel's counts over targets (``prefix``: the path from the rows counted)."""
    outcome = f"{prefix}outcome"
    started = "started_on" if prefix else "campaign__started_on"
    return {
        "n_targets": Count(f"{prefix}pk"),
        "n_contacted": Count(f"{prefix}pk", filter=~Q(**{outcome: Outcome.TODO})),
        "n_reached": Count(
            f"{prefix}pk", filter=~Q(**{f"{outcome}__in": [Outcome.TODO, Outcome.NOT_REACHED]})
        ),
        "n_meetings": Count(f"{prefix}pk", filter=Q(**{f"{outcome}__in": list(PROSPECT_OUTCOMES)})),
        "n_opportunities": Count(f"{prefix}pk", filter=Q(**{outcome: Outcome.OPPORTUNITY})),
        # A client won: the prospect the campaign made, a client since its launch.
        "n_clients": Count(
            f"{prefix}pk",
            filter=Q(
                **{
                    f"{prefix}party__kind": PartyKind.CLIENT,
                    f"{prefix}party__client_since__gte": F(started),
                }
            ),
        ),
    }


def _funnel(label: str, row: Any) -> Funnel:
    """A funnel from a row of :func:`_counts` (a dict of ``values()`` or an annotated
    object)."""
    values = row if isinstance(row, dict) else row.__dict__
    return Funnel(label, *(int(values[f"n_{stage}"]) for stage in STAGES))


STAGES = ("targets", "contacted", "reached", "meetings", "opportunities", "clients")


def campaign_funnels(campaigns: QuerySet[Campaign]) -> list[tuple[Campaign, Funnel]]:
    """Each campaign with its funnel (one query)."""
    rows = campaigns.select_related("owner").annotate(**_counts("targets__"))
    return [(c, _funnel(c.name, c)) for c in rows]


def manager_funnels(campaigns: QuerySet[Campaign]) -> list[Funnel]:
    """The funnel of every manager's campaigns together (one query)."""
    rows = (
        CampaignTarget.objects.filter(campaign__in=campaigns)
        .values("campaign__owner__first_name", "campaign__owner__last_name",
                "campaign__owner__username")
        .annotate(**_counts())
        .order_by("campaign__owner__last_name", "campaign__owner__username")
    )  # fmt: skip
    return [
        _funnel(
            f"{r['campaign__owner__first_name']} {r['campaign__owner__last_name']}".strip()
            or r["campaign__owner__username"], r,
        )
        for r in rows
    ]  # fmt: skip


def scripts() -> QuerySet[InterviewGuide]:
    """The guides a campaign may follow as its script: the current versions."""
    return InterviewGuide.objects.filter(current=True).order_by("situation", "segment")
