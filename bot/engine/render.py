"""Pure builders: answer parts -> Slack mrkdwn text + Block Kit blocks, and mrkdwn -> terminal text.

Slack's limits are respected by construction here, in one place, so no answer module has to
think about them (https://api.slack.com/reference/block-kit/blocks): at most 50 blocks, section
text <= 3,000 characters, header <= 150, button text <= 75, value <= 2,000, top-level text
<= 4,000. Escaping follows https://api.slack.com/reference/surfaces/formatting#escaping:
`&`, `<`, `>` become entities, `&` first; every string from the user or the knowledge base
goes through `escape()` before it is put into mrkdwn.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_FIELD = 2000
MAX_FIELDS = 10
MAX_HEADER = 150
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_TEXT = 4000
MAX_BUTTONS = 5

ELLIPSIS = "…"
_ENTITY_TAIL = re.compile(r"&[a-z]{0,4}$")


def escape(text: str) -> str:
    """Make any string safe inside mrkdwn: no mention, link or channel syntax can survive."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def neutralize(text: str) -> str:
    """Last line of defence at the sink: the engine never emits raw `<` or `>` on purpose."""
    return text.replace("<", "&lt;").replace(">", "&gt;")


def truncate(text: str, limit: int, *, marker: str = ELLIPSIS) -> str:
    """Cut `text` to at most `limit` characters without breaking an entity or a code fence.

    The one truncation helper every limit goes through.
    """
    if len(text) <= limit:
        return text
    room = max(limit - len(marker), 0)
    cut = text[:room]
    cut = _ENTITY_TAIL.sub("", cut)  # never leave half of "&amp;" behind
    if cut.count("```") % 2:  # close an open code block so the rest still renders
        fence = "\n```"
        cut = _ENTITY_TAIL.sub("", cut[: max(room - len(fence), 0)]) + fence
    return (cut + marker)[:limit]


def money(amount: int) -> str:
    """$180,000 — the way the guide writes amounts."""
    return f"${amount:,}"


def money_short(amount: int) -> str:
    """$180k — for bar scales."""
    return f"${amount // 1000}k" if amount % 1000 == 0 else money(amount)


def money_range(low: int, high: int) -> str:
    """ "$150,000 - $280,000"; one figure where an estimate's ranges meet at one point (the guide's
    own ranges never do): "$180,000", not "$180,000 - $180,000"."""
    return money(low) if low == high else f"{money(low)} - {money(high)}"


def bar(low: int, high: int, *, scale_low: int, scale_high: int, width: int = 20) -> str:
    """A monospace bar for one range on a shared scale: `▕░░████████░░░░▏`."""
    span = max(scale_high - scale_low, 1)
    start = round((low - scale_low) / span * width)
    end = round((high - scale_low) / span * width)
    start = min(max(start, 0), width)
    end = min(max(end, start + 1 if high > low else start), width)
    return "▕" + "░" * start + "█" * (end - start) + "░" * (width - end) + "▏"


class BarRow(NamedTuple):
    label: str
    low: int
    high: int


def bar_chart(rows: Sequence[BarRow], *, width: int = 16) -> tuple[str, ...]:
    """Lines of a chart whose bars share one scale so ranges compare at a glance."""
    if not rows:
        return ()
    scale_low = min(r.low for r in rows) // 10_000 * 10_000
    scale_high = -(-max(r.high for r in rows) // 10_000) * 10_000
    label_width = min(max(len(r.label) for r in rows), 40)
    lines = []
    for row in rows:
        label = row.label if len(row.label) <= label_width else row.label[: label_width - 1] + ELLIPSIS
        amounts = f"{money_short(row.low)}-{money_short(row.high)}"
        drawn = bar(row.low, row.high, scale_low=scale_low, scale_high=scale_high, width=width)
        lines.append(f"{label:<{label_width}}  {amounts:>11}  {drawn}")
    pad = " " * (label_width + 15)
    lines.append(f"{pad}{money_short(scale_low)}{' ' * max(width - 6, 1)}{money_short(scale_high)}")
    return tuple(lines)


# --- answer parts: what answer modules produce ------------------------------------------------
# Immutable values as NamedTuples rather than frozen dataclasses: the same guarantees for this
# use, at a twentieth of the class-creation cost, which counts against `aitl ask`'s cold start.


class Header(NamedTuple):
    """A title; plain text (not mrkdwn), so it is not escaped."""

    text: str


class Section(NamedTuple):
    """A paragraph of mrkdwn whose user and knowledge-base strings are already escaped."""

    text: str


class Fields(NamedTuple):
    """Short mrkdwn cells shown two per row (each already escaped)."""

    items: tuple[str, ...]


class Code(NamedTuple):
    """Monospace lines (raw text; escaped here)."""

    lines: tuple[str, ...]


class Context(NamedTuple):
    """A small grey line, e.g. the source citation (mrkdwn, already escaped)."""

    text: str


class Divider(NamedTuple):
    """A horizontal rule."""


class Button(NamedTuple):
    label: str
    action_id: str
    value: str


class Buttons(NamedTuple):
    """An actions block; `fallback` is the mrkdwn line the text fallback shows instead."""

    buttons: tuple[Button, ...]
    fallback: str = ""
    block_id: str = "aitl_dym"


Part = Header | Section | Fields | Code | Context | Divider | Buttons


def button_value(payload: dict[str, str], *, shrink_key: str | None = None) -> str:
    """JSON for a button value, <= 2,000 chars, with `<`, `>`, `&` as \\u escapes (still valid JSON).

    When too long, the string under `shrink_key` is shortened until it fits.
    """
    data = dict(payload)
    while True:
        raw = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
        raw = raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        if len(raw) <= MAX_BUTTON_VALUE or not shrink_key or not data.get(shrink_key):
            return raw[:MAX_BUTTON_VALUE]
        overflow = len(raw) - MAX_BUTTON_VALUE
        data[shrink_key] = data[shrink_key][: max(len(data[shrink_key]) - max(overflow // 6, 1), 0)]


def _split_mrkdwn(text: str, limit: int) -> list[str]:
    """Split long mrkdwn at line boundaries into chunks <= limit (truncating a single huge line)."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current)
        current = truncate(line, limit)
    if current:
        chunks.append(current)
    return chunks or [""]


def _text_object(text: str, *, kind: str = "mrkdwn") -> dict[str, str]:
    return {"type": kind, "text": text}


def header_block(text: str) -> dict:
    clean = neutralize(" ".join(text.split())) or "AI Tech Lead"
    return {
        "type": "header",
        "text": {"type": "plain_text", "text": truncate(clean, MAX_HEADER), "emoji": True},
    }


def section_block(text: str) -> dict:
    return {"type": "section", "text": _text_object(truncate(neutralize(text) or " ", MAX_SECTION))}


def fields_block(items: Iterable[str]) -> dict:
    cells = [_text_object(truncate(neutralize(i) or " ", MAX_FIELD)) for i in items][:MAX_FIELDS]
    return {"type": "section", "fields": cells}


def context_block(text: str) -> dict:
    return {"type": "context", "elements": [_text_object(truncate(neutralize(text) or " ", MAX_SECTION))]}


def divider_block() -> dict:
    return {"type": "divider"}


def actions_block(buttons: Sequence[Button], *, block_id: str = "aitl_dym") -> dict:
    return {
        "type": "actions",
        "block_id": block_id,
        "elements": [
            {
                "type": "button",
                "text": {"type": "plain_text", "text": truncate(neutralize(b.label) or "?", MAX_BUTTON_TEXT)},
                "action_id": b.action_id[:255],
                "value": b.value[:MAX_BUTTON_VALUE],
            }
            for b in buttons[:MAX_BUTTONS]
        ],
    }


def _code_text(lines: Sequence[str]) -> str:
    return "```\n" + "\n".join(escape(line) for line in lines) + "\n```"


def _part_blocks(part: Part) -> list[dict]:
    if isinstance(part, Header):
        return [header_block(part.text)]
    if isinstance(part, Section):
        return [section_block(chunk) for chunk in _split_mrkdwn(part.text, MAX_SECTION)]
    if isinstance(part, Fields):
        items = list(part.items)
        return (
            [fields_block(items[i : i + MAX_FIELDS]) for i in range(0, len(items), MAX_FIELDS)]
            if items
            else []
        )
    if isinstance(part, Code):
        return [section_block(chunk) for chunk in _split_code(part.lines)]
    if isinstance(part, Context):
        return [context_block(part.text)]
    if isinstance(part, Divider):
        return [divider_block()]
    if part.buttons:
        return [actions_block(part.buttons, block_id=part.block_id)]
    return []


def _split_code(lines: Sequence[str]) -> list[str]:
    """Code blocks over 3,000 chars become several, each with its own fences."""
    chunks: list[str] = []
    current: list[str] = []
    for line in lines:
        if current and len(_code_text([*current, line])) > MAX_SECTION:
            chunks.append(_code_text(current))
            current = []
        current.append(line[: MAX_SECTION - 10])
    if current:
        chunks.append(_code_text(current))
    return chunks


def _part_text(part: Part) -> str:
    if isinstance(part, Header):
        return f"*{escape(' '.join(part.text.split()))}*"
    if isinstance(part, Section | Context):
        return part.text
    if isinstance(part, Fields):
        return "\n".join(part.items)
    if isinstance(part, Code):
        return _code_text(part.lines)
    if isinstance(part, Buttons):
        return part.fallback
    return ""


def message(parts: Sequence[Part]) -> tuple[str, list[dict]]:
    """Lay parts out as (mrkdwn fallback text, blocks) within Slack's limits.

    Context and buttons at the end are kept when content has to be cut, so the source and
    the "Did you mean" choices always survive.
    """
    tail_start = len(parts)
    while tail_start > 0 and isinstance(parts[tail_start - 1], Context | Buttons):
        tail_start -= 1
    laid_out = [_laid_out(part) for part in parts]
    body = [b for blocks, _ in laid_out[:tail_start] for b in blocks]
    tail = [b for blocks, _ in laid_out[tail_start:] for b in blocks][:MAX_BLOCKS]
    room = MAX_BLOCKS - len(tail)
    if len(body) > room:
        body = body[: max(room - 1, 0)] + [context_block("(shortened to fit in one Slack message)")]
    text = "\n\n".join(t for _, t in laid_out if t)
    return truncate(text, MAX_TEXT), body + tail


def message_text(parts: Sequence[Part]) -> str:
    """`message(parts)`'s text alone: an actions block's text is its fallback, so its buttons are not
    laid out (a draft is measured by its text as it tries layouts)."""
    texts = (neutralize(_part_text(p)) if isinstance(p, Buttons) else _laid_out(p)[1] for p in parts)
    return truncate("\n\n".join(t for t in texts if t), MAX_TEXT)


def _laid_out(part: Part) -> tuple[list[dict], str]:
    """A part's blocks and its (neutralized) fallback text, kept for parts seen before.

    The same part always lays out the same, and answers repeat parts (a guide section, the
    list of topics), so blocks are shared between messages, as they are between repeated
    answers: adapters copy blocks before changing them. Buttons carry the question, so they
    are laid out each time.
    """
    if isinstance(part, Buttons):
        return _part_blocks(part), neutralize(_part_text(part))
    key = (part.__class__, part)  # a Section and a Context with the same text are equal tuples
    found = _LAID_OUT.get(key)
    if found is None:
        if len(_LAID_OUT) >= _LAID_OUT_LIMIT:
            _LAID_OUT.clear()
        found = _LAID_OUT[key] = (_part_blocks(part), neutralize(_part_text(part)))
    return found


_LAID_OUT: dict[tuple[type, Part], tuple[list[dict], str]] = {}
_LAID_OUT_LIMIT = 4096


# --- terminal rendering -----------------------------------------------------------------------

_BOLD = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_(?=\S)([^_\n]*?\S)_(?![\w_])")
_LINK = re.compile(r"<([^<>|\s]+)\|([^<>]*)>")
_BARE_LINK = re.compile(r"<((?:https?|mailto):[^<>\s]*)>")
_SPECIAL = re.compile(r"<[!@#][^<>]*>")


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def to_terminal(text: str, *, color: bool = False) -> str:
    """Slack mrkdwn -> readable terminal text: bold via ANSI only when `color`, no `*`, `&lt;`, `<a|b>`.

    Code blocks keep their content verbatim (indented), without the fences.
    """
    out: list[str] = []
    in_code = False
    for line in text.split("\n"):
        if line.strip().startswith("```"):
            in_code = not in_code
            rest = line.strip()[3:]
            if rest.endswith("```"):
                out.append("  " + unescape(rest[:-3]))
                in_code = False
            elif rest:
                out.append("  " + unescape(rest))
            continue
        if in_code:
            out.append("  " + unescape(line))
            continue
        if "<" in line:  # each pattern needs its mark: a line without one is left as it is
            line = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})", line)
            line = _BARE_LINK.sub(r"\1", line)
            line = _SPECIAL.sub("", line)
        if "*" in line:
            line = _BOLD.sub(lambda m: f"\033[1m{m.group(1)}\033[0m" if color else m.group(1), line)
        if "_" in line:
            line = _ITALIC.sub(lambda m: f"\033[3m{m.group(1)}\033[0m" if color else m.group(1), line)
        out.append(unescape(line) if "&" in line else line)
    return "\n".join(out).rstrip() + "\n"


_ANSI = re.compile(r"\033\[[0-9;]*m")
_BULLET = re.compile(r"^(\s*(?:[•◦▕]|\d+\.)?\s*)")


def wrap(text: str, width: int) -> str:
    """Terminal text wrapped to `width` columns; bullets and numbered lines keep a hanging indent,
    chart lines (with `▕`) are left alone. ANSI codes do not count toward the width."""
    out: list[str] = []
    for line in text.split("\n"):
        shown = len(_ANSI.sub("", line)) if "\033" in line else len(line)
        if shown <= width or "▕" in line or line.startswith("  "):
            out.append(line)
            continue
        lead = _BULLET.match(line)
        indent = " " * len(lead.group(1)) if lead else ""
        out += _wrap_line(line, width, indent)
    return "\n".join(out)


def _wrap_line(line: str, width: int, indent: str) -> list[str]:
    """Wrap one line at spaces, measuring without ANSI codes (they are kept in place)."""
    lines: list[str] = []
    current = ""
    coded = "\033" in line or "\033" in indent  # else every length is the plain one
    for word in line.split(" "):
        candidate = f"{current} {word}" if current else word
        if current.strip() and (len(_ANSI.sub("", candidate)) if coded else len(candidate)) > width:
            lines.append(current)
            current = indent + word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines
