"""The bundled demo corpus: what ``pressroom serve`` shows with no ``--db``.

Seven transcripts ship in ``pressroom/serve/demo/`` (the NATO seed and six White House
briefings, 2021–2024; sources and licenses in its README). At start-up they are parsed,
annotated with whatever annotators this installation can run (entities, topics and
clarity by default; ``$PRESSROOM_DEMO_ANNOTATORS`` overrides the list, empty for none)
and stored in a SQLite file.

Annotating takes a while (spaCy, the clarity model), so the finished store is kept in a
cache folder (``$PRESSROOM_CACHE``, else ``$XDG_CACHE_HOME/pressroom``, else
``~/.cache/pressroom``) under a name derived from everything that shapes it: the demo
files, the annotators, and the source code of the readers, parser, annotators and store.
A later start with the same inputs reuses it at once; any change rebuilds it. With no
writable cache folder it is built in a temporary folder each time.

So that the first ``pressroom serve`` answers at once, the demo store for the default
annotators also ships prebuilt: ``demo/demo.db``, made by ``python -m pressroom.serve.demo``
(which writes its cache key beside it, ``demo/demo.key``; a test fails when that key is not
the key of the code as it is). It is copied to the cache folder and served from there; a
shipped store built by other code is still served at once, with a line saying so.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from .. import __version__
from ..errors import PressroomError

DEMO_DIR = Path(__file__).resolve().parent / "demo"
#: the prebuilt demo store and the cache key of the code that built it
SHIPPED = DEMO_DIR / "demo.db"
SHIPPED_KEY = DEMO_DIR / "demo.key"
#: annotators the demo runs when the installation has them (in this order)
DEMO_ANNOTATORS = ("entities", "topics", "clarity")
#: packages whose code shapes the stored records (their source is part of the cache key)
_SHAPING = ("read", "parse", "annotate", "clarity", "store", "record.py", "search.py", "data", "models")
PACKAGE = Path(__file__).resolve().parent.parent


@dataclass
class DemoReport:
    path: str
    files: int = 0
    stored: int = 0
    annotators: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # annotator → why it did not run
    failures: dict[str, str] = field(default_factory=dict)  # file → why it was not stored
    seconds: float = 0.0
    cached: bool = False
    shipped: bool = False  # the prebuilt store of the package


def demo_files() -> list[Path]:
    """The demo transcripts (every file of the demo folder but its README)."""
    return sorted(
        p for p in DEMO_DIR.iterdir() if p.is_file() and p.suffix in (".txt", ".md") and p.name != "README.md"
    )


def requested_annotators() -> list[str]:
    raw = os.environ.get("PRESSROOM_DEMO_ANNOTATORS")
    if raw is None:
        return list(DEMO_ANNOTATORS)
    return [a.strip() for a in raw.split(",") if a.strip()]


def cache_key(annotators: Sequence[str]) -> str:
    """A digest of everything the demo store depends on."""
    h = hashlib.sha256()
    h.update(f"pressroom {__version__}\n{','.join(annotators)}\n".encode())
    for p in demo_files():
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    for name in _SHAPING:
        root = PACKAGE / name
        paths = [root] if root.is_file() else sorted(q for q in root.rglob("*") if q.is_file()) if root.is_dir() else []
        for q in paths:
            if "__pycache__" in q.parts:
                continue
            st = q.stat()
            if q.suffix == ".py" or st.st_size < 1_000_000:
                h.update(str(q.relative_to(PACKAGE)).encode() + b"\0" + q.read_bytes())
            else:  # model weights: their size and first and last MB stand for them (the same in every checkout)
                with open(q, "rb") as fh:
                    head = fh.read(1 << 20)
                    fh.seek(max(0, st.st_size - (1 << 20)))
                    tail = fh.read()
                h.update(f"{q.relative_to(PACKAGE)}\0{st.st_size}\0".encode() + head + tail)
    return h.hexdigest()[:16]


def cache_dir() -> Path | None:
    """A writable cache folder, or None."""
    base = os.environ.get("PRESSROOM_CACHE")
    if base:
        root = Path(base).expanduser()
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        root = (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "pressroom"
    try:
        root.mkdir(parents=True, exist_ok=True)
        probe = root / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        return None
    return root


def build(
    path: str | os.PathLike, annotators: Sequence[str] | None = None, log: Callable[[str], None] | None = None
) -> DemoReport:
    """Parse, annotate and store the demo transcripts in a new SQLite file at ``path``.
    An annotator that cannot run here (a missing model) is skipped with its reason."""
    from .. import annotate, parse_document, read_path
    from ..store import open_store

    log = log or (lambda _msg: None)
    names = list(requested_annotators() if annotators is None else annotators)
    report = DemoReport(path=str(path))
    started = time.perf_counter()
    files = demo_files()
    report.files = len(files)
    store = open_store(str(path))
    try:
        for p in files:
            try:
                doc = read_path(p)
                t = parse_document(doc)
            except PressroomError as exc:
                report.failures[p.name] = str(exc)
                continue
            for name in list(names):
                try:
                    annotate(t, doc.text, [name])
                except PressroomError as exc:
                    report.skipped[name] = str(exc)
                    names.remove(name)
                    log(f"demo: the {name} annotator is not available here, skipped ({exc})")
                except Exception as exc:  # an annotator bug must not stop the demo
                    report.skipped[name] = f"{type(exc).__name__}: {exc}"
                    names.remove(name)
                    log(f"demo: the {name} annotator failed, skipped ({type(exc).__name__}: {exc})")
            t.event.source = dict(t.event.source or {}, path=f"demo/{p.name}")
            store.add(t, doc.text)
            report.stored += 1
            log(f"demo: stored {p.name}")
        if store.engine.name == "sqlite":
            store.engine.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    report.annotators = names
    report.seconds = time.perf_counter() - started
    return report


def demo_store(log: Callable[[str], None] | None = None, use_cache: bool = True) -> DemoReport:
    """The path of a ready demo store: the cached one when it is up to date, else a new one."""
    log = log or (lambda _msg: None)
    names = requested_annotators()
    key = cache_key(names)
    folder = cache_dir() if use_cache else None
    if folder is not None:
        target = folder / f"demo-{key}.db"
        if target.is_file():
            return DemoReport(path=str(target), files=len(demo_files()), cached=True, annotators=names)
        if names == list(DEMO_ANNOTATORS) and SHIPPED.is_file():
            return _shipped(folder, key, log)
        log(
            f"demo: building the demo corpus ({len(demo_files())} transcripts, annotators: "
            f"{', '.join(names) or 'none'}); it is cached in {folder} for later starts"
        )
        tmp = Path(tempfile.mkdtemp(prefix="demo-build-", dir=folder))
        try:
            report = build(tmp / "demo.db", names, log)
            os.replace(tmp / "demo.db", target)
            report.path = str(target)
        finally:
            for q in tmp.iterdir():
                q.unlink()
            tmp.rmdir()
        for old in folder.glob("demo-*.db*"):  # earlier builds
            if old.name != target.name and not old.name.startswith(target.name):
                try:
                    old.unlink()
                except OSError:
                    pass
        return report
    tmp = Path(tempfile.mkdtemp(prefix="pressroom-demo-"))
    log(f"demo: building the demo corpus in {tmp} (no writable cache folder)")
    return build(tmp / "demo.db", names, log)


def shipped_key() -> str | None:
    return SHIPPED_KEY.read_text().strip() if SHIPPED_KEY.is_file() else None


def _shipped(folder: Path, key: str, log: Callable[[str], None]) -> DemoReport:
    """The prebuilt store, copied into the cache folder (SQLite writes beside the file it opens)."""
    import shutil

    built_by = shipped_key() or "unknown"
    target = folder / (f"demo-{key}.db" if built_by == key else f"demo-shipped-{built_by}.db")
    if built_by != key:
        log(
            "demo: the shipped demo corpus was built by another version of the code; serving it as it is "
            "(`python -m pressroom.serve.demo` rebuilds it)"
        )
    if not target.is_file():
        tmp = target.with_name(f".{target.name}.{os.getpid()}")
        shutil.copyfile(SHIPPED, tmp)
        os.replace(tmp, target)
    return DemoReport(
        path=str(target),
        files=len(demo_files()),
        stored=len(demo_files()),
        cached=True,
        shipped=True,
        annotators=list(DEMO_ANNOTATORS),
    )


def build_shipped(log: Callable[[str], None] | None = None) -> DemoReport:
    """Build ``demo/demo.db`` for the default annotators and write its key (`shipped_key`)."""
    out = Path(tempfile.mkdtemp(prefix="demo-ship-"))
    try:
        report = build(out / "demo.db", list(DEMO_ANNOTATORS), log)
        if report.skipped or report.failures:
            raise PressroomError(f"the demo corpus cannot ship without {report.skipped or report.failures}")
        import sqlite3

        con = sqlite3.connect(out / "demo.db")
        con.execute("PRAGMA journal_mode=DELETE")
        con.execute("VACUUM")
        con.close()
        os.replace(out / "demo.db", SHIPPED)
        SHIPPED_KEY.write_text(cache_key(list(DEMO_ANNOTATORS)) + "\n")
    finally:
        for q in out.iterdir():
            q.unlink()
        out.rmdir()
    report.path = str(SHIPPED)
    return report


def stderr_log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":  # python -m pressroom.serve.demo: rebuild the shipped demo store
    done = build_shipped(stderr_log)
    print(
        f"wrote {done.path}: {done.stored} transcripts, annotators {', '.join(done.annotators)}, "
        f"{done.seconds:.1f} s, {SHIPPED.stat().st_size / 1e6:.2f} MB; key {shipped_key()}"
    )
