from pressroom.clarity.inputs import (
    CLS_ID,
    SEP_ID,
    collate,
    encode_pairs,
    load_tokenizer,
    truncate_head_tail,
)


def test_truncate_head_tail():
    ids = list(range(10))
    assert truncate_head_tail(ids, 20, 0.75) == ids
    assert truncate_head_tail(ids, 4, 0.75) == [0, 1, 2, 9]
    assert truncate_head_tail(ids, 4, 1.0) == [0, 1, 2, 3]
    assert truncate_head_tail(ids, 0, 0.75) == []


def test_pair_encoding_layout():
    tok = load_tokenizer()
    q = tok.encode("Will you resign?", add_special_tokens=False).ids
    [e] = encode_pairs(tok, ["Will you resign?"], ["No. " * 100], max_len=32, head_frac=0.75)
    assert len(e.input_ids) == 32
    assert e.input_ids[0] == CLS_ID and e.input_ids[-1] == SEP_ID
    assert e.input_ids[1:1 + len(q)] == q and e.input_ids[1 + len(q)] == SEP_ID
    assert e.token_type_ids == [0] * (len(q) + 2) + [1] * (32 - len(q) - 2)
    ids, mask, _types = collate([e, encode_pairs(tok, ["Why?"], ["Because."])[0]])
    assert ids.shape == (2, 32) and mask[1].sum().item() == 7  # [CLS] why ? [SEP] because . [SEP]
    assert ids[1, 7:].tolist() == [0] * 25
