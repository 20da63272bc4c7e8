"""Holding the lake's lock from another process, to test who waits for whom.

``flock`` locks belong to an open file: a lock taken by another process is
the real situation (the batch, compaction and the web workers are separate
processes), so these helpers run a small Python program beside the test.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HOLD = """
import fcntl, sys
handle = open(sys.argv[1], "a+b")
fcntl.flock(handle, fcntl.LOCK_EX if sys.argv[2] == "exclusive" else fcntl.LOCK_SH)
print("held", flush=True)
sys.stdin.read()  # until the test closes our standard input
"""

PROBE = """
import fcntl, sys
handle = open(sys.argv[1], "a+b")
try:
    fcntl.flock(handle, (fcntl.LOCK_EX if sys.argv[2] == "exclusive" else fcntl.LOCK_SH) | fcntl.LOCK_NB)
except BlockingIOError:
    sys.exit(1)
"""


@contextmanager
def held_elsewhere(lake_dir: Path, *, exclusive: bool) -> Iterator[None]:
    """Another process holds ``<lake>/.lock`` (created if absent) until the block ends."""
    lock = Path(lake_dir) / ".lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    lock.touch()
    mode = "exclusive" if exclusive else "shared"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(lock), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        yield
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=10)


def free_elsewhere(lake_dir: Path, *, exclusive: bool) -> bool:
    """Whether another process would get the lock at once (without waiting)."""
    mode = "exclusive" if exclusive else "shared"
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, str(Path(lake_dir) / ".lock"), mode],
        check=False,
        timeout=30,
    )
    return probe.returncode == 0


class Background:
    """``call()`` run in a thread, to see whether it waits (``done`` tells)."""

    def __init__(self, call: Callable[[], Any]) -> None:
        self.result: Any = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(call,), daemon=True)
        self._thread.start()

    def _run(self, call: Callable[[], Any]) -> None:
        try:
            self.result = call()
        except BaseException as error:  # handed to the test by join()
            self.error = error

    def done(self, within: float) -> bool:
        self._thread.join(within)
        return not self._thread.is_alive()

    def join(self, within: float = 10.0) -> Any:
        assert self.done(within), "the call is still waiting"
        if self.error is not None:
            raise self.error
        return self.result
