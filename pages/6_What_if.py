"""What if: change one thing about a decoding and watch the translation answer."""
import math

import streamlit as st

from app import model_registry, page, translation_cache, url_state, widgets
from app import charts, transformer_ui, whatif
from core.nmt.translate import InputError
from core.safe_text import as_text

page.page_setup("What if")
st.title("What if…")
st.markdown("A translation is a chain of choices. Change one link — a word, where the model looked, what "
            "it was fed — and decode again from there to see what depended on it.")

translators = model_registry.translators_or_stop("experiment with")

names = list(translators)
url_state.choice_from_url("whatif_model", "model", names, "additive" if "additive" in names else names[0])
name = st.radio("Model", names, key="whatif_model", horizontal=True, format_func=model_registry.model_label)
translator = translators[name]
url_state.share_in_url(model=name)
text = widgets.sentence_ui("whatif", model_registry.test_pairs(translator))
translations = widgets.translations_ui({name: translator}, text)
if not translations:
    st.stop()
original = translations[name]  # greedy
if not all(math.isfinite(p) for p in original.token_probabilities):
    st.warning(f"**{name}** produced no usable translation: its word probabilities are not numbers (NaN), "
               "so its weights are damaged and there is nothing to experiment with. Pick another model, and "
               "retrain or replace this one.", icon=":material/warning:")
    st.stop()
widgets.translation_ui(original, "whatif", key=name)
words = translator.target_vocab.tokens
has_attention = original.attention is not None


BEAM_NODES_DRAWN = 400   # a chart draws these in a moment (Graphviz laid out 60 slowly); the rest are summed up


def step_options(tokens: list[str]) -> list[str]:
    """'step 1 · I', 'step 2 · am', ...: distinct (numbered), one per written word."""
    return [f"step {t + 1} · {token}" for t, token in enumerate(tokens)]


def source_label(tokens: list[str]):
    return lambda j: f"{j + 1} {tokens[j]}"


beam_tab, edit_tab, exposure_tab, quiz_tab = st.tabs(
    # short labels: on a 390 px phone the fourth tab ("Predict, then reveal") was off the strip's edge
    [":material/account_tree: Beam tree", ":material/edit: Edit", ":material/school: Forcing",
     ":material/ads_click: Predict"])

# ------------------------------------------------------------------ beam search tree and forced words

with beam_tab:
    st.markdown("Beam search keeps the *k* most probable partial translations at every step. Each word in the "
                "tree is one hypothesis extended by one word, with the **total log-probability** of its path "
                "(closer to 0 is more probable). The winning path is **bold and blue**; a hypothesis that "
                "ends writes `<eos>`.")
    beam_size = st.slider("Beam size k", 2, 8, 3, key="whatif_beam")
    context = [name, text, beam_size]
    if st.session_state.get("whatif_prefix_for") != context:  # a new sentence, model or k: nothing forced
        st.session_state.whatif_prefix_for = context
        st.session_state.whatif_prefix = []
    prefix = st.session_state.whatif_prefix
    searched = current = translation_cache.translate(translator, text, beam_size)
    if prefix:
        try:
            current = translation_cache.translate_what_if(translator, text, beam_size, prefix=prefix)
        except InputError as error:  # e.g. an <unk> written before the chosen step cannot be forced
            st.info(f"These words cannot be forced: {as_text(error)}", icon=":material/edit_note:")
            prefix = st.session_state.whatif_prefix = []
    st.markdown(f"**Beam search {searched.label.lower()}:** {widgets.marked_output(searched)}")
    if searched.target_tokens == original.target_tokens:
        st.caption(f"Beam search with k = {beam_size} writes the same words as greedy search: the most probable "
                   "word at each step also led to the most probable whole translation.")
    else:
        st.caption(f"Greedy search writes: {widgets.marked_output(original)}. Beam search with k = {beam_size} "
                   "found a more probable whole translation.")
    if prefix:
        st.markdown(f"**Forced words:** {as_text(' '.join(prefix))}")
        st.markdown(f"**Forced {current.label.lower()}:** {widgets.marked_output(current)}")
        st.markdown("**Change:** " + whatif.diff_markdown(whatif.word_diff(searched.target_tokens,
                                                                          current.target_tokens)))
    tree = current.beam_tree or []
    drawn = whatif.drawn_nodes(tree, limit=BEAM_NODES_DRAWN)
    # a chart with a fixed space per step: a 40-word search is a wide chart to scroll, its text full size
    widgets.chart(charts.beam_tree_chart(drawn, words, title="beam search tree"), "whatif_beam_tree", wide=True)
    hypotheses = len(tree) - 1
    st.caption(f"{hypotheses} hypotheses explored" + (f"; the first {len(drawn) - 1} (and the winning path) drawn."
                                                      if len(drawn) < len(tree) else "."))

    st.markdown("**Choose another word** at any step: the words before it are kept, the chosen word is forced, "
                "and the search continues from there.")
    # the labels are the options themselves: a new translation brings new options, so the picker
    # can never keep showing a word of the last one ("step 1 · I" after it became "We ...")
    step_labels = step_options(current.output_tokens)
    step_column, word_column, button_column = st.columns([2, 2, 1], vertical_alignment="bottom")
    force_step = step_labels.index(step_column.selectbox("At step", step_labels, key="whatif_force_step"))
    choices = whatif.alternatives_at(current.alternatives, current.output_tokens, force_step)
    probability = dict(choices)
    force_word = word_column.selectbox("write instead", [word for word, _ in choices],
                                       format_func=lambda w: f"{w} (p = {probability[w]:.3f})",
                                       key="whatif_force_word", placeholder="no other word in the top 5")

    def force(step: int, word: str, written: list[str]) -> None:
        st.session_state.whatif_prefix = whatif.forced_prefix(written, step, word)

    button_column.button("Force and re-decode", key="whatif_force", type="primary", width="stretch",
                         disabled=force_word is None, on_click=force,
                         args=(force_step, force_word, list(current.output_tokens)))
    if prefix:
        st.button("Clear the forced words", key="whatif_clear", on_click=lambda: st.session_state.update(
            whatif_prefix=[]))
    st.caption("The top 5 words at each step are those of the winning path; a forced word the model found "
               "unlikely drags the whole path's score down, so watch the numbers in the boxes.")

# ------------------------------------------------------------------ editing the attention at one step

with edit_tab:
    if not has_attention:
        st.info(f"**{name}** has no attention weights to edit: it hands the decoder the same vector at every "
                "step. Pick an attention model above.", icon=":material/info:")
    else:
        st.markdown("Pick a step, change where the model looks at that step, and decode again from there "
                    "(greedy). The words before the step stay; everything after it may change.")
        if transformer_ui.is_transformer(translator):
            st.info(transformer_ui.EDITED_ATTENTION, icon=":material/layers:")
        source_tokens = original.source_tokens
        target_tokens = original.output_tokens
        edit_labels = step_options(target_tokens)
        edit_step = edit_labels.index(st.selectbox("Step to edit", edit_labels, key="whatif_edit_step"))
        row = original.decoded.steps[edit_step].weights.tolist()
        focus = whatif.argmax(row)
        edit = st.radio("Edit", whatif.EDITS, key="whatif_edit_kind", horizontal=True)
        positions = list(range(len(source_tokens)))
        source_index, target_index, fraction = focus, focus, 1.0
        if edit == "move weight":
            from_column, to_column, fraction_column = st.columns(3)
            source_index = from_column.selectbox("from word", positions, index=focus,
                                                 format_func=source_label(source_tokens), key="whatif_edit_from")
            target_index = to_column.selectbox("to word", positions, index=(focus + 1) % len(positions),
                                               format_func=source_label(source_tokens), key="whatif_edit_to")
            fraction = fraction_column.slider("fraction of its weight moved", 0.0, 1.0, 1.0, 0.05,
                                              key="whatif_edit_fraction")
        elif edit == "zero a word":
            source_index = st.selectbox("word to ignore (the others are scaled up to sum to 1)", positions,
                                        index=focus, format_func=source_label(source_tokens), key="whatif_edit_zero")
        new_row = whatif.edited_row(edit, row, edit_step, len(target_tokens), source_index, target_index, fraction)
        st.session_state.whatif_edited_row = new_row
        edited = translation_cache.translate_what_if(translator, text, 1, override={edit_step: new_row})

        table_column, bars_column = st.columns([2, 3])
        table_column.dataframe({"position": [j + 1 for j in positions], "word": source_tokens,
                                "original α": row, "edited α": new_row}, hide_index=True, key="whatif_edit_table",
                               column_config={"original α": st.column_config.NumberColumn(format="%.3f"),
                                              "edited α": st.column_config.NumberColumn(format="%.3f")})
        with bars_column:
            widgets.chart(charts.source_bar_chart(new_row, source_tokens, "weight α", is_weight=True,
                                             title=f"edited weights at step {edit_step + 1}"), "whatif_edited_bars",
                     wide=True)
        pieces = whatif.word_diff(original.target_tokens, edited.target_tokens)
        st.markdown(f"**Original {original.label.lower()}:** {widgets.marked_output(original)}")
        st.markdown(f"**Edited {edited.label.lower()}:** {widgets.marked_output(edited)}")
        st.markdown("**Change:** " + whatif.diff_markdown(pieces))
        st.caption(whatif.diff_summary(pieces) + " Red struck-through words are gone; green bold words are new.")
        # side by side on a projector too (stacked they were ~3,000 px apart): each heatmap fits its half
        before_column, after_column = st.columns(2, gap="medium")
        with before_column:
            widgets.attention_ui(original, title="original attention", key="whatif_original", fit_after=6)
        with after_column:
            widgets.attention_ui(edited, title=f"edited at step {edit_step + 1}", key="whatif_edited", fit_after=6)
        before_column, after_column = st.columns(2, gap="medium")
        with before_column:
            widgets.attention_summary_ui(original, key="whatif_original_summary")
        with after_column:
            widgets.attention_summary_ui(edited, key="whatif_edited_summary")

# ------------------------------------------------------------------ teacher forcing against free running

with exposure_tab:
    st.markdown("In training the decoder is always fed the **reference** words (teacher forcing), so it never "
                "sees its own mistakes. Translating, it is fed **its own** words: after one wrong word it "
                "continues a sentence unlike any it was trained on, and one early mistake can compound.")
    if st.session_state.get("whatif_reference_for") != text:  # a reference typed for another sentence goes
        st.session_state.whatif_reference_for = text
        st.session_state.whatif_reference = ""
    found = model_registry.reference_for(translator, text)
    typed = st.text_input("Reference translation (English)", key="whatif_reference",
                          placeholder=found or "Type the correct English translation, e.g. I am eating")
    reference = typed.strip() or found
    if not reference:
        st.info("Teacher forcing needs the correct translation of this sentence, and this sentence is not in the "
                "model's test split. Type a reference above (for example one that differs from the model's "
                "output) to see both decodings.", icon=":material/edit_note:")
    else:
        if not typed.strip():
            st.caption(f"Reference from the test split: {found}")
        result = whatif.exposure(translator, text, reference, free_running=original)
        if result.unknown_reference_words:
            st.warning("The model cannot write these reference words, so it is fed `<unk>` for them: "
                       + ", ".join(result.unknown_reference_words), icon=":material/help:")
        target = result.reference + ["<eos>"]
        teacher_column, free_column = st.columns(2)
        with teacher_column:
            st.subheader("Teacher forcing")
            st.caption("fed the reference so far; its best guess at each next word")
            st.markdown("**Teacher-forced predictions:** " + whatif.marked_words(result.teacher_forced, target))
        with free_column:
            st.subheader("Free running")
            st.caption("fed its own words so far; what it writes")
            st.markdown("**Free-running output:** " + whatif.marked_words(result.free_running, target))
        st.markdown(result.reading())
        st.dataframe(result.rows(), hide_index=True, key="whatif_exposure_table")
        st.caption("Red words differ from the reference word in the same position. In the table, 'fed' is what "
                   "the decoder had read before that step.")

# ------------------------------------------------------------------ predict, then reveal

with quiz_tab:
    if not has_attention:
        st.info(f"**{name}** has no attention weights to guess. Pick an attention model above.", icon=":material/info:")
    else:
        source_tokens = original.source_tokens
        target_tokens = original.target_tokens or original.output_tokens  # the <eos> step is no word to guess
        if st.session_state.get("whatif_quiz_for") != [name, text]:  # new sentence or model: start over
            st.session_state.whatif_quiz_for = [name, text]
            st.session_state.whatif_quiz_step = 0
            st.session_state.whatif_quiz_results = {}
            st.session_state.whatif_quiz_guesses = {}
        quiz_step = min(st.session_state.whatif_quiz_step, len(target_tokens) - 1)
        results, guesses = st.session_state.whatif_quiz_results, st.session_state.whatif_quiz_guesses
        weights = original.decoded.steps[quiz_step].weights.tolist()

        def guess(step: int, index: int, row: list[float]) -> None:
            st.session_state.whatif_quiz_guesses[step] = index
            st.session_state.whatif_quiz_results[step] = whatif.guess_is_right(row, index)

        def next_step() -> None:
            st.session_state.whatif_quiz_step += 1

        def restart() -> None:
            st.session_state.whatif_quiz_step = 0
            st.session_state.whatif_quiz_results = {}
            st.session_state.whatif_quiz_guesses = {}

        correct, answered = whatif.quiz_score(results)
        progress, score = st.columns([3, 1])
        written = [f"**\\[{as_text(word)}\\]**" if t == quiz_step else as_text(word) for t, word in enumerate(target_tokens[:quiz_step + 1])]
        progress.markdown(f"### Step {quiz_step + 1} of {len(target_tokens)}: the model writes "
                          f"*{as_text(target_tokens[quiz_step])}*")
        progress.markdown("So far: " + " ".join(written))
        score.metric("Score", f"{correct}/{answered}")
        st.markdown("**Which Hindi word does it look at most to write this word?** Click it.")
        # big targets for a projector or a touch screen: the guess buttons only
        st.markdown("<style>div[class*='st-key-whatif_guess_'] button {min-height: 4.5rem;} "
                    "div[class*='st-key-whatif_guess_'] button p {font-size: 1.8rem;}</style>",
                    unsafe_allow_html=True)
        per_row = 6
        for start in range(0, len(source_tokens), per_row):
            for j, column in zip(range(start, min(start + per_row, len(source_tokens))), st.columns(per_row)):
                column.button(as_text(source_tokens[j]), key=f"whatif_guess_{j}", width="stretch",
                              type="primary" if guesses.get(quiz_step) == j else "secondary",
                              disabled=quiz_step in guesses, on_click=guess, args=(quiz_step, j, weights))
        if quiz_step in guesses:
            picked, best = guesses[quiz_step], whatif.argmax(weights)
            if results[quiz_step]:
                st.success(f"Right: the model put the most weight on **{as_text(source_tokens[best])}** "
                           f"(α = {weights[best]:.2f}).", icon=":material/check_circle:")
            else:
                st.error(f"You picked **{as_text(source_tokens[picked])}** (α = {weights[picked]:.2f}); the model looked "
                         f"most at **{as_text(source_tokens[best])}** (α = {weights[best]:.2f}).", icon=":material/search:")
            widgets.chart(charts.source_bar_chart(weights, source_tokens, "weight α", is_weight=True,
                                             title=f"the real weights at step {quiz_step + 1}"), "whatif_quiz_weights",
                     wide=True)
        else:
            st.caption("The weights appear once you have guessed.")
        next_column, restart_column, _ = st.columns([1, 1, 3])
        last = quiz_step >= len(target_tokens) - 1
        next_column.button("Next step", icon=":material/chevron_right:", icon_position="right", key="whatif_quiz_next", type="primary", width="stretch",
                           disabled=quiz_step not in guesses or last, on_click=next_step)
        restart_column.button("Restart", icon=":material/restart_alt:", key="whatif_quiz_restart", width="stretch", on_click=restart)
        if last and quiz_step in guesses:
            st.markdown(f"**Done:** {correct} of {answered} guesses matched the model's strongest weight.")

page.finish_page()   # the Share menu, with the link of what the page now shows (streamlit_app.py: after a stop)
