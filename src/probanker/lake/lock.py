"""The lake's lock: ``<lake>/.lock``, shared by every reader, exclusive for writers.

An advisory ``flock`` (on NFS, Linux maps it to a POSIX lock the server sees).
Compaction, the replacement of a dataset and the snapshot writer take it
exclusively; every read of this package (the risk batch, the client charts,
the agios) takes it shared, so no reader lists files being merged or swapped.
Statement imports do not take it — they only add files, each complete when
named — but create the lock file first, so a reader that finds no lock file
finds no file to merge either and needs no lock (nor write access to the lake).
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from probanker.lake.datasets import LOCK_NAME, root


def create_lock(lake_dir: Path | None = None) -> Path:
    """The lake's lock file, created (with the lake's folder) before any file is written."""
    path = root(lake_dir) / LOCK_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(exist_ok=True)
    return path


@contextmanager
def lake_lock(lake_dir: Path | None = None, *, exclusive: bool) -> Iterator[None]:
    """Hold the lake's lock, exclusive to write or rewrite files, shared to read them.

    A shared request on a lake without a lock file holds nothing (see the module
    doc). Not re-entrant: a holder must not ask again (an exclusive request
    inside a shared one waits for itself).
    """
    path = root(lake_dir) / LOCK_NAME
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
