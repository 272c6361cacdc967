"""The topics annotator: CAP major topics per exchange and keyphrases (exact values)."""

from __future__ import annotations

from pressroom.annotate.topics import lexicon, match_terms, score


def by_questioner(record, name):
    return next(x for x in record.exchanges if record.speaker_name(x.questioner) == name)


def labels(x):
    return [lbl["topic"] for lbl in x.annotations["topics"]["labels"]]


def test_seed_afghanistan_exchanges_are_defense(seed):
    record, _ = seed
    for name in ("Lailuma Sadid", "Mustafa Mohammad Sarwar"):  # NATO troops in Afghanistan; Taliban and Al Qaeda
        x = by_questioner(record, name)
        assert x.annotations["topics"]["primary"] == "Defense"
        assert labels(x) == ["Defense", "International Affairs"]


def test_seed_russia_exchange_is_defense_and_international_affairs(seed):
    record, _ = seed
    x = by_questioner(record, "Andrej Matisak")  # Moscow and Washington, NATO-Russia relations
    assert labels(x) == ["Defense", "International Affairs"]
    top = x.annotations["topics"]["labels"][0]
    assert top["code"] == 16
    assert {"arms control", "aggressive", "military"} <= set(top["terms"])


def test_seed_vaccination_exchange_is_health(seed):
    record, _ = seed
    x = by_questioner(record, "Dominica Cosic")
    assert x.annotations["topics"]["primary"] == "Health"
    assert x.annotations["topics"]["labels"][0]["terms"] == {
        "vaccination": 2,
        "medical": 2,
        "vaccines": 2,
        "pandemic": 2,
    }


def test_seed_transcript_topics(seed):
    record, _ = seed
    t = record.annotations["topics"]
    assert t["method"] == "cap-lexicon-1"
    assert t["primary_counts"] == {"International Affairs": 7, "Defense": 5, "Health": 1}
    assert t["statement"]["turns"] == ["t1"]
    assert [lbl["topic"] for lbl in t["statement"]["labels"]] == ["International Affairs", "Defense"]
    assert "Afghan security forces" in [k["phrase"] for k in t["keyphrases"]]


def test_seed_keyphrases(seed):
    record, _ = seed
    x = by_questioner(record, "Momchil Indjov")  # the alleged Russian spy ring in Bulgaria
    assert x.annotations["topics"]["keyphrases"][:2] == ["alleged Russian spy ring", "Bulgarian authorities"]


def test_ecb_is_macroeconomics(ecb_2015):
    record, _ = ecb_2015
    t = record.annotations["topics"]
    assert t["primary_counts"] == {"Macroeconomics": 16}
    assert t["statement"]["primary"] == "Macroeconomics"
    assert len(record.exchanges) == 17
    assert sum(1 for x in record.exchanges if x.annotations["topics"]["primary"] is None) == 1


def test_biden_zelenskyy_topics(biden_zelenskyy):
    record, _ = biden_zelenskyy
    assert record.annotations["topics"]["primary_counts"] == {"International Affairs": 4, "Defense": 3}
    patriots = [x for x in record.exchanges if "defensive weapon system" in x.annotations["topics"]["keyphrases"]]
    assert len(patriots) == 1 and patriots[0].annotations["topics"]["primary"] == "Defense"


# -- the lexicon matcher and scorer ---------------------------------------------------------


def _words(text):
    return [(w.lower(), w.lower()) for w in text.split()]


def test_match_terms_prefers_the_longest_term():
    hits = match_terms(_words("the climate change talks"), lexicon())
    assert (7, "climate change", 1.5) in hits
    assert not any(term == "climate" for _, term, _ in hits)


def test_match_terms_uses_lemmas_once_per_topic():
    # "partners" is listed as such and as lemma "partner": it counts once for International Affairs
    hits = match_terms([("partners", "partner")], lexicon())
    assert [h for h in hits if h[0] == 19] == [(19, "partners", 1.0)]


def test_score_thresholds():
    hits = [(16, "troops", 1.0)] * 5 + [(3, "vaccine", 1.0)]
    out = score(hits)
    # "troops" is capped at three occurrences; Health's 1 point is under MIN_SCORE
    assert [(lbl["topic"], lbl["score"]) for lbl in out] == [("Defense", 3.0)]
    assert out[0]["terms"] == {"troops": 5}
    assert score([]) == []
