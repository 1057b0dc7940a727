"""Articles waiting for their turn in a grouping run, handed out in publication order.

Grouping takes articles in time order, and it can only start once every article's copy fingerprint
is in (an article's original is the earliest of its copies, wherever the copies come in the input).
So a run holds every article until the last one is read: about 10 KB an article as Python objects,
10 GB at a million. Past `spill_after` articles they wait in a temporary SQLite file instead, and
SQLite's own sort hands them back in the same order, one at a time.
"""
from __future__ import annotations

import os
import pickle
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from marsad.stories.cluster import StoryDoc, time_order

__all__ = ["WaitingDocs"]


class WaitingDocs:
    """Story documents held until `drain` gives them in `time_order`, in memory up to `spill_after`
    of them, then in a temporary SQLite file under `folder` (the system's temporary folder)."""

    BATCH = 1000

    def __init__(self, spill_after: int = 20_000, folder: str | Path | None = None) -> None:
        self.spill_after = spill_after
        self.folder = folder
        self.held: list[StoryDoc] = []
        self.count = 0
        self._db: sqlite3.Connection | None = None
        self._path: str | None = None      # the file, while it has a name (see `_open`)

    def __len__(self) -> int:
        return self.count

    @property
    def on_disk(self) -> bool:
        """Whether the documents wait in the temporary file."""
        return self._db is not None

    def add(self, doc: StoryDoc) -> None:
        self.held.append(doc)
        self.count += 1
        if self._db is None and len(self.held) > self.spill_after:
            self._open()
        if self._db is not None and len(self.held) >= self.BATCH:
            self._write()

    def drain(self) -> Iterator[StoryDoc]:
        """Every document added so far, in time order, each let go once handed out; empties this."""
        try:
            if self._db is None:
                held, self.held = sorted(self.held, key=time_order), []
                held.reverse()
                while held:
                    yield held.pop()
            else:
                self._write()
                for (blob,) in self._db.execute("SELECT doc FROM waiting ORDER BY published, id, seq"):
                    yield pickle.loads(blob)
        finally:
            self.close()

    def close(self) -> None:
        """Drop what is held and the temporary file."""
        self.held, self.count = [], 0
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._path is not None:
            Path(self._path).unlink(missing_ok=True)
            self._path = None

    def _open(self) -> None:
        handle, self._path = tempfile.mkstemp(prefix="marsad-waiting-", suffix=".db", dir=self.folder)
        os.close(handle)
        self._db = sqlite3.connect(self._path)
        # a scratch file: nothing to recover after a crash, so no journal and no syncing
        self._db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-16384;"
                               "CREATE TABLE waiting (published TEXT, id TEXT, seq INTEGER, doc BLOB)")
        try:     # nameless while open (POSIX): even a killed run leaves no file behind
            Path(self._path).unlink()
            self._path = None
        except OSError:
            pass

    def _write(self) -> None:
        assert self._db is not None
        first = self.count - len(self.held)      # ties keep the order of adding, as a stable sort does
        self._db.executemany("INSERT INTO waiting VALUES (?, ?, ?, ?)",
                             [(*time_order(d), first + n, pickle.dumps(d, pickle.HIGHEST_PROTOCOL))
                              for n, d in enumerate(self.held)])
        self._db.commit()
        self.held = []
