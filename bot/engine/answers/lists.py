"""List answers (challenges, trends, best practices, responsibilities, and the guide sections
that are lists: skills, soft skills, qualifications, market, overview).

Which sections an intent answers from is data (`sections` in intents.yaml), so this module only
decides the layout: a compact list (each item: title and one line), or, when the question names
one topic, that single item with its details and sub-points.
"""

from __future__ import annotations

import re

from bot.engine.answer import Answer
from bot.engine.answers.base import (
    LINES,
    WIDTH,
    Draft,
    Query,
    detail,
    esc,
    finished,
    finished_text,
    first_sentence,
    joined,
    label,
    one_line,
    section_list,
    terminal_lines,
    titles_line,
)
from bot.engine.knowledge import Item, KnowledgeBase, Section
from bot.engine.render import Context, Header, Part
from bot.engine.render import Section as Text

LIST_BUDGET = 10
"""A compact list shows items one by one up to about this many lines; further areas get one line."""
ONE_LINE = 120
"""An item's line in a compact list is cut at a word before this many characters."""
SHORT_INTRO = 400
"""An introduction up to this many characters is shown whole before its list ("...gain competitive
advantages"); a longer one by its first sentence."""


def compose(query: Query, *, compact: bool = False, hints: tuple[str, ...] = ()) -> Answer:
    """The intent's sections as a compact list, or the single topic the question names."""
    return finished(query, draft(query, compact=compact, hints=hints))


def draft(
    query: Query, *, compact: bool = False, hints: tuple[str, ...] = (), sections: tuple[str, ...] = ()
) -> Draft:
    """`compose`'s draft.

    `compact` shows every subsection as one line of item titles (not only the topic section's);
    `hints` are extra mrkdwn lines (already escaped) shown before the source; `sections`, when
    given, are the sections shown in place of the intent's.
    """
    kb = query.kb
    spec = kb.intents.get(query.intent)
    section_ids = [s for s in (sections or (spec.sections if spec else ())) if s in kb.sections]
    found = None if query.full else _topic(query, section_ids)  # full: the whole section
    if found is not None:
        return _single(query, *found)
    # a section asked for whole shows its areas one line each, as a topic section's
    topic_section = sections[0] if sections else spec.topic_section if spec else None
    groups = _groups(kb, section_ids)
    if topic_section in kb.sections:
        hints = (_topic_hint(kb, kb.section(topic_section)), *hints)
    if not query.full and not compact:
        return _unranked(query, _short(query, groups, topic_section=topic_section, hints=hints))
    parts: list[Part] = [Header(label(kb, query.intent))]
    for section, children in groups:
        heading = kb.source_title(section.id) if len(groups) > 1 or section.parent else None
        brief = compact or section.id == topic_section
        parts += section_parts(kb, section, children=children, heading=heading, compact=brief)
    parts += [Context(h) for h in hints if h]
    drafted = Draft(tuple(parts), tuple(s.id for g in groups for s in (g[0], *g[1])))
    return drafted if query.full else _unranked(query, drafted)


UNRANKED = "The guide does not rank these or say which matters most; it lists them all:"


def _unranked(query: Query, drafted: Draft) -> Draft:
    """A whole list asked for by which of it comes first ("what's the most important soft skill?",
    `Form.ranked`): said first that the guide does not say, since its lists are not ranked."""
    if query.form is None or not query.form.ranked:
        return drafted
    at = next((i for i, part in enumerate(drafted.parts) if isinstance(part, Text)), len(drafted.parts))
    return drafted._replace(parts=(*drafted.parts[:at], Text(UNRANKED), *drafted.parts[at:]))


def _short(
    query: Query,
    groups: list[tuple[Section, list[Section]]],
    *,
    topic_section: str | None,
    hints: tuple[str, ...],
) -> Draft:
    """A question about the whole list: a compact list with the whole section one step away.

    The guide's opening sentence, then its areas in order: the first ones item by item (title and
    one line) while they fit in `LIST_BUDGET` lines, the rest one line each (their item titles,
    or, for areas of untitled bullets, the bullets' words). A topic section's areas (Core
    Responsibilities) are always one line each: each is a topic of its own.
    """
    kb = query.kb
    areas: list[tuple[Section, str]] = []  # (area, its title as shown)
    for section, children in groups:
        if section.items or not children:  # a top-level list is introduced by its opening sentence
            areas.append((section, kb.source_title(section.id) if section.parent else ""))
        for child in children:
            areas.append(
                (
                    child,
                    child.title if section.parent is None and len(groups) == 1 else kb.source_title(child.id),
                )
            )
    first = groups[0][0] if groups else None
    lines: list[str] = []
    if first is not None and first.intro:
        lines.append(_opening(first))
    used = 0
    listed: str | None = None  # the first area shown item by item
    bullets: list[tuple[str, str, str] | None] = []  # every bullet shown, in order (`Draft.bullets`)
    whole = True  # nothing left out: no need for the whole-section button
    for area, title in areas:
        titled = [i for i in area.items if i.title]
        if not area.items:
            text = " ".join(area.intro)
            lines.append(f"• *{esc(title)}*: {esc(clip(first_sentence(text)))}" if text else "")
            bullets += [_area_entry(area)] if text else []
            whole = whole and first_sentence(text) == text
            used += 1
        elif len(titled) < len(area.items):  # untitled bullets: their words, on one line
            text = " ".join(_sentence(i.text or joined(i.points)) for i in area.items)
            lines.append(f"• *{esc(title)}*: {esc(text)}")
            bullets.append(_area_entry(area))
            used += 1
        elif area.parent != topic_section and (
            not used or used + len(area.items) + bool(title) <= LIST_BUDGET
        ):
            lines += [f"*{esc(title)}*"] if title else []
            listed = listed or area.id
            bullets += [(area.id, item.id, item.title) for item in area.items]
            for item in area.items:
                line = one_line(item)
                short = _clipped(item)
                whole = whole and line == short and not (item.text and item.points)
                lines.append(short)
            used += len(area.items) + bool(title)
        else:
            lines.append(titles_line_as(area, title))
            bullets.append(_area_entry(area))
            whole = False
            used += 1
    parts: list[Part] = [Header(label(kb, query.intent)), Text("\n".join(line for line in lines if line))]
    tips = " ".join(h for h in hints if h)
    if tips:
        parts.append(Context(tips))
    section_ids = tuple(s.id for g in groups for s in (g[0], *g[1]))
    top = kb.section(first.parent) if first is not None and first.parent else first
    more = None if whole or top is None else top.title
    rich = Draft(tuple(parts), section_ids, more=more, listed=listed, bullets=_entries(bullets))
    if (not query.scores and not query.brief) or _fits(query, rich):
        return rich  # a forced intent (`/aitl trends`, a button) asked for the list itself: all of it
    # too long for a focused answer (`LINES`): ever more compact layouts, the whole section one step away
    return _compact(query, areas, topic_section=topic_section, tips=tips, section_ids=section_ids) or rich


def _fits(query: Query, draft: Draft) -> bool:
    return terminal_lines(finished_text(query, draft)) <= LINES


def _compact(
    query: Query,
    areas: list[tuple[Section, str]],
    *,
    topic_section: str | None,
    tips: str,
    section_ids: tuple[str, ...],
) -> Draft | None:
    """The list within `LINES`, its whole section one step away: as many of its areas as fit shown
    in order (an area of titled items item by item, each on a terminal line; an area of untitled
    bullets, or a topic area, on one line), the others named on one "Also in the guide" line; the
    items cut to a line get their whole first sentence back while there is room. When no area fits
    item by item: the first one's item titles on one line. The hints come only when there is room."""
    kb = query.kb
    first = areas[0][0] if areas else None
    if first is None:
        return None
    top = kb.section(first.parent) if first.parent else first
    more = top.title
    # the first area of titled items (not a topic area's line) is shown item by item, or by its titles
    listed = next(
        (a.id for a, _ in areas if a.parent != topic_section and a.items and all(i.title for i in a.items)),
        None,
    )

    def draft(lines: list[str], hint: str, shown: tuple[tuple[str, str, str], ...] = ()) -> Draft:
        parts: list[Part] = [Text("\n".join(line for line in lines if line))]
        return Draft(
            (*parts, Context(hint)) if hint else tuple(parts),
            section_ids,
            more=more,
            listed=listed,
            bullets=shown,
        )

    def entries(count: int) -> tuple[tuple[str, str, str], ...]:
        """The bullets the first `count` areas show, in order (`Draft.bullets`)."""
        found: list[tuple[str, str, str] | None] = []
        for area, _ in areas[:count]:
            if area.parent == topic_section or not area.items or not all(i.title for i in area.items):
                found.append(_area_entry(area))
            else:
                found += [(area.id, item.id, item.title) for item in area.items]
        return _entries(found)

    def rows(area: Section, title: str) -> list[tuple[str, str]]:
        """The area's lines as (cut to a terminal line, whole)."""
        if area.parent == topic_section or not area.items or not all(i.title for i in area.items):
            return [(_area_line(area, title), _area_line(area, title, whole=True))]
        return [(_clipped(i, WIDTH - 2), one_line(i)) for i in area.items]

    def lead(area: Section, title: str, index: int) -> list[str]:
        if area.parent == topic_section and area.parent is not None:
            if index and areas[index - 1][0].parent == topic_section:
                return []
            parent = kb.section(area.parent)
            return [f"*The guide's {len(parent.children)} areas of {esc(parent.title)}*:"]
        if area.items and all(i.title for i in area.items):
            return [_lead(kb, area, title)]
        return []

    # each area's lead and lines, and the "Also" line after the first `count` areas, are the same
    # in every layout tried below: made once
    leads = [lead(area, title, index) for index, (area, title) in enumerate(areas)]
    area_rows = [rows(area, title) for area, title in areas]
    alsos: dict[int, str] = {}

    def layout(count: int, full: set[str], opening: str) -> list[str]:
        lines: list[str] = [opening] if opening else []
        for index in range(min(count, len(areas))):
            lines += leads[index]
            lines += [whole if cut in full else cut for cut, whole in area_rows[index]]
        if count not in alsos:
            alsos[count] = _also(kb, [a for a, _ in areas[count:]])
        return [*lines, alsos[count]]

    said = _opening(top)
    for count in range(len(areas), 0, -1):
        fitting: list[tuple[tuple[int, bool, bool], Draft]] = []
        for opening, hint in ((said, tips), (said, ""), ("", tips), ("", "")):
            candidate = draft(layout(count, set(), opening), hint, entries(count))
            if not _fits(query, candidate):
                continue
            # room left: lines cut short get their whole sentences back, those whose cut words
            # name things (TensorFlow, $1.3 trillion) first, else in the guide's order
            full: set[str] = set()
            pairs = [pair for found in area_rows[:count] for pair in found]
            for line, whole in sorted(pairs, key=lambda pair: not _names_things(pair)):
                better = (
                    draft(layout(count, full | {line}, opening), hint, entries(count))
                    if line != whole
                    else None
                )
                if better is not None and _fits(query, better):
                    full.add(line)
                    candidate = better
            fitting.append(((len(full), bool(opening), bool(hint)), candidate))
        if fitting:  # the items' own words first, then the opening sentence, then the hints
            return max(fitting, key=lambda found: found[0])[1]
    area, title = next(((a, t) for a, t in areas if a.items and all(i.title for i in a.items)), areas[0])
    names = esc(", ".join(i.title or first_sentence(i.text) for i in area.items))
    also = _also(kb, [a for a, _ in areas if a is not area])
    titles_line = f"{_lead(kb, area, title)} {names}."  # not `listed`, the drafts' area id
    for lines in ([said, titles_line, also], [titles_line, also], [said, titles_line], [titles_line]):
        candidate = draft(lines, "")
        if _fits(query, candidate):
            return candidate
    return candidate


def _area_entry(area: Section) -> tuple[str, str, str] | None:
    """An area shown on one line as an entry of its parent's list (None for a top-level one)."""
    return (area.parent, area.id.rsplit("/", 1)[-1], area.title) if area.parent else None


def _entries(found: list[tuple[str, str, str] | None]) -> tuple[tuple[str, str, str], ...]:
    """The bullets shown, when each is an entry an ordinal can pick; else none (`Draft.bullets`)."""
    return tuple(e for e in found if e is not None) if all(found) else ()


def _opening(section: Section) -> str:
    """The section's opening sentence ("As of 2025, several key trends are shaping ...")."""
    if not section.intro:
        return ""
    opening = first_sentence(section.intro[0]).rstrip(":")
    return esc(opening if opening.endswith((".", "!", "?")) else f"{opening}.")


_NAMED = re.compile(r"(?<!\. )\b(?:[A-Z][\w.+-]*|\d[\d.,%]*)")
"""A capitalised word not opening a sentence, or a figure."""


def _names_things(pair: tuple[str, str]) -> bool:
    """Whether the words a line cut short leaves out name something: a capitalised word or a figure
    past the cut ("… like TensorFlow, PyTorch", "… over $1.3 trillion by 2030")."""
    cut, whole = pair
    kept = cut.rstrip("…")
    return bool(_NAMED.search(whole[len(kept) :])) if whole.startswith(kept) else False


def _lead(kb: KnowledgeBase, area: Section, title: str) -> str:
    """ "*The guide's 9 Essential Soft Skills*:", "*Requirements › Technical Proficiency*:"."""
    if area.parent is None:
        return f"*The guide's {len(area.items)} {esc(area.title)}*:"
    return f"*{esc(kb.source_title(area.id))}*:"


def _area_line(area: Section, title: str, *, whole: bool = False) -> str:
    """An area of untitled bullets or a topic area on one terminal line (or `whole`): its item
    titles, else its first bullet."""
    titled = [i.title for i in area.items if i.title]
    if area.items and len(titled) == len(area.items):
        text = ", ".join(titled)
    elif area.items and whole:
        text = " ".join(_sentence(i.text or joined(i.points)) for i in area.items)
    elif area.items:
        text = _sentence(area.items[0].text or joined(area.items[0].points))
    else:
        text = first_sentence(" ".join(area.intro))
    name = title or area.title
    room = 10**6 if whole else max(WIDTH - 2 - len(f"• {name}: "), 20)
    return f"• *{esc(name)}*: {esc(clip(text, room))}"


def _also(kb: KnowledgeBase, rest: list[Section]) -> str:
    """The other areas by name, grouped by their top-level section: "Also in the guide: Requirements ›
    Leadership and Management, Strategic Acumen; Career Development › Technical Expertise"."""
    if not rest:
        return ""
    groups: dict[str, list[str]] = {}
    for area in rest:
        top = kb.section(area.parent).title if area.parent else ""
        groups.setdefault(top, []).append(area.title)
    said = "; ".join(
        f"{top} › {', '.join(names)}" if top else ", ".join(names) for top, names in groups.items()
    )
    return f"_Also in the guide: {esc(said)}._"


def _clipped(item: Item, width: int = 0) -> str:
    """`one_line(item)` within `ONE_LINE` characters (or `width`, the bullet and title included):
    sub-points that do not fit give their first."""
    width = width or ONE_LINE
    body = first_sentence(item.text) if item.text else joined(item.points)
    room = width if width == ONE_LINE else max(width - len(f"• {item.title}: "), 20)
    if not item.text and len(body) > room:  # sub-points that do not fit: the first one
        body = joined(item.points[:1])
    if not item.title:
        return f"• {esc(clip(body, room))}"
    return f"• *{esc(item.title)}*: {esc(clip(body, room))}" if body else f"• *{esc(item.title)}*"


def titles_line_as(section: Section, title: str) -> str:
    """`• *Title*: item, item, …` under the title shown for the area."""
    titles = ", ".join(i.title or first_sentence(i.text) for i in section.items)
    return f"• *{esc(title or section.title)}*: {esc(titles)}"


def clip(text: str, limit: int = 0) -> str:
    """`text` cut at a word before `limit` characters (default `ONE_LINE`), with an ellipsis."""
    limit = limit or ONE_LINE
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _groups(kb: KnowledgeBase, section_ids: list[str]) -> list[tuple[Section, list[Section]]]:
    """Sections to show, each with the subsections to show under it (guide order).

    A subsection whose parent is listed goes under it; a parent listed alone brings all its
    subsections; a subsection listed alone stands on its own.
    """
    listed = set(section_ids)
    groups: list[tuple[Section, list[Section]]] = []
    for section_id in section_ids:
        section = kb.section(section_id)
        if section.parent in listed:
            continue
        children = [kb.section(c) for c in section.children if c in listed]
        groups.append((section, children or [kb.section(c) for c in section.children]))
    return groups


def section_parts(
    kb: KnowledgeBase,
    section: Section,
    *,
    children: list[Section],
    heading: str | None = None,
    compact: bool = False,
) -> list[Part]:
    """One section: its introduction (its first sentence if long), its items, then its subsections.

    `compact` shows each subsection with items as one line of item titles (the topic section's
    areas, whose details come when the user names one; the overview's lists, which have their
    own answers). Paragraph-only subsections are always shown whole.
    """
    lines: list[str] = [f"*{esc(heading)}*"] if heading else []
    if section.intro:
        intro = section.intro[0]
        if (section.items or children) and len(intro) > SHORT_INTRO:
            intro = first_sentence(intro)  # a long introduction before a list: its first sentence
        elif not (section.items or children):
            intro = " ".join(section.intro)
        lines.append(esc(intro))
    if section.items:
        lines.append(section_list(section))
    blocks: list[list[str]] = [lines]
    for child in children:
        if child.items and compact:
            blocks[-1].append(titles_line(child))  # consecutive one-liners share a block
        elif child.items:
            blocks.append([section_list(child, heading=child.title)])
            blocks.append([])
        elif child.intro:
            blocks.append([f"*{esc(child.title)}*\n" + esc(" ".join(child.intro))])
            blocks.append([])
    parts: list[Part] = [Text("\n".join(b)) for b in blocks if b]
    return parts


def _topic(query: Query, section_ids: list[str]) -> tuple[Section, Item | None] | None:
    """The (section, item) the question names: an item id, or a subsection id (item None)."""
    kb = query.kb
    if not query.topic:
        return None
    for section_id in (query.topic, f"{query.topic_section}/{query.topic}"):
        if section_id in kb.sections:
            return kb.section(section_id), None
    search = [query.topic_section] if query.topic_section in kb.sections else []
    for section_id in [*search, *section_ids]:
        section = kb.section(section_id)
        for candidate in (section, *(kb.section(c) for c in section.children)):
            for item in candidate.items:
                if item.id == query.topic:
                    return candidate, item
    return None


def _single(query: Query, section: Section, item: Item | None) -> Draft:
    kb = query.kb
    if item is None:
        body = "\n".join([one_line_full(i) for i in section.items] or [esc(p) for p in section.intro])
        parts: list[Part] = [Header(section.title), Text(body)]
    else:
        parts = [Header(item.title or first_sentence(item.text)), Text(detail(item, title=False))]
    if item is None and section.parent:
        siblings = len(kb.section(section.parent).children)
        where = f"One of the {siblings} areas of the guide's {kb.section(section.parent).title}"
    else:
        where = f"One of the guide's {len(section.items)} {kb.source_title(section.id)}"
    parts.append(Context(f"{esc(where)}. Ask without a topic for the whole list."))
    return Draft(tuple(parts), (section.id,))


def one_line_full(item: Item) -> str:
    """An item with all its words: `• *Title*: text`, sub-points indented below."""
    head = f"• *{esc(item.title)}*: {esc(item.text)}" if item.title else f"• {esc(item.text)}"
    return "\n".join([head.rstrip(": "), *(f"    ◦ {esc(p)}" for p in item.points)])


def _topic_hint(kb: KnowledgeBase, section: Section) -> str:
    """ "Ask about one for details, e.g. …" with the first topic's title."""
    first = (
        section.items[0].title
        if section.items
        else (kb.section(section.children[0]).title if section.children else "")
    )
    return f"Ask about one for its details, e.g. “{esc(first.lower())}”." if first else ""
