"""From Hindi text to an English translation with everything needed to show how it was made.

    python -m core.translate --model additive "मैं खाना खा रहा हूँ"
    python -m core.translate --model checkpoints/dot --beam 5 --json "वह स्कूल जाता है"
    python -m core.translate --model additive --file sentences.txt [--json]

`Translator` wraps a loaded checkpoint: it tokenises and checks the input (docs/DESIGN.md, "Bad input": a
blank box gets a hint, over-long text is cut with a note, unknown words are listed with the
nearest words the model knows), calls core.nmt.decode, and returns a `Translation`. Where the
model wrote <unk>, an attention model copies the source word it looked at most, in Latin letters
(core.nmt.unknown_words); a translation with unknown words is a guess and says so. It never
mutates the model, so one Translator can serve every session and thread at once.

A model trained on a corpus file with subwords (core.language.subwords) reads and writes pieces:
its Translation's tokens and attention are per piece ("pen@@", "cil": every piece but a word's
last ends with @@), its text is whole words, and the charts merge the pieces back into words.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field

import torch

from core.nmt.checkpoint import CheckpointError, LoadedModel, load_checkpoint, resolve_model_path
from core.nmt.decode import BeamNode, DecodeResult, beam_search, greedy_decode
from core.language.subwords import SubwordError, is_continued, read_segmentation
from core.language.text import (EOS, EOS_ID, PAD_ID, SOS_ID, SPECIAL_TOKENS, UNK, UNK_ID, detokenize_english,
                                normalise, tokenize_english, tokenize_hindi)
from core.nmt.numbers import NumberCheck, place_numbers
from core.nmt.unknown_words import copy_form, has_devanagari_letter, is_punctuation, resembled_form, suggestions

MAX_INPUT_CHARACTERS = 2000  # read no further than this; the model's own limit is in tokens
MAX_BEAM_SIZE = 20  # wider beams cost k times the work and change nothing a lesson can see
# The models whose attention points at one source word. uniform's weights are all 1/S (they point
# nowhere) and encdec has none, so neither can copy a word it cannot translate. The transformer's
# attention is its last layer's heads averaged: at the step that wrote <unk> it weighed a made-up
# Hindi word most for 171 of 191 such words (0.90), against additive's 165 of 176 (0.94)
# (tools/copy_check.py --longest 11, the shipped models), so it copies too.
COPYING_KINDS = ("additive", "dot", "general", "transformer")


class InputError(ValueError):
    """Input we will not translate; the message is a hint for the person who typed it."""


@dataclass(frozen=True)
class UnknownWord:
    """A source word the model's vocabulary does not have (it reads <unk> there)."""

    position: int  # index in Translation.source_tokens
    word: str
    suggestions: tuple[str, ...]  # the nearest words it knows, nearest first (may be empty)
    resembles: str | None = None  # a known word of the same stem (चलोगे: चलोगी); the model reads that one


@dataclass(frozen=True)
class CopiedWord:
    """An output <unk> replaced by the source word attention weighed most at that step."""

    output_position: int  # index in Translation.target_tokens
    source_position: int  # index in Translation.source_tokens
    source_word: str
    written: str  # the source word as copied: transliterated, or as it is


@dataclass
class Translation:
    model_name: str
    model_kind: str
    source_tokens: list[str]  # what the encoder read, ending with <eos>
    target_tokens: list[str]  # the English words, without <eos>
    text: str  # target_tokens detokenised
    decoded: DecodeResult  # per-step detail: weights, scores, context, top-k
    token_probabilities: list[float]  # p of each chosen word, then of <eos> if it was reached
    alternatives: list[list[tuple[str, float]]]  # top-k (word, p) at every step
    unknown_words: list[str] = field(default_factory=list)  # distinct, in order of appearance
    notes: list[str] = field(default_factory=list)  # e.g. "cut to 59 words"
    method: str = "greedy"
    unknown: list[UnknownWord] = field(default_factory=list)  # every unknown source word, by position
    copies: list[CopiedWord] = field(default_factory=list)
    uncopied: list[int] = field(default_factory=list)  # positions in target_tokens still <unk>
    copy_unknown: bool = True  # whether copying was asked for
    numbers: NumberCheck | None = None  # the source's numbers checked against the English (None: not checked)

    @property
    def is_guess(self) -> bool:
        """The model met words it does not know, or wrote a word it does not know."""
        return bool(self.unknown or self.copies or self.uncopied)

    @property
    def label(self) -> str:
        return "Guess" if self.is_guess else "Translation"

    @property
    def mostly_unknown(self) -> bool:
        """More than half of the source words (punctuation aside) are unknown to the model."""
        words = [token for token in self.source_tokens[:-1] if not is_punctuation(token)]
        unknown = [u for u in self.unknown if not is_punctuation(u.word)]
        return 2 * len(unknown) > len(words)

    def notices(self) -> list[str]:
        """Why this is a guess, in plain words (the CLI prints them; the pages show the same)."""
        lines = []
        if self.unknown:
            first = {}
            for unknown in self.unknown:
                first.setdefault(unknown.word, unknown)
            described = [f"{word} (it looks like a form of {u.resembles}, which it knows, and was read as that)"
                         if u.resembles else f"{word} (did you mean: {', '.join(u.suggestions)}?)" if u.suggestions
                         else f"{word} (no similar word it knows)" for word, u in first.items()]
            count = len(first)
            lines.append(f"{count} word{'s are' if count != 1 else ' is'} not in the model's vocabulary: "
                         + "; ".join(described))
        if self.copies:
            pairs = ", ".join(f"{copy.written} ← {copy.source_word}" for copy in self.copies)
            lines.append(f"Copied from the Hindi: {pairs}. The model could not translate "
                         f"{'these words' if len(self.copies) > 1 else 'this word'}, so it wrote out the Hindi "
                         "word its attention pointed at, in Latin letters.")
        if self.uncopied:
            count = len(self.uncopied)
            words = f"{count} word{'s' if count != 1 else ''} of the English {'are' if count != 1 else 'is'}"
            if not self.copy_unknown:
                why = "copying is turned off"
            elif self.model_kind in COPYING_KINDS:
                why = "attention pointed at no Hindi word to copy"
            else:
                why = f"{self.model_kind} has no attention to point at the Hindi word to copy"
            lines.append(f"{words} unknown to the model (written {UNK}): {why}.")
        if lines:
            lines[0] = "Guess: " + lines[0]
        return lines

    def number_notices(self) -> list[str]:
        """What was done to keep the Hindi's numbers exact (apart from notices(): a corrected number
        is not a guess, and the pages read notices()[0] and [-1] as the guess lines)."""
        check, lines = self.numbers, []
        if check is None:
            return lines
        for placed in check.placed:
            where = (f"over {placed.replaced!r}" if placed.replaced else "") + (
                ", the word whose step attended most to it" if placed.how == "attention" else ", in order")
            lines.append(f"Number kept exact: {placed.source_text} is written {placed.written} ({where}).")
        if check.removed:
            lines.append("Number removed: " + ", ".join(word for _, word in check.removed)
                         + " (the Hindi states no such number).")
        if check.unplaced:
            why = ("its attention points at no word" if self.model_kind not in COPYING_KINDS and self.attention is not None
                   else f"{self.model_kind} has no attention to find where it goes" if self.attention is None
                   else "the English has no word to write it over")
            lines.append("Number not placed: " + ", ".join(n.text for n in check.unplaced)
                         + f" could not be placed in the English ({why}).")
        return lines

    @property
    def attention(self) -> torch.Tensor | None:
        """(T, S) weights including the <eos> step and the <eos> source position; None for encdec."""
        return self.decoded.attention

    @property
    def output_tokens(self) -> list[str]:
        """target_tokens plus <eos> when the model stopped by itself: one label per attention row."""
        ended = bool(self.decoded.token_ids) and self.decoded.token_ids[-1] == EOS_ID
        return self.target_tokens + ([EOS] if ended else [])

    @property
    def beam_tree(self) -> list[BeamNode] | None:
        return self.decoded.tree

    def to_json(self) -> dict:
        attention = self.attention
        return {
            "model": self.model_name, "kind": self.model_kind, "method": self.method,
            "source_tokens": self.source_tokens, "target_tokens": self.output_tokens, "translation": self.text,
            "attention": None if attention is None else [[round(w, 4) for w in row] for row in attention.tolist()],
            "probabilities": [round(p, 4) for p in self.token_probabilities],
            "alternatives": [[[w, round(p, 4)] for w, p in step] for step in self.alternatives],
            "label": self.label.lower(), "notes": self.notes, "notices": self.notices(),
            "number_notices": self.number_notices(),
            "unknown_words": [{"word": u.word, "position": u.position, "suggestions": list(u.suggestions)}
                              for u in self.unknown],
            "copied": [{"output_position": c.output_position, "source_position": c.source_position,
                        "source_word": c.source_word, "written": c.written} for c in self.copies],
            "unknown_left": self.uncopied,
            "numbers_placed": [] if self.numbers is None else [
                {"output_position": p.output_position, "source": p.source_text, "written": p.written,
                 "replaced": p.replaced, "how": p.how} for p in self.numbers.placed],
            "numbers_removed": [] if self.numbers is None else [word for _, word in self.numbers.removed],
            "numbers_unplaced": [] if self.numbers is None else [n.text for n in self.numbers.unplaced],
        }


@dataclass
class PreparedSource:
    tokens: list[str]  # Hindi tokens the model will read (without <eos>)
    ids: list[int]  # with <eos>
    unknown: list[UnknownWord]
    notes: list[str]

    @property
    def unknown_words(self) -> list[str]:
        return list(dict.fromkeys(unknown.word for unknown in self.unknown))


class Translator:
    def __init__(self, loaded: LoadedModel):
        self.loaded = loaded
        self.model = loaded.model
        self.source_vocab = loaded.source_vocab
        self.target_vocab = loaded.target_vocab
        try:  # whole words, or the subword pieces saved beside the weights
            self.segmentation = read_segmentation(loaded.directory)
        except SubwordError as error:
            raise CheckpointError(f"{loaded.name}: {error}.") from None
        self._suggestions: dict[str, tuple[str, ...]] = {}  # word -> nearest known words, memoised

    @classmethod
    def from_name(cls, name_or_dir: str) -> "Translator":
        path = resolve_model_path(name_or_dir)
        return cls(load_checkpoint(path, name=name_or_dir if not path.is_absolute() else path.name))

    @property
    def name(self) -> str:
        return self.loaded.name

    @property
    def kind(self) -> str:
        return self.loaded.kind

    def prepare(self, text: str) -> PreparedSource:
        if text is None or not str(text).strip():
            raise InputError("Type a Hindi sentence to translate, for example: मैं खाना खा रहा हूँ")
        notes = []
        text = str(text)
        if len(text) > MAX_INPUT_CHARACTERS:
            text = text[:MAX_INPUT_CHARACTERS]
            notes.append(f"Only the first {MAX_INPUT_CHARACTERS:,} characters were read.")
        visible = normalise(text)
        if not visible:
            raise InputError("There are no words in this input (only spaces or invisible characters). "
                             "Type a Hindi sentence, for example: मैं खाना खा रहा हूँ")
        # Letters, not the block: the danda, nukta, candrabindu and digits are in U+0900-097F too.
        # Checked before tokenising, which drops marks it has no word for (a lone "॥" leaves nothing).
        if not has_devanagari_letter(visible):
            raise InputError("These models translate Hindi written in Devanagari script (देवनागरी), and this "
                             "input has no Devanagari letters (punctuation, marks, digits, Latin letters or "
                             "emoji alone are not Hindi words). Try: मैं खाना खा रहा हूँ")
        tokens = self.segmentation.source_pieces(tokenize_hindi(text))
        limit = self.loaded.max_source_tokens - 1  # one position is the <eos> we append
        if len(tokens) > limit:
            unit = "subword pieces" if self.segmentation.uses_pieces else "words"
            notes.append(f"The input has {len(tokens)} {unit}; this model reads at most {limit}, "
                         f"so it was cut after {unit[:-1]} {limit}.")
            tokens = tokens[:limit]
        # A typed "<pad>" or "<eos>" is a word the model never read, not a control signal:
        # left as it is, "<pad>" would be masked out of attention and "<eos>" end the source early.
        ids = [UNK_ID if token in SPECIAL_TOKENS else token_id
               for token, token_id in zip(tokens, self.source_vocab.encode(tokens))]
        unknown = [UnknownWord(position, token, self.suggestions(token), self.resembles(token))
                   for position, token in enumerate(tokens) if token in SPECIAL_TOKENS or token not in self.source_vocab]
        for word in unknown:  # an unseen form of a known stem is read as that form, never copied as a name
            if word.resembles is not None:
                ids[word.position] = self.source_vocab.index[word.resembles]
        return PreparedSource(tokens, ids + [EOS_ID], unknown, notes)

    def suggestions(self, word: str) -> tuple[str, ...]:
        """The nearest source words this model knows (edit distance; ties: the more frequent first)."""
        if word not in self._suggestions:
            if len(self._suggestions) > 10_000:  # typed words are endless; the vocabulary is not
                self._suggestions.clear()
            known = self.source_vocab.tokens[len(SPECIAL_TOKENS):]  # ids are frequency ranks
            self._suggestions[word] = tuple(suggestions(word, known))
        return self._suggestions[word]

    def resembles(self, word: str) -> str | None:
        """The known word an unknown one looks like a form of (core.nmt.unknown_words.resembled_form);
        None for a model that reads pieces (its pieces already share stems) or a special token."""
        if self.segmentation.uses_pieces or word in SPECIAL_TOKENS:
            return None
        return resembled_form(word, self.source_vocab.tokens[len(SPECIAL_TOKENS):])

    def prefix_ids(self, prefix: str | list[str] | None) -> list[int]:
        if not prefix:
            return []
        words = tokenize_english(prefix) if isinstance(prefix, str) else list(prefix)
        if self.segmentation.uses_pieces and not any(is_continued(word) for word in words):
            words = self.segmentation.target_pieces(words)  # whole words given: the pieces the model writes
        unknown = list(dict.fromkeys(word for word in words if word in SPECIAL_TOKENS or word not in self.target_vocab))
        if unknown:
            raise InputError(f"The model cannot write {', '.join(unknown)}: not in its English vocabulary.")
        return self.target_vocab.encode(words)

    def translate(self, text: str, beam_size: int = 1, prefix: str | list[str] | None = None,
                  override_weights: dict[int, torch.Tensor] | None = None, top_k: int = 5,
                  copy_unknown: bool = True, keep_numbers: bool = True) -> Translation:
        """copy_unknown: replace each <unk> the model writes by the source word it attended to most
        (transliterated); only attention models can (COPYING_KINDS). keep_numbers: write each
        number of the Hindi exactly in the English (core.nmt.numbers); not with forced words or
        edited attention, whose point is to show what the model itself writes after them."""
        self.check_beam_size(beam_size)
        source = self.prepare(text)
        forced = self.prefix_ids(prefix)
        if beam_size > 1 and override_weights:
            raise InputError("Attention can be edited with greedy decoding only (beam size 1).")
        if beam_size > 1:
            decoded = beam_search(self.model, source.ids, beam_size=beam_size, prefix_ids=forced, top_k=top_k)
        else:
            decoded = greedy_decode(self.model, source.ids, prefix_ids=forced, override_weights=override_weights,
                                    top_k=top_k)
        return self._translation(source, decoded, "greedy" if beam_size <= 1 else f"beam {beam_size}",
                                 copy_unknown, keep_numbers and not forced and override_weights is None)

    def check_beam_size(self, beam_size) -> None:
        """1 (greedy) to MAX_BEAM_SIZE, and no wider than the English vocabulary; raises InputError."""
        limit = min(MAX_BEAM_SIZE, len(self.target_vocab))
        if isinstance(beam_size, bool) or not isinstance(beam_size, int) or not 1 <= beam_size <= limit:
            why = f"this model knows only {limit} English words" if limit < MAX_BEAM_SIZE else "1 is greedy search"
            raise InputError(f"The beam size must be a whole number from 1 to {limit} ({why}); got {beam_size!r}.")

    def _target_words(self, source: PreparedSource, decoded: DecodeResult,
                      copy_unknown: bool) -> tuple[list[str], list[CopiedWord], list[int]]:
        """The English words, each <unk> replaced by a copy where attention can point at one:
        (words, copies, positions still <unk>)."""
        can_copy = copy_unknown and self.kind in COPYING_KINDS
        words, copies, uncopied = [], [], []
        for step, token_id in enumerate(decoded.token_ids):  # as Vocabulary.decode, keeping the step
            if token_id == EOS_ID:
                break
            if token_id in (PAD_ID, SOS_ID):
                continue
            weights = decoded.steps[step].weights if step < len(decoded.steps) else None
            source_word = source.tokens[int(weights[:len(source.tokens)].argmax())] if weights is not None else None
            if token_id == UNK_ID and can_copy and weights is not None and not self._is_inflection(source, source_word):
                row = weights[:len(source.tokens)]  # α_t over the source words, without the appended <eos>
                source_position = int(row.argmax())  # the word attention weighed most at this step
                source_word = source.tokens[source_position]
                copies.append(CopiedWord(len(words), source_position, source_word, copy_form(source_word)))
                words.append(copies[-1].written)
                continue
            if token_id == UNK_ID:
                uncopied.append(len(words))
            words.append(self.target_vocab.tokens[token_id] if 0 <= token_id < len(self.target_vocab) else UNK)
        return words, copies, uncopied

    @staticmethod
    def _is_inflection(source: PreparedSource, word: str | None) -> bool:
        return any(u.word == word and u.resembles for u in source.unknown)

    def _check_numbers(self, source: PreparedSource, decoded: DecodeResult, words: list[str],
                       copies: list[CopiedWord], uncopied: list[int]) -> NumberCheck | None:
        """Each source number written exactly (core.nmt.numbers); attention models place a missing
        one where their attention was on it, the others by order. Whole-word models only."""
        if self.segmentation.uses_pieces:
            return None
        steps = [step for step, token_id in enumerate(decoded.token_ids)
                 if token_id not in (PAD_ID, SOS_ID)][:len(words)]
        attention = decoded.attention
        if attention is not None and self.kind in COPYING_KINDS and len(steps) == len(words):
            attention = attention[steps, :len(source.tokens)]
        else:
            attention = None
        return place_numbers(source.tokens, words, attention, sorted([c.output_position for c in copies] + uncopied))

    def _translation(self, source: PreparedSource, decoded: DecodeResult, method: str,
                     copy_unknown: bool = True, keep_numbers: bool = True) -> Translation:
        target_tokens, copies, uncopied = self._target_words(source, decoded, copy_unknown)
        numbers = self._check_numbers(source, decoded, target_tokens, copies, uncopied) if keep_numbers else None
        if numbers is not None:
            target_tokens = numbers.words
            copies = [c for c in copies if c.output_position not in numbers.replaced_positions]
            uncopied = [p for p in uncopied if p not in numbers.replaced_positions]
        vocab = self.target_vocab.tokens
        alternatives = [[(vocab[i], p) for i, p in zip(step.top_ids, step.top_probabilities)]
                        for step in decoded.steps]
        probabilities = [float(torch.tensor(step.log_probability).exp()) for step in decoded.steps]
        notes = list(source.notes)
        if decoded.token_ids and decoded.token_ids[-1] != EOS_ID:
            notes.append("The model did not finish the sentence within its length limit.")
        return Translation(self.name, self.kind, source.tokens + [EOS], target_tokens,
                           detokenize_english(self.segmentation.target_words([w for w in target_tokens if w])),
                           decoded, probabilities, alternatives, source.unknown_words, notes, method, source.unknown,
                           copies, uncopied, copy_unknown, numbers)


FILE_HELP = """translate FILE, one sentence per line ("-" reads standard input), loading the model once.
Standard output gets exactly one line per input line: the translation, an empty line for an empty
input line, or "error: ..." for a line that cannot be translated (the rest go on). With --json each
output line is a JSON object with "line" (1-based): the translation's fields, {"blank": true} or
{"error": ...}. Guess notices go to standard error as "line N: ...". Exit status: 0 when every
non-empty line was translated, 1 when some were not, 2 when the file or the model cannot be read."""


class FileError(Exception):
    """A --file that cannot be read as text; the message names it and says why."""


def read_lines(path: str):
    """The lines of a UTF-8 text file (or of standard input for "-"), without line ends: a
    generator, so a long file is never held whole. FileError for a missing, unreadable or binary
    file (a NUL byte or invalid UTF-8 at its start); an undecodable line later on is yielded as an
    UnicodeDecodeError for that line alone."""
    try:
        stream = sys.stdin.buffer if path == "-" else open(path, "rb")
    except FileNotFoundError:
        raise FileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise FileError(f"{path}: is a folder, not a text file") from None
    except OSError as error:
        raise FileError(f"{path}: cannot be read ({error.strerror or error})") from None
    with stream:
        try:
            head = stream.peek(8192)[:8192] if hasattr(stream, "peek") else b""
        except OSError as error:
            raise FileError(f"{path}: cannot be read ({error.strerror or error})") from None
        if b"\0" in head:
            raise FileError(f"{path}: is a binary file, not UTF-8 text with one sentence per line")
        for number, raw in enumerate(stream, 1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                if number == 1:
                    raise FileError(f"{path}: is not UTF-8 text (undecodable bytes in line 1)") from None
                yield error
                continue
            yield line.rstrip("\r\n")


def translate_file(translator: Translator, path: str, beam_size: int, copy_unknown: bool, as_json: bool) -> int:
    """FILE_HELP's contract; returns the exit status."""
    failed = []
    for number, line in enumerate(read_lines(path), 1):
        record = {"line": number}
        if isinstance(line, UnicodeDecodeError):
            error = "this line is not UTF-8 text"
        elif not line.strip():
            print(json.dumps({**record, "blank": True}) if as_json else "", flush=True)
            continue
        else:
            try:
                translation = translator.translate(line, beam_size=beam_size, copy_unknown=copy_unknown)
                error = None
            except InputError as refused:
                error = str(refused)
        if error is not None:
            failed.append(number)
            print(json.dumps({**record, "error": error}, ensure_ascii=False) if as_json else f"error: {error}",
                  flush=True)
            continue
        print(json.dumps({**record, **translation.to_json()}, ensure_ascii=False) if as_json else translation.text,
              flush=True)
        for message in translation.notes + translation.notices() + translation.number_notices():
            print(f"line {number}: {message}", file=sys.stderr)
    if failed:
        shown = ", ".join(map(str, failed[:10])) + (", …" if len(failed) > 10 else "")
        print(f"{len(failed)} line{'s' if len(failed) != 1 else ''} could not be translated (line "
              f"{shown})", file=sys.stderr)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.translate", description="Translate Hindi to English.",
                                     epilog="Words the model does not know make the translation a guess: the "
                                            "output says which they are and the nearest words it knows.")
    parser.add_argument("--model", default="additive", help="a shipped model name or a checkpoint folder")
    parser.add_argument("--beam", type=int, default=1, help="beam size (1: greedy)")
    parser.add_argument("--json", action="store_true",
                        help="print tokens, attention, probabilities, unknown words (with positions and "
                             "suggestions) and copied words as JSON")
    parser.add_argument("--no-copy", dest="copy_unknown", action="store_false",
                        help="leave <unk> in the output instead of copying the source word attention "
                             "points at (copying is on by default; only attention models can copy)")
    parser.add_argument("--file", metavar="FILE", help=FILE_HELP)
    parser.add_argument("sentence", nargs="*", help="the Hindi sentence")
    args = parser.parse_args(argv)
    if not 1 <= args.beam <= MAX_BEAM_SIZE:  # one line, before any model is loaded
        print(f"error: --beam must be from 1 to {MAX_BEAM_SIZE} (1 is greedy search); got {args.beam}.",
              file=sys.stderr)
        return 2
    if bool(args.sentence) == bool(args.file):
        parser.error("give a sentence or --file FILE (one of them)")
    try:
        translator = Translator.from_name(args.model)
        if args.file:
            return translate_file(translator, args.file, args.beam, args.copy_unknown, args.json)
        translation = translator.translate(" ".join(args.sentence), beam_size=args.beam,
                                           copy_unknown=args.copy_unknown)
    except (CheckpointError, InputError, FileError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(translation.to_json(), ensure_ascii=False))
    else:
        print(translation.text)
        for notice in translation.notices() + translation.number_notices():
            print(notice)
        for note in translation.notes:
            print(f"note: {note}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
