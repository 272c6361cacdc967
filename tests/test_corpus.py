"""`pressroom.Corpus`: the stored corpus as DataFrames, checked against the CLI.

One store per engine (SQLite, and PostgreSQL when PRESSROOM_TEST_PG_URL is set), built with
``pressroom ingest`` from tests/data (the store-test transcripts and a caption file, with the
entities, topics and clarity annotators). Every frame is compared with what the CLI writes for
the same store: the CSV export read back with the documented dtypes, ``search --json`` and
``people --json``.
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import pressroom
from pressroom.cli import main
from pressroom.corpus import NUMERIC, dtypes, read_csv
from pressroom.errors import PressroomError, StoreError, UsageError
from pressroom.export.flat import EVENT_FIELDS, EXCHANGE_FIELDS, FIELDS, TURN_FIELDS, rows
from pressroom.search import QueryError
from tests.fixtures import engines, store_url

DATA = Path(__file__).parent / "data"
FILES = [DATA / "store", DATA / "read" / "briefing-hour.vtt"]
ANNOTATORS = "entities,topics,clarity"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """``stores(engine)``: the URL of a store built by `pressroom ingest` on that engine (SQLite: a
    file path), built once per module; PostgreSQL schemas are dropped at the end."""
    with ExitStack() as stack:
        made: dict[str, str] = {}

        def get(engine: str) -> str:
            if engine not in made:
                url = stack.enter_context(store_url(engine, tmp_path_factory.mktemp("corpus")))
                r = run("ingest", *FILES, "--db", url, "--annotators", ANNOTATORS, "--workers", "1", "--quiet")
                assert r.exit_code == 0, r.output
                assert "7 files" in r.output and "7 added" in r.output and "0 failed" in r.output
                made[engine] = url
            return made[engine]

        yield get


@pytest.fixture(scope="module", params=engines())
def db(request, stores):
    return stores(request.param)


@pytest.fixture(scope="module")
def corpus(db):
    with pressroom.Corpus(db) as c:
        yield c


def exported(db, level, tmp_path):
    out = tmp_path / f"{level}.csv"
    r = run("export", "--db", db, "--format", "csv", "--level", level, "--out", out)
    assert r.exit_code == 0, r.output
    return out


def plain(df):
    """The frame's rows as JSON would hold them: <NA> → None, lists kept."""
    return [
        {k: (v if isinstance(v, list) or not pd.isna(v) else None) for k, v in row.items()}
        for row in df.to_dict("records")
    ]


# -- the tables equal the CSV export ------------------------------------------------------------
@pytest.mark.parametrize(
    "level, fields", [("turns", TURN_FIELDS), ("exchanges", EXCHANGE_FIELDS), ("events", EVENT_FIELDS)]
)
def test_tables_equal_the_csv_export(corpus, db, level, fields, tmp_path):
    df = getattr(corpus, level)()
    path = exported(db, level, tmp_path)
    # the documented reading of the CSV (docs/python.md), spelled out
    back = pd.read_csv(path, dtype=dtypes(level), keep_default_na=False, na_values=[""])
    assert list(df.columns) == list(fields)
    assert {c: str(t) for c, t in df.dtypes.items()} == {c: str(t) for c, t in back.dtypes.items()}
    pd.testing.assert_frame_equal(df, back, check_exact=True)
    assert df.equals(read_csv(path, level))
    records = list(pressroom.export.store_records(corpus.store))
    assert len(records) == 7  # the 6 transcripts of tests/data/store and a caption file
    n = {
        "turns": sum(len(r["turns"]) for _, r in records),
        "exchanges": sum(len(r["exchanges"]) for _, r in records),
        "events": len(records),
    }[level]
    assert len(df) == n > 0


def test_column_types(corpus):
    t, x, e = corpus.turns(), corpus.exchanges(), corpus.events()
    assert str(t["seq"].dtype) == "Int64" and str(t["start_time"].dtype) == "Float64"
    assert str(e["as_delivered"].dtype) == "boolean" and str(x["question"].dtype) == "string"
    # a caption file has times; the others have none (<NA>, not NaN or 0)
    timed = t[t["start_time"].notna()]
    assert set(timed["event_id"]) == {e.loc[e["source_path"].str.endswith("briefing-hour.vtt"), "event_id"].item()}
    assert timed["start_time"].iloc[:3].tolist() == [2.0, 4.02, 8.06]
    # an empty text is <NA> as the CSV reads it back: turns outside any exchange have no topics
    outside = t[t["exchange_id"].isna()]
    assert len(outside) > 0 and outside["topics"].isna().all() and outside["clarity"].isna().all()
    assert (t["seq"].groupby(t["event_id"]).min() == 0).all()


def test_every_other_column_is_text(corpus):
    """The flat rows hold text in every column `NUMERIC` does not type (a new number column there
    would fail here rather than become text)."""
    assert set(NUMERIC) <= set(TURN_FIELDS) | set(EXCHANGE_FIELDS) | set(EVENT_FIELDS)
    for event_id, record in pressroom.export.store_records(corpus.store):
        for level, fields in FIELDS.items():
            for row in rows(level, event_id, record):
                assert list(row) == list(fields)
                for name, value in row.items():
                    if name not in NUMERIC:
                        assert value is None or isinstance(value, str), (level, name, value)


def by_id(df):
    return df.sort_values(["event_id", "seq"] if "seq" in df else ["event_id"]).reset_index(drop=True)


def test_engines_agree(stores):
    """The SQLite file and the PostgreSQL store give the same rows. The order differs in one
    thing, as the CSV exports of the two do: an event without a date (the caption file) comes
    first on SQLite and last on PostgreSQL (how each sorts NULL)."""
    if len(engines()) < 2:
        pytest.skip("PRESSROOM_TEST_PG_URL is not set")
    with pressroom.Corpus(stores("sqlite")) as a, pressroom.Corpus(stores("postgresql")) as b:
        assert repr(b).startswith("<Corpus postgresql postgresql://")
        for level in FIELDS:
            pd.testing.assert_frame_equal(by_id(getattr(a, level)()), by_id(getattr(b, level)()), check_exact=True)
        ea, eb = a.events(), b.events()
        undated = ea.loc[ea["date"].isna(), "event_id"].tolist()
        assert len(undated) == 1 and ea["event_id"].tolist() == undated + eb["event_id"].tolist()[:-1]
        assert eb["event_id"].tolist()[-1:] == undated
        assert plain(a.persons()) == plain(b.persons())


def test_sqlite_urls(db, tmp_path):
    if db.startswith("postgresql"):
        pytest.skip("SQLite URL forms")
    with pressroom.Corpus(db) as a, pressroom.Corpus(f"sqlite://{db}") as b, pressroom.Corpus(Path(db)) as c:
        assert a.events().equals(b.events()) and a.events().equals(c.events())
        assert repr(b) == f"<Corpus sqlite {db}>"


# -- persons -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "args, kw",
    [
        ((), {}),
        (("--role", "journalist"), {"role": "journalist"}),
        (("kirby",), {"query": "kirby"}),
        (("--limit", "3"), {"limit": 3}),
    ],
)
def test_persons_equal_people_json(corpus, db, args, kw):
    r = run("people", *args, "--db", db, "--json")
    assert r.exit_code == 0, r.output
    expected = json.loads(r.stdout)
    df = corpus.persons(**kw)
    assert plain(df) == expected and len(df) == len(expected) > 0
    assert list(df.columns) == [
        "id",
        "name",
        "kind",
        "aliases",
        "roles",
        "organisations",
        "outlets",
        "events",
        "turns",
        "first_seen",
        "last_seen",
    ]
    if kw == {"query": "kirby"}:
        assert df["name"].tolist() == ["John Kirby"]


# -- search equals `pressroom search --json` -------------------------------------------------------
HIT_COLUMNS = [
    "id",
    "event_id",
    "turn_id",
    "event_title",
    "date",
    "speaker",
    "role",
    "outlet",
    "kind",
    "exchange_id",
    "snippet",
    "highlights",
    "score",
    "text",
    "answer",
]
SEARCHES = [
    ("g7", {}),
    ('"press secretary"', {"limit": 5}),
    ("russia OR ukraine", {"role": "principal", "limit": 20, "offset": 3}),
    ("president", {"since": "2023", "until": "2023-07"}),
    ("nato", {"outlet": "tv", "role": "journalist"}),
    ("china", {"clarity": "non-reply", "limit": 50}),
    ("china", {"topic": "international affairs"}),
    ("the", {"entity": "Russia", "kind": "answer"}),
    ("infla*", {"speaker": "jean-pierre"}),
]


def cli_options(kw):
    out = []
    for k, v in kw.items():
        out += [f"--{k}", v]
    return out


@pytest.mark.parametrize("query, kw", SEARCHES)
def test_search_equals_cli_json(corpus, db, query, kw):
    r = run("search", query, "--db", db, "--json", *cli_options(kw))
    assert r.exit_code == 0, r.output
    expected = json.loads(r.stdout)
    df = corpus.search(query, **kw)
    # the JSON gives only question hits an "answer"; the frame has the column, None elsewhere
    assert plain(df) == [{**h, "answer": h.get("answer")} for h in expected["hits"]]
    assert list(df.columns) == HIT_COLUMNS
    assert df.attrs == {"query": expected["query"], "mode": "fulltext", "total": expected["total"]}
    assert len(df) == min(kw.get("limit", 10), expected["total"] - kw.get("offset", 0))


def test_search_hits_are_found_and_typed(corpus):
    df = corpus.search("china", clarity="non-reply", limit=50)
    assert len(df) > 0 and df["id"].tolist() == (df["event_id"] + "#" + df["turn_id"]).tolist()
    assert str(df["score"].dtype) == "Float64" and str(df["speaker"].dtype) == "string"
    assert all(isinstance(h, list) for h in df["highlights"])
    # question hits carry their answer and verdict; the others None
    questions = df[df["kind"] == "question"]
    assert len(questions) > 0 and all(isinstance(a, dict) and a["text"] for a in questions["answer"])
    assert df.loc[df["kind"] != "question", "answer"].isna().all()
    # every hit's exchange has the asked clarity in the exchanges table
    x = corpus.exchanges()
    clarity = dict(zip(x["event_id"] + "#" + x["exchange_id"], x["clarity"]))
    assert {clarity[f"{e}#{ex}"] for e, ex in zip(df["event_id"], df["exchange_id"])} <= {
        "Clear Non-Reply",
        "Ambivalent",
    }  # an exchange of several questions: any of them
    # dates as Python values mean what their text means
    import datetime as dt

    assert corpus.search("president", since=2023).equals(corpus.search("president", since="2023"))
    assert corpus.search("president", until=dt.date(2023, 5, 19)).equals(corpus.search("president", until="2023-05-19"))


def test_empty_search(corpus):
    df = corpus.search("zzyzx")
    assert len(df) == 0 and df.attrs["total"] == 0
    assert list(df.columns) == HIT_COLUMNS


def test_semantic_search_equals_cli(db, tmp_path):
    """Semantic and hybrid modes on a copy with 30 turns embedded (the real encoder)."""
    if db.startswith("postgresql"):
        pytest.skip("the encoder is engine-independent; once is enough")
    import shutil

    copy = tmp_path / "embedded.db"
    shutil.copy(db, copy)
    assert run("embed", "--db", copy, "--limit", "30", "--quiet").exit_code == 0
    with pressroom.Corpus(copy) as c:
        for mode, flag in (("semantic", "--semantic"), ("hybrid", "--hybrid")):
            r = run("search", "energy prices", "--db", copy, flag, "--json", "--limit", "5")
            assert r.exit_code == 0, r.output
            expected = json.loads(r.stdout)
            df = c.search("energy prices", mode=mode, limit=5)
            assert plain(df) == [{**h, "answer": h.get("answer")} for h in expected["hits"]] and len(df) == 5
            assert df.attrs == {"query": expected["query"], "mode": mode, "total": expected["total"]}


# -- errors are the CLI's ------------------------------------------------------------------------
BAD = [
    ("nato", {"role": "princpal"}, UsageError),
    ("nato", {"clarity": "unanswerd"}, UsageError),
    ("nato", {"topic": "economy"}, UsageError),
    ("nato", {"since": "2022-13"}, UsageError),
    ("nato", {"until": "March 2021"}, UsageError),
    ("nato", {"limit": 0}, UsageError),
    ("nato", {"kind": "questoin"}, UsageError),
    ("nato", {"speaker": "Jen Psakki"}, UsageError),
    ("nato", {"outlet": "Reuterz"}, UsageError),
    ('"', {}, QueryError),
    ("NOT nato", {"role": "princpal"}, QueryError),  # the query is said first
]


@pytest.mark.parametrize("query, kw, error", BAD)
def test_bad_search_raises_the_cli_error(corpus, db, query, kw, error):
    r = run("search", query, "--db", db, *cli_options(kw))
    assert r.exit_code == 2
    with pytest.raises(error) as exc:
        corpus.search(query, **kw)
    assert type(exc.value) is error
    assert r.stderr == f"pressroom: {exc.value}\n"


def test_bad_topic_names_the_topics(corpus):
    with pytest.raises(UsageError, match=r"^\[E006\] no topic 'economy'; topics: Agriculture, .*Macroeconomics"):
        corpus.search("nato", topic="economy")


def test_unknown_mode(corpus):
    with pytest.raises(
        UsageError,
        match=r"^\[E006\] unknown search mode 'meaning'; choose one of: fulltext, "
        r"semantic, hybrid$",
    ):
        corpus.search("nato", mode="meaning")


def test_missing_sqlite_file_is_the_cli_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "nope.db"
    r = run("search", "nato", "--db", missing)
    assert r.exit_code == 2
    with pytest.raises(StoreError) as exc:
        pressroom.Corpus(missing)
    assert str(exc.value) == f"[E004] no database at {missing}; run pressroom ingest first"
    assert r.stderr == f"pressroom: {exc.value}\n"
    with pytest.raises(StoreError, match=r"no database at nope\.db;"):
        pressroom.Corpus("sqlite:nope.db")
    assert list(tmp_path.iterdir()) == []  # nothing created


def test_default_url_is_the_clis(db, tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSROOM_DB", db)
    with pressroom.Corpus() as c:
        assert len(c.events()) == 7
    monkeypatch.delenv("PRESSROOM_DB")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError, match=r"^\[E004\] no database at pressroom\.db; run pressroom ingest first$"):
        pressroom.Corpus()
    assert not (tmp_path / "pressroom.db").exists()


def test_dtypes_of_an_unknown_level():
    with pytest.raises(
        UsageError, match=r"^\[E006\] unknown level 'records'; choose one of: turns, exchanges, events$"
    ):
        dtypes("records")


def test_bad_url(tmp_path):
    with pytest.raises(PressroomError, match=r"^\[E004\] unsupported database URL scheme 'mysql'"):
        pressroom.Corpus("mysql://localhost/x")


# -- lifecycle -----------------------------------------------------------------------------------
def test_context_manager_closes_the_store(db):
    closed = []
    with pressroom.Corpus(db) as c:
        real = c.store.close
        c.store.close = lambda: (closed.append(1), real())
        assert len(c.events()) == 7
    assert closed == [1] and c.store.engine._all == []
    assert repr(c).endswith("(closed)>")
    c.close()  # again: nothing
    assert closed == [1]
    with pytest.raises(UsageError, match=r"^\[E006\] this Corpus is closed$"):
        c.turns()
    with pytest.raises(UsageError, match="closed"):
        c.search("nato")
