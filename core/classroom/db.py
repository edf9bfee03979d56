"""One SQLite file in the data folder that every thread and every replica process shares.

    with transaction(path) as db:          # BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on error
        db.execute("UPDATE classes ...")
    with reading(path) as db:              # a snapshot for reads, no write lock taken
        db.execute("SELECT ...")

Why this shape:
- A connection per call, from a small pool of this process. Streamlit runs each script run in
  a thread of its own, and replicas behind nginx are separate processes; a call takes a
  connection no other thread is using, and gives it back when it ends. Pooled because a fresh
  connection's first statement reads the schema and maps the WAL index: a poll took 1.7 ms
  with a new connection each call and takes 0.04 ms with a pooled one (1,000 polls, one thread);
  and closing the file's last connection checkpoints the WAL and fsyncs the database, which
  made an answer ~35 ms instead of ~4 ms. The pool is per process id, so a forked child never
  uses its parent's connections.
- WAL journal (`journal_mode=WAL`, kept in the file itself): readers never block the writer
  and the writer never blocks readers, so thirty phones polling do not hold up one answer.
  Writers still take turns: `busy_timeout` makes a writer that finds the lock taken wait for
  it (up to BUSY_TIMEOUT_S) instead of failing with "database is locked".
- `synchronous=FULL`: each commit is on disk (fsync of the WAL) before the call returns, so an
  acknowledged answer survives a killed process and a power cut. NORMAL would survive only the
  former; it is 100 times quicker (0.04 ms an answer against 4 ms here), but 4 ms is already
  250 answers a second from one class.
- Writers of one process queue on a lock of their own before they ask SQLite for its lock.
  SQLite's busy handler polls with growing sleeps (up to 100 ms) and is not woken when the
  lock frees, so thirty threads waiting on it took 2.1 s for thirty answers; queued on a
  threading.Lock, which wakes the next thread at once, they take 0.13 s (tools/classroom_bench.py,
  median of 5, this machine).
  Between processes the busy handler still decides; few processes contend, so it waits little.
- Writes are `BEGIN IMMEDIATE`: the write lock is taken at the start, so a read-then-write
  (is the class live? then insert) cannot be overtaken by another writer between the two,
  and a deadlock between two upgrading readers (SQLITE_BUSY without waiting) cannot happen.
- WAL needs shared memory between the processes, so the file must be on a local disk of one
  host, never a network filesystem (see the DESIGN notes on multi-host deployments).
"""
from __future__ import annotations

import os
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from core.classroom.errors import StoreBusy

FILE_NAME = "classroom.sqlite3"
BUSY_TIMEOUT_S = 10.0   # how long a writer waits for another's lock before giving up
BUSY_MESSAGE = "The server is very busy right now; try again in a moment."

SCHEMA = """
CREATE TABLE IF NOT EXISTS classes (
    code         TEXT PRIMARY KEY,            -- the join code shown on the projector
    teacher_hash TEXT NOT NULL,               -- sha256 of the teacher's token, never the token
    stop_index   INTEGER NOT NULL,            -- the lesson stop the teacher shows
    revealed     INTEGER NOT NULL,            -- 1 once the teacher revealed the stop's answer
    version      INTEGER NOT NULL,            -- +1 on every move; phones poll on it
    started_at   REAL NOT NULL,               -- seconds since the epoch
    last_active  REAL NOT NULL                -- last start, move or answer
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS answers (
    code         TEXT NOT NULL REFERENCES classes(code) ON DELETE CASCADE,
    stop_id      TEXT NOT NULL,
    participant  TEXT NOT NULL,
    choice       TEXT NOT NULL,
    answered_at  REAL NOT NULL,
    PRIMARY KEY (code, stop_id, participant)  -- one answer per phone per stop: an upsert replaces it
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS states (
    id           TEXT PRIMARY KEY,            -- base62 of sha256(body), the ?s= of a short link
    body         TEXT NOT NULL,               -- the state as canonical JSON
    created_at   REAL NOT NULL,
    last_used    REAL NOT NULL                -- saved or opened; unused states are removed
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS states_by_last_use ON states (last_used);
"""


def store_path(data_dir) -> Path:
    """The store's file in a data folder (the app's is DHYAN_DATA_DIR, default data/)."""
    return Path(data_dir) / FILE_NAME


POOL_SIZE = 8   # idle connections kept per file and process; more threads at once open more


def _connect(path: Path) -> sqlite3.Connection:
    # autocommit (BEGIN is ours); any thread, as the pool hands a connection to one thread at a time
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA foreign_keys=ON")
    return db


_prepared: set[tuple[Path, int]] = set()
_prepared_lock = threading.Lock()


def prepare(path) -> Path:
    """Create the folder, the file, WAL mode and the tables, once per process and path.
    Several processes may prepare the same file at once: switching to WAL needs the file to
    itself, and SQLite answers "locked" without waiting when another holds it, so that is retried."""
    path = Path(path).absolute()
    key = (path, os.getpid())   # a forked child prepares again: cheap, and always right
    with _prepared_lock:
        if key in _prepared and path.exists():
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                db = _connect(path)
                try:
                    mode = db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                    if mode != "wal":
                        raise sqlite3.OperationalError(f"journal mode is {mode}, not wal")
                    db.executescript(SCHEMA)
                finally:
                    db.close()
                break
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)
        _prepared.add(key)
    return path


_idle: dict[tuple[Path, int], list[sqlite3.Connection]] = {}   # (file, process id) -> idle connections
_idle_lock = threading.Lock()


@contextmanager
def _pooled(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection to path that only this call uses; back to the pool after, unless the
    block failed inside a transaction it could not roll back."""
    key = (path, os.getpid())
    with _idle_lock:
        idle = _idle.setdefault(key, [])
        db = idle.pop() if idle else None
    db = db or _connect(path)
    reusable = False
    try:
        yield db
        reusable = not db.in_transaction
    finally:
        if not reusable and db.in_transaction:
            try:
                db.execute("ROLLBACK")
                reusable = True
            except sqlite3.Error:
                pass
        with _idle_lock:
            if reusable and len(idle) < POOL_SIZE:
                idle.append(db)
                db = None
        if db is not None:
            db.close()


_writer_locks: dict[tuple[Path, int], threading.Lock] = {}   # (file, process id) -> one writer at a time


def _writer_lock(path: Path) -> threading.Lock:
    with _idle_lock:
        return _writer_locks.setdefault((path, os.getpid()), threading.Lock())


@contextmanager
def transaction(path: Path) -> Iterator[sqlite3.Connection]:
    """A write transaction, committed (and on disk) when the block ends, rolled back on error.
    StoreBusy when the file stayed locked for BUSY_TIMEOUT_S."""
    lock = _writer_lock(path)
    if not lock.acquire(timeout=BUSY_TIMEOUT_S):
        raise StoreBusy(BUSY_MESSAGE)
    try:
        with _pooled(path) as db:
            try:
                db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                raise (StoreBusy(BUSY_MESSAGE) if "locked" in str(error) else error) from error
            yield db
            db.execute("COMMIT")
    finally:
        lock.release()


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only use of the file: each statement sees the last committed state; a block may
    BEGIN ... COMMIT to read several statements from one snapshot."""
    with _pooled(path) as db:
        yield db
