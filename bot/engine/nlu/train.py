"""`aitl kb train`: learn the matcher from the labelled examples, calibrate it on dev, save it.

1. Embed every train example, guide passage and topic unit with the sentence encoder.
2. Feature rows for the train examples, each with its neighbours looked up OUTSIDE its own
   source group (and never its own text): the rows then look like those of a question written by
   someone else, which is what the bot meets.
3. Softmax regression on the rows (numpy, L2-regularised, class-balanced); and for the list
   intents' items, a softmax over each intent's units of their similarity evidence (masked as in
   2) and the question's embedding (`fit_topics`).
4. On dev (never trained on): a temperature that makes probabilities honest (least log loss),
   then the `unknown` cutoff, the "Did you mean" ratio and the topic thresholds.
5. Save `learned/` (model.py) with a report of the calibration.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from bot.engine.entities import EntityExtractor
from bot.engine.knowledge import KnowledgeBase
from bot.engine.nlu import evidence
from bot.engine.nlu.encoder import Encoder
from bot.engine.nlu.evidence import CLASSES, Index
from bot.engine.nlu.examples import (
    WHOLE,
    Example,
    examples_path,
    guide_chunks,
    load_examples,
    topic_units,
)
from bot.engine.nlu.headings import HeadingReader
from bot.engine.nlu.matcher import Matcher, Parts, decide_topic, facets, mix_items
from bot.engine.nlu.model import TOPIC_EVIDENCE, Calibration, Learned, learned_dir
from bot.engine.nlu.roles import RoleReader
from bot.engine.normalize import normalize

MASKED = evidence.MASKED
L2 = 3e-3
STEPS = 600
TOPIC_L2, TOPIC_STEPS = 2e-3, 800
"""The item scorer's regularisation and steps (chosen on dev's item accuracy: 78% -> 88% against
the better cosine alone)."""
PARTS_WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
"""The weights of a message's most decisive part tried on dev (`choose_parts`, `choose_topic`)."""
FALSE_REJECT_BUDGET = 0.02
"""The cutoff is the highest one that turns away at most this share of dev's in-scope questions."""
IN_SCOPE = 0.9
"""A question below the cutoff is still answered (its best intent, runner-ups offered) when the
model gives 'unknown' at most 1 - this (`Calibration.in_scope`): on dev, such questions are
in scope far more often than not, so the cutoff can be raised for the rest."""


@dataclass(frozen=True)
class Prepared:
    texts: list[str]
    raws: list[str]
    facets: np.ndarray
    askings: list[str | None]
    parts: list[tuple[str, ...]]


def prepare(kb: KnowledgeBase, questions: Sequence[str]) -> Prepared:
    from bot.engine.facts import asking_text, parts_text

    extractor, roles, headings = EntityExtractor(kb), RoleReader(kb), HeadingReader(kb)
    texts, rows = [], []
    for q in questions:
        normalized = normalize(q)
        texts.append(normalized.text)
        tokens = normalized.tokens
        rows.append(facets(extractor.extract(normalized), q, roles.scan(tokens), headings.names_one(tokens)))
    facet_rows = np.vstack(rows) if rows else np.zeros((0, evidence.FACETS))
    return Prepared(
        texts,
        list(questions),
        facet_rows,
        [asking_text(q) for q in questions],
        [parts_text(q) for q in questions],
    )


def build_index(kb: KnowledgeBase, encoder: Encoder, train: list[Example], prepared: Prepared):
    order = sorted(range(len(train)), key=lambda i: CLASSES.index(train[i].intent))
    cls = np.array([CLASSES.index(train[i].intent) for i in order])
    texts = [prepared.texts[i] for i in order]
    emb = encoder.encode(texts)
    starts = np.searchsorted(cls, np.arange(len(CLASSES) + 1))
    chunks = list(guide_chunks(kb))
    chunk_emb = encoder.encode([text for _, text in chunks])
    chunk_cls = np.array([CLASSES.index(intent) for intent, _ in chunks])
    other_role = prepared.facets[order, evidence.OTHER_ROLE] > 0
    index = Index(
        emb=emb,
        cls=cls,
        starts=starts,
        texts=tuple(texts),
        chunk_emb=chunk_emb,
        chunk_cls=chunk_cls,
        other_role=other_role,
    )
    return index, order


def masked_rows(
    index: Index,
    groups: np.ndarray,
    facet_rows: np.ndarray,
    asking: evidence.Asking | None = None,
    batch: int = 1024,
) -> np.ndarray:
    """Train rows with each question's own group (and any copy of its text) masked out, for the
    whole question and its asking sentence alike (`asking.sims` unused: computed here)."""
    out = []
    text_ids = np.unique(np.array(index.texts), return_inverse=True)[1]
    for lo in range(0, len(index.texts), batch):
        hi = min(lo + batch, len(index.texts))
        mask = (groups[lo:hi, None] == groups[None, :]) | (text_ids[lo:hi, None] == text_ids[None, :])
        sims = index.emb[lo:hi] @ index.emb.T
        sims[mask] = MASKED
        said = None
        if asking is not None:
            a_sims = asking.emb[lo:hi] @ index.emb.T
            a_sims[mask] = MASKED
            said = evidence.Asking(asking.emb[lo:hi], asking.texts[lo:hi], a_sims, asking.has[lo:hi])
        out.append(
            evidence.rows(
                index, index.emb[lo:hi], list(index.texts[lo:hi]), facet_rows[lo:hi], sims=sims, asking=said
            )
        )
    return np.vstack(out)


def asking_of(encoder: Encoder, index: Index, askings: list[str | None]) -> evidence.Asking:
    """The train examples' asking sentences (in index order), embedded; a question of one
    sentence repeats its own text and embedding."""
    has = np.array([a is not None for a in askings])
    emb = index.emb.copy()
    if has.any():
        emb[has] = encoder.encode([a for a in askings if a is not None])
    texts = [a if a is not None else t for a, t in zip(askings, index.texts, strict=True)]
    return evidence.Asking(emb, texts, np.zeros((0, 0), np.float32), has)


def fit_softmax(
    x: np.ndarray, y: np.ndarray, *, l2: float = L2, steps: int = STEPS
) -> tuple[np.ndarray, ...]:
    """Class-balanced multinomial logistic regression by Adam on the standardised rows."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    z = (x - mean) / scale
    n, f = z.shape
    c = len(CLASSES)
    counts = np.bincount(y, minlength=c).astype(np.float64)
    sample_w = (n / (c * np.maximum(counts, 1)))[y]
    sample_w /= sample_w.sum()
    onehot = np.eye(c)[y]
    w = np.zeros((f, c))
    b = np.zeros(c)

    def grads() -> list[np.ndarray]:
        logits = z @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * sample_w[:, None]
        return [z.T @ g + l2 * w, g.sum(axis=0)]

    _adam((w, b), grads, steps)
    return w.astype(np.float32), b.astype(np.float32), mean.astype(np.float32), scale.astype(np.float32)


def _adam(params: tuple[np.ndarray, ...], grads: Callable[[], list[np.ndarray]], steps: int) -> None:
    """`steps` of Adam on `params` in place (learning rate 0.05), `grads` giving their gradients at
    the current values."""
    m = [np.zeros_like(param) for param in params]
    v = [np.zeros_like(param) for param in params]
    lr, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, steps + 1):
        for k, (param, grad) in enumerate(zip(params, grads(), strict=True)):
            m[k] = beta1 * m[k] + (1 - beta1) * grad
            v[k] = beta2 * v[k] + (1 - beta2) * grad * grad
            param -= lr * (m[k] / (1 - beta1**step)) / (np.sqrt(v[k] / (1 - beta2**step)) + 1e-8)


def fit_topics(matcher: Matcher, groups: np.ndarray, listed: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """The item scorer: for each train example labelled with a unit, a softmax over its intent's
    units (its list's, or its other sections' bullets) of (the units' similarity evidence, with
    the example's own group masked) @ coef + its embedding @ weights[:, unit]. No per-unit
    bias: how often writers asked about an item is not how likely a question is about it. `listed`:
    fitted on the examples of the lists' items, else on those of the intents' other bullets, apart
    (a weight of each unit's evidence of their own: the lists' item scorer stays as it was)."""
    learned = matcher.learned
    ix = learned.index
    flags = np.array(matcher.unit_listed)
    rows = np.flatnonzero(learned.example_unit >= 0)
    rows = rows[flags[learned.example_unit[rows]] == listed]
    units = np.array(matcher.unit_pools)  # a unit is weighed against its own list's, or bullets'

    if not len(rows):
        return np.zeros(TOPIC_EVIDENCE, np.float32), np.zeros((ix.emb.shape[1], len(units)), np.float32)
    sims = ix.emb[rows] @ ix.emb.T
    sims[groups[rows][:, None] == groups[None, :]] = MASKED
    f = np.stack([matcher.topic_evidence(ix.emb[i], sims[k]) for k, i in enumerate(rows)])  # (n, U, K)
    x, y = ix.emb[rows].astype(np.float64), learned.example_unit[rows]
    allowed = units[None, :] == units[y][:, None]
    onehot = np.eye(len(units))[y]
    coef, weights = np.zeros(f.shape[2]), np.zeros((x.shape[1], len(units)))

    def grads() -> list[np.ndarray]:
        logits = np.where(allowed, f @ coef + x @ weights, -1e9)
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) / len(rows)
        return [np.einsum("nuk,nu->k", f, g), x.T @ g + TOPIC_L2 * weights]

    _adam((coef, weights), grads, TOPIC_STEPS)
    return coef.astype(np.float32), weights.astype(np.float32)


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """The temperature with the least log loss on dev (a grid: one number, no overfitting)."""
    best, best_t = np.inf, 1.0
    for t in np.exp(np.linspace(np.log(0.25), np.log(6.0), 80)):
        z = logits / t
        z -= z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        loss = -logp[np.arange(len(y)), y].mean()
        if loss < best:
            best, best_t = loss, float(t)
    return best_t


def choose_cutoff(p: np.ndarray, y: np.ndarray, in_scope: float = IN_SCOPE) -> float:
    """The highest cutoff that falsely rejects at most FALSE_REJECT_BUDGET of dev's in-scope
    questions (the most out-of-scope questions turned away within that budget), those surely in
    scope (`in_scope`) being answered whatever the cutoff."""
    unknown = CLASSES.index("unknown")
    asked = y != unknown  # the questions that are in scope
    top_in = np.where(np.arange(len(CLASSES)) == unknown, -1, p).max(axis=1)
    argmax_unknown = p.argmax(axis=1) == unknown
    surely_in = 1.0 - p[:, unknown] >= in_scope
    best = 0.0
    for cutoff in np.linspace(0.05, 0.9, 86):
        rejected = (argmax_unknown | (top_in < cutoff)) & ~surely_in
        if rejected[asked].mean() <= FALSE_REJECT_BUDGET:
            best = float(cutoff)
    return best


def reliability(conf: np.ndarray, right: np.ndarray, bins: int = 10) -> tuple[list[dict], float]:
    """Confidence bins with their accuracy, and the expected calibration error."""
    table, ece = [], 0.0
    edges = np.linspace(0, 1, bins + 1)
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        inside = (conf >= lo) & ((conf < hi) | (hi == 1.0))
        if not inside.any():
            continue
        acc, mean_conf = float(right[inside].mean()), float(conf[inside].mean())
        ece += inside.mean() * abs(acc - mean_conf)
        table.append(
            {
                "bin": f"{lo:.1f}-{hi:.1f}",
                "n": int(inside.sum()),
                "confidence": round(mean_conf, 3),
                "accuracy": round(acc, 3),
            }
        )
    return table, round(float(ece), 4)


def score(matcher: Matcher, kb: KnowledgeBase, examples: Sequence[Example]) -> dict:
    """Intent accuracy, false rejects and out-of-scope rejection of a labelled set."""
    prepared = prepare(kb, [e.q for e in examples])
    matches = matcher.classify_many(prepared.texts, prepared.facets, prepared.askings, prepared.parts)
    in_scope = [(e, m) for e, m in zip(examples, matches, strict=True) if e.intent != "unknown"]
    out = [(e, m) for e, m in zip(examples, matches, strict=True) if e.intent == "unknown"]
    right = sum(m.intent == e.intent for e, m in in_scope)
    rejected = sum(m.intent == "unknown" for _, m in in_scope)
    return {
        "in_scope": len(in_scope),
        "right": round(right / max(1, len(in_scope)), 4),
        "falsely_rejected": round(rejected / max(1, len(in_scope)), 4),
        "out_of_scope": len(out),
        "rejected": round(sum(m.intent == "unknown" for _, m in out) / max(1, len(out)), 4),
    }


def train(kb: KnowledgeBase, encoder: Encoder, *, log: Callable[[str], None] = print) -> Learned:
    started = time.perf_counter()
    train_set = load_examples(kb, "train")
    dev_set = load_examples(kb, "dev")
    if not train_set:
        raise ValueError(f"no training examples in {examples_path(kb, 'train')}")
    log(
        f"train: {len(train_set)} examples in {len({e.group for e in train_set})} groups; dev: {len(dev_set)}"
    )
    prepared = prepare(kb, [e.q for e in train_set])
    index, order = build_index(kb, encoder, train_set, prepared)
    groups = np.unique(np.array([train_set[i].group for i in order]), return_inverse=True)[1]
    asking = asking_of(encoder, index, [prepared.askings[i] for i in order])
    log(f"asking sentences apart from the whole question: {int(asking.has.sum())}")
    x = masked_rows(index, groups, prepared.facets[order], asking)
    y = index.cls
    w, b, mean, scale = fit_softmax(x, y)
    units = topic_units(kb)
    unit_keys = tuple(u.key for u in units)
    unit_emb = encoder.encode([u.text for u in units])
    example_unit = np.array(
        [unit_keys.index(train_set[i].topic) if train_set[i].topic else -1 for i in order]
    )
    meta = {"unit_intents": [u.intent for u in units], "unit_listed": [u.listed for u in units]}
    learned = Learned(index, w, b, mean, scale, unit_keys, unit_emb, example_unit, Calibration(), meta)
    topic_coef, topic_weights = fit_topics(Matcher(learned, encoder), groups)
    bullet_coef, bullet_weights = fit_topics(Matcher(learned, encoder), groups, listed=False)
    listed = np.array([u.listed for u in units])
    topic_weights = np.where(listed[None, :], topic_weights, bullet_weights).astype(np.float32)
    learned = replace(learned, topic_coef=topic_coef, topic_weights=topic_weights, bullet_coef=bullet_coef)
    calibration, report = calibrate(kb, Matcher(learned, encoder), dev_set or train_set[:0])
    meta = {
        **learned.meta,
        "trained_from": trained_from(kb, encoder),
        "examples": dict(Counter(e.intent for e in train_set)),
        "dev_report": report,
        "seconds": round(time.perf_counter() - started, 1),
    }
    learned = replace(learned, calibration=calibration, meta=meta)
    learned.save(learned_dir(kb))
    from bot.engine.answers import focus

    try:
        focus.save_unit_embeddings(kb, encoder)  # the guide's items, encoded once here, not at each start
    except OSError as error:  # a speed-up only: without it the items are encoded at start
        log(f"not saved: the guide's items encoded ({error})")
    log(f"saved {learned_dir(kb)} in {meta['seconds']} s; calibration {calibration.to_dict()}")
    log(train_across(kb))
    dev = report.get("dev")
    if dev:
        log(
            f"dev: {dev['right']:.1%} of {dev['in_scope']} in scope right, {dev['falsely_rejected']:.1%} "
            f"falsely rejected, {dev['rejected']:.1%} of {dev['out_of_scope']} out of scope rejected; "
            f"confidence calibration error (ECE) {report['ece']:.3f}"
        )
    return learned


def trained_from(kb: KnowledgeBase, encoder: Encoder) -> str:
    digest = hashlib.sha256()
    for path in (
        examples_path(kb, "train"),
        examples_path(kb, "dev"),
        kb.directory / "examples" / "across.yaml",
        kb.directory / "guide.md",
        kb.directory / "intents.yaml",
    ):
        digest.update(path.read_bytes() if path.exists() else b"")
    digest.update((encoder.directory / "SHA256SUMS").read_bytes())
    return digest.hexdigest()[:16]


def calibrate(kb: KnowledgeBase, matcher: Matcher, dev: Sequence[Example]) -> tuple[Calibration, dict]:
    if not dev:
        return Calibration(), {"note": "no dev examples: default calibration"}
    prepared = prepare(kb, [e.q for e in dev])
    rows, emb, sims, parts = matcher.rows(prepared.texts, prepared.facets, prepared.askings, prepared.parts)
    y = np.array([CLASSES.index(e.intent) for e in dev])
    learned = matcher.learned
    logits = ((rows - learned.mean) / learned.scale) @ learned.weights + learned.bias
    temperature = fit_temperature(logits, y)
    matcher.learned = replace(learned, calibration=Calibration(temperature=temperature))
    whole = matcher.probabilities(rows)
    weight = choose_parts(lambda w: matcher.with_parts(whole, parts, w), y)
    p = matcher.with_parts(whole, parts, weight)
    cutoff = choose_cutoff(p, y)
    conf = p.max(axis=1)
    table, ece = reliability(conf, p.argmax(axis=1) == y)
    ambiguity = choose_ambiguity(p, y)
    topic_min, topic_margin, item_parts = choose_topic(matcher, dev, emb, sims, parts)
    calibration = Calibration(
        temperature, cutoff, ambiguity, topic_min, topic_margin, IN_SCOPE, parts=weight, item_parts=item_parts
    )
    matcher.learned = replace(learned, calibration=calibration)
    bullet_min, bullet_margin = choose_bullet(matcher, dev, emb, sims, parts)
    calibration = replace(calibration, bullet_min=bullet_min, bullet_margin=bullet_margin)
    matcher.learned = replace(learned, calibration=calibration)
    report = {"reliability": table, "ece": ece, "dev": score(matcher, kb, dev)}
    return calibration, report


def choose_parts(mixed: Callable[[float], np.ndarray], y: np.ndarray) -> float:
    """How much a message's most decisive part counts beside the whole (`Matcher.with_parts`): the
    weight that gets the most of dev's questions' best intent right (the least of them on a tie)."""
    best, best_w = -1, 0.0
    for w in PARTS_WEIGHTS:
        right = int((mixed(float(w)).argmax(axis=1) == y).sum())
        if right > best:
            best, best_w = right, float(w)
    return best_w


def choose_ambiguity(p: np.ndarray, y: np.ndarray) -> float:
    """The smallest runner-up/leader ratio at which the leader is wrong at least a third of the
    time on dev: there, offering the runner-up as a button helps more than it distracts."""
    order = np.sort(p, axis=1)
    ratio = order[:, -2] / np.maximum(order[:, -1], 1e-9)
    wrong = p.argmax(axis=1) != y
    for r in np.linspace(0.3, 0.95, 14):
        flagged = ratio >= r
        if flagged.sum() >= 5 and wrong[flagged].mean() >= 1 / 3:
            return float(round(r, 3))
    return 0.95


def choose_topic(
    matcher: Matcher, dev: Sequence[Example], emb: np.ndarray, sims: np.ndarray, parts: Parts | None = None
) -> tuple[float, float, float]:
    """Thresholds that get the most dev list-intent questions' item right (an item when one was
    meant, none when the whole list was): the least score and the lead over the next unit; with the
    weight of a message's most decisive part in the item scorer's reading (`mix_items`)."""
    keys = matcher.learned.unit_keys
    views = []
    for i, e in enumerate(dev):
        own = matcher.own_units(e.intent)
        if own:
            views.append((own, *matcher.item_views(own, emb[i], sims[i], parts.of(i) if parts else None), e))
    default = Calibration()
    if not views:
        return default.topic_min, default.topic_margin, default.item_parts
    best, best_three = -1, (default.topic_min, default.topic_margin, default.item_parts)
    for weight in PARTS_WEIGHTS:
        cases = []
        for own, whole, part, e in views:
            scores = mix_items(whole, part, weight)
            order = np.argsort(-scores)
            second = float(scores[order[1]]) if len(order) > 1 else -1.0
            cases.append(
                (float(scores[order[0]]), second, _item_or_none(keys[own[order[0]]]), _item_or_none(e.topic))
            )
        first, second = np.array([c[0] for c in cases]), np.array([c[1] for c in cases])
        best_right = np.array([c[2] == c[3] for c in cases])
        wants_none = np.array([c[3] is None for c in cases])
        for t_min in np.linspace(0.0, 0.8, 41):  # probabilities among the intent's units
            for t_margin in (0.0, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.2):
                chosen = decide_topic(
                    first, second, Calibration(topic_min=float(t_min), topic_margin=t_margin)
                )
                right = int(np.sum(np.where(chosen, best_right, wants_none)))
                if right > best:
                    best, best_three = right, (float(round(t_min, 3)), t_margin, float(weight))
    return best_three


def choose_bullet(
    matcher: Matcher, dev: Sequence[Example], emb: np.ndarray, sims: np.ndarray, parts: Parts | None = None
) -> tuple[float, float]:
    """When the item scorer is sure of a bullet (`Calibration.bullet_min`, `bullet_margin`): the
    thresholds at which, on dev's questions labelled with a bullet of their own intent, it is
    right the most times more than it is wrong (a wrong bullet misleads as much as the right one
    helps; below them the focused answer finds the bullet as before, or answers the sections)."""
    keys = matcher.learned.unit_keys
    cases = []
    for i, e in enumerate(dev):
        own = matcher.bullet_units(e.intent)
        if not own or e.topic is None or e.topic not in {keys[u] for u in own}:
            continue
        _, ranked = matcher._bullet(e.intent, emb[i], sims[i], parts.of(i) if parts else None)
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        cases.append((ranked[0][1], second, ranked[0][0] == e.topic))
    never = Calibration()
    if not cases:
        return never.bullet_min, never.bullet_margin
    first = np.array([c[0] for c in cases])
    second = np.array([c[1] for c in cases])
    right = np.array([c[2] for c in cases])
    best, best_two = 0, (never.bullet_min, never.bullet_margin)
    for t_min in np.linspace(0.0, 0.95, 39):
        for t_margin in (0.0, 0.02, 0.05, 0.1, 0.2, 0.3):
            sure = (first >= t_min) & (first - second >= t_margin)
            gain = int(np.sum(sure & right)) - int(np.sum(sure & ~right))
            if gain > best:
                best, best_two = gain, (float(round(t_min, 3)), t_margin)
    return best_two


def _item_or_none(key: str | None) -> str | None:
    """A unit key as an answer's item: None for no item or the whole list."""
    return None if key is None or key.endswith("/" + WHOLE) else key


ACROSS_STRENGTH = 30.0
ACROSS_NEGATIVES = 2000
ACROSS_WEIGHT = 0.3
ACROSS_FALSE_RATE = 0.08


def train_across(kb: KnowledgeBase) -> str:
    """Fit the across-the-guide question detector (bot.engine.nlu.across) and write it to
    `learned/across.json`; returns a line to log. Positives and border negatives: the train part
    of `examples/across.yaml`; more negatives: every n-th of train's questions the rules do not read
    as across (`ACROSS_NEGATIVES` of them, at weight `ACROSS_WEIGHT`). Threshold: the lowest at which
    at most `ACROSS_FALSE_RATE` of the dev part's negatives pass (never below 0.5)."""
    import yaml

    from bot.engine import facts
    from bot.engine.nlu import across
    from bot.engine.search import index_for

    path = kb.directory / "examples" / "across.yaml"
    if not path.exists():
        return f"no {path.name}: no across-the-guide detector"
    parts = yaml.safe_load(path.read_text(encoding="utf-8"))
    train_part, dev_part = parts["train"], parts["dev"]
    index = index_for(kb)
    others = [e.q for e in load_examples(kb, "train")]
    others = [q for q in others if facts.read(q, index=index)[1].across is None]
    others = others[:: max(len(others) // ACROSS_NEGATIVES, 1)][:ACROSS_NEGATIVES]
    texts = [str(e["q"]) for e in train_part] + others
    labels = [int(bool(e["across"])) for e in train_part] + [0] * len(others)
    weights = [1.0] * len(train_part) + [ACROSS_WEIGHT] * len(others)
    detector = across.fit(
        texts, labels, sample_weights=weights, strength=ACROSS_STRENGTH, known=len(train_part)
    )
    dev_texts = [str(e["q"]) for e in dev_part]
    dev_labels = [int(bool(e["across"])) for e in dev_part]
    detector = across.calibrate(detector, dev_texts, dev_labels, false_rate=ACROSS_FALSE_RATE)
    sure = [detector.sure(q) for q in dev_texts]
    found = sum(s for s, y in zip(sure, dev_labels, strict=True) if y)
    false = sum(s for s, y in zip(sure, dev_labels, strict=True) if not y)
    out = learned_dir(kb) / across.FILE
    out.write_text(json.dumps(detector.to_json(), separators=(",", ":")) + "\n", encoding="utf-8")
    return (
        f"saved {out.name}: {len(detector.vocabulary)} n-grams, threshold {detector.threshold:.3f}; dev: "
        f"{found}/{sum(dev_labels)} across found, {false}/{len(dev_labels) - sum(dev_labels)} false"
    )
