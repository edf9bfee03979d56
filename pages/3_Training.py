"""Training: the shipped models' curves, attention emerging epoch by epoch, and a new model
trained from the browser (in a background job, app.jobs)."""
import time
from dataclasses import fields
from pathlib import Path

import streamlit as st

from app import model_registry, owner_session, page, url_state, widgets
from app import charts, reports, transformer_ui
from app import transformer_views as views
from app import jobs as training_jobs
from core import owners
from core.language.user_corpus import CorpusFileError
from core.nmt.model import TRAINABLE_KINDS, TRANSFORMER_KIND
from core.nmt.checkpoint import EPOCHS_COUNTED_FROM
from core.nmt.probes import attention_focus
from core.language.classroom_subset import SEED_SENTENCE
from core.safe_text import as_text

page.page_setup("Training")
st.title("Training")
st.markdown("How the five models learned: the loss falling step by step, the validation scores after "
            "every epoch, and attention finding the alignment. Then train a small model of your own.")


def curves_ui(histories: dict[str, dict]) -> None:
    st.header("Training curves")
    names = list(histories)
    shipped = [name for name in names if "/" not in name]   # a user's model is offered, never drawn unasked
    chosen = st.multiselect("Models", names, default=shipped or names, key="training_models")
    smoothing_column, log_column = st.columns([3, 1], vertical_alignment="bottom")
    smoothing = smoothing_column.slider("Smoothing (exponential moving average)", 0.0, 0.99, 0.6, 0.01,
                                        key="training_smoothing",
                                        help="0 shows the raw loss of every batch; higher values average more.")
    log_scale = log_column.toggle("Log-scale loss", key="training_log")
    chosen_histories = {name: histories[name] for name in chosen}
    steps = reports.step_loss_frame(chosen_histories, smoothing)
    if steps.empty:
        st.info("Choose at least one model with recorded training steps.", icon=":material/touch_app:")
        return
    widgets.chart(charts.step_loss_chart(steps, log_scale, title="training loss per step"), "training_loss")
    st.caption("**What to look for.** Every model starts near the loss of guessing (the log of the English "
               "vocabulary size) and falls fast in the first few hundred steps. The attention models fall "
               "lower: looking back at the source makes each next word easier to predict. The faint lines "
               "are single batches; the log scale spreads out the late, small gains.")
    epochs = reports.epoch_frame(chosen_histories)
    if epochs.empty:
        return
    loss_column, bleu_column = st.columns(2)
    with loss_column:
        widgets.chart(charts.epoch_metric_chart(epochs, "validation_loss", "validation loss",
                                           title="validation loss per epoch"), "training_validation_loss")
    with bleu_column:
        widgets.chart(charts.epoch_metric_chart(epochs, "validation_bleu", "validation BLEU",
                                           title="validation BLEU per epoch"), "training_validation_bleu")
    st.caption("**What to look for.** Validation sentences are never trained on, so these curves show what "
               "the model learned rather than memorised. When validation loss stops falling while training "
               "loss keeps going down, the model has begun to overfit; training keeps the epoch with the "
               "best validation BLEU.")


def probe_ui(histories: dict[str, dict]) -> None:
    st.header("Watch alignment emerge")
    probed = {name: history for name, history in histories.items() if reports.probe_points(history)}
    if not probed:
        st.info("No model recorded attention during training (the plain encoder–decoder has none).")
        return
    names = list(probed)
    url_state.choice_from_url("training_probe_model", "probe_model", names, "additive" if "additive" in names else names[0])
    model_column, sentence_column = st.columns(2)
    model = model_column.selectbox("Model", names, key="training_probe_model", format_func=model_registry.model_label)
    history = probed[model]
    sentences = reports.probe_sentences(history)
    sentence = sentence_column.selectbox("Probe sentence (a validation sentence, the same every epoch)",
                                         range(len(sentences)), key="training_probe_sentence",
                                         format_func=lambda i: " ".join(sentences[i]))
    points = reports.probe_points(history)
    url_state.choice_from_url("training_epoch", "epoch", points, points[-1], parse=reports.probe_point_from_url)
    point = st.select_slider("Moment in training", points, key="training_epoch")
    url_state.share_in_url(probe_model=model, epoch=point)
    layer, head, which = probe_head_ui(history)
    shown = reports.probe_attention(history, point, sentence, layer, head)
    st.markdown(f"**{reports.probe_heading(point, history)}**")
    if shown is None or not shown[0]:
        st.info(f"At {point} {as_text(model)} wrote nothing for this sentence yet, so there is no attention to show.")
    else:
        weights, source, target = shown
        st.markdown(f"**{as_text(model)} wrote:** {as_text(' '.join(t for t in target if t != '<eos>') or '(nothing)')}")
        widgets.chart(charts.attention_heatmap(weights, source, target, cell_size=widgets.word_step(),
                                          title=f"{model}, {point}{which}: rows written, columns read"),
                 "training_probe", wide=True)
    st.caption(probe_caption(points))


def probe_head_ui(history: dict) -> tuple[int | None, int | None, str]:
    """For a transformer that recorded every head: a layer and head picker (the last layer's heads
    averaged unless another is picked). Returns (layer from 0 or None, head from 0 or None for the
    average, the choice in words for the title)."""
    sizes = reports.probe_heads(history)
    if sizes is None:
        return None, None, ""
    layer, head = transformer_ui.layer_head_ui("training_probe", *sizes, share=False)
    st.caption("A transformer's cross-attention, one layer and head at a time: watch one head find its words "
               "while another keeps looking at the end, or at a neighbour.")
    return layer - 1, None if head == views.AVERAGE else int(head) - 1, f", layer {layer}, {transformer_ui.head_label(head)}"


def probe_caption(points: list[str]) -> str:
    """What to look for, true to the moments this history recorded: runs trained before the
    probes started at 'before training' only have the end of each epoch, when attention is
    already sharp."""
    path = ("a dark path joins each English word to the Hindi word it translates, and because Hindi puts the "
            "verb last, the path is not a straight diagonal. The uniform model never forms one: its weights "
            "are equal by construction.")
    if points and points[0] == "before training":   # the label core.nmt.probes gives the first probe
        return ("**What to look for.** Move the slider from left to right. Before training the weights are "
                "spread out: the model has not yet learned where to look. Within the first epoch they gather, "
                "and epoch by epoch " + path)
    return ("**What to look for.** This model recorded its attention only at the end of each epoch, so the "
            "slider starts at epoch 1, when attention has already found its place: " + path + " (A model "
            "trained now, here or with `python -m core.train`, also records it before training and during the "
            "first epoch, where the weights start out spread.)")


# ------------------------------------------------------------------ training your own


SETTING_KEYS = ("train_model", "train_corpus", "train_name", "train_pairs", "train_epochs", "train_hidden",
                "train_overwrite", "train_recipe", "train_probe", "train_layers", "train_heads")


def keep_settings() -> None:
    """The settings survive a run: while it trains the form is not drawn, and Streamlit forgets
    the value of a widget it did not draw; a value set through session_state it keeps."""
    defaults = {setting.name: setting.default for setting in fields(training_jobs.JobSettings)}
    initial = {"train_model": defaults["model"], "train_corpus": defaults["corpus"], "train_name": "my_model",
               "train_pairs": defaults["pairs"], "train_epochs": defaults["epochs"],
               "train_hidden": defaults["hidden_size"], "train_overwrite": False, "train_recipe": True,
               "train_probe": "", "train_layers": defaults["layers"], "train_heads": defaults["heads"]}
    for key in SETTING_KEYS:
        st.session_state[key] = st.session_state.get(key, initial[key])


CORPUS_LABELS = {training_jobs.CLASSROOM: "classroom (short generated sentences: aligns in about a minute)",
                 training_jobs.GENERATED: "generated (our grammar, every length: slower)",
                 training_jobs.CONVERSATIONAL: "conversational (more everyday talk: slower)"}


def corpus_label(corpus: str) -> str:
    return CORPUS_LABELS.get(corpus, f"uploaded: {corpus}")


def train_settings_ui() -> training_jobs.JobSettings:
    limits = training_jobs.LIMITS
    keep_settings()
    kind_column, corpus_column, name_column = st.columns(3)
    kind = kind_column.selectbox("Model type", TRAINABLE_KINDS, key="train_model", format_func=model_registry.model_label)
    corpora = [*training_jobs.BUILT_IN, *owners.list_saved_corpora(owner_session.data_dir(), owner_session.session_owner())]   # this browser's
    if st.session_state["train_corpus"] not in corpora:   # a corpus deleted since
        st.session_state["train_corpus"] = training_jobs.CLASSROOM
    corpus = corpus_column.selectbox("Corpus", corpora, key="train_corpus", format_func=corpus_label,
                                     help="Upload a corpus of your own on the Data page (it is listed in that "
                                          "browser only).")
    name = name_column.text_input("Name for the new model", key="train_name", max_chars=40,
                                  help="Letters, digits, '_' and '-'. It appears as mine/<name> on the other pages, "
                                       "in this browser only, until you share it.")
    pairs_column, epochs_column, hidden_column = st.columns(3)
    pairs = pairs_column.slider("Training pairs", limits.min_pairs, limits.max_pairs, step=100,
                                key="train_pairs", help="For an uploaded corpus: at most this many of its pairs.")
    epochs = epochs_column.slider("Epochs", 1, limits.max_epochs, key="train_epochs")
    hidden_sizes = [h for h in training_jobs.HIDDEN_SIZES if h <= limits.max_hidden]
    transformer = kind == TRANSFORMER_KIND
    hidden = hidden_column.select_slider("Model size d" if transformer else "Hidden size", hidden_sizes,
                                         key="train_hidden",
                                         help="The width of every word's vector in every layer; the feed-forward "
                                              "inside each layer is 4d." if transformer else None)
    layers, heads = transformer_sizes_ui(hidden) if transformer else (st.session_state["train_layers"],
                                                                       st.session_state["train_heads"])
    recipe = corpus not in training_jobs.BUILT_IN and st.toggle(
        "Train with the recipe for real corpora", key="train_recipe",
        help="The corpus's size chooses the model's sizes and epochs; the epochs and hidden size above are then "
             "not used. Off: your epochs and hidden size (subwords and mixed-in generated pairs stay on).")
    probe = probe_sentence_ui(corpus)
    overwrite = st.checkbox("If one of my models has this name, replace it", key="train_overwrite")
    st.caption(f"Limits on this shared server: {limits.describe()}. Larger runs: `python -m core.train` "
               "on your own machine.")
    settings = training_jobs.JobSettings(name=name.strip(), model=kind, corpus=corpus, pairs=pairs, epochs=epochs,
                                         hidden_size=hidden, overwrite=overwrite, owner=owner_session.session_owner(),
                                         recipe=recipe, probe=probe, layers=layers, heads=heads)
    if corpus not in training_jobs.BUILT_IN:
        duration_ui(settings)
    return settings


def transformer_sizes_ui(model_size: int) -> tuple[int, int]:
    """A transformer's layers (each stack) and heads (those that split the model size evenly)."""
    layers_column, heads_column = st.columns(2)
    layers = layers_column.select_slider("Layers (encoder and decoder, each)", training_jobs.TRANSFORMER_LAYERS,
                                         key="train_layers", help="2 + 2 is the shipped transformer's size.")
    heads_allowed = [h for h in training_jobs.TRANSFORMER_HEADS if model_size % h == 0]
    if st.session_state["train_heads"] not in heads_allowed:
        st.session_state["train_heads"] = heads_allowed[-1]
    heads = heads_column.select_slider("Attention heads per layer", heads_allowed, key="train_heads",
                                       help=f"Each head works in d / heads = {model_size} / heads numbers, with "
                                            "its own W_Q, W_K, W_V.")
    st.caption(f"A transformer of {layers} + {layers} layers, {heads} heads of {model_size // heads} numbers each. "
               "Its learning rate warms up over the first epoch (at most 600 updates), then decays; the "
               "Self-attention page shows every head of it once it is trained.")
    return layers, heads


def probe_sentence_ui(corpus: str) -> str:
    """The Hindi sentence whose attention is redrawn while the run trains ('' = the usual one)."""
    usual = (f"empty: {SEED_SENTENCE}" if corpus in training_jobs.BUILT_IN
             else "empty: the first sentence of your corpus's test split")
    return st.text_input("Sentence to watch while it learns (Hindi)", key="train_probe",
                         max_chars=training_jobs.MAX_PROBE_CHARACTERS, placeholder=usual,
                         help="Its attention heatmap is redrawn every few seconds during the run. Words the "
                              "corpus never uses show as <unk>.")


@st.cache_data(show_spinner="Timing a few training steps to say how long this run will take…", max_entries=32)
def run_estimate(what: tuple, data_dir: str, corpus_modified: float) -> dict | str:
    """training_jobs.estimate for (model, corpus, pairs, epochs, hidden size, recipe, owner), or why there
    is none; once per such settings and corpus version (not again for every letter of the name). The
    owner is part of the key: two browsers' corpora of one name are different corpora."""
    model, corpus, pairs, epochs, hidden, recipe, owner, layers, heads = what
    settings = training_jobs.JobSettings(name="estimate", model=model, corpus=corpus, pairs=pairs, epochs=epochs,
                                         hidden_size=hidden, recipe=recipe, owner=owner, layers=layers, heads=heads)
    try:
        return training_jobs.estimate(settings, data_dir)
    except (CorpusFileError, ValueError) as error:
        return str(error)


def duration_ui(settings: training_jobs.JobSettings) -> None:
    """Before a run on an uploaded corpus starts: what the recipe chose and how long it will take."""
    path = training_jobs.corpus_path(settings, owner_session.data_dir())
    what = (settings.model, settings.corpus, settings.pairs, settings.epochs, settings.hidden_size, settings.recipe,
            settings.owner, settings.layers, settings.heads)
    estimate = run_estimate(what, str(owner_session.data_dir()), model_registry.modified_time(Path(path)))
    if isinstance(estimate, str):
        st.warning(f"This corpus cannot be trained on: {as_text(estimate)}", icon=":material/warning:")
        return
    chosen = estimate["settings"]
    recipe = (f"The recipe chose hidden size {chosen['hidden_size']}, {chosen['subwords']:,} subword pieces per "
              f"language, {chosen['mix_generated']:,} generated pairs mixed in and label smoothing "
              f"{chosen['label_smoothing']:g}. " if settings.recipe else "")
    st.info(f"{recipe}How long: {reports.duration(estimate['epoch'])} an epoch on this server, so at most "
            f"{reports.duration(estimate['at_most'])} for {estimate['epochs']} epoch{'s' if estimate['epochs'] != 1 else ''}; early "
            "stopping usually ends the run sooner (timed from a few training steps just now).",
            icon=":material/timer:")
    limit = training_jobs.LIMITS.max_seconds
    if estimate["at_most"] > limit:
        st.caption(f"A run longer than {limit / 60:.0f} minutes is stopped there; the best epoch so far is kept.")


def start_training(settings: training_jobs.JobSettings) -> None:
    """Start the job and rerun into its live view, or say why it cannot start."""
    try:
        job = training_jobs.start_job(settings, owner_session.data_dir())
    except (training_jobs.JobSettingsError, training_jobs.ServerBusyError, owners.InvalidNameError) as error:
        st.error(as_text(error), icon=":material/block:")
        return
    st.session_state["train_job"] = job.id
    st.rerun()


def progress_view(snapshot: training_jobs.ProgressSnapshot) -> None:
    text, finished = widgets.progress_text(snapshot)
    st.progress(snapshot.fraction, text=text)
    latest = snapshot.steps[-1] if snapshot.steps else None
    epoch, loss, speed, elapsed = st.columns(4)
    epoch.metric("epochs finished", finished)
    loss.metric("last batch loss", f"{latest.loss:.3f}" if latest else "–")
    speed.metric("tokens per second", f"{latest.tokens_per_second:,.0f}" if latest else "–")
    elapsed.metric("time", f"{snapshot.elapsed_seconds:.0f} s")
    curves, attention = st.columns(2) if snapshot.probe else (st.container(), None)
    with curves:
        if snapshot.steps:
            widgets.chart(charts.step_loss_chart(reports.progress_frame(snapshot.steps), title="this run: loss per step",
                                            min_span=0.5), "this_run_loss", export=snapshot.done)
        if len(snapshot.epochs) > 1:
            bleu = reports.epoch_frame({"this run": {EPOCHS_COUNTED_FROM: 1, "epochs": [vars(e) for e in snapshot.epochs]}})
            widgets.chart(charts.epoch_metric_chart(bleu, "validation_bleu", "validation BLEU",
                                                    title="this run: validation BLEU per epoch"),
                          "this_run_bleu", export=snapshot.done)
    if attention is not None:
        with attention:
            live_attention_view(snapshot.probe)
    if snapshot.epochs:
        st.dataframe(reports.run_epochs_frame(snapshot.epochs), hide_index=True, width="stretch",
                     column_config={"validation BLEU": st.column_config.NumberColumn(format="%.1f")})


def live_attention_view(probe: dict) -> None:
    """The probe sentence's attention as the weights are now: grey fog first, then the alignment."""
    written = [word for word in probe["target"] if word != "<eos>"]
    st.text(f"Watching: {' '.join(probe['source'][:-1])}\nIt writes now ({probe['label']}): "
            f"{' '.join(written) or '(nothing yet)'}")
    if not probe.get("weights"):
        st.caption("No attention to draw yet: the model writes nothing for this sentence.")
        return
    widgets.chart(charts.attention_heatmap(probe["weights"], probe["source"], probe["target"],
                                           cell_size=widgets.word_step(),
                                           title=f"this run, {probe['label']}: rows written, columns read"),
                  "this_run_attention", wide=True, export=False)
    columns = len(probe["source"])
    st.metric("focus", f"{attention_focus(probe['weights']):.2f}",
              help=f"The largest weight in each written word's row, averaged: 1/{columns} = "
                   f"{1 / max(1, columns):.2f} when every word looks everywhere alike, 1 when each word looks at "
                   "one Hindi word.")
    st.caption("**What to look for.** At first every cell is a pale grey: the model looks everywhere at once, and "
               "the focus is low. As it learns, each written word gathers its weight on the Hindi word it "
               "translates, and the focus climbs towards 1.")


@st.fragment(run_every=1.0)
def live_progress_ui(job_id: str) -> None:
    """Redrawn every second while the job trains; a full rerun once it is done."""
    job = training_jobs.get_job(job_id)
    if job is None:
        return
    snapshot = job.snapshot()
    if snapshot.done:
        st.rerun(scope="app")
    progress_view(snapshot)
    cancel_column, keep_column = st.columns(2)
    cancel_column.button("Cancel training", key="train_cancel", on_click=job.cancel, type="secondary",
                         help="Stops after the current batch; nothing of this run is saved.")
    keep_column.button("Stop and keep the best so far", key="train_stop_keep", on_click=job.stop_and_keep,
                       type="secondary", help="Stops after the current batch and saves the best finished epoch "
                                              "as your model (nothing, if no epoch has finished yet).")


def own_model_ui() -> None:
    st.header("Train a model of your own")
    st.markdown("Pick a model type and a corpus, and watch it learn. It trains on this server in the "
                "background; the finished model is saved as **mine/&lt;name&gt;**, for this browser only: "
                "share it below if the class should see it too.")
    job = training_jobs.get_job(st.session_state.get("train_job"))
    ours = [running for running in training_jobs.running_jobs() if running.settings.owner == owner_session.session_owner()]
    if (job is None or job.snapshot().done) and ours:   # started in another tab of this browser: shown here too
        job = ours[0]
        st.session_state["train_job"] = job.id
    if job is not None and not job.snapshot().done:
        live_progress_ui(job.id)
        return
    if job is not None:
        snapshot = job.snapshot()
        show = {"finished": st.success, "stopped": st.success, "cancelled": st.info}.get(snapshot.state, st.error)
        show(snapshot.message)
        with st.expander(f"Curves of the last run ({job.settings.name})", expanded=snapshot.state != "cancelled"):
            progress_view(snapshot)
    elif training_jobs.running_jobs():
        st.info("Someone else is training a model on this server right now; you can start yours when it has "
                "finished.", icon=":material/hourglass_top:")
    settings = train_settings_ui()
    if st.button("Start training", key="train_start", type="primary"):
        start_training(settings)


def _share(folder: str, shared: bool) -> None:
    try:
        owners.set_shared(owner_session.data_dir(), folder, owner_session.session_owner(), shared)
    except (owners.NotOwnerError, OSError) as error:
        st.session_state["train_models_error"] = str(error)


def _delete(folder: str) -> None:
    try:
        owners.delete_model(owner_session.data_dir(), folder, owner_session.session_owner())
    except (owners.NotOwnerError, OSError) as error:
        st.session_state["train_models_error"] = str(error)


def my_models_ui() -> None:
    """This browser's models: share one with everyone on the server, or delete it."""
    mine = model_registry.own_models()
    if not mine:
        return
    st.subheader("Your models")
    st.markdown(f"Only this browser lists these, until you share one. A model nobody shares is deleted "
                f"{owners.PRIVATE_DAYS} days after it was trained.")
    if "train_models_error" in st.session_state:
        st.error(st.session_state.pop("train_models_error"), icon=":material/block:")
    for entry in mine:
        model = entry.user
        name_column, share_column, delete_column = st.columns([3, 2, 1], vertical_alignment="center")
        kind = (model_registry.model_json(entry, "config.json").get("model") or {}).get("kind", "?")
        name_column.markdown(f"**{as_text(entry.name)}** · {kind} · trained "
                             f"{time.strftime('%d %b %H:%M', time.localtime(model.created))}")
        share_column.toggle("Shared with everyone on this server", value=model.shared,
                            key=f"train_share_{model.folder}", on_change=lambda f=model.folder: _share(
                                f, st.session_state[f"train_share_{f}"]),
                            help="Everyone who opens this app then finds it as shared/<name>; only you can "
                                 "delete it.")
        with delete_column.popover("Delete", icon=":material/delete:", width="stretch"):
            st.markdown(f"Delete **{as_text(entry.name)}** for good?")
            st.button("Yes, delete it", key=f"train_delete_{model.folder}", type="primary",
                      on_click=_delete, args=(model.folder,))


histories = model_registry.model_histories()
if histories:
    curves_ui(histories)
    probe_ui(histories)
else:
    st.warning("No model has a training history (history.json) to show yet.", icon=":material/warning:")
own_model_ui()
my_models_ui()

page.finish_page()   # the Share menu, with the link of what the page now shows (streamlit_app.py: after a stop)
