"""How a question was read, for the people who edit the knowledge base.

`aitl ask --explain TEXT` prints it; `/aitl why` shows it for the user's last question. Plain data
(a dict) so each adapter lays it out its own way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.engine.nlu.evidence import CLASSES, nearest
from bot.engine.nlu.matcher import facets, has_words
from bot.engine.normalize import normalize

if TYPE_CHECKING:
    from bot.engine.pipeline import Pipeline

NEAREST = 5


def explain(pipeline: Pipeline, question: str) -> dict[str, Any]:
    normalized = normalize(question)
    entities = pipeline.extractor.extract(normalized)
    matcher = pipeline.matcher
    cal = matcher.learned.calibration
    out: dict[str, Any] = {
        "question": question,
        "read_as": normalized.text,
        "entities": entities.to_json(),
        "cutoff": cal.cutoff,
        "ambiguity": cal.ambiguity,
    }
    if not has_words(question):
        out.update(intent="unknown", reason="no words to read", scores={}, nearest=[])
        return out
    roles = pipeline.roles.read(normalized.tokens)
    out["roles"] = {"guide role named": roles[0], "another role named": roles[1]}
    match = matcher.classify_many([normalized.text], facets(entities, question, roles)[None, :])[0]
    emb = matcher.encoder.encode([normalized.text])[0]
    index = matcher.learned.index
    out.update(
        intent=match.intent,
        confidence=match.confidence,
        scores={k: round(v, 3) for k, v in sorted(match.probabilities.items(), key=lambda kv: -kv[1])},
        topic=f"{match.topic.section}/{match.topic.item} ({match.topic.score})" if match.topic else None,
        nearest=[
            {"example": index.texts[j], "intent": CLASSES[int(index.cls[j])], "similarity": round(s, 3)}
            for j, s in nearest(index, emb, NEAREST)
        ],
    )
    return out


def as_text(report: dict[str, Any]) -> str:
    """The report as plain lines (terminal, or a Slack code block)."""
    lines = [
        f"question: {report['question']}",
        f"read as:  {report['read_as']}",
        f"intent:   {report['intent']}"
        + (f" ({report['confidence']:.2f})" if "confidence" in report else ""),
    ]
    if report.get("reason"):
        lines.append(f"why:      {report['reason']}")
    if report.get("topic"):
        lines.append(f"item:     {report['topic']}")
    if report.get("entities"):
        lines.append("entities: " + ", ".join(f"{k}={v}" for k, v in report["entities"].items()))
    lines.append(
        f"cutoff:   {report['cutoff']} (below it: unknown); did-you-mean ratio {report['ambiguity']}"
    )
    if report.get("scores"):
        lines.append("scores:   " + "  ".join(f"{k} {v:.3f}" for k, v in list(report["scores"].items())[:6]))
    for near in report.get("nearest", ()):
        lines.append(f"  {near['similarity']:.3f}  {near['intent']:<16} {near['example']}")
    return "\n".join(lines)
