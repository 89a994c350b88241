"""The question pipeline behind the façade: normalize -> entities -> learned matcher -> `Query`.

This is the one place that adapts the understanding parts' values (`Normalized`, `Entities`,
the matcher's `Match`) to the plain `Query` the answer families compose from, so a change in
their shape is absorbed here. Built once per engine: it loads the learned matcher (`learned/`
next to the knowledge files) and shares the process's sentence encoder. Questions may come one
at a time or in a batch (`queries`): the batch is classified in one call.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from bot.engine import facts
from bot.engine.answer import Alternative
from bot.engine.answers.base import Query, esc
from bot.engine.answers.help import provenance
from bot.engine.entities import Entities, EntityExtractor
from bot.engine.knowledge import KnowledgeBase
from bot.engine.lru import LRU
from bot.engine.nlu.encoder import Encoder, default_encoder
from bot.engine.nlu.headings import HeadingReader
from bot.engine.nlu.matcher import Match, Matcher, Topic, facets, has_words
from bot.engine.nlu.model import load_learned
from bot.engine.nlu.roles import RoleReader
from bot.engine.normalize import Normalized, normalize
from bot.engine.search import index_for, terms_of

MAX_ALTERNATIVES = 3
PARALLEL_FROM = 64
"""Batches this long are split among threads (the encoder and numpy release the GIL)."""
MAX_WORKERS = 4
READ_CACHE = 8192
"""Queries kept per pipeline, by request (one question read alone), the most recently used: a
conversation's turn reads its text again (forced to the intent before, or as a fragment of another
turn), and a question asked again (a button, a retry, a question many ask) is read from here. A
Query is a frozen value (a few kB)."""
READINGS = 2048
"""Readings (and list items found, by question and intent) kept per pipeline, the most recently
used: a turn reads its text, its asking sentence or a part of it more than once (its query, the
facets set aside, the item a conversation points into)."""
ASIDE_SURE = 0.5
"""A one-sentence question read as salary, that asks no pay, is answered as what it asks without its
level, place and industry when the matcher gives that reading at least this probability."""
ASIDE_PAY = 0.1
"""... and gives pay less than this probability."""
_PRICED = re.compile(
    r"\b(?:go|goes|going) for\b|\b(?:range|ranges|band|bands|rate|rates|numbers?|budget|gets?|pulls?)\b"
    r"|\b(?:ballpark|figures?|pulling in|pull(?:ing)? down|take home)\b"
    r"|\b(?:what|how) about\b"
)
"""Ways of asking a price without a word for pay ("what does a senior lead in seattle go for?",
"what does an executive-level lead get", "senior lead in austin at a fintech, ballpark?", "what's a
senior lead pulling in"), and "what about ..." (a follow-up: "what about an AI lead in Seattle
then"), which leans on the question before."""
_ONLY_PRICED = frozenset(
    terms_of("salary salaries pay comp compensation range band ballpark figure number co company firm level")
)
"""The words of a question that asks nothing but the pay of the facets it names ("exec, tech co,
austin - salary?"): words for pay, and the words that go with a facet ("a tech co")."""
_COMPARES = frozenset({"compare", "compared", "compares", "comparing", "vs", "versus", "against"})
_PAY_EXTRAS = frozenset({"bonus", "equity", "stock", "rsu", "vest"})
"""Terms of a pay question about what comes on top of the base salary."""
_ON_TOP = re.compile(
    r"\b(?:on top of|beyond|in addition to|over and above|besides|apart from|aside from)\s+"
    r"(?:the |their |your |my |a |his |her )?(?:base|salary|salaries|base pay|base salary)\b"
)
"""A pay question about what comes on top of base pay, said without naming it ("on top of base,
how much extra cash ...?")."""


@dataclass(frozen=True, slots=True)
class Request:
    """One question to read: its text, a forced intent (buttons, subcommands), notices such as
    the 2,000-character cut, and whether the whole section is wanted."""

    question: str
    forced: str | None = None
    notes: tuple[str, ...] = ()
    full: bool = False


@dataclass(frozen=True, slots=True)
class Reading:
    """What the pipeline read from one question before matching."""

    normalized: Normalized
    entities: Entities
    facets: np.ndarray
    other_role: bool = False
    """Another job than the guide's is named ("nurse", "store manager": bot.engine.nlu.roles)."""
    asking: str | None = None
    """The asking sentence's normalised text, when context comes before it (facts.asking_text)."""
    parts: tuple[str, ...] = ()
    """The normalised texts of its sentences and clauses, when it has two or more (facts.parts_text)."""


class Pipeline:
    def __init__(self, kb: KnowledgeBase, encoder: Encoder | None = None) -> None:
        self._kb = kb
        self.extractor = EntityExtractor(kb)
        self.roles = RoleReader(kb)
        self.headings = HeadingReader(kb)
        # years said of a job outside tech (entities.yaml roles.outside_tech), naming at most
        # that job or an industry other than tech ("10 years in ML" is AI/ML experience): none
        industries = tuple(
            a for i, spec in kb.entities.industries.items() if i != "tech" for a in spec.aliases
        )
        self._years_elsewhere = facts.YearsElsewhere(kb.entities.roles.get("outside_tech", ()), industries)
        # years said of a software field other than AI/ML ("10 years as a backend engineer"): not
        # the guide's "8+ years in AI/ML roles" (`AskerFacts.outside_ml`)
        self._years_in_field = facts.YearsInField(kb.entities.roles.get("other_fields", ()))
        self.matcher = Matcher(load_learned(kb), encoder or default_encoder())
        self._unranked = frozenset(
            i for i, spec in kb.intents.items() if spec.sections and not _ranks(kb, spec.sections)
        )
        """The intents whose sections rank nothing (no "largest", "fastest" ...: every one but the
        market's): a question for the first of their lists is told the guide does not rank them."""
        self._read: LRU[Query] = LRU(READ_CACHE)
        self._readings: LRU[Reading] = LRU(READINGS)
        self._items: LRU[tuple[str | None]] = LRU(READINGS)

    def read(self, question: str) -> Reading:
        """What `question` says before matching (kept: `READINGS`)."""
        found = self._readings.get(question)
        if found is None:
            found = self._read_afresh(question)
            self._readings.put(question, found)
        return found

    def _read_afresh(self, question: str) -> Reading:
        normalized = normalize(question)
        entities = self.extractor.extract(normalized)
        roles = self.roles.scan(normalized.tokens)
        heading = self.headings.names_one(normalized.tokens)
        row = facets(entities, question, roles, heading)
        row.flags.writeable = False  # one Reading serves every caller
        return Reading(
            normalized,
            entities,
            row,
            other_role=roles[1],
            asking=facts.asking_text(question),
            parts=facts.parts_text(question),
        )

    def _asked_part(self, question: str, reading: Reading) -> Reading:
        """The reading the matcher weighs: the question without the subjects it sets aside, when it
        sets some aside and says anything else ("excluding pay, which industries want them?",
        "not the daily duties; how does someone work their way up?"), since those name what it
        does not ask about; else the question's own. On the dev sets' 189 questions with a
        set-aside (2026-12-07), the intent was right for 168 read whole and 179 read without it."""
        rest = _set_aside_rest(question)
        if rest is None or not terms_of(normalize(rest).text):
            return reading
        return self.read(rest)

    def item(self, question: str, intent: str) -> str | None:
        """The item of `intent`'s list that `question` is about, read as if it asked about that
        list: named outright, else the one the matcher finds clearly ("the edge one" among the
        trends). For a conversation, which knows the list a question points into."""
        spec = self._kb.intents.get(intent)
        section = spec.topic_section if spec else None
        if not section:
            return None
        found = self._items.get((question, intent))
        if found is None:
            found = (self._item(question, intent, section),)
            self._items.put((question, intent), found)
        return found[0]

    def _item(self, question: str, intent: str, section: str) -> str | None:
        reading = self.read(question)
        named = reading.entities.topic_for(section)
        if named is not None:
            return named
        found = self.matcher.topic_of(intent, reading.normalized.text)[0]
        return found.item if found is not None and found.section == section else None

    def _facets_aside(self, question: str, match: Match, reading: Reading) -> Match:
        """A question of one sentence read as salary that asks no pay, with a level, place or
        industry in it ("skills for a senior ai lead in austin at a bank", "what does a senior ai
        tech lead actually own"): those drew it to the pay examples that name them too. Read
        without them, its match when the matcher is fairly sure of another intent and not of pay
        (`ASIDE_SURE`, `ASIDE_PAY`)."""
        entities = reading.entities
        aliases = [a for a in (entities.level_alias, entities.location_alias, entities.industry_alias) if a]
        if not aliases or facts.pays(question) or _PRICED.search(question.lower()):
            return match  # "senior in austin?": pay, by the facets alone
        pay = facts.read(question, index=index_for(self._kb))[0].pay  # as `_query` reads it: read once
        if not facts.mentions_role(question) or pay is not None:
            return match  # "same but senior", "pharma company?": a follow-up's fragment
        if not _COMPARES.isdisjoint(reading.normalized.tokens):
            return match  # "how does a senior ai lead in NYC compare": the rows, compared
        rest = _without_aliases(reading.normalized.text, aliases)
        if not terms_of(rest):
            return match  # "senior ai lead in austin at a bank": nothing else asked
        found = self.match_many([self.read(rest)])[0]
        if found.intent in (match.intent, "unknown", "help") or found.confidence < ASIDE_SURE:
            return match
        if found.probabilities.get("salary", 0.0) >= ASIDE_PAY or entities.also:
            return match  # still read as pay, if less surely ("what range should I advertise"); a comparison
        return found

    def _only_priced(self, match: Match, reading: Reading) -> Match:
        """A question that says nothing but salary facets and a word for pay ("exec, tech co, austin -
        salary?"), left below the cutoff by the matcher, which learned from whole questions: pay,
        when the matcher ranks it first in scope; else `match`."""
        entities = reading.entities
        aliases = [a for a in (entities.level_alias, entities.location_alias, entities.industry_alias) if a]
        if len(aliases) < 2 or entities.also:
            return match
        rest = _without_aliases(reading.normalized.text, aliases)
        words = set(terms_of(rest))
        if not words or not words <= _ONLY_PRICED:
            return match
        in_scope = {k: p for k, p in match.probabilities.items() if k not in ("unknown", "help")}
        if not in_scope or max(in_scope, key=in_scope.__getitem__) != "salary":
            return match
        return replace(match, intent="salary", confidence=in_scope["salary"])

    def _asked_reading(
        self, question: str, intent: str, section: str | None
    ) -> tuple[str | None, bool, tuple[tuple[str, float], ...]] | None:
        """The item scorer's reading of the asking sentence alone (`Query.asked`)."""
        asking = facts.asking_sentence(question) if section else None
        if asking is None or not has_words(asking):
            return None
        topic, whole, items = self.matcher.topic_of(intent, normalize(asking).text)
        item = topic.item if topic is not None and topic.section == section else None
        return item, whole and item is None, items

    def _compared_in_asking(self, question: str, entities: Entities) -> Entities:
        """A pay question whose asking sentence, after the asker's context, compares rows itself
        ("... the payments VP insists. How do salaries in finance compare to tech and software?"):
        that sentence's rows alone, not those the context names in passing ("VP" read as a level);
        likewise one that sets a row against the national average."""
        asking = facts.asking_sentence(question)
        if asking is None:
            return entities
        found = self.read(asking).entities
        if found.also:
            return found
        # "... at a SaaS company. How does entry-level pay stack up against the national average?":
        # that sentence's row against the average, not a row its context names in passing
        facets = (found.level, found.location, found.industry)
        if (
            facts.names_national(asking)
            and any(facets)
            and sum(map(bool, facets))
            < sum(map(bool, (entities.level, entities.location, entities.industry)))
        ):
            return found
        return entities

    def _without_set_aside(
        self, question: str, intent: str, match: Match
    ) -> tuple[Topic | None, bool, tuple[tuple[str, float], ...], str | None]:
        """The item scorer's reading (topic, whole list, nearest items, and the bullet it is sure of
        as a unit key) of the question without the subjects it sets aside ("not model accuracy, I
        mean getting the model to play with our ERP"): those say what it does not ask about; the
        match's own reading for any other question. The rest is embedded once for both readings."""
        rest = _set_aside_rest(question)
        read = self.read(question)
        if (
            rest is None
            or not has_words(rest)
            or (intent == match.intent and self._asked_part(question, read) is not read)
        ):
            # nothing set aside, or the match is already the rest's reading (`_asked_part`): embedded once
            topic, whole, items, bullet = match.topic, match.whole, match.items, match.bullet
        else:
            topic, whole, items, bullet = self.matcher.readings_of(intent, normalize(rest).text)
        return topic, whole, items, (f"{bullet.section}/{bullet.item}" if bullet is not None else None)

    def match_many(self, readings: Sequence[Reading]) -> list[Match]:
        if not readings:
            return []
        rows = np.vstack([r.facets for r in readings])
        return self.matcher.classify_many(
            [r.normalized.text for r in readings],
            rows,
            [r.asking for r in readings],
            [r.parts for r in readings],
        )

    def query(
        self, *, question: str, forced: str | None, notes: tuple[str, ...] = (), full: bool = False
    ) -> Query:
        """Classify `question` (unless `forced`) and read its entities, the asker's facts and the
        question's content words into a `Query`; `full` asks for the whole section."""
        return self.queries([Request(question, forced, notes, full)])[0]

    def queries(self, requests: Sequence[Request]) -> list[Query]:
        """`query()` for several questions, matched in batches; a long batch is shared among the
        cores (each question is still read on its own, so the answers are those of one at a time).
        One question alone is read once and kept (`READ_CACHE`); a batch's are not (the matcher's
        cosines, one matrix product for the batch, may differ from one question's in the last bit)."""
        if len(requests) == 1:
            found = self._read.get(requests[0])
            if found is None:
                found = self._queries(requests)[0]
                self._read.put(requests[0], found)
            return [found]
        if len(requests) < PARALLEL_FROM:  # one question: no core count (os.cpu_count() reads /sys)
            return self._queries(requests)
        workers = min(MAX_WORKERS, _usable_cores())
        if workers < 2:
            return self._queries(requests)
        size = -(-len(requests) // workers)
        chunks = [requests[lo : lo + size] for lo in range(0, len(requests), size)]
        from concurrent.futures import ThreadPoolExecutor  # a long batch only (3 ms to import)

        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="aitl-match") as pool:
            return [query for done in pool.map(self._queries, chunks) for query in done]

    def _queries(self, requests: Sequence[Request]) -> list[Query]:
        readings = [self.read(r.question) for r in requests]
        forced = [_forced(r) for r in requests]
        todo = [i for i, f in enumerate(forced) if f is None]
        matched = [self._asked_part(requests[i].question, readings[i]) for i in todo]
        matches = dict(zip(todo, self.match_many(matched), strict=True))
        return [self._query(r, readings[i], forced[i], matches.get(i)) for i, r in enumerate(requests)]

    def _query(self, request: Request, reading: Reading, forced: str | None, match: Match | None) -> Query:
        kb = self._kb
        entities = reading.entities
        if match is not None and match.intent == "salary" and facts.asking_sentence(request.question) is None:
            match = self._facets_aside(request.question, match, reading)
        if match is not None and match.intent == "unknown" and not reading.other_role:
            match = self._only_priced(match, reading)
        if match is not None and match.intent != "salary":
            match = _earnings_asked(request.question, match, other_role=reading.other_role)
        if match is not None and match.intent != "salary":
            match = _headcount_priced(request.question, match, other_role=reading.other_role)
        if match is None:
            intent, confidence, ambiguous = forced or "unknown", 1.0, False
            alternatives: tuple[Alternative, ...] = ()
            matched_topic = None
            whole = False
            items: tuple[tuple[str, float], ...] = ()
        else:
            intent, confidence, ambiguous = match.intent, match.confidence, match.ambiguous
            alternatives = alternatives_of(kb, match)
            matched_topic = match.topic
            whole = match.whole
            items = match.items
        spec = kb.intents.get(intent)
        topic_section = spec.topic_section if spec else None
        bullet = None
        if match is not None and intent in kb.intents:
            matched_topic, whole, items, bullet = self._without_set_aside(request.question, intent, match)
        topic = aside = None
        if topic_section:
            # the item scorer's clear choice, over an alias the words have in passing ("the
            # regulators want to know WHY the model turned someone down": Explainable AI, not the
            # Regulatory Compliance "regulators" names); else an item named by its title or an alias
            # (of what it asks: an item named only where it sets things aside is not asked about)
            topic = self._asked_part(request.question, reading).entities.topic_for(topic_section)
            if entities.topic_for(topic_section) != topic:
                aside = entities.topic_for(topic_section)
            if matched_topic is not None and matched_topic.section == topic_section:
                topic = matched_topic.item
        salary = intent == "salary"
        if salary:
            entities = self._compared_in_asking(request.question, entities)
        named = topic is not None and topic == entities.topic_for(topic_section or "")
        question = request.question
        asker, form = facts.read(question, index=index_for(kb))
        if form.ranked and intent not in self._unranked:
            form = replace(form, ranked=False)  # "which region grows fastest?": the guide says
        rest = _set_aside_rest(question) if form.pays else None
        if rest is not None and not facts.pays(rest):
            form = replace(form, pays=False)  # "excluding pay, which industries want them most?"
        level = entities.level
        elsewhere = asker.years is not None and self._years_elsewhere(question)
        if (
            asker.years is not None
            and not elsewhere
            and not asker.outside_ml
            and self._years_in_field(question)
        ):
            asker = replace(asker, outside_ml=True)
        if elsewhere:
            # "I'm a nurse with 10 years": no AI/ML experience, so no pay band and no requirement met
            asker = replace(asker, years=None)
            read_from_years = _YEARS_ALIAS.search(entities.level_alias or "")
            level = None if entities.years is not None and read_from_years else level
        spelled = " ".join(index_for(kb).spell_acronyms(reading.normalized.tokens))
        return Query(
            kb=kb,
            question=question,
            intent=intent,
            confidence=confidence,
            level=level,
            location=entities.location,
            industry=entities.industry,
            industry_said=entities.industry_alias,
            unlisted_location=entities.unlisted_location if salary else None,
            topic=topic,
            topic_section=topic_section if topic else None,
            named=named,
            pair=_pair(entities, topic_section),
            whole=whole and topic is None,
            readings=readings(entities, outside_ml=bool(asker.outside_ml), elsewhere=elsewhere)
            if salary
            else (),
            pay_extras=salary
            and (not _PAY_EXTRAS.isdisjoint(entities.terms) or bool(_ON_TOP.search(question.lower())))
            and not _extras_set_aside(question),
            also=entities.also if salary else (),
            places=entities.places if salary else (),
            alternatives=alternatives,
            # an item of the matched intent's list named outright settles which list is meant; so
            # does the one place the guide has the subject asked about ("does the guide say anything
            # about computer vision?"), answered from there whatever the intent
            ambiguous=ambiguous and bool(alternatives) and not named and not (form and form.place),
            notes=request.notes,
            facts=asker if asker or asker.background else None,  # a background alone is kept
            form=form,
            other_role=reading.other_role,
            # a verdict asked for ("is that a problem?") says how it asks, not what about
            # ... the guide's acronyms as it spells them out ("compound annual growth rate": CAGR)
            words=tuple(dict.fromkeys(terms_of(facts.VERDICT.sub(" ", spelled)))),
            full=request.full,
            scores=tuple(match.probabilities.items()) if match is not None else (),
            cutoff=self.matcher.learned.calibration.cutoff if match is not None else 0.0,
            items=items,
            bullet=bullet,
            aside=aside,
            asked=self._asked_reading(question, intent, topic_section) if match is not None else None,
            encoder=self.matcher.encoder,
        )


_SUPERLATIVE = re.compile(
    r"\b(?:largest|fastest|biggest|greatest|highest|lowest|most|least|top)\b", re.IGNORECASE
)


def _ranks(kb: KnowledgeBase, section_ids: Sequence[str]) -> bool:
    """Whether the guide's words in these sections (and their subsections) put anything first."""
    todo = [s for s in section_ids if s in kb.sections]
    while todo:
        section = kb.sections[todo.pop()]
        words = (t for i in section.items for t in (i.title, i.text, *i.points))
        texts = [*section.intro, *section.outro, *words]
        if any(_SUPERLATIVE.search(t) for t in texts):
            return True
        todo += [c for c in section.children if c in kb.sections]
    return False


_YEARS_ALIAS = re.compile(r"y(?:ea)?rs?|yoe|decade")
"""A level read from years ("10 years"), not named ("senior")."""


def _extras_set_aside(question: str) -> bool:
    """Whether the question names bonuses or equity only to set them aside ("skip the equity and
    bonus stuff, just the average"): not a question about pay on top of base."""
    rest = _set_aside_rest(question)
    return rest is not None and _PAY_EXTRAS.isdisjoint(terms_of(rest)) and not _ON_TOP.search(rest.lower())


def _without_aliases(text: str, aliases: Sequence[str]) -> str:
    """A normalised text without the words the entity reader read its facets from."""
    for alias in aliases:
        text = re.sub(rf"(?<![a-z0-9]){re.escape(alias)}(?![a-z0-9])", " ", text)
    return text


def _set_aside_rest(question: str) -> str | None:
    from bot.engine.answers.focus import set_aside

    rest = set_aside(question)
    return None if rest == question.replace("’", "'").strip() else rest


_EARNS_ASKED = re.compile(
    r"\b(?:what|how much) (?P<modal>do|does|did|would|will|could|can|might|should) (?P<who>[\w' -]{1,40}?) "
    r"(?:make|earn|take home|pull in|bring in)"
    r"(?: (?:a|per) (?:year|yr|month|hour)| annually| there| here| now| nowadays| these days| today"
    r"| on average| typically| usually| roughly| realistically| as (?:an? |the )?(?P<as>[\w' -]{2,40}?))*\W*$"
)
"""What someone earns, asked with nothing after the verb but when, where or as the role ("what do
AI tech leads make?", "what would I make there?", "what would I make as an AI lead?"): "make" with
no object made is pay."""
_EARNER = re.compile(
    r"^(?:i|you|we|a lead|leads|an ai lead|ai leads|the lead|one|a senior one|someone like me)$"
)
"""Who, besides the role by name, a question asks the earnings of: the asker, a lead; not "they"
or "people who run restaurant kitchens", who may be anyone."""


def _headcount_priced(question: str, match: Match, *, other_role: bool = False) -> Match:
    """`match` as pay when the question asks what a number of the role's people cost ("how much
    would 3 ai tech leads in nyc cost me", "VP eng here. want to hire 3 ai tech leads next yr. whats
    my budget?"); with another job named, only when the number is of the role by name."""
    counted = facts.headcount_said(question)
    asking = facts.asking_sentence(question) or question  # what it asks costs them, not an aside
    if counted is None or not facts.pays(f"{counted} {asking}"):
        return match
    if not facts.mentions_role(question) or _set_aside_rest(question) is not None:
        return match
    if other_role and not facts.mentions_role(counted):
        return match
    return _as_pay(match)


def _earnings_asked(question: str, match: Match, *, other_role: bool = False) -> Match:
    """`match` as pay when the question asks what someone earns in so many words (`_EARNS_ASKED`),
    whatever the matcher makes of "make" alone ("what do AI tech leads make?" read as what they do)."""
    found = _EARNS_ASKED.search(facts.lowered(question))
    if found is None or not (facts.mentions_role(found.group("who")) or _EARNER.search(found.group("who"))):
        return match
    as_role = bool(found.group("as")) and facts.mentions_role(found.group("as"))
    if (found.group("as") and not as_role) or (other_role and not as_role):
        # "what would I make as a nurse?": another job's pay; another job named anywhere else
        # ("my title is Senior Data Scientist") unless the earnings asked are the role's by name
        return match
    if found.group("who") in ("i", "we", "you") and found.group("modal") in ("should", "can", "could"):
        return match  # "what should I make?", "what can we make here?": made, perhaps, not earned
    return _as_pay(match)


def _as_pay(match: Match) -> Match:
    """`match` read as a pay question, with no item of another intent."""
    return replace(
        match,
        intent="salary",
        confidence=max(match.probabilities.get("salary", 0.0), 0.5),
        topic=None,
        whole=False,
        items=(),
        bullet=None,
    )


def _pair(entities: Entities, section: str | None) -> tuple[str, ...]:
    """The items of `section` a question names outright, in its order, when it names two or more."""
    said = tuple(item for where, item in entities.said_topics if where == section) if section else ()
    return said if len(said) >= 2 else ()


def _usable_cores() -> int:
    """The cores this process may run on (a process pinned to one gets no threads)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _forced(request: Request) -> str | None:
    """The intent to use without matching: the forced one, or `unknown` for a question with no
    word to answer from ("$", "???", a bare emoji, random bytes): never a guide section."""
    if request.forced is not None:
        return request.forced
    if facts.is_noise(request.question) or not has_words(request.question):
        return "unknown"
    if provenance(request.question):
        return "help"  # "is that in the guide or are you making it up?": where answers come from
    return None


def alternatives_of(kb: KnowledgeBase, match: Match) -> tuple[Alternative, ...]:
    """The runner-up intents, best first (for an `unknown` match: the best guesses)."""
    out = []
    for intent, confidence in match.ranked:
        if intent in (match.intent, "unknown", "help") or intent not in kb.intents:
            continue
        out.append(Alternative(intent=intent, confidence=float(confidence), label=kb.intents[intent].label))
    return tuple(out[:MAX_ALTERNATIVES])


def readings(entities: Entities, *, outside_ml: bool = False, elsewhere: bool = False) -> tuple[str, ...]:
    """How aliases and years were read ("Read *sr* as Senior-Level (12-18 years)"), made safe; a
    band read from years the asker says are not in AI/ML (`outside_ml`) says so (as a carried one
    does); years said of a job outside software, data and AI (`elsewhere`: "I'm a teacher, 10
    years") are read as no band, and that is said instead."""
    years_read = (
        f"Read *{entities.level_alias}*" if entities.years is not None and entities.level_alias else None
    )
    out = []
    for note in entities.readings:
        if elsewhere and years_read and note.startswith(years_read):
            note = (
                f"Not read as a band: your *{entities.level_alias}* are in a job outside AI/ML, "
                "and the guide asks for experience in AI/ML roles."
            )
        elif outside_ml and years_read and note.startswith(years_read):
            note += facts.OUTSIDE_ML_NOTE
        out.append(esc(note))
    return tuple(out)
