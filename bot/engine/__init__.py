"""The engine façade: `Engine.load(dir)` once, then `engine.ask(text)` -> `Answer`, never raising.

Adapters (CLI, Slack, tips) only talk to this class. It runs the pipeline
normalize -> entities -> learned matcher -> answer family, and turns any internal error into a safe
"unknown" answer (logged with the traceback), because a chat bot must always reply something.
Nothing here imports Slack or SQLAlchemy.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.engine import dialogue, facts
from bot.engine.answer import INTENTS, Alternative, Answer
from bot.engine.answers import Draft, Query, compose, draft, draft_key, entity_key, load_all
from bot.engine.answers.base import DYM_PREFIX, FULL_ACTION, finished, with_full_button
from bot.engine.answers.unknown import guesses, noted
from bot.engine.conversation import ConversationState
from bot.engine.facts import two_questions
from bot.engine.knowledge import KnowledgeBase, load_knowledge
from bot.engine.lru import LRU
from bot.engine.render import MAX_BLOCKS, MAX_TEXT, escape

if TYPE_CHECKING:
    from bot.engine.nlu.encoder import Encoder
    from bot.engine.pipeline import Pipeline, Request

log = logging.getLogger(__name__)

MAX_QUESTION = 2000
"""Longer input is cut here (and the answer says so): no real question is longer."""

CUT_NOTE = "_(That was long: I read the first 2,000 characters.)_"

CACHE_SIZE = 8192
"""Composed answers kept per engine, the most recently used. The same intent and entities always
compose the same message, and composing costs more than classifying, so repeats are served from
here. Measured on bench/bench_engine.py's 5,000 questions: 4,702 kept, 33 MB with the pipeline's
readings and the encoder's vectors."""

DRAFT_CACHE_SIZE = 2048
"""Drafts kept per engine (the most recently used), for the messages that depend on the question
itself (did-you-mean buttons carry it, a cut note mentions it): composing the draft is most of the
work."""

CacheKey = tuple[object, ...]


class Engine:
    """Answers questions about the role from one validated knowledge base."""

    def __init__(self, kb: KnowledgeBase, encoder: Encoder | None = None) -> None:
        self._kb = kb
        self._encoder = encoder
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()
        self._answers: LRU[Answer] = LRU(CACHE_SIZE)
        self._drafts: LRU[Draft] = LRU(DRAFT_CACHE_SIZE)

    @classmethod
    def load(cls, knowledge_dir: Path | str | None = None) -> Engine:
        """Load and validate the knowledge base (KnowledgeError if it is broken)."""
        return cls(load_knowledge(Path(knowledge_dir) if knowledge_dir else None))

    @property
    def kb(self) -> KnowledgeBase:
        return self._kb

    def warm(self) -> Engine:
        """Build the matchers and the spelling indexes now rather than as questions come
        (servers call this at start; a one-off `aitl ask` builds only what it needs)."""
        from bot.engine.answers import focus
        from bot.engine.nlu import across
        from bot.engine.normalize import analyzer_for

        pipeline = self._pipeline_or_build()
        analyzer_for(self._kb).prepare()
        load_all()  # the answer families, imported now rather than on their first questions
        focus.prepare(self._kb, pipeline.matcher.encoder)  # the guide's items, encoded (~0.3 s)
        across.load(self._kb.directory)
        return self

    def ready(self) -> Engine:
        """Load the learned matcher and the encoder now, so a missing or broken one is a
        KnowledgeError (or EncoderError) here, not a fallback answer later."""
        self._pipeline_or_build()
        return self

    def help(self) -> Answer:
        return self.ask("", intent="help")

    def ask(
        self,
        question: str,
        *,
        intent: str | None = None,
        full: bool = False,
        state: ConversationState | dict[str, Any] | None = None,
    ) -> Answer:
        """Answer one question; `intent` forces the intent (buttons, subcommands) but entities
        are still read from the text. The answer leads with its point and shows only what the
        question needs; `full` shows the whole section instead.

        `state` is the conversation so far (a `ConversationState` or its `to_dict()`; an empty
        `ConversationState()` for a conversation's first question, None outside any): a
        follow-up ("and in NYC?", "the third one", "more") is read in its context
        (bot.engine.dialogue), the answer says in one line what it carried, and lists it in
        `carried`. Every answer has the conversation after it in `state`. Never raises."""
        text = question if isinstance(question, str) else ""
        prior = (
            state
            if isinstance(state, ConversationState) or state is None
            else ConversationState.from_dict(state)
        )
        try:
            return self._respond(text, self._query(text, intent, full=full), prior, full=full)
        except Exception:
            log.exception("could not answer (intent=%s, %d chars)", intent, len(text))
            return replace(self._fallback(text), state=prior)

    def _respond(self, text: str, query: Query, prior: ConversationState | None, *, full: bool) -> Answer:
        """The answer to `text`, read as `query`, in the conversation `prior` (None: none); a
        message that asks two things gets the other one answered beside it (`_with_other`)."""
        resolved = self._resolve(text, query, prior, full=full)
        answer = self._answer(resolved, prior)
        if full or not query.scores:
            return answer  # the whole section asked for; a forced intent (a button, a subcommand)
        asked = two_questions(text[:MAX_QUESTION])
        return answer if asked is None else self._with_other(answer, resolved, asked, prior)

    def _resolve(
        self, text: str, query: Query, prior: ConversationState | None, *, full: bool = False
    ) -> dialogue.Resolved:
        return dialogue.resolve(
            query,
            prior,
            requery=lambda forced: self._query(text, forced, full=full),
            reread=lambda other: self._query(other, None, full=full),
            item=lambda other, intent: self._pipeline_or_build().item(other[:MAX_QUESTION], intent),
        )

    def _with_other(
        self,
        answer: Answer,
        resolved: dialogue.Resolved,
        asked: tuple[str, str],
        prior: ConversationState | None,
    ) -> Answer:
        """`answer` to a message that asks two things ("what languages should a lead know? and
        which frameworks?") joined with the answer to the question it does not answer. Each question
        is read alone, the second as a follow-up of the first (so "and which frameworks?" is about
        skills); the message's own answer is the one about the same thing (intent, item, salary
        row), and the other is added when it says something the first does not. A message whose
        answer is about neither is left as it was."""
        first_text, second_text = asked

        def brief(read: dialogue.Resolved) -> dialogue.Resolved:  # without "Also in the guide"
            return replace(read, query=replace(read.query, brief=True))

        # each read alone, the second as a follow-up of the first, brief as they would be shown
        # (brief changes no intent, item or pay row)
        first_read = self._resolve(first_text, self._query(first_text, None), prior)
        first = self._answer(brief(first_read), prior)
        second_read = self._resolve(second_text, self._query(second_text, None), first.state)
        second = self._answer(brief(second_read), first.state, say=False)
        if _same_subject(answer, first):
            lead_read, other = resolved, second
        elif _same_subject(answer, second):
            lead_read, other = resolved, first
        elif answer.intent == first.intent:  # about both ("which sectors …, and which region …?"): each
            lead_read, other = first_read, second
        else:
            return answer
        own = self._answer(brief(lead_read), prior) if lead_read is resolved else first
        cutoff = self._pipeline_or_build().matcher.learned.calibration.cutoff
        if not _worth_adding(other, own, second_text if other is second else first_text, cutoff):
            return answer
        shown = (own, other) if other is second else (other, own)
        if (
            sum(len(one.blocks) for one in shown) + 2 > MAX_BLOCKS
            or len(_joined_text(shown, second_text)) > MAX_TEXT
        ):
            return answer  # two long answers: the message's own, within Slack's limits, its source whole
        return _joined(own, shown, second_text, state=second.state)

    def _answer(
        self, resolved: dialogue.Resolved, prior: ConversationState | None, *, say: bool = True
    ) -> Answer:
        """Compose the resolved query; say what was carried; the conversation after it."""
        query, carried = resolved.query, list(resolved.carried)
        if query.intent == "unknown" and prior is not None and prior.intent == "unknown":
            query = replace(query, refused_before=True)  # a second refusal in a row: shorter
        answer = self._compose(query)
        if resolved.untitled is not None and not dialogue.same_item(self._kb, resolved.labels, answer.topic):
            # the carried item's title found no item of that name there: the question as asked
            resolved = replace(resolved, query=resolved.untitled, carried=(), labels=())
            query, carried, answer = resolved.query, [], self._compose(resolved.untitled)
        if query.full and answer.topic is None and query.topic and query.topic_section and "topic" in carried:
            # "more" after an item: its whole section, still about that item (as `carried` says)
            from bot.engine.answers.focus import topic_at

            answer = replace(answer, topic=topic_at(self._kb, query.topic_section, query.topic))
        facts, used = "", dict[str, object]()  # the earlier facts the answer uses, said in its first line
        if resolved.without_facts is not None:
            plain = self._compose(resolved.without_facts)
            if plain.text == answer.text:  # the earlier facts change nothing here: not carried
                query, answer = resolved.without_facts, plain
            else:  # said in the answer's first line and listed in `carried` (issue 10)
                used = dict(resolved.facts)
                for name in list(used) if len(used) > 1 else ():
                    # each one that changes nothing left out ("what if she were senior?": the
                    # figure placed in the senior range, the years a level was given for unsaid)
                    fewer = replace(query, facts=replace(query.facts, **{name: None}))
                    if self._compose(fewer).text == answer.text:
                        query = fewer
                        del used[name]
                facts = dialogue.facts_label(used)
                if dialogue.facts_asked(query, used):
                    carried.append("facts")
        if resolved.recalled and "facts" not in carried:
            # "is my math background worth anything?" after "I'm a math teacher": what it refers to
            facts = dialogue.facts_label({**dict(resolved.recalled), **used})
            carried.append("facts")
        line = ""
        if carried or facts or resolved.within or resolved.against or resolved.aside:
            line = dialogue.carried_line(
                resolved.labels,
                facts=facts,
                from_years=resolved.from_years,
                from_place=resolved.from_place,
                within=resolved.within,
                against=resolved.against,
                aside=resolved.aside,
                source=resolved.source,
            )
        if not line and carried:  # context used, though the resolution named none: said all the same
            line = (
                dialogue.carried_line((), aside="your last question")  # not "Out of scope, carried"
                if answer.intent == "unknown"
                else dialogue.carried_line(dialogue.carried_labels(self._kb, carried, answer))
            )
        if not line and prior is not None and answer.intent == "unknown":
            line = dialogue.noted_line(query)  # "I'm an ML engineer with 6 years": kept for later
            if line:  # what to ask next, not "not something I can answer" and the topics
                answer = noted(query)
        if line and say:
            answer = _with_context(answer, line, prior)
        after = dialogue.advance(
            prior, query, answer, now=time.time(), asked=resolved.asked, later=resolved.later
        )
        return replace(answer, carried=list(dict.fromkeys(carried)), state=after)

    def ask_many(self, questions: Sequence[str], *, full: bool = False) -> list[Answer]:
        """`ask()` for several questions at once (batch mode): the same answers, matched in one
        batch. Never raises; a question that fails gets the safe fallback answer."""
        texts = [q if isinstance(q, str) else "" for q in questions]
        try:
            queries = self._pipeline_or_build().queries([self._request(t, None, full=full) for t in texts])
        except Exception:
            log.exception("could not read a batch of %d questions; answering one by one", len(texts))
            return [self.ask(t, full=full) for t in texts]
        out = []
        for text, query in zip(texts, queries, strict=True):
            try:  # as ask() outside a conversation
                out.append(self._respond(text, query, None, full=full))
            except Exception:
                log.exception("could not answer (%d chars)", len(text))
                out.append(self._fallback(text))
        return out

    def explain(self, question: str) -> dict[str, Any]:
        """How `question` was read, for people editing the knowledge base (`aitl ask --explain`,
        `/aitl why`): entities, each intent's probability, the cutoff, the nearest labelled
        examples and the item found. Plain data; raises KnowledgeError if nothing is learned."""
        from bot.engine.nlu.explain import explain

        text = question if isinstance(question, str) else ""
        return explain(self._pipeline_or_build(), self._request(text, None).question)

    def _compose(self, query: Query) -> Answer:
        """Compose, or reuse the message composed for the same intent and entities."""
        key = _cache_key(query)
        if key is None:
            return finished(query, self._draft(query))
        answer = self._answers.get(key)
        if answer is None:
            answer = compose(query)
            self._answers.put(key, answer)
        blocks = list(answer.blocks)
        if answer.more and answer.question != query.question:  # the button carries the question
            blocks = with_full_button(blocks, intent=answer.intent, question=query.question)
        return Answer(  # fresh containers: an adapter may append its own blocks
            intent=answer.intent,
            confidence=max(0.0, min(1.0, query.confidence)),
            text=answer.text,
            blocks=blocks,
            sources=answer.sources,
            entities=dict(answer.entities),
            alternatives=list(query.alternatives),
            question=query.question,
            topic=answer.topic,
            more=answer.more,
            listed=answer.listed,
            bullets=answer.bullets,
        )

    def _draft(self, query: Query) -> Draft:
        """The family's draft for `query`, kept by what it depends on (`draft_key`)."""
        key = draft_key(query)
        found = self._drafts.get(key)
        if found is None:
            found = draft(query)
            self._drafts.put(key, found)
        return found

    def _query(self, question: str, forced: str | None, *, full: bool = False) -> Query:
        return self._pipeline_or_build().queries([self._request(question, forced, full=full)])[0]

    @staticmethod
    def _request(question: str, forced: str | None, *, full: bool = False) -> Request:
        """The one place that cuts long input and settles what a forced intent means."""
        from bot.engine.pipeline import Request

        notes: tuple[str, ...] = ()
        if len(question) > MAX_QUESTION:
            question, notes = question[:MAX_QUESTION], (CUT_NOTE,)
        if forced is not None and forced not in INTENTS:
            forced = None
        if not question.strip() and forced is None:
            forced = "help"  # a bare `/aitl` or an empty line: show what the bot can do
        return Request(question, forced, notes, full)

    def _pipeline_or_build(self) -> Pipeline:
        return self._pipeline or self._build_pipeline()

    def _build_pipeline(self) -> Pipeline:
        from bot.engine.pipeline import Pipeline  # the matcher and encoder load once a question comes

        with self._lock:  # Slack handlers run in threads; build once
            if self._pipeline is None:
                self._pipeline = Pipeline(self._kb, self._encoder)
            return self._pipeline

    def _fallback(self, question: str) -> Answer:
        """A safe answer when composing failed; must not fail itself."""
        try:
            from bot.engine.answers import unknown

            query = Query(kb=self._kb, question=question, intent="unknown", confidence=0.0)
            return unknown.compose(query, reason="Sorry, I could not answer that one. Here is what I can do.")
        except Exception:
            log.exception("fallback answer failed too")
            text = "Sorry, I could not answer that. Try *help* to see what I can answer."
            return Answer(
                intent="unknown",
                confidence=0.0,
                text=text,
                blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": text}}],
                sources=[],
                question=question[:MAX_QUESTION],
            )


def _worth_adding(other: Answer, answer: Answer, said: str, cutoff: float) -> bool:
    """Whether the answer to a message's other question (`said`) belongs beside its `answer`: in
    scope and surely read, about something else, and saying what `answer` does not."""
    # out of scope; or read as a follow-up of the first, but not surely ("is it expected of …?")
    if other.intent in ("help", "unknown") or other.confidence < cutoff or "Did you mean" in other.text:
        return False
    if other.topic is not None and other.topic == answer.topic:
        return False  # the same item again ("… where does that come up?")
    if other.topic is None and answer.topic is not None and answer.topic["item"] in other.text:
        return False  # "… versioning datasets? what's the recommended practice": the item, not its list
    pay_unasked = other.intent == "salary" and answer.intent != "salary"
    if pay_unasked and not facts.pays(said) and not _row(other):
        return False  # "… quantum AI … what's the supposed payoff vs normal hardware?": no pay asked
    return _adds(other, answer)


def _same_subject(one: Answer, other: Answer) -> bool:
    """Whether two answers are about the same thing: intent, item and salary row."""
    return _subject(one) == _subject(other)


def _subject(answer: Answer) -> tuple[object, ...]:
    return answer.intent, answer.topic, _row(answer)


def _row(answer: Answer) -> tuple[object, ...]:
    """The salary facets an answer is for (level, location, industry), each None when not given."""
    found = tuple(answer.entities.get(k) for k in ("level", "location", "industry"))
    return found if any(found) else ()


ADDS = 0.8
"""Another answer adds to one when less than this share of its words is in that one already, and
less than this share of its lines."""


def _adds(other: Answer, answer: Answer) -> bool:
    """Whether `other` says what `answer` does not: less than `ADDS` of the words of its own lines
    (not its citation, not the other places under "Also in the guide", not a line's lead before
    its colon: "Programming Skills is one of 5 items under …:") are in `answer` already ("Non-Tech
    Hubs: $120,000 - $220,000" adds nothing to an answer that compares Boston with them), nor of
    its lines, as they stand or after their lead ("Privacy Protection is one of 3 items …:
    Implement measures …" adds nothing to the places the guide speaks of privacy)."""
    body = other.text.split(SOURCE_BREAK, 1)[0].split(ALSO_HEAD, 1)[0].replace("*", "").replace("_", "")
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    words = _words(" ".join(line.split(": ", 1)[-1] for line in lines))
    if not words or len(words & _words(answer.text)) >= ADDS * len(words):
        return False
    said = answer.text.replace("*", "").replace("_", "")
    inside = sum(line in said or line.split(": ", 1)[-1] in said for line in lines)
    return inside < ADDS * len(lines)


SOURCE_BREAK = "\n\nSource: "
"""Where an answer's text gives its citation (`answers.base.citation`)."""
ALSO_HEAD = "*Also in the guide*"
"""The head of the other places an answer names (`answers.focus.also_meant`)."""


def _words(text: str) -> set[str]:
    """A text's words and figures of three characters or more, lowercased, without mrkdwn marks."""
    return {w.strip(".,;:'-") for w in _WORD.findall(text.lower()) if len(w.strip(".,;:'-")) > 2}


_WORD = re.compile(r"[a-z0-9$][a-z0-9$,.'-]*")


ASKED_WIDTH = 150
"""The other question is quoted up to this many characters in "You also asked"."""


def _joined(
    answer: Answer, shown: tuple[Answer, Answer], said: str, *, state: ConversationState | None
) -> Answer:
    """The message's `answer` as the answers to its two questions, `shown` in their order, the
    second under "You also asked: …" (`said`), each with its own citation; only the message's own
    answer keeps its buttons ("Show the whole section"). The conversation goes on from the second
    question (`state`)."""
    first, second = shown
    head = _asked_head(said)

    def kept(one: Answer) -> list[dict[str, Any]]:
        return [b for b in one.blocks if one is answer or b.get("type") != "actions"]

    return replace(
        answer,
        text=_joined_text(shown, said),  # within Slack's limit (`_with_other` checks it)
        blocks=[
            *kept(first),
            {"type": "divider"},
            {"type": "section", "text": {"type": "mrkdwn", "text": head}},
            *kept(second),
        ],
        sources=list(dict.fromkeys([*first.sources, *second.sources])),
        state=state,
    )


def _asked_head(said: str) -> str:
    """ "*You also asked:* ..." over the second answer of a message of two questions."""
    quoted = " ".join(facts.OPENING.sub("", said.strip()).split()) or said
    quoted = quoted if len(quoted) <= ASKED_WIDTH else quoted[: ASKED_WIDTH - 1].rstrip() + "…"
    return f"*You also asked:* {escape(quoted)}"


def _joined_text(shown: tuple[Answer, Answer], said: str) -> str:
    """The notification text of two answers joined (`_joined`)."""
    return f"{shown[0].text}\n\n{_asked_head(said)}\n{shown[1].text}"


def _with_context(answer: Answer, line: str, prior: ConversationState | None) -> Answer:
    """`answer` led by the one line saying what came from earlier turns; its buttons that re-ask
    the question ("Show the whole section", "Did you mean") also carry the earlier state, so a
    click re-reads the follow-up in it."""
    blocks = [{"type": "context", "elements": [{"type": "mrkdwn", "text": line}]}]
    for block in answer.blocks:
        if block.get("type") == "actions" and prior is not None:
            block = _with_state(block, prior)
        blocks.append(block)
    return replace(answer, text=f"{line}\n{answer.text}", blocks=blocks)


def _with_state(block: dict[str, Any], prior: ConversationState) -> dict[str, Any]:
    from bot.engine.render import button_value

    small = {
        k: v
        for k, v in prior.to_dict().items()
        if k in ("v", "intent", "topic", "level", "location", "industry", "facts")
    }
    elements = []
    for element in block.get("elements", []):
        try:
            value = json.loads(element.get("value") or "{}")
        except ValueError:
            value = {}
        action = str(element.get("action_id") or "")
        if (
            isinstance(value, dict)
            and "q" in value
            and (action == FULL_ACTION or action.startswith(DYM_PREFIX))
        ):
            element = {**element, "value": button_value({**value, "s": small}, shrink_key="q")}
        elements.append(element)
    return {**block, "elements": elements}


def _cache_key(query: Query) -> CacheKey | None:
    """What the message depends on; None when it also depends on the question itself
    (did-you-mean buttons carry it, a cut note mentions it, unknown offers its guesses)."""
    if query.ambiguous or query.notes:
        return None
    key = draft_key(query)  # the intent and entities, or unknown, the intents it guesses, the question
    if key[0] != "unknown":
        return key
    if guesses(query):  # offered as buttons that carry the question
        return None
    return (*key, query.intent, *entity_key(query))  # the entities (in the JSON) differ too


__all__ = ["Alternative", "Answer", "ConversationState", "Engine"]
