"""The lesson: an ordered list of stops a teacher steps through (pages/0_Lesson.py).

A stop is one projected screen: a title, at most three sentences, one large visual (its render
function, in app/lesson_views.py), a note only the presenter sees, and a link into the full page
with the same state. A 'predict' stop also asks the class a question (choices) and knows the
model's answer (answer), shown on reveal. A new stop (self-attention, counterfactual attention)
is one more Stop in STOPS; nothing else changes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from app import lesson_views as views
from core.nmt.probes import SEED_SENTENCE


@dataclass(frozen=True)
class Stop:
    id: str                                  # stable: answers are stored under it (letters, digits, '-')
    title: str
    text: str                                # at most three sentences
    note: str                                # the teacher's note: what to ask, how long
    explore_page: str                        # a file of app.page.PAGES
    explore_params: dict = field(default_factory=dict)   # the URL state that page reads
    kind: str = "show"                       # 'show' or 'predict'
    render: Callable[[views.StopView], None] = views.idea
    choices: Callable[[], list[str]] | None = None     # a predict stop's options
    answer: Callable[[], str | None] | None = None     # the model's (or the right) choice


STOPS: list[Stop] = [
    Stop("idea", "Attention: look at the right word while writing",
         f"A translation model reads the Hindi **{SEED_SENTENCE}** and writes *I am eating food*. "
         "With attention, each English word it writes gets its own mix of the Hindi words. "
         "The mix is a set of weights that sum to 1.",
         "2 min. Ask: when you translate, do you keep the whole sentence in your head or glance back at words?",
         "pages/0_Home.py", {"sentence": SEED_SENTENCE}, render=views.idea),
    Stop("predict-eating", "Predict: where does the model look when it writes *eating*?",
         f"Tap the Hindi word of **{SEED_SENTENCE}** you think gets the most weight while the model writes "
         "*eating*. Then we reveal the model's weights.",
         "3 min. Let everyone answer before Reveal; ask someone who chose खाना (food) why. "
         "The model's answer is खा (eat), with weight about 0.9.",
         "pages/2_Step_by_step.py", {"sentence": SEED_SENTENCE, "model": "additive"}, kind="predict",
         render=views.predict_eating, choices=views.seed_words, answer=views.eating_focus),
    Stop("long-sentence", "A long sentence: one vector is not enough",
         "The same 40-word test sentence, translated by a model without attention (encdec) and one with it "
         "(additive). Words not in the reference are marked red.",
         "4 min. Ask where encdec goes wrong: the start or the end? It squeezes 40 words into one vector.",
         "pages/1_Compare.py", {"models": "encdec,additive"}, render=views.long_sentence),
    Stop("one-step", "One decoding step",
         "Writing *eating*, the decoder scores every Hindi word, turns the scores into weights with a softmax, "
         "and mixes the encoder states into a context. From that context it picks the next word.",
         "5 min. Point at the tallest weight bar, then at the next-word bars: the context decides the word.",
         "pages/2_Step_by_step.py", {"sentence": SEED_SENTENCE, "model": "additive"}, render=views.one_step),
    Stop("alignment-emerging", "Attention is learned, not programmed",
         "Move the slider through training: the weights start spread out and find their words. "
         "Nobody told the model which Hindi word goes with which English word.",
         "3 min. Drag slowly from left to right; ask when the diagonal-ish path appears.",
         "pages/3_Training.py", {"probe_model": "additive"}, render=views.alignment_emerging),
    Stop("bleu-by-length", "Long sentences: where attention pays",
         "BLEU (0 to 100, higher is better) of every model on test sentences grouped by length. "
         "Without attention the score falls as sentences grow.",
         "3 min. Ask which line falls fastest and why; this is Bahdanau et al.'s Figure 2.",
         "pages/4_Long_sentences.py", render=views.bleu_by_length),
    Stop("edit-attention", "Edit the attention, change the words",
         "We take the weights the model used while writing *eating* and move them all onto मैं (I). "
         "Left: the model's own weights; right: the edited ones and what the model writes then.",
         "4 min. Ask the class to predict the new output before you point at it.",
         "pages/6_What_if.py", {"sentence": SEED_SENTENCE}, render=views.edit_attention),
    Stop("uniform", "Equal weights for every word fail",
         "The uniform model gives every Hindi word the same weight at every step. "
         "It sees all the words but cannot tell which one matters now.",
         "3 min. Compare its rows: all the same. Ask what it must guess from.",
         "pages/1_Compare.py", {"sentence": SEED_SENTENCE, "models": "uniform,additive"}, render=views.uniform),
    Stop("captioning", "The same idea on pictures",
         "A captioning model writes about a picture of shapes and, for each word, weighs regions of the image. "
         "Bright regions are where it looked for that word.",
         "3 min. Ask which word looked at which shape.",
         "pages/7_Captioning.py", render=views.captioning_picture),
    Stop("attention-matters", "Does attention matter? Take it away and see",
         f"We give every Hindi word of **{views.COUNTERFACTUAL_SENTENCE}** the same weight at every step and let "
         "additive translate again. Predict: how many of its words will it still write?",
         "4 min. Then ask: so does the heatmap explain the words? Here, yes: with equal weights it writes almost "
         "none of them. Moradi et al. (2019) found 21% of content words surviving in their translator; "
         "docs/counterfactual.md has Dhyan's numbers.",
         "pages/8_Does_attention_matter.py", {"sentence": views.COUNTERFACTUAL_SENTENCE, "model": "additive"}, kind="predict", render=views.attention_matters,
         choices=views.survival_choices, answer=views.survival_answer),
    Stop("quiz", "Quiz: which model suffers most on long sentences?",
         "Choose the model whose BLEU falls the most from the shortest to the longest sentences.",
         "3 min. Reveal, then ask the class to explain the answer with the word 'vector'.",
         "pages/4_Long_sentences.py", kind="predict", render=views.quiz,
         choices=views.quiz_choices, answer=views.quiz_answer),
]


def stop_index(stop_id: str) -> int | None:
    """The position of the stop with this id, None when there is none."""
    return next((i for i, stop in enumerate(STOPS) if stop.id == stop_id), None)
