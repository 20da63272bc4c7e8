"""The lake: large append-only banking data as Parquet, amounts in cents.

Datasets are Hive-partitioned by month (``month=YYYY-MM``). A dataset is
replaced atomically: it is written to a sibling temporary folder and swapped
in with a rename, so a reader never sees a half-written dataset.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

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


def replace_dataset(lake_dir: Path, name: str, table: pa.Table) -> Path:
    """Write ``table`` as dataset ``name``, replacing any previous one atomically."""
    lake_dir = Path(lake_dir)
    lake_dir.mkdir(parents=True, exist_ok=True)
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
