"""Train the role model (`pressroom/parse/rolemodel.py`) on development gold, choose its strength and
confidence threshold by cross-validation with each publisher held out in turn, and write
`pressroom/data/role_model.json`.

    python scripts/train_roles.py [--out pressroom/data/role_model.json] [--cache /tmp/roles.json]

Each speaker the rule passes make is one sample: its features (`speaker_features`), the rules' role
and the gold roles of its turns that align with gold (`evaluate.align`), weighted by those turns, so
that the figures printed are role accuracy over aligned turns, as `pressroom eval parse` counts it.
Only development sets are read (`DEVELOPMENT` below); the unseen set is never opened here.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import LeaveOneGroupOut
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pressroom.errors import PressroomError  # noqa: E402
from pressroom.evaluate import align, gold_sources  # noqa: E402
from pressroom.parse import parse_document  # noqa: E402
from pressroom.parse.rolemodel import (  # noqa: E402
    FEATURES,
    MIN_TURNS,
    ROLES,
    Model,
    speaker_features,
    standardise,
    stated,
)
from pressroom.read import read_path  # noqa: E402

SHARED = ROOT.parent / "shared"
#: (gold folder, source folder): development data only
DEVELOPMENT = [
    (ROOT / "tests/data/development/gold", ROOT / "tests/data/development/src"),
    (SHARED / "corpus-gold", SHARED / "corpus"),
    (SHARED / "seed", SHARED / "seed"),
]
THRESHOLDS = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9]
#: inverse regularisation strengths tried
STRENGTHS = [0.1, 0.3, 1.0, 3.0]


def samples_of(gold: dict, src: Path, group: str) -> list[dict]:
    """One sample per speaker of the record that has turns aligned with gold."""
    record = parse_document(read_path(src), learned_roles=False)
    rows = speaker_features(record.turns, record.speakers).tolist()
    gold_roles: dict[str, Counter] = {}
    for gi, pi in align(gold["turns"], record.to_dict()["turns"]):
        sid = record.turns[pi].speaker
        gold_roles.setdefault(sid, Counter())[gold["turns"][gi].get("role")] += 1
    out = []
    for s, row in zip(record.speakers, rows):
        if s.id in gold_roles:
            kept = stated(s) or len(record.turns) < MIN_TURNS  # the model never revises these
            sample = {"group": group, "x": row, "rule": s.role, "gold": dict(gold_roles[s.id]), "kept": kept}
            out.append(sample)
    return out


def collect(sets: list[tuple[Path, Path]]) -> list[dict]:
    data = []
    for gold_dir, src_dir in sets:
        missing = 0
        for gold, rel, src in gold_sources(gold_dir, src_dir):
            if src is None:
                missing += 1
                continue
            group = f"{src_dir}/{src.parent.relative_to(src_dir)}"  # a publisher's folder
            try:
                data += samples_of(gold, src, group)
            except PressroomError:
                continue
        if missing:
            print(
                f"{gold_dir}: {missing} gold files without their source under {src_dir} (left out; "
                "`python scripts/fetch_unseen.py` fetches the development sources)",
                file=sys.stderr,
            )
    if not data:
        raise SystemExit("no speaker aligned with gold in any set: nothing to train on")
    return data


def _fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, c: float):
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    lr = LogisticRegression(C=c, max_iter=5000).fit(standardise(x, scaler.mean_, scale), y, sample_weight=w)
    return scaler.mean_, scale, lr


def _proba(fit, x: np.ndarray) -> np.ndarray:
    mean, scale, lr = fit
    p = lr.predict_proba(standardise(x, mean, scale))
    full = np.zeros((len(x), len(ROLES)))
    for k, cls in enumerate(lr.classes_):
        full[:, ROLES.index(cls)] = p[:, k]
    return full


def _accuracy(data: list[dict], proba: np.ndarray | None, threshold: float) -> float:
    right = total = 0
    for d, p in zip(data, proba if proba is not None else [None] * len(data)):
        role = d["rule"]
        if p is not None and not d["kept"]:
            p = p.copy()
            p[ROLES.index("other")] = 0.0  # as `revise_roles`: the model never gives `other`
            if p.max() >= threshold:
                role = ROLES[int(p.argmax())]
        right += d["gold"].get(role, 0)
        total += sum(d["gold"].values())
    return right / total


def arrays(data: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, majority gold role and weight (aligned turns) per speaker; a speaker the model
    never revises (its label states its role, or its event is short) weighs nothing."""
    x = np.array([d["x"] for d in data], dtype=float)
    y = np.array([max(d["gold"], key=d["gold"].get) for d in data])
    w = np.array([0.0 if d["kept"] else sum(d["gold"].values()) for d in data])
    return x, y, w


def cross_validate(data: list[dict]) -> dict:
    """Per strength and threshold, the role accuracy of each publisher's speakers under a model
    trained on all the other publishers (each held out in turn)."""
    x, y, w = arrays(data)
    groups = np.array([d["group"] for d in data])
    table = {}
    for c in STRENGTHS:
        oof = np.zeros((len(data), len(ROLES)))
        for tr, te in LeaveOneGroupOut().split(x, y, groups):
            oof[te] = _proba(_fit(x[tr], y[tr], w[tr], c), x[te])
        table[c] = {t: _accuracy(data, oof, t) for t in THRESHOLDS}
    return table


#: cross-validated figures this close to the best count as a tie
TIE = 0.002


def choose(table: dict) -> tuple[float, float]:
    """The strength and threshold to ship: among those within `TIE` of the best cross-validated
    accuracy, the most cautious (the highest threshold, then the strongest regularisation)."""
    best = max(acc for row in table.values() for acc in row.values())
    near = [(c, t) for c, row in table.items() for t, acc in row.items() if acc >= best - TIE]
    return max(near, key=lambda ct: (ct[1], -ct[0]))


def export(fit) -> dict:
    """The fitted model as plain lists, its rows in `ROLES` order."""
    mean, scale, lr = fit
    classes = list(lr.classes_)
    if len(classes) == 2:
        raise SystemExit(f"the gold holds two roles only ({classes}): too few to learn from")
    absent = [0.0] * len(FEATURES)  # a role no gold turn has is never chosen
    return {
        "mean": mean.tolist(),
        "scale": scale.tolist(),
        "coef": [lr.coef_[classes.index(r)].tolist() if r in classes else absent for r in ROLES],
        "intercept": [float(lr.intercept_[classes.index(r)]) if r in classes else -50.0 for r in ROLES],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "pressroom/data/role_model.json"))
    ap.add_argument("--cache", help="keep the collected samples in this JSON file (and read them back)")
    ap.add_argument(
        "--set",
        nargs=2,
        action="append",
        metavar=("GOLD", "SOURCE"),
        help="a gold folder and its sources (repeatable; default: the development sets)",
    )
    a = ap.parse_args(argv)
    sets = [(Path(g), Path(src)) for g, src in a.set] if a.set else DEVELOPMENT
    cache = Path(a.cache) if a.cache else None
    if cache and cache.exists():
        data = json.loads(cache.read_text())
    else:
        try:
            data = collect(sets)
        except PressroomError as exc:
            raise SystemExit(f"train_roles: {exc}")
        if cache:
            cache.write_text(json.dumps(data))
    rules = _accuracy(data, None, 1.1)
    table = cross_validate(data)
    c, t = choose(table)
    publishers = len({d["group"] for d in data})
    print(f"{len(data)} speakers of {publishers} publishers; rules' role accuracy {rules:.3f}")
    for sh in table:
        print(f"C={sh:<4} " + " ".join(f"{tt:.2f}:{acc:.3f}" for tt, acc in table[sh].items()))
    print(f"chosen C={c} threshold {t}: cross-validated role accuracy {table[c][t]:.3f} (rules {rules:.3f})")
    x, y, w = arrays(data)
    fit = _fit(x, y, w, c)
    model = {
        "about": "pressroom role model: multinomial logistic regression over speaker features; "
        "see pressroom/parse/rolemodel.py and scripts/train_roles.py",
        "features": list(FEATURES),
        "classes": list(ROLES),
        **export(fit),
        "threshold": t,
        "strength": c,
        "trained_on": {
            "speakers": len(data),
            "publishers": publishers,
            "sets": [os.path.relpath(g, ROOT.parent) for g, _ in sets],
        },
        "cross_validation": {
            "folds": publishers,
            "grouped_by": "publisher, each held out in turn",
            "strengths_tried": STRENGTHS,
            "rules_role_accuracy": round(rules, 4),
            "model_role_accuracy": round(table[c][t], 4),
        },
    }
    mine = Model(model).probabilities(x)
    if not np.allclose(mine, _proba(fit, x), atol=1e-9):
        raise SystemExit("the exported model does not reproduce scikit-learn's probabilities")
    print(f"the exported model reproduces scikit-learn's probabilities on all {len(x)} speakers")
    Path(a.out).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
