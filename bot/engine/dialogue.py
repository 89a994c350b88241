"""Follow-up questions: the pipeline's `Query` for the new text, merged with the conversation so far.

The pipeline reads every question on its own (intent, entities, the asker's facts); this module
decides, from that `Query` and the `ConversationState`, whether the question leans on earlier
turns, and fills in what it leaves out:

- slots: after a salary answer, a question that gives only a level, place, industry or years
  ("and in NYC?", "what about at a bank?", "for execs?") keeps the other facets; one that
  compares ("vs NYC?") sets the new facet against the old;
- references: "the third one", "the last", "#2", "the one after that" pick an item of the list
  the last answer showed;
  "that one", "why is that hard?", "more on that" go back to the item (or salary facets) just
  discussed; "what else?", "what other trends?" to the rest of its list, "which one ...?" into
  the list shown;
- commands: "more" / "the whole section" show the whole section, "shorter" the point again;
- the asker's own facts (years, degree, a pay figure) stay known for later questions;
- a question that points back or says nothing of its own ("which one matters most?", "how so?")
  is read again with the conversation's subject after it, and keeps its own intent only when,
  read alone, that is `CONTINUES` times likelier than the conversation's ("is it well paid?"
  after a trend); so is a question the matcher reads only weakly alone.

A question that stands on its own (a confident intent of its own, or one naming the role with
its own facets) inherits nothing, a new topic does not inherit salary facets, and after an
out-of-scope answer the next question is read on its own. The only words read here are the
discourse words a follow-up is made of (ordinals, "that", "and", "instead", "more"): what the
question is *about* always comes from the pipeline, so this works the same with any matcher; a
question is "nothing but a facet" when its content words are all explained by the salary facets
the pipeline read (and the words that go with one: "years of experience", "a mid level one").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.engine import facts as asker
from bot.engine.answers.help import provenance
from bot.engine.conversation import (
    FACT_NAMES,
    MAX_ASIDE,
    MAX_OFFER,
    MAX_OFFERS,
    MAX_SHOWN,
    MAX_WORDS,
    ConversationState,
    Shown,
)
from bot.engine.normalize import normalize, stem
from bot.engine.search import STOP, GuideIndex, index_for, terms_of

if TYPE_CHECKING:
    from bot.engine.answer import Answer
    from bot.engine.answers.base import Query
    from bot.engine.knowledge import KnowledgeBase, Section

FOLLOW_UP_CONFIDENCE = 0.5
"""Below this, the matcher's intent is too weak to stand against what the conversation is about."""
STRONG = 0.9
"""A question with words of its own read alone this surely keeps its own intent ("is there a trend
toward fixing this?" after a challenge is a trends question). (A question read as out of scope is a
follow-up only when, with the conversation's subject, it is read as that subject beyond doubt,
`_beyond_doubt`: "docker?" after the skills; not "how is a bonus taxed?".)"""

CONTINUES = 5.0
"""How much likelier, read alone, a question that leans on the conversation must be its own intent
than the conversation's for its own to stand: the odds a conversation keeps its subject (about a
third of follow-ups keep it, the rest spread over ten other intents). The reading with the
subject after it cannot weigh this: the subject's own words pull it toward the subject."""

ABOUT_THE_BOT = 0.95
"""A question read this surely as help asks about the bot itself ("what else can you do?", "what
do you know about?"), whatever the conversation, if it also speaks to the bot (`_ADDRESSED`);
"can you give an example?" (0.54) leans on it."""

OUT_OF_SCOPE_ODDS = 0.31
"""How much less likely a question is out of scope after an in-scope answer than the matcher
assumes: about 2.4% of follow-ups after an in-scope answer are out of scope in the training
conversations (11 of 460, examples/conversations.yaml), against one in 13 classes for the
class-balanced matcher: 0.024 / 0.077 = 0.31."""

SALARY = "salary"
FACETS = ("level", "location", "industry")

_ADDRESSED = re.compile(r"\b(?:you|your|u|ya|bot|aitl)\b")
"""A question about the bot speaks to it ("what else can you do?"); "what else?" does not, however
surely the matcher takes it for help: it leans on the conversation."""

_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "eleventh": 11, "11th": 11, "twelfth": 12,
    "12th": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "last": -1, "final": -1, "penultimate": -2,
}  # fmt: skip
_CARDINALS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_NUMBER = r"\d{1,2}|" + "|".join(_CARDINALS)
_POINTER = r"(?:(?:(?<!\w)#|\bno\.? ?)(?=\d)|\bnumber (?!one\b)|\b(?:item|point|bullet) )"
"""A word that points at a place in a list by its number ("#2", "no. 3", "item three", "point 4");
not "the number one challenge", which ranks, nor "no one"."""
_ORDINAL = re.compile(
    r"\b(second|2nd) (?:to|from) (?:the )?last\b"
    r"|\b(" + "|".join(_ORDINALS) + r")\b(?! (?:year|time|month|week|place)s?\b)"
    rf"|{_POINTER}({_NUMBER})\b"
    r"|\b(\d{1,2})(?:st|nd|rd|th)\b(?! (?:year|time|month|week|place)s?\b)"
    r"|^(?:and |ok |okay |then |now )?(\d{1,2})\W*$"
)
_LIST_HEAD = r"(?:one|point|item|bullet|entry|thing|of (?:them|those|these)|on (?:the|that|this|your) list)"
"""What an ordinal names when it names a place in a list ("the second point", "the 3rd entry")."""
_POINTS = re.compile(
    r"\b(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|last"
    rf"|\d{{1,2}}(?:st|nd|rd|th)|middle) {_LIST_HEAD})\b|{_POINTER}(?:{_NUMBER})\b"
)
"""An ordinal that can only point into a list ("the first one", "the 2nd point", "#2", "item
three"): it wins over another intent."""
_MIDDLE = re.compile(rf"\bthe middle {_LIST_HEAD}")
"""The middle one of a list shown ("the middle one?" after three bullets)."""
_ELLIPTIC = re.compile(
    r"^(?:(?:hmm+|ok|okay|so|right|cool)\W+)*(?:(?:and )?what about|(?:and )?how about|and|also)\s+"
    r"(?!what|how|why|which|who|where|when|is|are|do|does|can|should|would|could)(?:[\w'-]+\W*){1,5}$"
)
"""A fragment that continues ("and the budget stuff?", "what about the ethics one"): no question
of its own."""
FACTS_BEAR_ON = {
    "years": ("salary", "qualifications", "career"),
    "degree": ("qualifications", "career"),
    "pay": ("salary",),
    "background": ("qualifications", "career"),
    "outside_ml": ("salary", "qualifications", "career"),  # with the years only (`_with_facts`)
}
"""The intents whose answers an asker's fact from earlier can change: years of experience place a
pay band and meet (or not) the guide's requirements; a degree meets its education; a pay figure
is placed in a range; the asker's own job or field is placed on the guide's path (or said not to be
on it) by a question about the way in or the requirements, not by one about what to learn ("which
languages should I learn first?")."""
_TALKS_ABOUT = {
    "years": re.compile(r"\b(?:experience|exp|years?|yrs?|yoe|tenure|seniority)\b"),
    "degree": re.compile(r"\b(?:degrees?|education|college|university|school)\b|" + asker.DEGREE_WORDS),
    "background": re.compile(r"\b(?:background|from here|where i am now)\b"),
}
"""What a question about the asker's qualifications asks about: an earlier fact of one kind is not
used in a question about the other ("do I need a master's?" after "I have 4 years" asks about the
degree; the years would answer another question), only in one about both or neither ("am I
qualified?")."""
_I = "i|i'm|im|i've|ive|me|my|myself"
_WE = "we|we're|our|ours|us"
_FIRST_PERSON = re.compile(rf"\b(?:{_I}|mine)\b")
_SWITCH = re.compile(
    r"^(?:(?:lol|ok|okay|so|and|but|hmm+|k|cool|great|nice|thanks|thx|ty|got it|gotcha|alright|right|sure"
    r"|perfect|makes sense)\W+)*"
    r"(?:separately|unrelated"
    r"|(?:on a |on an )?(?:different|diff|new|separate|other|unrelated) (?:q|question|topic|note)"
    r"|on another note|changing (?:the )?subject|switching gears|totally different)\b"
)
"""A question that says it starts afresh: read on its own, nothing carried."""
_NAMED_ONE = re.compile(r"\bthe (?:[\w'-]+ ){1,3}(?:one|ones|stuff|thing)\b")
"""An item named in passing, as one of a list ("the edge one", "the budget stuff")."""
_NAMED_PART = re.compile(r"\bthe (?:[\w'-]+ ){1,3}(?:part|parts|piece|bit|bits|side|aspect|angle)\b")
"""An item named as a part of what was just discussed ("the stakeholder management piece"): looked
up in the conversation's list first, like `_NAMED_ONE`; carried only when that list decides it."""
_ENTRY = re.compile(r"\b(?:one(?! of)|ones|part|parts|piece|pieces|bit|bits)\b")
"""The head of an item named as an entry of a list ("the budget one", "the data governance piece"),
not as an aspect of the subject ("the strategy side", "the cloud angle"), which asks the
conversation's question of that aspect."""
_NEXT = re.compile(
    r"^(?:and |ok |okay )?next\W*$|\bnext one\b|\bone (?:right |just |immediately )?after (?:that|it|this)\b"
    r"|\bone (?:right )?after\W*$"
    r"|\bafter (?:that|it|this)(?: one)? (?:on|in) (?:the|that|this|your) list\b"
)
_PREVIOUS = re.compile(
    r"\bprevious one\b|\bone (?:right |just |immediately )?before (?:that|it|this)\b"
    r"|\bone (?:right )?before\W*$"
    r"|\bbefore (?:that|it|this)(?: one)? (?:on|in) (?:the|that|this|your) list\b"
)
_REFERENCE = re.compile(r"\b(?:that|this|it|its|those|these|them|the same|same one|one|(?<!-)related)\b")
_THERE = re.compile(
    r"\b(?<!is )(?<!are )(?<!was )(?<!were )(?<!not )(?<!isn't )(?<!aren't )(?<!over )(?<!out )"
    r"there\b(?!'s|’s| (?:is|are|was|were|will|would)\b)"
)
"""A place pointed back at ("what does a lead make there?"), not "is there ...?" / "there is"."""
_OTHERS = re.compile(
    r"\b(?:what|who|which|anything|any|something|else) else\b|\bbesides (?:that|this|it|those|these)\b"
    r"|\b(?:what|which|any|the|some) others?\b|\bthe rest\b|^(?:(?:and|ok|okay|so)\W+)*others\b"
)
"""A question after the rest of the list, not the item just discussed ("what else should I watch
for besides that?", "what other trends are there?"): it leans on the conversation like a reference."""
_OTHER_ONE = re.compile(r"\bthe other (?:one|item|entry)\b|^(?:and |what about |ok )?the other\W*$")
"""The other of two ("and the other one?")."""
_BESIDES = re.compile(r"\b(?:besides|other than|apart from|aside from|except|beyond|outside(?: of)?)\b")
"""What a question sets aside ("what else besides the budget side")."""
_CHOOSES = re.compile(
    r"\bwhich (?:one|ones)\b(?! of)|\bwhich of (?:them|these|those)\b"
    r"|\bwhat (?:(?:specific|particular|exact|main|key) )?ones\b(?! of)"
)
"""A question that chooses among the list just shown ("which one takes the most time?", "what
specific ones should i probe for"): about that list, like an ordinal, whatever else its words
suggest."""
_COMPARES = re.compile(
    r"\b(?:vs|versus|against|compared? (?:to|with)|comparison with|comparing|stacks? up"
    r"|(?:more|less|higher|lower|better|worse) than|(?:difference|gap) (?:between|from|to|with))\b"
)
"""A salary follow-up that compares ("vs seattle?", "compared with mid level?", "how's that stack
up against senior?", "is that more than in chicago?"): the facet it gives is set against the one
before, not put in its place."""
_NATIONAL = re.compile(
    r"\b(?:national(?:ly)?|nationwide|countrywide|across the (?:us|u\.s\.?|country)|(?:us|u\.s\.?) average)\b"
)
"""A salary question about the whole country ("the national average"): no facet is carried into it."""
_NATIONAL_WORDS = frozenset(terms_of("national nationally nationwide countrywide average"))
_CONTINUES = re.compile(
    r"^(?:and|but|also|so|then|ok|okay|what about|how about|what if|same|plus)\b"
    r"|\b(?:instead|then|too|as well|either|again)\W*$"
)
_GOES_ON = re.compile(r"^(?:and|also|plus)\b")
"""A question that goes on from the last one ("and where do they go after")."""
_MORE = re.compile(
    r"^(?:(?:ok|okay|and|so|please|pls|yes|sure)\W+)*"
    r"(?:(?:tell|show|give) (?:me )?more|more|go on|continue|expand|full|(?:go|dig) deeper|more details?|"
    r"(?:show )?(?:me )?(?:the )?(?:whole|full|entire) (?:section|thing|list|answer|version))"
    r"(?: please| pls)?$"
)
_ASKING = re.compile(
    # an acknowledgement or an adverb of manner before the question word ("ok realistically what
    # would i earn", "honestly which of them ...") still asks a question of its own
    r"^(?:(?:hmm+|ok|okay|so|and|but|right|cool|wait|also|thx|thanks|thank you|great|nice|k|yeah|yes"
    r"|[a-z]+ly)\W+)*"
    r"(?:(?:what|how|why|who|where|when)s?|which|is|am|are|do|does|did|can|could|should|would|will|was|were|"
    r"tell|show|explain|describe|elaborate|expand|give|go|more)\b"
)
_ACKNOWLEDGE = frozenset(
    terms_of("ok okay hmm so well right cool yeah yep yes sure thx thank great nice interesting sounds")
)
"""The words of an acknowledgement ("ok cool", "nice one"): small talk, however unsure the matcher."""
_DISCOURSE = _ACKNOWLEDGE | frozenset(
    terms_of(
        "first second third fourth fifth sixth seventh eighth ninth tenth last next previous other "
        "instead again exactly else then now give example explain elaborate detail mean clarify expand "
        "matter important importance hard difficult tough easy good bad work really actually specifically "
        "look like say think big biggest main key top deal typical usual normal true realistic strict real "
        "legit too also either but though tho plus"  # connectives: "ok but for execs"
    )
)
"""Words that carry a conversation along rather than say what is asked: a question made of
nothing else ("why does that matter?", "can you give an example?") is about the conversation's
subject, whatever the matcher reads into it."""
_SHORTER = re.compile(
    r"^(?:(?:ok|okay|and|so|please|pls|hmm|just|can you|could you)\W+)*"
    # asked as a request ("make it shorter", "give me a one paragraph summary")
    r"(?:(?:make|keep) (?:it|that|this) |give (?:me )?(?:the |a |an )?(?:one[- ]paragraph |quick |brief )?)?"
    r"(?:shorter|short version|(?:the )?short answer|briefly|in short|tl ?;? ?dr|summari[sz]e|summary|less"
    r"|too long)"
    # with a word on how, but no question of its own ("shorter pls, just bullets i can paste"), or
    # of what was just answered ("tldr of that")
    r"(?: please| pls)?(?: (?:just|only|as|in|for|with|into)\b[^?]*"
    r"| of (?:it|that|this|the answer)\b[^?]*)?$"
)


@dataclass(frozen=True, slots=True)
class Resolved:
    """The query to answer, what in it came from earlier turns, and the one line that says so.

    `without_facts` is the same query without the asker's earlier facts, when they were added:
    the engine keeps them (and lists `facts` as carried) only if they change the answer.
    """

    query: Query
    carried: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    without_facts: Query | None = None
    facts: tuple[tuple[str, object], ...] = ()
    """The asker's earlier facts added to `query` (name, value)."""
    from_years: str = ""
    """The level read from years the asker gave earlier ("Entry-Level for the 6 years you mentioned")."""
    from_place: str = ""
    """The place the asker gave earlier, when a salary question without one took it ("Austin, as
    you said earlier")."""
    within: str = ""
    """The list an item was looked up in, when the conversation decided it ("and the budget stuff?")."""
    follows: bool = False
    """Read as a follow-up of the conversation's subject (its intent kept)."""
    against: str = ""
    """The earlier facet a comparison sets the question's own against ("vs seattle?" after Boston:
    Boston): said in the first line, not carried."""
    aside: str = ""
    """What an out-of-scope question before was about, when this one is still about it ("the pay
    of a data scientist"): said in the first line; nothing of the guide's was carried."""
    asked: str = ""
    """The content words of the out-of-scope question a fragment continued, with the fragment's:
    what the conversation keeps as `ConversationState.asked` after it ("and in Ohio?", then "and
    for seniors?" is still about the nurse's pay)."""
    later: bool = False
    """The asker's years are theirs some years on ("and in 3 more yrs"): kept for this answer, not
    as their years for the rest of the conversation."""
    recalled: tuple[tuple[str, object], ...] = ()
    """The asker's earlier facts a question about them names again in its own words ("is my math
    background worth anything?" after "I'm a math teacher"): the question's own are answered, the
    earlier ones are what it refers to, said in the first line and carried (`facts`)."""
    source: str = ""
    """Which question the labels were carried from, when not the last one ("your question before
    the aside"); empty for the last."""
    untitled: Query | None = None
    """The query without the carried item's title words, when they were added to find the item
    in an intent with no list of its own: answered instead if the title finds no item there."""


Requery = Callable[[str], "Query"]
"""The pipeline's query for the same text with this intent forced (readings and topic included)."""
Reread = Callable[[str], "Query"]
"""The pipeline's query for another text, read as any question is."""
Finder = Callable[[str, str], "str | None"]
"""The item of an intent's list a text is about, if one clearly is (bot.engine.pipeline.Pipeline.item)."""


def plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w#.' -]+", " ", text.lower().replace("’", "'")).split()).strip(" .")


def said(text: str) -> str:
    """`plain` of the question as the pipeline normalizes it: chat spellings spelled out ("wat
    else" -> "what else", "y" -> "why", "pls" -> "please"), contractions expanded."""
    return plain(normalize(text).text)


def resolve(
    query: Query,
    state: ConversationState | None,
    *,
    requery: Requery,
    reread: Reread | None = None,
    item: Finder | None = None,
) -> Resolved:
    """`query` merged with `state` (see the module docstring); `query` itself when it stands alone.

    `reread` reads another text as a new question: a question that leans on the conversation
    ("why is that hard?", "which one matters most?", "how so?") is read again with the
    conversation's subject after it, and that reading says what it asks. `carried` lists
    `intent` when the question took what it asks about from the conversation: it does not say
    it itself ("in seattle?", "docker?" after a skills answer), and no item was carried."""
    later = _later_years(query, state)
    if later is not None:
        # "and in 3 more yrs" after "I have 6": the asker's years then, read as theirs
        query, forced = _aged(query, later), requery
        requery = lambda intent: _aged(forced(intent), later)  # noqa: E731
    chosen = _offer_asked(query, state) if reread is not None else None
    if chosen is not None:
        # "is offer A fair?", "and B?", "which one should i take" after two offers: that offer's
        # own words (or all of them) with the question
        again = reread(f"{'. '.join(chosen)}. {query.question}")  # type: ignore[misc]
        if again.intent == SALARY:
            if len(chosen) == 1:  # one offer: placed as a figure of the question's own
                again = replace(again, question=query.question)
            resolved = _with_facts(_from_asker(Resolved(again, follows=True), state, query.kb), state)
            labels = (*resolved.labels, *(w[:1].upper() + w[1:] for w in chosen))
            facets = [k for k in ("location", "industry") if getattr(resolved.query, k)]  # the offer's own
            carried = tuple(dict.fromkeys((*resolved.carried, *facets, "facts")))
            return replace(resolved, carried=carried, labels=labels)
    bare = _bare_years(query, state) if later is None else None
    if bare is not None:
        # "i have 7" after "how many years do they usually want": the asker's years
        query, unaged = _told_years(query, bare), requery
        requery = lambda intent: _told_years(unaged(intent), bare)  # noqa: E731
    if later is not None and _only_later(query) and state.intent in FACTS_BEAR_ON["years"]:
        # nothing but the years on ("and in 3 more yrs?"): the conversation's question, for them
        text = said(query.question)
        if state.intent == SALARY:
            resolved = _salary(requery(SALARY), state, text, requery=requery)
        else:
            resolved = Resolved(requery(state.intent), follows=True)
    else:
        resolved = _resolve(query, state, requery=_once(requery), reread=reread, item=item)
    if later is not None and resolved.query.intent in FACTS_BEAR_ON["years"]:
        # said only where the years bear on the answer ("demand 5 years from now" is no age)
        resolved = _with_later(resolved, state, later)
    elif later is not None:
        resolved = replace(resolved, later=True)  # the years then are not the asker's now: not kept
    if state is None or "topic" in resolved.carried:
        return resolved
    same = resolved.query.topic is not None and state.topic == (
        resolved.query.topic_section,
        resolved.query.topic,
    )
    title = _item_title(query.kb, state) if same else ""
    if (
        same
        and _listed(query.kb, state)
        and (_REFERENCE.search(said(query.question)) or not _names_title(query, title))
    ):
        # "conferences part of that?" after Knowledge Management: about the item just discussed,
        # pointed back to, whatever words of its own found it too; "and the roadmap?" after
        # Strategic Planning: still on it, by a word of its text, not of its title
        others = tuple(c for c in resolved.carried if c != "intent")
        return replace(resolved, carried=("topic", *others), labels=(title,))
    named = _named_back(resolved, state)
    if (
        named is not None
        and not _NAMED_ONE.search(said(query.question))
        and _names_whole_title(query, named.title)
    ):
        # "expand on the data governance piece", "the communication part": an entry of the list
        # shown, called by its whole title, is named, not taken (as "tell me more about edge ai"
        # is): nothing carried for it. "the emotional intelligence one" is one of the list,
        # pointed back to as "that one" is
        others = tuple(c for c in resolved.carried if c not in ("intent", "topic"))
        return replace(resolved, carried=others, labels=())
    if named is not None:  # "the budget one", "the data piece": an item of the list shown, pointed back to
        others = tuple(c for c in resolved.carried if c != "intent")
        return replace(resolved, carried=("topic", *others), labels=(named.title,), within="")
    if not (resolved.follows or _fragment(query, state) or _few_words(query, state)):
        return resolved
    intent = resolved.query.intent
    if intent != state.intent:
        return resolved
    if intent == SALARY:
        # a word for pay ("the healthcare band", "what would I make there") says what it asks
        says = (query.form is not None and query.form.pays) or resolved.query.pay_extras
        says = says or bool(_PAY_WORD.search(said(query.question)) or _GETS.search(said(query.question)))
    else:  # a word of the intent's label, or an item of its list named outright ("edge AI"), not
        # in a fragment of the conversation's question ("what about risk?": asks what it asked)
        own_item = resolved.query.topic == query.topic
        title = _title_of(query.kb, intent, query.topic or "") if own_item and query.topic else ""
        # the item its own reading found, named outright or by a word of its title ("should ethics
        # get its own module?" after the soft skills: Ethical Awareness) or only by its words
        named = own_item and (
            query.named or (bool(title) and _names_title(query, title)) or _only_names_item(query, intent)
        )
        # a fragment whose words are all its list's ("and frameworks?", "docker?", "cloud stuff
        # too?" after the skills): it names what it asks about, it takes nothing for it
        text = said(query.question)
        pointed = _REFERENCE.search(text) or _OTHERS.search(text)
        # (one that gives a facet or the asker's facts, "and in healthcare specifically?", changes
        # what the conversation asked, like "in seattle?")
        terse = _terse(query, text) and not pointed and not _given(query)
        named = named or (terse and _names_in_list(query, intent))
        # a question that names the role is one of its own ("what else do ai leads struggle with
        # besides hiring?"), as it is for what it asks about (`_resolve`)
        role = asker.mentions_role(said(query.question))
        says = _names_subject(query, intent) or named or role
    if intent != SALARY and _says_own_entry(query, intent):
        # "which frameworks?", "what kind of certs", "and infra side? k8s?" after the skills (or
        # qualifications): read alone as that subject too, by a word of one of its list's titles,
        # it names what it asks about and could be understood without the conversation
        return replace(resolved, carried=tuple(c for c in resolved.carried if c != "intent"), labels=())
    if says or intent == SALARY:  # pay's line says the facets carried, or what it is compared with
        return resolved if says else replace(resolved, carried=(*resolved.carried, "intent"))
    # carried, so said in the answer's first line: the item or list it was answered from
    spec = query.kb.intents.get(intent)
    subject = _subject_labels(query.kb, state)[1] if _keeps_item(resolved.query, state) else ()
    labels = resolved.labels or subject or ((spec.label,) if spec else ())
    return replace(resolved, carried=(*resolved.carried, "intent"), labels=labels)


def _keeps_item(query: Query, state: ConversationState) -> bool:
    """Whether the query is still about the conversation's item (or it had none): only then does
    the first line name that item as carried ("what's driving it?" after Industry Adoption read
    as Technological Advancements carried the market, not Industry Adoption)."""
    return not state.topic or query.topic == state.topic[1]


_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "a couple": 2}
_COUNT = r"(\d{1,2}|a couple|" + "|".join(k for k in _COUNTS if k != "a couple") + r")"
_LATER = re.compile(
    rf"\b{_COUNT} (?:more|additional|extra) (?:years?|yrs?)\b"
    rf"|\b(?:another|an extra) {_COUNT}? ?(?:years?|yrs?)\b"
    rf"|\b{_COUNT} (?:years?|yrs?) (?:from now|later|down the (?:line|road))\b"
)
"""Years said as added to the asker's own ("in 3 more yrs", "5 years from now", "another year")."""


def _later_years(query: Query, state: ConversationState | None) -> float | None:
    """The asker's years after the ones a question adds to those they gave earlier ("and in 3 more
    yrs" after "I have 6 years": 9); None when it adds none or none were given."""
    before = state.facts.get("years") if state is not None else None
    found = _LATER.search(plain(query.question)) if before is not None else None
    if found is None:
        return None
    count = next((g for g in found.groups() if g), "1")  # "another year": one
    added = int(count) if count.isdigit() else _COUNTS[count]
    return float(before) + added  # type: ignore[arg-type]


_BARE_COUNT = re.compile(
    r"\b(?:i have|i've got|ive got|i've|ive|i got|i'm at|im at|i am at|i only have|i have only|i've only got"
    r"|only|just|me:?)\s+(?:about |around |roughly |like |almost |nearly |over )?(\d{1,2}(?:\.5)?)"
    r"(?=\s*(?:[.,!?;:]|$|\s+(?:so|and|but|now|tho|though|lol|here|myself)\b))"
)
"""A count the asker has, with no unit ("i have 7. whats the gap", "only 7 tho")."""


def _bare_years(query: Query, state: ConversationState | None) -> float | None:
    """The asker's years said as a bare count ("i have 7") just after a question about years of
    experience ("how many years do they usually want"); None otherwise, or when the question says
    its own years."""
    if state is None or not state.words or (query.facts is not None and query.facts.years is not None):
        return None
    if not _TALKS_ABOUT["years"].search(" ".join(state.words)):
        return None
    found = _BARE_COUNT.search(plain(query.question))
    return float(found.group(1)) if found else None


_OFFER_NAMED = re.compile(asker.OFFER_MARK)
_OFFER_FRAGMENT = re.compile(r"^(?:and|what about|how about|ok|so)?\s*([a-z])\s*\??$")
_OFFER_ORDINAL = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "last": -1}
_OFFER_BOTH = re.compile(
    r"\bwhich (?:one|offer|is better|should|would)\b|\b(?:compare|both|either|between (?:them|the two))\b"
)


def _offer_asked(query: Query, state: ConversationState | None) -> list[str] | None:
    """After a pay answer in a conversation where two or more offers were said with their places
    (not after another subject: "which one matters most?" after the skills is about those), the
    words of the one a question names
    ("is offer A fair?", "and B?", "the second one?"), or of all for one that asks between them
    ("which one should i take"); None otherwise."""
    offers = state.facts.get("offers") if state is not None and state.intent == SALARY else None
    if not offers or (query.facts is not None and query.facts.pay is not None):
        return None
    text = plain(query.question)
    marks = [m.group(1) if (m := _OFFER_NAMED.search(o.lower())) else "" for o in offers]
    named = _OFFER_NAMED.search(text) or _OFFER_FRAGMENT.match(text)
    chosen = None
    if named is not None and named.group(1) in marks:
        chosen = offers[marks.index(named.group(1))]
    elif (ordinal := re.search(r"\b(first|1st|second|2nd|third|3rd|last) (?:one|offer)\b", text)) is not None:
        at = _OFFER_ORDINAL[ordinal.group(1)]
        chosen = offers[at] if at < len(offers) else None
    elif _OFFER_BOTH.search(text):
        return list(offers)
    return [chosen] if chosen else None


def _told_years(query: Query, years: float) -> Query:
    """`query` with the asker's `years` among its facts, as if said with their unit."""
    return replace(query, facts=replace(query.facts or asker.AskerFacts(), years=years))


def _only_later(query: Query) -> bool:
    """Whether a question says nothing but years added ("and in 3 more yrs?", "what about 5 years
    from now"): its other words only carry the conversation along."""
    rest = _LATER.sub(" ", plain(query.question))
    return not (set(terms_of(rest)) - _DISCOURSE - STOP - _FOLLOW_WORDS)


_FOLLOW_WORDS = frozenset(terms_of("and what about how in after with then so ok okay"))


def _aged(query: Query, years: float) -> Query:
    """`query` for the asker with `years` (and, read from them, the guide's level)."""
    facts = replace(query.facts or asker.AskerFacts(), years=years)
    level = band(query.kb, years) if query.intent == SALARY else query.level
    return replace(query, facts=facts, level=level or query.level)


def _with_later(resolved: Resolved, state: ConversationState, years: float) -> Resolved:
    """Says that the years are the asker's earlier ones and the ones added, and that the facts were
    carried; the level the years read as is the question's own, not carried from before."""
    query = resolved.query
    if query.intent == SALARY and query.level is None:
        query = _aged(query, years)
    before = float(state.facts["years"])  # type: ignore[arg-type]
    said = f"your {before:g} years of experience and {years - before:g} more ({years:g} in all)"
    if query.intent == SALARY and query.level:
        said = f"{_facet_label(query.kb, 'level', query.level)} for {said}"
    carried = tuple(c for c in resolved.carried if c != "level" or state.level != query.level)
    labels = tuple(lab for lab in resolved.labels if "level" in carried or lab != _level_label(query, state))
    return replace(
        resolved,
        query=query,
        carried=(*carried, "facts"),
        labels=labels,
        from_years=said[0].upper() + said[1:],
        later=True,
    )


def _level_label(query: Query, state: ConversationState) -> str:
    return _facet_label(query.kb, "level", state.level) if state.level else ""


def _named_back(resolved: Resolved, state: ConversationState) -> Shown | None:
    """The item of the list the last answer showed that the answer is about, when the question
    points back to it as an entry of that list ("the budget one", "the data governance piece",
    "automl one - does that replace us?", "adversarial robustness - is that one hard?") by a word
    of its title, or by words the list finds in it alone ("the reporting to leadership part"): it
    refers to an item of the previous answer, as "the third one" does; else None. An item asked
    about in its own right ("and ethical awareness?", "what about multimodal", "is knowledge
    sharing one of their duties?"), or an aspect of the subject ("what about the strategy side?"),
    is not pointed back to."""
    query = resolved.query
    text = said(query.question)
    answered = (query.topic_section, query.topic)
    # the list shown, or the bullets the last answer said its bullet was one of ("the cloud part"
    # after Programming Skills, "one of 5 items under Requirements › Technical Proficiency"); not
    # the areas an area is one of ("the NLP part" after Industry Adoption: read in Market Demand,
    # its intent carried)
    area = state.topic is not None and f"{state.topic[0]}/{state.topic[1]}" in query.kb.sections
    listed = state.shown or (() if area else _fellows(query.kb, state.topic))
    shown = next((s for s in listed if (s.section, s.item) == answered), None)
    if shown is None:
        return None
    if not (_ENTRY.search(text) or _NAMED_ONE.search(text)):
        return None
    found = _named_in_shown(query.kb, text, replace(state, shown=listed))
    named = _names_title(query, shown.title) or found == shown
    return shown if named else None


def _says_own_entry(query: Query, intent: str) -> bool:
    """Whether a question, read alone (`query` before the conversation's odds), is about `intent`
    surely enough (`FOLLOW_UP_CONFIDENCE`) and names an entry of its list by a word of the entry's
    title (a short form too: "certs" of Certifications, "infra" of Infrastructure), pointing back at
    nothing ("which frameworks?", not "what else besides frameworks?")."""
    if query.intent != intent or query.confidence < FOLLOW_UP_CONFIDENCE:
        return False
    text = said(query.question)
    if _REFERENCE.search(text) or _OTHERS.search(text) or _MORE.match(text) or _SHORTER.match(text):
        return False
    own = _own_words(query) - _PASSING_HEADS - _DISCOURSE - _WISE
    titles = _title_words(index_for(query.kb), intent)
    return any(_short_of(w, t) for w in own for t in titles)


@lru_cache(maxsize=32)
def _title_words(index: GuideIndex, intent: str) -> frozenset[str]:
    """The words of the titles of `intent`'s headings and items (`_says_own_entry`)."""
    kb = index.kb
    words: set[str] = set()
    for top in kb.intents[intent].sections:
        for section in kb.subtree(top) if top in kb.sections else ():
            for title in (section.title, *(i.title for i in section.items if i.title)):
                words.update(terms_of(title))
    return frozenset(words)


def _short_of(word: str, other: str) -> bool:
    """Whether two stems are one word (`_one_word`), or the shorter, of four letters or more, starts
    the other ("cert" of "certification")."""
    short, long = sorted((word, other), key=len)
    return _one_word(word, other) or (len(short) >= 4 and long.startswith(short))


_TITLE_JOINS = frozenset("a an and or of the for in on to with".split())


def _names_whole_title(query: Query, title: str) -> bool:
    """Whether the question says every word of an item's title, "AI" included, by their first six
    letters ("the data governance piece": Data Governance; "tell me more about edge ai": Edge AI),
    not only a handle of it ("the data one", "the edge one"), which needs the list to be found."""
    words = [
        w for w in re.findall(r"[a-z0-9]+", re.sub(r"\(.*?\)", " ", title.lower())) if w not in _TITLE_JOINS
    ]
    said_words = {stem(w)[:6] for w in re.findall(r"[a-z0-9]+", said(query.question))}
    return bool(words) and all(stem(w)[:6] in said_words for w in words)


def _titled_elsewhere(query: Query, intent: str) -> bool:
    """Whether a fragment's own words are the title of a heading or item of another intent's
    sections and in none of `intent`'s titles ("and networking?" after the responsibilities:
    Career Development › Networking): it names that, not the nearest entry of the conversation's
    list (Knowledge Management's conferences); "leadership side specifically" after the career
    path is its Leadership and Management."""
    if _titled_in(query, intent, part=True):
        return False
    others = (other for other in query.kb.intents if other not in (intent, "help", "unknown"))
    return any(_titled_in(query, other) for other in others)


def _names_in_list(query: Query, intent: str) -> bool:
    """Whether the question's own words are all words of `intent`'s sections (a heading, an item's
    title, text or points, by their first six letters): "docker?", "and frameworks?" after the
    skills name an entry of that list themselves."""
    own = {w[:6] for w in _own_words(query) - _PASSING_HEADS - _DISCOURSE - STOP - _WISE}
    if not own or intent not in query.kb.intents:
        return False
    words = _list_words(index_for(query.kb), intent)
    # "certs": a short form of the guide's word ("certifications"), by its first letters
    return all(w in words or (len(w) >= 4 and any(x.startswith(w) for x in words)) for w in own)


@lru_cache(maxsize=32)
def _list_words(index: GuideIndex, intent: str) -> frozenset[str]:
    """The words of `intent`'s sections (headings, intros, items' titles, texts and points), by
    their first six letters: read once per knowledge base (`_names_in_list`)."""
    kb = index.kb
    words: set[str] = set()
    for top in kb.intents[intent].sections:
        for section in kb.subtree(top) if top in kb.sections else ():
            texts = [section.title, *section.intro]
            texts += [f"{i.title or ''} {i.text} {' '.join(i.points)}" for i in section.items]
            words |= {w[:6] for w in terms_of(" ".join(texts))}
    return frozenset(words)


_WISE = frozenset(terms_of("wise"))
"""Said after what a fragment is about ("degree-wise?", "cloud wise which ones")."""


def _titled_in(query: Query, intent: str, *, part: bool = False) -> bool:
    """Whether the question's own words are, all of them and nothing else, the title of a heading
    or an item in `intent`'s sections ("networking?": Career Development › Networking); `part`:
    or all in one such title."""
    own = _own_words(query) - _PASSING_HEADS - _DISCOURSE
    kb = query.kb
    spec = kb.intents.get(intent)
    if not own or spec is None:
        return False
    for top in spec.sections:
        for section in kb.subtree(top) if top in kb.sections else ():
            for title in (section.title, *(i.title for i in section.items if i.title)):
                words = set(terms_of(title)) - STOP
                if own == words or (part and own <= words):
                    return True
    return False


def _names_title(query: Query, title: str) -> bool:
    """Whether the question says a word of the item's title (by its first six letters)."""
    return bool({w[:6] for w in terms_of(title)} & {w[:6] for w in _own_words(query)})


def _only_names_item(query: Query, intent: str) -> bool:
    """Whether a fragment says nothing but the item it names (by the first six letters of the
    words of its title or its text, "the strategy side": Strategic Planning, "and metrics?":
    Performance Management, whose text says "metrics"): it asks what the conversation asked, of
    that item ("what about risk?"); "and quantum ai, real or hype?" asks something of its own."""
    title = _title_of(query.kb, intent, query.topic or "")
    if not title or not query.topic_section:
        return False
    words = _item_words(query.kb, query.topic_section, query.topic or "")
    named = {w[:6] for w in (*terms_of(title), *words)}
    return not {w for w in _own_words(query) - _PASSING_HEADS if w[:6] not in named}


def _once(requery: Requery) -> Requery:
    """`requery` run at most once per intent in a turn: each run reads the whole question again
    (entities, facts, the guide's index), and one turn may ask for the salary reading up to four times."""
    done: dict[str, Query] = {}

    def again(forced: str) -> Query:
        if forced not in done:
            done[forced] = requery(forced)
        return done[forced]

    return again


def _resolve(
    query: Query,
    state: ConversationState | None,
    *,
    requery: Requery,
    reread: Reread | None,
    item: Finder | None,
) -> Resolved:
    if state is None:
        return Resolved(query)
    fellows = () if state.shown else _fellows(query.kb, state.topic)  # before the topic is let go
    discussed, before = state.topic, state
    if state.topic and not _listed(query.kb, state) and not _on_item(query, state):
        state = replace(state, topic=None)  # "and frameworks?" after Programming Skills: not about it
    alone = query  # as read alone, before the conversation's odds
    if state.intent not in (None, "unknown", "help"):
        query = _in_scope_prior(query, requery)
    raw = plain(query.question)
    text = said(query.question)  # "ok wat else", "y is that hard": the discourse words, spelled out
    if _SWITCH.match(text):  # "separately - ...", "unrelated: ...": says it starts afresh
        return Resolved(query)
    if provenance(query.question):  # "where do those numbers come from?": how the bot answers
        return Resolved(query)
    if state.intent not in (None, "unknown", "help") and (_MORE.match(text) or _SHORTER.match(text)):
        # the last answer again, its item too, listed or not ("shorter please" after Relevant
        # Certifications is still about them)
        return _again(query, before, requery=requery, full=bool(_MORE.match(text)))
    # a subject named ("and soft skills?") or named by negating another's word ("and the
    # non-technical ones?": the soft skills); not when it points back ("any challenges with that?",
    # "are those not technical?")
    labelled = None if _REFERENCE.search(text) else _unlike_label(query.kb, text) or _labelled(query)
    if labelled not in (None, state.intent) and state.intent not in (None, "unknown", "help"):
        # "and soft skills?" after the skills: it says which subject it moves to, a question of its own
        own = query if labelled == query.intent else requery(labelled or "unknown")
        counterpart = _counterpart(own, state, text, item=item)
        if counterpart is not None:
            return _with_facts(counterpart, state)
        return _with_facts(_from_asker(Resolved(own), state, query.kb), state)
    small_talk = query.intent == "help"  # "thanks", but also what the matcher took for it ("number 8 please")
    if state.intent == "unknown" and state.under is not None and not small_talk and _has_slots(query):
        given = _given(query) - {name for name, _ in state.subject}
        if given and "location" not in given and _only_slots(query, requery(SALARY)):
            # "ok and for healthcare?" after "know a good thai place near the office?" that broke
            # into a senior SF lead's pay: a facet only a job has (a level, an industry, years),
            # which the aside did not ask about; the conversation under the aside goes on with it.
            # A place may go on with the aside ("what's the weather in paris?", "and in NYC?")
            under = replace(state.under, facts=state.facts, turns=state.turns, at=state.at)
            resumed = _resolve(query, under, requery=requery, reread=reread, item=item)
            return replace(resumed, source="your question before the aside")
    if state.intent == "unknown" and state.aside and not small_talk:
        aside = _aside(query, state, text, requery=requery)
        if aside is not None:
            return aside
    if state.intent == "unknown" and state.asked and not small_talk:
        still = _still_out(query, state, text, reread=reread, requery=requery)
        if still is not None:
            return still
    if _prices_own_facet(query, state):
        # "what would a lead make in my industry": the pay in the industry (or place) the asker
        # said they are in, whatever the matcher reads of "a lead" alone
        return _with_facts(_from_asker(Resolved(requery(SALARY)), state, query.kb), state)
    if _asks_own_pay(query, state):
        # "with my background what would I make coming in" after the 7 years they gave: the pay
        # of their band, however the matcher reads the background words alone
        return _with_facts(_from_asker(Resolved(requery(SALARY)), state, query.kb), state)
    across_guide = query.form is not None and query.form.across
    if across_guide and state.shown and state.intent not in ("unknown", "help"):
        # "the quality and compliance piece - what's in it?": one of the list just shown, not
        # everything the guide says of those words
        shown = _named_in_shown(query.kb, said(query.question), state)
        if shown is not None:
            return _pick(query, state, shown, requery=requery, named=True)
    if state.intent in (None, "unknown", "help") or (query.form is not None and query.form.across):
        if small_talk:
            return Resolved(query)
        # after nothing in scope, or "what does the guide say about X?" (a question of its own):
        # read on its own; only what the asker said about themselves, and a place pointed back at
        # ("pay for an ai tech lead there"), stay known
        pointed = _from_subject(Resolved(query), state, text)
        return _with_facts(_from_asker(pointed, state, query.kb), state)
    kb = query.kb
    weak = small_talk or query.intent == "unknown" or query.confidence < FOLLOW_UP_CONFIDENCE
    ordinal = _ordinal(raw, len(state.shown))  # "#2" as written
    step = 1 if _NEXT.search(text) else -1 if _PREVIOUS.search(text) else 0
    if step and discussed and not query.named:  # "the next one on the list" points only into the list
        # the list shown, or the fellows the answer said its item was one of ("Data Governance is
        # one of the 5 areas of Core Responsibilities": "and the one before that")
        listed = state.shown or fellows
        items = [(s.section, s.item) for s in listed]
        if discussed in items and 0 <= items.index(discussed) + step < len(items):
            return _pick(query, state, listed[items.index(discussed) + step], requery=requery)
    if _OTHER_ONE.search(text) and discussed and not query.named:
        # "and the other one?" after one of two named together, or after an item the answer said
        # was one of two ("Asia Pacific is one of 2 items under Regional Growth"): the other
        pair = state.shown if len(state.shown) == 2 else fellows
        others = [s for s in pair if (s.section, s.item) != discussed] if len(pair) == 2 else []
        if len(others) == 1:
            return _pick(query, state, others[0], requery=requery)
    if state.shown and _CHOOSES.search(text):
        chosen = _chosen_in_shown(query, state)
        if chosen is not None:
            # "which of those would fix the not-listening problem?": the one entry of the list
            # shown whose own text has the question's specific words ("active listening"): the
            # question's words name it, the list it was chosen from is what was carried
            return _pick(query, state, chosen, requery=requery, named=True)
    pointed = ordinal is not None and (
        weak or query.intent == state.intent or _POINTS.search(raw) or _only_ordinal(raw, query)
    )
    if pointed and ordinal is not None and not query.named:
        return _pick(query, state, state.shown[ordinal], requery=requery)
    if state.shown and ordinal is None and _only_ordinal(raw, query):
        # "the fifteenth one" of twelve: no item of that list, which stays the subject
        again = replace(requery(state.intent or "unknown"), words=query.words)
        label = (
            f"{again.kb.intents[again.intent].label} (its {len(state.shown)} items)"
            if again.intent in again.kb.intents
            else ""
        )
        return _with_facts(Resolved(again, ("intent",), (label,) if label else ()), state)
    asks = _asks(query.question, text)
    if small_talk and not asks and _chat(query):  # "thanks", "ok cool": small talk, whatever came before
        return Resolved(query)
    if small_talk and query.confidence >= ABOUT_THE_BOT and _ADDRESSED.search(text):  # "what can you do?"
        return Resolved(query)
    refers = bool(_REFERENCE.search(text))
    others = bool(_OTHERS.search(text) or (state.shown and _CHOOSES.search(text)))
    # "why is that hard?", "what else?", "which ones ...?", "how so?" (nothing said of its own)
    # a question that names the role says what it asks about, its other words aside ("what is an
    # AI tech lead?", "what does an AI tech lead do?" after a salary answer are not about pay)
    leans = refers or others or not (_own_words(query) or asker.mentions_role(text))
    # a fragment that continues ("and the cloud side too?", "what about the infra bit"): read
    # against the conversation like a reference, its own intent standing only if surely likelier
    leans = leans or bool(_ELLIPTIC.match(text) and not asker.mentions_role(text))
    # a question that goes on from the last one ("and where do they go after" after the way in),
    # read alone without certainty as another subject: the same, its own intent standing only if
    # surely likelier
    goes_on = bool(
        _GOES_ON.match(text)
        and query.intent != state.intent
        and query.confidence < STRONG
        and not asker.mentions_role(text)
    )
    leans = leans or goes_on
    # a bare fragment ("tools?", "privacy too?", "NA specifically"): no question of its own, a
    # word or two; what it asks is the conversation's unless its own reading outweighs that
    leans = leans or _bare(query, text)
    spec = kb.intents.get(state.intent or "")
    if (
        state.intent != SALARY
        and alone.intent != "help"
        and (alone.intent != SALARY or alone.confidence < FOLLOW_UP_CONFIDENCE)  # else: pay on its own
        and _asks_pay(alone)
        and _PAY_WORD.search(text)  # not "is it worth it tho?" after the certifications (`_stays`)
        and not _names_another(alone, SALARY)
        and _odds_in_talk(alone) < CONTINUES * alone.score(SALARY)
    ):
        # it asks what someone costs ("what should I budget for the lead", "what would a lead to
        # drive this cost us, roughly?") and names no other subject's label, and its reading alone
        # (an item whose text says "budgets") is not surely likelier than pay: the role's pay, with
        # what the conversation named of it; so too when it is read as pay alone, but too weakly to
        # stand against the conversation's subject
        asked = _from_asker(_from_subject(Resolved(requery(SALARY)), state, text), state, kb)
        return _with_facts(asked, state)
    elsewhere = _elsewhere(query, state, refers=refers, requery=requery, item=item)
    if elsewhere is not None:
        return _with_facts(elsewhere, state)
    remedy = _remedy(query, state, text, refers=refers, requery=requery, item=item)
    if remedy is not None:
        return _with_facts(remedy, state)
    if state.intent == SALARY and not query.named and _dropped(kb, text, state.facets):
        # "and without the industry?": the pay again, with that facet set aside
        return _with_facts(_salary(query, state, text, requery=requery), state)
    named_one = _NAMED_ONE.search(text)
    # a part named with a question of its own is that question's ("what goes wrong on the budget
    # side of AI projects?"); one said in passing points back ("the stakeholder piece, more on that")
    part = _NAMED_PART.search(text) and (refers or not _ASKING.match(text))
    elliptic = _ELLIPTIC.match(text)
    # "privacy too?": a word or two, however surely read alone; not "anything else besides that?"
    bare = _bare(query, text) and not (refers or others)
    in_passing = named_one or part or elliptic or bare
    if in_passing and not named_one and _has_slots(query) and _only_slots(query, requery(SALARY)):
        in_passing = None  # "how about in finance?" gives a facet, it names no item of the list
    if (
        in_passing
        and not (named_one or (part and not _asks_after(query.question)) or bare)
        and query.intent != state.intent
        and query.confidence >= STRONG
    ):
        # "what about a senior one's pay?", "and on the privacy side, what's the usual headache":
        # read this surely alone, it is its own question (a part named, then a question of its own)
        in_passing = None
    if named_one and state.shown and spec and _names_another(query, spec.id):
        shown = _named_in_shown(kb, text, state)
        if shown is not None:
            # "the time mgmt one in practice?" after the soft skills: the entry of the list shown
            # it names, whatever other list a word of its own ("practice") belongs to
            return _pick(query, state, shown, requery=requery, named=True)
    entry = named_one or (_NAMED_PART.search(text) and (part or elliptic) and _ENTRY.search(text))
    if entry and spec and not spec.topic_section:
        among = state.shown or fellows
        shown = _named_in_shown(kb, text, replace(state, shown=among)) if among else None
        if shown is not None:
            # "the cloud part" after the technical requirements, "what about the deep learning
            # part" after a market area: the entry of the bullets or areas the last answer was
            # among that has its words, whatever else in the guide they are nearer alone
            return _pick(query, state, shown, requery=requery, named=True)
    if in_passing and spec and _names_another(query, spec.id):
        in_passing = None  # "and the technical side?" after the soft skills: another list's name
        other = _named_other(query, spec.id)
        if other is not None and other != query.intent and query.confidence < STRONG:
            # that list, whatever the fragment's few words lean to alone (Overview's "technical")
            return _with_facts(_from_asker(Resolved(requery(other)), state, kb), state)
    if in_passing and state.topic and not query.named and _in_item(query, state):
        # "and real-time decisions?" after Edge AI, whose text says "real-time decision-making":
        # the item just discussed, not another its words are near
        return _with_facts(_same_subject(query, state, requery=requery), state)
    if (in_passing or refers) and _on_title(query, state):
        # "growth rate?", "what growth rate is that?" after Market Size and Growth: the
        # conversation's question of the item whose title it names a word of, as for a fragment
        # naming an item outright
        # naming an item outright; what it points back at ("what growth rate is that?") carries the
        # conversation's question, an item named ("growth rate?") says its own
        carried = ("intent",) if refers else ()
        return _with_facts(replace(_same_subject(query, state, requery=requery), carried=carried), state)
    if in_passing and not named_one and spec and _titled_elsewhere(query, spec.id):
        in_passing = None  # "and networking?" after the responsibilities: Career Development's, by its title
    if spec and spec.topic_section and state.intent != SALARY and in_passing:
        # does it name an item of the conversation's list ("the edge one", "and the budget stuff?")?
        section = spec.topic_section
        found = item(query.question, spec.id) if item is not None else requery(spec.id).topic
        if found and (found, section) != (query.topic, query.topic_section):
            within = f"{kb.sections[section].title}, as in your last question"
            again = replace(requery(spec.id), topic=found, topic_section=section)
            # the item came from the list ("privacy too?": Data Governance; "more on the deployment
            # side of that"), or the fragment named it and asks what the conversation asked of it
            # ("and ethical awareness?", "budget approval too?"): named, so nothing carried for it
            own = _names_title(query, _title_of(kb, spec.id, found)) and not refers
            return _with_facts(Resolved(again, () if own else ("topic",), within=within), state)
        if found and named_one and any(s.item == found for s in state.shown):
            return _with_facts(Resolved(query, ("topic",)), state)  # "the edge one": one of the list shown
        if found and query.intent == spec.id and (state.topic or (None, None))[1] != found:
            # "and adaptability?" after Emotional Intelligence: the list and the question's own
            # reading agree on another item of it; that item, not the one just discussed
            return _with_facts(Resolved(query), state)
    # a weak reading's item is only the matcher's nearest, unless the question names it; so is the
    # item of one that points back and asks only how ("how do teams deal with it?") or why ("why
    # does that happen tho?": why the thing just discussed happens, `_WHY`)
    asks_why_or_how = not (_own_words(query) - _HOW_WORDS) or bool(_WHY.match(text))
    vague = refers and query.intent == state.intent and asks_why_or_how
    nearest = weak or vague
    nearest = nearest or (_bare(query, text) and not query.named)  # "tools?": a word, not an item
    nearest = nearest or (goes_on and not query.named)  # its item is only the unsure reading's nearest
    topic = query.topic if query.named or not nearest else None
    if state.intent != SALARY and query.intent != state.intent and (elliptic or _short(query, text)):
        given = _given(query)
        bears = bool(given) and all(state.intent in FACET_BEARS_ON[name] for name in given)
        if bears and _only_slots(query, requery(SALARY), also=_GAP_WORDS):
            # "what about for someone with 12 years?" after the requirements: the same question
            # for that facet, not a pay question because years read as a pay band; a place or a
            # level bears on pay only ("and in NYC?" after the skills is a pay question)
            again = requery(state.intent or "unknown")
            return _with_facts(Resolved(again, follows=True), state)
    pays = query.form is not None and query.form.pays
    if state.intent != SALARY and query.intent == SALARY and pays and refers and not state.facts:
        # "and the pay for that" after the responsibilities: the pay of the role talked about,
        # read as the matcher reads it, not the last subject's item it points back to (with the
        # asker's facts, the paths below use them: "given my yrs, what would i earn"); the level
        # (place, industry) that role was named with is the one priced
        return _with_facts(_from_subject(Resolved(query), state, text), state)
    if (
        state.intent == SALARY
        and query.intent == "unknown"
        and (query.other_role or (query.facts and query.facts.role))
    ):
        # "chief ai officer pay?" after an exec answer in SF finance: another job's pay, a new
        # subject (out of scope), which takes none of the facets in force, whatever level its
        # title reads as
        return Resolved(query)
    # surely out of scope by words of its own, not only a facet ("whats the weather in nyc" after a
    # pay answer): read alone, not priced at that place
    out = query.intent == "unknown" and query.score("unknown") >= STRONG
    if state.intent == SALARY and not (out and not _only_slots(query, requery(SALARY))):
        if refers and state.level and query.form is not None and query.form.asks_years and not query.named:
            # "how many yrs is that" after Senior-Level: the years of the band just priced
            return _with_facts(_salary(query, state, text, requery=requery), state)
        if refers and query.form is not None and query.form.pays and not query.named:
            # "is that below what an AI tech lead makes?": a pay word pointing back at the pay just
            # discussed, whatever the matcher reads alone
            return _with_facts(_salary(query, state, text, requery=requery), state)
        if (
            (weak or query.intent == SALARY)
            and not topic
            and (_has_slots(query) or query.intent == SALARY or _CONTINUES.search(text))
        ):
            return _with_facts(_salary(query, state, text, requery=requery), state)
        if _has_slots(query) and _only_slots(query, requery(SALARY)):
            # "what about 15 years of experience?": nothing but a facet, whatever the matcher read
            return _with_facts(_salary(query, state, text, requery=requery), state)
        if _has_slots(query) and not query.named and not _asks(query.question, text):
            # a facet said, nothing asked ("client's a hospital system tho", "she's in boston
            # btw"): context for the question the conversation is on, whatever it reads as alone
            return _with_facts(_salary(query, state, text, requery=requery), state)
        if _has_slots(query) and not query.named and query.confidence < CONTINUES * query.score(SALARY):
            # a facet, and another intent not surely likelier than pay ("client's a hospital
            # system tho" read as a challenge): the conversation's subject wins, as for a reference
            return _with_facts(_salary(query, state, text, requery=requery), state)
        if (
            _has_slots(query)
            and not query.named
            and elliptic
            and not _names_another(query, SALARY)
            and query.confidence < STRONG
        ):
            # a facet said as a continuation ("and same profile in tech/software?"), naming no
            # other subject nor item: the pay again with it, however its other words lean alone
            # (the matcher gives a fragment with no pay word next to no pay probability)
            return _with_facts(_salary(query, state, text, requery=requery), state)
        if (
            _PAY_WORD.search(text)
            and not query.named
            and not _names_another(query, SALARY)
            and query.confidence < CONTINUES * query.score(SALARY)
        ):
            # a word for pay, nothing of another subject, and that subject not surely likelier
            # ("could a bonus close the gap to what they're asking?" read as a responsibility):
            # still the pay just discussed, as a question with no pay word leaves it (`_stays`)
            return _with_facts(_salary(query, state, text, requery=requery), state)
    if state.shown and not state.topic and weak and query.intent not in (state.intent, "unknown", "help"):
        shown = _titled_in_shown(query, state)
        if shown is not None:
            # "should ethics get its own module" after the soft skills: an entry of the list just
            # shown, named by a rare word of its title, not another list's entry of that word
            # that the question is read only weakly as alone (the Ethical AI trend); one read as
            # nothing in scope stays so ("any good books on security?")
            return _pick(query, state, shown, requery=requery, named=True)
    # a reference to the item just discussed, in another list, is looked up there (below)
    across = refers and state.topic is not None and query.intent != state.intent
    # a question with no words of its own names no item, whatever item the matcher found nearest
    unnamed = not topic or across or others or not _own_words(query)
    fragment = bool(elliptic or _bare(query, text)) and not refers
    if fragment and state.topic and state.shown and not query.named and not _in_item(query, state):
        # "and conflict resolution specifically?" after Leadership, picked from the soft skills:
        # the entry of the list shown whose own words those are (Collaboration and Teamwork), not
        # the item just discussed, which has none of them
        chosen = _chosen_in_shown(query, state)
        if chosen is not None and (chosen.section, chosen.item) != state.topic:
            return _pick(query, state, chosen, requery=requery, named=True)
    if reread is not None and unnamed and (leans or weak or _unpaid(query, state, text)):
        # read with the subject: a question that leans on it, or one read weakly alone; one read
        # as nothing in scope, with words of its own, only if the subject surely explains it
        strong = not leans and query.intent in ("unknown", "help")
        found = (
            None
            if strong and _foreign(query)  # "frobnicate the quux": no word the subject could explain
            else _in_context(query, state, text, requery=requery, reread=reread, item=item, strong=strong)
        )
        if found is not None:
            return found
    follows = refers or _CONTINUES.search(text)
    # an entry of the conversation's list named by a word of its title, by a question read weakly
    # or as the conversation's intent ("and what if compliance is a worry too" after Model Drift:
    # Regulatory Compliance, not the trend of that name the matcher leans to, weakly)
    if follows and (weak or query.intent == state.intent) and (weak or not topic):
        other = _other_entry(query, state, requery=requery, item=item)
        if other is not None:
            return _with_facts(other, state)
    if follows and not topic and (weak or query.intent == state.intent) and (state.topic or state.facets):
        return _with_facts(_same_subject(query, state, requery=requery), state)
    if state.topic and query.intent != state.intent and not query.named and _terse(query, text):
        if _in_item(query, state):  # "in what fields?" after Advanced Degree ("a related technical field")
            return _with_facts(_same_subject(query, state, requery=requery), state)
    moved = _moved(query, state, item=item)
    if moved is not None:
        return _with_facts(moved, state)
    if query.intent == SALARY:
        return _with_facts(_from_asker(_from_subject(Resolved(query), state, text), state, kb), state)
    if query.intent == state.intent and _short(query, text) and query.confidence < STRONG:
        # "why healthcare?" after the industries adopting AI: a word or two the conversation's
        # subject fits, read alone without certainty: that subject is what it asks about
        return _with_facts(Resolved(query, ("intent",), follows=True), state)
    return _with_facts(Resolved(query), state)


def _from_subject(resolved: Resolved, state: ConversationState, text: str) -> Resolved:
    """A pay question after another subject, pointing back at it or continuing it ("and the pay
    for that" after "what does a senior AI tech lead own?"): the facets that subject named of the
    role (`ConversationState.subject`) and the question does not give are priced, and carried. A
    question naming the role without pointing back stands on its own."""
    query = resolved.query
    if query.intent != SALARY or state.intent == SALARY or _NATIONAL.search(text):
        return resolved
    if not state.subject:
        # the hire the last pay question priced, before one question on another subject: only a
        # pay question going on from it or pointing back ("and for a bank?" after "what skills
        # do they need?"), not one asking afresh ("what's the pay?")
        goes_on = _REFERENCE.search(text) or _ELLIPTIC.match(text) or _THERE.search(text)
        if not (state.paid and goes_on):
            return resolved
        return replace(_taken(resolved, dict(state.paid)), source="your pay question before that")
    earlier = dict(state.subject)
    there = bool(_THERE.search(text))
    if state.intent == "unknown":
        # after an out-of-scope question only its place, pointed at ("pay for a lead there" after
        # the weather in Seattle); "and what do AI tech leads make?" asks afresh
        earlier = {"location": earlier["location"]} if there and "location" in earlier else {}
    points = _REFERENCE.search(text) or _CONTINUES.search(text) or _ELLIPTIC.match(text) or there
    if not points and asker.mentions_role(text):
        return resolved
    return _taken(resolved, earlier)


def _taken(resolved: Resolved, earlier: dict[str, str]) -> Resolved:
    """`resolved` with the earlier facets its pay question does not give itself, carried."""
    query = resolved.query
    taken = _lacking(query, earlier)
    if not taken:
        return resolved
    kb = query.kb
    labels = tuple(_facet_label(kb, n, v) for n, v in taken.items())
    return replace(
        resolved,
        query=replace(query, **_placed(kb, taken)),
        carried=(*resolved.carried, *taken),
        labels=(*resolved.labels, *labels),
    )


def _lacking(query: Query, earlier: dict[str, str]) -> dict[str, str]:
    """The earlier salary facets a pay question does not give itself (a place the guide has no
    row for counts as given: "and in Denver?"), to take from the conversation: the subject an
    earlier question named (`_from_subject`) or what the asker said they are in (`_place_from_asker`)."""
    return {
        name: value
        for name, value in earlier.items()
        if value and not getattr(query, name) and not (name == "location" and query.unlisted_location)
    }


TERSE = 2
"""A question with at most this many words of its own says too little to pick an item by itself."""


def _moved(query: Query, state: ConversationState, *, item: Finder | None) -> Resolved | None:
    """A terse question that moves to another list after an item, naming neither an item nor that
    list ("whats the fix?" after Data Quality and Availability): the item just discussed, looked up
    in the new list by its title (Data Quality and Management), when an item there shares a rare
    word of it; else None (the question as read)."""
    kb = query.kb
    spec = kb.intents.get(query.intent)
    if (
        item is None
        or not state.topic
        or query.intent == state.intent
        or spec is None
        or not spec.topic_section
        or query.named
        or _names_subject(query, query.intent)
        or len(_own_words(query)) > TERSE
    ):
        return None
    title = _item_title(kb, state)
    found = item(title, query.intent) if title else None
    if not found or not _alike(kb, title, _title_of(kb, query.intent, found)):
        return None
    moved = replace(query, topic=found, topic_section=spec.topic_section)
    return Resolved(moved, ("topic",), (title,))


def _elsewhere(
    query: Query, state: ConversationState, *, refers: bool, requery: Requery, item: Finder | None
) -> Resolved | None:
    """The item just discussed, asked about as an entry of another list: one the question names by
    a word of its label, pointing back ("and is it a trend or just hygiene?" after Ethical AI
    Practices: the trend), or one a fragment is surely about, read alone ("and as a day-to-day
    headache?" after the Regulatory Compliance trend: the challenge); the same item there, found
    by its title (`_alike`), else None (the question as the rest of `_resolve` reads it)."""
    if not (state.topic and item is not None) or query.named or state.intent in (None, SALARY):
        return None
    text = said(query.question)
    if _NAMED_ONE.search(text) or _NAMED_PART.search(text):
        return None  # "the data one": an entry of the list shown, named
    if state.intent != _development(query.kb) and _develops_it(query, state, text):
        return None  # "how would they get better at it?": how to develop it, whatever list it reads as
    if refers and _names_another(query, state.intent):
        other = _named_other(query, state.intent)
    elif (refers or _CONTINUES.search(text)) and _surely_another(query, state.intent):
        other = query.intent  # "and as a day-to-day headache?" after a trend: read alone, surely a challenge
    else:
        return None
    spec = query.kb.intents.get(other or "")
    if spec is None or not spec.topic_section:
        return None
    return _alike_entry(requery(spec.id), state, item)


_HANDLE = re.compile(
    r"\bhow (?:do|does|did|should|can|could|would|might|to|are)\b(?:\s+\S+){0,4}?\s+"
    r"(?:deal with|handle|tackle|address|fix|solve|mitigate|prevent|avoid|overcome|manage|cope with|"
    r"get around|get past|reduce|work around)\b"
    r"|\bwhat (?:can|should|do|does|could) (?:i|we|you|one|a lead|leads|they|teams?) do about\b"
)
"""A question how to handle something ("how do leads deal with it?", "what can we do about it?")."""


def _remedy(
    query: Query,
    state: ConversationState,
    text: str,
    *,
    refers: bool,
    requery: Requery,
    item: Finder | None,
) -> Resolved | None:
    """How to handle the challenge just discussed ("how do leads deal with it?" after Ethical and
    Fairness Concerns): the best practice of the same name (`_alike`: Ethical AI Practices), what
    the guide advises for it; None when the question names something of its own, or no practice
    is alike (the challenge's own lines are then what the guide says of it)."""
    troubles = query.kb.intents.get(state.intent or "")  # its `remedies` (intents.yaml) say how
    if troubles is None or not troubles.remedies or not state.topic or item is None or query.named:
        return None
    if not _HANDLE.search(text) or not (refers or _terse(query, text) or not _own_words(query)):
        return None
    spec = query.kb.intents.get(troubles.remedies)
    if spec is None or not spec.topic_section:
        return None
    return _alike_entry(requery(spec.id), state, item)


def _counterpart(
    query: Query, state: ConversationState, text: str, *, item: Finder | None
) -> Resolved | None:
    """A fragment that names only another list after an item ("and best-practice wise?" after
    Explainable AI, "and as a trend?" after a challenge): the conversation's item asked of that
    list, its entry of the same name (`_alike`: Ethical AI Practices' "transparency" is no match,
    Data Quality and Management is for Data Quality and Availability); else None (the list, as
    "and soft skills?" after Programming Skills asks). A question of its own naming the list ("what
    are the best practices?") asks for it."""
    spec = query.kb.intents.get(query.intent)
    if not (state.topic and item is not None and spec and spec.topic_section) or query.named:
        return None
    if not (_ELLIPTIC.match(text) or _terse(query, text)):
        return None
    return _alike_entry(query, state, item)


def _alike_entry(base: Query, state: ConversationState, item: Finder) -> Resolved | None:
    """The conversation's item as an entry of `base`'s list: the entry of a like title there
    (`_alike`), carried as the topic; None when that list has none."""
    spec = base.kb.intents[base.intent]
    title = _item_title(base.kb, state)
    found = item(title, spec.id) if title else None
    if not found or not _alike(base.kb, title, _title_of(base.kb, spec.id, found)):
        return None
    return Resolved(replace(base, topic=found, topic_section=spec.topic_section), ("topic",), (title,))


_WHY = re.compile(
    r"^(?:(?:ok|okay|so|and|but|hmm+|right)\W+)*"
    r"(?:whys?|how come|what(?:'s|s| is| are)? (?:driving|behind|causing)|what (?:drives|causes))\b"
)
"""A question that asks why, first ("why ...", "what's driving ...", "what causes ..."): pointing
back, it asks why the thing just discussed matters or happens."""


def _other_entry(
    query: Query, state: ConversationState, *, requery: Requery, item: Finder | None
) -> Resolved | None:
    """Another entry of the conversation's list that a follow-up names by a word of its title
    ("and what if compliance is breathing down our neck too" after Model Drift: Regulatory
    Compliance): the conversation's question of it (`intent` carried), not the item just
    discussed; else None."""
    spec = query.kb.intents.get(state.intent or "")
    if not (state.topic and item is not None and spec and spec.topic_section) or not _own_words(query):
        return None
    found = item(query.question, spec.id)
    if not found or found == state.topic[1] or not _names_title(query, _title_of(query.kb, spec.id, found)):
        return None
    moved = replace(query if query.intent == spec.id else requery(spec.id), topic=found)
    return Resolved(replace(moved, topic_section=spec.topic_section), ("intent",), follows=True)


def _stays(query: Query, state: ConversationState, text: str, own: str) -> bool:
    """Whether a question that points back stays on the conversation's subject, however it reads
    alone (as `own`): it says nothing of that other subject where pointing back says what it is
    about (no pay word for pay: "does that apply to healthcare too?" after a trend, "is it worth it
    tho?" after the certifications; no word of the other label when it asks why: "why would a lead
    care about that tho?" after a best practice; nor, read only weakly as it, a word of its label:
    "does that apply to healthcare too?" read as the requirements, 0.41), or its specific words are
    all the item's ("why does that help with latency?" after Edge AI)."""
    if not _REFERENCE.search(text):
        return _terse(query, text) and _in_item(query, state)
    no_pay = own == SALARY and not _PAY_WORD.search(text)
    unsaid = not _names_subject(query, own)
    why = bool(_WHY.match(text)) and unsaid
    vague = unsaid and own == query.intent and query.confidence < FOLLOW_UP_CONFIDENCE
    return no_pay or why or vague or _in_item(query, state)


def _in_scope_prior(query: Query, requery: Requery) -> Query:
    """A question read as out of scope, asked in a conversation about the role: read again with
    the odds of that conversation. The matcher learned from as many out-of-scope questions as of
    each intent (one in 13, class-balanced), but a question after an in-scope answer is out of
    scope far less often (`OUT_OF_SCOPE_ODDS`); its probabilities are weighed by that (a change of
    prior), and the best in-scope intent answers when it is then the likeliest and above the
    matcher's cutoff ("which programming languages should I learn first?" in a talk about becoming
    a lead). A question naming another job stays out of scope: that is what it asks about."""
    if query.intent != "unknown" or not query.scores or query.other_role:
        return query
    if query.facts is not None and query.facts.role:
        return query
    weighed = {k: p * (OUT_OF_SCOPE_ODDS if k == "unknown" else 1.0) for k, p in query.scores}
    total = sum(weighed.values())
    if total <= 0:
        return query
    best = max((k for k in weighed if k not in ("unknown", "help")), key=weighed.__getitem__, default=None)
    if best is None or weighed[best] < weighed["unknown"] or weighed[best] / total < query.cutoff:
        return query
    return requery(best)


def _odds_in_talk(query: Query) -> float:
    """The probability of the question's own reading in a conversation about the role: out of
    scope weighed by `OUT_OF_SCOPE_ODDS` ("what does a lead make at a bank anyway", read alone as
    out of scope at 0.9, is a pay question there)."""
    return query.confidence * (OUT_OF_SCOPE_ODDS if query.intent == "unknown" else 1.0)


def _surely_another(query: Query, intent: str) -> bool:
    """Whether the question, read alone, is surely of another intent than `intent`: in scope (the
    matcher's calibrated cutoff), and `CONTINUES` times likelier than the conversation's (the odds
    that a conversation keeps its subject)."""
    own = query.intent
    if own in (intent, "unknown", "help", SALARY):
        return False
    return query.score(own) >= CONTINUES * query.score(intent)


def _in_context(
    query: Query,
    state: ConversationState,
    text: str,
    *,
    requery: Requery,
    reread: Reread,
    item: Finder | None,
    strong: bool = False,
) -> Resolved | None:
    """A question that leans on the conversation, read again with its subject after it ("why is
    that hard? (Common challenges)"). Its own intent stands when, read alone, it is `CONTINUES`
    times likelier than the conversation's ("is it well paid?" after a trend is still a salary
    question, "which one matters most?" after the challenges, with no words of its own, is not a
    skills question); `unknown` and small talk never do.
    `strong`: the question was read as nothing in scope, and is a follow-up only if the subject
    makes it one beyond doubt ("docker?" after the skills); else None.

    A new intent's item is found by the item the conversation was about, in that intent's list
    ("is there a trend toward fixing this?" after Model Interpretability: Explainable AI)."""
    kb = query.kb
    spec = kb.intents.get(state.intent or "")
    subject = spec.label if spec else ""
    if not subject:
        return None
    own, theirs = query.intent, state.intent or "unknown"
    if strong:
        reading = reread(f"{query.question} ({subject})")
        if reading.intent != theirs or not _beyond_doubt(reading) or (query.facts and query.facts.role):
            return None  # not surely the subject's, or about another job
        if _leaning(query) != theirs and query.intent != "help":
            # alone, it leans elsewhere, or nowhere ("frobnicate the quux" after the career path);
            # one read as small talk asks nothing of another subject ("which kinds?")
            return None
        own = theirs
    terse = _bare(query, text)
    weak = own == "unknown" or query.confidence < FOLLOW_UP_CONFIDENCE
    if weak and theirs != SALARY and _asks_pay(query):
        own = SALARY  # "what would a lead in that space make" after the market: pay, in no list
    sure = query.confidence >= STRONG and _own_words(query) and not terse  # surely its own, read alone
    if (
        own in ("unknown", "help")
        or (own == SALARY and _unpaid(query, state, text))  # "what's the biggest gap for someone like me"
        or not _own_words(query)  # nothing of its own: "why does that matter?"
        or (state.shown and _CHOOSES.search(text))  # one of the list shown: "which one takes most time?"
        or (_OTHERS.search(text) and not _names_subject(query, own))  # "what else ... besides that?"
        or (not sure and not terse and query.score(own) < CONTINUES * query.score(theirs))
        or (
            # a fragment, or one pointing back with a facet said ("does that apply to healthcare
            # too?"): a facet alone leans to whatever list names it, not to what is asked of it
            (terse or (_REFERENCE.search(text) and not sure and theirs != SALARY and _has_slots(query)))
            and not _says_subject(query, own, text, theirs)  # "market outlook?", "and bonuses?": says it
            and _sure_of(_with_last(query, state, reread=reread, subject=subject), theirs)
        )
    ):
        own = theirs
    if own != theirs and _stays(query, state, text, own):
        own = theirs
    development = _development(kb)
    if development is not None and theirs != development and _develops_it(query, state, text):
        own = development  # "how do I build that?" after Leadership: how to develop it, by its title
    develops = query.form is not None and query.form.develop and not _PAY_WORD.search(text)
    if theirs == SALARY and develops and query.intent not in ("unknown", "help", SALARY):
        # "how do I get there?" after a pay answer: pay is not developed, the question is its own
        own = query.intent
    if own == theirs:
        if own == SALARY:
            return _with_facts(replace(_salary(query, state, text, requery=requery), follows=True), state)
        if _OTHERS.search(text):
            entry = (
                None
                if _BESIDES.search(text)
                else _named_in_shown(kb, text, replace(state, shown=_shown(kb, own)))
            )
            if entry is not None and (entry.section, entry.item) != state.topic:
                # "what else should we be doing on the deployment side": more within the entry of
                # the list it names (Model Development and Deployment), not the whole list
                return _pick(query, state, entry, requery=requery, named=True)
            # the rest of the list ("what else?", "what else trips leads up", "what else besides
            # networking"): the list, whatever item its few words (or the one set aside) are nearest
            base = query if query.intent == own else requery(own)
            rest = replace(base, topic=None, topic_section=None, whole=True, words=())
            return _with_facts(Resolved(rest, follows=True), state)
        if state.shown and _CHOOSES.search(text):
            # a choice among the list ("which of these is most mature?" after Quantum AI, "what
            # specific ones should i probe for" after the soft skills): the list, not an item its
            # other words are nearest
            base = query if query.intent == own else requery(own)
            chooses = replace(
                base, topic=None, topic_section=None, words=() if query.intent != own else base.words
            )
            return _with_facts(Resolved(chooses, follows=True), state)
        other = _other_entry(query, state, requery=requery, item=item)
        if other is not None:
            return _with_facts(other, state)
        if state.topic or state.facets:
            return _with_facts(replace(_same_subject(query, state, requery=requery), follows=True), state)
        base = query if query.intent == own else requery(own)
        return _with_facts(Resolved(base, follows=True), state)
    base = query if query.intent == own else requery(own)
    if own == SALARY:  # pay has no items: "what would a lead to drive this cost us?" after a trend
        return _with_facts(_from_asker(_from_subject(Resolved(base), state, text), state, kb), state)
    new = kb.intents.get(own)
    title = _item_title(kb, state) if _REFERENCE.search(text) else ""
    if title and new is not None and new.topic_section and item is not None:
        # the item just discussed, looked up in the new list by its title; an item the question
        # names itself, another one, is its own ("who should own documenting all this?")
        own_item = base.topic if base.named else None  # named in the question itself
        candidates = (item(text, own) for text in (title, f"{query.question} ({title})"))  # lazily
        found = next((c for c in candidates if c and _alike(kb, title, _title_of(kb, own, c))), None)
        if own_item and own_item != found:
            named = replace(base, topic=own_item, topic_section=new.topic_section)
            return _with_facts(Resolved(named), state)
        if found:
            moved = replace(base, topic=found, topic_section=new.topic_section)
            return _with_facts(Resolved(moved, ("topic",), (title,)), state)
        if not (_own_words(query) - _HOW_WORDS):
            # only "how do I improve that?", "how do companies handle that?", and the new list has
            # no such item: the item just discussed says how (its own text), not another list
            return _with_facts(_same_subject(query, state, requery=requery), state)
        # no such item there: the list, not the matcher's nearest item ("is that a challenge
        # too?" after Edge AI)
        base = replace(base, topic=None, topic_section=None)
    elif title and new is not None and not new.topic_section:
        # an intent with no list of its own finds its item by the question's words: the title's
        # join them ("how do I get better at that?" after Communication: Career Development's)
        moved = replace(base, words=tuple(dict.fromkeys((*base.words, *terms_of(title)))))
        return _with_facts(Resolved(moved, ("topic",), (title,), untitled=base), state)
    if own == SALARY:
        return _with_facts(_from_asker(_from_subject(Resolved(base), state, text), state, kb), state)
    return _with_facts(Resolved(base), state)


_EARNS = re.compile(
    r"\b(?:what|how much)\b(?: [\w']+){1,4}? (?:make|earn|be making|be earning|be paid|get paid|pull in)\b"
    r"(?! (?:it|the|a|an|sure|my|our|that|this|them|decisions?|progress)\b)"
)
"""What someone would earn asked outright ("what would I make", "how much could I earn"), not
"make" with a thing made ("what would I need to make the jump")."""


_PAID_WORDS = r"pay|paid|salary|salaries|comp|compensation|income|wage|wages|earn|earning"
_PAID = re.compile(rf"\b(?:{_PAID_WORDS})\b")
"""A word that can only mean pay ("make", "worth", "offer" can mean other things)."""


_PAY_WORD = re.compile(
    rf"\b(?:{_PAID_WORDS}"
    r"|cost|costs|make|makes|making|made|bonus|bonuses|equity|budget|band|range|offer|package|worth paying"
    r"|\d+ ?k)\b|\$"
)
"""A word that says a question is about pay, however it is asked ("what would one cost us",
"and bonuses?"), as opposed to `_PAID`'s words that can only mean pay."""


def _asks_own_pay(query: Query, state: ConversationState) -> bool:
    """Whether a question the matcher reads as another subject asks what the asker would earn (or
    their organisation pay: "what do we budget comp wise"), after they gave what the guide prices
    (their years, place or industry): the pay for those."""
    if query.intent == SALARY or not _asks_pay(query) or _labelled(query) not in (None, SALARY):
        return False
    text = plain(query.question)
    if not (_OURS.search(text) and (_EARNS.search(text) or _PAID.search(text))):
        return False
    return any(state.facts.get(name) is not None for name in ("years", *ASKER_FACETS))


_HOW_MUCH = re.compile(r"\bhow much\b")
_GETS = re.compile(
    r"\bhow much (?:[\w']+ ){1,4}?(?:get|gets|getting)\b|\bbase\b(?! (?:model|models|rate of))"
)
"""Pay asked in other words than `_PAY_WORD`'s: what someone gets ("how much do the finance ones
get") or their base ("and base for mid level")."""


def _unpaid(query: Query, state: ConversationState, text: str) -> bool:
    """Whether a question read as pay, not surely, after another subject says nothing of pay: no
    word for it (`_PAY_WORD`, "how much", "what would I make"), no facet of its own ("and in
    Seattle?" is pay), so the matcher's pay reading is its words' ("the biggest gap for someone
    like me": a pay gap), and the conversation's subject is what it asks about."""
    if query.intent != SALARY or state.intent in (None, SALARY, "unknown", "help"):
        return False
    if query.confidence >= STRONG or _has_slots(query) or (query.form is not None and query.form.pays):
        return False
    return not (_PAY_WORD.search(text) or _HOW_MUCH.search(text) or _EARNS.search(text))


def _asks_pay(query: Query) -> bool:
    """Whether the question asks what someone is paid (the pipeline's form: "make", "earn"), and
    no other job's pay: read alone as nothing in scope or only weakly, it asks the role's pay
    (pointing back at what the conversation was about), not the conversation's subject."""
    pays = query.form is not None and query.form.pays
    return pays and not query.other_role and not (query.facts and query.facts.role)


def _beyond_doubt(reading: Query) -> bool:
    """Whether a reading's intent is `CONTINUES` times likelier than every other reading of it (out
    of scope included): odds, not a fixed probability, so that how much the matcher spreads the
    rest does not decide."""
    others = [p for intent, p in reading.scores if intent != reading.intent]
    return reading.confidence >= CONTINUES * max(others, default=0.0)


def _sure_of(reading: Query, intent: str) -> bool:
    return reading.intent == intent and reading.confidence >= FOLLOW_UP_CONFIDENCE


def _with_last(query: Query, state: ConversationState, *, reread: Reread, subject: str) -> Query:
    """A fragment (`_terse`) read with what the conversation asked: its subject and the last
    question's words (`ConversationState.words`). A word or two read alone is read as whatever
    intent that word leans to ("tools?" as a challenge); read with the question it continues, its
    own subject stands only if its words still outweigh that question's ("salary?" after the
    skills), not when they merely fit it ("tools?", "privacy too?", "and portfolio?")."""
    last = " ".join(state.words)
    return reread(f"{query.question} ({subject} {last})".replace(" )", ")"))


def _development(kb: KnowledgeBase) -> str | None:
    """The intent that answers how to develop something (Career Development): the one intents.yaml
    marks `develops`."""
    return next((spec.id for spec in kb.intents.values() if spec.develops), None)


_DEVELOP_WORDS = frozenset(
    terms_of("get gain build develop improve grow learn acquire better work on skill skills")
)


_HOW_WORDS = _DEVELOP_WORDS | frozenset(
    terms_of(
        "handle deal fix solve address tackle mitigate overcome avoid prevent approach "
        "company companies team teams org orgs organization organisation people usually typically"
    )
)
"""A question made of these and a reference asks how the item just discussed is dealt with
("how do companies handle that?" after Talent Acquisition and Retention), whatever list the
matcher reads it into."""


def _develops_it(query: Query, state: ConversationState, text: str) -> bool:
    """Whether the question asks only how to develop the item just discussed, and Career
    Development has an item of that name ("how do I build that?" after the Leadership soft skill:
    Team Leadership): a "how do I develop X" question whose X is a reference, with no words of its
    own besides. Not after a challenge ("how do I improve that?" after Model Drift)."""
    develops = query.form is not None and query.form.develop
    if not (develops and state.topic and _REFERENCE.search(text)) or _own_words(query) - _DEVELOP_WORDS:
        return False
    kb = query.kb
    spec = kb.intents.get(_development(kb) or "")
    title = _item_title(kb, state)
    if spec is None or not title:
        return False
    titles = []
    for section_id in spec.sections:
        section = kb.sections.get(section_id)
        if section is not None:
            titles += [section.title, *(i.title for i in section.items if i.title)]
    return any(_alike(kb, title, other) for other in titles)


def _in_item(query: Query, state: ConversationState) -> bool:
    """Whether the specific words of a question that points back (`RARE` in the guide) are all in
    the item just discussed, and it has some: it asks about that item ("why does that help with
    latency?" after Edge AI, whose text says "reduce latency"), whatever list the matcher reads
    such words into alone."""
    if not state.topic:
        return False
    kb = query.kb
    idf = index_for(kb).idf
    specific = {w for w in _own_words(query) - _HOW_WORDS if idf.get(w, 0.0) >= RARE}
    return bool(specific) and specific <= _item_words(kb, *state.topic)


def _listed(kb: KnowledgeBase, state: ConversationState) -> bool:
    """Whether the item the conversation is about is one of its intent's list (a challenge, a
    trend), not a bullet an answer focused on outside any list (a requirement: Advanced Degree)."""
    return bool(state.topic) and any(s.item == state.topic[1] for s in _shown(kb, state.intent or ""))


def _on_item(query: Query, state: ConversationState) -> bool:
    """Whether a follow-up stays on a bullet outside any list: it says nothing of its own but how
    ("why?", "how do I get that?"), or its specific words are all the bullet's ("in what fields?"
    after Advanced Degree: "a related technical field"); "and frameworks?" after Programming
    Skills asks about another bullet, which the question's own reading finds."""
    return not (_own_words(query) - _HOW_WORDS) or _in_item(query, state) or _on_title(query, state)


def _on_title(query: Query, state: ConversationState) -> bool:
    """Whether a fragment of the conversation's question (or a question pointing back at the item)
    names no item of its own but a word of the title of the item just discussed ("growth rate?"
    after Market Size and Growth): a drill-down on that item, not a jump to another whose text
    happens to hold the phrase."""
    text = said(query.question)
    # or a question pointing back ("what growth rate is that?"), not one saying its subject
    # ("what's driving that market growth?" asks of the market)
    back = _REFERENCE.search(text) and not _names_subject(query, state.intent or "")
    if not state.topic or query.named or not (_terse(query, text) or back):
        return False
    return _names_title(query, _item_title(query.kb, state))


def _item_words(kb: KnowledgeBase, section_id: str, item_id: str) -> set[str]:
    """The stemmed words of one item of a list (its title, text and sub-points), or of the
    subsection that is the item (Core Responsibilities' areas)."""
    section = kb.sections.get(section_id)
    texts: list[str] = []
    if section is not None and any(i.id == item_id for i in section.items):
        found = section.item(item_id)
        texts = [found.title, found.text, *found.points]
    elif f"{section_id}/{item_id}" in kb.sections:
        child = kb.sections[f"{section_id}/{item_id}"]
        texts = [
            child.title,
            *child.intro,
            *(f"{i.title} {i.text} {' '.join(i.points)}" for i in child.items),
        ]
    return set(terms_of(" ".join(texts)))


def _leaning(query: Query) -> str | None:
    """The in-scope intent a question read as out of scope leans to most, read alone ("docker?":
    skills), or None when it leans to none (every in-scope probability zero)."""
    scores = [(p, intent) for intent, p in query.scores if intent not in ("unknown", "help") and p > 0]
    return max(scores)[1] if scores else None


def _labelled(query: Query) -> str | None:
    """The one intent a fragment names by its whole label and little else ("and soft skills?",
    "industry trends?"): a follow-up that says which subject it moves to, whatever the nearby
    wording leans to alone."""
    kb = query.kb
    role = set(terms_of(kb.title))
    words = set(query.words)
    whole = {}
    for intent, spec in kb.intents.items():
        label = set(terms_of(spec.label)) - role
        if intent not in ("help", "unknown") and label and label <= words:
            whole[intent] = label
    if len(whole) != 1:
        return None
    ((intent, label),) = whole.items()
    return intent if len(_own_words(query) - label) <= 1 else None


_NEGATED = re.compile(
    r"\bnon[- ]?([a-z]+)(?: ([a-z]+))?|\bnot the ([a-z]+)(?= (?:ones?|side|stuff|part|bits?|kind|sort)\b)"
)
"""A word said as what is not asked ("the non-technical ones", "not the technical side"); not one
said of an entry of the guide ("the non-technical stakeholder part": Stakeholder Management)."""


@lru_cache(maxsize=4)
def _titled_words(index: GuideIndex) -> frozenset[str]:
    """The words of the guide's item and section titles that no intent's label has ("non-technical
    skills" negates a label word; "the non-technical stakeholder part" a title's); once per guide."""
    kb = index.kb
    titled = {w for section in kb.sections.values() for i in section.items for w in terms_of(i.title or "")}
    titled |= {w for section in kb.sections.values() for w in terms_of(section.title)}
    return frozenset(titled - {w for spec in kb.intents.values() for w in terms_of(spec.label)})


def _unlike_label(kb: KnowledgeBase, text: str) -> str | None:
    """The subject a question names by negating a word of another's label ("and the non-technical
    modules?": of Technical skills, the rest of its label, "skills", without "technical": Soft
    skills), when exactly one intent's label has that rest and not the negated word; else None."""
    if not _NEGATED.search(text):
        return None
    role = set(terms_of(kb.title))
    titled = _titled_words(index_for(kb)) - role
    negated = {
        w
        for found in _NEGATED.finditer(text)
        if not (set(terms_of(found.group(2) or "")) & titled)  # "non-technical stakeholder"
        for w in terms_of(found.group(1) or found.group(3))
    }
    if not negated:
        return None
    labels = {
        i: set(terms_of(spec.label)) - role for i, spec in kb.intents.items() if i not in ("help", "unknown")
    }
    found = set()
    for label in labels.values():
        rest = label - negated
        if rest and rest != label:
            found |= {other for other, words in labels.items() if rest <= words and not words & negated}
    return found.pop() if len(found) == 1 else None


def _names_another(query: Query, intent: str) -> bool:
    """Whether the question says it asks about another intent than `intent`: a word of another
    intent's label, none of this one's ("and the technical side?" after the soft skills)."""
    if _names_subject(query, intent):
        return False
    return any(
        _names_subject(query, other) for other in query.kb.intents if other not in (intent, "help", "unknown")
    )


def _named_other(query: Query, intent: str) -> str | None:
    """The one intent other than `intent` whose label the question has a word of, if only one."""
    named = [
        other
        for other in query.kb.intents
        if other not in (intent, "help", "unknown") and _names_subject(query, other)
    ]
    return named[0] if len(named) == 1 else None


def _names_subject(query: Query, intent: str) -> bool:
    """Whether the question says what it asks about: a word of the intent's own label ("what
    other *trends* ...", "any *market* numbers"), the words the role's name is made of aside; not
    "which regions are moving fastest?" after the market, whatever the matcher reads alone."""
    spec = query.kb.intents.get(intent)
    if spec is None:
        return False
    # a word said negated names no subject ("the non-technical stakeholder part": not the technical skills)
    negated = {
        w
        for found in re.finditer(r"\bnon[- ]?([a-z]+)", plain(query.question))
        for w in terms_of(found.group(1))
    }
    return bool((set(terms_of(spec.label)) - set(terms_of(query.kb.title))) & (set(query.words) - negated))


def _says_subject(query: Query, intent: str, text: str, theirs: str) -> bool:
    """`_names_subject`, and for pay a word for it ("and bonuses?", "equity?"): pay is asked in
    more words than its label's; or a heading of its own outside the conversation's subject
    (`theirs`) named by its title ("and networking?" after the responsibilities)."""
    pays = intent == SALARY and bool(_PAY_WORD.search(text))
    return _names_subject(query, intent) or pays or _titled_elsewhere(query, theirs)


def same_item(kb: KnowledgeBase, titles: tuple[str, ...], topic: dict[str, str] | None) -> bool:
    """Whether an answer's item is the one `titles` name, in another list: its title shares their
    specific words ("Communication" in Essential Soft Skills and in Career Development; not
    "Innovation Mindset" for Edge AI, however its text says "cutting-edge")."""
    return bool(topic and titles) and _alike(kb, " ".join(titles), (topic or {}).get("item", ""))


RARE = 3.0
"""A word two item titles share makes them the same item only if it is this rare in the guide
(its idf): "security", "ethical", "explainable"; not "data" or "model" ("Data Governance" is not
"Data Science and Engineering")."""


def _alike(kb: KnowledgeBase, title: str, other: str) -> bool:
    """Whether two item titles share a specific word, by its first six letters ("Model
    Interpretability and Explainability", "Explainable AI (XAI)"), a rare one (`RARE`)."""
    idf = index_for(kb).idf
    theirs = terms_of(other)
    return any(
        w[:6] == v[:6] and max(idf.get(w, 0.0), idf.get(v, 0.0)) >= RARE
        for w in terms_of(title)
        for v in theirs
    )


def _title_of(kb: KnowledgeBase, intent: str, item_id: str) -> str:
    return next((s.title for s in _shown(kb, intent) if s.item == item_id), "")


def _item_title(kb: KnowledgeBase, state: ConversationState) -> str:
    if not state.topic:
        return ""
    shown = next((s.title for s in _shown(kb, state.intent or "") if s.item == state.topic[1]), "")
    if shown:
        return shown
    area = kb.sections.get(f"{state.topic[0]}/{state.topic[1]}")  # an area (Market Size and Growth)
    if area is not None:
        return area.title
    section = kb.sections.get(state.topic[0])  # a bullet outside any list (Advanced Degree)
    return next((i.title for i in section.items if i.id == state.topic[1]), "") if section else ""


def _foreign(query: Query) -> bool:
    """Whether every word of the question's own is foreign to the guide and to everyday English
    (`Analyzer.foreign`: "frobnicate the quux"): nothing a conversation's subject could explain."""
    from bot.engine.normalize import analyzer_for

    words = _own_words(query)
    analyzer = analyzer_for(query.kb)
    return bool(words) and all(analyzer.foreign(w) for w in words)


def _own_words(query: Query) -> set[str]:
    """The question's content words less the discourse words a follow-up is made of."""
    return set(query.words) - _DISCOURSE


def _chat(query: Query) -> bool:
    """Whether a message read as help is small talk (a greeting, thanks, an acknowledgement): the
    matcher is as sure of it as of a question about the bot (`ABOUT_THE_BOT`), or it says nothing
    but an acknowledgement ("nice one"). A request that merely looks like help to the matcher, less
    surely ("examples pls", "NA specifically"), asks something of the conversation's subject."""
    return query.confidence >= ABOUT_THE_BOT or set(query.words) <= _ACKNOWLEDGE


_CLAUSE = re.compile(r"\s*[,;:\u2013\u2014]\s*|\s+-+\s+")


def _asks_after(question: str) -> bool:
    """Whether a clause after the first asks a question of its own ("and on the privacy side,
    what's the usual headache"), not only points back ("the stakeholder piece, more on that")."""
    clauses = (said(clause) for clause in _CLAUSE.split(question)[1:])
    return any(_ASKING.match(clause) and not _REFERENCE.search(clause) for clause in clauses)


def _asks(question: str, text: str) -> bool:
    """Whether a message asks something (a question mark, a question word or a request first, or
    a "please" anywhere: "examples pls")."""
    return "?" in question or bool(_ASKING.match(text) or _PLEASE.search(text))


_PLEASE = re.compile(r"\b(?:please|pls|plz|plse)\b")


def _pick(
    query: Query, state: ConversationState, shown: Shown, *, requery: Requery, named: bool = False
) -> Resolved:
    """An item of the list the conversation showed, as the conversation's intent answers it;
    `named`: the question named it by its own words, and the list only says which list: the
    conversation's intent is what it carried ("what about the deep learning part" after a market
    area is read in Market Demand)."""
    base = requery(state.intent or "unknown")
    picked = replace(base, topic=shown.item, topic_section=shown.section, words=query.words)
    if named:  # about that item, not "what does the guide say about it" across its sections
        picked = replace(picked, form=replace(picked.form, across=None) if picked.form else None)
        within = f"{query.kb.sections[shown.section].title}, as in your last question"
        return _with_facts(Resolved(picked, ("intent",), within=within), state)
    return _with_facts(Resolved(picked, ("topic",), (shown.title,)), state)


_PASSING_HEADS = frozenset(
    terms_of("one ones stuff thing part parts piece bit bits side aspect angle the of and")
)


def _named_in_shown(kb: KnowledgeBase, text: str, state: ConversationState) -> Shown | None:
    """The one item of the list just shown that an item named in passing ("the budget one", "the
    quality and compliance piece") names by its own words: all the phrase's words (by their first
    six letters) in its title, else in its title and text; None unless exactly one item has them."""
    found = _NAMED_ONE.search(text) or _NAMED_PART.search(text)
    if not found:
        return None
    words = {w[:6] for w in set(terms_of(found.group(0))) - _PASSING_HEADS - _DISCOURSE}
    if not words:
        return None  # "the last one": an ordinal
    for described in (False, True):
        hits = []
        for shown in state.shown:
            own = set(terms_of(shown.title))
            if described:
                own |= _item_words(kb, shown.section, shown.item)
            if words <= {w[:6] for w in own}:
                hits.append(shown)
        if hits:
            return hits[0] if len(hits) == 1 else None
    return None


def _chosen_in_shown(query: Query, state: ConversationState) -> Shown | None:
    """The entry of the list just shown that a question choosing among it ("which of those would
    fix the not-listening problem?") picks by its specific words (`RARE` in the guide, by their
    first six letters): the one entry whose title, text and points hold the most of them, by
    their weight in the guide; None when no entry holds any, or two hold as much ("which of
    these is most mature?" asks of the whole list)."""
    kb = query.kb
    idf = index_for(kb).idf
    own = {w for w in _own_words(query) - _HOW_WORDS - _PASSING_HEADS if idf.get(w, 0.0) >= RARE}
    if not own:
        return None
    scored = []
    for shown in state.shown:
        words = {w[:6] for w in (*terms_of(shown.title), *_item_words(kb, shown.section, shown.item))}
        scored.append((sum(idf.get(w, 0.0) for w in own if w[:6] in words), shown))
    scored.sort(key=lambda pair: pair[0], reverse=True)
    if not scored or scored[0][0] <= 0 or (len(scored) > 1 and scored[1][0] >= scored[0][0]):
        return None
    return scored[0][1]


def _titled_in_shown(query: Query, state: ConversationState) -> Shown | None:
    """The one entry of the list just shown whose title has a word of the question's own, a rare
    one (`RARE`, by its first six letters); None when none or several have one."""
    idf = index_for(query.kb).idf
    own = [w for w in _own_words(query) if idf.get(w, 0.0) >= RARE]

    def names(word: str, shown: Shown) -> bool:
        # a word of the title of the area the entry is in names that area, not the entry ("and
        # experience wise?" after Professional Experience's items: the area, not Leadership Experience)
        area = query.kb.sections.get(shown.section)
        if area is not None and any(_one_word(word, t) for t in terms_of(area.title)):
            return False
        return any(_one_word(word, t) for t in terms_of(shown.title))

    hits = [s for s in state.shown if any(names(w, s) for w in own)]
    return hits[0] if len(hits) == 1 else None


def _one_word(word: str, other: str) -> bool:
    """Whether two stems are one word: the same first six letters, or one of five or more letters
    the start of the other ("ethic" of "ethical", "secur" of "security")."""
    short, long = sorted((word, other), key=len)
    return word[:6] == other[:6] or (len(short) >= 5 and long.startswith(short))


def _again(query: Query, state: ConversationState, *, requery: Requery, full: bool) -> Resolved:
    """ "more" / "shorter": the last subject again, as the whole section or as its point."""
    base = requery(state.intent or "unknown")
    carried, labels = _subject_labels(query.kb, state)
    if state.topic and state.intent != SALARY:
        # the item the last answer was about, taken whole ("shorter please" after Relevant
        # Certifications), whether or not a list was shown with it
        carried = ("topic",)
    # "more pls" after a list: it does not say what it asks about, the conversation does
    carried = carried or ("intent",)
    topic, section = (state.topic[1], state.topic[0]) if state.topic else (None, None)
    again = replace(
        base,
        topic=topic,
        topic_section=section,
        words=state.words,
        full=full,
        brief=not full,  # "shorter": its point, never the whole list a forced intent is answered with
        shorter=not full,
        **(_facets(query.kb, state) if state.intent == SALARY else {}),
    )
    return _with_facts(Resolved(again, carried, labels), state)


def _salary(query: Query, state: ConversationState, text: str, *, requery: Requery) -> Resolved:
    """A salary follow-up: the facets it gives replace the earlier ones, the others are kept."""
    base = query if query.intent == SALARY else requery(SALARY)
    stands_alone = not (query.intent != SALARY or query.confidence < FOLLOW_UP_CONFIDENCE)
    stands_alone = stands_alone and asker.mentions_role(text) and not _CONTINUES.search(text)
    if stands_alone:
        return _from_asker(Resolved(base), state, query.kb)
    given = {name: getattr(base, name) for name in FACETS}
    if base.unlisted_location:
        given["location"] = base.unlisted_location  # a place the guide has no row for replaces one
    kept = {name: value for name, value in state.facets.items() if not given.get(name)}
    national = bool(_NATIONAL.search(text))
    if national:
        kept = {}  # "what's the national average?" after senior in Boston: the guide's one figure
    stepped = _stepped_level(query.kb, text, state.level) if not given.get("level") else None
    if stepped:  # "one level up" after Mid-Level: Senior-Level, the question's own level
        kept.pop("level", None)
        given["level"] = stepped
        base = replace(base, level=stepped)
    dropped = _dropped(query.kb, text, state.facets)
    if dropped:  # "forget the bank, just boston", "and without the industry?": that facet no more
        kept = {n: v for n, v in kept.items() if n not in dropped}
        base = replace(base, **{n: None for n in dropped if getattr(base, n) == state.facets[n]})
    merged = replace(base, **_placed(query.kb, kept))
    changed = [n for n in FACETS if given.get(n) and state.facets.get(n) not in (None, given[n])]
    against = ""
    # a place the guide has no row for ("denver", kept from before) has no figures to set against
    comparable = "location" not in changed or state.facets["location"] in query.kb.entities.locations
    if len(changed) == 1 and comparable and not base.also and _COMPARES.search(text):
        # "vs seattle?" after Boston: the new place against the one before, the rest kept; the
        # one before is what the answer compares with, said in its first line, but not carried
        # (the question's facet is its own, as `entities` shows)
        name = changed[0]
        merged = replace(merged, also=((name, state.facets[name]),))
        against = _facet_label(query.kb, name, state.facets[name])
    elif state.also and not base.also and not national:
        # "and for mid level?" after "NYC or Austin?": the comparison stands, at the new level,
        # unless the question replaces a compared facet itself ("and in Seattle?")
        if not any(given.get(name) for name, _ in state.also):
            merged = replace(merged, also=state.also)
            against = _joined([_facet_label(query.kb, n, v) for n, v in state.also])
    # "and if the bank is in seattle" after Finance: the facet in force, pointed back at
    # ("take out the fintech part" sets it aside, however definitely it names it)
    kept.update(
        {
            n: v
            for n, v in given.items()
            if v and n not in dropped and state.facets.get(n) == v and _definite(base, text, n, v)
        }
    )
    labels = tuple(_facet_label(query.kb, n, v) for n, v in kept.items())
    resolved = Resolved(merged, tuple(kept), labels, follows=True, against=against)
    return _from_asker(resolved, state, query.kb)


_SET_ASIDE = r"(?:(?!(?:just|only|but|and|or|in|at|for|to|with)\b)[\w'-]+\s*){1,2}"
_DROP = re.compile(
    r"\b(?:forget|drop|remove|ignore|without|skip|leave out|take out|strip out|exclude|minus"
    r"|never ?mind|not|no)"
    rf"\s+(?:about\s+)?(?:the\s+|a\s+|an\s+)?({_SET_ASIDE}(?:(?:and|or|&|\+)\s*(?:the\s+)?{_SET_ASIDE})*)"
)
"""A facet set aside, or several ("forget the bank", "without the industry", "what if it's not a
bank", "take out the fintech part", "ignore seniority and the bank")."""
_ONLY = re.compile(r"\b(?:down to|keep) (?:just |only )?(?:the )?([\w'-]+)|\b(?:just|only) the ([\w'-]+)\W*$")
"""The one facet kept, the others set aside ("strip it down to just the level", "keep only the
location", "... just the level")."""
_FACET_NAMES = {
    "level": frozenset(terms_of("level seniority")),
    "location": frozenset(terms_of("location place city area region")),
    "industry": frozenset(terms_of("industry sector field")),
}


def _dropped(kb: KnowledgeBase, text: str, facets: dict[str, str]) -> set[str]:
    """The facets in force a salary follow-up sets aside, by the facet's name ("without the
    industry") or by a name of its value ("forget the bank" after Finance)."""
    out = set()
    general = _in_general(text) and not _REFERENCE.search(text)
    if general and (_PAY_WORD.search(text) or len(terms_of(text)) <= TERSE):
        # "pay ranges overall?", "and in general?": the figures for no facet in particular (not
        # "which industries are growing fastest overall", a question of its own)
        out |= set(facets)
    only = _ONLY.search(text)
    kept = {n for n in FACETS if only and set(terms_of(only.group(1) or only.group(2))) & _FACET_NAMES[n]}
    if kept:  # "strip it down to just the level": every facet in force but that one
        out |= {name for name in facets if name not in kept}
    for found in _DROP.finditer(text):
        for part in re.split(r"\s+(?:and|or|&|\+)\s+(?:the\s+)?", " ".join(found.group(1).split())):
            # a word that names a facet by itself is the one set aside: "forget the bank, boston
            # only" drops the bank, not Boston said next to it
            out |= _facets_named(kb, part.split()[0], facets) or _facets_named(kb, part, facets)
    return out


def _facets_named(kb: KnowledgeBase, said: str, facets: dict[str, str]) -> set[str]:
    """The facets in force that `said` names, by the facet's name or a name of its value."""
    out = set()
    words = set(terms_of(said))
    for name, value in facets.items():
        spec = (kb.entities.industries if name == "industry" else kb.entities.locations).get(value)
        names = {_facet_label(kb, name, value).lower(), value.replace("_", " ")}
        names |= {a.lower() for a in spec.aliases} if spec is not None and name != "level" else set()
        if words & _FACET_NAMES[name] or any(re.search(rf"\b{re.escape(n)}\b", said) for n in names):
            out.add(name)
    return out


_STEP = re.compile(
    r"\b(?:(?:one|a) )?(?:level|step|rung|band) (up|down|higher|lower|above|below)\b"
    r"|\bnext level(?: up)?\b"
)
"""A level said relative to the one in force ("one level up", "a level below", "the next level")."""


def _stepped_level(kb: KnowledgeBase, text: str, level: str | None) -> str | None:
    """The guide's level next to `level` that the question moves to ("one level up" after
    Mid-Level: Senior-Level); None when it names no step, or the step falls off the ladder."""
    found = _STEP.search(text)
    levels = list(kb.salaries.levels)
    if found is None or level not in levels:
        return None
    step = -1 if found.group(1) in ("down", "lower", "below") else 1
    index = levels.index(level) + step
    return levels[index] if 0 <= index < len(levels) else None


OTHER_JOB = "another job"
"""`aside` for another job whose title the pay answer does not name ("what do nurses earn?")."""


_FIGURE_WORDS = frozenset(
    terms_of("number numbers figure figures avg median range ranges band bands ballpark")
)
"""Words that ask for the figure of what was asked before, nothing of their own."""
_WHAT_ABOUT = re.compile(r"^(?:(?:ok|okay|so|and|right)\W+)*(?:what|how) about\b")


def _aside(query: Query, state: ConversationState, text: str, *, requery: Requery) -> Resolved | None:
    """A follow-up of an out-of-scope pay question about another job (`ConversationState.aside`):
    one that says nothing but a facet ("and in Seattle?" after "what do data scientists make?") is
    still about that job, out of scope; one that only names the role instead ("ok, and AI tech
    leads?") asks the same of the role, a salary question with that question's facets. Else None:
    the question is read on its own."""
    if (query.facts and query.facts.role) or query.other_role:
        return None  # another job of its own
    as_salary = requery(SALARY)
    if asker.mentions_role(text):
        # "and an AI tech lead nationally?", "ok what about an ai tech lead, national number"
        role_words = set(terms_of(query.kb.title)) | _NATIONAL_WORDS | _FIGURE_WORDS
        continues = _ELLIPTIC.match(text) or _WHAT_ABOUT.match(text)
        continues = continues or (_CONTINUES.match(text) and not _ASKING.match(text))
        if not continues or (
            _own_words(query) - role_words and not _only_slots(query, as_salary, also=tuple(role_words))
        ):
            return None  # a question of its own about the role ("what does an AI tech lead do?")
        resolved = _salary(query, state, text, requery=requery)
        # it does not itself ask about pay: no pay word, no figure asked ("national number"), no
        # facet of its own ("and ai tech leads in austin?", "ok and exec-level ai tech leads?": the
        # role with a facet of the pay tables is a pay question as it stands)
        figure = set(query.words) & (_NATIONAL_WORDS | _FIGURE_WORDS)
        own_facet = any(getattr(query, name) for name in FACETS)
        if not (query.form is not None and query.form.pays) and not figure and not own_facet:
            resolved = replace(resolved, carried=(*resolved.carried, "intent"))
        return _with_facts(resolved, state)
    if not (_has_slots(query) and _only_slots(query, as_salary)):
        return None
    form = replace(query.form or asker.Form(), pays=True)
    still = replace(requery("unknown"), form=form, other_role=True)  # the aside goes on (`advance`)
    # the facets the aside had, where the fragment gives no other ("and in Seattle?" keeps "senior")
    still = replace(still, **{name: getattr(still, name) or state.facets.get(name) for name in FACETS})
    if state.aside != OTHER_JOB:  # a title the guide's pay answer can name ("a data scientist")
        still = replace(still, facts=replace(query.facts or asker.AskerFacts(), role=state.aside))
    return Resolved(still, aside="the other job in your last question")


def _still_out(
    query: Query, state: ConversationState, text: str, *, reread: Reread | None, requery: Requery
) -> Resolved | None:
    """A fragment after an out-of-scope question that continues it ("and in Ohio?" after a nurse
    practitioner's pay, "what about for a small team?" after GPUs): read with that question's words
    (`ConversationState.asked`) it is still out of scope, so it is, whatever it reads as alone; a
    fragment alone has no subject of its own to answer. Else None: the question is read on its
    own, as every question after an out-of-scope one that says what it asks ("ok, and what skills
    does an AI lead need?", "separately: ...")."""
    if reread is None or query.intent == "unknown" or query.named:
        return None
    fragment = _ELLIPTIC.match(text) or _CONTINUES.search(text) or _REFERENCE.search(text)
    only_role = fragment and not (_own_words(query) - set(terms_of(query.kb.title)))
    if (
        (asker.mentions_role(text) and not only_role)
        or (query.facts and query.facts.role)
        or query.other_role
    ):
        # about the role (or another job) by name: a question of its own; not a fragment that
        # names nothing but the role ("and for tech leads?" after the H-1B time for ML engineers:
        # the same question of them, still out of scope)
        return None
    if not (fragment or not _own_words(query)):
        return None
    if (
        _names_subject(query, query.intent)
        or _titled_elsewhere(query, "unknown")
        or (query.intent == SALARY and _PAY_WORD.search(text) and not asker.pays(state.asked or ""))
    ):
        # a fragment that names what it asks ("ok what are the main responsibilities then", "what
        # about bonuses in general" after remote work, not after another job's pay): a question of
        # its own, however it goes on from the last
        return None
    if reread(f"{state.asked} {query.question}").intent != "unknown":
        return None
    asked = content_words(f"{state.asked} {query.question}")
    return Resolved(requery("unknown"), aside="your last question", asked=asked)


def content_words(text: str) -> str:
    """A question's content words as written, lowercased, at most `MAX_WORDS` (`ConversationState.asked`)."""
    words = [w for w in said(text).split() if w not in STOP and len(w) > 1]
    return " ".join(words[:MAX_WORDS])


_PAY_NOUN = r"(?:numbers?|bands?|figures?|ranges?|pay|salar(?:y|ies)|rates?|comp)\b"
"""What a facet said with "the" may qualify: "the healthcare band", "just the finance number" ask
for that facet's figures, they do not point back at the one in force."""


def _definite(query: Query, text: str, name: str, value: str) -> bool:
    """Whether the facet `name` = `value` was read from words said with "the" ("the bank", "the
    hospital one"): a reference to the one the conversation already has, not a new one. A level
    only with "that" ("someone that senior"): "the top band", "the senior level" name a rung of
    the ladder, not one pointed back at."""
    article = r"(?:that|this)" if name == "level" else r"(?:the|that|this)"
    label = _facet_label(query.kb, name, value).lower()
    for reading in query.readings:
        found = re.match(r"Read \*([^*]+)\* as (.*)", reading)
        if (
            found
            and label in found.group(2).lower()
            and re.search(rf"\b{article} {re.escape(found.group(1))}\b(?!\W*{_PAY_NOUN})", text)
        ):
            return True
    return False


def _same_subject(query: Query, state: ConversationState, *, requery: Requery) -> Resolved:
    """ "that one", "why is that hard?": the item (or salary facets) the last answer was about."""
    base = requery(state.intent or "unknown")
    carried, labels = _subject_labels(query.kb, state)
    # "more pls" after a list: it does not say what it asks about, the conversation does
    carried = carried or ("intent",)
    topic, section = (state.topic[1], state.topic[0]) if state.topic else (None, None)
    salary = state.intent == SALARY
    changes = _facets(query.kb, state) if salary else {"topic": topic, "topic_section": section}
    return Resolved(replace(base, **changes), carried, labels, follows=True)


def _from_asker(resolved: Resolved, state: ConversationState, kb: KnowledgeBase) -> Resolved:
    """A salary question with no level or place of its own, from an asker who gave their years
    or their place earlier ("I'm hiring an AI lead in Austin" ... "what should I pay a senior one?")."""
    resolved = _place_from_asker(resolved, state, kb)
    query = resolved.query
    years = state.facts.get("years")
    if query.intent != SALARY or query.level or years is None or (query.facts and query.facts.years):
        return resolved
    text = plain(query.question)
    if _of_anyone(text):
        return resolved  # "what does a lead make at a bank anyway": the role's pay, not the asker's band
    if _IT_PAYS.search(text) and not _TALKS_ABOUT["years"].search(text):
        # "what would it pay where i live", "if I got there, what would it pay around here": what
        # the job pays, not what the asker's years would earn in it ("at my experience level what
        # would a lead role like that pay?" asks that)
        return resolved
    level = band(kb, float(years))
    if level is None:
        return resolved
    said = f"the {float(years):g} years" if years else "no years of experience yet, as"
    named = _facet_label(kb, "level", level)
    if float(years) < kb.salaries.levels[level].min_years:
        # "I just graduated": below every band, as the same question asked alone says
        named = f"below the guide's lowest band, {named},"
    label = f"{named} for {said} you mentioned earlier"
    if state.facts.get("outside_ml"):
        # the guide's bands count years of experience; its requirement counts them in AI/ML roles
        label += asker.OUTSIDE_ML_NOTE
    return replace(
        resolved, query=replace(query, level=level), carried=(*resolved.carried, "facts"), from_years=label
    )


_A_LEAD = re.compile(
    r"\b(?:an?|any|the typical|the average|your average)\s+(?:[\w-]+\s+){0,2}?(?:lead|tl)\b|\bleads\b"
)
_SOMEONE = re.compile(r"\b(?:she|her|he|him|his|someone like|people like)\b")
_IT_PAYS = re.compile(
    r"\b(?:would|will|does|could|might|should) (?:it|that|this|the (?:role|job|position)) pay\b"
)
"""A pay question whose payer is the job ("what would it pay"), not a person ("what would I make")."""


_IN_GENERAL = re.compile(r"\b(?:generally|in general|overall|across the board|broadly)\b")
"""A pay question that says it asks in general ("whats the pay like generally", "pay ranges overall?")."""


def _of_anyone(text: str) -> bool:
    """Whether a pay question asks about the role in general ("what does a lead make at a bank?",
    "what do AI tech leads make in Seattle?", "whats the pay like generally"): it names the role
    or says it asks in general, and not the asker (no "I", "me", "my") nor someone pointed back at
    ("she", "someone like me"), so the asker's years set no band of it."""
    names = asker.mentions_role(text) or bool(_A_LEAD.search(text)) or bool(_IN_GENERAL.search(text))
    return names and not _FIRST_PERSON.search(text) and not _SOMEONE.search(text)


def _in_general(text: str) -> bool:
    """Whether a pay question says it asks in general, not of the asker ("whats the pay like
    generally"): the asker's place and industry are not its facets either."""
    return bool(_IN_GENERAL.search(text)) and not _FIRST_PERSON.search(text) and not _SOMEONE.search(text)


def _said_otherwise(kb: KnowledgeBase, said: str | None, industry: str) -> str | None:
    """The words an industry was read from when they are not a word of its name ("startup" for
    Tech and Software; not "tech" or "healthcare"), to say back as the asker's own."""
    if not said:
        return None
    name = {w[:5] for w in terms_of(_facet_label(kb, "industry", industry))}  # "academic": Academia
    return None if {w[:5] for w in terms_of(said)} & name else " ".join(said.split())[:MAX_ASIDE]


def _place_from_asker(resolved: Resolved, state: ConversationState, kb: KnowledgeBase) -> Resolved:
    """A salary question with no place or industry of its own takes the ones the asker said they
    are in (`ASKER_FACETS`): "We're a bank" ... "what would a lead cost us?" is Finance."""
    query = resolved.query
    text = plain(query.question)
    if query.intent != SALARY or _NATIONAL.search(text) or _in_general(text):
        return resolved
    known = {"location": kb.entities.locations, "industry": kb.entities.industries}
    said_before = {name: state.facts[name] for name in ASKER_FACETS if state.facts.get(name) in known[name]}
    taken = _lacking(query, said_before)
    if not taken:
        return resolved
    said = state.facts.get("industry_said") if taken.get("industry") == state.facts.get("industry") else None
    parts = [
        _facet_label(kb, n, v) + (f" (read from your “{said}”)" if n == "industry" and said else "")
        for n, v in taken.items()
    ]
    label = _joined(parts) + ", as you said earlier"
    return replace(
        resolved,
        query=replace(query, **taken),
        carried=(*resolved.carried, "facts"),
        from_place=label,
    )


def _asks_the_way(query: Query) -> bool:
    """ "how would I get to AI tech lead from here?": a career question that asks the way, not
    whether the asker qualifies; the asker's years or degree would make its answer a verdict on
    them instead of the path."""
    form = query.form
    return query.intent == _development(query.kb) and form is not None and form.develop and not form.yes_no


_FACT_IN_TEXT = {
    "years": re.compile(r"\byears?\b"),
    "degree": re.compile(r"\bdegrees?\b|" + asker.DEGREE_WORDS, re.IGNORECASE),
}
"""How an item of the guide states what a fact meets: a number of years, a degree."""


def _asks_another(query: Query, name: str) -> bool:
    """Whether a question about the asker asks about another requirement than the one the fact
    `name` meets: a specific word of its own (`RARE` in the guide) found in an item of its intent's
    sections that does not state years (or a degree) and in none that does ("would my
    publication record help?" after "I have 6 years": Industry Involvement, not the years)."""
    kb = query.kb
    spec = kb.intents.get(query.intent)
    if spec is None:
        return False
    idf = index_for(kb).idf
    specific = {w for w in _own_words(query) - _HOW_WORDS if idf.get(w, 0.0) >= RARE}
    if not specific:
        return False
    meets: set[str] = set()
    other: set[str] = set()
    for section_id in spec.sections:
        for item in kb.sections[section_id].items if section_id in kb.sections else ():
            text = " ".join((item.title, item.text, *item.points))
            (meets if _FACT_IN_TEXT[name].search(text) else other).update(terms_of(text))
    return bool(specific & other - meets)


def _with_facts(resolved: Resolved, state: ConversationState) -> Resolved:
    """The asker's earlier facts added where this question gives none (see `Resolved`): only to
    a question they bear on (`FACTS_BEAR_ON`), and years and a degree only when it is about the
    asker ("do I have enough experience?", not "what skills do they need?")."""
    query = resolved.query
    own = query.facts
    text = plain(query.question)
    figure = _in_thousands(text, state.facts.get("pay")) if query.intent == SALARY else None
    if figure is not None and (own is None or own.pay is None):
        # "what if we bumped it to 210" after "$195k for ...": the new figure, in the earlier's units
        own = replace(own, pay=figure) if own is not None else asker.AskerFacts(pay=figure)
        query = replace(query, facts=own)
        resolved = replace(resolved, query=query)
    about_asker = bool(_FIRST_PERSON.search(text))
    # a pay question naming a level of its own, not about the asker ("how much do seniors make in
    # nyc" after "4 years"): that level's pay, not the asker's years against it
    others_level = (
        query.intent == SALARY and not about_asker and query.level and "level" not in resolved.carried
    )
    talks = {name for name, pattern in _TALKS_ABOUT.items() if pattern.search(text)}
    kept = {
        name: value
        for name, value in state.facts.items()
        if value is not None
        and query.intent in FACTS_BEAR_ON.get(name, ())  # never the place: a facet, see _from_asker
        and (own is None or getattr(own, name) is None)
        and (about_asker or query.intent == SALARY)
        and (name in talks or not talks & set(_TALKS_ABOUT))
        and not (name in ("years", "degree") and (_asks_the_way(query) or _asks_another(query, name)))
        and not (name == "years" and others_level)
    }
    if query.pay_extras and _terse(query, said(query.question)) and not _ON_THAT.search(text):
        # "and bonus on top?": the bonus asked, not where their figure sits again ("could a bonus
        # close the gap to what they're asking?" is about the figure)
        kept.pop("pay", None)
    kept.pop("outside_ml", None)
    if "years" in kept and state.facts.get("outside_ml"):
        kept["outside_ml"] = True  # it says what the years were: only with them
    if resolved.from_years:
        kept.pop("years", None)  # already said: the level came from them
    recalled = tuple(
        (name, state.facts[name])
        for name in _RECALLED
        if about_asker
        and state.facts.get(name) is not None
        and own is not None
        and _same_fact(getattr(own, name), state.facts[name])
        and query.intent in FACTS_BEAR_ON.get(name, ())
    )
    if recalled:
        resolved = replace(resolved, recalled=recalled)
    if not kept:
        return resolved
    merged = replace(own, **kept) if own is not None else asker.AskerFacts(**kept)
    return replace(
        resolved, query=replace(query, facts=merged), without_facts=query, facts=tuple(kept.items())
    )


_RECALLED = ("background", "degree")
"""The asker's facts a later question about them names again by their kind ("my math background",
"my phd"): the earlier statement is what it refers to (`Resolved.recalled`)."""


def _same_fact(own: object, earlier: object) -> bool:
    """Whether a fact the question says is the one said earlier: the same degree, a background
    sharing a word ("math" of "high school math teacher"), not another one ("my accounting
    background" after "I'm a nurse")."""
    if own is None:
        return False
    if isinstance(own, str) and isinstance(earlier, str):
        return bool(set(terms_of(own)) & set(terms_of(earlier)))
    return own == earlier


_ON_THAT = re.compile(r"\b(?:on top of|of|on) (?:that|it|this|the offer|the figure)\b")
"""A bonus asked of the figure just given ("and the bonus on top of that in $?"), not on its own."""

_BARE_FIGURE = re.compile(
    r"(?<![\w$.,])(\d{2,3})(?![\w,.%]|\s+(?!(?:base|instead|then|now|tho|though|or|and|for|pls|please)\b)[a-z])"
)
"""A bare number that ends what is said of it ("bumped it to 210", "210 instead?"): not a count of
something named after it ("the top 100 companies", "12 years", "40 engineers")."""


def _in_thousands(text: str, earlier: object) -> int | None:
    """A bare figure ("bumped it to 210") in a conversation about a pay figure in the hundreds of
    thousands ("$195k"): that many thousands, when it is of the same order (a third to three
    times the earlier one); else None."""
    if not isinstance(earlier, int) or not 10_000 <= earlier < 1_000_000:
        return None
    for found in _BARE_FIGURE.finditer(text):
        value = int(found.group(1)) * 1000
        if earlier / 3 <= value <= earlier * 3:
            return value
    return None


_FIGURE_ASKED = re.compile(
    r"\b(?:gap|asking|asks|offer|offered|offering|figure|same (?:person|candidate|one|guy|profile)"
    r"|below|above|under|over|underpaid|overpaid|lowball|fair|reasonable|competitive)\b"
    r"|\bwhat (?:they|she|he)(?:'re| are| is|'s)? "
    r"(?:make|makes|making|earn|earns|earning|want|wants|get|gets)\b"
)
"""A question about the pay figure said earlier, or its person ("could a bonus close the gap to what
they're asking?", "same person but in seattle", "is that below what a lead makes?")."""


def facts_asked(query: Query, used: dict[str, object]) -> bool:
    """Whether the asker's earlier facts used in an answer are ones the question could not be
    understood without (`carried`): all but a pay figure alone, which a pay follow-up that asks
    nothing of it ("what if she were senior?", "do those numbers include bonus") still gets placed
    in its range, said in the first line, without taking it: only one about the asker ("what would
    I make there?") or the figure ("the gap to what they're asking") takes it."""
    if set(used) != {"pay"}:
        return True
    text = plain(query.question)
    return bool(_FIRST_PERSON.search(text) or _ON_THAT.search(text) or _FIGURE_ASKED.search(text))


def facts_label(state_facts: dict[str, object]) -> str:
    """ "your 6 years of experience and a master's" (the facts a conversation kept)."""
    return _joined(_fact_parts(state_facts))


def _fact_parts(state_facts: dict[str, object]) -> list[str]:
    parts = []
    if state_facts.get("years") is not None:
        outside = " (not in AI/ML)" if state_facts.get("outside_ml") else ""
        parts.append(f"your {float(state_facts['years']):g} years of experience{outside}")  # type: ignore[arg-type]
    if state_facts.get("degree"):
        parts.append(
            f"your degree ({asker.DEGREE_LABEL.get(str(state_facts['degree']), state_facts['degree'])})"
        )
    if state_facts.get("pay"):
        parts.append(f"your ${int(state_facts['pay']):,} figure")  # type: ignore[call-overload]
    if state_facts.get("background"):
        parts.append(f"your background ({state_facts['background']})")
    return parts


def noted_line(query: Query) -> str:
    """For a message that only says something about the asker: that it is kept for later."""
    facts = query.facts
    # the asker's background is noted only beside a question that asks no pay ("I'm a nurse, what
    # do nurses make?" asks of another job, what a fragment after it continues)
    names = [n for n in FACT_NAMES if n != "background" or not (query.form and query.form.pays)]
    parts = _fact_parts({name: getattr(facts, name) for name in names}) if facts is not None else []
    own = asker_facets(query)
    if own.get("location"):
        parts.append(f"your place ({_facet_label(query.kb, 'location', own['location'])})")
    if own.get("industry"):
        parts.append(f"your industry ({_facet_label(query.kb, 'industry', own['industry'])})")
    said = _joined([p for p in parts if p])
    return f"_Noted: {said}; I will use it for your next questions here._" if said else ""


ASKER_FACETS = ("location", "industry")
"""The salary facets an asker can say of themselves in passing, kept as their facts."""
_OURS = re.compile(rf"\b(?:{_I}|{_WE})\b")
"""A question that speaks of the asker or the asker's organisation ("we're a bank")."""
_ORGANISATION = re.compile(rf"\b(?:{_WE})\b")
"""The asker's industry is said of their organisation ("we're a bank", "our hospital"): "I'm a
software engineer" or "a lab data analyst" names a job, not an industry to price."""


_OWN_FACET = re.compile(rf"\b(?:{_I}|{_WE})\s+(?:own\s+)?(industry|sector|field|city|area|region)\b")
"""A salary facet named by the asker's own ("my industry", "our city"): the one they said earlier."""
_FACET_OF = {"industry": "industry", "sector": "industry", "field": "industry"}


def _prices_own_facet(query: Query, state: ConversationState) -> bool:
    """Whether a question asks the pay (a pay word, no other job named) in the industry or place
    the asker said earlier they are in, naming it only as theirs ("in my industry", "in our city")."""
    found = _OWN_FACET.search(plain(query.question))
    if found is None or query.form is None or not query.form.pays:
        return False
    if query.other_role or (query.facts is not None and query.facts.role):
        return False
    if query.intent not in (SALARY, "unknown") and query.confidence >= FOLLOW_UP_CONFIDENCE:
        return False
    return bool(state.facts.get(_FACET_OF.get(found.group(1), "location")))


def asker_facets(query: Query) -> dict[str, str]:
    """The place and industry the asker says they are in or hire in ("I'm hiring in Austin",
    "We're a bank"): guide facets named in a question about the asker (or their organisation)
    that does not ask about pay (whose facets are its own), even when the matcher reads a bare
    "we're hiring in Seattle" as a salary question."""
    text = plain(query.question)
    # a level read from the asker's own years ("I live in Cleveland and have 13 years") asks nothing
    named_level = query.level and not (query.facts and query.facts.years is not None)
    asks_pay = asker.pays(query.question) or named_level or asker.mentions_role(text)
    # the years of the one asked about say whose place it is, with no "I" ("context: 7 years as a
    # backend dev in cleveland", "have a cand w/ 10 yrs ML exp, based in Columbus OH")
    given = query.facts is not None and query.facts.years is not None
    if (query.intent == SALARY and asks_pay) or not (_OURS.search(text) or given):
        return {}  # "what do we pay in Austin?", "Senior AI tech lead, NYC. What range should I quote?"
    found = {name: getattr(query, name) for name in ASKER_FACETS if getattr(query, name)}
    if not _OURS.search(text) and _ANOTHER_PERSON.search(text):
        # a candidate's past employers are their background, not where they would be paid ("got a
        # candidate, 10 yrs doing ml at startups"); their place is where they are
        found.pop("industry", None)
    if not _ORGANISATION.search(text) and not _works_in(query, text) and not _HIRING.search(text):
        found.pop("industry", None)  # "I'm a software engineer" names a job, not the asker's industry
    elif _elsewhere_industry(query, text):
        found.pop("industry", None)  # "we keep losing our ML folks to big tech": not ours
    return found


_ANOTHER_PERSON = re.compile(
    r"\b(?:candidates?|cand|applicants?|she|he|her|his|him|they|their|client|someone|person)\b"
)
"""Someone other than the asker, whose facts a question gives ("have a cand w/ 10 yrs ...")."""


_HIRING = re.compile(r"\b(?:hiring|recruiting|hire|recruit|staffing|sourcing) (?:for|at|in|an?|our|my|the)\b")
"""The asker hires for an organisation ("I'm recruiting for a client in Seattle, a healthcare
startup", "hiring an AI lead at a bank"): the industry named is the one they hire in, kept."""


_ANOTHER_ORGANISATION = frozenset(("to", "by", "than", "against", "from", "with", "vs", "versus", "like"))
"""Words that put an industry on the other side of the asker's organisation ("losing our people to
big tech", "poached by banks", "we can't pay like big tech")."""


def _elsewhere_industry(query: Query, text: str) -> bool:
    """Whether every mention of the industry read is of another organisation than the asker's: one
    of `_ANOTHER_ORGANISATION` in the two words before it (a rival or a destination, not where they
    are)."""
    spec = query.kb.entities.industries.get(query.industry or "")
    if spec is None:
        return False
    aliases = "|".join(re.escape(a) for a in sorted(spec.aliases, key=len, reverse=True))
    mentions = list(re.finditer(rf"\b(?:{aliases})\b", text))
    return bool(mentions) and all(
        _ANOTHER_ORGANISATION & set(text[: m.start()].split()[-2:]) for m in mentions
    )


_WORK_WORDS = r"(?:years?|yrs|yoe|work|works|working|worked|career|background|been|stayed|i'm|im|i am)"


def _works_in(query: Query, text: str) -> bool:
    """Whether the industry is said as where the asker works ("10 years in healthcare", "I work
    in finance", "I'm at a bank"), not as part of a job's name ("a software engineer")."""
    spec = query.kb.entities.industries.get(query.industry or "")
    if spec is None:
        return False
    aliases = "|".join(re.escape(a) for a in sorted(spec.aliases, key=len, reverse=True))
    pattern = rf"\b{_WORK_WORDS}\b(?: \S+){{0,3}}? (?:in|at|for) (?:an? |the )?(?:{aliases})\b"
    return bool(re.search(pattern, text))


def carried_labels(kb: KnowledgeBase, carried: list[str], answer: Answer) -> tuple[str, ...]:
    """What an answer carried, by name, when the resolution named none: the item ("the quantum
    one": Quantum AI), the salary facets, else the subject ("nyc?" after the national figure:
    Salary ranges), so that every answer that used context says so in its first line (issue 10)."""
    labels: list[str] = []
    if "topic" in carried and answer.topic:
        labels.append(str(answer.topic.get("item") or ""))
    for name in FACETS:
        value = answer.entities.get(name)
        if name in carried and isinstance(value, str) and value:
            labels.append(_facet_label(kb, name, value))
    spec = kb.intents.get(answer.intent)
    if "intent" in carried and not labels and spec is not None:
        labels.append(spec.label)
    return tuple(label for label in labels if label)


def carried_line(
    labels: tuple[str, ...],
    *,
    facts: str = "",
    from_years: str = "",
    from_place: str = "",
    within: str = "",
    against: str = "",
    aside: str = "",
    source: str = "",
) -> str:
    """The one short line an answer that used context starts with; `source`: the question the
    labels were carried from, when not the last one."""
    lines = [f"read in {within}"] if within else []
    if aside:
        lines.append(f"still about {aside}")
    if labels:
        lines.append(f"{_joined(list(dict.fromkeys(labels)))}, carried from {source or 'your last question'}")
    if against:
        lines.append(f"compared with {against}")
    if from_years:
        lines.append(from_years)
    if from_place:
        lines.append(from_place)
    if facts:
        lines.append(f"{facts} from earlier in this conversation")
    text = "; ".join(lines)
    return f"_{text[0].upper()}{text[1:]}._" if text else ""


# --- the state after a turn ----------------------------------------------------------------------


def advance(
    state: ConversationState | None,
    query: Query,
    answer: Answer,
    *,
    now: float,
    asked: str = "",
    later: bool = False,
) -> ConversationState:
    """The conversation after `answer` (to `query`, as resolved); `asked`: the out-of-scope
    question a fragment continued (`Resolved.asked`), kept instead of the fragment's own words;
    `later`: the query's years are the asker's some years on (`Resolved.later`), not kept."""
    before = state or ConversationState()
    facts = dict(before.facts)
    if query.facts is not None:  # a background alone is no true facts, but kept (`AskerFacts`)
        names = [n for n in FACT_NAMES if not (later and n == "years")]
        facts.update({n: getattr(query.facts, n) for n in names if getattr(query.facts, n) is not None})
        if query.facts.years is not None and not later and not query.facts.outside_ml:
            facts.pop("outside_ml", None)  # new years, not said to be outside AI/ML
    if _starts_out(query, later=later):
        # "I just graduated with a CS degree": no years of work yet, kept as the asker's years (0)
        # for a later pay question of theirs ("whats the salary if i got it straight out of school")
        facts["years"] = 0.0
        facts.pop("outside_ml", None)
    if answer.intent == SALARY:
        from bot.engine.answers.salary_focus import offer_parts  # the pay family, loaded on first use

        offers = offer_parts(query)
        if offers:  # "offer A: 190k in boston. offer B: ...": kept for "is offer A fair?"
            facts["offers"] = [o[:MAX_OFFER] for o in offers[:MAX_OFFERS]]
            facts.pop("pay", None)  # the first offer's figure is not one figure of the asker's
    own_facets = asker_facets(query)
    facts.update(own_facets)  # "I'm hiring in Austin", "we're a bank": kept for the conversation
    if own_facets.get("industry"):
        # "startup" read as Tech and Software: said back as the asker's word, not as "tech"
        said = _said_otherwise(query.kb, query.industry_said, own_facets["industry"])
        if said:
            facts["industry_said"] = said
        else:
            facts.pop("industry_said", None)
    turns = before.turns + 1
    if answer.intent == "help" and state is not None:
        return replace(before, facts=facts, turns=turns, at=now)
    # the role's pay abroad ("AI tech lead salary in London?") is out of the guide, but the talk is
    # of pay: "and in Seattle?" after it asks the pay there
    abroad = answer.intent == "unknown" and bool(query.facts and query.facts.place and not query.facts.role)
    if abroad and answer.more == query.kb.salaries.title:
        answer = replace(answer, intent=SALARY)
    if answer.intent == "unknown":
        own = query.facts
        pays = query.form is not None and query.form.pays
        aside = (own.role if own and own.role else OTHER_JOB if query.other_role else None) if pays else None
        aside = aside[:MAX_ASIDE] if aside else None  # as `ConversationState.from_dict` keeps it
        facets = {name: getattr(query, name) for name in FACETS} if aside else {}
        # what was asked, for a fragment after it; not a message about the asker ("I'm an ML
        # engineer with 6 years"), kept as their facts: what follows it is a question of its own
        asked = asked or ("" if noted_line(query) else content_words(query.question))
        # the place (level, industry) it named, for a pay question pointing back ("weather in
        # seattle?", then "pay for an ai tech lead there"): what `subject` holds after any subject
        subject = () if aside else _named_facets(query)
        return ConversationState(
            intent="unknown",
            subject=subject,
            facts=facts,
            aside=aside,
            asked=asked,
            turns=turns,
            at=now,
            under=_under(before, query, asked=bool(aside) or asked != content_words(query.question)),
            **facets,
        )
    kb = query.kb
    topic = _topic_ids(kb, answer.topic) if answer.topic else None
    if topic is None and query.full and query.topic and query.topic_section:
        topic = (query.topic_section, query.topic)  # the whole section around it: "shorter" goes back
    shown = _shown(kb, answer.intent) or _listed_in(kb, topic)
    # what the answer showed, bullet by bullet (the market's areas, then Regional Growth's two)
    shown = shown or tuple(Shown(*b) for b in answer.bullets)[:MAX_SHOWN] or _area_listed(kb, answer.listed)
    if (
        topic is not None
        and answer.intent == before.intent
        and any((s.section, s.item) == topic for s in before.shown)
    ):
        shown = before.shown  # "the third one" still counts in the list shown before this item
    if query.form is not None and query.form.across:
        shown = ()  # it listed places across the guide, not the intent's list
    named = _pair_shown(kb, query, topic)
    if named:  # "explainable ai vs ethical ai?": "the first one", "the other one" are of those two
        shown = named
    salary = answer.intent == SALARY
    # kept for the next question only: its answer says "carried from your last question"
    subject = () if salary else _named_facets(query)
    paid: tuple[tuple[str, str], ...] = ()
    if not salary and not subject and before.intent == SALARY and not _of_person(query):
        # "what skills do they need?" after a senior NYC lead's pay: still that hire, whose
        # facets a pay question pointing back or going on ("and for a bank?") prices again; not
        # of a kind the asker gave of their own (their years, their place), which their facts keep
        paid = tuple((n, v) for n, v in before.facets.items() if not facts.get(_OWN_KIND[n]))
    return ConversationState(
        intent=answer.intent,
        subject=subject,
        paid=paid,
        topic=topic,
        level=query.level if salary else None,
        location=(query.location or query.unlisted_location) if salary else None,
        industry=query.industry if salary else None,
        also=query.also if salary else (),
        facts=facts,
        shown=shown if topic is not None or not salary else (),
        more=answer.more,
        full=query.full,
        words=tuple(query.words[:12]),
        turns=turns,
        at=now,
    )


def _starts_out(query: Query, *, later: bool) -> bool:
    """Whether the asker says of themselves that they have no years of work yet ("I just
    graduated", "I'm a new grad"), which their facts leave out (`facts.no_years_yet`)."""
    own = query.facts
    if later or (own is not None and own.years is not None):
        return False
    about_asker = own is not None or bool(_GRADUATE_I.search(plain(query.question)))
    return about_asker and asker.no_years_yet(query.question)


_GRADUATE_I = re.compile(r"\b(?:i|i'm|im|i've|ive|i am|i have)\b(?! (?:think|heard|know|guess)\b)")
"""The asker as the subject of their own sentence ("I just graduated", "I'm a new grad"), not
someone they speak of ("my brother just graduated")."""


def _under(before: ConversationState, query: Query, *, asked: bool) -> ConversationState | None:
    """The in-scope conversation an out-of-scope aside leaves underneath (`ConversationState.under`):
    the last in-scope state, kept through the aside when the aside is surely out of scope by its
    own words and asks nothing of pay nor of another job ("know a good thai place near the office?");
    not after one about another job's pay ("what do data scientists make?") or pay at all ("how is a
    bonus taxed?"), whose fragments go on with it, nor after a fragment that went on with an aside
    (`asked`)."""
    if before.intent == "unknown" or asked:
        return None  # one aside only: a second out-of-scope question in a row leaves nothing under
    if before.intent in (None, "help"):
        return None
    pays = (query.form is not None and query.form.pays) or asker.pays(query.question)
    if pays or query.other_role or (query.facts and query.facts.role) or query.score("unknown") < STRONG:
        return None
    return replace(before, facts={}, under=None)


def _named_facets(query: Query) -> tuple[tuple[str, str], ...]:
    """The salary facets a question on another subject named (`ConversationState.subject`); not in
    a question about a person (the asker, a candidate: "10 yrs at startups"), whose level comes
    from their years and whose industry is their background, kept as the asker's `facts` where it
    is theirs."""
    if _of_person(query):
        return ()
    named = {n: getattr(query, n) for n in FACETS if getattr(query, n)}
    if query.unlisted_location:
        named.setdefault("location", query.unlisted_location)
    return tuple(named.items())


_OWN_KIND = {"level": "years", "location": "location", "industry": "industry"}
"""The asker's fact of each salary facet's kind: their years place them in a band."""


def _of_person(query: Query) -> bool:
    """Whether a question is about a person, the asker or their team ("I have 10 yrs", "our
    lead"): what it names is theirs, not the hire's the conversation priced."""
    return bool(query.facts or _OURS.search(plain(query.question)))


def _pair_shown(kb: KnowledgeBase, query: Query, topic: tuple[str, str] | None) -> tuple[Shown, ...]:
    """The items a question named together (`Query.pair`), as the list then pointed into, when the
    answer is about one of them."""
    if not query.pair or topic is None or topic[1] not in query.pair:
        return ()
    entries = {s.item: s for s in _shown(kb, query.intent)}
    return (
        tuple(entries[i] for i in query.pair if i in entries) if all(i in entries for i in query.pair) else ()
    )


def _shown(kb: KnowledgeBase, intent: str) -> tuple[Shown, ...]:
    """The items a list answer for `intent` shows, in the guide's order."""
    spec = kb.intents.get(intent)
    section = kb.sections.get(spec.topic_section) if spec and spec.topic_section else None
    if section is None:
        return ()
    return _items_of(section) if section.items else _areas_of(kb, section)


def _items_of(section: Section) -> tuple[Shown, ...]:
    """A section's bullets as the entries of a list shown (untitled ones by their first words)."""
    return tuple(Shown(section.id, i.id, i.title or i.text[:60]) for i in section.items)


def _areas_of(kb: KnowledgeBase, section: Section) -> tuple[Shown, ...]:
    """A section's subsections as the entries of a list shown."""
    children = (kb.sections[c] for c in section.children if c in kb.sections)
    return tuple(Shown(section.id, c.id.rsplit("/", 1)[-1], c.title) for c in children)


def _listed_in(kb: KnowledgeBase, topic: tuple[str, str] | None) -> tuple[Shown, ...]:
    """The titled bullets an answer about one area of an intent with no list of its own listed
    (Requirements › Technical Proficiency's five): the list "the second one" or "the cloud part"
    picks from, as a list intent's."""
    return _area_listed(kb, f"{topic[0]}/{topic[1]}" if topic else None)


def _area_listed(kb: KnowledgeBase, area_id: str | None) -> tuple[Shown, ...]:
    """The titled items of the area a whole answer showed one by one (the skills' Technical
    Proficiency): what "the second one" then picks from."""
    area = kb.sections.get(area_id) if area_id else None
    if area is None or not area.items or not all(i.title for i in area.items):
        return ()
    return _items_of(area)[:MAX_SHOWN]


def _fellows(kb: KnowledgeBase, topic: tuple[str, str] | None) -> tuple[Shown, ...]:
    """The entries an answer about one area or bullet outside any list said it was one of, without
    showing them: an area's fellow areas ("Industry Adoption is one of the 6 areas of the guide's
    Market Demand"), a bullet's fellow bullets ("one of 5 items under Requirements › Technical
    Proficiency"). An entry named in passing ("the deep learning part") is looked up among them;
    an ordinal is not, since they were not shown."""
    if topic is None:
        return ()
    parent, child = topic
    area = kb.sections.get(f"{parent}/{child}")
    if area is not None and area.parent == parent:
        return _areas_of(kb, kb.sections[parent])
    section = kb.sections.get(parent)
    if (
        section is not None
        and any(i.id == child for i in section.items)
        and all(i.title for i in section.items)
    ):
        return _items_of(section)
    return ()


def _topic_ids(kb: KnowledgeBase, topic: dict[str, str]) -> tuple[str, str] | None:
    """(topic section id, item id) of an answer's `{"section": title, "item": title}`: an item of
    a list the bot shows, else one bullet of the section of that title or one of its subsections
    (Requirements › Educational Background's Advanced Degree), kept the same way so that "in what
    fields?" can stay on it."""
    for spec in kb.intents.values():
        for shown in _shown(kb, spec.id):
            if shown.title == topic.get("item") and kb.sections[shown.section].title == topic.get("section"):
                return (shown.section, shown.item)
    for top in kb.top_sections():
        if top.title != topic.get("section"):
            continue
        for section in kb.subtree(top.id):
            found = [i for i in section.items if i.title and i.title == topic.get("item")]
            if found:
                return (section.id, found[0].id)
        for section in kb.subtree(top.id):  # an area of the section (Market Demand › Market Size and Growth)
            if section.id.startswith(f"{top.id}/") and section.title == topic.get("item"):
                return (top.id, section.id[len(top.id) + 1 :])
    return None


# --- small helpers -------------------------------------------------------------------------------


def _ordinal(text: str, count: int) -> int | None:
    """The index into a list of `count` items that "the third one", "the last", "#2" name."""
    if not count:
        return None
    if _MIDDLE.search(text):  # "the middle one": of an odd number only, else there is none
        return count // 2 if count % 2 else None
    found = _ORDINAL.search(text)
    if not found:
        return None
    if found.group(1):
        number = -2
    elif found.group(2):
        number = _ORDINALS[found.group(2)]
    else:
        said = found.group(3) or found.group(4) or found.group(5)
        number = _CARDINALS[said] if said in _CARDINALS else int(said)
    if number > 0:
        return number - 1 if number <= count else None
    return count + number if 0 < -number <= count else None  # "#0" is no place in a list


def _terse(query: Query, text: str) -> bool:
    """A question with no question of its own (no question word first, unless it continues) and at
    most `TERSE` words of its own, none naming the role: "growth rate?", "in what fields?"."""
    if _ASKING.match(text) and not _ELLIPTIC.match(text):
        return False
    return _short(query, text)


def _short(query: Query, text: str) -> bool:
    """At most `TERSE` words of its own, a question word first or not ("why healthcare?"), none
    naming the role."""
    return 0 < len(_own_words(query)) <= TERSE and not asker.mentions_role(text)


def _bare(query: Query, text: str) -> bool:
    """A bare fragment (`_terse`) that gives no salary facet or fact of the asker's ("tools?",
    "privacy too?", "and NA?"; not "for execs?", "and with a PhD?", whose facet or fact
    says what they bear on; not one read as nothing in scope, "frobnicate the quux", which the
    subject must explain beyond doubt): what it asks is the conversation's unless its words
    outweigh that (`_with_last`)."""
    return query.intent != "unknown" and _terse(query, text) and not _given(query)


def _fragment(query: Query, state: ConversationState) -> bool:
    """A fragment of the conversation's question ("and frameworks?", "growth rate?", "cloud stuff
    too?"): at most `TERSE` words of its own, none naming the role, read as the conversation's
    intent, and no question of its own (no question word first, unless it continues: "what about
    risk?"). It asks what the conversation asked, of something else; whether it says what that is
    (a word of the intent's label) is `resolve`'s to judge."""
    if state.intent in (None, "unknown", "help", SALARY) or query.intent != state.intent:
        return False
    return _terse(query, said(query.question))  # not "how do they measure it?", "what kind of certs?"


_WHICH = re.compile(r"\b(?:which|what)\b")


def _few_words(query: Query, state: ConversationState) -> bool:
    """A short question of the conversation's intent that asks which of its things ("which
    segment is biggest?", "cloud wise which ones" after the skills), naming no item outright: at
    most `TERSE` words of its own, none naming the role; like a fragment, it says what it asks
    about only by a word of the intent's label (`resolve`)."""
    if state.intent in (None, "unknown", "help", SALARY) or query.intent != state.intent or query.named:
        return False
    text = said(query.question)
    return bool(_WHICH.search(text)) and _short(query, text)


def _only_ordinal(text: str, query: Query) -> bool:
    """Whether the ordinal is all the question says ("and the 6th?"): it points into the list
    shown, whatever intent the matcher reads into so little."""
    found = _ORDINAL.search(text)
    rest = set(terms_of(text[: found.start()] + " " + text[found.end() :])) if found else set(query.words)
    return found is not None and not (rest & _own_words(query))


def _only_slots(query: Query, as_salary: Query, *, also: tuple[str, ...] = ()) -> bool:
    """Whether the question says nothing but salary facets: its content words, less the ones the
    facets were read from (the salary reading's "Read *…* as …"), the words that go with a
    facet ("10 years of experience", "a mid level one", "instead") and the discourse words ("ok
    what if it's a jr one")."""
    said = set(query.words)
    for reading in as_salary.readings:
        for span in re.findall(r"\*([^*]+)\*", reading):
            said -= set(terms_of(span))
    return bool(query.words) and not (said - _FACET_WORDS - _DISCOURSE - set(also))


_GAP_WORDS = frozenset(terms_of("gap difference diff short shortfall far enough missing"))
"""Words that ask how the asker's facts stand against what the guide asks ("i have 7 years. whats the
gap", "is that enough?"): with nothing else, the conversation's question for those facts."""
_FACET_WORDS = frozenset(
    terms_of("experience exp level one instead someone somebody person people candidate hire degree")
)


FACET_BEARS_ON = {
    "years": FACTS_BEAR_ON["years"],
    "degree": FACTS_BEAR_ON["degree"],
    "industry": ("salary", "market"),
    "location": ("salary",),
    "level": ("salary",),
}
"""The intents whose answers a facet given alone in a fragment can change: years meet the guide's
requirements, a degree its education, an industry its adoption figures; a US place or a level
only its pay tables."""


def _given(query: Query) -> set[str]:
    """The facets and asker's facts a question gives (see `FACET_BEARS_ON`)."""
    facts = query.facts
    given = {name for name in ("level", "industry") if getattr(query, name)}
    if query.location or query.unlisted_location:
        given.add("location")
    if facts and facts.years is not None:
        given = (given - {"level"}) | {"years"}  # the level was read from the years
    if facts and facts.degree:
        given.add("degree")
    return given


def _has_slots(query: Query) -> bool:
    years = query.facts.years if query.facts else None
    return bool(query.level or query.location or query.unlisted_location or query.industry or years)


def _facets(kb: KnowledgeBase, state: ConversationState) -> dict[str, str | None]:
    """The state's salary facets, to set on a query (see `_placed`)."""
    return _placed(kb, {name: getattr(state, name) for name in FACETS})


def _placed(kb: KnowledgeBase, facets: dict[str, str | None]) -> dict[str, str | None]:
    """Facets to set on a query: a place the guide has no row for ("denver", kept from an earlier
    question) goes back where the pipeline puts it, `unlisted_location`, never into `location`
    (whose values, and `entities`', are the guide's location ids)."""
    place = facets.get("location")
    if place is None or place in kb.entities.locations:
        return facets
    return {**facets, "location": None, "unlisted_location": place}


def _subject_labels(kb: KnowledgeBase, state: ConversationState) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if state.intent == SALARY:
        facets = state.facets
        return tuple(facets), tuple(_facet_label(kb, n, v) for n, v in facets.items())
    if state.topic:
        title = _item_title(kb, state)
        if not _listed(kb, state) and f"{state.topic[0]}/{state.topic[1]}" not in kb.sections:
            # a bullet outside any list (a requirement: Advanced Degree) is what the intent's
            # answer is focused on, not an item picked from a list: the intent is what is carried
            return (), ((title,) if title else ())
        return ("topic",), ((title,) if title else ())
    return (), ()


def band(kb: KnowledgeBase, years: float) -> str | None:
    """The guide's experience band for `years` (a boundary year counts toward the higher band)."""
    chosen = kb.salaries.band_for(years)
    return chosen.id if chosen else None


def _facet_label(kb: KnowledgeBase, name: str, value: str) -> str:
    if name == "level" and value in kb.salaries.levels:
        return kb.salaries.levels[value].label.split(" (")[0]
    if name == "location" and value in kb.entities.locations:
        return kb.entities.locations[value].label
    if name == "industry" and value in kb.entities.industries:
        return kb.entities.industries[value].label
    if name == "location":
        return value.title()  # a place the guide does not list, as the asker wrote it
    return value.replace("_", " ")


def _joined(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
