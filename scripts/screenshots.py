"""Screenshots of every page type at 375 px (a phone) and 1280 px (a laptop), for docs/serve.md.

    python scripts/screenshots.py                      # the bundled demo corpus → docs/img/
    python scripts/screenshots.py --db corpus.db --out /tmp/shots

Serves the store on 127.0.0.1 (a free port) with uvicorn, opens each page in Debian's chromium
(Playwright with ``executable_path``; never a downloaded browser), waits for its charts, and
saves the visible part of the page (the viewport, not the whole page) as PNG. The PNGs are then
reduced to a palette of ``--colors`` colours (Pillow), which keeps each one small; the page's
text stays sharp. The demo store is copied to a temporary folder first: it is read, never changed.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: (width, height) of the two screens
SCREENS = ((375, 740), (1280, 800))
TOKEN = "screenshots-token-0123456789"


class Server:
    """uvicorn serving an app on 127.0.0.1 in a background thread."""

    def __init__(self, app):
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> "Server":
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise SystemExit("screenshots: the server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


def first_link(pg, url: str, selector: str) -> str:
    """The href of the first link matching ``selector`` on the page at ``url``."""
    pg.goto(url)
    href = pg.locator(selector).first.get_attribute("href")
    if not href:
        raise SystemExit(f"screenshots: no link {selector!r} on {url}")
    return href


def pages(pg, store, base: str, closed: str) -> list[tuple[str, str]]:
    """(name, url) of every page type, on this corpus."""
    events = store.events(limit=1000).events
    if not events:
        raise SystemExit("screenshots: the store holds no event")
    event = max(events, key=lambda e: (e.n_questions, e.id))
    return [
        ("home", base + "/"),
        ("search", base + "/search?q=inflation"),
        ("transcript", base + f"/events/{quote(event.id, safe='')}"),
        ("speakers", base + "/speakers"),
        ("speaker", base + first_link(pg, base + "/speakers", "table tbody tr a[href^='/speakers/']")),
        ("outlets", base + "/outlets"),
        ("outlet", base + first_link(pg, base + "/outlets", "table tbody tr a[href^='/outlets/']")),
        ("upload", base + "/upload"),
        ("login", closed + "/login"),
        ("api", base + "/api"),
        ("api-docs", base + "/docs"),
        ("error", base + "/events/no-such-event"),
    ]


def settle(pg) -> None:
    """Wait until the page is drawn: network quiet, charts (if any) and Swagger UI done."""
    pg.wait_for_load_state("networkidle")
    charts = pg.locator(".chart").count()
    if charts:
        pg.wait_for_function(f"document.querySelectorAll('.chart.drawn svg').length >= {charts}", timeout=20_000)
    if pg.locator("#swagger-ui").count():
        pg.wait_for_selector(".opblock", timeout=20_000)
    pg.wait_for_timeout(300)


def shrink(path: Path, colors: int) -> None:
    """The PNG with an adaptive palette of ``colors`` colours (no dithering), optimised."""
    from PIL import Image

    with Image.open(path) as im:
        small = im.convert("RGB").quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="the store to show (default: a copy of the bundled demo store)")
    ap.add_argument("--out", default=str(ROOT / "docs" / "img"), help="folder for the PNGs (default docs/img)")
    ap.add_argument("--colors", type=int, default=64, help="palette size of the PNGs (default 64; 0: keep RGB)")
    args = ap.parse_args(argv)
    if not CHROMIUM.exists():
        print(
            f"screenshots: Debian's chromium is not installed ({CHROMIUM}): apt-get install chromium", file=sys.stderr
        )
        return 2
    if args.colors < 0 or args.colors > 256:
        print(f"screenshots: --colors must be 0 (no palette) or 1 to 256, not {args.colors}", file=sys.stderr)
        return 2
    from pressroom.serve import create_app
    from pressroom.serve.demo import SHIPPED
    from pressroom.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = str(Path(tmp) / "demo.db")
            shutil.copy(SHIPPED, db)
        elif "://" not in db and not Path(db).is_file():
            print(f"screenshots: no store at {db}", file=sys.stderr)
            return 2
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        from playwright.sync_api import sync_playwright

        with (
            open_store(db) as store,
            Server(create_app(store=store, token=TOKEN, public_reads=True)) as live,
            Server(create_app(store=store, token=TOKEN, public_reads=False)) as closed,
            sync_playwright() as p,
        ):
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
            pg = browser.new_page()
            todo = pages(pg, store, live.url, closed.url)
            pg.close()
            total = 0
            for width, height in SCREENS:
                context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
                pg = context.new_page()
                for name, url in todo:
                    pg.goto(url)
                    settle(pg)
                    path = out / f"{name}-{width}.png"
                    pg.screenshot(path=str(path))
                    if args.colors:
                        shrink(path, args.colors)
                    total += path.stat().st_size
                    shown = path.resolve().relative_to(Path.cwd()) if Path.cwd() in path.resolve().parents else path
                    print(f"{shown}  {path.stat().st_size // 1024} KB")
                context.close()
            browser.close()
        print(f"{2 * len(todo)} screenshots, {total // 1024} KB in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
