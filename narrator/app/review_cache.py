"""The review cache: a document's result kept by the hash of its content, narrator's code and the settings.

A re-run of ``narrator review`` over a year's submissions re-checks only the files
whose bytes changed (or all of them after narrator or a reading library changed,
or with other ``--disable`` settings).  Only results of documents that were checked
are kept: an unreadable file, a timeout or a missing LibreOffice may be gone next
time.  Entries are pickles written by narrator itself into the user's own cache
folder (``--cache``, else ``$NARRATOR_CACHE/review``, else ``$XDG_CACHE_HOME/narrator/review``);
a broken or foreign entry is a miss, never an error.

The folder is bounded (``NARRATOR_REVIEW_CACHE_MB``, default 500 MB): after a run
that wrote to it, the entries least recently used (read or written) are removed
until it fits, so results of old narrator versions and of files long gone do not
pile up.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import narrator

if TYPE_CHECKING:
    from narrator.app.review import DocumentReview

# Libraries whose version changes what is read from a file.
_READERS = ("pypdfium2", "python-docx", "python-calamine", "olefile", "opencc", "jieba")


def default_cache_dir() -> Path:
    root = os.environ.get("NARRATOR_CACHE")
    if root:
        return Path(root) / "review"
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "narrator" / "review"


class ReviewCache:
    """Results by key; ``key`` is None for a file that cannot be hashed (missing, unreadable)."""

    def __init__(self, folder: Path, settings: str, max_bytes: int | None = None):
        from narrator.limits import MIB, REVIEW_CACHE_MB

        self.folder = folder
        self.settings = settings
        # read before the work, so that a bad setting is one line before anything is checked
        self.max_bytes = REVIEW_CACHE_MB.value() * MIB if max_bytes is None else max_bytes
        self.written = False  # whether this run added an entry (only then is the folder trimmed)

    def key(self, path: Path) -> str | None:
        """None for a file that is not read whole anyway (missing, unreadable, over the size limit)."""
        from narrator.extract.document import max_document_bytes

        try:
            if path.stat().st_size > max_document_bytes():
                return None
            with open(path, "rb") as handle:
                content = hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError:
            return None
        return hashlib.sha256("\x1f".join((code_fingerprint(), self.settings, content)).encode()).hexdigest()

    def get(self, key: str | None, path: Path) -> "DocumentReview | None":
        if key is None:
            return None
        try:
            with open(self.folder / key[:2] / key, "rb") as handle:
                found = pickle.load(handle)
        except Exception:  # noqa: BLE001 - missing, truncated or from another version: a miss
            return None
        found.path = str(path)  # the same bytes under another name
        _touch(self.folder / key[:2] / key)
        return found

    def put(self, key: str | None, item: "DocumentReview") -> None:
        if key is None or not item.ok:
            return
        target = self.folder / key[:2] / key
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as handle:
                pickle.dump(item, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, target)  # atomic: a parallel run never reads half an entry
        except OSError:
            pass  # a cache that cannot be written only costs time
        else:
            self.written = True

    def trim(self) -> int:
        """After a run that wrote entries: remove the least recently used until the folder is within
        its bound; how many were removed."""
        return trim_folder(self.folder, self.max_bytes) if self.written else 0


def trim_folder(folder: Path, max_bytes: int) -> int:
    """Remove entries (``folder/xx/key``, oldest modification first: reading one touches it) until the
    entries left take at most ``max_bytes``; how many were removed.  Only files named as entries are
    counted or removed (``--cache`` may name a folder that holds other things).  An entry another
    run removes first, or a folder that cannot be listed, only leaves the cache larger for a while."""
    entries, total = [], 0
    try:
        for shard in os.scandir(folder):
            if not (_SHARD.fullmatch(shard.name) and shard.is_dir(follow_symlinks=False)):
                continue
            for entry in os.scandir(shard.path):
                if _ENTRY.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                    stat = entry.stat(follow_symlinks=False)
                    entries.append((stat.st_mtime, entry.path, stat.st_size))
                    total += stat.st_size
    except OSError:
        return 0
    removed = 0
    for _, path, size in sorted(entries):
        if total <= max_bytes:
            break
        try:
            os.remove(path)
        except OSError:
            continue
        total -= size
        removed += 1
    return removed


_SHARD = re.compile(r"[0-9a-f]{2}")
_ENTRY = re.compile(r"[0-9a-f]{64}")


def _touch(entry: Path) -> None:
    """Mark an entry as used now (its modification time orders the trimming)."""
    try:
        os.utime(entry)
    except OSError:
        pass


@cache
def code_fingerprint() -> str:
    """narrator's own source and the reading libraries' versions: a new release or an edit invalidates."""
    digest = hashlib.sha256()
    package = Path(narrator.__file__).resolve().parent  # the whole package, not this folder
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    for name in _READERS:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-".encode())
    return digest.hexdigest()
