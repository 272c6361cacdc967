"""The stats annotator: speaking shares, who asked, answer length, unanswered questions."""

from __future__ import annotations

import copy

from pressroom.annotate.stats import count_words, speaking_stats, turn_body


def test_seed_shares(seed):
    record, _ = seed
    st = record.annotations["stats"]
    assert st["words"] == 4857
    assert st["roles"] == {
        "principal": {"speakers": 1, "turns": 15, "words": 3683, "share": 0.7583},
        "moderator": {"speakers": 1, "turns": 14, "words": 211, "share": 0.0434},
        "journalist": {"speakers": 13, "turns": 13, "words": 963, "share": 0.1983},
    }
    assert st["speakers"]["s1"] == {
        "name": "Jens Stoltenberg",
        "role": "principal",
        "affiliation": "NATO",
        "turns": 15,
        "words": 3683,
        "share": 0.7583,
    }


def test_seed_who_asked(seed):
    record, _ = seed
    st = record.annotations["stats"]
    assert len(st["outlets"]) == 13
    assert st["outlets"]["Al Arabiya"] == {"exchanges": 1, "questions": 4, "journalists": ["s14"]}
    assert st["questioners"]["s15"] == {
        "name": "Mustafa Mohammad Sarwar",
        "outlet": "Radio for Europe",
        "exchanges": 1,
        "questions": 3,
    }
    assert sum(q["questions"] for q in st["questioners"].values()) == sum(len(x.questions) for x in record.exchanges)


def test_seed_answer_length(seed):
    record, _ = seed
    st = record.annotations["stats"]
    assert st["answer_length"] == {
        "exchanges": 13,
        "question_words": 963,
        "answer_words": 3022,
        "ratio": 3.14,
        "median_question_words": 72,
        "median_answer_words": 186,
    }
    assert st["exchanges"][0] == {
        "exchange": "x1",
        "questioner": "s3",
        "answerers": ["s1"],
        "questions": 1,
        "question_words": 72,
        "answer_words": 186,
        "ratio": 2.58,
    }
    assert st["unanswered"] == [] and st["clarity"] is None


def test_unanswered_uses_clarity(seed):
    record, text = seed
    record = copy.deepcopy(record)
    x2, x3 = record.exchanges[1], record.exchanges[2]
    x2.annotations["clarity"] = [{"question": x2.questions[0].id, "clarity": "Clear Reply", "evasion": "Explicit"}]
    x3.annotations["clarity"] = [
        {"question": x3.questions[0].id, "clarity": "Clear Non-Reply", "evasion": "Declining to answer"},
        {"question": x3.questions[1].id, "clarity": "Ambivalent", "evasion": "Dodging"},
    ]
    record.exchanges[3].answer_turns = []
    st = speaking_stats(record, text)
    assert st["clarity"] == {"Clear Reply": 1, "Ambivalent": 1, "Clear Non-Reply": 1}
    assert st["unanswered"] == [
        {
            "exchange": "x3",
            "question": "x3.q1",
            "questioner": "s5",
            "reason": "Clear Non-Reply",
            "evasion": "Declining to answer",
        },
        {"exchange": "x4", "question": None, "questioner": "s6", "reason": "no answer"},
    ]


def test_turn_body_and_words(seed):
    record, text = seed
    t = record.turn("t2")
    s, e = turn_body(t, text)
    assert text[s:e].startswith("We'll start our remote questions today")
    legacy = copy.deepcopy(t)
    legacy.text_start = None  # records written before text_start: the label is skipped
    assert turn_body(legacy, text) == (s, e)
    assert count_words("NATO-Russia relations don't change, 2021.") == 5


def test_unanswered_items_from_clarity(seed):
    record, text = seed
    record = copy.deepcopy(record)
    x = record.exchanges[0]
    x.answer_turns = []
    x.annotations["clarity"] = [{"question": x.questions[0].id, "clarity": None, "unanswered": True}]
    st = speaking_stats(record, text)
    assert st["unanswered"] == [{"exchange": "x1", "question": "x1.q1", "questioner": "s3", "reason": "no answer"}]
    assert st["clarity"] == {"Clear Reply": 0, "Ambivalent": 0, "Clear Non-Reply": 0}
