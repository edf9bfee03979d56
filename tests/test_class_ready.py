"""Class-ready: models belong to the browser that trained them, projector mode,
sharing (link and QR code), exports, and the defects a class ran into. AppTest and plain
functions here; what only a browser shows (clipping, widths, labels drawn) is in test_browser.py."""
import base64
import csv
import hashlib
import io
import json
import os
import re
import time
from pathlib import Path

import pytest
import torch
from PIL import Image

from app import charts, model_registry, owner_session, sharing, translation_cache, widgets
from core.nmt.probes import SEED_SENTENCE
from app import jobs as training_jobs
from core import owners
from core.language.user_corpus import save_corpus
from tests.app_helpers import app, chart_rows
from tests.toy_corpus import toy_pairs

HOME, COMPARE, TRAINING, WHAT_IF = "streamlit_app.py", "pages/1_Compare.py", "pages/3_Training.py", "pages/6_What_if.py"
JOB_TIMEOUT = 300
SHIPPED = ["encdec", "uniform", "additive", "dot", "general", "transformer"]
# 45 words, more than any heatmap had room for: the class's "long sentence"
LONG_SENTENCE = " ".join([widgets.EXAMPLES[-1][0]] * 2)


pytestmark = pytest.mark.usefixtures("no_job_left_running")   # tests/conftest.py


@pytest.fixture
def data_dir():
    data = Path(os.environ["DHYAN_DATA_DIR"])
    save_corpus(toy_pairs(), "toy", data)
    return data


def specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def chart_data(at, title: str, layer: int | None = None) -> tuple[dict, list[dict]]:
    """(spec, rows) of the chart titled `title`: the rows of its data, or of one layer's."""
    from streamlit import dataframe_util
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        if title_of(spec) == title:
            name = (spec["layer"][layer] if layer is not None else spec)["data"]["name"]
            (dataset,) = [d for d in chart.proto.datasets if d.name == name]
            return spec, dataframe_util.convert_arrow_bytes_to_pandas_df(dataset.data.data).to_dict("records")
    raise AssertionError(f"no chart titled {title!r}")


def title_of(spec: dict) -> str:
    title = spec.get("title")
    return title.get("text") if isinstance(title, dict) else (title or "")


def owner_of(at) -> str:
    return hashlib.sha256(at.session_state["owner_token"].encode()).hexdigest()[:12]


def train_from_page(at, name: str):
    # an upload is its browser's alone: each browser that trains has its own 'toy'
    save_corpus(toy_pairs(), "toy", Path(os.environ["DHYAN_DATA_DIR"]), owner=owner_of(at))
    at.run()
    at.selectbox(key="train_corpus").set_value("toy")
    at.selectbox(key="train_model").set_value("dot")
    at.slider(key="train_epochs").set_value(1)
    at.select_slider(key="train_hidden").set_value(32)
    at.slider(key="train_pairs").set_value(300)
    at.text_input(key="train_name").set_value(name)
    at.button(key="train_start").click().run()
    assert not at.exception
    job = training_jobs.get_job(at.session_state["train_job"])
    assert job.wait(JOB_TIMEOUT).state == "finished"
    return at.run()


def offered(at, page: str) -> dict[str, list[str]]:
    """The models each page offers this browser (the same AppTest session: the same browser)."""
    at.switch_page("pages/0_Home.py" if page == HOME else page).run()   # Home's own file, once past the router
    assert not at.exception
    if page == COMPARE:
        return at.multiselect(key="compare_models").options
    if page == WHAT_IF:   # the radio shows "name — description"
        return [option.split(" — ")[0] for option in at.radio(key="whatif_model").options]
    if page == HOME:
        return list(at.table[0].value["model"])
    return at.multiselect(key="training_models").options


# ------------------------------------------------------------------ 1. models belong to their browser

def test_a_model_trained_in_one_browser_is_that_browsers_until_shared_then_everyones_and_deleted_by_it(data_dir):
    student = app(TRAINING)
    train_from_page(student, "my_model")
    assert any("mine/my_model" in s.value for s in student.success)
    for page in (HOME, COMPARE, WHAT_IF, TRAINING):
        names = offered(student, page)
        assert names[:len(SHIPPED)] == SHIPPED, f"{page}: the shipped models first, none hidden"
        assert "mine/my_model" in names, page
    assert student.multiselect(key="training_models").value == SHIPPED, "offered, not drawn unasked"

    classmate = app(TRAINING)   # another browser: another session, no cookie of the student's
    for page in (HOME, COMPARE, WHAT_IF, TRAINING):
        assert not any("my_model" in name for name in offered(classmate, page)), page
    # the same name is free for the classmate: a model of its own, the student's untouched
    classmate.switch_page(TRAINING).run()
    train_from_page(classmate, "my_model")
    assert len(list((data_dir / "models").iterdir())) == 2

    student.switch_page(TRAINING).run()
    student.toggle(key=f"train_share_{owner_of(student)}_my_model").set_value(True).run()
    assert not student.exception
    other = app(COMPARE)   # a third browser now finds it, marked as shared
    assert "shared/my_model" in other.multiselect(key="compare_models").options
    assert other.multiselect(key="compare_models").options[:len(SHIPPED)] == SHIPPED

    student.switch_page(TRAINING).run()
    student.button(key=f"train_delete_{owner_of(student)}_my_model").click().run()
    assert not student.exception
    assert not (data_dir / "models" / f"{owner_of(student)}_my_model").exists()
    assert (data_dir / "models" / f"{owner_of(classmate)}_my_model" / "model.pt").is_file(), "the other one stays"
    assert "shared/my_model" not in app(COMPARE).multiselect(key="compare_models").options


def test_only_the_owner_shares_or_deletes_and_old_private_models_are_removed(tmp_path):
    models = tmp_path / "models"

    def folder(name: str, owner: str, shared: bool, days_old: float) -> str:
        path = models / (f"{owner}_{name}" if owner else name)
        path.mkdir(parents=True)
        if owner:
            (path / "owner.json").write_text(json.dumps({"owner": owner, "name": name, "shared": shared,
                                                         "created": time.time() - days_old * 86_400}))
        return path.name

    alice, bob = "a" * 12, "b" * 12
    old_private = folder("old", alice, False, owners.PRIVATE_DAYS + 1)
    new_private = folder("new", alice, False, 1)
    old_shared = folder("shared", alice, True, 30)
    legacy = folder("legacy", "", False, 30)   # trained before ownership: everyone's, never removed
    with pytest.raises(owners.NotOwnerError, match="Only the browser that trained"):
        owners.delete_model(tmp_path, new_private, bob)
    with pytest.raises(owners.NotOwnerError):
        owners.set_shared(tmp_path, new_private, bob, True)
    with pytest.raises(owners.NotOwnerError):
        owners.delete_model(tmp_path, legacy, alice)
    with pytest.raises(owners.NotOwnerError):
        owners.delete_model(tmp_path, "../outside", alice)

    owners.seen_owner(tmp_path, alice)   # alice still visits: her shared model stays
    assert owners.remove_old_private(tmp_path) == [old_private]
    assert sorted(p.name for p in models.iterdir()) == sorted([new_private, old_shared, legacy])
    visible_to_bob = [m.folder for m in owners.user_models(tmp_path) if m.visible_to(bob)]
    assert sorted(visible_to_bob) == sorted([old_shared, legacy])
    owners.set_shared(tmp_path, new_private, alice, True)
    assert new_private in [m.folder for m in owners.user_models(tmp_path) if m.visible_to(bob)]
    owners.delete_model(tmp_path, new_private, alice)
    assert not (models / new_private).exists()


def test_the_owner_is_kept_in_a_cookie_so_a_reload_is_the_same_browser(monkeypatch):
    fresh = app(TRAINING)   # no cookie: a new signed token, and the page stores it in the browser
    token = fresh.session_state["owner_token"]
    assert re.fullmatch(r"[0-9a-f]{32}\.[0-9a-f]{32}", token)
    stored = [element.proto.body for element in fresh.get("html") if "document.cookie" in element.proto.body]
    assert stored and f'"{token}"' in stored[0] and f"max-age={owner_session.OWNER_COOKIE_DAYS * 86_400}" in stored[0]

    monkeypatch.setattr(owner_session, "_browser_cookie", lambda: token)   # the reload sends the cookie back
    reloaded = app(TRAINING)
    assert reloaded.session_state["owner_token"] == token
    renewed = [element.proto.body for element in reloaded.get("html") if "document.cookie" in element.proto.body]
    assert renewed and f'"{token}"' in renewed[0], "every visit writes the cookie again: sliding expiry"
    monkeypatch.setattr(owner_session, "_browser_cookie", lambda: "not-a-token'; alert(1)</script>")
    stranger = app(TRAINING)
    assert stranger.session_state["owner_token"] != "not-a-token'; alert(1)</script>"
    assert not any("</script>" in element.proto.body.split("</script>", 1)[1]
                   for element in stranger.get("html") if "document.cookie" in element.proto.body)


def test_a_forged_or_unsigned_token_is_a_new_visitor(monkeypatch, tmp_path):
    secret = owners.server_secret(tmp_path)
    assert (tmp_path / owners.SECRET_FILE).stat().st_mode & 0o777 == 0o600
    assert owners.server_secret(tmp_path) == secret, "made once, then read"
    issued = owners.new_token(secret)
    assert owners.valid_token(issued, secret)
    random_part, signature = issued.split(".")
    for forged in ("0" * 32, f"{'0' * 32}.{'0' * 32}", f"{random_part}.{'0' * 32}",
                   f"{'1' * 32}.{signature}", issued.upper(), issued + "0", None, 7):
        assert not owners.valid_token(forged, secret), forged
    assert not owners.valid_token(issued, owners.server_secret(tmp_path / "another_server"))

    server_token = app(TRAINING).session_state["owner_token"]   # a token this server issued
    monkeypatch.setattr(owner_session, "_browser_cookie", lambda: "0" * 32)   # fixation: a planted 32-hex cookie
    planted = app(TRAINING)
    assert planted.session_state["owner_token"] != "0" * 32
    assert owners.valid_token(planted.session_state["owner_token"],
                              owners.server_secret(os.environ["DHYAN_DATA_DIR"]))
    monkeypatch.setattr(owner_session, "_browser_cookie", lambda: server_token)
    assert app(TRAINING).session_state["owner_token"] == server_token


def test_a_shared_model_lives_while_its_owner_visits(tmp_path):
    day, now = 86_400, time.time()
    alice, bob = owners.owner_of("a"), owners.owner_of("b")
    for owner, name in ((alice, "kept"), (bob, "orphan")):   # both trained and shared 60 days ago
        folder = tmp_path / "models" / owners.model_folder(name, owner)
        folder.mkdir(parents=True)
        (folder / owners.OWNER_FILE).write_text(json.dumps(
            {"owner": owner, "name": name, "shared": True, "created": now - 60 * day}))
    owners.seen_owner(tmp_path, alice, now=now - 2 * day)                       # visited two days ago
    owners.seen_owner(tmp_path, bob, now=now - (owners.SHARED_DAYS + 1) * day)  # its cookie has expired
    assert owners.remove_old_private(tmp_path, now=now) == [owners.model_folder("orphan", bob)]
    assert owners.visible_models(tmp_path, "")[0][0] == "shared/kept"
    # alice's goes too once she has stayed away SHARED_DAYS
    assert owners.remove_old_private(tmp_path, now=now + owners.SHARED_DAYS * day) == [owners.model_folder("kept", alice)]


def test_training_keeps_every_setting_after_a_run(data_dir):
    at = app(TRAINING)
    train_from_page(at, "kept")
    assert at.selectbox(key="train_corpus").value == "toy"
    assert at.selectbox(key="train_model").value == "dot"
    assert at.slider(key="train_epochs").value == 1
    assert at.select_slider(key="train_hidden").value == 32
    assert at.slider(key="train_pairs").value == 300
    assert at.text_input(key="train_name").value == "kept"


def test_the_progress_text_and_the_epochs_finished_agree():
    from core.fit import EpochReport, StepReport
    step = StepReport(step=5, epoch=2, loss=3.0, epoch_fraction=0.5, tokens_per_second=900.0)
    epoch = EpochReport(epoch=1, train_loss=3.1, validation_loss=3.2, validation_bleu=1.0, seconds=1.0,
                        tokens_per_second=900.0, improved=True, learning_rate=1e-3)
    running = training_jobs.ProgressSnapshot("running", (step,), (epoch,), 3, "Epoch 2 of 3: training", 4.0)
    assert widgets.progress_text(running) == ("Epoch 2 of 3: training", "1 / 3")
    first = training_jobs.ProgressSnapshot("running", (StepReport(1, 1, 5.5, 0.1, 800.0),), (), 3, "", 1.0)
    assert widgets.progress_text(first) == ("Epoch 1 of 3: training", "0 / 3")


def test_a_few_steps_of_loss_are_drawn_on_an_axis_at_least_half_a_unit_high():
    scale = charts.loss_scale([5.570, 5.564], min_span=0.5).to_dict()
    low, high = scale["domain"]
    assert high - low == pytest.approx(0.5) and low <= 5.564 and high >= 5.570
    assert "domain" not in charts.loss_scale([6.0, 2.0], min_span=0.5).to_dict(), "a real fall keeps its own axis"


# ------------------------------------------------------------------ 2. projector mode

def test_a_projector_link_opens_in_projector_mode_with_large_fonts_and_full_width_heatmaps():
    normal = app(COMPARE)
    projected = app(COMPARE, projector="1")
    assert not projected.exception
    assert projected.toggle(key="projector").value is True and normal.toggle(key="projector").value is False
    css = " ".join(element.proto.body for element in projected.get("html"))
    assert "html { font-size: 22px; }" in css and "stToolbar" in css
    assert "font-size: 22px" not in " ".join(element.proto.body for element in normal.get("html"))
    heatmap = next(spec for spec in specs(projected) if title_of(spec).startswith("attention: rows"))
    assert heatmap["config"]["axis"]["labelFontSize"] == charts.FONT_SIZES[True]["label"]
    # side by side on a projector too: the same columns for the two models' results
    assert len(normal.columns) == len(projected.columns)
    assert "projector" not in projected.query_params, "never in the address a link is made from"
    projected.toggle(key="projector").set_value(False).run()
    assert "projector" not in projected.query_params


# ------------------------------------------------------------------ 3. long sentences stay readable

def test_a_45_word_heatmap_draws_every_column_and_thins_its_labels_to_fit():
    at = app(COMPARE, sentence=LONG_SENTENCE, models="additive")
    assert not at.exception
    heatmap = next(spec for spec in specs(at) if title_of(spec).startswith("attention: rows"))
    rows = chart_rows(next(c for c in at.get("vega_lite_chart") if json.loads(c.proto.spec) == heatmap))
    columns = rows["source"].nunique()
    assert columns == len(LONG_SENTENCE.split()) + 1   # and <eos>
    layer = heatmap.get("encoding") or heatmap["layer"][0]["encoding"]
    assert layer["x"]["axis"]["labelOverlap"] == "parity", "columns' labels thinned to the width the browser has"
    assert 1 < len(layer["y"]["axis"]["values"]) < len(set(rows["target"])), "every k-th row labelled"
    assert heatmap["height"] <= charts.chart_height(charts.FIT_PLOT_HEIGHT, "attention"), "not ~2,000 px tall"
    assert heatmap["usermeta"]["embedOptions"]["renderer"] == "svg"


def test_the_beam_tree_at_40_words_keeps_full_size_text_and_the_winning_path():
    at = app(WHAT_IF, sentence=LONG_SENTENCE)
    assert not at.exception
    tree, boxes = chart_data(at, "beam search tree", layer=1)
    steps = max(node["step"] for node in boxes) + 1
    assert steps >= 40
    assert tree["width"] >= 130 * steps and tree["config"]["text"]["fontSize"] >= 12
    best = sorted((node for node in boxes if node["best"]), key=lambda node: node["step"])
    last = best[-1]["step"]     # the winner may finish before a longer hypothesis that lost
    assert last >= 39 and [node["step"] for node in best] == list(range(-1, last + 1)), \
        "the winning path drawn whole, from <sos> to its last word"


# ------------------------------------------------------------------ 4. the defects the class met

def test_what_ifs_step_picker_never_keeps_a_word_of_the_last_translation():
    at = app(WHAT_IF)
    assert at.selectbox(key="whatif_force_step").value == "step 1 · I"   # I am eating
    at.text_input(key="whatif_sentence").set_value("हम खाना खा रहे हैं").run()
    assert not at.exception
    assert at.selectbox(key="whatif_force_step").value == "step 1 · We"
    assert at.selectbox(key="whatif_edit_step").value == "step 1 · We"


def test_home_offers_random_test_sentences_and_a_table_that_keeps_whole_translations():
    at = app(HOME)
    assert at.button(key="home_random") is not None
    assert not any("once the models are trained" in c.value for c in at.caption)
    table = at.table[0].value
    assert table.set_index("model").loc["additive", "translation"] == "I am eating"


def test_step_by_step_shows_the_probability_without_a_rising_arrow():
    at = app("pages/2_Step_by_step.py")
    word = next(m for m in at.metric if m.label == "Word written at this step")
    assert not word.proto.delta
    assert any(c.value.startswith("p = ") for c in at.caption)


def test_home_diagrams_are_drawn_with_large_text():
    at = app(HOME)
    assert all("fontsize=16" in chart.proto.spec for chart in at.get("graphviz_chart"))
    projected = app(HOME, projector="1")
    assert all("fontsize=22" in chart.proto.spec for chart in projected.get("graphviz_chart"))


def test_word_frequency_charts_label_every_word():
    at = app("pages/5_Data.py")
    for title in ("most frequent Hindi words", "most frequent English words"):
        spec, bars = chart_data(at, title)
        assert spec["encoding"]["y"]["axis"]["labelOverlap"] is False
        assert spec["height"] >= 20 * len(bars), "a bar tall enough for its label"
    assert "है" in [bar["word"] for bar in chart_data(at, "most frequent Hindi words")[1]], "the word the caption cites"


EMOJI = re.compile("[\U0001F000-\U0001FAFF\uFE0F\u2600-\u27BF\u2300-\u23FF\u2B00-\u2BFF]")


@pytest.mark.parametrize("page", ["streamlit_app.py", "pages/1_Compare.py", "pages/2_Step_by_step.py",
                                  "pages/3_Training.py", "pages/4_Long_sentences.py", "pages/5_Data.py",
                                  "pages/6_What_if.py", "pages/7_Captioning.py"])
def test_no_page_needs_a_colour_emoji_font(page):
    at = app(page)
    assert not at.exception
    texts = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "button", "title", "header",
                 "subheader", "toggle", "metric"):
        for element in at.get(kind):
            texts.append(str(element.proto))
    found = sorted({character for text in texts for character in EMOJI.findall(text)})
    assert found == [], f"characters drawn as empty boxes without a colour-emoji font: {found}"


# ------------------------------------------------------------------ 6. sharing

def test_the_share_menu_holds_the_link_of_this_view_and_a_qr_code_of_it(tmp_path, monkeypatch):
    # (Home: streamlit_app.py fills the Share menu after the page, and AppTest runs other pages alone)
    monkeypatch.setenv("DHYAN_DATA_DIR", str(tmp_path))
    at = app(HOME)
    at.context["url"] = "http://class.example:8501/"
    at.text_input(key="home_sentence").set_value("मैं पानी पी रहा हूँ").run()
    assert not at.exception
    assert not [element for element in at.get("html") if "dhyan-qr" in element.proto.body], \
        "the menu's content is made only while it is open"
    at.session_state[sharing.SHARE_KEY] = True   # the teacher opens Share
    at.run()
    (link,) = [code.value for code in at.code if code.value.startswith("http://class.example:8501/?")]
    from urllib.parse import parse_qs, urlsplit
    from core.classroom import ShortLinks, store_path
    (short_id,) = parse_qs(urlsplit(link).query)["s"]
    assert len(link) <= 60
    assert ShortLinks(store_path(tmp_path)).load_state(short_id) == {"sentence": "मैं पानी पी रहा हूँ"}, \
        "the sentence typed last, kept behind the short link"
    copy = [element.proto.body for element in at.get("html") if "dhyan-copy" in element.proto.body]
    assert copy and 'data-text="' + link.replace("&", "&amp;") + '"' in copy[0]
    (qr_code,) = [element.proto.body for element in at.get("html") if "dhyan-qr" in element.proto.body]
    png = base64.b64decode(re.search(r'base64,([^"]+)"', qr_code).group(1))
    assert_qr_encodes(png, link)
    at.toggle(key="projector").set_value(True).run()
    assert next(code.value for code in at.code if code.value.startswith("http")) == link, \
        "projector mode is the device's choice, not part of the shared view"


def test_a_long_sentences_link_is_still_short_with_a_qr_code(tmp_path, monkeypatch):
    monkeypatch.setenv("DHYAN_DATA_DIR", str(tmp_path))
    at = app(HOME, sentence=" ".join([LONG_SENTENCE] * 6))
    at.session_state[sharing.SHARE_KEY] = True
    at.run()
    assert not at.exception
    assert not any("too long for a QR code" in caption.value for caption in at.caption)
    assert any(code.value.startswith("/?s=") and len(code.value) <= 60 for code in at.code)
    assert any("dhyan-qr" in element.proto.body for element in at.get("html"))


def assert_qr_encodes(png: bytes, text: str) -> None:
    """The PNG's dark and light modules are those of the QR code of `text` (no decoder needed)."""
    import qrcode
    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    image = Image.open(io.BytesIO(png)).convert("L")
    module = image.width // len(matrix)
    assert image.width == module * len(matrix)
    for row, line in enumerate(matrix):
        for column, dark in enumerate(line):
            pixel = image.getpixel((column * module + module // 2, row * module + module // 2))
            assert (pixel < 128) == dark


# ------------------------------------------------------------------ 7. export

def test_every_chart_has_png_and_svg_and_the_heatmap_its_matrix_as_csv(kept_media):
    at = app(COMPARE, models="additive")
    charts_drawn = at.get("vega_lite_chart")
    assert not at.get("download_button"), "a Save menu's buttons are made only while it is open"
    menus = [key for key in at.session_state if key.startswith("save_")]
    assert len(menus) == len(charts_drawn)
    for key in menus:   # open every Save menu
        at.session_state[key] = True
    at.run()
    buttons = {element.proto.id: element.proto for element in at.get("download_button")}
    labels = [proto.label for proto in buttons.values()]
    assert labels.count("PNG image") == len(charts_drawn) and labels.count(
        "SVG (vector, for slides and papers)") == len(charts_drawn)
    (csv_button,) = [element for element in at.get("download_button") if element.proto.label == "The numbers (CSV)"]
    from tests.app_helpers import downloaded
    rows = list(csv.reader(io.StringIO(downloaded(kept_media, csv_button).decode("utf-8"))))
    translation = translation_cache.translate(model_registry.available_translators()[0]["additive"], SEED_SENTENCE)
    assert rows[0][1:] == charts.position_labels(translation.source_tokens)
    assert [row[0] for row in rows[1:]] == charts.position_labels(translation.output_tokens)
    for row, weights in zip(rows[1:], translation.attention.tolist()):
        assert [float(value) for value in row[1:]] == pytest.approx(weights, abs=1e-6)


def test_charts_render_to_svg_and_png_on_the_server_with_their_hindi_labels():
    chart = charts.styled(charts.attention_heatmap([[0.9, 0.1], [0.2, 0.8]], ["खाना", "<eos>"], ["food", "<eos>"],
                                                   title="exported"))
    svg = charts.to_svg(chart)
    assert svg.lstrip().startswith("<svg") and "खाना" in svg and "exported" in svg
    png = charts.to_png(chart)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert Image.open(io.BytesIO(png)).width >= 2 * 200, "twice the size on the page"


# ------------------------------------------------------------------ item 5's caption, the captioning maps

def test_the_alignment_caption_tells_what_the_slider_really_shows(tmp_path, monkeypatch):
    shipped = app(TRAINING)   # today's runs record attention before training: the caption says so
    assert any("Before training the weights are spread out" in c.value for c in shipped.caption)
    # a run trained before the probes started early: only epoch ends, when attention is already sharp
    history = json.loads((Path("checkpoints") / "additive" / "history.json").read_text(encoding="utf-8"))
    history["probe_attention"] = [{key: value for key, value in entry.items() if key != "label"}
                                  for entry in history["probe_attention"] if entry.get("label", "").count(" ") == 1
                                  and entry["label"].startswith("epoch ")]
    (tmp_path / "additive").mkdir()
    (tmp_path / "additive" / "history.json").write_text(json.dumps(history), encoding="utf-8")
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR", str(tmp_path))
    old = app(TRAINING)
    assert not old.exception
    assert old.select_slider(key="training_epoch").options[0] == "epoch 1"
    captions = [c.value for c in old.caption]
    assert not any("Before training the weights are spread out" in c for c in captions)
    assert any("only at the end of each epoch" in c for c in captions)


def test_every_words_captioning_map_is_large_and_shows_its_small_weights(kept_media):
    from core.captioning import shapes
    at = app("pages/7_Captioning.py")
    assert not at.exception
    words = at.select_slider(key="caption_word").options
    maps = at.image[-len(words):]
    for image in maps:
        url = image.proto.imgs[0].url
        picture = Image.open(io.BytesIO(kept_media.get_file(url.rsplit("/", 1)[-1]).content))
        assert picture.width >= 256, "a map per word at least 256 px wide (it was 128)"
    # drawn through the square root of the weights, so a spread map is not a faint white square
    from app import captioning as helpers
    scene = helpers.test_scenes()[helpers.DEFAULT_PICTURE - 1]
    result = helpers.caption(helpers.captioners()[0]["attention"], scene)
    first = Image.open(io.BytesIO(kept_media.get_file(maps[0].proto.imgs[0].url.rsplit("/", 1)[-1]).content))
    shown = torch.tensor(list(first.convert("RGB").getdata()), dtype=torch.float32)
    for weights, near in ((result.attention[0].clamp_min(0).sqrt(), True), (result.attention[0], False)):
        drawn = shapes.attention_overlay(scene.image(), weights, helpers.SMALL_ZOOM).reshape(-1, 3).float()
        assert ((shown - drawn).abs().mean() < 2.0) == near
