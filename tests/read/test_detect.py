"""Format detection from content; the extension only breaks ties between text formats."""

from __future__ import annotations

import pytest

from pressroom.read.detect import detect_format

from .conftest import CORPUS, READ_DATA


@pytest.mark.parametrize(
    "data,name,fmt",
    [
        (b"%PDF-1.7\n...", "report.txt", "pdf"),
        (b"\x00\x00junk before the header %PDF-1.4\n", None, "pdf"),
        (b"PK\x03\x04rest of a zip", "transcript.bin", "docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1legacy", "old.doc", "docx"),
        (b"\xef\xbb\xbfWEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n", "captions.txt", "vtt"),
        (b"\n1\r\n00:00:01,000 --> 00:00:02,000\r\nHi\r\n", None, "srt"),
        (b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "page.txt", "html"),
        (b"<h1>Title</h1>\nb'<div class=\"field\">\\n<p>Q \\xc2\\xa0Hi</p></div>'", "0.html", "html"),
        (b"---\ntitle: x\n---\nMS. PSAKI: Hi", "brief.md", "markdown"),
        (b"MS. PSAKI: Hello <b>there</b>", "brief.txt", "text"),
        (b"<p>MS. PSAKI: Hello</p>", "brief.txt", "text"),
        (b"<p>MS. PSAKI: Hello</p>", "brief.htm", "html"),
        (b"THE PRESIDENT: Good morning.", None, "text"),
    ],
)
def test_detect_format(data, name, fmt):
    assert detect_format(data, name) == fmt


@pytest.mark.parametrize(
    "path,fmt",
    [
        (READ_DATA / "fed-style.pdf", "pdf"),
        (READ_DATA / "briefing.docx", "docx"),
        (READ_DATA / "briefing-hour.vtt", "vtt"),
        (CORPUS / "0502_briefing-carney-rhodes-rice.html", "html"),
    ],
)
def test_detect_test_files(path, fmt):
    assert detect_format(path.read_bytes()[:8192], None) == fmt
