"""The slides: built (`make slides`) and opened in headless Chromium over the DevTools protocol (the first
slide and a diagram slide render non-blank, every slide is readable on a 1024x768 projector, the page loads
nothing from the network), and their live-demo cells run in a real kernel against the sandbox's broker and fail
fast when it is down."""

from __future__ import annotations

import base64
import contextlib
import io
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import matplotlib.image
import nbformat
import pytest
import websocket
from nbclient import NotebookClient

from helpers.common.paths import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "slides"))
import diagrams  # noqa: E402  (slides/diagrams.py, a sibling module of build.py, not a package)

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
    """The built deck, built with nothing but this Python on PATH (no Node.js, no npm: reveal.js is vendored);
    the browser tests that use it are skipped when there is no Chromium to open it."""
    if CHROMIUM is None:
        pytest.skip(NO_CHROMIUM)
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "slides" / "build.py")],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PATH": str(Path(sys.executable).parent)},
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


def test_the_deck_prints_to_a_pdf_with_a_page_per_slide(page, slides_html):
    import build  # noqa: PLC0415  (slides/build.py, on sys.path beside diagrams)

    pdf = build.export_pdf(slides_html)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert pages >= page.evaluate("Reveal.getTotalSlides()"), f"{pdf}: {pages} pages"


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


# Readable at projector size: at 1024x768 every slide's text is at least 20 px after reveal.js has scaled the
# canvas, code at least 16 px, and nothing reaches past the canvas or hides in a scroll box. The words drawn inside
# the diagrams (PNG, slides/diagrams.py) are not HTML text: their size is computed from the font size in points,
# the figure's width in inches and the width the browser shows the image at.
PROJECTOR = {"width": 1024, "height": 768}
MIN_TEXT_PX = 20
MIN_CODE_PX = 16

MEASURE_SLIDE = """(() => {
  const slide = Reveal.getCurrentSlide();
  const canvas = document.querySelector('.reveal .slides');
  const box = canvas.getBoundingClientRect();
  const scale = box.width / canvas.offsetWidth;  // what reveal.js scales the canvas by
  const name = el => el.tagName.toLowerCase()
    + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
    + ': ' + JSON.stringify(el.textContent.trim().slice(0, 50));
  const text = [], code = [], outside = [], clipped = [];
  for (const el of slide.querySelectorAll('*')) {
    if (el.closest('aside.notes') || el.getClientRects().length === 0) continue;  // notes, display: none
    const style = getComputedStyle(el);
    const own = Array.from(el.childNodes).some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (own) {
      const px = Math.round(parseFloat(style.fontSize) * scale * 10) / 10;
      (el.closest('pre, code') ? code : text).push([px, name(el)]);
    }
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && (r.top < box.top - 1 || r.left < box.left - 1
        || r.bottom > box.bottom + 1 || r.right > box.right + 1)) {
      outside.push(name(el) + ` [${Math.round(r.left)},${Math.round(r.top)} to ${Math.round(r.right)},`
        + `${Math.round(r.bottom)}], canvas [${Math.round(box.left)},${Math.round(box.top)} to `
        + `${Math.round(box.right)},${Math.round(box.bottom)}]`);
    }
    if ((style.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1)
        || (style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1)) {
      clipped.push(name(el) + ` (content ${el.scrollWidth}x${el.scrollHeight},`
        + ` box ${el.clientWidth}x${el.clientHeight})`);
    }
  }
  const smallest = list => (list.length ? list.reduce((a, b) => (b[0] < a[0] ? b : a)) : [null, '']);
  return {title: (slide.querySelector('h1, h2') || slide).textContent.trim().slice(0, 60), scale,
          text: smallest(text), code: smallest(code), outside, clipped};
})()"""


@contextlib.contextmanager
def at_viewport(page: Page, viewport: dict = PROJECTOR):
    """The page emulating `viewport`, without slide transitions; restored (and back on slide 1) afterwards."""
    page.call("Emulation.setDeviceMetricsOverride", deviceScaleFactor=1, mobile=False, **viewport)
    transitions = page.evaluate("[Reveal.getConfig().transition, Reveal.getConfig().backgroundTransition]")
    page.evaluate("Reveal.configure({transition: 'none', backgroundTransition: 'none'}); Reveal.layout()")
    try:
        yield page
    finally:
        page.call("Emulation.clearDeviceMetricsOverride")
        page.evaluate(
            f"Reveal.configure({{transition: {json.dumps(transitions[0])}, backgroundTransition: "
            f"{json.dumps(transitions[1])}}}); Reveal.layout(); Reveal.slide(0, 0)"
        )


def measure_every_slide(page: Page, viewport: dict = PROJECTOR) -> list[dict]:
    """Each leaf slide at `viewport`, every fragment shown: the smallest text and code (CSS px after reveal's
    scaling, with the element) and the elements past the canvas or cut off by a scroll box."""
    with at_viewport(page, viewport):
        count = page.evaluate(
            "Array.from(document.querySelectorAll('.reveal .slides section')).filter(s => !s.querySelector('section'))"
            ".length"
        )
        measured = []
        for number in range(count):
            page.evaluate(
                "(() => { const s = Array.from(document.querySelectorAll('.reveal .slides section'))"
                f".filter(s => !s.querySelector('section'))[{number}]; const i = Reveal.getIndices(s);"
                " Reveal.slide(i.h, i.v); while (Reveal.nextFragment()) {} })()"
            )
            time.sleep(0.05)
            measured.append({"slide": number + 1, **page.evaluate(MEASURE_SLIDE)})
        return measured


MEASURE_IMAGES = """Array.from(document.querySelectorAll('.reveal .slides img')).map(img => {
  const i = Reveal.getIndices(img.closest('section'));
  Reveal.slide(i.h, i.v);
  return [img.getAttribute('src'), img.naturalWidth, img.getBoundingClientRect().width];
})"""


def measure_diagrams(page: Page, viewport: dict = PROJECTOR) -> list[tuple[str, int, float]]:
    """(src, width of the PNG in pixels, width it is shown at in CSS px after reveal's scaling) of each image."""
    with at_viewport(page, viewport):
        return [tuple(image) for image in page.evaluate(MEASURE_IMAGES)]


def test_every_slide_is_readable_at_projector_size(page):
    problems = []
    for slide in measure_every_slide(page):
        where = f"slide {slide['slide']} ({slide['title']!r})"
        text_px, text_element = slide["text"]
        code_px, code_element = slide["code"]
        if text_px is not None and text_px < MIN_TEXT_PX:
            problems.append(f"{where}: text {text_px} px < {MIN_TEXT_PX}: {text_element}")
        if code_px is not None and code_px < MIN_CODE_PX:
            problems.append(f"{where}: code {code_px} px < {MIN_CODE_PX}: {code_element}")
        problems += [f"{where}: past the canvas: {element}" for element in slide["outside"]]
        problems += [f"{where}: cut off: {element}" for element in slide["clipped"]]
    assert problems == [], f"{len(problems)} problem(s) at 1024x768:\n" + "\n".join(problems)


def test_every_diagram_is_readable_at_projector_size(page):
    """A word of `points` in a figure `width_in` inches wide, shown `shown_px` CSS px wide, is
    points / 72 * shown_px / width_in px tall: at least MIN_TEXT_PX for each diagram's smallest text."""
    sizes = diagrams.text_sizes()  # name -> (smallest font size in pt, that text, figure width in inches)
    shown = measure_diagrams(page)
    assert len(shown) >= 7, shown
    problems = []
    for src, natural_px, shown_px in shown:
        name = src.removeprefix("figures/").removesuffix(".png")
        if name not in sizes:
            problems.append(f"{src}: not drawn by slides/diagrams.py, its text size is unknown")
            continue
        points, text, width_in = sizes[name]
        if natural_px != round(width_in * diagrams.DPI):
            problems.append(f"{name}: the PNG is {natural_px} px wide, not {width_in} in at {diagrams.DPI} dpi")
        px = diagrams.screen_px(points, width_in, shown_px)
        if px < MIN_TEXT_PX:
            problems.append(
                f"{name}: {text!r} at {points} pt in a {width_in} in wide figure shown {shown_px:.0f} px wide "
                f"comes out at {px:.1f} px < {MIN_TEXT_PX}"
            )
    widest = max(shown_px for _, _, shown_px in shown)
    if abs(widest - diagrams.SHOWN_PX) > 1:  # what tests/unit/test_slides_diagrams.py assumes
        problems.append(f"the widest diagram is shown {widest:.1f} px wide, diagrams.SHOWN_PX says {diagrams.SHOWN_PX}")
    assert problems == [], f"{len(problems)} diagram(s) unreadable at 1024x768:\n" + "\n".join(problems)
