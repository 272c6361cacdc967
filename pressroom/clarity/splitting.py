"""Score the question splitter (`pressroom.parse.exchanges.find_questions`) against QEvasion's
annotated sub-questions: each distinct ``interview_question`` (the reporter's whole turn) with
the ``question`` column of its rows (the sub-questions annotators judged one by one).

A found question matches a gold sub-question when their word sets overlap by at least 0.5 of
the gold sub-question's words (``overlap = |found ∩ gold| / |gold|``); matching is one to one,
best overlap first. Precision = matched found / found, recall = matched gold / gold. The gold
sub-questions are rewritten by annotators ("How would you respond to the accusation that …"),
so even a perfect splitter does not reach 1.0; the count agreement (as many found as gold)
is printed beside it.

The dataset's turns lost their paragraph breaks ("talks.How would you …") and start with
"Q."; both are repaired before splitting (`normalise_turn`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .data import find_split, read_table

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_GLUED = re.compile(r"([a-z0-9][.?!]|\])([A-Z\[])")
_Q_PREFIX = re.compile(r"^\s*Q[.:]\s*")
THRESHOLD = 0.5


def words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def overlap(found: str, gold: str) -> float:
    g = words(gold)
    return len(words(found) & g) / len(g) if g else 0.0


def normalise_turn(text: str) -> str:
    """QEvasion's turn text as a transcript has it: 'Q.' dropped, a space after glued sentences."""
    return _GLUED.sub(r"\1 \2", _Q_PREFIX.sub("", text))


def match(found: list[str], gold: list[str], threshold: float = THRESHOLD) -> int:
    """How many one-to-one pairs (found, gold) overlap by ≥ threshold, best overlap first."""
    pairs = sorted(((overlap(f, g), i, j) for i, f in enumerate(found) for j, g in enumerate(gold)), reverse=True)
    used_f, used_g, n = set(), set(), 0
    for score, i, j in pairs:
        if score < threshold:
            break
        if i not in used_f and j not in used_g:
            used_f.add(i)
            used_g.add(j)
            n += 1
    return n


@dataclass
class SplitScore:
    turns: int
    gold: int
    found: int
    matched: int
    same_count: int

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {
            "turns": self.turns,
            "gold": self.gold,
            "found": self.found,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "same_count": self.same_count,
            "same_count_rate": round(self.same_count / self.turns, 4),
        }


def turns_with_gold(data_dir, split: str) -> list[tuple[str, list[str]]]:
    """(reporter's turn, its gold sub-questions) for each distinct turn of the split."""
    df = read_table(find_split(data_dir, split))
    keys = ["url", "interview_question"] if "url" in df.columns else ["interview_question"]
    out: dict[tuple, tuple[str, list[str]]] = {}
    for row in df[keys + ["question"]].itertuples(index=False):
        key = tuple(row[:-1])
        gold = out.setdefault(key, (row[len(keys) - 1], []))[1]
        if row[-1] not in gold:
            gold.append(row[-1])
    return list(out.values())


def score_splitter(data_dir, split: str = "train") -> SplitScore:
    from ..parse.exchanges import find_questions

    turns = gold = found = matched = same = 0
    for turn, subs in turns_with_gold(data_dir, split):
        text = normalise_turn(turn)
        qs = [text[s:e] for s, e in find_questions(text)]
        turns += 1
        gold += len(subs)
        found += len(qs)
        matched += match(qs, subs)
        same += len(qs) == len(subs)
    return SplitScore(turns, gold, found, matched, same)
