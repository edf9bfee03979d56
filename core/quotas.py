"""Quotas: what one browser keeps and what the server holds, checked before anything new is
written. Refused with QuotaError, whose message says the limit, what is used and how to free
space. The limits are core.limits.STORAGE.

A corpus or model replaced under the same name does not count twice: its old bytes are left out.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from core import owners
from core.limits import MB, STORAGE, StorageLimits

FREE_CORPORA = "Delete a corpus you no longer need under 'Your corpora' on the Data page."
FREE_MODELS = "Delete a model you no longer need under 'Your models' on the Training page."


class QuotaError(ValueError):
    """Keeping something more would pass a quota. The message is shown as it is."""


@dataclass(frozen=True)
class Usage:
    corpora: int
    corpus_bytes: int
    models: int
    model_bytes: int
    server_bytes: int

    def describe(self, limits: StorageLimits | None = None) -> str:
        limits = limits or STORAGE
        return (f"{self.corpora} of {limits.corpora_per_owner} corpora ({_mb(self.corpus_bytes)} of "
                f"{_mb(limits.corpus_bytes_per_owner)}), {self.models} of {limits.models_per_owner} models "
                f"({_mb(self.model_bytes)} of {_mb(limits.model_bytes_per_owner)}); the server holds "
                f"{_mb(self.server_bytes)} of {_mb(limits.server_bytes)}")


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB"


def folder_bytes(path: Path) -> int:
    """Bytes of the plain files under path (symlinks not followed, nor counted)."""
    total = 0
    for root, folders, files in os.walk(path):
        for name in files:
            try:
                stat = os.lstat(os.path.join(root, name))
            except OSError:
                continue
            total += stat.st_size if not os.path.islink(os.path.join(root, name)) else 0
    return total


def _corpora(data_dir, owner: str, leaving_out: str = "") -> list[Path]:
    return [owners.corpus_file(data_dir, name, owner) for name in owners.list_saved_corpora(data_dir, owner)
            if name != leaving_out]


def _models(data_dir, owner: str, leaving_out: str = "") -> list[Path]:
    return [owners.models_dir(data_dir) / model.folder for model in owners.user_models(data_dir)
            if model.mine(owner) and model.folder != leaving_out]


def usage(data_dir, owner: str) -> Usage:
    corpora, models = _corpora(data_dir, owner), _models(data_dir, owner)
    return Usage(len(corpora), sum(_size(path) for path in corpora), len(models),
                 sum(folder_bytes(path) for path in models), folder_bytes(Path(data_dir)))


def _size(path: Path) -> int:
    try:
        return path.lstat().st_size
    except OSError:
        return 0


def check_corpus(data_dir, owner: str, name: str, new_bytes: int, limits: StorageLimits | None = None) -> None:
    """Raise QuotaError when saving `owner`'s corpus `name` of new_bytes would pass a quota
    (limits: STORAGE when not given)."""
    limits = limits or STORAGE
    corpora = _corpora(data_dir, owner, leaving_out=name)
    replaced = _size(owners.corpus_file(data_dir, name, owner))
    if len(corpora) >= limits.corpora_per_owner:
        raise QuotaError(f"This browser keeps {len(corpora)} corpora, the most one browser may keep "
                         f"({limits.corpora_per_owner}). {FREE_CORPORA}")
    used = sum(_size(path) for path in corpora)
    if used + new_bytes > limits.corpus_bytes_per_owner:
        raise QuotaError(f"This corpus ({_mb(new_bytes)}) would take this browser's corpora to "
                         f"{_mb(used + new_bytes)}, over the {_mb(limits.corpus_bytes_per_owner)} one browser "
                         f"may keep. {FREE_CORPORA} Or upload a smaller part of the corpus.")
    _check_server(data_dir, new_bytes - replaced, limits)


def check_model(data_dir, owner: str, folder: str, limits: StorageLimits | None = None) -> None:
    """Raise QuotaError when `owner` may not train one more model (into `folder`, which replaces
    a model of that folder when there is one; limits: STORAGE when not given)."""
    limits = limits or STORAGE
    models = _models(data_dir, owner, leaving_out=folder)
    if len(models) >= limits.models_per_owner:
        raise QuotaError(f"This browser keeps {len(models)} models, the most one browser may keep "
                         f"({limits.models_per_owner}). {FREE_MODELS}")
    used = sum(folder_bytes(path) for path in models)
    if used >= limits.model_bytes_per_owner:
        raise QuotaError(f"This browser's models take {_mb(used)}, the most one browser may keep is "
                         f"{_mb(limits.model_bytes_per_owner)}. {FREE_MODELS}")
    _check_server(data_dir, 0, limits)


def _check_server(data_dir, new_bytes: int, limits: StorageLimits) -> None:
    held = folder_bytes(Path(data_dir))
    if held + new_bytes > limits.server_bytes:
        raise QuotaError(f"This server's data folder holds {_mb(held)}; the limit for everyone together is "
                         f"{_mb(limits.server_bytes)}, so nothing more can be kept now. {FREE_CORPORA} "
                         f"{FREE_MODELS} Private corpora and models are removed {owners.PRIVATE_DAYS} days "
                         "after they were made; or ask the teacher to free space.")
