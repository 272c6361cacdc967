"""The store's schema and its versioned migrations, one list of statements per engine.

Each migration runs once, in its own transaction, and is recorded in ``schema_migrations``;
`migrate` applies the missing ones in order. Add a migration by appending to `MIGRATIONS`
(never edit one that has shipped). `SCHEMA_VERSION` is the newest version.

Tables (the same on both engines):

- ``events``: one row per event (a source identity), with the metadata of its current version;
- ``versions``: each stored version of an event, with its content hash and the full JSON record;
- ``speakers``, ``turns``, ``exchanges``, ``questions``: the record, one row per item and version;
  ``turns`` carries the speaker's name, role and outlet, the event date and ``is_current``
  so that search filters and facets read one table;
- ``entities``: entity mentions per turn (from the ``entities`` annotator);
- ``turn_labels``: (turn, facet, value) rows for the facets that come from annotations
  (``entity``, ``topic``, ``clarity``, ``evasion``);
- ``embeddings``: float16 vectors of turn chunks, per model;
- full text: SQLite ``turns_fts`` (FTS5, external content on ``turns``, kept in sync by
  the store in the same transaction as the turns — in bulk, three times faster than a
  per-row trigger — and by triggers on delete and update; the layout sqlite-utils and
  Datasette detect); PostgreSQL ``turns.tsv``
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

_SQLITE_V1 = f"""
CREATE TABLE schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    identity TEXT NOT NULL UNIQUE,
    current_version INTEGER,
    n_versions INTEGER NOT NULL DEFAULT 1,
    kind TEXT, title TEXT, date TEXT, last_updated TEXT, place TEXT, organisation TEXT,
    source_url TEXT,
    n_speakers INTEGER, n_turns INTEGER, n_exchanges INTEGER, n_questions INTEGER, n_words INTEGER
);
CREATE TABLE versions (
    id INTEGER PRIMARY KEY,
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
    version_id INTEGER NOT NULL REFERENCES versions(id),
    speaker_id TEXT NOT NULL,
    name TEXT, role TEXT, title TEXT, affiliation TEXT, place TEXT, labels TEXT,
    PRIMARY KEY (version_id, speaker_id)
);
CREATE TABLE turns (
    id INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES versions(id),
    event_id TEXT NOT NULL,
    turn_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    is_current INTEGER NOT NULL,
    date TEXT,
    speaker_id TEXT, speaker TEXT, role TEXT, outlet TEXT, kind TEXT, exchange_id TEXT,
    start_char INTEGER, end_char INTEGER, start_line INTEGER, end_line INTEGER,
    start_time REAL, end_time REAL,
    text TEXT NOT NULL,
    UNIQUE (version_id, turn_id)
);
CREATE TABLE exchanges (
    version_id INTEGER NOT NULL REFERENCES versions(id),
    exchange_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    questioner TEXT, question_turns TEXT, answer_turns TEXT, answerers TEXT, follow_up_of TEXT,
    topics TEXT, clarity TEXT,
    PRIMARY KEY (version_id, exchange_id)
);
CREATE TABLE questions (
    version_id INTEGER NOT NULL REFERENCES versions(id),
    question_id TEXT NOT NULL,
    exchange_id TEXT NOT NULL,
    turn_id TEXT, start_char INTEGER, end_char INTEGER, text TEXT,
    clarity TEXT, evasion TEXT, confidence REAL,
    PRIMARY KEY (version_id, question_id)
);
CREATE TABLE entities (
    version_id INTEGER NOT NULL REFERENCES versions(id),
    turn_id TEXT, name TEXT NOT NULL, label TEXT, start_char INTEGER, end_char INTEGER
);
CREATE TABLE turn_labels (
    turn INTEGER NOT NULL REFERENCES turns(id),
    facet TEXT NOT NULL,
    value TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (turn, facet, value)
) WITHOUT ROWID;
CREATE TABLE embeddings (
    id INTEGER PRIMARY KEY,
    turn INTEGER NOT NULL REFERENCES turns(id),
    chunk INTEGER NOT NULL,
    start_char INTEGER, end_char INTEGER,
    model TEXT NOT NULL,
    dim INTEGER NOT NULL,
    vector BLOB NOT NULL,
    UNIQUE (turn, chunk, model)
);
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

_PG_V1 = f"""
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    identity TEXT NOT NULL UNIQUE,
    current_version BIGINT,
    n_versions INTEGER NOT NULL DEFAULT 1,
    kind TEXT, title TEXT, date TEXT, last_updated TEXT, place TEXT, organisation TEXT,
    source_url TEXT,
    n_speakers INTEGER, n_turns INTEGER, n_exchanges INTEGER, n_questions INTEGER, n_words INTEGER
);
CREATE TABLE versions (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
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
    version_id BIGINT NOT NULL REFERENCES versions(id),
    speaker_id TEXT NOT NULL,
    name TEXT, role TEXT, title TEXT, affiliation TEXT, place TEXT, labels TEXT,
    PRIMARY KEY (version_id, speaker_id)
);
CREATE TABLE turns (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    version_id BIGINT NOT NULL REFERENCES versions(id),
    event_id TEXT NOT NULL,
    turn_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    is_current INTEGER NOT NULL,
    date TEXT,
    speaker_id TEXT, speaker TEXT, role TEXT, outlet TEXT, kind TEXT, exchange_id TEXT,
    start_char INTEGER, end_char INTEGER, start_line INTEGER, end_line INTEGER,
    start_time DOUBLE PRECISION, end_time DOUBLE PRECISION,
    text TEXT NOT NULL,
    tsv TSVECTOR NOT NULL,
    UNIQUE (version_id, turn_id)
);
CREATE INDEX turns_tsv ON turns USING GIN (tsv);
CREATE TABLE exchanges (
    version_id BIGINT NOT NULL REFERENCES versions(id),
    exchange_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    questioner TEXT, question_turns TEXT, answer_turns TEXT, answerers TEXT, follow_up_of TEXT,
    topics TEXT, clarity TEXT,
    PRIMARY KEY (version_id, exchange_id)
);
CREATE TABLE questions (
    version_id BIGINT NOT NULL REFERENCES versions(id),
    question_id TEXT NOT NULL,
    exchange_id TEXT NOT NULL,
    turn_id TEXT, start_char INTEGER, end_char INTEGER, text TEXT,
    clarity TEXT, evasion TEXT, confidence DOUBLE PRECISION,
    PRIMARY KEY (version_id, question_id)
);
CREATE TABLE entities (
    version_id BIGINT NOT NULL REFERENCES versions(id),
    turn_id TEXT, name TEXT NOT NULL, label TEXT, start_char INTEGER, end_char INTEGER
);
CREATE TABLE turn_labels (
    turn BIGINT NOT NULL REFERENCES turns(id),
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (turn, facet, value)
);
CREATE TABLE embeddings (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    turn BIGINT NOT NULL REFERENCES turns(id),
    chunk INTEGER NOT NULL,
    start_char INTEGER, end_char INTEGER,
    model TEXT NOT NULL,
    dim INTEGER NOT NULL,
    vector BYTEA NOT NULL,
    UNIQUE (turn, chunk, model)
);
CREATE INDEX turn_labels_lower ON turn_labels(facet, lower(value), turn);
{_COMMON_AFTER}
"""


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


MIGRATIONS: list[Migration] = [
    Migration(1, "initial schema", _statements(_SQLITE_V1), _statements(_PG_V1)),
]

SCHEMA_VERSION = MIGRATIONS[-1].version
