"""One way to extend pressroom: readers, annotators and exporters are each a `Registry`.

An entry has a name, a factory (what the registry hands back: a reader function, an annotator
class, an export writer), what it ``requires`` and what it ``assigns`` (field names such as
``"exchange.clarity"``; annotators also say what they ``uses`` when present). Built-in entries
are listed by where they live, ``"module"`` or ``"module:attribute"``, and imported on first
use, so a missing optional dependency fails only the entry that needs it; the module either
registers its entries itself (``@ANNOTATORS.register(...)``) or the ``attribute`` is the
factory. Code outside pressroom adds entries the same way:

    >>> from pressroom.annotate import register
    >>> @register(requires=["transcript.turns"], assigns=["transcript.turn_count"])
    ... class TurnCount:
    ...     name = "turn_count"
    ...     def __call__(self, transcript, source_text):
    ...         transcript.annotations["turn_count"] = len(transcript.turns)

The registries themselves are `pressroom.read.READERS`, `pressroom.annotate.ANNOTATORS` and
`pressroom.export.EXPORTERS`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from .errors import PressroomError


@dataclass(frozen=True)
class Entry:
    """One registered extension, as `Registry.entry` describes it."""

    name: str
    factory: Any
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()
    version: str = "1"


class Registry:
    """The entries of one kind of extension (``kind``: "reader", "annotator", "exporter").

    ``where``: name → ``"module"`` or ``"module:attribute"`` for the built-in entries, imported
    on first use. ``unknown(name, names)`` and ``unavailable(name, import_error)`` make the
    errors for a name nobody registered and for an entry whose module cannot be imported
    (returning the import error itself re-raises it); ``missing(name)`` for a listed entry whose
    module registers nothing by that name. ``check(name, factory)`` may refuse a registration
    (a `TypeError`: a programming error, not a user's)."""

    def __init__(
        self,
        kind: str,
        where: dict[str, str],
        unknown: Callable[[str, list[str]], PressroomError],
        unavailable: Callable[[str, ImportError], Exception],
        check: Callable[[str, Any], None] | None = None,
        missing: Callable[[str], PressroomError] | None = None,
    ):
        self.kind = kind
        self.where = dict(where)
        self.loaded: dict[str, Any] = {}  # name → factory, once imported or registered
        self._unknown = unknown
        self._unavailable = unavailable
        self._check = check
        self._missing = missing

    # -- registering -------------------------------------------------------------------------
    def add(
        self,
        name: str,
        factory: Any,
        requires: Iterable[str] | None = None,
        assigns: Iterable[str] | None = None,
        uses: Iterable[str] | None = None,
    ) -> Any:
        """Register ``factory`` under ``name``; the declarations given are set on it as the
        attributes ``requires``, ``assigns`` and ``uses`` (where `entry` reads them)."""
        for attr, value in (("requires", requires), ("assigns", assigns), ("uses", uses)):
            if value is not None:
                setattr(factory, attr, list(value))
        if self._check is not None:
            self._check(name, factory)
        self.loaded[name] = factory
        return factory

    def register(self, obj: Any = None, *, name: str | None = None, **declared: Iterable[str]):
        """A decorator: ``@registry.register(requires=[...], assigns=[...])`` (the name is the
        object's ``name`` attribute unless given); bare ``@registry.register`` takes the
        declarations from the object's own attributes."""

        def decorate(target: Any) -> Any:
            return self.add(name or getattr(target, "name", None) or target.__name__, target, **declared)

        if obj is not None and not isinstance(obj, str):
            return decorate(obj)
        if isinstance(obj, str):
            name = obj
        return decorate

    # -- looking up --------------------------------------------------------------------------
    def names(self) -> list[str]:
        """Every name: the built-in ones in their listed order, then the others registered."""
        return list(dict.fromkeys([*self.where, *self.loaded]))

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __contains__(self, name: object) -> bool:
        return name in self.where or name in self.loaded

    def __len__(self) -> int:
        return len(self.names())

    def get(self, name: str) -> Any:
        """The factory registered under ``name``, importing its module on first use."""
        if name not in self.loaded:
            target = self.where.get(name)
            if target is None:
                raise self._unknown(name, self.names())
            module, _, attr = target.partition(":")
            try:
                imported = importlib.import_module(module)
                if attr and name not in self.loaded:
                    self.add(name, getattr(imported, attr))
            except ImportError as exc:
                err = self._unavailable(name, exc)
                if err is exc:
                    raise
                raise err from exc
        if name not in self.loaded:  # its module was imported but registers nothing by that name
            raise self._missing(name) if self._missing else self._unknown(name, self.names())
        return self.loaded[name]

    def entry(self, name: str) -> Entry:
        """What ``name`` is: its factory and its declarations."""
        factory = self.get(name)

        def declared(attr: str) -> tuple[str, ...]:
            return tuple(getattr(factory, attr, None) or ())

        return Entry(
            name,
            factory,
            declared("requires"),
            declared("assigns"),
            declared("uses"),
            str(getattr(factory, "version", "1")),
        )
