"""The clarity model: a MiniLM cross-encoder over (question, answer) with two heads.

One shared encoder reads ``[CLS] question [SEP] answer [SEP]``; its mean-pooled output feeds a
3-way clarity head and a 9-way evasion head. The model folder holds ``model.safetensors``
(fp16 weights), ``config.json`` (architecture, input settings, label lists, decision rule)
and ``report.json`` (how it was chosen and how it scored). No pickle anywhere.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from torch import nn

from ..errors import ModelError
from .encoder import Encoder, EncoderConfig, encoder_state
from .calibration import load as load_calibration
from .inputs import MAX_BATCH_TOKENS, base_model_dir, collate, encode_pairs, length_batches, load_tokenizer
from .labels import CLARITY_LABELS, EVASION_LABELS, evasion_to_clarity_matrix

#: the model shipped inside the package
DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "clarity"
WEIGHTS_FILE = "model.safetensors"
CONFIG_FILE = "config.json"
REPORT_FILE = "report.json"


class ClarityNet(nn.Module):
    """Encoder + clarity head (3) + evasion head (9), on the mean-pooled encoding."""

    def __init__(self, config: EncoderConfig, n_clarity: int = 3, n_evasion: int = 9, dropout: float = 0.1):
        super().__init__()
        self.encoder = Encoder(config)
        self.dropout = nn.Dropout(dropout)
        self.clarity_head = nn.Linear(config.hidden_size, n_clarity)
        self.evasion_head = nn.Linear(config.hidden_size, n_evasion)

    def forward(self, input_ids, attention_mask, token_type_ids):
        h = self.encoder(input_ids, attention_mask, token_type_ids)
        pooled = self.dropout(Encoder.mean_pool(h, attention_mask))
        return self.clarity_head(pooled), self.evasion_head(pooled)

    @classmethod
    def from_base(cls, base_dir: str | os.PathLike | None = None, dropout: float = 0.1) -> ClarityNet:
        """A fresh model: the base encoder's weights, freshly initialised heads (seed torch first)."""
        from safetensors.torch import load_file

        d = base_model_dir(base_dir)
        cfg = EncoderConfig.from_dict(json.loads((d / "config.json").read_text()))
        net = cls(cfg, dropout=dropout)
        state = {k: v.float() for k, v in encoder_state(load_file(str(d / "model.safetensors"))).items()}
        net.encoder.load_state_dict(state, strict=True)
        return net


def default_decision() -> dict[str, Any]:
    return {
        "clarity_source": "head",  # "head" | "evasion" (evasion probabilities summed) | "mean"
        "clarity_offsets": [0.0] * len(CLARITY_LABELS),
        "evasion_offsets": [0.0] * len(EVASION_LABELS),
        "evasion_consistent": False,  # restrict the technique to the predicted clarity class
    }


def decide(clarity_logits: torch.Tensor, evasion_logits: torch.Tensor, decision: dict[str, Any]):
    """Turn raw logits into the reported (clarity_probs, evasion_probs), both rows summing to 1.

    The clarity distribution comes from the clarity head, from the evasion head summed up to
    clarity, or their mean (``clarity_source``); per-class log-offsets (chosen by grouped
    cross-validation for macro-F1) then shift both distributions. With ``evasion_consistent``
    the techniques outside the chosen clarity class get probability 0.
    """
    clarity_logits = clarity_logits.float()
    evasion_logits = evasion_logits.float()
    m = torch.tensor(evasion_to_clarity_matrix(), dtype=torch.float32, device=evasion_logits.device)
    p_head = torch.softmax(clarity_logits, -1)
    p_ev = torch.softmax(evasion_logits, -1) @ m
    source = decision.get("clarity_source", "head")
    if source == "head":
        pc = p_head
    elif source == "evasion":
        pc = p_ev
    elif source == "mean":
        pc = (p_head + p_ev) / 2
    else:
        raise ModelError(f"unknown clarity_source {source!r} in the model's config")
    c_off = torch.tensor(decision.get("clarity_offsets", [0.0] * 3), dtype=torch.float32, device=pc.device)
    e_off = torch.tensor(decision.get("evasion_offsets", [0.0] * 9), dtype=torch.float32, device=pc.device)
    pc = torch.softmax(torch.log(pc.clamp_min(1e-12)) + c_off, -1)
    el = evasion_logits + e_off
    if decision.get("evasion_consistent"):
        allowed = m[:, pc.argmax(-1)].T > 0  # (batch, 9)
        el = el.masked_fill(~allowed, float("-inf"))
    return pc, torch.softmax(el, -1)


def cpu_has_bf16() -> bool:
    """Whether this CPU computes bf16 natively (AMX or AVX512-BF16): then bf16 is much faster."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return " amx_bf16" in flags or " avx512_bf16" in flags


@dataclass
class Prediction:
    """One verdict. With a calibrated model the probabilities are the calibrated ones
    (``confidence``: the chosen class's; ``raw_confidence``: the decision rule's before
    calibration) and ``uncertain`` says whether ``confidence`` is under the model's threshold;
    without calibration ``uncertain`` is None and the two confidences are equal."""

    clarity: str
    clarity_probs: dict[str, float]
    evasion: str
    evasion_probs: dict[str, float]
    confidence: float = 0.0
    raw_confidence: float = 0.0
    uncertain: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "clarity": self.clarity,
            "clarity_probs": self.clarity_probs,
            "confidence": self.confidence,
            "uncertain": self.uncertain,
            "evasion": self.evasion,
            "evasion_probs": self.evasion_probs,
        }


class ClarityModel:
    """A loaded clarity model: `predict(questions, answers)` → one `Prediction` per pair."""

    def __init__(
        self,
        net: ClarityNet,
        config: dict[str, Any],
        tokenizer,
        device: str = "cpu",
        dtype: torch.dtype = torch.float32,
    ):
        self.net = net
        self.config = config
        self.tokenizer = tokenizer
        self.device = device
        self.dtype = dtype
        self.inputs = config["inputs"]
        self.decision = {**default_decision(), **config.get("decision", {})}
        self.clarity_labels = tuple(config["labels"]["clarity"])
        self.evasion_labels = tuple(config["labels"]["evasion"])
        self.load_seconds: float | None = None
        self.model_dir: Path | None = None  # the folder it was loaded from (its report.json: `agreement`)
        self.calibration: dict[str, Any] | None = None  # its calibration.json (`calibration.fit`)

    @property
    def name(self) -> str:
        return f"{self.config.get('name', 'clarity')}@{self.config.get('version', '?')}"

    @classmethod
    def load(
        cls,
        model_dir: str | os.PathLike | None = None,
        device: str = "cpu",
        dtype: str = "auto",
        base_dir: str | os.PathLike | None = None,
    ) -> ClarityModel:
        """Load from a model folder (default: the one shipped in the package).

        ``dtype``: "float32", "bfloat16" or "auto" (bf16 on a CPU that computes it natively,
        and on CUDA; float32 otherwise).
        """
        from safetensors import SafetensorError
        from safetensors.torch import load_file

        t0 = time.perf_counter()
        d = Path(model_dir) if model_dir is not None else DEFAULT_MODEL_DIR
        if not (d / WEIGHTS_FILE).is_file() or not (d / CONFIG_FILE).is_file():
            raise ModelError(
                f"no clarity model in {d} (expected {WEIGHTS_FILE} and {CONFIG_FILE}); "
                "train one with `pressroom train clarity --data DIR`"
            )
        try:
            config = json.loads((d / CONFIG_FILE).read_text())
            enc_cfg = EncoderConfig.from_dict(config["encoder"])
            net = ClarityNet(enc_cfg, len(config["labels"]["clarity"]), len(config["labels"]["evasion"]))
            state = load_file(str(d / WEIGHTS_FILE))
        except (ValueError, KeyError, OSError, SafetensorError) as exc:
            raise ModelError(f"cannot load the clarity model from {d}: {exc}") from exc
        if dtype == "auto":
            use = torch.bfloat16 if (device.startswith("cuda") or cpu_has_bf16()) else torch.float32
        else:
            use = {"float32": torch.float32, "bfloat16": torch.bfloat16}.get(dtype)
            if use is None:
                raise ModelError(f"unknown dtype {dtype!r}: use float32, bfloat16 or auto")
        try:
            net.load_state_dict({k: v.to(use) for k, v in state.items()}, strict=True, assign=True)
        except RuntimeError as exc:
            raise ModelError(f"the weights in {d / WEIGHTS_FILE} do not fit its config: {exc}") from exc
        net = net.to(device=device, dtype=use).eval()
        model = cls(net, config, load_tokenizer(base_dir), device=device, dtype=use)
        model.calibration = load_calibration(d)
        model.load_seconds = time.perf_counter() - t0
        model.model_dir = d
        return model

    @property
    def threshold(self) -> float | None:
        """The calibrated probability under which a verdict reads "uncertain" (None: uncalibrated)."""
        return (self.calibration or {}).get("threshold")

    @torch.inference_mode()
    def logits(
        self,
        questions: Sequence[str],
        answers: Sequence[str],
        batch_size: int = 16,
        max_batch_tokens: int = MAX_BATCH_TOKENS,
    ):
        """Raw (clarity_logits, evasion_logits) as float32 CPU tensors, in input order; pairs run
        in batches of like lengths (`length_batches`)."""
        enc = encode_pairs(
            self.tokenizer,
            questions,
            answers,
            self.inputs["max_len"],
            self.inputs["max_question_tokens"],
            self.inputs["head_frac"],
        )
        cl = torch.zeros((len(enc), len(self.clarity_labels)))
        ev = torch.zeros((len(enc), len(self.evasion_labels)))
        for idx in length_batches([len(e.input_ids) for e in enc], batch_size, max_batch_tokens):
            ids, mask, types = (t.to(self.device) for t in collate([enc[i] for i in idx]))
            c, e = self.net(ids, mask, types)
            cl[idx] = c.float().cpu()
            ev[idx] = e.float().cpu()
        return cl, ev

    def predict(
        self,
        questions: Sequence[str],
        answers: Sequence[str],
        batch_size: int = 16,
        max_batch_tokens: int = MAX_BATCH_TOKENS,
    ) -> list[Prediction]:
        if not len(questions):
            return []
        cl, ev = self.logits(questions, answers, batch_size, max_batch_tokens)
        pc, pe = decide(cl, ev, self.decision)
        return self.verdicts(pc.numpy(), pe.numpy())

    def verdicts(self, pc, pe) -> list[Prediction]:
        """Predictions from the decision rule's (clarity, evasion) probabilities, calibrated when
        the model has a calibration."""
        from .calibration import temper

        raw = pc.max(-1).tolist()
        cal = self.calibration
        if cal:
            pc = temper(pc, cal["clarity"]["temperature"])
            if (cal.get("evasion") or {}).get("temperature"):
                pe = temper(pe, cal["evasion"]["temperature"])
        threshold = self.threshold
        out = []
        for c_row, e_row, p_raw in zip(pc.tolist(), pe.tolist(), raw):
            c = max(range(len(c_row)), key=c_row.__getitem__)
            e = max(range(len(e_row)), key=e_row.__getitem__)
            out.append(
                Prediction(
                    clarity=self.clarity_labels[c],
                    clarity_probs={lab: round(p, 6) for lab, p in zip(self.clarity_labels, c_row)},
                    evasion=self.evasion_labels[e],
                    evasion_probs={lab: round(p, 6) for lab, p in zip(self.evasion_labels, e_row)},
                    confidence=round(c_row[c], 6),
                    raw_confidence=round(p_raw, 6),
                    uncertain=(threshold is not None and c_row[c] < threshold) if cal else None,
                )
            )
        return out


def save_model(net: ClarityNet, config: dict[str, Any], out_dir: str | os.PathLike) -> Path:
    """Write ``model.safetensors`` (fp16) and ``config.json`` into ``out_dir``."""
    from safetensors.torch import save_file

    d = Path(out_dir)
    d.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().to("cpu", torch.float16).contiguous() for k, v in net.state_dict().items()}
    for k, v in state.items():
        if not torch.isfinite(v).all():
            raise ModelError(f"parameter {k} overflows fp16")
    save_file(state, str(d / WEIGHTS_FILE), metadata={"format": "pt", "name": str(config.get("name"))})
    config = dict(config)
    config.setdefault("labels", {"clarity": list(CLARITY_LABELS), "evasion": list(EVASION_LABELS)})
    config["encoder"] = net.encoder.config.to_dict()
    (d / CONFIG_FILE).write_text(json.dumps(config, indent=2) + "\n")
    return d


def model_name(model_dir: str | os.PathLike | None = None) -> str:
    """``name@version`` of a model folder (default: the shipped one), read from its config only."""
    d = Path(model_dir) if model_dir is not None else DEFAULT_MODEL_DIR
    try:
        cfg = json.loads((d / CONFIG_FILE).read_text())
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read the clarity model's {CONFIG_FILE} in {d}: {exc}") from exc
    return f"{cfg.get('name', 'clarity')}@{cfg.get('version', '?')}"


_DEFAULT: ClarityModel | None = None


def default_model() -> ClarityModel:
    """The shipped model, loaded once per process, in `clarity_dtype()`."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = ClarityModel.load(dtype=clarity_dtype())
    return _DEFAULT


def clarity_dtype() -> str:
    """The number format the clarity model and its evidence encoder compute in:
    ``PRESSROOM_CLARITY_DTYPE`` ("float32", "bfloat16"), else "auto" (bf16 on a CPU that computes
    it natively). bf16 moves a probability in its second or third decimal, and so, rarely, a
    verdict near a boundary: set "float32" where verdicts must be the same on every machine."""
    value = os.environ.get("PRESSROOM_CLARITY_DTYPE", "auto").strip().lower() or "auto"
    if value not in ("auto", "float32", "bfloat16"):
        raise ModelError(f"PRESSROOM_CLARITY_DTYPE must be auto, float32 or bfloat16, not {value!r}")
    return value
