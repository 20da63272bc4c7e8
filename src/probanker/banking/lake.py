"""The lake: large append-only banking data as Parquet, amounts in cents.

Datasets are Hive-partitioned by month (``month=YYYY-MM``). A dataset is
replaced atomically: it is written to a sibling temporary folder and swapped
in with a rename, so a reader never sees a half-written dataset.
"""

from __future__ import annotations

import fcntl
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pyarrow as pa
import pyarrow.dataset as pads

MOVEMENTS = "movements"
BALANCES = "balances"

MOVEMENT_SCHEMA = pa.schema(
    [
        pa.field("account_id", pa.int64(), nullable=False),
        pa.field("party_id", pa.int64(), nullable=False),
        pa.field("booking_date", pa.date32(), nullable=False),
        pa.field("value_date", pa.date32(), nullable=False),
        pa.field("amount_cents", pa.int64(), nullable=False),
        pa.field("family", pa.string(), nullable=False),
        pa.field("label", pa.string(), nullable=False),
        pa.field("month", pa.string(), nullable=False),
    ]
)

BALANCE_SCHEMA = pa.schema(
    [
        pa.field("account_id", pa.int64(), nullable=False),
        pa.field("party_id", pa.int64(), nullable=False),
        pa.field("date", pa.date32(), nullable=False),
        pa.field("balance_cents", pa.int64(), nullable=False),
        pa.field("limit_cents", pa.int64(), nullable=False),
        pa.field("month", pa.string(), nullable=False),
    ]
)

# Families of bank transactions (shared with the statement importers).
FAMILIES = {
    "card_receipts": "Remises carte",
    "incoming_transfer": "Virements reçus",
    "cheque_deposit": "Remises de chèques",
    "direct_debit": "Prélèvements",
    "outgoing_transfer": "Virements émis",
    "salaries": "Salaires",
    "tax_social": "Impôts et cotisations sociales",
    "loan_instalment": "Échéances de prêt",
    "fees": "Frais et commissions",
    "rejected_direct_debit": "Prélèvements rejetés",
    "unpaid_cheque": "Chèques impayés",
    "card_payment": "Paiements par carte",
    "cheque_paid": "Chèques émis",
    "cash": "Espèces",
    "rejected_transfer": "Virements rejetés",
    "rejected_card": "Remises carte impayées",
    "loan_drawdown": "Déblocages de prêt",
    "other_credit": "Autres crédits",
    "other_debit": "Autres débits",
}


def dataset_path(lake_dir: Path, name: str) -> Path:
    return Path(lake_dir) / name


def create_lock(lake_dir: Path) -> Path:
    """The lake's lock file, created before any file of the lake is written (see ``lake_lock``)."""
    path = Path(lake_dir) / ".lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(exist_ok=True)
    return path


@contextmanager
def lake_lock(lake_dir: Path, *, exclusive: bool) -> Iterator[None]:
    """Hold the lake's lock: exclusive to rewrite files in place, shared to read them.

    An advisory ``flock`` on ``<lake>/.lock`` (on NFS, Linux maps it to a
    POSIX lock the server sees): compaction takes it exclusively, the risk
    batch and the charts shared, so no reader lists files being merged.
    Imports do not take it — they only add files, each complete when named —
    but create the lock file first, so a reader that finds no lock file finds
    no file to merge either and needs no lock (nor write access to the lake).
    """
    path = Path(lake_dir) / ".lock"
    handle: IO[bytes]
    if exclusive:
        handle = create_lock(lake_dir).open("a+b")
    elif path.exists():
        handle = path.open("rb")
    else:
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def replace_dataset(lake_dir: Path, name: str, table: pa.Table) -> Path:
    """Write ``table`` as dataset ``name``, replacing any previous one atomically."""
    lake_dir = Path(lake_dir)
    create_lock(lake_dir)
    target = dataset_path(lake_dir, name)
    staging = lake_dir / f".{name}.{uuid.uuid4().hex}.tmp"
    pads.write_dataset(
        table,
        base_dir=str(staging),
        format="parquet",
        partitioning=pads.partitioning(pa.schema([pa.field("month", pa.string())]), flavor="hive"),
        existing_data_behavior="error",
        basename_template="part-{i}.parquet",
    )
    retired = lake_dir / f".{name}.{uuid.uuid4().hex}.old"
    with lake_lock(lake_dir, exclusive=True):  # no reader lists the files mid-swap
        if target.exists():
            target.rename(retired)
        staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
    return target


def read_dataset(lake_dir: Path, name: str) -> pa.Table:
    """The whole dataset as an Arrow table (the partition column included)."""
    schema = MOVEMENT_SCHEMA if name == MOVEMENTS else BALANCE_SCHEMA
    dataset = pads.dataset(
        str(dataset_path(lake_dir, name)),
        format="parquet",
        partitioning="hive",
        schema=schema,
    )
    return dataset.to_table()
