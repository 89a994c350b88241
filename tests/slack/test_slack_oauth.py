"""Many workspaces: installed through `/slack/install` and `/slack/oauth_redirect`, each answered
with its own token, forgotten when uninstalled, tokens rotated. The real `aitl serve` (Bolt's OAuth
flow, slack-sdk's SQLAlchemy stores) against the fake Slack, on SQLite and on PostgreSQL."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import ExitStack
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import Served
from fakes.signing import event_envelope, mention_event
from fakes.slack_api import BOT_USER_ID, FakeSlackAPI

MENTION = f"<@{BOT_USER_ID}>"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def multi_server(
    request: pytest.FixtureRequest, fake: FakeSlackAPI, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """One multi-workspace server per backend for the module (each test installs its own teams)."""
    folder = tmp_path_factory.mktemp("aitl-oauth")
    with ExitStack() as stack:
        if request.param == "sqlite":
            db_url = f"sqlite:///{folder / 'aitl.db'}"
        else:
            db_url = stack.enter_context(request.getfixturevalue("postgres").schema())
        server = Served(
            fake,
            db_url=db_url,
            log_path=folder / "serve.log",
            SLACK_BOT_TOKEN="",
            SLACK_CLIENT_ID=fake.client_id,
            SLACK_CLIENT_SECRET=fake.client_secret,
        )
        yield server
        assert server.stop() == 0, server.log
        assert fake.client_secret not in server.log


@pytest.fixture
def multi(multi_server: Served, fake: FakeSlackAPI) -> Served:
    fake.wait_quiet(0.05)
    fake.reset()
    return multi_server


def install(server: Served, team: str) -> tuple[int, str]:
    """A browser going through the install: the Add to Slack page, then Slack's redirect back."""
    status, page, headers = server.slack.request("GET", "/slack/install")
    assert status == 200, page
    (link,) = re.findall(r'href="(https://slack.com/oauth/v2/authorize\?[^"]+)"', page)
    query = parse_qs(urlparse(html.unescape(link)).query)
    state = query["state"][0]
    assert "slack-app-oauth-state=" in headers.get("set-cookie", "")
    status, page, _ = server.slack.request(
        "GET",
        f"/slack/oauth_redirect?code=code-{team}&state={state}",
        headers={"Cookie": f"slack-app-oauth-state={state}"},
    )
    return status, page


def ask(server: Served, fake: FakeSlackAPI, team: str, text: str = "what skills matter?") -> None:
    event = mention_event(f"{MENTION} {text}")
    assert server.slack.envelope(event_envelope(event, team_id=team))[0] in (200, 401)


def tokens_used(fake: FakeSlackAPI) -> list[str]:
    return [c.headers.get("authorization", "") for c in fake.calls_to("chat.postMessage")]


def test_the_install_page_links_to_slack_with_the_client_id_scopes_and_a_one_time_state(
    multi: Served, fake: FakeSlackAPI
) -> None:
    status, page, _ = multi.slack.request("GET", "/slack/install")
    assert status == 200
    (link,) = re.findall(r'href="(https://slack.com/oauth/v2/authorize\?[^"]+)"', page)
    query = parse_qs(urlparse(html.unescape(link)).query)
    assert query["client_id"] == [fake.client_id]
    assert set(query["scope"][0].split(",")) >= {"commands", "chat:write", "app_mentions:read"}
    again = re.findall(r"state=([^&\"]+)", multi.slack.request("GET", "/slack/install")[1])
    assert again and again[0] != query["state"][0]


def test_two_workspaces_are_each_answered_with_their_own_token(multi: Served, fake: FakeSlackAPI) -> None:
    for team in ("T0ONE", "T0TWO"):
        status, page = install(multi, team)
        assert status == 200, page
    assert len(fake.calls_to("oauth.v2.access")) == 2
    token_of = {team: token for token, team in fake.tokens.items()}
    for team in ("T0ONE", "T0TWO"):
        fake.reset_calls()
        ask(multi, fake, team)
        fake.wait_for("chat.postMessage")
        assert tokens_used(fake) == [f"Bearer {token_of[team]}"]
    fake.reset_calls()
    ask(multi, fake, "T0NEVER")  # a workspace that never installed the app
    fake.wait_quiet(0.5)
    assert fake.calls_to("chat.postMessage") == []


def test_a_forged_state_installs_nothing(multi: Served, fake: FakeSlackAPI) -> None:
    status, _, _ = multi.slack.request(
        "GET",
        "/slack/oauth_redirect?code=code-T0EVIL&state=forged",
        headers={"Cookie": "slack-app-oauth-state=forged"},
    )
    assert status >= 400
    assert fake.calls_to("oauth.v2.access") == []
    ask(multi, fake, "T0EVIL")
    fake.wait_quiet(0.5)
    assert fake.calls_to("chat.postMessage") == []


def test_an_uninstalled_workspace_is_no_longer_answered_and_the_other_still_is(
    multi: Served, fake: FakeSlackAPI
) -> None:
    for team in ("T0UNA", "T0UNB"):
        assert install(multi, team)[0] == 200
    uninstalled = {"type": "app_uninstalled", "event_ts": "1700000000.000001"}
    assert multi.slack.envelope(event_envelope(uninstalled, team_id="T0UNA"))[0] == 200
    fake.reset_calls()
    ask(multi, fake, "T0UNA")
    ask(multi, fake, "T0UNB")
    (post,) = fake.wait_for("chat.postMessage")
    fake.wait_quiet(0.5)
    assert len(fake.calls_to("chat.postMessage")) == 1
    assert fake.tokens[post.headers["authorization"].removeprefix("Bearer ")] == "T0UNB"
    # the installation itself is gone from the database, not just unused
    from sqlalchemy import create_engine, text

    engine = create_engine(multi.db_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        teams = {row[0] for row in conn.execute(text("SELECT team_id FROM slack_bots"))}
    engine.dispose()
    assert "T0UNA" not in teams and "T0UNB" in teams


def test_an_expiring_token_is_rotated_and_the_new_one_answers(multi: Served, fake: FakeSlackAPI) -> None:
    fake.rotation_seconds = 600  # under Bolt's 120-minute margin: rotated at the next request
    assert install(multi, "T0ROT")[0] == 200
    (first,) = fake.tokens
    fake.reset_calls()
    ask(multi, fake, "T0ROT")
    (post,) = fake.wait_for("chat.postMessage")
    refreshes = [c for c in fake.calls_to("oauth.v2.access") if c.body.get("grant_type") == "refresh_token"]
    assert refreshes
    used = post.headers["authorization"].removeprefix("Bearer ")
    assert used != first and fake.tokens[used] == "T0ROT"
