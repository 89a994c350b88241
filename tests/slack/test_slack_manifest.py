"""manifest.yaml is a manifest Slack accepts (its JSON schema) and declares what the bot uses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT.parent / "shared" / "slack-manifest-schema" / "schemas"


@pytest.fixture(scope="module")
def manifest() -> dict:
    return yaml.safe_load((ROOT / "manifest.yaml").read_text("utf-8"))


def test_manifest_validates_against_slacks_schema(manifest: dict) -> None:
    if not SCHEMAS.is_dir():
        pytest.skip("../shared/slack-manifest-schema is not here (a user's clone)")
    import jsonschema

    schema = json.loads((SCHEMAS / "manifest.schema.1.0.0.json").read_text("utf-8"))
    jsonschema.validate(manifest, schema)


def test_manifest_declares_the_command_events_interactivity_and_home(manifest: dict) -> None:
    (command,) = manifest["features"]["slash_commands"]
    assert command["command"] == "/aitl" and command["usage_hint"] and command["should_escape"] is False
    assert set(manifest["settings"]["event_subscriptions"]["bot_events"]) == {
        "app_mention",
        "message.channels",  # follow-ups in the bot's threads (issue 10)
        "message.groups",
        "message.im",
        "app_home_opened",
    }
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    home = manifest["features"]["app_home"]
    assert (
        home["home_tab_enabled"]
        and home["messages_tab_enabled"]
        and not home["messages_tab_read_only_enabled"]
    )
    for url in (
        command["url"],
        manifest["settings"]["event_subscriptions"]["request_url"],
        manifest["settings"]["interactivity"]["request_url"],
    ):
        assert url.endswith("/slack/events")


def test_manifest_scopes_are_least_privilege(manifest: dict) -> None:
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"app_mentions:read", "chat:write", "commands", "im:history"} <= scopes
    # thread follow-ups need the channel message events, and so these two history scopes
    assert {"channels:history", "groups:history"} <= scopes
    assert not scopes & {
        "mpim:history",
        "chat:write.customize",
        "admin",
        "users:read.email",
    }


def test_the_oauth_install_asks_for_exactly_the_manifests_bot_scopes(manifest: dict) -> None:
    from bot.slack.oauth import BOT_SCOPES

    assert sorted(BOT_SCOPES) == sorted(manifest["oauth_config"]["scopes"]["bot"])


def test_every_message_event_has_its_history_scope(manifest: dict) -> None:
    """Slack refuses a manifest whose events lack their scope; and no scope is there without its event."""
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    needs = {
        "message.channels": "channels:history",
        "message.groups": "groups:history",
        "message.im": "im:history",
    }
    for event, scope in needs.items():
        assert (event in events) == (scope in scopes), (event, scope)
