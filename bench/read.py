"""Reader throughput against each library's bare text extraction, measured in the same run.

    .venv/bin/python bench/read.py [CORPUS_DIR] [--repeat N]

CORPUS_DIR defaults to ../shared/corpus (its *_pdf and *_html folders); without it the
public-domain copies in tests/data/read/corpus are used. For each format the same files go
through pressroom's reader and through the bare extraction of the library that reader is
built on, interleaved, best of N rounds:

* PDF, pages/s: `pressroom.read.pdf.read_pdf` (checks, pdfminer glyphs, header/footer and
  paragraph rules) against pdfminer.six's `extract_text` (layout analysis, plain text) and
  against pdfplumber's `page.extract_text()` (the text layer the gold files were made from);
* HTML, MB/s: `pressroom.read.html.read_html` (main content, paragraphs, labels, metadata)
  against selectolax/lexbor's `LexborHTMLParser(html).body.text()`; trafilatura's
  `extract` is printed for reference;
* WebVTT, cues/s: `pressroom.read.captions.read_vtt` against webvtt-py's `from_buffer`.

A ratio above 1 means pressroom's reader is faster than the baseline.
"""

from __future__ import annotations

import argparse
import io
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pressroom.read.captions import read_vtt  # noqa: E402
from pressroom.read.html import read_html  # noqa: E402
from pressroom.read.pdf import read_pdf  # noqa: E402


def best(fn, files, repeat: int) -> float:
    """Best wall time (seconds) of `repeat` rounds of fn over every file."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for data in files:
            fn(data)
        times.append(time.perf_counter() - t0)
    return min(times)


def pdf_pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def bare_pdfminer(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def bare_pdfplumber(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)


def bare_lexbor(data: bytes) -> str:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(data.decode("utf-8", "replace"))
    return tree.body.text() if tree.body else ""


def bare_trafilatura(data: bytes) -> str:
    import trafilatura

    return trafilatura.extract(data.decode("utf-8", "replace")) or ""


def bare_webvtt(data: bytes):
    import webvtt

    return webvtt.from_buffer(io.StringIO(data.decode("utf-8")), format="vtt").captions


def row(name: str, seconds: float, amount: float, unit: str, base: float | None) -> str:
    rate = amount / seconds
    ratio = f"{base / seconds:6.2f}" if base else "     —"
    return f"  {name:<44} {seconds * 1000:9.0f} ms {rate:10.2f} {unit:<8} {ratio}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    corpus = Path(args.corpus)
    if not corpus.exists():
        corpus = ROOT / "tests" / "data" / "read" / "corpus"
    pdfs = [p.read_bytes() for p in sorted(corpus.rglob("*.pdf"))]
    htmls = [p.read_bytes() for p in sorted(corpus.rglob("*.html"))]
    vtts = [p.read_bytes() for p in sorted((ROOT / "tests" / "data" / "read").glob("*.vtt"))]
    print(f"corpus: {corpus}  ({len(pdfs)} PDF, {len(htmls)} HTML; captions from tests/data/read)")
    print(f"best of {args.repeat} rounds; ratio = baseline time / pressroom time (above 1: pressroom faster)\n")
    print(f"  {'':<44} {'time':>12} {'rate':>10} {'':<8} {'ratio':>6}")

    if pdfs:
        pages = sum(pdf_pages(d) for d in pdfs)
        ours = best(lambda d: read_pdf(d, {}), pdfs, args.repeat)
        miner = best(bare_pdfminer, pdfs, args.repeat)
        plumber = best(bare_pdfplumber, pdfs, max(1, args.repeat - 1))
        print(f"PDF ({pages} pages)")
        print(row("pressroom read_pdf", ours, pages, "pages/s", None))
        print(row("baseline: pdfminer.six extract_text", miner, pages, "pages/s", None))
        print(row("baseline: pdfplumber page.extract_text", plumber, pages, "pages/s", None))
        print(f"  ratio vs pdfminer.six: {miner / ours:.2f}   vs pdfplumber: {plumber / ours:.2f}\n")
    if htmls:
        mb = sum(len(d) for d in htmls) / 1e6
        ours = best(lambda d: read_html(d, {}), htmls, args.repeat)
        lex = best(bare_lexbor, htmls, args.repeat)
        traf = best(bare_trafilatura, htmls, args.repeat)
        print(f"HTML ({len(htmls)} pages, {mb:.2f} MB)")
        print(row("pressroom read_html", ours, mb, "MB/s", None))
        print(row("baseline: selectolax/lexbor body.text()", lex, mb, "MB/s", None))
        print(row("reference: trafilatura extract", traf, mb, "MB/s", None))
        print(f"  ratio vs selectolax: {lex / ours:.2f}   vs trafilatura: {traf / ours:.2f}\n")
    if vtts:
        cues = sum(len(bare_webvtt(d)) for d in vtts)
        ours = best(lambda d: read_vtt(d, {}), vtts, args.repeat)
        base = best(bare_webvtt, vtts, args.repeat)
        print(f"WebVTT ({len(vtts)} files, {cues} cues)")
        print(row("pressroom read_vtt", ours, cues, "cues/s", None))
        print(row("baseline: webvtt-py from_buffer", base, cues, "cues/s", None))
        print(f"  ratio vs webvtt-py: {base / ours:.2f}")


if __name__ == "__main__":
    main()
