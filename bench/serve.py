"""Load benchmark of `pressroom serve` on loopback: many readers, one uploader, bounded in time.

    .venv/bin/python bench/serve.py [--corpus DIR] [--clients 50] [--seconds 30] [--think 1.0]
                                    [--workers 2] [--db PATH] [--uploads 60]

1. Ingests the corpus (default ``../shared/corpus-large``) into a temporary SQLite store
   with the store's ingest API, holding back ``--uploads`` transcripts for the uploader.
2. Starts ``pressroom serve`` (``--workers`` processes) on 127.0.0.1 at a free port.
3. Baseline, measured in the same run: the same clients fetch ``/healthz`` (no database, no
   template) for ``--baseline-seconds``: the floor the server and the clients set.
4. The run: ``--clients`` concurrent clients (asyncio + httpx) for ``--seconds`` of mixed
   reads — search pages, search API calls, transcript pages, the home page, event lists,
   speaker and outlet pages — each pausing ``--think`` seconds on average between requests
   (exponential; default 1 s, a user clicking fast; 0 for a closed loop that measures the
   server's throughput), while one more client uploads the held-back
   transcripts one after another (``POST /api/v1/ingest`` with the token).
5. Checks: no error (every read 200, every upload stored); nothing lost (each upload's
   event is in the store with the uploaded bytes' sha256, and the event count adds up);
   p95 of the reads ≤ ``--p95-ms`` (150).

Prints per-kind and overall latencies (p50/p95/p99), throughput, the ratio to the baseline,
and PASS/FAIL. Everything runs on 127.0.0.1; nothing else is contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import math
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "bench-token-" + "0123456789abcdef"
QUERIES = [
    '"arms control"',
    "inflation",
    "vaccin*",
    '"supply chain"',
    "ukraine",
    "china tariffs",
    "border",
    "afghanistan",
    '"student loans"',
    "climate",
    "nato",
    '"gas prices"',
    "covid",
    "israel",
    "taiwan",
    "infrastructure",
    '"debt ceiling"',
    '"build back better"',
    "russia NOT ukraine",
    "(iran OR iraq) sanctions",
    "abortion",
    "semiconductors",
    '"baby formula"',
    "putin",
    "xi",
    "hurricane",
    "jobs report",
    "filibuster",
    "fentanyl",
]
#: (kind, weight) of the reads
MIX = [
    ("search_page", 25),
    ("search_api", 20),
    ("transcript_page", 25),
    ("home_page", 10),
    ("events_api", 10),
    ("speaker_page", 5),
    ("outlet_page", 5),
]


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    error_examples: list[str] = field(default_factory=list)
    uploads: list[dict] = field(default_factory=list)
    retries: int = 0

    def record(self, kind: str, seconds: float, ok: bool, detail: str = "") -> None:
        self.latencies[kind].append(seconds)
        if not ok:
            self.errors[kind] += 1
            if len(self.error_examples) < 10:
                self.error_examples.append(f"{kind}: {detail}")


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    k = max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))
    return s[k]


def group_cpu_seconds(pgid: int) -> float:
    """CPU time (user + system) used so far by the live processes of a process group
    (the server: uvicorn and its workers), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # pgrp
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def corpus_files(root: Path) -> list[Path]:
    return sorted(
        p for p in root.rglob("*") if p.suffix in (".md", ".txt") and p.name not in ("MANIFEST.md", "README.md")
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(db: Path, files: list[Path]) -> float:
    from pressroom.ingest import ingest_paths
    from pressroom.store import open_store

    t0 = time.perf_counter()
    with open_store(str(db)) as store:
        report = ingest_paths(store, [str(p) for p in files], workers=os.cpu_count() or 1)
    seconds = time.perf_counter() - t0
    print(
        f"ingested {report.added} transcripts ({report.turns} turns, {report.failed} failed) in {seconds:.1f} s",
        flush=True,
    )
    return seconds


def targets(db: Path) -> dict[str, list[str]]:
    from pressroom.serve import queries
    from pressroom.store import open_store

    with open_store(str(db)) as store:
        ids = store.event_ids()
        people = queries.people_index(store)
        _, speakers = queries.speakers(people, limit=100)
        _, outlets = queries.outlets(people, limit=100)
    return {"events": ids, "speakers": [s.name for s in speakers], "outlets": [o.name for o in outlets] or ["?"]}


def request_for(kind: str, rnd: random.Random, t: dict[str, list[str]]) -> str:
    q = quote(rnd.choice(QUERIES))
    if kind == "search_page":
        page = rnd.choice([1, 1, 1, 2, 3])
        return f"/search?q={q}&page={page}"
    if kind == "search_api":
        extra = rnd.choice(["", "&role=principal", "&since=2022", "&kind=question", "&facets=false"])
        return f"/api/v1/search?q={q}&limit=20{extra}"
    if kind == "transcript_page":
        eid = rnd.choice(t["events"])
        return f"/events/{quote(eid)}" + (f"?q={q}" if rnd.random() < 0.5 else "")
    if kind == "home_page":
        return rnd.choice(["/", "/?page=2", "/?since=2023", f"/?q={q}"])
    if kind == "events_api":
        return rnd.choice(["/api/v1/events?limit=50", "/api/v1/events?since=2022&limit=20", f"/api/v1/events?q={q}"])
    if kind == "speaker_page":
        return "/speakers/" + quote(rnd.choice(t["speakers"]), safe="")
    return "/outlets/" + quote(rnd.choice(t["outlets"]), safe="")


class RawClient:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams: one connection per simulated
    user, a few microseconds per request (httpx costs a millisecond or more, which on two
    shared cores would measure the client rather than the server). Like a browser, it
    retries a request once when a kept-alive connection turns out closed before any reply."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.retries = 0

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def get(self, path: str) -> tuple[int, int]:
        """(status, body bytes) of GET ``path`` (gzip accepted, not decoded)."""
        for attempt in (0, 1):
            reused = self.writer is not None
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            try:
                self.writer.write(
                    f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                    f"Accept-Encoding: gzip\r\nUser-Agent: pressroom-bench\r\n\r\n".encode()
                )
                await self.writer.drain()
                status_line = await self.reader.readline()
                if not status_line:
                    raise ConnectionResetError("the server closed the connection")
            except (ConnectionError, OSError):
                self.close()
                if reused and attempt == 0:
                    self.retries += 1
                    continue
                raise
            status = int(status_line.split()[1])
            headers: dict[str, str] = {}
            while True:
                line = await self.reader.readline()
                if line in (b"\r\n", b""):
                    break
                key, _, value = line.decode("latin-1").partition(":")
                headers[key.strip().lower()] = value.strip()
            if "content-length" in headers:
                body = await self.reader.readexactly(int(headers["content-length"]))
                size = len(body)
            elif headers.get("transfer-encoding", "").lower() == "chunked":
                size = 0
                while True:
                    n = int((await self.reader.readline()).split(b";")[0], 16)
                    await self.reader.readexactly(n + 2)
                    size += n
                    if n == 0:
                        break
            else:
                size = len(await self.reader.read())
                self.close()
            if headers.get("connection", "").lower() == "close":
                self.close()
            return status, size
        raise ConnectionResetError("unreachable")


async def reader(
    base: str, stats: Stats, until: float, think: float, seed: int, t: dict[str, list[str]], only: str | None = None
) -> None:
    rnd = random.Random(seed)
    kinds = [k for k, _ in MIX]
    weights = [w for _, w in MIX]
    host, port = base.rsplit("/", 1)[-1].split(":")
    client = RawClient(host, int(port))
    await asyncio.sleep(rnd.random() * max(think, 0.05))  # do not start in lock step
    try:
        while time.monotonic() < until:
            kind = only or rnd.choices(kinds, weights)[0]
            url = "/healthz" if only == "baseline" else request_for(kind, rnd, t)
            t0 = time.perf_counter()
            try:
                status, _ = await asyncio.wait_for(client.get(url), 30)
                ok, detail = status == 200, f"{status} {url}"
            except (OSError, ConnectionError, asyncio.IncompleteReadError, asyncio.TimeoutError, ValueError) as exc:
                client.close()
                ok, detail = False, f"{type(exc).__name__} {url}"
            stats.record(kind, time.perf_counter() - t0, ok, detail)
            if think > 0:
                await asyncio.sleep(rnd.expovariate(1 / think))
    finally:
        stats.retries += client.retries
        client.close()


async def uploader(
    client: httpx.AsyncClient, stats: Stats, until: float, files: list[Path], revise: bool = False
) -> None:
    for p in files:
        if time.monotonic() >= until:
            break
        data = p.read_bytes()
        if revise:  # new bytes, same event: stored as a new version (a write, even on a reused store)
            data += f"\n<!-- revised {time.time_ns()} -->\n".encode()
        t0 = time.perf_counter()
        try:
            r = await client.post(
                "/api/v1/ingest",
                headers={"Authorization": f"Bearer {TOKEN}"},
                files={"files": (p.name, data, "text/markdown")},
                timeout=60,
            )
            body = r.json()
            ok = r.status_code == 200 and body["results"][0]["status"] in ("added", "updated", "unchanged")
            result = body["results"][0] if r.status_code == 200 else {"status": f"http {r.status_code}"}
        except (httpx.HTTPError, ValueError, KeyError) as exc:
            ok, result = False, {"status": type(exc).__name__}
        stats.uploads.append(
            {
                "file": p,
                "sha256": hashlib.sha256(data).hexdigest(),
                "ok": ok,
                "seconds": time.perf_counter() - t0,
                **result,
            }
        )


async def run_phase(
    base: str,
    clients: int,
    seconds: float,
    think: float,
    t,
    upload_files=None,
    only: str | None = None,
    revise: bool = False,
) -> Stats:
    stats = Stats()
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:  # the uploader's
        until = time.monotonic() + seconds
        tasks = [reader(base, stats, until, think, 1000 + i, t, only) for i in range(clients)]
        if upload_files:
            tasks.append(uploader(client, stats, until, upload_files, revise))
        await asyncio.gather(*tasks)
    return stats


def summarise(name: str, stats: Stats, seconds: float, kinds: list[str] | None = None) -> dict[str, float]:
    all_lat = [x for k, v in stats.latencies.items() for x in v]
    n = len(all_lat)
    errors = sum(stats.errors.values())
    out = {
        "requests": n,
        "errors": errors,
        "rps": n / seconds,
        "p50": pct(all_lat, 50) * 1000,
        "p95": pct(all_lat, 95) * 1000,
        "p99": pct(all_lat, 99) * 1000,
    }
    print(
        f"\n{name}: {n} requests in {seconds:.0f} s ({out['rps']:.1f}/s), {errors} errors; "
        f"p50 {out['p50']:.1f} ms, p95 {out['p95']:.1f} ms, p99 {out['p99']:.1f} ms"
        + (f"; {stats.retries} retried on a closed keep-alive connection" if stats.retries else "")
    )
    for kind in kinds or []:
        v = stats.latencies.get(kind, [])
        if v:
            print(
                f"  {kind:16s} {len(v):6d} req  p50 {pct(v, 50) * 1000:7.1f} ms  p95 {pct(v, 95) * 1000:7.1f} ms"
                f"  p99 {pct(v, 99) * 1000:7.1f} ms  mean {statistics.fmean(v) * 1000:6.1f} ms"
                f"  errors {stats.errors.get(kind, 0)}"
            )
    for e in stats.error_examples:
        print("  error:", e)
    return out


def check_uploads(db: Path, stats: Stats, events_before: int) -> tuple[int, int]:
    """(stored, lost): each upload's event must hold a version with the uploaded bytes."""
    from pressroom.store import open_store

    stored = lost = 0
    with open_store(str(db)) as store:
        for u in stats.uploads:
            eid = u.get("event_id")
            shas = {v.sha256 for v in store.versions(eid)} if eid else set()
            if u["ok"] and u["sha256"] in shas:
                stored += 1
            else:
                lost += 1
        total = store.events(limit=1).total
    added = sum(1 for u in stats.uploads if u.get("status") == "added")
    if total != events_before + added:
        print(f"event count mismatch: {total} in the store, expected {events_before} + {added}")
        lost += abs(total - events_before - added)
    return stored, lost


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus-large")
    ap.add_argument("--db", type=Path, help="Reuse this store (its held-back files must not be in it).")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--baseline-seconds", type=float, default=10)
    ap.add_argument("--think", type=float, default=1.0, help="Mean pause between a client's requests (s).")
    ap.add_argument("--workers", type=int, default=2, help="Server processes.")
    ap.add_argument("--uploads", type=int, default=60, help="Transcripts held back for the uploader.")
    ap.add_argument("--p95-ms", type=float, default=150)
    ap.add_argument("--keep", action="store_true", help="Keep the temporary store.")
    ap.add_argument(
        "--revise",
        action="store_true",
        help="Upload each file with a comment appended (a new version), so a reused --db still gets writes.",
    )
    args = ap.parse_args()

    files = corpus_files(args.corpus)
    if not files:
        sys.exit(f"no transcripts under {args.corpus}")
    rnd = random.Random(7)
    held = sorted(rnd.sample(files, min(args.uploads, len(files) // 10)))
    tmp = Path(tempfile.mkdtemp(prefix="pressroom-bench-serve-"))
    db = args.db or tmp / "corpus.db"
    try:
        if args.db is None:
            build_store(db, [p for p in files if p not in set(held)])
        t = targets(db)
        events_before = len(t["events"])
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "PRESSROOM_TOKEN": TOKEN}
        log_path = tmp / "server.log"
        log_file = open(log_path, "w")
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pressroom",
                "serve",
                "--db",
                str(db),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=tmp,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    sys.exit("the server did not start: " + log_path.read_text()[-2000:])
                time.sleep(0.2)
            print(
                f"server: {args.workers} worker(s) on {base}; {events_before} events; {args.clients} clients, "
                f"think {args.think} s; {os.cpu_count()} CPUs shared by server and clients",
                flush=True,
            )
            asyncio.run(run_phase(base, args.clients, 3, args.think, t))  # warm-up (caches, connections)
            cpu0 = group_cpu_seconds(server.pid)
            base_stats = asyncio.run(
                run_phase(base, args.clients, args.baseline_seconds, args.think, t, only="baseline")
            )
            cpu1, own1 = group_cpu_seconds(server.pid), time.process_time()
            baseline = summarise("baseline (/healthz, same clients)", base_stats, args.baseline_seconds)
            stats = asyncio.run(
                run_phase(base, args.clients, args.seconds, args.think, t, upload_files=held, revise=args.revise)
            )
            cpu2, own2 = group_cpu_seconds(server.pid), time.process_time()
            mixed = summarise("mixed reads", stats, args.seconds, [k for k, _ in MIX])
            load = os.getloadavg()[0]
            n_base = max(1, baseline["requests"])
            n_mixed = max(1, mixed["requests"] + len(stats.uploads))
            cpu_base = 1000 * (cpu1 - cpu0) / n_base
            cpu_mixed = 1000 * (cpu2 - cpu1) / n_mixed
            print(
                f"\nserver CPU per request: baseline {cpu_base:.2f} ms, mixed {cpu_mixed:.2f} ms "
                f"(×{cpu_mixed / max(cpu_base, 1e-9):.1f}); these clients' CPU per request: "
                f"{1000 * (own2 - own1) / n_mixed:.2f} ms"
            )
            print(
                f"capacity of {os.cpu_count()} dedicated cores at that cost: about "
                f"{1000 * (os.cpu_count() or 1) / max(cpu_mixed, 1e-9):.0f} mixed requests/s; "
                f"1-minute load average at the end: {load:.1f} (other processes compete for the CPUs)"
            )
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
            log_file.close()
            logged = log_path.read_text().strip().splitlines()
            if logged:
                print(f"\nserver log ({len(logged)} lines), last ones:")
                print("\n".join("  " + line for line in logged[-15:]))
        up_lat = [u["seconds"] for u in stats.uploads]
        stored, lost = check_uploads(db, stats, events_before)
        print(
            f"\nuploads: {len(stats.uploads)} sent, {stored} stored, {lost} lost; "
            f"p50 {pct(up_lat, 50) * 1000:.0f} ms, max {max(up_lat or [0]) * 1000:.0f} ms"
        )
        print(
            f"\nratio to the baseline: p95 ×{mixed['p95'] / baseline['p95']:.2f}, "
            f"p50 ×{mixed['p50'] / baseline['p50']:.2f}, throughput ×{mixed['rps'] / baseline['rps']:.2f}"
        )
        upload_errors = sum(1 for u in stats.uploads if not u["ok"])
        ok = mixed["errors"] == 0 and upload_errors == 0 and lost == 0 and mixed["p95"] <= args.p95_ms
        print(
            f"\n{'PASS' if ok else 'FAIL'}: {mixed['errors']} read errors, {upload_errors} upload errors, "
            f"{lost} lost, p95 {mixed['p95']:.1f} ms (target ≤ {args.p95_ms:.0f} ms)"
        )
        sys.exit(0 if ok else 1)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"kept {tmp}")


if __name__ == "__main__":
    main()
