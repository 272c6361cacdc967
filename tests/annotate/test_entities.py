"""The entities annotator on the NATO seed and on real transcripts (exact values)."""

from __future__ import annotations

import pytest

from pressroom.annotate.entities import Gazetteer, _flatten, gazetteer

PLACE_TYPES = {"country", "place"}


def names_of(record, typ):
    return {e["canonical"] for e in record.annotations["entities"]["entities"] if e["type"] == typ}


def entity(record, canonical):
    rows = [e for e in record.annotations["entities"]["entities"] if e["canonical"] == canonical]
    assert len(rows) == 1, canonical
    return rows[0]


def test_seed_countries(seed):
    record, _ = seed
    countries = names_of(record, "country")
    assert {
        "Russia",
        "Afghanistan",
        "China",
        "Turkey",
        "Georgia",
        "Ukraine",
        "Bulgaria",
        "Montenegro",
        "North Macedonia",
        "Libya",
        "Iraq",
    } <= countries
    assert "Dominica" not in countries  # the first name of Dominica Cosic


def test_seed_people(seed):
    record, _ = seed
    people = names_of(record, "person")
    assert {"Jens Stoltenberg", "Joe Biden", "Vladimir Putin", "Antony Blinken"} <= people
    # "President Putin" and "Secretary Blinken" are linked to the full names
    assert entity(record, "Vladimir Putin")["forms"] == {"Putin": 2}
    assert entity(record, "Antony Blinken")["forms"] == {"Blinken": 4, "Antony Blinken": 1}
    assert entity(record, "Joe Biden")["forms"] == {"Joe Biden": 1, "Biden": 1}


def test_seed_organisations_and_treaty(seed):
    record, _ = seed
    orgs = names_of(record, "organisation")
    assert {"NATO", "European Union", "Taliban", "Al Qaeda"} <= orgs
    assert entity(record, "European Union")["forms"] == {"EU": 8, "European Union": 4}
    new_start = entity(record, "New START")
    assert (new_start["type"], new_start["label"], new_start["count"]) == ("law", "LAW", 2)
    assert new_start["forms"] == {"New START Treaty": 1, "New START": 1}


def test_seed_no_journalist_or_outlet_is_a_place(seed):
    record, text = seed
    journalists = [s for s in record.speakers if s.role == "journalist"]
    assert len(journalists) == 13
    protected = {s.name for s in journalists} | {s.affiliation for s in journalists}
    mentions = record.annotations["entities"]["mentions"]
    spans = []
    for p in protected:
        at = text.find(p)
        while at >= 0:
            spans.append((at, at + len(p)))
            at = text.find(p, at + 1)
    assert len(spans) >= 26
    for m in mentions:
        if m["type"] in PLACE_TYPES:
            assert m["canonical"] not in protected, m
            assert not any(s < m["end_char"] and m["start_char"] < e for s, e in spans), m
    # every journalist named in a moderator's introduction is a person, every outlet an outlet
    person_names = names_of(record, "person")
    assert {s.name for s in journalists} <= person_names
    outlets = names_of(record, "outlet")
    assert {
        "Frankfurter Allgemeine Zeitung",
        "Interfax Ukraine",
        "Les Echos",
        "Nova Pobjeda",
        "Radio for Europe",
        "Polish Television TVP",
        "Kavian Press",
        "Brussels Morning",
    } <= outlets


def test_seed_moscow_as_government(seed):
    record, text = seed
    moscow = [m for m in record.annotations["entities"]["mentions"] if m["text"] == "Moscow"]
    assert len(moscow) == 1
    m = moscow[0]
    assert (m["canonical"], m["type"], m.get("metonym")) == ("Russia", "country", True)
    assert text[m["start_char"] : m["end_char"]] == "Moscow"
    washington = [x for x in record.annotations["entities"]["mentions"] if x["text"] == "Washington"]
    assert [x["canonical"] for x in washington] == ["United States"]


def test_seed_counts_per_turn_and_speaker(seed):
    record, text = seed
    russia = entity(record, "Russia")
    assert russia["count"] == 23
    assert russia["forms"] == {"Russia": 22, "Moscow": 1}
    assert sum(russia["turns"].values()) == 23
    assert sum(russia["speakers"].values()) == 23
    principal = next(s.id for s in record.speakers if s.role == "principal")
    assert russia["speakers"][principal] == 20  # "Russia" 20 times in his turns (checked with grep)
    nato = entity(record, "NATO")
    assert nato["count"] == 97
    # spans point into the source text
    for m in record.annotations["entities"]["mentions"]:
        assert text[m["start_char"] : m["end_char"]] == m["text"]
        if m["turn"] is not None:
            t = record.turn(m["turn"])
            assert t.start_char <= m["start_char"] < m["end_char"] <= t.end_char


def test_seed_exchange_entities(seed):
    record, _ = seed
    x = next(x for x in record.exchanges if record.speaker_name(x.questioner) == "Lailuma Sadid")
    top = x.annotations["entities"][:2]
    assert [(e["canonical"], e["count"]) for e in top] == [("NATO", 7), ("Afghanistan", 6)]
    assert {"id": "org:Taliban", "canonical": "Taliban", "type": "organisation", "count": 1} in x.annotations[
        "entities"
    ]


def test_biden_zelenskyy_entities(biden_zelenskyy):
    record, _ = biden_zelenskyy
    assert {"Ukraine", "United States", "Russia", "Finland", "Japan", "Sweden"} <= names_of(record, "country")
    assert {"Vladimir Putin", "Volodymyr Zelenskyy", "Joe Biden"} <= names_of(record, "person")
    assert entity(record, "Ukraine")["count"] == 63
    assert entity(record, "Vladimir Putin")["count"] == 15
    assert entity(record, "Patriot missile system")["count"] == 10
    assert entity(record, "UN Charter")["type"] == "law"
    # the interpreter's notes "(Speaks Ukrainian.)" are not people
    assert not any("Speaks" in n for n in names_of(record, "person"))


def test_ecb_entities(ecb_2015):
    record, _ = ecb_2015
    assert entity(record, "European Central Bank")["count"] == 18
    assert entity(record, "Governing Council")["count"] == 16
    assert {"Germany", "Greece", "Lithuania", "United States", "Switzerland"} == names_of(record, "country")


# -- the gazetteer and linking rules, one by one --------------------------------------------


@pytest.mark.parametrize(
    "alias,canonical",
    [
        ("Russia", "Russia"),
        ("Russian Federation", "Russia"),
        ("US", "United States"),
        ("U.S.", "United States"),
        ("UK", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("Turkey", "Turkey"),
        ("Türkiye", "Turkey"),
        ("Kosovo", "Kosovo"),
        ("North Macedonia", "North Macedonia"),
        ("PRC", "China"),
        ("Burma", "Myanmar"),
    ],
)
def test_gazetteer_country_aliases(alias, canonical):
    t = gazetteer().lookup(alias)
    assert (t.canonical, t.type, t.label) == (canonical, "country", "GPE")


@pytest.mark.parametrize(
    "alias,canonical,typ,label",
    [
        ("EU", "European Union", "organisation", "ORG"),
        ("al-Qaeda", "Al Qaeda", "organisation", "ORG"),
        ("Taliban", "Taliban", "organisation", "ORG"),
        ("New START", "New START", "law", "LAW"),
        ("Reuters", "Reuters", "outlet", "ORG"),
        ("Putin", "Vladimir Putin", "person", "PERSON"),
        ("Cold War", "Cold War", "event", "EVENT"),
    ],
)
def test_gazetteer_other_aliases(alias, canonical, typ, label):
    t = gazetteer().lookup(alias)
    assert (t.canonical, t.type, t.label) == (canonical, typ, label)


def test_gazetteer_leaves_ambiguous_names_to_context():
    patterns = {p["pattern"] for p in gazetteer().patterns if isinstance(p["pattern"], str)}
    assert "Russia" in patterns and "New START" in patterns
    for name in ("Dominica", "Georgia", "Jordan", "Moscow", "Washington"):
        assert name not in patterns


def test_gazetteer_from_custom_table():
    import json
    from importlib import resources

    data = json.loads(resources.files("pressroom.data").joinpath("entity_aliases.json").read_text("utf-8"))
    data["organisations"]["Pressroom Society"] = {"kind": "organisation", "aliases": ["PRS"]}
    gaz = Gazetteer(data)
    assert gaz.lookup("PRS").canonical == "Pressroom Society"


def test_flatten_keeps_offsets():
    text = "the Wall\nStreet Journal.\n\nNext\xa0line"
    flat = _flatten(text)
    assert len(flat) == len(text)
    assert flat == "the Wall Street Journal.  Next line"


def _record(text, speakers=()):
    from pressroom.record import Event, Speaker, Transcript, Turn

    sp = [Speaker(id="s1", name="Ann Example", labels=["ANN"], role="principal")]
    sp += [
        Speaker(id=f"s{i}", name=n, labels=[n], role="journalist", affiliation=a)
        for i, (n, a) in enumerate(speakers, 2)
    ]
    turns = [
        Turn(
            id="t1",
            speaker="s1",
            kind="statement",
            text=text,
            start_char=0,
            end_char=len(text),
            start_line=1,
            end_line=1,
            text_start=0,
        )
    ]
    return Transcript(event=Event(title="Test"), speakers=sp, turns=turns)


def _mentions(text, speakers=()):
    from pressroom.annotate import annotate

    record = _record(text, speakers)
    annotate(record, text, ["entities"])
    return [(m["text"], m["canonical"], m["type"]) for m in record.annotations["entities"]["mentions"]]


def test_moscow_in_a_place_phrase_stays_the_city():
    got = _mentions("Our ambassador in Moscow met officials. Moscow has rejected the proposal.")
    assert ("Moscow", "Moscow", "place") in got
    assert ("Moscow", "Russia", "country") in got


def test_georgia_needs_a_cue_to_be_the_country():
    assert ("Georgia", "Georgia (U.S. state)", "place") in _mentions(
        "We will campaign hard in Georgia and Arizona this fall."
    )
    assert ("Georgia", "Georgia", "country") in _mentions("Georgia and Ukraine are aspirant countries of NATO.")


def test_speaker_first_name_beats_the_country():
    got = _mentions(
        "Thank you, Dominica. As Dominica Cosic asked, we are ready.",
        speakers=[("Dominica Cosic", "Polish Television TVP")],
    )
    assert all(c == "Dominica Cosic" and t == "person" for _, c, t in got if "Dominica" in _)


def test_affiliation_is_an_outlet_not_a_place():
    got = _mentions("Welcome to Iryna Somer from Interfax Ukraine.", speakers=[("Iryna Somer", "Interfax Ukraine")])
    assert ("Interfax Ukraine", "Interfax Ukraine", "outlet") in got
    assert not any(t in PLACE_TYPES for _, _, t in got)
