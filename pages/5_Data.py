"""Data: the generated corpus (pairs with their gold alignment, lengths, vocabulary) and
uploading a corpus of your own to train on. An uploaded corpus is this browser's alone
(owner_session.session_owner): only it lists, shows, trains on and deletes it."""
import random
import time

import streamlit as st

from app import model_registry, owner_session, page, widgets
from app import charts, reports
from core.language.corpus import corpus_stats
from core.language.user_corpus import CorpusFileError, LoadedCorpus, load_corpus_bytes, load_corpus_file, save_corpus
from core.owners import PRIVATE_DAYS, InvalidNameError, corpus_file, delete_corpus, list_saved_corpora
from core.safe_text import as_text
from core.limits import STORAGE, TRAINING
from core.quotas import QuotaError, usage

page.page_setup("Data")
st.title("Data")
st.markdown("Every model learns from sentence pairs. Ours come from a grammar of Hindi written for Dhyan, "
            "so each pair also carries its true word alignment: which English word translates which Hindi "
            "word. That is the answer key attention is checked against.")

GENERATED_SAMPLE = 2_000   # training pairs drawn for this page (the shipped models saw more, from the same stream)
SPLITS = ("train", "validation", "test")


@st.cache_resource(show_spinner="Generating the corpus…", max_entries=2)
def generated_splits(pairs: int, seed: int):
    from core.language.corpus import generate_corpus
    return generate_corpus(n_train=pairs, seed=seed)


@st.cache_resource(show_spinner="Reading the corpus…", max_entries=8)
def saved_corpus(path: str, modified: float) -> LoadedCorpus | str:
    """Keyed by the file (which names its owner), so two browsers' corpora of one name never meet."""
    try:
        return load_corpus_file(path)
    except CorpusFileError as error:
        return str(error)


def corpus_choice_ui() -> tuple[str, list]:
    """The corpus to look at: a split of the generated one, or one of this browser's uploads. -> (label, pairs)."""
    saved = list_saved_corpora(owner_session.data_dir(), owner_session.session_owner())
    if st.session_state.get("data_corpus", "generated") not in ["generated", *saved]:   # deleted since
        st.session_state["data_corpus"] = "generated"
    corpus_column, split_column = st.columns([2, 1])
    choice = corpus_column.selectbox("Corpus", ["generated", *saved], key="data_corpus",
                                     format_func=lambda c: "generated (our grammar, seed 0)" if c == "generated"
                                     else f"uploaded: {c}")
    if choice == "generated":
        split = split_column.radio("Split", SPLITS, horizontal=True, key="data_split",
                                   help=f"The training split here is a sample of {GENERATED_SAMPLE:,} pairs.")
        try:
            return f"generated, {split} split", getattr(generated_splits(GENERATED_SAMPLE, 0), split)
        except (ImportError, AttributeError, RuntimeError) as error:
            st.error(f"The corpus generator is not available ({error}).")
            return "generated", []
    path = corpus_file(owner_session.data_dir(), choice, owner_session.session_owner())
    loaded = saved_corpus(str(path), model_registry.modified_time(path))
    if isinstance(loaded, str):
        st.error(as_text(loaded))
        return choice, []
    return f"uploaded: {choice}", loaded.pairs


def _another_pair(count: int) -> None:
    st.session_state["data_pair"] = random.randrange(1, count + 1)


def sample_pair_ui(pairs: list) -> None:
    st.header("A pair and its alignment")
    if "data_pair" not in st.session_state or st.session_state["data_pair"] > len(pairs):
        st.session_state["data_pair"] = 1
    number_column, button_column = st.columns([3, 1], vertical_alignment="bottom")
    number = number_column.number_input(f"Pair number (1–{len(pairs):,})", 1, len(pairs), key="data_pair")
    button_column.button("Another pair", icon=":material/casino:", key="data_random", on_click=_another_pair, args=(len(pairs),))
    pair = pairs[number - 1]
    st.markdown(f"**Hindi:** {as_text(pair.source_text)}  \n**English:** {as_text(pair.target_text)}")
    if not pair.alignment:
        st.info("No gold alignment: nobody knows which words of an uploaded pair translate which, so there "
                "is no grid to draw. Pairs of the generated corpus have one.")
        return
    widgets.chart(charts.alignment_grid(reports.alignment_frame(pair), title="gold alignment", cell_size=widgets.word_step()),
             "data_alignment", wide=True)
    st.caption("**What to look for.** A dark cell joins an English word (row) to the Hindi word (column) it "
               "translates. Hindi puts the verb last (*खा रहा हूँ* at the end, *am eating* early in English), "
               "so the path jumps instead of running down the diagonal: a single left-to-right reading "
               "cannot line the words up, but attention can look anywhere.")


def lengths_and_vocabulary_ui(label: str, pairs: list) -> None:
    stats = corpus_stats(pairs)
    st.header("Lengths and vocabulary")
    columns = st.columns(5)
    for column, (name, value) in zip(columns, [
            ("sentence pairs", f"{stats['pairs']:,}"), ("Hindi vocabulary", f"{stats['source_vocabulary']:,}"),
            ("English vocabulary", f"{stats['target_vocabulary']:,}"),
            ("mean Hindi length", f"{stats['mean_source_length']:.1f}"),
            ("longest Hindi", f"{stats['max_source_length']}")]):
        column.metric(name, value)
    widgets.chart(charts.length_histogram(reports.length_frame(pairs), title=f"source lengths: {label}"), "data_lengths")
    st.caption("**What to look for.** The colours are the length buckets of the Long sentences page. The "
               "test split holds the same number of sentences in every bucket, so long sentences are "
               "measured as carefully as short ones, even where training data has fewer of them.")
    hindi, english = st.columns(2)
    with hindi:
        widgets.chart(charts.word_frequency_chart(reports.frequent_words(pairs, "source"), title="most frequent Hindi words"),
                 "data_hindi_words")
    with english:
        widgets.chart(charts.word_frequency_chart(reports.frequent_words(pairs, "target"),
                                             title="most frequent English words"), "data_english_words")
    st.caption("**What to look for.** A few function words (है, में, the, is) make up a large share of all "
               "words. Each model's vocabulary is built from its training split: a word it never saw "
               "becomes `<unk>`.")


# ------------------------------------------------------------------ uploading


def read_upload(data: bytes, filename: str) -> tuple[LoadedCorpus | None, str | None]:
    """(the parsed corpus, None) or (None, the message saying what is wrong with the file)."""
    try:
        return load_corpus_bytes(data, filename), None
    except CorpusFileError as error:
        return None, str(error)


def upload_result_ui(corpus: LoadedCorpus) -> None:
    """What was read from an upload: the summary (with malformed line numbers), a preview, saving."""
    st.success(as_text(corpus.summary()))
    if corpus.malformed_lines:
        st.dataframe([{"line": number, "problem": reason} for number, reason in corpus.malformed_lines],
                     hide_index=True, width="stretch")
    st.dataframe(reports.pairs_frame(corpus.pairs, limit=10), hide_index=True, width="stretch")
    name_column, button_column = st.columns([3, 1], vertical_alignment="bottom")
    if "data_corpus_name" not in st.session_state:
        st.session_state["data_corpus_name"] = reports.suggested_name(corpus.filename)
    name = name_column.text_input("Save as", key="data_corpus_name", max_chars=40,
                                  help="Letters, digits, '_' and '-'. The Training page lists it under this name, "
                                       "in this browser only.")
    if button_column.button("Save corpus", key="data_save", type="primary"):
        try:
            save_corpus(corpus.pairs, name.strip(), owner_session.data_dir(), owner=owner_session.session_owner())
        except (InvalidNameError, QuotaError) as error:
            st.error(as_text(error))
        except (ValueError, OSError) as error:   # the data folder leads outside, or the disk is full
            st.error(f"The corpus could not be saved: {as_text(error)}")
        else:   # rerun so the corpus picker above lists it at once
            st.session_state["data_saved"] = name.strip()
            st.rerun()
    if "data_saved" in st.session_state:
        st.success(f"Saved as **{as_text(st.session_state.pop('data_saved'))}**: choose it as the corpus on the "
                   "Training page, or above to look at it.")


def limits_ui() -> None:
    """What one browser and the whole server may keep, and what this browser keeps now."""
    used = usage(owner_session.data_dir(), owner_session.session_owner())
    st.caption(f"**Limits on this shared server.** Kept: {STORAGE.describe()}. Training: {TRAINING.describe()}. "
               f"This browser now keeps {used.describe()}.")


def upload_ui() -> None:
    st.header("Bring your own corpus")
    st.markdown("Upload a Tatoeba/Anki export (`English<TAB>Hindi<TAB>attribution`, e.g. `hin.txt` from "
                "manythings.org), a two-column `Hindi<TAB>English` file, or a zip holding one of them. "
                "Limits: 20 MB, 200,000 lines, 50 words per sentence. A saved corpus is for this browser only: "
                "nobody else on the server sees its name or its sentences.")
    limits_ui()
    upload = st.file_uploader("Corpus file", type=["tsv", "txt", "zip"], key="data_upload")
    if upload is None:
        st.session_state.pop("data_corpus_name", None)
        return
    corpus, problem = read_upload(upload.getvalue(), upload.name)
    if problem:
        st.error(as_text(problem), icon=":material/block:")
        return
    upload_result_ui(corpus)


def _delete(name: str) -> None:
    try:
        deleted = delete_corpus(name, owner_session.data_dir(), owner_session.session_owner())
    except (ValueError, OSError) as error:
        st.session_state["data_corpora_message"] = ("error", as_text(f"{name} could not be deleted: {error}"))
        return
    st.session_state["data_corpora_message"] = (
        ("success", f"Deleted **{as_text(name)}**. Models trained on it keep working.") if deleted
        else ("error", f"There is no corpus called {as_text(name)} in this browser any more."))


def own_corpora_ui() -> None:
    """This browser's saved corpora, each with a Delete button that asks first (as the Training
    page does for a model)."""
    owner = owner_session.session_owner()
    names = list_saved_corpora(owner_session.data_dir(), owner)
    if "data_corpora_message" in st.session_state:
        kind, text = st.session_state.pop("data_corpora_message")
        (st.success if kind == "success" else st.error)(text)
    if not names:
        return
    st.subheader("Your corpora")
    st.markdown(f"Only this browser lists these. A corpus is deleted {PRIVATE_DAYS} days after it was "
                "saved; models trained on it keep working.")
    for name in names:
        saved = model_registry.modified_time(corpus_file(owner_session.data_dir(), name, owner))
        name_column, delete_column = st.columns([4, 1], vertical_alignment="center")
        name_column.markdown(f"**{as_text(name)}** · saved {time.strftime('%d %b %H:%M', time.localtime(saved))}")
        with delete_column.popover("Delete", icon=":material/delete:", width="stretch"):
            st.markdown(f"Delete the corpus **{as_text(name)}** for good?")
            st.button("Yes, delete it", key=f"data_delete_{name}", type="primary", on_click=_delete, args=(name,))


label, pairs = corpus_choice_ui()
if pairs:
    sample_pair_ui(pairs)
    lengths_and_vocabulary_ui(label, pairs)
upload_ui()
own_corpora_ui()

page.finish_page()   # the Share menu, with the link of what the page now shows (streamlit_app.py: after a stop)
