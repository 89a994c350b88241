"""A message that asks two things gets both answered, in order, the second under "You also asked".

Questions are written from the guide; each test checks what a user reads: the guide's lines for
both things asked, in the order asked, one "Show the whole section" button, a valid Slack message.
"""

from __future__ import annotations

import pytest
from slack_limits import assert_valid_message

from bot.engine import ConversationState, Engine
from bot.engine.facts import two_questions
from bot.engine.render import to_terminal


@pytest.fixture(scope="module")
def engine(shipped_engine: Engine) -> Engine:
    return shipped_engine


def test_two_items_asked_in_one_message_are_both_answered_in_the_order_asked(engine: Engine) -> None:
    answer = engine.ask(
        "what's under time management in the soft skills, and what does emotional intelligence include?"
    )
    text = to_terminal(answer.text)
    assert "Efficient resource allocation" in text  # Time Management and Prioritization
    assert "Self-awareness" in text and "Empathy" in text  # Emotional Intelligence
    assert text.index("Efficient resource allocation") < text.index("You also asked: what does emotional")
    assert text.index("You also asked") < text.index("Self-awareness")
    assert answer.intent == "soft_skills"
    assert_valid_message(answer.text, answer.blocks)
    buttons = [b for b in answer.blocks if b["type"] == "actions"]
    assert len(buttons) <= 1  # one "Show the whole section", never two of the same action


def test_a_second_question_that_leans_on_the_first_is_read_as_its_follow_up(engine: Engine) -> None:
    answer = engine.ask("what programming languages should an AI lead be strong in? and which frameworks?")
    text = to_terminal(answer.text)
    assert "Python, R, or Julia" in text
    assert "TensorFlow, PyTorch, or Scikit-Learn" in text
    assert answer.carried == []  # the second leaned on the first, not on an earlier turn
    assert "carried from your last question" not in text


def test_two_items_of_one_list_each_cite_their_section(engine: Engine) -> None:
    answer = engine.ask(
        "what's the recommended practice on documentation? and what about handling project risks?"
    )
    text = to_terminal(answer.text)
    assert "Maintain comprehensive documentation" in text
    assert "develop mitigation strategies" in text
    assert text.count("Source: ") == 2  # each answer cites its own section


def test_a_second_question_the_first_answer_already_covers_adds_nothing(engine: Engine) -> None:
    one = engine.ask("should we be versioning our datasets like code? what's the recommended practice")
    assert "Use version control for datasets and models" in one.text
    assert "You also asked" not in one.text  # not the whole list of best practices after its item


def test_an_out_of_scope_second_question_is_not_answered_with_a_section(engine: Engine) -> None:
    answer = engine.ask(
        "what does a senior AI tech lead make in Seattle? and is jenkins or github actions better?"
    )
    assert answer.intent == "salary"
    assert "$150,000 - $280,000" in answer.text
    assert "You also asked" not in answer.text


def test_one_question_after_its_context_is_not_split() -> None:
    assert two_questions("I lead a team of four, and what should I learn next?") is None
    assert two_questions("is model drift a problem, right? ok?") is None
    assert two_questions("what are the key soft skills and what does the guide say about each?") is None
    assert two_questions(
        "which sectors have adopted AI the most, and which region has government backing?"
    ) == (
        "which sectors have adopted AI the most?",
        "which region has government backing?",
    )


def test_the_conversation_goes_on_from_the_second_question(engine: Engine) -> None:
    first = engine.ask(
        "what does the guide say about documentation? and what about handling project risks?",
        state=ConversationState(),
    )
    assert "You also asked" in first.text
    more = engine.ask("why does that matter?", state=first.state)
    assert more.intent == "best_practices"
    assert more.topic == {"section": "Best Practices", "item": "Risk Management"}


def test_a_second_question_read_as_pay_without_a_word_for_pay_is_not_answered_with_pay(
    engine: Engine,
) -> None:
    answer = engine.ask(
        "my CTO wants a slide on running ML on quantum computers. is that a trend leads should watch,"
        " and what's the supposed payoff vs normal hardware?"
    )
    assert answer.intent == "trends"
    assert "Quantum AI" in answer.text
    assert "$" not in answer.text  # no pay table under "You also asked"


def test_three_questions_in_one_message_are_not_split_into_two_answers(engine: Engine) -> None:
    question = "what are the key trends? and what are the main challenges? and what are the best practices?"
    assert two_questions(question) is None  # which two would be a guess
    assert "You also asked" not in engine.ask(question).text


def test_the_other_answer_is_added_though_both_share_their_list_s_wording(engine: Engine) -> None:
    text = to_terminal(engine.ask("what languages should a lead know? and which frameworks?").text)
    assert "Python, R, or Julia" in text and "You also asked: which frameworks?" in text
    assert "TensorFlow, PyTorch, or Scikit-Learn" in text


def test_a_second_question_after_and_without_a_comma_is_answered_too(engine: Engine) -> None:
    # "senior pay in austin" asks in no question word of its own; "and what skills do i need" is a
    # second question all the same, with or without the comma
    for said in (
        "senior pay in austin and what skills do i need",
        "senior pay in austin, and what skills do i need?",
    ):
        answer = engine.ask(said, state=ConversationState())
        text = to_terminal(answer.text)
        assert answer.intent == "salary" and answer.entities == {"level": "senior", "location": "austin"}
        assert "$180,000 - $280,000" in text
        assert "You also asked: what skills do i need" in text
        assert "Python, R, or Julia" in text  # the technical skills, after the pay
        assert text.index("$180,000") < text.index("You also asked")
        assert_valid_message(answer.text, answer.blocks)


def test_a_second_question_of_they_means_the_role_and_is_answered(engine: Engine) -> None:
    text = to_terminal(
        engine.ask("what does an ai tech lead earn in boston and what skills do they need?").text
    )
    assert "$150,000 - $280,000" in text and "You also asked: what skills do they need?" in text


def test_two_questions_joined_by_and_what_are_both_answered(engine: Engine) -> None:
    answer = engine.ask("what skills should we screen for and what should we pay a mid level in seattle?")
    text = to_terminal(answer.text)
    assert "Python, R, or Julia" in text  # the skills
    assert "You also asked: what should we pay a mid level in seattle?" in text
    assert "$150,000 - $220,000" in text[text.index("You also asked") :]  # and the pay
    assert_valid_message(answer.text, answer.blocks)
    # split, but a second part that adds nothing the first does not say is left out
    assert (
        "You also asked"
        not in engine.ask("how do AI leads handle model drift and what tools do they use").text
    )


def test_and_what_after_the_askers_own_story_or_without_a_verb_is_one_question() -> None:
    assert two_questions("I lead a team and what should I learn") is None
    assert two_questions("how do i balance coding and what the team needs") is None
    assert two_questions("salary in seattle and how do i get there") == (
        "salary in seattle?",
        "how do i get there",
    )
    # a clause that asks already, or the asker's own story, before "and what ...": one question
    assert two_questions("security + privacy, where does the guide cover it and what does it say") is None
    assert two_questions("so at my current job our data is a total mess and what should a lead do") is None


def test_a_second_question_of_it_means_the_role_and_is_answered(engine: Engine) -> None:
    text = to_terminal(engine.ask("what skills do they need and what does it pay?").text)
    assert "You also asked: what does it pay?" in text
