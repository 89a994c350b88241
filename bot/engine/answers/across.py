""" "What does the guide say about X?": every place the guide speaks of X, most relevant first,
each with its section, inside the length of a focused answer.

A place is an item whose words name X, or an area (a subsection such as Core Responsibilities ›
Data Governance) whose title does; an area's items are read as part of it. Places are ranked by
how much of their title X is (an item titled "Leadership" before "Team Leadership" before one that
only mentions leadership), then by the search score, and each section's best place comes before
any section's second, so the answer shows where in the guide X comes up; with several facets
("security + privacy"), every facet's titled places come before mere mentions. The first places
are shown with their words about X, as many as fit in `LINES` terminal lines, the most relevant
with the most of them; the rest are named on one last line, so every place is there, the lesser
ones by title.

Measured on the focused dev sets (2026-12-06, cross_guide 100 / 80 / 66.7%) and not shipped: a
place shown only with whole words (a sentence each, up to three lines; a place whose words would
be cut to a stub named by title with the lesser ones) fell to 86.7 / 60 / 44.4%; an area shown by
its items' titles rather than their cut words, 93.3 / 75 / 61.1%; spare lines spent first on
completing cut words, 100 / 80 / 61.1%. The questions' facts are often a later sub-point or a
place low in the ranking, which a one-line excerpt of many places still shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.engine.answers.base import (
    LINES,
    WIDTH,
    Draft,
    Query,
    citation,
    esc,
    first_sentence,
    joined,
    label,
    terminal_lines,
    top_of,
)
from bot.engine.knowledge import Item, KnowledgeBase, Section
from bot.engine.render import Section as Text
from bot.engine.search import GuideIndex, index_for, terms_of
from bot.engine.subject import FACETS

FIRST = 2
"""The most relevant places get up to two lines of their words before the others get one (a
sub-point past the first is often what the question was after)."""
PLACE_LINES = 3
"""A place shown with its words takes at most this many terminal lines (when there is room)."""
SUBJECT = 60
"""The subject, as the answer repeats it, is cut at a word before this many characters."""
COVERAGE = 0.75
"""A place counts when it matches this share of the subject's word weight ("data quality": both
words, or the rarer one, not "data" alone)."""
# A subject of several facets ("security + privacy", "ROI and budgets"), split by `FACETS` (shared
# with bot.engine.subject): each facet's places are gathered and taken in turn, so every facet is shown.


@dataclass
class Place:
    """One place the guide speaks of the subject: an item, or an area (`item` None)."""

    section: Section
    item: Item | None
    score: float
    in_title: bool
    precision: float
    """The share of the place's title that the subject names (1.0: the title is the subject)."""
    order: int
    members: list[Item] = field(default_factory=list)
    """An area's items (those that mention the subject first)."""
    mentioning: int = 0
    """How many of `members` mention the subject."""
    mentions: int = 0
    """How many of the item's sentences and sub-points mention the subject (more: more about it)."""

    @property
    def key(self) -> tuple[object, ...]:
        return (self.section.id, self.item.id if self.item else None)


def places_of(kb: KnowledgeBase, subject: str, *, form_words: frozenset[str] = frozenset()) -> list[Place]:
    """Every place the guide speaks of `subject`, most relevant first (see the module's docstring)."""
    index = index_for(kb)
    places = _interleave([_ranked(kb, _gather(kb, index, words)) for words in _facets(subject, form_words)])
    places.sort(key=lambda p: not p.in_title)  # every facet's titled places before mere mentions
    folded = {id(i) for p in places if p.item is None for i in p.members[: p.mentioning or len(p.members)]}
    return [p for p in places if p.item is None or id(p.item) not in folded]  # shown in its area


def _facets(subject: str, form_words: frozenset[str]) -> list[list[str]]:
    facets = [[w for w in terms_of(_head(f)) if w not in form_words] for f in FACETS.split(subject)]
    return [f for f in facets if f] or [terms_of(subject)]


def draft(query: Query, subject: str, *, form_words: frozenset[str] = frozenset()) -> Draft:
    kb = query.kb
    index = index_for(kb)
    facets = _facets(subject, form_words)
    places = places_of(kb, subject, form_words=form_words)
    shown = esc(_clip(subject, SUBJECT))
    if not places:
        lead = f"*The guide does not mention {shown}.* Ask about one of its topics: " + esc(
            ", ".join(label(kb, i) for i in kb.intents if i not in ("help", "unknown"))
        )
        return Draft((Text(lead),), ())
    words = [w for f in facets for w in f]
    total = len(places)
    tops = list(dict.fromkeys(top_of(kb, p.section).id for p in places))
    count = f"{total} place{'s' if total > 1 else ''}"
    groups = f"{len(tops)} section{'s' if len(tops) > 1 else ''}"
    lead = f"*The guide speaks of {shown} in {count}* ({groups}):"
    if total > 1:  # the order said, unless saying it takes a line more ("regulation and compliance")
        ordered = f"*The guide speaks of {shown} in {count}* ({groups}), most relevant first:"
        lead = ordered if terminal_lines(ordered) <= terminal_lines(lead) else lead
    section_ids = tuple(dict.fromkeys(p.section.id for p in places))
    # "the N sections named above" only when they are: lesser places folded into "and N more" may
    # leave a section unnamed; the source line then names the sections itself, in the room it takes
    for named in (True, False):
        room = LINES - terminal_lines(lead) - 1 - terminal_lines(citation(kb, section_ids, named=named))
        text = "\n".join([lead, *_fit(kb, index, places, words, room)])
        if not named or all(_names(kb, top, text) for top in tops):
            break
    return Draft((Text(text),), section_ids, named=named)


def _names(kb: KnowledgeBase, top: str, text: str) -> bool:
    """Whether an answer's text names a top-level section, as a place's section or its path."""
    title = esc(kb.sections[top].title)
    return f"({title})" in text or f"{title} ›" in text


_QUALIFIER = re.compile(r"\s+(?:in|for|of|on|at|within|when|across|among|over)\s+\S.*$")


def _head(facet: str) -> str:
    """A facet without its qualifier: "bias in models" is about bias (wherever the guide speaks
    of it), "ROI for AI leads" about ROI; a facet that is only a qualifier stays whole."""
    head = _QUALIFIER.sub("", facet).strip()
    return head if terms_of(head) else facet


# --- gathering and ranking -------------------------------------------------------------------------


def _gather(kb: KnowledgeBase, index: GuideIndex, words: list[str]) -> list[Place]:
    """Every item that matches `words` well enough, and every area whose title does (its items
    folded into it)."""
    expanded = {w: index.expand(w) | {w} for w in words}
    weights = {w: max((index.idf.get(e, 0.0) for e in expanded[w]), default=0.0) for w in words}
    total = sum(weights.values())
    if total <= 0:
        return []
    order = {section_id: n for n, section_id in enumerate(kb.sections)}

    def named(terms: set[str]) -> float:
        return sum(weights[w] for w in words if expanded[w] & terms) / total

    def precision(title: str) -> float:
        terms = terms_of(title)
        hit = [t for t in terms if any(t in expanded[w] for w in words)]
        return len(hit) / len(terms) if terms else 0.0

    areas: dict[str, Place] = {}
    for section in kb.sections.values():
        if section.parent is None or not section.items:
            continue
        cover = named(set(terms_of(section.title)))
        if cover >= COVERAGE:
            areas[section.id] = Place(
                section, None, 2 * cover * total, True, precision(section.title), order[section.id]
            )
    places: list[Place] = []
    for hit in index.search(words, limit=len(index.units)):
        item = hit.unit.item
        if item is None or hit.coverage < COVERAGE:
            continue
        section = kb.section(hit.unit.section_id)
        area = areas.get(section.id)
        if area is not None:
            area.members.append(item)
            continue
        exact = precision(item.title) if item.title else 0.0
        place = Place(section, item, hit.score, hit.in_title, exact, order[section.id])
        forms = {f for w in words for f in expanded[w]}
        place.mentions = sum(
            1 for piece in (*_pieces(item.text), *item.points) if forms & set(terms_of(piece))
        )
        places.append(place)
    for area in areas.values():  # the items that mention the subject first, then the others
        rest = [i for i in area.section.items if i not in area.members]
        area.members += rest
        area.mentioning = len(area.members) - len(rest)
    return places + list(areas.values())


def _ranked(kb: KnowledgeBase, places: list[Place]) -> list[Place]:
    """Most relevant first: the title that is most the subject, then the score; each top-level
    section's best place before any section's second."""
    places = sorted(
        places, key=lambda p: (not p.in_title, -round(p.precision, 2), -p.mentions, -p.score, p.order)
    )
    first: list[Place] = []
    rest: list[Place] = []
    seen: set[str] = set()
    for place in places:
        top = top_of(kb, place.section).id
        (rest if top in seen else first).append(place)
        seen.add(top)
    return first + rest


def _interleave(ranked: list[list[Place]]) -> list[Place]:
    """Each facet's best place, then each facet's next, without repeats."""
    out: list[Place] = []
    seen: set[tuple[object, ...]] = set()
    for rank in range(max((len(r) for r in ranked), default=0)):
        for places in ranked:
            if rank < len(places) and places[rank].key not in seen:
                out.append(places[rank])
                seen.add(places[rank].key)
    return out


# --- laying out ------------------------------------------------------------------------------------


def _fit(kb: KnowledgeBase, index: GuideIndex, places: list[Place], words: list[str], room: int) -> list[str]:
    """The places' lines within `room` terminal lines. Every place is named: the `FIRST` with up to
    two lines of their words, the others one line each while they fit, else the lesser ones by
    title on a last line or two; then the lines left over give the first places their words in
    full (`PLACE_LINES` each)."""
    lines = [_sized(kb, index, p, words, 2 if n < FIRST else 1) for n, p in enumerate(places)]
    cost = [terminal_lines(line) for line in lines]
    shown = len(places)
    also: list[str] = []
    if sum(cost) > room:
        for shown in range(len(places) - 1, 0, -1):
            used = sum(cost[:shown])
            if used < room:
                named = {top_of(kb, p.section).id for p in places[:shown]}
                also = [_also(kb, places[shown:], room - used, named)]
                if used + terminal_lines(also[0]) <= room:
                    break
        lines = lines[:shown]
    spare = room - sum(terminal_lines(line) for line in lines) - sum(terminal_lines(a) for a in also)
    for n, place in enumerate(places[:shown]):  # the first places first, each to its fullest
        for size in range(2, PLACE_LINES + 1):
            if spare <= 0:
                break
            longer = _sized(kb, index, place, words, size)
            extra = terminal_lines(longer) - terminal_lines(lines[n])
            if 0 < extra <= spare:
                lines[n] = longer
                spare -= extra
    return lines + also


def _sized(kb: KnowledgeBase, index: GuideIndex, place: Place, words: list[str], lines: int) -> str:
    """The place's line cut to take at most `lines` terminal lines (wrapping breaks at words)."""
    width = lines * WIDTH
    line = _line(kb, index, place, words, width)
    while terminal_lines(line) > lines and width > WIDTH // 2:
        width -= 8
        line = _line(kb, index, place, words, width)
    if terminal_lines(line) > lines:  # a long title leaves no room for its words: the title alone
        return f"• {_name(kb, place)}"
    return line


def _line(kb: KnowledgeBase, index: GuideIndex, place: Place, words: list[str], width: int) -> str:
    """ "• *Ethical Awareness* (Essential Soft Skills): Ethical decision making; …" within `width`
    characters: the title, the top-level section, and the words about the subject (all of them
    when the title names it, else the sentences or sub-points that mention it), whole ones when
    they do not all fit."""
    top = top_of(kb, place.section)
    item = place.item
    if item is None:
        title, where = place.section.title, top.title
        said = place.members[: place.mentioning] or place.members
        full = "; ".join([*(_member(i) for i in said), *(i.title for i in place.members[len(said) :])])
        brief = ", ".join(i.title or first_sentence(i.text) for i in place.members)
        head = f"• {title} ({where}): "
        # the members' words when they fit, or when two lines or more are given for them
        body = full if len(head) + len(full) <= width or width >= 2 * WIDTH else brief
        room = width - len(head)
        return f"• *{esc(title)}* ({esc(where)}): {esc(_clip(body, room))}"
    where = top.title if item.title else kb.source_title(place.section.id)
    head = f"• {item.title} ({where}): " if item.title else f"• {where}: "
    room = max(width - len(head), 20)
    body = _body(item) if place.in_title else _mentioning(index, item, words)
    shown = _whole_pieces(index, item, words, room, titled=place.in_title) if len(body) > room else body
    if shown is None:
        shown = _clip(body, room) if place.in_title else _around(index, body, words, room)
    if item.title:
        return f"• *{esc(item.title)}* ({esc(where)}): {esc(shown)}"
    return f"• {esc(where)}: {esc(shown)}"


def _member(item: Item) -> str:
    body = first_sentence(item.text) if item.title and item.text else _body(item)
    body = body.rstrip(". ")
    return f"{item.title}: {body}" if item.title and item.text else body


def _also(kb: KnowledgeBase, places: list[Place], room: int, named: set[str]) -> str:
    """ "• Also: *Leadership* (Overview), …" in at most `room` lines (at least one); places in a
    section no line above names come first, so the source line's "sections named above" holds."""
    first = [p for p in places if top_of(kb, p.section).id not in named]
    places = first + [p for p in places if top_of(kb, p.section).id in named]
    names = [_name(kb, p) for p in places]
    for shown in range(len(names), 0, -1):
        more = len(names) - shown
        line = "• Also: " + ", ".join(names[:shown]) + (f" and {more} more" if more else "")
        if terminal_lines(line) <= max(room, 1):
            return line + "."
    return f"• And {len(names)} more."


def _name(kb: KnowledgeBase, place: Place) -> str:
    top = top_of(kb, place.section)
    if place.item is not None and not place.item.title:
        return esc(kb.source_title(place.section.id))
    title = place.item.title if place.item is not None else place.section.title
    return f"*{esc(title)}* ({esc(top.title)})"


def _body(item: Item) -> str:
    """An item's words: its text and its sub-points, as one line."""
    if item.text and item.points:
        return f"{item.text.rstrip('. ')}: {joined(item.points)}"
    return item.text or joined(item.points)


def _mentioning(index: GuideIndex, item: Item, words: list[str]) -> str:
    """The item's sentences and sub-points that mention `words` (all of its words when none does)."""
    pieces = _pieces(item.text) + list(item.points)
    forms = {f for w in words for f in index.expand(w)} | set(words)
    hits = [p for p in pieces if forms & set(terms_of(p))]
    return joined(hits) if len(hits) > 1 else (hits[0] if hits else _body(item))


def _whole_pieces(index: GuideIndex, item: Item, words: list[str], room: int, *, titled: bool) -> str | None:
    """When the item's words do not all fit in `room` characters: those of its sentences and
    sub-points that fit whole, in the guide's order, the ones that mention `words` first (all are
    about the subject when its title names it), "…" marking what is left out; None when not even
    one fits (the words are then cut). A whole sub-point says something; a cut one rarely does."""
    pieces = [p.rstrip(". ") for p in (*_pieces(item.text), *item.points)]
    forms = {f for w in words for f in index.expand(w)} | set(words)
    about = [p for p in pieces if titled or forms & set(terms_of(p))] or pieces
    chosen: list[str] = []
    for piece in [*about, *(p for p in pieces if p not in about and titled)]:
        line = "; ".join(p for p in pieces if p in (*chosen, piece)) + "; …"
        if len(line) <= room:
            chosen.append(piece)
    if not chosen:
        return None
    return "; ".join(p for p in pieces if p in chosen) + ("; …" if len(chosen) < len(pieces) else ".")


def _pieces(text: str) -> list[str]:
    out, rest = [], text.strip()
    while rest:
        sentence = first_sentence(rest)
        out.append(sentence)
        rest = rest[len(sentence) :].strip()
    return out


_CLAUSE = re.compile(r"(?:[,;:]\s+|\s+(?:and|or|to|for|with|of)\s+)")


def _around(index: GuideIndex, text: str, words: list[str], room: int) -> str:
    """`text` cut to `room` characters, keeping its first mention of `words`: from the start when
    that fits, else from the clause the mention is in ("…Docker, Kubernetes")."""
    if len(text) <= room:
        return text
    forms = {f for w in words for f in index.expand(w)} | set(words)
    first = next((m for m in re.finditer(r"[A-Za-z0-9]+", text) if set(terms_of(m.group())) & forms), None)
    if first is None or first.end() <= room - 1:
        return _clip(text, room)
    starts = [m.end() for m in _CLAUSE.finditer(text, 0, first.start())]
    begin = max([0, *(b for b in starts if first.end() - b <= room - 2)], default=0)
    if begin == 0 or first.end() - begin > room - 2:
        begin = first.start()
    return "…" + _clip(text[begin:].lstrip(), room - 1)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
