"""Short links: a page's state kept on the server behind an id of eight characters.

    links = ShortLinks(store_path(data_dir))
    short_id = links.save_state({"sentence": "राम ने सेब खाया", "models": "encdec,additive"})
    state_link("http://192.168.100.100:8501", "Compare", short_id)
        # 'http://192.168.100.100:8501/Compare?s=Xq3k9PzA' (47 characters)
    links.load_state(short_id)                 # the same dict back
    join_link("http://192.168.100.100:8501", "K7HM")   # '.../?join=K7HM'

Why short: a link a phone scans off a projector. A QR code of up to 62 bytes at error
correction M is version 4 (33x33 modules), readable from the back of a room; the long links
of a 45-word sentence (~2,300 characters) made a version 33 code (149x149 modules). With a host like
192.168.100.100:8501 the longest page's link is 53 characters (tests/test_classroom.py builds
the QR code of every page's link and checks its version).

The id is content-addressed: base62 of sha256 of the state's canonical JSON, first ID_LENGTH
characters (8 x log2(62) = 47.6 bits). The same state always gets the same id, so sharing a
view twice stores nothing new. Two different states whose ids collide (about one chance in four
million among 10,000 states) are told apart by salting: the second takes the id of sha256("1:" + body),
and so on; save_state walks that sequence until it finds its own body or a free id.

Bounds, so no visitor can fill the disk: a state is at most MAX_STATE_BYTES of JSON, and the
table at most MAX_STATES states and MAX_TOTAL_BYTES of bodies. A state not opened or saved for
UNUSED_SECONDS (90 days) is removed; when a cap is reached the states used longest ago are
removed first, so sharing never stops working, and a link the class used recently survives.
"""
from __future__ import annotations

import hashlib
import json
import re
import time
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from core.classroom.db import prepare, reading, transaction
from core.classroom.errors import BadInput, UnknownLink
from core.classroom.store import normalise_code

ID_LENGTH = 8
BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
MAX_STATE_BYTES = 16 * 1024          # a 2,000-character Devanagari sentence is ~6 KB of UTF-8
MAX_KEY_CHARACTERS = 40
MAX_KEYS = 40
MAX_STATES = 10_000
MAX_TOTAL_BYTES = 32 * 1024 * 1024
UNUSED_SECONDS = 90 * 24 * 3600
TOUCH_AFTER_SECONDS = 24 * 3600      # opening a link writes its last use at most once a day
_SALTS = 64                          # ids tried before giving up (one collision is already rare)
_KEY_PATTERN = re.compile(r"[A-Za-z0-9_\-]+")


def _base62(data: bytes, length: int) -> str:
    number = int.from_bytes(data, "big")
    digits = []
    for _ in range(length):
        number, digit = divmod(number, 62)
        digits.append(BASE62[digit])
    return "".join(digits)


def canonical_body(params: dict) -> str:
    """The state as JSON with sorted keys and no spaces, so equal dicts give equal text;
    BadInput for anything but a small dict of short names to text."""
    if not isinstance(params, dict):
        raise BadInput(f"A page's state is a dict of names to text, not {type(params).__name__}.")
    if len(params) > MAX_KEYS:
        raise BadInput(f"A page's state has at most {MAX_KEYS} settings (this one has {len(params):,}).")
    for key, value in params.items():
        if not isinstance(key, str) or not 0 < len(key) <= MAX_KEY_CHARACTERS or not _KEY_PATTERN.fullmatch(key):
            raise BadInput(f"A setting's name is 1 to {MAX_KEY_CHARACTERS} letters, digits, '-' or '_': {str(key)[:50]!r}.")
        if not isinstance(value, str):
            raise BadInput(f"The setting {key!r} must be text, not {type(value).__name__}.")
    body = json.dumps(params, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    try:
        size = len(body.encode("utf-8"))
    except UnicodeEncodeError:   # a lone surrogate: no valid text has one
        raise BadInput("The state contains characters that are not valid text.") from None
    if size > MAX_STATE_BYTES:
        raise BadInput(f"This view is too large to share as a short link ({size:,} bytes; at most "
                       f"{MAX_STATE_BYTES:,}). Shorten the sentence and share again.")
    return body


def candidate_ids(body: str, length: int = ID_LENGTH):
    """The ids body may take, in the order save_state tries them."""
    for salt in range(_SALTS):
        data = (body if salt == 0 else f"{salt}:{body}").encode("utf-8")
        yield _base62(hashlib.sha256(data).digest(), length)


def checked_id(short_id, length: int = ID_LENGTH) -> str:
    """short_id when it has the form of an id; BadInput (with a message for the reader) otherwise."""
    if not isinstance(short_id, str) or len(short_id) != length or any(c not in BASE62 for c in short_id):
        shown = short_id[:20] if isinstance(short_id, str) else type(short_id).__name__
        raise BadInput(f"This link's ?s= ({shown!r}) is not a Dhyan short link: it should be "
                       f"{length} letters and digits. The page opens with its usual settings.")
    return short_id


class ShortLinks:
    """States in one SQLite file (core.classroom.db), shared by threads and processes."""

    def __init__(self, path, now: Callable[[], float] = time.time, id_length: int = ID_LENGTH):
        self.path = prepare(Path(path))
        self.now = now
        self.id_length = id_length

    def save_state(self, params: dict[str, str]) -> str:
        """The short id of this state, stored if it was not already; equal states, equal ids."""
        body = canonical_body(params)
        now = self.now()
        with transaction(self.path) as db:
            for short_id in candidate_ids(body, self.id_length):
                row = db.execute("SELECT body FROM states WHERE id = ?", (short_id,)).fetchone()
                if row is None:
                    self._make_room(db, now, len(body.encode("utf-8")))
                    db.execute("INSERT INTO states VALUES (?, ?, ?, ?)", (short_id, body, now, now))
                    return short_id
                if row[0] == body:
                    db.execute("UPDATE states SET last_used = ? WHERE id = ?", (now, short_id))
                    return short_id
        raise BadInput("This view could not be given a short link; share the long link instead.")

    def load_state(self, short_id: str) -> dict[str, str]:
        """The state saved under short_id. BadInput for a malformed id, UnknownLink for one not
        stored (never saved, or removed after UNUSED_SECONDS unused)."""
        short_id = checked_id(short_id, self.id_length)
        now = self.now()
        with reading(self.path) as db:
            row = db.execute("SELECT body, last_used FROM states WHERE id = ? AND last_used > ?",
                             (short_id, now - UNUSED_SECONDS)).fetchone()
        if row is None:
            raise UnknownLink(f"The link ?s={short_id} is not known here: links unused for "
                              f"{UNUSED_SECONDS // 86400} days are removed. The page opens with its usual settings.")
        body, last_used = row
        if now - last_used > TOUCH_AFTER_SECONDS:
            with transaction(self.path) as db:
                db.execute("UPDATE states SET last_used = MAX(last_used, ?) WHERE id = ?", (now, short_id))
        return json.loads(body)

    def remove_unused(self) -> int:
        """Remove the states unused for UNUSED_SECONDS; the number removed."""
        with transaction(self.path) as db:
            return db.execute("DELETE FROM states WHERE last_used <= ?", (self.now() - UNUSED_SECONDS,)).rowcount

    def _make_room(self, db, now: float, new_bytes: int) -> None:
        """Remove unused states, then the least recently used ones until one more of new_bytes fits."""
        db.execute("DELETE FROM states WHERE last_used <= ?", (now - UNUSED_SECONDS,))
        count, total = db.execute("SELECT COUNT(*), COALESCE(SUM(LENGTH(CAST(body AS BLOB))), 0) FROM states").fetchone()
        while count >= MAX_STATES or total + new_bytes > MAX_TOTAL_BYTES:
            oldest = db.execute("SELECT id, LENGTH(CAST(body AS BLOB)) FROM states ORDER BY last_used LIMIT 1").fetchone()
            if oldest is None:
                return
            db.execute("DELETE FROM states WHERE id = ?", (oldest[0],))
            count, total = count - 1, total - oldest[1]


def state_link(base_url: str, page: str, short_id: str) -> str:
    """The short link of a page's state: base_url/page?s=short_id (page "" for Home)."""
    return f"{base_url.rstrip('/')}/{quote(page)}?s={checked_id(short_id)}"


def join_link(base_url: str, code: str) -> str:
    """The link a phone opens to join a class: base_url/?join=CODE."""
    return f"{base_url.rstrip('/')}/?join={normalise_code(code)}"
