"""A long message whose asker's story comes first is read across the guide from its asking sentence
(issue 9, part 3): the subject is what the ask names, not a word of the story, and a message that asks
for one thing, or names one section as where to look, is not answered across the guide."""

from __future__ import annotations

import pytest

from bot.engine import Engine, facts
from bot.engine.render import to_terminal
from bot.engine.search import index_for


@pytest.fixture(scope="module")
def engine(shipped_engine: Engine) -> Engine:
    return shipped_engine


def across(engine: Engine, question: str) -> str | None:
    return facts.read(question, index=index_for(engine.kb))[1].across


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        (
            "Our fraud team just shipped a model and the regulators called twice this week. "
            "Where does compliance come up in this guide?",
            "compliance",
        ),
        (
            "I lead eight engineers and two of them are brand new. "
            "How does the guide treat mentoring, across its sections?",
            "mentoring",
        ),
        ("how much does innovation run through the guide?", "innovation"),
        (
            "I'm a product manager and my AI lead talks about it all the time. "
            "What does the guide say about bias?",
            "bias",
        ),
    ],
)
def test_the_subject_of_a_long_message_is_read_from_its_asking_sentence(engine, question, subject):
    assert across(engine, question) == subject


@pytest.mark.parametrize(
    "question",
    [
        "I'm reviewing our skills matrix this week. "
        "In the requirements section, how is communication described?",
        "I already read everything the guide says about ethics. Which certifications does it recommend?",
        "We handle patient records and the audit is next month. What does a lead do about data governance?",
    ],
)
def test_a_long_message_asking_one_thing_is_not_read_across_the_guide(engine, question):
    assert across(engine, question) is None


def test_a_long_message_gets_every_place_with_its_section(engine):
    answer = engine.ask(
        "Our fraud team just shipped a model and the regulators called twice this week. "
        "Where does compliance come up in this guide?"
    )
    text = to_terminal(answer.text)
    assert text.startswith("The guide speaks of compliance in")
    assert "(Common Challenges)" in text and "(Best Practices)" in text
    assert "fraud" not in text.split("\n", 1)[0]  # the story is not the subject


def test_a_section_named_as_where_to_look_keeps_the_answer_to_that_section(engine):
    answer = engine.ask("in the requirements section, how is communication described?")
    assert "The guide speaks of" not in to_terminal(answer.text)


def test_a_context_asked_for_is_not_part_of_the_subject(engine):
    question = "across the guide, which cloud platforms come up and in what contexts?"
    assert across(engine, question) == "cloud platforms"
