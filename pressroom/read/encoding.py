"""Decoding a file's bytes to text: a BOM decides (UTF-8, UTF-16 LE/BE); otherwise strict UTF-8,
then UTF-16 without BOM when the NUL pattern says so, then charset-normalizer's best guess among
the legacy Western encodings (cp1252 / latin-1). Binary data (NUL bytes in text that is not
UTF-16, control characters) is refused. Used by every reader of text (plain text, Markdown,
tables, structured data).
"""

from __future__ import annotations

import re

from ..errors import ReadError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
#: control characters that text does not contain (tab, newlines, form feed excepted)
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_CONTROL = re.compile("[" + re.escape(_CONTROL_BYTES.decode("ascii")) + "]")


def decode(data: bytes, name: str | None = None) -> tuple[str, str]:
    """Bytes → (text, encoding). Raises ReadError for binary or undecodable input."""
    label = name or "input"
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                raise ReadError(f"cannot read {label}: it starts with a {enc} byte-order mark but is not valid {enc}")
    sample = data[:4096]
    nuls = sample.count(b"\x00")
    if nuls:
        # UTF-16 without BOM: NULs in every other byte
        even = sample[0::2].count(0)
        odd = sample[1::2].count(0)
        enc = "utf-16-le" if odd > even else "utf-16-be"
        if max(even, odd) > len(sample) // 4 and min(even, odd) == 0:
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                pass
        raise ReadError(f"cannot read {label}: it is binary data, not text")
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "utf_8"]).best()
        if best is None:
            raise ReadError(f"cannot read {label}: its bytes are not text in any supported encoding")
        enc = best.encoding
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            raise ReadError(f"cannot read {label}: its bytes are not valid {enc}")
    head = text[:20000]
    if enc == "utf-8":
        # the control characters are single bytes in UTF-8: count them in the bytes of the head
        raw = data[:20000] if len(text) == len(data) else head.encode("utf-8")
        controls = len(raw) - len(raw.translate(None, _CONTROL_BYTES))
    else:
        controls = len(_CONTROL.findall(head))
    if controls > max(8, len(head) // 200):
        raise ReadError(f"cannot read {label}: it is binary data, not text")
    return text, enc
