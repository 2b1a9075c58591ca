"""A scripted OpenAI-compatible server on localhost, for the model path's fast tests.

Each request to /v1/chat/completions takes the next step of the script:
("answer", content) returns a completion whose message content is ``content``;
("stall", seconds) sleeps before answering "{}"; ("drip", seconds) sends the headers,
then the body one byte every ``seconds``; ("status", code) answers an HTTP error;
("echo_key", code) answers an HTTP error whose message repeats the key it was sent,
as some servers do; ("refuse", text) returns a refusal. Requests are kept for assertions.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeOpenAI:
    def __init__(self, script: list[tuple]):
        self.script = list(script)
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> "FakeOpenAI":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next(self) -> tuple:
        return self.script.pop(0) if self.script else ("status", 500)

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                fake.requests.append(json.loads(body))
                fake.headers.append(dict(self.headers))
                kind, arg = fake._next()
                if kind == "stall":
                    time.sleep(arg)
                    kind, arg = "answer", "{}"
                if kind == "drip":
                    self._drip(arg)
                    return
                if kind == "echo_key":
                    sent = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    self._send(arg, {"error": {"message": f"Incorrect API key provided: {sent}. "
                                                          f"Header was Authorization: Bearer {sent}"}})
                    return
                if kind == "status":
                    self._send(arg, {"error": {"message": "scripted failure"}})
                    return
                message = {"role": "assistant", "content": arg if kind == "answer" else None}
                if kind == "refuse":
                    message["refusal"] = arg
                self._send(200, {
                    "id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": "fake",
                    "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
                })

            def _drip(self, seconds):
                data = b'{"id": "chatcmpl-test", "choices": []}' + b" " * 1000
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    for byte in data:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(seconds)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up

            def _send(self, status, payload):
                data = json.dumps(payload, ensure_ascii=False).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

        return Handler
