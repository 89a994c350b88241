"""Which roles a question names: the guide's own (AI tech lead and its aliases) and other jobs.

Data from entities.yaml `roles`; the mechanism is a phrase look-up over the normalised words, a
trailing plural "s" allowed. A title inside a longer guide-role phrase ("lead" of "tech lead",
"ml engineer" of "lead ml engineer") is not another role. A word no phrase claims that most job
titles end with (`other_heads`: "store manager", "bus driver", "director of sales"), or a phrase
some begin with (`other_openers`: "head of data science"), names another job. A head misspelt
("data scientst") counts when the spelling corrector (normalize.Analyzer) makes the unknown word
into it; a known word is never taken for a head it resembles ("manage" is not "manager").
"""

from __future__ import annotations

from bot.engine.knowledge import KnowledgeBase
from bot.engine.normalize import analyzer_for, stem, tokens_of


class RoleReader:
    def __init__(self, kb: KnowledgeBase) -> None:
        self._phrases: dict[tuple[str, ...], str] = {}
        for kind in ("other", "guide"):  # guide last: it wins a phrase both list
            for alias in kb.entities.roles.get(kind, ()):
                self._phrases[tokens_of(alias)] = kind
        self._longest = max((len(p) for p in self._phrases), default=0)
        heads = kb.entities.roles.get("other_heads", ())
        self._heads = frozenset(word for head in heads for word in tokens_of(head))
        self._head_stems = frozenset(stem(word) for word in self._heads)
        self._analyzer = analyzer_for(kb)
        self._openers = frozenset(tokens_of(opener) for opener in kb.entities.roles.get("other_openers", ()))
        self._fields = frozenset(tokens_of(field) for field in kb.entities.roles.get("other_fields", ()))

    def read(self, tokens: tuple[str, ...]) -> tuple[bool, bool]:
        """(the guide's role named, another role named)."""
        return self.scan(tokens)[:2]

    def scan(self, tokens: tuple[str, ...]) -> tuple[bool, bool, bool]:
        """(the guide's role named, another role named, another role named other than as the
        asker's own: "what does a data engineer do" asks about that job, "I'm a data engineer,
        what skills do I need" does not)."""
        words = tuple(
            t[:-1] if len(t) > 2 and t.endswith("s") and not t.endswith("ss") else t for t in tokens
        )
        found = {"guide": False, "other": False}
        asked = False
        i = 0
        while i < len(words):
            for size in range(min(self._longest, len(words) - i), 0, -1):
                for seq in (tokens[i : i + size], words[i : i + size]):
                    kind = self._phrases.get(tuple(seq))
                    if kind == "guide" and self._other_field(tokens[:i], seq):
                        kind = "other"  # "a frontend tech lead": that field's lead, not the guide's
                    if kind:
                        found[kind] = True
                        asked = asked or (kind == "other" and not _own(tokens, i, i + size))
                        i += size
                        break
                else:
                    continue
                break
            else:
                opens = any(tokens[i : i + len(o)] == o for o in self._openers)
                head = tokens[i] in self._heads or words[i] in self._heads or self._misspelt_head(tokens[i])
                # a bare "lead" of another field ("our devops lead", "a ux research lead")
                head = head or (words[i] in _LEADS and self._other_field(tokens[:i], (words[i],)))
                if head or opens:
                    found["other"] = True
                    asked = asked or not _own(tokens, _title_start(tokens, i), i + 1)
                i += 1
        return found["guide"], found["other"], asked

    def _other_field(self, before: tuple[str, ...], title: tuple[str, ...]) -> bool:
        """Whether the words `before` one of the guide's titles that does not say AI or ML itself
        ("tech lead", "tl", a bare "lead") name another field of software ("frontend", "ios",
        "regular web", "ux research"): a field among the up to three words right before it, up to
        a word that ends the title ("from web developer to tech lead" is the guide's)."""
        if _AI_WORDS.intersection(title):
            return False
        run: list[str] = []
        for word in reversed(before[-3:]):
            if word in _BOUNDS or word in _AI_WORDS:
                break
            run.insert(0, word)
        return any(
            tuple(run[start : start + size]) in self._fields
            for size in (1, 2, 3)
            for start in range(len(run) - size + 1)
        )

    def _misspelt_head(self, token: str) -> bool:
        if len(token) < 5 or self._analyzer.known(token):
            return False
        term = self._analyzer.term(token)
        return term != stem(token) and term in self._head_stems


_OWN = (
    ("i", "am"),
    ("as",),
    ("from",),
    ("currently",),
    ("former",),
    ("formerly",),
    ("ex",),
    ("was",),
    ("been",),
)
"""Words before a job that make it the asker's own ("I'm a data engineer", "as an ML engineer",
"moving from data scientist"; and "here" after it: "nurse here"), after which the question asks
about something else."""
_ARTICLES = frozenset({"a", "an", "the"})
_RANKS = frozenset({"senior", "sr", "junior", "jr", "staff", "principal"})
"""Words of rank a title is said with, between the asker's marker and the job ("as a senior ML
engineer")."""
_ARTICLE_BEFORE = tuple((a,) for a in ("a", "an", "the"))
_SPANS = frozenset({"for", "with", "of", "over", "since"})
_YEARS = frozenset({"year", "years", "yr", "yrs", "yoe"})
_NUMBERS = frozenset("one two three four five six seven eight nine ten eleven twelve fifteen twenty".split())
_AI_WORDS = frozenset({"ai", "ml", "machine", "artificial", "learning", "intelligence"})
_LEADS = frozenset({"lead", "leader"})
_BOUNDS = frozenset(
    "a an the to from as of for in at on and or but our my your their his her its this that "
    "i we you they be is are was been being".split()
)
"""Words that end a title read backwards from its last word."""


def _own(tokens: tuple[str, ...], start: int, end: int) -> bool:
    """Whether the job at tokens [start, end) is the asker's own: a marker before it (an article
    between allowed) or "here" after it."""
    if _marked(tokens[:start]) or tokens[end : end + 1] == ("here",):
        return True
    return tokens[start - 1 : start] not in _ARTICLE_BEFORE and _tenure(tokens[end : end + 3])


def _tenure(after: tuple[str, ...]) -> bool:
    """Whether the words after a job say how long the asker has done it ("product manager for 7
    years", "data engineer, 10 yrs"): a duration after a title without an article is a résumé's,
    the asker's own ("what does a product manager with 7 years make?" asks about the job)."""
    if after[:1] and after[0] in _SPANS:
        after = after[1:]
    return len(after) >= 2 and (after[0].isdigit() or after[0] in _NUMBERS) and after[1] in _YEARS


def _marked(before: tuple[str, ...]) -> bool:
    while before and (before[-1] in _ARTICLES or before[-1] in _RANKS):
        before = before[:-1]  # "as a senior ML engineer": the rank is the title's
    return any(before[-len(marker) :] == marker for marker in _OWN)


def _title_start(tokens: tuple[str, ...], i: int) -> int:
    """Where a title read by its head word at `i` starts ("store manager"): up to two words of the
    title before it, up to the asker's own marker or an article."""
    start = i
    for _ in range(2):
        if start > 0 and tokens[start - 1] not in _ARTICLES and not _marked(tokens[:start]):
            start -= 1
    return start
