"""How a question was read, for people who edit the knowledge base (`aitl ask --explain`,
`/aitl why`): the normalised text, the entities and facets, every intent's calibrated
probability against the cutoff, the nearest labelled examples and the guide items considered."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from bot.engine.nlu.evidence import CLASSES, comparable
from bot.engine.nlu.matcher import mix_items

if TYPE_CHECKING:
    from bot.engine.pipeline import Pipeline

NEAREST = 5
FACET_NAMES = (
    "level or years",
    "place",
    "industry",
    "pay figure",
    "the guide's role",
    "another role",
    "another role asked about",
    "a heading of the guide",
    "technical skills",
    "soft skills",
)


def explain(pipeline: Pipeline, question: str) -> dict[str, Any]:
    reading = pipeline.read(question)
    matcher = pipeline.matcher
    text = reading.normalized.text
    rows, emb, sims, parts = matcher.rows([text], reading.facets[None, :], [reading.asking], [reading.parts])
    p = matcher.with_parts(matcher.probabilities(rows), parts)[0]
    # the same decision as answering, without a second encode
    match = matcher.decide(p, emb[0], sims[0], parts.of(0))
    learned = matcher.learned
    ix = learned.index
    compared = comparable(ix, sims, reading.facets[None, :])[0]  # the examples the scores used
    order = np.argsort(-compared)[:NEAREST]
    nearest = [
        {"example": ix.texts[j], "intent": CLASSES[int(ix.cls[j])], "cosine": round(float(compared[j]), 3)}
        for j in order
    ]
    entities = {k: v for k, v in reading.entities.to_json().items() if v} if text else {}
    own = matcher.own_units(match.intent)
    # the item scorer's reading as answering mixes it: with the most decisive part's
    mixed = mix_items(*matcher.item_views(own, emb[0], sims[0], parts.of(0)), learned.calibration.item_parts)
    scores = dict(zip(own, mixed, strict=True))
    items = sorted(own, key=lambda u: -scores[u])[:3]
    return {
        "question": question,
        "read_as": text,
        "entities": entities,
        "facets": [name for name, on in zip(FACET_NAMES, reading.facets, strict=True) if on],
        "intents": [
            {"intent": CLASSES[k], "probability": round(float(p[k]), 3)}
            for k in np.argsort(-p)
            if p[k] >= 0.005
        ],
        "cutoff": learned.calibration.cutoff,
        "in_scope": learned.calibration.in_scope,
        "ambiguity": learned.calibration.ambiguity,
        "intent": match.intent,
        "confidence": match.confidence,
        "ambiguous": match.ambiguous,
        "nearest": nearest,
        "items": [{"item": learned.unit_keys[u], "score": round(float(scores[u]), 3)} for u in items],
        "topic": f"{match.topic.section}/{match.topic.item}" if match.topic else None,
        "topic_min": learned.calibration.topic_min,
    }


def format_explanation(data: dict[str, Any]) -> str:
    """The explanation as plain lines for a terminal or a Slack code block."""
    lines = [
        f"Read as: {data['read_as']!r}",
        f"Entities: {_pairs(data['entities']) or 'none'}; facets: {', '.join(data['facets']) or 'none'}",
        f"Intent: {data['intent']} ({data['confidence']:.2f})"
        + (" — ambiguous with the runner-up" if data["ambiguous"] else ""),
        f"Cutoff: below {data['cutoff']:.2f} for the best in-scope intent -> unknown"
        + (f", unless {data['in_scope']:.2f} or more is in scope" if data["in_scope"] <= 1 else ""),
        "Scores: " + ", ".join(f"{i['intent']} {i['probability']:.2f}" for i in data["intents"]),
        "Nearest examples:",
        *(f"  {n['cosine']:.2f}  {n['intent']:<16} {n['example']}" for n in data["nearest"]),
    ]
    if data["items"]:
        chosen = data["topic"] or f"none (best below {data['topic_min']:.2f} or too close to the next)"
        lines.append("Items: " + ", ".join(f"{i['item']} {i['score']:.2f}" for i in data["items"]))
        lines.append(f"Item chosen: {chosen}")
    return "\n".join(lines)


def _pairs(mapping: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in mapping.items())
