"""`pressroom eval parse`: score parsed records against gold turn files.

Gold format: `../shared/corpus-gold/README.md` — one JSON file per transcript with `file` (the
original, relative to the source folder) and `turns` (`speaker`, `label`, `role`, `kind`,
`starts_with`: the first 60 characters of the turn's text after its label, whitespace
collapsed). Gold and predicted turns are aligned in order by their starting text.

- turn-boundary precision / recall / F1: a predicted turn is right when it starts where a gold
  turn starts (its text begins with the gold `starts_with`; emphasis marks and a dialogue dash
  opening the turn set aside);
- speaker / role / kind accuracy: over the aligned turns. The speaker shown is the resolved
  name, else the speaker's first label as printed, else null — as in the gold; compared without
  case, punctuation or a leading form of address ("Mr", "Hon.").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PressroomError, ReadError
from .parse.people import HONORIFICS
from .text import fold_typography


#: a recording time opening a turn ("[0:05] I want to …"): the parser keeps it as the turn's
#: `start_time`, not in its text, where gold written from the page may keep it
_LEADING_TIME = re.compile(r"^\s*[(\[]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[)\]]\s*")


#: emphasis marks (Markdown's `*` and `_`) and a dialogue dash opening a turn ("-¿Por qué …?",
#: "—Yes.", "--Well"): gold written from a page may keep them or leave them out, as may the parser
_MARKS = re.compile(r"[*_]+")
_DIALOGUE_DASH = re.compile(r"^\s*[-\u2013\u2014]+\s*")


def _norm(s: str | None) -> str:
    if s is None:
        return ""
    return _DIALOGUE_DASH.sub("", _MARKS.sub("", _LEADING_TIME.sub("", fold_typography(s))))


def _key(s: str | None) -> str | None:
    """A speaker as compared: case, punctuation and a leading form of address ("Mr P F SMITH",
    "HON. M.R. LEAWERE": `honorifics` in parse_words.json, one-letter forms aside) set aside."""
    if s is None:
        return None
    words = re.sub(r"[^\w\s]", " ", fold_typography(s).lower()).split()
    while len(words) > 1 and len(words[0]) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    return " ".join(words) or None


@dataclass
class FileScore:
    file: str
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_ok: int = 0
    role_ok: int = 0
    kind_ok: int = 0
    error: str | None = None
    mismatches: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def acc(self, n: int) -> float:
        return n / self.matched if self.matched else 0.0


def align(gold_turns: list[dict], pred_turns: list[dict], window: int = 12) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index) of turns starting at the same text, in order."""
    pairs = []
    j = 0
    pred_text = [_norm(t["text"]) for t in pred_turns]
    for i, g in enumerate(gold_turns):
        sw = _norm(g.get("starts_with"))
        if not sw:
            continue
        for k in range(j, min(len(pred_turns), j + window)):
            if pred_text[k].startswith(sw) or (
                len(pred_text[k]) < len(sw) and sw.startswith(pred_text[k]) and pred_text[k]
            ):
                pairs.append((i, k))
                j = k + 1
                break
    return pairs


def score_record(record: dict, gold: dict, file: str) -> FileScore:
    fs = FileScore(file=file, gold=len(gold["turns"]), predicted=len(record["turns"]))
    speakers = {s["id"]: s for s in record["speakers"]}
    for gi, pi in align(gold["turns"], record["turns"]):
        g, t = gold["turns"][gi], record["turns"][pi]
        s = speakers[t["speaker"]]
        fs.matched += 1
        shown = s.get("name") or (s["labels"][0] if s.get("labels") else t.get("label"))
        ok_sp = _key(shown) == _key(g.get("speaker"))
        ok_role = s.get("role") == g.get("role")
        ok_kind = t.get("kind") == g.get("kind")
        fs.speaker_ok += ok_sp
        fs.role_ok += ok_role
        fs.kind_ok += ok_kind
        if not (ok_sp and ok_role and ok_kind):
            fs.mismatches.append(
                {
                    "gold_index": gi,
                    "turn": t["id"],
                    "starts_with": g.get("starts_with", "")[:40],
                    "speaker": [shown, g.get("speaker")],
                    "role": [s.get("role"), g.get("role")],
                    "kind": [t.get("kind"), g.get("kind")],
                }
            )
    return fs


def gold_files(gold_dir: Path) -> list[Path]:
    if gold_dir.is_file():
        return [gold_dir]
    files = sorted(gold_dir.rglob("*.gold.json"))
    if not files:
        raise ReadError(f"no *.gold.json files under {gold_dir}")
    return files


def gold_sources(
    gold_dir: str | Path, source_dir: str | Path, companions: bool = False
) -> Iterator[tuple[dict, str, Path | None]]:
    """Each gold file's record, the source path it describes (``rel``) and the source file found
    for it under ``source_dir`` (None where there is none); with ``companions``, the derived text
    companion instead (gold's ``companion``), skipping gold files that name none."""
    gold_dir, source_dir = Path(gold_dir), Path(source_dir)
    if not gold_dir.exists():
        raise ReadError(f"cannot read {gold_dir}: no such file or directory")
    for gf in gold_files(gold_dir):
        try:
            gold = json.loads(gf.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ReadError(f"cannot read gold file {gf}: {exc}")
        rel = gold.get("companion") if companions else gold.get("file") or gf.name[: -len(".gold.json")]
        if not rel:
            continue
        sub = gf.parent.relative_to(gold_dir) if gold_dir.is_dir() else Path(".")
        candidates = [source_dir / rel, source_dir / sub / Path(rel).name, source_dir / Path(rel).name]
        yield gold, rel, next((c for c in candidates if c.exists()), None)


def evaluate(
    gold_dir: str | Path, source_dir: str | Path, formats: set[str] | None = None, companions: bool = False
) -> list[FileScore]:
    """Score the records of the files the gold describes; with ``companions``, of their
    derived text companions instead (gold's ``companion``: the text taken out of a PDF, scored
    against the same turns), skipping gold files that name none."""
    from .parse import parse_document
    from .read import read_path

    scores = []
    for gold, rel, src in gold_sources(gold_dir, source_dir, companions):
        if src is None:
            fs = FileScore(file=rel, gold=len(gold.get("turns", [])), error="source file not found")
            scores.append(fs)
            continue
        if formats:
            from .read.detect import detect_format

            with open(src, "rb") as fh:
                if detect_format(fh.read(8192), str(src)) not in formats:
                    continue
        try:
            doc = read_path(src)
            record = parse_document(doc).to_dict()
        except PressroomError as exc:
            fs = FileScore(file=rel, gold=len(gold.get("turns", [])), error=str(exc))
            scores.append(fs)
            continue
        scores.append(score_record(record, gold, rel))
    return scores


def totals(scores: list[FileScore]) -> FileScore:
    t = FileScore(file="overall")
    for s in scores:
        t.gold += s.gold
        t.predicted += s.predicted
        t.matched += s.matched
        t.speaker_ok += s.speaker_ok
        t.role_ok += s.role_ok
        t.kind_ok += s.kind_ok
    return t


def _summary(scores: list[FileScore]) -> dict:
    t = totals(scores)
    return {
        "files": len(scores),
        "refused": sum(1 for s in scores if s.error),
        "gold": t.gold,
        "precision": t.precision,
        "recall": t.recall,
        "f1": t.f1,
        "speaker": t.acc(t.speaker_ok),
        "role": t.acc(t.role_ok),
        "kind": t.acc(t.kind_ok),
    }


def side_by_side(development: list[FileScore], unseen: list[FileScore]) -> dict[str, dict]:
    """The development and the unseen set's overall scores, and the gap (unseen − development):
    the score that counts is the unseen one."""
    dev, new = _summary(development), _summary(unseen)
    gap = {k: (new[k] - dev[k] if isinstance(dev[k], float) else "") for k in dev}
    return {"development": dev, "unseen": new, "gap (unseen - development)": gap}
