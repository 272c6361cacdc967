import json

import pytest
import torch
from safetensors import safe_open

from pressroom.clarity.encoder import EncoderConfig
from pressroom.clarity.labels import CLARITY_LABELS, EVASION_LABELS
from pressroom.clarity.model import (
    DEFAULT_MODEL_DIR,
    ClarityModel,
    ClarityNet,
    clarity_dtype,
    decide,
    default_decision,
    model_name,
    save_model,
)
from pressroom.errors import ModelError

from .conftest import CLEAR_REPLY, DECLINED


def test_shipped_weights_are_one_fp16_safetensors_file():
    files = sorted(p.name for p in DEFAULT_MODEL_DIR.iterdir() if not p.name.startswith("."))
    assert files == ["calibration.json", "config.json", "cv_oof.npz", "model.safetensors", "report.json"]
    with safe_open(str(DEFAULT_MODEL_DIR / "model.safetensors"), "pt") as f:
        keys = list(f.keys())
        assert {f.get_slice(k).get_dtype() for k in keys} == {"F16"}
    assert "clarity_head.weight" in keys and "evasion_head.weight" in keys
    assert "encoder.embeddings.word_embeddings.weight" in keys
    cfg = json.loads((DEFAULT_MODEL_DIR / "config.json").read_text())
    assert cfg["labels"]["clarity"] == list(CLARITY_LABELS)
    assert cfg["labels"]["evasion"] == list(EVASION_LABELS)
    assert model_name() == "pressroom-clarity-minilm@1"


def test_two_clear_cut_pairs(shipped_model):
    a, b = shipped_model.predict([CLEAR_REPLY[0], DECLINED[0]], [CLEAR_REPLY[1], DECLINED[1]])
    assert (a.clarity, a.evasion) == ("Clear Reply", "Explicit")
    assert (b.clarity, b.evasion) == ("Clear Non-Reply", "Declining to answer")
    # the model's own probabilities are high; the shipped calibration (T 1.65) softens them
    assert a.raw_confidence > 0.8 and b.raw_confidence > 0.8
    assert 0.7 < a.clarity_probs["Clear Reply"] < a.raw_confidence
    assert 0.7 < b.clarity_probs["Clear Non-Reply"] < b.raw_confidence
    assert a.uncertain is False and b.uncertain is False
    for p in (a, b):
        assert list(p.clarity_probs) == list(CLARITY_LABELS)
        assert list(p.evasion_probs) == list(EVASION_LABELS)
        assert sum(p.clarity_probs.values()) == pytest.approx(1.0, abs=1e-4)
        assert sum(p.evasion_probs.values()) == pytest.approx(1.0, abs=1e-4)


def test_predictions_do_not_depend_on_batching(shipped_model):
    qs = [CLEAR_REPLY[0], DECLINED[0], "What is the plan?"]
    ans = [CLEAR_REPLY[1], DECLINED[1], "We have a plan and we will present it when it is ready."]
    one = [shipped_model.predict([q], [a])[0] for q, a in zip(qs, ans)]
    batch = shipped_model.predict(qs, ans, batch_size=3)
    for x, y in zip(one, batch):
        assert x.clarity == y.clarity and x.evasion == y.evasion
        for k in x.clarity_probs:
            assert x.clarity_probs[k] == pytest.approx(y.clarity_probs[k], abs=1e-3)


def test_decide_combines_heads_applies_offsets_and_consistency():
    cl = torch.tensor([[2.0, 1.0, 0.0]])
    ev = torch.tensor([[0.0, 3.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]])
    d = default_decision()
    pc, pe = decide(cl, ev, d)
    assert pc.argmax().item() == 0 and pe.argmax().item() == 1
    # evasion-derived clarity: Implicit belongs to Ambivalent
    pc, _ = decide(cl, ev, {**d, "clarity_source": "evasion"})
    assert pc.argmax().item() == 1
    # consistency: with clarity Clear Reply, only Explicit is left
    pc, pe = decide(cl, ev, {**d, "evasion_consistent": True})
    assert pe[0].tolist() == [1.0] + [0.0] * 8
    # a clarity offset flips the verdict
    pc, _ = decide(cl, ev, {**d, "clarity_offsets": [0.0, 0.0, 2.5]})
    assert pc.argmax().item() == 2
    assert pc.sum().item() == pytest.approx(1.0)


def test_save_and_load_round_trip(tmp_path):
    torch.manual_seed(0)
    cfg = EncoderConfig(hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64)
    net = ClarityNet(cfg).eval()
    config = {
        "name": "tiny",
        "version": "0",
        "inputs": {"max_len": 32, "max_question_tokens": 8, "head_frac": 0.75},
        "decision": default_decision(),
    }
    save_model(net, config, tmp_path)
    m = ClarityModel.load(tmp_path, dtype="float32")
    assert m.name == "tiny@0"
    ids = torch.tensor([[101, 2000, 102, 3000, 102]])
    mask = torch.ones_like(ids)
    with torch.no_grad():
        want = net(ids, mask, torch.tensor([[0, 0, 0, 1, 1]]))
        got = m.net(ids, mask, torch.tensor([[0, 0, 0, 1, 1]]))
    for w, g in zip(want, got):
        assert torch.allclose(w, g, atol=2e-2)


def test_missing_or_broken_model_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="no clarity model in"):
        ClarityModel.load(tmp_path)
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "model.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(ModelError, match="cannot load the clarity model"):
        ClarityModel.load(tmp_path)


def test_the_clarity_dtype_is_auto_unless_set(monkeypatch):
    monkeypatch.delenv("PRESSROOM_CLARITY_DTYPE", raising=False)
    assert clarity_dtype() == "auto"
    monkeypatch.setenv("PRESSROOM_CLARITY_DTYPE", " Float32 ")
    assert clarity_dtype() == "float32"
    monkeypatch.setenv("PRESSROOM_CLARITY_DTYPE", "bfloat16")
    assert clarity_dtype() == "bfloat16"


def test_a_clarity_dtype_of_no_known_format_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("PRESSROOM_CLARITY_DTYPE", "fp8")
    with pytest.raises(ModelError) as err:
        clarity_dtype()
    assert str(err.value).endswith("PRESSROOM_CLARITY_DTYPE must be auto, float32 or bfloat16, not 'fp8'")
