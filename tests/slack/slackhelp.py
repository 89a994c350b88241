"""Small readers for what the fake Web API recorded."""

from __future__ import annotations

import json
from typing import Any

from fakes.slack_api import Call


def button_values(call: Call) -> dict[str, dict[str, Any]]:
    """action_id -> parsed JSON value of every button in the call's blocks."""
    found: dict[str, dict[str, Any]] = {}
    for block in call.blocks:
        for element in block.get("elements", []):
            if element.get("type") == "button":
                try:
                    found[element["action_id"]] = json.loads(element.get("value") or "{}")
                except ValueError:
                    found[element["action_id"]] = {"raw": element.get("value")}
    return found


def all_text(call: Call) -> str:
    """Everything a user could see in one call, as one string."""
    return json.dumps(call.body, ensure_ascii=False)
