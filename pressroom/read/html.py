"""HTML reader: a publisher's whole web page → `Document`.

The page is parsed with lexbor (`selectolax.lexbor.LexborHTMLParser`); the transcript is
taken from the page's main content container, chosen by text density (readability-style:
each paragraph's text scores its parent and grandparent, link-heavy containers lose), so
navigation, menus, related-news lists and footers are left out without per-publisher rules.

Text conventions (shared by every reader, see docs/formats.md):

* one paragraph per block (`<p>`, `<div>`, `<li>`, headings, table rows …), paragraphs
  separated by a blank line; a `<br>` is kept as a line break inside its paragraph, and a
  line that is blank once rendered (`<br>&nbsp;<br>`) separates paragraphs;
* whitespace collapsed as a browser renders it; no-break spaces become plain spaces;
  entities decoded; hidden elements (`display:none`, `hidden`, `aria-hidden`) dropped;
* the page's title heading (its `<h1>`, or the heading just before the content) first;
* a bold or `<strong>` speaker label at the start of a line (`<B>Q:</B>`, `<STRONG>Reuters:
  …</STRONG>`) becomes a `LabelHint`.

Pages stored as a Python bytes literal (`b'<div …>…'`, as some scrapers save them) are
decoded first: see `unescape_bytes_literals`.
"""

from __future__ import annotations

import ast
import codecs
import datetime as _dt
import re
import warnings
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from ..document import Document, LabelHint
from ..errors import ReadError
from .limits import Budget, check_html_depth, check_markup_size, time_limit
from .xmlrecord import SPEECH_ATTRIBUTES, xml_parts
from .xmlspeech import speech_xml

# --------------------------------------------------------------------------- decoding

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode_html(data: bytes) -> tuple[str, str]:
    """Bytes → (text, encoding): BOM, then the page's `<meta charset>`, then UTF-8, then a guess."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace"), enc
    m = _META_CHARSET.search(data[:4096])
    if m:
        name = m.group(1).decode("ascii", "ignore").lower()
        try:
            codecs.lookup(name)
        except LookupError:
            name = ""
        if name:
            if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
                name = "cp1252"  # what browsers do (WHATWG encoding standard)
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            return data.decode(best.encoding, errors="replace"), best.encoding
    except Exception:  # pragma: no cover - the guess is only a fallback
        pass
    return data.decode("cp1252", errors="replace"), "cp1252"


# A Python bytes literal whose content is markup: b'<div …>…' or b"<p>…", not preceded by a
# word character (so "Bob's" never starts one). Escaped quotes (\') stay inside.
_BYTES_LITERAL = re.compile(r"""(?<![\w'"])b(?P<q>['"])(?=\s*<)(?:[^'"\\]|\\.|(?!(?P=q))['"])*(?P=q)""", re.S)


def unescape_bytes_literals(text: str) -> tuple[str, int]:
    """Replace each Python bytes literal holding markup by the markup it encodes.

    Some scrapers store a page body as `repr(bytes)`: `b'<div class="x">\\n<p>It\\xe2\\x80\\x99s…'`
    with literal `\\n`, `\\'` and `\\xNN` escapes. Such a literal is recognised generically
    (it starts with `b'<` or `b"<`), evaluated with `ast.literal_eval` (never `eval`) and
    decoded as UTF-8 (cp1252 if that fails). Returns the new text and how many literals
    were replaced; text without such literals comes back unchanged.
    """
    if "b'<" not in text and 'b"<' not in text:
        return text, 0
    count = 0

    def repl(m: re.Match) -> str:
        nonlocal count
        try:
            with warnings.catch_warnings():  # an unknown escape ('\\_') is kept as written, silently
                warnings.simplefilter("ignore", (DeprecationWarning, SyntaxWarning))
                raw = ast.literal_eval(m.group(0))
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return m.group(0)
        if not isinstance(raw, bytes):
            return m.group(0)
        count += 1
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("cp1252", errors="replace")

    return _BYTES_LITERAL.sub(repl, text), count


# --------------------------------------------------------------------------- page structure

_SKIP = {
    "teiheader",  # a TEI transcript's header: who made it and who speaks, metadata (xmlrecord.xml_parts reads it)
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "title",
    "meta",
    "link",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "canvas",
    "select",
    "option",
    "button",
    "input",
    "textarea",
    "map",
    "audio",
    "video",
    "source",
    "track",
    "img",
    "picture",
    "base",
    "nav",
    "form",
    "menu",
    "aside",
    "footer",
    "dialog",
}
_BLOCK = {
    "address",
    "article",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "ul",
    "caption",
}
_CELL = {"td", "th"}
_BOLD = {"b", "strong"}
_HEADINGS = ("h1", "h2", "h3")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)", re.I)
_WS = re.compile(r"[ \t\n\r\f\v\u00a0\u2007\u202f\u200b\ufeff]+")


def _hidden(node, attrs: dict | None = None) -> bool:
    """Is the element hidden (`hidden`, `aria-hidden="true"`, a style that hides it)? ``attrs``:
    its attributes where the caller has read them already (each read builds a new dict)."""
    attrs = node.attributes if attrs is None else attrs
    if not attrs:
        return False
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    style = attrs.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _bold_style(attrs: dict) -> bool:
    style = attrs.get("style") if attrs else None
    return bool(style and _BOLD_STYLE.search(style))


def _clean(s: str | None) -> str:
    return _WS.sub(" ", s or "").strip()


def _size(s: str | None) -> int:
    """How many visible (non-space) characters `s` holds; cheaper than cleaning it."""
    return len("".join((s or "").split()))


# --------------------------------------------------------------------------- text blocks


@dataclass
class Line:
    text: str = ""
    bold: list[list[int]] = field(default_factory=list)  # [start, end) ranges in text

    def add(self, s: str, bold: bool) -> None:
        s = _WS.sub(" ", s)
        if not s:
            return
        if not self.text or self.text.endswith(" "):
            s = s.lstrip(" ")
            if not s:
                return
        start = len(self.text)
        self.text += s
        if bold:
            if self.bold and self.bold[-1][1] >= start - 1:
                self.bold[-1][1] = len(self.text)
            else:
                self.bold.append([start, len(self.text)])

    def finish(self) -> Line:
        self.text = self.text.rstrip(" ")
        n = len(self.text)
        self.bold = [[a, min(b, n)] for a, b in self.bold if a < n]
        return self


class Blocks:
    """Collects rendered lines into paragraphs while the DOM is walked."""

    def __init__(self) -> None:
        self.paragraphs: list[list[Line]] = []
        self.lines: list[Line] = []
        self.line = Line()

    def text(self, s: str, bold: bool) -> None:
        self.line.add(s, bold)

    def space(self) -> None:
        self.line.add(" ", False)

    def br(self) -> None:
        line = self.line.finish()
        self.line = Line()
        if line.text:
            self.lines.append(line)
        else:  # a line that renders blank separates paragraphs
            self.block()

    def block(self) -> None:
        line = self.line.finish()
        self.line = Line()
        if line.text:
            self.lines.append(line)
        if self.lines:
            self.paragraphs.append(self.lines)
            self.lines = []


#: HTML's elements (WHATWG, obsolete ones included): any other element in a page is an XML
#: vocabulary's, and where it opens a word ends (TEI's spoken transcripts: "Grazie.<vocal
#: desc="ehmm"/>Lei arriva …", which an HTML parser reads as an element holding the rest); where
#: one closes, none need ("<rs type="place">кинотеатр</rs>ы", a word's stem wrapped). `<del>`, in
#: TEI words said and taken back, parts words where it closes too ("<del>Buongiorno buongiorno</del>a
#: voi")
_HTML_TAGS = frozenset(
    "a abbr acronym address area article aside audio b base basefont bdi bdo big blink blockquote body br "
    "button canvas caption center cite code col colgroup data datalist dd details dfn dialog dir div dl "
    "dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header "
    "hgroup hr html i iframe img input ins kbd label legend li link listing main map mark marquee menu meta "
    "meter nav nobr noframes noscript object ol optgroup option output p param picture plaintext pre "
    "progress q rb rp rt rtc ruby s samp script search section select slot small source span strike strong "
    "style sub summary sup table tbody td template textarea tfoot th thead time title tr track tt u ul var "
    "video wbr xmp math svg".split()
)


def _walk(root, budget: Budget) -> list[list[Line]]:
    """Render `root`'s visible text into paragraphs of lines, tracking bold runs.

    Inside `<pre>` the source's line breaks count as `<br>`s."""
    out = Blocks()
    # stack items: (node, (bold, pre)) to enter, or (None, tag) to close a block
    stack: list[tuple] = [(root, (False, False))]
    steps = 0
    while stack:
        node, arg = stack.pop()
        if node is None:
            if arg in _BLOCK:
                out.block()
            elif arg in _CELL or arg == "del":
                out.space()
            continue
        steps += 1
        if steps & 4095 == 0:
            budget.check()
        bold, pre = arg
        tag = node.tag
        if tag == "-text":
            text = node.text_content or ""
            if pre and "\n" in text:
                for i, piece in enumerate(text.split("\n")):
                    if i:
                        out.br()
                    out.text(piece, bold)
            else:
                out.text(text, bold)
            continue
        if tag in ("-comment", "!doctype") or not isinstance(tag, str) or tag.startswith("-"):
            continue
        if tag in _SKIP and node is not root:
            continue
        attrs = node.attributes  # read once: each read builds a new dict
        if node is not root and (_hidden(node, attrs) or _boilerplate(node, attrs)):
            continue
        if tag == "br":
            out.br()
            continue
        state = (bold or tag in _BOLD or _bold_style(attrs), pre or tag in ("pre", "textarea", "listing", "plaintext"))
        said_by = _speaker_attribute(node, attrs)
        if said_by is not None:  # <speech speaker="ROE">: the label in bold, as a page prints one
            out.block()
            out.text(said_by + ":", True)
            out.space()
            tag = "p"
        elif tag in _BLOCK or (attrs and "who" in attrs):
            out.block()  # a legend's entry (<candidate who="ROE">Senator Jane Roe</candidate>) is a line
            tag = "p"
        elif tag in _CELL or tag not in _HTML_TAGS:
            out.space()  # a cell; where an XML transcript's own element opens ("<vocal/>"): between words
        stack.append((None, tag))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        for child in reversed(children):
            stack.append((child, state))
    out.block()
    return out.paragraphs


#: the attributes that name who says an element's text: any element's `speaker` or `data-speaker`;
#: `who` on TEI's utterance and speech (`<u who="#roe">`, `<sp who=…>`), `by` on Akoma Ntoso's
#: `<speech by="#roe">` (elsewhere `who` lists a legend's people: `<candidate who="ROE">`)
_SPEAKER_ATTRS = ("speaker", "data-speaker")


def _speaker_attribute(node, attrs: dict) -> str | None:
    """The speaker an element's attribute (``attrs``) names ("ROE", "#jroe" → "jroe"), where it
    holds no element of its own that prints a label (TEI's `<speaker>`, Akoma Ntoso's `<from>`)."""
    if not attrs:
        return None
    value = next((attrs.get(a) for a in _SPEAKER_ATTRS if attrs.get(a)), None)
    if value is None and node.tag in SPEECH_ATTRIBUTES:
        value = attrs.get(SPEECH_ATTRIBUTES[node.tag]) or attrs.get("who")
    value = _clean(value).lstrip("#") if value else ""
    if not value or len(value) > 60 or node.css_first("speaker, from") is not None:
        return None
    return value


# --------------------------------------------------------------------------- main content

_PARA_TAGS = ("p", "pre", "td", "blockquote", "li", "dd")
_CANDIDATE_TAGS = {"div", "article", "main", "section", "td", "body", "blockquote", "center", "font", "span"}
_NEGATIVE = re.compile(
    r"comment|footer|footnote|sidebar|widget|menu|nav|related|share|social|breadcrumb|banner|sponsor|advert|promo|subscribe|copyright",
    re.I,
)
_POSITIVE = re.compile(r"article|body|content|entry|main|post|text|transcript|story|field-item", re.I)


def _boilerplate(node, attrs: dict) -> bool:
    """A share bar, related-links list or similar inside the content: named so (class or id)
    and mostly links; or, named or not, a box of two links or more that are most of its text
    ("Mehr zum Thema" and its two teasers, in an archive's copy that kept no class names)."""
    if node.tag in _BOXES and _link_box(node):
        return True
    if not attrs:
        return False
    name = " ".join(filter(None, [attrs.get("class"), attrs.get("id")]))
    if not name or not _NEGATIVE.search(name) or _POSITIVE.search(name):
        return False
    text_len, links = _link_text(node)
    return text_len == 0 or links / text_len > 0.5


#: the elements that may be a box of links inside the main text
_BOXES = ("section", "div")


def _link_box(node) -> bool:
    """Two links or more that are most of an element's text (2,000 characters at most)."""
    if len(node.css("a")) < 2:
        return False
    text_len, links = _link_text(node)
    return 0 < text_len <= 2000 and links / text_len > 0.5


def _link_text(node) -> tuple[int, int]:
    """The size of an element's text and of its links' text."""
    return _size(node.text(deep=True)), sum(_size(a.text(deep=True)) for a in node.css("a"))


def _key(node) -> int:
    return node.mem_id


def _direct_text_len(node) -> int:
    n = 0
    child = node.child
    while child is not None:
        if child.tag == "-text":
            n += _size(child.text_content)
        child = child.next
    return n


def _credit_body_text(body, credit) -> None:
    """Text the body holds itself, lines parted by `<br>`s (an old parliament's record: headings in
    divs, the speech straight in the body), counts for the body as each paragraph does: a point,
    one a comma, up to three for its length, a paragraph being what runs between two `<br>`s."""
    runs: list[str] = [""]
    child = body.child
    while child is not None:
        tag = child.tag
        if tag == "-text":
            runs[-1] += child.text_content or ""
        elif tag in _INLINE_TEXT and child.css_first(_BLOCK_SELECTOR) is None:  # not a <b> round the page
            runs[-1] += child.text(deep=True)
        elif tag != "-comment" and runs[-1].strip():  # <br>, a block: the paragraph ends
            runs.append("")
        child = child.next
    for run in runs:
        size = _size(run)
        if size >= 25:
            credit(body, 1 + run.count(",") + min(size // 100, 3))


_INLINE_TEXT = frozenset({"b", "strong", "i", "em", "a", "span", "font", "u"})
_BLOCK_SELECTOR = ",".join(sorted(_BLOCK))


def content_root(tree: LexborHTMLParser):
    """The element holding the page's main text (readability-style density scoring)."""
    body = tree.body or tree.root
    if body is None:
        return None
    scores: dict[int, float] = {}
    nodes: dict[int, object] = {}

    def credit(node, points: float) -> None:
        if node is None or node.tag not in _CANDIDATE_TAGS:
            return
        k = _key(node)
        if k not in nodes:
            nodes[k] = node
            cls = " ".join(filter(None, [node.attributes.get("class"), node.attributes.get("id")]))
            bonus = 0.0
            if cls and _POSITIVE.search(cls):
                bonus += 25
            if cls and _NEGATIVE.search(cls):
                bonus -= 25
            scores[k] = bonus
        scores[k] += points

    units = list(body.css(",".join(_PARA_TAGS)))
    # text held directly by a div (lines separated by <br>) counts as a paragraph too
    units += [d for d in body.css("div") if _direct_text_len(d) >= 25]
    _credit_body_text(body, credit)
    for unit in units:
        if _inside_skipped(unit):
            continue
        text = unit.text(deep=True)
        size = _size(text)
        if size < 25:
            continue
        points = 1 + text.count(",") + min(size // 100, 3)
        parent = unit.parent
        if unit.tag == "div":
            credit(unit, points)
        credit(parent, points)
        if parent is not None:
            credit(parent.parent, points / 2)
    if not scores:
        return body
    best, best_score = None, float("-inf")
    for k, node in sorted(nodes.items(), key=lambda kv: -scores[kv[0]]):
        if scores[k] <= best_score:
            continue  # link density can only lower a score
        text_len, link_len = _link_text(node)
        score = scores[k] * (1 - min(link_len / (text_len or 1), 1.0))
        if score > best_score:
            best, best_score = node, score
    if best is None or _short_leaf(best):
        return body
    best = _unwrapped(best)
    return _with_siblings(best, scores, best_score) or best


#: the least text a block with no blocks inside holds to be the page's main text: less is one line
#: of it ('<div class="transcript-timestamp">19:10 // Jane Roe</div>', before each turn)
MIN_ROOT_SIZE = 200


def _short_leaf(node) -> bool:
    """Is the node a block with no blocks inside and little text (`MIN_ROOT_SIZE`)?"""
    if _size(node.text(deep=True)) >= MIN_ROOT_SIZE:
        return False
    inside = node.traverse()
    next(inside, None)  # the node itself
    return not any(d.tag in _BLOCK for d in inside)


def _unwrapped(best):
    """The best element, or the wrapper it is the only element of (readability's rule: an archive's
    copy of a page wraps each paragraph in a block of its own, whose siblings hold the rest of
    the text)."""
    for _ in range(16):
        parent = best.parent
        if parent is None or parent.tag in ("body", "html"):
            return best
        if sum(1 for _ in parent.iter()) != 1 or _size(parent.text(deep=True)) != _size(best.text(deep=True)):
            return best
        best = parent
    return best


#: a sibling of the best element that scores this share of it holds the same text (readability's rule)
SIBLING_SHARE = 0.2


def _with_siblings(best, scores: dict[int, float], best_score: float):
    """The best element's parent, where a sibling of it scores a fifth of its score or more: the
    text runs on in the next block (a word processor's page, its paragraphs split between
    `<font>` and `<dir>` blocks, would otherwise lose all but one of them); else None."""
    parent = best.parent
    if parent is None or parent.tag in ("body", "html") or best_score <= 0:
        return None
    kb = _key(best)
    for child in parent.iter():
        k = _key(child)
        if k != kb and scores.get(k, 0.0) >= SIBLING_SHARE * best_score:
            return parent
    return None


def _inside_skipped(node) -> bool:
    p = node
    for _ in range(64):
        if p is None:
            return False
        if p.tag in ("nav", "footer", "aside", "form", "menu", "script", "style", "noscript", "template") or _hidden(p):
            return True
        p = p.parent
    return False


def _is_ancestor(a, b) -> bool:
    """Is `a` an ancestor of (or equal to) `b`?"""
    ka = _key(a)
    p = b
    while p is not None:
        if _key(p) == ka:
            return True
        p = p.parent
    return False


def title_heading(tree: LexborHTMLParser, root) -> str | None:
    """The page's title heading when it lies outside the content root: its `<h1>`, else the
    first non-empty h1–h3 that comes before the root inside the root's parent or grandparent."""
    if root is None:
        return None
    for h in tree.css("h1"):
        if _inside_skipped(h) or _is_logo(h):
            continue
        text = _clean(h.text(deep=True))
        if text:
            return None if _is_ancestor(root, h) else text
    container = root.parent
    for _ in range(2):
        if container is None:
            break
        for h in container.css(",".join(_HEADINGS)):
            if _is_ancestor(root, h):
                return None  # the root has its own heading
            if _inside_skipped(h):
                continue
            text = _clean(h.text(deep=True))
            if text and _precedes(h, root):
                return text
        container = container.parent
    return None


def _is_logo(heading) -> bool:
    """A heading that is only a link (a site logo or name linking home) is no title."""
    size = _size(heading.text(deep=True))
    return bool(size) and sum(_size(a.text(deep=True)) for a in heading.css("a")) >= size


def _precedes(a, b) -> bool:
    """Does element `a` come before `b` in document order (a not containing b)?"""

    # compare paths from the root: first differing child index decides
    def path(n):
        out = []
        while n is not None and n.parent is not None:
            idx = 0
            s = n.prev
            while s is not None:
                idx += 1
                s = s.prev
            out.append(idx)
            n = n.parent
        return out[::-1]

    pa, pb = path(a), path(b)
    for x, y in zip(pa, pb):
        if x != y:
            return x < y
    return False


# --------------------------------------------------------------------------- metadata

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
_MONTHS = {k[:3]: v for k, v in _MONTHS.items()}
_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE_PATTERNS = [
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    re.compile(_MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b", re.I),
    re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r",?\s+(?P<y>\d{4})\b", re.I),
    re.compile(r"(?<![\d/.-])(?P<m>\d{1,2})[/-](?P<d>\d{1,2})[/-](?P<y>\d{4}|\d{2})(?![\d/.-])"),
]


def find_date(text: str | None) -> str | None:
    """The first full calendar date written in `text`, as ISO `YYYY-MM-DD` (or None).

    Understands ISO dates, "November 29, 2018", "10 May 2018", and US numeric dates as
    publishers put them in titles ("3/11/16", "4/18/2014", "5-7-09": month first).
    """
    if not text:
        return None
    best: tuple[int, str] | None = None
    for pat in _DATE_PATTERNS:
        for m in pat.finditer(text):
            g = m.groupdict()
            try:
                month = int(g["m"]) if g.get("m") else _MONTHS[g["mon"].lower()[:3]]
                year = int(g["y"])
                if year < 100:
                    year += 2000 if year < 70 else 1900
                iso = _dt.date(year, month, int(g["d"])).isoformat()
            except (ValueError, KeyError):
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), iso)
            break
    return best[1] if best else None


def _iso(value: str | None) -> str | None:
    """A date/time attribute value → ISO date (time kept when given)."""
    if not value:
        return None
    value = value.strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?", value)
    if m:
        try:
            _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
        return m.group(0)
    return find_date(value)


_META_KEYS = {
    "date": (
        "article:published_time",
        "og:published_time",
        "datepublished",
        "date",
        "dc.date",
        "dc.date.issued",
        "dcterms.date",
        "dcterms.issued",
        "pubdate",
        "publishdate",
        "publication_date",
        "sailthru.date",
        "parsely-pub-date",
    ),
    "last_updated": (
        "article:modified_time",
        "og:updated_time",
        "datemodified",
        "dcterms.modified",
        "last-modified",
        "lastmod",
    ),
    "description": ("description", "og:description", "dc.description", "twitter:description"),
    "site": ("og:site_name", "application-name", "dc.publisher"),
    "url": ("og:url",),
    "author": ("author", "dc.creator", "article:author"),
}


def page_metadata(tree: LexborHTMLParser, title_line: str | None) -> dict:
    """Title, date, last_updated, url, description, site from `<title>`, meta tags and visible dates."""
    meta: dict[str, str] = {}
    found: dict[str, str] = {}
    for m in tree.css("meta"):
        a = m.attributes
        key = (a.get("property") or a.get("name") or a.get("itemprop") or a.get("http-equiv") or "").strip().lower()
        val = _clean(a.get("content"))
        if key and val and key not in found:
            found[key] = val
    for node in tree.css("[itemprop]"):
        key = (node.attributes.get("itemprop") or "").lower()
        if key in ("datepublished", "datemodified") and key not in found:
            val = node.attributes.get("datetime") or node.attributes.get("content") or node.text()
            if val:
                found[key] = _clean(val)
    for out_key, keys in _META_KEYS.items():
        for k in keys:
            if k in found:
                meta[out_key] = found[k]
                break
    for k in ("date", "last_updated"):
        if k in meta:
            iso = _iso(meta[k])
            if iso:
                meta[k] = iso
            else:
                del meta[k]
    title_node = tree.css_first("title")
    title = _clean(title_node.text()) if title_node is not None else ""
    if not title:
        title = found.get("og:title") or title_line or ""
    if title:
        meta["title"] = title
    canonical = tree.css_first('link[rel="canonical"]')
    if canonical is not None and canonical.attributes.get("href"):
        meta["url"] = canonical.attributes["href"].strip()
    if "date" not in meta:
        for t in tree.css("time[datetime]"):
            iso = _iso(t.attributes.get("datetime"))
            if iso:
                meta["date"] = iso
                break
    if "date" not in meta:
        for node in tree.css('[class*="date"], [id*="date"], [id*="Time"], [class*="time"]'):
            if _inside_skipped(node):
                continue
            iso = find_date(_clean(node.text(deep=True))[:200])
            if iso:
                meta["date"] = iso
                break
    if "date" not in meta:
        iso = find_date(title_line) or find_date(title)
        if iso:
            meta["date"] = iso
    return meta


# --------------------------------------------------------------------------- labels

_LABEL_IN_BOLD = re.compile(r"^([^:?!\"“”]{1,60}?)\s*:(?=\s|$)")
_NAME_ALONE = re.compile(r"^[A-Z][^\d:?!;,\"“”]{0,48}$")


def label_from_bold(text: str, bold_end: int, next_is_plain: bool = False) -> tuple[int, int, str] | None:
    """A speaker label that bold markup makes explicit at the start of a line of `text`.

    `bold_end` is the length of the bold run that opens the line. Returns (start, end,
    name) with `end` after the separator, or None:

    * the bold run is the label: `Q:`, `CHAIR POWELL.`, `Ed Conway, Sky News:` (≤ 60 chars);
    * a bold run followed by its separator in plain text: **Q**: …;
    * a whole bold question opening with its label: **Reuters: Regarding the …** → `Reuters:`;
    * a bold name alone on its line, followed by plain text (`next_is_plain`): **MR. SMITH**.
    """
    if bold_end <= 0:
        return None
    bold_text = text[:bold_end]
    stripped = bold_text.rstrip()
    words = len(stripped.split())
    if 0 < len(stripped) <= 60 and words <= 8:
        if stripped.endswith((":", ".")) and not stripped.endswith(".."):
            name = stripped[:-1].strip()
            if name:
                return 0, len(stripped), name
        rest = text[bold_end:]
        lead = len(rest) - len(rest.lstrip(" "))
        if rest[lead : lead + 1] == ":":
            return 0, bold_end + lead + 1, stripped
        if not rest.strip() and next_is_plain and words <= 5 and _NAME_ALONE.match(stripped):
            return 0, len(stripped), stripped  # a name alone on its line
        if (
            rest.strip()
            and len(stripped) <= 40
            and words <= 5
            and _NAME_ALONE.match(stripped)
            and not stripped.endswith(",")
        ):
            return 0, len(stripped), stripped  # a bold name, then the plain text it says: **Q** Text
    m = _LABEL_IN_BOLD.match(bold_text)
    if m and len(m.group(1).split()) <= 7 and not _NUMBER_ONLY.fullmatch(bold_text[m.end() :]):
        return 0, m.end(), m.group(1).strip()
    return None  # nor a printed record's marker, its number in the bold too: **Column: 1115**


_NUMBER_ONLY = re.compile(r"\s*\d{1,6}\s*")


def _label_from_bold(line: Line, next_is_plain: bool = False) -> tuple[int, int, str] | None:
    if not line.bold:
        return None
    if line.bold[0][0] != 0:
        return _numbered_question(line)
    return label_from_bold(line.text, line.bold[0][1], next_is_plain)


#: a question's number, then the asker's name in bold and "asked the …" or a colon: a parliament's
#: order paper as its record prints it ("1. **Mr Jane Roe** asked the Minister for …", "2. **Mr
#: John Doe**: To ask the Minister …")
_QUESTION_NUMBER = re.compile(r"\d{1,3}\.[ \u00a0]+")
_ASKED = re.compile(r"[ \u00a0]*(?::|asked (?:the|whether)\b)")


def _numbered_question(line: Line) -> tuple[int, int, str] | None:
    """The asker's label of a numbered question (`_QUESTION_NUMBER`): from the line's start (the
    number goes with the label), to the end of the bold name, or of the colon after it."""
    start, end = line.bold[0]
    number = _QUESTION_NUMBER.fullmatch(line.text, 0, start)
    name = line.text[start:end].strip()
    asked = _ASKED.match(line.text, end)
    if number is None or asked is None or not _NAME_ALONE.match(name) or len(name.split()) > 6:
        return None
    return 0, asked.end() if ":" in asked.group() else end, name


# --------------------------------------------------------------------------- reader


def assemble(paragraphs: list[list[Line]]) -> tuple[str, list[LabelHint]]:
    """Paragraphs of lines → (text, label hints): paragraphs joined by a blank line, lines
    by a line break; a bold label opening a line becomes a `LabelHint`."""
    parts: list[str] = []
    labels: list[LabelHint] = []
    pos = 0
    flat = [line for para in paragraphs for line in para]
    k = 0
    for para in paragraphs:
        if parts:
            parts.append("\n\n")
            pos += 2
        for i, line in enumerate(para):
            if i:
                parts.append("\n")
                pos += 1
            nxt = flat[k + 1] if k + 1 < len(flat) else None
            # the document's first line is its title, never a name alone on its line
            hint = _label_from_bold(line, next_is_plain=k > 0 and nxt is not None and not nxt.bold)
            k += 1
            if hint:
                labels.append(LabelHint(pos + hint[0], pos + hint[1], hint[2]))
            parts.append(line.text)
            pos += len(line.text)
    return "".join(parts), labels


def html_to_document(html: str, source: dict, budget: Budget | None = None, whole: bool = False) -> Document:
    """Decoded page text → `Document` (see the module docstring for the conventions); ``whole``
    reads the whole body, not the main content container (a record turned into HTML)."""
    budget = budget or Budget.from_env()
    html, n_literals = unescape_bytes_literals(html)
    check_html_depth(html, source.get("path"))
    tree = LexborHTMLParser(html)
    budget.check()
    root = (tree.body or tree.root) if whole else content_root(tree)
    if root is None:
        raise ReadError(f"cannot read {source.get('path') or 'input'}: the page holds no text")
    paragraphs = _walk(root, budget)
    heading = title_heading(tree, root)

    if heading and not (paragraphs and _clean(" ".join(ln.text for ln in paragraphs[0])) == heading):
        paragraphs.insert(0, [Line(heading)])
    text, labels = assemble(paragraphs)
    if not text.strip():
        raise ReadError(f"cannot read {source.get('path') or 'input'}: the page holds no text")
    meta = page_metadata(tree, heading)
    src = {}
    if n_literals:
        src["escaped_bytes_literals"] = n_literals
    return Document(text=text, format="html", metadata=meta, source=src, labels=labels)


def read_html(data: bytes, source: dict) -> Document:
    """Read a saved web page (bytes) into a `Document`."""
    check_markup_size(data, source.get("path"), "a web page")
    with time_limit(Budget.from_env(), source.get("path")) as budget:
        speeches = speech_xml(data)  # a parliament's record: a block of its own names each speaker
        record, legend = xml_parts(data) if speeches is None else (None, {})
        if speeches is not None:
            html, encoding = speeches[0], "xml"
        elif record is not None:  # an archive's XML record: its content, its fields as metadata
            html, encoding = record[0], "xml"
        else:
            html, encoding = decode_html(data)
        doc = html_to_document(html, source, budget, whole=speeches is not None)
    if record is not None:
        _record_fields(doc, record[1])
    if speeches is not None:
        doc.source["speech_blocks"] = True
    if speeches is not None and speeches[1]:
        doc.metadata.setdefault("speakers", speeches[1])  # read as a front matter's map of labels to names
    elif legend:  # TEI's header: the names its utterances' `who` ids stand for
        doc.metadata.setdefault("speakers", legend)
    doc.source["encoding"] = encoding
    return doc


def _record_date(value: str) -> str | None:
    """An ISO or written date, or a numeric one whose day and month cannot be confused
    ("14/05/1974"; not "05/06/1974")."""
    iso = _iso(value)
    m = None if iso else re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value.strip())
    if m is None:
        return iso
    a, b, y = (int(x) for x in m.groups())
    if (a > 12) == (b > 12):
        return None
    day, month = (a, b) if a > 12 else (b, a)
    try:
        return _dt.date(y, month, day).isoformat()
    except ValueError:
        return None


def _record_fields(doc: Document, fields: dict[str, str]) -> None:
    """An XML record's fields join the metadata as front matter would ("prime-minister": …); its
    title and its first date field stand for the page's own."""
    for key, value in fields.items():
        doc.metadata.setdefault(key, value)
    dates = [_record_date(v) for k, v in fields.items() if "date" in k] + [find_date(fields.get("title"))]
    dated = next((d for d in dates if d), None)
    if dated and "date" not in doc.metadata:
        doc.metadata["date"] = dated
    doc.source["xml_record_fields"] = sorted(fields)
