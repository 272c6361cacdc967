"""A company's executives as its call's opening introduces them (`parse/executives.py`)."""

from __future__ import annotations

import pressroom

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
