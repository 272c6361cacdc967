"""An archive's XML record: its long content field is the transcript, its short fields metadata."""

from __future__ import annotations

import re

from faker.providers.person.en_US import Provider as Names
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import pressroom
from pressroom.read.xmlrecord import xml_record

FIRST_NAMES = sorted(n for n in set(Names.first_names) if re.fullmatch(r"[A-Z][a-z]+", n))
LAST_NAMES = sorted(n for n in set(Names.last_names) if re.fullmatch(r"[A-Z][a-z]+", n))

SPEECH = "PRIME MINISTER: Thank you all for coming to the market today.<br />\n" * 12


def record(content: str = SPEECH, extra: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n<transcripts>\n  <transcript>\n'
        "    <transcript-id>3266</transcript-id>\n"
        "    <title>PRIME MINISTER&#039;S PRESS CONFERENCE, CASTLEMAINE</title>\n"
        "    <prime-minister>Whitlam, Gough</prime-minister>\n"
        "    <release-date>14/05/1974</release-date>\n"
        f"    <subjects></subjects>{extra}\n"
        f"    <content><![CDATA[<p>\n{content}</p>]]></content>\n"
        "  </transcript>\n</transcripts>\n"
    ).encode()


def test_the_content_is_the_text_and_the_fields_are_metadata():
    doc = pressroom.read_bytes(record(), name="3266.xml")
    assert doc.text.startswith("PRIME MINISTER: Thank you all for coming to the market today.\nPRIME MINISTER:")
    assert "Whitlam" not in doc.text and "3266" not in doc.text
    assert doc.metadata["prime-minister"] == "Whitlam, Gough"
    assert doc.metadata["title"] == "PRIME MINISTER'S PRESS CONFERENCE, CASTLEMAINE"
    assert doc.metadata["date"] == "1974-05-14"
    assert doc.source["xml_record_fields"] == ["prime-minister", "release-date", "title", "transcript-id"]


def test_an_office_field_names_the_principal():
    record_ = pressroom.parse_document(pressroom.read_bytes(record(), name="3266.xml"))
    assert [(s.name, s.role) for s in record_.speakers] == [("Gough Whitlam", "principal")]


def test_what_is_no_record_is_left_to_the_page_reader():
    assert xml_record(b"<html><body><p>Hello</p></body></html>") is None
    assert xml_record(record(content="Too short.")) is None  # no long content field
    assert xml_record(b'<?xml version="1.0"?><a><b>unclosed</a>') is None  # not well-formed
    # a long field beside the content (a second text) makes it no record of short fields
    assert xml_record(record(extra="<summary>" + "A summary. " * 150 + "</summary>")) is None


def test_entities_are_not_expanded():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b"<r><t>x</t><c>" + b"&b;" * 100 + b"</c></r>"
    )
    assert xml_record(bomb) is None  # the entities stay unexpanded: no long content


def test_a_record_with_no_markup_in_its_first_kilobytes_is_read_as_a_record():
    """An oral-history archive's export (OHMS) opens with its fields and a long string of sync
    points, and holds its transcript as plain text with entities (`let&#039;s`): the XML
    declaration sends it to the record reader, not to the text reader that would keep the tags."""
    sync = "|".join(f"{i}({i % 9})" for i in range(1, 300))
    speech = "\n\n".join(
        f"ROE: Let&#039;s begin with your training, part {i}. Where were you?\n\n"
        f"DOE: I studied chemistry &amp; physics at the college, part {i}."
        for i in range(60)
    )
    data = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<ROOT xmlns="https://example.org/ohms"><record id="1">'
        f"<version>5.4</version><title>Oral history interview with Jane Doe</title><sync>1:|{sync}</sync>"
        f"<transcript>{speech}</transcript></record></ROOT>\n"
    ).encode()
    assert b"<html" not in data[:4096] and b"<p" not in data[:4096]
    doc = pressroom.read_bytes(data, name="doe-ohms.xml")
    assert doc.format == "html" and doc.source["xml_record_fields"] == ["title", "version"]
    assert doc.text.startswith("ROE: Let's begin with your training, part 0. Where were you?")
    record_ = pressroom.parse_document(doc)
    assert [t.label for t in record_.turns] == ["ROE", "DOE"] * 60
    assert record_.turns[1].text == "I studied chemistry & physics at the college, part 0."


def test_a_speech_element_whose_attribute_names_the_speaker_is_a_labelled_turn():
    """A hand-encoded debate: `<speech speaker="ROE">…</speech>` elements, hard-wrapped, with a
    legend of who is who in the front (`<candidate who="ROE">Senator Jane Roe (VT);</candidate>`).
    Each speech is a turn labelled by the attribute; the legend's entries are lines of the header,
    and name the speakers."""
    data = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<debate>\n <meta><date>March 3, 2016</date>\n'
        '  <participants><candidate who="ROE">Senator Jane Roe (VT);</candidate>\n'
        "  <candidate who=\"O'DOE\">Former Governor Sam O'Doe (MD); and</candidate>\n"
        '  <moderator who="LEE">Ann Lee (Channel 9 News)</moderator></participants>\n </meta>\n'
        ' <body><section key="other">\n'
        '  <speech speaker="LEE"> Good evening. Senator Roe, why are you\n   running? </speech>\n'
        '  <speech speaker="ROE"> Because the country needs it. [applause] </speech>\n'
        '  <speech speaker="LEE"> Governor O\'Doe. </speech>\n'
        '  <speech speaker="O\'DOE"> I agree with <keyword>her</keyword> on that. </speech>\n'
        " </section></body>\n</debate>\n"
    ).encode()
    record = pressroom.parse_document(pressroom.read_bytes(data, name="debate.xml"))
    by_id = {s.id: s for s in record.speakers}
    assert [(t.label, by_id[t.speaker].name, t.text) for t in record.turns] == [
        ("LEE", "Ann Lee", "Good evening. Senator Roe, why are you running?"),
        ("ROE", "Jane Roe", "Because the country needs it. [applause]"),
        ("LEE", "Ann Lee", "Governor O'Doe."),
        ("O'DOE", "Sam O'Doe", "I agree with her on that."),
    ]


@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    interviewer=st.tuples(st.sampled_from(FIRST_NAMES), st.sampled_from(LAST_NAMES)),
    interviewee=st.tuples(st.sampled_from(FIRST_NAMES), st.sampled_from(LAST_NAMES)),
)
def test_a_tei_interview_is_read_turn_by_turn_its_ids_named_by_its_header(interviewer, interviewee):
    """A TEI oral history: the header names each person in capitals with an id (`<persName
    ref="roeJane">JANE ROE</persName>`), the body is `<u who="roeJane">` utterances with notes
    inside (`<rs>`), and a long project description sits in the header. The utterances are the
    turns, not the description; each id is the person the header names."""
    assume(interviewer != interviewee)
    ids = [f"{last.lower()}{first}" for first, last in (interviewer, interviewee)]
    names = [" ".join(p) for p in (interviewer, interviewee)]
    about = "The project is an archive of moviegoing memories. " * 30
    people = "".join(f'<person><persName ref="{i}">{n.upper()}</persName></person>' for i, n in zip(ids, names))
    said = [
        (ids[0], "Today we are in the city. Tell us where you grew up?"),
        (ids[1], 'I grew up near the <rs type="place">river</rs>, by the old cinema.'),
        (ids[0], "Which films did you see there?"),
        (ids[1], "Mostly comedies, and the newsreels before them."),
    ]
    body = "".join(f'<u xml:id="sp{k}" who="{w}">{t}</u>' for k, (w, t) in enumerate(said))
    tei = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>'
        f"<publicationStmt><authority>Movie Project<bloc>{about}</bloc></authority></publicationStmt></fileDesc>"
        f"<profileDesc><particDesc>{people}</particDesc></profileDesc></teiHeader><text><body>{body}</body></text></TEI>"
    )
    record = pressroom.parse_document(pressroom.read_bytes(tei.encode(), name="interview.xml"))
    by_id = {s.id: s.name for s in record.speakers}
    assert [(by_id[t.speaker], t.text[:12]) for t in record.turns] == [
        (names[0], "Today we are"),
        (names[1], "I grew up ne"),
        (names[0], "Which films "),
        (names[1], "Mostly comed"),
    ]


SK = __import__("faker.providers.person.sk_SK", fromlist=["Provider"]).Provider
SK_GIVEN = sorted(n for n in set(SK.first_names_male) | set(SK.first_names_female) if re.fullmatch(r"[^\W\d_]+", n))
SK_SURNAMES = sorted(n for n in set(SK.last_names_male) | set(SK.last_names_female) if re.fullmatch(r"[^\W\d_]+", n))


def _u(who: str, ana: str, text: str) -> str:
    return f'<u who="{who}" ana="#{ana}"><seg>{text}</seg></u>\n'


@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    chair=st.tuples(st.sampled_from(SK_GIVEN), st.sampled_from(SK_SURNAMES)),
    vice=st.tuples(st.sampled_from(SK_GIVEN), st.sampled_from(SK_SURNAMES)),
    member=st.tuples(st.sampled_from(SK_GIVEN), st.sampled_from(SK_SURNAMES)),
)
def test_utterances_whose_ids_spell_their_speakers_name_and_the_chairs_marks_say_who_presides(chair, vice, member):
    """A parliament's TEI whose header names nobody: the utterances' ids spell the names ("#JánRoe.1950"
    → "Ján Roe"; a catalogue's "Doe, Jana, podpredseda NR SR" → "Jana Doe" and the office), and
    ParlaMint's `ana="#chair"`, on most of a speaker's utterances, marks who presides: the moderator."""
    assume(len({chair[1], vice[1], member[1]}) == 3)
    c, v, m = (" ".join(x) for x in (chair, vice, member))
    cid, mid = f"#{chair[0]}{chair[1]}.1950", f"#{member[0]}{member[1]}.1960"
    body = (
        _u(cid, "chair", "Otváram rokovanie. Slovo má pán poslanec.")
        + _u(mid, "regular", "Ďakujem. Mám otázku: kedy príde zákon?")
        + _u(cid, "chair", "Ďakujem. Ďalej pán podpredseda.")
        + _u(f"{vice[1]}, {vice[0]}, podpredseda NR SR", "regular", "Prerušujem rokovanie do pätnástej hodiny.")
        + _u(mid, "chair", "Ešte jedna otázka: a rozpočet?")
        + _u(cid, "chair", "Ďakujem. Končím rokovanie.")
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>'
        "<fileDesc><titleStmt><title>TODO</title></titleStmt></fileDesc></teiHeader>"
        f"<text><body><div>{body}</div></body></text></TEI>\n"
    ).encode()
    record = pressroom.parse_document(pressroom.read_bytes(xml, name="schodza.xml"))
    by_id = {s.id: s for s in record.speakers}
    assert [(by_id[t.speaker].name, by_id[t.speaker].role) for t in record.turns][:4] == [
        (c, "moderator"),
        (m, by_id[record.turns[1].speaker].role),
        (c, "moderator"),
        (v, "moderator"),
    ]
    assert by_id[record.turns[1].speaker].role != "moderator"  # one utterance of two marked as the chair's


ES = __import__("faker.providers.person.es_ES", fromlist=["Provider"]).Provider
ES_GIVEN = sorted(n for n in set(ES.first_names_male) | set(ES.first_names_female) if re.fullmatch(r"[^\W\d_]+", n))
ES_SURNAMES = sorted(n for n in ES.last_names if re.fullmatch(r"[^\W\d_]+", n))


@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    chair=st.tuples(st.sampled_from(ES_GIVEN), st.sampled_from(ES_SURNAMES), st.sampled_from(ES_SURNAMES)),
    member=st.tuples(st.sampled_from(ES_GIVEN), st.sampled_from(ES_SURNAMES), st.sampled_from(ES_SURNAMES)),
)
def test_an_id_that_spells_the_surname_first_takes_the_surnames_its_printed_label_gives(chair, member):
    """ParlaMint's ids spell the first surname, then the given name ("#RoeJuan"); the label printed
    before the speech gives both surnames, in brackets or in capitals ("O señor PRESIDENTE (Roe
    Doe):", "A señora LÓPEZ GARCÍA:"): the name is the given name, then the two surnames."""
    g1, s1, t1 = chair
    g2, s2, t2 = member
    assume(len({s1, t1, s2, t2}) == 4 and len({g1, g2}) == 2)
    body = (
        f'<note type="speaker">O señor PRESIDENTE ({s1} {t1}):</note>'
        f'<u who="#{s1}{g1}" ana="#chair"><seg>Bos días. Ten a palabra a señora deputada.</seg></u>\n'
        f'<note type="speaker">A señora {s2.upper()} {t2.upper()}:</note>'
        f'<u who="#{s2}{g2}" ana="#regular"><seg>Grazas, presidente. Cando chegará a lei?</seg></u>\n'
        f'<note type="speaker">O señor PRESIDENTE:</note>'
        f'<u who="#{s1}{g1}" ana="#chair"><seg>Grazas. Remata a sesión.</seg></u>\n'
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>'
        "<fileDesc><titleStmt><title>DSPG</title></titleStmt></fileDesc></teiHeader>"
        f"<text><body><div>{body}</div></body></text></TEI>\n"
    ).encode()
    doc = pressroom.read_bytes(xml, name="dspg.xml")
    people = doc.metadata["speakers"]
    assert people[f"{s1}{g1}"] == {"name": f"{g1} {s1} {t1}", "title": "chair"}
    assert people[f"{s2}{g2}"] == f"{g2} {s2} {t2}"
