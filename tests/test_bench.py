"""tools.bench: the helpers compute what they say, each section measures on tiny inputs, a run
collects the sections asked for, the report shows every section, and the CLI writes JSON only
when asked. No timing is asserted here (docs/DESIGN.md, "How we test"): only that figures exist
and are positive; the whole benchmark is `python -m tools.bench`, never run by the tests.
"""
import json
import math
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest

import torch

from core.nmt.model import MODEL_KINDS, ModelConfig, Seq2Seq, init_weights
from tools import bench
from tools.stats import percentile

ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- statistics


def test_percentile_interpolates_between_order_statistics():
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([4, 1, 3, 2], 0) == 1
    assert percentile([4, 1, 3, 2], 100) == 4
    assert percentile([1, 2, 3, 4, 5], 25) == 2
    assert percentile(list(range(101)), 95) == 95
    assert percentile([7.0], 95) == 7.0


def test_percentile_refuses_nothing_and_out_of_range_q():
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1, 2], 101)


def test_summarize_gives_median_and_spread():
    summary = bench.summarize([5, 1, 3, 2, 4])
    assert summary == {"median": 3, "min": 1, "max": 5, "q1": 2, "q3": 4, "p95": 4.8, "n": 5}
    assert bench.summarize([1, 2])["median"] == 1.5
    with pytest.raises(ValueError):
        bench.summarize([])


def test_growth_exponent_recovers_powers_of_length():
    lengths = [10, 20, 40]
    assert bench.growth_exponent(lengths, [3 * n for n in lengths]) == pytest.approx(1.0)
    assert bench.growth_exponent(lengths, [0.5 * n * n for n in lengths]) == pytest.approx(2.0)
    assert bench.growth_exponent(lengths, [7, 7, 7]) == pytest.approx(0.0)
    assert bench.growth_exponent(lengths, [math.sqrt(n) for n in lengths]) == pytest.approx(0.5)


def test_linear_growth_check_allows_a_fixed_cost_and_refuses_quadratic():
    lengths = [10, 20, 40]
    assert bench.grows_at_most_linearly(lengths, [2 + 0.1 * n for n in lengths])  # fixed cost + linear
    assert bench.grows_at_most_linearly(lengths, [1.0 * n for n in lengths])
    assert not bench.grows_at_most_linearly(lengths, [0.01 * n * n for n in lengths])
    assert bench.grows_at_most_linearly(lengths, [10, 21, 46], tolerance=0.15)  # noise: k ≈ 1.1
    assert not bench.grows_at_most_linearly(lengths, [10, 21, 46], tolerance=0.0)


def test_growth_exponent_needs_two_lengths_and_positive_figures():
    with pytest.raises(ValueError):
        bench.growth_exponent([10, 10], [1, 2])
    with pytest.raises(ValueError):
        bench.growth_exponent([10, 20], [0, 1])
    with pytest.raises(ValueError):
        bench.growth_exponent([10, 20], [1])


def test_timed_leaves_out_the_warm_up_calls_and_times_each_call(monkeypatch):
    clock = [0.0]
    durations = iter([100.0, 200.0, 1.0, 2.0, 3.0])  # two slow warm-up calls, then three timed ones

    def call():
        clock[0] += next(durations)

    monkeypatch.setattr(bench.time, "perf_counter", lambda: clock[0])
    assert bench.timed(call, repeats=3, warmup=2) == [1.0, 2.0, 3.0]


def test_sentences_of_length_takes_exact_lengths_in_order():
    from tests.toy_corpus import toy_splits
    pairs = toy_splits().train
    length = len(pairs[0].source_tokens)
    chosen = bench.sentences_of_length(pairs, length, 2)
    assert chosen and len(chosen) <= 2
    assert all(len(pair.source_tokens) == length for pair in chosen)
    assert chosen[0] is pairs[0]
    assert bench.sentences_of_length(pairs, 999, 3) == []


# ---------------------------------------------------------------- the machine's limits: FLOPs and bytes


@pytest.mark.parametrize("kind", MODEL_KINDS)
def test_training_flops_are_three_times_what_torch_counts_in_the_forward_pass(kind):
    """training_flops' count of one unpadded sentence equals, divided by 3 (forward + backward),
    the FLOPs PyTorch's own counter sees in the model's forward pass."""
    from torch.utils.flop_counter import FlopCounterMode
    config = ModelConfig(kind, 50, 40, embedding_size=8, hidden_size=12, attention_size=6, dropout=0.0)
    model = Seq2Seq(config)
    init_weights(model, 0)
    for source_length, target_length in ((5, 3), (2, 7)):
        with FlopCounterMode(display=False) as counter:
            model(torch.randint(4, 50, (1, source_length)), torch.tensor([source_length]),
                  torch.randint(4, 40, (1, target_length)))
        assert bench.training_flops(config, [source_length], [target_length]) == 3 * counter.get_total_flops()


def test_training_flops_count_real_tokens_only():
    """Two sentences count as the sum of each alone: padding to the longer adds nothing."""
    config = ModelConfig("additive", 50, 40, embedding_size=8, hidden_size=12, attention_size=6)
    both = bench.training_flops(config, [5, 2], [3, 7])
    assert both == bench.training_flops(config, [5], [3]) + bench.training_flops(config, [2], [7])


def test_decoding_bytes_are_the_weights_a_step_reads():
    """A decoder step reads the decoder's parameters (but the embedding table: one row of it)
    and, for attention, the encoder states it weighs; the total grows by a step per word."""
    for kind in MODEL_KINDS:
        config = ModelConfig(kind, 50, 40, embedding_size=8, hidden_size=12, attention_size=6)
        model = Seq2Seq(config)
        decoder = [model.decoder_rnn, model.combine, model.output]
        step_parameters = sum(p.numel() for layer in decoder for p in layer.parameters())
        if kind == "additive":
            step_parameters += model.context.query_projection.weight.numel() + model.context.v.weight.numel()
        counted = bench.decoding_bytes(config, source_length=9, steps=4)
        attended = {"encdec": 0, "uniform": 9 * 12, "additive": 9 * 6 + 9 * 12, "dot": 2 * 9 * 12,
                    "general": 2 * 9 * 12}[kind]   # keys (S x A or S x H) and states (S x H)
        assert counted["step"] == 4 * (step_parameters + attended), kind
        assert counted["total"] == counted["encoder"] + 4 * counted["step"]
        assert bench.decoding_bytes(config, 20, 4)["encoder"] > counted["encoder"]   # W_hh read at every token


def test_machine_rates_are_measured_and_positive():
    rates = bench.measure_machine_rates(step_bytes=256 * 1024, repeats=3)
    assert rates["matmul_flops_per_second"] > 0 and rates["weight_read_bytes_per_second"] > 0
    assert rates["weight_read_megabytes"] == 0.25 and rates["matmul_size"] == bench.MATMUL_SIZE


# ---------------------------------------------------------------- targets and the printed report


def summary(value):
    return bench.summarize([value, value * 1.1, value * 0.9])


def fake_results():
    """A results dict shaped like a full run's, with figures chosen to meet some targets and miss others."""
    lengths = {str(n): {"ms": summary(0.2 * n), "ms_per_source_token": 0.2, "output_tokens": n, "ms_per_output_token": 0.2,
                        "sentences": 5, "bound_ms": 0.05 * n, "bound_ratio": 4.0} for n in bench.LATENCY_LENGTHS}
    beam = {str(n): {"ms": summary(2.0 * n), "ms_per_source_token": 2.0, "output_tokens": n, "ms_per_output_token": 2.0,
                     "sentences": 5} for n in bench.LATENCY_LENGTHS}
    return {
        "machine": {"date": "today", "cpu": "Test CPU", "cores": 2, "load_average": [0.1, 0.1, 0.1],
                    "python": "3.11", "torch": "2.13.0", "torch_default_threads": 2, "torch_threads": 1,
                    "omp_num_threads": None},
        "settings": {"quick": False, "threads": 1},
        "machine_rates": {"matmul_flops_per_second": 36e9, "matmul_gflops": 36.0, "weight_read_bytes_per_second": 80e9,
                          "weight_read_gbytes_per_second": 80.0, "matmul_size": 512, "weight_read_megabytes": 3.4,
                          "repeats": 30},
        "training": {"settings": {"hidden_size": 256, "embedding_size": 128, "batch_size": 64, "attention_size": 128,
                                  "source_vocab": 900, "target_vocab": 700, "warmup_steps": 3, "timed_steps": 20},
                     "models": {"additive": {"tokens_per_second": summary(9000.0), "step_ms": summary(90.0),
                                             "target_tokens_per_step": 800, "parameters": 1_000_000,
                                             "overall_tokens_per_second": 9000.0, "gflops": 20.0,
                                             "matmul_fraction": 0.25, "possible_tokens_per_second": 36000.0,
                                             "step_fraction": 0.56, "matrix_product_ms": summary(50.0),
                                             "tokens_per_second_at_matrix_product_time": 16000.0,
                                             "padding_share": 0.23},
                                "dot": {"tokens_per_second": summary(12000.0), "step_ms": summary(70.0),
                                        "target_tokens_per_step": 800, "parameters": 1_000_000,
                                        "overall_tokens_per_second": 12000.0, "gflops": 28.0,
                                        "matmul_fraction": 0.3, "possible_tokens_per_second": 36000.0,
                                        "step_fraction": 0.75, "matrix_product_ms": summary(52.0),
                                        "tokens_per_second_at_matrix_product_time": 16000.0,
                                        "padding_share": 0.23}},
                     "shipped_training_seconds": {"additive": {"training_seconds": 1600.0, "corpus": "generated",
                                                               "best_epoch": 7, "seconds_to_quality": 600.0,
                                                               "epoch_of_quality": 3}}},
        "latency": {"models": {"additive": {"corpus": "generated",
                                            "greedy": {"lengths": lengths, "growth_exponent": 1.0, "at_most_linear": True},
                                            "beam5": {"lengths": beam, "growth_exponent": 1.0, "at_most_linear": True}}}},
        "evaluation": {"sentences": 1250, "batch_size": 250, "repeats": 3,
                       "models": {"additive": {"seconds": summary(4.0), "sentences_per_second": 312.5},
                                  "encdec": {"seconds": summary(12.0), "sentences_per_second": 104.2}}},
        "app": {"cold_start_apptest": {"process_wall_s": summary(7.0), "first_run_s": summary(5.0),
                                       "import_streamlit_s": summary(0.8), "models_in_table": 5, "repeats": 3},
                "cold_start_browser": {"rendered_s": summary(5.5), "healthy_s": summary(1.0),
                                       "server_vmhwm_mb": 640.0, "repeats": 3},
                "pages": {"pages/0_Home.py": {"seconds": summary(0.2), "first_run_s": 5.0},
                          "pages/1_Compare.py": {"seconds": summary(0.3), "first_run_s": 1.0}}},
        "memory": {"peak_rss_mb": 650.0, "rss_after_mb": 600.0, "models": ["additive", "encdec"], "source": "VmHWM",
                   "server_vmhwm_mb": 640.0},
        "errors": {},
    }


def test_target_checks_compare_each_figure_with_its_bound():
    checks = {row["target"]: row for row in bench.target_checks(fake_results())}
    assert set(checks) == {"greedy_20", "beam5_20", "linear_growth", "evaluation", "cold_start", "page_render",
                           "memory", "training_time", "training_fraction", "greedy_bound_ratio"}
    # a fraction must reach its bound, the slowest attention model decides
    assert checks["training_fraction"]["value"] == pytest.approx(0.56) and not checks["training_fraction"]["met"]
    assert "additive" in checks["training_fraction"]["note"] and "23% of decoder positions" in checks["training_fraction"]["note"]
    assert "16,000" in checks["training_fraction"]["note"], "the tokens/s at the matrix products' own time"
    assert checks["greedy_bound_ratio"]["value"] == pytest.approx(4.0) and not checks["greedy_bound_ratio"]["met"]
    assert checks["greedy_20"]["value"] == pytest.approx(4.0) and checks["greedy_20"]["met"]
    assert checks["beam5_20"]["value"] == pytest.approx(40.0) and not checks["beam5_20"]["met"]
    assert checks["evaluation"]["value"] == pytest.approx(12.0) and not checks["evaluation"]["met"]
    assert "encdec" in checks["evaluation"]["note"]  # the slowest model is the one checked
    assert checks["cold_start"]["value"] == pytest.approx(5.5) and "Chromium" in checks["cold_start"]["note"]
    assert checks["page_render"]["value"] == pytest.approx(0.3) and checks["page_render"]["met"]
    assert checks["memory"]["met"] and checks["training_time"]["met"] and checks["linear_growth"]["met"]
    assert checks["training_time"]["value"] == pytest.approx(600.0)  # to the quality target, not to the best epoch


def test_cold_start_target_falls_back_to_apptest_without_a_browser_run():
    results = fake_results()
    results["app"]["cold_start_browser"] = {"skipped": "skipped with --quick"}
    checks = {row["target"]: row for row in bench.target_checks(results)}
    assert checks["cold_start"]["value"] == pytest.approx(7.0)
    assert "AppTest" in checks["cold_start"]["note"]


def test_report_shows_every_section_and_marks_targets():
    results = fake_results()
    results["targets"] = bench.target_checks(results)
    report = bench.format_report(results)
    for heading in ("TRAINING THROUGHPUT", "TRANSLATION LATENCY", "EVALUATION", "APP", "MEMORY", "TARGETS"):
        assert heading in report
    assert "Test CPU" in report and "torch threads used: 1" in report
    assert "✓ greedy, 20-token source" in report and "✗ beam 5, 20-token source" in report
    assert "pages/1_Compare.py" in report and "640 MB" in report
    assert "MACHINE — matrix multiply (512³ float32): 36.0 GFLOP/s" in report
    assert "its matrix products alone: 50.0 ms a step, 56% of the step" in report
    assert "25% of the 512³ matmul peak" in report
    assert "✗ training step: its matrix products alone / the whole step" in report
    assert "(target ≥ 0.6)" in report and "weight-reading bound: 10 tokens 0.50 ms (4.0×)" in report


# ---------------------------------------------------------------- the sections, on tiny inputs


MEASURED_SUFFIXES = ("_mb", "_s", "per_second", "per_source_token", "per_output_token")


def positive_figures(section: dict) -> list[float]:
    """Every measured number in a section of the results: the figures of each summary (a dict
    holding a median) and the values named like measurements (…_mb, …_s, …per_second)."""
    found = []
    if isinstance(section, dict):
        if "median" in section:
            found += [section[key] for key in ("median", "min", "max", "q1", "q3", "p95")]
        for key, value in section.items():
            if key.endswith(MEASURED_SUFFIXES) and isinstance(value, (int, float)):
                found.append(value)
            found += positive_figures(value)
    elif isinstance(section, list):
        for value in section:
            found += positive_figures(value)
    return found


@pytest.fixture(scope="module")
def small_corpus():
    """The benchmark's corpus with a small training split (its test split is the shipped models')."""
    return bench.generated_splits_small(200)


RATES = {"matmul_flops_per_second": 1e10, "weight_read_bytes_per_second": 1e10}


def test_training_section_times_steps_of_the_shipped_recipe_and_reads_them_against_the_machine(small_corpus):
    training = bench.bench_training(["additive"], small_corpus, warmup_steps=0, timed_steps=1, rates=RATES)
    row = training["models"]["additive"]
    assert row["step_ms"]["n"] == 1 and row["parameters"] > 0 and 0 <= row["padding_share"] < 1
    assert training["settings"]["batch_size"] == bench.shipped_settings()["batch_size"]
    assert row["target_tokens_per_step"] > 0 and all(value > 0 for value in positive_figures(row))
    # FLOP/s over the machine's matmul rate, and the tokens/s that rate would allow
    assert row["gflops"] == pytest.approx(row["matmul_fraction"] * 10, abs=0.011)
    assert row["possible_tokens_per_second"] == pytest.approx(1e10 / row["flops_per_target_token"], rel=0.01)
    assert set(training["shipped_training_seconds"]) <= set(MODEL_KINDS)
    assert training["tutorial"] is None   # only when asked


def test_training_section_sets_the_tutorials_throughput_beside_ours_and_checks_the_ratio(small_corpus):
    training = bench.bench_training(["additive"], small_corpus, warmup_steps=0, timed_steps=1, tutorial_pairs=8)
    tutorial = training["tutorial"]
    assert tutorial["pairs"] == 3 and tutorial["target_tokens"] >= 3   # 8 drawn, its first 5 untimed
    ours = training["models"]["additive"]["overall_tokens_per_second"]
    assert tutorial["ratio"]["additive"] == pytest.approx(ours / tutorial["tokens_per_second"], abs=0.06)
    checks = {row["target"]: row for row in bench.target_checks({"training": training})}
    assert checks["tutorial_ratio"]["value"] == pytest.approx(tutorial["ratio"]["additive"])
    assert checks["tutorial_ratio"]["at_least"] and checks["tutorial_ratio"]["bound"] == 10.0
    report = bench.format_report({**fake_results(), "training": {**fake_results()["training"], "tutorial": tutorial},
                                  "targets": list(checks.values())})
    assert "PyTorch seq2seq tutorial" in report and f"additive {tutorial['ratio']['additive']:g}×" in report


def test_latency_and_evaluation_sections_translate_with_the_shipped_model(small_corpus):
    latency = bench.bench_latency(["additive"], small_corpus.test, repeats=1, beam_repeats=1,
                                  sentences_per_length=1, rates=RATES)["models"]["additive"]
    for method in ("greedy", "beam5"):
        lengths = latency[method]["lengths"]
        assert set(lengths) == {str(n) for n in bench.LATENCY_LENGTHS}
        assert all(row["sentences"] == 1 and row["output_tokens"] >= 1 for row in lengths.values())
        assert isinstance(latency[method]["at_most_linear"], bool)
    assert all(row["bound_ms"] > 0 for row in latency["greedy"]["lengths"].values()), "the bound of greedy steps"
    assert "bound_ms" not in latency["beam5"]["lengths"]["10"]
    with pytest.raises(RuntimeError, match="no sentence of"):
        bench.bench_latency(["additive"], small_corpus.test[:3], 1, 1, 1)
    evaluation = bench.bench_evaluation(["additive"], small_corpus.test[:25], repeats=1)
    assert evaluation["sentences"] == 25 and evaluation["models"]["additive"]["seconds"]["n"] == 1
    assert evaluation["models"]["additive"]["sentences_per_second"] > 0


def test_a_run_measures_the_sections_asked_for_and_reports_a_broken_one_beside_the_others(monkeypatch, tmp_path):
    """run_benchmark: each asked section gets its result (and how long it took), --models narrows
    every per-model section, a section that raises is an entry of `errors` and the rest still
    run, and the targets are checked on what was measured."""
    fake, asked = fake_results(), {}
    monkeypatch.setattr(bench, "generated_splits_small", lambda n: SimpleNamespace(train=[], test=["pair"]))
    monkeypatch.setattr(bench, "measure_machine_rates", lambda step_bytes: dict(fake["machine_rates"]))

    def section(name):
        def run(kinds, *args, **kwargs):
            asked[name] = list(kinds)
            return dict(fake[name])
        return run
    monkeypatch.setattr(bench, "bench_training", section("training"))
    monkeypatch.setattr(bench, "bench_latency", section("latency"))

    def broken(*args):
        raise RuntimeError("the test split is empty")
    monkeypatch.setattr(bench, "bench_evaluation", broken)
    results = bench.run_benchmark(["training", "latency", "evaluation"], quick=True, models=["additive"], threads=1)
    assert asked == {"training": ["additive"], "latency": ["additive"]}
    assert results["errors"] == {"evaluation": "RuntimeError: the test split is empty"}
    assert "evaluation" not in results and "app" not in results and "memory" not in results
    assert results["training"]["section_seconds"] >= 0 and results["latency"]["section_seconds"] >= 0
    assert {row["target"] for row in results["targets"]} == {"greedy_20", "beam5_20", "linear_growth",
                                                             "training_fraction", "greedy_bound_ratio", "training_time"}
    assert results["settings"]["quick"] is True and results["settings"]["threads"] == 1


CHILD_SCRIPTS = {"cold start": bench._APPTEST_COLD, "pages": bench._APPTEST_PAGES, "memory": bench._MEMORY}


@pytest.mark.parametrize("name", CHILD_SCRIPTS)
def test_the_app_and_memory_scripts_import_names_that_exist(name):
    """The app and memory sections run these scripts in fresh Pythons; every module and name
    they import must exist (the pages themselves are opened by tests/test_app_*.py)."""
    import ast
    import importlib
    import importlib.util
    tree = ast.parse(textwrap.dedent(CHILD_SCRIPTS[name]))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = importlib.import_module(node.module)
            for alias in node.names:   # a name of the module, or one of its submodules
                assert hasattr(module, alias.name) or importlib.util.find_spec(f"{node.module}.{alias.name}"), \
                    (name, node.module, alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                importlib.import_module(alias.name)


def test_a_child_process_returns_its_last_json_line_or_says_why_it_failed(tmp_path):
    result, wall = bench.run_child("import os; print('hello'); print('{\"threads\": ' + os.environ['OMP_NUM_THREADS'] + '}')",
                                   threads=1, data_dir=tmp_path)
    assert result == {"threads": 1} and wall > 0
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        bench.run_child("1 / 0", threads=1, data_dir=tmp_path)
    with pytest.raises(RuntimeError, match="printed no result"):
        bench.run_child("print('no json')", threads=1, data_dir=tmp_path)


# ---------------------------------------------------------------- the command line


def test_the_cli_writes_a_results_file_only_when_asked(tmp_path, monkeypatch):
    """Without --out nothing is written (docs/bench.json is tracked); with it, the results."""
    results = {**fake_results(), "targets": []}
    monkeypatch.setattr(bench, "run_benchmark", lambda *args, **kwargs: results)
    with monkeypatch.context() as writes:
        written = []
        writes.setattr(Path, "write_text", lambda path, *args, **kwargs: written.append(path))
        assert bench.main(["--quick", "--sections", "memory"]) == 0
        assert written == []
    assert bench.main(["--quick", "--sections", "memory", "--out", str(tmp_path / "out" / "b.json")]) == 0
    assert json.loads((tmp_path / "out" / "b.json").read_text(encoding="utf-8")) == results


def test_a_steps_matrix_products_are_recorded_with_their_shapes_and_timed_alone():
    import torch
    left, right, bias = torch.randn(8, 16), torch.randn(16, 4), torch.randn(4)
    weights = torch.randn(16, 4, requires_grad=True)

    def step():
        (torch.addmm(bias, left, weights) @ torch.randn(4, 3)).sum().backward()

    products = bench.step_matrix_products(step)
    names = [name for name, _ in products]
    assert names.count("aten::addmm") == 1 and "aten::mm" in names   # forward, and the backward's products
    assert ("aten::addmm", ((4,), (8, 16), (16, 4))) in products
    assert bench.time_matrix_products(products, repeats=3) > 0
    assert bench.step_matrix_products(lambda: left + 1) == []


# ---------------------------------------------------------------- time to quality


def test_time_to_quality_section_reports_the_curve_the_first_reach_and_its_target():
    """The section on a tiny run (no timing asserted): a curve of quality points, when each level was
    first reached, and the target checked on the thread CPU seconds at which both held."""
    from dataclasses import replace

    from core.language.classroom_subset import classroom_splits
    from tools.time_to_quality import BROWSER_DEFAULT, Run
    config = replace(BROWSER_DEFAULT, embedding_size=16, hidden_size=16, attention_size=16, epochs=2, patience=5,
                     pairs=300, max_source_tokens=9)
    section = bench.bench_time_to_quality([Run("tiny", config, classroom_splits(300, 0, 8))], every_steps=5)
    report = section["runs"][0]
    assert report["bucket_by_target"] is True and report["epochs_run"] == 2
    assert [p["step"] for p in report["curve"]] == [5, 10, 15, 20]   # 10 steps an epoch: 300 pairs, batch 32
    reached = report["first_reach"]
    assert (reached["bleu_level"], reached["aer_level"]) == (60.0, 0.30)
    results = {**fake_results(), "time_to_quality": section}
    checks = {row["target"]: row for row in bench.target_checks(results)}
    both = reached["both"]
    assert checks["time_to_quality"]["value"] == (None if both is None else pytest.approx(both["cpu_seconds"]))
    assert checks["time_to_quality"]["bound"] == 90.0 and "tiny" in checks["time_to_quality"]["note"]
    results["targets"] = list(checks.values())
    text = bench.format_report(results)
    assert "TIME TO QUALITY" in text and "validation BLEU ≥ 60" in text


def test_time_to_quality_is_skipped_with_quick_and_needs_no_training():
    results = bench.run_benchmark(["time_to_quality"], quick=True, models=None, threads=1)
    assert "quick" in results["time_to_quality"]["skipped"] and not results["errors"]
    assert "TIME TO QUALITY" in bench.format_report(results)


def test_epoch_cost_times_every_model_and_variant_side_by_side_and_scales_to_the_epoch():
    from tests.toy_corpus import toy_splits
    from tools.epoch_cost import measure, model_settings
    assert model_settings("transformer/decoder_layers=1/feedforward_size=256") == (
        "transformer", {"decoder_layers": 1, "feedforward_size": 256})
    splits = toy_splits()
    measured = measure(["additive", "transformer/decoder_layers=1"], ["shipped", "source+unfused"], every=2,
                       splits=splits)
    assert set(measured) == {"additive", "transformer/decoder_layers=1"}
    for rows in measured.values():
        assert set(rows) == {"shipped", "source+unfused"}
        for row in rows.values():
            assert row["batches"] == -(-len(splits.train) // 64)   # every batch of one epoch at batch 64
            assert row["timed_batches"] == -(-row["batches"] // 2)   # every 2nd of them
            assert row["epoch_s"] >= row["epoch_train_s"] > 0 and row["validation_s"] >= 0
    assert measured["transformer/decoder_layers=1"]["shipped"]["parameters"] < \
        measured["additive"]["shipped"]["parameters"]
