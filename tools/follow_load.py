"""`python -m tools.loadtest --follow N`: N simulated phones follow a class on a server, and the
time from the teacher moving on to each phone's page showing the new stop.

Each phone is a websocket session as tools.loadtest opens them: it opens /Lesson?join=CODE and
then does what a browser does for the page's st.fragment(run_every=1 s): it sends the fragment's
rerun at the interval the server announced (ForwardMsg auto_rerun). The teacher moves the class
through core.classroom directly, in the server's data folder, `moves` times; a phone's latency
for a move is from Classroom.move_to returning to the phone receiving the new stop's title (the
page's h1). Target (issue 24): p95 <= 2 s for 30 phones.
"""
from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from core.classroom import Classroom, new_teacher_token, store_path
from tools.servers import LocalServer
from tools.stats import percentile

PAGE = "Lesson"


@dataclass
class FollowReport:
    phones: int
    moves: int
    followed: int                 # (phone, move) pairs that saw the new stop in time
    latency_median_seconds: float
    latency_p95_seconds: float
    latency_max_seconds: float
    problems: list[str] = field(default_factory=list)

    def text(self) -> str:
        lines = [f"{self.phones} phones following {self.moves} moves: {self.followed}/{self.phones * self.moves} "
                 f"saw the new stop; latency median {self.latency_median_seconds:.2f} s, "
                 f"p95 {self.latency_p95_seconds:.2f} s, max {self.latency_max_seconds:.2f} s"]
        return "\n".join(lines + [f"  failed: {problem}" for problem in self.problems])


def _rerun(code: str, page_hash: str = "", fragment: str = "") -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg
    message = BackMsg()
    state = message.rerun_script
    state.query_string = urllib.parse.urlencode({"join": code})
    state.page_name = PAGE
    if page_hash:
        state.page_script_hash = page_hash
    if fragment:
        state.fragment_id, state.is_auto_rerun = fragment, True
    return message.SerializeToString()


class Phone:
    """One phone's websocket: it records when each title first arrives (title -> perf_counter)."""

    def __init__(self, url: str, code: str):
        self.url, self.code = url, code
        self.seen: dict[str, float] = {}
        self.problem = ""

    async def run(self, stop: asyncio.Event) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
        from websockets.asyncio.client import connect
        stream = self.url.replace("http://", "ws://", 1).rstrip("/") + "/_stcore/stream"
        try:
            async with connect(stream, subprotocols=["streamlit"], max_size=64 * 1024 * 1024,
                               ping_interval=None) as websocket:
                await websocket.send(_rerun(self.code))
                page_hash, ticker = "", None
                while not stop.is_set():
                    try:
                        raw = await asyncio.wait_for(websocket.recv(), timeout=0.5)
                    except TimeoutError:
                        continue
                    message = ForwardMsg()
                    message.ParseFromString(raw)
                    kind = message.WhichOneof("type")
                    if kind == "new_session":
                        page_hash = message.new_session.page_script_hash or page_hash
                    elif kind == "auto_rerun":
                        if ticker is not None:
                            ticker.cancel()
                        ticker = asyncio.create_task(self._tick(websocket, page_hash, message.auto_rerun, stop))
                    elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                        element = message.delta.new_element
                        if element.WhichOneof("type") == "heading":
                            self.seen.setdefault(element.heading.body, time.perf_counter())
                if ticker is not None:
                    ticker.cancel()
        except Exception as error:   # a dropped connection is a phone that failed, reported
            self.problem = f"{type(error).__name__}: {error}"

    async def _tick(self, websocket, page_hash: str, auto_rerun, stop: asyncio.Event) -> None:
        """The browser's timer for a run_every fragment."""
        while not stop.is_set():
            await asyncio.sleep(auto_rerun.interval)
            await websocket.send(_rerun(self.code, page_hash, auto_rerun.fragment_id))


async def _follow(url: str, room: Classroom, phones: int, moves: int, wait: float) -> tuple[list[float], list[str]]:
    from app.lesson_stops import STOPS
    token = new_teacher_token()
    code = room.start_class(token).code
    stop = asyncio.Event()
    crowd = [Phone(url, code) for _ in range(phones)]
    tasks = [asyncio.create_task(phone.run(stop)) for phone in crowd]
    latencies, problems = [], []
    first = STOPS[0].title
    deadline = time.perf_counter() + 240
    while time.perf_counter() < deadline and not all(first in phone.seen for phone in crowd):
        await asyncio.sleep(0.2)    # every phone has opened the class (the first render imports torch)
    # Two laps over stops 1..moves: the first fills the server's caches (models' translations of
    # each stop's sentence), as the teacher's own screen does in a class, where it is the
    # teacher's click that renders a stop first; the second is measured.
    for lap in ("warm-up", "measured"):
        for move in [0] + list(range(1, moves + 1)):
            title = STOPS[move % len(STOPS)].title
            for phone in crowd:
                phone.seen.pop(title, None)
            await asyncio.sleep(1.5)    # phones at rest: mid-poll, as in a class
            room.move_to(code, token, move % len(STOPS))
            moved = time.perf_counter()
            end = moved + wait
            while time.perf_counter() < end and not all(title in phone.seen for phone in crowd):
                await asyncio.sleep(0.05)
            if lap == "warm-up" or move == 0:
                continue
            for number, phone in enumerate(crowd):
                if title in phone.seen:
                    latencies.append(phone.seen[title] - moved)
                else:
                    problems.append(f"phone {number} move {move}: "
                                    f"{phone.problem or f'no new stop within {wait:.0f} s'}")
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    return latencies, problems


def run_follow_test(phones: int = 30, moves: int = 5, url: str | None = None, data_dir: Path | None = None,
                    wait: float = 20.0) -> FollowReport:
    """With url None, a server started here on a fresh data folder; else url's server, whose data
    folder (DHYAN_DATA_DIR) must be data_dir so the class is the one the phones join."""
    if url is not None and data_dir is None:
        raise ValueError("--follow with --url needs --data-dir: the server's DHYAN_DATA_DIR")
    with tempfile.TemporaryDirectory(prefix="dhyan-follow-") as scratch:
        folder = Path(data_dir or scratch)
        server = LocalServer(folder) if url is None else None
        try:
            room = Classroom(store_path(folder))
            latencies, problems = asyncio.run(_follow(url or server.url, room, phones, moves, wait))
        finally:
            if server is not None:
                server.close()
    return FollowReport(phones, moves, len(latencies),
                        round(statistics.median(latencies), 3) if latencies else 0.0,
                        round(percentile(latencies, 95), 3) if latencies else 0.0,
                        round(max(latencies), 3) if latencies else 0.0, problems[:20])
