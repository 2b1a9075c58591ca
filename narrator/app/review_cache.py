"""The review cache: a document's result kept by the hash of its content, narrator's code and the settings.

A re-run of ``narrator review`` over a year's submissions re-checks only the files
whose bytes changed (or all of them after narrator or a reading library changed,
or with other ``--disable`` settings).  Only results of documents that were checked
are kept: an unreadable file, a timeout or a missing LibreOffice may be gone next
time.  Entries are pickles written by narrator itself into the user's own cache
folder (``--cache``, else ``$NARRATOR_CACHE/review``, else ``$XDG_CACHE_HOME/narrator/review``);
a broken or foreign entry is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
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

    def __init__(self, folder: Path, settings: str):
        self.folder = folder
        self.settings = settings

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
