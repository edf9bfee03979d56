"""Links name models the way every viewer sees them: a shared model is "shared/<name>" in a link,
even one its owner made; a viewer's own model of the same name never stands in for it; a viewer
whose shared model was deleted is told so."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from app import owner_session
from core import owners
from tests.app_helpers import app

COMPARE = "pages/1_Compare.py"
SHIPPED = Path(__file__).resolve().parent.parent / "checkpoints" / "dot"


def browser(monkeypatch) -> str:
    """A new browser: a token this server signed, sent as its cookie from now on."""
    token = owners.new_token(owners.server_secret(os.environ["DHYAN_DATA_DIR"]))
    monkeypatch.setattr(owner_session, "_browser_cookie", lambda: token)
    return owners.owner_of(token)


def trained(owner: str, name: str, shared: bool) -> Path:
    """`owner`'s model `name` (a copy of a shipped checkpoint), shared with everyone or not."""
    folder = owners.models_dir(os.environ["DHYAN_DATA_DIR"]) / owners.model_folder(name, owner)
    shutil.copytree(SHIPPED, folder)
    (folder / owners.OWNER_FILE).write_text(json.dumps({"owner": owner, "name": name, "shared": shared,
                                                        "created": 1e10}))
    return folder


def test_the_owners_link_to_a_shared_model_opens_it_for_everyone_and_is_never_shadowed(monkeypatch):
    alice = browser(monkeypatch)
    trained(alice, "secretmodel", shared=True)
    at = app(COMPARE)
    at.multiselect(key="compare_models").set_value(["encdec", "mine/secretmodel"]).run()
    assert not at.exception
    link = at.query_params["models"]
    link = link[0] if isinstance(link, list) else link
    assert link == "encdec,shared/secretmodel", "the owner's link names the model as others see it"

    bob = browser(monkeypatch)
    trained(bob, "secretmodel", shared=False)   # bob's own model of the same name
    viewer = app(COMPARE, models=link)
    assert not viewer.exception
    assert viewer.multiselect(key="compare_models").value == ["encdec", "shared/secretmodel"]
    assert "mine/secretmodel" in viewer.multiselect(key="compare_models").options

    browser(monkeypatch)   # a third browser, with no model of that name, opens the same one
    assert app(COMPARE, models=link).multiselect(key="compare_models").value == ["encdec", "shared/secretmodel"]


def test_the_owner_opening_its_own_link_gets_its_own_model(monkeypatch):
    data = os.environ["DHYAN_DATA_DIR"]
    token = owners.new_token(owners.server_secret(data))
    monkeypatch.setattr(owner_session, "_browser_cookie", lambda: token)
    trained(owners.owner_of(token), "mine_shared", shared=True)
    at = app(COMPARE, models="encdec,shared/mine_shared")
    assert at.multiselect(key="compare_models").value == ["encdec", "mine/mine_shared"]


def test_a_viewer_is_told_when_a_shared_model_it_showed_was_deleted(monkeypatch):
    alice = browser(monkeypatch)
    folder = trained(alice, "gone_soon", shared=True)
    browser(monkeypatch)
    viewer = app(COMPARE, models="encdec,shared/gone_soon")
    assert viewer.multiselect(key="compare_models").value == ["encdec", "shared/gone_soon"]
    shutil.rmtree(folder)   # its owner deletes it
    viewer.run()
    assert not viewer.exception
    assert viewer.multiselect(key="compare_models").value == ["encdec"]
    assert any("gone" in info.value and "no longer on this server" in info.value for info in viewer.info)
