"""The slides: built (`make slides`) and opened in headless Chromium over the DevTools protocol (the first
slide and a diagram slide render non-blank, the page loads nothing from the network), and their live-demo
cells run in a real kernel against the sandbox's broker and fail fast when it is down."""

from __future__ import annotations

import base64
import io
import itertools
import json
import shutil
import subprocess
import sys
import time
import urllib.request

import matplotlib.image
import nbformat
import pytest
import websocket
from nbclient import NotebookClient

from helpers.common.paths import REPO_ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
    "--window-size=1280,800",
]

DECK = REPO_ROOT / "slides" / "workshop.ipynb"
DEMO_TOPIC = "slides_demo_generation"
NO_CHROMIUM = "chromium is not installed (Debian: apt-get install chromium); CI installs it in .ci/run"


class Page:
    """One browser tab driven over the Chrome DevTools protocol; records every network request."""

    def __init__(self, ws_url: str):
        self.ws = websocket.create_connection(ws_url, timeout=30, suppress_origin=True)
        self.ids = itertools.count(1)
        self.requests: dict[str, str] = {}
        self.failures: list[tuple[str, str]] = []
        self.events: list[str] = []

    def call(self, method: str, **params) -> dict:
        call_id = next(self.ids)
        self.ws.send(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == call_id:
                assert "error" not in message, f"{method}: {message['error']}"
                return message["result"]
            self.record(message)

    def record(self, message: dict) -> None:
        method, params = message.get("method"), message.get("params", {})
        self.events.append(method)
        if method == "Network.requestWillBeSent":
            self.requests[params["requestId"]] = params["request"]["url"]
        elif method == "Network.loadingFailed":
            self.failures.append((self.requests.get(params["requestId"], "?"), params.get("errorText", "")))

    def wait_for(self, event: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while event not in self.events:
            assert time.monotonic() < deadline, f"no {event} within {timeout} s"
            self.record(json.loads(self.ws.recv()))

    def evaluate(self, expression: str):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def screenshot(self):
        png = base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])
        return matplotlib.image.imread(io.BytesIO(png), format="png")


@pytest.fixture(scope="module")
def slides_html():
    """The built deck; the browser tests that use it are skipped when there is no Chromium to open it."""
    if CHROMIUM is None:
        pytest.skip(NO_CHROMIUM)
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "slides" / "build.py")], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return REPO_ROOT / "slides" / "build" / "workshop.slides.html"


@pytest.fixture(scope="module")
def page(slides_html, tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium-profile")
    browser = subprocess.Popen(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not port_file.exists() or not port_file.read_text().strip():
            assert time.monotonic() < deadline and browser.poll() is None, "chromium did not open its DevTools port"
            time.sleep(0.2)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
            tab = next(t for t in json.load(response) if t["type"] == "page")
        page = Page(tab["webSocketDebuggerUrl"])
        page.call("Network.enable")
        page.call("Page.enable")
        page.call("Page.navigate", url=slides_html.as_uri())
        page.wait_for("Page.loadEventFired")
        yield page
        page.ws.close()
    finally:
        browser.terminate()
        browser.wait(timeout=30)


def show(page: Page, selector: str) -> None:
    """Go to the slide that contains `selector` and wait for the transition to end."""
    page.evaluate(
        f"(() => {{ const s = document.querySelector({json.dumps(selector)}).closest('section');"
        f" const i = Reveal.getIndices(s); Reveal.slide(i.h, i.v); }})()"
    )
    time.sleep(1.5)


def assert_not_blank(image) -> None:
    pixels = image[..., :3].reshape(-1, 3)
    assert (pixels.max(axis=0) - pixels.min(axis=0)).max() > 0.3, "the screenshot is (nearly) one colour"


def test_reveal_initialised(page):
    assert page.evaluate("typeof Reveal !== 'undefined' && Reveal.isReady()") is True
    assert page.evaluate("Reveal.getTotalSlides()") >= 30


def test_first_slide_renders(page):
    page.evaluate("Reveal.slide(0, 0)")
    time.sleep(1.0)
    assert "Energy Time Series" in page.evaluate("Reveal.getCurrentSlide().textContent")
    assert_not_blank(page.screenshot())


def test_diagram_slide_renders(page):
    show(page, "img[src='figures/ring_and_replication.png']")
    assert page.evaluate("Reveal.getCurrentSlide().querySelector('img').naturalWidth") > 500
    assert_not_blank(page.screenshot())


def test_every_diagram_loads(page):
    widths = page.evaluate("Array.from(document.images).map(i => [i.getAttribute('src'), i.naturalWidth])")
    assert len(widths) >= 7
    assert all(width > 0 for _, width in widths), widths


def test_every_slide_fits_the_screen(page):
    heights = page.evaluate("""Array.from(document.querySelectorAll('.slides section'))
        .filter(s => !s.querySelector('section'))
        .map(s => { const i = Reveal.getIndices(s); Reveal.slide(i.h, i.v);
                    return [(s.querySelector('h1, h2') || s).textContent.slice(0, 60), s.scrollHeight]; })""")
    limit = page.evaluate("Reveal.getConfig().height")
    assert [title for title, height in heights if height > limit] == []


def test_no_request_fails_or_leaves_the_machine(page):
    assert page.requests, "the page made no request at all"
    assert page.failures == []
    remote = [url for url in page.requests.values() if not url.startswith(("file://", "data:"))]
    assert remote == []


def demo_notebook(**replacements: str):
    """The deck's code cells only, with `replacements` applied to their source."""
    deck = nbformat.read(DECK, as_version=4)
    cells = [cell for cell in deck.cells if cell.cell_type == "code"]
    for cell in cells:
        for old, new in replacements.items():
            cell.source = cell.source.replace(old, new)
    deck.cells = cells
    return deck


def printed(cell) -> list[str]:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream").splitlines()


@pytest.mark.sandbox
def test_demo_cells_produce_and_consume(sandbox, unique_name):
    nb = demo_notebook(**{DEMO_TOPIC: unique_name})
    started = time.monotonic()
    NotebookClient(nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(REPO_ROOT)}}).execute()
    produce, control_room, archive = (printed(cell) for cell in nb.cells)
    assert len(produce) == 3 and all(line.startswith("sent to partition") for line in produce)
    assert len(control_room) == 3 and len(archive) == 3
    assert sorted(line.split("  ", 1)[1] for line in archive) == sorted(line.split(": ", 1)[1] for line in produce)
    assert time.monotonic() - started < 90, "the demo cells are bounded by their timeouts"


def test_demo_cells_use_every_broker_with_timeouts():
    """The demo reaches the cluster through KAFKA_BOOTSTRAP (all three brokers), never one hard-coded address,
    and every client has a client-side timeout, so a dead cluster is an error within seconds, not a hang."""
    sources = [cell.source for cell in demo_notebook().cells]
    assert "from helpers.endpoints import KAFKA_BOOTSTRAP" in sources[0]
    clients = [s for s in sources if "KafkaProducer(" in s or "KafkaConsumer(" in s]
    assert clients and all("bootstrap_servers=KAFKA_BOOTSTRAP" in s for s in clients)
    code = [line.split("#", 1)[0] for source in sources for line in source.splitlines()]  # comments may name them
    assert not any(":9092" in line for line in code), "a hard-coded broker address"
    assert all("bootstrap_timeout_ms=" in s and "request_timeout_ms=" in s for s in clients)


def test_demo_fails_fast_without_a_broker(monkeypatch):
    monkeypatch.setenv("ENERGY_KAFKA_BOOTSTRAP", "127.0.0.1:9")  # helpers.endpoints: nothing listens there
    nb = demo_notebook()
    nb.cells = nb.cells[:1]
    started = time.monotonic()
    with pytest.raises(Exception, match="KafkaTimeoutError"):
        NotebookClient(nb, timeout=60, kernel_name="python3").execute()
    assert time.monotonic() - started < 30
