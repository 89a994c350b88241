"""Catch-alls, registered last (Bolt runs the first listener that matches).

Without them Bolt answers 404 "unhandled request": Slack would retry an event it thinks failed
(https://docs.slack.dev/apis/events-api/#retries) and show the user an error for a button.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, App

log = logging.getLogger(__name__)

ANY = re.compile(".*")


def on_other_event() -> None:
    """Any other event (channel joins, ...): acknowledged by Bolt, nothing to do."""


def on_unknown_action(ack: Ack, body: dict[str, Any]) -> None:
    """A button or menu this version does not know (an old message, a newer app): ack and log."""
    ack()
    actions = body.get("actions") or [{}]
    log.warning("unknown action acknowledged: action_id=%r", str(actions[0].get("action_id"))[:100])


def on_unknown_view(ack: Ack, body: dict[str, Any]) -> None:
    ack()
    log.warning(
        "unknown view acknowledged: callback_id=%r", str(body.get("view", {}).get("callback_id"))[:100]
    )


def on_other_command(ack: Ack, body: dict[str, Any]) -> None:
    """A slash command this app does not own (a renamed command, a copied manifest): say so."""
    ack(text="This app answers `/aitl` only. Try `/aitl help`.")
    log.warning("unknown command acknowledged: %r", str(body.get("command"))[:40])


def register(app: App) -> None:
    app.command(ANY)(on_other_command)
    app.event(ANY)(on_other_event)
    app.action(ANY)(on_unknown_action)
    app.view(ANY)(on_unknown_view)
