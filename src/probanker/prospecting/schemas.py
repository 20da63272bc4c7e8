"""API shapes of prospecting."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema


class ProspectIn(Schema):
    """The register's establishment to prospect; a director names the manager."""

    siret: str = Field(max_length=20, description="SIRET de l'établissement (14 chiffres)")
    manager: int | None = Field(
        default=None, ge=1, le=2**63 - 1, description="chargé de clientèle (directeur)"
    )


class DuplicateOut(Schema):
    """A party without SIREN whose name and postcode look alike (rapidfuzz score 0-100)."""

    name: str
    postal_code: str
    manager: str
    score: float


class ProspectOut(Schema):
    id: int
    name: str
    siren: str
    siret: str
    kind: str
    manager: str
    source: str
    duplicates: list[DuplicateOut]


class ProspectSourceOut(Schema):
    """A prospect (the party's id) and where it comes from."""

    id: int
    name: str
    siren: str | None
    siret: str
    kind: str
    manager: str
    source: str
    registered_on: str

    @staticmethod
    def resolve_id(obj: Any) -> int:
        return int(obj.party_id)

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.party.name)

    @staticmethod
    def resolve_siren(obj: Any) -> str | None:
        return obj.party.siren  # type: ignore[no-any-return]

    @staticmethod
    def resolve_kind(obj: Any) -> str:
        return str(obj.party.kind)

    @staticmethod
    def resolve_manager(obj: Any) -> str:
        return str(obj.party.manager.username)

    @staticmethod
    def resolve_source(obj: Any) -> str:
        return str(obj.kind)

    @staticmethod
    def resolve_registered_on(obj: Any) -> str:
        return str(obj.registered_on.isoformat())
