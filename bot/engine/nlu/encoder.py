"""A small local sentence encoder: all-MiniLM-L6-v2 as int8 ONNX, 384-dimensional unit vectors.

Runtime only: onnxruntime, tokenizers and numpy (never torch). The model folder holds
model.onnx, tokenizer.json and SHA256SUMS (and a NOTICE); scripts/export_encoder.py makes it.
`Encoder.load()` finds the folder (argument, else $AITL_ENCODER_DIR, else the one shipped in the
package), checks every file against SHA256SUMS, then loads the model and the tokenizer. The graph
onnxruntime optimises from the model is kept beside the knowledge cache and reused (`_session`).
`encode()` truncates at 128 tokens, runs each text through the model on its own (the int8 model's
run-time activation scales would otherwise make a text's vector depend on its batch), mean-pools
over the attention mask and L2-normalises, as sentence-transformers does, so a dot product of
two rows is their cosine.

One Encoder may serve many threads at once: the onnxruntime session and the tokenizer are both
safe for concurrent use, and nothing here changes after load. Each call runs on the calling
thread only (one intra-op and one inter-op thread), so a server's worker threads do not fight
over the cores. `default_encoder()` loads the shared instance once per process.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bot.engine.lru import LRU

PACKAGED_DIR = Path(__file__).resolve().parent / "encoder_model"
"""The model folder shipped inside the package."""

ENV_DIR = "AITL_ENCODER_DIR"
"""Environment variable naming another model folder (used when `load()` gets no directory)."""

MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
SUMS_FILE = "SHA256SUMS"
REQUIRED = (MODEL_FILE, TOKENIZER_FILE)

MAX_TOKENS = 128
"""Inputs are cut to this many tokens ([CLS] and [SEP] included), as the model was trained."""


class EncoderError(Exception):
    """The encoder could not be loaded: the message says why in one line."""


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:300] or type(error).__name__


def _read_sums(directory: Path) -> dict[str, str]:
    path = directory / SUMS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EncoderError(f"encoder file missing: {path}") from None
    except OSError as error:
        raise EncoderError(f"cannot read {path}: {error.strerror or error}") from None
    sums: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        digest, _, name = line.strip().partition(" ")
        name = name.strip().lstrip("*")
        if len(digest) != 64 or not name or "/" in name or "\\" in name or name in (".", ".."):
            raise EncoderError(f"{path}:{number}: not a 'sha256  filename' line")
        sums[name] = digest.lower()
    for name in REQUIRED:
        if name not in sums:
            raise EncoderError(f"{path} has no checksum for {name}")
    return sums


def _verify(directory: Path) -> dict[str, str]:
    """Every file listed in SHA256SUMS must be there with that SHA-256 (and the model and
    tokenizer must be listed). Loading then reads the files by path, which keeps the model's bytes
    out of this process's memory (about 20 MB less resident than loading from a bytes copy)."""
    if not directory.is_dir():
        raise EncoderError(f"encoder directory not found: {directory}")
    sums = _read_sums(directory)
    for name, expected in sums.items():
        path = directory / name
        try:
            with path.open("rb") as handle:
                actual = hashlib.file_digest(handle, "sha256").hexdigest()
        except FileNotFoundError:
            raise EncoderError(f"encoder file missing: {path}") from None
        except OSError as error:
            raise EncoderError(f"cannot read {path}: {error.strerror or error}") from None
        if actual != expected:
            raise EncoderError(
                f"checksum mismatch for {path}: SHA256SUMS says {expected[:12]}…, file is {actual[:12]}…"
            )
    return sums


def _resolve(directory: Path | str | None) -> Path:
    if directory is not None:
        return Path(directory)
    configured = os.environ.get(ENV_DIR, "").strip()
    return Path(configured) if configured else PACKAGED_DIR


def _options(ort, level):  # noqa: ANN001, ANN202
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = level
    options.log_severity_level = 3
    return options


def _session(ort, folder: Path, digest: str):  # noqa: ANN001, ANN202
    """The onnxruntime session for the model, its graph optimised once per machine.

    Optimising the graph (fusing the attention and layer-norm nodes) is most of building a session:
    about 50 ms of a cold `aitl ask`. The optimised graph is kept next to the knowledge cache
    (`optimized_graph`) and later sessions load it with no optimisation pass; the kernels, and so
    every vector, are the same (checked bit for bit by tests/engine/test_encoder.py). Anything
    unexpected means a normal build."""
    level = ort.GraphOptimizationLevel
    providers = ["CPUExecutionProvider"]
    kept = optimized_graph(digest, ort.__version__)
    if kept is not None and _trusted(kept):
        try:
            session = ort.InferenceSession(
                str(kept), sess_options=_options(ort, level.ORT_DISABLE_ALL), providers=providers
            )
        except Exception:  # damaged or from another build: optimise again below
            pass
        else:
            _used(kept)
            return session
    options = _options(ort, level.ORT_ENABLE_ALL)
    temporary = None
    if kept is not None:
        try:
            kept.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            temporary = kept.with_name(f"{kept.name}.{os.getpid()}.tmp")
            options.optimized_model_filepath = str(temporary)
        except OSError:
            temporary = None
    try:
        session = ort.InferenceSession(str(folder / MODEL_FILE), sess_options=options, providers=providers)
    except Exception:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise
    if temporary is not None:
        try:
            os.chmod(temporary, 0o600)
            os.replace(temporary, kept)
        except OSError:
            temporary.unlink(missing_ok=True)
        else:
            _prune(kept)
    return session


KEPT_GRAPHS = 3
"""How many optimised graphs the cache folder keeps (one per model, onnxruntime version and CPU,
about 23 MB each): the most recently used; an upgrade or a new model leaves the old ones behind."""


def _used(path: Path) -> None:
    """Mark a kept graph as used now (its modification time), so `_prune` keeps it."""
    try:
        os.utime(path)
    except OSError:
        pass


def _prune(kept: Path) -> None:
    """Remove all but the `KEPT_GRAPHS` most recently used graphs beside `kept` (never `kept`)."""
    try:
        graphs = [p for p in kept.parent.glob("encoder-*.onnx") if p != kept]
        graphs.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in graphs[KEPT_GRAPHS - 1 :]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # another process pruned or replaced one meanwhile


def optimized_graph(digest: str, runtime: str) -> Path | None:
    """Where the optimised graph of the model with SHA-256 `digest` is kept for this onnxruntime
    version and this CPU (the optimiser picks kernels' layouts for the CPU it runs on); None when
    the knowledge cache is off (`AITL_KNOWLEDGE_CACHE`)."""
    from bot.engine.knowledge_cache import cache_file

    cache = cache_file()
    if cache is None:
        return None
    machine = hashlib.sha256(f"{runtime} {_cpu()} {digest}".encode()).hexdigest()[:16]
    return cache.parent / f"encoder-{machine}.onnx"


def _cpu() -> str:
    """This CPU's model name and feature flags (Linux), else the platform's description."""
    import platform

    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as handle:
            lines = [
                line for line in handle.read(65536).splitlines() if line.startswith(("model name", "flags"))
            ]
        return " ".join(dict.fromkeys(lines))
    except OSError:
        return f"{platform.machine()} {platform.processor()}"


def _trusted(path: Path) -> bool:
    """A kept graph is loaded only if it belongs to this user and nobody else can write it."""
    try:
        info = path.stat()
    except OSError:
        return False
    return not hasattr(os, "getuid") or (info.st_uid == os.getuid() and not info.st_mode & 0o022)


class Encoder:
    """Sentences -> float32 unit vectors. Build with `Encoder.load()`."""

    dim: int

    def __init__(self, session, tokenizer, directory: Path) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self._inputs = {node.name for node in session.get_inputs()}
        self._output = session.get_outputs()[0].name
        self.directory = directory
        self.dim = 0
        self._recent: LRU[np.ndarray] = LRU(RECENT)
        try:
            probe = self._embed(tokenizer.encode("warm up"))
        except Exception as error:  # a model that loads but cannot run these inputs
            raise EncoderError(f"{directory / MODEL_FILE} cannot encode: {_one_line(error)}") from None
        if probe.ndim != 1 or probe.shape[0] < 1:
            raise EncoderError(f"{directory / MODEL_FILE}: unexpected output shape {probe.shape}")
        self.dim = int(probe.shape[0])

    @classmethod
    def load(cls, directory: Path | str | None = None) -> Encoder:
        """Load and verify the model folder: `directory`, else $AITL_ENCODER_DIR, else the packaged one.

        Raises EncoderError (missing folder or file, checksum mismatch, unreadable model).
        """
        import onnxruntime as ort
        from tokenizers import Tokenizer

        folder = _resolve(directory)
        sums = _verify(folder)

        try:
            tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        except Exception as error:  # any parse failure is one reason to report
            raise EncoderError(f"cannot read {folder / TOKENIZER_FILE}: {_one_line(error)}") from None
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.no_padding()  # the upstream file pads to 128; encode() runs texts unpadded

        try:
            session = _session(ort, folder, sums[MODEL_FILE])
        except Exception as error:  # whatever onnxruntime raises
            raise EncoderError(f"cannot load {folder / MODEL_FILE}: {_one_line(error)}") from None
        missing = {"input_ids", "attention_mask"} - {node.name for node in session.get_inputs()}
        if missing:
            raise EncoderError(f"{folder / MODEL_FILE} lacks inputs {sorted(missing)}")
        return cls(session, tokenizer, folder)

    def knows(self, word: str) -> bool:
        """Whether the tokenizer's vocabulary has `word` whole: a common word ("mainstream"), not
        one it can only spell in pieces ("hipaa")."""
        return self._tokenizer.token_to_id(word) is not None

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """Embed `texts`: float32 array (len(texts), dim), each row of unit length, in the order given.

        Past 128 tokens a text is cut. Texts are tokenised `batch_size` at a time, but each goes
        through the model on its own (see `_embed`), so a text's vector never depends on the
        other texts of the call: `encode([a, b])[0] == encode([a])[0]`. The `RECENT` most recently
        used texts' vectors are kept and copied out, not computed again.
        """
        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of strings, not one string")
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        count = len(texts)
        out = np.empty((count, self.dim), dtype=np.float32)
        todo = []
        for k, text in enumerate(texts):
            known = self._recent.get(text)
            if known is None:
                todo.append(k)
            else:
                out[k] = known
        for start in range(0, len(todo), batch_size):
            chunk = todo[start : start + batch_size]
            encodings = [self._tokenizer.encode(texts[k]) for k in chunk]
            for k, encoding in zip(chunk, encodings, strict=True):
                out[k] = self._embed(encoding)
                self._remember(texts[k], out[k])
        return out

    def _remember(self, text: str, vector: np.ndarray) -> None:
        """Keep the `RECENT` most recently used texts' vectors: a turn reads the same text again (a
        follow-up's item looked up in a list, a focused answer weighing the guide's items)."""
        self._recent.put(text, vector.copy())

    def _embed(self, encoding) -> np.ndarray:
        """One text's unit vector, from a model run of its own.

        The int8 model quantises activations at run time with one scale per input tensor, so in a
        padded batch each row's result would depend on its neighbours and the padding (measured:
        cosine down to 0.94 between a sentence run alone and in a batch of 50). One text per run
        also needs no padding; on one thread it is about half the throughput of batches of 32.
        """
        ids = np.asarray([encoding.ids], dtype=np.int64)
        mask = np.asarray([encoding.attention_mask], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feed["token_type_ids"] = np.asarray([encoding.type_ids], dtype=np.int64)
        (hidden,) = self._session.run([self._output], feed)
        # unpadded, every token counts: the attention-masked mean is the plain mean over tokens
        mean = hidden[0].astype(np.float32, copy=False).sum(axis=0) / np.float32(max(ids.shape[1], 1))
        return mean / max(float(np.linalg.norm(mean)), 1e-12)


RECENT = 8192
"""How many recently used texts' vectors an encoder keeps (384 float32 each: about 12.6 MB). A model
run costs milliseconds; a question's texts (the question, its asking clause, its lowercased words
for a focused answer) come back with every follow-up that re-reads them and every repeat."""

_default: Encoder | None = None
_default_lock = threading.Lock()


def default_encoder() -> Encoder:
    """The process's shared Encoder, loaded on first use (once, whatever the number of threads)."""
    global _default
    encoder = _default
    if encoder is None:
        with _default_lock:
            encoder = _default
            if encoder is None:
                encoder = _default = Encoder.load()
    return encoder
