"""May this user change this channel's tips, and can the bot post there? (Web API checks.)

- DM (`D…`): only the user's DM with aitl works (the bot cannot post in other people's DMs);
  there the user is the only member, so they may subscribe it: tips then arrive privately.
- Public channel the bot is not in: join it (conversations.join, scope channels:join).
- Private channel the bot is not in: Slack hides it (`channel_not_found`): say `/invite @aitl`.
- Only members may change a channel's subscription: conversations.members (paginated) must list
  the user. When Slack cannot tell us (a missing scope, an odd answer) we do not block the user:
  the runner pauses the subscription if posting later turns out impossible.

Scopes: channels:read, groups:read, im:read, mpim:read, channels:join, chat:write.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

INVITE_HINT = "Invite me first with `/invite @aitl` in the channel, then run the command again."
MAX_MEMBER_PAGES = 20


@dataclass(frozen=True, slots=True)
class Access:
    """`ok`, or `message`: a one-line answer for the user explaining what to do."""

    ok: bool
    message: str = ""


def check_channel(*, client: Any, channel_id: str, user_id: str) -> Access:
    """Whether `user_id` may subscribe `channel_id`, joining a public channel when needed."""
    from slack_sdk.errors import SlackApiError

    try:
        info = client.conversations_info(channel=channel_id).get("channel") or {}
    except SlackApiError as error:
        code = _code(error)
        if code == "channel_not_found":
            if channel_id.startswith("D"):
                return Access(
                    False, "I can only post tips in our own DM: open *aitl* → *Messages* and subscribe there."
                )
            return Access(False, f"I'm not in this channel, so I can't post tips here. {INVITE_HINT}")
        log.warning("conversations.info %s: %s; not blocking the user", channel_id, code)
        info = {}
    except Exception as error:  # an odd answer (not JSON, timeout): Slack did not say no
        log.warning(
            "conversations.info %s failed: %s; not blocking the user", channel_id, type(error).__name__
        )
        info = {}
    if not isinstance(info, dict):
        info = {}
    if info.get("is_archived"):
        return Access(False, "This channel is archived, so it can't get tips.")
    if info.get("is_im") or channel_id.startswith("D"):
        other = info.get("user")
        if other and other != user_id:
            return Access(
                False, "I can only post tips in our own DM: open *aitl* → *Messages* and subscribe there."
            )
        return Access(True)
    if is_member(client=client, channel_id=channel_id, user_id=user_id) is False:
        return Access(False, "Only members of this channel can change its daily tips.")
    if info.get("is_member", True):
        return Access(True)
    if info.get("is_private") or info.get("is_mpim"):
        return Access(False, f"I'm not in this channel, so I can't post tips here. {INVITE_HINT}")
    try:
        client.conversations_join(channel=channel_id)
    except Exception as error:
        log.warning("conversations.join %s: %s", channel_id, _code(error) or type(error).__name__)
        return Access(False, f"I couldn't join this channel. {INVITE_HINT}")
    return Access(True)


def is_member(*, client: Any, channel_id: str, user_id: str) -> bool | None:
    """True/False from conversations.members; None when Slack does not say."""
    from slack_sdk.errors import SlackApiError

    cursor = None
    seen_any = False
    for _ in range(MAX_MEMBER_PAGES):
        try:
            page = client.conversations_members(channel=channel_id, limit=1000, cursor=cursor)
        except SlackApiError as error:
            log.warning("conversations.members %s: %s; not blocking the user", channel_id, _code(error))
            return None
        except Exception as error:  # an odd answer: unknown, not "no"
            log.warning("conversations.members %s failed: %s", channel_id, type(error).__name__)
            return None
        members = page.get("members")
        if not isinstance(members, list):
            return None
        if user_id in members:
            return True
        seen_any = seen_any or bool(members)
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            break
    return False if seen_any else None


def _code(error: Any) -> str:
    response = getattr(error, "response", None)
    return str(response.get("error", "")) if response is not None else ""
