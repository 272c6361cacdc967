"""People named in titles and call-outs (pressroom/parse/people.py)."""
from pressroom.parse.people import callout_name, people_in


def test_a_title_names_the_person_after_an_office_and_before_where_they_were():
    # titles from corpus-large (2021-02-19 Kalamazoo gaggle; 2024-09-19 briefing)
    got = people_in("Press Gaggle by Press Secretary Jen Psaki Aboard Air Force One En Route Kalamazoo, MI", "title")
    assert [(p.name, p.title) for p in got] == [("Jen Psaki", "Press Secretary")]
    got = people_in("Press Briefing by Press Secretary Karine Jean-Pierre and Chair of the Council of Economic "
                    "Advisers Jared Bernstein", "title")
    assert [(p.name, p.title) for p in got] == [
        ("Karine Jean-Pierre", "Press Secretary"), ("Jared Bernstein", "Chair of the Council of Economic Advisers")]
    got = people_in("Press Briefing by Press Secretary Karine Jean-Pierre and Senior Advisor for Public Engagement "
                    "Keisha Lance Bottoms", "title")
    assert [p.name for p in got] == ["Karine Jean-Pierre", "Keisha Lance Bottoms"]


def test_a_name_after_a_title_abbreviation_is_addressed_not_called_on():
    known: set[str] = set()
    assert callout_name("I don't have any — you're talking about First Lady, Dr. Biden?", known) is None
    assert callout_name("That is all I have on that. Go ahead, Steve.", known) == "Steve"
    assert callout_name("We will see. Victoria, in the back.", known) == "Victoria"
