"""Numbers in the generated corpus: words 0-100, सौ, हज़ार, आधा, डेढ़, ढाई and digits, in money, time,
age, durations and counts, each stated in the English exactly as the translation-time number check
(core.nmt.numbers) reads the Hindi."""
import pytest

from core.language.corpus import generate_pairs
from core.language.everyday import number_tokens
from core.language.lexicon import nfc
from core.language.text import tokenize_hindi
from core.nmt.numbers import source_numbers


@pytest.fixture(scope="module")
def pairs():
    return generate_pairs(30_000, seed=3)


@pytest.mark.parametrize("n, hindi, english", [
    (0, "शून्य", "zero"), (7, "सात", "seven"), (42, "बयालीस", "forty-two"), (100, "सौ", "a hundred"),
    (500, "पाँच सौ", "five hundred"), (1000, "एक हज़ार", "a thousand"), (3000, "तीन हज़ार", "three thousand"),
    (250, "250", "250"), (1999, "1999", "1999"),
])
def test_number_words_and_digits(n, hindi, english):
    assert number_tokens(n, digits=False) == (nfc(hindi).split(), english.split())
    assert number_tokens(n, digits=True) == ([str(n)], [str(n)])


def test_every_number_the_hindi_states_the_english_states(pairs):
    checked = 0
    for pair in pairs:
        english = [t.lower() for t in pair.target_tokens]
        for number in source_numbers(list(pair.source_tokens)):
            if number.is_article:
                continue
            runs = [run for run in number.accepted
                    if any(tuple(english[i:i + len(run)]) == run for i in range(len(english)))]
            assert runs, (pair.source_text, pair.target_text, number.text)
            checked += 1
    assert checked > 3_000


def test_money_time_age_durations_and_counts_use_every_kind_of_number(pairs):
    def found(hindi: str, english: str) -> int:
        h, e = tuple(tokenize_hindi(hindi)), tuple(english.split())
        return sum(any(p.source_tokens[i:i + len(h)] == h for i in range(len(p.source_tokens)))
                   and any(p.target_tokens[j:j + len(e)] == e for j in range(len(p.target_tokens))) for p in pairs)

    assert found("रुपये", "rupees") > 100                       # money
    assert found("सौ रुपये", "hundred rupees") > 5
    assert found("हज़ार", "thousand") > 5
    assert found("साढ़े", "half past") > 20 and found("ढाई बजे", "half past two") > 2   # time
    assert found("डेढ़ घंटा", "one and a half hours") > 2 and found("आधा घंटा", "half an hour") > 2
    assert found("कितने साल", "How old") > 10                    # age: वह कितने साल की है?
    assert found("साल की है", "years old") > 10
    digits = sum(any(t.isdigit() and int(t) > 100 for t in p.source_tokens) for p in pairs)
    assert digits > 50                                           # counts and prices in digits
