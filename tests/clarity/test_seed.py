"""The clarity annotator over the NATO seed transcript, end to end (parser included)."""

from pathlib import Path

import pytest

from pressroom.clarity.labels import CLARITY_LABELS, EVASION_LABELS

SEED = Path(__file__).resolve().parents[1] / "data" / "seed" / "nato-2021-03-22-press-conference.txt"


@pytest.fixture(scope="module")
def seed_annotated(shipped_model, embedder):
    import pressroom
    from pressroom.annotate.clarity import ClarityAnnotator

    doc = pressroom.read_path(SEED)
    rec = pressroom.parse_document(doc)
    ClarityAnnotator(model=shipped_model, embedder=embedder)(rec, doc.text)
    return rec, doc.text


def test_every_exchange_gets_verdicts_with_evidence(seed_annotated):
    rec, text = seed_annotated
    assert len(rec.exchanges) == 13
    for x in rec.exchanges:
        items = x.annotations["clarity"]
        assert [i["question"] for i in items] == [q.id for q in x.questions]
        for i in items:
            assert i["clarity"] in CLARITY_LABELS and i["evasion"] in EVASION_LABELS
            for a in i["evidence"]["addressing"]:
                assert text[a["start_char"] : a["end_char"]] == a["text"] and a["turn"] in x.answer_turns
            for c in i["evidence"]["cues"]:
                assert text[c["start_char"] : c["end_char"]] == c["text"]
    assert rec.annotations["clarity"]["counts"]["unanswered"] == 0


def test_the_refusal_in_x9_is_shown_as_a_cue(seed_annotated):
    rec, _ = seed_annotated
    x9 = next(x for x in rec.exchanges if x.id == "x9")
    cues = {(c["cue"], c["text"]) for i in x9.annotations["clarity"] for c in i["evidence"]["cues"]}
    assert ("will not comment", "I will not comment") in cues
