"""The lake: large append-only banking data as Parquet, amounts in integer cents.

One package holds what every app needs to know of it: the datasets (names,
Arrow schemas, folders, month partitions — ``datasets``), the lock shared by
readers and exclusive for writers (``lock``), the reads, whole or for one
client (``reads``), the atomic writers (``writers``) and the risk batch's
snapshots (``snapshots``). It sits just above ``core``: it imports Django's
settings (the lake's folder) and nothing else of the project, so banking,
risk, credit and the demo all meet here instead of in each other.

    from probanker import lake

    lake.client_daily_balances(party.pk, start, end)  # under the shared lock
"""

from probanker.lake.datasets import (
    BALANCES,
    DATASETS,
    INSTALMENTS,
    MERGED_PREFIX,
    MONTH,
    MOVEMENTS,
    PARTITIONING,
    SNAPSHOT_TABLES,
    SNAPSHOTS,
    STATEMENT_PREFIX,
    Dataset,
    files,
    month_of,
    partitions,
    root,
    statement_file,
)
from probanker.lake.lock import create_lock, lake_lock
from probanker.lake.reads import (
    MOVEMENT_COLUMNS,
    DailyBalance,
    client_daily_balances,
    client_movements,
    dataset_between,
    read_dataset,
)
from probanker.lake.snapshots import (
    STATE as STATE_FILE,
)
from probanker.lake.snapshots import (
    read_snapshot,
    read_state,
    remove_snapshots,
    snapshot_dates,
    snapshot_dir,
    write_snapshot,
)
from probanker.lake.writers import replace_dataset, upsert_month, write_file

__all__ = [
    "BALANCES",
    "DATASETS",
    "INSTALMENTS",
    "MERGED_PREFIX",
    "MONTH",
    "MOVEMENTS",
    "MOVEMENT_COLUMNS",
    "PARTITIONING",
    "SNAPSHOTS",
    "SNAPSHOT_TABLES",
    "STATEMENT_PREFIX",
    "STATE_FILE",
    "DailyBalance",
    "Dataset",
    "client_daily_balances",
    "client_movements",
    "create_lock",
    "dataset_between",
    "files",
    "lake_lock",
    "month_of",
    "partitions",
    "read_dataset",
    "read_snapshot",
    "read_state",
    "remove_snapshots",
    "replace_dataset",
    "root",
    "snapshot_dates",
    "snapshot_dir",
    "statement_file",
    "upsert_month",
    "write_file",
    "write_snapshot",
]
