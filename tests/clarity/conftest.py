import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def shipped_model():
    """The shipped clarity model, loaded once for the whole session (float32: same on every CPU)."""
    from pressroom.clarity.model import ClarityModel

    return ClarityModel.load(dtype="float32")


@pytest.fixture(scope="session")
def embedder():
    from pressroom.clarity.embed import SentenceEmbedder

    return SentenceEmbedder(dtype="float32")


#: two clear-cut pairs whose verdicts are far from any decision boundary (p > 0.9)
CLEAR_REPLY = ("Will you raise taxes next year?", "No. We will not raise taxes next year, full stop.")
DECLINED = (
    "Did you meet the Russian ambassador?",
    "I will not comment on private meetings. You would have to ask the State Department.",
)
