"""App Home (https://docs.slack.dev/surfaces/app-home): published on every `app_home_opened`.

`views.publish` replaces the whole tab (≤ 100 blocks): what the bot answers, quick-topic
buttons, example questions and, once tips exist, the user's channels' tip subscriptions (in the
workspace the user is viewing from: the event's team).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext

from bot.slack.blocks import Block, home_view
from bot.slack.deps import Deps

log = logging.getLogger(__name__)

HIDDEN_INTENTS = {"help", "unknown"}


def topics_and_examples(engine: Any) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(intent, label, description) for each answerable intent, and a few example questions."""
    intents = getattr(getattr(engine, "kb", None), "intents", None) or {}
    topics: list[tuple[str, str, str]] = []
    examples: list[str] = []
    for intent_id, spec in intents.items():
        if intent_id in HIDDEN_INTENTS:
            continue
        topics.append((intent_id, intent_label(intent_id, spec), str(getattr(spec, "description", "") or "")))
        spec_examples = list(getattr(spec, "examples", ()) or ())
        if spec_examples:
            examples.append(str(spec_examples[0]))
    return topics, examples


def intent_label(intent_id: str, spec: Any) -> str:
    """The knowledge base's label for an intent (`spec` may be None), else its id in words."""
    return str(getattr(spec, "label", "") or intent_id.replace("_", " ").capitalize())


def subscription_blocks(*, deps: Deps, client: Any, user_id: str, team_id: str) -> list[Block]:
    """The tips section (the viewer's workspace only): bot.slack.listeners.tips.home."""
    from bot.slack.listeners.tips.home import subscription_blocks as tips_blocks

    return tips_blocks(store=deps.store, client=client, user_id=user_id, team_id=team_id)


def publish_home(*, deps: Deps, event: dict[str, Any], client: Any, team_id: str) -> None:
    if event.get("tab", "home") != "home":
        return
    user_id = event["user"]
    topics, examples = topics_and_examples(deps.engine)  # kb metadata: no question asked
    subs = subscription_blocks(deps=deps, client=client, user_id=user_id, team_id=team_id)
    client.views_publish(
        user_id=user_id, view=home_view(topics=topics, examples=examples, subscriptions=subs)
    )


def register(app: App, *, deps: Deps) -> None:
    def on_home_opened(
        body: dict[str, Any], event: dict[str, Any], client: Any, context: BoltContext
    ) -> None:
        team_id = str(context.team_id or body.get("team_id") or "")
        deps.background.run(
            lambda: publish_home(deps=deps, event=event, client=client, team_id=team_id),
            body=body,
            client=client,
            context=context,
        )

    app.event("app_home_opened")(on_home_opened)
