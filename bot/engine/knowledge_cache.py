"""A pickle of the last validated knowledge base, so a cold `aitl ask` skips YAML altogether.

Parsing and validating the YAML (and importing PyYAML) is most of the knowledge base's share of
the cold-start budget; unpickling the result takes ~2 ms. The cache is a pure speed-up: an entry
is used only while every input is unchanged (the knowledge folder's resolved path, each of its
files' size and mtime, the loader's own source files, the Python version), anything unexpected
means a normal load, and nothing here ever raises.

Where: `$AITL_KNOWLEDGE_CACHE` (a file path, or `off`; `on` and the like mean the default place),
else `$XDG_CACHE_HOME/aitl/`, else `~/.cache/aitl/`. One file holds one entry (the last folder
loaded). An entry is read only if the file belongs to the current user and nobody else can write
it (it is a pickle).

File times are coarse (a clock tick), so a file changed twice within one tick keeping its size
would look unchanged; as git does, no entry is written while any input is younger than a second.
"""

from __future__ import annotations

import os
import pickle
import sys
import time
from pathlib import Path

from bot.engine.knowledge_model import KnowledgeBase

ENV_VAR = "AITL_KNOWLEDGE_CACHE"
_OFF = frozenset({"off", "0", "no", "false", "none"})
_ON = frozenset({"on", "1", "yes", "true", "default"})
"""Words that switch the cache on where it goes by default, rather than name a file "on"."""
_HERE = Path(__file__).resolve().parent
_LOADER_SOURCES = tuple(
    _HERE / name
    for name in (
        "answer.py",
        "knowledge.py",
        "knowledge_cache.py",
        "knowledge_files.py",
        "knowledge_guide.py",
        "knowledge_model.py",
        "knowledge_yaml.py",
    )
)
_FORMAT = 1
_SETTLED_NS = 1_000_000_000  # inputs younger than this are not cached (see the module docstring)

FileStamp = tuple[str, int, int]  # name, size, mtime_ns
Stamp = tuple[str, tuple[FileStamp, ...]]  # (format, Python, folder), the files


def cache_file() -> Path | None:
    """The cache file to use, or None when caching is off or there is no home to put it in."""
    configured = os.environ.get(ENV_VAR, "").strip()
    if configured and configured.lower() not in _ON:
        return None if configured.lower() in _OFF else Path(configured).expanduser()
    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except (RuntimeError, KeyError):  # no HOME and no passwd entry (some containers)
        return None
    return base / "aitl" / "knowledge.pickle"


def stamp(directory: Path, files: tuple[str, ...]) -> Stamp | None:
    """What the loaded knowledge base depends on; None if a file is missing (load reports it)."""
    header = f"{_FORMAT} {sys.version_info[:3]} {directory}"
    stamps: list[FileStamp] = []
    try:
        for path in (*(directory / name for name in files), *_LOADER_SOURCES):
            info = path.stat()
            stamps.append((path.name, info.st_size, info.st_mtime_ns))
    except OSError:
        return None
    return header, tuple(stamps)


def read(key: Stamp) -> KnowledgeBase | None:
    """The cached knowledge base for exactly these inputs, if there is one we can trust."""
    path = cache_file()
    if path is None:
        return None
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
                return None
            cached_key, kb = pickle.load(handle)
    except Exception:  # missing, unreadable, truncated, from another version: just load normally
        return None
    return kb if cached_key == key and isinstance(kb, KnowledgeBase) else None


def write(key: Stamp, kb: KnowledgeBase) -> None:
    """Store the entry atomically (readers never see half a file); failures are ignored."""
    path = cache_file()
    newest = max(mtime for _, _, mtime in key[1])
    if path is None or time.time_ns() - newest < _SETTLED_NS:
        return
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            pickle.dump((key, kb), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except Exception:  # read-only home, full disk, unpicklable: the cache is only a speed-up
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
