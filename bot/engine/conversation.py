"""`ConversationState`: what understanding a follow-up needs from the turns before it.

Not a transcript: the last intent and the item it was about, the resolved salary facets, what the
asker said about themselves, the list the last answer showed ("the third one") and whether a
"more" has a whole section to show. Small and JSON-serialisable (`to_dict` / `from_dict`), so an
adapter can keep it anywhere: the CLI in memory, the Slack adapter in the store (bot.store). The
raw question text is never kept; `words` are the last question's stemmed content words, which is
what a "shorter" needs to focus the answer again, and `asked` the content words of an
out-of-scope question as written (at most 12, no stop words), which a fragment after it ("and in
Ohio?") is read with; stems read badly there ("nurs practition"). The next in-scope answer drops it.
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, field, replace
from typing import Any

VERSION = 1
MAX_SHOWN = 20
MAX_ALSO = 3
"""A comparison's other side holds at most one value per salary facet (level, location, industry)."""
MAX_WORDS = 12
MAX_ASIDE = 60
"""A job title, not a question: `aside` is cut to this many characters."""


@dataclass(frozen=True, slots=True)
class Shown:
    """One entry of the list an answer showed: the guide section id, the item id and its title."""

    section: str
    item: str
    title: str


@dataclass(frozen=True, slots=True)
class ConversationState:
    """One conversation after its last turn (see the module docstring).

    `also` is the other side of a comparison the last salary answer made ("NYC or Austin?":
    Austin), as (facet, id), kept for a follow-up that changes another facet ("and for mid level?").
    `topic` is (topic section id, item id) when the last answer was about one item; `facts` holds
    the asker's own `years`, `degree`, `pay` and `background` (bot.engine.facts.AskerFacts) and the `location`
    and `industry` they said they are in (`KEPT_FACTS`); `more` is the title
    of the whole section a "more" would show (the last answer was focused), `full` whether the
    last answer already was the whole section; `at` is when the state was made (seconds since
    the epoch), for the adapters' idle expiry. `aside` is the other job whose pay the last,
    out-of-scope question asked ("what do data scientists make?"): a follow-up that only changes a
    facet ("and in Seattle?") is still about it, one that names the role ("what about AI tech
    leads?") asks the same of the role; the facets are that question's. `asked` is that out-of-scope
    question's content words (at most `MAX_WORDS`, unstemmed: "going rate nurse practitioner").
    `subject` holds the salary facets (facet, id) a question on another subject named of the role
    ("what does a *senior* AI tech lead own?"): not facets in force (a new topic inherits none),
    but what a later pay question pointing back ("and the pay for that") is about. `paid` holds the
    facets of the pay question just before a question on another subject that named none ("senior
    AI lead at a hedge fund in NYC" before "what skills do they need?"): a pay question going on or
    pointing back ("and for a bank?") is still about that hire. `under` is the
    in-scope conversation an out-of-scope aside interrupted ("know a good thai place near the
    office?" after a senior SF lead's pay), kept when the aside is surely out of scope and asks
    nothing of pay or of another job: a fragment after it that only gives a facet the aside did
    not name ("ok and for healthcare?") goes on with it. It holds no `under` nor `facts` itself.
    """

    intent: str | None = None
    topic: tuple[str, str] | None = None
    level: str | None = None
    location: str | None = None
    industry: str | None = None
    also: tuple[tuple[str, str], ...] = ()
    subject: tuple[tuple[str, str], ...] = ()
    paid: tuple[tuple[str, str], ...] = ()
    facts: dict[str, Any] = field(default_factory=dict)
    shown: tuple[Shown, ...] = ()
    more: str | None = None
    full: bool = False
    words: tuple[str, ...] = ()
    aside: str | None = None
    asked: str = ""
    turns: int = 0
    at: float = 0.0
    under: ConversationState | None = None

    @property
    def facets(self) -> dict[str, str]:
        """The salary facets in force, by name."""
        found = {"level": self.level, "location": self.location, "industry": self.industry}
        return {k: v for k, v in found.items() if v}

    def touched(self, *, now: float | None = None) -> ConversationState:
        return replace(self, at=time.time() if now is None else now)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values only (lists, not tuples; absent rather than empty)."""
        out: dict[str, Any] = {"v": VERSION}
        for name, value in asdict(self).items():
            if value in (None, (), [], {}, False, ""):
                continue
            if name == "under":
                value = self.under.to_dict() if self.under is not None else None
            elif name == "shown":
                value = [[s["section"], s["item"], s["title"]] for s in value]
            elif name in ("also", "subject", "paid"):
                value = [list(pair) for pair in value]
            elif isinstance(value, tuple):
                value = list(value)
            out[name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> ConversationState | None:
        """The state `to_dict` wrote; None for nothing, another version or a damaged value."""
        if not isinstance(data, dict) or data.get("v") != VERSION:
            return None
        try:
            topic = data.get("topic")
            return cls(
                intent=_str(data.get("intent")),
                topic=(str(topic[0]), str(topic[1])) if topic else None,
                level=_str(data.get("level")),
                location=_str(data.get("location")),
                industry=_str(data.get("industry")),
                also=tuple((str(k), str(v)) for k, v in data.get("also") or ())[:MAX_ALSO],
                subject=tuple((str(k), str(v)) for k, v in data.get("subject") or ())[:MAX_ALSO],
                paid=tuple((str(k), str(v)) for k, v in data.get("paid") or ())[:MAX_ALSO],
                facts=_facts(data.get("facts")),
                shown=tuple(Shown(str(s), str(i), str(t)) for s, i, t in data.get("shown") or ())[:MAX_SHOWN],
                more=_str(data.get("more")),
                full=bool(data.get("full")),
                words=tuple(str(w) for w in data.get("words") or ())[:MAX_WORDS],
                aside=(_str(data.get("aside")) or "")[:MAX_ASIDE] or None,
                asked=" ".join(str(data.get("asked") or "").split()[:MAX_WORDS]),
                turns=int(data.get("turns") or 0),
                at=float(data.get("at") or 0.0),
                under=_under(data.get("under")),
            )
        except (TypeError, ValueError, IndexError):
            return None


def _under(data: Any) -> ConversationState | None:
    """The conversation under an aside, as stored; never one with an `under` or `facts` of its own."""
    if not data:
        return None
    under = ConversationState.from_dict(data)
    return replace(under, under=None, facts={}) if under is not None else None


def _facts(data: Any) -> dict[str, Any]:
    """The kept facts of a stored state, numbers read as numbers ("abc" years is a damaged value)."""
    facts = {k: v for k, v in dict(data or {}).items() if k in KEPT_FACTS}
    if facts.get("years") is not None:
        facts["years"] = _finite(facts["years"])
    if facts.get("pay") is not None:
        facts["pay"] = int(_finite(facts["pay"]))
    if facts.get("background") is not None:
        facts["background"] = str(facts["background"])[:MAX_ASIDE]
    if facts.get("industry_said") is not None:
        facts["industry_said"] = str(facts["industry_said"])[:MAX_ASIDE]
    if facts.get("offers") is not None:  # the words of each offer said ("offer A: 190k in boston")
        offers = facts["offers"] if isinstance(facts["offers"], list) else []
        facts["offers"] = [str(o)[:MAX_OFFER] for o in offers[:MAX_OFFERS] if str(o).strip()] or None
        if facts["offers"] is None:
            del facts["offers"]
    if "outside_ml" in facts:
        facts["outside_ml"] = True if facts["outside_ml"] else None
    return facts


def _finite(value: Any) -> float:
    """A stored number as a float; "abc", infinity and NaN are damaged values (ValueError)."""
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"not a finite number: {value!r}")
    return number


FACT_NAMES = ("years", "degree", "pay", "background", "outside_ml")
"""The asker's facts a conversation keeps: about the person, so true for later questions too (their
`background` is their own job or field as written, at most `MAX_ASIDE` characters; `outside_ml`:
their years are not in AI/ML, kept and used with the years). A
job title asked about or a place abroad belongs to its own question and is not kept."""


MAX_OFFERS = 4
"""At most this many offers a conversation keeps."""
MAX_OFFER = 160
"""An offer's own words ("offer A: 190k base plus bonus, at a large hospital network in boston")
are cut to this many characters, kept and stored alike (a stored conversation reads the same)."""
KEPT_FACTS = (*FACT_NAMES, "location", "industry", "industry_said", "offers")
"""The facts a state keeps: the asker's own (`FACT_NAMES`), `location`, the place (a guide
location id) the asker said they are in or hire in ("I'm hiring an AI lead in Austin"), and
`industry`, the one they said they work in ("We're a bank"), with `industry_said`, the words it
was read from when they are not the industry's name ("startup": Tech and Software)."""


def _str(value: Any) -> str | None:
    return str(value) if value else None
