"""One deadline for a whole model call: every try, and every byte of every answer.

An HTTP client's timeouts bound each wait for a byte, not the call: a server that
sends one byte every half second never trips them.  :class:`DeadlineTransport`
reads each response body itself, checks the clock after every chunk and gives each
wait only the time that is left, so ``NARRATOR_TIMEOUT`` is the longest a model
call can take, local or remote.
"""

from __future__ import annotations

import time

try:  # openai >= 3 ships its HTTP client as httpx2
    import httpx2 as httpx
except ImportError:  # pragma: no cover - older openai
    import httpx  # type: ignore[no-redef]

TIMED_OUT = "模型调用超过总时限"


class DeadlineTransport(httpx.BaseTransport):
    """Wraps the transport that reaches the server; ``start(seconds)`` opens a call's deadline."""

    def __init__(self, inner: httpx.BaseTransport):
        self.inner = inner
        self._deadline: float | None = None

    def start(self, seconds: float) -> None:
        self._deadline = time.monotonic() + seconds

    def left(self) -> float:
        return float("inf") if self._deadline is None else self._deadline - time.monotonic()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self._check(request)
        if self._deadline is not None:
            wait = max(self.left(), 0.001)
            request.extensions["timeout"] = {"connect": wait, "read": wait, "write": wait, "pool": wait}
        response = self.inner.handle_request(request)
        body = bytearray()
        try:
            for chunk in response.stream:
                body += chunk
                self._check(request)
        finally:
            close = getattr(response.stream, "close", None)
            if close is not None:
                close()
        return httpx.Response(response.status_code, headers=response.headers, content=bytes(body),
                              extensions=response.extensions, request=request)

    def _check(self, request: httpx.Request) -> None:
        if self.left() <= 0:
            raise httpx.ReadTimeout(TIMED_OUT, request=request)

    def close(self) -> None:
        self.inner.close()
