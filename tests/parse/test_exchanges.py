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
    assert [q.text for q in r.exchanges[0].questions] == [
        "And then, secondly, on the Black Sea grain deal: Assuming Russia doesn't lift this —",
        "Or is it really just at the mercy of Russia here?"]


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
    assert [t.kind for t in r.turns] == ["moderator", "question", "answer", "question", "moderator", "question",
                                         "answer"]
    assert [(x.question_turns, x.answer_turns) for x in r.exchanges] == [
        (["t2"], ["t3"]), (["t4"], []), (["t6"], ["t7"])]


def test_sentences_of_punctuation_runs():
    from pressroom.parse.exchanges import _sentences

    text = 'Is it?! Yes." Nay.) Mr. Lee... U.S. said so.  Fine.\n\nNext'
    assert [text[s:e] for s, e in _sentences(text)] == [
        "Is it?!", ' Yes."', " Nay.)", " Mr. Lee...", " U.S. said so.", "  Fine.", "", "Next"]


@pytest.mark.parametrize("text", [
    "Is it " + "." * 60_000 + "x true?",  # 94 s before: the sentence pattern backtracked over the run
    "secondly " * 40 + "why",  # 2^40 steps before: two openers matched the same word
    "and the second question " * 2_000 + "x.",
])
def test_question_splitting_is_linear(text):
    import time

    from pressroom.parse.exchanges import split_questions
    from pressroom.record import Turn

    turn = Turn(id="t1", speaker="s1", kind="question", label="Q", text=text, start_char=0, end_char=len(text),
                text_start=0, start_line=1, end_line=1)
    start = time.perf_counter()
    questions = split_questions(turn, text, "x1", 1)
    assert time.perf_counter() - start < 0.5
    assert questions[-1].end_char == len(text)


def test_call_out_check_is_linear():
    import time

    from pressroom.parse.kinds import _callout_sentence

    start = time.perf_counter()
    assert _callout_sentence("A" * 400) is False  # a second before: three pieces of a capital run
    assert time.perf_counter() - start < 0.1
    assert [_callout_sentence(x) for x in ("Thanks. Mr. Lee.", "Go on. Steve .", "Okay. Anne  Lee.", "a. A B C D.")] \
        == [True, True, False, False]
