import pandas as pd
import pytest

from pressroom.clarity.data import (
    grouped_folds,
    label_counts,
    load_split,
    merge_groups,
    pairs_from_frame,
)
from pressroom.clarity.labels import ClarityDataError


def frame():
    return pd.DataFrame(
        {
            "question": ["Q1?", "Q2?", "Q3?", "Q4?"],
            "interview_answer": ["A", "A", "B", "C"],
            "url": ["u1", "u2", "u2", "u3"],
            "annotator1": ["Explicit", "Dodging", "general", None],
            "annotator2": ["Implicit", "Dodging", "General", None],
            "evasion_label": ["", "", "", "Claims ignorance"],
            "clarity_label": ["Clear Reply", "Ambivalent", "Ambivalent", None],
        }
    )


def test_pairs_from_a_qevasion_like_frame():
    p = pairs_from_frame(frame(), source="t")
    assert p.answers == ["A", "A", "B", "C"]
    assert p.evasion_refs == [
        ["Explicit", "Implicit"],
        ["Dodging", "Dodging"],
        ["General", "General"],
        ["Claims ignorance"],
    ]
    # a single agreed reference becomes the label; clarity follows from evasion when missing
    assert p.evasion == [None, "Dodging", "General", "Claims ignorance"]
    assert p.clarity == ["Clear Reply", "Ambivalent", "Ambivalent", "Clear Non-Reply"]
    assert p.groups == ["u1", "u2", "u2", "u3"]
    assert label_counts(p)["clarity"] == {"Clear Reply": 1, "Ambivalent": 2, "Clear Non-Reply": 1}


def test_missing_columns_and_labels_are_one_line_errors():
    with pytest.raises(ClarityDataError, match="needs the columns 'question' and 'answer'"):
        pairs_from_frame(pd.DataFrame({"question": ["x"]}))
    with pytest.raises(ClarityDataError, match="1 rows have no clarity or evasion label"):
        pairs_from_frame(pd.DataFrame({"question": ["x"], "answer": ["y"], "clarity_label": [""]}), "f")
    with pytest.raises(ClarityDataError, match="unknown clarity label 'Maybe'"):
        pairs_from_frame(pd.DataFrame({"question": ["x"], "answer": ["y"], "clarity_label": ["Maybe"]}), "f")


def test_load_split_finds_files_by_name(tmp_path):
    frame().to_csv(tmp_path / "train.csv", index=False)
    assert len(load_split(tmp_path, "train")) == 4
    with pytest.raises(ClarityDataError, match="no test file in"):
        load_split(tmp_path, "test")


def test_grouped_folds_keep_groups_together_and_balance():
    groups = ["a"] * 5 + ["b"] * 3 + ["c"] * 3 + ["d"] * 2 + ["e"] * 2 + ["f"]
    folds = grouped_folds(groups, 3, seed=0)
    for g in set(groups):
        assert len({f for f, x in zip(folds, groups) if x == g}) == 1
    sizes = sorted(folds.count(k) for k in range(3))
    assert sizes == [5, 5, 6]
    assert folds == grouped_folds(groups, 3, seed=0)


def test_merge_groups_joins_rows_sharing_an_answer():
    merged = merge_groups(["u1", "u2", "u3", "u4"], ["A", "B", "A", "C"])
    assert merged[0] == merged[2]
    assert len({merged[0], merged[1], merged[3]}) == 3
