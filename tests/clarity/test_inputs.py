from pressroom.clarity.inputs import (
    CLS_ID,
    SEP_ID,
    collate,
    encode_pairs,
    length_batches,
    load_tokenizer,
    truncate_head_tail,
)


def test_truncate_head_tail():
    ids = list(range(10))
    assert truncate_head_tail(ids, 20, 0.75) == ids
    assert truncate_head_tail(ids, 4, 0.75) == [0, 1, 2, 9]
    assert truncate_head_tail(ids, 4, 1.0) == [0, 1, 2, 3]
    assert truncate_head_tail(ids, 0, 0.75) == []


def test_length_batches_fill_a_token_budget():
    lengths = [500, 100, 120, 90, 300, 110]
    # ascending: 90, 100, 110, 120 fit 4 × 120 ≤ 512; 300 alone (2 × 300 > 512); 500 alone
    assert length_batches(lengths, max_items=16, max_tokens=512) == [[3, 1, 5, 2], [4], [0]]
    assert length_batches(lengths, max_items=2, max_tokens=512) == [[3, 1], [5, 2], [4], [0]]
    # an input longer than the budget still gets a batch of its own
    assert length_batches([900, 10], max_items=16, max_tokens=512) == [[1], [0]]
    assert length_batches([], max_items=16) == []


def test_pair_encoding_layout():
    tok = load_tokenizer()
    q = tok.encode("Will you resign?", add_special_tokens=False).ids
    [e] = encode_pairs(tok, ["Will you resign?"], ["No. " * 100], max_len=32, head_frac=0.75)
    assert len(e.input_ids) == 32
    assert e.input_ids[0] == CLS_ID and e.input_ids[-1] == SEP_ID
    assert e.input_ids[1 : 1 + len(q)] == q and e.input_ids[1 + len(q)] == SEP_ID
    assert e.token_type_ids == [0] * (len(q) + 2) + [1] * (32 - len(q) - 2)
    ids, mask, _types = collate([e, encode_pairs(tok, ["Why?"], ["Because."])[0]])
    assert ids.shape == (2, 32) and mask[1].sum().item() == 7  # [CLS] why ? [SEP] because . [SEP]
    assert ids[1, 7:].tolist() == [0] * 25
