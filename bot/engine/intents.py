"""`IntentMatcher`: (Normalized, Entities) -> `Match`, the best contract intent or `unknown`.

Scoring, built once per knowledge base into one n-gram index over stemmed terms, so that a
question is scored in a single pass of dictionary look-ups:
1. Keyword evidence: intents.yaml keywords (words and phrases; negative weights argue against),
   plus words mined from each intent's phrasings and from the guide sections it answers from
   (weighted by how few intents use them).
2. Entity evidence: a level, years, place or industry points at `salary` (more when several
   are given); a named topic points at the list intent whose section holds it.
3. Off-domain evidence: `unknown`'s keywords name other professions, subjects and tasks
   ("nurse", "weather", "write me"); a *foreign* word (neither the guide's vocabulary nor
   everyday English, nor a typo of one: "tomatoes", "guitar") counts as much as the hard limit;
   a neighbouring tech role ("data scientist") counts unless the question relates it to the
   lead role. Naming the role ("tech lead") or the field ("ai", "ml") weakens that evidence,
   except for decisive keywords (weight >= `DECISIVE`: task requests such as "write me a
   function"); at `HARD_OFF_DOMAIN` the answer is `unknown`.
4. Near-verbatim phrasings: when keyword evidence is weak or the top two are close, rapidfuzz
   compares the question with every phrasing (`process.extractOne`, `fuzz.ratio` on sorted
   terms, i.e. a token-sort ratio, with a score cutoff) and adds a bonus to its intent.
Below the cutoff the match is `unknown`. The cutoff is lower when the question names the role,
a level, years or a place and nothing off-domain ("and for seniors?"), and for one- or two-word
questions. When the runner-up has evidence of its own close to the top's, `ambiguous` is set so
the answer can offer "Did you mean ...?".
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from bot.engine.entities import Entities
from bot.engine.knowledge import KnowledgeBase
from bot.engine.normalize import (
    COMMON_WORDS,
    EVERYDAY_WORDS,
    Analyzer,
    Normalized,
    analyzer_for,
    normalize,
    tokens_of,
)

CUTOFF = 3.0
"""Least evidence (after off-domain penalties) for an in-scope answer; calibrated on the golden set."""
SHORT_CUTOFF = 2.0
"""Cutoff for one- or two-word questions, which carry less evidence by nature."""
ROLE_CUTOFF = 1.5
"""Cutoff when the question names the role and nothing off-domain: it is about the role."""
HARD_OFF_DOMAIN = 4.5
DECISIVE = 8.0
"""`unknown` keywords weighing this much are decisive: naming the role does not weaken them."""
"""Off-domain evidence (after weakening by role or field words) that makes a question `unknown`."""
AMBIGUITY = 0.6
"""Runner-up score / top score at or above which the match is `ambiguous`..."""
AMBIGUOUS_MIN = 3.5
"""...provided the runner-up has this much evidence of its own (it was asked about too)."""
FUZZY_CUTOFF = 82.0
"""rapidfuzz `token_sort_ratio` a phrasing must reach to count as near-verbatim."""
FUZZY_BONUS = 3.0
CONFIDENT = 4.0
"""Top score above which, unless the runner-up is within `FUZZY_TIE`, the fuzzy pass is skipped."""
FUZZY_TIE = 0.85

ROLE_MARKERS: tuple[str, ...] = (
    "ai tech lead",
    "tech lead",
    "technical lead",
    "ai lead",
    "ml lead",
    "ai leader",
    "ml leader",
    "ai tl",
    "ai tls",
    "tl",
    "tls",
    "tech lead role",
    "ai lead role",
    "tl role",
    "ai leadership",
    "ml leadership",
    "ai team",
    "ml team",
    "ai manager",
    "head of ai",
    "vp of ai",
    "chief ai officer",
)
"""Words that name the role the guide is about: off-domain evidence counts a quarter."""
FIELD_WORDS: tuple[str, ...] = (
    "ai",
    "ml",
    "artificial intelligence",
    "machine learning",
    "deep learning",
    "data science",
    "llm",
    "genai",
    "model",
    "mlops",
    "neural network",
    "ai role",
)
"""Words of the field: off-domain evidence counts at `FIELD_FACTOR`."""
DEICTIC_ROLES: tuple[str, ...] = (
    "the role",
    "this role",
    "the position",
    "this position",
    "this job",
    "the job",
    "this gig",
    "such a role",
    "ai tech lead role",
    "tech lead role",
)
"""Words that point back at the role: unknown words beside them are vocabulary gaps, not
another subject (other off-domain evidence still counts in full)."""
WORK_CONTEXT: tuple[str, ...] = (
    "my team",
    "the team",
    "our team",
    "a team",
    "my job",
    "my work",
    "my career",
    "my role",
    "my manager",
    "my boss",
    "my engineers",
    "leading",
    "lead",
    "leader",
    "leadership",
    "manage",
    "managing",
    "hire",
    "hiring",
    "mentor",
    "mentoring",
    "team",
    "my",
    "our",
    "feedback",
    "onboard",
    "onboarding",
    "underperforming",
    "motivate",
    "retain",
    "coach",
    "attract",
    "attracting",
    "recruit",
    "recruiting",
    "recruitment",
    "retention",
    "retaining",
    "disagreement",
    "disagreements",
    "conflict",
    "conflicts",
    "collaborate",
    "collaborating",
)
"""The user's own work: words nothing else explains are probably about that work, not another
subject (lexicon off-domain and foreign words still count)."""
WEAK_LEVEL_ALIASES = frozenset(
    {
        "beginner",
        "beginners",
        "starting",
        "starting out",
        "first time",
        "newbie",
        "rookie",
        "chief",
        "head of",
    }
)
"""Level aliases that do not on their own make a question about the role's pay."""
ROLE_FACTOR = 0.25
FIELD_FACTOR = 0.6
ADJACENT_ROLES: tuple[str, ...] = (
    "data scientist",
    "ml engineer",
    "machine learning engineer",
    "ai engineer",
    "software engineer",
    "software developer",
    "swe",
    "sde",
    "data engineer",
    "data analyst",
    "business analyst",
    "product manager",
    "pms",
    "project manager",
    "program manager",
    "engineering manager",
    "research scientist",
    "devops engineer",
    "qa engineer",
    "frontend developer",
    "backend developer",
    "full stack developer",
    "web developer",
    "scrum master",
    "product owner",
    "cto",
    "chief technology officer",
    "engineer",
    "developer",
    "programmer",
    "architect",
    "analyst",
    "designer",
    "scientist",
    "technician",
    "administrator",
    "specialist",
    "consultant",
    "prompt engineer",
    "cloud engineer",
    "researcher",
    "tester",
    "manager",
    "planner",
    "coordinator",
    "supervisor",
    "assistant",
    "representative",
    "agent",
    "ceo",
    "cfo",
    "coo",
    "cmo",
    "chief executive officer",
    "chief financial officer",
    "chief operating officer",
    "chief marketing officer",
    "intern",
    "interns",
    "internship",
)
"""Neighbouring tech roles: a question about *them* is out of scope, one about moving on from them
towards the lead role is not."""
ADJACENT_WEIGHT = 5.0
FOREIGN_WEIGHT = HARD_OFF_DOMAIN
"""Off-domain evidence per word that is neither the guide's vocabulary nor everyday English."""
FOREIGN_MAX = 2
UNEXPLAINED_WEIGHT = 4.5
"""Off-domain evidence per content word nothing in the knowledge base uses (nor everyday English),
when the question names neither the role, the field, a salary facet, a topic nor one's own work:
such a word is then what the question is about ("challenges of beekeeping")."""
MOVE_CUES: tuple[str, ...] = (
    "become",
    "transition",
    "move",
    "switch",
    "pivot",
    "from",
    "path",
    "promote",
    "promoted",
    "promotion",
    "grow",
    "career",
    "i am",
    "as a",
    "my",
    "me",
    "step",
    "after",
    "next",
    "into",
    "vs",
    "versus",
    "compared",
    "than",
    "difference",
    "manage",
    "lead",
    "mentor",
    "replace",
    "hire",
    "hiring",
    "managing",
    "leading",
    "work with",
    "team",
)

LEAD_INS = frozenset(
    {"what", "how", "which", "who", "why", "where", "when", "is", "are", "do", "does", "can", "should"}
)
"""Question words: a word or two before one ("channel, what are the challenges?", "folks how much
...") address someone or are a stray paste, not the subject; such words are not foreign evidence."""
CONCEPTS: tuple[str, ...] = (
    "cnn",
    "cnns",
    "rnn",
    "rnns",
    "lstm",
    "gru",
    "transformer",
    "transformers",
    "attention",
    "attention mechanism",
    "self attention",
    "backpropagation",
    "backprop",
    "gradient descent",
    "gradient",
    "softmax",
    "activation function",
    "loss function",
    "overfitting",
    "underfitting",
    "regularization",
    "dropout",
    "bias variance",
    "random forest",
    "decision tree",
    "decision trees",
    "logistic regression",
    "linear regression",
    "regression",
    "k means",
    "clustering",
    "svm",
    "embedding",
    "embeddings",
    "tokenizer",
    "tokenization",
    "convolution",
    "neural network",
    "neural networks",
    "perceptron",
    "xgboost",
    "naive bayes",
    "reinforcement learning",
    "gan",
    "gans",
    "autoencoder",
    "fine tuning",
    "fine tune",
    "hyperparameter",
    "hyperparameters",
    "epoch",
    "batch norm",
    "reinforcement learning from human feedback",
    "rlhf",
    "architecture of",
    "transformer architecture",
    "precision and recall",
    "confusion matrix",
    "pca",
    # tools and platforms: which to know is a skills question, how one works or compares is not
    "tensorflow",
    "pytorch",
    "keras",
    "scikit learn",
    "sklearn",
    "aws",
    "azure",
    "gcp",
    "sagemaker",
    "mlflow",
    "kubeflow",
    "kubernetes",
    "docker",
    "airflow",
    "spark",
)
"""Techniques of the field: the guide names some as things to master, but asking how one works
("explain backpropagation", "CNN vs RNN?") is homework, not a question about the role."""
EXPLAIN_CUES: tuple[str, ...] = (
    "explain",
    "difference between",
    "how does",
    "how do",
    "what is",
    "what are",
    "what is a",
    "what is an",
    "implement",
    "implementing",
    "code",
    "tutorial",
    "example of",
    "formula",
    "vs",
    "versus",
    "derive",
    "calculate",
    "compute",
    "intuition",
    "work",
    "works",
)
"""Asking for an explanation or an implementation."""
LEARN_CUES: tuple[str, ...] = (
    "learn",
    "master",
    "know",
    "need",
    "should",
    "skill",
    "skills",
    "expertise",
    "experience",
    "familiar",
    "important",
    "matter",
    "required",
    "require",
)
"""Asking whether or what to learn: a technique named beside one is a skill question."""
CONCEPT_WEIGHT = 5.0
HOWTO_VERBS: tuple[str, ...] = (
    "deploy",
    "install",
    "set up",
    "setup",
    "configure",
    "debug",
    "train",
    "host",
    "containerize",
    "run",
)
"""Hands-on tasks: with a technique or tool named ("deploy a model on AWS") the question asks how
to do the work, which the guide does not teach."""
PRODUCTS: tuple[str, ...] = (
    "tool",
    "software",
    "app",
    "laptop",
    "library",
    "platform",
    "book",
    "books",
    "course",
    "podcast",
    "ide",
    "editor",
    "vendor",
    "product",
    "gpu",
    "newsletter",
)
RECOMMEND_CUES: tuple[str, ...] = (
    "best",
    "recommend",
    "recommendation",
    "good",
    "top",
    "favorite",
    "favourite",
)
"""With a kind of product ("the best MLOps tool", "recommend a good course"): a shopping question,
outside the guide -- unless it names the role ("best book for a new AI tech lead")."""
RECOMMEND_WEIGHT = 5.0

# entity evidence
LEVEL_SALARY = 1.5
PLACE_SALARY = 2.0
INDUSTRY_SALARY = 1.5
YEARS_SALARY = 1.0
YEARS_QUALIFICATIONS = 0.5
MULTI_FACET_SALARY = 2.0
AMOUNT_SALARY = 2.5
TOPIC_BONUS = 2.5
PRIMARY_TOPIC_BONUS = 0.6
TOPIC_OVERVIEW_FACTOR = 0.5
SKILL_KIND_BONUS = 1.5
MINED_WEIGHT = 1.2
GUIDE_WEIGHT = 1.0
ROLE_AT_END = 2.0
ANCHORED_EVIDENCE = 4.0
"""Intent evidence at which, with the field named ("AI", "models"), unknown words beside it are
vocabulary gaps ("roll out models safely"), not another subject."""
HELP_ANCHOR = 6.0
"""`help` evidence at which a question is about the bot itself: unknown words beside it are not
another subject ("what sort of things can this assistant answer?")."""
ROLE_WHAT = 4.0
"""Evidence for `overview` when a question ends "what is an AI tech lead?" after a preface."""
FACET_SALARY = 2.0
"""Further evidence for `salary` per salary facet beyond two (level, place and industry given)."""
_COMPLEMENT = frozenset({"for", "as", "among", "between"})
_WHAT_FILLERS = frozenset({"a", "an", "the", "exactly", "really", "actually", "even", "precisely", "anyway"})
"""Evidence for `overview` when a question ends by naming the role and asks nothing more specific."""

_DIGIT = re.compile(r"\d")
_OFF = "<off>"
_ROLE = "<role>"
_FIELD = "<field>"
_ADJACENT = "<adjacent>"
_MOVE = "<move>"
_TOPIC = "<topic>"
_FOREIGN = "<foreign>"
_TASK = "<task>"
_ANCHORS = frozenset({"<role>", "<field>", "<deictic>", "<topic>", "<work>"})
_WORK = "<work>"
_DEICTIC = "<deictic>"
_CONCEPT = "<concept>"
_EXPLAIN = "<explain>"
_LEARN = "<learn>"
_EXPLAINING = "<explaining>"
_HOWTO = "<howto>"
_HOWTO_OPENING = "<howto-opening>"
_FACETS = "<facets>"
_PRODUCT = "<product>"
_RECOMMEND = "<recommend>"
_EXPLAIN_OPENINGS = frozenset(
    {("explain",), ("what", "is"), ("what", "are"), ("how", "doe"), ("describe",), ("define",)}
)


@dataclass(frozen=True, slots=True)
class Match:
    """The matched intent, its confidence (0-1), the ranked in-scope intents, and whether the
    runner-up was close enough to offer it."""

    intent: str
    confidence: float
    ranked: tuple[tuple[str, float], ...]
    ambiguous: bool


class IntentMatcher:
    """Built once per knowledge base (index construction is a few milliseconds)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._analyzer: Analyzer = analyzer_for(kb)
        self._analyzer.learn(  # the cue lists' own words are words, never typos of the guide's
            w
            for phrases in (ROLE_MARKERS, FIELD_WORDS, ADJACENT_ROLES, MOVE_CUES, DEICTIC_ROLES, WORK_CONTEXT)
            + (CONCEPTS, EXPLAIN_CUES, LEARN_CUES, HOWTO_VERBS, PRODUCTS, RECOMMEND_CUES)
            for phrase in phrases
            for w in tokens_of(phrase)
        )
        self._keys: dict[str, tuple[str, ...]] = {}
        self._intents = tuple(i for i in kb.intents if i != "unknown")
        self._topical = frozenset(self._intents) - {"overview", "help"}
        self._topic_intent = {s.topic_section: i for i, s in kb.intents.items() if s.topic_section}
        weights: dict[tuple[str, ...], dict[str, float]] = defaultdict(dict)
        for intent, spec in kb.intents.items():
            for keyword, weight in spec.keywords.items():
                channel = intent
                if intent == "unknown":
                    channel = _TASK if weight >= DECISIVE else _OFF
                key = self._key(keyword)
                if key:  # "salary" and "salaries" are one term: the larger weight counts
                    slot = weights[key]
                    slot[channel] = max(slot.get(channel, float(weight)), float(weight))
        self._mine_phrasings(kb, weights)
        self._mine_guide(kb, weights)
        for channel, phrases in (
            (_ROLE, ROLE_MARKERS),
            (_FIELD, FIELD_WORDS),
            (_ADJACENT, ADJACENT_ROLES),
            (_MOVE, MOVE_CUES),
            (_DEICTIC, DEICTIC_ROLES),
            (_WORK, WORK_CONTEXT),
            (_CONCEPT, CONCEPTS),
            (_EXPLAIN, EXPLAIN_CUES),
            (_LEARN, LEARN_CUES),
            (_HOWTO, HOWTO_VERBS),
            (_PRODUCT, PRODUCTS),
            (_RECOMMEND, RECOMMEND_CUES),
        ):
            for phrase in phrases:
                key = self._key(phrase)
                if key:
                    weights[key][channel] = 1.0
        self._roles = tuple(self._key(role) for role in ROLE_MARKERS)
        self._role_ends = frozenset(role[-1] for role in self._roles if role)
        self._index: dict[tuple[str, ...], tuple[tuple[str, float], ...]] = {
            key: tuple(channels.items()) for key, channels in weights.items()
        }
        self._off_words = frozenset(
            k for k, channels in self._index.items() if len(k) == 1 and {_OFF, _TASK} & dict(channels).keys()
        )
        self._explained = self._explained_terms(kb)
        self._trie = _trie(self._index)
        self._phrasings: list[str] = []
        self._phrasing_intent: list[str] = []
        for intent, spec in kb.intents.items():
            for phrasing in spec.phrasings:
                self._phrasings.append(" ".join(sorted(self._key(phrasing))))
                self._phrasing_intent.append(intent)

    def _explained_terms(self, kb: KnowledgeBase) -> frozenset[str]:
        """Terms some keyword, phrasing, alias or cue uses, and everyday words."""
        texts: list[str] = [*ROLE_MARKERS, *FIELD_WORDS, *ADJACENT_ROLES, *MOVE_CUES, *DEICTIC_ROLES]
        for intent, spec in kb.intents.items():
            if intent != "unknown":
                texts.extend((*spec.keywords, *spec.phrasings, *spec.examples))
        texts.extend(kb.entities.all_aliases())
        terms = {t for text in texts for t in self._key(text)}
        # a word known only from a keyword phrase ("ml hygiene") explains nothing on its own
        terms -= {self._analyzer.term(w) for w in self._analyzer.phrase_only}
        return frozenset(terms | {self._analyzer.term(w) for w in COMMON_WORDS | EVERYDAY_WORDS})

    def _key(self, text: str) -> tuple[str, ...]:
        """Terms of a knowledge-base text (cached: the knowledge base is finite)."""
        key = self._keys.get(text)
        if key is None:
            key = self._keys[text] = self._terms(text)
        return key

    def _terms(self, text: str) -> tuple[str, ...]:
        """Terms of any text, such as an alias as the user typed it (not cached here: users'
        texts are endless; the analyser's caches are bounded)."""
        return self._analyzer.terms(tokens_of(str(text)))

    def _mine_phrasings(self, kb: KnowledgeBase, weights: dict[tuple[str, ...], dict[str, float]]) -> None:
        """Words of each intent's phrasings, weighted by how few intents use them."""
        texts = {i: list(spec.phrasings) for i, spec in kb.intents.items() if i != "unknown"}
        self._mine(texts, weights, weight=MINED_WEIGHT, max_intents=len(texts))

    def _mine_guide(self, kb: KnowledgeBase, weights: dict[tuple[str, ...], dict[str, float]]) -> None:
        """Words of the guide sections each intent answers from, weighted by how few intents'
        sections use them: the guide's own vocabulary ("containerization", "KPIs") is evidence."""
        texts: dict[str, list[str]] = {}
        for intent, spec in kb.intents.items():
            if intent in ("unknown", "help"):
                continue
            found = texts.setdefault(intent, [])
            for section_id in (*spec.sections, *((spec.topic_section,) if spec.topic_section else ())):
                section = kb.sections.get(section_id)
                if section is not None:
                    found.extend((section.title, *section.intro, *section.outro))
                    for item in section.items:
                        found.extend((item.title, item.text, *item.points))
        self._mine(texts, weights, weight=GUIDE_WEIGHT, max_intents=2)

    def _mine(
        self,
        texts: dict[str, list[str]],
        weights: dict[tuple[str, ...], dict[str, float]],
        *,
        weight: float,
        max_intents: int,
    ) -> None:
        """Give each content word of an intent's texts `weight / n` (n = intents using it, at
        most `max_intents`), unless a keyword already weighs that word for that intent."""
        stop = {self._analyzer.term(w) for w in COMMON_WORDS} | {"ai", "tech", "lead", "tl", "ml", "an", "a"}
        users: dict[str, set[str]] = defaultdict(set)
        for intent, intent_texts in texts.items():
            for text in intent_texts:
                for term in self._key(text):
                    if term not in stop and not term.isdigit():
                        users[term].add(intent)
        for term, intents in users.items():
            if len(intents) > max_intents:
                continue
            for intent in intents:
                slot = weights[(term,)]
                if intent not in slot:
                    slot[intent] = weight / len(intents)

    def classify(self, normalized: Normalized, entities: Entities | None = None) -> Match:
        """The best intent for a question, or `unknown`."""
        entities = entities or Entities()
        terms = entities.terms or self._analyzer.terms(self._analyzer.strip(normalized.tokens))
        if not terms:
            return self._contentless(normalized)
        if all(t in _PINGS or t.isdigit() for t in terms):  # "test", "test test 123", "ping"
            return Match("unknown", 0.9, (), False)
        scores = self._focused(normalized, entities) or self._score(terms, entities)
        off = max(0.0, self._off_domain(scores))  # negative keywords cancel, never add, evidence
        if off >= HARD_OFF_DOMAIN:
            return Match("unknown", min(0.99, 0.6 + off / 20.0), (), False)
        ranked = self._rank(scores, off)
        top = ranked[0][1] if ranked else 0.0
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        if top < CONFIDENT or second >= FUZZY_TIE * top:
            if self._fuzzy(normalized, terms, scores):
                if self._off_domain(scores) >= HARD_OFF_DOMAIN:
                    return Match("unknown", 0.8, (), False)
                ranked = self._rank(scores, off)
                top = ranked[0][1] if ranked else 0.0
                second = ranked[1][1] if len(ranked) > 1 else 0.0
        confidences = tuple((intent, _confidence(score)) for intent, score in ranked[:4] if score > 0)
        anchored = off == 0 and bool(scores.get(_ROLE) or _anchored(entities))
        cutoff = _cutoff(terms, anchored, self._follow_up(terms, entities))
        if top < cutoff and off == 0 and scores.get(_ROLE):
            # The role is named, nothing else is, and no topic stands out: "What exactly is an
            # AI tech lead and where does it fit?" -- the overview answers that best.
            others = tuple(pair for pair in confidences if pair[0] != "overview")
            return Match("overview", 0.3, (("overview", 0.3), *others), False)
        if top < cutoff:
            return Match("unknown", round(1.0 - _confidence(max(top, 0.0)) / 2, 3), confidences, False)
        margin = (top - second) / top
        confidence = _confidence(top) * (0.75 + 0.25 * min(1.0, margin / 0.5))
        ambiguous = second >= min(AMBIGUOUS_MIN, cutoff + 0.5) and second >= AMBIGUITY * top
        return Match(ranked[0][0], round(confidence, 3), confidences, ambiguous)

    def _unexplained(self, terms: tuple[str, ...]) -> float:
        """Content words that no keyword, phrasing or alias uses ("goats", "lawn"): beside topic
        words alone ("tips for raising goats") they are probably the subject."""
        explained, off_words, foreign = self._explained, self._off_words, self._analyzer.foreign
        derived = self._analyzer.derived
        if explained.issuperset(terms):
            return 0.0
        if self._analyzer.phrase_only:  # words of a keyword phrase the question uses are explained
            explained = explained | self._phrase_words(terms)
        return _weighted(
            terms,
            lambda t: (
                t not in explained
                and len(t) > 2
                and not t[0].isdigit()
                and (t,) not in off_words
                and not foreign(t)
                and not derived(t)
            ),
        )

    def _phrase_words(self, terms: tuple[str, ...]) -> set[str]:
        """Terms inside the keyword phrases `terms` contains ("on the hook for")."""
        found: set[str] = set()
        n = len(terms)
        for i, term in enumerate(terms):
            children = self._trie.get(term, ((), {}))[1]
            j = i + 1
            while children and j < n and terms[j] in children:
                channels, children = children[terms[j]]
                j += 1
                if channels:
                    found.update(terms[i:j])
        return found

    def _foreign(self, terms: tuple[str, ...]) -> float:
        """How many distinct terms are foreign (and not already off-domain evidence)."""
        foreign = self._analyzer.foreign_terms
        if foreign.isdisjoint(terms):
            return 0.0
        off_words = self._off_words
        return float(len({t for t in terms if t in foreign and (t,) not in off_words}))

    def _ends_with_role(self, terms: tuple[str, ...]) -> bool:
        """ "what is an AI tech lead?", "tell me about AI TLs": the role itself is the subject."""
        return any(terms[-len(role) :] == role for role in self._roles if len(role) <= len(terms))

    def _asks_what_role(self, terms: tuple[str, ...]) -> bool:
        """The question ends "what (exactly) is a/an <role>": whatever comes before is a preface."""
        for role in self._roles:
            if role and len(role) < len(terms) and terms[-len(role) :] == role:
                head = [t for t in terms[: -len(role)][-5:] if t not in _WHAT_FILLERS]
                if len(head) >= 2 and head[-2:] in (["what", "is"], ["what", "be"], ["what", "are"]):
                    return True
        return False

    def _role_is_complement(self, terms: tuple[str, ...]) -> bool:
        """ "is X important *for* AI leads", "how to Y *as* an AI lead": the role is who the
        question concerns, X or Y is what it asks about."""
        for role in self._roles:
            if role and len(role) < len(terms) and terms[-len(role) :] == role:
                head = [t for t in terms[: -len(role)][-3:] if t not in _WHAT_FILLERS]
                return bool(head) and head[-1] in _COMPLEMENT
        return False

    def _score(self, terms: tuple[str, ...], entities: Entities) -> dict[str, float]:
        """Evidence per intent and per signal channel (role, field, off-domain, foreign...)."""
        scores = self._evidence(terms)
        foreign = self._foreign(_without_lead_in(terms))
        if foreign:
            scores[_FOREIGN] = FOREIGN_WEIGHT * min(foreign, FOREIGN_MAX)
            if any(self._analyzer.person(t) for t in terms):  # "salary of an AI ethicist"
                scores[_ADJACENT] = scores.get(_ADJACENT, 0.0) + 1.0
        if terms[-1] in self._role_ends and self._ends_with_role(terms):
            if self._asks_what_role(terms):  # "I'm hiring -- what exactly is an AI tech lead?"
                scores["overview"] = scores.get("overview", 0.0) + ROLE_WHAT
            elif max(
                (v for k, v in scores.items() if k in self._topical), default=0.0
            ) < CUTOFF and not self._role_is_complement(terms):
                scores["overview"] = scores.get("overview", 0.0) + ROLE_AT_END
        if scores.get(_ADJACENT) and not _ORIGINS.isdisjoint(terms) and self._only_from_adjacent(terms):
            del scores[_ADJACENT]  # "the progression starting from ML engineer": where one starts
        self._entity_evidence(scores, entities, terms)
        if entities.salary_facets() >= 2:
            scores[_FACETS] = 1.0  # "senior", "nyc", "fintech": a question about the role's pay
        if scores.get(_HOWTO) and terms[:2] in (("how", "do"), ("how", "to"), ("how", "can")):
            scores[_HOWTO_OPENING] = 1.0  # "How do I train a random forest in scikit-learn?"
        if scores.get(_CONCEPT) and (terms[:1] in _EXPLAIN_OPENINGS or terms[:2] in _EXPLAIN_OPENINGS):
            scores[_EXPLAINING] = 1.0
        if not (scores.keys() & _ANCHORS) and not entities.salary_facets() and entities.years is None:
            # Only for questions about nothing the bot knows but topic words ("tips for X"); the
            # user's own team or job ("my team", "leading") is context enough.
            unexplained = self._unexplained(_without_lead_in(terms))
            if unexplained:
                scores[_FOREIGN] = scores.get(_FOREIGN, 0.0) + UNEXPLAINED_WEIGHT * min(unexplained, 1.0)
        return scores

    def _only_from_adjacent(self, terms: tuple[str, ...]) -> bool:
        """Every neighbouring role the question names follows "from" or "after" ("from data
        scientist to ...", "next step after senior ML engineer"): the job one moves on from, not
        the job asked about."""
        index, n, i, found = self._index, len(terms), 0, False
        while i < n:
            for size in (3, 2, 1):
                if i + size <= n and _ADJACENT in dict(index.get(terms[i : i + size], ())):
                    if _ORIGINS.isdisjoint(terms[max(0, i - 3) : i]):  # "after senior ML engineer"
                        return False
                    found, i = True, i + size - 1
                    break
            i += 1
        return found

    def _focused(self, normalized: Normalized, entities: Entities) -> dict[str, float] | None:
        """Scores for a message whose question follows context ("Data scientist, 3 years in. Which
        certs help?"): the question's evidence, plus the context's at `CONTEXT_FACTOR`. None when
        the message is one sentence, or its question alone says too little ("...drift. Advice?")."""
        raw = normalized.raw
        plain = _masked(raw)  # links and mentions kept out: "?" in a URL asks nothing
        start, factor = 0, CONTEXT_FACTOR
        if _SENTENCE_END.search(plain, 0, len(plain.rstrip()) - 1):
            start = _question_start(plain)
        turn, dismissed = _turn(plain, start)
        if turn > start:  # "I already know the salary ranges, but what skills do I need?"
            start, factor = turn, (0.0 if dismissed else CONTEXT_FACTOR)
        if start <= 0:
            return None
        analyzer = self._analyzer
        context = analyzer.terms(analyzer.strip(normalize(raw[:start]).tokens))
        question = analyzer.terms(analyzer.strip(normalize(raw[start:]).tokens))
        if not context or not question:
            return None
        alias = self._terms(entities.topic_alias or "")
        if entities.topics and not _contains(question, alias):  # the topic was in the context
            entities = replace(entities, topic=None, topic_alias=None, topics=())
        scores = self._score(question, entities)
        if factor and max((scores.get(i, 0.0) for i in self._intents), default=0.0) < CUTOFF:
            return None  # the question alone says too little: read it with its context
        for channel, value in self._evidence(context).items():
            # Another subject named in the context still counts (at half weight: "Our restaurant
            # is hiring a head chef. What responsibilities...?"), and so do the role and the field;
            # topic words count at `factor`; the asker's own job ("Data scientist, 3 years in."),
            # words the bot does not know and cues about the wording do not count.
            if channel in _CONTEXT_KEPT:
                kept = CONTEXT_OFF_FACTOR if channel == _OFF else 1.0
                scores[channel] = scores.get(channel, 0.0) + kept * value
            elif channel in self._intents:
                scores[channel] = scores.get(channel, 0.0) + factor * value
        return scores

    def _follow_up(self, terms: tuple[str, ...], entities: Entities) -> bool:
        """ "and in academia?", "what about fintech": an industry and nothing but small words."""
        if entities.industry is None or len(terms) > 5:
            return False
        alias = set(self._terms(entities.industry_alias or ""))
        return all(t in _FOLLOW_UP_WORDS or t in alias for t in terms)

    def _contentless(self, normalized: Normalized) -> Match:
        """Nothing but filler: a greeting, a bare "?" or an empty line asks for help; the rest
        ("lol", an emoji) is not a question."""
        greeting = self._evidence(self._analyzer.terms(normalized.tokens)).get("help", 0.0) > 0
        if greeting or "?" in normalized.raw or not normalized.raw.strip():
            return Match("help", 0.9, (("help", 0.9),), False)
        return Match("unknown", 0.9, (), False)

    def _evidence(self, terms: tuple[str, ...]) -> dict[str, float]:
        """Keyword evidence per channel; each word or phrase counts once however often it occurs.
        Phrases are followed through a trie of the index, one term at a time."""
        scores: defaultdict[str, float] = defaultdict(float)
        trie = self._trie
        seen_words: set[str] = set()
        seen: set[tuple[str, ...]] = set()
        n = len(terms)
        for i, term in enumerate(terms):
            node = trie.get(term)
            if node is None:
                continue
            channels, children = node
            if channels and term not in seen_words:
                seen_words.add(term)
                for channel, weight in channels:
                    scores[channel] += weight
            j = i + 1
            while children and j < n:
                node = children.get(terms[j])
                if node is None:
                    break
                channels, children = node
                j += 1
                if channels:
                    key = terms[i:j]
                    if key not in seen:
                        seen.add(key)
                        for channel, weight in channels:
                            scores[channel] += weight
        return scores

    def _entity_evidence(self, scores: dict[str, float], entities: Entities, terms: tuple[str, ...]) -> None:
        salary = 0.0
        if entities.level is not None and entities.years is None:
            salary += LEVEL_SALARY
        if entities.location is not None or entities.unlisted_location is not None:
            salary += PLACE_SALARY
        if entities.industry is not None:
            salary += INDUSTRY_SALARY
        if entities.years is not None:
            salary += YEARS_SALARY
            scores["qualifications"] = scores.get("qualifications", 0.0) + YEARS_QUALIFICATIONS
        if entities.salary_facets() >= 2:
            salary += MULTI_FACET_SALARY + FACET_SALARY * (entities.salary_facets() - 2)
        if _DIGIT.search(" ".join(terms)) and any(_is_amount(t) for t in terms):
            salary += AMOUNT_SALARY
        if salary:
            scores["salary"] = scores.get("salary", 0.0) + salary
        primary = entities.topic[0] if entities.topic else None
        if primary is not None:
            # a topic named in two words or more ("data quality") is the guide's own subject
            scores[_TOPIC] = 2.0 if " " in (entities.topic_alias or "") else 1.0
            if "overview" in scores:  # "what is XAI?": the topic's list, not the role overview
                scores["overview"] *= TOPIC_OVERVIEW_FACTOR
        for section in {section for section, _ in entities.topics}:
            intent = self._topic_intent.get(section)
            if intent is not None:
                bonus = TOPIC_BONUS + (PRIMARY_TOPIC_BONUS if section == primary else 0.0)
                scores[intent] = scores.get(intent, 0.0) + bonus
        if entities.skill_kind == "soft":
            scores["soft_skills"] = scores.get("soft_skills", 0.0) + SKILL_KIND_BONUS
        elif entities.skill_kind == "technical":
            scores["skills"] = scores.get("skills", 0.0) + SKILL_KIND_BONUS / 2

    def _off_domain(self, scores: dict[str, float]) -> float:
        """Off-domain evidence, weakened when the question names the role or the field.

        Foreign words only count when the question names neither the role nor the field (with
        the role named, or "the role", they are more likely words the vocabulary lacks)."""
        off = scores.get(_OFF, 0.0)
        asks_bot = scores.get("help", 0.0) >= HELP_ANCHOR  # "how do I use this assistant?"
        related = (
            scores.get(_ROLE) or scores.get(_DEICTIC) or scores.get(_TOPIC) or scores.get(_WORK) or asks_bot
        )
        if scores.get(_ADJACENT) and not related:  # "become a cloud engineer" is another job
            off += ADJACENT_WEIGHT
        if scores.get(_PRODUCT) and scores.get(_RECOMMEND) and not (scores.get(_ROLE) or scores.get(_LEARN)):
            off += RECOMMEND_WEIGHT
        if scores.get(_CONCEPT) and scores.get(_HOWTO) and not scores.get(_ROLE):
            if scores.get(_HOWTO_OPENING) or not scores.get(_LEARN):
                off += CONCEPT_WEIGHT  # "how do I deploy a model on AWS?"
        if scores.get(_CONCEPT) and scores.get(_EXPLAIN) and not (scores.get(_ROLE) or scores.get(_DEICTIC)):
            # "explain backpropagation": homework about the field, not the role -- unless the
            # question is about learning it or about one's work ("should my team learn RNNs?"),
            # which only counts when it does not open by asking for the explanation
            if scores.get(_EXPLAINING) or not (related or scores.get(_LEARN)):
                off += CONCEPT_WEIGHT
        foreign = scores.get(_FOREIGN, 0.0)
        task = scores.get(_TASK, 0.0)  # decisive: not weakened by the role or the field
        if task:
            return task + self._off_domain({k: v for k, v in scores.items() if k != _TASK})
        if scores.get(_ROLE):
            return off * ROLE_FACTOR
        if (scores.get(_FIELD) or scores.get(_FACETS) or scores.get(_TOPIC, 0.0) >= 2.0) and max(
            scores.get(i, 0.0) for i in self._intents
        ) >= ANCHORED_EVIDENCE:
            # AI, two salary facets or one of the guide's topics named, and a clear subject: an
            # unknown word is a gap in the vocabulary, not the subject ("our data is garbage: data
            # quality problems", "total comp incl. stock, senior, nyc")
            foreign = 0.0
        if scores.get(_FIELD):
            # the field word is often part of the other role's name ("ML engineer"): its pay is
            # still another job's
            adjacent = ADJACENT_WEIGHT if scores.get(_ADJACENT) and not related else 0.0
            return (off - adjacent + foreign) * FIELD_FACTOR + adjacent
        if scores.get(_DEICTIC) or asks_bot:
            return off
        return off + foreign

    def _rank(self, scores: dict[str, float], off: float) -> list[tuple[str, float]]:
        ranked = [(intent, scores.get(intent, 0.0) - off) for intent in self._intents]
        ranked.sort(key=lambda pair: pair[1], reverse=True)
        return ranked

    def _fuzzy(self, normalized: Normalized, terms: tuple[str, ...], scores: dict[str, float]) -> bool:
        """Bonus for a near-verbatim phrasing; True when one was found."""
        query = " ".join(sorted(terms))  # phrasings are stored sorted: ratio == token_sort_ratio
        best = process.extractOne(query, self._phrasings, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best is None:
            return False
        intent = self._phrasing_intent[best[2]]
        bonus = FUZZY_BONUS * (best[1] - FUZZY_CUTOFF + 5) / (105 - FUZZY_CUTOFF)
        channel = _OFF if intent == "unknown" else intent
        scores[channel] = scores.get(channel, 0.0) + bonus * (2 if channel == _OFF else 1)
        return True


CONTEXT_FACTOR = 0.3
CONTEXT_OFF_FACTOR = 0.5
"""Off-domain words in the context: the asker's own trade ("Recruiter in Austin.") or another
subject ("Our restaurant is hiring a head chef."): half weight."""
"""Weight of the sentences before the question in a message that opens with context."""
_SENTENCE_END = re.compile(r"[.!?;](?=\s+\S)|\n")
_ABBREVIATIONS = frozenset(
    {"incl", "e.g", "i.e", "etc", "vs", "approx", "dr", "mr", "ms", "sr", "jr", "st", "inc", "co"}
)


Channels = tuple[tuple[str, float], ...]
Trie = dict[str, tuple[Channels, dict]]


def _trie(index: dict[tuple[str, ...], Channels]) -> Trie:
    """The index as a trie of terms: each node holds the evidence of the words or phrase that
    end there, and the terms that continue a longer phrase."""
    root: dict[str, list] = {}
    for key, channels in index.items():
        level = root
        for depth, term in enumerate(key):
            node = level.setdefault(term, [(), {}])
            if depth == len(key) - 1:
                node[0] = channels
            level = node[1]

    def freeze(level: dict[str, list]) -> Trie:
        return {term: (node[0], freeze(node[1])) for term, node in level.items()}

    return freeze(root)


def _contains(terms: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return bool(n) and any(terms[i : i + n] == part for i in range(len(terms) - n + 1))


_TURNS = re.compile(
    r"(?:,|;|:|\s-+|\s\u2014|\u2014)\s*(?:but|so|just|instead)?\s+|\s(?:but|just|instead)\s+", re.IGNORECASE
)
_BUT_SO = re.compile(r"\bbut\s+|(?:,|;|:|\s-+|\s?\u2014)\s*so\s+(?!on\b|far\b|much\b|many\b)", re.IGNORECASE)
_ASKS = re.compile(
    r"(?:\w+\s+){0,2}(?:what|which|how|why|when|where|who|is|are|do|does|can|could|should|would|will|"
    r"any|tell|give|explain)\b",
    re.IGNORECASE,
)
_DISMISSALS = re.compile(
    r"\s*(?:not\b|enough about|regardless of|apart from|aside from|besides|beyond|before you|given\b|"
    r"forget|never ?mind|other than|instead of|rather than|i (?:already )?know|i(?:'ve| have) got|"
    r"i'?m not asking|i'?m not worried|not worried)",
    re.IGNORECASE,
)


def _turn(raw: str, start: int) -> tuple[int, bool]:
    """Where the asked part begins when the question first sets a topic aside: "Not the
    pitfalls, the dos: how ...", "I already know the salary ranges, but what skills ...",
    "Regardless of pay, what are the duties?": where it begins (0 if nothing turns), and whether
    a topic was set aside (a dismissal) rather than just followed by "but" or ", so"."""
    head = raw[start:]
    if _DISMISSALS.match(head):  # the set-aside topic ends at the first break
        first = _TURNS.search(head)
        return (start + first.end(), True) if first else (0, False)
    # otherwise only "but" or ", so" followed by a question turns it ("..., so what is XAI?";
    # not "..., but briefly?")
    lowered = head.lower()
    if "but" not in lowered and "so" not in lowered:
        return 0, False
    turns = [m.end() for m in _BUT_SO.finditer(head) if _ASKS.match(head, m.end())]
    return (start + turns[-1], False) if turns else (0, False)


def _question_start(raw: str) -> int:
    """Where the question sentence begins in `raw`: after the last sentence end before the last
    "?", or before the last sentence when there is no "?" (0 when the question is the first)."""
    last_q = raw.rfind("?")
    if last_q < 0:  # no question mark: the last sentence ("Consultant here. Give me the pitch.")
        last_q = len(raw.rstrip(" .!\n"))
    start = 0
    for match in _SENTENCE_END.finditer(raw, 0, last_q):
        end = match.start()
        word = raw[:end].rsplit(None, 1)[-1].lower().strip("(\"'") if raw[:end].split() else ""
        if match.group(0) == "." and (word in _ABBREVIATIONS or "." in word or len(word) <= 1):
            continue  # "incl.", "Ph.D.", "U.S.", "e.g.": not the end of a sentence
        start = match.end()
    return start


_MARKUP = re.compile(r"<[^<>]*>|https?://\S+")


def _masked(raw: str) -> str:
    """`raw` with Slack markup and links blanked out, same length (positions still match)."""
    if "<" not in raw and "://" not in raw:
        return raw
    return _MARKUP.sub(lambda m: " " * len(m.group(0)), raw)


_CONTEXT_KEPT = frozenset({_OFF, _TASK, _ROLE, _FIELD, _WORK})
_PINGS = frozenset({"test", "testing", "ping", "check"})
_FOLLOW_UP_WORDS = frozenset(
    {"ok", "okay", "and", "in", "for", "at", "what", "about", "how", "then", "now", "the"}
)
_ORIGINS = frozenset({"from", "after", "beyond"})


def _without_lead_in(terms: tuple[str, ...]) -> tuple[str, ...]:
    """`terms` without a word or two before a question word ("channel what are ...")."""
    for i in (1, 2):
        if len(terms) > i + 1 and terms[i] in LEAD_INS and terms[0] not in LEAD_INS:
            return terms[i:]
    return terms


def _weighted(terms: tuple[str, ...], flag: Callable[[str], bool]) -> float:
    """How many distinct terms are flagged."""
    return float(len({term for term in terms if flag(term)}))


def _cutoff(terms: tuple[str, ...], anchored: bool, follow_up: bool = False) -> float:
    """Least evidence for an in-scope answer: lower when the question names the role or a salary
    facet and nothing off-domain (it is about the role), or is one or two words long, or a
    follow-up that only names an industry ("ok and in academia?")."""
    if anchored or follow_up:
        return ROLE_CUTOFF
    if len(terms) <= 2 and any(t.isalpha() for t in terms):
        return SHORT_CUTOFF  # "commands", "comp?", "pay band"
    return CUTOFF


def _anchored(entities: Entities) -> bool:
    """A job level, years, a place, or two salary facets: what only a question about the role's
    pay names ("and for seniors?", "what about Seattle?"). Vague level words ("beginner") and a
    lone industry ("at Google") are too common elsewhere to count."""
    if entities.years is not None or entities.salary_facets() >= 2:
        return True
    if entities.level is not None and entities.level_alias not in WEAK_LEVEL_ALIASES:
        return True
    return entities.location is not None or entities.unlisted_location is not None


def _confidence(score: float) -> float:
    return 1.0 - math.exp(-max(score, 0.0) / 4.0)


def _is_amount(term: str) -> bool:
    """ "200k", "150000", "1m": a pay figure."""
    if term.endswith("k") and term[:-1].isdigit():
        return True
    return term.isdigit() and len(term) >= 5
