"""app.whatif: edited attention rows, word diffs, attention summaries, teacher forcing, beam tree, quiz."""
import math

import pytest

from app import charts, whatif
from core.nmt.decode import BeamNode
from core.language.text import EOS
from tests.app_helpers import shipped_translator

SEED = "मैं खाना खा रहा हूँ"
ROW = [0.1, 0.6, 0.2, 0.1]


# ------------------------------------------------------------------ override rows

def test_move_weight_moves_the_fraction_and_keeps_the_sum():
    moved = whatif.move_weight(ROW, 1, 3, 0.5)
    assert moved == pytest.approx([0.1, 0.3, 0.2, 0.4])
    assert sum(moved) == pytest.approx(1.0)
    everything = whatif.move_weight(ROW, 1, 0, 1.0)
    assert everything[1] == 0.0 and everything[0] == pytest.approx(0.7)
    assert whatif.move_weight(ROW, 2, 2, 0.7) == pytest.approx(ROW)  # to itself: nothing moves
    assert whatif.move_weight(ROW, 1, 3, 7.0) == pytest.approx([0.1, 0.0, 0.2, 0.7])  # clamped to 1


def test_zero_word_zeroes_it_and_renormalises_the_rest_in_proportion():
    zeroed = whatif.zero_word(ROW, 1)
    assert zeroed[1] == 0.0
    assert sum(zeroed) == pytest.approx(1.0)
    assert zeroed == pytest.approx([0.25, 0.0, 0.5, 0.25])
    one_hot = whatif.zero_word([0.0, 1.0, 0.0], 1)  # it had all the weight: the others share it equally
    assert one_hot == pytest.approx([0.5, 0.0, 0.5])


def test_uniform_and_diagonal_rows():
    assert whatif.uniform_row(4) == pytest.approx([0.25] * 4)
    assert whatif.diagonal_row(0, 5, 3) == [1.0, 0.0, 0.0, 0.0, 0.0]
    assert whatif.diagonal_row(2, 5, 3) == [0.0, 0.0, 0.0, 0.0, 1.0]  # last step looks at the last word
    assert whatif.diagonal_row(1, 5, 3) == [0.0, 0.0, 1.0, 0.0, 0.0]
    assert sum(whatif.diagonal_row(7, 3, 1)) == 1.0  # never past the end of the source


@pytest.mark.parametrize("edit", whatif.EDITS)
def test_every_edit_gives_a_distribution(edit):
    row = whatif.edited_row(edit, ROW, step=1, target_length=3, source=1, target=2, fraction=0.8)
    assert len(row) == len(ROW) and min(row) >= 0
    assert sum(row) == pytest.approx(1.0)
    with pytest.raises(ValueError):
        whatif.edited_row("teleport", ROW, 0, 3)


# ------------------------------------------------------------------ diff

def test_word_diff_marks_insertions_and_deletions():
    pieces = whatif.word_diff("I am eating".split(), "we are eating food".split())
    assert [(p.kind, p.words) for p in pieces] == [
        ("deleted", ["I", "am"]), ("inserted", ["we", "are"]), ("same", ["eating"]), ("inserted", ["food"])]
    markdown = whatif.diff_markdown(pieces)
    assert ":red-background[~~I am~~]" in markdown and ":green-background[**we are**]" in markdown
    assert whatif.diff_summary(pieces) == "3 words added, 2 removed."
    same = whatif.word_diff(["a", "b"], ["a", "b"])
    assert [p.kind for p in same] == ["same"] and "changed nothing" in whatif.diff_summary(same)
    assert "\\<eos\\>" in whatif.diff_markdown(whatif.word_diff([], [EOS]))  # not read as an HTML tag


# ------------------------------------------------------------------ attention summaries

def test_entropy_of_one_hot_is_zero_and_of_uniform_is_one_after_normalising():
    assert whatif.step_focus([[0.0, 1.0, 0.0, 0.0]]) == [0.0]
    assert whatif.step_focus([[0.2] * 5]) == pytest.approx([1.0])
    assert whatif.entropy_bits([0.5, 0.5]) == pytest.approx(1.0)
    between = whatif.step_focus([ROW])[0]
    assert 0 < between < 1


def test_attention_received_sums_to_the_number_of_steps():
    weights = [ROW, [0.25] * 4, [1.0, 0.0, 0.0, 0.0]]
    received = whatif.attention_received(weights)
    assert received == pytest.approx([1.35, 0.85, 0.45, 0.35])
    assert sum(received) == pytest.approx(len(weights))


def test_summary_reading_names_dropped_words_and_the_most_uncertain_step():
    weights = [[0.9, 0.05, 0.05], [0.5, 0.1, 0.4], [0.1, 0.0, 0.9]]
    summary = whatif.summarise(weights, ["राम", "ने", EOS], ["Ram", "did", EOS])
    assert summary.dropped == [1]  # ने received 0.15; <eos> never counts as dropped
    dropped, spread = summary.reading()
    assert "*ने* (0.15)" in dropped and "dropped" not in spread
    assert spread.startswith("Step 2 (*did*) is the most uncertain") and "step 1 (*Ram*) is the most focused" in spread
    fine = whatif.summarise([[0.5, 0.5], [0.5, 0.5]], ["a", "b"], ["x", "y"]).reading()
    assert fine[0] == "No word got less than 0.3 in total: nothing looks dropped."
    assert "evenly" in fine[1]


def test_summary_charts_have_one_bar_per_word():
    received = charts.attention_received_chart([1.2, 0.1], ["राम", "ने"], 0.3, title="t").to_dict()
    assert received["mark"]["type"] == "bar"
    rows = [row for rows in received["datasets"].values() for row in rows if "received" in row]
    assert [(row["token"], row["received"], row["low"]) for row in rows] == [("राम", 1.2, False), ("ने", 0.1, True)]
    spread = charts.step_focus_chart([0.0, 1.0], ["Ram", EOS]).to_dict()
    assert spread["encoding"]["y"]["scale"]["domain"] == [0, 1]
    assert [row["spread"] for row in next(iter(spread["datasets"].values()))] == [0.0, 1.0]


# ------------------------------------------------------------------ teacher forcing vs free running

def test_teacher_forcing_follows_the_reference_and_free_running_its_own_words():
    model = shipped_translator("additive")
    free = model.translate(SEED)
    reference = "we are drinking water" if free.text != "we are drinking water" else "I am eating"
    result = whatif.exposure(model, SEED, reference)
    assert result.reference == reference.split()
    assert len(result.teacher_forced) == len(result.reference) + 1  # one more prediction: <eos>?
    assert result.teacher_feeds == [result.reference[:t] for t in range(len(result.reference) + 1)]
    assert result.free_running == free.output_tokens
    assert result.free_feeds[-1] == free.output_tokens[:-1]
    assert result.first_free_mistake is not None  # the reference differs from the model's output
    rows = result.rows()
    assert [row["teacher forcing: fed"] for row in rows[:len(result.teacher_forced)]] == \
        [" ".join(reference.split()[:t]) for t in range(len(result.teacher_forced))]
    assert all(0 < p <= 1 for p in result.teacher_probabilities)
    assert "leaves the reference at step" in result.reading()


def test_feeding_the_models_own_output_as_reference_gives_the_same_words():
    model = shipped_translator("additive")
    free = model.translate(SEED)
    result = whatif.exposure(model, SEED, free.text, free_running=free)
    assert result.teacher_forced == free.output_tokens  # teacher forcing on its own words is free running
    assert result.first_free_mistake is None and "no mistake" in result.reading()
    assert result.teacher_correct() == result.free_correct() == len(free.output_tokens)


def test_unknown_reference_words_are_reported():
    result = whatif.exposure(shipped_translator("additive"), SEED, "I am zorbling")
    assert result.unknown_reference_words == ["zorbling"]


def test_marked_words_colours_only_the_mismatches():
    assert whatif.marked_words(["I", "am", "eating"], ["I", "was", "eating"]) == "I :red-background[**am**] eating"


# ------------------------------------------------------------------ beam tree and forced words

def small_tree() -> list[BeamNode]:
    return [BeamNode(0, None, -1, 1, 0.0, on_best_path=True),
            BeamNode(1, 0, 0, 4, -0.1, on_best_path=True), BeamNode(2, 0, 0, 5, -2.5),
            BeamNode(3, 1, 1, 2, -0.2, finished=True, on_best_path=True), BeamNode(4, 2, 1, 6, -3.0),
            BeamNode(5, 4, 2, 2, -3.1, finished=True)]


def test_beam_tree_dot_labels_words_scores_best_path_and_finished():
    words = ["<pad>", "<sos>", "<eos>", "<unk>", "I", "we", '"quoted"']
    dot = whatif.beam_tree_dot(small_tree(), words)
    assert dot.startswith("digraph beam {") and dot.endswith("}")
    assert 'n1 [label="I\\n-0.10"' in dot
    assert '\\"quoted\\"' in dot  # quotes escaped inside the label
    best = [line for line in dot.splitlines() if "penwidth=2.5" in line and "->" not in line]
    assert len(best) == 3  # root, I, <eos>
    assert "dashed" in next(line for line in dot.splitlines() if line.strip().startswith("n5 "))
    assert "n0 -> n1 [" in dot and "n2 -> n4;" in dot


def test_drawing_a_big_tree_keeps_the_winning_path_and_whole_early_steps():
    tree = small_tree()
    drawn = whatif.drawn_nodes(tree, limit=4)
    assert {n.node_id for n in drawn} == {0, 1, 2, 3}  # best path + the rest of step 0
    assert all(n.parent_id is None or n.parent_id in {m.node_id for m in drawn} for n in drawn)


def test_beam_search_tree_of_a_real_model_draws():
    result = shipped_translator("additive").translate(SEED, beam_size=3)
    dot = whatif.beam_tree_dot(result.beam_tree, shipped_translator("additive").target_vocab.tokens)
    assert dot.count("penwidth=2.5") >= 2 * len(result.output_tokens)  # best-path nodes and edges


def test_forcing_a_prefix_keeps_it_and_changes_the_output():
    model = shipped_translator("additive")
    original = model.translate(SEED, beam_size=3)
    choices = whatif.alternatives_at(original.alternatives, original.output_tokens, 0)
    assert choices and all(word != original.output_tokens[0] for word, _ in choices)
    assert all(not w.startswith("<") for w, _ in choices)  # only real words can be forced
    word = choices[0][0]
    prefix = whatif.forced_prefix(original.output_tokens, 0, word)
    assert prefix == [word]
    forced = model.translate(SEED, beam_size=3, prefix=prefix)
    assert forced.target_tokens[:1] == [word] and forced.text != original.text
    assert whatif.forced_prefix(["I", "am", EOS], 2, "x") == ["I", "am", "x"]


# ------------------------------------------------------------------ quiz

def test_guesses_are_right_on_the_largest_weight_and_ties_count():
    assert whatif.guess_is_right(ROW, 1)
    assert not whatif.guess_is_right(ROW, 0)
    assert whatif.guess_is_right([0.25] * 4, 3)  # the uniform model: every word is a largest weight
    assert whatif.quiz_score({0: True, 1: False, 2: True}) == (2, 3)
    assert whatif.quiz_score({}) == (0, 0)
    assert math.isclose(sum(whatif.uniform_row(3)), 1.0)
