"""Search: the query language, its safe translation to SQLite FTS5 and PostgreSQL tsquery,
result types, snippets and reciprocal rank fusion.

The query language (what users type):

- ``word``: turns containing the word (case and accents ignored, no stemming);
- ``"a phrase"``: the words in this order;
- ``prefix*``: any word starting with ``prefix``;
- ``AND`` (the default between terms), ``OR``, ``NOT`` (upper case), a leading ``-`` as NOT,
  and ``( … )`` for grouping.

Nothing the user types reaches the database as syntax: each term is reduced to its letter
and digit runs and re-quoted by `to_fts5` / `to_tsquery`; stray quotes and brackets are
ignored; a query that keeps no word to look for, or only excludes words, or is longer than
`MAX_TERMS` terms, or nests brackets and NOTs deeper than `MAX_DEPTH`, raises `QueryError` with a
one-line message.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Sequence

from .errors import UsageError


class QueryError(UsageError):
    """The search query cannot be searched (no words, only exclusions, too long)."""

    code = "E020"


#: the most terms (words, phrases, prefixes) one query may hold
MAX_TERMS = 64
#: the longest query accepted, in characters
MAX_QUERY_CHARS = 4000
#: the deepest nesting of brackets and NOTs accepted (the parser recurses once per level)
MAX_DEPTH = 16
#: the shortest prefix accepted before ``*``
MIN_PREFIX = 2

#: private-use characters that mark highlights in snippets coming back from the database
HL_START, HL_END = "\ue000", "\ue001"

_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case without diacritics (what SQLite's ``unicode61 remove_diacritics 2`` does)."""
    text = text.lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def index_text(text: str) -> str:
    """The text as the index sees it: folded letter/digit runs separated by single spaces.
    PostgreSQL's tsvector is built from this, so both engines split words alike."""
    return " ".join(_WORD.findall(fold(text)))
_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"|(?P<open>\()|(?P<close>\))|(?P<word>[^\s"()]+)')


# -- the query tree --------------------------------------------------------------------
@dataclass(frozen=True)
class Term:
    """A word or a phrase: ``words`` are lower-case letter/digit runs, in order."""

    words: tuple[str, ...]
    prefix: bool = False

    def __str__(self) -> str:
        text = " ".join(self.words)
        if len(self.words) > 1:
            text = f'"{text}"'
        return text + ("*" if self.prefix else "")


@dataclass(frozen=True)
class Not:
    child: "Node"


@dataclass(frozen=True)
class And:
    children: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    children: tuple["Node", ...]


Node = Term | Not | And | Or


@dataclass(frozen=True)
class Query:
    """A parsed query: the original text, its tree, and the positive terms (for highlighting)."""

    text: str
    tree: Node

    @property
    def terms(self) -> list[Term]:
        out: list[Term] = []

        def walk(n: Node, negated: bool) -> None:
            if isinstance(n, Term):
                if not negated:
                    out.append(n)
            elif isinstance(n, Not):
                walk(n.child, not negated)
            else:
                for c in n.children:
                    walk(c, negated)

        walk(self.tree, False)
        return out

    @property
    def has_prefix(self) -> bool:
        """Whether any term, excluded ones included, is a prefix (``immigra*``)."""

        def walk(n: Node) -> bool:
            if isinstance(n, Term):
                return n.prefix
            if isinstance(n, Not):
                return walk(n.child)
            return any(walk(c) for c in n.children)

        return walk(self.tree)

    def __str__(self) -> str:
        return render(self.tree)


def render(node: Node) -> str:
    """The normalised query text (what was understood), e.g. ``arms AND (control OR treaty)``."""
    if isinstance(node, Term):
        return str(node)
    if isinstance(node, Not):
        return "NOT " + render(node.child)
    joiner = " AND " if isinstance(node, And) else " OR "
    return "(" + joiner.join(render(c) for c in node.children) + ")"


# -- parsing ----------------------------------------------------------------------------
def _lex(text: str) -> list[tuple[str, Any]]:
    """Tokens: ("term", Term) | ("op", "AND"/"OR"/"NOT") | ("(", None) | (")", None)."""
    tokens: list[tuple[str, Any]] = []
    # an odd number of quotes: the last one is stray and ignored
    if text.count('"') % 2:
        i = text.rfind('"')
        text = text[:i] + " " + text[i + 1:]
    for m in _TOKEN.finditer(text):
        if m.group("open"):
            tokens.append(("(", None))
        elif m.group("close"):
            tokens.append((")", None))
        elif m.group("phrase") is not None:
            words = tuple(_WORD.findall(fold(m.group("phrase"))))
            if words:
                tokens.append(("term", Term(words)))
        else:
            raw = m.group("word")
            if raw in ("AND", "OR", "NOT", "&&", "||"):
                tokens.append(("op", {"&&": "AND", "||": "OR"}.get(raw, raw)))
                continue
            negate = raw.startswith("-") and len(raw) > 1
            if negate:
                raw = raw.lstrip("-")
            prefix = raw.endswith("*")
            words = tuple(_WORD.findall(fold(raw)))
            if not words:
                continue
            if prefix and len(words[-1]) < MIN_PREFIX:
                prefix = False
            if negate:
                tokens.append(("op", "NOT"))
            tokens.append(("term", Term(words, prefix)))
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, Any]]):
        self.tokens = tokens
        self.i = 0

    def peek(self) -> tuple[str, Any] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def next(self) -> tuple[str, Any]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node | None:
        nodes = []
        while self.peek() is not None:
            node = self.or_expr()
            if node is not None:
                nodes.append(node)
            elif self.peek() is not None:  # an unmatched ")" or a dangling operator
                self.next()
        return _and(nodes)

    def or_expr(self) -> Node | None:
        parts = [self.and_expr()]
        while self.peek() == ("op", "OR"):
            self.next()
            parts.append(self.and_expr())
        return _or([p for p in parts if p is not None])

    def and_expr(self) -> Node | None:
        parts = []
        while True:
            tok = self.peek()
            if tok is None or tok[0] == ")" or tok == ("op", "OR"):
                break
            if tok == ("op", "AND"):
                self.next()
                continue
            node = self.unary()
            if node is not None:
                parts.append(node)
        return _and(parts)

    def unary(self) -> Node | None:
        tok = self.next()
        if tok == ("op", "NOT"):
            nxt = self.peek()
            if nxt is None or nxt[0] == ")" or nxt in (("op", "AND"), ("op", "OR")):
                return None  # NOT with nothing after it: ignored
            child = self.unary()
            return Not(child) if child is not None else None
        if tok[0] == "term":
            return tok[1]
        if tok[0] == "(":
            node = self.or_expr()
            if self.peek() is not None and self.peek()[0] == ")":
                self.next()
            return node
        return None  # a stray ")" or operator


def _and(nodes: list[Node]) -> Node | None:
    flat: list[Node] = []
    for n in nodes:
        flat.extend(n.children if isinstance(n, And) else (n,))
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else And(tuple(flat))


def _or(nodes: list[Node]) -> Node | None:
    flat: list[Node] = []
    for n in nodes:
        flat.extend(n.children if isinstance(n, Or) else (n,))
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else Or(tuple(flat))


def _simplify(node: Node) -> Node:
    """Remove double negations; check that every NOT sits beside something positive."""
    if isinstance(node, Term):
        return node
    if isinstance(node, Not):
        inner = _simplify(node.child)
        if isinstance(inner, Not):
            return inner.child
        return Not(inner)
    children = tuple(_simplify(c) for c in node.children)
    if isinstance(node, Or) and any(isinstance(c, Not) for c in children):
        raise QueryError("NOT cannot be one side of OR; write e.g. 'a NOT b' or '(a OR b) NOT c'")
    if isinstance(node, And) and all(isinstance(c, Not) for c in children):
        raise QueryError("the query only excludes words; add a word to look for, e.g. 'nato NOT russia'")
    return type(node)(children)


def parse_query(text: str) -> Query:
    """Parse what a user typed into a `Query`; raise `QueryError` when nothing can be searched."""
    if not isinstance(text, str):
        raise QueryError("the query must be text")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is too long: {len(text)} characters, at most {MAX_QUERY_CHARS}")
    tokens = _lex(text)
    _check_depth(tokens)
    tree = _Parser(tokens).parse()
    if tree is None:
        raise QueryError("the query has no words to search for")
    tree = _simplify(tree)
    if isinstance(tree, Not):
        raise QueryError("the query only excludes words; add a word to look for, e.g. 'nato NOT russia'")
    n = _count_terms(tree)
    if n > MAX_TERMS:
        raise QueryError(f"the query is too long: {n} terms, at most {MAX_TERMS}")
    return Query(text=text, tree=tree)


def _check_depth(tokens: list[tuple[str, Any]]) -> None:
    """Refuse, before parsing, brackets and NOTs nested deeper than MAX_DEPTH."""
    depth = nots = 0
    for kind, value in tokens:
        if kind == "(":
            depth += 1
        elif kind == ")":
            depth = max(depth - 1, 0)
        nots = nots + 1 if value == "NOT" else 0
        if depth + nots > MAX_DEPTH:
            raise QueryError(f"the query nests too deeply: brackets and NOTs more than {MAX_DEPTH} levels deep")


def _count_terms(node: Node) -> int:
    if isinstance(node, Term):
        return 1
    if isinstance(node, Not):
        return _count_terms(node.child)
    return sum(_count_terms(c) for c in node.children)


# -- translation ------------------------------------------------------------------------
def to_fts5(query: Query | Node) -> str:
    """The FTS5 MATCH expression. Every term is a double-quoted string of letter/digit runs,
    so no user text is ever read as FTS5 syntax."""
    node = query.tree if isinstance(query, Query) else query
    if isinstance(node, Term):
        return '"' + " ".join(node.words) + '"' + (" *" if node.prefix else "")
    if isinstance(node, Not):  # only reached inside And (checked by _simplify)
        return to_fts5(node.child)
    if isinstance(node, Or):
        return "(" + " OR ".join(to_fts5(c) for c in node.children) + ")"
    pos = [c for c in node.children if not isinstance(c, Not)]
    neg = [c for c in node.children if isinstance(c, Not)]
    text = to_fts5(pos[0]) if len(pos) == 1 else "(" + " AND ".join(to_fts5(c) for c in pos) + ")"
    for c in neg:
        text = f"{text} NOT {to_fts5(c.child)}"
    return "(" + text + ")" if neg else text


def to_tsquery(query: Query | Node, config: str = "simple", placeholder: str = "%s") -> tuple[str, list[Any]]:
    """A PostgreSQL expression of type tsquery, with its parameters (``placeholder`` marks them).

    Words and phrases go through ``phraseto_tsquery`` as parameters; a prefix term becomes
    ``to_tsquery`` of its letter/digit runs joined by ``<->`` with ``:*`` on the last, which
    holds no character tsquery would read as syntax."""
    node = query.tree if isinstance(query, Query) else query
    if config not in ("simple", "english"):
        raise ValueError(f"unsupported text search configuration {config!r}")
    if isinstance(node, Term):
        if node.prefix:
            value = " <-> ".join(node.words[:-1] + (node.words[-1] + ":*",))
            return f"to_tsquery('{config}', {placeholder})", [value]
        return f"phraseto_tsquery('{config}', {placeholder})", [" ".join(node.words)]
    if isinstance(node, Not):
        sql, params = to_tsquery(node.child, config, placeholder)
        return f"(!! {sql})", params
    op = " && " if isinstance(node, And) else " || "
    parts = [to_tsquery(c, config, placeholder) for c in node.children]
    return "(" + op.join(p[0] for p in parts) + ")", [v for p in parts for v in p[1]]


# -- filters and results ----------------------------------------------------------------
#: the facets every search counts (turn columns, then labels from annotations)
FACETS = ("speaker", "role", "outlet", "year", "entity", "topic", "clarity", "evasion")


@dataclass
class Filters:
    """Filters for search, events and exports. Text filters match case-insensitively;
    ``speaker`` and ``outlet`` match a part of the name; dates are ISO (``2021``,
    ``2021-03`` or ``2021-03-22``; ``until`` includes the whole period it names)."""

    speaker: str | None = None
    role: str | None = None
    outlet: str | None = None
    entity: str | None = None
    topic: str | None = None
    clarity: str | None = None
    kind: str | None = None  # turn kind: statement, question, answer, moderator, remark
    event: str | None = None  # an event id
    since: str | None = None
    until: str | None = None
    all_versions: bool = False

    def is_empty(self) -> bool:
        return not any(v for k, v in asdict(self).items() if k != "all_versions")

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, False)}


@dataclass
class SearchHit:
    """One turn that matched. ``snippet`` is plain text; ``highlights`` are [start, end)
    character spans into it (use `snippet_html` or `snippet_marked` to show them)."""

    id: str  # permalink id: "<event_id>#<turn_id>"
    event_id: str
    turn_id: str
    event_title: str | None
    date: str | None
    speaker: str | None
    role: str | None
    outlet: str | None
    kind: str | None
    exchange_id: str | None
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)
    score: float = 0.0
    text: str | None = None  # the whole turn, when asked for

    def snippet_html(self) -> str:
        """The snippet HTML-escaped, highlights wrapped in ``<mark>``."""
        return snippet_marked(self.snippet, self.highlights, "<mark>", "</mark>", escape=html.escape)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["highlights"] = [list(h) for h in self.highlights]
        return d


@dataclass
class FacetValue:
    value: str
    count: int


@dataclass
class SearchResult:
    query: str  # the normalised query ("" for filter-only listings)
    mode: str  # "fulltext" | "semantic" | "hybrid"
    total: int  # matching turns (semantic/hybrid: size of the ranked pool)
    hits: list[SearchHit]
    facets: dict[str, list[FacetValue]]
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "mode": self.mode,
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
            "hits": [h.to_dict() for h in self.hits],
            "facets": {k: [asdict(v) for v in vs] for k, vs in self.facets.items()},
        }


def split_highlights(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Turn text with `HL_START`/`HL_END` markers into (plain text, highlight spans)."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    start: int | None = None
    for ch in marked:
        if ch == HL_START:
            start = pos
        elif ch == HL_END:
            if start is not None and pos > start:
                spans.append((start, pos))
            start = None
        else:
            out.append(ch)
            pos += 1
    return "".join(out), spans


def snippet_marked(text: str, spans: Sequence[Sequence[int]], open_: str, close: str, escape=None) -> str:
    """Wrap the highlight spans of ``text`` in ``open_``/``close`` (escaping the text)."""
    esc = escape or (lambda s: s)
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out.append(esc(text[pos:start]))
        out.append(open_ + esc(text[start:end]) + close)
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def _term_pattern(terms: Iterable[Term]) -> re.Pattern | None:
    alts = sorted({re.escape(w) for t in terms for w in t.words[:-1]} |
                  {re.escape(t.words[-1]) + (r"[^\W_]*" if t.prefix else "") for t in terms}, key=len, reverse=True)
    if not alts:
        return None
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alts) + r")(?![^\W_])", re.IGNORECASE)


def highlight_terms(text: str, terms: Iterable[Term], width: int = 240) -> tuple[str, list[tuple[int, int]]]:
    """A snippet of ``text`` around the first term found, with the terms' words highlighted.
    Used where the database has no snippet function at hand (PostgreSQL, hybrid hits).
    Words are matched case-insensitively; when that finds nothing in a text with accents,
    words are folded one by one (``Président`` for ``president``)."""
    terms = list(terms)
    pattern = _term_pattern(terms)
    spans: list[tuple[int, int]] = []
    if pattern is not None:
        spans = [m.span() for m in pattern.finditer(text)]
        if not spans and not text.isascii():
            words = {w for t in terms for w in t.words}
            prefixes = tuple(t.words[-1] for t in terms if t.prefix)
            for m in _WORD.finditer(text):
                w = fold(m.group())
                if w in words or (prefixes and w.startswith(prefixes)):
                    spans.append((m.start(), m.end()))
    start = 0
    if len(text) > width and spans:
        start = max(0, spans[0][0] - width // 3)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
    snippet = text[start:start + width]
    if start + width < len(text):
        space = snippet.rfind(" ")
        if space > width // 2:
            snippet = snippet[:space]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + len(snippet) < len(text) else ""
    shifted = [(a - start + len(prefix), b - start + len(prefix)) for a, b in spans
               if a >= start and b <= start + len(snippet)]
    return prefix + snippet + suffix, shifted


def rrf(rankings: Sequence[Sequence[Any]], k: int = 60) -> list[tuple[Any, float]]:
    """Reciprocal rank fusion: score(d) = Σ 1 / (k + rank(d)), ranks from 1. Ties keep the
    order of first appearance."""
    scores: dict[Any, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    order = {item: i for i, item in enumerate(scores)}
    return sorted(scores.items(), key=lambda kv: (-kv[1], order[kv[0]]))
