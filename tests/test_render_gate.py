"""app.render_gate: page runs admitted one at a time in arrival order, a long run not holding
the others up (real threads; no timing figure is asserted, only order and who got in)."""
import threading
import time

import pytest

from app.render_gate import SLOTS, FairGate, slots_from_environment

WAIT = 10.0   # seconds any step may take on a loaded machine before the test calls it stuck


def queue_behind(gate: FairGate, count: int, entered: list, release: threading.Event) -> list[threading.Thread]:
    """count threads that each take a slot, note their number and wait for `release`; started
    one after another, each only once the one before is waiting, so their arrival order is known."""
    threads = []
    for number in range(count):
        def run(number=number):
            with gate.slot():
                entered.append(number)
                release.wait(WAIT)
        thread = threading.Thread(target=run)
        thread.start()
        threads.append(thread)
        deadline = time.monotonic() + WAIT
        while len(entered) + gate.waiting <= number and time.monotonic() < deadline:
            time.sleep(0.001)   # until this thread is inside or in the line
    return threads


def test_runs_are_admitted_one_at_a_time_in_arrival_order():
    gate = FairGate(slots=1, long_run=WAIT * 10)
    entered, order = [], []
    first_release = threading.Event()
    first = queue_behind(gate, 1, entered, first_release)
    assert entered == [0] and gate.running == 1
    release = threading.Event()
    release.set()   # the queued runs leave as soon as they are in
    queued = []
    for number in range(1, 6):
        def run(number=number):
            with gate.slot():
                order.append((number, gate.running))
        thread = threading.Thread(target=run)
        thread.start()
        queued.append(thread)
        deadline = time.monotonic() + WAIT
        while gate.waiting < number and time.monotonic() < deadline:
            time.sleep(0.001)
    assert gate.waiting == 5 and order == [], "nobody passes the run inside"
    first_release.set()
    for thread in first + queued:
        thread.join(WAIT)
    assert [number for number, _ in order] == [1, 2, 3, 4, 5], "first come, first served"
    assert all(running == 1 for _, running in order), "never two at once"
    assert gate.running == 0 and gate.waiting == 0


def test_two_slots_let_two_runs_in_at_once():
    gate = FairGate(slots=2, long_run=WAIT * 10)
    entered = []
    release = threading.Event()
    threads = queue_behind(gate, 3, entered, release)
    assert sorted(entered) == [0, 1] and gate.waiting == 1
    release.set()
    for thread in threads:
        thread.join(WAIT)
    assert sorted(entered) == [0, 1, 2]


def test_a_long_run_stops_holding_the_others_up():
    gate = FairGate(slots=1, long_run=0.2, patience=0.02)
    entered = []
    release = threading.Event()
    threads = queue_behind(gate, 2, entered, release)   # the first never leaves until released
    deadline = time.monotonic() + WAIT
    while len(entered) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert entered == [0, 1], "the second got in while the long first run still ran"
    assert gate.running == 2
    release.set()
    for thread in threads:
        thread.join(WAIT)
    assert gate.running == 0


def test_a_run_that_raises_gives_its_slot_back():
    gate = FairGate(slots=1, long_run=WAIT * 10)
    with pytest.raises(RuntimeError):
        with gate.slot():
            raise RuntimeError("the page failed")
    assert gate.running == 0
    with gate.slot():   # would wait forever had the slot not come back
        assert gate.running == 1


def test_the_number_of_slots_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("DHYAN_PAGE_RUNS", "3")
    assert slots_from_environment() == 3
    monkeypatch.setenv("DHYAN_PAGE_RUNS", " 2 ")
    assert slots_from_environment() == 2
    monkeypatch.delenv("DHYAN_PAGE_RUNS")
    assert slots_from_environment() == SLOTS == 1, "one slot unless the server says otherwise"
    for bad in ("0", "-2", "many", "", "1.5"):   # not a whole number of at least 1: the default
        monkeypatch.setenv("DHYAN_PAGE_RUNS", bad)
        assert slots_from_environment() == SLOTS, bad
    with pytest.raises(ValueError):
        FairGate(slots=0)
