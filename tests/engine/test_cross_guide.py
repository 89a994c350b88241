"""A subject that comes up in several sections of the guide gets each section's lines about it, each
with its section named, within about 12 terminal lines: found by its words in any of their forms,
by meaning where the guide words it otherwise, and with the room shared among the sections."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.engine.render import to_terminal, wrap
from bot.engine.search import index_for


@pytest.fixture(scope="module")
def engine(shipped_engine: Engine) -> Engine:
    return shipped_engine


def terminal(engine: Engine, question: str) -> tuple[str, int]:
    """The answer as terminal text, and the lines it takes at 80 columns."""
    text = to_terminal(engine.ask(question).text).rstrip("\n")
    return text, wrap(text, 80).count("\n") + 1


def test_a_quality_is_found_where_the_guide_says_its_adjective(engine):
    assert "scalabl" in index_for(engine.kb).expand("scalability")
    text, lines = terminal(engine, "Everything in the guide on scalability, please.")
    assert "Scaling AI solutions to handle large data volumes" in text  # Common Challenges
    assert "Develop scalable, efficient AI and ML architectures" in text  # Core Responsibilities
    assert lines <= 12


def test_a_subject_worded_otherwise_in_another_section_is_answered_across_the_guide(engine):
    text, lines = terminal(engine, "Everything in the guide about degrees")
    assert text.startswith("The guide speaks of degrees in 2 places (2 sections)")
    assert "Advanced Degree (Requirements)" in text
    # Overview says no "degree": found by meaning, shown with its words
    assert "Education (Overview): Typically a Master's or Ph.D. in Computer Science, Mathematics" in text
    assert lines <= 12


def test_a_subject_nothing_elsewhere_is_near_stays_one_item(engine):
    text, _lines = terminal(engine, "what's the guide's take on documentation?")
    assert text.startswith("Documentation and Knowledge Sharing is one of") and "places" not in text


def test_another_sections_place_is_shown_beside_an_item_that_answers_closely(engine):
    # the answer's own item is very near the question; Model Drift, in another section, still shows
    text, lines = terminal(
        engine,
        "we still deploy models by copying pickle files onto a server, "
        "as the new lead what should I push for?",
    )
    assert text.startswith("Model Development and Deployment is one of")
    assert "Also in the guide" in text and "Common Challenges — Model Drift and Maintenance" in text
    assert "Regularly updating and retraining models" in text
    assert lines <= 12


@pytest.mark.xfail(
    strict=True,
    reason="a miss since the matcher reads a message's parts (2026-12-07): its story told first, "
    "'expanding into the EU with a candidate-screening model', read alone is surely a trend, so the "
    "answer is ambiguous (Did you mean: Industry trends?) and shows the area whole, without the EU AI Act",
)
def test_an_areas_items_far_from_the_question_fold_to_make_room_for_other_sections(engine):
    text, lines = terminal(
        engine,
        "We're expanding into the EU next year with a candidate-screening model. "
        "What's on a lead's plate regulation-wise?",
    )
    assert "Regulatory Compliance: Keep abreast of and comply with AI-related regulations" in text
    assert "Also in this area: Quality Control, Ethical AI." in text  # named, not left out
    assert "such as the EU's AI Act" in text  # Industry Trends, in the room they leave
    assert lines <= 12


def test_an_area_the_question_names_keeps_all_its_items(engine):
    text, _lines = terminal(engine, "what does knowledge management involve for the lead?")
    assert "Create training programs" in text and "Foster a culture of learning" in text
    assert "Represent the organization at AI conferences" in text and "Also in this area" not in text


def test_a_situation_gets_each_sections_line_and_a_source_line_that_says_they_are_named(engine):
    text, lines = terminal(
        engine,
        "my clinicians flat out refuse to use the sepsis model because they can't see why it flags people "
        "and honestly i get it. is building trust and transparency like a core thing for someone leading "
        "the team or more of a nice-to-have we get to later",
    )
    assert "Making AI models transparent and explainable to stakeholders" in text  # Common Challenges
    assert "Industry Trends — Explainable AI (XAI): Crucial for building trust" in text
    assert "Best Practices — Ethical AI Practices: Ensure fairness, transparency" in text
    assert text.endswith("Source: AI Tech Lead guide — the 3 sections named above")
    assert lines <= 12


def test_a_yes_no_verdict_gives_the_lists_reason_up_for_other_sections_places(engine):
    text, lines = terminal(
        engine,
        "our model falls over under traffic spikes. "
        "is scalability something an AI lead is expected to handle?",
    )
    assert text.startswith("Yes: Scalability and Performance is one of the guide's 12 Common Challenges")
    assert "Develop scalable, efficient AI and ML architectures" in text  # Core Responsibilities
    assert "Overview › Key Responsibilities" in text
    assert "Why, says the guide" not in text and lines <= 12


def test_a_yes_no_verdict_with_nothing_elsewhere_keeps_its_reason(engine):
    text, _lines = terminal(engine, "is emotional intelligence important for an ai lead?")
    assert text.startswith("Yes: Emotional Intelligence") and "Why, says the guide" in text


def test_places_elsewhere_follow_the_point_without_a_blank_line_only_when_that_fits_more(engine):
    text, lines = terminal(
        engine,
        "is cloud and infrastructure knowledge valued for AI leads?",
    )
    assert "Kubernetes).\nAlso in the guide\n• Cloud and Distributed Computing (Career Development)" in text
    assert "their AI/ML services" in text and lines <= 12
    roomy, _lines = terminal(
        engine,
        "we still deploy models by copying pickle files onto a server, "
        "as the new lead what should I push for?",
    )
    assert "\n\nAlso in the guide\n" in roomy  # everything fits with the usual blank line


def test_a_subject_is_found_in_titles_that_use_another_form_of_its_word(engine):
    # "regulation" is "regulatory" in three titles: those come before a place that only says
    # "regulated industries" in passing (Explainable AI), and the two that say most show their words
    assert "regulatory" in index_for(engine.kb).expand("regulation")
    text, lines = terminal(engine, "where is regulation mentioned in the guide?")
    assert "Regulatory Compliance (Core Responsibilities): Keep abreast of and comply" in text
    assert "Regulatory Compliance (Common Challenges): Navigating evolving AI-related regulations" in text
    assert text.index("Regulatory Compliance and Standards (Industry Trends)") < text.index("Explainable AI")
    assert lines <= 12


def test_the_subject_said_back_stops_where_the_askers_aside_begins(engine):
    # "i thought tech leads mostly manage" is the asker's aside, not part of the subject
    text, _ = terminal(engine, "why is data science in there, i thought tech leads mostly manage")
    assert text.startswith("The guide speaks of data science in ")
    assert "i thought" not in text.split("\n", 1)[0]


def test_a_listed_subject_keeps_every_entry_after_its_commas():
    from bot.engine import subject
    from bot.engine.knowledge import load_knowledge
    from bot.engine.search import index_for

    found = subject.read("what does the guide say about python, sql and spark?", index_for(load_knowledge()))
    assert found is not None and found.text == "python, sql and spark"  # a list, not an aside
