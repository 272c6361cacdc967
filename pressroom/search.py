"""Search: the query language, its safe translation to SQLite FTS5 and PostgreSQL tsquery,
result types, snippets and reciprocal rank fusion.

The query language (what users type; FTS5's own syntax, see docs/search.md):

- ``word``: turns containing the word (case and accents ignored, no stemming);
- ``"a phrase"``: the words in this order;
- ``prefix*``: any word starting with ``prefix``; ``"a phrase"*``: the phrase whose last word
  starts so (FTS5's prefix phrase; ``"a phrase*"`` is read the same way);
- ``NEAR(a "b c" d, 5)``: the words or phrases at most 5 words apart (default 10);
- ``AND`` (the default between terms), ``OR``, ``NOT`` (upper case), a leading ``-`` as NOT,
  and ``( … )`` for grouping;
- ``speaker:psaki``, ``outlet:"fox news"``, ``text:word``: column filters (the speaker's
  name, the journalist's outlet, the turn's text); ``speaker:`` and ``outlet:`` combine with
  the rest of the query by AND (or AND NOT) only.

Nothing the user types reaches the database as syntax: each term is reduced to its letter
and digit runs and re-quoted by `to_fts5` / `to_tsquery`; stray quotes and brackets are
ignored; a query that keeps no word to look for, or only excludes words, or is longer than
`MAX_TERMS` terms, or nests brackets and NOTs deeper than `MAX_DEPTH`, or names a column
that does not exist, raises `QueryError` with a one-line message.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Sequence

from .errors import QueryError, UsageError
from .text import fold_case_and_accents as fold


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


def index_text(text: str) -> str:
    """The text as the index sees it: folded letter/digit runs separated by single spaces.
    PostgreSQL's tsvector is built from this, so both engines split words alike."""
    return " ".join(_WORD.findall(fold(text)))


_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"(?P<star>\s*\*)?|(?P<open>\()|(?P<close>\))|(?P<word>[^\s"()]+)')
#: ``name:`` at the start of a word (a column filter when ``name`` is a column)
_COLUMN = re.compile(r"^(?P<neg>-?)(?P<name>[A-Za-z_]+):(?P<rest>.*)$")
#: the columns a query may name: the turn's text, the speaker's name, the journalist's outlet
COLUMNS = ("text", "speaker", "outlet")
#: NEAR's distance when none is given (FTS5's default) and the largest accepted
NEAR_DEFAULT = 10
MAX_NEAR = 100


# -- the query tree --------------------------------------------------------------------
@dataclass(frozen=True)
class Term:
    """A word or a phrase: ``words`` are lower-case letter/digit runs, in order; ``prefix``:
    the last word is a prefix (``immigra*``, ``"student loan"*``)."""

    words: tuple[str, ...]
    prefix: bool = False

    def __str__(self) -> str:
        text = " ".join(self.words)
        if len(self.words) > 1:
            text = f'"{text}"'
        return text + ("*" if self.prefix else "")


@dataclass(frozen=True)
class Near:
    """FTS5's NEAR group: every term, at most ``distance`` words between the end of the first
    and the start of the last (in any order)."""

    terms: tuple[Term, ...]
    distance: int = NEAR_DEFAULT

    def __str__(self) -> str:
        return f"NEAR({' '.join(str(t) for t in self.terms)}, {self.distance})"


@dataclass(frozen=True)
class Column:
    """A column filter, ``speaker:psaki``: the term in the speaker's name (or outlet)."""

    name: str
    term: Term

    def __str__(self) -> str:
        return f"{self.name}:{self.term}"


@dataclass(frozen=True)
class Not:
    child: "Node"


@dataclass(frozen=True)
class And:
    children: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    children: tuple["Node", ...]


Node = Term | Near | Not | And | Or


@dataclass(frozen=True)
class ColumnFilter:
    """``speaker:psaki`` (or ``-speaker:psaki``, ``negated``) of a query: kept apart from the
    text query and applied as a filter on the turns' speaker or outlet."""

    column: str
    term: Term
    negated: bool = False

    def __str__(self) -> str:
        return ("NOT " if self.negated else "") + f"{self.column}:{self.term}"


def _leaves(node: Node):
    """(term, negated) for every term under ``node``, NEAR groups' terms included."""

    def walk(n: Node, negated: bool):
        if isinstance(n, Term):
            yield n, negated
        elif isinstance(n, Near):
            for t in n.terms:
                yield t, negated
        elif isinstance(n, Not):
            yield from walk(n.child, not negated)
        else:
            for c in n.children:
                yield from walk(c, negated)

    yield from walk(node, False)


@dataclass(frozen=True)
class Query:
    """A parsed query: the original text, its tree (what is matched against the turns'
    text), the column filters, and the positive terms (for highlighting)."""

    text: str
    tree: Node
    columns: tuple[ColumnFilter, ...] = ()

    @property
    def terms(self) -> list[Term]:
        return [t for t, negated in _leaves(self.tree) if not negated]

    @property
    def has_prefix(self) -> bool:
        """Whether any term, excluded ones included, is a prefix (``immigra*``)."""
        return any(t.prefix for t, _ in _leaves(self.tree))

    def __str__(self) -> str:
        if not self.columns:
            return render(self.tree)
        parts = [render(self.tree)] + [str(c) for c in self.columns]
        return "(" + " AND ".join(parts) + ")"


def render(node: Node) -> str:
    """The normalised query text (what was understood), e.g. ``arms AND (control OR treaty)``."""
    if isinstance(node, (Term, Near, Column)):
        return str(node)
    if isinstance(node, Not):
        return "NOT " + render(node.child)
    joiner = " AND " if isinstance(node, And) else " OR "
    return "(" + joiner.join(render(c) for c in node.children) + ")"


# -- parsing ----------------------------------------------------------------------------
def _term(raw: str, phrase: bool = False) -> Term | None:
    """A term from a word (``tax*``) or a phrase's inside (``student loan*``)."""
    prefix = raw.rstrip().endswith("*")
    words = tuple(_WORD.findall(fold(raw)))
    if not words:
        return None
    if prefix and len(words[-1]) < MIN_PREFIX:
        prefix = False
    return Term(words, prefix)


def _phrase(m: re.Match) -> Term | None:
    """The term of a quoted phrase token; a ``*`` after the closing quote (or before it) makes
    its last word a prefix: ``"student loan"*``, FTS5's prefix phrase."""
    t = _term(m.group("phrase"), phrase=True)
    if t is not None and m.group("star") and len(t.words[-1]) >= MIN_PREFIX:
        t = Term(t.words, True)
    return t


def _near(raw: list[re.Match], i: int) -> tuple[Near | Term, int]:
    """Read ``NEAR( … )`` whose "(" is raw token ``i``; return the group and the index after ")"."""
    terms: list[Term] = []
    distance: int | None = None
    i += 1
    while i < len(raw):
        m = raw[i]
        if m.group("close"):
            break
        if distance is not None:
            raise QueryError("NEAR( … ) ends with its distance: write e.g. NEAR(tax cuts, 5)")
        if m.group("open"):
            raise QueryError('NEAR( … ) holds words and "phrases" only, no brackets: write e.g. NEAR(tax cuts, 5)')
        if m.group("phrase") is not None:
            t = _phrase(m)
            i += 1
            if t is not None:
                terms.append(t)
            continue
        word = m.group("word")
        i += 1
        if word in ("AND", "OR", "NOT") or word.startswith("-") and len(word) > 1:
            raise QueryError(f'NEAR( … ) holds words and "phrases" only, not {word}: write e.g. NEAR(tax cuts, 5)')
        if "," in word:
            before, after = word.split(",", 1)
            if before:
                t = _term(before)
                if t is not None:
                    terms.append(t)
            after = after.strip()
            if not after:  # "a b, 5": the number is the next token
                if i < len(raw) and raw[i].group("word"):
                    after = raw[i].group("word")
                    i += 1
            if not after.isdigit():
                raise QueryError(f"NEAR( … , N) needs a whole number of words after the comma, not {after!r}")
            distance = int(after)
            continue
        t = _term(word)
        if t is not None:
            terms.append(t)
    else:
        raise QueryError("NEAR( is not closed: write e.g. NEAR(tax cuts, 5)")
    distance = NEAR_DEFAULT if distance is None else distance
    if distance > MAX_NEAR:
        raise QueryError(f"NEAR( … , {distance}) is too far: at most {MAX_NEAR} words apart")
    if not terms:
        raise QueryError('NEAR( … ) needs words or "phrases": write e.g. NEAR(tax cuts, 5)')
    if len(terms) == 1:
        return terms[0], i + 1
    return Near(tuple(terms), distance), i + 1


def _lex(text: str) -> list[tuple[str, Any]]:
    """Tokens: ("term", Term | Near | Column) | ("op", "AND"/"OR"/"NOT") | ("(", None) | (")", None)."""
    tokens: list[tuple[str, Any]] = []
    # an odd number of quotes: the last one is stray and ignored
    if text.count('"') % 2:
        i = text.rfind('"')
        text = text[:i] + " " + text[i + 1 :]
    raw = list(_TOKEN.finditer(text))
    i = 0
    while i < len(raw):
        m = raw[i]
        i += 1
        if m.group("open"):
            tokens.append(("(", None))
        elif m.group("close"):
            tokens.append((")", None))
        elif m.group("phrase") is not None:
            t = _phrase(m)  # "student loan"* or "student loan" *: FTS5's prefix phrase
            if t is not None:
                tokens.append(("term", t))
        else:
            word = m.group("word")
            if word in ("AND", "OR", "NOT", "&&", "||"):
                tokens.append(("op", {"&&": "AND", "||": "OR"}.get(word, word)))
                continue
            if word == "NEAR" and i < len(raw) and raw[i].group("open") and raw[i].start() == m.end():
                node, i = _near(raw, i)
                tokens.append(("term", node))
                continue
            col = _COLUMN.match(word)
            if col is not None:
                name = col.group("name").lower()
                if name not in COLUMNS:
                    raise QueryError(
                        f"no column {col.group('name')!r} to search in; columns: {', '.join(COLUMNS)} "
                        f'(to search for the words, quote them: "{word.lstrip("-")}")'
                    )
                rest = col.group("rest")
                if rest:
                    t = _term(rest)
                elif i < len(raw) and raw[i].group("phrase") is not None:
                    t = _phrase(raw[i])
                    i += 1
                elif i < len(raw) and raw[i].group("word") and raw[i].group("word") not in ("AND", "OR", "NOT"):
                    t = _term(raw[i].group("word"))
                    i += 1
                else:
                    t = None
                if t is None:
                    raise QueryError(f'{name}: needs a word or a "phrase" after it, e.g. speaker:psaki')
                if col.group("neg"):
                    tokens.append(("op", "NOT"))
                tokens.append(("term", t if name == "text" else Column(name, t)))
                continue
            negate = word.startswith("-") and len(word) > 1
            if negate:
                word = word.lstrip("-")
            t = _term(word)
            if t is None:
                continue
            if negate:
                tokens.append(("op", "NOT"))
            tokens.append(("term", t))
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
    if isinstance(node, (Term, Near, Column)):
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
    tree, columns = _split_columns(tree)
    return Query(text=text, tree=tree, columns=columns)


_NO_TEXT = (
    "the query has no words to search for in the text: speaker: and outlet: narrow a search; "
    "add words, e.g. 'inflation speaker:psaki' (or use --speaker / --outlet)"
)


def _split_columns(tree: Node) -> tuple[Node, tuple[ColumnFilter, ...]]:
    """Take the speaker: and outlet: filters out of the top-level AND; refuse them anywhere else."""

    def is_column(n: Node) -> bool:
        return isinstance(n, Column) or (isinstance(n, Not) and isinstance(n.child, Column))

    def as_filter(n: Node) -> ColumnFilter:
        return ColumnFilter(n.name, n.term) if isinstance(n, Column) else ColumnFilter(n.child.name, n.child.term, True)

    columns: tuple[ColumnFilter, ...] = ()
    if is_column(tree):
        raise QueryError(_NO_TEXT)
    if isinstance(tree, And):
        rest = [c for c in tree.children if not is_column(c)]
        columns = tuple(as_filter(c) for c in tree.children if is_column(c))
        if not rest:
            raise QueryError(_NO_TEXT)
        if all(isinstance(c, Not) for c in rest):
            raise QueryError("the query only excludes words; add a word to look for, e.g. 'nato NOT russia'")
        tree = rest[0] if len(rest) == 1 else And(tuple(rest))

    def check(n: Node) -> None:
        if isinstance(n, Column):
            raise QueryError(
                f"{n.name}: combines with the rest of the query by AND or AND NOT only, not inside "
                f"OR or NOT ( … ); e.g. 'inflation {n}'"
            )
        if isinstance(n, Not):
            check(n.child)
        elif isinstance(n, (And, Or)):
            for c in n.children:
                check(c)

    check(tree)
    return tree, columns


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
    if isinstance(node, (Term, Column)):
        return 1
    if isinstance(node, Near):
        return len(node.terms)
    if isinstance(node, Not):
        return _count_terms(node.child)
    return sum(_count_terms(c) for c in node.children)


def term_in(term: Term, text: str | None) -> bool:
    """Whether ``term`` (a word, a phrase, a prefix) is in ``text`` (folded, word by word):
    how a column filter (``speaker:psaki``) matches a speaker's name or an outlet."""
    if not text:
        return False
    words = _WORD.findall(fold(text))
    n = len(term.words)
    for i in range(len(words) - n + 1):
        if tuple(words[i : i + n - 1]) != term.words[:-1]:
            continue
        last = words[i + n - 1]
        if last == term.words[-1] or (term.prefix and last.startswith(term.words[-1])):
            return True
    return False


# -- translation ------------------------------------------------------------------------
def to_fts5(query: Query | Node) -> str:
    """The FTS5 MATCH expression. Every term is a double-quoted string of letter/digit runs,
    so no user text is ever read as FTS5 syntax."""
    node = query.tree if isinstance(query, Query) else query
    if isinstance(node, Term):
        return '"' + " ".join(node.words) + '"' + (" *" if node.prefix else "")
    if isinstance(node, Near):
        return "NEAR(" + " ".join(to_fts5(t) for t in node.terms) + f", {int(node.distance)})"
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
    holds no character tsquery would read as syntax. ``NEAR(a b, N)`` becomes
    ``tsquery_phrase(a, b, d) || tsquery_phrase(b, a, d)`` for every distance d from 1 to
    N + 1 (PostgreSQL measures from the end of the first phrase to the start of the second);
    a NEAR group of three or more terms has no such form and is refused."""
    node = query.tree if isinstance(query, Query) else query
    if config not in ("simple", "english"):
        raise ValueError(f"unsupported text search configuration {config!r}")
    if isinstance(node, Near):
        if len(node.terms) != 2:
            raise QueryError(
                f"on PostgreSQL NEAR( … ) takes two words or phrases, not {len(node.terms)} "
                "(NEAR of three or more is searched on SQLite only)"
            )
        a, b = (to_tsquery(t, config, placeholder) for t in node.terms)
        parts, params = [], []
        for first, second in ((a, b), (b, a)):
            for d in range(1, int(node.distance) + 2):
                parts.append(f"tsquery_phrase({first[0]}, {second[0]}, {d})")
                params += first[1] + second[1]
        return "(" + " || ".join(parts) + ")", params
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
    #: every stored name of the persons (outlets) ``speaker`` (``outlet``) names, any of which a
    #: turn's speaker (outlet) may equal, case aside; set by `pressroom.identity.expand_filters`
    #: when a person's or outlet's aliases add names that do not contain the typed value
    speaker_names: tuple[str, ...] | None = None
    outlet_names: tuple[str, ...] | None = None

    def is_empty(self) -> bool:
        return not any(v for k, v in asdict(self).items() if k != "all_versions")

    def to_dict(self) -> dict[str, Any]:
        derived = ("speaker_names", "outlet_names")  # follow from speaker and outlet
        return {k: v for k, v in asdict(self).items() if v not in (None, False) and k not in derived}


def topic_names() -> list[str]:
    """The CAP major topic names the topics annotator labels exchanges with."""
    import json
    from importlib import resources

    with resources.files("pressroom.data").joinpath("cap_topics.json").open(encoding="utf-8") as fh:
        return sorted(t["name"] for t in json.load(fh)["topics"].values())


def check_filter_values(values: dict) -> None:
    """Refuse a --role, --clarity, --topic or --kind that no turn can have and an impossible
    --since or --until (`UsageError`, one line naming the valid values); a topic is put in its
    stored spelling. What only the store can tell (speakers, outlets, annotators) is
    `Store.check_filters`."""
    import difflib

    from .record import ROLES, TURN_KINDS

    for name in ("since", "until"):
        if values.get(name) is not None:
            values[name] = _check_date(name, values[name])
    kind = values.get("kind")
    if kind is not None and kind.strip().lower() not in TURN_KINDS:
        raise UsageError(f"no turn kind {kind!r}; kinds: {', '.join(TURN_KINDS)}")
    role = values.get("role")
    if role is not None and role.strip().lower() not in ROLES:
        raise UsageError(f"no role {role!r}; roles: {', '.join(ROLES)}")
    clarity = values.get("clarity")
    if clarity is not None:
        labels = sorted(set(CLARITY_ALIASES.values()))
        known = {k.lower() for k in CLARITY_ALIASES} | {v.lower() for v in labels}
        if clarity.strip().lower() not in known:
            raise UsageError(f"no clarity {clarity!r}; clarity: clear, ambivalent, non-reply (or {', '.join(labels)})")
    topic = values.get("topic")
    if topic is not None:
        names = topic_names()
        by_key = {n.lower(): n for n in names}
        if topic.strip().lower() not in by_key:
            near = difflib.get_close_matches(topic.strip().lower(), list(by_key), n=3, cutoff=0.6)
            hint = f"; did you mean {', '.join(by_key[k] for k in near)}?" if near else ""
            raise UsageError(f"no topic {topic!r}; topics: {', '.join(names)}{hint}")
        values["topic"] = by_key[topic.strip().lower()]


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
    alts = sorted(
        {re.escape(w) for t in terms for w in t.words[:-1]}
        | {re.escape(t.words[-1]) + (r"[^\W_]*" if t.prefix else "") for t in terms},
        key=len,
        reverse=True,
    )
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
    snippet = text[start : start + width]
    if start + width < len(text):
        space = snippet.rfind(" ")
        if space > width // 2:
            snippet = snippet[:space]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + len(snippet) < len(text) else ""
    shifted = [
        (a - start + len(prefix), b - start + len(prefix)) for a, b in spans if a >= start and b <= start + len(snippet)
    ]
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


#: the filters a search or an export takes, by name
FILTER_NAMES = ("speaker", "role", "outlet", "entity", "topic", "clarity", "kind", "event", "since", "until")


def filters_from(values: dict) -> Filters:
    """`Filters` from the options given (missing ones unset), each value checked
    (`check_filter_values`: exit 2 with the valid values); ``all_versions`` too."""
    chosen = {k: values.get(k) for k in FILTER_NAMES}
    check_filter_values(chosen)
    return Filters(**chosen, all_versions=bool(values.get("all_versions")))


#: the words users type for the clarity labels ("unanswered", "non-reply" …)
CLARITY_ALIASES = {
    "clear": "Clear Reply",
    "reply": "Clear Reply",
    "answered": "Clear Reply",
    "clear-reply": "Clear Reply",
    "clear_reply": "Clear Reply",
    "ambivalent": "Ambivalent",
    "non-reply": "Clear Non-Reply",
    "nonreply": "Clear Non-Reply",
    "clear-non-reply": "Clear Non-Reply",
    "clear_non_reply": "Clear Non-Reply",
    "unanswered": "Clear Non-Reply",
}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _check_date(name: str, value: str) -> str:
    value = value.strip()
    if not _DATE.match(value):
        raise UsageError(f"--{name} must be a date like 2021, 2021-03 or 2021-03-22, not {value!r}")
    if len(value) == 7 and not 1 <= int(value[5:7]) <= 12:
        raise UsageError(f"--{name} {value!r} is not a valid month (01 to 12)")
    if len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise UsageError(f"--{name} {value!r} is not a valid date")
    return value
