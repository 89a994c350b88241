"""The engine's fast paths give exactly what the plain computation gives: the spelling index,
kept answers and drafts, laid-out parts, the per-class bests of the evidence rows,
the indexed guide search.

Speed itself is measured in bench/bench_engine.py, never asserted here.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.engine import CUT_NOTE, MAX_QUESTION, Engine, render
from bot.engine.answer import INTENTS, Alternative
from bot.engine.answers import Query, compose
from bot.engine.facts import two_questions
from bot.engine.knowledge import KnowledgeBase
from bot.engine.nlu import evidence
from bot.engine.normalize import Analyzer, new_analyzer
from bot.engine.pipeline import Pipeline
from bot.engine.render import Code, Context, Divider, Fields, Header, Section
from bot.engine.search import GuideIndex, Hit, index_for


class Exhaustive(Analyzer):
    """The spelling correction as first written: every known word of a similar length is
    compared with the token. The oracle for the indexed search."""

    def _candidates(self, token: str) -> list[tuple[str, float, int]]:
        edits = 1 if len(token) <= 7 else 2
        found = process.extract(
            token, self._near(token, edits), scorer=OSA.distance, score_cutoff=edits, limit=None
        )
        if not found and 6 <= len(token) <= 7:
            found = [
                hit
                for hit in process.extract(
                    token, self._near(token, 2), scorer=OSA.distance, score_cutoff=2, limit=None
                )
                if hit[0] in self._important and hit[0][0] == token[0]
            ]
        return found


@pytest.fixture(scope="module")
def kb(shipped_kb: KnowledgeBase) -> KnowledgeBase:
    return shipped_kb


@pytest.fixture(scope="module")
def pipeline(shipped_engine: Engine) -> Pipeline:
    return shipped_engine.ready()._pipeline_or_build()


@pytest.fixture(scope="module")
def analyzers(kb: KnowledgeBase) -> tuple[Analyzer, Analyzer]:
    return new_analyzer(kb), new_analyzer(kb, Exhaustive)


def _same(fast: Analyzer, slow: Analyzer, token: str) -> None:
    term = slow.term(token)
    assert fast.term(token) == term, token
    assert fast.foreign(term) == slow.foreign(term), token


def _typos(words: list[str], rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"

    def edit(word: str) -> str:
        i = rng.randrange(len(word))
        kind = rng.randrange(4)
        if kind == 0:
            return word[:i] + word[i + 1 :]
        if kind == 1:
            return word[:i] + rng.choice(letters) + word[i:]
        if kind == 2:
            return word[:i] + rng.choice(letters) + word[i + 1 :]
        return word[:i] + word[i + 1 : i + 2] + word[i] + word[i + 2 :]

    typos = [edit(w) for w in words] + [edit(edit(w)) for w in words] + [edit(edit(edit(w))) for w in words]
    typos += [rng.choice(letters) + edit(w[1:]) for w in words]  # another first letter
    typos += [w[1] + w[0] + edit(w[2:]) for w in words]
    return typos


def test_indexed_spelling_search_corrects_exactly_as_comparing_every_word(analyzers) -> None:
    fast, slow = analyzers
    rng = random.Random(5)
    words = sorted(w for same_length in fast._by_length.values() for w in same_length)
    tokens = _typos(rng.sample(words, 600), rng)
    tokens += ["guitarist", "ethicist", "librarian", "cheif", "salery", "leadershp", "managment", "quantm"]
    tokens += ["données", "данные", "aaaaaaaa", "zzzzzzzzzzzz", "xylophonists", "hallucinationz"]
    for token in tokens:
        _same(fast, slow, token)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdeilmnorstu", min_size=4, max_size=14))
def test_indexed_spelling_search_agrees_on_any_word(analyzers, token: str) -> None:
    fast, slow = analyzers
    _same(fast, slow, token)


# --- kept drafts and laid-out parts ----------------------------------------------------------


def _golden_questions() -> list[str]:
    questions = []
    for path in sorted((Path(__file__).resolve().parents[1] / "golden").glob("*.yaml")):
        questions += [str(case["q"]) for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []]
    return questions


@pytest.mark.slow
def test_the_engine_answers_exactly_what_composing_afresh_gives(kb: KnowledgeBase) -> None:
    """Kept answers, kept drafts and laid-out parts change nothing: each answer, asked once or
    again, equals the one composed from scratch for the same `Query`."""
    engine = Engine(kb)
    pipeline = Pipeline(kb)
    questions = _golden_questions()[::40]  # a fortieth of the golden sets: every kind of answer
    questions += ["what is the salary of a senior in sf " + "x" * 3000, "trends or challenges?"]
    assert len(questions) > 50
    for _ in range(2):
        for question in questions:
            if two_questions(question[:MAX_QUESTION]):
                continue  # two queries composed and joined (tests/engine/test_two_questions.py)
            asked = engine.ask(question)
            text, notes = question, ()
            if len(text) > MAX_QUESTION:
                text, notes = text[:MAX_QUESTION], (CUT_NOTE,)
            expected = compose(pipeline.query(question=text, forced=None, notes=notes))
            assert asked == expected, question
    assert engine._drafts, "some answers were finished from kept drafts"


def test_a_part_is_laid_out_as_its_own_kind_every_time() -> None:
    parts = [Header("x"), Section("x"), Context("x"), Fields(("a", "b")), Code(("a", "b")), Divider()]
    render._LAID_OUT.clear()
    first = render.message(parts)
    assert [b["type"] for b in first[1]] == ["header", "section", "context", "section", "section", "divider"]
    assert render.message(parts) == first
    render._LAID_OUT.clear()
    assert render.message(parts) == first


@pytest.mark.slow  # 2 s or more on a 2-core AVX2 machine (2026-12-07)
def test_a_kept_draft_serves_only_queries_with_the_same_intent_and_entities(kb: KnowledgeBase) -> None:
    engine = Engine(kb)
    ents = kb.entities
    runner_ups = (Alternative("skills", 0.5, "Skills"), Alternative("career", 0.4, "Career"))
    variations: list[dict[str, object]] = [{}]
    variations += [{"level": level} for level in kb.salaries.levels]
    variations += [{"location": location} for location in list(ents.locations)[:4]]
    variations += [{"industry": industry} for industry in list(ents.industries)[:4]]
    variations += [{"unlisted_location": "lagos"}, {"readings": ("Read *sr* as Senior",)}]
    variations += [
        {"topic": topic, "topic_section": section}
        for section, items in ents.topics.items()
        for topic in items
    ]
    for _ in range(2):
        for intent in INTENTS:
            for fields in variations:
                for alternatives in ((), runner_ups, runner_ups[::-1]):
                    query = Query(
                        kb=kb,
                        question="q?",
                        intent=intent,
                        confidence=0.5,
                        alternatives=alternatives,
                        ambiguous=bool(alternatives),
                        **fields,  # type: ignore[arg-type]
                    )
                    assert engine._compose(query) == compose(query), (intent, fields, alternatives)


def test_spelling_indexes_built_up_front_correct_as_those_built_on_first_need(kb: KnowledgeBase) -> None:
    lazy, prepared = new_analyzer(kb), new_analyzer(kb).prepare()
    rng = random.Random(9)
    words = sorted(w for same_length in lazy._by_length.values() for w in same_length)
    for token in _typos(rng.sample(words, 300), rng):
        assert prepared.term(token) == lazy.term(token), token
        assert prepared.foreign(prepared.term(token)) == lazy.foreign(lazy.term(token)), token


def _best_per_class_plainly(sims, starts, c):
    """The per-class bests as first written: a partition of each class's slice."""
    n = sims.shape[0]
    top1 = np.full((n, c), -1.0, dtype=np.float32)
    top3 = np.full((n, c), -1.0, dtype=np.float32)
    for k in range(c):
        lo, hi = int(starts[k]), int(starts[k + 1])
        if hi == lo:
            continue
        block = sims[:, lo:hi]
        if hi - lo >= 3:
            best = -np.partition(-block, 2, axis=1)[:, :3]
            top1[:, k], top3[:, k] = best.max(axis=1), best.mean(axis=1)
        else:
            top1[:, k] = top3[:, k] = block.max(axis=1)
    return top1, top3


@settings(max_examples=150, deadline=None)
@given(
    sizes=st.lists(st.integers(0, 6), min_size=1, max_size=6),
    rows=st.integers(1, 3),
    seed=st.integers(0, 2**32 - 1),
    levels=st.integers(2, 50),
)
def test_per_class_bests_are_those_of_a_partition_per_class(sizes, rows, seed, levels) -> None:
    """Peeling the three best off whole rows gives the partition's figures bit for bit, ties
    (few distinct values) and masked cosines (-1) included, more rows than a chunk too."""
    rng = np.random.default_rng(seed)
    starts = np.concatenate([[0], np.cumsum(sizes)])
    n = rows * (evidence.CHUNK + 1) if seed % 7 == 0 else rows
    shape = (n, int(starts[-1]))
    if levels == 50:  # any float: sums of three rounded as numpy's mean rounds them
        sims = rng.uniform(-1, 1, size=shape).astype(np.float32)
    else:
        sims = (rng.integers(-levels, levels + 1, size=shape) / levels).astype(np.float32)
    fast = evidence._best_per_class(sims, starts, len(sizes))
    for got, want in zip(fast, _best_per_class_plainly(sims, starts, len(sizes)), strict=True):
        np.testing.assert_array_equal(got, want)


def _search_plainly(index: GuideIndex, words, sections=None, boost=(), limit=8):
    """The guide search as first written: every unit scored against every word."""
    wanted = list(dict.fromkeys(words))
    expanded = {w: index.expand(w) for w in wanted}
    weights = {w: max((index.idf.get(e, 0.0) for e in expanded[w]), default=0.0) for w in wanted}
    total = sum(weights.values())
    if total <= 0:
        return []
    allowed = index._within(sections) if sections is not None else None
    boosted = index._within(boost)
    hits = []
    for unit in index.units:
        if allowed is not None and unit.section_id not in allowed:
            continue
        score = matched = 0.0
        in_title = False
        for word in wanted:
            if expanded[word] & unit.title_terms:
                score, matched, in_title = score + 2 * weights[word], matched + weights[word], True
            elif expanded[word] & unit.terms:
                score, matched = score + weights[word], matched + weights[word]
        if score <= 0:
            continue
        score *= 0.8 if unit.item is None else 1.0
        score *= 1.5 if unit.section_id in boosted else 1.0
        hits.append(Hit(unit, score, matched / total, in_title))
    hits.sort(key=lambda h: -h.score)
    return hits[:limit]


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_the_indexed_guide_search_finds_what_scoring_every_unit_finds(kb: KnowledgeBase, data) -> None:
    index = index_for(kb)
    vocab = sorted(index.idf)
    words = data.draw(st.lists(st.sampled_from([*vocab, "ethic", "govern", "zzz", "pay"]), max_size=8))
    sections = data.draw(st.none() | st.lists(st.sampled_from(sorted(kb.sections)), max_size=3))
    boost = data.draw(st.lists(st.sampled_from(sorted(kb.sections)), max_size=2))
    limit = data.draw(st.sampled_from([3, 8, 40]))
    assert index.search(words, sections=sections, boost=boost, limit=limit) == _search_plainly(
        index, words, sections, boost, limit
    )


class _Counting:
    """The real encoder, counting the texts it is asked to encode."""

    def __init__(self, real) -> None:
        self.real, self.directory, self.texts = real, real.directory, 0

    def encode(self, texts):
        self.texts += len(texts)
        return self.real.encode(texts)


def test_the_guide_items_encoded_at_training_serve_only_the_same_texts(shipped_kb, monkeypatch) -> None:
    from bot.engine.answers import focus
    from bot.engine.nlu.encoder import default_encoder

    real = default_encoder()
    counting = _Counting(real)
    index = index_for(shipped_kb)
    units, saved = focus._unit_embeddings.__wrapped__(index, counting)
    assert counting.texts == 0  # the shipped encodings: nothing encoded at start
    # the same texts' encodings (to float rounding: the encoder's integer products are exact on
    # every CPU, its float kernels may round the last bit otherwise)
    assert np.allclose(saved[:3], real.encode(focus._units(index)[1][:3]), atol=1e-5)
    # items that read otherwise (an edited guide) are encoded afresh, not given stale encodings
    units_of = focus._units
    monkeypatch.setattr(
        focus, "_units", lambda i: (units_of(i)[0][:2], [t + " (edited)" for t in units_of(i)[1][:2]])
    )
    _, emb = focus._unit_embeddings.__wrapped__(index, counting)
    assert counting.texts == len(emb) == 2


@pytest.mark.parametrize("junk", [b"", b"not a zip", b"PK\x03\x04cut short"])
def test_a_damaged_saved_encoding_of_the_guide_is_encoded_afresh_not_a_crash(
    shipped_kb, tmp_path: Path, monkeypatch, junk: bytes
) -> None:
    import shutil

    from bot.engine.answers import focus
    from bot.engine.knowledge import load_knowledge
    from bot.engine.nlu.encoder import default_encoder

    copy = tmp_path / "kb"
    shutil.copytree(shipped_kb.directory, copy)
    (copy / "learned" / focus.UNITS_FILE).write_bytes(junk)
    kb = load_knowledge(copy, cache=False)
    units_of = focus._units
    monkeypatch.setattr(focus, "_units", lambda i: (units_of(i)[0][:2], units_of(i)[1][:2]))
    counting = _Counting(default_encoder())
    _, emb = focus._unit_embeddings.__wrapped__(index_for(kb), counting)
    assert counting.texts == 2 and emb.shape[0] == 2


def _nearest_by_sort(matcher, sims: np.ndarray) -> np.ndarray:
    """The item evidence's mean of the nearest labelled questions as first written: every row sorted."""
    padded = np.where(matcher._unit_pad >= 0, sims[np.maximum(matcher._unit_pad, 0)], np.nan)
    padded[padded <= -1.0] = np.nan
    nearest = -np.sort(-np.nan_to_num(padded, nan=-np.inf), axis=1)[:, :3]
    counted = np.isfinite(nearest)
    return np.where(
        counted.any(axis=1),
        np.where(counted, nearest, 0.0).sum(axis=1) / np.maximum(counted.sum(axis=1), 1),
        -1.0,
    ).astype(np.float32)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), masked=st.floats(0.0, 0.9), ties=st.booleans())
def test_item_evidence_by_partition_is_that_of_sorting_every_row(
    pipeline: Pipeline, seed, masked, ties
) -> None:
    matcher = pipeline.matcher
    rng = np.random.default_rng(seed)
    n = len(matcher.learned.index.texts)
    sims = rng.uniform(-0.3, 1.0, n).astype(np.float32)
    if ties:
        sims = np.round(sims, 1)  # many equal cosines
    sims[rng.random(n) < masked] = evidence.MASKED
    emb = rng.standard_normal(matcher.learned.unit_emb.shape[1]).astype(np.float32)
    assert np.array_equal(matcher.topic_evidence(emb, sims)[:, 2], _nearest_by_sort(matcher, sims))


def test_the_example_matrix_is_loaded_as_one_strided_conversion_would_make_it() -> None:
    """`model.column_major` (a block of rows at a time) gives the values and layout of
    `np.asfortranarray(rows, dtype=np.float32)`, whatever the number of rows."""
    from bot.engine.nlu.model import COLUMN_BLOCK, column_major

    rng = np.random.default_rng(5)
    for count in (0, 1, COLUMN_BLOCK - 1, COLUMN_BLOCK, 3 * COLUMN_BLOCK + 7):
        rows = rng.standard_normal((count, 24)).astype(np.float16)
        made = column_major(rows)
        assert made.flags.f_contiguous and made.dtype == np.float32
        assert np.array_equal(made, np.asfortranarray(rows, dtype=np.float32))


def test_a_batch_reads_its_nearest_examples_as_all_at_once(pipeline: Pipeline, monkeypatch) -> None:
    """The evidence rows of a batch, its nearest examples read a few questions at a time, are those
    read all at once (the answers of `aitl ask --json` batch mode do not depend on it)."""
    matcher = pipeline.matcher
    readings = [pipeline.read(q) for q in _golden_questions()[::25][:40]]
    texts = [r.normalized.text for r in readings]
    facet_rows = np.vstack([r.facets for r in readings])
    emb = matcher.encoder.encode(texts)
    sims = emb @ matcher.learned.index.emb.T
    by_blocks = evidence.rows(matcher.learned.index, emb, texts, facet_rows, sims=sims)
    monkeypatch.setattr(evidence, "ROWS", len(texts) + 1)
    at_once = evidence.rows(matcher.learned.index, emb, texts, facet_rows, sims=sims)
    assert len(texts) > evidence.ROWS // 2 and np.array_equal(by_blocks, at_once)


def test_a_match_reads_its_items_and_bullets_as_each_read_alone(pipeline: Pipeline) -> None:
    """`Matcher.decide` scores the topic units once for the intent's list and its bullets: the item
    and bullet found are those `_topic` and `_bullet` find on their own."""
    matcher = pipeline.matcher
    checked = 0
    for question in _golden_questions()[::30]:
        reading = pipeline.read(question)
        _rows, emb, sims, parts = matcher.rows(
            [reading.normalized.text], reading.facets[None, :], [reading.asking], [reading.parts]
        )
        match = matcher.classify_many(
            [reading.normalized.text], reading.facets[None, :], [reading.asking], [reading.parts]
        )[0]
        if match.intent == "unknown":
            continue
        alone = matcher._topic(match.intent, emb[0], sims[0], parts.of(0))
        assert (match.topic, match.whole, match.items) == alone, question
        assert match.bullet == matcher._bullet(match.intent, emb[0], sims[0], parts.of(0))[0], question
        checked += 1
    assert checked > 20


def test_a_draft_is_measured_by_the_text_it_is_finished_with(kb: KnowledgeBase) -> None:
    """`finished_text` (no buttons laid out) is the text `finished` gives, for every kind of answer,
    with "Did you mean" buttons, a cut note and a whole-section button among them."""
    from bot.engine.answers import draft
    from bot.engine.answers.base import finished, finished_text

    pipeline = Pipeline(kb)
    questions = _golden_questions()[::20] + ["what is the salary of a senior in sf " + "x" * 3000]
    kinds = set()
    for question in questions:
        text, notes = question[:MAX_QUESTION], ((CUT_NOTE,) if len(question) > MAX_QUESTION else ())
        query = pipeline.query(question=text, forced=None, notes=notes)
        made = draft(query)
        assert finished_text(query, made) == finished(query, made).text, question
        kinds.add((bool(made.more), bool(query.ambiguous), bool(notes)))
    assert (True, False, False) in kinds and any(k[1] for k in kinds) and any(k[2] for k in kinds)


def _weighted_plainly(detector, text: str) -> tuple[list[int], list[float]]:
    """The across detector's tf-idf row as first written: every n-gram of `features` looked up."""
    import math

    from bot.engine.nlu.across import features

    ks, values = [], []
    for feature, count in features(text).items():
        k = detector.vocabulary.get(feature)
        if k is not None:
            ks.append(k)
            values.append((1.0 + math.log(count)) * detector._idf[k])
    norm = math.sqrt(sum(v * v for v in values))
    return ks, [v / norm for v in values] if norm else values


_ACROSS_TEXTS = [
    "mentoring, all of it",
    "security — every occurrence",
    "bias & fairness: everything, top to bottom",
    "collab collab collab, every mention??",
    "Transparency/ethics + governance: all occurrences in the guide",
    "",
    "- — –",
    "aaa aaaa aaaaa",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["mentoring", "all", "of", "it", ",", ":", "—", "every", "bias", "the", "ethics", "ethic"]
        )
        | st.text(alphabet="abcdefgh'é:,-?& ", max_size=12),
        max_size=12,
    )
)
def test_the_across_detector_weighs_a_question_as_every_ngram_looked_up_would(kb, words) -> None:
    from bot.engine.nlu import across

    detector = across.load(kb.directory)
    assert detector is not None
    for text in [" ".join(words), *_ACROSS_TEXTS]:
        assert detector._weighted(text) == _weighted_plainly(detector, text), text
        assert detector._weighted(text) == _weighted_plainly(detector, text), text  # words now kept


def _spelt_plainly(index: GuideIndex, words: list[str]) -> list[str]:
    """`GuideIndex.spell_acronyms` as first written: every run of six to three words tried."""
    from bot.engine.search import _spells

    out, start = [], 0
    while start < len(words):
        for size in range(6, 2, -1):
            run = words[start : start + size]
            initials = "".join(w[0] for w in run if w)
            if len(run) == size and len(initials) == size and initials in index.acronyms and _spells(run):
                out.append(initials)
                start += size
                break
        else:
            out.append(words[start])
            start += 1
    return out


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_acronyms_spelt_out_are_found_as_trying_every_run_finds_them(kb, data) -> None:
    index = index_for(kb)
    spelt = [w for a in sorted(index.acronyms) for w in (f"{c}x" for c in a)]
    pool = [*spelt, "return", "on", "investment", "and", "the", "of", "a", "", "roi", "what", "is"]
    words = data.draw(st.lists(st.sampled_from(pool), max_size=14))
    assert index.spell_acronyms(words) == _spelt_plainly(index, words)
    assert index.spell_acronyms(["compound", "annual", "growth", "rate"]) == ["cagr"]


def _wrapped_plainly(text: str, width: int) -> str:
    """`render.wrap` as first written: every candidate line measured without its ANSI codes."""
    ansi = render._ANSI
    out: list[str] = []
    for line in text.split("\n"):
        if len(ansi.sub("", line)) <= width or "▕" in line or line.startswith("  "):
            out.append(line)
            continue
        lead = render._BULLET.match(line)
        indent = " " * len(lead.group(1)) if lead else ""
        current = ""
        for word in line.split(" "):
            candidate = f"{current} {word}" if current else word
            if current.strip() and len(ansi.sub("", candidate)) > width:
                out.append(current)
                current = indent + word
            else:
                current = candidate
        if current:
            out.append(current)
    return "\n".join(out)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["word", "longerword", "•", "1.", " ", "", "\033[1mbold\033[0m", "▕", "\n", "x" * 30]
        ),
        max_size=40,
    ),
    st.sampled_from([10, 20, 80]),
)
def test_terminal_lines_wrap_as_measuring_every_line_without_its_codes(parts, width) -> None:
    text = " ".join(parts)
    assert render.wrap(text, width) == _wrapped_plainly(text, width)
