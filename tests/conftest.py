import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def sample_figures() -> Path:
    return DATA / "figures" / "sample.yaml"


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run the real command line in a subprocess, as a user would."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("NARRATOR_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "narrator.app.cli", *args],
        cwd=cwd or ROOT, capture_output=True, text=True, encoding="utf-8", env=env, input=stdin,
    )


@pytest.fixture(autouse=True)
def _own_model_cache(tmp_path, monkeypatch):
    """Model answers are cached by request; a test must neither read the user's cache nor fill it."""
    if "NARRATOR_CACHE" not in os.environ or not os.environ["NARRATOR_CACHE"].startswith(str(tmp_path)):
        monkeypatch.setenv("NARRATOR_CACHE", str(tmp_path / "narrator-cache"))


@pytest.fixture(autouse=True, scope="session")
def _pdf_text_once_per_session():
    """The Putuo PDFs are read by many tests (a few tenths of a second a file through PDFium), so the
    tests read each PDF's bytes into text once per session (the function is pure in the bytes)."""
    import hashlib

    from narrator.extract import pdftext

    original, memo = pdftext.pdf_text, {}

    def remembered(raw: bytes, path: Path) -> "pdftext.PdfText":
        key = hashlib.sha256(raw).hexdigest()
        if key not in memo:
            memo[key] = original(raw, path)
        return memo[key]

    pdftext.pdf_text = remembered
    yield
    pdftext.pdf_text = original
