"""The store's schema and its versioned migrations, one list of statements per engine.

Each migration runs once, in its own transaction, and is recorded in ``schema_migrations``;
`migrate` applies the missing ones in order. Add a migration by appending to `MIGRATIONS`
(never edit one that has shipped). `SCHEMA_VERSION` is the newest version.

Tables (the same on both engines):

- ``events``: one row per event (a source identity), with the metadata of its current version;
- ``versions``: each stored version of an event, with its content hash and the full JSON
  record (zlib-compressed since v2);
- ``speakers``, ``turns``, ``exchanges``, ``questions``: the record, one row per item and version;
  ``turns`` carries the speaker's name, role and outlet, the event date and ``is_current``
  so that search filters and facets read one table (indexed on ``(speaker, is_current)``
  and ``(outlet, is_current)`` since v3, for one speaker's or outlet's turns);
- ``entities``: entity mentions per turn (from the ``entities`` annotator);
- ``turn_labels``: (turn, facet, value) rows for the facets that come from annotations
  (``entity``, ``topic``, ``clarity``, ``evasion``);
- ``embeddings``: float16 vectors of turn chunks, per model;
- ``sources`` (v5): the source text outside the turns' speech, to annotate without the files;
- ``annotation_runs`` (v5): (version, annotator, annotator version) for each annotation stored;
- full text: SQLite ``turns_fts`` (FTS5, external content on ``turns``; the layout
  sqlite-utils and Datasette detect). `Store.add` indexes a transcript's turns in its own
  transaction; an ingest indexes them in batches (``Store.sync_index``), and
  ``index_state`` records up to which turn id the index reaches, so an interrupted ingest
  is caught up when the store is next opened. Triggers keep the index right on delete and
  update (turns are never deleted by pressroom, so turn ids only grow). PostgreSQL ``turns.tsv``
  (tsvector, GIN index).
"""

from __future__ import annotations

from dataclasses import dataclass

#: FTS5 tokenizer: exact words, case and diacritics folded (no stemming, so prefixes work)
FTS_TOKENIZE = "unicode61 remove_diacritics 2"


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sqlite: tuple[str, ...]
    postgresql: tuple[str, ...]


_COMMON_AFTER = """
CREATE INDEX IF NOT EXISTS turns_current_date ON turns(is_current, date);
CREATE INDEX IF NOT EXISTS turns_version ON turns(version_id, seq);
CREATE INDEX IF NOT EXISTS turns_event ON turns(event_id, is_current);
CREATE INDEX IF NOT EXISTS turn_labels_value ON turn_labels(facet, value, turn);
CREATE INDEX IF NOT EXISTS versions_event ON versions(event_id, version);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS entities_turn ON entities(version_id, turn_id);
CREATE INDEX IF NOT EXISTS questions_exchange ON questions(version_id, exchange_id);
CREATE INDEX IF NOT EXISTS embeddings_model ON embeddings(model, turn);
"""

# The tables, written once; {ID} {REF} {REAL} {BLOB} {NOCASE} {TSV} {NOROWID} differ per engine.
_TABLES_V1 = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    identity TEXT NOT NULL UNIQUE,
    current_version {REF},
    n_versions INTEGER NOT NULL DEFAULT 1,
    kind TEXT, title TEXT, date TEXT, last_updated TEXT, place TEXT, organisation TEXT,
    source_url TEXT,
    n_speakers INTEGER, n_turns INTEGER, n_exchanges INTEGER, n_questions INTEGER, n_words INTEGER
);
CREATE TABLE versions (
    id {ID},
    event_id TEXT NOT NULL REFERENCES events(id),
    version INTEGER NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    last_updated TEXT,
    source_path TEXT,
    format TEXT,
    annotators TEXT,
    ingested_at TEXT NOT NULL,
    record TEXT NOT NULL,
    UNIQUE (event_id, version)
);
CREATE TABLE speakers (
    version_id {REF} NOT NULL REFERENCES versions(id),
    speaker_id TEXT NOT NULL,
    name TEXT, role TEXT, title TEXT, affiliation TEXT, place TEXT, labels TEXT,
    PRIMARY KEY (version_id, speaker_id)
);
CREATE TABLE turns (
    id {ID},
    version_id {REF} NOT NULL REFERENCES versions(id),
    event_id TEXT NOT NULL,
    turn_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    is_current INTEGER NOT NULL,
    date TEXT,
    speaker_id TEXT, speaker TEXT, role TEXT, outlet TEXT, kind TEXT, exchange_id TEXT,
    start_char INTEGER, end_char INTEGER, start_line INTEGER, end_line INTEGER,
    start_time {REAL}, end_time {REAL},
    text TEXT NOT NULL,{TSV}
    UNIQUE (version_id, turn_id)
);
CREATE TABLE exchanges (
    version_id {REF} NOT NULL REFERENCES versions(id),
    exchange_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    questioner TEXT, question_turns TEXT, answer_turns TEXT, answerers TEXT, follow_up_of TEXT,
    topics TEXT, clarity TEXT,
    PRIMARY KEY (version_id, exchange_id)
);
CREATE TABLE questions (
    version_id {REF} NOT NULL REFERENCES versions(id),
    question_id TEXT NOT NULL,
    exchange_id TEXT NOT NULL,
    turn_id TEXT, start_char INTEGER, end_char INTEGER, text TEXT,
    clarity TEXT, evasion TEXT, confidence {REAL},
    PRIMARY KEY (version_id, question_id)
);
CREATE TABLE entities (
    version_id {REF} NOT NULL REFERENCES versions(id),
    turn_id TEXT, name TEXT NOT NULL, label TEXT, start_char INTEGER, end_char INTEGER
);
CREATE TABLE turn_labels (
    turn {REF} NOT NULL REFERENCES turns(id),
    facet TEXT NOT NULL,
    value TEXT NOT NULL{NOCASE},
    PRIMARY KEY (turn, facet, value)
){NOROWID};
CREATE TABLE embeddings (
    id {ID},
    turn {REF} NOT NULL REFERENCES turns(id),
    chunk INTEGER NOT NULL,
    start_char INTEGER, end_char INTEGER,
    model TEXT NOT NULL,
    dim INTEGER NOT NULL,
    vector {BLOB} NOT NULL,
    UNIQUE (turn, chunk, model)
);
"""

_SQLITE_V1 = (
    _TABLES_V1.format(
        ID="INTEGER PRIMARY KEY",
        REF="INTEGER",
        REAL="REAL",
        BLOB="BLOB",
        NOCASE=" COLLATE NOCASE",
        TSV="",
        NOROWID=" WITHOUT ROWID",
    )
    + f"""
CREATE VIRTUAL TABLE turns_fts USING fts5(
    text, content="turns", content_rowid="id", tokenize="{FTS_TOKENIZE}"
);
CREATE TRIGGER turns_ad AFTER DELETE ON turns BEGIN
    INSERT INTO turns_fts (turns_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER turns_au AFTER UPDATE OF text ON turns BEGIN
    INSERT INTO turns_fts (turns_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO turns_fts (rowid, text) VALUES (new.id, new.text);
END;
{_COMMON_AFTER}
"""
)

_PG_V1 = (
    _TABLES_V1.format(
        ID="BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
        REF="BIGINT",
        REAL="DOUBLE PRECISION",
        BLOB="BYTEA",
        NOCASE="",
        TSV="\n    tsv TSVECTOR NOT NULL,",
        NOROWID="",
    )
    + f"""
CREATE INDEX turns_tsv ON turns USING GIN (tsv);
CREATE INDEX turn_labels_lower ON turn_labels(facet, lower(value), turn);
{_COMMON_AFTER}
"""
)


def _statements(script: str) -> tuple[str, ...]:
    """Split a script on ';' at line ends, keeping trigger bodies (BEGIN … END;) whole."""
    out: list[str] = []
    buf: list[str] = []
    depth = 0
    for line in script.strip().splitlines():
        if not line.strip():
            continue
        buf.append(line)
        stripped = line.strip().upper()
        if stripped.endswith(" BEGIN") or stripped == "BEGIN":
            depth += 1
        if stripped == "END;":
            depth -= 1
        if stripped.endswith(";") and depth == 0:
            out.append("\n".join(buf).rstrip(";").strip())
            buf = []
    if buf:
        out.append("\n".join(buf).strip())
    return tuple(out)


# v2: the full-text index is filled in batches during an ingest (five times faster than one
# flush per transcript); ``index_state`` records how far it reaches (turn ids at or below
# ``turns_fts`` are indexed). Databases made by early v1 code had a per-row insert trigger:
# dropped, or rows would be indexed twice.
#
# Also: three indexes on turns that cost more at ingest than they saved (search starts from
# the full-text match; an event's turns are found by version id), and the JSON record is
# stored zlib-compressed (a quarter of the bytes to write; `Store.get_record` reads both).
_SQLITE_V2 = """
DROP TRIGGER IF EXISTS turns_ai;
DROP INDEX IF EXISTS turns_current_date;
DROP INDEX IF EXISTS turns_version;
DROP INDEX IF EXISTS turns_event;
CREATE TABLE index_state (name TEXT PRIMARY KEY, upto INTEGER NOT NULL);
INSERT INTO index_state (name, upto) VALUES ('turns_fts', coalesce((SELECT max(id) FROM turns), 0));
"""
_PG_V2 = """
DROP INDEX IF EXISTS turns_current_date;
DROP INDEX IF EXISTS turns_version;
DROP INDEX IF EXISTS turns_event;
ALTER TABLE versions ALTER COLUMN record TYPE BYTEA USING convert_to(record, 'UTF8');
CREATE TABLE index_state (name TEXT PRIMARY KEY, upto BIGINT NOT NULL);
INSERT INTO index_state (name, upto) VALUES ('turns_fts', coalesce((SELECT max(id) FROM turns), 0));
"""

# v3: finding one speaker's or one outlet's turns (the server's speaker and outlet pages;
# `stats` counting speakers) scanned the whole turns table, whose rows carry the text. On
# ../shared/corpus-large (116,000 turns; EXPLAIN QUERY PLAN and CPU time): counting one
# speaker's current turns 42 ms (SCAN) → 0.7 ms (covering index search); `stats`'s distinct
# speakers 75 → 13 ms (covering index scan). Search does not use them (it filters in memory,
# `memory.TurnTable`), and the speaker/outlet *filters* match a part of the name, which no
# B-tree serves. Building both on that corpus takes 0.3 s and 2.5 MB.
_V3 = """
CREATE INDEX IF NOT EXISTS turns_speaker ON turns(speaker, is_current);
CREATE INDEX IF NOT EXISTS turns_outlet ON turns(outlet, is_current);
"""

# v4: who's who across the corpus (`pressroom.identity`): persons and the links of each stored
# speaker to one (with the rule, the evidence and a confidence), outlets and the affiliation forms
# that name each, and the user's merges and splits, which a rebuild replays (it rewrites the
# other four tables and never touches ``identity_overrides``).
_TABLES_V4 = """
CREATE TABLE persons (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    aliases TEXT, roles TEXT, organisations TEXT, outlets TEXT,
    n_events INTEGER NOT NULL DEFAULT 0,
    n_turns INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT, last_seen TEXT
);
CREATE TABLE person_links (
    version_id {REF} NOT NULL REFERENCES versions(id),
    speaker_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    form TEXT, rule TEXT NOT NULL, confidence {REAL} NOT NULL, evidence TEXT,
    PRIMARY KEY (version_id, speaker_id)
);
CREATE INDEX person_links_person ON person_links(person_id);
CREATE TABLE outlets (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT, kind TEXT,
    listed INTEGER NOT NULL,
    aliases TEXT, reporters TEXT,
    n_reporters INTEGER NOT NULL DEFAULT 0,
    n_turns INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE outlet_forms (
    form TEXT PRIMARY KEY,
    outlet_id TEXT NOT NULL,
    rule TEXT NOT NULL,
    confidence {REAL} NOT NULL
);
CREATE TABLE identity_overrides (
    id {ID},
    kind TEXT NOT NULL,
    person_id TEXT NOT NULL,
    other TEXT, form TEXT, event_id TEXT,
    created_at TEXT NOT NULL
);
"""
_SQLITE_V4 = _TABLES_V4.format(ID="INTEGER PRIMARY KEY", REF="INTEGER", REAL="REAL")
_PG_V4 = _TABLES_V4.format(
    ID="BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", REF="BIGINT", REAL="DOUBLE PRECISION"
)

# v5: annotating what is stored (`pressroom annotate`). ``sources`` keeps, per version, the
# source text outside the turns' speech (zlib-compressed JSON; with the record's turn texts it
# rebuilds the text the annotators read, exactly: `rows.rebuild_source`), so annotators run
# without re-reading the files; ``annotation_runs`` records which annotator, in which version
# (`pressroom.annotate.version_of`), annotated each version, so a re-run skips what is current;
# ``index_state`` 'annotations' counts the versions annotated again (the search tables reload).
_TABLES_V5 = """
CREATE TABLE sources (
    version_id {REF} PRIMARY KEY REFERENCES versions(id),
    gaps {BLOB} NOT NULL
);
CREATE TABLE annotation_runs (
    version_id {REF} NOT NULL REFERENCES versions(id),
    annotator TEXT NOT NULL,
    version TEXT NOT NULL,
    done_at TEXT NOT NULL,
    PRIMARY KEY (version_id, annotator)
);
INSERT INTO index_state (name, upto) VALUES ('annotations', 0);
"""
_SQLITE_V5 = _TABLES_V5.format(REF="INTEGER", BLOB="BLOB")
_PG_V5 = _TABLES_V5.format(REF="BIGINT", BLOB="BYTEA")

MIGRATIONS: list[Migration] = [
    Migration(1, "initial schema", _statements(_SQLITE_V1), _statements(_PG_V1)),
    Migration(2, "batched full-text indexing", _statements(_SQLITE_V2), _statements(_PG_V2)),
    Migration(3, "speaker and outlet indexes", _statements(_V3), _statements(_V3)),
    Migration(4, "persons and outlets", _statements(_SQLITE_V4), _statements(_PG_V4)),
    Migration(5, "sources and annotation runs", _statements(_SQLITE_V5), _statements(_PG_V5)),
]

SCHEMA_VERSION = MIGRATIONS[-1].version
