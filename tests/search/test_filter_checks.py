"""`Store.check_filters` and `Store.topics` on both engines: a filter no stored turn can pass
is refused with one line naming the nearest values or the missing annotator."""

from __future__ import annotations

import pytest

from pressroom.errors import UsageError
from pressroom.search import Filters


@pytest.fixture
def loaded(store, parsed):
    for t in parsed.values():
        store.add(t)
    return store


@pytest.mark.parametrize(
    "filters, message",
    [
        (Filters(speaker="Stoltenbreg"), "no speaker 'Stoltenbreg'; did you mean: Jens Stoltenberg"),
        (Filters(outlet="Imedy"), "no outlet 'Imedy'; did you mean: Imedi, Club Z Media Group"),
        (Filters(kind="answers"), "no turn kind 'answers'; kinds: statement, moderator, question, answer, remark"),
        (Filters(since="2022-13"), "--since '2022-13' is not a valid month (01 to 12)"),
        (
            Filters(topic="Defense"),
            "--topic needs the topics annotator, and no transcript of {url} was annotated with it",
        ),
        (Filters(clarity="clear"), "--clarity needs the clarity annotator"),
        (Filters(entity="NATO"), "--entity needs the entities annotator"),
    ],
)
def test_unpassable_filters_are_refused(loaded, filters, message):
    with pytest.raises(UsageError) as exc:
        loaded.check_filters(filters)
    assert str(exc.value).startswith("[E006] " + message.format(url=loaded.url))


def test_passable_filters_pass_and_names_are_listed(loaded):
    loaded.check_filters(Filters(speaker="stoltenberg", outlet="IMEDI", kind="Answer", since="2021-03"))
    assert "Jens Stoltenberg" in loaded.names("speaker") and "Imedi" in loaded.names("outlet")
    assert loaded.names("speaker") == sorted(loaded.names("speaker"), key=str.lower)
    assert loaded.topics() == []


def test_topics_count_exchanges_and_events(store, parsed):
    import copy

    t = copy.deepcopy(parsed["nato-2021-03-22-press-conference.txt"])
    for x, topic in zip(t.exchanges[:3], ("Defense", "Defense", "International Affairs")):
        x.annotations["topics"] = {"primary": topic, "labels": [{"topic": topic}]}
    store.add(t)
    assert store.topics() == [
        {"topic": "Defense", "exchanges": 2, "events": 1},
        {"topic": "International Affairs", "exchanges": 1, "events": 1},
    ]
    store.check_filters(Filters(topic="Defense"))
