"""The query language: parsing, normalisation, safe translation to FTS5 and tsquery, RRF."""

from __future__ import annotations

import pytest

from pressroom.errors import PressroomError
from pressroom.search import (
    MAX_TERMS,
    QueryError,
    fold,
    highlight_terms,
    index_text,
    parse_query,
    render,
    rrf,
    snippet_marked,
    split_highlights,
    to_fts5,
    to_tsquery,
    HL_END,
    HL_START,
)


@pytest.mark.parametrize(
    "text, normalised, fts5",
    [
        ("arms control", "(arms AND control)", '("arms" AND "control")'),
        ('"arms control"', '"arms control"', '"arms control"'),
        ('"arms control" OR treaty', '("arms control" OR treaty)', '("arms control" OR "treaty")'),
        ("immigra* -border", "(immigra* AND NOT border)", '("immigra" * NOT "border")'),
        ("nato AND NOT russia", "(nato AND NOT russia)", '("nato" NOT "russia")'),
        ("(nato OR eu) NOT russia", "((nato OR eu) AND NOT russia)", '(("nato" OR "eu") NOT "russia")'),
        ("nato NOT (russia OR china)", "(nato AND NOT (russia OR china))", '("nato" NOT ("russia" OR "china"))'),
        ("U.S. COVID-19*", '("u s" AND "covid 19"*)', '("u s" AND "covid 19" *)'),
        ("Président Macron", "(president AND macron)", '("president" AND "macron")'),
        ("NOT NOT nato", "nato", '"nato"'),
        ("a && b || c", "((a AND b) OR c)", '(("a" AND "b") OR "c")'),
        ("x AND", "x", '"x"'),
        ("and or not", "(and AND or AND not)", '("and" AND "or" AND "not")'),
    ],
)
def test_parse_and_translate(text, normalised, fts5):
    q = parse_query(text)
    assert str(q) == normalised
    assert to_fts5(q) == fts5


@pytest.mark.parametrize(
    "text, normalised",
    [
        ("');  DROP TABLE turns; --", "(drop AND table AND turns)"),
        ("near(a b, 3)", "(near AND a AND b AND 3)"),
        ("NEAR (a b)", "(near AND a AND b)"),
        ('"unbalanced quote', "(unbalanced AND quote)"),
        ('a"b', "(a AND b)"),
        ("10:30", '"10 30"'),
        ("{a b}:c", '(a AND "b c")'),
        ("^start", "start"),
        ("x* *y", "(x AND y)"),
        ("((nato)", "nato"),
        ("nato))", "nato"),
        ("-", None),
    ],
)
def test_hostile_syntax_is_read_as_words(text, normalised):
    if normalised is None:
        with pytest.raises(QueryError):
            parse_query(text)
        return
    q = parse_query(text)
    assert str(q) == normalised
    expr = to_fts5(q)
    # only quoted letter/digit runs, operators, brackets and the prefix star reach FTS5
    stripped = expr
    for word in ("AND", "OR", "NOT"):
        stripped = stripped.replace(f" {word} ", " ")
    for part in stripped.replace("(", " ").replace(")", " ").replace(" *", " ").split('"'):
        assert all(ch.isalnum() or ch == " " for ch in part), expr


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "the query has no words to search for"),
        ("*", "the query has no words to search for"),
        ("');--", "the query has no words to search for"),
        ("NOT nato", "the query only excludes words"),
        ("-nato -russia", "the query only excludes words"),
        ("a OR NOT b", "NOT cannot be one side of OR"),
        ("NEAR(", "NEAR( is not closed: write e.g. NEAR(tax cuts, 5)"),
        ("NEAR(a b, x)", "NEAR( … , N) needs a whole number of words after the comma, not 'x'"),
        ("NEAR(a (b c))", 'NEAR( … ) holds words and "phrases" only, no brackets'),
        ("NEAR(a OR b)", 'NEAR( … ) holds words and "phrases" only, not OR'),
        ("NEAR(a b, 101)", "NEAR( … , 101) is too far: at most 100 words apart"),
        (
            "col:value",
            "no column 'col' to search in; columns: text, speaker, outlet "
            '(to search for the words, quote them: "col:value")',
        ),
        ("speaker:psaki", "the query has no words to search for in the text"),
        ("speaker:", 'speaker: needs a word or a "phrase" after it'),
        ("inflation OR speaker:psaki", "speaker: combines with the rest of the query by AND or AND NOT only"),
        ("speaker:psaki -inflation", "the query only excludes words"),
    ],
)
def test_unsearchable_queries_are_refused_with_a_message(text, message):
    with pytest.raises(QueryError) as exc:
        parse_query(text)
    assert message in str(exc.value)
    assert isinstance(exc.value, PressroomError)
    assert str(exc.value).startswith("[E020] ")
    assert "\n" not in str(exc.value)


def test_long_queries_are_refused():
    with pytest.raises(QueryError, match=f"too long: {MAX_TERMS + 1} terms, at most {MAX_TERMS}"):
        parse_query(" ".join(f"w{i}" for i in range(MAX_TERMS + 1)))
    with pytest.raises(QueryError, match="too long: 10240 characters, at most 4000"):
        parse_query("x" * 10240)
    assert len(parse_query(" ".join(f"w{i}" for i in range(MAX_TERMS))).terms) == MAX_TERMS


def test_and_binds_tighter_than_or():
    assert str(parse_query("a OR b c")) == "(a OR (b AND c))"
    assert str(parse_query("a b OR c -d")) == "((a AND b) OR (c AND NOT d))"


def test_short_prefix_is_a_word():
    assert str(parse_query("a*")) == "a"
    assert str(parse_query("ab*")) == "ab*"


def test_terms_skip_negated_words():
    q = parse_query('"arms control" treaty* NOT russia')
    assert [str(t) for t in q.terms] == ['"arms control"', "treaty*"]


def test_tsquery_uses_parameters_only():
    sql, params = to_tsquery(parse_query('("arms control" OR treat*) -russia'))
    assert sql == (
        "((phraseto_tsquery('simple', %s) || to_tsquery('simple', %s)) && (!! phraseto_tsquery('simple', %s)))"
    )
    assert params == ["arms control", "treat:*", "russia"]
    sql, params = to_tsquery(parse_query("covid-19*"), placeholder="?")
    assert sql == "to_tsquery('simple', ?)"
    assert params == ["covid <-> 19:*"]


def test_fold_and_index_text():
    assert fold("Président ÉLYSÉE") == "president elysee"
    assert index_text("U.S. COVID-19, don't — Zürich_x") == "u s covid 19 don t zurich x"


def test_split_highlights_and_marking():
    text, spans = split_highlights(f"…the {HL_START}arms{HL_END} and {HL_START}control{HL_END}…")
    assert text == "…the arms and control…"
    assert spans == [(5, 9), (14, 21)]
    assert snippet_marked(text, spans, "<b>", "</b>") == "…the <b>arms</b> and <b>control</b>…"
    import html

    assert snippet_marked("<x> a", [(4, 5)], "<mark>", "</mark>", escape=html.escape) == "&lt;x&gt; <mark>a</mark>"


def test_highlight_terms_cuts_around_the_first_match():
    text = "word " * 100 + "the Treaty on arms control " + "tail " * 100
    snippet, spans = highlight_terms(text, parse_query("treat* control").terms, width=120)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert [snippet[a:b] for a, b in spans] == ["Treaty", "control"]


def test_rrf_exact_scores():
    fused = rrf([["a", "b", "c"], ["c", "a"]], k=60)
    assert [item for item, _ in fused] == ["a", "c", "b"]
    assert fused[0][1] == pytest.approx(1 / 61 + 1 / 62)
    assert fused[1][1] == pytest.approx(1 / 63 + 1 / 61)
    assert fused[2][1] == pytest.approx(1 / 62)


def test_highlight_terms_matches_case_prefixes_phrases_and_accents():
    q = parse_query('"arms control" treat* président')
    text = "ARMS and control; the Treaty, treaties, retreat. Président Macron"
    snippet, spans = highlight_terms(text, q.terms)
    assert [snippet[a:b] for a, b in spans] == ["ARMS", "control", "Treaty", "treaties"]
    snippet, spans = highlight_terms("Le Président parle", parse_query("président").terms)
    assert [snippet[a:b] for a, b in spans] == ["Président"]
    assert highlight_terms("nothing here", parse_query("absent").terms) == ("nothing here", [])


@pytest.mark.parametrize(
    "text", ["(" * 400 + "nato" + ")" * 400, "NOT " * 400 + "a b", "(" * 17 + "a", "(" * 9 + "NOT " * 8 + "a) b"]
)
def test_deep_nesting_refused_before_parsing(text):
    with pytest.raises(QueryError) as e:
        parse_query(text)
    assert str(e.value) == "[E020] the query nests too deeply: brackets and NOTs more than 16 levels deep"


def test_sixteen_levels_are_searched():
    assert render(parse_query("(" * 16 + "nato" + ")" * 16 + " russia").tree) == "(nato AND russia)"


@pytest.mark.parametrize(
    "text, normalised, fts5",
    [
        ('"student loan"*', '"student loan"*', '"student loan" *'),
        ('"student loan" *', '"student loan"*', '"student loan" *'),
        ('"student loan*"', '"student loan"*', '"student loan" *'),
        ('"a"*', "a", '"a"'),  # one letter: too short a prefix, as for a*
        ("NEAR(tax cuts, 5)", "NEAR(tax cuts, 5)", 'NEAR("tax" "cuts", 5)'),
        ("NEAR(tax cuts,5)", "NEAR(tax cuts, 5)", 'NEAR("tax" "cuts", 5)'),
        ('NEAR("tax cut"* biden)', 'NEAR("tax cut"* biden, 10)', 'NEAR("tax cut" * "biden", 10)'),
        ("NEAR(inflation)", "inflation", '"inflation"'),
        ("NEAR(a b) OR c -d", "(NEAR(a b, 10) OR (c AND NOT d))", '(NEAR("a" "b", 10) OR ("c" NOT "d"))'),
        ("inflation speaker:psaki", "(inflation AND speaker:psaki)", '"inflation"'),
        (
            'inflation -speaker:"jen psaki" outlet:fox*',
            '(inflation AND NOT speaker:"jen psaki" AND outlet:fox*)',
            '"inflation"',
        ),
        ("text:inflation gas", "(inflation AND gas)", '("inflation" AND "gas")'),
        ("Speaker: psaki inflation", "(inflation AND speaker:psaki)", '"inflation"'),
    ],
)
def test_fts5_syntax(text, normalised, fts5):
    q = parse_query(text)
    assert str(q) == normalised
    assert to_fts5(q) == fts5


def test_column_filters_are_kept_apart_from_the_text_query():
    from pressroom.search import ColumnFilter, Term, term_in

    q = parse_query('inflation -speaker:"jen psaki" outlet:fox*')
    assert q.columns == (
        ColumnFilter("speaker", Term(("jen", "psaki")), True),
        ColumnFilter("outlet", Term(("fox",), True)),
    )
    assert [str(t) for t in q.terms] == ["inflation"]
    assert term_in(Term(("jen", "psaki")), "Jen Psaki") and not term_in(Term(("jen", "psaki")), "Psaki, Jen")
    assert term_in(Term(("fox",), True), "Fox News") and term_in(Term(("psak",), True), "JEN PSAKI")
    assert not term_in(Term(("psak",)), "Jen Psaki") and not term_in(Term(("x",)), None)


def test_near_on_postgresql_is_tsquery_phrase_both_ways():
    sql, params = to_tsquery(parse_query('NEAR(tax "cut st"*, 1)'), placeholder="?")
    a, b = "phraseto_tsquery('simple', ?)", "to_tsquery('simple', ?)"
    assert sql == (
        f"(tsquery_phrase({a}, {b}, 1) || tsquery_phrase({a}, {b}, 2) || "
        f"tsquery_phrase({b}, {a}, 1) || tsquery_phrase({b}, {a}, 2))"
    )
    assert params == ["tax", "cut <-> st:*"] * 2 + ["cut <-> st:*", "tax"] * 2
    with pytest.raises(QueryError, match=r"^\[E020\] on PostgreSQL NEAR\( … \) takes two words or phrases, not 3"):
        to_tsquery(parse_query("NEAR(a b c)"))
