"""Format detection from content (magic bytes, markup), the file name only as a tie-breaker."""
from __future__ import annotations

import re

_EXT = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".docx": "docx",
    ".vtt": "vtt", ".srt": "srt",
}

_SRT_CUE = re.compile(rb"^\s*\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->", re.M)
_HTML = re.compile(rb"<\s*(!doctype\s+html|html|body|head|div|p|br|table|h1)\b", re.I)


def detect_format(data: bytes, name: str | None = None) -> str:
    head = data[:4096]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
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
    if _HTML.search(head) and ext not in (".md", ".markdown", ".txt"):
        return "html"
    if ext in _EXT and _EXT[ext] in ("text", "markdown", "html"):
        return _EXT[ext]
    if stripped.startswith(b"---") or re.search(rb"^#{1,6} ", head, re.M):
        return "markdown"
    return "text"
