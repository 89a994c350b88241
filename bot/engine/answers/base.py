"""What every answer family shares: the query it composes for, guide snippets, and `finish()`.

`finish()` is the one place that adds the "I read this as …" note, the did-you-mean buttons,
the source citation and the truncation note, then lays everything out through `render`, so
every answer cites its sources and stays inside Slack's limits the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from bot.engine import render
from bot.engine.answer import Alternative, Answer
from bot.engine.knowledge import Item, KnowledgeBase, Section
from bot.engine.render import Button, Buttons, Context, Part

if TYPE_CHECKING:
    from bot.engine.facts import AskerFacts, Form

esc = render.escape

DYM_PREFIX = "aitl_dym_"
FULL_ACTION = "aitl_full"
"""The "Show the whole section" button: value `{"i": intent, "q": question}`."""
_SENTENCE_END = re.compile(r"(?<=[A-Za-z0-9)]{2}[.!?])\s+(?=[A-Z])")  # not after "Ph.D." or "e.g."
MAX_ALTERNATIVE_BUTTONS = 3
CLOSE = 0.6
"""A runner-up is offered as a button only when it is this close to the first runner-up."""


@dataclass(frozen=True, slots=True)
class Query:
    """One question as the answer families see it: plain data, already classified.

    `readings` are short, already-escaped mrkdwn notes on how the question was read
    ("Read *sr* as Senior-Level"); `notes` are notices such as the 2,000-character cut.
    """

    kb: KnowledgeBase
    question: str
    intent: str
    confidence: float
    level: str | None = None
    location: str | None = None
    industry: str | None = None
    industry_said: str | None = None
    """The words the `industry` was read from, as written ("startup" for Tech and Software)."""
    unlisted_location: str | None = None
    topic: str | None = None
    topic_section: str | None = None
    named: bool = False
    """The `topic` was named outright (its title or an alias), not only the matcher's nearest item."""
    pair: tuple[str, ...] = ()
    """The items of `topic_section` the question names outright, in the order it says them, when it
    names two or more ("explainable ai vs ethical ai - same trend?"): what "the first one", "the
    other one" then point at."""
    whole: bool = False
    """No `topic`, and the matcher read the whole list as what is asked (not merely no clear item)."""
    readings: tuple[str, ...] = ()
    also: tuple[tuple[str, str], ...] = ()
    """Further levels, places or industries to compare, as (kind, id) (entities.Entities.also)."""
    pay_extras: bool = False
    """A salary question about bonuses or equity: the answer leads with what the guide says."""
    places: tuple[tuple[str, str], ...] = ()
    """US places the guide does not name, read as one of its locations: (place, location id)
    (entities.Entities.places). The answer says the reading is the bot's."""
    alternatives: tuple[Alternative, ...] = ()
    ambiguous: bool = False
    notes: tuple[str, ...] = ()
    facts: AskerFacts | None = None
    """What the question says about the asker: years, degree, a pay figure, a role (bot.engine.facts)."""
    other_role: bool = False
    """Another job than the guide's role is named (bot.engine.nlu.roles), known by title or not."""
    form: Form | None = None
    """How the question is asked: yes/no, "how do I get ...", "what does the guide say about X"."""
    words: tuple[str, ...] = ()
    """The question's content words, stemmed (bot.engine.search.terms_of): what a focused answer looks for."""
    full: bool = False
    """Show the whole section (`aitl ask --full`, the Slack button, "more" in chat), not the point."""
    brief: bool = False
    """One of two questions in a message, answered beside the other: its point without "Also in the
    guide" (the engine's `_with_other`)."""
    shorter: bool = False
    """"shorter" asked after an answer: its point (`answers._briefer`), the whole section one step away."""
    refused_before: bool = False
    """The conversation's last answer was out of scope too: a refusal says what the bot can answer
    without its examples again (`answers.unknown`)."""
    scores: tuple[tuple[str, float], ...] = ()
    """The matcher's probability for each intent (empty when the intent was forced): how well
    each intent explains the question, which a follow-up weighs against the conversation's."""
    items: tuple[tuple[str, float], ...] = ()
    """The matched intent's items by the item scorer's probability (bot.engine.nlu.matcher.Match.items):
    the nearest ones, for a question that names none clearly; empty when the intent was forced."""
    bullet: str | None = None
    """The bullet of the intent's sections outside its list (Requirements, Career Development, Market
    Demand) the item scorer is sure the question is about (bot.engine.nlu.matcher.Match.bullet), as
    a unit key: "section-id/item-id", or a subsection's id for one of untitled lines; None when it
    is not sure, or the intent was forced."""
    aside: str | None = None
    """The item of the intent's list the question names only in what it sets aside ("apart from
    model drift, what are the hard parts?": Model Drift and Maintenance), for the rest of the list."""
    asked: tuple[str | None, bool, tuple[tuple[str, float], ...]] | None = field(default=None, compare=False)
    """The item scorer's reading of the question's asking sentence alone, when other sentences come
    before it (the asker's context): its topic item, whether it asks for the whole list, its nearest
    items, for the matched intent's list; None for a question of one sentence or no list."""
    encoder: Any = field(default=None, compare=False, repr=False)
    """The sentence encoder the question was matched with (bot.engine.nlu.encoder.Encoder), for a
    focused answer to find the guide item nearest a question its words do not name; None: none."""

    cutoff: float = 0.0
    """The matcher's calibrated cutoff: below it, the best in-scope intent is no answer."""

    def score(self, intent: str) -> float:
        return dict(self.scores).get(intent, 0.0)

    def entities(self) -> dict[str, Any]:
        """The canonical ids for the JSON `entities` (absent when not given)."""
        found = {
            "level": self.level,
            "location": self.location,
            "industry": self.industry,
            "topic": self.topic,
        }
        return {k: v for k, v in found.items() if v}


class Draft(NamedTuple):
    """What an answer family composes before `finish()`: its parts, the guide sections they come
    from, the intent to report when it is not the query's, and did-you-mean guesses.

    A draft depends only on what `answers.draft_key` lists (the intent, the entities, the asker's
    facts, the question as asked; for `unknown`, the intents it guesses), never on the buttons of
    the message, so the engine keeps drafts for the messages it cannot keep whole (did-you-mean
    buttons carry the question).
    """

    parts: tuple[Part, ...]
    section_ids: tuple[str, ...]
    intent: str | None = None
    guesses: tuple[Alternative, ...] = ()
    topic: tuple[str, str] | None = None
    """(guide section title, item title) when the answer is about one item."""
    more: str | None = None
    """The title of the whole section one step away (a focused answer), else None."""
    same_for: tuple[str, ...] = ()
    """Intents this answer would be the same for: never offered as "Did you mean"."""
    named: bool = False
    """The parts name the section of everything they show (across the guide): a citation longer
    than a line says so instead of naming them again (`sources` still lists them all)."""
    across: bool = False
    """Every place the guide speaks of the subject (answers.across): nothing is added to it."""
    listed: str | None = None
    """The id of the area whose titled items the answer shows one by one (Requirements › Technical
    Proficiency for the skills): what "the second one" then counts in."""
    bullets: tuple[tuple[str, str, str], ...] = ()
    """Every bullet a list answer shows, in order, as (section id, item id, title): an area shown on
    one line is its parent's entry. What "the third one" counts in, when the answer showed more
    than `listed`'s items (the market's areas before its Regional Growth)."""


def finished(query: Query, draft: Draft) -> Answer:
    """`finish()` for a draft."""
    return finish(
        query,
        parts=draft.parts,
        section_ids=draft.section_ids,
        intent=draft.intent,
        guesses=draft.guesses,
        topic=draft.topic,
        more=draft.more,
        same_for=draft.same_for,
        named=draft.named,
        listed=draft.listed,
        bullets=draft.bullets,
    )


def label(kb: KnowledgeBase, intent: str) -> str:
    spec = kb.intents.get(intent)
    return spec.label if spec and spec.label else intent.replace("_", " ").capitalize()


def sources_of(kb: KnowledgeBase, section_ids: Iterable[str]) -> list[str]:
    """Guide titles to cite: top-level sections first, then the subsections used (no repeats)."""
    tops: list[str] = []
    subs: list[str] = []
    for section_id in section_ids:
        section = kb.sections.get(section_id)
        if section is None:
            continue
        if section.parent is None:
            tops.append(section.title)
        else:
            tops.append(kb.sections[section.parent].title)
            subs.append(section.title)
    return list(dict.fromkeys(tops + subs))


def citation(kb: KnowledgeBase, section_ids: Iterable[str], *, named: bool = False) -> str:
    """`Source: Requirements › Technical Proficiency, Soft Skills · Career Development › Soft Skills`;
    `named`: the answer names each section it shows, so a citation of more than a line says that."""
    groups: dict[str, list[str]] = {}
    for section_id in dict.fromkeys(section_ids):
        section = kb.sections.get(section_id)
        if section is None:
            continue
        if section.parent is None:
            groups.setdefault(section.title, [])
        else:
            groups.setdefault(kb.sections[section.parent].title, []).append(section.title)
    head = f"Source: {esc(kb.title)} guide — "
    paths = [f"{top} › {', '.join(subs)}" if subs else top for top, subs in groups.items()]
    full = head + " · ".join(esc(p) for p in paths)
    if len(full) <= CITATION_WIDTH or not any(groups.values()):
        shorter = full
    else:
        shorter = head + " · ".join(esc(top) for top in groups)  # the subsections stay in `sources`
    if named and len(shorter) > CITATION_WIDTH:
        return head + f"the {len(groups)} sections named above"
    return shorter


CITATION_WIDTH = 80
"""A citation longer than a terminal line names only the top-level sections (the answer's
`sources` still list every subsection used), so it does not outweigh a short answer."""


UNCERTAIN = 0.6
"""The reading of a question is uncertain when the runner-up intent has at least this share of the
first's confidence (the matcher calls it ambiguous from its calibrated `ambiguity`, 0.3, on, and a
"Did you mean" is offered then); below it, an answer short of room drops "I read this as …"."""


def _uncertain(query: Query) -> bool:
    """Whether the intent read was a near thing (`UNCERTAIN`), or the intent was not the matcher's."""
    if not query.alternatives or not query.scores:
        return True
    return query.alternatives[0].confidence >= UNCERTAIN * query.confidence


LINES = 12
"""A focused answer fits in about this many terminal lines (issue 9), its source included."""
WIDTH = 80
"""The terminal width the answer is measured at."""


@lru_cache(maxsize=4096)
def terminal_lines(mrkdwn: str) -> int:
    """Terminal lines `mrkdwn` takes at `WIDTH` columns (a draft measures the same lines again as
    it tries layouts: kept, the most recently used)."""
    return render.wrap(render.to_terminal(mrkdwn).rstrip("\n"), WIDTH).count("\n") + 1


def section_titled(kb: KnowledgeBase, title: str, *, top: bool = False) -> Section | None:
    """The guide's section of that title (lower case), the top-level one with `top`; None if none."""
    for section in kb.sections.values():
        if section.title.lower() == title and (not top or section.parent is None):
            return section
    return None


def top_of(kb: KnowledgeBase, section: Section) -> Section:
    """The top-level section `section` is in (itself when it is one)."""
    return kb.section(section.parent) if section.parent else section


def first_sentence(text: str) -> str:
    """The first sentence of a guide text (compact lists show only that)."""
    found = _SENTENCE_END.search(text)
    return text[: found.start()] if found else text


def joined(points: Sequence[str]) -> str:
    """Sub-points on one line: "a; b; c." (each point's own full stop dropped)."""
    return "; ".join(p.rstrip(". ") for p in points) + "." if points else ""


def one_line(item: Item) -> str:
    """An item as a compact bullet: title and its first sentence, or its sub-points joined."""
    body = first_sentence(item.text) if item.text else joined(item.points)
    if item.title and body:
        return f"• *{esc(item.title)}*: {esc(body)}"
    return f"• {esc(item.title or body)}"


def detail(item: Item, *, title: bool = True) -> str:
    """An item in full: title, text, and every sub-point."""
    lines = [f"*{esc(item.title)}*"] if item.title and title else []
    if item.text:
        lines.append(esc(item.text))
    lines += [f"• {esc(p)}" for p in item.points]
    return "\n".join(lines)


def section_list(section: Section, *, heading: str | None = None) -> str:
    """A (sub)section's items as compact bullets under an optional bold heading."""
    lines = [f"*{esc(heading)}*"] if heading else []
    lines += [one_line(i) for i in section.items]
    if not section.items:
        lines += [esc(p) for p in section.intro]
    return "\n".join(lines)


def titles_line(section: Section) -> str:
    """`• *Technical Leadership*: Architecture Design, Technical Guidance, …` (one line per area)."""
    titles = [i.title or i.text for i in section.items]
    return f"• *{esc(section.title)}*: " + esc(", ".join(titles)) if titles else f"• *{esc(section.title)}*"


def full_button(*, intent: str, question: str) -> Buttons:
    """ "Show the whole section": the same question again, with `full`."""
    value = render.button_value({"i": intent, "q": question}, shrink_key="q")
    button = Button(label="Show the whole section", action_id=FULL_ACTION, value=value)
    return Buttons((button,), block_id=FULL_ACTION)


def with_full_button(blocks: list[dict[str, Any]], *, intent: str, question: str) -> list[dict[str, Any]]:
    """`blocks` with the whole-section button carrying `question` (a kept answer's was another's)."""
    fresh = render.actions_block(full_button(intent=intent, question=question).buttons, block_id=FULL_ACTION)
    return [fresh if b.get("block_id") == FULL_ACTION else b for b in blocks]


def dym_button(*, intent: str, text: str, question: str) -> Button:
    value = render.button_value({"i": intent, "q": question}, shrink_key="q")
    return Button(label=text, action_id=f"{DYM_PREFIX}{intent}", value=value)


def finish(
    query: Query,
    *,
    parts: Sequence[Part],
    section_ids: Sequence[str],
    intent: str | None = None,
    guesses: Sequence[Alternative] = (),
    topic: tuple[str, str] | None = None,
    more: str | None = None,
    same_for: tuple[str, ...] = (),
    named: bool = False,
    listed: str | None = None,
    bullets: tuple[tuple[str, str, str], ...] = (),
) -> Answer:
    """Wrap an answer family's parts with notes, sources and buttons; lay them out for Slack."""
    kb = query.kb
    intent = intent or query.intent
    ordered, read_as = _ordered(
        query, parts, section_ids, intent, guesses, more, same_for, named, buttons=True
    )
    text, blocks = render.message(ordered)
    if _without_reading(query, read_as, more, text):
        text, blocks = render.message([p for p in ordered if p is not read_as])
    return Answer(
        intent=intent,
        confidence=max(0.0, min(1.0, query.confidence)),
        text=text,
        blocks=blocks,
        sources=sources_of(kb, section_ids),
        entities=query.entities(),
        alternatives=list(query.alternatives),
        question=query.question,
        topic={"section": topic[0], "item": topic[1]} if topic else None,
        listed=listed,
        bullets=bullets,
        more=more if not query.full else None,
    )


def finished_text(query: Query, draft: Draft) -> str:
    """`finished(query, draft).text` alone, without laying out its blocks and buttons (the text
    does not depend on them): what a draft is measured by as it tries layouts (`LINES`)."""
    intent = draft.intent or query.intent
    ordered, read_as = _ordered(
        query,
        draft.parts,
        draft.section_ids,
        intent,
        draft.guesses,
        draft.more,
        draft.same_for,
        draft.named,
        buttons=False,
    )
    text = render.message_text(ordered)
    if _without_reading(query, read_as, draft.more, text):
        text = render.message_text([p for p in ordered if p is not read_as])
    return text


def _ordered(
    query: Query,
    parts: Sequence[Part],
    section_ids: Sequence[str],
    intent: str,
    guesses: Sequence[Alternative],
    more: str | None,
    same_for: tuple[str, ...],
    named: bool,
    *,
    buttons: bool,
) -> tuple[list[Part], Part | None]:
    """`finish`'s parts in their order (with notes, "I read this as …", the source and the buttons),
    and the "I read this as …" part if any. Without `buttons`, each actions block is left empty: its
    text (its fallback) is the same, and its buttons' values are not built."""
    kb = query.kb
    head: list[Part] = []
    if query.notes:
        head.append(render.Section("\n".join(query.notes)))
    offered = list(guesses)
    across = query.form is not None and query.form.across and not query.full  # the same for any intent
    if query.ambiguous and query.alternatives and not guesses and not across:
        first, *rest = query.alternatives[:MAX_ALTERNATIVE_BUTTONS]
        offered = [first, *(a for a in rest if a.confidence >= CLOSE * first.confidence)]
        offered = [a for a in offered if a.intent not in same_for]
    read_as: Part | None = None
    if offered and not guesses:
        names = " or ".join(f"*{esc(label(kb, a.intent))}*" for a in offered)
        read_as = render.Section(
            f"I read this as a question about *{esc(label(kb, intent))}* (it could also be {names})."
        )
        head.append(read_as)
    tail: list[Part] = []
    if more and not query.full:
        full = (
            full_button(intent=intent, question=query.question)
            if buttons
            else Buttons((), block_id=FULL_ACTION)
        )
        tail.append(full)
    tail += [Context(citation(kb, section_ids, named=named))] if section_ids else []
    if offered:
        choices = (
            tuple(
                dym_button(intent=a.intent, text=label(kb, a.intent), question=query.question)
                for a in offered
            )
            if buttons
            else ()
        )
        fallback = "Did you mean: " + ", ".join(f"*{esc(label(kb, a.intent))}*" for a in offered) + "?"
        tail.append(render.Section(fallback))
        tail.append(Buttons(choices, fallback=""))
    # a focused answer leads with its point; how the question was read comes after it
    ordered = [*parts, *head, *tail] if more and not query.full else [*head, *parts, *tail]
    return ordered, read_as


def _without_reading(query: Query, read_as: Part | None, more: str | None, text: str) -> bool:
    """Whether "I read this as …" is left out: a focused answer whose own point needs the room (the
    "Did you mean" line alone says what else it could be); it stays where the reading was uncertain."""
    return (
        read_as is not None
        and bool(more)
        and not query.full
        and not _uncertain(query)
        and terminal_lines(text) > LINES
    )
