"""Dhyan on Streamlit Community Cloud: point the app at deploy/streamlit_app.py and nothing in the
repository needs editing. Community Cloud installs the dependency file beside the entry point
before the root's, so deploy/requirements.txt (the root's packages, torch from PyTorch's CPU
index) is the one it reads; the root's requirements.txt stays as it is for `pip install`.

This file only hands over to the root's streamlit_app.py, so both entry points serve the same
router, pages and share links:
- `streamlit run` puts the entry point's folder (deploy/) on sys.path, not the repository root,
  so the root goes first on sys.path for `app` and `core` to import;
- the root script runs in this script run, every rerun, as Streamlit would run it itself. Its
  st.Page paths are absolute (app/ui.py builds them from the repository root), so they resolve
  the same although Streamlit reads a relative page path against this file's folder;
- Community Cloud runs `streamlit run` from the repository root, so the root's
  .streamlit/config.toml applies as it does locally."""
import runpy
import sys
from pathlib import Path

REPOSITORY_ROOT = Path(__file__).resolve().parents[1]

if str(REPOSITORY_ROOT) not in sys.path:
    sys.path.insert(0, str(REPOSITORY_ROOT))

runpy.run_path(str(REPOSITORY_ROOT / "streamlit_app.py"), run_name="__main__")
