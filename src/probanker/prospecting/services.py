"""Every write of prospecting: a register's establishment becomes a prospect, once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from rapidfuzz import fuzz, process, utils
from simple_history.utils import update_change_reason

from probanker.core.access import managers_in_scope
from probanker.core.models import NafCode, User
from probanker.core.permissions import require
from probanker.core.services import DomainError
from probanker.core.validators import validate_siret
from probanker.parties.choices import HeadcountBand, LegalForm, PartyKind, PartyType, Segment
from probanker.parties.choices import TaxRegime as Regime
from probanker.parties.models import Establishment, Party
from probanker.parties.services import create_party
from probanker.prospecting.models import ProspectSource, SourceKind
from probanker.prospecting.register.search import Criteria, search

DUPLICATE_SCORE = 88  # rapidfuzz token_set_ratio (0-100) from which a name is a probable twin
PRESUMED = (
    "Régime fiscal et segment présumés d'après le répertoire : à confirmer au premier entretien."
)


class AlreadyHeld(DomainError):
    """The SIREN is already a client or a prospect of the bank (``holder`` says whose)."""

    def __init__(self, message: str, party: Party) -> None:
        super().__init__(message)
        self.party = party


@dataclass(frozen=True)
class Duplicate:
    """A party without SIREN whose name and postcode look like the new prospect's."""

    party: Party
    score: float


@dataclass
class ProspectOutcome:
    party: Party
    duplicates: list[Duplicate] = field(default_factory=list)


def legal_form_of(category: str | None) -> str:
    """probanker's legal form for an INSEE legal category (DomainError when none fits)."""
    code = category or ""
    exact = {"1000": LegalForm.EI, "5498": LegalForm.EURL, "5485": LegalForm.SELARL,
             "5710": LegalForm.SAS, "5720": LegalForm.SASU, "5785": LegalForm.SELAS,
             "6589": LegalForm.SCM, "6540": LegalForm.SCI, "6541": LegalForm.SCI}  # fmt: skip
    if code in exact:
        return exact[code]
    if code.startswith("54"):
        return LegalForm.SARL
    if code.startswith(("55", "56")):
        return LegalForm.SA
    if code.startswith("52"):
        return LegalForm.SNC
    if code.startswith(("656", "657")) or code == "6585":
        return LegalForm.SCP
    raise DomainError(
        f"Catégorie juridique {code or 'inconnue'} : ce n'est pas une forme d'entreprise que "
        "probanker suit (association, collectivité, autre société civile...)."
    )


PRESUMED_REGIMES: dict[str, str] = {
    LegalForm.EI: Regime.MICRO,
    LegalForm.SCI: Regime.FONCIER,
    LegalForm.SCP: Regime.BNC_CONTROLEE,
    LegalForm.SCM: Regime.BNC_CONTROLEE,
}


def presumed_regime(legal_form: str) -> str:
    """The regime to start from, the one the legal form makes most likely."""
    return PRESUMED_REGIMES.get(legal_form, Regime.REEL_SIMPLIFIE)


def presumed_segment(legal_form: str, naf: str) -> str:
    """The segment the activity suggests (NAF division)."""
    division = int(naf[:2]) if naf[:2].isdigit() else 0
    if legal_form == LegalForm.SCI:
        return Segment.PATRIMONIAL
    if 69 <= division <= 75 or division == 86:
        return Segment.LIBERAL
    if 10 <= division <= 33 or 41 <= division <= 43 or division in {95, 96}:
        return Segment.ARTISAN
    if 45 <= division <= 47 or division in {55, 56}:
        return Segment.COMMERCANT
    return Segment.TPE


def probable_duplicates(
    name: str, postal_code: str, *, exclude: int | None = None
) -> list[Duplicate]:
    """Parties without SIREN, of the same postcode, whose name is close (rapidfuzz)."""
    candidates = Party.objects.filter(siren__isnull=True, postal_code=postal_code)
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude)
    parties = list(candidates.select_related("manager"))
    found = process.extract(
        name, [p.name for p in parties], scorer=fuzz.token_set_ratio,
        processor=utils.default_process, score_cutoff=DUPLICATE_SCORE, limit=5,
    )  # fmt: skip
    return [Duplicate(parties[index], score) for _, score, index in found]


def _establishment(siret: str, lake_dir: Path | None) -> dict[str, Any]:
    try:
        validate_siret(siret)
    except ValidationError as exc:
        raise DomainError(f"SIRET « {siret} » : {' '.join(exc.messages)}") from exc
    criteria = Criteria(sirets=(siret,), include_closed=True, include_partial=True, limit=1)
    found = search(criteria, lake_dir)
    if not found.available:
        raise DomainError("Aucun répertoire SIRENE importé : lancez probanker sirene import.")
    if not found.rows:
        raise DomainError(f"Le SIRET {siret} n'est pas dans le répertoire SIRENE importé.")
    row = found.rows[0]
    if not (row["active"] and row["unit_active"]):
        raise DomainError(f"L'établissement {siret} est fermé (ou son entreprise a cessé).")
    if row["name"] is None:
        raise DomainError(
            f"L'établissement {siret} est en diffusion partielle : son exploitant a refusé la "
            "diffusion de ses données personnelles, il ne se prospecte pas depuis le répertoire."
        )
    return row


def owning_manager(actor: User, owner: User | None, what: str) -> tuple[User, int]:
    """The manager a campaign or a visit day belongs to and their branch: the actor, or the
    branch's manager a director names; ``what`` (« Une campagne ») says what in the
    refusals."""
    owner = owner or actor
    if not owner.is_manager:
        raise DomainError(f"{what} est celle d'un chargé de clientèle : choisissez-le.")
    if owner.pk != actor.pk and not managers_in_scope(actor).filter(pk=owner.pk).exists():
        raise DomainError("Ce chargé de clientèle n'est pas de votre agence.")
    if owner.branch_id is None:
        raise DomainError(f"{what} appartient à une agence : ce chargé n'en a pas.")
    return owner, owner.branch_id


def _held_message(party: Party) -> str:
    nature = "client" if party.kind == PartyKind.CLIENT else "prospect"
    holder = party.manager.get_full_name() or party.manager.username
    return f"Le SIREN {party.siren} est déjà {nature} de la banque, suivi par {holder}."


@transaction.atomic
def create_prospect(
    *,
    actor: User,
    siret: str,
    today: dt.date,
    manager: User | None = None,
    lake_dir: Path | None = None,
    origin: ProspectSource | None = None,
) -> ProspectOutcome:
    """Turn the register's establishment ``siret`` into a prospect of the actor's portfolio.

    Once only: a SIREN the bank already holds (any portfolio) raises
    :class:`AlreadyHeld` naming who follows it. A closed establishment, one of
    partial diffusion without a name, or a form probanker does not follow is
    refused (:class:`DomainError`). Probable duplicates without SIREN are
    returned, not refused. Requires ``prospect.create``. ``origin`` (unsaved)
    gives another source than the register: a referral, an event.
    """
    require(actor, "prospect.create")
    siret = siret.strip().replace(" ", "")
    row = _establishment(siret, lake_dir)
    held = Party.objects.select_related("manager").filter(siren=row["siren"]).first()
    if held is not None:
        raise AlreadyHeld(_held_message(held), held)
    legal_form = legal_form_of(row["legal_category"])
    naf_code = NafCode.objects.filter(code=row["naf"] or "").first()
    if naf_code is None:
        raise DomainError(
            f"Code NAF {row['naf'] or 'absent'} inconnu de probanker : chargez la "
            "nomenclature (probanker load_naf)."
        )
    band = row["headcount_band"] or HeadcountBand.NN
    if band not in HeadcountBand.values:
        raise DomainError(
            f"Tranche d'effectif {band} : au-delà de 99 salariés, ce n'est plus un client "
            "professionnel."
        )
    party = Party(
        kind=PartyKind.PROSPECT,
        party_type=PartyType.SOLE_TRADER if legal_form == LegalForm.EI else PartyType.LEGAL_ENTITY,
        name=row["name"][:200], siren=row["siren"], legal_form=legal_form,
        tax_regime=presumed_regime(legal_form), segment=presumed_segment(legal_form, row["naf"]),
        naf=naf_code, creation_date=row["unit_created_on"], headcount_band=band,
        street=(row["street"] or "")[:200], postal_code=(row["postal_code"] or "")[:5],
        city=(row["city"] or "")[:120],
    )  # fmt: skip
    create_party(
        actor=actor, party=party, manager=manager,
        head_office_siret=siret if row["head_office"] else "",
    )  # fmt: skip
    if not row["head_office"]:
        establishment = Establishment(
            party=party, siret=siret, is_head_office=False,
            trade_name=(row["trade_name"] or "")[:200], street=party.street,
            postal_code=party.postal_code, city=party.city,
        )  # fmt: skip
        establishment._history_user = actor  # type: ignore[attr-defined]
        establishment.save()
    source = origin or ProspectSource(kind=SourceKind.SIRENE, note=PRESUMED)
    source.party, source.siret, source.registered_by = party, siret, actor
    source.registered_on = today
    source._history_user = actor  # type: ignore[attr-defined]
    source.save()
    update_change_reason(source, f"Prospect : {source.get_kind_display().lower()}")
    return ProspectOutcome(
        party, probable_duplicates(party.name, party.postal_code, exclude=party.pk)
    )
