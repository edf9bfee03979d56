"""The "What if" experiments, as pure functions (no streamlit): the What if page draws them.

- override rows: a step's attention row edited by hand (move weight from one source word to
  another, zero a word and renormalise, uniform, diagonal), to re-decode with
  core.nmt.decode's override_weights;
- word_diff: what changed between two translations, word by word (difflib);
- attention summaries: the total attention each source word received (a word that received
  almost none was probably dropped) and how focused each step was (entropy), with a reading;
- exposure: teacher forcing (the reference fed to the decoder) against free running (its
  own words fed back), the mismatch behind "exposure bias";
- the beam search tree as a Graphviz drawing, and the predict-then-reveal quiz's scoring.
"""
from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from typing import Sequence

import torch

from core.nmt.decode import BeamNode
from core.language.text import EOS, SOS_ID, SPECIAL_TOKENS
from core.safe_text import as_text

# ------------------------------------------------------------------ editing one attention row

EDITS = ("move weight", "zero a word", "uniform", "diagonal")


def _checked(row: Sequence[float]) -> list[float]:
    row = [float(w) for w in row]
    if not row:
        raise ValueError("an attention row needs at least one source position")
    return row


def move_weight(row: Sequence[float], source: int, target: int, fraction: float) -> list[float]:
    """Move `fraction` (0..1) of the weight on word `source` to word `target`; the sum is kept."""
    row = _checked(row)
    fraction = min(max(float(fraction), 0.0), 1.0)
    if source == target:
        return row
    moved = row[source] * fraction
    row[source] -= moved
    row[target] += moved
    return row


def zero_word(row: Sequence[float], index: int) -> list[float]:
    """Word `index` gets weight 0 and the others share its weight in proportion to their own.
    If it held all the weight, the others share it equally."""
    row = _checked(row)
    row[index] = 0.0
    rest = sum(row)
    if len(row) == 1:
        return row  # nothing else to give the weight to
    if rest <= 0:
        return [0.0 if j == index else 1.0 / (len(row) - 1) for j in range(len(row))]
    return [w / rest for w in row]


def uniform_row(length: int) -> list[float]:
    """1/S everywhere: what the uniform model always does."""
    return [1.0 / length] * length


def diagonal_index(step: int, source_length: int, target_length: int) -> int:
    """The source position on the straight line from the first word to the last."""
    if source_length <= 1 or target_length <= 1:
        return min(step, source_length - 1)
    return min(source_length - 1, round(step * (source_length - 1) / (target_length - 1)))


def diagonal_row(step: int, source_length: int, target_length: int) -> list[float]:
    """All weight on the diagonal: step t looks at the word in the same relative position
    (right for word-by-word translation, wrong for Hindi's verb-final order)."""
    focus = diagonal_index(step, source_length, target_length)
    return [1.0 if j == focus else 0.0 for j in range(source_length)]


def edited_row(edit: str, row: Sequence[float], step: int, target_length: int,
               source: int = 0, target: int = 0, fraction: float = 1.0) -> list[float]:
    """One of EDITS applied to `row` (step t of target_length steps)."""
    if edit == "move weight":
        return move_weight(row, source, target, fraction)
    if edit == "zero a word":
        return zero_word(row, source)
    if edit == "uniform":
        return uniform_row(len(row))
    if edit == "diagonal":
        return diagonal_row(step, len(row), target_length)
    raise ValueError(f"unknown edit {edit!r}; choose one of {EDITS}")


def argmax(values: Sequence[float]) -> int:
    return max(range(len(values)), key=lambda j: values[j])


# ------------------------------------------------------------------ word diff

@dataclass
class DiffPiece:
    kind: str  # "same", "inserted" (only in the new translation) or "deleted" (only in the old)
    words: list[str]


def word_diff(before: Sequence[str], after: Sequence[str]) -> list[DiffPiece]:
    """The edit script from `before` to `after`, word by word (a replacement is a deletion then
    an insertion)."""
    pieces = []
    matcher = difflib.SequenceMatcher(a=list(before), b=list(after), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(DiffPiece("same", list(before[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(DiffPiece("deleted", list(before[i1:i2])))
        if j2 > j1:
            pieces.append(DiffPiece("inserted", list(after[j1:j2])))
    return pieces


def _markdown_words(words: Sequence[str]) -> str:
    """Words safe inside Streamlit markdown (no emphasis, no HTML-looking <eos>)."""
    return " ".join(as_text(word) for word in words)


def diff_markdown(pieces: Sequence[DiffPiece]) -> str:
    """Streamlit markdown: deleted words red and struck through, inserted words green and bold."""
    parts = []
    for piece in pieces:
        text = _markdown_words(piece.words)
        if piece.kind == "deleted":
            parts.append(f":red-background[~~{text}~~]")
        elif piece.kind == "inserted":
            parts.append(f":green-background[**{text}**]")
        else:
            parts.append(text)
    return " ".join(parts) if parts else "(both empty)"


def marked_words(words: Sequence[str], target: Sequence[str]) -> str:
    """Markdown of `words` with every word that differs from `target` at the same position in
    red (the teacher-forcing table's "which predictions were wrong")."""
    parts = []
    for t, word in enumerate(words):
        text = _markdown_words([word])
        parts.append(text if t < len(target) and word == target[t] else f":red-background[**{text}**]")
    return " ".join(parts) if parts else "(nothing)"


def diff_summary(pieces: Sequence[DiffPiece]) -> str:
    inserted = sum(len(p.words) for p in pieces if p.kind == "inserted")
    deleted = sum(len(p.words) for p in pieces if p.kind == "deleted")
    if not inserted and not deleted:
        return "Same translation: the edit changed nothing the model wrote."
    return f"{inserted} word{'s' * (inserted != 1)} added, {deleted} removed."


# ------------------------------------------------------------------ attention summaries

DROPPED_BELOW = 0.3  # total attention under which a source word looks dropped


def attention_received(weights: Sequence[Sequence[float]]) -> list[float]:
    """Column sums of the (T, S) weights: how much attention each source word got in total
    (they add up to T, one per step)."""
    if not weights:
        return []
    return [float(sum(row[j] for row in weights)) for j in range(len(weights[0]))]


def entropy_bits(row: Sequence[float]) -> float:
    return float(-sum(w * math.log2(w) for w in row if w > 0))


def step_focus(weights: Sequence[Sequence[float]]) -> list[float]:
    """Entropy of every row in bits divided by log2 S: 0 = all weight on one word, 1 = spread
    evenly over all S words."""
    result = []
    for row in weights:
        most = math.log2(len(row)) if len(row) > 1 else 1.0
        result.append(min(1.0, max(0.0, entropy_bits(row) / most)))
    return result


@dataclass
class AttentionSummary:
    source_tokens: list[str]
    target_tokens: list[str]
    received: list[float]  # per source word
    spread: list[float]  # per target step, normalised entropy 0..1

    @property
    def dropped(self) -> list[int]:
        """Source words (not <eos>) that received less than DROPPED_BELOW in total."""
        return [j for j, total in enumerate(self.received)
                if total < DROPPED_BELOW and self.source_tokens[j] != EOS]

    def reading(self) -> list[str]:
        """What the two summaries say about this sentence, one line each (markdown)."""
        lines = []
        dropped = self.dropped
        if not dropped:
            lines.append(f"No word got less than {DROPPED_BELOW} in total: nothing looks dropped.")
        else:
            words = ", ".join(f"*{_markdown_words([self.source_tokens[j]])}* ({self.received[j]:.2f})"
                              for j in dropped)
            lines.append(f"Received less than {DROPPED_BELOW} in total: {words}. A word nobody looks at "
                         "was probably left out of the translation.")
        if self.spread:
            if min(self.spread) > 0.95:
                lines.append("Every step spreads its attention almost evenly over the sentence: where it "
                             "looks tells us nothing about which word it is translating.")
            else:
                # the <eos> row is often spread (nothing is left to translate): read the words first
                steps = [t for t in range(len(self.spread)) if self.target_tokens[t] != EOS] or \
                    list(range(len(self.spread)))
                worst = max(steps, key=self.spread.__getitem__)
                best = min(steps, key=self.spread.__getitem__)
                lines.append(f"Step {worst + 1} (*{_markdown_words([self.target_tokens[worst]])}*) is the most "
                             f"uncertain ({self.spread[worst]:.2f} of the widest possible spread); step "
                             f"{best + 1} (*{_markdown_words([self.target_tokens[best]])}*) is the most focused "
                             f"({self.spread[best]:.2f}).")
        return lines


def summarise(weights: Sequence[Sequence[float]], source_tokens: Sequence[str],
              target_tokens: Sequence[str]) -> AttentionSummary:
    weights = [[float(w) for w in row] for row in weights]
    return AttentionSummary(list(source_tokens), list(target_tokens), attention_received(weights),
                            step_focus(weights))


# ------------------------------------------------------------------ teacher forcing vs free running

@dataclass
class Exposure:
    """The same sentence decoded twice: fed the reference (teacher forcing) or its own words."""

    reference: list[str]  # reference words
    teacher_forced: list[str]  # the model's top word at step t given reference[:t]; one more step for <eos>
    teacher_probabilities: list[float]
    free_running: list[str]  # the model's own greedy words, ending with <eos> if it stopped
    unknown_reference_words: list[str]

    @property
    def teacher_feeds(self) -> list[list[str]]:
        """What the decoder was fed before each teacher-forced step: the reference prefix."""
        return [self.reference[:t] for t in range(len(self.teacher_forced))]

    @property
    def free_feeds(self) -> list[list[str]]:
        return [self.free_running[:t] for t in range(len(self.free_running))]

    @property
    def first_free_mistake(self) -> int | None:
        """First step where the free-running output leaves the reference (None: it never does)."""
        target = self.reference + [EOS]
        for t, word in enumerate(self.free_running):
            if t >= len(target) or word != target[t]:
                return t
        return None if len(self.free_running) == len(target) else len(self.free_running)

    def teacher_correct(self) -> int:
        """How many teacher-forced predictions equal the next reference word (or <eos> at the end)."""
        target = self.reference + [EOS]
        return sum(word == target[t] for t, word in enumerate(self.teacher_forced))

    def free_correct(self) -> int:
        """How many free-running words equal the reference word in the same position."""
        target = self.reference + [EOS]
        return sum(t < len(target) and word == target[t] for t, word in enumerate(self.free_running))

    def rows(self) -> list[dict]:
        """One row per step for a table: both feeds and both predictions."""
        count = max(len(self.teacher_forced), len(self.free_running))
        target = self.reference + [EOS]
        rows = []
        for t in range(count):
            rows.append({
                "step": t + 1,
                "reference word": target[t] if t < len(target) else "",
                "teacher forcing: fed": " ".join(self.reference[:t]) if t < len(self.teacher_forced) else "",
                "teacher forcing: predicts": self.teacher_forced[t] if t < len(self.teacher_forced) else "",
                "free running: fed": " ".join(self.free_running[:t]) if t < len(self.free_running) else "",
                "free running: writes": self.free_running[t] if t < len(self.free_running) else "",
            })
        return rows

    def reading(self) -> str:
        target_length = len(self.reference) + 1
        mistake = self.first_free_mistake
        teacher = (f"Fed the reference, the model predicts {self.teacher_correct()} of {target_length} next "
                   "words right (the last is <eos>).")
        if mistake is None:
            return teacher + " Fed its own words it writes the reference exactly: no mistake to compound."
        return (teacher + f" Fed its own words it leaves the reference at step {mistake + 1}, and from then on "
                f"it continues from a sentence it was never trained on: {self.free_correct()} of "
                f"{target_length} words land in the reference's positions.")


@torch.inference_mode()
def teacher_forced_predictions(model, source_ids: list[int], reference_ids: list[int]) -> list[tuple[int, float]]:
    """(top word id, its probability) at every step t = 0..len(reference), given <sos> and
    reference[:t]: the decoder is run once over the shifted reference, as in training."""
    source = torch.tensor([source_ids])  # (1, S)
    previous = torch.tensor([[SOS_ID] + list(reference_ids)])  # (1, T + 1)
    probabilities = torch.softmax(model(source, torch.tensor([len(source_ids)]), previous).logits[0], dim=-1)
    best = probabilities.max(dim=-1)  # (T + 1,)
    return list(zip(best.indices.tolist(), best.values.tolist()))


def exposure(translator, text: str, reference: str, free_running=None) -> Exposure:
    """Teacher forcing against free running for `text` (a core.nmt.translate.Translator; raises
    core.nmt.translate.InputError for input it refuses). free_running: the greedy Translation of
    text when the caller already has it."""
    from core.language.text import tokenize_english
    source = translator.prepare(text)
    reference_tokens = tokenize_english(reference or "")
    vocab = translator.target_vocab
    predictions = teacher_forced_predictions(translator.model, source.ids, vocab.encode(reference_tokens))
    free = free_running if free_running is not None else translator.translate(text)
    return Exposure(reference_tokens, [vocab.tokens[i] for i, _ in predictions], [p for _, p in predictions],
                    list(free.output_tokens), vocab.unknown_tokens(reference_tokens))


# ------------------------------------------------------------------ beam search tree

MAX_DRAWN_NODES = 60
BEST_COLOUR = "#1f77b4"


def _dot_label(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def drawn_nodes(tree: Sequence[BeamNode], limit: int = MAX_DRAWN_NODES) -> list[BeamNode]:
    """The nodes to draw: the winning path always, then whole steps from the root while they
    fit in `limit` (every drawn node's parent is drawn too)."""
    keep = {node.node_id for node in tree if node.on_best_path or node.parent_id is None}
    for step in sorted({node.step for node in tree}):
        layer = [node.node_id for node in tree if node.step == step and node.node_id not in keep]
        if len(keep) + len(layer) > limit:
            break
        keep.update(layer)
    return [node for node in tree if node.node_id in keep]


def beam_tree_dot(tree: Sequence[BeamNode], words: Sequence[str], limit: int = MAX_DRAWN_NODES) -> str:
    """Graphviz source for the search tree: each node is a word and the cumulative log-probability
    of its path; the winning path bold and blue; hypotheses that ended with <eos> dashed."""
    nodes = drawn_nodes(tree, limit)
    lines = ["digraph beam {", "  rankdir=LR; nodesep=0.12; ranksep=0.3;",
             '  node [shape=box, style="rounded", fontname="Helvetica", fontsize=12, color="#999999"];',
             '  edge [color="#bbbbbb", arrowsize=0.6];']
    for node in nodes:
        word = "<sos>" if node.parent_id is None else words[node.token_id]
        label = _dot_label(word) if node.parent_id is None else f"{_dot_label(word)}\\n{node.score:.2f}"
        styles = ["rounded"] + (["dashed"] if node.finished else []) + (["filled", "bold"] if node.on_best_path else [])
        attributes = [f'label="{label}"', f'style="{",".join(styles)}"']
        if node.on_best_path:
            attributes += [f'color="{BEST_COLOUR}"', f'fillcolor="{BEST_COLOUR}22"', "penwidth=2.5",
                           'fontname="Helvetica-Bold"']
        lines.append(f"  n{node.node_id} [{', '.join(attributes)}];")
    drawn = {node.node_id for node in nodes}
    for node in nodes:
        if node.parent_id is not None and node.parent_id in drawn:
            edge = f' [color="{BEST_COLOUR}", penwidth=2.5]' if node.on_best_path else ""
            lines.append(f"  n{node.parent_id} -> n{node.node_id}{edge};")
    lines.append("}")
    return "\n".join(lines)


def alternatives_at(alternatives: Sequence[Sequence[tuple[str, float]]], written: Sequence[str],
                    step: int) -> list[tuple[str, float]]:
    """The top-k words at `step` other than the one written there, without special tokens
    (a prefix can only force real words)."""
    chosen = written[step] if step < len(written) else None
    return [(word, p) for word, p in alternatives[step] if word != chosen and word not in SPECIAL_TOKENS]


def forced_prefix(written: Sequence[str], step: int, word: str) -> list[str]:
    """The words up to `step` as written, then `word` in place of the one written there."""
    return [w for w in written[:step] if w != EOS] + [word]


# ------------------------------------------------------------------ predict, then reveal

def guess_is_right(weights: Sequence[float], guess: int, tolerance: float = 1e-6) -> bool:
    """A guess is right when the word has the largest weight (ties all count: the uniform model)."""
    return float(weights[guess]) >= max(float(w) for w in weights) - tolerance


def quiz_score(results: dict[int, bool]) -> tuple[int, int]:
    """(correct, answered) from {step: guessed right}."""
    return sum(bool(r) for r in results.values()), len(results)
