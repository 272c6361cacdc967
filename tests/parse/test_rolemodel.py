"""The learned role model (pressroom/parse/rolemodel.py): its features on a small event worked out
by hand, its probabilities against a softmax computed by hand, the threshold, the shipped model,
and scripts/train_roles.py end to end (against scikit-learn's own probabilities)."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import pressroom
from pressroom.parse import parse_document, rolemodel
from pressroom.parse.rolemodel import FEATURES, ROLES, Model, revise_roles, speaker_features
from pressroom.record import Speaker, Turn

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "data" / "seed"


def _turn(i: int, speaker: str, text: str) -> Turn:
    return Turn(
        id=f"t{i}", speaker=speaker, kind="statement", text=text, start_char=0, end_char=0, start_line=0, end_line=0
    )


def _event(times: int = 1):
    speakers = [
        Speaker(id="s1", name="Dana Whitcombe", labels=["MS. WHITCOMBE"], role="principal", title="Press Secretary"),
        Speaker(id="s2", labels=["Q"], role="journalist"),
        Speaker(id="s3", name="Marcus Oyelaran", labels=["Marcus Oyelaran"], role="journalist"),
    ]
    texts = [
        ("s1", "Good afternoon. Go ahead, Oyelaran."),  # 35 characters, names s3
        ("s3", "Thanks. What happens next?"),  # 26, asks, ends asking
        ("s1", "We will see. " * 10),  # 130
        ("s2", "And the budget? Is it done"),  # 26, asks, does not end asking
        ("s1", "Yes."),  # 4
    ]
    turns = [_turn(i, sid, text) for i, (sid, text) in enumerate(texts * times)]
    return turns, speakers


def _column(rows, name):
    return [round(float(v), 6) for v in rows[:, FEATURES.index(name)]]


def test_features_of_a_small_event_worked_out_by_hand():
    turns, speakers = _event()
    rows = speaker_features(turns, speakers)
    assert rows.shape == (3, len(FEATURES))
    assert _column(rows, "rule_principal") == [1, 0, 0]
    assert _column(rows, "rule_journalist") == [0, 1, 1]
    assert _column(rows, "turn_share") == [0.6, 0.2, 0.2]
    total = 35 + 26 + 130 + 26 + 4
    assert _column(rows, "char_share") == [round(169 / total, 6), round(26 / total, 6), round(26 / total, 6)]
    assert _column(rows, "ask_share") == [0, 1, 1]
    assert _column(rows, "ask_end_share") == [0, 0, 1]
    assert _column(rows, "short_share") == [round(2 / 3, 6), 1, 1]  # at most 70 characters
    assert _column(rows, "first_position") == [0, 0.6, 0.2]
    # s1 speaks after s3's question and after s2's: two of its three turns
    assert _column(rows, "after_others_ask") == [round(2 / 3, 6), 0, 0]
    assert _column(rows, "after_journalist") == [round(2 / 3, 6), 0, 0]
    assert _column(rows, "journalist_share_of_event") == [0.4, 0.4, 0.4]
    assert _column(rows, "names_others") == [round(1 / 3, 6), 0, 0]  # "Go ahead, Oyelaran."
    # the speaker of most characters is s1: s3's turn and s2's come right before one of its
    assert _column(rows, "before_most_chars") == [0, 1, 1]
    assert _column(rows, "log_speakers") == [round(math.log(4), 6)] * 3
    assert _column(rows, "event_ask_share") == [0.4, 0.4, 0.4]
    assert _column(rows, "has_title") == [1, 0, 0]
    assert _column(rows, "label_title_word") == [1, 0, 0]  # "MS." is in the title words


def test_rows_for_some_speakers_are_those_speakers_rows():
    """`revise_roles` asks for the rows of the speakers it may revise only: the same rows."""
    turns, speakers = _event(times=3)
    every = rolemodel.feature_rows(turns, speakers)
    assert rolemodel.feature_rows(turns, speakers, [2, 0]) == [every[2], every[0]]


def test_ties_shared_surnames_and_a_single_named_speaker_worked_out_by_hand():
    """The speaker of the most characters is the first of those tied; a surname two speakers share
    counts for each ("Roe" said to MS. ROE counts for Jane Roe, whom it may not mean); with one
    named speaker no one names another."""
    speakers = [
        Speaker(id="s1", name="Jane Roe", labels=["Jane Roe"], role="principal"),
        Speaker(id="s2", labels=["Ms. Roe"], role="official"),
        Speaker(id="s3", labels=["Q"], role="journalist"),
    ]
    texts = [("s3", "Ms. Roe, a question?"), ("s1", "ab"), ("s2", "Roe here."), ("s3", "x" * 7), ("s2", "cd")]
    turns = [_turn(i, sid, text) for i, (sid, text) in enumerate(texts)]
    rows = speaker_features(turns, speakers)
    # characters: s1 2, s2 9 + 2 = 11, s3 20 + 7 = 27: s3 has the most; s2's "Roe here." comes
    # right before s3's second turn, s1's "ab" before s2's
    assert _column(rows, "before_most_chars") == [0.0, 0.5, 0.0]
    # "Roe" is s1's surname and s2's (a label's last word): s3's first turn names it, and so does
    # s2's "Roe here.", for s1 shares it
    assert _column(rows, "names_others") == [0.0, 0.5, 0.5]
    tied = [_turn(0, "s1", "abc"), _turn(1, "s2", "def"), _turn(2, "s1", "g"), _turn(3, "s2", "h")]
    rows = speaker_features(tied, speakers)
    assert _column(rows, "before_most_chars") == [0.0, 0.5, 0.0]  # 4 and 4: s1, the first, is "most"
    alone = [Speaker(id="s1", name="Jane Roe", labels=["Jane Roe"], role="principal"), speakers[2]]
    rows = speaker_features([_turn(0, "s3", "Jane Roe?"), _turn(1, "s1", "Yes.")], alone)
    assert _column(rows, "names_others") == [0.0, 0.0]  # one surname: nobody else to name


def test_parsing_imports_no_array_library():
    """The role model runs in plain Python: a parse in a fresh process loads no numpy (its import
    alone cost a tenth of a second of CPU in every process that parses)."""
    code = (
        "import sys, pressroom; "
        f"r = pressroom.parse_path({str(SEED / 'nato-2021-03-22-press-conference.txt')!r}); "
        "print(len(r.turns), 'numpy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["42", "False"]


def test_a_speaker_without_turns_has_a_row_of_zeros():
    turns, speakers = _event()
    rows = speaker_features(turns, [*speakers, Speaker(id="s9", name="Nobody Here", role="other")])
    assert rows[3].tolist() == [0.0] * len(FEATURES)


def _spec(coef_row: dict[str, dict[str, float]], intercept=None, threshold=0.5) -> dict:
    n = len(FEATURES)
    return {
        "features": list(FEATURES),
        "classes": list(ROLES),
        "mean": [0.0] * n,
        "scale": [1.0] * n,
        "coef": [[coef_row.get(r, {}).get(f, 0.0) for f in FEATURES] for r in ROLES],
        "intercept": intercept or [0.0] * len(ROLES),
        "threshold": threshold,
    }


def test_probabilities_are_the_softmax_of_the_linear_scores():
    spec = _spec({"moderator": {"short_share": 2.0}, "principal": {"char_share": 1.0}}, intercept=[0, 0, 0.5, 0, 0])
    row = [0.0] * len(FEATURES)
    row[FEATURES.index("short_share")] = 1.0
    row[FEATURES.index("char_share")] = 0.5
    scores = [0.5, 0.0, 2.5, 0.0, 0.0]  # principal, journalist, moderator, official, other
    expected = [math.exp(s) / sum(math.exp(v) for v in scores) for s in scores]
    assert Model(spec).probabilities([row])[0].tolist() == pytest.approx(expected, abs=1e-12)


def test_a_role_changes_only_where_the_model_is_sure_enough():
    turns, speakers = _event(times=3)  # 15 turns: enough for the model (`MIN_TURNS`)
    # short turns make a moderator: s2 and s3 speak only short turns, s1 two of three
    sure = Model(_spec({"moderator": {"short_share": 6.0}}, threshold=0.9))
    revise_roles(turns, speakers, sure)
    # e^6 / (e^6 + 4) = 0.990 for s2 and s3; e^4 / (e^4 + 4) = 0.932 for s1; s2's `Q` states its role
    assert [s.role for s in speakers] == ["moderator", "journalist", "moderator"]
    turns, speakers = _event(times=3)
    revise_roles(turns, speakers, Model(_spec({"moderator": {"short_share": 6.0}}, threshold=0.95)))
    assert [s.role for s in speakers] == ["principal", "journalist", "moderator"]
    turns, speakers = _event(times=3)
    revise_roles(turns, speakers, None)  # no model: the rules' roles stand
    assert [s.role for s in speakers] == ["principal", "journalist", "journalist"]


def test_a_short_event_keeps_the_rules_roles():
    turns, speakers = _event()  # 5 turns
    assert len(turns) < rolemodel.MIN_TURNS
    revise_roles(turns, speakers, Model(_spec({"moderator": {"short_share": 6.0}}, threshold=0.5)))
    assert [s.role for s in speakers] == ["principal", "journalist", "journalist"]


def test_the_model_makes_nobody_other():
    turns, speakers = _event(times=3)
    # "other" is by far the likeliest for everyone; the next likeliest is moderator for all
    spec = _spec({"other": {"turn_share": 50.0}, "moderator": {"turn_share": 10.0}}, threshold=0.0)
    revise_roles(turns, speakers, Model(spec))
    assert [s.role for s in speakers] == ["moderator", "journalist", "moderator"]


def test_standardised_features_are_clipped():
    z = rolemodel.standardise([[10.0, -10.0, 1.0]], [0.0, 0.0, 0.0], [1.0, 1.0, 2.0])
    assert z.tolist() == [[rolemodel.CLIP, -rolemodel.CLIP, 0.5]]


@pytest.mark.parametrize(
    "label, role, expected",
    [
        ("Q", "journalist", True),
        ("QUESTION", "journalist", True),
        ("Follow-up", "journalist", True),
        ("REPORTER", "journalist", True),
        ("Audience Member", "journalist", True),
        ("MODERATOR", "moderator", True),
        ("The Operator", "moderator", True),
        ("Irene Roe (FDA Moderator)", "moderator", True),  # the office in brackets states it too
        ("MODERATOR", "journalist", False),  # the label states another role than the rules gave
        ("Q", "official", False),
        ("Marcus Oyelaran", "journalist", False),
        ("MS. WHITCOMBE", "principal", False),
        ("HOSTILE WITNESS", "moderator", False),  # "host" only as a whole word
        ("AIDE", "other", True),
        ("INTERPRETER", "other", True),
        ("Jane Roe", "other", False),
    ],
)
def test_a_role_the_label_states_is_never_revised(label, role, expected):
    assert rolemodel.stated(Speaker(id="s1", labels=[label], role=role)) is expected


def test_a_model_of_other_features_is_refused(tmp_path):
    spec = _spec({})
    spec["features"] = spec["features"][:-1]
    path = tmp_path / "model.json"
    path.write_text(json.dumps(spec))
    with pytest.raises(ValueError, match="retrain it"):
        rolemodel.load_model(path)
    assert rolemodel.load_model(tmp_path / "none.json") is None


def test_the_shipped_model_matches_the_code_and_records_its_cross_validation():
    model = rolemodel.shipped()
    assert model is not None and [len(w) for w in model.coef] == [len(FEATURES)] * len(ROLES)
    spec = json.loads(rolemodel.MODEL_PATH.read_text(encoding="utf-8"))
    cv = spec["cross_validation"]
    assert cv["grouped_by"] == "publisher, each held out in turn"
    assert cv["folds"] == spec["trained_on"]["publishers"] > 90
    assert cv["model_role_accuracy"] > cv["rules_role_accuracy"]
    assert not any("unseen" in s for s in spec["trained_on"]["sets"])


def test_the_model_changes_roles_only():
    doc = pressroom.read_path(SEED / "nato-2021-03-22-press-conference.txt")
    ruled, learned = parse_document(doc, learned_roles=False), parse_document(doc)
    assert [(t.speaker, t.text) for t in ruled.turns] == [(t.speaker, t.text) for t in learned.turns]
    assert [(s.name, s.labels) for s in ruled.speakers] == [(s.name, s.labels) for s in learned.speakers]
    # the seed's roles are right by the rules and the model leaves them so
    assert [s.role for s in learned.speakers] == [s.role for s in ruled.speakers]


def test_training_end_to_end_reproduces_scikit_learn(tmp_path):
    """Two copies of the seed in two publisher folders: the script collects its speakers, cross-
    validates with the folders held out, and writes a model that it checks against scikit-learn's
    own probabilities before writing (it exits non-zero where they differ)."""
    gold, src = tmp_path / "gold", tmp_path / "src"
    for pub in ("one", "two"):
        (gold / pub).mkdir(parents=True)
        (src / pub).mkdir(parents=True)
        shutil.copy(SEED / "nato-2021-03-22-press-conference.gold.json", gold / pub)
        shutil.copy(SEED / "nato-2021-03-22-press-conference.txt", src / pub)
    out = tmp_path / "model.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train_roles.py"), "--set", str(gold), str(src), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "reproduces scikit-learn's probabilities" in done.stdout
    spec = json.loads(out.read_text())
    assert spec["cross_validation"]["folds"] == 2
    assert spec["trained_on"]["publishers"] == 2
    model = rolemodel.load_model(out)
    # the NATO seed has no official and no other: the model never chooses them
    record = parse_document(pressroom.read_path(SEED / "nato-2021-03-22-press-conference.txt"), learned_roles=False)
    p = model.probabilities(speaker_features(record.turns, record.speakers))
    assert p[:, ROLES.index("official")].max() < 1e-15 and p[:, ROLES.index("other")].max() < 1e-15


def test_training_without_data_says_so_in_one_line(tmp_path):
    script = str(ROOT / "scripts" / "train_roles.py")
    missing = subprocess.run(
        [sys.executable, script, "--set", str(tmp_path / "none"), str(tmp_path), "--out", str(tmp_path / "m.json")],
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert missing.stderr.strip().splitlines()[-1].startswith("train_roles: [E001] cannot read")
    gold = tmp_path / "gold"
    gold.mkdir()
    shutil.copy(SEED / "nato-2021-03-22-press-conference.gold.json", gold)
    empty = subprocess.run(
        [sys.executable, script, "--set", str(gold), str(tmp_path), "--out", str(tmp_path / "m.json")],
        capture_output=True,
        text=True,
    )
    assert empty.returncode == 1
    assert "1 gold files without their source" in empty.stderr
    assert empty.stderr.strip().splitlines()[-1] == "no speaker aligned with gold in any set: nothing to train on"
    assert not (tmp_path / "m.json").exists()


def test_training_ships_the_most_cautious_of_near_ties():
    import importlib.util

    spec = importlib.util.spec_from_file_location("train_roles", ROOT / "scripts" / "train_roles.py")
    train = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train)
    table = {0.3: {0.0: 0.8960, 0.5: 0.8950, 0.7: 0.8800}, 1.0: {0.0: 0.8962, 0.5: 0.8950, 0.7: 0.8900}}
    assert train.choose(table) == (0.3, 0.5)  # 0.8950 ties with 0.8962 (within 0.002); 0.89 does not


def test_role_ceiling_gives_each_speaker_the_role_most_of_their_turns_have(tmp_path):
    """scripts/role_ceiling.py: a presenter who asks once about another item is one speaker with
    one role in the record; three of their four turns can be right, and the asker's one."""
    turns = [
        {"speaker": "Ann Bell", "label": "AB", "role": "principal"},
        {"speaker": "Ann Bell", "label": "AB", "role": "principal"},
        {"speaker": "Ann Bell", "label": "AB", "role": "principal"},
        {"speaker": "Ann Bell", "label": "AB", "role": "journalist"},
        {"speaker": None, "label": "Q", "role": "journalist"},
    ]
    (tmp_path / "a.md.gold.json").write_text(json.dumps({"turns": turns}))
    script = str(ROOT / "scripts" / "role_ceiling.py")
    done = subprocess.run([sys.executable, script, str(tmp_path)], capture_output=True, text=True, check=True)
    assert done.stdout == f"{tmp_path}: 4/5 = 0.800 (1 files, 1 below 0.9)\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = subprocess.run([sys.executable, script, str(empty)], capture_output=True, text=True)
    assert (missing.returncode, missing.stdout) == (1, f"{empty}: no *.gold.json files\n")
