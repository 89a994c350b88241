"""The question pipeline behind the façade: normalize -> entities -> intents -> `Query`.

This is the one place that adapts the matching parts' values (`Normalized`, `Entities`,
`Match`) to the plain `Query` the answer families compose from, so a change in their shape
is absorbed here. Built once per engine: the matchers precompute their indexes.
"""

from __future__ import annotations

from bot.engine import facts
from bot.engine.answer import Alternative
from bot.engine.answers.base import Query, esc
from bot.engine.entities import Entities, EntityExtractor
from bot.engine.intents import IntentMatcher, Match
from bot.engine.knowledge import KnowledgeBase
from bot.engine.normalize import normalize
from bot.engine.search import terms_of

MAX_ALTERNATIVES = 3
_PAY_EXTRAS = frozenset({"bonus", "equity", "stock", "rsu", "vest"})
"""Terms of a pay question about what comes on top of the base salary."""


class Pipeline:
    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb
        self._matcher = IntentMatcher(kb)  # first: it teaches the shared analyser its cue words
        self._extractor = EntityExtractor(kb)

    def query(
        self, *, question: str, forced: str | None, notes: tuple[str, ...] = (), full: bool = False
    ) -> Query:
        """Classify `question` (unless `forced`) and read its entities, the asker's facts and the
        question's content words into a `Query`; `full` asks for the whole section."""
        kb = self._kb
        if forced is None and facts.is_noise(question):
            forced = "unknown"  # no word to answer from: never a guide section
        normalized = normalize(question)
        entities = self._extractor.extract(normalized)
        if forced is not None:
            intent, confidence, ambiguous = forced, 1.0, False
            alternatives: tuple[Alternative, ...] = ()
        else:
            match = self._matcher.classify(normalized, entities)
            intent, confidence, ambiguous = match.intent, match.confidence, match.ambiguous
            alternatives = alternatives_of(kb, match)
        spec = kb.intents.get(intent)
        topic_section = spec.topic_section if spec else None
        topic = entities.topic_for(topic_section) if topic_section else None
        salary = intent == "salary"
        asker, form = facts.read(question)
        return Query(
            kb=kb,
            question=question,
            intent=intent,
            confidence=confidence,
            level=entities.level,
            location=entities.location,
            industry=entities.industry,
            unlisted_location=entities.unlisted_location if salary else None,
            topic=topic,
            topic_section=topic_section if topic else None,
            readings=readings(entities) if salary else (),
            pay_extras=salary and not _PAY_EXTRAS.isdisjoint(entities.terms),
            also=entities.also if salary else (),
            alternatives=alternatives,
            ambiguous=ambiguous and bool(alternatives),
            notes=notes,
            facts=asker or None,
            form=form,
            words=tuple(dict.fromkeys(terms_of(normalized.text))),
            full=full,
        )


def alternatives_of(kb: KnowledgeBase, match: Match) -> tuple[Alternative, ...]:
    """The runner-up intents, best first (for an `unknown` match: the best guesses)."""
    out = []
    for intent, confidence in match.ranked:
        if intent in (match.intent, "unknown", "help") or intent not in kb.intents:
            continue
        out.append(Alternative(intent=intent, confidence=float(confidence), label=kb.intents[intent].label))
    return tuple(out[:MAX_ALTERNATIVES])


def readings(entities: Entities) -> tuple[str, ...]:
    """How aliases and years were read ("Read *sr* as Senior-Level (12-18 years)"), made safe."""
    return tuple(esc(note) for note in entities.readings)
