"""The `topics` annotator: each exchange labelled with Comparative Agendas Project (CAP) major
topics, plus finer keyphrases.

No labelled press-conference topic data is available offline, so the labels come from a
transparent seed-term lexicon (``pressroom/data/cap_topics.json``), one list of terms per CAP
major topic, matched against spaCy lemmas and lower-cased words:

- every term occurrence counts 1 (multi-word terms 1.5, "weak" terms 0.5), at most three
  occurrences of one term per exchange, so one repeated word cannot carry a topic alone;
- when the entities annotator ran first, its mentions add capped points (a country:
  International Affairs; an armed group: Defense; the Fed: Macroeconomics; ...);
- a topic is kept when it scores at least ``MIN_SCORE`` and at least ``MIN_RELATIVE`` of the
  best topic's score; the best one is the exchange's ``primary`` topic.

Keyphrases are noun phrases found with the tagger (adjectives and nouns ending in a noun, up
to four words) ranked by TF-IDF across the transcript's exchanges.

Writes ``exchange.annotations["topics"]`` = ``{"primary", "labels", "keyphrases"}`` and
``transcript.annotations["topics"]`` (the opening statement's labels, topic counts over the
exchanges, the transcript's keyphrases). Limits: see docs/annotators.md.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

from ..record import Transcript
from . import register
from .rule_steps import MODEL, english  # noqa: F401 - MODEL: the model's name, read by tests
from .stats import turn_body

MIN_SCORE = 2.0  #: a topic needs at least this many points in an exchange
MIN_RELATIVE = 0.4  #: ... and this share of the best topic's points
MAX_LABELS = 3
TERM_CAP = 3  #: occurrences of one term counted per exchange
KEYPHRASES = 5

PHRASE_POS = {"ADJ", "NOUN", "PROPN"}

#: lemmas that make poor keyphrases on their own (press-conference furniture, vague nouns)
KEYPHRASE_STOP = {
    "secretary",
    "general",
    "president",
    "minister",
    "mr.",
    "ms.",
    "mrs.",
    "madam",
    "sir",
    "chair",
    "governor",
    "question",
    "questions",
    "answer",
    "thank",
    "thanks",
    "course",
    "way",
    "lot",
    "thing",
    "bit",
    "year",
    "day",
    "time",
    "week",
    "month",
    "today",
    "tomorrow",
    "yesterday",
    "people",
    "fact",
    "issue",
    "issues",
    "point",
    "kind",
    "sort",
    "part",
    "number",
    "lady",
    "gentleman",
    "everybody",
    "everyone",
    "folk",
    "guy",
    "okay",
    "yes",
    "hello",
    "q",
}
#: words that mark a greeting or a vocative: phrases holding one are dropped
KEYPHRASE_BREAK = {"afternoon", "morning", "evening", "thank", "thanks", "hello", "hi"}


@dataclass
class Lexicon:
    version: str
    names: dict[int, str]
    #: first token -> [(tokens, code, weight)], longest first
    first: dict[str, list[tuple[tuple[str, ...], int, float]]] = field(default_factory=dict)
    cues: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    with resources.files("pressroom.data").joinpath("cap_topics.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    lex = Lexicon(
        version=data["version"],
        names={int(c): t["name"] for c, t in data["topics"].items()},
        cues=data.get("entity_cues", {}),
    )
    for code, t in data["topics"].items():
        for weak, terms in ((False, t["terms"]), (True, t.get("weak", []))):
            for term in terms:
                toks = tuple(_term_tokens(term))
                weight = 0.5 if weak else (1.5 if len(toks) > 1 else 1.0)
                lex.first.setdefault(toks[0], []).append((toks, int(code), weight))
    for entries in lex.first.values():
        entries.sort(key=lambda e: -len(e[0]))
    return lex


def _term_tokens(term: str) -> list[str]:
    """Split a lexicon term the way spaCy splits text (hyphens are tokens of their own)."""
    out = []
    for word in term.lower().split():
        parts = word.replace("-", " - ").split()
        out.extend(parts)
    return out


#: the components of the shared en_core_web_sm this annotator reads (`RuleSteps` stands in for the last two)
RUNS = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")


def load_tagger():
    """spaCy's en_core_web_sm, loaded once and shared with the other annotators
    (`rule_steps.english`); this annotator runs only what lemmas and parts of speech need."""
    return english("topics")


# -- scoring -----------------------------------------------------------------------------


def match_terms(words: list[tuple[str, str]], lex: Lexicon) -> list[tuple[int, str, float]]:
    """(code, term, weight) for each lexicon term found in `words` ((lower, lemma) pairs).

    Longest match first at each position; a term listed under several topics counts for each."""
    hits = []
    i = 0
    n = len(words)
    while i < n:
        lower, lemma = words[i]
        cands = lex.first.get(lower, []) + (lex.first.get(lemma, []) if lemma != lower else [])
        matched = 0
        codes: set[int] = set()
        for toks, code, weight in sorted(cands, key=lambda e: -len(e[0])):
            if matched and len(toks) < matched:
                break
            k = len(toks)
            if code in codes:
                continue  # "partners" matched as "partners" and as lemma "partner": once per topic
            if i + k <= n and all(t in (words[i + j][0], words[i + j][1]) for j, t in enumerate(toks)):
                hits.append((code, " ".join(toks).replace(" - ", "-"), weight))
                matched = k
                codes.add(code)
        i += matched or 1
    return hits


def score(
    hits: Iterable[tuple[int, str, float]], cue_points: dict[int, float] | None = None, lex: Lexicon | None = None
) -> list[dict[str, Any]]:
    """Topic labels from term hits (and entity cue points), best first."""
    lex = lex or lexicon()
    per_term: dict[tuple[int, str], int] = Counter()
    points: dict[int, float] = defaultdict(float)
    terms: dict[int, Counter] = defaultdict(Counter)
    for code, term, weight in hits:
        per_term[(code, term)] += 1
        terms[code][term] += 1
        if per_term[(code, term)] <= TERM_CAP:
            points[code] += weight
    for code, p in (cue_points or {}).items():
        points[code] += p
    if not points:
        return []
    best = max(points.values())
    total = sum(points.values())
    kept = [(c, p) for c, p in points.items() if p >= MIN_SCORE and p >= MIN_RELATIVE * best]
    kept.sort(key=lambda cp: (-cp[1], cp[0]))
    return [
        {
            "code": c,
            "topic": lex.names[c],
            "score": round(p, 2),
            "share": round(p / total, 3),
            "terms": dict(terms[c].most_common(8)),
        }
        for c, p in kept[:MAX_LABELS]
    ]


def entity_cue_points(mentions: Iterable[dict[str, Any]], lex: Lexicon) -> dict[int, float]:
    cues = lex.cues
    if not cues:
        return {}
    cap = float(cues.get("cap", 2.0))
    got: dict[tuple[int, str], float] = defaultdict(float)
    for m in mentions:
        sources = [
            ("type", cues.get("by_type", {}).get(m.get("type"), {})),
            ("category", cues.get("by_category", {}).get(m.get("category"), {})),
            ("name:" + m.get("canonical", ""), cues.get("by_name", {}).get(m.get("canonical"), {})),
        ]
        for key, table in sources:
            for code, pts in table.items():
                got[(int(code), key)] = min(cap, got[(int(code), key)] + pts)
    out: dict[int, float] = defaultdict(float)
    for (code, _), p in got.items():
        out[code] += p
    return dict(out)


# -- keyphrases ----------------------------------------------------------------------------


def phrases(doc) -> list[tuple[str, str]]:
    """(key, surface) for candidate keyphrases: ADJ/NOUN/PROPN runs ending in a noun, 1-4 words."""
    out = []
    run: list = []

    def flush():
        toks = list(run)
        while toks and (toks[-1].pos_ not in ("NOUN", "PROPN") or toks[-1].is_stop):
            toks.pop()
        while toks and (toks[0].is_stop or toks[0].pos_ not in PHRASE_POS):
            toks.pop(0)
        lemmas = [t.lemma_.lower() for t in toks]
        if (
            toks
            and len(toks) <= 4
            and all(len(t.text) > 1 or t.text == "-" for t in toks)
            and not all(lm in KEYPHRASE_STOP for lm in lemmas)
            and not any(t.lower_ in KEYPHRASE_BREAK for t in toks)
        ):
            key = " ".join(lemmas).replace(" - ", "-")
            surface = doc[toks[0].i : toks[-1].i + 1].text
            if any(ch.isalpha() for ch in key):
                out.append((key, surface))
        run.clear()

    for tok in doc:
        if (tok.pos_ in PHRASE_POS and not tok.like_num and not tok.is_stop) or (
            tok.text == "-" and run and not tok.whitespace_ and run[-1].whitespace_ == ""
        ):
            run.append(tok)
            if len(run) > 6:
                flush()
        else:
            flush()
    flush()
    return out


def rank_keyphrases(units: list[list[tuple[str, str]]], k: int = KEYPHRASES) -> list[list[str]]:
    """TF-IDF ranking of each unit's phrases against the other units; top `k` per unit."""
    df: Counter = Counter()
    for u in units:
        df.update({key for key, _ in u})
    n = len(units)
    ranked = []
    for u in units:
        tf = Counter(key for key, _ in u)
        surface: dict[str, Counter] = defaultdict(Counter)
        for key, s in u:
            surface[key][s] += 1
        scored = sorted(
            ((c * math.log((n + 1) / (df[key] + 0.5)) * (1 + 0.5 * (key.count(" "))), key) for key, c in tf.items()),
            key=lambda x: (-x[0], x[1]),
        )
        chosen: list[str] = []
        for _, key in scored:
            if any(key in c or c in key for c in chosen):
                continue
            chosen.append(key)
            if len(chosen) == k:
                break
        ranked.append([surface[key].most_common(1)[0][0] for key in chosen])
    return ranked


# -- the annotator ---------------------------------------------------------------------------


@register(
    requires=["transcript.turns", "transcript.exchanges"],
    uses=["transcript.entities"],
    assigns=["exchange.topics", "transcript.topics"],
)
class TopicsAnnotator:
    """CAP major topics per exchange (seed-term lexicon over lemmas) and keyphrases."""

    name = "topics"
    version = "1"
    loads = "spaCy en_core_web_sm"  # said while it loads (`load_models`)
    data_files = ["cap_topics.json"]

    def __init__(self):
        from .rule_steps import RuleSteps

        self.nlp = load_tagger()
        # the model's attribute ruler and lemmatizer, same result in a fraction of the time
        self.rules = RuleSteps(self.nlp, skipped=[n for n in self.nlp.pipe_names if n not in RUNS])
        self.skip = [n for n in self.nlp.pipe_names if n not in RUNS or n in self.rules.replaces]
        self.lex = lexicon()

    def __call__(self, transcript: Transcript, source_text: str) -> None:
        turns = {t.id: t for t in transcript.turns}
        in_exchange = {tid for x in transcript.exchanges for tid in (*x.question_turns, *x.answer_turns)}
        statement = [t.id for t in transcript.turns if t.kind == "statement" and t.id not in in_exchange]
        units = [list(statement)] + [[*x.question_turns, *x.answer_turns] for x in transcript.exchanges]
        needed = sorted({tid for u in units for tid in u}, key=lambda tid: turns[tid].start_char)
        texts = [source_text[slice(*turn_body(turns[tid], source_text))] for tid in needed]
        tagged = self.nlp.pipe(texts, batch_size=32, disable=self.skip)
        docs = {tid: self.rules(doc) for tid, doc in zip(needed, tagged)}

        mentions_by_turn: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for m in (transcript.annotations.get("entities") or {}).get("mentions", []):
            if m.get("turn"):
                mentions_by_turn[m["turn"]].append(m)

        results = []
        unit_phrases = []
        for unit in units:
            words = []
            cand = []
            for tid in unit:
                doc = docs[tid]
                words.extend((t.lower_, t.lemma_.lower()) for t in doc if not t.is_space)
                words.append(("\n", "\n"))  # no term spans two turns
                cand.extend(phrases(doc))
            cues = entity_cue_points([m for tid in unit for m in mentions_by_turn.get(tid, [])], self.lex)
            labels = score(match_terms(words, self.lex), cues, self.lex)
            results.append(labels)
            unit_phrases.append(cand)
        keyphrases = rank_keyphrases(unit_phrases)

        for x, labels, keys in zip(transcript.exchanges, results[1:], keyphrases[1:]):
            x.annotations["topics"] = {
                "primary": labels[0]["topic"] if labels else None,
                "labels": labels,
                "keyphrases": keys,
            }
        counts: Counter = Counter(lbl[0]["topic"] for lbl in results[1:] if lbl)
        mentioned: Counter = Counter(one["topic"] for lbl in results[1:] for one in lbl)
        overall = Counter()
        for u in unit_phrases:
            overall.update(key for key, _ in u)
        surface: dict[str, Counter] = defaultdict(Counter)
        for u in unit_phrases:
            for key, s in u:
                surface[key][s] += 1
        top = sorted((k for k, c in overall.items() if c >= 2), key=lambda k: (-overall[k] * (1 + k.count(" ")), k))[
            :10
        ]
        transcript.annotations["topics"] = {
            "method": self.lex.version,
            "statement": {
                "turns": statement,
                "primary": results[0][0]["topic"] if results[0] else None,
                "labels": results[0],
                "keyphrases": keyphrases[0],
            }
            if statement
            else None,
            "primary_counts": dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
            "label_counts": dict(sorted(mentioned.items(), key=lambda kv: (-kv[1], kv[0]))),
            "keyphrases": [{"phrase": surface[k].most_common(1)[0][0], "count": overall[k]} for k in top],
        }
