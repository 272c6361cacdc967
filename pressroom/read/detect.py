"""Format detection from content (magic bytes, markup), the file name only as a tie-breaker."""

from __future__ import annotations

import re

_EXT = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".vtt": "vtt",
    ".srt": "srt",
    ".csv": "csv",
    ".tsv": "csv",
    ".nlp": "csv",  # Rev's token tables (token|speaker|ts|…), as its Earnings-21/22 benchmark prints them
    ".json": "json",
    ".js": "script",
    ".mjs": "script",
    ".jsonp": "script",
    ".yaml": "yaml",
    ".yml": "yaml",
}

_SRT_CUE = re.compile(rb"^\s*+\d++[ \t]*+\r?\n\s*+\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*+-->", re.M)
_HTML = re.compile(rb"<\s*(!doctype\s+html|html|body|head|div|p|br|table|h1)\b", re.I)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def detect_format(data: bytes, name: str | None = None) -> str:
    """The format name (a key of `READERS`) for `data`.

    Magic bytes decide first: `%PDF-` (anywhere in the first KiB, as PDF viewers accept),
    a ZIP or legacy OLE2 container (→ docx; the DOCX reader explains what it cannot read),
    `WEBVTT`, an SRT cue; then markup (an XML declaration too: `read_html` takes an archive's XML
    record out first); the extension only breaks ties between text formats.
    """
    head = data[:4096]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", _OLE2)):
        return "docx"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WEBVTT"):
        return "vtt"
    if _SRT_CUE.match(stripped):
        return "srt"
    ext = ""
    if name:
        dot = name.rfind(".")
        ext = name[dot:].lower() if dot >= 0 else ""
    if re.match(rb"<!doctype\s+html|<html[\s>]|<\?xml\b", stripped, re.I) or (ext == ".xml" and stripped[:1] == b"<"):
        return (
            "html"  # an XML file too (its declaration left out or not): the page reader takes a record out of it first
        )
    if _HTML.search(head) and ext not in (".md", ".markdown", ".txt"):
        return "html"
    if ext in _EXT and _EXT[ext] in ("text", "markdown", "html", "csv", "json", "yaml", "script"):
        return _EXT[ext]  # a table or structured data only by its name: text with commas is no table
    if stripped.startswith(b"---") or re.search(rb"^#{1,6} ", head, re.M):
        return "markdown"
    return "text"
