"""Adversarial inputs of a given size, for `bench/parse.py --adversarial`, `bench/fuzz.py` and
tests/test_reliability.py. Each generator takes a size in bytes and returns (bytes, file name);
the name's extension says the format."""

from __future__ import annotations

from typing import Callable


def _fill(unit: str, size: int, head: str = "", tail: str = "") -> str:
    n = max(1, (size - len(head) - len(tail)) // len(unit))
    return head + unit * n + tail


def label_flood(size: int) -> tuple[bytes, str]:
    """'Q:' on every line and nothing else (the probe's 1 MB took 168 s)."""
    return _fill("Q:\n", size).encode(), "label-flood.txt"


def labelled_turns(size: int) -> tuple[bytes, str]:
    """Short labelled turns, one after the other: many turns, speakers and exchanges."""
    unit = "MR. SMITH: Yes.\n\nQ: And then?\n\nMS. JONES, Reuters: Why?\n\n"
    return _fill(unit, size).encode(), "labelled-turns.txt"


def dot_runs(size: int) -> tuple[bytes, str]:
    """Questions that each hold a run of 16,000 dots not followed by a space (7 s each before)."""
    unit = "Q: Is it " + "." * 16_000 + "x true?\n\nMR. SMITH: No.\n\n"
    return _fill(unit, size, head="MR. SMITH: Welcome.\n\n").encode(), "dot-runs.txt"


def long_line(size: int) -> tuple[bytes, str]:
    """The whole transcript on one line: labels, questions and answers without a line break."""
    unit = "and so on, Mr. Smith. Q: Why? MR. SMITH: Because. "
    return _fill(unit, size, head="MR. SMITH: Welcome ").encode(), "long-line.txt"


def deep_html(size: int) -> tuple[bytes, str]:
    """<div>s nested as deep as the size allows (200,000 deep took minutes in lexbor): refused."""
    n = max(1, (size - 100) // 11)
    page = "<html><body>" + "<div>" * n + "<p>MR. SMITH: Hello.</p><p>Q: Why?</p>" + "</div>" * n + "</body></html>"
    return page.encode(), "deep.html"


def nested_blocks(size: int) -> tuple[bytes, str]:
    """Blocks nested 500 deep (under the 512 limit), one after the other, each with a turn."""
    block = "<div>" * 500 + "<p>MR. SMITH: Hello.</p><p>Q: Why now?</p>" + "</div>" * 500
    return _fill(block, size, head="<html><body>", tail="</body></html>").encode(), "nested-blocks.html"


GENERATORS: dict[str, Callable[[int], tuple[bytes, str]]] = {
    "label flood ('Q:' lines)": label_flood,
    "labelled turns": labelled_turns,
    "dot runs (16,000 dots)": dot_runs,
    "one long line": long_line,
    "deep HTML (refused)": deep_html,
    "HTML blocks 500 deep": nested_blocks,
}
