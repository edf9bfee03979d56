"""Streamlit helpers shared by the pages (the only module besides pages/ that imports streamlit).

Models are loaded once per process with st.cache_resource and never mutated: every session
and thread shares the same Translator objects. A checkpoint that fails to load is reported
with its reason and the rest of the app keeps working (docs/DESIGN.md, "Bad input").
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import random
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
import torch

from app import charts, lesson
from app import jobs
from app import vega
from core.nmt.checkpoint import SHIPPED_DIR, CheckpointError, load_checkpoint
from core.nmt.model import MODEL_KINDS
from core.nmt.train import SEED_SENTENCE
from core.nmt.translate import MAX_INPUT_CHARACTERS, InputError, Translation, Translator
from core.language.text import detokenize_english, detokenize_hindi, tokenize_hindi

# One intra-op thread per torch call: sessions already run in parallel threads of this one
# process, a single sentence gains nothing from a second thread, and on a busy machine two
# threads per op wait on each other (measured: a batched test-split evaluation took 30 s with
# two threads while other jobs ran, 1.2 s with one). OMP_NUM_THREADS, when set, decides instead.
if "OMP_NUM_THREADS" not in os.environ:
    torch.set_num_threads(1)
log = logging.getLogger(__name__)

MODEL_DESCRIPTIONS = {
    "encdec": "plain encoder–decoder: one fixed context vector",
    "uniform": "context for every input, equal weights",
    "additive": "soft attention, additive score (Bahdanau)",
    "dot": "soft attention, dot-product score (Luong)",
    "general": "soft attention, bilinear score (Luong)",
}


def data_dir() -> Path:
    """Where uploads and models trained in the browser live (never inside checkpoints/)."""
    return Path(os.environ.get("DHYAN_DATA_DIR", Path(__file__).resolve().parents[1] / "data"))


def user_models_dir() -> Path:
    return data_dir() / "models"


@dataclass(frozen=True)
class ModelEntry:
    name: str  # shown in pickers: a shipped kind, "mine/<name>" (this browser's) or "shared/<name>"
    directory: Path
    shipped: bool
    user: jobs.UserModel | None = None   # for a model trained in a browser: its folder and owner


def checkpoints_dir() -> Path:
    """The shipped models' folder; DHYAN_CHECKPOINTS_DIR points the app elsewhere (tests use a
    copy with a broken model in it)."""
    return Path(os.environ.get("DHYAN_CHECKPOINTS_DIR") or SHIPPED_DIR)


# ------------------------------------------------------------------ whose models: one id per browser

OWNER_COOKIE = "dhyan_owner"
OWNER_COOKIE_DAYS = 30   # longer than jobs.PRIVATE_MODEL_DAYS: a model never outlives its owner's cookie
_TOKEN = re.compile(r"[0-9a-f]{32}")


def _browser_cookie() -> str | None:
    """The owner cookie the browser sent when this session connected (None outside a browser)."""
    try:
        value = st.context.cookies.get(OWNER_COOKIE)
    except Exception:   # no session (a bare script): no cookie
        return None
    return value if isinstance(value, str) else None   # AppTest's stand-in client has no real cookies


def _in_script_run() -> bool:
    from streamlit.runtime.scriptrunner import get_script_run_ctx
    return get_script_run_ctx(suppress_warning=True) is not None


def session_owner() -> str:
    """This browser's owner id: a hash of a random secret kept in a cookie (so a reload or a
    second tab of the same browser is the same owner, and nobody learns the secret from a model
    folder). A browser without the cookie gets a new secret, which page_setup stores."""
    if "owner_token" not in st.session_state:
        token = _browser_cookie()
        if not token or not _TOKEN.fullmatch(token):
            token = secrets.token_hex(16)
            st.session_state["owner_cookie_unsaved"] = True
        st.session_state["owner_token"] = token
    return hashlib.sha256(st.session_state["owner_token"].encode()).hexdigest()[:12]


def _save_owner_cookie() -> None:
    """Store a new owner secret in the browser (once per session; the page's own JavaScript,
    nothing fetched)."""
    session_owner()
    if st.session_state.pop("owner_cookie_unsaved", False):
        token = st.session_state["owner_token"]
        st.sidebar.html(f"<script>document.cookie = '{OWNER_COOKIE}={token}; path=/; "
                        f"max-age={OWNER_COOKIE_DAYS * 86_400}; SameSite=Lax';</script>",
                        unsafe_allow_javascript=True)


def _user_model_names(models: list[jobs.UserModel], owner: str) -> list[str]:
    """mine/<name> for this browser's models, shared/<name> for others' (with the folder when
    two shared models have one name)."""
    def plain(model: jobs.UserModel) -> str:
        return f"{'mine' if model.mine(owner) else 'shared'}/{model.name}"

    counts: dict[str, int] = {}
    for model in models:
        counts[plain(model)] = counts.get(plain(model), 0) + 1
    return [plain(model) if counts[plain(model)] == 1 or model.mine(owner) else f"shared/{model.folder}"
            for model in models]


def model_entries(owner: str | None = None) -> list[ModelEntry]:
    """Every checkpoint this browser may use: the shipped ones first in MODEL_KINDS order, then
    its own models, then those shared with everyone on the server. owner: whose (default: this
    session's browser; outside a session, nobody's, so only shared models)."""
    entries = []
    order = {kind: i for i, kind in enumerate(MODEL_KINDS)}
    shipped_dir = checkpoints_dir()
    if shipped_dir.is_dir():
        # captioning/ holds the image captioners (pages/7_Captioning.py), not translation models
        shipped = sorted((p for p in shipped_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "logs"))
                          and p.name != "captioning"),
                         key=lambda p: (order.get(p.name, len(order)), p.name))
        entries += [ModelEntry(p.name, p, True) for p in shipped]
    _cleaned_at_start(str(data_dir()))
    _removed_old_private_models(str(data_dir()), int(time.time() // 3600))
    if owner is None:
        owner = session_owner() if _in_script_run() else ""
    visible = [m for m in jobs.user_models(data_dir()) if m.visible_to(owner)]
    visible.sort(key=lambda m: (not m.mine(owner), m.name, m.folder))
    entries += [ModelEntry(name, user_models_dir() / model.folder, False, model)
                for name, model in zip(_user_model_names(visible, owner), visible)]
    return entries


def own_models(owner: str | None = None) -> list[ModelEntry]:
    """This browser's models (model_entries' mine/<name>)."""
    owner = session_owner() if owner is None else owner
    return [entry for entry in model_entries(owner) if entry.user is not None and entry.user.mine(owner)]


@st.cache_resource(show_spinner=False, max_entries=4)
def _removed_old_private_models(directory: str, hour: int) -> tuple[str, ...]:
    """At most once an hour per data folder: private models older than jobs.PRIVATE_MODEL_DAYS go."""
    return tuple(jobs.remove_old_private_models(directory))


@st.cache_resource(show_spinner=False)
def _cleaned_at_start(directory: str) -> tuple[str, ...]:
    """Once per server process and data folder, before any model is listed: what in-browser
    runs killed with the previous server left in data/training goes (or a model a half-done
    swap set aside comes back); app.jobs.clean_stale_training_folders says how it stays safe."""
    from app.jobs import clean_stale_training_folders
    return tuple(clean_stale_training_folders(directory))


@st.cache_resource(show_spinner="Loading model…", max_entries=32)
def _load_translator(directory: str, name: str, modified: float) -> Translator | str:
    """A Translator, or the reason it could not be loaded. `modified` (the weights' mtime)
    makes a retrained checkpoint a new cache entry instead of a stale hit."""
    try:
        return Translator(load_checkpoint(Path(directory), name=name))
    except CheckpointError as error:
        return str(error)
    except Exception as error:  # load_checkpoint means to raise nothing else; if it does, one model is lost, not the page
        import logging
        logging.getLogger(__name__).exception("loading the model in %s failed", directory)
        return f"{name} could not be loaded ({type(error).__name__}: {str(error).strip()[:160]})."


def modified_time(path: Path) -> float:
    """path's mtime, 0.0 when it is missing. Cached loaders take it as part of their key, so a
    retrained checkpoint (new weights, same folder) is a new cache entry instead of a stale hit."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def load_translator(entry: ModelEntry) -> Translator | str:
    return _load_translator(str(entry.directory), entry.name, modified_time(entry.directory / "model.pt"))


def available_translators() -> tuple[dict[str, Translator], dict[str, str]]:
    """(name -> Translator for models that load, name -> reason for those that do not)."""
    ready, broken = {}, {}
    for entry in model_entries():
        loaded = load_translator(entry)
        if isinstance(loaded, str):
            broken[entry.name] = loaded
        else:
            ready[entry.name] = loaded
    return ready, broken


def unavailable_models_ui(broken: dict[str, str]) -> None:
    for name, reason in broken.items():
        st.warning(f"Model **{name}** is unavailable: {reason}", icon=":material/warning:")


def translators_or_stop(nothing_to: str) -> dict[str, Translator]:
    """The models that load, after a warning for each one that does not; when none loads, an
    error saying there is nothing to `nothing_to` and the page stops there."""
    translators, broken = available_translators()
    unavailable_models_ui(broken)
    if not translators:
        st.error(f"No model could be loaded, so there is nothing to {nothing_to}.")
        st.stop()
    return translators


def model_description(name: str) -> str:
    """What a model is: a shipped kind's description, or whose it is (a user's model may be
    called "additive" and be anything)."""
    if name.startswith("mine/"):
        return "a model trained in this browser"
    if name.startswith("shared/"):
        return "a model someone shared with everyone on this server"
    return MODEL_DESCRIPTIONS.get(name, "")


def model_label(name: str) -> str:
    description = model_description(name)
    return f"{name} — {description}" if description else name


# ------------------------------------------------------------------ pages: setup, sentence, models, search

# The browser tab's icon: a file served by this server. (A :material/...: icon would make the
# browser fetch it from fonts.gstatic.com, which a classroom without internet cannot reach.)
PAGE_ICON = str(Path(__file__).with_name("favicon.png"))
SHARE_KEY = "share_menu"   # the Share popover's state: open (True) or not
# What the example picker offers, shortest first, each with the translation every shipped attention
# model gives (tests/test_shipped_models.py checks that they do): everyday sentences a class types
# first, then sentences long enough for the plain encoder-decoder to lose the thread.
EXAMPLES: list[tuple[str, str]] = [
    ("नमस्ते", "Hello"),
    ("मुझे भूख लगी है", "I am hungry"),
    ("मैं खाना खा रहा हूँ", "I am eating"),
    ("आपका नाम क्या है?", "What is your name?"),
    ("तुम कहाँ जा रहे हो?", "Where are you going?"),
    ("मेरे पास एक कुत्ता है", "I have a dog"),
    ("मेरी बहन बाज़ार में सब्ज़ी ख़रीद रही है", "My sister is buying a vegetable in the market"),
    ("राम और सीता पार्क में क्रिकेट खेल रहे हैं", "Ram and Sita are playing cricket in the park"),
    ("कल मेरे दोस्त ने होटल में मेरे भाई के साथ खाना खाया",
     "My friend ate with my brother in the hotel yesterday"),
    ("मेरी माँ रसोई में चाय बना रही थी लेकिन मेरे पिता बगीचे में अख़बार पढ़ रहे थे",
     "My mother was making tea in the kitchen but my father was reading a newspaper in the garden"),
    ("मेरी माँ रसोई में चाय बना रही थी लेकिन मेरे पिता कल शाम को बगीचे में दोस्त के साथ अख़बार पढ़ रहे थे "
     "क्योंकि वे थके हुए थे",
     "My mother was making tea in the kitchen but my father was reading a newspaper with the friend in the "
     "garden yesterday evening because they were tired"),
]
EXAMPLE_SENTENCES = [hindi for hindi, _ in EXAMPLES]
BLANK_HINT = "Type a Hindi sentence to translate, for example: " + SEED_SENTENCE


APP_ROOT = Path(__file__).resolve().parents[1]
# The sidebar's page list, in order: (file under the app root, title, Material icon). The title
# also names the page's URL path ("Long sentences" -> /Long_sentences); Home is served at /.
PAGES = [("pages/0_Home.py", "Home", ":material/home:"),
         ("pages/1_Compare.py", "Compare", ":material/compare_arrows:"),
         ("pages/2_Step_by_step.py", "Step by step", ":material/steps:"),
         ("pages/3_Training.py", "Training", ":material/monitoring:"),
         ("pages/4_Long_sentences.py", "Long sentences", ":material/straighten:"),
         ("pages/5_Data.py", "Data", ":material/dataset:"),
         ("pages/6_What_if.py", "What if", ":material/science:"),
         ("pages/7_Captioning.py", "Captioning", ":material/image:"),
         ("pages/8_Does_attention_matter.py", "Does attention matter", ":material/psychology_alt:")]


def navigation_pages() -> list[st.Page]:
    """The st.Page of every entry in PAGES, Home first and the default (streamlit_app.py runs them)."""
    return [st.Page(APP_ROOT / path, title=title, icon=icon, url_path=title.replace(" ", "_"), default=i == 0)
            for i, (path, title, icon) in enumerate(PAGES)]


def _run_through_the_router() -> None:
    """Streamlit runs a page of a `pages/` folder directly, under a navigation made from the
    folder's file names ("streamlit app", Home twice, no icons), until streamlit_app.py has
    called st.navigation once since the server started (its first, folder-based multipage
    mode). A class opening a shared /Compare link on a freshly started server got exactly that.
    So such a run turns the folder mode off, as st.navigation does, and when it is its
    session's first run (a page load: no click to lose) runs again, now through
    streamlit_app.py; every later run on the server goes there directly. (AppTest turns the
    folder mode back on before each of its runs; its later runs then go on as Streamlit chose.)"""
    first_run = "_session_started" not in st.session_state
    st.session_state["_session_started"] = True
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:   # a Streamlit without the folder mode
        return
    if getattr(PagesManager, "uses_pages_directory", None):
        PagesManager.uses_pages_directory = False
        if first_run:
            st.rerun()


def _flag(raw: str) -> bool:
    """?projector=1 (or true/yes/on) is on; 0, false, no, off or nothing is off."""
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("", "0", "false", "no", "off"):
        return False
    raise ValueError(raw)


def projector() -> bool:
    """Whether the page is in projector mode (page_setup's toggle, or a ?projector=1 link)."""
    return bool(st.session_state.get("projector"))


# Every page: wide figures scroll sideways inside their own box (the page never does), a wide
# formula too; tables and buttons wrap. Projector mode: the sidebar folded and the toolbar gone,
# every font 1.4 times as large, the content the full width of the screen. (A wide box's top
# padding: a chart's title sits a few pixels above its SVG, and the box would cut it.)
PAGE_CSS = """
div[class*="st-key-wide_"] { overflow-x: auto; overflow-y: hidden; max-width: 100%; padding-top: 0.5rem; }
.katex-display { overflow-x: auto; overflow-y: hidden; padding: 0.2rem 0; }
[data-testid="stMarkdownContainer"] { overflow-wrap: anywhere; }
[data-testid="stTable"] td, [data-testid="stTable"] th { white-space: normal !important; overflow-wrap: anywhere; }
"""
PROJECTOR_CSS = """
html { font-size: 22px; }
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: none; padding-left: 2rem; padding-right: 2rem; padding-top: 3.5rem; }
"""


def page_setup(title: str) -> None:
    """The first call on every page: the tab's title, wide layout, the page's CSS, and at the
    top a row with the projector toggle and the Share button (filled in by finish_page)."""
    _run_through_the_router()
    init_from_url("projector", "projector", False, parse=_flag)
    on = projector()
    st.set_page_config(page_title=f"{title} · Dhyan", page_icon=PAGE_ICON, layout="wide",
                       initial_sidebar_state="collapsed" if on else "auto")
    st.html(f"<style>{PAGE_CSS}{PROJECTOR_CSS if on else ''}</style>")
    _save_owner_cookie()
    toggle_column, share_column = st.columns([1, 1], vertical_alignment="center")
    toggle_column.toggle("Projector mode", key="projector",
                         help="Large text and charts, the sidebar folded away, every chart the full width. "
                              "A link with ?projector=1 opens in it.")
    st.session_state["_share_slot"] = share_column.empty()
    if projector():
        st.query_params["projector"] = "1"
    elif "projector" in st.query_params:   # not .pop(name, None): see query_param
        del st.query_params["projector"]


def current_link() -> str:
    """The link to what this page shows now: its address with every choice the page put into
    the URL (share_in_url). Relative ("?sentence=...") when the browser did not say its address."""
    from urllib.parse import urlencode
    query = urlencode(st.query_params.to_dict(), safe=",")
    base = st.context.url or ""
    home = PAGES[0][1].replace(" ", "_")
    if base.endswith("/" + home):   # Home, the default page, is served at the root
        base = base[:-len(home)]
    return base + (f"?{query}" if query else "")


@functools.lru_cache(maxsize=256)
def qr_png(link: str) -> bytes:
    """A QR code of `link` as PNG (the qrcode package: made here, nothing fetched). ~15 ms of
    pure Python (it tries all eight mask patterns), so made once per link, and only when the
    Share menu is opened (finish_page)."""
    import io
    import qrcode
    image = qrcode.make(link, box_size=8, border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def finish_page() -> None:
    """After the page has run (streamlit_app.py): the Share button, with the link of the view as
    the page left it, a Copy button and its QR code for phones. Its content is made only while
    it is open (opening it reruns the page, from the caches): the QR code was a quarter of a
    render's server time when every rerun made it (docs/serving.md)."""
    slot = st.session_state.pop("_share_slot", None)
    if slot is None:
        return
    import base64
    from qrcode.exceptions import DataOverflowError
    link = current_link()
    with slot.container():
        with st.popover("Share this view", icon=":material/qr_code_2:", key=SHARE_KEY, on_change="rerun") as menu:
            if not menu.open:
                return
            st.markdown("Everyone who opens this link sees this page with the same sentence and choices.")
            st.code(link, language=None, wrap_lines=True)
            copy_button(link)
            try:
                qr_code = base64.b64encode(qr_png(link)).decode("ascii")
            except (DataOverflowError, ValueError):   # more than a QR code holds (about 2,900 bytes)
                st.caption("This link is too long for a QR code (the sentence is long): copy it instead.")
            else:   # an <img> of its own, not st.image: the page's pictures stay the page's
                st.html(f'<img class="dhyan-qr" src="data:image/png;base64,{qr_code}" width="240" '
                        'alt="QR code of this link">')
                st.caption("Scan with a phone's camera.")


def copy_button(text: str) -> None:
    """A button that copies `text` to the clipboard, in the browser (also where the page is
    served over plain http, where navigator.clipboard is missing)."""
    import html
    import json
    st.html(f"""<button class="dhyan-copy" type="button" data-text="{html.escape(text, quote=True)}"
 style="font: inherit; padding: 0.35rem 0.9rem; border-radius: 0.5rem; border: 1px solid #bbb; background: #fff;
 cursor: pointer">Copy link</button>
<script>
for (const button of document.querySelectorAll("button.dhyan-copy:not([data-ready])")) {{
  button.dataset.ready = "1";
  button.addEventListener("click", async () => {{
    const text = button.dataset.text;
    try {{ await navigator.clipboard.writeText(text); }}
    catch (error) {{
      const area = document.createElement("textarea");
      area.value = text; document.body.appendChild(area); area.select();
      document.execCommand("copy"); area.remove();
    }}
    button.textContent = {json.dumps("Copied")};
  }});
}}
</script>""", unsafe_allow_javascript=True)


# No value goes into the URL or is taken from it longer than anything the app reads: the sentence
# box's text is read up to MAX_INPUT_CHARACTERS (core.nmt.translate), and a 100,000-character
# sentence in the URL made a 700 KB link that browsers and servers drop whole.
MAX_URL_VALUE = MAX_INPUT_CHARACTERS


def link_notice(text: str) -> None:
    """Say what was wrong with the link the page was opened with (the rest of it still applies)."""
    st.warning(text, icon=":material/link:")


def _quoted(raw: str) -> str:
    return repr(raw) if len(raw) <= 40 else repr(raw[:37] + "...")


def query_param(name: str) -> str | None:
    """The URL's ?name= (its last value when repeated), None when absent. Not
    st.query_params.get(name): a missing name goes through a KeyError that Streamlit's usage
    metrics handle at ~3 ms a call, several calls a rerun (docs/serving.md)."""
    return st.query_params.to_dict().get(name)


def init_from_url(state_key: str, param: str, default, parse=str) -> None:
    """Initialise st.session_state[state_key] once: from the URL's ?param= when present and
    valid (a shared link opens the same view), else from default. An over-long value is cut to
    MAX_URL_VALUE and an invalid one replaced by default, each with a notice on the page; the
    link's other parameters apply as they are."""
    if state_key in st.session_state:
        return
    raw = query_param(param)
    if raw is None:
        st.session_state[state_key] = default
        return
    if len(raw) > MAX_URL_VALUE:
        link_notice(f"This link's **{param}** was {len(raw):,} characters long; only the first "
                    f"{MAX_URL_VALUE:,} were kept (no more is ever read).")
        raw = raw[:MAX_URL_VALUE]
    try:
        st.session_state[state_key] = parse(raw)
    except (TypeError, ValueError):
        link_notice(f"This link's **{param}** ({_quoted(raw)}) is not valid here, so the page opens with "
                    f"{default!r} instead.")
        st.session_state[state_key] = default


def choice_from_url(state_key: str, param: str, options: list, default, parse=str) -> None:
    """init_from_url, then keep st.session_state[state_key] one of options: a shared link may
    name a model or bucket this app does not have (any more), which opens on default (with a
    notice when it was the link that named it)."""
    from_link = state_key not in st.session_state and query_param(param) is not None
    init_from_url(state_key, param, default, parse)
    if st.session_state[state_key] not in options:
        if from_link:
            link_notice(f"This link's **{param}** ({_quoted(str(st.session_state[state_key]))}) is not one this "
                        f"app has, so the page opens with {default!r}.")
        st.session_state[state_key] = default


def number_from_url(state_key: str, param: str, default: int, lowest: int, highest: int) -> None:
    """init_from_url for a whole number, then kept between lowest and highest (a link's
    ?step=99 on a five-step sentence opens on step 5)."""
    init_from_url(state_key, param, default, parse=int)
    st.session_state[state_key] = min(highest, max(lowest, int(st.session_state[state_key])))


def share_in_url(**params) -> None:
    """Write the current choices into the URL, touching only the ones that changed; no value
    longer than MAX_URL_VALUE (a longer sentence is read no further anyway)."""
    for name, value in params.items():
        value = str(value)[:MAX_URL_VALUE]
        if query_param(name) != value:
            st.query_params[name] = value


@st.cache_resource(show_spinner="Generating the test split…", max_entries=4)
def _test_split(seed: int) -> list | None:
    """The test split of the generated corpus (it depends on the seed alone), or None when the
    generator fails: that costs the pages their references and random test sentences, never the
    page itself, and the error goes to the server's log with its traceback."""
    from core.nmt.evaluate import generated_test_split
    try:
        return generated_test_split(seed)
    except Exception:
        log.exception("generating the test split (seed %d) failed; the pages show no references", seed)
        return None


def test_pairs(translator: Translator) -> list | None:
    """The test split of the corpus this model was trained on; None when it has none
    (toy or uploaded corpora, or no generator yet)."""
    corpus = translator.loaded.metadata.get("corpus") or {}
    if not isinstance(corpus, dict) or corpus.get("corpus") != "generated":
        return None
    try:
        return _test_split(int(corpus["seed"]))
    except (KeyError, TypeError, ValueError):
        return None


@st.cache_resource(max_entries=4)
def _reference_index(seed: int) -> dict[str, str]:
    return lesson.reference_index(_test_split(seed) or [])


def reference_for(translator: Translator, text: str) -> str | None:
    """The test split's English for `text`, when the sentence is in this model's test split."""
    if test_pairs(translator) is None:
        return None
    corpus = translator.loaded.metadata["corpus"]
    return lesson.find_reference(_reference_index(int(corpus["seed"])), text)


def _use_example(page: str) -> None:
    choice = st.session_state.get(f"{page}_example")
    if choice:
        st.session_state[f"{page}_sentence"] = choice


def _use_random_test_sentence(page: str, pairs: list) -> None:
    pair = lesson.pick_by_length(pairs, st.session_state[f"{page}_length"], random.Random())
    if pair is not None:
        st.session_state[f"{page}_sentence"] = pair.source_text


def sentence_ui(page: str, pairs: list | None = None, label: str = "Hindi sentence") -> str:
    """The sentence box (its value shared in the URL as ?sentence=), an example picker and,
    when a test split exists, a random test sentence of about the chosen length."""
    key = f"{page}_sentence"
    # The last sentence typed on any page carries over to the next page opened.
    init_from_url(key, "sentence", st.session_state.get("shared_sentence", SEED_SENTENCE))
    text = st.text_input(label, key=key, placeholder=BLANK_HINT)
    st.session_state["shared_sentence"] = text
    picker, length, button = st.columns([5, 3, 2], vertical_alignment="bottom")
    picker.selectbox("Example sentences (shortest first)", EXAMPLE_SENTENCES, index=None,
                     placeholder="Pick an example…", key=f"{page}_example", on_change=_use_example, args=(page,))
    if pairs:
        longest = max(len(pair.source_tokens) for pair in pairs)
        if f"{page}_length" not in st.session_state:
            st.session_state[f"{page}_length"] = min(8, longest)
        length.slider("Test sentence length (words)", 1, max(2, longest), key=f"{page}_length")
        button.button("Random test sentence", icon=":material/casino:", key=f"{page}_random", width="stretch",
                      wrap=True, on_click=_use_random_test_sentence, args=(page, pairs))
    else:
        length.caption("No random test sentences: these models were not trained on the generated corpus, "
                       "so there is no test split to draw from.")
    share_in_url(sentence=text)
    return text


def models_ui(page: str, names: list[str], default: list[str]) -> list[str]:
    """A multiselect of the loaded models, shared in the URL as ?models=a,b."""
    key = f"{page}_models"
    fallback = [n for n in default if n in names] or names[:2]

    def known_models(raw: str) -> list[str]:
        asked = [n for n in raw.split(",") if n]
        known = [n for n in asked if n in names]
        if len(known) < len(asked):
            unknown = ", ".join(n for n in asked if n not in names)
            link_notice(f"This link asks for models this app does not have ({_quoted(unknown)}); "
                        + ("the others are shown." if known else "the usual ones are shown instead."))
        return known if known or not asked else fallback

    init_from_url(key, "models", fallback, parse=known_models)
    st.session_state[key] = [n for n in st.session_state[key] if n in names]  # a model may have gone
    chosen = st.multiselect("Models to compare", names, key=key)
    share_in_url(models=",".join(chosen))
    return chosen


def search_ui(page: str) -> int:
    """Greedy or beam search; returns the beam size (1 = greedy), shared in the URL as ?beam=."""
    method_key, size_key = f"{page}_method", f"{page}_beam"
    number_from_url(size_key, "beam", 4, 1, 10)
    init_from_url(method_key, "beam", "greedy", parse=lambda raw: "beam search" if int(raw) > 1 else "greedy")
    if st.session_state[size_key] < 2:  # ?beam=1 is greedy: beam search, when chosen, starts at 4
        st.session_state[size_key] = 4
    method_column, size_column = st.columns(2)
    method = method_column.radio("Search", ["greedy", "beam search"], key=method_key, horizontal=True,
                                 help="Greedy takes the most probable word at every step; beam search keeps "
                                      "the k best partial translations and picks the best finished one.")
    beam_size = 1
    if method == "beam search":
        beam_size = size_column.slider("Beam size k", 2, 10, key=size_key)
    share_in_url(beam=beam_size)
    return beam_size


# ------------------------------------------------------------------ pages: translating and showing it

@st.cache_resource(max_entries=512, show_spinner=False)
def _translation(_translator: Translator, directory: str, modified: float, text: str, beam_size: int) -> Translation:
    """Shared by every session: never mutate the result."""
    return _translator.translate(text, beam_size=beam_size)


def progress_text(snapshot) -> tuple[str, str]:
    """(the progress bar's text, the epochs-finished figure) of a training job, from one
    snapshot so the two always agree: 'Epoch 2 of 3: training' beside '1 / 3'."""
    finished = f"{len(snapshot.epochs)} / {snapshot.total_epochs}"
    if snapshot.state == "running" and snapshot.steps:
        current = min(len(snapshot.epochs) + 1, snapshot.total_epochs)
        return f"Epoch {current} of {snapshot.total_epochs}: training", finished
    return snapshot.message, finished


# ------------------------------------------------------------------ charts: size, fonts, export

def chart(figure, key: str, *, wide: bool = False, export: bool = True, csv: str | None = None,
          csv_name: str = "") -> None:
    """Draw an Altair chart in the app's fonts (larger in projector mode). wide: drawn at its own
    size (one that grows with the sentence) in a box that scrolls sideways, never squeezed into
    the column with labels dropped. export: a Save menu with PNG and SVG, rendered on the server
    only when clicked, and `csv` (text) as a CSV file when given.

    figure: a chart, or vega.recipe(charts.<builder>, ...) for one that every student draws
    alike (the default sentence's, a shared link's): built and converted once per server. Either
    way it is sent as the spec Streamlit would make, without re-validating it (app.vega)."""
    on = projector()
    styled, spec = vega.prepared(figure, lambda built: charts.styled(built, on), on)
    width = "content" if wide else "stretch"
    with st.container(key=f"wide_{key}") if wide else contextlib.nullcontext():
        if spec is None:   # a Streamlit without the conversion app.vega follows
            st.altair_chart(styled, width=width, key=f"chart_{key}")
        else:
            st.vega_lite_chart(spec=spec, width=width, key=f"chart_{key}")
    if export:
        save_menu(styled, key, csv, csv_name)


def save_menu(styled, key: str, csv: str | None = None, csv_name: str = "") -> None:
    """The chart's Save menu. Its buttons are made only while it is open (opening it reruns the
    page, from the caches): three widgets per chart on every rerun were a twentieth of a render."""
    name = re.sub(r"[^A-Za-z0-9_-]+", "_", key).strip("_") or "chart"
    with st.popover("Save", icon=":material/download:", key=f"save_{key}", on_change="rerun") as menu:
        if not menu.open:
            return
        st.download_button("PNG image", lambda: charts.to_png(styled), file_name=f"dhyan_{name}.png",
                           mime="image/png", key=f"png_{key}", on_click="ignore", icon=":material/image:")
        st.download_button("SVG (vector, for slides and papers)", lambda: charts.to_svg(styled),
                           file_name=f"dhyan_{name}.svg", mime="image/svg+xml", key=f"svg_{key}",
                           on_click="ignore", icon=":material/draw:")
        if csv is not None:
            st.download_button("The numbers (CSV)", csv.encode("utf-8"), file_name=csv_name or f"dhyan_{name}.csv",
                               mime="text/csv", key=f"csv_{key}", on_click="ignore", icon=":material/table:")


def word_step() -> int:
    """Pixels per word of a heatmap's cells (charts.styled enlarges the whole chart on a projector)."""
    return charts.WORD_STEP


def attention_csv(translation: Translation) -> str:
    """The attention matrix as CSV: a row per English word written, a column per Hindi word
    read (position and word in each heading), the weights to 6 decimals."""
    import csv
    import io
    weights = translation.attention.tolist()
    source, target = charts._axis_tokens(weights, translation.source_tokens, translation.output_tokens)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["English (written) \\ Hindi (read)", *charts.position_labels(source)])
    for label, row in zip(charts.position_labels(target), weights):
        writer.writerow([label, *(f"{float(w):.6f}" for w in row)])
    return buffer.getvalue()


def translate(translator: Translator, text: str, beam_size: int = 1) -> Translation:
    """translator.translate, cached per model, sentence and beam size; raises InputError."""
    directory = translator.loaded.directory
    return _translation(translator, str(directory), modified_time(directory / "model.pt"), text, beam_size)


def translations_ui(translators: dict[str, Translator], text: str, beam_size: int = 1) -> dict[str, Translation] | None:
    """Every model's translation of text; for input we refuse, the hint is shown and None
    returned (a blank box never reaches a model)."""
    if not text or not text.strip():
        st.info(BLANK_HINT, icon=":material/edit_note:")
        return None
    results = {}
    for name, translator in translators.items():
        try:
            results[name] = translate(translator, text, beam_size)
        except InputError as error:
            st.info(str(error), icon=":material/edit_note:")
            return None
    return results


COPY_LEGEND = ("Words in *:blue-background[blue italics]* were copied from the Hindi: the model could not "
               "translate them, so it wrote out, in Latin letters, the Hindi word its attention weighed most "
               "at that step — attention is what makes the copy possible.")


def _markdown_safe(text: str) -> str:
    """Typed text shown inside Streamlit markdown as it is (no emphasis, links or colour tags)."""
    for special in "\\`*_[]{}()#+-.!~:|<>$":
        text = text.replace(special, "\\" + special)
    return text


def marked_output(translation: Translation) -> str:
    """The English as markdown, each copied word in blue italics (the legend is COPY_LEGEND) and
    each <unk> left in it visible (bare, markdown would take it for an HTML tag)."""
    copied = {copy.output_position for copy in translation.copies}
    if not copied and not translation.uncopied:
        return translation.text or "(nothing)"
    words = [f":blue-background[*{_markdown_safe(word)}*]" if t in copied
             else f":gray-background[{_markdown_safe(word)}]" if t in translation.uncopied else word
             for t, word in enumerate(translation.target_tokens)]
    return detokenize_english(words)


def marked_source(translation: Translation) -> str:
    """The Hindi the model read as markdown, each word it does not know highlighted in orange."""
    unknown = {u.position for u in translation.unknown}
    words = [f":orange-background[**{_markdown_safe(word)}**]" if j in unknown else _markdown_safe(word)
             for j, word in enumerate(translation.source_tokens[:-1])]  # without the appended <eos>
    return " ".join(words)


def _use_suggestion(page: str, word: str, suggestion: str) -> None:
    """Rewrite the page's sentence with `suggestion` wherever `word` stood."""
    key = f"{page}_sentence"
    tokens = [suggestion if token == word else token for token in tokenize_hindi(st.session_state.get(key, ""))]
    st.session_state[key] = detokenize_hindi(tokens)


def unknown_words_ui(translation: Translation, page: str | None = None, key: str = "") -> None:
    """Why a translation is a guess: the words the model does not know, marked in the sentence, with
    the nearest words it knows as buttons that rewrite the page's sentence box (`page`'s
    "<page>_sentence"; without a page they are listed). `key` tells apart several of these on a page."""
    if translation.unknown:
        notice = translation.notices()[0]  # "Guess: N words are not in the model's vocabulary: ..."
        st.warning(notice, icon=":material/help:")
        st.markdown("The sentence as the model read it: " + marked_source(translation))
        first = {}
        for unknown in translation.unknown:
            first.setdefault(unknown.word, unknown)
        offered = [unknown for unknown in first.values() if unknown.suggestions] if page else []
        for index, unknown in enumerate(offered):
            columns = st.columns([2] + [1] * len(unknown.suggestions), vertical_alignment="center")
            columns[0].markdown(f"Instead of **{_markdown_safe(unknown.word)}**, try:")
            for column, suggestion in zip(columns[1:], unknown.suggestions):
                column.button(suggestion, key=f"{page}_{key}_suggest_{index}_{suggestion}", width="stretch",
                              on_click=_use_suggestion, args=(page, unknown.word, suggestion),
                              help=f"Replace {unknown.word} with {suggestion}, a word this model knows")
    if translation.copies:
        st.caption(COPY_LEGEND)
    if translation.uncopied:
        st.caption(translation.notices()[-1])


def translation_ui(translation: Translation, page: str | None = None, key: str = "") -> None:
    """One model's output, labelled **Translation** or, when it has unknown words, **Guess**, with
    the copied words marked, then why it is a guess and the notes (cut input, unfinished output).
    When more than half of the words are unknown the guess waits behind an expander."""
    line = f"**{translation.label}:** {marked_output(translation)}"
    if translation.mostly_unknown:
        with st.expander(f"More than half of these words are unknown to {translation.model_name}: "
                         "show its guess anyway", icon=":material/visibility_off:"):
            st.markdown(line)
    else:
        st.markdown(line)
    input_notes_ui(translation, page, key)


def input_notes_ui(translation: Translation, page: str | None = None, key: str = "") -> None:
    """Unknown words (with suggestions), copies, and notes (cut input, unfinished output) for one translation."""
    unknown_words_ui(translation, page, key)
    for note in translation.notes:
        st.info(note, icon=":material/content_cut:")


def attention_ui(translation: Translation, title: str = "", key: str = "attention") -> None:
    """The attention heatmap (every word labelled, as wide as the sentence needs, with PNG, SVG
    and CSV downloads), or for encdec its single fixed context vector as a strip."""
    if translation.attention is None:
        st.markdown("**No attention weights:** this model squeezes the whole sentence into the encoder's "
                    "last state and hands the decoder that one vector at every step, whatever word it is "
                    "writing. Here it is, one cell per dimension:")
        chart(vega.recipe(charts.vector_strip, translation.decoded.steps[0].context,
                          title="the fixed context vector c", label="c"), f"{key}_vector")
        st.caption("Every English word is written from this same strip: a long sentence has to fit in it.")
        return
    chart(vega.recipe(charts.attention_heatmap, translation.attention, translation.source_tokens,
                      translation.output_tokens, title=title, cell_size=word_step()),
          key, wide=True, csv=attention_csv(translation), csv_name=f"dhyan_attention_{translation.model_name}.csv")
    st.caption("Hover over a cell to see the two words and the weight. A long sentence makes a wide chart: "
               "scroll it sideways. Save: PNG, SVG or the weights as CSV.")


# ------------------------------------------------------------------ pages: training history and evaluations

@st.cache_data(max_entries=256, show_spinner=False)
def _read_json(path: str, modified: float) -> dict:
    from core.nmt.checkpoint import read_json
    return read_json(Path(path)) or {}


def model_json(entry: ModelEntry, filename: str) -> dict:
    """history.json or eval.json of a model folder ({} when missing or unreadable); re-read
    when the file changes. A copy: mutating it changes nothing for other sessions."""
    path = entry.directory / filename
    return _read_json(str(path), modified_time(path)) if path.is_file() else {}


def model_histories() -> dict[str, dict]:
    """name -> history.json for every model folder that has one with training steps or epochs."""
    histories = {}
    for entry in model_entries():
        history = model_json(entry, "history.json")
        if history.get("steps") or history.get("epochs"):
            histories[entry.name] = history
    return histories


def model_evaluations() -> tuple[dict[str, dict], list[str]]:
    """(name -> eval.json for evaluated models, names of models with weights but no eval.json yet)."""
    evaluated, waiting = {}, []
    for entry in model_entries():
        evaluation = model_json(entry, "eval.json")
        if evaluation.get("buckets"):
            evaluated[entry.name] = evaluation
        elif (entry.directory / "model.pt").is_file():
            waiting.append(entry.name)
    return evaluated, waiting


# ------------------------------------------------------------------ pages: attention summaries, what-if decoding

def attention_summary_ui(translation: Translation, key: str = "summary") -> None:
    """Beside a heatmap: the attention each source word received in total and how spread each
    step was, with a one-line reading of each (nothing for models without weights)."""
    from app import whatif
    if translation.attention is None:
        return
    summary = whatif.summarise(translation.attention.tolist(), translation.source_tokens,
                               translation.output_tokens)
    # one under the other: this sits in a page column beside other models' heatmaps
    chart(vega.recipe(charts.attention_received_chart, summary.received, summary.source_tokens,
                      whatif.DROPPED_BELOW, title="attention each word received"), f"{key}_received", wide=True)
    chart(vega.recipe(charts.step_focus_chart, summary.spread, summary.target_tokens,
                      title="how spread each step was"), f"{key}_spread", wide=True)
    reading = summary.reading()
    st.markdown("\n".join(f"- {line}" for line in reading))
    st.caption(f"Received: the column sums of the heatmap (they add up to the number of steps); red bars are "
               f"words that got less than {whatif.DROPPED_BELOW}. Spread: the "
               "entropy of each row in bits divided by log₂ S, 0 when one word gets all the weight, 1 when "
               "all S words get the same.")


@st.cache_resource(max_entries=256, show_spinner=False)
def _what_if_translation(_translator: Translator, directory: str, modified: float, text: str, beam_size: int,
                         prefix: tuple[str, ...], override: tuple[tuple[int, tuple[float, ...]], ...]) -> Translation:
    """Shared by every session: never mutate the result."""
    import torch
    weights = {step: torch.tensor(row) for step, row in override} or None
    return _translator.translate(text, beam_size=beam_size, prefix=list(prefix) or None, override_weights=weights)


def translate_what_if(translator: Translator, text: str, beam_size: int = 1, prefix: list[str] | None = None,
                      override: dict[int, list[float]] | None = None) -> Translation:
    """translator.translate with a forced prefix and/or attention rows replaced, cached; raises InputError."""
    directory = translator.loaded.directory
    frozen = tuple(sorted((int(step), tuple(float(w) for w in row)) for step, row in (override or {}).items()))
    return _what_if_translation(translator, str(directory), modified_time(directory / "model.pt"), text, beam_size,
                                tuple(prefix or ()), frozen)
