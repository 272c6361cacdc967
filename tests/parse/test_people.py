"""People named in titles and call-outs (pressroom/parse/people.py)."""

from pressroom.parse.people import callout_name, find_intro, people_in, self_introduction


def test_a_title_names_the_person_after_an_office_and_before_where_they_were():
    # titles from corpus-large (2021-02-19 Kalamazoo gaggle; 2024-09-19 briefing)
    got = people_in("Press Gaggle by Press Secretary Jen Psaki Aboard Air Force One En Route Kalamazoo, MI", "title")
    assert [(p.name, p.title) for p in got] == [("Jen Psaki", "Press Secretary")]
    got = people_in(
        "Press Briefing by Press Secretary Karine Jean-Pierre and Chair of the Council of Economic "
        "Advisers Jared Bernstein",
        "title",
    )
    assert [(p.name, p.title) for p in got] == [
        ("Karine Jean-Pierre", "Press Secretary"),
        ("Jared Bernstein", "Chair of the Council of Economic Advisers"),
    ]
    got = people_in(
        "Press Briefing by Press Secretary Karine Jean-Pierre and Senior Advisor for Public Engagement "
        "Keisha Lance Bottoms",
        "title",
    )
    assert [p.name for p in got] == ["Karine Jean-Pierre", "Keisha Lance Bottoms"]


def test_a_name_after_a_title_abbreviation_is_addressed_not_called_on():
    known: set[str] = set()
    assert callout_name("I don't have any — you're talking about First Lady, Dr. Biden?", known) is None
    assert callout_name("That is all I have on that. Go ahead, Steve.", known) == "Steve"
    assert callout_name("We will see. Victoria, in the back.", known) == "Victoria"


def test_call_outs_that_are_common_words_name_nobody():
    import pressroom

    text = (
        "Press Briefing by Press Secretary Jen Psaki\n\n"
        "MS. PSAKI: Good afternoon. We have a lot to get to today, so let me start with the week. Go ahead, Karen.\n\n"
        "Q: Thanks. What is the top worry for the economy?\n\n"
        "MS. PSAKI: It is a major issue, and prices matter to every family in the country. Inflation.\n\n"
        "Q: And on inflation, will it come down?\n\n"
        "MS. PSAKI: Today, we announced a plan to bring costs down for families.\n\n"
        "Q: On trade, is a deal close?\n\n"
        "MS. PSAKI: Well, Major, it is close, and we will have more to say next week.\n"
    )
    r = pressroom.parse_document(pressroom.read_bytes(text.encode(), name="t.txt"))
    asked = [r.speaker(t.speaker).name for t in r.turns if t.kind == "question"]
    # "Inflation." ends a turn (the word is also printed in lower case) and "Today, we …" addresses
    # nobody, so the second question stays with Karen, who has the floor; "Well, Major, …" names
    # the third asker, though "major" is also a common word
    assert asked == ["Karen", "Karen", "Major"]


def test_led_call_outs_name_reporters_whose_names_are_also_words():
    from pressroom.parse.people import written_in_lower_case

    text = "It is a major week for the bill, and we will mark it."

    def lower(w):
        return written_in_lower_case(w, text)

    assert callout_name(text + " Go ahead, Will.", set(), lower) == "Will"
    assert callout_name(text + " Major, in the back.", set(), lower) == "Major"
    assert callout_name(text + " Will.", set(), lower) is None  # bare, and "will" is a word here
    assert callout_name(text + " Sally.", set(), lower) == "Sally"
    assert callout_name(text + " Unfortunately.", set(), lower) is None
    assert callout_name(text + " And on Saturday.", set(), lower) is None
    assert written_in_lower_case("", text) is False
    got = people_in("Press Gaggle Aboard Air Force One with Press Secretary Karine Jean-Pierre", "title")
    assert [(p.name, p.title) for p in got] == [("Karine Jean-Pierre", "Press Secretary")]


def test_a_topic_opener_or_an_official_title_is_no_self_introduction():
    # openings of reporters' and briefers' turns in corpus-large (2021-02-23, 2022-11-29, 2023-11-07
    # and 2022-08-26 briefings)
    assert self_introduction("Okay.  On Keystone XL, I know that’s one issue that will come up today.") == (None, None)
    assert self_introduction("On China, Karine, if I can?") == (None, None)
    assert self_introduction(
        "But Jake Sullivan, Finer, you have all said that anytime that the U.S. transfers weapons …"
    ) == (None, None)
    assert self_introduction("In Grand Rapids, Michigan, police just released the tape …") == (None, None)
    assert self_introduction("Good afternoon.  I’m Bob Fenton, the White House Monkeypox\nResponse Coordinator.") == (
        None,
        None,
    )
    # greetings and a briefer addressed by name (2021-11-19, 2022-02-23, 2024-06-04 briefings)
    assert self_introduction("Hey, thanks so much.  And Happy Birthday, John.", None, frozenset({"john", "kirby"})) == (
        None,
        None,
    )
    assert self_introduction(
        "Supreme Court, Jen?  Supreme Court, real fast, Jen?", None, frozenset({"jen", "psaki"})
    ) == (None, None)
    assert self_introduction("Supreme Court, Jen?") == ("Supreme Court", "Jen")  # without the briefers' names
    # reporters still introduce themselves
    assert self_introduction("Howard Schneider with Reuters.  Thanks for taking our questions.") == (
        "Howard Schneider",
        "Reuters",
    )
    assert self_introduction("Hi, Steve Liesman, CNBC.  Mr. Chair, …") == ("Steve Liesman", "CNBC")
    assert self_introduction("Bill Plante, CBS News.  Mr. President, …") == ("Bill Plante", "CBS News")
    # a place after a comma is no outlet (2024-02-15, 2023-08-30 briefings); "from India today" keeps the reporter
    assert self_introduction("And lastly, East Palestine, Ohio.") == (None, None)
    assert self_introduction("Democratic Mayor Eric Adams, New York, said …") == (None, None)
    assert self_introduction("Geeta Mohan from India today, sir.  I’ll just take my question …") == (
        "Geeta Mohan",
        "India",
    )


def test_a_moderator_calls_on_a_reporter_by_name_and_outlet():
    # corpus-large 2021-02-26 COVID-19 response team briefing
    intro = find_intro("Next question.  Next we’ll go to Brian Karem, Playboy.")
    assert (intro.name, intro.outlet, intro.place) == ("Brian Karem", "Playboy", None)
    assert find_intro("We go to Jeff Mason, the White House Press Office.") is None  # an office, no outlet
    assert find_intro("Let us go to Jen Psaki, I think.") is None
    # an organisation is no reporter (2022-02-28 and 2022-06-06 background press calls)
    assert (
        find_intro(
            "… will go to Belgium for a vote of the SWIFT Board of Directors and then the de-SWIFTing will be complete."
        )
        is None
    )
    assert find_intro("We have been in touch with the Interim President of Venezuela.") is None
    assert find_intro("We'll go to Emma Court of Bloomberg.").name == "Emma Court"
    # given names and surnames that are also words or titles stay names
    for who in ("John King", "Josh White", "Doris Day", "Bill Plante"):
        assert find_intro(f"We'll go to {who} from CBS.").name == who
    assert find_intro("Go to Bill Plante, CBS.").name == "Bill Plante"
    intro = find_intro("Sure.  It’s Michelle Jamrisko from Bloomberg.")  # 2024-04-11 background call
    assert (intro.name, intro.outlet) == ("Michelle Jamrisko", "Bloomberg")


def test_a_day_a_greeting_or_an_office_names_no_reporter():
    # corpus-large 2021-04-06, 2021-07-14, 2022-10-24 and 2024-09-13 briefings
    assert self_introduction("Mitch McConnell, the Republican Leader, said today …") == (None, None)
    assert self_introduction("Ron Klain, Chief of Staff, said …") == (None, None)
    assert self_introduction("Late Friday, Department of Homeland Security announced …") == (None, None)
    assert callout_name("Happy Friday.", set()) is None
    assert callout_name("Okay. Go ahead, Steven.", set()) == "Steven"


def test_one_word_replies_numbers_and_participles_call_nobody():
    # briefers' one-word replies before a reporter's next question, in corpus-large briefings
    for reply in (
        "Shocked.",
        "Relieved.",
        "Counting.",
        "Thirty.",
        "Eighty.",
        "Goodness.",
        "Period.",
        "Godspeed.",
        "Nevertheless.",
    ):
        assert callout_name(reply, set()) is None, reply
    assert callout_name("Sterling.", set()) is None  # a bare name with a participle's ending: the price
    assert callout_name("Go ahead, Sterling.", set()) == "Sterling"  # led, it names him
    assert callout_name("Go ahead, Manning.", set()) == "Manning"
    assert callout_name("Go ahead, Bill.", set()) == "Bill"


def test_outlets_name_no_person():
    assert self_introduction("Sky News, Deborah Haynes.  On the border, will you act?") == (None, None)
    assert find_intro("We'll take one from Reuters News with Jeff Mason.") is None
    assert [callout_name(t, set()) for t in ("Go ahead, Fox News.", "Okay. Daily Mail.", "Sky News.")] == [
        None,
        None,
        None,
    ]
    assert find_intro("We will go to Lena Sun of the Washington Post.").name == "Lena Sun"  # Sun stays a surname
