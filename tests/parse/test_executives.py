"""A company's executives as its call's opening introduces them (`parse/executives.py`)."""

from __future__ import annotations

from faker.providers.person.en_US import Provider as _Names
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import pressroom
from pressroom.parse.people import OUTLET_WORDS, is_title_word

LONG = (
    "We delivered another strong quarter, with revenue up nine percent and margins that held, and we "
    "expect the second half of the year to bring the new plant on line as we planned in January."
)


def _roles(opening: str) -> dict:
    text = (
        "Operator: Welcome to the call. I will now turn it over to our host.\n\n"
        f"Ann Poe: {opening}\n\n"
        f"John Doe: Thank you. {LONG} {LONG}\n\n"
        f"Jane Roe: Thanks, John. {LONG}\n\n"
        "Operator: Our first question comes from Max Moe. Please go ahead.\n\n"
        "Max Moe: How should we think about margins next year?\n\n"
        f"John Doe: {LONG}\n\n"
        "Ann Poe: Thanks, Max. Operator, next question, please.\n\n"
        "Operator: Our next question comes from Kim Koe. Please go ahead.\n\n"
        "Kim Koe: And what about pricing?\n\n"
        f"Jane Roe: {LONG}\n\n"
        "Ann Poe: Thanks, Kim. That concludes our call.\n"
    )
    record = pressroom.parse_document(pressroom.read_bytes(text.encode(), name="call.txt"))
    return {s.name: (s.role, s.title) for s in record.speakers if s.name}


def test_the_head_the_host_introduces_is_the_principal_and_the_others_officials():
    roles = _roles("With me today are Jane Roe, our president and CEO, and John Doe, chief financial officer.")
    assert roles["Jane Roe"] == ("principal", "president and CEO")
    assert roles["John Doe"] == ("official", "chief financial officer")
    assert roles["Max Moe"][0] == "journalist"


def test_a_head_of_something_the_title_names_decides_nothing():
    # the CEO of a subsidiary, perhaps not the call's head: the roles are left to what they do
    roles = _roles("With me today are Jane Roe, CEO Acme Motors, and John Doe, chief financial officer.")
    assert roles["Jane Roe"][1] is None and roles["John Doe"][1] is None


def test_a_self_introduction_is_no_introduction_of_an_executive():
    roles = _roles("I'm Ann Poe, head of investor relations. With me is Jane Roe, our CEO.")
    assert roles["Jane Roe"][1] is None  # one executive introduced with a title: nothing is decided


def test_the_host_who_introduces_them_is_an_official():
    roles = _roles("With me today are Jane Roe, our president and CEO, and John Doe, chief financial officer.")
    assert roles["Ann Poe"] == ("official", None)  # the call's host: the company's side, no floor of her own


# -- a title a hard-wrapped opening breaks across its lines ----------------------------------------

_FIRST = sorted(set(_Names.first_names_male) | set(_Names.first_names_female))
_LAST = sorted(_Names.last_names)


def _call(host: str, opening: str, execs: list[str]) -> dict:
    """A call whose host's opening is ``opening``; each executive answers at length."""
    turns = ["Operator: Welcome to the call. I will now turn it over to our host.", f"{host}: {opening}"]
    turns += [f"{e}: Thank you. {LONG}" for e in execs]
    turns += ["Operator: Our first question comes from Max Moe. Please go ahead.", "Max Moe: And margins?"]
    turns += [f"{execs[1]}: {LONG}", f"{host}: Thanks, Max. That concludes our call."]
    record = pressroom.parse_document(pressroom.read_bytes("\n\n".join(turns).encode() + b"\n", name="call.txt"))
    return {s.name: (s.role, s.title) for s in record.speakers if s.name}


@settings(max_examples=80, deadline=None, derandomize=True, database=None)
@given(
    names=st.lists(st.tuples(st.sampled_from(_FIRST), st.sampled_from(_LAST)), min_size=4, max_size=4),
    wrap=st.sampled_from(["President and Chief\nOperating Officer", "President and\nChief Operating Officer"]),
)
def test_a_title_the_openings_line_breaks_is_read_whole(names, wrap):
    surnames = [last for _, last in names]
    # a surname that is a title word or an outlet's word is another matter (`people.is_title_word`)
    assume(len(set(surnames)) == 4 and not any(is_title_word(s) or s.lower() in OUTLET_WORDS for s in surnames))
    host, head, coo, cfo = (f"{first} {last}" for first, last in names)
    opening = (
        f"Good morning. Joining today are: {head}, Chairman and CEO; {coo}, {wrap}; and {cfo}, Chief\n"
        "Financial Officer. Earlier this morning, we issued a press release."
    )
    roles = _call(host, opening, [head, coo, cfo])
    assert roles[head] == ("principal", "Chairman and CEO")
    assert roles[coo] == ("official", "President and Chief Operating Officer")
    assert roles[cfo] == ("official", "Chief Financial Officer")


def test_a_line_that_opens_a_sentence_is_no_part_of_the_title():
    roles = _call(
        "Ann Poe",
        "With me today are Jane Roe, our CEO\nWe will begin with prepared remarks, and John Doe, our\nChief "
        "Financial Officer.",
        ["Jane Roe", "John Doe", "Kim Koe"],
    )
    assert roles["Jane Roe"] == ("principal", "CEO")
    assert roles["John Doe"] == ("official", "Chief Financial Officer")
