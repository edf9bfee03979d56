"""Numbers kept exact at translation time: the number a Hindi sentence states is the number its
English states, whatever the model wrote.

- source_numbers: the numbers in the Hindi tokens, with their value and how the English writes them.
  A digit string (250, 2.5, 1,000, 8:30; Devanagari digits are Latin by now, core.language.text)
  is written as the same digits. A number word (शून्य..निन्यानवे, सौ, हज़ार, आधा, डेढ़, ढाई, साढ़े X,
  X सौ, X हज़ार) is written as the generated corpus writes it: the English word (twenty-nine,
  a hundred, half past two), so a reference and the models agree on it.
- place_numbers: checks the English. Where a source number is missing, it is written over the
  output step that stands for it: a wrong number or a copied/unknown word, the one whose step
  attended most to the number (attention models), or the first in order (models whose attention
  points nowhere); with no such step, over the step attending most to the number. A number the
  source does not have is removed, except "one", which English uses as a pronoun.

The table of number words is the generator's own (core.language.everyday.number_tokens), so a
number word is read here exactly as the models were taught it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import torch

from core.language.everyday import number_tokens
from core.language.text import tokenize_hindi

DIGITS = re.compile(r"^\d+(?:[.,:]\d+)*$")
_HUNDRED, _THOUSAND = tokenize_hindi("सौ")[0], tokenize_hindi("हज़ार")[0]
_HALF_PAST = tokenize_hindi("साढ़े")[0]  # साढ़े सात: half past seven / seven and a half
_OCLOCK = tokenize_hindi("बजे")[0]
_GIVE = tokenize_hindi("दो")[0]  # दो is two, and the imperative "give" (बता दो: tell me)


def _hindi_words() -> dict[str, float]:
    words = {tokenize_hindi(number_tokens(n, digits=False)[0][0])[0]: n for n in range(1, 101)}
    words.update({tokenize_hindi(w)[0]: v for w, v in
                  (("शून्य", 0), ("हज़ार", 1000), ("आधा", 0.5), ("आधी", 0.5), ("डेढ़", 1.5), ("ढाई", 2.5))})
    return words


HINDI_NUMBER_WORDS = _hindi_words()  # token -> value
_ONES = "zero one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def english_words(n: int) -> str:
    """0..999,999 as English words with hyphens: 29 -> twenty-nine, 250 -> two hundred and fifty,
    100 -> a hundred, 1000 -> a thousand (as the generated corpus writes 100)."""
    if n < 10:
        return _ONES[n]
    if n < 20:
        return _TEENS[n - 10]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens - 2] + (f"-{_ONES[ones]}" if ones else "")
    for size, name in ((1000, "thousand"), (100, "hundred")):
        if n >= size:
            count, rest = divmod(n, size)
            head = f"a {name}" if count == 1 else f"{english_words(count)} {name}"
            return head + (f" and {english_words(rest)}" if 0 < rest < 100 else f" {english_words(rest)}" if rest else "")
    raise AssertionError(n)


@dataclass(frozen=True)
class SourceNumber:
    """A number in the Hindi: its token span, value and the English that states it."""

    start: int  # first source token
    end: int  # one past the last
    text: str  # the Hindi tokens, space-joined
    value: float
    written: str  # what is written in the English when the model's is wrong: "250", "twenty-nine"
    accepted: tuple[tuple[str, ...], ...]  # lower-case English token runs that state this number

    @property
    def is_digits(self) -> bool:
        return bool(DIGITS.match(self.text))

    @property
    def is_article(self) -> bool:
        """एक is "one" and the article "a"; English may write "the" or nothing for it, so a missing
        एक is never written over another word."""
        return self.value == 1 and not self.is_digits


def _words_for(value: float, before_oclock: bool) -> tuple[str, tuple[tuple[str, ...], ...]]:
    """(written, accepted) for a number word's value."""
    whole, half = int(value), value - int(value) == 0.5
    if not half:
        written = english_words(whole)
        accepted = {tuple(written.split()), (str(whole),)}
        if written.startswith("a "):
            accepted |= {tuple(("one " + written[2:]).split()), tuple(written.split()[1:])}
        if whole == 1:
            accepted |= {("a",), ("an",)}  # एक किताब: a book
        return written, tuple(sorted(accepted))
    if whole == 0:
        return "half", (("half",), ("0.5",))
    past = f"half past {english_words(whole)}"
    and_half = f"{english_words(whole)} and a half"
    written = past if before_oclock else and_half
    return written, (tuple(past.split()), tuple(and_half.split()), (f"{whole}.5",))


def source_numbers(tokens: list[str]) -> list[SourceNumber]:
    """The numbers in a tokenised Hindi sentence, left to right. दो at the end of a clause is the
    verb give (बता दो), not two; X सौ / X हज़ार is one number (ढाई सौ: 250), साढ़े X is X and a half."""
    found, i = [], 0
    while i < len(tokens):
        token, following = tokens[i], tokens[i + 1] if i + 1 < len(tokens) else None
        start, value = i, None
        if token == _HALF_PAST and following in HINDI_NUMBER_WORDS and HINDI_NUMBER_WORDS[following] >= 1:
            value, i = HINDI_NUMBER_WORDS[following] + 0.5, i + 1
        elif DIGITS.match(token):
            value = None if any(mark in token for mark in ".:") else float(token.replace(",", ""))
            if value is None:  # 2.5, 8:30: kept as written
                found.append(SourceNumber(i, i + 1, token, float("nan"), token, ((token,),)))
                i += 1
                continue
        elif token in HINDI_NUMBER_WORDS and not (token == _GIVE and (following is None or not following[0].isalpha())):
            value = HINDI_NUMBER_WORDS[token]
        if value is None:
            i += 1
            continue
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if after in (_HUNDRED, _THOUSAND) and token not in (_HUNDRED, _THOUSAND):
            value, i = value * (100 if after == _HUNDRED else 1000), i + 1
        text = " ".join(tokens[start:i + 1])
        before_oclock = i + 1 < len(tokens) and tokens[i + 1] == _OCLOCK
        if DIGITS.match(text):
            written, accepted = text, ((text,), (text.replace(",", ""),))
        else:
            written, accepted = _words_for(value, before_oclock)
            if value == int(value) and value >= 1000:
                accepted += ((f"{int(value):,}",), (str(int(value)),))
        found.append(SourceNumber(start, i + 1, text, value, written, accepted))
        i += 1
    return found


_ENGLISH_NUMBER_WORDS = frozenset(_ONES + _TEENS + _TENS + ["hundred", "thousand", "half", "dozen"]
                                  + [f"{t}-{o}" for t in _TENS for o in _ONES[1:]])


def is_english_number(token: str) -> bool:
    return bool(DIGITS.match(token)) or token.lower() in _ENGLISH_NUMBER_WORDS


def number_runs(words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of number words in the English: "two hundred and fifty", "a hundred",
    "half past two", "250" — an "a"/"an" before hundred/thousand/half and "and"/"past" between
    number words belong to the run."""
    lower = [w.lower() for w in words]
    runs, i = [], 0
    while i < len(words):
        if not is_english_number(words[i]):
            i += 1
            continue
        start, end = i, i + 1
        while end < len(words) and (is_english_number(words[end]) or (
                lower[end] in ("and", "a", "past") and end + 1 < len(words)
                and (is_english_number(words[end + 1]) or lower[end + 1] == "a"))):
            end += 1
        if start > 0 and lower[start - 1] in ("a", "an") and lower[start] in ("hundred", "thousand", "half"):
            start -= 1
        runs.append((start, end))
        i = end
    return runs


def _find_all(words: list[str], run: tuple[str, ...]) -> list[tuple[int, int]]:
    lower = [w.lower() for w in words]
    return [(start, start + len(run)) for start in range(len(words) - len(run) + 1)
            if tuple(lower[start:start + len(run)]) == run]


@dataclass(frozen=True)
class PlacedNumber:
    """A source number written over the model's words."""

    output_position: int  # index in the English tokens
    source_start: int  # the number's first Hindi token
    source_text: str
    written: str
    replaced: str  # what the model had written there ("" when it wrote nothing for it)
    how: str  # "attention": the step attending most to the number; "order": by position


@dataclass
class NumberCheck:
    words: list[str]  # the English tokens, numbers corrected ("" where a wrong number was removed)
    placed: list[PlacedNumber]
    removed: list[tuple[int, str]]  # (output position, word) of numbers the Hindi does not have
    unplaced: list[SourceNumber]  # source numbers with nowhere to go
    replaced_positions: set[int]  # output positions now holding a placed number


def place_numbers(source_tokens: list[str], words: list[str], attention: torch.Tensor | None,
                  open_positions: list[int]) -> NumberCheck:
    """words: the English, one token per decoder step. attention: (T, S) α for those steps (None:
    place by order). open_positions: words the model could not write (copies and <unk>) — a number
    may go there."""
    words = list(words)
    numbers = source_numbers(source_tokens)
    covered: set[int] = set()
    missing = []
    for number in numbers:
        spans = [span for run in number.accepted for span in _find_all(words, run) if not covered & set(range(*span))]
        if spans:  # the longest statement of it, the first of those
            covered |= set(range(*min(spans, key=lambda s: (s[0] - s[1], s[0]))))
        elif not number.is_article:
            missing.append(number)
    # runs of number words outside the numbers already right ("26 five": five is stray)
    stray = number_runs([word if t not in covered else "" for t, word in enumerate(words)])
    candidates = [run for run in stray] + [(p, p + 1) for p in open_positions if p not in covered]
    candidates = sorted(set(candidates))
    placed, taken = [], set()

    def weight(number: SourceNumber, run: tuple[int, int]) -> float:
        rows = attention[run[0]:run[1], number.start:number.end]
        return float(rows.max()) if rows.numel() else 0.0

    if attention is not None:  # best (number, step) pairs first: α_t at the number's tokens
        pairs = sorted(((weight(n, c), k, j) for k, n in enumerate(missing) for j, c in enumerate(candidates)),
                       reverse=True)
        chosen: dict[int, int] = {}
        for _, k, j in pairs:
            if k not in chosen and j not in chosen.values():
                chosen[k] = j
        assignment = [(missing[k], candidates[j], "attention") for k, j in sorted(chosen.items())]
    else:
        assignment = [(n, c, "order") for n, c in zip(missing, candidates)]
    for number, run, how in assignment:
        placed.append(_write(words, number, run, how))
        taken.add(run)
    unplaced = [n for n in missing if all(n is not a for a, _, _ in assignment)]
    if attention is not None:  # a number with no wrong word to go over: the step attending most to it
        for number in list(unplaced):
            free = [t for t in range(len(words)) if t not in covered and not any(a <= t < b for a, b in taken)
                    and words[t][:1].isalnum()]
            if free:
                step = max(free, key=lambda t: float(attention[t, number.start:number.end].max()))
                placed.append(_write(words, number, (step, step + 1), "attention"))
                taken.add((step, step + 1))
                unplaced.remove(number)
    removed = []
    for run in stray:
        if run in taken or [w.lower() for w in words[run[0]:run[1]]] == ["one"]:
            continue
        for t in range(*run):
            removed.append((t, words[t]))
            words[t] = ""
    replaced = {p.output_position for p in placed} | {t for run in taken for t in range(*run)}
    return NumberCheck(words, placed, removed, unplaced, replaced)


def _write(words: list[str], number: SourceNumber, run: tuple[int, int], how: str) -> PlacedNumber:
    """The number over the run's first word (the rest emptied): one token per decoder step, so the
    attention chart keeps one label per row."""
    replaced = " ".join(words[run[0]:run[1]])
    written = number.written
    if written.startswith("a ") and run[0] > 0 and words[run[0] - 1].lower() in ("a", "an", "one"):
        written = written[2:]  # "a Hazar" -> "a thousand", not "a a thousand"
    words[run[0]] = written
    for t in range(run[0] + 1, run[1]):
        words[t] = ""
    if written.startswith("half past") and run[1] < len(words) and words[run[1]].lower() == "o'clock":
        words[run[1]] = ""  # half past two, not half past two o'clock
    return PlacedNumber(run[0], number.start, number.text, number.written, replaced, how)
