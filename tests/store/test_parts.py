"""Small parts of the store: URLs, schema statements, annotation readers, labels from annotations."""

from __future__ import annotations

import copy

import pytest

from pressroom.errors import StoreError
from pressroom.record import Exchange, Question
from pressroom.search import Filters, parse_query
from pressroom.store import open_store, parse_url, prepare
from pressroom.store.annotations import entity_rows, exchange_clarity, exchange_topics, question_verdicts
from pressroom.store.schema import MIGRATIONS, _statements


@pytest.mark.parametrize(
    "given, engine, target, schema",
    [
        ("corpus.db", "sqlite", "corpus.db", None),
        ("sqlite:///tmp/x.db", "sqlite", "/tmp/x.db", None),
        ("sqlite:rel.db", "sqlite", "rel.db", None),
        (":memory:", "sqlite", ":memory:", None),
        ("postgresql://u@h:5/db", "postgresql", "postgresql://u@h:5/db", None),
        ("postgres://u@h/db?schema=pr1&sslmode=disable", "postgresql", "postgres://u@h/db?sslmode=disable", "pr1"),
    ],
)
def test_parse_url(given, engine, target, schema):
    u = parse_url(given)
    assert (u.engine, u.target, u.schema) == (engine, target, schema)


def test_default_url_and_env(monkeypatch):
    monkeypatch.delenv("PRESSROOM_DB", raising=False)
    assert parse_url(None).target == "pressroom.db"
    monkeypatch.setenv("PRESSROOM_DB", "postgresql://x/y")
    assert parse_url(None).engine == "postgresql"


def test_url_errors_and_password_redaction():
    with pytest.raises(StoreError, match="invalid schema name"):
        parse_url("postgresql://h/db?schema=a;drop")
    assert str(parse_url("postgresql://u:secret@h/db")) == "postgresql://u:***@h/db"


def test_schema_statements_split_triggers_whole():
    sqlite = MIGRATIONS[0].sqlite
    triggers = [s for s in sqlite if s.startswith("CREATE TRIGGER")]
    assert len(triggers) == 2 and all(s.rstrip().endswith("END") for s in triggers)
    assert _statements("CREATE TABLE a (x);\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n  SELECT 1;\nEND;\n") == (
        "CREATE TABLE a (x)",
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  SELECT 1;\nEND",
    )


def _exchange(annotations):
    return Exchange(
        id="x1",
        questioner="s2",
        question_turns=["t2"],
        answer_turns=["t3"],
        answerers=["s1"],
        questions=[Question("x1.q1", "t2", 0, 5, "Why?"), Question("x1.q2", "t2", 6, 10, "When?")],
        annotations=annotations,
    )


def test_clarity_readers_accept_the_documented_shapes():
    listed = _exchange(
        {
            "clarity": [
                {"question": "x1.q1", "clarity": "Clear Reply", "evasion": "Explicit", "confidence": 0.9},
                {
                    "question": "x1.q2",
                    "clarity": {"label": "Clear Non-Reply", "probability": 0.7},
                    "evasion": {"label": "Declining to answer"},
                },
            ]
        }
    )
    assert question_verdicts(listed) == {
        "x1.q1": {"clarity": "Clear Reply", "evasion": "Explicit", "confidence": 0.9},
        "x1.q2": {"clarity": "Clear Non-Reply", "evasion": "Declining to answer", "confidence": 0.7},
    }
    # a tie goes to the less clear verdict
    assert exchange_clarity(question_verdicts(listed)) == "Clear Non-Reply"
    wrapped = _exchange({"clarity": {"questions": [{"question_id": "x1.q2", "clarity": "Ambivalent"}]}})
    assert question_verdicts(wrapped) == {"x1.q2": {"clarity": "Ambivalent", "evasion": None, "confidence": None}}
    single = _exchange({"clarity": {"clarity": "Ambivalent", "evasion": "Dodging"}})
    assert set(question_verdicts(single)) == {"x1.q1", "x1.q2"}
    assert question_verdicts(_exchange({})) == {} and exchange_clarity({}) is None


def test_readers_accept_the_annotators_own_output():
    """The shapes pressroom.annotate.topics / clarity / entities write (docs/annotators.md)."""
    x = _exchange(
        {
            "topics": {
                "primary": "Defense",
                "labels": [
                    {"code": 16, "topic": "Defense", "score": 4.5, "share": 0.6, "terms": {"troops": 2}},
                    {"code": 19, "topic": "International Affairs", "score": 3.0, "share": 0.4, "terms": {}},
                ],
                "keyphrases": ["troop withdrawal"],
            },
            "clarity": [
                {
                    "question": None,
                    "clarity": "Clear Reply",
                    "clarity_probs": {"Clear Reply": 0.8},
                    "confidence": 0.8,
                    "evasion": "Explicit",
                    "evasion_probs": {},
                    "evidence": {},
                }
            ],
        }
    )
    x.questions = []
    assert exchange_topics(x) == ["Defense", "International Affairs"]
    assert question_verdicts(x) == {"x1": {"clarity": "Clear Reply", "evasion": "Explicit", "confidence": 0.8}}
    assert exchange_clarity(question_verdicts(x)) == "Clear Reply"
    unanswered = _exchange({"clarity": [{"question": "x1.q1", "clarity": None, "unanswered": True}]})
    assert question_verdicts(unanswered) == {"x1.q1": {"clarity": None, "evasion": None, "confidence": None}}
    assert exchange_clarity(question_verdicts(unanswered)) is None
    from pressroom.record import Event, Transcript

    t = Transcript(
        event=Event(),
        annotations={
            "entities": {
                "model": "x",
                "mentions": [
                    {"turn": None, "text": "NATO", "label": "ORG", "type": "organisation", "canonical": "NATO"},
                    {
                        "turn": "t4",
                        "speaker": "s1",
                        "start_char": 5,
                        "end_char": 11,
                        "text": "Moscow",
                        "label": "GPE",
                        "type": "country",
                        "canonical": "Russia",
                        "metonym": True,
                    },
                ],
                "entities": [{"canonical": "Russia", "type": "country", "turns": {"t4": 1}}],
            }
        },
    )
    assert entity_rows(t) == [("t4", "Russia", "country", 5, 11)]


def test_topic_and_entity_readers():
    assert exchange_topics(_exchange({"topics": ["Defense", {"label": "International Affairs"}, "Defense"]})) == [
        "Defense",
        "International Affairs",
    ]
    assert exchange_topics(_exchange({"topics": {"major": [{"topic": "Health"}], "keyphrases": ["vaccines"]}})) == [
        "Health"
    ]
    from pressroom.record import Event, Transcript

    t = Transcript(
        event=Event(),
        annotations={
            "entities": {
                "mentions": [
                    {
                        "text": "Moscow",
                        "canonical": "Russia",
                        "label": "GPE",
                        "turn": "t1",
                        "start_char": 3,
                        "end_char": 9,
                    },
                    {"name": "NATO", "label": "ORG", "turns": ["t1", "t4"]},
                    {"label": "ORG"},
                ]
            }
        },
    )
    assert entity_rows(t) == [
        ("t1", "Russia", "GPE", 3, 9),
        ("t1", "NATO", "ORG", None, None),
        ("t4", "NATO", "ORG", None, None),
    ]


def test_annotations_become_facets_and_filters(tmp_path, parsed):
    nato = copy.deepcopy(parsed["nato-2021-03-22-press-conference.txt"])
    x = nato.exchanges[0]
    x.annotations["clarity"] = [
        {"question": q.id, "clarity": "Clear Non-Reply", "evasion": "Dodging"} for q in x.questions
    ]
    x.annotations["topics"] = ["Defense"]
    nato.exchanges[1].annotations["topics"] = {"major": ["International Affairs"]}
    first_answer = x.answer_turns[0]
    nato.annotations["entities"] = [
        {"text": "Russia", "label": "GPE", "turn": first_answer, "start_char": 0, "end_char": 6}
    ]
    p = prepare(nato)
    assert (first_answer, "entity", "Russia") in p.labels
    assert {(t, f, v) for t, f, v in p.labels if f == "clarity"} == {
        (t, "clarity", "Clear Non-Reply") for t in x.question_turns + x.answer_turns
    }
    s = open_store(str(tmp_path / "a.db"))
    s.add(nato)
    from pressroom.search import parse_query
    from tests.fixtures import reference_match, tokens

    q = "nato OR the OR a OR and OR to"
    exchange_turns = set(x.question_turns + x.answer_turns)
    want = {t.id for t in nato.turns if t.id in exchange_turns and reference_match(parse_query(q), tokens(t.text))}
    assert s.search(q, Filters(clarity="non-reply"), limit=100).total == len(want) > 0
    res = s.search(q, Filters(clarity="Clear Non-Reply"), limit=100)
    assert {h.turn_id for h in res.hits} == want
    assert [(v.value, v.count) for v in res.facets["clarity"]] == [("Clear Non-Reply", res.total)]
    assert s.search(q, Filters(clarity="CLEAR NON-REPLY")).total == res.total
    assert s.search(q, Filters(topic="defense")).total == res.total
    assert s.search(q, Filters(entity="russia")).total == 1
    assert s.engine.query("SELECT clarity, evasion FROM questions WHERE exchange_id = ?", (x.id,)) == [
        ("Clear Non-Reply", "Dodging")
    ] * len(x.questions)
    assert s.engine.one("SELECT topics, clarity FROM exchanges WHERE exchange_id = ?", (x.id,)) == (
        '["Defense"]',
        "Clear Non-Reply",
    )
    points = s.timeline(unit="questions", interval="year")
    total_q = sum(len(e.questions) for e in nato.exchanges)
    assert {(p.period, p.value): p.count for p in points} == {
        ("2021", None): total_q - len(x.questions),
        ("2021", "Clear Non-Reply"): len(x.questions),
    }
    assert s.stats().annotated == {"clarity": 1, "entity": 1, "evasion": 1, "topic": 1}
    s.close()


def _sql_timeline(s, facet, interval, unit, top, query=None):
    """Reference: the timeline as plain SQL group-bys (SQLite), current turns only."""
    n = {"year": 4, "month": 7, "day": 10}[interval]
    frm, where, params = "turns t", "t.is_current = 1 AND t.date IS NOT NULL", []
    if query:
        from pressroom.search import to_fts5

        frm = "turns_fts f JOIN turns t ON t.id = f.rowid"
        where += " AND turns_fts MATCH ?"
        params = [to_fts5(parse_query(query))]
    p = f"substr(t.date, 1, {n})"
    if unit == "questions":
        col = "q.evasion" if facet == "evasion" else "q.clarity"
        return s.engine.query(
            f"SELECT {p}, {col}, count(*) FROM {frm} JOIN questions q ON q.version_id = t.version_id "
            f"AND q.turn_id = t.turn_id WHERE {where} GROUP BY 1, 2 ORDER BY 1, 2",
            params,
        )
    count = "count(DISTINCT t.id)" if unit == "turns" else "count(DISTINCT t.event_id)"
    if facet is None:
        return [
            (a, None, c)
            for a, c in s.engine.query(f"SELECT {p}, {count} FROM {frm} WHERE {where} GROUP BY 1 ORDER BY 1", params)
        ]
    if facet in ("speaker", "role", "outlet"):
        value, join = f"t.{facet}", ""
    else:
        value, join = "l.value", f" JOIN turn_labels l ON l.turn = t.id AND l.facet = '{facet}'"
    return s.engine.query(
        f"WITH c AS (SELECT {p} AS p, {value} AS v, {count} AS n FROM {frm}{join} WHERE {where} AND {value} IS NOT NULL "
        f"GROUP BY p, v), best AS (SELECT v FROM c GROUP BY v ORDER BY sum(n) DESC, v LIMIT {top}) "
        f"SELECT p, v, n FROM c WHERE v IN (SELECT v FROM best) ORDER BY p, v",
        params,
    )


def test_timelines_equal_plain_sql(tmp_path, parsed):
    nato = copy.deepcopy(parsed["nato-2021-03-22-press-conference.txt"])
    for i, x in enumerate(nato.exchanges):
        verdict = ["Clear Reply", "Ambivalent", "Clear Non-Reply"][i % 3]
        x.annotations["clarity"] = [{"question": q.id, "clarity": verdict, "evasion": "Explicit"} for q in x.questions]
        x.annotations["topics"] = ["Defense"] if i % 2 else ["International Affairs", "Defense"]
    s = open_store(str(tmp_path / "t.db"))
    for name, t in parsed.items():
        s.add(nato if name.startswith("nato") else t)
    cases = [
        (f, i, u, k, q)
        for f in (None, "speaker", "role", "topic", "clarity")
        for i in ("year", "month", "day")
        for u in ("turns", "events")
        for k in (3, 8)
        for q in (None, "the OR president")
    ]
    cases += [
        (f, i, "questions", 8, q) for f in ("clarity", "evasion") for i in ("year", "day") for q in (None, "nato")
    ]
    for facet, interval, unit, top, query in cases:
        got = [(p.period, p.value, p.count) for p in s.timeline(facet, interval, query, unit=unit, top=top)]
        want = [tuple(r) for r in _sql_timeline(s, facet, interval, unit, top, query)]
        assert got == want, (facet, interval, unit, top, query)
    s.close()


def test_turn_table_positions_density_and_value_masks():
    from pressroom.store.memory import TurnTable

    rows = [
        (3, 1, "2021-03-22", "Jens Stoltenberg", "principal", None, "answer", "e1"),
        (4, 1, "2021-03-22", "Q", "journalist", "Polish Television TVP", "question", "e1"),
        (6, 0, "2021-03-22", "Q", "journalist", "TVP", "question", "e1"),
    ]
    table = TurnTable(("k",), rows, [])
    assert not table.dense  # id 5 is missing
    assert table.positions([3, 4, 5, 6, 7, -1]).tolist() == [0, 1, -1, 2, -1, -1]
    assert table.mask(Filters(outlet="tvp")).tolist() == [False, True, False]  # id 6 is not current
    assert table.mask(Filters(outlet="tvp", all_versions=True)).tolist() == [False, True, True]
    assert table.mask(Filters(role="JOURNALIST", kind="question")).tolist() == [False, True, False]
    assert table.mask(Filters(speaker="nobody")).tolist() == [False, False, False]
    assert TurnTable(("k",), rows[:2], []).dense and TurnTable(("k",), [], []).dense
