"""Load test: many sessions at once against one `streamlit run` server, no browser needed.

    python -m tools.loadtest --sessions 20 --json
    python -m tools.loadtest --sessions 20 --rounds 3 --url http://127.0.0.1:8501
    python -m tools.loadtest --sessions 50 --rounds 2 --replicas 2    # through nginx (tools.serve)
    python -m tools.loadtest --sessions 20 --profile /tmp/render.txt  # where the server's time goes
    python -m tools.loadtest --sessions 50 --same-sentence            # a class opening the teacher's link

Each session is a websocket client speaking Streamlit's own protocol (the protobuf BackMsg and
ForwardMsg the browser exchanges with the server at /_stcore/stream): it asks for the Compare
page with its own sentence in the URL (?sentence=...), reads the page's elements until the
server reports the script finished, and checks what came back: the run finished normally,
no exception or error box was drawn, and a translation was shown. With --rounds N a session
then types N-1 more sentences into the sentence box, one render each, as a student would.

Without --url the runner starts its own server on 127.0.0.1 (a free port, a temporary data
folder) and stops it at the end; with --replicas N it starts N servers behind nginx instead
(tools.serve, the deployment of deploy/nginx.conf) and every session goes through the proxy. Everything is bounded: at most MAX_SESSIONS sessions, a
time limit per render and for the whole run; only loopback addresses are contacted.

The client side needs only `websockets` (installed with streamlit's server) and the protobuf
classes in streamlit.proto; like the tests, it is a tool around the app, not part of it.

Printed (or with --json, one JSON object): sessions, renders, failures (with reasons), wall
time, renders per second, render latency (median, p95, max) in seconds, and for a server
started here the CPU seconds its processes spent per render (from /proc: a figure that other
jobs on the machine disturb far less than latency) with the load average before and after.

--profile FILE samples the server (one replica) with py-spy while the sessions run (the thread
holding the GIL, 100 times a second, without stopping the process), writes the raw stacks to
FILE and adds to the report the share of samples in each part of a render (PROFILE_PARTS).
py-spy is a development tool: `pip install py-spy` where it is missing.
"""
from __future__ import annotations

import argparse
import asyncio
import ipaddress
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tools.servers import LocalServer
from tools.stats import percentile

MAX_SESSIONS = 100
MAX_REPLICAS = 8
# Short to medium sentences in the shipped vocabulary's domain, and combinations of them, so
# every session asks for a sentence no other session asked for (no shared cache hits).
_CLAUSES = ["मैं खाना खा रहा हूँ", "वह पानी पी रहा है", "वह किताब पढ़ रही है", "हम खाना खा रहे हैं",
            "लड़का स्कूल जाता है", "मेरी बहन बाज़ार में सब्ज़ी ख़रीद रही है", "वह खाना खा रही है",
            "हम पानी पी रहे हैं", "मैं किताब पढ़ रहा हूँ", "राम और सीता पार्क में क्रिकेट खेल रहे हैं"]


SEED = _CLAUSES[0]   # the app's default sentence (core.nmt.probes.SEED_SENTENCE)


def sentences(count: int) -> list[str]:
    """count distinct sentences: the clauses, then 'A और B', 'A और B और C', ... of different clauses."""
    found: list[str] = []
    for length in range(1, 5):   # 10 + 90 + 720 + 5040 sentences, at most 4 clauses (~35 words)
        for clauses in itertools.permutations(_CLAUSES, length):
            if len(found) == count:
                return found
            found.append(" और ".join(clauses))
    raise ValueError(f"at most {len(found)} distinct sentences")


@dataclass
class Render:
    session: int
    round: int
    sentence: str
    seconds: float = 0.0
    ok: bool = False
    problem: str = ""
    translations: list[str] = field(default_factory=list)
    sentence_box: str | None = None   # the widget id of the page's sentence box
    replica: str | None = None   # the proxy's X-Dhyan-Replica answer: which replica held the websocket


@dataclass
class Report:
    sessions: int
    rounds: int
    page: str
    renders: int
    failed: int
    wall_seconds: float
    renders_per_second: float
    latency_median_seconds: float
    latency_p95_seconds: float
    latency_max_seconds: float
    problems: list[str]
    server: str
    replicas: int = 1
    # CPU seconds the server's processes spent during the measured run (None: not started here)
    server_cpu_seconds: float | None = None
    cpu_seconds_per_render: float | None = None
    load_average_before: list[float] | None = None   # 1, 5, 15 minutes, as the run started ...
    load_average_after: list[float] | None = None    # ... and as it ended: how busy the machine was
    profile: dict | None = None   # --profile: the share of samples per part of a render

    def text(self) -> str:
        lines = [f"{self.sessions} sessions x {self.rounds} renders of {self.page} on {self.server}"
                 f"{f' ({self.replicas} replicas behind nginx)' if self.replicas > 1 else ''}: "
                 f"{self.renders - self.failed}/{self.renders} succeeded in {self.wall_seconds:.1f} s; "
                 f"{self.renders_per_second:.2f} renders/s; latency median {self.latency_median_seconds:.2f} s, "
                 f"p95 {self.latency_p95_seconds:.2f} s, max {self.latency_max_seconds:.2f} s"]
        if self.cpu_seconds_per_render is not None:
            lines.append(f"  server CPU: {self.server_cpu_seconds:.1f} s, {1000 * self.cpu_seconds_per_render:.0f} ms "
                         f"per render; load average {self.load_average_before} before, {self.load_average_after} after")
        if self.profile:
            lines.append(f"  profile ({self.profile['samples']} samples of the thread holding the GIL):")
            lines += [f"    {share:5.1f}%  {part}" for part, share in self.profile["parts"].items()]
        lines += [f"  failed: {problem}" for problem in self.problems]
        return "\n".join(lines)


# ------------------------------------------------------------------ one session


def _check_loopback(url: str) -> None:
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ValueError(f"refusing to load-test {host!r}: only loopback addresses (127.0.0.1, localhost)")


def _rerun_message(page: str, sentence: str, models: str, sentence_box: str | None) -> bytes:
    """The first render opens the page with ?sentence=; later ones type into the sentence box
    (its widget id, learnt from the first render), as a browser sends a changed text input."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    message = BackMsg()
    state = message.rerun_script
    state.query_string = urllib.parse.urlencode({"sentence": sentence, "models": models})
    state.page_name = page
    if sentence_box is not None:
        state.widget_states.widgets.add(id=sentence_box, string_value=sentence)
    return message.SerializeToString()


def _read_render(messages, render: Render) -> None:
    """Fill render from ForwardMsgs up to the script_finished of this run."""
    from streamlit.proto.Alert_pb2 import Alert
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    for forward in messages:
        kind = forward.WhichOneof("type")
        if kind == "page_not_found":
            render.problem = "page not found"
        elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            element = forward.delta.new_element
            shown = element.WhichOneof("type")
            if shown == "exception":
                render.problem = render.problem or f"exception: {element.exception.type}: {element.exception.message[:200]}"
            elif shown == "alert" and element.alert.format == Alert.ERROR:
                render.problem = render.problem or f"error box: {element.alert.body[:200]}"
            elif shown == "text_input" and element.text_input.id.endswith("_sentence"):
                render.sentence_box = element.text_input.id
            elif shown == "markdown" and element.markdown.body.startswith("**Translation:** "):
                render.translations.append(element.markdown.body[len("**Translation:** "):])
        elif kind == "script_finished":
            status = forward.script_finished
            if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue   # a rerun follows; its own script_finished ends this render
            if status != ForwardMsg.FINISHED_SUCCESSFULLY:
                render.problem = render.problem or f"script finished with status {status}"
            elif not render.translations and not render.problem:
                render.problem = "the page showed no translation"
            render.ok = not render.problem
            return
    render.problem = render.problem or "the connection closed before the script finished"


async def _session(url: str, page: str, number: int, chosen: list[str], models: str, render_timeout: float,
                   start: asyncio.Event, cookie: str | None = None) -> list[Render]:
    """One browser tab: a websocket (with `cookie` sent as a browser would, e.g. the proxy's
    route) and a render per sentence in `chosen`."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect

    renders = [Render(number, i, sentence) for i, sentence in enumerate(chosen)]
    stream = url.replace("http://", "ws://", 1).rstrip("/") + "/_stcore/stream"
    await start.wait()
    try:
        async with connect(stream, subprotocols=["streamlit"], max_size=64 * 1024 * 1024,
                           open_timeout=render_timeout, ping_interval=None,
                           additional_headers={"Cookie": cookie} if cookie else None) as websocket:
            replica = websocket.response.headers.get("X-Dhyan-Replica") if websocket.response else None
            for render in renders:
                render.replica = replica
            sentence_box = None
            for render in renders:
                began = time.perf_counter()
                await websocket.send(_rerun_message(page, render.sentence, models, sentence_box))
                collected = []
                try:
                    async with asyncio.timeout(render_timeout):
                        while True:
                            message = ForwardMsg()
                            message.ParseFromString(await websocket.recv())
                            collected.append(message)
                            if message.WhichOneof("type") == "script_finished" and \
                                    message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                                break
                except TimeoutError:
                    render.problem = f"no answer within {render_timeout:.0f} s"
                render.seconds = time.perf_counter() - began
                if not render.problem:
                    _read_render(collected, render)
                    sentence_box = render.sentence_box or sentence_box
    except Exception as error:  # a refused or dropped connection is a failed render, reported
        for render in renders:
            if not render.ok and not render.problem:
                render.problem = f"connection: {type(error).__name__}: {error}"
    return renders


def session_sentences(count: int, rounds: int, same: bool = False) -> list[str]:
    """The sentence of every render, session by session: each its own, or with `same` the one
    sentence a whole class gets from the teacher's link."""
    return [SEED] * (count * rounds) if same else sentences(count * rounds)


async def _run_sessions(url: str, page: str, count: int, rounds: int, models: str, render_timeout: float,
                        total_timeout: float, same: bool = False) -> tuple[list[Render], float]:
    pool = session_sentences(count, rounds, same)
    start = asyncio.Event()
    tasks = [asyncio.create_task(_session(url, page, i, pool[i * rounds:(i + 1) * rounds], models, render_timeout,
                                          start)) for i in range(count)]
    began = time.perf_counter()
    start.set()   # every session connects at the same moment
    done, pending = await asyncio.wait(tasks, timeout=total_timeout)
    for task in pending:
        task.cancel()
    wall = time.perf_counter() - began
    renders = []
    for i, task in enumerate(tasks):
        if task in done and not task.cancelled() and task.exception() is None:
            renders += task.result()
        else:
            renders += [Render(i, r, pool[i * rounds + r], problem="the run's time limit ended this session")
                        for r in range(rounds)]
    return renders, wall


def render_once(url: str, sentence: str, page: str = "Compare", models: str = "encdec,additive",
                cookie: str | None = None, timeout: float = 240) -> Render:
    """One session, one render of `page` with `sentence`: what a browser opening the link gets."""
    _check_loopback(url)
    start = asyncio.Event()
    start.set()
    return asyncio.run(_session(url, page, 0, [sentence], models, timeout, start, cookie))[0]


# ------------------------------------------------------------------ the server


def process_cpu_seconds(pids: list[int]) -> float | None:
    """User + system CPU seconds the processes have used so far (every thread; Linux's /proc),
    None where it cannot be read."""
    total = 0
    try:
        for pid in pids:
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()   # after "pid (name)": state is field 3
            total += int(fields[11]) + int(fields[12])   # utime, stime (fields 14 and 15) in clock ticks
    except (OSError, IndexError, ValueError):
        return None
    return total / os.sysconf("SC_CLK_TCK")


def _load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


# ------------------------------------------------------------------ profile: where a render goes

# Each sample (a stack of the thread holding the GIL) goes to the first part whose pattern is in
# one of its frames, so torch called from a page counts as torch, json inside altair as charts.
PROFILE_PARTS = (
    ("torch: encoding and decoding (core.nmt)", ("torch/", "core/nmt/", "core/language/")),
    ("charts: building, validating, converting (altair, app/charts.py)",
     ("altair/", "jsonschema/", "referencing/", "app/charts.py", "narwhals/")),
    ("garbage collection after each rerun (runner.postScriptGC)", ("_on_script_finished",)),
    ("Streamlit serialisation: Arrow, protobuf, JSON, hashing, the websocket",
     ("pandas/", "pyarrow/", "google/protobuf", "/json/", "forward_msg", "dataframe_util", "calc_hash",
      "starlette/", "uvicorn/", "websockets/", "tornado/", "asyncio/")),
)
# The rest of a script's stack runs inside Streamlit's frames: its innermost app or Streamlit frame decides.
SCRIPT_PART = "the script's own code (pages/, app/)"
STREAMLIT_PART = "Streamlit: elements, widgets, session state, the runtime"
SCRIPT_FILES = ("pages/", "app/", "streamlit_app.py")
OTHER_PART = "other (threads, the interpreter)"


def _part(stack: str) -> str:
    part = next((name for name, patterns in PROFILE_PARTS if any(p in stack for p in patterns)), None)
    if part is not None:
        return part
    for frame in reversed(stack.split(";")):   # innermost first
        if "streamlit/" in frame:
            return STREAMLIT_PART
        if any(name in frame for name in SCRIPT_FILES):
            return SCRIPT_PART
    return OTHER_PART


def profile_parts(raw: str) -> dict:
    """py-spy's raw output (a line per distinct stack: 'frame;frame;... count') as the share,
    in percent, of samples in each of PROFILE_PARTS (largest first) and the sample count."""
    counts: dict[str, int] = {}
    for line in raw.splitlines():
        stack, _, number = line.rstrip().rpartition(" ")
        if not stack or not number.isdigit():
            continue
        part = _part(stack)
        counts[part] = counts.get(part, 0) + int(number)
    samples = sum(counts.values())
    parts = {name: round(100 * count / samples, 1) for name, count in
             sorted(counts.items(), key=lambda item: -item[1])} if samples else {}
    return {"samples": samples, "parts": parts}


class Profiler:
    """py-spy sampling one process until stop(): what holds the GIL, without pausing it."""

    def __init__(self, pid: int, output: Path, rate: int = 100):
        import shutil
        spy = shutil.which("py-spy")
        if spy is None:
            raise ValueError("--profile needs py-spy (a development tool): pip install py-spy")
        self.output = Path(output)
        self.process = subprocess.Popen([spy, "record", "--pid", str(pid), "--rate", str(rate), "--gil",
                                         "--nonblocking", "--format", "raw", "--output", str(self.output)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(0.5)   # py-spy attaches before the sessions start
        if self.process.poll() is not None:
            raise RuntimeError(f"py-spy could not sample the server: {self.process.stderr.read().strip()[-300:]}")

    def stop(self) -> dict:
        import signal
        self.process.send_signal(signal.SIGINT)   # py-spy writes its file when interrupted
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if not self.output.is_file():
            raise RuntimeError("py-spy wrote no profile")
        return profile_parts(self.output.read_text(encoding="utf-8", errors="replace"))


# ------------------------------------------------------------------ running it


def run_load_test(sessions: int = 20, rounds: int = 1, url: str | None = None, page: str = "Compare",
                  models: str = "encdec,additive", render_timeout: float = 240, total_timeout: float = 540,
                  warm_up: bool = True, replicas: int = 1, profile: Path | None = None,
                  same_sentence: bool = False, running=None) -> tuple[Report, list[Render]]:
    """Run the load test; with url None, against a server started (and stopped) here: one
    `streamlit run`, or with replicas > 1 that many behind nginx (tools.serve). profile: a file
    for py-spy's stacks of the (first) server, which must then be started here. same_sentence:
    every render asks for the app's default sentence (a class opening one link), not its own.
    running: a LocalServer or Deployment already started, measured as one started here would be
    (its replicas warmed and their CPU counted) and left running."""
    if not 1 <= sessions <= MAX_SESSIONS:
        raise ValueError(f"sessions must be between 1 and {MAX_SESSIONS}")
    if not 1 <= rounds <= 20:
        raise ValueError("rounds must be between 1 and 20")
    if not 1 <= replicas <= MAX_REPLICAS:
        raise ValueError(f"replicas must be between 1 and {MAX_REPLICAS}")
    if url is not None and (replicas > 1 or profile is not None):
        raise ValueError("--replicas and --profile start their own servers: leave out --url")
    if running is not None and (url is not None or profile is not None):
        raise ValueError("a running server is measured as it is: no url or profile with it")
    server = profiler = profiled = None
    if running is not None:
        server, url = running, running.url
        replicas = len(getattr(running, "replicas", [running]))
    with tempfile.TemporaryDirectory(prefix="dhyan-load-") as data_dir:
        if url is None:
            if replicas > 1:
                from tools.serve import Deployment
                server = Deployment(replicas, Path(data_dir))
            else:
                server = LocalServer(Path(data_dir))
            url = server.url
        _check_loopback(url)
        try:
            if warm_up:   # the first render imports torch and loads the models: not what we measure
                for warm_url in getattr(server, "replica_urls", [url]):   # every replica, directly
                    asyncio.run(_run_sessions(warm_url, page, 1, 1, models, render_timeout, render_timeout))
            pids = server.pids if server is not None else []
            cpu_before, load_before = process_cpu_seconds(pids), _load_average()
            profiler = Profiler(pids[0], profile) if profile is not None else None
            renders, wall = asyncio.run(_run_sessions(url, page, sessions, rounds, models, render_timeout,
                                                      total_timeout, same_sentence))
            profiled = profiler.stop() if profiler is not None else None
            cpu_after, load_after = process_cpu_seconds(pids), _load_average()
        finally:
            if profiler is not None and profiler.process.poll() is None:
                profiler.process.kill()
                profiler.process.wait()
            if server is not None and server is not running:
                server.close()
    latencies = [render.seconds for render in renders if render.ok]
    failed = [render for render in renders if not render.ok]
    report = Report(
        sessions=sessions, rounds=rounds, page=page, renders=len(renders), failed=len(failed),
        wall_seconds=round(wall, 3), renders_per_second=round(len(latencies) / wall, 3) if wall else 0.0,
        latency_median_seconds=round(statistics.median(latencies), 3) if latencies else 0.0,
        latency_p95_seconds=round(percentile(latencies, 95), 3) if latencies else 0.0,
        latency_max_seconds=round(max(latencies), 3) if latencies else 0.0,
        problems=[f"session {r.session} round {r.round}: {r.problem}" for r in failed][:20],
        server=url, replicas=replicas, load_average_before=load_before, load_average_after=load_after,
        profile=profiled)
    if server is not None and cpu_before is not None and cpu_after is not None:
        report.server_cpu_seconds = round(cpu_after - cpu_before, 2)
        report.cpu_seconds_per_render = round((cpu_after - cpu_before) / max(1, len(renders)), 4)
    return report, renders


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.loadtest",
                                     description="Many concurrent sessions against one Streamlit server.")
    parser.add_argument("--sessions", type=int, default=20, help=f"concurrent sessions (1-{MAX_SESSIONS})")
    parser.add_argument("--rounds", type=int, default=1, help="renders per session, each with a new sentence")
    parser.add_argument("--url", help="a running server on 127.0.0.1 (default: start one)")
    parser.add_argument("--replicas", type=int, default=1,
                        help=f"start this many servers behind nginx (tools.serve, 2-{MAX_REPLICAS}) and go through it")
    parser.add_argument("--same-sentence", action="store_true",
                        help="every session asks for the default sentence (a class opening one link)")
    parser.add_argument("--profile", type=Path, metavar="FILE",
                        help="sample the server with py-spy meanwhile: raw stacks to FILE, the breakdown in the report")
    parser.add_argument("--page", default="Compare", help="the page's URL path (default Compare)")
    parser.add_argument("--models", default="encdec,additive", help="the Compare page's ?models=")
    parser.add_argument("--render-timeout", type=float, default=240, help="seconds one render may take")
    parser.add_argument("--timeout", type=float, default=540, help="seconds the whole run may take")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--follow", type=int, metavar="N",
                        help="instead: N phones follow a class on the Lesson page (tools/follow_load.py)")
    parser.add_argument("--moves", type=int, default=5, help="with --follow: how often the teacher moves on")
    parser.add_argument("--data-dir", type=Path, help="with --follow and --url: that server's DHYAN_DATA_DIR")
    args = parser.parse_args(argv)
    if args.follow is not None:
        return _follow_main(args)
    try:
        report, _ = run_load_test(args.sessions, args.rounds, args.url, args.page, args.models,
                                  args.render_timeout, args.timeout, replicas=args.replicas, profile=args.profile,
                                  same_sentence=args.same_sentence)
    except (ValueError, RuntimeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(asdict(report), ensure_ascii=False) if args.json else report.text())
    return 0 if report.failed == 0 else 1


def _follow_main(args) -> int:
    from tools.follow_load import run_follow_test
    if not 1 <= args.follow <= MAX_SESSIONS:
        print(f"error: --follow must be between 1 and {MAX_SESSIONS}", file=sys.stderr)
        return 2
    try:
        if args.url is not None:
            _check_loopback(args.url)
        report = run_follow_test(args.follow, args.moves, args.url, args.data_dir)
    except (ValueError, RuntimeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(asdict(report), ensure_ascii=False) if args.json else report.text())
    return 0 if not report.problems else 1


if __name__ == "__main__":
    sys.exit(main())
