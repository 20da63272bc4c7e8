"""Snapshots of the risk batch: one folder per date, replaced whole, leftovers swept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest

from probanker import lake

D = dt.date


def tables(n: int) -> tuple[pa.Table, pa.Table]:
    return pa.table({"account_id": [n]}), pa.table({"party_id": [n], "status": ["sain"]})


def test_a_snapshot_reads_back_and_a_rerun_replaces_it(tmp_path: Path) -> None:
    """The date's accounts and clients read back; writing the date again replaces both."""
    target = lake.write_snapshot(tmp_path, D(2026, 6, 30), *tables(1))
    assert target == tmp_path / "indicators" / "as_of=2026-06-30"
    lake.write_snapshot(tmp_path, D(2026, 6, 30), *tables(2))
    clients = lake.read_snapshot(tmp_path, D(2026, 6, 30))
    accounts = lake.read_snapshot(tmp_path, D(2026, 6, 30), "accounts")
    assert clients is not None
    assert clients.to_pylist() == [{"party_id": 2, "status": "sain"}]
    assert accounts is not None
    assert accounts.to_pylist() == [{"account_id": 2}]
    assert sorted(p.name for p in (tmp_path / "indicators").iterdir()) == ["as_of=2026-06-30"]


def test_a_date_without_snapshot_reads_as_none(tmp_path: Path) -> None:
    """No snapshot for the date: ``None``; an unknown table name is refused."""
    assert lake.read_snapshot(tmp_path, D(2026, 6, 30)) is None
    with pytest.raises(ValueError, match="instantané inconnu"):
        lake.read_snapshot(tmp_path, D(2026, 6, 30), "alerts")


def test_the_next_write_removes_what_a_killed_write_left(tmp_path: Path) -> None:
    """Staging (.tmp) and retired (.old) folders of an interrupted run go at the next write."""
    folder = tmp_path / "indicators"
    for name in (".as_of=2026-06-29.0a1b.tmp", ".as_of=2026-06-29.2c3d.old"):
        (folder / name).mkdir(parents=True)
        (folder / name / "clients.parquet").write_bytes(b"half written")
    lake.write_snapshot(tmp_path, D(2026, 6, 30), *tables(1))
    assert sorted(p.name for p in folder.iterdir()) == ["as_of=2026-06-30"]


def test_snapshot_dates_list_the_written_dates_only(tmp_path: Path) -> None:
    """The dates with a snapshot, oldest first, those before a date; leftovers are not dates."""
    assert lake.snapshot_dates(tmp_path) == []
    for day in (D(2026, 6, 29), D(2026, 6, 26), D(2026, 6, 30)):
        lake.write_snapshot(tmp_path, day, *tables(1))
    (tmp_path / "indicators" / ".as_of=2026-07-01.0a1b.tmp").mkdir()
    assert lake.snapshot_dates(tmp_path) == [D(2026, 6, 26), D(2026, 6, 29), D(2026, 6, 30)]
    assert lake.snapshot_dates(tmp_path, before=D(2026, 6, 30)) == [D(2026, 6, 26), D(2026, 6, 29)]


def test_remove_snapshots_clears_every_date(tmp_path: Path) -> None:
    """A rebuilt lake drops its snapshots: none left, leftovers included; none to remove is fine."""
    assert lake.remove_snapshots(tmp_path) == 0
    for day in (D(2026, 6, 29), D(2026, 6, 30)):
        lake.write_snapshot(tmp_path, day, *tables(1))
    (tmp_path / "indicators" / ".as_of=2026-07-01.0a1b.tmp").mkdir()
    assert lake.remove_snapshots(tmp_path) == 3
    assert lake.snapshot_dates(tmp_path) == []
    assert list((tmp_path / "indicators").iterdir()) == []
