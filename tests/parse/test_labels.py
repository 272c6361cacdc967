"""Speaker labels learned from the document itself."""

import pytest

import pressroom
from pressroom.errors import ParseError


def parse(text: str):
    return pressroom.parse_document(pressroom.read_bytes(text.encode("utf-8"), name="t.txt"))


def shown(r):
    return [(r.speaker(t.speaker).name or t.label, r.speaker(t.speaker).role, t.kind) for t in r.turns]


def test_caps_labels_and_q_with_no_break_spaces():
    r = parse(
        "Press Briefing by Press Secretary Jen Psaki\n\n"
        "MS. PSAKI:\u00a0 Good afternoon, everyone. We have a lot to get to today, so let me start.\n\n"
        "Q\u00a0\u00a0\u00a0 Thanks, Jen. Will the President sign the bill this week?\n\n"
        "MS. PSAKI:\u00a0 He will sign it when it reaches his desk.\n\n"
        "Q\u00a0\u00a0\u00a0 And on Ukraine, is there an update?\n\n"
        "MS. JEAN-PIERE:\u00a0 Not from me.\n"
    )
    assert [t.label for t in r.turns] == ["MS. PSAKI", "Q", "MS. PSAKI", "Q", "MS. JEAN-PIERE"]
    assert r.speaker(r.turns[0].speaker).name == "Jen Psaki"
    # anonymous Q turns are never merged into one person
    assert r.turns[1].speaker != r.turns[3].speaker
    assert [r.speaker(t.speaker).role for t in r.turns[:4]] == ["principal", "journalist", "principal", "journalist"]


def test_period_labels_and_colon_inside_sentences():
    r = parse(
        "President: Lyndon B. Johnson\n\n"
        "THE PRESIDENT: Good morning. Our position is very clear: we will not move. That is all for now, and more.\n\n"
        "Q. Mr. President, what about Panama?\n\n"
        "THE PRESIDENT. We are talking to them.\n\n"
        "As of 12:14 the talks go on.\n"
    )
    assert shown(r) == [
        ("Lyndon B. Johnson", "principal", "statement"),
        ("Q", "journalist", "question"),
        ("Lyndon B. Johnson", "principal", "answer"),
    ]
    assert r.turns[2].text == "We are talking to them.\n\nAs of 12:14 the talks go on."
    assert r.apparatus[0]["kind"] == "header"


def test_name_outlet_labels_and_self_introduction():
    r = parse(
        "Ed Conway, Sky News.  Governor, are rates going up?\n\n"
        "Mark Carney: Well, first thing, we do not pre-commit.\n\n"
        "Jill Ward, Bloomberg: As of 12:14 or so, markets have priced it. Are they right?\n\n"
        "Mark Carney: First, I'm not sure that's right.\n\n"
        "Ben Broadbent: If you mean it's not fully priced, then yes.\n\n"
        "Q: Howard Schneider with Reuters. Is the economy slowing?\n\n"
        "Mark Carney: Somewhat.\n"
    )
    speakers = {s.name: s for s in r.speakers if s.name}
    assert (speakers["Ed Conway"].role, speakers["Ed Conway"].affiliation) == ("journalist", "Sky News")
    assert (speakers["Jill Ward"].affiliation) == "Bloomberg"
    assert speakers["Mark Carney"].role == "principal"
    assert speakers["Ben Broadbent"].role == "official"
    assert (speakers["Howard Schneider"].role, speakers["Howard Schneider"].affiliation) == ("journalist", "Reuters")
    assert len(r.exchanges) == 3
    assert [r.speaker_name(a) for a in r.exchanges[1].answerers] == ["Mark Carney", "Ben Broadbent"]


def test_a_title_abbreviation_does_not_end_a_name_outlet_label():
    # from corpus-large (2024-08-26 Kirby gaggle): "In Beijing, Mr." opened a statement's
    # paragraph and was taken for a reporter "In Beijing" of an outlet "Mr"
    r = parse(
        "MODERATOR: Good morning. Over to Mr. Kirby.\n\n"
        "MR. KIRBY: Thanks. Let me start with a trip.\n\n"
        "In Beijing, Mr. Sullivan will discuss key issues in the relationship.\n\n"
        "Q: Will he meet the President?\n\n"
        "MR. KIRBY: We will see.\n"
    )
    assert [t.label for t in r.turns] == ["MODERATOR", "MR. KIRBY", "Q", "MR. KIRBY"]
    assert (
        r.turns[1].text
        == "Thanks. Let me start with a trip.\n\nIn Beijing, Mr. Sullivan will discuss key issues in the relationship."
    )
    # the form itself still works
    assert [t.label for t in parse("Ed Conway, Sky News. Governor, a question?\n\nMark Carney: No.\n").turns] == [
        "Ed Conway, Sky News",
        "Mark Carney",
    ]


def test_a_topic_opener_is_not_a_speaker_label():
    # from corpus-large (2023-01-31 gaggle, 2024-08-15 Kirby gaggle, 2023-10-20 press call):
    # "On Tyre Nichols:", "And on Putin:", "Second, on Ukraine:" opened paragraphs of a turn
    r = parse(
        "MS. DALTON: Good afternoon. A few things at the top.\n\n"
        "On Tyre Nichols: We haven't had a briefing since we all saw the video.\n\n"
        "Second, on Ukraine: We will keep up our support.\n\n"
        "Across North Africa: In Tunisia, we have seen progress.\n\n"
        "Take St. Louis: In 2021, most cases were solved.\n\n"
        "Q: And on Putin: does he want talks?\n\n"
        "MS. DALTON: Difficult to say.\n\n"
        "And on Putin: We have seen nothing new.\n"
    )
    assert [t.label for t in r.turns] == ["MS. DALTON", "Q", "MS. DALTON"]
    assert r.turns[2].text == "Difficult to say.\n\nAnd on Putin: We have seen nothing new."
    assert len(r.speakers) == 2


def test_a_one_word_heading_printed_in_lower_case_is_no_speaker():
    # from corpus-large (2022-04-06 background call): "Inflation:" opened a paragraph of a statement
    r = parse(
        "MODERATOR: Thank you. Over to our speaker.\n\n"
        "SENIOR OFFICIAL: Thanks. A few points on the economy.\n\n"
        "Inflation: The latest print shows inflation near 15 percent.\n\n"
        "Q: Is it getting worse?\n\n"
        "Moderator: Next question, please.\n"
    )
    assert [t.label for t in r.turns] == ["MODERATOR", "SENIOR OFFICIAL", "Q", "Moderator"]
    assert r.turns[1].text.endswith("Inflation: The latest print shows inflation near 15 percent.")


def test_text_without_turns_is_a_parse_error():
    with pytest.raises(ParseError) as e:
        parse("Around the world today, our people and economies are affected.\n\nMore prose follows here.\n")
    assert "no speaker turns" in str(e.value)


def test_moderator_introductions_name_anonymous_reporters():
    r = parse(
        "MR. SLAVITT: Good morning. I'm Andy Slavitt, senior advisor. Let me start with the numbers today.\n\n"
        "MODERATOR: We'll go to Kaitlan Collins at CNN.\n\n"
        "Q Thanks. How many doses went out?\n\n"
        "MR. SLAVITT: About ten million.\n\n"
        "Q And how many next week?\n\n"
        "MR. SLAVITT: More.\n\n"
        "MODERATOR: Next, Brian Karem with Bulwark.\n\n"
        "Q Hi. Is the plan on track?\n"
    )
    names = [(r.speaker_name(t.speaker), r.speaker(t.speaker).affiliation) for t in r.turns if t.kind == "question"]
    assert names == [("Kaitlan Collins", "CNN"), ("Kaitlan Collins", "CNN"), ("Brian Karem", "Bulwark")]
    assert r.speaker(r.turns[0].speaker).name == "Andy Slavitt"
    assert r.exchanges[1].follow_up_of == "x1"


def test_a_titled_briefer_who_asks_is_no_reporter_where_the_press_speaks_as_q():
    # as in corpus-large's COVID-19 response team briefings, where Dr. Fauci asks a colleague and quotes
    # questions, and a briefer opens with "I'm …, the … Coordinator."
    r = parse(
        "MR. FENTON: Good afternoon. I'm Bob Fenton, the White House Monkeypox Response Coordinator. "
        "Today we will cover our ongoing work to scale up vaccine supply and distribution.\n\n"
        "DR. FAUCI: Thank you, Bob. If I could have the first slide? What does it show? It shows the doses.\n\n"
        "MR. FENTON: Thanks, Doctor. Let's go to questions.\n\n"
        "Q Thanks. How many doses went out?\n\n"
        "DR. FAUCI: Well, the honest answer is that we do not know yet. Is that enough?\n\n"
        "Q And next week?\n\n"
        "MR. FENTON: More.\n"
    )
    assert [
        (r.speaker(t.speaker).labels[0], r.speaker(t.speaker).role, r.speaker(t.speaker).affiliation, t.kind)
        for t in r.turns
    ] == [
        ("MR. FENTON", "principal", None, "statement"),
        ("DR. FAUCI", "official", None, "remark"),
        ("MR. FENTON", "principal", None, "moderator"),
        ("Q", "journalist", None, "question"),
        ("DR. FAUCI", "official", None, "answer"),
        ("Q", "journalist", None, "question"),
        ("MR. FENTON", "principal", None, "answer"),
    ]


def test_a_titled_label_asking_questions_is_no_reporter_even_without_q_labels():
    # corpus-large 2022-08-08: the President is briefed on the flooding in Kentucky; no reporter speaks
    r = parse(
        "GOVERNOR BESHEAR: We are honored to have the President here. We have lost 37 people so far, and we "
        "are still searching for many more across the eastern part of the state, with the Guard and FEMA.\n\n"
        "THE PRESIDENT: How many are still missing?\n\n"
        "GOVERNOR BESHEAR: It will be 38.\n\n"
        "THE PRESIDENT: Thirty-eight people. Is that right?\n\n"
        "ADMINISTRATOR CRISWELL: Does this mic work?\n\n"
        "GOVERNOR BESHEAR: It does.\n"
    )
    assert {s.labels[0]: s.role for s in r.speakers} == {
        "GOVERNOR BESHEAR": "principal",
        "THE PRESIDENT": "official",
        "ADMINISTRATOR CRISWELL": "official",
    }
    assert r.exchanges == []


def test_capitals_labels_inside_hard_wrapped_paragraphs_and_whom_a_moderator_calls_on():
    # the Fed's transcripts as text taken out of the PDF (shared/corpus/fed_fomc_pdf/_derived_txt):
    # no blank line between turns; Rachel Siegel asks without a question mark and names no outlet
    r = parse(
        "CHAIR POWELL.  Good afternoon.  My colleagues and I remain squarely focused on our dual mandate\n"
        "to promote maximum employment and stable prices for the American people.  We are\n"
        "committed to bringing inflation back down to our 2 percent goal.  I look forward to\n"
        "your questions.\n\n"
        "MICHELLE SMITH.  Thank you.  Jeanna Smialek.\n"
        "JEANNA SMIALEK.  Hi, Chair Powell.  Jeanna Smialek from the New York Times.  How\n"
        "fast will you move?\n"
        "CHAIR POWELL.  We will move as fast as the data\n"
        "allow.\n"
        "MICHELLE SMITH.  Thank you.  Rachel Siegel.\n"
        "RACHEL SIEGEL.  Thank you, Michelle, and thank you, Chair Powell.  I have a question about\n"
        "vaccines and the outlook.\n"
        "CHAIR POWELL.  Vaccines matter a great deal.\n"
        "MICHELLE SMITH.  Thank you.  Steve Liesman.\n"
        "STEVE LIESMAN.  Steve Liesman, CNBC.  Will there be a recession?\n"
        "CHAIR POWELL.  We do not expect one.\n"
    )
    assert [(t.label, r.speaker(t.speaker).role, r.speaker(t.speaker).affiliation, t.kind) for t in r.turns] == [
        ("CHAIR POWELL", "principal", None, "statement"),
        ("MICHELLE SMITH", "moderator", None, "moderator"),
        ("JEANNA SMIALEK", "journalist", "New York Times", "question"),
        ("CHAIR POWELL", "principal", None, "answer"),
        ("MICHELLE SMITH", "moderator", None, "moderator"),
        ("RACHEL SIEGEL", "journalist", None, "question"),
        ("CHAIR POWELL", "principal", None, "answer"),
        ("MICHELLE SMITH", "moderator", None, "moderator"),
        ("STEVE LIESMAN", "journalist", "CNBC", "question"),
        ("CHAIR POWELL", "principal", None, "answer"),
    ]
    assert r.turns[2].text == "Hi, Chair Powell.  Jeanna Smialek from the New York Times.  How\nfast will you move?"
    assert len(r.exchanges) == 3


def test_mixed_case_labels_in_hard_wrapped_text_without_blank_lines():
    # the Bank of England's transcript as text taken out of the PDF (shared/corpus/boe_pdf/_derived_txt)
    r = parse(
        "INFLATION REPORT PRESS CONFERENCE\n"
        "THURSDAY 10 MAY 2018\n"
        "Ed Conway, Sky News.  Governor, in markets, there is still some confusion about\n"
        "how people can prejudge your decisions.  Can you be clear about the rationale?\n"
        "Mark Carney:  Well, first thing, the people we speak to first and foremost are households and\n"
        "businesses across the country.  More than three quarters of them expect interest rates to go\n"
        "up at some point over the course of the next year, so they can plan for that possibility.\n"
        "Larry Elliott, Guardian:  Can I just follow up on that?  In February, you did say\n"
        "that you thought it would be sooner.\n"
        "Mark Carney:  Larry, I'm sorry, the forecast has three increases over the next three years,\n"
        "and one doesn't send the signal relative to that.  We will see how the data come in.\n"
        "Larry Elliott:  You don't think that your language has been softened, then?\n"
        "Mark Carney:  No.  Dave, if I pass to you to expand on the deposit side of the question.\n"
        "Dave Ramsden:  On the deposit side, this is, as the Governor just said, a trend that\n"
        "we expected.\n"
    )
    assert [
        (t.label, r.speaker(t.speaker).name, r.speaker(t.speaker).role, r.speaker(t.speaker).affiliation, t.kind)
        for t in r.turns
    ] == [
        ("Ed Conway, Sky News", "Ed Conway", "journalist", "Sky News", "question"),
        ("Mark Carney", "Mark Carney", "principal", None, "answer"),
        ("Larry Elliott, Guardian", "Larry Elliott", "journalist", "Guardian", "question"),
        ("Mark Carney", "Mark Carney", "principal", None, "answer"),
        # "Larry Elliott, Guardian:" and "Larry Elliott:" are one speaker (the `same_names` pass)
        ("Larry Elliott", "Larry Elliott", "journalist", "Guardian", "question"),
        ("Mark Carney", "Mark Carney", "principal", None, "answer"),
        ("Dave Ramsden", "Dave Ramsden", "official", None, "answer"),
    ]
    assert r.turns[2].speaker == r.turns[4].speaker
    assert [a["kind"] for a in r.apparatus] == ["header"]


def test_an_outlet_with_a_number_in_a_name_outlet_label():
    # shared/corpus/boe_pdf/_derived_txt/BoE_202305_transcript.txt
    r = parse(
        "Andrew Bailey:  Good afternoon. Today we raised Bank Rate by a quarter point to 4.5%, and we expect "
        "inflation to fall sharply from here as the energy prices of last year drop out.\n\n"
        "Helia Ebrahimi, Channel 4 News: Governor, you talked about the mortgage market changing. How far?\n\n"
        "Andrew Bailey:  Quite a long way.\n"
    )
    assert [(t.label, r.speaker(t.speaker).name, r.speaker(t.speaker).affiliation) for t in r.turns] == [
        ("Andrew Bailey", "Andrew Bailey", None),
        ("Helia Ebrahimi, Channel 4 News", "Helia Ebrahimi", "Channel 4 News"),
        ("Andrew Bailey", "Andrew Bailey", None),
    ]
    r = parse("Andrew Bailey:  Good afternoon.\n\nOur view, 4 Reasons: none.\n\nQ: Why?\n\nAndrew Bailey:  Yes.\n")
    assert [t.label for t in r.turns] == ["Andrew Bailey", "Q", "Andrew Bailey"]  # a lower-case "view" is no name


def test_a_bare_call_out_that_echoes_the_question_names_nobody():
    # shared/corpus 2020-04-13 task force briefing; corpus-large 2024-07-31 and 2023-02-14 briefings
    r = pressroom.parse_document(
        pressroom.read_bytes(
            (
                "---\ntitle: Press Briefing by Press Secretary Karine Jean-Pierre\n---\n\n"
                "MS. JEAN-PIERRE: Good afternoon, everyone. We are opening the country again, state by state, and we "
                "will do it safely, with the governors, and with the testing that we have built over many weeks.\n\n"
                "Q: Governor Cuomo said the CARES Act ignored state government shortfalls in New York.\n\n"
                "MS. JEAN-PIERRE: Cuomo.\n\n"
                "Q: Do you support that request?\n\n"
                "MS. JEAN-PIERRE: We will see what the governors need and go from there.\n\n"
                "Q: No, Joey.\n\n"
                "MS. JEAN-PIERRE: Joey.\n\n"
                "Q: Thank you. What about the testing?\n\n"
                "MS. JEAN-PIERRE: It is going well, and it will keep going well. Go ahead, Chris.\n\n"
                "Q: There was a congressman, Chris Stewart, who expressed some concern about it. Is he right?\n\n"
                "MS. JEAN-PIERRE: I would refer you to the Pentagon.\n"
            ).encode(),
            name="t.md",
        )
    )
    assert [(r.speaker(t.speaker).name, t.text[:12]) for t in r.turns if t.kind in ("question", "remark")] == [
        (None, "Governor Cuo"),
        (None, "Do you suppo"),
        (None, "No, Joey."),
        ("Joey", "Thank you. W"),
        ("Chris", "There was a "),
    ]


def test_the_role_rules_keep_to_their_cases():
    # a guest a moderator welcomes by name gives a statement, not a question
    r = parse(
        "MODERATOR: Good morning. Please welcome Jane Doe.\n\nJANE DOE: Thank you. Today we release our "
        "report on the economy, which shows growth in every region and every sector this year.\n\n"
        "MODERATOR: Questions. Go ahead, Tom.\n\nQ: Will it last?\n\nJANE DOE: Yes.\n\n"
        "MODERATOR: Next, Ann.\n\nQ: And prices?\n\nJANE DOE: Lower.\n"
    )
    assert {s.labels[0]: s.role for s in r.speakers} == {
        "MODERATOR": "moderator",
        "JANE DOE": "principal",
        "Q": "journalist",
    }
    # "REPORTER:" is the press, though "reporter" reads like a title; like "Q:", an anonymous
    # reporter who keeps the floor: "When?" follows up in the same exchange, as it does after "Q:"
    r = parse(
        "THE PRESIDENT: Good afternoon. We had a long and productive meeting today with the cabinet on the "
        "budget, and I will take your questions now.\n\nREPORTER: Mr. President, will you sign the bill?\n\n"
        "THE PRESIDENT: Yes.\n\nREPORTER: When?\n\nTHE PRESIDENT: Soon.\n"
    )
    assert r.speaker(r.turns[1].speaker).role == "journalist"
    assert [e.question_turns for e in r.exchanges] == [["t2", "t4"]]
    # "DR." is a title without "Q" labels too
    r = parse(
        "GOVERNOR SMITH: Welcome. We have lost many people in the floods and we are still searching across "
        "the eastern part of the state with the Guard.\n\nDR. JONES: How many hospitals are open?\n\n"
        "GOVERNOR SMITH: Three.\n\nDR. JONES: And the clinics?\n\nGOVERNOR SMITH: All of them.\n"
    )
    assert {s.labels[0]: s.role for s in r.speakers} == {"GOVERNOR SMITH": "principal", "DR. JONES": "official"}
    # capitals inside a paragraph of a transcript that prints its labels at paragraph starts: prose
    r = parse(
        "MS. PSAKI: Good afternoon. I have one thing at the top. The leaders met today.\n"
        "JOINT STATEMENT. The leaders agreed to meet again next year in Rome.\n\n"
        "Q: Thank you. Will the President attend?\n\nMS. PSAKI: Yes.\n"
    )
    assert [t.label for t in r.turns] == ["MS. PSAKI", "Q", "MS. PSAKI"]


def test_second_review_cases():
    # a dateline or a caption with a number is no "Name, Outlet:" label
    for line in (
        "New York, March 5: The mayor said more.",
        "Key Points, Chart 3: inflation falls.",
        "Monetary Policy Report, May 2023: inflation falls.",
    ):
        r = parse(
            f"Andrew Bailey:  Good afternoon. Today we raised Bank Rate.\n\n{line}\n\nQ: Why?\n\nAndrew Bailey:  Yes.\n"
        )
        assert [t.label for t in r.turns] == ["Andrew Bailey", "Q", "Andrew Bailey"], line
    # an official a moderator introduces, who speaks of "your questions", is no reporter
    r = parse(
        "CHAIR POWELL.  Good afternoon. We raised rates today, as we said we would, and we will keep at it "
        "until inflation is back at 2 percent.\n\nMICHELLE SMITH.  Thank you. John Williams.\n\n"
        "JOHN WILLIAMS.  Thanks, Michelle. Before we turn to your questions, I want to say a word on the "
        "balance sheet.\n\nMICHELLE SMITH.  Thank you. Howard.\n\nHOWARD SCHNEIDER.  Howard Schneider "
        "with Reuters. Will you cut?\n\nCHAIR POWELL.  No.\n\nMICHELLE SMITH.  Jeanna.\n\n"
        "JEANNA SMIALEK.  Jeanna Smialek, New York Times. And the labor market?\n\nCHAIR POWELL.  Strong.\n"
    )
    assert {s.labels[0]: s.role for s in r.speakers}["JOHN WILLIAMS"] != "journalist"
    # a reporter's first name in the question before does not stop the briefer's call-out naming him,
    # where the briefer calls on him with a lead elsewhere
    r = pressroom.parse_document(
        pressroom.read_bytes(
            (
                "---\ntitle: Press Briefing by Press Secretary Karine Jean-Pierre\n---\n\n"
                "MS. JEAN-PIERRE: Good afternoon, everyone. We have a lot to get to today, so let me start with the "
                "week ahead and then take your questions. Go ahead, Zeke.\n\n"
                "Q: Thanks, Karine. Following up on what Peter asked yesterday about the border, is a deal close?\n\n"
                "MS. JEAN-PIERRE: It is close. Peter.\n\n"
                "Q: Thank you. On Ukraine, what is next?\n\n"
                "MS. JEAN-PIERRE: More aid. Go ahead, Peter.\n\n"
                "Q: And on China?\n\n"
                "MS. JEAN-PIERRE: Talks.\n"
            ).encode(),
            name="t.md",
        )
    )
    assert [r.speaker(t.speaker).name for t in r.turns if t.kind == "question"] == ["Zeke", "Peter", "Peter"]


def test_sources_quoted_and_topics_inside_a_turn_are_no_speakers_where_labels_are_capitals():
    # as the press secretary reads out what others said (corpus-large 2022-07-26, 2021-07-27 briefings)
    r = parse(
        "MS. JEAN-PIERRE: Good afternoon. Here is what economists said this week.\n\n"
        "Morgan Stanley: \u201cThis economy really does not look particularly recessionary.\u201d\n\n"
        "JP Morgan: \u201cIt is inconceivable for a labor market like this to be in a recession.\u201d\n\n"
        "Colorado: More than 96 percent of hospitalizations were among the unvaccinated.\n\n"
        "Q Thank you, Karine. Is the economy in a recession?\n\n"
        "MS. JEAN-PIERRE: No.\n\n"
        "Q And the Fed?\n\n"
        "MS. JEAN-PIERRE: Independent.\n"
    )
    assert [t.label for t in r.turns] == ["MS. JEAN-PIERRE", "Q", "MS. JEAN-PIERRE", "Q", "MS. JEAN-PIERRE"]
    assert [s.labels for s in r.speakers] == [["MS. JEAN-PIERRE"], ["Q"], ["Q"]]
    assert r.turns[0].text.endswith("More than 96 percent of hospitalizations were among the unvaccinated.")
    assert "Morgan Stanley: \u201cThis economy" in r.turns[0].text


def test_organisation_prefers_the_publisher_site_over_a_title_acronym():
    md = (
        "---\ntitle: On-the-Record Press Gaggle by APNSA Jake Sullivan\ndate: '2024-11-17'\n"
        "source_url: https://bidenwhitehouse.archives.gov/briefing-room/x/\n---\n\n"
        "MR. SULLIVAN: Good morning, everybody, and thanks for coming out here this morning to talk.\n\n"
        "Q Will the President meet President Xi again?\n"
    )
    r = pressroom.parse_document(pressroom.read_bytes(md.encode(), name="g.md"))
    assert r.event.organisation == "The White House"
    assert r.speaker(r.turns[0].speaker).name == "Jake Sullivan"
