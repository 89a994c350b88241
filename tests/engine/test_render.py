"""The block builders keep Slack's limits and escaping by construction."""

from __future__ import annotations

import json

from slack_limits import assert_valid_message

from bot.engine import render
from bot.engine.render import BarRow, Button, Buttons, Code, Context, Fields, Header, Section


def test_escape_replaces_ampersand_first_so_entities_are_not_doubled_wrongly():
    assert render.escape("a & <b> &lt;") == "a &amp; &lt;b&gt; &amp;lt;"


def test_escaped_special_mentions_cannot_ping():
    assert "<!" not in render.escape("<!channel> <!here> <!everyone> <!subteam^S1>")


def test_truncate_respects_limit_and_marks_the_cut():
    cut = render.truncate("x" * 5000, 3000)
    assert len(cut) == 3000 and cut.endswith("…")
    assert render.truncate("short", 10) == "short"


def test_truncate_never_leaves_half_an_entity():
    text = "a" * 8 + "&amp;" + "b" * 10
    for limit in range(5, 20):
        cut = render.truncate(text, limit)
        assert len(cut) <= limit
        body = cut.rstrip("…")
        assert "&" not in body or "&amp;" in body


def test_truncate_closes_an_open_code_block():
    text = "intro\n```\n" + "line\n" * 1000 + "```"
    cut = render.truncate(text, 300)
    assert len(cut) <= 300 and cut.count("```") == 2


def test_message_lays_out_text_and_blocks_in_the_same_order():
    text, blocks = render.message(
        [
            Header("Salary"),
            Section("*Senior*: $1"),
            Fields(("a", "b")),
            Code(("x < y",)),
            Context("Source: S"),
        ]
    )
    assert [b["type"] for b in blocks] == ["header", "section", "section", "section", "context"]
    assert text.startswith("*Salary*") and "x &lt; y" in text and text.endswith("Source: S")
    assert_valid_message(text, blocks)


def test_message_stays_inside_every_limit_for_huge_content():
    parts = [
        Header("H" * 400),
        *[Section("word " * 2000) for _ in range(60)],
        Fields(tuple("f" * 3000 for _ in range(25))),
    ]
    parts += [
        Context("Source: x"),
        Buttons((Button("b" * 200, "aitl_dym_salary", "{}"),), fallback="Did you mean?"),
    ]
    text, blocks = render.message(parts)
    assert_valid_message(text, blocks)
    assert blocks[-1]["type"] == "actions" and blocks[-2]["type"] == "context"


def test_long_section_is_split_at_lines_not_cut():
    text = "\n".join(f"• item {i} " + "z" * 90 for i in range(60))
    _, blocks = render.message([Section(text)])
    assert len(blocks) >= 2
    assert sum(b["text"]["text"].count("• item") for b in blocks) == 60


def test_raw_angle_brackets_are_neutralized_at_the_sink():
    text, blocks = render.message([Section("<!channel> hi"), Header("<!here>")])
    assert_valid_message(text, blocks)


def test_button_value_is_json_without_angle_brackets_and_fits():
    value = render.button_value({"i": "salary", "q": "<!channel> " + "é" * 3000}, shrink_key="q")
    assert len(value) <= 2000 and "<" not in value
    data = json.loads(value)
    assert data["i"] == "salary" and data["q"].startswith("<!channel> ")


def test_bars_share_one_scale():
    lines = render.bar_chart([BarRow("Senior-Level", 180_000, 280_000), BarRow("SF", 200_000, 350_000)])
    assert len(lines) == 3
    assert "$180k-$280k" in lines[0] and "▕" in lines[0] and "▏" in lines[0]
    width = len(lines[0].split("▕")[1])
    assert width == len(lines[1].split("▕")[1])
    assert "$180k" in lines[2] and "$350k" in lines[2]


def test_terminal_rendering_has_no_mrkdwn_noise():
    text = "*Bold* &amp; &lt;tag&gt; <https://x.io|label>\n```\na &lt; b\n```\n• item"
    out = render.to_terminal(text, color=False)
    assert out == "Bold & <tag> label (https://x.io)\n  a < b\n• item\n"
    assert "\033[1mBold\033[0m" in render.to_terminal(text, color=True)
