"""The Slack adapter's pure parts: text in, blocks out, routing, de-duplication, the gate."""

from __future__ import annotations

import json
import threading
import time

import pytest
from hypothesis import given
from slack_limits import assert_no_special_mention, assert_valid_message
from slack_sdk.models.views import View
from text_strategies import any_text

from bot.slack.blocks import button_value, did_you_mean_blocks, feedback_blocks, fit, home_view
from bot.slack.dedup import RecentKeys, event_keys
from bot.slack.gate import Gate
from bot.slack.messages import defuse_blocks, shared_message
from bot.slack.routing import route, suggest
from bot.slack.text import MAX_QUESTION, defuse, plain_question


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("<@UBOT> what is the salary?", "what is the salary?"),
        ("<@UBOT|aitl> <!channel> salary", "salary"),
        ("<!subteam^S1|@leads> skills for <@U2>", "skills for"),
        ("see <https://x.example|this> &amp; that", "see this & that"),
        ("&lt;!everyone&gt; career", "career"),
        ("<#C123|general> trends", "#general trends"),
    ],
)
def test_plain_question_turns_slack_markup_into_words(raw: str, plain: str) -> None:
    assert plain_question(raw, bot_user_id="UBOT").text == plain


def test_plain_question_cuts_long_text() -> None:
    question = plain_question("x" * 40_000)
    assert question.truncated and len(question.text) == MAX_QUESTION


@given(any_text(max_size=300))
def test_no_special_mention_survives_the_way_in(text: str) -> None:
    assert_no_special_mention(plain_question(text).text)


@given(any_text(max_size=300))
def test_defuse_leaves_no_special_mention(text: str) -> None:
    assert_no_special_mention(defuse(text))


def test_defuse_keeps_links_but_not_mentions() -> None:
    assert (
        defuse("<https://a.example|guide> <!here> <@U1>") == "<https://a.example|guide> &lt;!here> &lt;@U1>"
    )


@pytest.mark.parametrize(
    ("text", "kind", "intent"),
    [
        ("", "help", None),
        ("help", "help", None),
        ("salary senior sf", "ask", "salary"),
        ("skills soft", "ask", "soft_skills"),
        ("skills technical", "ask", "skills"),
        ("practices", "ask", "best_practices"),
        ("tips subscribe 09:00 Europe/Paris", "tips", None),
        ("tip", "tips", None),
        ("tips", "tips", None),
        ("tips unsubscibe", "tips", None),  # a typo still gets the tips usage, not an unrelated answer
        ("tips for leading an ML team", "ask", None),
        ("how do I become one?", "ask", None),
    ],
)
def test_route(text: str, kind: str, intent: str | None) -> None:
    decision = route(text)
    assert (decision.kind, decision.intent) == (kind, intent)


def test_suggest_close_subcommands() -> None:
    assert suggest("salry please") == ["salary"]
    assert suggest("zzzz") == []


def test_feedback_blocks_are_valid_and_carry_what_the_store_needs() -> None:
    blocks = feedback_blocks(intent="salary", confidence=0.8765, question="q" * 5000, share=True)
    assert_valid_message("fallback", blocks)
    ids = [e["action_id"] for e in blocks[0]["elements"]]
    assert ids == ["aitl_share", "aitl_feedback_up", "aitl_feedback_down"]
    value = json.loads(blocks[0]["elements"][1]["value"])
    assert value["i"] == "salary" and value["c"] == 0.876 and len(value["q"]) <= 1200
    assert [e["action_id"] for e in feedback_blocks(intent="trends", confidence=1)[0]["elements"]] == [
        "aitl_feedback_up",
        "aitl_feedback_down",
    ]


@given(any_text(max_size=3000))
def test_button_values_stay_within_slack_limits(question: str) -> None:
    assert len(button_value({"i": "x", "q": question})) <= 2000


def test_fit_keeps_the_trailing_buttons() -> None:
    content = [{"type": "divider"}] * 60 + [{"type": "actions", "elements": []}]
    blocks = fit(content, after=[{"type": "context", "elements": []}])
    assert len(blocks) == 50 and blocks[-2]["type"] == "actions"


def test_did_you_mean_blocks_are_valid() -> None:
    blocks = did_you_mean_blocks(
        question="salry", choices=[("salary", "Salary ranges"), ("skills", "Skills")]
    )
    assert_valid_message("Did you mean", blocks)
    assert json.loads(blocks[1]["elements"][0]["value"]) == {"i": "salary", "q": "salry"}


def test_home_view_is_a_valid_view_within_100_blocks() -> None:
    topics = [(f"t{i}", f"Topic <{i}>", "desc & more") for i in range(40)]
    view = home_view(
        topics=topics, examples=["salary <!channel>"] * 20, subscriptions=[{"type": "divider"}] * 80
    )
    assert len(view["blocks"]) <= 100
    View(**view).to_dict()
    assert_no_special_mention(view)


class _Answer:
    intent, confidence, text = "salary", 0.9, "<!channel> pays *well*"
    blocks = [
        {"type": "section", "text": {"type": "mrkdwn", "text": "<!everyone> $200k"}},
        {"type": "actions", "elements": [{"type": "button", "action_id": "aitl_dym_market", "value": "{}"}]},
    ]


def test_shared_message_is_attributed_and_defused() -> None:
    message = shared_message(_Answer(), user_id="U1", question="<b> & salary")
    assert message["text"].startswith("<@U1> asked: &lt;b&gt; &amp; salary")
    assert_no_special_mention(message)
    assert all(b["type"] != "actions" or b.get("block_id") == "aitl_feedback" for b in message["blocks"])
    assert defuse_blocks(_Answer.blocks)[0]["text"]["text"] == "&lt;!everyone> $200k"


def test_event_keys_cover_the_event_and_the_message() -> None:
    body = {"event_id": "Ev1", "event": {"type": "app_mention", "channel": "C1", "ts": "1.2"}}
    assert event_keys(body) == ["event:Ev1", "message:C1:1.2"]


def test_recent_keys_see_a_message_once_under_either_key() -> None:
    recent = RecentKeys(ttl_seconds=10)
    assert recent.add_all(["event:1", "message:C:1"], now=0)
    assert not recent.add_all(["event:2", "message:C:1"], now=1)  # app_mention + message
    assert not recent.add_all(["event:1", "message:C:1"], now=2)  # a retry
    assert recent.add_all(["event:1", "message:C:1"], now=20)  # expired


def test_recent_keys_are_atomic_across_threads() -> None:
    recent, wins = RecentKeys(), []
    threads = [threading.Thread(target=lambda: wins.append(recent.add_all(["event:x"]))) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wins.count(True) == 1


def test_gate_lets_work_through_when_quiet_and_holds_it_while_busy() -> None:
    gate = Gate(quiet_seconds=0.01, max_wait_seconds=0.3)
    started = time.monotonic()
    gate.wait_quiet(since=started)
    assert time.monotonic() - started < 0.1
    gate.enter()
    started = time.monotonic()
    gate.wait_quiet(since=started)  # busy: waits for the deadline
    assert 0.25 < time.monotonic() - started < 1.0
    threading.Timer(0.05, gate.leave).start()
    started = time.monotonic()
    gate.wait_quiet(since=started)
    assert time.monotonic() - started < 0.25
    gate.enter()
    threading.Timer(0.05, gate.open).start()
    started = time.monotonic()
    gate.wait_quiet(since=started)
    assert time.monotonic() - started < 0.25


def test_background_reports_a_failed_job_once_and_keeps_going() -> None:
    from bot.slack.background import Background

    reports: list[dict] = []
    done = threading.Event()
    background = Background(on_error=lambda **kw: reports.append(kw))

    def boom() -> None:
        raise RuntimeError("web api down")

    context = {"response_url": "https://hooks.example/x", "respond": "the-respond"}
    background.run(boom, body={"team_id": "T1"}, client="c", context=context)
    background.run(done.set, body={}, client="c", context=None)
    assert done.wait(2)
    background.shutdown()
    assert (
        len(reports) == 1
        and reports[0]["respond"] == "the-respond"
        and reports[0]["body"] == {"team_id": "T1"}
    )


def test_background_holds_jobs_while_busy_but_not_urgent_ones_and_drains_on_shutdown() -> None:
    from bot.slack.background import Background

    gate = Gate(quiet_seconds=0.01, max_wait_seconds=30)
    gate.enter()  # a request in flight for the whole test
    background = Background(gate=gate)
    ran: list[str] = []
    urgent = threading.Event()
    background.run(lambda: ran.append("reply"), body={}, client=None, context=None)
    background.run(
        lambda: (ran.append("modal"), urgent.set()), body={}, client=None, context=None, urgent=True
    )
    assert urgent.wait(2)
    time.sleep(0.1)
    assert ran == ["modal"]
    background.shutdown()
    assert ran == ["modal", "reply"]


def test_gate_wait_can_give_up_after_a_slice() -> None:
    gate = Gate(quiet_seconds=0.01, max_wait_seconds=30)
    gate.enter()
    started = time.monotonic()
    assert gate.wait_quiet(since=started, timeout=0.05) is False
    assert time.monotonic() - started < 0.5
    gate.leave()
    assert gate.wait_quiet(since=started, timeout=1.0) is True


def test_background_sends_replies_during_a_long_burst_once_too_many_wait() -> None:
    from bot.slack.background import Background

    gate = Gate(quiet_seconds=0.01, max_wait_seconds=30)
    gate.enter()  # busy all along
    background = Background(gate=gate, soft_pending=3)
    ran = threading.Semaphore(0)
    for _ in range(6):
        background.run(ran.release, body={}, client=None, context=None)
    assert all(ran.acquire(timeout=2) for _ in range(3))  # the queue went past 3: some ran
    background.shutdown()


def test_a_store_outage_does_not_stop_an_answer() -> None:
    from bot.slack.dedup import first_time

    class Down:
        def first_seen(self, key: str, *, ttl_seconds: int = 900) -> bool:
            raise OSError("database is locked")

    assert first_time(Down(), {"type": "app_mention", "channel": "C1", "ts": "1.2"}) is True


def test_the_did_you_mean_prefix_is_defined_once_and_routes_the_engines_buttons() -> None:
    """The engine makes the buttons and the adapter routes them: one constant, or they drift apart."""
    import re
    from pathlib import Path

    import bot
    from bot.engine.answers.base import dym_button
    from bot.slack.messages import DYM_PREFIX

    sources = {p: p.read_text("utf-8") for p in Path(bot.__file__).parent.rglob("*.py")}
    defined = [p for p, text in sources.items() if re.search(r"^DYM_PREFIX\s*=", text, re.M)]
    spelled = [p for p, text in sources.items() if '"aitl_dym_' in text or 'f"aitl_dym_' in text]
    assert len(defined) == 1 and spelled == defined, (defined, spelled)
    engine_button = dym_button(intent="salary", text="Pay", question="q")
    (ours,) = did_you_mean_blocks(question="q", choices=[("salary", "Pay")])[-1]["elements"]
    assert ours["action_id"] == engine_button.action_id and re.match(f"^{DYM_PREFIX}", ours["action_id"])


def test_every_subcommand_help_lists_is_routed_as_a_subcommand() -> None:
    from bot.slack.routing import COMMANDS, route

    for usage, _ in COMMANDS:
        if usage.startswith("<"):
            continue  # <any question>
        words = [w for w in usage.split() if not w.startswith("[")]
        decision = route(" ".join(words))
        assert decision.kind in {"help", "tips", "why"} or decision.intent is not None, usage
