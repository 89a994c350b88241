"""Every real tip from the knowledge base as a Slack message: valid, escaped, self-contained."""

from __future__ import annotations

import pytest
from slack_limits import assert_valid_message

from bot.tips.message import tip_message

from .conftest import make_tips


def real_tips():
    from bot.engine.knowledge import load_knowledge

    return load_knowledge().tips


def test_the_guide_has_ten_trends_then_twelve_practices_then_twelve_challenges() -> None:
    kinds = [t.kind for t in real_tips()]
    assert kinds == ["trend"] * 10 + ["best_practice"] * 12 + ["challenge"] * 12


@pytest.mark.parametrize("index", range(34))
def test_every_real_tip_is_a_valid_message_that_names_its_source(index: int) -> None:
    tip = real_tips()[index]
    message = tip_message(tip)
    assert_valid_message(message["text"], message["blocks"])
    assert tip.title in message["blocks"][0]["text"]["text"]
    assert tip.source in message["text"]
    assert tip.text[:40] in message["text"] or (tip.points and tip.points[0][:30] in message["text"])
    actions = message["blocks"][-1]
    assert actions["type"] == "actions" and {e["action_id"] for e in actions["elements"]} == {
        "aitl_feedback_up",
        "aitl_feedback_down",
    }


def test_knowledge_text_is_escaped() -> None:
    tip = make_tips()[0]  # its text carries <!channel> and &
    message = tip_message(tip)
    assert "<!channel>" not in str(message)
    assert "&lt;!channel&gt;" in message["text"] and "&amp;" in message["text"]


def test_a_very_long_tip_still_fits_slack() -> None:
    from dataclasses import replace

    tip = replace(make_tips()[0], text="word " * 3000, points=tuple(f"point {n}" for n in range(500)))
    message = tip_message(tip)
    assert_valid_message(message["text"], message["blocks"])
