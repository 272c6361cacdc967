"""Annotators: registered by name, each declaring what it requires and assigns.

An annotator is a callable class with three class attributes:

- ``name``: the registry name (``"entities"``, ``"clarity"``, …);
- ``requires``: names of annotators whose output it reads (run first);
- ``assigns``: the keys it writes, as ``"transcript.<key>"`` (into
  ``Transcript.annotations``) or ``"exchange.<key>"`` (into ``Exchange.annotations``).

``__call__(transcript, source_text)`` returns nothing and writes its annotations in place;
annotations point back to turns (turn ids) and character spans into the source text. An
annotator that requires nothing may also offer ``prepare(transcript, source_text)``: the
slow computation, which must not change the transcript, returning a function that writes the
results. `annotate` runs such steps in a thread while the other annotators work (the clarity
model's torch code runs outside the GIL) and calls each writer at its annotator's place.
An annotator may also say its ``version`` (a string; "1" when absent) and the
``data_files`` of ``pressroom/data`` its rules come from: `version_of` joins both (the files'
hash), and the store records it with each annotation, so ``pressroom annotate`` redoes what a
new version of an annotator changes and skips what is current.
Register with the ``@register`` decorator; build a pipeline with ``pipeline(names)``.
Modules holding annotators are listed in ``ANNOTATOR_MODULES`` and imported lazily, so a
missing optional model only fails the annotator that needs it.
"""

from __future__ import annotations

import importlib
import threading
from typing import Callable, Iterable

from ..errors import ModelError, PressroomError
from ..record import Transcript


class AnnotatorError(PressroomError):
    code = "E010"


class AnnotatorUnavailable(ModelError):
    """An annotator whose module (or model) cannot be imported in this installation."""

    def __init__(self, name: str, cause: Exception):
        super().__init__(f"the {name} annotator cannot be loaded ({cause})")
        self.name = name
        self.cause = cause


#: module that defines each registered annotator (imported on first use)
ANNOTATOR_MODULES = {
    "entities": "pressroom.annotate.entities",
    "topics": "pressroom.annotate.topics",
    "talking_points": "pressroom.annotate.talking_points",
    "quotes": "pressroom.annotate.quotes",
    "stats": "pressroom.annotate.stats",
    "clarity": "pressroom.annotate.clarity",
}

#: the default pipeline, in a valid order
DEFAULT_PIPELINE = ["entities", "topics", "clarity", "talking_points", "quotes", "stats"]

_REGISTRY: dict[str, type] = {}


def register(cls: type) -> type:
    """Class decorator: add an annotator class to the registry under ``cls.name``."""
    for attr in ("name", "requires", "assigns"):
        if not hasattr(cls, attr):
            raise TypeError(f"annotator {cls.__name__} lacks the class attribute {attr!r}")
    _REGISTRY[cls.name] = cls
    return cls


def names() -> list[str]:
    return list(ANNOTATOR_MODULES)


def get(name: str) -> type:
    if name not in _REGISTRY:
        module = ANNOTATOR_MODULES.get(name)
        if module is None:
            raise AnnotatorError(f"unknown annotator {name!r}; known annotators: {', '.join(ANNOTATOR_MODULES)}")
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise AnnotatorUnavailable(name, exc) from exc
    if name not in _REGISTRY:
        raise AnnotatorError(f"annotator {name!r} is not available in this installation")
    return _REGISTRY[name]


_VERSIONS: dict[str, str] = {}


def version_of(name: str) -> str:
    """The installed version of an annotator: its ``version`` attribute, plus a short hash of
    its ``data_files`` (so editing a rule table is a new version)."""
    if name not in _VERSIONS:
        import hashlib
        from importlib import resources

        cls = get(name)
        version = str(getattr(cls, "version", "1"))
        files = tuple(getattr(cls, "data_files", ()))
        if files:
            h = hashlib.sha256()
            for f in files:
                h.update(resources.files("pressroom.data").joinpath(f).read_bytes())
            version += "+" + h.hexdigest()[:8]
        _VERSIONS[name] = version
    return _VERSIONS[name]


def resolve_order(requested: Iterable[str]) -> list[str]:
    """The requested annotators plus everything they require, dependencies first, otherwise in
    `DEFAULT_PIPELINE` order (annotators that use another's output when present, such as stats
    using clarity, then see it)."""
    rank = {n: i for i, n in enumerate(DEFAULT_PIPELINE)}
    requested = sorted(dict.fromkeys(requested), key=lambda n: rank.get(n, len(rank)))
    order: list[str] = []

    def visit(n: str, stack: tuple[str, ...]) -> None:
        if n in order:
            return
        if n in stack:
            raise AnnotatorError(f"annotators require each other in a cycle: {' -> '.join(stack + (n,))}")
        for dep in get(n).requires:
            visit(dep, stack + (n,))
        order.append(n)

    for n in requested:
        visit(n, ())
    return order


_INSTANCES: dict[str, object] = {}


class _Ahead(threading.Thread):
    """An annotator's `prepare` step, run in a daemon thread; `result()` waits for its writer."""

    def __init__(self, prepare: Callable, *args):
        super().__init__(name="pressroom-annotate-ahead", daemon=True)
        self._prepare, self._args = prepare, args
        self._writer: Callable[[], None] | None = None
        self._error: BaseException | None = None

    def run(self) -> None:
        try:
            self._writer = self._prepare(*self._args)
        except BaseException as exc:  # re-raised in the calling thread by result()
            self._error = exc

    def result(self) -> Callable[[], None]:
        self.join()
        if self._error is not None:
            raise self._error
        return self._writer


def instance(name: str):
    """One shared instance per annotator (models are loaded once per process)."""
    if name not in _INSTANCES:
        _INSTANCES[name] = get(name)()
    return _INSTANCES[name]


def load_models(names: Iterable[str], status: Callable[[str], None] | None = None) -> None:
    """Load the annotators (with what they require) and their models now, each with a status
    line before and after (``loading the clarity annotator…``), so a wait is never silent."""
    import time

    for n in resolve_order(names):
        t = time.perf_counter()
        announced = n not in _INSTANCES
        if status and announced:
            status(f"loading the {n} annotator…")
        obj = instance(n)
        for attr in ("model", "embedder"):  # models loaded on first use (clarity) load now
            if isinstance(getattr(type(obj), attr, None), property):
                getattr(obj, attr)
        if status and announced:
            status(f"loaded the {n} annotator in {time.perf_counter() - t:.1f} s")


def pipeline(requested: Iterable[str] | None = None) -> list[Callable[[Transcript, str], None]]:
    return [instance(n) for n in resolve_order(requested or DEFAULT_PIPELINE)]


def annotate(transcript: Transcript, source_text: str, requested: Iterable[str] | None = None) -> Transcript:
    """Run the annotators (with what they require) over one transcript, in place; return it."""
    order = resolve_order(requested or DEFAULT_PIPELINE)
    # an annotator with a `prepare` step that reads only the parse (requires nothing) computes
    # ahead, in a thread beside the others, and writes at its place in the order, so the
    # record (its keys' order included) is the same as a run one after another
    ahead = [n for n in order if hasattr(instance(n), "prepare") and not get(n).requires] if len(order) > 1 else []
    if not ahead:
        for n in order:
            instance(n)(transcript, source_text)
    else:
        # daemon threads: if another annotator fails (or Ctrl-C), the error comes out at once and
        # the work ahead, which changes nothing, is left to finish or be dropped at exit
        writers = {n: _Ahead(instance(n).prepare, transcript, source_text) for n in ahead}
        for t in writers.values():
            t.start()
        for n in order:
            if n in writers:
                writers[n].result()()
            else:
                instance(n)(transcript, source_text)
    transcript.annotations.setdefault("pipeline", [])
    for n in order:
        if n not in transcript.annotations["pipeline"]:
            transcript.annotations["pipeline"].append(n)
    return transcript
