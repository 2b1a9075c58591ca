"""Every model exchange, at the HTTP level: record, replay, cache, count tokens.

The OpenAI client is given an HTTP transport that sees each request body and
response.  That single seam gives

- ``--record FILE``: every exchange appended to a JSON Lines file (request body and
  response; headers, and so the API key, are never written);
- ``--replay FILE``: answers served from such a file, offline and deterministic; a
  request that was not recorded gets an error answer, never the network;
- a content-hash cache: the same request to the same server is not sent twice;
- token usage per call, as the server reported it.

The key of a recorded exchange is the SHA-256 of the request body without the model
name, so a recording made with one model name replays under another.  The cache
key is stricter: the server's URL, the whole body (model included) and the task's
scope (prompt version and response schema, sent by the client in a header that is
removed before the request leaves), so one server's answer is never replayed for
another.  An answer is held until the client has validated it and only then
cached: an invalid answer is never served again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:  # openai >= 3 ships its HTTP client as httpx2
    import httpx2 as httpx
except ImportError:  # pragma: no cover - older openai
    import httpx  # type: ignore[no-redef]

from narrator.errors import InputError

REPLAY_MISS = "narrator replay: 录制文件中没有这个请求的回答"
SCOPE_HEADER = "x-narrator-cache-scope"  # set by the client, removed by the transport


def cache_scope(task: str, prompt_source: str, schema: dict[str, Any]) -> str:
    """What besides the request makes an answer reusable: the task, its prompt's version, its schema."""
    prompt = hashlib.sha256(prompt_source.encode()).hexdigest()[:16]
    shape = hashlib.sha256(json.dumps(schema, sort_keys=True).encode()).hexdigest()[:16]
    return f"{task};prompt={prompt};schema={shape}"


def cache_key(url: str, body: bytes, scope: str) -> str:
    return hashlib.sha256(json.dumps([url, scope, body.decode("utf-8", "replace")]).encode()).hexdigest()


def request_key(body: bytes) -> str:
    try:
        data = json.loads(body or b"{}")
    except json.JSONDecodeError:
        return hashlib.sha256(body).hexdigest()
    if isinstance(data, dict):
        data.pop("model", None)
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@dataclass
class Usage:
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def add(self, usage: dict[str, Any] | None) -> None:
        self.calls += 1
        if usage:
            self.prompt_tokens += int(usage.get("prompt_tokens") or 0)
            self.completion_tokens += int(usage.get("completion_tokens") or 0)

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


@dataclass
class ExchangeStore:
    record: Path | None = None
    replay: Path | None = None
    cache_dir: Path | None = None
    usage: Usage = field(default_factory=Usage)
    _replayed: dict[str, dict[str, Any]] = field(default_factory=dict)
    _held: tuple[str, dict[str, Any]] | None = None  # the last answer, cached once validated

    def __post_init__(self) -> None:
        if self.replay is not None:
            self._replayed = load_recording(self.replay)

    @property
    def replaying(self) -> bool:
        return self.replay is not None

    def replayed(self, key: str) -> dict[str, Any] | None:
        return self._replayed.get(key)

    def cached(self, key: str) -> dict[str, Any] | None:
        if self.cache_dir is None:
            return None
        path = self.cache_dir / f"{key}.json"
        try:
            return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
        except (OSError, json.JSONDecodeError):
            return None

    def save(self, key: str, body: bytes, response: dict[str, Any]) -> None:
        """Record an exchange (every one, valid or not: a replay must meet the same answers)."""
        if self.record is not None:
            line = {"key": key, "request": json.loads(body or b"{}"), "response": response}
            with self.record.open("a", encoding="utf-8") as out:
                out.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")

    def hold(self, cache_key: str, response: dict[str, Any]) -> None:
        self._held = (cache_key, response)

    def keep(self) -> None:
        """The held answer was validated: cache it."""
        held, self._held = self._held, None
        if held is None or self.cache_dir is None:
            return
        key, response = held
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            (self.cache_dir / f"{key}.json").write_text(json.dumps(response, ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass  # a cache that cannot be written only costs a repeated request

    def drop(self) -> None:
        """The held answer was not validated: forget it."""
        self._held = None


def load_recording(path: Path) -> dict[str, dict[str, Any]]:
    if not path.is_file():
        raise InputError(f"{path}: 回放文件不存在")
    answers: dict[str, dict[str, Any]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            answers.setdefault(entry["key"], entry["response"])
        except (json.JSONDecodeError, KeyError, TypeError):
            raise InputError(f"{path}:{number}: 回放文件格式无效") from None
    return answers


class ExchangeTransport(httpx.BaseTransport):
    """Wraps the real transport; see the module docstring."""

    def __init__(self, store: ExchangeStore, inner: httpx.BaseTransport | None = None):
        self.store = store
        self.inner = inner or httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        scope = request.headers.pop(SCOPE_HEADER, "")
        key = request_key(body)
        if self.store.replaying:
            answer = self.store.replayed(key)
            if answer is None:
                return httpx.Response(404, json={"error": {"message": REPLAY_MISS, "type": "replay_miss"}})
            self.store.usage.add(answer.get("usage"))
            return httpx.Response(200, json=answer)
        strict_key = cache_key(str(request.url), body, scope)
        cached = self.store.cached(strict_key)
        if cached is not None:
            return httpx.Response(200, json=cached)
        response = self.inner.handle_request(request)
        response.read()
        if response.status_code == 200:
            try:
                answer = response.json()
            except (json.JSONDecodeError, UnicodeDecodeError):
                return response
            self.store.usage.add(answer.get("usage"))
            self.store.save(key, body, answer)
            self.store.hold(strict_key, answer)
        return response

    def close(self) -> None:
        self.inner.close()
