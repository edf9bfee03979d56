"""Long sentences: test-split scores per source-length bucket (Bahdanau et al. 2015, Fig. 2),
the table of every model's numbers, and the sentences behind them. Models trained on a corpus
file are scored on that file's test split, so they get their own group: numbers on different
sentences are never drawn on one chart."""
import streamlit as st

from app import model_registry, page, url_state, widgets
from app import charts, reports, transformer_ui
from core.nmt.held_out import GENERATED_TEST_SET
from core.nmt.model import TRANSFORMER_KIND

page.page_setup("Long sentences")
st.title("Long sentences")
st.markdown("A plain encoder–decoder squeezes the whole Hindi sentence into one vector, and long sentences "
            "do not fit. Bahdanau et al. (2015, Fig. 2) showed its BLEU falling as sentences grow while an "
            "attention model's holds up. Here is the same measurement on our test split.")

METRICS = {"BLEU": ("bleu", "BLEU"), "chrF": ("chrf", "chrF"), "exact match": ("exact_match", "exact match (%)")}


def not_evaluated_ui(waiting: list[str]) -> None:
    if waiting:
        st.info("Not evaluated yet, so not shown: " + ", ".join(f"**{name}**" for name in waiting)
                + ". Run `python -m core.evaluate --model NAME --save` to add a shipped model.", icon=":material/hourglass_top:")


def bucket_chart_ui(evaluations: dict[str, dict]) -> None:
    st.header("Score by sentence length")
    metric = st.radio("Score", list(METRICS), horizontal=True, key="long_metric")
    column, axis_title = METRICS[metric]
    buckets = reports.bucket_frame(evaluations)
    widgets.chart(charts.bucket_metric_chart(buckets, column, axis_title,
                                        title=f"{metric} per source-length bucket (test split)"), "long_buckets")
    st.caption("**What to look for.** Follow each line from short sentences on the left to long ones on the "
               "right. The encoder–decoder (red) falls: its one fixed vector forgets the start of a long "
               "sentence. The attention models stay high, because at every word they look back at the "
               "source. Hover (or tap) a point to see how many test sentences it averages."
               + (" The transformer has no recurrence at all: every layer reads the whole sentence at once, "
                  "so nothing has to be carried from its start to its end."
                  if any(e.get("kind") == TRANSFORMER_KIND for e in evaluations.values()) else ""))


def test_set_groups(evaluations: dict[str, dict]) -> dict[str, dict[str, dict]]:
    """test set -> {model: eval.json} (the generated corpus's test split first)."""
    groups: dict[str, dict[str, dict]] = {}
    for name, evaluation in evaluations.items():
        # eval.json files written before "test_set" existed are all on the generated corpus's test split
        groups.setdefault(evaluation.get("test_set") or GENERATED_TEST_SET, {})[name] = evaluation
    return dict(sorted(groups.items(), key=lambda item: item[0] != GENERATED_TEST_SET))


def test_set_ui(evaluations: dict[str, dict]) -> dict[str, dict]:
    """The models scored on one test set: the one chosen here when there are several."""
    groups = test_set_groups(evaluations)
    if len(groups) == 1:
        return next(iter(groups.values()))
    chosen = st.radio("Test sentences", list(groups), key="long_test_set",
                      format_func=lambda test_set: f"{test_set} ({len(groups[test_set])} "
                                                   f"model{'s' if len(groups[test_set]) != 1 else ''})")
    st.caption("Models trained on a corpus file are scored on that file's own test split, held out when they "
               "were trained; scores on different sentences are not comparable, so each set is shown alone.")
    return groups[chosen]


def summary_frame(evaluations: dict[str, dict]):
    """reports.summary_frame, and for a test set of real sentences the share of English words whose
    highest attention weight falls on a punctuation mark or <eos> (attention that looks at no word)."""
    frame = reports.summary_frame(evaluations)
    marks = [evaluation.get("attention_on_marks") for evaluation in evaluations.values()]
    if any(value is not None for value in marks) and not any(e.get("aer") is not None for e in evaluations.values()):
        frame.insert(frame.columns.get_loc("AER"), "attention on marks %",
                     [None if value is None else 100 * value for value in marks])
        frame = frame.drop(columns=["AER"])
    return frame


def summary_ui(evaluations: dict[str, dict]) -> None:
    st.header("All numbers")
    # as text: "—" for a number a model does not have (AER of the plain encoder-decoder), thousands separated
    shown = reports.readable_table(summary_frame(evaluations), {
        "BLEU": 1, "chrF": 1, "exact match %": 1, "attention on marks %": 1, "AER": 3, "parameters": 0,
        "training time (min)": 1, "test sentences": 0})
    st.dataframe(shown, hide_index=True, width="stretch", column_config={
        "attention on marks %": st.column_config.TextColumn(
            help="share of the reference's English words whose highest attention weight, with "
                 "the reference fed to the decoder, falls on a punctuation mark or the end marker: "
                 "attention that looks at no word (lower is better; attention models only)"),
        "AER": st.column_config.TextColumn(help="alignment error rate against the gold alignments: 0 is perfect; "
                                                "only for learned attention")})
    st.caption("**What to look for.** BLEU and chrF (0–100) score the whole test split; AER (lower is better) "
               "asks whether the word a model looks at most is the word the grammar says it translates. The "
               "five RNN models have nearly the same number of parameters: the difference is how they are wired.")
    signatures = sorted({(e.get("bleu_signature"), e.get("chrf_signature")) for e in evaluations.values()})
    for bleu_signature, chrf_signature in signatures:
        st.code(f"BLEU: {bleu_signature}\nchrF: {chrf_signature}", language=None)
    st.caption("sacrebleu signatures: with them anyone can reproduce these scores exactly.")


def head_alignment_ui(evaluations: dict[str, dict]) -> None:
    """For each transformer: AER of every layer's every head and of each layer's heads averaged,
    the best head named, beside the RNN attention models' one AER."""
    with_heads = {name: e["aer_heads"] for name, e in evaluations.items() if (e.get("aer_heads") or {}).get("heads")}
    if not with_heads:
        return
    st.header("Which transformer head aligns")
    st.markdown("A transformer has a cross-attention in every decoder layer, each with several heads, so "
                "it has one AER per head. The **AER** column above is its last layer's heads averaged "
                "(what its heatmaps draw); here is every head, and the one that aligns best.")
    single = {name: e["aer"] for name, e in evaluations.items()
              if e.get("aer") is not None and name not in with_heads}
    for name, rates in with_heads.items():
        st.subheader(name)
        transformer_ui.head_aer_ui(rates, f"long_heads_{name}")
        best, average = rates["best"], rates["layer_average"][-1]
        against = ", ".join(f"{other} {aer:.3f}" for other, aer in single.items())
        mix = ("better than any one head: each head is partly right, and their mix is right more often"
               if average < best["aer"] else "worse than its best head: the average blurs the head that aligns")
        st.caption(f"Its last layer's heads averaged: AER {average:.3f}, {mix}."
                   + (f" The RNN attention models: {against}." if against else ""))


def side_by_side_ui(evaluations: dict[str, dict]) -> None:
    st.header("The sentences of one length bucket")
    names = list(evaluations)
    labels = [label for label in reports.BUCKET_ORDER
              if any(label in e.get("buckets", {}) for e in evaluations.values())]
    url_state.choice_from_url("long_bucket", "bucket", labels, labels[-1])
    bucket = st.radio("Source length (Hindi words)", labels, horizontal=True, key="long_bucket")
    first_column, second_column = st.columns(2)
    defaults = [n for n in ("encdec", "additive") if n in names] or names[:2]
    first = first_column.selectbox("Model", names, index=names.index(defaults[0]), key="long_model_a")
    second = second_column.selectbox("against", names, index=names.index(defaults[-1]), key="long_model_b")
    url_state.share_in_url(bucket=bucket)
    rows = reports.side_by_side(evaluations, bucket, first, second)
    if rows.empty:
        st.info(f"No test sentences of {bucket} words were evaluated for both models.")
    else:
        side_by_side_rows_ui(rows, first, second)
    st.caption("**What to look for.** Read the long sentences: where the encoder–decoder drops a clause, "
               "repeats itself or invents a name, the attention model usually keeps every part in order.")


SENTENCES_SHOWN = 30   # side by side: the first sentences of the bucket; the CSV has them all


def side_by_side_rows_ui(rows, first: str, second: str) -> None:
    """Each sentence as a short block of lines that wrap (a table's columns would push the
    translations off a phone's screen), in a box that scrolls."""
    models = list(dict.fromkeys([first, second]))
    with st.container(height=520, key="long_side_by_side"):
        for number, values in enumerate(rows.head(SENTENCES_SHOWN).to_dict("records"), start=1):
            lines = [f"**{number}.** {values['source']}", f"*reference:* {values['reference']}"]
            lines += [f"**{model}** (BLEU {values[f'BLEU {model}']:.0f}): {values[model]}" for model in models]
            st.markdown("  \n".join(lines))
    shown = min(len(rows), SENTENCES_SHOWN)
    st.caption(f"{shown} of {len(rows):,} sentences of this bucket; all of them in the CSV below.")
    st.download_button("Download this bucket's sentences as CSV", rows.to_csv(index=False).encode("utf-8"),
                       file_name="dhyan_side_by_side.csv", mime="text/csv", key="long_side_download",
                       on_click="ignore", icon=":material/table:")


def sentences_ui(evaluations: dict[str, dict]) -> None:
    st.header("Every test sentence")
    frame = reports.sentences_frame(evaluations)
    bucket_column, model_column, exact_column = st.columns([2, 2, 1])
    buckets = bucket_column.multiselect("Buckets", [b for b in reports.BUCKET_ORDER if b in set(frame["bucket"])],
                                        key="long_filter_buckets", placeholder="all buckets")
    models = model_column.multiselect("Models", list(evaluations), key="long_filter_models", placeholder="all models")
    exact = exact_column.radio("Translation", ["all", "exact", "not exact"], key="long_filter_exact")
    shown = reports.filter_sentences(frame, buckets, models, exact)
    st.caption(f"{len(shown):,} of {len(frame):,} rows")
    # the translation first and rows tall enough for three lines: cells wrap instead of cutting
    st.dataframe(shown, hide_index=True, width="stretch", row_height=72,
                 column_order=["model", "translation", "reference", "source", "sentence_bleu", "exact", "bucket",
                               "length"],
                 column_config={"sentence_bleu": st.column_config.NumberColumn("BLEU", format="%.1f"),
                                "translation": st.column_config.TextColumn(width="medium"),
                                "reference": st.column_config.TextColumn(width="medium"),
                                "source": st.column_config.TextColumn(width="medium")})
    st.download_button("Download these rows as CSV", shown.to_csv(index=False).encode("utf-8"),
                       file_name="dhyan_test_sentences.csv", mime="text/csv", key="long_download")


evaluations, waiting = model_registry.model_evaluations()
not_evaluated_ui(waiting)
if not evaluations:
    st.warning("No model has been evaluated yet, so there are no scores to show. The evaluation writes "
               "eval.json next to each checkpoint: `python -m core.evaluate --model additive --save`.", icon=":material/hourglass_top:")
    st.stop()
evaluations = test_set_ui(evaluations)
bucket_chart_ui(evaluations)
summary_ui(evaluations)
head_alignment_ui(evaluations)
side_by_side_ui(evaluations)
sentences_ui(evaluations)

page.finish_page()   # the Share menu, with the link of what the page now shows (streamlit_app.py: after a stop)
