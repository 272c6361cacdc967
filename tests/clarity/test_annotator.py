import pytest

from pressroom.annotate import annotate
from pressroom.record import Event, Exchange, Question, Speaker, Transcript, Turn

from .conftest import CLEAR_REPLY, DECLINED

Q1 = "Jane Doe (Daily News): " + CLEAR_REPLY[0] + " " + DECLINED[0]
A1 = "Minister: " + CLEAR_REPLY[1] + " On the other thing: " + DECLINED[1]
Q2 = "Sam Roe (Radio One): And the budget?"
SOURCE = Q1 + "\n\n" + A1 + "\n\n" + Q2 + "\n"
#: the first keys of a clarity item, in order
ITEM_KEYS = ("question", "clarity", "clarity_probs", "confidence", "raw_confidence", "uncertain")


def _turn(tid, speaker, kind, text, start):
    label_end = text.index(": ") + 2
    return Turn(
        id=tid,
        speaker=speaker,
        kind=kind,
        text=text[label_end:],
        start_char=start,
        end_char=start + len(text),
        start_line=1,
        end_line=1,
        label=text[: label_end - 2],
        text_start=start + label_end,
    )


def record() -> Transcript:
    a_start = len(Q1) + 2
    q2_start = a_start + len(A1) + 2
    t1 = _turn("t1", "s2", "question", Q1, 0)
    t2 = _turn("t2", "s1", "answer", A1, a_start)
    t3 = _turn("t3", "s3", "question", Q2, q2_start)
    q1a = SOURCE.index(CLEAR_REPLY[0])
    q1b = SOURCE.index(DECLINED[0])
    q2 = SOURCE.index("And the budget?")
    return Transcript(
        event=Event(title="A briefing"),
        speakers=[
            Speaker("s1", "Minister", role="principal"),
            Speaker("s2", "Jane Doe", role="journalist"),
            Speaker("s3", "Sam Roe", role="journalist"),
        ],
        turns=[t1, t2, t3],
        exchanges=[
            Exchange(
                "x1",
                "s2",
                ["t1"],
                ["t2"],
                ["s1"],
                questions=[
                    Question("x1.q1", "t1", q1a, q1a + len(CLEAR_REPLY[0]), CLEAR_REPLY[0]),
                    Question("x1.q2", "t1", q1b, q1b + len(DECLINED[0]), DECLINED[0]),
                ],
            ),
            Exchange("x2", "s3", ["t3"], [], [], questions=[Question("x2.q1", "t3", q2, q2 + 15, "And the budget?")]),
        ],
    )


@pytest.fixture(scope="module")
def annotated(shipped_model, embedder):
    from pressroom.annotate import clarity

    rec = record()
    ann = clarity.ClarityAnnotator(model=shipped_model, embedder=embedder)
    ann(rec, SOURCE)
    return rec


def test_registered_with_its_contract():
    from pressroom.annotate import get

    cls = get("clarity")
    assert cls.name == "clarity" and "exchange.clarity" in cls.assigns
    assert cls.requires == ["transcript.turns", "transcript.exchanges"]


def test_one_item_per_question_with_probabilities(annotated):
    items = annotated.exchanges[0].annotations["clarity"]
    assert [i["question"] for i in items] == ["x1.q1", "x1.q2"]
    for i in items:
        assert set(i) == {*ITEM_KEYS, "evasion", "evasion_probs", "evidence"}
        assert sum(i["clarity_probs"].values()) == pytest.approx(1.0, abs=1e-4)
        assert i["confidence"] == i["clarity_probs"][i["clarity"]]
        assert set(i["evidence"]) == {"addressing", "cues", "topic_shift"}


def test_evidence_spans_point_into_the_source(annotated):
    q1, q2 = annotated.exchanges[0].annotations["clarity"]
    # both questions see the same answer turn, so the same cues
    assert [(c["cue"], c["type"], c["turn"]) for c in q2["evidence"]["cues"]] == [
        ("will not comment", "declining", "t2"),
        ("question for someone else", "deflection", "t2"),
    ]
    for c in q2["evidence"]["cues"]:
        assert SOURCE[c["start_char"] : c["end_char"]] == c["text"]
    assert q1["evidence"]["addressing"][0]["text"] == "We will not raise taxes next year, full stop."
    for a in q1["evidence"]["addressing"] + q2["evidence"]["addressing"]:
        assert a["turn"] == "t2" and SOURCE[a["start_char"] : a["end_char"]] == a["text"]


def test_unanswered_question_is_not_judged(annotated):
    assert annotated.exchanges[1].annotations["clarity"] == [
        {"question": "x2.q1", "clarity": None, "not_judged": "no answer in the record", "unanswered": True}
    ]


def test_transcript_summary(annotated):
    s = annotated.annotations["clarity"]
    assert s["model"] == "pressroom-clarity-minilm@1"
    assert s["questions"] == 3
    assert s["counts"]["unanswered"] == 1 and s["counts"]["not_judged"] == 0
    assert sum(s["counts"][c] for c in ("Clear Reply", "Ambivalent", "Clear Non-Reply")) == 2
    # the model's measured agreement with QEvasion's annotators travels with its verdicts
    a = s["agreement"]
    assert (a["rows"], a["clarity_macro_f1"], a["evasion_macro_f1"]) == (308, 0.5781, 0.3281)
    assert a["clarity_per_class_f1"] == {"Clear Reply": 0.3857, "Ambivalent": 0.7722, "Clear Non-Reply": 0.5763}
    assert a["never_predicted"] == ["Partial/half-answer"]


class _NoModel:
    name = "none@0"

    def predict(self, questions, answers):
        raise AssertionError("nothing here should be judged")


def test_what_is_not_a_question_or_not_answered_gets_a_reason_not_a_verdict():
    from pressroom.annotate import clarity

    src = "Q: Can I ask a quick follow-up?\n\nA: Sure.\n\nQ: Is it true?\n\nA: Well, I think that we —\n"
    q1, a1 = src.index("Can I"), src.index("Sure.")
    q2, a2 = src.index("Is it"), src.index("Well,")

    def turn(tid, speaker, kind, text, start, line):
        return Turn(
            tid, speaker, kind, text, start - 3, start + len(text), line, line, label=kind[0].upper(), text_start=start
        )

    turns = [
        turn("t1", "s2", "question", "Can I ask a quick follow-up?", q1, 1),
        turn("t2", "s1", "answer", "Sure.", a1, 3),
        turn("t3", "s2", "question", "Is it true?", q2, 5),
        turn("t4", "s1", "answer", "Well, I think that we —", a2, 7),
    ]
    rec = Transcript(
        event=Event(title="x"),
        speakers=[Speaker("s1", "A", role="principal"), Speaker("s2", "Q", role="journalist")],
        turns=turns,
        exchanges=[
            Exchange("x1", "s2", ["t1"], ["t2"], ["s1"], questions=[]),
            Exchange(
                "x2", "s2", ["t3"], ["t4"], ["s1"], questions=[Question("x2.q1", "t3", q2, q2 + 11, "Is it true?")]
            ),
        ],
    )
    clarity.ClarityAnnotator(model=_NoModel(), embedder=object())(rec, src)
    assert rec.exchanges[0].annotations["clarity"] == [
        {"question": None, "text": "Can I ask a quick follow-up?", "clarity": None, "not_judged": "no question asked"}
    ]
    assert rec.exchanges[1].annotations["clarity"] == [
        {"question": "x2.q1", "clarity": None, "not_judged": "the answer is cut off"}
    ]
    assert rec.annotations["clarity"]["counts"] == {
        "Clear Reply": 0,
        "Ambivalent": 0,
        "Clear Non-Reply": 0,
        "unanswered": 0,
        "not_judged": 2,
    }
    assert rec.annotations["clarity"]["agreement"] is None  # a model without a report


def test_runs_through_the_registry(shipped_model, embedder):
    from pressroom.annotate import clarity, instance

    inst = instance("clarity")
    inst._model, inst._embedder = shipped_model, embedder
    rec = record()
    annotate(rec, SOURCE, ["clarity"])
    assert rec.annotations["pipeline"] == ["clarity"]
    assert isinstance(inst, clarity.ClarityAnnotator)
    assert len(rec.exchanges[0].annotations["clarity"]) == 2


def test_prepare_changes_nothing_until_its_writer_runs(shipped_model, embedder):
    from pressroom.annotate import clarity

    rec = record()
    write = clarity.ClarityAnnotator(model=shipped_model, embedder=embedder).prepare(rec, SOURCE)
    assert rec.annotations == {} and all(x.annotations == {} for x in rec.exchanges)
    write()
    assert [i["question"] for i in rec.exchanges[0].annotations["clarity"]] == ["x1.q1", "x1.q2"]
    assert rec.exchanges[1].annotations["clarity"] == [
        {"question": "x2.q1", "clarity": None, "not_judged": "no answer in the record", "unanswered": True}
    ]
    assert rec.annotations["clarity"]["questions"] == 3


def test_pipeline_runs_clarity_ahead_with_the_same_record(shipped_model, embedder):
    """annotate() computes clarity in a thread beside stats; the record, keys' order included,
    is the one the annotators give run one after another."""
    import json

    from pressroom.annotate import instance

    inst = instance("clarity")
    inst._model, inst._embedder = shipped_model, embedder
    ahead = annotate(record(), SOURCE, ["clarity", "stats"])
    one_by_one = record()
    for name in ("clarity", "stats"):
        instance(name)(one_by_one, SOURCE)
    one_by_one.annotations["pipeline"] = ["clarity", "stats"]
    assert list(ahead.annotations) == ["clarity", "stats", "pipeline"]
    assert json.dumps(ahead.to_dict()) == json.dumps(one_by_one.to_dict())


def test_a_calibrated_model_writes_calibrated_probabilities_and_uncertain(shipped_model, embedder):
    import copy

    import numpy as np

    from pressroom.annotate import clarity
    from pressroom.clarity.calibration import temper

    uncalibrated = copy.copy(shipped_model)
    uncalibrated.calibration = None
    plain = record()
    clarity.ClarityAnnotator(model=uncalibrated, embedder=embedder)(plain, SOURCE)
    assert plain.annotations["clarity"]["calibration"]["calibrated"] is False
    assert all("uncertain" not in i for i in plain.exchanges[0].annotations["clarity"])

    model = copy.copy(shipped_model)
    model.calibration = {"clarity": {"temperature": 2.0}, "evasion": {"temperature": 1.0}, "threshold": 0.5}
    rec = record()
    clarity.ClarityAnnotator(model=model, embedder=embedder)(rec, SOURCE)
    for before, after in zip(plain.exchanges[0].annotations["clarity"], rec.exchanges[0].annotations["clarity"]):
        assert after["clarity"] == before["clarity"]  # a temperature never changes the verdict
        assert after["raw_confidence"] == before["confidence"]
        probs = [before["clarity_probs"][c] for c in before["clarity_probs"]]
        expected = temper(np.array([probs]), 2.0)[0].max()
        assert after["confidence"] == pytest.approx(expected, abs=2e-6)
        assert after["confidence"] < before["confidence"]  # T > 1 softens
        assert after["uncertain"] is bool(expected < 0.5)
    assert list(rec.exchanges[0].annotations["clarity"][0])[:6] == list(ITEM_KEYS)
    summary = rec.annotations["clarity"]["calibration"]
    assert (summary["calibrated"], summary["threshold"], summary["clarity_temperature"]) == (True, 0.5, 2.0)
