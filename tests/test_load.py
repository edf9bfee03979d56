"""A small load test of the real server: 4 concurrent sessions render the Compare page, each
with its own sentence, through Streamlit's websocket protocol (tools.loadtest). Every render
must succeed and show what core translates; no timing is asserted (docs/DESIGN.md, "How we test": timings
belong in a benchmark, these machines are shared and noisy). The figures are printed. One server
serves the whole module: its first visitor's sidebar is read before anything else reaches it.
"""
import functools
import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from tools import loadtest
from tools.stats import percentile
from tools.loadtest import (MAX_SESSIONS, process_cpu_seconds, profile_parts, run_load_test,
                            sentences, session_sentences)
from core.nmt.translate import Translator

ROOT = Path(__file__).resolve().parent.parent


@functools.lru_cache(maxsize=None)
def expected(model: str, text: str) -> str:
    return Translator.from_name(model).translate(text).text


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`streamlit run` for this module; first_sidebar: what its very first visitor, opening a
    shared /Compare link, was sent as the sidebar."""
    running = loadtest.LocalServer(tmp_path_factory.mktemp("load_data"))
    try:
        running.first_sidebar = first_visit_navigation(running.url, "Compare")[-1]
        yield running
    finally:
        running.close()


@pytest.fixture(scope="module")
def load_run(server):
    """run_load_test on the module's server, measured as the command line measures a server of
    its own (warmed, its CPU counted); it stays up afterwards."""
    report, renders = run_load_test(sessions=4, rounds=2, render_timeout=300, total_timeout=560, running=server)
    print("\n" + report.text())
    return report, renders


def test_every_concurrent_session_renders_the_compare_page(load_run, server):
    report, renders = load_run
    assert report.failed == 0, report.problems
    assert report.renders == len(renders) == 8
    assert sorted((r.session, r.round) for r in renders) == [(s, r) for s in range(4) for r in range(2)]
    assert len({r.sentence for r in renders}) == 8, "every render asked for its own sentence"
    assert report.text().startswith(f"4 sessions x 2 renders of Compare on {server.url}: 8/8 succeeded")


def test_the_report_gives_the_servers_cpu_per_render_and_the_machines_load(load_run):
    report, _ = load_run
    assert report.server_cpu_seconds > 0
    assert len(report.load_average_before) == len(report.load_average_after) == 3
    assert f"server CPU: {report.server_cpu_seconds:.1f} s, {1000 * report.cpu_seconds_per_render:.0f} ms per render" \
        in report.text()


def test_each_session_got_its_own_sentence_translated(load_run):
    _, renders = load_run
    for render in renders:
        assert render.translations == [expected("encdec", render.sentence), expected("additive", render.sentence)]


def test_the_report_summarises_the_renders_as_a_reader_expects(monkeypatch):
    """21 renders of 1..20 s and 30 s, and one that failed, in 7 s of wall time: the median is
    the 11th, p95 the 20th of the 21 (the same by nearest rank or by interpolation), the failed
    render counts in no latency and is listed with its reason."""
    renders = [loadtest.Render(n, 0, f"s{n}", seconds=float(n + 1), ok=True) for n in range(20)]
    renders += [loadtest.Render(20, 0, "s20", seconds=30.0, ok=True),
                loadtest.Render(21, 0, "s21", seconds=99.0, problem="the page showed no translation")]

    async def sessions(*args, **kwargs):
        return renders, 7.0
    monkeypatch.setattr(loadtest, "_run_sessions", sessions)
    report, returned = run_load_test(sessions=22, url="http://127.0.0.1:9", warm_up=False)
    assert returned == renders
    assert (report.renders, report.failed, report.renders_per_second) == (22, 1, 3.0)
    assert (report.latency_median_seconds, report.latency_p95_seconds, report.latency_max_seconds) == (11.0, 20.0, 30.0)
    assert report.server_cpu_seconds is None, "a server started elsewhere: its CPU is not ours to read"
    assert report.text().splitlines() == [
        "22 sessions x 1 renders of Compare on http://127.0.0.1:9: 21/22 succeeded in 7.0 s; 3.00 renders/s; "
        "latency median 11.00 s, p95 20.00 s, max 30.00 s",
        "  failed: session 21 round 0: the page showed no translation"]


def test_a_class_on_one_link_asks_for_one_sentence_and_otherwise_each_its_own():
    from core.nmt.probes import SEED_SENTENCE
    assert session_sentences(3, 2, same=True) == [SEED_SENTENCE] * 6
    assert session_sentences(3, 2) == sentences(6) and len(set(session_sentences(3, 2))) == 6


def test_runner_limits_and_statistics():
    assert len(set(sentences(MAX_SESSIONS * 3))) == MAX_SESSIONS * 3
    with pytest.raises(ValueError):
        run_load_test(sessions=MAX_SESSIONS + 1)
    with pytest.raises(ValueError):
        run_load_test(sessions=0)
    assert percentile(list(range(1, 21)), 95) == 19.05 and percentile([3.0], 95) == 3.0


def test_profile_parts_put_each_stack_in_the_first_part_it_matches():
    raw = "\n".join([
        "Thread.run (threading.py:982);<module> (pages/1_Compare.py:29);forward (torch/nn/modules/module.py:1) 30",
        "<module> (pages/1_Compare.py:56);to_dict (altair/vegalite/v6/api.py:9);dumps (json/__init__.py:2) 50",
        "_run_script (streamlit/runtime/scriptrunner/script_runner.py:9);_on_script_finished (x.py:1) 10",
        "<module> (pages/1_Compare.py:30);enqueue (streamlit/runtime/forward_msg_cache.py:1) 5",
        "<module> (pages/1_Compare.py:31);marked_output (app/widgets.py:3) 3",
        "<module> (pages/1_Compare.py:32);columns (streamlit/elements/layouts.py:9) 2",
        "", "not a stack line"])
    profile = profile_parts(raw)
    assert profile["samples"] == 100
    assert list(profile["parts"].values()) == [50.0, 30.0, 10.0, 5.0, 3.0, 2.0]   # largest first
    assert list(profile["parts"])[0].startswith("charts") and list(profile["parts"])[1].startswith("torch")
    assert profile_parts("") == {"samples": 0, "parts": {}}


def test_process_cpu_seconds_reads_this_process_and_refuses_a_missing_one():
    before = process_cpu_seconds([os.getpid()])
    sum(i * i for i in range(2_000_000))
    assert process_cpu_seconds([os.getpid()]) > before >= 0
    assert process_cpu_seconds([2 ** 22 + 12345]) is None


def test_replicas_and_a_profile_need_servers_started_here():
    with pytest.raises(ValueError, match="leave out --url"):
        run_load_test(sessions=1, url="http://127.0.0.1:9", replicas=2)
    with pytest.raises(ValueError, match="leave out --url"):
        run_load_test(sessions=1, url="http://127.0.0.1:9", profile=Path("p.txt"))
    with pytest.raises(ValueError):
        run_load_test(sessions=1, replicas=99)
    with pytest.raises(ValueError, match="measured as it is"):
        run_load_test(sessions=1, url="http://127.0.0.1:9", running=SimpleNamespace(url="http://127.0.0.1:9"))


def test_reruns_do_not_force_a_full_garbage_collection(monkeypatch):
    """Streamlit's runner.postScriptGC ran gc.collect(2) after every rerun: 0.2-0.25 s with the
    models loaded, holding the GIL while every other session waited (docs/serving.md). The app's
    config turns it off for every `streamlit run` of the repository, Streamlit Cloud's included."""
    from streamlit import config
    monkeypatch.chdir(ROOT)   # `streamlit run` reads .streamlit/config.toml from where it is started
    config.get_config_options(force_reparse=True, options_from_flags={})
    try:
        assert config.get_option("runner.postScriptGC") is False
    finally:
        config.get_config_options(force_reparse=True)


def test_cli_refuses_a_server_that_is_not_on_loopback(capsys):
    assert loadtest.main(["--sessions", "1", "--url", "http://example.com:8501"]) == 2
    assert "loopback" in capsys.readouterr().err


def test_cli_prints_a_json_report(server, capsys):
    assert loadtest.main(["--sessions", "2", "--json", "--url", server.url]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["sessions"] == 2 and report["renders"] == 2 and report["failed"] == 0, report["problems"]
    assert report["server"] == server.url and report["latency_median_seconds"] > 0


def first_visit_navigation(url: str, page: str) -> list[list[tuple[str, str]]]:
    """Every sidebar navigation the server sends a new browser tab opening /<page> (a teacher's
    link), as (title, icon) pairs, in the order sent."""
    import asyncio

    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect

    from tools.loadtest import SEED, _rerun_message

    async def visit():
        sent = []
        async with connect(url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"]) as socket:
            await socket.send(_rerun_message(page, SEED, "encdec,additive", None))
            while True:
                message = ForwardMsg()
                message.ParseFromString(await asyncio.wait_for(socket.recv(), 300))
                kind = message.WhichOneof("type")
                if kind == "navigation":
                    sent.append([(entry.page_name, entry.icon) for entry in message.navigation.app_pages])
                if kind == "script_finished" and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    return sent
    return asyncio.run(visit())


def test_a_link_to_a_page_opened_first_on_a_fresh_server_gets_the_apps_own_sidebar(server):
    """Streamlit runs a pages/ file directly, under a sidebar made from the folder's file names
    ("streamlit app", Home twice, no icons), until streamlit_app.py has called st.navigation once:
    the class opening a shared /Compare link on a freshly started server got that sidebar
    (app.page._run_through_the_router)."""
    from app.page import PAGES
    apps_own = [(title, icon) for _, title, icon in PAGES]
    assert server.first_sidebar == apps_own, "the server's very first visit"
    assert first_visit_navigation(server.url, "Compare")[-1] == apps_own, "a later browser"
