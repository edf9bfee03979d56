"""Who owns what a browser makes, who sees it, where it is kept and when it goes.

A browser is an owner. It keeps a token this server issued and signed (app.owner_session stores
it in a cookie, renewed on every visit); its owner id is a hash of the token, so a folder name
never gives the token away. A token the server did not sign (made up, planted, or from before
tokens were signed) is a new visitor: whoever plants a cookie in another's browser cannot know a
signed token that would later let them read what that browser uploads. Everything an
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
unshared models) are removed PRIVATE_DAYS after they were made (remove_old_private); owner-less
models stay. A shared model stays while its owner keeps visiting: it goes SHARED_DAYS after its
owner's last visit (seen_owner records the visit), when the owner's cookie has expired and nobody
is left who could unshare or delete it.

The token's form and signature (server_secret, new_token, valid_token) and the owner id made from
it (owner_of) are decided here alone; the cookie glue is app.owner_session. What one owner may
keep is core.limits.STORAGE, enforced by core.quotas. A link names a shared model by its
shared_name, the same for every viewer, its owner included (link_name, name_from_link).
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from core.files import atomic_write_json

TOKEN = re.compile(r"([0-9a-f]{32})\.([0-9a-f]{32})")   # <random>.<HMAC-SHA256(secret, random)[:32]>
SECRET_FILE = "server_secret.key"        # in the data folder: 32 random bytes, mode 0600, made on first start
SEEN_FOLDER = "owners"                   # data_dir/owners/<owner>: its mtime is the owner's last visit
OWNER_ID = re.compile(r"[0-9a-f]{12}")   # owner_of(token): what folders and records name
OWNER_FILE = "owner.json"                # in a model folder: {"owner", "name", "shared", "created"}
PRIVATE_DAYS = 7                         # a private corpus or model is removed this long after it was made
OWNER_COOKIE_DAYS = 30                   # the cookie's max-age, renewed on every visit
SHARED_DAYS = OWNER_COOKIE_DAYS          # a shared model goes this long after its owner's last visit
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


def server_secret(data_dir) -> bytes:
    """The key this server signs tokens with: data_dir/SECRET_FILE, made on first start (0600, so
    only the user serving the app reads it). Two processes starting at once agree: the file is
    created with O_EXCL and whoever loses the race reads the winner's."""
    path = Path(data_dir) / SECRET_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):   # the winner may not have written its 32 bytes yet
            secret = path.read_bytes()
            if len(secret) >= 32:
                return secret
            time.sleep(0.01)
        raise OSError(f"{path} holds no usable secret; delete it and restart the app")
    with os.fdopen(handle, "wb") as file:
        file.write(secrets.token_bytes(32))
        file.flush()
        os.fsync(file.fileno())
    return path.read_bytes()


def _signature(secret: bytes, random_part: str) -> str:
    return hmac.new(secret, random_part.encode(), hashlib.sha256).hexdigest()[:32]


def new_token(secret: bytes) -> str:
    """A fresh signed token for a browser that brought none, or one this server did not sign."""
    random_part = secrets.token_hex(16)
    return f"{random_part}.{_signature(secret, random_part)}"


def valid_token(token, secret: bytes) -> bool:
    """Whether a token a browser offers is one this server issued: of TOKEN's form and signed with
    this server's secret (compared in constant time)."""
    match = TOKEN.fullmatch(token) if isinstance(token, str) else None
    return match is not None and hmac.compare_digest(match[2], _signature(secret, match[1]))


def owner_of(token: str) -> str:
    """The owner id of a browser's token: the first 12 hex digits of its SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()[:12]


def seen_owner(data_dir, owner: str, now: float | None = None) -> None:
    """Record a visit of `owner` (once a session): the mtime of data_dir/SEEN_FOLDER/<owner>."""
    _check_owner(owner)
    if not owner:
        return
    folder = Path(data_dir) / SEEN_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / owner).touch()
    if now is not None:
        os.utime(folder / owner, (now, now))


def last_seen(data_dir, owner: str) -> float | None:
    """When `owner` last visited (seen_owner), None when never recorded."""
    try:
        return (Path(data_dir) / SEEN_FOLDER / owner).lstat().st_mtime if OWNER_ID.fullmatch(owner) else None
    except OSError:
        return None


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
    shared ones, each group by name. Its own are "mine/<name>", others' their shared_name."""
    models = user_models(data_dir)
    shared = {model.folder: name for name, model in shared_names(models).items()}
    visible = [model for model in models if model.visible_to(owner)]
    visible.sort(key=lambda model: (not model.mine(owner), model.name, model.folder))
    return [(f"mine/{model.name}" if model.mine(owner) else shared[model.folder], model) for model in visible]


def shared_names(models: list[UserModel]) -> dict[str, UserModel]:
    """The name every viewer, its owner included, knows each shared model by in a link:
    "shared/<name>", or "shared/<folder>" when two shared models have one name. The same for
    everyone, so a link made by the owner opens the same model for each of its viewers."""
    shared = [model for model in models if model.shared]
    counts: dict[str, int] = {}
    for model in shared:
        counts[model.name] = counts.get(model.name, 0) + 1
    return {f"shared/{model.name if counts[model.name] == 1 else model.folder}": model for model in shared}


def link_name(data_dir, owner: str, name: str) -> str:
    """The name to put in a link for the model `owner` calls `name`: its own shared model as its
    shared_name (others know it by that), anything else unchanged."""
    if name.startswith("mine/"):
        for shared_name, model in shared_names(user_models(data_dir)).items():
            if model.mine(owner) and model.name == name[len("mine/"):]:
                return shared_name
    return name


def name_from_link(data_dir, owner: str, name: str) -> str:
    """The name `owner` knows the model a link names by: the shared name of its own shared model
    is its "mine/<name>"; anything else unchanged (so a viewer's own model of the same name never
    stands in for a shared one)."""
    if name.startswith("shared/"):
        model = shared_names(user_models(data_dir)).get(name)
        if model is not None and model.mine(owner):
            return f"mine/{model.name}"
    return name


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


def remove_old_private(data_dir, max_age_days: float = PRIVATE_DAYS, now: float | None = None,
                       shared_days: float = SHARED_DAYS) -> list[str]:
    """Delete the private models trained more than max_age_days ago (and folders whose
    OWNER_FILE cannot be read, which nobody can see), and the shared ones whose owner has not
    visited for shared_days (its cookie has expired: nobody could unshare or delete them any
    more); owner-less ones stay. The corpora saved more than max_age_days ago go too
    (remove_old_corpora), then temporaries older than an hour and empty folders
    (remove_leftovers). Returns the model folders removed."""
    now = time.time() if now is None else now
    remove_old_corpora(data_dir, max_age_days, now)
    removed = []
    for model in user_models(data_dir):
        if not model.owner:
            continue
        if model.shared:
            seen = last_seen(data_dir, model.owner)
            if now - max(model.created, seen or 0.0) < shared_days * 86_400:
                continue
        elif now - model.created < max_age_days * 86_400:
            continue
        try:
            shutil.rmtree(models_dir(data_dir) / model.folder)
        except OSError:
            continue   # vanished or unwritable meanwhile: left for the next clean-up
        removed.append(model.folder)
    _forget_old_visits(data_dir, shared_days, now)
    remove_leftovers(data_dir, older_than_s=3600, now=now)
    return removed


def _forget_old_visits(data_dir, days: float, now: float) -> None:
    folder = Path(data_dir) / SEEN_FOLDER
    if not folder.is_dir() or folder.is_symlink():
        return
    for path in folder.iterdir():
        try:
            if now - path.lstat().st_mtime >= days * 86_400:
                path.unlink()
        except OSError:
            continue


def remove_leftovers(data_dir, older_than_s: float = 0.0, now: float | None = None) -> list[str]:
    """Delete what a killed save leaves in the corpora folders (core.files' temporaries,
    `.<name>.<random>.tmp`, older than older_than_s: 0 at a server's start, when no save of this
    server is under way) and owner folders left empty. Returns the paths removed, relative to
    data_dir."""
    now = time.time() if now is None else now
    root = Path(data_dir)
    corpora = root / "corpora"
    if not corpora.is_dir() or corpora.is_symlink() or not corpora.resolve().is_relative_to(root.resolve()):
        return []
    folders = [corpora] + sorted(path for path in corpora.iterdir()
                                 if OWNER_ID.fullmatch(path.name) and path.is_dir() and not path.is_symlink())
    removed = []
    for folder in folders:
        for path in sorted(folder.glob(".*.tmp")):
            try:
                if path.is_symlink() or not path.is_file() or now - path.lstat().st_mtime < older_than_s:
                    continue
                path.unlink()
            except OSError:
                continue
            removed.append(str(path.relative_to(root)))
        if folder != corpora:
            try:
                folder.rmdir()   # only when empty
            except OSError:
                continue
            removed.append(str(folder.relative_to(root)))
    return removed
