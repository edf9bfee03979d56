"""A corpus save killed at every write it makes: nothing half-written is listed, and after the
next start nothing of it is left (no temporary, no empty owner folder); a corpus it was replacing
stays whole.

The seams are the calls core.files.atomic_write_bytes makes (mkstemp, fchmod, write, fsync,
replace): a child process wraps them, counts them, and SIGKILLs itself at the k-th. The production
code has no hook for this."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from core import owners
from tests.app_helpers import ROOT, app

OWNER = "c" * 12
# One child process imports the save once, then forks a process per kill point, in turn: each fork
# starts from the same imported, untouched state and runs the save until it kills itself, so a kill
# point costs a fork, not a Python start and torch's import (about 2 CPU seconds each).
CHILD = textwrap.dedent("""
    import os, signal, sys, tempfile
    from pathlib import Path
    text, owner, runs = sys.argv[1], sys.argv[2], sys.argv[3:]   # runs: DATA_DIR=KILL_AT (0: never)
    passed = kill_at = 0

    def point():
        global passed
        passed += 1
        print(passed, flush=True)
        if passed == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    def seam(function):
        def wrapped(*args, **kwargs):
            point()
            result = function(*args, **kwargs)
            point()
            return result
        return wrapped

    os.fchmod, os.fsync, os.replace, tempfile.mkstemp = (seam(os.fchmod), seam(os.fsync), seam(os.replace),
                                                         seam(tempfile.mkstemp))
    from core.language.user_corpus import load_corpus_bytes, save_corpus
    pairs = load_corpus_bytes(text.encode(), "upload.tsv").pairs
    fdopen = os.fdopen
    def fdopen_counted(*args, **kwargs):   # the temporary's file object: each write a point
        file = fdopen(*args, **kwargs)
        write = file.write
        def counted(data):
            point()
            half = write(data[:len(data) // 2]); file.flush()
            point()
            return half + write(data[len(data) // 2:])
        file.write = counted
        return file
    os.fdopen = fdopen_counted
    for run in runs:
        data_dir, kill_at = run.rsplit("=", 1)
        kill_at = int(kill_at)
        print("run", data_dir, flush=True)
        child = os.fork()
        if child == 0:
            save_corpus(pairs, "lines", data_dir, owner=owner)
            os._exit(0)
        _, status = os.waitpid(child, 0)
        print("exit", os.waitstatus_to_exitcode(status), flush=True)
""")
OLD = "राम खाना खाता है\tRam eats food\n"
NEW = "".join(f"सीता {i} पानी पीती है\tSita drinks water {i}\n" for i in range(300))


def saves_killed_at(runs: list[tuple[Path, int]]) -> list[list[str]]:
    """Run each save (data folder, the point to be killed at; 0: never) in a process of its own;
    for each, the points it passed."""
    result = subprocess.run([sys.executable, "-c", CHILD, NEW, OWNER, *(f"{folder}={k}" for folder, k in runs)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"})
    assert result.returncode == 0, result.stderr
    passed = []
    for line in result.stdout.splitlines():
        if line.startswith("run "):
            passed.append([])
        elif line.startswith("exit "):
            kill_at = runs[len(passed) - 1][1]
            assert int(line.split()[1]) == (-signal.SIGKILL if kill_at else 0), (runs[len(passed) - 1], result.stderr)
        else:
            passed[-1].append(line)
    assert len(passed) == len(runs), result.stdout
    return passed


def points_of_a_save(tmp_path: Path) -> int:
    (passed,) = saves_killed_at([(tmp_path / "count", 0)])
    return len(passed)


def left_behind(data_dir: Path) -> list[str]:
    corpora = data_dir / "corpora"
    return sorted(str(path.relative_to(data_dir)) for path in corpora.rglob("*")
                  if path.name.startswith(".") or (path.is_dir() and not any(path.iterdir())))


@pytest.mark.parametrize("replacing", [False, True], ids=["new", "replacing"])
def test_a_corpus_save_killed_at_any_write_leaves_nothing_half_written_after_the_next_start(
        tmp_path, monkeypatch, replacing):
    count = points_of_a_save(tmp_path)
    assert count >= 8, "mkstemp, fchmod, the writes, fsync and replace are each a point"
    runs = [(tmp_path / f"killed_{kill_at}", kill_at) for kill_at in range(1, count + 1)]
    for data_dir, _ in runs:
        if replacing:
            folder = data_dir / "corpora" / OWNER
            folder.mkdir(parents=True)
            (folder / "lines.tsv").write_text("hindi\tenglish\n" + OLD, encoding="utf-8")
    for (data_dir, kill_at), passed in zip(runs, saves_killed_at(runs)):
        assert len(passed) == kill_at
        listed = owners.list_saved_corpora(data_dir, OWNER)
        saved = (data_dir / "corpora" / OWNER / "lines.tsv")
        if listed:   # whole: the old corpus or the new one, never part of either
            assert saved.read_text(encoding="utf-8").splitlines()[1:] in (
                OLD.splitlines(), [line for line in NEW.splitlines()])
        assert listed == ["lines"] or not replacing, "a corpus being replaced is never lost"

        monkeypatch.setenv("DHYAN_DATA_DIR", str(data_dir))   # the next start of the app on this folder
        at = app("pages/5_Data.py")
        assert not at.exception
        assert left_behind(data_dir) == [], f"killed at point {kill_at} of {count}"
        assert owners.list_saved_corpora(data_dir, OWNER) == listed


def test_the_hourly_pass_removes_temporaries_an_hour_old_and_empty_owner_folders(tmp_path):
    folder = tmp_path / "corpora" / OWNER
    folder.mkdir(parents=True)
    old, fresh = folder / ".lines.tsv.abc123.tmp", folder / ".other.tsv.def456.tmp"
    old.write_text("half")
    fresh.write_text("being written")
    os.utime(old, (old.stat().st_mtime - 7200,) * 2)
    (tmp_path / "corpora" / ("d" * 12)).mkdir()   # an owner whose corpora all went
    owners.remove_old_private(tmp_path)
    assert not old.exists() and fresh.exists(), "a save under way now is left alone"
    assert not (tmp_path / "corpora" / ("d" * 12)).exists()
