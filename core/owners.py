"""Who owns what a browser makes, who sees it, where it is kept and when it goes.

A browser is an owner. It keeps a secret token (app.owner_session stores it in a cookie); its
owner id is a hash of the token, so a folder name never gives the token away. Everything an
owner makes lives under the data folder:

    data_dir/corpora/<owner>/<name>.tsv     a corpus uploaded in a browser: its owner's alone
    data_dir/corpora/<name>.tsv             owner "": a script's, or an upload from before corpora had
                                            owners; its author is unknown, so it is shown to nobody
    data_dir/models/<owner>_<name>/         a model trained in a browser; OWNER_FILE in it says whose
                                            it is and whether it is shared with everyone on the server
    data_dir/models/<name>/                 no OWNER_FILE: a script's, or from before models had owners;
                                            shared with everyone

An owner sees its own corpora, its own models ("mine/<name>") and every shared model
("shared/<name>"); only the owner shares, unshares or deletes one. Private things (corpora and
unshared models) are removed PRIVATE_DAYS after they were made (remove_old_private); shared and
owner-less models stay.

The token's form (new_token, valid_token) and the owner id made from it (owner_of) are decided
here alone, as are the limits on what one owner keeps: a signed token or a quota per owner
changes this module and the cookie glue (app.owner_session), nothing else.
"""
from __future__ import annotations

import hashlib
import json
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from core.files import atomic_write_json

TOKEN = re.compile(r"[0-9a-f]{32}")      # the secret a browser keeps
OWNER_ID = re.compile(r"[0-9a-f]{12}")   # owner_of(token): what folders and records name
OWNER_FILE = "owner.json"                # in a model folder: {"owner", "name", "shared", "created"}
PRIVATE_DAYS = 7                         # a private corpus or model is removed this long after it was made
MAX_NAME_LENGTH = 40
_NAME = re.compile(r"[A-Za-z0-9_-]{1,%d}" % MAX_NAME_LENGTH)
_MODEL_FOLDER = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]{0,59}")   # model_folder's result: <owner>_<name> or <name>
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                     *(f"lpt{i}" for i in range(1, 10))}


class InvalidNameError(ValueError):
    """A name for a saved corpus or model that is not allowed. The message is shown as it is."""


class NotOwnerError(ValueError):
    """Sharing or deleting a model the asking browser does not own. The message is shown as it is."""


# ------------------------------------------------------------------ owners: tokens and ids


def new_token() -> str:
    """A fresh secret for a browser that brought none (or one not of TOKEN's form)."""
    return secrets.token_hex(16)


def valid_token(token) -> bool:
    """Whether a token a browser offers is one this server accepts."""
    return isinstance(token, str) and TOKEN.fullmatch(token) is not None


def owner_of(token: str) -> str:
    """The owner id of a browser's token: the first 12 hex digits of its SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()[:12]


def _check_owner(owner) -> None:
    if not isinstance(owner, str) or (owner and not OWNER_ID.fullmatch(owner)):
        raise ValueError(f"{owner!r} is not a browser's owner id")


# ------------------------------------------------------------------ names


def validate_name(name: str) -> str:
    """A name for an uploaded corpus or a trained model: 1–40 of A–Z a–z 0–9 _ -, not starting
    with '-'. Returns the name unchanged; raises InvalidNameError with a message for the user.
    Such a name is safe as a file or folder name: it never leads out of its owner's folder."""
    rule = (f"Use 1–{MAX_NAME_LENGTH} letters (A–Z, a–z), digits, '_' or '-', "
            "not starting with '-' or '.'; for example 'my_corpus-2'.")
    if not isinstance(name, str) or not name:
        raise InvalidNameError(f"Please give a name. {rule}")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidNameError(f"The name is too long ({len(name)} characters). {rule}")
    if name[0] in "-.":
        raise InvalidNameError(f"The name {name!r} starts with '{name[0]}'. {rule}")
    if not _NAME.fullmatch(name):
        bad = sorted({c for c in name if not re.fullmatch(r"[A-Za-z0-9_-]", c)})
        shown = " ".join(repr(c) for c in bad[:5])
        raise InvalidNameError(f"The name {name!r} contains characters that are not allowed ({shown}). {rule}")
    if name.lower() in _WINDOWS_RESERVED:
        raise InvalidNameError(f"The name {name!r} is reserved by some systems. Choose another name.")
    return name


# ------------------------------------------------------------------ corpora


def corpora_folder(data_dir, owner: str = "") -> Path:
    """The folder of `owner`'s corpora (not created): data_dir/corpora/<owner>, or data_dir/corpora
    for owner "". Raises ValueError for an owner that is not a browser's id."""
    _check_owner(owner)
    corpora = Path(data_dir) / "corpora"
    return corpora / owner if owner else corpora


def corpus_file(data_dir, name: str, owner: str = "") -> Path:
    """The file `owner`'s corpus `name` is saved in (it may not exist). Raises InvalidNameError."""
    return corpora_folder(data_dir, owner) / f"{validate_name(name)}.tsv"


def writable_corpora_folder(data_dir, owner: str) -> Path:
    """corpora_folder, created, after checking it stays inside data_dir (before each mkdir as well,
    so a symlink out of data_dir never gets even an empty folder on the far side)."""
    root = Path(data_dir).resolve()
    folder = corpora_folder(root, owner)
    for path in (folder.parent, folder) if owner else (folder,):
        if not path.resolve().is_relative_to(root):   # a symlink pointing out of data_dir
            raise ValueError(f"{path} points outside {root}; refusing to write there")
        path.mkdir(parents=True, exist_ok=True)
        if not path.resolve().is_relative_to(root):
            raise ValueError(f"{path} points outside {root}; refusing to write there")
    return folder


def _saved_files(folder: Path) -> list[Path]:
    """The corpus files saved in folder: valid names, plain files, no symlinks."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    found = []
    for path in folder.glob("*.tsv"):
        try:
            validate_name(path.stem)
        except InvalidNameError:
            continue   # not a saved corpus
        if path.is_file() and not path.is_symlink():
            found.append(path)
    return found


def list_saved_corpora(data_dir, owner: str = "") -> list[str]:
    """Names of `owner`'s saved corpora, sorted (owner "": the owner-less ones only)."""
    return sorted(path.stem for path in _saved_files(corpora_folder(data_dir, owner)))


def delete_corpus(name: str, data_dir, owner: str) -> bool:
    """Remove `owner`'s corpus `name`; False when it has none of that name. Models trained on it
    keep working: they carry their own vocabularies and test split."""
    if not owner:
        raise ValueError("only a browser's own corpora are deleted here")
    path = corpus_file(data_dir, name, owner)
    if path not in _saved_files(path.parent):
        return False
    path.unlink(missing_ok=True)
    return True


def remove_old_corpora(data_dir, max_age_days: float, now: float | None = None) -> list[str]:
    """Delete the corpora saved more than max_age_days ago: every browser's and the owner-less
    ones (which the app shows to nobody), and owner folders left empty. Returns what went, as
    '<owner>/<name>' or '<name>'."""
    now = time.time() if now is None else now
    corpora = Path(data_dir) / "corpora"
    if corpora.is_symlink() or not corpora.resolve().is_relative_to(Path(data_dir).resolve()):
        return []
    owners = [""] + sorted(path.name for path in corpora.glob("*") if OWNER_ID.fullmatch(path.name))
    removed = []
    for owner in owners:
        folder = corpora_folder(data_dir, owner)
        for path in sorted(_saved_files(folder)):
            try:
                if now - path.lstat().st_mtime < max_age_days * 86_400:
                    continue
                path.unlink()
            except OSError:
                continue   # vanished or unwritable meanwhile: left for the next clean-up
            removed.append(f"{owner}/{path.stem}" if owner else path.stem)
        if owner and folder.is_dir() and not folder.is_symlink():
            try:
                folder.rmdir()   # only when empty
            except OSError:
                pass
    return removed


# ------------------------------------------------------------------ models


def models_dir(data_dir) -> Path:
    return Path(data_dir) / "models"


def model_folder(name: str, owner: str) -> str:
    """The folder under data_dir/models of `owner`'s model `name`: the name after the owner's id
    when there is one, so two browsers' "my_model" never collide or overwrite each other."""
    return f"{owner}_{name}" if owner else name


def record_owner(folder: Path, owner: str, name: str) -> None:
    """Mark a model folder as `owner`'s, private to it from the moment it appears."""
    atomic_write_json(Path(folder) / OWNER_FILE, {"owner": owner, "name": name, "shared": False,
                                                  "created": time.time()})


@dataclass(frozen=True)
class UserModel:
    """A folder of data_dir/models as one browser sees it."""
    folder: str
    name: str          # what its owner called it
    owner: str         # "" for a folder without OWNER_FILE (shared, as before ownership)
    shared: bool
    created: float

    def mine(self, owner: str) -> bool:
        return bool(owner) and self.owner == owner

    def visible_to(self, owner: str) -> bool:
        return self.shared or self.mine(owner)


def user_models(data_dir) -> list[UserModel]:
    """Every model folder under data_dir/models with what OWNER_FILE says about it, by folder name."""
    folder = models_dir(data_dir)
    if not folder.is_dir() or folder.is_symlink():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if not path.is_dir() or path.is_symlink() or path.name.startswith("."):
            continue
        found.append(_user_model(path))
    return found


def _modified(path: Path) -> float:
    return path.lstat().st_mtime


def _user_model(path: Path) -> UserModel:
    try:
        record = json.loads((path / OWNER_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return UserModel(path.name, path.name, "", True, _modified(path))
    except (OSError, ValueError):
        record = None
    if not isinstance(record, dict) or not OWNER_ID.fullmatch(str(record.get("owner", ""))):
        # unreadable ownership: private to nobody, so it is never shown and the cleaner removes it
        return UserModel(path.name, path.name, "?", False, _modified(path))
    name = str(record.get("name") or path.name)
    created = record.get("created")
    return UserModel(path.name, name, record["owner"], record.get("shared") is True,
                     float(created) if isinstance(created, (int, float)) else _modified(path))


def visible_models(data_dir, owner: str) -> list[tuple[str, UserModel]]:
    """(the name `owner` sees, the model) for every model `owner` may use: its own first, then the
    shared ones, each group by name. Its own are "mine/<name>", others' "shared/<name>", or
    "shared/<folder>" when two shared models have one name."""
    visible = [model for model in user_models(data_dir) if model.visible_to(owner)]
    visible.sort(key=lambda model: (not model.mine(owner), model.name, model.folder))

    def plain(model: UserModel) -> str:
        return f"{'mine' if model.mine(owner) else 'shared'}/{model.name}"

    counts: dict[str, int] = {}
    for model in visible:
        counts[plain(model)] = counts.get(plain(model), 0) + 1
    return [(plain(model) if counts[plain(model)] == 1 or model.mine(owner) else f"shared/{model.folder}", model)
            for model in visible]


def _owned(data_dir, folder: str, owner: str) -> Path:
    """The folder of a model `owner` owns; raises NotOwnerError otherwise."""
    path = models_dir(data_dir) / folder
    if (not _MODEL_FOLDER.fullmatch(folder) or path.is_symlink() or not path.is_dir()
            or not _user_model(path).mine(owner)):
        raise NotOwnerError("Only the browser that trained a model can share or delete it.")
    return path


def set_shared(data_dir, folder: str, owner: str, shared: bool) -> None:
    """Share the owner's model with everyone on this server, or make it private again."""
    path = _owned(data_dir, folder, owner)
    record = json.loads((path / OWNER_FILE).read_text(encoding="utf-8"))
    atomic_write_json(path / OWNER_FILE, {**record, "shared": bool(shared)})


def delete_model(data_dir, folder: str, owner: str) -> None:
    """Remove the owner's model; a run training under the same folder is not touched."""
    shutil.rmtree(_owned(data_dir, folder, owner))


# ------------------------------------------------------------------ clean-up


def remove_old_private(data_dir, max_age_days: float = PRIVATE_DAYS, now: float | None = None) -> list[str]:
    """Delete the private models trained more than max_age_days ago (and folders whose
    OWNER_FILE cannot be read, which nobody can see); shared and owner-less ones stay. The
    corpora saved more than max_age_days ago go too (remove_old_corpora: every browser's, and the
    owner-less ones the app shows to nobody). Returns the model folders removed."""
    now = time.time() if now is None else now
    remove_old_corpora(data_dir, max_age_days, now)
    removed = []
    for model in user_models(data_dir):
        if model.shared or not model.owner or now - model.created < max_age_days * 86_400:
            continue
        try:
            shutil.rmtree(models_dir(data_dir) / model.folder)
        except OSError:
            continue   # vanished or unwritable meanwhile: left for the next clean-up
        removed.append(model.folder)
    return removed
