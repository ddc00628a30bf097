"""What the aggregate store and the replica share: a file derived from the operational database, brought to a data
version by one refresher at a time (a file lock across worker processes), in a background thread so that no
request waits for it."""

from __future__ import annotations

import fcntl
import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)


class Refreshed(ABC):
    """A derived file: subclasses say which version it holds (`synced_version`) and how to bring it up to date
    (`_sync`, called under the lock)."""

    def __init__(self, lock_path: Path, background: bool = True):
        self.lock_path = lock_path
        self.background = background
        self._wanted: str | None = None
        self._wake = threading.Event()
        self._worker: threading.Thread | None = None
        self._synced = threading.Condition()

    @abstractmethod
    def synced_version(self) -> str | None:
        """The data version the file holds now (None: not built yet)."""

    @abstractmethod
    def _sync(self, version: str | None) -> None:
        """Bring the file to data `version` (the lock is held)."""

    def request_sync(self, version: str) -> None:
        """Ask the background refresher to bring the file to data `version` (returns at once; without a background
        thread, syncs before returning)."""
        if not self.background:
            self.sync(version)
            return
        self._wanted = version
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._run, name=type(self).__name__, daemon=True)
            self._worker.start()
        self._wake.set()

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            try:
                self.sync(self._wanted)
            except Exception:  # noqa: BLE001 - logged; readers fall back to the operational database
                log.exception("%s sync failed; figures come from the operational database meanwhile", type(self))

    def sync(self, version: str | None = None) -> None:
        """Bring the file up to date (blocking); `version` is the data version it then holds."""
        with self._exclusive():
            self._sync(version)
        with self._synced:
            self._synced.notify_all()

    def wait_for(self, version: str, timeout: float) -> bool:
        """Wait until the file holds data `version` (or `timeout` seconds pass); whether it does."""
        with self._synced:
            return self._synced.wait_for(lambda: self.synced_version() == version, timeout)

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """One refresher at a time, across threads and worker processes."""
        with open(self.lock_path, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
