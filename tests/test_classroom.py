"""The classroom store (core.classroom): join codes, the teacher's secret, versions, expiry,
answers counted exactly once under threads and processes, answers surviving a killed server,
and short links that round-trip, stay bounded and fit a small QR code."""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import signal
import sqlite3
import string
import sys
import threading
import types
from pathlib import Path

import pytest
import qrcode
from hypothesis import given, settings, strategies as st

from core.classroom import (BadInput, Classroom, ShortLinks, StoreBusy, StoreFull, UnknownClass, UnknownLink, WrongSecret,
                            join_link, new_teacher_token, normalise_code, state_link, store_path)
from core.classroom import links as links_module
from core.classroom import store as store_module
from core.classroom.store import CODE_ALPHABET, CODE_LENGTH, IDLE_SECONDS, MAX_SECONDS

HOST = "http://192.168.100.100:8501"
SPAWN = multiprocessing.get_context("spawn")   # a fresh interpreter, as a replica behind nginx is


@pytest.fixture(autouse=True)
def plain_main_module(monkeypatch):
    """A spawned process first runs its parent's __main__ again. Once AppTest has run a page in
    this process, __main__ can be the app's own script, so the children would start the app: a
    bare __main__ (no file, no spec) gives them nothing to run but their target."""
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))


class Clock:
    """A clock a test moves by hand: clock.t seconds since the epoch."""
    def __init__(self, t: float = 1_800_000_000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def path(tmp_path) -> Path:
    return store_path(tmp_path / "data")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def room(path, clock) -> Classroom:
    return Classroom(path, now=clock)


@pytest.fixture
def teacher() -> str:
    return new_teacher_token()


def scripted_codes(monkeypatch, *codes: str) -> None:
    """Make start_class draw these codes, in this order, as its random ones."""
    letters = iter("".join(codes))
    monkeypatch.setattr(store_module.secrets, "choice", lambda alphabet: next(letters))


# ---------------------------------------------------------------------- codes
def test_codes_use_no_look_alike_characters_and_are_unique_among_live_classes(room, teacher):
    assert not set(CODE_ALPHABET) & set("0OQD1IL2Z5S8BUV") and set(CODE_ALPHABET) <= set(string.ascii_uppercase + string.digits)
    codes = [room.start_class(teacher).code for _ in range(150)]
    assert all(len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert len(set(codes)) == len(codes)


def test_a_code_a_live_class_has_is_drawn_again(room, teacher, monkeypatch):
    scripted_codes(monkeypatch, "AAAA", "AAAA", "CCCC")
    assert room.start_class(teacher).code == "AAAA"
    assert room.start_class(teacher).code == "CCCC"


def test_a_typed_code_is_read_as_the_projector_shows_it(room, teacher):
    code = room.start_class(teacher).code
    typed = f" {code[:2].lower()}-{code[2:].lower()} "
    assert normalise_code(typed) == code and room.current_stop(typed).code == code
    for bad in ("", "AB", "ABCDEF", "O0O0", "A1A1", None, 1234, "../x"):
        with pytest.raises(BadInput, match="class code|four letters"):
            room.current_stop(bad)


def test_an_unknown_code_is_refused_with_a_message(room):
    with pytest.raises(UnknownClass, match="There is no class AAAA right now"):
        room.current_stop("AAAA")
    with pytest.raises(UnknownClass):
        room.answer("AAAA", "s1", "p1", "x")


def test_the_live_class_cap_refuses_a_new_class(room, teacher, monkeypatch):
    monkeypatch.setattr(store_module, "MAX_LIVE_CLASSES", 3)
    for _ in range(3):
        room.start_class(teacher)
    with pytest.raises(StoreFull, match="3 live classes"):
        room.start_class(teacher)


# ---------------------------------------------------------------------- the teacher
def test_only_the_teachers_secret_moves_or_ends_the_class(room, teacher):
    code = room.start_class(teacher).code
    for stranger in (new_teacher_token(), teacher[:-1] + ("A" if teacher[-1] != "A" else "B"), "", None, "short"):
        with pytest.raises(WrongSecret, match="Only the browser that started this class"):
            room.move_to(code, stranger, 4)
        with pytest.raises(WrongSecret):
            room.end_class(code, stranger)
        assert not room.is_teacher(code, stranger)
    assert room.current_stop(code).stop_index == 0 and room.current_stop(code).version == 1
    assert room.is_teacher(code, teacher)
    room.end_class(code, teacher)
    with pytest.raises(UnknownClass):
        room.current_stop(code)


def test_the_teacher_token_is_stored_only_as_a_hash(room, teacher, path):
    room.start_class(teacher)
    files = [path, Path(f"{path}-wal")]
    assert not any(teacher.encode() in file.read_bytes() for file in files if file.exists())
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM classes WHERE teacher_hash = ?",
                          (hashlib.sha256(teacher.encode()).hexdigest(),)).fetchone()[0] == 1


def test_every_move_raises_the_version_and_a_poll_says_what_changed(room, teacher):
    start = room.start_class(teacher)
    assert room.poll(start.code, start.version) is None
    moved = room.move_to(start.code, teacher, 2)
    assert (moved.stop_index, moved.revealed, moved.version) == (2, False, start.version + 1)
    assert room.poll(start.code, start.version) == moved and room.poll(start.code, moved.version) is None
    revealed = room.move_to(start.code, teacher, 2, revealed=True)
    assert revealed.revealed and revealed.version == moved.version + 1
    assert room.current_stop(start.code) == revealed


@pytest.mark.parametrize("stop", [-1, 1000, 2.0, "3", True, None])
def test_a_stop_that_is_not_a_small_whole_number_is_refused(room, teacher, stop):
    code = room.start_class(teacher).code
    with pytest.raises(BadInput, match="A stop is a number"):
        room.move_to(code, teacher, stop)


# ---------------------------------------------------------------------- expiry
def test_a_class_ends_after_hours_without_use(room, teacher, clock):
    code = room.start_class(teacher).code
    clock.t += IDLE_SECONDS - 60
    room.answer(code, "s1", "p1", "x")          # an answer is use: the class lives on
    clock.t += IDLE_SECONDS - 60
    assert room.current_stop(code).code == code
    clock.t += 61
    for call in (lambda: room.current_stop(code), lambda: room.poll(code, 1),
                 lambda: room.answer(code, "s1", "p2", "x"), lambda: room.move_to(code, teacher, 1),
                 lambda: room.answer_counts(code, "s1")):
        with pytest.raises(UnknownClass):
            call()
    assert not room.is_teacher(code, teacher)


def test_a_class_ends_at_the_latest_hours_after_it_started(room, teacher, clock):
    code = room.start_class(teacher).code
    while clock.t + IDLE_SECONDS / 2 < 1_800_000_000.0 + MAX_SECONDS:
        clock.t += IDLE_SECONDS / 2
        room.move_to(code, teacher, 1)
    clock.t = 1_800_000_000.0 + MAX_SECONDS + 1
    with pytest.raises(UnknownClass):
        room.current_stop(code)


def test_an_ended_class_is_removed_and_its_code_can_be_used_again(room, teacher, clock, path, monkeypatch):
    scripted_codes(monkeypatch, "AAAA", "AAAA")
    old = room.start_class(teacher)
    for stop in range(1, 5):
        room.move_to(old.code, teacher, stop)
    room.answer(old.code, "s1", "p1", "x")
    clock.t += IDLE_SECONDS + 1
    new = room.start_class(new_teacher_token())   # removes the ended class first, then takes its code
    assert new.code == old.code and new.version == 1
    assert room.poll(new.code, 5) == new           # a phone of the old class sees the new one
    assert room.answer_counts(new.code, "s1") == {}
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 0
    assert not room.is_teacher(new.code, teacher)


# ---------------------------------------------------------------------- answers
def test_one_answer_per_participant_and_a_new_one_replaces_it(room, teacher):
    code = room.start_class(teacher).code
    room.answer(code, "eat", "p1", "खाना")
    room.answer(code, "eat", "p2", "खाना")
    room.answer(code, "eat", "p3", "सेब")
    room.answer(code, "other", "p1", "सेब")
    assert room.answer_counts(code, "eat") == {"खाना": 2, "सेब": 1}
    room.answer(code, "eat", "p1", "सेब")
    assert room.answer_counts(code, "eat") == {"सेब": 2, "खाना": 1}
    assert room.number_answered(code, "eat") == 3 and room.number_answered(code, "nobody") == 0
    assert room.my_answer(code, "eat", "p1") == "सेब" and room.my_answer(code, "eat", "p9") is None


@pytest.mark.parametrize("stop_id, participant, choice, message", [
    ("s1", "p1", 3, "answer must be text"),
    ("s1", "p1", None, "answer must be text"),
    ("s1", "p1", "", "1 to 100 characters"),
    ("s1", "p1", "x" * 101, "1 to 100 characters"),
    ("s1", "p1", "a\x00b", "control characters"),
    ("s1", "p1", "a\nb", "control characters"),
    ("s1", "p 1", "x", "only letters, digits"),
    ("s1", "p" * 65, "x", "1 to 64 characters"),
    ("s1", ["p1"], "x", "participant id must be text"),
    ("../s1", "p1", "x", "only letters, digits"),
    ("", "p1", "x", "1 to 64 characters"),
])
def test_absurd_answers_are_refused_with_a_message(room, teacher, stop_id, participant, choice, message):
    code = room.start_class(teacher).code
    with pytest.raises(BadInput, match=message):
        room.answer(code, stop_id, participant, choice)
    assert room.answer_counts(code, "s1") == {}


def test_the_answer_cap_of_a_class_refuses_new_participants_not_changed_answers(room, teacher, monkeypatch):
    monkeypatch.setattr(store_module, "MAX_ANSWERS", 3)
    code = room.start_class(teacher).code
    for participant in ("p1", "p2", "p3"):
        room.answer(code, "s1", participant, "a")
    with pytest.raises(StoreFull, match="3 answers"):
        room.answer(code, "s1", "p4", "a")
    room.answer(code, "s1", "p1", "b")
    assert room.answer_counts(code, "s1") == {"a": 2, "b": 1}


def test_thirty_phones_answering_at_once_from_threads_are_all_counted_once(room, teacher):
    code = room.start_class(teacher).code
    start = threading.Barrier(30)
    errors = []

    def phone(i: int) -> None:
        try:
            start.wait()
            room.answer(code, "eat", f"phone{i}", "wrong")
            room.answer(code, "eat", f"phone{i}", f"word{i % 3}")   # a change of mind replaces the first
        except Exception as error:   # noqa: BLE001 -- reported below
            errors.append(error)

    threads = [threading.Thread(target=phone, args=(i,)) for i in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert room.answer_counts(code, "eat") == {"word0": 10, "word1": 10, "word2": 10}


def _answer_from_process(path: str, code: str, first: int, count: int, start) -> None:
    room = Classroom(path)
    start.wait()
    for i in range(first, first + count):
        room.answer(code, "eat", f"phone{i}", "wrong")
        room.answer(code, "eat", f"phone{i}", f"word{i % 3}")


def test_thirty_phones_answering_through_several_server_processes_are_all_counted_once(path, teacher):
    code = Classroom(path).start_class(teacher).code
    start = SPAWN.Barrier(3)
    processes = [SPAWN.Process(target=_answer_from_process, args=(str(path), code, 10 * k, 10, start)) for k in range(3)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
    assert [process.exitcode for process in processes] == [0, 0, 0]
    assert Classroom(path).answer_counts(code, "eat") == {"word0": 10, "word1": 10, "word2": 10}


def _prepare_from_process(path: str, start) -> None:
    start.wait()
    Classroom(path)
    ShortLinks(path)


def test_replicas_starting_at_once_on_a_new_file_all_open_it(path):
    start = SPAWN.Barrier(4)
    processes = [SPAWN.Process(target=_prepare_from_process, args=(str(path), start)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
    assert [process.exitcode for process in processes] == [0] * 4


def _answer_until_killed(path: str, code: str, acknowledged) -> None:
    room = Classroom(path)
    for i in range(10_000):
        room.answer(code, "eat", f"phone{i}", f"word{i % 3}")
        acknowledged.put(i)            # the phone has been told "answer saved"


def _answers_seen_by_a_new_process(path: str, code: str, wanted: int, results) -> None:
    room = Classroom(path)
    results.put([room.my_answer(code, "eat", f"phone{i}") for i in range(wanted)])


def test_a_server_killed_mid_class_loses_no_acknowledged_answer(path, teacher):
    code = Classroom(path).start_class(teacher).code
    acknowledged = SPAWN.Queue()
    server = SPAWN.Process(target=_answer_until_killed, args=(str(path), code, acknowledged))
    server.start()
    last = 0
    while last < 25:
        last = acknowledged.get(timeout=120)
    os.kill(server.pid, signal.SIGKILL)
    server.join(60)
    while not acknowledged.empty():
        last = acknowledged.get()
    results = SPAWN.Queue()
    restarted = SPAWN.Process(target=_answers_seen_by_a_new_process, args=(str(path), code, last + 1, results))
    restarted.start()
    seen = results.get(timeout=120)
    restarted.join(60)
    assert seen == [f"word{i % 3}" for i in range(last + 1)]


def test_a_writer_that_finds_the_file_locked_too_long_gets_a_message(path, teacher, monkeypatch):
    from core.classroom import db as db_module
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_S", 0.2)
    room = Classroom(path)
    code = room.start_class(teacher).code
    other_replica = sqlite3.connect(path, isolation_level=None)
    other_replica.execute("BEGIN IMMEDIATE")
    with pytest.raises(StoreBusy, match="The server is very busy"):
        room.answer(code, "s1", "p1", "x")
    other_replica.execute("ROLLBACK")
    room.answer(code, "s1", "p1", "x")
    assert room.answer_counts(code, "s1") == {"x": 1}


def test_the_file_is_in_wal_mode_with_a_busy_timeout(path, room):
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    from core.classroom import db as db_module
    with db_module.reading(path) as db:
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2   # FULL


# ---------------------------------------------------------------------- short links
@pytest.fixture
def links(path, clock) -> ShortLinks:
    return ShortLinks(path, now=clock)


def test_a_state_comes_back_from_its_short_id_and_the_same_state_gets_the_same_id(links):
    state = {"sentence": "राम ने सेब खाया", "models": "encdec,additive", "step": "3"}
    short_id = links.save_state(state)
    assert re.fullmatch(r"[0-9A-Za-z]{8}", short_id)
    assert links.load_state(short_id) == state
    assert links.save_state(dict(reversed(list(state.items())))) == short_id
    assert links.save_state({**state, "step": "4"}) != short_id


def test_colliding_ids_are_told_apart(path):
    links = ShortLinks(path, id_length=2)     # 62**2 ids: 300 states collide several times
    states = [{"n": str(i)} for i in range(300)]
    ids = [links.save_state(state) for state in states]
    first_choices = {next(links_module.candidate_ids(links_module.canonical_body(s), 2)) for s in states}
    assert len(first_choices) < len(states)   # collisions happened
    assert len(set(ids)) == len(states)
    assert [links.load_state(short_id) for short_id in ids] == states
    assert [links.save_state(state) for state in states] == ids


def test_a_state_too_large_to_keep_is_refused_with_a_message(links):
    with pytest.raises(BadInput, match=r"too large to share as a short link \(.* bytes; at most 16,384\)"):
        links.save_state({"sentence": "क" * 6000})
    for bad, message in [({"sentence": 3}, "must be text"), ("sentence=x", "dict of names"),
                         ({"a b": "x"}, "setting's name"), ({f"k{i}": "x" for i in range(41)}, "at most 40"),
                         ({"s": "\ud800"}, "not valid text")]:
        with pytest.raises(BadInput, match=message):
            links.save_state(bad)


@pytest.mark.parametrize("short_id", ["", "abc", "abcdefghi", "abcdefg!", "../../et", "abcd efg", "ábcdefgh",
                                      None, 12345678, ["abcdefgh"]])
def test_a_malformed_short_id_is_refused_cleanly(links, short_id):
    with pytest.raises(BadInput, match="is not a Dhyan short link"):
        links.load_state(short_id)


def test_an_unknown_short_id_says_so(links):
    with pytest.raises(UnknownLink, match="is not known here"):
        links.load_state("abcdefgh")


def test_a_state_unused_for_ninety_days_is_gone_and_one_in_use_stays(links, clock):
    used = links.save_state({"a": "used"})
    unused = links.save_state({"a": "unused"})
    clock.t += 60 * 86400
    links.load_state(used)
    clock.t += 31 * 86400
    assert links.load_state(used) == {"a": "used"}
    with pytest.raises(UnknownLink):
        links.load_state(unused)
    assert links.remove_unused() == 1


def test_when_the_store_is_full_the_states_used_longest_ago_go_first(links, clock, monkeypatch):
    monkeypatch.setattr(links_module, "MAX_STATES", 5)
    ids = []
    for i in range(5):
        ids.append(links.save_state({"n": str(i)}))
        clock.t += 2 * 86400
    links.load_state(ids[0])                      # opened again: now the most recently used
    ids.append(links.save_state({"n": "5"}))
    ids.append(links.save_state({"n": "6"}))
    for gone in ids[1:3]:
        with pytest.raises(UnknownLink):
            links.load_state(gone)
    assert [links.load_state(i) for i in ids[:1] + ids[3:]] == [{"n": n} for n in "03456"]
    monkeypatch.setattr(links_module, "MAX_TOTAL_BYTES", 40)   # the five 9-byte bodies and a 32-byte one do not fit
    big = links.save_state({"n": "x" * 25})
    assert links.load_state(big) == {"n": "x" * 25}
    with sqlite3.connect(links.path) as db:
        assert db.execute("SELECT SUM(LENGTH(CAST(body AS BLOB))) FROM states").fetchone()[0] <= 40


def _page_paths() -> list[str]:
    """Every page's URL path, as the router serves it ("" for Home, at the root)."""
    root = Path(__file__).resolve().parents[1] / "pages"
    names = [re.sub(r"^\d+_", "", page.stem) for page in sorted(root.glob("*.py"))]
    assert "Compare" in names
    return ["" if name == "Home" else name for name in names]


def _qr_version(link: str, level) -> int:
    code = qrcode.QRCode(error_correction=level)
    code.add_data(link)
    code.make(fit=True)
    return code.version


def test_every_pages_short_link_fits_sixty_characters_and_a_small_qr_code(links):
    short_id = links.save_state({"sentence": "क" * 2000, "models": "encdec,additive,dot,general,uniform"})
    for page in _page_paths():
        link = state_link(HOST, page, short_id)
        assert link.endswith(f"?s={short_id}") and len(link) <= 60, link
        for level in (qrcode.constants.ERROR_CORRECT_M, qrcode.constants.ERROR_CORRECT_L):
            assert _qr_version(link, level) <= 4, link


def test_a_join_link_is_short_and_names_the_code(room, teacher):
    code = room.start_class(teacher).code
    link = join_link(HOST, code.lower())
    assert link == f"{HOST}/?join={code}" and len(link) <= 60
    assert _qr_version(link, qrcode.constants.ERROR_CORRECT_M) <= 3
    with pytest.raises(BadInput):
        join_link(HOST, "O0O0")


_KEYS = st.text(alphabet=string.ascii_letters + string.digits + "_-", min_size=1, max_size=40)
_DEVANAGARI = st.text(alphabet=st.characters(min_codepoint=0x0900, max_codepoint=0x097F), max_size=200)
_ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)


@settings(max_examples=60, deadline=None)
@given(state=st.dictionaries(_KEYS, st.one_of(_DEVANAGARI, _ANY_TEXT), max_size=8))
def test_any_state_of_text_comes_back_from_its_short_link(tmp_path_factory, state):
    links = ShortLinks(store_path(tmp_path_factory.getbasetemp() / "hypothesis"))
    short_id = links.save_state(state)
    assert links.load_state(short_id) == state
    assert links.save_state(dict(state)) == short_id
