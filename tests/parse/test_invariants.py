"""Property-based: on generated and mutated transcripts the parser never raises anything but a
ParseError, and nothing is lost: every non-blank character of the body lies in exactly one turn
or apparatus span, in order, and each turn can be cut back out of the source."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pressroom
from pressroom.errors import ParseError, ReadError
from pressroom.parse import check_coverage
from tests.conftest import SEED

LABELS = [
    "MS. PSAKI:",
    "Q",
    "Q:",
    "Q.",
    "QUESTION:",
    "THE PRESIDENT.",
    "Thomas Gutschker:",
    "NATO Spokesperson:",
    "CHAIR POWELL.",
    "Ed Conway, Sky News.",
    "Draghi:",
    "Question:",
    "MODERATOR:",
    "A:",
    "Follow-up:",
    'NATO Secretary General"',
    "Reuters:",
    "**MR. KIRBY:**",
    "Q\u00a0\u00a0\u00a0",
]
SENTENCES = [
    "Thank you.",
    "Our position is very clear: no.",
    "Will you go to Brussels?",
    "W",
    "As of 12:14 or so, markets moved.",
    "(Laughter.)",
    "* * *",
    "END",
    "7:37 P.M. EST",
    "\\###",
    "Good afternoon and welcome.",
    "We'll go to Andrej Matisak from Pravda.",
    "Okay.",
    "—",
    "Last updated: 30 Nov. 2022 07:12",
    "(As delivered)",
    "by NATO Secretary General Jens Stoltenberg",
]

paragraph = st.builds(
    lambda label, words, sep: (label + sep if label else "") + " ".join(words),
    st.one_of(st.none(), st.sampled_from(LABELS)),
    st.lists(st.one_of(st.sampled_from(SENTENCES), st.text(min_size=0, max_size=30)), min_size=1, max_size=6),
    st.sampled_from([" ", "  ", "\u00a0 ", ""]),
)
document = st.builds(
    lambda paras, joins: "".join(p + j for p, j in zip(paras, joins)),
    st.lists(paragraph, min_size=1, max_size=25),
    st.lists(st.sampled_from(["\n\n", "\n", "\n \n", "\r\n\r\n", "\n\n\n"]), min_size=25, max_size=25),
)


def check(text: str):
    try:
        doc = pressroom.read_bytes(text.encode("utf-8"), name="gen.txt")
    except ReadError:
        return  # empty or binary-looking input: a clear refusal, not a crash
    try:
        r = pressroom.parse_document(doc)
    except ParseError:
        return
    assert check_coverage(r, doc.text, doc.body_start) == []
    last = -1
    for t in r.turns:
        assert t.start_char <= t.text_start <= t.end_char
        assert doc.text[t.text_start : t.end_char] == t.text
        assert t.start_char > last
        last = t.start_char
        assert r.speaker(t.speaker) is not None
        assert t.kind in ("statement", "moderator", "question", "answer", "remark")
    for x in r.exchanges:
        for q in x.questions:
            assert doc.text[q.start_char : q.end_char] == q.text
    assert len({t.id for t in r.turns}) == len(r.turns)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_generated_transcripts(text):
    check(text)


SEED_TEXT = SEED.read_text(encoding="utf-8")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, len(SEED_TEXT)), st.integers(0, 40), st.text(max_size=12)), min_size=1, max_size=8
    )
)
def test_mutated_seed(edits):
    text = SEED_TEXT
    for pos, cut, insert in edits:
        pos = min(pos, len(text))
        text = text[:pos] + insert + text[pos + cut :]
    check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text(text):
    check(text)
