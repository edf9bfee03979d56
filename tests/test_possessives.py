"""Possessive chains (X का/की/के Y, nested once) as subject, object and predicate: the genitive agrees
with the owned noun, English writes the owner with 's, and the gold alignment links them."""
import random
from itertools import count

import pytest

from core.language import everyday
from core.language.corpus import generate_pairs
from core.language.grammar import Adjunct, Clause, NounPhrase, Sentence, pair_from_items, realise
from core.language.lexicon import ADJECTIVE, NAME, NOUN, PRONOUN, nfc, verb

MY = (nfc("मेर"), "my")
OWN = (nfc("अपन"), "my")


def noun(hindi: str, plural: bool = False, **parts) -> NounPhrase:
    head = NOUN[nfc(hindi)]
    return NounPhrase(head, head.gender, plural, **parts)


def me() -> NounPhrase:
    return NounPhrase(PRONOUN[nfc("मैं")], "m")


def said(clause: Clause):
    pair = realise(Sentence((clause,)))
    return pair.source_text, pair.target_text, pair


def test_a_chain_as_subject_with_a_place():
    book = noun("किताब", owner=noun("माँ", possessive=MY))
    on_table = Adjunct((nfc("पर"),), ("on",), noun("मेज़"))
    assert said(Clause(book, None, "present", predicate=on_table))[:2] == (
        nfc("मेरी माँ की किताब मेज़ पर है"), "My mother's book is on the table")


def test_a_chain_nested_once_as_object_with_its_alignment():
    book = noun("किताब", owner=noun("बहन", owner=noun("दोस्त", possessive=OWN)))
    hindi, english, pair = said(Clause(me(), verb("पढ़"), "past", object=book))
    assert (hindi, english) == (nfc("मैंने अपने दोस्त की बहन की किताब पढ़ी"), "I read my friend's sister's book")
    links = {(pair.source_tokens[i], pair.target_tokens[j]) for i, j in pair.alignment}
    assert {(nfc("अपने"), "my"), (nfc("दोस्त"), "friend's"), (nfc("की"), "friend's"), (nfc("बहन"), "sister's"),
            (nfc("किताब"), "book")} <= links
    assert (nfc("किताब"), "sister's") not in links


@pytest.mark.parametrize("owned, plural, marker, genitive", [
    ("घर", False, None, "का"),            # masculine singular direct: राम का घर
    ("घर", False, "में", "के"),            # masculine singular oblique: राम के घर में
    ("कुत्ता", True, None, "के"),          # masculine plural: राम के कुत्ते
    ("किताब", False, None, "की"),          # feminine: राम की किताब
    ("किताब", True, "में", "की"),           # feminine plural oblique: राम की किताबों में
])
def test_the_genitive_agrees_with_the_owned_noun(owned, plural, marker, genitive):
    owned_np = noun(owned, plural, owner=NounPhrase(NAME[nfc("राम")], "m"))
    if marker is None:
        clause = Clause(owned_np, None, "present", predicate=ADJECTIVE[nfc("बड़ा")])
    else:
        clause = Clause(me(), verb("बैठ"), "present", adjuncts=(Adjunct((nfc(marker),), ("in",), owned_np),))
    hindi, english, _ = said(clause)
    assert nfc(f"राम {genitive}") in hindi and "Ram's" in english


def test_a_family_owner_is_named_like_a_name_and_a_house_is_not_home():
    hindi, english, _ = said(Clause(me(), verb("जा"), "past", destination=noun("घर", owner=noun("माँ"))))
    assert (hindi, english) == (nfc("मैं माँ के घर गया"), "I went to Mother's house")


def test_the_predicate_chain_of_the_everyday_construction():
    rng = random.Random(0)
    seen = set()
    for _ in range(3_000):
        kind, hindi, english = everyday.whose(rng, count())
        pair = pair_from_items(hindi, english)
        seen.add(pair.target_tokens[0])
        assert any(t.endswith("'s") for t in pair.target_tokens), pair.target_text
        if pair.target_tokens[:2] in (("This", "is"), ("That", "is")):       # यह मेरे भाई की साइकिल है
            owned = pair.source_tokens[-2]
            genitive = pair.source_tokens[-3]
            assert genitive == (nfc("की") if NOUN[owned].gender == "f" else nfc("का")), pair.source_text
    assert {"This", "That", "Is", "Where"} <= seen


def test_the_stream_writes_chains_as_subject_and_object_and_nested():
    pairs = generate_pairs(20_000, seed=2)
    chains = [p for p in pairs if any(t.endswith("'s") for t in p.target_tokens)]
    nested = [p for p in chains if any(a.endswith("'s") and b.endswith("'s")
                                       for a, b in zip(p.target_tokens, p.target_tokens[1:]))]
    first = [p for p in chains if p.target_tokens[0].endswith("'s") or p.target_tokens[1].endswith("'s")]
    assert len(chains) > 500 and len(nested) > 20 and len(first) > 100
