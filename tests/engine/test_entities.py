"""EntityExtractor: levels, years of experience, places, industries and topics in a question."""

from __future__ import annotations

from functools import cache

import pytest

from bot.engine.entities import Entities, EntityExtractor
from bot.engine.knowledge import load_knowledge
from bot.engine.normalize import normalize


@cache
def _extractor() -> EntityExtractor:
    return EntityExtractor(load_knowledge())


def extract(question: str) -> Entities:
    return _extractor().extract(normalize(question))


@pytest.mark.parametrize(
    ("question", "level"),
    [
        ("salary for a junior ai lead", "entry"),
        ("jr pay", "entry"),
        ("new grad tech lead", "entry"),
        ("mid-level pay", "mid"),
        ("intermediate", "mid"),
        ("sr ai tech lead", "senior"),
        ("staff level comp", "senior"),
        ("VP of AI salary", "executive"),
        ("director pay", "executive"),
        ("head of ai comp", "executive"),
        ("exec level", "executive"),
    ],
)
def test_level_aliases(question: str, level: str) -> None:
    assert extract(question).level == level


@pytest.mark.parametrize(
    ("question", "years", "level"),
    [
        ("I have 3 years of experience", 3, "entry"),
        ("with 5 years", 5, "entry"),
        ("7 yrs experience", 7, "entry"),
        ("8 years", 8, "mid"),  # boundary years count toward the higher band
        ("10 yoe", 10, "mid"),
        ("10yoe", 10, "mid"),
        ("a decade in ML", 10, "mid"),
        ("twelve years of experience", 12, "senior"),
        ("15+ years", 15, "senior"),
        ("two decades", 20, "executive"),
        ("18 years", 18, "executive"),
    ],
)
def test_years_of_experience_map_to_the_guides_bands(question: str, years: int, level: str) -> None:
    entities = extract(question)
    assert entities.years == years
    assert entities.level == level
    assert entities.readings, "the answer can say how the years were read"


def test_years_below_the_lowest_band_say_so() -> None:
    entities = extract("I have 2 years of experience, what would I make?")
    assert entities.level == "entry"
    assert "below" in entities.readings[0]


def test_years_that_are_not_experience_are_ignored() -> None:
    assert extract("where will the market be in 5 years").years is None
    assert extract("I am 30 years old").years is None


def test_juniors_the_asker_manages_are_people_not_a_level() -> None:
    found = extract("I mentor three juniors and have 10 years in ML, what would I earn?")
    assert found.level == "mid" and found.years == 10  # from the years, not "juniors"
    assert extract("what do juniors make in sf?").level == "entry"  # the level asked about


def test_people_counted_loosely_or_by_a_figure_after_leading_are_not_the_level_asked() -> None:
    offsite = extract(
        "Lots of execs excited, a few skeptics. I'm in boston. what's the range for a senior lead?"
    )
    assert offsite.level == "senior" and offsite.also == ()  # no executive-vs-senior comparison
    assert extract("I have 10 years and mentor 2 juniors, what would I earn?").level == "mid"
    assert extract("what do a few seniors make in nyc?").level == "senior"  # their pay is asked
    assert extract("salary for a few seniors in SF?").level == "senior"
    assert extract("hiring 3 seniors in nyc, total cost?").level == "senior"  # a headcount of a level


def test_an_explicit_level_wins_over_years() -> None:
    entities = extract("senior with 10 years")
    assert (entities.level, entities.years) == ("senior", 10)


@pytest.mark.parametrize(
    ("question", "location", "tier"),
    [
        ("sf", "sf_bay_area", "sf_nyc"),
        ("san fran", "sf_bay_area", "sf_nyc"),
        ("in the bay area", "sf_bay_area", "sf_nyc"),
        ("silicon valley", "sf_bay_area", "sf_nyc"),
        ("palo alto", "sf_bay_area", "sf_nyc"),
        ("nyc", "nyc", "sf_nyc"),
        ("new york", "nyc", "sf_nyc"),
        ("manhattan", "nyc", "sf_nyc"),
        ("seattle", "seattle", "tech_hub"),
        ("seatle", "seattle", "tech_hub"),
        ("boston", "boston", "tech_hub"),
        ("austin", "austin", "tech_hub"),
        ("a major tech hub", "other_tech_hub", "tech_hub"),
        ("non-tech hub", "non_tech_hub", "non_tech_hub"),
        ("rural area", "non_tech_hub", "non_tech_hub"),
    ],
)
def test_locations(question: str, location: str, tier: str) -> None:
    entities = extract(question)
    assert (entities.location, entities.location_tier) == (location, tier)


@pytest.mark.parametrize("city", ["london", "berlin", "remote", "new england", "texas", "california"])
def test_unlisted_locations_are_reported_as_such(city: str) -> None:
    """Abroad, remote, and US regions and states that span several of the guide's tiers."""
    entities = extract(f"ai tech lead salary in {city}")
    assert entities.location is None
    assert entities.unlisted_location == city
    assert entities.places == ()


@pytest.mark.parametrize(
    ("question", "location", "place"),
    [
        ("ai tech lead salary in Boise", "non_tech_hub", "Boise"),
        ("what would I pay someone in des moines", "non_tech_hub", "Des Moines"),  # never "Maine"
        ("entry level AI tech lead in little rock", "non_tech_hub", "Little Rock"),
        ("comp check, company based in Tulsa", "non_tech_hub", "Tulsa"),
        ("in kansas city", "non_tech_hub", "Kansas City"),
        ("11 yrs at a health insurer in Louisville?", "non_tech_hub", "Louisville"),
        ("pay in Omaha, Nebraska", "non_tech_hub", "Omaha"),
        ("salary in Idaho", "non_tech_hub", "Idaho"),
        ("salary in New Mexico", "non_tech_hub", "New Mexico"),
        ("senior pay in Denver", "other_tech_hub", "Denver"),
        ("what do they make in chicago", "other_tech_hub", "Chicago"),
        ("lead salary LA", "other_tech_hub", "Los Angeles"),
        ("in Washington, D.C.", "other_tech_hub", "Washington, DC"),
        ("raleigh-durham pay", "other_tech_hub", "Research Triangle"),
        ("salary in Portland", "other_tech_hub", "Portland"),
        ("salary in Portland, OR", "other_tech_hub", "Portland"),
        ("salary in Portland, ME", "non_tech_hub", "Portland, ME"),
        ("an offer in St. Louis", "non_tech_hub", "Saint Louis"),
        ("job in Hoboken", "nyc", "Hoboken"),
        ("lead role in la jolla", "other_tech_hub", "La Jolla"),  # not LA
    ],
)
def test_us_places_the_guide_does_not_name_are_read_as_a_tier(
    question: str, location: str, place: str
) -> None:
    entities = extract(question)
    assert entities.location == location
    assert entities.unlisted_location is None
    assert entities.places == ((place, location),)
    assert any(r.startswith(f"{place}: read as") for r in entities.readings)


def test_a_state_code_counts_alone_only_when_it_is_no_english_word() -> None:
    assert extract("boise id salary").places == (("Boise", "non_tech_hub"),)
    assert extract("salary in TX").unlisted_location == "texas"
    assert extract("what do leads make in NV").places == (("Nevada", "non_tech_hub"),)
    assert extract("TN visa eligibility for data scientists").places == ()
    for question in (
        "what is it like in practice",
        "is a phd ok or me being self taught",
        "hi, id like to know",
    ):
        found = extract(question)
        assert (found.location, found.unlisted_location, found.places) == (None, None, ())


def test_cities_that_are_also_words_need_their_state() -> None:
    assert extract("mobile ai trends").places == ()
    assert extract("reading list for ai leads").places == ()
    assert extract("salary in Mobile, AL").places == (("Mobile, AL", "non_tech_hub"),)
    assert extract("normal salary for a lead").places == ()


def test_a_long_place_name_one_slip_off_is_read_after_in() -> None:
    assert extract("ai tl pay in chicgo at a fintech?").places == (("Chicago", "other_tech_hub"),)
    assert extract("salary in louisvile").places == (("Louisville", "non_tech_hub"),)
    for question in ("trends in indian economy", "hooking it into the billing system", "main challenges"):
        assert extract(question).places == ()


def test_a_listed_place_wins_over_the_state_it_is_in() -> None:
    found = extract("salary in Austin, Texas")
    assert (found.location, found.unlisted_location, found.places) == ("austin", None, ())
    found = extract("Austin, TX or Dallas, TX?")  # the state goes with each city: no Texas to compare
    assert (found.location, found.unlisted_location) == ("austin", None)
    assert found.also == (("location", "other_tech_hub"),)
    assert found.places == (("Dallas", "other_tech_hub"),)
    found = extract("pay in San Jose, CA")
    assert (found.location, found.places) == ("sf_bay_area", (("San Jose, CA", "sf_bay_area"),))


def test_a_us_place_beside_a_listed_one_is_compared() -> None:
    found = extract("austin vs kansas city for ai lead roles")
    assert found.location == "austin"
    assert found.also == (("location", "non_tech_hub"),)
    assert found.places == (("Kansas City", "non_tech_hub"),)


@pytest.mark.parametrize(
    ("question", "industry", "group"),
    [
        ("fintech", "finance", "finance_healthcare"),
        ("at a bank", "finance", "finance_healthcare"),
        ("hedge fund", "finance", "finance_healthcare"),
        ("pharma", "healthcare", "finance_healthcare"),
        ("life sciences", "healthcare", "finance_healthcare"),
        ("saas startup", "tech", "tech_software"),
        ("big tech", "tech", "tech_software"),
        ("university lab", "academia", "academia_research"),
    ],
)
def test_industries(question: str, industry: str, group: str) -> None:
    entities = extract(question)
    assert (entities.industry, entities.industry_group) == (industry, group)


def test_tech_lead_is_the_role_not_the_tech_industry() -> None:
    assert extract("how much does an ai tech lead make").industry is None
    assert extract("tech lead salary in tech").industry == "tech"


def test_multi_entity_salary_question() -> None:
    entities = extract("TC for a senior AI TL in NYC at a fintech?")
    assert entities.to_json() == {
        "level": "senior",
        "location": "nyc",
        "location_tier": "sf_nyc",
        "industry": "finance",
        "industry_group": "finance_healthcare",
    }
    assert entities.salary_facets() == 3
    assert len(entities.readings) == 3


@pytest.mark.parametrize(
    ("question", "section", "item"),
    [
        ("how do I deal with model drift?", "common-challenges", "model-drift-and-maintenance"),
        ("what is xai", "industry-trends", "explainable-ai-xai"),
        ("tell me about quantum", "industry-trends", "quantum-ai"),
        ("edge ai trend", "industry-trends", "edge-ai"),
        ("best practices for ci/cd", "best-practices", "model-development-and-deployment"),
        ("data governance duties", "core-responsibilities", "data-governance"),
        ("the black box problem", "common-challenges", "model-interpretability-and-explainability"),
    ],
)
def test_topics(question: str, section: str, item: str) -> None:
    assert extract(question).topic == (section, item)


def test_an_alias_of_several_sections_names_an_item_in_each() -> None:
    practice = extract("compliance best practices")  # the matcher decides which section is meant
    assert practice.topic_for("best-practices") == "compliance-and-regulatory-adherence"
    assert practice.topic_for("common-challenges") == "regulatory-compliance"
    assert practice.topic_for("industry-trends") == "regulatory-compliance-and-standards"


def test_skill_kind() -> None:
    assert extract("what soft skills").skill_kind == "soft"
    assert extract("people skills").skill_kind == "soft"
    assert extract("technical skills").skill_kind == "technical"
    assert extract("skills").skill_kind is None


def test_to_json_has_only_what_was_given() -> None:
    assert extract("what are the challenges").to_json() == {}
    assert extract("salary in london").to_json() == {"unlisted_location": "london"}
    assert extract("salary in boise").to_json() == {
        "location": "non_tech_hub",
        "location_tier": "non_tech_hub",
    }


def test_a_second_level_place_or_industry_is_kept_for_a_comparison(shipped_kb) -> None:
    extractor = EntityExtractor(shipped_kb)
    found = extractor.extract(normalize("senior vs entry level pay in NYC or Austin"))
    assert (found.level, found.location) == ("senior", "nyc")
    assert found.also == (("level", "entry"), ("location", "austin"))
    assert extractor.extract(normalize("senior sf fintech")).also == ()
    assert extractor.extract(normalize("sf or bay area pay")).also == ()  # one place, two names


def test_a_school_the_asker_left_is_no_industry() -> None:
    assert extract("how much do AI tech leads make straight out of college?").industry is None
    assert extract("pay for an AI lead after university").industry is None
    assert extract("what do AI tech leads make at a university?").industry == "academia"


def test_the_size_of_a_company_is_no_level() -> None:
    # "mid" of "a mid-size company" once read as Mid-Level, and set against the asker's 20 years
    found = extract("20+ years in, heading AI at a mid-size company: what's the salary bracket?")
    assert found.level == "executive" and found.also == ()
    assert extract("a mid-sized insurer wants an AI lead, what pay?").level is None
    assert extract("mid-level AI lead salary").level == "mid"


def test_a_non_hub_city_is_the_non_tech_hub_tier() -> None:
    assert extract("what should the JD list if the job's in a non-hub city?").location == "non_tech_hub"


# --- what a question takes back, and which figure is the asker's experience -------------------


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("not in SF, we're in Austin - senior pay?", {"location": "austin", "level": "senior"}),
        ("Boston, not Austin. what's the range?", {"location": "boston"}),
        ("not Seattle proper, we're over in Bellevue", {"location": "seattle"}),
        ("I'm not at a bank anymore, moved to a hospital", {"industry": "healthcare"}),
        ("used to be at a bank, now at a hospital", {"industry": "healthcare"}),
        ("I left the hedge fund, I'm at a pharma company now", {"industry": "healthcare"}),
        ("scratch the healthcare bit, the role moved to our software division", {"industry": "tech"}),
        ("treat my university hospital job as healthcare, not academia", {"industry": "healthcare"}),
        ("senior pay in NYC? actually forget the NYC part", {"level": "senior", "location": None}),
        ("Austin? no, Boston", {"location": "boston"}),
        ("the job is in NYC. No remote option. senior pay?", {"location": "nyc", "level": "senior"}),
        ("I now live in Seattle, previously Boston", {"location": "seattle"}),
        ("moving from Boston to Seattle, what would I make?", {"location": "seattle"}),
        ("never worked at a bank, would a bank pay me more?", {"industry": "finance"}),
        ("originally asked about Austin but the job moved to NYC", {"location": "nyc"}),
        ("I said executive earlier but that's wrong, she has 14 years", {"level": "senior"}),
        ("I'm not senior yet, 9 years in", {"level": "mid"}),
        ("my manager calls me mid-level but I only have 7 years", {"level": "entry"}),
        ("PNW, Seattle proper", {"location": "seattle"}),
        # a negation reaches the rest of its list, not a correction after it
        ("band at a software company, not banks or hospitals?", {"industry": "tech"}),
        ("pay in Austin, not SF or NYC", {"location": "austin"}),
        ("not in SF nor NYC but Seattle", {"location": "seattle"}),
        ("not at a bank or in NYC, senior pay in healthcare?", {"industry": "healthcare", "location": None}),
        ("not SF, NYC is where I am", {"location": "nyc"}),
        # what the asker cannot pay is not where they pay
        ("we can't pay bay area money. what do ai tech leads make in austin?", {"location": "austin"}),
        (
            "we cannot afford NYC salaries, what would a senior lead cost in Denver",
            {"location": "other_tech_hub"},
        ),
    ],
)
def test_a_value_negated_or_taken_back_is_not_the_one_asked(question: str, want: dict) -> None:
    entities = extract(question)
    assert {k: getattr(entities, k) for k in want} == want


@pytest.mark.parametrize(
    "question",
    [
        "why isn't NYC pay higher than Austin?",
        "one in Boston and one in a smaller Midwest city, how far apart is pay?",
        "stay at my bank or jump to a university?",
    ],
)
def test_a_question_that_compares_keeps_both_values(question: str) -> None:
    assert extract(question).also, "the second value is kept for the comparison"


@pytest.mark.parametrize(
    ("question", "years"),
    [
        ("been at my current company for 3 years, roughly 10 years in ML overall", 10),
        ("15 years total but 3 in ML", 3),
        ("thirty years writing software, only 2 of them in AI", 2),
        ("she has 14 years, not 20", 14),
        ("the candidate has eleven years, not twenty-one", 11),
        ("eleven and a half years of ML", 11.5),
        ("half a dozen years doing NLP", 6),
        ("I'm in year 6 of my career", 6),
        ("fourteen-ish years, healthcare AI", 14),
        ("I'm 41 years old with 8 years of experience", 8),
        ("12 years at Google", 12),  # a stay at one employer, when nothing else is said
    ],
)
def test_the_figure_read_is_the_askers_experience(question: str, years: float) -> None:
    assert extract(question).years == years


def test_people_and_starting_are_no_level() -> None:
    assert extract("3,000 staff and our tech staff").level is None
    assert extract("1 AI tech lead plus 2 engineers to start").level is None
    assert extract("staff engineer pay").level == "senior"
    assert extract("starting salary for a tech lead").level == "entry"


@pytest.mark.parametrize(
    ("question", "industry"),
    [
        ("AI tech lead at an online lender", "finance"),
        ("asset manager hiring an AI lead", "finance"),
        ("what does a brokerage pay", "finance"),
        ("my insurer pays me how much?", "finance"),
        ("how much would a drug maker pay", "healthcare"),
        ("lead at a chain of urgent care clinics", "healthcare"),
        ("AI lead at a cybersecurity software vendor", "tech"),
        ("AI lead at a national lab", "academia"),
    ],
)
def test_industries_named_by_the_kind_of_organisation(question: str, industry: str) -> None:
    assert extract(question).industry == industry


@pytest.mark.parametrize(
    ("question", "location"),
    [
        ("South Lake Union AI tech lead pay?", "seattle"),
        ("our office is in Back Bay", "boston"),
        ("a startup in Kendall Square", "boston"),
        ("working in SoMa", "sf_bay_area"),
        ("based in Hudson Yards", "nyc"),
    ],
)
def test_neighbourhoods_known_by_name_are_their_city(question: str, location: str) -> None:
    assert extract(question).location == location


def test_stints_in_ml_add_up_and_a_stint_outside_it_does_not() -> None:
    assert extract("eight years in a university ML lab and then five at an ML startup").years == 13
    assert extract("10 years as a backend engineer, then 2 at an ML startup").years == 2


def test_a_kind_said_not_to_count_is_not_priced() -> None:
    entities = extract(
        "junior ML engineer at a healthcare company; no specific level or industry, just the average"
    )
    assert (entities.level, entities.industry) == (None, None)
    assert extract("senior pay, not tied to any city or company type, in NYC maybe").location is None


@pytest.mark.parametrize(
    ("question", "industry"),
    [
        ("fintech startup offered me 210k as AI tech lead, fair?", "finance"),
        ("salary for a senior AI lead at a healthcare startup?", "healthcare"),
        ("a healthcare AI startup in Denver", "healthcare"),
        ("AI lead at a startup in healthcare: what pay?", "healthcare"),
    ],
)
def test_a_startup_in_an_industry_is_one_employer_of_that_industry(question: str, industry: str) -> None:
    entities = extract(question)
    assert (entities.industry, entities.also) == (industry, ())


def test_a_startup_named_apart_from_another_employer_is_still_compared() -> None:
    assert extract("which pays more for an AI lead, startups or banks?").also == (("industry", "finance"),)


def test_a_milestone_the_asker_has_reached_is_their_years() -> None:
    assert extract("I'm at the 6 yr mark as an AI lead, how much more once I'm senior?").years == 6
    assert extract("just hit the 10 year mark in ML").years == 10
    assert extract("is the 8 years thing a hard line?").years is None  # the guide's figure, pointed at


def test_a_move_between_two_levels_that_asks_how_pay_goes_up_keeps_both() -> None:
    entities = extract("how much does the max go up when u move from mid level to senior")
    assert (entities.level, entities.also) == ("mid", (("level", "senior"),))


@pytest.mark.parametrize(
    ("question", "level"),
    [
        ("whats the bump when i cross into the 8-12 yr band", "mid"),
        ("pay in the 12-18 years band", "senior"),
    ],
)
def test_a_band_named_by_its_years_is_that_level(question: str, level: str) -> None:
    assert extract(question).level == level


@pytest.mark.parametrize(
    ("question", "level"),
    [
        ("hey, senior ML eng here, 11 yrs, NYC fintech. they offered 240k base", "mid"),
        ("sr data scientist with 9 years in seattle, what would i make as a lead", "mid"),
        ("senior ai tech lead with 11 years, pay in nyc?", "senior"),  # the role's own level stands
    ],
)
def test_a_level_word_of_the_askers_job_title_gives_way_to_their_years(question: str, level: str) -> None:
    # "senior ML eng" is their title; 11 years read the guide's band (Mid-Level), which decides
    # whether an offer is above or within it
    assert extract(question).level == level


@pytest.mark.parametrize(
    ("question", "level"),
    [
        ("director pay here in austin?", "executive"),  # "here" is where: the title's pay is asked
        ("vp salary here in seattle?", "executive"),
        ("VP eng here. want to hire 3 ai tech leads in nyc next yr", None),  # the asker's own title
    ],
)
def test_here_after_a_title_is_the_asker_only_when_it_is_not_a_place(
    question: str, level: str | None
) -> None:
    assert extract(question).level == level
