"""The SIRENE register in the lake: one Parquet file, replaced as a whole.

``<lake>/sirene/etablissements.parquet`` holds one row per establishment
(SIRET) joined with its legal unit (SIREN): what prospecting needs, already
cleaned (no ``[ND]`` mask, coordinates in WGS 84). The importer writes a new
register into a staging folder beside it (:func:`staging_folder`) and
:func:`swap_register` renames it in under the lake's exclusive lock; readers
hold the shared lock (:func:`reading_register`), so a reader sees the old
register or the new one, never half of one.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa

from probanker.lake.datasets import root
from probanker.lake.lock import create_lock, lake_lock

REGISTER = "sirene"
REGISTER_FILE = "etablissements.parquet"

#: The register's columns. ``diffusion`` is ``O`` (full) or ``P`` (partial: the
#: establishment or its unit is partially diffusible; personal fields are empty).
REGISTER_SCHEMA = pa.schema(
    [
        pa.field("siret", pa.string(), nullable=False),
        pa.field("siren", pa.string(), nullable=False),
        pa.field("name", pa.string()),  # denomination, or the entrepreneur's name
        pa.field("trade_name", pa.string()),  # enseigne or usual name of the establishment
        pa.field("naf", pa.string()),  # of the establishment, NN.NNL
        pa.field("legal_category", pa.string()),  # INSEE catégorie juridique, 4 digits
        pa.field("headcount_band", pa.string()),  # INSEE tranche, null when NN or empty
        pa.field("employer", pa.bool_()),
        pa.field("created_on", pa.date32()),  # dateCreationEtablissement
        pa.field("unit_created_on", pa.date32()),  # dateCreationUniteLegale
        pa.field("active", pa.bool_()),  # the establishment is not closed (F)
        pa.field("unit_active", pa.bool_()),  # the unit has not ceased (C)
        pa.field("head_office", pa.bool_()),
        pa.field("street", pa.string()),
        pa.field("postal_code", pa.string()),
        pa.field("commune", pa.string()),  # INSEE commune code
        pa.field("city", pa.string()),
        pa.field("departement", pa.string()),  # from the commune code
        pa.field("x_lambert", pa.float64()),  # as published (Lambert 93 in metropolitan France)
        pa.field("y_lambert", pa.float64()),
        pa.field("longitude", pa.float64()),  # WGS 84
        pa.field("latitude", pa.float64()),
        pa.field("diffusion", pa.string(), nullable=False),
    ]
)


def register_folder(lake_dir: Path | None = None) -> Path:
    """The register's folder under the lake."""
    return root(lake_dir) / REGISTER


def register_file(lake_dir: Path | None = None) -> Path:
    """The register's Parquet file (it may not exist yet)."""
    return register_folder(lake_dir) / REGISTER_FILE


def staging_folder(lake_dir: Path | None = None) -> Path:
    """A new hidden folder beside the register, where an import writes its files."""
    lake = root(lake_dir)
    create_lock(lake)
    folder = lake / f".{REGISTER}.{uuid.uuid4().hex}.tmp"
    folder.mkdir(parents=True)
    return folder


def discard(staging: Path) -> None:
    """Remove a staging folder (an import that failed leaves the register untouched)."""
    shutil.rmtree(staging, ignore_errors=True)


def swap_register(lake_dir: Path | None, staging: Path) -> Path:
    """Put the staged register (``staging/REGISTER_FILE``) in place of the current one.

    Only the renames hold the exclusive lock; the retired folder is removed after.
    Files of the staging folder other than the register (work files) are removed first.
    """
    lake = root(lake_dir)
    for extra in staging.iterdir():
        if extra.name != REGISTER_FILE:
            shutil.rmtree(extra) if extra.is_dir() else extra.unlink()
    target = register_folder(lake)
    retired = lake / f".{REGISTER}.{uuid.uuid4().hex}.old"
    with lake_lock(lake, exclusive=True):
        if target.exists():
            target.rename(retired)
        staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
    return target / REGISTER_FILE


@contextmanager
def reading_register(lake_dir: Path | None = None) -> Iterator[Path | None]:
    """The register's file under the shared lock (``None`` when none was imported)."""
    with lake_lock(lake_dir, exclusive=False):
        path = register_file(lake_dir)
        yield path if path.exists() else None
