"""The annotator registry: what each annotator declares and the checks of it; work computed
ahead in a thread, written in order; the registry type readers and exporters share."""

import importlib
import threading
import time
from pathlib import Path

import pytest

from pressroom import annotate as annotate_fn
from pressroom.errors import AnnotatorContractError, AnnotatorError, FormatError, UsageError
from pressroom.record import Event, Transcript
from pressroom.registry import Registry

registry = annotate_pkg = importlib.import_module("pressroom.annotate")  # the package, not pressroom.annotate()


class _Boom:
    name = "test_boom"
    requires: list[str] = []
    assigns = ["transcript.test_boom"]

    def __call__(self, transcript, source_text):
        raise ValueError("boom")


class _Slow:
    name = "test_slow"
    requires: list[str] = []
    assigns = ["transcript.test_slow"]
    release = threading.Event()

    def prepare(self, transcript, source_text):
        self.release.wait(5)
        return lambda: transcript.annotations.__setitem__("test_slow", "done")


class _Mark:
    name = "test_mark"
    requires: list[str] = []
    assigns = ["transcript.test_mark"]

    def __call__(self, transcript, source_text):
        transcript.annotations["test_mark"] = "done"


@pytest.fixture()
def fakes():
    for cls in (_Boom, _Slow, _Mark):
        registry._REGISTRY[cls.name] = cls
    _Slow.release.clear()
    yield
    _Slow.release.set()
    for cls in (_Boom, _Slow, _Mark):
        registry._REGISTRY.pop(cls.name, None)
        registry._INSTANCES.pop(cls.name, None)


def test_an_error_before_the_work_ahead_comes_out_at_once(fakes):
    t0 = time.perf_counter()
    with pytest.raises(ValueError, match="boom"):
        annotate_fn(Transcript(event=Event()), "", ["test_boom", "test_slow"])
    assert time.perf_counter() - t0 < 2  # not after the 5 s the prepare step would take


def test_work_ahead_is_written_at_its_place(fakes):
    _Slow.release.set()
    t = annotate_fn(Transcript(event=Event()), "", ["test_slow", "test_mark"])
    assert list(t.annotations) == ["test_slow", "test_mark", "pipeline"]
    assert t.annotations["test_slow"] == "done"


# -- declarations and their checks (spaCy's pipe analysis, at run time) ---------------------------


def test_the_built_in_annotators_declare_what_they_read_and_write():
    """Each list read off the annotator's code: the transcript fields it reads, the annotations
    of others it reads when present (`.get`), the keys it writes."""
    declared = {n: (e.requires, e.uses, e.assigns) for n in annotate_pkg.names() for e in [annotate_pkg.entry(n)]}
    assert declared == {
        "entities": (
            (
                "transcript.event",
                "transcript.apparatus",
                "transcript.speakers",
                "transcript.turns",
                "transcript.exchanges",
            ),
            (),
            ("transcript.entities", "exchange.entities"),
        ),
        "topics": (
            ("transcript.turns", "transcript.exchanges"),
            ("transcript.entities",),
            ("exchange.topics", "transcript.topics"),
        ),
        "talking_points": (("transcript.turns", "transcript.speakers"), (), ("transcript.talking_points",)),
        "quotes": (
            ("transcript.turns", "transcript.speakers", "transcript.exchanges"),
            ("transcript.entities", "transcript.talking_points"),
            ("transcript.quotes",),
        ),
        "stats": (
            ("transcript.turns", "transcript.speakers", "transcript.exchanges"),
            ("exchange.clarity",),
            ("transcript.stats",),
        ),
        "clarity": (("transcript.turns", "transcript.exchanges"), (), ("exchange.clarity", "transcript.clarity")),
    }


def test_the_default_pipeline_runs_each_annotator_after_what_it_uses():
    order = annotate_pkg.DEFAULT_PIPELINE
    assert annotate_pkg.resolve_order(order) == order
    for i, n in enumerate(order):
        for field in annotate_pkg.entry(n).uses:
            assert any(field in annotate_pkg.entry(m).assigns for m in order[:i]), (n, field)


def test_uses_orders_but_never_adds():
    assert annotate_pkg.resolve_order(["stats"]) == ["stats"]  # clarity is not pulled in
    assert annotate_pkg.resolve_order(["stats", "clarity"]) == ["clarity", "stats"]
    assert annotate_pkg.resolve_order(["quotes", "talking_points", "entities"]) == [
        "entities",
        "talking_points",
        "quotes",
    ]
    # only clarity reads nothing but the parse and has a step to run ahead
    ahead = [n for n in annotate_pkg.names() if annotate_pkg._reads_only_the_parse(n)]
    assert ahead == ["entities", "talking_points", "clarity"]
    assert [n for n in ahead if hasattr(annotate_pkg.get(n), "prepare")] == ["clarity"]


class _Liar:
    name = "test_liar"

    def __call__(self, transcript, source_text):
        transcript.annotations["something_else"] = 1


class _Needs:
    name = "test_needs"

    def __call__(self, transcript, source_text):
        transcript.annotations["test_needs"] = transcript.annotations["test_mark"]


@pytest.fixture()
def declared():
    """Register test annotators through `register`, the way a plugin would; remove them after."""
    added = [
        annotate_pkg.register(requires=["transcript.turns"], assigns=["transcript.test_liar"])(_Liar),
        annotate_pkg.register(requires=["transcript.test_mark"], assigns=["transcript.test_needs"])(_Needs),
        annotate_pkg.register(_Mark),  # bare: its own class attributes declare
    ]
    yield
    for cls in added:
        annotate_pkg._REGISTRY.pop(cls.name, None)
        annotate_pkg._INSTANCES.pop(cls.name, None)


def test_an_annotator_that_does_not_assign_what_it_declares_is_stopped(declared):
    with pytest.raises(AnnotatorContractError) as err:
        annotate_fn(Transcript(event=Event()), "", ["test_liar"])
    assert str(err.value) == "[E011] the test_liar annotator did not assign transcript.test_liar, which it declares"


def test_what_an_annotator_requires_runs_first(declared):
    assert annotate_pkg.resolve_order(["test_needs"]) == ["test_mark", "test_needs"]
    t = annotate_fn(Transcript(event=Event()), "", ["test_needs"])
    assert t.annotations == {"test_mark": "done", "test_needs": "done", "pipeline": ["test_mark", "test_needs"]}


def test_a_requirement_nothing_assigns_names_the_annotator_and_the_field(declared):
    annotate_pkg.register(requires=["exchange.nobody"], assigns=["transcript.test_orphan"])(
        type("_Orphan", (), {"name": "test_orphan", "__call__": lambda self, t, s: None})
    )
    try:
        with pytest.raises(AnnotatorContractError) as err:
            annotate_pkg.resolve_order(["test_orphan"])
        assert str(err.value) == "[E011] the test_orphan annotator requires exchange.nobody, which no annotator assigns"
        with pytest.raises(AnnotatorContractError) as err:
            annotate_pkg.check_requires("test_needs", Transcript(event=Event()))
        assert str(err.value) == (
            "[E011] the test_needs annotator requires transcript.test_mark, which neither the parser nor an "
            "annotator before it assigned"
        )
    finally:
        annotate_pkg._REGISTRY.pop("test_orphan", None)


def test_an_exchange_field_is_present_when_every_exchange_has_it():
    from pressroom.record import Exchange

    t = Transcript(event=Event(), exchanges=[Exchange(id="x1", questioner=None), Exchange(id="x2", questioner=None)])
    t.exchanges[0].annotations["k"] = []
    assert not annotate_pkg.present("exchange.k", t)
    t.exchanges[1].annotations["k"] = []
    assert annotate_pkg.present("exchange.k", t)
    assert annotate_pkg.present("transcript.turns", t)  # a field of the parse
    assert not annotate_pkg.present("transcript.k", t)


def test_declarations_must_be_fields():
    cls = type("_Bad", (), {"name": "test_bad"})
    with pytest.raises(TypeError, match=r"requires 'entities' is not a 'transcript.<key>' or 'exchange.<key>'"):
        annotate_pkg.register(requires=["entities"], assigns=[])(cls)
    with pytest.raises(TypeError, match="assigns transcript.turns, a field of the parse"):
        annotate_pkg.register(requires=[], assigns=["transcript.turns"])(cls)
    with pytest.raises(TypeError, match="lacks the declaration 'requires'"):
        annotate_pkg.register(type("_Bare", (), {"name": "test_bare"}))
    assert "test_bad" not in annotate_pkg.names() and "test_bare" not in annotate_pkg.names()


def test_an_unknown_annotator_lists_the_valid_names():
    with pytest.raises(AnnotatorError) as err:
        annotate_pkg.get("sentiment")
    assert str(err.value) == (
        "[E010] unknown annotator 'sentiment'; known annotators: entities, topics, talking_points, quotes, stats, clarity"
    )


# -- one registry type for readers, annotators and exporters ------------------------------------
def test_readers_and_exporters_are_registries_too():
    from pressroom.export import EXPORTERS, FORMATS
    from pressroom.read import READERS, formats

    assert (
        isinstance(READERS, Registry)
        and isinstance(EXPORTERS, Registry)
        and isinstance(annotate_pkg.ANNOTATORS, Registry)
    )
    assert formats() == ["text", "markdown", "html", "pdf", "docx", "vtt", "srt", "csv", "json", "yaml", "script"]
    assert FORMATS == ("jsonl", "csv", "markdown", "convokit", "tei")
    from pressroom.read.text import read_markdown

    assert READERS.get("markdown") is read_markdown
    with pytest.raises(FormatError) as err:
        READERS.get("rtf")
    assert (
        str(err.value)
        == "[E003] unknown format 'rtf'; choose one of: text, markdown, html, pdf, docx, vtt, srt, csv, json, yaml, script"
    )
    with pytest.raises(UsageError) as err:
        EXPORTERS.get("xlsx")
    assert str(err.value) == "[E006] unknown export format 'xlsx'; choose one of: jsonl, csv, markdown, convokit, tei"


def test_a_registry_imports_an_entry_on_first_use_and_names_a_missing_module():
    reg = Registry(
        "thing",
        {"json": "json:dumps", "ghost": "pressroom.no_such_module:f"},
        unknown=lambda name, known: UsageError(f"unknown thing {name!r}; known: {', '.join(known)}"),
        unavailable=lambda name, exc: FormatError(f"the {name} thing cannot be loaded ({exc.name} is missing)"),
    )
    import json

    assert reg.names() == ["json", "ghost"] and "json" in reg and "nope" not in reg and len(reg) == 2
    assert reg.loaded == {}
    assert reg.get("json") is json.dumps and list(reg.loaded) == ["json"]
    with pytest.raises(
        FormatError, match=r"^\[E003\] the ghost thing cannot be loaded \(pressroom.no_such_module is missing\)$"
    ):
        reg.get("ghost")
    with pytest.raises(UsageError, match=r"^\[E006\] unknown thing 'nope'; known: json, ghost$"):
        reg.get("nope")

    @reg.register("upper", requires=["text"], assigns=["shout"])
    def upper(s):
        return s.upper()

    e = reg.entry("upper")
    assert (e.name, e.factory, e.requires, e.assigns, e.uses, e.version) == (
        "upper",
        upper,
        ("text",),
        ("shout",),
        (),
        "1",
    )
    assert reg.names() == ["json", "ghost", "upper"]


def test_an_empty_tei_export_says_so_and_leaves_nothing(tmp_path):
    from pressroom.errors import ExportError
    from pressroom.export import export

    with pytest.raises(ExportError) as err:
        export(iter([]), "tei", tmp_path / "out.xml")
    assert str(err.value) == "[E030] nothing to export: no transcript matched"
    assert list(tmp_path.iterdir()) == []


def test_the_docs_example_of_a_new_annotator_runs_as_the_page_says(monkeypatch):
    """docs/annotators.md, "Adding an annotator": its code, run from the repository root."""
    root = Path(__file__).resolve().parents[2]
    page = (root / "docs" / "annotators.md").read_text(encoding="utf-8")
    code = page.split("## Adding an annotator", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(root)
    scope: dict = {}
    try:
        exec(compile(code, "docs/annotators.md", "exec"), scope)
        record = scope["record"]
        assert record.annotations["pipeline"] == ["turn_words"]
        assert len(record.annotations["turn_words"]) == len(record.turns) == 42
        assert "holds the 42 turns' word counts" in " ".join(page.split())
    finally:
        annotate_pkg._REGISTRY.pop("turn_words", None)
        annotate_pkg._INSTANCES.pop("turn_words", None)


def test_a_reader_and_an_exporter_are_added_the_way_an_annotator_is(tmp_path):
    import pressroom
    from pressroom.document import Document
    from pressroom.export import EXPORTERS, export, records_from_files, to_file
    from pressroom.read import READERS

    seed = Path(__file__).resolve().parents[1] / "data" / "seed" / "nato-2021-03-22-press-conference.txt"

    def read_upper(data: bytes, source: dict) -> Document:
        return Document(text=data.decode("utf-8").upper(), source=source)

    @EXPORTERS.register("titles")
    def titles(items, out, level, scope) -> int:
        return to_file(out, "titles", lambda f: sum(1 for _, r in items if f.write(r["event"]["title"] + "\n")))

    READERS.add("upper", read_upper)
    try:
        doc = pressroom.read_path(seed, format="upper")
        assert (doc.format, doc.text) == ("upper", seed.read_text(encoding="utf-8").upper())
        report = export(records_from_files([seed]), "titles", tmp_path / "titles.txt")
        assert (report.events, report.items) == (1, 1)
        assert (tmp_path / "titles.txt").read_text(encoding="utf-8") == (
            "Press conference by NATO Secretary General Jens Stoltenberg ahead of the meetings of NATO Foreign "
            "Ministers on 23 and 24 March 2021 at NATO Headquarters\n"
        )
    finally:
        READERS.loaded.pop("upper", None)
        EXPORTERS.loaded.pop("titles", None)
    assert "upper" not in READERS and "titles" not in EXPORTERS
