"""What a question says about the asker and about what it asks: years, degree, a pay figure, a
role whose pay the guide does not give, a place outside the US, and the question's form (a yes/no
question, "how do I get/develop ...", "what does the guide say about X").

Small and general on purpose: a few patterns over the raw text, no rule per question; whether a
question asks across the guide is read from the guide's own index (bot.engine.subject). The answer
families use these to answer the asker's own situation and say how (bot.engine.answers.focus,
bot.engine.answers.salary). `AskerFacts` is a frozen value so a conversation layer can carry it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from bot.engine import subject
from bot.engine.entities import PERSON_ACTS, ROLE_ALIASES, _candidates, _years
from bot.engine.normalize import normalize
from bot.engine.search import STOP, GuideIndex, terms_of

Degree = str  # "none" | "bachelor" | "master" | "phd"
DEGREE_RANK = {"none": 0, "bachelor": 1, "master": 2, "phd": 3}
DEGREE_LABEL = {"none": "no degree", "bachelor": "a bachelor's", "master": "a master's", "phd": "a Ph.D."}


def lowered(text: str) -> str:
    """A text as the readers here match it: lowercase, curly apostrophes straight, one space
    between words."""
    return " ".join(text.lower().replace("’", "'").split())


@dataclass(frozen=True, slots=True)
class AskerFacts:
    """What the question says about the asker (or the candidate asked about).

    `years`: years of experience; `degree`: the degree held (see `Degree`); `pay`: a yearly pay
    figure in dollars (an offer, a salary); `role`: a job whose pay the guide does not give
    ("VP of AI"), as written; `place`: a place outside the US, as written; `background`: the
    asker's own job or field ("data scientist", "accounting"), as written, which a conversation
    keeps for a later question about the way into the role. It alone does not make the facts true
    (`bool`): a question that only says where the asker comes from gets no verdict on them.
    `outside_ml`: the asker's `years` are not in AI/ML, said so ("12 yrs backend, no ML") or said
    of another field of software (`YearsInField`, the pipeline's: "10 years as a backend
    engineer"), which a conversation keeps with the years: the guide counts its 8+ years in AI/ML
    roles.
    """

    years: float | None = None
    degree: Degree | None = None
    pay: int | None = None
    role: str | None = None
    place: str | None = None
    background: str | None = None
    outside_ml: bool | None = None

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.years, self.degree, self.pay, self.role, self.place))


@dataclass(frozen=True, slots=True)
class Form:
    """How the question is asked: `yes_no` ("is X important?"), `develop` ("how do I get X?"),
    `across` (the subject of "what does the guide say about X"), `pays` (it asks about pay),
    `asks_years` ("how many years of experience ...?")."""

    yes_no: bool = False
    develop: bool = False
    across: str | None = None
    pays: bool = False
    asks_years: bool = False
    place: str | None = None
    """The subject of "what does the guide say about X" when the guide speaks of X in one section."""
    becoming: bool = False
    """It asks about getting into the role ("could I become ...?", "can I move into ...?")."""
    others: bool = False
    """It asks for the rest of a list ("what other trends …?", "what else …?", "the other big
    headaches"): what it names is what the asker knows already."""
    ranked: bool = False
    """It asks which of a list comes first ("what's the most important soft skill?", "biggest
    challenge?", "top 3 trends?"), which the guide's lists never say."""


# --- patterns -------------------------------------------------------------------------------------

_MONEY = re.compile(
    r"(?<![\w.])\$?\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(k\b|K\b|thousand\b|m\b|M\b|mil(?:lion)?\b)?"
)
_BASE_AFTER = re.compile(r"\s?(?:base\b|tc\b|total comp|all[- ]in\b)", re.IGNORECASE)
"""After a bare number, words that make it a yearly pay in thousands ("195 base", "240 tc")."""
_MONTHLY = re.compile(r"\s?(?:a|per|/|each|every)\s?(?:month|mo)\b", re.IGNORECASE)
"""After a pay figure: a monthly one ("$15k a month", "12k/mo")."""
_PAY_SAID_BEFORE = re.compile(
    r"\b(?:pay|pays|paid|paying|offer\w*|salary|make|making|earn\w*|get|getting|base|comp)\b", re.IGNORECASE
)
"""Around a monthly figure, words that make it pay ("pay me $15k a month", "$20,000 per month
salary"), not a cost ("rent")."""
_PAID_BEFORE = re.compile(
    r"\b(?:offer(?:ed|ing|s)?(?: me| us| him| her| them)?(?: of)?|getting|paying|paid|making|earning"
    r"|wants?|asking(?: for)?|asks(?: for)?|expects?|expecting)\s$",
    re.IGNORECASE,
)
_PAY_ENDS = re.compile(r"\s*(?:$|[.,;:!?)]|(?:in|as|at|with|plus|and|but|from|to|on|\+)\b)", re.IGNORECASE)
"""A bare number right after a verb of pay ("getting 170", "they offered me 185") and before no noun
of its own ("offered 3 engineers" is a count): pay in thousands, as said in chat."""
_JUDGED_AFTER = re.compile(
    r"\s*(?:be\s+|sound\s+|seem\s+)?(?:too\s+|a\s+|really\s+)?(?:enough|fair|low|lowball|high|good|ok|okay"
    r"|reasonable|competitive|decent|generous|solid|underpaid|overpaid)"
    r"(?=\s*(?:$|[?.!,;:)]|(?:to|for|in|as|at|or|and|with|given|there|here)\b))",
    re.IGNORECASE,
)
_JUDGED_BEFORE = re.compile(r"\b(?:is|was|be|would|does|'s)\s+(?:\$\s?)?$", re.IGNORECASE)
"""Around a bare number of three digits, a word asking of it before and a word judging it after,
ending its phrase ("is 250 enough to close a senior?", "would 230 be fair"): a pay figure in
thousands, as recruiters say it in chat; not a count ("150 solid applicants", "150 under me")."""
_RETIREMENT_PLAN = re.compile(r"(?:401|403|457)\s?(?:\(\s?[kb]\s?\)|[kb]\b)")
"""A US retirement plan ("401k", "403(b)"), whose name reads like a pay figure."""
_DEGREE_NAMES = {
    "phd": r"\b(?:ph\.? ?d\.?s?|doctorates?|doctoral)\b",
    "master": r"\b(?:masters?|master's|msc|m\.s\.|ms|mba|meng)\b",
    "bachelor": r"\b(?:bachelors?|bachelor's|bsc|b\.s\.|bs|ba|beng|undergrad(?:uate)?)\b",
}
DEGREE_WORDS = "|".join(f"(?:{pattern})" for pattern in _DEGREE_NAMES.values())
"""A regular expression for a degree named by its kind (a Ph.D., a master's, a bachelor's)."""
_DEGREES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("phd", re.compile(_DEGREE_NAMES["phd"])),
    ("master", re.compile(_DEGREE_NAMES["master"] + "(?! degree in business)")),
    ("bachelor", re.compile(_DEGREE_NAMES["bachelor"])),
    (
        "none",
        re.compile(
            r"\b(?:no (?:college |university )?degree|without a degree|self[- ]taught"
            r"|drop(?:ped)? ?out)\b"
        ),
    ),
    ("bootcamp", re.compile(r"\bboot ?camps?\b")),  # no degree, when held ("I only have a bootcamp")
)
_HELD = re.compile(
    r"\b(?:i (?:only |just |already )?(?:have|hold|got|earned|finished|completed)|i'?ve (?:only |just )?got"
    r"|i'?m (?:a |only a )?|i am |my |(?:with|w/?) (?:only |just )?(?:a |an )?|only (?:a |an )?"
    # a degree just finished, said without "I" ("just graduated w a CS masters", "just finished an
    # ML bachelor's")
    r"|(?:just |recently )(?:graduated|finished|completed|earned|got)(?: (?:with|w/?))?(?: my| a| an)?)"
    r"\s*(?:\w+ ){0,4}$"
)
_ROLES = re.compile(
    r"\b(vps?(?: of [a-z]+)?|vice presidents?(?: of [a-z]+)?|chief [a-z]+ officers?|ca?io|cto|ceo|cdo|"
    r"heads? of (?:ai|ml|data|engineering)|directors?(?: of [a-z]+)?|data scientists?|ml engineers?|"
    r"ai engineers?|software engineers?|research scientists?|product managers?|engineering managers?)\b"
)
_OWN = re.compile(
    r"\b(?:i'?m|i am|as|from|currently|was|been|become|becoming|to)\s+(?:an? |the )?"
    r"(?:(?:senior|sr|junior|jr|staff|principal)\.?\s+)?$"
)
_TENURE = re.compile(
    r"[\s,]*(?:for|with|of|over)?\s*(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty)\+?\s*(?:years?|yrs?|yoe)\b"
)
_ARTICLE_END = re.compile(r"\b(?:a|an|the)\s+$")
"""A duration right after a job said without an article ("product manager for 7 yrs", "data
engineer, 10 years"): a résumé's, the asker's own job (as bot.engine.nlu.roles reads it too);
"what does a product manager with 7 years make?" asks about the job."""
_ABROAD = frozenset(
    """
    london uk england britain scotland ireland dublin edinburgh manchester canada toronto vancouver montreal
    ottawa mexico brazil argentina chile colombia germany berlin munich hamburg france paris netherlands
    amsterdam belgium brussels switzerland zurich geneva austria vienna spain madrid barcelona portugal
    lisbon italy milan rome sweden stockholm norway oslo denmark copenhagen finland helsinki poland warsaw
    europe eu emea asia india bangalore bengaluru hyderabad mumbai delhi pune chennai china beijing shanghai
    shenzhen japan tokyo korea seoul singapore australia sydney melbourne zealand auckland israel tel aviv
    dubai uae emirates africa nigeria lagos kenya nairobi egypt cairo turkey istanbul russia moscow
    ukraine kyiv philippines manila vietnam indonesia jakarta malaysia thailand bangkok pakistan taiwan
    """.split()
)
_DEVELOP = re.compile(
    r"\bhow (?:do|does|can|could|should|would|might) (?:i|we|one|you|someone|they|he|she) (?:\w+ )?"
    r"(?:get|gain|build|develop|improve|grow|become|learn|acquire|start|move|go|transition|earn|prepare)\b"
    r"|\bhow to (?:get|gain|build|develop|improve|grow|become|learn|acquire|start|move|transition)\b"
    r"|\bways? to (?:get|gain|build|develop|improve|grow)\b"
    r"|\b(?:what|which) (?:\w+ ){0,3}(?:should|do|can|must|would) (?:i|we) (?:need to |have to )?"
    r"(?:learn|study|read|build|develop|improve|work on|focus on|master|pick up)\b"
)
_BECOMING = re.compile(
    r"\b(?:become|becoming|transition(?:ing)? (?:in)?to|switch(?:ing)? (?:in)?to|pivot(?:ing)? (?:in)?to"
    r"|mov(?:e|ing) (?:up )?(?:in)?to|get(?:ting)? into|break(?:ing)? into|go for|step(?:ping)? up to"
    r"|make the (?:jump|move|switch|leap))\b"
)
"""A question about getting into the role: the way there is part of its answer."""
_YES_NO = re.compile(
    r"^(?:(?:hey|hi|so|ok|okay|and|but|also)[, ]+)*"
    r"(?:is|are|does|do|did|should|can|could|will|would|am|must|need|has|have|was|were)\b"
)
_CLAUSES = re.compile(rf"[.!?;:—–]\s+|\s+-\s+|{subject.YES_NO_NEXT}\s*")
"""A yes/no question may follow what the asker says first ("10 yrs in ML. am I at a disadvantage?",
"4 yoe as a backend dev, could i land an entry level job")."""


def _yes_no(text: str) -> bool:
    """Whether a clause of `text` asks yes or no (`_YES_NO`); not one told as a statement, a
    sentence ended by a period before what the message goes on to ask ("have a cand w/ 10 yrs ML
    exp, based in Columbus OH. what does an ai tech lead actually own day to day?")."""
    start = 0
    for found in [*_CLAUSES.finditer(text), None]:
        end = len(text) if found is None else found.start()
        clause = text[start:end].strip()
        told = found is not None and found.group(0).startswith(".") and bool(text[found.end() :].strip())
        if clause and not told and _YES_NO.match(clause):
            return True
        if found is not None:
            start = found.end()
    return False


VERDICT = re.compile(
    r"\b(?:worth it|dealbreaker|deal breaker|a problem|at a disadvantage)\b"
    r"|\b(?:or (?:nah|not|no|nope)|yes or no|y/n)\s*[?.!]*\s*$"  # "in demand rn or nah?"
)
_ASKS_YEARS = re.compile(
    r"\b(?:how many|how much|what|which|minimum|min|enough)\s+(?:years?|yrs?|yoe)\b"
    r"|\b(?:years?|yrs?) of (?:experience|exp)\b.*\b(?:need|needed|require|required|should|enough|take)"
    r"|\b(?:need|require|take)s?\b.*\b(?:years?|yrs?) of (?:experience|exp)\b"
    # an amount of experience asked without "years" ("how much experience do they want?", "the
    # typical experience requirement")
    r"|\bhow much (?:(?:work|industry|professional|relevant|real|ml|ai) )?(?:experience|exp)\b"
    # the years and nothing else ("years?", "and years of experience?")
    r"|^\W*(?:(?:and|what about|how about|ok|so)\W+)*(?:the )?(?:years?|yrs?)(?: of (?:experience|exp))?\W*$"
    r"|(?<!leadership )(?<!management )\b(?:experience|exp) (?:requirements?|bar)\b"
    # how long the way takes ("how long does it take to become one?", "how long before I can lead?")
    r"|\bhow long (?:does|would|will|did|should|might|could) (?:it|that|this) (?:usually |typically )?take\b"
    r"|\bhow long (?:until|before|till) (?:i|you|one|someone|somebody|a person|they|he|she|we) "
    r"(?:can |could |would |will |might )?(?:become|be|lead|get|make|move|step|land|reach|qualify)\b"
)
_PAY_WORDS = re.compile(
    r"\b(?:pay|pays|paid|salary|salaries|earn|earns|earning|comp|compensation|offer|"
    r"income|wage|package|money|worth)\b"
    # "make" with nothing made ("what would I make?"), not "make the jump", "make sense"
    r"|\bmakes?\b(?!\s+(?:it|the|a|an|sure|my|our|your|that|this|them|those|these|decisions?|progress"
    r"|time|room|space|changes?|moves?|sense)\b)"
    # what a person costs ("what would a lead to drive this cost us?", "how much does hiring one
    # cost", "... cost us, roughly?"), or what to budget for one ("what should I budget for the lead")
    r"|\b(?:what|how much)\b(?:\s+[\w'-]+){0,3}?\s+(?:lead|leads|leader|tl|one|someone|person|hire|hiring)\b"
    r"(?:\s+[\w'-]+){0,5}?\s+cost"
    r"(?:\s+(?:us|me|you|them|(?:a|the|our) (?:company|team|business)))?(?:,\s*[\w'-]+)?\s*(?:[?.!]|$)"
    r"|\bbudget(?:\s+[\w'-]+){0,3}?\s+(?:for|on) (?:an? |the |our |one |this |that )?(?:ai )?(?:tech )?"
    r"(?:lead|leads|leader|tl|hire|person|role|req|reqs|requisition|position|opening|headcount)\b"
)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentences(question: str) -> list[str]:
    """The question's sentences, split after ".", "!" or "?"."""
    return [s for s in _SENTENCE_END.split(question.strip()) if s]


@lru_cache(maxsize=1024)
def asking_sentence(question: str) -> str | None:
    """The question's asking sentence (its last with a question mark, else its last) when other
    sentences come before it, the asker's context ("Context: 3 years at a startup, … Does the role
    still involve designing the architecture?"); None for a question of one sentence."""
    sentences_ = sentences(question)
    if len(sentences_) < 2:
        return None
    asking = [s for s in sentences_ if "?" in s] or sentences_[-1:]
    return None if asking[-1] == sentences_[0] else asking[-1]


POINTS_BACK = re.compile(r"\b(?:it|its|that|this|those|these|them|they|such)\b", re.IGNORECASE)
"""Words by which an asking sentence points back at what came before it ("… model drift. what
should a lead do about it?"): read with the sentence before it, it says what it asks about."""


def with_before(question: str, asking: str) -> str | None:
    """`question`'s asking sentence `asking` with the sentence before it; None when those two are
    the whole message (or nothing comes before it)."""
    said = sentences(question)
    at = max((i for i, s in enumerate(said) if s == asking), default=0)
    if at < 1 or (at == 1 and len(said) == 2):
        return None
    return " ".join(said[at - 1 : at + 1])


def asking_text(question: str) -> str | None:
    """The normalised text of `question`'s asking sentence, when other sentences come before it
    (the matcher weighs its evidence beside the whole message's), with the sentence before it
    when it points back; None for a question of one sentence, or of those two."""
    from bot.engine.nlu.matcher import has_words

    asking = asking_sentence(question)
    if asking is None or not has_words(asking):
        return None
    if POINTS_BACK.search(asking):
        asking = with_before(question, asking)
        if asking is None:
            return None
    return normalize(asking).text


_PART_BREAK = re.compile(
    r"(?<=[.!?;:])\s+|,?\s+(?:but|although|though|while|whereas|yet)\s+|,\s+(?:and|so)\s+|\s+[-—–]\s+"
)
"""Where a message's parts meet: its sentences, and inside them a clause turned against the one before
("… technically excellent but nobody outside the team understands …") or added after a comma."""
PART_WORDS = 4
"""A part has at least this many words ("sorry long one" is not one)."""
MAX_PARTS = 3
"""At most this many parts are read, the last ones, where the asking is: each is one more encoder run
(on dev, 6 parts read 2,526 parts of 1,944 questions, 3 of at least 4 words 1,966, for the same
accuracy: 91.5 against 91.5% right)."""


@lru_cache(maxsize=1024)
def parts_text(question: str) -> tuple[str, ...]:
    """The normalised texts of `question`'s parts (its sentences and clauses, `_PART_BREAK`) when it
    has two or more: the matcher reads each alone beside the whole message, whose embedding the
    part told first (the asker's situation) may dominate; () for a question of one part."""
    from bot.engine.nlu.matcher import has_words

    said = [p.strip() for p in _PART_BREAK.split(question.strip()) if p and p.strip()]
    said = [p for p in said if has_words(p) and len(p.split()) >= PART_WORDS]
    if len(said) < 2:
        return ()
    return tuple(dict.fromkeys(normalize(p).text for p in said[-MAX_PARTS:]))


_ASKS = (
    r"(?:what|what's|whats|which|who|whom|whose|where|when|why|how|is|are|was|were|do|does|did|should|"
    r"shall|can|could|would|will|must|any|anything)"
)
_OPENERS = r"(?:(?:and|also|plus|oh|ok|okay|so|then|but|or)[,:]?\s+)*"
_SECOND = re.compile(
    rf"\?\s+(?={_OPENERS}{_ASKS}\b)|,\s*(?:and|also|plus)\s+(?:also\s+)?(?={_ASKS}\b)", re.IGNORECASE
)
"""Where a second question begins: after a question mark, a sentence that asks ("… documentation?
and what about handling project risks?"); inside a sentence, ", and" before a question word ("what
does the lead own around data governance, and who do they report progress to?")."""
_AND_ASKS = re.compile(
    r",?\s+and\s+(?=(?:what|which|how|where|why|who)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:do|does|did|is|are|was|were|should|shall|can|could|would|will|must)\b)",
    re.IGNORECASE,
)
"""Where a second question begins after a part that asks in no question word of its own: "and"
before a question word and its verb within a few words ("senior pay in austin and what skills do
i need"); not "and what the team needs" (no verb asking), nor after what the asker says of
themselves (`_TOLD`) or a clause asking in other words ("where does the guide cover it and what
does it say"), unless the first part is a question itself and the second does not point back at
it ("what skills should we screen for and what should we pay a mid level?": two; whether the
second is worth answering is the engine's call, `Engine._with_other`)."""
_POINTS_BACK = re.compile(r"\b(?:each|them|those|these)\b", re.IGNORECASE)
"""A second question that points back at the first answer ("and what does the guide say about
each?"): one question with it; "they", "it" and "this" are most often the role ("and what skills
do they need?", "and what does it pay?")."""
_TOLD = re.compile(r"\b(?:i|i'm|im|i've|ive|we|we're|my|our|me|us)\b", re.IGNORECASE)
"""A first part that tells about the asker ("I lead a team and what should I learn?"): the context
of one question, not a question of its own."""
OPENING = re.compile(rf"^{_OPENERS}", re.IGNORECASE)
"""A question's opening "and", "also", "so" … ("and which frameworks?")."""
_ASKING = re.compile(rf"^{_ASKS}\b", re.IGNORECASE)
ASK_WORDS = 3
"""Each of the two questions has at least this many words ("and which frameworks?" has)."""


def two_questions(question: str) -> tuple[str, str] | None:
    """A message that asks two things, one after the other: (the first question with whatever
    comes before it, the second as said), split where the second begins (`_SECOND`); None for a
    message that asks one thing, or three (only two are answered, and which two is a guess), or a
    second "question" of a word or two ("right? ok?")."""
    text = question.strip()
    for found in _SECOND.finditer(text):
        first, second = text[: found.start()].strip(), text[found.end() :].strip()
        if not second.endswith("?") and "?" not in found.group(0):
            continue  # ", and how it works": a clause, not a question of its own
        said = sentences(first)
        asked = said[-1] if said else first
        clauses = [OPENING.sub("", c).strip() for c in asked.lower().split(",")]
        if found.group(0).startswith(",") and not any(_ASKING.match(c) for c in clauses):
            continue  # "I lead a team, and what should I learn?": one question after its context
        if len(asked.split()) < ASK_WORDS or len(second.split()) < ASK_WORDS:
            continue
        if _SECOND.search(second):
            return None  # a third question
        return (first if first.endswith("?") else f"{first}?"), second
    bare = list(_AND_ASKS.finditer(text))
    if len(bare) == 1 and "?" not in text[: bare[0].start()]:
        # one "and what … do i …" after a part that asks nothing in a question word of its own
        # (no clause of it does) and tells nothing of the asker: two questions, each of a few words
        first, second = text[: bare[0].start()].strip(), text[bare[0].end() :].strip()
        clauses = re.split(r"[,;:+(]|\s[-–—]\s", first)
        asks = any(_ASKING.match(OPENING.sub("", c.strip())) for c in clauses)
        if (
            len(first.split()) >= ASK_WORDS
            and len(second.split()) >= ASK_WORDS
            and (
                not (_TOLD.search(first) or asks)
                or (_ASKING.match(OPENING.sub("", first.strip())) and not _POINTS_BACK.search(second))
            )
        ):
            return f"{first}?", second
    return None


_HEAD_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a couple of": 2,
    "a couple": 2,
    "a pair of": 2,
}
_HEADCOUNT = re.compile(
    r"\b(\d{1,3}|" + "|".join(sorted(map(re.escape, _HEAD_WORDS), key=len, reverse=True)) + r")"
    r"\s+(?:(?:more|new|additional|extra|other|senior|junior|mid[- ]level|entry[- ]level|exec(?:utive)?s?|"
    r"ai|ml|tech(?:nical)?|engineering|full[- ]time|fte)\s+){0,4}"
    r"(?:leads|leaders|tls|hires|ftes)\b",
    re.IGNORECASE,
)
"""A number of the role's people in a pay question ("3 ai tech leads in nyc", "hire two senior leads"),
not of anyone ("I lead 5 people", "an AI org (80 people)")."""


def headcount_said(question: str) -> str | None:
    """The words that say how many people a question is about ("3 ai tech leads"), when it says
    two or more; None otherwise."""
    found = _HEADCOUNT.search(question)
    return found.group(0) if found and headcount(found.group(0)) else None


def headcount(question: str) -> int | None:
    """How many people a pay question is about, when it says two or more; None otherwise."""
    found = _HEADCOUNT.search(question)
    if not found:
        return None
    word = found.group(1).lower()
    count = int(word) if word.isdigit() else _HEAD_WORDS[word]
    return count if 2 <= count <= 500 else None


_COSTS = re.compile(r"\b(?:budget|budgets|cost|costs|spend|afford)\b")


def pays(text: str) -> bool:
    """Whether a text asks about pay: a word for it, or a dollar sign, or what a number of people
    costs ("want to hire 3 ai tech leads in nyc. whats my budget?")."""
    lowered = text.lower()
    return "$" in text or bool(_PAY_WORDS.search(lowered)) or bool(_COSTS.search(lowered) and headcount(text))


def read(question: str, *, index: GuideIndex | None = None) -> tuple[AskerFacts, Form]:
    """The asker's facts and the question's form, read from the raw question; with the guide's
    `index`, also whether it asks what the guide says across its sections (`Form.across`).
    Read once per question and index (a request asks up to three times: its query, and whether
    its asking sentence or its facets aside are what it asks); both values are frozen."""
    return _read(question, index)


@lru_cache(maxsize=1024)
def _read(question: str, index: GuideIndex | None) -> tuple[AskerFacts, Form]:
    text = lowered(question)
    found = None if index is None else subject.read(question, index)  # read once, for both forms
    years = _years_of(question)
    return AskerFacts(
        years=years,
        degree=_degree(text),
        pay=_pay(text),
        role=None if mentions_role(text) else _role(text) or _paid_job(text, index),
        place=_place(text),
        background=background(text, index),
        outside_ml=True if years is not None and _NO_ML.search(text) else None,  # `outside_ml`
    ), Form(
        yes_no=_yes_no(text) or bool(VERDICT.search(text)),
        develop=bool(_DEVELOP.search(text)),
        across=_across(found),
        pays=pays(text),
        asks_years=bool(_ASKS_YEARS.search(text)),
        place=None if index is None else _one_place(question, found, index),
        becoming=bool(_BECOMING.search(text)),
        others=bool(_REST_ASKED.search(asking_sentence(text) or text)),
        ranked=bool(_RANKED.search(asking_sentence(text) or text)),
    )


_PLURAL_NEXT = r"(?!(?: [a-z-]+)? [a-z-]*[^s\s]s\b)"
_RANKED = re.compile(
    rf"\bmost (?:important|critical|crucial|essential|valuable|pressing|urgent|useful|needed)\b{_PLURAL_NEXT}"
    r"|\bmatters? (?:the )?most\b"
    r"|\bmore (?:important|critical|crucial|essential|valuable|useful|needed) than\b|\bmatters? more than\b"
    r"|\b(?:better|worse) than\b"
    rf"|\b(?:biggest|hardest|toughest|greatest|largest)\b{_PLURAL_NEXT}(?! (?:companies|firms)\b)"
    r"|\btop (?:\d+|one|two|three|five|priority|priorities)\b|#\s?1\b|\bnumber one\b"
    r"|\b(?:which|what) (?:one|ones) first\b"
)
"""A question for the first of a list by importance ("the biggest challenge?", "the most important
soft skill?", "top 3 trends?", "is leadership more important than technical skills?"), not for one
item it names; not "what are the biggest challenges?" (a plural after the superlative: the main
ones, the list)."""


_REST_ASKED = re.compile(
    r"\b(?:what|which|any|anything|are there|is there|name|list)\b[^.!?]{0,40}?\b(?:other|others|else)\b"
    r"|\bthe other\b(?! (?:way|hand|side|day|one|team|teams|people|person)\b)"
    r"|\bthe rest\b(?!\s+of\s+(?:the|my|our|your|his|her|their)\s+(?!list\b|ones\b)\w)"
    r"|\b(?:besides|beyond|apart from|aside from|other than)"
    r" (?:that|those|these|this|it|them|the \w+ ones?)\b"
    # what it leaves out named first ("besides communication, what soft skills matter most?")
    r"|^\W*(?:besides|apart from|aside from|other than|except(?: for)?|excluding)\s[^,.;:!?—–()]{2,60}?"
    r"(?:[,;:—–]|\s-\s)",
    re.IGNORECASE,
)
"""A question for the rest of a list, once the asker has said what they know of it or what it
leaves out."""


def others_asked(question: str) -> tuple[str, str] | None:
    """For a question for the rest of a list (`_REST_ASKED` in its asking sentence): the text up to
    and with that ask (where the asker says what they know: "already read up on edge AI and
    multimodal stuff. what other") and what comes after it ("trends are on the list?"); else None."""
    text = question.replace("’", "'")
    asking = asking_sentence(text) or text
    found = _REST_ASKED.search(asking)
    if found is None:
        return None
    end = (text.rfind(asking) if asking != text else 0) + found.end()
    return text[:end], text[end:]


_YEARS_SAID = re.compile(
    r"(?<![0-9a-z])(?:\d{1,2}\+? ?(?:plus )?(?:years?|yrs?|yoe)|(?:a|one|two) decades?)(?![a-z])"
)
_MODIFIERS = r"(?:(?!(?:ai|ml|machine|deep|data|software)\b)[a-z-]+ ){0,3}?"
"""Up to three words before a job that say which one ("a high school math teacher", "an ER nurse"),
none of them saying the job is in AI, ML, data or software ("an ML consultant")."""
_CLAUSE_END = re.compile(r"[.,;:!?]| and | but | so | now ")
_LINKS = frozenset("a an the in as at of for doing working experience exp field industry sector".split())


class YearsElsewhere:
    """Whether the years the asker gives are said of a job outside software, data and AI (`jobs`):
    the asker names one as their own in the sentence that gives the years ("I'm a nurse with 10
    years in healthcare", "10 years as a teacher") and the years name nothing else than that job or
    an industry outside tech (`industries`, their aliases); "6 years in clinical informatics"
    names a field of its own, and counts. Built once per knowledge base (the pipeline's), called
    per question."""

    def __init__(self, jobs: tuple[str, ...], industries: tuple[str, ...]) -> None:
        names = "|".join(re.escape(j) for j in sorted(jobs, key=len, reverse=True))
        own = rf"\b(?:i'?m|i am|as|been|was|a|an) (?:an? )?{_MODIFIERS}(?:{names})s?\b"
        self._own = re.compile(own) if jobs else None
        self._known = frozenset(w for phrase in (*jobs, *industries) for w in re.findall(r"[a-z]+", phrase))

    def __call__(self, question: str) -> bool:
        text = lowered(question)
        if self._own is None or not self._own.search(text) or _years_of(question) is None:
            return False
        said = _YEARS_SAID.search(text)
        if said is None:
            return False
        # the job and the years in one sentence: "I'm a recruiter … . The candidate has 10 years"
        # gives someone else's years; a sentence that starts with the years ("I'm a nurse! 10 years
        # in healthcare.") goes on from the one before
        said_in = [lowered(s) for s in sentences(question)]
        own = [
            bool(self._own.search(s) or (n and _YEARS_SAID.match(s) and self._own.search(said_in[n - 1])))
            for n, s in enumerate(said_in)
            if _YEARS_SAID.search(s)
        ]
        if not any(own):
            return False
        after = text[said.end() :]
        after = after[: m.start()] if (m := _CLAUSE_END.search(after)) else after
        return set(re.findall(r"[a-z]+", after)) - _LINKS <= self._known


_AI_WORDS = re.compile(
    r"\b(?:ai|ml|ai/ml|ml/ai|machine learning|deep learning|artificial intelligence|data|nlp|mlops"
    r"|computer vision|models?|llms?)\b"
)
_WORK = r"(?:engineer|engineering|developer|dev|devs|eng|programmer|programming|development|work|side)s?"


class YearsInField:
    """Whether the years the asker gives are said of a field of software other than AI/ML
    (entities.yaml roles.other_fields): the sentence that gives them names the field as the asker's
    work ("10 years as a backend engineer", "backend eng here (~9 yrs)", "9 yrs in devops"), not
    one they deny or left ("not a backend engineer", "backend engineer turned ML lead"), and names
    nothing of AI, ML or data but the role they aim at ("... enough to be an AI tech lead?"):
    "backend engineer with 9 years in ML" counts. The guide's "usually 8+ years" are "in AI/ML
    roles": such years do not meet it (`outside_ml`), though they still read a pay band. Built once
    per knowledge base, called per question."""

    def __init__(self, fields: tuple[str, ...]) -> None:
        names = "|".join(re.escape(f) for f in sorted(fields, key=len, reverse=True))
        self._said = (
            re.compile(
                rf"(?<!\bnot a )(?<!\bnot an )(?<!\bformer )(?<!\bex-)(?<!\bex )"
                rf"\b(?:(?:{names})[ -]?{_WORK}\b(?! turned)"
                rf"|(?:in|doing|years?|yrs?|yoe) (?:of )?(?:{names})\b)"
            )
            if fields
            else None
        )

    def __call__(self, question: str) -> bool:
        if self._said is None:  # called only for a question whose years were read (the pipeline's)
            return False
        for sentence in sentences(question):
            text = _AIMED_AT.sub(" ", lowered(sentence))
            if _YEARS_SAID.search(text) and self._said.search(text):
                return not _AI_WORDS.search(text)
        return False


_AIMED_AT = re.compile(
    r"\b(?:be|become|becoming|get|getting|land|landing|into|for|to|as|the|an?) (?:an? |the )?"
    r"(?:ai|ml|machine learning)(?: tech| technical| team)? (?:lead|leads|leader|role|roles|position|job)\b"
)
"""The role the asker aims at ("enough to be an AI tech lead?"), not where their years were."""


_NO_ML = re.compile(
    r"\b(?:no|zero|without(?: any)?|none (?:of (?:it|them|that) )?(?:in|on|with)|not (?:in|on|with)"
    r"|never (?:done|touched|worked (?:in|on|with))|(?:have|has)n'?t (?:done|touched|worked (?:in|on|with)))"
    r" (?:any |real |actual |hands-on |professional )*(?:ml|ai|ai/ml|ml/ai|machine learning|data science"
    r"|artificial intelligence)\b(?! (?:lead|leads|tech lead|leadership|title|role|team|teams|company)\b)"
)
"""The asker says their experience is not in AI/ML ("7 yrs backend, no ML yet", "none of it in ML")."""


OFFER_MARK = r"\b(?:offer|option|job|company|candidate)\s+([a-z]|\d|one|two|three)\b"
"""An offer's name and its mark ("offer A", "option 2", "candidate B"), the mark the one group."""

_WHY = r"^\W*(?:(?:ok|okay|and|but|so|hmm+|wait)\W+)*(?:why|y(?!')|how come|whys that|why's that)\b"
WHY_ASKED = re.compile(_WHY)
"""A question for the reason of what was just said ("why?", "y is that hard", "why is boise lower?";
not "y'all")."""
BARE_WHY = re.compile(
    _WHY
    + r"(?:\s+(?:is|does|do|did|would|that|this|it|so|happen|happens|matter|matters|though|tho|exactly))*\W*$"
)
"""A "why?" that asks nothing else ("why?", "why does that happen", "how come")."""


OUTSIDE_ML_NOTE = " (outside AI/ML, as you describe them: the guide's bands count years of experience)"
"""Said after a pay band read from years the asker says are not in AI/ML (their question's or a
conversation's): the bands count years of experience, the requirement years in AI/ML roles."""


def no_years_yet(question: str) -> bool:
    """Whether a question says someone has no years of work yet in words, not a figure ("just
    graduated", "new grad"): `_years_of` leaves it out of the question's own facts, but said of
    the asker it is what a later pay question of theirs is priced by (below the lowest band)."""
    normalized = normalize(question)
    years, said = _years(normalized.text, normalized.tokens)
    return years == 0 and not any(c.isdigit() for c in said)


def _years_of(question: str) -> float | None:
    normalized = normalize(question)
    years, said = _years(normalized.text, normalized.tokens)
    if years == 0 and not any(c.isdigit() for c in said):
        # "new grad", "just graduated": the salary reading's (below the lowest band), not a
        # figure to hold the asker's standing against ("new grad here ... does mentoring count?")
        return None
    return years if years is not None and 0 <= years <= 60 else None


COUNTRY = re.compile(
    r"\b(?:nation ?wide|country ?wide|across (?:the|this) (?:whole |entire )?(?:country|us|u\.s\.)"
    r"|(?:the )?(?:whole|entire) (?:country|us|u\.s\.))(?!\w)"
)
"""Words for the whole country, which the guide's national average row is ("nationwide")."""
AVERAGE = re.compile(
    r"\bn\w{2,8}l\.? (?:av\w*|mean|median|picture|figures?|numbers?|benchmarks?|norm|baseline)\b"
    r"|\b(?:overall |the )?(?:us|u\.s\.|american|countrywide|country-wide) (?:av\w*|mean|median)\b"
)
"""The national average said as a phrase ("national average", "natl avg", "natonal avg", "the
national picture", "the overall US average")."""


def names_national(text: str) -> bool:
    """Whether a text names the guide's national average row in a phrase ("national average", "the
    national picture", "across the whole country"); `salary_focus` also reads it said apart."""
    text = lowered(text)
    return bool(AVERAGE.search(text) or COUNTRY.search(text))


def years_at_one_place(question: str) -> bool:
    """Whether the only years the question gives are a stay at one employer or place ("I've been at
    this startup for 3 years"): time there, not the years of AI/ML experience the guide asks for."""
    normalized = normalize(question)
    found = _candidates(normalized.text)
    return bool(found) and all(rank < 0 for rank, *_ in found)


def degrees_named(text: str) -> list[tuple[int, str]]:
    """Each degree a text names by its kind ("a masters", "phd"), with where it starts, in order;
    words that only begin like one ("mastering") are none."""
    return sorted(
        (found.start(), name)
        for name, pattern in _DEGREES
        if name in DEGREE_RANK and name != "none" and (found := pattern.search(text))
    )


def _degree(text: str) -> Degree | None:
    """The degree the asker holds ("I only have a bachelor's"): a degree named after "I have",
    "my", "with a"...; when several are named, the held one, else none (a degree only asked
    about, "do I need a PhD?", is not the asker's; nor is a bootcamp asked about, "is a bootcamp
    enough?")."""
    for name, pattern in _DEGREES:
        for found in pattern.finditer(text):
            before = text[: found.start()]
            if name == "none" or (_HELD.search(before) and not _LACKED.search(before)):
                return "none" if name == "bootcamp" else name  # type: ignore[return-value]
    return None


_LACKED = re.compile(
    r"\b(?:lack(?:ing)?|no|without|not|never|missing|don'?t have|do not have)(?: of)?(?: an?| the)?\s*$"
)
"""Just before a degree, words that say the asker lacks it ("my lack of a PhD", "with no master's")."""


def _pay(text: str) -> int | None:
    found = pay_said(text)
    return found[0] if found else None


def pay_said(text: str) -> tuple[int, str, bool] | None:
    """A yearly pay figure: "$250k", "250k", "250,000", "$250000", "195 base" (not years, not
    percentages), with the words it was read from and whether it was a bare number read as thousands
    (which an answer says it read so)."""
    for found in _MONEY.finditer(text):
        number, unit = found.group(1), (found.group(2) or "").lower()
        after = text[found.end() : found.end() + 6]
        if after.lstrip().startswith(("%", "year", "yr", "y ", "yoe", "trillion", "billion")):
            continue
        if "$" not in found.group(0) and _RETIREMENT_PLAN.match(text, found.start()):
            continue  # "benefits like 401k match": a retirement plan, not $401,000
        value = float(number.replace(",", ""))
        monthly = _MONTHLY.match(text, found.end())
        paid_monthly = monthly is not None and bool(
            _PAY_SAID_BEFORE.search(text[max(0, found.start() - 40) : found.start()])
            or re.match(r"\s*(?:salary|base|pay|comp)\b", text[monthly.end() :], re.IGNORECASE)
        )
        if paid_monthly and (unit in ("k", "thousand") or "$" in found.group(0)):
            # "$15k a month": a yearly figure is 12 of them, the bot's computation (said so)
            value *= (1000 if unit in ("k", "thousand") else 1) * 12
            if 20_000 <= value <= 5_000_000:
                return int(value), text[found.start() : monthly.end()].strip(), True
            continue
        if unit in ("k", "thousand"):
            value *= 1000
        elif unit in ("m", "mil", "million"):
            value *= 1_000_000
        elif "$" not in found.group(0) and "," not in number:
            base = _BASE_AFTER.match(text, found.end()) if 50 <= value < 1000 else None
            if base is not None:  # "they said 195 base": thousands, as pay is said in chat
                return int(value * 1000), text[found.start() : base.end()].strip(), True
            near = max(0, found.start() - 40)  # the words just before it: not the whole text again
            paid = _PAID_BEFORE.search(text, near, found.start()) if 50 <= value < 1000 else None
            if paid is not None and _PAY_ENDS.match(text, found.end()):  # "I'm getting 170 in Denver"
                return int(value * 1000), found.group(0).strip(), True
            judged = (
                100 <= value < 1000
                and _JUDGED_BEFORE.search(text, near, found.start())
                and _JUDGED_AFTER.match(text, found.end())
            )
            if judged:  # "is 250 enough?"
                return int(value * 1000), found.group(0).strip(), True
            continue  # a bare number ("6", "2024") is no pay figure
        if 20_000 <= value <= 5_000_000:
            return int(value), found.group(0).strip(), False
    return None


def _role(text: str) -> str | None:
    """A job the question asks the pay of, other than the AI Tech Lead (the asker's own job,
    "I'm a data scientist", is not it)."""
    for words in _jobs(_ROLES, text):
        if not any(re.search(rf"\b{re.escape(alias)}\b", words) for alias in ROLE_ALIASES):
            return words
    return None


def _jobs(pattern: re.Pattern[str], text: str) -> Iterator[str]:
    """The jobs `pattern` finds (its first group), but the asker's own ("I'm a data scientist") and
    someone the asker speaks of ("our CEO thinks we can get someone for 110k")."""
    for found in pattern.finditer(text):
        before = text[: found.start(1)]
        resume = _TENURE.match(text, found.end(1)) and not _ARTICLE_END.search(before)
        spoken_of = _SPEAKS_OF.search(before) and _next_word(text, found.end(1)) in PERSON_ACTS
        if not _OWN.search(before) and not resume and not spoken_of:
            yield found.group(1)


_SPEAKS_OF = re.compile(r"\b(?:my|our|his|her|their|the)\s+$")


def _next_word(text: str, at: int) -> str:
    found = re.match(r"\W*(\w+)", text[at:])
    return found.group(1) if found else ""


@lru_cache(maxsize=4)
def _paid_patterns(heads: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """The ways a question makes a job the one whose pay it asks ("what do ML interns get paid",
    "how much does a junior recruiter make", "data labeler salary", "pay for a nurse"): a job is a
    head word of job titles (entities.yaml `roles.other_heads`) with up to two words before it."""
    job = rf"((?:[a-z-]+ ){{0,2}}(?:{'|'.join(map(re.escape, heads))})s?)"
    return (
        re.compile(
            rf"\b(?:what|how much)\s+(?:do|does|did|would|will|can|could|should)\s+(?:an? |the |our |my )?"
            rf"{job}\s+(?:usually |typically |normally |really |actually )?"
            r"(?:make|earn|get paid|get|take home|pull in|bring in|pull)\b"
        ),
        re.compile(rf"\b(?:what (?:are|is)|how (?:are|is)|how well (?:are|is)) (?:an? )?{job} paid\b"),
        re.compile(
            rf"\b(?:pay|salary|salaries|comp|compensation|wages?|rates?) (?:for|of) (?:an? |the )?{job}\b"
        ),
        re.compile(rf"\b{job} (?:salary|salaries|pay|wages?|comp|compensation|income)\b"),
    )


def _paid_job(text: str, index: GuideIndex | None) -> str | None:
    """A job of no fixed title whose pay the question asks (`_paid_patterns`), not the asker's own
    ("I'm a recruiter, what's the pay ..." names the asker's job, not the one asked about)."""
    heads = tuple(index.kb.entities.roles.get("other_heads", ())) if index is not None else ()
    if not heads:
        return None
    for pattern in _paid_patterns(heads):
        for words in _jobs(pattern, text):
            title = words.split()
            while len(title) > 1 and (title[0] in STOP or title[0] in _PAY_QUALIFIERS):
                title = title[1:]  # "the typical nurse", "is my manager": the job is what is left
            return " ".join(title)
    return None


_PAY_QUALIFIERS = frozenset({"typical", "average", "usual", "normal", "median", "going", "current"})
"""Words before a job that qualify its pay, not the job ("the typical nurse salary")."""


_SENIORITY = r"(?:(?:senior|sr|junior|jr|staff|principal)\.?\s+)?"
_FIELD = (
    r"\b(?:(?:coming|come|came|switching|switch|moving|move|pivoting|pivot|transitioning|changing careers?)"
    r" from|background (?:is )?in)\s+(?:an? |the )?([a-z][a-z-]*(?: [a-z][a-z-]*){0,2}?)"
    r"(?=\s+(?:to|into|in|for|and|but|so|background|world|side)\b|\s*[,.;:!?]|\s*$)"
    r"|\bmy ([a-z][a-z-]*(?: [a-z][a-z-]*)?) background\b"
)
BACKGROUND_MAX = 60
"""A job or a field, not a sentence: a background is cut to this many characters."""


_SHORT_FORMS = re.compile(r"\b(developer|engineer|manager)$")
_SHORT = {"developer": "dev(?:eloper)?", "engineer": "eng(?:ineer)?", "manager": "m(?:ana)?g(?:e)?r"}


def _short_form(found: re.Match[str]) -> str:
    """A job's last word with its chat short form too ("backend dev", "software eng", "eng mgr")."""
    return _SHORT[found.group(1)]


@lru_cache(maxsize=4)
def _own_job_pattern(jobs: tuple[str, ...]) -> re.Pattern[str]:
    """The asker's own job said ("I'm a data scientist", "I've been an ML engineer for 4 years",
    "as a product manager", "im a high school math teacher"), or a résumé's ("product manager for
    7 yrs, ..."), with up to three words before the job ("high school math")."""
    names = "|".join(_SHORT_FORMS.sub(_short_form, re.escape(j)) for j in sorted(jobs, key=len, reverse=True))
    job = rf"((?:[a-z-]+ ){{0,3}}?(?:{names}))s?\b"
    return re.compile(
        rf"\b(?:i'?m|im|i am|i'?ve been|ive been|i have been|i was|i work as|working as|work as|"
        rf"(?<!such )as)\s+(?:an? )?"
        rf"{_SENIORITY}{job}"
        rf"|^{_SENIORITY}{job}(?={_TENURE.pattern})"
    )


def background(text: str, index: GuideIndex | None = None) -> str | None:
    """The asker's own job ("I'm a data scientist": the jobs of entities.yaml `roles.other` with the
    guide's index, else a few common ones) or field ("switching from accounting", "my math
    background"), as written; never the AI Tech Lead role itself, the one the asker asks about."""
    jobs = _background_jobs(index) if index is not None else ()
    pattern = _own_job_pattern(jobs) if jobs else None
    found = pattern.search(text) if pattern is not None else None
    said = (found.group(1) or found.group(2)) if found else None
    if said is None and (field := re.search(_FIELD, text)) is not None:
        said = field.group(1) or field.group(2)
    if said is None and pattern is None:
        own = next((f for f in _ROLES.finditer(text) if _OWN.search(text[: f.start(1)])), None)
        said = own.group(1) if own else None
    if not said or mentions_role(said) or said in _NOT_BACKGROUND:
        return None
    return said.strip()[:BACKGROUND_MAX]


@lru_cache(maxsize=4)
def _background_jobs(index: GuideIndex) -> tuple[str, ...]:
    """The jobs an asker may say are their own: entities.yaml `roles.other`, and a worker of each
    other field of software (`roles.other_fields`: "backend engineer", "devops eng")."""
    roles = index.kb.entities.roles
    fields = (
        f"{f} {w}" for f in roles.get("other_fields", ()) for w in ("engineer", "developer", "dev", "eng")
    )
    return tuple(dict.fromkeys((*roles.get("other", ()), *fields)))


_NOT_BACKGROUND = frozenset({"here", "there", "scratch", "home", "zero", "that", "this", "it", "them"})
"""What follows "coming from" without being a job or a field ("starting from scratch")."""


def _place(text: str) -> str | None:
    words = re.findall(r"[a-z]+", text)
    for word in words:
        if word in _ABROAD:
            return word
    return None


def _across(found: subject.Subject | None) -> str | None:
    """The subject of a question about what the guide says across its sections (`found`, as
    bot.engine.subject reads it): one the guide speaks of in several of its sections, or one it
    does not have at all."""
    if found is None or (found.words and found.sections < subject.SECTIONS):
        return None
    if pays(found.clause):
        return None  # "per the guide, how much do senior leads earn?": the figures answer it
    return found.text


_GUIDE = re.compile(r"\b(?:guide|guide's|playbook|handbook)\b")


def _one_place(question: str, found: subject.Subject | None, index: GuideIndex) -> str | None:
    """The subject of a question about what the guide says (`found`, as bot.engine.subject reads
    it) when the guide speaks of it in one of its sections ("does the guide say anything about
    open source?")."""
    text = question.lower()
    if not (_GUIDE.search(text) or subject._NAMED.search(text)):
        return None  # "in general terms, what is ...": no subject of the guide's asked about
    if found is None or not found.words or found.sections != 1 or pays(found.clause):
        return None
    said = subject._content(found.clause)  # "the stock market today": stock and market, in one item
    terms = [t for w in said for t in terms_of(w) if index.expand(t)]
    hits = index.search(terms, limit=len(index.units))
    return found.text if any(h.coverage >= 0.99 for h in hits) else None


def mentions_role(text: str) -> bool:
    """Whether the question names the AI Tech Lead role itself, in the singular or the plural
    ("what do AI leads struggle with?")."""
    lowered = f" {' '.join(re.findall(r'[a-z]+', text.lower()))} "
    return any(f" {alias} " in lowered or f" {alias}s " in lowered for alias in ROLE_ALIASES)


_ANY_WORD = re.compile(r"[^\W\d_]{2,}")
_ODD = frozenset({"Cc", "Cn", "Co", "Cs"})
_PLAIN = re.compile(r"[\w\s.,;:!?'\"()$%&/+-]")


def is_noise(question: str) -> bool:
    """No words to answer from: a lone `$`, punctuation, random bytes (control characters or
    undecodable bytes among too few plain characters). An emoji still counts as a word."""
    if not _ANY_WORD.search(question):
        return not any(unicodedata.category(c) == "So" and c != "\ufffd" for c in question)
    odd = sum(1 for c in question if c == "\ufffd" or (unicodedata.category(c) in _ODD and c not in "\t\n"))
    if not odd:
        return False
    plain = len(_PLAIN.findall(question))
    return plain < 0.8 * len(question)
