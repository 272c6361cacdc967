"""The transcript page's view model, the marked-up turn text, the chart specifications."""

from __future__ import annotations

from markupsafe import Markup

from pressroom.search import parse_query
from pressroom.serve import charts, marks, views
from pressroom.store.models import TimelinePoint


def test_render_escapes_and_splits_paragraphs():
    html = marks.render('A <b>&</b> "q"\nnext line\n\n  Second <script>x</script>  ')
    assert isinstance(html, Markup)
    assert str(html) == (
        "<p>A &lt;b&gt;&amp;&lt;/b&gt; &#34;q&#34; next line</p><p>Second &lt;script&gt;x&lt;/script&gt;</p>"
    )


def test_hard_wrapped_paragraphs_flow():
    wrapped = (
        "This paragraph was wrapped at seventy-two characters by a converter, so\n"
        "its line breaks mean nothing and the page lets it flow as one block."
    )
    assert str(marks.render(wrapped)) == "<p>" + wrapped.replace("\n", " ") + "</p>"
    listed = "Russia's destabilising activities,\nthe threat of terrorism,\nand climate change."
    assert str(marks.render(listed)) == (
        "<p>Russia&#39;s destabilising activities, the threat of terrorism, and climate change.</p>"
    )
    # a line break before a list item stays
    assert str(marks.render("Items:\n- one\n- two\n• three")) == "<p>Items:<br>- one<br>- two<br>• three</p>"


def test_overlapping_marks_become_flat_segments():
    text = "We will not comment on that today."
    out = marks.render(
        text,
        [
            marks.Mark(3, 19, "cue", "declining"),
            marks.Mark(0, 11, "addressing"),
            marks.Mark(12, 19, "hl"),
            marks.Mark(0, 2, "bogus"),
        ],
    )
    assert str(out) == (
        '<p><span class="addressing">We </span>'
        '<span class="cue addressing" title="declining">will not</span>'
        '<span class="cue" title="declining"> </span>'
        '<mark class="cue" title="declining">comment</mark>'
        " on that today.</p>"
    )


def test_titles_are_escaped():
    out = marks.render("abc", [marks.Mark(0, 3, "cue", '"><img src=x onerror=alert(1)>')])
    assert str(out) == '<p><span class="cue" title="&#34;&gt;&lt;img src=x onerror=alert(1)&gt;">abc</span></p>'


def test_term_marks_follow_the_query_language():
    text = "Arms control, arms-control talks and the ARMS race; disarmament."
    q = parse_query('"arms control" OR disarm*')
    spans = [text[m.start : m.end] for m in marks.term_marks(text, q.terms)]
    assert spans == ["Arms control", "arms-control", "disarmament"]
    q = parse_query("arms NOT race")
    assert [text[m.start : m.end] for m in marks.term_marks(text, q.terms)] == ["Arms", "arms", "ARMS"]


def test_fast_and_folded_term_marks_agree(seed_transcript):
    for query in ('"arms control"', "nato", "afghan*", "russia OR china", '"new start" OR treaty', "allies NOT x"):
        terms = parse_query(query).terms
        for turn in seed_transcript.turns:
            fast = sorted((m.start, m.end) for m in marks.term_marks(turn.text, terms))
            slow = sorted((m.start, m.end) for m in marks.folded_marks(turn.text, terms))
            assert fast == slow, (query, turn.id)
    text = "Zoë Ångström and zoe angstrom"
    assert [text[m.start : m.end] for m in marks.term_marks(text, parse_query("zoe").terms)] == ["Zoë", "zoe"]


def test_locate_prefers_absolute_offsets_then_the_quote():
    turn = "So all options are on the table."
    assert marks.locate(turn, 100, 107, 118, "options are") == (7, 18)  # source offsets
    assert marks.locate(turn, 100, 7, 18, "options are") == (7, 18)  # offsets into the turn
    assert marks.locate(turn, 100, 0, 5, "on the table") == (19, 31)  # neither fits: found by its text
    assert marks.locate(turn, 100, None, None, "not there") is None


def test_transcript_view_of_the_seed(seed_transcript):
    v = views.build(seed_transcript)
    assert len(v.exchanges) == 13
    assert [b.kind for b in v.blocks].count("exchange") == 13
    assert v.blocks[0].kind == "turn" and v.blocks[0].turn.id == "t1"
    # the fixture deals the three classes in turn over the seed's 25 questions (tests/parse/test_seed.py)
    assert v.judged == {"Clear Reply": 9, "Ambivalent": 8, "Clear Non-Reply": 8, "unjudged": 0}
    x3 = v.exchanges[2]
    assert (x3.questioner.name, x3.questioner.affiliation, [a.name for a in x3.answerers]) == (
        "Lailuma Sadid",
        "Kavian Press",
        ["Jens Stoltenberg"],
    )
    assert [t.id for t in x3.turns] == ["t9", "t10"]
    assert [(q.number, q.clarity, q.short) for q in x3.verdicts] == [
        (1, "Clear Non-Reply", "Not answered"),
        (2, "Clear Reply", "Answered"),
    ]
    assert [e.text for e in x3.verdicts[0].evidence] == ["all options are on the table"]
    assert [c.label for c in x3.topics] == ["Defense"]
    assert [c.label for c in x3.entities] == ["NATO", "Afghanistan"]
    # evidence and questions are marked in the turn text
    answer = str(x3.turns[1].html)
    assert (
        '<span class="cue addressing" title="Q1 evidence: non-commitment — “all options on the table” · '
        "Q2 evidence: non-commitment — “all options on the table” · Q2 evidence: addresses the question "
        '(similarity 0.61)">all options are on the table</span>' in answer
    )
    question = str(x3.turns[0].html)
    assert question.count('class="question"') == 2
    assert x3.turns[1].cite == (
        "Jens Stoltenberg, NATO Secretary General, NATO, Press conference by NATO Secretary "
        "General Jens Stoltenberg ahead of the meetings of NATO Foreign Ministers on 23 and "
        "24 March 2021 at NATO Headquarters, NATO Headquarters, 2021-03-22"
    )
    speakers = {s.name: s.css for s in v.speakers}
    assert speakers["Jens Stoltenberg"] == "sp-principal" and speakers["NATO Spokesperson"] == "sp-moderator"
    assert speakers["Thomas Gutschker"] == "sp-0"


def test_query_highlights_count(seed_transcript):
    v = views.build(seed_transcript, parse_query("arms control"))
    assert v.hits == 8
    t16 = next(t for x in v.exchanges for t in x.turns if t.id == "t16")
    assert t16.hits == 4
    assert "<mark>arms</mark> <mark>control</mark>" in str(t16.html)


def test_view_of_a_record_without_annotations():
    import pressroom
    from tests.serve.conftest import SEED

    v = views.build(pressroom.parse_path(SEED))
    assert v.judged["unjudged"] == 25
    assert all(x.overall is None and x.overall_css == "unjudged" for x in v.exchanges)
    assert v.entities == [] and v.topics == []


def test_clarity_chart_spec():
    spec = charts.clarity_chart([TimelinePoint("2021", "Clear Reply", 3), TimelinePoint("2021", None, 1)])
    assert spec["data"]["values"] == [
        {"period": "2021", "verdict": "Clear Reply", "questions": 3},
        {"period": "2021", "verdict": "Not judged", "questions": 1},
    ]
    assert spec["mark"] == {"type": "bar", "tooltip": True, "width": 44}
    assert spec["encoding"]["color"]["scale"]["domain"] == charts.CLARITY_DOMAIN
    assert charts.clarity_chart([]) is None
    assert charts.topics_chart([TimelinePoint("2021", None, 3)]) is None


def test_interval_for_the_span():
    assert charts.interval_for("2021-03-22", "2021-03-30") == "day"
    assert charts.interval_for("2021-03-22", "2022-01-01") == "month"
    assert charts.interval_for("2021-01-05", "2024-11-17") == "year"
    assert charts.interval_for(None, None) == "month"


def test_anonymous_reporters_share_a_line_in_the_speaker_list():
    import pressroom
    from tests.serve.conftest import XSS

    v = views.build(pressroom.parse_path(XSS))
    assert [(g.first.name, g.members, g.turns) for g in v.speaker_groups] == [("MS. SPOKESPERSON", 1, 3), ("Q", 2, 2)]


def test_turn_block_escapes_every_value():
    sp = views.SpeakerView("s1", '<img src=x onerror="alert(1)">', "journalist", "A & B", None, "sp-0")
    turn = views.TurnView('t1"><script>', sp, "question", marks.render("<b>hi</b>"), "<b>hi</b>", None)
    html = str(turn.block)
    assert "<img" not in html and "<script" not in html and "<b>" not in html
    assert 'data-who="&lt;img src=x onerror=&#34;alert(1)&#34;&gt;, A &amp; B"' in html
    assert 'href="/speakers/%3Cimg%20src%3Dx%20onerror%3D%22alert%281%29%22%3E"' in html
    assert 'id="t1&#34;&gt;&lt;script&gt;"' in html
    assert "<p>&lt;b&gt;hi&lt;/b&gt;</p>" in html


def test_verdicts_carry_their_confidence_and_the_models_agreement(seed_transcript):
    v = views.build(seed_transcript)
    x3 = v.exchanges[2]
    # the fixture gives every judged question p 0.8 for its class
    assert [(q.short, q.certainty, q.reason) for q in x3.verdicts] == [
        ("Not answered", "p 0.80", None),
        ("Answered", "p 0.80", None),
    ]
    assert (x3.overall, x3.certainty) == ("Clear Non-Reply", "p 0.80")
    assert v.agreement == (
        "Model's verdicts, not facts: against human annotators on 308 test questions the model scores macro-F1 "
        "0.58 on clarity (Clear Reply 0.39, Ambivalent 0.77, Clear Non-Reply 0.58) and 0.33 on the evasion "
        "technique; it never predicts Partial/half-answer."
    )


def test_a_question_not_judged_says_why():
    import pressroom
    from tests.serve.conftest import SEED

    t = pressroom.parse_path(SEED)
    x = t.exchanges[0]
    x.annotations["clarity"] = [{"question": x.questions[0].id, "clarity": None, "not_judged": "the answer is cut off"}]
    v = views.build(t)
    assert [(q.short, q.certainty, q.reason) for q in v.exchanges[0].verdicts] == [
        ("Not judged", "", "the answer is cut off")
    ]
    assert v.agreement == ""  # nothing judged, nothing to qualify


def test_clarity_chart_says_whose_verdicts_they_are():
    spec = charts.clarity_chart([TimelinePoint("2021", "Clear Reply", 3)])
    assert spec["description"] == "Answered vs dodged questions: the model's verdicts"
    assert spec["usermeta"]["agreement"].startswith("Model's verdicts, not facts: against human annotators on 308")
