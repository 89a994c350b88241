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


@pytest.mark.parametrize("city", ["chicago", "denver", "los angeles", "london", "berlin", "remote"])
def test_unlisted_locations_are_reported_as_such(city: str) -> None:
    entities = extract(f"ai tech lead salary in {city}")
    assert entities.location is None
    assert entities.unlisted_location == city


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
    assert extract("salary in chicago").to_json() == {"unlisted_location": "chicago"}


def test_a_second_level_place_or_industry_is_kept_for_a_comparison(shipped_kb) -> None:
    extractor = EntityExtractor(shipped_kb)
    found = extractor.extract(normalize("senior vs entry level pay in NYC or Austin"))
    assert (found.level, found.location) == ("senior", "nyc")
    assert found.also == (("level", "entry"), ("location", "austin"))
    assert extractor.extract(normalize("senior sf fintech")).also == ()
    assert extractor.extract(normalize("sf or bay area pay")).also == ()  # one place, two names
