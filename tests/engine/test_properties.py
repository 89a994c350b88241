"""Whatever anyone types, the engine answers, inside Slack's limits, and never pings a channel."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_limits import assert_no_special_mention, assert_valid_message
from text_strategies import any_text

from bot.engine import Engine
from bot.engine.answer import INTENTS, Answer


@pytest.fixture(scope="module")
def engine(shipped_engine: Engine) -> Engine:
    return shipped_engine


SLACK_MARKUP = st.sampled_from(
    [
        "<!channel>",
        "<!here>",
        "<!everyone>",
        "<!subteam^S0123|@team>",
        "<@U012ABC>",
        "<#C0123|general>",
        "<https://evil.example|click me>",
        "&lt;!channel&gt;",
        "&amp;",
        "*bold*",
        "_it_",
        "~strike~",
        "`code`",
        "```block```",
        "> quote",
        ":tada:",
        "🚀",
        "👩‍💻",
        "\u200b",
        "\x00",
        "\n",
        "salary",
        "senior",
        "sf",
        "model drift",
        "challenges",
        "what skills",
        "help",
        "2,000",
        "$",
    ]
)
QUESTIONS = st.one_of(
    any_text(max_size=300),
    st.lists(st.one_of(SLACK_MARKUP, any_text(max_size=20)), max_size=25).map(" ".join),
    st.builds(lambda unit, n: unit * n, SLACK_MARKUP, st.integers(min_value=100, max_value=3000)),
)
# The default run tries 50 questions per property; the slow run (.ci/run) the thorough 200.
QUICK = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def check(answer: Answer) -> None:
    assert isinstance(answer, Answer)
    assert answer.intent in INTENTS
    assert 0.0 <= answer.confidence <= 1.0
    assert_valid_message(answer.text, answer.blocks)
    data = answer.to_dict()
    assert_no_special_mention(json.dumps(data, ensure_ascii=False))
    for block in answer.blocks:
        for element in block.get("elements", []):
            if element.get("type") == "button":
                assert len(element["value"]) <= 2000
                json.loads(element["value"])


@pytest.mark.slow
@FAST
@given(question=QUESTIONS)
def test_any_question_gets_a_valid_safe_answer(engine, question):
    check(engine.ask(question))


def check_forced(engine, question: str, intent: str) -> None:
    answer = engine.ask(question, intent=intent)
    check(answer)
    assert answer.intent == intent


@QUICK
@given(question=QUESTIONS, intent=st.sampled_from(INTENTS))
def test_any_question_with_a_forced_intent_gets_a_valid_safe_answer(engine, question, intent):
    check_forced(engine, question, intent)


@pytest.mark.slow
@FAST
@given(question=QUESTIONS, intent=st.sampled_from(INTENTS))
def test_any_question_with_a_forced_intent_gets_a_valid_safe_answer_thoroughly(engine, question, intent):
    check_forced(engine, question, intent)


def test_a_forced_help_stays_help_for_a_question_across_the_guide(engine):
    # a button or subcommand forces the intent: an across-the-guide reading does not move it
    answer = engine.ask("everything on stakeholders pls", intent="help")
    check(answer)
    assert answer.intent == "help"


def test_a_huge_question_is_cut_with_a_note(engine):
    answer = engine.ask("what is the salary of a senior in sf " + "x" * 10_000)
    check(answer)
    assert "first 2,000 characters" in answer.text


def test_an_internal_error_becomes_a_safe_unknown_answer(monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom <!channel>")

    fresh = Engine.load()  # nothing cached: composing really runs
    monkeypatch.setattr("bot.engine.compose", explode)
    answer = fresh.ask("salary senior sf")
    check(answer)
    assert answer.intent == "unknown" and "boom" not in answer.text
