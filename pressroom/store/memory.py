"""In-memory columns that make filters and facet counts fast: `TurnTable` (one row per turn:
current flag, date, speaker, role, outlet, kind, event, annotation labels) and
`VectorIndex` (the embedding matrix).

Search asks the database only for what it is good at — the full-text matches with their
scores, and the page of hits — and filters and counts the matches with numpy here: a
lookup per matching turn in SQL costs microseconds each, which is tens of milliseconds for
a common word on a large corpus. Both tables are loaded on first use and reloaded when the
store holds new turns or versions (a two-number check per search).

The filter semantics are those of `Store._turn_conditions` (the SQL used for event lists,
timelines and exports); a test checks that both select the same turns.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ..search import FACETS, FacetValue, Filters

#: facets that come from annotations (``turn_labels``)
LABEL_FACETS = ("entity", "topic", "clarity", "evasion")


def date_number(value: str | None) -> int:
    """``2021-03-22`` → 20210322; ``2021-03`` → 20210300; ``2021`` → 20210000; else 0."""
    if not value:
        return 0
    parts = value[:10].split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 0
        d = int(parts[2]) if len(parts) > 2 else 0
    except ValueError:
        return 0
    return y * 10000 + m * 100 + d


class Codes:
    """A text column as integer codes over its distinct values."""

    def __init__(self, values: Sequence[str | None]):
        index: dict[str, int] = {}
        self.codes = np.fromiter(
            (index.setdefault(v or "", len(index)) for v in values), dtype=np.int32, count=len(values)
        )
        self.values = list(index)

    def matching(self, test) -> np.ndarray:
        """Boolean mask of the rows whose (non-empty) value passes ``test(value.lower())``."""
        wanted = np.array([bool(u) and bool(test(u.lower())) for u in self.values], dtype=bool)
        return wanted[self.codes]  # one lookup per row (np.isin sorted the whole column)

    def top(self, selected: np.ndarray, k: int) -> list[FacetValue]:
        """The ``k`` most frequent non-empty values among the ``selected`` rows (positions)."""
        counts = np.bincount(self.codes[selected], minlength=len(self.values))
        return _top(counts, self.values, k)


def _top(counts: np.ndarray, values: list[str], k: int) -> list[FacetValue]:
    nz = np.nonzero(counts)[0]
    items = [(int(counts[i]), values[i]) for i in nz if values[i]]
    items.sort(key=lambda cv: (-cv[0], cv[1]))
    return [FacetValue(v, c) for c, v in items[:k]]


class TurnTable:
    """One row per stored turn (every version), in turn-id order."""

    def __init__(self, key, rows: list[tuple], labels: list[tuple], questions: list[tuple] = ()):
        # rows: (id, is_current, date, speaker, role, outlet, kind, event_id);
        # labels: (turn id, facet, value); questions: (turn id, clarity, evasion)
        self.key = key
        self.ids = np.array([r[0] for r in rows], dtype=np.int64)
        top = int(self.ids.max()) if len(self.ids) else 0
        self.pos = np.full(top + 1, -1, dtype=np.int64)
        self.pos[self.ids] = np.arange(len(self.ids))
        #: whether the ids run without a gap from the first to the last
        self.dense = len(self.ids) == 0 or int(self.ids[-1]) - int(self.ids[0]) + 1 == len(self.ids)
        self.current = np.array([bool(r[1]) for r in rows], dtype=bool)
        memo: dict[str | None, int] = {}
        self.dates = np.fromiter(
            (memo[r[2]] if r[2] in memo else memo.setdefault(r[2], date_number(r[2])) for r in rows),
            dtype=np.int32,
            count=len(rows),
        )
        self.columns = {
            name: Codes([r[i] for r in rows])
            for i, name in ((3, "speaker"), (4, "role"), (5, "outlet"), (6, "kind"), (7, "event"))
        }
        years = (self.dates // 10000).astype(np.int32)
        self.year_values = sorted({int(y) for y in years if y})
        lookup = np.zeros(max(self.year_values, default=0) + 1, dtype=np.int32)
        for i, y in enumerate(self.year_values, start=1):
            lookup[y] = i
        self.year_codes = lookup[years]
        # labels: per facet, the turn positions and value codes
        self.labels: dict[str, tuple[np.ndarray, Codes]] = {}
        by_facet: dict[str, list[tuple[int, str]]] = {}
        for turn, facet, value in labels:
            if 0 <= turn <= top and self.pos[turn] >= 0:
                by_facet.setdefault(facet, []).append((int(self.pos[turn]), value))
        for facet, items in by_facet.items():
            self.labels[facet] = (np.array([p for p, _ in items], dtype=np.int64), Codes([v for _, v in items]))
        # individual questions: the position of their turn, their verdicts
        qs = [(int(self.pos[t]), c, e) for t, c, e in questions if 0 <= t <= top and self.pos[t] >= 0]
        self.questions = (
            np.array([q[0] for q in qs], dtype=np.int64),
            {"clarity": Codes([q[1] for q in qs]), "evasion": Codes([q[2] for q in qs])},
        )

    def __len__(self) -> int:
        return len(self.ids)

    def positions(self, turn_ids: np.ndarray) -> np.ndarray:
        """Row positions of turn ids (-1 for ids this table does not hold)."""
        turn_ids = np.asarray(turn_ids, dtype=np.int64)
        inside = (turn_ids >= 0) & (turn_ids < len(self.pos))
        out = np.full(len(turn_ids), -1, dtype=np.int64)
        out[inside] = self.pos[turn_ids[inside]]
        return out

    def mask(self, filters: Filters, since: int | None = None, until: int | None = None) -> np.ndarray:
        """The rows passing ``filters``; ``since``/``until`` are date numbers (until exclusive),
        already checked and converted by the caller."""
        m = np.ones(len(self.ids), dtype=bool) if filters.all_versions else self.current.copy()
        cols = self.columns
        if getattr(filters, "speaker_names", None):  # a person's every stored name (pressroom.identity)
            m &= cols["speaker"].matching(lambda u, v=frozenset(n.lower() for n in filters.speaker_names): u in v)
        elif filters.speaker:
            m &= cols["speaker"].matching(lambda u, v=filters.speaker.lower(): v in u)
        if getattr(filters, "outlet_names", None):  # an outlet's every printed form (pressroom.identity)
            m &= cols["outlet"].matching(lambda u, v=frozenset(n.lower() for n in filters.outlet_names): u in v)
        elif filters.outlet:
            m &= cols["outlet"].matching(lambda u, v=filters.outlet.lower(): v in u)
        if filters.role:
            m &= cols["role"].matching(lambda u, v=filters.role.lower(): u == v)
        if filters.kind:
            m &= cols["kind"].matching(lambda u, v=filters.kind.lower(): u == v)
        if filters.event:
            values = cols["event"].values
            m &= cols["event"].codes == (values.index(filters.event) if filters.event in values else -1)
        if since is not None:
            m &= (self.dates >= since) & (self.dates > 0)
        if until is not None:
            m &= (self.dates < until) & (self.dates > 0)
        for facet, value in (("entity", filters.entity), ("topic", filters.topic), ("clarity", filters.clarity)):
            if value:
                hit = np.zeros(len(self.ids), dtype=bool)
                if facet in self.labels:
                    positions, codes = self.labels[facet]
                    hit[positions[codes.matching(lambda u, v=value.lower(): u == v)]] = True
                m &= hit
        return m

    def facets(self, selected: np.ndarray, k: int = 10) -> dict[str, list[FacetValue]]:
        """Facet counts over the rows at positions ``selected`` (each turn once)."""
        out: dict[str, list[FacetValue]] = {f: [] for f in FACETS}
        if len(selected) == 0:
            return out
        for name in ("speaker", "role", "outlet"):
            out[name] = self.columns[name].top(selected, k)
        counts = np.bincount(self.year_codes[selected], minlength=len(self.year_values) + 1)
        out["year"] = _top(counts, [""] + [str(y) for y in self.year_values], k)
        if self.labels:
            chosen = np.zeros(len(self.ids), dtype=bool)
            chosen[selected] = True
            for facet, (positions, codes) in self.labels.items():
                inside = chosen[positions]
                counts = np.bincount(codes.codes[inside], minlength=len(codes.values))
                out[facet] = _top(counts, codes.values, k)
        return out

    def timeline(
        self, selected: np.ndarray, facet: str | None, interval: str, unit: str, top: int
    ) -> list[tuple[str, str | None, int]]:
        """(period, value, count) over the rows at positions ``selected``, sorted by period
        and value: turns or events (``unit``) per ``interval`` (year, month, day) and value
        of ``facet`` (its ``top`` values); ``unit="questions"`` counts the questions asked in
        the selected turns per clarity (or evasion) verdict, unjudged ones as None."""
        chosen = np.zeros(len(self.ids), dtype=bool)
        chosen[selected] = True
        chosen &= self.dates > 0
        if unit == "questions":
            qpos, verdicts = self.questions
            inside = chosen[qpos] if len(qpos) else np.zeros(0, dtype=bool)
            rows, codes = qpos[inside], verdicts[facet or "clarity"]
            values = [v or None for v in codes.values]
            vcodes = codes.codes[inside]
            keep_values = None
        else:
            if facet is None:
                rows = np.nonzero(chosen)[0]
                values, vcodes = [None], np.zeros(len(rows), dtype=np.int32)
            elif facet in self.columns:
                rows = np.nonzero(chosen)[0]
                codes = self.columns[facet]
                values, vcodes = codes.values, codes.codes[rows]
                named = np.array([bool(v) for v in values], dtype=bool)
                rows, vcodes = rows[named[vcodes]], vcodes[named[vcodes]]
            elif facet in self.labels:
                positions, codes = self.labels[facet]
                inside = chosen[positions]
                rows, values, vcodes = positions[inside], codes.values, codes.codes[inside]
            else:
                rows, values, vcodes = np.zeros(0, dtype=np.int64), [], np.zeros(0, dtype=np.int32)
            keep_values = None
            if facet is not None and top:
                totals = np.bincount(vcodes, minlength=len(values))
                if unit == "events":
                    pairs = np.unique(np.stack([vcodes.astype(np.int64), self.columns["event"].codes[rows]]), axis=1)
                    totals = np.bincount(pairs[0], minlength=len(values))
                best = sorted((i for i in np.nonzero(totals)[0]), key=lambda i: (-totals[i], values[i]))[:top]
                keep_values = set(int(i) for i in best)
        divisor = {"year": 10000, "month": 100, "day": 1}[interval]
        periods = self.dates[rows] // divisor
        if unit == "events":
            key = np.stack([periods.astype(np.int64), vcodes.astype(np.int64), self.columns["event"].codes[rows]])
            key = np.unique(key, axis=1)[:2] if key.shape[1] else key[:2]
        else:
            key = np.stack([periods.astype(np.int64), vcodes.astype(np.int64)])
        if key.shape[1] == 0:
            return []
        uniq, counts = np.unique(key, axis=1, return_counts=True)
        out = []
        for (period, code), n in zip(uniq.T.tolist(), counts.tolist()):
            if keep_values is not None and code not in keep_values:
                continue
            out.append((_period(period, interval), values[code], int(n)))
        out.sort(key=lambda r: (r[0], r[1] is not None, r[1] or ""))
        return out


def _period(number: int, interval: str) -> str:
    if interval == "year":
        return f"{number:04d}"
    if interval == "month":
        return f"{number // 100:04d}-{number % 100:02d}" if number % 100 else f"{number // 100:04d}"
    y, m, d = number // 10000, (number // 100) % 100, number % 100
    return f"{y:04d}-{m:02d}-{d:02d}" if d else (f"{y:04d}-{m:02d}" if m else f"{y:04d}")


class VectorIndex:
    """The embeddings of one model: a normalised float32 matrix, one row per chunk, with the
    chunk's turn id and character span in the turn."""

    def __init__(self, key, rows: list[tuple]):
        from ..embed import from_blobs

        self.key = key
        self.turns = np.array([r[0] for r in rows], dtype=np.int64)
        self.starts = np.array([r[1] or 0 for r in rows], dtype=np.int64)
        self.ends = np.array([r[2] or 0 for r in rows], dtype=np.int64)
        self.matrix = from_blobs([bytes(r[3]) for r in rows])
