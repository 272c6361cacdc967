"""Annotators: registered by name, each declaring what it requires, uses and assigns.

An annotator is a callable class, registered in `ANNOTATORS` (a `pressroom.registry.Registry`,
the same kind readers and exporters have) with the ``@register`` decorator, which declares
three lists of fields, each ``"transcript.<key>"`` (``Transcript.annotations[key]``, or a field
the parser fills: ``transcript.turns``…) or ``"exchange.<key>"`` (``Exchange.annotations[key]``):

- ``requires``: what it cannot run without: fields of the parse (`PARSER_FIELDS`), or
  annotations another annotator assigns (that annotator then runs first);
- ``uses``: annotations it reads when they are there (stats counts clarity's verdicts when
  clarity ran): the annotators that assign them run first when they are in the pipeline, and
  are not added when they are not;
- ``assigns``: the annotations it writes.

The class also has a ``name`` and ``__call__(transcript, source_text)``, which returns nothing
and writes its annotations in place; annotations point back to turns (turn ids) and character
spans into the source text. `annotate` checks the declarations as it goes, like spaCy's pipe
analysis: before an annotator runs, what it requires must be there; after it ran, what it
assigns must be there (an annotation on every exchange, for an ``exchange.`` field); else an
`AnnotatorContractError` (E011) names the annotator and the field.

An annotator whose requires are all fields of the parse and that uses nothing may also offer
``prepare(transcript, source_text)``: the slow computation, which must not change the
transcript, returning a function that writes the results. `annotate` runs such steps in a
thread while the other annotators work (the clarity model's torch code runs outside the GIL)
and calls each writer at its annotator's place.
An annotator may also say its ``version`` (a string; "1" when absent) and the
``data_files`` of ``pressroom/data`` its rules come from: `version_of` joins both (the files'
hash), and the store records it with each annotation, so ``pressroom annotate`` redoes what a
new version of an annotator changes and skips what is current.
Build a pipeline with ``pipeline(names)``; `describe()` (``pressroom annotators``) lists them.
Modules holding annotators are listed in ``ANNOTATOR_MODULES`` and imported lazily, so a
missing optional model only fails the annotator that needs it.
"""

from __future__ import annotations

import dataclasses
import threading
from typing import Any, Callable, Iterable

from ..errors import AnnotatorContractError, AnnotatorError, AnnotatorUnavailable, PressroomError
from ..record import Exchange, Transcript
from ..registry import Entry, Registry

#: the fields the parser fills, which annotators may require
PARSER_FIELDS = frozenset(
    [f"transcript.{f.name}" for f in dataclasses.fields(Transcript) if f.name != "annotations"]
    + [f"exchange.{f.name}" for f in dataclasses.fields(Exchange) if f.name != "annotations"]
)

#: the default pipeline, in a valid order
DEFAULT_PIPELINE = ["entities", "topics", "clarity", "talking_points", "quotes", "stats"]


def _check_declarations(name: str, cls: Any) -> None:
    """Refuse (TypeError) an annotator whose declarations are missing or not field names."""
    for attr in ("requires", "assigns"):
        if not hasattr(cls, attr):
            raise TypeError(f"annotator {name} lacks the declaration {attr!r}")
    for attr in ("requires", "uses", "assigns"):
        for field in getattr(cls, attr, None) or ():
            scope, _, key = str(field).partition(".")
            if scope not in ("transcript", "exchange") or not key:
                raise TypeError(f"annotator {name}: {attr} {field!r} is not a 'transcript.<key>' or 'exchange.<key>'")
    clash = sorted(set(cls.assigns) & PARSER_FIELDS)
    if clash:
        raise TypeError(f"annotator {name} assigns {clash[0]}, a field of the parse")


ANNOTATORS = Registry(
    "annotator",
    {
        "entities": "pressroom.annotate.entities",
        "topics": "pressroom.annotate.topics",
        "talking_points": "pressroom.annotate.talking_points",
        "quotes": "pressroom.annotate.quotes",
        "stats": "pressroom.annotate.stats",
        "clarity": "pressroom.annotate.clarity",
    },
    unknown=lambda name, known: AnnotatorError(f"unknown annotator {name!r}; known annotators: {', '.join(known)}"),
    unavailable=AnnotatorUnavailable,
    missing=lambda name: AnnotatorError(f"annotator {name!r} is not available in this installation"),
    check=_check_declarations,
)

#: module that defines each built-in annotator (imported on first use)
ANNOTATOR_MODULES = ANNOTATORS.where
#: the annotator classes loaded so far, by name
_REGISTRY = ANNOTATORS.loaded
#: ``@register(requires=[...], uses=[...], assigns=[...])`` on an annotator class
register = ANNOTATORS.register


def names() -> list[str]:
    return ANNOTATORS.names()


def get(name: str) -> type:
    return ANNOTATORS.get(name)


def entry(name: str) -> Entry:
    """An annotator's class and declarations."""
    return ANNOTATORS.entry(name)


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
    """The requested annotators plus those assigning what they require, each after the
    annotators whose output it requires or uses, otherwise in `DEFAULT_PIPELINE` order."""
    rank = {n: i for i, n in enumerate(DEFAULT_PIPELINE)}
    requested = sorted(dict.fromkeys(requested), key=lambda n: rank.get(n, len(rank)))
    order: list[str] = []

    def visit(n: str, stack: tuple[str, ...]) -> None:
        if n in order:
            return
        if n in stack:
            raise AnnotatorError(f"annotators require each other in a cycle: {' -> '.join(stack + (n,))}")
        for dep in _run_first(entry(n), requested):
            visit(dep, stack + (n,))
        order.append(n)

    for n in requested:
        visit(n, ())
    return order


def _run_first(e: Entry, requested: list[str]) -> list[str]:
    """The annotators that run before ``e``: the one assigning each annotation it requires, and
    those of ``requested`` assigning an annotation it uses."""
    first = [_assigner(f, requested, e.name) for f in e.requires if f not in PARSER_FIELDS]
    for f in e.uses:
        first += [m for m in requested if m != e.name and f in entry(m).assigns]
    return list(dict.fromkeys(first))


def _assigner(field: str, requested: list[str], who: str) -> str:
    """The annotator that assigns ``field``: a requested one, else the first known one."""
    for n in requested:
        if field in entry(n).assigns:
            return n
    for n in names():
        try:
            if field in entry(n).assigns:
                return n
        except PressroomError:  # an annotator that cannot load assigns nothing here
            continue
    raise AnnotatorContractError(f"the {who} annotator requires {field}, which no annotator assigns")


def present(field: str, transcript: Transcript) -> bool:
    """Whether ``field`` is there: a field of the parse always is; ``transcript.<key>`` when the
    transcript's annotations hold the key, ``exchange.<key>`` when every exchange's do."""
    if field in PARSER_FIELDS:
        return True
    scope, _, key = field.partition(".")
    if scope == "exchange":
        return all(key in x.annotations for x in transcript.exchanges)
    return key in transcript.annotations


def check_requires(name: str, transcript: Transcript) -> None:
    """Raise `AnnotatorContractError` when something ``name`` requires is not there."""
    for field in entry(name).requires:
        if not present(field, transcript):
            raise AnnotatorContractError(
                f"the {name} annotator requires {field}, which neither the parser nor an annotator before it assigned"
            )


def check_assigns(name: str, transcript: Transcript) -> None:
    """Raise `AnnotatorContractError` when something ``name`` declares it assigns is not there."""
    for field in entry(name).assigns:
        if not present(field, transcript):
            raise AnnotatorContractError(f"the {name} annotator did not assign {field}, which it declares")


def apply(name: str, transcript: Transcript, source_text: str) -> None:
    """Run one annotator over a transcript, checking what it requires before and what it
    assigns after (`annotate` does this for each annotator of the pipeline)."""
    check_requires(name, transcript)
    instance(name)(transcript, source_text)
    check_assigns(name, transcript)


def _reads_only_the_parse(name: str) -> bool:
    e = entry(name)
    return not e.uses and all(f in PARSER_FIELDS for f in e.requires)


def describe() -> list[dict[str, Any]]:
    """Every annotator (`pressroom annotators`), in pipeline order: its name, version, whether
    the default pipeline runs it, what it requires, uses and assigns; one that cannot be loaded
    says why."""
    rank = {n: i for i, n in enumerate(DEFAULT_PIPELINE)}
    out: list[dict[str, Any]] = []
    for n in sorted(names(), key=lambda n: rank.get(n, len(rank))):
        try:
            e = entry(n)
            version = version_of(n)
        except PressroomError as exc:
            out.append({"name": n, "available": False, "error": str(exc), "default": n in DEFAULT_PIPELINE})
            continue
        out.append(
            {
                "name": n,
                "available": True,
                "version": version,
                "default": n in DEFAULT_PIPELINE,
                "requires": list(e.requires),
                "uses": list(e.uses),
                "assigns": list(e.assigns),
            }
        )
    return out


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
    line before and after (``loading the topics annotator (spaCy en_core_web_sm)…``), so a wait is never silent."""
    import time

    for n in resolve_order(names):
        t = time.perf_counter()
        announced = n not in _INSTANCES
        if status and announced:
            what = getattr(get(n), "loads", None)  # the model it loads, where it names one
            status(f"loading the {n} annotator ({what})…" if what else f"loading the {n} annotator…")
        obj = instance(n)
        for attr in ("model", "embedder"):  # models loaded on first use (clarity) load now
            if isinstance(getattr(type(obj), attr, None), property):
                getattr(obj, attr)
        if status and announced:
            status(f"loaded the {n} annotator in {time.perf_counter() - t:.1f} s")


def pipeline(requested: Iterable[str] | None = None) -> list[Callable[[Transcript, str], None]]:
    return [instance(n) for n in resolve_order(requested or DEFAULT_PIPELINE)]


def annotate(transcript: Transcript, source_text: str, requested: Iterable[str] | None = None) -> Transcript:
    """Run the annotators (with what they require) over one transcript, in place, checking each
    one's requires and assigns; return it."""
    order = resolve_order(requested or DEFAULT_PIPELINE)
    # an annotator with a `prepare` step that reads only the parse computes ahead, in a thread
    # beside the others, and writes at its place in the order, so the record (its keys' order
    # included) is the same as a run one after another. Daemon threads: if another annotator
    # fails (or Ctrl-C), the error comes out at once and the work ahead, which changes
    # nothing, is left to finish or be dropped at exit
    ahead = [n for n in order if hasattr(instance(n), "prepare") and _reads_only_the_parse(n)] if len(order) > 1 else []
    writers = {n: _Ahead(instance(n).prepare, transcript, source_text) for n in ahead}
    for t in writers.values():
        t.start()
    for n in order:
        if n in writers:
            check_requires(n, transcript)
            writers[n].result()()
            check_assigns(n, transcript)
        else:
            apply(n, transcript, source_text)
    transcript.annotations.setdefault("pipeline", [])
    for n in order:
        if n not in transcript.annotations["pipeline"]:
            transcript.annotations["pipeline"].append(n)
    return transcript
