"""The runner over HTTP against the fake Web API: claim -> post -> record, exactly once."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from fakes.slack_api import FakeSlackAPI

from bot.store import Store
from bot.tips.runner import run_once

from .conftest import FakeEngine, posts


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


EARLY = datetime(2025, 1, 1, tzinfo=UTC).timestamp()
"""When the test subscriptions were made: before every simulated moment."""


def subscribe(
    store: Store, channel: str = "C1", hour: int = 9, tz: str = "UTC", weekdays: str = "0123456"
) -> None:
    store.subscribe(
        channel_id=channel,
        hour=hour,
        minute=0,
        tz=tz,
        weekdays=weekdays,
        team_id="T1",
        user_id="U1",
        now=EARLY,
    )


def test_not_yet_due_posts_nothing(store: Store, client, engine: FakeEngine, fake: FakeSlackAPI) -> None:
    subscribe(store)
    report = run_once(client=client, store=store, engine=engine, now=utc(2026, 11, 27, 8, 59))
    assert (report.due, report.posted) == (0, 0) and posts(fake) == []


def test_due_posts_once_and_records_the_ts(
    store: Store, client, engine: FakeEngine, fake: FakeSlackAPI
) -> None:
    subscribe(store)
    first = run_once(client=client, store=store, engine=engine, now=utc(2026, 11, 27, 9, 0))
    second = run_once(client=client, store=store, engine=engine, now=utc(2026, 11, 27, 9, 1))
    assert (first.posted, second.posted, second.already) == (1, 0, 1)
    (call,) = posts(fake)
    assert call.body["channel"] == "C1" and call.text
    delivery = store.delivery("C1", "2026-11-27", team_id="T1")
    assert delivery is not None and delivery.status == "posted" and delivery.message_ts


def test_the_next_day_posts_a_different_tip(
    store: Store, client, engine: FakeEngine, fake: FakeSlackAPI
) -> None:
    subscribe(store)
    run_once(client=client, store=store, engine=engine, now=utc(2026, 11, 27, 9, 0))
    run_once(client=client, store=store, engine=engine, now=utc(2026, 11, 28, 9, 0))
    one, two = posts(fake)
    assert one.blocks[0] != two.blocks[0]
    assert [d.tip_id for d in store.deliveries("C1")] == [t.id for t in engine.kb.tips[:2]]


def test_tip_message_reads_alone_and_is_escaped(
    store: Store, client, engine: FakeEngine, fake: FakeSlackAPI
) -> None:
    subscribe(store)
    run_once(client=client, store=store, engine=engine, now=utc(2026, 11, 27, 9, 0))
    (call,) = posts(fake)
    assert fake.errors == []  # the fake checks blocks with slack_sdk's models and special mentions
    assert call.blocks[0]["type"] == "header" and "Trend of the day" in call.blocks[0]["text"]["text"]
    text = str(call.body)
    assert "<!channel>" not in text and "&lt;!channel&gt;" in call.text
    assert "Industry Trends" in call.text
    actions = [b for b in call.blocks if b["type"] == "actions"]
    assert {e["action_id"] for e in actions[-1]["elements"]} >= {"aitl_feedback_up", "aitl_feedback_down"}


def test_catch_up_the_same_day_but_never_yesterday(
    store: Store, client, engine: FakeEngine, fake: FakeSlackAPI
) -> None:
    subscribe(store)
    run_once(client=client, store=store, engine=engine, now=utc(2026, 11, 27, 20, 0))  # down at 09:00
    assert len(posts(fake)) == 1
    report = run_once(client=client, store=store, engine=engine, now=utc(2026, 11, 29, 8, 0))  # 28th missed
    assert report.due == 0 and len(posts(fake)) == 1
    assert [d.local_date for d in store.deliveries("C1")] == ["2026-11-27"]


def test_429_then_success_posts_once(store: Store, client, engine: FakeEngine, fake: FakeSlackAPI) -> None:
    subscribe(store)
    fake.fail_next("chat.postMessage", count=2, status=429, retry_after=0)
    report = run_once(client=client, store=store, engine=engine, now=utc(2026, 11, 27, 9, 0))
    assert report.posted == 1 and len(posts(fake)) == 1
    assert len(fake.calls_to("chat.postMessage!429")) == 2


def test_permanent_failure_releases_the_claim_for_a_later_run(
    store: Store, client, engine: FakeEngine, fake: FakeSlackAPI
) -> None:
    subscribe(store)
    fake.fail_next("chat.postMessage", count=10, status=500)
    report = run_once(client=client, store=store, engine=engine, now=utc(2026, 11, 27, 9, 0))
    assert report.failed == 1 and posts(fake) == [] and store.delivery("C1", "2026-11-27") is None
    fake.reset()
    later = run_once(client=client, store=store, engine=engine, now=utc(2026, 11, 27, 9, 1))
    assert later.posted == 1 and len(posts(fake)) == 1
    assert store.deliveries("C1")[0].tip_id == engine.kb.tips[0].id  # the rotation did not skip a tip


class _FailingClient:
    """A client whose chat.postMessage answers a given Slack error (as slack-sdk raises it)."""

    def __init__(self, error: str) -> None:
        self.error = error
        self.calls = 0

    def chat_postMessage(self, **_: object) -> dict:  # noqa: N802 - slack-sdk's name
        from slack_sdk.errors import SlackApiError
        from slack_sdk.web import SlackResponse

        self.calls += 1
        response = SlackResponse(
            client=None,
            http_verb="POST",
            api_url="x",
            req_args={},
            data={"ok": False, "error": self.error},
            headers={},
            status_code=200,
        )
        raise SlackApiError("error", response)


def test_archived_channel_pauses_the_subscription(store: Store, engine: FakeEngine) -> None:
    for error in (
        "is_archived",
        "channel_not_found",
        "not_in_channel",
        "channel_is_archived",
    ):
        store.subscribe(channel_id="C1", hour=9, minute=0, tz="UTC", now=EARLY)
        failing = _FailingClient(error)
        report = run_once(client=failing, store=store, engine=engine, now=utc(2026, 11, 27, 9, 0))
        again = run_once(client=failing, store=store, engine=engine, now=utc(2026, 11, 27, 9, 30))
        sub = store.subscription("C1")
        assert report.paused == 1 and again.due == 0 and failing.calls == 1, error
        assert sub is not None and sub.status == "paused" and sub.paused_reason == error
        assert store.delivery("C1", "2026-11-27") is None


def test_an_inactive_token_stops_the_run_without_pausing_any_channel(
    store: Store, engine: FakeEngine
) -> None:
    for channel in ("C1", "C2", "C3"):
        subscribe(store, channel=channel)
    failing = _FailingClient("account_inactive")
    report = run_once(client=failing, store=store, engine=engine, now=utc(2026, 11, 27, 9, 0))
    assert failing.calls == 1  # the token is dead: no post to the other channels in this run
    assert (report.failed, report.paused, report.posted) == (1, 0, 0)
    assert [s.status for s in store.subscriptions()] == ["active"] * 3  # nothing to resume later
    assert store.deliveries() == []  # the claim went back: a later run (a new token) retries today


def test_unsubscribe_stops_the_posts(store: Store, client, engine: FakeEngine, fake: FakeSlackAPI) -> None:
    subscribe(store)
    run_once(client=client, store=store, engine=engine, now=utc(2026, 11, 27, 9, 0))
    store.unsubscribe("C1", team_id="T1")
    for day in range(28, 31):
        run_once(client=client, store=store, engine=engine, now=utc(2026, 11, day, 9, 0))
    assert len(posts(fake)) == 1


def test_restart_keeps_subscription_and_rotation(
    db_url: str, client, engine: FakeEngine, fake: FakeSlackAPI
) -> None:
    first = Store(db_url)
    subscribe(first)
    run_once(client=client, store=first, engine=engine, now=utc(2026, 11, 27, 9, 0))
    first.close()
    again = Store(db_url)  # a new process would do exactly this
    run_once(client=client, store=again, engine=engine, now=utc(2026, 11, 27, 10, 0))
    run_once(client=client, store=again, engine=engine, now=utc(2026, 11, 28, 9, 0))
    assert [d.tip_id for d in again.deliveries("C1")] == [t.id for t in engine.kb.tips[:2]]
    assert len(posts(fake)) == 2


def test_two_runners_in_threads_post_once(
    db_url: str, client, engine: FakeEngine, fake: FakeSlackAPI
) -> None:
    stores = [Store(db_url) for _ in range(4)]
    for n in range(10):
        subscribe(stores[0], channel=f"C{n}")
    barrier = threading.Barrier(len(stores))

    def runner(store: Store) -> None:
        barrier.wait()
        run_once(client=client, store=store, engine=engine, now=utc(2026, 11, 27, 9, 0))

    threads = [threading.Thread(target=runner, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(c.body["channel"] for c in posts(fake)) == sorted(f"C{n}" for n in range(10))


@pytest.mark.slow
def test_rotation_over_sixty_days_repeats_nothing_before_a_full_cycle(
    store: Store, client, engine: FakeEngine, fake: FakeSlackAPI
) -> None:
    subscribe(store)
    start = utc(2026, 1, 1, 9, 0)
    for day in range(60):
        run_once(client=client, store=store, engine=engine, now=start + timedelta(days=day))
    ids = [d.tip_id for d in store.deliveries("C1")]
    n = len(engine.kb.tips)
    assert len(ids) == 60
    assert ids[:n] == [t.id for t in engine.kb.tips]  # trends, then practices, then challenges
    assert len(set(ids[:n])) == n and ids[n:] == ids[: 60 - n]


def test_dst_days_post_once_at_the_right_instant(
    store: Store, client, engine: FakeEngine, fake: FakeSlackAPI
) -> None:
    subscribe(store, channel="CNY", hour=2, tz="America/New_York")  # 02:00 does not exist on 2026-03-08
    subscribe(store, channel="CFB", hour=1, tz="America/New_York")  # 01:00 happens twice on 2026-11-01
    spring = [utc(2026, 3, 8, 6, 0) + timedelta(minutes=15 * k) for k in range(12)]
    fall = [utc(2026, 11, 1, 4, 0) + timedelta(minutes=15 * k) for k in range(16)]
    for moment in spring + fall:
        run_once(client=client, store=store, engine=engine, now=moment)
    assert [d.local_date for d in store.deliveries("CNY")] == ["2026-03-08", "2026-11-01"]
    assert [d.local_date for d in store.deliveries("CFB")] == ["2026-03-08", "2026-11-01"]
    assert len(posts(fake, "CNY")) == 2 and len(posts(fake, "CFB")) == 2


def test_a_channel_subscribing_after_todays_time_starts_tomorrow(
    store: Store, client, engine: FakeEngine, fake: FakeSlackAPI
) -> None:
    created = utc(2026, 11, 27, 18, 30)
    store.subscribe(channel_id="C1", hour=9, minute=0, tz="UTC", now=created.timestamp())
    assert run_once(client=client, store=store, engine=engine, now=utc(2026, 11, 27, 18, 31)).due == 0
    assert run_once(client=client, store=store, engine=engine, now=utc(2026, 11, 28, 9, 0)).posted == 1
    assert len(posts(fake)) == 1


def test_an_explicit_moment_before_the_subscription_is_run_as_asked(
    store: Store, client, engine: FakeEngine, fake: FakeSlackAPI
) -> None:
    store.subscribe(channel_id="C1", hour=9, minute=0, tz="UTC", now=utc(2026, 11, 27, 18, 30).timestamp())
    assert run_once(client=client, store=store, engine=engine, now=utc(2026, 11, 27, 9, 0)).posted == 1
    assert run_once(client=client, store=store, engine=engine, now=utc(2026, 11, 27, 19, 0)).posted == 0
    assert len(posts(fake)) == 1


def test_a_claim_left_by_a_dead_runner_is_taken_over_after_its_lease(
    store: Store, client, engine: FakeEngine, fake: FakeSlackAPI
) -> None:
    import time

    subscribe(store)
    store.claim_delivery(
        team_id="T1",
        channel_id="C1",
        local_date="2026-11-27",
        tip_ids=["x"],
        owner="dead",
        now=time.time() - 60,
    )
    assert run_once(client=client, store=store, engine=engine, now=utc(2026, 11, 27, 9, 5)).posted == 0
    store.claim_delivery(  # the same row, now older than the lease: another runner takes it over
        team_id="T1",
        channel_id="C2",
        local_date="2026-11-27",
        tip_ids=["x"],
        owner="dead",
        now=time.time() - 700,
    )
    subscribe(store, channel="C2")
    report = run_once(client=client, store=store, engine=engine, now=utc(2026, 11, 27, 9, 10))
    assert report.posted == 1 and [c.body["channel"] for c in posts(fake)] == ["C2"]
    assert store.delivery("C2", "2026-11-27", team_id="T1").status == "posted"  # type: ignore[union-attr]


class _BrokenFor(Store):
    """A store whose claim for one channel hits a database error (a bad row, a lost connection)."""

    def __init__(self, url: str, *, channel: str | set[str]) -> None:
        super().__init__(url)
        self.broken = {channel} if isinstance(channel, str) else channel
        self.attempts = 0

    def claim_delivery(self, *, channel_id: str, **kwargs):  # type: ignore[no-untyped-def, override]
        self.attempts += 1
        if channel_id in self.broken:
            from sqlalchemy.exc import OperationalError

            raise OperationalError("INSERT INTO deliveries ...", {}, Exception("disk I/O error"))
        return super().claim_delivery(channel_id=channel_id, **kwargs)


def test_a_database_error_on_one_subscription_does_not_stop_the_others(
    db_url: str, client, engine: FakeEngine, fake: FakeSlackAPI, caplog
) -> None:
    store = _BrokenFor(db_url, channel="C2")
    for channel in ("C1", "C2", "C3"):
        subscribe(store, channel=channel)
    report = run_once(client=client, store=store, engine=engine, now=utc(2026, 11, 27, 9, 0))
    assert sorted(c.body["channel"] for c in posts(fake)) == ["C1", "C3"]
    assert (report.posted, report.failed, report.errors) == (2, 1, 1)
    assert "C2" in caplog.text and "OperationalError" in caplog.text
    assert "1 error" in report.line()
    store.close()


def test_tips_run_exits_1_when_a_subscription_hit_a_database_error(
    db_url: str, client, engine: FakeEngine, fake: FakeSlackAPI, monkeypatch, capsys
) -> None:
    from bot.tips import runner

    store = _BrokenFor(db_url, channel="C1")
    subscribe(store, channel="C1")
    subscribe(store, channel="C2")
    monkeypatch.setattr(runner, "_build", lambda settings: (client, store, engine, None))
    code = runner.run_cli(settings=None, now=utc(2026, 11, 27, 9, 0))
    out, err = capsys.readouterr()
    assert code == 1 and "1 posted" in out and "1 error" in out
    assert len(err.strip().splitlines()) == 1 and "the next run retries" in err
    assert [c.body["channel"] for c in posts(fake)] == ["C2"]


def test_a_database_that_is_down_ends_the_run_after_a_few_errors(
    db_url: str, client, engine: FakeEngine, fake: FakeSlackAPI
) -> None:
    channels = {f"C{n}" for n in range(6)}
    store = _BrokenFor(db_url, channel=channels)
    for channel in sorted(channels):
        subscribe(store, channel=channel)
    report = run_once(client=client, store=store, engine=engine, now=utc(2026, 11, 27, 9, 0))
    assert store.attempts == 3 and report.errors == 3 and posts(fake) == []
    store.close()


def test_many_workspaces_each_tip_goes_with_its_workspace_token_and_an_uninstalled_one_pauses(
    store: Store, engine: FakeEngine, fake: FakeSlackAPI
) -> None:
    from bot.tips.client import build_client

    clients = {team: build_client(token=f"xoxb-{team}-token", base_url=fake.api_url) for team in ("T1", "T2")}
    for channel, team in (("C1", "T1"), ("C2", "T2"), ("C3", "T3")):
        store.subscribe(channel_id=channel, hour=9, minute=0, tz="UTC", team_id=team, now=0.0)
    report = run_once(
        client=None, store=store, engine=engine, now=utc(2026, 11, 27, 9, 0), clients=clients.get
    )
    assert (report.posted, report.paused) == (2, 1)
    sent = {c.body["channel"]: c.headers["authorization"] for c in posts(fake)}
    assert sent == {"C1": "Bearer xoxb-T1-token", "C2": "Bearer xoxb-T2-token"}
    paused = store.subscription("C3", team_id="T3")
    assert paused is not None and (paused.status, paused.paused_reason) == ("paused", "app_uninstalled")
