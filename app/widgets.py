"""The widgets the pages share: the sentence box and its examples, model and search pickers,
a translation with its unknown words and copies marked, attention heatmaps and summaries, and
every chart drawn with its Save menu."""
from __future__ import annotations

import contextlib
import random
import re

import streamlit as st

from app import charts, lesson, model_registry, vega
from app.page import projector
from app.translation_cache import translate
from app.url_state import init_from_url, link_notice, number_from_url, quoted, share_in_url
from core.language.text import detokenize_english, detokenize_hindi, tokenize_hindi
from core.nmt.probes import SEED_SENTENCE
from core.nmt.translate import InputError, Translation, Translator
from core.safe_text import as_text


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
        asked = [model_registry.name_from_link(n) for n in raw.split(",") if n]
        known = [n for n in asked if n in names]
        if len(known) < len(asked):
            unknown = ", ".join(n for n in asked if n not in names)
            link_notice(f"This link asks for models this app does not have ({quoted(unknown)}); "
                        + ("the others are shown." if known else "the usual ones are shown instead."))
        return known if known or not asked else fallback

    init_from_url(key, "models", fallback, parse=known_models)
    gone = [n for n in st.session_state[key] if n not in names]
    if gone:   # deleted (or unshared) by its owner since this page showed it
        st.info(f"{as_text(', '.join(gone))} {'is' if len(gone) == 1 else 'are'} no longer on this server: its owner "
                "deleted it or stopped sharing it.", icon=":material/delete:")
        st.session_state[key] = [n for n in st.session_state[key] if n in names]
    chosen = st.multiselect("Models to compare", names, key=key)
    share_in_url(models=",".join(model_registry.link_name(n) for n in chosen))
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



def progress_text(snapshot) -> tuple[str, str]:
    """(the progress bar's text, the epochs-finished figure) of a training job, from one
    snapshot so the two always agree: 'Epoch 2 of 3: training' beside '1 / 3'."""
    finished = f"{len(snapshot.epochs)} / {snapshot.total_epochs}"
    if snapshot.state == "running" and snapshot.steps:
        current = min(len(snapshot.epochs) + 1, snapshot.total_epochs)
        return f"Epoch {current} of {snapshot.total_epochs}: training", finished
    return snapshot.message, finished



def chart(figure, key: str, *, wide: bool = False, export: bool = True, csv: str | None = None,
          csv_name: str = "", fit: bool = False, select: str | None = None):
    """Draw an Altair chart in the app's fonts (larger in projector mode). wide: drawn at its own
    size (one that grows with the sentence) in a box that scrolls sideways, never squeezed into
    the column with labels dropped. fit: drawn the width of its column, whatever the spec's
    width (a chart made to thin its labels, e.g. charts.attention_heatmap(fit=True)). export: a Save menu with PNG and SVG, rendered on the server
    only when clicked, and `csv` (text) as a CSV file when given.

    figure: a chart, or vega.recipe(charts.<builder>, ...) for one that every student draws
    alike (the default sentence's, a shared link's): built and converted once per server. Either
    way it is sent as the spec Streamlit would make, without re-validating it (app.vega).

    select: the name of a selection in the chart: a click on the chart reruns the page, and the
    chart's event state ({"selection": {select: ...}}) is returned (None without select). Its
    widget key names the chart's recipe, so a chart drawn from other data (a new sentence)
    starts with nothing selected rather than with a cell of the last one."""
    on = projector()
    styled, spec = vega.prepared(figure, lambda built: charts.styled(built, on), on)
    wide = wide and not fit
    width = "content" if wide else "stretch"
    widget_key, picking = f"chart_{key}", {}
    if select is not None:
        drawn_from = hash(figure.key) if isinstance(figure, vega.Recipe) else 0   # stable within this server
        widget_key = f"chart_{key}_{drawn_from & 0xFFFFFFFF:08x}"
        picking = {"on_select": "rerun", "selection_mode": [select]}
    with st.container(key=f"wide_{key}") if wide else contextlib.nullcontext():
        if spec is None:   # a Streamlit without the conversion app.vega follows
            event = st.altair_chart(styled, width=width, key=widget_key, **picking)
        else:
            event = st.vega_lite_chart(spec=spec, width=width, key=widget_key, **picking)
    if export:
        save_menu(styled, key, csv, csv_name)
    return event if select is not None else None


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
            st.info(as_text(error), icon=":material/edit_note:")
            return None
    return results


POINT_AT_CELL = "Hover over a cell (or tap it) to see the two words and the weight."

COPY_LEGEND = ("Words in *:blue-background[blue italics]* were copied from the Hindi: the model could not "
               "translate them, so it wrote out, in Latin letters, the Hindi word its attention weighed most "
               "at that step — attention is what makes the copy possible.")


def marked_output(translation: Translation) -> str:
    """The English as markdown, each copied word in blue italics (the legend is COPY_LEGEND) and
    each <unk> left in it visible (bare, markdown would take it for an HTML tag)."""
    copied = {copy.output_position for copy in translation.copies}
    if not copied and not translation.uncopied:
        return as_text(translation.text) or "(nothing)"
    # a step whose word was merged into a number before it (ढाई सौ -> "two hundred and fifty") is ""
    kept = [(t, word) for t, word in enumerate(translation.target_tokens) if word]
    words = [f":blue-background[*{as_text(word)}*]" if t in copied
             else f":gray-background[{as_text(word)}]" if t in translation.uncopied else as_text(word)
             for t, word in kept]
    return _spaced_as([word for _, word in kept], words)


def _spaced_as(tokens: list[str], shown: list[str]) -> str:
    """The shown pieces joined with the spaces detokenize_english puts between the tokens they
    show (decided on the tokens: an escaped '\\?' would otherwise get a space before it)."""
    text = ""
    for t, piece in enumerate(shown):
        if t and detokenize_english(tokens[t - 1:t + 1]) != tokens[t - 1] + tokens[t]:
            text += " "
        text += piece
    return text


def marked_source(translation: Translation) -> str:
    """The Hindi the model read as markdown, each word it does not know highlighted in orange."""
    unknown = {u.position for u in translation.unknown}
    words = [f":orange-background[**{as_text(word)}**]" if j in unknown else as_text(word)
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
        st.warning(as_text(notice), icon=":material/help:")
        st.markdown("The sentence as the model read it: " + marked_source(translation))
        first = {}
        for unknown in translation.unknown:
            first.setdefault(unknown.word, unknown)
        offered = [unknown for unknown in first.values() if unknown.suggestions] if page else []
        for index, unknown in enumerate(offered):
            columns = st.columns([2] + [1] * len(unknown.suggestions), vertical_alignment="center")
            columns[0].markdown(f"Instead of **{as_text(unknown.word)}**, try:")
            for column, suggestion in zip(columns[1:], unknown.suggestions):
                column.button(as_text(suggestion), key=f"{page}_{key}_suggest_{index}_{suggestion}", width="stretch",
                              on_click=_use_suggestion, args=(page, unknown.word, suggestion),
                              help=f"Replace {as_text(unknown.word)} with {as_text(suggestion)}, a word this model knows")
    if translation.copies:
        st.caption(COPY_LEGEND)
    if translation.uncopied:
        st.caption(as_text(translation.notices()[-1]))
    for notice in translation.number_notices():   # a number put where the model wrote another
        st.caption(as_text(notice))


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


def attention_ui(translation: Translation, title: str = "", key: str = "attention",
                 fit_after: int = charts.FIT_AFTER_COLUMNS) -> None:
    """The attention heatmap (with PNG, SVG and CSV downloads), or for encdec its single fixed
    context vector as a strip. Up to fit_after source words every word is labelled at a fixed
    cell size; a longer sentence's heatmap is fitted to the column, every row and column on the
    screen, labels thinned and every word in the tooltip (charts.attention_heatmap(fit=True))."""
    if translation.attention is None:
        st.markdown("**No attention weights:** this model squeezes the whole sentence into the encoder's "
                    "last state and hands the decoder that one vector at every step, whatever word it is "
                    "writing. Here it is, one cell per dimension:")
        chart(vega.recipe(charts.vector_strip, translation.decoded.steps[0].context,
                          title="the fixed context vector c", label="c"), f"{key}_vector")
        st.caption("Every English word is written from this same strip: a long sentence has to fit in it.")
        return
    fit = len(translation.source_tokens) > fit_after
    event = chart(vega.recipe(charts.attention_heatmap, translation.attention, translation.source_tokens,
                              translation.output_tokens, title=title, cell_size=word_step(), fit=fit, tap=True),
                  key, wide=True, fit=fit, csv=attention_csv(translation),
                  csv_name=f"dhyan_attention_{translation.model_name}.csv", select=charts.TAPPED_CELL)
    tapped = tapped_cell_caption(event)
    if tapped:
        st.caption(tapped)
    st.caption(POINT_AT_CELL + (" Long sentence: every word is drawn, some labels are left out to fit; each "
                                "cell's words are in its tooltip." if fit else "") +
               " Save: PNG, SVG or the weights as CSV.")



def tapped_cell_caption(event) -> str | None:
    """What the tooltip of the heatmap cell last clicked or tapped says, as one line of Markdown
    ("Tapped: writing *eating* (step 3), reading खा (word 3): weight 0.943"), the words escaped;
    None when no cell is selected or the selection is not one of charts.attention_heatmap's.

    event: the chart's event state, {"selection": {charts.TAPPED_CELL: [{field: value}, ...]}}
    (a point selection holds one dict of its fields per selected cell; the first is shown)."""
    try:
        cell = (event or {}).get("selection", {}).get(charts.TAPPED_CELL, [])[0]
        written, step = as_text(cell["target_token"]), int(cell["target_position"])
        read, word, weight = as_text(cell["source_token"]), int(cell["source_position"]), float(cell["weight"])
    except (AttributeError, IndexError, KeyError, TypeError, ValueError):
        return None
    return f"Tapped: writing *{written}* (step {step}), reading {read} (word {word}): weight {weight:.3f}"


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
