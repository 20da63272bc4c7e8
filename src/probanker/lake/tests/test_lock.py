"""The lake's lock: readers share it, a writer has it alone, and each read takes it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from probanker import lake
from probanker.lake.tests.locking import Background, free_elsewhere, held_elsewhere
from probanker.lake.tests.samples import balance, write

DAY = dt.date(2026, 5, 4)


def test_readers_share_the_lock_and_keep_a_writer_out(tmp_path: Path) -> None:
    """While one process reads, another reader gets the lock at once, a writer does not."""
    lake.create_lock(tmp_path)
    with lake.lake_lock(tmp_path, exclusive=False):
        assert free_elsewhere(tmp_path, exclusive=False)
        assert not free_elsewhere(tmp_path, exclusive=True)
    assert free_elsewhere(tmp_path, exclusive=True)  # released on leaving


def test_a_writer_keeps_everyone_out(tmp_path: Path) -> None:
    """While the lock is held exclusively, neither a reader nor a writer gets it."""
    with lake.lake_lock(tmp_path, exclusive=True):
        assert not free_elsewhere(tmp_path, exclusive=False)
        assert not free_elsewhere(tmp_path, exclusive=True)
    assert free_elsewhere(tmp_path, exclusive=False)


def test_a_reader_of_a_lake_without_lock_file_holds_nothing(tmp_path: Path) -> None:
    """No lock file means no file to merge: a reader neither waits nor creates the file."""
    with lake.lake_lock(tmp_path / "absent", exclusive=False):
        pass
    assert not (tmp_path / "absent").exists()


def test_a_client_read_waits_for_the_exclusive_holder(tmp_path: Path) -> None:
    """A per-client read blocks while another process (compaction) holds the lock alone."""
    write(tmp_path, lake.BALANCES, [balance(1, 10, DAY, -5_000)])
    with held_elsewhere(tmp_path, exclusive=True):
        read = Background(lambda: lake.client_daily_balances(10, lake_dir=tmp_path))
        assert not read.done(within=0.5)
    assert read.join() == [lake.DailyBalance(DAY, -5_000, 0)]


def test_a_reader_does_not_wait_for_another_reader(tmp_path: Path) -> None:
    """Readers in other processes (web workers, the batch) do not hold each other up."""
    write(tmp_path, lake.BALANCES, [balance(1, 10, DAY, 700)])
    with held_elsewhere(tmp_path, exclusive=False):
        read = Background(lambda: lake.client_daily_balances(10, lake_dir=tmp_path))
        assert read.join(within=10) == [lake.DailyBalance(DAY, 700, 0)]


def test_replacing_a_dataset_waits_for_the_readers(tmp_path: Path) -> None:
    """The swap of a dataset waits until no reader holds the lock, then happens."""
    write(tmp_path, lake.BALANCES, [balance(1, 10, DAY, 700)])
    with held_elsewhere(tmp_path, exclusive=False):
        swap = Background(lambda: write(tmp_path, lake.BALANCES, [balance(1, 10, DAY, 800)]))
        assert not swap.done(within=0.5)
        assert lake.client_daily_balances(10, lake_dir=tmp_path)[0].balance_cents == 700
    swap.join()
    assert lake.client_daily_balances(10, lake_dir=tmp_path)[0].balance_cents == 800
