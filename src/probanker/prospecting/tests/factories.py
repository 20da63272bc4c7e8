"""A register in the test lake: generated stock files in INSEE's layout, imported.

Tests write a small extract with :func:`build_register` (the same generator
as the demo and the benchmark) and name the units they need with
:func:`known_unit`; searches and prospect creations then read it from the
lake like production does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from probanker.core.models import NafCode
from probanker.core.tests.factories import naf
from probanker.parties.tests.factories import valid_siren, valid_siret
from probanker.prospecting.register.importer import ImportResult, import_register
from probanker.prospecting.register.sample import (
    NAF_LABELS,
    TOURS_AREA,
    KnownUnit,
    SampleSpec,
    write_sample,
)

AS_OF = dt.date(2026, 6, 30)


def known_unit(
    n: int,
    name: str = "BOULANGERIE DU MARCHE",
    *,
    naf_code: str = "10.71C",
    category: str = "5499",
    commune: int = 0,
    created_on: dt.date = dt.date(2015, 3, 2),
) -> KnownUnit:
    """A unit of one head office in the Tours area, SIREN drawn from ``n``."""
    siren = valid_siren(900 + n)
    return KnownUnit(siren, valid_siret(siren), name, naf_code, category, TOURS_AREA[commune],
                     created_on)  # fmt: skip


def naf_codes() -> list[NafCode]:
    """The NAF sub-classes the generated extract uses, in the database."""
    return [naf(code, label) for code, label in NAF_LABELS.items()]


def build_register(
    lake_dir: Path,
    *,
    known: Sequence[KnownUnit] = (),
    establishments: int = 200,
    as_of: dt.date = AS_OF,
    seed: int = 14,
) -> ImportResult:
    """Write a Tours-area extract beside the lake and import it into the lake."""
    spec = SampleSpec(establishments=establishments, as_of=as_of, seed=seed, known=known)
    units, etabs = write_sample(spec, Path(lake_dir).parent / f"stock-{seed}")
    return import_register(unites=units, etablissements=etabs, lake_dir=lake_dir)
