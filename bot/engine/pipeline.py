"""The question pipeline behind the façade: normalize -> entities -> intents -> `Query`.

This is the one place that adapts the matching parts' values (`Normalized`, `Entities`,
`Match`) to the plain `Query` the answer families compose from, so a change in their shape
is absorbed here.
"""

from __future__ import annotations

from typing import Any

from bot.engine.answer import Alternative
from bot.engine.answers.base import Query, esc
from bot.engine.entities import EntityExtractor
from bot.engine.intents import IntentMatcher
from bot.engine.knowledge import KnowledgeBase
from bot.engine.normalize import normalize


class Pipeline:
    """Built once per engine (the matchers precompute their tables)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb
        self._extractor = EntityExtractor(kb)
        self._matcher = IntentMatcher(kb)

    def query(self, *, kb: KnowledgeBase, question: str, forced: str | None, notes: tuple[str, ...]) -> Query:
        normalized = normalize(question)
        entities = self._extractor.extract(normalized)
        if forced is not None:
            intent, confidence, alternatives, ambiguous = forced, 1.0, (), False
        else:
            match = self._matcher.classify(normalized, entities)
            intent, confidence = match.intent, float(match.confidence)
            ambiguous = bool(getattr(match, "ambiguous", False))
            alternatives = tuple(_alternatives(kb, match))
        return Query(
            kb=kb,
            question=question,
            intent=intent,
            confidence=confidence,
            level=getattr(entities, "level", None),
            location=getattr(entities, "location", None),
            industry=getattr(entities, "industry", None),
            unlisted_location=getattr(entities, "unlisted_location", None),
            topic=_topic_id(getattr(entities, "topic", None)),
            topic_section=_topic_section(
                getattr(entities, "topic", None), getattr(entities, "topic_section", None)
            ),
            readings=tuple(readings(kb, entities)),
            alternatives=alternatives,
            ambiguous=ambiguous,
            notes=notes,
        )


def _alternatives(kb: KnowledgeBase, match: Any) -> list[Alternative]:
    """Runner-ups from `match.ranked` ((intent, score) pairs or objects), best first."""
    out: list[Alternative] = []
    for entry in getattr(match, "ranked", ())[:4]:
        intent, score = (entry.intent, entry.confidence) if hasattr(entry, "intent") else (entry[0], entry[1])
        if intent in (match.intent, "unknown"):
            continue
        spec = kb.intents.get(intent)
        out.append(Alternative(intent=intent, confidence=float(score), label=spec.label if spec else intent))
    return out[:3]


def _topic_id(topic: Any) -> str | None:
    if topic is None:
        return None
    if isinstance(topic, tuple):
        return topic[-1]
    return getattr(topic, "item", None) or getattr(topic, "id", None) or str(topic)


def _topic_section(topic: Any, section: str | None) -> str | None:
    if section:
        return section
    if isinstance(topic, tuple) and len(topic) == 2:
        return topic[0]
    return getattr(topic, "section", None)


def readings(kb: KnowledgeBase, entities: Any) -> list[str]:
    """How aliases were read, as escaped mrkdwn: "Read *sr* as Senior-Level (12-18 years)"."""
    out: list[str] = []
    for note in getattr(entities, "readings", ()) or ():
        out.append(esc(str(note)))
    if out:
        return out
    aliases = getattr(entities, "aliases", {}) or {}
    years = getattr(entities, "years", None)
    level = getattr(entities, "level", None)
    if level and level in kb.salaries.levels:
        level_label = kb.salaries.levels[level].label
        if years is not None:
            out.append(f"{esc(str(years))} years → {esc(level_label)}")
        elif aliases.get("level"):
            out.append(f"Read *{esc(aliases['level'])}* as {esc(level_label)}")
    location = getattr(entities, "location", None)
    if location and location in kb.entities.locations and aliases.get("location"):
        out.append(f"Read *{esc(aliases['location'])}* as {esc(kb.entities.locations[location].label)}")
    industry = getattr(entities, "industry", None)
    if industry and industry in kb.entities.industries and aliases.get("industry"):
        out.append(f"Read *{esc(aliases['industry'])}* as {esc(kb.entities.industries[industry].label)}")
    return out
