"""`RuleSteps` gives tokens exactly what spaCy's attribute ruler and rule lemmatizer give them."""

from __future__ import annotations

import pytest

import pressroom
from pressroom.annotate.rule_steps import FastAttributeMatch, RuleSteps
from pressroom.annotate.stats import turn_body
from pressroom.annotate.topics import MODEL

from .conftest import PSAKI_0219, SEED

spacy = pytest.importorskip("spacy")

EXCEPTIONS = "Y'all ain't gonna get it, c'mon.  Let's go: he gets it."
ATTRS = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "ORTH", "NORM", "LOWER"]


@pytest.fixture(scope="module")
def tagger():
    """en_core_web_sm as the topics annotator loads it."""
    return spacy.load(MODEL, exclude=["parser", "ner", "senter"])


def both(nlp, texts):
    """(stock Docs, Docs made with RuleSteps) for ``texts``."""
    steps = RuleSteps(nlp)
    stock = list(nlp.pipe(texts))
    fast = [steps(d) for d in nlp.pipe(texts, disable=steps.replaces)]
    return stock, fast


def test_replaces_the_two_rule_components(tagger):
    steps = RuleSteps(tagger)
    assert steps.replaces == ["attribute_ruler", "lemmatizer"]
    fast = steps.match
    assert (len(fast.single), sum(map(len, fast.anchored.values())), fast.n_fallback) == (172, 8, 0)


def test_exceptions_of_the_shipped_rules(tagger):
    stock, fast = both(tagger, [EXCEPTIONS])
    assert (stock[0].to_array(ATTRS) == fast[0].to_array(ATTRS)).all()
    # multi-token rules: "ai" + "n't" (REGEX), "gon na", "c'm on", "let 's"
    assert [(t.text, t.pos_, t.lemma_) for t in fast[0]] == [
        ("Y'all", "PROPN", "Y'all"),
        ("ai", "VERB", "be"),
        ("n't", "PART", "not"),
        ("gon", "VERB", "go"),
        ("na", "PART", "to"),
        ("get", "VERB", "get"),
        ("it", "PRON", "it"),
        (",", "PUNCT", ","),
        ("c'm", "VERB", "come"),
        ("on", "ADP", "on"),
        (".", "PUNCT", "."),
        (" ", "SPACE", " "),
        ("Let", "VERB", "let"),
        ("'s", "PRON", "us"),
        ("go", "VERB", "go"),
        (":", "PUNCT", ":"),
        ("he", "PRON", "he"),
        ("gets", "VERB", "get"),
        ("it", "PRON", "it"),
        (".", "PUNCT", "."),
    ]


@pytest.mark.parametrize("path", [SEED, PSAKI_0219], ids=["nato-seed", "psaki-gaggle"])
def test_same_tokens_as_spacy_on_real_transcripts(tagger, path):
    doc = pressroom.read_path(path)
    record = pressroom.parse_document(doc)
    texts = [doc.text[slice(*turn_body(t, doc.text))] for t in record.turns] + ["", "  \n"]
    stock, fast = both(tagger, texts)
    ruler = tagger.get_pipe("attribute_ruler")
    for s, f in zip(stock, fast):
        assert (s.to_array(ATTRS) == f.to_array(ATTRS)).all()
        assert FastAttributeMatch(ruler)(f) == ruler.match(f)
    # every token has its lemma, and its tag-map match (some have more)
    assert all(t.lemma for d in fast for t in d)
    assert sum(len(ruler.match(d)) for d in fast) > sum(len(d) for d in fast)


def test_patterns_it_does_not_handle_go_to_a_matcher():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}, {"LOWER": "good"}]], {"LEMMA": "fine"}, index=-1)  # OP
    ruler.add([[{"LOWER": {"REGEX": "^no+$"}}, {"LOWER": {"IN": ["way", "thanks"]}}]], {"LEMMA": "nope"})  # no anchor
    ruler.add([[{"LOWER": "thanks"}]], {"LEMMA": "thank"})
    ruler.add([[{"LENGTH": 1, "IS_PUNCT": True}]], {"LEMMA": "P"})  # LENGTH is not read here
    steps = RuleSteps(nlp)
    assert steps.replaces == ["attribute_ruler"]
    assert (len(steps.match.single), len(steps.match.anchored), steps.match.n_fallback) == (1, 0, 3)
    text = "Very very good, nooo thanks. No way!"
    stock, fast = both(nlp, [text])
    assert steps.match(fast[0]) == ruler.match(fast[0])
    assert (
        [t.lemma_ for t in fast[0]]
        == [t.lemma_ for t in stock[0]]
        == ["", "", "fine", "P", "nope", "thank", "P", "nope", "", "P"]
    )


def test_an_index_outside_the_match_raises_spacys_error():
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([[{"LOWER": "a"}, {"LOWER": "b"}]], {"LEMMA": "x"}, index=2)
    steps = RuleSteps(nlp)
    with pytest.raises(ValueError, match="E1001"):
        steps(nlp.make_doc("a b"))


def test_nothing_replaced_when_a_component_follows_the_rules(tagger):
    nlp = spacy.load(MODEL, exclude=["parser", "ner", "senter"])
    nlp.add_pipe("sentencizer")
    assert RuleSteps(nlp).replaces == []
    assert RuleSteps(spacy.blank("en")).replaces == []
