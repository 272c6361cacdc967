"""Each speaker pass alone (pressroom/parse/speakers.py lists them): a Cast is made from a
document's draft, the passes before the one under test run, and what that pass decides is checked."""

from __future__ import annotations

import pressroom
from pressroom.parse import draft
from pressroom.parse.cast import Cast
from pressroom.parse.floor import keep_the_floor, merge_named, moderator_threads
from pressroom.parse.naming import (
    callouts,
    given_names,
    introductions,
    label_people,
    metadata_person,
    names,
    self_named_pass,
)
from pressroom.parse.roles import roles
from pressroom.parse.content import interviewee
from pressroom.parse.speakers import PASSES, labels


def cast_until(text: str, last, name: str = "briefing.txt") -> Cast:
    """The Cast after every pass up to and including ``last``."""
    d = draft(pressroom.read_bytes(text.encode(), name=name))
    cast = Cast(d.turns, d.segs, d.header, d.text, d.header.people + label_people(d.segs, d.header.people))
    for run in PASSES:
        run(cast)
        if run is last:
            return cast
    raise AssertionError(f"{last.__name__} is not a pass")


def who(cast: Cast) -> list[tuple]:
    return [(w.name or (w.labels[0] if w.labels else None), w.role) for w in cast.per_turn]


BRIEFING = (
    "Press Briefing by Press Secretary Dana Whitcombe\n\n"
    "MS. WHITCOMBE: Good afternoon. I have one thing at the top. Go ahead, Marcus.\n\n"
    "Q Thanks. Is the budget late?\n\nMS. WHITCOMBE: No.\n\nQ And the storm?\n\n"
    "MS. WHITCOMBE: Teams are out. Next question.\n\nQ Hi. Anna Lee, Reuters. On trade?\n\n"
    "MS. WHITCOMBE: Talks go on.\n"
)


def test_the_passes_run_in_the_documented_order():
    assert [p.__name__ for p in PASSES] == [
        "labels",
        "metadata_person",
        "names",
        "examiners",
        "same_names",
        "same_offices",
        "initials",
        "given_names",
        "surnames",
        "legend_names",
        "chair_named",
        "self_named_pass",
        "introductions",
        "interviewer_asks",
        "callouts",
        "moderator_threads",
        "keep_the_floor",
        "merge_named",
        "middle_initials",
        "full_given_names",
        "sworn_and_examining",
        "interviewee",
        "roles",
    ]


def test_labels_gives_each_anonymous_q_a_speaker_and_the_header_person_her_label():
    cast = cast_until(BRIEFING, labels)
    assert len({id(w) for w in cast.per_turn}) == 4  # the secretary and three unnamed Qs
    assert cast.per_turn[0].person.name == "Dana Whitcombe"
    assert all(w.anonymous and w.role == "journalist" for w in cast.per_turn[1::2])


def test_names_takes_the_header_persons_name_and_role():
    cast = cast_until(BRIEFING, names)
    assert who(cast)[0] == ("Dana Whitcombe", "principal")


def test_introductions_name_a_self_introduced_reporter_only():
    cast = cast_until(BRIEFING, introductions)
    assert [(w.name, w.affiliation) for w in cast.per_turn[1::2]] == [
        (None, None),
        (None, None),
        ("Anna Lee", "Reuters"),
    ]


def test_callouts_name_the_reporter_a_led_call_out_names():
    cast = cast_until(BRIEFING, callouts)
    assert [w.name for w in cast.per_turn[1::2]] == ["Marcus", None, "Anna Lee"]


def test_keep_the_floor_joins_a_follow_up_to_the_called_reporter_until_the_floor_is_handed_on():
    cast = cast_until(BRIEFING, keep_the_floor)
    q = cast.per_turn[1::2]
    assert q[0] is q[1] and q[2] is not q[0]
    assert [w.name for w in q] == ["Marcus", "Marcus", "Anna Lee"]


def test_merge_named_makes_one_speaker_of_one_name():
    text = (
        "Press Briefing by Press Secretary John Roe\n\nMR. ROE: Welcome, everyone. Marcus.\n\nQ Is it late?\n\nMR. ROE: No. Anna.\n\nQ Why?\n\nMR. ROE: Because. Marcus.\n\n"
        "Q Thanks. Next year?\n"
    )
    cast = cast_until(text, merge_named)
    assert cast.per_turn[1] is cast.per_turn[5] and cast.per_turn[3] is not cast.per_turn[1]


def test_moderator_threads_keep_the_introduced_reporter_until_the_next_call():
    text = (
        "MODERATOR: We go to Andrej Matisak from Pravda.\n\nQ Is it late?\n\nMS. ROE: No.\n\nQ Why?\n\n"
        "MS. ROE: Because.\n\nMODERATOR: Next question.\n\nQ On trade?\n"
    )
    cast = cast_until(text, moderator_threads)
    assert cast.per_turn[1] is cast.per_turn[3]
    assert cast.per_turn[1].name == "Andrej Matisak" and cast.per_turn[6] is not cast.per_turn[1]


def test_metadata_person_speaks_under_the_office_label():
    text = (
        '---\ncreators:\n  - "Roe, Jane"\n---\n\nMINISTER: Good morning. We announce a programme today.\n\n'
        "QUESTION: What does it cost?\n\nMINISTER: Two billion.\n"
    )
    cast = cast_until(text, metadata_person, "t.md")
    assert cast.per_turn[0].person.name == "Jane Roe" and cast.per_turn[2] is cast.per_turn[0]


def test_self_named_names_a_surname_label_from_its_own_words():
    text = "MR. SLAVITT: Thanks. I'm Andy Slavitt, and I lead the team.\n\nQ What next?\n\nMR. SLAVITT: Vaccines.\n"
    assert who(cast_until(text, self_named_pass))[0] == ("Andy Slavitt", None)


def test_roles_decides_by_behaviour():
    text = (
        "CHAIR: We begin. The committee met today and agreed to hold rates steady for now, with a close watch "
        "on prices and jobs over the coming months, because inflation is still above our target and the "
        "labour market remains tight across most regions and sectors.\n\nMODERATOR: First question.\n\n"
        "REUTERS: Why hold?\n\nCHAIR: Prices.\n\nMODERATOR: Next.\n\nBLOOMBERG: When do you cut?\n\nCHAIR: Later.\n"
    )
    assert who(cast_until(text, roles)) == [
        ("CHAIR", "principal"),
        ("MODERATOR", "moderator"),
        ("REUTERS", "journalist"),
        ("CHAIR", "principal"),
        ("MODERATOR", "moderator"),
        ("BLOOMBERG", "journalist"),
        ("CHAIR", "principal"),
    ]


def test_given_names_names_a_given_name_label_from_the_title_alone():
    text = (
        '---\ntitle: "04: Fred Okafor on Breaking Changes"\n---\n\n'
        "**Henry**: Today I have with me Fred. How did it start?\n\n**Fred**: It started at school.\n"
    )
    cast = cast_until(text, given_names, "episode.md")
    assert [(w.labels, w.name) for w in cast.order] == [(["Henry"], None), (["Fred"], "Fred Okafor")]


def test_interviewee_names_the_one_who_answers_a_labelless_interview_from_its_headline():
    text = (
        "# Jana Roe: \u201cWe will build it\u201d\n\n"
        "**Why now?**\n\nBecause the money is there.\n\n**And the roads?**\n\nThey come next year.\n\n"
        "**Who pays?**\n\nThe region does.\n"
    )
    cast = cast_until(text, interviewee, name="interview.md")
    assert who(cast)[1::2] == [("Jana Roe", "principal")] * 3
    assert {w[0] for w in who(cast)[0::2]} == {None}
