"""Locked jars are downloaded, verified by SHA-256 and refused by name when they differ: from a local HTTP server."""

import hashlib
import http.server
import threading

import pytest

from helpers.sandbox import artifacts, jarlock, jars, jarstore
from helpers.sandbox.errors import JarChecksumError, JarError
from helpers.sandbox.jarlock import Lock, LockedJar

CONTENT = b"PK\x03\x04 a jar, as far as this test cares " * 100
PATH = "/org/example/demo/1.0/demo-1.0.jar"


class Repository(http.server.ThreadingHTTPServer):
    """Serves `files` (path -> bytes); `broken` paths announce their full length and send half."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.files, self.broken, self.requests = {}, set(), []


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.requests.append(self.path)
        body = self.server.files.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2] if self.path in self.server.broken else body)
        self.close_connection = True

    def log_message(self, *args):
        pass


@pytest.fixture
def repository(monkeypatch, tmp_path):
    """A local Maven repository, a lock naming one jar in two components, and a fresh state folder."""
    server = Repository()
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    jar = dict(coordinates="org.example:demo:1.0:jar", file="demo-1.0.jar", size=len(CONTENT))
    lock = Lock(
        poms={"demo": "0" * 64, "other": "0" * 64},
        properties={"demo": {}, "other": {}},
        jars=[LockedJar(c, sha256=hashlib.sha256(CONTENT).hexdigest(), **jar) for c in ("demo", "other")],
    )
    (tmp_path / "jars.lock").write_text(lock.render())
    monkeypatch.setattr(jarlock, "LOCK_FILE", tmp_path / "jars.lock")
    monkeypatch.setenv("ENERGY_SANDBOX_HOME", str(tmp_path / "state"))
    monkeypatch.setenv(jarstore.REPOSITORY_ENV_VAR, f"http://127.0.0.1:{server.server_address[1]}/")
    monkeypatch.setattr(jars, "BACKOFF_S", 0)
    yield server
    server.shutdown()
    server.server_close()


def stored(tmp_path):
    """Every file under the jar store, temporary ones included."""
    return sorted(p.name for p in (tmp_path / "state" / "artifacts" / "maven2").rglob("*") if p.is_file())


def test_a_good_jar_is_fetched_once_verified_and_shared(repository, tmp_path):
    repository.files[PATH] = CONTENT
    (path,) = artifacts.jars("demo", quiet=True)
    assert path.read_bytes() == CONTENT and path.name == "demo-1.0.jar"
    assert path.stat().st_mode & 0o777 == 0o644  # readable by services running as another user
    assert artifacts.classpath("other") == str(path)  # the same file serves both components
    assert artifacts.fetch(quiet=True)["downloaded"] == 0
    assert repository.requests == [PATH]


def test_a_mismatching_jar_is_refused_by_name_and_not_saved(repository, tmp_path):
    repository.files[PATH] = CONTENT.replace(b"jar", b"JAR")
    with pytest.raises(JarChecksumError) as caught:
        artifacts.fetch(quiet=True)
    message = str(caught.value)
    assert "demo-1.0.jar (org.example:demo:1.0:jar)" in message
    assert hashlib.sha256(CONTENT).hexdigest() in message
    assert hashlib.sha256(repository.files[PATH]).hexdigest() in message
    assert stored(tmp_path) == []


def test_a_truncated_jar_is_refused(repository, tmp_path):
    repository.files[PATH] = CONTENT[:1000]
    with pytest.raises(JarChecksumError, match=rf"demo-1.0.jar .*truncated: 1000 of {len(CONTENT)} bytes"):
        artifacts.classpath("demo")
    assert stored(tmp_path) == []


def test_a_broken_transfer_is_retried_then_refused(repository, tmp_path):
    repository.files[PATH] = CONTENT
    repository.broken.add(PATH)
    with pytest.raises(JarError, match=r"Could not download demo-1.0.jar \(org.example:demo:1.0:jar\)"):
        artifacts.fetch(quiet=True)
    assert len(repository.requests) == jars.ATTEMPTS
    assert stored(tmp_path) == []


def test_a_missing_jar_is_named(repository):
    with pytest.raises(JarError, match=r"demo-1.0.jar \(org.example:demo:1.0:jar\).*HTTP 404"):
        artifacts.fetch(quiet=True)
    assert len(repository.requests) == 1  # a 404 is not retried


def test_a_corrupted_cached_jar_is_refused_by_classpath_and_repaired_by_fetch(repository):
    repository.files[PATH] = CONTENT
    (path,) = artifacts.jars("demo", quiet=True)
    path.write_bytes(CONTENT[:-1] + b"!")
    with pytest.raises(JarChecksumError, match=r"Refused demo-1.0.jar \(org.example:demo:1.0:jar\) at .*found"):
        artifacts.classpath("demo")
    assert artifacts.fetch(quiet=True)["downloaded"] == 1
    assert artifacts.classpath("demo") == str(path) and path.read_bytes() == CONTENT


def test_an_unknown_component_is_named(repository):
    with pytest.raises(JarError, match=r"no component 'jolokia' \(it has demo, other\)"):
        artifacts.classpath("jolokia")
