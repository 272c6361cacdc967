"""HTML reader: main content, paragraphs and line breaks, bold labels, metadata, escaped pages."""

from __future__ import annotations

import pytest

import pressroom
from pressroom.errors import ReadError
from pressroom.read.html import (
    find_date,
    label_from_bold,
    read_html,
    unescape_bytes_literals,
)

from .conftest import (
    CORPUS,
    SHARED_CORPUS,
    SHARED_GOLD,
    gold_starts_problems,
    load_gold,
)

# A page laid out like the Chinese foreign ministry's (fmprc.gov.cn): navigation, menus,
# a hidden "related news" list and a footer around <div class="content">, words split over
# <SPAN>s, bold questions, &nbsp; paragraphs. The text is invented.
MFA_PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>Foreign Ministry Spokesperson Li Wei's Regular Press Conference on March 3, 2021</title>
<meta name="description" content="Regular press conference" />
<style>.content{padding-top:20px}</style><script>var x = "Q: not text";</script></head>
<body>
<div class="header"><div class="nav"><ul>
  <li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/pc">Press and Media Service</a></li>
  <li><a href="/about">About the Ministry</a></li><li><a href="/policy">Foreign Policy</a></li></ul></div></div>
<div class="container"><div class="urhere">Home &gt; Press and Media Service &gt; Spokesperson's Remarks</div>
<div class="content_mod">
  <h2 class="title">Foreign Ministry Spokesperson Li Wei's Regular Press Conference on March 3, 2021</h2>
  <h2 id="News_Body_subitle"></h2>
  <div class="date" id="News_Body_Time"></div>
  <div class="content">
<P style="FONT-SIZE: 14px">&nbsp;</P>
<P><B><SPAN>Q: The ministers </SPAN></B><B><SPAN>met on Monday. </SPAN></B><B><SPAN>What</SPAN></B><B><SPAN>'s your comment?</SPAN></B></P>
<P>A: China&nbsp;welcomes the <SPAN>meeting</SPAN><SPAN>. We</SPAN> hope for &quot;real&quot; progress &amp; more talks.</P>
<P align=justify><SPAN>Our position is very clear: </SPAN><SPAN>dialogue is the only way.</SPAN></P>
<P><STRONG>Reuters: Will the foreign minister travel to Europe this month?</STRONG></P>
<P>Li Wei: I have no information to release at the moment.</P>
<P>&nbsp;</P>
  </div>
  <div class="tool" style="display:none;" id="id_RelNewsList"><div>Related News:</div>
    <ul><li><a href="./t1.shtml">Foreign Ministry Spokesperson Li Wei's Regular Press Conference on March 2, 2021</a></li></ul></div>
</div></div>
<div class="footer"><div class="copyright">Copyright 1998-2021 Ministry of Foreign Affairs. All rights reserved.</div></div>
</body></html>"""

MFA_TEXT = (
    "Foreign Ministry Spokesperson Li Wei's Regular Press Conference on March 3, 2021\n\n"
    "Q: The ministers met on Monday. What's your comment?\n\n"
    'A: China welcomes the meeting. We hope for "real" progress & more talks.\n\n'
    "Our position is very clear: dialogue is the only way.\n\n"
    "Reuters: Will the foreign minister travel to Europe this month?\n\n"
    "Li Wei: I have no information to release at the moment."
)


def test_whole_page_keeps_only_the_transcript():
    doc = read_html(MFA_PAGE.encode(), {"path": "mfa.html"})
    assert doc.text == MFA_TEXT
    assert doc.format == "html"


def test_bold_labels_become_hints():
    doc = read_html(MFA_PAGE.encode(), {})
    assert [(h.name, doc.text[h.start_char : h.end_char]) for h in doc.labels] == [("Q", "Q:"), ("Reuters", "Reuters:")]


def test_metadata_from_title_meta_tags_and_visible_date():
    doc = read_html(MFA_PAGE.encode(), {})
    assert doc.metadata == {
        "title": "Foreign Ministry Spokesperson Li Wei's Regular Press Conference on March 3, 2021",
        "description": "Regular press conference",
        "date": "2021-03-03",
    }
    assert doc.source["encoding"] == "utf-8"


ARTICLE = """<html><head><title>Briefing | Example Ministry</title>
<meta property="og:site_name" content="Example Ministry">
<meta property="article:published_time" content="2023-05-04T10:00:00+02:00">
<meta property="article:modified_time" content="2023-05-05T08:30:00+02:00">
<link rel="canonical" href="https://example.org/briefings/2023-05-04">
</head><body>
<div class="logo"><h1><a href="/">Example Ministry</a></h1></div>
<nav><a href="/">Home</a> <a href="/briefings">Briefings</a></nav>
<header class="site-header"><p>Example Ministry — official website of the ministry of examples</p></header>
<main><article>
<h1>Press briefing by the spokesperson</h1>
<p class="place">The Press Room<br>Example City</p>
<p><b>MR. STONE:</b>&nbsp; Good morning, everyone.<br>&nbsp;<br>Two things today, first the budget.</p>
<p><strong>Q</strong>&nbsp;&nbsp;&nbsp;On the budget, is it final?</p>
<table><tr><td><b>MR. STONE:</b></td><td>It is final, yes.</td></tr></table>
<ul class="share"><li><a href="#">Share on X</a></li></ul>
</article></main>
<aside><h3>Most read</h3><p>Another briefing you might like to read, with lots of words in it.</p></aside>
<footer><p>Copyright Example Ministry. Privacy policy. Contact us and more links at the foot.</p></footer>
</body></html>"""


def test_article_page_title_line_breaks_and_tables():
    doc = read_html(ARTICLE.encode(), {})
    assert doc.text == (
        "Press briefing by the spokesperson\n\n"
        "The Press Room\nExample City\n\n"
        "MR. STONE: Good morning, everyone.\n\n"
        "Two things today, first the budget.\n\n"
        "Q On the budget, is it final?\n\n"
        "MR. STONE: It is final, yes."
    )
    assert [(h.name, doc.text[h.start_char : h.end_char]) for h in doc.labels] == [
        ("MR. STONE", "MR. STONE:"),
        ("Q", "Q"),
        ("MR. STONE", "MR. STONE:"),
    ]
    assert doc.metadata == {
        "title": "Briefing | Example Ministry",
        "site": "Example Ministry",
        "date": "2023-05-04T10:00:00+02:00",
        "last_updated": "2023-05-05T08:30:00+02:00",
        "url": "https://example.org/briefings/2023-05-04",
    }


ESCAPED = (
    "<h1>Press Gaggle by the Press Secretary, 3/11/16</h1>\n"
    'b\'<div class="field-items">\\n<div class="field-item even"><p class="rtecenter">\\n\\tAboard Air Force One</p>\\n'
    "<p>\\n\\t12:05 P.M. EST<br/>\\n\\t\\xc2\\xa0<br/>\\n\\tMR. EARNEST: \\xc2\\xa0Good afternoon. \\xc2\\xa0It\\xe2\\x80\\x99s "
    "the President\\'s trip.<br/>\\n\\t\\xc2\\xa0<br/>\\n\\tQ \\xc2\\xa0Thanks, Josh.<br/>\\n\\t\\xc2\\xa0<br/>\\n\\tEND<br/>\\n"
    "\\t12:41 P.M. EST</p>\\n</div>\\n</div>'"
)


def test_escaped_bytes_literal_page():
    doc = read_html(ESCAPED.encode(), {})
    assert doc.text == (
        "Press Gaggle by the Press Secretary, 3/11/16\n\n"
        "Aboard Air Force One\n\n"
        "12:05 P.M. EST\n\n"
        "MR. EARNEST: Good afternoon. It\u2019s the President's trip.\n\n"
        "Q Thanks, Josh.\n\n"
        "END\n12:41 P.M. EST"
    )
    assert doc.source["escaped_bytes_literals"] == 1
    assert doc.metadata == {"title": "Press Gaggle by the Press Secretary, 3/11/16", "date": "2016-03-11"}


def test_unescape_leaves_other_text_alone():
    text = "<p>Bob's b'<b>' and Jacob'<i>'</p>"
    assert unescape_bytes_literals(text) == ("<p>Bob's <b> and Jacob'<i>'</p>", 1)
    assert unescape_bytes_literals("<p>no literal here</p>") == ("<p>no literal here</p>", 0)
    broken = "b'<p>\\x</p>'"  # not a valid literal: kept as it is
    assert unescape_bytes_literals(broken) == (broken, 0)


@pytest.mark.parametrize(
    "data,encoding,expected",
    [
        (
            '<html><head><meta charset="iso-8859-1"></head><body><p>It\u2019s caf\u00e9 time, said the spokesperson today.</p></body></html>',
            "cp1252",
            "It\u2019s caf\u00e9 time, said the spokesperson today.",
        ),
        (
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"></head><body><p>\u5916\u4ea4\u90e8\u53d1\u8a00\u4eba\u4e3e\u884c\u4f8b\u884c\u8bb0\u8005\u4f1a\uff0c\u56de\u7b54\u8bb0\u8005\u63d0\u95ee\u3002</p></body></html>',
            "gbk",
            "\u5916\u4ea4\u90e8\u53d1\u8a00\u4eba\u4e3e\u884c\u4f8b\u884c\u8bb0\u8005\u4f1a\uff0c\u56de\u7b54\u8bb0\u8005\u63d0\u95ee\u3002",
        ),
    ],
)
def test_declared_encodings(data, encoding, expected):
    doc = read_html(data.encode(encoding), {})
    assert doc.text == expected
    assert doc.source["encoding"] == encoding


@pytest.mark.parametrize(
    "page",
    [
        b"<html><head><title>Empty</title><script>var a = 'lots of script text here';</script></head><body></body></html>",
        b"<html><body><nav><a href='/'>Home</a></nav><div style='display:none'>hidden text only</div></body></html>",
    ],
)
def test_page_without_text_is_an_error(page):
    with pytest.raises(ReadError) as err:
        read_html(page, {"path": "empty.html"})
    assert str(err.value) == "[E001] cannot read empty.html: the page holds no text"


@pytest.mark.parametrize(
    "text,iso",
    [
        ("Regular Press Conference on November 29, 2018", "2018-11-29"),
        ("THURSDAY 10 MAY 2018", "2018-05-10"),
        ("Press Briefing by Press Secretary Jay Carney, 4/18/2014", "2014-04-18"),
        ("Press Gaggle en route Austin, Texas, 3/11/16", "2016-03-11"),
        ("Remarks, 5-7-09", "2009-05-07"),
        ("published 2021-01-20 at noon", "2021-01-20"),
        ("Sept. 18, 2024", "2024-09-18"),
        ("February 30, 2020 is not a date", None),
        ("no date at all", None),
        ("version 1/2/3/4", None),
    ],
)
def test_find_date(text, iso):
    assert find_date(text) == iso


@pytest.mark.parametrize(
    "text,bold_end,next_plain,expected",
    [
        ("Q: What is next?", 2, False, (0, 2, "Q")),
        ("CHAIR POWELL. Good afternoon.", 13, False, (0, 13, "CHAIR POWELL")),
        ("Q : Is it?", 1, False, (0, 3, "Q")),
        ("Reuters: Regarding the face-off, why now?", 41, False, (0, 8, "Reuters")),
        ("MR. SMITH", 9, True, (0, 9, "MR. SMITH")),
        ("MR. SMITH", 9, False, None),
        ("Q Thanks, Jen.", 1, False, (0, 1, "Q")),
        ("Why, in the light of everything said today, is the ministry silent?", 67, False, None),
        ("Important, and plain text follows", 10, False, None),
        ("plain start", 0, False, None),
    ],
)
def test_label_from_bold(text, bold_end, next_plain, expected):
    assert label_from_bold(text, bold_end, next_plain) == expected


def test_obama_era_page_matches_gold_turn_starts():
    """A whitehouse.gov page stored as a bytes literal (public domain copy in tests/data/read/corpus)."""
    path = CORPUS / "0502_briefing-carney-rhodes-rice.html"
    doc = pressroom.read_path(path)
    gold = load_gold(CORPUS / "0502_briefing-carney-rhodes-rice.html.gold.json")
    assert gold_starts_problems(doc.text, gold) == []
    assert doc.text.startswith(
        "Press Briefing by Press Secretary Jay Carney, Deputy National Security Advisor for Strategic "
        "Communications Ben Rhodes, and National Security Advisor Susan Rice, 4/18/2014\n\n"
        "James S. Brady Press Briefing Room\n\n1:15 P.M. EDT\n\nMR. CARNEY: Good afternoon, ladies and gentlemen."
    )
    assert doc.text.endswith("Q Will it be at the egg roll? (Laughter.)\n\nEND\n2:02 P.M. EDT")
    assert doc.metadata["date"] == "2014-04-18"


@pytest.mark.skipif(not SHARED_CORPUS.exists(), reason="the shared corpus (../shared/corpus) is not on this machine")
@pytest.mark.parametrize(
    "name",
    [
        "2018-11-29_geng-shuang_regular-press-conference.html",
        "2020-06-17_zhao-lijian_regular-press-conference.html",
    ],
)
def test_mfa_pages_match_gold_turn_starts(name):
    """fmprc.gov.cn pages (internal test use only, so read from ../shared rather than copied)."""
    doc = pressroom.read_path(SHARED_CORPUS / "china_mfa_html" / name)
    gold = load_gold(SHARED_GOLD / "china_mfa_html" / f"{name}.gold.json")
    assert gold_starts_problems(doc.text, gold) == []
    questions = [h.name for h in doc.labels]
    assert len(questions) == sum(1 for t in gold["turns"] if t["role"] == "journalist")


def test_preformatted_transcript_keeps_its_lines():
    page = (
        b"<html><body><pre>\nTHE PRESIDENT: Good morning.\nThank you all.\n\n"
        b"Q: Mr. President,\n    what next?\n</pre></body></html>"
    )
    assert read_html(page, {}).text == "THE PRESIDENT: Good morning.\nThank you all.\n\nQ: Mr. President,\nwhat next?"


def test_deep_nesting_refused_before_the_tree_is_built():
    import time

    from pressroom.read.limits import html_depth

    n = 200_000  # over five minutes in lexbor before the check
    page = ("<html><body>" + "<div>" * n + "<p>MR SMITH: Hello.</p>" + "</div>" * n + "</body></html>").encode()
    start = time.perf_counter()
    with pytest.raises(ReadError) as e:
        pressroom.read_bytes(page, name="deep.html")
    assert time.perf_counter() - start < 2
    assert str(e.value) == (
        "[E001] cannot read deep.html: its HTML nests elements more than 512 deep "
        "(the limit is PRESSROOM_MAX_HTML_DEPTH)"
    )
    # what the browser would close by itself adds no depth; comments and scripts are skipped
    assert (
        html_depth("<div><p>a<p>b<li>c<br><img><div><span>d</div><!-- <div><div> --><script>'<div>'</script></div>")
        == 3
    )
    assert html_depth("<p>x</p>" * 600, stop=512) == 0


def test_an_unknown_escape_in_a_bytes_literal_is_kept_without_a_warning():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Python warns of '\_' in a literal; the reader must not
        assert unescape_bytes_literals("x b'<p>a\\_b</p>' y") == ("x <p>a\\_b</p> y", 1)


def test_a_word_processors_page_whose_paragraphs_run_on_across_blocks_loses_none():
    """A page saved from a word processor splits its paragraphs between `<font>` and `<dir>`
    blocks of one container (unclosed tags, as such pages print them): the text runs on from one
    block to the next, and every block's paragraphs are read, not the densest block's alone."""
    blocks = []
    for b in range(4):
        paras = "".join(
            f"<P>{'Aho' if i % 2 == 0 else 'MSM'}:&#9;Part {b}.{i}: we worked on the compiler, the editor, "
            f"and the typesetter, and then, in the attic, on the theory of languages.</P>\n"
            for i in range(3 + 2 * b)
        )
        blocks.append(f"<FONT SIZE=2>{paras}</FONT>" if b % 2 else f"<DIR>{paras}</DIR>")
    page = (
        "<HTML><HEAD><TITLE>M:</TITLE></HEAD><BODY><B><FONT SIZE=2><P>An interview with Jane Roe:</P><DIR><DIR>\n"
        + "\n".join(blocks)
        + "</DIR></DIR></BODY></HTML>"
    )
    doc = pressroom.read_bytes(page.encode("cp1252"), name="roe.htm")
    for b in range(4):
        assert f"Part {b}.0:" in doc.text and f"Part {b}.{2 + 2 * b}:" in doc.text
    printed = ["Aho" if i % 2 == 0 else "MSM" for b in range(4) for i in range(3 + 2 * b)]
    runs = [x for k, x in enumerate(printed) if k == 0 or printed[k - 1] != x]  # a repeated label goes on
    assert [t.label for t in pressroom.parse_document(doc).turns] == runs


def test_an_archives_copy_that_wraps_each_paragraph_in_a_block_of_its_own_loses_none():
    """An archive's copy of a news page keeps no class names and wraps each paragraph in a `<div>`
    of its own, one or two to a wrapper: the densest paragraph's wrapper has no sibling inside
    it, so the wrapper's own container is the text (readability's rule for an only child); a box
    of related links between the paragraphs ("More on this" and two teasers) is no part of it."""
    said = [
        ("INTERVIEWER", "Dr Roe, you say that doing nothing, the idle hour, is what the brain needs most, do you not?"),
        ("Roe", "When I speak of doing nothing, I mean something quite different: rest, and a mind left to wander."),
        ("INTERVIEWER", "How do we know that?"),
        ("Roe", "We see it in the scanner, in the network that lights up at rest, and in the tests, again and again."),
        ("INTERVIEWER", "What should a working day look like, then, for the brain's sake?"),
        ("Roe", "More breaks, a walk at noon, and no screen in the hour before sleep, whatever the inbox says."),
    ]
    paras = [f'<div style="margin:0"><strong>{who}:</strong> {text}</div>' for who, text in said]
    box = (
        "<section><div>More on this</div><div><a href='/a'>Why the idle brain is the creative brain, and how</a>"
        "</div><div><a href='/b'>Ten minutes of rest an hour: what the studies say</a></div></section>"
    )
    wrappers = [f"<div>{paras[0]}</div>", f"<div>{paras[1]}{paras[2]}</div>", box, f"<div>{paras[3]}</div>"]
    wrappers += [f"<div>{paras[4]}</div>", f"<div>{paras[5]}</div>"]
    page = (
        "<html><body><div><div>Menu</div><main><article><h1>The brain at rest</h1><section><div>"
        + "".join(wrappers)
        + "</div></section></article></main><div>Imprint</div></div></body></html>"
    )
    doc = pressroom.read_bytes(page.encode(), name="interview.html")
    record = pressroom.parse_document(doc)
    assert [(t.label, t.text) for t in record.turns] == said
    assert "More on this" not in doc.text and "idle brain is the creative" not in doc.text
