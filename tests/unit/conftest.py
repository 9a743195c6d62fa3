"""Fixtures for the unit tests: a real HTTP server on 127.0.0.1 (downloads never reach the internet)."""

from __future__ import annotations

import functools
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

TRUNCATED = "/truncated/"
"""Under this prefix a file is announced whole (Content-Length) and the connection cut halfway through."""


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if not self.path.startswith(TRUNCATED):
            return super().do_GET()
        with open(self.translate_path(self.path.removeprefix(TRUNCATED[:-1])), "rb") as source:
            body = source.read()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def http_server(tmp_path, monkeypatch):
    """A local HTTP server serving the files in tmp_path/www (also cut short under /truncated/); yields its URL."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")  # a proxy set for the internet must not intercept
    root = tmp_path / "www"
    root.mkdir()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 that nobody listens on any more."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
