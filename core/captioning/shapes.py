"""A generated world of pictures for image captioning: coloured shapes on a 3×3 grid.

Every scene is drawn with plain torch (no downloads, no image library) and described by a
small grammar, so the caption is a function of the picture and we know which shape each
word is about:

    one shape          a small blue square
    two shapes         a red circle above a blue square          (the bigger one is named first)
    two alike          two green triangles
    a pair and one     two green triangles to the left of a yellow circle
    three shapes       a red circle and a blue square and a green triangle   (reading order)

Relations compare grid cells: a different row gives "above"/"below", the same row
"to the left of"/"to the right of". Because the scene records each shape's bounding box and
each word records the shapes it names, an attention map can be checked against the truth:
when the captioner writes "circle", is it looking at the circle?

The test split is generated first from the seed, then validation, then training, so the test
scenes do not depend on how many training scenes are asked for.
"""
from __future__ import annotations

import argparse
import math
import random
import sys
from dataclasses import dataclass, field

import torch

IMAGE_SIZE = 64  # pixels per side
GRID = 3  # cells per side
COLOURS = {"red": (220, 50, 47), "green": (40, 160, 60), "blue": (40, 90, 220),
           "yellow": (235, 190, 20), "purple": (150, 60, 190)}
BACKGROUND = (235, 235, 235)
KINDS = ("circle", "square", "triangle")
PLURALS = {"circle": "circles", "square": "squares", "triangle": "triangles"}
SIZES = {"small": 5, "big": 9}  # half the side of the bounding box, in pixels
NUMBERS = {2: "two", 3: "three"}
STRUCTURES = {"one": 0.2, "relation": 0.35, "two_alike": 0.1, "pair_and_one": 0.15, "three": 0.2}
# Words that name a shape: the ones whose attention is checked against the shape's box.
NAMING_WORDS = frozenset(COLOURS) | frozenset(KINDS) | frozenset(PLURALS.values())


@dataclass(frozen=True)
class Shape:
    kind: str  # circle, square or triangle
    colour: str
    size: str  # small or big
    row: int  # grid cell, 0..GRID-1 from the top
    column: int  # 0..GRID-1 from the left
    centre_x: int  # pixels
    centre_y: int

    @property
    def box(self) -> tuple[int, int, int, int]:
        """(left, top, right, bottom) in pixels, inclusive: every painted pixel is inside."""
        half = SIZES[self.size]
        return self.centre_x - half, self.centre_y - half, self.centre_x + half, self.centre_y + half

    @property
    def looks(self) -> tuple[str, str]:
        return self.colour, self.kind


@dataclass(frozen=True)
class Scene:
    shapes: tuple[Shape, ...]
    tokens: tuple[str, ...]  # the caption, one word a token
    refers_to: tuple[tuple[int, ...], ...]  # per token: indices into shapes it names (empty for "above")
    structure: str  # a key of STRUCTURES

    @property
    def caption(self) -> str:
        return " ".join(self.tokens)

    def image(self) -> torch.Tensor:
        return render(self.shapes)


@dataclass
class SceneSplits:
    train: list[Scene] = field(default_factory=list)
    validation: list[Scene] = field(default_factory=list)
    test: list[Scene] = field(default_factory=list)


# ---------------------------------------------------------------- drawing


_ROWS, _COLUMNS = torch.meshgrid(torch.arange(IMAGE_SIZE), torch.arange(IMAGE_SIZE), indexing="ij")  # (H, W) each


def shape_mask(shape: Shape) -> torch.Tensor:
    """(H, W) bool: the pixels this shape paints."""
    dx, dy = _COLUMNS - shape.centre_x, _ROWS - shape.centre_y  # (H, W)
    half = SIZES[shape.size]
    if shape.kind == "circle":
        return dx * dx + dy * dy <= half * half
    if shape.kind == "square":
        return (dx.abs() <= half - 1) & (dy.abs() <= half - 1)  # a little smaller: same area as the circle, roughly
    # triangle pointing up: apex at the top of the box, base along its bottom
    height_down = dy + half  # 0 at the apex row, 2·half at the base
    return (dy >= -half) & (dy <= half) & (2 * dx.abs() <= height_down)


def render(shapes: tuple[Shape, ...] | list[Shape]) -> torch.Tensor:
    """(3, H, W) uint8 RGB picture of the shapes on a light background."""
    image = torch.tensor(BACKGROUND, dtype=torch.uint8)[:, None, None].repeat(1, IMAGE_SIZE, IMAGE_SIZE)  # (3, H, W)
    for shape in shapes:
        colour = torch.tensor(COLOURS[shape.colour], dtype=torch.uint8)[:, None]  # (3, 1)
        mask = shape_mask(shape)  # (H, W)
        image[:, mask] = colour
    return image


def images_tensor(scenes: list[Scene]) -> torch.Tensor:
    """(N, 3, H, W) uint8 pictures of the scenes."""
    if not scenes:
        return torch.zeros(0, 3, IMAGE_SIZE, IMAGE_SIZE, dtype=torch.uint8)
    return torch.stack([scene.image() for scene in scenes])


def upscale(image: torch.Tensor, factor: int) -> torch.Tensor:
    """(3, H, W) -> (H·factor, W·factor, 3) uint8, each pixel a factor×factor block: crisp
    on a projector, where a browser's own scaling would blur 64 pixels into mush."""
    return image.repeat_interleave(factor, dim=1).repeat_interleave(factor, dim=2).permute(1, 2, 0).contiguous()


def attention_overlay(image: torch.Tensor, weights: torch.Tensor, factor: int = 4,
                      outline=(230, 0, 140)) -> torch.Tensor:
    """The picture seen through one word's attention: each region keeps its colours in
    proportion to its weight (the peak region as it is) and fades to white where the weight
    is small, and the peak region is outlined.

    image (3, H, W) uint8, weights (L,) over an √L × √L grid of regions -> (H·f, W·f, 3) uint8.
    """
    side = math.isqrt(weights.numel())
    block = IMAGE_SIZE // side
    grid = (weights / weights.max().clamp_min(1e-12)).reshape(side, side)  # (√L, √L), peak = 1
    kept = 0.1 + 0.9 * grid.repeat_interleave(block, 0).repeat_interleave(block, 1)  # (H, W)
    faded = (image.float() * kept + 255.0 * (1 - kept)).round().to(torch.uint8)  # (3, H, W)
    big = upscale(faded, factor)  # (H·f, W·f, 3)
    peak = int(weights.argmax())
    top, left = (peak // side) * block * factor, (peak % side) * block * factor
    size, width = block * factor, max(1, factor // 2)
    colour = torch.tensor(outline, dtype=torch.uint8)
    big[top:top + width, left:left + size] = colour
    big[top + size - width:top + size, left:left + size] = colour
    big[top:top + size, left:left + width] = colour
    big[top:top + size, left + size - width:left + size] = colour
    return big


# ---------------------------------------------------------------- describing


def relation(shape: Shape, other: Shape) -> list[str]:
    """Where `shape` is with respect to `other`: rows first, then columns."""
    if shape.row != other.row:
        return ["above"] if shape.row < other.row else ["below"]
    return ["to", "the", "left" if shape.column < other.column else "right", "of"]


def _reading_order(indices, shapes) -> list[int]:
    return sorted(indices, key=lambda i: (shapes[i].row, shapes[i].column))


def describe(shapes: tuple[Shape, ...]) -> tuple[list[str], list[tuple[int, ...]], str]:
    """The caption of a scene, who each word names, and which structure the caption has.

    One caption per picture: the order of mention is fixed by what is visible (the bigger
    shape first, then reading order), so the captioner can be scored by exact match.
    """
    tokens: list[str] = []
    refers: list[tuple[int, ...]] = []

    def mention(indices: list[int], with_size: bool = False) -> None:
        first = shapes[indices[0]]
        group = tuple(sorted(indices))
        words = ["a"] if len(indices) == 1 else [NUMBERS[len(indices)]]
        if with_size:
            words.append(first.size)
        words += [first.colour, first.kind if len(indices) == 1 else PLURALS[first.kind]]
        tokens.extend(words)
        refers.extend(group for _ in words)

    def between(words: list[str]) -> None:
        tokens.extend(words)
        refers.extend(() for _ in words)

    groups: dict[tuple[str, str], list[int]] = {}
    for index, shape in enumerate(shapes):
        groups.setdefault(shape.looks, []).append(index)
    if len(shapes) == 1:
        mention([0], with_size=True)
        return tokens, refers, "one"
    if len(groups) == 1:
        mention(list(range(len(shapes))))
        return tokens, refers, "two_alike" if len(shapes) == 2 else "three_alike"
    if len(shapes) == 2:
        order = sorted(range(2), key=lambda i: (shapes[i].size != "big", shapes[i].row, shapes[i].column))
        mention([order[0]])
        between(relation(shapes[order[0]], shapes[order[1]]))
        mention([order[1]])
        return tokens, refers, "relation"
    if len(groups) == 2:
        pair = next(indices for indices in groups.values() if len(indices) == 2)
        single = next(indices[0] for indices in groups.values() if len(indices) == 1)
        where = [relation(shapes[i], shapes[single]) for i in pair]
        if where[0] == where[1]:
            mention(_reading_order(pair, shapes))
            between(where[0])
            mention([single])
            return tokens, refers, "pair_and_one"
    for position, index in enumerate(_reading_order(range(len(shapes)), shapes)):
        if position:
            between(["and"])
        mention([index])
    return tokens, refers, "three"


# ---------------------------------------------------------------- sampling


def _random_shape(rng: random.Random, row: int, column: int, looks: tuple[str, str] | None = None) -> Shape:
    colour, kind = looks or (rng.choice(list(COLOURS)), rng.choice(KINDS))
    size = rng.choice(list(SIZES))
    cell = IMAGE_SIZE / GRID
    # jitter inside the cell, keeping the whole shape in it
    slack = int(cell / 2 - SIZES[size] - 1)
    centre_x = int((column + 0.5) * cell) + rng.randint(-slack, slack)
    centre_y = int((row + 0.5) * cell) + rng.randint(-slack, slack)
    return Shape(kind, colour, size, row, column, centre_x, centre_y)


def _distinct_looks(rng: random.Random, count: int) -> list[tuple[str, str]]:
    every = [(colour, kind) for colour in COLOURS for kind in KINDS]
    return rng.sample(every, count)


def _sample_shapes(rng: random.Random, structure: str) -> tuple[Shape, ...]:
    count = {"one": 1, "relation": 2, "two_alike": 2, "pair_and_one": 3, "three": 3}[structure]
    cells = rng.sample([(r, c) for r in range(GRID) for c in range(GRID)], count)
    if structure in ("one", "relation", "three"):
        looks = _distinct_looks(rng, count)
    elif structure == "two_alike":
        looks = _distinct_looks(rng, 1) * 2
    else:
        pair, single = _distinct_looks(rng, 2)
        looks = [pair, pair, single]
    return tuple(_random_shape(rng, row, column, look) for (row, column), look in zip(cells, looks))


def sample_scene(rng: random.Random) -> Scene:
    """One scene; the structure is drawn first and the layout redrawn until the caption has it
    (a pair placed on both sides of the third shape would be described as a list)."""
    structure = rng.choices(list(STRUCTURES), weights=list(STRUCTURES.values()))[0]
    while True:
        shapes = _sample_shapes(rng, structure)
        tokens, refers, described = describe(shapes)
        if described == structure:
            return Scene(shapes, tuple(tokens), tuple(refers), structure)


def scene_from_seed(seed: int) -> Scene:
    """The scene a page shows for "generate one from a seed"."""
    return sample_scene(random.Random(f"scene-{seed}"))


def generate_scenes(n_train: int = 6000, n_validation: int = 300, n_test: int = 500, seed: int = 0) -> SceneSplits:
    """Test scenes first, then validation, then training: the test split depends on the seed alone."""
    rng = random.Random(seed)
    test = [sample_scene(rng) for _ in range(n_test)]
    validation = [sample_scene(rng) for _ in range(n_validation)]
    train = [sample_scene(rng) for _ in range(n_train)]
    return SceneSplits(train, validation, test)


# ---------------------------------------------------------------- checking attention


def region_square(region: int, regions_per_side: int) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) in pixels of region `region` (row-major) of a
    regions_per_side² grid, inclusive like Shape.box."""
    step = IMAGE_SIZE / regions_per_side
    row, column = divmod(region, regions_per_side)
    return column * step, row * step, (column + 1) * step - 1, (row + 1) * step - 1


def region_on_shapes(region: int, regions_per_side: int, shapes, centre: bool = False) -> bool:
    """Does the region overlap the bounding box of one of the shapes? With centre=True, the
    stricter question: is the region's centre inside one of the boxes?"""
    left, top, right, bottom = region_square(region, regions_per_side)
    if centre:
        left = right = (left + right) / 2
        top = bottom = (top + bottom) / 2
    return any(left <= box_right and right >= box_left and top <= box_bottom and bottom >= box_top
               for box_left, box_top, box_right, box_bottom in (s.box for s in shapes))


def named_shapes(tokens: list[str] | tuple[str, ...], shapes: tuple[Shape, ...]) -> list[tuple[int, ...]]:
    """For any caption (a model's too): per token, the shapes of the scene its mention names.

    A mention is a colour followed by a shape word ("red circle", "green triangles"); its
    colour and shape word name every shape in the scene that has both. A mention of a shape
    that is not in the picture names nothing. Other words name nothing.
    """
    singular = {plural: kind for kind, plural in PLURALS.items()}
    result: list[tuple[int, ...]] = [() for _ in tokens]
    for position in range(len(tokens) - 1):
        colour, kind = tokens[position], singular.get(tokens[position + 1], tokens[position + 1])
        if colour in COLOURS and kind in KINDS:
            group = tuple(i for i, shape in enumerate(shapes) if shape.looks == (colour, kind))
            result[position] = result[position + 1] = group
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.captioning.shapes", description="Print generated scenes.")
    parser.add_argument("--n", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    for scene in generate_scenes(n_train=0, n_validation=0, n_test=args.n, seed=args.seed).test:
        where = "; ".join(f"{s.size} {s.colour} {s.kind} in cell ({s.row},{s.column})" for s in scene.shapes)
        print(f"{scene.caption:<55} | {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
