"""Clarity model speed on CPU: load time and question/answer pairs per second.

    .venv/bin/python bench/clarity.py [DATA_DIR]   (default: ../shared/datasets/qevasion)

Runs over the real pairs of the QEvasion test split (308 pairs, answers of 0–1,400 tokens;
the model reads up to 512). Baselines measured in the same run: bare tokenisation of the same
pairs, and the bare base encoder (all-MiniLM-L6-v2, float32, no heads) over the same inputs.
Targets: ≥ 20 pairs/s, model load ≤ 3 s. Wall-clock figures depend on what else runs on the
machine; the CPU-time figure (pairs per CPU-second × threads) estimates an idle machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

COLD_LOAD = (
    "import time; t=time.perf_counter(); from pressroom.clarity.model import ClarityModel; "
    "m=ClarityModel.load(); print(time.perf_counter()-t, m.load_seconds)"
)


def main() -> None:
    import torch

    from pressroom.clarity.data import load_split
    from pressroom.clarity.embed import SentenceEmbedder
    from pressroom.clarity.evidence import evidence_batch
    from pressroom.clarity.inputs import collate, encode_pairs, load_tokenizer
    from pressroom.clarity.model import ClarityModel, ClarityNet

    data = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parents[2] / "shared" / "datasets" / "qevasion"
    )
    pairs = load_split(data, "test")
    qs, ans = pairs.questions, pairs.answers
    n = len(qs)
    print(
        f"{n} pairs from {pairs.source}; torch {torch.__version__}, {torch.get_num_threads()} threads, "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    results: dict[str, float] = {}

    # cold start: a fresh process importing torch and pressroom, then loading the model
    out = subprocess.run([sys.executable, "-c", COLD_LOAD], capture_output=True, text=True, check=True).stdout.split()
    results["cold_import_and_load_s"], results["cold_load_only_s"] = float(out[0]), float(out[1])

    # warm loads in this process
    loads = {}
    for dtype in ("auto", "float32"):
        t = time.perf_counter()
        m = ClarityModel.load(dtype=dtype)
        loads[dtype] = (m, time.perf_counter() - t)
    results["load_auto_s"] = loads["auto"][1]
    results["load_float32_s"] = loads["float32"][1]
    auto_dtype = str(loads["auto"][0].dtype).replace("torch.", "")

    # baseline 1: tokenisation alone
    tok = load_tokenizer()
    t = time.perf_counter()
    enc = encode_pairs(tok, qs, ans, 512, 64, 0.75)
    results["baseline_tokenise_pairs_per_s"] = n / (time.perf_counter() - t)

    # baseline 2: the bare base encoder (float32, no heads), same inputs and batching
    base = ClarityNet.from_base().encoder.eval()
    order = sorted(range(n), key=lambda i: len(enc[i].input_ids))
    t, c = time.perf_counter(), time.process_time()
    with torch.inference_mode():
        for s in range(0, n, 16):
            ids, mask, types = collate([enc[i] for i in order[s : s + 16]])
            base(ids, mask, types)
    results["baseline_base_encoder_fp32_pairs_per_s"] = n / (time.perf_counter() - t)
    results["baseline_base_encoder_fp32_pairs_per_cpu_s"] = n / (time.process_time() - c)

    for dtype, (m, _) in loads.items():
        m.predict(qs[:4], ans[:4])  # warm-up
        t, c = time.perf_counter(), time.process_time()
        m.predict(qs, ans, batch_size=16)
        results[f"model_{dtype}_pairs_per_s"] = n / (time.perf_counter() - t)
        results[f"model_{dtype}_pairs_per_cpu_s"] = n / (time.process_time() - c)

    # the annotator's extra work: cues + addressing sentences + topic shift
    emb = SentenceEmbedder()
    t = time.perf_counter()
    evidence_batch(emb, qs, ans)
    results["evidence_pairs_per_s"] = n / (time.perf_counter() - t)
    results["model_auto_with_evidence_pairs_per_s"] = 1 / (
        1 / results["model_auto_pairs_per_s"] + 1 / results["evidence_pairs_per_s"]
    )

    base_ps = results["baseline_base_encoder_fp32_pairs_per_s"]
    print(
        f"cold process (import torch + pressroom, load model): {results['cold_import_and_load_s']:.2f} s "
        f"(of which the load: {results['cold_load_only_s']:.2f} s)"
    )
    print(f"warm load: auto ({auto_dtype}) {results['load_auto_s']:.2f} s, float32 {results['load_float32_s']:.2f} s")
    print(f"baseline tokenisation only:        {results['baseline_tokenise_pairs_per_s']:8.1f} pairs/s")
    print(f"baseline base encoder, float32:    {base_ps:8.1f} pairs/s  (1.00x)")
    for dtype in ("float32", "auto"):
        v = results[f"model_{dtype}_pairs_per_s"]
        label = f"clarity model, {auto_dtype if dtype == 'auto' else dtype}:"
        print(f"{label:35s}{v:8.1f} pairs/s  ({v / base_ps:.2f}x)")
    v = results["model_auto_with_evidence_pairs_per_s"]
    print(f"{'  + evidence (annotator path):':35s}{v:8.1f} pairs/s  ({v / base_ps:.2f}x)")
    threads = torch.get_num_threads()
    est = results["model_auto_pairs_per_cpu_s"] * threads
    results["model_auto_idle_estimate_pairs_per_s"] = est
    print(
        f"CPU time: clarity model {results['model_auto_pairs_per_cpu_s']:.1f} pairs per CPU-second, "
        f"so about {est:.1f} pairs/s on {threads} idle cores (wall-clock figures above depend on the "
        f"machine's load, {os.getloadavg()[0]:.1f} now)"
    )
    ok_speed = results["model_auto_pairs_per_s"] >= 20
    ok_load = results["load_auto_s"] <= 3
    print(f"targets: >= 20 pairs/s {'met' if ok_speed else 'NOT met'}; load <= 3 s {'met' if ok_load else 'NOT met'}")
    out_dir = Path(__file__).resolve().parent / "out"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "clarity.json").write_text(
        json.dumps({**results, "auto_dtype": auto_dtype, "load_average": os.getloadavg()[0]}, indent=2) + "\n"
    )


if __name__ == "__main__":
    main()
