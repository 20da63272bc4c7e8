"""Searching the register: places, sectors, creation date, employer, state, diffusion.

Repeated criteria of one kind are alternatives (OR), different kinds all
apply (AND). By default only active establishments of active units with full
diffusion are found; ``include_closed`` and ``include_partial`` widen that.
The query runs on the register's Parquet file with DuckDB, under the lake's
shared lock, with every value passed as a parameter.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from probanker.lake.sirene import reading_register

DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000
NAF_INPUT = re.compile(r"^\d{2}(\d{1,2}[A-Z]?)?$")
DEPARTEMENT = re.compile(r"^(\d{2}|2[AB]|9[78]\d)$")
COMMUNE = re.compile(r"^(\d{5}|2[AB]\d{3})$")

COLUMNS = (
    "siret", "siren", "name", "trade_name", "naf", "legal_category", "headcount_band",
    "employer", "created_on", "unit_created_on", "active", "unit_active", "head_office",
    "street", "postal_code", "commune", "city", "departement", "longitude", "latitude",
    "diffusion",
)  # fmt: skip


class SearchError(ValueError):
    """A criterion that cannot be searched; ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def normalise_naf(value: str) -> str:
    """A NAF code or prefix as SIRENE writes it: ``4711d`` → ``47.11D``, ``471`` → ``47.1``."""
    raw = value.strip().upper().replace(".", "").replace(" ", "")
    if not NAF_INPUT.match(raw):
        raise SearchError(
            "naf",
            f"Code NAF « {value} » invalide : 2 à 4 chiffres et une lettre (47.11D, 47.1, 47).",
        )
    return raw if len(raw) == 2 else f"{raw[:2]}.{raw[2:]}"


def normalise_departement(value: str) -> str:
    code = value.strip().upper()
    if not DEPARTEMENT.match(code):
        raise SearchError(
            "departement", f"Département « {value} » invalide : 37, 2A, 2B ou 974 par exemple."
        )
    return code


def normalise_commune(value: str) -> str:
    code = value.strip().upper()
    if not COMMUNE.match(code):
        raise SearchError(
            "commune", f"Code commune « {value} » invalide : code INSEE à 5 caractères (37261)."
        )
    return code


def departement_of(commune: str) -> str:
    """The département of an INSEE commune code: two characters, three overseas (97x)."""
    return commune[:3] if commune[:2] in {"97", "98"} else commune[:2]


@dataclass(frozen=True)
class Criteria:
    """What to search; lists are alternatives, fields all apply."""

    departements: tuple[str, ...] = ()
    communes: tuple[str, ...] = ()
    naf: tuple[str, ...] = ()
    created_since: dt.date | None = None
    employer: bool = False
    include_closed: bool = False
    include_partial: bool = False
    limit: int = DEFAULT_LIMIT
    sirets: tuple[str, ...] = ()  # the rows of a list of SIRET (a prospect's creation)

    @classmethod
    def build(
        cls,
        *,
        departements: list[str] | tuple[str, ...] = (),
        communes: list[str] | tuple[str, ...] = (),
        naf: list[str] | tuple[str, ...] = (),
        created_since: dt.date | None = None,
        employer: bool = False,
        include_closed: bool = False,
        include_partial: bool = False,
        limit: int = DEFAULT_LIMIT,
    ) -> Criteria:
        """Criteria from what a user typed, normalised; :class:`SearchError` when invalid."""
        if not 1 <= limit <= MAX_LIMIT:
            raise SearchError(
                "limit", f"Nombre de résultats entre 1 et {MAX_LIMIT:_}.".replace("_", " ")
            )
        return cls(
            departements=tuple(dict.fromkeys(normalise_departement(d) for d in departements)),
            communes=tuple(dict.fromkeys(normalise_commune(c) for c in communes)),
            naf=tuple(dict.fromkeys(normalise_naf(n) for n in naf)),
            created_since=created_since,
            employer=employer,
            include_closed=include_closed,
            include_partial=include_partial,
            limit=limit,
        )


@dataclass
class SearchResult:
    """The rows found (at most ``limit``), their total count, and whether a register exists."""

    count: int
    rows: list[dict[str, Any]] = field(default_factory=list)
    available: bool = True


def _where(criteria: Criteria) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []

    def any_of(template: str, values: tuple[str, ...]) -> None:
        if values:
            clauses.append("(" + " OR ".join(template for _ in values) + ")")
            params.extend(values)

    any_of("departement = ?", criteria.departements)
    any_of("commune = ?", criteria.communes)
    if criteria.naf:
        clauses.append("(" + " OR ".join("starts_with(naf, ?)" for _ in criteria.naf) + ")")
        params.extend(criteria.naf)
    any_of("siret = ?", criteria.sirets)
    if criteria.created_since is not None:
        clauses.append("created_on >= ?")
        params.append(criteria.created_since)
    if criteria.employer:
        clauses.append("employer")
    if not criteria.include_closed:
        clauses.append("active AND unit_active")
    if not criteria.include_partial:
        clauses.append("diffusion = 'O'")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def search(criteria: Criteria, lake_dir: Path | None = None) -> SearchResult:
    """The establishments matching ``criteria``, newest first (then by SIRET)."""
    where, params = _where(criteria)
    with reading_register(lake_dir) as path:
        if path is None:
            return SearchResult(count=0, available=False)
        source = "read_parquet('" + str(path).replace("'", "''") + "')"
        con = duckdb.connect(config={"threads": 2})
        try:
            # Two scans reading only the columns they need: the total, then the page
            # (a window count would materialise every match before the limit).
            count_sql = f"SELECT count(*) FROM {source}{where}"  # noqa: S608
            total = con.execute(count_sql, params).fetchone()
            sql = (
                f"SELECT {', '.join(COLUMNS)} FROM {source}{where} "  # noqa: S608
                "ORDER BY created_on DESC NULLS LAST, siret LIMIT ?"
            )
            cursor = con.execute(sql, [*params, criteria.limit])
            names = [d[0] for d in cursor.description]
            rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
        finally:
            con.close()
    return SearchResult(count=int(total[0]) if total else 0, rows=rows)
