"""Focused answers hold the one thing asked (issue 9): what a user notices when a question names one
row, one figure or one subject among context: the answer shows that and leaves out the rest.

Each test asks as a user would and checks the terminal text; none is keyed to a dev question.
"""

from __future__ import annotations

import re

import pytest

from bot.engine import Engine
from bot.engine.render import to_terminal


@pytest.fixture(scope="module")
def engine(shipped_engine: Engine) -> Engine:
    return shipped_engine


def said(engine: Engine, question: str) -> str:
    return re.sub(r"\s+", " ", to_terminal(engine.ask(question).text))


# --- a title the asker speaks of is no level of the hire ----------------------------------------


def test_my_vp_thinking_aloud_does_not_make_the_offer_an_executive_one(engine):
    text = said(
        engine,
        "Hiring an AI tech lead in Columbus, Ohio. My VP thinks we can anchor high and I'm thinking "
        "$205k base. Where does that fall for a non-tech-hub location?",
    )
    assert "$120,000 - $220,000" in text
    assert "Executive" not in text and "$350,000" not in text


def test_the_director_who_budgets_is_not_the_level_priced(engine):
    text = said(
        engine,
        "The director has budgeted $120k for the AI lead who'd run their research lab. Is that within "
        "the normal range for an AI lead in academia and research?",
    )
    assert "$100,000 - $200,000" in text
    assert "Executive" not in text


def test_a_ceo_who_has_an_opinion_is_not_the_job_asked_about(engine):
    text = said(
        engine,
        "Our CEO thinks we can get someone for like 110k. What should we expect to pay an AI tech lead "
        "in Omaha?",
    )
    assert "pay of a CEO" not in text
    assert "$120,000 - $220,000" in text


def test_a_director_level_lead_is_still_priced_as_executive(engine):
    assert "$250,000 - $350,000" in said(engine, "what does a director level AI tech lead make?")


# --- what the question sets aside, or says of something else ------------------------------------


def test_base_pay_only_leaves_the_bonus_note_out(engine):
    question = "I got offered 125k for an entry-level AI tech lead spot, is that decent?"
    assert "10% to 20%" in said(engine, question)
    text = said(engine, "Not asking about the bonus, just base: " + question)
    assert "$120,000 - $180,000" in text and "10% to 20%" not in text


def test_a_tech_scene_is_a_place_not_the_tech_industry(engine):
    text = said(
        engine,
        "The pay breakdown has a bucket for other big tech cities besides the bay area and nyc. Which "
        "cities does it name as examples for that bucket?",
    )
    assert "Seattle, Boston, Austin" in text
    assert "$200,000 - $350,000" not in text and "Tech and Software" not in text


def test_years_at_one_employer_are_no_verdict_on_a_question_about_the_work(engine):
    text = said(
        engine,
        "I've been at this startup for 3 years and our CTO wants me to lead a new ML squad. Does the AI "
        "tech lead role still involve designing the system architecture themselves?",
    )
    assert "Architecture Design" in text
    assert "8+ years" not in text
    # years in the field asked about are still compared with the guide's
    assert "8+ years" in said(engine, "I've been in ML for 3 years, am I qualified to be an AI tech lead?")


# --- the national average, named in other words --------------------------------------------------


def test_a_pay_cap_against_the_national_picture_is_placed_in_the_average_alone(engine):
    text = said(
        engine,
        "Our comp committee approved a US-wide remote band for AI tech leads topping out at $240k. How "
        "does that cap compare to the national picture?",
    )
    assert "$160,000 - $250,000" in text
    assert "$350,000" not in text and "Entry-Level" not in text


def test_the_overall_us_average_is_the_national_average_alone(engine):
    text = said(engine, "Not by city or level, just: what's the overall US average range for an AI lead?")
    assert "$160,000 - $250,000" in text and "Entry-Level" not in text


def test_years_that_restate_a_level_say_which_band_is_compared(engine):
    text = said(
        engine,
        "How does pay for the most senior ML leaders, people 18+ years in, compare with what's typical "
        "across the whole country?",
    )
    assert "$250,000 - $350,000" in text and "$160,000 - $250,000" in text
    assert "Senior-Level" not in text and "$180,000 - $280,000" not in text


def test_a_row_set_against_the_average_is_compared_without_the_context_rows(engine):
    text = said(
        engine,
        "I've been an ML engineer for almost 6 years at a 70-person SaaS company. How does entry-level "
        "AI tech lead pay stack up against the national average for the role?",
    )
    assert "$120,000 - $180,000" in text and "$160,000 - $250,000" in text
    assert "Tech and Software" not in text and "$150,000 - $280,000" not in text


# --- one figure of an area that gives two --------------------------------------------------------


def test_the_market_size_is_answered_without_the_growth_rate(engine):
    text = said(engine, "I need one number: how big is the global AI market expected to get by 2030?")
    assert "$1.3 trillion" in text and "35.7%" not in text


def test_the_cagr_is_answered_without_the_market_size(engine):
    text = said(engine, "what is the CAGR of the AI market?")
    assert "35.7%" in text and "$1.3 trillion" not in text


def test_both_figures_asked_get_both(engine):
    text = said(engine, "How big is the global AI market expected to get, and how fast is it growing?")
    assert "$1.3 trillion" in text and "35.7%" in text
    # a growth rate the guide gives only as its CAGR: the area, read together
    assert "35.7%" in said(engine, "what's the expected growth rate of the ai market?")


# --- the thing asked, among the asker's context -------------------------------------------------


def test_the_level_of_university_study_asked_is_the_degree_line(engine):
    text = said(engine, "What level of university study do people who lead ML teams usually have?")
    assert "Master's or Ph.D." in text and "8+ years" not in text


def test_a_plan_of_some_years_is_not_the_askers_experience(engine):
    text = said(
        engine,
        "CEO wants a 3-year plan for where we're taking AI. Which chunk of an AI lead's duties covers "
        "that kind of long-horizon planning?",
    )
    assert "Strategic Planning" in text and "8+ years" not in text


def test_a_yes_no_about_one_line_of_a_short_area_shows_the_area(engine):
    text = said(
        engine,
        "I run analytics at an auto parts maker. Does making physical stuff actually show up as one of "
        "the sectors adopting AI?",
    )
    assert "manufacturing" in text


def test_a_soft_skill_named_by_its_points_is_that_skill(engine):
    text = said(
        engine,
        "They want a lead who's great with clients and managing expectations. What soft skill is that?",
    )
    assert "Stakeholder Management" in text and "Emotional Intelligence" not in text


def test_a_title_named_only_in_the_context_is_not_what_is_asked(engine):
    text = said(
        engine,
        "I've been running docker and kubernetes clusters on AWS and recently started supporting our data "
        "science team's training jobs. Does all that infra and container experience count toward what an "
        "AI tech lead needs?",
    )
    assert "Cloud and Infrastructure" in text
    assert "data preprocessing, feature engineering" not in text


def test_the_askers_own_job_is_who_asks_not_an_item_that_names_it(engine):
    # "data scientist" is the asker's job here, not Team Leadership's "teams of data scientists"
    for said in ("I have been a data scientist for 4 years", "I've been a data scientist for 4 years"):
        answer = engine.ask(said)
        assert answer.topic == {"section": "Requirements", "item": "Industry Tenure"}, said
        assert answer.text.lstrip("*_").startswith("Not yet by the guide's figure"), said
        assert "Team Leadership" not in answer.text, said


def test_the_askers_years_beside_another_question_keep_the_answer_short():
    # an answer over its lines with the asker's years compared after its point: the comparison keeps
    # its verdict and its label, the requirement quoted after it goes (the source still names it)
    from types import SimpleNamespace

    from bot.engine.answers import focus
    from bot.engine.answers.base import Draft
    from bot.engine.render import Section as Text

    verdict = (
        "*Yes, by the guide's figure: 12 years meets the “usually 8+ years” it asks for (in AI/ML roles).* "
        "It says: “Significant experience (usually 8+ years) in AI/ML roles.” (Requirements). "
        + focus.COMPARED
    )
    draft = Draft((Text("It can: certifications can be beneficial."), Text(verdict)), ("requirements",))
    query = SimpleNamespace(full=False, brief=False, intent="salary")
    short = focus.also_meant(query, draft, lambda d: "It says" not in str(d.parts))
    text = "\n".join(p.text for p in short.parts)
    assert "12 years meets the “usually 8+ years”" in text and focus.COMPARED in text
    assert "It says" not in text and "certifications can be beneficial" in text
    # within its lines, the quote stays
    assert focus.also_meant(query, draft, lambda d: True) is draft
