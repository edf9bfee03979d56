"""Streamlit Community Cloud without editing a file: deploy/streamlit_app.py serves the same app
as the root's streamlit_app.py, and deploy/requirements.txt (the file Community Cloud reads, the
one beside the entry point) names the root's packages with torch from PyTorch's CPU index."""
import json
import os
import subprocess
import sys
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from core.nmt.probes import SEED_SENTENCE
from core.nmt.translate import Translator

ROOT = Path(__file__).resolve().parent.parent
ENTRY = ROOT / "deploy" / "streamlit_app.py"
CPU_INDEX = "--extra-index-url https://download.pytorch.org/whl/cpu"
RUN_TIMEOUT = 600   # seconds: the child imports torch and loads every shipped model on a shared machine

# Run in a child whose working folder and sys.path hold nothing of the repository, as on Community
# Cloud the entry point's own folder (deploy/) is on sys.path and the root is not: the app imports
# only if deploy/streamlit_app.py makes the root importable. Prints what the test checks, as JSON.
CHILD = """
import json, sys
from streamlit.testing.v1 import AppTest
entry, pages = sys.argv[1], sys.argv[2:]
at = AppTest.from_file(entry, default_timeout=300).run()
home = {"exceptions": [e.message for e in at.exception], "titles": [t.value for t in at.title],
        "table": at.table[0].value.to_dict("list") if at.table else {}}
listed = {}
for page in pages:   # after a run, switch_page accepts only a page st.navigation registered
    try:
        at.switch_page(page)
        listed[page] = True
    except ValueError:
        listed[page] = False
at.switch_page("../pages/5_Data.py").run()
data = {"exceptions": [e.message for e in at.exception], "titles": [t.value for t in at.title]}
print(json.dumps({"home": home, "listed": listed, "data": data}))
"""


def run_cloud_entry(tmp_path: Path) -> dict:
    pages = sorted(f"../pages/{page.name}" for page in (ROOT / "pages").glob("*.py"))
    env = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    run = subprocess.run([sys.executable, "-c", CHILD, str(ENTRY), *pages], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=RUN_TIMEOUT)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_the_cloud_entry_point_serves_home_and_lists_every_page_from_outside_the_repository(tmp_path):
    result = run_cloud_entry(tmp_path)
    home = result["home"]
    assert home["exceptions"] == []
    assert home["titles"][0] == "Dhyan — ध्यान"
    translations = dict(zip(home["table"]["model"], home["table"]["translation"]))
    assert translations["additive"] == Translator.from_name("additive").translate(SEED_SENTENCE).text
    # the navigation holds every page file, so each one's link works as it does from the root
    assert result["listed"] and all(result["listed"].values()), result["listed"]
    assert result["data"] == {"exceptions": [], "titles": ["Data"]}


def requirement_lines(path: Path) -> tuple[dict[str, Requirement], list[str]]:
    """The package specs of a pip requirements file by canonical name, and its option lines
    (pip reads '#' at a line's start or after a space as a comment)."""
    specs, options = {}, []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split(" #")[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-"):
            options.append(" ".join(line.split()))
            continue
        requirement = Requirement(line)
        specs[canonicalize_name(requirement.name)] = requirement
    return specs, options


def test_the_cloud_requirements_are_the_roots_with_torchs_cpu_build():
    root, root_options = requirement_lines(ROOT / "requirements.txt")
    cloud, cloud_options = requirement_lines(ROOT / "deploy" / "requirements.txt")
    assert root_options == [] and cloud_options == [CPU_INDEX]
    root_torch, cloud_torch = root.pop("torch"), cloud.pop("torch")
    assert {name: str(spec) for name, spec in cloud.items()} == {name: str(spec) for name, spec in root.items()}
    # the same torch release, its CPU build: the root pins one version, the cloud file its +cpu wheel
    (pin,) = cloud_torch.specifier
    assert pin.operator == "==" and Version(pin.version).local == "cpu"
    assert root_torch.specifier.contains(pin.version)
    assert Version(pin.version).public == Version(next(iter(root_torch.specifier)).version).public
