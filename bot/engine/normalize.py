"""Question text -> `Normalized` (clean lowercase tokens), plus the shared term analyser.

`normalize` removes what carries no meaning for matching: Slack markup (user, channel and special
mentions, link targets), emoji, punctuation, contractions and filler ("hey bot, quick question:").
`Analyzer` turns tokens into *terms*: spelling corrected against the knowledge base's vocabulary
(rapidfuzz, cached per token) and lightly stemmed, so "salaries", "salery" and "salary" are one
term; it also strips filler and tells which words are foreign to the domain. Entities and intents
both match on terms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA


@dataclass(frozen=True, slots=True)
class Normalized:
    """A question ready for matching: `raw` as received, `text` the tokens joined by spaces."""

    raw: str
    text: str
    tokens: tuple[str, ...]


# --- Slack markup and emoji ----------------------------------------------------------------------
# https://api.slack.com/reference/surfaces/formatting#advanced (mentions, links, special mentions)
_SLACK_LINK = re.compile(r"<((?:https?|mailto|tel):[^|>]*)(?:\|([^>]*))?>")
_SLACK_REF = re.compile(r"<[@#!][^>]*>")
_BARE_URL = re.compile(r"\bhttps?://\S+")
_SHORTCODE = re.compile(r":[a-z0-9_+\-']+:")
_MONEY_SHORTCODES = frozenset(
    {":moneybag:", ":dollar:", ":money_with_wings:", ":money_mouth_face:", ":heavy_dollar_sign:"}
)
_MONEY_EMOJI = re.compile(
    "[\U0001f4b0\U0001f4b5\U0001f4b8\U0001f911\U0001f4b2\U0001f4b4\U0001f4b6\U0001f4b7]"
)

# --- contractions and chat shorthand (language, not domain) --------------------------------------
_CONTRACTIONS = {
    "what's": "what is",
    "whats": "what is",
    "wats": "what is",
    "who's": "who is",
    "how's": "how is",
    "where's": "where is",
    "that's": "that is",
    "there's": "there is",
    "it's": "it is",
    "let's": "let us",
    "i'm": "i am",
    "im": "i am",
    "can't": "can not",
    "cant": "can not",
    "won't": "will not",
    "ain't": "is not",
}
_SUFFIXES = (("n't", " not"), ("'re", " are"), ("'ve", " have"), ("'ll", " will"), ("'d", " would"))
_SHORTHAND = {
    "u": "you",
    "ya": "you",
    "ur": "your",
    "wat": "what",
    "wut": "what",
    "wht": "what",
    "hw": "how",
    "abt": "about",
    "bc": "because",
    "cuz": "because",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "lemme": "let me",
    "gimme": "give me",
    "dont": "do not",
    "doesnt": "does not",
    "isnt": "is not",
    "arent": "are not",
    "didnt": "did not",
    "yrs": "years",
    "yoe": "years of experience",
    "yr": "year",
    "exp": "experience",
    "ppl": "people",
    "mgmt": "management",
    "mgr": "manager",
    "eng": "engineer",
    "engs": "engineers",
    "biz": "business",
    "reqs": "requirements",
    "lang": "language",
    "cmd": "command",
    "incl": "including",
    "teh": "the",
    "cmds": "commands",
    "nite": "night",
    "shud": "should",
    "sof": "soft",
    "jsut": "just",
    "gettin": "getting",
    "shld": "should",
    "langs": "languages",
    "infra": "infrastructure",
    "avg": "average",
    "natl": "national",
    "programing": "programming",  # misspellings whose stem is another word ("program", "plan")
    "planing": "planning",
    "wether": "weather",
    "req": "requirement",
    "thru": "through",
    "enuf": "enough",
    "nuff": "enough",
    "gud": "good",
    "pls": "please",
    "plz": "please",
    "rly": "really",
    "tho": "though",
    "y": "why",
    "w": "with",
    "wo": "without",
    "regs": "regulations",
    "reg": "regulation",
    "recs": "recommendations",
    "info": "information",
    "proj": "project",
    "projs": "projects",
    "dev": "developer",
    "devs": "developers",
    "prod": "production",
    "perf": "performance",
    "comms": "communication",
    "org": "organization",
    "orgs": "organizations",
    "b4": "before",
    "rn": "right now",
    "2day": "today",
    "2moro": "tomorrow",
    "bout": "about",
}
_REWRITE = {**_SHORTHAND, **_CONTRACTIONS}
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_WORD = re.compile(r"[0-9a-z]+(?:'[0-9a-z]+)*")


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _shortcode(match: re.Match[str]) -> str:
    return " money " if match.group(0) in _MONEY_SHORTCODES else " "


def _expand(word: str) -> str:
    if word in _REWRITE:
        return _REWRITE[word]
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            stem = word[: -len(suffix)]
            return ("can" if stem == "ca" else "will" if stem == "wo" else stem) + replacement
    word = word.replace("'", "")
    return _SHORTHAND.get(word, word)


@lru_cache(maxsize=8)
def _filler_pattern(fillers: tuple[str, ...]) -> re.Pattern[str] | None:
    phrases = sorted({" ".join(_words(f.lower())) for f in fillers} - {""}, key=len, reverse=True)
    if not phrases:
        return None
    return re.compile(r"(?<![0-9a-z])(?:" + "|".join(map(re.escape, phrases)) + r")(?![0-9a-z])")


def _words(text: str) -> list[str]:
    """Lowercase text -> words: contractions and shorthand expanded, apostrophes dropped."""
    words: list[str] = []
    rewrite = _REWRITE
    for word in _WORD.findall(text):
        if "'" in word or word in rewrite:
            words.extend(_expand(word).split())
        else:
            words.append(word)
    return words


def normalize(question: str, *, fillers: Iterable[str] = ()) -> Normalized:
    """Clean `question` for matching; `fillers` are phrases to drop (entities.yaml `fillers`)."""
    raw = question if isinstance(question, str) else str(question)
    text = raw  # the engine cuts long input, once (bot.engine.MAX_QUESTION)
    ascii_only = text.isascii()
    if not ascii_only:
        text = unicodedata.normalize("NFKC", text)
    if "<" in text:
        text = _SLACK_REF.sub(" ", _SLACK_LINK.sub(lambda m: f" {m.group(2) or ''} ", text))
    if "://" in text:
        text = _BARE_URL.sub(" ", text)
    text = text.lower()
    if ":" in text:
        text = _SHORTCODE.sub(_shortcode, text)
    if not ascii_only:
        text = _strip_accents(_MONEY_EMOJI.sub(" money ", text).translate(_APOSTROPHES).casefold())
    if "&" in text:
        text = text.replace("&amp;", " and ").replace("&lt;", " ").replace("&gt;", " ")
    if "$" in text:
        text = text.replace("$", " dollar ")
    words = _words(text)
    if fillers and words:
        pattern = _filler_pattern(tuple(fillers))
        if pattern is not None:
            words = pattern.sub(" ", " ".join(words)).split()
    return Normalized(raw=raw, text=" ".join(words), tokens=tuple(words))


@lru_cache(maxsize=16384)
def tokens_of(text: str) -> tuple[str, ...]:
    """`normalize(text).tokens`, cached: for knowledge-base strings read at start-up."""
    if text.isascii() and not _MARKUP_CHARS.intersection(text):
        return tuple(_words(text.lower()))  # what normalize() does with such text, minus its checks
    return normalize(text).tokens


_MARKUP_CHARS = frozenset("<:&$")


# --- terms: stemming and spelling ----------------------------------------------------------------


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, deterministic suffix stripper ("salaries" -> "salary", "leading" -> "lead")."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word in _STEM_KEPT:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5 and not word.endswith("eering"):  # engineering != engineer
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4 and not word.endswith("eed"):
        word = word[:-2]
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


_STEM_KEPT = frozenset({"masters"})
"""Words whose plural-looking form is another word: a master's degree is not "to master" a skill."""

COMMON_WORDS = frozenset(
    """
    a about above across actually after afterwards again against ago all almost alone along already
    also although always am among an and another any anybody anyone anything anyway anywhere are
    around as ask asked asking at away back bad badly basically be became because become been
    before began begin being believe below best better between beyond big bit both bring but by
    call came can cannot case certain certainly change changed clear clearly come comes coming
    common could currently day days definitely did different do does doing done down during each
    early easy either else end enough especially etc even ever every everybody everyone everything
    exactly example fact far feel few fine first for found free from full generally get gets
    getting give given gives go goes going gone good got great guess had happen happens hard has
    have having he hear help her here herself high him himself his honestly how however huge i if
    important in indeed instead into is it its itself just keep kind know knows known large last
    least less let like likely little long look looking looks lot lots made main mainly major
    make many matter matters may maybe me mean means might mind mine more most mostly much must
    my myself near nearly necessarily need needed needs never new next nice no nobody none nor
    not nothing now nowadays number of off often oh ok okay old on once one ones only onto or other
    others otherwise our ours ourselves out over overall own part particular particularly people
    per perhaps person place plus point possible possibly pretty probably put question questions
    quite rather real really reason regarding right said same say saying says see seem seems seen
    several she should show shown side since small so some somebody someone something sometimes
    somewhat soon sort specific specifically start started still stuff such suppose supposed sure
    take taken takes talk tell tells than thank thanks that the their theirs them themselves then
    there therefore these they thing things think this those though thought through thus time
    times to today together told too took toward towards true truly try trying two type types
    typical typically under understand unless until up upon us use used useful uses using usual
    usually various very via want wanted wants was way ways we well went were what whatever when
    whenever where whereas wherever whether which while who whoever whole whom whose why will
    wise with within without wonder wondering word words work worked working works would yeah yes
    yet you your yours yourself yourselves maybe guess curious cool awesome please hello hi hey
    tomorrow yesterday week weeks month months year years everybody nobody anybody company
    companies team teams job jobs world life live living ending kinds
    three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    thousand million billion decade decades half quarter dozen couple once twice
    usual usually whats hows im ive id youre theyre dont doesnt isnt arent wont cant
    actual actually anymore else also able across big bigger biggest small smaller smallest
    best worse worst higher highest lower lowest better more most less least much many
    think thinking thought know knowing feel feeling seem seeming look looking sound sounds
    someone something somewhere anyone anything anywhere everyone everything everywhere
    compare compared comparison versus vs difference different similar same other another
    necessary necessarily required needed possible impossible likely unlikely usual unusual
    normal normally typical typically standard general generally specific particular certain
    important importance essential basic basics simple simply easy easier hard harder difficult
    enough plenty lots several various many few little less least more most much
    exactly roughly approximately around about nearly almost quite rather fairly pretty very
    really truly actually honestly seriously definitely probably maybe perhaps possibly
    usually often sometimes rarely never always ever already still yet soon later now then
    today currently nowadays recently lately eventually finally first second third last next
    early late young old new newer newest modern current recent future past present
    good better best great greater greatest nice fine okay ok bad worse worst poor strong
    weak big bigger small smaller large larger huge tiny high higher low lower long longer
    short shorter fast faster slow slower quick quickly full empty whole entire real true
    right wrong correct incorrect fair unfair worth worthy useful useless helpful valuable
    main major minor key top bottom average overall total final initial primary secondary
    want wants wanted wish hope hoping plan planning try trying tried decide deciding
    think thinks thought believe consider considering wonder wondering guess suppose
    know knows knew learn learns learned understand understanding mean means meant
    tell tells told say says said ask asks asked answer answers answered explain explains
    show shows showed give gives gave get gets got getting take takes took make makes made
    go goes went come comes came see sees saw look looks looked find finds found
    need needs use uses used using do does did doing done have has had having be is are was were
    been being become becomes became becoming seem seems seemed stay stays stayed keep keeps kept
    start starts started begin begins began finish finished end ends ended stop stopped
    change changes changed move moves moved turn turns turned put puts set sets let lets
    help helps helped work works worked working call calls called feel feels felt
    expect expects expected happen happens happened matter matters mattered depend depends
    include includes included involve involves compare compares mention mentioned
    someone somebody something somewhere anyone anybody anything anywhere everyone everybody
    everything everywhere nobody nothing nowhere thing things stuff way ways kind kinds type
    types sort sorts lot lots bit bits part parts piece pieces case cases point points fact
    facts idea ideas reason reasons example examples question questions answer answers
    people person someone guy guys folks man men woman women
    day days week weeks month months year years time times hour hours minute moment
    place places side sides end beginning middle number numbers amount level levels
    company companies organization organizations org firm firms business businesses
    team teams group groups department departments office workplace world country
    also too either neither both each every all any some none other others another such
    same different similar like unlike versus vs than then compared comparison
    here there where when why how what which who whom whose whether while whereas
    because since although though unless until upon within without among between
    really anyway otherwise however therefore thus hence meanwhile instead indeed
    please thanks thank sorry yes no yeah yep nope sure alright
    able unable ready willing likely sure aware
    gnarly gnarliest legit dope sick crazy insane wild tough rough solid decent awful terrible
    amazing awesome cool neat sweet nice wonderful fantastic brilliant smart dumb silly weird
    strange odd funny serious hot cold warm cool fresh stale messy clean busy lazy boring fun
    rake raking pull pulling bring bringing clear clearing earn haul hauling score pocket
    vibe vibes grind hustle gig gigs rn tho tbh btw lol ok omg idk ikr
    kinda sorta gonna wanna gotta dunno lemme gimme yall
    anyway anyways literally totally absolutely completely fully mostly partly barely hardly
    really super extremely incredibly especially mainly primarily simply just only even
    stuff things ones guy guys folks someone everyone nobody
    day daily weekly monthly yearly annual annually hourly
    ask asking wondering curious interested interesting care caring worry worried
    quick quickly slow slowly fast faster easy easily hard harder heavy light
    mean meaning means basically exactly precisely specifically literally
    strength strengths weakness weaknesses realistic realistically expert experts trust
    basically honest opinion opinions view views advice suggestion suggestions
    """.split()
)
"""Everyday words that are never "corrected" into a knowledge-base word."""

EVERYDAY_WORDS = frozenset(
    """    accept accepted access account accurate achieve achieved achievement act action actions active
    activity add added adding address adjust admit adopt advantage affect afford afraid agree
    agreed agreement ahead aim allow allowed alone alternative amount announce annoying answer
    anxious apart apparent appear approach approve area argue argument arrange arrive aspect
    assess assign assist assume attempt attend attention attitude attract available avoid aware
    balance base based basis bear beat behalf behave behavior behaviour behind belong benefit
    beyond blame block board body bold boost bother bottom boundary brain branch break brief
    broad broken budget build built burden burn burned burnout calm capable capacity care career
    careful carry catch cause center central chance charge cheap check choice choose chosen
    claim class clean clear client close closely coach collect combine comfort comfortable
    command comment commit commitment common communicate community complain complete complex
    concern concept conclude condition conduct confidence confident confirm conflict confused
    connect consider consistent constant contact contain content context continue contract
    control convince cope copy core correct cost count couple course cover crack create credit
    crisis critical criticism cross crucial culture current cut daily damage deadline deadlines
    deal dealing decide decision deep defend define degree delay deliver demand depend describe
    deserve design desire detail details determine develop devote difference difficulty direct
    direction discuss discussion distance divide document domain doubt draft drive drop due
    duty eager earn ease edge effect effective effectively efficient effort either element
    eliminate else emerge emphasis employ employee employees employer enable encourage end
    energy engage enjoy ensure enter entire environment equal error escape essential establish
    estimate evaluate event evidence evolve exact examine exceed excellent exchange excited
    exist expand expect expensive experience expert explain explore express extend extra
    face fail failure fair fall falling familiar fault favor fear feature feedback fight figure
    fill final find fine finish firm fit fix flexible focus follow force form formal forward
    frame free frequent friend friendly front frustrated fulfil fulfill function fund gain gap
    gather general generate goal govern grade grant grasp ground group grow growth guarantee
    guide habit half handle hang happen happy harm head heading health hear heavy help hesitate
    hide highlight hire hold honest hope host hour huge human hurt identify ignore image impact
    implement imply improve include income increase independent indicate individual influence
    inform initial input insight insist inspire instance intend interest internal interview
    introduce invest invite involve issue item join judge jump junior justify keen key kick
    kind knowledge label lack land language large latest launch layer learn leave lecture left
    length lesson level lie limit line link list listen load local lock logic loose lose loss
    lost loud love low luck maintain major manage mark master match material matter measure
    meet meeting meetings member memory mention mentor merit message method middle mind miss
    mission mistake mix mode model moment money monitor mood motivate motivation move multiple
    native nature negative negotiate nervous network neutral normal note notice object objective
    obtain obvious occur offer official open operate opinion opportunity option order
    organize origin outcome output outside overcome overview owner pace pack pair panic paper
    parallel particular partner party pass passion path pattern pay peak peer perform perhaps
    period permit personal perspective phase pick picture piece pitch plan play pleasure plenty
    pocket point policy polite poor popular position positive possess post potential power
    practical practice praise prefer prepare present pressure pretend prevent previous price
    pride primary principle prior priority private problem procedure proceed process produce
    product professional progress project promise promote proof proper protect proud prove
    provide public publish pull purpose push qualify quality quarter quick quiet quit quote
    raise range rank rate rather reach react read ready realize reason receive recent recognize
    recommend record recover reduce refer reflect refuse regard regular reject relate relation
    relationship relax release relevant rely remain remember remind remote remove repeat
    replace reply report represent request require research reserve resist resolve resource
    respect respond response responsible rest result retain return reveal review reward rich
    rid rise risk role room root round routine rule rush safe satisfy save scale schedule scope
    score search season secure seek select sell send senior sense sensitive separate serious
    serve service session settle severe shape share sharp shift short show sign signal
    significant silent simple single site situation size skill slight smart smooth social solid
    solve sort source space speak special speed spend split spot spread stable staff stage
    stand standard start state status steady step stick stop straight strategy stress stretch
    strict strike strong structure struggle student study style subject submit succeed success
    suffer suggest suit summary supply support suppose surface surprise survive switch system
    tackle talent target task taste teach team tend term test theory thorough threat tight
    tip title tone tool top topic total touch tough track trade train transfer trend trial
    trick trigger trouble trust truth turn typical unclear understand unique unit update upset
    urgent useful user value variety version view visible vision voice volume wait wake walk
    warn waste watch weak wear weight welcome whole wide win wish worry worth write wrong
    yield zone spec specs specification specifications doc docs
    enumerate outline elaborate describe list name explain summarize summarise detail clarify
    contrast define discuss share provide according per guide differ differs differed vary
    varies varied depend depends depending typical typically usually generally mostly
    compare comparing versus similar same different difference differences
    largest smallest biggest highest lowest location locations city cities state states country
    countries area areas region regions place places world global local national international
    percent percentage percentages rate rates ratio share number numbers amount figure figures
    micromanage micromanaging sprint sprints standup standups underperforming underperformer
    onboard onboarding offboarding curve bump retro retrospective backlog okr okrs kanban agile
    feedback review reviews appraisal appraisals promotion promotions hiring firing layoff
    schedules meeting deadlines respected behind sharpen sharpened sharper creep creeping
    overtime workload workday weekday weekend office remote hybrid onsite colleague colleagues
    coworker coworkers peer peers boss bosses report reports manager managers direct reports
    lead leads leading leader leaders leadership people team teams member members
    info information stuff thing things way ways kind kinds sort sorts lot lots bit bits deal
    idea ideas question questions answer answers example examples reason reasons fact facts
    compliant compliance complying comply accountable accountability responsible
    writer writing written listener learner
    chops plate gig vibe vibes gist nutshell ballpark rough roughly ish kinda sorta gonna wanna
    gotta lemme dunno legit solid decent awesome great nice cool okay ok fine bad worse worst
    better best good greater greatest huge tiny little big bigger biggest small smaller
    easy easier hard harder tricky messy painful smooth fast faster slow slower quick quickly
    early earlier late later soon often rarely sometimes always never ever usually basically
    actually really truly exactly honestly seriously simply mainly mostly fairly pretty quite
    realistic realistically possible impossible likely unlikely probably definitely certain
    maybe worth worthwhile useful useless helpful valuable overrated underrated hyped hype
    buzzword buzz real fake true false right wrong proper properly correct correctly
    inspiring inspire inspired motivated motivating boring exciting exhausting exhausted tired
    stuck lost confused unsure curious interested wondering wonder guess hoping hope
    enough plenty much many more most less least few several various whole entire
    someone somebody anyone anybody everyone everybody nobody folks guys people person
    thoughts thought think thinking believe feel feeling feelings sense opinion advice
    trait traits quality qualities habit habits strength strengths weakness weaknesses
    ability abilities talent gift aptitude knack mindset attitude approach style manner
    toward towards upon within without across along among around beside besides despite
    whether unless until since though although however therefore otherwise instead
    expected expectation expectations require requires required requirement requirements
    handle handles handling cope coping manage manages managed manager tackle tackling
    aim aiming goal goals plan planning plans steps step stage stages level levels
    first second third last next previous final initial main key core basic basics
    beginner advanced intermediate expert novice newcomer veteran

    sensible reasonable sensibly reasonably logical practical feasible viable suitable appropriate
    adequate sufficient insufficient acceptable unacceptable ideal optimal decent modest moderate
    significant considerable substantial notable remarkable noticeable meaningful minor marginal
    alongside throughout beneath underneath meanwhile moreover furthermore nevertheless nonetheless
    hence thus accordingly consequently likewise similarly namely regarding concerning including
    excluding towards onto via whereas wherever whenever whoever whatever whichever somewhat
    accessible accessibility usable usability reliable reliability consistent consistently
    sustainable robust resilient transparent transparency accountable fairness unbiased biased
    patent patents publication publications paper papers journal journals conference conferences
    afternoon evening morning tonight yesterday tomorrow today week weeks month months year years
    decade decades century nowadays currently recently lately previously formerly eventually
    ultimately initially finally gradually rapidly steadily slowly quickly immediately instantly
    attract attracting attraction retain retaining retention recruit recruiting recruitment
    strengthen strengthened weaken weakened broaden deepen widen tighten loosen lengthen shorten
    enhance enhanced enrich empower empowered enable enabled equip equipped foster fostering nurture
    cultivate develop developing developed mature maturing matured evolve evolving evolved
    assistant assistance helper guidance guideline guidelines instruction instructions walkthrough
    overview summary recap rundown breakdown outline sketch snapshot picture portrait profile
    significance importance relevance usefulness value benefit benefits drawback drawbacks downside
    downsides upside upsides advantage advantages disadvantage disadvantages pros cons tradeoff
    tradeoffs tradeoff compromise balance balancing priority prioritize prioritise prioritizing
    organisation organisations organization organizations organisational organizational company
    companies firm firms business businesses enterprise enterprises corporation corporations startup
    startups employer employers workplace workplaces department departments division divisions
    executive executives stakeholder stakeholders client clients customer customers partner partners
    vendor vendors supplier suppliers investor investors board shareholders audience audiences
    visionary vision visions mission missions purpose purposes values principle principles ethic
    ethics ethical ethically moral morally integrity honesty humility patience persistence
    resilience grit courage curiosity creativity creative innovative innovation innovations
    initiative initiatives proactive reactive decisive decisiveness assertive assertiveness humble
    confident confidence charisma charismatic persuasive persuasion influence influential
    negotiation negotiating negotiate diplomacy diplomatic tact tactful patient empathetic empathic
    compassionate supportive respectful approachable trustworthy dependable organized organised
    disciplined focused determined ambitious driven motivated dedicated committed passionate
    competent competence competency competencies capability capabilities proficiency proficient
    mastery expertise skilled skillful unskilled experienced inexperienced qualified unqualified
    credential credentials background backgrounds track record portfolio resume cv transcript
    bachelor bachelors masters doctorate doctoral graduate undergraduate postgraduate
    apply applying application applications applicant applicants candidate candidates shortlist
    opening openings vacancy vacancies posting postings listing listings position positions
    seniority tenure rank ranking ladder rung rungs promotion ceiling floor cap bracket brackets
    outlook prospects prospect forecast projection projections estimate estimates prediction
    predictions scenario scenarios possibility possibilities likelihood probability odds chance
    surge spike boom bust decline declining shrinking shrink expanding expansion contraction
    saturated saturation shortage shortages surplus scarcity scarce abundant abundance plentiful
    hype hyped buzz excitement enthusiasm skepticism doubt doubts concern concerns worries worry
    obstacle obstacles barrier barriers hurdle hurdles roadblock roadblocks bottleneck bottlenecks
    setback setbacks pitfall pitfalls trap traps mistake mistakes blunder failure failures
    difficult difficulty difficulties tough toughest hardest easiest simplest trickiest
    debt debts corps corporates corporate reputation reputations visibility sum
    vulnerability vulnerable cadence adopter adopters rapport ambiguity ambiguous
    route routes drama suck sucks lol lmao

        """.split()
)
"""More everyday English, including workplace words: known (never foreign), but unlike
`COMMON_WORDS` not ignored when words are mined for evidence."""


class Analyzer:
    """Tokens -> terms: spelling-corrected, then stemmed; cached per token.

    A token that is a known word (the domain `vocabulary`, everyday English, or `known`
    off-domain words) is only stemmed. Any other is compared with known words of similar length
    (rapidfuzz `process.extract` with the OSA edit distance): one edit up to 7 letters, two beyond
    (and two slips in a 6-7 letter word towards an `important` keyword). A one-edit fix must look
    like a slip of the fingers (`_slip`), and a word for a person by trade is not "corrected" into
    a related form of another word (`_related`). Among the closest, the most similar (rapidfuzz
    `fuzz.ratio`), then the important, wins. A token with no such neighbour is *foreign*: neither
    the domain's nor everyday English, probably what an out-of-scope question is about.
    Tokens of three letters or fewer and numbers are left alone.
    """

    def __init__(
        self,
        vocabulary: Iterable[str],
        *,
        important: Iterable[str] = (),
        known: Iterable[str] = (),
        fillers: Iterable[str] = (),
        untargeted: Iterable[str] = (),
    ) -> None:
        self._fillers: dict[str, list[tuple[str, ...]]] = {}
        for filler in fillers:
            key = tokens_of(filler)
            if key:
                self._fillers.setdefault(key[0], []).append(key)
        for keys in self._fillers.values():
            keys.sort(key=len, reverse=True)
        self._filler_starts = frozenset(self._fillers)
        words = {w for w in vocabulary if w}
        every = words | COMMON_WORDS | EVERYDAY_WORDS | {w for w in known if w}
        self._known = frozenset(every)
        self._known_stems = frozenset(stem(w) for w in every)
        # words known only from inside a keyword phrase ("softer" of "softer side") are never
        # what a typo meant: "sister" is no slip for "softer"
        self.phrase_only = frozenset(untargeted)
        targets = every - self.phrase_only
        self._targets = frozenset(targets)
        by_length: dict[int, list[str]] = {}
        for word in targets:  # off-domain words too: "laywer" is a lawyer, not a foreign word
            if len(word) >= 3 and word.isalpha():
                by_length.setdefault(len(word), []).append(word)
        self._by_length = {n: sorted(ws) for n, ws in by_length.items()}
        self._cache: dict[str, str] = {}
        self._foreign: set[str] = set()
        self._near_cache: dict[tuple[int, int], list[str]] = {}
        self._deletions_cache: dict[int, dict[str, tuple[str, ...]]] = {}
        self._tails_cache: dict[int, dict[str, tuple[str, ...]]] = {}
        self._one_edit_cache: dict[str, list[str]] = {}
        self._by_initial: dict[tuple[str, int], list[str]] | None = None
        self._initial_cache: dict[tuple[str, int, bool], list[str]] = {}
        self._domain = frozenset(words)
        self._plain = self._domain | COMMON_WORDS | EVERYDAY_WORDS
        self._important = frozenset(important) or self._domain
        self._prefixes: frozenset[str] | None = None
        self._derived_cache: dict[str, bool] = {}
        self._splits: dict[str, tuple[str, ...]] = {}
        self._as_typed: set[str] = set()  # tokens `_split` leaves as they are
        self._protected: frozenset[str] = frozenset()
        self._joinable = frozenset(w for w in self._important if len(w) >= 3 and w.isalpha()) | _SHORT_PARTS

    def learn(self, words: Iterable[str]) -> None:
        """Take `words` as words in their own right from now on: the matcher's cue words
        ("intern", "regression", "recall") are never "corrected" into the guide's words, and
        typos of them are corrected to them. Caches that may hold a correction start over."""
        new = {w for w in words if w and w.isalpha() and len(w) > 3 and w not in self._known}
        if not new or new <= self._protected:
            return
        self._protected = self._protected | new
        self._targets = self._targets | new
        by_length = {n: list(ws) for n, ws in self._by_length.items()}
        for word in new:
            by_length.setdefault(len(word), []).append(word)
        self._by_length = {n: sorted(set(ws)) for n, ws in by_length.items()}
        for cache in (
            self._cache,
            self._splits,
            self._near_cache,
            self._deletions_cache,
            self._tails_cache,
            self._one_edit_cache,
            self._initial_cache,
        ):
            cache.clear()
        self._as_typed.clear()
        self._foreign.clear()
        self._derived_cache.clear()
        self._by_initial = None

    def strip(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        """`tokens` without filler phrases ("hey bot", "quick question", "please"), with words
        typed without a space between them split ("techlead" -> "tech", "lead") and British
        spellings or doubled letters read as the known word ("visualisation", "talkinng")."""
        if not self._as_typed.issuperset(tokens):  # most tokens were seen before and stay as typed
            splits = self._splits
            parts = [splits.get(t) or self._split(t) for t in tokens]
            if any(len(p) > 1 or p[0] != t for p, t in zip(parts, tokens, strict=True)):
                tokens = tuple(t for p in parts for t in p)
        fillers = self._fillers
        if self._filler_starts.isdisjoint(tokens):
            return tokens
        out: list[str] = []
        i, n = 0, len(tokens)
        while i < n:
            for key in fillers.get(tokens[i], ()):
                if tokens[i : i + len(key)] == key:
                    i += len(key)
                    break
            else:
                out.append(tokens[i])
                i += 1
        return tuple(out)

    def _split(self, token: str) -> tuple[str, ...]:
        """`token`, or the domain words it runs together ("aitechleads" -> ai, tech, leads)."""
        parts = (token,)
        if len(token) >= 5 and token.isalpha() and not self.known(token) and not self._stem_known(token):
            respelled = self._respelled(token)
            if respelled:
                found: tuple[str, ...] | None = (respelled,)
            elif _extract(token, self._one_edit(token), 1):  # "hardset" is "hardest", not hard + set
                found = None
            else:
                found = self._run_together(token, depth=3)
            if found:
                parts = found
        if len(self._splits) >= CACHE_LIMIT:
            self._splits.clear()
            self._as_typed.clear()
        self._splits[token] = parts
        if parts == (token,):
            self._as_typed.add(token)
        return parts

    def _stem_known(self, token: str) -> bool:
        """Whether `token` is a form of a known word ("rolled", "degrade"): its stem is known,
        and it is not a known word with a stray e ("rolle" is no form of "roll")."""
        return stem(token) in self._known_stems and not (token.endswith("e") and token[:-1] in self._known)

    def _respelled(self, token: str) -> str | None:
        """The known word `token` is a British spelling of ("organisation", "behavioural"), or
        a letter typed twice too many ("talkinng")."""
        for british, american in _BRITISH:
            if british in token:
                word = token.replace(british, american)
                if self.known(word) or self.known(stem(word)):
                    return word
        for i in range(1, len(token)):
            if token[i] == token[i - 1]:
                word = token[:i] + token[i + 1 :]
                if self.known(word) or self.known(stem(word)):
                    return word
        return None

    def _run_together(self, token: str, depth: int) -> tuple[str, ...] | None:
        parts = self._joinable
        best: tuple[str, ...] | None = None
        for i in range(2, len(token) - 1):
            left, right = token[:i], token[i:]
            if left not in parts:
                continue
            if right in parts or stem(right) in parts:
                found: tuple[str, ...] | None = (left, right)
            else:
                found = self._run_together(right, depth - 1) if depth > 1 else None
                found = (left, *found) if found else None
            if found and (best is None or len(found) < len(best)):
                best = found
        return best

    def foreign(self, term: str) -> bool:
        """A word neither of the knowledge base's domain nor everyday English, nor a typo of
        one: the question is probably about something else ("challenges of playing *guitar*").
        Known once the token has been through `term()`."""
        return term in self._foreign

    @property
    def foreign_terms(self) -> set[str]:
        """The terms `foreign` is true of (live: it grows as new words come)."""
        return self._foreign

    def person(self, term: str) -> bool:
        """Whether a foreign term looks like a word for a person by trade ("ethicist")."""
        return term in self._foreign and _agentive(term)

    def known(self, term: str) -> bool:
        """Whether `term` (a token or a stem) is in the vocabulary."""
        return term in self._known or term in self._known_stems

    def term(self, token: str) -> str:
        """The term for one token (cached)."""
        cached = self._cache.get(token)
        if cached is None:
            if len(self._cache) >= CACHE_LIMIT:  # a long-running server: start over, memory stays bounded
                self._cache.clear()
                self._foreign.clear()  # filled by _correct for the tokens cached here
            cached = self._cache[token] = self._correct(token)
        return cached

    def terms(self, tokens: Iterable[str]) -> tuple[str, ...]:
        """Terms for a token sequence."""
        get = self._cache.get
        terms = [get(t) for t in tokens]
        if None in terms:
            terms = [
                term if term is not None else self.term(t) for term, t in zip(terms, tokens, strict=True)
            ]
        return tuple(terms)

    def _correct(self, token: str) -> str:
        stemmed = stem(token)
        if len(token) <= 3 or not token.isalpha() or token in self._known:
            return stemmed
        if self._stem_known(token):  # "rolled", "degrade"; not "rolle" (a typo)
            return stemmed
        if token.endswith(("ing", "ed")) and stemmed + "e" in self._known:  # "giving": "give"
            return stemmed
        if token in self._protected:  # a cue word of the matcher: itself
            return stemmed
        # Typo-like edits only: one edit (a transposition counts as one) up to 7 letters, two
        # beyond; a real word one letter away from a domain word ("parent"/"present") is left be.
        found = self._candidates(token)
        if not found:
            if self._derived(token):  # "adapt" beside "adaptability": a form of a domain word
                return stemmed
            self._flag(stemmed)  # probably what the question is really about
            return stemmed
        # one letter off must look like a slip of the fingers, except in a long word, where any
        # one letter ("compensasion") is a typo rather than another word
        found = [hit for hit in found if hit[1] > 1 or len(token) >= _ANY_SLIP or _slip(token, hit[0])]
        if not found:
            self._flag(stemmed)
            return stemmed
        closest = min(distance for _, distance, _ in found)
        first_letter = closest > 1 or len(token) <= 4  # two slips, or a short word: same first letter
        words = [
            w for w, distance, _ in found if distance == closest and (not first_letter or w[0] == token[0])
        ]
        if _agentive(token):  # "librarian" is no typo of "library", nor "auditor" of "audit"
            words = [w for w in words if _agentive(w) or not _related(token, w, closest)]
            if not words:
                self._flag(stemmed)
                return stemmed
        if not words:
            return stemmed
        letters = sorted(token)  # two letters swapped ("cheif"): the same letters win ("chief", not "chef")
        best = max(
            words,
            key=lambda w: (
                sorted(w) == letters,
                fuzz.ratio(token, w),
                w in self._important,
                w in self._plain,
            ),
        )
        return stem(best)

    def _derived(self, token: str) -> bool:
        """Whether `token` is another form of a domain word: a domain word begins with its stem
        ("adapt" / "adaptability"), it is a domain word plus a short ending, or the two share
        all but a short ending ("collaborating" / "collaboration"). Words for people by trade
        are not forms of a domain word ("interpreters")."""
        if _agentive(token):  # "interpreters" are people, not interpretability
            return False
        prefixes = self._prefixes
        if prefixes is None:  # built on first need: most questions never get here
            roots = (w for w in self._domain if len(w) > _MIN_ROOT and w.isalpha())
            prefixes = self._prefixes = frozenset(w[:n] for w in roots for n in range(_MIN_ROOT, len(w)))
        root = stem(token)
        if len(root) >= _MIN_ROOT and root in prefixes:
            return True
        domain = self._domain
        if any(token[:n] in domain for n in range(max(_MIN_ROOT, len(token) - 5), len(token))):
            return True
        # a shared root with another ending: "collaborator" / "collaboration"
        return any(token[:n] in prefixes for n in range(max(_MIN_ROOT + 1, len(token) - 3), len(token)))

    def derived(self, term: str) -> bool:
        """`_derived` for a term already through `term()` (cached)."""
        known = self._derived_cache.get(term)
        if known is None:
            if len(self._derived_cache) >= CACHE_LIMIT:
                self._derived_cache.clear()
            known = self._derived_cache[term] = self._derived(term)
        return known

    def _flag(self, stemmed: str) -> None:
        """Mark a term foreign, unless it is also the stem of a known word: "steme" (a typo with
        no close word) must not make "stem" foreign for every later question."""
        if stemmed not in self._known_stems:
            self._foreign.add(stemmed)

    def _candidates(self, token: str) -> list[tuple[str, float, int]]:
        """Known words a typo may have meant, with their OSA distances: one edit up to 7 letters,
        two beyond, or else two slips in a 6-7 letter word towards an important word."""
        found = self._close(token)
        if not found and 6 <= len(token) <= 7:  # two slips in a short word of the domain
            found = _extract(token, self._initial_near(token, important=True), 2)
        return found

    def _close(self, token: str) -> list[tuple[str, float, int]]:
        """Known words within one edit of `token` (up to 7 letters) or two (longer), as
        `process.extract` over `_near(token, edits)` lists them (by distance, then length, then
        alphabetically), without comparing `token` with every word of a similar length.

        Words one edit away come from the deletion index (`_one_edit`). For a longer token, a
        one-edit slip wins over any word two edits away, and of those only words with the
        token's first letter can win (see `_correct`); a word two away with another first letter
        only tells that the token is not foreign, so without a winner one such word is enough.
        """
        ones = _extract(token, self._one_edit(token), 1)
        if len(token) <= 7 or any(_slip(token, word) for word, _, _ in ones):
            return ones
        twos = [hit for hit in _extract(token, self._initial_near(token), 2) if hit[1] == 2]
        if twos:
            return ones + twos
        other = self._two_edits_other_initial(token)
        return ones + [(other, 2, 0)] if other else ones

    def _two_edits_other_initial(self, token: str) -> str | None:
        """A known word two edits from `token` (OSA) that begins with another letter, if any.

        With different first letters one of the two edits is at the front: the first letter
        was changed, dropped, added, or swapped with the second; what remains is one edit
        apart. So the candidates are words whose tail is one edit from `token` or from its
        tail, words one edit from its tail, and words beginning with its first two letters
        swapped; each is then checked.
        """
        rest = token[1:]
        candidates = [*self._tail_one_edit(rest), *self._tail_one_edit(token), *self._one_edit(rest)]
        swapped = token[1] + token[0] + token[2:]  # its words begin with token[1]: near in length
        candidates += [w for w in self._initial_near(swapped) if w.startswith(swapped[:2])]
        first = token[0]
        for word in candidates:
            if word[0] != first and OSA.distance(token, word, score_cutoff=2) == 2:
                return word
        return None

    def _tail_one_edit(self, text: str) -> set[str]:
        """Candidates for the known words whose tail (all but the first letter) is within one
        edit of `text` (a superset), as `_one_edit` finds words."""
        n = len(text)
        deletes = {text[:i] + text[i + 1 :] for i in range(n)}
        found: set[str] = set(self._tails(n).get(text, ()))
        found.update(self._tails(n + 1).get(text, ()))
        shorter, same = self._tails(n - 1), self._tails(n)
        for d in deletes:
            found.update(shorter.get(d, ()))
            found.update(same.get(d, ()))
        return found

    def _tails(self, length: int) -> dict[str, tuple[str, ...]]:
        """Words whose tail has `length` letters, by the tail and by each of its one-letter
        deletions (built per length on first need)."""
        index = self._tails_cache.get(length)
        if index is None:
            index = {}
            get = index.get
            for word in self._by_length.get(length + 1, ()):
                tail = word[1:]
                index[tail] = get(tail, ()) + (word,)
                for i in range(length):
                    if i and tail[i] == tail[i - 1]:
                        continue
                    key = tail[:i] + tail[i + 1 :]
                    index[key] = get(key, ()) + (word,)
            self._tails_cache[length] = index
        return index

    def _one_edit(self, token: str) -> list[str]:
        """Candidates for the known words one edit from `token` (a superset, in `_near`'s order).

        SymSpell-style: a word one edit away either is `token` minus a letter, or has `token`
        among its own one-letter deletions, or shares one of them (a letter changed, or two
        neighbours swapped), so a few dictionary look-ups replace a scan of ~1,500 words.
        Kept per token: `_split` asks before `_correct` does.
        """
        cached = self._one_edit_cache.get(token)
        if cached is not None:
            return cached
        n = len(token)
        deletes = {token[:i] + token[i + 1 :] for i in range(n)}
        known = self._targets  # the words of `_by_length`; a deletion is alphabetic
        found = {d for d in deletes if d in known and len(d) >= 3}
        same = self._deletions(n)
        for d in deletes:
            found.update(same.get(d, ()))
        found.update(self._deletions(n + 1).get(token, ()))
        words = sorted(found, key=_by_length_then_word)
        if len(self._one_edit_cache) >= CACHE_LIMIT:
            self._one_edit_cache.clear()
        self._one_edit_cache[token] = words
        return words

    def _deletions(self, length: int) -> dict[str, tuple[str, ...]]:
        """Words of `length` letters by each of their one-letter deletions (built per length on
        first need: a one-off `aitl ask` with a typo builds two or three lengths)."""
        index = self._deletions_cache.get(length)
        if index is None:
            index = {}
            get = index.get
            for word in self._by_length.get(length, ()):
                for i in range(length):
                    if i and word[i] == word[i - 1]:
                        continue  # a doubled letter: the same deletion as the one before
                    key = word[:i] + word[i + 1 :]
                    index[key] = get(key, ()) + (word,)
            self._deletions_cache[length] = index
        return index

    def _initial_near(self, token: str, *, important: bool = False) -> list[str]:
        """`_near(token, 2)` restricted to words with `token`'s first letter (and to important
        words when `important`), in the same order."""
        key = (token[0], len(token), important)
        words = self._initial_cache.get(key)
        if words is None:
            by_initial = self._initials()
            pool = self._important if important else None
            lengths = range(len(token) - 2, len(token) + 3)
            words = [
                w for n in lengths for w in by_initial.get((token[0], n), ()) if pool is None or w in pool
            ]
            if len(self._initial_cache) >= 4096:  # first letters are few, unless the text is not Latin
                self._initial_cache.clear()
            self._initial_cache[key] = words
        return words

    def _initials(self) -> dict[tuple[str, int], list[str]]:
        """The words of `_by_length` by first letter and length, in `_near`'s order."""
        by_initial = self._by_initial
        if by_initial is None:
            by_initial = self._by_initial = {}
            for length, same_length in self._by_length.items():
                for word in same_length:
                    by_initial.setdefault((word[0], length), []).append(word)
        return by_initial

    def prepare(self) -> Analyzer:
        """Build the spelling indexes now (~20 ms) rather than as new words come: for servers,
        at start. A one-off `aitl ask` builds only the few it needs, on first need."""
        for length in self._by_length:
            self._deletions(length)
            self._tails(length - 1)
        self._initials()
        return self

    def _near(self, token: str, edits: int) -> list[str]:
        """Vocabulary and everyday words within `edits` letters of `token`'s length: the only
        ones an edit distance of at most `edits` can reach."""
        key = (len(token), edits)
        words = self._near_cache.get(key)
        if words is None:
            lengths = range(len(token) - edits, len(token) + edits + 1)
            words = [w for n in lengths for w in self._by_length.get(n, ())]
            self._near_cache[key] = words
        return words


def _extract(token: str, choices: list[str], edits: int) -> list[tuple[str, float, int]]:
    """`choices` within `edits` (OSA) of `token`: by distance, then in `choices`' order."""
    return process.extract(token, choices, scorer=OSA.distance, score_cutoff=edits, limit=None)


def _by_length_then_word(word: str) -> tuple[int, str]:
    return len(word), word


CACHE_LIMIT = 100_000
"""Tokens remembered per cache; past this a cache starts over (a full cache used to stop
caching, or, for `derived`, to answer False for every new word)."""

_BRITISH = (
    ("isation", "ization"),
    ("ise", "ize"),
    ("ising", "izing"),
    ("yse", "yze"),
    ("our", "or"),
    ("ogue", "og"),
    ("tre", "ter"),
    ("mme", "m"),
    ("ence", "ense"),
    ("lled", "led"),
    ("lling", "ling"),
)
"""British spellings and their American forms (the knowledge base is written in American English)."""

_ANY_SLIP = 9
"""Tokens this long are corrected for any one wrong letter, not only a neighbouring key."""

_SHORT_PARTS = frozenset({"ai", "ml", "tl", "sr", "jr"})
"""Two-letter words that may begin a run-together word ("aitechlead", "srcomp")."""

_MIN_ROOT = 5
"""Shortest root two forms of a word must share to count as one word ("adapt", "regul")."""
_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS: dict[str, frozenset[str]] = {}
for _row, _line in enumerate(_KEYBOARD):
    for _col, _key in enumerate(_line):
        _near_keys = set()
        for _r in (_row - 1, _row, _row + 1):
            if 0 <= _r < len(_KEYBOARD):
                for _c in (_col - 1, _col, _col + 1):
                    if 0 <= _c < len(_KEYBOARD[_r]):
                        _near_keys.add(_KEYBOARD[_r][_c])
        _NEIGHBOURS[_key] = frozenset(_near_keys - {_key})
_VOWELS = frozenset("aeiouy")


def _slip(typed: str, word: str) -> bool:
    """Whether one edit from `word` to `typed` looks like a slip of the fingers: a letter
    dropped, doubled or swapped with its neighbour, a neighbouring key, or a vowel for a vowel
    ("salery"). "goats" is not a slip for "goals" (t and l are far apart)."""
    if len(typed) != len(word):
        return True
    diffs = [i for i, (a, b) in enumerate(zip(typed, word, strict=True)) if a != b]
    if len(diffs) != 1:
        return True  # a transposition
    a, b = typed[diffs[0]], word[diffs[0]]
    return (a in _VOWELS and b in _VOWELS) or b in _NEIGHBOURS.get(a, frozenset())


_AGENTIVE = ("er", "or", "ist", "ian", "ant", "ent", "ary", "ess")


def _agentive(word: str) -> bool:
    """Looks like a word for a person by trade ("librarian", "auditors", "tailor")."""
    word = word[:-1] if word.endswith("s") else word
    return len(word) >= 5 and word.endswith(_AGENTIVE)


def _related(token: str, word: str, distance: int) -> bool:
    """`word` looks like another form of `token` rather than a slip: one is a prefix of the
    other ("auditor"/"audit"), or they are two edits apart ("librarian"/"library")."""
    return distance > 1 or token.startswith(word) or word.startswith(token)


def analyzer_for(kb: Any) -> Analyzer:
    """The shared `Analyzer` for a knowledge base (built once per `kb` object)."""
    cached = _ANALYZERS.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    analyzer = new_analyzer(kb)
    _ANALYZERS[id(kb)] = (kb, analyzer)
    return analyzer


def new_analyzer(kb: Any, cls: type[Analyzer] = Analyzer) -> Analyzer:
    """A fresh `Analyzer` (or subclass) over the knowledge base's vocabulary (not shared)."""
    domain, important, other, phrase_only = _vocabulary(kb)
    return cls(
        domain,
        important=important - phrase_only,
        known=other,
        fillers=kb.entities.fillers,
        untargeted=phrase_only,
    )


_ANALYZERS: dict[int, tuple[Any, Analyzer]] = {}


def _vocabulary(kb: Any) -> tuple[set[str], set[str], set[str], set[str]]:
    """Words of the knowledge base: (in-domain, important, off-domain, phrase-only).

    Important words (preferred when correcting a typo, and the only targets of a two-slip
    correction) are those of the entity aliases and the guide's titles; the in-domain words add
    the help examples and the guide's own text. Nothing is off-domain or phrase-only any more:
    whether a question is in scope is learned (bot.engine.nlu), not listed.
    """
    important: set[str] = set()
    for text in (*kb.entities.all_aliases(), *(section.title for section in kb.sections.values())):
        important.update(tokens_of(str(text)))
    texts: list[str] = [*kb.entities.fillers, *kb.entities.place_names()]  # "moines" is no "maine"
    for spec in kb.intents.values():
        texts.extend(spec.examples)
    for section in kb.sections.values():  # the guide's own words are in the domain too
        texts.extend((*section.intro, *section.outro))
        for item in section.items:
            texts.extend((item.title, item.text, *item.points))
    words = set(important)
    for text in texts:
        words.update(tokens_of(str(text)))
    return words, important, set(), set()
