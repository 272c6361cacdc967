"""The quotes annotator: scoring features and the seed's quotes (exact values)."""

from __future__ import annotations

from pressroom.annotate.quotes import score_sentence


def test_seed_quotes(seed):
    record, text = seed
    quotes = record.annotations["quotes"]["speakers"]["s1"]
    assert len(quotes) == 5
    first = quotes[0]
    assert first["text"] == (
        "Together with our partners Finland and Sweden, as well as the EU High Representative, "
        "we will also address our relations with Russia."
    )
    assert (first["turn"], first["exchange"], first["score"]) == ("t1", None, 3.0)
    assert first["reasons"] == ["length", "stance: will", "we/our", "names (4)"]
    assert first["context"]["after"] == (
        "Russia continues to suppress peaceful dissidents at home, "
        "and display a pattern of aggressive behaviour abroad."
    )
    assert [q["turn"] for q in quotes] == ["t1", "t40", "t22", "t10", "t25"]
    assert quotes[1]["exchange"] == "x13"
    for q in quotes:
        assert " ".join(text[q["start_char"] : q["end_char"]].split()) == q["text"]
        assert q["name"] == "Jens Stoltenberg"


def test_only_principals_and_officials_are_quoted(seed, biden_zelenskyy):
    record, _ = seed
    assert list(record.annotations["quotes"]["speakers"]) == ["s1"]
    record, _ = biden_zelenskyy
    roles = {record.speaker(sid).role for sid in record.annotations["quotes"]["speakers"]}
    assert roles == {"principal"}
    assert len(record.annotations["quotes"]["speakers"]) == 2  # Biden and Zelenskyy


def test_score_features():
    assert score_sentence("We must never accept that borders can be changed by force in Europe.") == (
        2.5,
        ["length", "stance: must, never", "we/our"],
    )
    assert score_sentence("So I think that is probably something we will look at, you know, over time.") == (
        -0.25,
        ["length", "stance: will", "we/our", "hedge (3)", "back-reference (So)"],
    )
    assert score_sentence("Will you commit to sending more troops to the region this year?") == (
        0.5,
        ["length", "stance: will", "question"],
    )


def test_furniture_and_fragments_are_never_quotes():
    assert score_sentence("Thank you very much, Secretary General, for taking my question today.") is None
    assert score_sentence("Good afternoon and welcome to everybody joining us here today.") is None
    assert score_sentence("Next question, please, from the back of the room today.") is None
    assert score_sentence("Too short to quote.") is None
