"""API schemas for parties."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class EstablishmentOut(Schema):
    siret: str
    is_head_office: bool
    trade_name: str
    city: str


class PartyOut(Schema):
    id: int
    kind: str
    party_type: str
    name: str
    siren: str | None
    legal_form: str
    tax_regime: str
    segment: str
    naf_code: str
    naf_label: str
    creation_date: dt.date | None
    headcount_band: str
    street: str
    postal_code: str
    city: str
    phone: str
    email: str
    manager: str
    branch: str
    kyc_status: str
    kyc_next_review: dt.date | None
    establishments: list[EstablishmentOut]

    @staticmethod
    def resolve_naf_code(obj: object) -> str:
        return obj.naf_id  # type: ignore[attr-defined, no-any-return]

    @staticmethod
    def resolve_naf_label(obj: object) -> str:
        return obj.naf.label  # type: ignore[attr-defined, no-any-return]

    @staticmethod
    def resolve_manager(obj: object) -> str:
        return obj.manager.username  # type: ignore[attr-defined, no-any-return]

    @staticmethod
    def resolve_branch(obj: object) -> str:
        return obj.branch.code  # type: ignore[attr-defined, no-any-return]


class PartyIn(Schema):
    """Fields of a new client or prospect (the same rules as the form)."""

    kind: str = "client"
    name: str
    siren: str | None = None
    legal_form: str
    tax_regime: str
    segment: str
    naf_code: str
    creation_date: dt.date | None = None
    headcount_band: str = "NN"
    street: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    other_bank_iban: str = ""
    kyc_status: str = "incomplete"
    kyc_risk: str = "standard"
    kyc_reviewed_on: dt.date | None = None
    kyc_next_review: dt.date | None = None
    head_office_siret: str = ""
    manager: int | None = None


class PartyPatch(Schema):
    """Partial update: only the fields sent change.

    Sending another ``manager`` reassigns the client (director and administrator
    only) and requires a ``reason``, recorded in the client's history.
    """

    kind: str | None = None
    name: str | None = None
    siren: str | None = None
    legal_form: str | None = None
    tax_regime: str | None = None
    segment: str | None = None
    naf_code: str | None = None
    creation_date: dt.date | None = None
    headcount_band: str | None = None
    street: str | None = None
    postal_code: str | None = None
    city: str | None = None
    phone: str | None = None
    email: str | None = None
    other_bank_iban: str | None = None
    kyc_status: str | None = None
    kyc_risk: str | None = None
    kyc_reviewed_on: dt.date | None = None
    kyc_next_review: dt.date | None = None
    head_office_siret: str | None = None
    manager: int | None = None
    # Required when ``manager`` changes: the history's reason (as long as the UI's form allows).
    reason: str | None = Field(None, max_length=200)
