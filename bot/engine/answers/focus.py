"""Focused answers: the point first, then only the detail the question needs.

A question that names one item gets that item (the query's `topic`, or the guide item its words
match best, from `bot.engine.search`); a question that says something about the asker (years,
a degree) gets the guide's line about that, compared with what it said; "what does the guide
say about X" gets every place the guide says so. A question with nothing more specific than its
section ("what are the challenges?") gets None here, and so the family's whole list. The whole
section stays one step away (`Draft.more`: a button in Slack, `--full`, "more").
"""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import numpy as np

from bot.engine.answers.base import Draft, Query, esc, first_sentence, joined, section_titled, top_of
from bot.engine.facts import (
    DEGREE_LABEL,
    DEGREE_RANK,
    VERDICT,
    WHY_ASKED,
    AskerFacts,
    Form,
    asking_sentence,
    degrees_named,
    lowered,
    others_asked,
    years_at_one_place,
)
from bot.engine.facts import read as read_facts
from bot.engine.knowledge import Item, KnowledgeBase, Section, slugify
from bot.engine.normalize import analyzer_for, normalize, tokens_of
from bot.engine.render import Context, Part
from bot.engine.render import Section as Text
from bot.engine.search import GuideIndex, Hit, Unit, index_for, terms_of

WHOLE = ("salary", "help", "unknown")
"""Families that lead with their own point (salary) or have no section (help, unknown)."""
FACT_INTENTS = ("qualifications", "skills", "soft_skills", "overview", "responsibilities", "career")
"""Where a question's years of experience or degree are compared with the guide's requirement."""
MAX_RELATED = 1
RELATED_COVERAGE = 0.5
"""Another section's item is added under "Also in the guide" only when it matches at least this
share of the question's specific words, and as much as the answer's own item does."""
AREA_COVERAGE = 0.6
"""A subsection's title matching this share of the question's specific words answers with that
area ("data governance", "networking", "regional growth"), unless an item's title matches more."""
AREA_ITEMS = 4
"""An untitled bullet is shown with the rest of its subsection when that has at most this many
(Career Path's steps: "what comes after senior engineer?" needs the next one)."""
YES_COVERAGE = 0.7
"""A yes/no question is answered "Yes" only when the item matches this share of its words: a
weaker match ("keeping" in "Keeping Up with ...") is shown as what the guide says, no verdict."""
RARE = 4.0
"""A word this rare in the guide (in about three items or fewer) is specific enough alone."""
ELSEWHERE_COVERAGE = 0.6
"""An item outside the intent's sections answers when its title names this share of the words."""
_REQUIRED_YEARS = re.compile(r"\(?\b((?:usually|typically|often|at least|about)?\s*(\d+)\+ years)\)?")
_HEDGES = ("usually", "typically", "often", "generally", "while not always")
_NOT_STRICT = ("not always required", "while not always", "typically", "usually", "often", "can be")
"""Guide wordings that make an item a recommendation rather than a requirement."""
DEVELOP_WORDS = frozenset(
    terms_of("learn learning grow growing develop developing build building improve get career toward")
)
"""In "what should I learn to grow ...?" these say the question is about development, not what."""
FORM_WORDS = frozenset(
    terms_of(
        """list lists listing all every main key top overall important importance matter matters crucial
        required require requirement requirements necessary needed expect expected typical usual usually
        good worth useful kind kinds type types sort sorts mean means meaning involve involves describe
        explain define definition example examples exactly actually really basically become becoming
        enough other others handle handles handling deal deals dealing"""
    )
)
"""Words that say how a question asks ("list", "is X important", "what does X involve"), not what
about: they never point a question at one item ("list the soft skills" asks for the whole list)."""
_DEGREE_WORDS = re.compile(r"\b(?:master's|ph\.d\.?|bachelor's|degree)", re.IGNORECASE)


def draft(query: Query) -> Draft | None:
    """The focused draft for `query`, or None when the question asks for the whole list."""
    query = _without_set_aside(_without_role_words(query))
    form = query.form or Form()
    if form.across and not _pay_subject(form.across):
        found = across(query, form.across)
        if query.intent not in ("unknown", "help"):
            # its one item only where the question's intent answers from it ("about leadership"
            # read as the soft skills is not about Overview's Leadership)
            mine = found.topic is None or _owner(query, found.section_ids[0]) == query.intent
            return found if mine else found._replace(topic=None)
        # a forced help or unknown (a button, a subcommand) stays what it is
        owner = _owner(query, found.section_ids[0]) if found.section_ids and query.scores else None
        if owner is not None:  # it speaks of the guide and the guide has it: in scope, as that section's
            return found._replace(intent=owner, same_for=tuple(query.kb.intents))
        if not found.section_ids and query.intent == "unknown" and query.scores:
            # "does the guide mention blockchain?": out of scope, and said so in those words
            return found._replace(intent="unknown", same_for=tuple(query.kb.intents))
    forced_help = query.intent == "help" and not query.scores  # a button, a subcommand
    if form.place and not _pay_subject(form.place) and query.intent != "salary" and not forced_help:
        # "does the guide mention time series?": where it does, even when it was read as asking
        # about the bot ("does the guide say anything about open source?": help)
        found = _one_place(query, form.place)
        if found is not None:
            return found
    if query.intent in WHOLE or query.intent not in query.kb.intents:
        return None
    if form.others and not query.full:
        found = _others(query)
        if found is not None:  # "already read up on edge AI and multimodal. what other trends?"
            return found
    area = _qualified_area(query)
    if area is not None:  # "what soft skills does the career development part tell you to work on?"
        found = _area_draft(query, area)
        owner = _owner(query, area.id)
        return (
            found if owner in (None, query.intent) else found._replace(intent=owner, same_for=(query.intent,))
        )
    whole = _shared_section_asked(query)
    if whole is not None:  # "what are the requirements for an AI tech lead?": every area of them
        from bot.engine.answers.lists import draft as list_draft

        shared = tuple(i for i, spec in query.kb.intents.items() if whole in spec.sections)
        # the same for each intent that answers from it: not ambiguous between them
        return list_draft(replace(query, ambiguous=False), sections=(whole,))._replace(same_for=shared)
    facts = query.facts or AskerFacts()
    if _pay_asked(query, facts, form):  # "20 yrs, asking 330k base, crazy?": the figures, not the bar
        from bot.engine.answers import _family

        return (
            _family("salary")
            .draft(replace(query, intent="salary"))
            ._replace(intent="salary", same_for=("salary", query.intent))
        )
    aside_years, aside_degree = _facts_set_aside(query.question)
    if facts.years is not None and not aside_years and _stay_only(query, form):
        aside_years = True  # "at this startup for 3 years ... does the role involve X?": no verdict on them
    if (aside_years and facts.years is not None) or (aside_degree and facts.degree):
        # "not asking about degrees, is 6 years enough?": no verdict on what it sets aside
        facts = replace(
            facts,
            years=None if aside_years else facts.years,
            degree=None if aside_degree else facts.degree,
        )
        query = replace(query, facts=facts or None)
    asks = facts.years is not None or facts.degree or _asks_degree(query) or form.asks_years
    if aside_years and aside_degree:
        asks = False
    situation = None
    if query.intent in FACT_INTENTS and asks:
        situation = _facts_draft(query, facts)
        given = facts.years is not None or facts.degree is not None
        if situation is not None and given and _career_asked(query) and _on_standing(query, form):
            return _path_with_verdict(query, situation)  # "could I become one?": the verdict, then the way
        if situation is not None and not _on_standing(query, form):
            # "9 yrs as a backend dev, what technical skills am I missing?": what it asks first (an
            # item, else the family's whole answer), the asker's years or degree compared after it
            from bot.engine.answers import _family

            # "do I meet the education requirements?": the verdict on the asker answers the yes/no,
            # not a hedge of the item's ("Not strictly" before "Yes: a master's ...")
            meets = given and _MEETS.search(_asking(query.question))
            found = _focused(replace(query, facts=None, form=replace(form, yes_no=False) if meets else form))
            if found is not None and query.intent == "career" and _path_asked(query, form):
                found = None  # "6 yrs as a data analyst. what does the ladder look like?": the path
            if found is None and query.intent == "career":  # "how do I pivot?": the way, then the verdict
                return _path_with_verdict(query, situation, verdict_first=False)
            return _with_verdict(found or _family(query.intent).draft(query), situation, query.kb)
        aside = _aside(query, situation) if situation is not None else None
        if aside is None:
            return situation
        query = aside  # the question is about something else too: that first, the asker's facts after
        if _MEETS.search(_asking(query.question)) and query.form is not None:
            query = replace(query, form=replace(query.form, yes_no=False))  # the verdict on them answers it
    found = _focused(query)
    if found is None or situation is None:
        return found
    return _with_verdict(found, situation, query.kb)


def _others(query: Query) -> Draft | None:
    """The rest of the intent's list, for a question that asks for it once it has said what the
    asker knows ("forget data quality, I know that one. what are the other big headaches?"): the
    items or areas it names before asking, and the one the matcher reads it as about when what it
    asks names none ("we've got CI/CD for models sorted. what other best practices …?"); None when
    it names none of the list before asking ("what else should I know about model drift?")."""
    kb = query.kb
    section_id = kb.intents[query.intent].topic_section
    said = others_asked(query.question)
    if not section_id or said is None:
        return None
    section = kb.section(section_id)
    units: list[tuple[str, str, Section | Item]] = (
        [(i.id, i.title, i) for i in section.items if i.title]
        if section.items
        else [(c.rsplit("/", 1)[-1], kb.sections[c].title, kb.sections[c]) for c in section.children]
    )
    before, after = said
    keys = {key: title for key, title, _unit in units}
    known = {n.item.id if n.item else n.section.id.rsplit("/", 1)[-1] for n in _named(_said(query, before))}
    said_before = set(terms_of(normalize(before).text))
    for key, title in keys.items():  # every word of its title said ("edge AI": Edge AI)
        words = set(terms_of(normalize(title).text)) - _generic(query)
        if words and words <= said_before:
            known.add(key)
    asked = set(terms_of(normalize(after).text)) - _generic(query)
    if query.topic in keys and asked.isdisjoint(terms_of(normalize(keys[query.topic]).text)):
        known.add(query.topic)  # what it was read as about, said in other words before asking
    if query.aside in keys:
        known.add(query.aside)  # named where it is set aside ("apart from model drift, …")
    known &= set(keys)
    if not known or len(known) >= len(units):
        return None
    from bot.engine.answers.lists import _clipped, clip

    def line(unit: Section | Item, title: str) -> str:
        if isinstance(unit, Item):
            return _clipped(unit)
        return (
            f"• *{esc(title)}*: {esc(clip(', '.join(i.title or first_sentence(i.text) for i in unit.items)))}"
        )

    names = [esc(title) for key, title, _unit in units if key in known]
    besides = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    noun = "areas of " + esc(section.title) if not section.items else esc(section.title)
    # the rest of the list is what it asks for: one line each, however many
    lines = [f"*Besides {besides}*, the guide's {len(units)} {noun} are:"]
    lines += [line(unit, title) for key, title, unit in units if key not in known]
    return Draft((Text("\n".join(lines)),), (section.id,), more=section.title)


_FILLER = frozenset(terms_of("job role position roles positions general overall basic"))
"""Words that name no part of a section ("the job requirements", "the general requirements")."""


def _shared_section_asked(query: Query) -> str | None:
    """A top-level section that several intents answer from, asked for by its title and nothing
    more specific ("what are the requirements for an AI tech lead?": Requirements, which the skills
    and the qualifications each answer in part), when the question is about no item."""
    if query.topic or query.full:  # a bullet the scorer is sure of counts for nothing without words
        return None
    kb = query.kb
    text = set_aside(query.question).lower()
    words = set(terms_of(normalize(text).text))
    for section_id in _shared_sections(index_for(kb)):
        title = kb.sections[section_id].title
        if not re.search(rf"\b{re.escape(title.lower().rstrip('s'))}s?\b", text):
            continue
        rest = words - _generic(query) - _FILLER - set(terms_of(kb.title)) - set(terms_of(title)) - FORM_WORDS
        if not rest & _section_terms(index_for(kb), section_id):
            # nothing more specific of the section named ("what requirements should i list in the
            # JD?": "list" and "jd" are none of its words): every area of it
            return section_id
    return None


@lru_cache(maxsize=8)
def _section_terms(index: GuideIndex, section_id: str) -> frozenset[str]:
    """The content words of a section and its subsections: titles, items, intro and outro."""
    kb = index.kb
    found: set[str] = set()
    todo = [section_id]
    while todo:
        section = kb.sections[todo.pop()]
        for text in (section.title, *section.intro, *section.outro):
            found.update(terms_of(text))
        for item in section.items:
            for text in (item.title or "", item.text, *item.points):
                found.update(terms_of(text))
        todo += [c for c in section.children if c in kb.sections]
    return frozenset(found)


@lru_cache(maxsize=4)
def _shared_sections(index: GuideIndex) -> tuple[str, ...]:
    """The top-level sections that two or more intents answer from (Requirements)."""
    kb = index.kb
    owners: dict[str, int] = {}
    for spec in kb.intents.values():
        for section_id in spec.sections:
            if section_id in kb.sections and kb.sections[section_id].parent is None:
                owners[section_id] = owners.get(section_id, 0) + 1
    return tuple(s for s, n in owners.items() if n >= 2)


def _qualified_area(query: Query) -> Section | None:
    """The one subsection whose title the question says together with its section's ("the career
    development part … soft skills": Career Development › Soft Skills, not the Essential Soft Skills
    list nor Requirements › Soft Skills), when its title is one that several sections have (which
    the question tells apart by naming the section); every word of both titles, as the question
    says them (set-aside words left out)."""
    said = set(terms_of(normalize(set_aside(query.question)).text))
    found = [area for area, words in _shared_titles(index_for(query.kb)) if words <= said]
    return found[0] if len(found) == 1 and found[0].items else None


@lru_cache(maxsize=4)
def _shared_titles(index: GuideIndex) -> tuple[tuple[Section, frozenset[str]], ...]:
    """The subsections whose title another subsection has too, each with the words of its title and
    of its section's title; built once per guide."""
    kb = index.kb
    titles: dict[str, list[Section]] = {}
    for section in kb.sections.values():
        if section.parent is not None:
            titles.setdefault(section.title.lower(), []).append(section)
    return tuple(
        (area, frozenset(terms_of(area.title)) | frozenset(terms_of(kb.section(area.parent).title)))
        for areas in titles.values()
        if len(areas) > 1
        for area in areas
    )


def _said(query: Query, text: str) -> Query:
    """`query` as if it said only `text` (its words), to find what that part names."""
    return replace(query, question=text, words=tuple(dict.fromkeys(terms_of(normalize(text).text))))


CAREER_CLOSE = 0.6
"""A question read as another of `FACT_INTENTS` asks about the career too when the matcher gives
the career intent at least this share of the first intent's probability ("10 years as a PM, can I
go for an AI tech lead role?": qualifications 0.49, career 0.46)."""


SALARY_CLOSE = 0.6
"""A question read as one of `FACT_INTENTS` may ask for pay when the matcher gives the salary intent
at least this share of the first intent's probability ("14 yrs and a PhD, what range should I
pitch?"); the same share as `CAREER_CLOSE`, set apart because it decides another thing."""


def _career_asked(query: Query) -> bool:
    """Whether the question asks about the way into the role: read as the career intent, or as
    another with the career intent close behind, or said so ("could I become one?", `Form.becoming`)."""
    if query.intent == "career" or (query.form is not None and query.form.becoming):
        return True
    first = query.score(query.intent)
    return first > 0 and query.score("career") >= CAREER_CLOSE * first


def _pay_asked(query: Query, facts: AskerFacts, form: Form) -> bool:
    """Whether a question read as one of `FACT_INTENTS` asks for pay: the matcher gives the salary
    intent `SALARY_CLOSE` of the first intent's probability, and the question gives a pay figure or
    a word for pay, or asks neither a yes/no question nor the years needed ("14 yrs and a PhD, what
    range should I pitch her?"; "do I qualify?" asks the bar)."""
    if query.intent not in FACT_INTENTS or "salary" not in query.kb.intents or facts.role or facts.place:
        return False
    first = query.score(query.intent)
    if first <= 0 or query.score("salary") < SALARY_CLOSE * first:
        return False
    if _HOW_FAR.search(_asking(query.question)) and not form.pays:
        return False  # "experience wise how far off am i": where they stand, not a band
    return facts.pay is not None or form.pays or not (form.yes_no or form.asks_years)


_HOW_FAR = re.compile(
    r"\bhow (?:far|close) (?:off |away )?(?:am i|are we|are you|is (?:she|he|my \w+)|are they)\b"
    r"|\bwhere do (?:i|we) stand\b"
)
"""A question of where someone stands against the guide's bar ("how far off am I?")."""


def _path_with_verdict(query: Query, situation: Draft, *, verdict_first: bool = True) -> Draft:
    """ "9 yrs as a backend dev, could I become an AI tech lead?": the asker's years or degree
    compared with the guide's words first, then the path the guide gives (the career answer),
    which is what such a question asks about; the quotes stay in the whole answer. "How do I
    pivot?" asks the way: the path first (`verdict_first` False). Never a salary band beside the
    path's steps."""
    from bot.engine.answers import career

    path = career.draft(replace(query, intent="career", facts=None), experience=False, develop=False)
    verdict = Text(_verdicts(situation, bold=True))  # the path says where the guide says it
    return path._replace(
        parts=(verdict, *path.parts) if verdict_first else (*path.parts, verdict),
        section_ids=tuple(dict.fromkeys((*situation.section_ids[:1], *path.section_ids))),
        topic=situation.topic if verdict_first else path.topic,
        intent=query.intent,  # read as qualifications, it stays that: the verdict answers it first
        same_for=FACT_INTENTS,
    )


def _verdicts(situation: Draft, *, bold: bool = False) -> str:
    """The asker's years or degree compared with the guide's words: one comparison with its quote,
    or each verdict alone (its bold lead) when there are two or `bold`."""
    firsts = [str(getattr(part, "text", "")).split("\n", 1)[0] for part in situation.parts]
    if len(firsts) == 1 and not bold:
        return first_sentence(firsts[0])
    return " ".join(_BOLD.match(f).group(0) if _BOLD.match(f) else first_sentence(f) for f in firsts)


def _without_role_words(query: Query) -> Query:
    """The query without the words that name the role ("leadership" in "move into AI leadership",
    "team" in "my team lead keeps talking about model drift"), unless the question says them
    elsewhere too."""
    text = query.question.lower()
    named = " ".join(found.group(0) for found in _ROLE.finditer(text))
    if not named:
        return query
    rest = set(terms_of(_ROLE.sub(" ", text)))
    drop = {t for t in terms_of(named) if t not in rest and t not in ("ai", "ml")}
    return replace(query, words=tuple(w for w in query.words if w not in drop)) if drop else query


_SET_ASIDE = re.compile(
    r"(^|[.,;:!?(]\s*)(?:(?:no|nah|ok|okay|so),?\s+)?"
    # what the asker is not ("I'm not a manager", "we're not asking about pay"), not how sure they are
    r"(?:(?:i'?m|i am|we'?re|we are)\s+not(?=\s+(?:an?|the|in|at|from|on|into|looking|asking|"
    r"interested|talking|hiring|working)\b)"
    r"|not(?! (?:just|only|merely|simply|even)\b)|other than|rather than|forget|ignore|ignoring|skip"
    r"|never mind|aside from|leaving aside|besides|apart from|except(?: for)?|excluding"
    # what the asker does not mean or need ("I don't need the whole roadmap, only the networking bit")
    r"|(?:i|we)\s+(?:do|did)(?:n'?t|\s+not)\s+(?:need|mean|want|care about|care for|ask about))"
    r"\s+(?:about\s+|asking about\s+)?([^,.;:!?—–()]{2,60}?)"
    r"\s*(?:[,;:—–]|\.(?:\s|$)|\s-\s|\bbut\b|\bi mean\b)",
    re.IGNORECASE,
)
"""A subject the question sets aside before what it asks ("not degrees, I mean certifications",
"not model accuracy, I mean getting the model to play with our ERP", "besides communication, …",
"I don't mean how to get in, I mean where it leads"), or what the asker is not ("I'm not a
manager, but what does a lead own?"): said at a clause's start and followed by a comma, a dash,
"but" or "I mean"."""


_NOT_ASKED = re.compile(
    r"(^|[.!?]\s+)([^.!?]*?\b(?:is|are|'s)\s+not\s+(?:my|the|what i'?m|what i am)\s+"
    r"(?:question|issue|point|asking|concern|ask)\b[^.!?]*(?:[.!?]|$))",
    re.IGNORECASE,
)
"""A sentence that says it is not the question ("I already know what AI leads get paid, that is
not my question.", "Salary is not the issue, we pay senior people well."): set aside whole."""


_LEFT_ASIDE = re.compile(
    r"(^|[.,;:!?(]\s*)(?:(?:ok|okay|so),?\s+)?(?:leave|leaving|put|putting|set|setting)\s+"
    r"([^,.;:!?—–()]{2,40}?)\s+aside\b[^,.;:!?—–()]{0,20}?\s*(?:[,;:—–]|\.(?:\s|$)|\s-\s)",
    re.IGNORECASE,
)
"""A subject set aside by name before what is asked ("leave ethics aside for a sec — …")."""


@lru_cache(maxsize=1024)
def set_aside(question: str) -> str:
    """The question without the subjects it sets aside (`_SET_ASIDE`, `_LEFT_ASIDE`, `_NOT_ASKED`);
    kept per question: the reading, the item, the pay asked and several answer steps all ask."""
    text = question.replace("’", "'")
    text = _NOT_ASKED.sub(lambda m: m.group(1), text)
    text = _LEFT_ASIDE.sub(lambda m: m.group(1) + " ", text)
    return _SET_ASIDE.sub(lambda m: m.group(1) + " ", text).strip()


def _asides(question: str) -> str:
    """The words of what the question sets aside."""
    text = question.replace("’", "'")
    said = [m.group(2) for m in _NOT_ASKED.finditer(text)]
    rest = _NOT_ASKED.sub(lambda m: m.group(1), text)
    said += [m.group(2) for m in _LEFT_ASIDE.finditer(rest)]
    rest = _LEFT_ASIDE.sub(lambda m: m.group(1) + " ", rest)
    return " ".join([*said, *(m.group(2) for m in _SET_ASIDE.finditer(rest))])


def _without_set_aside(query: Query) -> Query:
    """The query without the words of the subjects the question sets aside, unless it says them
    elsewhere too: they say what it does not ask about."""
    rest = set_aside(query.question)
    if rest == query.question.replace("’", "'").strip():
        return query
    kept = set(terms_of(normalize(rest).text))
    aside = _asides(query.question)
    drop = {t for t in terms_of(normalize(aside).text) if t not in kept}
    return replace(query, words=tuple(w for w in query.words if w not in drop)) if drop else query


def _stay_only(query: Query, form: Form) -> bool:
    """Whether the asker's years are only a stay at one place and the question asks neither about
    years nor whether the asker qualifies or could become one: then they are context, not a standing."""
    if not years_at_one_place(query.question) or form.asks_years or form.becoming:
        return False
    return not _MEETS.search(_asking(query.question)) and not _career_asked(query)


def _path_asked(query: Query, form: Form) -> bool:
    """Whether a career question told after the asker's context asks only for the path: its asking
    sentence, read alone, names no item of its own ("I'm a data analyst with 6 years. what does the
    ladder toward ai tech lead look like?"), so the item the context's words are nearest ("data
    analyst": Data Science and Engineering) is not what it asks."""
    asking = _asking(query.question)
    if asking == query.question.lower().strip() or not terms_of(asking):
        return False
    alone = replace(query, question=asking, words=tuple(w for w in query.words if w in set(terms_of(asking))))
    return _focused(replace(alone, facts=None, topic=None, topic_section=None, form=form)) is None


def _on_standing(query: Query, form: Form) -> bool:
    """Whether a question that gives the asker's years or degree asks where they stand: a yes/no
    question about them ("is 6 years enough?", "am I at a disadvantage?"), one about the years
    needed, or one about the requirements themselves; not "what technical skills am I missing?",
    "how do I pivot toward AI tech lead?" or "is being ethically aware a real soft skill?" (after
    "ethics never came up in my degree"), which ask what they ask, whoever asks."""
    if form.asks_years or query.intent == "qualifications":
        return True
    if not form.yes_no:
        return False
    asking = _asking(query.question)
    if not _YES_NO_START.match(asking):
        return True  # the yes/no is not what it asks last ("... or RNNs? What's on the list?")
    return bool(_STANDING.search(asking)) or _career_asked(query)


_YES_NO_START = re.compile(
    r"^\W*(?:so |and |but |ok |okay )?(?:is|are|am|was|were|do|does|did|can|could|will|would|should|"
    r"has|have|had|isn't|aren't|don't|doesn't|won't|wouldn't|shouldn't)\b"
)


_STANDING = re.compile(
    r"\b(?:years?|yrs?|yoe|experience|exp|degree|phd|ph\.?d|masters?|master's|bachelors?|bachelor's|"
    r"qualif\w*|enough|meet|meets|eligible|background|hold (?:me|them|her|him) back|disadvantage|"
    r"problem|dealbreaker|deal breaker|hurt|ready|shot|chance)\b"
)
"""What a yes/no question about the asker's standing asks with ("is that enough?", "will my
background hold me back?", "do I have a shot?")."""


_ASIDE_YEARS = re.compile(r"\b(?:years?|yrs?|yoe|experience)\b")
_ASIDE_DEGREE = re.compile(r"\b(?:degrees?|phd|ph\.d|masters?|master's|bachelors?|education|schooling)\b")


def _facts_set_aside(question: str) -> tuple[bool, bool]:
    """Whether the question sets aside the asker's years, and their degree ("I'm not asking about
    degrees or years of experience"): no verdict on what it sets aside."""
    aside = _asides(question).lower()
    return bool(_ASIDE_YEARS.search(aside)), bool(_ASIDE_DEGREE.search(aside))


def _with_verdict(found: Draft, situation: Draft, kb: KnowledgeBase) -> Draft:
    """`found` with the asker's years or degree compared with the guide's words after it (the
    verdict shows no salary band: the salary table is not cited for it)."""
    verdict = _verdicts(situation)  # years and degree: each one's verdict, the quotes one step away
    salary = _salary_ids(index_for(kb))
    shown = [s for s in situation.section_ids if s not in salary]
    # the asker's own comparison says more to them than why the guide's list matters: it takes
    # that line's place, so the answer stays short
    kept = [p for p in found.parts if not str(getattr(p, "text", "")).startswith(WHY_LEAD)]
    return found._replace(
        parts=(
            *kept,
            Text(f"{verdict} {COMPARED}"),
        ),
        section_ids=tuple(dict.fromkeys((*found.section_ids, *shown))),
    )


_BOLD = re.compile(r"^\*[^*]+\*")
"""A line's bold lead: the verdict on the asker's years or degree."""
_VERDICT = re.compile(r"\*[^*]+\*")
"""Each verdict of a comparison of the asker's years or degree: its bold lead."""
COMPARED = "_(Your experience or degree, compared with the guide's words.)_"
"""The label of the asker's years or degree compared with the guide's words (`_with_verdict`)."""


def _brief_verdict(draft: Draft) -> Draft:
    """`draft` with the comparison of the asker's years or degree (`_with_verdict`) as its verdict
    alone (its bold lead, "*Yes, by the guide's figure: 10 years meets the “usually 8+ years” it asks
    for (in AI/ML roles).*"), without the requirement quoted after it; the same draft when it has
    no such quote. The source line still names where the requirement is."""
    parts = []
    for part in draft.parts:
        text = str(getattr(part, "text", ""))
        compared = text.endswith(COMPARED) and _BOLD.match(text)
        leads = _VERDICT.findall(text[: -len(COMPARED)]) if compared else []
        brief = " ".join([*leads, COMPARED])
        if leads and text != brief:  # each verdict (two: years and degree) stays, bold as it was
            part = Text(brief)
        parts.append(part)
    return draft if parts == list(draft.parts) else draft._replace(parts=tuple(parts))


def _one_place(query: Query, subject: str) -> Draft | None:
    """The guide's one place for a subject its words find in one section only, as its item or area
    (answered as the intent that reads that section); several places there: for a question read
    as out of scope, those places (it speaks of the guide, so it is in scope); else None. A subject
    whose places span two top-level sections or more (words found in both, or worded otherwise
    elsewhere, found by meaning: "degrees", Overview's "a Master's or Ph.D.") is answered across
    the guide, whatever the intent."""
    from bot.engine.answers import across as places

    kb = query.kb
    found = places.places_of(kb, subject, form_words=FORM_WORDS, encoder=query.encoder)
    if len({top_of(kb, p.section).id for p in found}) >= 2:  # worded otherwise elsewhere (`places._meant`)
        return across(query, subject)._replace(intent=_owner(query, found[0].section.id) or query.intent)
    if len(found) == 1:
        place = found[0]
        if place.item is None:
            draft = _area_draft(query, place.section)
        else:
            draft = _hit_draft(query, _unit_hit(kb, place.item))
    elif found and query.intent == "unknown":
        draft = across(query, subject)
    else:
        return None
    owner = _owner(query, found[0].section.id)
    if owner is not None and owner != query.intent:
        draft = draft._replace(
            intent=owner, same_for=tuple(kb.intents), more=top_of(kb, found[0].section).title
        )
    return draft


FACT_WORDS = frozenset(
    terms_of(
        "year years yr yrs experience experienced exp degree bachelor bachelors master masters phd doctorate"
    )
)
"""Words a question spends on the asker's years or degree (the facts answer reads them)."""
ASIDE_COVERAGE = 0.5


def _aside(query: Query, situation: Draft) -> Query | None:
    """ "10 yrs in ML, zero certifications. am I at a disadvantage?": when the question's words
    other than its years and degree name a guide item of the intent's sections clearly (in its
    title, `ASIDE_COVERAGE` of them), the query for that item; else None."""

    if query.form is not None and query.form.asks_years:
        return None  # "how many years of ML experience …?" asks the years themselves
    asked = asked_words(query)
    if asked and not FACT_WORDS & set(asked):
        # context first ("4 years a postdoc, 11 papers … Do publications count?"): what it asks,
        # unless that is the asker's years or degree ("… does a degree from outside CS count?")
        found = _aside_of(query, situation, asked)
        if found is not None:
            return found
    return _aside_of(query, situation, query.words)


def asked_words(query: Query) -> tuple[str, ...]:
    """The words of the question's asking sentence when other sentences come before it (the
    asker's context, `facts.asking_sentence`); () for a question of one sentence."""
    asking = asking_sentence(query.question)
    if asking is None:
        return ()
    said = set(terms_of(normalize(asking).text))
    return tuple(w for w in query.words if w in said)


def asked_query(query: Query) -> Query | None:
    """The query of the question's asking sentence alone (its words and text), when other
    sentences come before it; None for a question of one sentence."""
    words = asked_words(query)
    asking = asking_sentence(query.question)
    if not words or not asking:
        return None
    # the item scorer's reading of that sentence, not of the whole question (`Query.asked`)
    topic, whole, items = query.asked or (None, False, ())
    return replace(
        query,
        question=asking,
        words=words,
        topic=topic,
        topic_section=query.kb.intents[query.intent].topic_section if topic else None,
        named=False,
        whole=whole,
        items=items,
    )


_ROLE_NOUNS = frozenset(terms_of("role roles job jobs position positions title titles gig opening openings"))
"""Words that name a job as such ("is that a problem for AI lead roles?"): no item of the guide."""


def _aside_of(query: Query, situation: Draft, words: tuple[str, ...]) -> Query | None:
    # the asker's own job ("I have been a data scientist for 4 years") says who asks, not a subject
    # (Team Leadership's "teams of data scientists")
    own = set(terms_of(query.facts.background)) if query.facts and query.facts.background else set()
    words = tuple(
        w for w in words if w not in FACT_WORDS and w not in _ROLE_NOUNS and w not in own and not w.isdigit()
    )
    if not words:
        return None
    rest = replace(query, words=words, facts=None)
    # not when the question itself asks the degree or the years ("what level of university study
    # do people who lead ML teams usually have?"): that is what it asks, whatever item is nearest
    asks_facts = _asks_degree(query) or (query.form is not None and query.form.asks_years)
    bullet = None if asks_facts else _bullet_choice(rest)
    if bullet is not None and (situation.topic is None or bullet.unit.item.title != situation.topic[1]):
        # "9 yrs as an IC, never managed anybody. will that hurt me?": the item scorer is sure of
        # another requirement than the one the asker's years or degree are compared with, and the
        # words beside those say enough for its reading to mean anything (`_bullet_choice`: "not
        # asking about degrees, is 6 years enough?" says nothing else)
        return rest
    rest = replace(rest, bullet=None)  # else what its words alone point at, beside the asker's facts
    choice = _choice(rest)
    if choice is None:
        beside = _beside(query, situation, words)
        return replace(rest, words=beside) if beside else None
    if not isinstance(choice, Hit) or choice.unit.item is None:
        return None
    if choice.coverage < ASIDE_COVERAGE or choice.unit.section_id in situation.section_ids:
        return None
    index = index_for(query.kb)
    if not choice.in_title:  # "I have a bachelor's and 9 years. is python enough?": all it asks, one rare
        given = query.facts is not None and (query.facts.years is not None or query.facts.degree is not None)
        strong = choice.coverage >= YES_COVERAGE and _rare_in(index, choice, words)
        return rest if given and strong else None  # "is a PhD in ML required?" asks the degree
    return rest if _rare_title(index, choice, words) else None  # "AI leadership roles" is the role


def _beside(query: Query, situation: Draft, words: tuple[str, ...]) -> tuple[str, ...]:
    """ "9 yrs as an IC, never managed anybody. will that hurt me?": the asker's other fact, when a
    word of it names another requirement beside the one their years or degree were compared with
    (Leadership Experience beside Industry Tenure): that requirement's title words, else ()."""
    if not situation.section_ids:
        return ()
    section = query.kb.section(situation.section_ids[0])
    for item in section.items:
        if _REQUIRED_YEARS.search(item.text):
            continue  # the requirement already compared
        terms = set(terms_of(f"{item.title} {item.text}"))
        # a word's stem the item's words start with ("managed": management), or the reverse
        if any(
            len(w) >= 5 and any(t.startswith(w) or w.startswith(t) for t in terms if len(t) >= 5)
            for w in words
        ):
            return tuple(terms_of(item.title or item.text))
    return ()


def _focused(query: Query) -> Draft | None:
    """The point of a question that is not about the asker's years or degree: an item or area."""
    form = query.form or Form()
    choice = _choice(query)
    scorer_sure = bool(query.topic) or (bool(query.bullet) and _key(choice) == _bullet_key(query))
    if isinstance(choice, Hit) and not choice.in_title and not scorer_sure and _asks_one(query):
        near = _nearest(query, margin=OVERRULE)  # "growth rate" said in one area, meant in another
        if near is not None and near.unit.section_id != choice.unit.section_id:
            choice = near
    named = _in_asking(query, _named(query))
    if form.develop and choice is not None and _key(choice)[0] in _within(query.kb, _development(query.kb)):  # type: ignore[index]
        named = []  # "how do I get X?" answered from the development sections, as asked
    if not query.scores:
        named = []  # a forced intent (a button, a subcommand) is answered from its own sections
    if (
        not named
        and _asks_plural(query)
        and (choice is None or isinstance(choice, Hit) and choice.unit.item is None)
    ):
        return None  # "which soft skills should I probe for?": the list, not the item nearest "probe"
    if not named and not query.topic and _asks_plural(query, entries=True) and _only_context(query, choice):
        # "writing a JD for an AI tech lead, what tech skills go in it?": the list it asks for, not
        # the item its context's words match ("writing": Communication); the item scorer's reading
        # of the whole question is weighed before (`context_topic`)
        return None
    owner = None
    if named:
        best = named[0]
        together = [
            n
            for n in named
            if n.precision >= best.precision and n.section.id == best.section.id and n.section.parent
        ]
        if not _supported(query, choice):  # the intent's reading names nothing the question says
            if best.item is None or len(together) > 1:
                choice = best.section  # an area, or several of its items named: the area
            else:
                choice = _unit_hit(query.kb, best.item)
            owner = _owner(query, best.section.id)
        elif len(together) > 1 and _key(choice) in {n.key for n in together}:
            choice = best.section  # "Asia Pacific vs North America": both, in their area
    if choice is None and not named and not query.whole:
        choice = _meant(query)  # "... are those vendor certificates a must-have?": clearly one item
    if choice is None and query.whole and not named:
        # the item scorer read the whole list as asked ("give me the main buckets of what a lead is
        # responsible for"): no item by the words alone; a yes/no about it gets the section's point
        return _intro_draft(query) if form.yes_no and not query.facts else None
    if choice is None:
        if form.yes_no and not query.facts and _names_own(query):  # "is demand growing?": the section's point
            found = _intro_draft(query)
            if found is not None:
                return found
        if form.yes_no or query.facts:
            found = _closest(query)
            if found is None and form.yes_no and not query.facts:
                # "are leads expected to look over their engineers' code?": the item nearest it
                # (Technical Guidance's "code reviews"), with the verdict, not the whole list
                near = _yes_no_nearest(query)
                if near is not None:
                    return _hit_draft(query, near, sure=True)
            return found or (_intro_draft(query) if form.yes_no else None)
        if not _asks_one(query) or _asks_plural(query, entries=True):
            # "We're designing a certificate program ... What technical topics belong in the
            # curriculum?": several of the list asked, none named: the list, not the item or area
            # nearest the whole message, which its context pulls (Certifications)
            return None
        found = _closest(query, titled=True)
        if found is None:
            near = _nearest(query, margin=OVERRULE)  # "how fast is the AI industry expanding?"
            if near is not None:
                return _hit_draft(query, near)
            area = _best_area(query)
            found = _area_draft(query, area) if area is not None else None
        if found is None and query.scores and not _names_own(query):
            area = _area_elsewhere(query)  # "which industries adopt AI?" read as trends
            if area is not None:
                owner = _owner(query, area.id)
                found = _area_draft(query, area)
                if owner is not None and owner != query.intent:
                    top = top_of(query.kb, area)
                    found = found._replace(intent=owner, same_for=tuple(query.kb.intents), more=top.title)
        return found
    found = _area_or_figure(query, choice) if isinstance(choice, Section) else _hit_draft(query, choice)
    if (
        owner is None
        and query.scores  # a forced intent (a button, a subcommand) stays
        and isinstance(choice, Hit)
        and choice.unit.section_id not in _within(query.kb, _own_sections(query))
    ):
        owner = _plausible_owner(query, choice.unit.section_id)  # "… model drift …" read as a practice
    if owner is not None and owner != query.intent:  # a title named in another intent's sections
        found = found._replace(intent=owner, same_for=tuple(query.kb.intents))
    elif named and named[0].precision >= 1.0 and _key(choice) == named[0].key:
        # a title named whole ("candidate brief says 'strategic acumen'"): whichever intent the
        # matcher leans to, this is the answer, so no other reading is offered
        found = found._replace(same_for=tuple(query.kb.intents))
    return found


def _title_asked(query: Query, hit: Hit) -> bool:
    """Whether the hit's title has a word of the question's asking sentence, or the question is
    one sentence (`asked_words`): a title word said only in the context before it ("The board asks
    why we'd need a lead instead of more data scientists. What's the case for the role?") is not
    what it asks about, as for titles named outright (`_in_asking`)."""
    words = asked_words(query)
    if not words:
        return True
    index = index_for(query.kb)
    return any(not hit.unit.title_terms.isdisjoint({w, *index.expand(w)}) for w in words)


def _in_asking(query: Query, named: list[Named]) -> list[Named]:
    """The titles named, but those named only in the context before the asking sentence ("... our
    data science team's jobs ... does my infra experience count?": not Data Science)."""
    words = asked_words(query)
    if not words or not named:
        return named
    index = index_for(query.kb)
    asked = {f for w in words for f in (w, *index.expand(w))}
    return [n for n in named if not asked.isdisjoint(terms_of(n.item.title if n.item else n.section.title))]


def nearest_draft(query: Query) -> Draft | None:
    """ "how big is the AI market supposed to get?": for a question for one thing that its words do
    not point at and whose section is too long to be the answer, the item nearest it in meaning."""
    if query.intent in WHOLE or query.intent not in query.kb.intents or not _asks_one(query):
        return None
    form = query.form or Form()
    if form.yes_no or form.across or query.facts:
        return None
    near = _nearest(query)
    return _hit_draft(query, near) if near is not None else None


def _hit_draft(query: Query, hit: Hit, *, sure: bool = False) -> Draft:
    """One item's draft (`sure`: with its verdict, as for the item nearest a yes/no question); an
    untitled bullet with the rest of its short subsection (a path's steps, market figures read
    together: "does manufacturing show up among the sectors adopting AI?" may be nearest the line
    beside the one that lists the sectors), unless it is the one figure asked (`_figure_line`)."""
    section = query.kb.section(hit.unit.section_id)
    item = hit.unit.item
    if item is not None and not item.title and section.parent and len(section.items) <= AREA_ITEMS:
        if _figure_line(query, section) is not item:
            return _area_draft(query, section)
    return _item_draft(query, hit, sure=sure)


def _area_or_figure(query: Query, section: Section) -> Draft:
    """An area's draft, or the one figure of it a question for one thing asks (`_figure_line`)."""
    line = _figure_line(query, section)
    if line is None:
        return _area_draft(query, section)
    return _item_draft(query, _unit_hit(query.kb, line))


_ASKS_IS = re.compile(r"\b(?:what|which)(?:'s|’s| is| was)\b")
"""A question for one thing said in the singular ("what is the CAGR ...?")."""
_ASKS_MORE = re.compile(r"\b(?:and|or|also|plus)\s+(?:also\s+)?(?:how|what|which|when|where|whether)\b")
"""A second question after the first ("how big will it get, and how fast is it growing?")."""


def _figure_line(query: Query, section: Section) -> Item | None:
    """The one untitled line with a figure of a short area that a question for one thing asks ("how
    big is the global AI market expected to get?": the size, not the growth rate beside it): the
    figure line that shares more of the question's own words (not its titles' or its form's) than
    each other figure line; None when
    no line stands out, or the question asks for more than one thing: the area, read together."""
    if section.parent is None or len(section.items) > AREA_ITEMS:
        return None
    text = query.question.lower()
    if (not _asks_one(query) and not _ASKS_IS.search(text)) or _ASKS_MORE.search(text):
        return None
    lines = [i for i in section.items if not i.title and _DIGIT.search(i.text)]
    if len(lines) < 2:
        return None
    # the area's and its section's titles ("market", "growth") and how it asks ("expected") say no line
    titles = {*terms_of(section.title), *terms_of(top_of(query.kb, section).title)}
    said = set(terms_of(query.question)) - FORM_WORDS - titles
    shared = sorted(((len(said & set(terms_of(i.text))), n) for n, i in enumerate(lines)), reverse=True)
    return lines[shared[0][1]] if shared[0][0] > shared[1][0] else None


NEAREST = 0.6
NEAREST_MARGIN = 0.12
"""A question for one thing whose words name no item ("how big is the AI market supposed to get?")
is answered by the item of its intent's sections nearest it in meaning (the sentence encoder's
cosine with the item's words) when that is at least `NEAREST` and `NEAREST_MARGIN` ahead of the
nearest item of any other area."""


OVERRULE = 0.15
"""The encoder's nearest item overrules an item that only the question's words in its text point
at when it is this far ahead of any other area's ("largest revenue share" stays where it is said)."""


def prepare(kb: KnowledgeBase, encoder: object) -> None:
    """Encode the guide's items now (a server's start), not on the first question that needs them."""
    _unit_embeddings(index_for(kb), encoder)


UNITS_FILE = "guide_units.npz"
"""The guide's items encoded by `aitl kb train` (in the knowledge base's learned/ folder), so that a
server or `aitl ask` does not encode them at start (about a second of CPU); used only while the
guide's item texts and the encoder are the ones they were encoded from (`_units_key`)."""


@lru_cache(maxsize=4)
def _unit_embeddings(index: GuideIndex, encoder: object) -> tuple[tuple[Unit, ...], np.ndarray]:
    """The guide's items and their encodings ("section title: item words"), once per knowledge base
    and encoder: the ones `aitl kb train` saved when they are of these texts and this encoder."""
    units, texts = _units(index)
    key = _units_key(texts, encoder)
    path = index.kb.directory / "learned" / UNITS_FILE
    if key is not None and path.is_file():
        try:
            with np.load(path, allow_pickle=False) as saved:
                emb = saved["emb"] if str(saved["key"]) == key else None
            # the encoder's width is in its key (its weights); a file of another shape is not used
            if emb is not None and emb.ndim == 2 and emb.shape[0] == len(texts) and emb.dtype == np.float32:
                return units, emb
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
            pass  # unreadable: encoded below, as without it
    return units, encoder.encode(texts)  # type: ignore[attr-defined]


def _units(index: GuideIndex) -> tuple[tuple[Unit, ...], list[str]]:
    kb = index.kb
    units = tuple(u for u in index.units if u.item is not None)
    return units, [f"{kb.section(u.section_id).title}: {u.text}" for u in units]


def _units_key(texts: Sequence[str], encoder: object) -> str | None:
    """A digest of the item texts and the encoder's weights (its SHA256SUMS); None for an encoder
    without them."""
    directory = getattr(encoder, "directory", None)
    sums = directory / "SHA256SUMS" if directory is not None else None
    if sums is None or not sums.is_file():
        return None
    digest = hashlib.sha256(sums.read_bytes())
    for text in texts:
        digest.update(text.encode("utf-8") + b"\0")
    return digest.hexdigest()


def save_unit_embeddings(kb: KnowledgeBase, encoder: object) -> None:
    """Encode the guide's items and save them beside the learned matcher (`UNITS_FILE`)."""
    units, texts = _units(index_for(kb))
    key = _units_key(texts, encoder)
    if key is None:
        return
    emb = np.asarray(encoder.encode(texts), dtype=np.float32)  # type: ignore[attr-defined]
    path = kb.directory / "learned" / UNITS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_suffix(".part")
    with open(part, "wb") as handle:
        np.savez(handle, key=np.array(key), emb=emb)
    os.replace(part, path)  # never a half-written file where a server reads it


@lru_cache(maxsize=64)
def _encoded(encoder: Any, text: str) -> np.ndarray:
    """The question's embedding: a question may ask for its nearest area twice (with two margins)."""
    return encoder.encode([text])[0]


def _nearest(query: Query, *, margin: float = NEAREST_MARGIN) -> Hit | None:
    encoder = query.encoder
    if encoder is None or not query.question.strip():
        return None
    from bot.engine.answers import plain

    if query.kb.intents[query.intent].topic_section or not plain(query.intent):
        return None  # lists: the matcher weighed their items; career, overview, skills: their own point
    kb = query.kb
    units, embeddings = _unit_embeddings(index_for(kb), encoder)
    own = _within(kb, _own_sections(query))
    rows = [n for n, u in enumerate(units) if u.section_id in own]
    if not rows:
        return None
    cosines = embeddings[rows] @ _encoded(encoder, query.question.lower().strip())
    order = sorted(range(len(rows)), key=lambda k: -float(cosines[k]))
    best = units[rows[order[0]]]
    others = [float(cosines[k]) for k in order[1:] if units[rows[k]].section_id != best.section_id]
    first = float(cosines[order[0]])
    if first < NEAREST or (others and first - others[0] < margin):
        return None
    return Hit(best, first, 0.0, False)


YES_NEAR = 0.45
YES_NEAR_MARGIN = 0.05
"""A yes/no question of a list intent that names no item and matches none by its words ("are AI
leads expected to look over their engineers' code?") is answered by the item of its intent's
sections nearest it (`_also_scores`: the sentence encoder's cosine with the item's guide text plus
the share of the question's specific words it has) when that item has one of those words, scores
at least `YES_NEAR` and is `YES_NEAR_MARGIN` ahead of the next item; else the list stays."""


def _yes_no_nearest(query: Query) -> Hit | None:
    """The item clearly nearest a yes/no question among its intent's sections (`YES_NEAR`)."""
    from bot.engine.answers import plain

    if not (query.kb.intents[query.intent].topic_section or plain(query.intent)):
        return None  # skills, career...: their own point answers
    found = _also_scored(query)
    if found is None:
        return None
    units, scores = found
    kb = query.kb
    own = _within(kb, _own_sections(query))
    rows = [n for n, u in enumerate(units) if u.section_id in own and u.item is not None]
    if len(rows) < 2:
        return None
    ranked = sorted(rows, key=lambda n: -float(scores[n]))
    first, second = float(scores[ranked[0]]), float(scores[ranked[1]])
    best = units[ranked[0]]
    index = index_for(kb)
    specific = {t for w in _specific(query) for t in (w, *index.expand(w))}
    if first < YES_NEAR or first - second < YES_NEAR_MARGIN or not (best.terms & specific):
        return None
    return Hit(best, first, 0.0, False)


MEANT = 0.5
MEANT_MARGIN = 0.1
"""A question whose words point at no item of a list-less intent (skills, qualifications, career,
market, overview) is answered by the item of its sections nearest it in meaning when that is at
least `MEANT` and `MEANT_MARGIN` ahead of the nearest item of any other area. Its meaning is that
of the whole question and of its asking clause together (`_cosines`): a long question that sets
its context first ("my company will pay for one cert ... are those certificates a must-have?")
is asked in its last clause."""
SEMANTIC_GAP = 0.1
"""An item that only the question's words in passing point at ("lead" and "team" in "... want to
lead a team. which python libraries ...?") is left out when its meaning is this far below the
nearest item's."""


def _cosines(query: Query, *, either: bool = False, lists: bool = False) -> dict[Unit, float]:
    """The intent's own items by their nearness in meaning to the question: the mean of the sentence
    encoder's cosine with the whole question and with its asking clause (`either`: the greater of
    the two). Empty for a list intent (the item scorer weighs its items), unless `lists`, or
    without an encoder."""
    encoder = query.encoder
    kb = query.kb
    if encoder is None or not query.question.strip():
        return {}
    if kb.intents[query.intent].topic_section and not lists:
        return {}
    units, embeddings = _unit_embeddings(index_for(kb), encoder)
    own = _within(kb, _own_sections(query))
    rows = [n for n, u in enumerate(units) if u.section_id in own]
    if not rows:
        return {}
    # a verdict asked for says how the question asks, not what about ("never touched PyTorch, is
    # that a problem?" is about PyTorch, not Problem-Solving)
    whole = " ".join(VERDICT.sub(" ", query.question.lower()).split())
    clauses = re.split(r"(?<=[.!?:;])\s+", whole)
    asking = " ".join([c for c in clauses if "?" in c] or clauses[-1:])
    cosines = embeddings[rows] @ _encoded(encoder, whole)
    if asking != whole:
        other = embeddings[rows] @ _encoded(encoder, asking)
        cosines = np.maximum(cosines, other) if either else (cosines + other) / 2
    return {units[n]: float(c) for n, c in zip(rows, cosines, strict=True)}


def _far(query: Query, hits: list[Hit], *, lists: bool = False) -> list[Hit]:
    """`hits` but those `SEMANTIC_GAP` or more below the titled item of the intent's sections
    nearest the question in meaning (by either reading, `_cosines`; `lists`: a list intent's too)."""
    cosines = _cosines(query, either=True, lists=lists)
    if not cosines:
        return hits
    if lists:  # the item scorer's nearest, weighed against each other alone
        own = {h.unit for h in hits}
        cosines = {u: c for u, c in cosines.items() if u in own}
    nearest = max((c for u, c in cosines.items() if u.item and u.item.title), default=0.0)
    return [h for h in hits if cosines.get(h.unit, nearest) >= nearest - SEMANTIC_GAP]


def _meant(query: Query) -> Hit | None:
    """The item of a list-less intent's sections clearly nearest the question in meaning (`MEANT`);
    None for a question that says too little (`SAYS_ENOUGH`) or asks for several of its list."""
    if len([w for w in _specific(query) if w not in DEVELOP_WORDS]) < SAYS_ENOUGH:
        return None  # (a question for several of the list never gets here: `_focused` answers the list)
    if query.intent == "overview":
        return None  # its point is the role's description ("the one-line pitch for what a lead is")
    cosines = _cosines(query)
    if not cosines:
        return None
    ranked = sorted(cosines.items(), key=lambda uc: -uc[1])
    best, first = ranked[0]
    others = [c for u, c in ranked[1:] if u.section_id != best.section_id]
    if best.item is None or not best.item.title:
        return None  # a step of the path, a market figure: the intent's own point says them together
    if first < MEANT or (others and first - others[0] < MEANT_MARGIN):
        return None
    return Hit(best, first, 0.0, False)


OWNER_CLOSE = 0.1
"""An item found by its words only in another intent's sections is reported as that intent's when
the matcher gives that intent at least this share of the first intent's probability."""


def _plausible_owner(query: Query, section_id: str) -> str | None:
    """The intent that answers from `section_id`, when the matcher finds it plausible (`OWNER_CLOSE`);
    None for a forced intent (a button, a subcommand), which stays."""
    owner = _owner(query, section_id)
    first = query.score(query.intent)
    if owner is None or not query.scores or first <= 0 or query.score(owner) < OWNER_CLOSE * first:
        return None
    return owner


def _owner(query: Query, section_id: str) -> str | None:
    """The intent that answers from `section_id` (the query's own when it does)."""
    kb = query.kb
    section = kb.section(section_id)
    for wanted in (section_id, section.parent):
        owners = [i for i, spec in kb.intents.items() if wanted in spec.sections]
        if owners:
            return query.intent if query.intent in owners else owners[0]
    return None


_ONE = re.compile(
    r"^(?:(?:so|ok|okay|and|but|hey|hi)[, ]+)*"
    r"(?:(?:which|what|when|where|who|whose)\b(?! (?:are|is) (?:the|all|some|its|their)\b)"
    r"|how (?:big|many|much|far|fast|long|soon|large|old)\b)"
)
"""A question that asks for one thing ("which sector …?", "how big …?", "when …?"); "what are the
challenges?" asks for the list."""


def _asks_one(query: Query) -> bool:
    """Whether the question (its asking clause) asks for one thing rather than the list."""
    return bool(_asking_one(query))


asks_one = _asks_one


def _asking_one(query: Query) -> list[str]:
    """The parts of the question's asking clause that ask for one thing ("what obstacles ...?" of
    "Given all the market growth talk, what obstacles ...?")."""
    clauses = re.split(r"(?<=[.!?:;—–])\s+", query.question.lower().strip())
    asking = [c for c in clauses if "?" in c] or clauses[-1:]
    parts = [p for c in asking for p in re.split(r",\s+", c)]  # "beyond the tech stack, what …?"
    return [p for p in parts if _ONE.match(p.strip())]


_PLURAL = re.compile(r"^(?:which|what)\s+(?:[a-z-]+\s+){0,2}?([a-z-]+s)\b")


_ASKING_WORDS = re.compile(r"^(?:which|what)\s+((?:[a-z-]+\s*){1,3})")


def _asks_singular(query: Query) -> bool:
    """Whether the question's asking clause asks for one of what its section lists, in the singular
    ("what soft skill is that?", "which best practice covers this?"; not "what soft skills ...?"):
    the last of its first three words that is one of its section's is not a plural."""
    section = _generic(query) - FORM_WORDS
    for part in _asking_one(query):
        found = _ASKING_WORDS.match(re.sub(r"^(?:(?:so|ok|okay|and|but|hey|hi)[, ]+)*", "", part.strip()))
        named = [w for w in found.group(1).split() if any(t in section for t in terms_of(w))] if found else []
        if named and not named[-1].endswith("s"):
            return True
    return False


LIST_NOUNS = frozenset(terms_of("areas aspects parts topics things items steps"))
"""Words for the entries of a list, whatever it lists ("which areas …?" asks for several)."""


def _asks_plural(query: Query, *, entries: bool = False) -> bool:
    """Whether the question's asking clause asks for several of what its section lists ("which soft
    skills ...?", "what best practices should ...?"): "which"/"what" and, within three words, the
    plural of a word of the intent's label or section title (`entries`: or of the words for any
    list's entries, `LIST_NOUNS`: "which areas should I focus on …?")."""
    section = (_generic(query) - FORM_WORDS) | (LIST_NOUNS if entries else frozenset())
    for part in _asking_one(query):
        opened = re.sub(r"^(?:(?:so|ok|okay|and|but|hey|hi)[, ]+)*", "", part.strip())
        found = _PLURAL.match(opened)
        if found and any(t in section for t in terms_of(found.group(1))):
            return True
        if _KINDS.match(opened):  # "what kinds of problems …?": several, whatever of
            return True
    return False


_KINDS = re.compile(r"^(?:which|what)\s+(?:kinds|types|sorts)\s+of\s+(?:[a-z-]+\s+)?[a-z-]+s\b")
"""Kinds of something in the plural ("what kinds of problems", "which types of tools"): several."""


def _only_context(query: Query, choice: Section | Hit | None) -> bool:
    """Whether the item chosen is one only the question's context points at: the words of its asking
    clause (`_asking_one`) beyond the section's own name none of the item's, its other words some
    ("We're hiring the person to lead it. What kinds of problems …?": Talent Acquisition from
    "hiring"; "writing a JD, what tech skills go in it?": Communication from "writing")."""
    clauses = _asking_one(query)
    if not isinstance(choice, Hit) or choice.unit.item is None or not clauses:
        return False
    generic = _generic(query)
    said = {w for c in clauses for w in terms_of(normalize(c).text)}
    context = {w for w in query.words if w not in said and w not in generic}
    return _names_unit(query, choice, context) and not _names_unit(query, choice, said - generic)


def _names_unit(query: Query, hit: Hit, words: set[str]) -> bool:
    """Whether any of `words` (or the guide's words each stands for) is one of the hit's."""
    index = index_for(query.kb)
    terms = hit.unit.terms | hit.unit.title_terms
    return any(not terms.isdisjoint({w, *index.expand(w)}) for w in words)


def context_topic(query: Query) -> bool:
    """Whether the item the question was read as about is one only its context names while it asks
    for several of its list (`_only_context`): "... I'll be hiring the person to lead it. What
    kinds of problems should I expect?" asks for the challenges, not Talent Acquisition."""
    if not query.topic or not query.scores or not _asks_plural(query, entries=True) or _named(query):
        return False
    sure = max((p for key, p in query.items if key.rsplit("/", 1)[-1] == query.topic), default=0.0)
    if sure >= CONTEXT_SURE:  # "... noticeably worse for smaller groups ... fairness. What practices …?"
        return False
    return _only_context(query, _topic_hit(query))


CONTEXT_SURE = 0.9
"""The item scorer's probability for the item a question's context points at from which that item
answers even though the asking clause asks for several and names none of it: the context then says
what the list is wanted for ("Leadership is nervous about fairness. What practices …?": 0.98 for
Ethical AI Practices), not merely who asks ("I'll be hiring the person to lead it. What kinds of
problems …?": 0.57 for Talent Acquisition). On the dev sets (2026-12-07) the rule meets 3 such
items: 0.98 (the item wanted), 0.78 (several items of two sections wanted), 0.57 (the list wanted)."""


def several_unnamed(query: Query) -> bool:
    """Whether the question asks for several of its list ("what kinds of problems should I expect?")
    and its asking clause names none of them: no title, and none of the words of the item its
    reading points at, which is then only the nearest in meaning; the list answers it."""
    if not _asks_plural(query, entries=True) or _named(query):  # the regexes first: _named reads every title
        return False
    choice = _choice(query)
    if not isinstance(choice, Hit) or choice.unit.item is None:
        return True
    said = {w for c in _asking_one(query) for w in terms_of(normalize(c).text)} - _generic(query)
    return not _names_unit(query, choice, said)


def _choice(query: Query) -> Section | Hit | None:
    """What the intent's own reading points at: the matcher's topic (an area or an item), else the
    item or area the question's words match best within the intent's sections; None for the list."""
    area = _topic_area(query)
    if area is not None:  # an area named: one of its items when the words name that more exactly
        hit = _best(query)
        inside = hit is not None and hit.unit.section_id == area.id
        cover = _title_covers(query, [area])[0]
        if not inside or cover >= hit.coverage or _siblings(query, hit):  # type: ignore[union-attr, arg-type]
            return area
    else:
        hit = _topic_hit(query)
    if hit is None and query.whole:
        # the matcher read the whole list as asked: no item by the words alone, unless the question
        # asks for one in the singular and its words name one clearly ("managing client
        # expectations: what soft skill is that?")
        if _asks_singular(query):
            best = _best(query)
            if best is not None and best.unit.item is not None and best.coverage >= WHOLE_OVERRULE:
                return best
        return None
    if hit is None:
        # the item scorer's bullet when it is sure ("is a masters enough?"), else the words' item
        hit = _bullet_choice(query) or _best(query)
        area = _area(query, hit)
        if area is not None:
            return area
    return _small_area(query, hit) or hit


def _bullet_key(query: Query) -> tuple[str, str] | None:
    """`Query.bullet` as `_key` gives a choice's: (section id, item id); None for none, or for a
    subsection of untitled lines (its own id), which no single item answers."""
    if not query.bullet or query.bullet in query.kb.sections:
        return None
    section_id, item_id = query.bullet.rsplit("/", 1)
    return (section_id, item_id)


def _bullet_choice(query: Query) -> Hit | None:
    """The titled item of the intent's sections outside its list that the item scorer is sure of
    (`Query.bullet`). Not for a question that asks for several of its section ("which soft skills
    ...?") or says too little besides its section's words for the item scorer's reading to mean
    anything (`SAYS_ENOUGH`, as for `_closest`: "what requirements should organizations
    consider?", "is there demand for AI tech leads?"); not a
    subsection of untitled lines (Career Path, Market Size and Growth): as for `_meant`, the
    intent's own point says those together ("what's the next rung after AI tech lead?" is the
    trajectory, not the steps up to the role)."""
    key = _bullet_key(query)
    words = _specific(query)
    said = [w for w in words if w not in DEVELOP_WORDS]
    if key is None or _asks_plural(query, entries=True) or len(said) < SAYS_ENOUGH:
        return None  # "what technical skills ...?", "is there demand?": the intent's own answer
    kb = query.kb
    section_id, item_id = key
    section = kb.sections.get(section_id)
    item = next((i for i in section.items if i.id == item_id), None) if section else None
    if item is None:
        return None
    # as the question's words find it (how much of them it has, whether its title names one), so
    # that an area or item those name outright still answers ("what technical proficiency ...?")
    index = index_for(kb)
    found = [h for h in index.search(words, sections=[section_id], limit=20) if h.unit.item is item]
    if found:
        return found[0]
    unit = next((u for u in index.units if u.item is item), None)
    return Hit(unit, 0.0, 0.0, False) if unit is not None else None


def _small_area(query: Query, hit: Hit | None) -> Section | None:
    """ "how much business and domain knowledge does a lead need?": an item's small area (at most
    `AREA_ITEMS` items, under a section) whose title the question says more of (two words at least)
    than the item's own title; then the area answers, whole."""
    if hit is None or hit.unit.item is None or not hit.unit.item.title:
        return None
    area = query.kb.section(hit.unit.section_id)
    if area.parent is None or len(area.items) > AREA_ITEMS:
        return None
    said = set(terms_of(query.question))
    in_area = {t for t in terms_of(area.title) if t in said}
    in_item = {t for t in terms_of(hit.unit.item.title) if t in said}
    return area if len(in_area) >= 2 and len(in_area) > len(in_item) else None


SUPPORTED = 0.5
WHOLE_OVERRULE = 0.7
"""A question for one thing whose words an item matches this share of gets that item even when the
item scorer read the whole list as asked."""


def _supported(query: Query, choice: Section | Hit | None) -> bool:
    """Whether the question says part of the chosen item's or area's title: two of its words, or
    its one word (see `_phrase`), however much else that title has; or
    the chosen item's words match at least `SUPPORTED` of the question's ("are certs from data
    science programs useful?": Relevant Certifications names data science in its text)."""
    if choice is None:
        return False
    if isinstance(choice, Hit) and choice.unit.item is not None:
        words = _specific(query)
        found = [h for h in index_for(query.kb).search(words, limit=400) if h.unit is choice.unit]
        if found and found[0].coverage >= SUPPORTED:
            return True
    if isinstance(choice, Section):
        title = choice.title
    else:
        item = choice.unit.item
        title = item.title if item is not None else ""
    if not title:
        return False
    index = index_for(query.kb)
    generic = _generic(query)
    sequence = _sequence(query, index, generic)
    said = set().union(*sequence) if sequence else set()
    shared = [t for t in dict.fromkeys(terms_of(title)) if t in said]
    return len(shared) >= 2 or _phrase(index, title, sequence, whole=True)[1] > 0


def _within(kb: KnowledgeBase, section_ids: list[str]) -> set[str]:
    return set(index_for(kb)._within(section_ids))


def _specific(query: Query) -> list[str]:
    """The question's words that are not `_generic`, in any of their forms ("responsible" is the
    section's "responsibility")."""
    index = index_for(query.kb)
    generic = _generic(query)
    return [w for w in query.words if w not in generic and not (index.expand(w) & generic)]


def _rare_title(index: GuideIndex, hit: Hit, words: list[str] | tuple[str, ...]) -> bool:
    """Whether a word of the question that `hit`'s title has is as rare as `RARE` in the guide."""
    return any(
        index.idf.get(t, 0.0) >= RARE for w in words for t in index.expand(w) if t in hit.unit.title_terms
    )


def _rare_in(index: GuideIndex, hit: Hit, words: list[str] | tuple[str, ...]) -> bool:
    """Whether a word of the question that `hit`'s words have is as rare as `RARE` in the guide."""
    return any(index.idf.get(t, 0.0) >= RARE for w in words for t in index.expand(w) if t in hit.unit.terms)


def _siblings(query: Query, hit: Hit) -> bool:
    """Whether another item of `hit`'s area answers a part of the question `hit` does not: a word
    as rare as `RARE` that it has and `hit` lacks ("data privacy and the data lifecycle": Privacy
    Protection beside Data Strategy). Then the area answers, with both."""
    index = index_for(query.kb)
    generic = _generic(query)
    words = [w for w in query.words if w not in generic]
    told = {w for w in words if index.expand(w) & hit.unit.terms}
    for other in index.search(words, sections=[hit.unit.section_id], limit=6):
        if other.unit is hit.unit or other.unit.item is None:
            continue
        new = [w for w in words if w not in told and index.expand(w) & other.unit.terms]
        if any(max((index.idf.get(f, 0.0) for f in index.expand(w)), default=0.0) >= RARE for w in new):
            return True
    return False


def _key(choice: Section | Hit | None) -> tuple[str, str | None] | None:
    if choice is None:
        return None
    if isinstance(choice, Section):
        return (choice.id, None)
    item = choice.unit.item
    return (choice.unit.section_id, item.id if item else None)


# --- an item or area the question names, anywhere in the guide -----------------------------------

NAMED = 0.75
"""A title is named by a question that says this share of it (weighted by how rare each word is in
the guide) as a phrase, its words in order and together: "strategic acumen" names Requirements ›
Strategic Acumen, "Asia Pacific" the region; "a machine learning group" does not name Deep
Learning and Machine Learning. A one-word name names only a word found in no other place
("XAI": Explainable AI (XAI))."""


@dataclass(frozen=True)
class Named:
    section: Section
    item: Item | None
    precision: float
    weight: float
    rank: int

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.section.id, self.item.id if self.item else None)


def _named(query: Query) -> list[Named]:
    """The items and areas, anywhere in the guide but the salary tables, whose title the question
    names (`NAMED`), most named first; at equal naming the intent's own sections (or, for "how do I
    get X?", the development sections) first. The matcher's intent is evidence, not a fence: a
    question that names a title in another section gets that title."""
    kb = query.kb
    generic = _generic(query)
    words = [w for w in query.words if w not in generic]
    if not words:
        return []
    index = index_for(kb)
    sequence = _sequence(query, index, generic)
    form = query.form or Form()
    preferred = set(index._within(_development(kb) if form.develop else _own_sections(query)))
    salary = _salary_ids(index)
    found: list[Named] = []
    said = set().union(*sequence) if sequence else set()
    for n, section, item, title, terms in _titles(kb):
        if section.id in salary or said.isdisjoint(terms):
            continue  # a title none of whose words the question says names nothing (`_phrase`: 0)
        precision, weight = _phrase(index, title, sequence, said=said)
        if precision >= NAMED:
            rank = 0 if section.id in preferred else 1
            found.append(Named(section, item, precision, weight, rank * 1000 + n))
    found.sort(key=lambda f: (-round(f.precision, 2), f.rank >= 1000, -f.weight, f.rank))
    return found


_PAREN = re.compile(r"\s*\(([^)]*)\)")


def _titles(kb: KnowledgeBase) -> list[tuple[int, Section, Item | None, str, frozenset[str]]]:
    """Every title `_named` weighs, in the guide's order: (section's position, section, item or
    None for an area's own title, the title, every word of its names); built once per guide."""
    return _titles_of(index_for(kb))


@lru_cache(maxsize=4)
def _titles_of(index: GuideIndex) -> list[tuple[int, Section, Item | None, str, frozenset[str]]]:
    kb = index.kb
    out: list[tuple[int, Section, Item | None, str, frozenset[str]]] = []
    for n, section in enumerate(kb.sections.values()):
        candidates: list[tuple[Item | None, str]] = [(i, i.title) for i in section.items if i.title]
        if section.parent is not None and section.items:
            candidates.append((None, section.title))
        for item, title in candidates:
            out.append((n, section, item, title, frozenset(t for terms in _variants(title) for t in terms)))
    return out


_LEADERSHIP = re.compile(r"\b(?:ai|ml|ai/ml) leadership\b")
"""The role as a field of work ("move into AI leadership"): it names no leadership item of the guide."""
_DESCRIBED = (
    r"\b(?:people|persons?|someone|somebody|those|folks|engineers?|anyone|whoever|one)"
    r" (?:(?:who|that) )?(?:leads?|leading|runs?|running|heads?|heading|manages?|managing)"
    r" (?:an? |the |their |its |our )?(?:ai |ml |machine learning |data science )?(?:teams?|groups?|orgs?)\b"
)
"""The role described, not named ("the people who lead machine learning teams", "someone running
an AI team"): a person who leads, not leading asked about ("how do I lead an ML team?")."""
_ROLE = re.compile(
    r"\b(?:ai |ml )?(?:tech(?:nical)?|team|ai|ml) lead(?:er|ers|s)?\b|\bai tls?\b|"
    + _LEADERSHIP.pattern
    + "|"
    + _DESCRIBED
)
"""The role's own name ("AI technical leaders") or description: it names no title of the guide
(Technical Leadership, Team Leadership)."""


def _sequence(query: Query, index: GuideIndex, generic: frozenset[str]) -> list[set[str]]:
    """The question's words in order, each with the guide words it stands for (none for a word
    that only names the section or the role)."""
    text = _ROLE.sub(" , ", query.question.lower())
    return [{w, *index.expand(w)} if w not in generic else set() for w in terms_of(text)]


def _phrase(
    index: GuideIndex,
    title: str,
    sequence: list[set[str]],
    *,
    whole: bool = False,
    said: set[str] | None = None,
) -> tuple[float, float]:
    """How much of `title` the question says as one phrase (see `NAMED`): (the share of the
    title's word weight, that weight); either name of "Explainable AI (XAI)" will do. `whole`:
    a one-word name counts whatever its weight (the intent's own reading names it)."""
    rarest = index.rarest
    if said is None:  # every word the question says (`_named` gathers them once for all titles)
        said = set().union(*sequence) if sequence else set()
    best = (0.0, 0.0)
    for terms in _variants(title):
        if said.isdisjoint(terms):
            continue
        weights = {t: index.idf.get(t, rarest) for t in terms}
        total = sum(weights.values())
        for k in range(len(terms)):
            for i in range(len(sequence)):
                run = 0
                while (
                    k + run < len(terms) and i + run < len(sequence) and terms[k + run] in sequence[i + run]
                ):
                    run += 1
                if not run or (run < 2 and not (len(terms) == 1 and (whole or weights[terms[0]] >= rarest))):
                    continue
                matched = sum(weights[t] for t in terms[k : k + run])
                best = max(best, (matched / total, matched))
    return best


@lru_cache(maxsize=4096)
def _variants(title: str) -> tuple[tuple[str, ...], ...]:
    """A title's names as word lists: itself, without its parenthesis, the parenthesis."""
    names = (title, _PAREN.sub("", title), *_PAREN.findall(title))
    return tuple(t for t in (tuple(dict.fromkeys(terms_of(n))) for n in names) if t)


def _unit_hit(kb: KnowledgeBase, item: Item) -> Hit:
    for unit in index_for(kb).units:
        if unit.item is item:
            return Hit(unit, 1.0, 1.0, True)
    raise KeyError(item.id)


def _pay_subject(subject: str) -> bool:
    """ "what does the guide say about salaries in NYC?" is a pay question, answered with figures."""
    from bot.engine import facts

    return facts.pays(subject)


# --- one item ------------------------------------------------------------------------------------

CLOSEST = 0.3
"""A yes/no question, or one about the asker, that names no item clearly still gets the items
that match at least this share of its words (at most `MAX_CLOSEST`), never the whole list."""
MAX_CLOSEST = 2
TITLED = 0.9
"""An item whose title has one of the question's words is close when it scores this share of the
best ("an AWS ML cert, worth it?": Relevant Certifications, though "aws" and "ml" are elsewhere)."""


@lru_cache(maxsize=8)
def _salary_ids(index: GuideIndex) -> frozenset[str]:
    """The salary tables' section ids, which a search for the guide's words leaves out."""
    return frozenset(index._within([slugify(index.kb.salaries.title)]))


def _closest(query: Query, *, titled: bool = False) -> Draft | None:
    """ "I've never touched PyTorch, is that a problem?": the guide's items closest to the
    question, with no verdict (the match is not sure enough for one). `titled`: only when the
    closest item's title has one of the question's words (a question for one thing, "which deep
    learning frameworks …?", that is not sure enough for `_best`)."""
    generic = _generic(query)
    words = [w for w in query.words if w not in generic and w not in DEVELOP_WORDS]
    if not words:
        return None
    kb = query.kb
    # a list's items: the item scorer's nearest, for a question that says enough to pick by
    found = [] if titled or len(words) < SAYS_ENOUGH else _far(query, _scored(query), lists=True)
    found = found or [
        h
        for h in _fullest(index_for(kb).search(words, sections=_own_sections(query), limit=6))
        if h.unit.item
    ]
    if found and not query.items:  # a clear meaning beats a word said in passing
        found = _far(query, found)
    if (
        titled
        and found
        and found[0].in_title
        and len(words) >= SAYS_ENOUGH
        and not _scored_near(query, found[0])
    ):
        # "… their hiring model favored male applicants. what should a lead do?": "model" names
        # Model Development in passing; the item scorer's nearest items, as near in meaning, answer
        return _closest(query) if _scored(query) else None
    if titled and not (found and found[0].in_title):
        return None
    if titled and not _title_asked(query, found[0]):
        return None  # "... hiring more data scientists. What's the case for the role?": not Data Management
    if not found and not titled:  # "do ai leads need to know agile?": the guide says it elsewhere
        index = index_for(kb)
        salary = _salary_ids(index)

        def said(hit: Hit) -> float:  # the share of the question's words it has (those the guide lacks too)
            return sum(1 for w in words if index.expand(w) & hit.unit.terms) / len(words)

        found = [
            h
            for h in _fullest(index.search(words, limit=6))
            if h.unit.item and h.unit.section_id not in salary and said(h) >= ELSEWHERE_COVERAGE
        ]
    # a close item matches `CLOSEST` of the words, or names one in its title as well as the best does
    top = found[0].score if found else 0.0
    hits = [h for h in found if h.coverage >= CLOSEST or (h.in_title and h.score >= TITLED * top)][
        :MAX_CLOSEST
    ]
    if not hits:
        return None
    first = kb.section(hits[0].unit.section_id)
    item = hits[0].unit.item
    if item is not None and not item.title and first.parent and len(first.items) <= AREA_ITEMS:
        return _area_draft(query, first)  # a step of a short path: the path, as `draft` would
    lead = "*What the guide says on this*" + (" (it gives no verdict for your case):" if query.facts else ":")
    lines = [lead] + [_hit_line(kb, h, words) for h in hits]
    assert hits[0].unit.item is not None
    draft = Draft(
        (Text("\n".join(lines)),),
        tuple(dict.fromkeys(h.unit.section_id for h in hits)),
        topic=topic_of(kb, first, hits[0].unit.item),
        more=_whole_title(query, first),
    )
    owner = _plausible_owner(query, first.id)
    if (
        owner is not None
        and owner != query.intent
        and all(h.unit.section_id not in _within(kb, _own_sections(query)) for h in hits)
    ):
        # the guide says it only in another intent's sections: that intent's answer
        top = top_of(kb, first).title
        return draft._replace(intent=owner, same_for=tuple(kb.intents), more=top)
    return draft


SAYS_ENOUGH = 3
"""A question with fewer content words than this (besides its section's) says too little for the
item scorer's nearest items to mean anything ("is that a common problem?" is nearest no item)."""
CLOSE_SHARE = 0.5
"""Besides the item scorer's best, the next is close when it has at least this share of its
probability (at most `MAX_CLOSEST` in all)."""


def _scored_near(query: Query, hit: Hit) -> bool:
    """Whether the item scorer finds `hit` near the question (among `_scored`, or no list of its
    own to weigh: another intent's, or an area's)."""
    scored = _scored(query)
    return (
        not scored
        or any(h.unit is hit.unit for h in scored)
        or hit.unit.section_id not in {h.unit.section_id for h in scored}
    )


def _scored(query: Query) -> list[Hit]:
    """The items of the intent's list the item scorer finds nearest (`Query.items`), when it finds
    none clearly: "we bolted our model onto a 20-year-old ERP, a usual headache?" is nearest
    Integration with Existing Systems, which no word of it names. Empty for a list of areas."""
    if not query.items:
        return []
    kb, top = query.kb, query.items[0][1]
    hits = []
    for key, probability in query.items[:MAX_CLOSEST]:
        if probability < CLOSE_SHARE * top:
            break
        section_id, item_id = key.split("/", 1)
        section = kb.sections.get(section_id)
        item = next((i for i in section.items if i.id == item_id), None) if section else None
        if item is None:
            return []  # an area of Core Responsibilities: answered as an area, not here
        hits.append(_unit_hit(kb, item))
    return hits


def _best_area(query: Query) -> Section | None:
    """ "which sector is adopting AI fastest?": for a question for one thing that no item answers
    alone, the area of the intent's sections whose title and items together have the most of the
    question's words (a word in the title counts double, as in the search), when it has
    `AREA_COVERAGE` of them and clearly leads the next."""
    index = index_for(query.kb)
    areas = _areas(query)
    words = _specific(query)
    weights = {w: max((index.idf.get(f, 0.0) for f in index.expand(w)), default=0.0) for w in words}
    total = sum(weights.values())
    if total <= 0:
        return None
    scored: list[tuple[float, float, Section]] = []
    for area in areas:
        if not area.items:
            continue
        title, text = _area_terms(index, area.id)
        score = matched = 0.0
        for w in words:
            forms = index.expand(w) | {w}
            if forms & title:
                score, matched = score + 2 * weights[w], matched + weights[w]
            elif forms & text:
                score, matched = score + weights[w], matched + weights[w]
        scored.append((score, matched / total, area))
    scored.sort(key=lambda s: -s[0])
    titled = [
        a for a in areas if a.items and any(index.expand(w) & _area_terms(index, a.id)[0] for w in words)
    ]
    if len(titled) == 1 and not (scored and scored[0][1] >= AREA_COVERAGE and scored[0][2] is not titled[0]):
        return titled[0]  # "what 'strategic' qualities ...?": the one area whose title says it
    if not scored or scored[0][1] < AREA_COVERAGE:
        return None
    if len(scored) > 1 and scored[1][0] >= scored[0][0]:
        return None
    return scored[0][2]


@lru_cache(maxsize=1024)
def _area_terms(index: GuideIndex, section_id: str) -> tuple[frozenset[str], frozenset[str]]:
    """An area's title terms and its items' terms (titles, text, points), read once per knowledge base."""
    area = index.kb.section(section_id)
    text = frozenset(t for i in area.items for t in terms_of(" ".join((i.title, i.text, *i.points))))
    return frozenset(terms_of(area.title)), text


def _area_elsewhere(query: Query) -> Section | None:
    """The area anywhere else in the guide (but the salary tables) whose title has two of the words
    of the question's asking clause and whose title and items have `AREA_COVERAGE` of their weight,
    clearly ahead of the next: for a question for one thing that its intent's sections do not
    answer. The intent's own section words count here ("industries" read as Industry Trends)."""
    kb = query.kb
    index = index_for(kb)
    plain = FORM_WORDS | set(terms_of(kb.title)) | DEVELOP_WORDS
    asked = {t for part in _asking_one(query) for t in terms_of(part)}
    words = [w for w in query.words if w in asked and w not in plain and index.expand(w)]
    weights = {w: max(index.idf.get(f, 0.0) for f in index.expand(w)) for w in words}
    total = sum(weights.values())
    if len(words) < 2 or total <= 0:
        return None
    scored: list[tuple[float, Section]] = []
    own = _within(kb, _own_sections(query))  # those were asked first (`_best_area`)
    for area in (a for a in _all_areas(kb) if a.id not in own):
        title, text = _area_terms(index, area.id)
        titled = [w for w in words if index.expand(w) & title]
        said = [w for w in words if index.expand(w) & (title | text)]
        if len(titled) >= 2 and sum(weights[w] for w in said) >= AREA_COVERAGE * total:
            scored.append(
                (sum(weights[w] for w in said) / total + sum(weights[w] for w in titled) / total, area)
            )
    scored.sort(key=lambda s: -s[0])
    if not scored or scored[0][0] < AREA_COVERAGE or (len(scored) > 1 and scored[1][0] >= scored[0][0]):
        return None
    return scored[0][1]


def _names_own(query: Query) -> bool:
    """Whether the question names one of its intent's top-level sections ("trends in healthcare")."""
    from bot.engine.subject import section_named

    index = index_for(query.kb)
    tops = {query.kb.section(s).parent or s for s in _own_sections(query)}
    return any(section_named(query.question, top, index) for top in tops)


def _all_areas(kb: KnowledgeBase) -> list[Section]:
    """Every subsection with items, but the salary tables'."""
    salary = slugify(kb.salaries.title)
    return [s for s in kb.sections.values() if s.parent is not None and s.items and s.parent != salary]


def _intro_draft(query: Query) -> Draft | None:
    """ "is demand for AI leads still climbing?": a yes/no question about the intent's section as a
    whole, answered by the sentence of its introduction that has the question's words ("The demand
    for AI tech leads continues to grow rapidly ..."); a verdict only when the question has no word
    the guide lacks (then the sentence may not be what was asked). None when no sentence fits, and
    for a list intent (its list shows whether the thing asked about is one of them)."""
    kb = query.kb
    if kb.intents[query.intent].topic_section:
        return None  # "is that a challenge too?": a list answers whether it is one of them
    from bot.engine.answers import plain

    index = index_for(kb)
    asked = {f for w in query.words for f in index.expand(w)}
    tops = [kb.section(s) for s in _own_sections(query) if kb.section(s).parent is None]
    found = [
        (section, sentence)
        for section in tops
        for sentence in (first_sentence(p).rstrip(":").strip() for p in section.intro)
        if asked & set(terms_of(sentence))
    ]
    verdict = None
    if found:
        section, sentence = found[0]
        verdict = _verdict(query, [sentence], section)
        if any(not index.expand(w) for w in query.words):
            verdict = None
    elif (
        plain(query.intent) and tops and tops[0].intro
    ):  # "will it be hard to hire one?": its point, no verdict
        section, sentence = tops[0], first_sentence(tops[0].intro[0]).rstrip(":").strip()
    else:
        return None
    where = esc(section.title)
    lead = f"{verdict}: the guide, in {where}: " if verdict else f"The guide, in {where}: "
    figure = _figure(kb, section)
    said = f" {esc(figure[0].title)}: {esc(figure[1])}" if figure else ""
    used = (section.id, figure[0].id) if figure else (section.id,)
    stop = "" if sentence.endswith((".", "!", "?")) else "."  # first_sentence keeps its own stop
    return Draft((Text(f"{lead}“{esc(sentence)}{stop}”{said}"),), used, more=section.title)


_DIGIT = re.compile(r"\d")


def _figure(kb: KnowledgeBase, section: Section) -> tuple[Section, str] | None:
    """The first area of `section` whose bullets give figures, and those bullets ("Market Size and
    Growth: The global AI market is projected to reach over $1.3 trillion by 2030. Expected CAGR of
    35.7% ..."): a yes/no question about the whole section gets its figures with its point."""
    for child in (kb.section(c) for c in section.children):
        texts = [i.text for i in child.items if not i.title and _DIGIT.search(i.text)]
        if texts:
            return child, " ".join(t if t.endswith((".", "!", "?")) else f"{t}." for t in texts)
    return None


def _own_sections(query: Query) -> list[str]:
    spec = query.kb.intents[query.intent]
    return [s for s in spec.sections if s in query.kb.sections]


def _generic(query: Query) -> frozenset[str]:
    """Words that only name the intent's section ("challenges", "soft skills") or say how the
    question asks ("list", "important"): no focus. The same for every question of an intent (kept
    per knowledge base and intent: a focused answer asks for them several times)."""
    return _generic_of(index_for(query.kb), query.intent)


@lru_cache(maxsize=64)
def _generic_of(index: GuideIndex, intent: str) -> frozenset[str]:
    kb = index.kb
    spec = kb.intents[intent]
    words = set(terms_of(spec.label)) | FORM_WORDS
    for section_id in spec.sections:
        section = kb.sections.get(section_id)
        if section is not None and section.parent is None:
            words.update(terms_of(section.title))
    words.update(terms_of(kb.title))
    return frozenset(words)


def _topic_hit(query: Query) -> Hit | None:
    """The item the query's `topic` names (the intent matcher fills it), as a search hit."""
    if not query.topic:
        return None
    kb = query.kb
    search = [query.topic_section] if query.topic_section in kb.sections else []
    for section_id in [*search, *_own_sections(query)]:
        section = kb.sections[section_id]
        for candidate in (section, *(kb.section(c) for c in section.children)):
            for item in candidate.items:
                if item.id == query.topic:
                    for unit in index_for(kb).units:
                        if unit.item is item:
                            return Hit(unit, 1.0, 1.0, True)
    return None


def _topic_area(query: Query) -> Section | None:
    """The subsection the query's `topic` names ("data-governance" under Core Responsibilities)."""
    kb = query.kb
    if not query.topic:
        return None
    for section_id in (query.topic, f"{query.topic_section}/{query.topic}"):
        if section_id in kb.sections and kb.section(section_id).parent is not None:
            return kb.section(section_id)
    return None


def _areas(query: Query) -> list[Section]:
    """The subsections the intent answers from (those of its top-level sections included)."""
    kb = query.kb
    out: dict[str, Section] = {}
    for section_id in _own_sections(query):
        section = kb.section(section_id)
        for child in (section, *(kb.section(c) for c in section.children)):
            if child.parent is not None and (child.items or child.intro):
                out[child.id] = child
    return list(out.values())


def _title_covers(query: Query, sections: Sequence[Section]) -> list[float]:
    """For each of `sections`: the share of the question's specific word weight its title matches
    (0-1). The question's words and their weights are read once for all of them."""
    words = [w for w in query.words if w not in _generic(query)]
    index = index_for(query.kb)
    titles = {t for area in _areas(query) for t in terms_of(area.title)}
    rarest = index.rarest
    expanded = {w: index.expand(w) | ({w} & titles) for w in words}
    # a word only the areas' titles have ("networking") is as specific as the rarest guide word
    weights = {w: max((index.idf.get(e, rarest) for e in expanded[w]), default=0.0) for w in words}
    total = sum(weights.values())
    covers = []
    for section in sections:
        title = set(terms_of(section.title))
        named = [w for w in words if expanded[w] & title or any(_same_word(w, t) for t in title)]
        covers.append(sum(weights[w] for w in named) / total if total > 0 else 0.0)
    return covers


def _same_word(word: str, other: str) -> bool:
    """ "education" and "educational": one starts with the other, a few letters apart (search's rule)."""
    short, long = sorted((word, other), key=len)
    return len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 4


def _area(query: Query, hit: Hit | None) -> Section | None:
    """The subsection whose title the question's specific words name ("how do I network?" ->
    Career Development › Networking), when no item's title matches them as well."""
    best, best_cover = None, 0.0
    areas = _areas(query)
    for section, cover in zip(areas, _title_covers(query, areas), strict=True):
        if cover > best_cover:
            best, best_cover = section, cover
    if best is None or best_cover < AREA_COVERAGE:
        return None
    if hit is not None and hit.in_title:  # an item's title names it as well: the item, more exactly
        if hit.coverage > best_cover or (hit.coverage == best_cover and hit.unit.section_id == best.id):
            return None
    return best


def _area_draft(query: Query, section: Section, *, shown: frozenset[str] | None = None) -> Draft:
    """One subsection: where it sits, then each of its items in full (they are few); with `shown`
    (item ids), only those items in full and the others by their titles on one line (the room
    then goes to other sections' places: `also_meant`)."""
    kb = query.kb
    parent = top_of(kb, section)
    count = len(parent.children)
    if count > 1:
        head = f"*{esc(section.title)}* is one of the {count} areas of the guide's {esc(parent.title)}"
    else:
        head = f"*{esc(section.title)}*, in the guide's {esc(parent.title)}"
    verdict = _verdict(query, [t for i in section.items for t in (i.text, *i.points)], section)
    point = None if verdict or shown is not None else _answering_bullet(query, section)
    if point is not None:  # the bullet that answers it first, then where it sits and the others
        said = f"{point.title}: {point.text}" if point.title else point.text
        lines = [f"*{esc(said)}* ({esc(section.title)}, one of the areas of the guide's {esc(parent.title)})"]
        if len(section.items) > 1:
            lines.append("Also in this area:")
    else:
        lines = [f"{verdict}: {head}" if verdict else head]
        lines[0] += ":" if section.items else f": {esc(' '.join(section.intro))}"
    folded = [i for i in section.items if shown is not None and i.id not in shown and i.title]
    for item in section.items:
        if item in folded or item is point:
            continue
        body = item.text or joined(item.points)
        lines.append(f"• *{esc(item.title)}*: {esc(body)}" if item.title else f"• {esc(body)}")
        if item.text and item.points:
            lines += [f"    ◦ {esc(p)}" for p in item.points]
    if folded:
        lines.append("• Also in this area: " + esc(", ".join(i.title for i in folded)) + ".")
    parts: list[Part] = [Text("\n".join(lines))]
    more = _whole_title(query, section)
    return Draft(tuple(parts), (section.id,), topic=(parent.title, section.title), more=more)


def _answering_bullet(query: Query, section: Section) -> Item | None:
    """Of an area's one-line bullets, the one that answers the question ("which industries are
    growing fastest?": "Healthcare and life sciences show the fastest growth rate ..."): the one
    sharing the most of the question's specific word weight, clearly more than any other (twice
    as much) and at least one of its rarer words; None when no bullet stands out so."""
    items = [i for i in section.items if i.text and not i.points]
    if len(items) < 2 or len(items) != len(section.items):
        return None
    index = index_for(query.kb)
    generic = _generic(query)
    title = set(terms_of(section.title))  # what names the area asks for all of it ("education requirements")
    words = {w for w in query.words if w not in generic and w not in title}
    words = {w for w in words if not any(_same_word(w, t) for t in title)}
    if not words:
        return None

    def weight(item: Item) -> float:
        said = set(terms_of(f"{item.title} {item.text}"))
        return sum(index.idf.get(w, 0.0) for w in words if w in said or any(_same_word(w, t) for t in said))

    scored = sorted(((weight(i), n) for n, i in enumerate(items)), reverse=True)
    (top, at), (second, _) = scored[0], scored[1]
    if top <= 0 or top < 2 * second or top < ANSWERING_WEIGHT:
        return None
    return items[at]


ANSWERING_WEIGHT = 3.0
"""The least idf weight of the question's words a bullet must share to be said first (about one
word the guide uses in a few places only)."""


def _best(query: Query) -> Hit | None:
    """The guide item the question's own words point at, within the intent's sections; None
    when the words are no more specific than the section ("what are the challenges?")."""
    generic = _generic(query)
    words = [w for w in query.words if w not in generic]
    if not words:
        return None
    form = query.form or Form()
    index = index_for(query.kb)
    own = _own_sections(query)
    if form.develop:  # "how do I get X?": the guide's development section answers first
        develop = _development(query.kb)
        words = [w for w in words if w not in DEVELOP_WORDS] or words
        hits = _fullest(index.search(words, sections=develop, limit=3))
        if hits and _strong(hits[0], len(words)):
            return hits[0]
    hits = _fullest(index.search(words, sections=own, limit=3))
    if hits and _strong(hits[0], len(words)):
        return hits[0]
    # nothing in the intent's own sections: an item elsewhere whose title names most of the words
    # ("what certifications or courses help my career?" -> Career Development's Certifications and Courses)
    salary = _salary_ids(index)
    elsewhere = [h for h in index.search(words, limit=6) if h.unit.section_id not in salary and h.unit.item]
    best = _fullest(elsewhere)
    known = [w for w in words if index.expand(w)]  # "exec here. is demand climbing?": one word the guide has
    if best and len(known) >= 2 and best[0].in_title and best[0].coverage >= ELSEWHERE_COVERAGE:
        return best[0]
    return None


FULLER = 0.25
"""A runner-up that matches this much more of the question's words than the first hit (whose
score came from one word in a title) is the better answer: "can an ML engineer ..." is about the
step that names both, not the item titled "... Engineering"."""


def _fullest(hits: list[Hit]) -> list[Hit]:
    """`hits` with the one that matches clearly more of the question first."""
    if not hits:
        return hits
    fuller = max(hits, key=lambda h: h.coverage)
    if fuller is not hits[0] and fuller.coverage >= hits[0].coverage + FULLER:
        return [fuller, *(h for h in hits if h is not fuller)]
    return hits


def _strong(hit: Hit, count: int) -> bool:
    """Confident enough to answer with this one item rather than the list."""
    if hit.unit.item is None:
        return hit.coverage >= 0.75 and count >= 2
    if hit.in_title:
        return hit.coverage >= 0.4
    return hit.coverage >= 0.7 and (count >= 2 or hit.score >= RARE)


def _development(kb: KnowledgeBase) -> list[str]:
    """The guide's development sections: those the career intent answers from."""
    spec = kb.intents.get("career")
    return [s for s in (spec.sections if spec else ()) if s in kb.sections]


def _item_draft(query: Query, hit: Hit, *, sure: bool = False) -> Draft:
    """One item, in the guide's words, where it sits. `sure`: the item was found clearly nearest the
    question (`_yes_no_nearest`), so a yes/no question gets its verdict even when few of its words
    are the item's."""
    kb = query.kb
    section = kb.section(hit.unit.section_id)
    item = hit.unit.item
    where = _where(kb, section)
    parts: list[Part] = []
    if item is None:
        said = _sentences(hit.unit.text, 2)
        lead = f"The guide, in {esc(where)}: {esc(said)}"
        entries = _introduced(kb, section) if said.rstrip().endswith(":") else ""
        parts.append(Text(f"{lead} {entries}." if entries else lead))
        topic = None
    else:
        sure = sure or hit.coverage >= YES_COVERAGE
        verdict = _verdict(query, [item.text, *item.points], section)
        if not (sure or (hit.in_title and verdict not in (None, "Yes"))):
            verdict = None  # a weak match gets no "Yes"; a hedge the item's title was asked about stands
        lead = _item_lead(kb, section, item, verdict=verdict)
        unheard = _unheard(query) if (query.form or Form()).yes_no else None
        if unheard:  # "should we require HIPAA experience?": not in the guide; the nearest it says
            lead = f"_The guide does not mention {esc(unheard)}; the nearest it says:_ {lead}"
        parts.append(Text(lead))
        if len(item.points) > 3 or (item.text and item.points):
            parts.append(Text("\n".join(f"• {esc(p)}" for p in item.points)))
        if verdict == "Yes" and item.title:  # a titled item of a list: why the list matters
            parts += _reason(kb, top_of(kb, section))
        topic = topic_of(kb, section, item)
    used = [section.id]
    related = () if query.brief else _related(query, hit)
    if related:
        words = [w for w in query.words if w not in _generic(query)]
        lines = ["*Also in the guide*"] + [_hit_line(kb, h, words) for h in related]
        parts.append(Text("\n".join(lines)))
        used += [h.unit.section_id for h in related]
    more = _whole_title(query, section)
    return Draft(tuple(parts), tuple(dict.fromkeys(used)), topic=topic, more=more)


def _introduced(kb: KnowledgeBase, section: Section) -> str:
    """What a section's sentence ending in a colon introduces ("focus on these key areas:"): its
    subsections' titles, else its items' ("Technical Expertise, Leadership and Management, …"),
    so an answer never stops at the colon; "" when it has neither."""
    titles = [kb.sections[c].title for c in section.children if c in kb.sections]
    titles = titles or [i.title for i in section.items if i.title]
    return esc(", ".join(titles))


def _item_lead(kb: KnowledgeBase, section: Section, item: Item, *, verdict: str | None) -> str:
    """ "*Emotional Intelligence* is one of the guide's 9 Essential Soft Skills: self-awareness;
    empathy; strong social skills." — the item in the guide's words, where it sits."""
    title = item.title or ""
    body = item.text or (_joined(item.points) if len(item.points) <= 3 else "")
    count = len(section.items)
    where = _where(kb, section)
    if not title:
        return f"{f'{verdict}. ' if verdict else ''}The guide, in {esc(where)}: {esc(body)}"
    if section.parent is None and count > 1:
        among = f"one of the guide's {count} {esc(section.title)}"
    elif count > 1:
        among = f"one of {count} items under {esc(where)} in the guide"
    else:
        among = f"in the guide's {esc(where)}"
    head = f"{verdict}: *{esc(title)}* is {among}" if verdict else f"*{esc(title)}* is {among}"
    return f"{head}: {esc(body)}" if body else f"{head}."


_HEDGED = (("emerging", "Not yet"), *((h, "Not strictly") for h in _NOT_STRICT))
"""The guide's words that hedge what an item says, and the verdict they give a yes/no question
("is quantum AI mainstream?": an "Emerging research area", not yet; "are certifications required?":
"While not always required", not strictly)."""
_REQUIRED = re.compile(
    r"\b(?:need|needs|needed|require[sd]?|requirement|requirements|must|mandatory|necessary|have to"
    r"|has to|prerequisite|non-negotiable|dealbreaker|deal breaker|compulsory|obligatory)\b"
)
"""A yes/no question about whether something is required: a hedge of the guide's says "Not strictly"."""
_HEDGE_YES = {
    "usually": "Usually",
    "typically": "Usually",
    "generally": "Usually",
    "often": "Often",
    "can be": "It can",
    "while not always": "It can",
    "not always required": "It can",
}
"""A hedge's verdict for a yes/no question that asks whether something counts, helps or is expected,
not whether it is required: the guide's own hedge ("often viewed favorably": often)."""


def _asking(question: str) -> str:
    """The question's asking sentence (the last with a question mark), else the whole question."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", question.lower().strip()) if s]
    asking = [s for s in sentences if "?" in s]
    return asking[-1] if asking else question.lower()


_ALTERNATIVES = re.compile(r"\bor\b(?! (?:not|no|nah)\b)")
"""A yes/no question that offers alternatives ("is this an IC role or do you manage people?")."""


_MEETS = re.compile(r"\b(?:meet|meets|qualif\w*|eligible|enough|cut it|make the cut|tick\w*)\b")
"""A question whether the asker meets a requirement ("do I meet...", "am I qualified", "is that
enough"), not whether the requirement is one."""


def _verdict(query: Query, texts: Sequence[str], section: Section) -> str | None:
    """The first word of the answer to a yes/no question, from the guide's words `texts` (the item
    or area that answers it): "Not yet" / "Not strictly" where the guide hedges, unless the question
    asks only whether the item is one of its section's list ("is quantum AI a trend?"); "Yes" where
    it does not, unless the question offers alternatives (a bare "Yes" would not say to which);
    None for a question that is not yes/no."""
    form = query.form or Form()
    if form.ranked and len(section.items) > 1:
        return NOT_RANKED  # "is communication the most important soft skill?": listed, not ranked
    if not form.yes_no or _JUDGEMENT.search(_asking(query.question)) or _unheard(query):
        return None
    facts = query.facts
    if facts and (facts.degree or facts.years is not None) and _MEETS.search(_asking(query.question)):
        # "do I meet the education requirements?" with the asker's master's: the verdict on them
        # (bot.engine.facts) answers it; "Not strictly" (the item's "typically") would contradict it
        return None
    from bot.engine.subject import section_named

    words = " ".join(texts).lower()
    hedge = next(((word, verdict) for word, verdict in _HEDGED if word in words), None)
    top = top_of(query.kb, section)
    if hedge and not section_named(query.question, top.id, index_for(query.kb)):
        if hedge[1] == "Not strictly" and not _REQUIRED.search(_asking(query.question)):
            # "do publications count for anything?": not asked whether it is required, and "often
            # viewed favorably" is a yes with the guide's own hedge
            return _HEDGE_YES.get(hedge[0], "Often")
        return hedge[1]
    skipped = _SKIP.search(_asking(query.question).lower())
    if skipped is not None:
        # "can i skip being a senior engineer?": a step the guide names is not skipped by it; a
        # "Yes" (that the area is there) would say the opposite
        named = set(terms_of(skipped.group(1))) & set(terms_of(words)) - _generic(query)
        return "Not by the guide" if named else None
    if _ALTERNATIVES.search(query.question.lower()) or _HARM.search(query.question.lower()):
        return None
    if _SUFFICES.search(_asking(query.question).lower()) and len(section.items) > 1:
        return "Not by itself"  # "is python enough?": the guide lists it with others, not alone
    return "Yes"


def _unheard(query: Query) -> str | None:
    """A word of the asking sentence that is neither the guide's nor a typo of one
    (bot.engine.normalize.Analyzer.foreign) nor a common word the encoder's tokenizer has whole
    ("should we require *HIPAA* experience?"), as the question spells it: what is asked about is
    not in the guide, so a "Yes" that an item near it is listed would answer another question; None
    when every word is known (or no encoder read the question)."""
    if query.encoder is None:
        return None
    return _unheard_in(query.question, index_for(query.kb), query.encoder)


@lru_cache(maxsize=1024)
def _unheard_in(question: str, index: GuideIndex, encoder: Any) -> str | None:
    """`_unheard`, kept per question: a yes/no answer asks it for its verdict and for its lead."""
    analyzer = analyzer_for(index.kb)
    tokens = tokens_of(_asking(question))
    for token, term in zip(tokens, analyzer.terms(tokens), strict=True):
        if any(p.fullmatch(token) for p in _ASKED_HOW):
            continue  # "dealbreaker?", "a prerequisite?": how it asks, not what it asks about
        if analyzer.foreign(term) and not encoder.knows(token):
            found = re.search(rf"(?<![\w]){re.escape(token)}(?![\w])", question, re.IGNORECASE)
            return found.group(0) if found else token
    return None


_JUDGEMENT = re.compile(
    r"\b(?:(?:a |an )?(?:good |strong |great |right |decent )?(?:fit|match) for"
    r"|(?:a |an )?(?:good |strong |great |right |decent )fit|better off|(?:a )?good idea"
    r"|(?:the )?right (?:call|move|choice|person|hire)"
    r"|(?:a )?(?:good|smart|wise) (?:hire|move|choice|bet|candidate)|hard to (?:find|hire|get|recruit|keep)"
    r"|worth (?:it|learning|doing|getting|pursuing|the (?:time|money|effort))|(?:is|was) (?:she|he)\b"
    r"|(?:are|were) (?:they|we)\b"
    r"|(?:going to|gonna|will|would|could|might) (?:\w+ )?(?:replace|eliminate|kill|take over)\b"
    r"|(?:make|makes|render|renders) (?:\w+ ){0,3}(?:obsolete|redundant|irrelevant)\b"
    r"|(?:over-?hyped|hyped|hype|overrated|underrated|a fad|a bubble)\b)"
)
"""A yes/no question that asks for a judgement about a person or a choice ("is she a fit for the
req?", "would we be better off promoting a data scientist?", "are they hard to find?", "is quantum
AI worth learning?", "is AutoML going to replace AI leads?"): the guide's words bear on it, but a
"Yes" (that an item is listed) or its hedge ("Not yet": an emerging area) would answer another
question, so none is given."""


_SKIP = re.compile(
    r"\b(?:skip(?:ping)?|bypass(?:ing)?|jump(?:ing)? (?:over|past)|go(?:ing)? straight (?:past|from)"
    r"|without (?:being|having been|ever being|going through|doing))\s+([^?.!,;]{3,60})"
)
"""A yes/no question whether a step can be left out ("can i skip being a senior engineer?", "can I
go to lead without being a senior?"), with what it would leave out."""


NOT_RANKED = "The guide does not rank them"
"""The verdict on whether an item comes first in its list (`Form.ranked`): the guide's lists are
not ranked, so a "Yes" that it is listed would read as "yes, the most important"."""


_SUFFICES = re.compile(
    r"\b(?:enough(?! to\b)|sufficient|suffices?|all (?:i|you|one|we) (?:need|needs?)|on its own|by itself"
    r"|alone|the only)\b"
)
"""A yes/no question whether one thing suffices ("is python enough?", "is a portfolio all I need?",
"is python the only language I need?"):
the guide lists it among others, so a bare "Yes" would overstate it."""


_HARM = re.compile(
    r"\b(?:a problem|an issue|dealbreaker|deal breaker|at a disadvantage|hurt me|hold me back"
    r"|(?:can|could) (?:i|we|they|she|he|you|one) still|(?:is it|is that|would it be|would that be) bad)\b"
)
"""A yes/no question about a lack ("never touched PyTorch, is that a problem?", "never managed
anyone, can I still become one?"): a "Yes" that the guide lists the item would read as "yes, a
problem" or "yes, you can"; the item's words answer it instead."""


_HYPE = re.compile(r"over-?hyped|hyped|hype|overrated|underrated|fad|bubble")
_ASKED_HOW = (_HARM, _REQUIRED, _SUFFICES, _MEETS, _HYPE)
"""Words that say how a yes/no question asks ("dealbreaker?", "a prerequisite?", "overhyped?"),
never what it asks about: no word of theirs is one the guide lacks (`_unheard`)."""


_WHY = re.compile(
    r"\b(?:crucial|essential|important|critical|vital|key to|success\w*|impact\w*)\b", re.IGNORECASE
)
"""A sentence of a section's introduction that says why its list matters ("... is crucial for success")."""


WHY_LEAD = "Why, says the guide:"


def _reason(kb: KnowledgeBase, top: Section) -> list[Part]:
    """Why the guide lists it, in its own words: the first sentence of the item's top-level
    section's introduction that says why ("crucial for success"); nothing when none does."""
    for paragraph in top.intro:
        rest = paragraph
        while rest:
            sentence = first_sentence(rest)
            rest = rest[len(sentence) :].strip()
            if _WHY.search(sentence):
                return [Context(f"{WHY_LEAD} “{esc(sentence.rstrip(':').strip())}”")]
    return []


def topic_at(kb: KnowledgeBase, section_id: str, item_id: str) -> dict[str, str] | None:
    """The contract's topic (`topic_of`) of a query's `topic_section` and `topic`: an item of that
    section, or an area under it (Core Responsibilities › Data Governance); None when there is none."""
    section = kb.sections.get(section_id)
    item = next((i for i in section.items if i.id == item_id), None) if section else None
    if section is not None and item is not None:
        top, title = topic_of(kb, section, item)
    else:
        area = kb.sections.get(f"{section_id}/{item_id}")
        if area is None:
            return None
        top, title = top_of(kb, area).title, area.title
    return {"section": top, "item": title}


def topic_of(kb: KnowledgeBase, section: Section, item: Item) -> tuple[str, str]:
    """The contract's topic: the top-level section's title and the item's. Where the guide's
    topics are a section's subsections (Core Responsibilities › Data Governance) or the item has
    no title (Career Path's steps), the item is its subsection."""
    top = top_of(kb, section)
    topical = {spec.topic_section for spec in kb.intents.values() if spec.topic_section}
    if section.parent is not None and (section.parent in topical or not item.title):
        return top.title, section.title
    return top.title, item.title or first_sentence(item.text)


def _related(query: Query, hit: Hit) -> list[Hit]:
    """Another item, from any section, the question's words also point at."""
    words = [w for w in query.words if w not in _generic(query)]
    if not words:
        return []
    form = query.form or Form()
    boost = _development(query.kb) if form.develop else ()
    found = []
    seen = {hit.unit.section_id, *_salary_ids(index_for(query.kb))}
    index = index_for(query.kb)
    told = {w for w in words if index.expand(w) & hit.unit.terms}  # what the item already matches
    for other in index.search(words, boost=boost, limit=12):
        if other.unit is hit.unit or other.unit.item is None or other.unit.section_id in seen:
            continue
        if not any(index.expand(w) & other.unit.title_terms for w in words if w not in told):
            continue  # it must name something the question asks that the item does not
        if other.in_title and other.coverage >= max(RELATED_COVERAGE, hit.coverage):
            found.append(other)
            seen.add(other.unit.section_id)
        if len(found) == MAX_RELATED:
            break
    return found


def _hit_line(
    kb: KnowledgeBase, hit: Hit, words: list[str] | tuple[str, ...] = (), *, whole: bool = False
) -> str:
    """One place, briefly: its section, its title, and its words that mention `words` (the
    first sentence when that does, else the sentence or sub-points that do), cut at `CLIP`
    characters unless `whole`."""
    section = kb.section(hit.unit.section_id)
    item = hit.unit.item
    where = esc(_where(kb, section))
    if item is None:
        return f"• {where}: {esc(_clip(_mentioning(kb, _pieces(hit.unit.text, ()), words, joined=False)))}"
    body = _mentioning(kb, _pieces(item.text, item.points), words, joined=not item.text)
    title = f"*{esc(item.title)}*: " if item.title else ""
    return f"• {where} — {title}{esc(body if whole else _clip(body))}"


def _brief_lines(
    kb: KnowledgeBase, hit: Hit, words: list[str] | tuple[str, ...], near: Any = None
) -> list[str]:
    """Shorter lines for a place than `_hit_line`'s, longest first: labelled by its title and its
    top-level section only ("• *Privacy Protection* (Core Responsibilities): …", as an answer across
    the guide labels a place), with its words, then with only its first whole sentence or sub-point
    that mentions `words` (else its first), so that one more place fits in the answer's lines."""
    item = hit.unit.item
    if item is None or not item.title:
        return []
    section = kb.section(hit.unit.section_id)
    head = f"• *{esc(item.title)}* ({esc(top_of(kb, section).title)}): "
    pieces = _pieces(item.text, item.points)
    body = _mentioning(kb, pieces, words, joined=not item.text)
    index = index_for(kb)
    forms = {f for w in words for f in index.expand(w)} | set(words)
    said = [p for p in pieces if forms & set(terms_of(p))] or pieces
    if near is not None and len(said) > 1:  # the one nearest the question in meaning
        cosines = near(said)
        said = [said[max(range(len(said)), key=lambda k: cosines[k])]]
    first = said[0] if said else ""
    out = [head + esc(_clip(body))]
    if first and first != body:
        out.append(head + esc(first.rstrip(". ")) + ("; …" if len(pieces) > 1 else "."))
    return out


def _pieces(text: str, points: tuple[str, ...]) -> list[str]:
    """A text's sentences, then its sub-points."""
    out, rest = [], text.strip()
    while rest:
        sentence = first_sentence(rest)
        out.append(sentence)
        rest = rest[len(sentence) :].strip()
    return out + list(points)


def _mentioning(
    kb: KnowledgeBase, pieces: list[str], words: list[str] | tuple[str, ...], *, joined: bool
) -> str:
    """The first piece, or, when it does not mention `words` and another does, those that do."""
    if not pieces:
        return ""
    whole = _joined(tuple(pieces)) if joined else pieces[0]
    if not words:
        return whole
    index = index_for(kb)
    forms = {f for w in words for f in index.expand(w)} | set(words)
    hits = [p for p in pieces if forms & set(terms_of(p))]
    if not hits or (forms & set(terms_of(whole)) and len(whole) <= CLIP):
        return whole
    if joined and len(_joined(tuple(hits))) > CLIP:  # too long together: those with the rarest words
        weights = [sum(index.idf.get(t, 0.0) for t in forms & set(terms_of(p))) for p in hits]
        hits = [p for p, w in zip(hits, weights, strict=True) if w >= max(weights)]
    return _joined(tuple(hits)) if joined else hits[0]


def _whole_title(query: Query, section: Section) -> str:
    kb = query.kb
    top = top_of(kb, section)
    own = _own_sections(query)
    return top.title if top.id in own or not own else kb.source_title(own[0])


# --- the asker's years and degree ---------------------------------------------------------------


def _facts_draft(query: Query, facts: AskerFacts) -> Draft | None:
    kb = query.kb
    lines: list[str] = []
    used: list[str] = []
    topic = None
    asks_years = query.form is not None and query.form.asks_years
    # "is a PhD a must or is industry experience enough?": the degree and the experience, both
    both = facts.years is None and _asks_degree(query) and bool(_EXPERIENCE.search(query.question))
    if facts.years is not None or asks_years or both:
        found = _years_line(query, facts.years, bands=not both)
        if found:
            lines.append(found[0])
            used += found[1]
            topic = found[2]
    if facts.degree or _asks_degree(query):
        found = _degree_line(query, facts.degree)
        if found:
            lines.append(found[0])
            used += found[1]
            topic = topic or found[2]
    if not lines:
        return None
    if both and len(lines) == 2 and _asks_degree_first(query):
        lines.reverse()  # in the order asked
    facts_given = facts.years is not None or facts.degree is not None
    if facts_given:  # said in the same block: it is part of the point
        lines[-1] += " _Compared by the bot with the guide's own words, quoted here._"
    parts: list[Part] = [Text(line) for line in lines]
    own = _own_sections(query)
    more = kb.section(own[0]).title if own else None
    # the asker's years and degree are answered the same whichever of these intents was read
    return Draft(tuple(parts), tuple(dict.fromkeys(used)), topic=topic, more=more, same_for=FACT_INTENTS)


_ASKS_DEGREE = re.compile(
    r"\b(?:ph\.? ?d\.?|phds?|degrees?|bachelor'?s?|masters|master's|master degree|msc|doctora\w*"
    r"|(?:university|college|graduate) (?:study|studies|education|schooling)|schooling"
    r"|level of (?:education|study|studies))(?!\w)",
    re.IGNORECASE,
)
"""A degree named ("do I need a PhD?", "a master's") or the level of study asked ("what level of
university study ...?", "how much schooling ...?"), not the verb ("which algorithms should I master?")."""


def _asks_degree_first(query: Query) -> bool:
    text = _straight(query)
    degree = _ASKS_DEGREE.search(text)
    years = _EXPERIENCE.search(text)
    return degree is not None and (years is None or degree.start() < years.start())


def _asks_degree(query: Query) -> bool:
    return bool(_ASKS_DEGREE.search(_straight(query)))


def _straight(query: Query) -> str:
    """The question with curly apostrophes straightened ("master’s"), as the degree patterns read it."""
    return set_aside(query.question)  # "not degrees, I mean certifications" asks no degree


def _requirement(kb: KnowledgeBase, pattern: re.Pattern[str]) -> tuple[Section, Item] | None:
    """The first guide item outside the salary tables whose words match `pattern`."""
    salary = slugify(kb.salaries.title)
    preferred = [s for s in kb.sections.values() if s.id.startswith("requirements")]
    rest = [s for s in kb.sections.values() if not s.id.startswith(("requirements", salary))]
    for section in (*preferred, *rest):
        for item in section.items:
            if pattern.search(item.text):
                return section, item
    return None


_EXPERIENCE = re.compile(r"\b(?:experience|exp|years?|yrs|yoe|tenure)\b", re.IGNORECASE)
"""The experience named beside a degree ("a PhD or solid industry experience?")."""


def _years_line(
    query: Query, years: float | None, *, bands: bool = True
) -> tuple[str, list[str], tuple[str, str]] | None:
    """The guide's experience requirement, compared with the asker's `years` when given; with no
    years, the salary table's experience bands too (`bands`), unless it is said beside the degree."""
    kb = query.kb
    found = _requirement(kb, _REQUIRED_YEARS)
    if found is None:
        return None
    section, item = found
    match = _REQUIRED_YEARS.search(item.text)
    assert match is not None
    phrase, needed = match.group(1).strip(), int(match.group(2))
    hedged = any(h in item.text.lower() for h in _HEDGES)
    quote = f"“{esc(item.text)}” ({esc(_where(kb, section))} › {esc(item.title)})"
    if years is None:
        names = esc(", ".join(b.label for b in kb.salaries.bands())) if bands else ""
        line = (
            f"*The guide's figure: {esc(phrase)}.* It says: {quote}. "
            f"Its salary table's experience bands: {names}."
            if bands and names
            else f"*The guide's figure: {esc(phrase)}.* It says: {quote}."
        )
        return line, [section.id], topic_of(kb, section, item)
    shown = f"{years:g} years"
    field = _FIELD.match(item.text[match.end() :])  # "in AI/ML roles": where the years count
    lowest = next(iter(kb.salaries.bands()), None)
    if field and query.facts is not None and query.facts.outside_ml:  # the question's or the conversation's
        # "9 yrs backend, zero ML background": years, but not where the guide counts them
        verdict = (
            f"*Not yet by the guide's figure: it asks for {esc(phrase)} {esc(field.group(1))}, "
            f"and your {shown} are not in AI/ML, as you describe them.*"
        )
    elif years >= needed and _TOO_MUCH.search(query.question.lower()):
        # "20 years, am I overqualified?": a "Yes" would read as "yes, too much"; the guide's figure
        # is a minimum
        where = f" ({esc(field.group(1))})" if field else ""
        verdict = f"*The guide names no upper limit: {shown} meets the “{esc(phrase)}” it asks for{where}.*"
    elif years >= needed and _own_band(kb, query, years) and _TROUBLE.search(_asking(query.question)):
        # "10 yrs, no masters. dealbreaker?": a "Yes" would read as "yes, a dealbreaker"
        where = f" ({esc(field.group(1))})" if field else ""
        verdict = (
            f"*Not on experience, by the guide's figure: {shown} meets "
            f"the “{esc(phrase)}” it asks for{where}.*"
        )
    elif years >= needed:
        where = f" ({esc(field.group(1))})" if field else ""
        verdict = f"*Yes, by the guide's figure: {shown} meets the “{esc(phrase)}” it asks for{where}.*"
    elif lowest is not None and years < lowest.min_years:
        # a new grad, 2 years: short of the requirement and of every band, not nearly there
        had = "you have no years of experience yet:" if not years else f"{shown} are"
        verdict = (
            f"*Not yet by the guide's figure: it asks for {esc(phrase)}, and {had} below even its "
            f"lowest salary band, {esc(lowest.label)}.*"
        )
    elif hedged:
        short = _short_by(query, needed, years)
        # "usually 8+ years": a norm, not a rule; below it is not yet there, though not ruled out
        verdict = (
            f"*Not yet by the guide's usual figure: it says {esc(phrase)}, and {shown} is below that{short}.*"
        )
    else:
        short = _short_by(query, needed, years)
        verdict = f"*Not by the guide's figure: it asks for {esc(phrase)}, and {shown} is below that{short}.*"
    band = _band_sentence(kb, years)
    line = f"{verdict} It says: {quote}.{band}"
    bands = f"{slugify(kb.salaries.title)}/average-salary-ranges"
    return line, [section.id, bands], topic_of(kb, section, item)


_HOW_FAR = re.compile(r"\b(?:gap|difference|diff|short|shortfall|how far|how many more|missing)\b")
"""A question that asks how far the asker is from what the guide asks ("i have 7. whats the gap")."""


def _short_by(query: Query, needed: int, years: float) -> str:
    """When the question asks how far off the asker is (`_HOW_FAR`), how far their years fall short
    of the guide's, said as the bot's sum (": 1 year short (computed by the bot: 8 - 7)"); else ""."""
    if not _HOW_FAR.search(query.question.lower()):
        return ""
    gap = needed - years
    unit = "year" if gap == 1 else "years"
    return f": {gap:g} {unit} short (computed by the bot: {needed} - {years:g})"


def _own_band(kb: KnowledgeBase, query: Query, years: float) -> bool:
    """Whether the level the question reads, if any, is the band of the asker's years (not "15
    years, an issue for the executive band?", whose 18+ years the guide's 8+ do not answer)."""
    band = kb.salaries.band_for(years)
    return query.level is None or (band is not None and band.id == query.level)


_TROUBLE = re.compile(
    r"\b(?:deal ?breakers?|red flags?|problems?|issues?|disadvantages?|concerns?"
    r"|hold (?:me|them|her|him) back|hurt|an obstacle|a blocker)\b"
)
"""A yes/no question that asks whether something counts against the asker ("dealbreaker?", "is that
a problem?"): its "yes" is bad news, so a requirement met is said as "not" one."""
_TOO_MUCH = re.compile(
    r"\b(?:over-?qualified|over-?experienced|too (?:senior|experienced|old|much experience|many years)"
    r"|(?:too|overly) (?:qualified|expensive))\b"
)
"""A question whether the asker has too much ("am I overqualified?", "too senior for it?"): the
guide's years are a minimum, not a range to fall outside."""
_FIELD = re.compile(r"\)?\s*(in [^,.;]+)")
"""What follows the guide's years: "in AI/ML roles"."""


def _band_sentence(kb: KnowledgeBase, years: float) -> str:
    chosen = kb.salaries.band_for(years)
    if chosen is None:
        return ""
    if years < chosen.min_years:
        lowest = esc(chosen.label)
        return f" It is also below the lowest experience band of the guide's salary table, {lowest}."
    return f" In the guide's salary table, {years:g} years falls in the {esc(chosen.label)} band."


def _degree_line(query: Query, held: str | None) -> tuple[str, list[str], tuple[str, str]] | None:
    kb = query.kb
    found = _requirement(kb, _DEGREE_WORDS)
    if found is None:
        return None
    section, item = found
    text = item.text.lower()
    named = [name for name, pattern in _DEGREE_PATTERNS if pattern.search(text)]
    lowest = min((DEGREE_RANK[n] for n in named), default=DEGREE_RANK["master"])
    hedged = any(h in text for h in _HEDGES)
    quote = f"“{esc(item.text)}” ({esc(_where(kb, section))} › {esc(item.title)})"
    field = _held_field(query.question, item.text) if held is not None else None
    if held is not None and DEGREE_RANK[held] >= lowest and field is not None:
        # "my phd is in biology, does that count?": the degree is the guide's, the field not one it names
        label = DEGREE_LABEL[held]
        verdict = (
            f"*{label[:1].upper()}{label[1:]} is what the guide names, but it does not name {esc(field)}.*"
        )
    elif held is not None and DEGREE_RANK[held] >= lowest:
        verdict = f"*Yes: {DEGREE_LABEL[held]} is what the guide names.*"
    elif held is None and (asked := _degree_asked(query.question, lowest)) is not None:
        verdict = asked
    elif held is not None and hedged:
        named_as = _TYPICAL.search(item.text)
        typical = f"“{esc(named_as.group(0))}”" if named_as else "“typically”"
        less = f"and {DEGREE_LABEL[held]} is less"
        # "is a bachelor's enough?", "do I need a PhD? I only have a bachelor's": both answered
        verdict = f"*Not required, but less than usual: the guide says {typical}, not “required”, {less}.*"
    elif hedged:
        verdict = "*Not strictly: the guide says “typically”, not “required”.*"
    else:
        verdict = "*The guide names a degree without saying it is strictly required.*"
    line = f"{verdict} It says: {quote}."
    if held is not None and DEGREE_RANK[held] < lowest:
        line += " It does not rule it out."
    return line, [section.id], topic_of(kb, section, item)


_FIELD_OF_DEGREE = re.compile(
    r"\b(?:ph\.?\s?d\.?s?|doctorate|masters?|master's|ms|msc|bachelors?|bachelor's|bs|bsc|ba|degree)"
    r"(?: is| was)? in ([a-z][a-z -]{1,40}?)(?=\s*(?:$|[.,;:!?()]|\bnot\b|\band\b|\bbut\b|\bfrom\b|\bso\b))"
)
"""The field of the asker's degree ("my phd is in biology", "a master's in physics, not CS")."""


_ACCEPTS = re.compile(r"\b(?:enough|sufficient|suffices?|ok|okay|fine|acceptable|count|counts|good enough)\b")
"""Asking whether a degree will do ("is a masters enough?", "would a master's be ok?")."""
_NEEDED = re.compile(r"\b(?:must|need|needed|required?|necessary|mandatory)\b")


def _degree_asked(question: str, lowest: int) -> str | None:
    """The verdict on a degree asked about, not held: one the guide names asked whether it will do
    ("is a masters enough or do they need a phd?": yes), or asked whether it can be skipped ("can i
    skip the phd?": yes, the guide says "typically"); None for anything else ("do I need a PhD?":
    the guide's "typically, not required" answers it)."""
    text = lowered(question)
    said = degrees_named(text)
    if not said:
        return None
    if _SKIP.search(text):
        return "*Yes, by the guide's words: it says “typically”, not “required”.*"
    at, first = said[0]  # "is a masters enough or do they need a phd?": the one asked whether it will do
    # in its own clause ("is a master's a must or is industry experience enough?": not the master's)
    clause = re.split(r"\s(?:or|but)\s|[,;?!.]", text[at:], maxsplit=1)[0]
    if _ACCEPTS.search(clause) and not _NEEDED.search(clause) and DEGREE_RANK[first] >= lowest:
        return (
            f"*Yes: {DEGREE_LABEL[first]} is what the guide names, and it says “typically”, not “required”.*"
        )
    return None


def _held_field(question: str, requirement: str) -> str | None:
    """The field of the asker's degree when the guide's requirement names none of its words (it
    names "Computer Science, Mathematics, Statistics, or a related technical field"), as said; else
    None (no field said, or one the guide names: "a master's in statistics")."""
    found = _FIELD_OF_DEGREE.search(question.lower())
    if found is None:
        return None
    said = found.group(1).strip()
    words = set(terms_of(said)) - {"field", "related", "technical"}
    named = set(terms_of(requirement))
    initials = {
        "".join(w[0] for w in pair)
        for pair in zip(requirement.lower().split(), requirement.lower().split()[1:], strict=False)
    }
    # a field's short form names it too ("stats", "math": Statistics, Mathematics; "cs": Computer Science)
    if (
        not words
        or words & named
        or any(len(w) >= 4 and n.startswith(w) for w in words for n in named)
        or words <= initials
    ):
        return None
    return said


BACKGROUND_INTENTS = ("career", "qualifications")
"""The intents whose answer places the asker's own job or field (`AskerFacts.background`)."""


def with_background(query: Query, found: Draft) -> Draft:
    """`found` with one line on the asker's background (`_background_line`) said earlier in the
    conversation (bot.engine.dialogue carries it), for a question about the way in or the
    requirements; unchanged otherwise, and for a background the question gives itself (the answer
    stays short)."""
    facts = query.facts
    if facts is None or not facts.background or query.intent not in BACKGROUND_INTENTS or query.full:
        return found
    if read_facts(query.question, index=index_for(query.kb))[0].background:
        return found  # said in this question, which is answered as asked: the line is for one said before
    path = section_titled(query.kb, "career path")
    if path is None or not path.items:
        return found
    shown = path.id in found.section_ids
    text = _background_line(query.kb, path, facts.background, shown=shown)
    parts = list(found.parts)
    if shown and parts and isinstance(parts[-1], Text):
        parts[-1] = Text(f"{parts[-1].text}\n{text}")  # under the path it reads: no blank line
    else:
        parts.append(Text(text))
    return found._replace(parts=tuple(parts), section_ids=tuple(dict.fromkeys((*found.section_ids, path.id))))


def _background_line(kb: KnowledgeBase, path: Section, said: str, *, shown: bool) -> str:
    """The guide's path step that names the asker's job or field (all its words, stemmed, in one
    step), with the step after it, the bot's reading said as such; else that the guide's path does
    not name it: never a pay band for it. When the answer lists the path (`shown`), by its steps'
    numbers; else quoted."""
    wanted = set(terms_of(said))
    steps = [item.text or item.title for item in path.items]

    def names(step: str) -> bool:  # every word of the background, or its short form ("ml eng")
        words = set(terms_of(step))
        return bool(wanted) and all(
            w in words or (len(w) >= 3 and any(t.startswith(w) for t in words)) for w in wanted
        )

    at = next((n for n, step in enumerate(steps) if names(step)), None)
    who = esc(said)
    if shown:
        if at is None:
            return f"_Your background ({who}) is not a step of the guide's path above._"
        after = f"; the next is step {at + 2}" if at + 1 < len(steps) else ""
        return (
            f"_The bot's reading: your background ({who}) is step {at + 1} of the guide's path above{after}._"
        )
    where = esc(_where(kb, path))
    if at is None:
        first = f"“{esc(steps[0])}” ({where})"
        return f"*Your background ({who}) is not a step of the guide's path*, which begins: {first}."
    line = f"*Your background ({who}) is on the guide's path*: “{esc(steps[at])}” ({where})."
    if at + 1 < len(steps):
        line += f" _The bot's reading: you are at that step; the guide's next is “{esc(steps[at + 1])}”_"
    return line


_TYPICAL = re.compile(r"\b(?:typically|usually|often) (?:an? )?[^,]+?(?= in |,|$)", re.IGNORECASE)
"""The degree the guide names as typical, in its words: "Typically a Master's or Ph.D."."""
_DEGREE_PATTERNS = (
    ("bachelor", re.compile(r"bachelor")),
    ("master", re.compile(r"master")),
    ("phd", re.compile(r"ph\.?d|doctor")),
)


# --- also in the guide, by meaning ------------------------------------------------------------------

ALSO_NEAR = 0.35
ALSO_MARGIN = 0.12
ALSO_MAX = 4
ALSO_WORDS = 0.20
ITEM_NEAR = 0.7
ITEM_FLOOR = 0.2
SITUATION = 0.5
SITUATION_MARGIN = 0.3
"""A focused answer names, under "Also in the guide", the passages of OTHER top-level sections
nearest the question (`_also_scores`: the sentence encoder's cosine, the mean of the whole
question's and its asking clause's, as `_cosines`, plus `ALSO_WORDS` times the share of the
question's specific words the passage has, weighed by rarity, relative to the passage that has
most) when they are at least `ALSO_NEAR` and within `ALSO_MARGIN` of the best passage of the whole
guide, at most `ALSO_MAX`, one per section, and only while the answer stays within its lines
(`LINES`): a subject the guide speaks of in several sections ("legal is nervous about
discrimination claims, what's expected of a lead on fairness?") gets each section's place, not
only the one its intent reads. The encoder alone puts many passages of a question at about the
same cosine (0.3-0.4); the guide's own words that the question shares say which of them speak of
its subject. Measured 2026-12 (tuned on the even-indexed entries of the focused dev files, the odd
half held out): focused_dev5 62 -> 63/120, focused_dev6 97 -> 98/125, the others unchanged.
`ALSO_MARGIN` 0.10, 0.12 and 0.15 score the same on every focused dev file (2026-12-07); 0.12
leaves room for the int8 encoder's differences between CPUs (its AVX2 and AVX-512 kernels move a
cosine by about 0.01: "… what should a lead do about fairness and bias?" had Ethical and Fairness
Concerns 0.012 below a 0.10 margin on an AVX2 machine).

2026-12-07 (issue 9, a situation asked in other words): passages are ranked by their nearness to
the question plus `ITEM_NEAR` times their cosine with the answer's own item (the mean of its
area's items for an area), and one whose cosine with that item is below `ITEM_FLOOR` is never
named. A question told as a situation, whose specific words the guide has are fewer than
`SITUATION` of them in the answer's own item (and its area's title), need not share one with a
passage (a situation rarely uses the guide's words): its passages are those within
`SITUATION_MARGIN` of the best other passage by that rank, not `ALSO_NEAR` of the question alone
(its cosines with a situation are low, 0.1-0.2). Of "our demand forecast got worse over six
months, who's supposed to catch that?" (Model Drift and Maintenance), Data Quality and Management
and Performance Optimization, not Market Demand's Business Needs that shares only "demand"; "is
emotional intelligence important?" stays one item. Up to `ALSO_MAX` places are named: as many as
fit in their briefest lines (`_brief_lines`: the title and top-level section, one whole sentence
or sub-point), then each, most relevant first, in its longest line that fits (`_hit_line`, whole
when it fits). Still one place per top-level section, none of the answer's own: a focused answer
leaves out the other items of its list (same-section places passed two more of
focused_dev6_cross's even half but named items the other dev files' askers did not ask for).
Tuned on the even-indexed entries of the focused dev files, the odd held out: focused_dev6_cross
8 -> 8/45 (even), 8 -> 10/45 (odd); focused_dev5 32 -> 33/60 (even), 34 -> 33/60 (odd: "tribal
knowledge" answered with Model Drift, whose nearness misleads); the other focused dev files
unchanged; across-context dev answers with a fact 42 -> 42 (even), 38 -> 39 (odd). Neither half
moved with `SITUATION_MARGIN` 0.2 or 0.3, nor `SITUATION` 0.3-0.7.

2026-12-07, later: `ALSO_MARGIN` is counted from the nearest passage of another section (from the
whole guide's, the answer's own item, near as it is, left no other section's place near enough:
"we deploy models by copying pickle files ..." had Model Drift 0.27 below its own item); an
area's items less near the question than `ALSO_NEAR` fold to their titles ("Also in this area:
...") when that makes room for a place elsewhere that is nearer (`_folded`), unless the question
names the area; a place's one-line form shows its sentence or sub-point nearest the question in
meaning. focused_dev6_cross facts 121 -> 124/227 (questions 23 -> 23/90, model before that day's
retraining), the other focused dev files unchanged. Most places chosen still did not fit: a
situation's answer often chose the right place in three sections and showed one. Then (on the
retrained model): a source line that would take more than a line says "the N sections named
above" when every section is named in the answer (each place's line names its own), and a yes/no
verdict's reason from its section's introduction ("Why, says the guide: ...", why the whole list
matters) gives its lines to places elsewhere that fit only without it: focused_dev6_cross 22 ->
24/90, facts 123 -> 125/227; focused_dev5 facts 110 -> 112/190 (questions unchanged); focused_dev6
and focused_dev unchanged. And when not every place fits, they follow the point with no blank line
between when that fits more of them (`tight`): focused_dev6_cross 24 -> 26/90 (facts 125 -> 128),
focused_dev5 facts 112 -> 113, focused_dev6 102 -> 102 (one more right, and "years of exp
typically required?" now also shows Overview's Education, which names the Ph.D. it should not)."""


def guide_cosines(query: Query) -> tuple[tuple[Unit, ...], np.ndarray] | None:
    """Every guide item and its nearness in meaning to the question (as `_cosines`, over the whole
    guide); None without an encoder."""
    encoder = query.encoder
    if encoder is None or not query.question.strip():
        return None
    units, embeddings = _unit_embeddings(index_for(query.kb), encoder)
    whole, asking = _question_vectors(query)
    cosines = embeddings @ whole
    if asking is not None:
        cosines = (cosines + embeddings @ asking) / 2
    return units, cosines


def _question_vectors(query: Query) -> tuple[np.ndarray, np.ndarray | None]:
    """The question's embedding, in the matcher's words (`normalize`: the text the matcher encoded,
    no new model run; the asking clause in them too put a place under "Also in the guide" below the
    cut), and its asking clause's when other clauses come before it (None otherwise)."""
    whole = query.question.lower().strip()
    clauses = re.split(r"(?<=[.!?:;])\s+", whole)
    asking = " ".join([c for c in clauses if "?" in c] or clauses[-1:])
    vector = _encoded(query.encoder, normalize(whole).text)
    return vector, (_encoded(query.encoder, asking) if asking != whole else None)


_last_also: tuple[Query, tuple[tuple[Unit, ...], np.ndarray] | None] | None = None


def _also_scored(query: Query) -> tuple[tuple[Unit, ...], np.ndarray] | None:
    """Every guide item and its `_also_scores` for `query` (None without an encoder): a yes/no
    question weighs them for its nearest item, then for "Also in the guide"; the last query's are
    kept (the same Query object; read-only arrays)."""
    global _last_also
    last = _last_also
    if last is not None and last[0] is query:
        return last[1]
    found = guide_cosines(query)
    if found is not None:
        units, cosines = found
        scores = _also_scores(query, units, cosines)
        scores.flags.writeable = False
        found = (units, scores)
    _last_also = (query, found)
    return found


def _also_scores(query: Query, units: tuple[Unit, ...], cosines: np.ndarray) -> np.ndarray:
    """Each passage's nearness to the question: its cosine plus `ALSO_WORDS` times its share of the
    question's specific words (idf-weighted, relative to the passage that has the most)."""
    if ALSO_WORDS <= 0:
        return cosines
    index = index_for(query.kb)
    words = list(dict.fromkeys(_specific(query)))
    if not words:
        return cosines
    hits = index.search(words, limit=len(index.units))
    matched = {id(h.unit): h.coverage for h in hits}
    best = max(matched.values(), default=0.0)
    if best <= 0:
        return cosines
    share = np.array([matched.get(id(u), 0.0) / best for u in units], dtype=cosines.dtype)
    return cosines + ALSO_WORDS * share


def also_meant(query: Query, draft: Draft, fits: Any) -> Draft:
    """`draft` with the passages nearest the question and its own item in meaning (`ITEM_NEAR`)
    under "Also in the guide", as many as `fits(draft)` allows."""
    if not query.full:
        # the asker's comparison quotes the requirement only while the answer stays short
        brief = _brief_verdict(draft)
        if brief is not draft and not fits(draft) and fits(brief):
            draft = brief
    if query.full or query.brief or query.intent in ("salary", "help", "unknown") or not draft.section_ids:
        return draft
    if draft.topic is None or draft.across or (query.form is not None and query.form.across):
        return draft  # a section's point ("is there demand?") stays brief; across answers have every place
    found = _also_scored(query)
    if found is None:
        return draft
    units, cosines = found
    kb = query.kb
    index = index_for(kb)
    near = cosines  # nearness to the question (`_also_scores`)
    own_tops = {top_of(kb, kb.section(s)).id for s in draft.section_ids if s in kb.sections}
    # within `ALSO_MARGIN` of the nearest passage of another section (the answer's own item, near
    # as it is, would leave no other section's place near enough)
    placed = _places(index)  # the same items as `units`, in the same order
    elsewhere = [n for n, place in enumerate(placed) if place[0] not in own_tops]
    floor = max(ALSO_NEAR, float(near[elsewhere].max() if elsewhere else near.max()) - ALSO_MARGIN)
    rank = near
    own = _own_units(index, draft.topic)
    skip = set(own)
    if own and query.encoder is not None:  # ranked by nearness to the answer's own item too
        _all, embeddings = _unit_embeddings(index, query.encoder)
        centre = embeddings[own].mean(axis=0)
        akin = embeddings @ (centre / max(float(np.linalg.norm(centre)), 1e-9))
        rank = near + ITEM_NEAR * akin
        skip |= {n for n in range(len(units)) if float(akin[n]) < ITEM_FLOOR}
    tops = {top_of(kb, kb.section(s)).id for s in draft.section_ids if s in kb.sections}
    specific = {t for w in _specific(query) for t in (w, *index.expand(w))}
    shared = True  # a passage must share one of the question's specific words
    if own:  # unless the question is a situation told in its own words: the item has few of them
        said = set().union(
            *(units[n].terms | set(terms_of(kb.section(units[n].section_id).title)) for n in own)
        )
        asked = [w for w in dict.fromkeys(_specific(query)) if index.expand(w)]
        told = sum(1 for w in asked if (index.expand(w) | {w}) & said)
        shared = not asked or told / len(asked) >= SITUATION
        if not asked and WHY_ASKED.match(query.question.lower().strip()):
            # "why?", "why is that hard?" after an item: the places nearest the item say why
            shared = False
    order = [int(n) for n in np.argsort(-rank) if int(n) not in skip]
    score = near if shared else rank
    if not shared and order:  # by the nearness to the question and to the item, of the other places
        floor = float(rank[order[0]]) - SITUATION_MARGIN
    chosen: list[Hit] = []
    for n in order:
        if len(chosen) == ALSO_MAX:
            break
        if float(score[n]) < floor:
            continue
        top = placed[n][0]
        if top in tops or (shared and not (units[n].terms & specific)):
            continue  # near in meaning but sharing no specific word: a title's word ("Challenges and
            # Opportunities" for a question about scaling's challenges), not the subject
        tops.add(top)
        chosen.append(Hit(units[n], float(rank[n]), 0.0, False))
    if not chosen:
        return draft
    words = [w for w in query.words if w not in _generic(query)]
    nearness = _piece_nearness(query)
    forms = [  # each place's lines, longest first
        list(
            dict.fromkeys(
                [
                    _hit_line(kb, h, words, whole=True),
                    _hit_line(kb, h, words),
                    *_brief_lines(kb, h, words, nearness),
                ]
            )
        )
        for h in chosen
    ]

    def built(primary: Draft, sizes: list[int], tight: bool) -> Draft:
        """`primary` with the chosen places in these lines (an index into each one's `forms`, -1:
        left out); `tight`: right under the answer's point, no blank line between."""
        lines = [forms[n][k] for n, k in enumerate(sizes) if k >= 0]
        if not lines:
            return primary
        parts = list(primary.parts)
        head = next(
            (
                k
                for k, p in enumerate(parts)
                if isinstance(p, Text) and p.text.startswith("*Also in the guide*")
            ),
            None,
        )
        if head is None and tight and parts and isinstance(parts[-1], Text):  # no blank line between
            parts[-1] = Text(parts[-1].text + "\n*Also in the guide*\n" + "\n".join(lines))
        elif head is None:
            parts.append(Text("*Also in the guide*\n" + "\n".join(lines)))
        else:
            parts[head] = Text(parts[head].text + "\n" + "\n".join(lines))  # type: ignore[union-attr]
        used = [hit.unit.section_id for n, hit in enumerate(chosen) if sizes[n] >= 0]
        section_ids = tuple(dict.fromkeys([*primary.section_ids, *used]))
        # each place's line names its section: when the answer's point names its own too, a source
        # line longer than a line says "the N sections named above" (as an answer across the guide)
        said = "\n".join(p.text for p in parts if isinstance(p, Text))
        named = all(esc(top_of(kb, kb.section(s)).title) in said for s in section_ids if s in kb.sections)
        return primary._replace(parts=tuple(parts), section_ids=section_ids, named=named)

    def fitted(primary: Draft, tight: bool) -> tuple[int, list[int]]:
        """How many places fit beside `primary` in their briefest lines, and their sizes."""
        for count in range(len(chosen), 0, -1):
            sizes = [len(forms[n]) - 1 if n < count else -1 for n in range(len(chosen))]
            if fits(built(primary, sizes, tight)):
                return count, sizes
        return 0, []

    # the most places that fit in their briefest lines (an area's items farther from the question
    # than a place elsewhere folded to their titles to make room for it: `_folded`), then each
    # place (most relevant first) as long as fits
    tight = False
    primary, (count, sizes) = draft, fitted(draft, tight)
    if len(chosen) > count:  # the places right under the point, no blank line between, when more fit
        more, trial = fitted(draft, True)
        if more > count:
            count, sizes, tight = more, trial, True
    kept = tuple(p for p in draft.parts if not str(getattr(p, "text", "")).startswith(WHY_LEAD))
    if len(chosen) > count and len(kept) < len(draft.parts):
        # why the guide's whole list matters (its introduction) says less than where else the
        # guide speaks of the question: it gives its lines to places that fit only without it
        more, trial = fitted(draft._replace(parts=kept), tight)
        if more > count:
            primary, count, sizes = draft._replace(parts=kept), more, trial
    brief = _brief_verdict(primary)
    if len(chosen) > count and brief is not primary:
        # the requirement quoted after the asker's comparison says less than where else the guide
        # speaks of the question: its lines go to places that fit only without it
        more, trial = fitted(brief, tight)
        if more > count:
            primary, count, sizes = brief, more, trial
    position = {id(u): n for n, u in enumerate(units)}
    for compact, folded in _folded(query, primary, units, near):
        more, trial = fitted(compact, tight)
        gained = [float(near[position[id(h.unit)]]) for h in chosen[count:more]]
        if more > count and max(folded) < min(ALSO_NEAR, *gained):  # not near the question, unlike them
            primary, count, sizes = compact, more, trial
    if not count:
        return draft
    for n in range(len(chosen)):
        for k in range(sizes[n]):
            trial = [*sizes[:n], k, *sizes[n + 1 :]]
            if fits(built(primary, trial, tight)):
                sizes = trial
                break
    return built(primary, sizes, tight)


def _folded(
    query: Query, draft: Draft, units: tuple[Unit, ...], near: np.ndarray
) -> list[tuple[Draft, list[float]]]:
    """When `draft` is an area's (`_area_draft`, all its items in full): the same area with fewer
    items in full, the farthest from the question (`near`) folded to their titles first, each with
    the nearness of the items it folds; else none."""
    kb = query.kb
    if draft.topic is None or draft.across or len(draft.parts) != 1:
        return []
    top_title, title = draft.topic
    area = kb.sections.get(draft.section_ids[0]) if draft.section_ids else None  # `_area_draft`'s own
    if area is None or area.parent is None:
        return []
    if (kb.sections[area.parent].title, area.title) != (top_title, title):
        return []
    if len([i for i in area.items if i.title]) < 2:
        return []
    if _area_draft(query, area).parts != draft.parts:
        return []  # another kind of answer about the area (a yes/no verdict's, a list's)
    index = index_for(kb)
    title_terms = set(terms_of(area.title))
    asked = [w for w in _specific(query) if (index.expand(w) | {w}) & title_terms]
    if asked:
        return []  # the question names the area ("what does knowledge management involve?"): all of it
    position = {id(u.item): n for n, u in enumerate(units) if u.item is not None}
    items = sorted(
        (i for i in area.items if i.title and id(i) in position), key=lambda i: -float(near[position[id(i)]])
    )
    out = []
    for keep in range(len(items) - 1, 0, -1):
        shown = frozenset(i.id for i in items[:keep])
        folded = [float(near[position[id(i)]]) for i in items[keep:]]
        out.append((draft._replace(parts=_area_draft(query, area, shown=shown).parts), folded))
    return out


def _piece_nearness(query: Query) -> Any:
    """A function: sentences or sub-points of the guide -> each one's nearness in meaning to the
    question (its whole and its asking clause, `_question_vectors`, as `guide_cosines` weighs
    them); None without an encoder."""
    encoder = query.encoder
    if encoder is None or not query.question.strip():
        return None
    whole, asking = _question_vectors(query)
    asked = whole if asking is None else whole + asking

    def near(pieces: list[str]) -> list[float]:
        return [float(v) for v in encoder.encode(list(pieces)) @ asked]

    return near


Place = tuple[str, str, str | None, bool, str | None]
"""Where a guide item is: its top-level section's id and title, its section's title when that is a
subsection (None for a top-level one), whether it is an item, and the item's title."""


@lru_cache(maxsize=4)
def _places(index: GuideIndex) -> tuple[Place, ...]:
    """The `Place` of each of the guide's items (`_units`, in their order), once per knowledge base:
    `also_meant` reads every item's."""
    kb = index.kb
    out = []
    for unit in _units(index)[0]:
        section = kb.section(unit.section_id)
        top = top_of(kb, section)
        inner = section.title if section.parent is not None else None
        out.append((top.id, top.title, inner, unit.item is not None, getattr(unit.item, "title", None)))
    return tuple(out)


def _own_units(index: GuideIndex, topic: tuple[str, str]) -> list[int]:
    """The positions among the guide's items (`_units`) of the answer's own item (its topic), or of
    its area's items when the topic is an area (Core Responsibilities › Stakeholder Communication)."""
    top_title, title = topic
    return [
        n
        for n, (_top, top_name, inner, is_item, item) in enumerate(_places(index))
        if is_item and top_name == top_title and (item == title or inner == title)
    ]


# --- across the guide ----------------------------------------------------------------------------


def across(query: Query, subject: str) -> Draft:
    """ "What does the guide say about ethics?": every place, most relevant first, briefly
    (bot.engine.answers.across)."""
    from bot.engine.answers import across as places

    return places.draft(query, subject, form_words=FORM_WORDS)


# --- small helpers -------------------------------------------------------------------------------


def _where(kb: KnowledgeBase, section: Section) -> str:
    return kb.source_title(section.id)


def _sentences(text: str, count: int) -> str:
    out, rest = [], text
    for _ in range(count):
        first = first_sentence(rest)
        out.append(first)
        rest = rest[len(first) :].strip()
        if not rest:
            break
    return " ".join(out)


CLIP = 140
"""A place in a list of places is cut at a word before this many characters."""


def _clip(text: str, limit: int = CLIP) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _joined(points: tuple[str, ...]) -> str:
    """Sub-points on one line, in the guide's words: "Self-awareness; Empathy; Strong social skills."."""
    return joined(points)


__all__ = ["across", "also_meant", "draft", "prepare"]
