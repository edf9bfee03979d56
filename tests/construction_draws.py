"""Drawing one sentence out of a construction of the generator (core.language.everyday,
core.language.conversation), for the tests that check what a construction writes."""
import random
from itertools import count

from core.language.grammar import pair_from_items
from core.language.lexicon import nfc


def translations_of(construction, hindi: str, draws: int, enough: int | None = None) -> list[tuple[str, ...]]:
    """The English tokens of each time `construction` writes exactly `hindi` in `draws` draws
    (seeded: the same every run), stopping after `enough` of them when given."""
    wanted = tuple(nfc(hindi).split())
    rng = random.Random(0)
    found = []
    for _ in range(draws):
        _, h, e = construction(rng, count())
        if tuple(token for token, _ in h) == wanted:
            found.append(pair_from_items(h, e).target_tokens)
            if enough is not None and len(found) == enough:
                break
    return found
