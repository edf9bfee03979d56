"""The class deployment (tools.serve, deploy/nginx.conf): two real `streamlit run` replicas behind
nginx, pages rendered through the proxy over HTTP and the websocket as a browser gets them
(tools.loadtest's client), each browser kept on one replica, and the replicas sharing one data
folder. Needs Debian's nginx: skipped with the reason where it is missing, a failure in CI
(.ci/run installs it and sets DHYAN_REQUIRE_NGINX)."""
import functools
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from core.nmt.checkpoint import SHIPPED_DIR
from core.nmt.translate import Translator
from tools.loadtest import render_once, run_load_test
from tools.serve import Deployment, find_nginx, nginx_config

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = "मैं खाना खा रहा हूँ"
COLD_RENDER_TIMEOUT = 900   # a replica's first render imports torch and loads five models: slow on a busy machine


def require_nginx() -> None:
    if find_nginx() is None:
        message = "the deployment tests need nginx (apt-get install nginx)"
        if os.environ.get("DHYAN_REQUIRE_NGINX"):
            pytest.fail(message + " — DHYAN_REQUIRE_NGINX is set, so this is a failure")
        print(message)
        pytest.skip(message)


@functools.lru_cache(maxsize=None)
def expected(model: str, text: str) -> str:
    return Translator.from_name(model).translate(text).text


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    require_nginx()
    with Deployment(2, tmp_path_factory.mktemp("shared_data"), run_dir=tmp_path_factory.mktemp("run")) as running:
        for url in running.replica_urls:   # each replica loads its models once, directly, before the proxy tests
            warm = render_once(url, SENTENCE, timeout=COLD_RENDER_TIMEOUT)
            assert warm.ok, f"{url}: {warm.problem}"
        yield running


def get(url: str, cookie: str | None = None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, response.headers, response.read()


def route_cookie(headers) -> str:
    """The dhyan_route value the proxy set (Streamlit sets cookies of its own beside it)."""
    for cookie in headers.get_all("Set-Cookie") or []:
        name, _, rest = cookie.partition("=")
        if name == "dhyan_route":
            return rest.split(";")[0]
    raise AssertionError(f"no dhyan_route cookie in {headers.get_all('Set-Cookie')}")


def replica_of(deployment, route: str) -> str:
    """Which replica the proxy sends a browser with this route cookie to."""
    _, headers, _ = get(deployment.url + "/_stcore/health", f"dhyan_route={route}")
    return headers["X-Dhyan-Replica"]


def routes_to_each_replica(deployment) -> dict[str, str]:
    """replica address -> a route cookie value that lands there."""
    found = {}
    for number in range(200):
        found.setdefault(replica_of(deployment, f"route{number}"), f"route{number}")
        if len(found) == len(deployment.replicas):
            return found
    raise AssertionError(f"200 routes reached only {sorted(found)}")


def test_the_compare_page_renders_through_the_proxy(deployment):
    render = render_once(deployment.url, SENTENCE)
    assert render.ok, render.problem
    assert render.translations == [expected("encdec", SENTENCE), expected("additive", SENTENCE)]
    replicas = {url.removeprefix("http://") for url in deployment.replica_urls}
    assert render.replica in replicas, "the websocket was answered by one of the replicas"


def test_the_app_page_comes_through_with_a_route_cookie(deployment):
    status, headers, body = get(deployment.url + "/")
    assert status == 200 and b'<div id="root">' in body
    cookie = next(c for c in headers.get_all("Set-Cookie") if c.startswith("dhyan_route="))
    assert route_cookie(headers) and "HttpOnly" in cookie and "Path=/" in cookie


def test_a_browser_stays_on_its_replica_and_browsers_spread_over_both(deployment):
    routes = routes_to_each_replica(deployment)
    assert len(routes) == 2, "new browsers reach both replicas"
    for replica, route in routes.items():
        assert {replica_of(deployment, route) for _ in range(10)} == {replica}, "every request of one browser"
        render = render_once(deployment.url, SENTENCE, cookie=f"dhyan_route={route}")
        assert render.ok, render.problem
        assert render.replica == replica, "its websocket too"
    log = deployment.access_log()
    assert all(f"replica={replica}" in log for replica in routes)


def test_a_browser_without_a_cookie_keeps_the_route_it_is_given(deployment):
    _, headers, _ = get(deployment.url + "/_stcore/health")
    route = route_cookie(headers)
    first = headers["X-Dhyan-Replica"]
    assert {replica_of(deployment, route) for _ in range(5)} == {first}


def test_a_model_saved_to_the_shared_data_folder_is_used_by_every_replica(deployment):
    """As a model trained in the browser lands in data/models when it is done: both replicas,
    running before it appeared, translate with it."""
    models = deployment.data_dir / "models"
    models.mkdir(exist_ok=True)
    shutil.copytree(SHIPPED_DIR / "additive", models / "classmodel")
    for replica, route in routes_to_each_replica(deployment).items():
        # mine/ before ownership of models, shared/ after: the page drops the name it does not have
        render = render_once(deployment.url, SENTENCE, models="mine/classmodel,shared/classmodel",
                             cookie=f"dhyan_route={route}")
        assert render.ok, render.problem
        assert render.replica == replica
        assert render.translations == [expected("additive", SENTENCE)], "one model: the saved one"


def test_the_load_test_goes_through_the_proxy_to_every_replica(deployment):
    report, renders = run_load_test(sessions=16, rounds=1, running=deployment, render_timeout=COLD_RENDER_TIMEOUT,
                                    total_timeout=COLD_RENDER_TIMEOUT)
    assert report.failed == 0, report.problems
    assert report.replicas == 2 and "2 replicas behind nginx" in report.text()
    # each new browser's route is random: all 16 on one replica would happen once in 30,000 runs
    assert len({render.replica for render in renders}) == 2, "sixteen new browsers, both replicas"
    for render in renders:
        assert render.translations == [expected("encdec", render.sentence), expected("additive", render.sentence)]


def test_the_config_is_valid_nginx(tmp_path):
    require_nginx()
    (tmp_path / "nginx.conf").write_text(nginx_config([8601, 8602, 8603], "127.0.0.1:8600", tmp_path))
    check = subprocess.run([find_nginx(), "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"),
                            "-e", str(tmp_path / "error.log")], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stderr
    assert "hash $route consistent" in (tmp_path / "nginx.conf").read_text()


def test_cli_refuses_a_bad_replica_count():
    run = subprocess.run([sys.executable, "-m", "tools.serve", "--replicas", "0"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "--replicas" in run.stderr and "Traceback" not in run.stderr
