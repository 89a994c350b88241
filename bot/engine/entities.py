"""`Normalized` -> `Entities`: level (or years of experience), location, industry, topic.

Aliases come from entities.yaml and are matched on terms (see `bot.engine.normalize.Analyzer`),
longest first, left to right, so "senior ai tech lead in san fran" reads *senior* and
*san fran* while "tech lead" itself is consumed as the role and never read as the Tech industry.

Years of experience map to the guide's bands (salaries.yaml `levels`): the guide's bands share
their boundary years (5-8, 8-12, 12-18, 18+), so a boundary year counts toward the higher band
(8 years -> Mid-Level), as "8+ years" reads; under the lowest band reads as the lowest band and
the reading says it is below it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from rapidfuzz.distance import OSA

from bot.engine.knowledge import KnowledgeBase
from bot.engine.knowledge_model import LevelRange
from bot.engine.normalize import Analyzer, Normalized, analyzer_for, normalize, stem, tokens_of

SkillKind = Literal["technical", "soft"]

BOUNDARY_RULE = "a year on a band boundary counts toward the higher band"

ROLE_ALIASES: tuple[str, ...] = (
    "ai tech lead",
    "ai tech leads",
    "tech lead",
    "tech leads",
    "technical lead",
    "technical leads",
    "ai lead",
    "ml lead",
    "ai tl",
    "ai tls",
    "tl",
    "tls",
    "team lead",
)
"""The role itself: consumed before entity aliases so that "tech" in "tech lead" is no industry."""

_SOFT = ("soft", "interpersonal", "people skills", "social skills", "non technical", "human skills")
_TECHNICAL = ("technical", "hard skills", "tech skills", "programming", "coding")

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "a couple": 2, "a couple of": 2, "a few": 3, "several": 5,
    "a dozen": 12, "half a dozen": 6, "a half dozen": 6,
}  # fmt: skip
_NUMBER_WORDS.update(
    {f"{tens} {unit}": _NUMBER_WORDS[tens] + _NUMBER_WORDS[unit] for tens in ("twenty", "thirty")
     for unit in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")}
)  # fmt: skip
_NUMBER = r"(\d{1,2}|" + "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True)) + ")"
_YEARS = re.compile(
    r"(?<![0-9a-z])(in |within |after |for the next |the )?"
    + _NUMBER
    + r"(?: (?:or |to )?\d{1,2})?( and a half)?(?: plus| ish)? (?:years?|yrs?|yoe)"
    + r"(?: (old|ago|from now|plan|plans|roadmap|roadmaps|horizon|contract|contracts|strategy|cycle))?"
    + r"(?![0-9a-z])"
)
_ASKERS_AFTER = re.compile(r" (?:(?:that|which) )?(?:i|ive|we|weve|my|mine|of mine|of my)\b")
"""After "the N years": the asker's own years ("after the 12 years I've spent in ML", "the 10
years of my career"); any other "the N years" points back at a figure already said, the guide's
("is the 8 years thing a hard line?", "the 8+ years, does my backend time count?")."""
_BAND_BY_YEARS = re.compile(
    r"\b(\d{1,2}) (?:(?:to )?(\d{1,2})|plus) (?:years? |yrs? |yoe )?(?:of experience )?"
    r"(?:band|bracket|tier|range|level|group)\b"
)
"""A salary band named by its years ("the 8-12 yr band", "18+ bracket", as normalized: "8 12 year
band", "18 plus bracket")."""
_MILESTONE = re.compile(r"\b(?:at|hit|hitting|reached|reaching|past|passed|crossed|crossing|near) $")
"""Before "the N years" ("I'm at the 6 yr mark", "just hit the 10 year mark"): a milestone the
asker has reached, their own years, not a figure pointed back at ("is the 8 years thing ...")."""
_NO_YEARS_YET = re.compile(
    r"(?<![a-z])(?:(?:new|fresh|recent) (?:college |uni |university )?(?:grad|graduate)s?"
    r"|just graduated)(?![a-z])"
)
"""Someone with no years of work yet ("new grad", "just graduated"): below the guide's lowest band
(Entry-Level is 5-8 years), not in it."""
_YEARS_TOKEN = re.compile(r"(\d{1,2})(?:yoe|yrs?|years?|y)")
_DECADES = re.compile(r"(?<![0-9a-z])(a|one|two|three|\d) decades?(?! (?:from now|ago))")


@dataclass(frozen=True, slots=True)
class Entities:
    """What a question names. Ids are the canonical ids of entities.yaml and salaries.yaml.

    `topic` is the best (section id, item id) for the question; `topics` every candidate, since
    one alias can name items of several list sections ("compliance" is a challenge, a trend and a
    best practice): use `topic_for(section_id)` for the intent's own `topic_section`.
    `readings` say how aliases and years were read, for the answer to show.
    """

    level: str | None = None
    level_alias: str | None = None
    years: float | None = None
    location: str | None = None
    location_tier: str | None = None
    location_alias: str | None = None
    unlisted_location: str | None = None
    industry: str | None = None
    industry_group: str | None = None
    industry_alias: str | None = None
    topic: tuple[str, str] | None = None
    topic_alias: str | None = None
    skill_kind: SkillKind | None = None
    topics: tuple[tuple[str, str], ...] = ()
    said_topics: tuple[tuple[str, str], ...] = ()
    """`topics` in the order the question says them ("explainable ai vs ethical ai")."""
    readings: tuple[str, ...] = ()
    also: tuple[tuple[str, str], ...] = ()
    """Further levels, places or industries named beside the first, as (kind, id): "senior vs
    entry", "NYC or Austin?" (a comparison)."""
    places: tuple[tuple[str, str], ...] = ()
    """US places the guide does not name, read as one of its locations (us_places.yaml), as
    (place, location id): ("Boise", "non_tech_hub"). The location is the bot's reading."""
    terms: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def topic_for(self, section_id: str | None) -> str | None:
        """The item id named for `section_id`, if any."""
        for section, item in self.topics:
            if section == section_id:
                return item
        return None

    def salary_facets(self) -> int:
        """How many of level (or years), location and industry the question gives."""
        return sum(
            (
                self.level is not None,
                self.location is not None or self.unlisted_location is not None,
                self.industry is not None,
            )
        )

    def to_json(self) -> dict[str, Any]:
        """Everything read, as canonical ids, only what was given (tests and golden sets compare
        this; the JSON `entities` an answer carries is the narrower `Query.entities()`)."""
        out: dict[str, Any] = {}
        for name in ("level", "years", "location", "location_tier", "unlisted_location", "industry"):
            value = getattr(self, name)
            if value is not None:
                out[name] = int(value) if name == "years" and float(value).is_integer() else value
        if self.industry_group is not None:
            out["industry_group"] = self.industry_group
        if self.topic is not None:
            out["topic"] = {"section": self.topic[0], "item": self.topic[1]}
        if self.skill_kind is not None:
            out["skill_kind"] = self.skill_kind
        return out


@dataclass(frozen=True, slots=True)
class _Alias:
    kind: str  # role | level | location | industry | unlisted | topic
    value: Any
    text: str
    place: str | None = None
    """The US place (us_places.yaml) this location was read from: "Boise"."""


class EntityExtractor:
    """Built once per knowledge base: the alias index and the topic cues."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb
        self._analyzer: Analyzer = analyzer_for(kb)
        heads = "|".join(re.escape(h) for h in kb.entities.roles.get("other_heads", ()))
        self._job_after = (
            re.compile(rf"^(?:[a-z/&-]+ ){{0,2}}?(?:{heads}|{_JOB_SHORT})s?\b") if heads else None
        )
        """A job's head word within two words after a level word ("senior *ML eng*", "sr data scientist")."""
        self._index: dict[tuple[str, ...], list[_Alias]] = {}
        spec = kb.entities
        for alias in ROLE_ALIASES:
            self._add(alias, _Alias("role", None, alias))
        for level, aliases in spec.levels.items():
            for alias in aliases:
                self._add(alias, _Alias("level", level, alias))
        for location in spec.locations.values():
            for alias in location.aliases:
                self._add(alias, _Alias("location", location, alias))
        for industry in spec.industries.values():
            for alias in industry.aliases:
                self._add(alias, _Alias("industry", industry, alias))
        for alias in spec.unlisted_locations:
            self._add(alias, _Alias("unlisted", alias, alias))
        for section, items in spec.topics.items():
            for item, aliases in items.items():
                for alias in (*aliases, item.replace("-", " ")):
                    self._add(alias, _Alias("topic", (section, item), alias))
        self._places: dict[tuple[str, ...], _Alias] = {}  # US places, on the tokens as typed
        for place in spec.places:
            if place.location is None:  # a state that spans tiers: the guide's tiers, all of them
                entry = _Alias("unlisted", place.name.lower(), place.name)
            else:  # "Austin, TX" is the guide's Austin: no reading of the bot's to show
                location = spec.locations[place.location]
                own = location.label.lower().startswith(place.name.split(",")[0].lower())
                entry = _Alias("location", location, place.name, None if own else place.name)
            for name in place.names:
                self._places.setdefault(tuple(name.split()), entry)
        self._place_starts: dict[str, int] = {}
        for key in self._places:
            self._place_starts[key[0]] = max(self._place_starts.get(key[0], 0), len(key))
        self._place_words = sorted(k[0] for k in self._places if len(k) == 1 and len(k[0]) >= _NEAR_PLACE)
        self._words = {key[0]: entries for key, entries in self._index.items() if len(key) == 1}
        self._starts: dict[str, int] = {}  # first term -> longest alias starting with it
        for key in self._index:
            if len(key) > 1:
                self._starts[key[0]] = max(self._starts.get(key[0], 1), len(key))
        self._bands = kb.salaries.bands()

    def _add(self, alias: str, entry: _Alias) -> None:
        key = self._analyzer.terms(tokens_of(alias))
        if not key:
            return
        entries = self._index.setdefault(key, [])
        if all(e.kind != entry.kind or e.value != entry.value for e in entries):
            entries.append(entry)

    def extract(self, normalized: Normalized) -> Entities:
        """The entities of one normalized question."""
        tokens = self._analyzer.strip(normalized.tokens)
        terms = self._analyzer.terms(tokens)
        found: dict[str, _Alias] = {}
        more: list[_Alias] = []  # a second level, place or industry: a comparison
        topics: list[tuple[tuple[str, str], str]] = []
        places: list[tuple[str, str]] = []
        hits: list[_Hit] = []  # levels, places and industries, in the order named
        i, n = 0, len(terms)
        index, words, starts = self._index, self._words, self._starts
        while i < n:
            size, entries = 1, words.get(terms[i])
            longest = starts.get(terms[i])
            if longest is not None:  # longest alias first
                for length in range(min(longest, n - i), 1, -1):
                    phrase = index.get(terms[i : i + length])
                    if phrase is not None:
                        size, entries = length, phrase
                        break
            place = self._place_at(tokens, i)
            if place is not None and (entries is None or place[0] > size):
                # a US place, as typed (never spell-corrected: "des moines" is no "maine"), longer
                # than any alias here ("la jolla" over "la"); an alias of the guide's wins a tie
                size, entries = place[0], [place[1]]
            if entries is None:
                i += 1
                continue
            text = " ".join(tokens[i : i + size])
            for entry in entries:
                if entry.kind == "industry" and _schooling(tokens, i):
                    continue  # "straight out of college": where the asker studied, not an employer
                if entry.kind == "industry" and not _an_industry(tokens, i, size):
                    continue  # "no real tech scene here", "big tech cities": a kind of place
                if entry.kind == "level" and not _a_level(tokens, i, size):
                    continue  # "a mid-size company", "3,000 staff", "to start": no level
                if entry.kind == "topic":
                    topics.append((entry.value, text))
                elif entry.kind != "role":
                    hits.append(_Hit(i, i + size, entry, text))
            i += size
        hits = _one_employer(tokens, hits)
        unasked = _unasked_kinds(normalized.text)
        if unasked:  # "no specific level or industry": none of those is priced
            hits = [hit for hit in hits if _group(hit) not in unasked]
        for hit in _in_scope(tokens, hits, normalized.raw):
            entry = hit.alias
            if entry.place is not None:
                places.append((entry.place, entry.value.id))
            if entry.kind not in found:
                found[entry.kind] = _Alias(entry.kind, entry.value, hit.text, entry.place)
            elif entry.kind in _COMPARABLE and _id(entry.value) != _id(found[entry.kind].value):
                more.append(_Alias(entry.kind, entry.value, hit.text, entry.place))
        return self._entities(normalized, terms, found, topics, more, places, years="level" not in unasked)

    def _place_at(self, tokens: tuple[str, ...], i: int) -> tuple[int, _Alias] | None:
        """The longest US place starting at token `i`, as (tokens it takes, its entry)."""
        longest = self._place_starts.get(tokens[i])
        if longest is None:
            near = self._near_place(tokens[i]) if i and tokens[i - 1] in _BEFORE_A_PLACE else None
            return (1, self._places[(near,)]) if near else None
        for length in range(min(longest, len(tokens) - i), 0, -1):
            entry = self._places.get(tokens[i : i + length])
            if entry is not None:
                return length, entry
        return None

    def _titles_a_job(self, text: str, level: str) -> bool:
        """Whether the level word is part of the asker's job title ("senior ML eng", "sr data
        scientist"), not a level of the role asked about."""
        at = text.find(level)
        if at < 0 or self._job_after is None:
            return False
        return bool(self._job_after.match(text[at + len(level) :].lstrip()))

    def _entities(
        self,
        normalized: Normalized,
        terms: tuple[str, ...],
        found: dict[str, _Alias],
        topics: list[tuple[tuple[str, str], str]],
        more: Sequence[_Alias] = (),
        places: Sequence[tuple[str, str]] = (),
        years: bool = True,
    ) -> Entities:
        values: dict[str, Any] = {"terms": terms}
        readings: list[str] = []
        levels = self._kb.salaries.levels
        level = found.get("level")
        read_years = years
        years, years_text = _years(normalized.text, normalized.tokens) if read_years else (None, "")
        if (
            level is not None
            and years is not None
            and _years_over_level(normalized.text, level.text, years_text)
        ):
            level = None  # "my manager calls me mid-level but I only have 7 years": the years
        if level is not None and years is not None and self._titles_a_job(normalized.text, level.text):
            level = None  # "senior ML eng here, 11 yrs": the asker's job title; their years read the band
        if level is not None:
            values.update(level=level.value, level_alias=level.text)
            if level.value in levels:
                readings.append(f"Read *{level.text}* as {levels[level.value].label}")
        named = self._band_named(normalized.text) if level is None else None
        if named is not None:  # "when I cross into the 8-12 yr band": that band, whatever the years
            band, said = named
            values.update(level=band.id, level_alias=said)
            readings.append(f"Read *{said}* as {band.label}")
        if years is not None:
            values["years"] = years
            band_id, reading = self._band(years, years_text)
            if level is None and named is None and band_id is not None:
                values.update(level=band_id, level_alias=years_text)
                readings.append(reading)
        rung = _LADDER.search(normalized.text) if level is None and years is None and read_years else None
        bands = self._bands
        if rung is not None and bands:  # "the top band", "the very first rung": an end of the ladder
            band = bands[-1] if rung.group(1) else bands[0]
            values.update(level=band.id, level_alias=rung.group(0))
            readings.append(f"Read *{rung.group(0)}* as {band.label}")
        location = found.get("location")
        if location is not None:
            spec = location.value
            values.update(location=spec.id, location_tier=spec.tier, location_alias=location.text)
            if location.place is not None:
                readings.append(self._place_reading(location.place, spec.id))
            else:
                readings.append(_reading(location.text, spec.label, self._tier_label(spec.tier, spec.label)))
        unlisted = found.get("unlisted")
        if unlisted is not None and (location is None or not _COMPARING.isdisjoint(normalized.tokens)):
            # "Austin, Texas" is Austin; "NYC vs Boise" compares a listed and an unlisted place
            values["unlisted_location"] = unlisted.value
        industry = found.get("industry")
        if industry is not None:
            spec = industry.value
            values.update(industry=spec.id, industry_group=spec.group, industry_alias=industry.text)
            group = self._kb.salaries.industries.get(spec.group)
            readings.append(_reading(industry.text, spec.label, group.label if group else spec.label))
        if topics:
            ranked = self._rank_topics(terms, topics)
            said = tuple(dict.fromkeys(t for t, _ in topics))
            values.update(
                topic=ranked[0][0],
                topic_alias=ranked[0][1],
                topics=tuple(t for t, _ in ranked),
                said_topics=said,
            )
        kind = _skill_kind(terms)
        if kind is not None:
            values["skill_kind"] = kind
        also: list[tuple[str, str]] = []
        for extra in more:
            pair = (extra.kind, _id(extra.value))
            if pair in also:
                continue
            also.append(pair)
            readings.append(self._also_reading(extra))
        values["also"] = tuple(also)
        values["places"] = tuple(dict.fromkeys(places))
        for place, location_id in values["places"]:  # "outside the tech hubs ... I live in Tulsa"
            reading = self._place_reading(place, location_id)
            if reading not in readings:
                readings.append(reading)
        values["readings"] = tuple(readings)
        return Entities(**values)

    def _band_named(self, text: str) -> tuple[LevelRange, str] | None:
        """A salary band named by its years ("the 8-12 yr band", "the 18+ bracket"), as the guide's
        table gives them: that band and the words, else None."""
        for found in _BAND_BY_YEARS.finditer(text):
            low, high = int(found.group(1)), found.group(2)
            for band in self._bands:
                if band.min_years == low and (band.max_years is None) == (high is None):
                    if high is None or band.max_years == int(high):
                        return band, re.sub(r"^(\d+) (\d+)", r"\1-\2", found.group(0))
        return None

    def _also_reading(self, extra: _Alias) -> str:
        """How a second level, place or industry was read, as for the first."""
        if extra.kind == "level":
            levels = self._kb.salaries.levels
            name = levels[extra.value].label if extra.value in levels else str(extra.value)
            return f"Read *{extra.text}* as {name}"
        spec = extra.value
        if extra.kind == "location" and extra.place is not None:
            return self._place_reading(extra.place, spec.id)
        if extra.kind == "location":
            return _reading(extra.text, spec.label, self._tier_label(spec.tier, spec.label))
        group = self._kb.salaries.industries.get(spec.group)
        return _reading(extra.text, spec.label, group.label if group else spec.label)

    def _near_place(self, token: str) -> str | None:
        """A long one-word place name typed one slip off ("chicgo"), when the token is no word
        the analyzer knows, is no place name cut short or run on ("indian": Indiana) and exactly
        one place name is that near."""
        if len(token) < _NEAR_PLACE or not token.isalpha() or self._analyzer.known(token):
            return None
        near = [
            word
            for word in self._place_words
            if word[0] == token[0]
            and abs(len(word) - len(token)) <= 1
            and OSA.distance(word, token) == 1
            and not (word.startswith(token) or token.startswith(word))  # "indian", "billing" are words
        ]
        return near[0] if len(near) == 1 else None

    def _place_reading(self, place: str, location_id: str) -> str:
        """ "Boise: read as a non-tech hub — the guide names no cities for that tier" (us_places.yaml)."""
        reading = self._kb.entities.place_readings.get(location_id)
        if reading is None:
            spec = self._kb.entities.locations[location_id]
            reading = (
                f"read as {self._tier_label(spec.tier, spec.label)} (the bot's reading, not the guide's)"
            )
        return f"{place}: {reading}"

    def _band(self, years: float, text: str) -> tuple[str | None, str]:
        chosen = self._kb.salaries.band_for(years)
        if chosen is None:
            return None, ""
        shown = f"{years:g} years" if years else "no years of experience yet"
        read = f"Read *{text}*" + ("" if text in (shown, f"{years:g} year") else f" ({shown})")
        if years < chosen.min_years:
            return chosen.id, f"{read} as below the guide's lowest band, {chosen.label}; showing that band"
        on_boundary = any(years in (band.min_years, band.max_years) for band in self._bands)
        rule = f" ({BOUNDARY_RULE})" if on_boundary else ""
        return chosen.id, f"{read} as {chosen.label}{rule}"

    def _tier_label(self, tier: str, fallback: str) -> str:
        table = self._kb.salaries.locations.get(tier)
        return table.label if table else fallback

    def _rank_topics(
        self, terms: tuple[str, ...], topics: list[tuple[tuple[str, str], str]]
    ) -> list[tuple[tuple[str, str], str]]:
        """Candidates ordered by how many words named them ("training data" over "biased"),
        then by position."""
        seen: set[tuple[str, str]] = set()
        unique = [t for t in topics if not (t[0] in seen or seen.add(t[0]))]
        order = {t[0]: i for i, t in enumerate(unique)}
        return sorted(unique, key=lambda t: (-t[1].count(" "), order[t[0]]))


_LADDER = re.compile(
    r"\b(?:(top|highest|uppermost|max|maximum|most senior)|(bottom|lowest|first|least senior|minimum))"
    r"(?: (?:pay|salary|experience|seniority))? (?:band|rung|bracket|grade)s?\b(?! of)"
)
"""An end of the guide's ladder of experience bands, by position ("what's the top band?", "pay
at the very first rung?"): the highest or the lowest band."""
_COMPARABLE = frozenset({"level", "location", "industry"})
_NEAR_PLACE = 6
"""A one-word US place this long or longer is also read one slip off ("in chicgo", "in louisvile")
right after one of `_BEFORE_A_PLACE`."""
_LEFT_SCHOOL = (("out", "of"), ("after",), ("since",), ("graduating", "from"), ("graduated", "from"))
"""Words before an industry's alias ("college", "university") that say the asker studied there:
"straight out of college", "after university" name schooling, not an industry to price."""


def _schooling(tokens: tuple[str, ...], i: int) -> bool:
    """Whether the alias at token `i` follows words that say the asker studied there (`_LEFT_SCHOOL`)."""
    return any(i >= len(words) and tuple(tokens[i - len(words) : i]) == words for words in _LEFT_SCHOOL)


_SIZE = frozenset({"size", "sized", "sizes", "market", "cap", "scale"})
"""Words after a level word that make it a size or a tier of something else ("mid-size company",
"mid-market", "mid-scale"), not the asker's or the hire's level."""
_BEFORE_A_PLACE = frozenset({"in", "near", "around", "from", "outside"})
_COMPARING = frozenset({"vs", "versus", "or", "compare", "compared", "comparing", "against"})
_MOVES = (
    "moved", "moving", "move", "relocated", "relocating", "relocate", "switched", "switching", "switch",
    "transferred", "transferring", "transitioned", "transitioning", "came", "coming",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Hit:
    """A level, place or industry named at tokens [start, end)."""

    start: int
    end: int
    alias: _Alias
    text: str


_JOB_AFTER_STAFF = frozenset(
    "engineer engineers ml ai level scientist scientists researcher tech data software swe position role "
    "title lead leads track plus".split()
)
_STARTS = frozenset({"start", "starts", "started"})


_TITLES = frozenset("vp vps svp vice director directors chief head ceo cto".split())
"""Level aliases that are also the title of a person ("my VP", "the director")."""
_OWNERS = frozenset("my our his her their the".split())
PERSON_ACTS = frozenset(
    """thinks think thought says say said wants want wanted has had have keeps kept asked asks told tells
    approved approves budgeted budgets decided decides agreed agrees insists insisted suggested suggests
    believes believed claims claimed signed signs offered offers needs needed""".split()
)
"""Words after "my VP", "the director" that make it a person doing something ("the director has
budgeted", "our CEO thinks")."""


def _a_person(tokens: tuple[str, ...], i: int, size: int) -> bool:
    """Whether a title at token `i` names someone the asker speaks of ("my VP thinks we can anchor
    high", "the director has budgeted $120k for the AI lead") or the asker ("VP eng here"), not the
    level of the role asked about."""
    if tokens[i] not in _TITLES:
        return False
    before = tokens[i - 1] if i else ""
    after = tokens[i + size] if i + size < len(tokens) else ""
    near = tokens[i + size : i + size + 3]
    if "here" in near:  # "VP eng here": the asker's own title; not "director pay here in austin"
        at = i + size + near.index("here")
        following = tokens[at + 1] if at + 1 < len(tokens) else ""
        if following not in _HERE_PLACE and not _PAY_SAID.intersection(tokens[i + size : at]):
            return True
    return before in _OWNERS and after in PERSON_ACTS


_HERE_PLACE = frozenset("in at on around near".split())
"""After "here": a place follows ("pay here in austin"), so "here" is where, not the asker."""
_PAY_SAID = frozenset("pay pays paid salary salaries comp compensation make makes earn earns".split())
"""Words for pay between a title and "here": the title's pay is asked ("director salary here?")."""


_PLACE_AFTER = frozenset(
    "scene scenes city cities hub hubs town towns area areas region regions center centre metro".split()
)
"""Words after an industry's alias that make it a kind of place ("no real tech scene", "big tech
cities"), not an employer's industry."""


_STAGE = re.compile(r"\b(?:start ?ups?|scale ?ups?)$")
"""An industry alias that names a company's stage ("startup", "ai startup"), not what it does."""
_OF_ONE = frozenset("ai ml in for serving".split())
"""Words that may stand between a stage and the industry that qualifies it ("a healthcare AI
startup", "a startup in healthcare"); "or", "vs", "and" do not (two employers compared)."""


def _one_employer(tokens: tuple[str, ...], hits: list[_Hit]) -> list[_Hit]:
    """`hits` without an industry read from a company's stage that another industry named beside it
    qualifies: "a fintech startup", "a healthcare AI startup", "a startup in healthcare" are one
    employer in that industry, not a comparison of it with Tech and Software ("startup"). A stage
    named apart ("startups or banks?") stays an industry of its own."""
    industries = [h for h in hits if h.alias.kind == "industry"]
    if len(industries) < 2:
        return hits
    dropped: set[int] = set()
    for stage in industries:
        if not _STAGE.search(stage.text):
            continue
        for other in industries:
            same = _id(other.alias.value) == _id(stage.alias.value)
            if other is stage or same or _STAGE.search(other.text):
                continue
            before = other.end <= stage.start
            between = tokens[other.end : stage.start] if before else tokens[stage.end : other.start]
            if len(between) <= 2 and all(t in _OF_ONE for t in between):
                dropped.add(id(stage))
                break
    return [h for h in hits if id(h) not in dropped]


def _an_industry(tokens: tuple[str, ...], i: int, size: int) -> bool:
    after = tokens[i + size] if i + size < len(tokens) else ""
    return after not in _PLACE_AFTER


def _a_level(tokens: tuple[str, ...], i: int, size: int) -> bool:
    """Whether a level's alias at token `i` names a level: not "a mid-size company" or "mid-market"
    (a size), "3,000 staff" or "our tech staff" (people: "staff" is a level before a job's name,
    "staff engineer", "staff-level"), "to start" (a level is "starting", "starting out") or "my VP
    thinks ..." (a person the asker speaks of)."""
    after = tokens[i + size] if i + size < len(tokens) else ""
    if after in _SIZE or _a_person(tokens, i, size):
        return False
    if tokens[i] == "staff" and size == 1:
        return after in _JOB_AFTER_STAFF
    if _people_led(tokens, i):
        return False  # "I manage two juniors": people the asker leads, not a level asked about
    return not (size == 1 and tokens[i] in _STARTS)


_LEADS = frozenset(
    "manage managing managed mentor mentoring mentored coach coaching supervise supervising".split()
)
_COUNTS = frozenset("a few two three four five six several some my our the".split()) | _OWNERS


_PLURAL_LEVELS = frozenset("juniors seniors execs executives".split())
_QUANTIFIERS = frozenset("lots lot many few several some couple bunch handful".split())
_PAY_AFTER = frozenset("make makes making earn earns earning get gets paid pay cost costs".split())
_PAY_BEFORE = frozenset("salary salaries pay comp compensation budget cost costs rate rates".split())


def _people_led(tokens: tuple[str, ...], i: int) -> bool:
    """Whether a plural level word at token `i` names people the asker leads or speaks of, not the
    level asked about: a verb of leading people before it, over at most two words of counting ("I
    manage two juniors", "mentor 2 juniors", "mentoring seniors"), or a vague quantity ("lots of
    execs excited", "a few seniors on the team"), unless their pay is asked ("what do a few
    seniors make?", "salary for a few seniors in SF?")."""
    if tokens[i] not in _PLURAL_LEVELS:
        return False
    before = tokens[max(0, i - 3) : i]
    while before and (before[-1] in _COUNTS or before[-1].isdigit()):
        before = before[:-1]
    if before and before[-1] in _LEADS:
        return True
    quantity = [t for t in tokens[max(0, i - 3) : i] if t != "of"][-2:]
    pay = _PAY_AFTER & set(tokens[i + 1 : i + 3]) or _PAY_BEFORE & set(tokens[max(0, i - 5) : i])
    return bool(_QUANTIFIERS & set(quantity)) and not pay


# --- what a question takes back: "not in SF, we're in Austin", "forget the NYC part" ------------
# Cues are read on the tokens before a level, place or industry, over the small words between
# ("not at a bank", "used to be in Boston", "forget the NYC part"), or just after it ("X? no, Y",
# "I said executive earlier but that's wrong"). A value negated or taken back is not the one asked
# about; the one that replaces it is.

_NOT, _FORGET, _PAST, _NOW = "not", "forget", "past", "now"
_CUES: dict[tuple[str, ...], str] = {
    **{(w,): _NOT for w in ("not", "never", "nor", "except", "excluding", "besides")},
    **{p: _NOT for p in (("rather", "than"), ("instead", "of"), ("other", "than"))},
    **{p: _NOT for p in (("apart", "from"), ("aside", "from"))},
    # what the asker cannot pay ("we can't pay bay area money", "can't afford SF salaries")
    **{(neg, verb): _NOT for neg in ("not", "cannot") for verb in ("pay", "afford", "match")},
    **{(w,): _FORGET for w in ("forget", "scratch", "ignore", "disregard", "nevermind")},
    ("never", "mind"): _FORGET,
    **{(w,): _PAST for w in ("originally", "previously", "formerly", "former", "left", "leaving", "quit")},
    ("no", "longer"): _PAST,
    ("used", "to"): _PAST,
    ("was", "at"): _PAST,
    ("were", "at"): _PAST,
    **{(verb, "from"): _PAST for verb in _MOVES},
    ("now",): _NOW,
    ("joined",): _NOW,
    ("joining",): _NOW,
    **{(verb, "to"): _NOW for verb in _MOVES},
}  # fmt: skip
_BETWEEN = frozenset(
    """a an the in at on of for from to with based working work works worked located living live lives
    really exactly actually even currently our my their its his her this that these those any some so
    much yet be being been is am are was were it side kind type sort area part bit whole asked asking
    about said mentioned thought quoted wanted talking looking i we she he they you company firm job role
    team org division group place city office big large small major huge tiny giant local regional""".split()
)
"""Small words a cue reaches over to the value it takes back ("not at a bank", "forget the NYC part",
"not at a big bank")."""
_AUX = frozenset("is are does do did should would can could will was were".split())
_WH = frozenset("why how what where when who which".split())
_TAKEN_BACK = re.compile(
    r"^(?:(?:earlier|before|previously|above|initially|first|but|and|though|however) )*"
    r"(?:(?:that|this|it|which) )?(?:is|was|were) (?:wrong|incorrect|a typo|a mistake|an error|not right)\b"
)
"""After a value: it is taken back ("I said executive earlier but that's wrong")."""
_CORRECTING = frozenset({"nope", "wait", "sorry", "correction", "oops", "actually", "rather"})
_NO_ALONE = re.compile(r"\bno\s*[,.!;:\u2014-]", re.IGNORECASE)
"""A "no" said on its own ("Austin? no, Boston"), which corrects; "no remote option" does not."""
_CONTRASTING = _COMPARING | {"than", "difference", "differ", "different", "between", "both", "apart", "each"}
"""A question that compares keeps every value it names: no correction or replacement is read."""
_CHANGING = frozenset(
    "cut cuts drop drops hit raise bump change changes changed happen happens happened lose losing gain "
    "gaining before after jump up down more less increase increases rise rises".split()
)
"""A question about how pay changes with a move keeps the value moved from ("relocating from
Seattle to a small town, what happens to my pay?", "how much does the max go up when you move from
mid level to senior?"): it is half of what is compared."""
_NEAR = 4
"""A region and a city this many tokens apart or fewer are one place said twice ("PNW, Seattle proper")."""
_CUE_WORDS = (
    frozenset(w for key in _CUES for w in key) | _CORRECTING | {"no", "wrong", "incorrect", "typo", "mistake"}
)


def _cue_before(tokens: tuple[str, ...], start: int) -> str | None:
    """The cue before the value at token `start`, over the small words between, if any."""
    j = start - 1
    while j >= 0 and start - j <= 6:
        word = tokens[j]
        if j and (tokens[j - 1], word) in _CUES:
            return _CUES[(tokens[j - 1], word)]
        cue = _CUES.get((word,))
        if cue == _NOT and j and tokens[j - 1] in _AUX and (j == 1 or tokens[j - 2] in _WH):
            return None  # "why isn't NYC higher?", "isn't Austin cheaper?": a question, no negation
        if cue is not None:
            return cue
        if word not in _BETWEEN:
            return None
        j -= 1
    return None


def _now_after(tokens: tuple[str, ...], end: int) -> bool:
    """ "I'm at a pharma company now": the value is the current one."""
    for word in tokens[end : end + 3]:
        if word in ("now", "instead"):
            return True
        if word not in _BETWEEN:
            return False
    return False


def _corrected(tokens: tuple[str, ...], end: int, later: int, no: bool) -> bool:
    """ "Austin? no, Boston", "NYC, sorry, Boston": a cue right after a value, then another (`no`:
    the question has a "no" said on its own)."""
    for j in range(end, min(end + 2, later)):
        if tokens[j] in _CORRECTING or (no and tokens[j] == "no") or tokens[j : j + 2] == ("i", "mean"):
            return later - j <= 6
    return False


def _group(hit: _Hit) -> str:
    return "location" if hit.alias.kind == "unlisted" else hit.alias.kind


def _broad(hit: _Hit) -> bool | None:
    """For a place: True when it names a region or a tier ("PNW", "a tech hub"), False a city, else None."""
    alias = hit.alias
    if alias.kind != "location":
        return None
    if alias.place is not None:
        return "," not in alias.place
    return alias.value.label.lower().endswith("hub")


def _in_scope(tokens: tuple[str, ...], hits: list[_Hit], raw: str = "") -> list[_Hit]:
    """The values a question asks about, in order: those negated ("not in SF"), forgotten ("forget
    the NYC part"), said of the past ("used to be at a bank", "moved from Chicago", unless the
    question asks how pay changes: `_CHANGING`) or taken back
    left out, with the earlier mentions of a value negated later ("a university hospital ... treat
    it as healthcare, not academia"); unless the question compares, a value corrected ("Austin? no,
    Boston") or replaced ("now at a hospital", "moved to NYC") gives way to the new one, and a
    region to a city in it ("PNW, Seattle proper")."""
    if len(hits) < 2 and not any(w in _CUE_WORDS for w in tokens):
        return hits
    dropped: set[int] = set()
    # "leaving SF for a non-hub, how big a pay cut?": the place left is half of what is asked
    changing = not _CHANGING.isdisjoint(tokens) or not _CONTRASTING.isdisjoint(tokens)
    negated: list[tuple[int, str, str]] = []
    now: list[int] = []
    for k, hit in enumerate(hits):
        cue = _cue_before(tokens, hit.start)
        if cue in (_NOT, _FORGET) or _TAKEN_BACK.match(" ".join(tokens[hit.end : hit.end + 8])):
            dropped.add(k)
            negated.append((hit.start, _group(hit), _id(hit.alias.value)))
        elif cue == _PAST and not changing:
            dropped.add(k)
        elif cue == _NOW or _now_after(tokens, hit.end):
            now.append(k)
    for k, hit in enumerate(hits):  # "not banks or hospitals", "neither SF nor NYC": the list goes too
        if k and k - 1 in dropped and _listed_with(tokens, hits[k - 1], hit) and k not in now:
            dropped.add(k)
            negated.append((hit.start, _group(hit), _id(hit.alias.value)))
    for k, hit in enumerate(hits):
        if any(at > hit.start and (g, v) == (_group(hit), _id(hit.alias.value)) for at, g, v in negated):
            dropped.add(k)
    if _CONTRASTING.isdisjoint(tokens):
        no = "no" in tokens and bool(_NO_ALONE.search(raw))
        for k, hit in enumerate(hits):
            later = next((h for h in hits[k + 1 :] if _group(h) == _group(hit)), None)
            if later is not None and _corrected(tokens, hit.end, later.start, no):
                dropped.add(k)
        for k in now:
            if k not in dropped:
                dropped.update(j for j in range(k) if _group(hits[j]) == _group(hits[k]))
        cities = [h for k, h in enumerate(hits) if k not in dropped and _broad(h) is False]
        for k, hit in enumerate(hits):  # "PNW, Seattle proper": a city said beside its region
            if _broad(hit) and any(
                abs(city.start - hit.start) <= _NEAR and _id(city.alias.value) != _id(hit.alias.value)
                for city in cities
            ):
                dropped.add(k)
    return [hit for k, hit in enumerate(hits) if k not in dropped]


_LISTING = frozenset({"or", "nor", "and", "a", "an", "the", "any", "in", "at"})
"""The words between the values of one list ("not banks or hospitals", "not in SF or NYC")."""


def _listed_with(tokens: tuple[str, ...], before: _Hit, hit: _Hit) -> bool:
    """Whether `hit` follows `before` in one list of values ("banks or hospitals", "SF and NYC",
    "at a bank or in NYC"): a negation of the list's first value reaches its others."""
    between = tokens[before.end : hit.start]
    # "not SF, NYC is where I am" corrects, lists nothing; "not at a bank and in NYC" may say
    # where the asker is: "and" joins only values of one kind ("not banks and hospitals")
    joins = ("or", "nor", "and") if _group(before) == _group(hit) else ("or", "nor")
    while between and between[0] in _PLACE_AFTER:  # "the bay area and NYC": the place's own noun first
        between = between[1:]
    return 0 < len(between) <= 3 and between[0] in joins and all(w in _LISTING for w in between)


_KIND_WORDS = {
    "level": "level|levels|seniority|experience level|band",
    "location": "location|locations|city|cities|place|places|region|location tier|geography|geo",
    "industry": "industry|industries|company type|type of company|kind of company|sector|sectors",
}
_KIND = "|".join(_KIND_WORDS.values())
_ANY_KIND_CUE = re.compile(
    r"\b(?:no specific|no particular|not (?:a )?specific|not tied to (?:any|a|one)(?: specific| particular)?"
    r"|regardless of(?: the)?|irrespective of(?: the)?|forget(?: the| about)?|ignore(?: the)?"
    r"|never mind(?: the)?"
    r") (?:" + _KIND + r")(?: (?:or|and|nor) (?:any )?(?:" + _KIND + r"))*\b"
)
"""Kinds of value the asker says not to price by ("no specific level or industry", "not tied to any
city or company type", "forget location")."""


_KIND_RES = {kind: re.compile(rf"\b(?:{words})\b") for kind, words in _KIND_WORDS.items()}


def _unasked_kinds(text: str) -> set[str]:
    """The kinds (level, location, industry) `_ANY_KIND_CUE` finds said not to count."""
    kinds: set[str] = set()
    for cue in _ANY_KIND_CUE.finditer(text):
        kinds.update(kind for kind, words in _KIND_RES.items() if words.search(cue.group(0)))
    return kinds


def _id(value: Any) -> str:
    """The canonical id of an alias's value (a level id, or a location or industry spec)."""
    return value if isinstance(value, str) else str(value.id)


def _reading(alias: str, label: str, row: str) -> str:
    """ "Read *sf* as San Francisco Bay Area (the guide's row: San Francisco Bay Area and New
    York City)", or just the row when the label is the row."""
    if label == row or label.lower() in (alias.lower(), row.lower()):
        return f"Read *{alias}* as {row}"
    return f"Read *{alias}* as {label} (the guide's row: {row})"


def _years(text: str, tokens: tuple[str, ...]) -> tuple[float | None, str]:
    """Years of experience named in the question ("10 years", "10yoe", "a decade"): of several
    figures, the one said of AI/ML work (`_candidates`) ("15 years total, 3 in ML": 3), never an
    age, a company's age or a figure corrected away ("14, not 20"), and a stay at one employer
    only when no other figure is given."""
    if "y" not in text and "decade" not in text and not _NO_YEARS_YET.search(text):
        return None, ""
    best: tuple[int, int, float, str] | None = None
    for rank, start, value, said in _candidates(text):
        if best is None or rank > best[0]:
            best = (rank, start, value, said)
    if best is not None:  # a stay at one employer is read when nothing else is said
        return best[2], best[3]
    for token in tokens:
        token_match = _YEARS_TOKEN.fullmatch(token) if token[0].isdigit() else None
        if token_match:
            return float(token_match.group(1)), token
    decade = _DECADES.search(text)
    if decade:
        count = decade.group(1)
        value = 1 if count in ("a", "one") else _NUMBER_WORDS.get(count, None) or int(count)
        return float(value * 10), decade.group(0)
    starting = _NO_YEARS_YET.search(text)
    if starting:
        return 0.0, starting.group(0)
    return None, ""


def _candidates(text: str) -> list[tuple[int, int, float, str]]:
    """Each figure of years in `text` as (rank, position, years, as said): rank 1 when said of
    AI/ML work or of experience ("10 years in ML", "13 years of experience", "then 2 in ML"), 0
    when said of nothing, -1 when said of a stay at one employer or place ("at my current company
    for 3 years", "on this board for 7 years", "11 of those at IBM"); ages, "in 5 years", "10
    years ago", a figure negated ("not 20") and one pointed back at ("is the 8 years thing a hard
    line?": a figure already said, the guide's, not news about anyone) are left out."""
    found: list[tuple[int, int, float, str]] = []
    for match in _YEARS.finditer(text):
        pointed = (
            match.group(1) == "the "
            and not _ASKERS_AFTER.match(text, match.end())
            and not _MILESTONE.search(text, 0, match.start())
        )
        skipped = match.group(1) and match.group(1) != "the "
        if skipped or pointed or match.group(4) or _NEGATED_FIGURE.search(text, 0, match.start()):
            continue  # "in 5 years", "30 years old", "10 years ago", "a 3-year plan", "not 20 years"
        value = _number(match.group(2)) + (0.5 if match.group(3) else 0.0)
        found.append((_rank(text, match.start(), match.end()), match.start(), value, match.group(0).strip()))
        then = _THEN.match(text, match.end())
        if then and _ML_WORK.search(then.group(3)):  # "8 years in an ML lab, then 5 at an ML startup"
            both = _ML_WORK.search(then.group(1))
            said = text[match.start() : then.end(2)] if both else text[then.start(2) : then.end(3)].strip()
            more = _number(then.group(2))
            found.append((1, match.start(), value + more if both else more, said))
    if found:  # "15 years total, 3 in ML", "30 years writing software, only 2 of them in AI"
        for match in _FIGURE_IN_FIELD.finditer(text, found[0][1] + 1):
            if not _NEGATED_FIGURE.search(text, 0, match.start()):
                found.append((1, match.start(), _number(match.group(1)), match.group(0).strip()))
    for match in _YEAR_OF_CAREER.finditer(text):  # "in year 6 of my career"
        found.append((1, match.start(), _number(match.group(1)), match.group(0).strip()))
    return found


def _number(word: str) -> float:
    return float(_NUMBER_WORDS[word]) if word in _NUMBER_WORDS else float(word)


def _rank(text: str, start: int, end: int) -> int:
    """1: the years are said of AI/ML work or experience; -1: of a stay at one place; else 0."""
    after = text[end : end + 40]
    if _OF_FIELD.match(after):
        return 1
    before = text[max(0, start - 60) : start]
    if _FIELD_BEFORE.search(before):
        return 1
    if _TENURE_AFTER.match(after) or _TENURE_BEFORE.search(before):
        return -1
    return 0


_FIELD = (
    r"(?:ml|ai|ai ml|ml ai|machine learning|data science|deep learning|nlp|computer vision|"
    r"applied ml|ml engineering|ai engineering|mlops|llms?|the field|this field|the industry|industry|"
    r"experience|exp|professional experience|relevant experience|(?:ai|ml|data) (?:work|roles?|research))"
)
_OF_FIELD = re.compile(
    r" (?:of |in |doing |working (?:in |on |with )?|with |on |into |building |leading )?"
    r"(?:professional |hands on |relevant |real |industry |applied |total )?" + _FIELD + r"\b"
)
"""After a figure: it is said of AI/ML work or of experience ("10 years in ML", "of experience")."""
_THEN = re.compile(
    r"((?: [a-z]+){0,8}?),? (?:and )?(?:then|after that|followed by) (?:another )?"
    + _NUMBER
    + r"(?: more)?(?: years?)? (?:at|in|with|as|doing|on|building|leading) ((?:[a-z]+ ?){0,5})"
)
"""After a figure: a second stint after the first ("..., then five at an ML startup")."""
_ML_WORK = re.compile(r"\b(?:ml|ai|machine learning|data science|nlp|deep learning|computer vision|mlops)\b")
_FIELD_BEFORE = re.compile(
    r"\b(?:ml|ai|machine learning|data science|deep learning|nlp|computer vision|mlops)"
    r"(?: [a-z]+)?(?: [a-z]+)? for (?:(?:about|around|roughly|almost|nearly|over|just|maybe|like) )?$"
)
"""Before a figure: it is said of AI/ML work ("an ML engineer for almost 6 years", "in ML for 10")."""
_FIGURE_IN_FIELD = re.compile(
    r"(?<![0-9a-z])(?<!of )" + _NUMBER + r" (?:of (?:them|those|which|these) |(?:years? )?)"
    r"(?:(?:have been|were|was|spent|doing|working) )?(?:in|on|doing|with) " + _FIELD + r"\b"
)
"""A figure without "years" after a first one, said of AI/ML work: "then 2 in ML"."""
_YEAR_OF_CAREER = re.compile(
    r"\byear " + _NUMBER + r" of (?:my|her|his|their|the) (?:\w+ )?(?:career|experience)\b"
)
_TENURE_AFTER = re.compile(
    r" (?:at|with|on) (?:(?:my|our|the|this|that|a|an|his|her|their|one) )?"
    r"(?!(?:ml|ai|machine|data|the field|this field)\b)[a-z]"
)
"""After a figure: a stay at one employer or place ("5 of them at a retailer", "11 at IBM")."""
_TENURE_BEFORE = re.compile(
    r"\b(?:at|with|on|joined) (?:(?:my|our|the|this|that|a|an|his|her|their|current|last|previous|"
    r"old|same|present) )*(?!ml\b|ai\b|machine\b|data\b)[a-z]+ (?:[a-z]+ )?for "
    r"(?:(?:about|around|roughly|almost|nearly|over|just|maybe|like|the last|the past) )?$"
)
"""Before a figure: a stay at one place ("been at my current company for about 3 years")."""
_NEGATED_FIGURE = re.compile(r"\bnot $")


_JOB_SHORT = r"eng|dev|swe|sde|mle|ds"
"""Chat short forms of a job's head word ("ML eng", "backend dev")."""


def _years_over_level(text: str, level: str, years: str) -> bool:
    """Whether years said after a level set it right: "calls me mid-level but I only have 7 years",
    "senior, though 10 years really"; not a stay at one place ("senior ai lead pay? I've only been at
    my company for 3 years": the level named is the one asked)."""
    at, said = text.find(level), text.find(years)
    if not 0 <= at < said or _rank(text, said, said + len(years)) < 0:
        return False
    if said - at - len(level) <= _RESTATED_REACH and _RESTATED.search(text[at + len(level) : said]):
        return True  # "the most senior leaders, people 18+ years in": the years say which band
    return bool(_SETS_RIGHT.search(text, at + len(level), said))


_SETS_RIGHT = re.compile(r"\b(?:but|though|although|actually)\b|\bonly (?:have|had|got|been)\b")
_RESTATED = re.compile(r"\b(?:ie|i e|meaning|aka|people|those|folks|ones) (?:with |at |of )?$")
"""Between a level and the years just after it: the years say it again, more exactly ("the most
senior leaders, people 18+ years in", "senior, i.e. 15 years")."""
_RESTATED_REACH = 40


def _skill_kind(terms: tuple[str, ...]) -> SkillKind | None:
    if _FIRST_WORDS.isdisjoint(terms):
        return None
    pairs = {f"{a} {b}" for a, b in zip(terms, terms[1:], strict=False)}
    words = set(terms) | pairs
    if words & _SOFT_TERMS:
        return "soft"
    if words & _TECHNICAL_TERMS:
        return "technical"
    return None


def _stemmed(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(" ".join(stem(t) for t in normalize(p).tokens) for p in phrases)


_SOFT_TERMS = _stemmed(_SOFT)
_TECHNICAL_TERMS = _stemmed(_TECHNICAL)
_FIRST_WORDS = frozenset(p.split()[0] for p in _SOFT_TERMS | _TECHNICAL_TERMS)
