"""The learned last word on roles: a small multinomial logistic regression that reads what each speaker
does in the event (how much and how often they speak, whether they ask, whom they follow and
precede, what their label says) beside the role the rule passes gave it (`parse/roles.py`), and
changes that role where it is confident the rules were wrong.

The model is trained by `scripts/train_roles.py` on the development gold only, its strength and
threshold chosen with each development publisher held out in turn, and ships as plain JSON (`pressroom/data/role_model.json`:
feature names, scaling, weights, the confidence threshold and the cross-validated figures that
chose them). Applying it is one small matrix product per event: scikit-learn trains it, numpy
applies it.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
from pathlib import Path

import numpy as np

from ..record import Speaker, Turn
from .people import is_title_word
from .words import WORDS, any_of

ROLES = ("principal", "journalist", "moderator", "official", "other")
MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "role_model.json"

FEATURES = (
    *(f"rule_{r}" for r in ROLES),  # the role the rule passes gave
    "turn_share",  # of the event's turns
    "char_share",  # of the event's characters
    "log_turns",
    "mean_log_chars",  # per turn
    "ask_share",  # of the speaker's turns with a question mark
    "ask_end_share",  # … ending with one
    "short_share",  # … of 70 characters or fewer
    "first_position",  # where the speaker first speaks, 0 to 1
    "has_title",  # the header or a label gave a title
    "label_title_word",  # the label opens with a title word ("SECRETARY", "DR.")
    "after_others_ask",  # share of turns right after another speaker's asking turn
    "after_journalist",  # … after a journalist's turn (by the rules)
    "before_most_chars",  # … right before a turn of the speaker with the most characters
    "log_speakers",  # the event's
    "journalist_share_of_event",  # of its turns, by the rules
    "event_ask_share",  # of its turns that ask
    "names_others",  # share of turns that name another speaker in their first 120 characters
)

_CLOSING = " \t\r\n\"'”’)"  # what may follow a question mark at a turn's end


def _surname(s: Speaker) -> str | None:
    """The word a speaker is called by: the name's last word, else a label's last word that is no title."""
    if not s.name and (not s.labels or len(s.labels[0]) < 4):
        return None  # "Q", "MR."
    words = (s.name or s.labels[0]).replace(".", " ").split()
    last = words[-1] if words else ""
    return last if len(last) > 2 and last[0].isupper() and not is_title_word(last) else None


def _named(texts: list[str], surnames: list[str | None], whose: list[int]) -> np.ndarray:
    """Per speaker, how many of their turns name another speaker by surname in their first 120
    characters ("Go ahead, Julie.", "Well, Julie, …", "Thank you, Mr. Roe. …")."""
    names = [(n, k) for k, n in enumerate(surnames) if n]
    if len(names) < 2:
        return np.zeros(len(surnames))
    heads = [t[:120] for t in texts]
    text = "\n".join(heads)
    starts = [a + i for i, a in enumerate(itertools.accumulate(map(len, heads), initial=0))]
    hit = set()
    for n, k in names:
        pos = text.find(n)
        while pos >= 0:
            i = bisect.bisect_right(starts, pos) - 1
            if whose[i] != k:
                hit.add(i)
            pos = text.find(n, starts[i + 1])
    return np.bincount([whose[i] for i in hit], minlength=len(surnames)).astype(float)


def _label_titled(s: Speaker) -> bool:
    words = s.labels[0].split() if s.labels else []
    return bool(words) and is_title_word(words[0])


def _label_facts(speakers: list[Speaker]) -> tuple[np.ndarray, list[str | None]]:
    """Per speaker, the rules' role (one column per role), whether it has a title and whether its
    label opens with a title word; and its surname. Worked out once per kind of speaker: a
    briefing's forty anonymous `Q`s are one."""
    seen: dict[tuple, tuple] = {}
    rows, surnames = [], []
    for s in speakers:
        key = (s.labels[0] if s.labels else None, s.name, bool(s.title), s.role)
        if key not in seen:
            seen[key] = ((*(s.role == r for r in ROLES), bool(s.title), _label_titled(s)), _surname(s))
        row, surname = seen[key]
        rows.append(row)
        surnames.append(surname)
    return np.array(rows, dtype=float), surnames


_AT = {f: i for i, f in enumerate(FEATURES)}  # a feature's column


def _per_turn(texts: list[str], index: np.ndarray, journalist: np.ndarray, size: int) -> np.ndarray:
    """Per turn: characters, their log, asks, ends asking, short; and whether the turn comes right
    after another speaker's asking turn, right after a journalist's, right before a turn of the
    speaker with the most characters (of ``size`` speakers)."""
    n = len(texts)
    out = np.zeros((n, 8))
    chars = out[:, 0]
    chars[:] = [len(t) for t in texts]
    chars_by = np.bincount(index, weights=chars, minlength=size)
    out[:, 1] = np.log1p(chars)
    asks = ["?" in t for t in texts]
    out[:, 2] = asks
    out[:, 3] = [a and t[-8:].rstrip(_CLOSING).endswith("?") for t, a in zip(texts, asks)]
    out[:, 4] = chars <= 70
    change = index[:-1] != index[1:]
    out[1:, 5] = change * out[:-1, 2]
    out[1:, 6] = change * journalist[:-1]
    out[:-1, 7] = change * (index[1:] == int(chars_by.argmax()))
    return out


def speaker_features(turns: list[Turn], speakers: list[Speaker]) -> np.ndarray:
    """One row of `FEATURES` per speaker, in the order of ``speakers`` (a speaker with no turn has
    all zeros)."""
    size, n = len(speakers), len(turns)
    rows = np.zeros((size, len(FEATURES)))
    if not n or not size:
        return rows
    at = {s.id: k for k, s in enumerate(speakers)}
    whose_turn = [at[t.speaker] for t in turns]
    texts = [t.text for t in turns]
    index = np.array(whose_turn)
    label_facts, surnames = _label_facts(speakers)
    journalist = label_facts[index, ROLES.index("journalist")]
    whose = np.zeros((n, size))  # turn × speaker, 1 where the speaker speaks the turn
    whose[np.arange(n), index] = 1.0
    sums = whose.T @ _per_turn(texts, index, journalist, size)  # speaker × the per-turn facts
    count = whose.sum(axis=0)
    spoke = count > 0
    per_turn = np.maximum(count, 1)[:, None]
    rows[:, : len(ROLES)] = label_facts[:, : len(ROLES)]
    rows[:, _AT["has_title"] : _AT["label_title_word"] + 1] = label_facts[:, len(ROLES) :]
    rows[:, _AT["turn_share"]] = count / n
    rows[:, _AT["char_share"]] = sums[:, 0] / max(sums[:, 0].sum(), 1)
    rows[:, _AT["log_turns"]] = np.log1p(count)
    rows[:, _AT["mean_log_chars"] : _AT["short_share"] + 1] = sums[:, 1:5] / per_turn
    rows[:, _AT["first_position"]] = whose.argmax(axis=0) / n
    rows[:, _AT["after_others_ask"] : _AT["before_most_chars"] + 1] = sums[:, 5:8] / per_turn
    rows[:, _AT["log_speakers"]] = np.log1p(spoke.sum())
    rows[:, _AT["journalist_share_of_event"]] = journalist.mean()
    rows[:, _AT["event_ask_share"]] = sums[:, 2].sum() / n
    rows[:, _AT["names_others"]] = _named(texts, surnames, whose_turn) / per_turn[:, 0]
    rows[~spoke] = 0.0
    return rows


#: standardised features are clipped to ±CLIP: a small event's shares lie far outside what the
#: model learned from, and a linear model would follow them there
CLIP = 3.0
#: an event of fewer turns keeps the rules' roles: its shares and positions say too little
MIN_TURNS = 12


def standardise(rows, mean, scale) -> np.ndarray:
    """Features minus their mean over their spread, clipped to ±`CLIP`."""
    return np.clip((np.asarray(rows, dtype=float) - mean) / scale, -CLIP, CLIP)


class Model:
    """A multinomial logistic regression read from its plain-JSON export: scaling, one weight row
    and intercept per role."""

    def __init__(self, spec: dict):
        if tuple(spec["features"]) != FEATURES or tuple(spec["classes"]) != ROLES:
            raise ValueError("the role model's features or classes differ from the code's; retrain it")
        self.mean = np.array(spec["mean"], dtype=float)
        self.scale = np.array(spec["scale"], dtype=float)
        self.coef = np.array(spec["coef"], dtype=float)  # (roles, features)
        self.intercept = np.array(spec["intercept"], dtype=float)
        self.threshold = spec["threshold"]
        #: the figures that chose it (role accuracy, each development publisher held out in turn)
        self.cross_validation: dict | None = spec.get("cross_validation")

    def probabilities(self, rows) -> np.ndarray:
        """The probability of each of `ROLES` per feature row."""
        raw = standardise(rows, self.mean, self.scale) @ self.coef.T + self.intercept
        e = np.exp(raw - raw.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)


def load_model(path: Path = MODEL_PATH) -> Model | None:
    """A model from its JSON file, or None where there is none (then the rules' roles stand)."""
    if not path.exists():
        return None
    return Model(json.loads(path.read_text(encoding="utf-8")))


def held_out_figures() -> dict | None:
    """The shipped model's cross-validated figures (its JSON's ``cross_validation``: role accuracy
    of the rules and of the model with each development publisher held out in turn), or None."""
    model = shipped()
    return model.cross_validation if model else None


@functools.cache
def shipped() -> Model | None:
    """The shipped model (`MODEL_PATH`), read once, on first use."""
    return load_model()


_OTHER, _MODERATOR = any_of("other_words"), any_of("moderator_words")  # as whole words
_ASKING_FORMS = {"q", "question", "questions", "follow-up", "follow up", "followup"}


def stated(s: Speaker) -> bool:
    """Does the label itself state the role the rules gave? A `Q`, `QUESTION` or `REPORTER` asks for
    the press (`asker_labels`); a `MODERATOR` or `OPERATOR` runs the event (`moderator_words`); an
    `AIDE` or `INTERPRETER` is neither side (`other_words`). The model never overrules a
    publisher's own word."""
    if not s.labels:
        return False
    words = " ".join(s.labels[0].lower().replace(".", " ").replace(":", " ").split())
    if s.role == "journalist":
        return words in _ASKING_FORMS or words in WORDS["asker_labels"]
    if s.role == "other":
        return _OTHER.search(words) is not None
    return s.role == "moderator" and _MODERATOR.search(words) is not None


def revise_roles(turns: list[Turn], speakers: list[Speaker], model: Model | None) -> None:
    """Change a speaker's role where the model gives another role at least the model's threshold,
    except where the label states it (`stated`) and in events of fewer than `MIN_TURNS` turns.
    The model never makes anyone `other`: that stays for whom a label calls so (`other_words`)."""
    if model is None or not speakers or len(turns) < MIN_TURNS:
        return
    p = model.probabilities(speaker_features(turns, speakers))
    p[:, ROLES.index("other")] = 0.0  # `other` is for whom a label calls so (interpreter, heckler)
    best, sure = p.argmax(axis=1).tolist(), (p.max(axis=1) >= model.threshold).tolist()
    for s, k, ok in zip(speakers, best, sure):
        if ok and ROLES[k] != s.role and not stated(s):
            s.role = ROLES[k]
