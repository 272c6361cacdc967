import numpy as np
import pytest

from pressroom.clarity.evidence import (
    addressing_and_shift,
    evidence_for_pair,
    find_cues,
)
from pressroom.text import capitalised_sentence_spans as sentence_spans

ANSWER = (
    "Look, I will not comment on intelligence matters. I cannot speak on behalf of the Ukrainian "
    "government. All options are on the table, and I'm not going to get ahead of the Secretary. "
    "I'd refer you to the Pentagon."
)


def test_cue_spans_on_given_text():
    cues = find_cues(ANSWER)
    got = [(c.cue, c.type, c.start, c.end, c.text) for c in cues]
    assert got == [
        ("will not comment", "declining", 6, 24, "I will not comment"),
        ("cannot speak on behalf of", "deflection", 52, 77, "cannot speak on behalf of"),
        ("all options on the table", "non-commitment", 104, 132, "All options are on the table"),
        ("not get ahead of", "declining", 142, 167, "not going to get ahead of"),
        ("refer you to", "deflection", 183, 199, "I'd refer you to"),
    ]
    for c in cues:
        assert ANSWER[c.start : c.end] == c.text


def test_cues_match_curly_apostrophes_and_line_breaks():
    [c] = find_cues("We\u2019re not aware\nof that report.")
    assert (c.cue, c.type, c.text) == ("not aware", "ignorance", "We\u2019re not aware")


def test_no_cue_in_a_plain_answer():
    assert find_cues("Yes. We will send two more battalions in May.") == []


def test_sentence_spans_handle_glued_sentences_and_abbreviations():
    text = "We met Mr. Smith today. It went well.And then we left!  OK"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "We met Mr. Smith today.",
        "It went well.",
        "And then we left!",
        "OK",
    ]


class FakeEmbedder:
    """Bag-of-keywords vectors: deterministic, no model."""

    WORDS = ("tax", "war", "weather")

    def embed(self, texts):
        rows = [[t.lower().count(w) for w in self.WORDS] for t in texts]
        v = np.array([r + [0 if any(r) else 1] for r in rows], dtype=float)  # last: "none of them"
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_addressing_picks_the_sentences_on_the_question_topic():
    segs = ["The war goes on. Taxes are a priority, tax cuts come first.", "The weather is fine."]
    picked, shift = addressing_and_shift(FakeEmbedder(), "What about tax?", segs, threshold=0.5, top=3)
    assert [(a.segment, a.start, a.end, a.text, a.score) for a in picked] == [
        (0, 17, 59, "Taxes are a priority, tax cuts come first.", 1.0)
    ]
    # mean of (war), (tax), (weather) unit vectors -> cosine with (tax) is 1/sqrt(3)
    assert shift == pytest.approx(1 - 1 / np.sqrt(3), abs=1e-4)


def test_evidence_for_pair_without_any_addressing_sentence():
    ev = evidence_for_pair(FakeEmbedder(), "What about tax?", "The war goes on. No comment.")
    assert ev["addressing"] == []
    assert ev["cues"] == [
        {"cue": "no comment", "type": "declining", "start_char": 17, "end_char": 27, "text": "No comment"}
    ]
    # mean of (war) and (none) unit vectors is orthogonal to (tax)
    assert ev["topic_shift"] == pytest.approx(1.0, abs=1e-4)


def test_real_embedder_finds_the_addressing_sentence(embedder):
    picked, shift = addressing_and_shift(
        embedder,
        "Will NATO send more troops to Afghanistan?",
        [
            (
                "Thank you for the question. We have decided to send more troops to Afghanistan in May. "
                "The weather in Brussels is lovely."
            )
        ],
    )
    assert [a.text for a in picked] == ["We have decided to send more troops to Afghanistan in May."]
    assert 0.0 < shift < 1.0


def test_embedding_keeps_input_order_whatever_the_batching(embedder):
    texts = [
        "Will you raise taxes next year?",
        "No.",
        "We will not raise taxes next year, full stop.",
        ("The weather in Brussels is lovely today, and the summit starts at nine in the morning with a family photo."),
        "",
        "NATO allies agreed to review the mission in Afghanistan.",
    ]
    batched = embedder.embed(texts)  # sorted by length inside, BATCH_SIZE at a time
    alone = np.vstack([embedder.embed([t]) for t in texts])
    assert batched.shape == (6, 384)
    assert np.abs(batched - alone).max() < 1e-5  # float32: padding changes nothing that shows
    assert np.abs(batched - embedder.embed(texts, batch_size=2)).max() < 1e-5
    assert np.allclose(np.linalg.norm(batched, axis=1), 1.0, atol=1e-6)
    assert [round(float(x), 3) for x in batched @ batched[0]] == [1.0, 0.313, 0.739, 0.011, 0.19, -0.089]
