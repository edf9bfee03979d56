"""Every form of every lexicon word is in the shipped recipe's training pairs (core.language.paradigms):
a model that knows चलोगी also meets चलोगे, बैठिए, लड़कों and अच्छी."""
import pytest

from core.language.corpus import MAX_SOURCE_TOKENS, generate_corpus
from core.language.lexicon import ADJECTIVES, NOUNS, VERBS, nfc, verb
from core.language.paradigms import ADJECTIVE_FORMS, NOUN_CASES, missing_forms, paradigm
from tools.shipped import SHIPPED_SETTINGS


@pytest.fixture(scope="module")
def shipped_corpus():
    return generate_corpus(n_train=SHIPPED_SETTINGS.pairs, seed=SHIPPED_SETTINGS.seed)


def test_every_lexicon_form_is_in_the_shipped_training_pairs(shipped_corpus):
    trained_on = [p for p in shipped_corpus.train if len(p.source_tokens) < SHIPPED_SETTINGS.max_source_tokens]
    missing = missing_forms(trained_on)
    assert not missing, f"{len(missing)} forms never in training, e.g. " + "; ".join(map(str, missing[:15]))


def test_the_paradigm_walks_every_word_and_every_form_the_grammar_writes():
    forms = paradigm()
    entries = {form.entry for form in forms}
    assert {v.key for v in VERBS} <= entries and {n.hindi for n in NOUNS} <= entries
    assert len({a.hindi for a in ADJECTIVES} - entries) == 0
    walk = verb("चल")
    written = {form.token for form in forms if form.entry == walk.key}
    # future for मैं, तुम, वह, हम (m/f), habitual, perfective, imperatives at three levels, infinitive
    assert {nfc(w) for w in "चलूँगा चलूँगी चलोगे चलोगी चलेगा चलेगी चलेंगे चलेंगी चलता चलते चलती चला चले चली "
                            "चलीं चलो चलिए चलना".split()} <= written
    boy = {form.features: form.token for form in forms if form.entry == nfc("लड़का")}
    assert boy == dict(zip(NOUN_CASES, map(nfc, ("लड़का", "लड़के", "लड़के", "लड़कों"))))
    good = {form.features: form.token for form in forms if form.entry == nfc("अच्छा")}
    assert good == dict(zip(ADJECTIVE_FORMS, map(nfc, ("अच्छा", "अच्छे", "अच्छी"))))
    # खाया/खाए/खाई/खाईं: the perfective of a ने verb agrees with its objects
    eat = verb("खा", "eat")
    assert {nfc(w) for w in "खाया खाए खाई खाईं".split()} <= {f.token for f in forms if f.entry == eat.key}


def test_every_form_builds_a_sentence_that_writes_it_with_a_gold_alignment():
    import random
    rng = random.Random(5)
    for form in paradigm():
        pair = form.build(rng)
        assert form.token in pair.source_tokens, (str(form), pair.source_text)
        i = pair.source_tokens.index(form.token)
        assert any(s == i for s, _ in pair.alignment), (str(form), pair.source_text)
        n, m = len(pair.source_tokens), len(pair.target_tokens)
        assert all(0 <= s < n and 0 <= t < m for s, t in pair.alignment)
        assert pair.target_tokens[0][0].isupper()


def test_completion_keeps_the_split_sizes_the_held_out_sentences_and_the_seed():
    first = generate_corpus(n_train=3_000, seed=7, test_per_bucket=20, validation_per_bucket=5)
    again = generate_corpus(n_train=3_000, seed=7, test_per_bucket=20, validation_per_bucket=5)
    assert first == again
    assert len(first.train) == 3_000
    held_out = {p.source_tokens for p in first.test + first.validation}
    assert not held_out & {p.source_tokens for p in first.train}
    # a small corpus lacks many forms; its last 5% are completion sentences that each add one
    completion = first.train[-150:]
    assert len(missing_forms(first.train)) <= len(missing_forms(first.train[:-150])) - len(completion)


def test_completion_sentences_are_short_enough_to_train_on(shipped_corpus):
    assert all(len(p.source_tokens) < MAX_SOURCE_TOKENS for p in shipped_corpus.train[-200:])


def test_the_report_lists_what_sampling_alone_leaves_out(capsys):
    from tools.paradigms import main
    assert main(["--pairs", "1500", "--seed", "1", "--sampled"]) == 0
    sampled = capsys.readouterr().out
    assert main(["--pairs", "1500", "--seed", "1"]) == 0
    completed = capsys.readouterr().out
    count = lambda out: int(out.split("): ")[1].split(" forms")[0])
    assert sampled.startswith(f"{len(paradigm())} forms") and count(completed) < count(sampled)
    assert len(completed.splitlines()) == count(completed) + 1
