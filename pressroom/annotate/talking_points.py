"""The `talking_points` annotator: phrases and sentences a speaker repeats across turns.

Sentences are split by `pressroom.text.spoken_sentence_spans` (the quotes annotator uses it too).

Within one transcript (the annotator): for each speaker's own statements and answers
(questions and floor management are left out),

- **phrases**: word n-grams (2 to 8 words, inside one sentence, not starting or ending with a
  stop word, not greetings or forms of address) said in at least ``MIN_TURNS`` different turns;
  an n-gram is dropped when a longer kept n-gram covers every one of its occurrences
  ("NATO 2030" survives because it is also said outside "NATO 2030 Initiative");
- **sentences**: sentences of six words or more said again, nearly word for word
  (rapidfuzz ratio >= ``SENTENCE_SIMILARITY``), in another turn.

Each comes with counts (turns, occurrences) and locations (turn id, character span in the
source text). Across a corpus, `corpus_talking_points` counts in how many transcripts each
speaker used each phrase (see its docstring).

Writes ``transcript.annotations["talking_points"]`` = ``{"speakers": {speaker id: {...}}}``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from ..record import Transcript
from ..text import DOTTED_WORD_RE, WORD_RE, spoken_sentence_spans
from . import register
from .stats import mask_stage_notes, turn_body

MIN_TURNS = 2  #: a phrase is a talking point when the speaker says it in this many turns
MAX_N = 8  #: longest phrase, in words
SENTENCE_SIMILARITY = 85  #: rapidfuzz ratio for two sentences to count as the same line
MIN_SENTENCE_WORDS = 6
MAX_PHRASES = 15
MAX_SENTENCES = 10
MAX_LOCATIONS = 20

SPEAKING_KINDS = {"statement", "answer"}

#: words that make a phrase furniture rather than a line (greetings, forms of address, fillers)
FILLER = {
    "thank",
    "thanks",
    "good",
    "afternoon",
    "morning",
    "evening",
    "secretary",
    "general",
    "president",
    "mr",
    "ms",
    "mrs",
    "madam",
    "sir",
    "question",
    "questions",
    "yes",
    "okay",
    "ok",
    "hello",
    "laughter",
    "applause",
    "inaudible",
    "crosstalk",
    "ladies",
    "gentlemen",
    "everybody",
    "folks",
    "guys",
    "a.m",
    "p.m",
    "est",
    "edt",
    "cet",
    "gmt",
}

#: conversational words that may sit inside a phrase but never start or end one
EDGE_FILLER = {
    "going",
    "know",
    "think",
    "want",
    "said",
    "lot",
    "like",
    "thing",
    "things",
    "way",
    "mean",
    "sure",
    "look",
    "got",
    "let",
    "tell",
    "right",
    "yeah",
    "kind",
    "sort",
    "actually",
    "obviously",
    "certainly",
    "course",
    "able",
    "talk",
    "talked",
    "talking",
    "come",
    "came",
    "gonna",
    "wanna",
    "today",
    "turn",
}


def _norm_word(w: str) -> str:
    return w.lower().replace("’", "'").rstrip(".")


@dataclass
class _Occurrence:
    turn: str
    start: int
    end: int


@dataclass
class _Phrase:
    words: tuple[str, ...]
    occurrences: list[_Occurrence] = field(default_factory=list)

    @property
    def turns(self) -> set[str]:
        return {o.turn for o in self.occurrences}


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | {"'s", "n't"} | EDGE_FILLER


_STOP = None


def stop_words() -> frozenset[str]:
    global _STOP
    if _STOP is None:
        _STOP = _stop_words()
    return _STOP


def ngrams(text: str, offset: int, max_n: int = MAX_N) -> Iterator[tuple[tuple[str, ...], int, int]]:
    """(words, start, end) for each candidate phrase of `text`, sentence by sentence."""
    stop = stop_words()
    for s, e in spoken_sentence_spans(text, 0):
        toks = [(m.start() + s, m.end() + s, _norm_word(m.group())) for m in DOTTED_WORD_RE.finditer(text[s:e])]
        edge_stop = [_is_stop(t[2], stop) for t in toks]
        n_toks = len(toks)
        for i in range(n_toks):
            w0 = toks[i][2]
            if edge_stop[i] or w0 in FILLER:
                continue
            for n in range(2, max_n + 1):
                j = i + n - 1
                if j >= n_toks:
                    break
                wj = toks[j][2]
                if wj in FILLER:
                    break
                if edge_stop[j]:
                    continue
                words = tuple(t[2] for t in toks[i : j + 1])
                yield words, toks[i][0] + offset, toks[j][1] + offset


def _is_stop(word: str, stop: frozenset[str]) -> bool:
    """A stop word, or a contraction of one ("we're", "don't", "it's")."""
    return word in stop or ("'" in word and (word.split("'")[0] in stop or word.endswith("n't")))


def speaker_turns(transcript: Transcript) -> dict[str, list]:
    """Speaker id -> that speaker's statement and answer turns."""
    out: dict[str, list] = defaultdict(list)
    for t in transcript.turns:
        if t.kind in SPEAKING_KINDS:
            out[t.speaker].append(t)
    return out


def repeated_phrases(turns: list, source_text: str, min_turns: int = MIN_TURNS) -> list[_Phrase]:
    """Maximal phrases said in at least `min_turns` of `turns`, most repeated first."""
    found: dict[tuple[str, ...], _Phrase] = {}
    for t in turns:
        s, e = turn_body(t, source_text)
        for words, a, b in ngrams(mask_stage_notes(source_text[s:e]), s):
            ph = found.get(words)
            if ph is None:
                ph = found[words] = _Phrase(words)
            ph.occurrences.append(_Occurrence(t.id, a, b))
    kept = {w: p for w, p in found.items() if len(p.turns) >= min_turns}
    # drop a phrase when one longer kept phrase covers all of its occurrences
    by_len = sorted(kept.values(), key=lambda p: -len(p.words))
    result: list[_Phrase] = []
    for p in by_len:
        covered = False
        for q in result:
            if (
                len(q.words) > len(p.words)
                and _contains(q.words, p.words)
                and all(
                    any(o.turn == r.turn and r.start <= o.start and o.end <= r.end for r in q.occurrences)
                    for o in p.occurrences
                )
            ):
                covered = True
                break
        if not covered:
            result.append(p)
    result.sort(key=lambda p: (-len(p.turns), -len(p.occurrences), -len(p.words), p.words))
    return result


def _contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    n = len(small)
    return any(big[i : i + n] == small for i in range(len(big) - n + 1))


def repeated_sentences(turns: list, source_text: str) -> list[dict[str, Any]]:
    """Groups of near-identical sentences said in different turns."""
    sents = _long_sentences(turns, source_text)
    if len(sents) < 2:
        return []
    out = []
    for members in _near_duplicates(sents):
        out.append(
            {
                "text": sents[members[0]][3],
                "count": len(members),
                "turns": len({sents[k][0] for k in members}),
                "locations": [
                    {"turn": sents[k][0], "start_char": sents[k][1], "end_char": sents[k][2]} for k in members
                ][:MAX_LOCATIONS],
            }
        )
    out.sort(key=lambda g: (-g["turns"], -g["count"], g["text"]))
    return out[:MAX_SENTENCES]


def _long_sentences(turns: list, source_text: str) -> list[tuple[str, int, int, str, str]]:
    """(turn id, start, end, text, lower-case text) of each sentence of ``MIN_SENTENCE_WORDS`` or more."""
    sents = []
    for t in turns:
        s, e = turn_body(t, source_text)
        masked = mask_stage_notes(source_text[s:e])
        for a, b in spoken_sentence_spans(masked, s):
            text = " ".join(masked[a - s : b - s].split())
            if len(DOTTED_WORD_RE.findall(text)) >= MIN_SENTENCE_WORDS:
                sents.append((t.id, a, b, text, text.lower()))
    return sents


def _near_duplicates(sents: list[tuple[str, int, int, str, str]]) -> list[list[int]]:
    """Clusters of sentences (indexes) linked by a rapidfuzz ratio of at least
    ``SENTENCE_SIMILARITY`` between two turns; only clusters that span two turns or more."""
    import numpy as np
    from rapidfuzz import fuzz, process

    sim = process.cdist(
        [x[4] for x in sents],
        [x[4] for x in sents],
        scorer=fuzz.ratio,
        score_cutoff=SENTENCE_SIMILARITY,
        dtype=np.uint8,
    )
    parent = list(range(len(sents)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in zip(*np.nonzero(sim)):
        if i < j and sents[i][0] != sents[j][0]:
            parent[find(int(i))] = find(int(j))
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(sents)):
        clusters[find(i)].append(i)
    return [m for m in clusters.values() if len({sents[k][0] for k in m}) >= 2]


def _phrase_row(p: _Phrase, source_text: str) -> dict[str, Any]:
    first = p.occurrences[0]
    return {
        "phrase": " ".join(source_text[first.start : first.end].split()),
        "key": " ".join(p.words),
        "turns": len(p.turns),
        "count": len(p.occurrences),
        "locations": [
            {"turn": o.turn, "start_char": o.start, "end_char": o.end} for o in p.occurrences[:MAX_LOCATIONS]
        ],
    }


def talking_points(transcript: Transcript, source_text: str) -> dict[str, Any]:
    speakers = {}
    for sid, turns in speaker_turns(transcript).items():
        if len(turns) < MIN_TURNS:
            continue
        phrases = repeated_phrases(turns, source_text)[:MAX_PHRASES]
        sentences = repeated_sentences(turns, source_text)
        if not phrases and not sentences:
            continue
        speakers[sid] = {
            "name": transcript.speaker_name(sid),
            "turns": len(turns),
            "phrases": [_phrase_row(p, source_text) for p in phrases],
            "sentences": sentences,
        }
    return {"min_turns": MIN_TURNS, "speakers": speakers}


@register(requires=["transcript.turns", "transcript.speakers"], assigns=["transcript.talking_points"])
class TalkingPointsAnnotator:
    """Phrases and sentences each speaker repeats across their statements and answers."""

    name = "talking_points"
    version = "1"

    def __call__(self, transcript: Transcript, source_text: str) -> None:
        transcript.annotations["talking_points"] = talking_points(transcript, source_text)


# -- across a corpus --------------------------------------------------------------------------

_TITLES = {"mr", "mrs", "ms", "dr", "the", "sen", "gov", "amb", "secretary", "general", "admiral", "mx"}


def speaker_key(transcript: Transcript, speaker_id: str) -> str | None:
    """How a speaker is recognised across transcripts: the surname, lower-cased.

    "Jen Psaki" and the label "MS. PSAKI" are both "psaki"; an unnamed "THE PRESIDENT" is
    "president". Two different people with one surname are merged (a known limit)."""
    sp = transcript.speaker(speaker_id)
    if sp is None:
        return None
    name = sp.name or (sp.labels[0] if sp.labels else None)
    if not name:
        return None
    words = [w for w in WORD_RE.findall(name.lower()) if w not in _TITLES]
    return words[-1] if words else None


def _transcript_ref(transcript: Transcript, index: int) -> str:
    src = transcript.event.source or {}
    return src.get("path") or src.get("sha256") or transcript.event.title or f"#{index}"


def corpus_talking_points(
    records: Iterable[tuple[Transcript, str]],
    min_transcripts: int = 2,
    epsilon: float = 0.01,
    top: int = 25,
    roles: Iterable[str] = ("principal", "official"),
) -> dict[str, Any]:
    """Phrases each speaker uses in at least `min_transcripts` transcripts of a corpus.

    `records` yields (transcript, source text) pairs; speakers are matched across transcripts
    by `speaker_key` (their surname), and only speakers in `roles` count.
    Phrases are counted once per transcript (document frequency). To keep memory bounded on
    large corpora this is Manku and Motwani's lossy counting: every ``1/epsilon`` transcripts,
    phrases seen too rarely so far are forgotten, so a reported count can fall short of the
    true one by at most ``epsilon`` times the number of transcripts (exact when the corpus has
    fewer than ``1/epsilon`` transcripts). Returns ``{"transcripts", "speakers": {name:
    {"transcripts", "phrases": [{"phrase", "transcripts", "locations"}]}}}``.
    """
    width = max(1, round(1 / epsilon))
    roles = set(roles)
    counts: dict[tuple[str, tuple[str, ...]], list] = {}  # -> [count, delta, surface, locations]
    speaker_docs: dict[str, int] = defaultdict(int)
    n = 0
    for n, (transcript, source_text) in enumerate(records, 1):
        bucket = (n - 1) // width + 1
        _count_phrases(transcript, source_text, _transcript_ref(transcript, n), bucket, roles, counts, speaker_docs)
        if n % width == 0:
            for k in [k for k, v in counts.items() if v[0] + v[1] <= bucket]:
                del counts[k]
    by_speaker: dict[str, list] = defaultdict(list)
    for (key, words), (c, _, surface, locs) in counts.items():
        if c >= min_transcripts:
            by_speaker[key].append((c, words, surface, locs))
    speakers: dict[str, dict[str, Any]] = {}
    for key, rows in by_speaker.items():
        chosen = _longest_phrases(rows)
        speakers[key] = {
            "transcripts": speaker_docs[key],
            "phrases": [
                {"phrase": surface, "transcripts": c, "locations": locs} for c, _, surface, locs in chosen[:top]
            ],
        }
    return {"transcripts": n, "epsilon": epsilon, "min_transcripts": min_transcripts, "speakers": speakers}


def _count_phrases(
    transcript: Transcript,
    source_text: str,
    ref: str,
    bucket: int,
    roles: set[str],
    counts: dict[tuple[str, tuple[str, ...]], list],
    speaker_docs: dict[str, int],
) -> None:
    """Count each phrase of one transcript once per speaker (in `roles`), into `counts`; a new
    entry starts with the lossy-counting error ``bucket - 1``."""
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for sid, turns in speaker_turns(transcript).items():
        sp = transcript.speaker(sid)
        key = speaker_key(transcript, sid)
        if key is None or sp is None or sp.role not in roles:
            continue
        speaker_docs[key] += 1
        for t in turns:
            s, e = turn_body(t, source_text)
            for words, a, b in ngrams(mask_stage_notes(source_text[s:e]), s, max_n=6):
                k = (key, words)
                if k in seen:
                    continue
                seen.add(k)
                entry = counts.get(k)
                if entry is None:
                    entry = counts[k] = [0, bucket - 1, " ".join(source_text[a:b].split()), []]
                entry[0] += 1
                if len(entry[3]) < MAX_LOCATIONS:
                    entry[3].append({"transcript": ref, "turn": t.id, "start_char": a, "end_char": b})


def _longest_phrases(rows: list) -> list:
    """One speaker's (count, words, surface, locations) rows, most frequent first, without a
    phrase inside a longer kept one with the same count."""
    rows.sort(key=lambda r: (-r[0], -len(r[1]), r[1]))
    chosen = []
    for c, words, surface, locs in rows:
        # a phrase inside a chosen longer one with the same count adds nothing
        if any(c == cc and _contains(w, words) for cc, w, _, _ in chosen):
            continue
        chosen = [r for r in chosen if not (r[0] == c and _contains(words, r[1]))]
        chosen.append((c, words, surface, locs))
    chosen.sort(key=lambda r: (-r[0], -len(r[1]), r[1]))
    return chosen
