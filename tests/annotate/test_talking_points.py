"""The talking_points annotator and the corpus helper (exact values)."""

from __future__ import annotations

from pressroom.annotate.talking_points import corpus_talking_points, speaker_key
from pressroom.record import Event, Speaker, Transcript, Turn

from .conftest import PSAKI_0120, PSAKI_0219, analysed


def test_seed_nato_2030_is_the_top_talking_point(seed):
    record, text = seed
    sp = record.annotations["talking_points"]["speakers"]["s1"]
    assert sp["name"] == "Jens Stoltenberg"
    top = sp["phrases"][0]
    assert (top["phrase"], top["turns"], top["count"]) == ("NATO 2030", 5, 9)
    assert [loc["turn"] for loc in top["locations"]] == ["t1", "t1", "t1", "t4", "t19", "t22", "t22", "t22", "t34"]
    for loc in top["locations"]:
        assert text[loc["start_char"] : loc["end_char"]] == "NATO 2030"
    assert [p["phrase"] for p in sp["phrases"][:5]] == [
        "NATO 2030",
        "United States",
        "NATO allies",
        "Security Forces",
        "capacity building",
    ]


def test_seed_only_speakers_with_statements_or_answers(seed):
    record, _ = seed
    assert list(record.annotations["talking_points"]["speakers"]) == ["s1"]


def test_draghi_talking_points(ecb_2015):
    record, text = ecb_2015
    sp = next(iter(record.annotations["talking_points"]["speakers"].values()))
    assert sp["name"] == "Mario Draghi"
    assert [(p["phrase"], p["turns"], p["count"]) for p in sp["phrases"][:3]] == [
        ("monetary policy", 8, 37),
        ("euro area", 4, 18),
        ("Central Bank", 4, 8),
    ]
    sentence = sp["sentences"][0]
    assert sentence["text"].startswith("They are intended to be carried out until end-September 2016")
    assert sentence["turns"] == 2


def _transcript(name, label, answers, ref="briefing"):
    text = "\n\n".join(answers)
    turns, pos = [], 0
    for i, a in enumerate(answers, 1):
        turns.append(
            Turn(
                id=f"t{i}",
                speaker="s1",
                kind="answer",
                text=a,
                start_char=pos,
                end_char=pos + len(a),
                start_line=i,
                end_line=i,
                text_start=pos,
            )
        )
        pos += len(a) + 2
    sp = Speaker(id="s1", name=name, labels=[label], role="principal")
    return Transcript(event=Event(title=f"briefing {ref}", source={"path": ref}), speakers=[sp], turns=turns), text


def test_speaker_key_matches_name_and_label():
    a, _ = _transcript("Jen Psaki", "MS. PSAKI", ["Hi."])
    b, _ = _transcript(None, "MS. PSAKI", ["Hi."])
    assert speaker_key(a, "s1") == speaker_key(b, "s1") == "psaki"


def test_corpus_talking_points_counts_transcripts():
    records = [
        _transcript("Jen Psaki", "MS. PSAKI", ["The American Rescue Plan is popular.", "Build back better."], "b1"),
        _transcript(None, "MS. PSAKI", ["We talked about the American Rescue Plan again."], "b2"),
        _transcript(None, "MS. PSAKI", ["Nothing to add on vaccines today."], "b3"),
    ]
    out = corpus_talking_points(records, min_transcripts=2)
    assert out["transcripts"] == 3
    psaki = out["speakers"]["psaki"]
    assert psaki["transcripts"] == 3
    assert [(p["phrase"], p["transcripts"]) for p in psaki["phrases"]] == [("American Rescue Plan", 2)]
    assert [loc["transcript"] for loc in psaki["phrases"][0]["locations"]] == ["b1", "b2"]


def test_corpus_talking_points_lossy_counting_forgets_rare_phrases():
    # epsilon 0.5: after every two transcripts, phrases not seen in every transcript so far are dropped
    words = ["apple", "banana", "cherry", "damson", "elder"]
    records = [
        _transcript(None, "MS. PSAKI", [f"The American Rescue Plan passed. Ask about {w} orchards."], f"b{i}")
        for i, w in enumerate(words)
    ]
    exact = {
        p["phrase"]: p["transcripts"]
        for p in corpus_talking_points(records, min_transcripts=1, epsilon=0.01)["speakers"]["psaki"]["phrases"]
    }
    assert exact["American Rescue Plan passed"] == 5
    assert {"Ask about apple orchards", "Ask about elder orchards"} <= set(exact)
    lossy = {
        p["phrase"]: p["transcripts"]
        for p in corpus_talking_points(records, min_transcripts=1, epsilon=0.5)["speakers"]["psaki"]["phrases"]
    }
    assert lossy["American Rescue Plan passed"] == 5
    assert "Ask about apple orchards" not in lossy and "Ask about cherry orchards" not in lossy
    assert lossy["Ask about elder orchards"] == 1  # the fifth transcript opens a bucket not pruned yet


def test_corpus_talking_points_on_two_real_briefings():
    records = [analysed(PSAKI_0120), analysed(PSAKI_0219)]
    out = corpus_talking_points(records, min_transcripts=2)
    psaki = out["speakers"]["psaki"]
    assert psaki["transcripts"] == 2
    phrases = {p["phrase"]: p["transcripts"] for p in psaki["phrases"]}
    assert {"American people", "Defense Production Act", "national security team", "COVID-19 response"} <= set(phrases)
    assert set(phrases.values()) == {2}
