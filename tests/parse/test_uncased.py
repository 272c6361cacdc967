"""Names and offices in labels of scripts with no capitals (pressroom/parse/uncased.py)."""

from __future__ import annotations

import pytest

from pressroom.parse.uncased import head_office, member_office, presiding_office, side_office, uncased_person


@pytest.mark.parametrize(
    "label, held",
    [
        ("区長（高橋久二君）", ("区長", "高橋久二")),  # an office and its holder, full-width brackets
        ("議長(林宏君)", ("議長", "林宏")),
        ("松澤利行君", (None, "松澤利行")),  # a member: the name and an honorific
        ("やなぎさわ聡議員", ("議員", "やなぎさわ聡")),  # a member's full name and office
        ("森澤区長", ("森澤区長", None)),  # a surname and an office: a title, no name
        ("行政長官", ("行政長官", None)),  # an office's own words: a title
        ("위원장 서상열", ("위원장", "서상열")),
        ("이용균 위원", ("위원", "이용균")),
        ("서울AI재단이사장 김만기", ("서울AI재단이사장", "김만기")),
        ("김민수 씨", None),  # two words, neither an office
        ("記者", None),  # an office alone names nobody
        ("Jane Roe", None),
        ("林君", None),  # a name of one letter left: too short to tell
    ],
)
def test_a_label_names_the_holder_of_an_office(label, held):
    assert uncased_person(label) == held


def test_offices_are_a_sides_a_members_a_chairs_or_a_heads():
    assert [side_office(t) for t in ("区長", "森澤副区長", "議員", "議長", "渡辺議長", None)] == [True, True] + [
        False
    ] * 4
    assert [presiding_office(t) for t in ("議長", "渡辺議長", "副議長", "위원장", "区長")] == [True] * 4 + [False]
    assert [member_office(t) for t in ("議員", "위원", "위원장", None)] == [True, True, False, False]
    assert [head_office(t) for t in ("区長", "副区長", "시장", "부시장")] == [True, False, True, False]
