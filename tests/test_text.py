"""The text toolkit (pressroom/text.py): normalisation, the three folds, the four sentence
splitters and the word counts, with exact values worked out by hand from each docstring."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pressroom.text import (
    BLANK_CHARS,
    capitalised_sentence_spans,
    count_spaced_words,
    count_words,
    fold_case_and_accents,
    fold_name,
    fold_typography,
    for_matching,
    is_blank,
    naive_sentences,
    spoken_sentence_spans,
    tiling_sentence_spans,
    word_spans,
)

# -- why there are four splitters: one text, four answers ----------------------------------------

SAMPLE = "Mr. Lee said it was fine. then Dr. Who left.Now 3 items.\n\nYes"


def test_the_four_splitters_differ_on_one_text():
    """Each splitter gives its own callers the sentences their output was built on; merging any
    two would change a record or an annotation, which is why all four are kept."""
    # ends at "fine." (a full stop before a space), not after "Mr."/"Dr."; "left.Now" has no
    # space; the blank line ends a sentence as an empty span; spans keep their leading space
    assert [SAMPLE[s:e] for s, e in tiling_sentence_spans(SAMPLE)] == [
        "Mr. Lee said it was fine.",
        " then Dr. Who left.Now 3 items.",
        "",
        "Yes",
    ]
    # every ". " is a break, abbreviations included
    assert naive_sentences(SAMPLE) == ["Mr.", "Lee said it was fine.", "then Dr.", "Who left.Now 3 items.", "Yes"]
    # "fine. then": a lower-case word goes on with the sentence
    assert [SAMPLE[s:e] for s, e in spoken_sentence_spans(SAMPLE)] == [
        "Mr. Lee said it was fine. then Dr. Who left.Now 3 items.",
        "Yes",
    ]
    # "left.Now": glued sentences are split; "fine. then" is not (no capital)
    assert [SAMPLE[s:e] for s, e in capitalised_sentence_spans(SAMPLE)] == [
        "Mr. Lee said it was fine. then Dr. Who left.",
        "Now 3 items.",
        "Yes",
    ]


# -- each splitter's own cases -------------------------------------------------------------------


def test_tiling_sentences_of_punctuation_runs():
    text = 'Is it?! Yes." Nay.) Mr. Lee... U.S. said so.  Fine.\n\nNext'
    assert [text[s:e] for s, e in tiling_sentence_spans(text)] == [
        "Is it?!",
        ' Yes."',
        " Nay.)",
        " Mr. Lee...",
        " U.S. said so.",
        "  Fine.",
        "",
        "Next",
    ]


def test_tiling_sentences_end_after_an_ordinal():
    text = "It was May 1st. Then June."
    assert [text[s:e] for s, e in tiling_sentence_spans(text)] == ["It was May 1st.", " Then June."]


def test_naive_sentences_strip_the_text_first():
    assert naive_sentences("  Thanks.   Mr. Lee?\n") == ["Thanks.", "Mr.", "Lee?"]


def test_spoken_sentence_spans():
    text = "Mr. Smith met Joseph R. Biden in the U.S. today. Good.\nIs it?\n\nYes — and\nno"
    spans = spoken_sentence_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "Mr. Smith met Joseph R. Biden in the U.S. today.",
        "Good.",
        "Is it?",
        "Yes — and\nno",
    ]
    assert spoken_sentence_spans("   ") == []
    assert spoken_sentence_spans("One. Two.", offset=10) == [(10, 14), (15, 19)]


def test_capitalised_sentence_spans_split_list_items_and_trim():
    text = "  We agreed:\n- more troops\n- more money  "
    assert [text[s:e] for s, e in capitalised_sentence_spans(text)] == ["We agreed:", "- more troops", "- more money"]
    assert capitalised_sentence_spans(" \n\n ") == []


# -- folding -------------------------------------------------------------------------------------


def test_fold_typography_keeps_case():
    assert (
        fold_typography("Secretary\u00a0General’s  \ufb01nal \u201cword\u201d\\_")
        == 'Secretary General\'s final "word"_'
    )


def test_fold_case_and_accents_keeps_punctuation():
    assert fold_case_and_accents("Žilina’s CAFÉ, naïve") == "zilina’s cafe, naive"


def test_fold_name_is_ascii_words():
    assert fold_name("O’Donnell-Smith, Jr.") == "odonnell smith jr"
    assert fold_name("AT&T") == "at&t"


@pytest.mark.parametrize("text", ["O’Donnell", "Žilina CAFÉ", "U.S.-Peru", "  Mr.  Lee  ", "ﬁnal", "Q:", ""])
def test_the_search_and_people_folds_are_these(text):
    """search.py and identity_rules.py take their `fold` from the toolkit: one function each."""
    from pressroom import identity_rules, search

    assert search.fold is fold_case_and_accents
    assert identity_rules.fold is fold_name


# -- normalisation -------------------------------------------------------------------------------


def test_for_matching_keeps_offsets():
    text = "A\u00a0\u201cquote\u201d \\_x\t"
    out = for_matching(text)
    assert out == 'A "quote"  _x '
    assert len(out) == len(text)


def test_blank():
    assert is_blank("\u200b \u2060\ufeff\t\n")
    assert not is_blank(" x ")
    assert "\u3000" in BLANK_CHARS and "\u00a0" in BLANK_CHARS


# -- words ---------------------------------------------------------------------------------------


def test_words():
    text = "Don't tell NATO-Russia (U.S.) _x_ 3"
    assert list(word_spans(text, 100)) == [
        (100, 105, "Don't"),
        (106, 110, "tell"),
        (111, 122, "NATO-Russia"),
        (124, 125, "U"),
        (126, 127, "S"),
        (131, 132, "x"),
        (134, 135, "3"),
    ]
    assert count_words(text) == 7


def test_count_spaced_words_with_a_cap():
    assert count_spaced_words(" a  b\nc ") == 3
    assert count_spaced_words("a b c d", 2) == 3  # exact up to the cap, cap + 1 beyond
    assert count_spaced_words("a b", 2) == 2
    assert count_spaced_words("") == 0


@given(st.text(alphabet=st.sampled_from(BLANK_CHARS + "a-\\\u00a0\u200b\u2060\ufeff\t"), max_size=8))
def test_a_matching_copy_is_blank_where_the_text_is(text):
    """`body_lines` tells a blank line by ``norm.strip()`` on the `for_matching` copy: the same
    answer as `is_blank` on the text, because that copy makes every extra space a plain one."""
    assert (not for_matching(text).strip()) == is_blank(text)


def test_count_spaced_words_counts_two_characters_of_chinese_or_japanese_as_a_word():
    """Chinese and Japanese put no spaces between words: a line of 30 such characters is 15 words,
    not one; letters and digits among them count as spaced words; a cap still holds."""
    ja = "私からは、学校の安全対策についてお答えいたします。"  # 23 kana and kanji, 2 marks
    assert count_spaced_words(ja) == 23 // 2  # the marks between them no words
    assert count_spaced_words(ja + ja + " NATO 2025") == 23 + 2
    assert count_spaced_words(ja, 5) == 6
    assert count_spaced_words("“Quoted” words stay spaced") == 4  # not ASCII, short pieces
    assert count_spaced_words("김민수 위원 질의해 주십시오") == 4  # Korean puts spaces between words
