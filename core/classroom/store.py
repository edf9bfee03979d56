"""A live class: a join code, the stop the teacher shows, and the class's answers.

    room = Classroom(store_path(data_dir))
    cls = room.start_class(teacher_token)          # cls.code: "K7HM", shown on the projector
    room.move_to(cls.code, teacher_token, 3)       # the teacher's next button; version + 1
    room.poll(code, known_version)                 # a phone: None while nothing changed
    room.answer(code, "predict-eat", participant, "खाना")
    room.answer_counts(code, "predict-eat")        # {"खाना": 21, "सेब": 6}

Who may do what. Anyone who knows the code may follow the class and answer; the code is
public, it is on the projector. Only the browser that started the class may move or end it:
it proves that with its teacher token (the app's owner token, or any secret of at least
MIN_TOKEN_CHARACTERS), of which only the sha256 is stored; tokens are long and random, so a
plain hash is enough (no password stretching).

How long a class lives. A class ends by itself IDLE_SECONDS after its last start, move or
answer, and in any case MAX_SECONDS after it started; an ended class is unknown to every call
and its rows are removed by the next start_class. Reads never write (no "last seen" update),
so thirty phones polling take no write lock.

Versions. `version` goes up by one on every move and reveal. A phone polls with the version it
last saw and gets the class back when the number differs (not only when greater: a code can be
reused by a new class after the old one ended, whose versions start again at 1).

Bounds, so no visitor can fill the disk: at most MAX_LIVE_CLASSES live classes, MAX_ANSWERS
rows per class, and every id and choice of bounded length (_checked_text).
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from core.classroom.db import prepare, reading, transaction
from core.classroom.errors import BadInput, StoreFull, UnknownClass, WrongSecret

# Join codes: four characters a class reads off a projector and types on a phone. Left out are
# the look-alikes 0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, U/V; a typed code is upper-cased first.
CODE_ALPHABET = "34679ACEFGHJKMNPRTWXY"
CODE_LENGTH = 4                      # 21**4 = 194,481 codes, for at most MAX_LIVE_CLASSES live ones
CODE_PATTERN = re.compile(f"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}")

IDLE_SECONDS = 4 * 3600              # a class ends 4 h after its last start, move or answer
MAX_SECONDS = 12 * 3600              # and 12 h after it started, whatever happens
MAX_LIVE_CLASSES = 200
MAX_ANSWERS = 3000                   # rows per class: 60 phones x 50 prediction stops
MAX_STOP_INDEX = 999
MIN_TOKEN_CHARACTERS = 16
MAX_TOKEN_CHARACTERS = 512
MAX_ID_CHARACTERS = 64               # a stop id or a participant id
MAX_CHOICE_CHARACTERS = 100          # a word of the sentence, or an option's label

_CODE_TRIES = 50                     # random codes tried before giving up (each is free with p > 0.99)


@dataclass(frozen=True)
class Class:
    """What anyone in a class sees: the stop the teacher shows and its version."""
    code: str
    stop_index: int
    revealed: bool
    version: int
    started_at: float
    last_active: float

    @property
    def ends_at(self) -> float:
        """When the class ends unless something happens before (seconds since the epoch)."""
        return min(self.last_active + IDLE_SECONDS, self.started_at + MAX_SECONDS)


def normalise_code(text) -> str:
    """A join code as a person typed it ("k7hm", " K7-HM ") in canonical form; BadInput when
    it cannot be one (wrong length or a character no code has)."""
    if not isinstance(text, str):
        raise BadInput("A class code is four letters and digits, like the one on the teacher's screen.")
    code = re.sub(r"[\s\-]", "", text).upper()[:CODE_LENGTH + 1]
    if not CODE_PATTERN.fullmatch(code):
        raise BadInput(f"{text[:20]!r} is not a class code: a code is {CODE_LENGTH} letters and digits, "
                       "like the one on the teacher's screen.")
    return code


def _checked_text(value, what: str, limit: int, *, pattern: re.Pattern | None = None) -> str:
    """value when it is a non-empty str of at most limit characters with no control characters
    (and matching pattern, if given); BadInput otherwise."""
    if not isinstance(value, str):
        raise BadInput(f"The {what} must be text, not {type(value).__name__}.")
    if not value or len(value) > limit:
        raise BadInput(f"The {what} must be 1 to {limit} characters long (it has {len(value):,}).")
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in value):
        raise BadInput(f"The {what} contains control characters.")
    if pattern is not None and not pattern.fullmatch(value):
        raise BadInput(f"The {what} may contain only letters, digits, '-' and '_'.")
    return value


_ID_PATTERN = re.compile(r"[A-Za-z0-9_\-]+")


def _token_hash(token) -> str:
    if not isinstance(token, str) or not MIN_TOKEN_CHARACTERS <= len(token) <= MAX_TOKEN_CHARACTERS:
        raise WrongSecret("Only the browser that started this class can move it.")
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_teacher_token() -> str:
    """A random teacher token, for a caller that has none of its own to hand start_class."""
    return secrets.token_urlsafe(24)


class Classroom:
    """The classes in one SQLite file (core.classroom.db). Safe to share between threads and
    to open from several processes at once; `now` (seconds since the epoch) is injectable so
    tests can move time instead of sleeping."""

    def __init__(self, path, now: Callable[[], float] = time.time):
        self.path = prepare(Path(path))
        self.now = now

    # ---------------------------------------------------------------- the teacher
    def start_class(self, teacher_token: str) -> Class:
        """A new class at stop 0, version 1, with a join code no live class has."""
        token_hash = _token_hash(teacher_token)
        now = self.now()
        with transaction(self.path) as db:
            self._remove_ended(db, now)
            live = db.execute("SELECT COUNT(*) FROM classes").fetchone()[0]
            if live >= MAX_LIVE_CLASSES:
                raise StoreFull(f"This server already has {MAX_LIVE_CLASSES} live classes, its most. "
                                f"A class ends {IDLE_SECONDS // 3600} hours after its last use; "
                                "try again later or ask whoever runs the server.")
            for _ in range(_CODE_TRIES):
                code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
                try:
                    db.execute("INSERT INTO classes VALUES (?, ?, 0, 0, 1, ?, ?)", (code, token_hash, now, now))
                except sqlite3.IntegrityError:   # a live class has it: draw another
                    continue
                return Class(code, 0, False, 1, now, now)
        raise StoreFull("No free class code was found; try again.")

    def move_to(self, code: str, teacher_token: str, stop_index: int, revealed: bool = False) -> Class:
        """Show stop_index (revealed: with its answer shown) to the whole class; version + 1.
        WrongSecret unless teacher_token is the one the class was started with."""
        if isinstance(stop_index, bool) or not isinstance(stop_index, int) or not 0 <= stop_index <= MAX_STOP_INDEX:
            raise BadInput(f"A stop is a number from 0 to {MAX_STOP_INDEX}.")
        code, token_hash, now = normalise_code(code), _token_hash(teacher_token), self.now()
        with transaction(self.path) as db:
            self._require_teacher(db, code, token_hash, now)
            db.execute("UPDATE classes SET stop_index = ?, revealed = ?, version = version + 1, last_active = ? "
                       "WHERE code = ?", (stop_index, int(bool(revealed)), now, code))
            return self._live(db, code, now)

    def end_class(self, code: str, teacher_token: str) -> None:
        """End the class now: its code and answers are gone."""
        code, token_hash, now = normalise_code(code), _token_hash(teacher_token), self.now()
        with transaction(self.path) as db:
            self._require_teacher(db, code, token_hash, now)
            db.execute("DELETE FROM classes WHERE code = ?", (code,))

    def is_teacher(self, code: str, teacher_token) -> bool:
        """Whether teacher_token started this live class (to show the teacher's controls)."""
        try:
            code, token_hash = normalise_code(code), _token_hash(teacher_token)
        except (BadInput, WrongSecret):
            return False
        with reading(self.path) as db:
            row = db.execute("SELECT teacher_hash FROM classes WHERE code = ? AND " + _LIVE,
                             (code, *self._live_bounds(self.now()))).fetchone()
        return row is not None and hmac.compare_digest(row[0], token_hash)

    # ---------------------------------------------------------------- everyone
    def current_stop(self, code: str) -> Class:
        """The live class with this code; UnknownClass when there is none."""
        code = normalise_code(code)
        with reading(self.path) as db:
            return self._live(db, code, self.now())

    def poll(self, code: str, known_version: int) -> Class | None:
        """None while the class is still at known_version, else the class as it is now: what a
        phone asks every second. UnknownClass once the class has ended."""
        current = self.current_stop(code)
        return None if current.version == known_version else current

    def answer(self, code: str, stop_id: str, participant_id: str, choice: str) -> None:
        """Record participant_id's choice at stop_id, replacing the one it gave there before.
        When this returns the answer is committed to disk: no restart loses it."""
        code = normalise_code(code)
        stop_id = _checked_text(stop_id, "stop id", MAX_ID_CHARACTERS, pattern=_ID_PATTERN)
        participant_id = _checked_text(participant_id, "participant id", MAX_ID_CHARACTERS, pattern=_ID_PATTERN)
        choice = _checked_text(choice, "answer", MAX_CHOICE_CHARACTERS)
        now = self.now()
        with transaction(self.path) as db:
            self._live(db, code, now)
            replacing = db.execute("SELECT 1 FROM answers WHERE code = ? AND stop_id = ? AND participant = ?",
                                   (code, stop_id, participant_id)).fetchone()
            if not replacing:
                count = db.execute("SELECT COUNT(*) FROM answers WHERE code = ?", (code,)).fetchone()[0]
                if count >= MAX_ANSWERS:
                    raise StoreFull(f"This class has {MAX_ANSWERS:,} answers, the most one class keeps; "
                                    "the teacher can start a new class.")
            db.execute("INSERT INTO answers VALUES (?, ?, ?, ?, ?) ON CONFLICT (code, stop_id, participant) "
                       "DO UPDATE SET choice = excluded.choice, answered_at = excluded.answered_at",
                       (code, stop_id, participant_id, choice, now))
            db.execute("UPDATE classes SET last_active = ? WHERE code = ?", (now, code))

    def answer_counts(self, code: str, stop_id: str) -> dict[str, int]:
        """{choice: number of participants whose answer at stop_id it is}, most chosen first
        (ties in the choice's order). sum(values) is the number who answered."""
        code = normalise_code(code)
        stop_id = _checked_text(stop_id, "stop id", MAX_ID_CHARACTERS, pattern=_ID_PATTERN)
        with reading(self.path) as db:
            db.execute("BEGIN")   # one snapshot: the class is live and these are its answers
            self._live(db, code, self.now())
            rows = db.execute("SELECT choice, COUNT(*) AS n FROM answers WHERE code = ? AND stop_id = ? "
                              "GROUP BY choice ORDER BY n DESC, choice", (code, stop_id)).fetchall()
            db.execute("COMMIT")
        return dict(rows)

    def number_answered(self, code: str, stop_id: str) -> int:
        """How many participants have answered at stop_id."""
        return sum(self.answer_counts(code, stop_id).values())

    def my_answer(self, code: str, stop_id: str, participant_id: str) -> str | None:
        """The choice participant_id gave at stop_id, or None (a phone that reloads shows it)."""
        code = normalise_code(code)
        stop_id = _checked_text(stop_id, "stop id", MAX_ID_CHARACTERS, pattern=_ID_PATTERN)
        participant_id = _checked_text(participant_id, "participant id", MAX_ID_CHARACTERS, pattern=_ID_PATTERN)
        with reading(self.path) as db:
            self._live(db, code, self.now())
            row = db.execute("SELECT choice FROM answers WHERE code = ? AND stop_id = ? AND participant = ?",
                             (code, stop_id, participant_id)).fetchone()
        return row[0] if row else None

    # ---------------------------------------------------------------- upkeep
    def remove_ended(self) -> int:
        """Remove every ended class and its answers; the number of classes removed."""
        with transaction(self.path) as db:
            return self._remove_ended(db, self.now())

    @staticmethod
    def _live_bounds(now: float) -> tuple[float, float]:
        return now - IDLE_SECONDS, now - MAX_SECONDS

    def _remove_ended(self, db: sqlite3.Connection, now: float) -> int:
        return db.execute("DELETE FROM classes WHERE NOT (" + _LIVE + ")", self._live_bounds(now)).rowcount

    def _live(self, db: sqlite3.Connection, code: str, now: float) -> Class:
        row = db.execute("SELECT code, stop_index, revealed, version, started_at, last_active FROM classes "
                         "WHERE code = ? AND " + _LIVE, (code, *self._live_bounds(now))).fetchone()
        if row is None:
            raise UnknownClass(f"There is no class {code} right now: check the code on the teacher's screen. "
                               f"A class ends {IDLE_SECONDS // 3600} hours after it was last used.")
        code, stop_index, revealed, version, started_at, last_active = row
        return Class(code, stop_index, bool(revealed), version, started_at, last_active)

    def _require_teacher(self, db: sqlite3.Connection, code: str, token_hash: str, now: float) -> None:
        self._live(db, code, now)
        stored = db.execute("SELECT teacher_hash FROM classes WHERE code = ?", (code,)).fetchone()[0]
        if not hmac.compare_digest(stored, token_hash):
            raise WrongSecret("Only the browser that started this class can move it.")


# A class is live while it has been used in the last IDLE_SECONDS and started in the last MAX_SECONDS.
_LIVE = "last_active > ? AND started_at > ?"
