"""Exchanges (pressroom/parse/exchanges.py): questions with the answers they got."""

import pytest

import pressroom


def parse(text: str):
    return pressroom.parse_document(pressroom.read_bytes(text.encode("utf-8"), name="t.md"))


BRIEFING = (
    "---\ntitle: Press Briefing by Press Secretary Karine Jean-Pierre and NSC Coordinator John Kirby\n---\n\n"
    "MS. JEAN-PIERRE: Good afternoon, everyone. John Kirby is here to talk about Ukraine and the grain deal, "
    "and then he will take a few of your questions. Go ahead, Admiral.\n\n"
    "MR. KIRBY: Thanks, Karine. Russia walked away from the Black Sea grain deal today, and we are working with "
    "our partners on what comes next for the people who depend on that grain.\n\n"
    "Q    And then, secondly, on the Black Sea grain deal: Assuming Russia doesn't lift this —\n\n"
    "MR. KIRBY: Yeah, yeah —\n\n"
    "Q    Or is it really just at the mercy of Russia here?\n\n"
    "MR. KIRBY: Well, look, to some degree, Russia does have a huge amount of responsibility here.\n\n"
    "Q    Thank you. And on China?\n\n"
    "MR. KIRBY: Okay.\n\n"
    "MS. JEAN-PIERRE: Go ahead, Sebastian.\n\n"
    "Q    On Niger, what is next?\n\n"
    "MR. KIRBY: We are watching closely.\n"
)


def test_a_question_cut_by_a_backchannel_is_one_exchange():
    # corpus-large 2023-07-17: "Yeah, yeah —" between two parts of one reporter's question
    r = parse(BRIEFING)
    got = [(x.question_turns, x.answer_turns) for x in r.exchanges]
    assert got == [(["t3", "t5"], ["t6"]), (["t7"], []), (["t10"], ["t11"])]
    # the first part is a condition cut off by the backchannel, not a question: only the second asks
    assert [q.text for q in r.exchanges[0].questions] == ["Or is it really just at the mercy of Russia here?"]
    assert [q.text for q in r.exchanges[1].questions] == ["And on China?"]


def test_an_answer_that_ends_by_passing_the_floor_is_an_answer():
    # corpus-large briefings: the dodge is the answer; a bare floor call is not
    r = parse(
        "---\ntitle: Press Briefing by Press Secretary Karine Jean-Pierre\n---\n\n"
        "MS. JEAN-PIERRE: Good afternoon, everyone. We have a lot to get to today, so let me start with the week "
        "ahead and then take your questions. Go ahead, Zeke.\n\n"
        "Q    Has the President seen the reports about the call?\n\n"
        "MS. JEAN-PIERRE: I'm just not going to comment on that from here.  Go ahead, Mary.\n\n"
        "Q    And the trip?\n\n"
        "MS. JEAN-PIERRE: Go ahead, please.  All right.  (Cross-talk.)  Go ahead, with the tie.\n\n"
        "Q    Thank you. On the trip, when does he leave?\n\n"
        "MS. JEAN-PIERRE: Tomorrow morning.\n"
    )
    assert [t.kind for t in r.turns] == [
        "moderator",
        "question",
        "answer",
        "question",
        "moderator",
        "question",
        "answer",
    ]
    assert [(x.question_turns, x.answer_turns) for x in r.exchanges] == [
        (["t2"], ["t3"]),
        (["t4"], []),
        (["t6"], ["t7"]),
    ]


@pytest.mark.parametrize(
    "text,n",
    [
        ("Is it " + "." * 60_000 + "x true?", 1),  # 94 s before: the sentence pattern backtracked over the run
        ("secondly " * 40 + "why", 1),  # 2^40 steps before: two openers matched the same word
        ("and the second question " * 2_000 + "x.", 0),  # announces a question and asks none
        ("Mr. President, " * 5_000 + "is it true?", 1),  # 5,000 leading clauses, each tried once
        ("Thank you for " + "the very " * 5_000 + "time.", 0),
    ],
)
def test_question_splitting_is_linear(text, n):
    import time

    from pressroom.parse.exchanges import split_questions
    from pressroom.record import Turn

    turn = Turn(
        id="t1",
        speaker="s1",
        kind="question",
        label="Q",
        text=text,
        start_char=0,
        end_char=len(text),
        text_start=0,
        start_line=1,
        end_line=1,
    )
    start = time.perf_counter()
    questions = split_questions(turn, text, "x1", 1)
    assert time.perf_counter() - start < 0.5
    assert len(questions) == n
    if n:
        assert questions[-1].end_char == len(text)


def test_call_out_check_is_linear():
    import time

    from pressroom.parse.kinds import _callout_sentence

    start = time.perf_counter()
    assert _callout_sentence("A" * 400) is False  # a second before: three pieces of a capital run
    assert time.perf_counter() - start < 0.1
    assert [
        _callout_sentence(x) for x in ("Thanks. Mr. Lee.", "Go on. Steve .", "Okay. Anne  Lee.", "a. A B C D.")
    ] == [True, True, False, False]


def questions_of(text: str) -> list[str]:
    from pressroom.parse.exchanges import find_questions

    return [text[s:e] for s, e in find_questions(text)]


def test_a_preamble_is_not_a_question_and_the_real_one_is_found():
    # the seed's exchange x9 (issue #19): the first sentence only greets and addresses; the real
    # question has no question mark ("in your opinion, is it …")
    text = (
        "So, my question, good afternoon Secretary General, my question is to you. NATO constantly repeats that "
        "it does not interfere in the internal affairs of member states, nor in intelligence issues in Montenegro. "
        "So, in your opinion, is it internal issue of Montenegro, when secret data from one of the NATO members "
        "countries leaks from security structures in Montenegro. What will be your response to this and your "
        "reaction as NATO. Thank you."
    )
    assert questions_of(text) == [
        "in your opinion, is it internal issue of Montenegro, when secret data from one of the NATO members "
        "countries leaks from security structures in Montenegro.",
        "What will be your response to this and your reaction as NATO.",
    ]


def test_a_false_start_is_not_a_question():
    # Fed press conference 2024-09-18 (shared/corpus/fed_fomc_pdf), Steve Liesman
    text = (
        "How do we make the—sorry, thank you, sir.  How do we figure out \nin the months ahead, is there another "
        "25 or 50 coming in based on what should we make that \ncall?  Thank you. "
    )
    assert questions_of(text) == [
        "How do we figure out \nin the months ahead, is there another 25 or 50 coming in based on what should we "
        "make that \ncall?"
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        # hearing checks, floor bids, greetings and thanks ask nothing
        (
            "Secretary General, do you hear me. My question is, do you have any information.",
            ["do you have any information."],
        ),
        ("Can I ask a quick follow-up question?", []),
        ("Thank you, Mr. President. Can I ask you one more?", []),
        ("Can I ask about something else, please?", []),
        ("Yes, hello. Thank you very much.", []),
        (
            "TV Imedi, Ketevan Kardava, Mr. Secretary General, are you going to discuss the open door policy.",
            ["are you going to discuss the open door policy."],
        ),
        # questions without a question mark
        (
            "Thank you Oana, I had a question; recently you expressed your concern about Turkey. I just wanted to know "
            "is NATO contemplating some kind of sanctions.",
            ["I just wanted to know is NATO contemplating some kind of sanctions."],
        ),
        ("I wonder whether the summit will go ahead.", ["I wonder whether the summit will go ahead."]),
        ("Can you tell us what the President said to him.", ["Can you tell us what the President said to him."]),
        ("Tell us about the call with Chancellor Scholz.", ["Tell us about the call with Chancellor Scholz."]),
        ("Mr. President, your reaction to the jobs report.", ["your reaction to the jobs report."]),
        # announcing a question is not asking it; reporting one asked earlier is not asking either
        ("I'd like to ask a question about Roxham Road. Why did you wait so long?", ["Why did you wait so long?"]),
        ("Six years ago, I asked you what was the state of the union. What is it now?", ["What is it now?"]),
        # names before a relative clause are the clause's subject, not an address
        (
            "Vladimir Putin, who you will see in Geneva, said relations were at a low point. In what concrete ways could "
            "your summit change that?",
            ["In what concrete ways could your summit change that?"],
        ),
        ("What, if any, actions will you take?", ["What, if any, actions will you take?"]),
        ("Where's Dr. Fauci, Dr. Birx?", ["Where's Dr. Fauci, Dr. Birx?"]),
        (
            "[Laughter] Or would you have preferred to be on a diet today?",
            ["Or would you have preferred to be on a diet today?"],
        ),
        ("NATO troops will not be withdrawing by May 1st. Is that right?", ["Is that right?"]),
    ],
)
def test_questions_found(text, expected):
    assert questions_of(text) == expected


# -- the quick test before the question splitter (`_may_ask`) --------------------------------------

_PIECES = [
    "what",
    "Why",
    "is it",
    "IS THERE",
    "could you tell us",
    "and",
    "so",
    "secondly,",
    "well",
    "the minister said",
    "we",
    "I",
    "sorry",
    "let me rephrase",
    "your reaction to",
    "any comment",
    "when do",
    "where",
    "-",
    "--",
    "\u2014",
    "\u2013",
    ",",
    ";",
    ":",
    ".",
    "  ",
    "\u0130",
    "\u017f",
    "Roe",
]


def _one_pattern():
    """`_may_ask`'s opener test as one pattern, "^" among its starts (the form the two patterns of
    `_Cues` replaced for speed): the reference they must agree with."""
    import json
    import re
    from importlib import resources

    data = json.loads(resources.files("pressroom.data").joinpath("question_cues.json").read_text(encoding="utf-8"))
    return re.compile(
        r"(?:^|[,;:](?=\s)|\s[\u2014\u2013-]+\s|\u2014|\u2013|"
        + data["restart"]["pattern"]
        + r")\s*+(?:"
        + data["connective"]["pattern"]
        + ")(?:"
        + data["opener"]["pattern"]
        + ")",
        re.I,
    )


def test_the_two_opener_patterns_find_an_opener_wherever_the_one_pattern_would():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from pressroom.parse.exchanges import _cues

    cues, one = _cues(), _one_pattern()
    found = []

    @settings(max_examples=3000, deadline=None, database=None)
    @given(
        st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8),
        st.lists(st.sampled_from(["", " "]), min_size=8, max_size=8),
    )
    def agree(pieces, glue):
        s = "".join(p + g for p, g in zip(pieces, glue))
        two = cues.opens_a_clause(s)
        assert two == (one.search(s) is not None), s
        found.append(two)

    agree()
    assert any(found) and not all(found)  # both outcomes were drawn
    # and by hand, each place an opener may stand, and none
    for s, expected in [
        ("And so what now.", True),  # at the start, after connectives
        ("The plan, is it working.", True),  # after a comma
        (", is it working.", True),  # a delimiter first
        ("The plan -- is it working.", True),  # after a spaced dash
        ("The plan\u2014is it working.", True),  # after an em dash
        ("The plan\u2013is it working.", True),  # after an en dash
        ("The plan\u2014sorry what is it.", True),  # after a false start only ("sorry" opens nothing)
        ("The plan is it.", False),  # "is it" inside a clause
        ("A well-known plan-is it.", False),  # a hyphen inside a word is no delimiter
        ("", False),
    ]:
        assert (cues.opens_a_clause(s), one.search(s) is not None) == (expected, expected), s


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister said so.",
        "We went there on Monday, and the rest followed.",
        "I think the plan is working.",
        "Thank you.",
    ],
)
def test_a_statement_fails_the_quick_test_and_the_full_one(sentence):
    from pressroom.parse.exchanges import _cues, _may_ask, question_span

    assert _may_ask(sentence, _cues()) is False
    assert question_span(sentence) is None
