"""The learned last word on roles: a small multinomial logistic regression that reads what each speaker
does in the event (how much and how often they speak, whether they ask, whom they follow and
precede, what their label says) beside the role the rule passes gave it (`parse/roles.py`), and
changes that role where it is confident the rules were wrong.

The model is trained by `scripts/train_roles.py` on the development gold only, its strength and
threshold chosen with each development publisher held out in turn, and ships as plain JSON (`pressroom/data/role_model.json`:
feature names, scaling, weights, the confidence threshold and the cross-validated figures that
chose them). scikit-learn trains it; plain Python applies it, and only to the speakers whose role
the label does not state (a briefing's forty `Q`s are never revised), so parsing imports no array
library. `speaker_features`, `standardise` and `Model.probabilities` give numpy arrays for training
and inspection, from the same code.
"""

from __future__ import annotations

import functools
import json
import math
import operator
from collections.abc import Collection
from pathlib import Path

from ..record import Speaker, Turn
from .asking import question_marked
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


def _names_another(head: str, others: list[str]) -> bool:
    """Does a turn's head (its first 120 characters) name another speaker by surname ("Go ahead,
    Julie.", "Well, Julie, …", "Thank you, Mr. Roe. …")?"""
    return any(map(head.__contains__, others))


def _label_titled(s: Speaker) -> bool:
    words = s.labels[0].split() if s.labels else []
    return bool(words) and is_title_word(words[0])


def _label_facts(s: Speaker) -> tuple[float, ...]:
    """A speaker's rules' role (one column per role), whether it has a title and whether its label
    opens with a title word."""
    return (*(float(s.role == r) for r in ROLES), float(bool(s.title)), float(_label_titled(s)))


def _surnames(speakers: list[Speaker]) -> list[str | None]:
    """Each speaker's surname (`_surname`), worked out once per label and name: a briefing's forty
    anonymous `Q`s are one."""
    seen: dict[tuple, str | None] = {}
    out = []
    for s in speakers:
        key = (s.labels[0] if s.labels else None, s.name)
        if key not in seen:
            seen[key] = _surname(s)
        out.append(seen[key])
    return out


class _Event:
    """What the event's turns say, once for all its speakers: who speaks each turn, its characters,
    whether it asks, whether its speaker is a journalist by the rules; each speaker's turns and
    characters; the surnames they are called by."""

    def __init__(self, turns: list[Turn], speakers: list[Speaker]):
        at = {s.id: k for k, s in enumerate(speakers)}
        self.n = n = len(turns)
        self.index = index = [at[t.speaker] for t in turns]
        self.texts = [t.text for t in turns]
        self.speakers = speakers
        self.chars = [len(t) for t in self.texts]
        self.asks = [question_marked(t) for t in self.texts]
        journalist = [float(s.role == "journalist") for s in speakers]
        self.journalist = [journalist[k] for k in index]
        self.turns_of: list[list[int]] = [[] for _ in speakers]
        chars_by = [0] * len(speakers)
        for j, k in enumerate(index):
            self.turns_of[k].append(j)
            chars_by[k] += self.chars[j]
        self.most = chars_by.index(max(chars_by))  # the speaker of the most characters (the first such)
        self.chars_by, self.total_chars = chars_by, sum(self.chars)
        self.names = [(name, k) for k, name in enumerate(_surnames(speakers)) if name]
        spoke = sum(1 for ts in self.turns_of if ts)
        self.shared = (math.log1p(spoke), sum(self.journalist) / n, sum(self.asks) / n)

    def row(self, k: int) -> list[float]:
        """Speaker ``k``'s row of `FEATURES` (all zeros where it speaks no turn)."""
        ts = self.turns_of[k]
        if not ts:
            return [0.0] * len(FEATURES)
        c, n, index, chars, asks, texts = len(ts), self.n, self.index, self.chars, self.asks, self.texts
        ask_end = sum(1 for j in ts if asks[j] and texts[j][-8:].rstrip(_CLOSING).endswith("?"))
        after = [j - 1 for j in ts if j > 0 and index[j - 1] != k]  # right after another speaker's turn
        before_most = sum(1 for j in ts if j + 1 < n and index[j + 1] != k and index[j + 1] == self.most)
        facts = _label_facts(self.speakers[k])
        others = [name for name, owner in self.names if owner != k] if len(self.names) >= 2 else []
        named = sum(1 for j in ts if _names_another(texts[j][:120], others)) if others else 0
        return [
            *facts[: len(ROLES)],
            c / n,
            self.chars_by[k] / max(self.total_chars, 1),
            math.log1p(c),
            sum(math.log1p(chars[j]) for j in ts) / c,
            sum(1 for j in ts if asks[j]) / c,
            ask_end / c,
            sum(1 for j in ts if chars[j] <= 70) / c,
            ts[0] / n,
            *facts[len(ROLES) :],
            sum(1 for j in after if asks[j]) / c,
            sum(self.journalist[j] for j in after) / c,
            before_most / c,
            *self.shared,
            named / c,
        ]


def feature_rows(turns: list[Turn], speakers: list[Speaker], which=None) -> list[list[float]]:
    """One row of `FEATURES` per speaker, for the speakers at the indexes ``which`` (all of them by
    default), in plain Python: parsing needs no array library for a few dozen rows."""
    which = range(len(speakers)) if which is None else which
    if not turns or not speakers:
        return [[0.0] * len(FEATURES) for _ in which]
    event = _Event(turns, speakers)
    return [event.row(k) for k in which]


def speaker_features(turns: list[Turn], speakers: list[Speaker]):
    """`feature_rows` of every speaker as a numpy array (for training and inspection)."""
    import numpy as np

    return np.array(feature_rows(turns, speakers), dtype=float).reshape(len(speakers), len(FEATURES))


#: standardised features are clipped to ±CLIP: a small event's shares lie far outside what the
#: model learned from, and a linear model would follow them there
CLIP = 3.0
#: an event of fewer turns keeps the rules' roles: its shares and positions say too little
MIN_TURNS = 12


def _standardised(row, mean, scale) -> list[float]:
    return [min(max((x - m) / d, -CLIP), CLIP) for x, m, d in zip(row, mean, scale)]


def standardise(rows, mean, scale):
    """Features minus their mean over their spread, clipped to ±`CLIP` (a numpy array)."""
    import numpy as np

    mean, scale = [float(m) for m in mean], [float(d) for d in scale]
    return np.array([_standardised([float(x) for x in r], mean, scale) for r in rows], dtype=float)


class Model:
    """A multinomial logistic regression read from its plain-JSON export: scaling, one weight row
    and intercept per role."""

    def __init__(self, spec: dict):
        if tuple(spec["features"]) != FEATURES or tuple(spec["classes"]) != ROLES:
            raise ValueError("the role model's features or classes differ from the code's; retrain it")
        self.mean = [float(x) for x in spec["mean"]]
        self.scale = [float(x) for x in spec["scale"]]
        self.coef = [[float(x) for x in r] for r in spec["coef"]]  # (roles, features)
        self.intercept = [float(x) for x in spec["intercept"]]
        self.threshold = spec["threshold"]
        #: the figures that chose it (role accuracy, each development publisher held out in turn)
        self.cross_validation: dict | None = spec.get("cross_validation")

    def probability(self, row) -> list[float]:
        """The probability of each of `ROLES` for one feature row."""
        z = _standardised([float(x) for x in row], self.mean, self.scale)
        raw = [sum(map(operator.mul, z, w)) + b0 for w, b0 in zip(self.coef, self.intercept)]
        top = max(raw)
        e = [math.exp(r - top) for r in raw]
        total = sum(e)
        return [x / total for x in e]

    def probabilities(self, rows):
        """The probability of each of `ROLES` per feature row (a numpy array)."""
        import numpy as np

        return np.array([self.probability(r) for r in rows], dtype=float).reshape(len(rows), len(ROLES))


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
    if s.role == "journalist":  # "Q", "Q1" (a numbered question), "REPORTER"
        return words in _ASKING_FORMS or words.rstrip("0123456789") == "q" or words in WORDS["asker_labels"]
    if s.role == "other":
        return _OTHER.search(words) is not None
    return s.role == "moderator" and _MODERATOR.search(words) is not None


def revise_roles(turns: list[Turn], speakers: list[Speaker], model: Model | None, keep: Collection[str] = ()) -> None:
    """Change a speaker's role where the model gives another role at least the model's threshold,
    except where the label states it (`stated`) or the document does (the ids in ``keep``: a witness
    sworn in, `parse/hearing.py`), and in events of fewer than `MIN_TURNS` turns.
    The model never makes anyone `other`: that stays for whom a label calls so (`other_words`)."""
    if model is None or not speakers or len(turns) < MIN_TURNS:
        return
    said: dict[tuple, bool] = {}  # `stated`, once per label and role: forty `Q`s ask once
    open_ = []
    for k, s in enumerate(speakers):
        key = (s.labels[0] if s.labels else None, s.role)
        if key not in said:
            said[key] = stated(s)
        if not said[key] and s.id not in keep:
            open_.append(k)
    other = ROLES.index("other")
    for k, row in zip(open_, feature_rows(turns, speakers, open_)):
        p = model.probability(row)
        p[other] = 0.0  # `other` is for whom a label calls so (interpreter, heckler)
        best = max(range(len(ROLES)), key=p.__getitem__)
        if p[best] >= model.threshold and ROLES[best] != speakers[k].role:
            speakers[k].role = ROLES[best]
