"""A long message read in its parts: its sentences and clauses, each read alone beside the whole
message, whose embedding the situation told first may dominate (facts.parts_text,
Matcher.with_parts, Matcher.item_views)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from bot.engine import facts
from bot.engine.nlu.matcher import Matcher

CFO = (
    "We've spent roughly $2M on ML pilots over 18 months and the CFO wants to know what we got for it. "
    "Which part of our AI lead's job is supposed to cover that kind of thing?"
)


def test_a_message_is_read_in_its_sentences_and_the_clauses_turned_against_each_other():
    parts = facts.parts_text(
        "Our AI lead is technically excellent but nobody outside the team understands what they're "
        "building. Which skill is missing?"
    )
    assert parts == (
        "our ai lead is technically excellent",
        "nobody outside the team understands what they are building",
        "which skill is missing",
    )


def test_a_question_of_one_part_has_no_parts_and_a_short_aside_is_none():
    assert facts.parts_text("what does an ai tech lead do?") == ()
    assert facts.parts_text("sorry long one. what does an ai tech lead do all day?") == ()


def test_a_long_story_is_read_in_its_last_parts_where_the_asking_is():
    story = (
        ". ".join(f"sentence number {n} of my long story" for n in range(10)) + ". what skills matter most?"
    )
    parts = facts.parts_text(story)
    assert len(parts) == facts.MAX_PARTS
    assert parts[-1] == "what skills matter most"


@pytest.fixture(scope="module")
def pipeline(shipped_engine):
    return shipped_engine._pipeline_or_build()


def _weighted(matcher: Matcher, weight: float) -> Matcher:
    """The matcher with a message's most decisive part weighed `weight` (intent and item)."""
    cal = replace(matcher.learned.calibration, parts=weight, item_parts=weight)
    return Matcher(replace(matcher.learned, calibration=cal), matcher.encoder)


def _match(pipeline, matcher: Matcher, question: str):
    reading = pipeline.read(question)
    return matcher.classify_many(
        [reading.normalized.text], reading.facets[None, :], [reading.asking], [reading.parts]
    )[0]


def test_the_part_that_asks_decides_when_the_situation_told_first_drowns_it(pipeline):
    # the CFO's story leans to an overview of the role or its challenges; the asking part, alone,
    # reads as its duties: weighing that part makes the duties surer
    alone = _match(pipeline, _weighted(pipeline.matcher, 0.0), CFO)
    mixed = _match(pipeline, _weighted(pipeline.matcher, 0.3), CFO)  # as `aitl kb train` chose on dev
    assert dict(mixed.ranked)["responsibilities"] > dict(alone.ranked)["responsibilities"] + 0.05
    assert mixed.intent == "responsibilities"
    assert mixed.topic is not None and mixed.topic.item == "strategic-planning"


def test_a_part_weighed_not_at_all_changes_nothing_and_costs_no_encoder_run(pipeline):
    matcher = _weighted(pipeline.matcher, 0.0)
    reading = pipeline.read(CFO)
    rows, _, _, parts = matcher.rows([reading.normalized.text], reading.facets[None, :], [reading.asking])
    assert not len(parts.owner)  # no parts asked for, none read
    p = matcher.probabilities(rows)
    assert np.array_equal(matcher.with_parts(p, parts), p)
