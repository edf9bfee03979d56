"""`python -m core.train`: train one translation model from the command line.

    python -m core.train --model additive --out checkpoints/additive --epochs 12
    python -m core.train --model dot --corpus hin.txt --out /tmp/dot      # a corpus file, settings from its size
    torchrun --nproc_per_node=2 -m core.train --model dot --out /tmp/dot   # DDP, rank 0 writes

Every TrainConfig field (core.nmt.config) is a flag with its own help and check, so a bad
value gets the same one-line message here as through the API. The training is core.nmt.train.
"""
from __future__ import annotations

import argparse
import os
import sys
from dataclasses import fields
from inspect import signature
from pathlib import Path
from textwrap import fill

import torch
import torch.distributed as dist

from core.cli import OneLineParser
from core.fit import TrainCallbacks
from core.language.corpus import LENGTH_BUCKETS, generate_corpus
from core.nmt.config import Check, TrainConfig, whole, yes_no
from core.nmt.data import HELD_OUT_PART, MIN_CORPUS_PAIRS, TEST_SPLIT_FILE
from core.nmt.train import train
from core.progress import ProgressBar


def describe_splits() -> str:
    """How each corpus is split, in words, from the numbers the splitting code uses."""
    generated = signature(generate_corpus).parameters
    automatic_flags = [setting.metadata["flag"] for setting in fields(TrainConfig) if setting.metadata.get("auto")]
    return fill(f"How the corpus is split. The generated corpus: the test split takes the first "
            f"{generated['test_per_bucket'].default} new sentences of each of the {len(LENGTH_BUCKETS)} length "
            f"buckets, "
            f"validation the next {generated['validation_per_bucket'].default} of each, training then --pairs more; "
            f"no Hindi sentence is in two splits. A corpus file (--corpus FILE): its pairs are shuffled once "
            f"with --seed; the first 1/{HELD_OUT_PART} of them (at least 1) become the validation split, the next "
            f"1/{HELD_OUT_PART} (at least 1) the test split, the rest the "
            f"training split, cut to --pairs; a file needs at least {MIN_CORPUS_PAIRS} pairs. In both, pairs "
            f"at or over --max-source-tokens or --max-target-tokens are left out of training and validation, "
            f"and validation BLEU is measured on the first --validation-sentences validation pairs. A corpus "
            f"file's settings left to 'auto' ({', '.join(automatic_flags)}) come from the size of its "
            f"training split (the recipe for real "
            f"corpora in the README); its test split is saved beside the model as {TEST_SPLIT_FILE}.", width=80)


def config_arguments(config: TrainConfig) -> list[str]:
    """The command-line arguments that give exactly `config` (every field written out; an
    automatic setting not chosen yet as 'auto')."""
    return [item for setting in fields(TrainConfig)
            for item in (setting.metadata["flag"], _argument_text(getattr(config, setting.name)))]


def _argument_text(value) -> str:
    return AUTO if value is None else str(value)


def _checked(parse, check: Check | None, text: str):
    try:
        value = parse(text)
    except ValueError as error:
        expected = {int: "a whole number", float: "a number"}.get(parse)
        raise argparse.ArgumentTypeError(str(error) if expected is None else f"expected {expected}, got {text!r}") from None
    problem = check(value) if check else None
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return value


AUTO = "auto"  # on the command line: let the corpus's size choose this setting


def argument_type(setting):
    """argparse's `type` for a TrainConfig field: parse the text, then run the field's check
    ('auto' is None for the settings a corpus file chooses)."""
    def parse(text: str):
        if text == AUTO and setting.metadata.get("auto"):
            return None
        return _checked(setting.metadata["parse"], setting.metadata.get("check"), text)
    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="python -m core.train", description="Train one Dhyan model.", epilog=describe_splits(),
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, type=Path, help="checkpoint folder to write")
    for setting in fields(TrainConfig):
        meta = setting.metadata
        metavar = None if "choices" in meta else {int: "N", float: "X", yes_no: "YES/NO"}.get(meta["parse"], "TEXT")
        parser.add_argument(meta["flag"], dest=setting.name, type=argument_type(setting), default=setting.default,
                            choices=meta.get("choices"), metavar=metavar,
                            help=f"{meta['help']} (default: {meta['default_text']})")
    threads = whole("the number of threads", low=0)
    parser.add_argument("--threads", type=lambda text: _checked(int, threads, text), default=0, metavar="N",
                        help="torch CPU threads (default: 0, torch's choice)")
    parser.add_argument("--resume", action="store_true", help="continue from OUT/resume.pt")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    try:
        config = TrainConfig(**{setting.name: getattr(args, setting.name) for setting in fields(TrainConfig)})
    except ValueError as error:  # a check across fields
        parser.error(str(error))
    bar = ProgressBar()
    try:
        result = train(config, args.out, TrainCallbacks(on_step=bar.on_step, on_epoch=bar.on_epoch),
                       resume=args.resume)
    except KeyboardInterrupt:
        print("\nInterrupted: the checkpoint folder holds the last finished epoch.", file=sys.stderr)
        return 130
    except (ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        if dist.is_initialized():
            dist.destroy_process_group()
    if int(os.environ.get("RANK", "0")) == 0:
        print(f"best validation BLEU {result.best_bleu:.1f}; checkpoint in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
