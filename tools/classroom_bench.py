"""How fast the classroom store (core.classroom) answers, on this machine's disk.

    python -m tools.classroom_bench            # a table on stdout; writes nothing outside a temp folder
    python -m tools.classroom_bench --repeats 3

What it measures, each in a fresh SQLite file under the system's temp folder (put TMPDIR on the
disk the data folder lives on: fsync speed is the disk's):
    answer          one answer, one thread: median and p95 of 200, with synchronous=FULL (what the
                    store uses: each answer on disk before it is acknowledged) and NORMAL (survives
                    a killed process, not a power cut) for comparison
    30 threads      30 phones answering at once in one server process (a barrier starts them):
                    time until the last is acknowledged, median over the repeats
    30 processes    the same 30 answers from 3 replica processes of 10 phones each
    polls           Classroom.poll calls per second, from 1 thread and from 8 threads of one
                    process (the GIL shares one core), and from 1 thread while answers are written
    short links     save_state (a new state) and load_state, median ms
    bytes/answer    growth of the file per answer row (page count x page size, after a checkpoint)
"""
from __future__ import annotations

import argparse
import multiprocessing
import statistics
import tempfile
import threading
import time
from pathlib import Path

from core.classroom import Classroom, ShortLinks, new_teacher_token, store_path
from core.classroom import db as db_module


def _fresh(folder: Path, name: str) -> tuple[Classroom, str, str]:
    room = Classroom(store_path(folder / name))
    teacher = new_teacher_token()
    return room, room.start_class(teacher).code, teacher


def answer_latency(folder: Path, synchronous: str) -> tuple[float, float]:
    original = db_module._connect

    def connect(path):
        db = original(path)
        db.execute(f"PRAGMA synchronous={synchronous}")
        return db
    db_module._connect = connect
    try:
        room, code, _ = _fresh(folder, f"latency-{synchronous}")
        seconds = []
        for i in range(200):
            start = time.perf_counter()
            room.answer(code, "s", f"p{i}", "x")
            seconds.append(time.perf_counter() - start)
    finally:
        db_module._connect = original
    seconds.sort()
    return statistics.median(seconds) * 1e3, seconds[int(0.95 * len(seconds))] * 1e3


def thirty_threads(folder: Path, run: int) -> float:
    room, code, _ = _fresh(folder, f"threads-{run}")
    barrier = threading.Barrier(31)
    threads = [threading.Thread(target=lambda i=i: (barrier.wait(), room.answer(code, "s", f"p{i}", "x")))
               for i in range(30)]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    assert room.number_answered(code, "s") == 30
    return elapsed


def _replica(path: str, code: str, first: int, barrier) -> None:
    room = Classroom(path)
    barrier.wait()
    for i in range(first, first + 10):
        room.answer(code, "s", f"p{i}", "x")


def thirty_from_processes(folder: Path, run: int) -> float:
    room, code, _ = _fresh(folder, f"processes-{run}")
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(4)
    processes = [spawn.Process(target=_replica, args=(str(room.path), code, 10 * k, barrier)) for k in range(3)]
    for process in processes:
        process.start()
    barrier.wait()
    start = time.perf_counter()
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - start
    assert room.number_answered(code, "s") == 30
    return elapsed


def polls_per_second(folder: Path, threads: int, with_writer: bool, seconds: float = 2.0) -> float:
    room, code, _ = _fresh(folder, f"polls-{threads}-{with_writer}")
    stop = time.perf_counter() + seconds
    counts = [0] * threads

    def poller(k: int) -> None:
        while time.perf_counter() < stop:
            room.poll(code, 1)
            counts[k] += 1

    def writer() -> None:
        i = 0
        while time.perf_counter() < stop:
            room.answer(code, "s", f"p{i % 2000}", "x")
            i += 1
    workers = [threading.Thread(target=poller, args=(k,)) for k in range(threads)]
    workers += [threading.Thread(target=writer)] if with_writer else []
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(counts) / seconds


def short_links(folder: Path) -> tuple[float, float]:
    links = ShortLinks(store_path(folder / "links"))
    saves, loads = [], []
    for i in range(200):
        state = {"sentence": "राम ने सेब खाया " * 3 + str(i), "models": "encdec,additive", "step": "3"}
        start = time.perf_counter()
        short_id = links.save_state(state)
        saves.append(time.perf_counter() - start)
        start = time.perf_counter()
        links.load_state(short_id)
        loads.append(time.perf_counter() - start)
    return statistics.median(saves) * 1e3, statistics.median(loads) * 1e3


def bytes_per_answer(folder: Path, rows: int = 3000) -> float:
    room, code, _ = _fresh(folder, "size")

    def size() -> int:
        with db_module.transaction(room.path) as db:
            pass
        with db_module.reading(room.path) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return db.execute("PRAGMA page_count").fetchone()[0] * db.execute("PRAGMA page_size").fetchone()[0]
    before = size()
    for i in range(rows):
        room.answer(code, f"stop{i % 50}", f"participant-{i // 50:04d}-{'x' * 20}", "खाना")
    return (size() - before) / rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dhyan-classroom-") as temp:
        folder = Path(temp)
        for mode in ("FULL", "NORMAL"):
            median, p95 = answer_latency(folder, mode)
            print(f"answer, synchronous={mode:6s}  median {median:6.2f} ms   p95 {p95:6.2f} ms")
        runs = [thirty_threads(folder, r) for r in range(args.repeats)]
        print(f"30 answers, 30 threads        median {statistics.median(runs) * 1e3:6.0f} ms   "
              f"(runs: {', '.join(f'{r * 1e3:.0f}' for r in runs)})")
        runs = [thirty_from_processes(folder, r) for r in range(args.repeats)]
        print(f"30 answers, 3 processes       median {statistics.median(runs) * 1e3:6.0f} ms   "
              f"(runs: {', '.join(f'{r * 1e3:.0f}' for r in runs)})")
        for threads, with_writer in ((1, False), (8, False), (1, True)):
            rate = polls_per_second(folder, threads, with_writer)
            print(f"polls/s, {threads} thread(s){' + a writer' if with_writer else '':11s}  {rate:10,.0f}")
        save, load = short_links(folder)
        print(f"short link: save {save:.2f} ms, load {load:.3f} ms (median of 200)")
        print(f"file growth per answer row: {bytes_per_answer(folder):.0f} bytes")


if __name__ == "__main__":
    main()
