"""A small load test of the real server: 4 concurrent sessions render the Compare page, each
with its own sentence, through Streamlit's websocket protocol (tools.loadtest). Every render
must succeed and show what core translates; no timing is asserted (docs/DESIGN.md, "How we test": timings
belong in a benchmark, these machines are shared and noisy). The figures are printed.
"""
import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools.loadtest import (MAX_SESSIONS, process_cpu_seconds, profile_parts, run_load_test,
                            sentences, session_sentences)
from core.nmt.translate import Translator

ROOT = Path(__file__).resolve().parent.parent


@functools.lru_cache(maxsize=None)
def expected(model: str, text: str) -> str:
    return Translator.from_name(model).translate(text).text


@pytest.fixture(scope="module")
def load_run():
    report, renders = run_load_test(sessions=4, rounds=2, render_timeout=300, total_timeout=560)
    print("\n" + report.text())
    return report, renders


def test_every_concurrent_session_renders_the_compare_page(load_run):
    report, renders = load_run
    assert report.failed == 0, report.problems
    assert report.renders == len(renders) == 8
    assert sorted((r.session, r.round) for r in renders) == [(s, r) for s in range(4) for r in range(2)]
    assert len({r.sentence for r in renders}) == 8, "every render asked for its own sentence"
    assert report.renders_per_second > 0 and report.latency_p95_seconds >= report.latency_median_seconds > 0


def test_the_report_gives_the_servers_cpu_per_render_and_the_machines_load(load_run):
    report, _ = load_run
    assert report.server_cpu_seconds > 0 and report.cpu_seconds_per_render > 0
    assert report.cpu_seconds_per_render == pytest.approx(report.server_cpu_seconds / report.renders, abs=1e-4)
    assert len(report.load_average_before) == len(report.load_average_after) == 3
    assert "ms per render" in report.text()


def test_each_session_got_its_own_sentence_translated(load_run):
    _, renders = load_run
    for render in renders:
        assert render.translations == [expected("encdec", render.sentence), expected("additive", render.sentence)]


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


def test_cli_refuses_a_server_that_is_not_on_loopback():
    run = subprocess.run([sys.executable, "-m", "tools.loadtest", "--sessions", "1", "--url", "http://example.com:8501"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode != 0 and "loopback" in run.stderr


def test_cli_prints_a_json_report():
    run = subprocess.run([sys.executable, "-m", "tools.loadtest", "--sessions", "2", "--json"],
                         cwd=ROOT, capture_output=True, text=True, timeout=580)
    assert run.returncode == 0, run.stdout + run.stderr
    report = json.loads(run.stdout)
    assert report["sessions"] == 2 and report["renders"] == 2 and report["failed"] == 0


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


def test_a_link_to_a_page_opened_first_on_a_fresh_server_gets_the_apps_own_sidebar(tmp_path):
    """Streamlit runs a pages/ file directly, under a sidebar made from the folder's file names
    ("streamlit app", Home twice, no icons), until streamlit_app.py has called st.navigation once:
    the class opening a shared /Compare link on a freshly started server got that sidebar
    (app.page._run_through_the_router)."""
    from app.page import PAGES
    from tools.servers import LocalServer
    server = LocalServer(tmp_path)
    try:
        for visit in range(2):   # the server's very first visit, then a second browser
            shown = first_visit_navigation(server.url, "Compare")[-1]   # what the sidebar ends with
            assert shown == [(title, icon) for _, title, icon in PAGES], f"visit {visit + 1}"
    finally:
        server.close()
