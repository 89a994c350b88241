"""The local sentence encoder (bot/engine/nlu/encoder.py) on the model folder shipped in the package."""

from __future__ import annotations

import hashlib
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from bot.engine.nlu import encoder as encoder_module
from bot.engine.nlu.encoder import ENV_DIR, PACKAGED_DIR, Encoder, EncoderError, default_encoder

TEXTS = [
    "how much do AI tech leads earn",
    "hi",
    "",
    "What does an AI tech lead do all day, and which skills matter most in the first year?",
    "🚀 Combien gagne un responsable technique en IA ?",
    "word " * 300,
    "best sourdough recipe",
]


@pytest.fixture(autouse=True)
def _no_env_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_DIR, raising=False)


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return Encoder.load()


@pytest.fixture
def model_copy(tmp_path: Path) -> Path:
    target = tmp_path / "model"
    shutil.copytree(PACKAGED_DIR, target)
    return target


def test_shape_dtype_and_unit_norm(encoder: Encoder) -> None:
    vectors = encoder.encode(TEXTS)
    assert encoder.dim == 384
    assert vectors.shape == (len(TEXTS), 384)
    assert vectors.dtype == np.float32
    assert np.all(np.isfinite(vectors))
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_empty_input(encoder: Encoder) -> None:
    vectors = encoder.encode([])
    assert vectors.shape == (0, 384)
    assert vectors.dtype == np.float32


def test_paraphrase_closer_than_unrelated(encoder: Encoder) -> None:
    question, paraphrase, unrelated = encoder.encode(
        ["how much do AI tech leads earn", "what's the pay for an AI lead", "best sourdough recipe"]
    )
    assert question @ paraphrase > 0.6
    assert question @ unrelated < 0.2
    assert question @ paraphrase > question @ unrelated + 0.4


def test_batch_equals_single(encoder: Encoder) -> None:
    batched = encoder.encode(TEXTS)
    for size in (1, 2, 32):
        np.testing.assert_allclose(encoder.encode(TEXTS, batch_size=size), batched, atol=1e-5)
    singles = np.stack([encoder.encode([text])[0] for text in TEXTS])
    np.testing.assert_allclose(batched, singles, atol=1e-5)
    reversed_order = encoder.encode(TEXTS[::-1])[::-1]
    np.testing.assert_allclose(reversed_order, batched, atol=1e-5)


def test_a_text_encoded_again_gets_the_same_vector_and_its_own_copy(encoder: Encoder) -> None:
    first = encoder.encode(["how do leads keep models from drifting?"])
    first[0, :] = 0.0  # a caller's array is its own: changing it changes nothing kept
    again = encoder.encode(["how do leads keep models from drifting?", "and in Seattle?"])
    fresh = encoder.encode(["and in Seattle?"])
    assert np.isclose(np.linalg.norm(again[0]), 1.0, atol=1e-5)
    np.testing.assert_array_equal(again[1], fresh[0])


def test_long_input_is_cut_at_128_tokens(encoder: Encoder) -> None:
    a, b = encoder.encode(["word " * 300, "word " * 126 + "completely different ending " * 50])
    np.testing.assert_allclose(a, b, atol=1e-6)


def test_rejects_a_bare_string_and_a_bad_batch_size(encoder: Encoder) -> None:
    with pytest.raises(TypeError):
        encoder.encode("one string")
    with pytest.raises(ValueError):
        encoder.encode(["x"], batch_size=0)


@pytest.mark.parametrize("name", ["model.onnx", "tokenizer.json"])
def test_checksum_mismatch_names_the_file(model_copy: Path, name: str) -> None:
    path = model_copy / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(EncoderError, match="checksum mismatch") as caught:
        Encoder.load(model_copy)
    assert name in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_file_names_the_file(model_copy: Path) -> None:
    (model_copy / "model.onnx").unlink()
    with pytest.raises(EncoderError, match="missing") as caught:
        Encoder.load(model_copy)
    assert "model.onnx" in str(caught.value)


def test_missing_sums_file(model_copy: Path) -> None:
    (model_copy / "SHA256SUMS").unlink()
    with pytest.raises(EncoderError, match="SHA256SUMS"):
        Encoder.load(model_copy)


def test_unloadable_model_with_a_matching_checksum(model_copy: Path) -> None:
    (model_copy / "model.onnx").write_bytes(b"not an onnx model")
    digest = hashlib.sha256(b"not an onnx model").hexdigest()
    sums = model_copy / "SHA256SUMS"
    lines = [line for line in sums.read_text().splitlines() if not line.endswith("model.onnx")]
    sums.write_text("\n".join([*lines, f"{digest}  model.onnx", ""]))
    with pytest.raises(EncoderError, match="cannot load") as caught:
        Encoder.load(model_copy)
    assert "model.onnx" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_directory(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(EncoderError, match="not found") as caught:
        Encoder.load(missing)
    assert str(missing) in str(caught.value)


def test_env_dir_is_honoured(model_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DIR, str(model_copy))
    loaded = Encoder.load()
    assert loaded.directory == model_copy
    assert loaded.encode(["hi"]).shape == (1, 384)

    monkeypatch.setenv(ENV_DIR, str(tmp_path / "nowhere"))
    with pytest.raises(EncoderError, match="nowhere"):
        Encoder.load()
    # an explicit directory wins over the environment
    assert Encoder.load(model_copy).directory == model_copy


def test_default_encoder_loads_once_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encoder_module, "_default", None)
    loads = []
    real_load = Encoder.load.__func__

    def counting_load(cls, directory=None):
        loads.append(threading.get_ident())
        return real_load(cls, directory)

    monkeypatch.setattr(Encoder, "load", classmethod(counting_load))
    with ThreadPoolExecutor(max_workers=4) as pool:
        shared = list(pool.map(lambda _: default_encoder(), range(8)))
    assert len(loads) == 1
    assert all(item is shared[0] for item in shared)
    assert default_encoder() is shared[0]


def test_concurrent_encode_matches_serial(encoder: Encoder) -> None:
    serial = [encoder.encode([text]) for text in TEXTS]
    with ThreadPoolExecutor(max_workers=4) as pool:
        concurrent = list(pool.map(lambda text: encoder.encode([text]), TEXTS * 3))
    for index, vectors in enumerate(concurrent):
        np.testing.assert_allclose(vectors, serial[index % len(TEXTS)], atol=1e-6)


def test_optimised_graph_is_kept_and_encodes_the_same(
    encoder: Encoder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AITL_KNOWLEDGE_CACHE", str(tmp_path / "cache" / "knowledge.pickle"))
    texts = [*TEXTS, "wat do sr AI TLs make in sf?", "is model drift a known problem"]
    expected = encoder.encode(texts)  # built with the cache off (tests/conftest.py)
    first = Encoder.load()  # optimises the graph and keeps it
    kept = list((tmp_path / "cache").glob("encoder-*.onnx"))
    assert len(kept) == 1
    assert not list((tmp_path / "cache").glob("*.tmp"))
    second = Encoder.load()  # loads the kept graph, no optimisation pass
    for loaded in (first, second):
        assert np.array_equal(loaded.encode(texts), expected)


def test_only_the_most_recently_used_graphs_are_kept(
    encoder: Encoder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from bot.engine.nlu.encoder import KEPT_GRAPHS

    monkeypatch.setenv("AITL_KNOWLEDGE_CACHE", str(tmp_path / "knowledge.pickle"))
    # graphs an older onnxruntime or model left behind, the oldest first
    stale = [tmp_path / f"encoder-old{n}.onnx" for n in range(KEPT_GRAPHS + 1)]
    for age, path in enumerate(reversed(stale), start=1):
        path.write_bytes(b"old graph")
        os.utime(path, (1_000_000 + age, 1_000_000 + age))
    Encoder.load()  # optimises this machine's graph and keeps it
    left = sorted(p.name for p in tmp_path.glob("encoder-*.onnx"))
    assert len(left) == KEPT_GRAPHS
    assert [p.name for p in stale[: KEPT_GRAPHS - 1]] == [n for n in left if "old" in n]


def test_damaged_kept_graph_is_built_again(
    encoder: Encoder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AITL_KNOWLEDGE_CACHE", str(tmp_path / "knowledge.pickle"))
    Encoder.load()
    (kept,) = tmp_path.glob("encoder-*.onnx")
    kept.write_bytes(b"not a model")
    kept.chmod(0o600)
    assert np.array_equal(Encoder.load().encode(TEXTS), encoder.encode(TEXTS))
    assert kept.stat().st_size > 1_000_000  # replaced by a good one
