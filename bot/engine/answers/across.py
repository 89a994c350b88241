""" "What does the guide say about X?": every place the guide speaks of X, most relevant first,
each with its section, inside the length of a focused answer.

A place is an item whose words name X, or an area (a subsection such as Core Responsibilities ›
Data Governance) whose title does; an area's items are read as part of it. Places are ranked by
how much of their title X is (an item titled "Leadership" before "Team Leadership" before one that
only mentions leadership), then by the search score, and each section's best place comes before
any section's second, so the answer shows where in the guide X comes up; with several facets
("security + privacy"), every facet's titled places come before mere mentions.

The answer is filled step by step (`_fit`): the most relevant place with its words, every other
named on an "Also" line; then, while the lines (`LINES`) allow, the step that shows the most whole
sentences and sub-points per line (a place's own line, or a longer one), weighed by rank, without
leaving a place unnamed that could be named. A line never shows only cut words: a sub-point cut
mid-way rarely says anything, and the questions' facts are often a later sub-point of a lesser
place (Stakeholder Management's "Clear expectation management").

Measured on the focused dev sets' cross_guide questions (2026-12-06, with the subject readings of
the same day): one line of cut words for every place after the first two, as before, 100 / 80 /
72.2 / 66.7% (dev, dev2, dev3, dev4); filled step by step 100 / 80 / 77.8 / 75%; steps without
the most relevant place shown first (an earlier version) 100 / 80 / 72.2 / 83.3%, but its first
line was then often not the most relevant place. Still missed: a place's sentence that takes
three lines when others fill them (the EU's AI Act in Industry Trends), an area's item words when
the area is a lesser place (Team Leadership's "lead and inspire"), a subject the guide words
differently ("keep up with new tech").

2026-12-07, with the sentence encoder: places titled by the subject alike are ranked by their
nearness to it in meaning, and a section not yet shown with its words is worth more than a
section's second place (`SAME_SECTION`). focused_dev6_cross 10 -> 11/45 (even, tuned), 7 -> 8/45
(odd); focused_dev4's cross_guide 5 -> 6/6 (even); across-context dev answers with a fact 82 ->
83/120; the other dev benches unchanged. Most of focused_dev6_cross's misses are questions told as
a situation ("my VP glazes over ..."), not read as across the guide: their focused answer names
at most two other sections' places under "Also in the guide" within its lines.

2026-12-07, later: a subject whose words the guide has in one section only still gets the places
other sections word otherwise, found by meaning (`_meant`: "degrees" is Overview's Education, "a
Master's or Ph.D."), and is then answered across the guide; "scalability" finds "scalable"
(bot.engine.search). focused_dev6_cross 20 -> 22/90 with the other focused dev files unchanged (on
the model retrained that day). Of its remaining misses (counted by the fact missing), about half
are situations not read as across whose fact's section the answer never reaches, a third name a
place of a section the answer shows but not the item asked for, and one in seven names the item
without the line asked for (mostly places named on an "Also" line without their words: ethics is
in 8 sections, three shown with words). Tried on the model before that retraining and not kept
(focused_dev6_cross then 23/90, focused_dev5 67/120): answering every question with the places
nearest it in meaning laid out as here (21, 52), or across the guide with its two rarest words
found in several sections as the subject (23, 27), or a focused answer whose "Also in the guide"
places do not all fit laid out as here, its item first (20, 63; focused_dev6 102 -> 97): the
situations' facts are neither their words' places nor their nearest ones, and a focused answer's
own point is worth its lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from bot.engine import render
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

DECAY = 0.8
"""A place's words are worth this much of the words of the place ranked before it."""
STEPPED = 8
"""Only the first places are shown with their words (the others are named), so laying out many
places stays quick."""
PLACE_LINES = 3
"""A place shown with its words takes at most this many terminal lines (when there is room)."""
SUBJECT = 60
"""The subject, as the answer repeats it, is cut at a word before this many characters."""
COVERAGE = 0.75
"""A place counts when it matches this share of the subject's word weight ("data quality": both
words, or the rarer one, not "data" alone)."""
SAME_SECTION = 0.7
"""A place's words count this much when a place of the same top-level section is shown with its
words already: the answer is where in the guide the subject comes up, so a section not yet shown
is worth a line more than a section's second place (privacy: Industry Trends' "respect user
privacy" before Common Challenges' second place). Tuned on the even-indexed entries of
focused_dev6_cross (0.6-0.8 alike)."""
MEANT = 0.75
"""A section where the subject's words find no place still has one when an item there is at least
this near the subject in meaning, relative to the nearest place its words found."""
MEANT_BELOW = 2
"""Places are found by meaning only for a subject whose words the guide has in fewer top-level
sections than this (it words the subject otherwise elsewhere); a subject its words find in several
has its places there, and a place by meaning would take the room of one that names it."""
MEANT_FLOOR = 0.35
"""A place found by meaning is at least this near the subject (a cosine): below it, the encoder
finds most of the guide's items about as near ("scalability": Adaptability at 0.27)."""
MEANT_WORTH = 0.5
"""A place found by meaning only is worth this share of one its words name, shown with its words."""
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
    meaning: float = 0.0
    """The item's cosine with the subject in meaning (0 without the encoder, and for an area)."""
    meant: bool = False
    """Found by meaning only (`_meant`): its words are worth less than a place's that name the subject."""

    @property
    def key(self) -> tuple[object, ...]:
        return (self.section.id, self.item.id if self.item else None)


def places_of(
    kb: KnowledgeBase, subject: str, *, form_words: frozenset[str] = frozenset(), encoder: object = None
) -> list[Place]:
    """Every place the guide speaks of `subject`, most relevant first (see the module's docstring);
    with the sentence `encoder`, places whose titles name it equally are ranked by their nearness
    to it in meaning (of "ethics", Ethical AI Practices before Ethical Awareness)."""
    index = index_for(kb)
    facets = _facets(subject, form_words)
    heads = [_head(f) for f in FACETS.split(subject)]
    texts = heads if len(heads) == len(facets) else [subject] * len(facets)
    gathered = []
    for words, text in zip(facets, texts, strict=True):
        near = _near(index, encoder, text)
        found = _gather(kb, index, words, near)
        gathered.append(_ranked(kb, found) + _meant(kb, index, found, near))  # words' places first
    places = _interleave(gathered)
    places.sort(key=lambda p: not p.in_title)  # every facet's titled places before mere mentions
    folded = {id(i) for p in places if p.item is None for i in p.members[: p.mentioning or len(p.members)]}
    return [p for p in places if p.item is None or id(p.item) not in folded]  # shown in its area


_N_AND = re.compile(r"\s+n\s+")


def _facets(subject: str, form_words: frozenset[str]) -> list[list[str]]:
    facets = [[w for w in terms_of(_head(f)) if w not in form_words] for f in FACETS.split(subject)]
    return [f for f in facets if f] or [terms_of(subject)]


def draft(query: Query, subject: str, *, form_words: frozenset[str] = frozenset()) -> Draft:
    kb = query.kb
    index = index_for(kb)
    facets = _facets(subject, form_words)
    places = places_of(kb, subject, form_words=form_words, encoder=query.encoder)
    shown = esc(_clip(_N_AND.sub(" and ", subject), SUBJECT))  # "ethics n bias": said as "ethics and bias"
    if not places:
        # the bot's finding, not a claim about the guide: a word it does not know may be there
        # under another name ("k8s": Kubernetes)
        lead = f"*I find no mention of {shown} in the guide.* Ask about one of its topics: " + esc(
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
    return Draft((Text(text),), section_ids, named=named, topic=_titled(kb, places[0], facets), across=True)


def _titled(kb: KnowledgeBase, first: Place, facets: list[list[str]]) -> tuple[str, str] | None:
    """The answer's one item, when its most relevant place is an item whose title names the whole
    subject ("what does the guide say about edge ai": Edge AI, whatever else mentions it; "building
    the team": Team Building and Management), so a follow-up pointing back ("why's that picking up
    now?") is about it; else None (a subject of several facets, one no title holds, "data" of
    Data Management: one word of two, or a pay row, which no answer gives as its item)."""
    if first.item is None or len(facets) != 1 or not first.item.title:
        return None
    said, title = set(facets[0]), set(terms_of(first.item.title))
    if not said <= title or (said != title and (len(said) < 2 or len(title - said) > 1)):
        return None
    pay = kb.intents.get("salary")
    if pay is not None and top_of(kb, first.section).id in pay.sections:
        return None
    from bot.engine.answers.focus import topic_of

    return topic_of(kb, first.section, first.item)


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


def _near(index: GuideIndex, encoder: object, text: str) -> dict[int, float] | None:
    """Each guide item's cosine with `text` in meaning (by `id` of its unit), None without an encoder."""
    if encoder is None or not text.strip():
        return None
    from bot.engine.answers.focus import _encoded, _unit_embeddings

    units, embeddings = _unit_embeddings(index, encoder)
    cosines = embeddings @ _encoded(encoder, text.lower().strip())
    return {id(u): float(c) for u, c in zip(units, cosines, strict=True)}


def _gather(
    kb: KnowledgeBase, index: GuideIndex, words: list[str], near: dict[int, float] | None = None
) -> list[Place]:
    """Every item that matches `words` well enough (with its cosine in meaning from `near`), and
    every area whose title does (its items folded into it)."""
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
        cosine = near.get(id(hit.unit), 0.0) if near else 0.0
        section = kb.section(hit.unit.section_id)
        area = areas.get(section.id)
        if area is not None:
            area.members.append(item)
            continue
        exact = precision(item.title) if item.title else 0.0
        place = Place(section, item, hit.score, hit.in_title, exact, order[section.id], meaning=cosine)
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


def _meant(
    kb: KnowledgeBase, index: GuideIndex, found: list[Place], near: dict[int, float] | None
) -> list[Place]:
    """Items of top-level sections where no place was found by the subject's words, that are as near
    the subject in meaning as `MEANT` of the nearest place found (the guide words it otherwise
    there: of "degrees", Overview's Education, "a Master's or Ph.D."); none without the encoder."""
    if not near or not found:
        return []
    shown = {id(p.item) for p in found if p.item is not None} | {
        id(i) for p in found if p.item is None for i in p.members
    }
    tops = {top_of(kb, p.section).id for p in found}
    if len(tops) >= MEANT_BELOW:
        return []  # the words find it in several sections: those are where it comes up
    units = [u for u in index.units if u.item is not None and id(u) in near]
    best = max((near[id(u)] for u in units if id(u.item) in shown), default=0.0)
    if best <= 0:
        return []
    order = {section_id: n for n, section_id in enumerate(kb.sections)}
    out: list[Place] = []
    for unit in sorted(units, key=lambda u: -near[id(u)]):
        section = kb.section(unit.section_id)
        top = top_of(kb, section).id
        if near[id(unit)] < max(MEANT * best, MEANT_FLOOR):
            break
        if top in tops or id(unit.item) in shown:
            continue
        tops.add(top)  # a section's nearest item only
        out.append(
            Place(section, unit.item, 0.0, False, 0.0, order[section.id], meaning=near[id(unit)], meant=True)
        )
    return out


def _ranked(kb: KnowledgeBase, places: list[Place]) -> list[Place]:
    """Most relevant first: the title that is most the subject, then (of places titled by it) the
    nearest in meaning (with the encoder), then the score; each top-level section's best place
    before any section's second. A place that only mentions the subject is not ranked by meaning:
    its item's meaning is mostly about something else (of "complexity", Communication's "explain
    complex technical ideas" is no nearer than Project Management's "complex AI projects")."""
    places = sorted(
        places,
        key=lambda p: (
            not p.in_title,
            -round(p.precision, 2),
            -round(p.meaning, 2) if p.in_title else 0.0,  # a mere mention's meaning is the item's
            -p.mentions,
            -p.score,
            -round(p.meaning, 2),  # alike by the subject's words: the nearer in meaning first
            p.order,
        ),
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
    """The places' lines within `room` terminal lines, filled step by step. At first the most
    relevant place is shown with its words and every other is named on an "Also" line (as many as
    fit); then, one step at a time, a place gets a line of its own or a longer one: the step that
    shows the most of the guide's words per terminal line it takes (`_said`: whole sentences and
    sub-points, weighed by the place's rank, `DECAY` each, and by `SAME_SECTION` when its top-level
    section is shown already; a place named counts for one). A step
    may not leave a place unnamed while all are named, nor show a place without a whole sentence
    or sub-point. Only the first `STEPPED` places take steps; the rest are named."""
    shown_lines: dict[tuple[int, int], tuple[str, int, float]] = {}

    def line(n: int, size: int) -> tuple[str, int, float]:
        if (n, size) not in shown_lines:
            text = _sized(kb, index, places[n], words, size)
            shown_lines[n, size] = (text, terminal_lines(text), _said(index, places[n], words, text))
        return shown_lines[n, size]

    names = [_name(kb, p) for p in places]
    plain = [render.to_terminal(name).rstrip("\n") for name in names]
    tops = [top_of(kb, p.section).id for p in places]
    alsos: dict[tuple[tuple[int, ...], int], tuple[str, int, list[int]]] = {}

    def also(sizes: list[int]) -> tuple[str, int, list[int]]:
        """The "Also" line naming the places not shown, its lines, the places it names."""
        rest = tuple(n for n, size in enumerate(sizes) if not size)
        left = room - sum(line(n, size)[1] for n, size in enumerate(sizes) if size)
        if (rest, left) not in alsos:
            shown = {tops[n] for n, size in enumerate(sizes) if size}
            order = [n for n in rest if tops[n] not in shown] + [n for n in rest if tops[n] in shown]
            count = _also_count([plain[n] for n in order], left) if order else 0
            text = _also_line([names[n] for n in order], count) if order else ""
            cost = (
                render.wrap(_also_line([plain[n] for n in order], count), WIDTH).count("\n") + 1
                if order
                else 0
            )
            alsos[rest, left] = (text, cost, order[:count])
        return alsos[rest, left]

    def worth(sizes: list[int]) -> tuple[float, int, int]:
        """The answer's worth, the lines it takes, how many places it names."""
        _text, lines, named = also(sizes)
        value = sum(DECAY**n for n in named)
        seen: set[str] = set()
        for n, size in enumerate(sizes):
            if size:
                _line, cost, said = line(n, size)
                lines += cost
                said *= MEANT_WORTH if places[n].meant else 1.0
                value += DECAY**n * (1 + said) * (SAME_SECTION if tops[n] in seen else 1.0)
                seen.add(tops[n])
        return value, lines, len(named) + sum(1 for size in sizes if size)

    sizes = [0] * len(places)
    if places:  # the most relevant place is shown, with its words when they fit
        sizes[0] = next((k for k in range(1, PLACE_LINES + 1) if line(0, k)[2] >= 1), 1)
        while sizes[0] > 1 and worth(sizes)[1] > room:
            sizes[0] -= 1
    value, used, named = worth(sizes)
    every = named == len(places)
    while True:
        best: tuple[float, int, int] | None = None
        for n in range(min(len(places), STEPPED)):
            for size in range(sizes[n] + 1, PLACE_LINES + 1):
                if line(n, size)[2] <= (line(n, sizes[n])[2] if sizes[n] else 0.0):
                    continue  # no more of its words than the step before (a line shows some whole)
                trial = [*sizes[:n], size, *sizes[n + 1 :]]
                gain, lines, count = worth(trial)
                if lines > room or gain <= value or (every and count < len(places)):
                    continue
                ratio = (gain - value) / max(lines - used, 0.5)
                if best is None or ratio > best[0] + 1e-9:
                    best = (ratio, n, size)
        if best is None:
            break
        sizes[best[1]] = best[2]
        value, used, _count = worth(sizes)
    lines = [line(n, size)[0] for n, size in enumerate(sizes) if size]
    text = also(sizes)[0]
    return lines + ([text] if text else [])


def _said(index: GuideIndex, place: Place, words: list[str], text: str) -> float:
    """How much of the place's words about the subject a line shows: each whole sentence or
    sub-point one (an area's item by its title a half); cut words nothing."""
    plain = text.replace("*", "")
    if place.item is None:
        said = sum(
            _size(i) if esc(_member(i)) in plain else 0.5 if i.title and esc(i.title) in plain else 0.0
            for i in place.members
        )
    else:
        item = place.item
        pieces = [p.rstrip(". ") for p in (*_pieces(item.text), *item.points)]
        if not place.in_title:
            forms = {f for w in words for f in index.expand(w)} | set(words)
            pieces = [p for p in pieces if forms & set(terms_of(p))] or pieces
        said = sum(1.0 for p in pieces if esc(p) in plain)
    return said


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
        pieces = [*(_member(i) for i in said), *(i.title for i in place.members[len(said) :])]
        full = "; ".join(pieces)
        brief = ", ".join(i.title or first_sentence(i.text) for i in place.members)
        head = f"• {title} ({where}): "
        room = width - len(head)
        whole: list[str] = []  # the first items' words that fit whole
        for piece in pieces:
            if len("; ".join([*whole, piece])) + 3 > room:
                break
            whole.append(piece)
        # the members' words when they fit, else those of the first that fit whole, else their
        # titles when those fit, else the words cut when two lines or more are given for them
        if len(full) <= room:
            body = full
        elif whole:
            body = "; ".join(whole) + "; …"
        elif len(brief) <= room:
            body = brief
        else:  # the titles that fit whole
            titles = [i.title or first_sentence(i.text) for i in place.members]
            shown = next((k for k in range(len(titles), 0, -1) if len(", ".join(titles[:k])) + 3 <= room), 0)
            body = (
                ", ".join(titles[:shown]) + ", …"
                if shown
                else _clip(full if width >= 2 * WIDTH else brief, room)
            )
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


def _size(item: Item) -> float:
    """How many sentences or sub-points an area's item shows with its words (`_member`)."""
    return 1.0 if item.title and item.text else float(len(_pieces(item.text)) + len(item.points) or 1)


def _member(item: Item) -> str:
    body = first_sentence(item.text) if item.title and item.text else _body(item)
    body = body.rstrip(". ")
    return f"{item.title}: {body}" if item.title and item.text else body


def _also_line(names: list[str], shown: int) -> str:
    """ "• Also: *Leadership* (Overview), … and 3 more." naming the first `shown` of `names` (places
    in a section no line above names first, so the source line's "sections named above" holds)."""
    if not shown:
        return f"• And {len(names)} more."
    more = len(names) - shown
    return "• Also: " + ", ".join(names[:shown]) + (f" and {more} more" if more else "") + "."


def _also_count(plain: list[str], room: int) -> int:
    """How many of the names (as terminal text) an "Also" line (`_also_line`) names in at most
    `room` lines (at least one): the line is wrapped once, name by name, trying each count's end."""
    room = max(room, 1)
    state = _wrap_on((1, -1, False), ["•", "Also:"])
    best = 0
    for shown, name in enumerate(plain, start=1):
        words = name.split(" ")
        more = len(plain) - shown
        ending = (
            [*words[:-1], words[-1], "and", str(more), "more."] if more else [*words[:-1], words[-1] + "."]
        )
        if _wrap_on(state, ending)[0] <= room:  # not always fewer: "and 1 more" may take more room
            best = shown
        state = _wrap_on(state, [*words[:-1], words[-1] + ","])
    return best


def _wrap_on(state: tuple[int, int, bool], words: list[str]) -> tuple[int, int, bool]:
    """`state` (lines, columns filled on the last line, whether it holds a word) after `words`,
    counted as bot.engine.render.wrap wraps a bullet line (at spaces, a two-column hanging indent),
    so that an "Also" line's lines are known for every count of names in one pass."""
    lines, current, filled = state
    for word in words:
        if filled and current + 1 + len(word) > WIDTH:
            lines, current, filled = lines + 1, 2 + len(word), bool(word.strip())
        else:
            current, filled = current + 1 + len(word), filled or bool(word.strip())
    return lines, current, filled


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
    return list(_sentences(text))


@lru_cache(maxsize=1024)
def _sentences(text: str) -> tuple[str, ...]:
    """The sentences of a guide text (read once)."""
    out, rest = [], text.strip()
    while rest:
        sentence = first_sentence(rest)
        out.append(sentence)
        rest = rest[len(sentence) :].strip()
    return tuple(out)


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
