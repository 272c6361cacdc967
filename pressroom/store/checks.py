"""Checks: a filter that no stored turn can pass is refused with the nearest names; the
database's and the full-text index's integrity."""

from __future__ import annotations

from ..errors import UsageError
from ..search import Filters, _check_date


class Checks:
    """`Store`'s checks."""

    #: the annotator whose labels each label filter needs
    FILTER_ANNOTATORS = {"entity": "entities", "topic": "topics", "clarity": "clarity"}

    def check_filters(self, filters: Filters) -> None:
        """Refuse (`UsageError`, one line) a filter that no stored turn can pass: a speaker or
        an outlet that no stored name contains (with the nearest names, by difflib), a turn
        kind that does not exist, a label filter (entity, topic, clarity) on a store whose
        transcripts were never annotated for it, an impossible date."""
        from ..record import TURN_KINDS

        for name in ("since", "until"):
            if getattr(filters, name):
                _check_date(name, getattr(filters, name))
        if filters.kind and filters.kind.strip().lower() not in TURN_KINDS:
            raise UsageError(f"no turn kind {filters.kind!r}; kinds: {', '.join(TURN_KINDS)}")
        for column in ("speaker", "outlet"):
            # a value known as a person's or an outlet's form has its stored names already
            if getattr(filters, column) and not getattr(filters, f"{column}_names"):
                self._check_name(column, getattr(filters, column))
        for facet, annotator in self.FILTER_ANNOTATORS.items():
            if (
                getattr(filters, facet)
                and self.engine.one("SELECT 1 FROM turn_labels WHERE facet = ? LIMIT 1", (facet,)) is None
            ):
                raise UsageError(
                    f"--{facet} needs the {annotator} annotator, and no transcript of {self.url} was "
                    f"annotated with it: run `pressroom annotate --db {self.url} --annotators {annotator}`"
                )

    def _check_name(self, column: str, value: str) -> None:
        """Refuse a speaker or outlet filter that no stored name contains, with the nearest names."""
        names = self.names(column)
        wanted = value.strip().lower()
        if any(wanted in n.lower() for n in names):
            return
        near = _nearest(wanted, names)
        hint = (
            f"; did you mean: {', '.join(near[:5])}"
            if near
            else (
                f"; {len(names)} {column}s stored, e.g. {', '.join(names[:5])}"
                if names
                else f"; no {column}s are stored"
            )
        )
        raise UsageError(f"no {column} {value!r}{hint}")

    def integrity_check(self) -> str:
        """SQLite: ``PRAGMA integrity_check`` and the FTS index check ("ok" when sound)."""
        if self.engine.name != "sqlite":
            return "ok"
        self.sync_index()
        result = self.engine.one("PRAGMA integrity_check")[0]
        if result != "ok":
            return result
        try:
            self.engine.execute("INSERT INTO turns_fts(turns_fts, rank) VALUES ('integrity-check', 1)")
        except Exception as exc:
            return f"full-text index: {exc}"
        return "ok"


def _nearest(wanted: str, names: list[str]) -> list[str]:
    """The names nearest ``wanted`` (lower case), by difflib: whole names, or a name holding a
    word close to the one typed ('Psakki' → Jen Psaki)."""
    import difflib

    by_lower: dict[str, list[str]] = {}
    for n in names:
        by_lower.setdefault(n.lower(), []).append(n)
        for w in n.lower().replace(",", " ").split():
            if len(w) > 2:
                by_lower.setdefault(w, []).append(n)
    near: list[str] = []
    for key in difflib.get_close_matches(wanted, list(by_lower), n=8, cutoff=0.6):
        for n in by_lower[key]:
            if n not in near:
                near.append(n)
    return near
