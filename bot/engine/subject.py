"""Is a question about what the guide says of a subject across its sections, and which subject?

Read from the guide itself, not from ways of phrasing: a question that speaks of the guide as a
text (it names the guide, or asks how often it says, or what it says overall, everywhere,
elsewhere) and whose subject (a topic of at most `WORDS` words, mostly ones the guide has, less the
words of asking) occurs in places of `SECTIONS` or more of the guide's top-level sections is
answered across the guide (bot.engine.answers.across). A subject found in one section only is
answered as that item or area (bot.engine.answers.focus); one the guide does not have at all, when
the question asks whether the guide mentions it, is answered "I find no mention of it". A
question for one thing ("which certs ...?", "is that one of the trends?", "what does it
recommend ..."), one that names one section as where to look, or asks about pay is not across.

The subject is the phrase after "about" (or "regarding", "on" after a word of asking) when that
has words the guide has; else, as in "mentoring juniors - what does the guide say about that?",
the question's other words the guide has. What follows a comma after the subject is the asker's
aside ("everything on communication pls, i'm prepping ..."); a topic put first and then asked about
with no words of its own ("cloud - what's the take? which tools come up") is the subject; "which X
come up" asks where, not for one thing; "n" joins facets like "and" ("security n privacy").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.engine.normalize import _expand
from bot.engine.search import STOP, GuideIndex, terms_of

COVERAGE = 0.75
"""A place counts when it matches this share of a facet's word weight (as in answers.across)."""
SECTIONS = 2
"""A subject found in at least this many top-level sections is answered across the guide."""
SHORTEST = 0.7
"""A shorter form of a subject word counts only when it keeps this share of it ("explainabl" of
"explainability" does; "multi" of "multimodal" does not)."""
WORDS = 4
"""A subject is a topic of a few words; a longer phrase describes a situation, which the item the
question's reading finds answers better ("hard to hire ml people, even harder to keep them")."""

ASKING = frozenset(
    terms_of(
        """guide guides guidebook document doc text section sections part parts place places chapter page
        mention mentions mentioned mentioning cover covers covered coverage talk talks talked discuss
        discusses discussed touch touches address addresses addressed treat treats treated treatment
        frame frames framed framing describe describes described view views take stance position
        perspective angle story content material write writes written appear appears show shows come
        comes crop bring brings say says said care cares want wants think thinks feel feels
        overall across throughout everywhere anywhere elsewhere general whole entire total all every
        everything anything something stuff type kind sort summary summarize summarise sum recap roundup
        often else ask asks asking asked specifically exactly actually really pls please thanks bit lot info
        information advice tip tips guidance word words different various into onto over via per up figure
        overview according topic topics theme themes rundown breakdown recurring recur recurs repeatedly
        frequently emphasis emphasize emphasise weight attention area areas thoughts
        occurrence occurrences instance instances reference references refs thread threads full picture
        compile combine consolidate consolidated together context contexts"""
    )
)
"""Words that ask about the guide as a text or say how much of it ("overall", "everywhere"), never
a subject."""

_COMES_UP = r"(?:comes?|coming|came|shows?|showing|crops?|pops?|turns?) up"
"""Where a subject comes up in the guide: one of `_ADDRESS`'s forms, and `_WHERE`."""
_ADDRESS = re.compile(
    r"\b(?:guide|guide's|guides|playbook|handbook|in there|in it"
    r"|does it (?:say|mention|cover|talk)|it says?|(?:is|'s|are) (?:said|written)|what do you (?:have|know)"
    r"|(?:all|everything) you (?:have|know)|everything (?:about|on|regarding)"
    r"|overall(?=\s*(?:[?.!,;:—–-]|$))|throughout|everywhere|anywhere|elsewhere|all over|in general"
    r"|across (?:the |its |all |all the |all its |this )?(?:whole |entire |different |various )?"
    r"(?:guide|doc|docs|document|text|sections|parts|board|areas|role|job)"
    r"|sections|all the places|mention(?:s|ed)?|discuss(?:es|ed)?|covered"
    rf"|{_COMES_UP}"
    r"|how often (?:does|do|is|are) (?:the guide|it|this guide))\b"
)
"""The question speaks of the guide as a text (it names the guide, asks what is said or mentioned,
where a subject comes up), or of all of it."""
_NAMED = re.compile(
    r"\b(?:mentions?|mentioned|covers?|covered|talks? about|says? anything about|discuss(?:es)?)\b"
)
"""The question asks whether the guide mentions its subject: one it lacks is said to be missing."""
_MARKER = re.compile(r"\b(?:about|abt|regarding|concerning|re:|on the subject of|when it comes to)\s+")
_ON = re.compile(
    r"\b(?:take|takes|view|views|stance|position|perspective|angle|say|says|said|has|have|put|puts|place|places"
    r"|lay|lays|everything|anything"
    r"|something|stuff|info|information|material|content|advice|guidance)\s+on\s+"
)
YES_NO_NEXT = (
    r",(?=\s*(?:is|are|does|do|can|could|should|would|will|am) (?:i|we|they|you|it|that|this|he|she)\b)"
)
"""A comma before a yes/no question ("..., is that a problem if i never did?"): a clause ends there."""
_CLAUSES = re.compile(rf"\s*(?:[?!;:—–]|\.(?:\s|$)|\s-\s|{YES_NO_NEXT})\s*")
"""Clauses, and a yes/no question after a comma ("..., is that a problem if i never did?")."""
_BESIDES = re.compile(
    r"\s+(?:besides|except|other than|apart from|outside(?: of)?|beyond|not just|not only)\b.*$"
)
"""The part of a subject that names where it was already seen ("ethics besides the trends")."""
_PRONOUN = re.compile(r"\b(?:it|them|that|this|these|those|they)\b")
"""A subject that refers back ("stakeholders: what about working with them?"): the other clause names it."""
_REFERS = re.compile(r"\b(?:that|this|these|those)\s+$")
_WORD = re.compile(r"[a-z0-9][a-z0-9'’]*")


@dataclass(frozen=True, slots=True)
class Subject:
    """What an across-the-guide question asks about: `text` as the question says it (for the
    answer to repeat and to split into facets), `words` its stemmed words the guide has."""

    text: str
    words: tuple[str, ...]
    sections: int
    """In how many top-level sections the guide speaks of it."""
    clause: str = ""
    """The part of the question it was read from."""


def addressed(text: str) -> bool:
    """Whether the question speaks of the guide as a text or of all of it."""
    return bool(_ADDRESS.search(text) or _ASKED.search(text))


def _learned(question: str, index: GuideIndex) -> bool:
    """Whether the knowledge base's learned detector (bot.engine.nlu.across) is sure the question
    asks across the guide ("bias & fairness: everything", "collab, top to bottom"): it then
    addresses the guide as a text, its subject still read and found in several sections."""
    from bot.engine.nlu import across

    detector = across.load(index.kb.directory)
    return detector is not None and detector.sure(question)


def read(question: str, index: GuideIndex) -> Subject | None:
    """The subject of a question about what the guide says across its sections, else None.

    A message whose asker's story comes first ("our churn model was flagged ... where does ethics
    come up in this guide?") is read from its asking sentence first (with the sentence before it
    when it points back: "... hiring and keeping people. how does the guide cover that?"), as
    bot.engine.facts.asking_text does for the matcher; the whole message only when that names no
    subject."""
    for asking in _asking(question):
        found = _read(asking, index)
        if found is not None:
            return found
    return _read(question, index)


def _asking(question: str) -> list[str]:
    """The asking sentence of a message of several (bot.engine.facts.asking_sentence), then, when
    it points back with few words of its own ("is that a recurring idea in the guide?"), it with
    the sentence before it; none for a message of one sentence, or of those two."""
    from bot.engine import facts

    asking = facts.asking_sentence(question)
    if asking is None:
        return []
    out = [asking]
    if facts.POINTS_BACK.search(asking) and len(_content(asking.lower())) <= WORDS // 2:
        before = facts.with_before(question, asking)
        if before is not None:
            out.append(before)
    return out


def _read(question: str, index: GuideIndex) -> Subject | None:
    text = " ".join(question.lower().replace("’", "'").split())
    if not (addressed(text) or _learned(question, index)) or _one_thing(text):
        return None
    phrase = _phrase(text, index)
    if phrase is None:
        return None
    words = _words(phrase, index)
    if _REFERS.search(text[: max(text.find(phrase), 0)]):
        return None  # "what does it say a lead needs on that front": what it refers to is not here
    if not words:
        unknown = [w for w in _content(phrase) if not index.expand(w)]
        named = _NAMED.search(text) is not None and not _aliased(phrase, index)  # "mlops": an item's alias
        return Subject(phrase, (), 0) if unknown and named else None  # "does the guide mention k8s?"
    if set(words) <= _section_words(index):
        return None  # "summarize the skills", "the trends the guide mentions": the section's list
    asking = " ".join(c for c in _CLAUSES.split(text) if addressed(c) or phrase in c)
    if _restricted(asking, words, index):
        return None  # "how do the guide's soft skills describe communication?": one section asked
    clause = next((c for c in _CLAUSES.split(text) if phrase in c), text)
    whole = _whole_title(phrase, text, index)
    if whole is not None:  # "edge ai" is Edge AI, not every "cutting-edge"
        return Subject(whole[0], tuple(words), whole[1], clause)
    sections = _sections(words, phrase, index)
    done = _DOING.match(phrase)
    if sections < SECTIONS and done:  # "managing stakeholders": what the guide says of stakeholders
        thing = done.group(1)
        found = [w for w in _words(thing, index) if w not in _section_words(index)]
        if found and _tops(index, (tuple(found),), titled=True) >= SECTIONS:  # titles in several sections
            return Subject(thing, tuple(found), _sections(found, thing, index), clause)
        doing = phrase.split()[0]  # "mentoring juniors": what the guide says of mentoring
        own = [w for w in _words(doing, index) if w not in _section_words(index)]
        rare = not found or _tops(index, (tuple(found),), titled=False) < SECTIONS  # not "learning python"
        if own and rare and _tops(index, (tuple(own),), titled=True) >= SECTIONS:
            return Subject(doing, tuple(own), _sections(own, doing, index), clause)
    return Subject(phrase, tuple(words), sections, clause)


def _aliased(phrase: str, index: GuideIndex) -> bool:
    """Whether the phrase is one of the knowledge base's aliases of a guide item ("mlops" of Model
    Development and Deployment): the guide has it in other words."""
    return " ".join(re.findall(r"[a-z0-9]+", phrase.lower())) in _aliases(index)


@lru_cache(maxsize=8)
def _aliases(index: GuideIndex) -> frozenset[str]:
    """Every alias of a guide item, as its words joined by spaces (read once per knowledge base)."""
    return frozenset(
        " ".join(re.findall(r"[a-z0-9]+", alias.lower()))
        for items in index.kb.entities.topics.values()
        for aliases in items.values()
        for alias in aliases
    )


def _whole_title(phrase: str, text: str, index: GuideIndex) -> tuple[str, int] | None:
    """When the subject, with the word after it that the index leaves out ("edge" + "ai"), is a run
    of words of item titles: that fuller subject and in how many top-level sections such titles
    are; None otherwise (the subject's own words decide)."""
    found = re.search(rf"\b{re.escape(phrase)}\s+([a-z0-9]+)\b", text)
    if found is None or terms_of(found.group(1)):
        return None
    fuller = f"{phrase} {found.group(1)}"
    said = tuple(re.findall(r"[a-z0-9]+", fuller))
    tops = {
        top
        for top, title in _titles(index)
        if any(title[k : k + len(said)] == said for k in range(len(title)))
    }
    return (fuller, len(tops)) if tops else None


@lru_cache(maxsize=8)
def _titles(index: GuideIndex) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each item's top-level section id and its title's words (read once per knowledge base)."""
    return tuple(
        (section.parent or section.id, tuple(re.findall(r"[a-z0-9]+", item.title.lower())))
        for section in index.kb.sections.values()
        for item in section.items
    )


_DOING = re.compile(
    r"^[a-z]+ing\s+(?:with\s+|to\s+|on\s+|for\s+|about\s+|up\s+)?(?:the\s+|our\s+|your\s+)?(\S.*)$"
)
"""A subject that is something done to a thing ("managing stakeholders", "working with data"): when
the guide does not speak of the doing in several sections but titles the thing in several, the
question is what it says of the thing; when it titles the doing in several ("mentoring juniors":
Mentorship in two sections) and the thing is in fewer ("learning python" is about Python), of the
doing."""


_ADVICE = re.compile(r"\b(?:recommends?|recommended|recommendations?|advice|advise|suggests?)\b")
_ALL = re.compile(r"\b(?:all|everything|every|everywhere|overall|throughout|across)\b")
"""Advice asked for as a whole ("all the guide's advice on stakeholders") is no one thing."""
_ONE = re.compile(
    r"^(?:who|when)\b|\bone of the\b"
    r"|\b(?:which|what|how many|how much)\s+(?!(?:does|do|did|is|are|was|were|can|could"
    r"|should|would|will|has|have|about|it|in|else|sections?|parts?|places?|times|emphasis|weight|attention"
    r"|importance|stress"
    r"|(?:the|this|that|your) (?:guide|doc|document|text))\b)[a-z]"
)
"""A question for one thing ("which certs does the guide recommend?", "what growth rate ...", "is
that one of the trends?", "what does it recommend for ..."), not "what does the guide say" nor
"which sections ..."."""


_EXPECTS = re.compile(
    r"^(?:(?:so|and|but|hey|ok|also)\W+)*(?:does|do|did|would|will) (?:the |this )?(?:guide|doc|document|it)"
    r" (?!(?:say|says|mention|mentions|cover|covers|talk|talks|discuss|discusses|touch|touches|address"
    r"|have|has|go|get|speak|bring|list|include|ever|really|actually|come|treat|deal)\b)[a-z]+"
)
"""A yes/no question whether the guide holds one view ("does the guide expect leads to do feature
engineering themselves?"), not whether or where it says something."""


def _one_thing(text: str) -> bool:
    if _ADVICE.search(text) and not _ALL.search(text):
        return True
    if any(_EXPECTS.match(c) for c in _CLAUSES.split(text)) and not _ALL.search(text):
        return True
    text = text.replace("what's", "what is").replace("whats", "what is")
    if not _ONE.search(text):
        return False
    hits = [c for c in _CLAUSES.split(text) if _ONE.search(c)]
    return not hits or any(not _WHERE.search(c) for c in hits)


_WHERE = re.compile(
    rf"\b(?:{_COMES_UP}|(?:runs?|running|ran) through|in what contexts?"
    r"|across (?:the |this |its )?(?:guide|sections))\b"
)
"""A clause that asks which things come up ("which tools come up?") asks where the guide speaks of
them, as does one that asks how much a subject runs through the guide, or in what contexts it
comes up: across it, not for one thing ("which industries are mentioned as adopting AI?" is one:
the guide's Industry Adoption)."""

_ASKED = re.compile(
    r"\b(?:where|how)(?:'s| (?:does|do|is|are|did|would|will))\s+(.+?)\s+"
    r"(?:actually\s+|really\s+|typically\s+)?"
    rf"(?:{_COMES_UP}|come into|factor in"
    r"|(?:get |gets )?(?:framed|treated|handled|viewed|covered|described))\b"
)
"""The asking clause of a question whose context comes first ("we handle patient records. where
does protecting people's personal info come up for an AI lead, in their duties ...?"): the subject
is what it asks where or how the guide speaks of, between "where does" and "come up"."""


_TREATED = (
    re.compile(
        r"\b(?:guide|it|this guide|the document)\s+(?:really\s+|actually\s+)?"
        r"(?:treats?|covers?|frames?|handles?|deals? with|leans? on|talks? about|cares? about|acknowledges?"
        r"|calls? out|has on|says? on|expects? of (?:the |a )?(?:lead|leads) on)\s+"
        r"(?!(?:it|its|them|that|this|these|those)\b)(.+?)"
        r"(?:\s+(?:across|throughout|in (?:more than|several|multiple|different|its|all)"
        r"|as (?:a|an)\b)\b.*)?$"
    ),
    re.compile(
        r"^(?:so\s+|and\s+)?(?:is|are)\s+([^,]+?)\s+"
        r"(?:a (?:thread|recurring|one-off|theme|passing)|something (?:the guide|it)"
        r"|(?:mentioned|listed|covered|treated|discussed)"
        r" (?:across|in (?:more than|several|multiple|different|both))"
        r"|mentioned|listed|covered)\b"
    ),
    re.compile(rf"\b(?:where|how)\s+(?!(?:does|do|is|are|did|would|will|else)\b)([^,]+?)\s+{_COMES_UP}\b"),
    re.compile(r"\bhow (?:much|far|often)\s+(?:does|do|did|is|are)\s+([^,]+?)\s+(?:runs?|running) through\b"),
)
"""The asking clause of a question that asks how or whether the guide treats a subject across it ("how
does the guide treat setting strategy and vision across its parts?", "is mentoring juniors a
thread that runs through this guide?", "trace how making decisions shows up across the guide"):
the subject is what it treats."""


_ELSEWHERE = re.compile(
    r"\b(?:else|elsewhere|besides|except|other than|apart from|beyond|not just|not only)\b"
)


_IN_SECTION = re.compile(
    r"^(?:in|within|under)\s+(?:the\s+|its\s+|this\s+)?((?:[a-z]+(?:'s|')?\s+){0,2}[a-z]+)\b"
)
"""A clause that opens with where to look ("in the requirements' soft skills, ..."): one place."""


def _restricted(clause: str, words: list[str], index: GuideIndex) -> bool:
    """Whether the subject's clause names one top-level section (its title, or its title less the
    first word: "soft skills", "the trends") other than as its subject, and not as where the
    subject was already seen ("ethics besides the trends"); several named ask across them."""
    if _ELSEWHERE.search(clause):
        return False
    where = _IN_SECTION.match(clause)
    if where is not None:  # "in the requirements section's soft skills, how is X described?"
        put = set(terms_of(where.group(1)))
        if any(put.issuperset(name) for _n, names in _section_names(index) for name in names):
            return True
    said = set(terms_of(clause))
    named = {n for n, names in _section_names(index) for name in names if said.issuperset(name)}
    named -= {n for n, names in _section_names(index) for name in names if name <= set(words)}
    return len(named) == 1


def section_named(question: str, section_id: str, index: GuideIndex) -> bool:
    """Whether the question names the top-level section `section_id` ("a trend", "the challenges"),
    not by a word of asking ("required" is not Requirements)."""
    said = set(terms_of(question)) - _form_words()
    names = [name for n, names in _section_names(index) if n == section_id for name in names]
    return any(said.issuperset(name) for name in names)


@lru_cache(maxsize=8)
def _section_names(index: GuideIndex) -> tuple[tuple[str, tuple[frozenset[str], ...]], ...]:
    """Each top-level section's id and the ways of naming it (its title's words; those less the first)."""
    names = []
    for section in index.kb.sections.values():
        title = [t for t in terms_of(section.title) if t != "ai"]
        if section.parent is None and title and not set(title) <= ASKING:
            names.append((section.id, (frozenset(title), frozenset(title[1:] or title))))
    return tuple(names)


def _phrase(text: str, index: GuideIndex) -> str | None:
    """The words of the question that name its subject, as written (separators kept)."""
    clauses = [c for c in _CLAUSES.split(text) if c.strip()]
    clauses = sorted(clauses, key=lambda c: not addressed(c))  # the clause that asks the guide first
    for n, clause in enumerate(clauses):
        found = _MARKER.search(clause) or _ON.search(clause)
        if found is None:
            continue
        after = _BESIDES.sub("", clause[found.end() :]).strip(" ,")
        refers = any(_PRONOUN.search(p) and _words(p, index) for p in FACETS.split(after))
        if _words(after, index) and not refers:
            found = _topic(after, index)
            head = after.split(",", 1)[0]  # "communication pls, i'm prepping for ...": what comes first
            if found is None and head != after and _words(head, index):
                found = _topic(head, index)
            return found
        rest = [c for k, c in enumerate(clauses) if k != n and _words(c, index)]  # "X - what about that?"
        if rest:
            return _topic(_BESIDES.sub("", rest[0]), index)
        if _PRONOUN.search(after):
            return None  # "what does it say a lead needs on that front": no subject to read
        return after if _content(after) else None
    said = [c for c in _CLAUSES.split(text) if c.strip()]
    head, comma, tail = said[0].partition(",") if said else ("", "", "")
    if comma and tail.strip() and not _content(tail):  # "collab, top to bottom": the topic, then how much
        said = [head, tail, *said[1:]]
    if len(said) > 1 and not addressed(said[0]) and _words(said[0], index):
        if any(not _content(c) for c in said[1:]):  # "cloud - what's the take? which tools come up"
            found = _topic(said[0], index)
            if found is not None:
                return found
    own = [_BESIDES.sub("", c) for c in clauses if addressed(c)]
    for clause in own:  # "<context>. where does keeping data clean come up, as a duty ...?"
        asked = _ASKED.search(clause)
        if asked is not None and _words(asked.group(1), index) and not _PRONOUN.fullmatch(asked.group(1)):
            found = _topic(_span(asked.group(1), index), index)
            if found is not None:
                return found
    for clause in own:  # "<context>. how does the guide treat setting strategy and vision, across ...?"
        for pattern in _TREATED:
            asked = pattern.search(clause)
            if asked is None or not _words(asked.group(1), index) or _PRONOUN.fullmatch(asked.group(1)):
                continue
            found = _topic(_span(asked.group(1), index), index)
            if found is not None:
                return found
    ordered = [*own, *(c for c in clauses if c not in own)]
    for clause in [c for c in ordered if _words(c, index, named=True)] or ordered:
        if _words(clause, index):
            return _topic(clause, index)
    for clause in own:
        if _content(clause):
            return " ".join(_content(clause))
    return None


_ASIDE_AFTER = re.compile(r"\s*(?:i|i'm|im|i've|ive|we|we're|since|because|cause|cuz|as|but|though|tho)\b")
"""After a comma, words that start the asker's aside ("..., i thought it was ..."), not a list's
next entry ("python, sql and spark")."""


def _topic(phrase: str, index: GuideIndex) -> str | None:
    """`phrase` as a subject (`_span`) when it names a topic: at most `WORDS` words, most of them
    the guide's ("what does it say about getting models out the door properly" asks for something
    the guide says in other words, which the item the question's reading finds answers better)."""
    first, comma, rest = phrase.partition(",")
    if comma and _words(first, index) and _ASIDE_AFTER.match(rest):
        phrase = first  # "why is data science in there, i thought ...": the asker's aside; not a list
    head = _QUALIFIER.sub("", phrase)  # "communication across the board": communication
    said = _content(head if _words(head, index) else phrase)
    known = [w for w in said if any(_known(t, index) for t in terms_of(w))]
    if len(set(_content(phrase))) > WORDS or 2 * len(known) <= len(said):
        return None
    return _span(phrase, index)


_QUALIFIER = re.compile(r"\s+(?:in|for|of|on|at|within|when|across|among|over|so|to)\s+\S.*$")
"""What follows a subject's head and only qualifies it ("bias in models", "ROI for AI programs")."""


_IDIOMS = re.compile(
    r"\b(?:(?:from )?top to bottom|(?:from )?start to (?:finish|end)|(?:the )?full picture"
    r"|in one (?:spot|place|list)|a list of"
    r"|pull(?:ed|ing)? (?:it |this |that |them |everything )?together)\b",
    re.IGNORECASE,
)
"""Ways of asking for everything ("collab, top to bottom", "the full picture"), whose words name no
subject; the same words elsewhere do ("start-up experience", "end-to-end pipelines")."""


@lru_cache(maxsize=8192)
def _content(phrase: str) -> list[str]:
    """The phrase's words that may name a subject (not words of asking nor stop words)."""
    out = []
    form = _form_words()
    for raw in _WORD.findall(_IDIOMS.sub(" ", phrase)):
        for word in _expand(raw).split():
            terms = terms_of(word)
            if terms and terms[0] not in ASKING and terms[0] not in form and terms[0] not in STOP:
                out.append(word)
    return out


def _form_words() -> frozenset[str]:
    from bot.engine.answers.focus import FORM_WORDS

    return FORM_WORDS


@lru_cache(maxsize=8192)
def _known(term: str, index: GuideIndex) -> bool:
    """Whether the guide has the word: itself or a form of it (not only a near spelling of another
    word: "outlook" is not "outcome")."""
    return any(form[:4] == term[:4] for form in index.expand(term))


@lru_cache(maxsize=8192)
def _words(phrase: str, index: GuideIndex, *, named: bool = False) -> list[str]:
    """The phrase's stemmed subject words that the guide has (section names only when alone;
    `named`: never)."""
    found = [t for w in _content(phrase) for t in terms_of(w) if _known(t, index)]
    found = list(dict.fromkeys(found))
    own = [t for t in found if t not in _section_words(index)]
    return own if own or named else found


def _span(phrase: str, index: GuideIndex) -> str:
    """`phrase` from its first subject word to its last ("conferences and community stuff" ->
    "conferences and community"), separators between them kept."""
    words = set(_words(phrase, index))
    spans = [m for m in _WORD.finditer(phrase) if any(t in words for t in terms_of(_expand(m.group())))]
    if not spans:
        return phrase
    return phrase[spans[0].start() : spans[-1].end()]


FACETS = re.compile(r"\s*(?:\+|&|/|,|\band\b|\bor\b|\bn\b)\s*")
"""What separates a subject's facets ("security + privacy", "cloud / infra"); answers.across splits
by it too."""


@lru_cache(maxsize=8)
def _section_words(index: GuideIndex) -> frozenset[str]:
    """Words of the top-level sections' titles ("trends", "challenges"): where a subject was seen,
    not the subject, when the question has other words."""
    kb = index.kb
    return frozenset(
        t for s in kb.sections.values() if s.parent is None for t in terms_of(s.title) if t != "ai"
    )


def _sections(words: list[str], phrase: str, index: GuideIndex) -> int:
    """In how many top-level sections a place matches a facet of the subject (`COVERAGE` of its
    word weight, as answers.across gathers them). A subject that is one title's words ("time
    management and prioritization") is that item, unless its facets title places in several
    sections ("cloud / infra": Cloud and Infrastructure, Cloud and Distributed Computing)."""
    heads = [_QUALIFIER.sub("", f) or f for f in FACETS.split(phrase)]  # "models in production": models
    facets = [f for f in ([t for t in terms_of(f) if t in words] for f in heads) if f]
    whole = (tuple(words),)
    split = tuple(tuple(f) for f in facets) or whole
    if len(words) > 1 and any(all(index.expand(w) & u.title_terms for w in words) for u in index.units):
        return max(_tops(index, whole, titled=False), _tops(index, split, titled=True))
    return _tops(index, split, titled=False)


@lru_cache(maxsize=4096)
def _tops(index: GuideIndex, facets: tuple[tuple[str, ...], ...], *, titled: bool) -> int:
    """In how many top-level sections an item has `COVERAGE` of a facet's word weight (in its
    title, when `titled`), by the words themselves or their longer forms: a shorter word the guide
    has ("multi" of "multimodal") is no evidence of the subject elsewhere."""
    kb = index.kb
    tops: set[str] = set()
    for facet in facets:
        forms = {w: {f for f in index.expand(w) if len(f) >= SHORTEST * len(w)} for w in facet}
        weights = {w: max((index.idf.get(f, 0.0) for f in forms[w]), default=0.0) for w in facet}
        total = sum(weights.values())
        if total <= 0:
            continue
        for unit in index.units:
            if unit.item is None:
                continue
            terms = unit.title_terms if titled else unit.terms
            if sum(weights[w] for w in facet if forms[w] & terms) >= COVERAGE * total:
                section = kb.section(unit.section_id)
                tops.add(section.parent or section.id)
    return len(tops)
