"""app.ui helpers that are not a page: cache keys and the test split's failure path."""
import logging
import os

from app import ui


def test_modified_time_is_the_files_mtime_and_zero_when_it_is_missing(tmp_path):
    weights = tmp_path / "model.pt"
    assert ui.modified_time(weights) == 0.0
    weights.write_bytes(b"first")
    os.utime(weights, (1_000_000, 1_000_000))
    assert ui.modified_time(weights) == 1_000_000
    os.utime(weights, (2_000_000, 2_000_000))   # retrained: a new cache key
    assert ui.modified_time(weights) == 2_000_000


def test_a_failing_generator_costs_the_test_split_and_says_so_in_the_log(monkeypatch, caplog):
    import core.nmt.evaluate

    def broken(seed):
        raise RuntimeError("the grammar is broken")

    monkeypatch.setattr(core.nmt.evaluate, "generated_test_split", broken)
    ui._test_split.clear()
    try:
        with caplog.at_level(logging.ERROR, logger="app.ui"):
            assert ui._test_split(987) is None
    finally:
        ui._test_split.clear()
    (record,) = [r for r in caplog.records if r.name == "app.ui"]
    assert "seed 987" in record.getMessage() and record.exc_info[1].args == ("the grammar is broken",)
