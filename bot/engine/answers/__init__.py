"""One module per answer family; `compose(query)` picks the family for the query's intent.

Families are imported on first use: a one-shot `aitl ask` loads only the one it needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from importlib import import_module
from types import ModuleType

from bot.engine.answer import Answer
from bot.engine.answers.base import (
    LINES,
    Draft,
    Query,
    esc,
    finished,
    finished_text,
    first_sentence,
    terminal_lines,
)
from bot.engine.facts import BARE_WHY
from bot.engine.render import Section as Text

Composer = Callable[[Query], Answer]

FAMILIES: dict[str, str] = {
    "salary": "salary",
    "career": "career",
    "skills": "skills",
    "soft_skills": "skills",
    "qualifications": "skills",
    "market": "market",
    "overview": "overview",
    "help": "help",
    "unknown": "unknown",
}
"""Intent -> answer module; every other intent (challenges, trends, best practices,
responsibilities) is a plain list of guide sections, composed by `lists`."""


_MODULES: dict[str, ModuleType] = {}


def _family(intent: str) -> ModuleType:
    name = FAMILIES.get(intent, "lists")
    module = _MODULES.get(name)
    if module is None:
        module = _MODULES[name] = import_module(f"bot.engine.answers.{name}")
    return module


def load_all() -> None:
    """Import every family now (a server at start) rather than on each family's first question."""
    for intent in (*FAMILIES, "lists"):
        _family(intent)


def composer(intent: str) -> Composer:
    return _family(intent).compose


def compose(query: Query) -> Answer:
    """The answer for `query.intent` (an intent the knowledge base does not have -> unknown)."""
    return finished(query, draft(query))


def draft(query: Query) -> Draft:
    """The answer's draft (`_draft`), with one line placing the asker's own job or field on the
    guide's path when the question is about their way in (bot.engine.answers.focus.with_background)."""
    from bot.engine.answers import focus

    return _briefer(query, focus.with_background(query, _draft(query)))


BRIEF = 4
"""Terminal lines the point of a "shorter" answer may take before it is cut."""


def _briefer(query: Query, drafted: Draft) -> Draft:
    """For "shorter" (`Query.shorter`): an answer whose first paragraph its family could not shorten
    cut to its point: a list to its heading and titles on one line (or to that line, when the
    intro comes before it), prose to its first two sentences; the whole section stays one step
    away."""
    if not query.shorter:
        return drafted
    first = next((p for p in drafted.parts if isinstance(p, Text)), None)
    if first is None or terminal_lines(first.text) <= BRIEF:
        return drafted
    lines = first.text.strip().split("\n")
    bullets = [line[2:] for line in lines[1:] if line.startswith("• ")]
    if bullets:  # "The guide's 8 areas of …:" and its bullets: the titles
        titles = ", ".join(b.split(":", 1)[0].strip() for b in bullets)
        point = f"{lines[0].rstrip(': ')}: {titles}."
    elif listing := [line for line in lines[1:] if ": " in line and line.count(",") >= 2]:
        point = listing[0]  # the intro, then the titles on one line already: the titles
    else:
        point = first_sentence(lines[0])
        rest = lines[0][len(point) :].strip()
        if rest and len(point) < 120:
            point = f"{point} {first_sentence(rest)}"
    for mark in "*_":  # emphasis opened in the point and closed after it: closed in it
        if point.count(mark) % 2:
            point = point.rstrip() + mark
    if terminal_lines(point) >= terminal_lines(first.text):
        return drafted
    return drafted._replace(parts=(Text(point),))


def _draft(query: Query) -> Draft:
    """`compose`'s draft, before `finish()` (see `Draft`): the focused answer when the question
    asks about one thing (bot.engine.answers.focus), else the family's whole answer."""
    if query.full:
        return _family(_family_intent(query)).draft(query)
    from bot.engine.answers import focus

    if focus.context_topic(query):  # an item only its context names, while it asks for several
        query = replace(query, topic=None, topic_section=None, named=False)
    found = focus.draft(query)
    if (
        found is not None
        and found.topic
        and query.intent != "salary"
        and BARE_WHY.match(query.question.lower())
    ):
        # "why?" after an item: the guide gives its words, no reasons; said so, not the item again
        # as if it were an answer (pay's "why?" gives the guide's factors: salary_focus)
        first = found.parts[0]
        if isinstance(first, Text):
            lead = f"*The guide gives no reason beyond what it says of {esc(found.topic[1])}:*"
            found = found._replace(parts=(Text(f"{lead}\n{first.text}"), *found.parts[1:]))
    if found is not None:  # other sections' passages nearest it in meaning, while it stays short
        return focus.also_meant(query, found, lambda d: terminal_lines(finished_text(query, d)) <= LINES)
    intent = _family_intent(query)
    whole = _family(intent).draft(query)
    # too long to be the answer to a question for one thing: the item nearest it, when there is one;
    # the soft skills too, a list whose family is the skills' ("… which soft skills matter for
    # handling clients and expectations like this?": Stakeholder Management)
    spec = query.kb.intents.get(intent)
    if not plain(intent) and not (spec and spec.topic_section):
        return whole
    long = terminal_lines(finished_text(query, whole)) > LINES
    if long and not focus.several_unnamed(query):
        near = focus.nearest_draft(query)
        if near is not None:
            return near
    # context first ("I'm writing a blog series on … Which segment had the largest revenue
    # share?"): the asking sentence alone may point at the one item the whole question hides
    asked = focus.asked_query(query)
    # ... unless it asks for several and names none ("... What kinds of problems should I expect?")
    if asked is not None and (long or focus.asks_one(asked)) and not focus.several_unnamed(asked):
        found = focus.draft(asked) or focus.nearest_draft(asked)
        if found is not None:
            return focus.also_meant(query, found, lambda d: terminal_lines(finished_text(query, d)) <= LINES)
    return whole


PLAIN = ("lists", "market")
"""Families whose whole answer is the section's list (the others compose their own point: the
career path, the overview, the skills), where the item nearest a question may answer it instead."""


def plain(intent: str) -> bool:
    """Whether the intent's answer family is a plain list of its sections (`PLAIN`)."""
    return FAMILIES.get(intent, "lists") in PLAIN


def draft_key(query: Query) -> tuple[object, ...]:
    """What `draft(query)` depends on: the intent and entities, or, for `unknown`, the intents
    it offers as guesses and the question."""
    intent = _family_intent(query)
    if intent == "unknown":
        from bot.engine.answers.unknown import abroad_pay, guesses

        facts, form = query.facts, query.form
        role = (facts.role,) if facts and facts.role and form and form.pays else ()
        if abroad_pay(query):  # answered as the pay there would be: what that reads
            return ("unknown", "abroad", *entity_key(query))
        # the opening depends on whether the question names the role (`unknown.draft`), and an
        # answer about the guide's places (`focus`) on the question itself
        return ("unknown", *(a.intent for a in guesses(query)), *role, query.question)
    return (intent, *entity_key(query))


def entity_key(query: Query) -> tuple[object, ...]:
    """The entities (and readings) an answer may show, and the question they were read from."""
    return (
        query.level,
        query.location,
        query.industry,
        query.unlisted_location,
        query.topic,
        query.topic_section,
        query.readings,
        query.pay_extras,
        query.also,
        query.facts,
        query.form,
        query.question,  # focused drafts read it (its clauses, its order), not only its words
        query.full,
        query.brief,
        query.shorter,
        query.refused_before,
    )


def _family_intent(query: Query) -> str:
    if query.intent not in FAMILIES and query.intent not in query.kb.intents:
        return "unknown"
    return query.intent


__all__ = ["FAMILIES", "Draft", "Query", "compose", "composer", "draft", "draft_key"]
