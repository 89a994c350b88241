"""Questions that ask what the guide says of something across its sections in ways the rules of
bot.engine.subject do not read (the topic first, then how much of it): the learned detector
(bot.engine.nlu.across) takes them as asking across the guide; the subject is still read and found
in several of the guide's sections. A yes/no question whether the guide holds one view is not."""

from __future__ import annotations

import pytest

from bot.engine.nlu import across
from bot.engine.render import to_terminal


@pytest.fixture(scope="module")
def engine(shipped_engine):
    return shipped_engine


@pytest.mark.parametrize(
    "question",
    ["mentoring, all of it", "security, every occurrence", "what are all the mentoring references"],
)
def test_a_topic_then_how_much_of_it_is_answered_across_the_guide(engine, question):
    text = to_terminal(engine.ask(question).text)
    topic = question.removeprefix("what are all the ").split(",")[0].split()[0]
    assert text.startswith(f"The guide speaks of {topic} in ")
    assert "sections)" in text


def test_the_subject_is_the_topic_before_a_colon_not_the_words_after_it(engine):
    assert to_terminal(engine.ask("ethics: everything").text).startswith("The guide speaks of ethics in ")


def test_a_yes_no_question_about_one_view_of_the_guide_is_not_answered_across_it(engine):
    text = engine.ask(
        "does the guide expect leads to do feature engineering themselves, is that a problem if i never did?"
    ).text
    assert "The guide speaks of" not in text
    assert "feature engineering" in text


def test_the_detector_reads_its_own_file_and_tells_the_kinds_apart(engine):
    detector = across.load(engine.kb.directory)
    assert detector is not None and 0.5 <= detector.threshold < 1
    assert detector.sure("data privacy — all references")
    assert not detector.sure("what's the salary of a senior lead in austin?")


def test_fitting_separates_the_two_kinds_with_numpy_alone():
    texts = [
        "x: everything",
        "y, all of it",
        "z: every place",
        "what is x?",
        "how do i get y?",
        "is z needed?",
    ]
    detector = across.fit(texts, [1, 1, 1, 0, 0, 0], strength=100.0, min_df=1, steps=300)
    assert detector.probability("w: everything") > 0.5 > detector.probability("what is w?")
    assert across.Detector.from_json(detector.to_json()).probability("w: everything") == pytest.approx(
        detector.probability("w: everything"), abs=1e-3
    )


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        (
            "my team ships fast and breaks things, we had two outages last month. "
            "where does mentoring come up for a lead, as a duty and as a way to grow?",
            "mentoring",
        ),
        (
            "i run a team of six spread over two offices. for a lead, how is knowledge sharing "
            "treated across the role?",
            "knowledge sharing",
        ),
    ],
)
def test_a_context_first_question_takes_its_subject_from_the_asking_clause(engine, question, topic):
    text = to_terminal(engine.ask(question).text)
    assert text.startswith(f"The guide speaks of {topic} in ")
