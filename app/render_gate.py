"""One page run at a time, first come first served: what keeps a class's renders quick.

A Streamlit server runs each session's script in a thread of one Python process, and only one
thread runs Python at a time (the GIL). Fifty students opening a page at once start fifty
script threads that take turns on the GIL a few milliseconds each, so every one of them
finishes at about the time the last does. Measured with the load test (docs/serving.md): fifty
first renders all started within a second and each ran for ~3 s, so the quickest student
waited as long as the slowest; and the switching itself made each render cost ~30% more CPU.

So the router (streamlit_app.py) runs a page inside `PAGE_RUNS.slot()`: SLOTS page runs at
once (one), the others wait their turn in arrival order. The work is the same, but the first
student is served in a twentieth of a second, the second after that, and so on. Measured, one
slot beat two and three (docs/serving.md): the second core still helps, as torch and Arrow
release the GIL and the server's event loop runs beside the page.

A run that takes longer than LONG_RUN seconds (a large corpus uploaded on the Data page, a
model loaded the first time) stops counting against the slots, so one slow page never holds
the class up for more than about a second; it then shares the machine as before.
A waiting student sees Streamlit's running indicator; what the page shows is unchanged.
DHYAN_PAGE_RUNS sets the number of slots (a server with more cores may want more).
"""
from __future__ import annotations

import collections
import os
import threading
import time
from contextlib import contextmanager
from typing import Iterator

SLOTS = 1
LONG_RUN = 1.0   # seconds after which a run no longer holds its slot
PATIENCE = 0.1   # how often a waiting run checks whether a long run has freed a slot


class FairGate:
    """A semaphore that hands its slots out in arrival order (threading.Semaphore lets a thread
    that arrives just as a slot frees take it ahead of those already waiting), and takes a slot
    back from a run that has held it longer than long_run seconds."""

    def __init__(self, slots: int, long_run: float = LONG_RUN, patience: float = PATIENCE):
        if slots < 1:
            raise ValueError("a gate needs at least one slot")
        self.slots, self.long_run, self.patience = slots, long_run, patience
        self._waiting: collections.deque[threading.Event] = collections.deque()
        self._started: dict[threading.Event, float] = {}   # a run holding its turn -> when it started
        self._lock = threading.Lock()

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one slot for the body, waiting in line for it if none is free."""
        turn = threading.Event()
        with self._lock:
            self._waiting.append(turn)
            self._admit()
        while not turn.wait(self.patience):
            with self._lock:   # a run may have become long since: its slot is free
                self._admit()
        try:
            yield
        finally:
            with self._lock:
                del self._started[turn]
                self._admit()

    def _admit(self) -> None:
        """Let the longest-waiting runs in while fewer than `slots` runs are recent (lock held)."""
        now = time.monotonic()
        recent = sum(now - started < self.long_run for started in self._started.values())
        while self._waiting and recent < self.slots:
            turn = self._waiting.popleft()
            self._started[turn] = now
            turn.set()
            recent += 1

    @property
    def waiting(self) -> int:
        """How many runs wait for a slot now."""
        with self._lock:
            return len(self._waiting)

    @property
    def running(self) -> int:
        """How many runs are inside now (long ones included)."""
        with self._lock:
            return len(self._started)


def slots_from_environment() -> int:
    """DHYAN_PAGE_RUNS when it is a whole number of at least 1, else SLOTS."""
    try:
        return max(1, int(os.environ.get("DHYAN_PAGE_RUNS", SLOTS)))
    except ValueError:
        return SLOTS


PAGE_RUNS = FairGate(slots_from_environment())
