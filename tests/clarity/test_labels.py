import pytest

from pressroom.clarity.labels import (
    CLARITY_LABELS,
    EVASION_LABELS,
    EVASION_TO_CLARITY,
    ClarityDataError,
    clarity_of,
    evasion_to_clarity_matrix,
    evasion_to_clarity_probs,
    normalize_clarity,
    normalize_evasion,
)


def test_label_sets():
    assert CLARITY_LABELS == ("Clear Reply", "Ambivalent", "Clear Non-Reply")
    assert len(EVASION_LABELS) == 9
    assert set(EVASION_TO_CLARITY) == set(EVASION_LABELS)


def test_every_technique_maps_to_its_class():
    assert [clarity_of(e) for e in EVASION_LABELS] == [
        "Clear Reply",
        "Ambivalent",
        "Ambivalent",
        "Ambivalent",
        "Ambivalent",
        "Ambivalent",
        "Clear Non-Reply",
        "Clear Non-Reply",
        "Clear Non-Reply",
    ]


def test_normalisation_forgives_case_hyphens_and_aliases():
    assert normalize_clarity("clear non reply") == "Clear Non-Reply"
    assert normalize_clarity("Ambiguous") == "Ambivalent"
    assert normalize_clarity("Ambivalent Reply") == "Ambivalent"
    assert normalize_evasion("partial/half answer") == "Partial/half-answer"
    assert normalize_evasion("DECLINING TO ANSWER") == "Declining to answer"


def test_unknown_label_is_a_one_line_error():
    with pytest.raises(ClarityDataError) as exc:
        normalize_evasion("Waffling")
    assert str(exc.value).startswith("[E040] unknown evasion label 'Waffling'; expected one of: Explicit,")


def test_evasion_probabilities_sum_up_to_clarity():
    m = evasion_to_clarity_matrix()
    assert m[0] == [1.0, 0.0, 0.0] and m[6] == [0.0, 0.0, 1.0]
    probs = [0.1, 0.2, 0.05, 0.05, 0.1, 0.1, 0.3, 0.05, 0.05]
    assert evasion_to_clarity_probs(probs) == pytest.approx([0.1, 0.5, 0.4])
