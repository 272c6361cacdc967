"""Does a text ask (pressroom/parse/asking.py)?"""

from __future__ import annotations

import pytest

from pressroom.parse.asking import question_marked


@pytest.mark.parametrize(
    "text, asks",
    [
        ("What comes next?", True),
        ("We go on. “Why?” she said.", True),
        ("That is all for today.", False),
        ("That’s all — thank you.", False),  # not ASCII, and nothing asks
        ("預算是多少？", True),  # the full-width question mark
        ("区の見解はいかがでしょうか。", True),  # a Japanese question: か and a full stop
        ("学校の安全対策について伺います。", True),  # "I ask about …", as a member puts it
        ("私からは、学校の安全対策についてお答えいたします。", False),  # an official answers
    ],
)
def test_a_question_mark_or_an_unspaced_languages_cue_asks(text, asks):
    assert question_marked(text) is asks
