"""A tiny, hand-made Hindi-English corpus for fast model tests (no generator needed)."""
from core.language.corpus import CorpusSplits, SentencePair
from core.language.text import tokenize_english, tokenize_hindi

TOY_PAIRS_TEXT = [
    ("मैं खाना खा रहा हूँ", "I am eating"),
    ("वह खाना खा रहा है", "he is eating"),
    ("वह खाना खा रही है", "she is eating"),
    ("हम खाना खा रहे हैं", "we are eating"),
    ("मैं पानी पी रहा हूँ", "I am drinking water"),
    ("वह पानी पी रहा है", "he is drinking water"),
    ("वह पानी पी रही है", "she is drinking water"),
    ("हम पानी पी रहे हैं", "we are drinking water"),
    ("मैं किताब पढ़ रहा हूँ", "I am reading a book"),
    ("वह किताब पढ़ रहा है", "he is reading a book"),
    ("वह किताब पढ़ रही है", "she is reading a book"),
    ("हम किताब पढ़ रहे हैं", "we are reading a book"),
]


def toy_pairs() -> list[SentencePair]:
    return [SentencePair(tuple(tokenize_hindi(h)), tuple(tokenize_english(e))) for h, e in TOY_PAIRS_TEXT]


def toy_splits() -> CorpusSplits:
    pairs = toy_pairs()
    return CorpusSplits(train=pairs, validation=pairs[:6], test=pairs[6:])
