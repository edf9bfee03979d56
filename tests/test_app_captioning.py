"""Captioning page through AppTest: pick a picture, move the word slider, and check that the page
shows exactly what core says the shipped captioners write and where they looked."""
import functools
import json
import os

from core.captioning import shapes
from core.captioning.train import caption_scenes, load_captioner
from tests.app_helpers import ROOT, app
from app.captioning import DEFAULT_PICTURE

PAGE = "pages/7_Captioning.py"
SHIPPED = ROOT / "checkpoints" / "captioning"


@functools.lru_cache(maxsize=None)
def picture_from_test_split(number: int) -> shapes.Scene:
    return shapes.generate_scenes(n_train=0, n_validation=0, n_test=500, seed=0).test[number - 1]


@functools.lru_cache(maxsize=None)
def expected(kind: str, scene: shapes.Scene):
    """What core says the shipped captioner writes for the scene: the page must show this."""
    return caption_scenes(load_captioner(SHIPPED / kind), [scene])[0]


def shown_captions(at) -> list[str]:
    prefix = "**Caption:** "
    return [m.value[len(prefix):] for m in at.markdown if m.value.startswith(prefix)]


def reference_shown(at) -> str:
    return at.image[0].captions[0].removeprefix("reference: ")


def test_default_test_picture_with_both_captions_and_an_attention_map_per_word():
    at = app(PAGE)
    assert not at.exception
    scene = picture_from_test_split(DEFAULT_PICTURE)
    assert reference_shown(at) == scene.caption
    assert [h.value for h in at.subheader] == ["fixed", "attention"]
    assert shown_captions(at) == [expected("fixed", scene).text, expected("attention", scene).text]
    words = expected("attention", scene).tokens
    assert at.select_slider(key="caption_word").options == [f"{i + 1} {w}" for i, w in enumerate(words)]
    maps = at.image[-len(words):]   # one map per word, each a picture of its own in a grid
    assert [m.captions for m in maps] == [[f"{i + 1} {w}"] for i, w in enumerate(words)]
    assert at.image[1].captions == [f"attention while writing “{words[0]}”"]


def test_moving_the_word_slider_shows_that_words_map_and_verdict():
    at = app(PAGE)
    result = expected("attention", picture_from_test_split(DEFAULT_PICTURE))
    naming = next(i for i, (w, flag) in enumerate(zip(result.tokens, result.on_shape)) if flag is not None)
    at.select_slider(key="caption_word").set_value(f"{naming + 1} {result.tokens[naming]}").run()
    assert not at.exception
    assert at.image[1].captions == [f"attention while writing “{result.tokens[naming]}”"]
    verdict = next(m.value for m in at.markdown if m.value.startswith("Writing **"))
    assert f"Writing **{result.tokens[naming]}**" in verdict
    assert ("does not overlap" not in verdict) == result.on_shape[naming]


def test_picking_another_test_picture_and_a_random_one():
    at = app(PAGE)
    at.number_input(key="caption_image").set_value(7).run()
    assert not at.exception
    scene = picture_from_test_split(7)
    assert reference_shown(at) == scene.caption
    assert at.query_params["image"] == "7"
    assert shown_captions(at) == [expected("fixed", scene).text, expected("attention", scene).text]
    at.button(key="caption_random").click().run()
    assert not at.exception
    number = at.number_input(key="caption_image").value
    assert reference_shown(at) == picture_from_test_split(number).caption

    shared = app(PAGE, image="12")  # a shared link opens the same picture
    assert reference_shown(shared) == picture_from_test_split(12).caption
    assert app(PAGE, image="9999").number_input(key="caption_image").value == 500   # the last test picture
    assert app(PAGE, image="abc").number_input(key="caption_image").value == DEFAULT_PICTURE


def test_a_picture_from_a_seed():
    at = app(PAGE)
    at.radio(key="caption_source").set_value("a new one from a seed").run()
    at.number_input(key="caption_seed").set_value(42).run()
    assert not at.exception
    scene = shapes.scene_from_seed(42)
    assert reference_shown(at) == scene.caption
    assert shown_captions(at)[1] == expected("attention", scene).text


def test_scores_come_from_the_shipped_eval_json():
    at = app(PAGE)
    table = at.dataframe[1].value
    saved = {kind: json.loads((SHIPPED / kind / "eval.json").read_text()) for kind in ("fixed", "attention")}
    assert list(table["captioner"]) == ["fixed", "attention"]
    def shown(value):   # as the table prints it: one decimal
        return f"{value:,.1f}"
    assert list(table["BLEU"]) == [shown(saved["fixed"]["bleu"]), shown(saved["attention"]["bleu"])]
    assert list(table["exact %"]) == [shown(saved["fixed"]["exact_match"]), shown(saved["attention"]["exact_match"])]
    assert table.loc[1, "on the named shape %"] == shown(saved["attention"]["attention_on_shape"])
    assert table.loc[1, "random region %"] == shown(saved["attention"]["attention_on_shape_chance"])
    assert table.loc[0, "on the named shape %"] == "—"  # the fixed captioner has none: a dash, never "None"
    assert any(saved["attention"]["bleu_signature"] in code.value for code in at.code)


def test_missing_fixed_captioner_is_reported_and_attention_still_works(tmp_path, monkeypatch):
    (tmp_path / "captioning").mkdir()
    os.symlink(SHIPPED / "attention", tmp_path / "captioning" / "attention")
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR", str(tmp_path))
    at = app(PAGE)
    assert not at.exception
    assert any("**fixed** is unavailable" in w.value and "core.captioning ship" in w.value for w in at.warning)
    assert [h.value for h in at.subheader] == ["attention"]
    assert shown_captions(at) == [expected("attention", picture_from_test_split(DEFAULT_PICTURE)).text]


def test_without_any_captioner_the_picture_still_shows(tmp_path, monkeypatch):
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR", str(tmp_path))
    at = app(PAGE)
    assert not at.exception
    assert len(at.warning) == 2
    assert reference_shown(at) == picture_from_test_split(DEFAULT_PICTURE).caption
    assert any("No captioner could be loaded" in i.value for i in at.info)
